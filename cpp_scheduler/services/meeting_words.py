"""One meeting in words, as a calendar view's tooltip tells it and ``events show``
prints it: its title, its times on the clock shown, where it was moved from, its time on
the clock it was planned on, and what, where and with whom.

The lines are plain text: the window escapes and emboldens them, the command prints
them one a line. Both word the meeting through :func:`meeting_lines`, so they cannot
say it apart. A list of meetings takes its times (:func:`listed_times`: the Agenda's
Starts and Ends, ``events list``'s times; :func:`listed_days` for an all-day event's
dates) and its place (:func:`place_text`: the tooltip's line, ``events list``'s WHERE)
from here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import _
from cpp_scheduler.services.rows import EventRow


def meeting_lines(row: EventRow, clock: str) -> list[str]:
    """The meeting of ``row`` in words, a line each, with its times on ``clock`` (the
    zone the calendar is shown in): the first line is its title, marked as moved as
    ``events list`` marks it."""
    start = timezones.to_local(row.start_utc, clock)
    end = timezones.to_local(row.end_utc, clock)
    planned = timezones.to_local(row.start_utc, row.zone)
    # An end on a later day gives its date, as ``events list`` does ("Sun 28 Mar").
    when = timezones.span_text(start, end, day=lambda day: f"{i18n.day_text(day)},", dash="–")
    lines = [row.shown_title, f"{when} ({clock})"]
    # Where it was moved from, when it starts elsewhere (a meeting only made longer is
    # moved all the same, as ``events list`` says, but from nowhere else).
    moved_from = (
        row.recurrence_id
        if row.moved and not row.all_day and row.recurrence_id != row.start_utc
        else None
    )
    if moved_from is not None:
        lines.append(
            _("Moved from {original}").format(
                original=moment_text(timezones.to_local(moved_from, clock))
            )
        )
    if row.all_day:
        first, last = row.first_date, row.last_date
        lines[1] = (
            _("All day {first}").format(first=i18n.day_text(first))
            if first == last
            else _("All day {first} – {last}").format(
                first=i18n.short_day_text(first), last=i18n.day_text(last)
            )
        )
    elif row.zone != clock and moved_from is not None:
        # The plan is what the series' rule gives on its own clock; the meeting is no
        # longer there, so the line says where it went.
        lines.append(
            _("Planned in {zone}: {planned}, moved to {moved}").format(
                zone=row.zone,
                planned=moment_text(timezones.to_local(moved_from, row.zone)),
                moved=moment_text(planned),
            )
        )
    elif row.zone != clock:
        lines.append(
            _("Planned in {zone}: {planned}").format(zone=row.zone, planned=moment_text(planned))
        )
    lines.append(f"{row.kind.label} · {row.mode.label} · {row.status.label}")
    place = place_text(row.venue_name, row.city_name)
    if place:
        lines.append(place)
    if row.delegation_names:
        lines.append(_("With {delegations}").format(delegations=row.delegation_names))
    if row.is_series:
        lines.append(_("Part of a series"))
    return lines


def moment_text(local: datetime) -> str:
    """A day and time in a line of its own: ``Mon 22 Mar, 09:00``, the clock named in an
    hour read twice (``01:30 EST``), as a start shown alone names it."""
    clock = timezones.span_labels(local, local)[1]
    return f"{i18n.short_day_text(local.date())}, {local:%H:%M}" + (f" {clock}" if clock else "")


def listed_times(
    start_utc: datetime, end_utc: datetime, clock: str, *, year: bool = False
) -> timezones.Span:
    """A timed meeting's times on ``clock`` as a list of meetings gives them: the day it
    starts on, its hours, and the clock they are read on named after them (``Wed 20 Jan
    03:00-04:30 EST``, then ``Wed 17 Mar 04:00-05:30 EDT`` once the clocks changed), each
    end naming its own where the clock changes within the meeting.

    The Agenda's Starts and Ends (:attr:`~cpp_scheduler.timezones.Span.starts`,
    :attr:`~cpp_scheduler.timezones.Span.ends`, with the ``year``: it lists every year
    of the program) and ``events list``'s LOCAL TIME and ``--days-in`` columns
    (:meth:`~cpp_scheduler.timezones.Span.text`) are these parts, so the window never
    leaves out a clock the command names. Without the clock, 03:00 in January and 04:00
    in March read as an hour's shift of the meeting, where New York's clock moved."""
    return timezones.span(
        timezones.to_local(start_utc, clock),
        timezones.to_local(end_utc, clock),
        day=i18n.day_text if year else i18n.short_day_text,
        zone=True,
    )


@dataclass(frozen=True, slots=True)
class ListedDays:
    """An all-day meeting's dates in the parts a list of meetings gives them, as
    :class:`~cpp_scheduler.timezones.Span` gives a timed meeting's: the whole for a
    column (:meth:`text`), a column of starts and one of ends (:attr:`starts`,
    :attr:`ends`). Every form comes from the same parts, so the Agenda and ``events
    list`` cannot date an event of several days apart."""

    day: str
    """The first day, as the list writes a start's day (``Thu 29 Apr``, with the year
    in the Agenda's)."""
    last: str
    """The last day (``Wed 05 May``), the same as the first's without the year for an
    event of one day."""
    several: bool
    """Whether the event covers more than one day."""

    def text(self) -> str:
        """The dates whole: ``Thu 29 Apr all day``, ``Thu 29 Apr all day to Wed 05
        May`` (``4月29日(木)～5月5日(水) 終日``)."""
        if self.several:
            return _("{first} all day to {last}").format(first=self.day, last=self.last)
        return _("{first} all day").format(first=self.day)

    @property
    def starts(self) -> str:
        """The first day in a column of starts, "all day" where a timed meeting's hour
        is, two spaces after the day as the window's lists set a day and a time apart
        (``Thu 29 Apr 2027  all day``)."""
        return f"{self.day}  {_('all day')}"

    @property
    def ends(self) -> str:
        """The last day in a column of ends beside :attr:`starts` (``Wed 05 May``; the
        first again for an event of one day, which ends on the day it starts)."""
        return self.last


def listed_days(first: date, last: date, *, year: bool = False) -> ListedDays:
    """An all-day meeting's dates from ``first`` to ``last`` (both held) as a list of
    meetings gives them, the same on every clock: the Agenda's Starts and Ends (with the
    ``year``, as :func:`listed_times` gives its timed meetings' days) and ``events
    list``'s LOCAL TIME and ``--days-in`` columns (:meth:`ListedDays.text`) are its
    parts."""
    return ListedDays(
        i18n.day_text(first) if year else i18n.short_day_text(first),
        i18n.short_day_text(last),
        last != first,
    )


def place_text(venue_name: str, city_name: str) -> str:
    """Where a meeting is, in one line: its venue and the partner city it is counted
    under, each as the Agenda's Venue and Partner city columns name them (``TDLC
    Meeting Room A``; ``Kobe 神戸市``, in Japanese ``神戸市 Kobe``); empty where it
    names neither.

    A view's tooltip, ``events show`` and ``events list``'s WHERE column say it so. How
    a meeting is held (in person, online) is not a place: the Agenda's Mode column, the
    tooltip's line of kind, mode and status and ``events list``'s MODE column say it,
    so an online meeting of Kobe's is "Kobe 神戸市" everywhere, held "Virtual"."""
    return ", ".join(part for part in (venue_name, city_name) if part)
