"""Reference cycles are collected on the GUI thread alone while the window works.

A cycle left by work in the background (a read, a save) used to be collected on the
worker that happened to allocate next; one holding a Qt object then destroyed it off the
GUI thread, and the window crashed at random. Real task manager, real worker threads.
"""

from __future__ import annotations

import gc
import threading
import weakref

from pytestqt.qtbot import QtBot

from cpp_scheduler.gui import collector
from cpp_scheduler.gui.taskman import TaskManager


class _Knot:
    """Two objects that refer to each other: only the cycle collector frees them."""

    def __init__(self) -> None:
        self.other: object = self


def _garbage_cycle_then_allocate(freed_on: list[str]) -> None:
    """Leave a cycle behind, then allocate as a busy worker does: enough new containers
    to start Python's collection many times over, were it allowed to run here."""
    knot = _Knot()
    weakref.finalize(knot, lambda: freed_on.append(threading.current_thread().name))
    del knot
    rows = [[number] for number in range(50_000)]
    assert len(rows) == 50_000


def test_a_workers_garbage_cycle_is_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    tasks = TaskManager()
    assert not gc.isenabled()  # no collection starts in whatever thread allocates
    freed_on: list[str] = []
    done: list[object] = []
    tasks.run_in_background(lambda: _garbage_cycle_then_allocate(freed_on), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert freed_on == []  # the worker allocated plenty, and collected nothing
    qtbot.waitUntil(lambda: bool(freed_on), timeout=10_000)  # the GUI thread's turn
    assert freed_on == [threading.main_thread().name]
    tasks.wait_for_done()


def test_held_collection_waits_and_the_process_gets_its_collector_back(qtbot: QtBot) -> None:
    tasks = TaskManager()
    running = collector.installed()
    assert running is not None
    collector.hold()
    freed: list[bool] = []
    knot = _Knot()
    weakref.finalize(knot, lambda: freed.append(True))
    del knot
    garbage = [[number] for number in range(50_000)]
    assert running.collect_due() == 0  # held: nothing collected mid-way
    assert freed == []
    collector.release()
    del garbage
    qtbot.waitUntil(lambda: bool(freed), timeout=10_000)

    collector.uninstall()
    assert collector.installed() is None
    assert gc.isenabled()
    tasks.wait_for_done()


def test_reading_the_whole_program_holds_the_collection_until_its_rows_are_kept(
    qtbot: QtBot, window
) -> None:
    """A full collection due while the program is read would walk every row being made
    on the GUI thread (a fifth of a second for ten thousand events, in the middle of the
    week a coordinator is reading): it waits until the rows are shown and kept."""
    from gui_support import rows_read

    running = collector.installed()
    assert running is not None
    rows_read(window)
    assert not running.held
    window.reload()
    assert running.held  # from the moment the read is asked
    rows_read(window)
    qtbot.waitUntil(lambda: not running.held, timeout=10_000)
    assert window.events.rowCount() > 0


def test_a_window_closed_while_it_reads_the_program_gives_the_collection_back(
    qtbot: QtBot, program, make_window
) -> None:
    """The answer of a read asked just before the window closes is never heard: the
    collection it held goes on for the windows left open."""
    window = make_window(program)
    running = collector.installed()
    assert running is not None
    window.reload()
    assert running.held
    window.close()
    assert not running.held


def test_a_read_whose_rows_cannot_be_shown_still_gives_the_collection_back(
    qtbot: QtBot, window, monkeypatch
) -> None:
    """Whatever showing the rows meets, the collection held for the read comes back:
    held for the rest of the session, the window's memory would only grow."""
    from gui_support import rows_read

    running = collector.installed()
    assert running is not None
    rows_read(window)

    def cannot_show(rows: object) -> None:
        raise RuntimeError("the rows cannot be shown")

    monkeypatch.setattr(window.events, "set_rows", cannot_show)
    with qtbot.captureExceptions() as raised:
        window.reload()
        assert running.held
        qtbot.waitUntil(lambda: bool(raised), timeout=10_000)
    assert not running.held
