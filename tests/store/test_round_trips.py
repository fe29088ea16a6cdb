"""Everything saved comes back equal, on SQLite and on PostgreSQL.

One program holding every entity with every field filled (Japanese text, a +05:45 zone,
language lists, enums, dates, times, instants to the microsecond, many-to-many links, a
series with a moved and a cancelled occurrence, a study tour with days, legs and nights)
is saved, then read in a fresh session and compared field by field.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import DateTime, inspect, select, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from cpp_scheduler import timezones
from cpp_scheduler.model import (
    Base,
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    HotelNight,
    KnowledgeProduct,
    OccurrenceOverride,
    Participant,
    ParticipantRole,
    PartnerCity,
    ProductKind,
    StudyTour,
    ThematicArea,
    TourDay,
    TravelLeg,
    TravelMode,
    TravelTime,
    Venue,
)
from cpp_scheduler.model.base import UTCDateTime
from cpp_scheduler.store import Database

KATHMANDU = "Asia/Kathmandu"  # UTC+05:45


def build_program(session: Session) -> list[Base]:
    """A small program with every entity and every field set; returns the records."""
    planning = ThematicArea(
        code="urban-resilience",
        name="Urban resilience",
        name_ja="都市のレジリエンス",
        description="地震と津波への備え",
    )
    seismic = ThematicArea(
        code="seismic-retrofit",
        name="Seismic retrofit",
        name_ja="耐震改修",
        description="Retrofitting schools",
        parent=planning,
    )
    city = PartnerCity(
        name="Sendai",
        name_ja="仙台市",
        prefecture="Miyagi",
        prefecture_ja="宮城県",
        mou_date=date(2026, 4, 1),
        selection_round=3,
        signature="Build back better after the 2011 tsunami",
        latitude=38.2682,
        longitude=140.8694,
        contact_name="佐藤 花子",
        contact_email="hanako.sato@city.sendai.jp",
        zone=timezones.TOKYO,
        themes=[planning, seismic],
    )
    hall = Venue(
        name="Sendai International Center",
        name_ja="仙台国際センター",
        locality="Sendai",
        city=city,
        address="青葉区青葉山無番地",
        latitude=38.2573,
        longitude=140.8590,
        capacity=1200,
        opens_at=time(8, 30),
        closes_at=time(21, 45),
        zone=timezones.TOKYO,
        videoconference=True,
        interpretation_booths=6,
        notes="会議室は2階",
    )
    route = TravelTime(origin="Tokyo", destination="Sendai", mode=TravelMode.RAIL, minutes=95)
    nepal = Delegation(
        name="Kathmandu Metropolitan City",
        country="NP",
        zone=KATHMANDU,
        home_city="Kathmandu",
        work_start=time(10, 0),
        work_end=time(17, 0),
        acceptable_start=time(6, 30),
        acceptable_end=time(21, 15),
        arrival=date(2026, 10, 4),
        departure=date(2026, 10, 9),
        languages=["ne", "en", "ja"],
        interpretation="Nepali-Japanese consecutive",
        notes="Vegetarian meals for three members",
    )
    mayor = Participant(
        name="Bidya Shrestha",
        email="mayor@kathmandu.gov.np",
        organisation="काठमाडौं महानगरपालिका",
        role=ParticipantRole.OFFICIAL,
        delegation=nepal,
        zone=None,
    )
    economist = Participant(
        name="Jane Doe",
        email="jdoe@worldbank.org",
        organisation="World Bank",
        role=ParticipantRole.BANK_STAFF,
        zone=timezones.WASHINGTON,
    )
    tour = StudyTour(
        title="Kathmandu resilience tour",
        delegation=nepal,
        start_date=date(2026, 10, 5),
        end_date=date(2026, 10, 8),
        notes="JR passes bought in Tokyo",
    )
    arrival_day = TourDay(
        day=date(2026, 10, 5), title="Tokyo: opening at TDLC", notes="Welcome dinner"
    )
    sendai_day = TourDay(day=date(2026, 10, 6), title="仙台: 復興の現場")
    tour.days = [arrival_day, sendai_day]
    tour.legs = [
        TravelLeg(
            origin="Tokyo",
            destination="Sendai",
            mode=TravelMode.RAIL,
            departure_utc=datetime(2026, 10, 5, 23, 4, tzinfo=UTC),
            arrival_utc=datetime(2026, 10, 6, 0, 39, tzinfo=UTC),
            zone=timezones.TOKYO,
            notes="Hayabusa 5, car 9",
        )
    ]
    tour.nights = [
        HotelNight(
            night_of=date(2026, 10, 5),
            hotel="Hotel Okura Tokyo",
            locality="Tokyo",
            address="港区虎ノ門2-10-4",
        ),
        HotelNight(night_of=date(2026, 10, 6), hotel="Westin Sendai", locality="Sendai"),
    ]
    conference = Event(
        title="仙台防災フォーラム / Sendai resilience forum",
        kind=EventKind.CONFERENCE,
        mode=EventMode.HYBRID,
        status=EventStatus.CONFIRMED,
        start_utc=datetime(2026, 10, 6, 0, 45, 30, 123456, tzinfo=UTC),
        end_utc=datetime(2026, 10, 6, 8, 0, tzinfo=UTC),
        zone=timezones.TOKYO,
        venue=hall,
        city=city,
        organiser=economist,
        tour_day=sendai_day,
        video_link="https://worldbank.zoom.us/j/987654321",
        description="基調講演と分科会",
        notes="Interpreters arrive 08:30",
        themes=[planning, seismic],
        delegations=[nepal],
        participants=[mayor, economist],
    )
    session_a = Event(
        title="Retrofitting schools",
        kind=EventKind.WORKSHOP,
        start_utc=datetime(2026, 10, 6, 1, 0, tzinfo=UTC),
        end_utc=datetime(2026, 10, 6, 2, 30, tzinfo=UTC),
        parent=conference,
        venue=hall,
    )
    series = Event(
        title="Kathmandu-Kobe monthly exchange",
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://worldbank.zoom.us/j/111",
        recurrence_rule="FREQ=MONTHLY;COUNT=6;BYMONTHDAY=14",
        participants=[mayor],
        delegations=[nepal],
    )
    series.set_local_times(datetime(2026, 11, 14, 9, 0), datetime(2026, 11, 14, 10, 30), KATHMANDU)
    second, third = (o.start for o in series.occurrences()[1:3])
    series.changes = [
        OccurrenceOverride(
            recurrence_id=second,
            start_utc=second + timedelta(days=1),
            end_utc=second + timedelta(days=1, hours=2),
        ),
        OccurrenceOverride(recurrence_id=third, cancelled=True),
    ]
    guide = KnowledgeProduct(
        title="Build back better: Sendai's guide",
        kind=ProductKind.GOOD_PRACTICE_GUIDE,
        url="https://www.worldbank.org/tdlc/sendai",
        published=date(2026, 12, 1),
        summary="復興の教訓",
        cities=[city],
        themes=[seismic],
        events=[conference, series],
    )
    records: list[Base] = [
        planning,
        seismic,
        city,
        hall,
        route,
        nepal,
        mayor,
        economist,
        tour,
        arrival_day,
        sendai_day,
        *tour.legs,
        *tour.nights,
        conference,
        session_a,
        series,
        *series.changes,
        guide,
    ]
    session.add_all(records)
    return records


def fields(record: Base) -> dict[str, Any]:
    """Every column value and every link (by the linked records' ids) of a record."""
    mapper = inspect(type(record))
    values: dict[str, Any] = {attr.key: getattr(record, attr.key) for attr in mapper.column_attrs}
    for link in mapper.relationships:
        value = getattr(record, link.key)
        if link.uselist:
            values[link.key] = sorted(item.id for item in value)
        else:
            values[link.key] = value.id if value is not None else None
    return values


def test_every_entity_comes_back_equal(database: Database) -> None:
    with database.transaction() as session:
        saved = build_program(session)
        session.flush()
        expected = {(type(record), inspect(record).identity): fields(record) for record in saved}

    with database.session() as fresh:
        for (entity, identity), values in expected.items():
            loaded = fresh.get(entity, identity)
            assert loaded is not None, f"{entity.__name__} {identity} was not saved"
            assert fields(loaded) == values, f"{loaded.label()} changed on the way"


def test_instants_come_back_aware_in_utc_and_local_times_hold(database: Database) -> None:
    with database.transaction() as session:
        build_program(session)
    with database.session() as fresh:
        forum = fresh.scalars(select(Event).where(Event.kind == EventKind.CONFERENCE)).one()
        assert forum.start_utc.tzinfo is UTC
        assert forum.start_utc == datetime(2026, 10, 6, 0, 45, 30, 123456, tzinfo=UTC)
        assert forum.start_local.strftime("%H:%M:%S") == "09:45:30"
        assert forum.created_at.tzinfo is UTC

        series = fresh.scalars(select(Event).where(Event.recurrence_rule.is_not(None))).one()
        assert series.start_local.replace(tzinfo=None) == datetime(2026, 11, 14, 9, 0)
        assert timezones.utc_offset_label(series.start_utc, series.zone) == "+05:45"
        assert series.start_utc == datetime(2026, 11, 14, 3, 15, tzinfo=UTC)

        occurrences = series.occurrences()
        assert len(occurrences) == 5, "six, less the cancelled one"
        assert [o.moved for o in occurrences] == [False, True, False, False, False]
        assert occurrences[1].start == datetime(2026, 12, 15, 3, 15, tzinfo=UTC)

        nepal = fresh.scalars(select(Delegation).where(Delegation.country == "NP")).one()
        assert nepal.languages == ["ne", "en", "ja"]
        assert nepal.work_start == time(10, 0)
        assert [member.name for member in nepal.members] == ["Bidya Shrestha"]

        tour = fresh.scalars(select(StudyTour)).one()
        assert [day.title for day in tour.days] == ["Tokyo: opening at TDLC", "仙台: 復興の現場"]
        assert tour.route() == ["Tokyo", "Sendai"]
        assert [e.title for e in tour.days[1].events] == [forum.title]
        assert tour.legs[0].duration_minutes == 95
        assert tour.problems() == []


@settings(max_examples=300, deadline=None)
@given(
    instant=st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.timezones()
    )
)
def test_sqlite_stores_an_instant_as_the_text_sqlalchemy_would_write(instant: datetime) -> None:
    """Instants are written to SQLite by a shortcut: the text is SQLAlchemy's to the
    character, so a database written before and after it sorts and compares alike."""
    dialect = sqlite.dialect()
    column_type = UTCDateTime()
    general = DateTime().dialect_impl(dialect).bind_processor(dialect)
    assert general is not None
    expected = general(column_type.process_bind_param(instant, dialect))
    written = column_type.dialect_impl(dialect).bind_processor(dialect)
    assert written is not None
    assert written(instant) == expected
    assert written(None) is None


def test_an_instant_without_a_zone_is_refused_on_every_backend(database: Database) -> None:
    with database.transaction() as session:
        build_program(session)
    with database.session() as session:
        naive = update(Event).values(updated_at=datetime(2026, 10, 6, 9, 0))
        with pytest.raises(StatementError, match="naive datetime"):
            session.execute(naive)
