"""Hostile files given to the commands: one line on stderr, status 1, nothing written.

Each command runs in a process of its own, as a coordinator runs it, so a hang fails the
test instead of freezing it, and a traceback would show on stderr.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cpp_scheduler.programfile import export_program
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import open_database
from tests.hostile import run_cli, state_of


@pytest.fixture
def demo(tmp_path: Path, sqlite_template: Path) -> Path:
    """A closed demo program database in a folder of its own, with its exported file."""
    folder = tmp_path / "program"
    folder.mkdir()
    shutil.copyfile(sqlite_template, folder / "program.sqlite")
    database = open_database(folder / "program.sqlite")
    load_demo(database)
    export_program(database, tmp_path / "demo.json")
    database.close()
    return folder / "program.sqlite"


def refused(*arguments: str) -> str:
    """The one line a refused command prints, after checking how it ended."""
    result = run_cli(*arguments)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_program_file_nested_too_deep_creates_no_database(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    line = refused(
        "--db", str(tmp_path / "new.sqlite"), "program", "import", str(tmp_path / "deep.json")
    )
    assert line == (
        "cpp-scheduler: deep.json: is not a program file: line 1 nests arrays and objects "
        "more than 32 deep"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["deep.json"]


def test_a_travel_leg_in_year_one_leaves_the_database_as_it_was(tmp_path: Path, demo: Path) -> None:
    document = json.loads((tmp_path / "demo.json").read_text())
    leg = document["study_tours"][0]["legs"][0]
    leg["departure"] = "0001-01-01T00:00:00Z"
    (tmp_path / "old.json").write_text(json.dumps(document))
    before = state_of(demo.parent)
    line = refused("--db", str(demo), "program", "import", str(tmp_path / "old.json"))
    assert line.startswith("cpp-scheduler: old.json: travel leg ")
    assert line.endswith(
        ": The departure (0001-01-01 00:00 UTC) is outside the dates the program plans for "
        "(1900-01-01 to 2199-12-31)."
    )
    assert state_of(demo.parent) == before


@pytest.mark.parametrize("command", [["program", "import"], ["import"]], ids=["program", "ics"])
def test_a_named_pipe_as_the_file_is_refused_without_waiting(
    tmp_path: Path, command: list[str]
) -> None:
    pipe = tmp_path / "incoming"
    os.mkfifo(pipe)
    line = refused("--db", str(tmp_path / "new.sqlite"), *command, str(pipe))
    assert line.endswith("is not a regular file (a pipe, a socket or a device)")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["incoming"]


def test_a_calendar_with_a_crowded_time_zone_changes_nothing(tmp_path: Path, demo: Path) -> None:
    zone = ["BEGIN:VTIMEZONE", "TZID:Crowded"]
    for year in range(6_000):
        zone += ["BEGIN:DAYLIGHT", f"DTSTART:{1900 + year % 300}0101T000000",
                 "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT"]  # fmt: skip
    event = ["BEGIN:VEVENT", "UID:a@x", "DTSTART;TZID=Crowded:20270215T100000",
             "DURATION:PT1H", "SUMMARY:Kobe\u2028workshop", "END:VEVENT"]  # fmt: skip
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//EN", *zone, "END:VTIMEZONE",
             *event, "END:VCALENDAR"]  # fmt: skip
    feed = tmp_path / "feed.ics"
    feed.write_text("\r\n".join(lines), encoding="utf-8")
    before = state_of(demo.parent)
    line = refused("--db", str(demo), "import", str(feed))
    assert line == (
        f"cpp-scheduler: {feed}, line 4 (VTIMEZONE): the time zone defines more than 500 "
        "clock changes (observances and RDATE values, counted up to line 2506)"
    )
    assert state_of(demo.parent) == before


@pytest.mark.parametrize("separator", ["\n", "\u2028"], ids=["line-break", "line-separator"])
def test_a_file_read_named_with_a_line_break_is_named_on_one_line(
    tmp_path: Path, demo: Path, separator: str
) -> None:
    """A file's name is part of the message, shown as printable() shows text from
    outside: a line break in it never makes the refusal two lines."""
    calendar = tmp_path / f"kobe{separator}calendar.ics"
    calendar.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    program = tmp_path / f"kobe{separator}program.json"
    program.write_text("{", encoding="utf-8")
    shown = "\\n" if separator == "\n" else "\\u2028"

    for command, named in (("import", calendar), ("program import", program)):
        line = refused("--db", str(demo), *command.split(), str(named))
        assert f"kobe{shown}" in line
        assert separator not in line


def test_a_program_file_of_millions_of_empty_records_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    """Within the size limit, 21 million empty records would take gigabytes to parse
    before their count is checked: the file is refused from its commas, at once."""
    empty = b"{}," * 7_000_000
    (tmp_path / "empty.json").write_bytes(
        b'{"format":"cpp-scheduler-program","version":1,"events":[' + empty + b"{}]}"
    )
    line = refused(
        "--db", str(tmp_path / "new.sqlite"), "program", "import", str(tmp_path / "empty.json")
    )
    assert line == (
        "cpp-scheduler: empty.json: is not a program file: it holds about 7,000,003 values, "
        "more than the 5,000,000 of the largest program"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty.json"]


def test_a_calendar_naming_a_zone_longer_than_a_file_name_changes_nothing(
    tmp_path: Path, demo: Path
) -> None:
    feed = tmp_path / "feed.ics"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//EN", "BEGIN:VEVENT", "UID:a@x",
             "SUMMARY:Kobe workshop", f"DTSTART;TZID={'Z' * 300}:20270215T100000",
             "DURATION:PT1H", "END:VEVENT", "END:VCALENDAR"]  # fmt: skip
    feed.write_text("\r\n".join(lines), encoding="utf-8")
    before = state_of(demo.parent)
    line = refused("--db", str(demo), "import", str(feed))
    assert line == (
        f"cpp-scheduler: {feed}, line 4 (VEVENT): DTSTART uses the time zone '{'Z' * 59}…', "
        "which is neither an IANA zone (such as Asia/Tokyo) nor a Windows zone name, and the "
        "file does not define it"
    )
    assert state_of(demo.parent) == before


def test_a_calendar_whose_zone_repeats_every_zero_years_is_refused_at_once(
    tmp_path: Path, demo: Path
) -> None:
    """dateutil takes INTERVAL=0 and then searches its dates for ever."""
    feed = tmp_path / "feed.ics"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//EN", "BEGIN:VTIMEZONE",
             "TZID:Ruled", "BEGIN:STANDARD", "DTSTART:19701101T020000", "TZOFFSETFROM:-0400",
             "TZOFFSETTO:-0500", "RRULE:FREQ=YEARLY;INTERVAL=0", "END:STANDARD",
             "BEGIN:DAYLIGHT", "DTSTART:19700301T020000", "TZOFFSETFROM:-0500",
             "TZOFFSETTO:-0400", "END:DAYLIGHT", "END:VTIMEZONE", "BEGIN:VEVENT", "UID:a@x",
             "SUMMARY:Kobe workshop", "DTSTART;TZID=Ruled:20270215T100000", "DURATION:PT1H",
             "END:VEVENT", "END:VCALENDAR"]  # fmt: skip
    feed.write_text("\r\n".join(lines), encoding="utf-8")
    before = state_of(demo.parent)
    line = refused("--db", str(demo), "import", str(feed))
    assert line == (
        f"cpp-scheduler: {feed}, line 10 (STANDARD): the time zone 'Ruled' gives RRULE as "
        "'FREQ=YEARLY;INTERVAL=0', which is not a yearly rule such as "
        "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"
    )
    assert state_of(demo.parent) == before


def test_a_calendar_of_thousands_of_long_series_is_refused_in_seconds(
    tmp_path: Path, demo: Path
) -> None:
    """4,000 daily series of 500 meetings each: two million meetings, once read for over
    half a minute before the dry run said anything. Refused at the series that passes
    the limit (the 1,001st), none after it read."""
    feed = tmp_path / "feed.ics"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//EN"]
    for number in range(4_000):
        lines += ["BEGIN:VEVENT", f"UID:s{number}@x", "SUMMARY:s",
                  "DTSTART;TZID=America/New_York:20270101T023000", "DURATION:PT1H",
                  "RRULE:FREQ=DAILY;COUNT=500", "END:VEVENT"]  # fmt: skip
    feed.write_text("\r\n".join([*lines, "END:VCALENDAR"]), encoding="utf-8")
    before = state_of(demo.parent)
    line = refused("--db", str(demo), "import", "--dry-run", str(feed))
    assert line == (
        f"cpp-scheduler: {feed}, line 7004 (VEVENT): the file holds more than 500,000 meetings "
        "(each series counted by the meetings its rule gives, up to this event); split it, or "
        "import the months you need"
    )
    assert state_of(demo.parent) == before
