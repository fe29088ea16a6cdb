"""The slot finder takes a delegation's time as the conflict check books it.

A conference with sessions holds its delegations through its sessions, not for its whole
span (the evening between two days of sessions is free); a session naming no delegation
is for its conference's; and a meeting filed under a conference clashes neither with
it nor, for a delegation, with a parallel session that does not name the delegation.
Every hour the finder offers, saved as that meeting, gives the check no double booking;
and every hour it holds busy, saved so, gives one.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, EventStatus, Venue
from cpp_scheduler.scheduling.conflicts import ConflictKind, find_conflicts
from cpp_scheduler.scheduling.inputs import Interval
from cpp_scheduler.services import editing
from cpp_scheduler.services.slot_grid import plan_meeting
from cpp_scheduler.services.slot_search import SlotAnswer, SlotSearch, search_slots
from cpp_scheduler.store import Database

MONDAY = date(2027, 1, 18)
DOUBLE_BOOKINGS = {ConflictKind.ATTENDEE_DOUBLE_BOOKED, ConflictKind.VENUE_DOUBLE_BOOKED}
HOUR = timedelta(hours=1)


def tokyo(day: int, hour: int) -> datetime:
    """``hour`` o'clock in Tokyo on Monday 18 January 2027 plus ``day`` days."""
    return datetime(2027, 1, 17, 15, tzinfo=UTC) + timedelta(days=day, hours=hour)


def _event(database: Database, title: str, start: datetime, hours: float, **values: Any) -> str:
    fields: dict[str, Any] = {
        "title": title,
        "kind": EventKind.WORKSHOP,
        "mode": EventMode.FACE_TO_FACE,
        "status": EventStatus.CONFIRMED,
        "zone": "Asia/Tokyo",
        "start_utc": start,
        "end_utc": start + hours * HOUR,
    }
    return editing.create(database, Event, fields | values)


@pytest.fixture
def forum(sqlite_database: Database) -> dict[str, str]:
    """A two-day housing forum for Tokyo's housing bureau in TDLC's hall, from 09:00 on
    Monday to 18:00 on Tuesday, and its sessions on Monday: 10:00 naming nobody (so for
    the bureau), 14:00 naming the bureau, 16:00 naming nobody, in the hall."""
    database = sqlite_database
    bureau = editing.create(
        database,
        Delegation,
        {"name": "Tokyo housing bureau", "country": "JP", "zone": "Asia/Tokyo"},
    )
    hall = editing.create(
        database, Venue, {"name": "TDLC hall", "locality": "Tokyo", "zone": "Asia/Tokyo"}
    )
    forum = _event(
        database,
        "Housing forum",
        tokyo(0, 9),
        33,
        kind=EventKind.CONFERENCE,
        venue_id=hall,
        delegation_ids=[bureau],
    )
    opening = _event(database, "Opening", tokyo(0, 10), 1, parent_id=forum)
    named = _event(
        database, "Rental markets", tokyo(0, 14), 1, parent_id=forum, delegation_ids=[bureau]
    )
    closing = _event(database, "Closing", tokyo(0, 16), 1, parent_id=forum, venue_id=hall)
    return {
        "bureau": bureau,
        "hall": hall,
        "forum": forum,
        "opening": opening,
        "named": named,
        "closing": closing,
    }


def _search(database: Database, program: dict[str, str], **values: Any) -> SlotAnswer:
    return search_slots(
        database,
        SlotSearch(
            attendee_ids=(program["bureau"],),
            duration=HOUR,
            first_day=MONDAY,
            last_day=MONDAY + timedelta(days=1),
            host=None,
            count=48,
            **values,
        ),
    )


def _double_booked(answer: SlotAnswer, start: datetime, program: dict[str, str]) -> bool:
    """Whether the check finds a double booking once the searched meeting is saved at
    ``start`` (filed under the conference the search names, naming the bureau)."""
    search = answer.search
    meeting = Interval(
        id="searched",
        event_id=search.instead_of or "searched",
        title="Searched meeting",
        start=start,
        end=start + search.duration,
        venue_id=search.venue_id,
        delegation_ids=frozenset({program["bureau"]}),
        ancestor_ids=answer.meeting.conference_ids,
    )
    snapshot = replace(answer.snapshot, intervals=(*answer.snapshot.intervals, meeting))
    return any(
        conflict.kind in DOUBLE_BOOKINGS and meeting.event_id in conflict.event_ids
        for conflict in find_conflicts(snapshot)
    )


def _printed_starts(capsys: pytest.CaptureFixture[str]) -> set[datetime]:
    """The starts ``slots --json`` printed."""
    slots = json.loads(capsys.readouterr().out)["slots"]
    return {datetime.fromisoformat(slot["start"]) for slot in slots}


def _offered(answer: SlotAnswer) -> set[datetime]:
    return {slot.start for slot in answer.slots}


def test_a_new_meeting_is_kept_from_the_sessions_not_from_the_whole_forum(
    sqlite_database: Database, forum: dict[str, str]
) -> None:
    answer = _search(sqlite_database, forum)
    offered = _offered(answer)
    # The opening names nobody, so it is the bureau's, as the check books it.
    assert tokyo(0, 10) not in offered
    assert tokyo(0, 14) not in offered
    assert tokyo(0, 16) not in offered
    # Between the sessions and in the evening between the forum's days, it is free.
    assert {tokyo(0, 12), tokyo(0, 20), tokyo(1, 11)} <= offered
    hours = [tokyo(0, hour) for hour in range(24)] + [tokyo(1, hour) for hour in range(24)]
    for start in hours:
        assert (start in offered) != _double_booked(answer, start, forum), start


def test_a_session_of_the_forum_is_kept_only_from_what_names_the_bureau(
    sqlite_database: Database, forum: dict[str, str]
) -> None:
    answer = _search(sqlite_database, forum, session_of=forum["forum"])
    offered = _offered(answer)
    assert answer.meeting.conference_ids == {forum["forum"]}
    # Parallel sessions naming nobody leave the bureau to choose; one naming it does not.
    assert {tokyo(0, 10), tokyo(0, 16)} <= offered
    assert tokyo(0, 14) not in offered
    for start in [tokyo(0, hour) for hour in range(24)]:
        assert (start in offered) != _double_booked(answer, start, forum), start


def test_the_forums_hall_is_free_for_its_own_sessions(
    sqlite_database: Database, forum: dict[str, str]
) -> None:
    # A workshop of its own in the hall: the forum holds it from Monday 09:00.
    alone = _search(sqlite_database, forum, venue_id=forum["hall"])
    assert not {tokyo(0, 12), tokyo(1, 11)} & _offered(alone)
    # A session of the forum shares its hall, but not the hour of another session in it.
    session = _search(sqlite_database, forum, venue_id=forum["hall"], session_of=forum["forum"])
    assert {tokyo(0, 12), tokyo(1, 11)} <= _offered(session)
    assert tokyo(0, 16) not in _offered(session)
    plan = plan_meeting(
        sqlite_database,
        SlotSearch(
            attendee_ids=(forum["bureau"],),
            duration=HOUR,
            first_day=MONDAY,
            last_day=MONDAY,
            host=None,
            venue_id=forum["hall"],
            session_of=forum["forum"],
        ),
    )
    assert plan.booked_during(tokyo(0, 12), tokyo(0, 13)) == ()
    assert [line.split(":")[0] for line in plan.booked_during(tokyo(0, 16), tokyo(0, 17))] == [
        "TDLC hall"
    ]


def test_a_session_given_a_new_time_is_kept_from_neither_its_forum_nor_itself(
    sqlite_database: Database, forum: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    # The session naming the bureau, moved: the command takes its conference itself.
    with sqlite_database.reading() as session:
        uid = session.get_one(Event, forum["named"]).uid
    url = sqlite_database.url.render_as_string(hide_password=False)
    arguments = [
        "slots",
        "--with",
        "Tokyo housing bureau",
        "--from",
        "2027-01-18",
        "--to",
        "2027-01-18",
    ]
    arguments += ["--no-host", "--duration", "1h", "--count", "24", "--json"]
    capsys.readouterr()
    assert main(["--db", url, *arguments, "--instead-of", uid]) == 0
    starts = {
        datetime.fromisoformat(slot["start"])
        for slot in json.loads(capsys.readouterr().out)["slots"]
    }
    answer = _search(sqlite_database, forum, instead_of=forum["named"], session_of=forum["forum"])
    assert starts == {start for start in _offered(answer) if start < tokyo(1, 0)}
    assert {tokyo(0, 10), tokyo(0, 14), tokyo(0, 16)} <= starts  # its own hour, and beside
    # Named as a conference's session by hand, the command answers as the dialog asks.
    assert main(["--db", url, *arguments, "--session-of", forum["forum"]]) == 0
    named = {
        datetime.fromisoformat(slot["start"])
        for slot in json.loads(capsys.readouterr().out)["slots"]
    }
    assert tokyo(0, 10) in named
    assert tokyo(0, 14) not in named
