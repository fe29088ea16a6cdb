"""Updates reach calendars: a stable UID, a SEQUENCE that rises with each change of time,
place or status, and coordinators told which way each client takes them."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.ical.export import ExportOptions, Method
from cpp_scheduler.model import Event, EventStatus
from cpp_scheduler.services import calendar_export
from cpp_scheduler.store import Database
from tests.ical.program import build_program

ROOT = Path(__file__).resolve().parents[2]


def exported(database: Database, uid: str, path: Path, method: Method) -> icalendar.Event:
    (written, *_) = calendar_export.export_calendar(
        database, calendar_export.EventScope(uid), path, ExportOptions(method=method)
    )
    calendar = icalendar.Calendar.from_ical(written.read_bytes())
    (event,) = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]
    return event


def test_a_moved_then_cancelled_event_keeps_its_uid_and_raises_its_sequence(
    database: Database, tmp_path: Path
) -> None:
    with database.transaction() as session:
        uid = build_program(session).workshop.uid
    first = exported(database, uid, tmp_path / "1.ics", Method.REQUEST)
    with database.transaction() as session:
        event = session.scalars(select(Event).where(Event.uid == uid)).one()
        event.start_utc += timedelta(hours=2)
        event.end_utc += timedelta(hours=2)
    moved = exported(database, uid, tmp_path / "2.ics", Method.REQUEST)
    with database.transaction() as session:
        event = session.scalars(select(Event).where(Event.uid == uid)).one()
        event.status = EventStatus.CANCELLED
    cancelled = exported(database, uid, tmp_path / "3.ics", Method.REQUEST)
    assert str(first["UID"]) == str(moved["UID"]) == str(cancelled["UID"]) == uid
    assert int(first["SEQUENCE"]) < int(moved["SEQUENCE"]) < int(cancelled["SEQUENCE"])
    calendar = icalendar.Calendar.from_ical((tmp_path / "3.ics").read_bytes())
    assert str(calendar["METHOD"]) == "CANCEL"


def test_coordinators_are_told_how_updates_reach_each_client(
    capsys: pytest.CaptureFixture[str],
) -> None:
    guide = (ROOT / "docs" / "calendar-updates.md").read_text(encoding="utf-8")
    for client in ("Outlook", "Google", "Apple Calendar", "Thunderbird"):
        assert client in guide
    assert "## Why Google ignores SEQUENCE on re-import" in guide
    assert "--method request" in guide
    with pytest.raises(SystemExit):
        main(["export", "ics", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "Google Calendar ignores updates to an imported file" in help_text
    assert "docs/calendar-updates.md" in help_text


@pytest.mark.parametrize(
    "module", sorted((ROOT / "cpp_scheduler" / "ical").glob("*.py")), ids=lambda path: path.name
)
def test_the_calendar_core_needs_no_qt_no_services_and_no_sessions(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not any(
        name.startswith(
            (
                "PySide6",
                "cpp_scheduler.services",
                "cpp_scheduler.cli",
                "cpp_scheduler.gui",
                "cpp_scheduler.store",
            )
        )
        for name in imported
    )
    assert "Session" not in module.read_text(encoding="utf-8")
