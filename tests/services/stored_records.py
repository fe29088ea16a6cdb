"""Whether a record is in the program, as a coordinator asking for it would find it."""

from __future__ import annotations

from cpp_scheduler.services import editing
from cpp_scheduler.store import Database


def exists(database: Database, model: type, record_id: str) -> bool:
    """Whether ``database`` holds the record of ``model`` with ``record_id``."""
    try:
        editing.stored(database, model, record_id)
    except editing.RecordNotFoundError:
        return False
    return True
