"""A day the clocks skip whole holds no piece of a meeting in the Day and Week views.

Samoa moved across the date line at the end of 2011: in Apia, Thursday 29 December
ended at midnight UTC-10:00 and Saturday 31 December began at once, UTC+14:00; Friday
30 December never was. A four-hour call from Thursday 22:00 to Saturday 02:00 was drawn
as two hours on Thursday, a whole day on the Friday and two hours on Saturday, as
``events list --days-in Pacific/Apia`` never reads it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from gui_support import add_event, rows_read

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.timegrid import TimeGridView
from cpp_scheduler.store import Database

APIA = "Pacific/Apia"
CALL = datetime(2011, 12, 30, 8, 0, tzinfo=UTC)
"""Thursday 29 December 2011, 22:00 in Apia (UTC-10:00)."""


def test_a_call_across_apias_skipped_day_is_drawn_as_long_as_it_lasts(
    program: Database, make_window: Callable[[Database], MainWindow]
) -> None:
    add_event(program, "Across the date line", CALL, 4, zone=APIA)
    window = make_window(program)
    window.set_display_zone(APIA)
    window.show_view("week")
    window.go_to(date(2011, 12, 29))
    rows_read(window)
    view = window.current_view
    assert isinstance(view, TimeGridView)
    first = view.days_covered()[0]

    pieces = [
        ((first.toordinal() + block.day), block.start_minute, block.end_minute)
        for block in view.blocks()
        if block.row.title == "Across the date line"
    ]

    assert pieces == [
        (date(2011, 12, 29).toordinal(), 22 * 60.0, 24 * 60.0),
        (date(2011, 12, 31).toordinal(), 0.0, 2 * 60.0),
    ]
