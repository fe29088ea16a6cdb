"""The slot finder: when can Manila, Lima and Kobe all meet, with TDLC in the room?

The coordinator picks who must attend (the host, TDLC Tokyo unless a partner city's
office runs the meeting, is ticked first), for how long, between which dates (those the
window shows, when it opens) and optionally where; the grid shows one row per attendee in
their own local hours, the ranked suggestions sit beside it with their reasons. A
suggestion or a column becomes an event through the undo stack; a repeated meeting
becomes one series, each meeting at the time the fairness-aware planner chose. Opened
for a caller (the event dialog's "Find a time…"), the chosen slot is handed back to it
instead, and nothing is created.

The dialog asks exactly what ``cpp-scheduler slots`` asks: it builds a
:class:`~cpp_scheduler.services.slot_search.SlotSearch` and hands it to
:func:`~cpp_scheduler.services.slot_grid.plan_meeting` on the task manager's worker, as it
reads its lists through :func:`~cpp_scheduler.services.slot_search.slot_choices`. A newer
search makes an older answer stale, so the window never freezes nor shows the answer to a
question no longer asked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.choices import SEARCH_ROLE
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.crash import failure_line
from cpp_scheduler.gui.forms.ui_slot_finder_dialog import Ui_SlotFinderDialog
from cpp_scheduler.gui.qtvalues import keep_to_program_days, python_date, qt_date
from cpp_scheduler.gui.readonly import follow_read_only
from cpp_scheduler.gui.screen_room import resize_within_screen
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools import common
from cpp_scheduler.gui.tools.slotfinder_events import meetings_command, series_command
from cpp_scheduler.gui.tools.slotfinder_grid import DayHeader, SlotCellDelegate, SlotGridModel
from cpp_scheduler.gui.tools.slotfinder_suggestions import SuggestionModel, fairness_text
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.scheduling.inputs import TDLC_HOST_NAME
from cpp_scheduler.scheduling.slots import (
    LONGEST_MEETING,
    SeriesPlan,
    attendees_problem,
    duration_problem,
    range_problem,
)
from cpp_scheduler.services import record_tables
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.slot_grid import MAX_GRID_DAYS, MeetingPlan, plan_meeting
from cpp_scheduler.services.slot_search import (
    DEFAULT_COUNT,
    Host,
    Offer,
    SlotChoices,
    SlotSearch,
    no_free_time,
    series_text,
    slot_choices,
    suggestions_found,
)

REPEATS = {
    QT_TRANSLATE_NOOP("SlotFinder", "Once"): None,
    QT_TRANSLATE_NOOP("SlotFinder", "Every week"): "FREQ=WEEKLY",
    QT_TRANSLATE_NOOP("SlotFinder", "Every two weeks"): "FREQ=WEEKLY;INTERVAL=2",
    QT_TRANSLATE_NOOP("SlotFinder", "Every month"): "FREQ=MONTHLY",
}
ID_ROLE = Qt.ItemDataRole.UserRole
HOST_ROLE = Qt.ItemDataRole.UserRole + 1
"""True on the attendee list's host line."""


def next_week(today: date) -> tuple[date, date]:
    """Monday to Friday of the coming week: where to look when no period is given."""
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    return monday, monday + timedelta(days=4)


class SlotFinderDialog(QDialog):
    """The planner.

    Attributes:
        ui: the form's widgets.
        grid_model: everyone's hours, as the last answer laid them out.
        suggestion_model: the engine's ranked slots of the last answer.
        search_result: the last search's answer, or None.
        choices: the delegations, people, venues and host cities offered, once read.
    """

    def __init__(
        self,
        database: Database,
        editor: Editor | None,
        tasks: TaskManager,
        parent: QWidget | None = None,
        on_created: Callable[[str], None] | None = None,
        period: tuple[date, date] | None = None,
        on_chosen: Callable[[datetime, datetime], None] | None = None,
        instead_of: str | None = None,
        session_of: str | None = None,
    ) -> None:
        """``on_chosen``: choose a slot for a caller; the chosen start and end (UTC) go
        to it and the finder closes, instead of creating an event (``editor`` may then
        be None). ``instead_of``: the id of the event the caller finds a new time for,
        whose own meetings then book nobody (it may stay where it is). ``session_of``:
        the conference that event is a session of, which books nobody for it either."""
        super().__init__(parent)
        self.setObjectName("slotFinder")
        self.ui = Ui_SlotFinderDialog()
        self.ui.setupUi(self)
        self._best_times_heading = self.ui.bestLabel.text()
        """The list's heading for times to choose from (a series' meetings have another)."""
        resize_within_screen(self, 1320, 720)  # a laptop gets the bottom row in sight
        self.database = database
        self.editor = editor
        self.tasks = tasks
        self.on_created = on_created
        self.on_chosen = on_chosen
        self.instead_of = instead_of
        self.session_of = session_of
        self._pending_host: str | None = None
        """A host city asked for before the cities were read."""
        self._pending_venue: str | None = None
        """A venue asked for before the venues were read."""
        self._notice = ""
        """What was just done (an event created), kept before the status the search
        that follows gives, until the coordinator asks something else."""
        self._changed_unseen: set[str] = set()
        """The kinds of record changed since the finder last followed the program."""
        self._clash: tuple[str, ...] = ()
        """Who is booked at the hour chosen in the grid, in the grid's words."""
        self.search_result: MeetingPlan | None = None
        self.choices: SlotChoices | None = None
        self.searching = False
        self.created: list[str] = []
        self._generation = 0
        self._choices_generation = 0
        self._chosen: list[str] = []
        """The attendees' ids in the order they were chosen: the order of the rows."""
        self._host_included = True
        self._chosen_column: int | None = None

        ui = self.ui
        ui.host.addItem(TDLC_HOST_NAME, None)
        ui.venue.addItem(translate("SlotFinder", "None: online"), None)
        ui.duration.setMaximum(LONGEST_MEETING // timedelta(minutes=1))
        for edit in (ui.firstDay, ui.lastDay):
            keep_to_program_days(edit)
        for repeat in REPEATS:
            ui.repeat.addItem(translate("SlotFinder", repeat), repeat)
        self._add_host_line()

        self.grid_model = SlotGridModel(self)
        ui.grid.setHorizontalHeader(DayHeader(ui.grid))
        ui.grid.setModel(self.grid_model)
        ui.grid.setItemDelegate(SlotCellDelegate(ui.grid))
        ui.grid.verticalHeader().setDefaultSectionSize(38)
        ui.grid.verticalHeader().setMaximumWidth(210)
        ui.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        ui.gridLayout.addWidget(common.legend(ui.gridBox))
        self.suggestion_model = SuggestionModel(self)
        ui.suggestions.setModel(self.suggestion_model)
        header = ui.suggestions.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        ui.splitter.setSizes([800, 440])

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.search)
        self.show_period(*(period or next_week(date.today())))
        if on_chosen is not None:
            self._choose_for_caller()
        self._connect()
        self.refresh_choices()

    def _choose_for_caller(self) -> None:
        """One meeting at a time, named by the caller: no series, no title to give."""
        ui = self.ui
        for widget in (
            ui.repeatLabel,
            ui.repeat,
            ui.occurrences,
            ui.eventLabel,
            ui.titleLabel,
            ui.title,
            ui.videoLinkLabel,
            ui.videoLink,
        ):
            widget.hide()
        self._name_button()
        self.setWindowTitle(translate("SlotFinder", "Find a time for the event"))

    def _connect(self) -> None:
        ui = self.ui
        # A title longer than its narrow field reads from its start once typed.
        for line in (ui.title, ui.videoLink):
            line.editingFinished.connect(lambda line=line: line.setCursorPosition(0))
        ui.filter.textChanged.connect(self._filter_attendees)
        ui.attendeeList.itemChanged.connect(self._ticked)
        ui.host.currentIndexChanged.connect(self._host_changed)
        for edit in (ui.firstDay, ui.lastDay):
            edit.dateChanged.connect(lambda _day: self.ask_again())
        for spin in (ui.duration, ui.occurrences):
            spin.valueChanged.connect(lambda _value: self.ask_again())
        ui.venue.currentIndexChanged.connect(lambda _index: self.ask_again())
        ui.repeat.currentIndexChanged.connect(self._repeat_changed)
        ui.grid.horizontalScrollBar().valueChanged.connect(
            lambda _value: ui.grid.horizontalHeader().viewport().update()
        )
        ui.grid.clicked.connect(self._column_clicked)
        ui.grid.doubleClicked.connect(lambda index: self.create_at_column(index.column()))
        selection = ui.suggestions.selectionModel()
        selection.currentChanged.connect(lambda current, _old: self._suggestion_chosen(current))
        ui.suggestions.doubleClicked.connect(lambda _index: self.create_chosen())
        ui.createButton.clicked.connect(self.create_chosen)
        ui.closeButton.clicked.connect(self.reject)
        if self.editor is not None:
            follow_read_only(self.editor, self._made_read_only)

    # -- choices ------------------------------------------------------------------------
    def refresh_choices(self) -> None:
        """Read the delegations, people, venues and host cities again (off the GUI
        thread), keeping what was chosen."""
        self._choices_generation += 1
        generation = self._choices_generation
        database = self.database
        self.tasks.run_in_background(
            lambda: slot_choices(database),
            lambda choices: self._fill_choices(generation, choices),
            lambda error: self._failed(generation, error, choices=True),
        )

    def program_changed(self, model_name: str) -> None:
        """Something in the program changed (here, by a colleague, an undo): an event
        makes hours busy or frees them, a delegation's hours or dates move its
        nights, so the search runs again and the grid shows what the engine says now,
        as ``cpp-scheduler slots`` would; the lists are read again when what they offer
        changed. A finder closed (hidden, kept for its answers) does it once shown
        again, not for every change meanwhile."""
        self._changed_unseen.add(model_name)
        if self.isVisible():
            self._follow_changes()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._changed_unseen:
            self._follow_changes()

    def _follow_changes(self) -> None:
        changed, self._changed_unseen = self._changed_unseen, set()
        if not changed.isdisjoint(("Delegation", "Participant", "Venue", "PartnerCity")):
            self.refresh_choices()
        self.schedule_search()

    def _fill_choices(self, generation: int, choices: SlotChoices) -> None:
        if not shiboken6.isValid(self) or generation != self._choices_generation:
            return  # gone with the dialog that opened it, or read again since
        self.choices = choices
        ui = self.ui
        known = {offer.id for offer in (*choices.delegations, *choices.participants)}
        self._chosen = [record_id for record_id in self._chosen if record_id in known]
        ui.attendeeList.blockSignals(True)
        ui.attendeeList.clear()
        self._add_host_line()
        for offer in choices.delegations:
            item = self._add_line(offer)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        for offer in choices.participants:
            self._add_line(offer)
        ui.attendeeList.blockSignals(False)
        host_before = ui.host.currentData()
        venue_asked = self._pending_venue
        for combo, offers in ((ui.venue, choices.venues), (ui.host, choices.hosts)):
            kept = combo.currentData()
            if combo is ui.host and self._pending_host is not None:
                kept, self._pending_host = self._pending_host, None
            if combo is ui.venue and self._pending_venue is not None:
                kept, self._pending_venue = self._pending_venue, None
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for offer in offers:
                combo.addItem(offer.label, offer.id)
            combo.setCurrentIndex(max(combo.findData(kept), 0))
            combo.blockSignals(False)
        self._name_host_line()
        if ui.host.currentData() != host_before:  # the host's city was deleted
            self.schedule_search()
        if venue_asked is not None:  # searched without it until the venues came
            self.schedule_search()
        self._filter_attendees(ui.filter.text())

    def _add_host_line(self) -> None:
        item = QListWidgetItem()
        item.setData(HOST_ROLE, True)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        checked = Qt.CheckState.Checked if self._host_included else Qt.CheckState.Unchecked
        item.setCheckState(checked)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.ui.attendeeList.insertItem(0, item)
        self._name_host_line()

    def _add_line(self, offer: Offer) -> QListWidgetItem:
        item = QListWidgetItem(offer.label)
        item.setToolTip(offer.tip)
        item.setData(ID_ROLE, offer.id)
        record_id = offer.id
        # Found by the words of its line and of its row in the manager, as a picker is.
        item.setData(SEARCH_ROLE, f"{record_tables.searchable([offer.label])}\n{offer.searched}")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        chosen = record_id in self._chosen
        item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self.ui.attendeeList.addItem(item)
        return item

    def host_line(self) -> QListWidgetItem:
        """The attendee list's first line: the host, ticked unless left out."""
        return self.ui.attendeeList.item(0)

    def _name_host_line(self) -> None:
        item = self.host_line()
        was_blocked = self.ui.attendeeList.blockSignals(True)
        item.setText(
            translate("SlotFinder", "{host} · host").format(host=self.ui.host.currentText())
        )
        item.setToolTip(
            translate(
                "SlotFinder",
                "The host is always in the room: its working hours count like a delegation's. "
                "Untick to leave them out.",
            )
        )
        self.ui.attendeeList.blockSignals(was_blocked)

    def _host_changed(self, _index: int = 0) -> None:
        self._name_host_line()
        self.ask_again()

    def _ticked(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        if item.data(HOST_ROLE):
            self._host_included = checked
        else:
            record_id = str(item.data(ID_ROLE))
            if checked and record_id not in self._chosen:
                self._chosen.append(record_id)
            elif not checked and record_id in self._chosen:
                self._chosen.remove(record_id)
        self.ask_again()

    def _filter_attendees(self, text: str) -> None:
        """Show the delegations and participants the words typed find, by the record
        managers' rule (``records --search``): every word, in any order, whatever the
        case, accents, full-width forms or kana, on the line or in the record's row of
        its manager (a person's address or organisation)."""
        words = record_tables.search_words(text)
        for number in range(1, self.ui.attendeeList.count()):  # the host always shows
            item = self.ui.attendeeList.item(number)
            shown = record_tables.found(str(item.data(SEARCH_ROLE)), words)
            item.setHidden(not shown)

    def choose(self, record_ids: Sequence[str]) -> None:
        """Tick these delegations or participants, in this order (and untick the others)."""
        self._chosen = list(dict.fromkeys(record_ids))
        self._tick_chosen()
        self.ask_again()

    def set_host(self, city_id: str | None, *, included: bool = True) -> None:
        """Host at TDLC Tokyo (``None``) or at a partner city's office; or leave the host
        out, as unticking its line does."""
        self._host_included = included
        found = self.ui.host.findData(city_id)
        self._pending_host = city_id if found < 0 and self.choices is None else None
        self.ui.host.setCurrentIndex(max(found, 0))
        self._tick_chosen()
        self._name_host_line()
        self.ask_again()

    def set_venue(self, venue_id: str | None) -> None:
        """Look for a time at this venue (``None``: online), free and open, as the
        attendees can reach it; one asked for before the venues are read is chosen as
        they come."""
        found = self.ui.venue.findData(venue_id)
        self._pending_venue = venue_id if found < 0 and self.choices is None else None
        self.ui.venue.setCurrentIndex(max(found, 0))
        self.ask_again()

    def _tick_chosen(self) -> None:
        listing = self.ui.attendeeList
        was_blocked = listing.blockSignals(True)
        for number in range(listing.count()):
            item = listing.item(number)
            if item.data(HOST_ROLE):
                chosen = self._host_included
            else:
                chosen = item.data(ID_ROLE) in self._chosen
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        listing.blockSignals(was_blocked)

    def set_duration(self, length: timedelta) -> None:
        """Look for meetings this long: a caller's event keeps its own length, shown as
        it is even where a search cannot take it, which the search then says
        (:func:`~cpp_scheduler.scheduling.slots.duration_problem`) rather than cut it."""
        minutes = max(1, int(length.total_seconds()) // 60)
        spin = self.ui.duration
        spin.setRange(min(spin.minimum(), minutes), max(spin.maximum(), minutes))
        spin.setValue(minutes)

    def chosen_ids(self) -> list[str]:
        return list(self._chosen)

    def show_period(self, first: date, last: date) -> None:
        """Search these days (read in Tokyo): those holding the period the window shows,
        when opened; a day beyond the program's stops at its first or last (the month
        shown last runs into the weeks after it)."""
        for edit, day in ((self.ui.firstDay, first), (self.ui.lastDay, last)):
            edit.setDate(qt_date(day))

    def period(self) -> tuple[date, date]:
        return python_date(self.ui.firstDay.date()), python_date(self.ui.lastDay.date())

    def _repeat_changed(self, _index: int) -> None:
        self.ui.occurrences.setEnabled(self.is_series)
        self._name_button()
        self.ask_again()

    @property
    def is_series(self) -> bool:
        return REPEATS[str(self.ui.repeat.currentData())] is not None

    def search_request(self) -> SlotSearch:
        """The question as the engine takes it, the same one ``cpp-scheduler slots`` asks."""
        first, last = self.period()
        repeat = REPEATS[str(self.ui.repeat.currentData())]
        return SlotSearch(
            attendee_ids=tuple(self._chosen),
            duration=timedelta(minutes=self.ui.duration.value()),
            first_day=first,
            last_day=last,
            host=Host(self.ui.host.currentData()) if self._host_included else None,
            venue_id=self.ui.venue.currentData(),
            count=DEFAULT_COUNT,
            repeat=f"{repeat};COUNT={self.ui.occurrences.value()}" if repeat else None,
            instead_of=self.instead_of,
            session_of=self.session_of,
        )

    # -- searching ----------------------------------------------------------------------
    @property
    def search_pending(self) -> bool:
        """A search was asked for and has not started yet."""
        return self._timer.isActive()

    def stop(self) -> None:
        """Cancel a pending search and ignore the answer of one under way."""
        self._timer.stop()
        self._generation += 1
        self._choices_generation += 1
        self.searching = False
        self.ui.busyIndicator.hide()

    def schedule_search(self) -> None:
        self._timer.start()

    def ask_again(self) -> None:
        """The coordinator changed the question: what was just done is no longer news,
        and the search runs again after a pause."""
        self._notice = ""
        self.schedule_search()

    def _say(self, text: str) -> None:
        """Show ``text`` in the status line, after what was just done, if anything."""
        self.ui.status.setText(f"{self._notice} {text}" if self._notice else text)

    def search(self) -> None:
        """Start a search on the worker; an answer to an older request is dropped."""
        self._timer.stop()
        request = self.search_request()
        self._generation += 1
        generation = self._generation
        self.searching = False
        self.ui.busyIndicator.hide()
        nobody = attendees_problem(len(request.attendee_ids))
        if nobody is not None:
            self._show(None)
            self.ui.gridTitle.setText(nobody)
            return
        backwards = range_problem(request.first_day, request.last_day)
        if backwards is not None:
            self._show(None)
            self._say(backwards)
            return
        if self._pending_venue is not None:  # searched for once the venues are read
            self.searching = True
            self.ui.busyIndicator.show()
            self._say(translate("SlotFinder", "Weighing every start time…"))
            return
        problem = duration_problem(request.duration)
        if problem is not None:
            self._show(None)
            if self.on_chosen is not None:
                problem += " " + translate("SlotFinder", "The event keeps its length.")
            self._say(problem)
            return
        self.searching = True
        self.ui.busyIndicator.show()
        self._say(translate("SlotFinder", "Weighing every start time…"))
        database = self.database
        self.tasks.run_in_background(
            lambda: plan_meeting(database, request),
            lambda result: self._arrived(generation, result),
            lambda error: self._failed(generation, error),
        )

    def _arrived(self, generation: int, result: MeetingPlan) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.searching = False
        self.ui.busyIndicator.hide()
        self._show(result)

    def _failed(self, generation: int, error: BaseException, *, choices: bool = False) -> None:
        """A search, or the read of the choices, failed: the status line says why. A
        search that waited for the venues waits no longer: without them it cannot
        run."""
        if not shiboken6.isValid(self):
            return
        if generation != (self._choices_generation if choices else self._generation):
            return
        if not choices or self._pending_venue is not None:
            self._pending_venue = None
            self.searching = False
            self.ui.busyIndicator.hide()
            self._show(None)
        self._say(failure_line(error))

    def _show(self, result: MeetingPlan | None) -> None:
        ui = self.ui
        self.search_result = result
        self.grid_model.set_result(result)
        self.suggestion_model.clear_suggestions()
        ui.reasons.clear()
        ui.reasons.hide()
        ui.fairness.clear()
        self._chosen_column = None
        self._clash = ()
        self._name_button()
        self._enable_create(False)
        if result is None:
            return
        search = result.search
        shown_last = min(search.last_day, search.first_day + timedelta(days=MAX_GRID_DAYS - 1))
        ui.gridTitle.setText(
            translate(
                "SlotFinder",
                "Each row in its own local hours; columns are hours in Tokyo, {period}.",
            ).format(period=i18n.period_text(search.first_day, shown_last))
        )
        plan = result.answer.plan
        if plan is not None:
            self.suggestion_model.show_plan(plan, result.answer.windows)
            ui.fairness.setText(fairness_text(plan, result.answer.request.everyone))
            # The list holds the series' meetings, one of each, not times to choose from.
            ui.bestLabel.setText(
                translate("SlotFinder", "<b>The series</b> (each meeting with its points)")
            )
        else:
            self.suggestion_model.show_slots(result.answer.slots)
            ui.bestLabel.setText(self._best_times_heading)
        first = self.suggestion_model.index(0, 0)
        if first.isValid() and result.answer.slots:
            ui.suggestions.setCurrentIndex(first)
            series = series_text(plan) if plan is not None else ""
            self._say(
                translate(
                    "SlotFinder",
                    "{series}; double-click one, or press the button, to {what}.",
                ).format(series=series[:1].upper() + series[1:], what=self._what_choosing_does)
                if plan is not None
                else suggestions_found(len(result.answer.slots), self._what_choosing_does)
            )
        else:
            self._say(no_free_time())  # the search's own words, as ``slots`` says them
        for column in range(self.grid_model.columnCount()):
            ui.grid.setColumnWidth(column, 26)

    # -- choosing and creating ----------------------------------------------------------
    def _suggestion_chosen(self, index: QModelIndex) -> None:
        span = self.suggestion_model.span_at(index)
        reasons = self.suggestion_model.reasons_at(index)
        self.ui.reasons.setText(
            translate("SlotFinder", "<b>Why:</b>") + "<br>" + "<br>".join(map(_escape, reasons))
            if reasons
            else ""
        )
        self.ui.reasons.setVisible(bool(reasons))
        if self._clash:
            self._clash = ()
            self._name_button()
        self.grid_model.set_chosen(span)
        self._enable_create(span is not None or self.is_series)
        if span is not None:
            column = self.grid_model.column_of(span[0])
            if column >= 0:
                self.ui.grid.scrollTo(
                    self.grid_model.index(0, column), QAbstractItemView.ScrollHint.PositionAtCenter
                )

    def _column_clicked(self, index: QModelIndex) -> None:
        """Choose the hour clicked; one at which somebody is booked is said, with who,
        and taken only by the button, named for the clash it makes."""
        start = self.grid_model.column_start(index.column())
        end = start + timedelta(minutes=self.ui.duration.value())
        self._chosen_column = index.column()
        selection = self.ui.suggestions.selectionModel()
        selection.blockSignals(True)
        self.ui.suggestions.setCurrentIndex(QModelIndex())
        selection.blockSignals(False)
        self.ui.reasons.clear()
        self.ui.reasons.hide()
        self.grid_model.set_chosen((start, end))
        local = timezones.to_local(start, timezones.TOKYO)
        result = self.search_result
        booked = result.booked_during(start, end) if result is not None else ()
        # The button takes the hour for one meeting; for a series it makes the plan.
        self._clash = () if self.is_series else booked
        self._name_button()
        self._enable_create(True)
        self._notice = ""
        if booked:
            self._say(
                translate(
                    "SlotFinder",
                    "Chosen: {time} Tokyo, a clash: {booked}. Press the button to {what} "
                    "all the same.",
                ).format(
                    time=i18n.day_time_text(local),
                    booked="; ".join(booked),
                    what=self._what_choosing_does,
                )
            )
            return
        self._say(
            translate(
                "SlotFinder",
                "Chosen: {time} Tokyo. Double-click the hour or press the button to {what}.",
            ).format(time=i18n.day_time_text(local), what=self._what_choosing_does)
        )

    def _name_button(self) -> None:
        """Name the button for what it does: use the time, create the event or the
        series, or do either at an hour that clashes."""
        button = self.ui.createButton
        if self._clash:
            button.setText(
                translate("SlotFinder", "Use this time despite the clash")
                if self.on_chosen is not None
                else translate("SlotFinder", "Create despite the clash")
            )
            button.setToolTip("\n".join(self._clash))
        elif self.on_chosen is not None:
            button.setText(translate("SlotFinder", "Use this time"))
            button.setToolTip(
                translate("SlotFinder", "Put the chosen start and end into the event")
            )
        else:
            button.setText(
                translate("SlotFinder", "Create the series")
                if self.is_series
                else translate("SlotFinder", "Create the event")
            )
            button.setToolTip("")

    @property
    def creating_refused(self) -> str | None:
        """Why the finder may not create events here (a program this login may only
        read), or None; a time chosen for the event dialog that opened it is no change."""
        if self.on_chosen is not None or self.editor is None:
            return None
        return self.editor.read_only

    def _enable_create(self, wanted: bool) -> None:
        """The button as the choice allows, but off, saying why, where nothing may be
        created."""
        refused = self.creating_refused
        self.ui.createButton.setEnabled(wanted and refused is None)
        if refused is not None:
            self.ui.createButton.setToolTip(refused)

    def _made_read_only(self, _reason: str) -> None:
        self._enable_create(self.ui.createButton.isEnabled())

    @property
    def clash(self) -> tuple[str, ...]:
        """Who is booked at the hour chosen in the grid (empty for a suggestion)."""
        return self._clash

    @property
    def _what_choosing_does(self) -> str:
        if self.on_chosen is not None:
            return translate("SlotFinder", "use it for the event")
        if self.is_series:
            return translate("SlotFinder", "create the series")
        return translate("SlotFinder", "create the event")

    def chosen_span(self) -> tuple[datetime, datetime] | None:
        span = self.suggestion_model.span_at(self.ui.suggestions.currentIndex())
        if span is not None:
            return span
        if self._chosen_column is not None and self.search_result is not None:
            start = self.grid_model.column_start(self._chosen_column)
            return start, start + timedelta(minutes=self.ui.duration.value())
        return None

    def use_for_caller(self, span: tuple[datetime, datetime] | None) -> bool:
        """Hand ``span`` to the caller and close; False when there is no caller (or no
        span)."""
        if self.on_chosen is None or span is None:
            return False
        self.on_chosen(*span)
        self.accept()
        return True

    def create_chosen(self) -> list[str]:
        if self.use_for_caller(self.chosen_span()):
            return []
        plan = self.search_result.answer.plan if self.search_result is not None else None
        if self.is_series and plan is not None:
            return self.create_series(plan)
        span = self.chosen_span()
        return self.create_events([span]) if span is not None else []

    def create_at_column(self, column: int) -> list[str]:
        """Create the event at a double-clicked hour, or use it for the caller; an hour
        at which somebody is booked is only chosen, its clash said, and the button
        takes it (a double-click is too quick to override a clash)."""
        if self.search_result is None or not 0 <= column < len(self.search_result.columns):
            return []
        start = self.grid_model.column_start(column)
        span = (start, start + timedelta(minutes=self.ui.duration.value()))
        if self.search_result.booked_during(*span):
            self._column_clicked(self.grid_model.index(0, column))
            return []
        if self.use_for_caller(span):
            return []
        return self.create_events([span])

    def create_events(self, spans: Sequence[tuple[datetime, datetime]]) -> list[str]:
        """Create one event per span as one undo step, on the task manager; the ids the
        events get (a refusal creates none, and is said)."""
        if self.search_result is None or not spans or self.editor is None:
            return []
        if (refused := self.creating_refused) is not None:  # a double-click, say
            self._say(refused)
            return []
        command, made = meetings_command(
            self.editor, self.search_result.answer, *self._event_texts(), spans
        )
        ids = [each.record_id for each in made]
        first = timezones.to_local(spans[0][0], timezones.TOKYO)

        def saved() -> None:
            if not shiboken6.isValid(self):
                return  # closed while it was saved: the calendar shows it
            self._tell(
                translate("SlotFinder", "Created '{title}' on {time} Tokyo").format(
                    title=made[0].values["title"], time=i18n.day_time_text(first)
                )
                + (
                    translate("SlotFinder", " and {count} more meetings").format(count=len(ids) - 1)
                    if len(ids) > 1
                    else ""
                )
                + translate("SlotFinder", ". Undo with Ctrl+Z.")
            )
            self._created(ids)

        self.editor.execute(command, saved, self._refused)
        return ids

    def create_series(self, plan: SeriesPlan) -> list[str]:
        """Create the planned series as one event with a rule, on the task manager; the
        id it gets (a refusal creates none, and is said)."""
        if self.search_result is None or self.editor is None:
            return []
        if (refused := self.creating_refused) is not None:
            self._say(refused)
            return []
        made = series_command(self.editor, self.search_result.answer, plan, *self._event_texts())
        if made is None:
            return self.create_events(
                [(slot.start, slot.end) for slot in plan.slots if slot is not None]
            )
        series, command = made
        meetings = sum(1 for slot in plan.slots if slot is not None)

        def saved() -> None:
            if not shiboken6.isValid(self):
                return  # closed while it was saved: the calendar shows it
            self._tell(
                translate(
                    "SlotFinder",
                    "Created the series '{title}': {meetings} meetings, each at its planned "
                    "time. Undo with Ctrl+Z.",
                ).format(title=series.values["title"], meetings=meetings)
            )
            self._created([series.record_id])

        self.editor.execute(command, saved, self._refused)
        return [series.record_id]

    def _event_texts(self) -> tuple[str, str]:
        return self.ui.title.text().strip(), self.ui.videoLink.text().strip()

    def _tell(self, done: str) -> None:
        """Say what was just done; it stays, ahead of what the search says next, until
        the coordinator asks something else."""
        self._notice = done
        self.ui.status.setText(done)

    def _created(self, ids: list[str]) -> None:
        self.created.extend(ids)
        if self.on_created is not None:
            self.on_created(ids[0])
        self.schedule_search()  # the new meeting makes those hours busy

    def _refused(self, error: SchedulerError) -> None:
        """Say why the event was not created: here, or by the window when the finder
        was closed meanwhile."""
        if shiboken6.isValid(self):
            self.report_error(failure_line(error))
        elif self.editor is not None:
            self.editor.failed.emit(
                translate("SlotFinder", "Cannot create the event"), failure_line(error)
            )

    def report_error(self, message: str) -> None:
        QMessageBox.warning(self, translate("SlotFinder", "Cannot create the event"), message)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
