"""An all-day event is on its own dates on every clock, as the calendar draws it: after
an import the window opens on the week of those dates, and the Agenda, sent to one of
them, starts with it, not with the day its first instant is on in the zone shown.

Tokyo's Monday 1 March 2027 begins at 10:00 on Sunday 28 February in New York, and a
week begins on Monday in English: the week of 22 to 28 February does not show it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from gui_support import add_event, rows_read
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.eventmodel import Roles
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Event
from cpp_scheduler.store import Database

WindowFactory = Callable[[Database], MainWindow]
NEW_YORK = "America/New_York"
TITLE = "Kobe study visit: site day"


def _all_day(database: Database) -> str:
    """An all-day event on Monday 1 March 2027 in Tokyo."""
    with database.transaction() as session:
        event = Event(title=TITLE, zone="Asia/Tokyo")
        event.set_dates(date(2027, 3, 1), date(2027, 3, 1))
        session.add(event)
        session.flush()
        return event.id


@pytest.fixture
def alone(program: Database) -> Database:
    """The program with no events."""
    with program.transaction() as session:
        for event in session.query(Event).all():
            session.delete(event)
    return program


def test_after_an_import_the_window_opens_on_the_week_of_the_first_dates(
    alone: Database, make_window: WindowFactory
) -> None:
    _all_day(alone)
    window = make_window(alone)
    window.set_display_zone(NEW_YORK)
    window.show_view("week")
    window.go_to(date(2027, 6, 1))
    rows_read(window)
    window.program_replaced("Imported")
    rows_read(window)
    first, last = window.current_view.days_covered()
    assert first <= date(2027, 3, 1) <= last
    assert [row.title for row in window.current_view.drawn_rows()] == [TITLE]


def test_the_agenda_brings_a_days_all_day_event_to_the_top_on_any_clock(
    alone: Database, make_window: WindowFactory, qtbot: QtBot
) -> None:
    """Going to Monday 1 March in the Agenda, on New York's clock, brings Tokyo's closure
    of that date to the top: it starts at 10:00 on Sunday there, before the evening
    call of the 28th, but it is on the 1st."""
    _all_day(alone)
    for day in range(1, 28):  # a month of morning calls before, and after
        for month in (2, 3):
            at = datetime(2027, month, day + month - 2, 15, tzinfo=UTC)
            add_event(alone, f"Call of {at:%d %b}", at, zone=NEW_YORK)
    add_event(alone, "Sunday evening call", datetime(2027, 3, 1, 1, tzinfo=UTC), zone=NEW_YORK)
    window = make_window(alone)
    window.set_display_zone(NEW_YORK)
    window.show_view("agenda")
    window.show()
    qtbot.waitExposed(window)
    rows_read(window)
    window.go_to(date(2027, 3, 1))
    table = window.current_view.table
    top = table.indexAt(QPoint(5, 2)).data(Roles.ROW)
    assert top.title == TITLE
