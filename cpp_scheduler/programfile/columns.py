"""The program read column by column: each kind's values as the file writes them, in the
file's order.

An export reads every record of the program. Loading them as entities costs many times
the file itself, and SQLAlchemy's rows a good part of it: here each kind is one statement
read through the driver's own cursor, plus one per table of links and per kind it owns.
Each column is then turned into the file's values in one pass, with the column type's own
result processing (so every backend gives the same values) followed by the layout's codec.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import RelationshipProperty

from cpp_scheduler.model.base import UTCDateTime
from cpp_scheduler.programfile.layout import INSTANT, TEXT, Codec, Kind, sortable

_NO_IDS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """The records of one kind as the file writes them, every list in the file's order."""

    kind: Kind
    columns: dict[str, list[Any]]
    """By key: the ids, the plain values, the ids of the links to one record, and the
    sorted ids of the links to several, as tuples."""
    owners: list[Any] = field(default_factory=list)
    """The id of each record's owner, for a kind written inside another."""
    parts: dict[str, Table] = field(default_factory=dict)
    """The tables of the kinds this one owns, by their key, each in the file's order."""

    def __len__(self) -> int:
        return len(self.columns["id"])


def read_table(
    connection: Connection, kind: Kind, owner: ColumnElement[Any] | None = None
) -> Table:
    """Every record of ``kind``; for an owned kind, with ``owner``, the column of its table
    that holds the id of its owner."""
    entity: Any = kind.entity
    relationships = sa_inspect(kind.entity).relationships
    selected: list[Any] = [entity.id, *(getattr(entity, value.name) for value in kind.values)]
    selected += [next(iter(relationships[link.name].local_columns)) for link in kind.links]
    keys = ["id", *(value.key for value in kind.values), *(link.key for link in kind.links)]
    codecs = [TEXT, *(value.codec for value in kind.values), *(TEXT for _link in kind.links)]
    if owner is not None:
        selected.append(owner)
    raw, converters = _fetch_columns(connection, selected)
    width = len(keys)  # an owned kind's rows end with its owner's id
    columns = _written_columns(
        connection,
        zip(keys, selected[:width], raw[:width], converters[:width], codecs, strict=True),
    )
    for links in kind.many:
        linked = _linked_ids(connection, relationships[links.key])
        columns[links.key] = [linked.get(record_id, _NO_IDS) for record_id in columns["id"]]
    order = _file_order(kind, columns)
    parts = {
        part.key: read_table(connection, part.kind, next(iter(relationships[part.key].remote_side)))
        for part in kind.owned
    }
    return Table(
        kind,
        {key: _reordered(values, order) for key, values in columns.items()},
        _reordered(list(raw[-1]), order) if owner is not None else [],
        parts,
    )


_Converter = Callable[[Any], Any]


def _written_columns(
    connection: Connection, read: Iterable[tuple[str, Any, Sequence[Any], _Converter | None, Codec]]
) -> dict[str, list[Any]]:
    """The file's values of each column ``read`` (its key, column, values as the driver
    gave them, SQLAlchemy's processing of them and the layout's codec), by key."""
    texts_of_utc = connection.dialect.name == "sqlite"
    columns: dict[str, list[Any]] = {}
    for key, column, values, processor, codec in read:
        if texts_of_utc and codec is INSTANT and isinstance(column.type, UTCDateTime):
            columns[key] = _instants_from_texts(values, processor)
        else:
            columns[key] = _written(values, processor, codec)
    return columns


def _fetch_columns(
    connection: Connection, selected: Sequence[Any]
) -> tuple[list[Sequence[Any]], list[_Converter | None]]:
    """The values of ``selected`` as the driver gives them, column by column, and for
    each column the processing SQLAlchemy would apply to them (None: none)."""
    statement = select(*selected)
    rows, converters = _fetch_rows(connection, statement)
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) or [()] * len(selected)
    return columns, converters


def _fetch_rows(
    connection: Connection, statement: Select[Any]
) -> tuple[list[tuple[Any, ...]], list[_Converter | None]]:
    """The rows of ``statement`` as the driver gives them, in the read's transaction, and
    for each column the processing SQLAlchemy would apply to its values (None: none).

    The statement runs as SQLAlchemy runs any (its events and logging see it); its rows
    are taken from the driver's cursor, plain tuples rather than SQLAlchemy's rows.
    """
    dialect = connection.dialect
    result = connection.exec_driver_sql(str(statement.compile(dialect=dialect)))
    try:
        rows = list(result.cursor.fetchall())
        driver_types = [column[1] for column in result.cursor.description]
    finally:
        result.close()
    converters: list[_Converter | None] = [
        column.type.dialect_impl(dialect).result_processor(dialect, driver_type)
        for column, driver_type in zip(statement.selected_columns, driver_types, strict=True)
    ]
    return rows, converters


def _written(values: Sequence[Any], processor: _Converter | None, codec: Codec) -> list[Any]:
    """A column as the file writes it: the driver's values processed as SQLAlchemy would,
    then encoded by the layout's codec."""
    if processor is None and codec is TEXT:
        return list(values)
    if not _converted_once_per_value(values):
        return _converted(values, processor, codec.encode)
    # Enumerations, booleans, and the driver's text of dates and times repeat: each
    # different value is converted once.
    different = list(set(values))
    converted = dict(zip(different, _converted(different, processor, codec.encode), strict=True))
    return list(map(converted.__getitem__, values))


def _converted(
    values: Sequence[Any], processor: _Converter | None, encode: _Converter
) -> list[Any]:
    if processor is None:
        return list(map(encode, values))
    return [encode(processor(value)) for value in values]


_UTC_TEXT = re.compile(
    r"[0-9]{4}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?"
)
"""SQLAlchemy's text of a datetime on SQLite, which ``UTCDateTime`` stores in UTC."""


def _instants_from_texts(values: Sequence[Any], processor: _Converter | None) -> list[Any]:
    """A column of instants that SQLite keeps as their UTC text, as the file writes them.

    The file's text is the stored text's date and time: taken as they are, without
    parsing each into a datetime and formatting it again (half of what converting a
    program's values costs). A text of any other form takes the usual way.
    """
    encode = INSTANT.encode
    written = []
    for value in values:
        if type(value) is str and _UTC_TEXT.fullmatch(value):
            written.append(f"{value[:10]}T{value[11:19]}Z")
        else:
            written.append(encode(value if processor is None else processor(value)))
    return written


def _converted_once_per_value(values: Sequence[Any]) -> bool:
    """Whether a column's values can be converted once per different value: only when
    values that compare equal are the same value (never 0.0 and -0.0, 1 and True, or two
    instants in different zones)."""
    types = set(map(type, values))
    types.discard(type(None))
    return len(types) <= 1 and types <= {str, int, bool}


def _linked_ids(
    connection: Connection, relationship: RelationshipProperty[Any]
) -> dict[Any, tuple[Any, ...]]:
    """The sorted ids a many-to-many relationship links to, by the id of the record it is
    on."""
    pairs = relationship.secondary_synchronize_pairs
    assert pairs, f"{relationship} is not a many-to-many link"
    own = relationship.synchronize_pairs[0][1]
    other = pairs[0][1]
    rows, converters = _fetch_rows(connection, select(own, other).order_by(own, other))
    assert converters == [None, None], "ids are read as the driver gives them"
    # Sorted pairs give each record's ids together and in order, with no list per record
    # (kept to the end of the export, tens of thousands of them would make the garbage
    # collector walk the whole heap). The database reads them in its key's order, and the
    # sort just checks it where the database's collation sorts texts as Python does.
    rows.sort()
    return {owner_id: tuple(map(_second, pairs)) for owner_id, pairs in groupby(rows, _first)}


_first, _second = itemgetter(0), itemgetter(1)


def _file_order(kind: Kind, columns: dict[str, list[Any]]) -> list[int]:
    """The positions of the records in the order the file lists them (``Kind.sort_key``)."""
    sort_columns = [_sortable_column(columns[key]) for key in kind.sort_by]
    keys = list(zip(*sort_columns, columns["id"], strict=True))
    return sorted(range(len(keys)), key=keys.__getitem__)


def _sortable_column(values: list[Any]) -> list[Any]:
    if set(map(type, values)) <= {str}:
        return values
    return list(map(sortable, values))


def _reordered(values: list[Any], order: list[int]) -> list[Any]:
    return list(map(values.__getitem__, order))
