"""A check over a range of days finds what the check of the whole program finds there.

"There" as the command line, the window's panel and a day's run sheet mean it: the
findings with one of the days they belong to in the range (a study tour's findings
belong to the days and nights they name, a holiday's to that day, a clash's to every
day it touches, a journey's to the day the meeting before it ends). The range's snapshot
holds only part of the program; these tests catch every check it could fool: a tour's
empty days judged from part of its span, the next meeting of a journey past the range,
a conference and its sessions read apart, a meeting of a series moved before the
series' first, a tour's last leg still on its way after the tour.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    HotelNight,
    OccurrenceOverride,
    Participant,
    StudyTour,
    TourDay,
    TravelLeg,
    TravelMode,
    Venue,
)
from cpp_scheduler.scheduling.conflicts import Conflict, ConflictKind, falls_within
from cpp_scheduler.services import checking
from cpp_scheduler.services.delegation_schedule import read_schedule
from cpp_scheduler.services.snapshot import load_snapshot, participant_attendee, tour_spans
from cpp_scheduler.store import Database, open_database

TOKYO = timezones.TOKYO
FIRST = date(2027, 3, 1)  # a Monday; no holiday in Japan before the 20th
LINK = "https://meet.example.org/range"


def days(first: date, last: date) -> tuple[datetime, datetime]:
    """The range ``--from first --to last`` checks: whole days in Tokyo."""
    return timezones.local_days(first, last, TOKYO)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezones.to_utc(datetime.combine(day, time(hour, minute)), TOKYO)


def touching(found: list[Conflict], start: datetime, end: datetime) -> list[Conflict]:
    """The findings a range shows: those it holds the start of, or one of the dates of."""
    return [c for c in found if falls_within(c, start, end)]


def assert_range_agrees(database: Database, first: date, last: date) -> list[Conflict]:
    start, end = days(first, last)
    whole = checking.check(database).conflicts
    ranged = checking.check(database, start, end).conflicts
    assert ranged == touching(whole, start, end)
    return ranged


@pytest.fixture
def program(database: Database) -> Database:
    """Two delegations, two people and three halls, on each backend in turn."""
    with database.transaction() as session:
        session.add_all(_people_and_places())
    return database


def _people_and_places() -> list[object]:
    lima = Delegation(
        id="lima",
        name="Lima housing delegation",
        country="PE",
        zone="America/Lima",
        arrival=FIRST + timedelta(days=3),
        departure=FIRST + timedelta(days=16),
    )
    manila = Delegation(id="manila", name="Manila delegation", country="PH", zone="Asia/Manila")
    return [
        lima,
        manila,
        Participant(id="ana", name="Ana Quispe", email="ana@lima.example", delegation=lima),
        Participant(id="kenji", name="Kenji Sato", email="kenji@kobe.example", zone=TOKYO),
        Venue(id="kobe", name="Kobe hall", locality="Kobe", capacity=3),
        Venue(id="yokohama", name="Yokohama hall", locality="Yokohama", closes_at=time(20)),
        Venue(id="sapporo", name="Sapporo hall", locality="Sapporo"),  # no route known
    ]


def _event(title: str, start: datetime, end: datetime, **values: object) -> Event:
    values.setdefault("zone", TOKYO)
    return Event(title=title, start_utc=start, end_utc=end, video_link=LINK, **values)


# -- the property ------------------------------------------------------------------------


@dataclass(frozen=True)
class EventPlan:
    day: int
    quarter: int
    """Its start, in quarters of an hour after midnight (Tokyo)."""
    minutes: int
    all_day: int
    """0: timed; else its number of days (in Tokyo, or in Apia when odd)."""
    venue: str | None
    mode: EventMode
    video: bool
    delegations: frozenset[str]
    participants: frozenset[str]
    repeat: str | None
    moved: tuple[int, int] | None
    """For a series: which meeting is moved, and by how many days."""
    parent: int | None
    """The index of an earlier event it is a session of."""
    on_tour_day: bool
    cancelled: bool
    follows: tuple[int, int] | None
    """An earlier event whose people it also has, and the quarters of an hour between
    that one's end and its start (a journey to make, or not)."""


@dataclass(frozen=True)
class LegPlan:
    origin: str
    destination: str
    day: int
    """Days after the tour's first."""
    hour: int
    minutes: int


@dataclass(frozen=True)
class TourPlan:
    delegation: str
    first: int
    length: int
    tour_days: frozenset[int]
    nights: frozenset[int]
    night_city: str
    legs: tuple[LegPlan, ...]


PLACES = ("Tokyo", "Kobe", "Yokohama", "Sapporo")

event_plans = st.builds(
    EventPlan,
    day=st.integers(6, 8) | st.integers(-2, 24),  # a busy week in a season
    quarter=st.integers(0, 95),
    minutes=st.sampled_from((30, 60, 90, 180, 600, 1500, 3000)),
    all_day=st.sampled_from((0, 0, 0, 0, 1, 2, 3)),
    venue=st.sampled_from((None, "kobe", "yokohama", "sapporo", "kobe", "yokohama")),
    mode=st.sampled_from((EventMode.FACE_TO_FACE, *EventMode)),
    video=st.sampled_from((False, False, True)),
    delegations=st.frozensets(st.sampled_from(("lima", "manila"))),
    participants=st.frozensets(st.sampled_from(("ana", "kenji"))),
    repeat=st.sampled_from((None, None, "FREQ=DAILY;COUNT=3", "FREQ=WEEKLY;COUNT=4")),
    moved=st.none() | st.tuples(st.integers(0, 2), st.integers(-9, 9)),
    parent=st.none() | st.integers(0, 5),
    on_tour_day=st.booleans(),
    cancelled=st.sampled_from((False, False, False, True)),
    follows=st.none() | st.tuples(st.integers(0, 5), st.integers(0, 40)),
)
leg_plans = st.builds(
    LegPlan,
    origin=st.sampled_from(PLACES),
    destination=st.sampled_from(PLACES),
    day=st.integers(0, 8),
    hour=st.integers(6, 22),
    minutes=st.sampled_from((40, 200, 1500, 3000)),
)
tour_plans = st.builds(
    TourPlan,
    delegation=st.sampled_from(("lima", "manila")),
    first=st.integers(-2, 18),
    length=st.integers(1, 8),
    tour_days=st.frozensets(st.integers(0, 7)),
    nights=st.frozensets(st.integers(0, 7)),
    night_city=st.sampled_from(PLACES),
    legs=st.lists(leg_plans, max_size=3).map(tuple),
)


def _store(database: Database, events: list[EventPlan], tours: list[TourPlan]) -> None:
    with database.transaction() as session:
        delegations = {d.id: d for d in session.scalars(select(Delegation))}
        people = {p.id: p for p in session.scalars(select(Participant))}
        venues = {v.id: v for v in session.scalars(select(Venue))}
        tour_days: dict[date, TourDay] = {}
        for number, plan in enumerate(tours):
            first = FIRST + timedelta(days=plan.first)
            last = first + timedelta(days=plan.length - 1)
            tour = StudyTour(
                title=f"Tour {number}",
                delegation=delegations[plan.delegation],
                start_date=first,
                end_date=last,
            )
            for offset in sorted(plan.tour_days):
                day = first + timedelta(days=offset)
                if day <= last:
                    tour.days.append(TourDay(day=day))
                    tour_days.setdefault(day, tour.days[-1])
            for offset in sorted(plan.nights):
                night = first + timedelta(days=offset)
                if night < last:
                    tour.nights.append(
                        HotelNight(night_of=night, hotel="Hotel", locality=plan.night_city)
                    )
            for leg in plan.legs:
                if leg.origin == leg.destination:
                    continue
                departure = at(first + timedelta(days=leg.day), leg.hour)
                tour.legs.append(
                    TravelLeg(
                        origin=leg.origin,
                        destination=leg.destination,
                        mode=TravelMode.RAIL,
                        departure_utc=departure,
                        arrival_utc=departure + timedelta(minutes=leg.minutes),
                    )
                )
            session.add(tour)
        made: list[Event] = []
        for number, plan in enumerate(events):
            day = FIRST + timedelta(days=plan.day)
            start = at(day, 0) + timedelta(minutes=15 * plan.quarter)
            who, whom = plan.delegations, plan.participants
            if plan.follows is not None and plan.follows[0] < number:
                before = events[plan.follows[0]]
                start = made[plan.follows[0]].end_utc + timedelta(minutes=15 * plan.follows[1])
                day = timezones.to_local(start, TOKYO).date()
                who, whom = who | before.delegations, whom | before.participants
            event = _event(
                f"Meeting {number}",
                start,
                start + timedelta(minutes=plan.minutes),
                kind=EventKind.VIDEOCONFERENCE if plan.video else EventKind.WORKSHOP,
                mode=plan.mode,
                venue=venues[plan.venue] if plan.venue else None,
                delegations=[delegations[d] for d in sorted(who)],
                participants=[people[p] for p in sorted(whom)],
                status=EventStatus.CANCELLED if plan.cancelled else EventStatus.CONFIRMED,
            )
            if plan.all_day:
                zone = "Pacific/Apia" if plan.all_day % 2 else TOKYO
                event.set_dates(day, day + timedelta(days=plan.all_day - 1), zone)
            elif plan.repeat:
                event.recurrence_rule = plan.repeat
                if plan.moved is not None:
                    which, by = plan.moved
                    step = timedelta(days=1 if "DAILY" in plan.repeat else 7)
                    original = start + which * step
                    event.changes.append(
                        OccurrenceOverride(
                            recurrence_id=original,
                            start_utc=original + timedelta(days=by),
                            end_utc=original + timedelta(days=by, minutes=plan.minutes),
                        )
                    )
            if plan.parent is not None and plan.parent < number:
                event.parent = made[plan.parent]
            if plan.on_tour_day and day in tour_days:
                event.tour_day = tour_days[day]
            session.add(event)
            made.append(event)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    events=st.lists(event_plans, min_size=1, max_size=12),
    tours=st.lists(tour_plans, max_size=2),
    ranges=st.lists(st.tuples(st.integers(-3, 26), st.integers(0, 6)), min_size=1, max_size=4),
)
def test_a_range_finds_what_the_whole_program_finds_there(
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    events: list[EventPlan],
    tours: list[TourPlan],
    ranges: list[tuple[int, int]],
) -> None:
    path = tmp_path_factory.mktemp("range") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    try:
        with database.transaction() as session:
            session.add_all(_people_and_places())
        _store(database, events, tours)
        whole = checking.check(database).conflicts
        for offset, width in ranges:
            first = FIRST + timedelta(days=offset)
            last = first + timedelta(days=width)
            start, end = days(first, last)
            ranged = checking.check(database, start, end).conflicts
            assert ranged == touching(whole, start, end)
            # Every finding is shown on the days it belongs to, and only there: a tour's
            # day on that day, not on the tour's first; a clash on each day it touches.
            for conflict in ranged:
                assert any(first <= day <= last for day in conflict.days), conflict.message
    finally:
        database.close()


# -- each way a part of the program fooled the check -------------------------------------


def test_a_tours_empty_days_are_judged_over_the_whole_tour(program: Database) -> None:
    """The tour's days after the range are planned, so none of them is empty."""
    first = FIRST + timedelta(days=7)
    with program.transaction() as session:
        lima = session.get(Delegation, "lima")
        session.add(
            StudyTour(title="Kansai tour", delegation=lima, start_date=first, end_date=first)
        )
        tour = StudyTour(
            title="Long tour",
            delegation=session.get(Delegation, "manila"),
            start_date=first,
            end_date=first + timedelta(days=4),
        )
        session.add(tour)
        for offset in range(5):
            day = first + timedelta(days=offset)
            session.add(
                _event(
                    f"Visit {offset}",
                    at(day, 10),
                    at(day, 12),
                    delegations=[tour.delegation],
                )
            )
    found = assert_range_agrees(program, first, first)
    empty = [c for c in found if c.kind is ConflictKind.EMPTY_TOUR_DAY]
    assert [c.message for c in empty] == [
        "Kansai tour (Lima housing delegation) has nothing planned on Mon 08 Mar 2027"
    ]


def test_a_journey_to_a_meeting_days_after_the_range_is_checked(program: Database) -> None:
    """Nothing is known of the way to Sapporo: the meeting there three days later is the
    next one, and a range ending before it warns as the whole program does."""
    day = FIRST + timedelta(days=7)
    with program.transaction() as session:
        lima = session.get(Delegation, "lima")
        session.add(
            _event(
                "Kobe workshop",
                at(day, 10),
                at(day, 12),
                venue=session.get(Venue, "kobe"),
                delegations=[lima],
            )
        )
        later = day + timedelta(days=3)
        session.add(
            _event(
                "Sapporo visit",
                at(later, 10),
                at(later, 12),
                venue=session.get(Venue, "sapporo"),
                delegations=[lima],
            )
        )
    found = assert_range_agrees(program, day, day)
    assert [c.kind for c in found] == [ConflictKind.TRAVEL_UNKNOWN]


def test_no_route_is_asked_for_between_meetings_more_than_any_journey_apart(
    program: Database,
) -> None:
    day = FIRST + timedelta(days=3)
    with program.transaction() as session:
        lima = session.get(Delegation, "lima")
        kobe, sapporo = session.get(Venue, "kobe"), session.get(Venue, "sapporo")
        session.add(
            _event("Kobe workshop", at(day, 10), at(day, 12), venue=kobe, delegations=[lima])
        )
        later = day + timedelta(days=8)
        session.add(
            _event("Sapporo visit", at(later, 10), at(later, 12), venue=sapporo, delegations=[lima])
        )
    assert checking.check(program).conflicts == []


def test_a_conference_and_its_sessions_read_apart_are_judged_together(
    program: Database,
) -> None:
    """A virtual conference whose only session is days later is judged by it, not by its
    own hours (at night in Manila); the session, naming no delegation, is for the
    conference's, which a range holding the session alone does not hold."""
    day = FIRST + timedelta(days=1)
    late = day + timedelta(days=5)
    with program.transaction() as session:
        conference = _event(
            "Online forum",
            at(day, 1),
            at(day, 4),
            kind=EventKind.CONFERENCE,
            mode=EventMode.VIRTUAL,
            delegations=[session.get(Delegation, "manila")],
        )
        session.add(conference)
        session.add(
            _event(
                "Closing session",
                at(late, 7),  # 06:00 in Manila, before its day; not in Tokyo
                at(late, 8),
                kind=EventKind.VIDEOCONFERENCE,
                mode=EventMode.VIRTUAL,
                parent=conference,
            )
        )
    assert assert_range_agrees(program, day, day) == []
    found = assert_range_agrees(program, late, late)
    # Held days after its conference's own dates, the session says so too.
    assert [c.kind for c in found] == [
        ConflictKind.NIGHT_SESSION,
        ConflictKind.SESSION_OUTSIDE_CONFERENCE,
    ]
    assert found[0].message.startswith("Closing session is at night for Manila delegation")


def _forum_followed_by_its_sessions(program: Database, first: date) -> None:
    """Manila's three-day tour inside a five-day forum it follows by two sessions, on
    the forum's first and last days: the tour's middle day holds nothing of Manila's."""
    with program.transaction() as session:
        manila = session.get(Delegation, "manila")
        session.add(
            StudyTour(
                title="Forum tour",
                delegation=manila,
                start_date=first + timedelta(days=1),
                end_date=first + timedelta(days=3),
            )
        )
        forum = _event(
            "City forum",
            at(first, 9),
            at(first + timedelta(days=4), 18),
            kind=EventKind.CONFERENCE,
            venue=session.get(Venue, "yokohama"),
            delegations=[manila],
        )
        session.add(forum)
        for offset in (0, 4):
            day = first + timedelta(days=offset)
            session.add(_event(f"Session {offset}", at(day, 10), at(day, 12), parent=forum))
        for offset in (1, 3):
            day = first + timedelta(days=offset)
            session.add(_event(f"Visit {offset}", at(day, 10), at(day, 12), delegations=[manila]))


def test_a_tour_day_in_a_forum_followed_by_its_sessions_elsewhere_is_empty_in_any_range(
    program: Database,
) -> None:
    """The schedule lists the forum's sessions, not the forum: the tour's middle day is
    empty, for a check of that day alone (which reads neither session) as for the
    whole program."""
    first = FIRST + timedelta(days=7)
    _forum_followed_by_its_sessions(program, first)
    middle = first + timedelta(days=2)
    found = assert_range_agrees(program, middle, middle)
    empty = [c for c in found if c.kind is ConflictKind.EMPTY_TOUR_DAY]
    assert [c.message for c in empty] == [
        "Forum tour (Manila delegation) has nothing planned on Wed 10 Mar 2027"
    ]


def test_a_schedule_of_some_days_lists_what_the_whole_schedule_lists_there(
    program: Database,
) -> None:
    """Manila's schedule of the forum's middle days lists its visits, not the forum it
    follows by its sessions on other days, as its whole schedule does not."""
    first = FIRST + timedelta(days=7)
    _forum_followed_by_its_sessions(program, first)
    start, end = days(first + timedelta(days=1), first + timedelta(days=3))
    whole = read_schedule(program, "manila")
    part = read_schedule(program, "manila", start, end)
    assert [m.title for m in part.meetings] == ["Visit 1", "Visit 3"]
    assert [m.title for m in part.meetings] == [
        m.title for m in whole.meetings if m.start < end and m.end > start
    ]


def test_a_sessions_holiday_is_its_conferences_whatever_the_range(program: Database) -> None:
    """The session on a Japanese holiday (Vernal Equinox Day, 22 March) is reported by
    its conference only, also when the range holds the session alone: the range finds
    only that the session is held after its conference's one day."""
    with program.transaction() as session:
        conference = _event(
            "Spring forum",
            at(date(2027, 3, 18), 9),
            at(date(2027, 3, 18), 18),
            kind=EventKind.CONFERENCE,
            venue=session.get(Venue, "yokohama"),
        )
        session.add(conference)
        session.add(
            _event(
                "Holiday session",
                at(date(2027, 3, 22), 10),
                at(date(2027, 3, 22), 11),
                venue=session.get(Venue, "yokohama"),
                parent=conference,
            )
        )
    found = assert_range_agrees(program, date(2027, 3, 22), date(2027, 3, 22))
    assert [c.kind for c in found] == [ConflictKind.SESSION_OUTSIDE_CONFERENCE]


def test_a_meeting_moved_before_its_series_first_is_in_the_range(program: Database) -> None:
    first_meeting = at(FIRST + timedelta(days=10), 10)
    moved_to = at(FIRST + timedelta(days=2), 10)
    with program.transaction() as session:
        kobe = session.get(Venue, "kobe")
        series = _event(
            "Weekly clinic",
            first_meeting,
            first_meeting + timedelta(hours=1),
            venue=kobe,
            recurrence_rule="FREQ=WEEKLY;COUNT=3",
        )
        series.changes.append(
            OccurrenceOverride(
                recurrence_id=first_meeting,
                start_utc=moved_to,
                end_utc=moved_to + timedelta(hours=1),
            )
        )
        session.add(series)
        session.add(_event("Kobe lecture", moved_to, moved_to + timedelta(hours=2), venue=kobe))
    found = assert_range_agrees(program, FIRST + timedelta(days=2), FIRST + timedelta(days=2))
    assert [c.kind for c in found] == [ConflictKind.VENUE_DOUBLE_BOOKED]
    start, end = days(FIRST + timedelta(days=2), FIRST + timedelta(days=2))
    with program.reading() as session:
        part = load_snapshot(session, start, end)
    assert "Weekly clinic" in {i.title for i in part.intervals}


def test_a_tours_last_leg_arriving_after_the_tour_is_judged_when_it_arrives(
    program: Database,
) -> None:
    """The train leaves on the tour's first evening and arrives days after the tour's
    last day, in another city than the night's hotel: found when it arrives, with the
    leg itself, under way that day and on a route the table does not know."""
    first = FIRST + timedelta(days=2)
    with program.transaction() as session:
        tour = StudyTour(
            title="Rail tour",
            delegation=session.get(Delegation, "manila"),
            start_date=first,
            end_date=first + timedelta(days=1),
        )
        tour.nights.append(HotelNight(night_of=first, hotel="Hotel", locality="Tokyo"))
        tour.legs.append(
            TravelLeg(
                origin="Tokyo",
                destination="Sapporo",
                departure_utc=at(first, 20),
                arrival_utc=at(first + timedelta(days=3), 9),
            )
        )
        session.add(tour)
    arrival = first + timedelta(days=3)
    found = assert_range_agrees(program, arrival, arrival)
    assert [c.kind for c in found] == [
        ConflictKind.TOUR_LEG_UNKNOWN,
        ConflictKind.HOTEL_IN_OTHER_CITY,
    ]


# -- the demo's tour, through the window's path --------------------------------------------


def test_the_demo_tours_first_day_has_no_false_empty_day(demo_sqlite_path: Path) -> None:
    """The Peru tour (8-12 March) plans something every day: 10 March holds the DRI
    visit and the Kobe City Hall workshop, 12 March a journey. The window's panel checks
    a range in its own process, as ``check_program_in_parcels``; it says what the whole
    program says there: nothing."""
    database = open_database(demo_sqlite_path)
    try:
        start, end = days(date(2027, 3, 8), date(2027, 3, 8))
        assert checking.check(database, start, end).conflicts == []
        assert checking.check_program_apart(database, start, end) == []
        whole = checking.check(database).conflicts
        assert not [c for c in whole if c.kind is ConflictKind.EMPTY_TOUR_DAY]
        for first in (date(2027, 3, 7), date(2027, 3, 8), date(2027, 3, 10)):
            start, end = days(first, first + timedelta(days=4))
            assert checking.check(database, start, end).conflicts == touching(whole, start, end)
    finally:
        database.close()


def test_the_snapshots_people_are_read_as_each_participant_is(
    demo_sqlite_path: Path,
) -> None:
    """The snapshot reads its thousands of people from their columns: each is the same
    as the one :func:`participant_attendee` reads from the entity."""
    database = open_database(demo_sqlite_path)
    try:
        with database.reading() as session:
            people = load_snapshot(session).participants
            entities = session.scalars(select(Participant)).all()
            stays = tour_spans(session)
            assert people == {p.id: participant_attendee(p, stays) for p in entities}
            assert {p.delegation_id is None for p in entities} == {True, False}
            assert any(p.zone for p in entities)
    finally:
        database.close()


def test_a_longer_buffer_reaches_as_far_in_a_range_as_in_the_whole_program(
    program: Database,
) -> None:
    """With three days' buffer, the next meeting nine days on is within reach of a
    journey: the range reads that far too, and warns as the whole program does."""
    day = FIRST + timedelta(days=3)
    with program.transaction() as session:
        lima = session.get(Delegation, "lima")
        kobe, sapporo = session.get(Venue, "kobe"), session.get(Venue, "sapporo")
        session.add(
            _event("Kobe workshop", at(day, 10), at(day, 12), venue=kobe, delegations=[lima])
        )
        later = day + timedelta(days=9)
        session.add(
            _event("Sapporo visit", at(later, 10), at(later, 12), venue=sapporo, delegations=[lima])
        )
    buffer = timedelta(days=3)
    start, end = days(day, day)
    whole = checking.check(program, buffer=buffer).conflicts
    assert [c.kind for c in whole] == [ConflictKind.TRAVEL_UNKNOWN]
    assert checking.check(program, start, end, buffer=buffer).conflicts == touching(
        whole, start, end
    )


def test_a_journeys_travellers_are_named_alike_whoever_the_range_meets_first(
    program: Database,
) -> None:
    """Kenji's call a week earlier is outside the range: the whole program meets him
    first, the range meets Ana first, and both name them in one order."""
    day = FIRST + timedelta(days=8)
    with program.transaction() as session:
        ana, kenji = session.get(Participant, "ana"), session.get(Participant, "kenji")
        kobe, yokohama = session.get(Venue, "kobe"), session.get(Venue, "yokohama")
        session.add(
            _event(
                "Planning call",
                at(FIRST + timedelta(days=1), 10),
                at(FIRST + timedelta(days=1), 11),
                mode=EventMode.VIRTUAL,
                participants=[kenji],
            )
        )
        session.add(
            _event(
                "Port visit", at(day, 10), at(day, 12), venue=yokohama, participants=[ana, kenji]
            )
        )
        session.add(
            _event("Kobe workshop", at(day, 12), at(day, 14), venue=kobe, participants=[ana, kenji])
        )
    found = assert_range_agrees(program, day, day)
    assert [c.kind for c in found] == [ConflictKind.TRAVEL_TOO_SHORT]
    assert found[0].message.startswith("Ana Quispe and Kenji Sato cannot get from Port visit")
