"""The big windows open within a 1366x768 laptop's screen: under a title bar and over a
taskbar, their last row (the slot finder's status and Close button, the report's, the
merge dialog's Save and Cancel) stays in sight; on a larger screen they keep their size."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.merge_dialog import MergeDialog
from cpp_scheduler.gui.reportview import ProgramReportWindow
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
from cpp_scheduler.services.field_names import LABELS
from cpp_scheduler.services.merging import FieldConflict, MergePlan
from cpp_scheduler.store import Database

LAPTOP = QRect(0, 0, 1366, 728)
"""The available geometry of a 1366x768 screen with a 40-pixel taskbar at the bottom."""
MONITOR = QRect(0, 0, 1920, 1040)
"""The same of a 1920x1080 monitor."""
TITLE_BAR = 31
"""What a window manager adds above a window: Windows' title bar at 100 %."""

FEBRUARY = (date(2027, 2, 1), date(2027, 2, 28))
FIELDS = tuple(LABELS)[:30]
"""Thirty fields both sides changed: a record with more than a laptop shows at once."""
WORDS = "Peer exchange on affordable housing finance with the Lima delegation"
"""A value as long as a title: it wraps in its column."""


@pytest.fixture
def screen_room(monkeypatch: pytest.MonkeyPatch) -> Callable[[QRect], None]:
    """Make the screen a window opens on offer ``room`` (the offscreen one is 800x800)."""

    def offer(room: QRect) -> None:
        monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))

    return offer


def assert_fits(window: QWidget, room: QRect) -> None:
    """The window, framed and under a title bar, within ``room``."""
    frame = window.frameGeometry()
    assert frame.width() <= room.width(), window.size()
    assert frame.height() + TITLE_BAR <= room.height(), window.size()


def merge_plan(conflicts: int) -> MergePlan:
    return MergePlan(
        record_id="e1",
        label="Kobe resilience day",
        their_version=3,
        authors=("Ravi Menon",),
        merged={},
        taken_from_theirs=(),
        conflicts=tuple(
            FieldConflict(key, "a", "b", "c", f"{WORDS} (before)", WORDS, f"{WORDS} (mine)")
            for key in FIELDS[:conflicts]
        ),
    )


def make_finder(qtbot: QtBot, database: Database, tasks: TaskManager) -> SlotFinderDialog:
    finder = SlotFinderDialog(database, None, tasks, on_chosen=lambda _start, _end: None)
    qtbot.addWidget(finder)
    return finder


def make_report(qtbot: QtBot, database: Database) -> ProgramReportWindow:
    report = ProgramReportWindow(database, lambda _work, _done, _failed: None, *FEBRUARY)
    qtbot.addWidget(report)
    return report


def test_find_a_time_fits_a_laptop_with_its_close_button_in_sight(
    qtbot: QtBot,
    sqlite_database: Database,
    tasks: TaskManager,
    screen_room: Callable[[QRect], None],
) -> None:
    screen_room(LAPTOP)
    finder = make_finder(qtbot, sqlite_database, tasks)
    finder.show()
    qtbot.waitExposed(finder)
    assert_fits(finder, LAPTOP)
    for widget in (finder.ui.closeButton, finder.ui.status):
        assert finder.rect().contains(widget.geometry()), widget.objectName()
    finder.close()


def test_the_report_window_fits_a_laptop(
    qtbot: QtBot, sqlite_database: Database, screen_room: Callable[[QRect], None]
) -> None:
    screen_room(LAPTOP)
    report = make_report(qtbot, sqlite_database)
    report.show()
    qtbot.waitExposed(report)
    assert_fits(report, LAPTOP)
    assert report.rect().contains(report.status.geometry())
    report.close()


def test_the_merge_dialog_with_many_conflicts_fits_a_laptop(
    qtbot: QtBot, screen_room: Callable[[QRect], None]
) -> None:
    screen_room(LAPTOP)
    dialog = MergeDialog(merge_plan(len(FIELDS)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert_fits(dialog, LAPTOP)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert dialog.rect().contains(buttons.geometry())
    scroll_bar = dialog.table.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll_bar.maximum() > 0)  # the rest a scroll away
    dialog.close()


def test_on_a_large_monitor_the_windows_keep_their_sizes(
    qtbot: QtBot,
    sqlite_database: Database,
    tasks: TaskManager,
    screen_room: Callable[[QRect], None],
) -> None:
    screen_room(MONITOR)
    finder = make_finder(qtbot, sqlite_database, tasks)
    assert (finder.width(), finder.height()) == (1320, 720)
    report = make_report(qtbot, sqlite_database)
    assert (report.width(), report.height()) == (1200, 700)
    few = MergeDialog(merge_plan(2))
    qtbot.addWidget(few)
    assert (few.width(), few.height()) == (760, 280)
    many = MergeDialog(merge_plan(len(FIELDS)))
    qtbot.addWidget(many)
    assert many.height() > 720  # grows with its conflicts while the screen has room
    assert many.height() < 200 + 40 * len(FIELDS)
    assert_fits(many, MONITOR)
