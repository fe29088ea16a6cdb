"""Reading the program from the store into the engine's plain inputs.

One query per kind of record, relationships loaded eagerly, so a snapshot of thousands
of events costs a handful of round trips; series are expanded through
``Event.occurrences()`` with their moved and cancelled occurrences applied. Cancelled
events are left out: they clash with nothing. So are the sessions of a cancelled
conference, which are not held either, whatever their own status says.

A part of the program (a range of dates) is read with what the conflict check needs to
judge it as it judges the whole program (:func:`load_snapshot`), so that the window's
panel, ``cpp-scheduler conflicts --from --to`` and a day's run sheet say what the
check of the whole program says about those days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Column, ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, object_session, selectinload

from cpp_scheduler import limits, timezones
from cpp_scheduler.errors import SchedulerError, printable
from cpp_scheduler.i18n import _, shown_name
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    OccurrenceOverride,
    Participant,
    PartnerCity,
    StudyTour,
    TourDay,
    TravelLeg,
    TravelTime,
    Venue,
    recurrence,
)
from cpp_scheduler.model.event import (
    called_off,
    event_delegations,
    event_participants,
    locality_of,
)
from cpp_scheduler.model.event_filter import conferences_above, delegations_attending
from cpp_scheduler.model.tour import stay_in_japan
from cpp_scheduler.scheduling.inputs import (
    DEFAULT_HOURS,
    Attendee,
    AttendeeKind,
    Hours,
    Interval,
    ProgramSnapshot,
    Route,
    TourActivity,
    TourInfo,
    TourLeg,
    TourNight,
    VenueInfo,
    country_of_zone,
)
from cpp_scheduler.scheduling.travel import DEFAULT_BUFFER, LONGEST_JOURNEY
from cpp_scheduler.services.queries import (
    PartnerCityNames,
    read_partner_city_names,
    series_changes,
)
from cpp_scheduler.services.rows import place_key, typed_place_name


class NotFoundError(SchedulerError, LookupError):
    """A record named on the command line or in a dialog is not in the program."""


class DayOutOfRangeError(SchedulerError, ValueError):
    """A day asked for lies outside the days the program plans for."""


def check_program_day(what: str, day: date) -> None:
    """Refuse ``day`` unless the program plans for it (:func:`limits.day_in_range`), in
    the line the command line gives for a ``--from`` or ``--to`` beyond them, ``what``
    naming the day as the asker does ("First day").

    Asked before any part of the program is read for the day: a day near year 1 or 9999
    has no edges in a time zone, and one before 1900 would be read on clocks no calendar
    client shares.
    """
    if not limits.day_in_range(day):
        raise DayOutOfRangeError(
            _("{option} {day} is outside the days the program plans for ({days})").format(
                option=what, day=day.isoformat(), days=limits.describe_day_range()
            )
        )


TourSpans = dict[str, list[tuple[date, date]]]
"""Each delegation's study tours, as their first and last days, by the delegation's id."""


def tour_spans(session: Session, delegation_ids: Iterable[str] | None = None) -> TourSpans:
    """The days of each delegation's study tours (of these delegations, or of every one),
    read in one query, which widen its stay in Japan (:func:`stay_in_japan`)."""
    query = select(StudyTour.delegation_id, StudyTour.start_date, StudyTour.end_date)
    if delegation_ids is not None:
        query = query.where(StudyTour.delegation_id.in_(sorted(set(delegation_ids))))
    found: TourSpans = {}
    for delegation_id, first, last in session.execute(query):
        if first is not None and last is not None:
            found.setdefault(delegation_id, []).append((first, last))
    return found


def delegation_attendee(delegation: Delegation, tours: TourSpans) -> Attendee:
    """A delegation as the engine takes it; in Japan from its arrival to its departure
    and on its study tours' days (``tours``: :func:`tour_spans`)."""
    arrival, departure = stay_in_japan(
        delegation.arrival, delegation.departure, tours.get(delegation.id, ())
    )
    return Attendee(
        id=delegation.id,
        name=delegation.name,
        kind=AttendeeKind.DELEGATION,
        zone=delegation.zone,
        country=delegation.country,
        hours=_hours(delegation),
        arrival=arrival,
        departure=departure,
        home_city=delegation.home_city or "",
    )


def participant_attendee(participant: Participant, tours: TourSpans) -> Attendee:
    """A person keeps their delegation's hours, holidays and stay in Japan (``tours``:
    its study tours' days, :func:`tour_spans`), but their own clock when they join from
    elsewhere (then named by its zone, not by the delegation's home city)."""
    delegation = participant.delegation
    zone = participant.effective_zone
    arrival, departure = (
        stay_in_japan(delegation.arrival, delegation.departure, tours.get(delegation.id, ()))
        if delegation is not None
        else (None, None)
    )
    return Attendee(
        id=participant.id,
        name=participant.name,
        kind=AttendeeKind.PARTICIPANT,
        zone=zone,
        country=delegation.country if delegation is not None else country_of_zone(zone),
        hours=_hours(delegation) if delegation is not None else Hours(),
        delegation_id=participant.delegation_id,
        arrival=arrival,
        departure=departure,
        email=participant.email,
        home_city=(delegation.home_city or "")
        if delegation is not None and zone == delegation.zone
        else "",
    )


def _hours(delegation: Delegation) -> Hours:
    return Hours(
        delegation.work_start,
        delegation.work_end,
        delegation.acceptable_start,
        delegation.acceptable_end,
    )


def venue_info(venue: Venue) -> VenueInfo:
    """The venue as the engine reads it, named as the program's language names it (the
    engine's sentences about it: a room booked twice, over capacity, closed)."""
    return VenueInfo(
        id=venue.id,
        name=shown_name(venue.name, venue.name_ja),
        locality=venue.locality,
        zone=venue.zone,
        capacity=venue.capacity,
        opens_at=venue.opens_at,
        closes_at=venue.closes_at,
    )


def _ancestors(event_id: str, parents: dict[str, str | None]) -> frozenset[str]:
    return frozenset(conferences_above(event_id, parents))


def event_intervals(
    event: Event,
    ancestors: frozenset[str] = frozenset(),
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[Interval]:
    """One interval per occurrence of the event (one for a one-off event), optionally
    only those overlapping ``start``..``end``."""
    return _Meeting.of(event).intervals(ancestors, start, end)


@dataclass(frozen=True, slots=True)
class _Meeting:
    """An event as the snapshot reads it from the columns: what its intervals need of
    its entity, without one (a program's thousands of events, their links
    and a series' changes, read in a few column queries)."""

    event_id: str
    title: str
    start: datetime
    end: datetime
    zone: str
    kind: EventKind
    mode: EventMode
    venue_id: str | None
    locality: str | None
    delegation_ids: frozenset[str]
    participant_ids: frozenset[str]
    tour_day_id: str | None
    uid: str
    rule: str | None
    all_day: bool
    changes: tuple[recurrence.OccurrenceChange, ...]

    @classmethod
    def of(cls, event: Event) -> _Meeting:
        """The event's entity read as its columns would be (an event the window has
        loaded already: its local times)."""
        return cls(
            event.id,
            event.title,
            event.start_utc,
            event.end_utc,
            event.zone,
            event.kind,
            event.mode,
            event.venue_id,
            event.locality,
            frozenset(delegation.id for delegation in event.delegations),
            frozenset(participant.id for participant in event.participants),
            event.tour_day_id,
            event.uid,
            event.recurrence_rule,
            event.all_day,
            tuple(change.as_change() for change in event.changes),
        )

    def intervals(
        self,
        ancestors: frozenset[str],
        start: datetime | None,
        end: datetime | None,
        *,
        cancelled_alone: bool = False,
    ) -> list[Interval]:
        """One interval per meeting (one for a one-off event), optionally only those
        overlapping ``start``..``end``. ``cancelled_alone``: instead, the meetings of a
        series cancelled one by one (:func:`~cpp_scheduler.model.recurrence.cancelled_alone`)."""
        series = bool(self.rule)
        found = []
        meetings = (recurrence.cancelled_alone if cancelled_alone else recurrence.expand)(
            self.start, self.end, self.zone, self.rule, self.changes
        )
        for occurrence in meetings:
            if start is not None and occurrence.end <= start:
                continue
            if end is not None and occurrence.start >= end:
                continue
            key = self.event_id
            if series and occurrence.recurrence_id is not None:
                key = f"{self.event_id}/{occurrence.recurrence_id:%Y%m%dT%H%M%SZ}"
            found.append(
                Interval(
                    id=key,
                    event_id=self.event_id,
                    title=self.title,
                    start=occurrence.start,
                    end=occurrence.end,
                    zone=self.zone,
                    kind=self.kind,
                    mode=self.mode,
                    venue_id=self.venue_id,
                    locality=self.locality,
                    delegation_ids=self.delegation_ids,
                    participant_ids=self.participant_ids,
                    ancestor_ids=ancestors,
                    tour_day_id=self.tour_day_id,
                    uid=self.uid,
                    recurrence_id=occurrence.recurrence_id if series else None,
                    all_day=self.all_day,
                    moved=occurrence.moved,
                )
            )
        return found


def _meetings(session: Session, conditions: list[ColumnElement[bool]]) -> list[_Meeting]:
    """The events ``conditions`` choose, read by their columns: their place's locality
    (:func:`~cpp_scheduler.model.event.locality_of`), delegations, participants and a
    series' moved and cancelled meetings each in one query over the same choice."""
    chosen = select(Event.id).where(*conditions).scalar_subquery()
    venues: dict[str | None, str] = dict(session.execute(select(Venue.id, Venue.locality)).all())
    cities: dict[str | None, str] = dict(
        session.execute(select(PartnerCity.id, PartnerCity.name)).all()
    )
    delegations = _linked(
        session, event_delegations.c.event_id, event_delegations.c.delegation_id, chosen
    )
    participants = _linked(
        session, event_participants.c.event_id, event_participants.c.participant_id, chosen
    )
    changes = series_changes(session, chosen)
    nobody: frozenset[str] = frozenset()
    return [
        _Meeting(
            event_id,
            title,
            start,
            end,
            zone,
            kind,
            mode,
            venue_id,
            locality_of(mode, venues.get(venue_id), cities.get(city_id)),
            delegations.get(event_id, nobody),
            participants.get(event_id, nobody),
            tour_day_id,
            uid,
            rule,
            all_day,
            tuple(changes.get(event_id, ())),
        )
        for (
            event_id,
            title,
            start,
            end,
            zone,
            kind,
            mode,
            venue_id,
            city_id,
            tour_day_id,
            uid,
            rule,
            all_day,
        ) in session.execute(
            select(
                Event.id,
                Event.title,
                Event.start_utc,
                Event.end_utc,
                Event.zone,
                Event.kind,
                Event.mode,
                Event.venue_id,
                Event.city_id,
                Event.tour_day_id,
                Event.uid,
                Event.recurrence_rule,
                Event.all_day,
            ).where(*conditions)
        )
    ]


def _linked(
    session: Session, event_column: Column[str], linked_column: Column[str], chosen: Any
) -> dict[str, frozenset[str]]:
    """Per event ``chosen``, the records a link table ties it to."""
    found: dict[str, set[str]] = {}
    for event_id, linked in session.execute(
        select(event_column, linked_column).where(event_column.in_(chosen))
    ):
        found.setdefault(event_id, set()).add(linked)
    return {event_id: frozenset(ids) for event_id, ids in found.items()}


def load_snapshot(
    session: Session,
    start: datetime | None = None,
    end: datetime | None = None,
    *,
    neighbours: bool = True,
    buffer: timedelta = DEFAULT_BUFFER,
) -> ProgramSnapshot:
    """The program (or the part of it touching ``start``..``end``) as engine inputs.

    A part holds every meeting overlapping it in ``intervals`` and, with
    ``neighbours``, what the conflict check needs to judge it exactly as it judges the
    whole program: the meetings starting after it up to the longest journey and
    ``buffer`` past its end (where each of its attendees goes next), and up to the end
    of each study tour it touches, as the snapshot's ``neighbours``; the meetings of
    such a tour's days before ``start``, in ``intervals`` (a tour's findings about its
    days are shown on any of them, and judged over all of them); the study tours any
    of whose findings can fall in it, whole; which events of the whole program have
    sessions held, and the delegations they name. Nothing else before ``start`` is
    needed: any other finding is dated when what it judges begins. The journeys are
    read as far as a check with ``buffer`` needs; a range given a day's margin, as
    ``checking.check`` gives it, serves a buffer a day longer. ``neighbours=False``
    reads the part alone, for what the check does not judge.
    """
    parents: dict[str, str | None] = {
        event_id: parent_id
        for event_id, parent_id in session.execute(select(Event.id, Event.parent_id))
    }
    tours = _tours(session, start, end, parents)
    since, reach = start, end
    if end is not None and neighbours:
        reach = end + LONGEST_JOURNEY + buffer
    if neighbours:
        for tour in tours:  # its empty days are judged over all its days
            first, after = timezones.local_days(tour.start_date, tour.end_date, timezones.TOKYO)
            if since is not None:
                since = min(since, first)
            if reach is not None:
                reach = max(reach, after)
    held = [Event.status != EventStatus.CANCELLED]
    if since is not None:
        held.append(or_(Event.recurrence_rule.is_not(None), Event.end_utc > since))
    if reach is not None:
        # A meeting of a series may be moved before the series' first.
        held.append(
            or_(
                Event.start_utc < reach,
                and_(
                    Event.recurrence_rule.is_not(None),
                    Event.changes.any(OccurrenceOverride.start_utc < reach),
                ),
            )
        )
    off = called_off(session)
    intervals = [
        interval
        for meeting in _meetings(session, held)
        if meeting.event_id not in off
        for interval in meeting.intervals(_ancestors(meeting.event_id, parents), since, reach)
    ]
    intervals.sort(key=lambda interval: (interval.start_s, interval.id))
    ahead: list[Interval] = []
    if end is not None and reach != end:
        ahead = [interval for interval in intervals if interval.start >= end]
        intervals = [interval for interval in intervals if interval.start < end]
    holding = _holding_sessions(parents, off)
    stays = tour_spans(session)
    delegations = {d.id: delegation_attendee(d, stays) for d in session.scalars(select(Delegation))}
    participants = _participants(session, delegations)
    conferences = _conferences(session, holding)
    followed = None
    if start is not None or end is not None:
        followed = _followed_by_sessions(session, parents, off, conferences, participants)
    venues = session.scalars(select(Venue)).all()
    routes = session.scalars(select(TravelTime)).all()
    return _one_name_a_place(
        ProgramSnapshot(
            intervals=tuple(intervals),
            delegations=delegations,
            participants=participants,
            venues={v.id: venue_info(v) for v in venues},
            routes=tuple(Route(r.origin, r.destination, str(r.mode), r.minutes) for r in routes),
            tours=tuple(tours),
            neighbours=tuple(ahead),
            conferences=conferences,
            conference_dates=_conference_dates(session, holding),
            conference_participants=_conference_participants(session, holding),
            followed_by_sessions=followed,
        ),
        read_partner_city_names(session),
    )


def _one_name_a_place(
    snapshot: ProgramSnapshot, partner_cities: PartnerCityNames
) -> ProgramSnapshot:
    """``snapshot`` with each place a coordinator typed (venues' and events' localities,
    the travel-time table's routes, legs' ends, hotels' cities) under its one name
    (:func:`~cpp_scheduler.services.rows.place_key`), so the check compares and looks up
    神戸市 and Kobe as the one city they are; and the name each has in the check's
    sentences, as a document names it (:func:`~cpp_scheduler.services.rows.typed_place_name`)."""
    names: dict[str, str] = {}
    keys: dict[str, str] = {}  # thousands of meetings share a few dozen places

    def key(place: str) -> str:
        found = keys.get(place)
        if found is None:
            found = keys[place] = place_key(place, partner_cities)
            names.setdefault(found, typed_place_name(place, partner_cities))
        return found

    def located(interval: Interval) -> Interval:
        if interval.locality is None:
            return interval
        found = key(interval.locality)
        return interval if found == interval.locality else replace(interval, locality=found)

    def toured(tour: TourInfo) -> TourInfo:
        return replace(
            tour,
            legs=tuple(
                replace(leg, origin=key(leg.origin), destination=key(leg.destination))
                for leg in tour.legs
            ),
            nights=tuple(replace(night, locality=key(night.locality)) for night in tour.nights),
            activities=tuple(
                replace(activity, locality=key(activity.locality))
                if activity.locality is not None
                else activity
                for activity in tour.activities
            ),
        )

    return replace(
        snapshot,
        intervals=tuple(map(located, snapshot.intervals)),
        neighbours=tuple(map(located, snapshot.neighbours)),
        venues={
            venue_id: replace(venue, locality=key(venue.locality))
            for venue_id, venue in snapshot.venues.items()
        },
        routes=tuple(
            replace(route, origin=key(route.origin), destination=key(route.destination))
            for route in snapshot.routes
        ),
        tours=tuple(map(toured, snapshot.tours)),
        conference_dates=None
        if snapshot.conference_dates is None
        else {
            event_id: located(interval) for event_id, interval in snapshot.conference_dates.items()
        },
        place_names=names,
    )


def _participants(session: Session, delegations: dict[str, Attendee]) -> dict[str, Attendee]:
    """Every participant as :func:`participant_attendee` reads one, from its columns:
    a program's thousands of people are read without an entity each, and the members
    of a delegation share its hours."""
    found: dict[str, Attendee] = {}
    for participant_id, name, zone, delegation_id, email in session.execute(
        select(
            Participant.id,
            Participant.name,
            Participant.zone,
            Participant.delegation_id,
            Participant.email,
        )
    ):
        delegation = delegations.get(delegation_id) if delegation_id is not None else None
        if delegation is None:
            clock = zone or timezones.TOKYO
            found[participant_id] = Attendee(
                participant_id,
                name,
                AttendeeKind.PARTICIPANT,
                clock,
                country_of_zone(clock),
                DEFAULT_HOURS,
                delegation_id,
                email=email,
            )
        else:
            clock = zone or delegation.zone
            found[participant_id] = Attendee(
                participant_id,
                name,
                AttendeeKind.PARTICIPANT,
                clock,
                delegation.country,
                delegation.hours,
                delegation_id,
                delegation.arrival,
                delegation.departure,
                email,
                delegation.home_city if clock == delegation.zone else "",
            )
    return found


def _conferences(session: Session, found: set[str]) -> dict[str, frozenset[str]]:
    """Per event with a session held (at any depth, ``found``), the delegations it
    names: the whole program's, whatever part of it is read."""
    return _named_by(
        session, found, event_delegations.c.event_id, event_delegations.c.delegation_id
    )


def _conference_participants(session: Session, found: set[str]) -> dict[str, frozenset[str]]:
    """Per event with a session held (at any depth, ``found``), the participants it
    names: the whole program's, whatever part of it is read."""
    return _named_by(
        session, found, event_participants.c.event_id, event_participants.c.participant_id
    )


def _followed_by_sessions(
    session: Session,
    parents: dict[str, str | None],
    off: frozenset[str],
    conferences: dict[str, frozenset[str]],
    participants: dict[str, Attendee],
) -> dict[str, frozenset[str]]:
    """Per delegation, the events of the whole program it attends a held session of,
    by the schedule's rule (:func:`~cpp_scheduler.model.event_filter.is_delegations`:
    a session it attends, or one naming a member of it): whatever part of the program
    is read, the conferences it follows by their sessions rather than as a block."""
    followed: dict[str, set[str]] = {}
    held_sessions = [Event.status != EventStatus.CANCELLED, Event.parent_id.is_not(None)]
    for meeting in _meetings(session, held_sessions):
        if meeting.event_id in off or not _has_a_meeting(meeting):
            continue
        above = _ancestors(meeting.event_id, parents)
        attending = delegations_attending(meeting.delegation_ids, above, conferences)
        through = {
            person.delegation_id
            for person_id in meeting.participant_ids
            if (person := participants.get(person_id)) is not None
            and person.delegation_id is not None
        }
        for delegation_id in attending | through:
            followed.setdefault(delegation_id, set()).update(above)
    return {delegation_id: frozenset(ids) for delegation_id, ids in followed.items()}


def _has_a_meeting(meeting: _Meeting) -> bool:
    """Whether an event holds a meeting at all: a series may have every one cancelled
    alone (expanded only then: a series with none cancelled holds its first)."""
    if not meeting.rule or not any(change.cancelled for change in meeting.changes):
        return True
    return bool(
        recurrence.expand(meeting.start, meeting.end, meeting.zone, meeting.rule, meeting.changes)
    )


def _named_by(
    session: Session, found: set[str], event_column: Column[str], linked_column: Column[str]
) -> dict[str, frozenset[str]]:
    """Per event of ``found``, the records its link table (``event_column`` beside
    ``linked_column``) names."""
    named: dict[str, set[str]] = {event_id: set() for event_id in found}
    if found:
        for event_id, linked_id in session.execute(
            select(event_column, linked_column).where(event_column.in_(sorted(found)))
        ):
            named[event_id].add(linked_id)
    return {event_id: frozenset(ids) for event_id, ids in named.items()}


def _conference_dates(session: Session, found: set[str]) -> dict[str, Interval]:
    """Per event with a session held (``found``) that is not a series, its own span:
    the dates its sessions are judged against, whatever part of the program is read
    (a series has no one span to hold its sessions to)."""
    if not found:
        return {}
    rows = session.execute(
        select(
            Event.id, Event.title, Event.start_utc, Event.end_utc, Event.zone, Event.all_day
        ).where(Event.id.in_(sorted(found)), Event.recurrence_rule.is_(None))
    )
    return {
        row.id: Interval(
            id=row.id,
            event_id=row.id,
            title=row.title,
            start=row.start_utc,
            end=row.end_utc,
            zone=row.zone,
            all_day=row.all_day,
        )
        for row in rows
    }


def _holding_sessions(parents: dict[str, str | None], off: frozenset[str]) -> set[str]:
    """The events with a session held (not called off), at any depth."""
    found: set[str] = set()
    for event_id, parent_id in parents.items():
        if parent_id is not None and event_id not in off:
            found |= _ancestors(event_id, parents)
    return found


def holds_sessions(session: Session, event_id: str) -> bool:
    """Whether a session of ``event_id`` is held (at any depth): a conference the
    conflict check judges by its sessions, as :func:`load_snapshot` reads it."""
    parents: dict[str, str | None] = {
        child: parent for child, parent in session.execute(select(Event.id, Event.parent_id))
    }
    return event_id in _holding_sessions(parents, called_off(session))


def _tours(
    session: Session,
    start: datetime | None,
    end: datetime | None,
    parents: dict[str, str | None],
) -> list[TourInfo]:
    """The tours any of whose findings can fall in ``start``..``end``: those whose days
    touch it, those with a leg on its way then (a leg before the tour's first day or
    after its last included; a day's hotel is judged when its last leg arrives), and
    those with an activity held then (one dragged past the tour's days is found on the
    day it is held)."""
    activities_of = selectinload(StudyTour.days).selectinload(TourDay.events)
    query = select(StudyTour).options(
        activities_of.selectinload(Event.venue),
        activities_of.selectinload(Event.city),
        activities_of.selectinload(Event.delegations),
        activities_of.selectinload(Event.participants),
        selectinload(StudyTour.legs),
        selectinload(StudyTour.nights),
    )
    days, legs, activities = [], [], []
    if start is not None:
        days.append(StudyTour.end_date >= _tokyo_date(start))
        legs.append(TravelLeg.arrival_utc >= start)
        activities.append(Event.end_utc >= start)
    if end is not None:
        days.append(StudyTour.start_date <= _tokyo_date(end))
        legs.append(TravelLeg.departure_utc <= end)
        activities.append(Event.start_utc <= end)
    if days:
        query = query.where(
            or_(
                and_(*days),
                StudyTour.legs.any(and_(*legs)),
                StudyTour.days.any(TourDay.events.any(and_(*activities))),
            )
        )
    tours = []
    for tour in session.scalars(query).all():
        travel_days: set[date] = set()
        for leg in tour.legs:
            travel_days.add(_tokyo_date(leg.departure_utc))
            travel_days.add(_tokyo_date(leg.arrival_utc))
        tours.append(
            TourInfo(
                id=tour.id,
                title=tour.title,
                delegation_id=tour.delegation_id,
                start_date=tour.start_date,
                end_date=tour.end_date,
                day_ids={day.day: day.id for day in tour.days},
                hotel_nights=frozenset(night.night_of for night in tour.nights),
                travel_days=frozenset(travel_days),
                legs=tuple(
                    TourLeg(
                        leg.id,
                        leg.origin,
                        leg.destination,
                        str(leg.mode),
                        leg.departure_utc,
                        leg.arrival_utc,
                    )
                    for leg in tour.legs
                ),
                nights=tuple(
                    TourNight(night.id, night.night_of, night.hotel, night.locality)
                    for night in tour.nights
                ),
                activities=tuple(tour_activities(tour, parents)),
            )
        )
    return tours


def tour_activities(tour: StudyTour, parents: dict[str, str | None]) -> list[TourActivity]:
    """The events filed under the tour's days, by start: what a leg can overlap or leave
    too soon after, where a day without legs is spent, and what is held outside the
    tour's days. Cancelled ones are not held; an all-day one is flagged, for it has
    dates, not hours (midnight is not when anyone sets off): the engine keeps it out of
    the travel checks, as between events, and judges its dates against the tour's."""
    return sorted(
        (
            TourActivity(
                event.id,
                event.title,
                event.start_utc,
                event.end_utc,
                event.locality,
                event.zone,
                event.all_day,
                frozenset(delegation.id for delegation in event.delegations),
                frozenset(person.id for person in event.participants),
                _ancestors(event.id, parents),
            )
            for tour_day in tour.days
            for event in tour_day.events
            if not event.is_cancelled
        ),
        key=lambda activity: (activity.start, activity.event_id),
    )


def _tokyo_date(instant: datetime) -> date:
    return timezones.to_local(instant, timezones.TOKYO).date()


# -- looking records up by what a coordinator types ------------------------------------


def find_event(session: Session, uid_or_id: str) -> Event:
    event = session.scalars(
        select(Event)
        .options(
            selectinload(Event.delegations),
            selectinload(Event.participants).selectinload(Participant.delegation),
            selectinload(Event.venue),
            selectinload(Event.changes),
        )
        .where(named_event(uid_or_id))
    ).first()
    if event is None:
        raise no_event_named(uid_or_id)
    return event


def find_tour(session: Session, id_or_title: str) -> StudyTour:
    """A study tour by its id or its title, as every command and scope takes one. A
    title two tours share names neither (Lima's and Nairobi's "Peru study tour"): the
    refusal names each with its delegation and id, never one chosen unsaid."""
    tour = session.get(StudyTour, id_or_title)
    if tour is not None:
        return tour
    found = session.scalars(
        select(StudyTour)
        .where(StudyTour.title == id_or_title)
        .order_by(StudyTour.start_date, StudyTour.id)
    ).all()
    if len(found) == 1:
        return found[0]
    if found:
        which = "; ".join(f"{printable(t.delegation.name)}: {t.id}" for t in found)
        raise NotFoundError(
            _("{count} study tours are called '{name}' ({tours}); give its id").format(
                count=len(found), name=printable(id_or_title), tours=which
            )
        )
    titles = sorted(session.scalars(select(StudyTour.title)))
    known = "; ".join(printable(title) for title in titles) or _("the program has none")
    raise NotFoundError(
        _("no study tour is called '{name}' (study tours: {known})").format(
            name=printable(id_or_title), known=known
        )
    )


def named_event(uid_or_id: str) -> ColumnElement[bool]:
    """Which event a command or a dialog names: by its UID (as calendars know it) or its
    id (as the program file and the window do), whichever it was given."""
    return or_(Event.uid == uid_or_id, Event.id == uid_or_id)


def no_event_named(uid_or_id: str) -> NotFoundError:
    """The one refusal of an event named by a UID or an id the program does not hold."""
    return NotFoundError(
        _("No event has the UID or id '{uid}'.").format(uid=printable(uid_or_id.strip()))
    )


def event_attendees(event: Event) -> list[Attendee]:
    """The event's delegations (for a session naming none, its conferences', by name, as
    the conflict check takes them:
    :func:`~cpp_scheduler.model.event_filter.delegations_attending`), then its
    participants, as engine inputs."""
    conferences: list[Event] = []
    above = event.parent
    while above is not None and above not in conferences:
        conferences.append(above)
        above = above.parent
    named = {d.id: d for d in event.delegations}
    known = named | {d.id: d for conference in conferences for d in conference.delegations}
    attending = delegations_attending(
        frozenset(named),
        [conference.id for conference in conferences],
        {c.id: [d.id for d in c.delegations] for c in conferences},
    )
    delegations = (
        event.delegations
        if named
        else sorted((known[d] for d in attending), key=lambda delegation: delegation.name)
    )
    session = object_session(event)
    assert session is not None, "an event read in a session"
    whose = [d.id for d in delegations] + [p.delegation_id or "" for p in event.participants]
    stays = tour_spans(session, whose)
    return [delegation_attendee(d, stays) for d in delegations] + [
        participant_attendee(p, stays) for p in event.participants
    ]


def find_attendees(session: Session, names: Iterable[str]) -> list[Attendee]:
    """Delegations by name (any case) or participants by email, in the order given."""
    found: list[Attendee] = []
    for name in names:
        text = name.strip()
        delegation = session.scalars(
            select(Delegation).where(func.lower(Delegation.name) == text.lower())
        ).first()
        if delegation is not None:
            found.append(delegation_attendee(delegation, tour_spans(session, [delegation.id])))
            continue
        participant = session.scalars(
            select(Participant)
            .options(selectinload(Participant.delegation))
            .where(func.lower(Participant.email) == text.lower())
        ).first()
        if participant is not None:
            tours = tour_spans(session, [participant.delegation_id or ""])
            found.append(participant_attendee(participant, tours))
            continue
        raise NotFoundError(
            _("'{text}' is neither a delegation's name nor a participant's email address.").format(
                text=printable(text)
            )
        )
    return found


def find_venue(session: Session, name: str) -> VenueInfo:
    venue = session.scalars(
        select(Venue).where(func.lower(Venue.name) == name.strip().lower())
    ).first()
    if venue is None:
        known = ", ".join(session.scalars(select(Venue.name).order_by(Venue.name)).all())
        raise NotFoundError(
            _("No venue is called '{name}' (known: {known}).").format(
                name=printable(name), known=known
            )
        )
    return venue_info(venue)


def snapshot_for(session: Session, first: date, last: date) -> ProgramSnapshot:
    """The part of the program a slot search needs: events in the range (a day either
    side, for meetings that straddle a date line). The search gives days of the
    program's (:func:`check_program_day`), so the day either side is a date too."""
    begin, after = timezones.local_days(
        first - timedelta(days=1), last + timedelta(days=1), timezones.TOKYO
    )
    return load_snapshot(session, begin, after, neighbours=False)


@dataclass(frozen=True)
class NotHeld:
    """The meetings called off over some days, as a program of their own
    (:func:`read_not_held`): each event not held, and each meeting of a series going
    ahead that is cancelled alone."""

    program: ProgramSnapshot
    """The meetings, with the conferences they are sessions of read whole (held or not)."""
    events: frozenset[str]
    """The ids of every event not held (:func:`~cpp_scheduler.model.event.called_off`)."""
    meetings: frozenset[str]
    """The interval ids of the meetings cancelled alone, of series going ahead."""

    def called_off(self, interval: Interval) -> bool:
        """Whether ``interval`` (of :attr:`program`) is a meeting called off: not a
        conference going ahead that is read beside its sessions called off."""
        return interval.event_id in self.events or interval.id in self.meetings


def read_not_held(
    session: Session,
    program: ProgramSnapshot,
    start: datetime | None = None,
    end: datetime | None = None,
) -> NotHeld:
    """The meetings called off overlapping ``start``..``end`` (either may be open): the
    events not held (:func:`~cpp_scheduler.model.event.called_off`), and the meetings of a
    series going ahead that are cancelled alone, at the time its rule gives them.

    The engine's snapshot leaves them out (they clash with nothing), so a document that
    lists them in their slots reads them here, with the conferences they are sessions
    of (whole, held or not), whose delegations a session naming none is for; the
    attendees are ``program``'s. The engine's rules
    (:func:`~cpp_scheduler.scheduling.attendance.delegation_meetings`,
    :func:`~cpp_scheduler.scheduling.attendance.attending_delegations`) then say whose
    they were, as they say it of the meetings held; keep only those
    :meth:`NotHeld.called_off` (a conference read beside its sessions may be held)."""
    off = called_off(session)
    # The series with meetings cancelled alone: those going ahead, and those called off
    # since, whose meetings cancelled before are listed with the rest.
    alone = set(
        session.scalars(
            select(OccurrenceOverride.event_id).where(OccurrenceOverride.cancelled.is_(True))
        )
    )
    if not off and not alone:
        return NotHeld(_without_meetings(program, ()), off, frozenset())
    parents: dict[str, str | None] = {
        event_id: parent_id
        for event_id, parent_id in session.execute(select(Event.id, Event.parent_id))
    }
    above = {a for event_id in off | alone for a in conferences_above(event_id, parents)}
    query = (
        select(Event)
        .options(
            selectinload(Event.delegations),
            selectinload(Event.participants),
            selectinload(Event.changes),
        )
        .where(Event.id.in_(sorted(off | alone | above)))
    )
    if start is not None:
        query = query.where(
            or_(
                Event.id.in_(sorted(above)),
                Event.recurrence_rule.is_not(None),
                Event.end_utc > start,
            )
        )
    if end is not None:
        query = query.where(
            or_(
                Event.id.in_(sorted(above)),
                Event.recurrence_rule.is_not(None),
                Event.start_utc < end,
            )
        )
    intervals: list[Interval] = []
    cancelled: set[str] = set()
    for event in session.scalars(query):
        ancestors = frozenset(conferences_above(event.id, parents))
        if event.id in above:  # read whole: its sessions' delegations and title
            intervals.extend(event_intervals(event, ancestors))
        elif event.id in off:
            intervals.extend(event_intervals(event, ancestors, start, end))
        if event.id in alone and event.id not in above:
            meetings = _Meeting.of(event).intervals(ancestors, start, end, cancelled_alone=True)
            cancelled.update(meeting.id for meeting in meetings)
            intervals.extend(meetings)
    intervals.sort(key=lambda interval: (interval.start_s, interval.id))
    return NotHeld(_without_meetings(program, intervals), off, frozenset(cancelled))


def _without_meetings(program: ProgramSnapshot, intervals: Iterable[Interval]) -> ProgramSnapshot:
    """``program``'s people and places with ``intervals`` as its meetings, and nothing
    the engine derives from its meetings."""
    return replace(
        program,
        intervals=tuple(intervals),
        neighbours=(),
        conferences=None,
        conference_participants=None,
        followed_by_sessions=None,
    )
