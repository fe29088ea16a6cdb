"""The SMTP envelope of every message: MAIL FROM the sender's address and RCPT TO the
recipient's, whatever their names hold. A name long enough to be folded, holding a
comma, a period or parentheses, once gave the server a piece of the name as an address
("553 5.1.7 <City>: Sender address rejected") and the batch stopped with nothing sent;
each name must still read back as the coordinator wrote it."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.messages import trial_message
from cpp_scheduler.model import Participant
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import plain_transport
from tests.mail.smtpserver import Server

SENDER_NAME = "City Partnership Program coordinators, Tokyo Development Learning Center"
SENDER_ADDRESS = "cpp@tdlc.example.org"
LONG_SENDER = f'"{SENDER_NAME}" <{SENDER_ADDRESS}>'
RECIPIENT_NAME = (
    "Dela Cruz, Maria Cristina (Quezon City Disaster Risk Reduction and Management Office)"
)


def read_back(message: EmailMessage, field: str) -> tuple[str, str]:
    """The one name and address of ``field`` as a mail client reads them."""
    (address,) = message[field].addresses
    return address.display_name, address.addr_spec


def header_lines(data: bytes) -> list[bytes]:
    head, _blank, _body = data.partition(b"\r\n\r\n")
    return head.split(b"\r\n")


def test_a_long_sender_and_recipient_name_with_commas_are_sent_to_their_addresses(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with database.transaction() as session:
        priya = session.get(Participant, program.priya.id)
        assert priya is not None
        priya.name = RECIPIENT_NAME
    # The videoconference names no organiser: --from signs its invitations.
    expected = invitations.plan_invitations(
        database, EventScope(program.series.uid), Organizer(SENDER_NAME, SENDER_ADDRESS)
    ).to_send
    names = {i.recipient_email: i.recipient_name for i in expected}
    assert names[program.priya.email] == RECIPIENT_NAME
    command = ["--db", database_url, "send", "invitations", "--event", program.series.uid]
    server = ["--smtp", f"127.0.0.1:{plain_server.port}", "--plain"]

    assert main([*command, "--from", LONG_SENDER, *server]) == 0

    out, err = capsys.readouterr()
    assert "stopped" not in out + err
    assert f"sent {len(expected)} of {len(expected)}" in out
    mailbox = plain_server.mailbox
    assert mailbox.senders == [SENDER_ADDRESS] * len(expected)
    assert sorted(mailbox.recipients) == sorted(names)
    assert len(mailbox.messages) == len(expected)
    for message, data in zip(mailbox.messages, mailbox.received, strict=True):
        assert read_back(message, "From") == (SENDER_NAME, SENDER_ADDRESS)
        name, address = read_back(message, "To")
        assert name == names[address]
        # Within RFC 5322's 78 characters, and no quoted name folded over two lines.
        assert all(len(line) <= 78 and line.count(b'"') % 2 == 0 for line in header_lines(data))
    (priya_message,) = [m for m in mailbox.messages if read_back(m, "To")[1] == program.priya.email]
    assert read_back(priya_message, "To") == (RECIPIENT_NAME, program.priya.email)
    assert len(invitations.ledger(database, program.series.uid)) == len(expected)


def test_a_test_message_from_a_long_name_reaches_the_server_from_its_address(
    plain_server: Server,
) -> None:
    sender = Organizer(SENDER_NAME, SENDER_ADDRESS)
    with plain_transport(plain_server) as transport:
        transport.send(trial_message(sender, "me@tdlc.example.org", "127.0.0.1"))
    mailbox = plain_server.mailbox
    assert mailbox.senders == [SENDER_ADDRESS]
    assert mailbox.recipients == ["me@tdlc.example.org"]
    (message,) = mailbox.messages
    assert read_back(message, "From") == (SENDER_NAME, SENDER_ADDRESS)
    assert read_back(message, "To") == ("", "me@tdlc.example.org")
