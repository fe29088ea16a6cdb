"""The Series tab of a weekly series that crosses many clock changes, on a 1366x768
laptop: a Sunday 01:30 New York series happens twice each November, so the tab says
why each November meeting cannot be placed, one reason a line, and asks when each
starts. The tab's page scrolls as a whole: every reason is read whole and every
question can be reached and answered, in English and in Japanese (whose reasons take
more lines); in a roomy dialog with one question, nothing scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from dialog_helpers import error_text
from gui_support import open_dialog
from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.store import Database

NEW_YORK = timezones.WASHINGTON
#: Sunday 24 October 2027, 01:30 EDT.
FIRST_SUNDAY = datetime(2027, 10, 24, 1, 30)
LAPTOP = (720, 768 - 40)
"""The dialog at its narrowest, as tall as a 1366x768 screen leaves a window under its
title bar."""


def wall_clock(value: datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute),
        QTimeZone(QTimeZone.Initialization.UTC),
    )


def laid_out(dialog: EventDialog, width: int, height: int) -> None:
    dialog.resize(width, height)
    for _ in range(3):  # wrapped lines settle at their new width
        QApplication.processEvents()


def scrolled_to(widget: QWidget) -> None:
    """Scroll the page ``widget`` is on until it is in sight, as the wheel would."""
    parent = widget.parentWidget()
    while parent is not None:
        page = parent.widget() if isinstance(parent, QScrollArea) else None
        if page is not None and page.isAncestorOf(widget):
            parent.ensureWidgetVisible(widget, 0, 0)
            QApplication.processEvents()
            return
        parent = parent.parentWidget()


def whole_in_sight(widget: QWidget) -> bool:
    """Nothing of ``widget`` is cut by the view it scrolls in or the dialog's edge."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    """The window's language for the test, English again after it."""
    chosen: str = request.param
    translations.install(chosen)
    yield chosen
    translations.install(i18n.ENGLISH)


@pytest.mark.parametrize(
    ("language", "meetings", "last_november"),
    [
        (i18n.ENGLISH, 500, "2036-11-02"),  # the longest series: ten Novembers
        (i18n.JAPANESE, 300, "2032-11-07"),  # into 2033: six Novembers
    ],
    indirect=["language"],
)
def test_every_reason_and_question_of_a_long_series_is_reached_on_a_laptop(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
    language: str,
    meetings: int,
    last_november: str,
) -> None:
    dialog = open_dialog(qtbot, EventDialog, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Sunday night check-in with Washington")
    type_into(ui.zone, NEW_YORK)
    ui.start.setDateTime(wall_clock(FIRST_SUNDAY))
    ui.end.setDateTime(wall_clock(FIRST_SUNDAY.replace(hour=2)))
    ui.tabs.setCurrentWidget(ui.seriesTab)
    ui.recurrence.setRule(f"FREQ=WEEKLY;BYDAY=SU;COUNT={meetings}", NEW_YORK)
    laid_out(dialog, *LAPTOP)

    reasons = dialog.validator.errorLabel("recurrence_rule")
    lines = error_text(dialog, "recurrence_rule").splitlines()
    novembers = int(last_november[:4]) - FIRST_SUNDAY.year + 1
    assert len(lines) == novembers
    assert f"{last_november} 01:30" in lines[-1]
    choices = list(dialog.meeting_choices.values())
    assert len(choices) == novembers

    # The reasons are never squeezed: each line has its room, and the last is in sight.
    assert reasons.height() >= reasons.heightForWidth(reasons.width())
    scrolled_to(reasons)
    assert whole_in_sight(reasons)
    last = choices[-1]
    for answer in (last.earlier, last.later):
        scrolled_to(answer)
        assert whole_in_sight(answer), answer.text()
    on_its_circle = QPoint(last.later.height() // 2, last.later.height() // 2)
    qtbot.mouseClick(last.later, Qt.MouseButton.LeftButton, pos=on_its_circle)
    assert last.fold() is timezones.Fold.LATER

    # A roomy dialog with one question shows the tab whole: no scroll bar in sight.
    ui.recurrence.setRule("FREQ=WEEKLY;BYDAY=SU;COUNT=3", NEW_YORK)
    laid_out(dialog, 1920, 1080 - 40)
    (question,) = dialog.meeting_choices.values()
    assert whole_in_sight(question)
    scrolling = ui.seriesTab.findChildren(QAbstractScrollArea)
    assert scrolling
    assert not any(area.verticalScrollBar().isVisible() for area in scrolling)
    assert not any(area.horizontalScrollBar().isVisible() for area in scrolling)
