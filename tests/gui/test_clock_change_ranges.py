"""The calendar's own texts of a meeting across New York's clock change: the agenda's
Starts and Ends, the tooltip, the hour grid's block, the venue timeline's bar, the strip
of a long event, the undo step of a move and the event dialog's clocks, each naming both
clocks as ``timezones.span_text`` writes them, as the command line does."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.commands import move_text
from cpp_scheduler.gui.dialogs.event_dialog import time_line, warning_lines
from cpp_scheduler.gui.eventmodel import Column, EventTableModel
from cpp_scheduler.gui.views import venues
from cpp_scheduler.gui.views.timegrid import block_lines, span_label
from cpp_scheduler.model.enums import EventKind, EventMode, EventStatus
from cpp_scheduler.scheduling.attendance import judged_at_night
from cpp_scheduler.scheduling.inputs import Attendee, AttendeeKind, Interval
from cpp_scheduler.scheduling.localtimes import meeting_times
from cpp_scheduler.services.rows import EventRow

NEW_YORK = "America/New_York"
FALL_BACK_START = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # 01:30 EDT
FALL_BACK_END = datetime(2027, 11, 7, 7, 30, tzinfo=UTC)  # 02:30 EST, two hours later


def row(start: datetime = FALL_BACK_START, end: datetime = FALL_BACK_END) -> EventRow:
    return EventRow(
        event_id="fall-back",
        title="Fall back call",
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        status=EventStatus.CONFIRMED,
        start_utc=start,
        end_utc=end,
        zone=NEW_YORK,
        venue_id=None,
        venue_name="",
        city_id=None,
        city_name="",
        theme_ids=frozenset(),
        delegation_ids=frozenset(),
        delegation_names="",
        version=1,
    )


def test_the_agenda_names_each_ends_clock(qtbot: QtBot) -> None:
    model = EventTableModel()
    model.set_display_zone(NEW_YORK)
    second_hour = row(
        datetime(2027, 11, 7, 6, tzinfo=UTC), datetime(2027, 11, 7, 6, 30, tzinfo=UTC)
    )
    plain = row(datetime(2027, 11, 8, 14, tzinfo=UTC), datetime(2027, 11, 8, 15, tzinfo=UTC))
    model.set_rows([row(), second_hour, plain])
    shown = [
        [model.index(number, column).data() for column in (Column.START, Column.END)]
        for number in range(3)
    ]
    assert shown == [
        ["Sun 07 Nov 2027  01:30 EDT", "02:30 EST"],
        ["Sun 07 Nov 2027  01:00", "01:30 EST"],  # the second 01:00
        ["Mon 08 Nov 2027  09:00", "10:00 EST"],  # an ordinary meeting, its clock named
    ]
    tooltip = model.index(0, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Sun 07 Nov 2027, 01:30 EDT – 02:30 EST (America/New_York)" in tooltip


def test_the_calendars_blocks_bars_and_strips_name_both_clocks(qtbot: QtBot) -> None:
    from cpp_scheduler import timezones

    start = timezones.to_local(FALL_BACK_START, NEW_YORK)
    end = timezones.to_local(FALL_BACK_END, NEW_YORK)
    lines, _bold = block_lines(row(), start, end, QRectF(0, 0, 240, 120), QFont())
    assert "01:30 EDT – 02:30 EST" in lines
    assert venues.booking_label(row(), NEW_YORK, QRectF(0, 0, 240, 60), 14) == [
        "Fall back call",
        "01:30 EDT – 02:30 EST",
    ]
    assert span_label(row(), NEW_YORK) == "Sun 07 Nov 01:30 EDT – 02:30 EST"


def test_a_move_into_the_change_is_named_with_both_clocks() -> None:
    before = (datetime(2027, 11, 6, 14, tzinfo=UTC), datetime(2027, 11, 6, 15, tzinfo=UTC))
    text = move_text("Fall back call", FALL_BACK_START, FALL_BACK_END, *before, NEW_YORK)
    assert text == "Move 'Fall back call' to Sun 01:30 EDT – 02:30 EST"


def test_the_event_dialog_gives_each_attendees_clocks(qtbot: QtBot) -> None:
    meeting = Interval(
        id="fall-back",
        event_id="fall-back",
        title="Fall back call",
        start=FALL_BACK_START,
        end=FALL_BACK_END,
        zone=NEW_YORK,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({"new-york"}),
    )
    new_york = Attendee("new-york", "USA: New York City", AttendeeKind.DELEGATION, NEW_YORK, "US")
    times = meeting_times(meeting, [new_york])
    delegation = times.rows[0]
    assert time_line(delegation, NEW_YORK).startswith(
        "USA: New York City: Sun 07 Nov 01:30 EDT – 02:30 EST (UTC-04:00, -05:00)"
    )
    assert judged_at_night(meeting, holds_sessions=False)  # a call, judged at night
    night = "⚠ Night for USA: New York City: 01:30 EDT – 02:30 EST there."
    assert night in warning_lines(times, frozenset({"new-york"}))


def test_a_strip_over_two_days_gives_each_end_its_weekday(japanese: None) -> None:
    """The Day view's strip of a meeting into the next day named the end's weekday
    alone: 2月15日 09:00–2月16日(火) 15:30; its clock named after it, as ``events list``
    names it."""
    monday_nine = datetime(2027, 2, 15, 0, tzinfo=UTC)
    tuesday_half_three = datetime(2027, 2, 16, 6, 30, tzinfo=UTC)
    strip = span_label(row(monday_nine, tuesday_half_three), "Asia/Tokyo")
    assert strip == "2月15日(月) 09:00–2月16日(火) 15:30 JST"
