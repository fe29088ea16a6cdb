"""Moving an event, and moving or cancelling one meeting of a series, against the version
read.

A drag in the calendar and the "Cancel one meeting" command change what a coordinator
saw: the event at the version its row showed. Each operation here takes that version and
refuses (:class:`~cpp_scheduler.store.ConcurrentEditError`) when the event changed since,
so two coordinators moving the same meeting never silently overwrite each other. Any
change to one meeting raises its series' version (and calendar SEQUENCE, see
:mod:`cpp_scheduler.model.integrity`), so the check covers the meetings too.

Each operation returns what undoing it needs: the meeting's former state and the version
the event was left at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cpp_scheduler import timezones
from cpp_scheduler.i18n import _
from cpp_scheduler.model import Event, OccurrenceOverride, recurrence
from cpp_scheduler.services.editing import (
    RecordNotFoundError,
    Saved,
    change,
    check_version,
    get_record,
)
from cpp_scheduler.store import Database


@dataclass(frozen=True)
class MeetingState:
    """What the coordinator did to one meeting: moved it (its new times) or cancelled it."""

    start_utc: datetime | None = None
    end_utc: datetime | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class MeetingEdit:
    """The outcome of a change to one meeting."""

    before: MeetingState | None
    """The meeting's state before (None: it was where its rule puts it)."""
    version: int
    """The version the event is at now."""


@dataclass(frozen=True)
class Meeting:
    """One meeting as the window names it: its event, its times now, and the event's
    version when read."""

    event_id: str
    title: str
    start_utc: datetime
    end_utc: datetime
    recurrence_id: datetime | None
    version: int
    moved: bool = False
    """Moved off its series' time, as the engine judges it (``Occurrence.moved``) and the
    calendar and ``events list`` mark it: a meeting placed on one reading of a time the
    clocks skip or pass twice is not moved, one moved and brought back to its rule's
    time still is."""


@dataclass(frozen=True)
class Meetings:
    """The meetings of one event as read together, with its name and version."""

    title: str
    version: int
    is_series: bool
    meetings: list[Meeting]


def meetings(database: Database, event_id: str) -> Meetings:
    """Every meeting of an event (one for a one-off event), moved ones where they are now,
    cancelled ones left out."""
    with database.reading() as session:
        event = get_record(session, Event, event_id)
        return Meetings(
            event.title,
            event.version,
            event.is_series,
            [
                Meeting(
                    event.id,
                    event.title,
                    item.start,
                    item.end,
                    item.recurrence_id,
                    event.version,
                    item.moved,
                )
                for item in event.occurrences()
            ],
        )


def meeting(database: Database, event_id: str, recurrence_id: datetime | None) -> Meeting:
    """One meeting of an event (``recurrence_id`` None: a one-off event, or a series as a
    whole at its first meeting's times)."""
    with database.reading() as session:
        event = get_record(session, Event, event_id)
        if recurrence_id is None:
            return Meeting(
                event.id, event.title, event.start_utc, event.end_utc, None, event.version
            )
        for item in event.occurrences():
            if item.recurrence_id == recurrence_id:
                return Meeting(
                    event.id,
                    event.title,
                    item.start,
                    item.end,
                    recurrence_id,
                    event.version,
                    item.moved,
                )
        raise RecordNotFoundError(_gone_from_series(event))


def _gone_from_series(event: Event) -> str:
    """Why a meeting of ``event`` cannot be found: the series changed since it was read."""
    return _("that meeting of '{title}' is no longer in its series").format(title=event.title)


def move_event(
    database: Database, event_id: str, start: datetime, end: datetime, expected_version: int
) -> Saved:
    """Move (or resize) a whole event to ``start``-``end`` (UTC), as it was at
    ``expected_version``; a series keeps its rule and moves with its first meeting.

    An all-day event moves by whole days of its zone: a drag across a change of clocks
    (a 23 or 25 hour day) still lands on midnights."""
    with database.session() as session:
        event = get_record(session, Event, event_id)
        if event.all_day:
            start, end = whole_days(start, end, event.zone)
    return change(database, Event, event_id, {"start_utc": start, "end_utc": end}, expected_version)


def whole_days(start: datetime, end: datetime, zone: str) -> tuple[datetime, datetime]:
    """The whole days of ``zone`` nearest to ``start``..``end``: at least one."""
    first = timezones.to_local(start + timedelta(hours=12), zone).date()
    days = max(1, round((end - start) / timedelta(days=1)))
    return timezones.local_days(first, first + timedelta(days=days - 1), zone)


def set_meeting(
    database: Database,
    event_id: str,
    recurrence_id: datetime,
    state: MeetingState | None,
    expected_version: int,
    *,
    as_given: bool = False,
) -> MeetingEdit:
    """Record ``state`` for one meeting of a series (None: put it back where its rule
    places it), when the event is still at ``expected_version``. A new state at the very
    time and length the rule gives puts the meeting back too
    (:func:`recurrence.changes_nothing`): a meeting dragged away and back is no move,
    and no calendar file carries it as a change. ``as_given``: record ``state`` as it
    is, as undo and a revert restore what was stored, which may be such a change kept
    on purpose (a move held as ruled since its series' rule changed, which reverting
    the rule finds again: :attr:`recurrence.FollowedChange.as_ruled`)."""
    with database.transaction() as session:
        event = get_record(session, Event, event_id)
        check_version(event, expected_version)
        if (
            state is not None
            and not as_given
            and recurrence.changes_nothing(
                recurrence.OccurrenceChange(
                    recurrence_id, state.cancelled, state.start_utc, state.end_utc
                ),
                event.series_times(),
            )
        ):
            state = None
        rule_gives = recurrence.expand(
            event.start_utc, event.end_utc, event.zone, event.recurrence_rule
        )
        if not event.is_series or all(item.recurrence_id != recurrence_id for item in rule_gives):
            raise RecordNotFoundError(_gone_from_series(event))
        existing = next(
            (change for change in event.changes if change.recurrence_id == recurrence_id), None
        )
        before = (
            None
            if existing is None
            else MeetingState(existing.start_utc, existing.end_utc, existing.cancelled)
        )
        if state is None:
            if existing is not None:
                event.changes.remove(existing)  # a changed meeting lives in its series
                # Deleted by name, not only as an orphan at the flush: the history then
                # holds the deletion (the meeting put back), as the session's deletions.
                session.delete(existing)
        elif existing is not None:
            existing.start_utc = state.start_utc
            existing.end_utc = state.end_utc
            existing.cancelled = state.cancelled
        else:
            event.changes.append(
                OccurrenceOverride(
                    recurrence_id=recurrence_id,
                    start_utc=state.start_utc,
                    end_utc=state.end_utc,
                    cancelled=state.cancelled,
                )
            )
        session.flush()
        return MeetingEdit(before, event.version)


def move_meeting(
    database: Database,
    event_id: str,
    recurrence_id: datetime,
    start: datetime,
    end: datetime,
    expected_version: int,
) -> MeetingEdit:
    """Move one meeting of a series to ``start``-``end`` (UTC); the others stay."""
    return set_meeting(
        database, event_id, recurrence_id, MeetingState(start, end, False), expected_version
    )


def cancel_meeting(
    database: Database, event_id: str, recurrence_id: datetime, expected_version: int
) -> MeetingEdit:
    """Cancel one meeting of a series; calendar files then leave it out (EXDATE)."""
    return set_meeting(
        database, event_id, recurrence_id, MeetingState(None, None, True), expected_version
    )
