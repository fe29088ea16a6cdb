"""A local time range names each end's clock where the clock changes within it, and
tells apart the two readings of an hour the clocks go back over: every list, table and
sentence of the program writes its ranges through ``timezones.span_text``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import i18n, timezones

NEW_YORK = "America/New_York"
SAMPLE_ZONES = (
    NEW_YORK,
    "America/Santiago",  # abbreviations that are numbers: -03, -04
    "America/Havana",  # clocks change at midnight: the repeated hour crosses into a day
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Skopje",
    "Europe/Chisinau",
    "Africa/Cairo",
    "Asia/Beirut",  # clocks change at midnight
    "Asia/Jerusalem",
    "Australia/Sydney",
    "Australia/Lord_Howe",  # a half-hour change
    "Pacific/Auckland",
    "Pacific/Chatham",  # +1245/+1345
    "Antarctica/Troll",  # a two-hour change
)


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


def span(start: datetime, end: datetime, where: str = NEW_YORK, **options: object) -> str:
    return timezones.span_text(
        timezones.to_local(start, where),
        timezones.to_local(end, where),
        **options,  # type: ignore[arg-type]
    )


# -- New York, 2027 -------------------------------------------------------------------


def test_a_range_across_the_fall_back_names_both_clocks() -> None:
    # 05:30-07:30 UTC: 01:30 EDT, then two hours later 02:30 EST.
    start, end = utc(2027, 11, 7, 5, 30), utc(2027, 11, 7, 7, 30)
    assert span(start, end) == "01:30 EDT - 02:30 EST"
    assert span(start, end, day=i18n.short_day_text, zone=True) == (
        "Sun 07 Nov 01:30 EDT - 02:30 EST"
    )
    assert span(start, end, dash="–") == "01:30 EDT – 02:30 EST"


def test_a_half_hour_across_the_fall_back_no_longer_ends_before_it_starts() -> None:
    assert span(utc(2027, 11, 7, 5, 30), utc(2027, 11, 7, 6)) == "01:30 EDT - 01:00 EST"


def test_the_two_readings_of_the_repeated_hour_are_told_apart() -> None:
    first = span(utc(2027, 11, 7, 5), utc(2027, 11, 7, 5, 30))
    second = span(utc(2027, 11, 7, 6), utc(2027, 11, 7, 6, 30))
    assert (first, second) == ("01:00-01:30 EDT", "01:00-01:30 EST")
    # With the clock named anyway, it is named once, after the end.
    assert span(utc(2027, 11, 7, 6), utc(2027, 11, 7, 6, 30), zone=True) == "01:00-01:30 EST"


def test_a_range_ending_as_the_repeated_hour_begins_names_its_clock() -> None:
    assert span(utc(2027, 11, 7, 4, 30), utc(2027, 11, 7, 5)) == "00:30-01:00 EDT"


def test_a_range_across_the_spring_forward_names_both_clocks() -> None:
    # 30 minutes: from 01:30 EST to 03:00 EDT, never "01:30-03:00 EST".
    assert span(utc(2027, 3, 14, 6, 30), utc(2027, 3, 14, 7)) == "01:30 EST - 03:00 EDT"


def test_an_ordinary_range_is_as_it_always_was() -> None:
    start, end = utc(2027, 1, 18, 14), utc(2027, 1, 18, 15, 30)
    assert span(start, end) == "09:00-10:30"
    assert span(start, end, zone=True) == "09:00-10:30 EST"
    assert span(start, end, day=i18n.day_text, zone=True) == "Mon 18 Jan 2027 09:00-10:30 EST"
    assert span(start, end, "America/Lima", zone=True) == "09:00-10:30 -05"


def test_an_end_on_another_day_gives_its_day() -> None:
    start, end = utc(2027, 1, 19, 4, 30), utc(2027, 1, 19, 6)
    assert span(start, end) == "23:30-Tue 01:00"
    assert span(start, end, day=i18n.short_day_text) == "Mon 18 Jan 23:30-Tue 19 Jan 01:00"
    # Across a day and a clock change at once.
    assert span(utc(2027, 3, 14, 4, 30), utc(2027, 3, 15, 5), day=i18n.day_text) == (
        "Sat 13 Mar 2027 23:30 EST - Mon 15 Mar 01:00 EDT"
    )


def test_numeric_abbreviations_become_offsets_beside_the_dash() -> None:
    # Santiago goes back from -03 to -04 at midnight on 5 April 2026: 23:00-24:00 twice.
    santiago = "America/Santiago"
    assert span(utc(2026, 4, 5, 2, 30), utc(2026, 4, 5, 3, 30), santiago) == (
        "23:30 UTC-03:00 - 23:30 UTC-04:00"
    )
    assert span(utc(2026, 4, 5, 2), utc(2026, 4, 5, 2, 30), santiago) == "23:00-23:30 -03"
    assert span(utc(2026, 4, 5, 3), utc(2026, 4, 5, 3, 30), santiago) == "23:00-23:30 -04"


def test_a_change_that_keeps_its_abbreviation_is_told_by_its_offsets() -> None:
    # Moscow went back from +04:00 to +03:00 on 26 October 2014, MSK both sides.
    moscow = "Europe/Moscow"
    assert span(utc(2014, 10, 25, 21, 30), utc(2014, 10, 25, 22, 30), moscow) == (
        "01:30 UTC+04:00 - 01:30 UTC+03:00"
    )
    assert span(utc(2014, 10, 25, 21), utc(2014, 10, 25, 21, 30), moscow) == (
        "01:00-01:30 UTC+04:00"
    )


def test_the_offsets_of_a_range_give_both_where_the_clock_changes() -> None:
    def offsets(start: datetime, end: datetime, *, named: bool = False) -> str:
        local_start, local_end = (timezones.to_local(t, NEW_YORK) for t in (start, end))
        return timezones.offsets_text(local_start, local_end, named=named)

    assert offsets(utc(2027, 11, 7, 5, 30), utc(2027, 11, 7, 7, 30)) == "-04:00, -05:00"
    assert offsets(utc(2027, 11, 7, 5, 30), utc(2027, 11, 7, 7, 30), named=True) == (
        "-04:00 EDT, -05:00 EST"
    )
    assert offsets(utc(2027, 1, 18, 14), utc(2027, 1, 18, 15), named=True) == "-05:00 EST"


@pytest.mark.usefixtures("japanese")
def test_japanese_writes_the_same_clocks() -> None:
    start, end = utc(2027, 11, 7, 5, 30), utc(2027, 11, 7, 7, 30)
    assert span(start, end, day=i18n.short_day_text) == "11月7日(日) 01:30 EDT - 02:30 EST"
    assert span(utc(2027, 1, 19, 4, 30), utc(2027, 1, 19, 6)) == "23:30-(火) 01:00"


# -- every clock change of 2026-2027 in a sample of zones ------------------------------


@cache
def transitions() -> tuple[tuple[str, datetime, timedelta, timedelta], ...]:
    """Each change of offset in 2026 and 2027 in the sample: the zone, the instant, and
    the offsets before and after."""
    found = []
    for zone in SAMPLE_ZONES:
        tz = timezones.zone(zone)
        moment, last = utc(2026, 1, 1), utc(2028, 1, 1)
        offset = moment.astimezone(tz).utcoffset()
        while moment < last:
            following = moment + timedelta(hours=6)
            after = following.astimezone(tz).utcoffset()
            if after != offset:
                low, high = moment, following  # the offset is `offset` at low, `after` at high
                while high - low > timedelta(minutes=1):
                    middle = low + (high - low) / 2
                    if middle.astimezone(tz).utcoffset() == offset:
                        low = middle
                    else:
                        high = middle
                assert offset is not None
                assert after is not None
                found.append((zone, high, offset, after))
            moment, offset = following, after
    return tuple(found)


def test_the_sample_holds_changes_of_every_kind() -> None:
    changes = transitions()
    assert {zone for zone, *_rest in changes} >= {NEW_YORK, "America/Santiago", "Europe/London"}
    assert any(after - before == timedelta(minutes=30) for _z, _t, before, after in changes)
    assert any(before - after == timedelta(hours=2) for _z, _t, before, after in changes)


MINUTES = st.integers(1, 180).map(lambda minutes: timedelta(minutes=minutes))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(transitions()), MINUTES, MINUTES)
def test_a_range_across_any_change_shows_each_ends_own_clock(
    change: tuple[str, datetime, timedelta, timedelta], before: timedelta, after: timedelta
) -> None:
    zone, instant, _offset_before, _offset_after = change
    start = timezones.to_local(instant - before, zone)
    end = timezones.to_local(instant + after, zone)
    assert start.utcoffset() != end.utcoffset()
    start_clock, end_clock = timezones.span_labels(start, end)
    assert start_clock
    assert end_clock
    assert start_clock != end_clock
    text = timezones.span_text(start, end, day=i18n.short_day_text)
    assert f" {start_clock} - " in text, text
    assert text.endswith(f" {end_clock}"), text
    for options in ({}, {"zone": True}, {"dash": "–"}):
        assert start_clock in timezones.span_text(start, end, **options)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(transitions()), st.data())
def test_the_same_wall_clock_read_twice_is_written_twice_differently(
    change: tuple[str, datetime, timedelta, timedelta], data: st.DataObject
) -> None:
    zone, instant, offset_before, offset_after = change
    repeated = offset_before - offset_after
    if repeated <= timedelta(0):
        return  # clocks went forward: nothing is read twice
    most = int(repeated.total_seconds()) // 60
    length = timedelta(minutes=data.draw(st.integers(1, most - 1), "minutes"))
    # The first reading ends before the clocks go back; the second starts as they have.
    first_start = instant - timedelta(minutes=data.draw(st.integers(1, most), "lead")) - length
    first_start = max(first_start, instant - repeated)
    if first_start + length >= instant:
        return
    second_start = first_start + repeated
    first = [timezones.to_local(t, zone) for t in (first_start, first_start + length)]
    second = [timezones.to_local(t, zone) for t in (second_start, second_start + length)]
    assert [t.replace(tzinfo=None) for t in first] == [t.replace(tzinfo=None) for t in second]
    for options in ({}, {"day": i18n.day_text}, {"zone": True}):
        shown = [timezones.span_text(*reading, **options) for reading in (first, second)]  # type: ignore[arg-type]
        assert shown[0] != shown[1], shown


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from((*SAMPLE_ZONES, "Asia/Tokyo", "Asia/Kathmandu", "America/Lima")),
    st.datetimes(datetime(2026, 1, 1), datetime(2027, 12, 31)),
    st.integers(1, 6 * 60),
)
def test_a_range_that_names_no_clock_reads_forwards(
    zone: str, start: datetime, minutes: int
) -> None:
    """Without a clock named, a range's wall-clock end is after its start, as the reader
    takes it: never 01:30-01:00, never 30 minutes written as 01:30-03:00."""
    begin = start.replace(second=0, microsecond=0, tzinfo=UTC)
    local_start = timezones.to_local(begin, zone)
    local_end = timezones.to_local(begin + timedelta(minutes=minutes), zone)
    if timezones.span_labels(local_start, local_end) != ("", ""):
        return
    wall = local_end.replace(tzinfo=None) - local_start.replace(tzinfo=None)
    assert wall == timedelta(minutes=minutes)


def test_the_sample_reaches_2027_and_stays_in_the_two_years() -> None:
    years = {instant.year for _zone, instant, _before, _after in transitions()}
    assert years == {2026, 2027}
    assert date(2027, 11, 7) in {
        instant.date() for zone, instant, *_rest in transitions() if zone == NEW_YORK
    }
