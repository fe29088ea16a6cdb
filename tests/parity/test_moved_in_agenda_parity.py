"""A meeting of a series moved off its rule's time is "(moved)" in the agenda a
spreadsheet exports, as ``events list``, the calendar and the window's Agenda mark it:
the demo's workshop series meets on 20 May instead of 19 May."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from cpp_scheduler.cli import main

DAY = ["--from", "2027-05-20", "--to", "2027-05-20"]


def test_the_agenda_spreadsheets_mark_a_moved_meeting_as_events_list_does(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, program)
    db = ["--db", str(program)]
    assert main([*db, "events", "list", *DAY, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    moved = [item["title"] + " (moved)" for item in listed if item["moved"]]
    assert moved, "the demo moves a meeting of its workshop series to 20 May"
    expected = sorted(item["title"] + (" (moved)" if item["moved"] else "") for item in listed)

    workbook_path, sheet_path = tmp_path / "agenda.xlsx", tmp_path / "agenda.csv"
    assert main([*db, "export", "xlsx", "agenda", *DAY, "-o", str(workbook_path)]) == 0
    assert main([*db, "export", "csv", "agenda", *DAY, "-o", str(sheet_path)]) == 0

    sheet = openpyxl.load_workbook(workbook_path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Title")
    in_workbook = sorted(str(row[column]) for row in sheet.iter_rows(min_row=2, values_only=True))
    with sheet_path.open(encoding="utf-8-sig", newline="") as stream:
        in_csv = sorted(row["Title"] for row in csv.DictReader(stream))
    assert in_workbook == expected
    assert in_csv == expected
    assert set(moved) <= set(in_workbook)
