"""All-day events on the command line: ``times`` says they are all day on their dates,
``events list`` shows their dates, ``conflicts`` finds no night in them, and
``export ics`` writes them as dates."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode
from cpp_scheduler.store import open_database

CLOSURE = "Golden Week: TDLC closed"


@pytest.fixture
def program(demo_sqlite_path: Path, tmp_path: Path) -> Path:
    """The demo program with Golden Week as an all-day, virtual block every delegation
    is listed on: a night for some of them if it had hours."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    database = open_database(path)
    with database.transaction() as session:
        closure = Event(
            title=CLOSURE, kind=EventKind.VIDEOCONFERENCE, mode=EventMode.HYBRID, zone="Asia/Tokyo"
        )
        closure.set_dates(date(2027, 4, 29), date(2027, 5, 5))
        closure.delegations = list(session.scalars(select(Delegation)))
        session.add(closure)
    database.close()
    return path


@pytest.fixture
def closure_uid(program: Path) -> str:
    database = open_database(program)
    try:
        with database.session() as session:
            return session.scalars(select(Event.uid).where(Event.title == CLOSURE)).one()
    finally:
        database.close()


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    status = main(list(arguments))
    captured = capsys.readouterr()
    assert (status, captured.err) == (0, "")
    return captured.out


def test_times_says_all_day_on_its_dates(
    program: Path, closure_uid: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "times", "--db", str(program), closure_uid)
    first = out.splitlines()[0]
    assert first == (
        f"{CLOSURE}: All day from Thu 29 Apr 2027 to Wed 05 May 2027, on every attendee's calendar"
    )
    assert "Holiday: Thu 29 Apr 2027 is Showa Day" in out  # Japan's, for the hosts
    [meeting] = json.loads(run(capsys, "times", "--db", str(program), closure_uid, "--json"))[
        "occurrences"
    ]
    assert meeting["all_day"] is True
    assert meeting["dates"] == ["2027-04-29", "2027-05-05"]
    assert meeting["times"] == []  # no hours invented for anybody


def test_events_list_shows_the_dates(program: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(
        capsys, "events", "list", "--db", str(program), "--from", "2027-04-29", "--to", "2027-04-29"
    )
    assert "Thu 29 Apr all day to Wed 05 May" in out
    listed = json.loads(
        run(
            capsys,
            "events",
            "list",
            "--db",
            str(program),
            "--from",
            "2027-05-01",
            "--to",
            "2027-05-01",
            "--json",
        )
    )
    [closure] = [event for event in listed if event["title"] == CLOSURE]
    assert (closure["all_day"], closure["dates"]) == (True, ["2027-04-29", "2027-05-05"])


def test_conflicts_find_no_night_in_an_all_day_event(
    program: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = json.loads(run(capsys, "conflicts", "--db", str(program), "--json"))["conflicts"]
    about = [c for c in found if CLOSURE in c["message"]]
    assert about, "the closure is in the check"
    assert {c["kind"] for c in about} <= {
        "delegation_holiday",
        "japanese_holiday",
        "attendee_double_booked",
    }


def test_export_ics_writes_dates(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "program.ics"
    run(capsys, "export", "ics", "--db", str(program), "--all", "--output", str(target))
    text = target.read_bytes().decode()
    assert "DTSTART;VALUE=DATE:20270429\r\n" in text
    assert "DTEND;VALUE=DATE:20270506\r\n" in text
