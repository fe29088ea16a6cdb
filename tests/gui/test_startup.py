"""Starting the window: the calendar shows at once, the program follows from the database.

The coordinator sees the week before the database is open; editing waits for the program,
then works; a database that cannot be opened is explained; docks come back where they
were left, though they are made after the window restored its layout.
"""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from gui_support import JANUARY_NINE_TOKYO, add_event, rows_read
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.opening import StoreOpener
from cpp_scheduler.store import Database, open_database

REPOSITORY = Path(__file__).resolve().parents[2]


class HeldOpen:
    """An opener that opens ``path`` only once the test lets it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.release = threading.Event()
        self.opened: list[Database] = []

    def __call__(self) -> Database:
        if not self.release.wait(timeout=20):
            raise TimeoutError("the test never released the database")
        database = open_database(self.path)
        self.opened.append(database)
        return database


@pytest.fixture
def held(program: Database, tmp_path: Path) -> Iterator[HeldOpen]:
    opener = HeldOpen(tmp_path / "program.sqlite")
    yield opener
    opener.release.set()
    for database in opener.opened:
        database.close()


def shown_window(qtbot: QtBot, opener: Callable[[], Database]) -> MainWindow:
    window = MainWindow(opener)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_week_shows_before_the_database_is_open_and_fills_when_it_is(
    held: HeldOpen,
    qtbot: QtBot,
) -> None:
    window = shown_window(qtbot, held)
    week = window.views["week"]
    assert window.view_stack.currentWidget() is week
    assert week.isVisible()
    assert "opening" in window.windowTitle()
    assert window.database_label.text() == "Opening the program…"
    assert not window.program_open
    # Nothing that changes the program can be started yet, and nothing breaks if tried.
    assert not window.new_action.isEnabled()
    assert not window.import_action.isEnabled()
    assert not window.program_actions["delegation"].isEnabled()
    assert not window.tools_menu.isEnabled()
    window.new_event()  # a double-click on the grid
    assert window.undo_action.isEnabled() is False

    with qtbot.waitSignal(window.eventsLoaded, timeout=20_000):
        held.release.set()
    assert window.program_open
    assert window.new_action.isEnabled()
    assert window.tools_menu.isEnabled()
    assert window.database_label.text() == f"Database: {held.opened[0].name}"
    assert held.opened[0].name in window.windowTitle()
    titles = [window.events.row_at(row).title for row in range(window.events.rowCount())]
    assert "Kobe DRR workshop" in titles
    window.go_to(JANUARY_NINE_TOKYO.date())
    assert "Kobe DRR workshop" in [block.row.title for block in week.blocks()]  # type: ignore[attr-defined]
    for name in ("conflictsDock", "localTimesDock"):
        dock = window.findChild(QDockWidget, name)
        assert dock is not None
        assert dock.isVisible(), name
    assert [action.objectName() for action in window.tools_menu.actions()][:2] == [
        "find_time",
        "tour_builder",
    ]


def test_edits_made_once_the_program_arrives_can_be_undone(
    held: HeldOpen,
    qtbot: QtBot,
) -> None:
    window = shown_window(qtbot, held)
    with qtbot.waitSignal(window.eventsLoaded, timeout=20_000):
        held.release.set()
    window.go_to(JANUARY_NINE_TOKYO.date())
    row = next(
        window.events.row_at(number)
        for number in range(window.events.rowCount())
        if window.events.row_at(number).title == "Kobe DRR workshop"
    )
    window.move_event(
        row.event_id, row.start_utc + timedelta(hours=1), row.end_utc + timedelta(hours=1)
    )
    rows_read(window)
    assert window.undo_action.isEnabled()
    assert window.undo_action.text().startswith("Undo Move 'Kobe DRR workshop'")
    window.undo_action.trigger()
    rows_read(window)
    moved_back = next(
        window.events.row_at(number)
        for number in range(window.events.rowCount())
        if window.events.row_at(number).event_id == row.event_id
    )
    assert moved_back.start_utc == row.start_utc


def test_a_database_that_cannot_be_opened_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "program.sqlite"

    def opener() -> Database:
        return open_database(missing)

    explained: list[tuple[str, str]] = []
    window = MainWindow(opener)
    window.report_fatal = lambda title, message: explained.append(  # type: ignore[method-assign]
        (title, message)
    )
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.openFailed, timeout=20_000) as failed:
        window.show()
    assert str(missing.parent) in failed.args[0]
    assert explained == [("CPP Scheduler cannot open the database", failed.args[0])]
    assert window.database_label.text() == "No program open"
    assert not window.program_open
    assert not window.new_action.isEnabled()


def test_a_hidden_dock_stays_hidden_though_it_is_made_after_the_layout_is_restored(
    program: Database,
    held: HeldOpen,
    qtbot: QtBot,
    settings_folder: Path,
) -> None:
    first = MainWindow(program)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    conflicts = first.findChild(QDockWidget, "conflictsDock")
    assert conflicts is not None
    assert conflicts.isVisible()
    conflicts.hide()
    local_times = first.findChild(QDockWidget, "localTimesDock")
    assert local_times is not None
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, local_times)
    first.close()
    QSettings().sync()

    second = shown_window(qtbot, held)
    with qtbot.waitSignal(second.programOpened, timeout=20_000):
        held.release.set()
    conflicts = second.findChild(QDockWidget, "conflictsDock")
    local_times = second.findChild(QDockWidget, "localTimesDock")
    assert conflicts is not None
    assert local_times is not None
    assert not conflicts.isVisible()
    assert local_times.isVisible()
    assert second.dockWidgetArea(local_times) == Qt.DockWidgetArea.LeftDockWidgetArea


def _printed_by(script: str) -> str:
    """What ``script`` prints, run in a new process of its own (offscreen), where no
    module the test process has loaded already is loaded."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    return done.stdout.strip()


def _modules_read_by(loaded: str, imported: str) -> str:
    """The modules free of Qt and of the window that ``imported`` loads in a new process
    (offscreen) once the window's modules and ``loaded`` (what has run off the GUI
    thread by then) are in."""
    return _printed_by(
        "import sys\n"
        "import cpp_scheduler.gui.app, cpp_scheduler.gui.mainwindow\n"
        f"{textwrap.dedent(loaded)}\n"
        "before = set(sys.modules)\n"
        f"import {imported}\n"
        "read = sorted(name for name in set(sys.modules) - before\n"
        "              if not name.startswith(('PySide6', 'shiboken6', 'cpp_scheduler.gui')))\n"
        "print(','.join(read))\n"
    )


def test_starting_the_window_does_not_load_the_database_layer_or_the_engine() -> None:
    """What the first paint waits for: Qt and the calendar, not SQLAlchemy, the
    engine's holidays, the calendar-file or the program-file libraries."""
    script = textwrap.dedent("""
        import sys
        from cpp_scheduler.cli import window_arguments
        assert window_arguments(["--db", "program.sqlite"]).db == "program.sqlite"
        import cpp_scheduler.gui.app, cpp_scheduler.gui.mainwindow
        heavy = sorted(name for name in ("sqlalchemy", "alembic", "holidays", "icalendar",
                                         "jsonschema", "cpp_scheduler.store",
                                         "cpp_scheduler.scheduling", "cpp_scheduler.cli.demo",
                                         "cpp_scheduler.gui.tools", "cpp_scheduler.gui.dialogs")
                       if name in sys.modules)
        print(",".join(heavy))
    """)
    assert _printed_by(script) == ""


def test_attaching_the_tools_reads_no_module_the_engine_could_have_loaded_before() -> None:
    """The tools are attached on the GUI thread once the engine's modules are in: every
    module free of Qt they import (the printed documents' PDF reader among them, a fifth
    of a second) was loaded off the GUI thread with the engine, so the calendar, showing
    the period on screen by then, does not freeze while they are attached."""
    loaded = """
        from cpp_scheduler.gui.opening import load_the_engine
        load_the_engine()
    """
    assert _modules_read_by(loaded, "cpp_scheduler.gui.tools") == ""


def test_every_zone_can_be_chosen_while_the_program_is_still_opening(
    held: HeldOpen,
    qtbot: QtBot,
) -> None:
    window = shown_window(qtbot, held)
    selector = window.zone_selector
    assert selector.choices.row_of("Asia/Tokyo") >= 0
    line = selector.combo.lineEdit()
    assert line is not None
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    assert selector.choices.row_of("Asia/Kathmandu") >= 0
    line.selectAll()
    qtbot.keyClicks(line, "Asia/Kathmandu")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.display_zone == "Asia/Kathmandu"
    assert "UTC+05:45" in selector.in_use.text()
    assert not window.program_open
    with qtbot.waitSignal(window.eventsLoaded, timeout=20_000):
        held.release.set()
    assert window.display_zone == "Asia/Kathmandu"  # the program arrives in the zone chosen


def test_every_view_can_be_chosen_while_the_program_opens_and_fills_when_it_arrives(
    held: HeldOpen,
    qtbot: QtBot,
) -> None:
    window = shown_window(qtbot, held)
    for name in ("day", "week", "month", "agenda", "venues"):
        window.view_actions[name].trigger()  # the toolbar's button, or Ctrl+number
        assert window.current_view_name == name
        assert window.current_view.isVisible()
    with qtbot.waitSignal(window.eventsLoaded, timeout=20_000):
        held.release.set()
    timeline = window.views["venues"]
    assert "TDLC Meeting Room A" in [venue.name for venue in timeline.venues]  # type: ignore[attr-defined]


def test_an_unexpected_failure_while_opening_goes_to_the_error_handler_and_ends(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def opener() -> Database:
        raise RuntimeError("the disk went away")

    handled: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, error, _trace: handled.append(error))
    window = MainWindow(opener)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.openFailed, timeout=20_000) as failed:
        window.show()
    assert failed.args == ["the disk went away"]
    assert [str(error) for error in handled] == ["the disk went away"]
    assert window.database_label.text() == "No program open"


def test_the_period_on_screen_arrives_first_and_editing_waits_for_the_whole_program(
    held: HeldOpen,
    qtbot: QtBot,
) -> None:
    """The week paints with its events before the rest of a large program is read; an
    edit can only start once every event is there, so no older read replaces it."""
    window = shown_window(qtbot, held)
    window.go_to(JANUARY_NINE_TOKYO.date())

    def titles() -> set[str]:
        return {window.events.row_at(row).title for row in range(window.events.rowCount())}

    with qtbot.waitSignal(window.programOpened, timeout=20_000):
        held.release.set()
    assert "Kobe DRR workshop" in titles()
    assert "Summer conference" not in titles()  # July: not on screen, read behind
    assert not window.new_action.isEnabled()
    with qtbot.waitSignal(window.eventsLoaded, timeout=20_000):
        pass
    assert "Summer conference" in titles()
    assert window.new_action.isEnabled()
    assert window.tools_menu.isEnabled()


class HeldStoreOpener(StoreOpener):
    """The application's opener, whose open waits until the test lets it: its glance at
    the file does not."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.release = threading.Event()
        self.opened: list[Database] = []

    def __call__(self) -> Database:
        if not self.release.wait(timeout=20):
            raise TimeoutError("the test never released the database")
        database = super().__call__()
        self.opened.append(database)
        return database


@contextmanager
def glancing_window(qtbot: QtBot, path: Path) -> Iterator[tuple[MainWindow, HeldStoreOpener]]:
    """The application's window on ``path``, on the week of 9 January 2027: it glances
    at the file at once, and opens the database when the opener is released."""
    opener = HeldStoreOpener(path)
    window = MainWindow(opener)
    qtbot.addWidget(window)
    window.go_to(JANUARY_NINE_TOKYO.date())
    window.show()
    try:
        qtbot.waitUntil(lambda: window.events.rowCount() > 0, timeout=20_000)
        yield window, opener
    finally:
        opener.release.set()
        window.close()
        window.tasks.wait_for_done()
        for database in opener.opened:
            database.close()


def test_the_week_shows_its_events_before_the_database_opens_and_editing_waits(
    program: Database, tmp_path: Path, qtbot: QtBot
) -> None:
    """The application's window glances at the file: the week on screen shows its
    events while the database is still opening; nothing can be edited until the whole
    program is read."""
    program.close()
    with glancing_window(qtbot, tmp_path / "program.sqlite") as (window, opener):
        week = window.views["week"]
        shown = {block.row.title for block in week.blocks()}  # type: ignore[attr-defined]
        assert {"Kobe DRR workshop", "Smart city site visit"} <= shown
        titles = {window.events.row_at(row).title for row in range(window.events.rowCount())}
        assert "Summer conference" not in titles  # July: read once the program is open
        assert not window.program_open
        assert not window.new_action.isEnabled()
        assert not window.tools_menu.isEnabled()
        workshop = next(b.row for b in week.blocks() if b.row.title == "Kobe DRR workshop")  # type: ignore[attr-defined]
        window.edit_event(workshop.event_id)  # a double-click on its block: nothing opens
        hour = timedelta(hours=1)
        window.move_event(workshop.event_id, workshop.start_utc + hour, workshop.end_utc + hour)
        assert not window.undo_action.isEnabled()  # a drag: nothing moved
        with qtbot.waitSignal(window.eventsLoaded, timeout=20_000):
            opener.release.set()
        titles = {window.events.row_at(row).title for row in range(window.events.rowCount())}
        assert "Summer conference" in titles
        assert window.new_action.isEnabled()


def test_a_file_the_program_refuses_is_explained_in_one_line_after_a_glance(
    qtbot: QtBot, tmp_path: Path
) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("minutes of the steering committee\n")
    explained: list[tuple[str, str]] = []
    window = MainWindow(StoreOpener(str(text)))
    window.report_fatal = lambda title, message: explained.append(  # type: ignore[method-assign]
        (title, message)
    )
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.openFailed, timeout=20_000) as failed:
        window.show()
    assert explained == [("CPP Scheduler cannot open the database", failed.args[0])]
    assert "\n" not in failed.args[0]
    assert str(text) in failed.args[0]
    assert "not a SQLite file" in failed.args[0]
    assert window.events.rowCount() == 0


def test_a_database_opened_from_the_file_menu_shows_its_week_before_it_opens(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Open database: the new window glances at the file as the first window
    does, so its week shows its events while the database is still opening."""
    from cpp_scheduler.gui import filemenu

    location = tmp_path / "toyama program.sqlite"
    other_program = open_database(location)
    add_event(other_program, "Toyama compact city talk", JANUARY_NINE_TOKYO, 2)
    add_event(other_program, "Toyama summer forum", JANUARY_NINE_TOKYO + timedelta(days=180))
    other_program.close()
    release = threading.Event()
    opening = threading.Event()
    opens = StoreOpener.__call__

    def held_open(opener: StoreOpener) -> Database:
        opening.set()
        if not release.wait(timeout=20):
            raise TimeoutError("the test never released the database")
        return opens(opener)

    monkeypatch.setattr(StoreOpener, "__call__", held_open)
    opened = filemenu.open_in_new_window(window, str(location))
    opened.go_to(JANUARY_NINE_TOKYO.date())  # before its first paint starts the open
    try:
        qtbot.waitUntil(lambda: opened.events.rowCount() > 0, timeout=20_000)
        week = opened.views["week"]
        assert "Toyama compact city talk" in {block.row.title for block in week.blocks()}  # type: ignore[attr-defined]
        assert opening.is_set()  # the open has begun, and waits
        with pytest.raises(RuntimeError, match="still opening"):
            _ = opened.database
        assert not opened.new_action.isEnabled()
        with qtbot.waitSignal(opened.eventsLoaded, timeout=20_000):
            release.set()
        titles = {opened.events.row_at(row).title for row in range(opened.events.rowCount())}
        assert "Toyama summer forum" in titles
        assert opened.database.name == str(location)
    finally:
        release.set()
        opened.close()


def test_a_name_in_the_preferences_that_cannot_be_used_does_not_keep_the_program_shut(
    program: Database, qtbot: QtBot, settings_folder: Path, tmp_path: Path
) -> None:
    # A settings file edited by hand (or by an older version) holds a name the history
    # refuses: the program opens all the same, under the user name, and says why.
    from cpp_scheduler.gui import settings as options
    from cpp_scheduler.gui.app import listen_for_changes

    options.open_settings().setValue(options.AUTHOR, "Aiko\nTanaka")
    window = MainWindow(StoreOpener(str(tmp_path / "program.sqlite")))
    window.programOpened.connect(lambda: listen_for_changes(window))
    refusals: list[str] = []
    window.report_fatal = lambda _title, message: refusals.append(message)  # type: ignore[method-assign]
    warnings: list[tuple[str, str]] = []
    window.report_error = lambda title, message: warnings.append((title, message))  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.program_open or bool(refusals), timeout=20_000)
    assert refusals == []
    assert window.database.author == getpass.getuser()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    ((title, said),) = warnings
    assert title == "Cannot use this name"
    assert "Aiko\\nTanaka" in said
    assert getpass.getuser() in said
    assert "\n" not in said
    window.tasks.wait_for_done()


def test_editing_waits_for_the_program_and_not_for_the_tools_modules(
    held: HeldOpen,
    qtbot: QtBot,
) -> None:
    """Once the engine is in, the rest of the program is read before the tools' modules
    (calendar files, reports, the zone catalogue) are loaded, all in the one worker of
    the window: editing, which waits for the program, does not wait for them too."""
    window = shown_window(qtbot, held)
    asked: list[str] = []
    run = window.tasks.run_in_background

    def noted(function: Callable[[], object], *callbacks: Callable[..., None]) -> None:
        asked.append(getattr(function, "__name__", ""))
        run(function, *callbacks)

    window.tasks.run_in_background = noted  # type: ignore[method-assign]
    with qtbot.waitSignal(window.eventsLoaded, timeout=20_000):
        held.release.set()
    assert window.new_action.isEnabled()
    assert "load_the_tools" in asked
    assert asked.index("read") < asked.index("load_the_tools")


def test_a_zone_picker_made_once_the_tools_are_in_reads_no_zone() -> None:
    """The zone catalogue every editor's zone picker lists, some 400 zones each read
    from the database for its offset now, is read with the tools' modules, off the GUI
    thread: the first editor opened reads none of it."""
    script = textwrap.dedent("""
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from cpp_scheduler import timezones
        from cpp_scheduler.gui.opening import load_the_tools
        from cpp_scheduler.gui.widgets.zone_picker import ZonePicker
        load_the_tools()
        read = timezones.zone.cache_info().misses
        picker = ZonePicker()
        print(picker.count(), timezones.zone.cache_info().misses - read)
    """)
    count, read = _printed_by(script).split()
    assert int(count) > 400
    assert read == "0"


def test_opening_an_editor_reads_no_module_the_tools_could_have_loaded_before() -> None:
    """The modules free of Qt behind the editors (drafts' local times, series, answers,
    the roles that say who may change the program) are loaded off the GUI thread with
    the tools: the first editor opened imports only its own widgets."""
    loaded = """
        from cpp_scheduler.gui.opening import load_the_engine, load_the_tools
        load_the_engine()
        load_the_tools()
        import cpp_scheduler.gui.tools
    """
    assert _modules_read_by(loaded, "cpp_scheduler.gui.dialogs") == ""


def test_the_week_glanced_at_holds_a_saved_delegations_meetings_naming_a_member(
    program: Database, tmp_path: Path, qtbot: QtBot
) -> None:
    """A delegation chosen in the sidebar is kept with its members: the week first
    painted at start-up, before the database opens, already holds a meeting naming one
    of them alone, as the delegation's schedule lists it; one naming nobody of it is
    left out."""
    from cpp_scheduler.gui import settings as options
    from cpp_scheduler.model import Delegation, Participant
    from cpp_scheduler.model.event_filter import EventFilter
    from cpp_scheduler.services import editing

    lima = editing.create(
        program, Delegation, {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    )
    rosa = editing.create(
        program,
        Participant,
        {"name": "Rosa Quispe", "email": "rosa@example.org", "delegation_id": lima},
    )
    add_event(
        program, "Rosa's talk", JANUARY_NINE_TOKYO + timedelta(hours=4), participant_ids=[rosa]
    )
    program.close()
    chosen = EventFilter(delegation_id=lima, delegation_members=frozenset({rosa}))
    settings = options.open_settings()
    options.write_dict(settings, options.FILTERS, chosen.as_settings())
    settings.sync()
    with glancing_window(qtbot, tmp_path / "program.sqlite") as (window, opener):
        week = window.views["week"]
        assert not window.program_open
        assert {block.row.title for block in week.blocks()} == {"Rosa's talk"}  # type: ignore[attr-defined]
        with qtbot.waitSignal(window.eventsLoaded, timeout=20_000):
            opener.release.set()
        assert window.proxy.event_filter == chosen
        assert {block.row.title for block in week.blocks()} == {"Rosa's talk"}  # type: ignore[attr-defined]
