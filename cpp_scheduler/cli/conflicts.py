"""``cpp-scheduler conflicts``: every clash in the program, one sentence each."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from cpp_scheduler.cli.dates import add_day_options, day_range
from cpp_scheduler.cli.engine_formats import print_json, utc_z
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.output import plural
from cpp_scheduler.scheduling.conflicts import Conflict, Severity, find_conflicts
from cpp_scheduler.scheduling.travel import DEFAULT_BUFFER
from cpp_scheduler.services import snapshot
from cpp_scheduler.store import open_database


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "conflicts",
        parents=[common],
        help="rooms or people booked twice, impossible journeys, holidays, night sessions",
        description="Check the whole program, or the days from --from to --to (Tokyo "
        "dates, both included), and explain each clash in a sentence. Errors are plans "
        "that cannot happen as written; warnings hurt somebody or cannot be checked.",
    )
    add_day_options(parser, "to check, in Tokyo")
    parser.add_argument(
        "--buffer",
        type=int,
        default=int(DEFAULT_BUFFER.total_seconds() // 60),
        metavar="MINUTES",
        help="minutes added to each journey of the travel-time table (default: %(default)s)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def _json(conflict: Conflict) -> dict[str, Any]:
    return {
        "kind": str(conflict.kind),
        "severity": str(conflict.severity),
        "message": conflict.message,
        "event_ids": list(conflict.event_ids),
        "record_ids": list(conflict.record_ids),
        "start": utc_z(conflict.start) if conflict.start is not None else None,
    }


def run(args: argparse.Namespace) -> int:
    days = day_range(args)
    if args.buffer < 0:
        raise CliError("--buffer cannot be negative", status=2)
    start, end = days.start, days.end
    database = open_database(args.db)
    try:
        with database.session() as session:
            # a day's margin either side, so travel to or from the range is checked too
            program = snapshot.load_snapshot(
                session,
                start - timedelta(days=1) if start else None,
                end + timedelta(days=1) if end else None,
            )
    finally:
        database.close()
    found = find_conflicts(program, buffer=timedelta(minutes=args.buffer), start=start, end=end)
    errors = sum(1 for c in found if c.severity is Severity.ERROR)
    warnings = len(found) - errors
    if args.json:
        print_json(
            {
                "from": utc_z(start) if start else None,
                "to": utc_z(end) if end else None,
                "errors": errors,
                "warnings": warnings,
                "conflicts": [_json(conflict) for conflict in found],
            }
        )
        return 0
    for conflict in found:
        print(f"{conflict.severity.upper():7}  {conflict.kind.label}: {conflict.message}")
    if found:
        print()
    print(
        f"{plural('error', errors)}, {plural('warning', warnings)} in "
        f"{plural('meeting', len(program.intervals))}"
    )
    return 0
