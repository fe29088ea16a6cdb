"""Running database work off the GUI thread, with the result handed back on it.

In the manner of Anki's task manager: a job is a plain function run in a
:class:`QThreadPool`; its result (or its exception) is delivered to a callback on the GUI
thread through a queued signal. Workers never touch widgets. While jobs run, the
manager reports that it is busy so the window can show progress.

Work that runs elsewhere (the conflict check, in a process of its own) is followed with
:meth:`TaskManager.follow`: its answer is handed to the GUI thread the same way, but
nothing waits for it in the pool, whose one thread stays free for the reads the window
asks for meanwhile.

The first task manager moves Python's cycle collection to the GUI thread
(:mod:`cpp_scheduler.gui.collector`): a job's garbage is never collected on its worker.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from cpp_scheduler.gui import collector


class _Relay(QObject):
    """Lives on the GUI thread; a worker emits, Qt queues the call to the GUI thread.

    One relay serves every job of a task manager and is never deleted while a job may
    still emit through it: each job holds it, so it lives until the last of them and the
    manager are gone. A relay per job, deleted once its answer was handed over, could
    be deleted on the GUI thread while its worker was still inside ``emit``."""

    finished = Signal(int, object, object)  # job, result, exception


class _Job(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay, job: int) -> None:
        super().__init__()
        self._function = function
        self._relay = relay
        self._job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._function()
        except BaseException as error:  # handed to the GUI thread, never lost
            self._deliver(None, error)
        else:
            self._deliver(result, None)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        # When the window closed while the job ran, nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            self._relay.finished.emit(self._job, result, error)


@dataclass(frozen=True, slots=True)
class _Callbacks:
    """What to call on the GUI thread with a job's answer."""

    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None


class Progress(QObject):
    """Carries a long job's progress from its worker to the GUI thread: ``advanced``
    (done, total), emitted on the worker, reaches the receivers on the GUI thread."""

    advanced = Signal(int, int)


class TaskManager(QObject):
    """Runs functions in a thread pool; callbacks run on the GUI thread.

    Signals:
        busyChanged(bool): true when the first job starts, false when the last ends.
    """

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        collector.install()
        self._pool = QThreadPool(self)
        # One writer at a time keeps SQLite free of lock contention, as Anki's single
        # collection thread does.
        self._pool.setMaxThreadCount(1)
        self._running = 0
        self._relay = _Relay()
        # Queued even when the answer is already there: the callback never runs inside
        # the call that asked for the work.
        self._relay.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._callbacks: dict[int, _Callbacks] = {}
        self._jobs = itertools.count()
        self._followed: set[concurrent.futures.Future[Any]] = set()
        self._followed_lock = threading.Lock()

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run_in_background(
        self,
        function: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``function`` in the pool; then ``on_done(result)`` or ``on_error(error)``.

        Without ``on_error``, an exception goes to :data:`sys.excepthook` on the GUI
        thread, which logs it and tells the user.
        """
        self._pool.start(_Job(function, self._relay, self._register(on_done, on_error)))

    def follow(
        self,
        future: concurrent.futures.Future[Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Hand the outcome of work running elsewhere to ``on_done`` or ``on_error`` on
        the GUI thread, as :meth:`run_in_background` does, without a worker of the pool
        waiting for it."""
        job = self._register(on_done, on_error)
        relay = self._relay
        with self._followed_lock:
            self._followed.add(future)

        def arrived(done: concurrent.futures.Future[Any]) -> None:
            with self._followed_lock:
                self._followed.discard(done)
            error = concurrent.futures.CancelledError() if done.cancelled() else done.exception()
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                relay.finished.emit(job, None if error is not None else done.result(), error)

        future.add_done_callback(arrived)

    def _register(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
    ) -> int:
        """A job's number, its callbacks kept until its answer comes back once, counted
        as a running job."""
        job = next(self._jobs)
        self._callbacks[job] = _Callbacks(on_done, on_error)
        self._running += 1
        if self._running == 1:
            self.busyChanged.emit(True)
        return job

    @Slot(int, object, object)
    def _finish(self, job: int, result: Any, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the answer was queued: nobody to tell
        callbacks = self._callbacks.pop(job, None)
        if callbacks is None:
            return
        self._running -= 1
        if self._running == 0:
            self.busyChanged.emit(False)
        if error is None:
            callbacks.on_done(result)
        elif callbacks.on_error is not None:
            callbacks.on_error(error)
        else:
            import sys

            sys.excepthook(type(error), error, error.__traceback__)

    def wait_for_done(self, milliseconds: int = 30_000) -> bool:
        """Block until every job finished and all work followed elsewhere has answered
        (for shutdown and scripts), true if they did."""
        with self._followed_lock:
            followed = list(self._followed)
        _, pending = concurrent.futures.wait(followed, timeout=milliseconds / 1000)
        return bool(self._pool.waitForDone(milliseconds)) and not pending
