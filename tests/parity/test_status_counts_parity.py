"""The status bar counts in the command line's words: the Agenda, listing the whole
program, says how many meetings of how many events as ``events list`` sums the program
up, and the conflict count is the last line of ``conflicts``, the line under the
Conflicts panel's list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read
from tests.gui.tools.conftest import settle, tools_of


def last_line(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    capsys.readouterr()  # what came before is not the command's
    assert main(list(arguments)) == 0
    return capsys.readouterr().out.splitlines()[-1]


def open_on_the_agenda(qtbot: QtBot, sqlite_database: Database, open_window: Any) -> Any:
    """The demo's window on the Agenda, its conflicts checked over the whole program."""
    load_demo(sqlite_database)
    window = open_window()
    window.show_view("agenda")
    rows_read(window)
    dock = tools_of(window).conflicts
    dock.scope.setCurrentText(dock.WHOLE_PROGRAM)
    settle(qtbot, window)
    return window


def test_the_agenda_counts_the_program_as_events_list_sums_it_up(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    window = open_on_the_agenda(qtbot, sqlite_database, open_window)
    listed = last_line(capsys, "events", "list", "--db", str(sqlite_path))
    assert listed == "28 occurrences of 24 events in the whole program."
    assert window.count_label.text() == "28 occurrences of 24 events"


def test_the_conflict_count_is_the_last_line_of_conflicts(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    window = open_on_the_agenda(qtbot, sqlite_database, open_window)
    found = last_line(capsys, "conflicts", "--db", str(sqlite_path))
    assert found == "0 errors, 10 warnings in 28 meetings"
    assert tools_of(window).conflicts.summary.text() == found
    assert tools_of(window).count_label.text() == found
