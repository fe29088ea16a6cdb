"""The list "Cancel one meeting of the series…" offers marks a meeting moved exactly where
the calendar and ``events list`` do: a meeting moved and then brought back to the time
and length its rule gives it is held where its rule puts it, "(moved)" nowhere, and one
brought back to its time for longer is "(moved)" in all three."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from gui_support import JANUARY_NINE_TOKYO, add_event, rows_read
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database

WindowFactory = Callable[[Database], MainWindow]

TITLE = "Monthly resilience exchange"
#: Tuesday 12 January 2027, 17:00 in Tokyo: the first of four weekly meetings.
FIRST = JANUARY_NINE_TOKYO + timedelta(hours=8)
WEEK = timedelta(days=7)


def test_a_meeting_moved_back_to_its_rules_time_is_listed_as_held_there(
    program: Database,
    make_window: WindowFactory,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    series = add_event(program, TITLE, FIRST, 1.5, recurrence_rule="FREQ=WEEKLY;COUNT=4")
    window = make_window(program)
    second = FIRST + WEEK  # Tue 19 Jan 17:00
    # Moved an hour later, then dragged back to 17:00: two steps, as a coordinator makes them.
    window.move_event(series, second + timedelta(hours=1), second + timedelta(hours=2.5), second)
    rows_read(window)
    window.move_event(series, second, second + timedelta(hours=1.5), second)
    rows_read(window)
    [shown] = [row for row in window.events.rows() if row.occurrence_key.recurrence_id == second]
    assert shown.shown_title == TITLE  # the calendar's word

    assert main(["events", "list", "--db", str(tmp_path / "program.sqlite"), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {item["recurrence_id"]: item["moved"] for item in listed if item["title"] == TITLE} == {
        "2027-01-12T08:00:00Z": False,
        "2027-01-19T08:00:00Z": False,
        "2027-01-26T08:00:00Z": False,
        "2027-02-02T08:00:00Z": False,
    }

    offered: list[list[str]] = []

    def nothing_chosen(*args: object) -> tuple[str, bool]:
        offered.append(list(args[3]))  # type: ignore[call-overload]
        return "", False

    monkeypatch.setattr(QInputDialog, "getItem", nothing_chosen)
    window.select_occurrence(OccurrenceKey(series, second))
    window.cancel_meeting_action.trigger()
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert offered[0] == [
        "Tue 12 Jan 2027  17:00",
        "Tue 19 Jan 2027  17:00",
        "Tue 26 Jan 2027  17:00",
        "Tue 02 Feb 2027  17:00",
    ]

    # Lengthened to two hours at its own time: a change of the meeting, "(moved)" in all.
    window.move_event(series, second, second + timedelta(hours=2), second)
    rows_read(window)
    [shown] = [row for row in window.events.rows() if row.occurrence_key.recurrence_id == second]
    assert shown.shown_title == f"{TITLE} (moved)"
    assert main(["events", "list", "--db", str(tmp_path / "program.sqlite"), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [
        item["moved"] for item in listed if item["recurrence_id"] == "2027-01-19T08:00:00Z"
    ] == [True]
    window.select_occurrence(OccurrenceKey(series, second))
    window.cancel_meeting_action.trigger()
    qtbot.waitUntil(lambda: len(offered) == 2, timeout=10_000)
    assert offered[1][1] == "Tue 19 Jan 2027  17:00 (moved)"
