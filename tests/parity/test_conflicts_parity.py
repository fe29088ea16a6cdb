"""The window says exactly what the engine says: the conflicts panel lists what
``cpp-scheduler conflicts --json`` lists over the same period, and the calendar marks
exactly the meetings the command names, on the demo program and on a generated one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from benchmarks.generate import generate_program
from cpp_scheduler import timezones
from cpp_scheduler.cli.conflicts import conflict_json
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, Participant
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle, tools_of
from tests.parity.conflicts_support import (
    conflicts_json,
    conflicts_last_line,
    meetings_of,
    store_generated_program,
)


@pytest.fixture(params=["demo", "generated"])
def program(request: pytest.FixtureRequest, sqlite_database: Database) -> date:
    """The program in the database, and a day whose month has conflicts."""
    if request.param == "demo":
        load_demo(sqlite_database)
        return date(2027, 5, 20)
    store_generated_program(
        sqlite_database,
        generate_program(events=150, delegations=10, participants=40, days=40),
    )
    return date(2027, 1, 20)


def _marked_keys(answer: dict[str, Any]) -> set[OccurrenceKey]:
    return {
        OccurrenceKey(
            event_id,
            None if recurrence is None else datetime.fromisoformat(recurrence),
        )
        for event_id, recurrence in meetings_of(answer)
    }


def _assert_same(window: MainWindow, answer: dict[str, Any], summed_up: str) -> None:
    """The panel lists, and the calendar marks, what the command's ``answer`` names; the
    status bar counts them in the words the command's last line (``summed_up``) says."""
    dock = tools_of(window).conflicts
    assert answer["conflicts"], "the program should have conflicts to compare"
    assert [conflict_json(c) for c in dock.model.conflicts] == answer["conflicts"]
    expected = _marked_keys(answer)
    assert window.events.marked_occurrences == expected
    marked_rows = {
        row.occurrence_key for row in window.events.rows() if window.events.is_marked(row)
    }
    named_rows = {row.occurrence_key for row in window.events.rows()} & expected
    assert marked_rows == named_rows
    count = tools_of(window).count_label.text()
    if tools_of(window).conflicts.checks_dates_shown:
        assert count == f"{summed_up} in the dates shown"
    else:
        assert count == summed_up


def test_the_panel_finds_what_the_command_finds_in_the_whole_program(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    open_window,
    program: date,
) -> None:
    window = open_window()
    answer = conflicts_json(capsys, sqlite_database)
    _assert_same(window, answer, conflicts_last_line(capsys, sqlite_database))


def test_the_panel_finds_what_the_command_finds_in_the_dates_shown(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    open_window,
    program: date,
) -> None:
    """In the Month view the dates shown are the month's own days, not the days of its
    neighbours that fill its six weeks: those the status bar counts and the exports
    take, and those the command is asked about."""
    window = open_window()
    window.set_display_zone(timezones.TOKYO)
    window.show_view("month")
    window.go_to(program)
    dock = tools_of(window).conflicts
    dock.scope.setCurrentText(dock.VISIBLE_RANGE)
    settle(qtbot, window)
    first, last = window.current_view.days_covered()
    assert (first.day, first.month, last.month) == (1, program.month, program.month)
    assert (last + timedelta(days=1)).day == 1
    days = ("--from", first.isoformat(), "--to", last.isoformat())
    answer = conflicts_json(capsys, sqlite_database, *days)
    _assert_same(window, answer, conflicts_last_line(capsys, sqlite_database, *days))


def test_the_day_after_a_meeting_across_midnight_shows_its_findings(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    open_window,
) -> None:
    """A call from 23:30 on Saturday to 01:30 on Sunday, a holiday: the panel over
    Sunday alone shows its night warnings (Keiko's, Kiritimati's and its hosts' in
    Tokyo) and the holiday, as the command does."""
    with sqlite_database.transaction() as session:
        kiritimati = Delegation(name="Kiritimati council", country="KI", zone="Pacific/Kiritimati")
        session.add(
            Event(
                title="Late-night link",
                kind=EventKind.VIDEOCONFERENCE,
                mode=EventMode.VIRTUAL,
                zone=timezones.TOKYO,
                start_utc=datetime(2027, 3, 20, 14, 30, tzinfo=UTC),
                end_utc=datetime(2027, 3, 20, 16, 30, tzinfo=UTC),
                video_link="https://meet.example.org/late",
                delegations=[kiritimati],
                participants=[Participant(name="Keiko", email="k@tdlc.example", zone="Asia/Tokyo")],
            )
        )
    window = open_window()
    window.set_display_zone(timezones.TOKYO)
    window.show_view("day")
    window.go_to(date(2027, 3, 21))
    dock = tools_of(window).conflicts
    dock.scope.setCurrentText(dock.VISIBLE_RANGE)
    settle(qtbot, window)
    assert window.current_view.period() == (date(2027, 3, 21), date(2027, 3, 21))
    sunday = ("--from", "2027-03-21", "--to", "2027-03-21")
    answer = conflicts_json(capsys, sqlite_database, *sunday)
    assert [c["kind"] for c in answer["conflicts"]] == [
        "night_session",
        "night_session",
        "night_session",
        "japanese_holiday",
    ]
    _assert_same(window, answer, conflicts_last_line(capsys, sqlite_database, *sunday))
