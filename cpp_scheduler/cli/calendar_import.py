"""``cpp-scheduler import FILE.ics [--dry-run] [--skip-invalid]``: events from a
partner's calendar file.

Shows what would be created and what updated (matched by UID, a newer SEQUENCE wins),
then applies all of it or nothing. On a terminal, stderr shows how many events are
read and written as it goes. An event that breaks a rule (ends before it starts)
refuses the file, naming it, unless ``--skip-invalid``. A dry run never creates a
database.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cpp_scheduler import timezones
from cpp_scheduler.cli import columns
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.progress import terminal_progress
from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.ical.importer import check_calendar_file
from cpp_scheduler.services import calendar_import
from cpp_scheduler.store import database_exists, open_database


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "import",
        parents=[common],
        help=_("import events from an iCalendar (.ics) file"),
        description=_(
            "Import the events of an iCalendar file: new UIDs are created, known "
            "ones updated when the file's SEQUENCE is higher, all in one save. Events "
            "the program cannot hold (dates outside 1900-2199, a text too long, a "
            "repeating all-day event) are skipped and listed with the reason; an event "
            "that breaks a rule of the format (ending before it starts) refuses the "
            "whole file, unless --skip-invalid."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE.ics")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=_("show what would be created and updated; change nothing"),
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help=_(
            "skip events that break a rule (such as ending before they start), listing "
            "them, instead of refusing the file"
        ),
    )
    parser.add_argument(
        "--zone",
        default=timezones.TOKYO,
        metavar="ZONE",
        help=_("the zone of times the file gives without one (default Asia/Tokyo)"),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not timezones.is_zone(args.zone):
        raise CliError(
            _("--zone {zone} is not a time zone (such as Asia/Tokyo)").format(
                zone=quoted(args.zone)
            ),
            status=2,
        )
    check_calendar_file(args.file)  # a pipe or a huge file: refused before the database opens
    with terminal_progress() as progress:
        # Read and checked whole before the database opens: a file refused leaves no new,
        # empty program where --db named none.
        parsed = calendar_import.read_file(
            args.file,
            default_zone=args.zone,
            skip_invalid=args.skip_invalid,
            progress=progress.events_read,
        )
        if args.dry_run and not database_exists(args.db):
            report = calendar_import.preview_into_new_database(parsed)
        else:
            database = open_database(args.db)
            try:
                report = calendar_import.apply_calendar(
                    database, parsed, dry_run=args.dry_run, progress=progress.events_written
                )
            finally:
                database.close()
    for line in report.lines():
        print(columns.one_line(line))  # a title from the file may hold a line break
    return 0
