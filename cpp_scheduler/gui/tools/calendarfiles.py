"""Calendar files from the window: the export dialog and the import dialog.

Export: the coordinator chooses what goes in the file (the selected event, the events
the calendar shows, a delegation, a participant, a study tour, the whole program or a
range of dates), publish or request, a reminder, and whether attendees' addresses are
included; the preview lists the events the file will hold. One file, or one file per
participant into a folder: the batch runs on a worker with a progress bar and can be
cancelled between two files.

Import: pick a file, read what it would create and update (the importer's dry run),
confirm; the whole import is one undo step (:class:`ImportCalendarCommand`): undo
removes the events it created and puts back the ones it updated, exactly as they were.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.commands import Editor, RecordCommand
from cpp_scheduler.gui.forms.ui_export_dialog import Ui_ExportDialog
from cpp_scheduler.gui.forms.ui_import_dialog import Ui_ImportDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import ExportOptions, Method, Organizer
from cpp_scheduler.ical.importer import ParsedCalendar, read_calendar
from cpp_scheduler.model import Delegation, Event, Participant, StudyTour
from cpp_scheduler.services import calendars, editing
from cpp_scheduler.services.calendars import ImportAction, ImportReport
from cpp_scheduler.store import Database

REMINDERS = {
    "No reminder": None,
    "15 minutes before": timedelta(minutes=15),
    "30 minutes before": timedelta(minutes=30),
    "1 hour before": timedelta(hours=1),
    "1 day before": timedelta(days=1),
}

UPDATE_NOTES = {
    Method.PUBLISH: (
        "<b>How updates reach people.</b> Put the file at a fixed web address (the feed "
        "address) and have people subscribe to it, replacing the file after each change: "
        "Outlook and Thunderbird refresh it within hours, Apple Calendar as often as its "
        "user chose, Google Calendar on its own timetable (often several hours, sometimes "
        "a day). Do not ask people to import a new file: Google skips events it already "
        "holds, and Outlook and Apple Calendar often add a second copy. "
        "See docs/calendar-updates.md."
    ),
    Method.REQUEST: (
        "<b>How updates reach people.</b> Send the file by email as an invitation. "
        "Outlook, Gmail and Google Calendar, Apple Calendar and Thunderbird replace their "
        "copy when an invitation with the same UID and a higher SEQUENCE arrives, so "
        "after each change send the new file to the same people. Cancelled events go in "
        "a second file (…-cancelled.ics) that removes them: send both. "
        "See docs/calendar-updates.md."
    ),
}


class Scope:
    """The choices of the scope box, by key."""

    EVENT = "event"
    SHOWN = "shown"
    DELEGATION = "delegation"
    PARTICIPANT = "participant"
    TOUR = "tour"
    PROGRAM = "program"
    RANGE = "range"


SCOPE_LABELS = {
    Scope.EVENT: "The selected event",
    Scope.SHOWN: "The events the calendar shows",
    Scope.DELEGATION: "A delegation's schedule",
    Scope.PARTICIPANT: "A participant's schedule",
    Scope.TOUR: "A study tour",
    Scope.PROGRAM: "The whole program",
    Scope.RANGE: "The program between two dates",
}


@dataclass(frozen=True)
class PreviewLine:
    title: str
    when: str
    zone: str
    status: str


def preview(
    database: Database, scope: calendars.Scope, dates: scopes.DateRange | None, with_attendees: bool
) -> tuple[list[PreviewLine], int]:
    """The events a file of ``scope`` would hold, and how many study tours."""
    with database.session() as session:
        content = calendars.select_content(session, scope, dates, with_attendees=with_attendees)
        lines = []
        for event in content.events:
            local = timezones.to_local(event.start_utc, event.zone)
            end = timezones.to_local(event.end_utc, event.zone)
            when = f"{local:%a %d %b %Y %H:%M}–{end:%H:%M}"
            if event.recurrence_rule:
                when += " (series)"
            lines.append(PreviewLine(event.title, when, event.zone, event.status.label))
        return lines, len(content.tours)


class _Progress(QObject):
    """Carries the batch's progress from the worker to the GUI thread (queued)."""

    advanced = Signal(int, int)


class ExportDialog(QDialog):
    """Writes calendar files.

    Attributes:
        written: the files of the last export.
    """

    def __init__(
        self,
        database: Database,
        tasks: TaskManager,
        *,
        selected_event: str | None = None,
        shown_events: list[str] | None = None,
        visible_dates: tuple[date, date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.database = database
        self.tasks = tasks
        self.selected_event = selected_event
        self.shown_events = list(shown_events or [])
        self.written: list[Path] = []
        self.batch: calendars.BatchResult | None = None
        self.running = False
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._advanced)

        self.ui = Ui_ExportDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.scope = self.ui.scope
        self.choice = self.ui.scopeChoice
        self.first = self.ui.first
        self.last = self.ui.last
        self.dates_row = self.ui.datesRow
        self.publish = self.ui.publish
        self.request_button = self.ui.request
        self.reminder = self.ui.reminder
        self.organizer = self.ui.organizer
        self.feed_url = self.ui.feedUrl
        self.refresh_hours = self.ui.refreshHours
        self.with_attendees = self.ui.withAttendees
        self.one_file = self.ui.oneFile
        self.per_person = self.ui.perParticipant
        self.target = self.ui.target
        self.preview_table = self.ui.preview
        self.preview_label = self.ui.previewSummary
        self.note = self.ui.updateNote
        self.progress = self.ui.progress
        self.status = self.ui.exportStatus
        self.export_button = self.ui.exportButton
        self.cancel_button = self.ui.cancelButton

        for key, label in SCOPE_LABELS.items():
            self.scope.addItem(label, key)
        first, last = visible_dates or (date.today(), date.today() + timedelta(days=30))
        for edit, day in ((self.first, first), (self.last, last)):
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.dateChanged.connect(lambda _day: self.refresh_preview())
        self.reminder.addItems(list(REMINDERS))
        self.publish.toggled.connect(lambda _on: self._update_note())
        self.with_attendees.toggled.connect(lambda _on: self.refresh_preview())
        self.one_file.toggled.connect(lambda _on: self._update_enabled())
        self.ui.browseButton.clicked.connect(self._browse)
        header = self.preview_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.progress.hide()
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        self.resize(1100, 600)

        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.choice.currentIndexChanged.connect(lambda _index: self.refresh_preview())
        if selected_event is None:
            self.scope.setCurrentIndex(self.scope.findData(Scope.PROGRAM))
        self._scope_changed()
        self._update_note()

    # -- choices ------------------------------------------------------------------------
    @property
    def scope_key(self) -> str:
        return str(self.scope.currentData())

    def set_scope(self, key: str, record_id: str | None = None) -> None:
        self.scope.setCurrentIndex(self.scope.findData(key))
        if record_id is not None:
            self.choice.setCurrentIndex(self.choice.findData(record_id))

    def _scope_changed(self, *_args: object) -> None:
        key = self.scope_key
        self.choice.blockSignals(True)
        self.choice.clear()
        with self.database.session() as session:
            if key == Scope.DELEGATION:
                for delegation in session.scalars(select(Delegation).order_by(Delegation.name)):
                    self.choice.addItem(delegation.name, delegation.id)
            elif key == Scope.PARTICIPANT:
                for person in session.scalars(select(Participant).order_by(Participant.name)):
                    self.choice.addItem(f"{person.name} <{person.email}>", person.id)
            elif key == Scope.TOUR:
                for tour in session.scalars(select(StudyTour).order_by(StudyTour.start_date)):
                    self.choice.addItem(tour.title, tour.id)
        self.choice.blockSignals(False)
        self.choice.setVisible(key in (Scope.DELEGATION, Scope.PARTICIPANT, Scope.TOUR))
        self._update_enabled()
        self.refresh_preview()

    def _update_enabled(self) -> None:
        key = self.scope_key
        batch_possible = key in (Scope.PROGRAM, Scope.RANGE)
        self.per_person.setEnabled(batch_possible)
        if not batch_possible and self.per_person.isChecked():
            self.one_file.setChecked(True)
        self.dates_row.setEnabled(key == Scope.RANGE)

    def _update_note(self) -> None:
        self.note.setText(UPDATE_NOTES[self.method])
        publishing = self.method is Method.PUBLISH
        self.organizer.setEnabled(not publishing)
        self.feed_url.setEnabled(publishing)
        self.refresh_hours.setEnabled(publishing)

    @property
    def method(self) -> Method:
        return Method.PUBLISH if self.publish.isChecked() else Method.REQUEST

    def dates(self) -> scopes.DateRange | None:
        if self.scope_key != Scope.RANGE:
            return None
        first = self.first.date().toPython()
        last = self.last.date().toPython()
        assert isinstance(first, date)
        assert isinstance(last, date)
        return scopes.DateRange(first, last)

    def service_scope(self) -> calendars.Scope:
        key = self.scope_key
        record_id = self.choice.currentData()
        if key == Scope.EVENT:
            if self.selected_event is None:
                raise SchedulerError("Select an event in the calendar first.")
            return calendars.EventListScope((self.selected_event,), "CPP event")
        if key == Scope.SHOWN:
            return calendars.EventListScope(tuple(self.shown_events), "CPP events shown")
        if key in (Scope.DELEGATION, Scope.PARTICIPANT, Scope.TOUR) and record_id is None:
            raise SchedulerError(f"The program has no {key} to export yet.")
        with self.database.session() as session:
            if key == Scope.DELEGATION:
                delegation = session.get(Delegation, record_id)
                assert delegation is not None
                return calendars.DelegationScope(delegation.name)
            if key == Scope.PARTICIPANT:
                person = session.get(Participant, record_id)
                assert person is not None
                return calendars.ParticipantScope(person.email)
        if key == Scope.TOUR:
            return calendars.TourScope(str(record_id))
        return calendars.ProgramScope()

    def options(self) -> ExportOptions:
        """The file's options; raises :class:`SchedulerError` for an unreadable organiser."""
        organizer = None
        feed = self.feed_url.text().strip() if self.method is Method.PUBLISH else ""
        text = self.organizer.text().strip()
        if self.method is Method.REQUEST and text:
            name, address = parseaddr(text)
            if "@" not in address:
                raise SchedulerError(
                    f"The organiser '{text}' needs an email address: "
                    "'TDLC coordinators <cpp@tdlc.example.org>'."
                )
            organizer = Organizer(name or address, address)
        return ExportOptions(
            method=self.method,
            reminder=REMINDERS[self.reminder.currentText()],
            organizer=organizer,
            source_url=feed or None,
            refresh_interval=timedelta(hours=self.refresh_hours.value()) if feed else None,
        )

    # -- preview ------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        self.preview_table.setRowCount(0)
        try:
            dates = self.dates()
            lines, tours = preview(
                self.database, self.service_scope(), dates, self.with_attendees.isChecked()
            )
        except (SchedulerError, ValueError) as error:
            self.preview_label.setText(str(error))
            self.export_button.setEnabled(False)
            return
        self.preview_table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, text in enumerate((line.title, line.when, line.zone, line.status)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.preview_table.setItem(row, column, item)
        noun = "event" if len(lines) == 1 else "events"
        text = f"{len(lines)} {noun}"
        if tours:
            text += f" and {tours} study {'tour' if tours == 1 else 'tours'}"
        self.preview_label.setText(text)
        self.export_button.setEnabled(bool(lines or tours) and not self.running)

    @property
    def preview_titles(self) -> list[str]:
        items = [self.preview_table.item(row, 0) for row in range(self.preview_table.rowCount())]
        return [item.text() for item in items if item is not None]

    # -- writing ------------------------------------------------------------------------
    def _browse(self) -> None:
        if self.per_person.isChecked():
            chosen = QFileDialog.getExistingDirectory(self, "Folder for the participants' files")
        else:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Calendar file", "cpp-program.ics", "Calendar files (*.ics)"
            )
        if chosen:
            self.target.setText(chosen)

    def export(self) -> None:
        """Write the file (or the files) on the worker; the dialog stays responsive."""
        target = self.target.text().strip()
        if not target:
            self.status.setText("Choose where to write first.")
            return
        try:
            scope = self.service_scope()
            dates = self.dates()
        except (SchedulerError, ValueError) as error:
            self.status.setText(str(error))
            return
        try:
            options = self.options()
        except SchedulerError as error:
            self.status.setText(str(error))
            return
        attendees = self.with_attendees.isChecked()
        database = self.database
        path = Path(target)
        self._cancel.clear()
        self.running = True
        self.export_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.progress.show()
        if self.per_person.isChecked():
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            progress = self._progress.advanced.emit
            cancelled = self._cancel.is_set
            self.status.setText("Writing one file per participant…")
            self.tasks.run_in_background(
                lambda: calendars.export_each_participant(
                    database,
                    path,
                    options,
                    dates=dates,
                    with_attendees=attendees,
                    progress=progress,
                    cancelled=cancelled,
                ),
                self._batch_done,
                self._failed,
            )
        else:
            self.progress.setRange(0, 0)
            self.status.setText(f"Writing {path.name}…")
            self.tasks.run_in_background(
                lambda: calendars.export_calendar(
                    database, scope, path, options, dates=dates, with_attendees=attendees
                ),
                self._file_done,
                self._failed,
            )

    def _advanced(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(f"Written {done:,} of {total:,} participants…")

    def _finish(self) -> None:
        self.running = False
        self.progress.hide()
        self.cancel_button.setText("Close")
        self.export_button.setEnabled(True)

    def _file_done(self, written: list[Path]) -> None:
        self._finish()
        self.written = list(written)
        self.status.setText("Written " + ", ".join(str(path) for path in written) + ".")

    def _batch_done(self, result: calendars.BatchResult) -> None:
        self._finish()
        self.batch = result
        self.written = list(result.files)
        text = f"Written {len(result.files):,} files for {result.participants:,} participants"
        if result.without_events:
            text += f"; {len(result.without_events)} have nothing on the program"
        if result.cancelled:
            text = "Cancelled. " + text + " before the cancellation"
        self.status.setText(text + ".")

    def _failed(self, error: BaseException) -> None:
        self._finish()
        if isinstance(error, (SchedulerError, OSError)):
            self.status.setText(f"Cannot export: {error}")
        else:
            import sys

            sys.excepthook(type(error), error, error.__traceback__)

    def cancel(self) -> None:
        """Stop a batch after the file being written."""
        self._cancel.set()
        self.status.setText("Cancelling…")

    def _cancel_or_close(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.reject()


# -- import ------------------------------------------------------------------------------------
@dataclass
class _Restore:
    """Deletion snapshots, enough to put records back exactly as they were."""

    before: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The updated events as they were before the import, by id."""
    after: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Every record the import wrote, as the import left it, by id (taken at undo)."""
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    """Participants the import added (unknown organisers)."""


class ImportCalendarCommand(RecordCommand):
    """A whole calendar import as one undo step."""

    def __init__(self, editor: Editor, parsed: ParsedCalendar, name: str) -> None:
        super().__init__(editor, Event, "", f"Import {name}")
        self.parsed = parsed
        self.report: ImportReport | None = None
        self.state = _Restore()
        self._applied_before = False

    @property
    def created_ids(self) -> list[str]:
        return list(self.state.created)

    @property
    def updated_ids(self) -> list[str]:
        return list(self.state.updated)

    def _snapshot(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Deletion snapshots of ``ids`` taken in a transaction that is rolled back."""
        found: dict[str, dict[str, Any]] = {}
        with self.editor.database.session() as session:
            for event_id in ids:
                found[event_id] = editing.delete_record(session, Event, event_id)
            session.rollback()
        return found

    def apply(self) -> None:
        database = self.editor.database
        if self._applied_before:
            with database.transaction() as session:
                for person_id in self.state.people:
                    editing.restore_record(session, Participant, self.state.after[person_id])
                for event_id in self.state.created:
                    editing.restore_record(session, Event, self.state.after[event_id])
                for event_id in self.state.updated:
                    editing.delete_record(session, Event, event_id)
                    editing.restore_record(session, Event, self.state.after[event_id])
            self.editor.notify(Event, self.state.created + self.state.updated)
            return
        uids = [event.uid for event in self.parsed.events]
        with database.session() as session:
            held = (
                {
                    uid: event_id
                    for uid, event_id in session.execute(
                        select(Event.uid, Event.id).where(Event.uid.in_(uids))
                    )
                }
                if uids
                else {}
            )
            people_before = set(session.scalars(select(Participant.id)))
        plan = calendars.apply_calendar(database, self.parsed, dry_run=True)
        updating = [
            held[change.event.uid]
            for change in plan.changes
            if change.action is ImportAction.UPDATE
        ]
        self.state.before = self._snapshot(updating)
        self.report = calendars.apply_calendar(database, self.parsed)
        with database.session() as session:
            ids = (
                {
                    uid: event_id
                    for uid, event_id in session.execute(
                        select(Event.uid, Event.id).where(Event.uid.in_(uids))
                    )
                }
                if uids
                else {}
            )
            people_after = set(session.scalars(select(Participant.id)))
        self.state.created = [
            ids[change.event.uid]
            for change in self.report.changes
            if change.action is ImportAction.CREATE
        ]
        self.state.updated = updating
        self.state.people = sorted(people_after - people_before)
        self._applied_before = True
        self.editor.notify(Event, self.state.created + self.state.updated)

    def revert(self) -> None:
        with self.editor.database.transaction() as session:
            for event_id in self.state.created:
                self.state.after[event_id] = editing.delete_record(session, Event, event_id)
            for event_id in self.state.updated:
                self.state.after[event_id] = editing.delete_record(session, Event, event_id)
                editing.restore_record(session, Event, self.state.before[event_id])
            for person_id in self.state.people:
                self.state.after[person_id] = editing.delete_record(session, Participant, person_id)
        self.editor.notify(Event, self.state.created + self.state.updated)


class ImportDialog(QDialog):
    """Shows what a calendar file would change, then imports it as one undo step."""

    def __init__(self, database: Database, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.database = database
        self.editor = editor
        self.parsed: ParsedCalendar | None = None
        self.plan: ImportReport | None = None
        self.command: ImportCalendarCommand | None = None

        self.ui = Ui_ImportDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.path = self.ui.path
        self.table = self.ui.plannedChanges
        self.summary = self.ui.importSummary
        self.import_button = self.ui.importButton
        self.path.returnPressed.connect(lambda: self.read(Path(self.path.text())))
        self.ui.browseButton.clicked.connect(self._browse)
        self.import_button.clicked.connect(self.confirm)
        self.ui.closeButton.clicked.connect(self.reject)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.resize(1100, 560)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Import a calendar", "", "Calendar files (*.ics);;All files (*)"
        )
        if chosen:
            self.read(Path(chosen))

    def read(self, path: Path) -> None:
        """Read ``path`` and show the dry run: nothing changes yet."""
        self.path.setText(str(path))
        self.table.setRowCount(0)
        self.import_button.setEnabled(False)
        self.parsed = self.plan = None
        try:
            data = path.read_bytes()
        except OSError as error:
            self.summary.setText(f"{path} cannot be read: {error.strerror}")
            return
        try:
            self.parsed = read_calendar(data, str(path))
            self.plan = calendars.apply_calendar(self.database, self.parsed, dry_run=True)
        except SchedulerError as error:
            self.summary.setText(str(error))
            return
        labels = {
            ImportAction.CREATE: ("Create", "#136c2e"),
            ImportAction.UPDATE: ("Update", "#1a4fa0"),
            ImportAction.UNCHANGED: ("Already here", "#5f6368"),
            ImportAction.KEEP: ("Keep ours (newer)", "#7a5300"),
        }
        rows = [
            (labels[c.action], c.event.title, c.event.start_utc, c.event.zone)
            for c in self.plan.changes
        ]
        self.table.setRowCount(len(rows) + len(self.plan.skipped))
        for number, ((label, colour), title, start, zone) in enumerate(rows):
            local = timezones.to_local(start, zone)
            for column, text in enumerate((label, title, f"{local:%a %d %b %Y %H:%M} {zone}")):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setForeground(QColor(colour))
                self.table.setItem(number, column, item)
        for offset, skipped in enumerate(self.plan.skipped):
            row = len(rows) + offset
            for column, text in enumerate(
                ("Skip", skipped.title, f"line {skipped.line}: {skipped.reason}")
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        creating = self.plan.count(ImportAction.CREATE)
        updating = self.plan.count(ImportAction.UPDATE)
        self.summary.setText(
            f"{creating} to create, {updating} to update, "
            f"{self.plan.count(ImportAction.UNCHANGED) + self.plan.count(ImportAction.KEEP)} "
            f"left as they are, {len(self.plan.skipped)} skipped. Nothing has changed yet."
        )
        self.import_button.setEnabled(bool(creating or updating))

    def confirm(self) -> bool:
        """Import the file read; one undo step. True if it was imported."""
        if self.parsed is None:
            return False
        command = ImportCalendarCommand(self.editor, self.parsed, Path(self.parsed.source).name)
        try:
            self.editor.execute(command)
        except SchedulerError as error:
            QMessageBox.warning(self, "Cannot import", str(error))
            return False
        self.command = command
        self.import_button.setEnabled(False)
        self.summary.setText(
            f"Imported: {len(command.created_ids)} created, {len(command.updated_ids)} "
            "updated. Undo (Ctrl+Z) takes the whole import back."
        )
        return True
