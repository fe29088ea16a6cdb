"""A conflict check that finds no answer leaves no count standing: the status bar and the
calendar's marks of the check before were about the program as it was, and would read as
this check's answer, while the Conflicts list itself says it cannot check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import settle, tools_of
from pytestqt.qtbot import QtBot
from test_faults_never_in_python_words import planted_double_booking

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.store import Database


def test_a_check_that_cannot_read_the_program_takes_back_the_count_and_the_marks(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Callable[[], MainWindow],
) -> None:
    planted_double_booking(sqlite_database)
    window = open_window()
    tools = tools_of(window)
    settle(qtbot, window)
    assert tools.count_label.text().startswith("1 error, 0 warnings in ")
    assert window.events.marked_occurrences

    # The program's file is moved away (a share unmounted, a colleague's cleanup): the
    # next check cannot read it.
    sqlite_path.rename(sqlite_path.with_name("moved.sqlite"))
    tools.conflicts.recheck()
    settle(qtbot, window)

    assert tools.conflicts.summary.text().startswith("Cannot check: ")
    assert tools.count_label.text() == "Conflicts not checked"
    assert window.events.marked_occurrences == frozenset()
