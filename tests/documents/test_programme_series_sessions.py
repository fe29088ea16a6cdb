"""A session that repeats (a morning briefing each day of the conference) is in the
programme at each of its meetings, as the calendar and ``events list`` hold them: the
programme read the session's own row, and printed its first meeting alone. A meeting
cancelled alone is left out, as everywhere; one moved is at its new time, "(moved)"."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.documents.programme import programme_document, read_programme
from cpp_scheduler.model import Event, EventKind, EventMode
from cpp_scheduler.services import editing, series
from cpp_scheduler.services.demo import CONFERENCE, load_demo
from cpp_scheduler.store import Database

BRIEFING = "Morning briefing"
MONDAY = datetime(2027, 2, 14, 23, 0, tzinfo=UTC)  # Mon 15 Feb 08:00 in Tokyo
TUESDAY = MONDAY + timedelta(days=1)


def _version(database: Database, event_id: str) -> int:
    version = editing.stored(database, Event, event_id).version
    assert version is not None
    return version


def test_a_daily_session_is_in_the_programme_at_each_of_its_meetings(
    sqlite_database: Database, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo(sqlite_database)
    with sqlite_database.reading() as session:
        conference = session.scalars(select(Event.id).where(Event.title == CONFERENCE)).one()
    briefing = editing.create(
        sqlite_database,
        Event,
        {
            "title": BRIEFING,
            "kind": EventKind.WORKSHOP,
            "mode": EventMode.FACE_TO_FACE,
            "zone": "Asia/Tokyo",
            "start_utc": MONDAY,
            "end_utc": MONDAY + timedelta(minutes=30),
            "recurrence_rule": "FREQ=DAILY;COUNT=2",
            "parent_id": conference,
        },
    )

    def briefings() -> list[tuple[datetime, bool]]:
        programme = read_programme(sqlite_database, conference)
        return [(s.start, s.moved) for s in programme.sessions if s.title == BRIEFING]

    def listed() -> list[datetime]:
        assert main(["events", "list", "--db", str(sqlite_path), "--json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        return [datetime.fromisoformat(r["start"]) for r in rows if r["title"] == BRIEFING]

    assert [start for start, _moved in briefings()] == listed() == [MONDAY, TUESDAY]
    assert not any(moved for _start, moved in briefings())
    assert len(read_programme(sqlite_database, conference).held) == 14  # the demo's 12 and 2

    series.cancel_meeting(sqlite_database, briefing, MONDAY, _version(sqlite_database, briefing))
    later = TUESDAY + timedelta(hours=1)
    series.move_meeting(
        sqlite_database,
        briefing,
        TUESDAY,
        later,
        later + timedelta(minutes=30),
        _version(sqlite_database, briefing),
    )
    assert [start for start, _moved in briefings()] == listed() == [later]
    assert briefings() == [(later, True)]
    text = programme_document(read_programme(sqlite_database, conference)).html()
    assert "09:00–09:30" in text
    assert "(moved)" in text
