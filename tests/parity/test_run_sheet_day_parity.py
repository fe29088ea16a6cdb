"""A run sheet holds a day's meetings as the calendar and ``events list`` place them: an
all-day event on its own dates. Kiritimati's day of prayer, on Monday 5 April there,
begins at 19:00 on Sunday in Tokyo: the calendar draws it on Monday, its right-click
offers Monday's run sheet, and only Monday's sheet lists it, as ``events list`` does."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.documents.runsheet import read_run_sheet
from cpp_scheduler.gui.views.month import MonthView
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle
from tests.parity.days_support import store_days_program

PRAYER = "National day of prayer"
SUNDAY, MONDAY = date(2027, 4, 4), date(2027, 4, 5)


def listed_on(capsys: pytest.CaptureFixture[str], path: Path, day: date) -> set[str]:
    capsys.readouterr()
    shown = day.isoformat()
    arguments = ["events", "list", "--db", str(path), "--from", shown, "--to", shown, "--json"]
    assert main(arguments) == 0
    return {item["title"] for item in json.loads(capsys.readouterr().out)}


def test_each_days_run_sheet_lists_what_events_list_gives_that_day(
    sqlite_database: Database, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_days_program(sqlite_database)
    for day in (SUNDAY, MONDAY):
        on_the_sheet = {item.title for item in read_run_sheet(sqlite_database, day).items}
        assert on_the_sheet == listed_on(capsys, sqlite_path, day), day
    assert PRAYER in listed_on(capsys, sqlite_path, MONDAY)


def test_the_right_click_offers_the_run_sheet_of_the_day_the_calendar_shows(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store_days_program(sqlite_database)
    window = open_window()
    window.resize(1400, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.show_view("month")
    window.go_to(MONDAY)
    settle(qtbot, window)
    month = window.current_view
    assert isinstance(month, MonthView)
    month.grab()  # painted, as the window shows it
    rect = next(rect for rect, row in month._hits if row.title == PRAYER)
    drawn_on = month._day_at(rect.center())
    assert drawn_on == MONDAY

    menu = window.event_menu(month, rect.center().toPoint())
    assert menu is not None
    entry = next(a for a in menu.actions() if a.objectName() == "print_day_of_event")
    assert entry.text() == "Print run sheet of Mon 05 Apr…"
    entry.trigger()
    dialog = window.documents.dialogs["day"]
    assert dialog.date.date() == QDate(2027, 4, 5)
    menu.deleteLater()
    settle(qtbot, window)
    assert PRAYER in {item.title for item in read_run_sheet(sqlite_database, MONDAY).items}
    assert PRAYER in listed_on(capsys, sqlite_path, MONDAY)


def test_file_print_run_sheet_proposes_the_day_in_japan_the_calendar_shows(
    sqlite_database: Database, open_window: Any, qtbot: QtBot
) -> None:
    """On Lima's clock, Sunday 14 February 2027 shows the sessions of Monday 15 February
    in Tokyo: File > Print run sheet… proposes that day, whose run sheet lists them, not
    Tokyo's Sunday, whose sheet holds none of what is on screen."""
    from cpp_scheduler.services.demo import load_demo

    load_demo(sqlite_database)
    window = open_window()
    window.set_display_zone("America/Lima")
    window.show_view("day")
    window.go_to(date(2027, 2, 14))
    settle(qtbot, window)
    shown = {window.events.row_at(window.events.row_of(i)).title for i in window.shown_event_ids()}
    assert shown, "the day shows meetings, or this proves nothing"

    dialog = window.documents.open("day")
    proposed = dialog.date.date().toPython()
    dialog.close()

    assert proposed == date(2027, 2, 15)
    sheet = read_run_sheet(sqlite_database, proposed)
    on_the_sheet = {item.title for item in (*sheet.frames, *sheet.items)}
    assert shown <= on_the_sheet
