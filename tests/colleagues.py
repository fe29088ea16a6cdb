"""Processes for colleagues working on one database at the same moment.

Each colleague is a process of its own, as on another coordinator's computer. They are
forked from a server process that loaded the program once (multiprocessing's
``forkserver``): a colleague starts in a few milliseconds, where a process started anew
imports Python, SQLAlchemy and the program for a second or more, and none of them holds
a copy of the test's own Qt application or threads.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from typing import Any

from sqlalchemy import event

from cpp_scheduler.store import Database, authors

LOADED = [
    "sqlalchemy",
    "cpp_scheduler.store",
    "cpp_scheduler.services.editing",
    "cpp_scheduler.services.series",
    "cpp_scheduler.services.calendar_reads",
    "cpp_scheduler.services.calendar_import",
    "cpp_scheduler.services.tours",
    "cpp_scheduler.programfile",
    "cpp_scheduler.ical.importer",
    # The window's modules, which the modules of the window's tests import (a colleague's
    # work is a function of the test's module): loaded, not started.
    "PySide6.QtWidgets",
    "pytestqt.qtbot",
    "cpp_scheduler.gui.mainwindow",
    "cpp_scheduler.gui.live",
]
"""What the server loads before it forks: what the colleagues' work runs, and what the
modules it is written in import."""


def colleagues() -> BaseContext:
    """The context to start colleagues' processes, queues and barriers from."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(LOADED)
    return context


def as_colleague(
    work: Callable[..., object], *arguments: object, author: str | None = None, timeout: float = 60
) -> None:
    """Run ``work(*arguments)`` in a colleague's process, as ``author`` (the name the
    program records for the colleague's saves), and wait until it ends; a failure there
    fails the test with the colleague's error.

    ``work`` is a function of a module the process can import (a test module's own, at
    its top level); what it needs it is given in ``arguments``: texts, numbers."""
    context = colleagues()
    outcome = context.Queue()
    process = context.Process(target=_report, args=(work, arguments, author, outcome))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        raise AssertionError(f"the colleague's {work.__name__} did not end in {timeout} s")
    failure = outcome.get(timeout=10) if process.exitcode == 0 else f"exit {process.exitcode}"
    if failure is not None:
        raise AssertionError(f"the colleague's {work.__name__} failed: {failure}")


def _report(
    work: Callable[..., object], arguments: tuple[object, ...], author: str | None, outcome: Any
) -> None:
    if author is not None:
        os.environ[authors.ENVIRONMENT_VARIABLE] = author
    try:
        work(*arguments)
    except BaseException as error:  # told to the test, which fails with it
        outcome.put(f"{type(error).__name__}: {error}")
    else:
        outcome.put(None)


def _any_select(statement: str) -> bool:
    return statement.lstrip().upper().startswith("SELECT")


@contextmanager
def colleague_saves_after_first_query(
    database: Database, save: Callable[[], None], after: Callable[[str], bool] = _any_select
) -> Iterator[threading.Event]:
    """Run ``save`` on a thread with its own connection as soon as the first SELECT of
    ``database`` has returned (the first statement ``after`` picks), and wait for its
    commit before the read goes on."""
    saved = threading.Event()

    def after_select(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if saved.is_set() or not after(statement):
            return
        saved.set()
        worker = threading.Thread(target=save)
        worker.start()
        worker.join(timeout=60)

    event.listen(database.engine, "after_cursor_execute", after_select)
    try:
        yield saved
    finally:
        event.remove(database.engine, "after_cursor_execute", after_select)
