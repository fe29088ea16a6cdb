"""The Venues view on the night the clocks go back, as a coordinator in New York or
Auckland sees it: a booking in Meeting Room A that the clocks go back within, whose end
reads no later than its start (01:30 EDT to 01:30 EST), has its bar, as long as the
time it really takes, and the count in view counts what is drawn."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views import venues
from cpp_scheduler.gui.views.timegrid import TimeGridView
from cpp_scheduler.model import Event, Venue
from cpp_scheduler.store import Database

WindowFactory = Callable[[Database], MainWindow]

ROOM = "TDLC Meeting Room A"


def book(program: Database, title: str, zone: str, start: datetime, length: timedelta) -> None:
    with program.transaction() as session:
        room = session.scalars(select(Venue).where(Venue.name == ROOM)).one()
        session.add(
            Event(title=title, zone=zone, venue=room, start_utc=start, end_utc=start + length)
        )


def timeline_of(
    make_window: WindowFactory, program: Database, zone: str, day: date
) -> tuple[MainWindow, venues.VenueTimelineView]:
    window = make_window(program)
    window.set_display_zone(zone)
    window.show_view("venues")
    window.go_to(day)
    view = window.current_view
    assert isinstance(view, venues.VenueTimelineView)
    view.set_zoom(1)  # that night alone, wide enough to measure a half hour
    return window, view


def bar_of(view: venues.VenueTimelineView, title: str) -> tuple[float, float]:
    """The left and right edges of the booking's one bar (it fails when none is drawn)."""
    [rect] = [rect for rect, row, _clash in view.bars() if row.title == title]
    return rect.left(), rect.right() + 1


@pytest.mark.parametrize(
    ("zone", "night", "first_reading"),
    [
        # 01:30 EDT, read again an hour later as 01:30 EST.
        ("America/New_York", date(2027, 11, 7), datetime(2027, 11, 7, 5, 30, tzinfo=UTC)),
        # 02:30 NZDT, read again an hour later as 02:30 NZST.
        ("Pacific/Auckland", date(2027, 4, 4), datetime(2027, 4, 3, 13, 30, tzinfo=UTC)),
    ],
)
def test_a_booking_ending_at_the_clock_reading_it_started_at_is_drawn_for_its_hour(
    program: Database, make_window: WindowFactory, zone: str, night: date, first_reading: datetime
) -> None:
    book(program, "Fall back call", zone, first_reading, timedelta(hours=1))
    book(program, "Plain call", zone, first_reading + timedelta(hours=10), timedelta(hours=1))
    window, view = timeline_of(make_window, program, zone, night)

    assert window.count_label.text() == "2 events in view"
    assert {row.title for _rect, row, _clash in view.bars()} == {"Fall back call", "Plain call"}
    left, right = bar_of(view, "Fall back call")
    start = timezones.to_local(first_reading, zone).replace(tzinfo=None)
    # At its start, for the hour it lasts: as wide as an hour of the day drawn.
    assert left == pytest.approx(view.x_of(start))
    assert right == pytest.approx(view.x_of(start + timedelta(hours=1)))
    plain_left, plain_right = bar_of(view, "Plain call")
    assert right - left == pytest.approx(plain_right - plain_left)


def test_a_booking_ending_earlier_on_the_clock_than_it_started_is_drawn_for_its_length(
    program: Database, make_window: WindowFactory
) -> None:
    """01:45 EDT to 01:15 EST: half an hour, whose end reads earlier than its start."""
    zone = "America/New_York"
    start_utc = datetime(2027, 11, 7, 5, 45, tzinfo=UTC)
    book(program, "Half hour across the change", zone, start_utc, timedelta(minutes=30))
    window, view = timeline_of(make_window, program, zone, date(2027, 11, 7))

    assert window.count_label.text() == "1 event in view"
    left, right = bar_of(view, "Half hour across the change")
    start = timezones.to_local(start_utc, zone).replace(tzinfo=None)
    assert left == pytest.approx(view.x_of(start))
    assert right == pytest.approx(view.x_of(start + timedelta(minutes=30)))


def test_a_booking_ending_later_on_the_clock_is_drawn_for_its_length_as_the_week_draws_it(
    program: Database, make_window: WindowFactory
) -> None:
    """01:30 EDT to 02:00 EST: an hour and a half, though its clock readings are half an
    hour apart; the Day and Week views draw its block as long."""
    zone = "America/New_York"
    start_utc = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
    book(program, "Lengthened call", zone, start_utc, timedelta(minutes=90))
    window, view = timeline_of(make_window, program, zone, date(2027, 11, 7))

    left, right = bar_of(view, "Lengthened call")
    start = timezones.to_local(start_utc, zone).replace(tzinfo=None)
    assert left == pytest.approx(view.x_of(start))
    assert right == pytest.approx(view.x_of(start + timedelta(minutes=90)))
    window.show_view("week")
    week = window.current_view
    assert isinstance(week, TimeGridView)
    [block] = [block for block in week.blocks() if block.row.title == "Lengthened call"]
    assert block.end_minute - block.start_minute == 90
