"""Editing a series and its meetings in the window, with the real event dialog over a
real SQLite file: what the dialog says of the changed meetings and of the meeting it was
opened from, what stays selected, the questions and refusals of one meeting, and what
`events list --json` gives afterwards."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from gui_support import Messages, add_event, rows_read
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.window_editing import open_editor
from cpp_scheduler.services import series
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database, open_database

ZONE = timezones.TOKYO
FIRST = datetime(2027, 3, 1, 9)
"""Monday 1 March 2027, 09:00 in Tokyo: the first of six weekly meetings."""
WEEK = timedelta(days=7)


@pytest.fixture
def program_file(tmp_path: Path) -> Iterator[tuple[Path, Database]]:
    path = tmp_path / "program.sqlite"
    database = open_database(path)
    yield path, database
    database.close()


def _window(qtbot: QtBot, database: Database, messages: Messages) -> MainWindow:
    """The main window with the real editor dialogs, on the week of the series."""
    window = MainWindow(database, dialog_factory=open_editor)
    window.report_error = lambda title, message: messages.errors.append(  # type: ignore[method-assign]
        (title, message)
    )
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
        window.show()
    window.go_to(FIRST.date())
    rows_read(window)
    return window


def _listed(path: Path) -> list[dict[str, Any]]:
    """What ``cpp-scheduler events list --json`` gives of the program."""
    done = subprocess.run(
        [sys.executable, "-m", "cpp_scheduler", "--db", str(path), "events", "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(done.stdout))


def _local_starts(path: Path) -> list[str]:
    return [f"{row['local_start'][:16]}{' moved' if row['moved'] else ''}" for row in _listed(path)]


def _utc(local: datetime) -> datetime:
    return timezones.to_utc(local, ZONE)


def _weekly(database: Database, count: int = 6) -> str:
    return add_event(
        database,
        "Kobe weekly sync",
        _utc(FIRST),
        1,
        zone=ZONE,
        recurrence_rule=f"FREQ=WEEKLY;COUNT={count}",
    )


def _answer_dialogs(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, *steps: Callable[[EventDialog], None]
) -> list[EventDialog]:
    """The event dialogs the window opens next, each shown with its record and lists
    in, then typed into by the next of ``steps`` and accepted."""
    opened: list[EventDialog] = []
    pending = list(steps)

    def type_and_accept(dialog: EventDialog) -> int:
        dialog.show()  # the window's child, deleted by the window once saved
        qtbot.waitUntil(lambda: dialog.lists_ready() and dialog.record_ready(), timeout=10_000)
        opened.append(dialog)
        pending.pop(0)(dialog)
        assert dialog.problems() == []
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(EventDialog, "exec", type_and_accept)
    return opened


def test_changes_a_shorter_series_sets_aside_come_back_with_their_words(
    program_file: tuple[Path, Database],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, database = program_file
    messages = Messages()
    event_id = _weekly(database)
    window = _window(qtbot, database, messages)
    fifth = _utc(FIRST + 4 * WEEK)
    sixth = _utc(FIRST + 5 * WEEK)
    window.move_event(
        event_id, fifth + timedelta(days=1), fifth + timedelta(days=1, hours=1), fifth
    )
    rows_read(window)
    held = series.meeting(database, event_id, sixth)
    from cpp_scheduler.gui.commands import cancel_meeting

    window.editor.execute(cancel_meeting(window.editor, held, window.display_zone))
    rows_read(window)
    said: list[str] = []

    def count_to(count: int) -> Callable[[EventDialog], None]:
        def step(dialog: EventDialog) -> None:
            dialog.ui.recurrence.count.setValue(count)
            said.append(dialog.seriesChanges.text() if not dialog.seriesChanges.isHidden() else "")

        return step

    _answer_dialogs(qtbot, monkeypatch, count_to(3), count_to(6))
    window.edit_event(event_id)
    rows_read(window)
    assert _local_starts(path) == [
        "2027-03-01T09:00",
        "2027-03-08T09:00",
        "2027-03-15T09:00",
    ]
    window.edit_event(event_id)
    rows_read(window)
    assert messages.errors == []
    assert said[0] == (
        "The meeting of Mon 29 Mar 2027 moved to Tue 30 Mar 2027 09:00 is set aside while "
        "the series has no meeting then; it applies again if the series meets then.\n"
        "The cancelled meeting of Mon 05 Apr 2027 is set aside while the series has no "
        "meeting then; it applies again if the series meets then."
    )
    assert said[1] == (
        "The meeting of Mon 29 Mar 2027 moved to Tue 30 Mar 2027 09:00, set aside, applies "
        "again: it keeps its moved time.\n"
        "The cancelled meeting of Mon 05 Apr 2027, set aside, applies again: it stays "
        "cancelled."
    )
    assert _local_starts(path) == [
        "2027-03-01T09:00",
        "2027-03-08T09:00",
        "2027-03-15T09:00",
        "2027-03-22T09:00",
        "2027-03-30T09:00 moved",
    ]


def test_editing_from_a_moved_meeting_keeps_it_selected_and_says_the_whole_series(
    program_file: tuple[Path, Database],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, database = program_file
    messages = Messages()
    event_id = _weekly(database)
    window = _window(qtbot, database, messages)
    second = _utc(FIRST + WEEK)
    moved_to = _utc(datetime(2027, 3, 16, 14))  # Tue 16 Mar
    window.move_event(event_id, moved_to, moved_to + timedelta(hours=1), second)
    rows_read(window)
    meeting = OccurrenceKey(event_id, second)
    window.go_to(moved_to.date())
    rows_read(window)
    window.select_occurrence(meeting)
    notes: list[str] = []

    def retitle(dialog: EventDialog) -> None:
        assert window.selected_occurrence == meeting  # the dock and Cancel follow it still
        notes.append(dialog.wholeSeries.text() if not dialog.wholeSeries.isHidden() else "")
        dialog.ui.title.setText("Kobe weekly exchange")

    _answer_dialogs(qtbot, monkeypatch, retitle)
    window.edit_selected()
    rows_read(window)
    assert notes == [
        "Editing the whole series: every meeting changes with it. This meeting "
        "(Tue 16 Mar) can be moved or cancelled alone from the calendar."
    ]
    assert window.selected_occurrence == meeting
    assert {row["title"] for row in _listed(path)} == {"Kobe weekly exchange"}

    window.select_event(None)
    hidden: list[bool] = []
    _answer_dialogs(qtbot, monkeypatch, lambda dialog: hidden.append(dialog.wholeSeries.isHidden()))
    window.edit_event(event_id)  # a series chosen as a whole: no one meeting to speak of
    rows_read(window)
    assert hidden == [True]


def test_a_meeting_dragged_past_the_last_day_is_refused_in_one_line_naming_it(
    program_file: tuple[Path, Database], qtbot: QtBot
) -> None:
    path, database = program_file
    messages = Messages()
    event_id = _weekly(database, count=3)
    window = _window(qtbot, database, messages)
    second = _utc(FIRST + WEEK)
    far = datetime(2350, 6, 1, 1, tzinfo=UTC)
    window.move_event(event_id, far, far + timedelta(hours=1), second)
    rows_read(window)
    assert messages.errors == [
        (
            "Cannot move the event",
            "the 08 Mar 2027 meeting of 'Kobe weekly sync': The moved meeting's start "
            "(2350-06-01 01:00 UTC) is outside the dates the program plans for "
            "(1900-01-01 to 2199-12-31).",
        )
    ]
    assert _local_starts(path) == ["2027-03-01T09:00", "2027-03-08T09:00", "2027-03-15T09:00"]


def _cancel_chosen(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Answer the list of meetings with the one selected in it; what it offered."""
    offered: list[list[str]] = []

    def the_selected(*args: Any) -> tuple[str, bool]:
        labels = list(args[3])
        offered.append(labels)
        return labels[args[4]], True

    monkeypatch.setattr(QInputDialog, "getItem", the_selected)
    return offered


def _last_meeting_question(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    found: list[QMessageBox] = []

    def asked() -> bool:
        found[:] = [
            box for box in window.findChildren(QMessageBox, "lastMeeting") if box.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(asked, timeout=10_000)
    return found[0]


def _button(box: QMessageBox, text: str) -> Any:
    return next(button for button in box.buttons() if button.text() == text)


@pytest.mark.parametrize("answer", ["Cancel the whole event", "Cancel the meeting anyway"])
def test_the_last_meeting_held_asks_to_cancel_the_whole_event_instead(
    program_file: tuple[Path, Database],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
) -> None:
    path, database = program_file
    messages = Messages()
    event_id = _weekly(database, count=2)
    window = _window(qtbot, database, messages)
    _cancel_chosen(window, monkeypatch)
    window.select_occurrence(OccurrenceKey(event_id, _utc(FIRST)))
    window.cancel_meeting_action.trigger()
    rows_read(window)
    assert window.findChildren(QMessageBox, "lastMeeting") == []  # one more meeting held
    assert _local_starts(path) == ["2027-03-08T09:00"]

    window.select_occurrence(OccurrenceKey(event_id, _utc(FIRST + WEEK)))
    window.cancel_meeting_action.trigger()
    box = _last_meeting_question(qtbot, window)
    assert box.text() == (
        "The meeting of Mon 08 Mar 2027  09:00 is the last of 'Kobe weekly sync' still held."
    )
    assert "no longer show it" in box.informativeText()
    _button(box, answer).click()
    rows_read(window)
    listed = _listed(path)
    if answer == "Cancel the whole event":
        assert [(row["local_start"][:16], row["status"]) for row in listed] == [
            ("2027-03-08T09:00", "cancelled")
        ]
        assert window.undo_action.text() == "Undo Cancel event 'Kobe weekly sync'"
    else:
        assert listed == []
        assert window.undo_action.text() == "Undo Cancel the 08 Mar meeting of 'Kobe weekly sync'"
    assert messages.errors == []


def test_all_day_turned_on_and_off_again_gives_back_a_three_day_events_times(
    program_file: tuple[Path, Database],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, database = program_file
    messages = Messages()
    event_id = add_event(database, "Kobe resilience days", _utc(FIRST), 3 * 24 + 8, zone=ZONE)
    window = _window(qtbot, database, messages)
    shown: list[tuple[str, str]] = []

    def tick_and_untick(dialog: EventDialog) -> None:
        dialog.ui.allDay.click()
        dialog.ui.allDay.click()
        shown.append((dialog.ui.start.text(), dialog.ui.end.text()))

    _answer_dialogs(qtbot, monkeypatch, tick_and_untick)
    window.edit_event(event_id)
    rows_read(window)
    assert shown == [("Mon 1 Mar 2027  09:00", "Thu 4 Mar 2027  17:00")]
    listed = _listed(path)
    assert [(row["local_start"][:16], row["local_end"][:16]) for row in listed] == [
        ("2027-03-01T09:00", "2027-03-04T17:00")
    ]


def test_the_meeting_the_dialog_speaks_of_is_on_the_day_the_calendar_shows_it(
    program_file: tuple[Path, Database],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A weekly meeting planned in New York on Monday 20:00 is on Tuesday morning on
    Tokyo's clock, which the window shows: the dialog opened from it names Tuesday, the
    day the coordinator double-clicked and the day Delete and "Cancel one meeting" name."""
    _path, database = program_file
    messages = Messages()
    new_york = "America/New_York"
    first = timezones.to_utc(datetime(2027, 3, 1, 20), new_york)  # Mon 1 Mar, 20:00 EST
    event_id = add_event(
        database,
        "Washington check-in",
        first,
        1,
        zone=new_york,
        recurrence_rule="FREQ=WEEKLY;COUNT=4",
    )
    window = _window(qtbot, database, messages)
    assert window.display_zone == timezones.TOKYO
    window.select_occurrence(OccurrenceKey(event_id, first))
    notes: list[str] = []
    _answer_dialogs(qtbot, monkeypatch, lambda dialog: notes.append(dialog.wholeSeries.text()))
    window.edit_selected()
    rows_read(window)
    assert notes == [
        "Editing the whole series: every meeting changes with it. This meeting "
        "(Tue 02 Mar) can be moved or cancelled alone from the calendar."
    ]
