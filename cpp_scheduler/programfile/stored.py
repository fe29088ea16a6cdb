"""The records a database already holds, as an import compares a file with them.

An import matches every record of the file with the database's, and most of a file
imported again, or of a dry run, is what the database already holds. Loading each record
as an entity, with its links and owned records, costs many times reading the file; the
program is therefore read with the export's column queries, each record as the file
writes it (:class:`StoredRecord`), and only the records the file changes are loaded as
entities, to be written through the session.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from cpp_scheduler.model.base import Base
from cpp_scheduler.programfile.exporter import program_document
from cpp_scheduler.programfile.layout import SECTIONS, Kind


class StoredRecord:
    """A record of the database, as the file would write it, standing for its entity
    until the import needs the entity itself (:meth:`entity_in`)."""

    __slots__ = ("children", "entity", "id", "kind", "values")

    def __init__(self, kind: Kind, values: dict[str, Any]) -> None:
        self.kind = kind
        self.id: str = values["id"]
        self.values = values
        """Every key of its kind, encoded as the file writes it."""
        self.children: dict[str, list[StoredRecord]] = {}
        """Its owned records, by the key that lists them."""
        self.entity: Base | None = None

    def id_or_new(self) -> str:
        return self.id

    def entity_in(self, session: Session) -> Base:
        """The record as an entity of ``session``, loaded on first use."""
        if self.entity is None:
            found = session.get(self.kind.entity, self.id)
            if found is None:  # deleted by someone else since it was read
                raise StaleDataError(f"{self.kind.record_kind} {self.id} was deleted")
            self.entity = found
        return self.entity


def read_stored(session: Session) -> dict[str, dict[str, StoredRecord]]:
    """Every record of the database by section (owned kinds under their key), by id."""
    document = program_document(session)
    stored: dict[str, dict[str, StoredRecord]] = {}
    for kind in SECTIONS:
        records = stored.setdefault(kind.section, {})
        for owned in kind.owned:
            stored.setdefault(owned.key, {})
        for values in document[kind.section]:
            record = StoredRecord(kind, values)
            records[record.id] = record
            for owned in kind.owned:
                children = [StoredRecord(owned.kind, child) for child in values[owned.key]]
                record.children[owned.key] = children
                stored[owned.key].update((child.id, child) for child in children)
    return stored
