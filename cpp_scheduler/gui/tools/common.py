"""What the coordinator's tools share: the colours of a day's parts and small helpers.

The colours follow the meeting planners coordinators know: green for working hours,
amber for the wider hours still acceptable, slate for the night, rose for a holiday or
a weekend at home, grey hatching for a time somebody is already booked.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.scheduling.localtimes import DayPart


class CellState(StrEnum):
    """What one hour is for one attendee, as the slot finder's grid colours it."""

    WORKING = "working"
    EXTENDED = "extended"
    NIGHT = "night"
    DAY_OFF = "day_off"
    BUSY = "busy"

    @property
    def label(self) -> str:
        return {
            CellState.WORKING: translate("Tools", "working hours"),
            CellState.EXTENDED: translate("Tools", "acceptable hours"),
            CellState.NIGHT: translate("Tools", "night"),
            CellState.DAY_OFF: translate("Tools", "holiday or weekend"),
            CellState.BUSY: translate("Tools", "already booked"),
        }[self]

    @classmethod
    def of(cls, part: DayPart) -> CellState:
        return {
            DayPart.WORKING: cls.WORKING,
            DayPart.EXTENDED: cls.EXTENDED,
            DayPart.NIGHT: cls.NIGHT,
        }[part]


BACKGROUNDS = {
    CellState.WORKING: "#d4efdc",
    CellState.EXTENDED: "#fdebb8",
    CellState.NIGHT: "#d5dae6",
    CellState.DAY_OFF: "#f6d3e1",
    CellState.BUSY: "#b9bec6",
}
FOREGROUNDS = {
    CellState.WORKING: "#136c2e",
    CellState.EXTENDED: "#7a5300",
    CellState.NIGHT: "#36415a",
    CellState.DAY_OFF: "#8a1c4a",
    CellState.BUSY: "#2f3338",
}
PART_LABELS = {
    DayPart.WORKING: QT_TRANSLATE_NOOP("Tools", "Working hours"),
    DayPart.EXTENDED: QT_TRANSLATE_NOOP("Tools", "Acceptable hours"),
    DayPart.NIGHT: QT_TRANSLATE_NOOP("Tools", "Night"),
}
WARNING_BACKGROUND = "#fce8e6"
WARNING_TEXT = "#a50e0e"


def background(state: CellState) -> QColor:
    return QColor(BACKGROUNDS[state])


def foreground(state: CellState) -> QColor:
    return QColor(FOREGROUNDS[state])


def legend(parent: QWidget, states: tuple[CellState, ...] = tuple(CellState)) -> QLabel:
    """A one-line key to the colours, as rich text."""
    items = "".join(
        f"<span style='background:{BACKGROUNDS[state]}; color:{FOREGROUNDS[state]};'>"
        f"&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;{state.label}&nbsp;&nbsp;&nbsp;"
        for state in states
    )
    label = QLabel(items, parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setObjectName("legend")
    return label


def offset_text(days: int) -> str:
    """``same day``, ``+1 day``, ``-1 day``: a clock's date against the event's own."""
    if days == 0:
        return translate("Tools", "same day")
    if abs(days) > 1:
        return translate("Tools", "{days} days").format(days=f"{days:+d}")
    return translate("Tools", "{days} day").format(days=f"{days:+d}")


AnyIndex = QModelIndex | QPersistentModelIndex


class HeaderedTableModel(QAbstractTableModel):
    """A flat table with fixed column headings: the shape of every tool's list.

    Subclasses name their columns in ``headers`` and may word a heading for the data
    shown (:meth:`header_text`); rows and cells are theirs.
    """

    headers: ClassVar[tuple[str, ...]] = ()

    def header_text(self, section: int) -> str:
        return translate("Headers", self.headers[section])

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.header_text(section)
        return None


def short_name(name: str, room: int) -> str:
    """``Peru`` for ``Peru: Ministry of Housing, ...`` when the whole name is longer than
    ``room`` characters: what fits a row's label (its tooltip has it all)."""
    head, colon, _rest = name.partition(":")
    return head if colon and len(name) > room else name
