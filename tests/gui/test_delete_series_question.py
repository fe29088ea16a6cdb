"""Delete with one meeting of a series selected deletes the whole series: the question
says so, with the number of meetings that go (as ``events list`` counts them), and that
cancelling that one meeting is the way to drop it alone. A one-off event's question is
as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from gui_support import JANUARY_NINE_TOKYO, Messages, add_event, rows_read
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.services import series as meetings
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database

WindowFactory = Callable[[Database], MainWindow]

TITLE = "Monthly resilience exchange"
#: Tuesday 12 January 2027, 17:00 in Tokyo: the first of six weekly meetings.
FIRST = JANUARY_NINE_TOKYO + timedelta(hours=8)
WEEK = timedelta(days=7)


def listed_meetings(path: Path, capsys: pytest.CaptureFixture[str]) -> int:
    """How many meetings of the series ``events list`` lists."""
    capsys.readouterr()
    assert main(["events", "list", "--db", str(path), "--from", "2027-01-01"]) == 0
    return sum(TITLE in line for line in capsys.readouterr().out.splitlines())


def test_delete_on_a_meeting_of_a_series_says_every_meeting_goes_and_how_to_drop_one(
    program: Database,
    make_window: WindowFactory,
    qtbot: QtBot,
    messages: Messages,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    series = add_event(program, TITLE, FIRST, 1.5, recurrence_rule="FREQ=WEEKLY;COUNT=6")
    version = meetings.meetings(program, series).version
    meetings.cancel_meeting(program, series, FIRST + 4 * WEEK, version)  # 9 Feb is off
    assert listed_meetings(tmp_path / "program.sqlite", capsys) == 5

    window = make_window(program)
    window.select_occurrence(OccurrenceKey(series, FIRST + 2 * WEEK))  # Tue 26 Jan
    messages.answer = False
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(messages.questions), timeout=10_000)
    assert messages.questions[-1] == (
        f"Delete the event '{TITLE}'?\n\n"
        "Its links to other records go with it. You can undo this (Ctrl+Z).\n\n"
        f"'{TITLE}' is a series: deleting it deletes all its 5 meetings.\n\n"
        "To call off only the meeting of Tue 26 Jan 2027, cancel that meeting instead "
        "(Edit > Cancel one meeting of the series…)."
    )
    rows_read(window)
    assert sum(row.event_id == series for row in window.events.rows()) == 5  # still there


def test_delete_on_a_one_off_event_asks_as_ever(
    window: MainWindow, qtbot: QtBot, messages: Messages
) -> None:
    [workshop] = [row for row in window.events.rows() if row.title == "Kobe DRR workshop"]
    window.select_event(workshop.event_id)
    messages.answer = False
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(messages.questions), timeout=10_000)
    assert messages.questions[-1] == (
        "Delete the event 'Kobe DRR workshop'?\n\n"
        "Its links to other records go with it. You can undo this (Ctrl+Z)."
    )
