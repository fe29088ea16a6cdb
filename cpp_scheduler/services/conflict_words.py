"""When a finding of the conflict check happens, as the Conflicts panel's "When" column
and ``cpp-scheduler conflicts`` both say it, and what a check found, as the line under
the panel's list and the command's last line say it.

The finding's own sentence says what is wrong, often on another clock (a session at
night in Lima); this says when it is on the clock whose days were checked, Tokyo's
unless the calendar is shown on another, so a coordinator scanning the list or the
command's output finds it on the calendar they look at.
"""

from __future__ import annotations

from collections.abc import Sequence

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.scheduling.conflicts import DAY_KINDS, Conflict, Severity


def when_text(conflict: Conflict, clock: str = timezones.TOKYO) -> str:
    """When a conflict happens, on ``clock``: an all-day meeting by its own date, and a
    finding about a day in Japan (:data:`DAY_KINDS`: a holiday, a tour's day with nothing
    planned, its nights without a hotel) by the first of its days when it starts with
    it, not as a midnight; a clash from a midnight keeps its time, named ``01:30 EDT`` or
    ``01:30 EST`` where that hour is read twice. Nothing for a finding of no moment."""
    if conflict.meetings and conflict.meetings[0].day is not None:
        return _("{day}, all day").format(day=i18n.short_day_text(conflict.meetings[0].day))
    if conflict.start is None:
        return ""
    if (
        conflict.kind in DAY_KINDS
        and conflict.days
        and conflict.start == timezones.day_start(conflict.days[0], timezones.TOKYO)
    ):
        return i18n.short_day_text(conflict.days[0])
    local = timezones.to_local(conflict.start, clock)
    return f"{i18n.short_day_text(local.date())} {timezones.time_label(local)}"


def summary_text(found: Sequence[Conflict], meetings: int) -> str:
    """ "0 errors, 8 warnings in 28 meetings": what one check found, and how many meetings
    are on the days it checked."""
    errors = sum(1 for conflict in found if conflict.severity is Severity.ERROR)
    warnings = len(found) - errors
    return _("{errors}, {warnings} in {meetings}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
        meetings=ngettext("{count} meeting", "{count} meetings", meetings).format(count=meetings),
    )
