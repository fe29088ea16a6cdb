"""``cpp-scheduler events list``: the program's events in a date range, as a table or JSON.

Each occurrence of a series is a row of its own (moved ones at their new time, cancelled
ones left out), so the list reads like a calendar. Dates are whole days in Tokyo (or in
the zone ``--days-in`` names, as the window's days on that clock), both ends included,
holding what the window's Day view holds on them: a timed meeting whose hours fall on
them, an all-day event dated on them (its dates are the same on every clock). Instants
in the JSON are UTC ending in Z, with the event's zone beside them.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cpp_scheduler import timezones
from cpp_scheduler.cli import columns
from cpp_scheduler.cli.dates import DayRange, add_day_options, day_range, days_in_note
from cpp_scheduler.cli.deletion import print_deletion
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.filters import add_filter_options, event_filter_of, filtered
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.cli.times import add_occurrence_option, parse_occurrence
from cpp_scheduler.errors import printable, quoted
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.limits import MAX_TEXT_LENGTH
from cpp_scheduler.model import Event, PartnerCity
from cpp_scheduler.model.event_filter import partner_city
from cpp_scheduler.model.recurrence import Occurrence
from cpp_scheduler.scheduling.inputs import zone_city
from cpp_scheduler.services.calendar_reads import read_meeting_row
from cpp_scheduler.services.meeting_words import (
    listed_days,
    listed_times,
    meeting_lines,
    place_text,
)
from cpp_scheduler.services.queries import meetings_on_days
from cpp_scheduler.services.rows import both_names, occurrences_of_events, venue_name
from cpp_scheduler.services.snapshot import find_event
from cpp_scheduler.store import Database

TITLE_WIDTH = 52
WHERE_WIDTH = 30
DELEGATIONS_WIDTH = 36


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "events",
        parents=[common],
        help=_("list the program's events"),
        description=_("Look at the program's events without the window."),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list",
        parents=[common],
        help=_("list events in a date range"),
        description=_(
            "List the events on a range of days (in Tokyo, both ends included; an "
            "all-day event on its own dates), one row per occurrence of a series; with "
            "the filters, those the window's sidebar lets through, as its Agenda lists "
            "them."
        )
        + " "
        + days_in_note()
        + " "
        + _("A column then gives each meeting's times on that clock, as the Agenda shows them."),
    )
    add_day_options(listing, _("in Tokyo (default: no limit)"), days_in=True)
    add_filter_options(listing)
    listing.add_argument(
        "--json", action="store_true", help=_("print a JSON array instead of a table")
    )
    listing.set_defaults(run=run_list)
    show = actions.add_parser(
        "show",
        parents=[common],
        help=_("one meeting in words, as the calendar's tooltip tells it"),
        description=_(
            "One meeting in words, as a calendar view's tooltip tells it: its title, its "
            "times on the clock the calendar is shown in, where it was moved from, its time "
            "on the clock it was planned on, and what, where and with whom."
        ),
    )
    show.add_argument("event", metavar="EVENT_UID", help=_("the event's UID (or its id)"))
    add_occurrence_option(show)
    show.add_argument(
        "--clock",
        metavar="ZONE",
        default=timezones.TOKYO,
        help=_("the IANA zone the calendar is shown in (default: Asia/Tokyo)"),
    )
    show.set_defaults(run=run_show)
    deletion = actions.add_parser(
        "deletion",
        parents=[common],
        help=_("what deleting an event would do"),
        description=_(
            "What deleting the event would do, as the window asks before it deletes one: "
            "the records it changes, those it deletes with it, the participants it leaves "
            "due an update, the invitations still standing it takes out of the ledger, and "
            "a series' meetings. Nothing is deleted."
        ),
    )
    deletion.add_argument("event", metavar="EVENT_UID", help=_("the event's UID (or its id)"))
    deletion.add_argument("--json", action="store_true", help=_("print JSON"))
    deletion.set_defaults(run=run_deletion)


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
            "status": event.held_status.value,
            "start": _instant(occurrence.start),
            "end": _instant(occurrence.end),
            "zone": event.zone,
            "local_start": timezones.to_local(occurrence.start, event.zone).isoformat(),
            "local_end": timezones.to_local(occurrence.end, event.zone).isoformat(),
            "venue": event.venue.name if event.venue is not None else None,
            "city": event.city.name if event.city is not None else None,
            "partner_city": _partner_city(event),
            "delegations": [delegation.name for delegation in event.delegations],
            "parent": event.parent.uid if event.parent is not None else None,
            "recurrence_id": _instant(occurrence.recurrence_id)
            if event.is_series and occurrence.recurrence_id is not None
            else None,
            "moved": occurrence.moved,
            "sequence": event.sequence,
            "all_day": event.all_day,
            "dates": [event.first_date.isoformat(), event.last_date.isoformat()]
            if event.all_day
            else None,
        }

    def cells(self, clock: str | None = None) -> list[str]:
        """The row's cells; ``clock``: the zone ``--days-in`` named, whose times follow
        the event's own, as the window's Agenda shows them on that clock."""
        event = self.event
        when = self._when(event.zone)
        indent = "  " if event.parent is not None else ""
        moved = _(" (moved)") if self.occurrence.moved else ""
        title = (
            indent
            + columns.clip(event.title, TITLE_WIDTH - len(indent) - columns.width(moved))
            + moved
        )
        return [
            f"{self.occurrence.start:%Y-%m-%d %H:%M}",
            when,
            *([self._when(clock)] if clock is not None else []),
            title,
            event.kind.label,
            event.held_status.label,
            event.mode.label,
            columns.clip(_where(event), WHERE_WIDTH),
            columns.clip(", ".join(d.name for d in event.delegations), DELEGATIONS_WIDTH),
        ]

    def _when(self, clock: str) -> str:
        """The meeting's times on ``clock`` as the Agenda shows them there
        (:func:`~cpp_scheduler.services.meeting_words.listed_times`: its clock named,
        each end its own where a clock change falls within); an all-day event's dates,
        the same on every clock, as the Agenda dates it
        (:func:`~cpp_scheduler.services.meeting_words.listed_days`)."""
        event, occurrence = self.event, self.occurrence
        if event.all_day:
            return listed_days(event.first_date, event.last_date).text()
        return listed_times(occurrence.start, occurrence.end, clock).text()


HEADINGS = (
    N_("START (UTC)"),
    N_("LOCAL TIME"),
    N_("TITLE"),
    N_("KIND"),
    N_("STATUS"),
    N_("MODE"),
    N_("WHERE"),
    N_("DELEGATIONS"),
)


def run_deletion(args: argparse.Namespace) -> int:
    database = open_program(args.db)
    try:
        with database.reading() as session:
            event_id = find_event(session, args.event).id
        print_deletion(database, Event, event_id, as_json=args.json)
    finally:
        database.close()
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print the meeting as the tooltip of a view shown on ``--clock`` tells it."""
    occurrence = parse_occurrence(args.occurrence)
    if not timezones.is_zone(args.clock):
        raise CliError(
            _(
                "--clock {zone} is not a time zone; give an IANA name such as "
                "America/Lima or Asia/Kathmandu"
            ).format(zone=quoted(args.clock)),
            status=2,
        )
    database = open_program(args.db)
    try:
        row = read_meeting_row(database, args.event, occurrence)
    finally:
        database.close()
    # Each line as a line of output: a title's control characters shown escaped, never
    # sent to the terminal, and a line break in it never a line of its own.
    print("\n".join(printable(line, MAX_TEXT_LENGTH) for line in meeting_lines(row, args.clock)))
    return 0


def run_list(args: argparse.Namespace) -> int:
    days = day_range(args)
    database = open_program(args.db)
    try:
        shown = _let_through(database, args, days)
        with database.reading() as session:
            rows = [
                Row(event, occurrence)
                for event, occurrence in meetings_on_days(session, days.first, days.last, days.zone)
                if shown is None or event.id in shown
            ]
            if args.json:
                print(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
            else:
                print(table(rows, days, days.zone if args.days_in else None))
    finally:
        database.close()
    return 0


def _let_through(database: Database, args: argparse.Namespace, days: DayRange) -> set[str] | None:
    """The events the sidebar's filters let through on the days asked, as the window's
    calendar and ``export ics --shown`` take them; None without a filter."""
    if not filtered(args):
        return None
    from cpp_scheduler.services import reports

    return set(
        reports.shown_event_ids(
            database, event_filter_of(database, args), days.first, days.last, days.zone
        )
    )


def table(rows: list[Row], days: DayRange, clock: str | None = None) -> str:
    """The meetings as a table, summed up; ``clock``: the zone ``--days-in`` named, on
    which a column after LOCAL TIME gives each meeting's times, as the Agenda does."""
    span = days.describe()
    if not rows:
        return _("No events {span}.").format(span=span)
    headings = [_(heading) for heading in HEADINGS]
    if clock is not None:
        headings.insert(2, _("TIME ({city})").format(city=zone_city(clock)))
    lines = [
        columns.table([row.cells(clock) for row in rows], headings, rule=True),
        "",
    ]
    counted = occurrences_of_events(len(rows), len({row.event.id for row in rows}))
    lines.append(_("{counted} {span}.").format(counted=counted, span=span))
    return "\n".join(lines)


def _where(event: Event) -> str:
    """Where the meeting is, in the words of its tooltip and ``events show``
    (:func:`~cpp_scheduler.services.meeting_words.place_text`): its venue and the
    partner city it is counted under, named as the Agenda's columns name them. How it
    is held is the MODE column's, as it is the Agenda's Mode column's."""
    venue, city = event.venue, _counted_city(event)
    return place_text(
        venue_name(venue.name, venue.name_ja) if venue is not None else "",
        both_names(city.name, city.name_ja) if city is not None else "",
    )


def _counted_city(event: Event) -> PartnerCity | None:
    """The partner city the meeting is counted under (its own, else its venue's), as
    the Agenda's Partner city column and ``--city`` read it: a meeting at Kobe City Hall
    filed under no city of its own is Kobe's."""
    venue = event.venue
    counted = partner_city(
        event.city_id, event.venue_id, {venue.id: venue.city_id} if venue is not None else {}
    )
    for city in (event.city, venue.city if venue is not None else None):
        if city is not None and city.id == counted:
            return city
    return None


def _partner_city(event: Event) -> str | None:
    """The English name of the partner city the meeting is counted under
    (:func:`_counted_city`), as the JSON gives it."""
    city = _counted_city(event)
    return city.name if city is not None else None


def _instant(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime(timezones.INSTANT_FORMAT)
