"""A conference session held on a day outside the conference's own dates is a finding:
a warning dated on the session's days outside them, said in a sentence a coordinator
reads, found by the check of the whole program and by the check of those days alone
(which does not read the conference), under a kind of its own that
``cpp-scheduler conflicts`` names (and the Conflicts dock's kind filter, which lists
every kind declared). In a SQLite copy of the demo, whose conference runs
from Monday 15 to Tuesday 16 February 2027."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, EventKind, EventMode, EventStatus
from cpp_scheduler.scheduling.conflicts import Conflict, ConflictKind, Severity
from cpp_scheduler.services import editing
from cpp_scheduler.services.checking import check
from cpp_scheduler.services.demo import CONFERENCE
from cpp_scheduler.store import Database
from tests.tour_scenarios import demo_copy

EXCURSION = "Excursion: Tokyo Bay flood barriers"
THURSDAY = date(2027, 2, 18)
MESSAGE = (
    f"{EXCURSION} is held on Thu 18 Feb 2027, outside the dates of its conference "
    f"{CONFERENCE} (Mon 15 Feb to Tue 16 Feb 2027)"
)


def add_session(database: Database, start: datetime, end: datetime) -> str:
    """A hybrid session of the demo's conference, naming nobody."""
    with database.session() as session:
        conference = session.scalars(select(Event.id).where(Event.title == CONFERENCE)).one()
    return editing.create(
        database,
        Event,
        {
            "title": EXCURSION,
            "kind": EventKind.CONFERENCE,
            "mode": EventMode.HYBRID,
            "status": EventStatus.CONFIRMED,
            "zone": "Asia/Tokyo",
            "start_utc": start,
            "end_utc": end,
            "parent_id": conference,
        },
    )


def outside(
    database: Database, first: date | None = None, last: date | None = None
) -> list[Conflict]:
    """The findings of sessions outside their conference, of the whole program or of
    the Tokyo days ``first`` to ``last``."""
    start = end = None
    if first is not None and last is not None:
        start, end = timezones.local_days(first, last, timezones.TOKYO)
    found = check(database, start, end).conflicts
    return [c for c in found if c.kind is ConflictKind.SESSION_OUTSIDE_CONFERENCE]


def test_a_session_after_its_conference_ends_is_a_warning_on_its_day(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    database = demo_copy(demo_sqlite_path, tmp_path)
    assert outside(database) == [], "the demo's sessions are on its conference's days"
    session_id = add_session(
        database,
        datetime(2027, 2, 18, 1, 0, tzinfo=UTC),
        datetime(2027, 2, 18, 3, 0, tzinfo=UTC),
    )
    (finding,) = outside(database)
    assert finding.severity is Severity.WARNING
    assert finding.message == MESSAGE
    assert finding.event_ids == (session_id,)
    assert finding.days == (THURSDAY,)
    assert finding.start == datetime(2027, 2, 18, 1, 0, tzinfo=UTC)
    assert finding.kind.label == "Session outside the conference's dates"
    # The day alone, which does not read the conference, says the same; its days don't.
    assert outside(database, THURSDAY, THURSDAY) == [finding]
    assert outside(database, date(2027, 2, 15), date(2027, 2, 17)) == []
    database.close()


def test_a_session_running_past_midnight_is_found_on_the_day_after_the_conference_only(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    """Tuesday 22:00 to Wednesday 01:00 in Tokyo: Tuesday is the conference's, Wednesday
    is not."""
    database = demo_copy(demo_sqlite_path, tmp_path)
    add_session(
        database,
        datetime(2027, 2, 16, 13, 0, tzinfo=UTC),
        datetime(2027, 2, 16, 16, 0, tzinfo=UTC),
    )
    (finding,) = outside(database)
    assert finding.days == (date(2027, 2, 17),)
    assert "is held on Wed 17 Feb 2027, outside the dates" in finding.message
    assert outside(database, date(2027, 2, 16), date(2027, 2, 16)) == []
    database.close()


def test_the_command_names_the_kind(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = demo_copy(demo_sqlite_path, tmp_path)
    add_session(
        database,
        datetime(2027, 2, 18, 1, 0, tzinfo=UTC),
        datetime(2027, 2, 18, 3, 0, tzinfo=UTC),
    )
    path = database.url.database
    database.close()
    assert path is not None
    assert main(["conflicts", "--from", "2027-02-18", "--to", "2027-02-18", "--db", path]) == 0
    out = capsys.readouterr().out
    assert f"WARNING  Thu 18 Feb 10:00  Session outside the conference's dates: {MESSAGE}" in out
    assert main(["conflicts", "--json", "--db", path]) == 0
    kinds = [c["kind"] for c in json.loads(capsys.readouterr().out)["conflicts"]]
    assert kinds.count("session_outside_conference") == 1
