"""A meeting across a change of clocks, as the calendar file's description tells each
reader: both ends on their own clock, in the reader's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import ExportOptions, export_bytes
from cpp_scheduler.model import Delegation
from tests.ical.program import Program, build_program

STAMP = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def program() -> Program:
    """The test program; its Washington briefing runs from 00:30 EDT to the second 01:30
    of 1 November 2026, EST, two hours that the start's clock alone makes one."""
    return build_program()


def description(content: scopes.CalendarContent, uid: str) -> str:
    [(_name, data)] = export_bytes(content, ExportOptions(stamp=STAMP))
    calendar = icalendar.Calendar.from_ical(data)
    [event] = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid]
    return str(event["DESCRIPTION"])


def test_a_participant_reads_each_end_on_its_own_clock(program: Program) -> None:
    text = description(
        scopes.participant_schedule(program.grace, program.events), program.fold_event.uid
    )
    assert (
        "Your local time (America/New_York): "
        "Sun 01 Nov 2026, 00:30 EDT - 01:30 EST (UTC-04:00, -05:00)"
    ) in text
    assert "00:30-01:30" not in text, "an hour, where the meeting lasts two"


def test_a_japanese_participant_reads_it_in_japanese(program: Program) -> None:
    program.grace.language = "ja"
    text = description(
        scopes.participant_schedule(program.grace, program.events), program.fold_event.uid
    )
    assert "2026年11月1日(日) 00:30 EDT - 01:30 EST (UTC-04:00, -05:00)" in text
    assert "Sun" not in text


def test_a_coordinators_file_names_the_delegations_clock_at_each_end(program: Program) -> None:
    new_york = Delegation(
        name="New York city hall", country="US", zone="America/New_York", home_city="New York"
    )
    program.fold_event.delegations = [new_york]
    text = description(scopes.program(program.events), program.fold_event.uid)
    assert "New York city hall (America/New_York): Sun 01 Nov 2026 00:30 EDT to 01:30 EST" in text


def test_a_tours_outline_names_the_clock_of_each_leg(program: Program) -> None:
    from cpp_scheduler.model import TravelLeg, TravelMode

    flight = TravelLeg(
        origin="Auckland",
        destination="Tokyo",
        mode=TravelMode.AIR,
        departure_utc=datetime(2026, 6, 6, 23, 0, tzinfo=UTC),  # 11:00 NZST on 7 June
        arrival_utc=datetime(2026, 6, 7, 10, 0, tzinfo=UTC),  # 19:00 in Tokyo
        zone="Pacific/Auckland",
    )
    program.tour.legs.insert(0, flight)
    text = description(
        scopes.tour_schedule(program.tour), f"tour-{program.tour.id}@cpp-scheduler.tdlc"
    )
    assert "Auckland 07 Jun 11:00 NZST → Tokyo 22:00 NZST" in text  # 19:00 in Tokyo
    assert "Tokyo 08 Jun 14:00 JST → Kobe 17:00 JST" in text


def test_a_series_of_a_day_and_an_hour_ends_where_it_ends_in_every_reader() -> None:
    """Weekly 25-hour retreats from Saturday 12:00 in New York; the first spans the night
    the clocks go back, so it ends on Sunday at 12:00 EST, the next on Sunday at 13:00.
    The series gives its length as exact hours (PT25H): a day and an hour (P1DT1H) is
    a wall-clock day and an hour to a reader (RFC 5545 section 3.3.6), which is not the
    meetings' length on a night the clocks change."""
    from cpp_scheduler.model import Event
    from tests.ical.parsers import with_ical, with_recurring_ical_events, with_vobject

    first = datetime(2026, 10, 31, 16, 0, tzinfo=UTC)  # Sat 31 Oct 12:00 EDT
    retreat = Event(
        title="Weekend retreat",
        zone="America/New_York",
        start_utc=first,
        end_utc=datetime(2026, 11, 1, 17, 0, tzinfo=UTC),  # Sun 1 Nov 12:00 EST
        recurrence_rule="FREQ=WEEKLY;COUNT=2",
    )
    retreat.uid = "retreat@cpp-scheduler.tdlc"
    [(_name, data)] = export_bytes(scopes.program([retreat]), ExportOptions(stamp=STAMP))
    assert b"\r\nDURATION:PT25H\r\n" in data
    week = datetime(2026, 11, 7, 17, 0, tzinfo=UTC)  # Sat 7 Nov 12:00 EST
    expected = {
        (retreat.uid, first, first + timedelta(hours=25)),
        (retreat.uid, week, week + timedelta(hours=25)),
    }
    window = (datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))
    assert with_recurring_ical_events(data, window) == expected
    assert with_ical(data, window) == expected
    assert with_vobject(data, window) == expected
