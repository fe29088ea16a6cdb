"""Expanding a series (a monthly videoconference) into its occurrences.

A series keeps its local hour in the zone it was planned in: a 09:00 Lima session stays at
09:00 in Lima, and so moves for Tokyo or Washington when their clocks change. The rule is
an RFC 5545 RRULE expanded on wall-clock times, each converted to UTC afterwards, exactly
as calendar clients do with ``DTSTART;TZID=...``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from dateutil.rrule import rrule, rrulestr

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError

MAX_OCCURRENCES = 500
"""A series longer than this is refused: the program plans months, not decades."""


class RecurrenceError(SchedulerError, ValueError):
    """The rule cannot be used as a series: unreadable, unbounded or too long."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One meeting of a series (or the single meeting of a one-off event), in UTC.

    ``recurrence_id`` is the start the rule gave this occurrence; it stays the same when
    the occurrence is moved, so a calendar client can find the one it replaces.
    """

    start: datetime
    end: datetime
    recurrence_id: datetime | None = None
    moved: bool = False


@dataclass(frozen=True, slots=True)
class OccurrenceChange:
    """What the coordinator did to one occurrence: moved it, or cancelled it."""

    recurrence_id: datetime
    cancelled: bool = False
    start: datetime | None = None
    end: datetime | None = None


def parse_rule(rule: str, local_start: datetime) -> rrule:
    """The dateutil rule for an RRULE value (without the ``RRULE:`` prefix)."""
    text = rule.strip().removeprefix("RRULE:")
    if "COUNT=" not in text.upper() and "UNTIL=" not in text.upper():
        raise RecurrenceError(
            "A series needs an end: a number of occurrences (COUNT) or a last date (UNTIL)."
        )
    try:
        parsed = rrulestr(text, dtstart=local_start.replace(tzinfo=None))
    except (ValueError, TypeError) as error:
        raise RecurrenceError(f"'{rule}' is not a recurrence rule: {error}") from error
    if not isinstance(parsed, rrule):
        raise RecurrenceError(f"'{rule}' must be a single RRULE")
    return parsed


def local_starts(rule: str, start: datetime, zone_name: str) -> list[datetime]:
    """The naive wall-clock starts the rule produces, in ``zone_name``."""
    local_start = timezones.to_local(start, zone_name).replace(tzinfo=None)
    starts: list[datetime] = []
    for occurrence in parse_rule(rule, local_start):
        starts.append(occurrence)
        if len(starts) > MAX_OCCURRENCES:
            raise RecurrenceError(
                f"The series has more than {MAX_OCCURRENCES} occurrences; shorten it."
            )
    return starts


def problem_starts(rule: str, start: datetime, zone_name: str) -> list[timezones.TimeZoneError]:
    """The occurrences whose local start does not exist or happens twice in the zone."""
    problems: list[timezones.TimeZoneError] = []
    for local in local_starts(rule, start, zone_name):
        try:
            timezones.to_utc(local, zone_name)
        except timezones.TimeZoneError as error:
            problems.append(error)
    return problems


def expand(
    start: datetime,
    end: datetime,
    zone_name: str,
    rule: str | None,
    changes: Iterable[OccurrenceChange] = (),
) -> list[Occurrence]:
    """Every occurrence of an event, moved ones at their new time, cancelled ones left out.

    An occurrence whose local time falls in a daylight-saving gap or fold takes the
    reading with the offset in force before the change (``Fold.EARLIER``); saving such a
    series is refused by validation, so this only matters for data from outside.
    """
    if not rule:
        return [Occurrence(start, end)]
    duration = end - start
    by_id: Mapping[datetime, OccurrenceChange] = {c.recurrence_id: c for c in changes}
    occurrences: list[Occurrence] = []
    for local in local_starts(rule, start, zone_name):
        original = timezones.to_utc(local, zone_name, timezones.Fold.EARLIER)
        change = by_id.get(original)
        if change is None:
            occurrences.append(Occurrence(original, original + duration, original))
        elif not change.cancelled:
            moved_start = change.start or original
            moved_end = change.end or moved_start + duration
            occurrences.append(Occurrence(moved_start, moved_end, original, moved=True))
    return occurrences


def span(occurrences: Iterable[Occurrence]) -> tuple[datetime, datetime] | None:
    """The first start and the last end of a set of occurrences."""
    items = list(occurrences)
    if not items:
        return None
    return min(o.start for o in items), max(o.end for o in items)

