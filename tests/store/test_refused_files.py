"""A ``--db`` the program refuses is refused at once, in one line, and never written to.

Pipes, devices and paths longer than the system allows are told by ``os.stat`` before
anything opens them; another program's SQLite file is recognised on a read-only
connection, so it keeps its journal mode, its bytes and its modification time.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from cpp_scheduler.store import NotADatabaseError, StoreError, open_database
from cpp_scheduler.store.database import create_store_engine, resolve_url
from tests.hostile import run_cli, state_of
from tests.store.test_bad_input import refusal


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "program.sqlite"
    os.mkfifo(pipe)
    result = run_cli("--db", str(pipe), "events", "list")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"cpp-scheduler: cannot open {pipe}: it is a named pipe, not a database file"
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["program.sqlite"]


def test_a_device_is_refused() -> None:
    error = refusal("/dev/null")
    assert isinstance(error, NotADatabaseError)
    assert str(error) == "cannot open /dev/null: it is a device, not a database file"


@pytest.mark.parametrize("length", [300, 5_000], ids=["long-name", "beyond-path-max"])
def test_a_path_longer_than_the_system_allows(tmp_path: Path, length: int) -> None:
    if length > 300:
        path = tmp_path.joinpath(*["folder"] * (length // 7)) / "program.sqlite"
    else:
        path = tmp_path / ("p" * length + ".sqlite")
    result = run_cli("--db", str(path), "events", "list")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"cpp-scheduler: cannot open {str(path)[:100]}")
    assert "Traceback" not in result.stderr
    assert len(lines[0]) < 400
    assert list(tmp_path.iterdir()) == []


def _foreign_sqlite(path: Path, *, alembic_revision: str | None = None) -> None:
    """Another program's SQLite file, in the rollback-journal mode most programs keep."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("CREATE TABLE invoices (number INTEGER PRIMARY KEY, total REAL)")
        connection.execute("INSERT INTO invoices VALUES (1, 120.5)")
        if alembic_revision:
            connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
            connection.execute("INSERT INTO alembic_version VALUES (?)", (alembic_revision,))
    connection.close()


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        (None, "holds other tables (invoices) and is not a CPP Scheduler database"),
        (
            "1a2b3c4d5e6f",
            "is managed by another program (its schema 1a2b3c4d5e6f is not a CPP Scheduler schema)",
        ),
    ],
    ids=["plain", "with-alembic"],
)
def test_another_programs_sqlite_file_is_left_exactly_as_it_was(
    tmp_path: Path, revision: str | None, message: str
) -> None:
    path = tmp_path / "accounts.db"
    _foreign_sqlite(path, alembic_revision=revision)
    before = state_of(tmp_path)
    result = run_cli("--db", str(path), "events", "list")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"cpp-scheduler: {path} {message}; choose another file or an empty database"
    ]
    assert state_of(tmp_path) == before
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()


def test_an_empty_sqlite_file_of_another_program_is_filled(tmp_path: Path) -> None:
    """A SQLite file with no tables is an empty database: the program may make it its own."""
    path = tmp_path / "program.sqlite"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    open_database(path).close()
    assert "events" in {
        row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")
    }


def test_our_own_closed_database_opens_without_leftovers(tmp_path: Path) -> None:
    """The read-only look at a closed WAL file leaves no -wal or -shm file of its own."""
    path = tmp_path / "program.sqlite"
    open_database(path).close()
    before = state_of(tmp_path)
    open_database(path).close()
    assert sorted(state_of(tmp_path)) == sorted(before) == ["program.sqlite"]


@pytest.mark.postgres
def test_another_programs_postgresql_database_is_left_as_it_was(postgres_url: str) -> None:
    engine = create_store_engine(resolve_url(postgres_url))
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE invoices (number INTEGER PRIMARY KEY)")
        connection.exec_driver_sql("INSERT INTO invoices VALUES (1)")
    with pytest.raises(StoreError) as caught:
        open_database(postgres_url)
    assert "holds other tables (invoices) and is not a CPP Scheduler database" in str(caught.value)
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == {"invoices"}
        assert connection.exec_driver_sql("SELECT number FROM invoices").all() == [(1,)]
    engine.dispose()
