"""A delegation's schedule: what the Delegation schedule window and ``cpp-scheduler
schedule`` both show.

Each meeting the delegation attends (each occurrence of a series, each session of a
conference) with its time on the delegation's clock for that day (Tokyo's while it is in
Japan), its time in Tokyo, and where it falls in the delegation's day, judged by the
engine's rules (:mod:`cpp_scheduler.scheduling.attendance`), the same the conflict check
warns by.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.meeting_order import meeting_order
from cpp_scheduler.model import Delegation, EventKind
from cpp_scheduler.scheduling.attendance import AttendedMeeting, delegation_meetings
from cpp_scheduler.scheduling.inputs import ProgramSnapshot, home_clock_city
from cpp_scheduler.scheduling.localtimes import DayPart
from cpp_scheduler.services.snapshot import NotFoundError, load_snapshot
from cpp_scheduler.store import Database


@dataclass(frozen=True, slots=True)
class DelegationChoice:
    """A delegation as a list of them names it."""

    id: str
    name: str
    zone: str
    home_city: str = ""

    @property
    def clock_city(self) -> str:
        """How the schedule names the delegation's own clock: its home city ("New York",
        as its itinerary says "At home (New York)"), else its zone's city."""
        return home_clock_city(self.zone, self.home_city)


@dataclass(frozen=True, slots=True)
class ScheduledMeeting:
    """One line of a delegation's schedule."""

    event_id: str
    occurrence_id: str
    """The event's id, or for a meeting of a series the event's id and its start."""
    title: str
    conference: str | None
    """The title of the conference this is a session of."""
    kind: EventKind
    start: datetime
    """UTC."""
    end: datetime
    zone: str
    """The delegation's clock for this meeting: home, or Tokyo during its stay."""
    in_japan: bool
    part: DayPart | None
    """Working, acceptable or night hours on that clock; None for an all-day block."""
    dates: tuple[date, date] | None = None
    """An all-day block's first and last dates, in the zone it was planned in."""
    moved: bool = False
    """A meeting of a series moved off the time its rule gives it (the engine's
    :attr:`~cpp_scheduler.scheduling.inputs.Interval.moved`), which ``events list``, the
    calendar and the printed documents mark "(moved)"."""

    @property
    def shown_title(self) -> str:
        """The title as a row shows it: a moved meeting marked in the very words
        ``events list`` and the calendar put after its title
        (:attr:`~cpp_scheduler.services.rows.EventRow.moved_note`)."""
        return self.title + (_(" (moved)") if self.moved else "")

    @property
    def hours_text(self) -> str:
        """Where the meeting falls in the delegation's day (:attr:`DayPart.label`), or
        "all day" for a block of dates, as the schedule's column of hours says it."""
        return _("all day") if self.part is None else self.part.label

    @property
    def local_start(self) -> datetime:
        return timezones.to_local(self.start, self.zone)

    @property
    def local_end(self) -> datetime:
        return timezones.to_local(self.end, self.zone)

    @property
    def tokyo_start(self) -> datetime:
        return timezones.to_local(self.start, timezones.TOKYO)

    @property
    def tokyo_end(self) -> datetime:
        return timezones.to_local(self.end, timezones.TOKYO)

    @property
    def all_day(self) -> bool:
        return self.part is None


@dataclass(frozen=True, slots=True)
class ScheduleCells:
    """One line of a delegation's schedule in words (:func:`schedule_cells`): the
    Delegation schedule window's columns, and ``schedule``'s, which sets each date and
    time in one column (:attr:`their_when`, :attr:`tokyo_when`)."""

    title: str
    """The meeting's title, a moved one marked (:attr:`ScheduledMeeting.shown_title`)."""
    their_date: str
    their_time: str
    """Its hours on the delegation's clock, the clock named (``11:00-12:30 EAT``),
    marked where that clock is Tokyo's because the delegation is in Japan; "all day" for
    a block of dates."""
    tokyo_date: str
    tokyo_time: str
    """Its hours in Tokyo, the clock named (``17:00-18:30 JST``)."""
    hours: str
    """Where it falls in the delegation's day (:attr:`ScheduledMeeting.hours_text`)."""
    conference: str
    """The title of the conference it is a session of, or empty."""
    all_day: bool

    @property
    def their_when(self) -> str:
        """The delegation's date and hours in one column (an all-day block's dates
        alone, its hours column saying "all day")."""
        return self._when(self.their_date, self.their_time)

    @property
    def tokyo_when(self) -> str:
        """Tokyo's date and hours in one column."""
        return self._when(self.tokyo_date, self.tokyo_time)

    @property
    def meeting(self) -> str:
        """The title and, for a session, its conference in brackets: where a line has
        no tooltip to name the conference."""
        return f"{self.title} ({self.conference})" if self.conference else self.title

    def _when(self, day: str, hours: str) -> str:
        return day if self.all_day else f"{day} {hours}"


def schedule_cells(meeting: ScheduledMeeting, dash: str = "-") -> ScheduleCells:
    """The words of one line of the schedule, which the Delegation schedule window and
    ``cpp-scheduler schedule`` both show: the dates as :func:`~cpp_scheduler.i18n.day_text`
    writes them, each range's hours with the clock they are read on named after them
    (:func:`~cpp_scheduler.timezones.span`), as Tokyo's is, so the delegation's 11:00 is
    never read on Tokyo's clock. ``dash`` is the command line's ``-`` or the window's
    ``–``."""
    conference = meeting.conference or ""
    if meeting.dates is not None:
        days = i18n.period_day_text(*meeting.dates)
        all_day = meeting.hours_text
        return ScheduleCells(
            meeting.shown_title, days, all_day, days, all_day, all_day, conference, True
        )
    local_start, tokyo_start = meeting.local_start, meeting.tokyo_start
    theirs = timezones.span(local_start, meeting.local_end, zone=True).hours(dash)
    if meeting.in_japan:
        theirs += _(" (in Japan)")
    return ScheduleCells(
        meeting.shown_title,
        i18n.day_text(local_start.date()),
        theirs,
        i18n.day_text(tokyo_start.date()),
        timezones.span(tokyo_start, meeting.tokyo_end, zone=True).hours(dash),
        meeting.hours_text,
        conference,
        False,
    )


@dataclass(frozen=True, slots=True)
class DelegationSchedule:
    """Every meeting of one delegation in a period, by the day it is on, then time."""

    delegation: DelegationChoice
    start: datetime | None
    end: datetime | None
    meetings: tuple[ScheduledMeeting, ...]

    @property
    def nights(self) -> int:
        """How many meetings fall in the delegation's night."""
        return sum(1 for meeting in self.meetings if meeting.part is DayPart.NIGHT)


def summary_text(schedule: DelegationSchedule, span: str | None = None) -> str:
    """ "11 meetings for Peru: … up to 2027-02-28 (Tokyo), 7 at night for them": the line
    under the Delegation schedule window's table and under ``schedule``'s. ``span``: the
    days the schedule covers, as ``--from`` and ``--to`` are said; None, the whole
    program's."""
    count = len(schedule.meetings)
    meetings = ngettext("{count} meeting", "{count} meetings", count).format(count=count)
    nights = (
        _(", {count} at night for them").format(count=schedule.nights) if schedule.nights else ""
    )
    return _("{meetings} for {delegation} {span}{nights}").format(
        meetings=meetings,
        delegation=schedule.delegation.name,
        span=_("in the whole program") if span is None else span,
        nights=nights,
    )


def delegation_choices(database: Database) -> list[DelegationChoice]:
    """The program's delegations by name, for choosing one."""
    with database.session() as session:
        rows = session.execute(
            select(Delegation.id, Delegation.name, Delegation.zone, Delegation.home_city).order_by(
                Delegation.name
            )
        ).all()
    return [DelegationChoice(row.id, row.name, row.zone, row.home_city or "") for row in rows]


def find_delegation(database: Database, name: str) -> DelegationChoice:
    """A delegation by its name (any case) or its id."""
    text = name.strip()
    with database.session() as session:
        row = session.execute(
            select(Delegation.id, Delegation.name, Delegation.zone, Delegation.home_city).where(
                or_(func.lower(Delegation.name) == text.lower(), Delegation.id == text)
            )
        ).first()
        if row is None:
            known = "; ".join(session.scalars(select(Delegation.name).order_by(Delegation.name)))
            raise NotFoundError(
                _("No delegation is called '{name}' (known: {known}).").format(
                    name=printable(text), known=known or _("none yet")
                )
            )
    return DelegationChoice(row.id, row.name, row.zone, row.home_city or "")


def read_schedule(
    database: Database,
    delegation_id: str,
    start: datetime | None = None,
    end: datetime | None = None,
) -> DelegationSchedule:
    """The delegation's meetings overlapping ``start``..``end`` (either may be open)."""
    with database.reading() as session:
        delegation = session.get(Delegation, delegation_id)
        if delegation is None:
            raise NotFoundError(
                _("The delegation '{id}' is not in the program.").format(
                    id=printable(delegation_id)
                )
            )
        choice = DelegationChoice(
            delegation.id, delegation.name, delegation.zone, delegation.home_city or ""
        )
        program = schedule_program(session, start, end)
    return schedule_in(program, choice, start, end)


def schedule_program(
    session: Session, start: datetime | None = None, end: datetime | None = None
) -> ProgramSnapshot:
    """The program a delegation's schedule is read from: every meeting overlapping
    ``start``..``end`` (the whole program when both are open), without what the conflict
    check needs beyond them (no check here). The itinerary reads the delegation's
    meetings from it too, so that the paper lists every meeting its schedule lists."""
    return load_snapshot(session, start, end, neighbours=False)


def schedule_in(
    program: ProgramSnapshot,
    delegation: DelegationChoice,
    start: datetime | None = None,
    end: datetime | None = None,
) -> DelegationSchedule:
    """The schedule from a program already read (``start``/``end`` only label it), in
    the order of the days its rows are on (:func:`_in_order`)."""
    meetings = [_line(m) for m in delegation_meetings(program, delegation.id)]
    return DelegationSchedule(delegation, start, end, tuple(sorted(meetings, key=_in_order)))


def _in_order(
    meeting: ScheduledMeeting,
) -> tuple[date, bool, tuple[datetime, str, str, str]]:
    """A row's place in the schedule: by the day it is on (an all-day block's first date,
    the same on every calendar; a meeting's date on the delegation's clock, as its first
    column writes it), an all-day block first in its day, then in the one order of
    meetings (:func:`meeting_order`, as ``events list``). An all-day day in Kiritimati
    begins the evening before in Tokyo: by its instants it would come before that
    evening's meetings, a day early."""
    day = meeting.dates[0] if meeting.dates is not None else meeting.local_start.date()
    return (
        day,
        meeting.dates is None,
        meeting_order(meeting.start, meeting.title, meeting.event_id),
    )


def _line(meeting: AttendedMeeting) -> ScheduledMeeting:
    interval, judgement = meeting.interval, meeting.judgement
    dates = None
    if judgement.part is None:
        first = timezones.to_local(interval.start, interval.zone).date()
        after = timezones.to_local(interval.end, interval.zone).date()
        dates = (first, after - timedelta(days=1))
    return ScheduledMeeting(
        event_id=interval.event_id,
        occurrence_id=interval.id,
        title=interval.title,
        conference=meeting.conference.title if meeting.conference is not None else None,
        kind=interval.kind,
        start=interval.start,
        end=interval.end,
        zone=judgement.zone,
        in_japan=judgement.in_japan,
        part=judgement.part,
        dates=dates,
        moved=interval.moved,
    )
