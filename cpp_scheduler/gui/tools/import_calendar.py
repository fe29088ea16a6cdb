"""Calendar files from the window: the import dialog and its undo step.

Pick a file, read what it would create and update (the importer's dry run, with the
readings of RFC 5545 it made), confirm; the whole import is one undo step
(:class:`ImportCalendarCommand`): undo removes the events it created and puts back the
ones it updated, exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QProgressBar,
    QTableWidgetItem,
    QWidget,
)

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.commands import Editor, RecordCommand
from cpp_scheduler.gui.forms.ui_import_dialog import Ui_ImportDialog
from cpp_scheduler.gui.taskman import Progress, TaskManager
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.ical.importer import ParsedCalendar
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import calendar_import
from cpp_scheduler.services.calendar_import import ImportAction, ImportReport, ImportUndo
from cpp_scheduler.services.database import Database


class ImportCalendarCommand(RecordCommand):
    """A whole calendar import as one undo step
    (:func:`cpp_scheduler.services.calendar_import.import_undoably`).

    Its undo removes thousands of events as easily as one, and its redo brings them
    back: both run on the window's task manager, as every step's do, the window
    answering meanwhile; the calendar reads the events again when the work is done.
    """

    def __init__(
        self,
        editor: Editor,
        name: str,
        imported: tuple[ImportReport, ImportUndo],
    ) -> None:
        """``imported``: the import as the dialog made it on the task manager, which
        this step only announces the first time it is applied, then undoes and redoes."""
        super().__init__(
            editor, Event, "", translate("CalendarFiles", "Import {name}").format(name=name)
        )
        self.report, self.state = imported
        self._made = True

    @property
    def created_ids(self) -> list[str]:
        return list(self.state.created)

    @property
    def updated_ids(self) -> list[str]:
        return list(self.state.updated)

    def apply(self) -> None:
        if self._made:
            self._made = False
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
        self._writing = Progress(self)
        self._writing.advanced.connect(
            lambda done, total: self._advanced(
                translate("CalendarFiles", "Written {done} of {total} new events…"), done, total
            )
        )
        self.setObjectName("importDialog")
        self.database = database
        self.editor = editor
        self.parsed: ParsedCalendar | None = None
        self.plan: ImportReport | None = None
        self.command: ImportCalendarCommand | None = None

        self.ui = Ui_ImportDialog()
        self.ui.setupUi(self)
        self.path = self.ui.path
        self.table = self.ui.plannedChanges
        self.summary = self.ui.importSummary
        self.import_button = self.ui.importButton
        self.path.returnPressed.connect(lambda: self.read(Path(self.path.text())))
        self.ui.browseButton.clicked.connect(self._browse)
        self.import_button.clicked.connect(self.confirm)
        self.ui.closeButton.clicked.connect(self.reject)
        header = self.table.horizontalHeader()
        # The titles as wide as they need up to half the table (see _fit_titles); the
        # times, readings and reasons take the rest, a long one elided, whole in its tip.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
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
        self.table.setRowCount(0)
        self.import_button.setEnabled(False)
        self.parsed = self.plan = None
        database, skip = self.database, self.skip_invalid.isChecked()

        def planned(progress: Callable[[int, int], None]) -> tuple[ParsedCalendar, ImportReport]:
            parsed = calendar_import.read_file(path, skip_invalid=skip, progress=progress)
            return parsed, calendar_import.apply_calendar(database, parsed, dry_run=True)

        self._request += 1
        request = self._request
        self._start(translate("CalendarFiles", "Reading {name}…").format(name=path.name))
        emit = self._reading.advanced.emit
        self.tasks.run_in_background(
            lambda: planned(emit),
            lambda result: self._show_plan(result) if self._current(request) else None,
            lambda error: self._failed(error) if self._current(request) else None,
        )

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
        if isinstance(error, SchedulerError):
            self.summary.setText(str(error))
        else:
            import sys

            sys.excepthook(type(error), error, error.__traceback__)

    def _show_plan(self, result: tuple[ParsedCalendar, ImportReport]) -> None:
        """List the plan as ``import --dry-run`` does, from the same report: the events,
        the meetings of series the program holds that the file moves or cancels on
        their own, the entries skipped, then what was read as RFC 5545 says and what
        is left out of an event."""
        self.parsed, self.plan = result
        labels = {
            ImportAction.CREATE: (translate("CalendarFiles", "Create"), "#136c2e"),
            ImportAction.UPDATE: (translate("CalendarFiles", "Update"), "#1a4fa0"),
            ImportAction.UNCHANGED: (translate("CalendarFiles", "Already here"), "#5f6368"),
            ImportAction.KEEP: (translate("CalendarFiles", "Keep ours (newer)"), "#7a5300"),
        }
        rows: list[tuple[tuple[str, str | None], str, str]] = [
            (labels[c.action], c.event.title, calendar_import.describe_when(c.event))
            for c in self.plan.changes
        ]
        rows += [
            (labels[session.action], session.occurrence.title, session.detail())
            for session in self.plan.occurrences
        ]
        rows += [
            (
                (translate("CalendarFiles", "Skip"), None),
                skipped.title,
                translate("CalendarFiles", "line {line}: {reason}").format(
                    line=skipped.line, reason=skipped.reason
                ),
            )
            for skipped in self.plan.skipped
        ]
        rows += [
            ((translate("CalendarFiles", "Read as RFC 5545 says"), None), change.event.title, text)
            for change in self.plan.changes
            for text in calendar_import.rfc_readings(change.event)
        ]
        rows += [
            (
                (translate("CalendarFiles", "Read as RFC 5545 says"), None),
                session.occurrence.title,
                text,
            )
            for session in self.plan.occurrences
            for text in session.readings()
        ]
        rows += [
            ((translate("CalendarFiles", "Left out"), "#7a5300"), change.event.title, note)
            for change in self.plan.changes
            for note in change.notes
        ]
        self.table.setRowCount(len(rows))
        for number, ((label, colour), title, text) in enumerate(rows):
            for column, shown in enumerate((label, title, text)):
                item = QTableWidgetItem(shown)
                item.setToolTip(shown)  # a long reason, read whole when the column is not
                if column == 0 and colour is not None:
                    item.setForeground(QColor(colour))
                self.table.setItem(number, column, item)
        self._fit_titles()
        creating = self.plan.count(ImportAction.CREATE)
        updating = self.plan.count(ImportAction.UPDATE)
        kept = self.plan.count(ImportAction.UNCHANGED) + self.plan.count(ImportAction.KEEP)
        self.summary.setText(
            translate(
                "CalendarFiles",
                "{creating} to create, {updating} to update, {kept} left as they are, "
                "{skipped} skipped. Nothing has changed yet.",
            ).format(
                creating=f"{creating:,}",
                updating=f"{updating:,}",
                kept=f"{kept:,}",
                skipped=f"{len(self.plan.skipped):,}",
            )
        )
        self.import_button.setEnabled(bool(creating or updating))

    def _fit_titles(self) -> None:
        """Give the titles their width, up to half the table: a long note or reason
        beside them stays in view, elided, rather than pushing the table sideways."""
        self.table.resizeColumnToContents(1)
        widest = max(self.table.viewport().width() // 2, 200)
        if self.table.columnWidth(1) > widest:
            self.table.setColumnWidth(1, widest)

    def confirm(self) -> bool:
        """Import the file read, on the task manager; one undo step. True if it is being
        imported."""
        if self.parsed is None:
            return False
        parsed = self.parsed
        name = Path(parsed.source).name
        if self.editor.read_only is not None:
            QMessageBox.warning(
                self, translate("CalendarFiles", "Cannot import"), self.editor.read_only
            )
            return False
        self.import_button.setEnabled(False)
        self._request += 1
        request = self._request
        self._start(translate("CalendarFiles", "Importing {name}…").format(name=name))
        database, emit = self.database, self._writing.advanced.emit

        def done(imported: tuple[ImportReport, ImportUndo]) -> None:
            if self._current(request):
                self._imported(ImportCalendarCommand(self.editor, name, imported))

        self.tasks.run_in_background(
            lambda: calendar_import.import_undoably(database, parsed, emit),
            done,
            lambda error: self._import_failed(error) if self._current(request) else None,
        )
        return True

    def _import_failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.summary.setText("")
        if isinstance(error, SchedulerError):
            QMessageBox.warning(self, translate("CalendarFiles", "Cannot import"), str(error))
        else:
            self._failed(error)

    def _imported(self, command: ImportCalendarCommand) -> bool:
        """Put the import made on the task manager on the undo stack; True unless it is
        refused at once."""
        refusals: list[SchedulerError] = []

        def refused(error: SchedulerError) -> None:
            refusals.append(error)
            self.import_button.setEnabled(True)
            self.summary.setText("")
            QMessageBox.warning(self, translate("CalendarFiles", "Cannot import"), str(error))

        def saved() -> None:
            self.command = command
            self.summary.setText(
                translate(
                    "CalendarFiles",
                    "Imported: {created} created, {updated} updated. "
                    "Undo (Ctrl+Z) takes the whole import back.",
                ).format(
                    created=f"{len(command.created_ids):,}",
                    updated=f"{len(command.updated_ids):,}",
                )
            )

        self.import_button.setEnabled(False)
        self.editor.execute(command, saved, refused)
        return not refusals
