"""An event the window has selected that a colleague deletes is let go of once the
calendar has caught up: Edit, Delete and the tools no longer point at a meeting the
calendar lost, which would only be refused, with advice to reload what is read already."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_support import JANUARY_NINE_TOKYO, Messages, add_event, rows_read
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.live import start_live_refresh
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.services import removal
from cpp_scheduler.services.live import ChangeNotice
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database, open_database
from tests.colleagues import as_colleague


def _deletes_the_event(url: str, event_id: str) -> None:
    database = open_database(url)
    removal.delete(database, Event, event_id)
    database.close()


def test_an_event_a_colleague_deletes_is_no_longer_selected(
    qtbot: QtBot,
    database_url: str,
    make_window: Callable[[Database], MainWindow],
    messages: Messages,
) -> None:
    database = open_database(database_url)
    kobe = add_event(database, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2, kind=EventKind.WORKSHOP)
    toyama = add_event(database, "Toyama visit", JANUARY_NINE_TOKYO, 1, kind=EventKind.SITE_VISIT)
    window = make_window(database)
    window.go_to(JANUARY_NINE_TOKYO.date())
    live = start_live_refresh(window)
    try:
        assert live.watcher.ready.wait(10)
        window.select_occurrence(OccurrenceKey(kobe))
        chosen: list[object] = []
        window.selectionChanged.connect(chosen.append)
        with qtbot.waitSignal(live.applied, timeout=10_000):
            as_colleague(_deletes_the_event, database_url, kobe, author="Ravi Menon")
        rows_read(window)

        assert window.events.row_of(kobe) == -1
        assert window.selected_occurrence is None
        assert chosen == [None]  # the Local times dock lets go too (History keeps it)
        assert not window.edit_action.isEnabled()
        assert not window.delete_action.isEnabled()
        window.edit_selected()
        window.delete_selected()
        rows_read(window)
        assert messages.errors == []

        # Another event's deletion leaves the selection where it is.
        window.select_occurrence(OccurrenceKey(toyama))
        other = add_event(database, "Yokohama call", JANUARY_NINE_TOKYO, 1)
        with qtbot.waitSignal(live.applied, timeout=10_000):
            as_colleague(_deletes_the_event, database_url, other, author="Ravi Menon")
        rows_read(window)
        assert window.selected_occurrence == OccurrenceKey(toyama)
    finally:
        live.stop()
        window.tasks.wait_for_done()
        database.close()


def test_an_event_deleted_while_the_connection_was_lost_is_let_go_at_the_catch_up(
    qtbot: QtBot, sqlite_path: Path, make_window: Callable[[Database], MainWindow]
) -> None:
    database = open_database(sqlite_path)
    kobe = add_event(database, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2, kind=EventKind.WORKSHOP)
    window = make_window(database)
    window.go_to(JANUARY_NINE_TOKYO.date())
    live = start_live_refresh(window)
    try:
        assert live.watcher.ready.wait(10)
        window.select_occurrence(OccurrenceKey(kobe))
        live.stop()  # nothing is heard record by record meanwhile
        as_colleague(_deletes_the_event, str(sqlite_path), kobe, author="Ravi Menon")
        with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
            live.noticed.emit(ChangeNotice("", catch_up=True))  # back: read everything
        rows_read(window)
        assert window.selected_occurrence is None
        assert not window.delete_action.isEnabled()
    finally:
        window.tasks.wait_for_done()
        database.close()


def test_undoing_the_creation_of_the_selected_event_lets_go_of_it(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    from cpp_scheduler.gui.commands import CreateRecord

    command = CreateRecord(
        window.editor,
        Event,
        {
            "title": "Kitakyushu eco-town call",
            "start_utc": JANUARY_NINE_TOKYO,
            "end_utc": JANUARY_NINE_TOKYO.replace(hour=1),
        },
        "Kitakyushu eco-town call",
    )
    window.editor.execute(command, lambda: window.select_event(command.record_id))
    rows_read(window)
    assert window.selected_event == command.record_id
    window.undo_action.trigger()
    rows_read(window)
    assert window.events.row_of(command.record_id) == -1
    assert window.selected_occurrence is None
    assert messages.errors == []
