"""The Month view is about its month: the count of events in view and the agenda the
window exports hold the month's own days, as ``events list`` and ``export csv agenda``
hold them for those days, though its grid also draws the days of the neighbouring
months that fill its six weeks."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.views.month import MonthView
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle

FIRST, LAST = "2027-02-01", "2027-02-28"


def command(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    capsys.readouterr()  # what came before is not the command's
    assert main(list(arguments)) == 0
    return capsys.readouterr().out


def test_february_counts_and_exports_what_the_commands_give_for_february(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    window.show_view("month")
    window.go_to(date(2027, 2, 10))
    settle(qtbot, window)
    view = window.current_view
    assert isinstance(view, MonthView)
    assert window.period_label.text() == "February 2027"
    drawn = {row.event_id for rows in view.events_by_day().values() for row in rows}

    db = str(sqlite_path)
    listed = json.loads(
        command(capsys, "events", "list", "--db", db, "--from", FIRST, "--to", LAST, "--json")
    )
    in_february = {item["uid"] for item in listed}
    assert window.count_label.text() == f"{len(in_february)} events in view"
    assert len(drawn) > len(in_february)  # March's first days are drawn, or this proves nothing

    exported = tmp_path / "window.csv"
    window.report_actions.export_agenda(exported)
    qtbot.waitUntil(exported.exists, timeout=10_000)
    settle(qtbot, window)
    written = tmp_path / "command.csv"
    command(
        capsys,
        "export",
        "csv",
        "agenda",
        "--db",
        db,
        "--from",
        FIRST,
        "--to",
        LAST,
        "-o",
        str(written),
    )
    assert exported.read_text(encoding="utf-8-sig") == written.read_text(encoding="utf-8-sig")
