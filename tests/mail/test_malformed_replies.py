"""A malformed reply is refused in one line naming the file and what is wrong, and the
other files of the import still go in: a DTSTAMP or RECURRENCE-ID that is no date, a
DTSTAMP that is a date alone, a SEQUENCE beyond any event's, a message nested thousands
of parts deep, a calendar of too many answers or too deep, a file too large. Each is
written as a mail client or a hostile sender would, read by the real import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler import limits
from cpp_scheduler.cli import main
from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


@pytest.fixture
def invitation(database: Database, program: Program, plain_server: Server) -> icalendar.Calendar:
    send(database, EventScope(program.series.uid), plain_server)
    return read_calendar(plain_server.mailbox.messages[0])


def _edited(calendar: bytes, edit: Callable[[str], str]) -> bytes:
    return edit(calendar.decode()).encode()


def _replace_line(name: str, line: str) -> Callable[[str], str]:
    """Put ``line`` in place of the answer's ``name`` property."""

    def edit(text: str) -> str:
        lines = text.split("\r\n")
        return "\r\n".join(line if part.startswith(f"{name}") else part for part in lines)

    return edit


def _add_line(line: str) -> Callable[[str], str]:
    return lambda text: text.replace("END:VEVENT", f"{line}\r\nEND:VEVENT")


def _nested_message(depth: int) -> bytes:
    head = (
        "From: ana@example.org\r\nTo: cpp@example.org\r\nSubject: Accepted\r\nMIME-Version: 1.0\r\n"
    )
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{level}"\r\n\r\n--b{level}\r\n'
        for level in range(depth)
    )
    closing = "".join(f"\r\n--b{level}--\r\n" for level in reversed(range(depth)))
    return (head + opening + "Content-Type: text/plain\r\n\r\nyes\r\n" + closing).encode()


NOT_A_DATE = "is not a date or a date and time"
NESTED = "BEGIN:VEVENT\r\n" + "BEGIN:X-A\r\n" * 10 + "END:X-A\r\n" * 10
MALFORMED = {
    "dtstamp-words": (
        _replace_line("DTSTAMP", "DTSTAMP:yesterday"),
        f"DTSTAMP 'yesterday' {NOT_A_DATE}",
    ),
    "rid-words": (_add_line("RECURRENCE-ID:notadate"), f"RECURRENCE-ID 'notadate' {NOT_A_DATE}"),
    "dtstamp-date": (
        _replace_line("DTSTAMP", "DTSTAMP;VALUE=DATE:20260501"),
        "DTSTAMP '20260501' is a date; it must be a date and time",
    ),
    "sequence-huge": (
        _replace_line("SEQUENCE", "SEQUENCE:99999999999999999999999"),
        "'99999999999999999999999' is not a SEQUENCE (a whole number from 0 to 1,000,000,000)",
    ),
    "sequence-twice": (
        _add_line("SEQUENCE:3"),
        "SEQUENCE is given 2 times; an answer gives it once",
    ),
    "rid-year-1": (
        _add_line("RECURRENCE-ID:00010101T000000Z"),
        "RECURRENCE-ID '00010101T000000Z' is outside 1900-01-01 to 2199-12-31",
    ),
    "nested": (
        lambda text: text.replace("BEGIN:VEVENT", NESTED, 1),
        f"components nest more than {limits.MAX_COMPONENT_DEPTH} deep",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_value_refuses_its_file_in_one_line(
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    case: str,
) -> None:
    edit, reason = MALFORMED[case]
    good = reply_calendar(invitation, program.sofia.email, "ACCEPTED")
    bad = tmp_path / "b-bad.ics"
    bad.write_bytes(_edited(reply_calendar(invitation, program.priya.email, "DECLINED"), edit))
    (tmp_path / "a-good.ics").write_bytes(good)
    (tmp_path / "c-good.ics").write_bytes(
        reply_calendar(invitation, program.maya.email, "TENTATIVE")
    )
    report = replies.import_replies(database, [tmp_path])
    assert report.refused == [f"{bad}: {reason}"]
    assert sorted(reply.participant for reply in report.recorded) == [
        "Maya Shrestha",
        "Sofía Muñoz",
    ]
    answers = {row.participant: row.answer for row in replies.attendance(database)}
    assert answers == {"Sofía Muñoz": "accepted", "Maya Shrestha": "tentative"}


def test_an_attendee_line_that_cannot_be_read_is_said_so_not_called_missing(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """A control character inside the quoted CN keeps icalendar from reading the line:
    the file was refused as "a reply without UID or ATTENDEE", though it has both."""
    bad = tmp_path / "cn.ics"
    reply = reply_calendar(invitation, program.priya.email, "DECLINED").decode()
    bad.write_bytes(reply.replace("ATTENDEE;", 'ATTENDEE;CN="Pri\x1bya";', 1).encode())
    (refused,) = replies.import_replies(database, [bad]).refused
    assert refused.startswith(f"{bad}: a line cannot be read (")
    assert "\\x1b" in refused
    assert "\x1b" not in refused
    assert replies.attendance(database) == []


def test_the_command_refuses_each_bad_file_and_prints_the_summary(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "replies"
    folder.mkdir()
    stamp = _replace_line("DTSTAMP", "DTSTAMP:yesterday\x1b[2J")
    (folder / "1.ics").write_bytes(reply_calendar(invitation, program.sofia.email, "ACCEPTED"))
    (folder / "2.ics").write_bytes(
        _edited(reply_calendar(invitation, program.priya.email, "ACCEPTED"), stamp)
    )
    (folder / "3.eml").write_bytes(_nested_message(3000))
    (folder / "4.ics").write_bytes(reply_calendar(invitation, program.maya.email, "DECLINED"))
    assert main(["--db", database_url, "replies", "import", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "2 recorded, 2 refused"
    assert err.splitlines() == [
        f"refused: {folder / '2.ics'}: DTSTAMP 'yesterday\\x1b[2J' {NOT_A_DATE}",
        f"refused: {folder / '3.eml'}: the message holds more than "
        f"{limits.MAX_MESSAGE_CONTAINERS} nested parts (multipart or message); a reply holds a few",
    ]
    assert "Traceback" not in out + err


def test_a_message_nested_a_few_parts_deep_is_read(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """Outlook's reply: mixed, alternative, the calendar; well within the limit."""
    calendar = reply_calendar(invitation, program.sofia.email, "TENTATIVE").decode()
    message = (
        "From: sofia.munoz@gore.cl\r\nTo: cpp@tdlc.example.org\r\nSubject: Tentative\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\n'
        'Content-Type: multipart/alternative;\r\n boundary="a"\r\n\r\n--a\r\n'
        "Content-Type: text/plain\r\n\r\nMaybe.\r\n--a\r\n"
        'Content-Type: text/calendar; method=REPLY; charset="utf-8"\r\n\r\n'
        f"{calendar}\r\n--a--\r\n\r\n--m--\r\n"
    )
    path = tmp_path / "sofia.eml"
    path.write_bytes(message.encode())
    report = replies.import_replies(database, [path])
    assert report.refused == []
    assert [reply.answer for reply in report.recorded] == ["tentative"]


def test_too_many_answers_and_too_large_a_file_are_refused_before_they_are_read(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    one = reply_calendar(invitation, program.sofia.email, "ACCEPTED").decode()
    start, end = one.index("BEGIN:VEVENT"), one.index("END:VEVENT") + len("END:VEVENT\r\n")
    many = tmp_path / "many.ics"
    many.write_text(
        one[:start] + one[start:end] * (limits.MAX_REPLY_ANSWERS + 1) + one[end:], newline=""
    )
    large = tmp_path / "large.ics"
    with large.open("wb") as stream:
        stream.truncate(limits.MAX_REPLY_FILE_BYTES + 1)
    report = replies.import_replies(database, [many, large])
    assert report.refused == [
        f"{many}: the reply holds more than {limits.MAX_REPLY_ANSWERS} answers (VEVENTs)",
        f"{large}: the file is 32.0 MiB, larger than the 32 MiB a reply may be",
    ]
    assert report.recorded == []
