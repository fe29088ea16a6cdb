"""A colleague's commit in another process appears in this window by itself: on
PostgreSQL through NOTIFY, on SQLite through the file's data version."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gui_support import JANUARY_NINE_TOKYO, add_event, reads_held, rows_read
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.live import start_live_refresh
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Event, EventKind, PartnerCity, ThematicArea, Venue
from cpp_scheduler.services import editing, removal
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database, open_database
from tests.colleagues import as_colleague


def _renames_the_events(url: str, *event_ids: str) -> None:
    """Renames each event "Renamed by Ravi", one save for each."""
    database = open_database(url)
    for event_id in event_ids:
        version = editing.stored(database, Event, event_id).version
        editing.change(database, Event, event_id, {"title": "Renamed by Ravi"}, version)
    database.close()


def _colleague_renames(url: str, *event_ids: str) -> None:
    as_colleague(_renames_the_events, url, *event_ids, author="Ravi Menon")


def _title(window: MainWindow, event_id: str) -> str:
    return window.events.row_at(window.events.row_of(event_id)).title


def test_a_change_committed_by_another_process_appears_and_keeps_the_selection(
    qtbot: QtBot, database_url: str, make_window: Callable[[Database], MainWindow]
) -> None:
    database = open_database(database_url)
    kobe = add_event(database, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2, kind=EventKind.WORKSHOP)
    toyama = add_event(database, "Toyama visit", JANUARY_NINE_TOKYO, 1, kind=EventKind.SITE_VISIT)
    window = make_window(database)
    window.go_to(JANUARY_NINE_TOKYO.date())
    window.select_occurrence(OccurrenceKey(toyama))
    live = start_live_refresh(window)
    try:
        assert live.watcher.ready.wait(10)
        with qtbot.waitSignal(live.applied, timeout=10_000):
            _colleague_renames(database_url, kobe)
        rows_read(window)
        assert _title(window, kobe) == "Renamed by Ravi"
        assert _title(window, toyama) == "Toyama visit"
        assert window.selected_occurrence == OccurrenceKey(toyama)
        # One record, named as the history names it.
        assert window.statusBar().currentMessage() == "Ravi Menon changed event 'Renamed by Ravi'"
        assert not live.label.isVisible()
    finally:
        live.stop()
        window.tasks.wait_for_done()
        database.close()


def _deletes_the_event(url: str, event_id: str) -> None:
    """Deletes the event."""
    database = open_database(url)
    removal.delete(database, Event, event_id)
    database.close()


def test_an_event_a_colleague_deletes_leaves_the_window(
    qtbot: QtBot, database_url: str, make_window: Callable[[Database], MainWindow]
) -> None:
    """A deletion's notice carries the version the window shows (the last one the event
    had): it is not taken for a change the window already holds."""
    database = open_database(database_url)
    kobe = add_event(database, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2, kind=EventKind.WORKSHOP)
    toyama = add_event(database, "Toyama visit", JANUARY_NINE_TOKYO, 1, kind=EventKind.SITE_VISIT)
    window = make_window(database)
    window.go_to(JANUARY_NINE_TOKYO.date())
    live = start_live_refresh(window)
    try:
        assert live.watcher.ready.wait(10)
        assert window.events.row_of(kobe) >= 0
        with qtbot.waitSignal(live.applied, timeout=10_000):
            as_colleague(_deletes_the_event, database_url, kobe, author="Ravi Menon")
        rows_read(window)
        assert window.events.row_of(kobe) == -1
        assert _title(window, toyama) == "Toyama visit"
        assert window.statusBar().currentMessage() == (
            "Ravi Menon deleted event 'Kobe DRR workshop'"
        )
    finally:
        live.stop()
        window.tasks.wait_for_done()
        database.close()


def _attaches_the_agendas_in_one_commit(path: str, *event_ids: str) -> None:
    """Notes "Agenda attached" on every event in one commit, as an import writes."""
    database = open_database(path)
    with database.transaction() as session:
        for event_id in event_ids:
            session.get_one(Event, event_id).notes = "Agenda attached"
    database.close()


def test_a_burst_of_changes_is_read_once_and_checked_once(
    qtbot: QtBot, sqlite_path: Path, make_window: Callable[[Database], MainWindow]
) -> None:
    database = open_database(sqlite_path)
    events = [
        add_event(database, f"Workshop {n}", JANUARY_NINE_TOKYO, 1, kind=EventKind.WORKSHOP)
        for n in range(3)
    ]
    window = make_window(database)
    live = start_live_refresh(window)
    announced: list[tuple[str, list[str]]] = []
    window.editor.changed.connect(lambda model, ids: announced.append((model, ids)))
    try:
        assert live.watcher.ready.wait(10)
        with qtbot.waitSignal(live.applied, timeout=10_000):
            as_colleague(_attaches_the_agendas_in_one_commit, str(sqlite_path), *events)
        assert announced == [("Event", sorted(events))]
    finally:
        live.stop()
        window.tasks.wait_for_done()
        database.close()


def _renames_a_city_a_theme_and_a_venue(path: str) -> None:
    """Renames the first partner city, theme and venue by name, all in one commit."""
    database = open_database(path)
    with database.transaction() as session:
        for model in (PartnerCity, ThematicArea, Venue):
            record = session.query(model).order_by(model.name).first()
            record.name = record.name + " (renamed)"
    database.close()


def test_a_colleagues_change_to_many_kinds_of_record_reads_the_program_once(
    qtbot: QtBot, sqlite_path: Path, make_window: Callable[[Database], MainWindow]
) -> None:
    """Partner cities, themes and venues renamed in one save: every name the window
    shows may have changed, and the program is read again once, not once per kind."""
    database = open_database(sqlite_path)
    window = make_window(database)
    live = start_live_refresh(window)
    reads: list[bool] = []
    window.eventsLoaded.connect(lambda: reads.append(True))
    try:
        assert live.watcher.ready.wait(10)
        # The window's reader busy meanwhile, as with a large program: every kind's
        # read asked waits, and one answers for all.
        with reads_held(window.tasks), qtbot.waitSignal(live.applied, timeout=10_000):
            as_colleague(_renames_a_city_a_theme_and_a_venue, str(sqlite_path))
        rows_read(window)
        assert reads == [True]
        cities = [window.sidebar.city.itemText(n) for n in range(window.sidebar.city.count())]
        assert any("(renamed)" in city for city in cities)
        themes = [window.sidebar.theme.itemText(n) for n in range(window.sidebar.theme.count())]
        assert any("(renamed)" in theme for theme in themes)
    finally:
        live.stop()
        window.tasks.wait_for_done()
        database.close()


def test_a_catch_up_after_a_lost_connection_reads_the_open_managers_again(
    qtbot: QtBot, sqlite_path: Path, make_window: Callable[[Database], MainWindow]
) -> None:
    """While the connection is lost a colleague renames a delegation; once it is back,
    the catch-up shows the new name in the open Delegations manager too."""
    from cpp_scheduler.model import Delegation
    from cpp_scheduler.services.live import ChangeNotice

    database = open_database(sqlite_path)
    lima = editing.create(
        database,
        Delegation,
        {"name": "Lima housing ministry", "country": "PE", "zone": "America/Lima"},
    )
    window = make_window(database)
    manager = window.manage("delegation")
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    live = start_live_refresh(window)

    def names() -> list[str]:
        proxy = manager.proxy
        return [str(proxy.index(row, 0).data()) for row in range(proxy.rowCount())]

    try:
        assert live.watcher.ready.wait(10)
        live.stop()  # the connection is lost: nothing is heard meanwhile
        assert "Lima housing ministry" in names()
        version = editing.stored(database, Delegation, lima).version
        editing.change(database, Delegation, lima, {"name": "Lima ministry of housing"}, version)
        with qtbot.waitSignal(live.applied, timeout=10_000):
            live.noticed.emit(ChangeNotice("", catch_up=True))  # back: read everything
        qtbot.waitUntil(
            lambda: manager.lists_ready() and "Lima ministry of housing" in names(),
            timeout=10_000,
        )
        assert "Lima housing ministry" not in names()
    finally:
        live.stop()
        window.tasks.wait_for_done()
        database.close()


def test_the_windows_own_demo_load_is_not_announced_as_a_colleagues_change(
    qtbot: QtBot, database_url: str, make_window: Callable[[Database], MainWindow]
) -> None:
    """Loading the demo writes some sixty records; the window hears them as it hears any
    commit. Before, "root changed 65 records" (root being this very coordinator) replaced
    "Loaded the demo program" within a moment, and on PostgreSQL the whole program was
    read a second time. A colleague's change after it is still announced."""
    from cpp_scheduler.services.live import ChangeNotice

    database = open_database(database_url)
    window = make_window(database)
    live = start_live_refresh(window)
    messages: list[str] = []
    notices: list[ChangeNotice] = []
    window.statusBar().messageChanged.connect(messages.append)
    live.noticed.connect(notices.append)
    try:
        assert live.watcher.ready.wait(10)
        window.load_demo()
        qtbot.waitUntil(
            lambda: any(said.startswith("Loaded the demo program") for said in messages),
            timeout=30_000,
        )
        rows_read(window)
        event_id = window.events.row_at(0).event_id
        _colleague_renames(database_url, event_id)
        renamed = "Ravi Menon changed event 'Renamed by Ravi'"
        qtbot.waitUntil(lambda: renamed in messages, timeout=10_000)
        rows_read(window)
    finally:
        live.stop()
        window.tasks.wait_for_done()
        database.close()
    # The demo's own line counts its "changed occurrences": no change of a colleague's.
    assert [
        message
        for message in messages
        if "changed" in message and not message.startswith("Loaded the demo program")
    ] == [renamed]
    assert not any(notice.catch_up for notice in notices)
    assert _title(window, event_id) == "Renamed by Ravi"
