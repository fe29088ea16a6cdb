"""The Local times dock shows exactly what ``cpp-scheduler times --json --occurrence``
prints: the same rows, read the same way, and the same night and holiday warnings, meeting by
meeting (a later meeting of a series included), on the demo program, on a generated
one, and across New York's clock changes, where its table and the command's say the same
two clocks. Any difference fails."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from benchmarks.generate import generate_program
from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.localtimes import PART_ROLE, Column, LocalTimesDock
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, Participant, Venue
from cpp_scheduler.scheduling.inputs import ProgramSnapshot
from cpp_scheduler.scheduling.localtimes import DayPart
from cpp_scheduler.services import series
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database, open_database
from tests.parity.days_support import KIRIBATI, ST_JOHNS, store_days_program

SERIES_RULES = ("FREQ=MONTHLY;COUNT=4", "FREQ=WEEKLY;COUNT=9")
"""Given to the generated events before March, so their later meetings fall after the
US (14 March) and European (28 March) clock changes."""


# -- the programs ---------------------------------------------------------------------


def store_generated(database: Database, program: ProgramSnapshot) -> None:
    """Write a generated program into the store: its delegations (with their stays in
    Japan), its people (one member in four joining from New York, on a clock of their
    own), its events at the store's venues, some of them monthly or weekly series."""
    chooser = random.Random(2027)
    with database.transaction() as session:
        venues = list(session.scalars(select(Venue).order_by(Venue.name)))
        delegations = {
            group.id: Delegation(
                name=group.name,
                country=group.country,
                zone=group.zone,
                work_start=group.hours.work_start,
                work_end=group.hours.work_end,
                acceptable_start=group.hours.acceptable_start,
                acceptable_end=group.hours.acceptable_end,
                arrival=group.arrival,
                departure=group.departure,
            )
            for group in program.delegations.values()
        }
        people = {}
        for number, person in enumerate(program.participants.values()):
            group = delegations.get(person.delegation_id or "")
            zone = None if group is not None else person.zone
            if group is not None and number % 4 == 0:
                zone = "America/New_York"
            people[person.id] = Participant(
                name=person.name, email=person.email, delegation=group, zone=zone
            )
        for number, interval in enumerate(program.intervals):
            before_march = interval.start < datetime(2027, 3, 1, tzinfo=interval.start.tzinfo)
            session.add(
                Event(
                    title=f"{interval.title} ({number})",
                    kind=interval.kind,
                    mode=interval.mode,
                    zone=interval.zone,
                    start_utc=interval.start,
                    end_utc=interval.end,
                    venue=chooser.choice(venues) if interval.venue_id else None,
                    video_link="https://meet.example.org/cpp",
                    delegations=[delegations[i] for i in sorted(interval.delegation_ids)],
                    participants=[people[i] for i in sorted(interval.participant_ids)],
                    recurrence_rule=(
                        SERIES_RULES[number % 2] if before_march and number % 3 == 0 else None
                    ),
                )
            )


@pytest.fixture(scope="module")
def generated_sqlite_path(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    path = tmp_path_factory.mktemp("generated") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    store_generated(database, generate_program(events=40, delegations=12, participants=60))
    database.close()
    return path


@pytest.fixture(params=["demo", "generated"])
def program_path(request: pytest.FixtureRequest) -> Path:
    fixture = "demo_sqlite_path" if request.param == "demo" else "generated_sqlite_path"
    path: Path = request.getfixturevalue(fixture)
    return path


@pytest.fixture
def dock(qtbot: QtBot, program_path: Path) -> Iterator[LocalTimesDock]:
    database = open_database(program_path)
    tasks = TaskManager()
    shown = LocalTimesDock(database, tasks.run_in_background)
    qtbot.addWidget(shown)
    yield shown
    tasks.wait_for_done()
    database.close()


# -- what each side shows -------------------------------------------------------------


def cli_json(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> dict[str, Any]:
    assert main(["times", "--json", "--db", str(path), *argv]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    document: dict[str, Any] = json.loads(captured.out)
    return document


def cells_for(row: dict[str, Any]) -> list[str]:
    """The cells the dock must show for one row of ``times --json``: its instants on the
    row's clock, written as the program writes every range."""
    clock = timezones.zone(row["zone"])
    start = datetime.fromisoformat(row["start"]).astimezone(clock)
    end = datetime.fromisoformat(row["end"]).astimezone(clock)
    assert start.tzname() == row["abbreviation"]
    assert timezones.offsets_text(start, end).startswith(row["utc_offset"])
    name: str = row["name"]
    head, colon, _rest = name.partition(":")
    return [
        head if colon and len(name) > 24 else name,
        row["clock"] + (" (visiting Japan)" if row["in_japan"] else ""),
        f"{start:%a %d %b}",
        timezones.span_text(start, end, zone=True, dash="–"),
        f"{row['day_offset']:+d}" if row["day_offset"] else "0",
        timezones.offsets_text(start, end),
        DayPart(row["hours"]).label,  # as the command's text names it
    ]


def _dashed(night: str) -> str:
    """A night as ``times`` words it with the window's dash: ``20:45–22:15 there``."""
    words, span = night.rsplit(": ", 1)
    return f"{words}: {span.replace('-', '–')}"


def dock_rows(dock: LocalTimesDock) -> tuple[list[list[str]], list[str], list[str]]:
    """The dock's attendee rows (every cell), their day parts, and its warning rows."""
    model = dock.model
    rows, parts, warnings = [], [], []
    for number in range(model.rowCount()):
        if model.is_warning(number):
            warnings.append(model.index(number, 0).data())
            continue
        rows.append([model.index(number, column).data() for column in range(len(Column))])
        parts.append(model.index(number, 0).data(PART_ROLE))
    return rows, parts, warnings


def meetings_to_compare(meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first meeting, one in the middle and the last: a later one of every series."""
    picked = {0, len(meetings) // 2, len(meetings) - 1} if meetings else set()
    return [meetings[number] for number in sorted(picked)]


def occurrence_option(meeting: dict[str, Any], zone: str) -> tuple[str, datetime | None]:
    """How ``--occurrence`` names the meeting, and the key the window would select: a
    series meeting by the start its rule gives it, a one-off event by its date."""
    if meeting["recurrence_id"] is not None:
        recurrence_id = datetime.fromisoformat(meeting["recurrence_id"])
        return meeting["recurrence_id"], recurrence_id
    start = datetime.fromisoformat(meeting["start"])
    return f"{timezones.to_local(start, zone).date():%Y-%m-%d}", None


# -- the comparison -------------------------------------------------------------------


def test_the_dock_shows_what_times_prints_for_every_meeting_compared(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    program_path: Path,
    dock: LocalTimesDock,
) -> None:
    database = open_database(program_path)
    try:
        with database.session() as session:
            events = list(session.execute(select(Event.id, Event.uid).order_by(Event.title)))
    finally:
        database.close()
    compared = later_series_meetings = holidays = in_japan = own_clocks = 0
    for event_id, uid in events:
        every = cli_json(capsys, program_path, uid, "--all")
        zone = every["event"]["zone"]
        for meeting in meetings_to_compare(every["occurrences"]):
            option, recurrence_id = occurrence_option(meeting, zone)
            printed = cli_json(capsys, program_path, uid, "--occurrence", option)
            assert printed["event"] == every["event"]
            [answer] = printed["occurrences"]
            assert answer == meeting  # one meeting named alone reads as in the whole list

            dock.show_occurrence(OccurrenceKey(event_id, recurrence_id))
            qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)
            rows, parts, warnings = dock_rows(dock)
            where = f"{every['event']['title']} at {answer['start']}"
            assert rows == [cells_for(row) for row in answer["times"]], where
            assert parts == [row["hours"] for row in answer["times"]], where
            # The nights the check warns of, then the holidays: ``times`` in that order,
            # its dash the window's.
            nights = [f"⚠ {_dashed(n['message'])}" for n in answer["nights"]]
            assert warnings == nights + [f"⚠ {h['message']}" for h in answer["holidays"]], where
            local_start = timezones.to_local(datetime.fromisoformat(answer["start"]), zone)
            local_end = timezones.to_local(datetime.fromisoformat(answer["end"]), zone)
            span = timezones.span_text(local_start, local_end, day=lambda d: f"{d:%a %d %b %Y}")
            assert span.replace("-", "–") in dock.heading.text(), where

            compared += 1
            holidays += len(answer["holidays"])
            in_japan += sum(1 for row in answer["times"] if row["in_japan"])
            own_clocks += sum(1 for row in answer["times"] if row["kind"] == "participant")
            if meeting is not every["occurrences"][0] and recurrence_id is not None:
                later_series_meetings += 1
    # The comparison covered what matters, or it proves nothing.
    assert compared >= len(events)
    assert later_series_meetings >= 2
    assert holidays >= 1
    assert in_japan >= 1  # a delegation on Tokyo's clock during its stay
    assert own_clocks >= 1  # a participant on a clock of their own


def test_a_date_names_the_same_meeting_as_its_recurrence_id(
    capsys: pytest.CaptureFixture[str], demo_sqlite_path: Path
) -> None:
    database = open_database(demo_sqlite_path)
    try:
        with database.session() as session:
            uid = session.scalars(
                select(Event.uid).where(Event.recurrence_rule.is_not(None))
            ).first()
    finally:
        database.close()
    assert uid is not None
    every = cli_json(capsys, demo_sqlite_path, uid, "--all")
    zone = every["event"]["zone"]
    for meeting in every["occurrences"]:
        day: date = timezones.to_local(datetime.fromisoformat(meeting["start"]), zone).date()
        [by_date] = cli_json(capsys, demo_sqlite_path, uid, "--occurrence", f"{day}")["occurrences"]
        assert by_date == meeting


# -- across a clock change ------------------------------------------------------------

NEW_YORK = "America/New_York"
CLOCK_CHANGES = {
    # 7 November 2027: New York's clocks go back from 02:00 EDT to 01:00 EST.
    "Across the fall back": ("2027-11-07T05:30:00", "2027-11-07T07:30:00"),
    "First 01:00": ("2027-11-07T05:00:00", "2027-11-07T05:30:00"),
    "Second 01:00": ("2027-11-07T06:00:00", "2027-11-07T06:30:00"),
    # 14 March 2027: they spring forward from 02:00 EST to 03:00 EDT.
    "Across the spring forward": ("2027-03-14T06:30:00", "2027-03-14T07:00:00"),
}
"""Meetings of New York's delegation, by title: their instants in UTC."""
SHOWN_IN_WASHINGTON = {
    "Across the fall back": ("01:30 EDT – 02:30 EST", "-04:00, -05:00"),
    "First 01:00": ("01:00–01:30 EDT", "-04:00"),
    "Second 01:00": ("01:00–01:30 EST", "-05:00"),
    "Across the spring forward": ("01:30 EST – 03:00 EDT", "-05:00, -04:00"),
}


@pytest.fixture(scope="module")
def clock_change_path(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    path = tmp_path_factory.mktemp("clock_changes") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    with database.transaction() as session:
        new_york = Delegation(name="USA: New York City", country="US", zone=NEW_YORK)
        for title, (start, end) in CLOCK_CHANGES.items():
            session.add(
                Event(
                    title=title,
                    kind=EventKind.VIDEOCONFERENCE,
                    mode=EventMode.VIRTUAL,
                    zone=NEW_YORK,
                    start_utc=datetime.fromisoformat(start).replace(tzinfo=UTC),
                    end_utc=datetime.fromisoformat(end).replace(tzinfo=UTC),
                    video_link="https://meet.example.org/cpp",
                    delegations=[new_york],
                )
            )
    database.close()
    return path


def test_across_a_clock_change_the_dock_and_times_name_both_clocks(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], clock_change_path: Path
) -> None:
    database = open_database(clock_change_path)
    try:
        with database.session() as session:
            events = list(session.execute(select(Event.id, Event.uid, Event.title)))
    finally:
        database.close()
    database = open_database(clock_change_path)
    tasks = TaskManager()
    dock = LocalTimesDock(database, tasks.run_in_background)
    qtbot.addWidget(dock)
    try:
        for event_id, uid, title in events:
            [answer] = cli_json(capsys, clock_change_path, uid)["occurrences"]
            assert main(["times", "--db", str(clock_change_path), uid]) == 0
            printed = capsys.readouterr().out
            dock.show_occurrence(OccurrenceKey(event_id))
            qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)
            rows, _parts, _warnings = dock_rows(dock)
            assert rows == [cells_for(row) for row in answer["times"]], title
            times, offsets = SHOWN_IN_WASHINGTON[title]
            [delegation, _tokyo, washington] = rows
            assert delegation[Column.DATE :] == washington[Column.DATE :]  # one clock
            assert (washington[Column.TIME], washington[Column.OFFSET]) == (times, offsets)
            # The command's table and its heading say the same clocks, with its own dash.
            assert times.replace("–", "-") in printed, printed
            # The heading and two rows, and a night at home the check warns of.
            nights = sum(night["message"] in printed for night in answer["nights"])
            assert printed.count(times.replace("–", "-")) == 3 + nights, printed
            assert times.replace("–", "-") in dock.heading.text().replace("–", "-")
    finally:
        tasks.wait_for_done()
        database.close()


# -- meetings of several days ---------------------------------------------------------


def test_a_meeting_of_several_days_reads_in_the_dock_as_in_times_and_schedule(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    sqlite_template: Path,
) -> None:
    """The dock's hours of a three-day workshop (working, on Tokyo's clock) and of a
    hackathon round the clock (night) are those of ``times`` and of the delegation's
    ``schedule``."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    store_days_program(database)
    tasks = TaskManager()
    dock = LocalTimesDock(database, tasks.run_in_background)
    qtbot.addWidget(dock)
    try:
        with database.session() as session:
            events = {
                uid: event_id for uid, event_id in session.execute(select(Event.uid, Event.id))
            }
        for uid, delegation, hours in (
            ("workshop@days", KIRIBATI, "working"),
            ("hackathon@days", ST_JOHNS, "night"),
        ):
            [answer] = cli_json(capsys, path, uid)["occurrences"]
            dock.show_occurrence(OccurrenceKey(events[uid]))
            qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)
            _rows, parts, _warnings = dock_rows(dock)
            assert parts == [row["hours"] for row in answer["times"]], uid
            [row] = [row for row in answer["times"] if row["name"] == delegation]
            assert row["hours"] == hours, uid
            assert main(["schedule", "--db", str(path), "--delegation", delegation, "--json"]) == 0
            listed = json.loads(capsys.readouterr().out)["meetings"]
            assert [m["hours"] for m in listed if m["event_id"] == events[uid]] == [hours]
    finally:
        tasks.wait_for_done()
        database.close()


# -- two meetings of a series swapped -------------------------------------------------

WEEKLY_START = datetime(2027, 3, 2, 1, 0, tzinfo=UTC)  # Mon 1 Mar 2027, 20:00 EST


@pytest.fixture
def swapped_path(tmp_path: Path, sqlite_template: Path) -> tuple[Path, str, str]:
    """A weekly New York series whose 8 March meeting was moved an hour later, and whose
    1 March meeting was then moved onto 8 March at 20:00, the slot the rule gives the
    other: (the program, the event's id, its UID)."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    try:
        with database.transaction() as session:
            event = Event(
                title="NY weekly sync",
                kind=EventKind.VIDEOCONFERENCE,
                mode=EventMode.VIRTUAL,
                zone=NEW_YORK,
                start_utc=WEEKLY_START,
                end_utc=WEEKLY_START + timedelta(hours=1),
                video_link="https://meet.example.org/cpp",
                recurrence_rule="FREQ=WEEKLY;COUNT=4",
            )
            session.add(event)
            session.flush()
            event_id, uid = event.id, event.uid
        second = WEEKLY_START + timedelta(days=7)
        later = second + timedelta(hours=1)
        edit = series.move_meeting(database, event_id, second, later, later + timedelta(hours=1), 1)
        series.move_meeting(
            database, event_id, WEEKLY_START, second, second + timedelta(minutes=30), edit.version
        )
    finally:
        database.close()
    return path, event_id, uid


def test_a_meeting_moved_onto_anothers_slot_is_named_by_its_own_recurrence_id(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], swapped_path: tuple[Path, str, str]
) -> None:
    """The calendar's block of the 8 March meeting (moved to 21:00) selected: the dock
    and ``times --occurrence`` with its recurrence id both show 21:00, not the meeting
    that now starts in its old slot."""
    path, event_id, uid = swapped_path
    second = WEEKLY_START + timedelta(days=7)
    [answer] = cli_json(capsys, path, uid, "--occurrence", second.isoformat())["occurrences"]
    assert (answer["recurrence_id"], answer["start"]) == (
        "2027-03-09T01:00:00Z",
        "2027-03-09T02:00:00Z",
    )
    database = open_database(path)
    tasks = TaskManager()
    dock = LocalTimesDock(database, tasks.run_in_background)
    qtbot.addWidget(dock)
    try:
        dock.show_occurrence(OccurrenceKey(event_id, second))
        qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)
        rows, _parts, _warnings = dock_rows(dock)
        assert rows == [cells_for(row) for row in answer["times"]]
        assert "21:00–22:00" in dock.heading.text()
    finally:
        tasks.wait_for_done()
        database.close()
