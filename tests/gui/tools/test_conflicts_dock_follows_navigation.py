"""The Conflicts dock's "Dates shown" follows the dates the calendar is about, however
they changed (a meeting gone to from a tool, another zone, the Month view): it lists
what ``cpp-scheduler conflicts --from --to [--days-in]`` lists for those days, and the
calendar marks the meetings those findings name, none of another week's."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from conftest import JANUARY_NINE_TOKYO, add_event, settle, tools_of, venue_id
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.cli.conflicts import conflict_json
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.conflicts import Column, count_text
from cpp_scheduler.services.conflict_words import summary_text
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database
from tests.parity.conflicts_support import conflicts_json

NEW_YORK = "America/New_York"


def _double_booking(database: Database, room: str, first: str, second: str, at: datetime) -> None:
    """Two workshops an hour apart in one room, two hours each: a room booked twice."""
    where = venue_id(database, room)
    add_event(database, first, at, 2, venue_id=where)
    add_event(database, second, at + timedelta(hours=1), 2, venue_id=where)


def _showing_dates(window: MainWindow, qtbot: QtBot) -> None:
    dock = tools_of(window).conflicts
    dock.scope.setCurrentText(dock.VISIBLE_RANGE)
    settle(qtbot, window)


def _titles_in_findings(window: MainWindow) -> set[str]:
    """The titles of the meetings the dock's findings name, as the window's rows read."""
    events = window.events
    named = {key.event_id for key in tools_of(window).conflicts.conflicting_occurrences}
    return {
        row.title
        for row in (events.row_at(number) for number in range(events.rowCount()))
        if row.event_id in named
    }


def _assert_as_the_command_says(window: MainWindow, answer: dict[str, Any]) -> None:
    """The dock lists what the command lists, in its order; the dock's summary and the
    status bar count them; the calendar marks the meetings they name, and no other."""
    tools = tools_of(window)
    dock = tools.conflicts
    clock = dock.model.clock  # the clock whose days the dock checked, which tells when
    assert [conflict_json(c, clock) for c in dock.model.conflicts] == answer["conflicts"]
    errors = sum(1 for c in answer["conflicts"] if c["severity"] == "error")
    # The line under the list is the command's last line, and the status bar says it.
    assert dock.summary.text() == summary_text(dock.model.conflicts, answer["meetings"])
    assert dock.summary.text().startswith(f"{errors} error")
    assert tools.count_label.text() == count_text(
        dock.summary.text(), dates_shown=dock.checks_dates_shown
    )
    assert tools.count_label.text().endswith(" in the dates shown") == dock.checks_dates_shown
    named = {
        OccurrenceKey(
            meeting["event_id"],
            None
            if meeting["recurrence_id"] is None
            else datetime.fromisoformat(meeting["recurrence_id"]),
        )
        for conflict in answer["conflicts"]
        for meeting in conflict["meetings"]
    }
    assert window.events.marked_occurrences == named


def test_a_meeting_gone_to_from_a_tool_has_its_weeks_conflicts_listed(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    open_window: Any,
) -> None:
    """A double-click in the Delegation schedule, or on a finding, goes to another week
    through the tools: the dock lists that week's conflicts, not the week left."""
    _double_booking(
        sqlite_database,
        "TDLC Meeting Room A",
        "Housing finance clinic",
        "Water utilities roundtable",
        JANUARY_NINE_TOKYO,
    )
    february = JANUARY_NINE_TOKYO + timedelta(weeks=4)  # Tuesday 9 February, 09:00
    _double_booking(
        sqlite_database,
        "TDLC Meeting Room B",
        "Flood insurance briefing",
        "Coastal resilience panel",
        february,
    )
    window = open_window()
    window.set_display_zone(timezones.TOKYO)
    window.show_view("week")
    window.go_to(date(2027, 1, 12))
    _showing_dates(window, qtbot)
    assert window.current_view.days_covered() == (date(2027, 1, 11), date(2027, 1, 17))
    assert _titles_in_findings(window) == {"Housing finance clinic", "Water utilities roundtable"}

    tools = tools_of(window)
    panel = next(
        window.events.row_at(number)
        for number in range(window.events.rowCount())
        if window.events.row_at(number).title == "Coastal resilience panel"
    )
    tools.go_to_event(panel.event_id, panel.start_utc)
    settle(qtbot, window)
    assert window.current_view.days_covered() == (date(2027, 2, 8), date(2027, 2, 14))
    answer = conflicts_json(capsys, sqlite_database, "--from", "2027-02-08", "--to", "2027-02-14")
    assert answer["conflicts"], "the week of 8 February should have conflicts to compare"
    _assert_as_the_command_says(window, answer)
    assert _titles_in_findings(window) == {"Flood insurance briefing", "Coastal resilience panel"}

    clinic = next(
        window.events.row_at(number)
        for number in range(window.events.rowCount())
        if window.events.row_at(number).title == "Housing finance clinic"
    )
    tools.go_to_occurrence(clinic.occurrence_key, clinic.start_utc)
    settle(qtbot, window)
    answer = conflicts_json(capsys, sqlite_database, "--from", "2027-01-11", "--to", "2027-01-17")
    _assert_as_the_command_says(window, answer)
    assert _titles_in_findings(window) == {"Housing finance clinic", "Water utilities roundtable"}


def test_another_zone_has_the_conflicts_of_the_days_on_its_clock(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    open_window: Any,
) -> None:
    """Monday 18 January at 09:00 in Tokyo is still Sunday the 17th in New York: the
    week of 11 January holds that clash on New York's clock, not on Tokyo's, and the
    panel says when it happens on the clock whose days it lists."""
    monday_tokyo = datetime(2027, 1, 18, 0, 0, tzinfo=UTC)
    _double_booking(
        sqlite_database,
        "TDLC Meeting Room A",
        "Early housing clinic",
        "Early water roundtable",
        monday_tokyo,
    )
    window = open_window()
    window.set_display_zone(timezones.TOKYO)
    window.show_view("week")
    window.go_to(date(2027, 1, 12))
    _showing_dates(window, qtbot)
    assert "Early housing clinic" not in _titles_in_findings(window)

    window.set_display_zone(NEW_YORK)
    settle(qtbot, window)
    assert window.current_view.days_covered() == (date(2027, 1, 11), date(2027, 1, 17))
    answer = conflicts_json(
        capsys,
        sqlite_database,
        "--from",
        "2027-01-11",
        "--to",
        "2027-01-17",
        "--days-in",
        NEW_YORK,
    )
    _assert_as_the_command_says(window, answer)
    assert _titles_in_findings(window) == {"Early housing clinic", "Early water roundtable"}
    dock = tools_of(window).conflicts
    when = [dock.proxy.index(row, Column.WHEN).data() for row in range(dock.proxy.rowCount())]
    assert "Sun 17 Jan 20:00" in when, "the second workshop's start on the clash's clock"
    heading = dock.proxy.headerData(Column.WHEN, Qt.Orientation.Horizontal)
    assert heading == "When (Washington)"

    dock.scope.setCurrentText(dock.WHOLE_PROGRAM)
    settle(qtbot, window)
    window.set_display_zone(timezones.TOKYO)
    settle(qtbot, window)
    when = [dock.proxy.index(row, Column.WHEN).data() for row in range(dock.proxy.rowCount())]
    assert "Mon 18 Jan 10:00" in when, "the whole program's findings follow the clock too"
    assert dock.proxy.headerData(Column.WHEN, Qt.Orientation.Horizontal) == "When (Tokyo)"


def test_the_month_view_has_the_conflicts_of_the_months_own_days(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    open_window: Any,
) -> None:
    """February 2027's grid runs to 14 March: a clash on 2 March is drawn in it, but the
    month is February, as the status bar's count and the exports take it."""
    _double_booking(
        sqlite_database,
        "TDLC Meeting Room A",
        "March housing clinic",
        "March water roundtable",
        datetime(2027, 3, 2, 0, 0, tzinfo=UTC),
    )
    window = open_window()
    window.set_display_zone(timezones.TOKYO)
    window.go_to(date(2027, 2, 10))
    window.show_view("month")
    _showing_dates(window, qtbot)
    assert window.current_view.period() == (date(2027, 2, 1), date(2027, 3, 14))
    assert window.current_view.days_covered() == (date(2027, 2, 1), date(2027, 2, 28))
    answer = conflicts_json(capsys, sqlite_database, "--from", "2027-02-01", "--to", "2027-02-28")
    _assert_as_the_command_says(window, answer)
    assert "March housing clinic" not in _titles_in_findings(window)

    window.next_action.trigger()  # March: its own clash
    settle(qtbot, window)
    answer = conflicts_json(capsys, sqlite_database, "--from", "2027-03-01", "--to", "2027-03-31")
    _assert_as_the_command_says(window, answer)
    assert {"March housing clinic", "March water roundtable"} <= _titles_in_findings(window)


def _march_clash_open_in_january(database: Database, open_window: Any) -> MainWindow:
    """Room A booked twice in March, and the window on 9 January, far from it."""
    _double_booking(
        database,
        "TDLC Meeting Room A",
        "March housing clinic",
        "March water roundtable",
        datetime(2027, 3, 2, 0, 0, tzinfo=UTC),
    )
    window: MainWindow = open_window()
    window.go_to(JANUARY_NINE_TOKYO.date())
    return window


def test_the_agenda_lists_every_meeting_so_its_dates_are_the_whole_programs(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    open_window: Any,
) -> None:
    """The Agenda lists (and counts) every meeting from the first to the last: the
    conflicts of the dates it shows are those of the whole program, not of its first
    day alone."""
    window = _march_clash_open_in_january(sqlite_database, open_window)
    window.show_view("agenda")
    _showing_dates(window, qtbot)
    _assert_as_the_command_says(window, conflicts_json(capsys, sqlite_database))
    assert {"March housing clinic", "March water roundtable"} <= _titles_in_findings(window)


def test_the_agenda_reached_from_a_day_on_its_anchor_has_the_whole_programs_conflicts(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    open_window: Any,
) -> None:
    """A Day view covers the Agenda's anchor day alone: going from one to the other on
    that day kept the other's findings (the Agenda one day's, the Day view the whole
    program's), the status bar saying "in the dates shown" all along."""
    window = _march_clash_open_in_january(sqlite_database, open_window)
    window.show_view("day")
    _showing_dates(window, qtbot)
    assert "March housing clinic" not in _titles_in_findings(window)

    window.show_view("agenda")
    settle(qtbot, window)
    _assert_as_the_command_says(window, conflicts_json(capsys, sqlite_database))
    assert {"March housing clinic", "March water roundtable"} <= _titles_in_findings(window)

    window.show_view("day")
    settle(qtbot, window)
    assert "March housing clinic" not in _titles_in_findings(window)
