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

A meeting whose wall-clock start the clocks skip or read twice is never guessed: the
series is saved with it only when it holds an explicit change for it
(:meth:`Event.problems`). :func:`draft_series` names each such meeting the stored changes
do not place (:class:`UnplacedMeeting`, with the two instants it could mean), and turns
the coordinator's choice of each into the explicit change the save writes
(:attr:`DraftSeries.placed`), the same kind the calendar import writes. It names too
each meeting a stored change already places (:class:`PlacedMeeting`, with the reading
it starts at), so an answer given by mistake, in the dialog or by a calendar file, is
chosen again the same way and written over the old one. Such a placement is no move:
when the series' times change it goes where the series goes, at the same reading of
the new time or dropped when that time is an ordinary one
(:func:`~cpp_scheduler.model.recurrence.follow_changes`), and :func:`describe` says so
in those words, never as a moved meeting keeping its time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
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
class ClockChangeMeeting:
    """One meeting of a series on a wall-clock time the clocks skip or read twice in its
    zone: which of its two instants it starts at is the coordinator's answer."""

    problem: recurrence.Unplaced
    """What the time zone says of its start (the message ends with "choose … or …"), with
    the two instants it could mean (``problem.problem.candidates``, earlier first)."""
    recurrence_id: datetime
    """The instant RFC 5545 reads its start as, which names the meeting (the change
    written for it carries it, as the calendar import's does)."""
    first: bool
    """The series' first meeting: its instant is the start's own, chosen where the
    start is typed."""

    @property
    def local(self) -> datetime:
        """Its start on the series' wall clock (naive)."""
        return self.problem.problem.local

    @property
    def candidates(self) -> tuple[datetime, ...]:
        """The instants (UTC) its start could mean: before the change of clocks, after."""
        return self.problem.problem.candidates

    @property
    def skipped(self) -> bool:
        """Its time does not exist (the clocks jump over it); else it happens twice."""
        return isinstance(self.problem, timezones.NonexistentLocalTimeError)

    def instant(self, fold: timezones.Fold) -> datetime:
        """The instant the coordinator's answer means: the first or the second reading of
        a repeated time, the clock before or after the jump for a skipped one."""
        return self.candidates[fold.value]


@dataclass(frozen=True, slots=True)
class UnplacedMeeting(ClockChangeMeeting):
    """A meeting on a skipped or repeated time that no stored change places: the save
    waits until the coordinator chooses its instant."""


@dataclass(frozen=True, slots=True)
class PlacedMeeting(ClockChangeMeeting):
    """A meeting on a skipped or repeated time that a stored change places (the
    dialog's answer, or the calendar import's): the coordinator may choose again, the
    answer being theirs as much as the first one was."""

    reading: timezones.Fold
    """The reading the stored series places it at
    (:func:`~cpp_scheduler.model.recurrence.placed_reading`), whatever is chosen in its
    place."""


@dataclass(frozen=True, slots=True)
class HeldMeeting:
    """One meeting a series will hold, on the series' wall clock (naive, in its zone)."""

    start: datetime
    ruled: datetime | None = None
    """Where the rule places it, when it was moved from there; None when it is held
    where the rule places it."""
    clock: str = ""
    """The clock its start is read on where that wall-clock time is read twice that day
    (EST, on the night the clocks go back): which reading it is held at; empty for any
    other time (:func:`~cpp_scheduler.timezones.repeated_clock`)."""


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
    (:func:`moving_changes`), and the placements the save drops."""
    returning: tuple[recurrence.OccurrenceChange, ...] = ()
    """The stored changes set aside until now (their day beyond the series as stored)
    that the new rule reaches again: they apply once more, as the save keeps them."""
    unplaced: tuple[UnplacedMeeting, ...] = ()
    """The meetings on a skipped or repeated wall-clock time that no stored change
    places, in order, chosen or not."""
    placed: tuple[recurrence.OccurrenceChange, ...] = ()
    """The explicit changes that place the unplaced meetings chosen (the first at the
    start chosen for it), and the placed meetings chosen at another reading: what the
    save writes for them."""
    changes: tuple[recurrence.OccurrenceChange, ...] = ()
    """Every change the series holds once saved: the stored ones as carried over, and
    :attr:`placed` in place of those it answers again; the entity's rules judge the
    series with them."""
    placements: tuple[PlacedMeeting, ...] = ()
    """The meetings on a skipped or repeated wall-clock time that a stored change
    places at the new times, still naming the meeting it was stored for, in order: the
    answers the coordinator may give again. A moved meeting is no placement, and one
    whose change follows to another meeting waits until the series is saved (the line
    on what follows where says what becomes of it)."""

    def returning_descriptions(self, zone: str) -> list[str]:
        """A sentence on each change set aside until now that the series reaches again
        (:attr:`returning`): a meeting placed on a skipped or repeated time is said to
        keep its reading, not its moved time, as the model tells the two apart."""
        placed = {placement.recurrence_id for placement in self.placements}
        return [
            describe_returning(change, zone, placed=change.recurrence_id in placed)
            for change in self.returning
        ]

    @property
    def unanswered(self) -> tuple[UnplacedMeeting, ...]:
        """The unplaced meetings still to be chosen: the save refuses the series until
        there are none."""
        placed = {change.recurrence_id for change in self.placed}
        return tuple(meeting for meeting in self.unplaced if meeting.recurrence_id not in placed)

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
                timezones.repeated_clock(timezones.to_local(meeting.start, zone)),
            )
            for meeting in self.meetings
        ]
        held.sort(key=lambda meeting: meeting.start)
        return WallClockSeries(
            tuple(held), tuple(_wall_clock(cancelled, zone) for cancelled in self.cancelled)
        )


Choices = frozenset[tuple[datetime, timezones.Fold]]
"""The coordinator's answers for unplaced and placed meetings: each meeting's recurrence
id (its RFC 5545 reading, :attr:`ClockChangeMeeting.recurrence_id`) with the reading
chosen; a placed meeting's own reading changes nothing."""


@lru_cache(maxsize=16)
def draft_series(
    stored: StoredSeries,
    after: recurrence.SeriesTimes,
    end: datetime,
    chosen: Choices = frozenset(),
) -> DraftSeries:
    """What the series will hold once saved at ``after`` with its first meeting ending
    at ``end`` (UTC): the stored changes that apply to a meeting of the new rule, moved
    meetings at their moved times and cancelled ones left out, and each meeting on a
    skipped or repeated wall-clock time placed where ``chosen`` says (the first one at
    ``after.start``, the instant chosen for the start), the stored placements of later
    meetings too.

    Pure arithmetic on the values (safe on any thread); the answers for the last few
    values are kept, as the dialog asks again for every keystroke elsewhere. Raises
    :class:`~cpp_scheduler.model.recurrence.RecurrenceError` (and what a zone raises)
    for a rule or zone the event's own rules refuse."""
    if after.length is None:
        after = replace(after, length=end - after.start)
    followed: list[recurrence.FollowedChange] = []
    if stored.times is not None and stored.times != after and stored.changes:
        followed = recurrence.follow_changes(stored.times, after, stored.changes)
    changes = recurrence.carried_changes(stored.changes, followed)
    length = end - after.start
    unplaced, placements = _on_clock_changes(
        after, length, changes, {change.recurrence_id for change in stored.changes}
    )
    answers = dict(chosen)
    placed = (
        *_placed(unplaced, after.start, length, answers),
        *_placed_again(placements, length, answers),
    )
    answered = {change.recurrence_id for change in placed}
    changes = [
        *(change for change in changes if change.recurrence_id not in answered),
        *placed,
    ]
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
        after,
        tuple(meetings),
        tuple(cancelled),
        tuple(_moving(followed)),
        tuple(returning),
        unplaced,
        placed,
        tuple(changes),
        placements,
    )


def _on_clock_changes(
    times: recurrence.SeriesTimes,
    length: timedelta,
    changes: list[recurrence.OccurrenceChange],
    stored: set[datetime],
) -> tuple[tuple[UnplacedMeeting, ...], tuple[PlacedMeeting, ...]]:
    """The meetings of ``times`` on a skipped or repeated wall-clock time: those no
    change places, as :meth:`Event.problems` judges them, and those a change placing
    them (:func:`~cpp_scheduler.model.recurrence.placed_reading`) was stored for
    (``stored``: the recurrence ids the stored changes name)."""
    if not times.rule:
        return (), ()
    try:
        problems = recurrence.problem_starts(times.rule, times.start, times.zone)
    except recurrence.RecurrenceError:
        return (), ()  # a rule with no meeting: the entity's rules say so
    first = timezones.to_local(times.start, times.zone).replace(tzinfo=None)
    held = {change.recurrence_id: change for change in changes}
    unplaced: list[UnplacedMeeting] = []
    placements: list[PlacedMeeting] = []
    for problem in problems:
        meeting_id = recurrence.rfc_reading(problem)
        is_first = problem.problem.local == first
        change = held.get(meeting_id)
        if change is None:
            unplaced.append(UnplacedMeeting(problem, meeting_id, first=is_first))
            continue
        reading = recurrence.placed_reading(change, problem.problem.candidates, length)
        if reading is not None and meeting_id in stored:
            placements.append(PlacedMeeting(problem, meeting_id, is_first, reading))
    return tuple(unplaced), tuple(placements)


def _placed(
    unplaced: tuple[UnplacedMeeting, ...],
    start: datetime,
    length: timedelta,
    chosen: dict[datetime, timezones.Fold],
) -> tuple[recurrence.OccurrenceChange, ...]:
    """The explicit change for each unplaced meeting answered: at the instant chosen,
    as long as the series' first meeting (the first meeting's instant is the start's)."""
    placed: list[recurrence.OccurrenceChange] = []
    for meeting in unplaced:
        if meeting.first:
            at: datetime | None = start
        else:
            fold = chosen.get(meeting.recurrence_id)
            at = meeting.instant(fold) if fold is not None else None
        if at is not None:
            placed.append(
                recurrence.OccurrenceChange(meeting.recurrence_id, False, at, at + length)
            )
    return tuple(placed)


def _placed_again(
    placements: tuple[PlacedMeeting, ...],
    length: timedelta,
    chosen: dict[datetime, timezones.Fold],
) -> tuple[recurrence.OccurrenceChange, ...]:
    """The explicit change for each placed meeting chosen at the other reading, as long
    as the series' first meeting; the first meeting's reading is the start's own, chosen
    where the start is typed."""
    placed: list[recurrence.OccurrenceChange] = []
    for meeting in placements:
        fold = chosen.get(meeting.recurrence_id)
        if meeting.first or fold is None or fold is meeting.reading:
            continue
        at = meeting.instant(fold)
        placed.append(recurrence.OccurrenceChange(meeting.recurrence_id, False, at, at + length))
    return tuple(placed)


def placed_meetings(
    series: DraftSeries,
) -> dict[datetime, recurrence.OccurrenceChange | None]:
    """The explicit changes a save of ``series`` writes for its unplaced meetings and
    the placed ones chosen again, as the values of an event carry them
    (:data:`~cpp_scheduler.services.editing.PLACED_MEETINGS`)."""
    return {change.recurrence_id: change for change in series.placed}


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
    """The changes that name another meeting, or none, after the save, and the
    placements it drops."""
    return [item for item in followed if item.meeting != item.change.recurrence_id or item.dropped]


def describe(followed: recurrence.FollowedChange, zone: str) -> str:
    """One sentence on what becomes of one change, its days read in the series' zone."""
    change = followed.change
    old = _day(change.recurrence_id, zone)
    if followed.reading is not None and change.start is not None:
        return _describe_placement(followed, zone)
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
    if followed.as_ruled:
        return _(
            "The meeting of {day} moved to {moved} follows to {new}, which the series now "
            "holds at that time: it is no longer moved."
        ).format(day=old, moved=moved, new=new)
    return _(
        "The meeting of {day} moved to {moved} follows to {new}: it keeps its moved time."
    ).format(day=old, moved=moved, new=new)


def _describe_placement(followed: recurrence.FollowedChange, zone: str) -> str:
    """One sentence on a meeting placed on a skipped or repeated time: never a move, it
    goes where the series goes."""
    change = followed.change
    assert change.start is not None
    old = _day(change.recurrence_id, zone)
    placed = _reading_text(change.start, zone, change.recurrence_id)
    if followed.meeting is None:
        return _(
            "The meeting of {day} placed at {placed} is set aside while the series has no "
            "meeting then; it applies again if the series meets then."
        ).format(day=old, placed=placed)
    new = _day(followed.meeting, zone)
    if followed.kept is None or followed.kept.start is None:
        return _(
            "The meeting of {day} placed at {placed} follows to {new}, a time the clocks "
            "neither skip nor repeat: it starts there as the series does."
        ).format(day=old, placed=placed, new=new)
    return _(
        "The meeting of {day} placed at {placed} follows to {new}, a time the clocks skip "
        "or repeat too: it keeps the same reading, {now}."
    ).format(
        day=old,
        placed=placed,
        new=new,
        now=_reading_text(followed.kept.start, zone, followed.meeting),
    )


def describe_returning(
    change: recurrence.OccurrenceChange, zone: str, *, placed: bool = False
) -> str:
    """One sentence on a change set aside until now that the series reaches again;
    ``placed``: it places its meeting on a skipped or repeated time, no move."""
    day = _day(change.recurrence_id, zone)
    if change.cancelled or change.start is None:
        return _(
            "The cancelled meeting of {day}, set aside, applies again: it stays cancelled."
        ).format(day=day)
    if placed:
        return _(
            "The meeting of {day} placed at {placed}, set aside, applies again: it keeps "
            "that reading."
        ).format(day=day, placed=_reading_text(change.start, zone, change.recurrence_id))
    return _(
        "The meeting of {day} moved to {moved}, set aside, applies again: it keeps its moved time."
    ).format(day=day, moved=_day_time(change.start, zone))


def _day(instant: datetime, zone: str) -> str:
    return i18n.day_text(timezones.to_local(instant, zone).date())


def _day_time(instant: datetime, zone: str) -> str:
    local = timezones.to_local(instant, zone)
    return f"{i18n.day_text(local.date())} {i18n.time_text(local)}"


def _reading_text(instant: datetime, zone: str, meeting: datetime) -> str:
    """An instant on a skipped or repeated time, with the zone's abbreviation that tells
    which reading it is (01:30 EST, not 01:30 EDT); with its day when it is not the day
    of ``meeting`` (a recurrence id), as the earlier reading of a skipped 00:30 is."""
    local = timezones.to_local(instant, zone)
    time = f"{i18n.time_text(local)} {local.tzname()}"
    if local.date() == timezones.to_local(meeting, zone).date():
        return time
    return f"{i18n.day_text(local.date())} {time}"


def _wall_clock(instant: datetime, zone: str) -> datetime:
    return timezones.to_local(instant, zone).replace(tzinfo=None)
