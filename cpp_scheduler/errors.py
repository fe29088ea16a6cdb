"""The root of the errors a user can cause or fix, and how their messages quote input.

Every layer raises a subclass of :class:`SchedulerError` for bad input (a broken rule, an
unknown zone, a database that cannot be opened, a malformed file) with a message that
says what and where. The CLI prints it as one line and the GUI shows it in a dialog;
anything else is a bug, logged with its traceback.

A message that repeats what the user gave quotes it through :func:`quoted`: a line break
or a U+2028 in a title must not split the CLI's one line or forge a second one, and a
title of a million characters must not become a message of a million characters.
"""

from __future__ import annotations

import unicodedata

from cpp_scheduler.limits import MAX_QUOTED_LENGTH

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class SchedulerError(Exception):
    """A failure with a message fit for a coordinator."""


def _shown(character: str) -> str:
    if character in _NAMED:
        return _NAMED[character]
    if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
        code = ord(character)
        if code < 0x100:
            return f"\\x{code:02x}"
        return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return character


def printable(text: str, limit: int = MAX_QUOTED_LENGTH) -> str:
    """``text`` safe to put in a one-line message, without quotes.

    Control characters, line and paragraph separators (U+2028, U+2029) and invisible
    format characters are shown escaped (``\\n``, ``\\u2028``); text longer than
    ``limit`` characters is cut with an ellipsis. Only the part shown is examined, so a
    title of a million characters costs no more than one of sixty.
    """
    shortened = len(text) > limit
    head = text[: max(limit - 1, 0)] if shortened else text
    if head.isprintable():  # stricter than the categories escaped below: nothing to show
        return head + "…" if shortened else head
    shown = "".join(_shown(character) for character in head)
    return shown + "…" if shortened else shown


def shown_path(path: object) -> str:
    """A file's name or a database's as a message or a line of output names it: whole (up
    to a thousand characters), its line breaks and control characters shown escaped, so a
    name never becomes two lines of a message or of what a script reads."""
    return printable(str(path), 1_000)


def quoted(value: object, limit: int = MAX_QUOTED_LENGTH) -> str:
    """``value`` as a message quotes it: ``'Kobe workshop'``, shortened and escaped."""
    return f"'{printable(value if isinstance(value, str) else str(value), limit)}'"
