"""``cpp-scheduler slots``: the meeting times that hurt least, ranked, with reasons."""

from __future__ import annotations

import argparse
from typing import Any

from cpp_scheduler import timezones
from cpp_scheduler.cli.dates import add_day_options, day_range
from cpp_scheduler.cli.engine_formats import duration, local_iso, print_json, utc_z
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.model import recurrence
from cpp_scheduler.scheduling.slots import (
    DEFAULT_STEP,
    SeriesPlan,
    Slot,
    SlotRequest,
    busy_times,
    describe_slot,
    find_slots,
    plan_series,
    series_windows,
)
from cpp_scheduler.services import snapshot
from cpp_scheduler.store import open_database


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "slots",
        parents=[common],
        help="find the meeting time that suits every delegation best",
        description="Rank meeting times between two dates for the named delegations and "
        "participants: working hours best, acceptable hours next, night worst; weekends "
        "and public holidays of each one's country avoided; times already taken by them "
        "or by the venue left out. With --repeat, one time per occurrence of a series, "
        "sharing the inconvenience fairly.",
    )
    parser.add_argument(
        "--with",
        dest="names",
        metavar="NAME",
        nargs="+",
        action="extend",
        required=True,
        help="a delegation's name or a participant's email (repeatable)",
    )
    parser.add_argument(
        "--duration", type=duration, required=True, help="length of the meeting: 90m, 1h30m, 2h"
    )
    add_day_options(parser, "to search", required=True)
    parser.add_argument(
        "--step",
        type=duration,
        default=DEFAULT_STEP,
        help="between candidate starts (default: 15m)",
    )
    parser.add_argument(
        "--count", type=int, default=5, metavar="N", help="how many slots to propose (default: 5)"
    )
    parser.add_argument(
        "--venue", metavar="NAME", help="a venue that must be free and open (its name)"
    )
    parser.add_argument(
        "--zone",
        default=timezones.TOKYO,
        help="the zone the dates are read in (default: Asia/Tokyo)",
    )
    parser.add_argument(
        "--repeat",
        metavar="RRULE",
        help="plan a series: repeat the date range by an RRULE, e.g. FREQ=MONTHLY;COUNT=6",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def _slot_json(slot: Slot) -> dict[str, Any]:
    return {
        "start": utc_z(slot.start),
        "end": utc_z(slot.end),
        "inconvenience": slot.total,
        "worst": slot.worst,
        "attendees": [
            {
                "id": fit.attendee.id,
                "name": fit.attendee.name,
                "kind": str(fit.attendee.kind),
                "zone": fit.zone,
                "start": local_iso(fit.local_start),
                "end": local_iso(fit.local_end),
                "hours": str(fit.part),
                "day_off": fit.day_off,
                "inconvenience": fit.inconvenience,
                "reason": fit.reason,
            }
            for fit in slot.fits
        ],
    }


def _slot_text(slot: Slot, number: str, zone: str) -> str:
    lines = [
        f"{number} {describe_slot(slot, zone)}: inconvenience {slot.total} (worst {slot.worst})"
    ]
    lines += [f"     {fit.reason}" for fit in slot.fits]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.count < 1:
        raise CliError("--count must be at least 1", status=2)
    if not timezones.is_zone(args.zone):
        raise CliError(f"--zone: '{args.zone}' is not a time zone", status=2)
    days = day_range(args, args.zone)
    args.first, args.last = days.first, days.last
    windows = [(args.first, args.last)]
    if args.repeat:
        try:
            windows = series_windows(args.first, args.last, args.repeat)
        except recurrence.RecurrenceError as error:
            raise CliError(f"--repeat: {error}", status=2) from error
    database = open_database(args.db)
    try:
        with database.session() as session:
            attendees = snapshot.find_attendees(session, args.names)
            venue = snapshot.find_venue(session, args.venue) if args.venue else None
            program = snapshot.snapshot_for(session, windows[0][0], windows[-1][1])
    finally:
        database.close()
    request = SlotRequest(
        attendees=tuple(attendees),
        duration=args.duration,
        first_day=args.first,
        last_day=args.last,
        zone=args.zone,
        step=args.step,
        venue=venue,
        busy=busy_times(program, attendees, venue),
    )
    if args.repeat:
        _print_series(plan_series(request, windows), windows, args)
        return 0
    slots = find_slots(request, args.count)
    if args.json:
        print_json({"zone": args.zone, "slots": [_slot_json(slot) for slot in slots]})
    elif not slots:
        print("No free slot in that range: every candidate time is taken or the venue is closed.")
    else:
        print("\n\n".join(_slot_text(slot, f"{n}.", args.zone) for n, slot in enumerate(slots, 1)))
    return 0


def _print_series(plan: SeriesPlan, windows: list[Any], args: argparse.Namespace) -> None:
    names = {
        a.id: a.name
        for fit_slot in plan.slots
        if fit_slot
        for a in (fit.attendee for fit in fit_slot.fits)
    }
    if args.json:
        print_json(
            {
                "zone": args.zone,
                "occurrences": [
                    {
                        "window": [first.isoformat(), last.isoformat()],
                        "slot": _slot_json(slot) if slot is not None else None,
                        "moved": moved,
                    }
                    for (first, last), slot, moved in zip(
                        windows, plan.slots, plan.moved, strict=True
                    )
                ],
                "fairness": {
                    "spread": plan.fairness,
                    "totals": {names.get(key, key): value for key, value in plan.totals.items()},
                },
            }
        )
        return
    blocks = []
    for number, ((first, last), slot) in enumerate(zip(windows, plan.slots, strict=True), 1):
        if slot is None:
            blocks.append(f"{number}. {first:%d %b}-{last:%d %b %Y}: no free slot")
        else:
            blocks.append(_slot_text(slot, f"{number}.", args.zone))
    totals = ", ".join(f"{names.get(k, k)} {v}" for k, v in plan.totals.items())
    blocks.append(
        f"Fairness: spread {plan.fairness} (largest minus smallest total "
        f"inconvenience; 0 is perfectly even). Totals: {totals}"
    )
    print("\n\n".join(blocks))
