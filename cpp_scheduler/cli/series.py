"""``cpp-scheduler series EVENT_UID``: a series' meetings as the event dialog's Series tab
lists them (held, moved and cancelled), or as a new rule or start would make them."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from cpp_scheduler import i18n, timezones
from cpp_scheduler.cli import columns
from cpp_scheduler.cli.dates import parse_moment
from cpp_scheduler.cli.engine_formats import local_iso, print_json
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.i18n import _
from cpp_scheduler.model.recurrence import rule_body
from cpp_scheduler.services.series_view import SeriesView, read_series


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "series",
        parents=[common],
        help=_("a series' meetings, moved and cancelled ones included, as its Series tab lists"),
        description=_(
            "List a series' meetings as the event dialog's Series tab does: how many at what "
            "time on which days, the moved ones with where they were moved from, the "
            "cancelled ones; then each meeting in the rule's order. With --rule or --start, "
            "the series as it would be saved with them, and what becomes of its moved and "
            "cancelled meetings, as the tab says before the save. Nothing is changed."
        ),
    )
    parser.add_argument("event", metavar="EVENT_UID", help=_("the event's UID (or its id)"))
    parser.add_argument(
        "--rule",
        metavar="RRULE",
        help=_("a new repeat rule, such as FREQ=WEEKLY;BYDAY=WE;COUNT=8 (default: the stored one)"),
    )
    parser.add_argument(
        "--start",
        metavar="WHEN",
        help=_(
            "a new start of the first meeting: a time in the event's zone "
            "(YYYY-MM-DDTHH:MM), never guessed where the clocks skip or repeat it, or an "
            "instant with its offset (default: the stored start). The rule is kept as "
            "written: where the dialog's pattern follows a new day (the third Wednesday "
            "becoming the third Thursday), give that rule with --rule"
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    start = parse_moment("--start", args.start) if args.start is not None else None
    rule = _rule(args.rule)
    database = open_program(args.db)
    try:
        view = read_series(database, args.event, rule=rule, start=start)
    except timezones.TimeZoneError as error:  # a wall-clock start skipped or repeated
        raise CliError(f"--start: {error}", status=2) from None
    finally:
        database.close()
    if args.json:
        print_json(_as_json(view))
        return 0
    lines = [f"{columns.one_line(view.title)} ({view.zone})", view.text, *view.changes]
    lines.extend(str(meeting.problem) for meeting in view.to_choose)
    print("\n".join(lines))
    rows = [
        [i18n.day_text(day.date()), f"{i18n.time_text(day)} {clock}".strip(), what]
        for day, clock, what in _meetings(view)
    ]
    if rows:
        print()
        print(columns.table(rows, [_("MEETING"), _("TIME"), _("WHAT")]))
    return 0


def _rule(text: str | None) -> str | None:
    """The rule as the event stores it: without the ``RRULE:`` a calendar writes."""
    if text is None:
        return None
    return rule_body(text)


def _meetings(view: SeriesView) -> list[tuple[datetime, str, str]]:
    """Each meeting in the rule's order, on the series' wall clock: where it is held
    (with its clock in an hour read twice), and whether it was moved there or is
    cancelled."""
    series = view.wall_clock
    found: list[tuple[datetime, datetime, str, str]] = []
    for meeting in series.held:
        if meeting.ruled is None:
            found.append((meeting.start, meeting.start, meeting.clock, _("held")))
        elif meeting.ruled == meeting.start:  # a move kept at the time the rule gives it
            found.append((meeting.start, meeting.start, meeting.clock, _("moved")))
        else:
            before = f"{i18n.day_text(meeting.ruled.date())} {i18n.time_text(meeting.ruled)}"
            moved_from = _("moved from {before}").format(before=before)
            found.append((meeting.ruled, meeting.start, meeting.clock, moved_from))
    found.extend((cancelled, cancelled, "", _("cancelled")) for cancelled in series.cancelled)
    found.sort(key=lambda item: item[0])
    return [(start, clock, what) for _ruled, start, clock, what in found]


def _as_json(view: SeriesView) -> dict[str, Any]:
    series = view.wall_clock
    return {
        "event": {"uid": view.uid, "title": view.title, "zone": view.zone},
        "rule": view.rule,
        "start": local_iso(view.start),
        "summary": view.text.splitlines(),
        "changes": view.changes,
        "held": [
            {
                "start": local_iso(meeting.start),
                "moved_from": None if meeting.ruled is None else local_iso(meeting.ruled),
            }
            for meeting in series.held
        ],
        "cancelled": [local_iso(cancelled) for cancelled in series.cancelled],
        "to_choose": [
            {"start": local_iso(meeting.local), "problem": str(meeting.problem)}
            for meeting in view.to_choose
        ],
    }
