"""New records of a program file, checked by their entities' rules and written in bulk.

An import of a large program creates thousands of records no database holds yet.
Building a mapped entity for each and letting the session work out, record by record,
what to insert costs some ninety times reading the file. A new record is therefore held
as its values alone (:class:`NewRecord`), which the entity's own ``problems()`` read as
they read the entity (every rule still lives once, on the entity), and written by one
INSERT run over all the rows of its table, its links by one per link table; the history
gets the same ``created`` entry a save through the session would have written.

Only records that no record written through the session refers to are written so: the
session flushes first, then these rows, which may refer to its records but never the
other way round (the importer decides which records go which way).
"""

from __future__ import annotations

import inspect as python_inspect
import types
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from itertools import repeat
from operator import attrgetter
from typing import Any, ClassVar

from sqlalchemy import Table, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import ColumnProperty, InstrumentedAttribute, RelationshipProperty, Session

from cpp_scheduler import i18n
from cpp_scheduler.model.base import HELD_ONCE, Base, utc_now
from cpp_scheduler.model.validation import held_rule, held_text
from cpp_scheduler.programfile.layout import Kind
from cpp_scheduler.store.bulk_rows import insert_tuples
from cpp_scheduler.store.errors import RecordInFlight
from cpp_scheduler.store.history import UNRECORDED, labels_of_each, note_created, plain
from cpp_scheduler.store.session import IN_FLIGHT


class NewRecord:
    """The values of a record to be created, read as its entity would be.

    Attributes it was given are plain attributes; anything else is looked up on the
    entity's class: a method or a property runs against these values, a column or a
    link never set reads as a new entity's does (None, or an empty list).

    Each entity's records are of a class of their own (``NewRecord(Event, ...)`` is a
    ``NewEvent``), which keeps what a lookup found as its own attribute: the rules and
    labels of thousands of records then read their methods as quickly as an entity does.
    """

    _entity: ClassVar[type[Base]]

    def __new__(cls, entity: type[Base], values: dict[str, Any]) -> NewRecord:
        return object.__new__(_values_of(entity))

    def __init__(self, entity: type[Base], values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        kind = type(self)
        how, found = _lookup(kind._entity, name)
        if how == _MISSING:
            raise AttributeError(name)
        if how == _UNSET_LIST:
            return []  # a list of its own for each record, as an entity's
        if how == _PROPERTY:
            setattr(kind, name, property(found))
            return found(self)
        setattr(kind, name, found)  # a method, the class's value, or None for a column
        return types.MethodType(found, self) if how == _METHOD else found

    @property
    def given(self) -> dict[str, Any]:
        """What was set on this record, by attribute name."""
        return self.__dict__


@cache
def _values_of(entity: type[Base]) -> type[NewRecord]:
    """The class of ``entity``'s new records."""
    return type(f"New{entity.__name__}", (NewRecord,), {"_entity": entity})


_MISSING, _VALUE, _PROPERTY, _METHOD, _UNSET_LIST = range(5)


@cache
def _lookup(entity: type[Base], name: str) -> tuple[int, Any]:
    """How a record's values answer for ``name``, which they were not given: looked up
    once per class and name, as an entity would (a column never set reads None)."""
    try:
        found = python_inspect.getattr_static(entity, name)
    except AttributeError:
        return _MISSING, None
    if isinstance(found, InstrumentedAttribute):
        prop = found.property
        if isinstance(prop, RelationshipProperty) and prop.uselist:
            return _UNSET_LIST, None
        return _VALUE, None
    if isinstance(found, property) and found.fget is not None:
        return _PROPERTY, found.fget
    if isinstance(found, types.FunctionType):
        return _METHOD, found
    return _VALUE, getattr(entity, name)


@dataclass(frozen=True)
class _Shape:
    """How the values of one kind become rows: columns, foreign keys, link tables."""

    table: Table
    columns: tuple[tuple[str, str], ...]
    """(attribute, column) of every column."""
    defaults: tuple[tuple[str, Any], ...]
    """(attribute, the column's default) for columns that have one."""
    foreign: dict[str, str]
    """Column attribute -> the link attribute whose target's id it holds."""
    links: tuple[tuple[str, Table, str, str], ...]
    """(link attribute, link table, column of this record, column of the target)."""
    owner: tuple[str, str] | None
    """(owner's attribute listing these records, column holding the owner's id)."""
    plain: tuple[str, ...]
    """The attributes of the columns that hold a value of the record's own, first in
    its row (most columns: taken as they are)."""
    plain_recorded: tuple[str, ...]
    """Those of them the history records."""
    joined: tuple[tuple[str, str, str | None, bool, bool], ...]
    """For each column holding the id of another record, next in the row: (attribute,
    column, the link whose target's id it holds, whether the history records it,
    whether it holds the owner's id)."""
    column_keys: tuple[str, ...]
    """The columns in the order of a row."""


@cache
def _shape(entity: type[Base], owned_by: type[Base] | None, owned_key: str | None) -> _Shape:
    mapper = sa_inspect(entity)
    table: Table = mapper.local_table  # type: ignore[assignment]
    columns = tuple(
        (prop.key, prop.columns[0].key)
        for prop in mapper.column_attrs
        if isinstance(prop, ColumnProperty)
    )
    defaults = []
    for attribute, column_key in columns:
        default = table.columns[column_key].default
        if default is not None and hasattr(default, "arg"):
            defaults.append((attribute, default))
    by_column = {column: attribute for attribute, column in columns}
    foreign: dict[str, str] = {}
    links: list[tuple[str, Table, str, str]] = []
    for rel in mapper.relationships:
        if isinstance(rel.secondary, Table) and rel.secondary_synchronize_pairs:
            own = str(rel.synchronize_pairs[0][1].key)
            other = str(rel.secondary_synchronize_pairs[0][1].key)
            links.append((rel.key, rel.secondary, own, other))
        elif rel.direction.name == "MANYTOONE":
            for local in rel.local_columns:
                if local.table is table and local.key in by_column:
                    foreign[by_column[local.key]] = rel.key
    owner = None
    if owned_by is not None and owned_key is not None:
        rel = sa_inspect(owned_by).relationships[owned_key]
        remote = next(iter(rel.remote_side))
        owner = (owned_key, by_column[str(remote.key)])
    plan = [
        (
            attribute,
            column,
            foreign.get(attribute),
            attribute not in UNRECORDED,
            owner is not None and column == owner[1],
        )
        for attribute, column in columns
    ]
    plain = [step for step in plan if step[2] is None and not step[4]]
    joined = tuple(step for step in plan if step not in plain)
    return _Shape(
        table,
        columns,
        tuple(defaults),
        foreign,
        tuple(links),
        owner,
        plain=tuple(attribute for attribute, *_rest in plain),
        plain_recorded=tuple(attribute for attribute, _, _, recorded, _ in plain if recorded),
        joined=joined,
        column_keys=tuple(column for _attribute, column, *_rest in (*plain, *joined)),
    )


def new_record(
    kind: Kind, record_id: str, given_keys: Collection[str], saved_at: datetime | None = None
) -> NewRecord:
    """A new record of ``kind`` with its id and the defaults of the columns the file
    leaves out (``given_keys``: the keys the file's record has), as a new entity gets.

    ``saved_at`` is the moment of the save that creates it, its creation and change
    time: every record of one import is created at the same moment, as it commits at
    once. Without it, the record takes the moment it is made."""
    values: dict[str, Any] = {"id": record_id}
    for attribute, key, default, is_save_time in _defaults(kind):
        if key not in given_keys and attribute not in values:
            if is_save_time and saved_at is not None:
                values[attribute] = saved_at
            else:
                values[attribute] = default.arg(None) if default.is_callable else default.arg
    return NewRecord(kind.entity, values)


def _defaults(kind: Kind) -> tuple[tuple[str, str, Any, bool], ...]:
    """(attribute, its key in the file, the column's default, whether the default is the
    moment of the save) of the columns that have one: looked up once per kind (by its
    entity, a cheap key), not for each record."""
    found = _DEFAULTS.get(kind.entity)
    if found is None:
        keys = {value.name: value.key for value in kind.values}
        found = tuple(
            (
                attribute,
                keys.get(attribute, attribute),
                default,
                getattr(default.arg, "__wrapped__", None) is utc_now,
            )
            for attribute, default in _shape(kind.entity, None, None).defaults
        )
        _DEFAULTS[kind.entity] = found
    return found


_DEFAULTS: dict[type[Base], tuple[tuple[str, str, Any, bool], ...]] = {}


@dataclass(frozen=True)
class Pending:
    """A new record to write: its kind, values, and the owner it is written inside."""

    kind: Kind
    record: NewRecord
    owner: tuple[Kind, str, NewRecord] | None = None
    """(owner's kind, the owner's key listing it, the owner) for an owned record."""


def write_new(session: Session, pending: list[Pending]) -> None:
    """Insert the records (in the order given: owners before what they own, each kind
    after the kinds it refers to), then their links, and note each in the history."""
    rows: dict[Table, list[tuple[Any, ...]]] = {}
    later: dict[Table, list[dict[str, Any]]] = {}
    links: dict[tuple[Table, str, str], list[tuple[str, str]]] = {}
    written: set[str] = set()
    shapes: dict[Table, _Shape] = {}
    labels = labels_of_each([item.record for item in pending])
    at = datetime.now(UTC)
    held: list[RecordInFlight] = []
    for item, named in zip(pending, labels, strict=True):
        owner = item.owner
        shape = _shape(item.kind.entity, *((owner[0].entity, owner[1]) if owner else (None, None)))
        given = item.record.given
        rule = held_rule(item.kind.entity)
        if rule is not None:  # held once by the database, as a save through the session
            given[HELD_ONCE] = held_text(rule.key(given))
            held.append(_in_flight(item, shape.table, named))
        row = [given.get(attribute) for attribute in shape.plain]
        fields = {
            attribute: [
                None,
                value
                if type(value) in _AS_IS
                or (type(value) is datetime and value.tzinfo is UTC)
                or isinstance(value, str)  # a kind, a mode, a status: by its value
                else plain(value),
            ]
            for attribute in shape.plain_recorded
            if (value := given.get(attribute, _ABSENT)) is not _ABSENT
        }
        deferred: dict[str, Any] = {}
        for attribute, column, link, recorded, holds_owner in shape.joined:
            if attribute in given:
                value = given[attribute]
            elif link is not None and (target := given.get(link)) is not None:
                value = target.id
            elif holds_owner and owner:
                value = owner[2].id
            else:
                row.append(None)
                continue
            if link is not None and value is not None and _is_pending(given.get(link), written):
                deferred[column] = value  # a record of the same table not inserted yet
                row.append(None)
            else:
                row.append(value)
            if recorded:
                fields[attribute] = [None, value if type(value) in _AS_IS else plain(value)]
        record_id = given["id"]
        for attribute, table, own, other in shape.links:
            targets = given.get(attribute) or []
            if targets:
                ids = sorted(map(str, map(_ID, targets)))
                fields[attribute] = [None, ids]
                links.setdefault((table, own, other), []).extend(zip(repeat(record_id), ids))
        shapes.setdefault(shape.table, shape)
        rows.setdefault(shape.table, []).append(tuple(row))
        if deferred:
            later.setdefault(shape.table, []).append({"_id": record_id, **deferred})
        written.add(record_id)
        note_created(
            session,
            table=str(shape.table.name),  # a plain text: the driver binds it at once
            record_id=str(record_id),
            kind=item.kind.record_kind,
            labels=named,
            fields=fields,
            version=int(given.get("version") or 1),
            at=at,
        )
    # Named, as the records a flush writes are, should the database refuse a value
    # held once that a colleague saved meanwhile (store/session.py).
    session.info.setdefault(IN_FLIGHT, []).extend(held)
    connection = session.connection()
    for table, shape in shapes.items():
        insert_tuples(connection, table, shape.column_keys, rows[table])
    for table, changes in later.items():
        for values in changes:
            record_id = values.pop("_id")
            session.execute(update(table).where(table.c.id == record_id).values(**values))
    for (table, own, other), link_rows in links.items():
        # In the order of the table's key: SQLite then appends to its index instead of
        # inserting all over it (about twice as fast for tens of thousands of rows).
        link_rows.sort()
        insert_tuples(connection, table, (own, other), link_rows)


def _in_flight(item: Pending, table: Table, named: dict[str, str]) -> RecordInFlight:
    """A new record as a refused save names it: its label in the language spoken."""
    label = named.get(i18n.language()) or next(iter(named.values()), item.kind.record_kind)
    return RecordInFlight(
        label, item.kind.record_kind, str(table.name), None, None, item.record.given
    )


_ABSENT = object()
"""A value the record was not given."""

_ID = attrgetter("id")

_AS_IS = frozenset({str, int, float, bool, type(None)})
"""Types the history keeps as they are (see ``plain``), checked by type alone. An instant
in UTC and a text enumeration's member are kept as they are too: the history's JSON
writer writes them as ``plain`` would (see ``as_json``)."""


def _is_pending(target: Any, written: set[str]) -> bool:
    return isinstance(target, NewRecord) and target.__dict__["id"] not in written
