"""Calendar files from the window: the import dialog and its undo step.

Pick a file, read what it would create and update (the importer's dry run, with the
readings of RFC 5545 it made), confirm; the whole import is one undo step
(:class:`ImportCalendarCommand`): undo removes the events it created and puts back the
ones it updated, exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QProgressBar,
    QWidget,
)

from cpp_scheduler.errors import SchedulerError, shown_path
from cpp_scheduler.gui import collector
from cpp_scheduler.gui.commands import Editor, RecordCommand
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.forms.ui_import_dialog import Ui_ImportDialog
from cpp_scheduler.gui.taskman import Progress, TaskManager
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.gui.widgets.cell_width import one_line_width
from cpp_scheduler.ical.importer import ParsedCalendar
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import calendar_import
from cpp_scheduler.services.calendar_import import (
    ImportAction,
    ImportPreview,
    ImportReport,
    ImportUndo,
    PlanRow,
    PlanRowKind,
)
from cpp_scheduler.services.database import Database


class ImportCalendarCommand(RecordCommand):
    """A whole calendar import as one undo step
    (:func:`cpp_scheduler.services.calendar_import.import_undoably`).

    The import itself is the step's first run, on the window's task manager as every
    step's: the editor knows it is under way (Undo pressed meanwhile waits for it), and
    it is on the undo stack once written, whether or not the dialog that asked for it is
    still open. Its undo removes thousands of events as easily as one, and its redo
    brings them back, the window answering meanwhile; the calendar reads the events
    again when the work is done.
    """

    def __init__(
        self,
        editor: Editor,
        name: str,
        make: Callable[[], tuple[ImportReport, ImportUndo]],
    ) -> None:
        """``make``: the import (run on the task manager, the first time the step is
        applied), which gives its report and what undoing it needs."""
        super().__init__(
            editor, Event, "", translate("CalendarFiles", "Import {name}").format(name=name)
        )
        self._make = make
        self.report: ImportReport | None = None
        self._state: ImportUndo | None = None

    @property
    def state(self) -> ImportUndo:
        """What undoing the import needs; there once it has been made."""
        assert self._state is not None, "the import has not been made yet"
        return self._state

    @property
    def created_ids(self) -> list[str]:
        return list(self.state.created)

    @property
    def updated_ids(self) -> list[str]:
        return list(self.state.updated)

    def apply_as_read(self) -> None:
        if self._state is None:
            self.report, self._state = self._make()
        else:
            calendar_import.redo_import(
                self.editor.database,
                self.state,
                self._expected_versions(self.state.undone_versions),
            )
        self._done_with_events()

    def revert(self) -> None:
        calendar_import.undo_import(
            self.editor.database,
            self.state,
            self._expected_versions(self.state.imported_versions)
            | self._expected_versions(self.state.people_versions, Participant),
        )
        self._done_with_events()

    def _expected_versions(
        self, versions: dict[str, int], model: type[Event] | type[Participant] = Event
    ) -> dict[str, int]:
        """The versions the events (or the people the import added) must be at: where
        this window's later steps took them from the ones this step left
        (:meth:`Editor.expected`). Read on the worker: the editor takes no other step
        while an undo or redo works, and the steps it queues run after this one, so they
        stay as they are."""
        return {
            record_id: self.editor.expected(model.__name__, record_id, version)
            for record_id, version in versions.items()
        }

    def _done_with_events(self) -> None:
        # The events it changed that were there before: this window's own doing, so the
        # steps before and after it on those events still undo and redo.
        self.editor.left_others(self.state.touched)
        self.editor.notify(Event, self.state.events)


AnyIndex = QModelIndex | QPersistentModelIndex

_SAMPLE = 500
"""Rows whose titles set the width of the titles' column: the first of a plan, whose
titles its file gives in the same way as the rest."""


class PlanModel(QAbstractTableModel):
    """The plan of an import, one row per :class:`PlanRow`, worded in the worker that
    read the file: Qt asks only for the rows it draws, so a plan of a hundred thousand
    events shows at once."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[PlanRow] = ()
        self.headers = tuple(headers)
        self.labels: dict[PlanRowKind, tuple[str, QColor | None]] = {
            PlanRowKind.CREATE: (translate("CalendarFiles", "Create"), QColor("#136c2e")),
            PlanRowKind.UPDATE: (translate("CalendarFiles", "Update"), QColor("#1a4fa0")),
            PlanRowKind.UNCHANGED: (translate("CalendarFiles", "Already here"), QColor("#5f6368")),
            PlanRowKind.KEEP: (translate("CalendarFiles", "Keep ours (newer)"), QColor("#7a5300")),
            PlanRowKind.SKIP: (translate("CalendarFiles", "Skip"), None),
            PlanRowKind.READING: (translate("CalendarFiles", "Read as RFC 5545 says"), None),
            PlanRowKind.LEFT_OUT: (translate("CalendarFiles", "Left out"), QColor("#7a5300")),
        }
        self.skipped = translate("CalendarFiles", "line {line}: {reason}")
        """A skipped entry's line and reason, in the window's own words."""

    def show_rows(self, rows: Sequence[PlanRow]) -> None:
        """Show ``rows`` instead of those shown: the view asks again for what it draws."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def texts(self, row: int) -> tuple[str, str, str]:
        """What the row says in each column."""
        shown = self.rows[row]
        text = shown.text
        if shown.kind is PlanRowKind.SKIP:
            text = self.skipped.format(line=shown.line, reason=shown.text)
        return self.labels[shown.kind][0], shown.title, text

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        # A long reason is read whole in its tip when the column is narrower.
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return self.labels[self.rows[index.row()].kind][1]
        return None


class ImportDialog(QDialog):
    """Shows what a calendar file would change, then imports it as one undo step.

    The file is read and imported on the window's task manager, the progress bar
    showing the events read and written; the import becomes the undo step when done.
    """

    def __init__(
        self,
        database: Database,
        editor: Editor,
        parent: QWidget | None = None,
        *,
        tasks: TaskManager,
    ) -> None:
        super().__init__(parent)
        self._fitted: tuple[list[PlanRow], list[PlanRowKind]] | None = None
        """The rows the columns were fitted to (a sample) and the kinds of all rows."""
        self.tasks = tasks
        self.working = False
        """Whether the worker is reading or importing the file."""
        self._request = 0
        self._reading = Progress(self)
        self._reading.advanced.connect(
            lambda done, total: self._advanced(
                translate("CalendarFiles", "Read {done} of {total} events…"), done, total
            )
        )
        self.setObjectName("importDialog")
        self.database = database
        self.editor = editor
        self.parsed: ParsedCalendar | None = None
        self.previewed: Mapping[str, int] = {}
        """The versions of the program's events the plan shown was made against."""
        self.command: ImportCalendarCommand | None = None

        self.ui = Ui_ImportDialog()
        self.ui.setupUi(self)
        self.path = self.ui.path
        self.table = self.ui.plannedChanges
        self.model = PlanModel(
            (
                translate("ImportDialog", "What happens"),
                translate("ImportDialog", "Event"),
                # When, on the clock each row names, and why: as import --dry-run says it.
                translate("ImportDialog", "Details"),
            ),
            self.table,
        )
        self.table.setModel(self.model)
        self.summary = self.ui.importSummary
        self.import_button = self.ui.importButton
        self.path.returnPressed.connect(lambda: self.read(Path(self.path.text())))
        self.ui.browseButton.clicked.connect(self._browse)
        self.import_button.clicked.connect(self.confirm)
        self.ui.closeButton.clicked.connect(self.reject)
        header = self.table.horizontalHeader()
        # What happens as wide as its longest word, the titles as wide as they need up to
        # half the table (see _fit_columns); the times, readings and reasons take the
        # rest, a long one elided, whole in its tip.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.resize(1100, 560)
        # An event that breaks a rule refuses the file unless the coordinator asks to
        # skip such events; they are then listed with the other skipped entries.
        self.skip_invalid = QCheckBox(
            translate(
                "CalendarFiles", "Skip events that break a rule (such as ending before they start)"
            )
        )
        self.skip_invalid.setObjectName("skipInvalid")
        self.skip_invalid.toggled.connect(
            lambda _checked: self.read(Path(self.path.text())) if self.path.text() else None
        )
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.hide()
        layout = self.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(1, self.skip_invalid)
            layout.insertWidget(layout.count() - 1, self.progress)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            translate("CalendarFiles", "Import a calendar"),
            "",
            translate("CalendarFiles", "Calendar files (*.ics);;All files (*)"),
        )
        if chosen:
            self.read(Path(chosen))

    def read(self, path: Path) -> None:
        """Read ``path`` and show the dry run: nothing changes yet."""
        self.path.setText(str(path))
        # The plan shown so far is let go in the worker: freeing the records of a
        # hundred thousand events would hold this thread for a twentieth of a second.
        shown: list[object] = [self.parsed, self.model.rows]
        self.parsed = None
        self._show_rows(())
        self.import_button.setEnabled(False)
        database, skip = self.database, self.skip_invalid.isChecked()
        self._request += 1
        request = self._request
        self._start(
            translate("CalendarFiles", "Reading {name}…").format(name=shown_path(path.name))
        )
        emit = self._reading.advanced.emit
        # The worker makes millions of objects as it reads a large file: a full pass of
        # the collector over them on this thread would hold the window for a tenth of a
        # second and more, again and again. None runs until the plan is in, and the plan,
        # which lives while it is shown, is kept out of the passes after it.
        collector.hold()

        def planned(preview: ImportPreview) -> None:
            current = self._current(request)
            collector.release(keep=current)
            if current:
                self._show_plan(preview)

        def failed(error: BaseException) -> None:
            collector.release()
            if self._current(request):
                self._failed(error)

        def work() -> ImportPreview:
            shown.clear()
            return calendar_import.preview_import(database, path, skip_invalid=skip, progress=emit)

        self.tasks.run_in_background(work, planned, failed)

    def _current(self, request: int) -> bool:
        """Whether the answer is to the last file asked for, and the dialog still here."""
        if not shiboken6.isValid(self) or request != self._request:
            return False
        self._stop()
        return True

    def _start(self, text: str) -> None:
        self.working = True
        self.progress.setRange(0, 0)
        self.progress.show()
        self.summary.setText(text)

    def _stop(self) -> None:
        self.working = False
        self.progress.hide()

    def _advanced(self, text: str, done: int, total: int) -> None:
        if not self.working:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.summary.setText(text.format(done=f"{done:,}", total=f"{total:,}"))

    def _failed(self, error: BaseException) -> None:
        """A file that could not be read says why where the plan would be; a failure
        nobody expected is logged, and the line names the log."""
        self.summary.setText(failure_line(error))

    def _show_plan(self, preview: ImportPreview) -> None:
        """List the plan as ``import --dry-run`` does, from the same report, in the rows
        the worker worded (:func:`cpp_scheduler.services.calendar_import.plan_rows`):
        this thread only hands them to the table, whatever their number."""
        self.parsed, self.previewed = preview.parsed, preview.versions
        self._show_rows(preview.rows, preview.kinds)
        counts = preview.counts
        # As ``import --dry-run`` counts the same file after its name.
        self.summary.setText(
            translate("CalendarFiles", "{counts}. Nothing has changed yet.").format(
                counts=calendar_import.counted_plan(counts, preview.skipped, applied=False)
            )
        )
        self.import_button.setEnabled(
            bool(counts[ImportAction.CREATE] or counts[ImportAction.UPDATE])
        )

    def _show_rows(self, rows: Sequence[PlanRow], kinds: Iterable[PlanRowKind] = ()) -> None:
        """``kinds``: those of all ``rows``, for the width of the first column."""
        self.model.show_rows(rows)
        self._fitted = (list(islice(rows, _SAMPLE)), list(kinds))
        self._fit_columns(*self._fitted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the columns again to the table's new width: rows shown before the dialog
        took its size would keep titles cut to half of a smaller table."""
        super().resizeEvent(event)
        if self._fitted is not None:
            self._fit_columns(*self._fitted)

    def _fit_columns(self, rows: Sequence[PlanRow], kinds: Iterable[PlanRowKind]) -> None:
        """What happens as wide as the longest of its words, the titles as wide as the
        first rows' need, up to half the table: a long note or reason beside them stays
        in view, elided, rather than pushing the table sideways. Measured from the words
        and a sample, never from every row: Qt would ask a large plan for each."""
        header = self.table.horizontalHeader()
        labels = [self.model.labels[kind][0] for kind in kinds]
        self.table.setColumnWidth(
            0,
            max([header.sectionSizeHint(0)] + [one_line_width(self.table, x) for x in labels]),
        )
        titles = [row.title for row in islice(rows, _SAMPLE)]
        wanted = max([header.sectionSizeHint(1)] + [one_line_width(self.table, x) for x in titles])
        widest = max(self.table.viewport().width() // 2, 200)
        self.table.setColumnWidth(1, min(wanted, widest))

    def confirm(self) -> bool:
        """Import the file read, on the task manager; one undo step. True if it is being
        imported."""
        if self.parsed is None:
            return False
        parsed = self.parsed
        name = shown_path(Path(parsed.source).name)  # one line, in the status and Undo
        if self.editor.read_only is not None:
            QMessageBox.warning(
                self, translate("CalendarFiles", "Cannot import"), self.editor.read_only
            )
            return False
        self._request += 1
        request = self._request
        # The progress outlives the dialog, which may close while the import runs: the
        # editor's, whose connection to this dialog ends with it.
        progress = Progress(self.editor)
        progress.advanced.connect(self._written)
        database, emit, previewed = self.database, progress.advanced.emit, self.previewed
        command = ImportCalendarCommand(
            self.editor,
            name,
            # What the plan shown would overwrite: a colleague's change since refuses it.
            lambda: calendar_import.import_undoably(database, parsed, emit, previewed),
        )
        refusals: list[SchedulerError] = []
        editor = self.editor

        def refused(error: SchedulerError) -> None:
            refusals.append(error)
            progress.deleteLater()
            if not self._current(request):  # the dialog was closed: the window says it
                editor.failed.emit(translate("CalendarFiles", "Cannot import"), failure_line(error))
                return
            self.import_button.setEnabled(True)
            self.summary.setText("")
            QMessageBox.warning(
                self, translate("CalendarFiles", "Cannot import"), failure_line(error)
            )

        def saved() -> None:
            progress.deleteLater()
            if self._current(request):
                self._imported(command)

        self.import_button.setEnabled(False)
        self._start(translate("CalendarFiles", "Importing {name}…").format(name=name))
        self.editor.execute(command, saved, refused)
        return not refusals

    def _written(self, done: int, total: int) -> None:
        self._advanced(
            translate("CalendarFiles", "Written {done} of {total} new events…"), done, total
        )

    def _imported(self, command: ImportCalendarCommand) -> None:
        """Say what the import, now on the undo stack, did, counted as ``import`` counts
        it: each moved or cancelled meeting of a series is one update, as the plan said
        (the command's ids name each event once)."""
        self.command = command
        report = command.report
        assert report is not None  # the import has been made
        counts = {action: report.count(action) for action in ImportAction}
        # As ``import`` counts it after the file's name.
        self.summary.setText(
            translate(
                "CalendarFiles", "Imported: {counts}. Undo (Ctrl+Z) takes the whole import back."
            ).format(counts=calendar_import.counted_plan(counts, len(report.skipped), applied=True))
        )
