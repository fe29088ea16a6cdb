"""argparse's own words (``usage:``, ``options``, its errors) in the program's language.

argparse looks its texts up through the module-global ``_`` and ``ngettext`` it imported
from :mod:`gettext`, in gettext's default domain, which the program has no catalogue for.
:func:`speak_our_language` points those two names at :mod:`cpp_scheduler.i18n`, so the
help a command prints and the one line of a mistake on its command line read in the
language of the rest of its output. The texts are listed here, exactly as argparse writes
them, so the catalogue holds them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, NoReturn

from cpp_scheduler import i18n
from cpp_scheduler.cli import columns
from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import N_

ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


class WideHelpFormatter(argparse.HelpFormatter):
    """argparse's help, wrapped by the columns a terminal gives each character: Japanese
    help wrapped by ``len()`` runs to twice the width of the terminal."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return columns.wrap(" ".join(text.split()), width)

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
        # argparse indents the usage's later lines by len() of its prefix; "使い方: " takes
        # more columns than characters, so it lays the usage out after a stand-in as wide
        # on screen, then puts the prefix back.
        shown = i18n._("usage: ") if prefix is None else prefix
        stand_in = "u" * columns.width(shown)
        text: str = super()._format_usage(usage, actions, groups, stand_in)
        return text.replace(stand_in, shown, 1)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = columns.wrap(" ".join(text.split()), width - len(indent))
        return "\n".join(indent + line for line in lines)


class CommandParser(argparse.ArgumentParser):
    """The command's parser and its subcommands' (argparse makes those of the parser's
    own class), all with :class:`WideHelpFormatter`.

    Every value given as text must hold some: an empty ``--event ""`` names no event,
    and taken as "not given" it would export, report or send for the whole program. A
    mistake on the command line is one line, its value shown escaped and shortened,
    with where to read how (argparse's own way prints the whole usage first).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", WideHelpFormatter)
        super().__init__(*args, **kwargs)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        # Every value passes here, an option's of an argument group too (groups add
        # their options without the parser's add_argument).
        if _takes_text(action) and not arg_string.strip():
            raise argparse.ArgumentError(action, i18n._("give a value, not an empty text"))
        return super()._get_value(action, arg_string)

    def error(self, message: str) -> NoReturn:
        self.exit(
            2,
            i18n._("{prog}: {message} (see {prog} --help)").format(
                prog=self.prog, message=printable(message, MESSAGE_LENGTH)
            )
            + "\n",
        )


MESSAGE_LENGTH = 400
"""The longest a mistake on the command line is said, its values included."""


def _takes_text(action: argparse.Action) -> bool:
    """Whether ``action`` takes a text as it is, or a file's name: no other type, no
    choices; and not one whose default is an empty text (``--search``, where nothing
    searched for is a meaning of its own)."""
    default = action.default
    return (
        action.type in (None, Path)
        and action.choices is None
        and not (isinstance(default, str) and not default.strip())
    )


def speak_our_language() -> None:
    """Let argparse's texts follow :func:`cpp_scheduler.i18n.use_language`."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
