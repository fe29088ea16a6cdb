"""A study tour as the tour builder lays it out: day by day, with the engine's findings.

The builder shows what is wrong with a tour exactly as the conflict check says it
(:func:`cpp_scheduler.scheduling.conflicts.find_conflicts`: the kinds of
:data:`~cpp_scheduler.scheduling.conflicts.TOUR_KINDS` about its plan, and whatever the
check finds of its activities): it computes nothing of its own, so the conflicts panel,
``cpp-scheduler conflicts`` and the board never disagree. The values that the builder's
undoable edits write are made here too, so the window only wraps them in commands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Problem,
    StudyTour,
    TourDay,
    TravelLeg,
    TravelMode,
    TravelTime,
    Venue,
)
from cpp_scheduler.model.event_filter import meeting_days, tour_date
from cpp_scheduler.scheduling.conflicts import TOUR_KINDS, Conflict, ConflictKind, find_conflicts
from cpp_scheduler.scheduling.inputs import Route
from cpp_scheduler.scheduling.travel import TravelTable, leg_journey
from cpp_scheduler.services.queries import PartnerCityNames, read_partner_city_names
from cpp_scheduler.services.rows import place_key, typed_place_name
from cpp_scheduler.services.snapshot import find_tour, load_snapshot
from cpp_scheduler.store import ConcurrentEditError, Database
from cpp_scheduler.store.session import hold_for_writing

TOKYO = timezones.TOKYO

NIGHT_KINDS = frozenset({ConflictKind.NIGHT_WITHOUT_HOTEL, ConflictKind.HOTEL_IN_OTHER_CITY})
"""The findings about a tour's night, said under the night on its day's card."""


@dataclass(frozen=True, slots=True)
class BoardEvent:
    id: str
    title: str
    kind: EventKind
    start: datetime
    end: datetime
    place: str
    """Where it is: its venue and the venue's city, named as the itinerary names the
    city (:func:`~cpp_scheduler.services.rows.typed_place_name`)."""
    version: int = 1
    """The version read, which a move of it carries."""
    all_day: bool = False
    """Held on whole days (its own dates), not at hours: the board says "All day"."""
    day: date | None = None
    """The day it is on: its start's date in Tokyo, or an all-day one's own first date."""
    problem: str | None = None
    """The check's sentence on the activity itself (held outside the tour's days), or
    None."""
    zone: str = timezones.TOKYO
    """The zone it is planned in, whose dates an all-day one is held on."""


@dataclass(frozen=True, slots=True)
class BoardLeg:
    id: str
    origin: str
    """The place of departure as typed, which the travel-time table knows it by."""
    destination: str
    mode: TravelMode
    departure: datetime
    arrival: datetime
    problem: str | None
    """The check's sentence on why the leg cannot work as planned, or None."""
    version: int = 1
    """The version read, which a move of it carries."""
    origin_name: str = ""
    """The place of departure as the itinerary names it
    (:func:`~cpp_scheduler.services.rows.typed_place_name`: 神戸市 in Japanese for a
    coordinator's Kobe); the typed place where empty."""
    destination_name: str = ""
    """The destination as the itinerary names it; the typed place where empty."""

    @property
    def route(self) -> str:
        """``東京 → 横浜市``: the leg's ends as the card and the itinerary name them."""
        return f"{self.origin_name or self.origin} → {self.destination_name or self.destination}"


@dataclass(frozen=True, slots=True)
class BoardDay:
    number: int
    day: date
    tour_day_id: str | None
    title: str
    """The day's heading, as the coordinator typed it."""
    city: str
    """Where the delegation is that day, ``東京 → 横浜市``, each place named as the
    itinerary names it (:func:`~cpp_scheduler.services.rows.typed_place_name`)."""
    events: tuple[BoardEvent, ...]
    legs: tuple[BoardLeg, ...]
    hotel: str | None
    """The night's hotel and its city (named as :attr:`city` names it), or None."""
    findings: tuple[Conflict, ...] = ()
    """What the conflict check finds wrong with this day of the tour: of its night,
    only about that night; on the first and last cards, also about the days before and
    after the tour (:func:`read_board`)."""
    tour_day_version: int | None = None
    """The version of the day's record as read (None without one)."""
    cancelled: tuple[BoardEvent, ...] = ()
    """The day's cancelled activities: the board leaves them out, but they belong to the
    day all the same, so a move of the day carries them with it."""
    outside_legs: tuple[BoardLeg, ...] = ()
    """The tour's legs that set out before its first day (on the first card: the
    arrival flight) or after its last (on the last card), shown with their dates as the
    itinerary and the tour's spreadsheet list them; a move of the day leaves them."""
    outside_events: tuple[BoardEvent, ...] = ()
    """The activities filed under the tour but held before its first day (on the first
    card) or after its last (on the last card), each with the check's finding; a move
    of the day leaves them."""
    places: tuple[str, ...] = ()
    """The places of :attr:`city` as typed, which the travel-time table and the venues
    know them by: where a new leg sets out from, which venues an activity is offered."""

    @property
    def held(self) -> tuple[BoardEvent, ...]:
        """Every activity that belongs to this day, shown or cancelled: what a move of
        the day moves."""
        return self.events + self.cancelled

    @property
    def empty(self) -> bool:
        """No activity and no leg on this day of the tour's own plan."""
        return not self.events and not self.legs

    @property
    def holds_nothing_to_move(self) -> bool:
        """No activity, cancelled or not, and no leg: a move of the day would carry
        nothing but its heading."""
        return not self.held and not self.legs

    @property
    def nothing_planned(self) -> bool:
        """The check finds nothing planned for the delegation on this day."""
        return self._finding(ConflictKind.EMPTY_TOUR_DAY) is not None

    @property
    def hotel_problem(self) -> str | None:
        """The check's sentence on this night's hotel being in another city, or None."""
        finding = self._finding(ConflictKind.HOTEL_IN_OTHER_CITY)
        return finding.said_within if finding is not None else None

    @property
    def night_findings(self) -> tuple[Conflict, ...]:
        """What the check finds wrong with this day's night: no hotel booked, or a
        hotel in another city than where the day ends."""
        return tuple(f for f in self.findings if f.kind in NIGHT_KINDS)

    @property
    def problems(self) -> list[str]:
        return [finding.message for finding in self.findings]

    def _finding(self, kind: ConflictKind) -> Conflict | None:
        return next((f for f in self.findings if f.kind is kind), None)


@dataclass(frozen=True, slots=True)
class TourBoard:
    tour_id: str
    title: str
    delegation_id: str
    delegation: str
    start: date
    end: date
    route: tuple[str, ...]
    """The places the legs visit in order, named as the itinerary names them."""
    days: tuple[BoardDay, ...]
    localities: tuple[tuple[str, str], ...] = field(default=())
    """The travel-time table's places a new leg's ends are chosen from, each as typed
    (what the leg saves and the table knows it by) and as the itinerary names it
    (:func:`travel_places`)."""
    venues: tuple[tuple[str, str, str, str], ...] = field(default=())
    """(id, name, locality, city) of every venue, for adding an activity: its locality
    as typed, and its city named as :attr:`BoardEvent.place` names it."""
    findings: tuple[Conflict, ...] = ()
    """Every finding of the conflict check on this tour's plan."""
    partner_cities: PartnerCityNames = ()
    """Every partner city's names as read with the board, which name the places a
    coordinator types (:meth:`place_name`)."""

    def place_name(self, place: str) -> str:
        """``place`` as typed (a leg's end) named as the board and the itinerary name
        it (:func:`~cpp_scheduler.services.rows.typed_place_name`), for the words that
        say what a change of the tour does: 神戸市 in Japanese for Kobe."""
        return typed_place_name(place, self.partner_cities)

    def travel_place(self, place: str) -> str | None:
        """The typed name of the travel-time table's place that ``place`` is (the same
        place however typed: :func:`~cpp_scheduler.services.rows.place_key`), which the
        leg form chooses for it; None when the table does not know the place."""
        key = place_key(place, self.partner_cities)
        return next(
            (
                typed
                for typed, _shown in self.localities
                if place_key(typed, self.partner_cities) == key
            ),
            None,
        )

    @property
    def route_line(self) -> str:
        return " → ".join(self.route) if self.route else _("No travel legs yet")

    def day(self, day: date) -> BoardDay:
        return next(card for card in self.days if card.day == day)

    def venue_for_day(self, day: date) -> str | None:
        """The venue an activity added on ``day`` is offered first: the first of the
        venues where the delegation is that day, its first place before the others (a
        day from Kobe to Toyama holds its activities in Kobe before the train), each
        place the same however typed (:func:`~cpp_scheduler.services.rows.place_key`:
        a venue in Kobe on a day typed 神戸市); None where no venue is there."""
        keys = [place_key(place, self.partner_cities) for place in self.day(day).places]
        for key in dict.fromkeys(keys):
            for venue_id, _name, locality, _city in self.venues:
                if place_key(locality, self.partner_cities) == key:
                    return venue_id
        return None

    def can_move(self, day: date, direction: int) -> bool:
        """Whether swapping ``day``'s program with the day before (-1) or after (+1)
        changes anything: that day is in the tour, and one of the two holds an activity
        or a leg, or their headings differ. Swapping nothing with nothing would leave an
        undo step that undoes nothing."""
        other = day + timedelta(days=direction)
        if not self.start <= day <= self.end or not self.start <= other <= self.end:
            return False
        first, second = self.day(day), self.day(other)
        return (
            not first.holds_nothing_to_move
            or not second.holds_nothing_to_move
            or first.title != second.title
        )

    @property
    def problem_count(self) -> int:
        return len(self.findings)

    @property
    def days_text(self) -> str:
        """How long the tour is ("1 day", "5 days"), as the tour builder's summary and
        ``cpp-scheduler tours TOUR`` say it."""
        return i18n.days_text(len(self.days))

    @property
    def fit_text(self) -> str:
        """ "⚠ 2 to fix", or "everything fits": what the conflict check finds of the
        tour's plan, as the tour builder's summary and ``tours TOUR`` say it."""
        problems = self.problem_count
        return _("⚠ {count} to fix").format(count=problems) if problems else _("everything fits")


# -- reading ------------------------------------------------------------------------------
def list_tours(database: Database) -> list[tuple[str, str]]:
    """Every study tour by first day: its id, and its title with its dates, and with its
    delegation where another tour has the same title (Lima's and Nairobi's "Peru study
    tour"), so that no two lines of the list read alike."""
    with database.session() as session:
        found = session.execute(
            select(
                StudyTour.id,
                StudyTour.title,
                StudyTour.start_date,
                StudyTour.end_date,
                Delegation.name,
            )
            .join(Delegation, Delegation.id == StudyTour.delegation_id)
            .order_by(StudyTour.start_date, StudyTour.id)
        ).all()
    shared = Counter(row.title for row in found)
    listed = []
    for row in found:
        period = i18n.period_text(row.start_date, row.end_date)
        whose = f"; {row.name}" if shared[row.title] > 1 else ""
        listed.append((row.id, f"{row.title} ({period}{whose})"))
    return listed


def no_tours_text() -> str:
    """What the study tours are where the program holds none: ``tours`` says it for
    its list, and the tour builder for its board."""
    return _("No study tours in the program yet.")


def find_tour_id(database: Database, id_or_title: str) -> str:
    """The id of the study tour with this id or title, or a one-line refusal."""
    with database.session() as session:
        return find_tour(session, id_or_title).id


def leg_minutes(database: Database, origin: str, destination: str, mode: TravelMode) -> int | None:
    """The table's journey time for a leg of the route by ``mode``, read as columns (the
    leg form asks at every change of its route); None where the table does not know the
    route by that mode, whatever it knows by another. The conflict check's own rule
    (:func:`~cpp_scheduler.scheduling.travel.leg_journey`), so the form offers the time
    the check then judges the leg by, its places under the check's names of them
    (:func:`~cpp_scheduler.services.rows.place_key`: 神戸市 is Kobe)."""
    with database.session() as session:
        cities = read_partner_city_names(session)
        routes = [
            Route(
                place_key(row.origin, cities),
                place_key(row.destination, cities),
                str(row.mode),
                row.minutes,
            )
            for row in session.execute(
                select(
                    TravelTime.origin, TravelTime.destination, TravelTime.mode, TravelTime.minutes
                )
            )
        ]
    journey = leg_journey(
        TravelTable.from_routes(routes),
        place_key(origin, cities),
        place_key(destination, cities),
        str(mode),
    )
    return journey.minutes if journey is not None else None


def travel_places(database: Database) -> list[tuple[str, str]]:
    """Every place of the travel-time table, once, as (typed, shown): the name it is
    typed under in the table, which a leg saves so the table finds its journey, and the
    name the itinerary gives it (:func:`~cpp_scheduler.services.rows.typed_place_name`),
    which a Japanese form shows (神戸市 for the table's Kobe). Ordered by the typed name;
    a place the table types two ways (Kobe, 神戸市) is offered once, under the first."""
    with database.reading() as session:
        return _travel_places(session, read_partner_city_names(session))


def _travel_places(session: Session, partner_cities: PartnerCityNames) -> list[tuple[str, str]]:
    typed = sorted(
        {
            place
            for row in session.execute(select(TravelTime.origin, TravelTime.destination))
            for place in row
        }
    )
    by_key: dict[str, str] = {}
    for place in typed:
        by_key.setdefault(place_key(place, partner_cities), place)
    return [(place, typed_place_name(place, partner_cities)) for place in by_key.values()]


def tour_findings(database: Database, tour_id: str) -> list[Conflict]:
    """What the conflict check finds wrong with one tour's plan, in its order."""
    with database.reading() as session:
        return _tour_findings(session, tour_id)


def _tour_findings(session: Session, tour_id: str) -> list[Conflict]:
    """The findings of the tour's plan (its legs, nights and days), and every finding
    about one of its activities, as the conflicts panel lists it: a visit the delegation
    cannot reach in time from the last, at a venue closed by then, a room booked twice.

    The program is read over the tour's days and those of its activities held outside
    them (a day either side, as every check reads its range), so the delegation's other
    events count for those days as they do in a check of the whole program."""
    tour = session.get(StudyTour, tour_id)
    if tour is None:
        raise SchedulerError(_("The study tour was deleted meanwhile."))
    spans = session.execute(
        select(Event.id, Event.start_utc, Event.end_utc)
        .join(TourDay, Event.tour_day_id == TourDay.id)
        .where(TourDay.tour_id == tour_id)
    ).all()
    activities = {span.id for span in spans}
    first, after = timezones.local_days(tour.start_date, tour.end_date, TOKYO)
    first = min([first, *(span.start_utc for span in spans)])
    after = max([after, *(span.end_utc for span in spans)])
    snapshot = load_snapshot(session, first - timedelta(days=1), after + timedelta(days=1))
    return [
        conflict
        for conflict in find_conflicts(snapshot)
        if (conflict.kind in TOUR_KINDS and conflict.record_ids[:1] == (tour_id,))
        or (conflict.kind not in TOUR_KINDS and not activities.isdisjoint(conflict.event_ids))
    ]


def read_board(database: Database, tour_id: str) -> TourBoard:
    """The tour day by day, each day with the check's findings about it, all read at one
    moment, with the version of every record a move of the board writes.

    A card holds the activities held on its day and the legs setting out on it. What
    the tour holds before its first day (the arrival flight, an activity dragged there)
    is on the first card, and what it holds after its last on the last, with its date,
    as the itinerary and the tour's spreadsheet list it on its own day. A card's
    findings are those of its day, a night's those of its own night alone (a hotel
    elsewhere is found on the day its last leg arrives too, which has a night of its
    own), and the first and last cards take those of the days before and after.
    """
    with database.reading() as session:
        findings = _tour_findings(session, tour_id)
        by_leg = {
            f.record_ids[1]: f.said_within
            for f in findings
            if f.kind in (ConflictKind.TOUR_LEG_INFEASIBLE, ConflictKind.TOUR_LEG_UNKNOWN)
        }
        tour = session.scalars(
            select(StudyTour)
            .options(
                selectinload(StudyTour.delegation),
                selectinload(StudyTour.days)
                .selectinload(TourDay.events)
                .selectinload(Event.venue)
                .selectinload(Venue.city),
                selectinload(StudyTour.days).selectinload(TourDay.events).selectinload(Event.city),
                selectinload(StudyTour.legs),
                selectinload(StudyTour.nights),
            )
            .where(StudyTour.id == tour_id)
        ).first()
        if tour is None:
            raise SchedulerError(_("The study tour was deleted meanwhile."))
        first_day, last_day = tour.start_date, tour.end_date
        by_date = {tour_day.day: tour_day for tour_day in tour.days}
        # Which activities a day holds: those of the tour's days on it (in Tokyo, an
        # all-day one on its own date), cancelled ones too; the board shows those that
        # are not cancelled.
        tour_events = sorted(
            (event for tour_day in tour.days for event in tour_day.events),
            key=lambda event: event.start_utc,
        )
        activity_ids = {event.id for event in tour_events}
        by_activity: dict[str, str] = {}
        for finding in findings:
            of_an_activity = finding.kind in (
                ConflictKind.ACTIVITY_OUTSIDE_TOUR,
                ConflictKind.ACTIVITY_NOT_ATTENDED,
            )
            if finding.kind in TOUR_KINDS and not of_an_activity:
                continue  # a leg's or a night's, said under it
            # Said on the line of the last of the tour's activities it names (the one
            # the delegation cannot reach in time, not the one it leaves), once.
            ours = [event_id for event_id in finding.event_ids if event_id in activity_ids]
            if ours and ours[-1] not in by_activity:
                by_activity[ours[-1]] = finding.said_within
        nights = {night.night_of: night for night in tour.nights}
        partner_cities = read_partner_city_names(session)

        def named(place: str) -> str:
            return typed_place_name(place, partner_cities)

        def board_leg(leg: TravelLeg) -> BoardLeg:
            return BoardLeg(
                leg.id,
                leg.origin,
                leg.destination,
                leg.mode,
                leg.departure_utc,
                leg.arrival_utc,
                by_leg.get(leg.id),
                leg.version,
                named(leg.origin),
                named(leg.destination),
            )

        def board_event(event: Event, problem: str | None = None) -> BoardEvent:
            return _board_event(event, _place(event, named), problem)

        def on_card(finding: Conflict, day: date) -> bool:
            if finding.kind is ConflictKind.HOTEL_IN_OTHER_CITY:
                night = nights.get(day)
                return night is not None and finding.record_ids[1:2] == (night.id,)
            return any(
                found == day
                or (found < first_day and day == first_day)
                or (found > last_day and day == last_day)
                for found in finding.days
            )

        legs_before = [leg for leg in tour.legs if tour_date(leg.departure_utc) < first_day]
        legs_after = [leg for leg in tour.legs if tour_date(leg.departure_utc) > last_day]
        held_outside = [
            event
            for event in tour_events
            if not event.is_cancelled and not first_day <= _activity_day(event) <= last_day
        ]
        city = tour.legs[0].origin if tour.legs else TOKYO.split("/")[-1]
        if legs_before:
            city = legs_before[-1].destination
        cards = []
        for number, day in enumerate(tour.dates(), start=1):
            tour_day = by_date.get(day)
            held = [e for e in tour_events if _activity_day(e) == day]
            events = [e for e in held if not e.is_cancelled]
            cancelled = [e for e in held if e.is_cancelled]
            legs = [leg for leg in tour.legs if _leg_day(leg.departure_utc) == day]
            where = [city]
            for leg in legs:
                if leg.destination not in where:
                    where.append(leg.destination)
            if legs:
                city = legs[-1].destination
            for event in events:
                if event.locality and not legs and not event.all_day:
                    city = event.locality
                    where = [city]
            night = nights.get(day)
            outside_legs = (legs_before if day == first_day else []) + (
                legs_after if day == last_day else []
            )
            outside_events = [
                event
                for event in held_outside
                if (day == first_day and _activity_day(event) < first_day)
                or (day == last_day and _activity_day(event) > last_day)
            ]
            cards.append(
                BoardDay(
                    number,
                    day,
                    tour_day.id if tour_day else None,
                    tour_day.title if tour_day else "",
                    " → ".join(dict.fromkeys(map(named, where))),
                    tuple(board_event(e, by_activity.get(e.id)) for e in events),
                    tuple(board_leg(leg) for leg in legs),
                    f"{night.hotel}, {named(night.locality)}" if night else None,
                    tuple(f for f in findings if on_card(f, day)),
                    tour_day.version if tour_day else None,
                    tuple(board_event(e) for e in cancelled),
                    tuple(board_leg(leg) for leg in outside_legs),
                    tuple(board_event(e, by_activity.get(e.id)) for e in outside_events),
                    tuple(where),
                )
            )
        venues = tuple(
            (v.id, _venue_name(v), v.locality, named(_venue_city(v)))
            for v in session.scalars(
                select(Venue).options(selectinload(Venue.city)).order_by(Venue.locality, Venue.name)
            )
        )
        return TourBoard(
            tour.id,
            tour.title,
            tour.delegation_id,
            tour.delegation.name,
            tour.start_date,
            tour.end_date,
            _stops(map(named, tour.route())),
            tuple(cards),
            tuple(_travel_places(session, partner_cities)),
            venues,
            tuple(findings),
            partner_cities,
        )


def _stops(places: Iterable[str]) -> tuple[str, ...]:
    """The route's places as named, a place once where two legs typed it otherwise
    (Kobe, then 神戸市) meet in it."""
    stops: list[str] = []
    for place in places:
        if not stops or stops[-1] != place:
            stops.append(place)
    return tuple(stops)


def _activity_day(event: Event) -> date:
    """The day of the tour an activity is on: its start's date in Tokyo, where a tour
    is planned, or an all-day one's own first date, the same on every calendar
    (:func:`~cpp_scheduler.model.event_filter.meeting_days`)."""
    return _day_of(event.start_utc, event.end_utc, event.zone, event.all_day)


def _day_of(start: datetime, end: datetime, zone: str, all_day: bool) -> date:
    """:func:`_activity_day` of an activity's columns."""
    return meeting_days(start, end, zone, all_day=all_day, clock=TOKYO)[0]


def _leg_day(departure: datetime) -> date:
    """The day of the tour a leg is on: the day it sets out, in Tokyo."""
    return tour_date(departure)


# -- what a move of a day read, and the check that the days still hold it ------------------
@dataclass(frozen=True, slots=True)
class DayRead:
    """What a day of the tour held as the board was read: every activity (cancelled
    too) and every leg setting out on it, by id with its name. A move of the day
    carries it, and is refused when the day holds anything else by then
    (:func:`check_days_as_read`)."""

    day: date
    activities: tuple[tuple[str, str], ...]
    """(id, title) of each activity."""
    legs: tuple[tuple[str, str], ...]
    """(id, route) of each leg."""


def day_read(card: BoardDay) -> DayRead:
    """What the board's ``card`` says its day holds."""
    return DayRead(
        card.day,
        tuple(sorted((event.id, event.title) for event in card.held)),
        tuple(sorted((leg.id, leg.route) for leg in card.legs)),
    )


class DayChangedError(ConcurrentEditError):
    """A day of the tour holds other activities or legs than the board read: a
    colleague added, moved or deleted one since. Nothing of the step is saved.

    The line says the fact alone, for every medium: the tour builder, which reads the
    board again at once, adds that the board shows the tour as it is now.

    Attributes:
        reason: the same, without the advice to reload (the builder reads the board
            again by itself).
        tour_deleted: the tour itself was deleted, rather than a day of it changed (the
            board read again shows no tour).
    """

    def __init__(
        self, message: str, record: str, reason: str, *, tour_deleted: bool = False
    ) -> None:
        super().__init__(message, record)
        self.reason = reason
        self.tour_deleted = tour_deleted


def _held_now(session: Session, tour_id: str, days: set[date]) -> dict[date, DayRead]:
    """What each of ``days`` holds now, by the board's rule (:func:`read_board`), read
    afresh from the rows, with the rows a colleague's save would add to or change held
    until the transaction ends: the tour's activities first (the records a move
    changes), then its days' records and the tour (which a new activity or leg refers
    to), so a colleague's addition meanwhile is either seen here or made after."""
    day_ids = list(session.scalars(select(TourDay.id).where(TourDay.tour_id == tour_id)))
    event_ids = list(session.scalars(select(Event.id).where(Event.tour_day_id.in_(day_ids))))
    hold_for_writing(session, Event.__table__, sorted(event_ids))  # type: ignore[arg-type]
    hold_for_writing(session, TourDay.__table__, sorted(day_ids))  # type: ignore[arg-type]
    hold_for_writing(session, StudyTour.__table__, [tour_id])  # type: ignore[arg-type]
    activities: dict[date, list[tuple[str, str]]] = {day: [] for day in days}
    rows = session.execute(
        select(Event.id, Event.title, Event.start_utc, Event.end_utc, Event.zone, Event.all_day)
        .join(TourDay, Event.tour_day_id == TourDay.id)
        .where(TourDay.tour_id == tour_id)
    )
    for event_id, title, start, end, zone, all_day in rows:
        day = _day_of(start, end, zone, all_day)
        if day in activities:
            activities[day].append((event_id, title))
    legs: dict[date, list[tuple[str, str]]] = {day: [] for day in days}
    partner_cities = read_partner_city_names(session)
    for leg_id, origin, destination, departure in session.execute(
        select(
            TravelLeg.id, TravelLeg.origin, TravelLeg.destination, TravelLeg.departure_utc
        ).where(TravelLeg.tour_id == tour_id)
    ):
        day = _leg_day(departure)
        if day in legs:
            route = (
                f"{typed_place_name(origin, partner_cities)} → "
                f"{typed_place_name(destination, partner_cities)}"
            )
            legs[day].append((leg_id, route))
    return {
        day: DayRead(day, tuple(sorted(activities[day])), tuple(sorted(legs[day]))) for day in days
    }


def _differences(read: DayRead, now: DayRead) -> list[str]:
    """What changed on a day since ``read``, in words: "'Kobe port visit' added", each
    title and route quoted (:func:`~cpp_scheduler.errors.quoted`: one line, however
    long or broken the colleague's title)."""
    said: list[str] = []
    for before, after, added, gone in (
        (read.activities, now.activities, _("{name} added"), _("{name} taken off")),
        (read.legs, now.legs, _("the leg {name} added"), _("the leg {name} taken off")),
    ):
        was, held = dict(before), dict(after)
        said += [added.format(name=quoted(name)) for key, name in after if key not in was]
        said += [gone.format(name=quoted(name)) for key, name in before if key not in held]
    return said


def check_days_as_read(database: Database, tour_id: str, read: Iterable[DayRead]) -> None:
    """Refuse a step of the tour builder (a day moved, or its undo) when one of the
    days it read holds other activities or legs now (:class:`DayChangedError`, one
    line that says what changed): the step would otherwise move only what the board
    showed, and split the day without a word. Within a step of several records it
    joins their transaction (:func:`~cpp_scheduler.services.editing.as_one_save`), and
    holds what it read until that ends (see :func:`_held_now`)."""
    wanted = {item.day: item for item in read}
    with database.transaction() as session:
        tour = session.get(StudyTour, tour_id)
        if tour is None:
            reason = _("the study tour was deleted meanwhile")
            raise DayChangedError(
                _("Nothing was changed: {reason}.").format(reason=reason),
                tour_id,
                reason,
                tour_deleted=True,
            )
        now = _held_now(session, tour_id, set(wanted))
        changed = [
            _("{day}: {changes}").format(
                day=i18n.short_day_text(day), changes=", ".join(_differences(wanted[day], now[day]))
            )
            for day in sorted(wanted)
            if _differences(wanted[day], now[day])
        ]
        if changed:
            reason = _("someone else changed the tour since the board was read ({changes})").format(
                changes="; ".join(changed)
            )
            raise DayChangedError(
                _("Nothing was moved: {reason}.").format(reason=reason), tour.label(), reason
            )


def _board_event(event: Event, place: str, problem: str | None = None) -> BoardEvent:
    return BoardEvent(
        event.id,
        event.title,
        event.kind,
        event.start_utc,
        event.end_utc,
        place,
        event.version,
        event.all_day,
        _activity_day(event),
        problem,
        event.zone,
    )


def _place(event: Event, named: Callable[[str], str]) -> str:
    """Where an activity is: the venue with its Japanese name, or the city; online only
    for a virtual one, and a face-to-face one with neither says its venue is not chosen
    yet (it is not online for that). The city is ``named`` as the itinerary names it."""
    venue = event.venue
    if venue is not None:
        return f"{_venue_name(venue)}, {named(_venue_city(venue))}"
    if event.mode is EventMode.VIRTUAL:
        return _("online")
    return named(event.locality) if event.locality else _("venue not chosen yet")


def _venue_name(venue: Venue) -> str:
    """A venue as the board names it, in the activities and in the venues an activity
    is offered alike: with its Japanese name, for a Japanese reader as for the driver."""
    return f"{venue.name} ({venue.name_ja})" if venue.name_ja else venue.name


def _venue_city(venue: Venue) -> str:
    """The city a venue is in as the itinerary takes it: its partner city's name, else
    its locality as typed."""
    return venue.city.name if venue.city is not None else venue.locality


# -- the values the builder's edits write --------------------------------------------------
def at_tokyo(day: date, clock: time) -> datetime:
    """``clock`` on ``day`` in Tokyo, in UTC (Tokyo keeps no daylight saving)."""
    return timezones.to_utc(datetime.combine(day, clock), TOKYO, timezones.Fold.EARLIER)


def tour_day_values(tour_id: str, day: date, title: str = "") -> dict[str, Any]:
    return {"tour_id": tour_id, "day": day, "title": title}


def activity_values(
    board: TourBoard,
    tour_day_id: str | None,
    day: date,
    kind: EventKind,
    title: str,
    start: time,
    minutes: int,
    venue_id: str | None,
) -> dict[str, Any]:
    """A site visit or workshop of the tour's delegation, in person, on ``day``."""
    begin = at_tokyo(day, start)
    return {
        "title": title,
        "kind": kind,
        "mode": EventMode.FACE_TO_FACE,
        "status": EventStatus.CONFIRMED,
        "start_utc": begin,
        "end_utc": begin + timedelta(minutes=minutes),
        "zone": TOKYO,
        "venue_id": venue_id,
        "tour_day_id": tour_day_id,
        "delegation_ids": [board.delegation_id],
    }


def activity_problems(
    board: TourBoard,
    day: date,
    kind: EventKind,
    title: str,
    start: time,
    minutes: int,
    venue_id: str | None,
) -> list[Problem]:
    """What the event's own rules find wrong with the activity the builder would add,
    so its form holds OK back for exactly what a save would refuse (a blank title)."""
    return _rule_problems(
        Event, activity_values(board, None, day, kind, title, start, minutes, venue_id)
    )


def leg_problems(
    tour_id: str,
    day: date,
    origin: str,
    destination: str,
    mode: TravelMode,
    departure: time,
    minutes: int,
) -> list[Problem]:
    """What the travel leg's own rules find wrong with the leg the builder would insert
    (the same place at both ends), so its form says so before anything is saved."""
    return _rule_problems(
        TravelLeg, leg_values(tour_id, day, origin, destination, mode, departure, minutes)
    )


def _rule_problems(
    entity_class: type[Event] | type[TravelLeg], values: dict[str, Any]
) -> list[Problem]:
    """The entity's rules on ``values``, judged on a record never added to a session."""
    columns = entity_class.__table__.columns
    record = entity_class(**{key: value for key, value in values.items() if key in columns})
    return record.problems()


def leg_values(
    tour_id: str,
    day: date,
    origin: str,
    destination: str,
    mode: TravelMode,
    departure: time,
    minutes: int,
) -> dict[str, Any]:
    """A leg leaving at ``departure`` (Tokyo) on ``day`` and taking ``minutes``."""
    leaves = at_tokyo(day, departure)
    return {
        "tour_id": tour_id,
        "origin": origin,
        "destination": destination,
        "mode": mode,
        "departure_utc": leaves,
        "arrival_utc": leaves + timedelta(minutes=minutes),
        "zone": TOKYO,
    }


def moved_event_values(event: BoardEvent, shift: timedelta, tour_day_id: str) -> dict[str, Any]:
    """An activity moved ``shift`` (whole days) to another day of its tour: a timed one
    by that much time; an all-day one by as many of its own dates, from the start of one
    day of its zone to the start of another (a day its zone's clocks change on is not 24
    hours long)."""
    if not event.all_day:
        start, end = event.start + shift, event.end + shift
    else:
        first, last = timezones.all_day_dates(event.start, event.end, event.zone)
        start, end = timezones.local_days(first + shift, last + shift, event.zone)
    return {"start_utc": start, "end_utc": end, "tour_day_id": tour_day_id}


def moved_leg_values(leg: BoardLeg, shift: timedelta) -> dict[str, Any]:
    return {"departure_utc": leg.departure + shift, "arrival_utc": leg.arrival + shift}
