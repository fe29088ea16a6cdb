"""Writing the whole program to a program file.

The file depends on the program alone: keys and records are sorted, and the columns that
say when and how often a record was saved (``version``, ``created_at``, ``updated_at``)
are left out, so exporting, importing into an empty database and exporting again gives
the same bytes, and two exports of an unchanged program are identical for version control.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import RelationshipProperty, Session, selectinload

from cpp_scheduler.files import FileWriteError, write_atomically
from cpp_scheduler.model.base import Base
from cpp_scheduler.programfile.errors import ProgramFileError
from cpp_scheduler.programfile.layout import FORMAT, SECTIONS, TEXT, VERSION, Kind
from cpp_scheduler.store import Database


@dataclass(frozen=True)
class ProgramFileSummary:
    """What an export wrote: the file and how many records of each section."""

    path: Path
    counts: dict[str, int]
    """Records per top-level section (``events``: 42), in the order of the file's layout."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def encode_record(kind: Kind, record: Base) -> dict[str, Any]:
    """A record as the file writes it: every key of its kind, links as ids."""
    encoded: dict[str, Any] = {"id": record.id_or_new()}
    for value in kind.values:
        encoded[value.key] = value.codec.encode(getattr(record, value.name))
    for link in kind.links:
        target = getattr(record, link.name)
        encoded[link.key] = None if target is None else target.id
    for links in kind.many:
        encoded[links.key] = sorted(item.id for item in getattr(record, links.key))
    for owned in kind.owned:
        children = [encode_record(owned.kind, child) for child in getattr(record, owned.key)]
        encoded[owned.key] = sorted(children, key=owned.kind.sort_key)
    return encoded


def select_all(kind: Kind) -> Select[Base]:
    """Every record of a top-level kind, with its links and owned records loaded at once."""
    entity = kind.entity
    loads = [selectinload(getattr(entity, links.key)) for links in kind.many]
    loads += [selectinload(getattr(entity, owned.key)) for owned in kind.owned]
    loads += [selectinload(getattr(entity, link.name)) for link in kind.links]
    return select(entity).options(*loads)


def program_document(session: Session) -> dict[str, Any]:
    """The whole program as the file's JSON value.

    Read with column queries, a few per kind (its rows, each table of links, each kind
    it owns), never entity by entity: the same value :func:`encode_record` gives for
    each record, at a fraction of the cost of loading the records themselves.
    """
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for kind in SECTIONS:
        records = [record for _owner, record in _read_kind(session, kind)]
        document[kind.section] = sorted(records, key=kind.sort_key)
    return document


def _read_kind(
    session: Session, kind: Kind, owner: ColumnElement[Any] | None = None
) -> list[tuple[Any, dict[str, Any]]]:
    """Every record of ``kind`` as the file writes it, with the id of its owner (the
    value of ``owner``, a column of its table) for an owned kind."""
    entity: Any = kind.entity
    relationships = sa_inspect(kind.entity).relationships
    link_columns = [next(iter(relationships[link.name].local_columns)) for link in kind.links]
    columns: list[Any] = [entity.id, *(getattr(entity, value.name) for value in kind.values)]
    columns += link_columns
    if owner is not None:
        columns.append(owner)
    linked = {links.key: _linked_ids(session, relationships[links.key]) for links in kind.many}
    owned: dict[str, dict[Any, list[dict[str, Any]]]] = {}
    for part in kind.owned:
        children: dict[Any, list[dict[str, Any]]] = {}
        remote = next(iter(relationships[part.key].remote_side))
        for owner_id, child in _read_kind(session, part.kind, remote):
            children.setdefault(owner_id, []).append(child)
        owned[part.key] = children
    keys = ["id", *(value.key for value in kind.values), *(link.key for link in kind.links)]
    encoders: list[Any] = [None]  # the id, and the links' ids, are written as read
    encoders += [None if value.codec is TEXT else value.codec.encode for value in kind.values]
    encoders += [None] * len(kind.links)
    width = len(keys)
    found: list[tuple[Any, dict[str, Any]]] = []
    for row in session.connection().execute(select(*columns)).all():
        record = dict(
            zip(
                keys,
                [
                    value if encode is None else encode(value)
                    for encode, value in zip(encoders, row[:width], strict=True)
                ],
                strict=True,
            )
        )
        for links in kind.many:
            ids = linked[links.key].get(row[0])
            record[links.key] = sorted(ids) if ids else []
        for part in kind.owned:
            held = owned[part.key].get(row[0])
            record[part.key] = sorted(held, key=part.kind.sort_key) if held else []
        found.append((row[-1] if owner is not None else None, record))
    return found


def _linked_ids(session: Session, relationship: RelationshipProperty[Any]) -> dict[Any, list[Any]]:
    """The ids a many-to-many relationship links to, by the id of the record it is on."""
    pairs = relationship.secondary_synchronize_pairs
    assert pairs, f"{relationship} is not a many-to-many link"
    own = relationship.synchronize_pairs[0][1]
    other = pairs[0][1]
    connection = session.connection()
    statement = select(own, other).compile(dialect=connection.dialect)
    ids: dict[Any, list[Any]] = {}
    # Two text columns, tens of thousands of rows: read with the driver's own cursor, in
    # the read's transaction, as plain tuples.
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(statement))
        for owner_id, target_id in cursor.fetchall():
            ids.setdefault(owner_id, []).append(target_id)
    finally:
        cursor.close()
    return ids


def dumps(document: dict[str, Any]) -> str:
    """The file's text: ``json.dumps(document, indent=2, sort_keys=True,
    ensure_ascii=False)`` and a final newline, to the byte.

    The json module writes indented text with its Python encoder, a generator step per
    token; this writer builds each object and array in one pass with the C string
    encoder, at a third of the cost. Anything it does not expect (a key that is not a
    text) goes to the json module, so the bytes never depend on which wrote them.
    """
    try:
        return _json_text(document, "") + "\n"
    except _UnexpectedValueError:
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class _UnexpectedValueError(Exception):
    """A value the fast writer leaves to the json module."""


_encode_text = json.encoder.encode_basestring  # the C encoder where there is one
_INFINITY = float("inf")


def _json_text(value: Any, indent: str) -> str:
    if isinstance(value, str):
        return _encode_text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (_INFINITY, -_INFINITY):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            raise _UnexpectedValueError
        items = ",\n".join(
            f"{inner}{_encode_text(key)}: {_json_text(value[key], inner)}" for key in sorted(value)
        )
        return f"{{\n{items}\n{indent}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        if all(type(item) is str for item in value):  # a record's links: ids only
            items = inner + f",\n{inner}".join(map(_encode_text, value))
        else:
            items = ",\n".join(inner + _json_text(item, inner) for item in value)
        return f"[\n{items}\n{indent}]"
    raise _UnexpectedValueError


def export_program(database: Database, path: Path) -> ProgramFileSummary:
    """Write the program of ``database`` to ``path``, replacing the file as a whole.

    The file is written beside its final name and renamed into place, so an interrupted
    export leaves the previous file intact.
    """
    path = Path(path)
    with database.reading() as session:
        document = program_document(session)
    try:
        write_atomically(path, dumps(document).encode("utf-8"))
    except FileWriteError as error:
        raise ProgramFileError(path, f"cannot be written: {error.reason}") from None
    return ProgramFileSummary(
        path, {kind.section: len(document[kind.section]) for kind in SECTIONS}
    )
