"""Reading the history of a record or of a period, and reverting one change.

The window's History panel and ``cpp-scheduler history`` both read through
:func:`history_of` and :func:`history_since`, which word each value once for both
(:func:`_worded`: an enumeration by its label, a linked record by its name, an all-day
event's start and end by its dates) and leave out the calendar sequence the store
raises by itself; reverting is a normal versioned save (:func:`revert_change`) that
goes through every rule, and lands in the history itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, Table, func, select, update
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.model.base import Base, UTCDateTime
from cpp_scheduler.model.event import Event, OccurrenceOverride
from cpp_scheduler.model.event_filter import meeting_days
from cpp_scheduler.model.history import Change
from cpp_scheduler.model.integrity import SESSIONS
from cpp_scheduler.services import series
from cpp_scheduler.services.editing import (
    BOOKKEEPING,
    RecordNotFoundError,
    Touched,
    check_version,
    create_record,
    link_keys,
    update_record,
)
from cpp_scheduler.services.history_series import SERIES_FIELDS, AskedChange, meetings_set_aside
from cpp_scheduler.services.removal import (
    delete_record,
    refuse_standing_invitations,
    taken_from_others,
)
from cpp_scheduler.store import Database
from cpp_scheduler.store.history import (
    CHANGED,
    CREATED,
    DELETED,
    plain,
    renumber,
    sequence_only,
    spoken,
)

#: How many changes one read returns at most, newest kept.
HISTORY_LIMIT = 5000


class RevertError(SchedulerError):
    """A change that cannot be reverted as it stands."""


#: Fields the store keeps by itself (the calendar ``SEQUENCE`` raised with a change of
#: time, place or status, the calendar UID): kept in an entry, never shown as changed.
STORE_OWNED = frozenset({"sequence", "uid"})

#: Fields an entry holds that other records' saves changed: a conference's sessions,
#: each filed under it or taken from it by a change of the session. Shown, so the
#: conference's history says what it holds; reverted only by reverting that change.
KEPT_BY_OTHERS = frozenset({SESSIONS})


@dataclass(frozen=True)
class FieldChange:
    """One field of one change: its value before and after, in the history's plain form,
    and each as a coordinator reads it (:attr:`old_text`, :attr:`new_text`)."""

    name: str
    old: Any
    new: Any
    old_text: str | None = None
    """The value before, in words in the program's language: an enumeration by its
    label, a linked record by its name, an all-day event's start and end by the dates
    the program's views give it, an instant as a day and time in UTC; None when there
    was no value. Worded for the changes a read lists (:func:`read_history_of`)."""
    new_text: str | None = None
    """The value after, worded as :attr:`old_text`."""


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
    meeting: str | None = None
    """A change of one meeting of a series (moved, cancelled, put back) in words:
    ``Meeting of Wed 17 Mar 2027 17:00 JST cancelled``; None for any other change. Its
    :attr:`label` then names the series, in whose history it is listed."""
    series_id: str | None = None
    """The series a change of one meeting belongs to (its revert is saved on it)."""
    series_version: int | None = None
    """The version the series was left at, for a change of one meeting that
    :func:`revert_change` has just saved (None otherwise)."""
    set_aside: tuple[str, ...] = ()
    """For a change of a series' times: a sentence on each moved or cancelled meeting it
    set aside (the new series has no meeting on its day) or applied again, which no
    entry of the meeting tells (:mod:`~cpp_scheduler.services.history_series`)."""

    @property
    def deletion(self) -> bool:
        """The change deleted the record."""
        return self.action == DELETED

    @property
    def refusal(self) -> str | None:
        """Why this change cannot be reverted, in one line; None when it can. A change
        of values puts the old ones back, a creation deletes the record, a deletion
        brings it back, a change of one meeting puts the meeting back as it was; a
        change holding only what the program keeps by itself (the calendar sequence it
        raised along with a change of one meeting) has nothing to revert."""
        if self.action not in (CHANGED, CREATED, DELETED):
            return _("the history names an action {action} this program does not know").format(
                action=quoted(self.action)
            )
        if (
            self.meeting is None
            and self.action == CHANGED
            and any(field.name in KEPT_BY_OTHERS for field in self.fields)
            and all(field.name in BOOKKEEPING | KEPT_BY_OTHERS for field in self.fields)
        ):
            return _(
                "nothing to revert: {record} changed here only by a session filed under it "
                "or taken from it; revert that session's change instead"
            ).format(record=self.label)
        if (
            self.meeting is None
            and self.action == CHANGED
            and all(field.name in BOOKKEEPING for field in self.fields)
        ):
            return _(
                "nothing to revert: this change of {record} holds only what the program "
                "keeps by itself; revert the change that came with it"
            ).format(record=self.label)
        return None

    @property
    def shown_fields(self) -> tuple[FieldChange, ...]:
        """The fields a coordinator is shown as changed: those of a change of values,
        without what the store keeps by itself (:data:`STORE_OWNED`), unless that is all
        there is."""
        if self.action != CHANGED:
            return ()
        shown = tuple(field for field in self.fields if field.name not in STORE_OWNED)
        return shown or self.fields

    @property
    def revertible(self) -> bool:
        """The change can be reverted (see :attr:`refusal`)."""
        return self.refusal is None

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "change": self.change_id,
            "record": {"kind": self.record_kind, "id": self.record_id, "label": self.label},
            "action": self.action,
            "version": self.version,
            "author": self.author,
            "at": self.changed_at.isoformat(),
            "source": self.source,
            "fields": {field.name: _field_json(field) for field in self.fields},
        }
        if self.meeting is not None:
            found["meeting"] = self.meeting
            found["series"] = self.series_id
        if self.set_aside:
            found["set_aside"] = list(self.set_aside)
        return found


def _field_json(field: FieldChange) -> dict[str, Any]:
    """A field of an entry in the command's JSON: its stored values as they always were,
    and beside them the words the panel and the command show, where those say more than
    the value written out (an enumeration's label, a linked record's name, a date)."""
    found: dict[str, Any] = {"old": field.old, "new": field.new}
    if _says_more(field.old, field.old_text) or _says_more(field.new, field.new_text):
        found["old_text"], found["new_text"] = field.old_text, field.new_text
    return found


def _says_more(value: Any, text: str | None) -> bool:
    """Whether ``text`` is more than ``value`` written out as JSON."""
    if text is None:
        return False
    return value is None or text != json.dumps(value, ensure_ascii=False)


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


@dataclass(frozen=True)
class HistoryRead:
    """The changes one read found, oldest first: the newest :data:`HISTORY_LIMIT` of
    ``total``; the panel and the command both say when earlier ones are left out."""

    entries: list[HistoryEntry]
    total: int
    """How many changes the history holds for what was asked, listed or not."""
    version: int | None = None
    """The version the record asked about was left at by its newest change, counted
    with the changes not listed (a calendar sequence raised alone): what a revert of one
    of its changes is saved against. None for a read of a period."""

    @property
    def cut(self) -> bool:
        """Earlier changes are left out of :attr:`entries`."""
        return self.total > len(self.entries)

    @property
    def left_out(self) -> int:
        """How many earlier changes are left out."""
        return self.total - len(self.entries)

    def cut_note(self) -> str:
        """The line that says the list leaves its earliest changes out: what the History
        panel shows above its list and ``history`` prints above its own."""
        return ngettext(
            "only the newest {shown} of {total} changes are listed; the earliest {left} is "
            "left out",
            "only the newest {shown} of {total} changes are listed; the earliest {left} are "
            "left out",
            self.left_out,
        ).format(shown=len(self.entries), total=self.total, left=self.left_out)


def changes_heading(record: str, count: int, who: str) -> str:
    """``Kobe workshop: 3 changes, the last by Ravi Menon``: the History panel's line
    over the ``count`` changes of ``record`` (every one the history holds, those its
    list leaves out too: :attr:`HistoryRead.total`), the last one made by ``who``; in
    the language's own plural."""
    return ngettext(
        "{record}: {count} change, by {who}",
        "{record}: {count} changes, the last by {who}",
        count,
    ).format(record=record, count=f"{count:,}", who=who)


def _newest(session: Session, condition: ColumnElement[bool]) -> HistoryRead:
    """The newest :data:`HISTORY_LIMIT` changes that meet ``condition``, and how many
    there are in all (counted only when the limit is reached), each worded for the
    coordinator (:func:`_worded`). A calendar sequence the store raised by itself alone
    is no change a coordinator made: neither listed nor counted."""
    condition = condition & ~sequence_only()
    changes = session.scalars(
        select(Change).where(condition).order_by(Change.id.desc()).limit(HISTORY_LIMIT)
    ).all()
    total = len(changes)
    if total >= HISTORY_LIMIT:
        total = int(session.scalar(select(func.count()).select_from(Change).where(condition)) or 0)
    return HistoryRead(_worded(session, _entries(session, list(reversed(changes)))), total)


def _entries(session: Session, changes: Sequence[Change]) -> list[HistoryEntry]:
    """The entries of ``changes``, those of one meeting of a series worded as such."""
    meetings = _meeting_changes(session, changes)
    return [
        _meeting_entry(session, _entry(change), found)
        if (found := meetings.get(change.id)) is not None
        else _entry(change)
        for change in changes
    ]


# -- the changes of one meeting of a series ------------------------------------------------
# A moved or cancelled meeting is a row of its own (``occurrence_overrides``), with a
# history of its own; it is read as part of its series' history. A change entry holds only
# the fields it changed, so the meeting's state before and after each change is followed
# from its first entry on.

_MEETINGS = OccurrenceOverride.__tablename__
_STATE_FIELDS = ("event_id", "recurrence_id", "cancelled", "start_utc", "end_utc")


@dataclass(frozen=True)
class _MeetingChange:
    """One change of one meeting, its states in the history's plain form (None: the
    meeting where its series' rule places it)."""

    event_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _meeting_changes(session: Session, changes: Sequence[Change]) -> dict[int, _MeetingChange]:
    """Each change of ``changes`` made to one meeting of a series, by its number."""
    ids = {change.record_id for change in changes if change.record_table == _MEETINGS}
    if not ids:
        return {}
    found: dict[int, _MeetingChange] = {}
    states: dict[str, dict[str, Any] | None] = {}
    for change in session.scalars(
        select(Change)
        .where(Change.record_table == _MEETINGS, Change.record_id.in_(ids))
        .order_by(Change.id)
    ):
        before = states.get(change.record_id)
        fields: dict[str, list[Any]] = json.loads(change.fields)
        if change.action == DELETED:
            gone = dict(before or {})
            gone.update({name: old for name, (old, _new) in fields.items()})
            before, after = gone, None
        else:
            after = dict(before or {}) if change.action == CHANGED else {}
            after.update({name: new for name, (_old, new) in fields.items()})
        states[change.record_id] = after
        event_id = (after or before or {}).get("event_id")
        if not isinstance(event_id, str):
            now = session.get(OccurrenceOverride, change.record_id)
            if now is None:
                continue  # a meeting of no series this history knows: left as it is
            event_id = now.event_id
        found[change.id] = _MeetingChange(event_id, before, after)
    return found


def _series_facts(session: Session, event_id: str) -> tuple[str | None, str]:
    """The label of the series ``event_id`` (None: unknown) and its zone, from the
    program or, for one deleted since, from its history."""
    event = session.get(Event, event_id)
    if event is not None:
        return event.label(), event.zone
    last = session.scalars(
        select(Change).where(Change.record_id == event_id).order_by(Change.id.desc()).limit(1)
    ).first()
    if last is None:
        return None, "UTC"
    zone = json.loads(last.fields).get("zone", [None, None])
    named = next((value for value in zone if isinstance(value, str)), "UTC")
    return spoken(last.record_labels) or last.record_label, (
        named if timezones.is_zone(named) else "UTC"
    )


def _local(value: Any, zone: str) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return timezones.to_local(datetime.fromisoformat(value), zone)
    except ValueError:
        return None


def _moment_text(local: datetime) -> str:
    """Wed 17 Mar 2027 17:00 JST."""
    return f"{i18n.day_text(local.date())} {i18n.time_text(local)} {timezones.clock_label(local)}"


def _span(state: dict[str, Any], zone: str) -> str | None:
    start, end = _local(state.get("start_utc"), zone), _local(state.get("end_utc"), zone)
    if start is None or end is None:
        return None
    return timezones.span_text(start, end, day=i18n.day_text, zone=True)


def _meeting_words(found: _MeetingChange, zone: str, with_series: bool) -> str:
    """The change of one meeting as a coordinator says it."""
    before, after = found.before or {}, found.after or {}
    rule_start = _local(after.get("recurrence_id") or before.get("recurrence_id"), zone)
    when = _moment_text(rule_start) if rule_start is not None else "?"
    if found.before and found.after and before.get("recurrence_id") != after.get("recurrence_id"):
        earlier = _local(before.get("recurrence_id"), zone)
        return _("Meeting of {old}: its change follows its series to the meeting of {new}").format(
            old=_moment_text(earlier) if earlier is not None else "?", new=when
        )
    if found.after is None:
        if with_series:
            return _("Meeting of {when}: its change deleted with its series").format(when=when)
        if before.get("cancelled"):
            return _("Meeting of {when} held again, where its series places it").format(when=when)
        return _("Meeting of {when} moved back from {old} to where its series places it").format(
            when=when, old=_span(before, zone) or "?"
        )
    if after.get("cancelled"):
        return _("Meeting of {when} cancelled").format(when=when)
    new = _span(after, zone) or "?"
    if found.before is None:
        return _("Meeting of {when} moved to {new}").format(when=when, new=new)
    if before.get("cancelled"):
        return _("Meeting of {when} held again, moved to {new}").format(when=when, new=new)
    return _("Meeting of {when} moved from {old} to {new}").format(
        when=when, old=_span(before, zone) or "?", new=new
    )


def _deleted_with_series(session: Session, change_id: int, found: _MeetingChange) -> bool:
    """The meeting's change was deleted as its series was (in the same flush)."""
    if found.after is not None:
        return False
    change = session.get(Change, change_id)
    return change is not None and (
        session.scalar(
            select(Change.id).where(
                Change.record_id == found.event_id,
                Change.action == DELETED,
                Change.changed_at == change.changed_at,
            )
        )
        is not None
    )


def _meeting_entry(session: Session, entry: HistoryEntry, found: _MeetingChange) -> HistoryEntry:
    """``entry``, a change of one meeting, as its series' history lists it: named by the
    series, and worded."""
    label, zone = _series_facts(session, found.event_id)
    with_series = _deleted_with_series(session, entry.change_id, found)
    return replace(
        entry,
        label=label or entry.label,
        meeting=_meeting_words(found, zone, with_series),
        series_id=found.event_id,
    )


# -- a change in the words a coordinator reads ---------------------------------------------
# The history keeps what the store keeps: an enumeration's value, a linked record's id, an
# all-day event's instants. The panel and the command both show the words worked out
# here, once, from the program and the history, in the language the program speaks.

_CLOCK_FIELDS = ("all_day", "zone", "start_utc", "end_utc")
"""What an event's start and end are read by: all day or not, in which zone."""


def _models_by_name() -> dict[str, type[Base]]:
    return {mapper.class_.__name__: mapper.class_ for mapper in Base.registry.mappers}


def _models_by_table() -> dict[str, type[Base]]:
    """Each table's entity, the first mapped on it (as :func:`_model_of` finds it)."""
    found: dict[str, type[Base]] = {}
    for mapper in Base.registry.mappers:
        found.setdefault(str(getattr(mapper.local_table, "name", "")), mapper.class_)
    return found


def _linked_model(model: type[Base], name: str, tables: dict[str, type[Base]]) -> type[Base] | None:
    """The kind of record the field ``name`` of ``model`` links to (a list of links or a
    reference), or None for a field of values; ``tables``: :func:`_models_by_table`."""
    relationship = model.__mapper__.relationships.get(name)
    if relationship is not None and (relationship.secondary is not None or name in KEPT_BY_OTHERS):
        linked: type[Base] = relationship.mapper.class_
        return linked
    column = model.__table__.columns.get(name)
    if column is None or not column.foreign_keys:
        return None
    table = next(iter(column.foreign_keys)).column.table.name
    return tables.get(table)


def _name_of(record: Base) -> str:
    """A record's name as the program's lists show it (its Japanese name in Japanese);
    a record named by more than a name (a tour day, a journey) by its label."""
    if type(record).label is not Base.label:
        return record.label()
    name = str(getattr(record, record.named_by, None) or record.id_or_new())
    japanese = record.named_in_japanese_by
    return i18n.shown_name(name, getattr(record, japanese)) if japanese else name


def _remembered_name(model: type[Base], change: Change) -> str | None:
    """The name a record no longer in the program had, from its newest entry: its name
    as the entry recorded it (a deletion keeps every value), else the entry's label."""
    fields: dict[str, list[Any]] = json.loads(change.fields)

    def value(key: str | None) -> str | None:
        pair = fields.get(key or "") or [None, None]
        found = pair[0] if change.action == DELETED else pair[1]
        return found if isinstance(found, str) and found else None

    name = value(model.named_by) if model.label is Base.label else None
    if name is not None:
        return i18n.shown_name(name, value(model.named_in_japanese_by))
    return spoken(change.record_labels) or change.record_label or None


def _linked_names(
    session: Session, wanted: dict[type[Base], set[str]]
) -> dict[tuple[type[Base], str], str]:
    """The name of each linked record ``wanted`` names: its current name, else the one
    its history recorded, marked deleted, else a deleted record's wording."""
    found: dict[tuple[type[Base], str], str] = {}
    for model, ids in wanted.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):
            part = ordered[start : start + 500]
            records = session.scalars(select(model).where(model.__table__.c.id.in_(part))).all()
            for record in records:
                found[(model, str(getattr(record, "id", "")))] = _name_of(record)
            gone = [item for item in part if (model, item) not in found]
            if not gone:
                continue
            newest: dict[str, Change] = {}
            for change in session.scalars(
                select(Change).where(Change.record_id.in_(gone)).order_by(Change.id)
            ):
                newest[change.record_id] = change
            for item in gone:
                last = newest.get(item)
                name = None if last is None else _remembered_name(model, last)
                found[(model, item)] = (
                    _("{name} (deleted)").format(name=name)
                    if name is not None
                    else _("deleted record")
                )
    return found


def _event_clocks(
    session: Session, entries: Sequence[HistoryEntry]
) -> dict[int, tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """For each change of an event's start or end among ``entries``: the event's
    all-day flag, zone, start and end just before and just after it, followed back from
    the event as it is now (or as its deletion left it) through its later changes."""
    asked = {
        entry.change_id: entry.record_id
        for entry in entries
        if entry.model == Event.__name__
        and entry.action == CHANGED
        and any(field.name in ("start_utc", "end_utc") for field in entry.fields)
    }
    if not asked:
        return {}
    ids = set(asked.values())
    now: dict[str, dict[str, Any] | None] = {
        str(row.id): {name: plain(getattr(row, name)) for name in _CLOCK_FIELDS}
        for row in session.execute(
            select(Event.id, Event.all_day, Event.zone, Event.start_utc, Event.end_utc).where(
                Event.id.in_(ids)
            )
        )
    }
    found: dict[int, tuple[dict[str, Any] | None, dict[str, Any] | None]] = {}
    for change_id, record_id, action, text in session.execute(
        select(Change.id, Change.record_id, Change.action, Change.fields)
        .where(
            Change.record_table == Event.__tablename__,
            Change.record_id.in_(ids),
            Change.id >= min(asked),
        )
        .order_by(Change.id.desc())
    ):
        fields: dict[str, list[Any]] = json.loads(text)
        after = now.get(record_id)
        before: dict[str, Any] | None
        if action == CREATED:
            before = None
        elif action == DELETED:
            after = None
            before = {name: fields.get(name, [None])[0] for name in _CLOCK_FIELDS}
        else:
            before = dict(after or {})
            for name in _CLOCK_FIELDS:
                if name in fields:
                    before[name] = fields[name][0]
        if change_id in asked:
            found[change_id] = (before, after)
        now[record_id] = before
    return found


def _all_day_text(name: str, state: dict[str, Any] | None) -> str | None:
    """An all-day event's start as its first day and its end as its last day, as the
    calendar's views place it (:func:`~cpp_scheduler.model.event_filter.meeting_days`);
    None when the event was not all day then."""
    if not state or not state.get("all_day"):
        return None
    zone = state.get("zone")
    start, end = state.get("start_utc"), state.get("end_utc")
    if not (isinstance(zone, str) and timezones.is_zone(zone)):
        return None
    if not (isinstance(start, str) and isinstance(end, str)):
        return None
    try:
        first, last = meeting_days(
            datetime.fromisoformat(start),
            datetime.fromisoformat(end),
            zone,
            all_day=True,
            clock=zone,
        )
    except ValueError:
        return None
    return i18n.day_text(first if name == "start_utc" else last)


def _value_text(
    model: type[Base] | None,
    name: str,
    value: Any,
    names: dict[tuple[type[Base], str], str],
    state: dict[str, Any] | None,
    tables: dict[str, type[Base]],
) -> str | None:
    """One value of a field in words (see :attr:`FieldChange.old_text`)."""
    if value is None:
        return None
    linked = None if model is None else _linked_model(model, name, tables)
    if linked is not None:
        if isinstance(value, list):
            shown = sorted((names[(linked, str(item))] for item in value), key=i18n.reading_key)
            return i18n.list_text(shown) if shown else None
        return names[(linked, str(value))]
    column = None if model is None else model.__table__.columns.get(name)
    kind = None if column is None else column.type
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        try:
            return str(getattr(kind.enum_class(value), "label", value))
        except (ValueError, AttributeError):
            pass
    if isinstance(kind, UTCDateTime) and isinstance(value, str):
        dates = _all_day_text(name, state)
        if dates is not None:
            return dates
        try:
            moment = datetime.fromisoformat(value).astimezone(UTC)
        except ValueError:
            pass
        else:
            return f"{i18n.day_text(moment.date())} {i18n.time_text(moment)} UTC"
    if isinstance(kind, Date) and isinstance(value, str):
        try:
            return i18n.day_text(date.fromisoformat(value))
        except ValueError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _worded(session: Session, entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """``entries`` with each field of a change of values in words: the one reading of a
    change the panel and the command both show."""
    models, tables = _models_by_name(), _models_by_table()
    wanted: dict[type[Base], set[str]] = {}
    for entry in entries:
        model = models.get(entry.model)
        if entry.action != CHANGED or entry.meeting is not None or model is None:
            continue
        for field in entry.fields:
            linked = _linked_model(model, field.name, tables)
            if linked is None:
                continue
            for value in (field.old, field.new):
                items = value if isinstance(value, list) else [value]
                wanted.setdefault(linked, set()).update(str(item) for item in items if item)
    names = _linked_names(session, wanted)
    clocks = _event_clocks(session, entries)
    set_aside = meetings_set_aside(
        session,
        (
            AskedChange(entry.change_id, entry.record_id, entry.changed_at)
            for entry in entries
            if entry.model == Event.__name__
            and entry.action == CHANGED
            and entry.meeting is None
            and any(field.name in SERIES_FIELDS for field in entry.fields)
        ),
    )
    worded: list[HistoryEntry] = []
    for entry in entries:
        model = models.get(entry.model)
        if entry.action != CHANGED or entry.meeting is not None:
            worded.append(entry)
            continue
        before, after = clocks.get(entry.change_id, (None, None))
        fields = tuple(
            replace(
                field,
                old_text=_value_text(model, field.name, field.old, names, before, tables),
                new_text=_value_text(model, field.name, field.new, names, after, tables),
            )
            for field in entry.fields
        )
        worded.append(
            replace(entry, fields=fields, set_aside=tuple(set_aside.get(entry.change_id, ())))
        )
    return worded


def _record_ids(session: Session, uid_or_id: str) -> list[str]:
    """The record an id names, or the event a calendar UID names: one in the program
    now, or else one deleted since, found by the UID its history recorded."""
    if len(uid_or_id) > _LONGEST_UID:
        return [uid_or_id]  # no event has so long a UID: nothing to search the history for
    found = session.scalars(select(Event.id).where(Event.uid == uid_or_id)).all()
    if not found:
        found = _deleted_events_with_uid(session, uid_or_id)
    return [*found, uid_or_id]


_LONGEST_UID: int = Event.__table__.c.uid.type.length  # type: ignore[attr-defined]
"""The longest calendar UID an event can hold (its column's length)."""


def _deleted_events_with_uid(session: Session, uid: str) -> list[str]:
    """The events no longer in the program whose history gives them the calendar UID
    ``uid`` (a deletion's entry holds every value the event had)."""
    written = json.dumps(uid, ensure_ascii=False)  # as the entries' JSON writes it
    candidates = session.execute(
        select(Change.record_id, Change.fields)
        .where(
            Change.record_table == Event.__tablename__,
            Change.action.in_((CREATED, DELETED)),
            Change.fields.contains(written, autoescape=True),
        )
        .order_by(Change.id)
    ).all()
    ids: list[str] = []
    for record_id, fields in candidates:
        if record_id in ids:
            continue
        if uid in json.loads(fields).get("uid", ()) and session.get(Event, record_id) is None:
            ids.append(record_id)
    return ids


def _meeting_ids(session: Session, ids: Sequence[str]) -> list[str]:
    """The meetings of the series among ``ids`` that were ever moved or cancelled: those
    changed now, and those put back since, whose entries were written with a change of
    their series (in the same flush)."""
    found = set(
        session.scalars(
            select(OccurrenceOverride.id).where(OccurrenceOverride.event_id.in_(ids))
        ).all()
    )
    times = session.scalars(
        select(Change.changed_at)
        .where(Change.record_id.in_(ids), Change.record_table == Event.__tablename__)
        .distinct()
    ).all()
    wanted = set(ids)
    for start in range(0, len(times), 500):
        for record_id, fields in session.execute(
            select(Change.record_id, Change.fields).where(
                Change.changed_at.in_(times[start : start + 500]),
                Change.record_table == _MEETINGS,
                Change.action.in_((CREATED, DELETED)),
            )
        ):
            pair = json.loads(fields).get("event_id") or [None, None]
            if wanted.intersection(value for value in pair if isinstance(value, str)):
                found.add(record_id)
    return sorted(found)


def read_history_of(database: Database, uid_or_id: str) -> HistoryRead:
    """The changes of the record with this id (or the event with this calendar UID,
    also one deleted since), oldest first, and how many there are in all; a series'
    history lists the changes of its meetings too (see :attr:`HistoryEntry.meeting`)."""
    with database.reading() as session:
        ids = _record_ids(session, uid_or_id)
        version = session.scalar(
            select(Change.version)
            .where(Change.record_id.in_(ids))
            .order_by(Change.id.desc())
            .limit(1)
        )
        return replace(_history_of(session, ids), version=version)


def _history_of(session: Session, ids: list[str]) -> HistoryRead:
    """The changes of the records ``ids`` (one record, by its id and the UID asked)."""
    meetings = _meeting_ids(session, ids)
    if not meetings:
        return _newest(session, Change.record_id.in_(ids))
    # A meeting's change deleted with its series is told by the series' deletion,
    # whose revert brings it back: not listed apart.
    deleted = session.scalars(
        select(Change.changed_at).where(Change.record_id.in_(ids), Change.action == DELETED)
    ).all()
    return _newest(
        session,
        Change.record_id.in_(ids)
        | (
            Change.record_id.in_(meetings)
            & ~((Change.action == DELETED) & Change.changed_at.in_(deleted))
        ),
    )


def history_of(database: Database, uid_or_id: str) -> list[HistoryEntry]:
    """Every change of the record with this id (or the event with this calendar UID),
    oldest first; the newest :data:`HISTORY_LIMIT` of them (see :func:`read_history_of`)."""
    return read_history_of(database, uid_or_id).entries


def latest_change(database: Database, record_id: str) -> HistoryEntry | None:
    """The newest change of the record with this id, or None when the history holds
    none: what an editor open on it looks at when the window could not hear changes."""
    with database.session() as session:
        change = session.scalars(
            select(Change).where(Change.record_id == record_id).order_by(Change.id.desc()).limit(1)
        ).first()
        return None if change is None else _entries(session, [change])[0]


def read_history_since(database: Database, since: datetime) -> HistoryRead:
    """The changes made at or after ``since`` (aware), oldest first, and how many there
    are in all."""
    with database.session() as session:
        return _newest(session, Change.changed_at >= since)


def history_since(database: Database, since: datetime) -> list[HistoryEntry]:
    """Every change made at or after ``since`` (aware), oldest first; the newest
    :data:`HISTORY_LIMIT` of them (see :func:`read_history_since`)."""
    return read_history_since(database, since).entries


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
    """The values to save to undo ``fields``; refused when a value has moved on since.

    A list of links never clashes (as a save over a colleague's change merges them): the
    records the change linked are taken off and those it took off put back, and what a
    colleague linked or took off since stays."""
    links = link_keys(model)
    values: dict[str, Any] = {}
    for field in fields:
        if field.name in BOOKKEEPING:
            continue  # the store's own (the calendar SEQUENCE rises again by itself)
        if field.name in KEPT_BY_OTHERS:
            continue  # a session's own change filed it: reverting this one leaves it
        if field.name in links:
            linked_now = {str(linked.id) for linked in getattr(record, field.name)}
            before, after = set(field.old or []), set(field.new or [])
            values[links[field.name]] = sorted((linked_now - (after - before)) | (before - after))
            continue
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


def _recreate(session: Session, model: type[Base], entry: HistoryEntry) -> Base:
    """Bring back a deleted record with the values and links its deletion recorded,
    through the rules a new record meets; a linked record gone since refuses it. It
    takes up its numbering after the highest version its history holds, never at a
    number a colleague may still hold."""
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
    record = create_record(session, model, values, entry.record_id, bookkeeping=kept)
    highest = session.scalar(
        select(func.max(Change.version)).where(Change.record_id == entry.record_id)
    )
    version = max(int(highest or 0), entry.version) + 1
    table = model.__table__
    assert isinstance(table, Table)
    session.execute(update(table).where(table.c.id == entry.record_id).values(version=version))
    set_committed_value(record, "version", version)
    renumber(session, table.name, entry.record_id, version)
    return record


#: How far from a deletion's or a creation's own entries the entries of the records its
#: save changed may have been noted, at most: read only for a save made before each
#: save's entries were grouped, which wrote them in a flush of their own.
_SAME_DELETION = timedelta(seconds=5)


def _of_its_save(deletion: Change) -> ColumnElement[bool]:
    """The entries written with ``deletion`` in one flush of one save: the same moment
    and author, and the same group where the save has one (every save since saves were
    grouped), which tells two saves of one moment apart."""
    same = (Change.changed_at == deletion.changed_at) & (Change.author == deletion.author)
    if deletion.group_id is not None:
        same = same & (Change.group_id == deletion.group_id)
    return same


def deleted_with(session: Session, deletion: Change) -> list[Change]:
    """The entries of the rows a deletion took with it (a conference's sessions, a
    series' changed meetings, and theirs in turn), parents first: deleted in the same
    flush of the same save and each referring to a row deleted with it."""
    together = session.scalars(
        select(Change)
        .where(_of_its_save(deletion), Change.action == DELETED, Change.id != deletion.id)
        .order_by(Change.id)
    ).all()
    gone = {deletion.record_id}
    found: list[Change] = []
    progress = True
    while progress:
        progress = False
        for change in together:
            if change in found or change.record_id in gone:
                continue
            if _refers_to(change, gone):
                found.append(change)
                gone.add(change.record_id)
                progress = True
    return found


def _refers_to(change: Change, ids: set[str]) -> bool:
    """The deleted row of ``change`` referred by a foreign key to one of ``ids``."""
    try:
        model = _model_of(change.record_table)
    except RevertError:
        return False
    fields: dict[str, list[Any]] = json.loads(change.fields)
    return any(
        column.foreign_keys and fields.get(column.name, [None])[0] in ids
        for column in model.__table__.columns
    )


def _changed_with(session: Session, deletion: Change, gone: set[str]) -> list[Change]:
    """The entries of the other records the deletion itself changed: each took a link to
    a deleted row out of its list (a knowledge product's events) or cleared its
    reference to one (an event's venue). The deletion writes them in its own flush, so
    they are of its save and moment (:func:`_of_its_save`); a link the same coordinator
    took away in a save of its own just before is theirs to put back, not the revert's.

    A deletion saved before each save's entries were grouped wrote them in a flush of
    their own: they are then the same author's entries just before it, within
    :data:`_SAME_DELETION`, as that program read them."""
    if deletion.group_id is None:
        return _changed_with_ungrouped(session, deletion, gone)
    together = session.scalars(
        select(Change).where(_of_its_save(deletion), Change.action == CHANGED).order_by(Change.id)
    ).all()
    return [change for change in together if _taken_away(change, gone)]


def _changed_with_ungrouped(session: Session, deletion: Change, gone: set[str]) -> list[Change]:
    """:func:`_changed_with` for a deletion written before saves were grouped."""
    earlier = session.scalars(
        select(Change)
        .where(
            Change.id < deletion.id,
            Change.author == deletion.author,
            Change.changed_at >= deletion.changed_at - _SAME_DELETION,
        )
        .order_by(Change.id.desc())
    ).all()
    found: list[Change] = []
    for change in earlier:
        if change.action != CHANGED or not _taken_away(change, gone):
            break
        found.append(change)
    return list(reversed(found))


def _taken_away(change: Change, gone: set[str]) -> dict[str, list[str] | str]:
    """What ``change`` took away that refers to a row of ``gone``: per link field, the
    ids it took out of the list; per reference column, the id it cleared."""
    fields: dict[str, list[Any]] = json.loads(change.fields)
    taken: dict[str, list[str] | str] = {}
    for name, (old, new) in fields.items():
        if name in KEPT_BY_OTHERS:
            continue  # a session comes back under its conference by its own values
        if isinstance(old, list):
            out = [item for item in old if item in gone and item not in (new or [])]
            if out:
                taken[name] = out
        elif old in gone and new is None:
            taken[name] = old
    return taken


def _put_back_around(session: Session, changes: Sequence[Change], gone: set[str]) -> None:
    """Put back the links and references the deletion's transaction took from other
    records (see :func:`_changed_with`), each on the record so its version rises and its
    history says so; a record gone since, or a reference a colleague set since, stays."""
    with session.no_autoflush:  # one flush, one new version for each record changed
        for change in changes:
            try:
                model = _model_of(change.record_table)
            except RevertError:
                continue
            record = session.get(model, change.record_id)
            if record is None:
                continue
            relationships = model.__mapper__.relationships
            for name, taken in _taken_away(change, gone).items():
                if isinstance(taken, list) and name in relationships:
                    target = relationships[name].mapper.class_
                    linked = getattr(record, name)
                    for linked_id in taken:
                        found = session.get(target, linked_id)
                        if found is not None and found not in linked:
                            linked.append(found)
                elif isinstance(taken, str) and getattr(record, name, None) is None:
                    setattr(record, name, taken)
    session.flush()


def _bring_back(session: Session, model: type[Base], change: Change, entry: HistoryEntry) -> None:
    """Bring back a deleted record with what its deletion took with it (the rows deleted
    with it, the links and references other records held to it), as Undo of a delete
    does, from the entries its transaction left in the history."""
    _recreate(session, model, entry)
    gone = {change.record_id}
    for dependent in deleted_with(session, change):
        dependent_model = _model_of(dependent.record_table)
        if session.get(dependent_model, dependent.record_id) is None:
            _recreate(session, dependent_model, _entry(dependent))
        gone.add(dependent.record_id)
    _put_back_around(session, _changed_with(session, change, gone), gone)


def revert_change(
    database: Database, change_id: int, expected_version: int | None = None
) -> HistoryEntry:
    """Undo one change as a new change, through the normal checks; the new change.

    A change of values puts back the values it replaced, saved against the version
    read (``expected_version``, by default the record's version now). A creation
    deletes the record, refused when it changed since. A deletion brings the record
    back with its old values and links, refused when it exists again. A change of one
    meeting of a series puts the meeting back as it was, through
    :func:`~cpp_scheduler.services.series.set_meeting` against the series' version
    read. A change with nothing to revert (:attr:`HistoryEntry.refusal`) is refused,
    and nothing is saved.
    """
    with database.session() as session:
        change = session.get(Change, change_id)
        if change is not None and change.record_table == _MEETINGS:
            return _revert_meeting(database, change_id, expected_version)
    with database.transaction() as session:
        change = session.get(Change, change_id)
        if change is None:
            raise RevertError(
                _("the history holds no change number {number}").format(number=change_id)
            )
        entry = _entry(change)
        if (refusal := entry.refusal) is not None:
            raise RevertError(refusal)
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
            _bring_back(session, model, change, entry)
        elif record is None:
            raise RecordNotFoundError(
                _("{record} was deleted since; nothing to revert").format(record=entry.label)
            )
        elif entry.action == CREATED:
            check_version(record, expected_version)
            _take_back_creation(session, model, record, entry)
        else:
            values = _values_before(model, record, entry.fields)
            if not values:  # never saved as a change that changes nothing
                raise RevertError(
                    _(
                        "nothing to revert: this change of {record} holds only what the "
                        "program keeps by itself; revert the change that came with it"
                    ).format(record=entry.label)
                )
            update_record(session, model, record_id, values, expected_version)
    with database.session() as session:
        newest = session.scalars(
            select(Change).where(Change.record_id == record_id).order_by(Change.id.desc()).limit(1)
        ).one()
        return _entry(newest)


def _take_back_creation(
    session: Session, model: type[Base], record: Base, entry: HistoryEntry
) -> None:
    """Delete the record ``entry`` created, refused when anything changed it since:
    its values or its links (which raise its version past the one the creation made),
    or another record that refers to it or lists it now (a session filed under it, a
    knowledge product about it). Such a record is named first: filing a session under
    a conference raises its version too, and the session says more than the number."""
    _values_before(model, record, entry.fields)  # refused, naming a field changed since
    version = getattr(record, "version", None)
    label = record.label()
    # The version its last making left (the creation, or the undo of a deletion since,
    # which brings it back as it was): any change since, links too, raised it.
    made = session.scalar(
        select(Change.version)
        .where(
            Change.record_table == model.__tablename__,
            Change.record_id == entry.record_id,
            Change.action == CREATED,
        )
        .order_by(Change.id.desc())
        .limit(1)
    )
    touched: list[Touched] = []
    snapshot = delete_record(session, model, entry.record_id, touched=touched)
    refuse_standing_invitations(session, model, snapshot)
    for other in taken_from_others(session, snapshot, touched):
        if not _made_with(session, entry, other.table, other.record_id):
            raise RevertError(
                _(
                    "cannot revert the creation of {record}: {other} refers to it since; "
                    "change that first"
                ).format(record=entry.label, other=other.label)
            )
    if version is not None and made is not None and version != made:
        raise RevertError(
            _(
                "cannot revert the creation of {record}: it was changed since (version "
                "{version}, created as {created}); revert the later changes first"
            ).format(record=label, version=version, created=made)
        )


def _made_with(session: Session, creation: HistoryEntry, table: str, record_id: str) -> bool:
    """Whether the other record was last changed along with the ``creation`` (a
    conference's sessions brought back with it, a list of links put back) in its save,
    rather than since: a save of the creator's own moments later is a save since.

    Each save's entries share a group; entries written before saves were grouped are
    told apart as that program read them, by author and moment."""
    newest = session.scalars(
        select(Change)
        .where(Change.record_table == table, Change.record_id == record_id)
        .order_by(Change.id.desc())
        .limit(1)
    ).first()
    if newest is None:
        return False
    made = session.get(Change, creation.change_id)
    if made is not None and made.group_id is not None and newest.group_id is not None:
        return newest.group_id == made.group_id
    return (
        newest.author == creation.author
        and abs(newest.changed_at - creation.changed_at) <= _SAME_DELETION
    )


def _state_now(record: OccurrenceOverride | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {name: plain(getattr(record, name)) for name in _STATE_FIELDS}


def _same_state(first: dict[str, Any] | None, second: dict[str, Any] | None) -> bool:
    if first is None or second is None:
        return first is None and second is None
    return all(first.get(name) == second.get(name) for name in _STATE_FIELDS[1:])


def _revert_meeting(
    database: Database, change_id: int, expected_version: int | None
) -> HistoryEntry:
    """Put one meeting of a series back as it was before the change ``change_id``, as
    one change of its series saved against ``expected_version`` (by default the
    series' version now); refused when the meeting changed again since."""
    with database.session() as session:
        change = session.get(Change, change_id)
        assert change is not None
        entry = _entries(session, [change])[0]
        found = _meeting_changes(session, [change]).get(change_id)
        if found is None or entry.series_id is None:
            raise RevertError(
                _("the history does not say which series {record} belongs to").format(
                    record=entry.label
                )
            )
        event = session.get(Event, found.event_id)
        if event is None:
            raise RecordNotFoundError(
                _("{record} was deleted since; nothing to revert").format(record=entry.label)
            )
        assert entry.meeting is not None
        before, after = found.before, found.after
        state = before or after or {}
        if (
            before is not None
            and after is not None
            and (before.get("recurrence_id") != after.get("recurrence_id"))
        ):
            raise RevertError(
                _(
                    "cannot revert this change of {record} by itself: the meeting's change "
                    "followed its series when the series moved; revert that move instead"
                ).format(record=entry.label)
            )
        recurrence_id = stored_value(OccurrenceOverride, "recurrence_id", state["recurrence_id"])
        now = next((item for item in event.changes if item.recurrence_id == recurrence_id), None)
        if not _same_state(_state_now(now), after):
            raise RevertError(
                _(
                    "cannot revert this change of {record}: its meeting was changed again "
                    "since; revert the later change first"
                ).format(record=entry.label)
            )
        target = (
            None
            if before is None
            else series.MeetingState(
                stored_value(OccurrenceOverride, "start_utc", before.get("start_utc")),
                stored_value(OccurrenceOverride, "end_utc", before.get("end_utc")),
                bool(before.get("cancelled")),
            )
        )
        version = event.version if expected_version is None else expected_version
        earlier_id = None if now is None else now.id
    edit = series.set_meeting(
        database, found.event_id, recurrence_id, target, version, as_given=True
    )
    with database.session() as session:
        left = session.scalar(
            select(OccurrenceOverride.id).where(
                OccurrenceOverride.event_id == found.event_id,
                OccurrenceOverride.recurrence_id == recurrence_id,
            )
        )
        written = left or earlier_id
        newest = session.scalars(
            select(Change).where(Change.record_id == written).order_by(Change.id.desc()).limit(1)
        ).one()
        return replace(_entries(session, [newest])[0], series_version=edit.version)


__all__ = [
    "FieldChange",
    "HistoryEntry",
    "HistoryRead",
    "RevertError",
    "history_of",
    "history_since",
    "read_history_of",
    "read_history_since",
    "revert_change",
]
