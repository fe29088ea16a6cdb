"""``cpp-scheduler records KIND``: the delegations, participants, venues, partner cities,
themes, knowledge products or travel times, as the Program menu's manager lists them."""

from __future__ import annotations

import argparse
from typing import Any

from cpp_scheduler.cli import columns
from cpp_scheduler.cli.deletion import print_deletion
from cpp_scheduler.cli.engine_formats import print_json
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.services.choices import manager_listing
from cpp_scheduler.services.record_tables import (
    RECORD_TABLES,
    RecordTable,
    cell_text,
    found,
    in_reading_order,
    nothing_found,
    search_words,
    searchable,
)
from cpp_scheduler.store import Database

_BY_COMMAND = {table.command: table for table in RECORD_TABLES.values()}


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "records",
        parents=[common],
        help=_("list the delegations, participants, venues, cities, themes, products or routes"),
        description=_(
            "List one kind of record with the columns and in the order of its manager in "
            "the window's Program menu: delegations, participants, venues, partner cities, "
            "themes, knowledge products, or the travel-time table's routes."
        ),
    )
    parser.add_argument(
        "kind",
        choices=list(_BY_COMMAND),
        metavar="KIND",
        help=_("what to list: {kinds}").format(kinds=", ".join(_BY_COMMAND)),
    )
    parser.add_argument(
        "--search",
        metavar="TEXT",
        default="",  # nothing searched for lists every record, as an empty search box
        help=_(
            "only the records holding every word of TEXT, in any column and any order, "
            "as the manager's search box finds them (any case, accents and full-width "
            "letters alike, katakana as hiragana)"
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.add_argument(
        "--deletion",
        metavar="RECORD",
        help=_(
            "instead of the list, what deleting RECORD (its name as the list shows it, or "
            "its id) would do, as the window asks before it deletes one; nothing is deleted"
        ),
    )
    parser.set_defaults(run=run)


def read_rows(database: Database, table: RecordTable) -> list[tuple[str, list[str]]]:
    """Each record's id and its cells as the manager shows them, in the order it first
    shows them: by its first column, as a coordinator reads it."""
    return [(record_id, cells) for record_id, cells, _title in _listed(database, table)]


def _listed(database: Database, table: RecordTable) -> list[tuple[str, list[str], str]]:
    """:func:`read_rows`, each row with the record's title as the manager's question
    before a deletion names it (a route: "Kobe–Kitakyushu by rail")."""
    listed = manager_listing(database, table.model, table.attributes, table.order_by)
    ordered = in_reading_order(listed, lambda record: record.cells[0])
    return [
        (record.record_id, [cell_text(value) for value in record.cells], record.title)
        for record in ordered
    ]


def _named(rows: list[tuple[str, list[str], str]], name: str, table: RecordTable) -> str:
    """The id of the record ``name`` names: its id, its name as the list's first column
    shows it, or its title as the window's question names it (a route of the travel-time
    table, whose first column several share), without regard to case; refused in one
    line where none or several are."""
    wanted = name.strip()
    if any(record_id == wanted for record_id, _cells, _title in rows):
        return wanted
    folded = wanted.casefold()
    found = [
        record_id
        for record_id, cells, title in rows
        if cells[0].casefold() == folded or title.casefold() == folded
    ]
    if len(found) == 1:
        return found[0]
    if found:
        raise CliError(
            _(
                "Several records of {kind} are called {name}: give one's id "
                "(records {kind} --json)."
            ).format(kind=table.command, name=quoted(wanted))
        )
    raise CliError(
        _("No record of {kind} is called {name} (records {kind} lists them).").format(
            kind=table.command, name=quoted(wanted)
        )
    )


def run(args: argparse.Namespace) -> int:
    table = _BY_COMMAND[args.kind]
    database = open_program(args.db)
    try:
        if args.deletion is not None:
            record_id = _named(_listed(database, table), args.deletion, table)
            print_deletion(database, table.model, record_id, as_json=args.json)
            return 0
        rows = read_rows(database, table)
    finally:
        database.close()
    words = search_words(args.search)
    if words:
        rows = [(record_id, cells) for record_id, cells in rows if found(searchable(cells), words)]
    headers = table.headers()
    if args.json:
        print_json(
            {
                "columns": headers,
                "records": [{"id": record_id, "cells": cells} for record_id, cells in rows],
            }
        )
        return 0
    if words and not rows:
        print(nothing_found(args.search))  # as the manager says it under its empty list
        return 0
    print(columns.table([cells for _id, cells in rows], [h.upper() for h in headers], rule=True))
    return 0
