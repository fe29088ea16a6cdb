"""Keeping what a coordinator typed in an editor whose record a colleague deleted.

The editor's bar says the record was deleted and offers to save what was typed as a new
record (:func:`save_as_new`). The rule of what the new record keeps lives here, the
editor only offers it:

- every value typed, as the editor holds it (its fields, its links);
- a new id, and for an event a new calendar UID with its sequence from the start: the
  deleted event may have been cancelled to its attendees, whose calendars have then
  taken it away for good (Google Calendar ignores a known UID brought back), so the new
  event is a new invitation, never an update of the one they were told is off;
- the deleted record's references and links the editor does not show, as its last
  history entry (its deletion) keeps them: an activity of a study tour stays on its
  tour day, which the event editor has no field for;
- its links and references to records that still exist (the delegations it invites,
  its themes, its venue, the conference it is a session of, its tour day); those
  deleted too since (a venue a colleague deleted along with it) are dropped, and said
  (:attr:`SavedAsNew.dropped`). Every reference of a record an editor saves may be
  left empty (a participant without a delegation, an event on no tour day), so
  dropping one never refuses the save;
- for a series, the moved and cancelled meetings its deletion took along, as that
  deletion's entries keep them (:func:`~cpp_scheduler.services.history.deleted_with`,
  what a revert of the deletion brings back), where the rule as typed still gives
  their meeting at the same start (:func:`~cpp_scheduler.model.recurrence.applied`,
  the one rule of which changes apply to a series): a meeting the coordinator
  cancelled for a holiday stays cancelled, never sent to its attendees again. Those
  whose meeting the rule typed no longer gives are left out, and said
  (:attr:`SavedAsNew.meetings_left_out`); a placement the editor holds for a meeting
  is the editor's, and wins.

Why a new record rather than the deleted one brought back from its history, then the
edit applied over it (the History panel's *Revert this change* on a deletion, which
brings the record back with its id, its UID at a higher sequence, the rows deleted with
it and the links other records held to it): the colleague deleted the record on
purpose, and what their deletion took along (a conference's sessions, a delegation's
study tours, the knowledge products that listed it) is theirs to bring back, not a
side effect of keeping one editor's typing. A series' moved and cancelled meetings are
the exception: they are what its times are, as the editor shows them, not records of
their own a coordinator filed under it.
The coordinator at the bar asks to keep what the editor holds, and gets exactly that;
a restore is also refused as soon as one of its links is gone, while typed work must
always be keepable. Whoever wants the old record back whole, with its history and its
UID, still reverts the deletion from the History panel: the two answers stay apart.
No command of the command line re-creates a deleted record: this is the one rule.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import _
from cpp_scheduler.model import recurrence
from cpp_scheduler.model.base import Base
from cpp_scheduler.model.event import Event, OccurrenceOverride
from cpp_scheduler.model.history import Change
from cpp_scheduler.services.editing import (
    PLACED_MEETINGS,
    Touched,
    create_record,
    link_keys,
    record_title,
)
from cpp_scheduler.services.history import deleted_with, stored_value
from cpp_scheduler.store import Database
from cpp_scheduler.store.history import DELETED, spoken


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
    meetings_left_out: tuple[str, ...] = ()
    """The moved and cancelled meetings of the deleted series whose meeting the rule
    typed no longer gives, worded (``the cancelled meeting of Wed 17 Mar 2027``)."""

    def dropped_text(self) -> str | None:
        """``left out what was deleted since: venue 'Kobe City Hall'``, and the meetings
        the rule typed no longer gives, or None."""
        parts: list[str] = []
        if self.dropped:
            parts.append(
                _("left out what was deleted since: {records}").format(
                    records=", ".join(item.label for item in self.dropped)
                )
            )
        if self.meetings_left_out:
            parts.append(
                _("left out the changes of meetings its rule no longer gives: {meetings}").format(
                    meetings=", ".join(self.meetings_left_out)
                )
            )
        return "; ".join(parts) or None


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


def _references(model_cls: type[Base]) -> dict[str, type[Base]]:
    """The values key of each reference (``tour_day_id``) and link (``theme_ids``) of
    ``model_cls``, with the kind of record it refers to."""
    mapper = inspect(model_cls)
    found: dict[str, type[Base]] = {
        key: mapper.relationships[name].mapper.class_ for name, key in link_keys(model_cls).items()
    }
    for relationship in mapper.relationships:
        if relationship.direction.name != "MANYTOONE" or relationship.viewonly:
            continue
        columns = list(relationship.local_columns)
        if len(columns) == 1:
            found[mapper.get_property_by_column(columns[0]).key] = relationship.mapper.class_
    return found


def _deletion(session: Session, model_cls: type[Base], deleted_id: str) -> Change | None:
    """The entry of the deletion of ``deleted_id``: its last, where it is one."""
    found = session.scalars(
        select(Change)
        .where(
            Change.record_table == model_cls.__tablename__,
            Change.record_id == str(deleted_id),
        )
        .order_by(Change.id.desc())
        .limit(1)
    ).first()
    return found if found is not None and found.action == DELETED else None


def _meeting_words(change: recurrence.OccurrenceChange, zone: str) -> str:
    """One changed meeting as the history names it: by the day its rule gave it."""
    day = i18n.day_text(timezones.to_local(change.recurrence_id, zone).date())
    if change.cancelled or change.start is None:
        return _("the cancelled meeting of {day}").format(day=day)
    moved = timezones.to_local(change.start, zone)
    return _("the meeting of {day} moved to {moved}").format(
        day=day, moved=f"{i18n.day_text(moved.date())} {i18n.time_text(moved)}"
    )


def _deleted_meetings(
    session: Session, deletion: Change
) -> tuple[list[recurrence.OccurrenceChange], str | None]:
    """The moved and cancelled meetings the deletion of a series took along, as its
    entries keep them, and the zone the series read them in."""
    series_id = deletion.record_id
    changes: list[recurrence.OccurrenceChange] = []
    for dependent in deleted_with(session, deletion):
        if dependent.record_table != OccurrenceOverride.__tablename__:
            continue
        state = {name: pair[0] for name, pair in json.loads(dependent.fields).items()}
        if state.get("event_id") != series_id:
            continue
        meeting = stored_value(OccurrenceOverride, "recurrence_id", state.get("recurrence_id"))
        if not isinstance(meeting, datetime):
            continue
        start = stored_value(OccurrenceOverride, "start_utc", state.get("start_utc"))
        end = stored_value(OccurrenceOverride, "end_utc", state.get("end_utc"))
        changes.append(
            recurrence.OccurrenceChange(meeting, bool(state.get("cancelled")), start, end)
        )
    zone = json.loads(deletion.fields).get("zone", [None])[0]
    return sorted(changes, key=lambda item: item.recurrence_id), (
        zone if isinstance(zone, str) and timezones.is_zone(zone) else None
    )


def kept_meetings(
    session: Session, values: Mapping[str, Any], deleted_id: str
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """``values`` (an event's) with the moved and cancelled meetings of the deleted
    series ``deleted_id`` whose meeting the rule typed still gives at the same start,
    and the others, worded. The editor's own placements win."""
    deletion = _deletion(session, Event, deleted_id)
    if deletion is None:
        return dict(values), ()
    changes, old_zone = _deleted_meetings(session, deletion)
    if not changes:
        return dict(values), ()
    start, zone, rule = values.get("start_utc"), values.get("zone"), values.get("recurrence_rule")
    try:
        kept = (
            recurrence.applied(start, zone, rule, changes, lambda item: item.recurrence_id)
            if isinstance(start, datetime) and isinstance(zone, str) and timezones.is_zone(zone)
            else []
        )
    except (recurrence.RecurrenceError, ValueError, LookupError, OverflowError):
        kept = []  # a rule no save takes: the save says why
    placed: dict[datetime, recurrence.OccurrenceChange | None] = {
        item.recurrence_id: item for item in kept
    }
    placed.update(values.get(PLACED_MEETINGS) or {})
    words_zone = old_zone or (zone if isinstance(zone, str) and timezones.is_zone(zone) else "UTC")
    left = tuple(_meeting_words(item, words_zone) for item in changes if item not in kept)
    with_meetings = dict(values)
    if placed:
        with_meetings[PLACED_MEETINGS] = placed
    return with_meetings, left


def _unshown(
    session: Session, model_cls: type[Base], values: Mapping[str, Any], deleted_id: str
) -> dict[str, Any]:
    """The references and links of the deleted record ``deleted_id`` that ``values``
    (an editor's) does not carry, as its last history entry, its deletion, keeps them:
    the tour day of a tour's activity, which the event editor does not show."""
    deletion = _deletion(session, model_cls, deleted_id)
    if deletion is None:
        return {}
    ended_with = {name: pair[0] for name, pair in json.loads(deletion.fields).items()}
    names = {key: name for name, key in link_keys(model_cls).items()}
    unshown: dict[str, Any] = {}
    for key in _references(model_cls):
        if key in values:
            continue
        value = ended_with.get(names.get(key, key))
        if value:
            unshown[key] = value
    return unshown


def kept_values(
    session: Session,
    model_cls: type[Base],
    values: Mapping[str, Any],
    deleted_id: str | None = None,
) -> tuple[dict[str, Any], list[Dropped]]:
    """``values`` as a new record keeps them: with the references and links of the
    deleted record ``deleted_id`` that ``values`` does not carry, and without the links
    and references to records deleted since, each said."""
    kept = dict(values)
    if deleted_id is not None:
        kept.update(_unshown(session, model_cls, values, deleted_id))
    dropped: list[Dropped] = []
    links = set(link_keys(model_cls).values())
    for key, target in _references(model_cls).items():
        if key not in kept:
            continue
        if key in links:
            still: list[str] = []
            for linked_id in kept[key] or []:
                if session.get(target, linked_id) is None:
                    dropped.append(
                        Dropped(key, str(linked_id), _name_of_gone(session, target, linked_id))
                    )
                else:
                    still.append(linked_id)
            kept[key] = still
            continue
        wanted = kept[key]
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
    *,
    deleted_id: str | None = None,
) -> SavedAsNew:
    """Save ``values`` (an editor's, whose record ``deleted_id`` was deleted) as a new
    record, with ``record_id`` or a new one, in one transaction, through every rule a
    new record meets; what it kept and dropped (see the module's docstring)."""
    touched: list[Touched] = []
    with database.transaction() as session:
        kept, dropped = kept_values(session, model_cls, values, deleted_id)
        left: tuple[str, ...] = ()
        if model_cls is Event and deleted_id is not None:
            kept, left = kept_meetings(session, kept, deleted_id)
        record = create_record(session, model_cls, kept, record_id=record_id, touched=touched)
        version = getattr(record, "version", None)
        return SavedAsNew(
            str(record.id),  # type: ignore[attr-defined]
            None if version is None else int(version),
            record_title(record),
            tuple(dropped),
            tuple(touched),
            left,
        )
