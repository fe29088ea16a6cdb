"""The agenda and the report count a period alike, for any period, as a coordinator
reads them: the report's JSON beside the agenda's workbook, through the commands.

* A meeting belongs to the period it starts in; an all-day meeting starts on its first
  date, the same on every clock (docs/reports.md).
* The agenda's Hours add up to the report's for the same days, a conference's hours on
  its own row in the period it starts in, a meeting begun the day before listed without
  its hours and saying where they are.
* A delegation's agenda holds the sessions of its conference that name nobody, whose
  hours the report counts for it.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, EventKind, EventMode
from cpp_scheduler.services.demo import CONFERENCE
from cpp_scheduler.store import open_database

PERU = "Peru: Ministry of Housing, Construction and Sanitation"
PLENARY = "Opening plenary: ten years of the City Partnership Program"
CLOSING = "Closing plenary: partnerships for the next round"
KIRITIMATI = "Kiritimati New Year office closure"
LATE_CALL = "Late call with Lima"


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    status = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


def report(capsys: pytest.CaptureFixture[str], db: Path, first: str, last: str) -> Any:
    return json.loads(run(capsys, db, "report", "--from", first, "--to", last, "--json"))


def agenda(
    capsys: pytest.CaptureFixture[str], db: Path, first: str, last: str, *filters: str
) -> list[dict[str, Any]]:
    target = db.parent / f"agenda-{first}-{last}.xlsx"
    run(capsys, db, "export", "xlsx", "agenda", "--from", first, "--to", last, *filters,
        "-o", str(target))  # fmt: skip
    rows = list(load_workbook(target)["Agenda"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def hours(rows: list[dict[str, Any]]) -> float:
    return sum(float(row["Hours"]) for row in rows if row["Hours"] is not None)


@pytest.fixture
def db(demo_sqlite_path: Path, tmp_path: Path) -> Path:
    """The demo, with Kiritimati's New Year's Day closure and a call from 23:30 on
    1 March to 00:30 on 2 March, Tokyo time."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    database = open_database(path)
    with database.transaction() as session:
        closure = Event(title=KIRITIMATI, zone="Pacific/Kiritimati")
        closure.set_dates(date(2028, 1, 1), date(2028, 1, 1))
        call = Event(
            title=LATE_CALL,
            kind=EventKind.VIDEOCONFERENCE,
            mode=EventMode.VIRTUAL,
            video_link="https://meet.example.org/lima",
        )
        call.set_local_times(
            datetime(2027, 3, 1, 23, 30), datetime(2027, 3, 2, 0, 30), "Asia/Tokyo"
        )
        session.add_all([closure, call])
    database.close()
    return path


def test_an_all_day_meeting_belongs_to_the_period_of_its_first_date(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    """1 January in Kiritimati begins at 23:00 on 31 December in Tokyo: the closure is
    a January meeting all the same, in the report as in the agenda."""
    december = report(capsys, db, "2027-12-31", "2027-12-31")
    january = report(capsys, db, "2028-01-01", "2028-01-31")
    assert (december["meetings"], january["meetings"]) == (0, 1)
    assert january["hours"] == 0
    assert KIRITIMATI not in [
        row["Title"] for row in agenda(capsys, db, "2027-12-31", "2027-12-31")
    ]
    assert KIRITIMATI in [row["Title"] for row in agenda(capsys, db, "2028-01-01", "2028-01-01")]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2027-02-15", "2027-02-15"),  # the conference's first day: all its hours
        ("2027-02-16", "2027-02-16"),  # its second day: none of them
        ("2027-03-01", "2027-03-01"),
        ("2027-03-02", "2027-03-02"),  # the late call's last half hour
        ("2027-02-01", "2027-03-31"),
    ],
)
def test_the_agendas_hours_add_up_to_the_reports_for_any_days(
    capsys: pytest.CaptureFixture[str], db: Path, first: str, last: str
) -> None:
    rows = agenda(capsys, db, first, last)
    assert hours(rows) == pytest.approx(report(capsys, db, first, last)["hours"])


def test_every_day_of_the_conferences_month_adds_up(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    day = date(2027, 2, 10)
    while day <= date(2027, 2, 28):
        text = day.isoformat()
        assert hours(agenda(capsys, db, text, text)) == pytest.approx(
            report(capsys, db, text, text)["hours"]
        ), text
        day += timedelta(days=1)


def test_the_sheet_says_where_hours_it_lists_without_are_counted(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    first_day = {row["Title"]: row for row in agenda(capsys, db, "2027-02-15", "2027-02-15")}
    assert first_day[CONFERENCE]["Hours"] == 17.75
    assert first_day[CONFERENCE]["Hours note"] == "Its sessions' hours"
    assert first_day[PLENARY]["Hours"] is None
    assert first_day[PLENARY]["Hours note"] == "Counted in its conference's hours"

    second_day = {row["Title"]: row for row in agenda(capsys, db, "2027-02-16", "2027-02-16")}
    assert second_day[CONFERENCE]["Hours"] is None
    assert second_day[CONFERENCE]["Hours note"] == (
        "Started before these dates: counted where it starts"
    )
    assert second_day[CLOSING]["Hours note"] == "Counted in its conference's hours"

    after_midnight = {row["Title"]: row for row in agenda(capsys, db, "2027-03-02", "2027-03-02")}
    assert after_midnight[LATE_CALL]["Hours"] is None
    assert after_midnight[LATE_CALL]["Hours note"] == (
        "Started before these dates: counted where it starts"
    )
    before_midnight = {row["Title"]: row for row in agenda(capsys, db, "2027-03-01", "2027-03-01")}
    assert (before_midnight[LATE_CALL]["Hours"], before_midnight[LATE_CALL]["Hours note"]) == (
        1,
        None,
    )


def test_a_delegations_agenda_holds_the_sessions_of_its_conference(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    """Peru attends the conference, so it attends each session that names nobody: the
    sessions are on its agenda, and the hours add up to the report's for Peru."""
    rows = agenda(capsys, db, "2027-02-01", "2027-02-28", "--delegation", PERU)
    titles = [row["Title"] for row in rows]
    assert CONFERENCE in titles
    assert PLENARY in titles
    assert CLOSING in titles
    sessions = [row for row in rows if row["Conference"] == CONFERENCE]
    assert len(sessions) == 10, "the two action-plan sessions are other delegations'"
    by_delegation = report(capsys, db, "2027-02-01", "2027-02-28")["breakdowns"]["delegation"]
    peru = next(row for row in by_delegation if row["label"] == PERU)
    assert hours(rows) == pytest.approx(peru["hours"])


def test_a_session_of_a_session_is_counted_once_in_its_conference(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    """A workshop track inside a conference session (two hands-on clinics within the
    opening plenary's slot): the agenda is written, not a traceback, and the report and
    the agenda count the plenary's hours once, by its clinics, in the conference."""
    before = report(capsys, db, "2027-02-15", "2027-02-15")["hours"]
    database = open_database(db)
    with database.transaction() as session:
        plenary = session.query(Event).filter_by(title=PLENARY).one()
        start, zone = plenary.start_utc, plenary.zone
        for number, minutes in ((1, 0), (2, 40)):
            clinic = Event(title=f"Clinic {number}", parent=plenary, zone=zone)
            clinic.start_utc = start + timedelta(minutes=minutes)
            clinic.end_utc = clinic.start_utc + timedelta(minutes=30)
            session.add(clinic)
        plenary_hours = (plenary.end_utc - plenary.start_utc).total_seconds() / 3600
    database.close()

    rows = agenda(capsys, db, "2027-02-15", "2027-02-15")
    counted = report(capsys, db, "2027-02-15", "2027-02-15")

    assert [row["Hours note"] for row in rows if row["Title"].startswith("Clinic")] == [
        "Counted in its conference's hours"
    ] * 2
    assert counted["hours"] == pytest.approx(before - plenary_hours + 1.0)
    assert hours(rows) == pytest.approx(counted["hours"])
