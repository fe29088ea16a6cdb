"""A meeting a stored series places on a clock time New York passes twice can be chosen
again on the Series tab: it is shown with its answer selected, another answer is saved
as the meeting's new placement (never a move), undo puts the old one back, and OK on a
dialog left as it was writes nothing.

In New York the clocks go back from 02:00 EDT to 01:00 EST on Sunday 7 November 2027:
01:30 happens twice, first at 05:30 UTC, then at 06:30 UTC.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from dialog_helpers import ok_button
from gui_support import open_dialog, save_event_dialog, settle_editor
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.model import Event, recurrence
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database

NEW_YORK = timezones.WASHINGTON
HOUR = timedelta(hours=1)
WEEK = timedelta(weeks=1)
#: Sunday 24 October 2027, 01:30 EDT; the third Sunday is 7 November.
FOLD_START = datetime(2027, 10, 24, 5, 30, tzinfo=UTC)
FIRST_READING = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # 01:30 EDT
SECOND_READING = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)  # 01:30 EST

Listed = tuple[datetime, datetime, bool]


def placed_series(database: Database) -> str:
    """A weekly series of three Sunday meetings at 01:30, the third placed at the first
    01:30 of 7 November, as the Series tab's answer or a calendar import writes it."""
    return editing.create(
        database,
        Event,
        {
            "title": "Sunday night check-in",
            "zone": NEW_YORK,
            "start_utc": FOLD_START,
            "end_utc": FOLD_START + HOUR,
            "recurrence_rule": "FREQ=WEEKLY;COUNT=3",
            editing.PLACED_MEETINGS: {
                FIRST_READING: recurrence.OccurrenceChange(
                    FIRST_READING, False, FIRST_READING, FIRST_READING + HOUR
                )
            },
        },
    )


def listed(path: Path, capsys: pytest.CaptureFixture[str]) -> list[Listed]:
    """Each meeting as ``events list --json`` gives it: start, end, marked moved."""
    assert main(["--db", str(path), "events", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    return [
        (datetime.fromisoformat(row["start"]), datetime.fromisoformat(row["end"]), row["moved"])
        for row in rows
    ]


def held(*starts: datetime) -> list[Listed]:
    return [(start, start + HOUR, False) for start in starts]


def click(qtbot: QtBot, button: QRadioButton) -> None:
    """Click ``button`` on its round mark, where a coordinator clicks it (its middle may
    lie past its text on a wide panel, which takes no click)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))


def save(editor: Editor, dialog: EventDialog, event_id: str) -> None:
    """Save ``dialog`` as the window does, on the window's undo stack."""
    save_event_dialog(editor, dialog, event_id)


def test_the_placed_meeting_is_shown_chosen_and_choosing_the_second_time_saves_it(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    editor: Editor,
    capsys: pytest.CaptureFixture[str],
) -> None:
    event_id = placed_series(sqlite_database)
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.seriesTab)

    assert not dialog.meetingQuestions.isVisible()  # nothing left unanswered
    assert dialog.placedMeetings.isVisible()
    (choice,) = dialog.placed_choices.values()
    assert "01:30 on Sun 07 Nov 2027 happens twice in America/New_York" in choice.message.text()
    assert choice.earlier.text() == "01:30 EDT (UTC-04:00) = 05:30 UTC: the first time"
    assert choice.earlier.isChecked()
    assert not choice.later.isChecked()
    assert ok_button(dialog).isEnabled()

    click(qtbot, choice.later)
    assert ok_button(dialog).isEnabled()
    save(editor, dialog, event_id)
    settle_editor(qtbot, editor)
    assert editor.stack.count() == 1
    assert listed(sqlite_path, capsys) == held(FOLD_START, FOLD_START + WEEK, SECOND_READING)

    editor.stack.undo()
    settle_editor(qtbot, editor)
    assert listed(sqlite_path, capsys) == held(FOLD_START, FOLD_START + WEEK, FIRST_READING)

    editor.stack.redo()
    settle_editor(qtbot, editor)
    assert listed(sqlite_path, capsys) == held(FOLD_START, FOLD_START + WEEK, SECOND_READING)

    again = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    (reopened,) = again.placed_choices.values()
    assert reopened.later.isChecked()


def test_ok_on_the_dialog_left_as_it_was_writes_nothing(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    editor: Editor,
    capsys: pytest.CaptureFixture[str],
) -> None:
    event_id = placed_series(sqlite_database)
    version = editing.stored(sqlite_database, Event, event_id).version
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.seriesTab)
    assert dialog.placedMeetings.isVisible()
    assert editing.PLACED_MEETINGS not in dialog.values()

    save(editor, dialog, event_id)
    settle_editor(qtbot, editor)

    assert editing.stored(sqlite_database, Event, event_id).version == version
    assert editor.stack.count() == 0  # no undo step that would do nothing
    assert listed(sqlite_path, capsys) == held(FOLD_START, FOLD_START + WEEK, FIRST_READING)


def test_the_second_time_chosen_and_then_the_first_again_writes_nothing(
    qtbot: QtBot, sqlite_database: Database, editor: Editor
) -> None:
    event_id = placed_series(sqlite_database)
    version = editing.stored(sqlite_database, Event, event_id).version
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.seriesTab)
    (choice,) = dialog.placed_choices.values()
    click(qtbot, choice.later)
    assert choice.later.isChecked()
    click(qtbot, choice.earlier)
    assert choice.earlier.isChecked()

    save(editor, dialog, event_id)
    settle_editor(qtbot, editor)

    assert editing.stored(sqlite_database, Event, event_id).version == version
    assert editor.stack.count() == 0


def test_a_meeting_moved_to_the_second_time_for_longer_is_not_offered(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    event_id = placed_series(sqlite_database)
    longer = {
        FIRST_READING: recurrence.OccurrenceChange(
            FIRST_READING, False, SECOND_READING, SECOND_READING + 2 * HOUR
        )
    }
    version = editing.stored(sqlite_database, Event, event_id).version
    editing.change(sqlite_database, Event, event_id, {editing.PLACED_MEETINGS: longer}, version)

    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.seriesTab)

    assert not dialog.placedMeetings.isVisible()
    assert not dialog.placed_choices
    assert not dialog.meetingQuestions.isVisible()
