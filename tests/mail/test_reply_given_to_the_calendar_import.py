"""A reply saved from the mail client (an .eml message) given to the calendar import is
named for what it is, with where replies are imported, in one line."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


def test_a_reply_message_given_to_the_calendar_import_points_to_the_replies_import(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    (invitation,) = [m for m in plain_server.mailbox.messages if program.ana.email in str(m["To"])]
    reply = reply_calendar(read_calendar(invitation), program.ana.email, "ACCEPTED")
    message = EmailMessage()
    message["From"] = f"Ana Quispe <{program.ana.email}>"
    message["To"] = "cpp@tdlc.example.org"
    message["Subject"] = "Accepted: workshop"
    message.set_content("Accepted")
    message.add_alternative(reply.decode(), subtype="calendar", params={"method": "REPLY"})
    path = tmp_path / "ana_accept.eml"
    path.write_bytes(bytes(message))

    assert main(["--db", database_url, "import", str(path), "--dry-run"]) == 1
    assert capsys.readouterr().err == (
        f"cpp-scheduler: {path}, line 1: the file is an e-mail message, not a calendar file; "
        "a reply to an invitation is imported with 'cpp-scheduler replies import' or the "
        "window's Replies to invitations\n"
    )
