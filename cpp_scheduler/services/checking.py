"""The program's conflict check, and a process of its own to run it in.

A whole-program check is about a second of pure Python on a program of 10,000 events. On
a thread of the desktop window's process it holds the interpreter lock against the GUI
thread, and single frames then take several hundred milliseconds; in a separate process
the window only waits for the answer. The process starts on the first check and serves
every later one; where no process can be started, the check runs where it is asked.

:func:`check_program_later` does not wait for the answer at all: it hands back a future
that the answer completes, so the window's worker thread, which serves every other
background read, is never held by a check.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import pickle
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime, timedelta

from cpp_scheduler import i18n, timezones
from cpp_scheduler.model.event_filter import meeting_days, on_days
from cpp_scheduler.scheduling.conflicts import Conflict, find_conflicts
from cpp_scheduler.scheduling.travel import DEFAULT_BUFFER
from cpp_scheduler.services.snapshot import load_snapshot
from cpp_scheduler.store import Database, StoreError, open_database

#: How many databases the checking process keeps open (a window uses one; tests, many).
KEEP_OPEN = 4

#: Findings per parcel sent back. Unpickling holds the interpreter lock for its whole
#: length (about a millisecond for a hundred): thousands of findings in one piece would
#: stall the GUI thread in one go.
PARCEL = 100

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_pool_unavailable = False
_opened: dict[tuple[str, float], Database] = {}
"""In the checking process: the databases it has opened, by URL and timeout."""


@dataclass(frozen=True, slots=True)
class ProgramCheck:
    """The findings of one check, and how many meetings are on the days it checked, as
    the calendar places them (the neighbours read a day either side to judge them are
    not counted)."""

    conflicts: list[Conflict]
    meetings: int


def check(
    database: Database,
    start: datetime | None = None,
    end: datetime | None = None,
    buffer: timedelta = DEFAULT_BUFFER,
    clock: str = timezones.TOKYO,
) -> ProgramCheck:
    """Every conflict of the program, or of the whole days on ``clock`` that
    ``start``..``end`` (UTC, their midnights) span: the one check the window and
    ``cpp-scheduler conflicts`` both make, the window for the days it shows on its
    clock, the command for ``--from``..``--to`` in ``--days-in``'s zone.

    A finding and a meeting are on those days as the calendar draws them on that clock
    (:func:`~cpp_scheduler.scheduling.conflicts.falls_within`,
    :func:`~cpp_scheduler.model.event_filter.meeting_days`), so the meetings counted are
    those the findings listed can name.

    Reads the store in its own session and returns plain values. A range is widened by
    a day each side so neighbours still count (a journey from the day before, a room
    booked since the evening before).
    """
    with database.reading() as session:
        snapshot = load_snapshot(
            session,
            start - timedelta(days=1) if start is not None else None,
            end + timedelta(days=1) if end is not None else None,
            buffer=buffer,  # the neighbours a longer buffer reaches are read too
        )
    found = find_conflicts(snapshot, buffer=buffer, start=start, end=end, clock=clock)
    first = None if start is None else timezones.to_local(start, clock).date()
    last = None if end is None else timezones.to_local(end - _INSTANT, clock).date()
    meetings = sum(
        1
        for interval in snapshot.intervals
        if on_days(
            meeting_days(
                interval.start, interval.end, interval.zone, all_day=interval.all_day, clock=clock
            ),
            first,
            last,
        )
    )
    return ProgramCheck(found, meetings)


_INSTANT = timedelta(microseconds=1)


def check_program(
    database: Database,
    start: datetime | None = None,
    end: datetime | None = None,
    clock: str = timezones.TOKYO,
) -> list[Conflict]:
    """The conflicts :func:`check` finds, with the usual buffer."""
    return check(database, start, end, clock=clock).conflicts


def check_program_apart(
    database: Database, start: datetime | None = None, end: datetime | None = None
) -> list[Conflict]:
    """:func:`check_program`, computed in the checking process; blocks until it is done.

    The checking process opens the same database by its URL (a PostgreSQL schema chosen
    in the URL comes along), and reads what this process has committed.
    """
    return check_program_later(database, start, end).result()


Parcel = bytes | list[Conflict]
"""Findings as they come back: pickled by the checking process, or as they are where the
check ran here. :func:`unpack` reads either."""


@dataclass(frozen=True, slots=True)
class ParcelledCheck:
    """A check's findings in their parcels, and how many meetings are on the days it
    checked (:attr:`ProgramCheck.meetings`), which the line under the panel's list says."""

    meetings: int
    parcels: list[Parcel]


def unpack(parcel: Parcel) -> list[Conflict]:
    """The findings of one parcel (about a millisecond's work for a hundred)."""
    return pickle.loads(parcel) if isinstance(parcel, bytes) else parcel


def check_program_later(
    database: Database,
    start: datetime | None = None,
    end: datetime | None = None,
    clock: str = timezones.TOKYO,
) -> Future[list[Conflict]]:
    """:func:`check_program` computed in the checking process, without waiting for it.

    The future is completed (on a thread of the process pool's, or of its own where no
    process can be started) with the findings, or with the error of the check.
    """
    answer: Future[list[Conflict]] = Future()
    answer.set_running_or_notify_cancel()

    def arrived(done: Future[ParcelledCheck]) -> None:
        try:
            answer.set_result([c for parcel in done.result().parcels for c in unpack(parcel)])
        except BaseException as error:
            answer.set_exception(error)

    check_program_in_parcels(database, start, end, clock).add_done_callback(arrived)
    return answer


def check_program_in_parcels(
    database: Database,
    start: datetime | None = None,
    end: datetime | None = None,
    clock: str = timezones.TOKYO,
) -> Future[ParcelledCheck]:
    """:func:`check_program_later`, its findings left in their parcels: the window
    unpacks them a few at a time between its events, so that reading thousands of
    findings never holds the interpreter against its GUI thread."""
    answer: Future[ParcelledCheck] = Future()
    answer.set_running_or_notify_cancel()
    pool = _checking_pool()
    if pool is None:
        _check_here(answer, database, start, end, clock)
        return answer
    url = database.url.render_as_string(hide_password=False)
    try:
        submitted = pool.submit(
            _check_opened, url, database.timeout, start, end, i18n.language(), clock
        )
    except (BrokenProcessPool, OSError, RuntimeError):
        _give_up_on_processes()
        _check_here(answer, database, start, end, clock)
        return answer

    def arrived(done: Future[tuple[int, list[bytes]]]) -> None:
        try:
            meetings, parcels = done.result()
        except (BrokenProcessPool, OSError):
            _give_up_on_processes()  # the process died or cannot start: check here
            _check_here(answer, database, start, end, clock)
        except BaseException as error:
            answer.set_exception(error)
        else:
            answer.set_result(ParcelledCheck(meetings, list(parcels)))

    submitted.add_done_callback(arrived)
    return answer


def _give_up_on_processes() -> None:
    global _pool_unavailable
    _pool_unavailable = True


def _check_here(
    answer: Future[ParcelledCheck],
    database: Database,
    start: datetime | None,
    end: datetime | None,
    clock: str,
) -> None:
    """Where no process can be started: check in a thread of its own, which holds no
    worker of anybody else's."""

    def run() -> None:
        try:
            checked = check(database, start, end, clock=clock)
        except BaseException as error:
            answer.set_exception(error)
        else:
            answer.set_result(ParcelledCheck(checked.meetings, [checked.conflicts]))

    threading.Thread(target=run, name="conflict check", daemon=True).start()


def _checking_pool() -> ProcessPoolExecutor | None:
    global _pool
    with _pool_lock:
        if _pool is None and not _pool_unavailable:
            # "spawn": forking a process that runs Qt's threads is not safe.
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_serve_in_the_background,
            )
        return None if _pool_unavailable else _pool


CHECK_NICENESS = 10
"""How much the checking process yields to others (as ``nice`` counts): a check may
take a little longer, but never the time the window, or other work, needs to answer."""


def _serve_in_the_background() -> None:
    """In the checking process: run at a lower priority than the window, and end with
    the program that started it."""
    with contextlib.suppress(OSError, AttributeError):  # no nice() on some systems
        os.nice(CHECK_NICENESS)
    _end_with_parent()


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
    url: str,
    timeout: float,
    start: datetime | None,
    end: datetime | None,
    language: str = i18n.ENGLISH,
    clock: str = timezones.TOKYO,
) -> tuple[int, list[bytes]]:
    """In the checking process: check the database at ``url``, opened once and kept; the
    findings of the days on ``clock`` come back in parcels of :data:`PARCEL`, explained
    in ``language`` (the program's, which this process does not share), after how many
    meetings are on those days."""
    i18n.use_language(language)
    key = (url, timeout)
    database = _opened.pop(key, None)
    if database is None:
        while len(_opened) >= KEEP_OPEN:
            _opened.pop(next(iter(_opened))).close()
        # The program open in the window, reopened: never made anew where it is gone.
        database = open_database(url, seed=False, timeout=timeout, existing=True)
    _opened[key] = database  # the most recently used last
    try:
        database.check_in_place()
    except StoreError:
        _opened.pop(key).close()
        raise
    checked = check(database, start, end, clock=clock)
    found = checked.conflicts
    return checked.meetings, [
        pickle.dumps(found[first : first + PARCEL]) for first in range(0, len(found), PARCEL)
    ]
