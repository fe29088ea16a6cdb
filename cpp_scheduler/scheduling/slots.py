"""The hour that hurts least: candidate meeting times ranked across every attendee's day.

Each candidate start is scored per attendee (the host, a delegation, a person, and the
venue when one is asked for) in inconvenience points, lower is better:

====================================================  ======
in working hours                                      0
in acceptable hours                                   2
at night                                              6
on a public holiday or the weekend (its country's)    +4
====================================================  ======

A meeting is on every date it covers: one from 23:30 is charged the next day's holiday
or weekend, as the Local times and the conflict check read it.

Candidates are ranked by total points, then by the worst-off attendee's points, then
by time. A slot in which an attendee or the venue is already busy, or the venue is
closed, is not proposed at all. Public holidays are each attendee's own country's; a
venue in Japan takes part with Japan's holidays and weekends, as Japanese hosts do
through their own country.

TDLC is always in the room: a request names its host (TDLC in Tokyo, or a partner city's
office, :func:`~cpp_scheduler.scheduling.inputs.tdlc_host`), who is scored first and
exactly like a delegation, so 23:00 in Tokyo costs the night's points however well it
suits Nairobi and Lima. The host is never busy: TDLC runs several sessions at once, and
its rooms are checked as venues.

Speed comes from never converting a candidate to a local datetime: for each attendee the
few UTC-offset changes in the range are found once, every candidate's local minute of
day and local day follow by integer arithmetic, and the part of the day is read from a
1,440-entry table built once per attendee for the meeting's duration. Only the slots
finally proposed are turned into datetimes and sentences.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.i18n import N_, _, ngettext
from cpp_scheduler.model import recurrence
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.attendance import attending_delegations, conferences_of
from cpp_scheduler.scheduling.inputs import (
    JAPAN,
    Attendee,
    AttendeeKind,
    Hours,
    Interval,
    ProgramSnapshot,
    VenueInfo,
    japan_day,
    related_events,
)
from cpp_scheduler.scheduling.localtimes import (
    MINUTES_PER_DAY,
    DayPart,
    classify_minutes,
    describe_span,
)
from cpp_scheduler.scheduling.travel import TravelTable, describe_duration, gap_needed

DEFAULT_STEP = timedelta(minutes=15)
PART_POINTS: Mapping[DayPart, int] = {DayPart.WORKING: 0, DayPart.EXTENDED: 2, DayPart.NIGHT: 6}
DAY_OFF_POINTS = 4
MAX_CANDIDATES = 20_000
"""More starts than this (a year at 15-minute steps is 35,000) is refused: narrow the
range or widen the step."""
LONGEST_MEETING = timedelta(hours=24)
"""The longest meeting a search weighs: a day. The program reads longer lengths
(:data:`~cpp_scheduler.limits.LONGEST_DURATION`), but a meeting longer than a day has no
hour that suits everyone's day: such an event is placed by its days, not searched for.
``cpp-scheduler slots --duration`` and the slot finder's length both stop here
(:func:`duration_problem`)."""

_SECONDS_PER_DAY = 86_400
_T = TypeVar("_T")
_WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


class SlotRequestError(SchedulerError, ValueError):
    """The search cannot run as asked: no attendees, an empty range, a bad duration."""


def duration_problem(duration: timedelta) -> str | None:
    """Why a search cannot look for a meeting ``duration`` long, in one line; None when
    it can. A request checks it before it runs, and the slot finder asks it before it
    hands its length to a search, so a length the search refuses is said, never cut to
    one it takes."""
    if duration <= timedelta(0):
        return _("The duration must be longer than zero.")
    if duration > LONGEST_MEETING:
        return _(
            "A meeting of {length} cannot be searched for: a search weighs meetings of up "
            "to {longest}."
        ).format(length=describe_duration(duration), longest=describe_duration(LONGEST_MEETING))
    return None


@dataclass(frozen=True, slots=True)
class SlotRequest:
    """Who must attend, for how long, between which days (read in ``zone``), where.

    ``busy`` holds the times already taken by these attendees or the venue; build it
    from a program with :func:`busy_times`. ``host`` is TDLC or the partner city's
    office that runs the meeting, weighed like any attendee; None leaves it out.
    """

    attendees: tuple[Attendee, ...]
    duration: timedelta
    first_day: date
    last_day: date
    zone: str = timezones.TOKYO
    step: timedelta = DEFAULT_STEP
    venue: VenueInfo | None = None
    busy: tuple[tuple[datetime, datetime], ...] = ()
    host: Attendee | None = None

    @property
    def everyone(self) -> tuple[Attendee, ...]:
        """Whose day is weighed: the host first, then the attendees."""
        return self.attendees if self.host is None else (self.host, *self.attendees)

    def validate(self) -> None:
        problem = (
            attendees_problem(len(self.attendees))
            or duration_problem(self.duration)
            or (
                _("The step must be a whole number of minutes.")
                if self.step < timedelta(minutes=1) or self.step.total_seconds() % 60
                else None
            )
            or range_problem(self.first_day, self.last_day)
        )
        if problem is not None:
            raise SlotRequestError(problem)


def attendees_problem(count: int) -> str | None:
    """Why a search for ``count`` attendees cannot run, or None: it needs one at least.
    The slot finder says it before it asks, as a request refuses it."""
    if count:
        return None
    return _("Name at least one delegation or participant who must attend.")


def range_problem(first_day: date, last_day: date) -> str | None:
    """Why a search from ``first_day`` to ``last_day`` cannot run, or None."""
    if last_day >= first_day:
        return None
    return _("The range ends ({last}) before it starts ({first}).").format(
        last=i18n.day_month_year_text(last_day), first=i18n.day_month_year_text(first_day)
    )


@dataclass(frozen=True, slots=True)
class AttendeeFit:
    """How a slot sits in one attendee's day, in points and in words."""

    attendee: Attendee
    zone: str
    local_start: datetime
    local_end: datetime
    part: DayPart
    day_off: str | None
    """Why the day is off at home (``Saturday``, ``Independence Day``), or None."""
    inconvenience: int
    reason: str


@dataclass(frozen=True, slots=True)
class Slot:
    start: datetime
    end: datetime
    fits: tuple[AttendeeFit, ...]
    total: int
    """The sum of every attendee's inconvenience points: lower is better."""
    worst: int

    def fit_for(self, attendee_id: str) -> AttendeeFit:
        return next(fit for fit in self.fits if fit.attendee.id == attendee_id)


# -- precomputation ---------------------------------------------------------------------


def _offset_at(zone_name: str, instant_s: int) -> int:
    offset = datetime.fromtimestamp(instant_s, timezones.zone(zone_name)).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def offset_segments(zone_name: str, start_s: int, end_s: int) -> list[tuple[int, int]]:
    """``(from instant, UTC offset in seconds)`` for each stretch of constant offset that
    covers ``[start_s, end_s]``; found by probing daily and bisecting each change (no
    zone changes its clocks twice within a day)."""
    segments = [(start_s, _offset_at(zone_name, start_s))]
    probe = start_s
    while probe < end_s:
        following = min(probe + _SECONDS_PER_DAY, end_s)
        offset = _offset_at(zone_name, following)
        if offset != segments[-1][1]:
            low, high = probe, following
            while high - low > 1:
                middle = (low + high) // 2
                if _offset_at(zone_name, middle) == segments[-1][1]:
                    low = middle
                else:
                    high = middle
            segments.append((high, _offset_at(zone_name, high)))
        probe = following
    return segments


def _offsets(segments: Sequence[tuple[int, int]], first: int, step: int, count: int) -> list[int]:
    """The UTC offset in force at each of ``count`` instants ``first + k * step``."""
    offsets: list[int] = []
    for position, (since, offset) in enumerate(segments):
        until = segments[position + 1][0] if position + 1 < len(segments) else None
        begin = max(0, -(-(since - first) // step))
        end = count if until is None else min(count, max(0, -(-(until - first) // step)))
        if end > begin:
            offsets.extend([offset] * (end - begin))
    if len(offsets) < count:  # instants before the first segment take its offset
        offsets[:0] = [segments[0][1]] * (count - len(offsets))
    return offsets


def _day_off(attendee_country: str | None, day: date) -> str | None:
    name = holidays.holiday_name(attendee_country, day)
    if name:
        return name
    if day.weekday() in holidays.weekend_days(attendee_country):
        return _WEEKDAYS[day.weekday()]
    return None


@dataclass(frozen=True, slots=True)
class _Party:
    """One attendee's view of every candidate: local minute, local day and points."""

    attendee: Attendee
    zone: str
    minutes: list[int]
    """Local minute of day of each candidate start."""
    days: list[int]
    """Local day of each candidate start, in days since 1970-01-01."""
    parts: list[DayPart]
    points: list[int]
    day_off: dict[int, str | None] = field(default_factory=dict)
    off_days: list[int] = field(default_factory=list)
    """The local day whose holiday or weekend each candidate is charged: its first, else
    the day it runs into past midnight (a meeting is on every date it covers, as the
    Local times and the conflict check read it)."""
    in_japan: list[bool] | None = None
    """For a visiting delegation: whether it is in Japan, on Tokyo's clock and calendar,
    on the (Tokyo) day of each candidate; None for one that never is in the range."""
    japan: _Party | None = None
    """The same attendee on Tokyo's clock, whose lists the merged ones took from."""

    def visiting(self, index: int) -> bool:
        return self.in_japan is not None and self.in_japan[index]

    def zone_at(self, index: int) -> str:
        return timezones.TOKYO if self.visiting(index) else self.zone

    def country_at(self, index: int) -> str | None:
        return JAPAN if self.visiting(index) else self.attendee.country

    def day_off_at(self, index: int) -> str | None:
        clock = self.japan if self.japan is not None and self.visiting(index) else self
        return clock.day_off.get(self.off_days[index])


@lru_cache(maxsize=256)
def _part_table(hours: Hours, duration_minutes: int) -> tuple[DayPart, ...]:
    """The part of the day of a meeting starting at each local minute (most attendees
    share the default hours, so the table is built once for all of them)."""
    return tuple(
        classify_minutes(minute, minute + duration_minutes, hours)
        for minute in range(MINUTES_PER_DAY)
    )


def _party(
    attendee: Attendee, hours: Hours, first: int, step: int, count: int, duration: int
) -> _Party:
    """An attendee's view of every candidate; a delegation visiting Japan (and its
    members) lives on Tokyo's clock and calendar on the days of its stay, as the
    domain's rule says, and on its home clock the other days."""
    home = _clock_party(
        attendee, attendee.zone, attendee.country, hours, first, step, count, duration
    )
    stay_first, stay_last = attendee.japan_days
    last = first + step * (count - 1)
    range_first = (first + _offset_at(timezones.TOKYO, first)) // _SECONDS_PER_DAY
    range_last = (last + _offset_at(timezones.TOKYO, last)) // _SECONDS_PER_DAY
    if attendee.zone == timezones.TOKYO or stay_last < range_first or stay_first > range_last:
        return home  # lives in Japan, or never there in the range
    japan = _clock_party(attendee, timezones.TOKYO, JAPAN, hours, first, step, count, duration)
    in_japan = [attendee.in_japan_on_day(day) for day in japan.days]
    if not any(in_japan):
        return home

    def merged(at_home: list[_T], in_tokyo: list[_T]) -> list[_T]:
        return [b if there else a for a, b, there in zip(at_home, in_tokyo, in_japan, strict=True)]

    return _Party(
        attendee,
        attendee.zone,
        merged(home.minutes, japan.minutes),
        merged(home.days, japan.days),
        merged(home.parts, japan.parts),
        merged(home.points, japan.points),
        home.day_off,
        merged(home.off_days, japan.off_days),
        in_japan,
        japan,
    )


def _clock_party(
    attendee: Attendee,
    zone: str,
    country: str | None,
    hours: Hours,
    first: int,
    step: int,
    count: int,
    duration: int,
) -> _Party:
    """An attendee's view of every candidate on one clock (``zone``) and one country's
    calendar."""
    span_end = first + step * (count - 1) + duration
    segments = offset_segments(zone, first, span_end)
    starts = _offsets(segments, first, step, count)
    duration_minutes = duration // 60
    table = _part_table(hours, duration_minutes)
    local = [first + step * k + offset for k, offset in enumerate(starts)]
    minutes = [(instant // 60) % MINUTES_PER_DAY for instant in local]
    days = [instant // _SECONDS_PER_DAY for instant in local]
    parts = [table[minute] for minute in minutes]
    lasts = starts
    if len(segments) > 1:  # a clock change inside a meeting lengthens or shortens it locally
        ends = _offsets(segments, first + duration, step, count)
        for k, (begin, finish) in enumerate(zip(starts, ends, strict=True)):
            if begin != finish:
                parts[k] = classify_minutes(
                    minutes[k], minutes[k] + duration_minutes + (finish - begin) // 60, hours
                )
        # Read at its last second: one ending as the clocks jump at midnight is not on
        # the next date.
        lasts = _offsets(segments, first + duration - 1, step, count)
    # The day its last second is on: a meeting from 23:00 runs into the next date.
    last_days = [
        (first + step * k + duration - 1 + offset) // _SECONDS_PER_DAY
        for k, offset in enumerate(lasts)
    ]
    epoch = date(1970, 1, 1)
    day_off = {day: _day_off(country, epoch + timedelta(days=day)) for day in {*days, *last_days}}
    off_days = [
        last if day_off[last] and not day_off[day] else day
        for day, last in zip(days, last_days, strict=True)
    ]
    points = [
        PART_POINTS[part] + (DAY_OFF_POINTS if day_off[day] else 0)
        for part, day in zip(parts, off_days, strict=True)
    ]
    return _Party(attendee, zone, minutes, days, parts, points, day_off, off_days)


def _venue_party(venue: VenueInfo) -> Attendee:
    hours = Hours(venue.opens_at, venue.closes_at, venue.opens_at, venue.closes_at)
    return Attendee(venue.id, venue.name, AttendeeKind.REFERENCE, venue.zone, venue.country, hours)


def _merged(busy: Iterable[tuple[datetime, datetime]]) -> tuple[list[int], list[int]]:
    spans = sorted(
        (int(start.timestamp()), int(end.timestamp())) for start, end in busy if end > start
    )
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


@dataclass(frozen=True, slots=True)
class _Grid:
    """Every candidate of a request, scored: the engine's working data."""

    request: SlotRequest
    first: int
    step: int
    duration: int
    parties: tuple[_Party, ...]
    """The host, the attendees, then the venue if one was asked for."""
    open: list[bool]
    """Nobody busy, venue open."""
    totals: list[int]
    worst: list[int]

    @property
    def count(self) -> int:
        return len(self.totals)

    def start_of(self, index: int) -> int:
        return self.first + self.step * index


def _grid(request: SlotRequest) -> _Grid:
    request.validate()
    first_instant, after_instant = timezones.local_days(
        request.first_day, request.last_day, request.zone
    )
    first, after = int(first_instant.timestamp()), int(after_instant.timestamp())
    step = int(request.step.total_seconds())
    duration = int(request.duration.total_seconds())
    count = max(0, (after - duration - first) // step + 1)
    if count > MAX_CANDIDATES:
        raise SlotRequestError(
            ngettext(
                "The search would weigh {count} start time; narrow the dates or widen the "
                "step (at most {most}).",
                "The search would weigh {count} start times; narrow the dates or widen the "
                "step (at most {most}).",
                count,
            ).format(count=f"{count:,}", most=f"{MAX_CANDIDATES:,}")
        )
    if count == 0:
        raise SlotRequestError(_("The range is shorter than the meeting."))
    parties = [
        _party(attendee, attendee.hours, first, step, count, duration)
        for attendee in request.everyone
    ]
    is_open = [True] * count
    if request.venue is not None:
        venue_attendee = _venue_party(request.venue)
        venue = _party(venue_attendee, venue_attendee.hours, first, step, count, duration)
        parties.append(venue)
        is_open = [part is DayPart.WORKING for part in venue.parts]
    busy_starts, busy_ends = _merged(request.busy)
    if busy_starts:
        for k in range(count):
            begin = first + step * k
            position = bisect_right(busy_ends, begin)
            if position < len(busy_starts) and busy_starts[position] < begin + duration:
                is_open[k] = False
    columns = list(zip(*(party.points for party in parties), strict=True))
    totals = [sum(column) for column in columns]
    worst = [max(column) for column in columns]
    return _Grid(request, first, step, duration, tuple(parties), is_open, totals, worst)


# -- single meetings ------------------------------------------------------------------


def _reason(party: _Party, index: int, local_start: datetime, local_end: datetime) -> str:
    hours = party.attendee.hours
    part = party.parts[index]
    when = timezones.span_text(local_start, local_end, day=i18n.short_day_text, zone=True)
    if party.visiting(index):
        when += _(" (in Japan)")
    work, acceptable = hours.describe_work(), hours.describe_acceptable()
    if part is DayPart.WORKING:
        fit = _("within working hours ({work})").format(work=work)
    elif part is DayPart.EXTENDED:
        fit = _("outside working hours ({work}) but within acceptable hours ({acceptable})").format(
            work=work, acceptable=acceptable
        )
    else:
        fit = _("at night, outside acceptable hours ({acceptable})").format(acceptable=acceptable)
    if party.attendee.kind is AttendeeKind.REFERENCE and part is DayPart.WORKING:
        fit = _("open ({work})").format(work=work)
    day_off = party.day_off_at(index)
    if day_off in _WEEKDAYS:
        fit += _("; a {weekday}").format(weekday=_(day_off))
    elif day_off:
        code = party.country_at(index)
        country = timezones.country_in_prose(code) if code else _("the country")
        fit += _("; {holiday}, a public holiday in {country}").format(
            holiday=day_off, country=country
        )
    return _("{name}: {when}, {fit}").format(name=party.attendee.name, when=when, fit=fit)


def _slot(grid: _Grid, index: int) -> Slot:
    start = datetime.fromtimestamp(grid.start_of(index), UTC)
    end = start + grid.request.duration
    fits = []
    for party in grid.parties:
        zone = party.zone_at(index)
        local_start = timezones.to_local(start, zone)
        local_end = timezones.to_local(end, zone)
        fits.append(
            AttendeeFit(
                attendee=party.attendee,
                zone=zone,
                local_start=local_start,
                local_end=local_end,
                part=party.parts[index],
                day_off=party.day_off_at(index),
                inconvenience=party.points[index],
                reason=_reason(party, index, local_start, local_end),
            )
        )
    return Slot(start, end, tuple(fits), grid.totals[index], grid.worst[index])


def find_slots(request: SlotRequest, count: int = 5, *, distinct: bool = True) -> list[Slot]:
    """The ``count`` best slots, best first.

    With ``distinct``, proposals do not overlap one another: the coordinator sees five
    different options rather than 09:00, 09:15 and 09:30 of the same morning.
    """
    grid = _grid(request)
    return [_slot(grid, index) for index in _best(grid, count, distinct=distinct)]


def candidate_scores(request: SlotRequest) -> list[tuple[datetime, int, int]]:
    """Every free candidate start in time order, with its total and worst points: the
    whole landscape, for drawing it as a strip of colours or checking the ranking."""
    grid = _grid(request)
    return [
        (datetime.fromtimestamp(grid.start_of(k), UTC), grid.totals[k], grid.worst[k])
        for k in range(grid.count)
        if grid.open[k]
    ]


def _best(grid: _Grid, count: int, *, distinct: bool) -> list[int]:
    candidates = [k for k in range(grid.count) if grid.open[k]]
    if not distinct:
        return heapq.nsmallest(count, candidates, key=lambda k: (grid.totals[k], grid.worst[k], k))
    candidates.sort(key=lambda k: (grid.totals[k], grid.worst[k], k))
    chosen: list[int] = []
    span = -(-grid.duration // grid.step)
    for index in candidates:
        if all(abs(index - other) >= span for other in chosen):
            chosen.append(index)
            if len(chosen) == count:
                break
    return chosen


# -- series ---------------------------------------------------------------------------

FAIRNESS_WEIGHT = 1.0
STEADINESS_WEIGHT = 0.5


class Sharing(StrEnum):
    """How evenly a series shares its burden among its attendees, in words."""

    EVEN = "even"
    FAIR = "fair"
    UNEVEN = "uneven"

    @property
    def label(self) -> str:
        return {
            Sharing.EVEN: _("shared evenly"),
            Sharing.FAIR: _("fairly shared"),
            Sharing.UNEVEN: _("unevenly shared"),
        }[self]


FAIR_SPREAD = PART_POINTS[DayPart.NIGHT]
"""The widest spread a fairly shared series has: one attendee carries one night more
than another over the whole series, and no more."""


@dataclass(frozen=True, slots=True)
class SeriesPlan:
    """One slot per occurrence of a series, and how fairly the burden is shared.

    ``fairness`` is the spread of the burden: the largest minus the smallest total
    inconvenience any attendee carries over the whole series (``totals``). 0 means
    every attendee bears exactly as much as every other; a series that puts one
    delegation at night every month while the others stay in office hours has a spread
    of six times the night's points.
    """

    slots: tuple[Slot | None, ...]
    """One per occurrence window, None where nothing is free."""
    totals: Mapping[str, int]
    fairness: int
    moved: tuple[int, ...]
    """How many attendees' local start time differs from the previous occurrence's."""

    @property
    def sharing(self) -> Sharing:
        """How evenly the burden is shared: evenly (no spread), fairly (up to
        :data:`FAIR_SPREAD`) or unevenly; what the slot finder and ``slots --series``
        say of the series."""
        if self.fairness == 0:
            return Sharing.EVEN
        return Sharing.FAIR if self.fairness <= FAIR_SPREAD else Sharing.UNEVEN


_DAY_PICKING = ("BYMONTHDAY", "BYDAY", "BYSETPOS", "BYYEARDAY", "BYWEEKNO", "BYMONTH")


def series_rule(first_day: date, rule: str) -> str:
    """The rule a planned series follows, both for its search windows and as it is
    stored: a monthly rule from the 29th to the 31st takes each month's last day where
    the month is shorter (``BYMONTHDAY=31,-1;BYSETPOS=1``), since RFC 5545 would skip
    those months and a coordinator asking for "every month" means one meeting a month.
    Any other rule is kept as written."""
    parts = dict(
        (name.strip().upper(), value.strip().upper())
        for name, _sep, value in (part.partition("=") for part in rule.split(";"))
    )
    if parts.get("FREQ") != "MONTHLY" or first_day.day <= 28 or parts.keys() & _DAY_PICKING:
        return rule
    return f"{rule.rstrip(';')};BYMONTHDAY={first_day.day},-1;BYSETPOS=1"


def series_windows(first_day: date, last_day: date, rule: str) -> list[tuple[date, date]]:
    """The search windows of a series: ``first_day..last_day`` repeated by an RRULE
    (``FREQ=MONTHLY;COUNT=6``, read through :func:`series_rule`), each as long as the
    first but ending the day before the next begins (the last as long as the one
    before it), so two meetings of the series are never looked for on the same day (a
    weekly series over a two-week range).

    A rule that gives no date at all (``COUNT=0``, or 30 February) raises
    :class:`~cpp_scheduler.model.recurrence.RecurrenceError`, as it does for a saved
    series: there would be nothing to plan."""
    width = last_day - first_day
    rule = series_rule(first_day, rule)
    first = datetime.combine(first_day, time(), UTC)
    recurrence.problem_starts(rule, first, "UTC")  # as for a saved series: no date, refused
    starts = [start.date() for start in recurrence.local_starts(rule, first, "UTC")]
    day = timedelta(days=1)
    ends = [min(start + width, following - day) for start, following in pairwise(starts)]
    last_width = ends[-1] - starts[-2] if ends else width  # the last as long as the one before
    return list(zip(starts, [*ends, starts[-1] + last_width], strict=True))


def plan_series(request: SlotRequest, windows: Sequence[tuple[date, date]]) -> SeriesPlan:
    """Choose one slot per window, occurrence by occurrence.

    Each occurrence takes the candidate with the lowest cost, where cost is the slot's
    total points, plus ``FAIRNESS_WEIGHT`` times the spread the running totals would
    have after it (so the next bad hour goes to whoever has suffered least so far), plus
    ``STEADINESS_WEIGHT`` per attendee whose local start time would move from the
    previous occurrence (so a clock change in one country moves as few people's meeting
    as possible). The attendees' totals and the spread are reported: the fairness
    measure documented on :class:`SeriesPlan`.
    """
    attendees = request.everyone
    fair = range(len(attendees))
    running = [0] * len(attendees)
    previous_minutes: list[int] | None = None
    slots: list[Slot | None] = []
    moved: list[int] = []
    taken = request.busy
    for first_day, last_day in windows:
        # The meetings chosen already are busy for the later ones: one series never
        # puts the same people in two of its meetings at once.
        grid = _grid(replace(request, first_day=first_day, last_day=last_day, busy=taken))
        best: tuple[float, int] | None = None
        for k in range(grid.count):
            if not grid.open[k]:
                continue
            after = [running[i] + grid.parties[i].points[k] for i in fair]
            cost = grid.totals[k] + FAIRNESS_WEIGHT * (max(after) - min(after))
            if previous_minutes is not None:
                cost += STEADINESS_WEIGHT * sum(
                    grid.parties[i].minutes[k] != previous_minutes[i] for i in fair
                )
            if best is None or cost < best[0]:
                best = (cost, k)
        if best is None:
            slots.append(None)
            moved.append(0)
            continue
        chosen = best[1]
        minutes = [grid.parties[i].minutes[chosen] for i in fair]
        moved.append(
            0
            if previous_minutes is None
            else sum(a != b for a, b in zip(minutes, previous_minutes, strict=True))
        )
        previous_minutes = minutes
        for i in fair:
            running[i] += grid.parties[i].points[chosen]
        slot = _slot(grid, chosen)
        slots.append(slot)
        taken = (*taken, (slot.start, slot.end))
    totals = {attendees[i].id: running[i] for i in fair}
    spread = max(running) - min(running) if running else 0
    return SeriesPlan(tuple(slots), totals, spread, tuple(moved))


@dataclass(frozen=True, slots=True)
class SeriesChange:
    """One meeting of a stored series that is not where its rule puts it."""

    recurrence_id: datetime
    """The start the rule gives the meeting (UTC): its name, within its own window."""
    slot: Slot | None
    """The time the planner chose, or None: nothing was free, the meeting is cancelled."""


@dataclass(frozen=True, slots=True)
class SeriesLayout:
    """A planned series as one event: its rule, its first start and end, its changes."""

    rule: str
    start: datetime
    end: datetime
    changes: tuple[SeriesChange, ...]


def lay_out_series(
    plan: SeriesPlan, windows: Sequence[tuple[date, date]], rule: str, zone: str
) -> SeriesLayout | None:
    """How a plan is stored as one series event with changed meetings.

    The series starts at the first planned meeting when the rule's dates from there
    fall each in its own window, else on the first window's first day at that meeting's
    clock time, where they do (the windows are the rule's own dates). A change is kept
    for every meeting planned elsewhere, named by the rule's date of its window, never
    by another window's. None when neither reading lines up (the caller then makes one
    event per meeting) or nothing was free at all.
    """
    chosen = [slot for slot in plan.slots if slot is not None]
    if not chosen or len(windows) != len(plan.slots):
        return None
    first = chosen[0]
    clock = timezones.to_local(first.start, zone).time()
    anchors = [recurrence.rfc_instant(datetime.combine(windows[0][0], clock), zone)]
    if plan.slots[0] is not None:
        anchors.insert(0, first.start)
    for anchor in anchors:
        stored = series_rule(timezones.to_local(anchor, zone).date(), rule)
        originals = _rule_starts(stored, anchor, zone)
        if _each_in_its_window(originals, windows, zone):
            changes = tuple(
                SeriesChange(original, slot)
                for original, slot in zip(originals, plan.slots, strict=True)
                if slot is None or slot.start != original
            )
            return SeriesLayout(stored, anchor, anchor + (first.end - first.start), changes)
    return None


def _rule_starts(rule: str, anchor: datetime, zone: str) -> list[datetime]:
    """Each meeting's start as the stored series reads its rule (RFC 5545's reading of
    a skipped or repeated time), which is the recurrence id of its change."""
    return [
        recurrence.rfc_instant(local, zone) for local in recurrence.local_starts(rule, anchor, zone)
    ]


def _each_in_its_window(
    starts: Sequence[datetime], windows: Sequence[tuple[date, date]], zone: str
) -> bool:
    if len(starts) != len(windows):
        return False
    return all(
        first <= timezones.to_local(start, zone).date() <= last
        for start, (first, last) in zip(starts, windows, strict=True)
    )


# -- from a program ---------------------------------------------------------------------


Span = tuple[datetime, datetime]
_EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
_LATEST = datetime(2200, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class SearchedMeeting:
    """How the meeting a time is searched for stands to the program's other events, as
    the conflict check will relate it to them once it is saved: the event it is, when it
    is given a new time, and the conferences it is a session of (its own first)."""

    event_id: str | None = None
    conference_ids: frozenset[str] = frozenset()

    def related(self, interval: Interval) -> bool:
        """``interval`` is its conference's, or one of its own sessions': they share
        rooms and people without clashing (:func:`related_events`)."""
        return related_events(
            self.event_id, self.conference_ids, interval.event_id, interval.ancestor_ids
        )


A_MEETING_OF_ITS_OWN = SearchedMeeting()
"""A new meeting, filed under no conference."""


def busy_times(
    snapshot: ProgramSnapshot,
    attendees: Iterable[Attendee],
    venue: VenueInfo | None = None,
    meeting: SearchedMeeting = A_MEETING_OF_ITS_OWN,
) -> tuple[Span, ...]:
    """The times already taken by these attendees (a person is also busy when their
    delegation is) or by the venue, from the program's events; with a venue, also the
    times they cannot be there in person (:func:`away_times`).

    What takes a delegation's time is what the conflict check books it for
    (:func:`~cpp_scheduler.scheduling.attendance.attending_delegations`): a session
    naming no delegation takes its conference's, and a conference with sessions takes
    none for its whole span, only through its sessions. A session of the meeting's own
    conference takes a delegation only where it names it, as parallel sessions clash
    only for a delegation both name; and nothing related to the meeting (its
    conference, its own sessions) takes anyone's time or its room. So the finder
    offers exactly the hours the check then finds free."""
    attendees = tuple(attendees)
    delegation_ids, participant_ids = _ids_of(attendees)
    venue_id = venue.id if venue is not None else None
    conferences = conferences_of(snapshot)
    taken = tuple(
        (interval.start, interval.end)
        for interval in snapshot.intervals
        if not meeting.related(interval)
        and _takes(interval, delegation_ids, participant_ids, venue_id, conferences, meeting)
    )
    if venue is None:
        return taken
    return (*taken, *away_times(snapshot, attendees, venue, meeting))


def _takes(
    interval: Interval,
    delegations: set[str],
    participants: set[str],
    venue_id: str | None,
    conferences: Mapping[str, frozenset[str]],
    meeting: SearchedMeeting,
) -> bool:
    """Whether ``interval`` books the venue, a person or a delegation of the search, as
    the conflict check's double bookings read it (:func:`busy_times`)."""
    if venue_id is not None and interval.venue_id == venue_id:
        return True
    if not interval.participant_ids.isdisjoint(participants):
        return True
    if interval.event_id in conferences:
        return False  # held through its sessions
    attending = attending_delegations(interval, conferences) & delegations
    if attending and not interval.ancestor_ids.isdisjoint(meeting.conference_ids):
        attending &= interval.delegation_ids  # a parallel session of its own conference
    return bool(attending)


def leaving_out(snapshot: ProgramSnapshot, event_id: str) -> ProgramSnapshot:
    """The program as a search for a new time for the event ``event_id`` reads it:
    without that event's own meetings (every meeting of a series). Left in, the event
    would book its own attendees and room, so it could neither stay where it is nor move
    by less than its length."""
    return replace(
        snapshot,
        intervals=tuple(i for i in snapshot.intervals if i.event_id != event_id),
        neighbours=tuple(i for i in snapshot.neighbours if i.event_id != event_id),
    )


def away_times(
    snapshot: ProgramSnapshot,
    attendees: Iterable[Attendee],
    venue: VenueInfo,
    meeting: SearchedMeeting = A_MEETING_OF_ITS_OWN,
) -> tuple[Span, ...]:
    """When these attendees cannot come to ``venue`` for a face-to-face meeting, though
    nothing books them: the journey and buffer around each of their in-person events in
    another locality, and the days before a delegation arrives in Japan or after it
    leaves. These are the conflict check's own rules (``travel_too_short``,
    ``outside_stay``), so no suggestion is one the check then calls an error."""
    attendees = tuple(attendees)
    return (*_travel_spans(snapshot, attendees, venue, meeting), *_outside_stays(attendees))


def _ids_of(attendees: Iterable[Attendee]) -> tuple[set[str], set[str]]:
    """The delegations and people whose events take these attendees' time."""
    delegation_ids: set[str] = set()
    participant_ids: set[str] = set()
    for attendee in attendees:
        if attendee.kind is AttendeeKind.DELEGATION:
            delegation_ids.add(attendee.id)
        elif attendee.kind is AttendeeKind.PARTICIPANT:
            participant_ids.add(attendee.id)
            if attendee.delegation_id is not None:
                delegation_ids.add(attendee.delegation_id)
    return delegation_ids, participant_ids


def _travel_spans(
    snapshot: ProgramSnapshot,
    attendees: Sequence[Attendee],
    venue: VenueInfo,
    meeting: SearchedMeeting,
) -> Iterator[Span]:
    """Around each event an attendee goes to in person elsewhere, the time the conflict
    check's travel rule (:func:`~cpp_scheduler.scheduling.travel.gap_needed`) asks
    between it and a meeting at ``venue``; a route the table does not know blocks
    nothing, as the check only warns about it."""
    table = TravelTable.from_routes(snapshot.routes)
    delegation_ids, participant_ids = _ids_of(attendees)
    for interval in snapshot.intervals:
        if interval.all_day or not interval.is_physical or interval.locality is None:
            continue  # the check sets off from no midnight, and nobody travels to a call
        if meeting.related(interval) or not _blocks(
            interval, delegation_ids, participant_ids, None
        ):
            continue  # nobody travels between a conference and its own sessions
        if not interval.is_in_person and not _visiting_on(interval, attendees):
            continue  # a hybrid event, joined from home
        gap = gap_needed(table, venue.locality, interval.locality)
        if gap:
            yield interval.start - gap, interval.end + gap


def _visiting_on(interval: Interval, attendees: Sequence[Attendee]) -> bool:
    """Whether one of ``attendees`` it names is in Japan on a hybrid event's day, and so
    there in person, as the conflict check reads a hybrid event."""
    day = japan_day(interval.start)
    for attendee in attendees:
        delegations, people = _ids_of((attendee,))
        if _blocks(interval, delegations, people, None) and attendee.in_japan_on(day):
            return True
    return False


def _outside_stays(attendees: Iterable[Attendee]) -> Iterator[Span]:
    """The days (in Japan) before each visiting delegation arrives and after it leaves."""
    for attendee in attendees:
        if attendee.kind is not AttendeeKind.DELEGATION:
            continue
        if attendee.arrival is None or attendee.departure is None:
            continue
        yield _EARLIEST, timezones.day_start(attendee.arrival, timezones.TOKYO)
        after = attendee.departure + timedelta(days=1)
        yield timezones.day_start(after, timezones.TOKYO), _LATEST


def _blocks(
    interval: Interval, delegations: set[str], participants: set[str], venue_id: str | None
) -> bool:
    return (
        (venue_id is not None and interval.venue_id == venue_id)
        or not interval.delegation_ids.isdisjoint(delegations)
        or not interval.participant_ids.isdisjoint(participants)
    )


def describe_slot(slot: Slot, zone_name: str = timezones.TOKYO, dash: str = "-") -> str:
    """``Mon 18 Jan 2027 09:00-10:30 (Tokyo)``: a suggestion as the list of them heads it,
    ``dash`` the command line's ``-`` or the window's ``–``."""
    return describe_span(slot.start, slot.end, zone_name, i18n.day_text, dash=dash)
