"""What the server says about one message concerns that message alone (RFC 5321): a
recipient put off (450 at RCPT: greylisting, a full mailbox) is left for a later batch
and the others are sent; a message rejected after its DATA (554) is refused like a
refused recipient; only the end of the session (421) stops the batch. And a message is
never sent unless its ledger row can be written: a locked database or a reader's login
refuse before anything goes."""

from __future__ import annotations

import signal
import socket
import sqlite3
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import psycopg
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.mail.transports import OutboxTransport
from cpp_scheduler.services import invitations, replies
from cpp_scheduler.services.access import ReadOnlyError
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.store import Database, open_database
from tests.ical.program import Program, build_program
from tests.mail.helpers import SENDER, read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


def _recorded(database: Database, uid: str) -> set[str]:
    return {row.participant_id for row in invitations.ledger(database, uid)}


def test_a_recipient_the_server_puts_off_is_left_for_later_and_the_others_are_sent(
    database: Database, program: Program, plain_server: Server
) -> None:
    plain_server.mailbox.defer = {program.ana.email}
    report = send(database, EventScope(program.workshop.uid), plain_server)
    assert report.stopped_by is None
    assert [deferral.email for deferral in report.deferred] == [program.ana.email]
    assert "450" in report.deferred[0].reason
    assert report.refused == []
    assert sorted(plain_server.mailbox.recipients) == sorted(
        person.email for person in (program.bruno, program.maya, program.kenji)
    )
    assert program.ana.id not in _recorded(database, program.workshop.uid)
    # The next batch, once the server takes it, sends the one put off and nothing else.
    plain_server.mailbox.defer = set()
    again = send(database, EventScope(program.workshop.uid), plain_server)
    assert [sent.recipient_email for sent in again.sent] == [program.ana.email]
    assert again.deferred == []
    assert len(plain_server.mailbox.messages) == 4


def test_a_message_rejected_after_its_data_is_refused_and_the_batch_goes_on(
    database: Database, program: Program, plain_server: Server
) -> None:
    plain_server.mailbox.reject_data = {program.bruno.email}
    report = send(database, EventScope(program.workshop.uid), plain_server)
    assert report.stopped_by is None
    assert [refusal.email for refusal in report.refused] == [program.bruno.email]
    assert "554" in report.refused[0].reason
    assert len(report.sent) == 3
    assert program.bruno.id not in _recorded(database, program.workshop.uid)


def test_a_message_rejected_after_its_data_leaves_the_address_free_for_the_next_batch(
    database: Database, program: Program, plain_server: Server
) -> None:
    """A 5xx after DATA refuses the message (its size, a sender the server will not send
    as), not the mailbox: once the server takes it, the next batch sends to him. It was
    kept as his address refused for good, which held him back from every later batch."""
    plain_server.mailbox.reject_data = {program.bruno.email}
    send(database, EventScope(program.workshop.uid), plain_server)
    assert change_report(database).changes  # he has not been told, and it is said
    plain_server.mailbox.reject_data = set()

    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert plan.refused == ()
    again = send(database, EventScope(program.workshop.uid), plain_server)
    assert [sent.recipient_email for sent in again.sent] == [program.bruno.email]


def test_a_mailbox_refused_after_its_data_is_held_back_as_one_refused_at_its_address(
    database: Database, program: Program, plain_server: Server
) -> None:
    """``550 5.1.1 User unknown`` after DATA, as a server that checks mailboxes late says
    it: the address is refused all the same (its enhanced code speaks of the address),
    and the next batch holds it back rather than meeting the refusal again and again."""
    plain_server.mailbox.reject_data = {program.bruno.email}
    plain_server.mailbox.data_answer = "550 5.1.1 User unknown"
    send(database, EventScope(program.workshop.uid), plain_server)

    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert [held.recipient_email for held in plan.refused] == [program.bruno.email]
    assert program.bruno.email not in [message.recipient_email for message in plan.to_send]


def _send_the_workshops_invitations(url: str, program: Program, server: Server | int) -> list[str]:
    """``send invitations`` of the workshop through ``server`` (or the port of one),
    signed by TDLC."""
    port = server if isinstance(server, int) else server.port
    return [
        "--db",
        url,
        "send",
        "invitations",
        "--event",
        program.workshop.uid,
        "--smtp",
        f"127.0.0.1:{port}",
        "--plain",
        "--from",
        "TDLC CPP team <cpp@tdlc.example.org>",
    ]


def test_ctrl_c_ends_the_commands_batch_saying_what_went_and_what_is_left(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Ctrl-C while the first message is on the wire: that message goes, the batch ends,
    and the command says how many went and to run again (it said only "interrupted",
    though messages had gone); the next run sends the rest."""
    pressed: list[bool] = []

    def ctrl_c_once() -> None:
        if not pressed:
            pressed.append(True)
            signal.raise_signal(signal.SIGINT)

    plain_server.mailbox.while_receiving = ctrl_c_once
    command = _send_the_workshops_invitations(database_url, program, plain_server)
    assert main(command) == 130
    out, err = capsys.readouterr()
    assert "sent 1 of 4 (0 had been sent already)" in out
    assert "cancelled: the rest was not sent; run again to send the rest" in err
    assert len(plain_server.mailbox.messages) == 1

    assert main(command) == 0
    out, _err = capsys.readouterr()
    assert "sent 3 of 3 (1 had been sent already)" in out
    assert len(plain_server.mailbox.messages) == 4


def _waits_for_a_reply(thread: int, seconds: float = 10.0) -> bool:
    """Whether ``thread`` comes to wait for the mail server's reply within ``seconds``:
    its stack holds the reader of the server's replies."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        frame = sys._current_frames().get(thread)
        while frame is not None:
            if frame.f_code.co_name == "readline" and "smtp_client" in frame.f_code.co_filename:
                return True
            frame = frame.f_back
        threading.Event().wait(0.005)
    return False


def test_ctrl_c_while_the_server_is_reached_stops_the_command_at_once(
    database_url: str, program: Program, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server that takes the connection and never greets: no message is on the wire,
    so Ctrl-C stops at once and says what went (it waited out the half minute of the
    greeting's timeout, then said it could not reach the server)."""
    main_thread = threading.main_thread().ident
    assert main_thread is not None
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        taken: list[socket.socket] = []

        def ctrl_c_once_it_waits() -> None:
            """Take the connection, say nothing, and press Ctrl-C as a terminal does:
            to the main thread, whose wait for the greeting it breaks."""
            taken.append(silent.accept()[0])
            # The client connects before it is accepted: pressed once it waits for the
            # greeting, its socket its session's.
            assert _waits_for_a_reply(main_thread)
            signal.pthread_kill(main_thread, signal.SIGINT)

        server = threading.Thread(target=ctrl_c_once_it_waits)
        server.start()
        command = _send_the_workshops_invitations(database_url, program, silent.getsockname()[1])
        assert main(command) == 130
        server.join(5)
        for connection in taken:
            connection.close()
    out, err = capsys.readouterr()
    assert "sent 0 of 4 (0 had been sent already)" in out
    assert "cancelled: the rest was not sent; run again to send the rest" in err
    assert "could not reach" not in err


def test_the_command_goes_on_past_a_deferred_recipient_run_after_run(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    plain_server.mailbox.defer = {program.bruno.email}
    command = _send_the_workshops_invitations(database_url, program, plain_server)
    assert main(command) == 1
    out, err = capsys.readouterr()
    assert "sent 3 of 4 (0 had been sent already)" in out
    assert (
        f"not sent yet (the server asked to try later): {program.bruno.email}: 1 message "
        f"about '{program.workshop.title}': the server deferred '{program.bruno.email}': 450" in err
    )
    assert "stopped" not in err
    assert main(command) == 1  # still put off: tried again, nobody else sent twice
    out, err = capsys.readouterr()
    assert "sent 0 of 1 (3 had been sent already)" in out
    plain_server.mailbox.defer = set()
    assert main(command) == 0
    out, _err = capsys.readouterr()
    assert "sent 1 of 1 (3 had been sent already)" in out
    assert sorted(plain_server.mailbox.recipients) == sorted(
        person.email for person in (program.ana, program.bruno, program.maya, program.kenji)
    )


def test_a_locked_database_refuses_before_any_message_goes(
    sqlite_path: Path, sqlite_database: Database, tmp_path: Path
) -> None:
    """A colleague's program holds the SQLite file's write lock: the batch stops at its
    first message, which is not sent, rather than sending what it cannot record."""
    with sqlite_database.transaction() as session:
        program = build_program(session)
    plan = invitations.plan_invitations(sqlite_database, EventScope(program.workshop.uid), SENDER)
    impatient = open_database(sqlite_path, timeout=0.2)
    colleague = sqlite3.connect(sqlite_path)
    outbox = tmp_path / "outbox"
    try:
        colleague.execute("BEGIN IMMEDIATE")
        report = invitations.send_batch(impatient, plan.to_send, OutboxTransport(outbox))
    finally:
        colleague.rollback()
        colleague.close()
        impatient.close()
    assert report.sent == []
    assert report.stopped_by is not None
    assert "locked" in report.stopped_by
    assert not outbox.exists() or list(outbox.iterdir()) == []
    assert invitations.ledger(sqlite_database) == []


@pytest.fixture
def reader_url(postgres_url: str) -> Iterator[str]:
    """A login with the reader role on a program whose workshop was sent already."""
    name = f"cpp_test_reader_{uuid.uuid4().hex[:8]}"
    admin_url = postgres_url.split("?")[0]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{name}" LOGIN')
    owner = open_database(postgres_url)
    owner.close()
    assert main(["--db", postgres_url, "admin", "roles", "--apply"]) == 0
    assert main(["--db", postgres_url, "admin", "grant", name, "--role", "reader", "--apply"]) == 0
    yield postgres_url.replace("postgres@", f"{name}@", 1)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (name,)
        )
        admin.execute(f'DROP OWNED BY "{name}"')
        admin.execute(f'DROP ROLE "{name}"')


@pytest.mark.postgres
def test_a_readers_login_sends_nothing_and_records_no_reply(
    postgres_url: str,
    reader_url: str,
    plain_server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    owner = open_database(postgres_url)
    try:
        with owner.transaction() as session:
            program = build_program(session)
        send(owner, EventScope(program.workshop.uid), plain_server)
        reply = tmp_path / "ana.ics"
        invitation = read_calendar(plain_server.mailbox.messages[0])
        reply.write_bytes(reply_calendar(invitation, program.ana.email, "ACCEPTED"))
        with owner.transaction() as session:
            session.get(type(program.series), program.series.id).title = "Renamed"  # type: ignore[union-attr]
    finally:
        owner.close()
    before = len(plain_server.mailbox.messages)
    reader = open_database(reader_url)
    outbox = tmp_path / "outbox"
    try:
        plan = invitations.plan_invitations(reader, EventScope(program.series.uid), SENDER)
        assert plan.to_send  # the reader may see what would go
        with pytest.raises(ReadOnlyError, match=r"^Read-only: cpp_test_reader_"):
            invitations.send_batch(reader, plan.to_send, OutboxTransport(outbox))
        with pytest.raises(ReadOnlyError, match=r"^Read-only: cpp_test_reader_"):
            replies.import_replies(reader, [reply])
    finally:
        reader.close()
    assert not outbox.exists()
    command = [
        "--db",
        reader_url,
        "send",
        "updates",
        "--outbox",
        str(outbox),
        "--from",
        "cpp@x.org",
    ]
    assert main(command) == 1
    assert capsys.readouterr().err.startswith("cpp-scheduler: Read-only: cpp_test_reader_")
    assert not outbox.exists()
    assert len(plain_server.mailbox.messages) == before


class _OutboxLosingTheDatabase(OutboxTransport):
    """An outbox that writes the message, then the database's server drops the batch's
    connection while the message goes out."""

    def __init__(self, folder: Path, admin_url: str) -> None:
        super().__init__(folder)
        self.admin_url = admin_url

    def send(self, message: Message) -> None:
        super().send(message)
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.mark.postgres
def test_a_connection_lost_while_a_message_goes_out_records_it_on_a_new_one(
    postgres_url: str, tmp_path: Path
) -> None:
    """No transaction is open while the message goes out: a connection the server
    dropped meanwhile loses nothing, and the row is recorded on a new one."""
    database = open_database(postgres_url)
    try:
        with database.transaction() as session:
            program = build_program(session)
        plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
        outbox = tmp_path / "outbox"
        transport = _OutboxLosingTheDatabase(outbox, postgres_url.split("?")[0])
        report = invitations.send_batch(database, plan.to_send, transport)
        recorded = _recorded(database, program.workshop.uid)
    finally:
        database.close()
    assert report.stopped_by is None
    assert len(report.sent) == len(plan.to_send) == len(list(outbox.iterdir()))
    assert recorded == {invitation.recipient_id for invitation in plan.to_send}


class _OutboxThenTheLedgerRefuses(OutboxTransport):
    """An outbox that writes the message, then the database is given a rule every new
    ledger row breaks: the message went out, and its row cannot be recorded."""

    def __init__(self, folder: Path, url: str) -> None:
        super().__init__(folder)
        self.url = url

    def send(self, message: Message) -> None:
        super().send(message)
        with psycopg.connect(self.url, autocommit=True) as admin:
            # Waits for no transaction the batch would keep open through the send.
            admin.execute("SET lock_timeout = '2s'")
            admin.execute(
                "ALTER TABLE sent_messages ADD CONSTRAINT never CHECK (sequence < 0) NOT VALID"
            )


@pytest.mark.postgres
def test_a_message_sent_but_not_recorded_stops_the_batch_and_is_named(
    postgres_url: str, tmp_path: Path
) -> None:
    database = open_database(postgres_url)
    try:
        with database.transaction() as session:
            program = build_program(session)
        plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
        outbox = tmp_path / "outbox"
        transport = _OutboxThenTheLedgerRefuses(outbox, postgres_url)
        report = invitations.send_batch(database, plan.to_send, transport)
        recorded = invitations.ledger(database)
    finally:
        database.close()
    assert report.sent == []
    assert len(list(outbox.iterdir())) == 1  # the one message that went, and no other
    assert recorded == []
    assert report.stopped_by is not None
    first = plan.to_send[0]
    assert report.stopped_by.startswith(
        f"the message to {first.recipient_email} about '{first.title}' went out but could "
        "not be recorded ("
    )
    assert report.stopped_by.endswith("); a later batch would send it again")
    assert "\n" not in report.stopped_by
