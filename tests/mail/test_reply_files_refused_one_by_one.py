"""Each reply file an import cannot take is refused in one line of its own, naming it and
what is wrong, and the import reads on and sums up. A file's name is shown escaped, so
that a line break or a U+2028 in it never splits a refusal in two. A TZID no zone
database can be asked about (which the system refused with "File name too long" or "Is a
directory", ending the import after the answers it had recorded, unsaid) and a name the
system cannot look up are refused as any other file is. So is a reply that answers no
event, once passed over as nothing refused. So is a message of more parts than a reply
has, before the mail reader spends a minute over them."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler import limits
from cpp_scheduler.cli import main
from cpp_scheduler.ical import importer
from cpp_scheduler.ical.errors import CalendarFileError
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


def _answered(database: Database) -> dict[str, str]:
    return {row.participant: row.answer for row in replies.attendance(database)}


def _with_tzid(calendar: bytes, tzid: str) -> bytes:
    """The reply answering the meeting of 20 May 2026, 09:00, its RECURRENCE-ID given on
    the clock ``tzid`` names."""
    line = f"RECURRENCE-ID;TZID={tzid}:20260520T090000\r\nEND:VEVENT"
    return calendar.replace(b"END:VEVENT", line.encode(), 1)


@pytest.mark.parametrize(
    "tzid",
    [
        pytest.param("Z" * 300, id="longer-than-a-file-name"),
        pytest.param("Z" * (limits.LONGEST_TZID + 1), id="longer-than-any-zone-name"),
    ],
)
def test_a_tzid_that_names_no_time_zone_refuses_its_file_and_the_others_are_read_on(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    tzid: str,
) -> None:
    """The zone database took the TZID for a file's path, and the system's error ("File
    name too long", "Is a directory") ended the command after the first file's answer
    was recorded, which it never said, nor read the files after it."""
    folder = tmp_path / "replies"
    folder.mkdir()
    (folder / "a_good.ics").write_bytes(reply_calendar(invitation, program.sofia.email, "ACCEPTED"))
    bad = folder / "b_bad.ics"
    bad.write_bytes(_with_tzid(reply_calendar(invitation, program.priya.email, "DECLINED"), tzid))
    (folder / "c_good.ics").write_bytes(reply_calendar(invitation, program.maya.email, "TENTATIVE"))
    assert main(["--db", database_url, "replies", "import", str(folder)]) == 1
    out, err = capsys.readouterr()
    shown = tzid if len(tzid) <= limits.MAX_QUOTED_LENGTH else tzid[:59] + "…"
    assert err == (f"refused: {bad}: the TZID '{shown}' of RECURRENCE-ID names no time zone\n")
    assert out.splitlines() == [
        f"Sofía Muñoz <{program.sofia.email}> accepted '{program.series.title}' (every meeting)",
        f"Maya Shrestha <{program.maya.email}> answered tentatively to "
        f"'{program.series.title}' (every meeting)",
        "2 recorded, 1 refused",
    ]
    assert _answered(database) == {"Sofía Muñoz": "accepted", "Maya Shrestha": "tentative"}


@pytest.mark.parametrize(
    "tzid",
    [
        pytest.param("Mars/Olympus_Mons", id="an-unknown-zone"),
        pytest.param("Asia", id="a-folder-of-the-zone-database"),
        pytest.param("/vendor.example/America", id="a-folder-after-a-vendors-prefix"),
    ],
)
def test_a_tzid_naming_no_zone_refuses_its_file_as_the_calendar_import_does(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    tzid: str,
) -> None:
    """A TZID that names neither a zone the program knows nor one the reply defines: the
    calendar import refuses such a file, where the reply's time was read on the event's
    clock, an answer perhaps for another meeting than the one answered; the zone
    database once answered a folder's name with the system's "Is a directory", which
    ended the command. Refused in the calendar import's words, the others read on."""
    folder = tmp_path / "replies"
    folder.mkdir()
    (folder / "a_good.ics").write_bytes(reply_calendar(invitation, program.sofia.email, "ACCEPTED"))
    bad = folder / "b_zone.ics"
    bad.write_bytes(_with_tzid(reply_calendar(invitation, program.priya.email, "DECLINED"), tzid))
    reason = (
        f"RECURRENCE-ID uses the time zone '{tzid}', which is neither an IANA zone (such as "
        "Asia/Tokyo) nor a Windows zone name, and the file does not define it"
    )
    with pytest.raises(CalendarFileError, match=re.escape(reason)):
        importer.read_calendar(_with_tzid(invitation.to_ical(), tzid), "invitation.ics")

    assert main(["--db", database_url, "replies", "import", str(folder)]) == 1

    out, err = capsys.readouterr()
    assert err == f"refused: {bad}: {reason}\n"
    assert out.splitlines()[-1] == "1 recorded, 1 refused"
    assert _answered(database) == {"Sofía Muñoz": "accepted"}


def test_a_file_name_the_system_cannot_look_up_is_refused_and_the_rest_read_on(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A name longer than the file system allows stopped the command before any file
    was read, in the system's words alone (now in the program's)."""
    too_long = tmp_path / ("x" * 300 + ".ics")
    good = tmp_path / "good.ics"
    good.write_bytes(reply_calendar(invitation, program.sofia.email, "ACCEPTED"))
    assert main(["--db", database_url, "replies", "import", str(too_long), str(good)]) == 1
    out, err = capsys.readouterr()
    assert err == f"refused: {too_long}: cannot be read (the name is too long for this system)\n"
    assert out.splitlines()[-1] == "1 recorded, 1 refused"
    assert _answered(database) == {"Sofía Muñoz": "accepted"}


def _reply_of(components: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mail client//EN\r\nMETHOD:REPLY\r\n"
        f"{components}END:VCALENDAR\r\n"
    ).encode()


@pytest.mark.parametrize(
    "components",
    [
        pytest.param("", id="nothing"),
        pytest.param(
            "BEGIN:VTODO\r\nUID:task-1@example.org\r\nDTSTAMP:20260501T000000Z\r\n"
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:priya.sen@kmc.gov.in\r\nEND:VTODO\r\n",
            id="a-task",
        ),
    ],
)
def test_a_reply_that_answers_no_event_is_refused_not_passed_over(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    components: str,
) -> None:
    """It was read as nothing at all: "0 recorded, 0 refused", and the command said all
    went well of a file it recorded nothing of."""
    empty = tmp_path / "empty.ics"
    empty.write_bytes(_reply_of(components))
    assert main(["--db", database_url, "replies", "import", str(empty)]) == 1
    out, err = capsys.readouterr()
    assert out == "0 recorded, 1 refused\n"
    assert err == f"refused: {empty}: the reply holds no answer to an event (no VEVENT)\n"


def _message_of_parts(calendar: bytes, parts: int) -> bytes:
    """A reply message whose calendar comes after ``parts`` small text parts."""
    head = (
        b"From: someone@example.org\r\nTo: cpp@tdlc.example.org\r\nSubject: Accepted\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n'
    )
    text = b"--B\r\nContent-Type: text/plain\r\n\r\nx\r\n" * parts
    tail = b'--B\r\nContent-Type: text/calendar; method=REPLY; charset="utf-8"\r\n\r\n'
    return head + text + tail + calendar + b"\r\n--B--\r\n"


def test_a_message_of_too_many_parts_is_refused_before_it_is_read(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """Python's mail reader took 36 s over a message of 200,000 parts within the size a
    reply may have; the parts are counted first, and a reply of a few parts still goes in."""
    many = tmp_path / "many.eml"
    many.write_bytes(
        _message_of_parts(
            reply_calendar(invitation, program.priya.email, "DECLINED"), limits.MAX_MESSAGE_PARTS
        )
    )
    few = tmp_path / "few.eml"
    few.write_bytes(
        _message_of_parts(reply_calendar(invitation, program.sofia.email, "ACCEPTED"), 3)
    )
    report = replies.import_replies(database, [many, few])
    assert report.refused == [
        f"{many}: the message holds more than {limits.MAX_MESSAGE_PARTS:,} parts (or lines "
        "that begin with --); a reply holds a few"
    ]
    assert _answered(database) == {"Sofía Muñoz": "accepted"}
