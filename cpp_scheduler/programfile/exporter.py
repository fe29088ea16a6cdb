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

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

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
    """The whole program as the file's JSON value."""
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for kind in SECTIONS:
        records = [encode_record(kind, record) for record in session.scalars(select_all(kind))]
        document[kind.section] = sorted(records, key=kind.sort_key)
    return document


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
