"""Each attendee's local date and time of an event, and whether it falls in their day.

A coordinator reads an event as every delegation sees it: a Tokyo 09:00 workshop is
Monday 19:00 in Washington and the day before in Lima. The day offset is counted
against the event's own zone, so "-1" means the attendee is still on the previous day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.inputs import (
    JAPAN,
    Attendee,
    AttendeeKind,
    Hours,
    Interval,
    country_of_zone,
    japan_day,
    zone_city,
)

MINUTES_PER_DAY = 24 * 60


class DayPart(StrEnum):
    """Where a meeting falls in an attendee's day, best first."""

    WORKING = "working"
    EXTENDED = "extended"
    NIGHT = "night"

    @property
    def label(self) -> str:
        """The part's name, as a delegation's hours name it (working hours, acceptable
        hours) and as every screen, command and document says it."""
        return {
            DayPart.WORKING: _("working hours"),
            DayPart.EXTENDED: _("acceptable hours"),
            DayPart.NIGHT: _("night"),
        }[self]


def classify_minutes(start: int, end: int, hours: Hours) -> DayPart:
    """The part of the day of a meeting from ``start`` to ``end`` local minutes.

    Minutes count from the local midnight of the start day, so a meeting running past
    midnight has ``end`` above 1440 and can only be at night.
    """
    work_start, work_end, acceptable_start, acceptable_end = hours.minutes
    if work_start <= start and end <= work_end:
        return DayPart.WORKING
    if acceptable_start <= start and end <= acceptable_end:
        return DayPart.EXTENDED
    return DayPart.NIGHT


SECONDS_PER_DAY = 24 * 60 * 60


def meeting_part(start: int, end: int, days: int, seconds: int, hours: Hours) -> DayPart:
    """Where a meeting falls in an attendee's day: the one rule of the local times, a
    delegation's schedule and the conflict check's night-time warnings.

    ``start`` and ``end`` are minutes after the midnights of the local days the meeting
    starts and ends on, ``days`` how many days later it ends, ``seconds`` how long it
    lasts. A meeting of a day at most is read whole: one running past midnight (22:00 to
    01:00) is at night. A longer one is a block of days (a conference from 09:00 on the
    first day to 17:00 on the third), run each day from its first day's start to its
    last day's end, as a coordinator plans it; where those hours cross midnight (20:00
    to 08:00, or round the clock) it runs through a night.
    """
    if seconds <= SECONDS_PER_DAY:
        return classify_minutes(start, end + days * MINUTES_PER_DAY, hours)
    return classify_minutes(start, end if end > start else end + MINUTES_PER_DAY, hours)


def classify(start: datetime, end: datetime, hours: Hours) -> DayPart:
    """The part of the day of a meeting between two aware local datetimes of one zone,
    by :func:`meeting_part`."""
    return meeting_part(
        start.hour * 60 + start.minute,
        end.hour * 60 + end.minute,
        (end.date() - start.date()).days,
        round(end.timestamp() - start.timestamp()),
        hours,
    )


@dataclass(frozen=True, slots=True)
class LocalTime:
    """An instant as a wall clock in one zone shows it."""

    zone: str
    local: datetime
    weekday: str
    day_offset: int
    """Calendar days after the date in the event's own zone (-1, 0, +1)."""
    utc_offset: str
    abbreviation: str

    @classmethod
    def of(cls, instant: datetime, zone_name: str, event_zone: str) -> LocalTime:
        local = timezones.to_local(instant, zone_name)
        return cls(
            zone=zone_name,
            local=local,
            weekday=i18n.in_english(local, "%a"),
            day_offset=timezones.day_offset(instant, zone_name, event_zone),
            utc_offset=timezones.utc_offset_label(instant, zone_name),
            abbreviation=local.tzname() or timezones.utc_offset_label(instant, zone_name),
        )

    def describe(self, language: str | None = None) -> str:
        """``Mon 08 Jun 2026 19:00 -05 (-1 day)``, ``2026年6月8日(月) 19:00 -05（-1日）``: in
        ``language``, else the program's."""
        text = _ if language is None else i18n.catalogue(language).gettext
        offset = f"{self.day_offset:+d}"
        shift = text(N_(" ({offset} day)")).format(offset=offset) if self.day_offset else ""
        day = i18n.day_text(self.local.date(), language)
        return f"{day} {self.local:%H:%M} {self.abbreviation}{shift}"


@dataclass(frozen=True, slots=True)
class AttendeeTimes:
    """One row of the local-times table: who, in which zone, from when to when."""

    attendee: Attendee
    zone: str
    start: LocalTime
    end: LocalTime
    part: DayPart
    in_japan: bool = False
    """The attendee is visiting Japan that day, so their clock is Tokyo's."""


HOSTS_CLOCK_ID = timezones.TOKYO
"""The id of the Tokyo row among a meeting's local times: the hosts' clock (TDLC in
Tokyo, or a partner city's office on Japan's clock), whose night and holidays the
checks judge as an attendee's."""


def reference_attendees() -> tuple[Attendee, ...]:
    """Tokyo (TDLC) and Washington (the Bank), shown for every event."""
    return (
        Attendee(HOSTS_CLOCK_ID, _("Tokyo"), AttendeeKind.REFERENCE, timezones.TOKYO, JAPAN),
        Attendee(
            timezones.WASHINGTON,
            _("Washington"),
            AttendeeKind.REFERENCE,
            timezones.WASHINGTON,
            "US",
        ),
    )


def attendee_times(interval: Interval, attendee: Attendee) -> AttendeeTimes:
    zone_name = attendee.zone_on(japan_day(interval.start))
    start = LocalTime.of(interval.start, zone_name, interval.zone)
    end = LocalTime.of(interval.end, zone_name, interval.zone)
    return AttendeeTimes(
        attendee=attendee,
        zone=zone_name,
        start=start,
        end=end,
        part=classify(start.local, end.local, attendee.hours),
        in_japan=zone_name != attendee.zone,
    )


def local_times(
    interval: Interval,
    attendees: Iterable[Attendee],
    references: Iterable[Attendee] | None = None,
) -> tuple[AttendeeTimes, ...]:
    """The event's start and end for each attendee, then for Tokyo and Washington."""
    rows = [attendee_times(interval, attendee) for attendee in attendees]
    extra = reference_attendees() if references is None else tuple(references)
    rows.extend(attendee_times(interval, reference) for reference in extra)
    return tuple(rows)


# -- the local times of one meeting, as the inspector and ``times`` show them ----------


def distinct_clocks(attendees: Iterable[Attendee], day: date) -> list[Attendee]:
    """The delegations, then the participants whose clock none of them shares on ``day``.

    A participant on their own delegation's clock adds a row that says nothing new; one
    joining from elsewhere (or without a delegation) reads the meeting on a clock of
    their own and keeps their row.
    """
    everyone = list(attendees)
    delegations = [a for a in everyone if a.kind is AttendeeKind.DELEGATION]
    zone_of_delegation = {a.id: a.zone_on(day) for a in delegations}
    shown = list(delegations)
    for person in everyone:
        if person.kind is not AttendeeKind.PARTICIPANT:
            continue
        if zone_of_delegation.get(person.delegation_id or "") == person.zone_on(day):
            continue
        shown.append(person)
    return shown


def hosted_in_japan(interval: Interval, venue_zone: str | None = None) -> bool:
    """Whether Japan's holidays are its hosts': TDLC is always in the room, hosting from
    Tokyo or from a partner city's office, so every meeting joined from afar is hosted in
    Japan, whatever clock it was typed on (the slot finder scores the host with Japan's
    holidays too); one held in person is hosted where it is held (``venue_zone``, its
    venue's zone, where it has one, else its own), and so is an all-day block, which is
    a place's dates (an office closure, a conference day). The one rule of the Local
    times and of the conflict check."""
    if interval.is_in_person or interval.all_day:
        return country_of_zone(venue_zone or interval.zone) == JAPAN
    return True


@dataclass(frozen=True, slots=True)
class HolidayWarning:
    """A public holiday that falls on an attendee's local date of a meeting."""

    day: date
    country: str
    """ISO 3166 code of the country whose holiday it is."""
    holiday: str
    who: str
    """Whom it concerns: an attendee's name, or "the hosts in Tokyo"."""

    @property
    def country_name(self) -> str:
        return timezones.country_name(self.country) or self.country

    @property
    def text(self) -> str:
        return _("{day} is {holiday}, a public holiday in {country} ({who}).").format(
            day=i18n.day_text(self.day),
            holiday=self.holiday,
            country=timezones.country_in_prose(self.country),
            who=self.who,
        )


def holiday_warnings(rows: Iterable[AttendeeTimes], hosted: bool) -> tuple[HolidayWarning, ...]:
    """One warning per country and local date of the meeting that is a public holiday.

    An attendee visiting Japan keeps Japan's holidays that day, as do the hosts (the
    Tokyo row) of a meeting ``hosted`` in Japan; Washington's row stands for nobody's
    days off. A country's holiday is named once, for the first attendee it concerns.
    """
    warnings: list[HolidayWarning] = []
    seen: set[tuple[str, date]] = set()
    for row in rows:
        attendee = row.attendee
        country = JAPAN if row.in_japan else attendee.country
        if attendee.kind is AttendeeKind.REFERENCE:
            if attendee.zone != timezones.TOKYO or not hosted:
                continue
            country = JAPAN
        if not country:
            continue
        hosts = country == JAPAN and (attendee.kind is AttendeeKind.REFERENCE or row.in_japan)
        # Its dates are those of its first and last seconds: a meeting ending at midnight
        # is not on the next date (the conflict check and the slot finder read it so).
        day = row.start.local.date()
        last = timezones.to_local(
            row.end.local.astimezone(UTC) - timedelta(seconds=1), row.end.zone
        ).date()
        while day <= last:
            name = holidays.holiday_name(country, day)
            if name and (country, day) not in seen:
                seen.add((country, day))
                who = _("the hosts in Tokyo") if hosts else attendee.name
                warnings.append(HolidayWarning(day, country, name, who))
            day += timedelta(days=1)
    return tuple(warnings)


@dataclass(frozen=True, slots=True)
class MeetingTimes:
    """What a coordinator reads about one meeting: every clock, then the holidays."""

    rows: tuple[AttendeeTimes, ...]
    warnings: tuple[HolidayWarning, ...]


def meeting_times(
    interval: Interval, attendees: Iterable[Attendee], venue_zone: str | None = None
) -> MeetingTimes:
    """The meeting on each distinct clock (delegations, participants on a clock of their
    own, Tokyo, Washington) and the public holidays on those local dates.

    An all-day event has no clock to read: it is on its dates for everybody, so it has
    no rows, only the holidays that fall on its dates in each attendee's country."""
    hosted = hosted_in_japan(interval, venue_zone)
    if interval.all_day:
        return MeetingTimes((), all_day_holiday_warnings(interval, attendees, hosted))
    rows = local_times(interval, distinct_clocks(attendees, japan_day(interval.start)))
    return MeetingTimes(rows, holiday_warnings(rows, hosted))


def describe_span(
    start: datetime,
    end: datetime,
    zone_name: str,
    day: Callable[[date], str] | None = None,
    city: str | None = None,
    dash: str = "-",
) -> str:
    """``Tue 12 Jan 10:00-11:30 (Tokyo)``, ``Sun 07 Nov 01:30 EDT - 02:30 EST
    (Washington)``: a meeting as a sentence names it, its day written by ``day`` (the
    short day without the year by default), its times by :func:`timezones.span_text`
    (with the window's ``–`` for ``dash`` there).

    ``city`` names the clock where it is someone's own (a delegation's home city, by
    :meth:`Attendee.clock_city`: "(New York)", not the Bank's "(Washington)"); by
    default the zone's city (:func:`zone_city`)."""
    text = timezones.span_text(
        timezones.to_local(start, zone_name),
        timezones.to_local(end, zone_name),
        day=day or i18n.short_day_text,
        dash=dash,
    )
    return _("{span} ({city})").format(span=text, city=city or zone_city(zone_name))


def describe_days(start: datetime, end: datetime, zone_name: str) -> str:
    """``Thu 29 Apr (all day)``, ``Thu 29 Apr to Wed 05 May (all day)``: whole days of
    ``zone_name`` from ``start`` to ``end`` (the midnight after the last day)."""
    return describe_dates(*timezones.all_day_dates(start, end, zone_name))


def describe_dates(first: date, last: date) -> str:
    """``Thu 29 Apr (all day)``, ``Thu 29 Apr to Wed 05 May (all day)``: the days from
    ``first`` to ``last``, both included."""
    if first == last:
        return _("{first} (all day)").format(first=i18n.short_day_text(first))
    return _("{first} to {last} (all day)").format(
        first=i18n.short_day_text(first), last=i18n.short_day_text(last)
    )


def all_day_dates(interval: Interval) -> tuple[date, date]:
    """The first and last day of an all-day event, in its own zone."""
    return timezones.all_day_dates(interval.start, interval.end, interval.zone)


def all_day_text(first: date, last: date) -> str:
    """``All day``, ``All day to Mon 08 Mar``: what a printed or exported line says in
    place of the times of an all-day event listed on its first day."""
    if last > first:
        return _("All day to {last}").format(last=i18n.short_day_text(last))
    return _("All day")


def all_day_holiday_warnings(
    interval: Interval, attendees: Iterable[Attendee], hosted: bool
) -> tuple[HolidayWarning, ...]:
    """The public holidays on an all-day event's dates: each attendee's country's (Japan's
    for a day it spends in Japan), and Japan's for the hosts of an event held there."""
    first, last = all_day_dates(interval)
    warnings: list[HolidayWarning] = []
    seen: set[tuple[str, date]] = set()
    clocks = distinct_clocks(attendees, japan_day(interval.start))
    day = first
    while day <= last:
        concerned: list[tuple[str, str]] = []
        if hosted:
            concerned.append((JAPAN, _("the hosts in Tokyo")))
        for attendee in clocks:
            in_japan = attendee.zone_on(day) != attendee.zone
            country = JAPAN if in_japan else attendee.country
            if country:
                concerned.append((country, attendee.name))
        for country, who in concerned:
            name = holidays.holiday_name(country, day)
            if name and (country, day) not in seen:
                seen.add((country, day))
                warnings.append(HolidayWarning(day, country, name, who))
        day += timedelta(days=1)
    return tuple(warnings)
