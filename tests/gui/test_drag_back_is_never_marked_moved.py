"""A meeting of a series dragged back on its own time and length is put back: the
calendar shows it unmarked from the moment it is dropped, not "(moved)" until the read
after the save says otherwise, as it shows a meeting dragged elsewhere "(moved)" at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from gui_support import JANUARY_NINE_TOKYO, add_event, rows_read

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.store import Database

TITLE = "Weekly resilience exchange"
FIRST = JANUARY_NINE_TOKYO + timedelta(hours=8)  # Tue 12 Jan 2027, 17:00 in Tokyo
SECOND = FIRST + timedelta(days=7)
HOUR = timedelta(hours=1)


def _shown_title(window: MainWindow, meeting: datetime) -> str:
    """The title the calendar draws for the meeting now, before any read."""
    [row] = [r for r in window.events.rows() if r.occurrence_key.recurrence_id == meeting]
    return row.shown_title


def test_a_meeting_dropped_back_on_its_own_time_is_unmarked_at_once(
    program: Database, make_window: Callable[[Database], MainWindow]
) -> None:
    series = add_event(program, TITLE, FIRST, 1.5, recurrence_rule="FREQ=WEEKLY;COUNT=4")
    window = make_window(program)

    window.move_event(series, SECOND + HOUR, SECOND + 2.5 * HOUR, SECOND)
    assert _shown_title(window, SECOND) == f"{TITLE} (moved)"
    rows_read(window)

    window.move_event(series, SECOND, SECOND + 1.5 * HOUR, SECOND)
    assert _shown_title(window, SECOND) == TITLE
    rows_read(window)
    assert _shown_title(window, SECOND) == TITLE

    # Back at its own time for longer: a change of the meeting, "(moved)" at once.
    window.move_event(series, SECOND, SECOND + 2 * HOUR, SECOND)
    assert _shown_title(window, SECOND) == f"{TITLE} (moved)"
    rows_read(window)
    assert _shown_title(window, SECOND) == f"{TITLE} (moved)"
