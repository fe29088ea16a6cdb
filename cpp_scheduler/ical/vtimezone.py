"""VTIMEZONE components that every calendar client reads the same way.

Outlook reads a VTIMEZONE as one yearly rule: a STANDARD block and at most one DAYLIGHT
block, each with an RRULE. Given a long list of RDATEs, or several STANDARD blocks (what
icalendar's own generator writes), it keeps one of them and shifts events by an hour in
the other half of the year. Mozilla's ical.js and Apple Calendar, on the other hand, use
nothing but the VTIMEZONE in the file. So each zone is written here as the fewest
RRULE-based observances that reproduce the zone's real offsets over the file's span:

* a zone without daylight saving (Tokyo, Kolkata, Kathmandu) gets one STANDARD block;
* a zone with a steady yearly rule (New York, London, Santiago, Sydney) gets one
  STANDARD and one DAYLIGHT block, each a yearly RRULE (``BYDAY=2SU``, ``-1SU``,
  ``1SU`` ...), found by reading the zone's actual transitions from zoneinfo;
* only a zone whose rules change within the span, or that has no yearly pattern at
  all (Casablanca's Ramadan changes), gets further blocks, each bounded by UNTIL or a
  single DTSTART, which is still exact for every client that follows RFC 5545.

The span reaches back from the year before the first instant to the year the zone's
rule then in force began (1996 for London, 2007 for New York, 1986 for Kathmandu), and on
to the year after the last instant. vobject ignores a VTIMEZONE whose observances start
in the file's own year and falls back to its own data; observances that start where the
rule began are read right by every client, and cost no extra block.

Where the rule changes within the span, :func:`one_rule_caveat` says which clients may
be an hour off and when, for the export's report.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import icalendar

from cpp_scheduler import timezones
from cpp_scheduler.i18n import _

_DAY = timedelta(days=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_EPOCH_START = datetime(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Transition:
    """A change of a zone's offset (or of its abbreviation), as an instant."""

    at: datetime
    offset_before: timedelta
    offset_after: timedelta
    dst_before: timedelta
    dst_after: timedelta
    name_after: str

    @property
    def local_onset(self) -> datetime:
        """The wall-clock time at which it happens, read with the offset before it."""
        return (self.at + self.offset_before).replace(tzinfo=None)

    @property
    def daylight(self) -> bool:
        """Whether the new offset is the summer one (Dublin's negative DST included)."""
        return self.dst_after > timedelta(0) or self.dst_before < timedelta(0)


@dataclass(frozen=True, slots=True)
class YearlyRule:
    """When in the year a transition happens, in the terms an RRULE can say."""

    month: int
    weekday: int | None
    ordinal: int | None
    """1..5 for the nth weekday of the month, -1 for the last one."""
    monthdays: tuple[int, ...] = ()
    """A fixed date, or the seven dates of 'the weekday on or after D'."""

    def rrule(self, until: datetime | None) -> dict[str, object]:
        value: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": self.month}
        if self.weekday is not None:
            day = _WEEKDAYS[self.weekday]
            value["BYDAY"] = f"{self.ordinal}{day}" if self.ordinal is not None else day
        if self.monthdays:
            value["BYMONTHDAY"] = list(self.monthdays)
        if until is not None:
            value["UNTIL"] = until
        return value


@dataclass(frozen=True, slots=True)
class Observance:
    """One STANDARD or DAYLIGHT block."""

    daylight: bool
    name: str
    offset_from: timedelta
    offset_to: timedelta
    onset: datetime
    """Naive wall-clock time of the first transition, in the offset before it."""
    rule: YearlyRule | None = None
    until: datetime | None = None


def _state(instant: datetime, zone_name: str) -> tuple[timedelta, timedelta, str]:
    local = instant.astimezone(timezones.zone(zone_name))
    return (
        local.utcoffset() or timedelta(0),
        local.dst() or timedelta(0),
        local.tzname() or "",
    )


@lru_cache(maxsize=8192)
def transitions(zone_name: str, start: datetime, end: datetime) -> tuple[Transition, ...]:
    """Every change of offset, daylight-saving flag or name between two UTC instants.

    zoneinfo keeps its transition table private, so the zone is sampled daily and each
    change is narrowed down to the second; no zone changes its clocks twice in one day.
    """
    found: list[Transition] = []
    previous_at = start
    previous = _state(start, zone_name)
    at = start
    while at < end:
        at = min(at + _DAY, end)
        state = _state(at, zone_name)
        if state != previous:
            low, high = previous_at, at
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _state(middle, zone_name) == previous:
                    low = middle
                else:
                    high = middle
            high = high.replace(microsecond=0)
            if _state(high, zone_name) == previous:
                high += timedelta(seconds=1)
            found.append(Transition(high, previous[0], state[0], previous[1], state[1], state[2]))
            previous = state
        previous_at = at
    return tuple(found)


def _describe(onset: datetime) -> set[tuple[str, int, int]]:
    """The yearly patterns a transition's date fits: last weekday, weekday on or after
    a date (the nth weekday is the case D = 1, 8, 15, 22), fixed date."""
    days_in_month = month_calendar.monthrange(onset.year, onset.month)[1]
    weekday = onset.weekday()
    patterns: set[tuple[str, int, int]] = {("date", onset.day, -1)}
    if onset.day + 7 > days_in_month:
        patterns.add(("last", weekday, -1))
    for first in range(max(1, onset.day - 6), min(onset.day, days_in_month - 6) + 1):
        patterns.add(("after", weekday, first))
    return patterns


def _choose(patterns: set[tuple[str, int, int]], month: int) -> YearlyRule:
    def preference(pattern: tuple[str, int, int]) -> tuple[int, int]:
        kind, _, first = pattern
        if kind == "last":
            return (0, 0)
        if kind == "after" and first % 7 == 1:
            return (1, first)
        if kind == "date":
            return (2, 0)
        return (3, first)

    kind, value, first = min(patterns, key=preference)
    if kind == "last":
        return YearlyRule(month, value, -1)
    if kind == "date":
        return YearlyRule(month, None, None, (value,))
    if first % 7 == 1:
        return YearlyRule(month, value, (first - 1) // 7 + 1)
    return YearlyRule(month, value, None, tuple(range(first, first + 7)))


def _runs(group: list[Transition]) -> Iterable[tuple[list[Transition], set[tuple[str, int, int]]]]:
    """Split a group of alike transitions into runs of consecutive years sharing a rule."""
    run: list[Transition] = []
    patterns: set[tuple[str, int, int]] = set()
    for transition in group:
        fits = _describe(transition.local_onset)
        joined = patterns & fits
        if run and run[-1].local_onset.year + 1 == transition.local_onset.year and joined:
            run.append(transition)
            patterns = joined
            continue
        if run:
            yield run, patterns
        run, patterns = [transition], fits
    if run:
        yield run, patterns


_OLDEST_RULE_YEAR = 1970
"""How far back a rule's start is looked for; zoneinfo's history before it is patchy."""


def _year_signature(zone_name: str, year: int) -> tuple[tuple[object, ...], ...] | None:
    """The kinds of change a zone makes in one calendar year, each with the yearly
    patterns its date fits; None for a year with none."""
    changes = transitions(
        zone_name, datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    )
    if not changes:
        return None
    return tuple(
        (
            change.daylight,
            change.offset_before,
            change.offset_after,
            change.name_after,
            change.local_onset.month,
            change.local_onset.time(),
        )
        for change in changes
    )


@lru_cache(maxsize=512)
def rule_start_year(zone_name: str, year: int) -> int:
    """The first year of the run of years up to ``year`` in which the zone changed its
    clocks the same way (same offsets, months, times and the same yearly rule), or,
    for a zone that keeps one offset, the year of its last change before ``year``."""
    signature = _year_signature(zone_name, year)
    if signature is None:
        earlier = year - 1
        while earlier >= _OLDEST_RULE_YEAR and _year_signature(zone_name, earlier) is None:
            earlier -= 1
        return max(earlier + 1, _OLDEST_RULE_YEAR)
    patterns = [
        _describe(change.local_onset)
        for change in transitions(
            zone_name, datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
        )
    ]
    start = year
    while start - 1 >= _OLDEST_RULE_YEAR:
        earlier = start - 1
        if _year_signature(zone_name, earlier) != signature:
            break
        onsets = [
            change.local_onset
            for change in transitions(
                zone_name,
                datetime(earlier, 1, 1, tzinfo=UTC),
                datetime(earlier + 1, 1, 1, tzinfo=UTC),
            )
        ]
        joined = [fits & _describe(onset) for fits, onset in zip(patterns, onsets, strict=True)]
        if not all(joined) or any(
            _choose(wider, onset.month) != _choose(narrower, onset.month)
            for wider, narrower, onset in zip(patterns, joined, onsets, strict=True)
        ):
            # Going further back would cost the rule its simplest form (Santiago's
            # 'first Sunday' would become 'the Sunday on or after the 2nd').
            break
        patterns = joined
        start = earlier
    return start


def _cover(first: datetime, last: datetime, zone_name: str) -> tuple[datetime, datetime]:
    start_year = rule_start_year(zone_name, first.astimezone(UTC).year - 1)
    return (
        datetime(start_year, 1, 1, tzinfo=UTC),
        datetime(last.astimezone(UTC).year + 2, 1, 1, tzinfo=UTC),
    )


def observances(zone_name: str, first: datetime, last: datetime) -> list[Observance]:
    """The blocks that give ``zone_name``'s offsets from ``first`` to ``last`` (UTC)."""
    return list(_observances(zone_name, *_cover(first, last, zone_name)))


def one_rule_caveat(zone_name: str, first: datetime, last: datetime) -> str | None:
    """What a client that holds one yearly rule per zone (Outlook) may show wrongly
    for ``zone_name`` between ``first`` and ``last``, or None when one rule is enough.

    Such a client keeps one STANDARD and one DAYLIGHT rule; the changes of clocks the
    other blocks describe (a rule that changes within the span, a change that falls in
    another month some years) may then be read at the wrong date, and meetings near
    them an hour off.
    """
    blocks = observances(zone_name, first, last)
    standard = [block for block in blocks if not block.daylight]
    daylight = [block for block in blocks if block.daylight]
    dates = _off_weekday_dates(zone_name, blocks, first, last)
    if len(standard) <= 1 and len(daylight) <= 1:
        return _caveat(zone_name, dates)

    def reach(block: Observance) -> int:
        if block.rule is None:
            return 0
        end = block.until.year if block.until is not None else last.year + 1
        return end - block.onset.year

    kept = {id(max(kind, key=reach)) for kind in (standard, daylight) if kind}
    for block in blocks:
        if id(block) in kept:
            continue
        onsets = [block.onset]
        if block.rule is not None:
            onsets = [
                change.local_onset
                for change in transitions(zone_name, *_cover(first, last, zone_name))
                if change.local_onset >= block.onset
                and (block.until is None or change.at <= block.until)
                and change.daylight == block.daylight
                and change.local_onset.month == block.onset.month
            ]
        dates.extend(
            f"{onset:%Y-%m-%d}" for onset in onsets if first.year <= onset.year <= last.year
        )
    return _caveat(zone_name, dates)


def _caveat(zone_name: str, dates: list[str]) -> str | None:
    if not dates:
        return None
    listed = ", ".join(sorted(set(dates)))
    return _(
        "{zone} changes its clocks by more than one yearly rule in this file; Outlook and "
        "other clients that keep one rule per zone may show meetings an hour off around "
        "{dates}"
    ).format(zone=zone_name, dates=listed)


def _off_weekday_dates(
    zone_name: str, blocks: list[Observance], first: datetime, last: datetime
) -> list[str]:
    """The changes a rule of the form 'the weekday on or after day D' (Santiago's
    Sunday after the first Saturday) puts on another day than the nearest 'nth
    weekday' rule, the only kind Outlook's zones hold."""
    found: list[str] = []
    for block in blocks:
        rule = block.rule
        if rule is None or not rule.monthdays or rule.weekday is None:
            continue
        ordinal = (rule.monthdays[0] - 1) // 7 + 1
        for year in range(first.year, last.year + 1):
            weeks = month_calendar.monthcalendar(year, rule.month)
            days = [week[rule.weekday] for week in weeks if week[rule.weekday]]
            real = next(day for day in days if day >= rule.monthdays[0])
            if days[ordinal - 1] != real:
                found.append(f"{year}-{rule.month:02d}-{real:02d}")
    return found


@lru_cache(maxsize=512)
def _observances(
    zone_name: str, cover_start: datetime, cover_end: datetime
) -> tuple[Observance, ...]:
    changes = transitions(zone_name, cover_start, cover_end)
    offset, dst, name = _state(cover_start, zone_name)
    if not changes:
        return (Observance(False, name, offset, offset, _EPOCH_START),)

    groups: dict[tuple[object, ...], list[Transition]] = {}
    for change in changes:
        onset = change.local_onset
        key = (
            change.daylight,
            change.offset_before,
            change.offset_after,
            change.name_after,
            onset.month,
            onset.time(),
        )
        groups.setdefault(key, []).append(change)

    last_year = cover_end.year - 1
    blocks: list[Observance] = []
    for group in groups.values():
        for run, patterns in _runs(group):
            head, tail = run[0], run[-1]
            rule = None
            until = None
            if len(run) > 1:
                rule = _choose(patterns, head.local_onset.month)
                if tail.local_onset.year < last_year:
                    until = tail.at
            blocks.append(
                Observance(
                    head.daylight,
                    head.name_after,
                    head.offset_before,
                    head.offset_after,
                    head.local_onset,
                    rule,
                    until,
                )
            )
    blocks.sort(key=lambda block: block.onset)
    if changes[0].at >= cover_start.replace(year=cover_start.year + 1):
        # No transition in the year before the span: say which offset holds until the
        # first change, so that no instant of the span falls before every observance.
        blocks.insert(
            0,
            Observance(
                dst > timedelta(0),
                name,
                offset,
                offset,
                (cover_start + offset).replace(tzinfo=None),
            ),
        )
    return tuple(blocks)


def vtimezone(zone_name: str, first: datetime, last: datetime) -> icalendar.Timezone:
    """The VTIMEZONE for ``zone_name`` covering the instants ``first`` to ``last``.

    The same component is returned for the same zone and years, so a batch of files
    builds each zone once; add it to calendars, never change it.
    """
    return _component(zone_name, *_cover(first, last, zone_name))


@lru_cache(maxsize=512)
def _component(zone_name: str, cover_start: datetime, cover_end: datetime) -> icalendar.Timezone:
    component = icalendar.Timezone()
    component.add("TZID", zone_name)
    for block in _observances(zone_name, cover_start, cover_end):
        part = icalendar.TimezoneDaylight() if block.daylight else icalendar.TimezoneStandard()
        part.add("DTSTART", block.onset)
        part.add("TZOFFSETFROM", block.offset_from)
        part.add("TZOFFSETTO", block.offset_to)
        if block.name:
            part.add("TZNAME", block.name)
        if block.rule is not None:
            part.add("RRULE", block.rule.rrule(block.until))
        component.add_component(part)
    return component
