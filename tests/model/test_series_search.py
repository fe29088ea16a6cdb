"""A series' dates are searched within the program's years, whatever its rule says.

dateutil looks for a rule's next date until it finds one or reaches the year 9999, so a rule
that no date meets (February 30, every second of it) kept an import or the event dialog
busy for up to a minute. The search now ends at 2399, the rule read 7,600 years later, where
the Gregorian calendar gives the very same dates; these tests hold it to dateutil's own
reading and to the coordinator's messages.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from itertools import islice

import pytest
from dateutil.rrule import rrulestr
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cpp_scheduler import limits
from cpp_scheduler.model import recurrence
from cpp_scheduler.model.recurrence import RecurrenceError

START = datetime(2027, 2, 15, 10, 0)
LATEST = datetime.combine(limits.LATEST_DAY, time.max)


def starts(rule: str, start: datetime = START) -> list[datetime]:
    return list(recurrence.wall_clock_starts(rule, start))


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;UNTIL=21991231T235959;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;COUNT=3;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=YEARLY;COUNT=3;BYMONTH=6;BYYEARDAY=100",
        "FREQ=MONTHLY;COUNT=3;BYMONTH=2",  # the 30th, taken from the start below
        "FREQ=MONTHLY;COUNT=3;BYDAY=MO;BYSETPOS=40",
        "FREQ=YEARLY;COUNT=3;BYWEEKNO=1;BYMONTH=6",
        "FREQ=DAILY;COUNT=3;BYSETPOS=2",  # one meeting a day: no second one, ever
        "FREQ=DAILY;COUNT=3;BYHOUR=9,14;BYSETPOS=3",
    ],
)
def test_a_rule_no_date_meets_gives_no_meeting(rule: str) -> None:
    assert starts(rule, datetime(2027, 1, 30, 10, 0)) == []
    with pytest.raises(RecurrenceError, match="The series has no occurrence"):
        recurrence.problem_starts(rule, datetime(2027, 1, 30, 1, 0, tzinfo=UTC), "Asia/Tokyo")


def test_a_rule_whose_last_date_lies_beyond_the_programs_years_is_refused() -> None:
    for rule in (
        "FREQ=DAILY;UNTIL=99991231T235959;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=WEEKLY;UNTIL=22000101T000000Z",
        "FREQ=WEEKLY;UNTIL=18991231",
    ):
        with pytest.raises(RecurrenceError) as caught:
            starts(rule)
        assert str(caught.value) == (
            "A series' last date (UNTIL) must lie from 1900-01-01 to 2199-12-31."
        )


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;COUNT=300",  # a meeting in 2200
        "FREQ=YEARLY;COUNT=7;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",  # the seventh in 2224
    ],
)
def test_a_series_running_past_the_programs_last_day_is_refused(rule: str) -> None:
    with pytest.raises(RecurrenceError) as caught:
        starts(rule)
    assert str(caught.value) == (
        "The series runs past 2199-12-31, the program's last day; shorten it."
    )


def test_a_series_starting_outside_the_programs_years_is_refused() -> None:
    with pytest.raises(RecurrenceError, match="must start within the program's dates"):
        starts("FREQ=WEEKLY;COUNT=2", datetime(2300, 1, 1, 10, 0))


@pytest.mark.parametrize("frequency", ["HOURLY", "MINUTELY", "SECONDLY"])
def test_a_series_repeats_at_most_daily(frequency: str) -> None:
    with pytest.raises(RecurrenceError) as caught:
        starts(f"FREQ={frequency};COUNT=3;BYWEEKNO=1;BYMONTH=6")
    assert str(caught.value) == (
        "A series repeats at most daily; for several meetings a day, name their hours "
        "(FREQ=DAILY;BYHOUR=9,14)."
    )


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("FREQ=MONTHLY;COUNT=3;BYWEEKNO=1", "RFC 5545 allows BYWEEKNO in a yearly rule only."),
        (
            "FREQ=DAILY;COUNT=3;BYYEARDAY=100",
            "RFC 5545 does not allow BYYEARDAY in a daily, weekly or monthly rule.",
        ),
        (
            "FREQ=WEEKLY;COUNT=3;BYMONTHDAY=1",
            "RFC 5545 does not allow BYMONTHDAY in a weekly rule.",
        ),
        (
            "FREQ=WEEKLY;COUNT=3;BYDAY=2TU",
            "RFC 5545 numbers the days of BYDAY (2TU) in a monthly or yearly rule only.",
        ),
    ],
)
def test_a_rule_part_rfc_5545_forbids_at_its_frequency_is_refused(rule: str, reason: str) -> None:
    with pytest.raises(RecurrenceError) as caught:
        starts(rule)
    assert str(caught.value) == f"'{rule}': {reason}"


def test_several_meetings_a_day_are_one_daily_rule() -> None:
    assert starts("FREQ=DAILY;COUNT=4;BYHOUR=9,14;BYMINUTE=0") == [
        datetime(2027, 2, 15, 14, 0),
        datetime(2027, 2, 16, 9, 0),
        datetime(2027, 2, 16, 14, 0),
        datetime(2027, 2, 17, 9, 0),
    ]


def test_a_rule_dateutil_trips_over_is_refused_in_one_line() -> None:
    with pytest.raises(RecurrenceError) as caught:
        starts("FREQ=YEARLY;COUNT=1;BYMONTH=1,2;BYDAY=53MO")
    assert str(caught.value) == (
        "'FREQ=YEARLY;COUNT=1;BYMONTH=1,2;BYDAY=53MO' is not a recurrence rule such as "
        "FREQ=MONTHLY;COUNT=6 (list index out of range)"
    )


def test_byeaster_which_rfc_5545_does_not_know_is_refused() -> None:
    with pytest.raises(RecurrenceError, match="BYEASTER"):
        starts("FREQ=YEARLY;COUNT=2;BYEASTER=0")


def test_a_rare_date_is_found_decades_apart() -> None:
    """29 February on a Monday: 2044, 2072, 2112 (2100 is no leap year)."""
    found = starts("FREQ=YEARLY;COUNT=3;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO")
    assert [start.date() for start in found] == [
        date(2044, 2, 29),
        date(2072, 2, 29),
        date(2112, 2, 29),
    ]


WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@st.composite
def rules(draw: st.DrawFn) -> str:
    freq = draw(st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY"]))
    parts = [f"FREQ={freq}", f"COUNT={draw(st.integers(1, 12))}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 5))}")
    if draw(st.booleans()):
        months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True))
        parts.append("BYMONTH=" + ",".join(map(str, months)))
    if freq != "WEEKLY" and draw(st.booleans()):
        days = draw(
            st.lists(st.integers(-31, 31).filter(bool), min_size=1, max_size=3, unique=True)
        )
        parts.append("BYMONTHDAY=" + ",".join(map(str, days)))
    if draw(st.booleans()):
        weekdays = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True))
        prefix = (
            draw(st.sampled_from(["", "1", "-1", "2"])) if freq in ("MONTHLY", "YEARLY") else ""
        )
        parts.append("BYDAY=" + ",".join(prefix + day for day in weekdays))
        if draw(st.booleans()):
            parts.append(f"BYSETPOS={draw(st.sampled_from([1, -1, 2]))}")
    if freq == "YEARLY" and draw(st.booleans()):
        parts.append(f"BYWEEKNO={draw(st.integers(1, 52))}")
    for name, most in (("BYHOUR", 23), ("BYMINUTE", 59), ("BYSECOND", 59)):
        if draw(st.integers(0, 3)) == 0:
            values = draw(st.lists(st.integers(0, most), min_size=1, max_size=3, unique=True))
            parts.append(f"{name}=" + ",".join(map(str, values)))
    if "BYSETPOS" not in ";".join(parts) and draw(st.integers(0, 3)) == 0:
        parts.append(f"BYSETPOS={draw(st.sampled_from([1, -1, 2, 3]))}")
    return ";".join(parts)


@settings(max_examples=400, deadline=None)
@given(
    rule=rules(),
    first=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2199, 12, 1)),
)
def test_the_bounded_search_gives_dateutils_own_dates(rule: str, first: datetime) -> None:
    """Read 7,600 years later and back, a rule gives the dates dateutil gives it, or is
    refused exactly when those dates run past the program's last day."""
    count = int(rule.split("COUNT=")[1].split(";")[0])
    try:
        ours = starts(rule, first)
    except RecurrenceError as error:
        refusal = str(error)
    else:
        if ours:
            assert ours == list(islice(_dateutil_dates(rule, first), len(ours)))
        else:  # said at once, or searched to 2399: dateutil finds nothing either
            later = first.replace(year=first.year + 7600)
            assert list(islice(rrulestr(rule, dtstart=later), 1)) == []
        return
    if "is not a recurrence rule" in refusal:  # dateutil refuses it as it stands, too
        with pytest.raises(ValueError):  # noqa: PT011 - dateutil's own message varies
            list(islice(rrulestr(rule, dtstart=first), 1))
        return
    assert "runs past" in refusal
    expected = list(islice(_dateutil_dates(rule, first), count))
    assume(expected)
    assert expected[-1] > LATEST or len(expected) < count


def _dateutil_dates(rule: str, first: datetime) -> list[datetime]:
    """dateutil's dates for the rule up to the year 2400, where the bounded search ends;
    a rule meeting no date before then is left out rather than searched to 9999."""
    dates = []
    for found in rrulestr(rule, dtstart=first):
        if found.year >= 2400:
            break
        dates.append(found)
    return dates


def test_the_starts_kept_for_series_read_again_stay_within_their_bound() -> None:
    """An import checks every series twice: the starts of the last ones read are kept,
    counted start by start, so a file of long series cannot fill the memory with them."""
    kept = recurrence._RecentStarts(most_starts=25)
    series = {name: tuple(datetime(2027, 1, day, 10) for day in range(1, 11)) for name in "abc"}
    for name, found in series.items():
        kept.put((name, START, "UTC"), found)
    assert kept.get(("a", START, "UTC")) is None  # 33 starts with their keys: the first goes
    assert kept.get(("b", START, "UTC")) == series["b"]
    assert kept.get(("c", START, "UTC")) == series["c"]
