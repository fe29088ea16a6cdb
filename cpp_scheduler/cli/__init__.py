"""The ``cpp-scheduler`` command: the GUI by default, subcommands for headless work.

Each subcommand lives in its own module of this package and exposes
``register(subparsers, common)``, which adds its parser and sets ``run`` (a function of
the parsed arguments returning the exit status). A failure a user can cause ends in one
line on stderr and a non-zero status, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from cpp_scheduler import __version__, i18n, timezones
from cpp_scheduler.cli import argparse_texts
from cpp_scheduler.cli.errors import CliError, said
from cpp_scheduler.errors import SchedulerError, quoted, system_reason, system_refusal
from cpp_scheduler.i18n import _

#: Each subcommand's name and the module of this package that defines it, in the order
#: ``--help`` lists them.
COMMANDS: dict[str, str] = {
    "demo": "demo",
    "events": "events",
    "times": "times",
    "series": "series",
    "zones": "zones",
    "conflicts": "conflicts",
    "schedule": "schedule",
    "tours": "tours",
    "slots": "slots",
    "export": "export",
    "import": "calendar_import",
    "program": "program",
    "report": "report",
    "print": "documents",
    "send": "send",
    "changes": "changes",
    "replies": "replies",
    "history": "history",
    "records": "records",
    "admin": "admin",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of the whole command line; with ``command``, of that subcommand alone.

    Each subcommand's module loads what the subcommand works with (the engine, the file
    formats, the mail), so a command run registers its own subcommand only and starts
    in about half the time; the overview (``--help``) and a mistyped name register all.
    """
    common = argparse_texts.CommandParser(add_help=False)
    # SUPPRESS: a subcommand's copy of --db must not reset a --db given before it.
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="PATH_OR_URL",
        help=_(
            "a SQLite file or a postgresql:// URL (default: $CPP_SCHEDULER_DB, "
            "else program.sqlite in your user data folder)"
        ),
    )
    common.add_argument(
        "--author",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help=_(
            "who the changes are made by, in every record's history (default: "
            "$CPP_SCHEDULER_AUTHOR, else your user name)"
        ),
    )
    common.add_argument(
        "--lang",
        default=argparse.SUPPRESS,
        choices=i18n.LANGUAGES,
        help=_(
            "the language of messages (default: the window's choice for the window, "
            "else $LANGUAGE, $LC_ALL, $LC_MESSAGES or $LANG)"
        ),
    )
    parser = argparse_texts.CommandParser(
        prog="cpp-scheduler",
        description=_("Plan TDLC City Partnership Program events across time zones."),
        parents=[common],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__} (time zones: IANA {timezones.TZDATA_RELEASE})",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [command] if command in COMMANDS else COMMANDS:
        module = importlib.import_module(f"cpp_scheduler.cli.{COMMANDS[name]}")
        module.register(subparsers, common)
    return parser


def named_command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` runs, when it names one after the options every command
    takes (``--db``, ``--author``, ``--lang``) and asks nothing else of the top level
    (``--help``, ``--version``); else None."""
    quick = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    for option in ("--db", "--author", "--lang"):
        quick.add_argument(option)
    quick.add_argument("command", nargs="?")
    quick.add_argument("arguments", nargs=argparse.REMAINDER)
    try:
        known, top_level = quick.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return known.command if known.command in COMMANDS and not top_level else None


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments, when all they ask for is the window (at most ``--db`` and
    ``--lang``); else None.

    The window is the common case and must come up fast, so the subcommands (which load
    the engine, the file formats and the database layer) are not even registered for it.
    """
    quick = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    quick.add_argument("--db", default=None)
    quick.add_argument("--lang", default=None, choices=i18n.LANGUAGES)
    try:
        args, rest = quick.parse_known_args(argv)
    except argparse.ArgumentError:
        return None  # let the full parser say what is wrong
    if rest or (args.db is not None and not args.db.strip()):
        return None  # the full parser says what is wrong (an empty --db names nothing)
    args.command = None
    return args


def asked_language(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` names anywhere on the command line, or None; read before
    the parser is built, so that its help and its errors are in that language too."""
    quick = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    quick.add_argument("--lang", default=None)
    try:
        known, _rest = quick.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return i18n.supported(known.lang)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    undecodable = next((argument for argument in arguments if _not_text(argument)), None)
    if undecodable is not None:
        # Bytes that are no UTF-8 (Python keeps them as lone surrogates) can name no
        # record, file or zone the program can write or look up.
        shown = undecodable.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        print(
            i18n._("cpp-scheduler: {argument} is not text in UTF-8").format(argument=quoted(shown)),
            file=sys.stderr,
        )
        return 2
    for variable in _TEXT_VARIABLES:
        value = os.environ.get(variable, "")
        if _not_text(value):
            shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            print(
                i18n._("cpp-scheduler: ${variable}, {value}, is not text in UTF-8").format(
                    variable=variable, value=quoted(shown)
                ),
                file=sys.stderr,
            )
            return 2
    args = window_arguments(arguments)
    if args is None:
        # A command, its help or a mistake in its arguments: in the language asked for
        # (the window reads its own choice, then the system's).
        i18n.use_language(asked_language(arguments))
        argparse_texts.speak_our_language()
        args = build_parser(named_command(arguments)).parse_args(arguments)
        args.db = getattr(args, "db", None)
    args.lang = getattr(args, "lang", None)
    try:
        author = getattr(args, "author", None)
        if author is not None:
            from cpp_scheduler.store import authors

            os.environ[authors.ENVIRONMENT_VARIABLE] = authors.checked_author(author)
        if args.command is None:
            from cpp_scheduler.cli.gui import launch

            return launch(args)
        status: int = args.run(args)
        return status
    except SchedulerError as error:
        print(f"cpp-scheduler: {said(error)}", file=sys.stderr)
        return error.status if isinstance(error, CliError) else 1
    except BrokenPipeError:
        # The reader went away (`cpp-scheduler events list | head`): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        # The system refused a file, a folder or the output (`> /dev/full`) where no
        # step said it in words of its own: its reason, and what it refused.
        print(f"cpp-scheduler: {refusal_line(error)}", file=sys.stderr)
        _output_gone()
        return 1
    except KeyboardInterrupt:
        print(i18n._("cpp-scheduler: interrupted"), file=sys.stderr)
        return 130


_TEXT_VARIABLES = ("CPP_SCHEDULER_DB", "CPP_SCHEDULER_AUTHOR")
"""The environment's variables a command reads as text: the program's location and
who changes it, each as its command-line option would give it."""


def _not_text(argument: str) -> bool:
    """Whether ``argument`` holds bytes that were no UTF-8 (kept as lone surrogates)."""
    return not argument.isascii() and any("\udc80" <= c <= "\udcff" for c in argument)


def refusal_line(error: OSError) -> str:
    """An error of the system in one line: what it refused (the file, when it names
    one, else the output the command prints) and why
    (:func:`~cpp_scheduler.errors.system_reason`)."""
    if error.filename is None:
        return i18n._("the output cannot be written: {reason}").format(reason=system_reason(error))
    return system_refusal(error)


def _output_gone() -> None:
    """Keep Python from failing again on a standard output it cannot write to (a full
    disk) when it flushes it at exit."""
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
        return
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
