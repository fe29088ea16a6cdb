"""A conference called off takes its sessions with it: the calendar's rows, the command
line, the calendar files and the change report give them as cancelled, as the documents
and the conflict check do, whatever each session's own status says."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, EventKind, EventStatus, Participant
from cpp_scheduler.model.event import called_off
from cpp_scheduler.services import calendar_reads
from cpp_scheduler.services.calendar_export import ProgramScope, export_calendar
from cpp_scheduler.services.changes import facts_of
from cpp_scheduler.store import Database

OPENING = datetime(2027, 2, 15, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo


def a_conference(database: Database) -> dict[str, str]:
    """A conference of two sessions (one a session of the other: a panel in a plenary),
    and a workshop of its own; the ids by title."""
    with database.transaction() as session:
        conference = Event(
            title="CPP Conference 2027",
            kind=EventKind.CONFERENCE,
            start_utc=OPENING,
            end_utc=OPENING + timedelta(hours=8),
        )
        plenary = Event(
            title="Opening plenary",
            start_utc=OPENING,
            end_utc=OPENING + timedelta(hours=2),
            parent=conference,
            participants=[Participant(name="Ana Quispe", email="ana@lima.example")],
        )
        panel = Event(
            title="Mayors' panel",
            start_utc=OPENING + timedelta(hours=1),
            end_utc=OPENING + timedelta(hours=2),
            parent=plenary,
        )
        workshop = Event(
            title="Kobe DRR workshop",
            start_utc=OPENING + timedelta(days=1),
            end_utc=OPENING + timedelta(days=1, hours=2),
        )
        session.add_all([conference, plenary, panel, workshop])
        session.flush()
        return {event.title: event.id for event in (conference, plenary, panel, workshop)}


def cancel(database: Database, event_id: str) -> None:
    with database.transaction() as session:
        event = session.get(Event, event_id)
        assert event is not None
        event.status = EventStatus.CANCELLED


def test_the_sessions_of_a_cancelled_conference_are_cancelled_everywhere(
    database: Database, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = a_conference(database)
    cancel(database, ids["CPP Conference 2027"])
    held = {ids["Kobe DRR workshop"]}
    with database.session() as session:
        assert called_off(session) == set(ids.values()) - held
        facts = facts_of(session)
    assert {title: facts[event_id].status for title, event_id in ids.items()} == {
        "CPP Conference 2027": "cancelled",
        "Opening plenary": "cancelled",
        "Mayors' panel": "cancelled",
        "Kobe DRR workshop": "tentative",
    }
    rows = {row.title: row.status for row in calendar_reads.load_event_rows(database)}
    assert rows == {
        "CPP Conference 2027": EventStatus.CANCELLED,
        "Opening plenary": EventStatus.CANCELLED,
        "Mayors' panel": EventStatus.CANCELLED,
        "Kobe DRR workshop": EventStatus.TENTATIVE,
    }
    assert main(["--db", database_url, "events", "list", "--json"]) == 0
    listed = {event["title"]: event["status"] for event in json.loads(capsys.readouterr().out)}
    assert listed == {title: status.value for title, status in rows.items()}

    path = tmp_path / "program.ics"
    export_calendar(database, ProgramScope(), path)
    written = {
        str(vevent["SUMMARY"]): str(vevent["STATUS"])
        for vevent in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    }
    assert written == {
        "CPP Conference 2027": "CANCELLED",
        "Opening plenary": "CANCELLED",
        "Mayors' panel": "CANCELLED",
        "Kobe DRR workshop": "TENTATIVE",
    }


def test_a_session_read_again_with_its_conference_shows_the_conference_called_off(
    database: Database,
) -> None:
    """The window reads a changed event's rows again with its sessions' (their status
    follows the conference's), in one read."""
    ids = a_conference(database)
    cancel(database, ids["CPP Conference 2027"])
    read, rows = calendar_reads.load_rows_with_sessions(database, [ids["CPP Conference 2027"]])
    assert set(read) == set(ids.values()) - {ids["Kobe DRR workshop"]}
    assert {row.status for row in rows} == {EventStatus.CANCELLED}


def confirm(database: Database, *event_ids: str) -> None:
    with database.transaction() as session:
        for event_id in event_ids:
            event = session.get(Event, event_id)
            assert event is not None
            event.status = EventStatus.CONFIRMED


def test_the_confirmed_sessions_of_a_tentative_conference_are_tentative_everywhere(
    database: Database, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A session is no surer than its conference: the calendar, the command line, the
    calendar files and the change report say "tentative", as the printed programme,
    itinerary and run sheet do."""
    ids = a_conference(database)
    confirm(database, ids["Opening plenary"], ids["Mayors' panel"], ids["Kobe DRR workshop"])
    expected = {
        "CPP Conference 2027": EventStatus.TENTATIVE,
        "Opening plenary": EventStatus.TENTATIVE,
        "Mayors' panel": EventStatus.TENTATIVE,
        "Kobe DRR workshop": EventStatus.CONFIRMED,
    }
    rows = {row.title: row.status for row in calendar_reads.load_event_rows(database)}
    assert rows == expected
    with database.session() as session:
        facts = facts_of(session)
        entities = {event.title: event.held_status for event in session.query(Event)}
    assert {title: facts[event_id].status for title, event_id in ids.items()} == {
        title: status.value for title, status in expected.items()
    }
    assert entities == expected
    assert main(["--db", database_url, "events", "list", "--json"]) == 0
    listed = {event["title"]: event["status"] for event in json.loads(capsys.readouterr().out)}
    assert listed == {title: status.value for title, status in expected.items()}
    path = tmp_path / "program.ics"
    export_calendar(database, ProgramScope(), path)
    written = {
        str(vevent["SUMMARY"]): str(vevent["STATUS"])
        for vevent in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    }
    assert written == {title: status.value.upper() for title, status in expected.items()}

    confirm(database, ids["CPP Conference 2027"])
    rows = {row.title: row.status for row in calendar_reads.load_event_rows(database)}
    assert set(rows.values()) == {EventStatus.CONFIRMED}, "confirmed with the conference"


def test_a_cancelled_conference_under_a_tentative_one_is_cancelled(database: Database) -> None:
    ids = a_conference(database)
    confirm(database, ids["Mayors' panel"])
    cancel(database, ids["Opening plenary"])
    rows = {row.title: row.status for row in calendar_reads.load_event_rows(database)}
    assert rows["Opening plenary"] is EventStatus.CANCELLED
    assert rows["Mayors' panel"] is EventStatus.CANCELLED
    assert rows["CPP Conference 2027"] is EventStatus.TENTATIVE
