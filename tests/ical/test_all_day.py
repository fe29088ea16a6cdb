"""All-day events in calendar files: dates (``VALUE=DATE``) with the exclusive end RFC
5545 gives them, read as the same days by every reader (icalendar, ical,
recurring-ical-events, vobject, ical.js, khal, calcurse) and by the program's own import,
in any zone, near the turn of a year and at the limits of the dates the program plans for.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cpp_scheduler import limits
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import ExportOptions, export_bytes
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Event
from cpp_scheduler.model.event import all_day_date_problems
from tests.ical import parsers

WINDOW = (datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 6, 1, tzinfo=UTC))

# Zones at the edges of the day (+14, -11), one without a midnight on the day it
# changes its clocks (Santiago, 6 September 2026), and the program's own.
ZONES = (
    "Asia/Tokyo",
    "America/Lima",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "America/Santiago",
    "Asia/Kathmandu",
)


def all_day(title: str, first: date, last: date, zone: str) -> Event:
    event = Event(title=title, zone=zone)
    event.set_dates(first, last)
    return event


def closures() -> list[Event]:
    return [
        all_day("Golden Week closure", date(2027, 4, 29), date(2027, 5, 5), "Asia/Tokyo"),
        all_day("Arrival in Tokyo", date(2026, 12, 31), date(2026, 12, 31), "America/Lima"),
        all_day("Line Islands day", date(2027, 1, 1), date(2027, 1, 2), "Pacific/Kiritimati"),
        all_day("Samoa office day", date(2027, 2, 14), date(2027, 2, 14), "Pacific/Pago_Pago"),
    ]


def _file(events: list[Event], folder: Path) -> Path:
    ((_, data),) = export_bytes(scopes.program(events, []), ExportOptions())
    path = folder / "closures.ics"
    path.write_bytes(data)
    return path


def _dates(events: list[Event]) -> set[parsers.Meeting]:
    """What a reader should see: the first day and the day after the last."""
    return {(e.uid, e.first_date, e.last_date + timedelta(days=1)) for e in events}


def test_all_day_events_are_written_as_dates_without_a_zone(tmp_path: Path) -> None:
    text = _file(closures(), tmp_path).read_bytes().decode()
    assert "DTSTART;VALUE=DATE:20270429\r\n" in text
    assert "DTEND;VALUE=DATE:20270506\r\n" in text  # the day after 5 May: exclusive
    assert "BEGIN:VTIMEZONE" not in text
    assert "All day from Thu 29 Apr 2027 to Wed 05 May 2027" in text.replace("\r\n ", "")


def test_every_python_reader_sees_the_same_days(tmp_path: Path) -> None:
    events = closures()
    data = _file(events, tmp_path).read_bytes()
    expected = _dates(events)
    assert parsers.with_icalendar(data) == expected
    assert parsers.with_ical(data, WINDOW) == expected
    assert parsers.with_recurring_ical_events(data, WINDOW) == expected
    assert parsers.with_vobject(data, WINDOW) == expected


def test_icaljs_sees_the_same_days(tmp_path: Path) -> None:
    problem = parsers.icaljs_problem()
    if problem:
        pytest.skip(problem)
    events = closures()
    path = _file(events, tmp_path)
    assert parsers.with_icaljs([path], WINDOW)[path] == _dates(events)


def test_khal_sees_the_same_days(tmp_path: Path) -> None:
    problem = parsers.khal_problem()
    if problem:
        pytest.skip(problem)
    events = closures()
    path = _file(events, tmp_path)
    (tmp_path / "khal").mkdir()
    assert parsers.with_khal([path], WINDOW, tmp_path / "khal")[path] == _dates(events)


@pytest.mark.parametrize("computer_zone", ["Asia/Tokyo", "America/Lima"])
def test_calcurse_sees_the_same_days_on_any_computer(computer_zone: str, tmp_path: Path) -> None:
    problem = parsers.calcurse_problem()
    if problem:
        pytest.skip(problem)
    events = closures()
    path = _file(events, tmp_path)
    days = {
        (event.title, event.first_date + timedelta(days=n))
        for event in events
        for n in range((event.last_date - event.first_date).days + 1)
    }
    assert parsers.calcurse_days(path, computer_zone, WINDOW, tmp_path / "c") == days


def test_the_program_reads_its_own_all_day_events_back_on_their_days(tmp_path: Path) -> None:
    events = closures()
    parsed = read_calendar(_file(events, tmp_path).read_bytes(), "closures.ics", "Europe/Paris")
    assert parsed.skipped == ()
    read = {event.uid: event for event in parsed.events}
    for event in events:
        back = read[event.uid]
        assert back.all_day
        assert back.dates == (event.first_date, event.last_date)
        assert back.zone == event.zone  # its dates are its own zone's
        assert (back.start_utc, back.end_utc) == (event.start_utc, event.end_utc)


def _near_turns_and_limits() -> st.SearchStrategy[date]:
    """Days near the turn of a year (1899 is never one: the limits start in 1900), and
    the first and last days the program plans for."""
    turns = st.builds(
        lambda year, shift: date(year, 1, 1) + timedelta(days=shift),
        st.integers(min_value=1900, max_value=2199),
        st.integers(min_value=-3, max_value=3),
    )
    edges = st.sampled_from(
        [limits.EARLIEST_DAY, limits.EARLIEST_DAY + timedelta(days=1), limits.LATEST_DAY]
    )
    return st.one_of(turns, edges).filter(limits.day_in_range)


SKIPPED_DAYS = {("Pacific/Kiritimati", date(1994, 12, 31))}
"""The days near a turn of a year that a zone of :data:`ZONES` skipped whole: the Line
Islands went from 30 December 1994 to 1 January 1995."""


@settings(max_examples=80, deadline=None)
@given(
    first=_near_turns_and_limits(),
    days=st.integers(min_value=1, max_value=9),
    zone=st.sampled_from(ZONES),
)
@example(first=date(1994, 12, 30), days=1, zone="Pacific/Kiritimati")
@example(first=date(1994, 12, 29), days=4, zone="Pacific/Kiritimati")
@example(first=date(1994, 12, 31), days=2, zone="Pacific/Kiritimati")
@example(first=date(1994, 12, 29), days=3, zone="Pacific/Kiritimati")
def test_any_days_round_trip_through_a_file(first: date, days: int, zone: str) -> None:
    last = min(first + timedelta(days=days - 1), limits.LATEST_DAY)
    refused = [problem.message for problem in all_day_date_problems(first, last, zone)]
    if (zone, first) in SKIPPED_DAYS or (zone, last) in SKIPPED_DAYS:
        # No instant of that day exists there: it would be read back as another day.
        assert refused == ["Pacific/Kiritimati has no 31 Dec 1994: its clocks skipped that day."]
        return
    assert refused == []
    event = all_day("Office closed", first, last, zone)
    assert event.problems() == []
    ((_, data),) = export_bytes(scopes.one_event(event), ExportOptions())
    assert parsers.with_icalendar(data) == {(event.uid, first, last + timedelta(days=1))}
    window = (
        datetime.combine(first, datetime.min.time(), UTC) - timedelta(days=2),
        datetime.combine(last, datetime.min.time(), UTC) + timedelta(days=2),
    )
    read = parsers.with_recurring_ical_events(data, window)
    assert read == {(event.uid, first, last + timedelta(days=1))}
    (back,) = read_calendar(data, "one.ics").events
    assert back.all_day
    assert back.dates == (first, last)
    assert back.zone == zone


def _dated(first: str, after: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Apia office//EN",
        "BEGIN:VEVENT",
        "UID:closure@apia.example",
        "DTSTAMP:20111201T000000Z",
        f"DTSTART;VALUE=DATE:{first}",
        f"DTEND;VALUE=DATE:{after}",
        "SUMMARY:Office closed",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode()


def test_a_file_dating_an_event_on_a_day_its_zone_skipped_is_read_in_words() -> None:
    """Samoa went from 29 to 31 December 2011: a file's dates on the 30th, read on
    Samoa's clock, are skipped with the reason; the day before is read as one day."""
    parsed = read_calendar(_dated("20111230", "20111231"), "apia.ics", "Pacific/Apia")
    assert parsed.events == ()
    (skipped,) = parsed.skipped
    assert skipped.reason == "Pacific/Apia has no 30 Dec 2011: its clocks skipped that day."
    (event,) = read_calendar(_dated("20111229", "20111230"), "apia.ics", "Pacific/Apia").events
    assert event.dates == (date(2011, 12, 29), date(2011, 12, 29))
