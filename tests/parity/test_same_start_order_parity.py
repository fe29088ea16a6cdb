"""Meetings that start at the same time are listed in one order everywhere: the Agenda
table, the Month view's day, ``events list`` and the agenda a spreadsheet exports, by
title whatever its case (``eThekwini`` before ``Kobe``)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.documents.itinerary import read_itinerary
from cpp_scheduler.documents.programme import read_programme
from cpp_scheduler.documents.runsheet import read_run_sheet
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.gui.views.month import MonthView
from cpp_scheduler.model import Delegation, EventKind
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import add_event, settle

TUESDAY = date(2027, 4, 6)
TEN_TOKYO = datetime(2027, 4, 6, 1, 0, tzinfo=UTC)
TITLES = ("Yokohama debrief", "eThekwini exchange call", "Kobe follow-up", "KOBE follow-up")
IN_ORDER = ["eThekwini exchange call", "KOBE follow-up", "Kobe follow-up", "Yokohama debrief"]
"""Titles equal but for their case keep one order too: as written, capitals first."""


def test_the_agenda_the_month_and_events_list_order_meetings_of_one_start_alike(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    for title in TITLES:
        add_event(sqlite_database, title, TEN_TOKYO)
    window = open_window()
    window.resize(1400, 1000)
    window.show()
    qtbot.waitExposed(window)

    window.show_view("agenda")
    window.go_to(TUESDAY)
    settle(qtbot, window)
    table_model = window.current_view.table.model()
    agenda = [
        table_model.index(number, Column.TITLE).data() for number in range(table_model.rowCount())
    ]

    window.show_view("month")
    settle(qtbot, window)
    month = window.current_view
    assert isinstance(month, MonthView)
    month.grab()  # painted, as the window shows it
    lines = sorted(
        (rect.top(), row.title)
        for rect, row in month._hits
        if month._day_at(rect.center()) == TUESDAY
    )
    in_the_cell = [title for _top, title in lines]

    capsys.readouterr()
    day = TUESDAY.isoformat()
    assert (
        main(["events", "list", "--db", str(sqlite_path), "--from", day, "--to", day, "--json"])
        == 0
    )
    listed = [item["title"] for item in json.loads(capsys.readouterr().out)]

    sheet = tmp_path / "agenda.csv"
    days = ["--from", day, "--to", day]
    assert main(["export", "csv", "agenda", "--db", str(sqlite_path), *days, "-o", str(sheet)]) == 0
    with sheet.open(encoding="utf-8-sig", newline="") as stream:
        exported = [row["Title"] for row in csv.DictReader(stream)]

    assert agenda == in_the_cell == listed == exported == IN_ORDER


def test_the_documents_and_the_schedule_order_meetings_of_one_start_as_events_list(
    sqlite_database: Database, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three meetings of a delegation at 14:00, of one hour and of two, and two sessions
    of a conference at one hour: the run sheet, the itinerary, ``schedule`` and the
    programme ordered them by their end, then by title capitals first ("Zeta debrief",
    "Beta call", "alpha walk"); ``events list`` by title whatever its case."""
    with sqlite_database.transaction() as session:
        kenya = Delegation(name="Kenya", country="KE", zone="Africa/Nairobi")
        session.add(kenya)
        session.flush()
        kenya_id = kenya.id
    two = datetime(2027, 3, 9, 5, 0, tzinfo=UTC)  # Tue 9 Mar 14:00 in Tokyo
    for title, hours in (("Zeta debrief", 1), ("alpha walk", 2), ("Beta call", 2)):
        add_event(sqlite_database, title, two, hours, delegation_ids=[kenya_id])
    conference = add_event(
        sqlite_database, "Urban forum", two, 4, kind=EventKind.CONFERENCE, delegation_ids=[kenya_id]
    )
    for title, hours in (("Zoning clinic", 1), ("apple session", 2), ("Banana session", 2)):
        add_event(sqlite_database, title, two, hours, parent_id=conference)
    day = ["--from", "2027-03-09", "--to", "2027-03-09"]
    db = ["--db", str(sqlite_path)]

    assert main(["events", "list", *db, *day, "--json"]) == 0
    listed = [row["title"] for row in json.loads(capsys.readouterr().out)]
    meetings = [title for title in listed if title != "Urban forum"]
    assert meetings[:3] == ["alpha walk", "apple session", "Banana session"]

    assert main(["schedule", *db, *day, "--delegation", "Kenya", "--json"]) == 0
    scheduled = [row["title"] for row in json.loads(capsys.readouterr().out)["meetings"]]
    assert scheduled == meetings
    sheet = read_run_sheet(sqlite_database, date(2027, 3, 9))
    assert [item.title for item in sheet.items] == meetings
    itinerary = read_itinerary(sqlite_database, "Kenya")
    (travelled,) = [d for d in itinerary.days if d.meetings]
    assert [m.title for m in travelled.meetings] == meetings
    programme = read_programme(sqlite_database, conference)
    sessions = ["apple session", "Banana session", "Zoning clinic"]
    assert [item.title for item in programme.sessions] == sessions
