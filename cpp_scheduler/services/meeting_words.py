"""One meeting in words, as a calendar view's tooltip tells it and ``events show``
prints it: its title, its times on the clock shown, where it was moved from, its time on
the clock it was planned on, and what, where and with whom.

The lines are plain text: the window escapes and emboldens them, the command prints
them one a line. Both word the meeting through :func:`meeting_lines`, so they cannot
say it apart.
"""

from __future__ import annotations

from datetime import datetime

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
    place = ", ".join(part for part in (row.venue_name, row.city_name) if part)
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
