"""The tour builder's board (and ``cpp-scheduler tours``) says what the conflict check
finds of the tour's activities, as the conflicts panel says it: a visit the delegation
cannot reach in time from the last, at a venue closed by then. The board once counted
only its legs, nights and days, and called such a tour nearly ready.

The demo's Peru study tour in a SQLite file of the test's own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, EventStatus, TourDay, Venue
from cpp_scheduler.scheduling.conflicts import ConflictKind
from cpp_scheduler.services import editing, tours
from cpp_scheduler.services.tour_cards import card_text
from cpp_scheduler.store import Database
from tests.tour_scenarios import change_event, demo_copy, tour_id

THURSDAY = date(2027, 3, 11)
"""Kobe to Kitakyushu by the 08:30 train, Eco-Town until 15:30, a night in Kokura."""
WIND_FARM = "Site visit: Hibikinada wind farm and port"


@pytest.fixture
def demo(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    database = demo_copy(demo_sqlite_path, tmp_path)
    yield database
    database.close()


def visit_on_thursday_in_kobe(database: Database) -> None:
    """A visit added on Thursday at 16:30-18:00, at the Kobe venue the builder first
    offered, which closes at 17:30: an hour after Eco-Town ends, in another city."""
    with database.transaction() as session:
        day = session.scalars(select(TourDay).where(TourDay.day == THURSDAY)).one()
        venue = session.scalars(select(Venue).where(Venue.name.like("Disaster Reduction%"))).one()
        peru = session.scalars(select(Delegation).where(Delegation.name.like("Peru%"))).one()
        editing.create_record(
            session,
            Event,
            {
                "title": WIND_FARM,
                "kind": EventKind.SITE_VISIT,
                "mode": EventMode.FACE_TO_FACE,
                "status": EventStatus.CONFIRMED,
                "zone": "Asia/Tokyo",
                "start_utc": datetime(2027, 3, 11, 7, 30, tzinfo=UTC),
                "end_utc": datetime(2027, 3, 11, 9, 0, tzinfo=UTC),
                "venue_id": venue.id,
                "tour_day_id": day.id,
                "delegation_ids": [peru.id],
            },
        )


def test_a_visit_the_delegation_cannot_reach_is_flagged_on_its_line_and_counted(
    demo: Database,
) -> None:
    assert tours.read_board(demo, tour_id(demo)).problem_count == 0  # everything fits
    visit_on_thursday_in_kobe(demo)

    board = tours.read_board(demo, tour_id(demo))

    kinds = {finding.kind for finding in board.findings}
    assert kinds == {ConflictKind.TRAVEL_TOO_SHORT, ConflictKind.OUTSIDE_OPENING_HOURS}
    assert board.problem_count == 2
    told = card_text(board.day(THURSDAY))
    (line,) = [entry for entry in told.entries if entry.event and entry.event.title == WIND_FARM]
    assert line.problem is not None
    assert "cannot get from Site visit: Kitakyushu Eco-Town" in line.problem
    (warning,) = told.warnings  # the other finding, under the day
    assert "outside the opening hours" in warning
    assert not [e for e in told.entries if e.problem and e.event and e.event.title != WIND_FARM]


def test_the_board_says_what_conflicts_says_of_the_tours_activities(
    demo: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every finding ``cpp-scheduler conflicts`` makes over the tour's days that names
    one of its activities is on the board (and ``tours``), and the board adds none."""
    visit_on_thursday_in_kobe(demo)
    tour = tour_id(demo)
    with demo.reading() as session:
        activities = set(
            session.scalars(
                select(Event.id)
                .join(TourDay, Event.tour_day_id == TourDay.id)
                .where(TourDay.tour_id == tour)
            )
        )
    url = demo.url.render_as_string(hide_password=False)
    capsys.readouterr()
    command = ["--db", url, "conflicts", "--from", "2027-03-08", "--to", "2027-03-12", "--json"]
    assert main(command) == 0
    found = json.loads(capsys.readouterr().out)["conflicts"]
    of_activities = {c["message"] for c in found if activities & set(c["event_ids"])}
    assert of_activities  # the two of the visit on Thursday
    board = tours.read_board(demo, tour)
    assert {f.message for f in board.findings} == of_activities


def test_an_activity_held_days_after_the_tour_is_judged_where_it_is_held(
    demo: Database,
) -> None:
    """The wrap-up dragged to Monday 15 March, three days after the tour and the
    delegation's stay: the board says both what the check finds of it, not only that it
    is held outside the tour (it read the program over the tour's days alone)."""
    change_event(
        demo,
        "Study tour wrap-up",
        start_utc=datetime(2027, 3, 15, 6, 30, tzinfo=UTC),
        end_utc=datetime(2027, 3, 15, 8, tzinfo=UTC),
    )

    board = tours.read_board(demo, tour_id(demo))

    kinds = [finding.kind for finding in board.findings]
    assert ConflictKind.ACTIVITY_OUTSIDE_TOUR in kinds
    assert ConflictKind.OUTSIDE_STAY in kinds
    assert board.problem_count == len(kinds) == 2


def test_an_activity_the_delegation_does_not_attend_is_said_on_the_board_and_by_the_check(
    demo: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """The wrap-up, Peru's delegation and its members taken off it in the event dialog,
    stays filed under the tour's last day: the board shows it, the delegation's schedule
    and itinerary leave it out. The board says so under it, as ``conflicts`` does."""
    wrap_up = change_event(demo, "Study tour wrap-up", delegations=[], participants=[])
    url = str(demo.url.render_as_string(hide_password=False))

    board = tours.read_board(demo, tour_id(demo))
    peru = "Peru: Ministry of Housing, Construction and Sanitation"
    assert main(["--db", url, "schedule", "--delegation", peru, "--json"]) == 0
    schedule = json.loads(capsys.readouterr().out)
    assert main(["--db", url, "conflicts", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["conflicts"]

    assert wrap_up not in {meeting["event_id"] for meeting in schedule["meetings"]}
    [finding] = [f for f in board.findings if f.kind is ConflictKind.ACTIVITY_NOT_ATTENDED]
    assert finding.message.endswith(
        "'Study tour wrap-up: the delegation's action plan' is filed under the tour but names "
        "neither Peru: Ministry of Housing, Construction and Sanitation nor any of its "
        "members: its schedule and itinerary leave it out"
    )
    assert finding.message in {c["message"] for c in found}
    [card] = [e for day in board.days for e in day.events if e.id == wrap_up]
    assert card.problem == "Filed under the tour, not attended by the delegation"
