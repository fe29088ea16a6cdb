"""Rules enforced at every flush, whoever changes the data (dialog, CLI, import).

Installed once on SQLAlchemy's Session class when the model is loaded
(:mod:`~cpp_scheduler.model.registry`): no record with a broken rule reaches the database,
and an event's calendar SEQUENCE rises whenever its time, place (its venue, its city,
its video link, being online or not) or status changes, so clients replace their copy.
The status a calendar gives a session is its conference's when the conference is
cancelled (:mod:`~cpp_scheduler.model.called_off`), so a conference cancelled or held
again, or a session filed under another conference, raises the SEQUENCE of each session
(at any depth) whose status as sent changes with it (RFC 5545 section 3.8.7.4): the
calendar files and the mails, which both write the event's SEQUENCE, then tell clients
the session is off, or on again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.base import NO_VALUE

from cpp_scheduler.model.base import utc_now
from cpp_scheduler.model.enums import EventMode, EventStatus
from cpp_scheduler.model.event import Event, OccurrenceOverride
from cpp_scheduler.model.validation import ValidationError, new_clashes_in

#: Changing any of these makes calendar clients treat the event as rescheduled.
#: ``changes`` (moved and cancelled occurrences) counts too: removing a cancellation
#: brings the occurrence back, and only the series' higher SEQUENCE tells clients so.
#: The video link is where one attends a virtual meeting, and where a hybrid one's
#: remote attendees go: a change of place, as a venue's is, which an attendee has to
#: take in as they would a new time (RFC 5545 section 3.8.7.4 lets the organiser raise
#: SEQUENCE for any property beyond those it names), and so is an event going online
#: or back (:func:`_goes_online_or_back`).
SEQUENCE_ATTRIBUTES = (
    "start_utc",
    "end_utc",
    "zone",
    "all_day",
    "venue_id",
    "city_id",
    "status",
    "recurrence_rule",
    "venue",
    "city",
    "changes",
    "video_link",
)


def _changed(record: Any, attributes: tuple[str, ...]) -> bool:
    state = inspect(record)
    return any(state.attrs[name].history.has_changes() for name in attributes)


def _goes_online_or_back(record: Event) -> bool:
    """Whether the event became virtual or stopped being so: its calendar's LOCATION
    changes between "Online" and its venue (``ical.export.location_text``). Hybrid and
    face-to-face give the same LOCATION, so a change between them alone is none of
    place. A mode changed from a value never loaded counts."""
    history = inspect(record).attrs["mode"].history
    if not history.has_changes():
        return False
    if not history.deleted:
        return True
    return bool(history.deleted[0] == EventMode.VIRTUAL) != bool(record.mode == EventMode.VIRTUAL)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    written = list(session.new) + list(session.dirty)
    given = new_clashes_in(session, written)  # values held once, judged all together
    for record in written:
        problems = getattr(record, "problems", None)
        if problems is None:
            continue
        found = problems() + given.get(id(record), [])
        if found:
            raise ValidationError(record.label(), found)

    rescheduled: set[Event] = set()
    for record in session.dirty:
        if isinstance(record, Event) and (
            _changed(record, SEQUENCE_ATTRIBUTES) or _goes_online_or_back(record)
        ):
            rescheduled.add(record)
    for record in list(session.new) + list(session.dirty) + list(session.deleted):
        parent = record.event if isinstance(record, OccurrenceOverride) else None
        if parent is not None and parent not in session.new:
            rescheduled.add(parent)
    with session.no_autoflush:
        rescheduled.update(_sessions_called_off_or_on(session))
    for changed_event in rescheduled:
        changed_event.sequence = (changed_event.sequence or 0) + 1

    for record in session.dirty:
        if _only_links_changed(record):
            _count_as_changed(record)


def _was_cancelled(session: Session, record: Event) -> bool:
    """Whether the event was called off before this flush: cancelled itself, or a session
    of a conference then cancelled, read from each event's status and conference as the
    database holds them (the values loaded, whatever changed since)."""
    current: Event | None = record
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if current in session.new:
            return current.is_cancelled
        if _as_stored(current, "status") is EventStatus.CANCELLED:
            return True
        parent = _as_stored(current, "parent")
        if isinstance(parent, Event):
            current = parent
            continue
        parent_id = _as_stored(current, "parent_id")
        current = session.get(Event, parent_id) if isinstance(parent_id, str) else None
    return False


def _as_stored(record: Any, key: str) -> Any:
    """The value ``key`` had when ``record`` was loaded or last flushed: the one kept
    aside when it changed since, else the one it holds (NO_VALUE when never loaded)."""
    state = inspect(record)
    if key in state.committed_state:
        return state.committed_state[key]
    return state.dict.get(key, NO_VALUE)


def _sessions_called_off_or_on(session: Session) -> set[Event]:
    """The stored events whose status as sent changes because a conference above them
    (or they themselves, by being filed elsewhere) changed: each event whose status or
    conference changed, and every session under it, at any depth, whose being called
    off is not what it was."""
    changed = [
        record
        for record in session.dirty
        if isinstance(record, Event) and _changed(record, ("status", "parent", "parent_id"))
    ]
    found: set[Event] = set()
    seen: set[int] = set()
    waiting = list(changed)
    while waiting:
        record = waiting.pop()
        if id(record) in seen:
            continue
        seen.add(id(record))
        if record not in session.new and _was_cancelled(session, record) != record.is_cancelled:
            found.add(record)
        waiting.extend(record.sessions)
    # An event whose own status changed is raised for it already; its sessions are not.
    return {record for record in found if not _changed(record, ("status",))}


def _only_links_changed(record: Any) -> bool:
    """True when the record's many-to-many links (an event's participants, delegations,
    themes ...) changed and none of its own columns did.

    Links live in tables of their own, so such a change writes no row of the record and
    SQLAlchemy would leave its version alone: two coordinators changing the participants
    of one event would both succeed, the second silently undoing the first.
    """
    state = inspect(record)
    mapper = state.mapper
    if mapper.version_id_col is None or state.key is None:
        return False
    links = [rel.key for rel in mapper.relationships if rel.secondary is not None]
    if not any(state.attrs[key].history.has_changes() for key in links):
        return False
    return not any(state.attrs[attr.key].history.has_changes() for attr in mapper.column_attrs)


def _count_as_changed(record: Any) -> None:
    """Write the record's row (its change time), which raises its version and checks the
    version read, as a change of its own columns would."""
    record.updated_at = utc_now()
    flag_modified(record, "updated_at")
