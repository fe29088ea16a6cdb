"""Every booking the Venues view counts is drawn where it is: its day's hours widen to
take in a videoconference at 22:00 in Tokyo and a breakfast at 05:30, so the room booked
twice that ``cpp-scheduler conflicts`` reports is there to see, edged in red, at its
hours, and a week of daytime bookings keeps its 07:00 to 22:00."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views import venues
from cpp_scheduler.scheduling.conflicts import ConflictKind
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import add_event, settle, venue_id
from tests.parity.conflicts_support import conflicts_json

MONDAY = date(2027, 3, 22)
#: Monday 22 March 2027, 22:00 in Tokyo.
LATE = datetime(2027, 3, 22, 13, 0, tzinfo=UTC)
#: Wednesday 24 March 2027, 05:30 in Tokyo.
EARLY = datetime(2027, 3, 23, 20, 30, tzinfo=UTC)


def _timeline(window: MainWindow, qtbot: QtBot, day: date) -> venues.VenueTimelineView:
    window.resize(1366, 900)
    window.show()
    qtbot.waitExposed(window)
    window.show_view("venues")
    window.go_to(day)
    timeline = window.views["venues"]
    assert isinstance(timeline, venues.VenueTimelineView)
    qtbot.waitUntil(lambda: bool(timeline.venues))
    settle(qtbot, window)
    return timeline


def test_bookings_outside_the_usual_hours_are_drawn_at_their_hours_with_their_clash(
    sqlite_database: Database,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    room_b = venue_id(sqlite_database, "TDLC Meeting Room B")
    room_a = venue_id(sqlite_database, "TDLC Meeting Room A")
    late = add_event(sqlite_database, "Lima videoconference", LATE, 1.5, venue_id=room_b)
    clash = add_event(
        sqlite_database, "Nairobi call", LATE + timedelta(minutes=30), 1, venue_id=room_b
    )
    early = add_event(sqlite_database, "Delegation breakfast", EARLY, 1, venue_id=room_a)
    reported = conflicts_json(capsys, sqlite_database)["conflicts"]
    double = [c for c in reported if c["kind"] == ConflictKind.VENUE_DOUBLE_BOOKED.value]
    assert {m["event_id"] for c in double for m in c["meetings"]} == {late, clash}

    window = open_window()
    timeline = _timeline(window, qtbot, MONDAY)
    assert window.count_label.text() == "3 events in view"
    bars = timeline.bars()
    drawn = {row.event_id: (rect, edged) for rect, row, edged in bars}
    assert set(drawn) == {row.event_id for row in timeline.drawn_rows()} == {late, clash, early}
    assert {event_id for event_id, (_rect, edged) in drawn.items() if edged} == {late, clash}
    assert timeline.hours() == (5, 24)

    image = timeline._canvas.grab().toImage()
    ratio = image.devicePixelRatio()
    for event_id, start, hours in (
        (late, LATE, 1.5),
        (clash, LATE + timedelta(minutes=30), 1),
        (early, EARLY, 1),
    ):
        rect, _edged = drawn[event_id]
        local = timezones.to_local(start, "Asia/Tokyo")
        day_left = venues.LABEL_WIDTH + (local.date() - MONDAY).days * timeline.day_width()
        # At its own hours of its own day, not squeezed against the day's edge.
        assert rect.left() == pytest.approx(timeline.x_of(local))
        assert rect.right() + 1 == pytest.approx(timeline.x_of(local + timedelta(hours=hours)))
        assert day_left < rect.left() < rect.right() < day_left + timeline.day_width()
        assert rect.width() >= venues.MIN_BAR_WIDTH
        # Painted: the middle of the bar is not the white of an empty room.
        centre = rect.center()
        colour = image.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio))
        assert colour != QColor("#ffffff"), event_id
    # The double booking's red edge is painted along the late bar's top.
    rect, _edged = drawn[late]
    edge = image.pixelColor(int(rect.center().x() * ratio), int(rect.top() * ratio))
    assert edge.red() > 150, edge.name()
    assert edge.green() < 120, edge.name()


def test_a_week_of_daytime_bookings_keeps_its_working_hours(
    sqlite_database: Database, open_window: Any, qtbot: QtBot
) -> None:
    room = venue_id(sqlite_database, "TDLC Meeting Room A")
    add_event(sqlite_database, "Morning session", datetime(2027, 3, 23, 0, 0, tzinfo=UTC), 2)
    add_event(
        sqlite_database,
        "Afternoon session",
        datetime(2027, 3, 24, 5, 0, tzinfo=UTC),
        3,
        venue_id=room,
    )
    # Three days from Monday 09:00: the nights between are booked whole, and widen nothing.
    add_event(
        sqlite_database,
        "Three-day conference",
        datetime(2027, 3, 22, 0, 0, tzinfo=UTC),
        56,
        venue_id=room,
    )
    window = open_window()
    timeline = _timeline(window, qtbot, MONDAY)
    assert timeline.hours() == (venues.FIRST_HOUR, venues.LAST_HOUR)
    assert {row.title for _rect, row, _edged in timeline.bars()} == {
        "Afternoon session",
        "Three-day conference",
    }


def test_a_meeting_across_midnight_widens_both_days_to_show_each_part(
    sqlite_database: Database, open_window: Any, qtbot: QtBot
) -> None:
    room = venue_id(sqlite_database, "TDLC Meeting Room A")
    # Monday 23:00 to Tuesday 01:00 in Tokyo.
    night = add_event(
        sqlite_database, "Night shift handover", LATE + timedelta(hours=1), 2, venue_id=room
    )
    window = open_window()
    timeline = _timeline(window, qtbot, MONDAY)
    pieces = sorted(rect.left() for rect, row, _edged in timeline.bars() if row.event_id == night)
    assert len(pieces) == 2
    assert timeline.hours() == (0, 24)
    monday_right = venues.LABEL_WIDTH + timeline.day_width()
    assert monday_right - timeline.day_width() / 24 - 1 <= pieces[0] < monday_right
    assert pieces[1] == pytest.approx(monday_right)
