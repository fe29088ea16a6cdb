"""Three more readers beside icalendar, ical, recurring-ical-events and ical.js: vobject,
khal and calcurse, each reading every scope's export of the test program and the files
of a generated program of awkward zones (:mod:`tests.ical.awkward`).

vobject and khal must agree with the program on every meeting. calcurse keeps no zone:
it stores each time as a wall-clock time of the computer's own zone (the ``TZ`` it runs
under) and repeats series on that clock, so it is checked on the computer of the
event's own zone, and two of its bugs are documented, each with a test that shows it:

* a time in the repeated hour of the computer's zone is stored as a bare wall-clock
  time and read back at either of its instants (the C library chooses: 01:30 EDT on
  the night New York falls back comes back as 01:30 EST), whatever form the file gives
  it, UTC included: no file can avoid it;
* a series is repeated on the computer's wall clock, so a series of another zone is an
  hour off between the two zones' changes of clocks.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import ExportOptions, Method, export_bytes
from cpp_scheduler.model import Event
from tests.ical import parsers
from tests.ical.awkward import WINDOW as AWKWARD_WINDOW
from tests.ical.awkward import awkward_events
from tests.ical.program import WINDOW, Program, build_program
from tests.ical.test_interop import METHODS, SCOPES, expected, exported


@pytest.fixture(scope="module")
def program() -> Program:
    return build_program()


def _awkward_program_file(folder: Path) -> tuple[Path, list[Event]]:
    events = awkward_events()
    ((_, data),) = export_bytes(scopes.program(events, []), ExportOptions())
    path = folder / "awkward.ics"
    path.write_bytes(data)
    return path, events


def _program_says(events: list[Event]) -> set[parsers.Meeting]:
    return {(event.uid, o.start, o.end) for event in events for o in event.occurrences()}


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.value.lower())
def test_vobject_agrees_on_every_scope(program: Program, method: Method, tmp_path: Path) -> None:
    for scope, make in SCOPES.items():
        content = make(program)
        folder = tmp_path / scope.replace(" ", "-")
        folder.mkdir()
        seen: set[parsers.Meeting] = set()
        for path in exported(content, method, folder):
            data = path.read_bytes()
            by_vobject = parsers.with_vobject(data, WINDOW)
            assert parsers.timed(by_vobject) == parsers.timed(parsers.with_ical(data, WINDOW))
            seen |= by_vobject
        assert parsers.timed(seen) == expected(content, method), scope


def test_vobject_agrees_on_the_awkward_zones(tmp_path: Path) -> None:
    path, events = _awkward_program_file(tmp_path)
    assert parsers.with_vobject(path.read_bytes(), AWKWARD_WINDOW) == _program_says(events)


def test_khal_agrees_on_every_scope_and_the_awkward_zones(program: Program, tmp_path: Path) -> None:
    problem = parsers.khal_problem()
    if problem:
        pytest.skip(problem)
    files: dict[Path, tuple[str, Method]] = {}
    for method in METHODS:
        for scope, make in SCOPES.items():
            folder = tmp_path / f"{method.value}-{scope.replace(' ', '-')}"
            folder.mkdir()
            for path in exported(make(program), method, folder):
                files[path] = (scope, method)
    (tmp_path / "khal").mkdir()
    by_khal = parsers.with_khal(list(files), WINDOW, tmp_path / "khal")
    for method in METHODS:
        for scope, make in SCOPES.items():
            paths = [path for path, key in files.items() if key == (scope, method)]
            seen = set().union(*(by_khal[path] for path in paths))
            assert parsers.timed(seen) == expected(make(program), method), (scope, method)
            python = set().union(*(parsers.with_ical(p.read_bytes(), WINDOW) for p in paths))
            assert seen == python, (scope, method)

    awkward, events = _awkward_program_file(tmp_path)
    (tmp_path / "khal-awkward").mkdir()
    read = parsers.with_khal([awkward], AWKWARD_WINDOW, tmp_path / "khal-awkward")[awkward]
    assert read == _program_says(events)


def _in_repeated_hour(instant: datetime, zone: str) -> bool:
    local = timezones.to_local(instant, zone).replace(tzinfo=None)
    try:
        timezones.to_utc(local, zone)
    except timezones.AmbiguousLocalTimeError:
        return True
    return False


def test_calcurse_agrees_on_the_clock_of_each_events_zone(tmp_path: Path) -> None:
    problem = parsers.calcurse_problem()
    if problem:
        pytest.skip(problem)
    for number, event in enumerate(awkward_events()):
        ((_, data),) = export_bytes(scopes.one_event(event), ExportOptions())
        path = tmp_path / f"{number}.ics"
        path.write_bytes(data)
        read = parsers.with_calcurse(path, event.zone, AWKWARD_WINDOW, tmp_path / f"c{number}")
        for occurrence in event.occurrences():
            meeting = (event.title, occurrence.start, occurrence.end)
            if _in_repeated_hour(occurrence.start, event.zone):
                # calcurse's first bug: either instant of the repeated hour.
                local = timezones.to_local(occurrence.start, event.zone).replace(tzinfo=None)
                either = {
                    (event.title, timezones.to_utc(local, event.zone, fold), occurrence.end)
                    for fold in timezones.Fold
                }
                assert either & read, event.title
            else:
                assert meeting in read, event.title
        assert len(read) == len(event.occurrences()), event.title


def test_calcurse_reads_a_repeated_hours_first_instant_as_its_second(tmp_path: Path) -> None:
    """The first documented bug: 01:30 EDT on 7 November 2027, written in UTC, is shown
    an hour late."""
    problem = parsers.calcurse_problem()
    if problem:
        pytest.skip(problem)
    start = timezones.to_utc(
        datetime(2027, 11, 7, 1, 30), "America/New_York", timezones.Fold.EARLIER
    )
    event = Event(
        title="Fold", start_utc=start, end_utc=start + timedelta(hours=2), zone="America/New_York"
    )
    ((_, data),) = export_bytes(scopes.one_event(event), ExportOptions())
    assert b"DTSTART:20271107T053000Z" in data
    path = tmp_path / "fold.ics"
    path.write_bytes(data)
    read = parsers.with_calcurse(path, "America/New_York", AWKWARD_WINDOW, tmp_path / "c")
    assert read == {("Fold", start + timedelta(hours=1), event.end_utc)}


def test_calcurse_repeats_a_series_on_the_computers_clock(tmp_path: Path) -> None:
    """The second documented bug: a New York series read on a UTC computer keeps its
    UTC time after New York's clocks change."""
    problem = parsers.calcurse_problem()
    if problem:
        pytest.skip(problem)
    series = next(e for e in awkward_events() if e.title.startswith("America/New_York all-night"))
    ((_, data),) = export_bytes(scopes.one_event(series), ExportOptions())
    path = tmp_path / "series.ics"
    path.write_bytes(data)
    read = parsers.with_calcurse(path, "UTC", AWKWARD_WINDOW, tmp_path / "c")
    last = series.occurrences()[-1]
    assert (series.title, last.start, last.end) not in read
    assert (series.title, last.start + timedelta(hours=1), last.end + timedelta(hours=1)) in read
