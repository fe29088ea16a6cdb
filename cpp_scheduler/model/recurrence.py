"""Expanding a series (a monthly videoconference) into its occurrences.

A series keeps its local hour in the zone it was planned in: a 09:00 Lima session stays at
09:00 in Lima, and so moves for Tokyo or Washington when their clocks change. The rule is
an RFC 5545 RRULE expanded on wall-clock times, each converted to UTC afterwards, exactly
as calendar clients do with ``DTSTART;TZID=...``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from dateutil.rrule import rrule, rrulestr

from cpp_scheduler import limits, timezones
from cpp_scheduler.errors import SchedulerError, printable, quoted

MAX_OCCURRENCES = limits.MAX_SERIES_OCCURRENCES
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


def parse_rule(rule: str, local_start: datetime, zone_name: str | None = None) -> rrule:
    """The dateutil rule for an RRULE value (without the ``RRULE:`` prefix).

    RFC 5545 writes UNTIL in UTC (``UNTIL=20261231T150000Z``) when the start has a zone;
    with ``zone_name`` such a value is read as the wall-clock time it is in that zone, the
    frame in which the rule is expanded.
    """
    text = rule.strip().removeprefix("RRULE:")
    parts = {part.split("=", 1)[0].upper() for part in text.split(";") if part}
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise RecurrenceError(
            "A series needs an end: a number of occurrences (COUNT) or a last date (UNTIL)."
        )
    if {"COUNT", "UNTIL"} <= parts:
        raise RecurrenceError(
            "A series ends either after a number of occurrences (COUNT) or on a last date "
            "(UNTIL), not both."
        )
    if zone_name is not None:
        text = _UTC_UNTIL.sub(lambda match: _local_until(match, zone_name), text)
    try:
        parsed = rrulestr(text, dtstart=local_start.replace(tzinfo=None))
    except (ValueError, TypeError) as error:
        raise RecurrenceError(
            f"{quoted(rule)} is not a recurrence rule such as FREQ=MONTHLY;COUNT=6 "
            f"({printable(str(error))})"
        ) from error
    if not isinstance(parsed, rrule):
        raise RecurrenceError(f"{quoted(rule)} must be a single RRULE")
    return parsed


_UTC_UNTIL = re.compile(r"UNTIL=(\d{8}T\d{6})Z", re.IGNORECASE)


def _local_until(match: re.Match[str], zone_name: str) -> str:
    instant = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    return f"UNTIL={timezones.to_local(instant, zone_name):%Y%m%dT%H%M%S}"


def local_starts(rule: str, start: datetime, zone_name: str) -> list[datetime]:
    """The naive wall-clock starts the rule produces, in ``zone_name``."""
    return list(_local_starts(rule, start, zone_name))


@lru_cache(maxsize=512)
def _local_starts(rule: str, start: datetime, zone_name: str) -> tuple[datetime, ...]:
    """:func:`local_starts`, expanded once for the several readings one export makes
    of a series (its rule, its unplaced starts, its meetings)."""
    local_start = timezones.to_local(start, zone_name).replace(tzinfo=None)
    starts: list[datetime] = []
    for occurrence in parse_rule(rule, local_start, zone_name):
        starts.append(occurrence)
        if len(starts) > MAX_OCCURRENCES:
            raise RecurrenceError(
                f"The series has more than {MAX_OCCURRENCES} occurrences; shorten it."
            )
    return tuple(starts)


def problem_starts(rule: str, start: datetime, zone_name: str) -> list[timezones.TimeZoneError]:
    """The occurrences whose local start does not exist or happens twice in the zone.

    Raises :class:`RecurrenceError` for a rule that cannot be a series: unreadable,
    unbounded, too long, or with no occurrence at all.
    """
    problems: list[timezones.TimeZoneError] = []
    starts = local_starts(rule, start, zone_name)
    if not starts:
        raise RecurrenceError(
            "The series has no occurrence: its last date (UNTIL) is before its start, "
            "or its COUNT is 0."
        )
    for local in starts:
        try:
            timezones.to_utc(local, zone_name)
        except timezones.TimeZoneError as error:
            problems.append(error)
    return problems


def rfc_instant(local: datetime, zone_name: str) -> datetime:
    """RFC 5545 section 3.3.5's reading of a wall-clock time: a time skipped by a
    change of clocks moves forward by the gap (02:30 in New York on the day clocks
    spring forward is 03:30 EDT), a repeated time is its first instant."""
    try:
        return timezones.to_utc(local, zone_name)
    except timezones.AmbiguousLocalTimeError:
        return timezones.to_utc(local, zone_name, timezones.Fold.EARLIER)
    except timezones.NonexistentLocalTimeError:
        return timezones.to_utc(local, zone_name, timezones.Fold.LATER)


def unplaced_starts(rule: str, start: datetime, zone_name: str) -> list[tuple[datetime, datetime]]:
    """The wall-clock starts of a series that fall in a gap or a fold, each with the
    instant RFC 5545 reads it as (:func:`rfc_instant`)."""
    found: list[tuple[datetime, datetime]] = []
    for local in local_starts(rule, start, zone_name):
        try:
            timezones.to_utc(local, zone_name)
        except timezones.TimeZoneError:
            found.append((local, rfc_instant(local, zone_name)))
    return found


def expand(
    start: datetime,
    end: datetime,
    zone_name: str,
    rule: str | None,
    changes: Iterable[OccurrenceChange] = (),
) -> list[Occurrence]:
    """Every occurrence of an event, moved ones at their new time, cancelled ones left out.

    An occurrence whose local time falls in a daylight-saving gap or fold takes RFC
    5545's reading (:func:`rfc_instant`), as every calendar client does; a series is
    saved with such an occurrence only when it holds an explicit change for it (the
    calendar import writes one for each, see :meth:`Event.problems`).
    """
    if not rule:
        return [Occurrence(start, end)]
    duration = end - start
    by_id: Mapping[datetime, OccurrenceChange] = {c.recurrence_id: c for c in changes}
    occurrences: list[Occurrence] = []
    for local in local_starts(rule, start, zone_name):
        original = rfc_instant(local, zone_name)
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
