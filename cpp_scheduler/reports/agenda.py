"""The tables a coordinator takes to a spreadsheet: the agenda, the delegations with their
members, and a study tour's days.

The agenda lists what the window's agenda lists: each meeting (a series' occurrences,
a conference's sessions, cancelled events marked so; cancelled occurrences of a series
are not meetings) on the period's days (an all-day meeting on its own dates), through
the same filters as the window's sidebar. Its times are given in each zone asked for,
as wall-clock times in a column named with the zone, and in UTC; an all-day meeting's
are its dates, marked "All day".

Its Hours are the report's for the same days (``docs/reports.md``), read from the
report's own count (:func:`~cpp_scheduler.reports.program.counted_hours`), so they add
up to it for any period: a meeting's hours count in the period it starts in, on its own
row; a conference with sessions carries its held sessions' hours on its row, and its
sessions' rows none; a cancelled or an all-day meeting adds none. A meeting that
started before the period is listed for what it holds of it, its hours left to the
period it starts in. The Hours note column says where a row's hours are counted when
they are not on it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import partial

from cpp_scheduler import timezones
from cpp_scheduler.i18n import _, name_order, shown_name
from cpp_scheduler.meeting_order import meeting_order
from cpp_scheduler.model.enums import EventMode
from cpp_scheduler.model.event_filter import (
    EventFilter,
    conferences_above,
    delegations_attending,
    meeting_days,
    on_days,
    searched_names,
    searched_text,
    tour_date,
)
from cpp_scheduler.reports.facts import Meeting, ProgramFacts, TourFacts, VenueFact
from cpp_scheduler.reports.program import (
    CountedHours,
    counted_hours,
    meeting_key,
    starts_within,
)
from cpp_scheduler.reports.tables import Cell, ColumnType, Table, table
from cpp_scheduler.scheduling.localtimes import all_day_text

T = ColumnType


def search_text(meeting: Meeting, facts: ProgramFacts) -> str:
    """What a text search looks in: the words the window's search reads
    (:func:`~cpp_scheduler.model.event_filter.searched_text`)."""
    venue = facts.venues.get(meeting.venue_id or "")
    city = facts.cities.get(meeting.city_id or "")
    return searched_text(
        meeting.title,
        (
            searched_names(venue.name, venue.name_ja) if venue else "",
            searched_names(city.name, city.name_ja) if city else "",
        ),
        _delegation_names(meeting, facts),
        meeting.kind,
    )


def _delegation_names(meeting: Meeting, facts: ProgramFacts) -> str:
    return ", ".join(
        sorted(facts.delegations[d].name for d in meeting.delegation_ids if d in facts.delegations)
    )


def _wall(instant: datetime, zone: str) -> datetime:
    """The wall-clock time in ``zone``, without its zone: what an Excel cell can hold."""
    return timezones.to_local(instant, zone).replace(tzinfo=None)


def _zone_columns(zones: Sequence[str]) -> list[tuple[str, ColumnType]]:
    columns: list[tuple[str, ColumnType]] = []
    for zone in zones:
        columns += [
            (_("Start ({zone})").format(zone=zone), T.DATETIME),
            (_("End ({zone})").format(zone=zone), T.DATETIME),
        ]
    return [*columns, (_("Start (UTC)"), T.DATETIME), (_("End (UTC)"), T.DATETIME)]


def _meeting_cells(meeting: Meeting, zones: Sequence[str]) -> list[Cell]:
    """The meeting's start and end in each zone and in UTC; an all-day meeting's first and
    last dates in every column instead, as its dates are the same on every clock."""
    if meeting.all_day:
        first, last = timezones.all_day_dates(meeting.start_utc, meeting.end_utc, meeting.zone)
        return [first, last] * (len(zones) + 1)
    return _zone_cells(meeting.start_utc, meeting.end_utc, zones)


def _zone_cells(start: datetime, end: datetime, zones: Sequence[str]) -> list[Cell]:
    cells: list[Cell] = []
    for zone in zones:
        cells += [_wall(start, zone), _wall(end, zone)]
    return [*cells, _wall(start, "UTC"), _wall(end, "UTC")]


def _all_day_cell(meeting: Meeting) -> str:
    """``All day`` (or ``All day to Mon 08 Mar``) beside an all-day meeting's dates."""
    if not meeting.all_day:
        return ""
    return all_day_text(*timezones.all_day_dates(meeting.start_utc, meeting.end_utc, meeting.zone))


def _as_attended(
    meeting: Meeting,
    parents: Mapping[str, str | None],
    conferences: Mapping[str, frozenset[str]],
) -> Meeting:
    """The meeting as the delegation and participant filters judge it: with the
    delegations it is for
    (:func:`~cpp_scheduler.model.event_filter.delegations_attending`: a session that
    names none is for its conference's delegations, whose hours it carries)."""
    if meeting.parent_id is None:
        return meeting
    attending = delegations_attending(
        meeting.delegation_ids, conferences_above(meeting.event_id, parents), conferences
    )
    if attending == meeting.delegation_ids:
        return meeting
    return replace(meeting, delegation_ids=attending)


def _hours_cells(meeting: Meeting, counted: CountedHours, started_before: bool) -> tuple[Cell, str]:
    """The hours the report counts on the meeting's row for the agenda's days, and a note
    saying where they are when they are elsewhere: in its conference's row for a
    session, in the period it starts in for a meeting begun before these days. An
    all-day or a cancelled meeting has no hours, and its row already says why."""
    if meeting.all_day or meeting.cancelled:
        return None, ""
    key = meeting_key(meeting)
    if key in counted.folded:
        return None, _("Counted in its conference's hours")
    if started_before:
        return None, _("Started before these dates: counted where it starts")
    hours = counted.hours.get(key)
    if hours is None:
        return None, ""
    return round(hours, 2), _("Its sessions' hours") if key in counted.carriers else ""


def agenda_meetings(
    facts: ProgramFacts,
    event_filter: EventFilter,
    first: date | None,
    last: date | None,
    days_zone: str = timezones.TOKYO,
    *,
    in_venues: bool = False,
) -> list[Meeting]:
    """The meetings on the days ``first`` to ``last`` of ``days_zone`` (both included;
    None an open end) that pass the filter, by start time: the agenda's rows, and the
    calendar's for those days (the events it shows, which the window exports).
    ``in_venues``: as the Venues view shows them, the meetings held in a venue alone (a
    room's line is where it draws a booking), so that what it exports, a calendar file
    or the agenda, is what it draws."""
    parents = {m.event_id: m.parent_id for m in facts.meetings}
    with_sessions = {m.parent_id for m in facts.meetings if m.parent_id is not None}
    conferences = {
        m.event_id: m.delegation_ids for m in facts.meetings if m.event_id in with_sessions
    }
    by_attendance = event_filter.asks_who_attends
    chosen = [
        meeting
        for meeting in facts.meetings
        if not meeting.cancelled_alone
        and (not in_venues or meeting.venue_id is not None)
        and on_days(
            meeting_days(
                meeting.start_utc,
                meeting.end_utc,
                meeting.zone,
                all_day=meeting.all_day,
                clock=days_zone,
            ),
            first,
            last,
        )
        and event_filter.accepts(
            _as_attended(meeting, parents, conferences) if by_attendance else meeting,
            partial(search_text, meeting, facts),
        )
    ]
    chosen.sort(key=lambda m: meeting_order(m.start_utc, m.title, m.event_id))
    return chosen


def _tour_activity_place(
    meeting: Meeting, venue: VenueFact | None, facts: ProgramFacts
) -> tuple[str, str]:
    """Where an activity of a tour is, in English and in Japanese, as the tour builder
    says it: its venue, else online for a virtual one, else its partner city (a visit
    in Kobe whose venue is not chosen yet); nothing where none is known."""
    if venue is not None:
        return f"{venue.name}, {venue.locality}", venue.name_ja
    if meeting.mode is EventMode.VIRTUAL:
        return _("online"), ""
    city = facts.cities.get(meeting.city_id or "")
    return (city.name, city.name_ja) if city is not None else ("", "")


def agenda_table(
    facts: ProgramFacts,
    event_filter: EventFilter,
    first: date | None,
    last: date | None,
    zones: Sequence[str] = (timezones.TOKYO,),
    days_zone: str = timezones.TOKYO,
    *,
    in_venues: bool = False,
) -> Table:
    """The meetings on the days ``first`` to ``last`` of ``days_zone`` (both included;
    None an open end) that pass the filter, by start time, with their times in each of
    ``zones`` and in UTC, and the hours the report counts for those days; ``in_venues``:
    those the Venues view shows alone (:func:`agenda_meetings`)."""
    zones = list(dict.fromkeys(zones)) or [timezones.TOKYO]
    for zone in zones:
        timezones.zone(zone)  # an unknown zone is said before anything is written
    titles = {m.event_id: m.title for m in facts.meetings if m.recurrence_id is None}
    counted = counted_hours(facts, first, last, days_zone)
    chosen = agenda_meetings(facts, event_filter, first, last, days_zone, in_venues=in_venues)
    rows: list[tuple[Cell, ...]] = []
    for meeting in chosen:
        venue = facts.venues.get(meeting.venue_id or "")
        city = facts.cities.get(meeting.city_id or "")
        themes = [
            shown_name(theme.name, theme.name_ja)
            for theme in sorted(
                (facts.themes[t] for t in meeting.theme_ids if t in facts.themes),
                key=lambda theme: name_order(theme.name, theme.name_ja),
            )
        ]
        started_before = not starts_within(meeting, first, None, days_zone)
        rows.append(
            (
                meeting.title + (_(" (moved)") if meeting.moved else ""),
                meeting.kind.label,
                meeting.mode.label,
                meeting.status.label,
                titles.get(meeting.parent_id or "", ""),
                shown_name(venue.name, venue.name_ja) if venue else "",
                shown_name(city.name, city.name_ja) if city else "",
                _(", ").join(themes),
                _delegation_names(meeting, facts),
                *_meeting_cells(meeting, zones),
                _all_day_cell(meeting),
                *_hours_cells(meeting, counted, started_before),
            )
        )
    columns = [
        (_("Title"), T.TEXT),
        (_("Kind"), T.TEXT),
        (_("Mode"), T.TEXT),
        (_("Status"), T.TEXT),
        (_("Conference"), T.TEXT),
        (_("Venue"), T.TEXT),
        (_("Partner city"), T.TEXT),
        (_("Themes"), T.TEXT),
        (_("Delegations"), T.TEXT),
        *_zone_columns(zones),
        (_("All day"), T.TEXT),
        (_("Hours"), T.HOURS),
        (_("Hours note"), T.TEXT),
    ]
    return table(_("Agenda"), columns, rows)


def delegation_tables(facts: ProgramFacts) -> list[Table]:
    """The delegations, and their members one per row."""
    delegations = sorted(facts.delegations.values(), key=lambda d: d.name.casefold())
    members = sorted(
        (p for p in facts.participants.values() if p.delegation_id in facts.delegations),
        key=lambda p: (facts.delegations[p.delegation_id or ""].name.casefold(), p.name.casefold()),
    )
    count: dict[str, int] = {}
    for person in members:
        count[person.delegation_id or ""] = count.get(person.delegation_id or "", 0) + 1
    first = table(
        _("Delegations"),
        [
            (_("Delegation"), T.TEXT),
            (_("Country"), T.TEXT),
            (_("Country code"), T.TEXT),
            (_("Home city"), T.TEXT),
            (_("Time zone"), T.TEXT),
            (_("Arrival in Japan"), T.DATE),
            (_("Departure from Japan"), T.DATE),
            (_("Languages"), T.TEXT),
            (_("Interpretation"), T.TEXT),
            (_("Members"), T.INTEGER),
        ],
        [
            (
                d.name,
                d.country_name,
                d.country,
                d.home_city,
                d.zone,
                d.arrival,
                d.departure,
                ", ".join(d.languages),
                d.interpretation,
                count.get(d.id, 0),
            )
            for d in delegations
        ],
    )
    second = table(
        _("Members"),
        [
            (_("Delegation"), T.TEXT),
            (_("Name"), T.TEXT),
            (_("Email"), T.TEXT),
            (_("Organisation"), T.TEXT),
            (_("Role"), T.TEXT),
            (_("Time zone"), T.TEXT),
        ],
        [
            (
                facts.delegations[p.delegation_id or ""].name,
                p.name,
                p.email,
                p.organisation,
                p.role_label,
                p.zone or facts.delegations[p.delegation_id or ""].zone,
            )
            for p in members
        ],
    )
    return [first, second]


def tour_table(tour: TourFacts, zone: str = timezones.TOKYO) -> Table:
    """A tour's days in order: each day's activities and travel legs by time, then the
    night's hotel; times on Japan's clock (the tour is in Japan) and in UTC. An activity
    is on the day it starts in Tokyo (:func:`~cpp_scheduler.model.event_filter.tour_date`),
    an all-day one on its own first date, where the tour builder's board shows it,
    whichever day's record it is filed under. A row before the tour's first day (the
    arrival flight) or after its last (an activity dragged past it, which the conflict
    check reports) is headed so, as its day has no heading of the tour's."""
    facts = tour.program
    day_ids = {day.id for day in tour.days}
    titles = {day.day: day.title for day in tour.days}

    def heading(day: date) -> str:
        if day < tour.first:
            return _("Before the tour's first day")
        if day > tour.last:
            return _("After the tour's last day")
        return titles.get(day, "")

    items: list[tuple[tuple[date, int, datetime], tuple[Cell, ...]]] = []

    def add(day: date, rank: int, when: datetime | None, row: tuple[Cell, ...]) -> None:
        """Keep ``row`` to be listed on ``day``: activities and legs (rank 0) by time,
        then the night (rank 1)."""
        items.append(((day, rank, when or datetime.max), row))

    for meeting in facts.meetings:
        if meeting.tour_day_id not in day_ids or meeting.cancelled_alone:
            continue
        venue = facts.venues.get(meeting.venue_id or "")
        where, where_ja = _tour_activity_place(meeting, venue, facts)
        day = meeting_days(
            meeting.start_utc,
            meeting.end_utc,
            meeting.zone,
            all_day=meeting.all_day,
            clock=timezones.TOKYO,
        )[0]
        add(
            day,
            0,
            meeting.start_utc.replace(tzinfo=None),
            (
                day,
                heading(day),
                _("Cancelled activity") if meeting.cancelled else _("Activity"),
                *_meeting_cells(meeting, [zone]),
                meeting.title,
                where,
                where_ja,
                venue.address if venue else "",
                meeting.kind.label,
                "",
            ),
        )
    for leg in tour.legs:
        day = tour_date(leg.departure_utc)
        add(
            day,
            0,
            leg.departure_utc.replace(tzinfo=None),
            (
                day,
                heading(day),
                _("Travel"),
                *_zone_cells(leg.departure_utc, leg.arrival_utc, [zone]),
                f"{leg.origin} → {leg.destination}",
                leg.mode_label,
                "",
                "",
                "",
                leg.notes,
            ),
        )
    for night in tour.nights:
        add(
            night.night_of,
            1,
            None,
            (
                night.night_of,
                heading(night.night_of),
                _("Hotel night"),
                None,
                None,
                None,
                None,
                night.hotel,
                night.locality,
                "",
                night.address,
                "",
                "",
            ),
        )
    rows = [row for _key, row in sorted(items, key=lambda item: item[0])]
    return table(
        f"{tour.title}"[:31] or _("Tour"),
        [
            (_("Date"), T.DATE),
            (_("Day"), T.TEXT),
            (_("Item"), T.TEXT),
            *_zone_columns([zone]),
            (_("What"), T.TEXT),
            (_("Where or how"), T.TEXT),
            (_("Japanese name"), T.TEXT),
            (_("Address"), T.TEXT),
            (_("Kind"), T.TEXT),
            (_("Notes"), T.TEXT),
        ],
        rows,
    )
