"""``cpp-scheduler schedule --delegation NAME``: a delegation's meetings on its own clock.

The same answer as the window's Delegation schedule
(:mod:`cpp_scheduler.services.delegation_schedule`): each session, each meeting of a
series, in the delegation's time for that day (Tokyo's while it is in Japan) and in
Tokyo's, with where it falls in the delegation's day.
"""

from __future__ import annotations

import argparse
from typing import Any

from cpp_scheduler.cli.dates import add_day_options, day_range
from cpp_scheduler.cli.engine_formats import local_iso, print_json, table, utc_z
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.i18n import _
from cpp_scheduler.services.delegation_schedule import (
    DelegationSchedule,
    ScheduledMeeting,
    find_delegation,
    read_schedule,
    schedule_cells,
    summary_text,
)

ALL_DAY = "all_day"
"""What ``hours`` says of an all-day block: it has dates, not hours."""


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "schedule",
        parents=[common],
        help=_("a delegation's meetings in its own time and in Tokyo's"),
        description=_(
            "List every meeting a delegation attends (each session of a "
            "conference, each meeting of a series), in the delegation's time for that day "
            "(Tokyo's while it is in Japan) and in Tokyo's, and whether it falls in its "
            "working hours, acceptable hours or night."
        ),
    )
    parser.add_argument(
        "--delegation", required=True, metavar="NAME", help=_("the delegation's name (any case)")
    )
    add_day_options(parser, _("to list, in Tokyo"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def hours_word(meeting: ScheduledMeeting) -> str:
    """``working``, ``extended``, ``night``, or ``all_day`` for a block of dates."""
    return ALL_DAY if meeting.part is None else str(meeting.part)


def meeting_json(meeting: ScheduledMeeting) -> dict[str, Any]:
    return {
        "event_id": meeting.event_id,
        "occurrence_id": meeting.occurrence_id,
        "title": meeting.title,
        "moved": meeting.moved,
        "conference": meeting.conference,
        "kind": str(meeting.kind),
        "start": utc_z(meeting.start),
        "end": utc_z(meeting.end),
        "zone": meeting.zone,
        "in_japan": meeting.in_japan,
        "local_start": local_iso(meeting.local_start),
        "local_end": local_iso(meeting.local_end),
        "tokyo_start": local_iso(meeting.tokyo_start),
        "tokyo_end": local_iso(meeting.tokyo_end),
        "hours": hours_word(meeting),
        "dates": [day.isoformat() for day in meeting.dates] if meeting.dates else None,
    }


def schedule_json(schedule: DelegationSchedule) -> dict[str, Any]:
    delegation = schedule.delegation
    return {
        "delegation": {
            "id": delegation.id,
            "name": delegation.name,
            "zone": delegation.zone,
            "clock_city": delegation.clock_city,
        },
        "from": utc_z(schedule.start) if schedule.start else None,
        "to": utc_z(schedule.end) if schedule.end else None,
        "nights": schedule.nights,
        "meetings": [meeting_json(meeting) for meeting in schedule.meetings],
    }


def _row(meeting: ScheduledMeeting) -> list[str]:
    """The meeting's line in the window's words (:func:`schedule_cells`), each date
    and its hours in one column."""
    words = schedule_cells(meeting)
    return [words.their_when, words.tokyo_when, words.hours, words.meeting]


def run(args: argparse.Namespace) -> int:
    days = day_range(args)
    database = open_program(args.db)
    try:
        delegation = find_delegation(database, args.delegation)
        schedule = read_schedule(database, delegation.id, days.start, days.end)
    finally:
        database.close()
    if args.json:
        print_json(schedule_json(schedule))
        return 0
    home = delegation.clock_city
    if schedule.meetings:
        header = [
            # The delegation's clock as every view names it (its home city: New York,
            # Quezon City; else its zone's: Lima, 東京), not upper-cased with the
            # header's words: a name keeps its case, as in the window.
            _("THEIR TIME ({home})").format(home=home),
            _("TOKYO"),
            _("HOURS"),
            _("MEETING"),
        ]
        print(table([_row(meeting) for meeting in schedule.meetings], header))
        print()
    print(summary_text(schedule, days.describe()))
    return 0
