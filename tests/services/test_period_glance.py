"""The glance at the period on screen, read from a SQLite file before the database layer
loads: the very rows the calendar's read gives, or none where only the open can tell."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cpp_scheduler import i18n
from cpp_scheduler.services.calendar_reads import load_event_rows
from cpp_scheduler.services.demo import SERIES, load_demo
from cpp_scheduler.services.period_glance import glance_at_period
from cpp_scheduler.services.rows import EventRow
from cpp_scheduler.store import Database, migrations

CONFERENCE_WEEK = (datetime(2027, 2, 14, 15, tzinfo=UTC), datetime(2027, 2, 21, 15, tzinfo=UTC))
REPOSITORY = Path(__file__).resolve().parents[2]


def by_meeting(rows: list[EventRow] | None) -> list[EventRow]:
    """The rows in one order (the reads give them in none)."""
    return sorted(rows or [], key=repr)


def test_the_glance_gives_the_rows_the_calendars_read_gives(
    sqlite_database: Database, sqlite_path: Path
) -> None:
    """The demo's week of the conference: its events, and the series with its moved and
    cancelled meetings, in English and in Japanese."""
    load_demo(sqlite_database)
    glanced = glance_at_period(sqlite_path, CONFERENCE_WEEK)
    assert glanced is not None
    assert SERIES in {row.title for row in glanced}
    assert by_meeting(glanced) == by_meeting(
        load_event_rows(sqlite_database, between=CONFERENCE_WEEK)
    )
    i18n.use_language(i18n.JAPANESE)
    try:
        assert by_meeting(glance_at_period(sqlite_path, CONFERENCE_WEEK)) == by_meeting(
            load_event_rows(sqlite_database, between=CONFERENCE_WEEK)
        )
    finally:
        i18n.use_language(i18n.ENGLISH)


def test_the_glance_reads_the_database_the_environment_names(
    sqlite_database: Database, sqlite_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(sqlite_database)
    monkeypatch.setenv("CPP_SCHEDULER_DB", str(sqlite_path))
    assert by_meeting(glance_at_period(None, CONFERENCE_WEEK)) == by_meeting(
        load_event_rows(sqlite_database, between=CONFERENCE_WEEK)
    )


def test_the_glance_leaves_what_only_the_open_can_tell_to_it(
    sqlite_database: Database, sqlite_path: Path, tmp_path: Path
) -> None:
    """A URL, a missing, foreign or differently stamped file: no rows, and the file as
    it was."""
    load_demo(sqlite_database)
    sqlite_database.close()
    assert glance_at_period(f"sqlite:///{sqlite_path}", CONFERENCE_WEEK) is None
    assert glance_at_period(tmp_path / "missing.sqlite", CONFERENCE_WEEK) is None
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database\n")
    assert glance_at_period(text, CONFERENCE_WEEK) is None
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE events (id TEXT)")
    connection.close()
    assert glance_at_period(foreign, CONFERENCE_WEEK) is None

    with sqlite3.connect(sqlite_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = sorted(path.name for path in tmp_path.iterdir())
    assert glance_at_period(sqlite_path, CONFERENCE_WEEK) is None
    assert sorted(path.name for path in tmp_path.iterdir()) == before


def test_the_glance_leaves_a_read_only_file_to_the_open(
    sqlite_database: Database, sqlite_path: Path
) -> None:
    """The open refuses it with its message; the week does not show it first."""
    sqlite_database.close()
    sqlite_path.chmod(0o444)
    try:
        if os.access(sqlite_path, os.W_OK):
            pytest.skip("this user writes to read-only files")
        assert glance_at_period(sqlite_path, CONFERENCE_WEEK) is None
    finally:
        sqlite_path.chmod(0o644)


def test_the_glance_knows_the_schema_the_program_ships() -> None:
    from cpp_scheduler.services import period_glance

    assert period_glance._shipped_head() == migrations.shipped_head()


def test_the_glance_does_not_load_the_database_layer(
    sqlite_database: Database, sqlite_path: Path
) -> None:
    load_demo(sqlite_database)
    sqlite_database.close()
    script = textwrap.dedent(f"""
        import sys
        from datetime import UTC, datetime
        from cpp_scheduler.services.period_glance import glance_at_period
        rows = glance_at_period({str(sqlite_path)!r}, (datetime(2027, 2, 14, tzinfo=UTC),
                                                      datetime(2027, 2, 21, tzinfo=UTC)))
        assert rows, "the week of the conference has events"
        print(",".join(name for name in ("sqlalchemy", "cpp_scheduler.store")
                       if name in sys.modules))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPOSITORY, check=True
    )
    assert done.stdout.strip() == ""
