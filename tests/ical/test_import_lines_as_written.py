"""A calendar file's lines as other programs end and fold them, read as RFC 5545 says.

Each test imports a file as a coordinator does, through the command line's dry run or
the import itself, and checks what the coordinator sees: the titles the preview lists,
or the one line that refuses the file. The files are those a tester found read wrongly:
a line folded inside a character of several bytes (RFC 5545 section 3.1 folds octets),
and a file whose lines end with a carriage return alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_import
from cpp_scheduler.store import Database


def _calendar(*event: bytes) -> bytes:
    return b"\r\n".join(
        [b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//Partner city//EN", b"BEGIN:VEVENT",
         b"UID:fold@example.org", b"DTSTART:20270215T010000Z", b"DURATION:PT1H", *event,
         b"END:VEVENT", b"END:VCALENDAR", b""]
    )  # fmt: skip


def _folded_at_octets(line: bytes, width: int) -> list[bytes]:
    """``line`` folded every ``width`` octets, as a writer that counts octets folds it,
    whatever character the octet is part of."""
    pieces = [line[:width]]
    pieces += [
        b" " + line[start : start + width - 1] for start in range(width, len(line), width - 1)
    ]
    return pieces


def _dry_run(database: Database, tmp_path: Path, content: bytes) -> list[str]:
    path = tmp_path / "partner.ics"
    path.write_bytes(content)
    return calendar_import.import_calendar(database, path, dry_run=True).lines()


def test_a_title_folded_inside_a_japanese_character_is_read_whole(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """A writer that folds at 75 octets splits a character of three bytes between two
    lines; unfolded octet by octet, the title is whole again."""
    title = "東京ワークショップ会議"
    summary = _folded_at_octets(f"SUMMARY:{title}".encode(), 10)
    assert any(piece[-1] >= 0x80 and piece[-1] < 0xC0 for piece in summary[:-1])  # split
    lines = _dry_run(sqlite_database, tmp_path, _calendar(*summary))
    assert lines[0] == f"create  {title} (Mon 15 Feb 2027 10:00 Asia/Tokyo)"


def test_a_character_of_four_bytes_split_by_two_folds_is_read_whole(
    sqlite_database: Database, tmp_path: Path
) -> None:
    summary = [b"SUMMARY:Kobe \xf0\x9f", b" \x8e", b" \x89 party"]
    lines = _dry_run(sqlite_database, tmp_path, _calendar(*summary))
    assert lines[0] == "create  Kobe \U0001f389 party (Mon 15 Feb 2027 10:00 Asia/Tokyo)"


def test_a_byte_that_is_no_utf8_after_a_split_character_is_named_on_its_own_line(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """The file's lines keep their numbers: the byte that cannot be read is named on the
    line it is on, not the split character's."""
    content = _calendar(b"SUMMARY:\xe6\x9d", b" \xb1\xe4\xba\xac", b"LOCATION:Kob\xe9")
    path = tmp_path / "partner.ics"
    path.write_bytes(content)
    byte = content.index(b"Kob\xe9") + 4
    with pytest.raises(CalendarFileError) as caught:
        calendar_import.import_calendar(sqlite_database, path)
    assert str(caught.value) == (
        f"{path}, line 10: the file is not UTF-8 text (byte {byte} cannot be read)"
    )


def test_a_file_whose_lines_end_with_a_carriage_return_alone_is_refused_saying_so(
    sqlite_database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "partner.ics"
    path.write_bytes(_calendar(b"SUMMARY:Kobe workshop").replace(b"\r\n", b"\r"))
    with pytest.raises(CalendarFileError) as caught:
        calendar_import.import_calendar(sqlite_database, path)
    assert str(caught.value) == (
        f"{path}: the lines of the file end with a carriage return (CR) alone, as old Mac "
        "programs ended them; a calendar file ends its lines with CR LF (RFC 5545) or LF: "
        "save it again with Windows or Unix line ends"
    )
    with sqlite_database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 0
