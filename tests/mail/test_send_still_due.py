"""A batch sends what was previewed and is still due when it goes, once.

Between the preview and Send the event may be cancelled, or a colleague may send the
same invitations from the command line; two batches may even run at the same moment.
Against a real SMTP server counting what it receives: nobody is invited to a cancelled
event, and nobody gets the same invitation twice.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.model import Event, EventStatus
from cpp_scheduler.services import changes, editing, invitations
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope
from cpp_scheduler.services.message_claims import MessageClaims
from cpp_scheduler.store import Database, open_database
from cpp_scheduler.store.errors import StoreError
from tests.backends import EACH_BACKEND, backend_url
from tests.colleagues import colleague_saves_after_first_query
from tests.ical.program import Program
from tests.mail.helpers import SENDER, plain_transport, send
from tests.mail.smtpserver import Server


@pytest.fixture(params=EACH_BACKEND)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each backend: two batches meet in the ledger the database keeps."""
    return backend_url(request, tmp_path)


def cancel(database: Database, event: Event) -> None:
    editing.change(database, Event, event.id, {"status": EventStatus.CANCELLED}, None)


def test_an_event_cancelled_after_the_preview_sends_no_invitation(
    database: Database, program: Program, plain_server: Server
) -> None:
    """The preview lists four invitations; the event is cancelled before Send: none goes,
    and the report says the four were dropped because the program changed."""
    preview = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert len(preview.to_send) == 4
    cancel(database, program.workshop)

    with plain_transport(plain_server) as transport:
        report = invitations.send_batch(database, preview, transport)

    assert plain_server.mailbox.messages == []
    assert report.sent == []
    assert report.dropped_for(invitations.DropReason.CHANGED) == 4
    assert report.stopped_by is None
    assert invitations.ledger(database, program.workshop.uid) == []


def test_invitations_a_colleague_sent_after_the_preview_are_not_sent_again(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    preview = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    command = ["--db", database_url, "send", "invitations", "--event", program.workshop.uid]
    server = ["--smtp", f"127.0.0.1:{plain_server.port}", "--plain"]
    assert main([*command, *server]) == 0
    assert "sent 4 of 4" in capsys.readouterr().out

    with plain_transport(plain_server) as transport:
        report = invitations.send_batch(database, preview, transport)

    assert Counter(plain_server.mailbox.recipients) == {
        person.email: 1 for person in (program.ana, program.bruno, program.maya, program.kenji)
    }
    assert report.sent == []
    assert report.dropped_for(invitations.DropReason.SENT_MEANWHILE) == 4
    assert len(invitations.ledger(database, program.workshop.uid)) == 4


def test_messages_sent_by_another_batch_while_this_one_runs_are_dropped(
    database: Database, program: Program, plain_server: Server
) -> None:
    """The plan's messages alone (no plan to read again), sent after another batch sent
    them: the ledger, read as each message is claimed, holds them, and none goes twice."""
    preview = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    send(database, EventScope(program.workshop.uid), plain_server)

    with plain_transport(plain_server) as transport:
        report = invitations.send_batch(database, preview.to_send, transport)

    assert len(plain_server.mailbox.messages) == 4
    assert report.sent == []
    assert report.dropped_for(invitations.DropReason.SENT_MEANWHILE) == 4


def test_two_batches_at_the_same_moment_send_each_message_once(
    database_url: str, database: Database, program: Program, plain_server: Server
) -> None:
    """Two programs (each its own connection to the database and to the server) plan the
    Lima delegation's invitations, then send at the same moment, with a server slow
    enough that their messages overlap: every message arrives once."""
    scope = DelegationScope(program.lima.name)
    plain_server.mailbox.while_receiving = lambda: threading.Event().wait(0.05)
    planned = threading.Barrier(2)
    reports: list[invitations.BatchReport] = []
    failures: list[BaseException] = []

    def colleague() -> None:
        handle = open_database(database_url)
        try:
            plan = invitations.plan_invitations(handle, scope, SENDER)
            planned.wait(timeout=30)
            with plain_transport(plain_server) as transport:
                reports.append(invitations.send_batch(handle, plan, transport))
        except BaseException as error:  # reported by the test's thread
            failures.append(error)
        finally:
            handle.close()

    threads = [threading.Thread(target=colleague) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    expected = invitations.plan_invitations(database, scope, SENDER)
    assert expected.to_send == ()  # everything went
    received = Counter(
        (str(message["To"]), str(message["Subject"])) for message in plain_server.mailbox.messages
    )
    assert len(received) == 6
    assert set(received.values()) == {1}
    assert sum(len(report.sent) for report in reports) == 6
    dropped = sum(report.dropped_for(invitations.DropReason.SENT_MEANWHILE) for report in reports)
    assert dropped == 6
    assert len(invitations.ledger(database)) == 6


def test_the_command_names_the_events_and_says_each_refused_address_once(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Bruno's mailbox is refused (550) for his three Lima invitations: one line names
    him, how many messages and which events; the dry run names the events by title."""
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "no-settings.json"))
    plain_server.mailbox.refuse = {program.bruno.email}
    plan = invitations.plan_invitations(database, DelegationScope(program.lima.name), SENDER)
    titles = list(
        dict.fromkeys(m.title for m in plan.to_send if m.recipient_id == program.bruno.id)
    )
    assert len(titles) == 3
    command = ["--db", database_url, "send", "invitations", "--delegation", program.lima.name]
    sender = ["--from", f"{SENDER.name} <{SENDER.email}>"]

    assert main([*command, *sender, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"would send REQUEST '{program.workshop.title}' to {program.bruno.email}" in out
    assert "@cpp-scheduler" not in out

    assert main([*command, *sender, "--smtp", f"127.0.0.1:{plain_server.port}", "--plain"]) == 1
    err = capsys.readouterr().err.splitlines()
    events = ", ".join(f"'{title}'" for title in titles)
    assert [line for line in err if line.startswith("refused: ")] == [
        f"refused: {program.bruno.email}: 3 messages about {events}: the server refused "
        f"'{program.bruno.email}': 550 5.1.1 mailbox unavailable"
    ]


def test_an_event_is_sent_for_by_its_id_as_by_its_uid(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--event`` takes the id the window and ``events list`` show, as ``export ics
    --event`` does, for invitations and updates alike."""
    command = ["--db", database_url, "send", "invitations", "--event", program.workshop.id]
    server = ["--smtp", f"127.0.0.1:{plain_server.port}", "--plain"]
    assert main([*command, *server]) == 0
    assert "sent 4 of 4" in capsys.readouterr().out
    updates = ["--db", database_url, "send", "updates", "--event", program.workshop.id]
    assert main([*updates, "--dry-run"]) == 0
    assert capsys.readouterr().out == "0 to send: everyone has been told the program as it is now\n"


def test_two_events_of_one_title_are_told_apart_by_their_uid(
    database_url: str,
    database: Database,
    program: Program,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The opening takes the workshop's title: the dry run names those two by title and
    UID, and the site visit, alone with its title, by its title alone."""
    editing.change(database, Event, program.opening.id, {"title": program.workshop.title}, None)
    command = ["--db", database_url, "send", "invitations", "--delegation", program.lima.name]

    assert main([*command, "--from", f"{SENDER.name} <{SENDER.email}>", "--dry-run"]) == 0

    lines = capsys.readouterr().out.splitlines()
    to_ana = [line for line in lines if line.endswith(f" to {program.ana.email}")]
    title = program.workshop.title
    assert sorted(to_ana) == sorted(
        [
            f"would send REQUEST '{title}' ({program.opening.uid}) to {program.ana.email}",
            f"would send REQUEST '{title}' ({program.workshop.uid}) to {program.ana.email}",
            f"would send REQUEST '{program.site_visit.title}' to {program.ana.email}",
        ]
    )


def test_a_message_claimed_by_another_batch_for_too_long_stops_the_wait_in_one_line(
    database: Database, program: Program
) -> None:
    """Another batch holds Ana's invitation while its server is slow: this one waits
    its bound (a fraction of a second here), then says in one line which message it
    could not claim and why, on SQLite (the file beside the program) and PostgreSQL
    (an advisory lock) alike; once the other lets go, the message is free again."""
    (message, *_rest) = invitations.plan_invitations(
        database, EventScope(program.workshop.uid), SENDER
    ).to_send
    other, waiting = MessageClaims(database), MessageClaims(database, claim_wait=0.2)
    try:
        with (
            other.claimed(message),
            pytest.raises(StoreError) as refused,
            waiting.claimed(message),
        ):
            pass
        assert str(refused.value) == (
            f"the message to {message.recipient_email} about '{program.workshop.title}' was "
            "not sent: it could not be claimed against another batch sending it at the same "
            "time (another batch held it for over 0.2 s)"
        )
        with waiting.claimed(message):
            pass
    finally:
        other.close()
        waiting.close()


def test_a_title_renamed_with_a_line_break_is_one_line_of_the_dry_run(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A calendar file can rename an event to a title holding a line break, which the
    program keeps as it is; the dry run's line of that change stays one line."""
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "no-settings.json"))
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.title = "Kobe workshop\nEND:VEVENT"
    command = ["--db", database_url, "send", "updates", "--event", program.workshop.uid]
    sender = ["--from", f"{SENDER.name} <{SENDER.email}>"]
    assert main([*command, *sender, "--dry-run"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "would send" in line]
    assert lines
    assert all("to 'Kobe workshop\\nEND:VEVENT'" in line for line in lines)


def _start_told(message: EmailMessage) -> datetime:
    """The start a message's calendar tells its recipient."""
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
            start: datetime = calendar.walk("VEVENT")[0].decoded("DTSTART")
            return start.astimezone(UTC)
    raise AssertionError("the message carries no calendar")


def _events_written_from(statement: str) -> bool:
    """The batch's read of the events it words its messages from, after it has read
    what is due (the facts of each event, compared with the ledger's)."""
    return statement.startswith("SELECT events.uid") and "WHERE events.id IN" in statement


def test_a_move_made_while_a_batch_plans_is_still_due_after_it(
    database: Database, program: Program, plain_server: Server
) -> None:
    """The batch plans its messages and the facts it records as told in one read: a
    colleague's move landing between its queries is either in both or in neither. Here
    it is in neither, so the messages tell the first move, and the colleague's is still
    due after the batch; never a ledger that says the participants were told a time no
    message gave them, which would leave them at the old time with nothing due."""
    scope = EventScope(program.workshop.uid)
    send(database, scope, plain_server)
    stored = editing.stored(database, Event, program.workshop.id)
    one_hour = timedelta(hours=1)
    editing.change(
        database,
        Event,
        program.workshop.id,
        {
            "start_utc": stored.values["start_utc"] + one_hour,
            "end_utc": stored.values["end_utc"] + one_hour,
        },
        stored.version,
    )
    preview = invitations.plan_updates(database, scope, SENDER)
    plain_server.mailbox.messages.clear()
    colleague = open_database(database.url.render_as_string(hide_password=False))

    def colleague_moves_it_again() -> None:
        now = editing.stored(colleague, Event, program.workshop.id)
        editing.change(
            colleague,
            Event,
            program.workshop.id,
            {
                "start_utc": now.values["start_utc"] + 2 * one_hour,
                "end_utc": now.values["end_utc"] + 2 * one_hour,
            },
            now.version,
        )

    try:
        with (
            plain_transport(plain_server) as transport,
            colleague_saves_after_first_query(
                database, colleague_moves_it_again, after=_events_written_from
            ) as saved,
        ):
            report = invitations.send_batch(database, preview, transport)
    finally:
        colleague.close()

    assert saved.is_set()
    assert report.sent
    starts = {_start_told(message) for message in plain_server.mailbox.messages}
    assert len(starts) == 1
    now = editing.stored(database, Event, program.workshop.id).values["start_utc"]
    due = changes.change_report(database, scope).changes
    if starts == {now}:
        assert due == ()
    else:
        assert due, "the colleague's move is still due: the messages told another time"
