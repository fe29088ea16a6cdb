"""A colleague's change to one meeting of a series is one change, in the status bar as
in ``cpp-scheduler history --since``: the calendar sequence its series took with it is
bookkeeping for calendar clients, read again but not counted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from gui_support import JANUARY_NINE_TOKYO, add_event, rows_read
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.live import start_live_refresh
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import EventKind
from cpp_scheduler.services import series
from cpp_scheduler.services.history import history_since
from cpp_scheduler.store import Database, open_database
from tests.colleagues import as_colleague


def _cancels_the_last_meeting(url: str, event_id: str) -> None:
    """Cancels the last meeting of the series, as read now."""
    database = open_database(url)
    read = series.meetings(database, event_id)
    series.cancel_meeting(database, event_id, read.meetings[-1].recurrence_id, read.version)
    database.close()


def _colleague_cancels_the_last_meeting(url: str, event_id: str) -> None:
    as_colleague(_cancels_the_last_meeting, url, event_id, author="Ravi Menon")


def test_a_meeting_a_colleague_cancels_is_one_change_as_the_history_says(
    qtbot: QtBot, database_url: str, make_window: Callable[[Database], MainWindow]
) -> None:
    database = open_database(database_url)
    weekly = add_event(
        database,
        "Weekly partners call",
        JANUARY_NINE_TOKYO,
        1,
        kind=EventKind.VIDEOCONFERENCE,
        zone="Asia/Tokyo",
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
    )
    last_week = JANUARY_NINE_TOKYO + timedelta(weeks=2)
    window = make_window(database)
    window.go_to(last_week.date())
    live = start_live_refresh(window)
    try:
        assert live.watcher.ready.wait(10)

        def starts() -> list[datetime]:
            events = window.events
            return [
                row.start_utc
                for row in (events.row_at(number) for number in range(events.rowCount()))
                if row.event_id == weekly
            ]

        assert last_week in starts()
        before = datetime.now(UTC)
        with qtbot.waitSignal(live.applied, timeout=10_000):
            _colleague_cancels_the_last_meeting(database_url, weekly)
        rows_read(window)
        qtbot.waitUntil(lambda: last_week not in starts(), timeout=10_000)
        listed = history_since(database, before)
        assert [entry.meeting is not None for entry in listed] == [True]
        # Named: a change of that meeting, not a record added.
        assert window.statusBar().currentMessage() == (
            "Ravi Menon changed the 26 Jan 2027 meeting of 'Weekly partners call'"
        )
    finally:
        live.stop()
        window.tasks.wait_for_done()
        database.close()
