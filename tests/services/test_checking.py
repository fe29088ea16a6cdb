"""The conflict check run in its own process finds what the check in this process finds,
on SQLite and on PostgreSQL (whose per-test schema travels in the URL), and sees each
change as soon as it is committed."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import textwrap
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cpp_scheduler.model import Event, EventKind, Venue
from cpp_scheduler.scheduling.conflicts import ConflictKind
from cpp_scheduler.services import checking, editing, removal
from cpp_scheduler.store import Database, open_database

MONDAY_TOKYO_TEN = datetime(2027, 3, 8, 1, 0, tzinfo=UTC)


def book(database: Database, title: str, start: datetime, venue_id: str) -> str:
    with database.transaction() as session:
        record = editing.create_record(
            session,
            Event,
            {
                "title": title,
                "kind": EventKind.WORKSHOP,
                "zone": "Asia/Tokyo",
                "start_utc": start,
                "end_utc": start + timedelta(hours=2),
                "venue_id": venue_id,
            },
        )
        return str(record.id)


def room(database: Database) -> str:
    with database.session() as session:
        return session.query(Venue).filter_by(name="TDLC Meeting Room A").one().id


def test_the_check_apart_finds_what_the_check_here_finds(database: Database) -> None:
    venue = room(database)
    first = book(database, "Housing finance clinic", MONDAY_TOKYO_TEN, venue)
    second = book(
        database, "Water utilities roundtable", MONDAY_TOKYO_TEN + timedelta(hours=1), venue
    )
    apart = checking.check_program_apart(database)
    assert apart == checking.check_program(database)
    clashes = [c for c in apart if c.kind is ConflictKind.VENUE_DOUBLE_BOOKED]
    assert [set(c.event_ids) for c in clashes] == [{first, second}]

    # A change committed here is seen there at once: the clash is gone.
    with database.transaction() as session:
        removal.delete_record(session, Event, second)
    assert not [
        c
        for c in checking.check_program_apart(database)
        if c.kind is ConflictKind.VENUE_DOUBLE_BOOKED
    ]


def test_where_no_process_can_start_the_check_runs_here(
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class NoProcesses:
        def submit(self, *_args: object) -> object:
            raise BrokenProcessPool("no processes on this machine")

    monkeypatch.setattr(checking, "_pool", NoProcesses())
    monkeypatch.setattr(checking, "_pool_unavailable", False)
    venue = room(database)
    book(database, "Housing finance clinic", MONDAY_TOKYO_TEN, venue)
    book(database, "Water utilities roundtable", MONDAY_TOKYO_TEN, venue)
    kinds = {c.kind for c in checking.check_program_apart(database)}
    assert ConflictKind.VENUE_DOUBLE_BOOKED in kinds
    assert checking._pool_unavailable  # and later checks do not try again


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_checking_process_ends_when_the_program_is_killed(sqlite_path: Path) -> None:
    """A killed program has no time to stop its helpers; the checking process, which
    holds the database open, must not outlive it."""
    open_database(sqlite_path).close()
    script = textwrap.dedent(f"""
        import threading
        from cpp_scheduler.services import checking
        from cpp_scheduler.store import open_database
        checking.check_program_apart(open_database({str(sqlite_path)!r}))
        print(*checking._pool._processes, flush=True)
        threading.Event().wait()  # runs until it is killed
    """)
    program = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert program.stdout is not None
        worker = int(program.stdout.readline())
        ended = os.pidfd_open(worker)  # readable once the worker has ended
    finally:
        program.kill()
        program.wait()
        if program.stdout is not None:
            program.stdout.close()
    try:
        readable, _, _ = select.select([ended], [], [], 10)
    finally:
        os.close(ended)
    assert readable, "the checking process outlived the program"


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_the_checking_process_yields_to_the_window(database: Database) -> None:
    """A check in progress takes no processor time the window needs to answer: its
    process runs at a lower priority than the program that asked for it."""
    checking.check_program_apart(database)  # the process is started and serving
    pool = checking._checking_pool()
    assert pool is not None
    here = os.nice(0)
    there = pool.submit(os.nice, 0).result(timeout=30)
    assert there >= min(here + checking.CHECK_NICENESS, 19)
