"""The welcome panel over an empty program answers a click from the moment it shows: the
work a button asks for runs as soon as the reads under way end, its button says so
meanwhile, and a second click adds nothing. It is greyed only where the program cannot
be changed, saying why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_support import DialogScript, reads_held
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QProgressBar
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.readonly import make_read_only
from cpp_scheduler.gui.views.timegrid import TimeGridView
from cpp_scheduler.services import calendar_reads
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database, open_database

LOADING = "Loading the demo program…"
LOADED = "Loaded the demo program into "
"""How the status bar says the demo is in, as ``demo`` says it."""


@pytest.fixture
def demo_rows(tmp_path: Path) -> int:
    """How many rows the calendar lists for the demo program, loaded once elsewhere."""
    elsewhere = open_database(tmp_path / "elsewhere.sqlite")
    try:
        load_demo(elsewhere)
        return len(calendar_reads.load_event_rows(elsewhere))
    finally:
        elsewhere.close()


def _status_messages(window: MainWindow) -> list[str]:
    """Every message the status bar shows from now on."""
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)
    return shown


def _stored_rows(database: Database) -> int:
    return len(calendar_reads.load_event_rows(database))


def _demo_in_the_week(qtbot: QtBot, window: MainWindow, demo_rows: int) -> None:
    """The calendar holds the demo program, once, and shows its first week of events."""
    qtbot.waitUntil(lambda: not window.welcome_shown, timeout=20_000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=20_000)
    assert window.events.rowCount() == demo_rows
    assert (window.anchor.year, window.anchor.month) == (2027, 1)
    week = window.views["week"]
    assert isinstance(week, TimeGridView)
    assert window.current_view is week
    assert week.blocks() or week.all_day()


def test_a_click_as_the_panel_shows_loads_the_demo_once_the_first_reads_end(
    qtbot: QtBot, empty_program: Database, dialogs: DialogScript, demo_rows: int
) -> None:
    window = MainWindow(empty_program, dialog_factory=dialogs)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
        window.show()
    panel = window.welcome
    assert window.welcome_shown
    assert panel.demo_button.isEnabled()
    assert panel.demo_button.toolTip() == ""
    messages = _status_messages(window)

    with reads_held(window.tasks):  # the reads that follow the first still run
        qtbot.mouseClick(panel.demo_button, Qt.MouseButton.LeftButton)

        # The button says at once that it works; the others wait, saying why.
        assert panel.demo_button.text() == LOADING
        assert panel.demo_button.isEnabled()
        assert panel.cursor().shape() == Qt.CursorShape.BusyCursor
        moving = panel.findChild(QProgressBar, "loadDemoProgress")
        assert moving is not None
        assert moving.isVisible()
        for other in (panel.import_button, panel.empty_button):
            assert not other.isEnabled()
            assert other.toolTip() == LOADING
    _demo_in_the_week(qtbot, window, demo_rows)
    assert messages.count(LOADING) == 1
    assert len([message for message in messages if message.startswith(LOADED)]) == 1


def test_a_double_click_while_a_read_runs_loads_the_demo_once_after_it(
    qtbot: QtBot,
    empty_program: Database,
    make_window: Callable[[Database], MainWindow],
    demo_rows: int,
) -> None:
    window = make_window(empty_program)
    panel = window.welcome
    button = panel.demo_button
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    messages = _status_messages(window)
    with reads_held(window.tasks):
        # A double click, as the system delivers it: press, release, press, release.
        QTest.mousePress(button, Qt.MouseButton.LeftButton)
        QTest.mouseRelease(button, Qt.MouseButton.LeftButton)
        QTest.mouseDClick(button, Qt.MouseButton.LeftButton)
        QTest.mouseRelease(button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # and an impatient third
        window.demo_action.trigger()  # and File > Load demo program
        assert len(clicks) == 3
        assert button.text() == LOADING
        assert panel.cursor().shape() == Qt.CursorShape.BusyCursor
        assert window.welcome_shown
        assert _stored_rows(empty_program) == 0  # nothing written while the read runs
    _demo_in_the_week(qtbot, window, demo_rows)
    assert messages.count(LOADING) == 1
    assert len([message for message in messages if message.startswith(LOADED)]) == 1


def test_a_reader_sees_demo_and_import_greyed_with_the_reason_and_may_start_empty(
    qtbot: QtBot,
    empty_program: Database,
    make_window: Callable[[Database], MainWindow],
) -> None:
    window = make_window(empty_program)
    panel = window.welcome
    reason = "Read-only: reader may read the program but not change it"
    make_read_only(window, reason)
    for button in (panel.demo_button, panel.import_button):
        assert not button.isEnabled()
        assert button.toolTip() == reason
    qtbot.mouseClick(panel.demo_button, Qt.MouseButton.LeftButton)
    assert panel.demo_button.text() == "Load the demo program"
    assert not window.tasks.busy
    assert panel.empty_button.isEnabled()
    qtbot.mouseClick(panel.empty_button, Qt.MouseButton.LeftButton)
    assert not window.welcome_shown
    assert _stored_rows(empty_program) == 0
