"""The places and people the documents name, read in column queries by id, and the
travel legs between places as every printed document lists them: each end on its own
place's clock, on the day it sets out and again on each later day it is under way."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy import ColumnElement, Row, select
from sqlalchemy.orm import Session

from cpp_scheduler import i18n, timezones
from cpp_scheduler.documents.markup import escape, lines, split_address, time_span
from cpp_scheduler.i18n import _, shown_name
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventMode,
    EventStatus,
    PartnerCity,
    StudyTour,
    TravelLeg,
    TravelMode,
    Venue,
)
from cpp_scheduler.services.queries import PartnerCityNames
from cpp_scheduler.services.rows import both_names, locality_name, typed_place_name
from cpp_scheduler.store.seed import reference_data

TOKYO = timezones.TOKYO


@dataclass(frozen=True, slots=True)
class Place:
    """A venue as a visitor needs it: names and address in English and in Japanese."""

    id: str
    name: str
    name_ja: str
    address: str
    address_ja: str
    city: str
    """The venue's city (its partner city's name, else its locality)."""
    city_ja: str
    videoconference: bool
    booths: int
    city_contact: str
    """The partner city's contact person, ``Name <email>``, or empty."""

    @property
    def shown_name(self) -> str:
        """The name a document gives the venue: its Japanese one in Japanese."""
        return shown_name(self.name, self.name_ja)

    @property
    def shown_city(self) -> str:
        """The venue's city as a document names it in one name: in Japanese where it has
        the name (a partner city's, or Tokyo's, :func:`locality_name`)."""
        return shown_name(self.city, self.city_ja) if self.city_ja else locality_name(self.city)

    @property
    def both_city_names(self) -> str:
        """The venue's city in both names where it is a partner city
        (:func:`both_names`), else its locality as :func:`locality_name` names it."""
        return both_names(self.city, self.city_ja) if self.city_ja else locality_name(self.city)


@dataclass(frozen=True, slots=True)
class Office:
    """TDLC, as the cover of an itinerary names it (``resources/data/tdlc.json``)."""

    name: str
    name_ja: str
    address: str
    address_ja: str
    email: str


def read_event_details(
    session: Session, event_ids: Collection[str]
) -> dict[str, Row[str, str, str, str | None, str, str, EventStatus]]:
    """What a printed line tells of each event beyond its times and place: its video
    link, description, organiser, host city (both names) and status (a tentative
    meeting says so), by event id."""
    return {
        row.id: row
        for row in session.execute(
            select(
                Event.id,
                Event.video_link,
                Event.description,
                Event.organiser_id,
                PartnerCity.name.label("city"),
                PartnerCity.name_ja.label("city_ja"),
                Event.status,
            )
            .outerjoin(PartnerCity, Event.city_id == PartnerCity.id)
            .where(Event.id.in_(sorted(event_ids)))
        )
    }


def read_places(session: Session, venue_ids: Collection[str]) -> dict[str, Place]:
    """The venues with these ids, with their partner city's names and contact."""
    if not venue_ids:
        return {}
    rows = session.execute(
        select(
            Venue.id,
            Venue.name,
            Venue.name_ja,
            Venue.address,
            Venue.locality,
            Venue.videoconference,
            Venue.interpretation_booths,
            PartnerCity.name.label("city"),
            PartnerCity.name_ja.label("city_ja"),
            PartnerCity.contact_name,
            PartnerCity.contact_email,
        )
        .outerjoin(PartnerCity, Venue.city_id == PartnerCity.id)
        .where(Venue.id.in_(sorted(venue_ids)))
    ).all()
    places = {}
    for row in rows:
        english, japanese = split_address(row.address or "")
        contact = row.contact_name or ""
        if row.contact_email:
            contact = f"{contact} <{row.contact_email}>".strip()
        places[row.id] = Place(
            id=row.id,
            name=row.name,
            name_ja=row.name_ja or "",
            address=english,
            address_ja=japanese,
            city=row.city or row.locality,
            city_ja=row.city_ja or "",
            videoconference=bool(row.videoconference),
            booths=int(row.interpretation_booths or 0),
            city_contact=contact,
        )
    return places


def without_venue(mode: EventMode, city: str) -> str:
    """Where a meeting without a venue is, as the list of events names it: a virtual one
    is online (with its partner city, where it has one); a hybrid or face-to-face one
    is held in its city, or nowhere known yet ("-"), never online."""
    if mode is EventMode.VIRTUAL:
        return _("Online, with {city}").format(city=city) if city else _("Online")
    return city or "-"


def tdlc_office() -> Office:
    data = reference_data("tdlc")
    return Office(data["name"], data["name_ja"], data["address"], data["address_ja"], data["email"])


# -- travel legs --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrintedLeg:
    """A study tour's leg as a document lists it."""

    id: str
    origin: str
    """As typed, which :func:`leg_clocks` places on a clock."""
    destination: str
    mode: TravelMode
    departure: datetime
    """On Japan's clock, as every time of a day's table: the leg is listed on the date
    it leaves in Japan, in order with the day's meetings."""
    arrival: datetime
    """On Japan's clock."""
    leaves: datetime
    """The departure on the origin's clock, as the ticket gives it (:func:`leg_clocks`)."""
    arrives: datetime
    """The arrival on the destination's clock; on the leg's own clock where the program
    does not know the destination's (:attr:`destination_placed`)."""
    notes: str
    tour: str
    """The tour's title and its delegation's name, ``Peru study tour (Peru: ...)``, as
    the conflict check names a tour: a run sheet lists every delegation's legs."""
    shown_origin: str
    """The origin as the document names it: a partner city in the reader's language,
    as beside a venue (:func:`~cpp_scheduler.services.rows.typed_place_name`)."""
    shown_destination: str
    destination_placed: bool = True
    """Whether the program knows the destination's clock; where it does not, both ends
    name the clock they are read on, lest a reader take it for the local time there."""
    continued: bool = False
    """A leg still under way on a later day than its departure's (an overnight flight,
    a long-haul one landing the next day), listed again there as a meeting of several
    days is, lest the day read as free."""


def read_legs(
    session: Session, *criteria: ColumnElement[bool], partner_cities: PartnerCityNames
) -> list[PrintedLeg]:
    """The study tours' legs meeting ``criteria`` (on :class:`TravelLeg` and
    :class:`StudyTour`), by departure, each end read on the clock of its place as the
    travelling delegation's own legs and home place it (:meth:`PlaceClocks.of`) and
    named as the document names the place (``partner_cities``, read once for it)."""
    rows = session.execute(
        select(
            TravelLeg.id,
            TravelLeg.origin,
            TravelLeg.destination,
            TravelLeg.mode,
            TravelLeg.departure_utc,
            TravelLeg.arrival_utc,
            TravelLeg.zone,
            TravelLeg.notes,
            StudyTour.title,
            StudyTour.delegation_id,
            Delegation.name.label("delegation"),
            Delegation.home_city,
            Delegation.zone.label("home_zone"),
        )
        .join(StudyTour, TravelLeg.tour_id == StudyTour.id)
        .join(Delegation, StudyTour.delegation_id == Delegation.id)
        .where(*criteria)
        .order_by(TravelLeg.departure_utc, TravelLeg.id)
    ).all()
    if not rows:
        return []
    departures: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for departure in session.execute(
        select(StudyTour.delegation_id, TravelLeg.origin, TravelLeg.zone)
        .join(StudyTour, TravelLeg.tour_id == StudyTour.id)
        .where(StudyTour.delegation_id.in_(sorted({row.delegation_id for row in rows})))
    ):
        departures[departure.delegation_id].append((departure.origin, departure.zone))
    place_clocks = read_place_clocks(session)
    clocks = {
        row.delegation_id: place_clocks.of(
            row.home_city, row.home_zone, departures[row.delegation_id]
        )
        for row in rows
    }
    legs = []
    for row in rows:
        mode = TravelMode(row.mode)
        ends = leg_clocks(row.zone, mode, row.origin, row.destination, clocks[row.delegation_id])
        legs.append(
            PrintedLeg(
                row.id,
                row.origin,
                row.destination,
                mode,
                timezones.to_local(row.departure_utc, TOKYO),
                timezones.to_local(row.arrival_utc, TOKYO),
                timezones.to_local(row.departure_utc, ends.leaves),
                timezones.to_local(row.arrival_utc, ends.arrives),
                row.notes or "",
                f"{row.title} ({row.delegation})",
                typed_place_name(row.origin, partner_cities),
                typed_place_name(row.destination, partner_cities),
                destination_placed=ends.destination_placed,
            )
        )
    return legs


def leg_on(leg: PrintedLeg, day: date) -> PrintedLeg | None:
    """The leg as a day's table lists it on ``day`` (in Japan): itself on the day it
    sets out, again as :attr:`~PrintedLeg.continued` on each later day it is still
    under way (the delegation landing on Sunday afternoon does not read as having
    nothing planned), and not at all on another day. Landing at midnight, it is not
    under way on the day that midnight begins."""
    first = leg.departure.date()
    if day == first:
        return leg
    if first < day <= (leg.arrival - timedelta(microseconds=1)).date():
        return replace(leg, continued=True)
    return None


def leg_row(leg: PrintedLeg, day: date, notes: Sequence[str] = ()) -> list[str]:
    """The leg in ``day``'s table: its time in Japan in the table's first column, what it
    is (and ``notes``, HTML, under it), and the times a ticket gives, each on its own
    end's clock (named where either is not Japan's, so Auckland's 12:00 is not read as
    Tokyo's, and where the destination's clock is not known, so the leg's clock is not
    read as the local time there). A leg listed again on a later day says until when it
    is under way. Its route and its ticket's line name each end alike, a partner city
    as the document names it beside a venue (:attr:`PrintedLeg.shown_origin`)."""
    route = _("{mode}: {origin} to {destination}").format(
        mode=leg.mode.label, origin=leg.shown_origin, destination=leg.shown_destination
    )
    what = "<br>".join([f"<b>{escape(route)}</b>", *notes])
    if leg.notes:
        what += f"<br>{lines(leg.notes)}"
    named = not leg.destination_placed or any(
        local.utcoffset() != timezones.to_local(local, TOKYO).utcoffset()
        for local in (leg.leaves, leg.arrives)
    )
    when = time_span(leg.departure, leg.arrival)
    if leg.continued:
        when = f"<p>{escape(continued_when(day, leg.arrival))}</p>"
    backwards = leg.arrives.replace(tzinfo=None) <= leg.leaves.replace(tzinfo=None)
    arrival_dated = backwards or leg.arrives.date() not in (day, leg.leaves.date())
    return [
        when,
        what,
        escape(
            _("Departs {departs} from {origin}, arrives {arrives} in {destination}").format(
                departs=_leg_time(leg.leaves, day, named, dated=backwards),
                origin=leg.shown_origin,
                arrives=_leg_time(leg.arrives, day, named, dated=arrival_dated),
                destination=leg.shown_destination,
            )
        ),
    ]


def continued_when(day: date, end: datetime) -> str:
    """``(continued) until 08:00`` on the last day of a timed meeting or a leg;
    ``(continued) until Fri 02 Apr 08:00`` on a day before it, as an all-day event's
    later days name its last: the day reads as taken, and until when."""
    until = i18n.time_text(end) if end.date() == day else i18n.day_time_text(end)
    return _("(continued) until {end}").format(end=until)


def _leg_time(local: datetime, day: date, named: bool, *, dated: bool = False) -> str:
    """``12:00``; ``Sat 03 Apr 06:10`` on another date than the day it is listed on, or
    where ``dated``; ``12:00 NZDT`` with its clock ``named``.

    :func:`leg_row` dates the arrival also where its date is not the departure's (the
    row's day alone would leave the reader to guess which of the two it shares), and
    both ends where the arrival's wall clock reads no later than the departure's: a
    flight east over the date line lands "before" it leaves (Tokyo 21:00, Honolulu
    09:00 the same date), which only the dates beside the clocks make readable."""
    text = i18n.time_text(local) if local.date() == day and not dated else i18n.day_time_text(local)
    return f"{text} {timezones.clock_label(local)}" if named else text


GROUND_MODES = frozenset({TravelMode.RAIL, TravelMode.BUS, TravelMode.CAR})
"""Ways of travel that cannot leave Japan, an archipelago with no land border: such a
leg that sets out on Japan's clock arrives on it."""
ZONE_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
"""The areas of the time-zone database whose zones are named after a city (Asia/Manila,
America/Argentina/Buenos_Aires), unlike the legacy names (US/Pacific, Etc/GMT+3)."""


@dataclass(frozen=True, slots=True)
class LegClocks:
    """The zones a leg's departure and arrival are read on."""

    leaves: str
    arrives: str
    destination_placed: bool
    """False where the program does not know the destination's clock: ``arrives`` is
    then the leg's own clock, which the document names."""


def place_key(place: str) -> str:
    """A place's name as names are compared: case and surrounding spaces aside."""
    return place.strip().casefold()


def _unambiguous(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, str]:
    """Each named place with its zone, leaving out a name given two zones: the program
    cannot tell which of the two places a leg means."""
    zones: dict[str, set[str]] = {}
    for name, zone_name in pairs:
        if name and name.strip() and zone_name and timezones.is_zone(zone_name):
            zones.setdefault(place_key(name), set()).add(zone_name)
    return {name: next(iter(found)) for name, found in zones.items() if len(found) == 1}


@cache
def zone_database_cities() -> Mapping[str, str]:
    """The cities the time-zone database names its zones after, by name: Manila is on
    Asia/Manila's clock, Buenos Aires on America/Argentina/Buenos_Aires'."""
    return _unambiguous(
        (name.rsplit("/", 1)[-1].replace("_", " "), name)
        for name in timezones.all_zones()
        if name.split("/", 1)[0] in ZONE_AREAS
    )


@dataclass(frozen=True, slots=True)
class PlaceClocks:
    """The clocks the program's records put places on, read once for every delegation
    whose legs a document lists."""

    records: Mapping[str, str]
    """The partner cities and venues, on the zones their records hold (their names in
    English and Japanese, a venue's locality), by :func:`place_key`."""
    homes: Mapping[str, str]
    """The delegations' home cities, on their zones."""

    def of(
        self, home_city: str, home_zone: str, departures: Iterable[tuple[str, str]]
    ) -> dict[str, str]:
        """The clock of every place the program can put on one for a delegation, by
        :func:`place_key`.

        From the surest to the least sure, a surer source deciding for a name two give:
        the delegation's home city, on its home zone; the partner cities and venues; the
        cities the time-zone database names its zones after; the delegations' home
        cities; and the places the delegation's own legs set out from, on the leg's
        clock, which is its departure's (Manila, where the flight out leaves, for the
        flight home that lands there).
        """
        sources: list[Mapping[str, str]] = [
            _unambiguous([(home_city, home_zone)]),
            self.records,
            zone_database_cities(),
            self.homes,
            _unambiguous(departures),
        ]
        clocks: dict[str, str] = {}
        for source in reversed(sources):  # the surer last, over the others
            clocks.update(source)
        return clocks


def read_place_clocks(session: Session) -> PlaceClocks:
    """The clocks the partner cities, venues and delegations' home cities are on."""
    partner_cities = session.execute(
        select(PartnerCity.name, PartnerCity.name_ja, PartnerCity.zone)
    ).all()
    venues = session.execute(select(Venue.name, Venue.name_ja, Venue.locality, Venue.zone)).all()
    homes = session.execute(select(Delegation.home_city, Delegation.zone)).all()
    return PlaceClocks(
        _unambiguous(
            [
                *((name, row.zone) for row in partner_cities for name in (row.name, row.name_ja)),
                *(
                    (name, row.zone)
                    for row in venues
                    for name in (row.name, row.name_ja, row.locality)
                ),
            ]
        ),
        _unambiguous((row.home_city, row.zone) for row in homes),
    )


def leg_clocks(
    leg_zone: str,
    mode: TravelMode,
    origin: str,
    destination: str,
    clocks: Mapping[str, str],
) -> LegClocks:
    """The zones a leg's departure and arrival are read on, each at its own end.

    A leg holds one zone, the clock its times were planned on: its departure's. Each end
    is read on its place's clock where the program knows it (``clocks``, by
    :func:`place_key`: see :meth:`PlaceClocks.of`), so the flight home lands on Manila's
    clock whether the delegation's home city is Manila or Quezon City, and a flight
    planned on Auckland's clock lands in Tokyo on Japan's. A departure from a place the
    program does not know is on the leg's clock. An arrival there is on Japan's clock
    after a journey by rail or road from Japan (it cannot have left the country), and,
    with that clock named, after a journey from abroad (a delegation coming to Japan);
    otherwise it is read on the leg's clock, named too, never passed off as the local
    time there.
    """
    leaves = clocks.get(place_key(origin), leg_zone)
    arrives = clocks.get(place_key(destination))
    if arrives is None and mode in GROUND_MODES and leaves == TOKYO:
        arrives = TOKYO
    if arrives is None:
        # A journey from abroad to a place the program cannot place is a delegation
        # coming to Japan ("Narita Airport"), read on Japan's clock; from Japan, on the
        # leg's own. Either way the clock is named: it is not certainly the place's.
        return LegClocks(leaves, TOKYO if leaves != TOKYO else leg_zone, destination_placed=False)
    return LegClocks(leaves, arrives, destination_placed=True)
