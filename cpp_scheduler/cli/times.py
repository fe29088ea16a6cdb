"""``cpp-scheduler times EVENT_UID``: the event at every attendee's local time."""

from __future__ import annotations

import argparse
from typing import Any

from cpp_scheduler.cli.engine_formats import local_iso, print_json, table, utc_z
from cpp_scheduler.scheduling.localtimes import AttendeeTimes, describe_span, local_times
from cpp_scheduler.services import snapshot
from cpp_scheduler.store import open_database


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "times",
        parents=[common],
        help="an event's date and time for each delegation, participant, Tokyo and Washington",
        description="Show an event's start and end in the zone of each attending "
        "delegation and participant, and in Tokyo and Washington: local date and time, "
        "day offset against the event's zone, UTC offset, and whether it falls in "
        "working hours, extended hours or the night.",
    )
    parser.add_argument("event", metavar="EVENT_UID", help="the event's UID (or its id)")
    parser.add_argument(
        "--all", action="store_true", help="for a series, every occurrence (default: the first)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def _row_json(row: AttendeeTimes) -> dict[str, Any]:
    return {
        "id": row.attendee.id,
        "name": row.attendee.name,
        "kind": str(row.attendee.kind),
        "zone": row.zone,
        "start": local_iso(row.start.local),
        "end": local_iso(row.end.local),
        "weekday": row.start.weekday,
        "day_offset": row.start.day_offset,
        "utc_offset": row.start.utc_offset,
        "abbreviation": row.start.abbreviation,
        "hours": str(row.part),
        "in_japan": row.in_japan,
    }


def _row_text(row: AttendeeTimes) -> list[str]:
    start, end = row.start.local, row.end.local
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %d %b %H:%M}"
    where = row.zone + (" (visiting Japan)" if row.in_japan else "")
    return [
        row.attendee.name,
        where,
        f"{start:%a %d %b %Y %H:%M}-{until}",
        f"{row.start.day_offset:+d}" if row.start.day_offset else "0",
        f"{row.start.utc_offset} {row.start.abbreviation}",
        row.part.label,
    ]


def run(args: argparse.Namespace) -> int:
    database = open_database(args.db)
    try:
        with database.session() as session:
            event = snapshot.find_event(session, args.event)
            attendees = snapshot.event_attendees(event)
            intervals = snapshot.event_intervals(event)
            title, uid, zone = event.title, event.uid, event.zone
    finally:
        database.close()
    if not args.all:
        intervals = intervals[:1]
    occurrences = [(interval, local_times(interval, attendees)) for interval in intervals]
    if args.json:
        print_json(
            {
                "event": {"uid": uid, "title": title, "zone": zone},
                "occurrences": [
                    {
                        "start": utc_z(interval.start),
                        "end": utc_z(interval.end),
                        "times": [_row_json(row) for row in rows],
                    }
                    for interval, rows in occurrences
                ],
            }
        )
        return 0
    header = ["WHO", "ZONE", "LOCAL TIME", "DAY", "UTC OFFSET", "HOURS"]
    blocks = []
    for interval, rows in occurrences:
        blocks.append(
            f"{title}: {describe_span(interval.start, interval.end, zone)}\n"
            + table([_row_text(row) for row in rows], header)
        )
    if not occurrences:
        blocks.append(f"{title}: every occurrence is cancelled")
    print("\n\n".join(blocks))
    return 0
