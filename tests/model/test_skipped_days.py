"""All-day events next to a day their zone skipped whole: Samoa went from Thursday 29
December 2011 straight to Saturday 31 December (Kiritimati skipped 31 December 1994,
Kwajalein 21 August 1993). No instant of such a day exists there, so an event's
instants cannot say it began or ended on it: the dates are checked as they are given,
and a day before the skip is still one day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.model import Event
from cpp_scheduler.model.event import all_day_date_problems
from cpp_scheduler.model.event_filter import meeting_days

APIA = "Pacific/Apia"


def _one_day(day: date, zone: str) -> Event:
    event = Event(title="Office closed", zone=zone)
    event.set_dates(day, day)
    return event


def test_the_day_before_samoas_skipped_day_is_one_day() -> None:
    event = _one_day(date(2011, 12, 29), APIA)
    assert event.problems() == []
    assert (event.first_date, event.last_date) == (date(2011, 12, 29), date(2011, 12, 29))
    # the calendar's and the list's days, on its own clock and on Tokyo's
    for clock in (APIA, timezones.TOKYO):
        days = meeting_days(event.start_utc, event.end_utc, APIA, all_day=True, clock=clock)
        assert days == (date(2011, 12, 29), date(2011, 12, 29))
    # it ends as Samoa's next day, the 31st, begins
    assert event.end_utc == timezones.day_start(date(2011, 12, 31), APIA)


@pytest.mark.parametrize(
    ("zone", "first", "last", "field", "day"),
    [
        (APIA, date(2011, 12, 30), date(2012, 1, 2), "start_utc", "30 Dec 2011"),
        (APIA, date(2011, 12, 27), date(2011, 12, 30), "end_utc", "30 Dec 2011"),
        ("Pacific/Kiritimati", date(1994, 12, 31), date(1994, 12, 31), "start_utc", "31 Dec 1994"),
        ("Pacific/Kwajalein", date(1993, 8, 20), date(1993, 8, 21), "end_utc", "21 Aug 1993"),
    ],
)
def test_an_all_day_event_cannot_begin_or_end_on_a_skipped_day(
    zone: str, first: date, last: date, field: str, day: str
) -> None:
    problems = all_day_date_problems(first, last, zone)
    assert [(problem.field, problem.message) for problem in problems][:1] == [
        (field, f"{zone} has no {day}: its clocks skipped that day.")
    ]


def test_days_around_a_skip_and_a_skipped_midnight_are_taken() -> None:
    assert all_day_date_problems(date(2011, 12, 29), date(2011, 12, 31), APIA) == []
    # Santiago skips its midnight, not its day: 6 September 2026 begins at 01:00
    santiago = "America/Santiago"
    assert all_day_date_problems(date(2026, 9, 6), date(2026, 9, 6), santiago) == []
    assert not timezones.skipped_day(date(2026, 9, 6), santiago)
    assert timezones.skipped_day(date(2011, 12, 30), APIA)


def test_a_last_day_before_the_first_is_refused_in_words() -> None:
    problems = all_day_date_problems(date(2027, 5, 5), date(2027, 4, 29), timezones.TOKYO)
    assert [problem.message for problem in problems] == [
        "The last day cannot come before the first."
    ]


@pytest.mark.usefixtures("japanese")
def test_the_refusal_in_japanese() -> None:
    (problem,) = all_day_date_problems(date(2011, 12, 30), date(2011, 12, 30), APIA)
    assert problem.message == (
        "Pacific/Apia には2011年12月30日がありません（時計がこの日を飛ばしました）。"
    )


def test_a_day_its_zone_lived_twice_is_one_day_of_both() -> None:
    """Kwajalein crossed the date line the other way on 30 September 1969, and lived
    that day twice: an event on it holds all 47 hours and is still dated that day."""
    event = _one_day(date(1969, 9, 30), "Pacific/Kwajalein")
    assert event.problems() == []
    assert (event.first_date, event.last_date) == (date(1969, 9, 30), date(1969, 9, 30))
    assert event.end_utc - event.start_utc == timedelta(hours=47)


def test_a_last_day_before_the_first_is_told_whatever_the_zone_name() -> None:
    """The dialog tells it while the zone is still being typed: a name that is no zone
    yet has no days to skip, and is left to the zone's own rule."""
    problems = all_day_date_problems(date(2027, 5, 5), date(2027, 4, 29), "Asia/Tok")
    assert [problem.field for problem in problems] == ["end_utc"]
    assert all_day_date_problems(date(2027, 4, 29), date(2027, 5, 5), "Asia/Tok") == []
