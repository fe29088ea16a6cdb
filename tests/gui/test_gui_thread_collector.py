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
