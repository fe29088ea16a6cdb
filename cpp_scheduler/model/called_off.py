"""Which events are not held: those cancelled, and the sessions of a cancelled conference.

A conference called off takes its sessions with it, whatever each session's own status
says: the calendar, the documents, the calendar files, the updates and the conflict
check all give them as cancelled. :attr:`cpp_scheduler.model.event.Event.is_cancelled`
reads the rule on an entity; :data:`CALLED_OFF_SQL` reads it from the database's
columns, in one text for SQLite and PostgreSQL, and for the first paint's plain SQLite
reader (which loads no database layer, hence this module of its own).
"""

from __future__ import annotations

from collections.abc import Collection

from cpp_scheduler.model.enums import EventStatus

CALLED_OFF_SQL = (
    "WITH RECURSIVE called_off(id) AS ("
    " SELECT id FROM events WHERE status = 'cancelled'"
    " UNION SELECT events.id FROM events JOIN called_off ON events.parent_id = called_off.id"
    ") SELECT id FROM called_off"
)
"""The ids of the events not held."""


def held_status(event_id: str, status: EventStatus, off: Collection[str]) -> EventStatus:
    """An event's status as the program gives it, from its column and the ids
    :data:`CALLED_OFF_SQL` gives."""
    return EventStatus.CANCELLED if event_id in off else status
