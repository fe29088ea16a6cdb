"""Read-only views of the program for calendars: one light row per occurrence.

A calendar shows thousands of events; loading them as ORM objects with their links would
take seconds. These queries read only the columns a calendar needs, in a handful of
statements, and expand series into their occurrences (a monthly videoconference shows
on each of its days).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import Table, func, or_, select
from sqlalchemy.orm import Session, selectinload

from cpp_scheduler import i18n
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.i18n import _
from cpp_scheduler.model import (
    Delegation,
    Event,
    Participant,
    PartnerCity,
    ThematicArea,
    Venue,
)
from cpp_scheduler.model.event import (
    event_delegations,
    event_participants,
    event_themes,
    held_statuses,
)
from cpp_scheduler.services.choices import manager_search_texts
from cpp_scheduler.services.record_tables import in_reading_order, name_read
from cpp_scheduler.services.rows import (
    Choice,
    EventRow,
    PersonChoice,
    RowNames,
    both_names,
    locality_name,
    with_conferences,
)
from cpp_scheduler.store import Database

# The tables behind the entities: a query of their columns needs no mapper set up, which
# the first query naming an entity pays for (some 50 ms) before the window can show the
# period on screen; the series, read as entities, pay it when there are any.
EVENTS = Event.__table__
VENUES = Venue.__table__
CITIES = PartnerCity.__table__
DELEGATIONS = Delegation.__table__
PARTICIPANTS = Participant.__table__
THEMES = ThematicArea.__table__


def _links(
    session: Session, table: Table, column: str, event_ids: Sequence[str] | None
) -> dict[str, set[str]]:
    statement = select(table.c.event_id, table.c[column])
    if event_ids is not None:
        statement = statement.where(table.c.event_id.in_(event_ids))
    found: dict[str, set[str]] = defaultdict(set)
    for event_id, linked in session.execute(statement):
        found[event_id].add(linked)
    return found


def load_rows_with_sessions(
    database: Database, event_ids: Iterable[str]
) -> tuple[list[str], list[EventRow]]:
    """The rows of these events and of their sessions (at any depth), with the ids of
    every event read: a conference's status is its sessions' too (called off with it),
    so a change of the conference is a change of how they show."""
    ids = list(event_ids)
    with database.reading() as session:
        found, level = list(ids), list(ids)
        while level:
            level = [
                child
                for start in range(0, len(level), 500)
                for child in session.scalars(
                    select(EVENTS.c.id).where(EVENTS.c.parent_id.in_(level[start : start + 500]))
                )
                if child not in found
            ]
            found.extend(level)
        return found, _event_rows(session, found, None)


def load_event_rows(
    database: Database,
    event_ids: Iterable[str] | None = None,
    *,
    between: tuple[datetime, datetime] | None = None,
) -> list[EventRow]:
    """Rows for every event (or for the given ids, or for the events that may meet
    ``between`` two instants: those overlapping it, and every series), series expanded,
    in no set order."""
    ids = list(event_ids) if event_ids is not None else None
    with database.reading() as session:
        return _event_rows(session, ids, between)


def read_meeting_row(
    database: Database, event_uid_or_id: str, occurrence: date | datetime | None = None
) -> EventRow:
    """The row of the meeting ``occurrence`` names (the first one without it), as a
    view holds it (what ``events show`` tells), read at one moment: the meeting found by
    the rule the Local times dock and ``times`` follow, its row in the same read."""
    from cpp_scheduler.services.localtimes import meeting_asked

    with database.reading() as session:
        event, meeting = meeting_asked(session, event_uid_or_id, occurrence)
        rows = _event_rows(session, [event.id], None)
    for row in rows:
        if row.start_utc == meeting.start and row.recurrence_id == meeting.recurrence_id:
            return row
    raise SchedulerError(  # a meeting the engine gives is always a row: never met
        _("'{title}' has no such meeting.").format(title=event.title)
    )


def _event_rows(
    session: Session, ids: list[str] | None, between: tuple[datetime, datetime] | None
) -> list[EventRow]:
    """:func:`load_event_rows` in the read transaction of ``session``."""
    if between is not None and ids is None:
        start, end = between
        ids = list(
            session.scalars(
                select(EVENTS.c.id).where(
                    EVENTS.c.start_utc < end,
                    or_(EVENTS.c.end_utc > start, EVENTS.c.recurrence_rule.is_not(None)),
                )
            )
        )
    conference_of = dict(
        session.execute(
            select(EVENTS.c.id, EVENTS.c.parent_id).where(EVENTS.c.parent_id.is_not(None))
        ).all()
    )
    names = RowNames.of(
        session.execute(select(VENUES.c.id, VENUES.c.name, VENUES.c.name_ja, VENUES.c.city_id)),
        session.execute(select(CITIES.c.id, CITIES.c.name, CITIES.c.name_ja)),
        delegations=dict(session.execute(select(DELEGATIONS.c.id, DELEGATIONS.c.name)).all()),
        themes=_links(session, event_themes, "theme_id", ids),
        attending=_links(
            session,
            event_delegations,
            "delegation_id",
            None if ids is None else with_conferences(ids, conference_of),
        ),
        people=_links(session, event_participants, "participant_id", ids),
        conference_of=conference_of,
    )
    statement = select(
        EVENTS.c.id,
        EVENTS.c.title,
        EVENTS.c.kind,
        EVENTS.c.mode,
        EVENTS.c.status,
        EVENTS.c.start_utc,
        EVENTS.c.end_utc,
        EVENTS.c.zone,
        EVENTS.c.venue_id,
        EVENTS.c.city_id,
        EVENTS.c.version,
        EVENTS.c.recurrence_rule,
        EVENTS.c.all_day,
        EVENTS.c.organiser_id,
    )
    if ids is not None:
        statement = statement.where(EVENTS.c.id.in_(ids))
    held = held_statuses(session)
    rows: list[EventRow] = []
    series: list[str] = []
    for (
        event_id,
        title,
        kind,
        mode,
        status,
        *when_and_where,
        rule,
        all_day,
        organiser_id,
    ) in session.execute(statement):
        rows.append(
            names.row(
                event_id,
                title,
                kind,
                mode,
                held.status(event_id, status),
                *when_and_where,
                is_series=bool(rule),
                all_day=all_day,
                organiser_id=organiser_id,
            )
        )  # a series' row is replaced by its occurrences below
        if rule:
            series.append(event_id)
    if series:
        by_id = {row.event_id: row for row in rows if row.is_series}
        rows = [row for row in rows if not row.is_series]
        masters = session.scalars(
            select(Event).where(Event.id.in_(series)).options(selectinload(Event.changes))
        )
        for master in masters:
            template = by_id[master.id]
            for position, occurrence in enumerate(master.occurrences()):
                rows.append(
                    template._replace(
                        start_utc=occurrence.start,
                        end_utc=occurrence.end,
                        occurrence=position,
                        recurrence_id=occurrence.recurrence_id,
                        moved=occurrence.moved,
                    )
                )
    return rows


def count_events(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(Event)) or 0)


def partner_cities(database: Database) -> list[Choice]:
    """Partner cities in the order of their names' readings (:func:`i18n.name_order`),
    each named as every list names a partner city (:func:`~.rows.both_names`)."""
    with database.session() as session:
        rows = session.execute(select(CITIES.c.id, CITIES.c.name, CITIES.c.name_ja)).all()
    ordered = sorted(rows, key=lambda row: i18n.name_order(row.name, row.name_ja or ""))
    return [Choice(row.id, both_names(row.name, row.name_ja)) for row in ordered]


def themes(database: Database) -> list[Choice]:
    """Top-level areas first by name, each followed by its sub-themes (detail: the area)."""
    with database.session() as session:
        found = session.execute(select(THEMES.c.id, THEMES.c.name, THEMES.c.parent_id)).all()
    names = {theme_id: name for theme_id, name, _parent in found}
    areas = sorted((row for row in found if row[2] is None), key=lambda row: row[1])
    ordered: list[Choice] = []
    for area_id, name, _parent in areas:
        ordered.append(Choice(area_id, name))
        for sub_id, sub_name, parent in sorted(found, key=lambda row: row[1]):
            if parent == area_id:
                ordered.append(Choice(sub_id, sub_name, names[area_id]))
    listed = {choice.id for choice in ordered}
    ordered.extend(Choice(theme_id, name) for theme_id, name, _p in found if theme_id not in listed)
    return ordered


def delegations(database: Database) -> list[Choice]:
    """Delegations with their home zone as the detail, each found by the words their
    manager's search finds them by (:attr:`Choice.searched`), as the editors' pickers
    find them: the sidebar's filter searches them so."""
    with database.session() as session:
        rows = session.execute(
            select(DELEGATIONS.c.id, DELEGATIONS.c.name, DELEGATIONS.c.zone).order_by(
                DELEGATIONS.c.name
            )
        ).all()
    searched = manager_search_texts(database, "delegation")
    return [
        Choice(delegation_id, name, zone, searched=searched.get(delegation_id, ""))
        for delegation_id, name, zone in rows
    ]


def participants(database: Database) -> list[PersonChoice]:
    """Participants in the order of their manager (:func:`in_reading_order`), with their
    delegation, else their organisation, and their address as the detail; people whose
    names read alike (:func:`~cpp_scheduler.services.record_tables.name_read`) are named with
    their address too, as ``--participant`` tells them apart. Each is found by the words
    the Participants manager's search finds them by (:attr:`Choice.searched`: a role,
    an organisation, a city), as the editors' pickers find them."""
    with database.session() as session:
        rows = session.execute(
            select(
                PARTICIPANTS.c.id,
                PARTICIPANTS.c.name,
                PARTICIPANTS.c.email,
                PARTICIPANTS.c.organisation,
                PARTICIPANTS.c.delegation_id,
                DELEGATIONS.c.name,
            ).outerjoin(DELEGATIONS, PARTICIPANTS.c.delegation_id == DELEGATIONS.c.id)
        ).all()
    # By address first, so that people whose names read alike keep one order everywhere.
    ordered = in_reading_order(sorted(rows, key=lambda row: row[2]), lambda row: row[1])
    read = [name_read(row[1]) for row in ordered]
    readings = Counter(read)
    searched = manager_search_texts(database, "participant")
    return [
        PersonChoice(
            person_id,
            f"{name} <{email}>" if readings[reading] > 1 else name,
            " · ".join(part for part in (delegation or organisation, email) if part),
            searched=searched.get(person_id, ""),
            delegation_id=delegation_id,
        )
        for (person_id, name, email, organisation, delegation_id, delegation), reading in zip(
            ordered, read, strict=True
        )
    ]


def venues(database: Database) -> list[Choice]:
    """Venues by locality then name, grouped under their locality as
    :func:`~cpp_scheduler.services.rows.locality_name` names it (a partner city by both
    its names, "Kobe 神戸市", "神戸市 Kobe"); the detail is the venue's Japanese name."""
    statement = select(
        VENUES.c.id,
        VENUES.c.name,
        VENUES.c.locality,
        VENUES.c.name_ja,
        CITIES.c.name,
        CITIES.c.name_ja,
    ).outerjoin(CITIES, VENUES.c.city_id == CITIES.c.id)
    with database.session() as session:
        rows = session.execute(statement).all()
    rows = sorted(
        rows,
        key=lambda row: (i18n.reading_key(row[2] or ""), i18n.name_order(row[1], row[3] or "")),
    )
    return [
        Choice(
            venue_id,
            name,
            name_ja or locality,
            locality_name(locality or "", city or "", city_ja or ""),
        )
        for venue_id, name, locality, name_ja, city, city_ja in rows
    ]
