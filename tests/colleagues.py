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
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from typing import Any

import psycopg
from sqlalchemy import event

from cpp_scheduler.errors import SchedulerError
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


@dataclass
class SaveBetween:
    """What came of a colleague's save started in the middle of another (see
    :func:`colleague_saves_between`).

    Attributes:
        started: set once the colleague's save has begun.
        committed_meanwhile: the colleague's save ended before the other went on (it
            did not wait for anything the other holds).
        waited: the colleague's save waited for a lock the other holds.
        refusal: the colleague's save's refusal, None where it was saved.
    """

    started: threading.Event = field(default_factory=threading.Event)
    committed_meanwhile: bool = False
    waited: bool = False
    refusal: SchedulerError | None = None


WAITED_AT_MOST = 30.0
"""The seconds a save is held for a colleague's to end or to wait for a lock."""


@contextmanager
def colleague_saves_between(
    database: Database,
    colleague: Database,
    save: Callable[[Database], object],
    after: Callable[[str], bool],
) -> Iterator[SaveBetween]:
    """Once ``database`` has run the first statement ``after`` picks (in the middle of a
    save: after its check, before its commit), run ``save(colleague)`` on a thread, on
    the colleague's own connection to a PostgreSQL server, and let ``database``'s save go
    on only once the colleague's has ended or waits for a lock (read from the server's
    ``pg_stat_activity``); at the end of the block, wait for the colleague's save to
    end. What came of it is in the :class:`SaveBetween` yielded."""
    between = SaveBetween()
    ended = threading.Event()
    backends: list[int] = []

    def colleague_statement(_conn: Any, cursor: Any, *_rest: Any) -> None:
        if not backends:
            backends.append(cursor.connection.info.backend_pid)

    def run() -> None:
        try:
            save(colleague)
        except SchedulerError as error:
            between.refusal = error
        finally:
            ended.set()

    worker = threading.Thread(target=run)

    def hold_until_the_colleague_waits(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if between.started.is_set() or not after(statement):
            return
        between.started.set()
        worker.start()
        server = colleague.engine.url.set(drivername="postgresql")
        with psycopg.connect(
            server.render_as_string(hide_password=False), autocommit=True
        ) as admin:
            deadline = time.monotonic() + WAITED_AT_MOST
            while time.monotonic() < deadline:
                if ended.wait(0.01):
                    between.committed_meanwhile = between.refusal is None
                    return
                if backends:
                    waiting = admin.execute(
                        "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                        (backends[0],),
                    ).fetchone()
                    if waiting is not None and waiting[0] == "Lock":
                        between.waited = True
                        return
        raise AssertionError("the colleague's save neither ended nor waited for a lock")

    event.listen(colleague.engine, "before_cursor_execute", colleague_statement)
    event.listen(database.engine, "after_cursor_execute", hold_until_the_colleague_waits)
    try:
        yield between
    finally:
        event.remove(database.engine, "after_cursor_execute", hold_until_the_colleague_waits)
        if between.started.is_set():
            worker.join(timeout=60)
        event.remove(colleague.engine, "before_cursor_execute", colleague_statement)
