"""The editor of an event: every field of the model, times in a chosen zone, a series.

While the coordinator types, the dialog shows the meeting on every attendee's clock with
the night hours and public holidays it falls on, computed by the engine from the values
as they stand (:mod:`cpp_scheduler.services.draft_times`), so that nothing needs saving to
be checked; a night is warned of only where the conflict check would judge it (a remote
meeting, not a conference with sessions); and "Find a time…" asks the slot finder for a
time that suits them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from time import perf_counter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, QSignalBlocker, QTime, QTimer, QTimeZone
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cpp_scheduler import i18n, timezones
from cpp_scheduler.gui.choices import SearchedChoices, choice_search_text, searched_choices
from cpp_scheduler.gui.dialogs.base import (
    Named,
    RecordDialog,
    checked_values,
    choice_problem,
    entity_problems,
    is_zone,
    line_text,
    named,
    plain_text,
    transient,
    zone_problem,
)
from cpp_scheduler.gui.forms.ui_event_dialog import Ui_EventDialog
from cpp_scheduler.gui.qtvalues import keep_to_program_days, python_date, python_time
from cpp_scheduler.gui.translations import QT_TRANSLATE_NOOP, translate
from cpp_scheduler.gui.widgets.answers_view import AnswersView
from cpp_scheduler.gui.widgets.local_time_choice import LocalTimeChoice
from cpp_scheduler.gui.widgets.wrapped_label import WrappedLabel
from cpp_scheduler.model import (
    Event,
    EventKind,
    EventMode,
    EventStatus,
    OccurrenceOverride,
    Problem,
    recurrence,
)
from cpp_scheduler.model import validation as rules
from cpp_scheduler.model.event import all_day_date_problems
from cpp_scheduler.scheduling.inputs import TDLC_HOST_NAME, Attendee
from cpp_scheduler.scheduling.localtimes import AttendeeTimes, MeetingTimes
from cpp_scheduler.services import choices, replies, series_rules, series_view
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.draft_times import (
    Conferences,
    DraftMeeting,
    draft_attendees,
    draft_days_text,
    draft_meeting_times,
    is_checked,
    judged_at_night_ids,
    length_text,
    prepare_holidays,
    read_attendees,
    read_conferences,
    read_holds_sessions,
    usual_mode,
)
from cpp_scheduler.services.editing import PLACED_MEETINGS
from cpp_scheduler.services.localtimes import attendee_line, night_warnings
from cpp_scheduler.services.replies import Attendance
from cpp_scheduler.services.rows import Choice

if TYPE_CHECKING:
    from cpp_scheduler.gui.taskman import TaskManager
    from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog

DEFAULT_LENGTH = timedelta(hours=1)
LOCAL_TIMES_DELAY_MS = 200
"""The pause in typing after which the local times are worked out again."""
NO_ATTENDEES = QT_TRANSLATE_NOOP(
    "EventDialog", "Choose delegations or people on the Attendees tab to see their local time here."
)
LOCAL_TIMES_LINES = 12
"""Lines of local times and warnings shown before they scroll: a series with a dozen
delegations keeps the dialog within a 1366x768 screen."""


@dataclass(frozen=True)
class EventLists:
    """Everything the event dialog offers to choose from, read in one go."""

    venues: list[Named]
    venue_zones: dict[str, str]
    """Each venue's zone, by id, for the hosts' holidays the Local times read."""
    cities: list[Named]
    host_cities: list[Named]
    delegations: SearchedChoices
    attendees: dict[str, Attendee]
    """Every delegation and participant as the engine takes them, by id."""
    participants: SearchedChoices
    organisers: list[Named]
    conferences: list[Named]
    themes: SearchedChoices
    answers: list[Attendance]
    """Each invited person's answer to the stored event (none for a new one)."""
    series: series_rules.StoredSeries
    """The stored series' times and its moved and cancelled meetings, which a new rule
    or start carries over or drops (told on the Series tab before the save)."""
    called_off: frozenset[str] = frozenset()
    """The events not held: a session filed under one of them is called off with it."""
    holds_sessions: bool = False
    """The event has sessions held: a conference, judged by its sessions at night."""
    conference_attendance: Conferences = dataclasses.field(default_factory=Conferences)
    """Who attends a session naming no delegation: its conference's delegations."""


def read_event_lists(database: Database, event_id: str | None, year: int) -> EventLists:
    """The event dialog's lists, through the services (on any thread), with the
    attendees' holidays of ``year`` and the next worked out for the hints."""
    delegations = choices.delegation_listings(database)
    people = choices.participant_listings(database)
    cities = choices.city_choices(database)
    attendees = read_attendees(database)
    prepare_holidays(attendees.values(), (year, year + 1))
    return EventLists(
        venues=named(choices.venue_choices(database)),
        venue_zones=choices.venue_zones(database),
        cities=named(cities),
        host_cities=_city_offices(cities),
        delegations=searched_choices(listing.choice for listing in delegations),
        attendees=attendees,
        participants=searched_choices(person.choice for person in people),
        organisers=named(person.organiser for person in people),
        conferences=named(choices.conference_choices(database, event_id)),
        themes=searched_choices(choices.theme_choices(database)),
        answers=replies.invited_answers(database, event_id=event_id) if event_id else [],
        series=series_rules.read_stored_series(database, event_id),
        called_off=choices.called_off_events(database),
        holds_sessions=read_holds_sessions(database, event_id),
        conference_attendance=read_conferences(database),
    )


def _city_offices(cities: list[Choice]) -> list[Named]:
    """The partner cities' offices a meeting can be hosted at, "Kobe · city office",
    found by the words they show as well as by their city's."""
    offices: list[Named] = []
    for city in cities:
        office = translate("EventDialog", "{city} · city office").format(city=city.name)
        offices.append(
            (office, city.id, choice_search_text(dataclasses.replace(city, name=office)))
        )
    return offices


#: The fields the dialog's lists hold.
LIST_FIELDS = (
    "venue_id",
    "city_id",
    "host_city_id",
    "organiser_id",
    "parent_id",
    "theme_ids",
    "delegation_ids",
    "participant_ids",
)


TIME_FORMAT = QT_TRANSLATE_NOOP("EventDialog", "ddd d MMM yyyy  HH:mm")
DATE_FORMAT = QT_TRANSLATE_NOOP("EventDialog", "ddd d MMM yyyy")
"""An all-day event's editors show dates: its first day and its last (included)."""
ALL_DAY_UNCHECKED_START = time(9)
"""Where a day's event starts when "All day" is unticked: the working day's start."""

# The edits hold wall-clock times of the event's zone, not of this computer's: they run
# in UTC so that Qt never shifts a time that the computer's own zone happens to skip.
_WALL_CLOCK = QTimeZone(QTimeZone.Initialization.UTC)


def _qdatetime(local: datetime) -> QDateTime:
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), _WALL_CLOCK
    )


def _naive(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime()
    return datetime.combine(python_date(value.date()), python_time(value.time()))


def _last_moment(edit: QDateTimeEdit) -> datetime:
    """The latest wall-clock time ``edit`` takes, to the minute as the dialog reads it:
    the last minute of the last day the program plans for."""
    return datetime.combine(python_date(edit.maximumDate()), python_time(edit.maximumTime()))


def time_line(row: AttendeeTimes, event_zone: str) -> str:
    """One attendee's clock as the dialog lists it, in the service's words
    (:func:`~cpp_scheduler.services.localtimes.attendee_line`), beside the clock
    texts the Local times dock and ``cpp-scheduler times`` are worded by."""
    return attendee_line(row, event_zone, dash="–")


def warning_lines(times: MeetingTimes, judged: frozenset[str]) -> list[str]:
    """What must be checked before saving: a night on the clock of an attendee the
    conflict check judges (``judged``: their ids, :func:`judged_at_night_ids`; none
    where it judges no night), and a public holiday, each in the words
    ``cpp-scheduler times`` prints under its table once the event is saved
    (:func:`~cpp_scheduler.services.localtimes.night_warnings`, the holiday's text)."""
    lines = [f"⚠ {night}" for night in night_warnings(times.rows, judged, dash="–")]
    lines.extend(f"⚠ {warning.text}" for warning in times.warnings)
    return lines


def series_problems(
    values: dict[str, Any], changes: tuple[recurrence.OccurrenceChange, ...]
) -> list[Problem]:
    """The event's own rules on ``values``, from a transient entity never added to a
    session that holds ``changes`` (the stored changes the save keeps, and those placing
    the meetings chosen), so a series is judged as the save will judge it."""
    record = transient(Event, values)
    record.changes = [
        OccurrenceOverride(
            recurrence_id=change.recurrence_id,
            cancelled=change.cancelled,
            start_utc=change.start,
            end_utc=change.end,
        )
        for change in changes
    ]
    return record.problems()


class EventDialog(RecordDialog):
    """Create or edit an event.

    Times are typed as wall-clock times in the event's zone (Tokyo unless chosen
    otherwise); beside them the dialog shows the start in Tokyo, and below, a pause in
    typing after, the meeting on each attendee's clock, Tokyo's and Washington's, with
    the nights and public holidays it falls on: the answer the Local times dock gives
    for the saved event. For a series, that is its first meeting held once saved (the
    stored cancellations and moves that follow the rule typed applied:
    :func:`~cpp_scheduler.services.series_rules.draft_series`), named above the times
    when it is not the start typed. A time that does not exist or happens twice in the
    zone is not guessed: the dialog asks which of the two instants is meant, for the
    start typed, and on the Series tab for each later meeting of a series the engine
    names (:attr:`~cpp_scheduler.services.series_rules.DraftSeries.unplaced`); the save
    writes each answer as the explicit change the series needs. The meetings the stored
    series places already are shown there too, their answer selected
    (:attr:`~cpp_scheduler.services.series_rules.DraftSeries.placements`), so a wrong
    answer is chosen again rather than lived with.

    The kind sets the usual mode (a videoconference is virtual) until the coordinator
    chooses the mode themselves.

    Attributes:
        local_times: the engine's last answer for the values typed, or None.
        local_times_seconds: how long working it out took, the last time.
        slot_finder: the slot finder "Find a time…" opened last, or None.
    """

    entity_class = Event
    noun = "event"
    title_key = "title"

    def __init__(
        self,
        database: Database,
        event_id: str | None = None,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        parent: QWidget | None = None,
        tasks: TaskManager,
        meeting_day: date | None = None,
    ) -> None:
        """``tasks``: the window's task manager; the event and the lists (people,
        conferences ...) are read in the background and the dialog opens at once.
        ``meeting_day``: the day of the one meeting of a series the dialog was opened
        from (on the series' clock), which the dialog says it does not edit alone."""
        super().__init__(database, event_id, parent, tasks)
        self.ui = Ui_EventDialog()
        self.ui.setupUi(self)
        ui = self.ui
        for combo, members in (
            (ui.kind, EventKind),
            (ui.mode, EventMode),
            (ui.status, EventStatus),
        ):
            for member in members:
                combo.addItem(member.label, member.value)
        ui.venue.setNoneLabel(translate("EventDialog", "No venue (virtual, or not chosen yet)"))
        ui.city.setNoneLabel(translate("EventDialog", "No partner city"))
        ui.hostCity.setNoneLabel(TDLC_HOST_NAME)
        ui.organiser.setNoneLabel(translate("EventDialog", "No organiser"))
        ui.parent.setNoneLabel(translate("EventDialog", "Not a session of a conference"))
        for edit in (ui.start, ui.end):
            edit.setTimeZone(_WALL_CLOCK)
            keep_to_program_days(edit)
        # The local times, and the Series tab's page, scroll on the tab's own background.
        ui.attendeeTimesArea.viewport().setAutoFillBackground(False)
        ui.attendeeTimesPanel.setAutoFillBackground(False)
        ui.seriesArea.viewport().setAutoFillBackground(False)
        ui.seriesPage.setAutoFillBackground(False)
        self._extra_days = 0
        """Days after the first an all-day event runs (its end is its first day plus
        these): kept while the start moves, as the length of a timed event is."""
        self._end_beyond: date | None = None
        """The day the end would have reached when the start moved so late that the end
        stopped at the editors' last moment instead; None while the end follows whole."""
        self._end_following = False
        self._timed_before_all_day: tuple[time, timedelta] | None = None
        """The start's time and the length the event had when all-day was turned on in
        this dialog, which turning it off again gives back; None until then."""
        self._days_before_timed: tuple[int, datetime, datetime] | None = None
        """The days after the first an all-day event ran when all-day was turned off in
        this dialog, with the times that turning it off gave: turned on again with those
        times untouched, the event has its days back; None until then."""
        ui.delegations.setPlaceholderText(
            translate("EventDialog", "Search delegations by name, country or zone…")
        )
        ui.participants.setPlaceholderText(
            translate("EventDialog", "Search people by name, organisation, delegation…")
        )
        ui.themes.setPlaceholderText(translate("EventDialog", "Search themes…"))
        # Who has answered the invitation: read with the lists, shown read-only.
        self.answersLabel = QLabel(translate("EventDialog", "Answers to the invitation:"))
        self.answers = AnswersView(ui.attendeesTab)
        ui.attendeesGrid.addWidget(self.answersLabel, 2, 0, 1, 2)
        ui.attendeesGrid.addWidget(self.answers, 3, 0, 1, 2)
        ui.attendeesGrid.setRowStretch(1, 3)
        ui.attendeesGrid.setRowStretch(3, 2)
        self.answersLabel.setVisible(event_id is not None)
        self.answers.setVisible(event_id is not None)
        self._add_series_changes()
        self._add_called_off()
        self._add_whole_series(meeting_day)
        self._attendees: dict[str, Attendee] = {}
        self._venue_zones: dict[str, str] = {}
        self._holds_sessions = False
        self._conferences = Conferences()
        self._length = DEFAULT_LENGTH
        self._draft: DraftMeeting | None = None
        self._draft_note = ""
        """What the local times describe, when not the meeting typed (a series whose
        first meeting is cancelled or moved)."""
        self.local_times: MeetingTimes | None = None
        self.local_times_seconds = 0.0
        self.slot_finder: SlotFinderDialog | None = None
        self._local_times_timer = QTimer(self)
        self._local_times_timer.setSingleShot(True)
        self._local_times_timer.setInterval(LOCAL_TIMES_DELAY_MS)
        self._local_times_timer.timeout.connect(self.show_local_times)
        # The lists name the attendees: their clocks show as soon as they come.
        self.listsLoaded.connect(self.show_local_times)

        self._mode_by_hand = False
        """The coordinator chose the mode (or the stored event has an unusual one): the
        kind no longer sets it."""
        self._mode_by_kind = False

        validator = self._make_validator(ui.buttons, ui.problemSummary)
        validator.bind(ui.title, "title")
        validator.bind(ui.zone, "zone")
        validator.bind(ui.start, "start_utc")
        validator.bind(ui.end, "end_utc")
        validator.bind(ui.venue, "venue_id", "venue")
        validator.bind(ui.city, "city_id", "city")
        validator.bind(ui.hostCity, "host_city_id", "host_city")
        validator.bind(ui.videoLink, "video_link")
        validator.bind(ui.organiser, "organiser_id", "organiser")
        validator.bind(ui.parent, "parent_id", "parent")
        validator.bind(ui.recurrence, "recurrence_rule")
        validator.bind(ui.description, "description")
        validator.bind(ui.notes, "notes")

        def read_lists(stored: dict[str, Any]) -> EventLists:
            year = timezones.to_local(stored["start_utc"], timezones.TOKYO).year
            return read_event_lists(database, event_id, year)

        self._open_record(read_lists, self._show_lists, LIST_FIELDS, self._new_values(start, end))
        ui.title.setFocus()

    def _record_shown(self) -> None:
        """The event is in the form: its kind and mode say whether the mode was chosen
        by hand; editing starts, and the attendees' clocks show."""
        ui = self.ui
        stored_kind = EventKind(ui.kind.currentData())
        self._mode_by_hand = EventMode(ui.mode.currentData()) is not usual_mode(stored_kind)
        ui.allDay.toggled.connect(self._all_day_toggled)
        ui.start.dateTimeChanged.connect(self._start_moved)
        ui.startChoice.choiceChanged.connect(self._start_chosen)
        ui.kind.currentIndexChanged.connect(self._kind_changed)
        ui.mode.currentIndexChanged.connect(self._mode_chosen)
        ui.findTime.clicked.connect(self.find_time)
        ui.end.dateTimeChanged.connect(self._end_moved)
        ui.zone.selectionChanged.connect(self._zone_changed)
        self._start_validating(
            [
                ui.title.textChanged,
                ui.kind.currentIndexChanged,
                ui.mode.currentIndexChanged,
                ui.status.currentIndexChanged,
                ui.allDay.toggled,
                ui.zone.selectionChanged,
                ui.start.dateTimeChanged,
                ui.end.dateTimeChanged,
                ui.startChoice.choiceChanged,
                ui.endChoice.choiceChanged,
                ui.venue.selectionChanged,
                ui.city.selectionChanged,
                ui.hostCity.selectionChanged,
                ui.videoLink.textChanged,
                ui.organiser.selectionChanged,
                ui.parent.selectionChanged,
                ui.delegations.checkedChanged,
                ui.participants.checkedChanged,
                ui.themes.checkedChanged,
                ui.recurrence.ruleChanged,
                ui.description.textChanged,
                ui.notes.textChanged,
            ]
        )
        ui.startChoice.preferFold(None)
        ui.endChoice.preferFold(None)
        self.show_local_times()  # at once on opening; while typing, after a pause

    # -- the lists --------------------------------------------------------------------
    def _show_lists(self, lists: EventLists) -> None:
        """Offer ``lists``, with the stored choices selected in them."""
        ui = self.ui
        ui.venue.setChoices(lists.venues)
        ui.city.setChoices(lists.cities)
        ui.hostCity.setChoices(lists.host_cities)
        ui.delegations.setChoices(lists.delegations)
        self._attendees = lists.attendees
        self._venue_zones = lists.venue_zones
        self._holds_sessions = lists.holds_sessions
        self._conferences = lists.conference_attendance
        self._draft = None  # the same values now name attendees they did not before
        ui.participants.setChoices(lists.participants)
        ui.organiser.setChoices(lists.organisers)
        ui.parent.setChoices(lists.conferences)
        self._called_off = lists.called_off
        ui.themes.setChoices(lists.themes)
        self.answers.show_answers(lists.answers, held=self._record_id not in lists.called_off)
        self._stored_series = lists.series  # the revalidation that follows tells of them
        if self._validator is not None:  # the lists came after the record was shown
            pickers = (
                ui.venue,
                ui.city,
                ui.hostCity,
                ui.organiser,
                ui.parent,
                ui.themes,
                ui.delegations,
                ui.participants,
            )
            blockers = [QSignalBlocker(picker) for picker in pickers]
            self._select_stored(self._stored, keep_typed=True)
            for blocker in blockers:
                blocker.unblock()
        self._show_called_off()

    def _select_stored(self, values: dict[str, Any], *, keep_typed: bool = False) -> None:
        """Choose ``values`` in the pickers; with ``keep_typed``, not in a field the
        coordinator typed into before its list came."""
        ui = self.ui
        for picker, key in (
            (ui.venue, "venue_id"),
            (ui.city, "city_id"),
            (ui.hostCity, "host_city_id"),
            (ui.organiser, "organiser_id"),
            (ui.parent, "parent_id"),
        ):
            if keep_typed:
                picker.setSelectedDataUnlessTyped(values.get(key))
            else:
                picker.setSelectedData(values.get(key))
        ui.themes.setCheckedIds(values.get("theme_ids", []))
        ui.delegations.setCheckedIds(values.get("delegation_ids", []))
        ui.participants.setCheckedIds(values.get("participant_ids", []))

    @staticmethod
    def _new_values(start: datetime | None, end: datetime | None) -> dict[str, Any]:
        """A new event: at the given times (a slot picked in a view), else tomorrow 10:00
        in Tokyo for an hour."""
        zone = timezones.TOKYO
        if start is None:
            today = timezones.to_local(datetime.now(UTC), zone).date()
            start = timezones.to_utc(datetime.combine(today + timedelta(days=1), time(10)), zone)
        elif start.tzinfo is None:
            start = timezones.to_utc(start, zone, timezones.Fold.EARLIER)
        if end is None:
            end = start + DEFAULT_LENGTH
        elif end.tzinfo is None:
            end = timezones.to_utc(end, zone, timezones.Fold.EARLIER)
        return {
            "kind": EventKind.WORKSHOP,
            "mode": EventMode.FACE_TO_FACE,
            "status": EventStatus.TENTATIVE,
            "zone": zone,
            "start_utc": timezones.ensure_utc(start),
            "end_utc": timezones.ensure_utc(end),
        }

    def _fill(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.title.setText(values.get("title", ""))
        for combo, key in ((ui.kind, "kind"), (ui.mode, "mode"), (ui.status, "status")):
            if key in values:
                combo.setCurrentIndex(combo.findData(str(values[key])))
        zone = values["zone"]
        ui.zone.setZoneName(zone)
        start_local = timezones.to_local(values["start_utc"], zone)
        end_local = timezones.to_local(values["end_utc"], zone)
        if values.get("all_day"):
            self._fill_dates(*timezones.all_day_dates(values["start_utc"], values["end_utc"], zone))
        else:
            ui.startChoice.preferFold(timezones.Fold(start_local.fold), start_local)
            ui.endChoice.preferFold(timezones.Fold(end_local.fold), end_local)
            ui.start.setDateTime(_qdatetime(start_local))
            ui.end.setDateTime(_qdatetime(end_local))
            if values["end_utc"] > values["start_utc"]:
                self._length = values["end_utc"] - values["start_utc"]
            ui.recurrence.setStart(start_local.replace(tzinfo=None))
        ui.recurrence.setRule(values.get("recurrence_rule"), zone)
        self._select_stored(values)
        ui.videoLink.setText(values.get("video_link", ""))
        ui.description.setPlainText(values.get("description", ""))
        ui.notes.setPlainText(values.get("notes", ""))

    def _fill_dates(self, first: date, last: date) -> None:
        """Show a stored all-day event: its first and last day, in date editors."""
        ui = self.ui
        self._extra_days = max(0, (last - first).days)
        self._show_dates(True)
        with QSignalBlocker(ui.allDay):
            ui.allDay.setChecked(True)
        ui.start.setDateTime(_qdatetime(datetime.combine(first, time())))
        ui.end.setDateTime(_qdatetime(datetime.combine(max(first, last), time())))
        ui.recurrence.setStart(datetime.combine(first, time()))

    # -- editing ----------------------------------------------------------------------
    def _zone_changed(self) -> None:
        """The series editor reads its rule's UNTIL in UTC in the event's zone."""
        zone = self.ui.zone.zoneName()
        self.ui.recurrence.setZone(zone if is_zone(zone) else None)

    def _kind_changed(self, _index: int) -> None:
        """A videoconference is virtual, a workshop in a room: unless the coordinator
        chose the mode themselves."""
        if self._mode_by_hand:
            return
        mode = usual_mode(EventKind(self.ui.kind.currentData()))
        self._mode_by_kind = True
        try:
            self.ui.mode.setCurrentIndex(self.ui.mode.findData(str(mode)))
        finally:
            self._mode_by_kind = False

    def _mode_chosen(self, _index: int) -> None:
        if not self._mode_by_kind:
            self._mode_by_hand = True

    @property
    def all_day(self) -> bool:
        return bool(self.ui.allDay.isChecked())

    def _show_dates(self, dates: bool) -> None:
        """Date editors for an all-day event, date-and-time editors otherwise."""
        ui = self.ui
        for edit in (ui.start, ui.end):
            edit.setDisplayFormat(translate("EventDialog", DATE_FORMAT if dates else TIME_FORMAT))
        ui.findTime.setEnabled(not dates)  # the slot finder looks for hours
        ui.startLabel.setText(
            translate("EventDialog", "&First day") if dates else translate("EventDialog", "&Starts")
        )
        ui.endLabel.setText(
            translate("EventDialog", "&Last day") if dates else translate("EventDialog", "E&nds")
        )
        for choice in (ui.startChoice, ui.endChoice):
            choice.setProblem(None)

    def _all_day_toggled(self, checked: bool) -> None:
        """Whole days from the start's date to the end's; or back to times on the first
        day: those the event had before all-day was turned on in this dialog (its start's
        time and its length, so a three-day workshop ticked and unticked again is three
        days still), else an hour at the start of the working day. An all-day event
        unticked and ticked again, its times untouched meanwhile, has its days back."""
        ui = self.ui
        first = _naive(ui.start).date()
        last = max(first, _naive(ui.end).date())
        before = self._days_before_timed
        untouched = before is not None and before[1:] == (_naive(ui.start), _naive(ui.end))
        if checked:  # read before the date editors drop the hours
            self._timed_before_all_day = (_naive(ui.start).time(), self._length)
        self._end_beyond = None
        self._show_dates(checked)
        if checked:
            self._extra_days = (last - first).days
            if untouched and before is not None:  # unticked and ticked again: its days
                self._extra_days = before[0]
                last = first + timedelta(days=before[0])
            with QSignalBlocker(ui.start), QSignalBlocker(ui.end):
                ui.start.setDateTime(_qdatetime(datetime.combine(first, time())))
                ui.end.setDateTime(_qdatetime(datetime.combine(last, time())))
        else:
            days = self._extra_days
            timed = self._timed_before_all_day
            start_time, self._length = timed or (ALL_DAY_UNCHECKED_START, DEFAULT_LENGTH)
            start = datetime.combine(first, start_time)
            latest = _last_moment(ui.end)
            with QSignalBlocker(ui.end):
                ui.start.setDateTime(_qdatetime(start))
            ui.end.setDateTime(_qdatetime(min(self._end_after(start), latest)))
            self._days_before_timed = (days, _naive(ui.start), _naive(ui.end))
        ui.recurrence.setStart(_naive(ui.start))

    def _start_moved(self, _value: QDateTime) -> None:
        """Moving the start moves the end with it, as in every calendar, keeping the
        length (or the number of days) for when the start moves back.

        The end stops at the last moment the editors take: the program plans no day
        past :data:`~cpp_scheduler.limits.LATEST_DAY`. Until the coordinator sets the end
        themselves, the day it would have reached is refused by the model's rule for a
        day outside the program's (:func:`~cpp_scheduler.model.validation.day_problem`),
        so an event never shortens without a word.
        """
        ui = self.ui
        start = _naive(ui.start)
        latest = _last_moment(ui.end)
        # The length and the days were measured between times the editors hold (or a
        # stored event's, within the same days), so no sum below passes year 2500.
        if self.all_day:
            last = start.date() + timedelta(days=self._extra_days)
            end = datetime.combine(min(last, latest.date()), time())
        else:
            end = self._end_after(start)
            last = end.date()
            end = min(end, latest)
        self._end_beyond = last if last > latest.date() else None
        self._end_following = True
        try:
            ui.end.setDateTime(_qdatetime(end))
        finally:
            self._end_following = False
        ui.recurrence.setStart(start)

    def _start_chosen(self) -> None:
        """The coordinator answered which instant a start the clocks skip or pass twice
        means: the end follows that instant, keeping the length, as on any other move of
        the start (until then it was kept on the wall clock, which a reading after the
        jump would meet, or a repeated hour's first reading stretch by an hour), and a
        series' meetings are shown at that instant's hour, which the series will keep."""
        ui = self.ui
        fold, zone = ui.startChoice.fold(), ui.zone.zoneName()
        if self.all_day or fold is None or not is_zone(zone):
            return
        try:
            start = timezones.to_utc(_naive(ui.start), zone, fold)
            end = timezones.to_local(start + self._length, zone)
        except (timezones.TimeZoneError, OverflowError):
            return
        ui.endChoice.preferFold(timezones.Fold(end.fold), end)
        self._end_following = True
        try:
            ui.end.setDateTime(_qdatetime(min(end.replace(tzinfo=None), _last_moment(ui.end))))
        finally:
            self._end_following = False
        # A series keeps the wall-clock time of the instant its first meeting takes: the
        # Series tab says the hour every meeting will be at, as ``series`` will.
        ui.recurrence.setStart(timezones.to_local(start, zone).replace(tzinfo=None))

    def _end_moved(self, _value: QDateTime) -> None:
        """The coordinator's end sets the length the start keeps; one the start moved
        changes nothing, so the length an end stopped at the last day cut is kept."""
        if self._end_following:
            return
        self._end_beyond = None
        if self.all_day:
            days = (_naive(self.ui.end).date() - _naive(self.ui.start).date()).days
            if days >= 0:
                self._extra_days = days
            return
        length = self._elapsed(_naive(self.ui.start), _naive(self.ui.end))
        if length > timedelta(0):
            self._length = length

    def _end_after(self, start: datetime) -> datetime:
        """The wall-clock end of the event from the wall-clock ``start``, keeping its
        length as the time that passes (:func:`timezones.wall_clock_end`, as a drag keeps
        it), the end's reading preferred where its hour is read twice; kept on the wall
        clock while the zone is being typed or the start is a time the clocks skip or read
        twice, not yet answered."""
        zone = self.ui.zone.zoneName()
        if is_zone(zone):
            try:
                end = timezones.wall_clock_end(start, self._length, zone)
            except timezones.TimeZoneError:
                pass
            else:
                self.ui.endChoice.preferFold(timezones.Fold(end.fold), end)
                return end.replace(tzinfo=None)
        return start + self._length

    def _elapsed(self, start: datetime, end: datetime) -> timedelta:
        """The time that passes from the wall-clock ``start`` to ``end`` in the event's
        zone, as the event's length is kept; their difference on the wall clock while
        either cannot be read as one instant yet."""
        zone = self.ui.zone.zoneName()
        if is_zone(zone):
            try:
                return timezones.to_utc(end, zone) - timezones.to_utc(start, zone)
            except timezones.TimeZoneError:
                pass
        return end - start

    def _instant(
        self,
        local: datetime,
        zone: str,
        choice: LocalTimeChoice,
        field: str,
        what: str,
        problems: list[Problem],
    ) -> datetime | None:
        try:
            instant = timezones.to_utc(local, zone)
        except (timezones.NonexistentLocalTimeError, timezones.AmbiguousLocalTimeError) as error:
            choice.setProblem(error, what)
            fold = choice.fold()
            if fold is None:
                problems.append(
                    Problem(
                        field,
                        translate("EventDialog", "Choose below which {time} you mean.").format(
                            time=f"{local:%H:%M}"
                        ),
                    )
                )
                return None
            return timezones.to_utc(local, zone, fold)
        choice.setProblem(None)
        return instant

    def _read(self) -> tuple[dict[str, Any], list[Problem]]:
        ui = self.ui
        problems: list[Problem] = []
        zone = ui.zone.zoneName()
        start_local, end_local = _naive(ui.start), _naive(ui.end)
        start_utc = end_utc = None
        all_day = self.all_day
        if all_day:
            first, last = start_local.date(), end_local.date()
            refused = all_day_date_problems(first, last, zone)
            problems.extend(refused)
            if not refused and is_zone(zone):
                start_utc, end_utc = timezones.local_days(first, last, zone)
        elif is_zone(zone):
            start_utc = self._instant(
                start_local, zone, ui.startChoice, "start_utc", "start", problems
            )
            end_utc = self._instant(end_local, zone, ui.endChoice, "end_utc", "end", problems)
        else:
            ui.startChoice.setProblem(None)
            ui.endChoice.setProblem(None)
        values: dict[str, Any] = {
            "title": line_text(ui.title),
            "kind": EventKind(ui.kind.currentData()),
            "mode": EventMode(ui.mode.currentData()),
            "status": EventStatus(ui.status.currentData()),
            "zone": zone,
            "all_day": all_day,
            "start_utc": start_utc,
            "end_utc": end_utc,
            "venue_id": ui.venue.selectedData(),
            "city_id": ui.city.selectedData(),
            "host_city_id": ui.hostCity.selectedData(),
            "organiser_id": ui.organiser.selectedData(),
            "parent_id": ui.parent.selectedData(),
            "recurrence_rule": ui.recurrence.rule(),
            "video_link": line_text(ui.videoLink),
            "description": plain_text(ui.description),
            "notes": plain_text(ui.notes),
            "theme_ids": ui.themes.checkedIds(),
            "delegation_ids": ui.delegations.checkedIds(),
            "participant_ids": ui.participants.checkedIds(),
        }
        found_zone = zone_problem("zone", zone)
        if found_zone is not None:
            problems.append(found_zone)
        for combo, field, what in (
            (ui.venue, "venue_id", "venue"),
            (ui.city, "city_id", "partner city"),
            (ui.hostCity, "host_city_id", "host"),
            (ui.organiser, "organiser_id", "participant"),
            (ui.parent, "parent_id", "conference"),
        ):
            found = choice_problem(combo, field, what)
            if found is not None:
                problems.append(found)
        if start_utc is not None and end_utc is None and not problems:
            problems.append(Problem("end_utc", translate("EventDialog", "Give the end.")))
        taken = {problem.field for problem in problems}
        series = self._show_series(values)
        checked = checked_values(values, problems)
        judged = (
            series_problems(checked, series.changes)
            if series is not None
            else entity_problems(Event, checked)
        )
        for found in judged:
            if found.field not in taken and not (found.field == "start_utc" and "end_utc" in taken):
                problems.append(found)
        if series is not None and series.placed and values["recurrence_rule"]:
            values[PLACED_MEETINGS] = series_rules.placed_meetings(series)
        beyond = (
            rules.day_problem("end_utc", self._end_beyond, i18n._("end"))
            if self._end_beyond is not None
            else None
        )
        if beyond is not None:
            # Why the end stands where it does is what to say of it, until it is set.
            problems = [found for found in problems if found.field != "end_utc"]
            problems.append(beyond)
        self._update_hints(values)
        return values, problems

    # -- hints ------------------------------------------------------------------------
    def _update_hints(self, values: dict[str, Any]) -> None:
        """The start in Tokyo and the length now; the local times once typing pauses."""
        ui = self.ui
        start: datetime | None = values["start_utc"]
        end: datetime | None = values["end_utc"]
        all_day: bool = values["all_day"]
        if start is None or all_day:
            # Dates are the same on every clock: no hour in Tokyo to show.
            ui.tokyoTime.setText("")
        else:
            tokyo = timezones.to_local(start, timezones.TOKYO)
            ui.tokyoTime.setText(
                translate("EventDialog", "Tokyo {time}").format(time=i18n.day_time_text(tokyo))
            )
        draft: DraftMeeting | None = None
        if start is not None and end is not None and end > start:
            ui.duration.setText(length_text(start, end, values["zone"], all_day))
            draft = DraftMeeting(
                start=start,
                end=end,
                zone=values["zone"],
                kind=values["kind"],
                mode=values["mode"],
                venue_id=values["venue_id"],
                venue_zone=self._venue_zones.get(values["venue_id"] or ""),
                delegation_ids=tuple(values["delegation_ids"]),
                participant_ids=tuple(values["participant_ids"]),
                all_day=all_day,
                holds_sessions=self._holds_sessions,
                cancelled=values["status"] is EventStatus.CANCELLED
                or values["parent_id"] in self._called_off,
                conference_ids=self._conferences.above(values["parent_id"]),
            )
        else:
            ui.duration.setText("")
        series = self._show_series(values)
        note = ""
        if draft is not None and series is not None and values["recurrence_rule"]:
            draft, note = self._first_held(draft, series)
        if draft != self._draft or note != self._draft_note or self.local_times is None:
            self._draft = draft
            self._draft_note = note
            if draft is None:  # no meeting to ask about (a start to choose, say): clear now
                self.show_local_times()
            else:
                self._local_times_timer.start()

    @staticmethod
    def _first_held(
        draft: DraftMeeting, series: series_rules.DraftSeries
    ) -> tuple[DraftMeeting | None, str]:
        """The meeting whose local times the dialog shows, as the Local times dock will
        once the series is saved: its first meeting held (none when every one is
        cancelled), and the line that names it when it is not the meeting typed, as
        ``times`` names it (:func:`series_view.first_held_text`)."""
        first = series.first_held
        note = series_view.first_held_text(series)
        if first is None:
            return None, note
        return dataclasses.replace(draft, start=first.start, end=first.end), note

    @property
    def local_times_pending(self) -> bool:
        """The values changed and their local times are not shown yet."""
        return self._local_times_timer.isActive()

    def show_local_times(self) -> None:
        """Ask the engine about the values as they stand and show its answer."""
        self._local_times_timer.stop()
        ui = self.ui
        draft = self._draft
        began = perf_counter()
        times = (
            draft_meeting_times(draft, self._attendees, self._conferences)
            if draft is not None
            else None
        )
        self.local_times = times
        lines: list[str] = [self._draft_note] if self._draft_note else []
        warnings: list[str] = []
        if draft is not None and times is not None:
            if not draft_attendees(draft, self._attendees, self._conferences):
                lines.append(translate("EventDialog", NO_ATTENDEES))
            elif draft.all_day:
                lines.append(draft_days_text(draft))  # as ``times`` will say it once saved
            lines.extend(time_line(row, draft.zone) for row in times.rows)
            if is_checked(draft):
                judged = judged_at_night_ids(draft, self._attendees, self._conferences)
                warnings = warning_lines(times, judged)
        ui.attendeeTimes.setText("\n".join(lines))
        ui.attendeeWarnings.setText("\n".join(warnings))
        ui.attendeeWarnings.setVisible(bool(warnings))
        self._fit_local_times()
        self.local_times_seconds = perf_counter() - began

    def _fit_local_times(self) -> None:
        """Ask room for the local times whole when they are few, and for
        :data:`LOCAL_TIMES_LINES` lines when they are more: they scroll past what the
        dialog has room for, so many attendees never push it off a laptop's screen."""
        area = self.ui.attendeeTimesArea
        panel = self.ui.attendeeTimesPanel
        width = area.viewport().width()
        if width < 200:  # not laid out yet: the width the dialog opens at
            width = max(200, area.sizeHint().width())
        wanted = panel.heightForWidth(width)
        if wanted < 0:
            wanted = panel.sizeHint().height()
        most = LOCAL_TIMES_LINES * area.fontMetrics().lineSpacing()
        area.setMinimumHeight(min(wanted, most))

    # -- opened from one meeting of a series --------------------------------------------
    def _add_whole_series(self, meeting_day: date | None) -> None:
        """Above the tabs, when the dialog was opened from one meeting of a series, the
        line that says it edits every meeting, and how that one meeting alone is moved or
        cancelled: a coordinator who double-clicked a meeting would otherwise think the
        times shown are that meeting's."""
        note = WrappedLabel(self)
        note.setObjectName("wholeSeries")
        note.setProperty("role", "hint")
        if meeting_day is not None:
            note.setText(
                translate(
                    "EventDialog",
                    "Editing the whole series: every meeting changes with it. This meeting "
                    "({day}) can be moved or cancelled alone from the calendar.",
                ).format(day=i18n.short_day_text(meeting_day))
            )
        note.setVisible(meeting_day is not None)
        self.wholeSeries = note
        layout = self.ui.dialogLayout
        layout.insertWidget(layout.indexOf(self.ui.tabs), note)

    # -- a session of a cancelled conference -------------------------------------------
    def _add_called_off(self) -> None:
        """Beside the status, the note that the conference this is filed under is
        cancelled: the session is then cancelled wherever the program shows it, whatever
        its own status says (:mod:`cpp_scheduler.model.called_off`)."""
        self._called_off = frozenset[str]()
        note = QLabel(translate("EventDialog", "Cancelled with its conference"), self)
        note.setObjectName("calledOff")
        note.setProperty("role", "warning")
        note.setToolTip(
            translate(
                "EventDialog",
                "The conference this is a session of is cancelled: the calendar, calendar "
                "files, updates and documents give this session as cancelled too.",
            )
        )
        note.setVisible(False)
        self.calledOff = note
        row = self.ui.kindRow
        row.insertWidget(row.indexOf(self.ui.status) + 1, note)
        self.ui.parent.selectionChanged.connect(self._show_called_off)

    def _show_called_off(self, *_args: object) -> None:
        self.calledOff.setVisible(self.ui.parent.selectedData() in self._called_off)

    # -- the series' changed meetings -------------------------------------------------
    def _add_series_changes(self) -> None:
        """The line under the rule that says, before the save, what a new rule or start
        does to the moved and cancelled meetings (:mod:`~cpp_scheduler.services.series_rules`)."""
        self.seriesChanges = WrappedLabel(self.ui.seriesPage)
        self.seriesChanges.setObjectName("seriesChanges")
        self.seriesChanges.setProperty("role", "hint")
        self.seriesChanges.setVisible(False)
        self.ui.seriesLayout.insertWidget(1, self.seriesChanges)
        self._stored_series = series_rules.StoredSeries()
        self._series_shown: series_rules.DraftSeries | None = None
        self._add_meeting_questions()

    # -- later meetings on a skipped or repeated clock time -----------------------------
    def _add_meeting_questions(self) -> None:
        """Under the rule, the question on each later meeting of the series whose start
        the clocks skip or read twice (the first meeting's is asked by the start): which
        instant it means, nothing chosen until the coordinator answers; and below, under
        its own heading, the same question on each such meeting the stored series places
        already, its answer selected, to be chosen again if it was wrong.

        The questions take the room they need, as the reasons above them do: the tab's
        whole page scrolls (``seriesArea``), so a series crossing many clock changes
        keeps every reason and every question in reach on a 1366x768 screen."""
        self.meetingQuestions, self._meeting_layout = self._question_panel(
            "meetingQuestions",
            "warning",
            translate(
                "EventDialog",
                "Choose when each meeting below starts: the clocks skip its time or pass it twice.",
            ),
        )
        self.placedMeetings, self._placed_layout = self._question_panel(
            "placedMeetings",
            "hint",
            translate(
                "EventDialog",
                "When each meeting below starts is chosen already: the clocks skip its time "
                "or pass it twice. Choose again here to correct an answer.",
            ),
        )
        self.meeting_choices: dict[datetime, LocalTimeChoice] = {}
        """The question on each later unplaced meeting, by its recurrence id."""
        self.placed_choices: dict[datetime, LocalTimeChoice] = {}
        """The question on each later meeting the stored series places, by its
        recurrence id, its stored answer selected until another is chosen."""
        self.ui.seriesLayout.insertWidget(2, self.meetingQuestions)
        self.ui.seriesLayout.insertWidget(3, self.placedMeetings)

    def _question_panel(self, name: str, role: str, text: str) -> tuple[QWidget, QVBoxLayout]:
        """A hidden panel of questions on the Series tab, under a heading saying ``text``."""
        panel = QWidget(self.ui.seriesPage)
        panel.setObjectName(name)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = WrappedLabel(panel)
        heading.setObjectName(f"{name}Heading")
        heading.setProperty("role", role)
        heading.setText(text)
        layout.addWidget(heading)
        panel.setVisible(False)
        return panel, layout

    def _chosen_meetings(self) -> series_rules.Choices:
        """The answers given so far, by meeting: the unplaced meetings answered, and the
        placed ones as selected (their stored answer changes nothing)."""
        answers: set[tuple[datetime, timezones.Fold]] = set()
        for questions in (self.meeting_choices, self.placed_choices):
            for meeting, choice in questions.items():
                fold = choice.fold()
                if fold is not None:
                    answers.add((meeting, fold))
        return frozenset(answers)

    def _ask_meetings(self, series: series_rules.DraftSeries | None) -> None:
        """Ask about each later meeting ``series`` holds unplaced, and show each later
        meeting it places with its answer, keeping the answers given on the meetings
        still asked about."""
        unplaced: list[series_rules.UnplacedMeeting] = []
        placed: list[series_rules.PlacedMeeting] = []
        if series is not None and series.times.rule:
            unplaced = [meeting for meeting in series.unplaced if not meeting.first]
            placed = [meeting for meeting in series.placements if not meeting.first]
        self._show_questions(unplaced, self.meeting_choices, self._meeting_layout)
        self._show_questions(placed, self.placed_choices, self._placed_layout)
        self.meetingQuestions.setVisible(bool(unplaced))
        self.placedMeetings.setVisible(bool(placed))

    def _show_questions(
        self,
        meetings: Sequence[series_rules.ClockChangeMeeting],
        choices: dict[datetime, LocalTimeChoice],
        layout: QVBoxLayout,
    ) -> None:
        """One question in ``layout`` on each of ``meetings``, in order, under its
        heading; a placed meeting's answer selected while none other is."""
        wanted = {meeting.recurrence_id for meeting in meetings}
        for meeting_id in list(choices):
            if meeting_id not in wanted:
                gone = choices.pop(meeting_id)
                layout.removeWidget(gone)
                gone.hide()
                gone.deleteLater()
        for position, meeting in enumerate(meetings, start=1):
            choice = choices.get(meeting.recurrence_id)
            if choice is None:
                choice = self._meeting_choice(layout)
                choices[meeting.recurrence_id] = choice
            if isinstance(meeting, series_rules.PlacedMeeting) and choice.fold() is None:
                choice.preferFold(meeting.reading)
            with QSignalBlocker(choice):  # the stored answer shown is no edit
                choice.setProblem(meeting.problem, "start")
            if layout.indexOf(choice) != position:
                layout.removeWidget(choice)
                layout.insertWidget(position, choice)

    def _meeting_choice(self, layout: QVBoxLayout) -> LocalTimeChoice:
        """A new question on a meeting, for ``layout``'s panel, answered by nobody yet."""
        choice = LocalTimeChoice(layout.parentWidget())
        choice.setObjectName("meetingChoice")
        choice.choiceChanged.connect(self._edited)
        if self.read_only is not None:
            choice.setEnabled(False)
        return choice

    def _show_series(self, values: dict[str, Any]) -> series_rules.DraftSeries | None:
        """What the series will hold once saved as typed: the meetings listed under the
        rule, and the line on what becomes of each moved or cancelled meeting; None (the
        rule's own meetings listed, nothing said of its changes) while the times or the
        rule cannot be read, which the problems line says."""
        start: datetime | None = values["start_utc"]
        end: datetime | None = values["end_utc"]
        zone: str = values["zone"]
        rule: str | None = values["recurrence_rule"]
        series: series_rules.DraftSeries | None = None
        if start is not None and is_zone(zone):
            if end is None or end <= start:
                end = start + self._length
            try:
                series = series_rules.draft_series(
                    self._stored_series,
                    recurrence.SeriesTimes(start, zone, rule),
                    end,
                    self._chosen_meetings(),
                )
            except (ValueError, LookupError, OverflowError):
                series = None  # a rule or zone the problems line refuses
        if series is self._series_shown:  # the same answer, kept for the same values
            return series
        self._series_shown = series
        self._ask_meetings(series)
        self.ui.recurrence.showSeries(
            series.on_the_wall_clock() if series is not None and rule else None
        )
        followed = series.followed if series is not None else ()
        returning = series.returning if series is not None else ()
        label = self.seriesChanges
        role = "warning" if any(item.meeting is None for item in followed) else "hint"
        if label.property("role") != role:
            label.setProperty("role", role)
            label.style().polish(label)
        label.setText("\n".join(series_view.change_lines(series, zone) if series else ()))
        label.setVisible(bool(followed or returning))
        return series

    # -- finding a time -----------------------------------------------------------------
    def find_time(self) -> SlotFinderDialog:
        """Open the slot finder on this event's attendees, host, venue and length,
        searching the week of its start; the time chosen there becomes the event's. The
        event's own meetings book nobody there, so it may stay where it is, and neither
        does the conference it is filed under, which it never clashes with."""
        from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog

        values, _problems = self._read()
        start: datetime = values["start_utc"] or datetime.now(UTC)
        day = timezones.to_local(start, timezones.TOKYO).date()
        first = day - timedelta(days=i18n.days_into_week(day))  # the Week view's week
        finder = SlotFinderDialog(
            self._database,
            None,
            self._tasks,
            self,
            period=(first, first + timedelta(days=6)),
            on_chosen=self.use_time,
            instead_of=self.recordId(),
            session_of=values["parent_id"],
        )
        finder.set_duration(self._length)
        finder.set_host(values["host_city_id"])
        finder.set_venue(values["venue_id"])
        finder.choose([*values["delegation_ids"], *values["participant_ids"]])
        self.slot_finder = finder
        finder.open()
        return finder

    def use_time(self, start: datetime, end: datetime) -> None:
        """Move the event to ``start``..``end`` (UTC), read in the event's zone."""
        ui = self.ui
        zone = ui.zone.zoneName()
        if not is_zone(zone):
            zone = timezones.TOKYO
            ui.zone.setZoneName(zone)
        start_local = timezones.to_local(start, zone)
        end_local = timezones.to_local(end, zone)
        self._length = end - start
        ui.startChoice.preferFold(timezones.Fold(start_local.fold), start_local)
        ui.endChoice.preferFold(timezones.Fold(end_local.fold), end_local)
        ui.start.setDateTime(_qdatetime(start_local))
        ui.end.setDateTime(_qdatetime(end_local))
