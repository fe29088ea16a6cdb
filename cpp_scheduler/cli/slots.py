"""``cpp-scheduler slots``: the meeting times that hurt least, ranked, with reasons."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from cpp_scheduler import timezones
from cpp_scheduler.cli.dates import add_day_options, day_range, in_zone, parse_moment
from cpp_scheduler.cli.engine_formats import duration, local_iso, print_json, utc_z
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import _
from cpp_scheduler.model import recurrence
from cpp_scheduler.scheduling.inputs import Attendee
from cpp_scheduler.scheduling.slots import (
    DEFAULT_STEP,
    SeriesPlan,
    Slot,
    series_windows,
)
from cpp_scheduler.services import snapshot
from cpp_scheduler.services.slot_grid import plan_meeting
from cpp_scheduler.services.slot_search import (
    DEFAULT_COUNT,
    TDLC,
    Host,
    SlotAnswer,
    SlotSearch,
    fairness_shares,
    fairness_text,
    find_host_city,
    no_free_slot_line,
    no_free_time,
    search_slots,
    series_text,
    suggestion_line,
)


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "slots",
        parents=[common],
        help=_("find the meeting time that suits every delegation best"),
        description=_(
            "Rank meeting times between two dates for the named delegations and "
            "participants, and the host (TDLC in Tokyo unless --host names a partner city's "
            "office): working hours best, acceptable hours next, night worst; weekends "
            "and public holidays of each one's country avoided; times already taken by them "
            "or by the venue left out. With --repeat, one time per occurrence of a series, "
            "sharing the inconvenience fairly."
        ),
    )
    parser.add_argument(
        "--with",
        dest="names",
        metavar="NAME",
        nargs="+",
        action="extend",
        required=True,
        help=_("a delegation's name or a participant's email (repeatable)"),
    )
    parser.add_argument(
        "--duration", type=duration, required=True, help=_("length of the meeting: 90m, 1h30m, 2h")
    )
    add_day_options(parser, _("to search"), required=True)
    parser.add_argument(
        "--step",
        type=duration,
        default=DEFAULT_STEP,
        help=_("between candidate starts (default: 15m)"),
    )
    parser.add_argument(
        "--count",
        type=int,
        default=DEFAULT_COUNT,
        metavar="N",
        help=_("how many slots to propose (default: %(default)s, as the slot finder lists)"),
    )
    parser.add_argument(
        "--venue", metavar="NAME", help=_("a venue that must be free and open (its name)")
    )
    hosts = parser.add_mutually_exclusive_group()
    hosts.add_argument(
        "--host",
        metavar="CITY",
        help=_("a partner city whose office hosts the meeting (default: TDLC in Tokyo)"),
    )
    hosts.add_argument(
        "--no-host",
        action="store_true",
        help=_("leave the host's working hours out of the search"),
    )
    parser.add_argument(
        "--zone",
        default=timezones.TOKYO,
        help=_("the zone the dates are read in (default: Asia/Tokyo)"),
    )
    parser.add_argument(
        "--instead-of",
        metavar="EVENT_UID",
        help=_(
            "an event to find a new time for (its UID or id): its own meetings do not "
            "count as taking its attendees' or venue's time"
        ),
    )
    parser.add_argument(
        "--session-of",
        metavar="CONFERENCE_UID",
        help=_(
            "the conference the meeting is a session of (its UID or id; by default that "
            "of the --instead-of event): it takes nobody's time for its sessions, and "
            "its other sessions take a delegation's only where they name it"
        ),
    )
    parser.add_argument(
        "--repeat",
        metavar="RRULE",
        help=_("plan a series: repeat the date range by an RRULE, e.g. FREQ=MONTHLY;COUNT=6"),
    )
    parser.add_argument(
        "--at",
        metavar="YYYY-MM-DDTHH:MM",
        help=_(
            "instead of suggesting times, say who is booked at this time (in --zone) for "
            "--duration, as the window's grid says of an hour clicked"
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def parse_at(text: str, zone: str) -> datetime:
    """The instant ``--at`` names: a wall-clock time in ``zone``, never guessed where the
    clocks skip or repeat it; or an instant with its offset."""
    return in_zone("--at", parse_moment("--at", text), zone)


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


def _host_json(host: Attendee | None) -> dict[str, Any] | None:
    if host is None:
        return None
    return {"id": host.id, "name": host.name, "zone": host.zone}


def _slot_text(slot: Slot, number: int, zone: str) -> str:
    lines = [suggestion_line(number, slot, zone)]
    lines += [f"     {fit.reason}" for fit in slot.fits]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.count < 1:
        raise CliError(_("--count must be at least 1"), status=2)
    if not timezones.is_zone(args.zone):
        raise CliError(
            _("--zone: '{zone}' is not a time zone").format(zone=printable(args.zone)), status=2
        )
    days = day_range(args, args.zone)
    args.first, args.last = days.first, days.last
    windows = [(args.first, args.last)]
    if args.repeat:
        try:
            windows = series_windows(args.first, args.last, args.repeat)
        except recurrence.RecurrenceError as error:
            raise CliError(f"--repeat: {error}", status=2) from error
    # A time chosen by hand is read, or refused, before the program is.
    at = parse_at(args.at, args.zone) if args.at is not None else None
    database = open_program(args.db)
    try:
        with database.session() as session:
            attendees = snapshot.find_attendees(session, args.names)
            venue = snapshot.find_venue(session, args.venue) if args.venue else None
            host: Host | None = None if args.no_host else TDLC
            if args.host:
                host = Host(find_host_city(session, args.host))
            moved = snapshot.find_event(session, args.instead_of) if args.instead_of else None
            conference = (
                snapshot.find_event(session, args.session_of).id
                if args.session_of
                else (moved.parent_id if moved is not None else None)
            )
            moved_id = moved.id if moved is not None else None
        search = SlotSearch(
            attendee_ids=tuple(attendee.id for attendee in attendees),
            duration=args.duration,
            first_day=args.first,
            last_day=args.last,
            host=host,
            venue_id=venue.id if venue is not None else None,
            zone=args.zone,
            step=args.step,
            count=args.count,
            repeat=args.repeat,
            instead_of=moved_id,
            session_of=conference,
        )
        if at is not None:
            booked = plan_meeting(database, search).booked_during(at, at + args.duration)
        else:
            answer = search_slots(database, search)
    finally:
        database.close()
    if at is not None:
        return _print_booked(at, booked, args)
    if answer.plan is not None:
        _print_series(answer, answer.plan, windows, args)
        return 0
    slots = answer.slots
    if args.json:
        print_json(
            {
                "zone": args.zone,
                "host": _host_json(answer.host),
                "slots": [_slot_json(slot) for slot in slots],
            }
        )
    elif not slots:
        print(no_free_time())
    else:
        print(_host_text(answer))
        print("\n\n".join(_slot_text(slot, n, args.zone) for n, slot in enumerate(slots, 1)))
    return 0


def _print_booked(start: datetime, booked: tuple[str, ...], args: argparse.Namespace) -> int:
    """Who is booked at the time ``--at`` asks about, each as the grid's tooltip says
    it; that everyone is free, else."""
    if args.json:
        print_json({"start": utc_z(start), "free": not booked, "booked": list(booked)})
    elif booked:
        print("\n".join(booked))
    else:
        print(_("Everyone is free then."))
    return 0


def _host_text(answer: SlotAnswer) -> str:
    if answer.host is None:
        return _("Hosted by nobody: the host's hours are left out.") + "\n"
    return _("Hosted by {host}.").format(host=answer.host.name) + "\n"


def _print_series(
    answer: SlotAnswer, plan: SeriesPlan, windows: list[Any], args: argparse.Namespace
) -> None:
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
                "host": _host_json(answer.host),
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
    series = series_text(plan)
    blocks = [_host_text(answer).rstrip(), series[:1].upper() + series[1:] + ":"]
    for number, (window, slot) in enumerate(zip(windows, plan.slots, strict=True), 1):
        if slot is None:
            blocks.append(no_free_slot_line(number, window))
        else:
            blocks.append(_slot_text(slot, number, args.zone))
    heading, sentence = fairness_text(fairness_shares(plan, names), plan)
    blocks.append(f"{heading} {sentence}")
    print("\n\n".join(blocks))
