"""A weekly series whose later meeting starts at a clock time New York skips or passes
twice: the Series tab asks which instant that meeting means, nothing chosen for the
coordinator, and Save waits until it is answered; the save writes the answer, and undo
takes it away with the edit.

In New York the clocks go back from 02:00 EDT to 01:00 EST on Sunday 7 November 2027
(01:30 happens twice) and jump from 02:00 EST to 03:00 EDT on Sunday 12 March 2028
(02:30 does not exist).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from dialog_helpers import error_text, ok_button
from gui_support import open_dialog, save_event_dialog, settle_editor
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.gui.commands import CreateRecord, Editor
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing, series
from cpp_scheduler.store import Database

NEW_YORK = timezones.WASHINGTON
HOUR = timedelta(hours=1)
WEEK = timedelta(weeks=1)
#: Sunday 24 October 2027, 01:30 EDT; the third Sunday is 7 November.
FOLD_START = datetime(2027, 10, 24, 5, 30, tzinfo=UTC)
FIRST_READING = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # 01:30 EDT
SECOND_READING = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)  # 01:30 EST
#: Sunday 27 February 2028, 02:30 EST; the third Sunday is 12 March.
GAP_START = datetime(2028, 2, 27, 7, 30, tzinfo=UTC)
BEFORE_JUMP = datetime(2028, 3, 12, 6, 30, tzinfo=UTC)  # 01:30 EST
AFTER_JUMP = datetime(2028, 3, 12, 7, 30, tzinfo=UTC)  # 03:30 EDT


def wall_clock(value: datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute),
        QTimeZone(QTimeZone.Initialization.UTC),
    )


def starts(database: Database, event_id: str) -> list[datetime]:
    """Each meeting of the stored series, as ``events list`` gives them."""
    return [meeting.start_utc for meeting in series.meetings(database, event_id).meetings]


def stored_series(database: Database, start: datetime) -> str:
    """A weekly series of two meetings, both on clock times that exist."""
    return editing.create(
        database,
        Event,
        {
            "title": "Sunday night check-in",
            "zone": NEW_YORK,
            "start_utc": start,
            "end_utc": start + HOUR,
            "recurrence_rule": "FREQ=WEEKLY;COUNT=2",
        },
    )


def edit(qtbot: QtBot, editor: Editor, dialog: EventDialog, event_id: str) -> None:
    """Save ``dialog`` as the window does: one undo step on the window's stack."""
    count = editor.stack.count()
    save_event_dialog(editor, dialog, event_id)
    settle_editor(qtbot, editor)
    assert editor.stack.count() == count + 1


def test_a_new_series_crossing_the_fold_asks_for_that_meeting_and_saves_the_second(
    qtbot: QtBot,
    sqlite_database: Database,
    editor: Editor,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    dialog = open_dialog(qtbot, EventDialog, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Sunday night check-in")
    type_into(ui.zone, NEW_YORK)
    ui.start.setDateTime(wall_clock(datetime(2027, 10, 24, 1, 30)))
    ui.end.setDateTime(wall_clock(datetime(2027, 10, 24, 2, 30)))
    ui.tabs.setCurrentWidget(ui.seriesTab)
    ui.recurrence.setRule("FREQ=WEEKLY;COUNT=3", NEW_YORK)

    assert dialog.meetingQuestions.isVisible()
    (choice,) = dialog.meeting_choices.values()
    assert "01:30 on Sun 07 Nov 2027 happens twice in America/New_York" in choice.message.text()
    assert choice.earlier.text() == "01:30 EDT (UTC-04:00) = 05:30 UTC: the first time"
    assert choice.later.text() == "01:30 EST (UTC-05:00) = 06:30 UTC: the second time"
    assert not choice.earlier.isChecked()
    assert not choice.later.isChecked()
    assert not ok_button(dialog).isEnabled()
    assert "choose 01:30 EDT (05:30 UTC) or 01:30 EST (06:30 UTC)" in error_text(
        dialog, "recurrence_rule"
    )

    qtbot.mouseClick(choice.later, Qt.MouseButton.LeftButton)
    assert error_text(dialog, "recurrence_rule") == ""
    accept(dialog)

    command = CreateRecord(editor, Event, dialog.values(), dialog.record_title())
    editor.execute(command)
    settle_editor(qtbot, editor)
    as_chosen = [FOLD_START, FOLD_START + WEEK, SECOND_READING]
    assert starts(sqlite_database, command.record_id) == as_chosen

    editor.stack.undo()
    settle_editor(qtbot, editor)
    with sqlite_database.reading() as session:
        assert session.get(Event, command.record_id) is None
    editor.stack.redo()
    settle_editor(qtbot, editor)
    assert starts(sqlite_database, command.record_id) == as_chosen


def test_a_longer_series_reaching_the_fold_saves_the_second_time_and_undo_takes_it_back(
    qtbot: QtBot, sqlite_database: Database, editor: Editor
) -> None:
    event_id = stored_series(sqlite_database, FOLD_START)
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.seriesTab)
    assert not dialog.meetingQuestions.isVisible()

    dialog.ui.recurrence.setRule("FREQ=WEEKLY;COUNT=3", NEW_YORK)
    (choice,) = dialog.meeting_choices.values()
    assert not ok_button(dialog).isEnabled()
    qtbot.mouseClick(choice.later, Qt.MouseButton.LeftButton)
    assert ok_button(dialog).isEnabled()

    edit(qtbot, editor, dialog, event_id)
    assert starts(sqlite_database, event_id) == [FOLD_START, FOLD_START + WEEK, SECOND_READING]

    editor.stack.undo()
    settle_editor(qtbot, editor)
    assert starts(sqlite_database, event_id) == [FOLD_START, FOLD_START + WEEK]
    with sqlite_database.reading() as session:
        assert editing.get_record(session, Event, event_id).changes == []

    editor.stack.redo()
    settle_editor(qtbot, editor)
    assert starts(sqlite_database, event_id) == [FOLD_START, FOLD_START + WEEK, SECOND_READING]


def test_a_series_reaching_the_gap_offers_the_clock_before_and_after_the_jump(
    qtbot: QtBot, sqlite_database: Database, editor: Editor
) -> None:
    event_id = stored_series(sqlite_database, GAP_START)
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.seriesTab)

    dialog.ui.recurrence.setRule("FREQ=WEEKLY;COUNT=3", NEW_YORK)
    (choice,) = dialog.meeting_choices.values()
    assert "02:30 on Sun 12 Mar 2028 does not exist in America/New_York" in choice.message.text()
    assert choice.earlier.text() == "01:30 EST (UTC-05:00) = 06:30 UTC: clock before the jump"
    assert choice.later.text() == "03:30 EDT (UTC-04:00) = 07:30 UTC: clock after the jump"
    assert choice.fold() is None
    assert not ok_button(dialog).isEnabled()

    qtbot.mouseClick(choice.earlier, Qt.MouseButton.LeftButton)
    edit(qtbot, editor, dialog, event_id)
    assert starts(sqlite_database, event_id) == [GAP_START, GAP_START + WEEK, BEFORE_JUMP]

    editor.stack.undo()
    settle_editor(qtbot, editor)
    assert starts(sqlite_database, event_id) == [GAP_START, GAP_START + WEEK]


def test_reopened_the_series_asks_nothing_and_keeps_the_meeting_chosen(
    qtbot: QtBot, sqlite_database: Database, editor: Editor
) -> None:
    event_id = stored_series(sqlite_database, FOLD_START)
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    dialog.ui.recurrence.setRule("FREQ=WEEKLY;COUNT=3", NEW_YORK)
    qtbot.mouseClick(next(iter(dialog.meeting_choices.values())).later, Qt.MouseButton.LeftButton)
    edit(qtbot, editor, dialog, event_id)

    again = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    again.ui.tabs.setCurrentWidget(again.ui.seriesTab)
    assert not again.meetingQuestions.isVisible()
    assert ok_button(again).isEnabled()
    qtbot.keyClicks(again.ui.title, " (TDLC)")
    edit(qtbot, editor, again, event_id)
    assert starts(sqlite_database, event_id) == [FOLD_START, FOLD_START + WEEK, SECOND_READING]


def test_a_series_whose_first_meeting_is_in_the_fold_saves_at_the_start_chosen(
    qtbot: QtBot,
    sqlite_database: Database,
    editor: Editor,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    dialog = open_dialog(qtbot, EventDialog, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Sunday night check-in")
    type_into(ui.zone, NEW_YORK)
    ui.start.setDateTime(wall_clock(datetime(2027, 11, 7, 1, 30)))
    ui.end.setDateTime(wall_clock(datetime(2027, 11, 7, 2, 30)))
    ui.recurrence.setRule("FREQ=WEEKLY;COUNT=2", NEW_YORK)
    assert not ok_button(dialog).isEnabled()
    qtbot.mouseClick(ui.startChoice.later, Qt.MouseButton.LeftButton)
    assert not dialog.meeting_choices  # the start's own question answers for it
    accept(dialog)

    command = CreateRecord(editor, Event, dialog.values(), dialog.record_title())
    editor.execute(command)
    settle_editor(qtbot, editor)
    later = datetime(2027, 11, 14, 6, 30, tzinfo=UTC)
    assert starts(sqlite_database, command.record_id) == [SECOND_READING, later]
