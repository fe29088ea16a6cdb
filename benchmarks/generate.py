"""A random but realistic City Partnership Program, as plain engine inputs.

Delegations from the Program's client regions (with their real zones, so +05:45 and
southern-hemisphere daylight saving are in), officials in each, Japanese city staff and
Bank staff; venues in Tokyo and the partner cities; events over half a year in Tokyo
working hours: workshops and site visits in partner cities, videoconferences from
TDLC's studio, conferences with parallel sessions; study tours for the delegations that
come to Japan. Seeded, so two runs build the same program.

Used by the benchmarks, and usable by anyone needing a big program without a database::

    from benchmarks.generate import generate_program
    program = generate_program(events=10_000, delegations=500, participants=20_000)
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from cpp_scheduler import timezones
from cpp_scheduler.model.enums import EventKind, EventMode
from cpp_scheduler.scheduling.holidays import holiday_name
from cpp_scheduler.scheduling.inputs import (
    JAPAN,
    Attendee,
    AttendeeKind,
    Hours,
    Interval,
    ProgramSnapshot,
    Route,
    TourInfo,
    VenueInfo,
)

if TYPE_CHECKING:
    from cpp_scheduler.store import Database

HOME_CITIES: tuple[tuple[str, str, str], ...] = (
    ("Lima", "PE", "America/Lima"),
    ("Bogota", "CO", "America/Bogota"),
    ("Mexico City", "MX", "America/Mexico_City"),
    ("Santiago", "CL", "America/Santiago"),
    ("Sao Paulo", "BR", "America/Sao_Paulo"),
    ("Manaus", "BR", "America/Manaus"),
    ("Asuncion", "PY", "America/Asuncion"),
    ("Nairobi", "KE", "Africa/Nairobi"),
    ("Addis Ababa", "ET", "Africa/Addis_Ababa"),
    ("Dakar", "SN", "Africa/Dakar"),
    ("Lagos", "NG", "Africa/Lagos"),
    ("Johannesburg", "ZA", "Africa/Johannesburg"),
    ("Casablanca", "MA", "Africa/Casablanca"),
    ("Cairo", "EG", "Africa/Cairo"),
    ("Kathmandu", "NP", "Asia/Kathmandu"),
    ("Kolkata", "IN", "Asia/Kolkata"),
    ("Dhaka", "BD", "Asia/Dhaka"),
    ("Colombo", "LK", "Asia/Colombo"),
    ("Manila", "PH", "Asia/Manila"),
    ("Jakarta", "ID", "Asia/Jakarta"),
    ("Makassar", "ID", "Asia/Makassar"),
    ("Hanoi", "VN", "Asia/Ho_Chi_Minh"),
    ("Ulaanbaatar", "MN", "Asia/Ulaanbaatar"),
    ("Tashkent", "UZ", "Asia/Tashkent"),
    ("Tbilisi", "GE", "Asia/Tbilisi"),
    ("Istanbul", "TR", "Europe/Istanbul"),
    ("Kyiv", "UA", "Europe/Kyiv"),
    ("Suva", "FJ", "Pacific/Fiji"),
    ("Port Moresby", "PG", "Pacific/Port_Moresby"),
    ("Apia", "WS", "Pacific/Apia"),
)
PARTNER_LOCALITIES = ("Tokyo", "Yokohama", "Kobe", "Toyama", "Kitakyushu")
ROUTES = (
    Route("Tokyo", "Yokohama", "rail", 30),
    Route("Tokyo", "Toyama", "rail", 140),
    Route("Tokyo", "Kobe", "rail", 180),
    Route("Tokyo", "Kitakyushu", "rail", 300),
    Route("Tokyo", "Kitakyushu", "air", 90),
    Route("Kobe", "Kitakyushu", "rail", 120),
    Route("Yokohama", "Kobe", "rail", 170),
    Route("Yokohama", "Toyama", "rail", 170),
    Route("Yokohama", "Kitakyushu", "rail", 290),
    Route("Kobe", "Toyama", "rail", 200),
    Route("Toyama", "Kitakyushu", "rail", 320),
)
FIRST_DAY = date(2027, 1, 4)


def _venues(rng: random.Random) -> list[VenueInfo]:
    venues = [
        VenueInfo(
            "tdlc-studio",
            "TDLC Videoconference Studio",
            "Tokyo",
            capacity=40,
            opens_at=time(8),
            closes_at=time(21),
        ),
        VenueInfo(
            "tdlc-a",
            "TDLC Meeting Room A",
            "Tokyo",
            capacity=60,
            opens_at=time(8, 30),
            closes_at=time(19),
        ),
        VenueInfo(
            "tdlc-b",
            "TDLC Meeting Room B",
            "Tokyo",
            capacity=24,
            opens_at=time(8, 30),
            closes_at=time(19),
        ),
    ]
    for locality in PARTNER_LOCALITIES:
        for number in range(1, 13):
            venues.append(
                VenueInfo(
                    f"{locality.lower()}-{number}",
                    f"{locality} venue {number}",
                    locality,
                    capacity=rng.choice((20, 30, 40, 80, 150)),
                    opens_at=time(rng.choice((8, 9))),
                    closes_at=time(rng.choice((17, 18, 20))),
                )
            )
    return venues


def _delegations(rng: random.Random, count: int) -> list[Attendee]:
    delegations = []
    for number in range(count):
        city, country, zone = HOME_CITIES[number % len(HOME_CITIES)]
        arrival = departure = None
        if rng.random() < 0.6:  # comes to Japan for a study tour
            arrival = FIRST_DAY + timedelta(days=rng.randrange(170))
            departure = arrival + timedelta(days=rng.randrange(4, 9))
        start = rng.choice((8, 9, 9, 9, 10))
        delegations.append(
            Attendee(
                id=f"d{number:04d}",
                name=f"{city} delegation {number // len(HOME_CITIES) + 1}",
                kind=AttendeeKind.DELEGATION,
                zone=zone,
                country=country,
                hours=Hours(time(start), time(start + 9), time(7), time(22)),
                arrival=arrival,
                departure=departure,
            )
        )
    return delegations


def _participants(rng: random.Random, count: int, delegations: list[Attendee]) -> list[Attendee]:
    """Four in ten are delegation members, the rest Japanese city staff and Bank staff."""
    people = []
    for number in range(count):
        roll = rng.random()
        if roll < 0.4 and delegations:
            delegation = delegations[number % len(delegations)]
            people.append(
                Attendee(
                    f"p{number:05d}",
                    f"Official {number}",
                    AttendeeKind.PARTICIPANT,
                    delegation.zone,
                    delegation.country,
                    delegation.hours,
                    delegation.id,
                    delegation.arrival,
                    delegation.departure,
                    f"official{number}@example.org",
                )
            )
        elif roll < 0.85:
            people.append(
                Attendee(
                    f"p{number:05d}",
                    f"City officer {number}",
                    AttendeeKind.PARTICIPANT,
                    timezones.TOKYO,
                    "JP",
                    email=f"officer{number}@city.example.jp",
                )
            )
        else:
            people.append(
                Attendee(
                    f"p{number:05d}",
                    f"Bank specialist {number}",
                    AttendeeKind.PARTICIPANT,
                    timezones.WASHINGTON,
                    "US",
                    email=f"specialist{number}@worldbank.example",
                )
            )
    return people


def _tokyo(day: date, minutes: int) -> datetime:
    local = datetime.combine(day, time()) + timedelta(minutes=minutes)
    return local.replace(tzinfo=UTC) - timedelta(hours=9)  # Japan keeps +09:00 all year


SLIP_RATE = 0.02
"""How often the generated coordinator books something without checking it is free: the
program keeps a realistic sprinkling of clashes for the conflict check to find."""

# Start windows of videoconferences, in Tokyo minutes, by the delegations' region: the
# Americas join in their evening, Europe and Africa in their morning.
_VIDEO_WINDOWS = {
    "americas": (7 * 60, 8 * 60),
    "europe_africa": (16 * 60, 18 * 60),
    "asia_pacific": (9 * 60, 16 * 60),
}


def _region(zone: str) -> str:
    offset = timezones.to_local(datetime(2027, 1, 15, 12, tzinfo=UTC), zone).utcoffset()
    hours = offset.total_seconds() / 3600 if offset is not None else 0.0
    if hours < -2:
        return "americas"
    return "europe_africa" if hours < 4.5 else "asia_pacific"


class _Bookings:
    """Who and what is taken when, so generated plans mostly fit together."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._taken: dict[tuple[str, date], list[tuple[int, int]]] = {}

    def free(self, key: str, day: date, start: int, end: int) -> bool:
        if self._rng.random() < SLIP_RATE:
            return True
        return all(end <= a or b <= start for a, b in self._taken.get((key, day), ()))

    def book(self, keys: Iterable[str], day: date, start: int, end: int) -> None:
        for key in keys:
            self._taken.setdefault((key, day), []).append((start, end))


def generate_program(
    events: int = 10_000,
    delegations: int = 500,
    participants: int = 20_000,
    *,
    days: int = 180,
    seed: int = 2016,
) -> ProgramSnapshot:
    """A program of ``events`` meetings over ``days`` days from January 2027."""
    rng = random.Random(seed)
    venues = _venues(rng)
    by_locality: dict[str, list[VenueInfo]] = {}
    for venue in venues:
        if venue.id != "tdlc-studio":
            by_locality.setdefault(venue.locality, []).append(venue)
    groups = _delegations(rng, delegations)
    people = _participants(rng, participants, groups)
    members: dict[str, list[str]] = {}
    for person in people:
        if person.delegation_id is not None:
            members.setdefault(person.delegation_id, []).append(person.id)
    city_staff = [p.id for p in people if p.country == "JP"]
    bank_staff = [p.id for p in people if p.country == "US"]
    by_region: dict[str, list[Attendee]] = {}
    for group in groups:
        by_region.setdefault(_region(group.zone), []).append(group)
    visiting: dict[date, list[Attendee]] = {}
    for group in groups:
        if group.arrival is not None and group.departure is not None:
            for n in range((group.departure - group.arrival).days + 1):
                visiting.setdefault(group.arrival + timedelta(days=n), []).append(group)
    taken = _Bookings(rng)

    def people_for(chosen: list[Attendee]) -> frozenset[str]:
        names: set[str] = set()
        for group in chosen:
            team = members.get(group.id, [])
            names.update(rng.sample(team, k=min(len(team), rng.randrange(0, 3))))
        if city_staff:
            names.update(rng.sample(city_staff, k=min(len(city_staff), rng.randrange(1, 4))))
        if bank_staff and rng.random() < 0.3:
            names.add(rng.choice(bank_staff))
        return frozenset(names)

    day_city: dict[tuple[str, date], str] = {}

    def free_visitors(day: date, start: int, end: int, most: int, locality: str) -> list[Attendee]:
        """Visiting delegations free then and spending that day in ``locality`` (a tour
        spends each day in one city; the first event of a day decides which)."""
        here = [
            g
            for g in visiting.get(day, [])
            if day_city.get((g.id, day), locality) == locality and taken.free(g.id, day, start, end)
        ]
        chosen = rng.sample(here, k=min(most, len(here)))
        for group in chosen:
            day_city[(group.id, day)] = locality
        return chosen

    def free_venue(locality: str, day: date, start: int, end: int) -> VenueInfo:
        rooms = by_locality[locality]
        for room in rng.sample(rooms, k=len(rooms)):
            if taken.free(room.id, day, start, end):
                return room
        return rng.choice(rooms)

    intervals: list[Interval] = []
    while len(intervals) < events:
        day = FIRST_DAY + timedelta(days=rng.randrange(days))
        if day.weekday() >= 5 or (
            holiday_name(JAPAN, day) is not None and rng.random() > SLIP_RATE
        ):
            continue
        number = len(intervals)
        event_id = f"e{number:05d}"
        roll = rng.random()
        if roll < 0.03 and events - len(intervals) > 6:  # a conference with its sessions
            begin, finish = 9 * 60, 17 * 60
            venue = free_venue("Tokyo", day, begin, finish)
            chosen = free_visitors(day, begin, finish, rng.randrange(2, 7), "Tokyo")
            who = frozenset(g.id for g in chosen)
            names = people_for(chosen)
            taken.book([venue.id, *who], day, begin, finish)
            intervals.append(
                Interval(
                    event_id,
                    event_id,
                    f"Conference {number}",
                    _tokyo(day, begin),
                    _tokyo(day, finish),
                    kind=EventKind.CONFERENCE,
                    venue_id=venue.id,
                    locality="Tokyo",
                    delegation_ids=who,
                    participant_ids=names,
                )
            )
            for session in range(rng.randrange(3, 6)):
                start = begin + session * 90
                session_id = f"{event_id}s{session}"
                intervals.append(
                    Interval(
                        session_id,
                        session_id,
                        f"Session {session + 1} of conference {number}",
                        _tokyo(day, start),
                        _tokyo(day, start + 75),
                        kind=EventKind.WORKSHOP,
                        venue_id=venue.id,
                        locality="Tokyo",
                        delegation_ids=frozenset(rng.sample(sorted(who), k=len(who) // 2)),
                        participant_ids=frozenset(rng.sample(sorted(names), k=min(len(names), 2))),
                        ancestor_ids=frozenset({event_id}),
                    )
                )
            continue
        minutes = rng.choice((60, 90, 90, 120, 180))
        if roll < 0.40:  # a videoconference, from TDLC's studio now and then
            minutes = rng.choice((60, 90, 120))
            region = rng.choice(sorted(by_region))
            low, high = _VIDEO_WINDOWS[region]
            start = rng.randrange(low // 15, high // 15 + 1) * 15
            candidates = [
                g for g in by_region[region] if taken.free(g.id, day, start, start + minutes)
            ]
            chosen = rng.sample(candidates, k=min(len(candidates), rng.randrange(2, 6)))
            venue_id = None
            if rng.random() < 0.15 and taken.free("tdlc-studio", day, start, start + minutes):
                venue_id = "tdlc-studio"
            who = frozenset(g.id for g in chosen)
            taken.book([*who, *([venue_id] if venue_id else [])], day, start, start + minutes)
            intervals.append(
                Interval(
                    event_id,
                    event_id,
                    f"Videoconference {number}",
                    _tokyo(day, start),
                    _tokyo(day, start + minutes),
                    kind=EventKind.VIDEOCONFERENCE,
                    mode=EventMode.VIRTUAL,
                    venue_id=venue_id,
                    delegation_ids=who,
                    participant_ids=people_for(chosen),
                )
            )
            continue
        locality = rng.choice(PARTNER_LOCALITIES)
        latest = 17 * 60 - minutes  # most venues close at 17:00 or later
        start = rng.randrange(9 * 4, max(9 * 4, latest // 15) + 1) * 15
        if rng.random() < SLIP_RATE:
            start = rng.randrange(8 * 4, 19 * 4) * 15
        venue = free_venue(locality, day, start, start + minutes)
        chosen = free_visitors(day, start, start + minutes, rng.randrange(0, 3), locality)
        who = frozenset(g.id for g in chosen)
        taken.book([venue.id, *who], day, start, start + minutes)
        kind = EventKind.SITE_VISIT if roll < 0.7 else EventKind.WORKSHOP
        intervals.append(
            Interval(
                event_id,
                event_id,
                f"{kind.label} {number} in {locality}",
                _tokyo(day, start),
                _tokyo(day, start + minutes),
                kind=kind,
                venue_id=venue.id,
                locality=locality,
                delegation_ids=who,
                participant_ids=people_for(chosen),
            )
        )

    tours = tuple(
        TourInfo(
            f"t{group.id}",
            f"Study tour of {group.name}",
            group.id,
            group.arrival,
            group.departure,
            hotel_nights=frozenset(
                group.arrival + timedelta(days=n)
                for n in range((group.departure - group.arrival).days)
                if rng.random() < 0.98
            ),
            travel_days=frozenset({group.arrival, group.departure}),
        )
        for group in groups
        if group.arrival is not None and group.departure is not None
    )
    intervals.sort(key=lambda interval: (interval.start_s, interval.id))
    return ProgramSnapshot(
        intervals=tuple(intervals[:events]),
        delegations={group.id: group for group in groups},
        participants={person.id: person for person in people},
        venues={venue.id: venue for venue in venues},
        routes=ROUTES,
        tours=tours,
    )


def store_program(database: Database, program: ProgramSnapshot) -> None:
    """Write a generated program into an open program database, for the tools that read
    the store (the slot finder, the CLI): its delegations, people, venues and events.

    Venues are added beside the seeded ones under their own names with "(generated)"
    added; events keep their ids, so a test can name them, and a conference's sessions
    keep their conference as parent.
    """
    from cpp_scheduler.model import Delegation, Event, Participant, Venue

    with database.transaction() as session:
        groups = {
            group.id: Delegation(
                id=group.id,
                name=group.name,
                country=group.country or "",
                zone=group.zone,
                work_start=group.hours.work_start,
                work_end=group.hours.work_end,
                acceptable_start=group.hours.acceptable_start,
                acceptable_end=group.hours.acceptable_end,
                arrival=group.arrival,
                departure=group.departure,
            )
            for group in program.delegations.values()
        }
        people = {
            person.id: Participant(
                id=person.id,
                name=person.name,
                email=person.email,
                delegation=groups.get(person.delegation_id or ""),
                zone=None if person.delegation_id else person.zone,
            )
            for person in program.participants.values()
        }
        rooms = {
            venue.id: Venue(
                id=venue.id,
                name=f"{venue.name} (generated)",
                locality=venue.locality,
                zone=venue.zone,
                capacity=venue.capacity,
                opens_at=venue.opens_at,
                closes_at=venue.closes_at,
            )
            for venue in program.venues.values()
        }
        session.add_all([*groups.values(), *people.values(), *rooms.values()])
        session.flush()
        for interval in program.intervals:
            parents = sorted(interval.ancestor_ids)
            session.add(
                Event(
                    id=interval.event_id,
                    title=interval.title,
                    kind=interval.kind,
                    mode=interval.mode,
                    start_utc=interval.start,
                    end_utc=interval.end,
                    zone=interval.zone,
                    venue=rooms.get(interval.venue_id or ""),
                    parent_id=parents[0] if parents else None,
                    video_link="https://meet.example.org/generated",
                    delegations=[groups[key] for key in sorted(interval.delegation_ids)],
                    participants=[people[key] for key in sorted(interval.participant_ids)],
                )
            )
