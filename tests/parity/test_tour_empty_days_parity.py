"""A day of a study tour has "nothing planned" (the tour builder's red line, ``tours``,
the conflict check) exactly when the delegation's schedule and its printed itinerary
list nothing on it. The check had a rule of its own: events naming the delegation, over
every Tokyo day their instants touch. So a member's working lunch left the day empty,
a forum followed session by session filled the days between its sessions, and an
all-day day of Lima's calendar filled the next Tokyo day too."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from cpp_scheduler import i18n, timezones
from cpp_scheduler.cli import main
from cpp_scheduler.documents.itinerary import itinerary_document, read_itinerary
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
from tests.tour_day import PERU_TOUR_START, add_record, peru_study_tour

DAYS = [PERU_TOUR_START + timedelta(days=n) for n in range(3)]  # Mon 8 to Wed 10 March


def _tour(database: Database) -> tuple[str, str]:
    """Lima's tour, its hotels in Tokyo, Monday's visit: (delegation, Monday's record)."""
    lima, tour = peru_study_tour(database)
    for night in DAYS[:2]:
        add_record(
            database, HotelNight, tour_id=tour, night_of=night, hotel="Hotel", locality="Tokyo"
        )
    monday = add_record(database, TourDay, tour_id=tour, day=DAYS[0], title="")
    _event(
        database,
        "Visit",
        datetime(2027, 3, 8, 1, tzinfo=UTC),
        tour_day_id=monday,
        delegation_ids=[lima],
    )
    return lima, monday


def _event(database: Database, title: str, start: datetime, hours: float = 2, **values: Any) -> str:
    fields: dict[str, Any] = {
        "kind": EventKind.SITE_VISIT,
        "mode": EventMode.FACE_TO_FACE,
        "status": EventStatus.CONFIRMED,
        "zone": "Asia/Tokyo",
        "start_utc": start,
        "end_utc": start + timedelta(hours=hours),
        **values,
    }
    return add_record(database, Event, title=title, **fields)


def _answers(database: Database, capsys: pytest.CaptureFixture[str]) -> dict[str, set[date]]:
    """The days each answer holds nothing on: the board (``tours``), the check, and the
    tour days on which the schedule and the itinerary list nothing."""
    url = database.url.render_as_string(hide_password=False)

    def run(*arguments: str) -> Any:
        capsys.readouterr()
        assert main(["--db", url, *arguments, "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    board = run("tours", "Peru study tour")
    checked = [c for c in run("conflicts")["conflicts"] if c["kind"] == "empty_tour_day"]
    listed = {
        date.fromisoformat(m["dates"][0] if m["dates"] else m["local_start"][:10])
        for m in run("schedule", "--delegation", "Lima")["meetings"]
    }
    document = itinerary_document(read_itinerary(database, "Lima"))
    printed_empty = {
        day
        for day in DAYS
        for section in document.sections
        if i18n.long_day_text(day) in section.html and "Nothing planned." in section.html
    }
    return {
        "tours": {date.fromisoformat(c["day"]) for c in board["days"] if c["nothing_planned"]},
        "conflicts": {date.fromisoformat(d) for c in checked for d in c["days"]},
        "schedule": set(DAYS) - listed,
        "itinerary": printed_empty,
    }


def _all_agree(answers: dict[str, set[date]], empty: set[date]) -> None:
    assert answers == dict.fromkeys(answers, empty)


def test_a_members_meeting_plans_the_day(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    lima, monday = _tour(sqlite_database)
    _event(
        sqlite_database,
        "Visit 3",
        datetime(2027, 3, 10, 1, tzinfo=UTC),
        tour_day_id=monday,
        delegation_ids=[lima],
    )
    ana = add_record(
        sqlite_database, Participant, name="Ana", email="ana@example.org", delegation_id=lima
    )
    _event(
        sqlite_database,
        "Working lunch with Ana",
        datetime(2027, 3, 9, 3, tzinfo=UTC),
        1,
        kind=EventKind.WORKSHOP,
        participant_ids=[ana],
    )
    _all_agree(_answers(sqlite_database, capsys), set())


def test_a_forum_followed_by_its_sessions_plans_their_days_alone(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    lima, _monday = _tour(sqlite_database)
    forum = _event(
        sqlite_database,
        "Forum",
        datetime(2027, 3, 8, 0, tzinfo=UTC),
        57,
        kind=EventKind.CONFERENCE,
        delegation_ids=[lima],
    )
    for day in (8, 10):
        _event(
            sqlite_database,
            f"Forum session {day}",
            datetime(2027, 3, day, 1, tzinfo=UTC),
            kind=EventKind.WORKSHOP,
            parent_id=forum,
        )
    _all_agree(_answers(sqlite_database, capsys), {DAYS[1]})


def test_an_all_day_day_plans_its_own_date_alone(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    lima, _monday = _tour(sqlite_database)
    start, end = timezones.local_days(DAYS[1], DAYS[1], "America/Lima")
    _event(
        sqlite_database,
        "Free day",
        start,
        (end - start) / timedelta(hours=1),
        zone="America/Lima",
        all_day=True,
        delegation_ids=[lima],
    )
    _all_agree(_answers(sqlite_database, capsys), {DAYS[2]})


def test_a_tours_days_are_days_in_japan_before_its_flights_are_known(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lima's arrival and departure not given yet, its tour of Tokyo planned: the
    itinerary's cover said "In Japan" on the tour's days while its rows, ``schedule``
    and the check read a hybrid workshop at TDLC on Lima's clock, as a night at home.
    Every answer takes the tour's days as days in Japan now."""
    lima = add_record(sqlite_database, Delegation, name="Lima", country="PE", zone="America/Lima")
    tour = add_record(
        sqlite_database,
        StudyTour,
        title="Peru study tour",
        delegation_id=lima,
        start_date=DAYS[0],
        end_date=DAYS[2],
    )
    monday = add_record(sqlite_database, TourDay, tour_id=tour, day=DAYS[0], title="")
    _event(
        sqlite_database,
        "Hybrid workshop",
        datetime(2027, 3, 8, 5, tzinfo=UTC),  # 14:00 in Tokyo, 00:00 in Lima
        kind=EventKind.WORKSHOP,
        mode=EventMode.HYBRID,
        tour_day_id=monday,
        delegation_ids=[lima],
    )
    url = sqlite_database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["--db", url, "schedule", "--delegation", "Lima", "--json"]) == 0
    (meeting,) = json.loads(capsys.readouterr().out)["meetings"]
    assert (meeting["zone"], meeting["in_japan"]) == ("Asia/Tokyo", True)
    assert main(["--db", url, "conflicts", "--json"]) == 0
    kinds = {c["kind"] for c in json.loads(capsys.readouterr().out)["conflicts"]}
    assert "night_session" not in kinds
    itinerary = read_itinerary(sqlite_database, "Lima")
    assert (itinerary.first, itinerary.last) == (DAYS[0], DAYS[2])
    (workshop,) = [m for day in itinerary.days for m in day.meetings]
    assert workshop.at_home is None  # read on Tokyo's clock, as in Japan
