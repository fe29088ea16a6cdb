"""The tables of the Program menu's managers, which ``cpp-scheduler records`` prints too.

One declaration per kind of record: which columns a coordinator sees, under which
headers, in which order, how each value reads, and which rows a search finds. The
window's managers and the command both take them from here, so the two never list a kind
differently.

Nothing here loads the database layer: the window builds its menus from these tables
before SQLAlchemy has loaded (a table names its entity class, looked up when first read).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from cpp_scheduler import i18n, model
from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import NP_, _

if TYPE_CHECKING:
    from cpp_scheduler.model import Base


@dataclass(frozen=True)
class RecordTable:
    """The table of one kind of record: its entity, its columns and their order."""

    key: str
    """The kind, as the window's actions name it (``partner_city``)."""
    command: str
    """The kind as ``cpp-scheduler records`` takes it (``cities``)."""
    model_name: str
    """The entity's class name in :mod:`cpp_scheduler.model`."""
    columns: tuple[tuple[str, tuple[str, str]], ...]
    """(attribute, header) pairs, each header with its context in the catalogue ("record
    table": the "Name" of a venue, the "From" of a route, which other texts word apart)."""
    order_by: str

    @property
    def model(self) -> type[Base]:
        """The entity class (loading the model on first use)."""
        entity: type[Base] = getattr(model, self.model_name)
        return entity

    @property
    def attributes(self) -> list[str]:
        return [attribute for attribute, _header in self.columns]

    def headers(self) -> list[str]:
        """The columns' headers in the language spoken."""
        return [i18n.pgettext(*header) for _attribute, header in self.columns]


@dataclass(frozen=True, slots=True)
class NamedPlace:
    """A place a coordinator typed (a route's end), named as the itinerary and the tour
    builder name it (神戸市 in Japanese for a Kobe typed in English), and sorted by the
    one name the conflict check knows it by, so the list keeps its order in either
    language."""

    shown: str
    known_as: str

    def __str__(self) -> str:
        return self.shown


def search_words(text: str) -> tuple[str, ...]:
    """What a manager's search box asks for: its words, each as a search compares it
    (:func:`cpp_scheduler.i18n.search_text`)."""
    return tuple(i18n.search_text(text).split())


def searchable(cells: Sequence[str]) -> str:
    """A row's cells as a search reads them: one text, a line each."""
    return "\n".join(i18n.search_text(cell) for cell in cells)


def found(row: str, words: Sequence[str]) -> bool:
    """Whether a row (:func:`searchable`) holds every word of a search, each in any of
    its cells and in any order: "hall kobe" finds Kobe City Hall, and no search hides
    a row for the way it is written (case, accents, full-width letters, kana)."""
    return all(word in row for word in words)


def nothing_found(search: str) -> str:
    """What a manager's search that finds no record says under its list, and ``records
    KIND --search`` in the list's place: the words searched for, quoted."""
    return _("No record holds every word of {search}.").format(search=quoted(search.strip()))


def cell_text(value: Any) -> str:
    """How a value of a manager's column reads: a date as the language writes it, a
    journey as "2 h 30 min", a yes as a word, a missing value as nothing."""
    from cpp_scheduler.scheduling.travel import describe_duration

    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else ""
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, timedelta):
        return describe_duration(value)
    if isinstance(value, date):
        return i18n.day_month_year_text(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


def sort_key(value: Any) -> Any:
    """What a manager's column is sorted by, as a coordinator reads the column: "3 Feb"
    before "12 Jan" never, 20 seats before 100, "45 min" before "2 h", "de Souza" among
    the D names (:func:`cpp_scheduler.i18n.reading_key`). A missing value is None, which
    sorts after every other."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, date | time):
        return value.isoformat()
    read = value.known_as if isinstance(value, NamedPlace) else cell_text(value)
    group, plain, text = i18n.reading_key(read)
    return f"{group}\x00{plain}\x00{text}"


def reading_order(value: Any) -> tuple[bool, Any]:
    """Where a record comes in a list of its kind, by ``value``, its name (the first
    column of its manager): as a coordinator reads it (:func:`sort_key`: "de Souza"
    among the D names, "Élodie" among the E, カワサキ among the か, kanji after kana),
    a missing value last. The order a Program menu manager opens in, ``records KIND``
    prints, and every picker and member list offers those records in."""
    key = sort_key(value)
    return (key is None, "" if key is None else key)


Record = TypeVar("Record")


def name_read(name: str) -> str:
    """A person's name as ``--participant`` compares it, and the Participant filter
    tells people apart: as a search reads it (:func:`~cpp_scheduler.i18n.search_text`),
    its spaces as one."""
    return " ".join(i18n.search_text(name).split())


def in_reading_order(records: Iterable[Record], name: Callable[[Record], Any]) -> list[Record]:
    """``records`` in the order of their names (:func:`reading_order`), ``name`` reading
    each one's; those whose names read alike keep the order they came in."""
    return sorted(records, key=lambda record: reading_order(name(record)))


RECORD_TABLES: dict[str, RecordTable] = {
    table.key: table
    for table in (
        RecordTable(
            "delegation",
            "delegations",
            "Delegation",
            (
                ("name", NP_("record table", "Name")),
                ("country_name", NP_("record table", "Country")),
                ("zone", NP_("record table", "Home zone")),
                ("arrival", NP_("record table", "Arrives")),
                ("departure", NP_("record table", "Leaves")),
            ),
            "name",
        ),
        RecordTable(
            "participant",
            "participants",
            "Participant",
            (
                ("name", NP_("record table", "Name")),
                ("email", NP_("record table", "Email")),
                ("organisation", NP_("record table", "Organisation")),
                ("role", NP_("record table", "Role")),
            ),
            "name",
        ),
        RecordTable(
            "venue",
            "venues",
            "Venue",
            (
                ("name", NP_("record table", "Name")),
                ("name_ja", NP_("record table", "Japanese name")),
                ("locality", NP_("record table", "City")),
                ("capacity", NP_("record table", "Capacity")),
                ("videoconference", NP_("record table", "Video")),
            ),
            "name",
        ),
        RecordTable(
            "partner_city",
            "cities",
            "PartnerCity",
            (
                ("name", NP_("record table", "Name")),
                ("name_ja", NP_("record table", "Japanese name")),
                ("shown_prefecture", NP_("record table", "Prefecture")),
                ("selection_round", NP_("record table", "Round")),
                ("signature", NP_("record table", "Signature experience")),
            ),
            "name",
        ),
        RecordTable(
            "theme",
            "themes",
            "ThematicArea",
            (
                ("name", NP_("record table", "Name")),
                ("name_ja", NP_("record table", "Japanese name")),
                ("code", NP_("record table", "Code")),
            ),
            "name",
        ),
        RecordTable(
            "knowledge_product",
            "products",
            "KnowledgeProduct",
            (
                ("title", NP_("record table", "Title")),
                ("kind", NP_("record table", "Kind")),
                ("published", NP_("record table", "Published")),
            ),
            "title",
        ),
        RecordTable(
            "travel_time",
            "travel-times",
            "TravelTime",
            (
                ("origin", NP_("record table", "From")),
                ("destination", NP_("record table", "To")),
                ("mode", NP_("record table", "By")),
                ("minutes", NP_("record table", "Journey")),
            ),
            "origin",
        ),
    )
}
