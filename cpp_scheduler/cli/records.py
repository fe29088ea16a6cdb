"""``cpp-scheduler records KIND``: the delegations, participants, venues, partner cities,
themes, knowledge products or travel times, as the Program menu's manager lists them."""

from __future__ import annotations

import argparse
from typing import Any

from cpp_scheduler.cli import columns
from cpp_scheduler.cli.engine_formats import print_json
from cpp_scheduler.cli.opening import open_program
from cpp_scheduler.i18n import _
from cpp_scheduler.services.choices import manager_listing
from cpp_scheduler.services.record_tables import (
    RECORD_TABLES,
    RecordTable,
    cell_text,
    sort_key,
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
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def read_rows(database: Database, table: RecordTable) -> list[tuple[str, list[str]]]:
    """Each record's id and its cells as the manager shows them, in the order it first
    shows them: by its first column, as a coordinator reads it."""
    listed = manager_listing(database, table.model, table.attributes, table.order_by)
    ordered = sorted(listed, key=lambda record: _last_if_none(sort_key(record.cells[0])))
    return [(record.record_id, [cell_text(value) for value in record.cells]) for record in ordered]


def _last_if_none(key: Any) -> tuple[bool, Any]:
    return (key is None, "" if key is None else key)


def run(args: argparse.Namespace) -> int:
    table = _BY_COMMAND[args.kind]
    database = open_program(args.db)
    try:
        rows = read_rows(database, table)
    finally:
        database.close()
    headers = table.headers()
    if args.json:
        print_json(
            {
                "columns": headers,
                "records": [{"id": record_id, "cells": cells} for record_id, cells in rows],
            }
        )
        return 0
    print(columns.table([cells for _id, cells in rows], [h.upper() for h in headers], rule=True))
    return 0
