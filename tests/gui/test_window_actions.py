"""The main window's commands: the table of actions, the zone always in reach, the
window going where the work is, counts that match the views, and the File menu."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from gui_support import JANUARY_NINE_TOKYO, DialogScript, Messages, rows_read
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui import filemenu
from cpp_scheduler.gui import settings as options
from cpp_scheduler.gui.actions import ACTIONS
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.timegrid import TimeGridView
from cpp_scheduler.model import EventKind
from cpp_scheduler.services import calendar_reads
from cpp_scheduler.store import Database

LONG_TITLE = (
    "Videoconference: Kathmandu, Lima and Nairobi on financing resilient municipal "
    "infrastructure after the monsoon season"
)
SHORTENED_TITLE = LONG_TITLE[:59] + "…"


def new_event_values(title: str, days: int = 2) -> dict[str, object]:
    start = JANUARY_NINE_TOKYO + timedelta(days=days, hours=5)
    return {
        "title": title,
        "kind": EventKind.VIDEOCONFERENCE,
        "start_utc": start,
        "end_utc": start + timedelta(hours=1),
    }


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def events_the_week_shows(window: MainWindow) -> int:
    """How many events the week shows, once the rows of the last changes are read."""
    rows_read(window)
    week = window.views["week"]
    assert isinstance(week, TimeGridView)
    shown = {block.row.event_id for block in week.blocks()}
    shown |= {row.event_id for row, _first, _last in week.all_day()}
    return len(shown)


def count_text(events: int) -> str:
    return f"{events} {'event' if events == 1 else 'events'} in view"


def test_every_declared_action_is_built_with_its_name_and_keys(window: MainWindow) -> None:
    for spec in ACTIONS:
        action = window.actions_by_name[spec.name]
        assert action.objectName() == spec.name
        assert action.text() == spec.text
        assert len(action.shortcuts()) == len(spec.keys)
    assert window.actions_by_name["show_times_in"].shortcut().toString() == "Ctrl+Shift+T"
    assert window.edit_action.shortcuts()[0].toString() == "Return"
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert window.zone_action in view_menu.actions()


@pytest.mark.parametrize("width", [720, 1366, 1920])
def test_the_zone_selector_stays_in_sight_beside_the_title_at_every_width(
    window: MainWindow, dialogs: DialogScript, width: int
) -> None:
    dialogs.answers.append(new_event_values(LONG_TITLE))
    window.new_action.trigger()
    rows_read(window)
    # The Edit menu names the step by the title shortened to 60 characters, on one line.
    assert window.undo_action.text() == f"Undo Create event '{SHORTENED_TITLE}'"
    window.resize(width, 700)
    settle()
    undo_button = window.toolbar.widgetForAction(window.actions_by_name.undo_button)
    if undo_button is not None:  # at 720 px the toolbar's last buttons may overflow
        assert undo_button.text() == "Undo"
        assert undo_button.toolTip() == f"Undo Create event '{SHORTENED_TITLE}'"
    combo = window.zone_selector.combo
    assert combo.isVisible()
    assert window.zone_selector.in_use.isVisible()
    assert not window.toolbar.isAncestorOf(combo)
    top_left = combo.mapTo(window, combo.rect().topLeft())
    assert window.rect().contains(QRect(top_left, combo.size()))
    assert window.zone_selector.in_use.text() == "Times in Asia/Tokyo (UTC+09:00)"


def test_view_show_times_in_puts_the_cursor_in_the_selector(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.activateWindow()
    window.zone_action.trigger()
    combo = window.zone_selector.combo
    qtbot.waitUntil(lambda: combo.hasFocus() or combo.lineEdit().hasFocus(), timeout=3_000)
    assert combo.lineEdit().selectedText() == combo.currentText()


def test_after_the_demo_the_window_shows_its_first_week_and_says_it_is_done(
    empty_program: Database,
    make_window,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    window: MainWindow = make_window(empty_program)
    with qtbot.waitSignal(window.eventsLoaded, timeout=20_000):
        qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert (window.anchor.year, window.anchor.month) == (2027, 1)
    shown = events_the_week_shows(window)
    assert shown > 0
    assert window.count_label.text() == count_text(shown)
    assert window.statusBar().currentMessage().startswith("Loaded the demo program into ")


def test_the_counts_match_the_views_after_every_edit_undo_and_redo(
    window: MainWindow, dialogs: DialogScript
) -> None:
    def check() -> None:
        shown = events_the_week_shows(window)
        assert window.count_label.text() == count_text(shown)

    check()
    dialogs.answers.append(new_event_values("Yokohama smart city talk"))
    window.new_action.trigger()
    rows_read(window)
    assert events_the_week_shows(window) == 4
    check()
    window.undo_action.trigger()
    rows_read(window)
    check()
    window.redo_action.trigger()
    rows_read(window)
    check()
    kobe = next(row for row in window.events.rows() if row.title == "Kobe DRR workshop")
    window.select_event(kobe.event_id)
    window.delete_action.trigger()  # confirmed by the fixture's answer
    rows_read(window)
    assert events_the_week_shows(window) == 3
    check()
    window.undo_action.trigger()
    rows_read(window)
    assert events_the_week_shows(window) == 4
    check()
    dialogs.answers.append({"title": "Kobe disaster-risk workshop"})
    window.edit_event(kobe.event_id)
    rows_read(window)
    check()
    window.undo_action.trigger()
    rows_read(window)
    check()
    window.redo_action.trigger()
    rows_read(window)
    check()
    assert "the filters let through" not in window.count_label.text()


def test_recent_databases_are_listed_and_open_in_a_new_window(
    program: Database,
    empty_program: Database,
    make_window,  # type: ignore[no-untyped-def]
    qtbot: QtBot,
) -> None:
    other: MainWindow = make_window(empty_program)
    other.close()
    window: MainWindow = make_window(program)
    assert options.recent_databases(window.settings)[:2] == [program.name, empty_program.name]
    filemenu.fill_recent_menu(window)
    entries = {action.text(): action for action in window.recent_menu.actions()}
    assert list(entries) == [program.name, empty_program.name]
    assert not entries[program.name].isEnabled()  # this window's own
    entries[empty_program.name].trigger()
    qtbot.waitUntil(lambda: bool(window.other_windows), timeout=10_000)
    opened = window.other_windows[-1]
    with qtbot.waitSignal(opened.programOpened, timeout=20_000):
        pass
    assert opened.database.name == empty_program.name
    assert opened.windowTitle().endswith(empty_program.name)
    closing_threads: list[threading.Thread] = []
    database = opened.database
    close = database.close

    def closed_where() -> None:
        closing_threads.append(threading.current_thread())
        close()

    database.close = closed_where  # type: ignore[method-assign]
    opened.close()
    assert opened not in window.other_windows
    # Its database is closed, off the GUI thread, which may write SQLite's log back.
    qtbot.waitUntil(lambda: bool(closing_threads), timeout=10_000)
    assert closing_threads[0] is not threading.main_thread()
    closing_threads[0].join(timeout=10)
    assert database.engine.pool.checkedin() == 0


def test_a_recent_database_since_deleted_is_said_gone_not_made_again_empty(
    program: Database,
    empty_program: Database,
    make_window,  # type: ignore[no-untyped-def]
    messages: Messages,
    qtbot: QtBot,
) -> None:
    """A shared file moved or deleted since it was opened: Open recent says so in one
    line and takes it off the list, rather than make a new, empty program where it was."""
    other: MainWindow = make_window(empty_program)
    other.close()
    empty_program.close()
    gone = Path(empty_program.name)
    for path in (gone, *gone.parent.glob(gone.name + "-*")):
        path.unlink()
    window: MainWindow = make_window(program)
    filemenu.fill_recent_menu(window)
    entries = {action.text(): action for action in window.recent_menu.actions()}
    entries[empty_program.name].trigger()
    qtbot.waitUntil(lambda: bool(messages.errors), timeout=10_000)
    assert messages.errors[-1] == (
        "Cannot open the database",
        f"{gone} no longer exists (moved or deleted?); it is taken off Open recent.",
    )
    assert not gone.exists()
    assert window.other_windows == []
    assert empty_program.name not in options.recent_databases(window.settings)
    assert empty_program.name not in [action.text() for action in window.recent_menu.actions()]


def test_the_recent_list_keeps_the_last_eight_newest_first(window: MainWindow) -> None:
    for number in range(10):
        options.remember_database(window.settings, f"/programs/{number}.sqlite")
    options.remember_database(window.settings, "/programs/3.sqlite")
    recent = options.recent_databases(window.settings)
    assert recent[:3] == ["/programs/3.sqlite", "/programs/9.sqlite", "/programs/8.sqlite"]
    assert len(recent) == options.RECENT_LIMIT == 8


def test_the_program_file_exports_and_imports_through_the_file_menu(
    window: MainWindow,
    empty_program: Database,
    make_window,  # type: ignore[no-untyped-def]
    qtbot: QtBot,
    messages: Messages,
    tmp_path: Path,
) -> None:
    program_file = tmp_path / "exported.json"
    with qtbot.waitSignal(
        window.tasks.busyChanged, timeout=10_000, check_params_cb=lambda busy: not busy
    ):
        window.export_program(str(program_file))
    assert program_file.exists()
    assert window.statusBar().currentMessage().startswith("Exported the program of ")
    empty: MainWindow = make_window(empty_program)
    with qtbot.waitSignal(empty.eventsLoaded, timeout=10_000):
        empty.import_program(str(program_file))
    assert empty.events.rowCount() == window.events.rowCount()
    assert messages.questions == []  # an empty program loses nothing: no question
    assert (empty.anchor.year, empty.anchor.month) == (2027, 1)  # its first week
    # Into a program with events, the import is not undoable: asked first.
    messages.answer = False
    program_file.write_text(
        program_file.read_text(encoding="utf-8").replace("Kobe DRR workshop", "Renamed"),
        encoding="utf-8",
    )
    before = len(calendar_reads.load_event_rows(empty_program))
    empty.import_program(str(program_file))
    qtbot.waitUntil(lambda: bool(messages.questions), timeout=10_000)
    # Asked with what ``program import --dry-run`` says the file would change.
    question = messages.questions[-1]
    assert "cannot be undone" in question
    assert "0 created, 1 updated, 0 removed" in question
    assert "updated: event 'Renamed'" in question
    assert not empty.statusBar().currentMessage().startswith("Importing")
    empty.tasks.wait_for_done()  # had it started, the import would be done by now
    rows = calendar_reads.load_event_rows(empty_program)
    assert len(rows) == before
    assert "Renamed" not in {row.title for row in rows}

    # Agreed to, it imports; the same file again changes nothing, and says so unasked.
    messages.answer = True
    with qtbot.waitSignal(empty.eventsLoaded, timeout=10_000):
        empty.import_program(str(program_file))
    assert "Renamed" in {row.title for row in calendar_reads.load_event_rows(empty_program)}
    asked = len(messages.questions)
    empty.import_program(str(program_file))
    qtbot.waitUntil(lambda: "is already in" in empty.statusBar().currentMessage(), timeout=10_000)
    assert len(messages.questions) == asked


def test_open_database_asks_for_a_file_or_a_url_and_opens_it_in_a_new_window(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = filemenu.OpenDatabaseDialog(window)
    qtbot.addWidget(dialog)
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    assert not open_button.isEnabled()  # nothing chosen yet
    location = tmp_path / "another program.sqlite"
    dialog.location.setText(f"  {location}  ")
    assert open_button.isEnabled()
    assert dialog.chosen() == str(location)
    opened = filemenu.open_in_new_window(window, dialog.chosen())
    with qtbot.waitSignal(opened.eventsLoaded, timeout=20_000):
        pass  # opened and read in the background, as the first window is
    assert opened is not window
    assert opened.database.name == str(location)
    assert options.recent_databases(window.settings)[0] == str(location)
    assert opened.welcome_shown  # a new, empty program
    opened.close()
