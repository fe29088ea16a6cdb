"""What the program file holds: each kind of record, its keys, and how values are written.

One declaration per kind serves export, import and the checks of the schema's keys, so the
three cannot drift apart. A kind lists its plain values (``Value``), its links to one
record (``Link``) or to several (``Links``) by id, and the records it owns and writes
inside itself (``Owned``: a tour's days, legs and nights; a series' changed occurrences).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from cpp_scheduler.i18n import _
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    HotelNight,
    KnowledgeProduct,
    OccurrenceOverride,
    Participant,
    ParticipantRole,
    PartnerCity,
    ProductKind,
    StudyTour,
    ThematicArea,
    TourDay,
    TravelLeg,
    TravelMode,
    TravelTime,
    Venue,
)
from cpp_scheduler.model.base import Base
from cpp_scheduler.model.reference import route_name

FORMAT = "cpp-scheduler-program"
VERSION = 1


@dataclass(frozen=True)
class Codec:
    """How a model value is written in the file (``encode``) and read back (``decode``)."""

    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _encode_instant(value: datetime) -> str:
    """``INSTANT_FORMAT`` of the instant in UTC (ISO 8601's text, the year in four digits
    as the schema wants it, cut after the seconds: without strftime's cost, nor that of
    isoformat's arguments, on every instant of a program)."""
    return value.astimezone(UTC).isoformat()[:19] + "Z"


def _decode_instant(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError(
            _("'{text}' has no zone; write instants in UTC ending in Z").format(text=text)
        )
    return parsed.astimezone(UTC)


def _enum(enum_class: type[StrEnum]) -> Codec:
    members = {member.value: member for member in enum_class}

    def decode(value: Any) -> StrEnum:
        """The member written ``value``: looked up, not made by the enumeration's call,
        which costs some ten times as much; anything else refused as that call does."""
        try:
            return members[value]
        except (KeyError, TypeError):
            return enum_class(value)

    return Codec(lambda member: enum_class(member).value, decode)


def _optional(codec: Codec) -> Codec:
    return Codec(
        lambda value: None if value is None else codec.encode(value),
        lambda value: None if value is None else codec.decode(value),
    )


TEXT = Codec(_same, _same)
INTEGER = Codec(_same, int)
NUMBER = _optional(Codec(float, float))
BOOLEAN = Codec(bool, bool)
TEXT_LIST = Codec(list, list)
DATE = Codec(date.isoformat, date.fromisoformat)
TIME = Codec(lambda value: value.strftime("%H:%M"), time.fromisoformat)
INSTANT = Codec(_encode_instant, _decode_instant)


@dataclass(frozen=True)
class Value:
    """A plain value: ``key`` in the file, ``attribute`` of the entity."""

    key: str
    codec: Codec = TEXT
    attribute: str = ""
    only_rises: bool = False
    """Never lowered by an import (an event's calendar SEQUENCE)."""

    @property
    def name(self) -> str:
        return self.attribute or self.key


@dataclass(frozen=True)
class Link:
    """The id of one record of ``target`` (a section or an owned kind), or null."""

    key: str
    target: str
    attribute: str = ""

    @property
    def name(self) -> str:
        return self.attribute or self.key


@dataclass(frozen=True)
class Links:
    """The ids of several records of ``target``, written sorted."""

    key: str
    target: str


@dataclass(frozen=True)
class Owned:
    """Records written inside their owner and replaced with it as a whole."""

    key: str
    kind: Kind


@dataclass(frozen=True)
class Kind:
    """One kind of record in the file."""

    section: str
    """The key of its list: a top-level key, or the key inside the owner."""
    entity: type[Base]
    values: tuple[Value, ...]
    sort_by: tuple[str, ...]
    """Keys whose written values order the list (the id breaks ties)."""
    links: tuple[Link, ...] = ()
    many: tuple[Links, ...] = ()
    owned: tuple[Owned, ...] = ()
    natural_key: tuple[str, ...] = ()
    """Keys that name a record as surely as its id: a record of the database with the
    same natural key and another id is the same record (a city seeded on both sides)."""
    natural_key_unique: bool = True
    """Whether the database refuses two records with the same natural key."""
    named_by: Callable[[dict[str, Any]], str | None] | None = None
    """The name a record goes by everywhere else in the program, from its written
    values, where its kind has no name or title (a travel time's route)."""

    @property
    def record_kind(self) -> str:
        return self.entity.record_kind

    def sort_key(self, record: dict[str, Any]) -> tuple[str, ...]:
        return (*(sortable(record.get(key)) for key in self.sort_by), record["id"])

    def label(self, record: dict[str, Any]) -> str:
        """``event 'Opening plenary' (id 5f0c...)``: how a message names a record."""
        name = next(
            (record[key] for key in ("name", "title", "code", "hotel") if record.get(key)),
            None,
        )
        if name is None and self.named_by is not None:
            name = self.named_by(record)
        if name is None:  # a record named by its natural key (a night by its tour and date)
            given = [record[key] for key in self.natural_key if record.get(key) is not None]
            name = "-".join(str(value) for value in given) or None
        kind, record_id = _(self.record_kind), record.get("id")
        if name:
            return _("{kind} '{name}' (id {id})").format(kind=kind, name=name, id=record_id)
        return _("{kind} (id {id})").format(kind=kind, id=record_id)


def sortable(value: Any) -> str:
    """How a written value orders its records: as text, an absent one first."""
    return "" if value is None else str(value)


THEMES = Kind(
    "themes",
    ThematicArea,
    (Value("code"), Value("name"), Value("name_ja"), Value("description")),
    sort_by=("code",),
    links=(Link("parent", "themes"),),
    natural_key=("code",),
)

CITIES = Kind(
    "cities",
    PartnerCity,
    (
        Value("name"),
        Value("name_ja"),
        Value("prefecture"),
        Value("prefecture_ja"),
        Value("mou_date", _optional(DATE)),
        Value("selection_round", INTEGER),
        Value("signature"),
        Value("latitude", NUMBER),
        Value("longitude", NUMBER),
        Value("contact_name"),
        Value("contact_email"),
        Value("zone"),
    ),
    sort_by=("name",),
    many=(Links("themes", "themes"),),
    natural_key=("name",),
)

VENUES = Kind(
    "venues",
    Venue,
    (
        Value("name"),
        Value("name_ja"),
        Value("locality"),
        Value("address"),
        Value("latitude", NUMBER),
        Value("longitude", NUMBER),
        Value("capacity", INTEGER),
        Value("opens_at", TIME),
        Value("closes_at", TIME),
        Value("zone"),
        Value("videoconference", BOOLEAN),
        Value("interpretation_booths", INTEGER),
        Value("notes"),
    ),
    sort_by=("locality", "name"),
    links=(Link("city", "cities"),),
    natural_key=("locality", "name"),
    natural_key_unique=False,
)


def _route_of(record: dict[str, Any]) -> str | None:
    """``Kobe–Kitakyushu by rail``, as the travel times' list names the route; None
    while a place or the mode is missing (the record is then named by what it has)."""
    origin, destination, mode = (record.get(key) for key in ("origin", "destination", "mode"))
    if not (isinstance(origin, str) and isinstance(destination, str) and isinstance(mode, str)):
        return None
    return route_name(origin, destination, mode) if origin and destination and mode else None


TRAVEL_TIMES = Kind(
    "travel_times",
    TravelTime,
    (
        Value("origin"),
        Value("destination"),
        Value("mode", _enum(TravelMode)),
        Value("minutes", INTEGER),
    ),
    sort_by=("origin", "destination", "mode"),
    natural_key=("origin", "destination", "mode"),
    named_by=_route_of,
)

DELEGATIONS = Kind(
    "delegations",
    Delegation,
    (
        Value("name"),
        Value("country"),
        Value("zone"),
        Value("home_city"),
        Value("work_start", TIME),
        Value("work_end", TIME),
        Value("acceptable_start", TIME),
        Value("acceptable_end", TIME),
        Value("arrival", _optional(DATE)),
        Value("departure", _optional(DATE)),
        Value("languages", TEXT_LIST),
        Value("interpretation"),
        Value("notes"),
    ),
    sort_by=("name",),
    natural_key=("name",),
)

PARTICIPANTS = Kind(
    "participants",
    Participant,
    (
        Value("name"),
        Value("email"),
        Value("organisation"),
        Value("role", _enum(ParticipantRole)),
        Value("zone"),
        Value("language"),
    ),
    sort_by=("name", "email"),
    links=(Link("delegation", "delegations"),),
    natural_key=("email",),
)

OCCURRENCE_CHANGES = Kind(
    "changes",
    OccurrenceOverride,
    (
        Value("recurrence_id", INSTANT),
        Value("cancelled", BOOLEAN),
        Value("start", _optional(INSTANT), "start_utc"),
        Value("end", _optional(INSTANT), "end_utc"),
    ),
    sort_by=("recurrence_id",),
    natural_key=("recurrence_id",),
)

EVENTS = Kind(
    "events",
    Event,
    (
        Value("uid"),
        Value("sequence", INTEGER, only_rises=True),
        Value("title"),
        Value("kind", _enum(EventKind)),
        Value("mode", _enum(EventMode)),
        Value("status", _enum(EventStatus)),
        Value("start", INSTANT, "start_utc"),
        Value("end", INSTANT, "end_utc"),
        Value("zone"),
        Value("all_day", BOOLEAN),
        Value("video_link"),
        Value("description"),
        Value("notes"),
        Value("recurrence_rule"),
    ),
    sort_by=("start", "title"),
    links=(
        Link("venue", "venues"),
        Link("city", "cities"),
        Link("host_city", "cities"),
        Link("organiser", "participants"),
        Link("parent", "events"),
        Link("tour_day", "days"),
    ),
    many=(
        Links("themes", "themes"),
        Links("delegations", "delegations"),
        Links("participants", "participants"),
    ),
    owned=(Owned("changes", OCCURRENCE_CHANGES),),
    natural_key=("uid",),
)

TOUR_DAYS = Kind(
    "days",
    TourDay,
    (Value("day", DATE), Value("title"), Value("notes")),
    sort_by=("day",),
    natural_key=("day",),
)

TRAVEL_LEGS = Kind(
    "legs",
    TravelLeg,
    (
        Value("origin"),
        Value("destination"),
        Value("mode", _enum(TravelMode)),
        Value("departure", INSTANT, "departure_utc"),
        Value("arrival", INSTANT, "arrival_utc"),
        Value("zone"),
        Value("notes"),
    ),
    sort_by=("departure",),
)

HOTEL_NIGHTS = Kind(
    "nights",
    HotelNight,
    (Value("night_of", DATE), Value("hotel"), Value("locality"), Value("address")),
    sort_by=("night_of",),
    natural_key=("night_of",),
)

STUDY_TOURS = Kind(
    "study_tours",
    StudyTour,
    (
        Value("title"),
        Value("start_date", DATE),
        Value("end_date", DATE),
        Value("notes"),
    ),
    sort_by=("start_date", "title"),
    links=(Link("delegation", "delegations"),),
    owned=(
        Owned("days", TOUR_DAYS),
        Owned("legs", TRAVEL_LEGS),
        Owned("nights", HOTEL_NIGHTS),
    ),
)

KNOWLEDGE_PRODUCTS = Kind(
    "knowledge_products",
    KnowledgeProduct,
    (
        Value("title"),
        Value("kind", _enum(ProductKind)),
        Value("url"),
        Value("published", _optional(DATE)),
        Value("summary"),
    ),
    sort_by=("title",),
    many=(
        Links("cities", "cities"),
        Links("themes", "themes"),
        Links("events", "events"),
    ),
)

SECTIONS: tuple[Kind, ...] = (
    THEMES,
    CITIES,
    VENUES,
    TRAVEL_TIMES,
    DELEGATIONS,
    PARTICIPANTS,
    STUDY_TOURS,
    EVENTS,
    KNOWLEDGE_PRODUCTS,
)
"""The top-level lists, in the order an import creates them."""

OWNED_KINDS: dict[str, Kind] = {owned.key: owned.kind for kind in SECTIONS for owned in kind.owned}


def all_kinds() -> tuple[Kind, ...]:
    """Every kind, the owned ones after their owner."""
    kinds: list[Kind] = []
    for kind in SECTIONS:
        kinds.append(kind)
        kinds.extend(owned.kind for owned in kind.owned)
    return tuple(kinds)


def keys(kind: Kind) -> set[str]:
    """Every key a record of this kind has in the file."""
    return (
        {"id"}
        | {value.key for value in kind.values}
        | {link.key for link in kind.links}
        | {links.key for links in kind.many}
        | {owned.key for owned in kind.owned}
    )
