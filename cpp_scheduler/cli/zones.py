"""``cpp-scheduler zones ZONE...``: a zone's UTC offsets over some days, as the window's
"Show times in" selector labels the zone it shows the calendar in."""

from __future__ import annotations

import argparse
from typing import Any

from cpp_scheduler import limits
from cpp_scheduler.cli.dates import day_range
from cpp_scheduler.cli.engine_formats import print_json
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.services.zone_labels import zone_label, zone_offsets, zones_matching

SHOWN_MATCHES = 8
"""How many of the zones a fragment matches a refusal names."""


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "zones",
        parents=[common],
        help=_("a time zone's UTC offsets over some days, as the window labels it"),
        description=_(
            "Each zone named, with the UTC offset its clock reads over the days --from to "
            "--to (today's, without them) and each change within them, as the window's "
            "'Show times in' selector labels the zone. A zone is its IANA name or a part "
            "of one that only it holds (kath: Asia/Kathmandu)."
        ),
    )
    parser.add_argument("zones", nargs="+", metavar="ZONE", help=_("an IANA zone or part of one"))
    parser.add_argument("--from", dest="first", metavar="DATE", help=_("first day (YYYY-MM-DD)"))
    parser.add_argument(
        "--to", dest="last", metavar="DATE", help=_("last day, included (YYYY-MM-DD)")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def _zone(text: str) -> str:
    """The one zone ``text`` names, or a refusal that says which it could be."""
    found = zones_matching(text)
    if len(found) == 1:
        return found[0]
    if not found:
        raise CliError(
            _("{zone} is no time zone of the IANA database (such as Asia/Tokyo)").format(
                zone=quoted(text)
            ),
            status=2,
        )
    shown = ", ".join(found[:SHOWN_MATCHES]) + (" …" if len(found) > SHOWN_MATCHES else "")
    raise CliError(
        _("{zone} is part of {count} zones' names ({zones}); give more of one").format(
            zone=quoted(text), count=len(found), zones=shown
        ),
        status=2,
    )


def run(args: argparse.Namespace) -> int:
    days = day_range(args)  # real dates, in order, as every command reads them
    first, last = days.first, days.last
    if (first is None) != (last is None):
        raise CliError(_("give --from and --to together, or neither"), status=2)
    if first is not None and last is not None and last - first >= limits.LONGEST_DURATION:
        raise CliError(
            _("--from {first} to --to {last} is longer than {limit}").format(
                first=first, last=last, limit=limits.describe_duration(limits.LONGEST_DURATION)
            ),
            status=2,
        )
    zones = [_zone(text) for text in args.zones]
    if args.json:
        print_json(
            [
                {
                    "zone": zone,
                    "label": zone_label(zone, first, last),
                    "offsets": [
                        {"offset": offset, "from": None if day is None else day.isoformat()}
                        for offset, day in zone_offsets(zone, first, last)
                    ],
                }
                for zone in zones
            ]
        )
        return 0
    for zone in zones:
        print(zone_label(zone, first, last))
    return 0
