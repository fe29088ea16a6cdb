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

from collections.abc import Collection
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import flag_modified, set_committed_value
from sqlalchemy.orm.base import NO_VALUE

from cpp_scheduler.model.base import new_id, utc_now
from cpp_scheduler.model.enums import EventMode, EventStatus
from cpp_scheduler.model.event import Event, OccurrenceOverride
from cpp_scheduler.model.validation import ValidationError, hold_values_once, new_clashes_in

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
    with session.no_autoflush:
        hold_values_once(session, written, session.deleted)

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

    with session.no_autoflush:
        _count_sessions_filed(session)


def _held_status_before(session: Session, record: Event) -> EventStatus:
    """The status the event was sent with before this flush (:attr:`Event.held_status`):
    cancelled, or else tentative, with a conference above it then so, else its own;
    read from each event's status and conference as the database holds them (the values
    loaded, whatever changed since); an event new in this flush as it is now."""
    tentative = False
    current: Event | None = record
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if current in session.new:  # nothing stored: it and those above, as they are
            status = current.held_status
            if status is EventStatus.CANCELLED or current is record:
                return status
            tentative = tentative or status is EventStatus.TENTATIVE
            break
        status = _as_stored(current, "status")
        if status is EventStatus.CANCELLED:
            return EventStatus.CANCELLED
        tentative = tentative or status is EventStatus.TENTATIVE
        parent = _as_stored(current, "parent")
        if isinstance(parent, Event):
            current = parent
            continue
        parent_id = _as_stored(current, "parent_id")
        current = session.get(Event, parent_id) if isinstance(parent_id, str) else None
    own: EventStatus = _as_stored(record, "status")
    return EventStatus.TENTATIVE if tentative else own


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
    conference changed, and every session under it, at any depth, whose status as sent
    (:attr:`Event.held_status`: called off, tentative, confirmed) is not what it was."""
    changed = [
        record
        for record in session.dirty
        if isinstance(record, Event) and _changed(record, ("status", "parent", "parent_id"))
    ]
    found: set[Event] = set()
    seen: set[int] = set()
    carried: dict[tuple[str, str], tuple[str, str]] = {}
    waiting = [(record, record) for record in changed]
    while waiting:
        record, changed_above = waiting.pop()
        if id(record) in seen:
            continue
        seen.add(id(record))
        if record not in session.new and _held_status_before(session, record) != (
            record.held_status
        ):
            found.add(record)
            if changed_above is not record and changed_above.id is not None:
                table = str(Event.__tablename__)
                carried[(table, record.id)] = (table, changed_above.id)
        waiting.extend((under, changed_above) for under in record.sessions)
    session.info[CARRIED_ALONG] = carried
    # An event whose own status changed is raised for it already; its sessions are not.
    return {record for record in found if not _changed(record, ("status",))}


CARRIED_ALONG = "carried_along"
"""The key of a session's ``info`` under which each flush notes the sessions it writes
only because a conference above them was cancelled, held again or filed elsewhere (their
SEQUENCE raised: :func:`_sessions_called_off_or_on`): by each session's table and id,
the table and id of the event the save changed. A save refused because a colleague
deleted such a session meanwhile names the event the coordinator changed, not the
session (:mod:`cpp_scheduler.store.session`)."""


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


SESSIONS_FILED = "sessions_filed"
"""The key of a session's ``info`` under which each conference whose sessions a flush
changes is noted, by its table and id: the ids of its sessions before and after, sorted.
The store's history writes them into the conference's entry as its ``sessions`` field."""

SESSIONS = "sessions"
"""The name of a conference's sessions in its history, as a list of links is named by
its relationship."""


def _count_sessions_filed(session: Session) -> None:
    """Raise the version of every stored conference a session is filed under or taken
    from in this flush (new, filed elsewhere or deleted), noting its sessions before and
    after for its history. A conference new or deleted in the flush has no version to
    raise; one deleted goes with its sessions anyway."""
    added: dict[str, set[str]] = {}
    taken: dict[str, set[str]] = {}
    # Each read of ``session.new`` or ``.deleted`` builds a set of all such records:
    # read once, not once for each of the ten thousand events an undone import deletes.
    new, deleted = session.new, session.deleted
    for record in [*new, *session.dirty, *deleted]:
        if not isinstance(record, Event):
            continue
        before, after = _parents_of(record, record in new, record in deleted)
        if before == after:
            continue
        if record.id is None:
            record.id = new_id()  # named in its conference's history before it is written
        if before is not None:
            taken.setdefault(before, set()).add(record.id)
        if after is not None:
            added.setdefault(after, set()).add(record.id)
    for conference_id in sorted(set(added) | set(taken)):
        conference = session.get(Event, conference_id)
        if conference is None or conference in new or conference in deleted:
            continue
        held = set(session.scalars(select(Event.id).where(Event.parent_id == conference_id)))
        now = (held - taken.get(conference_id, set())) | added.get(conference_id, set())
        if now == held:
            continue
        note_sessions_filed(session, conference, held, now)


def note_sessions_filed(
    session: Session, conference: Event, before: Collection[str], after: Collection[str]
) -> None:
    """Count ``conference`` as changed because its sessions went from ``before`` to
    ``after`` (ids): its version rises at the flush and its history says so. A flush
    files sessions through the session's records; a deletion's undo, which writes its
    rows in bulk, says so here itself.

    A conference changed in nothing else is read again at its newest version first (and
    held, on a server, until the commit): a colleague's save of it since was no reading
    of the coordinator's, who only filed a session, and must not refuse that filing."""
    noted: dict[tuple[str, str], tuple[list[str], list[str]]] = session.info.setdefault(
        SESSIONS_FILED, {}
    )
    key = (str(Event.__tablename__), conference.id)
    first = noted.get(key, (sorted(before), []))[0]
    noted[key] = (first, sorted(after))
    if not session.is_modified(conference, include_collections=False):
        newest = session.scalar(
            select(Event.version).where(Event.id == conference.id).with_for_update()
        )
        if newest is not None:
            set_committed_value(conference, "version", newest)
    _count_as_changed(conference)


def _parents_of(record: Event, new: bool, deleted: bool) -> tuple[str | None, str | None]:
    """The conference ``record`` was filed under before this flush and the one it is
    filed under after it (ids; None for none): a ``new`` record had none, a ``deleted``
    one has none any longer."""
    state = inspect(record)
    if new:
        before = None
    else:
        stored = _as_stored(record, "parent_id")
        if stored is NO_VALUE:
            stored = record.parent_id  # loaded now: the flush has not written it yet
        before = stored if isinstance(stored, str) else None
    if deleted:
        return before, None
    if state.attrs["parent"].history.has_changes():
        parent = record.parent
        if parent is None:
            return before, None
        if parent.id is None:
            parent.id = new_id()
        return before, parent.id
    if new or state.attrs["parent_id"].history.has_changes():
        return before, record.parent_id
    return before, before
