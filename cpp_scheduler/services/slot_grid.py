"""The slot finder's picture of a search: everyone's hours, hour by hour, beside the
engine's suggestions.

:func:`plan_meeting` asks :func:`~cpp_scheduler.services.slot_search.search_slots` (the
very call ``cpp-scheduler slots`` makes) and lays the host's, each attendee's and the
venue's day out in hour columns read in the search's zone, so the window only paints
what it is given. It touches no widget and runs on a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.inputs import JAPAN, Attendee, AttendeeKind, Hours, japan_day
from cpp_scheduler.scheduling.localtimes import DayPart, classify
from cpp_scheduler.scheduling.slots import Slot, away_times, busy_times
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.slot_search import SlotAnswer, SlotSearch, search_slots

MAX_GRID_DAYS = 21
"""The grid shows at most three weeks of hours; the search itself may cover more."""
_HOUR = timedelta(hours=1)


class HourState(StrEnum):
    """What one hour is for one attendee."""

    WORKING = "working"
    EXTENDED = "extended"
    NIGHT = "night"
    DAY_OFF = "day_off"
    BUSY = "busy"

    @property
    def label(self) -> str:
        """The state's name in the grid's key: a part of the day by the engine's name
        for it (:attr:`DayPart.label`)."""
        if self in _OTHER_LABELS:
            return _(_OTHER_LABELS[self])
        return DayPart(self.value).label

    @classmethod
    def of_part(cls, part: DayPart) -> HourState:
        """The state of an hour in ``part`` of the attendee's day, nothing else to say."""
        return cls(part.value)


_OTHER_LABELS = {
    HourState.DAY_OFF: N_("holiday or weekend"),
    HourState.BUSY: N_("already booked"),
}


def suggestion_state(slot: Slot) -> HourState:
    """How a suggestion is coloured: as the grid colours its worst-off attendee's hour,
    a day off at home before the part of that day, so a slot in someone's working hours
    on a holiday reads as the holiday it is, not as a night."""
    worst = max(slot.fits, key=lambda fit: fit.inconvenience, default=None)
    if worst is None:
        return HourState.WORKING
    if worst.day_off:
        return HourState.DAY_OFF
    return HourState.of_part(worst.part)


@dataclass(frozen=True, slots=True)
class GridRow:
    """One attendee's hours across the grid's columns."""

    id: str
    name: str
    zone: str
    kind: AttendeeKind
    cells: tuple[HourState, ...]
    local_hours: tuple[int, ...]
    notes: tuple[str, ...]
    """Why each cell is what it is, for its tooltip."""
    taken: tuple[tuple[datetime, datetime], ...] = ()
    """The times the engine holds this row's attendee (or room) busy, which make its
    cells booked: what a time chosen by hand is checked against."""
    clock: str = ""
    """How the row names its clock: a delegation's home city on its own clock, as its
    schedule and the Local times dock name it (:meth:`Attendee.clock_city`)."""


@dataclass(frozen=True, slots=True)
class MeetingPlan:
    """The engine's answer to a search and the grid that shows it."""

    answer: SlotAnswer
    columns: tuple[datetime, ...]
    """The UTC start of each hour column."""
    rows: tuple[GridRow, ...]

    @property
    def search(self) -> SlotSearch:
        return self.answer.search

    def booked_during(self, start: datetime, end: datetime) -> tuple[str, ...]:
        """Who is booked at some time in ``start``..``end``, a time chosen by hand
        rather than suggested: one line per row, in the words of the row's first booked
        hour in it (``Peru: Mon 08 Mar 10:00-11:00 JST, already booked``), as the
        grid's tooltip says it. Empty when everyone is free then."""
        said = []
        for row in self.rows:
            overlaps = [begin for begin, finish in row.taken if begin < end and start < finish]
            if not overlaps:
                continue
            first = max(min(overlaps), start)
            column = self._column_at(first)
            if column is not None and row.cells[column] is HourState.BUSY:
                said.append(row.notes[column])
            else:  # past the hours the grid shows
                when = _hour_words(row.name, row.zone, first)
                said.append(_("{when}, already booked").format(when=when))
        return tuple(said)

    def _column_at(self, instant: datetime) -> int | None:
        if not self.columns:
            return None
        column = int((instant - self.columns[0]) // _HOUR)
        return column if 0 <= column < len(self.columns) else None


def plan_meeting(database: Database, search: SlotSearch) -> MeetingPlan:
    """The suggestions for ``search`` and the grid of everyone's hours."""
    answer = search_slots(database, search)
    columns = hour_columns(search.first_day, search.last_day, search.zone)
    venue = answer.venue
    parties: list[tuple[Attendee, Sequence[tuple[datetime, datetime]]]] = [
        (attendee, _taken(answer, attendee)) for attendee in answer.request.everyone
    ]
    if venue is not None:
        hours = Hours(venue.opens_at, venue.closes_at, venue.opens_at, venue.closes_at)
        room = Attendee(
            venue.id, venue.name, AttendeeKind.REFERENCE, venue.zone, venue.country, hours
        )
        parties.append((room, busy_times(answer.snapshot, [], venue, answer.meeting)))
    rows = tuple(_row(attendee, columns, taken) for attendee, taken in parties)
    return MeetingPlan(answer, columns, rows)


def _taken(answer: SlotAnswer, attendee: Attendee) -> tuple[tuple[datetime, datetime], ...]:
    """An attendee's booked hours, and at a venue the hours the engine keeps them from
    it (travel to and from their other places, days outside their stay in Japan)."""
    taken = busy_times(answer.snapshot, [attendee], meeting=answer.meeting)
    if answer.venue is None:
        return taken
    return (*taken, *away_times(answer.snapshot, [attendee], answer.venue, answer.meeting))


def hour_columns(first_day: date, last_day: date, zone: str) -> tuple[datetime, ...]:
    """The UTC start of each hour from ``first_day`` to ``last_day`` in ``zone`` (at most
    :data:`MAX_GRID_DAYS` days)."""
    shown_last = min(last_day, first_day + timedelta(days=MAX_GRID_DAYS - 1))
    moment = _midnight(first_day, zone)
    after = _midnight(shown_last + timedelta(days=1), zone)
    columns = []
    while moment < after:
        columns.append(moment)
        moment += _HOUR
    return tuple(columns)


def _midnight(day: date, zone: str) -> datetime:
    return timezones.day_start(day, zone)


def _row(
    attendee: Attendee, columns: Sequence[datetime], busy: Sequence[tuple[datetime, datetime]]
) -> GridRow:
    cells = [_cell(attendee, column, busy) for column in columns]
    return GridRow(
        attendee.id,
        attendee.name,
        attendee.zone,
        attendee.kind,
        tuple(cell[0] for cell in cells),
        tuple(cell[1] for cell in cells),
        tuple(cell[2] for cell in cells),
        tuple(busy),
        attendee.clock_city(attendee.zone),
    )


def _hour_words(name: str, zone_name: str, start: datetime) -> str:
    """``Peru: Mon 08 Mar 10:00-11:00 JST``: whose hour, on their clock."""
    local = timezones.to_local(start, zone_name)
    local_end = timezones.to_local(start + _HOUR, zone_name)
    hour = timezones.span_text(local, local_end, day=i18n.short_day_text, zone=True)
    return f"{name}: {hour}"


def _cell(
    attendee: Attendee, start: datetime, busy: Sequence[tuple[datetime, datetime]]
) -> tuple[HourState, int, str]:
    zone_name = attendee.zone_on(japan_day(start))
    local = timezones.to_local(start, zone_name)
    local_end = timezones.to_local(start + _HOUR, zone_name)
    when = _hour_words(attendee.name, zone_name, start)
    for begin, end in busy:
        if begin < start + _HOUR and start < end:
            return HourState.BUSY, local.hour, _("{when}, already booked").format(when=when)
    country = JAPAN if zone_name != attendee.zone else attendee.country
    name = holidays.holiday_name(country, local.date())
    if name:
        return HourState.DAY_OFF, local.hour, f"{when}, {name}"
    if local.weekday() in holidays.weekend_days(country):
        return HourState.DAY_OFF, local.hour, _("{when}, weekend").format(when=when)
    state = HourState.of_part(classify(local, local_end, attendee.hours))
    return state, local.hour, f"{when}, {state.label}"
