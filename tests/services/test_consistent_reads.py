"""A read that spans several queries sees the program at one moment.

A colleague's save lands, from a connection of its own, right after the first query of a
read: the calendar file, the program file, the window's rows and the conflict check made
by that read are exactly what they were before the save (never an event with its old
title beside its new delegation), and the next read shows the save whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler.model import Delegation, Event
from cpp_scheduler.programfile.exporter import export_program
from cpp_scheduler.services import calendar_reads, checking, editing
from cpp_scheduler.services.calendar_export import ProgramScope, export_calendar
from cpp_scheduler.store import Database, open_database
from tests.colleagues import colleague_saves_after_first_query

NINE = datetime(2027, 4, 5, 0, 0, tzinfo=UTC)


@pytest.fixture
def program(database: Database) -> dict[str, str]:
    """Two delegations; the Kobe workshop for Alpha, at the hour of Alpha's site visit."""
    ids = {
        name: editing.create(
            database, Delegation, {"name": name, "country": "PE", "zone": "America/Lima"}
        )
        for name in ("Alpha", "Beta")
    }
    ids["workshop"] = editing.create(
        database,
        Event,
        {
            "title": "Kobe workshop for Alpha",
            "start_utc": NINE,
            "end_utc": NINE + timedelta(hours=2),
            "delegation_ids": [ids["Alpha"]],
        },
    )
    editing.create(
        database,
        Event,
        {
            "title": "Yokohama site visit",
            "start_utc": NINE,
            "end_utc": NINE + timedelta(hours=1),
            "delegation_ids": [ids["Alpha"]],
        },
    )
    return ids


def _calendar_text(database: Database, path: Path) -> str:
    export_calendar(database, ProgramScope(), path, with_attendees=True)
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("DTSTAMP"))


def _program_file(database: Database, path: Path) -> Any:
    export_program(database, path)
    return json.loads(path.read_text(encoding="utf-8"))


def _rows(database: Database) -> Any:
    return sorted(calendar_reads.load_event_rows(database))


def _conflicts(database: Database) -> Any:
    return sorted(repr(conflict) for conflict in checking.check_program(database))


READS: dict[str, Callable[[Database, Path], Any]] = {
    "calendar file": _calendar_text,
    "program file": _program_file,
    "window rows": lambda database, _path: _rows(database),
    "conflict check": lambda database, _path: _conflicts(database),
}


@pytest.mark.parametrize("read", list(READS))
def test_a_save_during_a_read_is_not_half_seen(
    database: Database, program: dict[str, str], read: str, tmp_path: Path
) -> None:
    reading = READS[read]
    before = reading(database, tmp_path / "before")
    colleague = open_database(database.url.render_as_string(hide_password=False))
    version = editing.stored(database, Event, program["workshop"]).version

    def move_to_beta() -> None:
        editing.change(
            colleague,
            Event,
            program["workshop"],
            {"title": "Kobe workshop for Beta", "delegation_ids": [program["Beta"]]},
            version,
        )

    try:
        with colleague_saves_after_first_query(database, move_to_beta) as saved:
            during = reading(database, tmp_path / "during")
        assert saved.is_set()
        after = reading(database, tmp_path / "after")
    finally:
        colleague.close()
    assert during == before
    assert after != before, "the colleague's save changes what this read shows"
