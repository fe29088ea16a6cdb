"""Counts said in the language's own plural, worded once in the core: the meetings the
Series tab and ``cpp-scheduler series`` count ("1 meeting", 1回 as 3回), and the length
the event dialog gives an all-day event ("1 day", "3 days"; 1日間)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from cpp_scheduler import i18n, timezones
from cpp_scheduler.services import series_view
from cpp_scheduler.services.draft_times import length_text


@pytest.fixture(params=[i18n.ENGLISH, i18n.JAPANESE])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.use_language(request.param)
    yield request.param
    i18n.use_language(i18n.ENGLISH)


SERIES = {
    i18n.ENGLISH: (
        "1 meeting at 10:00: Mon 01 Feb 2027",
        "3 meetings at 10:00: Mon 01 Feb, Mon 08 Feb, Mon 15 Feb 2027",
    ),
    i18n.JAPANESE: (
        "10:00 に 1回: 2027年2月1日(月)",
        "10:00 に 3回: 2027年2月1日(月)、2027年2月8日(月)、2027年2月15日(月)",
    ),
}


def test_a_series_counts_one_meeting_as_it_counts_several(language: str) -> None:
    """Japanese once counted one meeting 会合1件 and three 3回, in one line's place."""
    said = tuple(
        series_view.preview_text(f"FREQ=WEEKLY;COUNT={count}", datetime(2027, 2, 1, 10), "UTC")
        for count in (1, 3)
    )
    assert said == SERIES[language]


LENGTHS = {
    i18n.ENGLISH: ("1 day", "3 days", "1 h 30 min"),
    i18n.JAPANESE: ("1日間", "3日間", "1時間30分"),
}


def all_day(first: date, last: date, zone: str) -> tuple[datetime, datetime, str, bool]:
    start, end = timezones.local_days(first, last, zone)
    return start, end, zone, True


def test_an_events_length_is_said_in_the_languages_plural(language: str) -> None:
    """Kwajalein lived 30 September 1969 twice: 47 hours, one day; Berlin's weekend
    over its spring change is 71 hours, three days."""
    atoll = all_day(date(1969, 9, 30), date(1969, 9, 30), "Pacific/Kwajalein")
    berlin = all_day(date(2026, 3, 28), date(2026, 3, 30), "Europe/Berlin")
    start = datetime(2027, 2, 1, 1, tzinfo=UTC)
    timed = (start, start + timedelta(minutes=90), "Asia/Tokyo", False)
    assert (length_text(*atoll), length_text(*berlin), length_text(*timed)) == LENGTHS[language]
