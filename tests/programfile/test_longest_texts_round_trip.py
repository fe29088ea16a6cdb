"""Whatever text the program saves, its program file carries back: the longest agenda a
save takes comes back whole from the backup, and a longer one is refused at the save, in
the line the backup's reader would have given, not later when the backup is restored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler import limits
from cpp_scheduler.model import Event, ValidationError
from cpp_scheduler.programfile import export_program, import_program
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database, open_database

START = datetime(2027, 2, 16, 1, tzinfo=UTC)
LONGEST = limits.MAX_TEXT_LENGTH


def _save(database: Database, title: str, description: str) -> None:
    with database.transaction() as session:
        editing.create_record(
            session,
            Event,
            {
                "title": title,
                "start_utc": START,
                "end_utc": START + timedelta(hours=1),
                "description": description,
                "notes": "n" * LONGEST,
            },
        )


def test_the_longest_agenda_saved_comes_back_from_the_backup(
    sqlite_database: Database, tmp_path: Path
) -> None:
    agenda = ("Opening by the mayor of Kobe\n" * 4_000)[:LONGEST]
    _save(sqlite_database, "T" * 300, agenda)
    with pytest.raises(ValidationError) as caught:
        _save(sqlite_database, "Kobe DRR workshop", agenda + "x")
    assert "description: 100,001 characters, more than the 100,000 a text may hold" in str(
        caught.value
    )
    backup = tmp_path / "backup.json"
    export_program(sqlite_database, backup)
    fresh = open_database(tmp_path / "fresh.sqlite", seed=False)
    try:
        report = import_program(fresh, backup)
        assert report.created > 0
        with fresh.session() as session:
            [event] = session.scalars(select(Event)).all()
            assert (event.title, event.description, len(event.notes)) == (
                "T" * 300,
                agenda,
                LONGEST,
            )
    finally:
        fresh.close()
