"""``cpp-scheduler events list``: the program's events in a date range, as a table or JSON.

Each occurrence of a series is a row of its own (moved ones at their new time, cancelled
ones left out), so the list reads like a calendar. Dates are whole days in UTC, both ends
included; instants in the JSON are UTC ending in Z, with the event's zone beside them.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from cpp_scheduler import timezones
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.output import plural
from cpp_scheduler.model import Event, EventMode
from cpp_scheduler.model.recurrence import Occurrence
from cpp_scheduler.programfile.layout import INSTANT_FORMAT
from cpp_scheduler.services.queries import events_between
from cpp_scheduler.store import open_database

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TITLE_WIDTH = 52
WHERE_WIDTH = 30
DELEGATIONS_WIDTH = 36


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "events", parents=[common], help="list the program's events",
        description="Look at the program's events without the window.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", parents=[common], help="list events in a date range",
        description="List events that overlap a range of days (UTC, both ends included), "
        "one row per occurrence of a series.",
    )
    listing.add_argument("--from", dest="first", metavar="DATE",
                         help="first day, YYYY-MM-DD (default: no limit)")
    listing.add_argument("--to", dest="last", metavar="DATE",
                         help="last day, YYYY-MM-DD, included (default: no limit)")
    listing.add_argument("--json", action="store_true",
                         help="print a JSON array instead of a table")
    listing.set_defaults(run=run_list)


@dataclass(frozen=True)
class Row:
    """One occurrence of one event, ready to print."""

    event: Event
    occurrence: Occurrence

    def as_json(self) -> dict[str, Any]:
        event, occurrence = self.event, self.occurrence
        return {
            "uid": event.uid,
            "title": event.title,
            "kind": event.kind.value,
            "mode": event.mode.value,
            "status": event.status.value,
            "start": _instant(occurrence.start),
            "end": _instant(occurrence.end),
            "zone": event.zone,
            "local_start": timezones.to_local(occurrence.start, event.zone).isoformat(),
            "local_end": timezones.to_local(occurrence.end, event.zone).isoformat(),
            "venue": event.venue.name if event.venue is not None else None,
            "city": event.city.name if event.city is not None else None,
            "delegations": [delegation.name for delegation in event.delegations],
            "parent": event.parent.uid if event.parent is not None else None,
            "recurrence_id": _instant(occurrence.recurrence_id)
            if event.is_series and occurrence.recurrence_id is not None
            else None,
            "moved": occurrence.moved,
            "sequence": event.sequence,
        }

    def cells(self) -> list[str]:
        event, occurrence = self.event, self.occurrence
        local = timezones.to_local(occurrence.start, event.zone)
        local_end = timezones.to_local(occurrence.end, event.zone)
        ends = f"{local_end:%H:%M}" if local_end.date() == local.date() else (
            f"{local_end:%d %b %H:%M}")
        indent = "  " if event.parent is not None else ""
        moved = " (moved)" if occurrence.moved else ""
        title = indent + _clip(event.title, TITLE_WIDTH - len(indent) - len(moved)) + moved
        return [
            f"{occurrence.start:%Y-%m-%d %H:%M}",
            f"{local:%a %d %b %H:%M}-{ends} {local.tzname()}",
            title,
            event.kind.label,
            event.status.label,
            _clip(_where(event), WHERE_WIDTH),
            _clip(", ".join(d.name for d in event.delegations), DELEGATIONS_WIDTH),
        ]


HEADINGS = ["START (UTC)", "LOCAL TIME", "TITLE", "KIND", "STATUS", "WHERE", "DELEGATIONS"]


def run_list(args: argparse.Namespace) -> int:
    first = _parse_day("--from", args.first)
    last = _parse_day("--to", args.last)
    if first and last and last < first:
        raise CliError(f"--to {last} is before --from {first}; give the earlier day first",
                       status=2)
    start = datetime.combine(first, time(), UTC) if first else None
    end = datetime.combine(last + timedelta(days=1), time(), UTC) if last else None
    database = open_database(args.db)
    try:
        with database.session() as session:
            rows = [
                Row(event, occurrence)
                for event in events_between(session, start, end)
                for occurrence in event.occurrences()
                if (end is None or occurrence.start < end)
                and (start is None or occurrence.end > start)
            ]
            rows.sort(key=lambda row: (row.occurrence.start, row.event.title))
            if args.json:
                print(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
            else:
                print(table(rows, first, last))
    finally:
        database.close()
    return 0


def table(rows: list[Row], first: date | None, last: date | None) -> str:
    span = _describe_span(first, last)
    if not rows:
        return f"No events {span}."
    grid = [HEADINGS] + [row.cells() for row in rows]
    widths = [max(len(line[column]) for line in grid) for column in range(len(HEADINGS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
             .rstrip() for line in grid]
    lines.insert(1, "  ".join("-" * width for width in widths))
    events = len({row.event.id for row in rows})
    lines.append("")
    lines.append(f"{plural('occurrence', len(rows))} of {plural('event', events)} {span}.")
    return "\n".join(lines)


def _parse_day(option: str, text: str | None) -> date | None:
    if text is None:
        return None
    try:
        if not _DATE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{option} '{text}' is not a date; write it as YYYY-MM-DD "
                       f"(such as 2027-02-15)", status=2) from None


def _describe_span(first: date | None, last: date | None) -> str:
    if first and last:
        return f"from {first} to {last} (UTC)"
    if first:
        return f"from {first} on (UTC)"
    if last:
        return f"up to {last} (UTC)"
    return "in the program"


def _where(event: Event) -> str:
    if event.venue is not None:
        return event.venue.name
    if event.city is not None:
        return f"online, with {event.city.name}" if event.mode is EventMode.VIRTUAL else (
            event.city.name)
    return "online" if event.mode is EventMode.VIRTUAL else "-"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _instant(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime(INSTANT_FORMAT)
