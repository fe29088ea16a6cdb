"""Calendar files from the window: the export dialog.

The coordinator chooses what goes in the file (the selected event, the events the
calendar shows, a delegation, a participant, a study tour, the whole program or a range
of dates), publish or request, a reminder, and whether attendees' addresses are
included. The preview is the file itself read back
(:func:`cpp_scheduler.services.calendar_preview.preview_export`, the rows
``cpp-scheduler export ics --preview`` prints): each meeting in its reader's zone, with
both dates and its own UTC offset; the selected meeting is highlighted. It is computed
on the task manager. One file, or one file per participant into a folder: the batch runs
there too, with a progress bar, and can be cancelled between two files.

The feed address is judged as it is typed, by the rule the export itself applies
(:func:`cpp_scheduler.services.calendar_export.feed_address_problem`): the field is
outlined with the reason under it, as the editors show a problem, and Export waits.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHeaderView,
    QWidget,
)

from cpp_scheduler import limits
from cpp_scheduler.errors import SchedulerError, shown_path, system_refusal
from cpp_scheduler.files import CALENDAR_FILE, named_as, typed_path
from cpp_scheduler.gui.choices import SearchedChoices, searched_choices
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.dialogs.validation import STYLE_SHEET, InlineValidator
from cpp_scheduler.gui.forms.ui_export_dialog import Ui_ExportDialog
from cpp_scheduler.gui.opening import once_painted
from cpp_scheduler.gui.qtvalues import keep_to_program_days
from cpp_scheduler.gui.taskman import Progress, TaskManager
from cpp_scheduler.gui.tools.export_preview_model import ExportPreviewModel
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import ExportOptions, Method
from cpp_scheduler.mail.addresses import read_organizer
from cpp_scheduler.services import calendar_export, calendar_preview
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.rows import Choice, OccurrenceKey
from cpp_scheduler.services.saved_words import file_written

REMINDERS = {
    QT_TRANSLATE_NOOP("CalendarFiles", "No reminder"): None,
    QT_TRANSLATE_NOOP("CalendarFiles", "15 minutes before"): timedelta(minutes=15),
    QT_TRANSLATE_NOOP("CalendarFiles", "30 minutes before"): timedelta(minutes=30),
    QT_TRANSLATE_NOOP("CalendarFiles", "1 hour before"): timedelta(hours=1),
    QT_TRANSLATE_NOOP("CalendarFiles", "1 day before"): timedelta(days=1),
}

PREVIEW_MOST_EVENTS = 200
"""The events the dialog reads back at most: a fraction of a second of its worker,
however large the scope (the file itself holds every event)."""

SHOWN_SETTLE_MS = 250
"""How long the calendar's events must hold still (a filter typed, Next pressed
repeatedly) before "The events the calendar shows" is previewed again."""

GUIDE_LINK = "<a href='calendar-updates.md'>{link}</a>"
"""The notes' link to the user guide's page on updates, which Help shows."""

UPDATE_NOTES = {
    Method.PUBLISH: QT_TRANSLATE_NOOP(
        "CalendarFiles",
        "<b>How updates reach people.</b> Put the file at a fixed web address (the feed "
        "address) and have people subscribe to it, replacing the file after each change: "
        "Outlook and Thunderbird refresh it within hours, Apple Calendar as often as its "
        "user chose, Google Calendar on its own timetable (often several hours, sometimes "
        "a day). Do not ask people to import a new file: Google skips events it already "
        "holds, and Outlook and Apple Calendar often add a second copy. ",
    ),
    Method.REQUEST: QT_TRANSLATE_NOOP(
        "CalendarFiles",
        "<b>How updates reach people.</b> Send the file by email as an invitation, one "
        "event to a message: Outlook and Gmail act on the first event of a file only "
        "(Tools > Send invitations… sends each event on its own). Outlook, Gmail and "
        "Google Calendar, Apple Calendar and Thunderbird replace their copy when an "
        "invitation with the same UID and a higher SEQUENCE arrives, so after each change "
        "send the new file to the same people. Cancelled events go in a second file "
        "(…-cancelled.ics) that removes them: send both. ",
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
    Scope.EVENT: QT_TRANSLATE_NOOP("CalendarFiles", "The selected event"),
    Scope.SHOWN: QT_TRANSLATE_NOOP("CalendarFiles", "The events the calendar shows"),
    Scope.DELEGATION: QT_TRANSLATE_NOOP("CalendarFiles", "A delegation's schedule"),
    Scope.PARTICIPANT: QT_TRANSLATE_NOOP("CalendarFiles", "A participant's schedule"),
    Scope.TOUR: QT_TRANSLATE_NOOP("CalendarFiles", "A study tour"),
    Scope.PROGRAM: QT_TRANSLATE_NOOP("CalendarFiles", "The whole program"),
    Scope.RANGE: QT_TRANSLATE_NOOP("CalendarFiles", "The program between two dates"),
}


NOTHING_LISTED = {
    Scope.DELEGATION: QT_TRANSLATE_NOOP("CalendarFiles", "The program has no delegation yet."),
    Scope.PARTICIPANT: QT_TRANSLATE_NOOP("CalendarFiles", "The program has no participant yet."),
    Scope.TOUR: QT_TRANSLATE_NOOP("CalendarFiles", "The program has no study tour yet."),
}
"""What the dialog says when the scope chosen lists nothing to export, by scope."""


def _by_scope(
    choices: calendar_export.ScopeChoices,
) -> dict[str, tuple[calendar_export.ScopeChoice, ...]]:
    """The records of each scope that names one of a list."""
    return {
        Scope.DELEGATION: choices.delegations,
        Scope.PARTICIPANT: choices.participants,
        Scope.TOUR: choices.tours,
    }


def _listed_to_choose(
    choices: calendar_export.ScopeChoices,
) -> tuple[calendar_export.ScopeChoices, dict[str, SearchedChoices]]:
    """``choices``, and each listed scope's as its picker offers them with their search
    texts, worked out with the read, off the GUI thread (thousands of people)."""
    return choices, {
        key: searched_choices(Choice(c.record_id, c.label, searched=c.searched) for c in records)
        for key, records in _by_scope(choices).items()
    }


class ExportDialog(QDialog):
    """Writes calendar files, and shows first what the file will show its reader.

    Attributes:
        written: the files of the last export.
        preview_result: the rows on show (None while they are being read, or when the
            choices cannot make a file).
        validator: marks the feed address when the rule finds it wrong, with the
            reason under it, and holds Export back meanwhile.

    Signals:
        helpRequested(str): the coordinator asked for a document of the user guide.
    """

    helpRequested = Signal(str)

    def __init__(
        self,
        database: Database,
        tasks: TaskManager,
        *,
        selected_event: str | None = None,
        selected_occurrence: OccurrenceKey | None = None,
        shown_events: Callable[[], list[str]] | None = None,
        visible_dates: tuple[date, date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.database = database
        self.tasks = tasks
        if selected_occurrence is None and selected_event is not None:
            selected_occurrence = OccurrenceKey(selected_event)
        self.selected_occurrence = selected_occurrence
        self.selected_event = selected_occurrence.event_id if selected_occurrence else None
        self._shown_events_of = shown_events or list
        """Asked for the events the calendar shows (the window's answer), at the start
        and each time the calendar shows others (:meth:`follow_shown`)."""
        self.shown_events = self._shown_events_of()
        self._shown_settle = QTimer(self)
        self._shown_settle.setSingleShot(True)
        self._shown_settle.setInterval(SHOWN_SETTLE_MS)
        self._shown_settle.timeout.connect(self._shown_settled)
        self.written: list[Path] = []
        self.batch: calendar_export.BatchResult | None = None
        self.preview_result: calendar_preview.ExportPreview | None = None
        self.running = False
        self.choices: calendar_export.ScopeChoices | None = None
        self._to_choose: dict[str, SearchedChoices] = {}
        """Each listed scope's records as its picker offers them, searched by words."""
        self._listed_key: str | None = None
        self._chosen_by_scope: dict[str, str | None] = {}
        self._pending_choice: str | None = None
        self._preview_request = 0
        self._preview_pending = False
        self._reading = False
        """Whether the program's lists and the preview are read: once the dialog is on
        screen, so that it paints before they compete with it for the interpreter."""
        self._cancel = threading.Event()
        self._progress = Progress(self)
        self._progress.advanced.connect(self._advanced)

        self.ui = Ui_ExportDialog()
        self.ui.setupUi(self)
        self.scope = self.ui.scope
        self.choice = self.ui.scopeChoice
        self.choice.setSearchable(True)  # hundreds of participants: found by typing
        self.first = self.ui.first
        self.last = self.ui.last
        for field in (self.first, self.last):
            keep_to_program_days(field)  # what ``export ics --from --to`` accepts
        self.dates_row = self.ui.datesRow
        self.publish = self.ui.publish
        self.request_button = self.ui.request
        self.reminder = self.ui.reminder
        self.organizer = self.ui.organizer
        self.feed_url = self.ui.feedUrl
        self.refresh_hours = self.ui.refreshHours
        # As far as the command line's --refresh-hours goes: a year.
        self.refresh_hours.setMaximum(limits.LONGEST_REFRESH_INTERVAL // timedelta(hours=1))
        self.with_attendees = self.ui.withAttendees
        self.one_file = self.ui.oneFile
        self.per_person = self.ui.perParticipant
        self.target = self.ui.target
        self.preview_table = self.ui.preview
        self.preview_model = ExportPreviewModel(self)
        self.preview_table.setModel(self.preview_model)
        self.preview_label = self.ui.previewSummary
        self.preview_label.setWordWrap(True)  # its notes are sentences
        self.note = self.ui.updateNote
        self.note.linkActivated.connect(self.helpRequested)
        self.progress = self.ui.progress
        self.status = self.ui.exportStatus
        self.export_button = self.ui.exportButton
        self.cancel_button = self.ui.cancelButton
        self._export_ready = False
        """Whether Export could run but for a problem of the fields: a file to write
        (its preview read) and no export running."""
        self.setStyleSheet(STYLE_SHEET)
        self.validator = InlineValidator(self.export_button)
        self.validator.bind(self.feed_url, calendar_export.FEED_ADDRESS)
        self.feed_url.textChanged.connect(self._feed_edited)

        for key, label in SCOPE_LABELS.items():
            self.scope.addItem(translate("CalendarFiles", label), key)
        first, last = visible_dates or (date.today(), date.today() + timedelta(days=30))
        for edit, day in ((self.first, first), (self.last, last)):
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.dateChanged.connect(lambda _day: self.refresh_preview())
        for reminder in REMINDERS:
            self.reminder.addItem(translate("CalendarFiles", reminder), reminder)
        self.publish.toggled.connect(lambda _on: self._method_changed())
        self.with_attendees.toggled.connect(lambda _on: self.refresh_preview())
        self.one_file.toggled.connect(lambda _on: self._update_enabled())
        self.ui.browseButton.clicked.connect(self._browse)
        header = self.preview_table.horizontalHeader()
        # The start and the end, dates and offsets, are what the preview is for: they get
        # their whole width; the title is elided (its tooltip holds it), and the place
        # and the link follow to the right.
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(0, 200)
        header.resizeSection(4, 220)
        self.progress.hide()
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        self.resize(1280, 620)

        if self.selected_event is None:
            # The events on screen, not the whole program: its preview is built and read
            # back at once, which for a year of events takes seconds of the worker.
            self.scope.setCurrentIndex(self.scope.findData(Scope.SHOWN))
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.choice.currentIndexChanged.connect(lambda _index: self.refresh_preview())
        self._scope_changed()
        self._update_note()
        once_painted(self, self._start_reading)

    def _start_reading(self) -> None:
        self._reading = True
        database = self.database
        self.tasks.run_in_background(
            lambda: _listed_to_choose(calendar_export.scope_choices(database)),
            self._choices_read,
            self._failed_read,
        )
        if self._preview_pending:
            self.refresh_preview()

    # -- choices ------------------------------------------------------------------------
    @property
    def scope_key(self) -> str:
        return str(self.scope.currentData())

    def set_scope(self, key: str, record_id: str | None = None) -> None:
        """Choose what to export; a delegation, participant or tour by its record id
        (taken as soon as the program's lists have been read)."""
        self._pending_choice = record_id
        self.scope.setCurrentIndex(self.scope.findData(key))
        self._take_pending_choice()

    def _take_pending_choice(self) -> None:
        if self._pending_choice is None or self.choices is None:
            return
        index = self.choice.findData(self._pending_choice)
        self._pending_choice = None
        if index >= 0:
            self.choice.setCurrentIndex(index)

    def _choices_read(
        self, read: tuple[calendar_export.ScopeChoices, dict[str, SearchedChoices]]
    ) -> None:
        if not shiboken6.isValid(self):
            return
        self.choices, self._to_choose = read
        self._scope_changed()

    def _failed_read(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.preview_label.setText(
            translate("CalendarFiles", "Cannot read the program: {error}").format(
                error=failure_line(error)
            )
        )

    @property
    def _listed_scope(self) -> bool:
        """Whether the scope is one delegation, participant or tour of the program's lists."""
        return self.scope_key in (Scope.DELEGATION, Scope.PARTICIPANT, Scope.TOUR)

    def _listed(self, key: str) -> tuple[calendar_export.ScopeChoice, ...]:
        if self.choices is None:
            return ()
        return _by_scope(self.choices).get(key, ())

    def _scope_changed(self, *_args: object) -> None:
        # Each list keeps its choice: back from the participants, the delegation chosen
        # before is chosen again (and a list read anew keeps the one it still holds).
        if self._listed_key is not None:
            self._chosen_by_scope[self._listed_key] = self.choice.chosenValue()
        key = self._listed_key = self.scope_key
        self.choice.setChoices(self._to_choose.get(key, ()), self._chosen_by_scope.get(key))
        self._take_pending_choice()
        self.choice.setVisible(self._listed_scope)
        self._update_enabled()
        self.refresh_preview()

    def _update_enabled(self) -> None:
        key = self.scope_key
        batch_possible = key in (Scope.PROGRAM, Scope.RANGE)
        self.per_person.setEnabled(batch_possible)
        if not batch_possible and self.per_person.isChecked():
            self.one_file.setChecked(True)
        self.dates_row.setEnabled(key == Scope.RANGE)

    def _method_changed(self) -> None:
        self._update_note()
        self._judge_fields()  # the feed address is only a published file's
        self.refresh_preview()  # request mode moves cancelled events to a second file

    def _feed_text(self) -> str:
        """The feed address the file would carry: none for invitations."""
        return self.feed_url.text().strip() if self.method is Method.PUBLISH else ""

    def _feed_edited(self) -> None:
        self.validator.touch(self.feed_url)
        self._judge_fields()

    def _judge_fields(self) -> None:
        """Show the feed address's problem under it, and let Export run only without."""
        problem = calendar_export.feed_address_problem(self._feed_text())
        self.validator.show([problem] if problem is not None else [])
        self._set_export_ready(self._export_ready)
        self.export_button.setToolTip(
            translate("CalendarFiles", "Cannot export: {error}").format(error=problem.message)
            if problem is not None
            else ""
        )

    def _set_export_ready(self, ready: bool) -> None:
        """Export can run as far as the file and the work go; it is enabled only when
        the fields have no problem too."""
        self._export_ready = ready
        self.export_button.setEnabled(ready and not self.validator.problems)

    def _update_note(self) -> None:
        link = translate("CalendarFiles", "How each calendar program takes updates…")
        self.note.setText(
            translate("CalendarFiles", UPDATE_NOTES[self.method])
            + GUIDE_LINK.format(link=html.escape(link))
        )
        publishing = self.method is Method.PUBLISH
        self.organizer.setEnabled(not publishing)
        self.feed_url.setEnabled(publishing)
        self.refresh_hours.setEnabled(publishing)

    @property
    def method(self) -> Method:
        return Method.PUBLISH if self.publish.isChecked() else Method.REQUEST

    def dates(self) -> scopes.DateRange | None:
        """The range of dates chosen, for a range's scope; raises
        :class:`SchedulerError` when it ends before it starts, which the coordinator
        reads as it is worded, as any other refusal of the choices."""
        if self.scope_key != Scope.RANGE:
            return None
        first = self.first.date().toPython()
        last = self.last.date().toPython()
        assert isinstance(first, date)
        assert isinstance(last, date)
        try:
            return scopes.DateRange(first, last)
        except ValueError as error:
            raise SchedulerError(str(error)) from error

    def service_scope(self) -> calendar_export.Scope:
        """The scope chosen, as the export takes it; raises :class:`SchedulerError` when
        the choices name nothing to export yet."""
        key = self.scope_key
        if key == Scope.EVENT:
            if self.selected_event is None:
                raise SchedulerError(
                    translate("CalendarFiles", "Select an event in the calendar first.")
                )
            # The file ``export ics --event`` writes, named after the event as it is.
            return calendar_export.EventScope(self.selected_event)
        if key == Scope.SHOWN:
            return calendar_export.EventListScope(
                tuple(self.shown_events), calendar_export.SHOWN_EVENTS
            )
        if self._listed_scope:
            record_id = self.choice.currentData()
            listed = self._listed(key)
            chosen = next((c for c in listed if c.record_id == record_id), None)
            if chosen is None:
                if self.choices is None:  # the program's lists are still being read
                    raise SchedulerError(translate("CalendarFiles", "Reading the program's lists…"))
                if listed:  # one chosen before a colleague deleted it
                    raise SchedulerError(translate("CalendarFiles", "Choose one in the list."))
                raise SchedulerError(translate("CalendarFiles", NOTHING_LISTED[key]))
            return chosen.scope
        return calendar_export.ProgramScope()

    def options(self) -> ExportOptions:
        """The file's options; raises :class:`SchedulerError` for an unreadable organiser
        or a feed address that is not one web address."""
        organizer = None
        feed = self._feed_text()
        text = self.organizer.text().strip()
        if self.method is Method.REQUEST and text:
            organizer = read_organizer(text)
        options = ExportOptions(
            method=self.method,
            reminder=REMINDERS[str(self.reminder.currentData())],
            organizer=organizer,
            source_url=feed or None,
            refresh_interval=timedelta(hours=self.refresh_hours.value()) if feed else None,
        )
        calendar_export.check_options(options)
        return options

    # -- preview ------------------------------------------------------------------------
    @property
    def preview_pending(self) -> bool:
        """True while the file of the current choices is being built and read back."""
        return self._preview_pending

    def refresh_preview(self) -> None:
        """Read the file of the current choices back, on the worker; the last request
        wins, so a quick change of choice never shows an older answer."""
        self._preview_request += 1
        request = self._preview_request
        self.preview_result = None
        self.preview_model.show_rows(())
        self._set_export_ready(False)
        if self.choices is None and self._listed_scope:
            self._preview_pending = True  # asked again when the lists arrive
            self.preview_label.setText(translate("CalendarFiles", "Reading the program…"))
            return
        try:
            scope = self.service_scope()
            dates = self.dates()
        except SchedulerError as error:
            self._preview_pending = False
            self.preview_label.setText(str(error))
            return
        # The preview reads the content, not the envelope of delivery: an organiser
        # still being typed must not stop it.
        options = ExportOptions(method=self.method)
        attendees = self.with_attendees.isChecked()
        database = self.database
        self._preview_pending = True
        self.preview_label.setText(translate("CalendarFiles", "Reading the file back…"))
        if not self._reading:
            return  # asked again when the dialog has painted
        self.tasks.run_in_background(
            lambda: calendar_preview.preview_export(
                database,
                scope,
                options,
                dates=dates,
                with_attendees=attendees,
                most_events=PREVIEW_MOST_EVENTS,
            ),
            lambda result: self._preview_read(request, result),
            lambda error: self._preview_failed(request, error),
        )

    def _preview_read(self, request: int, preview: calendar_preview.ExportPreview) -> None:
        if not shiboken6.isValid(self) or request != self._preview_request:
            return
        self._preview_pending = False
        self.preview_result = preview
        self.preview_model.show_rows(preview.rows)
        self._highlight(preview)
        self.preview_label.setText(calendar_preview.summary_text(preview))
        self._set_export_ready(bool(preview.rows or preview.tours) and not self.running)

    def follow_shown(self) -> None:
        """The calendar may show other events (other days, a filter, an event added or
        deleted): asked again once it settles, so that "The events the calendar
        shows" is what it shows now, as ``export ics --shown`` would write it."""
        self._shown_settle.start()

    def _shown_settled(self) -> None:
        shown = self._shown_events_of()
        if shown == self.shown_events:
            return
        self.shown_events = shown
        if self.scope_key == Scope.SHOWN:
            self.refresh_preview()

    def follow_selection(self, key: OccurrenceKey | None) -> None:
        """The window selected another meeting: the selected event's file is read again,
        any other file only moves its highlight."""
        self.selected_occurrence = key
        self.selected_event = key.event_id if key is not None else None
        if self.scope_key == Scope.EVENT:
            self.refresh_preview()
        elif self.preview_result is not None:
            self._highlight(self.preview_result)

    def _highlight(self, preview: calendar_preview.ExportPreview) -> None:
        self.preview_table.clearSelection()
        for number, row in enumerate(preview.rows):
            if self._is_selected(row):
                self.preview_table.selectRow(number)
                self.preview_table.scrollTo(self.preview_table.model().index(number, 0))
                return

    def _preview_failed(self, request: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or request != self._preview_request:
            return
        self._preview_pending = False
        self.preview_label.setText(failure_line(error))

    def _is_selected(self, row: calendar_preview.PreviewRow) -> bool:
        key = self.selected_occurrence
        return (
            key is not None
            and row.event_id == key.event_id
            and (key.recurrence_id is None or row.recurrence_id == key.recurrence_id)
        )

    @property
    def preview_titles(self) -> list[str]:
        return [row.title for row in self.preview_model.rows]

    def preview_cells(self) -> list[list[str]]:
        """The preview table as the coordinator reads it, row by row: what the view
        draws in each cell."""
        model = self.preview_model
        return [
            [str(model.index(row, column).data() or "") for column in range(model.columnCount())]
            for row in range(model.rowCount())
        ]

    @property
    def highlighted_row(self) -> int:
        """The row of the selected meeting, or -1."""
        rows = self.preview_table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    # -- writing ------------------------------------------------------------------------
    def _browse(self) -> None:
        if self.per_person.isChecked():
            chosen = QFileDialog.getExistingDirectory(
                self, translate("CalendarFiles", "Folder for the participants' files")
            )
        else:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                translate("CalendarFiles", "Calendar file"),
                "cpp-program.ics",
                translate("CalendarFiles", "Calendar files (*.ics)"),
            )
        if chosen:
            self.target.setText(chosen)

    def export(self) -> None:
        """Write the file (or the files) on the worker; the dialog stays responsive."""
        target = self.target.text().strip()
        if not target:
            self.status.setText(translate("CalendarFiles", "Choose where to write first."))
            return
        try:
            scope = self.service_scope()
            dates = self.dates()
        except SchedulerError as error:
            self.status.setText(str(error))
            return
        try:
            options = self.options()
        except SchedulerError as error:
            self.status.setText(str(error))
            return
        try:
            path = typed_path(target)
            if not self.per_person.isChecked():  # a folder of files, else one file
                path = named_as(path, CALENDAR_FILE)  # as ``export ics -o`` names it
        except SchedulerError as error:
            self.status.setText(
                translate("CalendarFiles", "Cannot export: {error}").format(error=str(error))
            )
            return
        attendees = self.with_attendees.isChecked()
        database = self.database
        self._cancel.clear()
        self.running = True
        self._set_export_ready(False)
        self.cancel_button.setText(translate("CalendarFiles", "Cancel"))
        self.progress.show()
        if self.per_person.isChecked():
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            progress = self._progress.advanced.emit
            cancelled = self._cancel.is_set
            self.status.setText(translate("CalendarFiles", "Writing one file per participant…"))
            self.tasks.run_in_background(
                lambda: calendar_export.export_each_participant(
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
            self.status.setText(
                translate("CalendarFiles", "Writing {name}…").format(name=shown_path(path.name))
            )
            self.tasks.run_in_background(
                lambda: calendar_export.export_calendar(
                    database, scope, path, options, dates=dates, with_attendees=attendees
                ),
                self._file_done,
                self._failed,
            )

    def _advanced(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(
            translate("CalendarFiles", "Written {done} of {total} participants…").format(
                done=f"{done:,}", total=f"{total:,}"
            )
        )

    def _finish(self) -> None:
        self.running = False
        self.progress.hide()
        self.cancel_button.setText(translate("CalendarFiles", "Close"))
        self._set_export_ready(True)

    def _file_done(self, written: list[Path]) -> None:
        if not shiboken6.isValid(self):
            return
        self._finish()
        self.written = list(written)
        # The lines ``export ics -o`` prints, one a file (the calendar, and its
        # cancellations where it has a file of them), each name escaped: a line break
        # in a file's name never makes a line of its own.
        self.status.setText("\n".join(file_written(path) for path in written))

    def _batch_done(self, result: calendar_export.BatchResult) -> None:
        if not shiboken6.isValid(self):
            return
        self._finish()
        self.batch = result
        self.written = list(result.files)
        # What ``export ics --each-participant`` says, in sentences of the language.
        report = result.written_text
        if result.without_events:
            report = translate("CalendarFiles", "{written}; {without}").format(
                written=report, without=result.without_events_text
            )
        if result.cancelled:
            sentence = translate("CalendarFiles", "Cancelled. {report} before the cancellation.")
        else:
            sentence = translate("CalendarFiles", "{report}.")
        self.status.setText(sentence.format(report=report))

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._finish()
        # A file the system refused to write says so in the program's words; a failure
        # nobody expected is logged, and the line names the log.
        reason = system_refusal(error) if isinstance(error, OSError) else failure_line(error)
        self.status.setText(
            translate("CalendarFiles", "Cannot export: {error}").format(error=reason)
        )

    def cancel(self) -> None:
        """Stop a batch after the file being written."""
        self._cancel.set()
        self.status.setText(translate("CalendarFiles", "Cancelling…"))

    def _cancel_or_close(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.reject()
