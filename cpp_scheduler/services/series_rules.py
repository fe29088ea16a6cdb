"""What a new rule or start does to a series' moved and cancelled meetings, told before
the save.

The save itself applies the one policy of :func:`cpp_scheduler.model.recurrence.follow_changes`
(through :meth:`Event.keep_changed_meetings`, whoever saves); this module reads what the
event dialog needs to say it beforehand, in words, so a coordinator who changes the third
Wednesday into the third Thursday sees the February cancellation follow to the Thursday
and is never surprised by a meeting that silently comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import _
from cpp_scheduler.model import Event, recurrence
from cpp_scheduler.store import Database


@dataclass(frozen=True)
class StoredSeries:
    """A series as stored: what placed its meetings, and its moved and cancelled ones."""

    times: recurrence.SeriesTimes | None = None
    """None for a new event, or one deleted meanwhile: no change to follow."""
    changes: tuple[recurrence.OccurrenceChange, ...] = ()


def read_stored_series(database: Database, event_id: str | None) -> StoredSeries:
    """The stored series of ``event_id``, in one read (on any thread)."""
    if event_id is None:
        return StoredSeries()
    with database.reading() as session:
        event = session.get(Event, event_id)
        if event is None or not event.changes:
            return StoredSeries()
        changes = tuple(change.as_change() for change in event.changes)
        return StoredSeries(event.series_times(), changes)


def moving_changes(
    stored: StoredSeries, after: recurrence.SeriesTimes
) -> list[recurrence.FollowedChange]:
    """The changes that will name another meeting, or none, once the series is saved
    at ``after``; none while the rule cannot be read (the dialog says why elsewhere)."""
    before = stored.times
    if before is None or before == after or not stored.changes:
        return []
    try:
        followed = recurrence.follow_changes(before, after, stored.changes)
    except (ValueError, LookupError, OverflowError):
        return []
    return [item for item in followed if item.meeting != item.change.recurrence_id]


def describe(followed: recurrence.FollowedChange, zone: str) -> str:
    """One sentence on what becomes of one change, its days read in the series' zone."""
    change = followed.change
    old = _day(change.recurrence_id, zone)
    moved = _day_time(change.start, zone) if change.start is not None else old
    if followed.meeting is None:
        if change.cancelled:
            return _("The cancelled meeting of {day} no longer applies and is dropped.").format(
                day=old
            )
        return _("The meeting of {day} moved to {moved} no longer applies and is dropped.").format(
            day=old, moved=moved
        )
    new = _day(followed.meeting, zone)
    if change.cancelled:
        return _("The cancelled meeting of {day} follows to {new}: it stays cancelled.").format(
            day=old, new=new
        )
    return _(
        "The meeting of {day} moved to {moved} follows to {new}: it keeps its moved time."
    ).format(day=old, moved=moved, new=new)


def _day(instant: datetime, zone: str) -> str:
    return i18n.day_text(timezones.to_local(instant, zone).date())


def _day_time(instant: datetime, zone: str) -> str:
    local = timezones.to_local(instant, zone)
    return f"{i18n.day_text(local.date())} {i18n.time_text(local)}"
