"""The server goes away mid-session (restarted, the network dropped): a drag then is
refused in one line, the event goes back where the program holds it, and once the
server is back the window works again without being opened anew."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from gui_support import JANUARY_NINE_TOKYO, Messages, add_event, rows_read
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.live import start_live_refresh
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database, open_database
from tests.tcp_relay import Relay


@pytest.fixture
def relay() -> Iterator[Relay]:
    """The way to the local PostgreSQL server, which the test can cut."""
    between = Relay(("127.0.0.1", 5432))
    yield between
    between.close()


def test_a_drag_while_the_server_is_away_is_refused_once_and_works_once_it_is_back(
    qtbot: QtBot,
    postgres_url: str,
    relay: Relay,
    make_window: Callable[[Database], MainWindow],
    messages: Messages,
) -> None:
    url = postgres_url.replace("127.0.0.1:5432", f"127.0.0.1:{relay.port}")
    database = open_database(url)
    kobe = add_event(database, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2, kind=EventKind.WORKSHOP)
    window = make_window(database)
    window.go_to(JANUARY_NINE_TOKYO.date())
    live = start_live_refresh(window)
    try:
        assert live.watcher.ready.wait(10)
        relay.cut()
        qtbot.waitUntil(live.label.isVisible, timeout=10_000)
        later = JANUARY_NINE_TOKYO + timedelta(hours=3)

        window.move_event(kobe, later, later + timedelta(hours=2))
        rows_read(window)

        assert [title for title, _line in messages.errors] == ["Cannot move the event"]
        assert "connection" in messages.errors[0][1]
        # The window's own step, not the command line's (it reconnects by itself).
        assert messages.errors[0][1].endswith(
            "nothing was saved; save again once the server answers (the window reconnects "
            "by itself)"
        )
        assert window.events.row_at(window.events.row_of(kobe)).start_utc == JANUARY_NINE_TOKYO
        assert window.undo_stack.count() == 0

        messages.errors.clear()
        relay.restore()
        qtbot.waitUntil(lambda: not live.label.isVisible(), timeout=20_000)
        rows_read(window)
        window.move_event(kobe, later, later + timedelta(hours=2))
        rows_read(window)
        assert messages.errors == []
        assert editing.stored(database, Event, kobe).values["start_utc"] == later
        assert window.undo_stack.count() == 1
    finally:
        live.stop()
        window.tasks.wait_for_done()
        database.close()
