"""The lists the editor dialogs offer, read as plain columns.

A picker needs an id, a name and a line of detail, never the record itself: loading
10,000 events as ORM objects to list them took the new-product dialog more than a
second. Each function here reads only the columns it shows, filters in SQL, and returns
:class:`~cpp_scheduler.services.rows.Choice` values, which the window can take
from a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import or_, select

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import shown_name
from cpp_scheduler.meeting_order import meeting_order
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    Participant,
    ParticipantRole,
    PartnerCity,
    ThematicArea,
    TravelMode,
    TravelTime,
    Venue,
)
from cpp_scheduler.model import validation as rules
from cpp_scheduler.model.base import Base
from cpp_scheduler.model.event import called_off
from cpp_scheduler.model.event_filter import is_conference, programme_of
from cpp_scheduler.model.reference import route_name as named_route
from cpp_scheduler.model.validation import HeldValues
from cpp_scheduler.services.editing import Listed, list_records
from cpp_scheduler.services.queries import read_partner_city_names
from cpp_scheduler.services.record_tables import (
    RECORD_TABLES,
    NamedPlace,
    cell_text,
    in_reading_order,
    reading_order,
    searchable,
)
from cpp_scheduler.services.rows import Choice, both_names, place_key, typed_place_name
from cpp_scheduler.store import Database


def local_date(instant: datetime, zone: str) -> str:
    """The day an event starts on, in its own zone ("12 Jan 2027", "2027年1月12日")."""
    return i18n.day_month_year_text(timezones.to_local(instant, zone).date())


# -- reference data -----------------------------------------------------------------------
def theme_choices(database: Database, exclude_below: str | None = None) -> list[Choice]:
    """Every theme, each area followed by its sub-themes ("Area › Sub-theme").

    ``exclude_below``: a theme left out with everything filed under it (a theme's parent
    cannot be the theme itself or one of its own sub-themes).
    """
    with database.session() as session:
        rows = session.execute(
            select(ThematicArea.id, ThematicArea.name, ThematicArea.name_ja, ThematicArea.parent_id)
        ).all()
    by_id = {row.id: row for row in rows}

    def area_of(row: Any) -> Any:
        seen: set[str] = set()
        while row.parent_id in by_id and row.id not in seen:
            seen.add(row.id)
            row = by_id[row.parent_id]
        return row

    excluded = _below({row.id: row.parent_id for row in rows}, exclude_below)
    searched = manager_search_texts(database, "theme")
    # Each area, then its sub-themes, by their names as the themes' manager orders them.
    ordered = sorted(
        rows,
        key=lambda row: (
            reading_order(area_of(row).name),
            area_of(row).id,
            row.parent_id is not None,
            reading_order(row.name),
        ),
    )
    return [
        Choice(
            row.id,
            (
                f"{shown_name(by_id[row.parent_id].name, by_id[row.parent_id].name_ja)}"
                f" › {shown_name(row.name, row.name_ja)}"
            )
            if row.parent_id in by_id
            else shown_name(row.name, row.name_ja),
            both_names(row.name, row.name_ja),
            searched=searched.get(row.id, ""),
        )
        for row in ordered
        if row.id not in excluded
    ]


def _below(parents: Mapping[str, str | None], top: str | None) -> set[str]:
    """``top`` and every record filed under it, given each record's parent."""
    if top is None:
        return set()
    children: dict[str | None, list[str]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    found: set[str] = set()
    pending = [top]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children.get(current, []))
    return found


def city_choices(database: Database) -> list[Choice]:
    """Partner cities by name, with both names and the prefecture as detail."""
    with database.session() as session:
        rows = session.execute(
            select(
                PartnerCity.id,
                PartnerCity.name,
                PartnerCity.name_ja,
                PartnerCity.prefecture,
                PartnerCity.prefecture_ja,
            )
        ).all()
    rows = sorted(rows, key=lambda row: i18n.name_order(row.name, row.name_ja or ""))
    searched = manager_search_texts(database, "partner_city")
    return [
        Choice(
            row.id,
            both_names(row.name, row.name_ja),
            f"{row.prefecture} {row.prefecture_ja}".strip(),
            searched=searched.get(row.id, ""),
        )
        for row in rows
    ]


def city_names(database: Database) -> dict[str, str]:
    """Each partner city's English name, as travel times name places."""
    with database.session() as session:
        return {
            row.id: row.name for row in session.execute(select(PartnerCity.id, PartnerCity.name))
        }


def venue_choices(database: Database) -> list[Choice]:
    """Venues by locality and name, named "Name (locality)"."""
    with database.session() as session:
        rows = session.execute(select(Venue.id, Venue.name, Venue.locality, Venue.name_ja)).all()
    rows = sorted(
        rows,
        key=lambda row: (
            i18n.reading_key(row.locality or ""),
            i18n.name_order(row.name, row.name_ja or ""),
        ),
    )
    searched = manager_search_texts(database, "venue")
    return [
        Choice(
            row.id,
            f"{shown_name(row.name, row.name_ja)} ({row.locality})",
            row.name if i18n.language() == i18n.JAPANESE and row.name_ja else row.name_ja or "",
            searched=searched.get(row.id, ""),
        )
        for row in rows
    ]


def venue_zones(database: Database) -> dict[str, str]:
    """Each venue's zone, by id: where a meeting held in person there is, whose hosts'
    holidays the event dialog's Local times read as the saved event's do
    (:func:`~cpp_scheduler.scheduling.localtimes.hosted_in_japan`)."""
    with database.session() as session:
        return {row.id: row.zone for row in session.execute(select(Venue.id, Venue.zone))}


def localities(database: Database) -> list[str]:
    """Every place name the program knows (venues' cities, travel ends, partner cities),
    for a venue's city field and the two ends of a journey."""
    with database.session() as session:
        names = set(session.scalars(select(Venue.locality)))
        names |= set(session.scalars(select(TravelTime.origin)))
        names |= set(session.scalars(select(TravelTime.destination)))
        names |= set(session.scalars(select(PartnerCity.name)))
    return sorted(name for name in names if name)


# -- the travel-time table ----------------------------------------------------------------
def route_name(origin: str, destination: str, mode: TravelMode) -> str:
    """ "Kobe–Kitakyushu by rail": a travel time as its list, its editor, the question
    before deleting it and the undo steps name it."""
    return named_route(origin, destination, mode)


def manager_search_texts(database: Database, kind: str) -> dict[str, str]:
    """Each record of ``kind`` (a key of :data:`RECORD_TABLES`: ``participant``) by id,
    its manager's row as that manager's search reads it (every cell, folded as a search
    compares it): what ``records KIND --search`` looks in, which the pickers look in
    too (:attr:`Choice.searched`)."""
    table = RECORD_TABLES[kind]
    listed = manager_listing(database, table.model, table.attributes, table.order_by)
    return {
        record.record_id: searchable([cell_text(value) for value in record.cells])
        for record in listed
    }


def manager_listing(
    database: Database, model_cls: type[Base], attributes: Sequence[str], order_by: str
) -> list[Listed]:
    """The records of a Program menu manager's table: by
    :func:`~cpp_scheduler.services.editing.list_records`, the columns asked for beside
    a title or name of their own, except for a kind named otherwise (a travel time, by
    its route), read by a listing of its own."""
    if model_cls is TravelTime:
        return travel_time_listing(database)
    return list_records(database, model_cls, attributes, order_by)


def travel_time_listing(database: Database) -> list[Listed]:
    """The travel-time table as the Program menu's manager lists it: from, to, by (the
    mode), and the journey as a duration, each named by its route.

    Read here rather than by :func:`~cpp_scheduler.services.editing.list_records`,
    which lists records by a title or name of their own: a travel time has none."""
    with database.session() as session:
        rows = session.execute(
            select(
                TravelTime.id,
                TravelTime.origin,
                TravelTime.destination,
                TravelTime.mode,
                TravelTime.minutes,
            ).order_by(TravelTime.origin, TravelTime.destination, TravelTime.mode)
        ).all()
        partner_cities = read_partner_city_names(session)

    def named(place: str) -> NamedPlace:
        return NamedPlace(typed_place_name(place, partner_cities), place_key(place, partner_cities))

    listed = []
    for row in rows:
        origin, destination = named(row.origin), named(row.destination)
        listed.append(
            Listed(
                row.id,
                route_name(origin.shown, destination.shown, row.mode),
                (origin, destination, row.mode, _journey(row.minutes)),
            )
        )
    return listed


def _journey(minutes: int) -> timedelta | int:
    """A journey as a duration; a number of minutes no duration holds (only a database
    written outside the program has one) as the number stored, for the coordinator to
    find and correct."""
    try:
        return timedelta(minutes=minutes)
    except OverflowError:
        return minutes


# -- people -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DelegationListing:
    """A delegation as the event dialog offers it, with the hours its time hint needs."""

    choice: Choice
    place: str
    """What the time hint calls it: its home city, else its name."""
    zone: str
    work: tuple[time, time]
    acceptable: tuple[time, time]


def delegation_listings(database: Database) -> list[DelegationListing]:
    """Delegations by name, in the order of their manager (:func:`in_reading_order`);
    the detail is the country, zone and home city."""
    with database.session() as session:
        rows = session.execute(
            select(
                Delegation.id,
                Delegation.name,
                Delegation.country,
                Delegation.zone,
                Delegation.home_city,
                Delegation.work_start,
                Delegation.work_end,
                Delegation.acceptable_start,
                Delegation.acceptable_end,
            ).order_by(Delegation.name)
        ).all()
    searched = manager_search_texts(database, "delegation")
    rows = in_reading_order(rows, lambda row: row.name)
    return [
        DelegationListing(
            Choice(
                row.id,
                row.name,
                f"{_country(row.country)} · {row.zone} · {row.home_city}",
                searched=searched.get(row.id, ""),
            ),
            row.home_city or row.name,
            row.zone,
            (row.work_start, row.work_end),
            (row.acceptable_start, row.acceptable_end),
        )
        for row in rows
    ]


def _country(code: str | None) -> str:
    return timezones.country_name(code or "") or code or ""


def delegation_choices(database: Database) -> list[Choice]:
    """Delegations by name, in the order of their manager (:func:`in_reading_order`);
    the detail is the delegation's home zone (the clock of a member whose own zone is
    not given)."""
    with database.session() as session:
        rows = session.execute(
            select(Delegation.id, Delegation.name, Delegation.zone).order_by(Delegation.name)
        ).all()
    return [
        Choice(row.id, row.name, row.zone) for row in in_reading_order(rows, lambda row: row.name)
    ]


@dataclass(frozen=True, slots=True)
class ParticipantListing:
    """A person as the event dialog offers them: as attendee and as organiser."""

    choice: Choice
    """Name, with role, organisation and delegation as detail."""
    organiser: Choice
    """"Name (organisation)"."""


def participant_listings(database: Database) -> list[ParticipantListing]:
    """Participants by name, in the order of their manager (:func:`in_reading_order`)."""
    with database.session() as session:
        rows = session.execute(
            select(
                Participant.id,
                Participant.name,
                Participant.role,
                Participant.organisation,
                Delegation.name.label("delegation"),
            )
            .outerjoin(Delegation, Participant.delegation_id == Delegation.id)
            .order_by(Participant.name)
        ).all()
    searched = manager_search_texts(database, "participant")
    listings = []
    for row in in_reading_order(rows, lambda row: row.name):
        role: ParticipantRole = row.role
        detail = " · ".join(filter(None, (role.label, row.organisation, row.delegation)))
        shown = f"{row.name} ({row.organisation})" if row.organisation else row.name
        found_by = searched.get(row.id, "")
        listings.append(
            ParticipantListing(
                Choice(row.id, row.name, detail, searched=found_by),
                Choice(row.id, shown, searched=found_by),
            )
        )
    return listings


def delegation_members(database: Database, delegation_id: str) -> list[Choice]:
    """The members of a delegation by name, in the order of the participants' manager
    (:func:`in_reading_order`): "Name (role)", with organisation and email."""
    with database.session() as session:
        rows = session.execute(
            select(
                Participant.id,
                Participant.name,
                Participant.role,
                Participant.organisation,
                Participant.email,
            )
            .where(Participant.delegation_id == delegation_id)
            .order_by(Participant.name)
        ).all()
    return [
        Choice(
            row.id,
            f"{row.name} ({row.role.label})",
            " · ".join(filter(None, (row.organisation, row.email))),
        )
        for row in in_reading_order(rows, lambda row: row.name)
    ]


def taken_values(database: Database, entity: type[Base], except_id: str | None) -> HeldValues:
    """The values other records of ``entity``'s kind hold that a record holds once (a
    delegation's name, a participant's address, a theme's code, a route), read in one
    query for the model's rules to tell an editor, as it is typed, whether a value is
    another record's already (:class:`~cpp_scheduler.model.validation.HeldValues`);
    ``except_id``'s own are left out."""
    columns = rules.given_value_columns(entity)
    with database.session() as session:
        statement = select(*(getattr(entity, name) for name in columns))
        if except_id is not None:
            statement = statement.where(entity.id != except_id)  # type: ignore[attr-defined]
        rows = [dict(row) for row in session.execute(statement).mappings()]
    return HeldValues(entity, rows)


# -- events -------------------------------------------------------------------------------
class _LocalDates:
    """Each event's start day in its own zone, as "12 Jan 2027"; each zone is looked up
    and each day written once, since ten thousand events share a few hundred days."""

    def __init__(self) -> None:
        self._zones: dict[str, Any] = {}
        self._days: dict[Any, str] = {}

    def __call__(self, instant: datetime, zone: str) -> str:
        tzinfo = self._zones.get(zone)
        if tzinfo is None:
            tzinfo = self._zones[zone] = timezones.zone(zone)
        day = instant.astimezone(tzinfo).date()
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = i18n.day_month_year_text(day)
        return text


def event_choices(database: Database) -> list[Choice]:
    """Every event by start, named with its local date; the detail is its kind."""
    with database.session() as session:
        rows = (
            session.connection()
            .execute(
                select(Event.id, Event.title, Event.kind, Event.start_utc, Event.zone).order_by(
                    Event.start_utc
                )
            )
            .all()
        )
    local = _LocalDates()
    labels = {kind: kind.label for kind in EventKind}
    return [
        Choice(event_id, f"{title} ({local(start, zone)})", labels[kind])
        for event_id, title, kind, start, zone in rows
    ]


def _sessions_filed(connection: Any) -> dict[str, str]:
    """Each session's conference, by id: what says which events hold sessions."""
    return {
        str(child): str(parent)
        for child, parent in connection.execute(
            select(Event.id, Event.parent_id).where(Event.parent_id.is_not(None))
        )
    }


def conference_choices(database: Database, event_id: str | None = None) -> list[Choice]:
    """The conferences, by start, by the model's one rule (:func:`is_conference`): the
    events that hold sessions, and those of the conference kind that are not a session
    of another (a session is no conference of its own until it holds sessions), as the
    calendar's rows carry it for the right-click (``EventRow.programme_id``). Listed for
    printing a programme and, with ``event_id``, for filing that event as a session:
    never the event itself nor one of its own sessions; its present parent holds it, so
    stays listed whatever its kind."""
    with database.session() as session:
        connection = session.connection()
        parents = _sessions_filed(connection)
        holding = frozenset(parents.values())
        # Those the rule may take (the conference kind, or holding sessions), judged by it.
        rows = connection.execute(
            select(Event.id, Event.title, Event.start_utc, Event.zone, Event.kind).where(
                or_(Event.kind == EventKind.CONFERENCE, Event.id.in_(holding))
            )
        ).all()
    excluded = _below(parents, event_id)
    local = _LocalDates()
    # In the one order of meetings: conferences of one start read alike wherever listed.
    rows = sorted(rows, key=lambda row: meeting_order(row.start_utc, row.title, row.id))
    return [
        Choice(conference_id, f"{title} ({local(start, zone)})")
        for conference_id, title, start, zone, kind in rows
        if conference_id not in excluded and is_conference(conference_id, kind, parents, holding)
    ]


def conference_of(database: Database, event_id: str) -> str | None:
    """The conference whose programme holds ``event_id`` (:func:`programme_of`): the
    event itself when it is one, else the conference it is filed under; None when it is
    in none. A session right-clicked in the calendar prints its conference's programme;
    the calendar's rows carry the same answer (``EventRow.programme_id``)."""
    with database.session() as session:
        connection = session.connection()
        parents = _sessions_filed(connection)
        kind = connection.scalar(select(Event.kind).where(Event.id == event_id))
    if kind is None:
        return None
    return programme_of(event_id, kind, parents, frozenset(parents.values()))


def names(choices: Iterable[Choice]) -> list[tuple[str, str]]:
    """(name, id) pairs, as a single-choice combo box takes them."""
    return [(choice.name, choice.id) for choice in choices]


def called_off_events(database: Database) -> frozenset[str]:
    """The ids of the events not held: cancelled, or sessions of a cancelled conference
    (:mod:`cpp_scheduler.model.called_off`), for the event dialog to say that filing an
    event under such a conference calls it off too."""
    with database.reading() as session:
        return called_off(session)
