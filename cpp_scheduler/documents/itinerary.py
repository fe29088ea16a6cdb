"""A delegation's itinerary: what it carries through Japan.

A cover (the delegation, its dates in Japan, whom to call at TDLC), then one section
per day of its stay and tours, and per day of a meeting in the weeks around them: each
meeting at its time in Japan (and at home, for a virtual or hybrid one on a day the
delegation is not in Japan; one of several days again on each later day listed that it
is on, all-day or timed, lest that day read as free), where it is in English and in
Japanese so that a taxi driver can read it, the travel legs, the hotel of the night, the
video link as text and as a QR code, and the notes written for participants. Which
meetings the delegation attends is the engine's rule
(:func:`cpp_scheduler.scheduling.attendance.delegation_meetings`), the one its schedule
and the conflict check follow; the days a meeting is on are the calendar's
(:func:`cpp_scheduler.model.event_filter.meeting_days`, on Japan's clock), the days its
schedule lists it on; a session of a tentative conference is tentative
(:func:`cpp_scheduler.model.event_filter.is_tentative`), as the programme says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cache

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from cpp_scheduler import i18n, timezones
from cpp_scheduler.documents.content import (
    ChangeStamp,
    PrintDocument,
    Section,
    ShouldStop,
    stop_if_asked,
)
from cpp_scheduler.documents.markup import (
    escape,
    lines,
    moved_marker,
    qr_data_uri,
    split_address,
    table,
    time_span,
)
from cpp_scheduler.documents.places import (
    Office,
    Place,
    read_event_details,
    read_places,
    tdlc_office,
    without_venue,
)
from cpp_scheduler.documents.stamp import read_change_stamp
from cpp_scheduler.i18n import _, shown_name
from cpp_scheduler.model import (
    Delegation,
    EventKind,
    EventMode,
    EventStatus,
    HotelNight,
    Participant,
    PartnerCity,
    StudyTour,
    TourDay,
    TravelLeg,
    TravelMode,
    Venue,
)
from cpp_scheduler.model.event_filter import is_tentative, meeting_days
from cpp_scheduler.scheduling.attendance import delegation_meetings
from cpp_scheduler.scheduling.conflicts import ConflictKind
from cpp_scheduler.scheduling.inputs import Attendee, Interval, japan_day, zone_city
from cpp_scheduler.scheduling.localtimes import LocalTime, all_day_text
from cpp_scheduler.services.snapshot import NotFoundError, load_snapshot
from cpp_scheduler.store import Database

TOKYO = timezones.TOKYO
LinksShown = dict[tuple[str, str], datetime]
"""(conference, video link) -> the start of the session that printed it with its code."""
AROUND_DAYS = 30
"""The itinerary also lists the delegation's meetings this many days before its arrival
and after its departure: the briefing before the tour, the follow-up after it."""


@dataclass(frozen=True, slots=True)
class ItineraryMeeting:
    """One meeting of the delegation, on Japan's clock (and home's, when it joins
    remotely)."""

    title: str
    kind: EventKind
    mode: EventMode
    start: datetime
    """Local time in Japan."""
    end: datetime
    at_home: tuple[LocalTime, LocalTime] | None
    """Start and end on the delegation's home clock, for a virtual or hybrid meeting on
    a day it is not in Japan (in Japan, it reads its meetings on Japan's clock)."""
    place: Place | None
    city: str
    """The partner city it is held in or with, as a document names it; empty for none."""
    video_link: str
    description: str
    """The agenda and anything participants should read (never the coordinators'
    notes)."""
    conference: str | None
    last_day: date | None = None
    """For an all-day event, its last day (the day it is listed under is its first): it
    has dates, not hours."""
    continued: bool = False
    """A meeting of several days listed again on a later day it is on, lest that day
    read as free; ``start`` is that day's midnight (``end`` is still its end)."""
    tentative: bool = False
    """Not confirmed yet, or a session of a conference not confirmed yet
    (:func:`~cpp_scheduler.model.event_filter.is_tentative`): the reader should not book
    travel around it."""
    on_until: date | None = None
    """The last day it is on (:func:`~cpp_scheduler.model.event_filter.meeting_days`,
    on Japan's clock; an all-day event's own last date), where that is a later day
    than the one it is listed under first."""
    moved: bool = False
    """A meeting of a series moved off the time its rule gives it (the engine's
    :attr:`~cpp_scheduler.model.recurrence.Occurrence.moved`): marked " (moved)" beside
    its time, as ``events list`` and the calendar mark it, lest a reader go by the
    series' usual day its description may name."""
    in_person: bool = False
    """Attended where it is held, face to face
    (:attr:`~cpp_scheduler.scheduling.inputs.Interval.is_in_person`): a delegation
    cannot join it from home, which is why the check reports one outside its stay."""
    outside_stay: bool = False
    """Attended in person on a day outside the delegation's stay in Japan (its arrival
    to its departure): the conflict check reports it as such, and so does the row."""


@dataclass(frozen=True, slots=True)
class ItineraryLeg:
    origin: str
    destination: str
    mode: TravelMode
    departure: datetime
    """On Japan's clock, as every time of the day's table: the leg is listed on the date
    it leaves in Japan, in order with the day's meetings."""
    arrival: datetime
    """On Japan's clock."""
    leaves: datetime
    """The departure on the origin's clock, as the ticket gives it (:func:`leg_clocks`)."""
    arrives: datetime
    """The arrival on the destination's clock; on the leg's own clock where the program
    does not know the destination's (:attr:`destination_placed`)."""
    notes: str
    destination_placed: bool = True
    """Whether the program knows the destination's clock; where it does not, both ends
    name the clock they are read on, lest a reader take it for the local time there."""
    continued: bool = False
    """A leg still under way on a later day than its departure's (an overnight flight,
    a long-haul one landing the next day), listed again there as a meeting of several
    days is, lest the day read as free."""


@dataclass(frozen=True, slots=True)
class ItineraryNight:
    hotel: str
    locality: str
    address: str
    address_ja: str


@dataclass(frozen=True, slots=True)
class ItineraryDay:
    day: date
    heading: str
    meetings: tuple[ItineraryMeeting, ...]
    legs: tuple[ItineraryLeg, ...]
    night: ItineraryNight | None


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    organisation: str
    email: str


@dataclass(frozen=True, slots=True)
class Itinerary:
    delegation: str
    country: str
    home_city: str
    home_zone: str
    interpretation: str
    first: date | None
    """First and last day in Japan (stay and tours together); None if it never comes."""
    last: date | None
    tours: tuple[str, ...]
    office: Office
    contacts: tuple[Contact, ...]
    """TDLC's staff who organise the delegation's meetings, most meetings first."""
    days: tuple[ItineraryDay, ...]
    stamp: ChangeStamp


def read_itinerary(database: Database, delegation: str) -> Itinerary:
    """The itinerary of the delegation named ``delegation`` (its name in any case, or
    its id), read in one session."""
    text = delegation.strip()
    with database.reading() as session:
        found = session.execute(
            select(
                Delegation.id,
                Delegation.name,
                Delegation.country,
                Delegation.zone,
                Delegation.home_city,
                Delegation.interpretation,
                Delegation.arrival,
                Delegation.departure,
            ).where(or_(func.lower(Delegation.name) == text.lower(), Delegation.id == text))
        ).first()
        if found is None:
            known = "; ".join(session.scalars(select(Delegation.name).order_by(Delegation.name)))
            raise NotFoundError(
                _("No delegation is called '{name}' (known: {known}).").format(
                    name=text, known=known or _("none yet")
                )
            )
        tours = session.execute(
            select(StudyTour.id, StudyTour.title, StudyTour.start_date, StudyTour.end_date)
            .where(StudyTour.delegation_id == found.id)
            .order_by(StudyTour.start_date)
        ).all()
        tour_ids = [tour.id for tour in tours]
        headings = {
            row.day: row.title
            for row in session.execute(
                select(TourDay.day, TourDay.title).where(TourDay.tour_id.in_(tour_ids))
            )
        }
        legs = session.execute(
            select(
                TravelLeg.origin,
                TravelLeg.destination,
                TravelLeg.mode,
                TravelLeg.departure_utc,
                TravelLeg.arrival_utc,
                TravelLeg.zone,
                TravelLeg.notes,
            )
            .where(TravelLeg.tour_id.in_(tour_ids))
            .order_by(TravelLeg.departure_utc)
        ).all()
        nights = session.execute(
            select(
                HotelNight.night_of, HotelNight.hotel, HotelNight.locality, HotelNight.address
            ).where(HotelNight.tour_id.in_(tour_ids))
        ).all()
        bounds = [d for d in (found.arrival, *(t.start_date for t in tours)) if d is not None]
        ends = [d for d in (found.departure, *(t.end_date for t in tours)) if d is not None]
        first = min(bounds) if bounds else None
        last = max(ends) if ends else None
        if first is not None and last is not None and last >= first:
            begin, after = timezones.local_days(
                first - timedelta(days=AROUND_DAYS), last + timedelta(days=AROUND_DAYS), TOKYO
            )
            program = load_snapshot(session, begin, after, neighbours=False)
        else:
            first = last = None
            program = load_snapshot(session)
        attended = delegation_meetings(program, found.id)
        event_ids = sorted({m.interval.event_id for m in attended})
        above = {a for m in attended for a in m.interval.ancestor_ids}
        details = read_event_details(session, {*event_ids, *above})
        places = read_places(
            session, {m.interval.venue_id for m in attended if m.interval.venue_id}
        )
        organised = Counter(
            details[i].organiser_id for i in event_ids if details[i].organiser_id is not None
        )
        people = {
            row.id: Contact(row.name, row.organisation or "", row.email)
            for row in session.execute(
                select(
                    Participant.id, Participant.name, Participant.organisation, Participant.email
                ).where(Participant.id.in_(list(organised)))
            )
        }
        clocks = _known_clocks(
            session, found.home_city, found.zone, [(leg.origin, leg.zone) for leg in legs]
        )
        stamp = read_change_stamp(session)

    attendee = program.delegations.get(found.id)
    meetings_by_day: dict[date, list[ItineraryMeeting]] = {}
    status_of = {event: detail.status for event, detail in details.items()}
    for meeting in attended:
        interval = meeting.interval
        start = timezones.to_local(interval.start, TOKYO)
        detail = details[interval.event_id]
        day, on_until = meeting_days(
            interval.start, interval.end, interval.zone, all_day=interval.all_day, clock=TOKYO
        )
        last_day = None
        if interval.all_day:  # its own dates, on every clock; first in its day
            last_day = on_until
            start = datetime.combine(day, time(), timezones.zone(TOKYO))
        meetings_by_day.setdefault(day, []).append(
            ItineraryMeeting(
                title=interval.title,
                kind=interval.kind,
                mode=interval.mode,
                start=start,
                end=timezones.to_local(interval.end, TOKYO),
                at_home=_at_home(interval, attendee, found.zone),
                place=places.get(interval.venue_id) if interval.venue_id else None,
                city=shown_name(detail.city, detail.city_ja or "") if detail.city else "",
                video_link=detail.video_link or "",
                description=detail.description or "",
                conference=meeting.conference.title if meeting.conference is not None else None,
                last_day=last_day,
                tentative=is_tentative(interval.event_id, interval.ancestor_ids, status_of),
                on_until=on_until if on_until > day else None,
                moved=interval.moved,
                in_person=interval.is_in_person,
                outside_stay=interval.is_in_person
                and found.id in interval.delegation_ids
                and _outside_stay(day, on_until, found.arrival, found.departure),
            )
        )
    legs_by_day: dict[date, list[ItineraryLeg]] = {}
    home_city = found.home_city or zone_city(found.zone)
    for leg in legs:
        departure = timezones.to_local(leg.departure_utc, TOKYO)
        leg_ends = leg_clocks(leg.zone, TravelMode(leg.mode), leg.origin, leg.destination, clocks)
        legs_by_day.setdefault(departure.date(), []).append(
            ItineraryLeg(
                leg.origin,
                leg.destination,
                TravelMode(leg.mode),
                departure,
                timezones.to_local(leg.arrival_utc, TOKYO),
                timezones.to_local(leg.departure_utc, leg_ends.leaves),
                timezones.to_local(leg.arrival_utc, leg_ends.arrives),
                leg.notes or "",
                destination_placed=leg_ends.destination_placed,
            )
        )
    night_of = {}
    for night in nights:
        english, japanese = split_address(night.address or "")
        night_of[night.night_of] = ItineraryNight(night.hotel, night.locality, english, japanese)

    stay: set[date] = set()
    if first is not None and last is not None:
        stay = {first + timedelta(days=n) for n in range((last - first).days + 1)}
    # A long flight may leave the day before the stay begins in Japan: its day is listed.
    dates = sorted(stay | set(meetings_by_day) | set(legs_by_day))
    continuing = _continuations(meetings_by_day, dates)
    legs_continuing = _leg_continuations(legs_by_day, dates)
    days = tuple(
        ItineraryDay(
            day=day,
            heading=headings.get(day, "")
            or (_("from home") if _from_home(day, stay, meetings_by_day) else ""),
            meetings=(*continuing.get(day, ()), *meetings_by_day.get(day, ())),
            legs=(*legs_continuing.get(day, ()), *legs_by_day.get(day, ())),
            night=night_of.get(day),
        )
        for day in dates
    )
    return Itinerary(
        delegation=found.name,
        country=timezones.country_name(found.country or "") or found.country,
        home_city=home_city,
        home_zone=found.zone,
        interpretation=found.interpretation or "",
        first=first,
        last=last,
        tours=tuple(tour.title for tour in tours),
        office=tdlc_office(),
        contacts=tuple(people[p] for p, _count in organised.most_common() if p in people),
        days=days,
        stamp=stamp,
    )


def _at_home(
    interval: Interval, attendee: Attendee | None, home_zone: str
) -> tuple[LocalTime, LocalTime] | None:
    """A virtual or hybrid meeting's start and end on the home clock; none for one
    on a day the delegation is in Japan, which it reads on Japan's clock (the engine's
    rule, :meth:`~cpp_scheduler.scheduling.inputs.Attendee.in_japan_on`), nor for an
    all-day one, whose dates are the same at home."""
    if interval.all_day or interval.mode is EventMode.FACE_TO_FACE:
        return None
    if attendee is not None and attendee.in_japan_on(japan_day(interval.start)):
        return None
    return (
        LocalTime.of(interval.start, home_zone, interval.zone),
        LocalTime.of(interval.end, home_zone, interval.zone),
    )


def _from_home(
    day: date, stay: set[date], meetings_by_day: Mapping[date, list[ItineraryMeeting]]
) -> bool:
    """Whether a day outside the stay is one the delegation spends joining meetings from
    home: every meeting first listed on it is one it can join remotely, as the engine
    reads it (a delegation joins a hybrid session from home; only one held in person
    needs it in Japan, :attr:`~cpp_scheduler.scheduling.inputs.Interval.is_in_person`).
    A day holding a meeting attended in person is not: that meeting says it is outside
    the stay, as the conflict check does."""
    meetings = meetings_by_day.get(day, ())
    return day not in stay and bool(meetings) and not any(m.in_person for m in meetings)


def _outside_stay(first: date, last: date, arrival: date | None, departure: date | None) -> bool:
    """Whether a meeting on ``first``..``last`` (Japan's days) falls outside a stay from
    ``arrival`` to ``departure``, as the conflict check finds a meeting that names the
    delegation and is attended in person before it arrives or after it leaves (a stay
    with either date unknown is not judged)."""
    if arrival is None or departure is None:
        return False
    return first < arrival or last > departure


def _leg_continuations(
    legs_by_day: Mapping[date, list[ItineraryLeg]], dates: list[date]
) -> dict[date, list[ItineraryLeg]]:
    """Each leg still under way on a later listed day (arriving then, on Japan's clock)
    again on that day, as :func:`_continuations` lists a meeting of several days: the
    delegation landing on Sunday afternoon does not read as having nothing planned."""
    found: dict[date, list[ItineraryLeg]] = {}
    for first, legs in sorted(legs_by_day.items()):
        for leg in legs:
            # Landing at midnight, it is not under way on the day that midnight begins.
            last = (leg.arrival - timedelta(microseconds=1)).date()
            for day in dates:
                if first < day <= last:
                    found.setdefault(day, []).append(replace(leg, continued=True))
    return found


def _continuations(
    meetings_by_day: dict[date, list[ItineraryMeeting]], dates: list[date]
) -> dict[date, list[ItineraryMeeting]]:
    """Each meeting of several days (an all-day closure, a retreat overnight) again on
    the later listed days it is on, so that such a day does not read "Nothing planned";
    a day listed for nothing else is not added for it (its first day says how long it
    lasts)."""
    found: dict[date, list[ItineraryMeeting]] = {}
    for first, meetings in sorted(meetings_by_day.items()):
        for meeting in meetings:
            if meeting.on_until is None:
                continue
            for day in dates:
                if first < day <= meeting.on_until:
                    midnight = datetime.combine(day, time(), timezones.zone(TOKYO))
                    found.setdefault(day, []).append(
                        replace(meeting, start=midnight, continued=True)
                    )
    return found


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
    then the leg's own clock, which the itinerary names."""


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


def _known_clocks(
    session: Session,
    home_city: str,
    home_zone: str,
    departures: Iterable[tuple[str, str]],
) -> dict[str, str]:
    """The clock of every place the program can put on one, by :func:`place_key`.

    From the surest to the least sure, a surer source deciding for a name two give: the
    delegation's home city, on its home zone; the partner cities and venues, on the
    zones their records hold (their names in English and Japanese, a venue's locality);
    the cities the time-zone database names its zones after; the other delegations'
    home cities, on their zones; and the places the delegation's own legs set out from,
    on the leg's clock, which is its departure's (Manila, where the flight out leaves,
    for the flight home that lands there).
    """
    partner_cities = session.execute(
        select(PartnerCity.name, PartnerCity.name_ja, PartnerCity.zone)
    ).all()
    venues = session.execute(select(Venue.name, Venue.name_ja, Venue.locality, Venue.zone)).all()
    homes = session.execute(select(Delegation.home_city, Delegation.zone)).all()
    sources: list[Mapping[str, str]] = [
        _unambiguous([(home_city, home_zone)]),
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
        zone_database_cities(),
        _unambiguous((row.home_city, row.zone) for row in homes),
        _unambiguous(departures),
    ]
    clocks: dict[str, str] = {}
    for source in reversed(sources):  # the surer last, over the others
        clocks.update(source)
    return clocks


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
    :func:`place_key`: see :func:`_known_clocks`), so the flight home lands on Manila's
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


# -- HTML -------------------------------------------------------------------------------


def itinerary_document(
    itinerary: Itinerary, should_stop: ShouldStop | None = None
) -> PrintDocument:
    """The itinerary as a document: the cover, then each day kept on one page;
    ``should_stop`` is asked between days."""
    sections = [Section(_cover(itinerary), keep_together=True)]
    links_shown: LinksShown = {}
    for day in itinerary.days:
        stop_if_asked(should_stop)
        sections.append(Section(_day(itinerary, day, links_shown)))
    return PrintDocument(
        title=_("Itinerary: {delegation}").format(delegation=itinerary.delegation),
        header=_("Itinerary — {delegation}").format(delegation=itinerary.delegation),
        stamp=itinerary.stamp,
        sections=tuple(sections),
    )


def _cover(itinerary: Itinerary) -> str:
    office = itinerary.office
    if itinerary.first is not None and itinerary.last is not None:
        stay = _("{first} to {last}").format(
            first=i18n.day_text(itinerary.first), last=i18n.day_text(itinerary.last)
        )
    else:
        stay = _("not in Japan (joins online)")
    facts = [
        (_("Delegation"), escape(itinerary.delegation)),
        (_("Country"), escape(itinerary.country)),
        (_("From"), escape(f"{itinerary.home_city} ({itinerary.home_zone})")),
        (_("In Japan"), escape(stay)),
    ]
    if itinerary.tours:
        facts.append((_("Study tour"), "<br>".join(escape(t) for t in itinerary.tours)))
    if itinerary.interpretation:
        facts.append((_("Interpretation"), escape(itinerary.interpretation)))
    rows = "".join(
        f'<tr><td width="22%"><b>{escape(label)}</b></td><td>{value}</td></tr>'
        for label, value in facts
    )
    contacts = "".join(
        f"<p>{escape(c.name)}"
        + (f", {escape(c.organisation)}" if c.organisation else "")
        + f" — {escape(c.email)}</p>"
        for c in itinerary.contacts
    )
    # Texts looked up before the markup: the catalogue's extractor reads no f-string.
    heading, contact = escape(_("Itinerary")), escape(_("Your contact in Japan"))
    email = escape(_("Email: {address}").format(address=office.email))
    coordinators = escape(_("Coordinators"))
    return (
        f"<h1>{heading}</h1>"
        f'<p class="cover"><b>{escape(itinerary.delegation)}</b></p>'
        f'<table class="plain" width="100%" cellspacing="0" cellpadding="2">{rows}</table>'
        f"<h2>{contact}</h2>"
        f"<p><b>{escape(office.name)}</b><br>"
        f'<span class="ja">{escape(office.name_ja)}</span></p>'
        f"<p>{escape(office.address)}<br>"
        f'<span class="ja">{escape(office.address_ja)}</span></p>'
        f"<p>{email}</p>"
        + (f"<h3>{coordinators}</h3>{contacts}" if contacts else "")
        + '<p class="muted">'
        + escape(
            _(
                "Times are local times in Japan unless said otherwise. "
                "Show a driver the address in Japanese."
            )
        )
        + "</p>"
    )


def _day(itinerary: Itinerary, day: ItineraryDay, links_shown: LinksShown) -> str:
    """A day's section; ``links_shown`` holds the conferences whose video link an
    earlier session printed (and gets this day's)."""
    heading = i18n.long_day_text(day.day)
    if day.heading:
        heading += f" — {day.heading}"
    entries: list[tuple[datetime, list[str]]] = [
        (m.start, _meeting_row(itinerary, m, links_shown))
        for m in sorted(day.meetings, key=lambda meeting: meeting.start)
    ]
    midnight = datetime.combine(day.day, time(), timezones.zone(TOKYO))
    entries.extend(
        (midnight if leg.continued else leg.departure, _leg_row(leg, day.day)) for leg in day.legs
    )
    entries.sort(key=lambda entry: entry[0])
    parts = [f"<h2>{escape(heading)}</h2>"]
    if entries:
        parts.append(
            table(
                [_("Time in Japan"), _("What"), _("Where")],
                [row for _start, row in entries],
                widths=(15, 50, 35),
            )
        )
    else:
        nothing = escape(_("Nothing planned."))
        parts.append(f'<p class="muted">{nothing}</p>')
    if day.night is not None:
        night = day.night
        hotel_tonight = escape(_("Hotel tonight:"))
        address = escape(night.address)
        if night.address_ja:
            address += f'<br><span class="ja">{escape(night.address_ja)}</span>'
        parts.append(
            f"<p><b>{hotel_tonight}</b> "
            f"{escape(night.hotel)}, {escape(night.locality)}<br>"
            f"{address}</p>"
        )
    return "".join(parts)


def _meeting_row(
    itinerary: Itinerary, meeting: ItineraryMeeting, links_shown: LinksShown
) -> list[str]:
    what = [f"<b>{escape(meeting.title)}</b>"]
    labels = [meeting.kind.label, meeting.mode.label]
    if meeting.tentative:
        labels.append(EventStatus.TENTATIVE.label)
    kind = _(", ").join(labels)
    what.append(f'<span class="muted">{escape(kind)}')
    if meeting.conference:
        what[-1] += escape(_(", part of {conference}").format(conference=meeting.conference))
    what[-1] += "</span>"
    if meeting.at_home is not None:
        start, end = meeting.at_home
        span = timezones.span_text(start.local, end.local, day=i18n.short_day_text, zone=True)
        what.append(
            escape(_("At home ({city}): {span}").format(city=itinerary.home_city, span=span))
        )
    if meeting.outside_stay:
        what.append(f'<span class="warning">{escape(ConflictKind.OUTSIDE_STAY.label)}</span>')
    if meeting.description and not meeting.continued:
        what.append(lines(meeting.description))
    if meeting.video_link and not meeting.continued:
        what.append(_video_link(meeting, links_shown))
    when = time_span(meeting.start, meeting.end)
    if meeting.last_day is not None:
        nowrap = "" if meeting.continued else ' style="white-space: nowrap"'
        when = f"<p{nowrap}>{escape(_all_day_when(meeting))}</p>"  # "(continued)" may wrap
    elif meeting.continued:
        when = f"<p>{escape(_continued_when(meeting.start.date(), meeting.end))}</p>"
    if meeting.moved:
        when += f"<p>{escape(moved_marker())}</p>"
    return [
        when,
        "<br>".join(what),
        _where(meeting.place)
        if meeting.place is not None
        else escape(without_venue(meeting.mode, meeting.city)),
    ]


def _all_day_when(meeting: ItineraryMeeting) -> str:
    """``All day``, ``All day to Mon 08 Mar`` on an all-day event's first day; ``All day
    (continued)`` on a later one, ``All day (continued) to Mon 08 Mar`` before its last."""
    assert meeting.last_day is not None
    day, last = meeting.start.date(), meeting.last_day
    if not meeting.continued:
        return all_day_text(day, last)
    if last > day:
        return _("All day (continued) to {last}").format(last=i18n.short_day_text(last))
    return _("All day (continued)")


def _continued_when(day: date, end: datetime) -> str:
    """``(continued) until 08:00`` on the last day of a timed meeting or a leg;
    ``(continued) until Fri 02 Apr 08:00`` on a day before it, as an all-day event's
    later days name its last (:func:`_all_day_when`): the day reads as taken, and until
    when."""
    until = i18n.time_text(end) if end.date() == day else i18n.day_time_text(end)
    return _("(continued) until {end}").format(end=until)


def _video_link(meeting: ItineraryMeeting, links_shown: LinksShown) -> str:
    """The link as text and QR code; a conference's sessions share one link, printed
    with its code on the first session only and named on the others."""
    link = meeting.video_link
    if meeting.conference is None:
        return _link_and_code(_("Video link"), link)
    key = (meeting.conference, link)
    first = links_shown.get(key)
    if first is not None:
        return escape(
            _("Video link: the same for the whole conference, with its QR code at {first}").format(
                first=i18n.day_time_text(first)
            )
        )
    links_shown[key] = meeting.start
    return _link_and_code(
        _("Video link for every session of {conference}").format(conference=meeting.conference),
        link,
    )


def _link_and_code(label: str, link: str) -> str:
    return (
        f"{escape(label)}: {escape(link)}<br>"
        f'<img src="{qr_data_uri(link)}" width="96" height="96" alt="{escape(link)}">'
    )


def _where(place: Place) -> str:
    parts = [f"<b>{escape(place.name)}</b>"]
    if place.name_ja:
        parts.append(f'<span class="ja">{escape(place.name_ja)}</span>')
    if place.address:
        parts.append(escape(place.address))
    if place.address_ja:
        parts.append(f'<span class="ja">{escape(place.address_ja)}</span>')
    parts.append(escape(place.both_city_names))
    return "<br>".join(parts)


def _leg_row(leg: ItineraryLeg, day: date) -> list[str]:
    """The leg in the day's table: its time in Japan in the table's column, and beside
    it the times a ticket gives, each on its own end's clock (named where either is not
    Japan's, so Auckland's 12:00 is not read as Tokyo's, and where the destination's
    clock is not known, so the leg's clock is not read as the local time there)."""
    route = _("{mode}: {origin} to {destination}").format(
        mode=leg.mode.label, origin=leg.origin, destination=leg.destination
    )
    what = f"<b>{escape(route)}</b>"
    if leg.notes:
        what += f"<br>{lines(leg.notes)}"
    named = not leg.destination_placed or any(
        local.utcoffset() != timezones.to_local(local, TOKYO).utcoffset()
        for local in (leg.leaves, leg.arrives)
    )
    when = time_span(leg.departure, leg.arrival)
    if leg.continued:
        when = f"<p>{escape(_continued_when(day, leg.arrival))}</p>"
    return [
        when,
        what,
        escape(
            _("Departs {departs} from {origin}, arrives {arrives} in {destination}").format(
                departs=_leg_time(leg.leaves, day, named),
                origin=leg.origin,
                arrives=_leg_time(leg.arrives, day, named),
                destination=leg.destination,
            )
        ),
    ]


def _leg_time(local: datetime, day: date, named: bool) -> str:
    """``12:00``; ``Sat 03 Apr 06:10`` on another date than the day it is listed on;
    ``12:00 NZDT`` with its clock ``named``."""
    text = i18n.time_text(local) if local.date() == day else i18n.day_time_text(local)
    return f"{text} {timezones.clock_label(local)}" if named else text
