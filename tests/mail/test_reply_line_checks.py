"""A reply is checked line by line before icalendar reads it, as a calendar file is
before an import: a line of megabytes, bytes that are no UTF-8 text or more lines than
any reply holds are refused in one line naming the file (and the line), at the cost of
one pass over its lines, never by handing the whole file to icalendar, which takes
seconds over them and holds the interpreter against the window meanwhile. Nothing of a
refused file is recorded, and the other files of the import still go in."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from cpp_scheduler import limits
from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server

TOO_LONG = limits.MAX_CALENDAR_LINE_LENGTH + 1


@pytest.fixture
def invitation(database: Database, program: Program, plain_server: Server) -> icalendar.Calendar:
    send(database, EventScope(program.series.uid), plain_server)
    return read_calendar(plain_server.mailbox.messages[0])


def _with_line(calendar: bytes, line: str) -> bytes:
    """The reply with ``line`` added to its answer, just before its END:VEVENT."""
    return calendar.replace(b"END:VEVENT", line.encode() + b"\r\nEND:VEVENT", 1)


def _line_of(calendar: bytes, text: str) -> int:
    """The number of the line of ``calendar`` that starts with ``text``."""
    lines = calendar.decode().split("\r\n")
    return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


def _message(calendar: bytes, charset: str = "utf-8") -> bytes:
    """Outlook's reply: mixed, alternative, the calendar."""
    head = (
        "From: someone@example.org\r\nTo: cpp@tdlc.example.org\r\nSubject: Accepted\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\n'
        'Content-Type: multipart/alternative;\r\n boundary="a"\r\n\r\n--a\r\n'
        "Content-Type: text/plain\r\n\r\nYes.\r\n--a\r\n"
        f'Content-Type: text/calendar; method=REPLY; charset="{charset}"\r\n'
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode()
    return head + calendar + b"\r\n--a--\r\n\r\n--m--\r\n"


def _import(
    database: Database, program: Program, invitation: icalendar.Calendar, folder: Path, bad: Path
) -> replies.ImportReport:
    """Import ``bad`` between two good replies, as a folder of replies is imported."""
    (folder / "a-good.ics").write_bytes(reply_calendar(invitation, program.sofia.email, "ACCEPTED"))
    (folder / "z-good.ics").write_bytes(reply_calendar(invitation, program.maya.email, "TENTATIVE"))
    return replies.import_replies(database, [folder / "a-good.ics", bad, folder / "z-good.ics"])


def _recorded_only_the_good(database: Database, report: replies.ImportReport) -> None:
    assert sorted(reply.participant for reply in report.recorded) == [
        "Maya Shrestha",
        "Sofía Muñoz",
    ]
    answers = {row.participant: row.answer for row in replies.attendance(database)}
    assert answers == {"Sofía Muñoz": "accepted", "Maya Shrestha": "tentative"}


def test_a_value_longer_than_any_is_refused_naming_its_line_and_the_limit(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """Refused by the line-length check, not by icalendar: the line names the limit."""
    calendar = _with_line(
        reply_calendar(invitation, program.priya.email, "DECLINED"), "SUMMARY:" + "x" * TOO_LONG
    )
    bad = tmp_path / "m-long.ics"
    bad.write_bytes(calendar)
    report = _import(database, program, invitation, tmp_path, bad)
    assert report.refused == [
        f"{bad}, line {_line_of(calendar, 'SUMMARY:xxx')}: SUMMARY is 1,000,001 characters "
        "long, more than the 1,000,000 a line of a calendar file may hold"
    ]
    _recorded_only_the_good(database, report)


def test_a_long_value_in_a_messages_calendar_is_refused_naming_the_part(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    calendar = _with_line(
        reply_calendar(invitation, program.priya.email, "DECLINED"),
        "DESCRIPTION:" + "y" * TOO_LONG,
    )
    bad = tmp_path / "m-long.eml"
    bad.write_bytes(_message(calendar))
    report = _import(database, program, invitation, tmp_path, bad)
    assert report.refused == [
        f"{bad}, its text/calendar part, line {_line_of(calendar, 'DESCRIPTION:yyy')}: "
        "DESCRIPTION is 1,000,001 characters long, more than the 1,000,000 a line of a calendar "
        "file may hold"
    ]
    _recorded_only_the_good(database, report)


def test_bytes_that_are_no_text_are_refused_at_the_first_that_is_not(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """Thirty megabytes of random bytes took icalendar seconds to refuse; the first byte
    that is no UTF-8 refuses them here."""
    bad = tmp_path / "m-noise.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\n\xff\xfe\x00\x81" * 1_000)
    report = _import(database, program, invitation, tmp_path, bad)
    assert report.refused == [f"{bad}, line 2: the file is not UTF-8 text (byte 18 cannot be read)"]
    _recorded_only_the_good(database, report)


def test_more_lines_than_any_reply_holds_are_refused_before_they_are_parsed(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    lines = "\r\n".join(["X-NOTE:yes"] * 20_000)
    bad = tmp_path / "m-many-lines.ics"
    bad.write_bytes(_with_line(reply_calendar(invitation, program.priya.email, "DECLINED"), lines))
    report = _import(database, program, invitation, tmp_path, bad)
    assert report.refused == [
        f"{bad}: the reply holds more than 20,000 lines; an answer takes a few dozen"
    ]
    _recorded_only_the_good(database, report)


def test_a_calendar_larger_than_any_reply_is_refused_before_it_is_read(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """Every line within the limits, the whole past what a reply takes: icalendar would
    spend seconds over it."""
    lines = "\r\n".join(["X-NOTE:" + "n" * 99_990] * 43)
    bad = tmp_path / "m-large.ics"
    bad.write_bytes(_with_line(reply_calendar(invitation, program.priya.email, "DECLINED"), lines))
    report = _import(database, program, invitation, tmp_path, bad)
    assert report.refused == [
        f"{bad}: its calendar is 4.1 MiB, larger than the 4 MiB a reply's may be"
    ]
    _recorded_only_the_good(database, report)


def test_a_line_that_is_no_content_line_is_refused_as_an_import_refuses_it(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    calendar = _with_line(
        reply_calendar(invitation, program.priya.email, "DECLINED"), "Kobe\u2028workshop"
    )
    bad = tmp_path / "m-odd.ics"
    bad.write_bytes(calendar)
    report = _import(database, program, invitation, tmp_path, bad)
    assert report.refused == [
        f"{bad}, line {_line_of(calendar, 'Kobe')}: 'Kobe\\u2028workshop' is not an iCalendar "
        "content line (NAME:value)"
    ]
    _recorded_only_the_good(database, report)


def test_a_calendar_part_in_the_charset_its_message_declares_is_read(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """A Japanese mail client's Shift_JIS part is read in Shift_JIS, not refused as no
    UTF-8: the check reads the text the part declares."""
    calendar = _with_line(
        reply_calendar(invitation, program.priya.email, "DECLINED"), "COMMENT:出席できません"
    )
    reply = tmp_path / "m-priya.eml"
    reply.write_bytes(_message(calendar.decode().encode("shift_jis"), charset="shift_jis"))
    report = replies.import_replies(database, [reply])
    assert report.refused == []
    assert [(row.participant, row.answer) for row in report.recorded] == [("Priya Sen", "declined")]
