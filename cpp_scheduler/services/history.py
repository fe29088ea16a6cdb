"""Reading the history of a record or of a period, and reverting one change.

The window's History panel and ``cpp-scheduler history`` both read through
:func:`history_of` and :func:`history_since`; reverting is a normal versioned save
(:func:`revert_change`) that goes through every rule, and lands in the history itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.model.base import Base, UTCDateTime
from cpp_scheduler.model.event import Event
from cpp_scheduler.model.history import Change
from cpp_scheduler.services.editing import (
    BOOKKEEPING,
    RecordNotFoundError,
    check_version,
    create_record,
    delete_record,
    link_keys,
    update_record,
)
from cpp_scheduler.store import Database
from cpp_scheduler.store.history import CHANGED, CREATED, DELETED, plain, spoken

#: How many changes one read returns at most, newest kept.
HISTORY_LIMIT = 5000


class RevertError(SchedulerError):
    """A change that cannot be reverted as it stands."""


@dataclass(frozen=True)
class FieldChange:
    """One field of one change: its value before and after, in the history's plain form."""

    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    """One change of one record, as the panel and the command show it."""

    change_id: int
    record_kind: str
    record_id: str
    label: str
    action: str
    version: int
    author: str
    changed_at: datetime
    fields: tuple[FieldChange, ...]
    source: str | None
    """The import that made the change (``program file /path/x.json``), or None."""
    model: str = ""
    """The entity's class name (``Event``, ``Delegation``), as the window's editor names
    it; empty for a table this program no longer knows."""

    @property
    def deletion(self) -> bool:
        """The change deleted the record."""
        return self.action == DELETED

    @property
    def revertible(self) -> bool:
        """Every change can be reverted: a change of values puts the old ones back, a
        creation deletes the record, a deletion brings it back."""
        return self.action in (CHANGED, CREATED, DELETED)

    def as_json(self) -> dict[str, Any]:
        return {
            "change": self.change_id,
            "record": {"kind": self.record_kind, "id": self.record_id, "label": self.label},
            "action": self.action,
            "version": self.version,
            "author": self.author,
            "at": self.changed_at.isoformat(),
            "source": self.source,
            "fields": {field.name: {"old": field.old, "new": field.new} for field in self.fields},
        }


def _entry(change: Change) -> HistoryEntry:
    decoded: dict[str, list[Any]] = json.loads(change.fields)
    return HistoryEntry(
        change_id=change.id,
        record_kind=change.kind,
        record_id=change.record_id,
        label=spoken(change.record_labels) or change.record_label,
        action=change.action,
        version=change.version,
        author=change.author,
        changed_at=change.changed_at,
        fields=tuple(FieldChange(name, old, new) for name, (old, new) in sorted(decoded.items())),
        source=spoken(change.group_names) or change.group_name,
        model=_model_names().get(change.record_table, ""),
    )


def _model_names() -> dict[str, str]:
    return {
        str(getattr(mapper.local_table, "name", "")): mapper.class_.__name__
        for mapper in Base.registry.mappers
    }


def _record_ids(session: Session, uid_or_id: str) -> list[str]:
    """The record an id names, or the event a calendar UID names."""
    found = session.scalars(select(Event.id).where(Event.uid == uid_or_id)).all()
    return [*found, uid_or_id]


def history_of(database: Database, uid_or_id: str) -> list[HistoryEntry]:
    """Every change of the record with this id (or the event with this calendar UID),
    oldest first."""
    with database.session() as session:
        ids = _record_ids(session, uid_or_id)
        changes = session.scalars(
            select(Change)
            .where(Change.record_id.in_(ids))
            .order_by(Change.id.desc())
            .limit(HISTORY_LIMIT)
        ).all()
        return [_entry(change) for change in reversed(changes)]


def latest_change(database: Database, record_id: str) -> HistoryEntry | None:
    """The newest change of the record with this id, or None when the history holds
    none: what an editor open on it looks at when the window could not hear changes."""
    with database.session() as session:
        change = session.scalars(
            select(Change).where(Change.record_id == record_id).order_by(Change.id.desc()).limit(1)
        ).first()
        return None if change is None else _entry(change)


def history_since(database: Database, since: datetime) -> list[HistoryEntry]:
    """Every change made at or after ``since`` (aware), oldest first; the newest
    :data:`HISTORY_LIMIT` of them."""
    with database.session() as session:
        changes = session.scalars(
            select(Change)
            .where(Change.changed_at >= since)
            .order_by(Change.id.desc())
            .limit(HISTORY_LIMIT)
        ).all()
        return [_entry(change) for change in reversed(changes)]


def _model_of(table_name: str) -> type[Base]:
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table_name:
            model: type[Base] = mapper.class_
            return model
    raise RevertError(
        _("the history names a table {table} this program does not know").format(
            table=quoted(table_name)
        )
    )


def stored_value(model: type[Base], name: str, value: Any) -> Any:
    """A value of the history's plain form as the model's attribute holds it."""
    if value is None:
        return None
    column = model.__table__.columns.get(name)
    if column is None:
        return value
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        return kind.enum_class(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    return value


def _values_before(
    model: type[Base], record: Base, fields: Sequence[FieldChange]
) -> dict[str, Any]:
    """The values to save to undo ``fields``; refused when a field has moved on since."""
    links = link_keys(model)
    values: dict[str, Any] = {}
    for field in fields:
        if field.name in BOOKKEEPING:
            continue  # the store's own (the calendar SEQUENCE rises again by itself)
        if field.name in links:
            now: Any = sorted(str(linked.id) for linked in getattr(record, field.name))
            values[links[field.name]] = list(field.old or [])
        else:
            now = plain(getattr(record, field.name))
            values[field.name] = stored_value(model, field.name, field.old)
        if now != field.new:
            raise RevertError(
                _(
                    "cannot revert this change of {record}: its {field} was changed again "
                    "since; revert the later change first"
                ).format(record=record.label(), field=field.name.replace("_", " "))
            )
    return values


def _recreate(session: Session, model: type[Base], entry: HistoryEntry) -> None:
    """Bring back a deleted record with the values and links its deletion recorded,
    through the rules a new record meets; a linked record gone since refuses it."""
    links = link_keys(model)
    columns = model.__table__.columns
    values: dict[str, Any] = {}
    kept: dict[str, Any] = {}
    for field in entry.fields:
        if field.name in links:
            values[links[field.name]] = list(field.old or [])
        elif field.name == "uid":
            kept["uid"] = field.old  # the participants' calendars know the event by it
        elif field.name == "sequence":
            kept["sequence"] = int(field.old or 0) + 1  # so those calendars take it again
        elif field.name not in BOOKKEEPING and field.name in columns:
            values[field.name] = stored_value(model, field.name, field.old)
    create_record(session, model, values, entry.record_id, bookkeeping=kept)


def revert_change(
    database: Database, change_id: int, expected_version: int | None = None
) -> HistoryEntry:
    """Undo one change as a new change, through the normal checks; the new change.

    A change of values puts back the values it replaced, saved against the version
    read (``expected_version``, by default the record's version now). A creation
    deletes the record, refused when it changed since. A deletion brings the record
    back with its old values and links, refused when it exists again.
    """
    with database.transaction() as session:
        change = session.get(Change, change_id)
        if change is None:
            raise RevertError(
                _("the history holds no change number {number}").format(number=change_id)
            )
        entry = _entry(change)
        model = _model_of(change.record_table)
        record_id = change.record_id
        record = session.get(model, record_id)
        if entry.action == DELETED:
            if record is not None:
                raise RevertError(
                    _("{record} exists again; there is nothing to bring back").format(
                        record=entry.label
                    )
                )
            _recreate(session, model, entry)
        elif record is None:
            raise RecordNotFoundError(
                _("{record} was deleted since; nothing to revert").format(record=entry.label)
            )
        elif entry.action == CREATED:
            check_version(record, expected_version)
            _values_before(model, record, entry.fields)  # refused if changed since
            delete_record(session, model, record_id)
        else:
            values = _values_before(model, record, entry.fields)
            update_record(session, model, record_id, values, expected_version)
    with database.session() as session:
        newest = session.scalars(
            select(Change).where(Change.record_id == record_id).order_by(Change.id.desc()).limit(1)
        ).one()
        return _entry(newest)


__all__ = [
    "FieldChange",
    "HistoryEntry",
    "RevertError",
    "history_of",
    "history_since",
    "revert_change",
]
