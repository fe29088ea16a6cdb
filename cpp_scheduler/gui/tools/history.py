"""The History panel: who changed the selected record, when, from what to what.

The rows are what :func:`cpp_scheduler.services.history.read_history_of` answers (as
``cpp-scheduler history UID`` prints it), newest first, each value in the words the
services gave it (labels, names, an all-day event's dates) and no row for a calendar
sequence the store raised by itself, with a line under the heading when it leaves the
earliest changes out, read off the GUI thread; the dock
follows the window's selection and every change. "Revert this change" puts the values a
change replaced back as one undoable command (:class:`RevertChange`), saved against the
version the panel read and through every rule of the program. The record is the
event selected in the window, or the delegation, participant, tour ... selected in the
list of its kind (:class:`~cpp_scheduler.gui.records.RecordManager`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n
from cpp_scheduler.errors import printable
from cpp_scheduler.gui.commands import Editor, RecordCommand
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.readonly import follow_read_only
from cpp_scheduler.gui.tools import common
from cpp_scheduler.gui.tools.common import AnyIndex
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.model import Base, Event
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.field_names import field_name
from cpp_scheduler.services.history import (
    FieldChange,
    HistoryEntry,
    HistoryRead,
    changes_heading,
    read_history_of,
    revert_change,
)
from cpp_scheduler.services.snapshot import NotFoundError

CONTEXT = "HistoryDock"
HEADERS = (
    QT_TRANSLATE_NOOP("Headers", "When (UTC)"),
    QT_TRANSLATE_NOOP("Headers", "Changed by"),
    QT_TRANSLATE_NOOP("Headers", "What"),
)
ACTIONS = {
    "created": QT_TRANSLATE_NOOP("HistoryDock", "Created (version {version})"),
    "deleted": QT_TRANSLATE_NOOP("HistoryDock", "Deleted (version {version})"),
}


def field_text(field: FieldChange) -> str:
    """``Venue: TDLC → Kobe City Hall``: the field as a coordinator names it, and its
    values in the words the services gave them (as ``cpp-scheduler history`` prints
    them), each shortened."""

    def shown(text: str | None) -> str:
        return "—" if text is None else printable(text, 40)

    return f"{field_name(field.name)}: {shown(field.old_text)} → {shown(field.new_text)}"


def moment_text(moment: datetime) -> str:
    """Mon 15 Feb 2027 14:00, 2027年2月15日(月) 14:00."""
    return f"{i18n.day_text(moment.date())} {moment:%H:%M}"


def source_text(source: str) -> str:
    return translate("HistoryDock", "from {source}").format(source=source)


def summary(entry: HistoryEntry) -> str:
    """One line for a change: what it did and the fields it changed; a change of one
    meeting of a series as the services word it."""
    if entry.meeting is not None:
        text = entry.meeting
    elif entry.action != "changed":
        action = ACTIONS.get(entry.action)
        text = (
            translate(CONTEXT, action).format(version=entry.version)
            if action is not None
            else f"{entry.action.capitalize()} ({entry.version})"
        )
    else:
        text = "; ".join(
            [field_text(field) for field in entry.shown_fields] + list(entry.set_aside)
        )
    return text + (f" — {source_text(entry.source)}" if entry.source else "")


class HistoryModel(common.HeaderedTableModel):
    """One record's changes, newest first."""

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = list(reversed(entries))
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return moment_text(entry.changed_at)
            return entry.author if index.column() == 1 else summary(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(whole_lines(entry))
        return None


def whole_lines(entry: HistoryEntry) -> list[str]:
    """A change in full, a line for each thing it did: its row's tooltip, and what the
    panel shows under its list for the change selected (a row cuts a long change at the
    panel's edge; measuring every row wrapped would slow a long history down)."""
    lines = [
        translate("HistoryDock", "{record}, version {version}, by {who}").format(
            record=entry.label, version=entry.version, who=entry.author
        )
    ]
    if entry.meeting is not None:
        lines.append(entry.meeting)
    else:
        lines += [field_text(field) for field in entry.shown_fields]
        lines += entry.set_aside
    return lines + ([source_text(entry.source)] if entry.source else [])


class RevertChange(RecordCommand):
    """Put back what one change replaced; undo puts the change back again. A change of
    one meeting of a series is a step on the series, saved against its version."""

    def __init__(self, editor: Editor, entry: HistoryEntry, version_read: int) -> None:
        model = next(
            (m.class_ for m in Base.registry.mappers if m.class_.__name__ == entry.model), Event
        )
        record_id = entry.record_id
        if entry.series_id is not None:
            model, record_id = Event, entry.series_id
        super().__init__(
            editor,
            model,
            record_id,
            translate("HistoryDock", "Revert the change of {record}").format(record=entry.label),
        )
        self.change_id = entry.change_id
        self.version = version_read
        self.reverting: int | None = None

    def apply_as_read(self) -> None:
        self.reverting = self._revert(self.change_id)

    def revert(self) -> None:
        assert self.reverting is not None
        self._revert(self.reverting)

    def _revert(self, change_id: int) -> int:
        """Revert the change ``change_id`` against the version this window's own steps
        left the record at (:meth:`Editor.expected`), noting the version it leaves; the
        new change's number."""
        found = self._expected(self.version)
        done = revert_change(self.editor.database, change_id, found)
        if done.series_version is not None:  # a meeting's change: its series moved on
            self.version = done.series_version
            self._left(done.series_version, found)
        else:
            self.version = done.version
            if done.action == "changed":  # a record deleted or brought back has no chain
                self._left(done.version, found)
        self._done()
        return done.change_id


class HistoryDock(QDockWidget):
    """A dock with the selected event's history and a button to revert one change.

    Over a program this login may only read, the history is shown as ever and the
    button stays off, the reason its tooltip.
    """

    PLACEHOLDER = QT_TRANSLATE_NOOP(
        "HistoryDock", "Select an event to see who changed it, and when."
    )

    def __init__(
        self,
        database: Database,
        editor: Editor,
        run_in_background: Callable[..., None],
        report_error: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("History"))
        self.setObjectName("historyDock")
        self.database = database
        self.editor = editor
        self._run = run_in_background
        self._report_error = report_error
        self._generation = 0
        self.event_id: str | None = None
        """The record shown (an event, or a delegation, participant ... chosen in its
        list); :attr:`model_name` says which kind."""
        self.model_name = "Event"
        self.reading = False
        self.version_read: int | None = None
        """The version the record shown was at when its history was read, counting the
        changes not listed (a calendar sequence raised alone)."""
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.setSpacing(3)
        self.heading = QLabel(self.tr(self.PLACEHOLDER), body)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.cut_note = QLabel(body)
        self.cut_note.setObjectName("historyCut")
        self.cut_note.setWordWrap(True)
        self.cut_note.hide()
        layout.addWidget(self.cut_note)
        self.model = HistoryModel(self)
        self.table = QTableView(body)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumSize(60, 40)
        layout.addWidget(self.table, 1)
        self.whole_change = QLabel(body)
        self.whole_change.setObjectName("historyWholeChange")
        self.whole_change.setWordWrap(True)
        self.whole_change.setTextFormat(Qt.TextFormat.PlainText)
        self.whole_change.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.whole_change.hide()
        layout.addWidget(self.whole_change)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.revert_button = QPushButton(self.tr("Revert this change"), body)
        self.revert_button.setObjectName("revertChange")
        self.revert_button.setToolTip(
            self.tr("Put back the values this change replaced, as a new change you can undo")
        )
        self.revert_button.setEnabled(False)
        self.revert_button.clicked.connect(self.revert_selected)
        buttons.addWidget(self.revert_button)
        layout.addLayout(buttons)
        body.setMinimumSize(110, 60)
        self.setWidget(body)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_button())
        follow_read_only(editor, self._made_read_only)

    def selected_entry(self) -> HistoryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entries[rows[0].row()] if rows else None

    def _made_read_only(self, _reason: str) -> None:
        self._update_button()

    def _update_button(self) -> None:
        entry = self.selected_entry()
        self.whole_change.setText("\n".join(whole_lines(entry)[1:]) if entry is not None else "")
        self.whole_change.setVisible(entry is not None)
        read_only = self.editor.read_only
        self.revert_button.setEnabled(read_only is None and entry is not None and entry.revertible)
        action = entry.action if entry is not None else "changed"
        if read_only is not None:
            tip = read_only
        elif entry is not None and entry.refusal is not None:
            tip = entry.refusal
        elif entry is not None and entry.meeting is not None:
            tip = self.tr(
                "Put the meeting back as it was before this change, as a change you can undo"
            )
        elif action == "created":
            tip = self.tr("Delete the record this change created, as a change you can undo")
        elif action == "deleted":
            tip = self.tr(
                "Bring the record back with its old values and links, as a change you can undo"
            )
        else:
            tip = self.tr("Put back the values this change replaced, as a new change you can undo")
        self.revert_button.setToolTip(tip)

    def show_event(self, event_id: str | None) -> None:
        """Show the history of ``event_id`` (None clears the panel)."""
        self.show_record("Event", event_id)

    def show_record(self, model_name: str, record_id: str | None) -> None:
        """Show the history of any record: ``model_name`` is its class (``Delegation``)."""
        if (model_name, record_id) == (self.model_name, self.event_id):
            return
        self.model_name, self.event_id = model_name, record_id
        self.refresh()

    def refresh(self) -> None:
        """Read the shown event's history again, off the GUI thread."""
        self._generation += 1
        event_id = self.event_id
        if event_id is None:
            self.reading = False
            self._show([])
            return
        generation = self._generation
        database = self.database
        self.reading = True
        self._run(
            lambda: read_history_of(database, event_id),
            lambda read: self._arrived(generation, read),
            lambda error: self._failed(generation, error),
        )

    def stop(self) -> None:
        self._generation += 1
        self.reading = False

    def follow(self, changed_model: str, ids: list[str]) -> None:
        """After a command: read again when the event shown changed."""
        if self.event_id is not None and changed_model == self.model_name and self.event_id in ids:
            self.refresh()

    def revert_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self.model.entries or self.editor.read_only is not None:
            return
        if (refusal := entry.refusal) is not None:  # nothing to save: no undo step
            self._report_error(self.tr("Cannot revert this change"), refusal)
            return
        # The version read of the record shown (a series, for a change of one meeting):
        # its newest change of its own, listed or not.
        version_read = self.version_read
        if version_read is None:
            version_read = next(
                (shown.version for shown in self.model.entries if shown.series_id is None),
                self.model.entries[0].version,
            )
        self.editor.execute(
            RevertChange(self.editor, entry, version_read),
            refused=lambda error: self._report_error(
                self.tr("Cannot revert this change"), failure_line(error)
            ),
        )

    def _arrived(self, generation: int, read: HistoryRead) -> None:
        if generation != self._generation:
            return
        self.reading = False
        self._show(read.entries, read)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.reading = False
        self._show([])
        if not isinstance(error, NotFoundError):  # a record gone has nothing to show
            self.heading.setText(failure_line(error))

    def _show(self, entries: list[HistoryEntry], read: HistoryRead | None = None) -> None:
        self.version_read = None if read is None else read.version
        self.model.set_entries(entries)
        self._update_button()
        if read is not None and read.cut:
            note = read.cut_note()  # the command's line, begun as a sentence
            self.cut_note.setText(note[:1].upper() + note[1:])
            self.cut_note.show()
        else:
            self.cut_note.clear()
            self.cut_note.hide()
        if not entries:
            self.heading.setText(self.tr(self.PLACEHOLDER))
            return
        last = entries[-1]
        # Every change the history holds, those the list leaves out too (its cut note
        # says how many it shows).
        count = read.total if read is not None else len(entries)
        self.heading.setText(changes_heading(last.label, count, last.author))
