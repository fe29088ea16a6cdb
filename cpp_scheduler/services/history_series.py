"""What a change of a series' times did to the meetings it had moved or cancelled,
read back from the history.

A save that gives a series another rule, start or zone makes each moved or cancelled
meeting follow its counterpart (those changes are rows of their own, with entries of
their own). A change with no counterpart is neither changed nor deleted: it is set
aside, applied nowhere until the series meets on its day again, when it applies once
more (:meth:`~cpp_scheduler.model.event.Event.keep_changed_meetings`). Neither leaves
an entry, so without this a series' history would say that its rule changed and not
that the meeting moved to Thursday 20 May is no longer held. The dialog said so before
the save (:mod:`cpp_scheduler.services.series_rules`); the history says it after, in
the same sentences, from the series and its meetings as they were just before that
save: followed back from the program as it is now through the later entries, as the
history words an event's times (:func:`cpp_scheduler.services.history._event_clocks`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cpp_scheduler import timezones
from cpp_scheduler.model.event import Event, OccurrenceOverride
from cpp_scheduler.model.history import Change
from cpp_scheduler.model.recurrence import (
    OccurrenceChange,
    RecurrenceError,
    SeriesTimes,
    follow_changes,
    meeting_ids,
    placed_reading,
    readings,
)
from cpp_scheduler.services.series_rules import describe, describe_returning
from cpp_scheduler.store.history import CHANGED, CREATED, DELETED

SERIES_FIELDS = ("recurrence_rule", "start_utc", "end_utc", "zone", "all_day")
"""What places the meetings of a series: a change of any of them may set meetings
aside or apply them again."""

_MEETING_FIELDS = ("recurrence_id", "cancelled", "start_utc", "end_utc")

_State = dict[str, Any]


@dataclass(frozen=True)
class AskedChange:
    """A change of a series' times, as the history lists it."""

    change_id: int
    event_id: str
    changed_at: datetime


def meetings_set_aside(session: Session, asked: Iterable[AskedChange]) -> dict[int, list[str]]:
    """For each change ``asked`` that set meetings aside or applied them again, one
    sentence on each such meeting, by change number; changes that did neither are left
    out."""
    by_event: dict[str, list[AskedChange]] = {}
    for change in asked:
        by_event.setdefault(change.event_id, []).append(change)
    found: dict[int, list[str]] = {}
    for event_id, changes in by_event.items():
        found.update(_of_one_series(session, event_id, changes))
    return found


def _of_one_series(
    session: Session, event_id: str, asked: list[AskedChange]
) -> dict[int, list[str]]:
    earliest = min(change.changed_at for change in asked)
    series = _series_now(session, event_id)
    meetings = _meetings_now(session, event_id)
    meeting_changes = _meeting_changes_since(session, event_id, meetings, earliest)
    wanted = {change.change_id for change in asked}
    found: dict[int, list[str]] = {}
    later = 0  # meeting changes already followed back (newest first)
    for change_id, action, text, changed_at in session.execute(
        select(Change.id, Change.action, Change.fields, Change.changed_at)
        .where(Change.record_table == Event.__tablename__, Change.record_id == event_id)
        .where(Change.changed_at >= earliest)
        .order_by(Change.id.desc())
    ):
        fields: dict[str, list[Any]] = json.loads(text)
        after = series
        if action == CREATED:
            series = None
        elif action == DELETED:
            after, series = None, {name: fields.get(name, [None])[0] for name in SERIES_FIELDS}
        else:
            series = dict(series or {})
            for name in SERIES_FIELDS:
                if name in fields:
                    series[name] = fields[name][0]
        # The meetings as the save found them: every change of a meeting made with it
        # or later followed back; those it changed followed their series and say so
        # in entries of their own.
        touched: set[str] = set()
        while later < len(meeting_changes) and meeting_changes[later].changed_at >= changed_at:
            step = meeting_changes[later]
            if step.changed_at == changed_at:
                touched.add(step.record_id)
            _follow_back(meetings, step)
            later += 1
        if change_id in wanted and action == CHANGED:
            untouched = [state for key, state in meetings.items() if key not in touched]
            sentences = _sentences(series, after, untouched)
            if sentences:
                found[change_id] = sentences
    return found


def _series_now(session: Session, event_id: str) -> _State | None:
    row = session.execute(
        select(*(getattr(Event, name) for name in SERIES_FIELDS)).where(Event.id == event_id)
    ).first()
    if row is None:
        return None
    return {
        name: value.isoformat() if isinstance(value, datetime) else value
        for name, value in zip(SERIES_FIELDS, row, strict=True)
    }


def _meetings_now(session: Session, event_id: str) -> dict[str, _State]:
    return {
        str(row.id): {
            name: value.isoformat() if isinstance(value, datetime) else value
            for name in _MEETING_FIELDS
            for value in (getattr(row, name),)
        }
        for row in session.scalars(
            select(OccurrenceOverride).where(OccurrenceOverride.event_id == event_id)
        )
    }


@dataclass(frozen=True)
class _MeetingStep:
    record_id: str
    action: str
    fields: dict[str, list[Any]]
    changed_at: datetime


def _meeting_changes_since(
    session: Session, event_id: str, meetings: dict[str, _State], since: datetime
) -> list[_MeetingStep]:
    """Every change of a meeting of the series made at ``since`` or later, newest
    first: of the meetings it holds now, and of those deleted since (whose entries name
    the series)."""
    rows = [
        _MeetingStep(record_id, action, json.loads(text), changed_at)
        for record_id, action, text, changed_at in session.execute(
            select(Change.record_id, Change.action, Change.fields, Change.changed_at)
            .where(Change.record_table == OccurrenceOverride.__tablename__)
            .where(Change.changed_at >= since)
            .order_by(Change.id.desc())
        )
    ]
    # A change of a meeting names its series only where it creates or deletes it.
    ours = set(meetings) | {
        step.record_id for step in rows if event_id in (step.fields.get("event_id") or ())
    }
    return [step for step in rows if step.record_id in ours]


def _follow_back(meetings: dict[str, _State], step: _MeetingStep) -> None:
    """``meetings`` as they were before ``step``."""
    if step.action == CREATED:
        meetings.pop(step.record_id, None)
    elif step.action == DELETED:
        meetings[step.record_id] = {
            name: step.fields.get(name, [None])[0] for name in _MEETING_FIELDS
        }
    else:
        state = meetings.setdefault(step.record_id, {})
        for name in _MEETING_FIELDS:
            if name in step.fields:
                state[name] = step.fields[name][0]


def _sentences(before: _State | None, after: _State | None, meetings: list[_State]) -> list[str]:
    """The sentences of the meetings a save from ``before`` to ``after`` set aside or
    applied again, as the Series tab words them before the save."""
    old, new = _times(before), _times(after)
    if old is None or new is None or not meetings:
        return []
    changes = sorted(
        (change for state in meetings if (change := _change(state)) is not None),
        key=lambda change: change.recurrence_id,
    )
    try:
        old_ids = meeting_ids(old.start, old.zone, old.rule) if old.rule else frozenset()
        new_ids = meeting_ids(new.start, new.zone, new.rule) if new.rule else frozenset()
        followed = follow_changes(old, new, changes)
    except (RecurrenceError, ValueError):
        return []  # a rule no save could have kept: nothing to tell
    sentences = [
        describe(item, new.zone)
        for item in followed
        if item.meeting is None and item.change.recurrence_id not in new_ids
    ]
    sentences += [
        describe_returning(change, new.zone, placed=_placed(change, new))
        for change in changes
        if change.recurrence_id not in old_ids and change.recurrence_id in new_ids
    ]
    return sentences


def _times(state: _State | None) -> SeriesTimes | None:
    """What placed the series' meetings then; None where it was no series, an all-day
    event or a value the history cannot read."""
    if not state or state.get("all_day"):
        return None
    zone, rule = state.get("zone"), state.get("recurrence_rule")
    start, end = _instant(state.get("start_utc")), _instant(state.get("end_utc"))
    if not (isinstance(zone, str) and timezones.is_zone(zone)) or start is None:
        return None
    length = end - start if end is not None and end > start else None
    return SeriesTimes(start, zone, rule if isinstance(rule, str) and rule else None, length)


def _change(state: _State) -> OccurrenceChange | None:
    meeting = _instant(state.get("recurrence_id"))
    if meeting is None:
        return None
    return OccurrenceChange(
        meeting,
        bool(state.get("cancelled")),
        _instant(state.get("start_utc")),
        _instant(state.get("end_utc")),
    )


def _placed(change: OccurrenceChange, series: SeriesTimes) -> bool:
    """``change`` places its meeting on a time the clocks skip or pass twice."""
    if series.length is None:
        return False
    wall = timezones.to_local(change.recurrence_id, series.zone).replace(tzinfo=None)
    return placed_reading(change, readings(wall, series.zone), series.length) is not None


def _instant(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
