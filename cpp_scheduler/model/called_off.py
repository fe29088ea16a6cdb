"""Which events are not held: those cancelled, and the sessions of a cancelled conference;
and which are not sure: those tentative, and the sessions of a tentative conference.

A conference called off takes its sessions with it, whatever each session's own status
says: the calendar, the documents, the calendar files, the updates and the conflict
check all give them as cancelled. A session confirmed within a conference not confirmed
yet is no surer than the conference: each of them gives it as tentative.
:attr:`cpp_scheduler.model.event.Event.held_status` reads the rule on an entity;
:data:`HELD_SQL` reads it from the database's columns (and :data:`CALLED_OFF_SQL` the
events not held), in one text for SQLite and PostgreSQL, and for the first paint's plain
SQLite reader (which loads no database layer, hence this module of its own).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cpp_scheduler.model.enums import EventStatus

CALLED_OFF_SQL = (
    "WITH RECURSIVE called_off(id) AS ("
    " SELECT id FROM events WHERE status = 'cancelled'"
    " UNION SELECT events.id FROM events JOIN called_off ON events.parent_id = called_off.id"
    ") SELECT id FROM called_off"
)
"""The ids of the events not held."""


HELD_SQL = (
    "WITH RECURSIVE above(id, status) AS ("
    " SELECT id, status FROM events WHERE status IN ('cancelled', 'tentative')"
    " UNION SELECT events.id, above.status FROM events JOIN above"
    " ON events.parent_id = above.id"
    ") SELECT id, status FROM above"
)
"""Each event cancelled or tentative, itself or through a conference it is a session of
(at any depth), with that status: an event may be given twice, cancelled winning."""


@dataclass(frozen=True, slots=True)
class HeldStatuses:
    """The events whose status the program gives otherwise than their own column does
    (read by :data:`HELD_SQL`): those not held, and those not sure yet."""

    off: frozenset[str]
    """Not held: cancelled, or a session of a cancelled conference."""
    unsure: frozenset[str]
    """Held but not sure: tentative, or a session of a tentative conference."""

    @classmethod
    def of(cls, rows: Iterable[tuple[object, object]]) -> HeldStatuses:
        """From the rows :data:`HELD_SQL` gives."""
        off: set[str] = set()
        unsure: set[str] = set()
        for event_id, status in rows:
            (off if status == EventStatus.CANCELLED.value else unsure).add(str(event_id))
        return cls(frozenset(off), frozenset(unsure - off))

    def status(self, event_id: str, status: EventStatus) -> EventStatus:
        """An event's status as the program gives it, from its column."""
        if event_id in self.off:
            return EventStatus.CANCELLED
        if event_id in self.unsure:
            return EventStatus.TENTATIVE
        return status
