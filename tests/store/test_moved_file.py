"""A shared program file moved or deleted while it is open.

Colleagues find the program by its path. A save into a file no longer there would be
lost from their sight, and a file made anew at the path would be an empty program they
open as the real one: the save is refused with one line, nothing but creating a program
makes its file, and the live watcher says the file is lost until it is back.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from cpp_scheduler.model import Event, TravelTime
from cpp_scheduler.services import checking, editing
from cpp_scheduler.services.live import ChangeWatcher
from cpp_scheduler.store import Database, open_database
from cpp_scheduler.store.errors import FileMovedError

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


@pytest.fixture
def program(sqlite_database: Database) -> tuple[Database, str]:
    event = editing.create(
        sqlite_database,
        Event,
        {"title": "Kobe workshop", "start_utc": START, "end_utc": START + timedelta(hours=1)},
    )
    return sqlite_database, event


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            shutil.move(f"{path}{suffix}", folder / f"{path.name}{suffix}")
    return folder / path.name


def _title_in(path: Path, event: str) -> str:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT title FROM events WHERE id = ?", (event,)).fetchone()
        return str(row[0])
    finally:
        connection.close()


def test_a_save_into_a_moved_file_is_refused_in_one_line_and_makes_no_file(
    program: tuple[Database, str], tmp_path: Path
) -> None:
    database, event = program
    path = Path(str(database.url.database))
    moved = _move(path, tmp_path / "archive")

    with pytest.raises(FileMovedError) as refused:
        editing.change(database, Event, event, {"title": "Saved after the move"}, 1)

    assert str(refused.value) == (
        f"program.sqlite was moved or deleted from {path.parent}; nothing was saved"
    )
    assert not path.exists()
    assert _title_in(moved, event) == "Kobe workshop"


def test_a_new_connection_never_makes_a_new_file_where_the_program_was(
    program: tuple[Database, str], tmp_path: Path
) -> None:
    database, event = program
    path = Path(str(database.url.database))
    _move(path, tmp_path / "archive")
    database.engine.dispose()  # every connection made from now on is a new one

    with pytest.raises(FileMovedError, match="was moved or deleted from"):
        editing.stored(database, Event, event)
    with pytest.raises(FileMovedError, match=r"; nothing was saved$"):
        editing.change(database, Event, event, {"title": "Saved after the move"}, 1)
    assert not path.exists()


def test_a_deleted_file_is_refused_too(program: tuple[Database, str]) -> None:
    database, event = program
    path = Path(str(database.url.database))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)

    with pytest.raises(FileMovedError):
        editing.change(database, Event, event, {"title": "Saved after the deletion"}, 1)
    assert not path.exists()


def test_another_program_made_at_the_path_is_not_the_file_open_here(
    program: tuple[Database, str], tmp_path: Path
) -> None:
    database, event = program
    path = Path(str(database.url.database))
    _move(path, tmp_path / "archive")
    open_database(path).close()  # a colleague's File > New at the same path

    with pytest.raises(FileMovedError):
        editing.change(database, Event, event, {"title": "Saved into the new one?"}, 1)
    other = open_database(path)
    try:
        assert editing.list_records(other, Event, [], "title") == []
    finally:
        other.close()


def test_a_file_put_back_where_it_was_is_saved_to_again(
    program: tuple[Database, str], tmp_path: Path
) -> None:
    database, event = program
    path = Path(str(database.url.database))
    moved = _move(path, tmp_path / "archive")
    with pytest.raises(FileMovedError):
        editing.change(database, Event, event, {"title": "Saved after the move"}, 1)
    _move(moved, path.parent)

    editing.change(database, Event, event, {"title": "Saved once it is back"}, 1)
    assert editing.stored(database, Event, event).title == "Saved once it is back"


def test_reopening_by_url_refuses_a_file_that_is_gone(tmp_path: Path) -> None:
    path = tmp_path / "program.sqlite"

    with pytest.raises(FileMovedError) as refused:
        open_database(path, seed=False, existing=True)

    assert str(refused.value) == f"program.sqlite was moved or deleted from {tmp_path}"
    assert not path.exists()


def test_the_conflict_check_never_makes_the_program_anew(
    program: tuple[Database, str], tmp_path: Path
) -> None:
    database, _event = program
    path = Path(str(database.url.database))
    url = str(path)
    meetings, parcels = checking._check_opened(url, database.timeout, None, None)
    assert parcels == []  # opened, kept
    assert meetings == 1
    _move(path, tmp_path / "archive")

    with pytest.raises(FileMovedError):
        checking._check_opened(url, database.timeout, None, None)  # the one it kept
    with pytest.raises(FileMovedError):
        checking._check_opened(url, database.timeout, None, None)  # opened anew
    assert not path.exists()


def test_the_watcher_says_the_file_is_lost_and_when_it_is_back(
    program: tuple[Database, str], tmp_path: Path
) -> None:
    database, _event = program
    path = Path(str(database.url.database))
    statuses: list[str | None] = []
    changed = threading.Condition()

    def status(line: str | None) -> None:
        with changed:
            statuses.append(line)
            changed.notify_all()

    watcher = ChangeWatcher(database, lambda _notice: None, status)
    watcher.start()
    try:
        assert watcher.ready.wait(10)
        moved = _move(path, tmp_path / "archive")
        with changed:
            assert changed.wait_for(lambda: statuses, timeout=10)
        assert statuses[0] == (
            f"Lost {path}: the file was moved or deleted; nothing can be saved until it is back"
        )
        assert not path.exists()  # asked again and again, never made anew
        _move(moved, path.parent)
        with changed:
            assert changed.wait_for(lambda: None in statuses, timeout=15)
    finally:
        watcher.stop()


def test_the_checking_process_refuses_a_moved_file_and_serves_on(
    program: tuple[Database, str], tmp_path: Path
) -> None:
    """In the process of its own the window runs the check in: the refusal comes back
    as the one line, and the process goes on checking once the file is back."""
    database, _event = program
    path = Path(str(database.url.database))
    checking.check_program_apart(database)
    moved = _move(path, tmp_path / "archive")

    with pytest.raises(FileMovedError, match="was moved or deleted from"):
        checking.check_program_apart(database)
    assert not path.exists()

    _move(moved, path.parent)
    assert checking.check_program_apart(database) == []
    assert checking._checking_pool() is not None


def _routes_in(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT count(*) FROM travel_times WHERE origin = 'X'").fetchone()
        return int(row[0])
    finally:
        connection.close()


def test_a_write_through_a_session_of_its_own_is_refused_at_its_commit(
    program: tuple[Database, str], tmp_path: Path
) -> None:
    """Not only ``Database.transaction()``: a writer that opens a session and begins its
    own transaction (the ledger of messages, an import) meets the same refusal."""
    database, event = program
    path = Path(str(database.url.database))
    moved = _move(path, tmp_path / "archive")

    with (
        database.session() as session,
        pytest.raises(FileMovedError) as refused,
        session.begin(),
    ):
        session.add(TravelTime(origin="X", destination="Y", mode="rail", minutes=10))
    assert str(refused.value) == (
        f"program.sqlite was moved or deleted from {path.parent}; nothing was saved"
    )
    with database.session() as session:
        session.add(TravelTime(origin="X", destination="Y", mode="rail", minutes=10))
        with pytest.raises(FileMovedError):
            session.commit()  # a transaction begun by itself
    with database.session() as session:
        session.execute(text("UPDATE events SET title = 'Saved after the move'"))  # straight SQL
        with pytest.raises(FileMovedError):
            session.commit()
    assert _routes_in(moved) == 0
    assert _title_in(moved, event) == "Kobe workshop"
    assert not path.exists()


def test_a_read_of_a_moved_file_still_ends_as_it_began(
    program: tuple[Database, str], tmp_path: Path
) -> None:
    """Only a commit that writes is refused: what was read of the file open here is read
    to its end (the window says the file is lost, not every read)."""
    database, event = program
    path = Path(str(database.url.database))
    with database.session() as session:
        session.get(Event, event)  # a connection open on the file, as the window's are
    _move(path, tmp_path / "archive")

    with database.reading() as session:
        assert session.get(Event, event) is not None
    with database.session() as session, session.begin():
        assert session.get(Event, event) is not None
    with database.transaction() as session:
        assert session.get(Event, event) is not None


def test_a_writing_commit_costs_one_stat_and_a_read_none(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite every commit that writes asks where the file is (one ``stat``), a read
    asks nothing; on PostgreSQL nothing is asked."""
    from cpp_scheduler.store import database as opening

    asked: list[str] = []
    real = opening._identity

    def counted(path: str) -> tuple[int, int] | None:
        asked.append(path)
        return real(path)

    monkeypatch.setattr(opening, "_identity", counted)
    with database.transaction() as session:
        session.add(TravelTime(origin="X", destination="Y", mode="rail", minutes=10))
    assert len(asked) == (1 if database.is_sqlite else 0)
    asked.clear()
    with database.session() as session, session.begin():
        session.scalars(select(TravelTime)).all()
    with database.reading() as session:
        session.scalars(select(TravelTime)).all()
    assert asked == []
