"""The agenda's Hours column adds up to the report's hours (docs/reports.md): a
conference with sessions counts its sessions' hours, not its span, on its own row, and a
cancelled meeting, a session of a cancelled conference among them, adds none. Read as a
coordinator reads the files: the CSV with csv, the workbook with openpyxl."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, EventStatus
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import CONFERENCE
from cpp_scheduler.store import open_database

YEAR = ("--from", "2027-01-01", "--to", "2027-12-31")
WRAP_UP = "Study tour wrap-up: the delegation's action plan"
PLENARY = "Opening plenary: ten years of the City Partnership Program"


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    status = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


def cancel(db: Path, title: str) -> None:
    database = open_database(db)
    try:
        with database.session() as session:
            event = session.scalars(select(Event).where(Event.title == title)).one()
            record, version = event.id, event.version
        editing.change(database, Event, record, {"status": EventStatus.CANCELLED}, version)
    finally:
        database.close()


def xlsx_rows(
    capsys: pytest.CaptureFixture[str], db: Path, folder: Path
) -> list[dict[str, object]]:
    target = folder / "agenda.xlsx"
    run(capsys, db, "export", "xlsx", "agenda", *YEAR, "-o", str(target))
    rows = list(load_workbook(target)["Agenda"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def csv_rows(capsys: pytest.CaptureFixture[str], db: Path, folder: Path) -> list[dict[str, str]]:
    target = folder / "agenda.csv"
    run(capsys, db, "export", "csv", "agenda", *YEAR, "-o", str(target))
    with target.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def report_hours(capsys: pytest.CaptureFixture[str], db: Path) -> float:
    return float(json.loads(run(capsys, db, "report", *YEAR, "--json"))["hours"])


@pytest.fixture
def db(demo_sqlite_path: Path, tmp_path: Path) -> Path:
    """The demo in a file of the test's own, with the study tour's wrap-up cancelled."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    cancel(path, WRAP_UP)
    return path


def test_the_agendas_hours_add_up_to_the_reports(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    rows = xlsx_rows(capsys, db, tmp_path)
    by_title = {row["Title"]: row for row in rows}
    assert by_title[CONFERENCE]["Hours"] == 17.75, "its row carries its sessions' hours"
    assert by_title[CONFERENCE]["Hours note"] == "Its sessions' hours"
    assert by_title[PLENARY]["Hours"] is None
    assert by_title[PLENARY]["Hours note"] == "Counted in its conference's hours"
    assert by_title[WRAP_UP]["Status"] == "Cancelled"
    assert by_title[WRAP_UP]["Hours"] is None
    total = sum(float(row["Hours"]) for row in rows if row["Hours"] is not None)  # type: ignore[arg-type]
    assert total == pytest.approx(report_hours(capsys, db))
    text = {row["Title"]: row for row in csv_rows(capsys, db, tmp_path)}
    assert (text[PLENARY]["Hours"], text[WRAP_UP]["Hours"]) == ("", "")
    assert text[CONFERENCE]["Hours"] == "17.75"


def test_a_cancelled_conferences_sessions_are_cancelled_in_the_agenda(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    cancel(db, CONFERENCE)
    rows = xlsx_rows(capsys, db, tmp_path)
    sessions = [row for row in rows if row["Conference"] == CONFERENCE]
    assert len(sessions) > 5
    assert {row["Status"] for row in sessions} == {"Cancelled"}
    assert {row["Hours"] for row in sessions} == {None}
    total = sum(float(row["Hours"]) for row in rows if row["Hours"] is not None)  # type: ignore[arg-type]
    assert total == pytest.approx(report_hours(capsys, db))
    text = [row for row in csv_rows(capsys, db, tmp_path) if row["Conference"] == CONFERENCE]
    assert {(row["Status"], row["Hours"]) for row in text} == {("Cancelled", "")}
