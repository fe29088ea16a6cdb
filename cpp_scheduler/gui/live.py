"""Live refresh: a colleague's committed change appears in this window within a second.

A :class:`~cpp_scheduler.services.live.ChangeWatcher` listens in a thread of its own;
its callbacks become queued signals, so everything below runs on the GUI thread. The
notices of a burst are gathered for a moment and applied as one change per kind of
record through the window's own path for a change (``Editor.changed``): only the events
that changed are read again, the selection and the scroll position stay, and the
conflict check runs once; the status bar names who changed what (one record by its
name, more by their number), counted as the history lists them. An editor open on a
record that changed is told at once (:attr:`LiveRefresh.recordChanged`) and offers the
merge. The window's own commits
(a step, the demo, an import) are neither read again nor announced as a colleague's: the
store says which versions were its own; nor is an event the window already shows at that
version. A lost connection is said in
the status bar until it is back; then the whole program is read again, with the lists of
the record managers, catching up with what was missed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from cpp_scheduler.services.live import ChangedRecord, ChangeNotice, ChangeWatcher, change_line

if TYPE_CHECKING:
    from cpp_scheduler.gui.mainwindow import MainWindow

BURST_MS = 60
"""How long notices are gathered before the window reads what they name."""
NEWS_MS = 6000
"""How long the note of who changed what stays in the status bar."""


class LiveRefresh(QObject):
    """Keeps one window in step with the commits other windows and commands make.

    Signals:
        noticed(ChangeNotice): a commit was heard (emitted from the watcher's thread).
        statusChanged(object): the connection was lost (a line) or is back (None).
        applied(): the window asked to read what a burst of notices named (the
            rows arrive in the calendar when read, off the GUI thread).
        recordChanged(str, str, int, str, object, bool): a record was saved elsewhere:
            its kind (``Event``), id, new version, author, when (a UTC datetime or None)
            and whether it was deleted; emitted at once, before the burst is read, for an
            editor open on it.
        caughtUp(): the connection is back and the whole program is read again: what
            was saved meanwhile was not heard record by record, so an editor open on a
            record looks for itself.
    """

    noticed = Signal(object)
    statusChanged = Signal(object)
    applied = Signal()
    recordChanged = Signal(str, str, int, str, object, bool)
    caughtUp = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pending: dict[str, dict[str, int]] = {}
        self.deleted: set[tuple[str, str]] = set()
        """(kind, id) of the records deleted among ``pending``: gone at the version the
        window shows, so never "already shown"."""
        self.heard: dict[tuple[str, str], ChangedRecord] = {}
        """What the notices among ``pending`` said of each record (kind, id): what was
        done to it, and its name, for the status bar."""
        self.listed: set[tuple[str, str]] = set()
        """(kind, id) of the records among ``pending`` with a change the history lists:
        what the status bar counts, as ``history --since`` counts it (a series whose
        calendar sequence alone moved with one of its meetings is read again, and the
        meeting's change is the one counted)."""
        self.authors: list[str] = []
        self.catch_up = False
        self.lost: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(BURST_MS)
        self.timer.timeout.connect(self.apply)
        self.label = QLabel("", window)
        self.label.setObjectName("connectionLost")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.noticed.connect(self._noticed)
        self.statusChanged.connect(self._status)
        self.watcher = ChangeWatcher(window.database, self.noticed.emit, self.statusChanged.emit)
        window.installEventFilter(self)
        self.watcher.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def stop(self) -> None:
        """Stop listening (the window closes)."""
        self.timer.stop()
        self.watcher.stop()

    def _noticed(self, notice: ChangeNotice) -> None:
        self.catch_up = self.catch_up or notice.catch_up
        theirs = [record for record in notice.records if not record.own]
        if notice.author and notice.author not in self.authors and theirs:
            self.authors.append(notice.author)
        for record in theirs:
            versions = self.pending.setdefault(record.model, {})
            versions[record.record_id] = max(versions.get(record.record_id, 0), record.version)
            if record.deleted:
                self.deleted.add((record.model, record.record_id))
            if record.listed:
                self.listed.add((record.model, record.record_id))
            key = (record.model, record.record_id)
            earlier = self.heard.get(key)
            self.heard[key] = record if earlier is None else earlier.then(record)
        for record in notice.records:  # an open editor hears the window's own steps too
            self.recordChanged.emit(
                record.model,
                record.record_id,
                record.version,
                notice.author,
                notice.at,
                record.deleted,
            )
        self.timer.start()

    def _status(self, line: object) -> None:
        self.lost = line if isinstance(line, str) else None
        self.label.setText(self.lost or "")
        self.label.setToolTip(self.lost or "")
        self.label.setVisible(self.lost is not None)

    def _already_shown(self, event_id: str, version: int) -> bool:
        events = self.window.events
        number = events.row_of(event_id)
        return number >= 0 and events.row_at(number).version >= version

    def apply(self) -> None:
        """Read what the gathered notices name, as one change per kind of record."""
        pending, self.pending = self.pending, {}
        deleted, self.deleted = self.deleted, set()
        listed, self.listed = self.listed, set()
        heard, self.heard = self.heard, {}
        authors, self.authors = self.authors, []
        catch_up, self.catch_up = self.catch_up, False
        if catch_up:
            self.window.reload()
            self.window.reload_managers()
            self.caughtUp.emit()
            self.applied.emit()
            return
        changed: list[ChangedRecord] = []
        for model, versions in pending.items():
            if model == "Event":
                ids = [
                    i
                    for i, v in versions.items()
                    if (model, i) in deleted or not self._already_shown(i, v)
                ]
            else:
                ids = list(versions)
            if ids:
                changed += [heard[model, i] for i in ids if (model, i) in listed]
                self.window.editor.changed.emit(model, sorted(ids))
        if changed and authors:
            self.window.statusBar().showMessage(change_line(authors, changed), NEWS_MS)
        self.applied.emit()


def start_live_refresh(window: MainWindow) -> LiveRefresh:
    """Keep ``window`` in step with others' commits from now on (once per window)."""
    existing = window.findChild(LiveRefresh)
    if isinstance(existing, LiveRefresh):
        return existing
    return LiveRefresh(window)
