"""A step that fails for a reason nobody expected (a bug, memory running out) ends as a
refused one does: nothing half-written, the dialog back with what was typed, the drag
put back, the next Ctrl+Z taken, editing given back, and one line naming the log.

The failure is a service function of the program's own made to raise; the database,
the window and its widgets are the real ones."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from gui_support import (
    JANUARY_NINE_TOKYO,
    UNEXPECTED,
    DialogScript,
    Messages,
    event_named,
    move_command,
    reads_held,
    rows_read,
)
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui import mainwindow as main_window_module
from cpp_scheduler.gui.commands import CreateRecord
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.opening import StoreOpener
from cpp_scheduler.gui.tools.commands import GroupCommand
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing, removal
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database
from cpp_scheduler.store.errors import DatabaseLockedError


def stored_start(window: MainWindow, record_id: str) -> datetime:
    with window.database.session() as session:
        found = session.get(Event, record_id)
        assert found is not None
        return found.start_utc


def stored_titles(window: MainWindow, pattern: str) -> list[str]:
    with window.database.session() as session:
        return sorted(e.title for e in session.query(Event).filter(Event.title.like(pattern)))


def meetings(window: MainWindow) -> GroupCommand:
    """Three new meetings as one step, as the slot finder creates a series of them."""
    start = JANUARY_NINE_TOKYO + timedelta(days=2)
    commands = [
        CreateRecord(
            window.editor,
            Event,
            {
                "title": f"Follow-up {number}",
                "start_utc": start + timedelta(days=number),
                "end_utc": start + timedelta(days=number, hours=1),
            },
            f"Follow-up {number}",
        )
        for number in range(3)
    ]
    return GroupCommand(window.editor, "Create 3 follow-ups", commands)


def fails_on_call(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, call: int) -> None:
    """Make the ``call``-th call of ``owner.name`` raise a disk error."""
    real = getattr(owner, name)
    calls: list[None] = []

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(None)
        if len(calls) == call:
            raise OSError(5, "Input/output error")
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)


def test_a_dialog_whose_save_fails_unexpectedly_comes_back_with_what_was_typed(
    window: MainWindow,
    dialogs: DialogScript,
    messages: Messages,
    faults: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workshop = event_named(window.database, "Kobe DRR workshop")
    dialogs.answers.append({"title": "Kobe DRR workshop, day two"})
    fails_on_call(monkeypatch, editing, "change", 1)
    window.edit_event(workshop)
    rows_read(window)
    opened = dialogs.opened[-1]
    assert [type(error) for error in faults] == [OSError]  # logged in full
    (title, line), *_ = messages.errors
    assert title == "Cannot save"
    assert UNEXPECTED in line
    assert opened.shown == 2, "the dialog came back to keep what was typed"
    assert window.editor.stack.count() == 0
    assert window.editor.working is None


def test_a_drag_whose_save_fails_unexpectedly_is_put_back(
    window: MainWindow,
    messages: Messages,
    faults: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workshop = event_named(window.database, "Kobe DRR workshop")
    before = stored_start(window, workshop)
    dropped = JANUARY_NINE_TOKYO + timedelta(days=1, hours=1)
    fails_on_call(monkeypatch, editing, "change", 1)
    window.move_event(workshop, dropped, dropped + timedelta(hours=2))
    rows_read(window)
    row = window.events.row_at(window.events.row_of(OccurrenceKey(workshop, None)))
    assert [type(error) for error in faults] == [OSError]
    assert stored_start(window, workshop) == before
    assert row.start_utc == before, "the calendar shows the event where it is stored"
    assert UNEXPECTED in messages.errors[-1][1]
    assert window.editor.stack.count() == 0


def test_several_meetings_failing_midway_leave_none_written(
    window: MainWindow,
    messages: Messages,
    faults: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fails_on_call(monkeypatch, editing, "create_versioned", 2)
    refusals: list[str] = []
    window.editor.execute(meetings(window), refused=lambda error: refusals.append(str(error)))
    rows_read(window)
    assert [type(error) for error in faults] == [OSError]
    assert stored_titles(window, "Follow-up %") == [], "the first meeting was taken back"
    assert window.editor.stack.count() == 0
    assert len(refusals) == 1
    assert UNEXPECTED in refusals[0]


def test_an_undo_of_several_meetings_failing_midway_puts_back_what_it_undid(
    window: MainWindow,
    messages: Messages,
    faults: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.editor.execute(meetings(window))
    rows_read(window)
    assert stored_titles(window, "Follow-up %") == ["Follow-up 0", "Follow-up 1", "Follow-up 2"]
    fails_on_call(monkeypatch, removal, "delete", 2)
    window.undo_action.trigger()
    rows_read(window)
    assert [type(error) for error in faults] == [OSError]
    assert stored_titles(window, "Follow-up %") == ["Follow-up 0", "Follow-up 1", "Follow-up 2"]
    assert window.editor.stack.index() == 1, "the step still stands, as the database does"
    title, line = messages.errors[-1]
    assert title == "Cannot undo"
    assert UNEXPECTED in line
    monkeypatch.undo()  # the disk works again: the same Ctrl+Z now undoes the step
    window.undo_action.trigger()
    rows_read(window)
    assert stored_titles(window, "Follow-up %") == []
    assert window.editor.stack.index() == 0


def test_an_undo_pressed_while_a_step_ends_badly_is_still_taken(
    window: MainWindow, faults: list[BaseException]
) -> None:
    editor = window.editor
    workshop = event_named(window.database, "Kobe DRR workshop")
    visit = event_named(window.database, "Smart city site visit")
    first = JANUARY_NINE_TOKYO + timedelta(hours=3)
    editor.execute(move_command(window, workshop, first, first + timedelta(hours=2)))
    rows_read(window)

    def told_badly() -> None:
        raise KeyError("row")

    later = JANUARY_NINE_TOKYO + timedelta(days=3)
    with reads_held(window.tasks):
        editor.execute(move_command(window, visit, later, later + timedelta(hours=2)), told_badly)
        window.undo_action.trigger()  # Ctrl+Z right after the drop: taken once it is saved
    rows_read(window)
    assert [type(error) for error in faults] == [KeyError]
    assert not editor.undoing, "the press was taken"
    assert stored_start(window, visit) != later, "and undid the move"
    refusals: list[str] = []
    editor.execute(
        move_command(window, workshop, later, later + timedelta(hours=2)),
        refused=lambda error: refusals.append(str(error)),
    )
    rows_read(window)
    assert refusals == [], "the next edit is not told to wait for a step that ended"


@pytest.mark.parametrize(
    "error",
    [DatabaseLockedError("program.sqlite is locked (waited 5 s); try again"), KeyError("theme")],
    ids=["locked", "unexpected"],
)
def test_editing_is_given_back_when_the_whole_program_cannot_be_read(
    program: Database,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
    error: BaseException,
) -> None:
    program.close()

    def failing_read(*_args: object, **_kwargs: object) -> object:
        raise error

    monkeypatch.setattr(main_window_module, "read_program", failing_read)
    window = MainWindow(StoreOpener(str(tmp_path / "program.sqlite")))
    reported: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "report_error", lambda title, text: reported.append((title, text)))
    qtbot.addWidget(window)
    window.go_to(JANUARY_NINE_TOKYO.date())
    window.show()
    try:
        qtbot.waitUntil(lambda: bool(reported), timeout=20_000)
        (title, line), *_ = reported
        assert title == "Cannot read the program"
        assert (
            ("locked" in line) if isinstance(error, DatabaseLockedError) else (UNEXPECTED in line)
        )
        assert window.new_action.isEnabled()
        assert window.tools_menu.isEnabled()
    finally:
        window.close()
        window.tasks.wait_for_done()
        window.database.close()
