"""A save that meets a colleague's newer version: merge field by field instead of refusing.

Three versions of each field the coordinator saved are compared: the *base* (the record
as the coordinator read it: rebuilt from the history at the version read, or the values
the editor read when the history does not reach back that far), *theirs* (the record in
the database now) and *mine* (what the coordinator saved). A field only one side changed
takes that side's value by itself; a field both changed to different values is a
:class:`FieldConflict` for the coordinator to decide. The result is saved against the
newer version like any edit, so a third change in between is met the same way again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cpp_scheduler import i18n
from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import _
from cpp_scheduler.model.base import Base
from cpp_scheduler.model.history import Change
from cpp_scheduler.services.editing import (
    get_record,
    link_keys,
    record_title,
    record_values,
)
from cpp_scheduler.services.history import stored_value
from cpp_scheduler.store import ConcurrentEditError, Database
from cpp_scheduler.store.history import CREATED, DELETED, plain

THEIRS = "theirs"
MINE = "mine"


@dataclass(frozen=True)
class FieldConflict:
    """A field both sides changed, to different values: each as stored, and as shown."""

    key: str
    base: Any
    theirs: Any
    mine: Any
    shown_base: str
    shown_theirs: str
    shown_mine: str


@dataclass(frozen=True)
class MergePlan:
    """What saving ``mine`` over the newer version would keep, and what is left to decide.

    ``merged`` holds every field the save will write: the coordinator's own changes that
    nobody else touched; fields only the colleague changed are left as they are stored.
    """

    record_id: str
    label: str
    their_version: int
    authors: tuple[str, ...]
    """Who made the changes since the version read (from the history), oldest first."""
    merged: dict[str, Any]
    taken_from_theirs: tuple[str, ...]
    conflicts: tuple[FieldConflict, ...] = field(default=())
    theirs: dict[str, Any] = field(default_factory=dict)
    """The stored values now of the fields compared."""

    def values(self, choices: Mapping[str, str]) -> dict[str, Any]:
        """The values to save, with ``choices`` (field key: :data:`THEIRS` or
        :data:`MINE`) for each conflict; a conflict not chosen keeps theirs."""
        values = dict(self.merged)
        for conflict in self.conflicts:
            if choices.get(conflict.key) == MINE:
                values[conflict.key] = conflict.mine
            else:
                values.pop(conflict.key, None)
        return values


def _comparable(key: str, value: Any, links: set[str]) -> Any:
    if key in links:
        return sorted(str(item) for item in value or ())
    if value is None or isinstance(value, str):
        return (value or "").strip()  # an editor's empty text is the store's nothing
    return plain(value)


def _both_link_changes(base: Any, theirs: Any, mine: Any) -> list[Any]:
    """The links after both saves: the colleague's list, less what the coordinator took
    away, with what the coordinator added. Adding a person and a colleague adding another
    keeps both, as neither took anyone away; no link list ever needs to ask."""
    before = set(base or ())
    mine_now = list(mine or ())
    removed = before - set(mine_now)
    kept = [item for item in theirs or () if item not in removed]
    return kept + [item for item in mine_now if item not in before and item not in kept]


def _history_base(
    session: Session, model: type[Base], record: Base, version_read: int
) -> tuple[dict[str, Any] | None, tuple[str, ...]]:
    """The record's values at ``version_read``, from its values now and the history of
    the changes since; None when the history does not reach back that far.

    The changes since are those after the newest entry that left the record at a version
    up to the one read: a record deleted and brought back keeps its numbering after its
    deletion, so its old versions, and its deletion, are never taken for later changes.
    Going back over a return (a creation after a deletion), the values before it are
    those its deletion recorded."""
    record_id = str(record.id)  # type: ignore[attr-defined]
    changes = session.scalars(
        select(Change).where(Change.record_id == record_id).order_by(Change.id)
    ).all()
    reached = max(
        (index for index, change in enumerate(changes) if change.version <= version_read),
        default=None,
    )
    later = changes if reached is None else changes[reached + 1 :]
    authors = tuple(change.author for change in later)
    if reached is None:
        return None, authors
    values = record_values(record)
    keys = link_keys(model)
    for position in range(len(changes) - 1, reached, -1):
        change = changes[position]
        if change.action == CREATED:
            deletion = next(
                (earlier for earlier in reversed(changes[:position]) if earlier.action == DELETED),
                None,
            )
            if deletion is None:
                return None, authors
            for values_key in keys.values():
                values[values_key] = []  # a deletion names only the links it had
            fields = json.loads(deletion.fields)
        else:
            fields = json.loads(change.fields)
        for name, (old, _new) in fields.items():
            if name in keys:
                values[keys[name]] = list(old or [])
            elif name in values:
                values[name] = stored_value(model, name, old)
    return values, authors


def _shown(session: Session, model: type[Base], key: str, value: Any) -> str:
    links = {values_key: name for name, values_key in link_keys(model).items()}
    if key in links:
        target = model.__mapper__.relationships[links[key]].mapper.class_
        names = []
        for linked_id in value or ():
            linked = session.get(target, linked_id)
            names.append(record_title(linked) if linked is not None else _("(deleted)"))
        return ", ".join(sorted(names)) or _("(none)")
    if value is None or value == "":
        return _("(empty)")
    column = model.__table__.columns.get(key)
    if column is not None and column.foreign_keys:
        table = next(iter(column.foreign_keys)).column.table
        held = next((m.class_ for m in Base.registry.mappers if m.local_table is table), None)
        linked = session.get(held, value) if held is not None else None
        return record_title(linked) if linked is not None else _("(deleted)")
    if isinstance(value, datetime):
        return f"{i18n.day_text(value.date())} {value:%H:%M} UTC"
    return printable(str(plain(value)), 200)


def plan_merge(
    database: Database,
    model: type[Base],
    record_id: str,
    version_read: int,
    read_values: Mapping[str, Any],
    mine: Mapping[str, Any],
) -> MergePlan:
    """Compare ``mine`` with the record now and as it was at ``version_read``.

    ``read_values`` are the values the editor read when it opened: the base for a field
    the history cannot give. A record deleted meanwhile raises the store's error.
    """
    with database.reading() as session:  # the record and its history at one moment
        record = get_record(session, model, record_id)
        theirs = record_values(record)
        history_base, authors = _history_base(session, model, record, version_read)
        base = history_base if history_base is not None else dict(read_values)
        return _three_way(
            session,
            model,
            record,
            base,
            theirs,
            mine,
            authors,
            int(getattr(record, "version", 0) or 0),
        )


def _three_way(
    session: Session,
    model: type[Base],
    record: Base,
    base: Mapping[str, Any],
    theirs: Mapping[str, Any],
    mine: Mapping[str, Any],
    authors: tuple[str, ...],
    their_version: int,
) -> MergePlan:
    """Each field of ``mine`` against the base and theirs: kept, merged, or a conflict."""
    links = set(link_keys(model).values())
    merged: dict[str, Any] = {}
    taken: list[str] = []
    conflicts: list[FieldConflict] = []
    for key, my_value in mine.items():
        if key not in theirs:
            merged[key] = my_value
            continue
        b = _comparable(key, base.get(key), links)
        t = _comparable(key, theirs[key], links)
        m = _comparable(key, my_value, links)
        if m == t:
            continue
        if m == b:
            taken.append(key)  # only the colleague changed it: theirs stays
            continue
        if t == b:
            merged[key] = my_value  # only the coordinator changed it
            continue
        if key in links:  # both changed who is linked: each one's additions and removals
            merged[key] = _both_link_changes(base.get(key), theirs[key], my_value)
            continue
        conflicts.append(
            FieldConflict(
                key,
                base.get(key),
                theirs[key],
                my_value,
                _shown(session, model, key, base.get(key)),
                _shown(session, model, key, theirs[key]),
                _shown(session, model, key, my_value),
            )
        )
    return MergePlan(
        str(record.id),  # type: ignore[attr-defined]
        record.label(),
        their_version,
        authors,
        merged,
        tuple(taken),
        tuple(conflicts),
        {key: theirs[key] for key in mine if key in theirs},
    )


def plan_meeting_move(
    database: Database,
    event_id: str,
    recurrence_id: datetime,
    version_read: int,
    shown: tuple[datetime, datetime],
    mine: tuple[datetime, datetime],
) -> MergePlan:
    """A drag of one meeting of a series that meets a newer version of the series.

    The meeting's times as the calendar showed them (``shown``), where it is now and
    where the coordinator dropped it are compared like an event's fields: a colleague's
    change elsewhere in the series (its title, another meeting) lets the move through
    against the newer version; a colleague who moved this meeting too is a conflict.
    A meeting no longer in its series raises the store's error.
    """
    from cpp_scheduler.model import Event
    from cpp_scheduler.services import series

    now = series.meeting(database, event_id, recurrence_id)
    with database.session() as session:
        record = get_record(session, Event, event_id)
        authors = tuple(
            session.scalars(
                select(Change.author)
                .where(Change.record_id == event_id, Change.version > version_read)
                .order_by(Change.id)
            )
        )
        return _three_way(
            session,
            Event,
            record,
            {"start_utc": shown[0], "end_utc": shown[1]},
            {"start_utc": now.start_utc, "end_utc": now.end_utc},
            {"start_utc": mine[0], "end_utc": mine[1]},
            authors,
            now.version,
        )


__all__ = [
    "MINE",
    "THEIRS",
    "ConcurrentEditError",
    "FieldConflict",
    "MergePlan",
    "plan_meeting_move",
    "plan_merge",
]
