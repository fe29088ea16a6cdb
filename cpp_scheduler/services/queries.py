"""Read-only questions the CLI and the GUI ask of the program."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.orm import Session, selectinload

from cpp_scheduler import timezones
from cpp_scheduler.meeting_order import meeting_order
from cpp_scheduler.model import Event, OccurrenceOverride, PartnerCity
from cpp_scheduler.model.event_filter import on_days
from cpp_scheduler.model.recurrence import Occurrence, OccurrenceChange
from cpp_scheduler.timezones import ensure_utc

_ALL_DAY_MARGIN = timedelta(days=1)
"""How far an all-day event's instants may lie outside the days it is on, read on another
clock: Kiritimati's 1 January begins on 31 December in Tokyo, Honolulu's 31 December
ends on 1 January."""


def events_between(session: Session, start: datetime | None, end: datetime | None) -> list[Event]:
    """Events that overlap ``[start, end)``, by their UTC instants; either end may be open.

    A series is judged by its occurrences (moved ones where they now are, cancelled ones
    not at all), so a monthly series started in January shows up in a June window. Venue,
    city, delegations, sessions' parents and occurrence changes come loaded, ready for a
    table. Sorted by start, then title.
    """
    start = ensure_utc(start) if start is not None else None
    end = ensure_utc(end) if end is not None else None
    window: list[ColumnElement[bool]] = []
    if end is not None:
        window.append(Event.start_utc < end)
    if start is not None:
        window.append(Event.end_utc > start)
    query = (
        select(Event)
        .where(or_(Event.recurrence_rule.is_not(None), and_(true(), *window)))
        .options(
            selectinload(Event.venue),
            selectinload(Event.city),
            selectinload(Event.delegations),
            selectinload(Event.changes),
            selectinload(Event.parent),
        )
    )
    found = [
        event
        for event in session.scalars(query)
        if not event.is_series or _series_overlaps(event, start, end)
    ]
    return sorted(found, key=lambda event: (event.start_utc, event.title, event.id))


def _series_overlaps(event: Event, start: datetime | None, end: datetime | None) -> bool:
    return any(
        (end is None or occurrence.start < end) and (start is None or occurrence.end > start)
        for occurrence in event.occurrences()
    )


def meetings_on_days(
    session: Session, first: date | None, last: date | None, clock: str = timezones.TOKYO
) -> list[tuple[Event, Occurrence]]:
    """Each meeting on the days ``first`` to ``last`` of ``clock`` (both included; None
    leaves that end open), with its event, by start, then title
    (:func:`~cpp_scheduler.meeting_order.meeting_order`, the window's order).

    A meeting is on the days :meth:`Event.days_on` gives it, the calendar's rule: a timed
    one where its hours fall on that clock, an all-day event on its own dates alone,
    whatever the clock (Honolulu's arrival day of 31 December is not on Tokyo's
    1 January, though its hours are). So ``events list`` for a day holds what the
    window's Day view holds.
    """
    start = timezones.local_days(first, first, clock)[0] - _ALL_DAY_MARGIN if first else None
    end = timezones.local_days(last, last, clock)[1] + _ALL_DAY_MARGIN if last else None
    found = [
        (event, occurrence)
        for event in events_between(session, start, end)
        for occurrence in event.occurrences()
        if on_days(event.days_on(occurrence, clock), first, last)
    ]
    found.sort(key=lambda pair: meeting_order(pair[1].start, pair[0].title, pair[0].id))
    return found


PartnerCityNames = tuple[tuple[str, str | None], ...]
"""Every partner city's name and Japanese name: what names a place a coordinator typed."""


def read_partner_city_names(session: Session) -> PartnerCityNames:
    """Every partner city's names, read once for a read that names or compares places
    typed by coordinators (legs' ends, hotels' localities): each is then named as a
    document names that city beside a venue
    (:func:`~cpp_scheduler.services.rows.typed_place_name`) and known to the conflict
    check by one name (:func:`~cpp_scheduler.services.rows.place_key`)."""
    return tuple(
        (row.name, row.name_ja)
        for row in session.execute(select(PartnerCity.name, PartnerCity.name_ja))
    )


def series_changes(session: Session, events: Any = None) -> dict[str, list[OccurrenceChange]]:
    """The moved and cancelled meetings of each series, by event id, read by their
    columns (a program's thousands of events, without an entity each): of the events
    ``events`` names (ids, or a query of them), or of every series."""
    query = select(
        OccurrenceOverride.event_id,
        OccurrenceOverride.recurrence_id,
        OccurrenceOverride.cancelled,
        OccurrenceOverride.start_utc,
        OccurrenceOverride.end_utc,
    )
    if events is not None:
        query = query.where(OccurrenceOverride.event_id.in_(events))
    changes: dict[str, list[OccurrenceChange]] = {}
    for event_id, recurrence_id, cancelled, start, end in session.execute(query):
        changes.setdefault(event_id, []).append(
            OccurrenceChange(recurrence_id, cancelled, start, end)
        )
    return changes
