"""A meeting of several days names its end's day in the window's tooltip, as
``events list`` names it: "Fri 26 Mar 09:00-Sun 28 Mar 09:00 JST" on the command line,
"Fri 26 Mar 2027, 09:00–Sun 28 Mar 09:00" in the window, never "–Sun 09:00"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle
from tests.parity.days_support import store_days_program

HACKATHON = "48-hour hackathon"


def test_the_tooltip_of_a_meeting_of_days_names_its_ends_day_as_events_list_does(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store_days_program(sqlite_database)
    capsys.readouterr()
    arguments = ["events", "list", "--db", str(sqlite_path), "--from", "2027-03-26"]
    assert main([*arguments, "--to", "2027-03-26"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if HACKATHON in line)
    assert "Fri 26 Mar 09:00-Sun 28 Mar 09:00 JST" in line

    window = open_window()
    settle(qtbot, window)
    model = window.events
    number = next(
        number for number in range(model.rowCount()) if model.row_at(number).title == HACKATHON
    )
    tooltip = model.index(number, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Fri 26 Mar 2027, 09:00–Sun 28 Mar 09:00 (Asia/Tokyo)" in tooltip
