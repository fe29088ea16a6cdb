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
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.gui.views.month import MonthView
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
