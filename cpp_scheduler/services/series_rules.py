"""What a new rule or start does to a series' moved and cancelled meetings, told before
the save.

The save itself applies the one policy of :func:`cpp_scheduler.model.recurrence.follow_changes`
(through :meth:`Event.keep_changed_meetings`, whoever saves); this module reads what the
event dialog needs to say it beforehand, in words, so a coordinator who changes the third
Wednesday into the third Thursday sees the February cancellation follow to the Thursday
and is never surprised by a meeting that silently comes back: a change whose meeting the
new series does not hold is set aside, kept and applied nowhere, and the dialog names
it again when a later rule meets then and it applies once more.

It also reads what the series will hold once saved (:func:`draft_series`): the stored
changes carried over to the new rule as the save carries them, so the Series tab counts
and lists the meetings ``events list`` will give, and the dialog's local times describe
the first meeting held, as the Local times dock will.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

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


@dataclass(frozen=True, slots=True)
class HeldMeeting:
    """One meeting a series will hold, on the series' wall clock (naive, in its zone)."""

    start: datetime
    ruled: datetime | None = None
    """Where the rule places it, when it was moved from there; None when it is held
    where the rule places it."""


@dataclass(frozen=True, slots=True)
class WallClockSeries:
    """What a series will hold, on its own wall clock: what the Series tab lists."""

    held: tuple[HeldMeeting, ...]
    """The meetings held, in the order they are held."""
    cancelled: tuple[datetime, ...] = ()
    """The starts the rule gives the meetings that are cancelled, in order."""


@dataclass(frozen=True, slots=True)
class DraftSeries:
    """The meetings a series will hold once saved at new times: the stored moved and
    cancelled meetings that follow the new rule applied to it, as the save applies
    them (:func:`~cpp_scheduler.model.recurrence.carried_changes`)."""

    times: recurrence.SeriesTimes
    meetings: tuple[recurrence.Occurrence, ...]
    """The meetings held, in the rule's order, moved ones at their new times: those
    ``events list`` gives and the calendar shows."""
    cancelled: tuple[datetime, ...]
    """The meetings of the rule that are cancelled (their recurrence ids), in order."""
    followed: tuple[recurrence.FollowedChange, ...]
    """The stored changes that will name another meeting, or none
    (:func:`moving_changes`)."""
    returning: tuple[recurrence.OccurrenceChange, ...] = ()
    """The stored changes set aside until now (their day beyond the series as stored)
    that the new rule reaches again: they apply once more, as the save keeps them."""

    @property
    def first_held(self) -> recurrence.Occurrence | None:
        """The meeting the Local times dock and ``cpp-scheduler times`` describe once
        the series is saved: the first the rule gives that is held, at its moved time
        if it was moved; None when every meeting is cancelled."""
        return self.meetings[0] if self.meetings else None

    def cancelled_before(self, meeting: recurrence.Occurrence) -> tuple[datetime, ...]:
        """The cancelled meetings the rule places before ``meeting`` (their recurrence
        ids): why a later one is the first held."""
        ruled = meeting.recurrence_id or meeting.start
        return tuple(cancelled for cancelled in self.cancelled if cancelled < ruled)

    def on_the_wall_clock(self) -> WallClockSeries:
        """The meetings held and cancelled as the series' own clock reads them."""
        zone = self.times.zone
        held = [
            HeldMeeting(
                _wall_clock(meeting.start, zone),
                _wall_clock(meeting.recurrence_id, zone)
                if meeting.moved and meeting.recurrence_id is not None
                else None,
            )
            for meeting in self.meetings
        ]
        held.sort(key=lambda meeting: meeting.start)
        return WallClockSeries(
            tuple(held), tuple(_wall_clock(cancelled, zone) for cancelled in self.cancelled)
        )


@lru_cache(maxsize=16)
def draft_series(stored: StoredSeries, after: recurrence.SeriesTimes, end: datetime) -> DraftSeries:
    """What the series will hold once saved at ``after`` with its first meeting ending
    at ``end`` (UTC): the stored changes that apply to a meeting of the new rule, moved
    meetings at their moved times and cancelled ones left out.

    Pure arithmetic on the values (safe on any thread); the answers for the last few
    values are kept, as the dialog asks again for every keystroke elsewhere. Raises
    :class:`~cpp_scheduler.model.recurrence.RecurrenceError` (and what a zone raises)
    for a rule or zone the event's own rules refuse."""
    followed: list[recurrence.FollowedChange] = []
    if stored.times is not None and stored.times != after and stored.changes:
        followed = recurrence.follow_changes(stored.times, after, stored.changes)
    changes = recurrence.carried_changes(stored.changes, followed)
    meetings = recurrence.expand(after.start, end, after.zone, after.rule, changes)
    given = recurrence.meeting_ids(after.start, after.zone, after.rule)
    cancelled = sorted(
        change.recurrence_id
        for change in changes
        if change.cancelled and change.recurrence_id in given
    )
    returning: list[recurrence.OccurrenceChange] = []
    if stored.times is not None and stored.times != after and stored.changes:
        before = stored.times
        held_before = recurrence.meeting_ids(before.start, before.zone, before.rule)
        returning = sorted(
            (
                change
                for change in stored.changes
                if change.recurrence_id not in held_before and change.recurrence_id in given
            ),
            key=lambda change: change.recurrence_id,
        )
    return DraftSeries(
        after, tuple(meetings), tuple(cancelled), tuple(_moving(followed)), tuple(returning)
    )


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
    return _moving(followed)


def _moving(followed: list[recurrence.FollowedChange]) -> list[recurrence.FollowedChange]:
    """The changes that name another meeting, or none, after the save."""
    return [item for item in followed if item.meeting != item.change.recurrence_id]


def describe(followed: recurrence.FollowedChange, zone: str) -> str:
    """One sentence on what becomes of one change, its days read in the series' zone."""
    change = followed.change
    old = _day(change.recurrence_id, zone)
    moved = _day_time(change.start, zone) if change.start is not None else old
    if followed.meeting is None:
        if change.cancelled:
            return _(
                "The cancelled meeting of {day} is set aside while the series has no "
                "meeting then; it applies again if the series meets then."
            ).format(day=old)
        return _(
            "The meeting of {day} moved to {moved} is set aside while the series has no "
            "meeting then; it applies again if the series meets then."
        ).format(day=old, moved=moved)
    new = _day(followed.meeting, zone)
    if change.cancelled:
        return _("The cancelled meeting of {day} follows to {new}: it stays cancelled.").format(
            day=old, new=new
        )
    return _(
        "The meeting of {day} moved to {moved} follows to {new}: it keeps its moved time."
    ).format(day=old, moved=moved, new=new)


def describe_returning(change: recurrence.OccurrenceChange, zone: str) -> str:
    """One sentence on a change set aside until now that the series reaches again."""
    day = _day(change.recurrence_id, zone)
    if change.cancelled or change.start is None:
        return _(
            "The cancelled meeting of {day}, set aside, applies again: it stays cancelled."
        ).format(day=day)
    return _(
        "The meeting of {day} moved to {moved}, set aside, applies again: it keeps its moved time."
    ).format(day=day, moved=_day_time(change.start, zone))


def _day(instant: datetime, zone: str) -> str:
    return i18n.day_text(timezones.to_local(instant, zone).date())


def _day_time(instant: datetime, zone: str) -> str:
    local = timezones.to_local(instant, zone)
    return f"{i18n.day_text(local.date())} {i18n.time_text(local)}"


def _wall_clock(instant: datetime, zone: str) -> datetime:
    return timezones.to_local(instant, zone).replace(tzinfo=None)
