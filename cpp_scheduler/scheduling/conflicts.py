"""Every clash in a program, each explained in one sentence a coordinator understands.

Double bookings are found by a sweep: every (resource, interval) pair is sorted once by
resource and start, and each interval is compared only with the intervals of the same
resource still running when it starts. That is O(n log n + k) for n bookings and k
overlapping pairs, never a pairwise scan of the program. The travel check reads the
same sorted bookings; the others (capacity, opening hours, holidays, night sessions,
stays, sessions outside their conference's dates, study tours) are one pass each over
the program. Facts shared by many events are
found once per check: each zone's UTC offset per day (:class:`LocalClock`), each
country's holidays, each venue's hours; cheap tests on whole seconds and UTC days spare
the exact ones on the many events that are plainly fine, and sentences are written only
for the clashes found.

Cancelled events are not in the snapshot at all; a conference and its own sessions
share rooms and people without clashing, and a conference with sessions holds its
delegations while its sessions run, not for its whole span (:func:`_as_attended`).

A finding is dated when what it judges begins (the later start of two bookings, the
end of the meeting before a journey, a leg's departure, a meeting's first minute on a
holiday), and depends only on meetings still running then or later, and on facts of
the whole program. Every finding names the days it belongs to in :attr:`Conflict.days`,
and a range shows exactly the findings with a day in it (:func:`falls_within`): a
finding about a day (a holiday, a tour's day or night) belongs to that day; one about a
clash (two bookings, a meeting at night, over capacity or out of hours, outside a stay)
to every day the clash touches in Tokyo, as a run sheet lists a meeting on every day it
runs (a session outside its conference's dates, to each of its days outside them); a
journey between meetings to the day it sets out; a study tour's leg to every day it is
under way and every day of the activity it runs into or leaves too soon after (an
overnight leg landing into the next day's visit is that day's problem too, and that
day's run sheet lists the leg). An all-day meeting's days are its own dates,
the same on every calendar, and a finding about whole days starts as the first of them
begins in Tokyo. A tour's days are judged over all of them. Whole days on another
clock (the window's calendar on Lima's clock, ``conflicts --days-in``) show a finding
on the days its meetings are on there, as the calendar draws them (:func:`days_on_clock`).

A check of part of the program, whose snapshot holds what the checks looking past a
meeting need after it (:attr:`ProgramSnapshot.neighbours`), the days of the tours it
touches, and which events have sessions (:attr:`ProgramSnapshot.conferences`), finds
exactly what the check of the whole program shows in that part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import N_, _, ngettext
from cpp_scheduler.model.enums import EventMode, mode_word
from cpp_scheduler.model.event_filter import (
    delegations_attending,
    is_delegations,
    meeting_days,
    on_days,
)
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.attendance import (
    LocalSpan,
    attended_by,
    attending_delegations,
    clock_zone_on,
    conferences_of,
    judged_at_night,
    judged_for_nights,
    local_span,
    members_of,
    span_part,
)
from cpp_scheduler.scheduling.clock import LocalClock, date_to_day, day_to_date
from cpp_scheduler.scheduling.inputs import (
    JAPAN,
    Attendee,
    AttendeeKind,
    Interval,
    ProgramSnapshot,
    TourActivity,
    TourInfo,
    TourLeg,
    VenueInfo,
    japan_day,
    minutes_of,
    tdlc_host,
    zone_city,
)
from cpp_scheduler.scheduling.localtimes import (
    DayPart,
    all_day_dates,
    describe_dates,
    describe_span,
    distinct_clocks,
    hosted_in_japan,
)
from cpp_scheduler.scheduling.travel import (
    DEFAULT_BUFFER,
    LONGEST_JOURNEY,
    Transfer,
    TravelTable,
    check_transfer,
    describe_duration,
    leg_journey,
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
    TOUR_LEG_INFEASIBLE = "tour_leg_infeasible"
    TOUR_LEG_UNKNOWN = "tour_leg_unknown"
    HOTEL_IN_OTHER_CITY = "hotel_in_other_city"
    ACTIVITY_OUTSIDE_TOUR = "activity_outside_tour"
    ACTIVITY_NOT_ATTENDED = "activity_not_attended"
    SESSION_OUTSIDE_CONFERENCE = "session_outside_conference"

    @property
    def label(self) -> str:
        return _(_KIND_LABELS[self])


_KIND_LABELS = {
    ConflictKind.VENUE_DOUBLE_BOOKED: N_("Venue booked twice"),
    ConflictKind.ATTENDEE_DOUBLE_BOOKED: N_("In two places at once"),
    ConflictKind.TRAVEL_TOO_SHORT: N_("Not enough travel time"),
    ConflictKind.TRAVEL_UNKNOWN: N_("Travel time unknown"),
    ConflictKind.OVER_CAPACITY: N_("Over capacity"),
    ConflictKind.OUTSIDE_OPENING_HOURS: N_("Venue closed"),
    ConflictKind.JAPANESE_HOLIDAY: N_("Japanese holiday"),
    ConflictKind.DELEGATION_HOLIDAY: N_("Holiday at home"),
    ConflictKind.NIGHT_SESSION: N_("Night-time session"),
    ConflictKind.NIGHT_WITHOUT_HOTEL: N_("Night without a hotel"),
    ConflictKind.EMPTY_TOUR_DAY: N_("Tour day with nothing planned"),
    ConflictKind.OUTSIDE_STAY: N_("Outside the delegation's stay"),
    ConflictKind.TOUR_LEG_INFEASIBLE: N_("Travel leg cannot be made"),
    ConflictKind.TOUR_LEG_UNKNOWN: N_("Travel leg not in the table"),
    ConflictKind.HOTEL_IN_OTHER_CITY: N_("Hotel in another city"),
    ConflictKind.ACTIVITY_OUTSIDE_TOUR: N_("Activity outside the tour's days"),
    ConflictKind.ACTIVITY_NOT_ATTENDED: N_("Activity the delegation does not attend"),
    ConflictKind.SESSION_OUTSIDE_CONFERENCE: N_("Session outside the conference's dates"),
}

TOUR_KINDS = frozenset(
    {
        ConflictKind.NIGHT_WITHOUT_HOTEL,
        ConflictKind.EMPTY_TOUR_DAY,
        ConflictKind.TOUR_LEG_INFEASIBLE,
        ConflictKind.TOUR_LEG_UNKNOWN,
        ConflictKind.HOTEL_IN_OTHER_CITY,
        ConflictKind.ACTIVITY_OUTSIDE_TOUR,
        ConflictKind.ACTIVITY_NOT_ATTENDED,
    }
)
"""Conflicts of a study tour's plan: their first record id is the tour's."""

DAY_KINDS = frozenset(
    {
        ConflictKind.NIGHT_WITHOUT_HOTEL,
        ConflictKind.EMPTY_TOUR_DAY,
        ConflictKind.JAPANESE_HOLIDAY,
        ConflictKind.DELEGATION_HOLIDAY,
    }
)
"""Conflicts about a day (a holiday, a tour's day or night), not a moment: beginning at
their day's first minute, they are said by the date alone. A clash that begins at a
midnight (a night session from 00:00) keeps its time."""


class Severity(StrEnum):
    ERROR = "error"
    """The plan cannot happen as written."""
    WARNING = "warning"
    """The plan can happen but hurts somebody, or cannot be checked."""


@dataclass(frozen=True, slots=True)
class Meeting:
    """One meeting a conflict is about: the event, and for a meeting of a series the
    start its rule gives it (``recurrence_id``, UTC; None for a one-off event), with
    when it starts now. A series is its meetings: a clash of one of them is not a clash
    of the others."""

    event_id: str
    recurrence_id: datetime | None
    start: datetime
    day: date | None = None
    """An all-day meeting's first date, its own on every calendar; None for a timed one,
    which is where its start falls on the clock of whoever reads it."""

    @classmethod
    def of(cls, interval: Interval) -> Meeting:
        day = all_day_dates(interval)[0] if interval.all_day else None
        return cls(interval.event_id, interval.recurrence_id, interval.start, day)


@dataclass(frozen=True, slots=True)
class Conflict:
    """One clash: what kind, how bad, which records, and a sentence saying it."""

    kind: ConflictKind
    severity: Severity
    message: str
    event_ids: tuple[str, ...]
    record_ids: tuple[str, ...] = ()
    """Other records involved: venues, delegations, participants, study tours (for a
    conflict of a tour's plan, the tour first, then its leg or hotel night; an activity
    held outside the tour's days is in ``event_ids``)."""
    start: datetime | None = None
    """When it happens (UTC), for sorting and for jumping to it in a calendar."""
    meetings: tuple[Meeting, ...] = ()
    """The meetings involved, in the order of ``event_ids``."""
    days: tuple[date, ...] = ()
    """The days it belongs to, in Tokyo, where ranges are read: the holiday's day; the
    days a clash touches (the overlap of two bookings, a meeting judged at night, over
    capacity or out of hours); the day a journey between meetings sets out; the days a
    tour's leg is under way and those of the activity it collides with; a study tour's
    days and nights; an all-day meeting's own dates (the same on every calendar). A
    range finds it on any of them, and on no other (:func:`falls_within`); days on another
    clock read them there (:func:`days_on_clock`)."""
    within: str = ""
    """The sentence as it reads where the record it concerns is already shown (a leg or
    a night on the tour builder's card: "This leg is too short: ..."); empty where it
    reads as :attr:`message` does."""
    part: tuple[datetime, datetime] | None = None
    """The part of its one timed meeting it is about (UTC), where that is not the whole
    meeting: a holiday at home is about the hours of the meeting on that date there, and
    another clock reads its days by them (:func:`days_on_clock`)."""

    @property
    def said_within(self) -> str:
        """:attr:`within`, or the whole :attr:`message` where it has none."""
        return self.within or self.message


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


Bookings = dict[Resource, dict[str, list[int]]]
"""Per kind of resource and resource id, its bookings packed into integers."""


def bookings(intervals: Sequence[Interval]) -> Bookings:
    """Each resource's bookings as integers that sort by start, then end.

    A booking packs (start, end, index into ``intervals``) into one integer, seconds
    counted from the earliest start: sorting plain integers is several times faster
    than sorting tuples, and the sort dominates the sweep.
    """
    venues: dict[str, list[int]] = defaultdict(list)
    delegations: dict[str, list[int]] = defaultdict(list)
    participants: dict[str, list[int]] = defaultdict(list)
    for interval, packed in zip(intervals, _packed(intervals), strict=True):
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


def _packed(intervals: Sequence[Interval]) -> list[int]:
    """Each interval's booking, in their order: (start, end, index) in one integer."""
    if len(intervals) > _INDEX_MASK:
        raise ValueError(f"at most {_INDEX_MASK} intervals can be checked at once")
    base = min((interval.start_s for interval in intervals), default=0)
    end_shift = _INDEX_BITS
    start_shift = _INDEX_BITS + _END_BITS
    return [
        ((interval.start_s - base) << start_shift) | ((interval.end_s - base) << end_shift) | index
        for index, interval in enumerate(intervals)
    ]


def find_overlaps(intervals: Sequence[Interval], booked: Bookings | None = None) -> list[Overlap]:
    """Every pair of unrelated intervals holding one resource at overlapping times.

    Per resource, the bookings are sorted by start and swept once, keeping those still
    running; each new start drops the finished ones and pairs with the rest. Every kept
    booking overlaps the new one, so the work beyond the sort is proportional to the
    overlaps found: O(n log n + k).
    """
    overlaps: list[Overlap] = []
    append = overlaps.append
    start_shift = _INDEX_BITS + _END_BITS
    for resource, by_id in (booked if booked is not None else bookings(intervals)).items():
        for resource_id, rows in by_id.items():
            if len(rows) < 2:
                continue
            rows.sort()  # in place: the travel check reads the same sorted bookings
            running: list[int] = []  # bookings not finished yet, packed
            latest_end = 0  # of the running bookings: most starts come after it
            for packed in rows:
                start = packed >> start_shift
                end = (packed >> _INDEX_BITS) & _END_MASK
                if start >= latest_end:
                    running = [packed]
                    latest_end = end
                    continue
                running = [other for other in running if (other >> _INDEX_BITS) & _END_MASK > start]
                second = intervals[packed & _INDEX_MASK]
                for other in running:
                    first = intervals[other & _INDEX_MASK]
                    if not first.related(second):
                        append(Overlap(resource, resource_id, first, second))
                running.append(packed)
                latest_end = max(latest_end, end)
    return overlaps


@dataclass(frozen=True, slots=True)
class _Context:
    snapshot: ProgramSnapshot
    table: TravelTable
    buffer: timedelta
    member_counts: dict[str, int]
    clock: LocalClock
    holiday_names: dict[tuple[str, int], str | None]
    holiday_windows: dict[str, frozenset[int]]
    years: range
    conference_delegations: Mapping[str, frozenset[str]]
    """Per event with sessions (:func:`conferences_of`), the delegations its sessions
    naming none are for."""
    opening_minutes: dict[str, tuple[int, int]]
    """Per venue: when it opens and closes, in minutes after midnight."""
    span_texts: dict[tuple[datetime, datetime, str, str | None], str]
    """The spans the findings have named (:meth:`span_text`), each worded once."""

    def name(self, attendee_id: str) -> str:
        attendee = self.snapshot.attendee(attendee_id)
        return attendee.name if attendee is not None else attendee_id

    def span_text(
        self, start: datetime, end: datetime, zone_name: str, city: str | None = None
    ) -> str:
        """:func:`describe_span` of a span, worded once in a check: a weekly call at
        night for its dozen attendees of a zone, or a meeting's clashes with several
        others at one time, are named in the same words."""
        key = (start, end, zone_name, city)
        text = self.span_texts.get(key)
        if text is None:
            text = self.span_texts[key] = describe_span(start, end, zone_name, city=city)
        return text


def find_conflicts(
    snapshot: ProgramSnapshot,
    *,
    buffer: timedelta = DEFAULT_BUFFER,
    start: datetime | None = None,
    end: datetime | None = None,
    clock: str = timezones.TOKYO,
) -> list[Conflict]:
    """Every clash in the snapshot, sorted by when it happens, errors first.

    With ``start``/``end``, the midnights of whole days on ``clock``, only the clashes
    those days show (:func:`falls_within`) are kept. A snapshot
    of part of the program (``load_snapshot`` over the range) gives the same findings
    there as the whole program's; its edges may hold findings that the meetings not
    read would change, which the range leaves out.
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
        LocalClock(),
        {},
        {},
        _years(intervals),
        conferences_of(snapshot),
        {},
        {},
    )
    found: list[Conflict] = []
    booked = bookings(intervals)
    overlaps = _as_attended(context, intervals, find_overlaps(intervals, booked))
    found.extend(_double_bookings(context, overlaps))
    if snapshot.neighbours:  # where each attendee goes next, past the part read
        ahead = intervals + snapshot.neighbours
        found.extend(_travel_problems(context, ahead, _sorted(bookings(ahead))))
    else:
        found.extend(_travel_problems(context, intervals, booked))
    found.extend(_venue_problems(context))
    found.extend(_holiday_problems(context))
    found.extend(_night_problems(context))
    found.extend(_stay_problems(context))
    found.extend(_session_problems(context))
    found.extend(_tour_problems(context))
    if start is not None or end is not None:
        spans = meeting_spans(intervals + snapshot.neighbours)
        found = [c for c in found if falls_within(c, start, end, clock, spans)]
    found.sort(key=_order)
    return found


MeetingSpans = Mapping[tuple[str, datetime | None], Interval]
"""Meetings by event id and recurrence id (:class:`Meeting`'s names for them)."""


def meeting_spans(intervals: Iterable[Interval]) -> MeetingSpans:
    """The meetings a finding names, by their names, for reading its days on a clock."""
    return {(interval.event_id, interval.recurrence_id): interval for interval in intervals}


def falls_within(
    conflict: Conflict,
    start: datetime | None,
    end: datetime | None,
    clock: str = timezones.TOKYO,
    spans: MeetingSpans | None = None,
) -> bool:
    """Whether a check of ``start``..``end`` (UTC, the midnights of whole days on
    ``clock``; either may be open) shows the finding: it is on one of those days
    (:func:`days_on_clock`).

    Ranges are whole days (the command's ``--from`` and ``--to`` with ``--days-in``,
    the window's dates shown on its clock, a run sheet's day in Tokyo): a meeting from
    23:30 on Saturday to 01:30 on Sunday is at night on both days, and on a holiday
    Sunday on Sunday alone; a tour day with nothing planned is found on that day,
    whenever the tour began; an all-day event dated 1 January is on 1 January in any
    zone, as the calendar draws it; a hotel in the wrong city is found on its night and
    when the day's last leg arrives. A finding naming no days is found by when it
    happens.
    """
    low = start or _EARLIEST
    high = end or _LATEST
    if not conflict.days:
        return conflict.start is None or low <= conflict.start < high
    if low >= high:
        return False
    first = None if start is None else timezones.to_local(start, clock).date()
    last = None if end is None else timezones.to_local(end - _INSTANT, clock).date()
    return any(on_days(days, first, last) for days in days_on_clock(conflict, clock, spans))


def days_on_clock(
    conflict: Conflict, clock: str, spans: MeetingSpans | None = None
) -> Iterator[tuple[date, date]]:
    """The days a finding is on, read on ``clock``, as first and last day of each part.

    A finding's days (:attr:`Conflict.days`) are Tokyo's. Each is read on ``clock`` by
    the timed meetings of the finding that are on it (``spans`` names them): the part of
    such a meeting within that Tokyo day is on the days the calendar shows that part on
    (:func:`~cpp_scheduler.model.event_filter.meeting_days`, the rule of the window's
    days and ``events list --days-in``), so a night session from 01:30 on Monday in Lima
    is on Lima's Monday, the day the calendar on Lima's clock draws it. A day none of its
    timed meetings is on (an all-day meeting's date, a study tour's day, a leg's) is
    that date on every clock. On Tokyo's clock a meeting's part within a Tokyo day is on
    that day alone: there the days are the finding's own, read without its meetings.
    """
    if clock == timezones.TOKYO:
        yield from ((day, day) for day in conflict.days)
        return
    if conflict.part is not None and conflict.meetings and spans is not None:
        meeting = conflict.meetings[0]
        interval = spans.get((meeting.event_id, meeting.recurrence_id))
        if interval is not None:
            start, end = conflict.part
            yield meeting_days(start, end, interval.zone, all_day=False, clock=clock)
            return
    timed = [
        interval
        for meeting in conflict.meetings
        if spans is not None
        and (interval := spans.get((meeting.event_id, meeting.recurrence_id))) is not None
        and not interval.all_day
    ]
    for day in conflict.days:
        begins = _tokyo_midnight(day)
        ends = _tokyo_midnight(day + timedelta(days=1))
        parts = [
            meeting_days(
                max(interval.start, begins),
                min(interval.end, ends),
                interval.zone,
                all_day=False,
                clock=clock,
            )
            for interval in timed
            if interval.start < ends and interval.end >= begins  # one ending at its start too
        ]
        yield from parts or [(day, day)]


def _sorted(booked: Bookings) -> Bookings:
    """The bookings sorted as :func:`find_overlaps` leaves them, for the travel check."""
    for by_id in booked.values():
        for rows in by_id.values():
            rows.sort()
    return booked


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
    return (when, 0 if conflict.severity is Severity.ERROR else 1, conflict.kind, conflict.message)


# -- double bookings ------------------------------------------------------------------


def _as_attended(
    context: _Context, intervals: Sequence[Interval], overlaps: list[Overlap]
) -> list[Overlap]:
    """The overlaps, with the delegations' taken from what each delegation attends, as
    :mod:`~cpp_scheduler.scheduling.attendance` says: a conference with sessions is its
    sessions, so its own span holds none of its delegations (the evening between two
    days of sessions is free), and a session naming no delegation holds those of its
    conference. A delegation expected at its conference's parallel sessions chooses
    among them: two sessions of one conference clash for it only where both name it.

    Rooms and listed people are booked as the events name them.
    """
    conferences = context.conference_delegations
    if not any(conferences.values()):
        return overlaps  # no conference names a delegation: the bookings are the same
    kept = [overlap for overlap in overlaps if overlap.resource is not Resource.DELEGATION]
    attended = _delegation_bookings(intervals, conferences)
    for overlap in find_overlaps(intervals, attended):
        first, second = overlap.first, overlap.second
        delegation_id = overlap.resource_id
        if (
            delegation_id not in first.delegation_ids or delegation_id not in second.delegation_ids
        ) and not first.ancestor_ids.isdisjoint(second.ancestor_ids):
            continue  # parallel sessions of the delegation's own conference
        kept.append(overlap)
    return kept


def _delegation_bookings(
    intervals: Sequence[Interval], conferences: Mapping[str, frozenset[str]]
) -> Bookings:
    """Each delegation's bookings, packed as :func:`bookings` packs them, of the meetings
    it attends (:func:`attending_delegations`; never a conference's span)."""
    delegations: dict[str, list[int]] = defaultdict(list)
    for interval, packed in zip(intervals, _packed(intervals), strict=True):
        if interval.event_id in conferences:
            continue  # judged by its sessions
        for delegation in attending_delegations(interval, conferences):
            delegations[delegation].append(packed)
    return {Resource.DELEGATION: delegations}


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
        both_days = first.all_day and second.all_day  # dates on both sides: no hours
        shared = _shared_days(first, second) if both_days else None
        if both_days and shared is None:
            continue  # their days overlap in time only: a Tokyo 4 April and an Apia 5 April
        if shared is not None:
            dates = _dates_between(*shared)
            when = _tokyo_midnight(dates[0])
        else:  # the days the overlap touches
            dates = _tokyo_days(
                context.clock,
                max(first.start_s, second.start_s),
                min(first.end_s, second.end_s),
            )
            when = both_start
        venues = [o.resource_id for o in pair if o.resource is Resource.VENUE]
        for venue_id in venues:
            venue = context.snapshot.venues.get(venue_id)
            venue_name = venue.name if venue is not None else _("the same venue")
            zone = venue.zone if venue is not None else first.zone
            yield Conflict(
                ConflictKind.VENUE_DOUBLE_BOOKED,
                Severity.ERROR,
                _("{first} and {second} both book {venue} on {when}").format(
                    first=first.title,
                    second=second.title,
                    venue=venue_name,
                    when=(
                        describe_dates(*shared)
                        if shared is not None
                        else context.span_text(both_start, both_end, zone)
                    ),
                ),
                (first.event_id, second.event_id),
                (venue_id,),
                when,
                (Meeting.of(first), Meeting.of(second)),
                days=dates,
            )
        people = _people_in_both(context, pair)
        if people:
            names = _join([context.name(attendee_id) for attendee_id in people])
            yield Conflict(
                ConflictKind.ATTENDEE_DOUBLE_BOOKED,
                Severity.ERROR,
                (
                    ngettext(
                        "{names} is expected at {first} and {second} on the same days, {when}",
                        "{names} are expected at {first} and {second} on the same days, {when}",
                        len(people),
                    )
                    if both_days
                    else ngettext(
                        "{names} is expected at {first} and {second} at the same time, {when}",
                        "{names} are expected at {first} and {second} at the same time, {when}",
                        len(people),
                    )
                ).format(
                    names=names,
                    first=first.title,
                    second=second.title,
                    when=(
                        describe_dates(*shared)
                        if shared is not None
                        else context.span_text(both_start, both_end, first.zone)
                    ),
                ),
                (first.event_id, second.event_id),
                tuple(people),
                when,
                (Meeting.of(first), Meeting.of(second)),
                days=dates,
            )


def _dates_between(first: date, last: date) -> tuple[date, ...]:
    return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))


def _days_of(context: _Context, interval: Interval) -> tuple[date, ...]:
    """The days a finding about one whole meeting belongs to: an all-day meeting's own
    dates, as every calendar shows them; the Tokyo days a timed one runs on."""
    return tuple(day_to_date(day) for day in _local_days(context.clock, interval, timezones.TOKYO))


def _tokyo_days(clock: LocalClock, start_s: int, end_s: int) -> tuple[date, ...]:
    """The Tokyo days from ``start_s`` up to ``end_s`` (seconds since the epoch) touch: a
    span ending at midnight does not touch the next day, and a moment is on its day."""
    first = clock.local_day(timezones.TOKYO, start_s)
    last = clock.local_day(timezones.TOKYO, max(start_s, end_s - 1))
    return tuple(day_to_date(day) for day in range(first, last + 1))


def _starting(interval: Interval, days: Sequence[date]) -> datetime:
    """When a finding about a meeting on ``days`` happens: as the first of them begins
    in Tokyo for an all-day meeting (the day a range finds it on), else when the
    meeting starts, or the first of those days begins if it started before."""
    begins = _tokyo_midnight(days[0])
    if interval.all_day:
        return begins
    return max(interval.start, begins)


def _shared_days(first: Interval, second: Interval) -> tuple[date, date] | None:
    """The days two all-day events share, each read in its own zone: all-day events are
    dates, so two clash only on a date both hold, whatever hours their zones give them."""
    first_days, second_days = all_day_dates(first), all_day_dates(second)
    start, end = max(first_days[0], second_days[0]), min(first_days[1], second_days[1])
    return (start, end) if start <= end else None


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
        return _("{names} and {count} others").format(
            names=_(", ").join(names[:3]), count=len(names) - 3
        )
    return _("{names} and {last}").format(names=_(", ").join(names[:-1]), last=names[-1])


# -- travel -----------------------------------------------------------------------------


def _travel_problems(
    context: _Context, intervals: Sequence[Interval], booked: Bookings
) -> Iterator[Conflict]:
    """Consecutive in-person events of one attendee in different localities, less than
    the longest journey and the buffer apart (a longer gap is enough for any journey,
    on a route the table knows or not).

    Reads each attendee's bookings of ``intervals`` as the overlap sweep sorted them (by
    start, then end).
    """
    snapshot = context.snapshot
    presence = _presence(context, intervals)
    index_mask, everyone = _INDEX_MASK, _EVERYONE  # locals: read for every booking
    clearly_enough = _TransferBounds(context.table, context.buffer)
    short: dict[tuple[str, str], list[str]] = defaultdict(list)
    unknown: dict[tuple[str, str], list[str]] = defaultdict(list)
    pairs: dict[tuple[str, str], tuple[Interval, Interval, Transfer]] = {}
    for resource in (Resource.DELEGATION, Resource.PARTICIPANT):
        attendees = (
            snapshot.delegations if resource is Resource.DELEGATION else (snapshot.participants)
        )
        for attendee_id, rows in booked[resource].items():
            if len(rows) < 2:
                continue
            attendee = attendees.get(attendee_id)
            own_delegation = (
                attendee.delegation_id
                if resource is Resource.PARTICIPANT and attendee is not None
                else None
            )
            last: Interval | None = None
            for packed in rows:
                index = packed & index_mask
                tokyo_day = presence[index]
                if tokyo_day is None:  # nobody is there in person
                    continue
                interval = intervals[index]
                if interval.all_day:
                    continue  # its midnights are not hours anyone travels at
                if own_delegation is not None and own_delegation in interval.delegation_ids:
                    continue  # travels with the delegation, which is checked already
                if tokyo_day != everyone and (
                    attendee is None or not attendee.in_japan_on_day(tokyo_day)
                ):
                    continue  # joins a hybrid event from home
                if (
                    last is not None
                    and last.locality != interval.locality
                    and interval.start_s >= last.end_s
                    and not last.related(interval)
                    and not clearly_enough.between(last, interval)
                ):
                    transfer = check_transfer(
                        context.table,
                        last.locality or "",
                        interval.locality or "",
                        last.end,
                        interval.start,
                        context.buffer,
                    )
                    if (
                        not transfer.same_place
                        and not transfer.feasible
                        and transfer.available < _LONGEST_GAP + context.buffer
                    ):
                        key = (last.id, interval.id)
                        pairs[key] = (last, interval, transfer)
                        (short if transfer.known else unknown)[key].append(attendee_id)
                if last is None or interval.end_s >= last.end_s:
                    last = interval
    for key, met in short.items():
        before, after, transfer = pairs[key]
        assert transfer.route is not None
        attendee_ids = _in_named_order(context, met)
        names = _join([context.name(a) for a in attendee_ids])
        left = timezones.to_local(before.end, before.zone)
        arrive = timezones.to_local(after.start, after.zone)
        yield Conflict(
            ConflictKind.TRAVEL_TOO_SHORT,
            Severity.ERROR,
            _(
                "{names} cannot get from {before} in {before_city} (ends {left}) to {after} "
                "in {after_city} (starts {arrive}, {zone_city} time): the journey takes "
                "{journey} by {mode} plus a {buffer} buffer, but only {available} lies between"
            ).format(
                names=names,
                before=before.title,
                before_city=context.snapshot.place(before.locality),
                left=i18n.day_time_text(left),
                after=after.title,
                after_city=context.snapshot.place(after.locality),
                arrive=i18n.day_time_text(arrive),
                zone_city=zone_city(after.zone),
                journey=describe_duration(timedelta(minutes=transfer.route.minutes)),
                mode=mode_word(transfer.route.mode),
                buffer=describe_duration(context.buffer),
                available=describe_duration(transfer.available),
            ),
            (before.event_id, after.event_id),
            tuple(attendee_ids),
            before.end,
            (Meeting.of(before), Meeting.of(after)),
            days=_tokyo_days(context.clock, before.end_s, before.end_s),
        )
    for key, met in unknown.items():
        before, after, _transfer = pairs[key]
        attendee_ids = _in_named_order(context, met)
        names = _join([context.name(a) for a in attendee_ids])
        yield Conflict(
            ConflictKind.TRAVEL_UNKNOWN,
            Severity.WARNING,
            _(
                "No travel time is recorded between {before_city} and {after_city}, so "
                "it is unknown whether {names} can get from {before} to {after} "
                "({gap} between them); add the route to the travel-time table"
            ).format(
                before_city=context.snapshot.place(before.locality),
                after_city=context.snapshot.place(after.locality),
                names=names,
                before=before.title,
                after=after.title,
                gap=describe_duration(after.start - before.end),
            ),
            (before.event_id, after.event_id),
            tuple(attendee_ids),
            before.end,
            (Meeting.of(before), Meeting.of(after)),
            days=_tokyo_days(context.clock, before.end_s, before.end_s),
        )


def _in_named_order(context: _Context, attendee_ids: Sequence[str]) -> list[str]:
    """Delegations, then people, each by name: the sweep meets them in the order the
    snapshot first books them, which a range's snapshot starts later than the whole
    program's, and the finding must read the same in both."""
    delegations = context.snapshot.delegations
    return sorted(
        attendee_ids,
        key=lambda attendee_id: (
            attendee_id not in delegations,
            context.name(attendee_id),
            attendee_id,
        ),
    )


_EVERYONE = -(10**9)
"""Presence of an in-person event: every attendee listed is there."""

_LONGEST_GAP = LONGEST_JOURNEY
"""With this and the buffer between two meetings, any journey fits."""


def _presence(context: _Context, intervals: Sequence[Interval]) -> list[int | None]:
    """Who is at each interval's locality in person, by index into the intervals.

    None: nobody (a virtual event, or one without a locality). ``_EVERYONE``: every
    attendee (a face-to-face event). Otherwise a hybrid event, and the value is its day
    in Tokyo: only those in Japan that day are there in person. A person listed beside
    their own delegation travels with it and is checked with it.
    """
    clock = context.clock
    presence: list[int | None] = []
    for interval in intervals:
        if not interval.is_physical:
            presence.append(None)
        elif interval.is_in_person:
            presence.append(_EVERYONE)
        else:
            presence.append(clock.local_day(timezones.TOKYO, interval.start_s))
    return presence


class _TransferBounds:
    """Spares the exact transfer check between events plainly far enough apart.

    Times in whole seconds are within a second of the exact times, so a gap that
    exceeds the journey and the buffer by a second or more is enough in any case (the
    longest journey, on a route the table does not know); every other pair gets the
    exact check with datetimes.
    """

    __slots__ = ("_buffer_s", "_needed_s", "_table")

    def __init__(self, table: TravelTable, buffer: timedelta) -> None:
        self._table = table
        self._buffer_s = buffer.total_seconds()
        self._needed_s: dict[tuple[str | None, str | None], float] = {}

    def between(self, before: Interval, after: Interval) -> bool:
        key = (before.locality, after.locality)
        try:
            needed_s = self._needed_s[key]
        except KeyError:
            route = self._table.fastest(before.locality or "", after.locality or "")
            journey_s = _LONGEST_GAP.total_seconds() if route is None else route.minutes * 60
            needed_s = self._needed_s[key] = journey_s + self._buffer_s
        return after.start_s - before.end_s - 1 >= needed_s


# -- venue: capacity and opening hours ------------------------------------------------


def _headcount(context: _Context, interval: Interval) -> int:
    """Every member of each attending delegation, and each listed person once."""
    delegation_ids = interval.delegation_ids
    if not delegation_ids:
        return len(interval.participant_ids)
    member_counts = context.member_counts
    count = 0
    for delegation_id in delegation_ids:
        count += member_counts.get(delegation_id, 0)
    participants = context.snapshot.participants
    for participant_id in interval.participant_ids:
        participant = participants.get(participant_id)
        if participant is None or participant.delegation_id not in delegation_ids:
            count += 1
    return count


def _venue_problems(context: _Context) -> Iterator[Conflict]:
    venues = context.snapshot.venues
    for interval in context.snapshot.intervals:
        if interval.venue_id is not None:
            venue = venues.get(interval.venue_id)
            if venue is not None:
                yield from _venue_problems_of(context, interval, venue)


def _venue_problems_of(
    context: _Context, interval: Interval, venue: VenueInfo
) -> Iterator[Conflict]:
    if interval.mode is not EventMode.VIRTUAL:
        count = _headcount(context, interval)
        if count > venue.capacity:
            hybrid = interval.mode is EventMode.HYBRID
            yield Conflict(
                ConflictKind.OVER_CAPACITY,
                Severity.WARNING if hybrid else Severity.ERROR,
                (
                    _(
                        "{event} expects {count} people if all come in person "
                        "but {venue} holds {capacity}"
                    )
                    if hybrid
                    else _("{event} expects {count} people but {venue} holds {capacity}")
                ).format(
                    event=interval.title, count=count, venue=venue.name, capacity=venue.capacity
                ),
                (interval.event_id,),
                (venue.id,),
                _starting(interval, _days_of(context, interval)),
                (Meeting.of(interval),),
                days=_days_of(context, interval),
            )
    if not interval.all_day and not _within_opening_hours(context, interval, venue):
        yield Conflict(
            ConflictKind.OUTSIDE_OPENING_HOURS,
            Severity.ERROR,
            _(
                "{event} runs {when}, outside the opening hours of {venue} ({opens}-{closes})"
            ).format(
                event=interval.title,
                when=context.span_text(interval.start, interval.end, venue.zone),
                venue=venue.name,
                opens=f"{venue.opens_at:%H:%M}",
                closes=f"{venue.closes_at:%H:%M}",
            ),
            (interval.event_id,),
            (venue.id,),
            interval.start,
            (Meeting.of(interval),),
            days=_days_of(context, interval),
        )


def _within_opening_hours(context: _Context, interval: Interval, venue: VenueInfo) -> bool:
    """Within opening hours on each day: a multi-day event opens no earlier than the
    venue on its first day and closes no later than the venue on its last."""
    hours = context.opening_minutes.get(venue.id)
    if hours is None:
        hours = context.opening_minutes[venue.id] = (
            minutes_of(venue.opens_at),
            minutes_of(venue.closes_at),
        )
    opens, closes = hours
    start_s, end_s = interval.start_s, interval.end_s
    start_offset, end_offset = context.clock.offsets(venue.zone, start_s, end_s)
    if (start_s + start_offset) % 86_400 // 60 < opens:
        return False
    end_minute = (end_s + end_offset) % 86_400 // 60
    if end_minute == 0 and end_s > start_s:  # ends at midnight: the end of its day
        end_minute = 24 * 60
    return end_minute <= closes


# -- holidays ---------------------------------------------------------------------------


def _local_days(clock: LocalClock, interval: Interval, zone_name: str) -> range:
    """The local days (since 1970-01-01) an interval touches; an event ending at
    midnight does not touch the next day. An all-day event's days are its own dates, on
    every attendee's calendar whatever its zone (as its local times say)."""
    if interval.all_day:
        first, last = all_day_dates(interval)
        return range(date_to_day(first), date_to_day(last) + 1)
    return range(
        clock.local_day(zone_name, interval.start_s),
        clock.local_day(zone_name, interval.end_s - 1) + 1,
    )


def _holiday_on(context: _Context, country: str, day: int) -> str | None:
    key = (country, day)
    try:
        return context.holiday_names[key]
    except KeyError:
        name = context.holiday_names[key] = holidays.holiday_name(country, day_to_date(day))
        return name


def _has_japanese_side(context: _Context, interval: Interval) -> bool:
    """Whether Japan's holidays concern the meeting: its hosts' (:func:`hosted_in_japan`,
    the rule of the Local times too), or a Japanese attendee's."""
    venue = context.snapshot.venues.get(interval.venue_id or "")
    if hosted_in_japan(interval, venue.zone if venue is not None else None):
        return True
    attendee_of = context.snapshot.attendee
    for ids in (interval.delegation_ids, interval.participant_ids):
        for attendee_id in ids:
            attendee = attendee_of(attendee_id)
            if attendee is not None and attendee.country == JAPAN:
                return True
    return False


def _holiday_window(context: _Context, country: str) -> frozenset[int]:
    """The days (since 1970-01-01) within a day of one of the country's holidays."""
    window = context.holiday_windows.get(country)
    if window is None:
        days: set[int] = set()
        for year in context.years:
            for holiday in holidays.holidays_in(country, year):
                day = date_to_day(holiday)
                days.update((day - 1, day, day + 1))
        window = context.holiday_windows[country] = frozenset(days)
    return window


def _near(window: frozenset[int], first: int, last: int) -> bool:
    """Whether UTC days ``first`` to ``last`` touch the window: a cheap test that spares
    the exact local-date check on ordinary days."""
    return (
        first in window
        or last in window
        or (last > first + 1 and any(day in window for day in range(first + 1, last)))
    )


def _holiday_problems(context: _Context) -> Iterator[Conflict]:
    """Events within a day of a holiday (UTC days, a cheap test) are checked exactly."""
    japan = _holiday_window(context, JAPAN)
    home = {  # Japan's holidays are checked for everybody
        delegation_id: _holiday_window(context, delegation.country)
        for delegation_id, delegation in context.snapshot.delegations.items()
        if delegation.country and delegation.country != JAPAN
    }
    participants = context.snapshot.participants
    abroad = {  # the windows of the countries of participants, read once per country
        country: _holiday_window(context, country)
        for country in {person.country for person in participants.values()}
        if country and country != JAPAN
    }
    conferences = context.conference_delegations
    on_conferences = context.snapshot.conference_participants
    if on_conferences is None:  # the snapshot holds the whole program
        on_conferences = {  # whose holidays a conference reports, its sessions need not
            interval.event_id: interval.participant_ids
            for interval in context.snapshot.intervals
            if interval.event_id in conferences
        }
    for interval in context.snapshot.intervals:
        first = interval.start_s // 86_400
        last = (interval.end_s - 1) // 86_400
        named = interval.participant_ids
        if interval.ancestor_ids and not interval.ancestor_ids.isdisjoint(conferences):
            # A session: its conference reports Japan's holidays and its delegations',
            # and its own participants'; the session, those it names itself.
            for conference_id in interval.ancestor_ids:
                named = named - on_conferences.get(conference_id, frozenset())
            if named:
                yield from _participant_holidays_near(context, interval, named, abroad, set())
            continue
        if _near(japan, first, last) and _has_japanese_side(context, interval):
            yield from _japanese_holidays(context, interval)
        warned: set[tuple[str, int]] = set()
        if interval.delegation_ids:
            near_home_holiday = [
                delegation_id
                for delegation_id in interval.delegation_ids
                if delegation_id in home and _near(home[delegation_id], first, last)
            ]
            if near_home_holiday:
                yield from _home_holidays(context, interval, sorted(near_home_holiday), warned)
        if named:
            yield from _participant_holidays_near(context, interval, named, abroad, warned)


def _participant_holidays_near(
    context: _Context,
    interval: Interval,
    named: frozenset[str],
    abroad: Mapping[str, frozenset[int]],
    warned: set[tuple[str, int]],
) -> Iterator[Conflict]:
    """:func:`_participant_holidays` of the ``named`` participants within a day of a
    holiday of their country (``abroad``: the holiday windows of the countries other
    than Japan; UTC days, a cheap test)."""
    participants = context.snapshot.participants
    first = interval.start_s // 86_400
    last = (interval.end_s - 1) // 86_400
    near = [
        person_id
        for person_id in named
        if person_id in participants
        and (window := abroad.get(participants[person_id].country or "")) is not None
        and _near(window, first, last)
    ]
    if near:
        yield from _participant_holidays(context, interval, near, warned)


def _japanese_holidays(context: _Context, interval: Interval) -> Iterator[Conflict]:
    for day_number in _local_days(context.clock, interval, timezones.TOKYO):
        name = _holiday_on(context, JAPAN, day_number)
        if name:
            day = day_to_date(day_number)
            yield Conflict(
                ConflictKind.JAPANESE_HOLIDAY,
                Severity.WARNING,
                _("{event} falls on {holiday}, a public holiday in Japan ({day})").format(
                    event=interval.title, holiday=name, day=i18n.day_text(day)
                ),
                (interval.event_id,),
                (),
                _starting(interval, (day,)),
                (Meeting.of(interval),),
                days=(day,),
            )


def _home_holidays(
    context: _Context,
    interval: Interval,
    delegation_ids: Sequence[str],
    warned: set[tuple[str, int]],
) -> Iterator[Conflict]:
    """Each delegation's holidays at home on the meeting's dates there, the (country,
    date) of each kept in ``warned``."""
    for delegation_id in delegation_ids:
        delegation = context.snapshot.delegations[delegation_id]
        assert delegation.country is not None  # else its window would be empty
        for day_number in _local_days(context.clock, interval, delegation.zone):
            name = _holiday_on(context, delegation.country, day_number)
            if name is None:
                continue
            day = day_to_date(day_number)
            if not delegation.in_japan_on(day):  # a visit's days follow Japan's calendar
                warned.add((delegation.country, day_number))
                yield _holiday_at_home(context, interval, delegation, day, name)


def _participant_holidays(
    context: _Context,
    interval: Interval,
    participant_ids: Sequence[str],
    warned: set[tuple[str, int]],
) -> Iterator[Conflict]:
    """The holidays at home of the participants on a clock of their own (none of the
    meeting's delegations shares it, :func:`distinct_clocks`: a Bank economist in
    Washington on Memorial Day), as the meeting's local times warn of them: each
    (country, date) once, after its delegations' (``warned``). ``participant_ids``: those
    near a holiday of a country other than Japan, whose are :func:`_japanese_holidays`'."""
    snapshot = context.snapshot
    near = [snapshot.participants[person_id] for person_id in participant_ids]
    tokyo_day = japan_day(interval.start)
    named = snapshot.delegations
    attending = attending_delegations(interval, context.conference_delegations)
    delegations = [named[d] for d in sorted(attending) if d in named]
    people = sorted(near, key=lambda person: (person.name, person.id))
    for person in distinct_clocks([*delegations, *people], tokyo_day):
        if person.kind is not AttendeeKind.PARTICIPANT:
            continue
        assert person.country is not None  # only those with a country are near a holiday
        for day_number in _local_days(context.clock, interval, person.zone):
            name = _holiday_on(context, person.country, day_number)
            if name is None or (person.country, day_number) in warned:
                continue
            day = day_to_date(day_number)
            if person.in_japan_on(day):  # a visit's days follow Japan's calendar
                continue
            warned.add((person.country, day_number))
            yield _holiday_at_home(context, interval, person, day, name)


def _holiday_at_home(
    context: _Context, interval: Interval, attendee: Attendee, day: date, holiday: str
) -> Conflict:
    """The meeting falls on ``holiday``, ``day`` at the attendee's home (a delegation,
    or a participant on a clock of their own): found where the meeting falls on that
    date there, the Tokyo days of that part of it (:func:`_on_home_day`)."""
    assert attendee.country is not None  # a holiday is a country's
    when, days, part = _on_home_day(context, interval, day, attendee.zone)
    return Conflict(
        ConflictKind.DELEGATION_HOLIDAY,
        Severity.WARNING,
        _(
            "{event} falls on {holiday}, a public holiday in {country}, "
            "for {delegation} ({day} there)"
        ).format(
            event=interval.title,
            holiday=holiday,
            country=timezones.country_in_prose(attendee.country),
            delegation=attendee.name,
            day=i18n.day_text(day),
        ),
        (interval.event_id,),
        (attendee.id,),
        when,
        (Meeting.of(interval),),
        days=days,
        part=part,
    )


def _on_home_day(
    context: _Context, interval: Interval, day: date, zone_name: str
) -> tuple[datetime, tuple[date, ...], tuple[datetime, datetime] | None]:
    """When a meeting is first on ``day`` of a zone, the Tokyo days of its part on that
    day (a holiday at home is found where the meeting falls on it), and that part (UTC);
    an all-day meeting is on its own dates, which a range reads as they are, whole."""
    if interval.all_day:
        return _tokyo_midnight(day), (day,), None
    begins, ends = timezones.local_days(day, day, zone_name)
    start = max(interval.start, begins)
    end = min(interval.end, ends)
    days = _tokyo_days(context.clock, int(start.timestamp()), int(end.timestamp()))
    return start, days, (start, end)


# -- night sessions ---------------------------------------------------------------------


def _remote_attendees(context: _Context, interval: Interval) -> list[Attendee]:
    """Who joins a remote meeting: its delegations (a session naming none is for its
    conference's), then the participants not sitting with one of them."""
    delegations = context.snapshot.delegations
    participants = context.snapshot.participants
    delegation_ids = attending_delegations(interval, context.conference_delegations)
    return judged_for_nights(
        [delegations[d] for d in sorted(delegation_ids) if d in delegations],
        (participants[p] for p in sorted(interval.participant_ids) if p in participants),
    )


def _night_problems(context: _Context) -> Iterator[Conflict]:
    """Remote meetings at night on an attendee's clock, judged as
    :mod:`~cpp_scheduler.scheduling.attendance` says (:func:`judged_at_night`: sessions,
    not their conference; all-day blocks never; Tokyo's clock during a stay in Japan)."""
    conferences = context.conference_delegations
    clock = context.clock
    hosts = tdlc_host()
    for interval in context.snapshot.intervals:
        if not judged_at_night(interval, interval.event_id in conferences):
            continue
        start_s, end_s = interval.start_s, interval.end_s
        tokyo = local_span(clock, timezones.TOKYO, start_s, end_s)
        if span_part(tokyo, hosts.hours) is DayPart.NIGHT:
            yield _hosts_night(context, interval, hosts)
        if not (
            interval.delegation_ids
            or interval.participant_ids
            or (interval.ancestor_ids and conferences)
        ):
            continue
        tokyo_day = clock.local_day(timezones.TOKYO, start_s)
        spans: dict[str, LocalSpan] = {timezones.TOKYO: tokyo}  # calls share a few zones
        for attendee in _remote_attendees(context, interval):
            zone_name = clock_zone_on(attendee, tokyo_day)
            span = spans.get(zone_name)
            if span is None:
                span = spans[zone_name] = local_span(clock, zone_name, start_s, end_s)
            if span_part(span, attendee.hours) is DayPart.NIGHT:
                yield Conflict(
                    ConflictKind.NIGHT_SESSION,
                    Severity.WARNING,
                    _(
                        "{event} is at night for {attendee}: {when}, outside "
                        "its acceptable hours ({hours})"
                    ).format(
                        event=interval.title,
                        attendee=attendee.name,
                        when=context.span_text(
                            interval.start,
                            interval.end,
                            zone_name,
                            city=attendee.clock_city(zone_name),
                        ),
                        hours=attendee.hours.describe_acceptable(),
                    ),
                    (interval.event_id,),
                    (attendee.id,),
                    interval.start,
                    (Meeting.of(interval),),
                    days=_days_of(context, interval),
                )


def _hosts_night(context: _Context, interval: Interval, hosts: Attendee) -> Conflict:
    """A meeting joined from afar at night in Tokyo: TDLC is always in the room, hosting
    from Tokyo or a partner city's office on Japan's clock (the slot finder charges the
    host's night, the Local times colour the Tokyo row so)."""
    return Conflict(
        ConflictKind.NIGHT_SESSION,
        Severity.WARNING,
        _(
            "{event} is at night for the hosts in Tokyo: {when}, outside their acceptable "
            "hours ({hours})"
        ).format(
            event=interval.title,
            when=context.span_text(interval.start, interval.end, timezones.TOKYO),
            hours=hosts.hours.describe_acceptable(),
        ),
        (interval.event_id,),
        (),
        interval.start,
        (Meeting.of(interval),),
        days=_days_of(context, interval),
    )


# -- delegations' stay and study tours ------------------------------------------------


def _stay_problems(context: _Context) -> Iterator[Conflict]:
    """Only events attended in person (a delegation joins a hybrid session from home),
    by the delegations attending them: those named, or for a session naming none, its
    conference's (:func:`attending_delegations`, as the delegation's schedule and
    itinerary list it). A conference with sessions is judged by its sessions, never by
    its span."""
    conferences = context.conference_delegations
    for interval in context.snapshot.intervals:
        if not interval.is_in_person or interval.event_id in conferences:
            continue
        delegation_ids = attending_delegations(interval, conferences)
        if delegation_ids:
            yield from _stay_problems_of(context, interval, delegation_ids)


def _stay_problems_of(
    context: _Context, interval: Interval, delegation_ids: frozenset[str]
) -> Iterator[Conflict]:
    days = _local_days(context.clock, interval, timezones.TOKYO)
    for delegation_id in sorted(delegation_ids):
        delegation = context.snapshot.delegations.get(delegation_id)
        if delegation is None or delegation.arrival is None or delegation.departure is None:
            continue
        arrival, departure = date_to_day(delegation.arrival), date_to_day(delegation.departure)
        if days[0] < arrival:
            reason = _("before it arrives in Japan on {day}").format(
                day=i18n.day_text(delegation.arrival)
            )
            outside = [day_to_date(day) for day in days if day < arrival]
        elif days[-1] > departure:
            reason = _("after it leaves Japan on {day}").format(
                day=i18n.day_text(delegation.departure)
            )
            outside = [day_to_date(day) for day in days if day > departure]
        else:
            continue
        yield Conflict(
            ConflictKind.OUTSIDE_STAY,
            Severity.ERROR,
            _("{delegation} is expected at {event} on {day}, {reason}").format(
                delegation=delegation.name,
                event=interval.title,
                day=i18n.day_text(day_to_date(days[0])),
                reason=reason,
            ),
            (interval.event_id,),
            (delegation_id,),
            _starting(interval, outside),
            (Meeting.of(interval),),
            days=tuple(outside),
        )


# -- conferences' sessions --------------------------------------------------------------


def _session_problems(context: _Context) -> Iterator[Conflict]:
    """A session held on a day outside its conference's dates (moved, or given the
    wrong date): still the conference's, on every document that lists it, but on a day
    the conference's own dates do not announce. Judged against the innermost of its
    conferences whose dates are known (a conference that is a series has no one span),
    day by day in Tokyo, as findings are read."""
    spans = _conference_dates(context.snapshot)
    if not spans:
        return
    clock = context.clock
    for interval in context.snapshot.intervals:
        if not interval.ancestor_ids:
            continue
        holding = [spans[a] for a in interval.ancestor_ids if a in spans]
        if not holding:
            continue
        conference = min(holding, key=lambda c: (c.end_s - c.start_s, c.id))
        held = _local_days(clock, conference, timezones.TOKYO)
        outside = [
            day_to_date(day)
            for day in _local_days(clock, interval, timezones.TOKYO)
            if day not in held
        ]
        if not outside:
            continue
        yield Conflict(
            ConflictKind.SESSION_OUTSIDE_CONFERENCE,
            Severity.WARNING,
            _(
                "{session} is held on {days}, outside the dates of its conference "
                "{conference} ({dates})"
            ).format(
                session=interval.title,
                days=_dates(outside),
                conference=conference.title,
                dates=_date_range(day_to_date(held[0]), day_to_date(held[-1])),
            ),
            (interval.event_id,),
            (),
            _starting(interval, outside),
            (Meeting.of(interval),),
            days=tuple(outside),
        )


def _date_range(first: date, last: date) -> str:
    """``Tue 16 Feb 2027``; ``Mon 15 Feb to Tue 16 Feb 2027``: a conference's days."""
    if first == last:
        return i18n.day_text(first)
    return _("{first} to {last}").format(first=i18n.short_day_text(first), last=i18n.day_text(last))


def _conference_dates(snapshot: ProgramSnapshot) -> Mapping[str, Interval]:
    """Per conference with sessions that is not a series, its own span: as the
    snapshot's reader found it in the whole program, else from its intervals, which
    then hold the whole program."""
    if snapshot.conference_dates is not None:
        return snapshot.conference_dates
    conferences = conferences_of(snapshot)
    return {
        interval.event_id: interval
        for interval in snapshot.intervals
        if interval.event_id in conferences and interval.recurrence_id is None
    }


def _attended_days(context: _Context, delegation_ids: Collection[str]) -> dict[str, set[int]]:
    """The days each delegation has a meeting on, as its schedule and itinerary list them
    (:func:`~cpp_scheduler.scheduling.attendance.attended_by`: named, through a member,
    or a session of its conference, a conference it follows by its sessions not a block
    of days): a timed one on each Tokyo day it runs into (a tour's days are in Japan),
    an all-day one on its own dates, the same on every calendar."""
    snapshot = context.snapshot
    everything = replace(
        snapshot,
        intervals=(*snapshot.intervals, *snapshot.neighbours),  # the tours' whole days
        conferences=conferences_of(snapshot),
    )
    local_day = context.clock.local_day
    days: dict[str, set[int]] = {}
    for delegation_id, attended in attended_by(everything, delegation_ids).items():
        found = days[delegation_id] = set()
        for interval in attended:
            found.update(_days_in_japan(interval, local_day))
    return days


def _days_in_japan(interval: Interval, local_day: Callable[[str, int], int]) -> range:
    """The days (as day numbers) a meeting is on for a tour, whose days are in Japan: a
    timed one each Tokyo day it runs into, an all-day one its own dates, the same on
    every calendar (New York's Saturday is Saturday in Tokyo too)."""
    if interval.all_day:
        first, last = timezones.all_day_dates(interval.start, interval.end, interval.zone)
        return range(date_to_day(first), date_to_day(last) + 1)
    start = local_day(timezones.TOKYO, interval.start_s)
    return range(start, local_day(timezones.TOKYO, interval.end_s - 1) + 1)


def _tour_problems(context: _Context) -> Iterator[Conflict]:
    tours = context.snapshot.tours
    if not tours:
        return
    keys = {day_id for tour in tours for day_id in tour.day_ids.values()}
    attended = _attended_days(context, {tour.delegation_id for tour in tours})
    members = members_of(context.snapshot, {tour.delegation_id for tour in tours})
    busy_days: dict[str, set[int]] = defaultdict(set)
    local_day = context.clock.local_day
    snapshot = context.snapshot
    for interval in (*snapshot.intervals, *snapshot.neighbours):  # the tours' whole days
        if interval.tour_day_id not in keys:
            continue  # an activity filed under a day of a tour
        busy_days[interval.tour_day_id].update(_days_in_japan(interval, local_day))
    for tour in tours:
        delegation_name = context.name(tour.delegation_id)
        first, last = date_to_day(tour.start_date), date_to_day(tour.end_date)
        nights = {date_to_day(night) for night in tour.hotel_nights}
        missing = [day_to_date(day) for day in range(first, last) if day not in nights]
        if missing:
            yield Conflict(
                ConflictKind.NIGHT_WITHOUT_HOTEL,
                Severity.WARNING,
                ngettext(
                    "{tour} ({delegation}) has no hotel for the night of {days}",
                    "{tour} ({delegation}) has no hotel for the nights of {days}",
                    len(missing),
                ).format(tour=tour.title, delegation=delegation_name, days=_dates(missing)),
                (),
                (tour.id,),
                _tokyo_midnight(missing[0]),
                days=tuple(missing),
                within=_("No hotel booked for this night"),
            )
        planned = set(attended.get(tour.delegation_id, ()))
        planned.update(date_to_day(day) for day in tour.travel_days)
        for day_id in tour.day_ids.values():
            planned |= busy_days.get(day_id, set())
        empty = [day_to_date(day) for day in range(first, last + 1) if day not in planned]
        if empty:
            yield Conflict(
                ConflictKind.EMPTY_TOUR_DAY,
                Severity.WARNING,
                _("{tour} ({delegation}) has nothing planned on {days}").format(
                    tour=tour.title, delegation=delegation_name, days=_dates(empty)
                ),
                (),
                (tour.id,),
                _tokyo_midnight(empty[0]),
                days=tuple(empty),
            )
        yield from _tour_plan_problems(context, tour)
        yield from _activities_outside(context, tour)
        yield from _activities_not_attended(context, tour, members.get(tour.delegation_id))


# -- a study tour's legs, hotel nights and activities ------------------------------------


_LegProblem = tuple[ConflictKind, str, tuple[TourActivity, ...]]
"""The kind of a leg's problem, the words that end its sentence, the activities in it."""


def _tour_plan_problems(context: _Context, tour: TourInfo) -> Iterator[Conflict]:
    """Day by day, following where the delegation is: each leg departing that day (the
    first problem of a leg only), then whether the night's hotel is where the day ends.

    The days walked are the tour's and every other day a leg of it departs or an
    activity of it is held: an arrival flight the day before the tour begins moves the
    delegation as a leg within it does. The delegation starts where the first leg leaves
    from (Tokyo without legs); after a day with legs it is where the last one arrives,
    after a day without legs where that day's activities were held. A night's hotel is
    judged wherever the day's end is known: where its last leg arrives, or where the
    delegation is after a day without legs once a leg or an activity has placed it (a
    tour of no legs and no activities yet is placed nowhere: Tokyo is only a guess).
    An all-day activity has no hours a leg could run into and places nobody: it is
    left to :func:`_activities_outside`.
    """
    name = f"{tour.title} ({context.name(tour.delegation_id)})"
    nights = {night.night_of: night for night in tour.nights}
    timed = tuple(activity for activity in tour.activities if not activity.all_day)
    activities_on: dict[date, list[TourActivity]] = defaultdict(list)
    for activity in timed:
        activities_on[_tokyo_date(activity.start)].append(activity)
    legs_on: dict[date, list[TourLeg]] = defaultdict(list)
    for tour_leg in tour.legs:
        legs_on[_tokyo_date(tour_leg.departure)].append(tour_leg)
    tour_days = range(date_to_day(tour.start_date), date_to_day(tour.end_date) + 1)
    walked = sorted({*tour_days, *map(date_to_day, legs_on), *map(date_to_day, activities_on)})
    city = tour.legs[0].origin if tour.legs else zone_city(timezones.TOKYO)
    placed = bool(tour.legs)
    for day in map(day_to_date, walked):
        activities = activities_on.get(day, [])
        legs = legs_on.get(day, [])
        for leg in legs:
            problem = _leg_problem(context, leg, timed)
            if problem is None and leg.origin.casefold() != city.casefold():
                problem = (
                    ConflictKind.TOUR_LEG_INFEASIBLE,
                    _("leaves from {origin}, but the delegation is in {city}").format(
                        origin=context.snapshot.place(leg.origin),
                        city=context.snapshot.place(city),
                    ),
                    (),
                )
            if problem is not None:
                yield _leg_conflict(context, name, tour, leg, day, problem)
            city = leg.destination
        if not legs:
            for activity in activities:
                if activity.locality:
                    city = activity.locality
                    placed = True
        night = nights.get(day)
        if night is None or not placed or night.locality.casefold() == city.casefold():
            continue
        if legs:  # found when the day's last leg arrives, on its night and that day
            found_at = legs[-1].arrival
            days = tuple(sorted({day, _tokyo_date(found_at)}))
        else:  # found as the day's last activity ends, or as its night's day begins
            found_at = max((a.end for a in activities), default=_tokyo_midnight(day))
            days = (day,)
        yield Conflict(
            ConflictKind.HOTEL_IN_OTHER_CITY,
            Severity.ERROR,
            _(
                "{tour}: the hotel for the night of {day} ({hotel}) is in {locality}, "
                "but the day ends in {city}"
            ).format(
                tour=name,
                day=i18n.day_text(day),
                hotel=night.hotel,
                locality=context.snapshot.place(night.locality),
                city=context.snapshot.place(city),
            ),
            (),
            (tour.id, night.id),
            found_at,
            days=days,
            within=_("The hotel ({hotel}) is in {locality}, but the day ends in {city}").format(
                hotel=night.hotel,
                locality=context.snapshot.place(night.locality),
                city=context.snapshot.place(city),
            ),
        )


def _leg_conflict(
    context: _Context, name: str, tour: TourInfo, leg: TourLeg, day: date, problem: _LegProblem
) -> Conflict:
    """The finding of a leg's problem, dated when the leg sets out (``day``) and found
    on every day the leg is under way and every day of the activity it collides with:
    an overnight leg that lands into the next day's visit is that day's problem as much
    as the day before's, and its run sheet and a range of it alone must say so."""
    kind, reason, involved = problem
    days = {day, *_tokyo_dates(leg.departure, leg.arrival)}
    for activity in involved:
        days.update(_tokyo_dates(activity.start, activity.end))
    return Conflict(
        kind,
        Severity.WARNING if kind is ConflictKind.TOUR_LEG_UNKNOWN else Severity.ERROR,
        _("{tour}: the leg {origin} → {destination} on {when} {reason}").format(
            tour=name,
            origin=context.snapshot.place(leg.origin),
            destination=context.snapshot.place(leg.destination),
            when=_tokyo_span(leg.departure, leg.arrival),
            reason=reason,
        ),
        tuple(activity.event_id for activity in involved),
        (tour.id, leg.id),
        leg.departure,
        tuple(Meeting(a.event_id, None, a.start) for a in involved),
        days=tuple(sorted(days)),
        within=_("This leg {reason}").format(reason=reason),
    )


def _leg_problem(
    context: _Context, leg: TourLeg, activities: Sequence[TourActivity]
) -> _LegProblem | None:
    """The first thing wrong with a leg: a route the table does not know by the leg's
    mode, a journey by that mode longer than the leg, an activity during the leg, or a
    departure too soon (less than the buffer) after an activity that ends in another city.

    ``activities`` are the tour's whole, its timed ones: an overnight leg that arrives
    after the next day's visit has begun overlaps it as much as one within a day. The
    journey is the table's by the leg's own mode
    (:func:`~cpp_scheduler.scheduling.travel.leg_journey`, the tour builder's rule too):
    a leg booked by rail does not make the flight's time, and where the table knows the
    route by other modes only, the leg cannot be checked.
    """
    route = leg_journey(context.table, leg.origin, leg.destination, leg.mode)
    if route is None:
        known = context.table.modes(leg.origin, leg.destination)
        if not known:
            reason = _(
                "cannot be checked: the travel-time table does not know this route; add it "
                "to the table"
            )
        else:
            reason = _(
                "cannot be checked: the travel-time table knows this route by {modes} but "
                "not by {mode}; add it to the table"
            ).format(modes=_join([mode_word(mode) for mode in known]), mode=mode_word(leg.mode))
        return (ConflictKind.TOUR_LEG_UNKNOWN, reason, ())
    planned = leg.arrival - leg.departure
    needed = timedelta(minutes=route.minutes)
    if planned < needed:
        return (
            ConflictKind.TOUR_LEG_INFEASIBLE,
            _("is too short: {planned} planned, the journey takes {needed} by {mode}").format(
                planned=describe_duration(planned),
                needed=describe_duration(needed),
                mode=mode_word(route.mode),
            ),
            (),
        )
    for activity in activities:
        if activity.start < leg.arrival and leg.departure < activity.end:
            return (
                ConflictKind.TOUR_LEG_INFEASIBLE,
                _("overlaps '{activity}'").format(activity=activity.title),
                (activity,),
            )
        if (
            activity.end <= leg.departure
            and leg.departure - activity.end < context.buffer
            and activity.locality
            and activity.locality.casefold() != leg.origin.casefold()
        ):
            return (
                ConflictKind.TOUR_LEG_INFEASIBLE,
                _("leaves {gap} after '{activity}' ends in {city}").format(
                    gap=describe_duration(leg.departure - activity.end),
                    activity=activity.title,
                    city=context.snapshot.place(activity.locality),
                ),
                (activity,),
            )
    return None


def _activities_outside(context: _Context, tour: TourInfo) -> Iterator[Conflict]:
    """An activity filed under one of the tour's days but held before its first day or
    after its last (dragged there in the calendar): still the delegation's, and still
    listed by the tour's spreadsheet, but on no day of the tour, so it is said on the
    day it is held. That day is the tour board's: a timed activity's start's date in
    Tokyo, an all-day one's own first date (the same on every calendar), whose finding
    starts as that day begins in Tokyo, as every finding about whole days does."""
    name = f"{tour.title} ({context.name(tour.delegation_id)})"
    for activity in tour.activities:
        day, found_at, meeting_day = _activity_day(activity)
        if tour.start_date <= day <= tour.end_date:
            continue
        if day < tour.start_date:
            message = _(
                "{tour}: '{activity}' is filed under the tour but held on {day}, before its "
                "first day"
            )
            within = _("Filed under the tour but held on {day}, before its first day")
        else:
            message = _(
                "{tour}: '{activity}' is filed under the tour but held on {day}, after its last day"
            )
            within = _("Filed under the tour but held on {day}, after its last day")
        yield Conflict(
            ConflictKind.ACTIVITY_OUTSIDE_TOUR,
            Severity.WARNING,
            message.format(tour=name, activity=activity.title, day=i18n.day_text(day)),
            (activity.event_id,),
            (tour.id,),
            found_at,
            (Meeting(activity.event_id, None, activity.start, meeting_day),),
            days=(day,),
            within=within.format(day=i18n.short_day_text(day)),
        )


def _activities_not_attended(
    context: _Context, tour: TourInfo, members: frozenset[str] | None
) -> Iterator[Conflict]:
    """An activity filed under one of the tour's days that the delegation does not
    attend by the one rule of its program (:func:`is_delegations`: it names the
    delegation or a member of it, or is a session of a conference naming it): the tour's
    board shows it and counts its day as planned, while the delegation's schedule and
    itinerary leave it out. Said on the day it is held (the board's day, as
    :func:`_activities_outside` finds it)."""
    conferences = context.conference_delegations
    delegation = context.name(tour.delegation_id)
    for activity in tour.activities:
        attending = delegations_attending(
            activity.delegation_ids, activity.ancestor_ids, conferences
        )
        named = activity.participant_ids
        if is_delegations(tour.delegation_id, attending, named, members or frozenset()):
            continue
        day, found_at, meeting_day = _activity_day(activity)
        yield Conflict(
            ConflictKind.ACTIVITY_NOT_ATTENDED,
            Severity.WARNING,
            _(
                "{tour} ({delegation}): '{activity}' is filed under the tour but names neither "
                "{delegation} nor any of its members: its schedule and itinerary leave it out"
            ).format(tour=tour.title, delegation=delegation, activity=activity.title),
            (activity.event_id,),
            (tour.id,),
            found_at,
            (Meeting(activity.event_id, None, activity.start, meeting_day),),
            days=(day,),
            within=_("Filed under the tour, not attended by the delegation"),
        )


def _activity_day(activity: TourActivity) -> tuple[date, datetime, date | None]:
    """The day the tour board shows an activity on (a timed one's start's date in Tokyo,
    an all-day one's own first date, the same on every calendar), when a finding about it
    starts (its start, or that day's beginning in Tokyo), and the all-day date its
    meeting is named by (None for a timed one)."""
    if activity.all_day:
        day = timezones.all_day_dates(activity.start, activity.end, activity.zone)[0]
        return day, _tokyo_midnight(day), day
    return _tokyo_date(activity.start), activity.start, None


def _tokyo_date(instant: datetime) -> date:
    return timezones.to_local(instant, timezones.TOKYO).date()


def _tokyo_dates(start: datetime, end: datetime) -> tuple[date, ...]:
    """The Tokyo days from ``start`` up to ``end`` touch: a span ending at midnight is
    not on the day that midnight begins (a leg landing at 00:00 is not under way then)."""
    return _dates_between(_tokyo_date(start), _tokyo_date(max(start, end - _INSTANT)))


_INSTANT = timedelta(microseconds=1)


def _tokyo_midnight(day: date) -> datetime:
    """When a day begins in Tokyo: where a finding about that day (a tour's day or its
    night, an all-day meeting's date) is shown and sorted, as ranges are Tokyo days."""
    return timezones.day_start(day, timezones.TOKYO)


def _tokyo_span(start: datetime, end: datetime) -> str:
    """``Mon 08 Mar 13:00-14:00`` (``3月8日(月) 13:00-14:00``) in Tokyo time, as a tour
    is planned."""
    first = timezones.to_local(start, timezones.TOKYO)
    last = timezones.to_local(end, timezones.TOKYO)
    return timezones.span_text(first, last, day=i18n.short_day_text)


def _dates(days: Sequence[date]) -> str:
    return _join([i18n.short_day_text(day) for day in days[:-1]] + [i18n.day_text(days[-1])])
