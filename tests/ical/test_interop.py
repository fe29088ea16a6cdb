"""Every scope's file read by four independent parsers, which must agree with each other
and with the program on every event's UID and UTC start and end.

icalendar, recurring-ical-events and the strict ``ical`` package look IANA TZIDs up in
their own zone database; Mozilla's ical.js (Thunderbird's parser) knows no zones and
uses the file's VTIMEZONEs alone, so it checks those too. The files are also read once
more with their TZIDs renamed, which makes icalendar and recurring-ical-events build the
zones from the VTIMEZONEs. (The ``ical`` package is left out of that reading: it ignores
an observance that has a DTSTART and no RRULE, the form Outlook and Google themselves
write for zones without daylight saving, and so reads Tokyo times as UTC.)
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import ExportOptions, Method, Organizer, export_bytes
from cpp_scheduler.ical.scopes import CalendarContent
from cpp_scheduler.model import Event
from tests.ical import parsers
from tests.ical.program import WINDOW, Program, build_program

SCOPES: dict[str, Callable[[Program], CalendarContent]] = {
    "event": lambda p: scopes.one_event(p.workshop),
    "series": lambda p: scopes.one_event(p.series),
    "delegation": lambda p: scopes.delegation_schedule(p.lima, p.events, [p.tour]),
    "participant": lambda p: scopes.participant_schedule(p.priya, p.events, [p.tour]),
    "tour": lambda p: scopes.tour_schedule(p.tour),
    "program": lambda p: scopes.program(p.events, [p.tour]),
    "date range": lambda p: scopes.program(
        p.events,
        [p.tour],
        dates=scopes.DateRange(datetime(2026, 6, 9).date(), datetime(2026, 11, 30).date()),
    ),
}
METHODS = [Method.PUBLISH, Method.REQUEST]


def expected(content: CalendarContent, method: Method) -> set[parsers.Meeting]:
    """What the program itself says: each event's occurrences, each leg, in UTC."""
    found: set[parsers.Meeting] = set()
    for event in content.events:
        for occurrence in event.occurrences():
            if WINDOW[0] <= occurrence.end and occurrence.start <= WINDOW[1]:
                found.add((event.uid, occurrence.start, occurrence.end))
    for tour in content.tours:
        for leg in tour.legs:
            found.add((f"leg-{leg.id}@cpp-scheduler.tdlc", leg.departure_utc, leg.arrival_utc))
    return found


def exported(content: CalendarContent, method: Method, folder: Path) -> list[Path]:
    options = ExportOptions(method=method, organizer=Organizer("TDLC", "cpp@tdlc.example.org"))
    paths = []
    for index, (_, data) in enumerate(export_bytes(content, options)):
        path = folder / f"{index}.ics"
        path.write_bytes(data)
        paths.append(path)
    return paths


def renamed_zones(data: bytes) -> bytes:
    """The same file with TZIDs no zone database knows, so parsers must use VTIMEZONE.

    The names are new for every file: icalendar keeps a zone built from a VTIMEZONE
    under its TZID for the rest of the process, and would reuse another file's.
    """
    tag = uuid.uuid4().hex[:8].encode()
    return re.sub(rb"TZID(=|:)([A-Za-z_]+/[A-Za-z_]+)", rb"TZID\1CPP " + tag + rb" \2", data)


@pytest.fixture
def program() -> Program:
    return build_program()


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.value.lower())
@pytest.mark.parametrize("scope", SCOPES)
def test_python_parsers_agree_with_the_program(
    program: Program, scope: str, method: Method, tmp_path: Path
) -> None:
    content = SCOPES[scope](program)
    want = expected(content, method)
    seen: set[parsers.Meeting] = set()
    for path in exported(content, method, tmp_path):
        data = path.read_bytes()
        by_recurring = parsers.with_recurring_ical_events(data, WINDOW)
        by_ical = parsers.with_ical(data, WINDOW)
        assert by_recurring == by_ical
        assert parsers.with_recurring_ical_events(renamed_zones(data), WINDOW) == by_ical
        # icalendar alone does not expand; each component as written is in the expansion.
        masters = parsers.timed(parsers.with_icalendar(data))
        assert masters <= parsers.timed(by_ical) | {
            m for m in masters if m[0] == program.series.uid
        }
        seen |= by_ical
    assert parsers.timed(seen) == want
    assert {uid for uid, _, _ in seen} >= {
        event.uid for event in content.events if event.occurrences()
    }


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.value.lower())
def test_icaljs_agrees_with_the_program(program: Program, method: Method, tmp_path: Path) -> None:
    problem = parsers.icaljs_problem()
    if problem:
        pytest.skip(problem)
    files: dict[Path, tuple[str, CalendarContent]] = {}
    for scope, make in SCOPES.items():
        content = make(program)
        folder = tmp_path / scope.replace(" ", "-")
        folder.mkdir()
        for path in exported(content, method, folder):
            files[path] = (scope, content)
    by_icaljs = parsers.with_icaljs(list(files), WINDOW)
    for scope, make in SCOPES.items():
        content = make(program)
        paths = [path for path, (name, _) in files.items() if name == scope]
        seen = set().union(*(by_icaljs[path] for path in paths))
        assert parsers.timed(seen) == expected(content, method), scope
        python = set().union(*(parsers.with_ical(path.read_bytes(), WINDOW) for path in paths))
        assert seen == python, scope


def test_the_tour_envelope_is_the_same_days_everywhere(program: Program, tmp_path: Path) -> None:
    (path,) = exported(scopes.tour_schedule(program.tour), Method.PUBLISH, tmp_path)
    data = path.read_bytes()
    envelope = f"tour-{program.tour.id}@cpp-scheduler.tdlc"
    day = datetime(2026, 6, 8).date(), datetime(2026, 6, 11).date()
    for meetings in (
        parsers.with_icalendar(data),
        parsers.with_ical(data, WINDOW),
        parsers.with_recurring_ical_events(data, WINDOW),
    ):
        assert (envelope, *day) in meetings
    if parsers.icaljs_problem() is None:
        assert (envelope, *day) in parsers.with_icaljs([path], WINDOW)[path]


FOLD_PRONE = [
    "America/New_York",
    "America/Santiago",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/Sao_Paulo",
    "Africa/Casablanca",
    "Asia/Tehran",
]


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(FOLD_PRONE),
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31)),
    minutes=st.integers(min_value=15, max_value=600),
    near_change=st.booleans(),
)
def test_any_instant_in_any_zone_reads_back_the_same_through_the_vtimezone(
    zone: str, start: datetime, minutes: int, near_change: bool
) -> None:
    """Read with renamed TZIDs, so only the file's VTIMEZONE gives the offsets."""
    from cpp_scheduler.ical.vtimezone import transitions

    instant = start.replace(tzinfo=UTC, second=0, microsecond=0)
    if near_change:  # land within an hour or two of one of the zone's real changes
        changes = transitions(
            zone,
            datetime(instant.year, 1, 1, tzinfo=UTC),
            datetime(instant.year + 1, 1, 1, tzinfo=UTC),
        )
        if changes:
            instant = changes[start.minute % len(changes)].at + timedelta(
                minutes=start.second * 4 - 120
            )
    event = Event(
        title="Session", start_utc=instant, end_utc=instant + timedelta(minutes=minutes), zone=zone
    )
    ((_, data),) = export_bytes(scopes.one_event(event), ExportOptions())
    window = (instant - timedelta(days=1), instant + timedelta(days=2))
    read = parsers.with_recurring_ical_events(renamed_zones(data), window)
    assert read == {(event.uid, event.start_utc, event.end_utc)}
