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
from cpp_scheduler.programfile.layout import FORMAT, SECTIONS, VERSION, Kind
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
    encoders = [(value.key, value.codec.encode) for value in kind.values]
    first_link = 1 + len(encoders)
    found: list[tuple[Any, dict[str, Any]]] = []
    for row in session.execute(select(*columns)):
        record: dict[str, Any] = {"id": row[0]}
        for position, (key, encode) in enumerate(encoders, start=1):
            record[key] = encode(row[position])
        for position, link in enumerate(kind.links, start=first_link):
            record[link.key] = row[position]
        for links in kind.many:
            record[links.key] = sorted(linked[links.key].get(row[0], ()))
        for part in kind.owned:
            record[part.key] = sorted(owned[part.key].get(row[0], ()), key=part.kind.sort_key)
        found.append((row[-1] if owner is not None else None, record))
    return found


def _linked_ids(session: Session, relationship: RelationshipProperty[Any]) -> dict[Any, list[Any]]:
    """The ids a many-to-many relationship links to, by the id of the record it is on."""
    pairs = relationship.secondary_synchronize_pairs
    assert pairs, f"{relationship} is not a many-to-many link"
    own = relationship.synchronize_pairs[0][1]
    other = pairs[0][1]
    ids: dict[Any, list[Any]] = {}
    for owner_id, target_id in session.execute(select(own, other)):
        ids.setdefault(owner_id, []).append(target_id)
    return ids


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


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
