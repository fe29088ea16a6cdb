"""The plain rows the window holds: a calendar's meetings, the key that names one
meeting, and the records a list offers to choose from.

Kept apart from the queries that read them (:mod:`cpp_scheduler.services.calendar_reads`
and :mod:`cpp_scheduler.services.choices`) and free of SQLAlchemy, so the window paints
its first week while the database layer is still loading.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import NameOrder, _, ngettext
from cpp_scheduler.model.enums import EventKind, EventMode, EventStatus
from cpp_scheduler.model.event_filter import (
    Person,
    conferences_above,
    delegations_attending,
    meeting_days,
    partner_city,
    programme_of,
    searched_names,
    searched_text,
)


class OccurrenceKey(NamedTuple):
    """Names one meeting: the event, and for a meeting of a series the start its rule
    gives it (UTC), which stays its name after it is moved.

    ``recurrence_id`` None names a one-off event, or a whole series when the meeting is
    not known (a series chosen from a list, not from a calendar).
    """

    event_id: str
    recurrence_id: datetime | None = None

    def covers(self, row: EventRow) -> bool:
        """True when ``row`` is this meeting (or a meeting of this whole event)."""
        return row.event_id == self.event_id and (
            self.recurrence_id is None or row.recurrence_id == self.recurrence_id
        )


NO_NAME: NameOrder = i18n.name_order("")
"""Where a row that names no venue (or no partner city) comes: before those that do."""


class EventRow(NamedTuple):
    """One occurrence of an event as a calendar shows it.

    A named tuple: a program's ten thousand rows are built in a fraction of the time
    frozen dataclasses take, and they are as immutable.
    """

    event_id: str
    title: str
    kind: EventKind
    mode: EventMode
    status: EventStatus
    start_utc: datetime
    end_utc: datetime
    zone: str
    venue_id: str | None
    venue_name: str
    city_id: str | None
    """The partner city it is counted under: its own, else its venue's
    (:func:`~cpp_scheduler.model.event_filter.partner_city`), as the agenda spreadsheet
    and the report count it."""
    city_name: str
    theme_ids: frozenset[str]
    delegation_ids: frozenset[str]
    """The delegations it is for: those it names, or, for a session naming none, its
    conference's (:func:`~cpp_scheduler.model.event_filter.delegations_attending`)."""
    delegation_names: str
    """The delegations it names itself, as its Delegations column shows them."""
    version: int
    is_series: bool = False
    occurrence: int = 0
    """The occurrence's position in its series (0 for a one-off event)."""
    recurrence_id: datetime | None = None
    """For a meeting of a series, the start its rule gives it (UTC), which names it even
    after it was moved; None for a one-off event."""
    all_day: bool = False
    """A span of whole days in ``zone``: shown on its dates, in the all-day row, never
    with hours (:attr:`first_date`, :attr:`last_date`)."""
    places_searched: str = ""
    """Its venue's and its partner city's names in English and in Japanese, which a text
    search reads whatever the language
    (:func:`~cpp_scheduler.model.event_filter.searched_names`)."""
    venue_order: NameOrder = NO_NAME
    """Where its venue comes in a list of venues (:func:`~cpp_scheduler.i18n.name_order`),
    by which the agenda orders its Venue column in either language, as every list of
    venues goes (the glossary: by the romanised name, never by the kanji's code points)."""
    city_order: NameOrder = NO_NAME
    """Where its partner city comes in a list of partner cities, likewise."""
    moved: bool = False
    """A meeting of a series moved off the time its rule gives it: the engine's
    :attr:`~cpp_scheduler.model.recurrence.Occurrence.moved`, which ``events list`` marks
    "(moved)" and its JSON gives as ``"moved"``."""
    programme_id: str | None = None
    """The conference whose programme holds it (itself, when it is one), by the rule
    the Print dialog's list of conferences and ``print programme`` follow
    (:func:`~cpp_scheduler.model.event_filter.programme_of`); None when it is in no
    programme. The calendar's right-click offers "Print programme…" by it."""
    participant_ids: frozenset[str] = frozenset()
    """The participants it names itself. The Participant filter finds it for them, for
    its organiser and for its delegations' members
    (:func:`~cpp_scheduler.model.event_filter.is_persons`); the Delegation filter for
    their delegations too (:func:`~cpp_scheduler.model.event_filter.is_delegations`)."""
    organiser_id: str | None = None

    @property
    def first_date(self) -> date:
        """The first day the event covers, in its own zone."""
        return timezones.to_local(self.start_utc, self.zone).date()

    @property
    def last_date(self) -> date:
        """The last day an all-day event covers, in its own zone (the stored end is the
        start of the day after)."""
        return timezones.all_day_dates(self.start_utc, self.end_utc, self.zone)[1]

    def days_on(self, clock: str) -> tuple[date, date]:
        """The first and last day the meeting is on, on the clock of ``clock``, as the
        Day, Week and Month views draw it: an all-day event on its own dates, whatever
        the clock; a timed one from the day it starts to the day its last minute is in
        (:func:`~cpp_scheduler.model.event_filter.meeting_days`, the rule ``events
        list``, the agenda and the report follow too)."""
        return meeting_days(
            self.start_utc, self.end_utc, self.zone, all_day=self.all_day, clock=clock
        )

    @property
    def key(self) -> tuple[str, int]:
        return (self.event_id, self.occurrence)

    @property
    def occurrence_key(self) -> OccurrenceKey:
        """The name of this meeting, as selections and conflict marks carry it."""
        return OccurrenceKey(self.event_id, self.recurrence_id)

    @property
    def shown_title(self) -> str:
        """The title as the calendar shows it: a moved meeting marked as ``events list``
        marks it ("NY weekly sync (moved)"), in the very words of its catalogue, so the
        window and the command line never word it apart."""
        return self.title + self.moved_note

    @property
    def moved_note(self) -> str:
        """`` (moved)`` for a meeting moved off its series' time, else nothing: what a
        block or a bar puts after its time, where a long title cut short would hide it."""
        return _(" (moved)") if self.moved else ""

    def search_text(self) -> str:
        """The words the sidebar's search looks in, as the agenda spreadsheet's
        (:func:`~cpp_scheduler.model.event_filter.searched_text`)."""
        return searched_text(self.title, (self.places_searched,), self.delegation_names, self.kind)


@dataclass(frozen=True, slots=True)
class Choice:
    """A record offered in a filter or a picker: its id, its name, and a detail."""

    id: str
    name: str
    detail: str = ""
    group: str = ""
    """The heading it is listed under (a venue's city), or empty."""
    searched: str = ""
    """The record's row in its Program menu manager as that manager's search reads it
    (:func:`~cpp_scheduler.services.choices.manager_search_texts`): a picker finds by
    the words shown on its line and by these, as ``records KIND --search`` does (a
    person by their address or organisation)."""


@dataclass(frozen=True, slots=True)
class PersonChoice(Choice):
    """A participant offered in the Participant filter, with their delegation, by which
    the filter finds their delegation's meetings too."""

    delegation_id: str | None = None

    @property
    def person(self) -> Person:
        """The participant as the filter takes them."""
        return Person(self.id, self.delegation_id)


_NOTHING: frozenset[str] = frozenset()


def occurrences_of_events(occurrences: int, events: int) -> str:
    """ "9 occurrences of 5 events": how many meetings, of how many events, a list or a
    filter holds. The words ``events list`` sums its table up in and the window's status
    bar counts what the filters let through in, so that both count in one unit."""
    return _("{occurrences} of {events}").format(
        occurrences=ngettext("{count} occurrence", "{count} occurrences", occurrences).format(
            count=f"{occurrences:,}"
        ),
        events=ngettext("{count} event", "{count} events", events).format(count=f"{events:,}"),
    )


def events_in_view(count: int) -> str:
    """ "12 events in view": how many events the Day, Week, Month or Venues view shows,
    which the window's status bar says (in the language's own plural, as
    :func:`occurrences_of_events` counts)."""
    return ngettext("{count} event in view", "{count} events in view", count).format(
        count=f"{count:,}"
    )


def venue_name(name: str, name_ja: str) -> str:
    """A venue as the week's blocks name it: in Japanese, 神戸市役所."""
    return i18n.shown_name(name, name_ja)


def name_pair(name: str, name_ja: str | None) -> tuple[str, str]:
    """A record's two names in the order :func:`both_names` writes them: the English
    one first in English, the Japanese one first in Japanese; the second empty when
    the record has no Japanese name."""
    if not name_ja:
        return name, ""
    return (name_ja, name) if i18n.language() == i18n.JAPANESE else (name, name_ja)


def both_names(name: str, name_ja: str | None) -> str:
    """How the program names a partner city (and any record shown with both names):
    "Kobe 神戸市" in English, "神戸市 Kobe" in Japanese, the reader's language first and
    the other beside it after a space, no brackets; the English name alone where the
    record has no Japanese one.

    The one rule of the agenda, the week's blocks, the Venues view's headings, the
    filters and pickers, the itinerary and the printed report. Both names, because the
    coordinators read Japanese signs and letters from the cities and English mail from
    the delegations, and because lists are put in the order of the romanised name
    (``docs/glossary.md``: a Japanese name is put where its romanised name goes), which
    the English beside the Japanese explains. The reader's language first, as the
    filters and the printed report's chart already wrote it; in English, as the agenda,
    the week and the filters always wrote it.
    """
    first, second = name_pair(name, name_ja)
    return f"{first} {second}" if second else first


def _same_place(one: str, other: str) -> bool:
    """Two names of one locality, however capitalised or spaced (as the travel-time
    table and the conflict check compare them)."""
    return one.strip().casefold() == other.strip().casefold()


TOKYO_TYPED_NAMES = ("Tokyo", "東京", "東京都")
"""What a coordinator types for Tokyo: its English name, its Japanese one, and the
metropolis's own name, each of which names the one city TDLC is in."""


def locality_name(locality: str, city: str = "", city_ja: str = "") -> str:
    """The place a venue is in, as a heading or a document names it.

    The locality is the city as a coordinator typed it (the travel-time table's name),
    shown as typed, with two exceptions: the venue's partner city's own name
    (``city``, ``city_ja``), which is named as every partner city is
    (:func:`both_names`), and Tokyo, TDLC's city, typed by any of its names
    (:data:`TOKYO_TYPED_NAMES`), named as every view names its zone (Tokyo, 東京): one
    typed 東京 is the same city as one typed Tokyo, and an English page says so.
    """
    if city and _same_place(locality, city):
        return both_names(city, city_ja)
    if any(_same_place(locality, tokyo) for tokyo in TOKYO_TYPED_NAMES):
        return _("Tokyo")
    return locality


def place_key(place: str, partner_cities: Iterable[tuple[str, str | None]]) -> str:
    """The one name the conflict check knows a typed place by: a partner city typed by
    its English or Japanese name, however capitalised or spaced, is its English name;
    Tokyo typed by any of its names (:data:`TOKYO_TYPED_NAMES`) is Tokyo; any other
    place is as typed (the check compares those without case or spaces around them).
    Without it a hotel typed 神戸市 on a day that ends in Kobe is "in another city", and
    a venue in 神戸市 has no journey in a travel-time table that says Kobe."""
    for name, name_ja in partner_cities:
        if _same_place(place, name) or (name_ja and _same_place(place, name_ja)):
            return name
    if any(_same_place(place, tokyo) for tokyo in TOKYO_TYPED_NAMES):
        return TOKYO_TYPED_NAMES[0]
    return place


def typed_place_name(place: str, partner_cities: Iterable[tuple[str, str | None]]) -> str:
    """A place a coordinator typed where no record names it (a travel leg's end, a hotel
    night's locality), as a document names it in one name.

    A partner city, typed by its English or Japanese name however capitalised or spaced,
    is named as a document names a venue's partner city: its Japanese name in Japanese,
    its English one in English (``partner_cities``: every city's name and Japanese
    name). Tokyo is named as :func:`locality_name` names it; any other place (an
    airport, a city abroad) as typed, since the program knows no other name for it.
    Without this a Japanese page would call one city 神戸市 beside a venue and Kobe
    beside the train that reaches it.
    """
    for name, name_ja in partner_cities:
        if _same_place(place, name) or (name_ja and _same_place(place, name_ja)):
            return i18n.shown_name(name, name_ja)
    return locality_name(place)


def with_conferences(ids: list[str], conference_of: Mapping[str, str]) -> list[str]:
    """``ids`` and the conferences of those that are sessions, at any depth: the events
    whose delegations a row needs (a session naming none is for its conference's)."""
    found = dict.fromkeys(ids)
    for event_id in ids:
        found.update(dict.fromkeys(conferences_above(event_id, conference_of)))
    return list(found)


class RowNames(NamedTuple):
    """What a row shows of the records its event links to, by id, read once for a whole
    read: the store's (:mod:`.calendar_reads`) and the glance at the period on screen
    (:mod:`.period_glance`) build their rows through :meth:`row`, so they cannot differ."""

    venues: Mapping[str, str]
    """Each venue's name as a row shows it (:func:`venue_name`)."""
    cities: Mapping[str, str]
    """Each partner city's name as a row shows it (:func:`both_names`)."""
    delegations: Mapping[str, str]
    themes: Mapping[str, Collection[str]]
    """Each event's themes' ids."""
    attending: Mapping[str, Collection[str]]
    """Each event's own delegations' ids, and those of the conferences of its sessions."""
    people: Mapping[str, Collection[str]]
    """Each event's participants' ids."""
    conference_of: Mapping[str, str]
    """Each session's conference, by id (the program's every session: a session's
    conference, and that one's, may lie outside the period read)."""
    venue_cities: Mapping[str, str | None]
    """Each venue's partner city, which a meeting filed under none is counted under."""
    venues_searched: Mapping[str, str]
    """Each venue's names as a search reads them, English and Japanese."""
    cities_searched: Mapping[str, str]
    """Each partner city's names as a search reads them, English and Japanese."""
    venue_orders: Mapping[str, NameOrder]
    """Where each venue comes in a list of venues (:func:`~cpp_scheduler.i18n.name_order`)."""
    city_orders: Mapping[str, NameOrder]
    """Where each partner city comes in a list of partner cities."""
    holding_sessions: frozenset[str]
    """The events that hold sessions (the conferences of :attr:`conference_of`), each a
    conference whatever its kind."""

    @classmethod
    def of(
        cls,
        venues: Iterable[tuple[str, str, str, str | None]],
        cities: Iterable[tuple[str, str, str]],
        *,
        delegations: Mapping[str, str],
        themes: Mapping[str, Collection[str]],
        attending: Mapping[str, Collection[str]],
        people: Mapping[str, Collection[str]],
        conference_of: Mapping[str, str],
    ) -> RowNames:
        """The names of the ``venues`` (id, name, Japanese name, partner city) and the
        ``cities`` (id, name, Japanese name) read, as the rows show them and a search
        reads them, with the rest as given."""
        venue_list = list(venues)
        city_list = list(cities)
        return cls(
            venues={id_: venue_name(name, name_ja) for id_, name, name_ja, _city in venue_list},
            cities={id_: both_names(name, name_ja) for id_, name, name_ja in city_list},
            delegations=delegations,
            themes=themes,
            attending=attending,
            people=people,
            conference_of=conference_of,
            venue_cities={id_: city for id_, _name, _name_ja, city in venue_list},
            venues_searched={
                id_: searched_names(name, name_ja) for id_, name, name_ja, _city in venue_list
            },
            cities_searched={
                id_: searched_names(name, name_ja) for id_, name, name_ja in city_list
            },
            venue_orders={
                id_: i18n.name_order(name, name_ja or "") for id_, name, name_ja, _ in venue_list
            },
            city_orders={
                id_: i18n.name_order(name, name_ja or "") for id_, name, name_ja in city_list
            },
            holding_sessions=frozenset(conference_of.values()),
        )

    def row(
        self,
        event_id: str,
        title: str,
        kind: EventKind,
        mode: EventMode,
        status: EventStatus,
        start_utc: datetime,
        end_utc: datetime,
        zone: str,
        venue_id: str | None,
        city_id: str | None,
        version: int,
        *,
        is_series: bool,
        all_day: bool,
        organiser_id: str | None,
    ) -> EventRow:
        linked = self.attending.get(event_id)
        # The sidebar's delegation filter takes a session naming no delegation as its
        # conference's, as the engine and the agenda spreadsheet do; its Delegations
        # column names those the event itself names.
        delegation_ids = (
            frozenset(linked)
            if linked
            else delegations_attending(
                _NOTHING, conferences_above(event_id, self.conference_of), self.attending
            )
            or _NOTHING
        )
        topics = self.themes.get(event_id)
        city_id = partner_city(city_id, venue_id, self.venue_cities)
        places = (
            self.venues_searched.get(venue_id, "") if venue_id else "",
            self.cities_searched.get(city_id, "") if city_id else "",
        )
        return EventRow(
            event_id,
            title,
            kind,
            mode,
            status,
            start_utc,
            end_utc,
            zone,
            venue_id,
            self.venues.get(venue_id, "") if venue_id else "",
            city_id,
            self.cities.get(city_id, "") if city_id else "",
            frozenset(topics) if topics else _NOTHING,
            delegation_ids,
            ", ".join(sorted(self.delegations[d] for d in delegation_ids)) if linked else "",
            version,
            is_series,
            all_day=all_day,
            places_searched=" ".join(place for place in places if place),
            venue_order=self.venue_orders.get(venue_id, NO_NAME) if venue_id else NO_NAME,
            city_order=self.city_orders.get(city_id, NO_NAME) if city_id else NO_NAME,
            programme_id=programme_of(event_id, kind, self.conference_of, self.holding_sessions),
            participant_ids=frozenset(named) if (named := self.people.get(event_id)) else _NOTHING,
            organiser_id=organiser_id,
        )
