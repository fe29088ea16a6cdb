"""What the event dialog's Series tab says of a series, worded once for the tab and for
``cpp-scheduler series``.

Under the rule the tab lists the meetings the series will hold once saved: how many, at
what time, on which days (a moved meeting with where it was moved from), then the
cancelled ones; under that, what a new rule or start does to the moved and cancelled
meetings (:mod:`~cpp_scheduler.services.series_rules`). The command reads a stored
series, or the draft a new rule or start would make of it, and prints the same lines,
so a coordinator without the window, or checking what the window said, gets the same
answer in the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from itertools import islice
from typing import TypeVar

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.model import recurrence
from cpp_scheduler.services import series_rules
from cpp_scheduler.services.series_rules import HeldMeeting, WallClockSeries
from cpp_scheduler.services.snapshot import find_event
from cpp_scheduler.store import Database

PREVIEW_COUNT = 6
"""Days named before an ellipsis and the last one."""

Listed = TypeVar("Listed")


def preview_text(
    rule: str, start: datetime, zone: str | None, series: WallClockSeries | None = None
) -> str:
    """The lines under the rule: what ``series`` holds (the draft of the stored series
    at the rule and start shown), or, without it, the meetings ``rule`` itself gives
    from the wall-clock ``start`` in ``zone``.

    Raises :class:`~cpp_scheduler.model.recurrence.RecurrenceError`, ``ValueError`` or
    ``OverflowError`` for a rule that cannot be read: the caller says why."""
    if series is not None:
        return series_text(series, start)
    limit = recurrence.MAX_OCCURRENCES + 1
    starts = list(islice(recurrence.wall_clock_starts(rule, start, zone), limit))
    if not starts:
        return _("This rule gives no meeting at all.")
    if len(starts) >= limit:
        return _("More than {count} meetings: shorten the series.").format(
            count=recurrence.MAX_OCCURRENCES
        )
    return series_text(WallClockSeries(tuple(HeldMeeting(start) for start in starts)), start)


def series_text(series: WallClockSeries, start: datetime) -> str:
    """How many meetings are held, at what time (``start``'s, on the series' wall
    clock) and on which days; then the cancelled ones."""
    if series.held:
        count = len(series.held)
        lines = [
            ngettext(
                "{count} meeting at {time}: {days}", "{count} meetings at {time}: {days}", count
            ).format(
                count=count,
                time=i18n.time_text(start),
                days=_listed(
                    series.held, lambda meeting, year: _meeting_text(meeting, year, start)
                ),
            )
        ]
    elif series.cancelled:
        lines = [_("Every meeting of this series is cancelled.")]
    else:  # a last day before the first meeting: nothing to cancel either
        lines = [_("This rule gives no meeting at all.")]
    if series.cancelled:
        lines.append(_("Cancelled: {days}").format(days=_listed(series.cancelled, _day_text)))
    return "\n".join(lines)


CANCELLED_NAMED = 3
"""Cancelled meetings named before the first one held, before an ellipsis and the last."""


def first_held_text(series: series_rules.DraftSeries) -> str:
    """The line that names the meeting whose local times are shown (the first held, as
    the Local times dock and ``times`` take it) when it is not the series' first: moved
    from where the rule puts it, or after cancelled ones. The event dialog says it over
    the local times of a series typed, ``times`` over those of a series stored; empty
    where the first meeting is held where its rule puts it."""
    first = series.first_held
    if first is None:
        return _("Every meeting of the series is cancelled: no local times to show.")
    zone = series.times.zone
    if first.start == series.times.start and not first.moved:
        return ""
    start, end = timezones.to_local(first.start, zone), timezones.to_local(first.end, zone)
    sentences = [
        _("First meeting held: {when}.").format(
            when=timezones.span_text(start, end, day=i18n.day_text, dash="–")
        )
    ]
    if first.moved and first.recurrence_id is not None:
        ruled = timezones.to_local(first.recurrence_id, zone)
        sentences.append(_("Moved from {when}.").format(when=i18n.day_time_text(ruled)))
    cancelled = [
        i18n.short_day_text(timezones.to_local(meeting, zone).date())
        for meeting in series.cancelled_before(first)
    ]
    if cancelled:
        days = _(", ").join(cancelled[:CANCELLED_NAMED])
        if len(cancelled) > CANCELLED_NAMED:
            days += f" … {cancelled[-1]}"
        sentences.append(_("Cancelled before it: {days}.").format(days=days))
    return " ".join(sentences)


def change_lines(series: series_rules.DraftSeries, zone: str) -> list[str]:
    """The line under the list: what becomes of each moved or cancelled meeting a new
    rule or start carries over, sets aside or reaches again."""
    return [
        *(series_rules.describe(item, zone) for item in series.followed),
        *series.returning_descriptions(zone),
    ]


def _meeting_text(meeting: HeldMeeting, with_year: bool, series_start: datetime) -> str:
    """A meeting's day; its time where it is not the series' own, or is read twice that
    day (with the clock that tells which); where it was moved from, if it was."""
    text = _day_text(meeting.start, with_year)
    if meeting.clock:  # an hour read twice: which reading it is held at
        text += f" {i18n.time_text(meeting.start)} {meeting.clock}"
    elif meeting.start.time() != series_start.time():
        text += f" {i18n.time_text(meeting.start)}"
    ruled = meeting.ruled
    if ruled is None:
        return text
    if ruled == meeting.start:
        return _("{day} (moved)").format(day=text)
    before = (
        i18n.time_text(ruled)
        if ruled.date() == meeting.start.date()
        else i18n.short_day_text(ruled.date())
    )
    return _("{day} (moved from {before})").format(day=text, before=before)


def _day_text(moment: datetime, with_year: bool) -> str:
    """A day of the list: Wed 17 Feb (with its year at the end of the list), and in
    Japanese 2027年2月17日(水), each day with its year."""
    if with_year or i18n.language() == i18n.JAPANESE:
        return i18n.day_text(moment.date())
    return i18n.short_day_text(moment.date())


def _listed(items: Sequence[Listed], text_of: Callable[[Listed, bool], str]) -> str:
    """The first :data:`PREVIEW_COUNT` items, then the last after an ellipsis when there
    are more; the last written with its year (``text_of(item, with_year)``)."""
    shown = items[:PREVIEW_COUNT]
    more = len(items) > len(shown)
    separator = "、" if i18n.language() == i18n.JAPANESE else ", "
    text = separator.join(
        text_of(item, not more and index == len(shown) - 1) for index, item in enumerate(shown)
    )
    if more:
        text += f" … {text_of(items[-1], True)}"
    return text


# -- the command's reading -----------------------------------------------------------


@dataclass(frozen=True)
class SeriesView:
    """A series as the Series tab shows it: stored, or at a new rule or start."""

    uid: str
    title: str
    zone: str
    start: datetime
    """The first meeting's start as the tab shows it: on the series' wall clock."""
    rule: str | None
    draft: series_rules.DraftSeries

    @cached_property
    def wall_clock(self) -> WallClockSeries:
        """The meetings held and cancelled on the series' own clock, read once for the
        summary, the list of every meeting and the JSON alike."""
        return self.draft.on_the_wall_clock()

    @property
    def text(self) -> str:
        """The lines under the rule, as the tab words them ("" with no rule)."""
        if not self.rule:
            return ""
        return series_text(self.wall_clock, self.start)

    @property
    def to_choose(self) -> tuple[series_rules.UnplacedMeeting, ...]:
        """The later meetings on a wall-clock time the clocks skip or repeat that
        nothing places yet: the tab asks when each starts, and the save waits."""
        return tuple(meeting for meeting in self.draft.unanswered if not meeting.first)

    @property
    def changes(self) -> list[str]:
        """What becomes of each moved or cancelled meeting, as the tab words it."""
        return change_lines(self.draft, self.zone)


class NotASeriesError(SchedulerError):
    """The event does not repeat, and no rule was given to read it with."""


def read_series(
    database: Database,
    event_uid_or_id: str,
    *,
    rule: str | None = None,
    start: datetime | None = None,
) -> SeriesView:
    """The series ``event_uid_or_id`` holds, or would hold once saved with ``rule``
    (None: the stored one) and its first meeting at ``start`` (an instant, or a time
    on the series' wall clock; None: the stored start), as the event dialog's Series
    tab lists it while the coordinator types them: its stored moved and cancelled
    meetings carried over as the save carries them. A wall-clock time of a later
    meeting that the clocks skip or repeat stays unanswered, as in the tab until the
    coordinator chooses.

    Raises :class:`NotASeriesError` for an event that does not repeat (with no rule
    given), :class:`~cpp_scheduler.model.recurrence.RecurrenceError` for a rule that
    cannot be read or gives too many meetings, and
    :class:`~cpp_scheduler.timezones.TimeZoneError` for a wall-clock start the clocks
    skip or repeat: the coordinator chooses, as in the dialog."""
    with database.reading() as session:
        event = find_event(session, event_uid_or_id)
        uid, title, zone = event.uid, event.title, event.zone
        stored_times = event.series_times()
        length = event.end_utc - event.start_utc
        changes = tuple(change.as_change() for change in event.changes)
    wanted_rule = stored_times.rule if rule is None else rule
    if not wanted_rule:
        raise NotASeriesError(
            _("{title} does not repeat: it is one meeting (times lists it).").format(
                title=quoted(title)
            )
        )
    if start is None:
        first = stored_times.start
    elif start.tzinfo is None:  # on the series' wall clock: never guessed
        first = timezones.to_utc(start, zone)
    else:
        first = start.astimezone(UTC)
    stored = (
        series_rules.StoredSeries(stored_times, changes) if changes else series_rules.StoredSeries()
    )
    draft = series_rules.draft_series(
        stored, recurrence.SeriesTimes(first, zone, wanted_rule), first + _length(length)
    )
    return SeriesView(
        uid, title, zone, timezones.to_local(first, zone).replace(tzinfo=None), wanted_rule, draft
    )


def _length(length: timedelta) -> timedelta:
    return length if length > timedelta(0) else timedelta(hours=1)
