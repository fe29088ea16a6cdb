"""A reply message whose lines or headers Python's mail reader would take seconds over is
refused at once in one line naming the file, and the other files of the import go in:
four million lines of headers took twelve seconds and a gigabyte, a Content-Type of a few
thousand parameters seconds more for each part that carries one."""

from __future__ import annotations

import time
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server

HEAD = "From: sofia.munoz@gore.cl\nTo: cpp@tdlc.example.org\nSubject: Accepted\nMIME-Version: 1.0\n"


@pytest.fixture
def invitation(database: Database, program: Program, plain_server: Server) -> icalendar.Calendar:
    send(database, EventScope(program.series.uid), plain_server)
    return read_calendar(plain_server.mailbox.messages[0])


def _message(head: str, calendar: bytes, *, before: str = "", after: str = "") -> bytes:
    """A reply message: ``head`` (its own headers), then a mixed body of a text part, its
    calendar and an attachment, ``before`` in the calendar part's headers and ``after``
    in the text part's body."""
    return (
        head
        + 'Content-Type: multipart/mixed; boundary="m"\n\n--m\n'
        + f"Content-Type: text/plain\n\nYes.\n{after}--m\n"
        + f'{before}Content-Type: text/calendar; method=REPLY; charset="utf-8"\n\n'
        + calendar.decode()
        + "\n--m--\n"
    ).encode()


def _import(database: Database, folder: Path, files: dict[str, bytes]) -> replies.ImportReport:
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return replies.import_replies(database, [folder])


def test_four_million_lines_of_headers_are_refused_at_once(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    calendar = reply_calendar(invitation, program.sofia.email, "ACCEPTED")
    headers = HEAD + "X-A: b\n" * 4_000_000
    folder = tmp_path / "replies"
    flood = _message(headers, calendar)

    started = time.perf_counter()
    with pytest.raises(replies.ReplyFileError) as caught:
        replies.read_replies(_written(tmp_path / "flood.eml", flood))
    seconds = time.perf_counter() - started

    assert str(caught.value) == (
        f"{tmp_path / 'flood.eml'}: the message's headers take more than 256 KiB; a reply's "
        "take a few KiB"
    )
    assert seconds < 1, f"{seconds:.1f} s"
    report = _import(
        database,
        folder,
        {
            "1.eml": flood,
            "2.ics": reply_calendar(invitation, program.maya.email, "DECLINED"),
        },
    )
    assert report.refused == [
        f"{folder / '1.eml'}: the message's headers take more than 256 KiB; a reply's take a "
        "few KiB"
    ]
    assert [reply.answer for reply in report.recorded] == ["declined"]


def test_a_part_whose_content_type_holds_thousands_of_parameters_is_refused(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    calendar = reply_calendar(invitation, program.sofia.email, "ACCEPTED")
    parameters = "Content-Type: text/plain" + ";\n a=b" * 4_000 + "\n"
    message = _message(HEAD, calendar).replace(b"Content-Type: text/plain\n", parameters.encode())

    started = time.perf_counter()
    report = _import(database, tmp_path / "replies", {"1.eml": message})
    seconds = time.perf_counter() - started

    assert report.refused == [
        f"{tmp_path / 'replies' / '1.eml'}: its Content-Type, Content-Disposition and "
        "Content-Transfer-Encoding fields take more than 16 KiB; a reply's take a few hundred "
        "bytes"
    ]
    assert report.recorded == []
    assert seconds < 1, f"{seconds:.1f} s"


def test_a_message_of_a_million_lines_is_refused_by_its_lines(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    calendar = reply_calendar(invitation, program.sofia.email, "ACCEPTED")
    message = _message(HEAD, calendar, after="\n" * 1_000_000)
    report = _import(database, tmp_path / "replies", {"1.eml": message})
    assert report.refused == [
        f"{tmp_path / 'replies' / '1.eml'}: the message holds more than 500,000 lines; a reply "
        "holds a few hundred"
    ]


def test_the_headers_of_a_message_that_crossed_many_servers_are_read(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """Forty servers' Received fields and signatures, a long attachment's name: read."""
    calendar = reply_calendar(invitation, program.sofia.email, "TENTATIVE")
    relays = "".join(
        f"Received: from relay{hop}.example.net (relay{hop}.example.net [192.0.2.{hop}])\n"
        f"\tby relay{hop + 1}.example.net with ESMTPS id {hop:08x}; Mon, 3 May 2027 09:00:00\n"
        f"ARC-Seal: i={hop}; a=rsa-sha256; t=1809331200; cv=pass; d=example.net;\n"
        + "".join(f"\tb={'A' * 70}\n" for _line in range(8))
        for hop in range(40)
    )
    named = (
        "Content-Disposition: attachment;\n filename*0*=UTF-8''"
        + "%E4%BC%9A%E8%AD%B0" * 20
        + ";\n filename*1*=.ics\n"
    )
    message = _message(HEAD + relays, calendar, before=named)
    report = _import(database, tmp_path / "replies", {"1.eml": message})
    assert report.refused == []
    assert [reply.answer for reply in report.recorded] == ["tentative"]


def _written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path
