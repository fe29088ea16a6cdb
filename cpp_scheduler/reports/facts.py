"""The program as the tables and the report read it: plain values, no database.

:func:`cpp_scheduler.services.reports.read_facts` fills a :class:`ProgramFacts` in one
read transaction with column queries, series already expanded into their meetings by the
model's own rule expansion; everything in this package works from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from cpp_scheduler.model.enums import EventKind, EventMode, EventStatus, ProductKind


@dataclass(frozen=True, slots=True)
class Meeting:
    """One meeting: a one-off event, or one occurrence of a series (moved ones at their
    new time). ``cancelled`` is true for a cancelled event and for a cancelled
    occurrence of a series, which the series' rule still gives but nobody attends."""

    event_id: str
    title: str
    kind: EventKind
    mode: EventMode
    status: EventStatus
    start_utc: datetime
    end_utc: datetime
    zone: str
    venue_id: str | None
    city_id: str | None
    """The event's partner city, else its venue's
    (:func:`~cpp_scheduler.model.event_filter.partner_city`)."""
    parent_id: str | None
    theme_ids: frozenset[str]
    delegation_ids: frozenset[str]
    participant_ids: frozenset[str]
    product_ids: frozenset[str]
    recurrence_id: datetime | None = None
    cancelled: bool = False
    tour_day_id: str | None = None
    all_day: bool = False
    """Whole days of ``zone`` from the start to the end: dates, never hours."""
    organiser_id: str | None = None
    moved: bool = False
    """A meeting of a series moved off the time its rule gives it (the engine's
    :attr:`~cpp_scheduler.model.recurrence.Occurrence.moved`), which ``events list``, the
    calendar and the agenda mark "(moved)"."""

    @property
    def cancelled_alone(self) -> bool:
        """A meeting of a held series cancelled by itself: the rule still gives it, and
        no calendar shows it (the series' files leave it out). The meetings of a
        cancelled series are shown, as a cancelled event is, marked cancelled."""
        return (
            self.cancelled
            and self.recurrence_id is not None
            and self.status is not EventStatus.CANCELLED
        )

    @property
    def hours(self) -> float:
        """The elapsed hours from start to end; none for an all-day meeting, whose
        instants only bound its dates (a week's closure is not 168 hours of meetings)."""
        if self.all_day:
            return 0.0
        return (self.end_utc - self.start_utc).total_seconds() / 3600


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    code: str
    name: str
    name_ja: str
    parent_id: str | None


@dataclass(frozen=True, slots=True)
class City:
    id: str
    name: str
    name_ja: str


@dataclass(frozen=True, slots=True)
class VenueFact:
    id: str
    name: str
    name_ja: str
    locality: str
    address: str
    city_id: str | None


@dataclass(frozen=True, slots=True)
class DelegationFact:
    id: str
    name: str
    country: str
    """ISO 3166-1 alpha-2."""
    country_name: str
    zone: str
    home_city: str
    arrival: date | None
    departure: date | None
    languages: tuple[str, ...]
    interpretation: str


@dataclass(frozen=True, slots=True)
class ParticipantFact:
    id: str
    name: str
    email: str
    organisation: str
    role_label: str
    delegation_id: str | None
    zone: str | None


@dataclass(frozen=True, slots=True)
class ProductFact:
    id: str
    title: str
    kind: ProductKind
    published: date | None


@dataclass(frozen=True)
class ProgramFacts:
    """What the tables and the report need, read at one moment of the program."""

    meetings: list[Meeting] = field(default_factory=list)
    themes: dict[str, Theme] = field(default_factory=dict)
    cities: dict[str, City] = field(default_factory=dict)
    venues: dict[str, VenueFact] = field(default_factory=dict)
    delegations: dict[str, DelegationFact] = field(default_factory=dict)
    participants: dict[str, ParticipantFact] = field(default_factory=dict)
    products: dict[str, ProductFact] = field(default_factory=dict)

    def top_theme(self, theme_id: str) -> str:
        """The top-level thematic area a theme is, or is a sub-theme of."""
        seen: set[str] = set()
        current = theme_id
        while current not in seen:
            seen.add(current)
            theme = self.themes.get(current)
            if theme is None or theme.parent_id is None:
                return current
            current = theme.parent_id
        return current


@dataclass(frozen=True, slots=True)
class TourDayFact:
    id: str
    day: date
    title: str
    notes: str


@dataclass(frozen=True, slots=True)
class LegFact:
    origin: str
    destination: str
    mode_label: str
    departure_utc: datetime
    arrival_utc: datetime
    zone: str
    notes: str


@dataclass(frozen=True, slots=True)
class NightFact:
    night_of: date
    hotel: str
    locality: str
    address: str


@dataclass(frozen=True)
class TourFacts:
    """One study tour: its days, the meetings held on them, its legs and its nights."""

    title: str
    delegation: str
    first: date
    last: date
    days: list[TourDayFact]
    legs: list[LegFact]
    nights: list[NightFact]
    program: ProgramFacts
    """The program read with the tour (its meetings are the tour's activities)."""
