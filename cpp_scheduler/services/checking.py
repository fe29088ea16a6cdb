"""The program's conflict check, and a process of its own to run it in.

A whole-program check is about a second of pure Python on a program of 10,000 events. On
a thread of the desktop window's process it holds the interpreter lock against the GUI
thread, and single frames then take several hundred milliseconds; in a separate process
the window only waits for the answer. The process starts on the first check and serves
every later one; where no process can be started, the check runs where it is asked.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timedelta

from cpp_scheduler.scheduling.conflicts import Conflict, find_conflicts
from cpp_scheduler.services.snapshot import load_snapshot
from cpp_scheduler.store import Database, open_database

#: How many databases the checking process keeps open (a window uses one; tests, many).
KEEP_OPEN = 4

#: Findings per parcel sent back. Unpickling holds the interpreter lock for its whole
#: length: thousands of findings in one piece would stall the GUI thread in one go.
PARCEL = 500

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_pool_unavailable = False
_opened: dict[tuple[str, float], Database] = {}
"""In the checking process: the databases it has opened, by URL and timeout."""


def check_program(
    database: Database, start: datetime | None = None, end: datetime | None = None
) -> list[Conflict]:
    """Every conflict of the program, or of those touching ``start``..``end`` (UTC).

    Reads the store in its own session and returns plain values. A range is widened by
    a day each side so neighbours still count.
    """
    with database.session() as session:
        if start is not None and end is not None:
            snapshot = load_snapshot(session, start - timedelta(days=1), end + timedelta(days=1))
        else:
            snapshot = load_snapshot(session)
    return find_conflicts(snapshot, start=start, end=end)


def check_program_apart(
    database: Database, start: datetime | None = None, end: datetime | None = None
) -> list[Conflict]:
    """:func:`check_program`, computed in the checking process; blocks until it is done.

    The checking process opens the same database by its URL (a PostgreSQL schema chosen
    in the URL comes along), and reads what this process has committed.
    """
    global _pool_unavailable
    pool = _checking_pool()
    if pool is not None:
        url = database.url.render_as_string(hide_password=False)
        try:
            parcels = pool.submit(_check_opened, url, database.timeout, start, end).result()
        except (BrokenProcessPool, OSError):
            _pool_unavailable = True  # the process died or cannot start: check here
        else:
            return [conflict for parcel in parcels for conflict in pickle.loads(parcel)]
    return check_program(database, start, end)


def _checking_pool() -> ProcessPoolExecutor | None:
    global _pool
    with _pool_lock:
        if _pool is None and not _pool_unavailable:
            # "spawn": forking a process that runs Qt's threads is not safe.
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_end_with_parent,
            )
        return None if _pool_unavailable else _pool


def _end_with_parent() -> None:
    """In the checking process: end as soon as the program that started it ends, even
    when it is killed and has no time to say so (the process would otherwise outlive it,
    holding the database open)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="end with the program", daemon=True).start()


def _check_opened(
    url: str, timeout: float, start: datetime | None, end: datetime | None
) -> list[bytes]:
    """In the checking process: check the database at ``url``, opened once and kept; the
    findings come back in parcels of :data:`PARCEL`."""
    key = (url, timeout)
    database = _opened.pop(key, None)
    if database is None:
        while len(_opened) >= KEEP_OPEN:
            _opened.pop(next(iter(_opened))).close()
        database = open_database(url, seed=False, timeout=timeout)
    _opened[key] = database  # the most recently used last
    found = check_program(database, start, end)
    return [pickle.dumps(found[first : first + PARCEL]) for first in range(0, len(found), PARCEL)]
