"""A table the command line prints keeps one row per line, whatever a title holds.

A title or an address typed with a line break (or pasted with a tab) is stored as typed;
a table printed with it raw would break a row in two and shift every column after it, and
a script reading the table line by line would see a row that does not exist.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from cpp_scheduler.cli import columns, main

TITLE = "CPP Conference 2027: Cities Learning from Cities"


@pytest.fixture
def program(demo_sqlite_path: Path, tmp_path: Path) -> str:
    """The demo program with the conference's title typed over two lines and a tab."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    with sqlite3.connect(path) as connection:
        changed = connection.execute(
            "UPDATE events SET title = ? WHERE title = ?",
            ("CPP Conference 2027:\nCities\tLearning\r\nEND:VEVENT", TITLE),
        ).rowcount
    connection.close()
    assert changed == 1
    return str(path)


def test_a_title_with_line_breaks_stays_on_its_row_in_the_export_preview(
    program: str, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["export", "ics", "--all", "--db", program, "--preview"]
    assert main([*arguments, "--json"]) == 0
    meetings = json.loads(capsys.readouterr().out)["events"]
    assert main(arguments) == 0
    lines = capsys.readouterr().out.splitlines()
    # The calendar's name, the summary, the header, then one line per meeting.
    assert len(lines) == 3 + len(meetings)
    shown = next(line for line in lines if "CPP Conference 2027" in line)
    assert "CPP Conference 2027:\\nCities\\tLearning\\" in shown
    assert not any(line.startswith("END:VEVENT") for line in lines)


def test_a_title_with_line_breaks_stays_on_its_row_in_the_events_list(
    program: str, capsys: pytest.CaptureFixture[str]
) -> None:
    days = ["--from", "2027-02-15", "--to", "2027-02-17"]
    assert main(["events", "list", "--db", program, *days, "--json"]) == 0
    occurrences = json.loads(capsys.readouterr().out)
    assert main(["events", "list", "--db", program, *days]) == 0
    lines = capsys.readouterr().out.splitlines()
    # Header, rule, the rows, a blank line and the count.
    assert len(lines) == 2 + len(occurrences) + 2
    rule = lines[1]
    shown = next(line for line in lines if "CPP Conference 2027" in line)
    assert set(rule) <= {"-", " "}
    # The columns after the title still start where the header's do.
    kind = lines[0].index("KIND")
    assert shown[kind:].startswith("Conference")


def test_one_line_shows_control_characters_and_keeps_the_rest() -> None:
    assert columns.one_line("Kobe\nCity Hall") == "Kobe\\nCity Hall"
    assert columns.one_line("神戸市役所") == "神戸市役所"
    assert columns.one_line("a" * 500) == "a" * 500
