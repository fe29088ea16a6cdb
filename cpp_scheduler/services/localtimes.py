"""The local times of a meeting: the one answer the inspector and ``cpp-scheduler times``
both show.

A meeting is an event, or one meeting of a series, named by the start its rule gives it
(its recurrence id) or by the start it has now (it may have been moved), or by its date
in the event's own zone. Every meeting is read on its own date: a series that crosses a
change to summer time, or a public holiday, shows each meeting as it falls.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.i18n import _
from cpp_scheduler.model.recurrence import Occurrence
from cpp_scheduler.scheduling.attendance import judged_at_night, judged_at_night_ids
from cpp_scheduler.scheduling.inputs import Attendee, Interval, zone_city
from cpp_scheduler.scheduling.localtimes import (
    HOSTS_CLOCK_ID,
    AttendeeTimes,
    DayPart,
    HolidayWarning,
    describe_span,
    meeting_times,
)
from cpp_scheduler.services.snapshot import (
    NotFoundError,
    event_attendees,
    event_intervals,
    find_event,
    holds_sessions,
)
from cpp_scheduler.store import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cpp_scheduler.model import Event

Moment = date | datetime
"""Names a meeting: a date in the event's zone, or an instant (its start, or its
recurrence id)."""


@dataclass(frozen=True, slots=True)
class EventSummary:
    """The event a meeting belongs to, as a heading names it."""

    id: str
    uid: str
    title: str
    zone: str
    is_series: bool


@dataclass(frozen=True, slots=True)
class MeetingLocalTimes:
    """One meeting on every attendee's clock, and the public holidays on its dates."""

    event: EventSummary
    start: datetime
    end: datetime
    recurrence_id: datetime | None
    """The start the series rule gives this meeting (UTC); None for a one-off event."""
    rows: tuple[AttendeeTimes, ...]
    warnings: tuple[HolidayWarning, ...]
    """The public holidays the meeting falls on: none for a meeting called off, of which
    the conflict check and the event dialog warn of nothing."""
    all_day: bool = False
    """An all-day event: no clock's hours (``rows`` is empty), the same dates for
    everybody (:attr:`dates`)."""
    judged_at_night: frozenset[str] = frozenset()
    """The attendees whose night the conflict check warns of (their ids), where their
    row reads night (:func:`~cpp_scheduler.scheduling.attendance.judged_at_night_ids`):
    none for a meeting called off, which the check leaves out."""

    @property
    def nights_warned(self) -> list[AttendeeTimes]:
        """The rows whose night the conflict check warns of (:func:`nights_warned`)."""
        return nights_warned(self.rows, self.judged_at_night)

    def night_warnings(self, dash: str = "-") -> list[str]:
        """The meeting's nights the conflict check warns of, a sentence each
        (:func:`night_warning`), as ``cpp-scheduler times`` prints them under its table
        and the event dialog warns of them."""
        return [night_warning(row, dash) for row in self.nights_warned]

    @property
    def dates(self) -> tuple[date, date]:
        """The first and last day of the meeting in the event's zone (the last day of an
        all-day event is the one before its exclusive end)."""
        return meeting_dates(self.start, self.end, self.event.zone, self.all_day)

    def when_text(self, dash: str = "-") -> str:
        """The meeting's line under its title, in the Local times dock and in
        ``cpp-scheduler times`` alike: ``Sun 07 Nov 2027 01:30 EDT - 02:30 EST
        (Washington)`` on the event's own clock, as a sentence names a meeting
        (:func:`describe_span`, with the year), or an all-day meeting's dates
        (:func:`days_on_every_calendar`). ``dash`` is the command line's ``-`` or the
        window's ``–``."""
        if self.all_day:
            return days_on_every_calendar(*self.dates)
        return describe_span(self.start, self.end, self.event.zone, i18n.day_text, dash=dash)


def meeting_dates(start: datetime, end: datetime, zone: str, all_day: bool) -> tuple[date, date]:
    """The first and last day of a meeting from ``start`` to ``end`` in ``zone`` (the
    last day of an all-day one is the one before its exclusive end)."""
    last = timezones.to_local(end, zone)
    if all_day:
        last -= timedelta(days=1)
    return timezones.to_local(start, zone).date(), last.date()


def days_on_every_calendar(first: date, last: date) -> str:
    """What the Local times dock, ``cpp-scheduler times`` and the event dialog say of an
    all-day meeting: ``All day on Mon 08 Nov 2027, on every attendee's calendar``, its
    dates as its calendar file and invitation say them, the same on every clock."""
    # The calendar's own wording, read where it is needed: the Local times dock and
    # ``cpp-scheduler times`` load no calendar library for a timed meeting.
    from cpp_scheduler.ical.export import all_day_line

    return _("{days}, on every attendee's calendar").format(days=all_day_line(first, last))


def visiting_mark(row: AttendeeTimes) -> str:
    """What is written after an attendee on Tokyo's clock because they are visiting
    Japan that day, `` (visiting Japan)``, else nothing: the one wording of a visit in
    the Local times dock, ``cpp-scheduler times`` (:func:`clock_text`) and the event
    dialog's line for that attendee."""
    return _(" (visiting Japan)") if row.in_japan else ""


def clock_text(row: AttendeeTimes, clock: str) -> str:
    """An attendee's clock as their row names it (``clock``: the zone in
    ``cpp-scheduler times``, its city in the Local times dock), marked where it is Tokyo's
    because they are visiting Japan that day (:func:`visiting_mark`):
    ``Tokyo (visiting Japan)``."""
    return clock + visiting_mark(row)


def attendee_line(row: AttendeeTimes, event_zone: str, dash: str = "-") -> str:
    """One attendee's clock in a line, as the event dialog lists its attendees under the
    times typed: ``Peru: …: Sun 14 Feb 20:45–22:15 (UTC-05:00), the day before Tokyo ·
    night``: who (marked where they are on Tokyo's clock because they are visiting Japan,
    :func:`visiting_mark`), their day and hours, their UTC offset (each end's where the
    clock changes within), how many days they are off the event's own clock
    (``event_zone``, named by its city), and where the meeting falls in their day, as
    the Local times dock colours their row. ``dash`` is the command line's ``-`` or the
    window's ``–``."""
    start, end = row.start.local, row.end.local
    span = timezones.span_text(start, end, day=i18n.short_day_text, dash=dash)
    days = row.start.day_offset
    city = zone_city(event_zone)
    if days == -1:
        shift = _(", the day before {city}").format(city=city)
    elif days == 1:
        shift = _(", the day after {city}").format(city=city)
    elif days:
        shift = _(", {days} days {city}").format(days=f"{days:+d}", city=city)
    else:
        shift = ""
    return (
        f"{row.attendee.name}{visiting_mark(row)}: {span} "
        f"(UTC{timezones.offsets_text(start, end)}){shift} · {row.part.label}"
    )


def night_warning(row: AttendeeTimes, dash: str = "-") -> str:
    """``Night for Peru: Lima housing ministry: 00:00-01:00 there.``: a meeting at night
    on an attendee's clock (the Tokyo row's: ``the hosts in Tokyo``), their hours read on
    it (each end's clock named where it changes within), in the event dialog's warnings
    and under ``cpp-scheduler times``'s table alike. ``dash`` is the command line's ``-``
    or the window's ``–``."""
    span = timezones.span_text(row.start.local, row.end.local, dash=dash)
    if row.attendee.id == HOSTS_CLOCK_ID:
        return _("Night for the hosts in Tokyo: {span} there.").format(span=span)
    return _("Night for {name}: {span} there.").format(name=row.attendee.name, span=span)


def nights_warned(rows: Iterable[AttendeeTimes], judged: frozenset[str]) -> list[AttendeeTimes]:
    """The rows that read night for an attendee whose night the conflict check judges
    (``judged``: their ids,
    :func:`~cpp_scheduler.scheduling.attendance.judged_at_night_ids`), in their order."""
    return [row for row in rows if row.part is DayPart.NIGHT and row.attendee.id in judged]


def night_warnings(
    rows: Iterable[AttendeeTimes], judged: frozenset[str], dash: str = "-"
) -> list[str]:
    """The :func:`night_warning` of each of the :func:`nights_warned`."""
    return [night_warning(row, dash) for row in nights_warned(rows, judged)]


@dataclass(frozen=True, slots=True)
class EventLocalTimes:
    """An event and the local times of the meetings asked for (none when every meeting
    of a series is cancelled)."""

    event: EventSummary
    meetings: tuple[MeetingLocalTimes, ...]


class NoSuchMeetingError(NotFoundError):
    """The event has no meeting at the date or instant asked for."""


def read_event_local_times(
    database: Database,
    event_uid_or_id: str,
    occurrence: Moment | None = None,
    every: bool = False,
) -> EventLocalTimes:
    """The local times of the meeting ``occurrence`` names (the first one without it),
    or of ``every`` meeting of the event."""
    with database.reading() as session:
        event = find_event(session, event_uid_or_id)
        summary, meetings = _meetings_asked(event, occurrence, every)
        attendees = event_attendees(event)
        venue_zone = event.venue.zone if event.venue is not None else None
        # Whose nights the conflict check judges: none of a meeting called off (nor its
        # holidays: it warns of nothing, as the event dialog says nothing of it); a
        # conference holding sessions is judged by them, not by its own span (read only
        # where a meeting's hours could be judged at all: remote ones).
        checked = not event.is_cancelled
        holds = (
            checked
            and any(judged_at_night(interval, False) for _found, interval in meetings)
            and holds_sessions(session, event.id)
        )
    return EventLocalTimes(
        summary,
        tuple(
            _meeting(
                summary,
                found,
                interval,
                attendees,
                judged_at_night_ids(interval, holds, attendees) if checked else frozenset(),
                venue_zone,
                checked,
            )
            for found, interval in meetings
        ),
    )


def _meetings_asked(
    event: Event, occurrence: Moment | None, every: bool
) -> tuple[EventSummary, list[tuple[Occurrence, Interval]]]:
    """The event as a heading names it, and the meetings asked of it: the one
    ``occurrence`` names (:func:`_find_meeting`), else every one, else the first."""
    summary = EventSummary(event.id, event.uid, event.title, event.zone, event.is_series)
    meetings = list(zip(event.occurrences(), event_intervals(event), strict=True))
    if occurrence is not None:
        cancelled = [change.recurrence_id for change in event.changes if change.cancelled]
        return summary, [_find_meeting(summary, meetings, occurrence, cancelled)]
    return summary, meetings if every else meetings[:1]


def meeting_asked(
    session: Session, event_uid_or_id: str, occurrence: Moment | None
) -> tuple[EventSummary, Occurrence]:
    """The meeting ``occurrence`` names (the first one without it), in the read of
    ``session``, by the rule the Local times dock and ``times`` follow; refused
    (:class:`NoSuchMeetingError`) when there is none."""
    summary, meetings = _meetings_asked(find_event(session, event_uid_or_id), occurrence, False)
    if not meetings:
        raise _every_meeting_cancelled(summary)
    return summary, meetings[0][0]


def _every_meeting_cancelled(event: EventSummary) -> NoSuchMeetingError:
    return NoSuchMeetingError(
        _("Every meeting of '{title}' is cancelled.").format(title=event.title)
    )


def read_local_times(
    database: Database, event_uid_or_id: str, occurrence: Moment | None = None
) -> MeetingLocalTimes:
    """The local times of one meeting: ``occurrence`` (a recurrence id, or a start, or a
    date in the event's zone), or the event's first meeting."""
    answer = read_event_local_times(database, event_uid_or_id, occurrence)
    if not answer.meetings:
        raise _every_meeting_cancelled(answer.event)
    return answer.meetings[0]


def _meeting(
    event: EventSummary,
    occurrence: Occurrence,
    interval: Interval,
    attendees: list[Attendee],
    judged: frozenset[str],
    venue_zone: str | None,
    checked: bool,
) -> MeetingLocalTimes:
    """One meeting's local times; the holidays it falls on only where it is ``checked``
    (not called off), the rule the event dialog asks
    (:func:`~cpp_scheduler.services.draft_times.is_checked`)."""
    times = meeting_times(interval, attendees, venue_zone)
    return MeetingLocalTimes(
        event,
        interval.start,
        interval.end,
        occurrence.recurrence_id,
        times.rows,
        times.warnings if checked else (),
        interval.all_day,
        judged,
    )


def _find_meeting(
    event: EventSummary,
    meetings: list[tuple[Occurrence, Interval]],
    wanted: Moment,
    cancelled: Sequence[datetime] = (),
) -> tuple[Occurrence, Interval]:
    """The meeting ``wanted`` names: at an instant, the one the rule placed there (its
    recurrence id, by which the calendar and the window know it), else the one that
    starts there; on a date, the one that starts on it, else the one the rule placed
    on it before it was moved. Two meetings of a series swapped by moving one onto the
    other's slot are each named by their own recurrence id. A meeting the rule places
    there but that was cancelled is said to be cancelled, as the event's Series tab
    lists it."""
    if isinstance(wanted, datetime):
        if wanted.tzinfo is None:
            raise SchedulerError(
                _("{instant} needs a UTC offset to name an instant.").format(
                    instant=wanted.isoformat()
                )
            )
        ruled = [m for m in meetings if m[0].recurrence_id == wanted]
        now = [m for m in meetings if m[0].start == wanted]
        local = timezones.to_local(wanted, event.zone)
        asked = f"{i18n.day_text(local.date())} {local:%H:%M}"
        found_first = (*ruled, *now)
    else:
        now = [m for m in meetings if _local_date(m[0].start, event.zone) == wanted]
        ruled = [
            m
            for m in meetings
            if m[0].recurrence_id is not None
            and _local_date(m[0].recurrence_id, event.zone) == wanted
        ]
        asked = i18n.day_text(wanted)
        found_first = (*now, *ruled)
    for found in found_first:
        return found
    called_off = [
        rule
        for rule in cancelled
        if (
            rule == wanted
            if isinstance(wanted, datetime)
            else _local_date(rule, event.zone) == wanted
        )
    ]
    if called_off:
        raise NoSuchMeetingError(
            _("The meeting of '{title}' on {asked} ({city} time) is cancelled.").format(
                title=event.title, asked=asked, city=zone_city(event.zone)
            )
        )
    dates = ", ".join(
        i18n.day_month_year_text(_local_date(m[0].start, event.zone)) for m in meetings
    )
    raise NoSuchMeetingError(
        _("'{title}' has no meeting on {asked} ({city} time); its meetings: {dates}.").format(
            title=event.title,
            asked=asked,
            city=zone_city(event.zone),
            dates=dates or _("none, every one is cancelled"),
        )
    )


def _local_date(instant: datetime, zone: str) -> date:
    return timezones.to_local(instant, zone).date()
