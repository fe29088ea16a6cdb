"""The Month view is about its month: what the window offers as the dates shown (Export
calendar's range, the run sheet's day, the slot finder's period) is the month's own days,
as its count and Export agenda take them, not the neighbours' that fill its six weeks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from conftest import settle, tools_of
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
from cpp_scheduler.gui.views.month import MonthView

APRIL = (date(2027, 4, 1), date(2027, 4, 30))


def _april(qtbot: QtBot, open_window: Callable[[], MainWindow]) -> MainWindow:
    window = open_window()
    window.show_view("month")
    window.go_to(date(2027, 4, 14))
    settle(qtbot, window)
    view = window.current_view
    assert isinstance(view, MonthView)
    assert view.days_covered() == APRIL
    # The grid starts on Monday 29 March and ends in May, or this proves nothing.
    assert view.period() == (date(2027, 3, 29), date(2027, 5, 9))
    return window


def test_export_calendar_offers_the_month_not_the_grid(
    qtbot: QtBot, open_window: Callable[[], MainWindow]
) -> None:
    window = _april(qtbot, open_window)
    dialog = tools_of(window).open_export()
    qtbot.addWidget(dialog)
    assert (dialog.first.date(), dialog.last.date()) == (QDate(2027, 4, 1), QDate(2027, 4, 30))
    dialog.close()
    settle(qtbot, window)


def test_the_run_sheet_opens_on_the_months_first_day(
    qtbot: QtBot, open_window: Callable[[], MainWindow]
) -> None:
    window = _april(qtbot, open_window)
    dialog = window.documents.open("day")  # type: ignore[attr-defined]
    assert dialog.date.date() == QDate(2027, 4, 1)
    dialog.close()
    settle(qtbot, window)


def test_the_slot_finder_searches_the_month(
    qtbot: QtBot, open_window: Callable[[], MainWindow]
) -> None:
    window = _april(qtbot, open_window)
    finder = tools_of(window).open_slot_finder()
    assert isinstance(finder, SlotFinderDialog)
    assert finder.period() == APRIL
    finder.close()
    window.go_to(date(2027, 5, 12))
    again = tools_of(window).open_slot_finder()
    assert again is finder
    assert again.period() == (date(2027, 5, 1), date(2027, 5, 31))
    again.close()
    settle(qtbot, window)
