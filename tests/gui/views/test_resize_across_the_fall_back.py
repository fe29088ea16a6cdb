"""Lengthening a meeting across the night New York's clocks go back (Sun 7 Nov 2027:
01:00-02:00 EDT, then 01:00-02:00 EST again) in the Day and Week views. The outline a
drag of the lower edge shows words the meeting's times as the block, the Undo text and
``events list`` do, each end on its own clock, and the block dropped is as tall as the
time the meeting really lasts, as the outline was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from gui_support import add_event, listed_times, rows_read
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.timegrid import HOUR_HEIGHT, Block, TimeGridView
from cpp_scheduler.gui.widgets.local_time_choice import LocalTimeQuestion
from cpp_scheduler.store import Database

NEW_YORK = "America/New_York"
FALL_BACK_NIGHT = date(2027, 11, 7)
FALL_BACK_CALL = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
"""01:30 EDT: an hour later the clocks read 01:30 EST."""
MIDNIGHT_CALL = datetime(2027, 11, 7, 4, tzinfo=UTC)
"""00:00 EDT, an hour before the repeated hour begins."""

WindowFactory = Callable[[Database], MainWindow]


def new_york_grid(
    make_window: WindowFactory, program: Database, view_name: str
) -> tuple[MainWindow, TimeGridView]:
    window = make_window(program)
    window.set_display_zone(NEW_YORK)
    window.show_view(view_name)
    window.go_to(FALL_BACK_NIGHT)
    view = window.current_view
    assert isinstance(view, TimeGridView)
    return window, view


def block_of(view: TimeGridView, title: str) -> Block:
    [block] = [block for block in view.blocks() if block.row.title == title]
    return block


def lower_edge(view: TimeGridView, block: Block) -> QPoint:
    """A point 2 px above a block's lower edge, where a coordinator grabs it."""
    rect = view.block_rect(block)
    return QPoint(int(rect.center().x()), int(rect.bottom()) - 2)


def outline_mid_drag(
    view: TimeGridView, start: QPoint, pixels: int, painted: list[str]
) -> list[str]:
    """Press at ``start``, drag ``pixels`` down and keep the button down: the texts the
    grid paints then."""
    canvas = view._canvas
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(canvas, start + QPoint(0, 5))
    QTest.mouseMove(canvas, start + QPoint(0, pixels))
    painted.clear()
    canvas.grab()
    return list(painted)


def drawn_hours(view: TimeGridView, block: Block) -> float:
    """How many hours of the grid a block is drawn over."""
    return (view.block_rect(block).height() + 1) / HOUR_HEIGHT


@pytest.mark.parametrize("view_name", ["day", "week"])
def test_the_outline_of_a_resize_across_the_fall_back_names_each_ends_clock_as_undo_does(
    empty_program: Database,
    make_window: WindowFactory,
    qtbot: QtBot,
    tmp_path: Path,
    painted_texts: list[str],
    view_name: str,
) -> None:
    add_event(empty_program, "Fall back call", FALL_BACK_CALL, zone=NEW_YORK)  # to 01:30 EST
    window, view = new_york_grid(make_window, empty_program, view_name)
    call = block_of(view, "Fall back call")
    grabbed = lower_edge(view, call)
    half_hour = HOUR_HEIGHT // 2

    shown = outline_mid_drag(view, grabbed, half_hour, painted_texts)
    # The meeting would run from 01:30 EDT to 02:00 EST: an unnamed "02:00" would not
    # say which clock, and the Undo text below names EST.
    assert "01:30 EDT – 02:00 EST" in shown
    assert not any(text.startswith("until 02:00") for text in shown)

    QTest.mouseRelease(view._canvas, Qt.MouseButton.LeftButton, pos=grabbed + QPoint(0, half_hour))
    rows_read(window)
    assert listed_times(tmp_path / "empty.sqlite", "Fall back call") == (
        "2027-11-07T05:30:00Z",
        "2027-11-07T07:00:00Z",
    )
    assert window.undo_action.text() == (
        "Undo Change 'Fall back call' to end at 02:00 EST (1 h 30 min)"
    )
    # The block dropped is drawn for the hour and a half the call now lasts, as the
    # outline was, not shrunk to the half hour from 01:30 to 02:00 on the wall clock.
    dropped = block_of(view, "Fall back call")
    assert (dropped.start_minute, dropped.end_minute) == (90, 180)
    assert drawn_hours(view, dropped) == pytest.approx(1.5)


def test_a_meeting_lengthened_into_the_second_reading_is_drawn_for_all_it_lasts(
    empty_program: Database, make_window: WindowFactory
) -> None:
    """00:00 EDT to 01:30 EST lasts two and a half hours; the wall clock reads 90 minutes."""
    add_event(empty_program, "Late call", MIDNIGHT_CALL, 2.5, zone=NEW_YORK)
    _window, view = new_york_grid(make_window, empty_program, "day")
    late = block_of(view, "Late call")
    assert (late.start_minute, late.end_minute) == (0, 150)
    assert drawn_hours(view, late) == pytest.approx(2.5)


def question_of(window: MainWindow) -> LocalTimeQuestion:
    """The question the window asks now, which reading of a time is meant."""
    [question] = [shown for shown in window.findChildren(LocalTimeQuestion) if shown.isVisible()]
    return question


def answer(qtbot: QtBot, question: LocalTimeQuestion, *, later: bool) -> None:
    button = question.choice.later if later else question.choice.earlier
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    question.ok_button.click()


def test_the_outline_of_an_end_read_twice_gives_both_readings_until_asked(
    empty_program: Database,
    make_window: WindowFactory,
    qtbot: QtBot,
    tmp_path: Path,
    painted_texts: list[str],
) -> None:
    """00:00-01:00 EDT dragged half an hour longer: 01:30 happens twice that night, and
    the drop asks which one is meant, so the outline names both, never one unnamed."""
    add_event(empty_program, "Midnight call", MIDNIGHT_CALL, zone=NEW_YORK)
    window, view = new_york_grid(make_window, empty_program, "day")
    grabbed = lower_edge(view, block_of(view, "Midnight call"))
    half_hour = HOUR_HEIGHT // 2
    shown = outline_mid_drag(view, grabbed, half_hour, painted_texts)
    assert "00:00–01:30 EDT or 00:00 EDT – 01:30 EST" in shown

    QTest.mouseRelease(view._canvas, Qt.MouseButton.LeftButton, pos=grabbed + QPoint(0, half_hour))
    answer(qtbot, question_of(window), later=True)
    rows_read(window)
    assert listed_times(tmp_path / "empty.sqlite", "Midnight call") == (
        "2027-11-07T04:00:00Z",
        "2027-11-07T06:30:00Z",
    )
    assert window.undo_action.text() == (
        "Undo Change 'Midnight call' to end at 01:30 EST (2 h 30 min)"
    )
    assert drawn_hours(view, block_of(view, "Midnight call")) == pytest.approx(2.5)


def test_the_outline_of_a_move_to_a_start_read_twice_gives_both_readings_until_asked(
    empty_program: Database,
    make_window: WindowFactory,
    qtbot: QtBot,
    tmp_path: Path,
    painted_texts: list[str],
) -> None:
    """01:30 EDT moved a quarter hour later: 01:45 happens twice that night."""
    add_event(empty_program, "Fall back call", FALL_BACK_CALL, zone=NEW_YORK)
    window, view = new_york_grid(make_window, empty_program, "week")
    rect = view.block_rect(block_of(view, "Fall back call"))
    grabbed = QPoint(int(rect.center().x()), int(rect.top()) + 6)
    quarter = HOUR_HEIGHT // 4
    shown = outline_mid_drag(view, grabbed, quarter, painted_texts)
    assert "01:45 EDT or 01:45 EST" in shown

    QTest.mouseRelease(view._canvas, Qt.MouseButton.LeftButton, pos=grabbed + QPoint(0, quarter))
    answer(qtbot, question_of(window), later=False)
    rows_read(window)
    assert listed_times(tmp_path / "empty.sqlite", "Fall back call") == (
        "2027-11-07T05:45:00Z",
        "2027-11-07T06:45:00Z",
    )
    assert window.undo_action.text() == "Undo Move 'Fall back call' to Sun 01:45 EDT"
