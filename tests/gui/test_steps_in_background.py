"""Every step does its work off the GUI thread, its first run as its undo and redo: the
window keeps answering while a colleague holds the database, a quick step never greys
the window, steps asked meanwhile queue, and Undo pressed again while one runs waits its
turn on the stack."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from gui_support import JANUARY_NINE_TOKYO, Messages, reads_held, rows_read
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing


def _event_id(window: MainWindow, title: str) -> str:
    with window.database.session() as session:
        return session.query(Event).filter_by(title=title).one().id


def _start(window: MainWindow, event_id: str) -> object:
    return editing.stored(window.database, Event, event_id).values["start_utc"]


MOVED = JANUARY_NINE_TOKYO + timedelta(hours=3)


def _kobe_moved(window: MainWindow) -> str:
    """The Kobe workshop dragged three hours later, saved and shown; its id."""
    kobe = _event_id(window, "Kobe DRR workshop")
    window.move_event(kobe, MOVED, MOVED + timedelta(hours=2))
    rows_read(window)
    return kobe


@contextmanager
def _colleague_holds_the_file(window: MainWindow) -> Iterator[list[int]]:
    """A colleague's save holds the SQLite file until the block ends; meanwhile a timer
    ticks every 10 ms if the window keeps handling its events (the ticks, yielded)."""
    colleague = sqlite3.connect(str(window.database.engine.url.database), isolation_level=None)
    colleague.execute("BEGIN IMMEDIATE")
    ticks: list[int] = []
    clock = QTimer()
    clock.timeout.connect(lambda: ticks.append(1))
    clock.start(10)
    try:
        yield ticks
    finally:
        clock.stop()
        colleague.execute("COMMIT")
        colleague.close()


def test_an_undo_waiting_for_a_colleagues_lock_leaves_the_window_answering(
    window: MainWindow, messages: Messages, qtbot: QtBot
) -> None:
    kobe = _kobe_moved(window)
    with _colleague_holds_the_file(window) as ticks:
        window.undo_action.trigger()
        # The window keeps handling its events while the undo waits for the lock.
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=3_000)
        assert window.editor.working is not None
        assert _start(window, kobe) == MOVED
    rows_read(window)
    assert messages.errors == []
    assert _start(window, kobe) == JANUARY_NINE_TOKYO
    assert window.redo_action.isEnabled()


def test_a_quick_undo_never_greys_the_window(
    window: MainWindow, messages: Messages, qtbot: QtBot
) -> None:
    kobe = _kobe_moved(window)
    new_event = window.actions_by_name["new_event"]
    seen: list[bool] = []
    new_event.changed.connect(lambda: seen.append(new_event.isEnabled()))

    window.undo_action.trigger()
    rows_read(window)

    assert _start(window, kobe) == JANUARY_NINE_TOKYO
    assert False not in seen
    assert window.statusBar().currentMessage() == ""
    assert messages.errors == []


def test_undo_pressed_again_while_a_step_runs_is_taken_after_it(
    window: MainWindow, messages: Messages, qtbot: QtBot
) -> None:
    kobe = _event_id(window, "Kobe DRR workshop")
    visit = _event_id(window, "Smart city site visit")
    first = JANUARY_NINE_TOKYO + timedelta(hours=3)
    second = JANUARY_NINE_TOKYO + timedelta(hours=6)
    window.move_event(kobe, first, first + timedelta(hours=2))
    rows_read(window)
    window.move_event(visit, second, second + timedelta(hours=2))
    rows_read(window)
    stack = window.editor.stack
    assert stack.index() == 2

    with reads_held(window.tasks):
        stack.undo()  # the visit's move: waits behind the long read
        stack.undo()  # pressed again at once: waits until the first has run
        qtbot.waitUntil(lambda: stack.index() == 1)
        assert window.editor.undoing
    rows_read(window)
    qtbot.waitUntil(lambda: stack.index() == 0 and window.editor.working is None)
    rows_read(window)
    assert _start(window, visit) == JANUARY_NINE_TOKYO + timedelta(hours=1)
    assert _start(window, kobe) == JANUARY_NINE_TOKYO
    assert not window.editor.undoing
    assert messages.errors == []


def test_ctrl_z_right_after_a_drop_undoes_the_drop_once_it_is_saved(
    window: MainWindow, messages: Messages, qtbot: QtBot
) -> None:
    """Before, Ctrl+Z pressed while the drop still waited for the database did nothing
    (the drop was not on the stack yet, and the step before it could not be undone
    meanwhile): the press was dropped without a word."""
    visit = _event_id(window, "Smart city site visit")
    earlier = JANUARY_NINE_TOKYO + timedelta(hours=6)
    window.move_event(visit, earlier, earlier + timedelta(hours=2))
    rows_read(window)
    kobe = _event_id(window, "Kobe DRR workshop")
    with _colleague_holds_the_file(window) as ticks:
        window.move_event(kobe, MOVED, MOVED + timedelta(hours=2))
        window.undo_action.trigger()
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=3_000)
        assert _start(window, kobe) == JANUARY_NINE_TOKYO  # not saved yet
    qtbot.waitUntil(
        lambda: (
            window.editor.stack.index() == 1
            and window.editor.stack.count() == 2
            and window.editor.working is None
        ),
        timeout=10_000,
    )
    rows_read(window)
    assert _start(window, kobe) == JANUARY_NINE_TOKYO
    assert _start(window, visit) == earlier
    assert window.redo_action.text().startswith("Redo Move 'Kobe DRR workshop'")
    assert {row.event_id: row.start_utc for row in window.events.rows()}[kobe] == (
        JANUARY_NINE_TOKYO
    )
    assert messages.errors == []


def test_a_drag_waiting_for_a_colleagues_lock_shows_where_it_landed_and_saves_after(
    window: MainWindow, messages: Messages, qtbot: QtBot
) -> None:
    kobe = _event_id(window, "Kobe DRR workshop")
    visit = _event_id(window, "Smart city site visit")
    with _colleague_holds_the_file(window) as ticks:
        window.move_event(kobe, MOVED, MOVED + timedelta(hours=2))
        # A second drag, of another event, while the first waits: queued behind it.
        window.move_event(visit, MOVED, MOVED + timedelta(hours=2))
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=3_000)
        shown = {row.event_id: row.start_utc for row in window.events.rows()}
        assert (shown[kobe], shown[visit]) == (MOVED, MOVED)  # where they were dropped
        assert _start(window, kobe) == JANUARY_NINE_TOKYO  # not saved yet
        assert window.editor.working is not None
    rows_read(window)
    assert messages.errors == []
    assert (_start(window, kobe), _start(window, visit)) == (MOVED, MOVED)
    assert window.editor.stack.count() == 2
    assert window.undo_action.text().startswith("Undo Move 'Smart city site visit'")
