"""Invitation headers as they go to the server and as the server receives them: every
encoded word at most 75 characters (RFC 2047 section 2), a longer name or title split
into several; every line at most 78 characters (RFC 5322 section 2.1.1); and each name
and title read back exactly as the coordinator wrote it."""

from __future__ import annotations

import io
import re
from email.generator import BytesGenerator
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.policy import default

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.errors import quoted
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.messages import trial_message
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import SENDER, plain_transport
from tests.mail.smtpserver import Server

ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=")
ORGANISER = "東京開発ラーニングセンター 調整担当"
RECIPIENT = "東京開発ラーニングセンター 国際連携担当 山田 花子"
JAPANESE_SENDER = Organizer(
    "東京開発ラーニングセンター 都市間連携プログラム 調整担当", "cpp@tdlc.example.org"
)
TITLES = [
    pytest.param(
        "東京開発ラーニングセンター 都市間パートナーシップ・プログラム "
        "防災まちづくり実務者研修 第二回",
        id="japanese",
    ),
    pytest.param(
        "防災ワークショップ: Kobe and Lima peer-to-peer workshop on resilient housing and "
        "reconstruction after the 1995 earthquake",
        id="japanese-and-english",
    ),
    pytest.param(
        "Peer-to-peer workshop; resilient housing, reconstruction and land readjustment "
        "with the City of Kobe, Lima, Kathmandu and Quezon City",
        id="ascii",
    ),
    pytest.param(
        "Briefing https://meet.example.org/cpp/" + "kobe-lima-peer-exchange-" * 4,
        id="ascii-word-longer-than-a-line",
    ),
]


def as_sent(message: Message) -> bytes:
    """The bytes ``smtplib.SMTP.send_message`` writes for ``message``."""
    buffer = io.BytesIO()
    BytesGenerator(buffer).flatten(message, linesep="\r\n")
    return buffer.getvalue()


def name_in(raw: str) -> str:
    """The display name of a one-address header, its encoded words decoded as RFC 2047
    section 6.2 says: the white space between two adjacent encoded words is no part of
    the text. (Python 3.11's ``policy.default`` keeps that white space in an address,
    CPython gh-128110, and would read a name split in two with a space it does not
    have; it reads an unstructured header such as Subject as the RFC says.)"""
    decoded = str(make_header(decode_header(raw.replace("\r\n", ""))))
    name, _bracket, _address = decoded.rpartition(" <")
    return name


def check_headers(
    data: bytes, subject: str, sender: tuple[str, str], recipient: tuple[str, str]
) -> EmailMessage:
    """Assert the limits of RFC 2047 and RFC 5322 on a message's bytes, and that its
    Subject, From and To read back as written; the message as a client parses it."""
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 78
    message = BytesParser(policy=default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    for part in message.walk():
        for _name, value in part.raw_items():
            for word in ENCODED_WORD.findall(value):
                assert len(word) <= 75, word
    raw = dict(message.raw_items())
    assert str(message["Subject"]) == subject
    for field, (name, email) in (("From", sender), ("To", recipient)):
        (address,) = message[field].addresses
        assert address.addr_spec == email
        assert name_in(raw[field]) == name
    return message


def rename(database: Database, program: Program, title: str) -> None:
    """The workshop under ``title``, organised by ORGANISER, Kenji renamed RECIPIENT,
    and Maya reading Japanese."""
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.title = title
        grace = session.get(Participant, program.grace.id)
        assert grace is not None
        grace.name = ORGANISER
        kenji = session.get(Participant, program.kenji.id)
        assert kenji is not None
        kenji.name = RECIPIENT
        maya = session.get(Participant, program.maya.id)
        assert maya is not None
        maya.language = "ja"


def subject_for(program: Program, email: str, title: str) -> str:
    return f"招待: {title}" if email == program.maya.email else f"Invitation: {title}"


@pytest.mark.parametrize("title", TITLES)
def test_long_names_and_titles_are_split_into_encoded_words_of_75_characters(
    database: Database, program: Program, title: str
) -> None:
    rename(database, program, title)
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), None)
    assert len(plan.to_send) == 4
    for invitation in plan.to_send:
        email = invitation.recipient_email
        message = check_headers(
            as_sent(invitation.message),
            subject_for(program, email, title),
            (ORGANISER, program.grace.email),
            (invitation.recipient_name, email),
        )
        # One encoded word cannot hold the organiser's name: the split is what is checked.
        assert len(ENCODED_WORD.findall(dict(message.raw_items())["From"])) >= 2
    kenji = [i for i in plan.to_send if i.recipient_email == program.kenji.email]
    assert [i.recipient_name for i in kenji] == [RECIPIENT]


def test_the_sender_of_an_event_without_organiser_is_split_as_well(
    database: Database, program: Program
) -> None:
    plan = invitations.plan_invitations(database, EventScope(program.series.uid), JAPANESE_SENDER)
    assert plan.to_send
    for invitation in plan.to_send:
        check_headers(
            as_sent(invitation.message),
            f"Invitation: {program.series.title}",
            (JAPANESE_SENDER.name, JAPANESE_SENDER.email),
            (invitation.recipient_name, invitation.recipient_email),
        )


@pytest.mark.parametrize("title", TITLES[:2])
def test_the_server_receives_headers_within_the_limits(
    database: Database, program: Program, plain_server: Server, title: str
) -> None:
    rename(database, program, title)
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), None)
    with plain_transport(plain_server) as transport:
        report = invitations.send_batch(database, plan.to_send, transport)
        transport.send(trial_message(JAPANESE_SENDER, "me@tdlc.example.org", "127.0.0.1"))
    assert len(report.sent) == 4
    *received, trial = plain_server.mailbox.received
    # The envelope's recipients are read from the encoded To: one each, none made up.
    assert sorted(plain_server.mailbox.recipients) == sorted(
        [*(i.recipient_email for i in plan.to_send), "me@tdlc.example.org"]
    )
    names = {i.recipient_email: i.recipient_name for i in plan.to_send}
    for data in received:
        to = BytesParser(policy=default).parsebytes(data)["To"].addresses[0].addr_spec
        check_headers(
            data,
            subject_for(program, to, title),
            (ORGANISER, program.grace.email),
            (names[to], to),
        )
    assert RECIPIENT in names.values()
    message = check_headers(
        trial,
        "CPP Scheduler: test message",
        (JAPANESE_SENDER.name, JAPANESE_SENDER.email),
        ("", "me@tdlc.example.org"),
    )
    assert "went through 127.0.0.1" in str(message.get_content())


def invite_to_workshop(database: Database, program: Program, *people: tuple[str, str]) -> None:
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        for name, address in people:
            person = Participant(name=name, email=address, zone="Asia/Tokyo")
            session.add(person)
            session.flush()
            event.participants.append(person)


def test_a_domain_beyond_ascii_goes_out_in_its_idna_form(
    database: Database, program: Program, plain_server: Server
) -> None:
    invite_to_workshop(
        database,
        program,
        ("Hanako Yamada", "hanako@例え.jp"),
        (RECIPIENT, "yamada@例え.jp"),
    )
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    with plain_transport(plain_server) as transport:
        report = invitations.send_batch(database, plan.to_send, transport)
    assert report.refused == []
    assert len(report.sent) == 6
    assert {"hanako@xn--r8jz45g.jp", "yamada@xn--r8jz45g.jp"} <= set(
        plain_server.mailbox.recipients
    )
    received = {
        message["To"].addresses[0].addr_spec: (message, data)
        for message, data in zip(
            plain_server.mailbox.messages, plain_server.mailbox.received, strict=True
        )
    }
    for name, address in (
        ("Hanako Yamada", "hanako@xn--r8jz45g.jp"),
        (RECIPIENT, "yamada@xn--r8jz45g.jp"),
    ):
        message, data = received[address]
        check_headers(
            data,
            str(message["Subject"]),
            (program.grace.name, program.grace.email),
            (name, address),
        )
        # The address is never inside an encoded word (RFC 2047 section 5).
        raw_to = dict(message.raw_items())["To"]
        assert f"<{address}>" in raw_to or raw_to.endswith(address)
        assert not any(address in word for word in ENCODED_WORD.findall(raw_to))
    recorded = {row.participant_id for row in invitations.ledger(database, program.workshop.uid)}
    assert len(recorded) == 6


def test_an_address_beyond_ascii_before_the_at_is_refused_alone_and_the_rest_is_sent(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    invite_to_workshop(database, program, ("山田 花子", "はなこ@例え.jp"))
    reason = (
        "the part before the @ is not ASCII, and such an address needs SMTPUTF8, which "
        "CPP Scheduler does not use"
    )
    command = ["--db", database_url, "send", "invitations", "--event", program.workshop.uid]
    assert main([*command, "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"note: はなこ@例え.jp cannot be sent to (1 message about "
        f"{quoted(program.workshop.title)}): {reason}"
    ]
    assert len([line for line in out.splitlines() if line.startswith("would send")]) == 4
    assert "はなこ" not in out
    assert "4 to send, 0 sent already" in out.splitlines()

    server = ["--smtp", f"127.0.0.1:{plain_server.port}", "--plain"]
    assert main([*command, *server]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"refused: はなこ@例え.jp: 1 message about {quoted(program.workshop.title)}: {reason}"
    ]
    assert "sent 4 of 5 (0 had been sent already)" in out
    assert len(plain_server.mailbox.messages) == 4
    assert sorted(plain_server.mailbox.recipients) == sorted(
        p.email for p in (program.ana, program.bruno, program.maya, program.kenji)
    )
    assert len(invitations.ledger(database, program.workshop.uid)) == 4
