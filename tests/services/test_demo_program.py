"""The demo program: everything the welcome panel promises, and loading it twice is harmless."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cpp_scheduler import timezones
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    KnowledgeProduct,
    Participant,
    ParticipantRole,
    PartnerCity,
    StudyTour,
    TravelLeg,
    TravelTime,
    Venue,
)
from cpp_scheduler.model.base import Base
from cpp_scheduler.programfile import dumps, program_document
from cpp_scheduler.services.demo import DemoSummary, load_demo
from cpp_scheduler.store import Database, open_database

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[tuple[Database, DemoSummary]]:
    path = tmp_path_factory.mktemp("demo") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    summary = load_demo(database)
    yield database, summary
    database.close()


@pytest.fixture
def session(demo: tuple[Database, DemoSummary]) -> Iterator[Session]:
    with demo[0].session() as session:
        yield session


def _all(session: Session, entity: type[Base]) -> list[object]:
    return list(session.scalars(select(entity)))


def _delegations(session: Session) -> list[Delegation]:
    return list(session.scalars(select(Delegation)))


def _latitude(zone: str) -> float:
    """The latitude of a zone's principal city, from the tz database's zone.tab."""
    table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    for line in table.splitlines():
        fields = line.split("\t")
        if not line.startswith("#") and len(fields) >= 3 and fields[2] == zone:
            coordinates = fields[1]
            sign = -1 if coordinates[0] == "-" else 1
            return sign * (int(coordinates[1:3]) + int(coordinates[3:5]) / 60)
    raise LookupError(zone)


# -- loading ----------------------------------------------------------------------------


def test_loading_twice_changes_nothing(demo: tuple[Database, DemoSummary]) -> None:
    database, first = demo
    assert first.total_created > 80
    assert first.total_kept == 0
    with database.session() as session:
        before = dumps(program_document(session))
        stamps = {(e.id, e.version, e.updated_at) for e in session.scalars(select(Event))}

    again = load_demo(database)

    assert again.total_created == 0
    assert again.kept == first.created
    with database.session() as session:
        assert dumps(program_document(session)) == before
        assert {(e.id, e.version, e.updated_at) for e in session.scalars(select(Event))} == (stamps)


def test_the_ids_are_the_same_in_every_database(
    demo: tuple[Database, DemoSummary], tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = open_database(tmp_path_factory.mktemp("other") / "program.sqlite")
    try:
        load_demo(other)
        with other.session() as theirs, demo[0].session() as ours:
            assert set(theirs.scalars(select(Event.uid))) == set(ours.scalars(select(Event.uid)))
    finally:
        other.close()


def test_a_coordinators_change_survives_loading_again(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    database = open_database(tmp_path_factory.mktemp("edited") / "program.sqlite")
    try:
        load_demo(database)
        with database.transaction() as session:
            event = session.scalars(select(Event).order_by(Event.start_utc)).first()
            assert event is not None
            event.title = "Renamed by the coordinator"
        load_demo(database)
        with database.session() as session:
            assert session.scalar(select(Event).where(Event.title == "Renamed by the coordinator"))
    finally:
        database.close()


def test_every_record_keeps_every_domain_rule(session: Session) -> None:
    for entity in (Venue, Delegation, Participant, Event, StudyTour, KnowledgeProduct):
        for record in _all(session, entity):
            assert record.problems() == [], record  # type: ignore[attr-defined]


def test_events_are_in_the_coming_months(session: Session) -> None:
    starts = [event.start_utc for event in session.scalars(select(Event))]
    now = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC)
    assert min(starts) > now
    assert max(starts) < now + timedelta(days=365)


# -- people -----------------------------------------------------------------------------


def test_delegations_from_four_continents(session: Session) -> None:
    delegations = _delegations(session)
    assert len(delegations) >= 4
    assert len({d.zone.split("/")[0] for d in delegations}) >= 4


def test_a_delegation_at_a_half_or_quarter_hour_offset(session: Session) -> None:
    instant = datetime(2027, 1, 15, tzinfo=UTC)
    offsets = {timezones.utc_offset_label(instant, d.zone) for d in _delegations(session)}
    assert offsets & {"+05:30", "+05:45"}


def test_a_delegation_with_daylight_saving_time(session: Session) -> None:
    winter, summer = datetime(2027, 1, 15, tzinfo=UTC), datetime(2027, 7, 15, tzinfo=UTC)
    assert any(
        timezones.utc_offset_label(winter, d.zone) != timezones.utc_offset_label(summer, d.zone)
        for d in _delegations(session)
    )


def test_a_delegation_from_the_southern_hemisphere(session: Session) -> None:
    assert any(_latitude(d.zone) < 0 for d in _delegations(session))


def test_delegations_have_members_with_example_addresses(session: Session) -> None:
    for delegation in _delegations(session):
        assert delegation.members, delegation.name
    people = list(session.scalars(select(Participant)))
    assert all(person.email.endswith("@example.org") for person in people)
    assert len({person.email for person in people}) == len(people)


def test_bank_staff_in_washington_city_staff_and_speakers(session: Session) -> None:
    people = list(session.scalars(select(Participant)))
    assert any(
        p.role is ParticipantRole.BANK_STAFF and p.effective_zone == timezones.WASHINGTON
        for p in people
    )
    assert any(p.role is ParticipantRole.CITY_STAFF for p in people)
    assert any(p.role is ParticipantRole.SPEAKER for p in people)


# -- the study tour ---------------------------------------------------------------------


def _tour(session: Session) -> StudyTour:
    tours = list(session.scalars(select(StudyTour)))
    assert len(tours) == 1
    return tours[0]


def test_a_five_day_tour_through_three_partner_cities(session: Session) -> None:
    tour = _tour(session)
    assert len(tour.dates()) == 5
    assert len(tour.days) == 5
    cities = set(session.scalars(select(PartnerCity.name)))
    assert len(cities & set(tour.route())) >= 3
    assert len(tour.legs) >= 3
    assert [night.night_of for night in tour.nights] == tour.dates()[:-1]
    kinds = {event.kind for day in tour.days for event in day.events}
    assert {EventKind.SITE_VISIT, EventKind.WORKSHOP} <= kinds
    assert all(day.events for day in tour.days)


def test_legs_take_at_least_the_travel_time_table(session: Session) -> None:
    table = {
        (frozenset((t.origin, t.destination)), t.mode): t.minutes
        for t in session.scalars(select(TravelTime))
    }
    for leg in _tour(session).legs:
        minutes = table[(frozenset((leg.origin, leg.destination)), leg.mode)]
        assert leg.duration_minutes >= minutes, leg.label()


def test_each_day_happens_where_the_legs_bring_the_delegation(session: Session) -> None:
    """Walk the tour in time: every event is where the last leg arrived, after it arrived,
    every leg leaves from there after the last event ended, and each night's hotel is in
    the city the day ends in."""
    tour = _tour(session)
    place, free_from = tour.legs[0].origin, tour.legs[0].departure_utc - timedelta(days=1)
    steps: list[tuple[datetime, Event | TravelLeg]] = [
        (leg.departure_utc, leg) for leg in tour.legs
    ]
    steps += [(event.start_utc, event) for day in tour.days for event in day.events]
    ends_in: dict[date, str] = {}
    for starts, step in sorted(steps, key=lambda pair: pair[0]):
        if isinstance(step, Event):
            assert step.locality == place, step.title
            assert step.start_utc >= free_from, step.title
            free_from = step.end_utc
        else:
            assert step.origin == place, step.label()
            assert step.departure_utc >= free_from, step.label()
            place, free_from = step.destination, step.arrival_utc
        ends_in[timezones.to_local(starts, timezones.TOKYO).date()] = place
    for night in tour.nights:
        assert night.locality == ends_in[night.night_of], night.label()


# -- the conference ---------------------------------------------------------------------


def _conference(session: Session) -> Event:
    conferences = [
        e
        for e in session.scalars(select(Event))
        if e.kind is EventKind.CONFERENCE and e.parent is None
    ]
    assert len(conferences) == 1
    return conferences[0]


def test_a_two_day_conference_at_tdlc_in_two_rooms(session: Session) -> None:
    conference = _conference(session)
    sessions = conference.sessions
    assert len({s.start_local.date() for s in sessions}) == 2
    assert all(s.venue is not None and s.venue.name.startswith("TDLC") for s in sessions)
    rooms = {s.venue.name for s in sessions if s.venue is not None}
    assert len(rooms) == 2
    parallel = [
        (a, b)
        for a in sessions
        for b in sessions
        if a.id < b.id and a.start_utc < b.end_utc and b.start_utc < a.end_utc
    ]
    assert parallel
    for a, b in parallel:
        assert a.venue is not b.venue, "a room is booked twice"
        assert not set(a.participants) & set(b.participants), "a speaker is booked twice"
        assert not set(a.delegations) & set(b.delegations), "a delegation is split"


# -- the series -------------------------------------------------------------------------


def test_a_monthly_virtual_series_across_a_clock_change(session: Session) -> None:
    series = [e for e in session.scalars(select(Event)) if e.recurrence_rule]
    assert len(series) == 1
    workshop = series[0]
    assert "FREQ=MONTHLY" in (workshop.recurrence_rule or "")
    assert workshop.mode is EventMode.VIRTUAL
    assert workshop.kind is EventKind.WORKSHOP
    occurrences = workshop.occurrences()
    first, last = occurrences[0].start, occurrences[-1].start
    assert any(
        timezones.utc_offset_label(first, d.zone) != timezones.utc_offset_label(last, d.zone)
        for d in workshop.delegations
    )
    assert [change.cancelled for change in workshop.changes].count(True) == 1
    assert sum(1 for occurrence in occurrences if occurrence.moved) == 1
    assert len(occurrences) == 5  # six in the rule, one cancelled


# -- places and products ----------------------------------------------------------------


def test_site_visits_in_every_partner_city(session: Session) -> None:
    visited = {
        event.venue.city.name
        for event in session.scalars(select(Event))
        if event.kind is EventKind.SITE_VISIT
        and event.venue is not None
        and event.venue.city is not None
    }
    assert visited == set(session.scalars(select(PartnerCity.name)))


def test_partner_city_venues_have_japanese_names(session: Session) -> None:
    venues = [v for v in session.scalars(select(Venue)) if v.city is not None]
    assert len(venues) >= 4
    assert all(venue.name_ja for venue in venues)


def test_knowledge_products_link_cities_themes_and_events(session: Session) -> None:
    products = list(session.scalars(select(KnowledgeProduct)))
    assert len(products) >= 3
    assert all(p.events and p.cities and p.themes for p in products)
