"""``cpp-scheduler report`` prints the knowledge products as the Program report window
lists them: the same columns (Title, Kind, Published) and the same cells, a product's
date of publication among them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle

YEAR = (date(2027, 1, 1), date(2027, 12, 31))


def test_the_command_lists_the_knowledge_products_the_report_window_lists(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    report_window = window.report_actions.open_report()
    qtbot.waitUntil(lambda: report_window.report is not None, timeout=10_000)
    with qtbot.waitSignal(report_window.reportShown, timeout=10_000):
        report_window.set_period(*YEAR)
        report_window.refresh()
    model = report_window.models["products"]
    display = Qt.ItemDataRole.DisplayRole
    header = [
        model.headerData(column, Qt.Orientation.Horizontal, display)
        for column in range(model.columnCount())
    ]
    shown = [
        [model.index(row, column).data(display) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    assert header == ["Title", "Kind", "Published"]
    assert "2026-06-30" in {cells[2] for cells in shown}  # the Toyama case study's date
    report_window.close()
    settle(qtbot, window)

    capsys.readouterr()
    first, last = (day.isoformat() for day in YEAR)
    assert main(["report", "--db", str(sqlite_path), "--from", first, "--to", last]) == 0
    lines = capsys.readouterr().out.splitlines()
    # The products' table is the last: its header, then a line each, in columns.
    start = len(lines) - len(shown) - 1
    columns = [re.split(r" {2,}", line.strip()) for line in lines[start:]]
    assert columns[0] == header
    printed = [cells + [""] * (len(header) - len(cells)) for cells in columns[1:]]
    assert printed == shown
