"""A small program built in the tests: the awkward cases a calendar file must carry.

Delegations in Lima, Kathmandu (+05:45), Santiago (southern daylight saving), Kolkata
(+05:30); staff in Washington; a monthly videoconference series across a change of
clocks with one session cancelled and one moved; a Washington event at the hour clocks
fall back; a cancelled workshop; a study tour with days, legs and nights; Japanese text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

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
    ParticipantRole,
    PartnerCity,
    StudyTour,
    ThematicArea,
    TourDay,
    TravelLeg,
    TravelMode,
    Venue,
)

JAPANESE_AGENDA = (
    "開会挨拶と北九州市の環境未来都市の取り組みの紹介。"
    "神戸市の防災と震災復興の経験、富山市のコンパクトシティ政策について意見交換を行います。"
    "質疑応答の後、閉会。" * 3
)


def local(zone: str, *args: int) -> datetime:
    return timezones.to_utc(datetime(*args), zone)  # type: ignore[misc]


@dataclass
class Program:
    lima: Delegation
    kathmandu: Delegation
    santiago: Delegation
    kolkata: Delegation
    ana: Participant
    bruno: Participant
    maya: Participant
    sofia: Participant
    priya: Participant
    grace: Participant
    kenji: Participant
    workshop: Event
    series: Event
    fold_event: Event
    cancelled: Event
    site_visit: Event
    opening: Event
    tour: StudyTour
    everyone: list[Participant] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        return [
            self.workshop,
            self.series,
            self.fold_event,
            self.cancelled,
            self.site_visit,
            self.opening,
        ]

    @property
    def records(self) -> list[object]:
        return [
            *self.events,
            self.tour,
            *self.everyone,
            self.lima,
            self.kathmandu,
            self.santiago,
            self.kolkata,
        ]


def _reference(session: Session | None) -> tuple[Venue, PartnerCity, ThematicArea]:
    if session is not None:
        venue = session.scalars(select(Venue).where(Venue.name == "TDLC Meeting Room A")).one()
        kobe = session.scalars(select(PartnerCity).where(PartnerCity.name == "Kobe")).one()
        theme = (
            session.scalars(
                select(ThematicArea).where(ThematicArea.code == "disaster-risk-management")
            ).first()
            or session.scalars(select(ThematicArea)).first()
        )
        assert theme is not None
        return venue, kobe, theme
    kobe = PartnerCity(name="Kobe", name_ja="神戸市", latitude=34.6901, longitude=135.1955)
    venue = Venue(
        name="TDLC Meeting Room A",
        name_ja="TDLC 会議室A",
        locality="Tokyo",
        address="10th Floor, 2-2-2 Uchisaiwaicho, Chiyoda-ku, Tokyo 100-0011",
        latitude=35.6706,
        longitude=139.7570,
        capacity=60,
        videoconference=True,
    )
    theme = ThematicArea(code="disaster-risk-management", name="Disaster risk management")
    return venue, kobe, theme


def build_program(session: Session | None = None) -> Program:
    """The program; added to ``session`` (and flushed) when one is given."""
    venue, kobe, theme = _reference(session)
    lima = Delegation(
        name="Peru housing ministry",
        country="PE",
        zone="America/Lima",
        home_city="Lima",
        arrival=date(2026, 6, 8),
        departure=date(2026, 6, 12),
    )
    kathmandu = Delegation(
        name="Kathmandu metropolitan city",
        country="NP",
        zone="Asia/Kathmandu",
        home_city="Kathmandu",
    )
    santiago = Delegation(
        name="Santiago regional government",
        country="CL",
        zone="America/Santiago",
        home_city="Santiago",
    )
    kolkata = Delegation(
        name="Kolkata municipal corporation", country="IN", zone="Asia/Kolkata", home_city="Kolkata"
    )
    ana = Participant(name="Ana Quispe", email="ana.quispe@vivienda.gob.pe", delegation=lima)
    bruno = Participant(name="Bruno Salas", email="bruno.salas@vivienda.gob.pe", delegation=lima)
    maya = Participant(name="Maya Shrestha", email="maya@kathmandu.gov.np", delegation=kathmandu)
    sofia = Participant(name="Sofía Muñoz", email="sofia.munoz@gore.cl", delegation=santiago)
    priya = Participant(name="Priya Sen", email="priya.sen@kmc.gov.in", delegation=kolkata)
    grace = Participant(
        name="Grace Miller",
        email="gmiller@worldbank.org",
        role=ParticipantRole.BANK_STAFF,
        zone=timezones.WASHINGTON,
    )
    kenji = Participant(
        name="田中 健二",
        email="kenji.tanaka@city.kobe.lg.jp",
        role=ParticipantRole.SPEAKER,
        organisation="神戸市",
    )
    everyone = [ana, bruno, maya, sofia, priya, grace, kenji]

    workshop = Event(
        title="防災ワークショップ: Kobe and Lima peer-to-peer workshop",
        kind=EventKind.WORKSHOP,
        mode=EventMode.HYBRID,
        status=EventStatus.CONFIRMED,
        start_utc=local("Asia/Tokyo", 2026, 6, 9, 9, 0),
        end_utc=local("Asia/Tokyo", 2026, 6, 9, 12, 0),
        zone="Asia/Tokyo",
        venue=venue,
        city=kobe,
        themes=[theme],
        organiser=grace,
        video_link="https://meet.example.org/kobe-lima",
        description=JAPANESE_AGENDA,
        delegations=[lima, kathmandu],
        participants=[ana, bruno, maya, grace, kenji],
    )
    series = Event(
        title="Monthly CPP videoconference",
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        status=EventStatus.CONFIRMED,
        start_utc=local("Asia/Tokyo", 2026, 2, 18, 9, 0),
        end_utc=local("Asia/Tokyo", 2026, 2, 18, 10, 30),
        zone="Asia/Tokyo",
        recurrence_rule="FREQ=MONTHLY;BYDAY=3WE;UNTIL=20260731",
        video_link="https://meet.example.org/cpp-monthly",
        description="Round table of partner cities and delegations.",
        delegations=[santiago, kolkata, kathmandu],
        participants=[sofia, priya, maya, grace],
    )
    march = local("Asia/Tokyo", 2026, 3, 18, 9, 0)
    april = local("Asia/Tokyo", 2026, 4, 15, 9, 0)
    series.changes = [
        OccurrenceOverride(recurrence_id=march, cancelled=True),
        OccurrenceOverride(
            recurrence_id=april,
            start_utc=april + timedelta(days=1, hours=2),
            end_utc=april + timedelta(days=1, hours=3, minutes=30),
        ),
    ]
    fold_event = Event(
        title="Washington briefing at the hour clocks fall back",
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        status=EventStatus.TENTATIVE,
        start_utc=local("America/New_York", 2026, 11, 1, 0, 30),
        end_utc=timezones.to_utc(
            datetime(2026, 11, 1, 1, 30), "America/New_York", timezones.Fold.LATER
        ),
        zone="America/New_York",
        video_link="https://meet.example.org/dc",
        participants=[grace, priya],
    )
    cancelled = Event(
        title="Municipal finance workshop",
        kind=EventKind.WORKSHOP,
        mode=EventMode.FACE_TO_FACE,
        status=EventStatus.CANCELLED,
        start_utc=local("Asia/Tokyo", 2026, 6, 10, 14, 0),
        end_utc=local("Asia/Tokyo", 2026, 6, 10, 17, 0),
        zone="Asia/Tokyo",
        venue=venue,
        delegations=[lima],
        participants=[ana, bruno],
    )
    site_visit = Event(
        title="Site visit: HAT Kobe disaster reduction museum",
        kind=EventKind.SITE_VISIT,
        mode=EventMode.FACE_TO_FACE,
        status=EventStatus.CONFIRMED,
        start_utc=local("Asia/Tokyo", 2026, 6, 10, 13, 0),
        end_utc=local("Asia/Tokyo", 2026, 6, 10, 16, 0),
        zone="Asia/Tokyo",
        city=kobe,
        delegations=[lima],
        participants=[ana, bruno, kenji],
    )
    opening = Event(
        title="Opening session at TDLC",
        kind=EventKind.CONFERENCE,
        mode=EventMode.FACE_TO_FACE,
        status=EventStatus.CONFIRMED,
        start_utc=local("Asia/Tokyo", 2026, 6, 8, 10, 0),
        end_utc=local("Asia/Tokyo", 2026, 6, 8, 12, 0),
        zone="Asia/Tokyo",
        venue=venue,
        delegations=[lima],
        participants=[ana, bruno],
    )
    tour = StudyTour(
        title="Peru housing ministry study tour",
        delegation=lima,
        start_date=date(2026, 6, 8),
        end_date=date(2026, 6, 10),
    )
    tour.days = [
        TourDay(day=date(2026, 6, 8), title="Tokyo: opening at TDLC", events=[opening]),
        TourDay(day=date(2026, 6, 9), title="Kobe: disaster risk", events=[workshop]),
        TourDay(day=date(2026, 6, 10), title="Kobe: site visits", events=[site_visit]),
    ]
    tour.legs = [
        TravelLeg(
            origin="Tokyo",
            destination="Kobe",
            mode=TravelMode.RAIL,
            departure_utc=local("Asia/Tokyo", 2026, 6, 8, 14, 0),
            arrival_utc=local("Asia/Tokyo", 2026, 6, 8, 17, 0),
            zone="Asia/Tokyo",
            notes="Nozomi 225, car 7",
        ),
    ]
    tour.nights = [
        HotelNight(night_of=date(2026, 6, 8), hotel="Hotel Okura Kobe", locality="Kobe"),
        HotelNight(night_of=date(2026, 6, 9), hotel="Hotel Okura Kobe", locality="Kobe"),
    ]
    program = Program(
        lima,
        kathmandu,
        santiago,
        kolkata,
        ana,
        bruno,
        maya,
        sofia,
        priya,
        grace,
        kenji,
        workshop,
        series,
        fold_event,
        cancelled,
        site_visit,
        opening,
        tour,
        everyone,
    )
    if session is not None:
        session.add_all(program.records)
        session.flush()
    return program


WINDOW = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))
"""Where recurring events are expanded when parsers are compared."""
