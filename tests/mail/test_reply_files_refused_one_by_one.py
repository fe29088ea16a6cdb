"""Each reply file an import cannot take is refused in one line of its own, naming it and
what is wrong, and the import reads on and sums up. A file's name is shown escaped, so
that a line break or a U+2028 in it never splits a refusal in two."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


@pytest.fixture
def invitation(database: Database, program: Program, plain_server: Server) -> icalendar.Calendar:
    send(database, EventScope(program.series.uid), plain_server)
    return read_calendar(plain_server.mailbox.messages[0])


@pytest.mark.parametrize(
    ("separator", "escaped"),
    [("\n", "\\n"), ("\u2028", "\\u2028"), ("\r", "\\r")],
    ids=["line-feed", "line-separator", "carriage-return"],
)
def test_a_file_name_that_breaks_lines_is_shown_escaped_in_its_one_line(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    separator: str,
    escaped: str,
) -> None:
    """Each refusal is one line, whatever the file's name holds: a refusal of the file
    itself, of a message's calendar part, of the answer it gives."""
    folder = tmp_path / "replies"
    folder.mkdir()
    request = folder / f"1 evil{separator}name.ics"
    request.write_bytes(invitation.to_ical())
    message = folder / f"2 evil{separator}name.eml"
    message.write_bytes(b"From: someone@example.org\r\nSubject: Hello\r\n\r\nNo calendar.\r\n")
    stranger = folder / f"3 evil{separator}name.ics"
    stranger.write_bytes(reply_calendar(invitation, "spy@evil.example", "ACCEPTED"))
    assert main(["--db", database_url, "replies", "import", str(folder)]) == 1
    out, err = capsys.readouterr()
    named = f"{folder}/{{}} evil{escaped}name"
    assert err.splitlines() == [
        f"refused: {named.format(1)}.ics: not a reply (METHOD 'REQUEST')",
        f"refused: {named.format(2)}.eml: the message holds no text/calendar part",
        f"refused: {named.format(3)}.ics: 'spy@evil.example' was not invited to "
        f"'{program.series.title}'",
    ]
    assert out == "0 recorded, 3 refused\n"
