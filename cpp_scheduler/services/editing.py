"""Creating and changing any record from a plain dict of values.

The GUI's undo commands and dialogs speak this one format, so a change made in a dialog,
by dragging an event, or by undoing either goes through the same validation (the model's
rules run at every flush) and can be reversed exactly; :mod:`.removal` deletes a record
and puts it back the same way.

The values format: keys are the model's attribute names for scalar columns (``title``,
``kind`` as the enum, ``start_utc``/``end_utc`` as aware UTC datetimes, ``venue_id``...),
and ``<relationship>_ids`` lists of ids for many-to-many links (``theme_ids``,
``delegation_ids``, ``participant_ids``; ``city_ids`` and ``event_ids`` for a knowledge
product). Bookkeeping columns (``id``, ``version``, ``created_at``, ``updated_at``,
``uid``, ``sequence``) are never part of it: the store owns them. An event's values may
carry :data:`PLACED_MEETINGS`: the explicit changes that place the meetings of its series
on a wall-clock time the clocks skip or read twice, written with the event's own values
in the same save (the model saves such a series only with them).

A change can change other records too (a series whose meeting it moves): each says which
(:class:`Touched`), with the versions it found and left, so an undo stack counts those
versions as its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.i18n import _, shown_name
from cpp_scheduler.model import recurrence
from cpp_scheduler.model.base import HELD_ONCE, Base
from cpp_scheduler.model.event import Event, OccurrenceOverride
from cpp_scheduler.store import (
    ConcurrentEditError,
    Database,
)
from cpp_scheduler.store.history import last_named

RecordT = TypeVar("RecordT", bound=Base)

#: Columns the store keeps itself; a values dict never carries them.
BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at", "uid", "sequence", HELD_ONCE})

PLACED_MEETINGS = "placed_meetings"
"""The key of an event's values that places meetings of its series: a mapping from each
meeting's recurrence id (the instant RFC 5545 reads its start as) to the explicit change
it holds (:class:`~cpp_scheduler.model.recurrence.OccurrenceChange`), or to None for none.
What a save replaced there comes back in :attr:`Saved.before` under the same key, so its
undo takes the changes away with the rest of the edit, and the redo writes them again."""

Placements = Mapping[datetime, recurrence.OccurrenceChange | None]


class RecordNotFoundError(SchedulerError):
    """The record to change or delete is no longer in the database.

    Attributes:
        reason: what happened, without the advice to reload, for a window that reads
            the program again by itself (an undo refused); the message otherwise.
    """

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = message if reason is None else reason


class StaleRecordError(ConcurrentEditError):
    """Somebody else saved a newer version of the record since it was read.

    A :class:`ConcurrentEditError`, whether the version read was found stale before the
    save or the database refused the save itself: callers handle the two alike.

    Attributes:
        reason: what happened, without the advice to reload (see
            :class:`RecordNotFoundError`).
    """

    def __init__(self, message: str, record: str, reason: str | None = None) -> None:
        super().__init__(message, record)
        self.reason = message if reason is None else reason


def check_version(record: Base, expected_version: int | None) -> None:
    """Refuse to change ``record`` when it is no longer at the version the caller read."""
    version = getattr(record, "version", None)
    if expected_version is not None and version != expected_version:
        raise StaleRecordError(
            _(
                "{record} was changed by somebody else since you opened it "
                "(version {version}, you had {read}); reload and try again"
            ).format(record=record.label(), version=version, read=expected_version),
            record.label(),
            _("{record} was changed by somebody else in the meantime").format(
                record=record.label()
            ),
        )


class UnknownFieldError(SchedulerError, KeyError):
    """A values dict names something the record does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


def _kind(model_cls: type[Base]) -> str:
    return str(model_cls.record_kind)


def _scalar_keys(model_cls: type[Base]) -> list[str]:
    mapper = inspect(model_cls)
    return [attr.key for attr in mapper.column_attrs if attr.key not in BOOKKEEPING]


def _link_relationships(model_cls: type[Base]) -> dict[str, Any]:
    """The many-to-many relationships, by the ``<name>_ids`` key that carries them."""
    mapper = inspect(model_cls)
    links: dict[str, Any] = {}
    for relationship in mapper.relationships:
        if relationship.secondary is not None:
            links[f"{_singular(relationship.key)}_ids"] = relationship
    return links


def _singular(plural: str) -> str:
    """``cities`` -> ``city``, ``themes`` -> ``theme``: the name of one of the linked
    records, as the values keys of the dialogs and the program file spell it."""
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    return plural.removesuffix("s")


def link_keys(model_cls: type[Base]) -> dict[str, str]:
    """The values key (``theme_ids``) of each many-to-many relationship (``themes``)."""
    return {relationship.key: key for key, relationship in _link_relationships(model_cls).items()}


def value_keys(model_cls: type[Base]) -> list[str]:
    """Every key a values dict for ``model_cls`` may carry."""
    return _scalar_keys(model_cls) + list(_link_relationships(model_cls))


def record_values(record: Base) -> dict[str, Any]:
    """The record's editable values in the values format (links as sorted id lists)."""
    model_cls = type(record)
    values: dict[str, Any] = {key: getattr(record, key) for key in _scalar_keys(model_cls)}
    for key, relationship in _link_relationships(model_cls).items():
        values[key] = [linked.id for linked in getattr(record, relationship.key)]
    for key, value in values.items():
        if isinstance(value, list) and key not in _link_relationships(model_cls):
            values[key] = list(value)  # a JSON column: never share the stored list
    return values


def _apply(session: Session, record: Base, values: Mapping[str, Any]) -> None:
    """Set ``values`` on ``record`` as one change: nothing is flushed while the linked
    records are looked up, so a save of title and themes together raises the version
    once, not once for the title and again for the themes."""
    with session.no_autoflush:
        _apply_values(session, record, values)


def _apply_values(session: Session, record: Base, values: Mapping[str, Any]) -> None:
    model_cls = type(record)
    scalars = set(_scalar_keys(model_cls))
    links = _link_relationships(model_cls)
    # Its own fields first, so a message about a link names the record by its title.
    ordered = sorted(values.items(), key=lambda item: item[0] in links)
    for key, value in ordered:
        if key in scalars:
            setattr(record, key, list(value) if isinstance(value, list) else value)
        elif key in links:
            relationship = links[key]
            target = relationship.mapper.class_
            linked = []
            for linked_id in value:
                found = session.get(target, linked_id)
                if found is None:
                    raise link_gone(session, target, record.label(), linked_id)
                linked.append(found)
            setattr(record, relationship.key, linked)
        else:
            raise UnknownFieldError(f"{key!r} is not a field of the {_kind(model_cls)} record")


def link_gone(
    session: Session, target: type[Base], label: str, gone_id: Any
) -> RecordNotFoundError:
    """A record to save or bring back links to (or refers to) one deleted since: named
    as its history last named it, so the coordinator knows which one went."""
    gone = last_named(session, str(gone_id))
    if gone is None:
        return RecordNotFoundError(
            _("the {kind} linked to {record} no longer exists").format(
                kind=_(target.record_kind), record=label
            )
        )
    return RecordNotFoundError(
        _("{gone}, linked to {record}, no longer exists").format(gone=gone, record=label)
    )


def create_record(
    session: Session,
    model_cls: type[RecordT],
    values: Mapping[str, Any],
    record_id: str | None = None,
    *,
    bookkeeping: Mapping[str, Any] | None = None,
    touched: list[Touched] | None = None,
) -> RecordT:
    """Add a new record made from ``values`` (with a chosen id, to redo a creation).

    ``bookkeeping``: the store's own values to start from (a deleted event brought back
    keeps its calendar ``uid``, so the participants' calendars know it again).
    ``touched``: given, gets the records the new one belongs to that its addition
    changed (a series whose meeting it changes)."""
    record = model_cls(id=record_id) if record_id else model_cls()
    for key, value in (bookkeeping or {}).items():
        if key in BOOKKEEPING and key not in {"id", "version"}:
            setattr(record, key, value)
    values, placements = _placements_apart(values)
    _apply(session, record, values)
    if placements:
        _place_meetings(session, _event(record), placements)
    _attach_parents(session, record)
    touching = Touching()
    for parent in parents_of(record) if touched is not None else ():
        touching.note(parent)
    session.add(record)
    session.flush()
    if touched is not None:
        touched.extend(touching.touched())
    return record


def _attach_parents(session: Session, record: Base) -> None:
    """Load the records a new one refers to by id (its event, its delegation ...).

    A new record knows its parents only by foreign key until it is flushed; the rules
    that run at the flush look at the parents themselves (a changed meeting raises its
    series' calendar sequence), so they are attached now.
    """
    mapper = inspect(type(record))
    for relationship in mapper.relationships:
        if relationship.direction.name != "MANYTOONE" or relationship.viewonly:
            continue
        columns = list(relationship.local_columns)
        if len(columns) != 1 or getattr(record, relationship.key) is not None:
            continue
        key = getattr(record, mapper.get_property_by_column(columns[0]).key, None)
        if key is not None:
            parent = session.get(relationship.mapper.class_, key)
            if parent is None:  # deleted since it was chosen (or since the record went)
                raise link_gone(session, relationship.mapper.class_, record.label(), key)
            setattr(record, relationship.key, parent)


def get_record(session: Session, model_cls: type[RecordT], record_id: str) -> RecordT:
    record = session.get(model_cls, record_id)
    if record is None:
        raise RecordNotFoundError(
            _("the {kind} was deleted in the meantime; reload and try again").format(
                kind=_(_kind(model_cls))
            ),
            _("the {kind} was deleted in the meantime").format(kind=_(_kind(model_cls))),
        )
    return record


def update_record(
    session: Session,
    model_cls: type[RecordT],
    record_id: str,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> RecordT:
    """Change a record; refused when it is no longer at ``expected_version``."""
    record = get_record(session, model_cls, record_id)
    check_version(record, expected_version)
    series = record.series_times() if isinstance(record, Event) else None
    values, placements = _placements_apart(values)
    with session.no_autoflush:  # the series is judged once whole, at the flush
        if placements:
            # What an undo takes away names the meetings of the series as it stands,
            # before its times go back; what a save writes names those of the new times.
            _place_meetings(session, _event(record), _taken_away(placements))
        _apply(session, record, values)
        if isinstance(record, Event) and series is not None:
            record.keep_changed_meetings(series)  # a moved series keeps its changed meetings
        if placements:
            _place_meetings(session, _event(record), _written(placements))
    try:
        session.flush()
    except StaleDataError as error:
        raise StaleRecordError(
            _("{record} was changed by somebody else while you saved it").format(
                record=record.label()
            ),
            record.label(),
        ) from error
    return record


def _placements_apart(values: Mapping[str, Any]) -> tuple[Mapping[str, Any], Placements]:
    """``values`` without :data:`PLACED_MEETINGS`, and the placements it carried."""
    if PLACED_MEETINGS not in values:
        return values, {}
    rest = {key: value for key, value in values.items() if key != PLACED_MEETINGS}
    return rest, values[PLACED_MEETINGS]


def _event(record: Base) -> Event:
    """``record``, which only an event's values may place meetings of."""
    if not isinstance(record, Event):
        raise UnknownFieldError(
            f"{PLACED_MEETINGS!r} is not a field of the {_kind(type(record))} record"
        )
    return record


def _taken_away(placements: Placements) -> Placements:
    """The meetings ``placements`` leaves with no change (an undo's)."""
    return {meeting: None for meeting, change in placements.items() if change is None}


def _written(placements: Placements) -> Placements:
    """The meetings ``placements`` gives a change (a save's, a redo's)."""
    return {meeting: change for meeting, change in placements.items() if change is not None}


def _place_meetings(session: Session, event: Event, placements: Placements) -> None:
    """Give each meeting named in ``placements`` the change it names (None: none, the
    meeting goes back to where its rule puts it)."""
    held = {change.recurrence_id: change for change in event.changes}
    for meeting, change in placements.items():
        existing = held.get(meeting)
        if change is None:
            if existing is not None:
                event.changes.remove(existing)
                # Deleted by name, not only as an orphan: the history holds the deletion.
                session.delete(existing)
        elif existing is not None:
            existing.cancelled = change.cancelled
            existing.start_utc = change.start
            existing.end_utc = change.end
        else:
            event.changes.append(
                OccurrenceOverride(
                    recurrence_id=meeting,
                    cancelled=change.cancelled,
                    start_utc=change.start,
                    end_utc=change.end,
                )
            )


def _placed_before(
    event: Event, placements: Placements
) -> dict[datetime, recurrence.OccurrenceChange | None]:
    """What each meeting ``placements`` names holds now: what an undo puts back."""
    held = {change.recurrence_id: change.as_change() for change in event.changes}
    return {meeting: held.get(meeting) for meeting in placements}


# -- the other records a change reaches -------------------------------------------------


@dataclass(frozen=True)
class Touched:
    """Another record a change, a deletion or its undo changed (a series whose meeting
    it moved, an event whose venue it cleared or put back): the version it found the
    record at, and the one it left it at."""

    model: str
    record_id: str
    found: int
    left: int


class Touching:
    """The other records a change reaches (a reference or a link a deletion clears or a
    restore puts back, the series a new meeting belongs to), with the version each was
    at before; read once the change is flushed."""

    def __init__(self) -> None:
        self._found: dict[int, tuple[Base, int]] = {}

    def note(self, record: Base) -> None:
        version = getattr(record, "version", None)
        if version is not None and id(record) not in self._found:
            self._found[id(record)] = (record, int(version))

    def touched(self) -> list[Touched]:
        """The records whose version the flushed change raised."""
        return [
            Touched(type(record).__name__, str(record.id), found, int(record.version))  # type: ignore[attr-defined]
            for record, found in self._found.values()
            if getattr(record, "version", None) not in (None, found)
        ]


def parents_of(record: Base) -> list[Base]:
    """The records ``record`` belongs to (its event, its delegation ...), loaded: adding
    or removing it may change them (a series' changed meeting raises the series'
    calendar sequence, and so its version)."""
    mapper = inspect(type(record))
    found = []
    for relationship in mapper.relationships:
        if relationship.direction.name == "MANYTOONE" and not relationship.viewonly:
            parent = getattr(record, relationship.key)
            if parent is not None:
                found.append(parent)
    return found


def record_title(record: Base) -> str:
    """The name a coordinator knows a record by (its title or name)."""
    return str(getattr(record, "title", None) or getattr(record, "name", None) or record.label())


# -- whole operations on an open database, for the window ---------------------------------
@dataclass(frozen=True)
class Saved:
    """What a change left: the record's new version, and the values it replaced."""

    version: int | None
    before: dict[str, Any]
    """The record's former values of the keys changed, in the values format."""
    found: int | None = None
    """The version the change found the record at."""
    touched: tuple[Touched, ...] = ()
    """The other records whose version the change raised: the conferences a session was
    taken from and filed under."""


@dataclass(frozen=True)
class StoredRecord:
    """A record as an editor opens it: its values, the name it goes by, its version."""

    values: dict[str, Any]
    title: str
    version: int | None


def create(
    database: Database,
    model_cls: type[Base],
    values: Mapping[str, Any],
    record_id: str | None = None,
) -> str:
    """Add a record in one transaction; its id."""
    with database.transaction() as session:
        return str(create_record(session, model_cls, values, record_id=record_id).id)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Created:
    """A record a creation added: its id and version, and the other records it changed."""

    record_id: str
    version: int | None
    touched: tuple[Touched, ...] = ()
    """The records it belongs to whose version its addition raised (a series whose
    meeting it changes)."""


def create_versioned(
    database: Database,
    model_cls: type[Base],
    values: Mapping[str, Any],
    record_id: str | None = None,
) -> Created:
    """Add a record in one transaction; its id and the version it starts at, which an
    undo of the creation carries (:func:`delete`)."""
    touched: list[Touched] = []
    with database.transaction() as session:
        record = create_record(session, model_cls, values, record_id=record_id, touched=touched)
        version = getattr(record, "version", None)
        return Created(
            str(record.id),  # type: ignore[attr-defined]
            None if version is None else int(version),
            tuple(touched),
        )


def change(
    database: Database,
    model_cls: type[Base],
    record_id: str,
    values: Mapping[str, Any],
    expected_version: int | None,
) -> Saved:
    """Change a record in one transaction, refused (:class:`ConcurrentEditError`) when it
    is no longer at ``expected_version``; what it replaced, for an undo."""
    with database.transaction() as session:
        record = get_record(session, model_cls, record_id)
        found = getattr(record, "version", None)
        everything = record_values(record)
        before = {key: everything[key] for key in values if key in everything}
        if PLACED_MEETINGS in values:
            before[PLACED_MEETINGS] = _placed_before(_event(record), values[PLACED_MEETINGS])
        held = list(record.changes) if isinstance(record, Event) else []
        held_changes = [(row, row.as_change()) for row in held]
        touching = Touching()
        for conference in _conferences_of(session, record, values):
            touching.note(conference)
        updated = update_record(
            session, model_cls, record_id, values, expected_version=expected_version
        )
        session.flush()
        _note_dropped(before, updated, held_changes)
        return Saved(getattr(updated, "version", None), before, found, tuple(touching.touched()))


@contextmanager
def as_one_save(database: Database) -> Iterator[None]:
    """Make what this thread asks of the services in the block (changes, creations,
    deletions, their undoing, a series' meetings) one save: one transaction, committed at
    the end as one group of the history, or rolled back whole when any of it is refused
    (a colleague's newer version, a lock held too long) or anything raises. A tool's
    step of several records (a series of meetings, a reordered tour day) is then never
    half-written, nor half put back.

    Only the writes join it (each through ``Database.transaction``): a read through
    ``Database.reading`` or ``Database.session`` within the block is a read of its own,
    which sees none of the block's writes until the end. No step of a group reads that
    way; one that would must read in its write instead."""
    with database.one_transaction():
        yield


def _conferences_of(session: Session, record: Base, values: Mapping[str, Any]) -> list[Event]:
    """The conference an event is filed under and the one ``values`` files it under, if
    any, read before the save: filing it elsewhere raises the versions of the one it
    leaves and the one it joins, which the window counts as its own doing."""
    if not isinstance(record, Event):
        return []
    wanted = {record.parent_id, values.get("parent_id", record.parent_id)} - {None}
    found = [session.get(Event, conference_id) for conference_id in sorted(wanted)]
    return [conference for conference in found if conference is not None]


def _note_dropped(
    before: dict[str, Any],
    record: Base,
    held: list[tuple[OccurrenceOverride, recurrence.OccurrenceChange]],
) -> None:
    """Add to ``before`` the placements the save dropped (a series moved off a skipped
    or repeated time: :meth:`Event.keep_changed_meetings`), so its undo writes them
    again where the series comes back to that time."""
    if not isinstance(record, Event):
        return
    remaining = {id(row) for row in record.changes}
    dropped = {change.recurrence_id: change for row, change in held if id(row) not in remaining}
    if dropped:
        placed = before.setdefault(PLACED_MEETINGS, {})
        for meeting, change in dropped.items():
            placed.setdefault(meeting, change)


def stored(database: Database, model_cls: type[Base], record_id: str) -> StoredRecord:
    """A record's values (links as id lists), its name and its version, read at once."""
    with database.reading() as session:
        record = get_record(session, model_cls, record_id)
        return StoredRecord(
            record_values(record), record_title(record), getattr(record, "version", None)
        )


def title_of(database: Database, model_cls: type[Base], record_id: str) -> str:
    """The name a coordinator knows a record by."""
    with database.session() as session:
        return record_title(get_record(session, model_cls, record_id))


@dataclass(frozen=True)
class Listed:
    """One record of a manager's table: its id, its name and the values of its columns."""

    record_id: str
    title: str
    cells: tuple[Any, ...]


def _country_name(code: str | None) -> str | None:
    """A country by its name, as :attr:`~cpp_scheduler.model.Delegation.country_name`."""
    return timezones.country_name(code or "") or code


#: Attributes a manager shows that are worked out from columns rather than stored: the
#: columns they are read from, and how. A partner city's prefecture is shown in the
#: window's language, as its name is (its Japanese name in Japanese).
WORKED_OUT: dict[str, tuple[tuple[str, ...], Callable[..., Any]]] = {
    "country_name": (("country",), _country_name),
    "shown_prefecture": (("prefecture", "prefecture_ja"), shown_name),
}


def list_records(
    database: Database, model_cls: type[Base], attributes: Sequence[str], order_by: str
) -> list[Listed]:
    """Every record of a kind, with the attributes asked for, read as columns: a
    manager's table (participants grow with the program) never needs the records
    themselves. An attribute in :data:`WORKED_OUT` is worked out from its column."""
    mapper = inspect(model_cls)
    stored = {attribute.key for attribute in mapper.column_attrs}
    title_key = next((key for key in ("title", "name") if key in stored), None)
    if title_key is None:
        raise TypeError(f"{model_cls.__name__} has neither a title nor a name to list")
    read: list[str] = []
    cells: list[tuple[slice, Callable[..., Any] | None]] = []
    for attribute in attributes:
        if attribute in stored:
            sources: tuple[str, ...] = (attribute,)
            convert = None
        elif attribute in WORKED_OUT:
            sources, convert = WORKED_OUT[attribute]
        else:
            raise TypeError(f"{attribute!r} is not a column of {model_cls.__name__}")
        first = 2 + len(read)
        read.extend(sources)
        cells.append((slice(first, first + len(sources)), convert))
    statement = select(*(getattr(model_cls, key) for key in ("id", title_key, *read))).order_by(
        getattr(model_cls, order_by)
    )
    with database.session() as session:
        rows = session.execute(statement).all()
    return [
        Listed(
            str(row[0]),
            str(row[1]),
            tuple(
                row[place.start] if convert is None else convert(*row[place])
                for place, convert in cells
            ),
        )
        for row in rows
    ]
