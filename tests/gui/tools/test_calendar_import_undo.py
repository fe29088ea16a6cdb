"""Undoing (and redoing) a calendar import of hundreds of events runs in the window's
background: the window answers meanwhile, editing waits for it, and the calendar follows
once it is done; a refused undo leaves the import on the stack, done."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from conftest import JANUARY_NINE_TOKYO, import_through_tool, reported_errors, settle, tools_of
from gui_support import reads_held
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.commands import CreateRecord
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.import_calendar import ImportCalendarCommand, ImportDialog
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database
from tests.services.test_calendar_import_large import _calendar

EVENTS = 300


def _imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> tuple[ImportDialog, ImportCalendarCommand]:
    """A file of a few hundred events imported through the tool, as a coordinator does."""
    path = tmp_path / "partners.ics"
    path.write_bytes(_calendar(EVENTS))
    dialog = import_through_tool(qtbot, window, path)
    assert dialog.command is not None
    return dialog, dialog.command


def _listed(window: MainWindow, command: ImportCalendarCommand) -> int:
    """How many of the imported events the calendar lists."""
    created = set(command.created_ids)
    return len({row.event_id for row in window.events.rows()} & created)


def _stored(database: Database) -> int:
    with database.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Event).where(Event.uid.like("large-%")))
            or 0
        )


def test_undo_of_a_large_import_runs_in_the_background_and_redo_brings_it_back(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    window = open_window()
    _dialog, command = _imported(qtbot, window, tmp_path)
    created = len(command.created_ids)
    assert created == EVENTS
    assert _listed(window, command) == created

    with reads_held(window.tasks):  # the undo's work waits, as a long one runs
        window.undo_action.trigger()
        # The undo returned before the events were deleted: still listed, and the
        # window takes no other step.
        assert _listed(window, command) == created
        assert window.editor.working == "Undo Import partners.ics"
        other = CreateRecord(
            window.editor,
            Event,
            {"title": "Side", "start_utc": JANUARY_NINE_TOKYO, "end_utc": JANUARY_NINE_TOKYO},
            "Side meeting",
        )
        with pytest.raises(SchedulerError, match=r"Wait until “Undo Import partners\.ics” is"):
            window.editor.execute(other)
        # Once it has run a while, the window says what it does.
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Undo Import partners.ics…")
        assert not window.progress.isHidden()
        assert not window.undo_action.isEnabled()
        assert not window.redo_action.isEnabled()
        assert not window.actions_by_name["new_event"].isEnabled()

    settle(qtbot, window)
    assert _stored(sqlite_database) == 0
    assert _listed(window, command) == 0
    assert window.editor.working is None
    assert window.statusBar().currentMessage() == ""
    assert window.redo_action.isEnabled()
    assert window.actions_by_name["new_event"].isEnabled()
    assert window.editor.stack.index() == 0

    window.redo_action.trigger()
    assert _listed(window, command) == 0
    assert not window.redo_action.isEnabled()
    settle(qtbot, window)
    assert _stored(sqlite_database) == EVENTS
    assert _listed(window, command) == created
    assert window.editor.stack.index() == 1
    assert window.undo_action.isEnabled()


def test_a_refused_undo_leaves_the_import_done_and_says_why_in_one_line(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    errors = reported_errors(window, monkeypatch)
    _dialog, command = _imported(qtbot, window, tmp_path)
    renamed = command.created_ids[0]
    version = editing.stored(sqlite_database, Event, renamed).version
    editing.change(sqlite_database, Event, renamed, {"title": "Renamed by a colleague"}, version)

    window.undo_action.trigger()
    settle(qtbot, window)

    assert len(errors) == 1
    title, text = errors[0]
    assert title == "Cannot undo"
    assert text.startswith("Could not undo import partners.ics: ")
    assert "\n" not in text
    assert _stored(sqlite_database) == EVENTS  # nothing was taken back
    assert _listed(window, command) == len(command.created_ids)
    # Still done on the stack, as in the database: Undo offers it again, Redo nothing.
    assert window.editor.stack.index() == 1
    assert window.undo_action.isEnabled()
    assert not window.redo_action.isEnabled()
    assert window.editor.working is None


def _read_for_import(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> ImportDialog:
    """The Import calendar tool with a file of a few hundred events read, not imported."""
    path = tmp_path / "partners.ics"
    path.write_bytes(_calendar(EVENTS))
    dialog = tools_of(window).open_import()
    assert isinstance(dialog, ImportDialog)
    dialog.read(path)
    qtbot.waitUntil(lambda: not dialog.working, timeout=60_000)
    return dialog


def test_an_import_whose_tool_is_closed_midway_is_still_one_undo_step(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    window = open_window()
    dialog = _read_for_import(qtbot, window, tmp_path)
    with reads_held(window.tasks):  # the import waits its turn, as a long one runs
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert window.editor.working == "Import partners.ics"
        dialog.close()  # the coordinator closes the tool: it is deleted
    settle(qtbot, window)
    assert _stored(sqlite_database) == EVENTS
    assert window.editor.stack.undoText() == "Import partners.ics"
    window.undo_action.trigger()
    settle(qtbot, window)
    assert _stored(sqlite_database) == 0


def test_undo_pressed_during_an_import_waits_for_it_and_takes_it_back(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl+Z pressed while the import runs undoes the import once it is written, not
    the step before it, which stays done."""
    window = open_window()
    errors = reported_errors(window, monkeypatch)
    side = CreateRecord(
        window.editor,
        Event,
        {
            "title": "Side meeting",
            "start_utc": JANUARY_NINE_TOKYO,
            "end_utc": JANUARY_NINE_TOKYO + timedelta(hours=1),
        },
        "Side meeting",
    )
    window.editor.execute(side)
    settle(qtbot, window)
    dialog = _read_for_import(qtbot, window, tmp_path)
    with reads_held(window.tasks):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        window.undo_action.trigger()
    settle(qtbot, window)
    assert errors == []
    assert _stored(sqlite_database) == 0  # the import, taken back whole
    with sqlite_database.session() as session:
        assert session.scalar(select(Event.title).where(Event.title == "Side meeting"))
    assert window.editor.stack.redoText() == "Import partners.ics"
    assert window.editor.stack.undoText() == "Create event 'Side meeting'"
