"""The calendar stays within the days the program plans for (1900-01-01 to 2199-12-31).

The month navigator offers no other day; Previous and Next stop at the ends (greyed
there); a day beyond them given to the window stops at the nearest end. No way of
moving the calendar reaches the error handler.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDateEdit, QTableView
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.qtvalues import python_date

FIRST = date(1900, 1, 1)
LAST = date(2199, 12, 31)


def choose_in_navigator(window: MainWindow, day: QDate) -> None:
    """The day set in the month navigator (as its year field would) and Enter pressed."""
    navigator = window.sidebar.calendar
    navigator.setSelectedDate(day)
    table = navigator.findChild(QTableView)
    assert table is not None
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Return)


def test_the_navigator_offers_only_the_programs_days(window: MainWindow) -> None:
    navigator = window.sidebar.calendar
    assert python_date(navigator.minimumDate()) == FIRST
    assert python_date(navigator.maximumDate()) == LAST


@pytest.mark.parametrize("view", ["day", "week", "month", "agenda", "venues"])
@pytest.mark.parametrize(
    ("chosen", "end", "title"),
    [
        (QDate(9999, 12, 31), LAST, "December 2199"),
        (QDate(1, 1, 1), FIRST, "January 1900"),
    ],
)
def test_a_day_beyond_the_navigators_ends_shows_the_end_and_next_and_previous_hold(
    view: str,
    chosen: QDate,
    end: date,
    title: str,
    window: MainWindow,
    faults: list[BaseException],
    qtbot: QtBot,
) -> None:
    window.show_view(view)
    choose_in_navigator(window, chosen)
    assert window.current_view.anchor == end
    if view == "month":
        assert window.period_label.text() == title
    else:
        assert end in _days(window)
    onward = 1 if end == LAST else -1
    shown = window.period_label.text()
    window.step(onward)  # nowhere to go: greyed, and nothing happens if asked all the same
    assert window.current_view.anchor == end
    assert window.period_label.text() == shown
    assert not (window.next_action if onward == 1 else window.previous_action).isEnabled()
    assert (window.previous_action if onward == 1 else window.next_action).isEnabled()
    window.step(-onward)
    assert window.current_view.anchor != end
    assert FIRST <= window.current_view.anchor <= LAST
    window.go_to_today()
    assert faults == []


def test_next_reaches_the_last_days_and_stops_there(
    window: MainWindow, faults: list[BaseException]
) -> None:
    window.show_view("week")
    window.go_to(date(2199, 12, 20))
    seen = [window.period_label.text()]
    for _press in range(3):  # two weeks on, the last days are in view
        window.next_action.trigger()
        seen.append(window.period_label.text())
    assert not window.next_action.isEnabled()
    assert seen[-1] == seen[-2]  # the third press, had it been allowed, went nowhere
    seen.pop()
    assert window.current_view.anchor == LAST
    assert LAST in _days(window)
    assert len(seen) == len(set(seen))  # every press showed another week
    assert faults == []


def _days(window: MainWindow) -> list[date]:
    first, last = window.current_view.period()
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]


@pytest.mark.parametrize("far", [date(9999, 12, 31), date(1, 1, 1), date(1752, 9, 14)])
def test_a_day_beyond_the_programs_given_to_the_window_stops_at_the_nearest_end(
    far: date, window: MainWindow, faults: list[BaseException]
) -> None:
    for view in ("day", "week", "month", "agenda", "venues"):
        window.show_view(view)
        window.go_to(far)
        assert window.current_view.anchor == (LAST if far > LAST else FIRST)
        window.step(1)
        window.step(-1)
    assert faults == []


def test_every_date_field_of_the_reports_and_the_export_offers_the_programs_days(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The program report's period and the calendar export's dates take no day the
    commands behind them (``report``, ``export ics --from --to``) refuse: the year 1800
    cannot be typed, and the fields stop at the program's ends."""
    report = window.report_actions.open_report()  # type: ignore[attr-defined]
    qtbot.addWidget(report)
    export = window.tools.open_export()  # type: ignore[attr-defined]
    qtbot.addWidget(export)
    fields = [*report.findChildren(QDateEdit), *export.findChildren(QDateEdit)]
    assert len(fields) >= 4  # the report's first and last day, the export's
    for field in fields:
        assert (python_date(field.minimumDate()), python_date(field.maximumDate())) == (
            FIRST,
            LAST,
        ), field.objectName()
        field.setDate(QDate(1800, 1, 1))
        assert python_date(field.date()) == FIRST
