"""``cpp-scheduler export ics``: calendar files for an event, a delegation, a participant,
a study tour or the whole program, and one file per participant.

``--preview`` writes nothing: it prints the meetings the file would hold, read back from
the file's own bytes in its reader's zone (``--json`` for scripts), the same rows the
window's export dialog shows.

Which way updates reach people depends on their calendar: see docs/calendar-updates.md.
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import icalendar

from cpp_scheduler import limits, timezones
from cpp_scheduler.cli import columns
from cpp_scheduler.cli.dates import add_day_options, day_range, parse_day
from cpp_scheduler.cli.engine_formats import local_iso, print_json, table, utc_z
from cpp_scheduler.cli.errors import CliError, output_file, typed_argument
from cpp_scheduler.cli.filters import add_filter_options, event_filter_of, filtered
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import quoted
from cpp_scheduler.files import CALENDAR_FILE
from cpp_scheduler.i18n import _
from cpp_scheduler.ical.export import ExportOptions, Method, Organizer
from cpp_scheduler.ical.scopes import DateRange
from cpp_scheduler.mail.addresses import OrganizerError, read_organizer
from cpp_scheduler.services import calendar_export, calendar_preview
from cpp_scheduler.services.saved_words import file_written


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    export = subparsers.add_parser(
        "export",
        parents=[common],
        help=_("write files for other programs"),
        description=_("Write the program, or part of it, in a format other programs read."),
    )
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)
    ics = formats.add_parser(
        "ics",
        parents=[common],
        help=_("iCalendar files for Outlook, Google, Apple, Thunderbird"),
        description=_(
            "Write an iCalendar (.ics) file. Publish mode (the default) is for importing or "
            "subscribing; request mode makes invitations that update in place when sent "
            "again by email, and puts cancelled events in a METHOD:CANCEL file beside it. "
            "Google Calendar ignores updates to an imported file: send request-mode files "
            "or publish a feed (see docs/calendar-updates.md)."
        ),
    )
    scope = ics.add_mutually_exclusive_group(required=True)
    scope.add_argument("--event", metavar="UID", help=_("one event"))
    scope.add_argument("--delegation", metavar="NAME", help=_("a delegation's schedule"))
    scope.add_argument("--participant", metavar="EMAIL", help=_("one participant's schedule"))
    scope.add_argument("--tour", metavar="ID|TITLE", help=_("a study tour"))
    scope.add_argument("--all", action="store_true", help=_("the whole program"))
    scope.add_argument(
        "--shown",
        action="store_true",
        help=_(
            "the events the calendar shows on the days --from to --to (whole days in Tokyo, "
            "or --days-in ZONE), through the filters below, as the window exports them"
        ),
    )
    scope.add_argument(
        "--each-participant", action="store_true", help=_("one file per participant, in --out-dir")
    )
    add_day_options(ics, _("(in each event's own zone; with --shown, of the calendar)"))
    ics.add_argument(
        "--days-in",
        dest="days_in",
        metavar="ZONE",
        help=_("with --shown: read --from and --to as whole days in this IANA zone"),
    )
    ics.add_argument(
        "--in-venues",
        action="store_true",
        help=_("with --shown: as the Venues view shows them, only the meetings held in a venue"),
    )
    add_filter_options(ics, delegation="--for-delegation", participant="--for-participant")
    ics.add_argument(
        "--method",
        choices=["publish", "request"],
        default="publish",
        help=_("publish: to import or subscribe; request: invitations by email"),
    )
    ics.add_argument(
        "--with-attendees",
        action="store_true",
        help=_(
            "name every attendee (request mode); by default a participant's "
            "file names only that participant and a delegation's only its members"
        ),
    )
    ics.add_argument(
        "--reminder",
        type=int,
        metavar="MINUTES",
        help=_("add a reminder this many minutes before each event"),
    )
    ics.add_argument(
        "--organizer",
        metavar="NAME <EMAIL>",
        help=_("who sends the invitations for events without an organiser"),
    )
    ics.add_argument(
        "--refresh-hours",
        type=float,
        metavar="HOURS",
        help=_("for a published feed: how often clients should fetch it again"),
    )
    ics.add_argument(
        "--feed-url", metavar="URL", help=_("for a published feed: the address it is published at")
    )
    ics.add_argument("-o", "--output", metavar="FILE", help=_("the .ics file to write"))
    ics.add_argument("--out-dir", metavar="DIR", help=_("the folder for --each-participant"))
    ics.add_argument(
        "--preview",
        action="store_true",
        help=_(
            "write nothing; list each meeting the file would hold as its reader's calendar "
            "shows it: the participant's zone (the delegation's for --delegation and --tour, "
            "Tokyo's for --event and --all), both dates and the UTC offset"
        ),
    )
    ics.add_argument("--json", action="store_true", help=_("with --preview: print JSON"))
    ics.set_defaults(run=run)

    from cpp_scheduler.cli.sheets import register_formats

    register_formats(formats, common)


def _organizer(text: str | None, option: str = "--organizer") -> Organizer | None:
    """The organiser given with ``option``, read as the window reads it."""
    if not text:
        return None
    try:
        return read_organizer(text)
    except OrganizerError as error:
        raise CliError(f"{option}: {error}", status=2) from None


def _refresh_interval(hours: float | None) -> timedelta | None:
    """``--refresh-hours`` as an interval: more than 0, finite, at most a year."""
    if hours is None:
        return None
    longest = limits.LONGEST_REFRESH_INTERVAL
    if not math.isfinite(hours) or hours <= 0 or hours > longest.total_seconds() / 3600:
        raise CliError(
            _("--refresh-hours {hours} must be more than 0 and at most {most} ({longest})").format(
                hours=quoted(str(hours)),
                most=f"{longest.total_seconds() / 3600:g}",
                longest=limits.describe_duration(longest),
            ),
            status=2,
        )
    return timedelta(hours=hours)


def _reminder(minutes: int | None) -> timedelta | None:
    """``--reminder`` as a lead time: 0 (none) up to :data:`limits.LONGEST_REMINDER`."""
    if minutes is None:
        return None
    longest = limits.LONGEST_REMINDER
    if minutes < 0 or minutes > longest.total_seconds() // 60:
        raise CliError(
            _(
                "--reminder {minutes} must be a number of minutes before the event from 0 to "
                "{most} ({longest})"
            ).format(
                minutes=quoted(str(minutes)),
                most=f"{longest.total_seconds() // 60:.0f}",
                longest=limits.describe_duration(longest),
            ),
            status=2,
        )
    return timedelta(minutes=minutes) if minutes else None


def run(args: argparse.Namespace) -> int:
    refresh = _refresh_interval(args.refresh_hours)
    reminder = _reminder(args.reminder)
    feed_problem = calendar_export.feed_address_problem(args.feed_url)
    if feed_problem is not None:
        raise CliError(
            _("--feed-url {url}: {problem}").format(
                url=quoted(args.feed_url), problem=feed_problem.message
            ),
            status=2,
        )
    dates: DateRange | None
    try:
        dates = DateRange(parse_day("--from", args.first), parse_day("--to", args.last))
    except ValueError as error:
        raise CliError(str(error), status=2) from error
    options = ExportOptions(
        method=Method.REQUEST if args.method == "request" else Method.PUBLISH,
        reminder=reminder,
        organizer=_organizer(args.organizer),
        refresh_interval=refresh,
        source_url=args.feed_url,
    )
    if args.json and not args.preview:
        raise CliError(_("--json goes with --preview"), status=2)
    if args.preview and args.each_participant:
        raise CliError(
            _("--preview reads one file: give --participant EMAIL for one person's calendar"),
            status=2,
        )
    if args.each_participant:
        if args.out_dir is None:
            raise CliError(_("--each-participant needs --out-dir DIR"), status=2)
        database = open_program(args.db)
        try:
            result = calendar_export.export_each_participant(
                database,
                typed_argument(args.out_dir),
                options,
                dates=dates,
                with_attendees=args.with_attendees,
            )
        finally:
            database.close()
        print(result.written_text)  # as the export dialog's status says it
        if result.without_events:
            print(result.without_events_text)
        return 0
    scope: calendar_export.Scope
    if args.shown:
        # --from and --to chose the calendar's days; the events go whole, as the window's.
        scope, dates = _shown_scope(args), None
    else:
        _refuse_calendar_options(args)
        scope = _scope(args)
    if args.preview:
        database = open_program(args.db)
        try:
            preview = calendar_preview.preview_export(
                database, scope, options, dates=dates, with_attendees=args.with_attendees
            )
        finally:
            database.close()
        if args.json:
            print_json(preview_json(preview))
        else:
            print(preview_text(preview))
        return 0
    if args.output is None:
        raise CliError(_("give the file to write with -o FILE"), status=2)
    output = output_file(args.output, CALENDAR_FILE)
    database = open_program(args.db)
    try:
        written = calendar_export.export_calendar(
            database, scope, output, options, dates=dates, with_attendees=args.with_attendees
        )
    finally:
        database.close()
    for path in written:
        print(file_written(path), file=sys.stdout)  # as Export calendar says it
    database = open_program(args.db)
    try:
        caveats = calendar_preview.export_caveats(
            database, scope, options, dates=dates, with_attendees=args.with_attendees
        )
    finally:
        database.close()
    for caveat in caveats:
        print(_("note: {text}").format(text=caveat), file=sys.stderr)
    if options.method is Method.REQUEST and options.organizer is None:
        missing = _without_organizer(written)
        if missing:
            print(
                _(
                    "note: {count} events have no organiser, so clients read them as plain "
                    "appointments, not invitations; give --organizer 'Name <email>'"
                ).format(count=missing),
                file=sys.stderr,
            )
    return 0


def _shown_scope(args: argparse.Namespace) -> calendar_export.EventListScope:
    """The events the calendar shows on the days asked, through the filters given."""
    from cpp_scheduler.services import reports

    if args.days_in is None:
        args.days_in = timezones.TOKYO
    days = day_range(args)
    database = open_program(args.db)
    try:
        ids = reports.shown_event_ids(
            database,
            event_filter_of(database, args),
            days.first,
            days.last,
            days.zone,
            in_venues=args.in_venues,
        )
    finally:
        database.close()
    return calendar_export.EventListScope(tuple(ids), calendar_export.SHOWN_EVENTS)


def _refuse_calendar_options(args: argparse.Namespace) -> None:
    """The filters and --days-in choose what the calendar shows: with --shown alone."""
    if args.days_in is not None or args.in_venues or filtered(args):
        raise CliError(
            _(
                "the filters, --days-in and --in-venues go with --shown (the events the "
                "calendar shows)"
            ),
            status=2,
        )


def _scope(args: argparse.Namespace) -> calendar_export.Scope:
    if args.event:
        return calendar_export.EventScope(args.event)
    if args.delegation:
        return calendar_export.DelegationScope(args.delegation)
    if args.participant:
        return calendar_export.ParticipantScope(args.participant)
    if args.tour:
        return calendar_export.TourScope(args.tour)
    return calendar_export.ProgramScope()


def preview_json(preview: calendar_preview.ExportPreview) -> dict[str, Any]:
    """Local times in ISO 8601 with their offset, instants in UTC with a ``Z``."""
    return {
        "calendar": preview.name,
        "summary": calendar_preview.summary_text(preview),
        "zone": preview.zone,
        # The days of a stay in Japan, whose meetings are given on Tokyo's clock.
        "in_japan": [day.isoformat() for day in preview.in_japan] if preview.in_japan else None,
        "files": [method.value for method in preview.files],
        "study_tours": preview.tours,
        "caveats": list(preview.caveats),
        "events": [
            {
                "title": row.title,
                "start": local_iso(row.start),
                "end": local_iso(row.end),
                "start_utc": utc_z(row.start),
                "end_utc": utc_z(row.end),
                "status": row.status.value,
                "location": row.location,
                "video_link": row.video_link,
                "uid": row.uid,
                "recurrence_id": utc_z(row.recurrence_id) if row.recurrence_id else None,
                "all_day": row.all_day,
                # A study tour's outline or one of its travel legs, not a meeting.
                "tour_part": row.tour_part,
            }
            for row in preview.rows
        ],
    }


def preview_text(preview: calendar_preview.ExportPreview) -> str:
    """The calendar's name, the export dialog's summary of the preview, then its rows."""
    head = f"{columns.one_line(preview.name)}\n{calendar_preview.summary_text(preview)}"
    rows = [
        [row.start_text, row.end_text, row.status.label, row.title, row.location, row.video_link]
        for row in preview.rows
    ]
    if not rows:
        return head
    header = [_("Starts"), _("Ends"), _("Status"), _("Title"), _("Location"), _("Video link")]
    return head + "\n" + table(rows, header)


def _without_organizer(paths: list[Path]) -> int:
    count = 0
    for path in paths:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        count += sum(
            1
            for event in calendar.walk("VEVENT")
            if "ORGANIZER" not in event and not str(event["UID"]).startswith(("tour-", "leg-"))
        )
    return count
