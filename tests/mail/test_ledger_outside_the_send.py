"""The ledger keeps the database out of the wait for the mail server.

Each message's ledger row is tried before the message goes (the SQLite file still in
place, the row written and taken back at once) and committed in a short transaction of
its own after the server accepted it: while a slow or greylisting server takes its time,
no transaction of the batch is open, so the coordinator's other saves, a colleague's and
a reply import go on. A file moved before a message sends nothing; one moved or locked
while a message goes out names that message as sent but not recorded.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select

from cpp_scheduler.model import TravelTime
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database, open_database
from cpp_scheduler.store.errors import StoreError
from tests.ical.program import Program, build_program
from tests.mail.helpers import SENDER, plain_transport, send
from tests.mail.smtpserver import Server


@pytest.fixture
def sqlite_program(sqlite_database: Database) -> Program:
    with sqlite_database.transaction() as session:
        return build_program(session)


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            shutil.move(f"{path}{suffix}", folder / f"{path.name}{suffix}")
    return folder / path.name


def _ledger_rows(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM sent_messages").fetchone()[0])
    finally:
        connection.close()


def _routes(database: Database) -> int:
    with database.session() as session:
        count = session.scalar(
            select(func.count()).select_from(TravelTime).where(TravelTime.origin.like("Saved %"))
        )
    return int(count or 0)


def test_a_colleague_saves_while_the_server_takes_its_time(
    sqlite_path: Path, sqlite_database: Database, sqlite_program: Program, plain_server: Server
) -> None:
    """A second handle on the same file (the window's own edits, or a colleague's
    program) saves during every message's DATA, with a short wait for the lock: none of
    them meets the batch's lock."""
    colleague = open_database(sqlite_path, timeout=0.5)
    failures: list[str] = []

    def save_meanwhile() -> None:
        try:
            with colleague.transaction() as session:
                number = len(plain_server.mailbox.messages)
                session.add(
                    TravelTime(origin=f"Saved {number}", destination="B", mode="rail", minutes=9)
                )
        except StoreError as error:
            failures.append(str(error))

    plain_server.mailbox.while_receiving = save_meanwhile
    try:
        report = send(sqlite_database, EventScope(sqlite_program.workshop.uid), plain_server)
    finally:
        colleague.close()

    assert failures == []
    assert report.stopped_by is None
    assert len(report.sent) == 4
    assert _routes(sqlite_database) == 4
    assert len(invitations.ledger(sqlite_database, sqlite_program.workshop.uid)) == 4


@pytest.mark.postgres
def test_no_transaction_of_the_batch_is_open_while_the_server_answers(
    postgres_url: str, plain_server: Server
) -> None:
    """On a server, a transaction left open through the SMTP exchange would hold its
    connection idle in a transaction (and its row locks) for as long as the mail server
    takes: none is open while a message goes out."""
    database = open_database(postgres_url)
    idle: list[int] = []

    def look() -> None:
        with psycopg.connect(postgres_url) as admin:
            row = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name = 'CPP Scheduler' AND state LIKE 'idle in transaction%'"
            ).fetchone()
            idle.append(int(row[0]) if row else -1)

    try:
        with database.transaction() as session:
            program = build_program(session)
        plain_server.mailbox.while_receiving = look
        report = send(database, EventScope(program.workshop.uid), plain_server)
        recorded = invitations.ledger(database, program.workshop.uid)
    finally:
        database.close()

    assert report.stopped_by is None
    assert idle == [0, 0, 0, 0]
    assert len(recorded) == 4


def test_a_file_moved_before_the_batch_sends_nothing_and_says_so_in_one_line(
    sqlite_database: Database, sqlite_program: Program, plain_server: Server, tmp_path: Path
) -> None:
    path = Path(str(sqlite_database.url.database))
    plan = invitations.plan_invitations(
        sqlite_database, EventScope(sqlite_program.workshop.uid), SENDER
    )
    moved = _move(path, tmp_path / "archive")

    with plain_transport(plain_server) as transport:
        report = invitations.send_batch(sqlite_database, plan.to_send, transport)

    assert report.sent == []
    assert report.stopped_by == (
        f"program.sqlite was moved or deleted from {path.parent}; nothing was saved"
    )
    assert plain_server.mailbox.messages == []
    assert _ledger_rows(moved) == 0
    assert not path.exists()


def test_a_file_moved_while_a_message_goes_out_names_that_message(
    sqlite_database: Database, sqlite_program: Program, plain_server: Server, tmp_path: Path
) -> None:
    """The row was tried in the file in its place; the file moves away while the server
    takes the message: it went out, is not recorded in the moved file, and is named."""
    path = Path(str(sqlite_database.url.database))
    plan = invitations.plan_invitations(
        sqlite_database, EventScope(sqlite_program.workshop.uid), SENDER
    )
    moved: list[Path] = []

    def move_once() -> None:
        if not moved:
            moved.append(_move(path, tmp_path / "archive"))

    plain_server.mailbox.while_receiving = move_once
    with plain_transport(plain_server) as transport:
        report = invitations.send_batch(sqlite_database, plan.to_send, transport)

    first = plan.to_send[0]
    assert report.sent == []
    assert len(plain_server.mailbox.messages) == 1  # the one that went, and no other
    assert report.stopped_by == (
        f"the message to {first.recipient_email} about '{first.title}' went out but could "
        f"not be recorded (program.sqlite was moved or deleted from {path.parent}; nothing "
        "was saved); a later batch would send it again"
    )
    assert _ledger_rows(moved[0]) == 0
    assert not path.exists()


@pytest.fixture
def colleague(sqlite_path: Path) -> Iterator[sqlite3.Connection]:
    """Another program's connection to the file, used from the server's thread too."""
    connection = sqlite3.connect(sqlite_path, check_same_thread=False)
    yield connection
    connection.rollback()
    connection.close()


def test_a_lock_a_colleague_takes_during_the_send_is_waited_out(
    sqlite_path: Path,
    sqlite_database: Database,
    sqlite_program: Program,
    plain_server: Server,
    colleague: sqlite3.Connection,
) -> None:
    """A colleague's save takes the write lock while the message goes out and holds it a
    little longer than the batch waits for a lock: the message is recorded all the same,
    once the save is done."""
    batch = open_database(sqlite_path, timeout=0.5)
    plan = invitations.plan_invitations(batch, EventScope(sqlite_program.workshop.uid), SENDER)

    def lock_for_a_while() -> None:
        colleague.execute("BEGIN IMMEDIATE")
        threading.Timer(0.7, colleague.rollback).start()

    plain_server.mailbox.while_receiving = lock_for_a_while
    try:
        with plain_transport(plain_server) as transport:
            report = invitations.send_batch(batch, plan.to_send[:1], transport)
    finally:
        batch.close()

    assert report.stopped_by is None
    assert [sent.recipient_email for sent in report.sent] == [plan.to_send[0].recipient_email]
    assert len(invitations.ledger(sqlite_database, sqlite_program.workshop.uid)) == 1


def test_a_lock_held_past_every_wait_names_the_message_sent_but_not_recorded(
    sqlite_path: Path,
    sqlite_database: Database,
    sqlite_program: Program,
    plain_server: Server,
    colleague: sqlite3.Connection,
) -> None:
    batch = open_database(sqlite_path, timeout=0.2)
    plan = invitations.plan_invitations(batch, EventScope(sqlite_program.workshop.uid), SENDER)
    plain_server.mailbox.while_receiving = lambda: colleague.execute("BEGIN IMMEDIATE")
    try:
        with plain_transport(plain_server) as transport:
            report = invitations.send_batch(batch, plan.to_send, transport)
    finally:
        colleague.rollback()
        batch.close()

    first = plan.to_send[0]
    assert report.sent == []
    assert len(plain_server.mailbox.messages) == 1
    assert report.stopped_by is not None
    assert report.stopped_by.startswith(
        f"the message to {first.recipient_email} about '{first.title}' went out but could "
        "not be recorded (cannot save sent message"
    )
    assert "is locked by another program or user (waited 0.2 s)" in report.stopped_by
    assert "\n" not in report.stopped_by
    assert invitations.ledger(sqlite_database) == []


@pytest.mark.postgres
def test_a_ledger_the_server_refuses_sends_nothing(postgres_url: str, plain_server: Server) -> None:
    """The row tried before the first message is refused by the server (here a rule
    every new row breaks): the batch stops before anything goes, as it does for a
    reader's login or a locked file."""
    database = open_database(postgres_url)
    try:
        with database.transaction() as session:
            program = build_program(session)
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(
                "ALTER TABLE sent_messages ADD CONSTRAINT never CHECK (sequence < 0) NOT VALID"
            )
        report = send(database, EventScope(program.workshop.uid), plain_server)
        recorded = invitations.ledger(database)
    finally:
        database.close()

    assert report.sent == []
    assert report.stopped_by is not None
    assert report.stopped_by.startswith("cannot save sent message")
    assert plain_server.mailbox.messages == []
    assert recorded == []
