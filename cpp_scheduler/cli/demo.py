"""``cpp-scheduler demo``: load the demo program, keeping whatever is already there."""

from __future__ import annotations

import argparse

from cpp_scheduler.i18n import _
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.saved_words import demo_loaded
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
    # In the words the window's status bar says them once it shows the demo.
    for line in demo_loaded(summary, database.name):
        print(line)
    return 0
