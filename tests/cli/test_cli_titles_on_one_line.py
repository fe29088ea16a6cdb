"""A line the command line prints about an event shows its title on that line, whatever
the title holds.

A title typed with a line break, or read from a partner's calendar file with a terminal's
escape sequence in it, is stored as it came; printed raw in a conflict, the heading of
local times, an import's report or an export's preview, it would start a line of its own
or clear the coordinator's screen. Those lines show it escaped, as the tables do.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cpp_scheduler.cli import main

TITLE = "Capturing land value to finance urban transit"
TYPED = "Capturing\nland value\x1b[2J"
SHOWN = "Capturing\\nland value\\x1b[2J"
RAW = ("\n", "\x1b")


@pytest.fixture
def program(demo_sqlite_path: Path, tmp_path: Path) -> tuple[str, str]:
    """The demo program with a session's title typed over two lines and an escape
    sequence; the database and the session's calendar UID."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE events SET title = ? WHERE title = ?", (TYPED, TITLE))
        (uid,) = connection.execute("SELECT uid FROM events WHERE title = ?", (TYPED,)).fetchone()
    connection.close()
    return str(path), uid


def printed(capsys: pytest.CaptureFixture[str], *arguments: str) -> list[str]:
    assert main(list(arguments)) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    return out.splitlines()


def test_a_conflict_names_the_title_on_its_line(
    program: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    database, _uid = program
    lines = printed(
        capsys, "conflicts", "--from", "2027-02-15", "--to", "2027-02-15", "--db", database
    )
    night = next(line for line in lines if line.startswith("WARNING") and "Capturing" in line)
    assert f"Night-time session: {SHOWN} is at night for Peru" in night
    assert not any(line.startswith("land value") for line in lines)


def test_the_heading_of_local_times_is_one_line(
    program: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    database, uid = program
    lines = printed(capsys, "times", uid, "--db", database)
    assert lines[0] == f"{SHOWN}: Mon 15 Feb 2027 10:45-12:15 (Tokyo)"
    assert lines[1].startswith("WHO ")


def test_the_heading_of_an_export_preview_is_one_line(
    program: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    database, uid = program
    lines = printed(capsys, "export", "ics", "--event", uid, "--preview", "--db", database)
    assert lines[0] == SHOWN
    assert lines[1] == "1 meeting, read in Asia/Tokyo"
    assert lines[2].startswith("Starts ")


def calendar_file(path: Path, sequence: int) -> Path:
    """A partner's file with one event, its title written over two lines (``\\n``, as
    iCalendar escapes a line break) and holding an escape sequence."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Partner city//EN",
        "BEGIN:VEVENT",
        "UID:titled@example.org",
        "DTSTAMP:20270101T000000Z",
        f"SEQUENCE:{sequence}",
        "SUMMARY:Capturing\\nland value\x1b[2J",
        "DTSTART;TZID=Asia/Tokyo:20270301T100000",
        "DURATION:PT1H",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    path.write_text("\r\n".join([*lines, ""]), encoding="utf-8")
    return path


def test_an_import_reports_each_event_on_one_line(
    tmp_path: Path, sqlite_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "program.sqlite"
    shutil.copyfile(sqlite_template, database)
    first = calendar_file(tmp_path / "first.ics", 0)
    lines = printed(capsys, "--db", str(database), "import", str(first))
    assert lines[0] == f"create  {SHOWN} (Mon 01 Mar 2027 10:00 Asia/Tokyo)"
    assert lines[1].startswith(f"{first}: 1 created, ")
    second = calendar_file(tmp_path / "second.ics", 1)
    lines = printed(capsys, "--db", str(database), "import", str(second))
    assert lines[0] == (f"update  {SHOWN} (Mon 01 Mar 2027 10:00 Asia/Tokyo): version 1 replaces 0")
    assert len(lines) == 2
