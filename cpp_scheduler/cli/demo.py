"""``cpp-scheduler demo``: load the demo program, keeping whatever is already there."""

from __future__ import annotations

import argparse

from cpp_scheduler.errors import shown_path
from cpp_scheduler.i18n import _
from cpp_scheduler.services.counted import counts
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import open_database


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "demo",
        parents=[common],
        help=_("load a realistic demo program (safe to run again)"),
        description=_(
            "Load the demo program: delegations from four continents, a conference "
            "at TDLC, a five-day study tour, a monthly virtual workshop series, site visits in "
            "every partner city and knowledge products. Records already present are kept as "
            "they are, so running it again changes nothing."
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    database = open_database(args.db)
    try:
        summary = load_demo(database)
    finally:
        database.close()
    if summary.total_created:
        print(
            _("Loaded the demo program into {database}: created {counts}.").format(
                database=shown_path(database.name), counts=counts(summary.created.items())
            )
        )
        if summary.total_kept:
            print(
                _("Kept {count} records that were already there.").format(count=summary.total_kept)
            )
    else:
        print(
            _(
                "The demo program is already in {database}: nothing to add "
                "({count} records kept as they are)."
            ).format(database=shown_path(database.name), count=summary.total_kept)
        )
    return 0
