"""Fast local dates and minutes for many instants, for the checks over a whole program.

A program of ten thousand events asks for a hundred thousand local dates; making a
datetime for each costs more than everything else in the conflict check. A zone's UTC
offset changes a few times a year, so it is looked up once per zone and UTC day and
remembered when it is the same at both ends of the day (no zone changes its clocks
twice within a day). A day on which the offset changes is never remembered: every
instant in it is converted exactly.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from cpp_scheduler import timezones

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_SECONDS_PER_DAY = 86_400


class LocalClock:
    """Remembers UTC offsets per zone and UTC day. Not shared between threads."""

    __slots__ = ("_offsets",)

    def __init__(self) -> None:
        self._offsets: dict[tuple[str, int], int | None] = {}

    def offset(self, zone_name: str, instant_s: int) -> int:
        """The zone's UTC offset in seconds at an instant (seconds since the epoch)."""
        key = (zone_name, instant_s // _SECONDS_PER_DAY)
        try:
            known = self._offsets[key]
        except KeyError:
            tz = timezones.zone(zone_name)
            day_start = key[1] * _SECONDS_PER_DAY
            first = _utcoffset(tz, day_start)
            known = first if first == _utcoffset(tz, day_start + _SECONDS_PER_DAY - 1) else None
            self._offsets[key] = known
        if known is None:
            return _utcoffset(timezones.zone(zone_name), instant_s)
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
