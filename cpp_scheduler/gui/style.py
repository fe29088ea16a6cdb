"""Colours, fonts and sizes shared by the views: one place for the calendar's look.

Calm, low-saturation colours by kind of event, after the palettes of the common desktop
calendars; status changes the fill, never the hue, so a kind stays recognisable.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication

from cpp_scheduler.model import EventKind, EventStatus
from cpp_scheduler.resources import resource_path

KIND_COLOURS: dict[EventKind, str] = {
    EventKind.CONFERENCE: "#3b6fd4",
    EventKind.WORKSHOP: "#2f9a6a",
    EventKind.SITE_VISIT: "#d9822b",
    EventKind.VIDEOCONFERENCE: "#8a5cc2",
}

TEXT = "#202124"
MUTED_TEXT = "#5f6368"
"""Secondary text (a venue's Japanese name, the hours): 6:1 on white, past the 4.5:1 that
WCAG AA asks of small text."""
GRID_LINE = "#e3e5e8"
HALF_HOUR_LINE = "#f1f2f4"
WEEKEND = "#f8f9fa"
TODAY = "#1a73e8"
TODAY_TINT = "#e8f0fe"
NOW_LINE = "#d93025"
HEADER_BACKGROUND = "#ffffff"
CONFLICT = "#d93025"

#: Fonts tried in turn for Japanese names when the main font lacks the characters.
CJK_FAMILIES = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "Yu Gothic",
    "Hiragino Sans",
    "MS Gothic",
)
UI_FAMILIES = ("Noto Sans", "Segoe UI", "Helvetica Neue", "DejaVu Sans")


def kind_colour(kind: EventKind) -> QColor:
    return QColor(KIND_COLOURS.get(kind, "#5f6368"))


def event_colours(kind: EventKind, status: EventStatus) -> tuple[QColor, QColor, QColor]:
    """Fill, border and text colours of an event block."""
    base = kind_colour(kind)
    if status is EventStatus.CANCELLED:
        return QColor("#f1f3f4"), QColor("#bdc1c6"), QColor(MUTED_TEXT)
    if status is EventStatus.TENTATIVE:
        fill = QColor(base)
        fill.setAlpha(34)
        # The kind's hue, dark enough to read at 4.5:1 on its tint over white, a weekend
        # or today (the orange of a site visit is the lightest).
        return fill, base, base.darker(150)
    return base, base.darker(115), QColor("#ffffff")


def install_fonts(app: QApplication) -> None:
    """Use a clean sans-serif with a Japanese fallback, so city names never show boxes.

    Qt takes the first family of the list that the system has, for each character, so
    the list is given whole: asking the font database which are installed would cost
    a noticeable moment at start.
    """
    font = QFont(app.font())
    font.setFamilies([*UI_FAMILIES, *CJK_FAMILIES])
    if font.pointSizeF() < 9.5:
        font.setPointSizeF(9.5)
    app.setFont(font)


@cache
def window_style_sheet() -> str:
    """The main window's style sheet, shipped in ``resources/styles``."""
    return resource_path("styles", "main-window.qss").read_text(encoding="utf-8")


def application_icon() -> QIcon:
    """The program's icon for the window and the task bar, from ``resources/icons``."""
    icon = QIcon(str(resource_path("icons", "cpp-scheduler.svg")))
    if icon.isNull():
        raise FileNotFoundError("resources/icons/cpp-scheduler.svg cannot be read as an icon")
    return icon
