"""A series in words, read from a rule and written back as one, meets on the days the
rule meets: the event dialog's series editor shows what the expansion holds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import timezones
from cpp_scheduler.model import recurrence
from cpp_scheduler.model.series_pattern import (
    Repeats,
    SeriesPattern,
    last_meeting_day,
    offered,
    read_pattern,
    write_rule,
)

ZONES = (
    "Asia/Tokyo",
    "America/New_York",
    "America/Santiago",  # midnight skipped in September
    "Europe/Skopje",
    "Asia/Kathmandu",  # UTC+05:45
    "Pacific/Apia",
    "Australia/Lord_Howe",  # half-hour changes
)


def _starts(rule: str, local_start: datetime, zone: str) -> list[datetime]:
    return list(recurrence.wall_clock_starts(rule, local_start, zone))


@st.composite
def series(draw: st.DrawFn) -> tuple[str, datetime, str]:
    """A rule the editor can say in words, ending on a UTC instant, with its start."""
    zone = draw(st.sampled_from(ZONES))
    local_start = draw(
        st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31))
    ).replace(second=0, microsecond=0)
    repeats = draw(st.sampled_from(offered(local_start.date())[1:]))
    interval = draw(st.integers(1, 3))
    weekdays = draw(st.frozensets(st.integers(0, 6), max_size=3))
    pattern = SeriesPattern(repeats, interval, weekdays, count=4)
    words = write_rule(pattern, local_start)
    assert words is not None
    until = local_start.replace(tzinfo=UTC) + draw(
        st.timedeltas(min_value=timedelta(hours=-14), max_value=timedelta(days=200))
    )
    rule = words.replace("COUNT=4", f"UNTIL={until:%Y%m%dT%H%M%SZ}")
    return rule, local_start, zone


@settings(max_examples=300, deadline=None)
@given(series())
def test_a_rule_rewritten_from_its_words_meets_on_the_same_days(
    found: tuple[str, datetime, str],
) -> None:
    rule, local_start, zone = found
    pattern = read_pattern(rule, local_start, zone)
    assert pattern.repeats not in (Repeats.NONE, Repeats.CUSTOM)
    rewritten = write_rule(pattern, local_start)
    assert rewritten is not None
    assert _starts(rewritten, local_start, zone) == _starts(rule, local_start, zone)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(list(Repeats)[1:-1]),
    st.integers(1, 12),
    st.frozensets(st.integers(0, 6), min_size=1),
    st.one_of(st.integers(2, 500), st.dates(date(2026, 1, 1), date(2030, 12, 31))),
)
def test_words_written_as_a_rule_read_back_as_the_same_words(
    repeats: Repeats, interval: int, weekdays: frozenset[int], end: int | date
) -> None:
    local_start = datetime(2026, 2, 28, 10)  # the fourth and last Saturday: all are offered
    pattern = SeriesPattern(
        repeats,
        interval,
        weekdays if repeats is Repeats.WEEKLY else frozenset(),
        end if isinstance(end, int) else None,
        end if isinstance(end, date) else None,
    )
    rule = write_rule(pattern, local_start)
    assert read_pattern(rule, local_start, "Asia/Tokyo") == pattern


def test_an_until_before_the_series_hour_ends_it_the_day_before() -> None:
    ten = datetime(2027, 2, 1, 10)
    # 1 March 00:00 UTC is 09:00 in Tokyo: the Monday meeting at 10:00 is past it.
    assert last_meeting_day("20270301T000000Z", ten, "Asia/Tokyo") == date(2027, 2, 28)
    assert last_meeting_day("20270301T010000Z", ten, "Asia/Tokyo") == date(2027, 3, 1)
    assert last_meeting_day("20270301T095959", ten, "Asia/Tokyo") == date(2027, 2, 28)
    assert last_meeting_day("20270301", datetime(2027, 2, 1), "Asia/Tokyo") == date(2027, 3, 1)
    # Read in the event's zone: 1 March 00:00 UTC is 19:00 on 28 February in New York.
    assert last_meeting_day("20270301T000000Z", ten, "America/New_York") == date(2027, 2, 28)
    assert last_meeting_day("20270301T000000Z", datetime(2027, 2, 1, 20), "America/New_York") == (
        date(2027, 2, 27)
    )


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;COUNT=3",
        "FREQ=WEEKLY;BYDAY=MO;COUNT=3;UNTIL=20270301",  # both ends
        "FREQ=WEEKLY;BYDAY=MO",  # no end
        "FREQ=WEEKLY;BYDAY=MO;COUNT=1",  # one meeting: no series in words
        "FREQ=WEEKLY;INTERVAL=24;COUNT=3",  # more weeks apart than the words offer
        "FREQ=WEEKLY;BYDAY=MO;UNTIL=2027-03-01",  # not RFC 5545's form
        "FREQ=MONTHLY;BYMONTHDAY=2;COUNT=3",  # not the start's day
        "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9,14;COUNT=3",
    ],
)
def test_a_rule_the_words_cannot_say_is_kept_as_it_is(rule: str) -> None:
    assert read_pattern(rule, datetime(2027, 2, 1, 10), "Asia/Tokyo").repeats is Repeats.CUSTOM


def test_a_zone_that_skipped_the_until_day_reads_it_on_the_day_lived() -> None:
    # 30 December 2011 did not happen in Apia: 10:00 UTC on the 30th is 00:00 on the 31st.
    until = timezones.to_utc(datetime(2011, 12, 31, 0, 0), "Pacific/Apia")
    assert last_meeting_day(f"{until:%Y%m%dT%H%M%SZ}", datetime(2011, 12, 1), "Pacific/Apia") == (
        date(2011, 12, 31)
    )
