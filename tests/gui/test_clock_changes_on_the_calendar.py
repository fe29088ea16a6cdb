"""The calendar on the days the clocks change, as a coordinator in New York sees it: every
meeting of the repeated hour drawn, named by its clock and counted; a drop, a resize or
a double-click on a time the clocks skip or read twice asked about, never guessed; the
zone's offset of the days shown; and the count in view that follows what is drawn."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from gui_support import DialogScript, add_event, rows_read
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.month import MonthView
from cpp_scheduler.gui.views.timegrid import HOUR_HEIGHT, Block, TimeGridView
from cpp_scheduler.gui.widgets.local_time_choice import LocalTimeQuestion
from cpp_scheduler.model import Event
from cpp_scheduler.store import Database

NEW_YORK = "America/New_York"
FALL_BACK = date(2027, 11, 7)  # 02:00 EDT becomes 01:00 EST
SPRING_FORWARD = date(2027, 3, 14)  # 02:00 EST becomes 03:00 EDT

WindowFactory = Callable[[Database], MainWindow]


def in_new_york(make_window: WindowFactory, program: Database, day: date, view: str) -> MainWindow:
    window = make_window(program)
    window.set_display_zone(NEW_YORK)
    window.show_view(view)
    window.go_to(day)
    return window


def grid(window: MainWindow) -> TimeGridView:
    view = window.current_view
    assert isinstance(view, TimeGridView)
    return view


def block_of(view: TimeGridView, title: str) -> Block:
    return next(block for block in view.blocks() if block.row.title == title)


def drawn_event_ids(window: MainWindow) -> set[str]:
    view = window.current_view
    if isinstance(view, TimeGridView):
        return {block.row.event_id for block in view.blocks()} | {
            row.event_id for row, _first, _last in view.all_day()
        }
    assert isinstance(view, MonthView)
    return {row.event_id for rows in view.events_by_day().values() for row in rows}


def stored(window: MainWindow, title: str) -> Event:
    with window.database.session() as session:
        return session.query(Event).filter_by(title=title).one()


# -- every meeting drawn, and counted as drawn --------------------------------------------
@pytest.mark.parametrize("view_name", ["day", "week"])
def test_a_meeting_the_clocks_go_back_within_is_drawn_for_the_hour_it_lasts(
    program: Database, make_window: WindowFactory, view_name: str
) -> None:
    # 01:30 EDT to 01:30 EST: its end reads the same time as its start, an hour later.
    add_event(program, "Fall back call", datetime(2027, 11, 7, 5, 30, tzinfo=UTC), zone=NEW_YORK)
    add_event(
        program, "Second reading", datetime(2027, 11, 7, 6, 15, tzinfo=UTC), 0.5, zone=NEW_YORK
    )
    window = in_new_york(make_window, program, FALL_BACK, view_name)
    view = grid(window)
    call = block_of(view, "Fall back call")
    rect = view.block_rect(call)
    assert call.start_minute == 90  # at 01:30, where it starts
    assert rect.top() == round(1.5 * HOUR_HEIGHT)
    assert rect.height() >= HOUR_HEIGHT - 1  # the hour it lasts, not a sliver
    assert block_of(view, "Second reading").start_minute == 75  # 01:15 EST
    assert window.count_label.text() == "2 events in view"
    assert drawn_event_ids(window) == set(window.shown_event_ids())


def test_the_count_in_view_counts_all_day_events_on_the_dates_they_are_drawn_on(
    program: Database, make_window: WindowFactory
) -> None:
    # Monday 5 April in Kiritimati (UTC+14) is still Sunday 4 April in Pago Pago
    # (UTC-11); an all-day event keeps its own date in any zone shown.
    with program.transaction() as session:
        for title, day, zone in (
            ("Kiritimati Monday", date(2027, 4, 5), "Pacific/Kiritimati"),
            ("Pago Pago Sunday", date(2027, 4, 4), "Pacific/Pago_Pago"),
        ):
            event = Event(title=title, zone=zone)
            event.set_dates(day, day)
            session.add(event)
    window = make_window(program)
    window.set_display_zone("Pacific/Pago_Pago")
    for view_name, day, drawn in (
        ("week", date(2027, 4, 5), ["Kiritimati Monday"]),  # the week of 5-11 April
        ("day", date(2027, 4, 5), ["Kiritimati Monday"]),
        ("day", date(2027, 4, 4), ["Pago Pago Sunday"]),
        ("month", date(2027, 4, 5), ["Kiritimati Monday", "Pago Pago Sunday"]),
    ):
        window.show_view(view_name)
        window.go_to(day)
        view = window.current_view
        if isinstance(view, TimeGridView):
            titles = sorted(row.title for row, _first, _last in view.all_day())
        else:
            assert isinstance(view, MonthView)
            titles = sorted({row.title for rows in view.events_by_day().values() for row in rows})
        assert titles == drawn, (view_name, day)
        count = "1 event in view" if len(drawn) == 1 else f"{len(drawn)} events in view"
        assert window.count_label.text() == count, (view_name, day)
        assert drawn_event_ids(window) == set(window.shown_event_ids()), (view_name, day)


# -- the offset of the days shown ---------------------------------------------------------
def test_the_zone_in_use_gives_the_offset_of_the_days_shown(
    program: Database, make_window: WindowFactory, painted_texts: list[str]
) -> None:
    window = in_new_york(make_window, program, date(2027, 7, 5), "week")
    label = window.zone_selector.in_use
    assert label.text() == "Times in America/New York (UTC-04:00)"  # summer time
    window.go_to(date(2027, 1, 18))
    assert label.text() == "Times in America/New York (UTC-05:00)"
    window.go_to(FALL_BACK)  # the week of 1-7 November: both, and when the clocks change
    assert label.text() == "Times in America/New York (UTC-04:00; UTC-05:00 from Sun 07 Nov)"
    painted_texts.clear()
    window.current_view.grab()
    assert "UTC-4/-5" in painted_texts  # the grid's corner, above the hours
    window.show_view("day")
    window.go_to(date(2027, 11, 8))
    assert label.text() == "Times in America/New York (UTC-05:00)"
    window.set_display_zone("Australia/Lord_Howe")
    window.go_to(date(2027, 7, 5))
    assert label.text() == "Times in Australia/Lord Howe (UTC+10:30)"
    # Samoa went from Thursday 29 December 2011 to Saturday 31 December: one change, to
    # the clock of the 31st, with no clock read on the day that never came.
    window.show_view("week")
    window.set_display_zone("Pacific/Apia")
    window.go_to(date(2011, 12, 29))
    assert label.text() == "Times in Pacific/Apia (UTC-10:00; UTC+14:00 from Sat 31 Dec)"


def test_the_month_gives_the_offset_of_its_own_days_as_the_command_does(
    program: Database,
    make_window: WindowFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """February 2027's grid runs on to Sunday 14 March, when New York's clocks go
    forward; the month is about February alone, whose clock reads UTC-05:00 throughout,
    as ``zones`` says of its days."""
    window = in_new_york(make_window, program, date(2027, 2, 10), "month")
    assert main(["zones", NEW_YORK, "--from", "2027-02-01", "--to", "2027-02-28"]) == 0
    said = capsys.readouterr().out.strip()
    assert window.zone_selector.in_use.text() == f"Times in {said}"
    assert said == "America/New York (UTC-05:00)"


def test_the_agenda_gives_the_offsets_of_every_meeting_it_lists(
    program: Database,
    make_window: WindowFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Agenda lists the whole program from its anchor's row: its label gave the
    anchor's day alone (UTC-05:00 in January) above rows reading UTC-04:00 in summer;
    it gives the offsets of the days its meetings are on, as ``zones`` says of them,
    and each offset once over years of changes."""
    add_event(program, "Winter call", datetime(2027, 1, 20, 14, tzinfo=UTC), 1)
    add_event(program, "Summer call", datetime(2027, 7, 20, 14, tzinfo=UTC), 1)
    window = in_new_york(make_window, program, date(2027, 1, 18), "agenda")
    rows_read(window)
    first = min(row.start_utc for row in window.events.rows()).date()
    last = max(row.end_utc for row in window.events.rows()).date()
    if (last - first).days <= 366:
        assert main(["zones", NEW_YORK, "--from", f"{first}", "--to", f"{last}"]) == 0
        said = capsys.readouterr().out.strip()
        assert window.zone_selector.in_use.text() == f"Times in {said}"
    assert "UTC-04:00" in window.zone_selector.in_use.text()

    add_event(program, "Call two summers on", datetime(2029, 7, 20, 14, tzinfo=UTC), 1)
    window.reload()
    rows_read(window)
    assert window.zone_selector.in_use.text() == (
        "Times in America/New York (UTC-05:00 or UTC-04:00, as the clocks change)"
    )


# -- the repeated hour, named by its clock -----------------------------------------------
def test_meetings_of_the_repeated_hour_name_their_clock_in_the_month_and_in_short_blocks(
    program: Database, make_window: WindowFactory, painted_texts: list[str]
) -> None:
    add_event(
        program, "First reading", datetime(2027, 11, 7, 5, 15, tzinfo=UTC), 0.5, zone=NEW_YORK
    )
    add_event(
        program, "Second reading", datetime(2027, 11, 7, 6, 15, tzinfo=UTC), 0.5, zone=NEW_YORK
    )
    add_event(program, "Plain morning", datetime(2027, 11, 7, 15, tzinfo=UTC), 0.5, zone=NEW_YORK)
    window = in_new_york(make_window, program, FALL_BACK, "month")
    window.resize(1600, 1000)  # cells wide and tall enough for the three in full
    QApplication.processEvents()
    painted_texts.clear()
    window.current_view.grab()
    assert "01:15 EDT  First reading" in painted_texts
    assert "01:15 EST  Second reading" in painted_texts
    assert "10:00  Plain morning" in painted_texts  # an hour read once names no clock
    window.show_view("day")
    view = grid(window)
    assert view.block_rect(block_of(view, "First reading")).height() < 34  # one line
    painted_texts.clear()
    view.grab()
    assert "01:15 EDT First reading" in painted_texts
    assert "01:15 EST Second reading" in painted_texts


# -- a skipped or repeated time is asked about --------------------------------------------
def drag(qtbot: QtBot, view: TimeGridView, title: str, minutes: int, *, edge: bool = False) -> None:
    """Drag the block of ``title`` (or, with ``edge``, its lower edge) ``minutes`` down."""
    rect = view.block_rect(block_of(view, title))
    canvas = view._canvas
    start = QPoint(int(rect.center().x()), int(rect.bottom()) - 2 if edge else int(rect.top()) + 6)
    end = start + QPoint(0, round(minutes * HOUR_HEIGHT / 60))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(0, 10))
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)


def question_of(window: MainWindow) -> LocalTimeQuestion:
    """The question the window asks now: shown over it, nothing chosen for the user."""
    asked = [shown for shown in window.findChildren(LocalTimeQuestion) if shown.isVisible()]
    assert len(asked) == 1, "the window did not ask which time is meant"
    question = asked[0]
    assert not question.ok_button.isEnabled()
    return question


def answer(qtbot: QtBot, question: LocalTimeQuestion, reading: str) -> None:
    if reading == "cancel":
        question.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
        return
    button = question.choice.earlier if reading == "earlier" else question.choice.later
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert question.ok_button.isEnabled()
    question.ok_button.click()


def test_a_drop_on_a_time_the_clocks_skip_asks_which_instant_is_meant(
    program: Database, make_window: WindowFactory, qtbot: QtBot
) -> None:
    add_event(program, "Drag me", datetime(2027, 3, 14, 10, tzinfo=UTC), zone=NEW_YORK)  # 06:00
    window = in_new_york(make_window, program, SPRING_FORWARD, "day")
    view = grid(window)
    drag(qtbot, view, "Drag me", -210)  # to 02:30, which the clocks skip
    question = question_of(window)
    assert "02:30 on Sun 14 Mar 2027 does not exist in America/New_York" in (
        question.choice.message.text()
    )
    assert question.choice.earlier.text().startswith("01:30 EST (UTC-05:00) = 06:30 UTC")
    assert question.choice.later.text().startswith("03:30 EDT (UTC-04:00) = 07:30 UTC")
    answer(qtbot, question, "cancel")  # everything stays as it was
    rows_read(window)
    assert stored(window, "Drag me").start_utc == datetime(2027, 3, 14, 10, tzinfo=UTC)
    assert window.undo_stack.count() == 0
    assert block_of(view, "Drag me").start_minute == 6 * 60

    drag(qtbot, view, "Drag me", -210)
    answer(qtbot, question_of(window), "later")
    rows_read(window)
    moved = stored(window, "Drag me")
    assert moved.start_utc == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)  # 03:30 EDT
    assert moved.end_utc - moved.start_utc == timedelta(hours=1)
    assert window.undo_action.text() == "Undo Move 'Drag me' to Sun 03:30 EDT"
    assert block_of(view, "Drag me").start_minute == 3.5 * 60


def test_the_outline_of_a_drag_over_the_skipped_hour_is_where_the_drop_puts_it(
    program: Database, make_window: WindowFactory, qtbot: QtBot
) -> None:
    """A two-hour meeting dragged to 01:00 EST on the night the clocks spring forward
    lasts until 04:00 EDT, two hours later: its outline says so before the drop, from
    01:00 to 04:00 on the grid, and the block stands there after it."""
    add_event(program, "Drag me", datetime(2027, 3, 14, 10, tzinfo=UTC), 2, zone=NEW_YORK)
    window = in_new_york(make_window, program, SPRING_FORWARD, "day")
    view = grid(window)
    rect = view.block_rect(block_of(view, "Drag me"))  # 06:00 to 08:00 EDT
    canvas = view._canvas
    start = QPoint(int(rect.center().x()), int(rect.top()) + 6)
    end = start + QPoint(0, -5 * HOUR_HEIGHT)  # to 01:00 EST
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(0, -10))
    qtbot.mouseMove(canvas, end)
    [outline] = canvas._ghost
    assert (outline.top(), outline.bottom()) == pytest.approx(
        (1 * HOUR_HEIGHT, 4 * HOUR_HEIGHT), abs=1.5
    )
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    rows_read(window)
    moved = stored(window, "Drag me")
    assert (moved.start_utc, moved.end_utc) == (
        datetime(2027, 3, 14, 6, tzinfo=UTC),  # 01:00 EST
        datetime(2027, 3, 14, 8, tzinfo=UTC),  # 04:00 EDT
    )
    block = block_of(view, "Drag me")
    assert (block.start_minute, block.end_minute) == (1 * 60, 4 * 60)


def test_a_drop_on_a_time_read_twice_asks_which_reading_is_meant(
    program: Database, make_window: WindowFactory, qtbot: QtBot
) -> None:
    add_event(program, "Drag me", datetime(2027, 11, 7, 9, tzinfo=UTC), zone=NEW_YORK)  # 04:00
    window = in_new_york(make_window, program, FALL_BACK, "week")
    drag(qtbot, grid(window), "Drag me", -150)  # to 01:30, read twice that night
    question = question_of(window)
    assert "01:30 on Sun 07 Nov 2027 happens twice in America/New_York" in (
        question.choice.message.text()
    )
    assert question.choice.earlier.text().startswith("01:30 EDT (UTC-04:00) = 05:30 UTC")
    assert question.choice.later.text().startswith("01:30 EST (UTC-05:00) = 06:30 UTC")
    answer(qtbot, question, "later")
    rows_read(window)
    assert stored(window, "Drag me").start_utc == datetime(2027, 11, 7, 6, 30, tzinfo=UTC)
    assert window.undo_action.text() == "Undo Move 'Drag me' to Sun 01:30 EST"


def test_a_resize_to_an_end_the_clocks_skip_asks_which_end_is_meant(
    program: Database, make_window: WindowFactory, qtbot: QtBot
) -> None:
    # 00:30-01:30 EST, its end dragged to 02:30.
    add_event(program, "Stretch me", datetime(2027, 3, 14, 5, 30, tzinfo=UTC), zone=NEW_YORK)
    window = in_new_york(make_window, program, SPRING_FORWARD, "day")
    drag(qtbot, grid(window), "Stretch me", 60, edge=True)
    question = question_of(window)
    assert question.choice.message.text().endswith("Which end do you mean?")
    answer(qtbot, question, "later")
    rows_read(window)
    resized = stored(window, "Stretch me")
    assert (resized.start_utc, resized.end_utc) == (
        datetime(2027, 3, 14, 5, 30, tzinfo=UTC),
        datetime(2027, 3, 14, 7, 30, tzinfo=UTC),  # 03:30 EDT
    )


def test_a_double_click_on_a_skipped_hour_asks_before_the_new_event_opens(
    program: Database, make_window: WindowFactory, qtbot: QtBot, dialogs: DialogScript
) -> None:
    window = in_new_york(make_window, program, SPRING_FORWARD, "day")
    view = grid(window)
    x = int(56 + view.column_width() / 2)
    qtbot.mouseDClick(view._canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, 2 * HOUR_HEIGHT + 10))
    question = question_of(window)
    assert not dialogs.opened  # no editor before the answer
    answer(qtbot, question, "cancel")
    QApplication.processEvents()
    assert not dialogs.opened
    qtbot.mouseDClick(view._canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, 2 * HOUR_HEIGHT + 10))
    answer(qtbot, question_of(window), "earlier")
    qtbot.waitUntil(lambda: bool(dialogs.opened))
    opened = dialogs.opened[-1]
    assert opened.extra["start"] == datetime(2027, 3, 14, 6, tzinfo=UTC)  # 01:00 EST
    assert opened.extra["end"] == datetime(2027, 3, 14, 7, tzinfo=UTC)


def test_the_venues_view_draws_an_all_day_booking_on_its_own_date_and_counts_what_it_draws(
    program: Database, make_window: WindowFactory
) -> None:
    """Meeting Room A held all day on Wed 17 Feb 2027 (Tokyo), times shown in New York:
    the timeline draws it on Wednesday, over the whole day, saying "All day", as the Week
    view does, not from Tuesday 10:00 into Wednesday; and an event with no venue, which
    the timeline cannot draw, is not counted in view."""
    from sqlalchemy import select

    from cpp_scheduler.gui.views import venues
    from cpp_scheduler.model import Venue

    with program.transaction() as session:
        room = session.scalars(select(Venue).where(Venue.name == "TDLC Meeting Room A")).one()
        held = Event(title="Room A held for the forum", zone="Asia/Tokyo", venue=room)
        held.set_dates(date(2027, 2, 17), date(2027, 2, 17))
        session.add(held)
        session.add(
            Event(
                title="Online briefing",
                start_utc=datetime(2027, 2, 17, 1, tzinfo=UTC),
                end_utc=datetime(2027, 2, 17, 2, tzinfo=UTC),
            )
        )
    window = in_new_york(make_window, program, date(2027, 2, 17), "venues")
    view = window.current_view
    assert isinstance(view, venues.VenueTimelineView)
    view.set_zoom(7)
    day = (date(2027, 2, 17) - view.first_day()).days
    left = venues.LABEL_WIDTH + day * view.day_width()
    right = venues.LABEL_WIDTH + (day + 1) * view.day_width()
    [(rect, row, _clash)] = [bar for bar in view.bars() if bar[1].title.startswith("Room A")]
    assert left <= rect.left() < left + 2
    assert right - 3 <= rect.right() <= right
    line_height = view.fontMetrics().height()
    assert venues.booking_label(row, view.zone, rect, line_height) in (
        ["Room A held for the forum", "All day"],
        ["All day Room A held for the forum"],
    )
    drawn = {bar[1].event_id for bar in view.bars()}
    assert "Online briefing" not in {bar[1].title for bar in view.bars()}
    assert set(window.shown_event_ids()) == drawn
    count = "1 event in view" if len(drawn) == 1 else f"{len(drawn)} events in view"
    assert window.count_label.text() == count


def test_the_venues_view_ends_a_booking_at_a_skipped_midnight_on_the_day_before(
    program: Database, make_window: WindowFactory
) -> None:
    """Santiago's clocks skip from 23:59 on 5 September 2026 to 01:00 on the 6th. A
    dinner at TDLC Meeting Room A from 20:00 to that 01:00 ends as the 6th begins: the
    week is drawn from 07:00 to midnight, as for a dinner ending at any midnight, not
    from 00:00 to 22:00 with the dinner cut off at 22:00."""
    from sqlalchemy import select

    from cpp_scheduler.gui.views import venues
    from cpp_scheduler.model import Venue

    santiago = "America/Santiago"
    with program.transaction() as session:
        room = session.scalars(select(Venue).where(Venue.name == "TDLC Meeting Room A")).one()
        session.add(
            Event(
                title="Delegation dinner",
                zone=santiago,
                venue=room,
                start_utc=datetime(2026, 9, 6, 0, tzinfo=UTC),  # 20:00 on the 5th
                end_utc=datetime(2026, 9, 6, 4, tzinfo=UTC),  # 01:00 on the 6th
            )
        )
    window = make_window(program)
    window.set_display_zone(santiago)
    window.show_view("venues")
    window.go_to(date(2026, 9, 5))
    view = window.current_view
    assert isinstance(view, venues.VenueTimelineView)
    view.set_zoom(7)
    assert view.hours() == (7, 24)


def test_the_tooltip_names_the_clock_of_a_planned_time_read_twice(
    program: Database, make_window: WindowFactory
) -> None:
    """Two calls planned in New York at 01:30 on 7 November 2027, an hour apart: seen
    from Tokyo, each tooltip says which 01:30 it was planned at."""
    add_event(program, "First call", datetime(2027, 11, 7, 5, 30, tzinfo=UTC), zone=NEW_YORK)
    add_event(program, "Second call", datetime(2027, 11, 7, 6, 30, tzinfo=UTC), zone=NEW_YORK)
    window = make_window(program)
    window.go_to(FALL_BACK)
    rows_read(window)
    planned = {
        row.title: next(
            line for line in window.events.tooltip(row).split("<br>") if "Planned" in line
        )
        for row in window.events.rows()
        if row.title.endswith("call")
    }
    assert planned == {
        "First call": "Planned in America/New_York: Sun 07 Nov, 01:30 EDT",
        "Second call": "Planned in America/New_York: Sun 07 Nov, 01:30 EST",
    }
