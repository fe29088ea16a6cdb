"""``cpp-scheduler tours``: the study tours, and one tour day by day with what to fix.

The same answer as the window's tour builder (:func:`cpp_scheduler.services.tours.read_board`):
the tour's route, each day's place, activities, travel legs and hotel night, and the
conflict check's findings on the day each is about, counted as the board counts them.
"""

from __future__ import annotations

import argparse
from typing import Any

from cpp_scheduler import i18n
from cpp_scheduler.cli.columns import one_line
from cpp_scheduler.cli.engine_formats import print_json, table, utc_z
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.i18n import _
from cpp_scheduler.services.tour_cards import CardEntry, card_text, nothing_planned_text
from cpp_scheduler.services.tours import (
    TourBoard,
    find_tour_id,
    list_tours,
    no_tours_text,
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
            print(no_tours_text())  # as the tour builder says it
        return 0
    if args.json:
        print_json(board_json(board))
    else:
        print("\n".join(board_lines(board)))
    return 0


def verdict(board: TourBoard) -> str:
    """``5 days · 2 to fix``, or ``everything fits``, as the tour builder sums it up."""
    return f"{board.days_text} · {board.fit_text}"


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
        told = card_text(card)
        for entry in told.entries:
            lines.append(f"  {_entry_line(entry)}")
            if entry.problem:
                lines.append(f"    ⚠ {one_line(entry.problem)}")
        if told.nothing_planned is not None:
            lines.append(f"  ⚠ {nothing_planned_text()}")
        lines.extend(f"  ⚠ {one_line(warning)}" for warning in told.warnings)
        if told.night is not None:
            lines.append(f"  {one_line(told.night)}")
        lines.extend(f"  ⚠ {one_line(finding.said_within)}" for finding in told.night_findings)
    return lines


def _entry_line(entry: CardEntry) -> str:
    """A leg as ``Train 12:30–13:00 Tokyo → Yokohama``; an activity as ``09:30–11:30
    Title (kind · place)``."""
    if entry.leg is not None:
        return f"{entry.leg.mode.label} {entry.when} {one_line(entry.leg.route)}"
    assert entry.event is not None
    event = entry.event
    return f"{entry.when} {one_line(event.title)} ({event.kind.label} · {one_line(event.place)})"


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
