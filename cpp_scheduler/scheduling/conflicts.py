"""Every clash in a program, each explained in one sentence a coordinator understands.

Double bookings are found by a sweep: every (resource, interval) pair is sorted once by
resource and start, and each interval is compared only with the intervals of the same
resource still running when it starts. That is O(n log n + k) for n bookings and k
overlapping pairs, never a pairwise scan of the program. The other checks (travel,
capacity, opening hours, holidays, night sessions, study tours) are linear passes over
the same sorted bookings.

Cancelled events are not in the snapshot at all; a conference and its own sessions
share rooms and people without clashing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from cpp_scheduler import timezones
from cpp_scheduler.model.enums import EventMode
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.clock import LocalClock, date_to_day, day_to_date
from cpp_scheduler.scheduling.inputs import (
    JAPAN,
    Attendee,
    Interval,
    ProgramSnapshot,
    VenueInfo,
    minutes_of,
    zone_city,
)
from cpp_scheduler.scheduling.localtimes import (
    MINUTES_PER_DAY,
    DayPart,
    classify_minutes,
    describe_span,
)
from cpp_scheduler.scheduling.travel import (
    DEFAULT_BUFFER,
    Transfer,
    TravelTable,
    check_transfer,
    describe_duration,
)


class ConflictKind(StrEnum):
    VENUE_DOUBLE_BOOKED = "venue_double_booked"
    ATTENDEE_DOUBLE_BOOKED = "attendee_double_booked"
    TRAVEL_TOO_SHORT = "travel_too_short"
    TRAVEL_UNKNOWN = "travel_unknown"
    OVER_CAPACITY = "over_capacity"
    OUTSIDE_OPENING_HOURS = "outside_opening_hours"
    JAPANESE_HOLIDAY = "japanese_holiday"
    DELEGATION_HOLIDAY = "delegation_holiday"
    NIGHT_SESSION = "night_session"
    NIGHT_WITHOUT_HOTEL = "night_without_hotel"
    EMPTY_TOUR_DAY = "empty_tour_day"
    OUTSIDE_STAY = "outside_stay"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ConflictKind.VENUE_DOUBLE_BOOKED: "Venue booked twice",
    ConflictKind.ATTENDEE_DOUBLE_BOOKED: "In two places at once",
    ConflictKind.TRAVEL_TOO_SHORT: "Not enough travel time",
    ConflictKind.TRAVEL_UNKNOWN: "Travel time unknown",
    ConflictKind.OVER_CAPACITY: "Over capacity",
    ConflictKind.OUTSIDE_OPENING_HOURS: "Venue closed",
    ConflictKind.JAPANESE_HOLIDAY: "Japanese holiday",
    ConflictKind.DELEGATION_HOLIDAY: "Holiday at home",
    ConflictKind.NIGHT_SESSION: "Night-time session",
    ConflictKind.NIGHT_WITHOUT_HOTEL: "Night without a hotel",
    ConflictKind.EMPTY_TOUR_DAY: "Tour day with nothing planned",
    ConflictKind.OUTSIDE_STAY: "Outside the delegation's stay",
}


class Severity(StrEnum):
    ERROR = "error"
    """The plan cannot happen as written."""
    WARNING = "warning"
    """The plan can happen but hurts somebody, or cannot be checked."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """One clash: what kind, how bad, which records, and a sentence saying it."""

    kind: ConflictKind
    severity: Severity
    message: str
    event_ids: tuple[str, ...]
    record_ids: tuple[str, ...] = ()
    """Other records involved: venues, delegations, participants, study tours."""
    start: datetime | None = None
    """When it happens (UTC), for sorting and for jumping to it in a calendar."""


class Resource(StrEnum):
    VENUE = "venue"
    DELEGATION = "delegation"
    PARTICIPANT = "participant"


@dataclass(frozen=True, slots=True)
class Overlap:
    """Two intervals that hold the same resource at the same time (first starts first)."""

    resource: Resource
    resource_id: str
    first: Interval
    second: Interval


_INDEX_BITS = 24
_END_BITS = 36
_INDEX_MASK = (1 << _INDEX_BITS) - 1
_END_MASK = (1 << _END_BITS) - 1


def bookings(intervals: Sequence[Interval]) -> dict[Resource, dict[str, list[int]]]:
    """Each resource's bookings as integers that sort by start, then end.

    A booking packs (start, end, index into ``intervals``) into one integer, seconds
    counted from the earliest start: sorting plain integers is several times faster
    than sorting tuples, and the sort dominates the sweep.
    """
    if len(intervals) > _INDEX_MASK:
        raise ValueError(f"at most {_INDEX_MASK} intervals can be checked at once")
    base = min((interval.start_s for interval in intervals), default=0)
    venues: dict[str, list[int]] = defaultdict(list)
    delegations: dict[str, list[int]] = defaultdict(list)
    participants: dict[str, list[int]] = defaultdict(list)
    end_shift = _INDEX_BITS
    start_shift = _INDEX_BITS + _END_BITS
    for index, interval in enumerate(intervals):
        packed = (
            ((interval.start_s - base) << start_shift)
            | ((interval.end_s - base) << end_shift)
            | index
        )
        if interval.venue_id is not None:
            venues[interval.venue_id].append(packed)
        for delegation in interval.delegation_ids:
            delegations[delegation].append(packed)
        for participant in interval.participant_ids:
            participants[participant].append(packed)
    return {
        Resource.VENUE: venues,
        Resource.DELEGATION: delegations,
        Resource.PARTICIPANT: participants,
    }


def find_overlaps(intervals: Sequence[Interval]) -> list[Overlap]:
    """Every pair of unrelated intervals holding one resource at overlapping times.

    Per resource, the bookings are sorted by start and swept once, keeping those still
    running; each new start drops the finished ones and pairs with the rest. Every kept
    booking overlaps the new one, so the work beyond the sort is proportional to the
    overlaps found: O(n log n + k).
    """
    overlaps: list[Overlap] = []
    append = overlaps.append
    start_shift = _INDEX_BITS + _END_BITS
    for resource, by_id in bookings(intervals).items():
        for resource_id, rows in by_id.items():
            if len(rows) < 2:
                continue
            rows.sort()
            running: list[tuple[int, int]] = []
            for packed in rows:
                start = packed >> start_shift
                index = packed & _INDEX_MASK
                if running:
                    running = [item for item in running if item[0] > start]
                    for _, other in running:
                        first, second = intervals[other], intervals[index]
                        if not first.related(second):
                            append(Overlap(resource, resource_id, first, second))
                running.append(((packed >> _INDEX_BITS) & _END_MASK, index))
    return overlaps


@dataclass(frozen=True, slots=True)
class _Context:
    snapshot: ProgramSnapshot
    table: TravelTable
    buffer: timedelta
    member_counts: dict[str, int]
    event_ids: frozenset[str]
    clock: LocalClock
    holiday_names: dict[tuple[str, int], str | None]
    holiday_windows: dict[str, frozenset[int]]
    years: range

    def name(self, attendee_id: str) -> str:
        attendee = self.snapshot.attendee(attendee_id)
        return attendee.name if attendee is not None else attendee_id


def find_conflicts(
    snapshot: ProgramSnapshot,
    *,
    buffer: timedelta = DEFAULT_BUFFER,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[Conflict]:
    """Every clash in the snapshot, sorted by when it happens, errors first.

    With ``start``/``end``, only clashes that touch an interval in that range are kept;
    the intervals just outside still count as neighbours (for travel, for overlaps).
    """
    intervals = snapshot.intervals
    member_counts: dict[str, int] = defaultdict(int)
    for participant in snapshot.participants.values():
        if participant.delegation_id is not None:
            member_counts[participant.delegation_id] += 1
    context = _Context(
        snapshot,
        TravelTable.from_routes(snapshot.routes),
        buffer,
        member_counts,
        frozenset(interval.event_id for interval in intervals),
        LocalClock(),
        {},
        {},
        _years(intervals),
    )
    found: list[Conflict] = []
    found.extend(_double_bookings(context, find_overlaps(intervals)))
    found.extend(_travel_problems(context))
    for interval in intervals:
        if interval.venue_id is not None:
            found.extend(_venue_problems(context, interval))
        found.extend(_holiday_problems(context, interval))
        if interval.is_remote and (interval.delegation_ids or interval.participant_ids):
            found.extend(_night_problems(context, interval))
        if interval.delegation_ids and interval.is_physical:
            found.extend(_stay_problems(context, interval))
    found.extend(_tour_problems(context))
    if start is not None or end is not None:
        low = start or _EARLIEST
        high = end or _LATEST
        found = [c for c in found if c.start is None or low <= c.start < high]
    found.sort(key=_order)
    return found


def _years(intervals: Sequence[Interval]) -> range:
    """The calendar years the program touches, in any zone (a day's margin each side)."""
    if not intervals:
        return range(0)
    first = datetime.fromtimestamp(min(i.start_s for i in intervals) - 86_400, UTC).year
    last = datetime.fromtimestamp(max(i.end_s for i in intervals) + 86_400, UTC).year
    return range(first, last + 1)


_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)


def _order(conflict: Conflict) -> tuple[datetime, int, str, str]:
    when = conflict.start or _LATEST
    return (when, 0 if conflict.severity is Severity.ERROR else 1, conflict.kind,
            conflict.message)


# -- double bookings ------------------------------------------------------------------

def _venue_zone(context: _Context, interval: Interval) -> str:
    venue = context.snapshot.venues.get(interval.venue_id or "")
    return venue.zone if venue is not None else interval.zone


def _double_bookings(context: _Context, overlaps: Iterable[Overlap]) -> Iterator[Conflict]:
    by_pair: dict[tuple[str, str], list[Overlap]] = defaultdict(list)
    for overlap in overlaps:
        by_pair[(overlap.first.id, overlap.second.id)].append(overlap)
    for pair in by_pair.values():
        first, second = sorted(
            (pair[0].first, pair[0].second), key=lambda i: (i.start_s, i.end_s, i.title, i.id)
        )
        both_start = max(first.start, second.start)
        both_end = min(first.end, second.end)
        venues = [o.resource_id for o in pair if o.resource is Resource.VENUE]
        for venue_id in venues:
            venue = context.snapshot.venues.get(venue_id)
            venue_name = venue.name if venue is not None else "the same venue"
            zone = venue.zone if venue is not None else first.zone
            yield Conflict(
                ConflictKind.VENUE_DOUBLE_BOOKED,
                Severity.ERROR,
                f"{first.title} and {second.title} both book {venue_name} on "
                f"{describe_span(both_start, both_end, zone)}",
                (first.event_id, second.event_id),
                (venue_id,),
                both_start,
            )
        people = _people_in_both(context, pair)
        if people:
            names = _join([context.name(attendee_id) for attendee_id in people])
            verb = "is" if len(people) == 1 else "are"
            yield Conflict(
                ConflictKind.ATTENDEE_DOUBLE_BOOKED,
                Severity.ERROR,
                f"{names} {verb} expected at {first.title} and {second.title} at the same "
                f"time, {describe_span(both_start, both_end, first.zone)}",
                (first.event_id, second.event_id),
                tuple(people),
                both_start,
            )


def _people_in_both(context: _Context, pair: Sequence[Overlap]) -> list[str]:
    """Delegations first, then participants not already covered by their delegation."""
    delegations = sorted(
        (o.resource_id for o in pair if o.resource is Resource.DELEGATION), key=context.name
    )
    covered = set(delegations)
    people: list[str] = list(delegations)
    for overlap in sorted(pair, key=lambda o: context.name(o.resource_id)):
        if overlap.resource is not Resource.PARTICIPANT:
            continue
        participant = context.snapshot.participants.get(overlap.resource_id)
        if participant is not None and participant.delegation_id in covered:
            continue
        people.append(overlap.resource_id)
    return people


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) > 4:
        return f"{', '.join(names[:3])} and {len(names) - 3} others"
    return f"{', '.join(names[:-1])} and {names[-1]}"


# -- travel -----------------------------------------------------------------------------

def _travel_problems(context: _Context) -> Iterator[Conflict]:
    """Consecutive in-person events of one attendee in different localities."""
    schedules: dict[str, list[Interval]] = defaultdict(list)
    for interval in context.snapshot.intervals:
        if not interval.is_physical:
            continue
        for delegation in interval.delegation_ids:
            schedules[delegation].append(interval)
        for participant_id in interval.participant_ids:
            participant = context.snapshot.participants.get(participant_id)
            if participant is not None and participant.delegation_id in interval.delegation_ids:
                continue  # travels with the delegation, which is checked already
            schedules[participant_id].append(interval)
    short: dict[tuple[str, str], list[str]] = defaultdict(list)
    unknown: dict[tuple[str, str], list[str]] = defaultdict(list)
    pairs: dict[tuple[str, str], tuple[Interval, Interval, Transfer]] = {}
    for attendee_id, schedule in schedules.items():
        schedule.sort(key=lambda i: (i.start_s, i.end_s))
        last: Interval | None = None
        for interval in schedule:
            if (
                last is not None
                and last.locality != interval.locality
                and interval.start_s >= last.end_s
                and not last.related(interval)
            ):
                transfer = check_transfer(
                    context.table, last.locality or "", interval.locality or "", last.end,
                    interval.start, context.buffer,
                )
                if not transfer.same_place and not transfer.feasible:
                    key = (last.id, interval.id)
                    pairs[key] = (last, interval, transfer)
                    (short if transfer.known else unknown)[key].append(attendee_id)
            if last is None or interval.end_s >= last.end_s:
                last = interval
    for key, attendee_ids in short.items():
        before, after, transfer = pairs[key]
        assert transfer.route is not None
        names = _join([context.name(a) for a in attendee_ids])
        left = timezones.to_local(before.end, before.zone)
        arrive = timezones.to_local(after.start, after.zone)
        yield Conflict(
            ConflictKind.TRAVEL_TOO_SHORT,
            Severity.ERROR,
            f"{names} cannot get from {before.title} in {before.locality} (ends "
            f"{left:%a %d %b %H:%M}) to {after.title} in {after.locality} (starts "
            f"{arrive:%a %d %b %H:%M}, {zone_city(after.zone)} time): the journey takes "
            f"{describe_duration(timedelta(minutes=transfer.route.minutes))} by "
            f"{transfer.route.mode} plus a {describe_duration(context.buffer)} buffer, "
            f"but only {describe_duration(transfer.available)} lies between",
            (before.event_id, after.event_id),
            tuple(attendee_ids),
            before.end,
        )
    for key, attendee_ids in unknown.items():
        before, after, _ = pairs[key]
        names = _join([context.name(a) for a in attendee_ids])
        yield Conflict(
            ConflictKind.TRAVEL_UNKNOWN,
            Severity.WARNING,
            f"No travel time is recorded between {before.locality} and {after.locality}, so "
            f"it is unknown whether {names} can get from {before.title} to {after.title} "
            f"({describe_duration(after.start - before.end)} between them); add the route "
            f"to the travel-time table",
            (before.event_id, after.event_id),
            tuple(attendee_ids),
            before.end,
        )


# -- venue: capacity and opening hours ------------------------------------------------

def _headcount(context: _Context, interval: Interval) -> int:
    """Every member of each attending delegation, and each listed person once."""
    count = 0
    for delegation_id in interval.delegation_ids:
        count += context.member_counts.get(delegation_id, 0)
    participants = context.snapshot.participants
    for participant_id in interval.participant_ids:
        participant = participants.get(participant_id)
        if participant is None or participant.delegation_id not in interval.delegation_ids:
            count += 1
    return count


def _venue_problems(context: _Context, interval: Interval) -> Iterator[Conflict]:
    venue = context.snapshot.venues.get(interval.venue_id or "")
    if venue is None:
        return
    if interval.mode is not EventMode.VIRTUAL:
        count = _headcount(context, interval)
        if count > venue.capacity:
            hybrid = interval.mode is EventMode.HYBRID
            yield Conflict(
                ConflictKind.OVER_CAPACITY,
                Severity.WARNING if hybrid else Severity.ERROR,
                f"{interval.title} expects {count} people"
                f"{' if all come in person' if hybrid else ''} but {venue.name} holds "
                f"{venue.capacity}",
                (interval.event_id,),
                (venue.id,),
                interval.start,
            )
    if not _within_opening_hours(context.clock, interval, venue):
        yield Conflict(
            ConflictKind.OUTSIDE_OPENING_HOURS,
            Severity.ERROR,
            f"{interval.title} runs {describe_span(interval.start, interval.end, venue.zone)}, "
            f"outside the opening hours of {venue.name} "
            f"({venue.opens_at:%H:%M}-{venue.closes_at:%H:%M})",
            (interval.event_id,),
            (venue.id,),
            interval.start,
        )


def _within_opening_hours(clock: LocalClock, interval: Interval, venue: VenueInfo) -> bool:
    """Within opening hours on each day: a multi-day event opens no earlier than the
    venue on its first day and closes no later than the venue on its last."""
    start_minute = clock.local_minute(venue.zone, interval.start_s)
    end_minute = clock.local_minute(venue.zone, interval.end_s)
    if end_minute == 0 and interval.end_s > interval.start_s:
        end_minute = 24 * 60
    return minutes_of(venue.opens_at) <= start_minute and end_minute <= minutes_of(
        venue.closes_at
    )


# -- holidays ---------------------------------------------------------------------------

def _local_days(clock: LocalClock, interval: Interval, zone_name: str) -> range:
    """The local days (since 1970-01-01) an interval touches; an event ending at
    midnight does not touch the next day."""
    return range(clock.local_day(zone_name, interval.start_s),
                 clock.local_day(zone_name, interval.end_s - 1) + 1)


def _local_dates(clock: LocalClock, interval: Interval, zone_name: str) -> list[date]:
    return [day_to_date(day) for day in _local_days(clock, interval, zone_name)]


def _holiday_on(context: _Context, country: str, day: int) -> str | None:
    key = (country, day)
    try:
        return context.holiday_names[key]
    except KeyError:
        name = context.holiday_names[key] = holidays.holiday_name(country, day_to_date(day))
        return name


def _has_japanese_side(context: _Context, interval: Interval) -> bool:
    venue = context.snapshot.venues.get(interval.venue_id or "")
    if venue is not None and venue.country == JAPAN:
        return True
    if interval.is_physical and venue is None and interval.zone == timezones.TOKYO:
        return True
    attendees = [context.snapshot.attendee(a) for a in interval.delegation_ids]
    attendees += [context.snapshot.attendee(a) for a in interval.participant_ids]
    return any(a is not None and a.country == JAPAN for a in attendees)


def _reported_by_parent(context: _Context, interval: Interval) -> bool:
    return not interval.ancestor_ids.isdisjoint(context.event_ids)


def _near_holiday(context: _Context, country: str, interval: Interval) -> bool:
    """Whether the interval's UTC days lie within a day of one of the country's holidays:
    a cheap test that spares the exact local-date check on ordinary days."""
    window = context.holiday_windows.get(country)
    if window is None:
        days: set[int] = set()
        for year in context.years:
            for holiday in holidays.holidays_in(country, year):
                day = date_to_day(holiday)
                days.update((day - 1, day, day + 1))
        window = context.holiday_windows[country] = frozenset(days)
    first = interval.start_s // 86_400
    last = (interval.end_s - 1) // 86_400
    return first in window or last in window or any(
        day in window for day in range(first + 1, last)
    )


def _holiday_problems(context: _Context, interval: Interval) -> Iterator[Conflict]:
    if _reported_by_parent(context, interval):
        return
    if _near_holiday(context, JAPAN, interval) and _has_japanese_side(context, interval):
        for day_number in _local_days(context.clock, interval, timezones.TOKYO):
            name = _holiday_on(context, JAPAN, day_number)
            if name:
                day = day_to_date(day_number)
                yield Conflict(
                    ConflictKind.JAPANESE_HOLIDAY,
                    Severity.WARNING,
                    f"{interval.title} falls on {name}, a public holiday in Japan "
                    f"({day:%a %d %b %Y})",
                    (interval.event_id,),
                    (),
                    interval.start,
                )
    for delegation_id in sorted(interval.delegation_ids):
        delegation = context.snapshot.delegations.get(delegation_id)
        if delegation is None or not delegation.country or delegation.country == JAPAN:
            continue
        if not _near_holiday(context, delegation.country, interval):
            continue
        for day_number in _local_days(context.clock, interval, delegation.zone):
            name = _holiday_on(context, delegation.country, day_number)
            if name is None:
                continue
            day = day_to_date(day_number)
            if not delegation.in_japan_on(day):  # a visit's days follow Japan's calendar
                country = timezones.country_name(delegation.country) or delegation.country
                yield Conflict(
                    ConflictKind.DELEGATION_HOLIDAY,
                    Severity.WARNING,
                    f"{interval.title} falls on {name}, a public holiday in {country}, "
                    f"for {delegation.name} ({day:%a %d %b %Y} there)",
                    (interval.event_id,),
                    (delegation_id,),
                    interval.start,
                )


# -- night sessions ---------------------------------------------------------------------

def _remote_attendees(context: _Context, interval: Interval) -> list[Attendee]:
    attendees: list[Attendee] = []
    for delegation_id in sorted(interval.delegation_ids):
        delegation = context.snapshot.delegations.get(delegation_id)
        if delegation is not None:
            attendees.append(delegation)
    for participant_id in sorted(interval.participant_ids):
        participant = context.snapshot.participants.get(participant_id)
        if participant is None:
            continue
        delegation = context.snapshot.delegations.get(participant.delegation_id or "")
        if (
            delegation is not None
            and delegation.id in interval.delegation_ids
            and participant.zone == delegation.zone
        ):
            continue  # sits with the delegation, which is checked already
        attendees.append(participant)
    return attendees


def _night_problems(context: _Context, interval: Interval) -> Iterator[Conflict]:
    if not interval.is_remote:
        return
    clock = context.clock
    start_s, end_s = interval.start_s, interval.end_s
    for attendee in _remote_attendees(context, interval):
        zone_name = attendee.zone
        if attendee.arrival is not None:
            zone_name = attendee.zone_on(clock.local_date(attendee.zone, start_s))
        start_offset = clock.offset(zone_name, start_s)
        end_offset = clock.offset(zone_name, end_s)
        start_day, start = divmod(start_s + start_offset, 86_400)
        end_day, end = divmod(end_s + end_offset, 86_400)
        start //= 60
        end = (end_day - start_day) * MINUTES_PER_DAY + end // 60
        if classify_minutes(start, end, attendee.hours) is DayPart.NIGHT:
            yield Conflict(
                ConflictKind.NIGHT_SESSION,
                Severity.WARNING,
                f"{interval.title} is at night for {attendee.name}: "
                f"{describe_span(interval.start, interval.end, zone_name)}, outside its "
                f"acceptable hours ({attendee.hours.describe_acceptable()})",
                (interval.event_id,),
                (attendee.id,),
                interval.start,
            )


# -- delegations' stay and study tours ------------------------------------------------

def _stay_problems(context: _Context, interval: Interval) -> Iterator[Conflict]:
    if not interval.is_physical or not interval.delegation_ids:
        return
    days = _local_dates(context.clock, interval, timezones.TOKYO)
    for delegation_id in sorted(interval.delegation_ids):
        delegation = context.snapshot.delegations.get(delegation_id)
        if delegation is None or delegation.arrival is None or delegation.departure is None:
            continue
        if days[0] < delegation.arrival:
            reason = f"before it arrives in Japan on {delegation.arrival:%a %d %b %Y}"
        elif days[-1] > delegation.departure:
            reason = f"after it leaves Japan on {delegation.departure:%a %d %b %Y}"
        else:
            continue
        yield Conflict(
            ConflictKind.OUTSIDE_STAY,
            Severity.ERROR,
            f"{delegation.name} is expected at {interval.title} on "
            f"{days[0]:%a %d %b %Y}, {reason}",
            (interval.event_id,),
            (delegation_id,),
            interval.start,
        )


def _tour_problems(context: _Context) -> Iterator[Conflict]:
    tours = context.snapshot.tours
    if not tours:
        return
    keys = {tour.delegation_id for tour in tours}
    keys.update(day_id for tour in tours for day_id in tour.day_ids.values())
    busy_days: dict[str, set[int]] = defaultdict(set)
    for interval in context.snapshot.intervals:
        involved = [d for d in interval.delegation_ids if d in keys]
        if interval.tour_day_id in keys:
            involved.append(interval.tour_day_id)
        if involved:
            days = _local_days(context.clock, interval, timezones.TOKYO)
            for key in involved:
                busy_days[key].update(days)
    for tour in tours:
        delegation_name = context.name(tour.delegation_id)
        tour_start = timezones.to_utc(
            datetime.combine(tour.start_date, datetime.min.time()), timezones.TOKYO,
            timezones.Fold.EARLIER,
        )
        first, last = date_to_day(tour.start_date), date_to_day(tour.end_date)
        missing = [
            day_to_date(day) for day in range(first, last)
            if day_to_date(day) not in tour.hotel_nights
        ]
        if missing:
            yield Conflict(
                ConflictKind.NIGHT_WITHOUT_HOTEL,
                Severity.WARNING,
                f"{tour.title} ({delegation_name}) has no hotel for the "
                f"night{'s' if len(missing) > 1 else ''} of {_dates(missing)}",
                (),
                (tour.id,),
                tour_start,
            )
        planned = set(busy_days.get(tour.delegation_id, ()))
        planned.update(date_to_day(day) for day in tour.travel_days)
        for day_id in tour.day_ids.values():
            planned |= busy_days.get(day_id, set())
        empty = [day_to_date(day) for day in range(first, last + 1) if day not in planned]
        if empty:
            yield Conflict(
                ConflictKind.EMPTY_TOUR_DAY,
                Severity.WARNING,
                f"{tour.title} ({delegation_name}) has nothing planned on {_dates(empty)}",
                (),
                (tour.id,),
                tour_start,
            )


def _dates(days: Sequence[date]) -> str:
    return _join([f"{day:%a %d %b}" for day in days[:-1]] + [f"{days[-1]:%a %d %b %Y}"])
