"""How values are written: instants in UTC with Z, times as HH:MM, read back the same."""

from __future__ import annotations

from datetime import UTC, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from cpp_scheduler import timezones
from cpp_scheduler.programfile.layout import INSTANT, TIME

# Real instants seen on the clocks of any zone (a wall-clock time in a gap is no instant).
instants = st.builds(
    lambda moment, zone: moment.replace(microsecond=0).astimezone(timezones.zone(zone)),
    st.datetimes(
        min_value=datetime(1971, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
    ),
    st.sampled_from(timezones.all_zones()),
)


@given(instants)
def test_an_instant_in_any_zone_is_written_in_utc_and_read_back(instant: datetime) -> None:
    written = INSTANT.encode(instant)
    assert written.endswith("Z")
    assert len(written) == len("2027-02-15T00:00:00Z")
    read = INSTANT.decode(written)
    # The same instant, compared in UTC: Python never finds a time of a repeated hour
    # (Troll's 02:00 on 30 October 2016) equal to one in another zone (PEP 495).
    assert read == instant.astimezone(UTC)
    assert read.tzinfo is UTC


@given(st.times().map(lambda value: value.replace(second=0, microsecond=0)))
def test_a_time_of_day_is_written_as_hours_and_minutes(value: time) -> None:
    written = TIME.encode(value)
    assert len(written) == 5
    assert TIME.decode(written) == value
