"""The spreadsheets and the program's report, read from the database: what
``cpp-scheduler export xlsx|csv``, ``cpp-scheduler report`` and the Program report window
all call.

Everything a table needs is read in one read transaction, with column queries (no
entities, which would take seconds for a year of ten thousand events), and each series
is expanded into its meetings by the model's own rule expansion
(:func:`cpp_scheduler.model.recurrence.expand`, as the calendar does), its cancelled
occurrences kept and marked so the report can count them apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Table as SqlTable
from sqlalchemy import select
from sqlalchemy.orm import Session

from cpp_scheduler import timezones
from cpp_scheduler.documents.content import PrintDocument, ShouldStop
from cpp_scheduler.documents.report import report_document
from cpp_scheduler.documents.stamp import read_change_stamp
from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.model import (
    Delegation,
    Event,
    KnowledgeProduct,
    Participant,
    PartnerCity,
    ThematicArea,
    Venue,
    recurrence,
)
from cpp_scheduler.model.event import (
    event_delegations,
    event_participants,
    event_themes,
    held_statuses,
)
from cpp_scheduler.model.event_filter import EventFilter, Person, partner_city
from cpp_scheduler.model.product import product_events
from cpp_scheduler.model.tour import HotelNight, TourDay, TravelLeg
from cpp_scheduler.model.validation import folded
from cpp_scheduler.reports.agenda import (
    agenda_meetings,
    agenda_table,
    delegation_tables,
    tour_table,
)
from cpp_scheduler.reports.facts import (
    City,
    DelegationFact,
    LegFact,
    Meeting,
    NightFact,
    ParticipantFact,
    ProductFact,
    ProgramFacts,
    Theme,
    TourDayFact,
    TourFacts,
    VenueFact,
)
from cpp_scheduler.reports.program import ProgramReport, build_report, report_tables
from cpp_scheduler.reports.tables import Table
from cpp_scheduler.services.queries import series_changes
from cpp_scheduler.services.record_tables import name_read
from cpp_scheduler.services.rows import typed_place_name
from cpp_scheduler.services.snapshot import NotFoundError, find_tour
from cpp_scheduler.store import Database

if TYPE_CHECKING:
    from cpp_scheduler.reports.xlsx import BarChartSpec

__all__ = [
    "EventFilter",
    "NotFoundError",
    "ProgramReport",
    "agenda",
    "delegations",
    "program_report",
    "program_report_document",
    "read_facts",
    "report_charts",
    "tour_days",
    "write_report_xlsx",
]


def _links(session: Session, table: SqlTable, column: str) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for owner, linked in session.execute(select(table.c.event_id, table.c[column])):
        found[owner].add(linked)
    return {owner: frozenset(linked) for owner, linked in found.items()}


def _product_links(session: Session) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for product_id, event_id in session.execute(
        select(product_events.c.product_id, product_events.c.event_id)
    ):
        found[event_id].add(product_id)
    return {event_id: frozenset(ids) for event_id, ids in found.items()}


def _read(session: Session) -> ProgramFacts:
    themes = {
        theme_id: Theme(theme_id, code, name, name_ja or "", parent)
        for theme_id, code, name, name_ja, parent in session.execute(
            select(
                ThematicArea.id,
                ThematicArea.code,
                ThematicArea.name,
                ThematicArea.name_ja,
                ThematicArea.parent_id,
            )
        )
    }
    cities = {
        city_id: City(city_id, name, name_ja or "")
        for city_id, name, name_ja in session.execute(
            select(PartnerCity.id, PartnerCity.name, PartnerCity.name_ja)
        )
    }
    venues = {
        row[0]: VenueFact(row[0], row[1], row[2] or "", row[3], row[4] or "", row[5])
        for row in session.execute(
            select(
                Venue.id, Venue.name, Venue.name_ja, Venue.locality, Venue.address, Venue.city_id
            )
        )
    }
    delegations = {
        row.id: DelegationFact(
            row.id,
            row.name,
            row.country,
            timezones.country_name(row.country or "") or row.country,
            row.zone,
            row.home_city or "",
            row.arrival,
            row.departure,
            tuple(row.languages or ()),
            row.interpretation or "",
        )
        for row in session.execute(
            select(
                Delegation.id,
                Delegation.name,
                Delegation.country,
                Delegation.zone,
                Delegation.home_city,
                Delegation.arrival,
                Delegation.departure,
                Delegation.languages,
                Delegation.interpretation,
            )
        )
    }
    participants = {
        row.id: ParticipantFact(
            row.id,
            row.name,
            row.email,
            row.organisation or "",
            row.role.label,
            row.delegation_id,
            row.zone,
        )
        for row in session.execute(
            select(
                Participant.id,
                Participant.name,
                Participant.email,
                Participant.organisation,
                Participant.role,
                Participant.delegation_id,
                Participant.zone,
            )
        )
    }
    products = {
        row.id: ProductFact(row.id, row.title, row.kind, row.published)
        for row in session.execute(
            select(
                KnowledgeProduct.id,
                KnowledgeProduct.title,
                KnowledgeProduct.kind,
                KnowledgeProduct.published,
            )
        )
    }
    theme_links = _links(session, event_themes, "theme_id")
    delegation_links = _links(session, event_delegations, "delegation_id")
    participant_links = _links(session, event_participants, "participant_id")
    product_links = _product_links(session)
    changes = series_changes(session)
    nothing: frozenset[str] = frozenset()
    held = held_statuses(session)
    venue_cities = {venue.id: venue.city_id for venue in venues.values()}
    meetings: list[Meeting] = []
    for row in session.execute(
        select(
            Event.id,
            Event.title,
            Event.kind,
            Event.mode,
            Event.status,
            Event.start_utc,
            Event.end_utc,
            Event.zone,
            Event.venue_id,
            Event.city_id,
            Event.parent_id,
            Event.recurrence_rule,
            Event.tour_day_id,
            Event.all_day,
            Event.organiser_id,
        )
    ):
        meeting = Meeting(
            row.id,
            row.title,
            row.kind,
            row.mode,
            held.status(row.id, row.status),
            row.start_utc,
            row.end_utc,
            row.zone,
            row.venue_id,
            partner_city(row.city_id, row.venue_id, venue_cities),
            row.parent_id,
            theme_links.get(row.id, nothing),
            delegation_links.get(row.id, nothing),
            participant_links.get(row.id, nothing),
            product_links.get(row.id, nothing),
            cancelled=row.id in held.off,
            tour_day_id=row.tour_day_id,
            all_day=row.all_day,
            organiser_id=row.organiser_id,
        )
        if not row.recurrence_rule:
            meetings.append(meeting)
            continue
        meetings.extend(_series_meetings(meeting, row.recurrence_rule, changes.get(row.id, [])))
    return ProgramFacts(meetings, themes, cities, venues, delegations, participants, products)


def _series_meetings(
    template: Meeting, rule: str, changes: Sequence[recurrence.OccurrenceChange]
) -> list[Meeting]:
    """Every meeting the rule gives, moved ones at their new time; a cancelled one is
    kept, marked cancelled, so that it can be counted apart."""
    cancelled_ones = {change.recurrence_id for change in changes if change.cancelled}
    kept = [change for change in changes if not change.cancelled]
    return [
        replace(
            template,
            start_utc=occurrence.start,
            end_utc=occurrence.end,
            recurrence_id=occurrence.recurrence_id,
            cancelled=template.cancelled or occurrence.recurrence_id in cancelled_ones,
            moved=occurrence.moved,
        )
        for occurrence in recurrence.expand(
            template.start_utc, template.end_utc, template.zone, rule, kept
        )
    ]


def read_facts(database: Database) -> ProgramFacts:
    """The whole program as the tables read it, in one read transaction."""
    with database.reading() as session:
        return _read(session)


# -- the tables -----------------------------------------------------------------------------
def agenda(
    database: Database,
    event_filter: EventFilter | None = None,
    first: date | None = None,
    last: date | None = None,
    zones: Sequence[str] = (timezones.TOKYO,),
    days_zone: str = timezones.TOKYO,
    *,
    in_venues: bool = False,
) -> Table:
    """The agenda from ``first`` to ``last`` (whole days in ``days_zone``, Tokyo unless
    the window shows another; both included; None for an open end), through
    ``event_filter``, with times in each of ``zones``: what the window's Export agenda
    and ``export xlsx|csv agenda`` write. ``in_venues``: as the Venues view shows them,
    the meetings held in a venue alone, as :func:`shown_event_ids` takes it."""
    return agenda_table(
        read_facts(database),
        event_filter or EventFilter(),
        first,
        last,
        zones,
        days_zone,
        in_venues=in_venues,
    )


def shown_event_ids(
    database: Database,
    event_filter: EventFilter | None = None,
    first: date | None = None,
    last: date | None = None,
    days_zone: str = timezones.TOKYO,
    *,
    in_venues: bool = False,
) -> list[str]:
    """The events the calendar shows on the days ``first`` to ``last`` of ``days_zone``
    through ``event_filter``, each once, by its first meeting there: what the window's
    Export calendar writes for "The events the calendar shows", and ``export ics
    --shown``. ``in_venues``: as the Venues view shows them, the meetings held in a
    venue alone (a room's line is where it draws a booking)."""
    meetings = agenda_meetings(
        read_facts(database),
        event_filter or EventFilter(),
        first,
        last,
        days_zone,
        in_venues=in_venues,
    )
    return list(dict.fromkeys(meeting.event_id for meeting in meetings))


def delegations(database: Database) -> list[Table]:
    """The delegations, and their members."""
    return delegation_tables(read_facts(database))


def tour_days(database: Database, name: str) -> Table:
    """A study tour's days, by its title (or its id).

    The places coordinators typed (the legs' ends, the hotels' and the venues' cities)
    are named as the itinerary and the tour builder name them
    (:func:`~cpp_scheduler.services.rows.typed_place_name`): 神戸市 on a Japanese sheet
    for a leg typed to Kobe, beside a venue in 神戸市."""
    with database.reading() as session:
        tour = find_tour(session, name)
        tour_id, title, first, last = tour.id, tour.title, tour.start_date, tour.end_date
        delegation = tour.delegation.name
        program = _read(session)
        partner_cities = [(city.name, city.name_ja) for city in program.cities.values()]

        def named(place: str) -> str:
            return typed_place_name(place, partner_cities)

        days = [
            TourDayFact(day_id, day, day_title or "", notes or "")
            for day_id, day, day_title, notes in session.execute(
                select(TourDay.id, TourDay.day, TourDay.title, TourDay.notes)
                .where(TourDay.tour_id == tour_id)
                .order_by(TourDay.day)
            )
        ]
        legs = [
            LegFact(
                named(row.origin),
                named(row.destination),
                row.mode.label,
                row.departure_utc,
                row.arrival_utc,
                row.zone,
                row.notes or "",
            )
            for row in session.execute(
                select(
                    TravelLeg.origin,
                    TravelLeg.destination,
                    TravelLeg.mode,
                    TravelLeg.departure_utc,
                    TravelLeg.arrival_utc,
                    TravelLeg.zone,
                    TravelLeg.notes,
                ).where(TravelLeg.tour_id == tour_id)
            )
        ]
        nights = [
            NightFact(night_of, hotel, named(locality), address or "")
            for night_of, hotel, locality, address in session.execute(
                select(
                    HotelNight.night_of, HotelNight.hotel, HotelNight.locality, HotelNight.address
                ).where(HotelNight.tour_id == tour_id)
            )
        ]
    venues = {
        venue_id: replace(
            venue,
            locality=named(
                program.cities[venue.city_id].name
                if venue.city_id in program.cities
                else venue.locality
            ),
        )
        for venue_id, venue in program.venues.items()
    }
    program = replace(program, venues=venues)
    return tour_table(TourFacts(title, delegation, first, last, days, legs, nights, program))


# -- the report -----------------------------------------------------------------------------
def program_report(database: Database, first: date, last: date) -> ProgramReport:
    """The program's report for the days ``first`` to ``last`` (in Tokyo, both included)."""
    return build_report(read_facts(database), first, last, timezones.TOKYO)


def program_report_document(
    database: Database, report: ProgramReport, should_stop: ShouldStop | None = None
) -> PrintDocument:
    """The report as a printed document, stamped with the program's state now."""
    with database.reading() as session:
        stamp = read_change_stamp(session)
    return report_document(report, stamp, should_stop)


def report_charts() -> list[BarChartSpec]:
    """The charts of the report's workbook: hours by theme, hours by partner city."""
    from cpp_scheduler.reports.xlsx import BarChartSpec

    # Named as the report's sheets and columns are, in the program's language.
    return [
        BarChartSpec(_("By theme"), _("Hours"), _("Hours by theme")),
        BarChartSpec(_("By partner city"), _("Hours"), _("Hours by partner city")),
    ]


def write_report_xlsx(report: ProgramReport, path: Path) -> Path:
    """The report's workbook: a sheet per breakdown, and its two charts."""
    # openpyxl is loaded only to write: the window reads reports without it.
    from cpp_scheduler.reports.xlsx import write_xlsx

    return write_xlsx(report_tables(report), path, report_charts())


# -- names on the command line --------------------------------------------------------------
def _one(kind: str, name: str, candidates: Mapping[str, tuple[str, ...]]) -> str:
    """The id whose names (any of them, case aside) include ``name``."""
    wanted = name.strip().casefold()
    for record_id, names in candidates.items():
        if wanted in (candidate.casefold() for candidate in names if candidate):
            return record_id
    known = sorted(names[0] for names in candidates.values())
    listed = "; ".join(known) if known else _("the program has none")
    raise NotFoundError(
        _("no {kind} is called '{name}' ({kind} names: {listed})").format(
            kind=_(kind), name=printable(name), listed=listed
        )
    )


def named_filter(
    database: Database,
    *,
    city: str | None = None,
    theme: str | None = None,
    delegation: str | None = None,
    participant: str | None = None,
    base: EventFilter | None = None,
) -> EventFilter:
    """``base`` with a partner city (English or Japanese name), a theme (name or code),
    a delegation (name) and a participant (email address or name) given as a person
    types them."""
    chosen = base or EventFilter()
    if not (city or theme or delegation or participant):
        return chosen
    with database.reading() as session:
        if city:
            cities = {
                row[0]: (row[1], row[2] or "")
                for row in session.execute(
                    select(PartnerCity.id, PartnerCity.name, PartnerCity.name_ja)
                )
            }
            chosen = replace(chosen, city_id=_one(N_("partner city"), city, cities))
        if theme:
            themes = {
                row[0]: (row[1], row[2], row[3] or "")
                for row in session.execute(
                    select(
                        ThematicArea.id, ThematicArea.name, ThematicArea.code, ThematicArea.name_ja
                    )
                )
            }
            chosen = replace(chosen, theme_id=_one(N_("theme"), theme, themes))
        if delegation:
            found = {
                row[0]: (row[1],) for row in session.execute(select(Delegation.id, Delegation.name))
            }
            delegation_id = _one(N_("delegation"), delegation, found)
            members = frozenset(
                session.scalars(
                    select(Participant.id).where(Participant.delegation_id == delegation_id)
                )
            )
            chosen = replace(chosen, delegation_id=delegation_id, delegation_members=members)
        if participant:
            chosen = replace(chosen, participant=_person(session, participant))
    return chosen


def _person(session: Session, given: str) -> Person:
    """The participant whose email address or name is ``given``, as the program tells
    addresses apart (:func:`~cpp_scheduler.model.validation.folded`: case and the spaces
    around aside) and people apart by name (:func:`~.record_tables.name_read`: accents,
    full-width letters and runs of spaces aside too). An address comes first; a name
    that several participants bear is refused, naming their addresses, which tell them
    apart. An older database may hold two addresses apart only in case: the one written
    as given is chosen, else both are named."""
    rows = sorted(  # by address, in Python: one order whatever the database's collation
        session.execute(
            select(Participant.id, Participant.name, Participant.email, Participant.delegation_id)
        ),
        key=lambda row: row.email,
    )
    address = folded(given)
    found = [row for row in rows if folded(row.email) == address]
    if len(found) > 1:
        found = [row for row in found if row.email.strip() == given.strip()] or found
        if len(found) > 1:
            raise NotFoundError(
                _(
                    "{count} participants have the email address '{name}' in some case"
                    " ({addresses}): give it as it is written"
                ).format(
                    count=len(found),
                    name=printable(given),
                    addresses="; ".join(row.email for row in found),
                )
            )
    if not found:
        name = name_read(given)
        found = [row for row in rows if name_read(row.name) == name]
    if len(found) == 1:
        return Person(found[0].id, found[0].delegation_id)
    if not found:
        raise NotFoundError(
            _("no participant has the name or email address '{name}'").format(name=printable(given))
        )
    raise NotFoundError(
        _("{count} participants are called '{name}' ({addresses}): give the email address").format(
            count=len(found),
            name=printable(given),
            addresses="; ".join(row.email for row in found),
        )
    )
