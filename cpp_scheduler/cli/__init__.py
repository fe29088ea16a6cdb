"""The ``cpp-scheduler`` command: the GUI by default, subcommands for headless work.

Each subcommand lives in its own module of this package and exposes
``register(subparsers, common)``, which adds its parser and sets ``run`` (a function of
the parsed arguments returning the exit status). A failure a user can cause ends in one
line on stderr and a non-zero status, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from cpp_scheduler import __version__, timezones
from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.errors import SchedulerError

#: Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "demo",
    "events",
    "times",
    "conflicts",
    "slots",
    "export",
    "calendar_import",
    "program",
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's copy of --db must not reset a --db given before it.
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="PATH_OR_URL",
        help="a SQLite file or a postgresql:// URL (default: $CPP_SCHEDULER_DB, "
        "else program.sqlite in your user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="cpp-scheduler",
        description="Plan TDLC City Partnership Program events across time zones.",
        parents=[common],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__} (time zones: IANA {timezones.TZDATA_RELEASE})",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"cpp_scheduler.cli.{name}")
        module.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    try:
        if args.command is None:
            from cpp_scheduler.cli.gui import launch

            return launch(args)
        status: int = args.run(args)
        return status
    except SchedulerError as error:
        print(f"cpp-scheduler: {error}", file=sys.stderr)
        return error.status if isinstance(error, CliError) else 1
    except KeyboardInterrupt:
        print("cpp-scheduler: interrupted", file=sys.stderr)
        return 130
