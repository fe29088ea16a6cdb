"""Another process's commit reaches a watcher: on PostgreSQL by NOTIFY, on SQLite by
``PRAGMA data_version``; with who made it and each record's new version."""

from __future__ import annotations

import queue
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.orm import Session

from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.services import editing, removal
from cpp_scheduler.services.live import (
    APPLICATION_NAME,
    ChangeNotice,
    ChangeWatcher,
    parse_notice,
)
from cpp_scheduler.store import Database, open_database
from cpp_scheduler.store.history import COMMITTING, announcement
from cpp_scheduler.store.session import StoreSession
from tests.colleagues import as_colleague

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


def _renames_the_workshop(url: str, event_id: str) -> None:
    """Renames the workshop, over its first version."""
    database = open_database(url)
    editing.change(database, Event, event_id, {"title": "Kobe DRR peer workshop"}, 1)
    database.close()


def _colleague_renames(url: str, event_id: str) -> None:
    as_colleague(_renames_the_workshop, url, event_id, author="Ravi Menon")


def _workshop(database: Database, title: str = "Kobe DRR workshop") -> str:
    """A two-hour workshop in Tokyo; its id."""
    return editing.create(
        database,
        Event,
        {
            "title": title,
            "kind": EventKind.WORKSHOP,
            "start_utc": START,
            "end_utc": START + timedelta(hours=2),
            "zone": "Asia/Tokyo",
        },
    )


def test_a_commit_in_another_process_is_heard_with_its_author_and_version(
    database: Database, database_url: str
) -> None:
    event_id = _workshop(database)
    notices: queue.Queue[ChangeNotice] = queue.Queue()
    statuses: list[str | None] = []
    watcher = ChangeWatcher(database, notices.put, statuses.append)
    watcher.start()
    try:
        assert watcher.ready.wait(10)
        before = datetime.now(UTC)
        _colleague_renames(database_url, event_id)
        notice = notices.get(timeout=10)
    finally:
        watcher.stop()
    assert notice.author == "Ravi Menon"
    assert notice.at is not None
    assert before <= notice.at <= datetime.now(UTC)
    [record] = notice.records
    assert (record.model, record.record_id, record.version) == ("Event", event_id, 2)
    assert (record.deleted, record.created, record.own, record.listed) == (
        False,
        False,
        False,
        True,
    )
    assert record.name() == "event 'Kobe DRR peer workshop'"  # as the history names it
    assert not notice.catch_up
    assert statuses == []
    assert not watcher.running


def test_a_commit_too_large_for_one_notification_asks_for_a_catch_up() -> None:
    rows = [
        {"record_table": "events", "record_id": f"{number:036d}", "version": 1}
        for number in range(500)
    ]
    notice = parse_notice(announcement(rows, {"author": "Aiko Tanaka"}))
    assert notice == ChangeNotice("Aiko Tanaka", catch_up=True)
    assert parse_notice("not json").catch_up


@pytest.mark.postgres
def test_a_lost_connection_is_said_retried_and_caught_up(postgres_url: str) -> None:
    database = open_database(postgres_url)
    notices: queue.Queue[ChangeNotice] = queue.Queue()
    statuses: queue.Queue[str | None] = queue.Queue()
    watcher = ChangeWatcher(database, notices.put, statuses.put)
    watcher.start()
    try:
        assert watcher.ready.wait(10)
        # This test's watcher alone: other tests run at the same time on the server,
        # each in a database of its own, and their windows listen too.
        with psycopg.connect(postgres_url.split("?")[0], autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s AND datname = current_database()",
                (APPLICATION_NAME,),
            )
        lost = statuses.get(timeout=10)
        assert lost is not None
        assert lost.startswith(f"Lost the connection to {database.name}")
        assert lost.endswith("trying again")
        assert statuses.get(timeout=15) is None
        assert notices.get(timeout=5).catch_up
    finally:
        watcher.stop()
        database.close()


def test_an_undone_deletion_is_heard_so_the_record_comes_back_in_other_windows(
    database: Database,
) -> None:
    """Ravi deletes the workshop and takes it back with Undo: Aiko's window hears both,
    the second as the workshop existing again (before, the return wrote no history, and
    her window went on without it until she reopened the program)."""
    event_id = _workshop(database)
    notices: queue.Queue[ChangeNotice] = queue.Queue()
    watcher = ChangeWatcher(database, notices.put, lambda _status: None)
    watcher.start()
    colleague = open_database(database.url.render_as_string(hide_password=False), author="Ravi")
    try:
        assert watcher.ready.wait(10)
        snapshot = removal.delete(colleague, Event, event_id).snapshot
        deleted = notices.get(timeout=10)
        removal.restore(colleague, Event, snapshot)
        restored = notices.get(timeout=10)
    finally:
        watcher.stop()
        colleague.close()
    assert [(r.record_id, r.deleted) for r in deleted.records] == [(event_id, True)]
    assert [(r.record_id, r.deleted) for r in restored.records] == [(event_id, False)]
    assert restored.author == "Ravi"


def test_the_commits_of_the_watchers_own_database_handle_are_marked_as_its_own(
    database: Database,
) -> None:
    """The window's own steps are heard too, but must not be announced as a colleague's;
    the same coordinator signed in on another machine (another handle, the same author)
    is a colleague all the same."""
    notices: queue.Queue[ChangeNotice] = queue.Queue()
    watcher = ChangeWatcher(database, notices.put, lambda _status: None)
    watcher.start()
    elsewhere = open_database(
        database.url.render_as_string(hide_password=False), author=database.author
    )
    try:
        assert watcher.ready.wait(10)
        mine = _workshop(database)
        first = notices.get(timeout=10)
        theirs = _workshop(elsewhere, "Toyama site visit")
        second = notices.get(timeout=10)
    finally:
        watcher.stop()
        elsewhere.close()
    assert first.author == second.author == database.author
    assert [(r.model, r.record_id, r.version, r.own) for r in first.records] == [
        ("Event", mine, 1, True)
    ]
    assert [(r.model, r.record_id, r.version, r.own) for r in second.records] == [
        ("Event", theirs, 1, False)
    ]
    assert second.records[0].created


def test_a_large_commit_of_the_watchers_own_handle_asks_for_no_catch_up() -> None:
    from cpp_scheduler.store.written_here import WRITTEN_HERE, WrittenHere

    rows = [
        {"record_table": "events", "record_id": f"{number:036d}", "version": 1}
        for number in range(500)
    ]
    mine, theirs = WrittenHere(), WrittenHere()
    payload = announcement(rows, {"author": "Aiko Tanaka", WRITTEN_HERE: mine})
    assert parse_notice(payload, mine) == ChangeNotice("Aiko Tanaka", catch_up=False)
    assert parse_notice(payload, theirs) == ChangeNotice("Aiko Tanaka", catch_up=True)


def test_a_save_heard_before_its_commit_returns_is_heard_as_this_programs_own(
    tmp_path: Path,
) -> None:
    """On SQLite the watcher reads the history rows as soon as the file says they are
    committed, which may be before the saving thread is back from committing: the
    window's own save must not be announced as somebody else's change then."""
    database = open_database(tmp_path / "program.sqlite")
    notices: list[ChangeNotice] = []
    heard = threading.Event()

    def on_notice(notice: ChangeNotice) -> None:
        notices.append(notice)
        heard.set()

    def watcher_reads_first(session: Session) -> None:
        if session.info.get(COMMITTING):  # a save's commit, not a read's
            assert heard.wait(10), "the watcher read the commit"

    watcher = ChangeWatcher(database, on_notice, lambda _status: None)
    watcher.start()
    try:
        assert watcher.ready.wait(10)
        sqlalchemy_event.listen(StoreSession, "after_commit", watcher_reads_first, insert=True)
        try:
            _workshop(database)
        finally:
            sqlalchemy_event.remove(StoreSession, "after_commit", watcher_reads_first)
    finally:
        watcher.stop()
        database.close()

    assert notices
    assert [record.own for notice in notices for record in notice.records] == [True]


def test_a_save_whose_commit_fails_leaves_that_version_a_colleagues(tmp_path: Path) -> None:
    """A save noted as this program's own before its commit, and then not committed,
    is forgotten: a colleague's commit of that version is theirs, and is announced."""
    database = open_database(tmp_path / "program.sqlite")
    workshop = _workshop(database)
    database.written_here.listen()

    def commit_fails(session: Session) -> None:
        if session.info.get(COMMITTING):
            raise OSError("the disk is full")

    sqlalchemy_event.listen(StoreSession, "before_commit", commit_fails)
    try:
        with pytest.raises(Exception, match="the disk is full"):
            editing.change(database, Event, workshop, {"title": "Renamed here"}, 1)
    finally:
        sqlalchemy_event.remove(StoreSession, "before_commit", commit_fails)
    try:
        assert editing.stored(database, Event, workshop).values["title"] == "Kobe DRR workshop"
        assert not database.written_here.take(("events", workshop, 2))
    finally:
        database.written_here.stop_listening()
        database.close()
