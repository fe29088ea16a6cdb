"""``cpp-scheduler tours``: the study tours, and one tour day by day with what to fix.

The same answer as the window's tour builder (:func:`cpp_scheduler.services.tours.read_board`):
the tour's route, each day's place, activities, travel legs and hotel night, and the
conflict check's findings on the day each is about, counted as the board counts them.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from cpp_scheduler import i18n, timezones
from cpp_scheduler.cli.columns import one_line
from cpp_scheduler.cli.engine_formats import print_json, table, utc_z
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.scheduling.conflicts import Conflict
from cpp_scheduler.services.tours import (
    BoardDay,
    BoardEvent,
    BoardLeg,
    TourBoard,
    find_tour_id,
    list_tours,
    read_board,
)


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "tours",
        parents=[common],
        help=_("the study tours, or one tour day by day with what to fix"),
        description=_(
            "Without a tour, list the study tours (id, title and dates). With one, show "
            "it day by day as the tour builder does: where the delegation is, each "
            "activity, travel leg and hotel night, and what the conflict check finds "
            "wrong on each day."
        ),
    )
    parser.add_argument("tour", nargs="?", metavar="ID|TITLE", help=_("a study tour"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    database = open_program(args.db)
    try:
        if args.tour is None:
            listed = list_tours(database)
            board = None
        else:
            board = read_board(database, find_tour_id(database, args.tour))
    finally:
        database.close()
    if board is None:
        if args.json:
            print_json([{"id": tour_id, "title": title} for tour_id, title in listed])
        elif listed:
            print(
                table([[tour_id, one_line(title)] for tour_id, title in listed], ["id", _("tour")])
            )
        else:
            print(_("No study tours."))
        return 0
    if args.json:
        print_json(board_json(board))
    else:
        print("\n".join(board_lines(board)))
    return 0


def verdict(board: TourBoard) -> str:
    """``5 days · 2 to fix``, or ``everything fits``, as the tour builder sums it up."""
    days = ngettext("{count} day", "{count} days", len(board.days)).format(count=len(board.days))
    problems = board.problem_count
    found = _("⚠ {count} to fix").format(count=problems) if problems else _("everything fits")
    return f"{days} · {found}"


def board_lines(board: TourBoard) -> list[str]:
    """The tour as lines, a day's heading and then what it holds, on Tokyo's clock."""
    lines = [
        one_line(f"{board.title} — {board.delegation}"),
        f"{i18n.period_day_text(board.start, board.end)} · {verdict(board)}",
        _("Route: {route}").format(route=one_line(board.route_line)),
    ]
    for card in board.days:
        lines.append("")
        heading = _("Day {number} · {day}").format(
            number=card.number, day=i18n.short_day_text(card.day)
        )
        lines.append(f"{heading} — {one_line(card.city)}")
        if card.title:
            lines.append(f"  {one_line(card.title)}")
        for _start, line, problem in _items(card):
            lines.append(f"  {line}")
            if problem:
                lines.append(f"    ⚠ {one_line(problem)}")
        lines.extend(f"  ⚠ {one_line(finding.said_within)}" for finding in _day_findings(card))
        if card.hotel:
            lines.append("  " + _("Night: {hotel}").format(hotel=one_line(card.hotel)))
        else:
            lines.append("  " + _("No hotel night"))
    return lines


def _items(card: BoardDay) -> list[tuple[datetime, str, str | None]]:
    """The day's legs and activities in the order they start, each as a line, with the
    check's sentence on it."""
    items = [
        (leg.departure, _leg_line(card, leg), leg.problem)
        for leg in (*card.legs, *card.outside_legs)
    ]
    items += [
        (event.start, _event_line(card, event), event.problem)
        for event in (*card.events, *card.outside_events)
    ]
    return sorted(items, key=lambda item: item[0])


def _span(card: BoardDay, start: datetime, end: datetime) -> str:
    """From ``start`` to ``end`` in Tokyo, with the start's day where it is not the
    card's own (the arrival flight the day before the tour, on its first card)."""
    local_start = timezones.to_local(start, timezones.TOKYO)
    local_end = timezones.to_local(end, timezones.TOKYO)
    day = None if local_start.date() == card.day else i18n.short_day_text
    return timezones.span_text(local_start, local_end, day=day, dash="–")


def _leg_line(card: BoardDay, leg: BoardLeg) -> str:
    return f"{leg.mode.label} {_span(card, leg.departure, leg.arrival)} {one_line(leg.route)}"


def _event_line(card: BoardDay, event: BoardEvent) -> str:
    if event.all_day:
        when = _("All day")
        if event.day is not None and event.day != card.day:
            when = f"{i18n.short_day_text(event.day)} {when}"
    else:
        when = _span(card, event.start, event.end)
    return f"{when} {one_line(event.title)} ({event.kind.label} · {one_line(event.place)})"


def _day_findings(card: BoardDay) -> list[Conflict]:
    """The findings of a day not said on one of its lines (a leg or an activity), each
    to be said as the day's card says it, within the tour (``said_within``)."""
    said = {leg.problem for leg in (*card.legs, *card.outside_legs) if leg.problem}
    said |= {event.problem for event in card.outside_events if event.problem}
    return [finding for finding in card.findings if finding.said_within not in said]


def board_json(board: TourBoard) -> dict[str, Any]:
    """The board as ``tours ID --json`` gives it: times in UTC, days as ISO dates, each
    finding as a day's card says it (``said``) and as ``conflicts`` does (``message``),
    in the program's language."""
    return {
        "id": board.tour_id,
        "title": board.title,
        "delegation": board.delegation,
        "first_day": board.start.isoformat(),
        "last_day": board.end.isoformat(),
        "route": list(board.route),
        "to_fix": board.problem_count,
        "findings": [finding.message for finding in board.findings],
        "days": [
            {
                "number": card.number,
                "day": card.day.isoformat(),
                "title": card.title,
                "where": card.city,
                "activities": [
                    {
                        "id": event.id,
                        "title": event.title,
                        "kind": event.kind.value,
                        "start": utc_z(event.start),
                        "end": utc_z(event.end),
                        "all_day": event.all_day,
                        "place": event.place,
                        "problem": event.problem,
                    }
                    for event in (*card.events, *card.outside_events)
                ],
                "legs": [
                    {
                        "id": leg.id,
                        "mode": leg.mode.value,
                        "from": leg.origin_name or leg.origin,
                        "to": leg.destination_name or leg.destination,
                        "departure": utc_z(leg.departure),
                        "arrival": utc_z(leg.arrival),
                        "problem": leg.problem,
                    }
                    for leg in (*card.legs, *card.outside_legs)
                ],
                "hotel": card.hotel,
                "nothing_planned": card.nothing_planned,
                "findings": [
                    {
                        "kind": finding.kind.value,
                        "said": finding.said_within,
                        "message": finding.message,
                    }
                    for finding in card.findings
                ],
            }
            for card in board.days
        ],
    }
