"""What a check of some days shows, as ``cpp-scheduler conflicts --from --to`` prints it.

A finding about dates is shown on those dates: a study tour's day with nothing planned
on that day (not on the tour's first), its nights without a hotel on any of those
nights, and an all-day event's findings on its own dates, which are the same on every
calendar (Kiritimati's 1 January is 1 January in Tokyo too, not the evening before).

And a conference with sessions is its sessions: a delegation named on it is busy while
one of them runs, free between them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    HotelNight,
    Participant,
    StudyTour,
    TourDay,
)
from cpp_scheduler.store import Database
from tests.parity.conflicts_support import conflicts_json

TOKYO = timezones.TOKYO
TOUR_FIRST = date(2027, 3, 8)  # a Monday; the tour runs to Saturday 13 March


def at(day: date, hour: int) -> datetime:
    return timezones.to_utc(datetime.combine(day, time(hour)), TOKYO)


def kinds_on(
    capsys: pytest.CaptureFixture[str], database: Database, first: str, last: str
) -> list[dict[str, Any]]:
    """The findings ``conflicts --from first --to last --json`` prints."""
    answer = conflicts_json(capsys, database, "--from", first, "--to", last)
    findings: list[dict[str, Any]] = answer["conflicts"]
    return findings


# -- a study tour's days -------------------------------------------------------------------


@pytest.fixture
def lima_tour(sqlite_database: Database) -> Database:
    """Lima's tour from Monday 8 to Saturday 13 March: a visit every day but Saturday,
    hotels for every night but Thursday 11 and Friday 12."""
    with sqlite_database.transaction() as session:
        lima = Delegation(
            name="Lima housing delegation",
            country="PE",
            zone="America/Lima",
            arrival=TOUR_FIRST,
            departure=TOUR_FIRST + timedelta(days=5),
        )
        tour = StudyTour(
            title="Lima tour",
            delegation=lima,
            start_date=TOUR_FIRST,
            end_date=TOUR_FIRST + timedelta(days=5),
        )
        for offset in range(5):
            day = TOUR_FIRST + timedelta(days=offset)
            tour.days.append(TourDay(day=day))
            session.add(
                Event(
                    title=f"Visit {offset + 1}",
                    zone=TOKYO,
                    start_utc=at(day, 10),
                    end_utc=at(day, 12),
                    delegations=[lima],
                    tour_day=tour.days[-1],
                )
            )
        for offset in (0, 1, 2):
            tour.nights.append(
                HotelNight(
                    night_of=TOUR_FIRST + timedelta(days=offset), hotel="Hotel", locality="Tokyo"
                )
            )
        session.add(tour)
    return sqlite_database


def test_a_tour_day_with_nothing_planned_is_found_on_that_day(
    capsys: pytest.CaptureFixture[str], lima_tour: Database
) -> None:
    found = kinds_on(capsys, lima_tour, "2027-03-13", "2027-03-13")
    assert [(c["kind"], c["message"], c["start"], c["days"]) for c in found] == [
        (
            "empty_tour_day",
            "Lima tour (Lima housing delegation) has nothing planned on Sat 13 Mar 2027",
            "2027-03-12T15:00:00Z",  # Saturday's midnight in Tokyo
            ["2027-03-13"],
        )
    ]


def test_nights_without_a_hotel_are_found_on_any_of_them(
    capsys: pytest.CaptureFixture[str], lima_tour: Database
) -> None:
    night = (
        "Lima tour (Lima housing delegation) has no hotel for the nights of "
        "Thu 11 Mar and Fri 12 Mar 2027"
    )
    for first, last in (("2027-03-11", "2027-03-12"), ("2027-03-11", "2027-03-11")):
        found = kinds_on(capsys, lima_tour, first, last)
        assert [(c["message"], c["start"]) for c in found] == [(night, "2027-03-10T15:00:00Z")]
    found = kinds_on(capsys, lima_tour, "2027-03-12", "2027-03-12")
    assert [c["message"] for c in found] == [night]


def test_the_tours_first_day_shows_nothing_when_nothing_is_wrong_that_day(
    capsys: pytest.CaptureFixture[str], lima_tour: Database
) -> None:
    assert kinds_on(capsys, lima_tour, "2027-03-08", "2027-03-08") == []
    whole = conflicts_json(capsys, lima_tour)["conflicts"]
    assert sorted(c["kind"] for c in whole) == ["empty_tour_day", "night_without_hotel"]


# -- an all-day event's dates ----------------------------------------------------------------


@pytest.fixture
def kiritimati_closure(sqlite_database: Database) -> Database:
    """Kiritimati's office closed on New Year's Day 2028, a holiday in Kiribati."""
    with sqlite_database.transaction() as session:
        kiritimati = Delegation(
            name="Kiribati: Kiritimati", country="KI", zone="Pacific/Kiritimati"
        )
        closure = Event(
            title="Kiritimati New Year office closure",
            kind=EventKind.WORKSHOP,
            mode=EventMode.FACE_TO_FACE,
            status=EventStatus.CONFIRMED,
            delegations=[kiritimati],
        )
        closure.set_dates(date(2028, 1, 1), date(2028, 1, 1), "Pacific/Kiritimati")
        session.add(closure)
    return sqlite_database


def test_an_all_day_events_holiday_is_found_on_its_own_date(
    capsys: pytest.CaptureFixture[str], kiritimati_closure: Database
) -> None:
    """Its instants run from 19:00 on 31 December in Tokyo: the date is what counts."""
    found = kinds_on(capsys, kiritimati_closure, "2028-01-01", "2028-01-01")
    assert [(c["kind"], c["start"], c["days"]) for c in found] == [
        ("delegation_holiday", "2027-12-31T15:00:00Z", ["2028-01-01"])
    ]
    assert found[0]["message"].startswith("Kiritimati New Year office closure falls on New Year")
    assert kinds_on(capsys, kiritimati_closure, "2027-12-31", "2027-12-31") == []


# -- a conference is its sessions ---------------------------------------------------------------


@pytest.fixture
def nairobi_conference(sqlite_database: Database) -> Database:
    """Conf X, Tuesday 1 June 09:00 to Wednesday 2 June 18:00 in Tokyo, names the
    Nairobi delegation; its sessions name nobody: the opening 09:00-10:00, two parallel
    sessions 10:30-12:00. Nairobi also has a weekly call at 17:00 (no session then) and
    a briefing at 09:30 (during the opening)."""
    day = date(2027, 6, 1)
    with sqlite_database.transaction() as session:
        nairobi = Delegation(
            name="Nairobi delegation",
            country="KE",
            zone="Africa/Nairobi",
            arrival=day - timedelta(days=1),
            departure=day + timedelta(days=2),
        )
        conference = Event(
            title="Conf X",
            kind=EventKind.CONFERENCE,
            mode=EventMode.FACE_TO_FACE,
            zone=TOKYO,
            start_utc=at(day, 9),
            end_utc=at(day + timedelta(days=1), 18),
            delegations=[nairobi],
        )
        session.add(conference)
        for title, start, end in (
            ("X1 opening", at(day, 9), at(day, 10)),
            ("X2 parallel A", at(day, 10) + timedelta(minutes=30), at(day, 12)),
            ("X3 parallel B", at(day, 10) + timedelta(minutes=30), at(day, 12)),
        ):
            session.add(
                Event(
                    title=title,
                    kind=EventKind.CONFERENCE,
                    mode=EventMode.FACE_TO_FACE,
                    zone=TOKYO,
                    start_utc=start,
                    end_utc=end,
                    parent=conference,
                )
            )
        for title, start in (
            ("Weekly call", at(day, 17)),
            ("Briefing", at(day, 9) + timedelta(minutes=30)),
        ):
            session.add(
                Event(
                    title=title,
                    kind=EventKind.VIDEOCONFERENCE,
                    mode=EventMode.VIRTUAL,
                    zone=TOKYO,
                    start_utc=start,
                    end_utc=start + timedelta(hours=1),
                    video_link="https://meet.example.org/nairobi",
                    delegations=[nairobi],
                )
            )
    return sqlite_database


def test_a_delegation_is_in_two_places_only_while_a_session_runs(
    capsys: pytest.CaptureFixture[str], nairobi_conference: Database
) -> None:
    found = kinds_on(capsys, nairobi_conference, "2027-06-01", "2027-06-01")
    twice = [c["message"] for c in found if c["kind"] == "attendee_double_booked"]
    assert twice == [
        "Nairobi delegation is expected at X1 opening and Briefing at the same time, "
        "Tue 01 Jun 09:30-10:00 (Tokyo)"
    ]


# -- a meeting across midnight ------------------------------------------------------------------


@pytest.fixture
def late_link(sqlite_database: Database) -> Database:
    """A call from 23:30 on Saturday 20 March to 01:30 on Sunday 21 March 2027 in Tokyo;
    Sunday is Vernal Equinox Day. At night for Keiko in Tokyo and for Kiritimati."""
    with sqlite_database.transaction() as session:
        kiritimati = Delegation(name="Kiritimati council", country="KI", zone="Pacific/Kiritimati")
        keiko = Participant(name="Keiko Tanaka", email="keiko@tdlc.example", zone=TOKYO)
        session.add(
            Event(
                title="Late-night link",
                kind=EventKind.VIDEOCONFERENCE,
                mode=EventMode.VIRTUAL,
                zone=TOKYO,
                start_utc=at(date(2027, 3, 20), 23) + timedelta(minutes=30),
                end_utc=at(date(2027, 3, 21), 1) + timedelta(minutes=30),
                video_link="https://meet.example.org/late",
                delegations=[kiritimati],
                participants=[keiko],
            )
        )
    return sqlite_database


def test_a_meetings_night_is_found_on_both_days_and_its_holiday_on_the_holiday(
    capsys: pytest.CaptureFixture[str], late_link: Database
) -> None:
    keiko = (
        "Late-night link is at night for Keiko Tanaka: Sat 20 Mar 23:30-Sun 21 Mar 01:30 "
        "(Tokyo), outside its acceptable hours (07:00-22:00)"
    )
    night = (
        "Late-night link is at night for Kiritimati council: Sun 21 Mar 04:30-06:30 "
        "(Kiritimati), outside its acceptable hours (07:00-22:00)"
    )
    hosts = (
        "Late-night link is at night for the hosts in Tokyo: Sat 20 Mar 23:30-Sun 21 Mar "
        "01:30 (Tokyo), outside their acceptable hours (07:00-22:00)"
    )
    holiday = (
        "Late-night link falls on Vernal Equinox Day, a public holiday in Japan (Sun 21 Mar 2027)"
    )
    whole = conflicts_json(capsys, late_link)["conflicts"]
    assert [(c["kind"], c["message"], c["start"], c["days"]) for c in whole] == [
        ("night_session", keiko, "2027-03-20T14:30:00Z", ["2027-03-20", "2027-03-21"]),
        ("night_session", night, "2027-03-20T14:30:00Z", ["2027-03-20", "2027-03-21"]),
        ("night_session", hosts, "2027-03-20T14:30:00Z", ["2027-03-20", "2027-03-21"]),
        # The meeting is on the holiday from Sunday's first minute.
        ("japanese_holiday", holiday, "2027-03-20T15:00:00Z", ["2027-03-21"]),
    ]
    saturday = kinds_on(capsys, late_link, "2027-03-20", "2027-03-20")
    assert [c["message"] for c in saturday] == [keiko, night, hosts]
    sunday = kinds_on(capsys, late_link, "2027-03-21", "2027-03-21")
    assert [c["message"] for c in sunday] == [keiko, night, hosts, holiday]
    assert kinds_on(capsys, late_link, "2027-03-20", "2027-03-21") == whole
    assert kinds_on(capsys, late_link, "2027-03-22", "2027-03-22") == []


def test_the_run_sheet_of_the_day_after_lists_the_meetings_conflicts(late_link: Database) -> None:
    """Sunday's run sheet lists the call that is still running, and its conflicts."""
    from cpp_scheduler.documents.runsheet import read_run_sheet

    sunday = read_run_sheet(late_link, date(2027, 3, 21))
    assert [item.title for item in sunday.items] == ["Late-night link"]
    assert [item.conflicts for item in sunday.items] == [4]
    assert [c.kind for c in sunday.conflicts] == ["night_session"] * 3 + ["japanese_holiday"]
    saturday = read_run_sheet(late_link, date(2027, 3, 20))
    assert [c.kind for c in saturday.conflicts] == ["night_session"] * 3


def test_a_home_holiday_is_found_on_the_tokyo_day_the_meeting_falls_on_it(
    capsys: pytest.CaptureFixture[str], sqlite_database: Database
) -> None:
    """Monday 10:00-11:00 in Tokyo is Sunday evening in Lima: Lima's holiday on Sunday
    is found on Monday in Tokyo, where the meeting is."""
    with sqlite_database.transaction() as session:
        lima = Delegation(name="Lima delegation", country="PE", zone="America/Lima")
        session.add(
            Event(
                title="Easter call",
                kind=EventKind.VIDEOCONFERENCE,
                mode=EventMode.VIRTUAL,
                zone=TOKYO,
                start_utc=at(date(2027, 3, 29), 10),  # Easter Sunday 28 March in Lima
                end_utc=at(date(2027, 3, 29), 11),
                video_link="https://meet.example.org/lima",
                delegations=[lima],
            )
        )
    whole = conflicts_json(capsys, sqlite_database)["conflicts"]
    home = [c for c in whole if c["kind"] == "delegation_holiday"]
    assert [(c["start"], c["days"]) for c in home] == [("2027-03-29T01:00:00Z", ["2027-03-29"])]
    assert kinds_on(capsys, sqlite_database, "2027-03-28", "2027-03-28") == []
