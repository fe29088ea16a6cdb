"""A day is the span between its local midnights as they really occur: where a clock
change skips midnight (Santiago, 6 September 2026) the day begins at the change, where it
repeats midnight the day begins at the first one. The slot finder searches exactly those
days: never the evening before, never without the last hour of the last day.

Checked over every clock change of 2026 and 2027 at local midnight in every zone of the
IANA database."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta
from functools import cache

import pytest
from engine_builders import delegation

from cpp_scheduler import timezones
from cpp_scheduler.scheduling.slots import SlotRequest, candidate_scores

SECOND = timedelta(seconds=1)
HOUR = timedelta(hours=1)
KOBE = delegation("kobe", "Kobe city", "Asia/Tokyo", "JP")


@cache
def midnight_changes() -> tuple[tuple[str, date, str], ...]:
    """Each zone and day of 2026 and 2027 whose midnight is skipped or repeated."""
    found = []
    for name in sorted(zoneinfo.available_timezones()):
        if not timezones.is_zone(name):
            continue
        tz = zoneinfo.ZoneInfo(name)
        day = date(2026, 1, 1)
        while day.year < 2028:
            midnight = datetime(day.year, day.month, day.day)
            early = midnight.replace(tzinfo=tz, fold=0).utcoffset()
            late = midnight.replace(tzinfo=tz, fold=1).utcoffset()
            if early != late:
                kind = "skipped" if early is not None and late is not None and late > early else ""
                found.append((name, day, kind or "repeated"))
            day += timedelta(days=1)
    return tuple(found)


def local(instant: datetime, zone_name: str) -> datetime:
    return timezones.to_local(instant, zone_name).replace(tzinfo=None)


def test_the_scan_finds_santiagos_skipped_midnight_and_repeated_ones() -> None:
    changes = midnight_changes()
    assert ("America/Santiago", date(2026, 9, 6), "skipped") in changes
    assert {kind for _zone, _day, kind in changes} == {"skipped", "repeated"}


def test_santiagos_sixth_of_september_2026_begins_at_one_in_the_morning() -> None:
    start = timezones.day_start(date(2026, 9, 6), "America/Santiago")
    assert start == datetime(2026, 9, 6, 4, tzinfo=UTC)
    assert local(start, "America/Santiago") == datetime(2026, 9, 6, 1)


@pytest.mark.parametrize(
    ("zone_name", "day", "kind"), midnight_changes(), ids=lambda value: str(value)
)
def test_a_day_begins_at_its_first_instant(zone_name: str, day: date, kind: str) -> None:
    for each in (day - timedelta(days=1), day, day + timedelta(days=1)):
        start = timezones.day_start(each, zone_name)
        assert local(start, zone_name).date() == each
        assert local(start - SECOND, zone_name).date() < each


@pytest.mark.parametrize(
    ("zone_name", "day", "kind"), midnight_changes(), ids=lambda value: str(value)
)
def test_the_slot_finder_searches_the_whole_day_and_nothing_else(
    zone_name: str, day: date, kind: str
) -> None:
    for searched in (day - timedelta(days=1), day):  # the change ends one, begins the other
        request = SlotRequest((KOBE,), HOUR, searched, searched, zone=zone_name)
        starts = [start for start, _total, _worst in candidate_scores(request)]
        assert local(starts[0], zone_name).date() == searched  # not the evening before
        assert starts[0] == timezones.day_start(searched, zone_name)
        following = timezones.day_start(searched + timedelta(days=1), zone_name)
        assert starts[-1] + HOUR == following  # the last hour is offered
        assert local(starts[-1] + HOUR - SECOND, zone_name).date() == searched
