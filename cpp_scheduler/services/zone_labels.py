"""A time zone named with the UTC offsets its clock reads over some days.

The window's "Show times in" selector labels the zone in use so ("Times in America/New
York (UTC-05:00; UTC-04:00 from Sun 14 Mar)"), and ``cpp-scheduler zones`` answers the
same question in the same words; typing part of a name finds a zone alike in both.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import _


def zone_offsets(
    zone_name: str, first: date | None = None, last: date | None = None
) -> list[tuple[str, date | None]]:
    """The UTC offsets the clock of ``zone_name`` reads over the days ``first`` to
    ``last`` (today's, without them): the first with None, each later one with the day
    it starts on (:func:`~cpp_scheduler.timezones.period_offsets`)."""
    if first is None or last is None:
        first = last = datetime.now(UTC).astimezone(timezones.zone(zone_name)).date()
    return timezones.period_offsets(zone_name, first, last)


MOST_CHANGES_SAID = 2
"""The changes of clocks a label names with their days: a year's, at most."""


def zone_label(zone_name: str, first: date | None = None, last: date | None = None) -> str:
    """``America/New York (UTC-04:00)``: the zone with the offset its clock reads over
    the days ``first`` to ``last`` (today's, without them); where the clocks change
    within them, each offset with the day it starts on; over more than a year's
    changes (the Agenda's whole program), each offset once."""
    (offset, _day), *changes = zone_offsets(zone_name, first, last)
    shown = f"UTC{offset}"
    if len(changes) > MOST_CHANGES_SAID:
        # Years of changes, each on a day named without its year, would read as one
        # year's: each offset is said once, in the order the clocks first read it.
        offsets = dict.fromkeys([offset, *(later for later, _day in changes)])
        shown = _("{offsets}, as the clocks change").format(
            offsets=_(" or ").join(f"UTC{each}" for each in offsets)
        )
        changes = []
    for later, day in changes:
        assert day is not None  # every offset after the first starts on a day
        shown = _("{offsets}; UTC{offset} from {day}").format(
            offsets=shown, offset=later, day=i18n.short_day_text(day)
        )
    return f"{zone_name.replace('_', ' ')} ({shown})"


def zones_matching(text: str) -> list[str]:
    """The zones of the pinned IANA database whose names hold ``text``, whatever its
    case ("kath" finds Asia/Kathmandu); a zone's own name finds that zone alone."""
    wanted = text.strip()
    if timezones.is_zone(wanted):
        return [wanted]
    folded = wanted.casefold()
    return [zone for zone in timezones.all_zones() if folded in zone.casefold()]
