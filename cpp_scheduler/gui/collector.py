"""Python's cycle collector, run on the GUI thread alone while the window works.

Python collects reference cycles in whichever thread happens to allocate when a
generation's count passes its threshold: a worker of the task manager, the live refresh's
watcher. A cycle that holds a Qt object Python owns (a model, a dialog or a timer made
without a parent) is then destroyed on that thread while the GUI thread may be painting
it or delivering its events. Qt forbids that, and the process crashes, rarely and at
random. So once a task manager runs work off the GUI thread, automatic collection is off
and a timer on the GUI thread collects the generations that are due, by the thresholds
the collector itself would have used (Anki and pyqtgraph do the same).

Work that unpacks many objects over several turns of the event loop (the conflicts
panel's findings) holds the collection meanwhile (:func:`hold`, :func:`release`), so that
no full pass falls into the middle of it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 1000
"""How often the GUI thread looks whether a collection is due."""


class GuiThreadCollector(QObject):
    """Collects reference cycles on the thread of the application it belongs to."""

    def __init__(self, application: QCoreApplication) -> None:
        super().__init__(application)
        self.setObjectName("guiThreadCollector")
        self._was_enabled = gc.isenabled()
        self._holds = 0
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    @property
    def held(self) -> bool:
        """True while some work holds the collection (see :func:`hold`)."""
        return self._holds > 0

    def hold(self) -> None:
        self._holds += 1

    def release(self) -> None:
        self._holds = max(0, self._holds - 1)

    def collect_due(self) -> int:
        """Collect the young objects, and the older generations once as many young
        collections as their thresholds ask for have passed; the number of unreachable
        objects found.

        Python starts a collection when more objects were made than freed since the
        last; a burst of work that frees what it made leaves no trace in those counts by
        the time this runs, so the young generation, which is small and quick to walk,
        is collected at every turn."""
        if self._holds:
            return 0
        _young, middle, old = gc.get_threshold()
        young_count, middle_count, old_count = gc.get_count()
        if young_count == 0:
            return 0
        generation = 0
        if middle_count >= middle:
            generation = 2 if old_count >= old else 1
        return gc.collect(generation)

    def stop(self) -> None:
        """Collect everything now, on this thread, and give the collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


def installed() -> GuiThreadCollector | None:
    """The collector running on this application, if any."""
    application = QCoreApplication.instance()
    if application is None:
        return None
    found = application.findChild(GuiThreadCollector, "guiThreadCollector")
    return found if isinstance(found, GuiThreadCollector) else None


def install() -> None:
    """Collect cycles on the GUI thread alone from now on (once per application; to be
    called on the GUI thread, before any work starts off it)."""
    application = QCoreApplication.instance()
    if application is not None and installed() is None:
        GuiThreadCollector(application)


def uninstall() -> None:
    """Collect what is left on this thread and give the collection back to Python (for
    a process that goes on without the window, as a test run does)."""
    collector = installed()
    if collector is not None:
        collector.stop()
        collector.setParent(None)  # Python's again: gone with the last reference


def hold() -> None:
    """Hold the collection until :func:`release` (no-op without a collector)."""
    collector = installed()
    if collector is not None:
        collector.hold()


def release(keep: bool = False) -> None:
    """End a :func:`hold`. ``keep``: what was made meanwhile lives long (a check's
    findings, until the next check): see :func:`keep_long_lived`."""
    collector = installed()
    if collector is not None:
        collector.release()
    if keep:
        keep_long_lived()


_freezing = True
"""Whether :func:`keep_long_lived` freezes; see :func:`stop_freezing`."""


def keep_long_lived() -> None:
    """What exists now lives long (a program loaded, a check's findings): the full
    passes no longer walk it (``gc.freeze``), which would otherwise hold the GUI thread
    for tens of milliseconds in the middle of a later action."""
    if _freezing:
        gc.freeze()


def let_go() -> None:
    """What was kept may be collected again (a window closing): ``gc.unfreeze``."""
    if _freezing:
        gc.unfreeze()


def stop_freezing() -> None:
    """Freeze nothing from now on, for a process that outlives its windows and freezes
    what outlives each of them itself, as a test run does: a window letting go at its
    close would give every later full pass the whole process to walk again."""
    global _freezing
    _freezing = False
