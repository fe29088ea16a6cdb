"""``cpp-scheduler times EVENT_UID``: the event at every attendee's local time."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, date, datetime
from typing import Any

from cpp_scheduler import i18n, timezones
from cpp_scheduler.cli import columns
from cpp_scheduler.cli.dates import refuse_outside_program
from cpp_scheduler.cli.engine_formats import local_iso, print_json, table, utc_z
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import _
from cpp_scheduler.scheduling.localtimes import AttendeeTimes, HolidayWarning
from cpp_scheduler.services import series_view
from cpp_scheduler.services.localtimes import (
    MeetingLocalTimes,
    Moment,
    clock_text,
    night_warning,
    read_event_local_times,
)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "times",
        parents=[common],
        help=_("an event's date and time for each delegation, participant, Tokyo and Washington"),
        description=_(
            "Show an event's start and end in the zone of each attending "
            "delegation and participant, and in Tokyo and Washington: local date and time, "
            "day offset against the event's zone, UTC offset, and whether it falls in "
            "working hours, acceptable hours or the night; then the nights the conflict check "
            "warns of, and the public holidays at home (or in "
            "Japan, during a stay and for the hosts) on those dates. Attendees on a clock "
            "already shown (a participant on their delegation's) are not repeated."
        ),
    )
    parser.add_argument("event", metavar="EVENT_UID", help=_("the event's UID (or its id)"))
    add_occurrence_option(parser)
    parser.add_argument(
        "--all", action="store_true", help=_("for a series, every occurrence (default: the first)")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def _row_json(row: AttendeeTimes) -> dict[str, Any]:
    return {
        "id": row.attendee.id,
        "name": row.attendee.name,
        "kind": str(row.attendee.kind),
        "zone": row.zone,
        "clock": row.attendee.clock_city(row.zone),
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
    return [
        row.attendee.name,
        clock_text(row, row.zone),
        timezones.span_text(row.start.local, row.end.local, day=i18n.day_text),
        f"{row.start.day_offset:+d}" if row.start.day_offset else "0",
        timezones.offsets_text(row.start.local, row.end.local, named=True),
        row.part.label,
    ]


def add_occurrence_option(parser: argparse.ArgumentParser) -> None:
    """``--occurrence WHEN``, which names one meeting of a series (:func:`parse_occurrence`)
    as the Local times dock and ``events show`` name it."""
    parser.add_argument(
        "--occurrence",
        metavar="WHEN",
        help=_(
            "for a series, the meeting on this date in the event's zone (YYYY-MM-DD) or "
            "starting at this instant (ISO 8601 with its offset, such as 2027-03-17T08:00:00Z; "
            "the start the series gives it, or the one it was moved to)"
        ),
    )


def parse_occurrence(text: str | None) -> Moment | None:
    """The meeting ``--occurrence`` names: a date in the event's zone, or an instant."""
    if text is None:
        return None
    try:
        if _DATE.match(text):
            day = date.fromisoformat(text)
            refuse_outside_program("--occurrence", text, day)
            return day
        instant = datetime.fromisoformat(text)
    except ValueError:
        instant = None
    if instant is None or instant.tzinfo is None:
        raise CliError(
            _(
                "--occurrence '{text}' is neither a date (YYYY-MM-DD, in the event's zone) nor "
                "an instant with its offset (such as 2027-03-17T08:00:00Z)"
            ).format(text=printable(text)),
            status=2,
        )
    refuse_outside_program("--occurrence", text, instant.date())
    return instant.astimezone(UTC)


def _holiday_json(warning: HolidayWarning) -> dict[str, Any]:
    return {
        "date": warning.day.isoformat(),
        "country": warning.country,
        "country_name": warning.country_name,
        "holiday": warning.holiday,
        "who": warning.who,
        "message": warning.text,
    }


def _meeting_json(meeting: MeetingLocalTimes) -> dict[str, Any]:
    recurrence_id = meeting.recurrence_id
    return {
        "start": utc_z(meeting.start),
        "end": utc_z(meeting.end),
        "recurrence_id": utc_z(recurrence_id) if recurrence_id is not None else None,
        "all_day": meeting.all_day,
        "dates": [day.isoformat() for day in meeting.dates] if meeting.all_day else None,
        "times": [_row_json(row) for row in meeting.rows],
        "nights": [
            {"id": row.attendee.id, "name": row.attendee.name, "message": night_warning(row)}
            for row in meeting.nights_warned
        ],
        "holidays": [_holiday_json(warning) for warning in meeting.warnings],
    }


def _meeting_text(meeting: MeetingLocalTimes) -> str:
    heading = _("{title}: {span}").format(
        title=columns.one_line(meeting.event.title), span=meeting.when_text()
    )
    header = [_("WHO"), _("ZONE"), _("LOCAL TIME"), _("DAY"), _("UTC OFFSET"), _("HOURS")]
    # An all-day meeting has the same dates on every clock: no hours to list.
    rows = [] if meeting.all_day else [table([_row_text(row) for row in meeting.rows], header)]
    holidays = (_("Holiday: {text}").format(text=warning.text) for warning in meeting.warnings)
    # The nights the conflict check warns of, as the event dialog warns of them.
    return "\n".join([heading, *rows, *meeting.night_warnings(), *holidays])


def run(args: argparse.Namespace) -> int:
    occurrence = parse_occurrence(args.occurrence)
    if occurrence is not None and args.all:
        raise CliError(_("give --occurrence or --all, not both"), status=2)
    database = open_program(args.db)
    try:
        answer = read_event_local_times(database, args.event, occurrence, every=args.all)
        # A series' first meeting held, named as the event dialog names it when it is
        # not where the rule puts the first (moved, or after cancelled ones).
        first_held = (
            series_view.first_held_text(series_view.read_series(database, args.event).draft)
            if answer.event.is_series and occurrence is None and not args.all
            else ""
        )
    finally:
        database.close()
    event = answer.event
    if args.json:
        print_json(
            {
                "event": {"uid": event.uid, "title": event.title, "zone": event.zone},
                "occurrences": [_meeting_json(meeting) for meeting in answer.meetings],
                # Why the first meeting listed is not the rule's first (None: it is).
                "first_held": first_held or None,
            }
        )
        return 0
    blocks = [_meeting_text(meeting) for meeting in answer.meetings]
    if not blocks:
        blocks.append(
            _("{title}: every occurrence is cancelled").format(title=columns.one_line(event.title))
        )
    elif first_held:
        blocks[0] = f"{first_held}\n{blocks[0]}"
    print("\n\n".join(blocks))
    return 0
