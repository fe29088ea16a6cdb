"""The editor of an event: every field of the model, times in a chosen zone, a series."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, QSignalBlocker, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from cpp_scheduler import timezones
from cpp_scheduler.gui.dialogs.base import (
    RecordDialog,
    checked_values,
    choice_problem,
    entity_problems,
    is_zone,
    line_text,
    named,
    picks,
    plain_text,
    zone_problem,
)
from cpp_scheduler.gui.forms.ui_event_dialog import Ui_EventDialog
from cpp_scheduler.gui.qtvalues import python_date, python_time
from cpp_scheduler.gui.widgets.local_time_choice import LocalTimeChoice
from cpp_scheduler.gui.widgets.multi_select import Choice
from cpp_scheduler.model import Event, EventKind, EventMode, EventStatus, Problem
from cpp_scheduler.scheduling.inputs import TDLC_HOST_NAME
from cpp_scheduler.services import choices
from cpp_scheduler.services.database import Database

if TYPE_CHECKING:
    from cpp_scheduler.gui.taskman import TaskManager

DEFAULT_LENGTH = timedelta(hours=1)


@dataclass(frozen=True)
class DelegationClock:
    """What the time hint needs to know of a delegation."""

    name: str
    zone: str
    work: tuple[time, time]
    acceptable: tuple[time, time]


@dataclass(frozen=True)
class EventLists:
    """Everything the event dialog offers to choose from, read in one go."""

    venues: list[tuple[str, str]]
    cities: list[tuple[str, str]]
    host_cities: list[tuple[str, str]]
    delegations: list[Choice]
    clocks: dict[str, DelegationClock]
    participants: list[Choice]
    organisers: list[tuple[str, str]]
    conferences: list[tuple[str, str]]
    themes: list[Choice]


def read_event_lists(database: Database, event_id: str | None) -> EventLists:
    """The event dialog's lists, through the services (on any thread)."""
    delegations = choices.delegation_listings(database)
    people = choices.participant_listings(database)
    cities = choices.city_choices(database)
    return EventLists(
        venues=named(choices.venue_choices(database)),
        cities=named(cities),
        host_cities=[(f"{city.name} · city office", city.id) for city in cities],
        delegations=picks(listing.choice for listing in delegations),
        clocks={
            listing.choice.id: DelegationClock(
                listing.place, listing.zone, listing.work, listing.acceptable
            )
            for listing in delegations
        },
        participants=picks(person.choice for person in people),
        organisers=named(person.organiser for person in people),
        conferences=named(choices.conference_choices(database, event_id)),
        themes=picks(choices.theme_choices(database)),
    )


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


def _duration_text(length: timedelta) -> str:
    minutes = int(length.total_seconds()) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d"] if days else []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    return " ".join(parts) or "0 min"


def _comfort(start: time, end: time, clock: DelegationClock) -> str:
    work_start, work_end = clock.work
    ok_start, ok_end = clock.acceptable
    if end < start:  # runs past local midnight
        return "runs past midnight there"
    if work_start <= start and end <= work_end:
        return "within working hours"
    if ok_start <= start and end <= ok_end:
        return "outside working hours"
    return "outside acceptable hours"


class EventDialog(RecordDialog):
    """Create or edit an event.

    Times are typed as wall-clock times in the event's zone (Tokyo unless chosen
    otherwise); beside them the dialog shows the start in Tokyo and Washington, and on
    the line below each chosen delegation's local time and whether it falls in its
    working hours. A time that does not exist or happens twice in the zone is not
    guessed: the dialog asks which of the two instants is meant.
    """

    entity_class = Event
    noun = "event"
    title_key = "title"
    reads_lists_in_background = True

    def __init__(
        self,
        database: Database,
        event_id: str | None = None,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        parent: QWidget | None = None,
        tasks: TaskManager | None = None,
    ) -> None:
        """``tasks``: the window's task manager; with it the lists (people, conferences
        ...) are read in the background and the dialog opens at once."""
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
        ui.venue.setNoneLabel("No venue (virtual, or not chosen yet)")
        ui.city.setNoneLabel("No partner city")
        ui.hostCity.setNoneLabel(TDLC_HOST_NAME)
        ui.organiser.setNoneLabel("No organiser")
        ui.parent.setNoneLabel("Not a session of a conference")
        for edit in (ui.start, ui.end):
            edit.setTimeZone(_WALL_CLOCK)
        ui.delegations.setPlaceholderText("Search delegations by name, country or zone…")
        ui.participants.setPlaceholderText("Search people by name, organisation, delegation…")
        ui.themes.setPlaceholderText("Search themes…")
        self._clocks: dict[str, DelegationClock] = {}
        self._length = DEFAULT_LENGTH

        self._stored = self._stored_values(event_id) or self._new_values(start, end)
        self._load_lists(
            lambda: read_event_lists(database, event_id), self._show_lists, LIST_FIELDS
        )
        self._fill(self._stored)

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

        ui.start.dateTimeChanged.connect(self._start_moved)
        ui.end.dateTimeChanged.connect(self._end_moved)
        self._start_validating(
            [
                ui.title.textChanged,
                ui.kind.currentIndexChanged,
                ui.mode.currentIndexChanged,
                ui.status.currentIndexChanged,
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
        ui.title.setFocus()

    # -- the lists --------------------------------------------------------------------
    def _show_lists(self, lists: EventLists) -> None:
        """Offer ``lists``, with the stored choices selected in them."""
        ui = self.ui
        ui.venue.setChoices(lists.venues)
        ui.city.setChoices(lists.cities)
        ui.hostCity.setChoices(lists.host_cities)
        ui.delegations.setChoices(lists.delegations)
        self._clocks = lists.clocks
        ui.participants.setChoices(lists.participants)
        ui.organiser.setChoices(lists.organisers)
        ui.parent.setChoices(lists.conferences)
        ui.themes.setChoices(lists.themes)
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
            self._select_stored(self._stored)
            for blocker in blockers:
                blocker.unblock()

    def _select_stored(self, values: dict[str, Any]) -> None:
        ui = self.ui
        ui.venue.setSelectedData(values.get("venue_id"))
        ui.city.setSelectedData(values.get("city_id"))
        ui.hostCity.setSelectedData(values.get("host_city_id"))
        ui.organiser.setSelectedData(values.get("organiser_id"))
        ui.parent.setSelectedData(values.get("parent_id"))
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
        ui.startChoice.preferFold(timezones.Fold(start_local.fold))
        ui.endChoice.preferFold(timezones.Fold(end_local.fold))
        ui.start.setDateTime(_qdatetime(start_local))
        ui.end.setDateTime(_qdatetime(end_local))
        if end_local.replace(tzinfo=None) > start_local.replace(tzinfo=None):
            self._length = end_local.replace(tzinfo=None) - start_local.replace(tzinfo=None)
        ui.recurrence.setStart(start_local.replace(tzinfo=None))
        ui.recurrence.setRule(values.get("recurrence_rule"), zone)
        self._select_stored(values)
        ui.videoLink.setText(values.get("video_link", ""))
        ui.description.setPlainText(values.get("description", ""))
        ui.notes.setPlainText(values.get("notes", ""))

    # -- editing ----------------------------------------------------------------------
    def _start_moved(self, _value: QDateTime) -> None:
        """Moving the start moves the end with it, as in every calendar."""
        start = _naive(self.ui.start)
        self.ui.end.setDateTime(_qdatetime(start + self._length))
        self.ui.recurrence.setStart(start)

    def _end_moved(self, _value: QDateTime) -> None:
        length = _naive(self.ui.end) - _naive(self.ui.start)
        if length > timedelta(0):
            self._length = length

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
                problems.append(Problem(field, f"Choose below which {local:%H:%M} you mean."))
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
        if is_zone(zone):
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
            problems.append(Problem("end_utc", "Give the end."))
        taken = {problem.field for problem in problems}
        for found in entity_problems(Event, checked_values(values, problems)):
            if found.field not in taken and not (found.field == "start_utc" and "end_utc" in taken):
                problems.append(found)
        self._update_hints(start_utc, end_utc, values["delegation_ids"])
        return values, problems

    # -- hints ------------------------------------------------------------------------
    def _update_hints(
        self, start: datetime | None, end: datetime | None, delegation_ids: list[str]
    ) -> None:
        ui = self.ui
        if start is None:
            ui.tokyoTime.setText("")
        else:
            tokyo = timezones.to_local(start, timezones.TOKYO)
            washington = timezones.to_local(start, timezones.WASHINGTON)
            ui.tokyoTime.setText(
                f"Tokyo {tokyo:%a %d %b %H:%M} · Washington {washington:%a %d %b %H:%M}"
            )
        if start is not None and end is not None and end > start:
            ui.duration.setText(_duration_text(end - start))
        else:
            ui.duration.setText("")
        if not delegation_ids:
            ui.attendeeTimes.setText(
                "Choose delegations on the Attendees tab to see their local time here."
            )
            return
        if start is None or end is None:
            ui.attendeeTimes.setText("")
            return
        lines = []
        for delegation_id in delegation_ids:
            clock = self._clocks.get(delegation_id)
            if clock is None or not is_zone(clock.zone):
                continue
            local_start = timezones.to_local(start, clock.zone)
            local_end = timezones.to_local(end, clock.zone)
            days = timezones.day_offset(start, clock.zone, timezones.TOKYO)
            shift = {-1: ", the day before Tokyo", 1: ", the day after Tokyo"}.get(days, "")
            comfort = _comfort(local_start.time(), local_end.time(), clock)
            lines.append(
                f"{clock.name}: {local_start:%a %d %b %H:%M}–{local_end:%H:%M} "
                f"(UTC{timezones.utc_offset_label(start, clock.zone)}){shift}, {comfort}"
            )
        ui.attendeeTimes.setText("\n".join(lines))
