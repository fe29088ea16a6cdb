"""Fast local dates and minutes for many instants, for the checks over a whole program.

A program of ten thousand events asks for a hundred thousand local dates; making a
datetime for each costs more than everything else in the conflict check. A zone's UTC
offset changes a few times a year, so it is looked up once per zone and UTC midnight
and remembered for the day when it is the same at both of the day's midnights (no zone
changes its clocks twice within a day). A day on which the offset changes is never
remembered: every instant in it is converted exactly.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from cpp_scheduler import timezones

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_SECONDS_PER_DAY = 86_400
_UNLEARNT = 1 << 62
"""Not an offset (those are under a day): marks a day not looked at yet."""


class LocalClock:
    """Remembers UTC offsets per zone and UTC day. Not shared between threads."""

    __slots__ = ("_midnights", "_zones")

    def __init__(self) -> None:
        self._zones: dict[str, dict[int, int | None]] = {}
        """Per zone and UTC day, the offset throughout the day, or None if it changes."""
        self._midnights: dict[str, dict[int, int]] = {}
        """Per zone and UTC day, the offset at its first second."""

    def offset(self, zone_name: str, instant_s: int) -> int:
        """The zone's UTC offset in seconds at an instant (seconds since the epoch)."""
        day = instant_s // _SECONDS_PER_DAY
        try:
            days = self._zones[zone_name]
        except KeyError:
            days = self._zones[zone_name] = {}
        known = days.get(day, _UNLEARNT)  # a miss costs less than catching a KeyError
        if known == _UNLEARNT:
            known = self._learn(zone_name, day)
        if known is None:
            return _utcoffset(timezones.zone(zone_name), instant_s)
        return known

    def offsets(self, zone_name: str, start_s: int, end_s: int) -> tuple[int, int]:
        """The offsets at two instants, looked up once when both fall in one steady
        UTC day (as most meetings do)."""
        day = start_s // _SECONDS_PER_DAY
        if end_s // _SECONDS_PER_DAY == day:
            days = self._zones.get(zone_name)
            known = days.get(day) if days is not None else None
            if known is not None:
                return known, known
        return self.offset(zone_name, start_s), self.offset(zone_name, end_s)

    def _learn(self, zone_name: str, day: int) -> int | None:
        """The offset throughout a UTC day, or None if the clocks change in it.

        Compares the offsets at this midnight and the next, each looked up once for
        the two days it bounds. A change exactly at the next midnight marks the day as
        changing, which costs exact lookups but never a wrong answer.
        """
        midnights = self._midnights.setdefault(zone_name, {})
        first = midnights.get(day)
        following = midnights.get(day + 1)
        if first is None or following is None:
            tz = timezones.zone(zone_name)
            if first is None:
                first = midnights[day] = _utcoffset(tz, day * _SECONDS_PER_DAY)
            if following is None:
                following = midnights[day + 1] = _utcoffset(tz, (day + 1) * _SECONDS_PER_DAY)
        known = first if first == following else None
        self._zones[zone_name][day] = known
        return known

    def local_day(self, zone_name: str, instant_s: int) -> int:
        """The local date as days since 1970-01-01."""
        return (instant_s + self.offset(zone_name, instant_s)) // _SECONDS_PER_DAY

    def local_date(self, zone_name: str, instant_s: int) -> date:
        return day_to_date(self.local_day(zone_name, instant_s))

    def local_minute(self, zone_name: str, instant_s: int) -> int:
        """Minutes since local midnight."""
        return ((instant_s + self.offset(zone_name, instant_s)) % _SECONDS_PER_DAY) // 60


def _utcoffset(tz: tzinfo, instant_s: int) -> int:
    offset = datetime.fromtimestamp(instant_s, tz).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def day_to_date(day: int) -> date:
    """The date ``day`` days after 1970-01-01."""
    return date.fromordinal(_EPOCH_ORDINAL + day)


def date_to_day(day: date) -> int:
    """Days from 1970-01-01 to ``day``."""
    return day.toordinal() - _EPOCH_ORDINAL
