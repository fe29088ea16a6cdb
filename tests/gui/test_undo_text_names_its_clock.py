"""The Edit menu's Undo and Redo texts of a drag stay as they were worded, whatever zone
the window shows afterwards: so a time read on any clock but Tokyo's names that clock
("to Tue 19:00 NZDT"), and never passes for a time of the clock shown since. Tokyo's
own times go unnamed, as ever."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from gui_support import add_event, rows_read
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.timegrid import HOUR_HEIGHT, TimeGridView
from cpp_scheduler.store import Database

WindowFactory = Callable[[Database], MainWindow]

#: Tuesday 16 February 2027, 14:00 in Tokyo, 18:00 in Auckland (NZDT), 00:00 in New York.
KOBE_CALL = datetime(2027, 2, 16, 5, tzinfo=UTC)


def drag_in(
    window: MainWindow, qtbot: QtBot, zone: str, hours: float, *, lower_edge: bool = False
) -> None:
    """Show the Day view of 16 February on ``zone``'s clock and drag the one block there
    (or its lower edge) by ``hours``."""
    window.set_display_zone(zone)
    window.show_view("day")
    window.go_to(date(2027, 2, 16))
    view = window.current_view
    assert isinstance(view, TimeGridView)
    [block] = view.blocks()
    rect = view.block_rect(block)
    y = int(rect.bottom()) - 2 if lower_edge else int(rect.top()) + 6
    start = QPoint(int(rect.center().x()), y)
    end = start + QPoint(0, round(hours * HOUR_HEIGHT))
    qtbot.mousePress(view._canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view._canvas, start + QPoint(0, 10))
    qtbot.mouseMove(view._canvas, end)
    qtbot.mouseRelease(view._canvas, Qt.MouseButton.LeftButton, pos=end)
    rows_read(window)


def test_a_move_made_on_aucklands_clock_names_it_after_the_view_turns_to_tokyo(
    empty_program: Database, make_window: WindowFactory, qtbot: QtBot
) -> None:
    add_event(empty_program, "Kobe call", KOBE_CALL, 1, zone="Asia/Tokyo")
    window = make_window(empty_program)
    drag_in(window, qtbot, "Pacific/Auckland", 1)  # 18:00 to 19:00 NZDT: 15:00 in Tokyo
    assert window.undo_action.text() == "Undo Move 'Kobe call' to Tue 19:00 NZDT"
    window.set_display_zone("Asia/Tokyo")
    QApplication.processEvents()
    assert window.undo_action.text() == "Undo Move 'Kobe call' to Tue 19:00 NZDT"
    window.undo_action.trigger()
    rows_read(window)
    assert window.redo_action.text() == "Redo Move 'Kobe call' to Tue 19:00 NZDT"


def test_a_resize_made_on_new_yorks_clock_names_it(
    empty_program: Database, make_window: WindowFactory, qtbot: QtBot
) -> None:
    add_event(empty_program, "Kobe call", KOBE_CALL, 1, zone="Asia/Tokyo")
    window = make_window(empty_program)
    drag_in(window, qtbot, "America/New_York", 0.5, lower_edge=True)  # 00:00-01:00 EST
    assert window.undo_action.text() == "Undo Change 'Kobe call' to end at 01:30 EST (1 h 30 min)"


def test_a_move_made_on_tokyos_clock_reads_as_ever(
    empty_program: Database, make_window: WindowFactory, qtbot: QtBot
) -> None:
    add_event(empty_program, "Kobe call", KOBE_CALL, 1, zone="Asia/Tokyo")
    window = make_window(empty_program)
    drag_in(window, qtbot, "Asia/Tokyo", 1)
    assert window.undo_action.text() == "Undo Move 'Kobe call' to Tue 15:00"
