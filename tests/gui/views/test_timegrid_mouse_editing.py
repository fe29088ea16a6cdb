"""Moving and resizing meetings with the mouse in the Day and Week views, where a block
is not simply the meeting: a meeting past midnight drawn in two pieces, one the clocks
go back within drawn for the hour it lasts, and a quarter-hour meeting a few pixels
high. What the drag shows, what the drop stores (read back through ``events list``) and
what the undo step says must agree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from gui_support import add_event, listed_times, rows_read
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.timegrid import GUTTER, HOUR_HEIGHT, Block, TimeGridView
from cpp_scheduler.store import Database

NEW_YORK = "America/New_York"
TOYAMA_VISIT = datetime(2027, 2, 17, 2, tzinfo=UTC)
"""Tokyo's 11:00-15:00 on Wed 17 Feb 2027: New York's Tue 21:00 to Wed 01:00 (EST)."""
FALL_BACK_CALL = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
"""01:30 EDT on Sun 7 Nov 2027: an hour later the clocks read 01:30 EST."""

WindowFactory = Callable[[Database], MainWindow]


def shown_in(
    make_window: WindowFactory, program: Database, day: date, view_name: str, zone: str
) -> tuple[MainWindow, TimeGridView]:
    window = make_window(program)
    window.set_display_zone(zone)
    window.show_view(view_name)
    window.go_to(day)
    view = window.current_view
    assert isinstance(view, TimeGridView)
    return window, view


def pieces_of(view: TimeGridView, title: str) -> list[Block]:
    """The blocks of ``title``, first day first."""
    return sorted((block for block in view.blocks() if block.row.title == title), key=_day)


def _day(block: Block) -> int:
    return block.day


def press_and_drag(qtbot: QtBot, view: TimeGridView, start: QPoint, pixels: int) -> None:
    """Press at ``start`` and move ``pixels`` down (up where negative), by way of a
    first step past the distance that starts a drag; the button stays down."""
    canvas = view._canvas
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(0, 5 if pixels >= 0 else -5))
    qtbot.mouseMove(canvas, start + QPoint(0, pixels))


def release(qtbot: QtBot, view: TimeGridView, start: QPoint, pixels: int) -> None:
    qtbot.mouseRelease(view._canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(0, pixels))


def drag(qtbot: QtBot, view: TimeGridView, start: QPoint, pixels: int) -> None:
    press_and_drag(qtbot, view, start, pixels)
    release(qtbot, view, start, pixels)


def cursor_over(view: TimeGridView, point: QPoint) -> Qt.CursorShape:
    """The pointer's shape over ``point`` of the grid, scrolled into sight first."""
    canvas = view._canvas
    view._scroll.ensureVisible(point.x(), point.y())
    hover = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(point),
        QPointF(canvas.mapToGlobal(point)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, hover)
    return canvas.cursor().shape()


def lower_edge(view: TimeGridView, block: Block) -> QPoint:
    """A point 2 px above a block's lower edge, where a coordinator grabs it."""
    rect = view.block_rect(block)
    return QPoint(int(rect.center().x()), int(rect.bottom()) - 2)


def near_top(view: TimeGridView, block: Block) -> QPoint:
    rect = view.block_rect(block)
    return QPoint(int(rect.center().x()), int(rect.top()) + 6)


# -- a meeting past midnight: its evening piece ends at midnight, not where it ends -------
def test_the_evening_pieces_lower_edge_moves_the_visit_and_the_mornings_changes_its_end(
    empty_program: Database, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    add_event(empty_program, "Toyama visit", TOYAMA_VISIT, 4, zone="Asia/Tokyo")
    window, view = shown_in(make_window, empty_program, date(2027, 2, 16), "week", NEW_YORK)
    evening, morning = pieces_of(view, "Toyama visit")
    assert (evening.start_minute, evening.end_minute) == (21 * 60, 24 * 60)
    assert (morning.start_minute, morning.end_minute) == (0, 60)

    # The evening piece's lower edge (midnight) offers no resize: the pointer stays an
    # arrow there, and pulling it down moves the whole visit, cutting none of it.
    assert cursor_over(view, lower_edge(view, evening)) == Qt.CursorShape.ArrowCursor
    drag(qtbot, view, lower_edge(view, evening), HOUR_HEIGHT // 2)
    rows_read(window)
    path = tmp_path / "empty.sqlite"
    assert listed_times(path, "Toyama visit") == ("2027-02-17T02:30:00Z", "2027-02-17T06:30:00Z")
    assert window.undo_action.text() == "Undo Move 'Toyama visit' to Tue 21:30 EST"
    window.undo_action.trigger()
    rows_read(window)
    assert listed_times(path, "Toyama visit") == ("2027-02-17T02:00:00Z", "2027-02-17T06:00:00Z")

    # The morning piece's lower edge is the visit's end: the resize pointer, and half an
    # hour more from 01:00.
    morning = pieces_of(view, "Toyama visit")[1]
    assert cursor_over(view, lower_edge(view, morning)) == Qt.CursorShape.SizeVerCursor
    drag(qtbot, view, lower_edge(view, morning), HOUR_HEIGHT // 2)
    rows_read(window)
    assert listed_times(path, "Toyama visit") == ("2027-02-17T02:00:00Z", "2027-02-17T06:30:00Z")
    assert window.undo_action.text() == (
        "Undo Change 'Toyama visit' to end at 01:30 EST (4 h 30 min)"
    )


# -- a meeting the clocks go back within: drawn for its hour, resized in elapsed time ----
def test_a_touch_on_the_edge_of_a_meeting_the_clocks_go_back_within_changes_nothing(
    empty_program: Database, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    add_event(empty_program, "Fall back call", FALL_BACK_CALL, zone=NEW_YORK)  # to 01:30 EST
    window, view = shown_in(make_window, empty_program, date(2027, 11, 7), "day", NEW_YORK)
    [call] = pieces_of(view, "Fall back call")
    assert (call.start_minute, call.end_minute) == (90, 150)  # drawn 01:30-02:30
    drag(qtbot, view, lower_edge(view, call), 2)  # grabbed and let go where it was
    rows_read(window)
    path = tmp_path / "empty.sqlite"
    assert listed_times(path, "Fall back call") == ("2027-11-07T05:30:00Z", "2027-11-07T06:30:00Z")
    assert window.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("minutes", "shown", "end", "step"),
    [
        # Half an hour more: from 01:30 EST, not from the 02:30 the edge is drawn at.
        (30, "01:30 EDT – 02:00 EST", "2027-11-07T07:00:00Z", "to end at 02:00 EST (1 h 30 min)"),
        # A quarter hour less: 01:15 of the second reading, where it was dragged, asked
        # about nowhere (the block is drawn in elapsed time, its end moved as much).
        (-15, "01:30 EDT – 01:15 EST", "2027-11-07T06:15:00Z", "to end at 01:15 EST (45 min)"),
    ],
)
def test_the_edge_of_a_meeting_the_clocks_go_back_within_moves_its_end_as_far_as_dragged(
    empty_program: Database,
    make_window: WindowFactory,
    qtbot: QtBot,
    tmp_path: Path,
    painted_texts: list[str],
    minutes: int,
    shown: str,
    end: str,
    step: str,
) -> None:
    add_event(empty_program, "Fall back call", FALL_BACK_CALL, zone=NEW_YORK)
    window, view = shown_in(make_window, empty_program, date(2027, 11, 7), "day", NEW_YORK)
    [call] = pieces_of(view, "Fall back call")
    pixels = round(minutes * HOUR_HEIGHT / 60)
    press_and_drag(qtbot, view, lower_edge(view, call), pixels)
    painted_texts.clear()
    view._canvas.grab()
    assert shown in painted_texts  # what the drag says before the drop
    release(qtbot, view, lower_edge(view, call), pixels)
    rows_read(window)
    assert listed_times(tmp_path / "empty.sqlite", "Fall back call") == (
        "2027-11-07T05:30:00Z",
        end,
    )
    assert window.undo_action.text() == f"Undo Change 'Fall back call' {step}"


# -- the after-midnight piece moves the meeting's start, and shows it ---------------------
@pytest.mark.parametrize(
    ("minutes", "shown", "times", "step"),
    [
        # Two hours later: the visit starts Tue 23:00, which the drag says, not "02:00".
        (120, "Tue 23:00", ("2027-02-17T04:00:00Z", "2027-02-17T08:00:00Z"), "to Tue 23:00 EST"),
        # Half an hour earlier: the piece that starts at midnight moves back too.
        (-30, "Tue 20:30", ("2027-02-17T01:30:00Z", "2027-02-17T05:30:00Z"), "to Tue 20:30 EST"),
    ],
)
def test_dragging_the_after_midnight_piece_shows_and_moves_the_visits_start(
    empty_program: Database,
    make_window: WindowFactory,
    qtbot: QtBot,
    tmp_path: Path,
    painted_texts: list[str],
    minutes: int,
    shown: str,
    times: tuple[str, str],
    step: str,
) -> None:
    add_event(empty_program, "Toyama visit", TOYAMA_VISIT, 4, zone="Asia/Tokyo")
    window, view = shown_in(make_window, empty_program, date(2027, 2, 17), "day", NEW_YORK)
    [morning] = pieces_of(view, "Toyama visit")  # 00:00-01:00 of Wednesday
    pixels = round(minutes * HOUR_HEIGHT / 60)
    press_and_drag(qtbot, view, near_top(view, morning), pixels)
    painted_texts.clear()
    view._canvas.grab()
    assert shown in painted_texts
    release(qtbot, view, near_top(view, morning), pixels)
    rows_read(window)
    assert listed_times(tmp_path / "empty.sqlite", "Toyama visit") == times  # 4 h still
    assert window.undo_action.text() == f"Undo Move 'Toyama visit' {step}"
    [after] = pieces_of(view, "Toyama visit")
    assert after.end_minute == 60 + minutes  # where the drag's outline ended


def test_dragging_the_evening_piece_past_midnight_outlines_both_days_in_the_week(
    empty_program: Database,
    make_window: WindowFactory,
    qtbot: QtBot,
    tmp_path: Path,
    painted_texts: list[str],
) -> None:
    add_event(empty_program, "Toyama visit", TOYAMA_VISIT, 4, zone="Asia/Tokyo")
    window, view = shown_in(make_window, empty_program, date(2027, 2, 16), "week", NEW_YORK)
    evening = pieces_of(view, "Toyama visit")[0]
    press_and_drag(qtbot, view, near_top(view, evening), 2 * HOUR_HEIGHT)
    painted_texts.clear()
    grid = view._canvas.grab().toImage()
    assert "23:00" in painted_texts
    # Wednesday's column is outlined down to 03:00, where the moved visit would end
    # (the block of its morning piece ends at 01:00).
    wednesday = int(GUTTER + 2.5 * view.column_width())
    ratio = grid.devicePixelRatio()
    shade = grid.pixelColor(int(wednesday * ratio), int(2.25 * HOUR_HEIGHT * ratio))
    assert shade.lightness() < 250, "the drag does not show the visit running into Wednesday"
    release(qtbot, view, near_top(view, evening), 2 * HOUR_HEIGHT)
    rows_read(window)
    assert listed_times(tmp_path / "empty.sqlite", "Toyama visit") == (
        "2027-02-17T04:00:00Z",
        "2027-02-17T08:00:00Z",
    )
    assert window.undo_action.text() == "Undo Move 'Toyama visit' to Tue 23:00 EST"
    assert [(block.day, block.end_minute) for block in pieces_of(view, "Toyama visit")] == [
        (1, 24 * 60),
        (2, 3 * 60),
    ]


# -- a quarter-hour meeting: its middle moves it, its lowest pixels resize it ------------
def test_a_quarter_hour_meeting_grabbed_in_its_middle_moves(
    empty_program: Database, make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    # Tokyo's 10:00-10:15 on Tue 16 Feb 2027, shown in Tokyo.
    add_event(
        empty_program,
        "Quick check-in",
        datetime(2027, 2, 16, 1, tzinfo=UTC),
        0.25,
        zone="Asia/Tokyo",
    )
    window, view = shown_in(make_window, empty_program, date(2027, 2, 16), "day", "Asia/Tokyo")
    [check_in] = pieces_of(view, "Quick check-in")
    rect = view.block_rect(check_in)
    assert rect.height() < 12
    drag(qtbot, view, rect.center().toPoint(), HOUR_HEIGHT)
    rows_read(window)
    path = tmp_path / "empty.sqlite"
    assert listed_times(path, "Quick check-in") == ("2027-02-16T02:00:00Z", "2027-02-16T02:15:00Z")
    assert window.undo_action.text() == "Undo Move 'Quick check-in' to Tue 11:00"

    [check_in] = pieces_of(view, "Quick check-in")
    rect = view.block_rect(check_in)
    bottom = QPoint(int(rect.center().x()), int(rect.bottom()) - 1)
    drag(qtbot, view, bottom, round(HOUR_HEIGHT * 3 / 4))
    rows_read(window)
    assert listed_times(path, "Quick check-in") == ("2027-02-16T02:00:00Z", "2027-02-16T03:00:00Z")
    assert window.undo_action.text() == "Undo Change 'Quick check-in' to end at 12:00 (1 h)"
