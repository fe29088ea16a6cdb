"""The event dialog's Series tab says, before the save, what a new rule does to the
series' cancelled and moved meetings; the save carries them over, and undo restores."""

from __future__ import annotations

from datetime import datetime

from gui_support import open_dialog, save_event_dialog, settle_editor
from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.model import Event
from cpp_scheduler.services import demo, editing
from cpp_scheduler.store import Database

TOKYO = "Asia/Tokyo"


def tokyo(month: int, day: int, hour: int = 17, minute: int = 0) -> datetime:
    return timezones.to_utc(datetime(2027, month, day, hour, minute), TOKYO)


def meetings(database: Database, event_id: str) -> list[tuple[datetime, bool]]:
    """Each meeting the series holds now: its start, and whether it was moved."""
    with database.reading() as session:
        event = editing.get_record(session, Event, event_id)
        return [(occurrence.start, occurrence.moved) for occurrence in event.occurrences()]


def test_a_third_thursday_keeps_february_cancelled_takes_mays_move_and_undo_restores(
    qtbot: QtBot, sqlite_database: Database, editor: Editor
) -> None:
    demo.load_demo(sqlite_database)
    event_id = demo.demo_id("event", demo.SERIES)
    as_it_was = meetings(sqlite_database, event_id)
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.seriesTab)
    assert not dialog.seriesChanges.isVisible()

    # Thursday 21 January: the series becomes "monthly on the third Thursday".
    utc = QTimeZone(QTimeZone.Initialization.UTC)
    dialog.ui.start.setDateTime(QDateTime(QDate(2027, 1, 21), QTime(17, 0), utc))
    assert dialog.values()["recurrence_rule"] == "FREQ=MONTHLY;BYDAY=3TH;COUNT=6"
    assert dialog.seriesChanges.isVisible()
    assert dialog.seriesChanges.text().splitlines() == [
        "The cancelled meeting of Wed 17 Feb 2027 follows to Thu 18 Feb 2027: it stays cancelled.",
        "The meeting of Wed 19 May 2027 moved to Thu 20 May 2027 17:00 follows to "
        "Thu 20 May 2027, which the series now holds at that time: it is no longer moved.",
    ]

    save_event_dialog(editor, dialog, event_id)
    settle_editor(qtbot, editor)
    assert editor.stack.count() == 1
    now = meetings(sqlite_database, event_id)
    assert tokyo(2, 18) not in [start for start, _moved in now]  # the conference week
    assert (tokyo(5, 20), False) in now  # where the rule holds it: no "(moved)"
    assert [start for start, _moved in now] == [
        tokyo(1, 21),
        tokyo(3, 18),
        tokyo(4, 15),
        tokyo(5, 20),
        tokyo(6, 17),
    ]

    editor.stack.undo()
    settle_editor(qtbot, editor)
    assert meetings(sqlite_database, event_id) == as_it_was
    with sqlite_database.reading() as session:
        changes = editing.get_record(session, Event, event_id).changes
        assert sorted(change.recurrence_id for change in changes) == [tokyo(2, 17), tokyo(5, 19)]


def test_a_rule_with_no_counterpart_says_the_changes_are_set_aside(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    demo.load_demo(sqlite_database)
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, demo.demo_id("event", demo.SERIES))

    dialog.ui.recurrence.setRule("FREQ=WEEKLY;COUNT=20;BYDAY=TH", TOKYO)

    assert dialog.seriesChanges.text().splitlines() == [
        "The cancelled meeting of Wed 17 Feb 2027 is set aside while the series has no "
        "meeting then; it applies again if the series meets then.",
        "The meeting of Wed 19 May 2027 moved to Thu 20 May 2027 17:00 is set aside while "
        "the series has no meeting then; it applies again if the series meets then.",
    ]
    assert dialog.seriesChanges.property("role") == "warning"
