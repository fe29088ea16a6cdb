"""Invitations by email, sent to a real SMTP server and read back as a mail client
reads them: the structure Outlook needs, each participant's own calendar, and the
ledger that makes a second send send only what is missing."""

from __future__ import annotations

import email
import json
import threading
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from email.utils import parseaddr
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.mail.messages import ATTACHMENT_NAME, build_invitation, trial_message
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.mail.transports import (
    OutboxTransport,
    Security,
    SmtpSettings,
    SmtpTransport,
)
from cpp_scheduler.model import Event, EventStatus, Participant
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import (
    DelegationScope,
    EventScope,
    event_loading,
)
from cpp_scheduler.store import Database
from tests.ical import parsers
from tests.ical.program import Program
from tests.mail.helpers import (
    SENDER,
    as_received,
    body,
    calendar_part,
    plain_transport,
    read_calendar,
    send,
)
from tests.mail.smtpserver import PASSWORD, USER, Server, smtp_server

# aiosmtpd warns when a login is allowed before STARTTLS; the implicit-TLS server is
# encrypted from the first byte, which that check cannot see.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def set_status(database: Database, event: Event, status: EventStatus) -> None:
    with database.transaction() as session:
        stored = session.get(Event, event.id)
        assert stored is not None
        stored.status = status


def test_each_participant_gets_an_invitation_outlook_shows(
    database: Database, program: Program
) -> None:
    with smtp_server(starttls=True) as server:
        plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
        settings = SmtpSettings("127.0.0.1", server.port, Security.STARTTLS, USER)
        with SmtpTransport(settings, PASSWORD, context=server.client_context) as transport:
            report = invitations.send_batch(database, plan.to_send, transport)
        received = server.mailbox.messages
    # Grace organises the workshop: she sends, the four others are invited.
    assert sorted(server.mailbox.recipients) == sorted(
        p.email for p in (program.ana, program.bruno, program.maya, program.kenji)
    )
    assert len(report.sent) == 4
    assert not report.refused
    assert report.stopped_by is None
    for message in received:
        assert message.get_content_type() == "multipart/mixed"
        assert message["Content-Class"] == "urn:content-classes:calendarmessage"
        assert message["Message-ID"]
        assert message["Date"]
        part = calendar_part(message)
        assert part.get_param("method") == "REQUEST"
        assert part.get_content_charset() == "utf-8"
        calendar = read_calendar(message)
        assert str(calendar["METHOD"]) == part.get_param("method")
        (vevent,) = calendar.walk("VEVENT")
        organiser = str(vevent["ORGANIZER"]).removeprefix("mailto:")
        assert organiser == parseaddr(str(message["From"]))[1] == program.grace.email
        attendees = vevent.get("ATTENDEE")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        recipient = parseaddr(str(message["To"]))[1]
        assert [str(a).removeprefix("mailto:") for a in attendees] == [recipient]
        assert attendees[0].params["RSVP"] == "TRUE"
        (attachment,) = list(message.iter_attachments())
        assert attachment.get_filename() == ATTACHMENT_NAME
        assert attachment.get_content() == calendar_part(message).get_content().encode()
        others = {p.email for p in program.everyone} - {recipient, program.grace.email}
        raw = message.as_string()
        assert not any(other in raw for other in others)
    ids = {m["Message-ID"] for m in received}
    assert len(ids) == 4


@pytest.mark.parametrize("security", [Security.TLS, Security.STARTTLS])
def test_a_wrong_password_stops_the_batch_and_records_nothing(
    database: Database, program: Program, security: Security
) -> None:
    tls = {"implicit_tls": True} if security is Security.TLS else {"starttls": True}
    with smtp_server(**tls) as server:
        plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
        settings = SmtpSettings("127.0.0.1", server.port, security, USER)
        with SmtpTransport(settings, "wrong", context=server.client_context) as transport:
            report = invitations.send_batch(database, plan.to_send, transport)
        assert server.mailbox.messages == []
        assert report.stopped_by is not None
        assert "535" in report.stopped_by
        with SmtpTransport(settings, PASSWORD, context=server.client_context) as transport:
            report = invitations.send_batch(database, plan.to_send, transport)
        assert len(server.mailbox.messages) == len(report.sent) == 4
    assert len(invitations.ledger(database)) == 4


def test_a_keyring_that_cannot_give_the_password_stops_the_batch_in_one_line(
    database: Database, program: Program
) -> None:
    # A laptop without a keyring service (or with its keyring locked) has keyring's own
    # "fail" backend: the batch stops with one line that says where the password is
    # looked for, and nothing is recorded as sent.
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        with smtp_server(starttls=True) as server:
            plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
            settings = SmtpSettings("127.0.0.1", server.port, Security.STARTTLS, USER)
            with SmtpTransport(settings, context=server.client_context) as transport:
                report = invitations.send_batch(database, plan.to_send, transport)
            assert server.mailbox.messages == []
    finally:
        keyring.set_keyring(previous)
    assert report.stopped_by is not None
    assert "system keyring" in report.stopped_by
    assert f"'{USER}'" in report.stopped_by
    assert "\n" not in report.stopped_by
    assert invitations.ledger(database) == []


def test_the_text_says_when_on_the_recipients_clock_and_tokyos_and_where_in_both_languages(
    database: Database, program: Program
) -> None:
    with database.session() as session:
        event = session.scalars(
            select(Event).where(Event.id == program.workshop.id).options(*event_loading())
        ).one()
        maya = session.get(Participant, program.maya.id)
        assert maya is not None
        message = build_invitation(event, maya, SENDER).message
    text = body(message, "plain")
    assert "Asia/Kathmandu): Tue 09 Jun 2026, 05:45-08:45 (UTC+05:45)" in text
    assert "Tokyo time (Asia/Tokyo): Tue 09 Jun 2026, 09:00-12:00" in text
    assert "2-2-2 Uchisaiwaicho" in text
    assert "東京都千代田区内幸町" in text
    assert "https://meet.example.org/kobe-lima" in text
    html = body(message, "html")
    assert "東京都千代田区内幸町" in html
    assert "05:45-08:45" in html


def test_program_text_is_escaped_in_html_and_cannot_add_a_header(
    database: Database, program: Program, plain_server: Server
) -> None:
    with database.transaction() as session:
        event = session.get(Event, program.opening.id)
        assert event is not None
        event.title = "<script>alert(1)</script> Opening\r\nBcc: spy@evil.example"
        ana = session.get(Participant, program.ana.id)
        assert ana is not None
        ana.name = "Ana\r\nBcc: spy2@evil.example"
    report = send(database, EventScope(program.opening.uid), plain_server)
    assert len(report.sent) == 2
    assert "spy@evil.example" not in plain_server.mailbox.recipients
    assert "spy2@evil.example" not in plain_server.mailbox.recipients
    for message in plain_server.mailbox.messages:
        assert message["Bcc"] is None
        assert "\n" not in str(message["Subject"])
        html = body(message, "html")
        assert "<script>" not in html
        assert "&lt;script&gt;" in html


def test_a_series_is_one_invitation_with_its_exceptions(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.series.uid), plain_server)
    received = plain_server.mailbox.messages
    assert len(received) == 4  # Sofía, Priya, Maya, Grace: the series names no organiser
    calendar = read_calendar(received[0])
    master, moved = calendar.walk("VEVENT")
    assert "RRULE" in master
    assert "EXDATE" in master
    assert "RECURRENCE-ID" in moved
    assert str(master["ORGANIZER"]) == f"mailto:{SENDER.email}"
    assert parseaddr(str(received[0]["From"]))[1] == SENDER.email


def test_a_cancelled_event_goes_out_as_a_cancellation_to_those_it_invited(
    database: Database, program: Program, plain_server: Server
) -> None:
    set_status(database, program.cancelled, EventStatus.CONFIRMED)
    invited = send(database, EventScope(program.cancelled.uid), plain_server)
    set_status(database, program.cancelled, EventStatus.CANCELLED)
    before = len(plain_server.mailbox.messages)
    report = send(database, EventScope(program.cancelled.uid), plain_server)
    cancellations = plain_server.mailbox.messages[before:]
    assert len(report.sent) == len(invited.sent) == len(cancellations) > 0
    for message in cancellations:
        assert calendar_part(message).get_param("method") == "CANCEL"
        assert str(read_calendar(message)["METHOD"]) == "CANCEL"
        assert str(message["Subject"]).startswith("Cancelled: ")
    again = invitations.plan_invitations(database, EventScope(program.cancelled.uid), SENDER)
    assert again.to_send == ()
    assert again.already_sent == len(cancellations)
    assert again.not_invited == ()


def test_a_cancelled_event_sends_nothing_to_those_never_invited_and_says_so(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Told of the event: Ana alone. Bruno has never heard of it.
    set_status(database, program.cancelled, EventStatus.CONFIRMED)
    plan = invitations.plan_invitations(database, EventScope(program.cancelled.uid), SENDER)
    (to_ana,) = [inv for inv in plan.to_send if inv.recipient_email == program.ana.email]
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, [to_ana], transport)
    set_status(database, program.cancelled, EventStatus.CANCELLED)
    assert sorted(inv.recipient_email for inv in plan.to_send) == sorted(
        [program.ana.email, program.bruno.email]
    )

    sender = f"{SENDER.name} <{SENDER.email}>"
    event = program.cancelled.uid
    status = main(
        ["--db", database_url, "send", "invitations", "--event", event, "--from", sender,
         "--dry-run"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert status == 0
    assert out.splitlines() == [
        f"would send CANCEL '{program.cancelled.title}' to {program.ana.email}",
        "1 to send, 0 sent already",
    ]
    assert err.splitlines() == [
        f"note: '{program.cancelled.title}' is cancelled: "
        "no cancellation goes to 1 recipient who holds no invitation to it"
    ]

    before = len(plain_server.mailbox.messages)
    report = send(database, EventScope(program.cancelled.uid), plain_server)
    assert [inv.recipient_email for inv in report.sent] == [program.ana.email]
    (cancellation,) = plain_server.mailbox.messages[before:]
    assert parseaddr(str(cancellation["To"]))[1] == program.ana.email
    assert str(cancellation["Subject"]).startswith("Cancelled: ")


def test_sending_again_sends_nothing_new_and_a_change_reaches_everyone(
    database: Database, program: Program, plain_server: Server
) -> None:
    first = send(database, EventScope(program.workshop.uid), plain_server)
    again = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert len(first.sent) == 4
    assert again.to_send == ()
    assert again.already_sent == 4
    assert len(invitations.ledger(database, program.workshop.uid)) == 4
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.start_utc += timedelta(hours=2)
        event.end_utc += timedelta(hours=2)
    update = send(database, EventScope(program.workshop.uid), plain_server)
    assert len(update.sent) == 4
    rows = invitations.ledger(database, program.workshop.uid)
    assert sorted(row.sequence for row in rows) == [0, 0, 0, 0, 1, 1, 1, 1]
    assert len(plain_server.mailbox.messages) == 8


def test_the_ledger_keeps_the_order_messages_went_out_in(
    database: Database, program: Program, plain_server: Server
) -> None:
    """Each person's latest message about an event is the last of their ledger rows by
    the time it went out: an invitation and its update sent within one second stay in
    their order, on every database, and the update is not planned again."""
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.start_utc += timedelta(hours=2)
        event.end_utc += timedelta(hours=2)
    send(database, EventScope(program.workshop.uid), plain_server)
    rows = invitations.ledger(database, program.workshop.uid)
    assert [row.sequence for row in rows] == [0, 0, 0, 0, 1, 1, 1, 1]
    assert all(earlier.sent_at < later.sent_at for earlier, later in pairwise(rows))
    again = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert again.to_send == ()


def test_a_server_that_fails_halfway_leaves_the_ledger_exact(
    database: Database, program: Program, plain_server: Server
) -> None:
    plain_server.mailbox.fail_after = 2
    report = send(database, EventScope(program.workshop.uid), plain_server)
    assert len(report.sent) == 2
    assert report.stopped_by is not None
    assert "421" in report.stopped_by
    ledger = invitations.ledger(database, program.workshop.uid)
    assert {row.message_id for row in ledger} == {
        str(m["Message-ID"]).strip() for m in plain_server.mailbox.messages
    }
    plain_server.mailbox.fail_after = None
    rest = send(database, EventScope(program.workshop.uid), plain_server)
    assert len(rest.sent) == 2
    assert sorted(plain_server.mailbox.recipients) == sorted(
        p.email for p in (program.ana, program.bruno, program.maya, program.kenji)
    )
    assert len(invitations.ledger(database, program.workshop.uid)) == 4


def test_a_cancelled_batch_records_what_went_out(
    database: Database, program: Program, plain_server: Server
) -> None:
    stop = threading.Event()
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)

    def progress(done: int, total: int) -> None:
        if done == 1:
            stop.set()

    with plain_transport(plain_server) as transport:
        report = invitations.send_batch(
            database, plan.to_send, transport, progress=progress, cancelled=stop.is_set
        )
    assert report.cancelled
    assert len(report.sent) == 1
    assert len(plain_server.mailbox.messages) == 1
    assert len(invitations.ledger(database, program.workshop.uid)) == 1


def test_a_refused_address_is_reported_and_the_others_are_sent(
    database: Database, program: Program, plain_server: Server
) -> None:
    plain_server.mailbox.refuse = {program.bruno.email}
    report = send(database, EventScope(program.workshop.uid), plain_server)
    assert [r.email for r in report.refused] == [program.bruno.email]
    assert "550" in report.refused[0].reason
    assert len(report.sent) == 3
    assert report.stopped_by is None
    recorded = {row.participant_id for row in invitations.ledger(database)}
    assert program.bruno.id not in recorded
    assert len(recorded) == 3


def test_the_rate_spaces_the_messages(
    database: Database, program: Program, plain_server: Server
) -> None:
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    began = time.monotonic()
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport, rate_per_minute=300)
    # Four messages at one every 0.2 s: the last leaves 0.6 s after the first.
    assert time.monotonic() - began >= 0.6


def test_the_outbox_holds_each_message_whole(
    database: Database, program: Program, tmp_path: Path
) -> None:
    plan = invitations.plan_invitations(database, DelegationScope(program.lima.name), SENDER)
    report = invitations.send_batch(database, plan.to_send, OutboxTransport(tmp_path))
    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == len(report.sent) == len(plan.to_send) > 0
    assert {row.transport for row in invitations.ledger(database)} == {"outbox"}
    for path in files:
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        assert isinstance(message, EmailMessage)
        assert parseaddr(str(message["To"]))[1] in {program.ana.email, program.bruno.email}
        assert message["X-Unsent"] == "1"  # Outlook opens it as a message to send
        read_calendar(message)
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_the_command_sends_to_the_outbox_once(
    database_url: str,
    program: Program,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    outbox = tmp_path / "outbox"
    common = ["--db", database_url, "send", "invitations", "--event", program.workshop.uid]
    sender = ["--from", f"{SENDER.name} <{SENDER.email}>"]
    assert main([*common, *sender, "--dry-run"]) == 0
    assert "4 to send, 0 sent already" in capsys.readouterr().out
    assert main([*common, *sender, "--outbox", str(outbox)]) == 0
    assert "sent 4 of 4" in capsys.readouterr().out
    assert main([*common, *sender, "--outbox", str(outbox)]) == 0
    assert "sent 0 of 0 (4 had been sent already)" in capsys.readouterr().out
    assert len(list(outbox.glob("*.eml"))) == 4


def test_an_outbox_that_is_a_file_is_refused_before_any_message(
    database_url: str,
    database: Database,
    program: Program,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The batch once stopped at its first message saying "File exists; run again to send
    the rest", which could not help."""
    outbox = tmp_path / "outbox.txt"
    outbox.write_text("notes")
    common = ["--db", database_url, "send", "invitations", "--event", program.workshop.uid]
    sender = ["--from", f"{SENDER.name} <{SENDER.email}>"]
    assert main([*common, *sender, "--outbox", str(outbox)]) == 1
    assert capsys.readouterr().err == (
        f"cpp-scheduler: the outbox '{outbox}' is a file, not a folder\n"
    )
    assert outbox.read_text() == "notes"
    assert invitations.ledger(database) == []


def test_thunderbirds_reader_sees_the_meetings_of_the_series_invitation(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    problem = parsers.icaljs_problem()
    if problem:
        pytest.skip(problem)
    send(database, EventScope(program.series.uid), plain_server)
    window = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    path = tmp_path / "invite.ics"
    path.write_bytes(calendar_part(plain_server.mailbox.messages[0]).get_content().encode())
    seen = parsers.with_icaljs([path], window)[path]
    starts = sorted(start for _, start, _ in seen)
    # Feb to Jul, the third Wednesday, March cancelled and April moved a day and 2 h on.
    assert len(starts) == 5
    assert datetime(2026, 4, 16, 2, 0, tzinfo=UTC) in starts
    assert seen == parsers.with_ical(path.read_bytes(), window)


def test_the_command_sends_through_the_server_the_settings_name(
    database_url: str,
    program: Program,
    plain_server: Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = tmp_path / "mail.json"
    settings.write_text(
        json.dumps(
            {
                "smtp": {"host": "127.0.0.1", "port": plain_server.port, "security": "none"},
                "sender": {"name": SENDER.name, "email": SENDER.email},
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    status = main(["--db", database_url, "send", "invitations", "--delegation", program.lima.name])
    assert status == 0, capsys.readouterr().err
    # Ana and Bruno, for the opening, the workshop and the site visit; the cancelled
    # workshop, of which they were never told, sends them nothing.
    assert sorted(set(plain_server.mailbox.recipients)) == sorted(
        [program.ana.email, program.bruno.email]
    )
    assert len(plain_server.mailbox.messages) == 6
    out, err = capsys.readouterr()
    assert "sent 6 of 6" in out
    assert (
        f"note: '{program.cancelled.title}' is cancelled: "
        "no cancellation goes to 2 recipients who hold no invitation to it"
    ) in err.splitlines()


def test_a_test_message_reaches_the_server(plain_server: Server) -> None:
    with plain_transport(plain_server) as transport:
        transport.send(trial_message(SENDER, "me@tdlc.example.org", "127.0.0.1"))
    assert plain_server.mailbox.recipients == ["me@tdlc.example.org"]
    assert "went through 127.0.0.1" in body(plain_server.mailbox.messages[0], "plain")


def test_an_invitation_is_written_in_the_recipients_language(
    database: Database, program: Program
) -> None:
    with database.transaction() as session:
        stored = session.get(Participant, program.maya.id)
        assert stored is not None
        stored.language = "ja"
    with database.session() as session:
        event = session.scalars(
            select(Event).where(Event.id == program.workshop.id).options(*event_loading())
        ).one()
        maya = session.get(Participant, program.maya.id)
        assert maya is not None
        message = build_invitation(event, maya, SENDER).message
    # The title as written, once the encoded words are read as a mail client reads them.
    assert str(as_received(message)["Subject"]) == f"招待: {event.title}"
    text = body(message, "plain")
    assert "あなたの現地時刻 (Asia/Kathmandu): 2026年6月9日(火) 05:45-08:45 (UTC+05:45)" in text
    assert "東京時間 (Asia/Tokyo): 2026年6月9日(火) 09:00-12:00" in text
    assert "ビデオ会議のリンク: https://meet.example.org/kobe-lima" in text


def test_a_member_invited_through_the_delegation_answers_on_a_line_of_their_own(
    database: Database, program: Program, tmp_path: Path
) -> None:
    # Lucía joins the Lima delegation after the workshop was planned: she is invited
    # through the delegation alone, not named among the workshop's participants.
    with database.transaction() as session:
        lima = session.merge(program.lima)
        session.add(
            Participant(name="Lucía Torres", email="lucia@vivienda.gob.pe", delegation=lima)
        )
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    invitations.send_batch(database, plan.to_send, OutboxTransport(tmp_path))
    by_recipient = {}
    for path in tmp_path.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        assert isinstance(message, EmailMessage)
        by_recipient[parseaddr(str(message["To"]))[1]] = message
    calendar = read_calendar(by_recipient["lucia@vivienda.gob.pe"])
    (vevent,) = calendar.walk("VEVENT")
    attendee = vevent["ATTENDEE"]
    assert not isinstance(attendee, list)  # hers alone: nobody else's address
    assert str(attendee).removeprefix("mailto:") == "lucia@vivienda.gob.pe"
    assert attendee.params["RSVP"] == "TRUE"
    assert attendee.params["CN"] == "Lucía Torres"
