"""The remembered UTC offsets of the conflict check agree with converting each instant."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import timezones
from cpp_scheduler.scheduling.clock import LocalClock, date_to_day

ZONES = [
    "Asia/Tokyo",
    "America/New_York",
    "Europe/London",
    "America/Santiago",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Asuncion",
    "Africa/Casablanca",
    "America/St_Johns",
    "Pacific/Apia",
    "Asia/Tehran",
]
FIRST_DAY = date_to_day(datetime(2026, 1, 1).date())
LAST_DAY = date_to_day(datetime(2028, 12, 31).date())


@cache
def clock_changes(zone_name: str) -> tuple[int, ...]:
    """Instants (s) just after each change of the zone's offset, found to the hour."""
    tz = timezones.zone(zone_name)
    changes: list[int] = []
    previous = datetime.fromtimestamp(FIRST_DAY * 86_400, tz).utcoffset()
    for instant in range(FIRST_DAY * 86_400, (LAST_DAY + 1) * 86_400, 3_600):
        offset = datetime.fromtimestamp(instant, tz).utcoffset()
        if offset != previous:
            changes.append(instant)
            previous = offset
    return tuple(changes)


@st.composite
def zone_and_instants(draw: st.DrawFn) -> tuple[str, list[int]]:
    """Instants in one zone, clustered around a change of its clocks when it has one."""
    zone_name = draw(st.sampled_from(ZONES))
    changes = clock_changes(zone_name)
    near_a_change = draw(st.booleans())
    if changes and near_a_change:
        anchor = draw(st.sampled_from(changes))
    else:
        anchor = draw(st.integers(FIRST_DAY, LAST_DAY)) * 86_400
    spread = st.integers(-3 * 86_400, 3 * 86_400)
    return zone_name, [anchor + shift for shift in draw(st.lists(spread, min_size=1))]


@settings(max_examples=300, deadline=None)
@given(zone_and_instants())
def test_the_clock_reads_every_instant_as_the_zone_database_does(
    case: tuple[str, list[int]],
) -> None:
    zone_name, instants = case
    clock = LocalClock()
    for instant in instants:
        local = datetime.fromtimestamp(instant, UTC).astimezone(timezones.zone(zone_name))
        offset = local.utcoffset()
        assert offset is not None
        assert clock.offset(zone_name, instant) == int(offset.total_seconds())
        assert clock.local_date(zone_name, instant) == local.date()
        assert clock.local_minute(zone_name, instant) == local.hour * 60 + local.minute


def test_the_zones_tested_change_their_clocks() -> None:
    assert len(clock_changes("America/New_York")) == 6  # twice a year, 2026-2028
    assert clock_changes("Australia/Lord_Howe")  # by half an hour
    assert not clock_changes("Asia/Tokyo")


@settings(max_examples=200, deadline=None)
@given(zone_and_instants(), st.integers(1, 2 * 86_400))
def test_the_offsets_of_a_meeting_are_those_of_its_start_and_end(
    case: tuple[str, list[int]],
    duration: int,
) -> None:
    zone_name, instants = case
    clock, exact = LocalClock(), LocalClock()
    for start in instants:
        expected = (exact.offset(zone_name, start), exact.offset(zone_name, start + duration))
        assert clock.offsets(zone_name, start, start + duration) == expected
