"""A reply saved from the mail client under another name than ``.eml`` (``.txt``, or no
extension at all) is read as the message it is: the import had refused it with the
calendar import's advice to use the replies import, the very command just run."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


def _reply_message(calendar: bytes, sender: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "cpp@tdlc.example.org"
    message["Subject"] = "Accepted: workshop"
    message.set_content("Accepted")
    message.add_alternative(calendar.decode(), subtype="calendar", params={"method": "REPLY"})
    return bytes(message)


@pytest.mark.parametrize("name", ["ana_accept.txt", "ana_accept", "ana_accept.ics"])
def test_a_reply_message_under_another_name_is_read_as_a_message(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    (invitation,) = [m for m in plain_server.mailbox.messages if program.ana.email in str(m["To"])]
    calendar = reply_calendar(read_calendar(invitation), program.ana.email, "ACCEPTED")
    path = tmp_path / name
    path.write_bytes(_reply_message(calendar, f"Ana Quispe <{program.ana.email}>"))

    assert main(["--db", database_url, "replies", "import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        f"Ana Quispe <{program.ana.email}> accepted '{program.workshop.title}'",
        "1 recorded, 0 refused",
    ]
    assert [row.answer for row in replies.attendance(database)] == ["accepted"]


def test_a_message_without_a_calendar_says_so_whatever_its_name(
    database: Database, program: Program, tmp_path: Path
) -> None:
    """A mail saved as text that holds no reply is named for what it is, not as a
    calendar that begins with a mail header."""
    path = tmp_path / "thanks.txt"
    path.write_bytes(b"From: ana@example.org\r\nSubject: Thanks\r\n\r\nSee you in Kobe.\r\n")
    report = replies.import_replies(database, [path])
    assert report.refused == [f"{path}: the message holds no text/calendar part"]
