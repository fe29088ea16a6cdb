"""Editing from the main window: the editor dialogs, and each change as an undoable,
validated command.

The window asks (a double-click, a drag, a menu) and these methods open the record's
editor, wrap its values in a ``QUndoCommand`` (``gui/commands.py``) and run it through
the editor on the task manager, so a refused change is explained and never lands on the
undo stack; then the rows it touched are read again and every view follows. What a step
needs to read first (the title a deletion asks about, the meetings of a series) is read
off the GUI thread too. Kept apart from ``mainwindow.py`` (the window's frame,
navigation and selection) as a mixin of :class:`MainWindow`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from cpp_scheduler import i18n, timezones
from cpp_scheduler import model as domain  # its entities load on first use
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.actions import share_undo
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.recordkinds import RECORD_KINDS
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.translations import kind_name, translate
from cpp_scheduler.services.rows import EventRow, OccurrenceKey

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from cpp_scheduler.gui.commands import Editor
    from cpp_scheduler.gui.eventmodel import EventTableModel
    from cpp_scheduler.gui.records import RecordManager
    from cpp_scheduler.gui.views.base import CalendarView
    from cpp_scheduler.services import merging, series
    from cpp_scheduler.services.database import Database
    from cpp_scheduler.services.removal import ToDelete


@dataclass(frozen=True)
class Saving:
    """How a dialog's save, running on the task manager, ends."""

    saved: Callable[[], None]
    """The step is on the undo stack: the dialog goes."""
    refused: Callable[[SchedulerError], None]
    """The store refused it, nothing changed: the reason is shown, the dialog comes back
    with everything typed."""


DialogFactory = Callable[..., "QDialog"]
"""``factory(kind, database, record_id, parent=..., **extra)`` -> an editor dialog."""


def open_editor(
    kind: str,
    database: Database,
    record_id: str | None = None,
    *,
    parent: QWidget | None = None,
    tasks: TaskManager,
    **extra: Any,
) -> QDialog:
    """The editor dialog of a record kind ("event", "delegation", ...).

    ``tasks``: the window's task manager, which reads the record and the lists its
    dialog offers: the dialog opens at once and fills them when they are read.
    """
    from cpp_scheduler.gui import dialogs

    classes: dict[str, Any] = {
        "event": dialogs.EventDialog,
        "delegation": dialogs.DelegationDialog,
        "participant": dialogs.ParticipantDialog,
        "venue": dialogs.VenueDialog,
        "partner_city": dialogs.PartnerCityDialog,
        "theme": dialogs.ThemeDialog,
        "knowledge_product": dialogs.KnowledgeProductDialog,
        "travel_time": dialogs.TravelTimeDialog,
    }
    dialog: QDialog = classes[kind](database, record_id, parent=parent, tasks=tasks, **extra)
    return dialog


def _meeting_label(meeting: series.Meeting, zone: str) -> str:
    """One meeting of a series to choose from: its day and time on the chosen clock
    (naming the clock in an hour read twice), and for a moved meeting the day and time
    its rule gives it. Each label is its meeting's own: a meeting moved onto another's
    hour is told apart from it.

    Whether it is moved is the engine's word (:attr:`series.Meeting.moved`), as the
    calendar and ``events list`` mark it: a meeting brought back to its rule's time is
    still "(moved)" there, and one placed on a reading of a repeated time is not."""
    from cpp_scheduler.timezones import time_label

    def when(instant: datetime) -> str:
        local = timezones.to_local(instant, zone)
        return f"{i18n.day_text(local.date())}  {time_label(local)}"

    shown = when(meeting.start_utc)
    if not meeting.moved:
        return shown
    if meeting.recurrence_id is None or meeting.recurrence_id == meeting.start_utc:
        # The words the calendar's blocks and ``events list`` put after a moved meeting.
        return shown + i18n._(" (moved)")
    return translate("WindowEditing", "{when} (moved from {original})").format(
        when=shown, original=when(meeting.recurrence_id)
    )


def _send_updates_menu() -> str:
    """Where the window sends updates, as a deletion's words point to it."""
    return translate("WindowEditing", "Tools > Send updates…")


def _series_meetings(found: ToDelete, meeting_day: date | None) -> str:
    """What deleting a series does to its meetings, as ``events deletion`` says it
    (:func:`deletion_words.series_text`): all of them go. A coordinator who selected one
    meeting (of ``meeting_day``, on the clock shown) may mean only that one, which
    cancelling it alone drops; empty for anything but a series."""
    from cpp_scheduler.services import deletion_words

    held = deletion_words.series_text(found)
    if found.series_meetings < 2:
        return held
    if meeting_day is None:
        instead = translate(
            "WindowEditing",
            "To call off one meeting alone, cancel that meeting instead "
            "(Edit > Cancel one meeting of the series…).",
        )
    else:
        instead = translate(
            "WindowEditing",
            "To call off only the meeting of {day}, cancel that meeting instead "
            "(Edit > Cancel one meeting of the series…).",
        ).format(day=i18n.day_text(meeting_day))
    return f"{held}\n\n{instead}"  # two paragraphs: no space to join them in Japanese


class RecordEditing:
    """The main window's editing: every method runs on the window (``self``)."""

    if TYPE_CHECKING:  # what these methods use of the window (see MainWindow)
        _anchor: date
        _selected: OccurrenceKey | None
        _managers: dict[str, RecordManager]
        _row_reads: int
        _row_reads_pending: dict[str, int]
        _welcome_dismissed: bool
        dialog_factory: DialogFactory
        events: EventTableModel
        tasks: TaskManager
        views: dict[str, CalendarView]

        @property
        def database(self) -> Database: ...
        @property
        def editor(self) -> Editor: ...
        @property
        def program_open(self) -> bool: ...
        @property
        def display_zone(self) -> str: ...
        @property
        def current_view(self) -> CalendarView: ...
        @property
        def selected_event(self) -> str | None: ...
        @property
        def welcome_shown(self) -> bool: ...
        def _show_welcome_if_empty(self) -> None: ...
        def reload(self) -> None: ...
        def select_event(self, event_id: str | None) -> None: ...
        def select_occurrence(self, key: OccurrenceKey | None) -> None: ...
        def report_error(self, title: str, message: str) -> None: ...
        def work_failed(self, title: str) -> Callable[[BaseException], None]: ...
        def confirm(self, title: str, question: str, parent: QWidget | None = None) -> bool: ...
        def say(self, news: str) -> None: ...

    @property
    def as_widget(self) -> QWidget:
        """The window, as the parent of the dialogs it opens."""
        assert isinstance(self, QWidget)
        return self

    def _make_dialog(
        self, kind: str, record_id: str | None, parent: QWidget, **extra: Any
    ) -> QDialog:
        """The editor of a record. It reads the record in the background; one deleted
        meanwhile closes it, which :meth:`_run_dialog` says."""
        return self.dialog_factory(
            kind, self.database, record_id, parent=parent, tasks=self.tasks, **extra
        )

    def _run_dialog(self, dialog: QDialog, save: Callable[[QDialog, Saving], None]) -> None:
        """Show ``dialog`` until it is cancelled or its values are saved.

        ``save(dialog, saving)`` starts the save (on the task manager) and tells
        ``saving`` how it ended. A save the store refuses is explained and the dialog
        comes back with everything the user typed. A record deleted before the dialog
        read it closes the dialog, and is said.
        """
        from PySide6.QtWidgets import QDialog

        if dialog.exec() != QDialog.DialogCode.Accepted:
            missing = getattr(dialog, "record_missing", None)
            if missing is not None:  # deleted before the dialog could read it
                self.report_error(
                    translate("WindowEditing", "Cannot open the editor"), str(missing)
                )
            dialog.deleteLater()
            return

        def refused(error: SchedulerError) -> None:
            from cpp_scheduler.services.editing import RecordNotFoundError

            self.report_error(translate("WindowEditing", "Cannot save"), failure_line(error))
            look = getattr(dialog, "look_for_changes", None)
            if look is not None and isinstance(error, RecordNotFoundError):
                look()  # deleted unheard (a lost connection): its bar says so, and offers
            self._run_dialog(dialog, save)

        save(dialog, Saving(dialog.deleteLater, refused))

    def new_event(self, start: datetime | None = None, end: datetime | None = None) -> None:
        """Open the editor of a new event at ``start``-``end`` (UTC); without them, at
        the next hour today or at 09:00 on the day shown, for an hour (an hour the
        clocks skip or read twice is asked about first, never guessed)."""
        if not self.program_open:
            return  # a double-click on the grid while the program is still opening
        if start is None:
            from cpp_scheduler.gui.widgets.local_time_choice import ask_instant

            zone = self.display_zone
            now = timezones.to_local(datetime.now(UTC), zone)
            hour = now.hour + 1 if self._anchor == now.date() else 9
            local = datetime.combine(self._anchor, datetime.min.time()) + timedelta(
                hours=min(hour, 23)
            )
            ask_instant(
                self.as_widget,
                local,
                zone,
                lambda chosen: self.new_event(chosen, end),
                title=translate("WindowEditing", "New event"),
            )
            return
        from cpp_scheduler.gui.commands import CreateRecord

        end = end or start + timedelta(hours=1)
        dialog = self._make_dialog("event", None, self.as_widget, start=start, end=end)

        def save(accepted: QDialog, saving: Saving) -> None:
            command = CreateRecord(
                self.editor,
                domain.Event,
                accepted.values(),  # type: ignore[attr-defined]
                accepted.record_title(),  # type: ignore[attr-defined]
            )

            def saved() -> None:
                saving.saved()
                self.select_event(command.record_id)

            self.editor.execute(command, saved, saving.refused)

        self._run_dialog(dialog, save)

    def edit_event(self, event_id: str) -> None:
        """Edit an event in its dialog. A meeting of it that is selected (the one a
        double-click or a right-click chose) stays selected, so the Local times dock and
        "Cancel one meeting" still point at it; the dialog then says it edits the whole
        series, and that this meeting alone is moved or cancelled from the calendar."""
        selected = self._selected
        if selected is None or selected.event_id != event_id:
            self.select_event(event_id)
        if not self.program_open:
            return  # a double-click on the period shown while the program is opening
        extra: dict[str, Any] = {}
        if selected is not None and selected.event_id == event_id and selected.recurrence_id:
            number = self.events.row_of(selected)
            if number >= 0 and self.events.row_at(number).is_series:
                # Its day on the clock shown: the day it was double-clicked on, and the
                # day Delete and "Cancel one meeting" name.
                extra["meeting_day"] = self._selected_meeting_day()
        self.edit_record("event", event_id, **extra)

    def edit_selected(self) -> None:
        if self._selected is not None:
            self.edit_event(self._selected.event_id)

    def delete_selected(self) -> None:
        """Delete the selected event, once what the question needs is read: its title,
        what deleting it changes and takes along, and whether participants hold an
        invitation to it."""
        if self._selected is None or not self.program_open:
            return
        from cpp_scheduler.services import removal

        database, event_id = self.database, self._selected.event_id
        meeting_day = self._selected_meeting_day()
        self.tasks.run_in_background(
            lambda: removal.to_delete(database, domain.Event, event_id),
            lambda found: self._ask_to_delete_event(event_id, found, meeting_day),
            self.work_failed(translate("WindowEditing", "Cannot delete")),
        )

    def _selected_meeting_day(self) -> date | None:
        """The day, on the clock shown, of the meeting of a series selected (where it is
        now, moved or not); None when no one meeting is."""
        selected = self._selected
        if selected is None or selected.recurrence_id is None:
            return None
        number = self.events.row_of(selected)
        start = self.events.row_at(number).start_utc if number >= 0 else selected.recurrence_id
        return timezones.to_local(start, self.display_zone).date()

    def _ask_to_delete_event(
        self, event_id: str, found: ToDelete, meeting_day: date | None = None
    ) -> None:
        """Delete as any record is deleted; but an event whose invitations still stand
        (its own, or its sessions') would stay in its participants' calendars, since a
        deletion tells nobody: then the question offers to mark it cancelled instead,
        which Send updates tells, and says what else the deletion does as every
        deletion's question does. A series says that all its meetings go, and how the
        one of ``meeting_day`` selected would go alone."""
        if not found.standing.participants:
            self._ask_to_delete(
                domain.Event, event_id, found.title, found, self.as_widget, meeting_day
            )
            return
        from PySide6.QtWidgets import QMessageBox

        from cpp_scheduler.services import deletion_words

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("WindowEditing", "Delete event"),
            deletion_words.invited_text(found),
            QMessageBox.StandardButton.NoButton,
            self.as_widget,
        )
        box.setObjectName("deleteInvitedEvent")
        advice = translate(
            "WindowEditing",
            "Deleting it tells them nothing: it stays in their calendars. Mark it "
            "cancelled instead, then send updates (Tools > Send updates…) to tell "
            "them; once they are told, it can be deleted.",
        )
        series_note = _series_meetings(found, meeting_day)
        box.setInformativeText(
            "\n\n".join(
                text
                for text in (
                    series_note,
                    advice,
                    *deletion_words.consequences(found, _send_updates_menu()),
                )
                if text
            )
        )
        cancel = box.addButton(
            translate("WindowEditing", "Mark it cancelled"), QMessageBox.ButtonRole.AcceptRole
        )
        delete = box.addButton(
            translate("WindowEditing", "Delete anyway"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(
            translate("WindowEditing", "Keep it"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(cancel)
        box.setEscapeButton(keep)

        def answered() -> None:
            chosen = box.clickedButton()
            box.deleteLater()
            if chosen is cancel:
                self._mark_cancelled(event_id, found.title, found.version)
            elif chosen is delete:
                self._delete(domain.Event, event_id, found.title, found)

        box.finished.connect(answered)
        box.open()

    def _mark_cancelled(self, event_id: str, title: str, version: int | None) -> None:
        """Set the event's status to Cancelled against the ``version`` read: it stays in
        the calendar, marked, and Send updates tells its participants."""
        from cpp_scheduler.gui.commands import EditRecord, step_title

        def done() -> None:
            self.say(
                translate(
                    "WindowEditing",
                    "'{title}' is cancelled: Tools > Send updates… tells its participants.",
                ).format(title=title)
            )

        self.editor.execute(
            EditRecord(
                self.editor,
                domain.Event,
                event_id,
                {"status": domain.EventStatus.CANCELLED},
                translate("WindowEditing", "Cancel event '{title}'").format(
                    title=step_title(title)
                ),
                expected_version=version,
                merges=True,
            ),
            done,
            lambda error: self.report_error(
                translate("WindowEditing", "Cannot cancel the event"), failure_line(error)
            ),
        )

    def cancel_one_meeting(self) -> None:
        """Ask which meeting of the selected series is off (once its meetings are
        read), and cancel just that one."""
        if self._selected is None or not self.program_open:
            return
        from cpp_scheduler.services import series

        database, event_id = self.database, self._selected.event_id
        chosen = self._selected.recurrence_id
        refused = self.work_failed(translate("WindowEditing", "Cannot cancel the meeting"))
        self.tasks.run_in_background(
            lambda: series.meetings(database, event_id),
            lambda read: self._ask_meeting_to_cancel(event_id, chosen, read, refused),
            refused,
        )

    def _ask_meeting_to_cancel(
        self,
        event_id: str,
        chosen: datetime | None,
        read: series.Meetings,
        refused: Callable[[BaseException], None],
    ) -> None:
        from PySide6.QtWidgets import QInputDialog

        from cpp_scheduler.gui.commands import cancel_meeting

        zone = self.display_zone
        title, meetings = read.title, read.meetings if read.is_series else []
        if not meetings:
            self.report_error(
                translate("WindowEditing", "Not a series"),
                translate(
                    "WindowEditing",
                    "'{title}' meets once; to call it off, set its status to Cancelled in "
                    "its editor, or delete it.",
                ).format(title=title),
            )
            return
        labels = [_meeting_label(meeting, zone) for meeting in meetings]
        choice, accepted = QInputDialog.getItem(
            self.as_widget,
            translate("WindowEditing", "Cancel one meeting"),
            translate(
                "WindowEditing",
                "Which meeting of '{title}' is cancelled?\n"
                "(times in {zone}; the other meetings stay as they are)",
            ).format(title=title, zone=zone),
            labels,
            next((n for n, meeting in enumerate(meetings) if meeting.recurrence_id == chosen), 0),
            False,
        )
        if not accepted or choice not in labels:
            return
        meeting = meetings[labels.index(choice)]
        assert meeting.recurrence_id is not None
        if len(meetings) == 1:
            self._ask_last_meeting(event_id, read, choice, refused)
            return
        self.editor.execute(cancel_meeting(self.editor, meeting, zone), refused=refused)

    def _ask_last_meeting(
        self,
        event_id: str,
        read: series.Meetings,
        label: str,
        refused: Callable[[BaseException], None],
    ) -> None:
        """The meeting chosen is the last one the series still holds: cancelling it
        leaves an event with no meeting, which neither the calendar nor ``events list``
        shows any more. The question says so and offers to cancel the whole event
        instead (its status, which Send updates tells), or the meeting anyway."""
        from PySide6.QtWidgets import QMessageBox

        from cpp_scheduler.gui.commands import cancel_meeting

        zone = self.display_zone
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("WindowEditing", "Cancel one meeting"),
            translate(
                "WindowEditing", "The meeting of {meeting} is the last of '{title}' still held."
            ).format(meeting=label, title=read.title),
            QMessageBox.StandardButton.NoButton,
            self.as_widget,
        )
        box.setObjectName("lastMeeting")
        box.setInformativeText(
            translate(
                "WindowEditing",
                "Cancelling it leaves the event with no meeting: the calendar and the "
                "event list no longer show it. To call the event off, cancel the whole "
                "event instead: it stays in the calendar, marked cancelled, and Tools > "
                "Send updates… tells its participants.",
            )
        )
        whole = box.addButton(
            translate("WindowEditing", "Cancel the whole event"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        anyway = box.addButton(
            translate("WindowEditing", "Cancel the meeting anyway"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        keep = box.addButton(
            translate("WindowEditing", "Keep it"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(whole)
        box.setEscapeButton(keep)
        meeting = read.meetings[0]

        def answered() -> None:
            chosen = box.clickedButton()
            box.deleteLater()
            if chosen is whole:
                self._mark_cancelled(event_id, read.title, read.version)
            elif chosen is anyway:
                self.editor.execute(cancel_meeting(self.editor, meeting, zone), refused=refused)

        box.finished.connect(answered)
        box.open()

    def move_event(
        self,
        event_id: str,
        start: datetime,
        end: datetime,
        recurrence_id: datetime | None = None,
    ) -> None:
        """Apply a drag in a calendar view as one undoable, validated step (for a meeting
        of a series, ``recurrence_id`` names it and only that meeting moves).

        The move carries the event's version and times as the calendar showed them, so a
        colleague's change made since is never overwritten: it merges with the move (their
        title, my times), and only a colleague who moved it too is asked about.
        """
        if not self.program_open:
            return  # a drag on the period shown while the program is opening
        from cpp_scheduler.services import series

        key = OccurrenceKey(event_id, recurrence_id)
        number = self.events.row_of(key)
        row = self.events.row_at(number) if number >= 0 else None
        if row is not None:
            shown = series.Meeting(
                event_id, row.title, row.start_utc, row.end_utc, recurrence_id, row.version
            )
            self._move_shown(shown, start, end)
            return
        # The rows were read again during the drag and no longer hold it: the move
        # starts from the event as the store holds it now, read in the background.
        database = self.database
        self.tasks.run_in_background(
            lambda: series.meeting(database, event_id, recurrence_id),
            lambda read: self._move_shown(read, start, end),
            self.work_failed(translate("WindowEditing", "Cannot move the event")),
        )

    def _move_shown(self, shown: series.Meeting, start: datetime, end: datetime) -> None:
        """Move the event (or meeting) ``shown`` to ``start``-``end``, as one step."""
        if not self.program_open:
            return  # the program was closed while the event was read
        from cpp_scheduler.gui.commands import move_event

        event_id = shown.event_id
        key = OccurrenceKey(event_id, shown.recurrence_id)
        try:
            command = move_event(self.editor, shown, start, end, self.display_zone)
        except SchedulerError as error:
            self.report_error(
                translate("WindowEditing", "Cannot move the event"), failure_line(error)
            )
            for view in self.views.values():
                view.invalidate()
            return
        # Painted where it was dropped while the save runs, and until the read of its
        # event (asked by the command) says what the store holds: it never jumps back
        # meanwhile. A refused move puts it back where it was, and reads it again.
        number = self.events.row_of(key)
        before = self.events.row_at(number) if number >= 0 else None
        self.events.show_moved(key, start, end)
        self.select_occurrence(key)
        self.current_view.paint_now()

        def refused(error: SchedulerError) -> None:
            from cpp_scheduler.services.database import out_of_reach

            self.report_error(
                translate("WindowEditing", "Cannot move the event"), failure_line(error)
            )
            if before is not None:
                self.events.put_back(before)
            # Read again for what a colleague changed; a read that fails too because
            # the database is out of reach is not said a second time: the refusal
            # said why, and the calendar shows the event where it was.
            self._read_event_rows([event_id], said=out_of_reach(error))

        self.editor.execute(
            command,
            lambda: self.events.show_moved(key, start, end, command.saved_version),
            refused,
        )

    def create_record(self, kind: str, parent: QWidget | None = None) -> None:
        from cpp_scheduler.gui.commands import CreateRecord

        record_kind = RECORD_KINDS[kind] if kind != "event" else None
        dialog = self._make_dialog(kind, None, parent or self.as_widget)

        def save(accepted: QDialog, saving: Saving) -> None:
            model = record_kind.model if record_kind else domain.Event
            self.editor.execute(
                CreateRecord(
                    self.editor,
                    model,
                    accepted.values(),  # type: ignore[attr-defined]
                    accepted.record_title(),  # type: ignore[attr-defined]
                ),
                saving.saved,
                saving.refused,
            )

        self._run_dialog(dialog, save)

    def edit_record(
        self, kind: str, record_id: str, parent: QWidget | None = None, **extra: Any
    ) -> None:
        """Edit a record in its dialog (``extra`` goes to the dialog). A save that meets
        a colleague's newer version merges with it: the fields only they changed stay
        theirs, and the coordinator is asked about the fields both changed
        (:meth:`resolve_merge`)."""
        from cpp_scheduler.gui.commands import EditRecord, step_title

        model = domain.Event if kind == "event" else RECORD_KINDS[kind].model
        dialog = self._make_dialog(kind, record_id, parent or self.as_widget, **extra)
        self._tell_of_changes(dialog)

        def save(accepted: QDialog, saving: Saving) -> None:
            title = accepted.record_title()  # type: ignore[attr-defined]
            values = accepted.values()  # type: ignore[attr-defined]
            if accepted.take_save_as_new():  # type: ignore[attr-defined]
                self._save_as_new(model, record_id, values, title, saving)
                return
            if not values:
                saving.saved()
                return  # merged from the dialog's bar, keeping only the colleague's values
            command = EditRecord(
                self.editor,
                model,
                record_id,
                values,
                translate("WindowEditing", "Edit {kind} '{title}'").format(
                    kind=kind_name(model.record_kind), title=step_title(title)
                ),
                expected_version=accepted.stored_version(),  # type: ignore[attr-defined]
                merges=True,
                read_values=accepted.original_values(),  # type: ignore[attr-defined]
            )
            self.editor.execute(command, saving.saved, saving.refused)

        self._run_dialog(dialog, save)

    def _save_as_new(
        self,
        model: type[domain.Base],
        deleted_id: str,
        values: dict[str, Any],
        title: str,
        saving: Saving,
    ) -> None:
        """Save an editor's values as a new record, its own (``deleted_id``) deleted by a
        colleague (the bar's *Save as new*), as one undoable step; what the new record
        left out (its links to records deleted too) is said in the status bar, and a new
        event is selected."""
        from cpp_scheduler.gui.commands import SaveAsNew, step_title

        command = SaveAsNew(self.editor, model, values, title, deleted_id)
        title = step_title(title)

        def saved() -> None:
            saving.saved()
            noun = kind_name(model.record_kind)
            news = translate("WindowEditing", "Saved as a new {kind}: '{title}'.").format(
                kind=noun, title=title
            )
            if command.dropped:
                news = translate(
                    "WindowEditing", "Saved as a new {kind}: '{title}'; {dropped}."
                ).format(kind=noun, title=title, dropped=command.dropped)
            self.say(news)
            if model is domain.Event:
                self.select_event(command.record_id)

        self.editor.execute(command, saved, saving.refused)

    def _tell_of_changes(self, dialog: QDialog) -> None:
        """Let the live refresh tell ``dialog`` when its record is saved elsewhere, so it
        says so at once and offers the merge (the dialog's own ``note_change`` decides
        whether a change is its record's), and when it caught up after a lost connection
        (the dialog then looks at its record's history itself); nothing is refreshed
        under it."""
        from cpp_scheduler.gui.live import LiveRefresh

        live = self.as_widget.findChild(LiveRefresh)
        note = getattr(dialog, "note_change", None)
        look = getattr(dialog, "look_for_changes", None)
        if isinstance(live, LiveRefresh) and note is not None:
            live.recordChanged.connect(note)  # methods of the dialog: gone with it
            if look is not None:
                live.caughtUp.connect(look)

    def resolve_merge(self, plan: merging.MergePlan, parent: QWidget) -> dict[str, Any] | None:
        """Ask the coordinator which value to keep of each field both sides changed."""
        from PySide6.QtWidgets import QDialog

        from cpp_scheduler.gui.merge_dialog import MergeDialog

        dialog = MergeDialog(plan, parent)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def delete_record(
        self, kind: str, record_id: str, title: str, parent: QWidget | None = None
    ) -> None:
        """Delete a record once the coordinator agrees. The question says what the
        deletion changes (the events that lose the venue, the participants that lose
        their delegation, and how many participants sent those events it leaves due an
        update) and names the records it takes with it (a delegation's study tours, an
        area's sub-themes), all read off the GUI thread first."""
        from cpp_scheduler.services import removal

        model = domain.Event if kind == "event" else RECORD_KINDS[kind].model
        database = self.database
        self.tasks.run_in_background(
            lambda: removal.to_delete(database, model, record_id),
            lambda found: self._ask_to_delete(model, record_id, title, found, parent),
            self.work_failed(translate("WindowEditing", "Cannot delete")),
        )

    def _ask_to_delete(
        self,
        model: type[domain.Base],
        record_id: str,
        title: str,
        found: ToDelete,
        parent: QWidget | None,
        meeting_day: date | None = None,
    ) -> None:
        """Ask before deleting: what the deletion changes, takes along and leaves
        untold, and for a series that every meeting goes (the one of ``meeting_day``
        selected could go alone)."""
        import shiboken6

        from cpp_scheduler.services import deletion_words

        kind = kind_name(model.record_kind)
        changes = deletion_words.changes_text(found, _send_updates_menu())
        along = deletion_words.along_text(found)
        unchecked = deletion_words.unchecked_legs_text(found)
        not_told = (
            deletion_words.not_told_text(found, _send_updates_menu())
            if model is domain.Participant
            else ""
        )
        series_note = _series_meetings(found, meeting_day)
        if changes or not_told or unchecked:
            question = "\n\n".join(
                text
                for text in (
                    translate("WindowEditing", "Delete the {kind} '{title}'?").format(
                        kind=kind, title=title
                    ),
                    series_note,
                    changes,
                    along,
                    unchecked,
                    not_told,
                    translate("WindowEditing", "You can undo this (Ctrl+Z)."),
                )
                if text
            )
        else:
            question = translate(
                "WindowEditing",
                "Delete the {kind} '{title}'?\n\n"
                "Its links to other records go with it. You can undo this (Ctrl+Z).",
            ).format(kind=kind, title=title)
            for text in (series_note, along):
                if text:
                    question += "\n\n" + text
        if parent is not None and not shiboken6.isValid(parent):
            parent = None  # closed while the question was read
        if not self.confirm(
            translate("WindowEditing", "Delete {kind}").format(kind=kind),
            question,
            parent or self.as_widget,
        ):
            return
        self._delete(model, record_id, title, found)

    def _delete(
        self, model: type[domain.Base], record_id: str, title: str, found: ToDelete
    ) -> None:
        """Delete the record as the question ``found`` showed it, which the coordinator
        decided on: at its version, taking along and clearing what it said and nothing
        more. A colleague's change since is refused, not deleted unseen."""
        from cpp_scheduler.gui.commands import DeleteRecord

        def deleted() -> None:
            if record_id == self.selected_event:
                self.select_event(None)

        self.editor.execute(
            DeleteRecord(
                self.editor,
                model,
                record_id,
                title,
                expected_version=found.version,
                reached=found.reach,
            ),
            deleted,
            lambda error: self.report_error(
                translate("WindowEditing", "Cannot delete"), failure_line(error)
            ),
        )

    def manage(self, kind: str) -> RecordManager:
        """Open (or raise) the manager of one kind of record."""
        from cpp_scheduler.gui.records import RecordManager

        manager = self._managers.get(kind)
        if manager is None:
            manager = RecordManager(
                self.database,
                RECORD_KINDS[kind],
                create=lambda parent: self.create_record(kind, parent),
                edit=lambda record_id, parent: self.edit_record(kind, record_id, parent),
                delete=lambda record_id, title, parent: self.delete_record(
                    kind, record_id, title, parent
                ),
                tasks=self.tasks,
                parent=self.as_widget,
            )
            self._managers[kind] = manager
            share_undo(self.as_widget, manager)
            tools = getattr(self, "tools", None)
            if tools is not None:  # the History panel follows the record chosen
                manager.recordSelected.connect(tools.show_history)
        manager.show()
        manager.raise_()
        manager.activateWindow()
        return manager

    def _records_changed(self, model_name: str, ids: list[str]) -> None:
        """Follow a command: refresh the rows it touched, or everything it may affect."""
        if model_name == "Event":
            self._read_event_rows(ids)
        else:
            self.reload()  # names shown in events, filters and venues may have changed
        for kind, manager in self._managers.items():
            if RECORD_KINDS[kind].model.__name__ == model_name:
                manager.reload()

    def reload_managers(self) -> None:
        """Read every record manager's list again, as after a change to its kind of
        record: after a catch-up, any record may have changed."""
        for manager in self._managers.values():
            manager.reload()

    @property
    def reading_event_rows(self) -> bool:
        """True while the rows of events a command changed are being read again."""
        return bool(self._row_reads_pending)

    def _read_event_rows(self, ids: list[str], *, said: bool = False) -> None:
        """Read the rows of the events a command changed off the GUI thread (a series
        expands to many, and the names they show are read with them); the calendar shows
        them when they arrive, unless a later command changed the same event meanwhile:
        that one's read, which follows, has the newer rows. ``said``: the coordinator
        was just told the database is out of reach; a read refused for that reason as
        well is not told again."""
        from cpp_scheduler.services import calendar_reads

        self._row_reads += 1
        read = self._row_reads
        for event_id in ids:
            self._row_reads_pending[event_id] = read
        database = self.database
        self.tasks.run_in_background(
            lambda: calendar_reads.load_rows_with_sessions(database, ids),
            lambda read_rows: self._event_rows_read(read, ids, *read_rows),
            lambda error: self._event_rows_failed(read, ids, error, said=said),
        )

    def _latest_read_of(self, read: int, ids: list[str]) -> list[str]:
        """Those of ``ids`` whose latest read is ``read``, no longer waited for."""
        latest = [event_id for event_id in ids if self._row_reads_pending.get(event_id) == read]
        for event_id in latest:
            del self._row_reads_pending[event_id]
        return latest

    def _event_rows_read(
        self, read: int, ids: list[str], with_sessions: list[str], rows: list[EventRow]
    ) -> None:
        """Show the rows read of the events a command changed and of their sessions
        (which show a conference's cancellation), but of none a later read waits for."""
        current = set(self._latest_read_of(read, ids))
        if not current:
            return
        current |= {
            event_id
            for event_id in with_sessions[len(ids) :]
            if event_id not in self._row_reads_pending
        }
        replaced = self.events.replace_events(
            current, [row for row in rows if row.event_id in current]
        )
        self._let_go_of_deleted_selection(current, rows)
        if not replaced:
            return  # shown already as the store holds them (a drop where it landed)
        if self.events.rowCount() and self.welcome_shown:
            self._welcome_dismissed = True
            self._show_welcome_if_empty()
        selected = self._selected
        if selected is not None and selected.event_id in current:
            # Selected before its rows were in (a new event): the views mark it now.
            if selected.recurrence_id is None:
                self.select_event(selected.event_id)
            else:
                self.select_occurrence(selected)

    def _let_go_of_deleted_selection(self, read: Iterable[str], rows: list[EventRow]) -> None:
        """Let go of the selected meeting when its event was among those ``read`` and
        no row of it came: it was deleted (by a colleague, or by undoing its creation).
        Edit, Delete and the tools no longer act on a meeting the calendar lost, which
        would only be refused as gone."""
        selected = self._selected
        if selected is None or selected.event_id not in read:
            return
        if not any(row.event_id == selected.event_id for row in rows):
            self.select_occurrence(None)

    def _event_rows_failed(
        self, read: int, ids: list[str], error: BaseException, *, said: bool = False
    ) -> None:
        self._latest_read_of(read, ids)
        if not isinstance(error, SchedulerError):  # logged in full, reported kindly
            import sys

            sys.excepthook(type(error), error, error.__traceback__)
            return
        from cpp_scheduler.services.database import out_of_reach

        if said and out_of_reach(error):
            return
        self.report_error(translate("WindowEditing", "Cannot refresh the calendar"), str(error))
