"""Writing the whole program to a program file.

The file depends on the program alone: keys and records are sorted, and the columns that
say when and how often a record was saved (``version``, ``created_at``, ``updated_at``)
are left out, so exporting, importing into an empty database and exporting again gives
the same bytes, and two exports of an unchanged program are identical for version control.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from cpp_scheduler.files import write_atomically
from cpp_scheduler.model.base import Base
from cpp_scheduler.programfile.columns import Table, read_table
from cpp_scheduler.programfile.jsontext import (
    column_texts,
    document_text,
    dumps,
    list_text,
    object_template,
    value_text,
)
from cpp_scheduler.programfile.layout import FORMAT, SECTIONS, VERSION, Kind
from cpp_scheduler.programfile.layout import keys as layout_keys
from cpp_scheduler.store import Database

__all__ = [
    "ProgramFileSummary",
    "dumps",
    "encode_record",
    "export_program",
    "program_document",
    "program_text",
    "select_all",
]

_T = TypeVar("_T")


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

    Read with column queries (:mod:`columns`), never entity by entity: the same value
    :func:`encode_record` gives for each record, at a fraction of the cost of loading the
    records themselves.
    """
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    connection = session.connection()
    for kind in SECTIONS:
        document[kind.section] = _records(read_table(connection, kind))
    return document


def _records(table: Table) -> list[dict[str, Any]]:
    """The records of a table as the file's objects, in the file's order."""
    keys = list(table.columns)
    records = [
        dict(zip(keys, row, strict=True)) for row in zip(*table.columns.values(), strict=True)
    ]
    for links in table.kind.many:
        for record in records:
            record[links.key] = list(record[links.key])
    for key, part in table.parts.items():
        held = _by_owner(part, _records(part))
        for record in records:
            record[key] = held.get(record["id"], [])
    return records


def program_text(session: Session) -> tuple[str, dict[str, int]]:
    """The file's text (what :func:`dumps` writes of :func:`program_document`, to the
    byte) and the number of records of each section.

    Each kind's values are written column by column into one template of its objects:
    no object of the document is built, and a column of one type (texts, ids, instants)
    is written by one function mapped over it.
    """
    connection = session.connection()
    values: dict[str, str | list[str]] = {
        "format": value_text(FORMAT, "  "),
        "version": value_text(VERSION, "  "),
    }
    counts: dict[str, int] = {}
    for kind in SECTIONS:
        table = read_table(connection, kind)
        values[kind.section] = _record_texts(table, "    ")
        counts[kind.section] = len(table)
    return document_text(values), counts


def _record_texts(table: Table, indent: str) -> list[str]:
    """Each record of a table as its object's text at ``indent``, in the file's order."""
    inner = indent + "  "
    keys = sorted(layout_keys(table.kind))
    columns: list[list[str]] = []
    for key in keys:
        part = table.parts.get(key)
        if part is None:
            columns.append(column_texts(table.columns[key], inner))
            continue
        held = _by_owner(part, _record_texts(part, inner + "  "))
        texts = {owner: list_text(items, inner) for owner, items in held.items()}
        columns.append([texts.get(owner, "[]") for owner in table.columns["id"]])
    template = object_template(keys, indent)
    return [template % values for values in zip(*columns, strict=True)]


def _by_owner(part: Table, items: list[_T]) -> dict[Any, list[_T]]:
    """The items of an owned table (one per record, in the file's order) by their owner."""
    held: dict[Any, list[_T]] = {}
    for owner, item in zip(part.owners, items, strict=True):
        held.setdefault(owner, []).append(item)
    return held


def export_program(database: Database, path: Path) -> ProgramFileSummary:
    """Write the program of ``database`` to ``path``, replacing the file as a whole.

    The file is written beside its final name and renamed into place, so an interrupted
    export leaves the previous file intact.
    """
    path = Path(path)
    with database.reading() as session:
        text, counts = program_text(session)
    # A refusal says the whole path, as every file the program saves
    # (:class:`~cpp_scheduler.files.FileWriteError`).
    write_atomically(path, text.encode("utf-8"))
    return ProgramFileSummary(path, counts)
