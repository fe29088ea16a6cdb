"""Keeping what a coordinator typed in an editor whose record a colleague deleted.

The editor's bar says the record was deleted and offers to save what was typed as a new
record (:func:`save_as_new`). The rule of what the new record keeps lives here, the
editor only offers it:

- every value typed, as the editor holds it (its fields, its links);
- a new id, and for an event a new calendar UID with its sequence from the start: the
  deleted event may have been cancelled to its attendees, whose calendars have then
  taken it away for good (Google Calendar ignores a known UID brought back), so the new
  event is a new invitation, never an update of the one they were told is off;
- its links and references to records that still exist (the delegations it invites,
  its themes, its venue, the conference it is a session of); those deleted too since
  (a venue a colleague deleted along with it) are dropped, and said
  (:attr:`SavedAsNew.dropped`). Every reference of a record an editor saves may be
  left empty (a participant without a delegation, a session without its conference),
  so dropping one never refuses the save.

Why a new record rather than the deleted one brought back from its history, then the
edit applied over it (the History panel's *Revert this change* on a deletion, which
brings the record back with its id, its UID at a higher sequence, the rows deleted with
it and the links other records held to it): the colleague deleted the record on
purpose, and what their deletion took along (a conference's sessions, a delegation's
study tours, the knowledge products that listed it, the moved and cancelled meetings
of a series) is theirs to bring back, not a side effect of keeping one editor's typing.
The coordinator at the bar asks to keep what the editor holds, and gets exactly that;
a restore is also refused as soon as one of its links is gone, while typed work must
always be keepable. Whoever wants the old record back whole, with its history and its
UID, still reverts the deletion from the History panel: the two answers stay apart.
No command of the command line re-creates a deleted record: this is the one rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from cpp_scheduler.i18n import _
from cpp_scheduler.model.base import Base
from cpp_scheduler.model.history import Change
from cpp_scheduler.services.editing import (
    Touched,
    create_record,
    link_keys,
    record_title,
)
from cpp_scheduler.store import Database
from cpp_scheduler.store.history import spoken


@dataclass(frozen=True)
class Dropped:
    """A link or reference the new record does not keep: its record was deleted."""

    key: str
    """The values key it was under (``venue_id``, ``theme_ids``)."""
    record_id: str
    label: str
    """The record as its history last named it (``venue 'Kobe City Hall'``)."""


@dataclass(frozen=True)
class SavedAsNew:
    """What :func:`save_as_new` saved."""

    record_id: str
    version: int | None
    title: str
    dropped: tuple[Dropped, ...] = ()
    touched: tuple[Touched, ...] = ()
    """The records it belongs to whose version its addition raised."""

    def dropped_text(self) -> str | None:
        """``left out what was deleted since: venue 'Kobe City Hall'``, or None."""
        if not self.dropped:
            return None
        return _("left out what was deleted since: {records}").format(
            records=", ".join(item.label for item in self.dropped)
        )


def _name_of_gone(session: Session, target: type[Base], record_id: str) -> str:
    """A deleted record as its history last named it, in the language spoken now."""
    found = session.execute(
        select(Change.record_labels, Change.record_label)
        .where(Change.record_id == str(record_id))
        .order_by(Change.id.desc())
        .limit(1)
    ).first()
    if found is not None:
        return spoken(found[0]) or str(found[1])
    return _("a deleted {kind}").format(kind=_(target.record_kind))


def kept_values(
    session: Session, model_cls: type[Base], values: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Dropped]]:
    """``values`` as a new record keeps them: the links and references to records
    deleted since taken out, each said."""
    kept = dict(values)
    dropped: list[Dropped] = []
    mapper = inspect(model_cls)
    for name, key in link_keys(model_cls).items():
        if key not in kept:
            continue
        target = mapper.relationships[name].mapper.class_
        still: list[str] = []
        for linked_id in kept[key] or []:
            if session.get(target, linked_id) is None:
                dropped.append(
                    Dropped(key, str(linked_id), _name_of_gone(session, target, linked_id))
                )
            else:
                still.append(linked_id)
        kept[key] = still
    for relationship in mapper.relationships:
        if relationship.direction.name != "MANYTOONE" or relationship.viewonly:
            continue
        columns = list(relationship.local_columns)
        if len(columns) != 1:
            continue
        key = mapper.get_property_by_column(columns[0]).key
        wanted = kept.get(key)
        target = relationship.mapper.class_
        if wanted is None or session.get(target, wanted) is not None:
            continue
        kept[key] = None
        dropped.append(Dropped(key, str(wanted), _name_of_gone(session, target, wanted)))
    return kept, dropped


def save_as_new(
    database: Database,
    model_cls: type[Base],
    values: Mapping[str, Any],
    record_id: str | None = None,
) -> SavedAsNew:
    """Save ``values`` (an editor's, whose record was deleted) as a new record, with
    ``record_id`` or a new one, in one transaction, through every rule a new record
    meets; what it kept and dropped (see the module's docstring)."""
    touched: list[Touched] = []
    with database.transaction() as session:
        kept, dropped = kept_values(session, model_cls, values)
        record = create_record(session, model_cls, kept, record_id=record_id, touched=touched)
        version = getattr(record, "version", None)
        return SavedAsNew(
            str(record.id),  # type: ignore[attr-defined]
            None if version is None else int(version),
            record_title(record),
            tuple(dropped),
            tuple(touched),
        )
