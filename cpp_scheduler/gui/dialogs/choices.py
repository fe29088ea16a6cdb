"""The lists the dialogs offer, read from the store in the dialog's one short session."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.widgets.multi_select import Choice
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    Participant,
    PartnerCity,
    ThematicArea,
    Venue,
)


class RecordMissingError(SchedulerError):
    """The record to edit is gone (deleted by a colleague since the list was shown)."""

    def __init__(self, kind: str, record_id: str) -> None:
        super().__init__(
            f"The {kind} to edit no longer exists (id {record_id}); somebody may have "
            "deleted it. Refresh the list and try again."
        )
        self.record_id = record_id


def both_names(name: str, name_ja: str | None) -> str:
    """ "Kobe 神戸市": the English name, then the Japanese one when known."""
    return f"{name} {name_ja}" if name_ja else name


def theme_label(theme: ThematicArea) -> str:
    if theme.parent is not None:
        return f"{theme.parent.name} › {theme.name}"
    return theme.name


def theme_choices(session: Session, exclude: Iterable[str] = ()) -> list[Choice]:
    """Every theme, areas first with their sub-themes under them."""
    excluded = set(exclude)
    themes = session.scalars(select(ThematicArea).options(selectinload(ThematicArea.parent))).all()
    ordered = sorted(
        themes, key=lambda theme: (theme.area.name, theme.parent is not None, theme.name)
    )
    return [
        Choice(theme.id, theme_label(theme), both_names(theme.name, theme.name_ja))
        for theme in ordered
        if theme.id not in excluded
    ]


def city_choices(session: Session) -> list[Choice]:
    cities = session.scalars(select(PartnerCity).order_by(PartnerCity.name)).all()
    return [
        Choice(
            city.id,
            both_names(city.name, city.name_ja),
            f"{city.prefecture} {city.prefecture_ja}".strip(),
        )
        for city in cities
    ]


def venue_choices(session: Session) -> list[tuple[str, str]]:
    venues = session.scalars(select(Venue).order_by(Venue.locality, Venue.name)).all()
    return [(f"{venue.name} ({venue.locality})", venue.id) for venue in venues]


def delegation_choices(session: Session) -> list[Delegation]:
    return list(session.scalars(select(Delegation).order_by(Delegation.name)).all())


def participant_choices(session: Session) -> list[Participant]:
    return list(
        session.scalars(
            select(Participant)
            .options(selectinload(Participant.delegation))
            .order_by(Participant.name)
        ).all()
    )


def participant_detail(person: Participant) -> str:
    parts = [person.role.label]
    if person.organisation:
        parts.append(person.organisation)
    if person.delegation is not None:
        parts.append(person.delegation.name)
    return " · ".join(parts)


def event_label(event: Event) -> str:
    local = timezones.to_local(event.start_utc, event.zone)
    return f"{event.title} ({local:%d %b %Y})"


def event_choices(session: Session) -> list[Choice]:
    events = session.scalars(select(Event).order_by(Event.start_utc)).all()
    return [Choice(event.id, event_label(event), event.kind.label) for event in events]


def conference_choices(session: Session, event_id: str | None) -> list[tuple[str, str]]:
    """Conferences an event can be a session of: never itself nor one of its sessions."""
    rows = session.execute(
        select(Event.id, Event.parent_id, Event.title, Event.kind, Event.start_utc, Event.zone)
    ).all()
    children: dict[str | None, list[str]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row.id)
    excluded: set[str] = set()
    pending = [event_id] if event_id else []
    while pending:
        current = pending.pop()
        if current in excluded:
            continue
        excluded.add(current)
        pending.extend(children.get(current, []))
    current_parent = next((row.parent_id for row in rows if row.id == event_id), None)
    offered = [
        row
        for row in rows
        if row.id not in excluded and (row.kind is EventKind.CONFERENCE or row.id == current_parent)
    ]
    offered.sort(key=lambda row: row.start_utc)
    return [(f"{row.title} ({_local_date(row.start_utc, row.zone)})", row.id) for row in offered]


def _local_date(instant: datetime, zone: str) -> str:
    return f"{timezones.to_local(instant, zone):%d %b %Y}"
