"""``cpp-scheduler conflicts``: every clash in the program, one sentence each."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from cpp_scheduler import limits, timezones
from cpp_scheduler.cli import columns
from cpp_scheduler.cli.dates import add_day_options, day_range, days_in_note
from cpp_scheduler.cli.engine_formats import print_json, utc_z
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.scheduling.conflicts import Conflict, Meeting, Severity
from cpp_scheduler.scheduling.travel import DEFAULT_BUFFER
from cpp_scheduler.services.checking import check
from cpp_scheduler.services.conflict_words import summary_text, when_text


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "conflicts",
        parents=[common],
        help=_("rooms or people booked twice, impossible journeys, holidays, night sessions"),
        description=_(
            "Check the whole program, or the days from --from to --to (Tokyo "
            "dates, both included), and explain each clash in a sentence. Errors are plans "
            "that cannot happen as written; warnings hurt somebody or cannot be checked."
        )
        + " "
        + days_in_note(),
    )
    add_day_options(parser, _("to check, in Tokyo"), days_in=True)
    parser.add_argument(
        "--buffer",
        type=int,
        default=int(DEFAULT_BUFFER.total_seconds() // 60),
        metavar="MINUTES",
        help=_("minutes added to each journey of the travel-time table (default: %(default)s)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def conflict_json(conflict: Conflict, clock: str = timezones.TOKYO) -> dict[str, Any]:
    """One finding as ``--json`` prints it, with when it happens on ``clock``, the clock
    whose days were checked, in the Conflicts panel's words."""
    return {
        "kind": str(conflict.kind),
        "severity": str(conflict.severity),
        "when": when_text(conflict, clock),
        "message": conflict.message,
        "event_ids": list(conflict.event_ids),
        "record_ids": list(conflict.record_ids),
        "start": utc_z(conflict.start) if conflict.start is not None else None,
        "meetings": [_meeting_json(meeting) for meeting in conflict.meetings],
        "days": [day.isoformat() for day in conflict.days],
        "within": conflict.said_within,
    }


def _meeting_json(meeting: Meeting) -> dict[str, Any]:
    """A meeting by its event and, for a series, the start its rule gives it."""
    return {
        "event_id": meeting.event_id,
        "recurrence_id": (
            utc_z(meeting.recurrence_id) if meeting.recurrence_id is not None else None
        ),
        "start": utc_z(meeting.start),
        "day": meeting.day.isoformat() if meeting.day is not None else None,
    }


def _buffer(minutes: int) -> timedelta:
    """``--buffer`` as a length of time: 0 up to :data:`limits.LONGEST_DURATION`."""
    longest = limits.LONGEST_DURATION
    if minutes < 0 or minutes > longest.total_seconds() // 60:
        raise CliError(
            _("--buffer {minutes} must be a number of minutes from 0 to {most} ({longest})").format(
                minutes=quoted(str(minutes)),
                most=f"{longest.total_seconds() // 60:.0f}",
                longest=limits.describe_duration(longest),
            ),
            status=2,
        )
    return timedelta(minutes=minutes)


def run(args: argparse.Namespace) -> int:
    days = day_range(args)
    buffer = _buffer(args.buffer)
    start, end = days.start, days.end
    database = open_program(args.db)
    try:
        checked = check(database, start, end, buffer=buffer, clock=days.zone)
    finally:
        database.close()
    found = checked.conflicts
    errors = sum(1 for c in found if c.severity is Severity.ERROR)
    warnings = len(found) - errors
    if args.json:
        print_json(
            {
                "from": utc_z(start) if start else None,
                "to": utc_z(end) if end else None,
                "errors": errors,
                "warnings": warnings,
                "meetings": checked.meetings,
                "conflicts": [conflict_json(conflict, days.zone) for conflict in found],
            }
        )
        return 0
    # When each happens on the clock checked, as the Conflicts panel's "When" column.
    times = [when_text(conflict, days.zone) for conflict in found]
    room = max((columns.width(text) for text in times), default=0)
    for conflict, when in zip(found, times, strict=True):
        severity = _("ERROR") if conflict.severity is Severity.ERROR else _("WARNING")
        message = columns.one_line(conflict.message)  # titles may hold line breaks
        print(
            f"{columns.pad(severity, 7)}  {columns.pad(when, room)}  "
            f"{conflict.kind.label}: {message}"
        )
    if found:
        print()
    print(summary_text(found, checked.meetings))  # as the line under the panel's list
    return 0
