"""Hostile command lines get one clear line and change nothing: an export given the
database's own name, an empty value where a record is named, bytes that are no text, an
output the system refuses, and names typed with line breaks or at great length."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.disks import fill_up
from tests.hostile import RAW_BREAKS, run_cli, run_command


@pytest.fixture
def program(demo_sqlite_path: Path, tmp_path: Path) -> Path:
    """A copy of the demo program of the test's own."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    return path


def one_line(stderr: str) -> str:
    """The refusal, which must be one short line of printable text."""
    assert stderr.endswith("\n")
    (line,) = stderr.splitlines()
    assert not any(character in line for character in RAW_BREAKS), line
    assert len(line) < 600, line
    assert "Traceback" not in line
    return line


def listed_events(program: Path) -> str:
    done = run_cli("--db", str(program), "events", "list")
    assert done.returncode == 0, done.stderr
    return done.stdout


DATABASE_REFUSED = "cannot be written: it is the program's database; give the file another name"


@pytest.mark.parametrize(
    ("command", "suffix", "refusal"),
    [
        (["export", "csv", "agenda", "-o", "{db}"], ".csv", DATABASE_REFUSED),
        (["export", "xlsx", "agenda", "-o", "{db}"], ".xlsx", DATABASE_REFUSED),
        (["export", "ics", "--all", "-o", "{db}"], ".ics", DATABASE_REFUSED),
        (["program", "export", "{db}"], ".json", DATABASE_REFUSED),
        (
            ["export", "ics", "--all", "-o", "{db}-wal"],
            ".ics",
            "cannot be written: a calendar file is written as .ics",
        ),
        (
            ["export", "ics", "--all", "-o", "{db}"],
            ".sqlite",
            "cannot be written: a calendar file is written as .ics",
        ),
        (["export", "csv", "agenda", "-o", "{link}"], ".csv", DATABASE_REFUSED),
    ],
    ids=[
        "csv",
        "xlsx",
        "ics",
        "program file",
        "its journal",
        "named as a database",
        "another name of it",
    ],
)
def test_an_export_given_the_databases_name_leaves_the_database_whole(
    program: Path, command: list[str], suffix: str, refusal: str
) -> None:
    """The database named as an export names its files (``program.csv``), so that the
    export takes the name and is refused for whose name it is; a name no export takes
    (the database's own ``.sqlite``, its journal's) is refused for its suffix."""
    program = program.rename(program.with_suffix(suffix))
    before = program.read_bytes()
    events = listed_events(program)
    link = program.with_name(f"same-file{suffix}")
    os.link(program, link)
    arguments = [part.format(db=program, link=link) for part in command]
    done = run_cli("--db", str(program), *arguments)
    assert done.returncode == (1 if refusal == DATABASE_REFUSED else 2)
    assert one_line(done.stderr).endswith(refusal)
    assert program.read_bytes() == before
    assert listed_events(program) == events


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["export", "ics", "--event", "", "-o", "{out}"], "--event"),
        (["export", "ics", "--delegation", " ", "-o", "{out}"], "--delegation"),
        (["export", "ics", "--participant", "", "-o", "{out}"], "--participant"),
        (["export", "ics", "--tour", "", "-o", "{out}"], "--tour"),
        (["send", "updates", "--event", "", "--dry-run"], "--event"),
        (["send", "invitations", "--delegation", "", "--dry-run"], "--delegation"),
        (["changes", "--tour", ""], "--tour"),
        (["export", "csv", "agenda", "--city", "", "-o", "{out}"], "--city"),
        (["slots", "--with", "Peru", "--duration", "1h", "--venue", ""], "--venue"),
        (["times", ""], "EVENT_UID"),
        (["program", "export", ""], "FILE.json"),
    ],
)
def test_an_empty_name_names_nothing_and_is_refused_not_taken_as_everything(
    program: Path, tmp_path: Path, command: list[str], option: str
) -> None:
    """``--event ""`` once exported, told and sent for the whole program."""
    out = tmp_path / "out.ics"
    arguments = [part.format(out=out) for part in command]
    done = run_cli("--db", str(program), *arguments)
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert f"argument {option}" in line
    assert "give a value, not an empty text" in line
    assert "--help" in line
    assert done.stdout == ""
    assert not out.exists()


def test_an_empty_database_name_is_refused_not_taken_as_the_default(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = run_command(
        ["--db", "", "events", "list"], {"HOME": str(home)}, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "argument --db: give a value, not an empty text" in one_line(done.stderr)
    assert not home.exists()  # no default program made


def test_bytes_that_are_no_text_are_refused_in_one_line(program: Path) -> None:
    done = run_command(["--db", str(program), "times", b"\xff\xfeKobe"], capture_output=True)
    assert done.returncode == 2
    assert done.stderr == b"cpp-scheduler: '\\xff\\xfeKobe' is not text in UTF-8\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_an_output_the_disk_cannot_take_is_said_in_one_line(program: Path) -> None:
    with open("/dev/full", "w") as full:
        done = run_command(
            ["--db", str(program), "events", "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 1
    assert one_line(done.stderr) == "cpp-scheduler: the output cannot be written: the disk is full"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "csv", "agenda", "-o", "{long}.csv"],
        ["export", "xlsx", "agenda", "-o", "{long}.xlsx"],
        ["report", "--from", "2027-01-01", "--to", "2027-12-31", "-o", "{long}.pdf"],
    ],
)
def test_a_file_name_too_long_for_the_system_is_one_line(
    program: Path, tmp_path: Path, command: list[str]
) -> None:
    long = str(tmp_path / ("L" * 300))
    done = run_cli("--db", str(program), *[part.format(long=long) for part in command])
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "the name is too long for this system" in line
    assert "…" in line  # the name shortened


@pytest.fixture
def full_disk(small_disk_of: Callable[[str], Path]) -> Path:
    disk = small_disk_of("64k")
    fill_up(disk)
    return disk


@pytest.mark.parametrize(
    "command",
    [
        ["export", "xlsx", "agenda", "-o", "{disk}/agenda.xlsx"],
        ["report", "--from", "2027-01-01", "--to", "2027-12-31", "-o", "{disk}/report.xlsx"],
    ],
)
def test_a_workbook_on_a_full_disk_is_one_line_and_leaves_nothing(
    program: Path, full_disk: Path, command: list[str]
) -> None:
    done = run_cli("--db", str(program), *[part.format(disk=full_disk) for part in command])
    assert done.returncode == 1
    assert one_line(done.stderr).endswith("cannot be written: the disk is full")
    assert sorted(path.name for path in full_disk.iterdir()) == ["filler"]


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["times", "Kobe\nworkshop"], "No event has the UID or id 'Kobe\\nworkshop'."),
        (["schedule", "--delegation", "\x1b[31mred"], "No delegation is called '\\x1b[31mred'"),
        (["tours", "tour\r\nTwo"], "no study tour is called 'tour\\r\\nTwo'"),
        (["events", "list", "--city", "x" * 100_000], "no partner city is called 'xxx"),
        (["history", "x" * 60_000], "no record with the id or UID 'xxx"),
    ],
)
def test_a_name_typed_with_breaks_or_at_length_is_quoted_escaped_and_short(
    program: Path, command: list[str], said: str
) -> None:
    done = run_cli("--db", str(program), *command)
    assert done.returncode != 0
    line = one_line(done.stderr)
    assert said in line
    assert "too complex" not in line  # the history's search is never asked at length


SLOTS_AT = ["slots", "--with", "Peru", "--duration", "1h", "--from", "2027-03-01"]
SLOTS_AT += ["--to", "2027-03-05", "--zone", "UTC", "--at"]
SERIES_UID = "524d1903-c583-5db1-918f-f9a520b0e77c@cpp-scheduler.tdlc"
"""The demo's monthly workshop series."""


@pytest.mark.parametrize(
    ("command", "option", "given"),
    [
        (["times", SERIES_UID, "--occurrence"], "--occurrence", "9999-12-31T23:59:59-12:00"),
        (["times", SERIES_UID, "--occurrence"], "--occurrence", "0001-01-01T00:00:00+14:00"),
        (["times", SERIES_UID, "--occurrence"], "--occurrence", "0001-01-01"),
        (["series", SERIES_UID, "--start"], "--start", "0001-01-01"),
        (["series", SERIES_UID, "--start"], "--start", "9999-12-31T23:59-12:00"),
        (SLOTS_AT, "--at", "9999-12-31T23:59"),
    ],
)
def test_a_time_in_the_year_1_or_9999_is_refused_as_outside_the_programs_days(
    program: Path, command: list[str], option: str, given: str
) -> None:
    done = run_cli("--db", str(program), *command, given)
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        f"cpp-scheduler: {option} {given} is outside the days the program plans for "
        "(1900-01-01 to 2199-12-31)"
    )


def test_answers_of_a_delegation_the_program_does_not_hold_are_refused(program: Path) -> None:
    """ "No answers recorded." said of a mistyped name that nobody answered."""
    done = run_cli("--db", str(program), "replies", "list", "--delegation", "Peru housing")
    assert done.returncode == 1
    assert done.stdout == ""
    assert one_line(done.stderr) == "cpp-scheduler: no delegation is called 'Peru housing'"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "ics", "--all", "-o", "{file}.ics"],
        ["export", "csv", "agenda", "-o", "{file}.csv"],
        ["print", "day", "--date", "2027-02-15", "-o", "{file}.pdf"],
        ["print", "day", "--date", "2027-02-15", "-o", "{file}.txt"],
    ],
)
def test_a_file_named_with_a_line_break_is_refused_on_one_line(
    program: Path, tmp_path: Path, command: list[str]
) -> None:
    """A script reading "wrote …" lines once took such a name for two files; a name
    pasted with a line break is now refused before anything is written, whatever else
    is wrong with it."""
    name = str(tmp_path / "agenda\nfor Lima")
    done = run_cli("--db", str(program), *[part.format(file=name) for part in command])
    assert done.returncode == 2
    assert done.stdout == ""
    assert one_line(done.stderr) == (
        f"cpp-scheduler: '{tmp_path}/agenda\\nfor Lima{Path(command[-1]).suffix}' holds a "
        "line break or another control character (\\n); give the path on one line"
    )
    assert not list(tmp_path.glob("agenda*"))


def test_an_empty_search_of_the_records_lists_them_all(program: Path) -> None:
    """As the manager's empty search box does, and as ``events list --search ""``."""
    everyone = run_cli("--db", str(program), "records", "participants")
    searched = run_cli("--db", str(program), "records", "participants", "--search", "")
    assert searched.returncode == everyone.returncode == 0
    assert searched.stdout == everyone.stdout
    assert len(searched.stdout.splitlines()) > 30


def test_an_environments_program_or_author_that_is_no_text_is_refused_in_one_line(
    program: Path, tmp_path: Path
) -> None:
    """$CPP_SCHEDULER_DB naming a file in Latin-1 ended in a traceback after making half
    a database there; $CPP_SCHEDULER_AUTHOR in Latin-1 in a traceback at the first save.
    Each is refused as the same bytes given as an argument are, and nothing is made."""
    latin = os.fsdecode(b"caf\xe9")
    where = tmp_path / f"{latin}.sqlite"
    done = run_command(["demo"], {"CPP_SCHEDULER_DB": str(where)}, capture_output=True)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith(b"cpp-scheduler: $CPP_SCHEDULER_DB, '")
    assert line.endswith(b"', is not text in UTF-8")
    assert not where.exists()

    author = {"CPP_SCHEDULER_AUTHOR": os.fsdecode(b"Jos\xe9")}
    done = run_command(["--db", str(program), "demo"], author, capture_output=True)
    assert done.returncode == 2
    said = b"cpp-scheduler: $CPP_SCHEDULER_AUTHOR, 'Jos\\xe9', is not text in UTF-8\n"
    assert done.stderr == said


def test_a_system_user_name_that_is_no_text_saves_as_an_unknown_author(
    program: Path, tmp_path: Path
) -> None:
    """A login name in Latin-1 ended every save in a traceback: the changes are saved,
    their author unknown, as where the system gives no name."""
    calendar = tmp_path / "one.ics"
    calendar.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:latin-login@example.org\r\nDTSTAMP:20270101T000000Z\r\n"
        b"DTSTART:20270301T010000Z\r\nDTEND:20270301T020000Z\r\nSUMMARY:Call\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    latin = os.fsdecode(b"Jos\xe9")
    environment = {"LOGNAME": latin, "USER": latin, "LNAME": latin, "USERNAME": latin}
    arguments = ["--db", str(program), "import", str(calendar)]
    done = run_command(arguments, environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 created" in done.stdout
    history = run_command(
        ["--db", str(program), "history", "latin-login@example.org"],
        {},
        capture_output=True,
        text=True,
    )
    assert " unknown " in history.stdout, history.stdout


def test_a_database_name_with_line_breaks_and_escapes_is_said_on_one_line(
    postgres_server: str,
) -> None:
    """A server URL pasted with ``%0A`` and ``%1B`` in its database's name: the refusal
    came on three lines that each read as a message of their own, the escape sequence
    changing the terminal's colours."""
    server = postgres_server.rsplit("/", 1)[0]
    url = f"{server}/cpp%0Acpp-scheduler%3A program deleted%1B%5B31m"
    done = run_command(["--db", url, "events", "list"], capture_output=True, text=True)
    assert done.returncode != 0
    (line,) = done.stderr.splitlines()
    assert "has no database 'cpp\\ncpp-scheduler: program deleted\\x1b[31m'" in line
    assert "\x1b" not in done.stderr


def test_a_home_folder_that_is_no_text_is_refused_before_a_default_program_is_made(
    tmp_path: Path,
) -> None:
    """No --db and no $CPP_SCHEDULER_DB: the program's own place is in the home folder,
    here named in Latin-1. It ended in a traceback, an empty database left there."""
    home = tmp_path / os.fsdecode(b"caf\xe9")
    home.mkdir()
    environment = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    done = run_command(["demo"], environment, capture_output=True)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(b"cpp-scheduler: the program's own place, ")
    assert line.endswith(
        b"is not text in UTF-8 (the home folder's name); give another place with --db"
    )
    assert [path for path in home.rglob("*") if path.is_file()] == []
