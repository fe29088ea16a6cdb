"""Read-only questions the CLI and the GUI ask of the program."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.orm import Session, selectinload

from cpp_scheduler.model import Event
from cpp_scheduler.timezones import ensure_utc


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
