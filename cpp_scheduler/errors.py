"""The root of the errors a user can cause or fix, and how their messages quote input.

Every layer raises a subclass of :class:`SchedulerError` for bad input (a broken rule, an
unknown zone, a database that cannot be opened, a malformed file) with a message that
says what and where. The CLI prints it as one line and the GUI shows it in a dialog;
anything else is a bug, logged with its traceback.

A file or a folder the system refused (an :class:`OSError`) is said with
:func:`system_reason`, the common refusals in the program's own words, in its language.

A message that repeats what the user gave quotes it through :func:`quoted`: a line break
or a U+2028 in a title must not split the CLI's one line or forge a second one, and a
title of a million characters must not become a message of a million characters.
"""

from __future__ import annotations

import errno
import os
import unicodedata

from cpp_scheduler.i18n import N_, _
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


DISK_FULL = N_("the disk is full")
DISK_READ_ONLY = N_("the disk is read-only")
"""Why a file or the database was not written, where it lies with the disk: every
message of a file, an output or a copy not written says it in these words."""

_REASONS: dict[str, str] = {
    "ENOENT": N_("no such file or folder"),
    "ENOTDIR": N_("a part of the path is a file, not a folder"),
    "EACCES": N_("permission denied"),
    "EPERM": N_("the system does not permit it"),
    "EROFS": DISK_READ_ONLY,
    "ENOSPC": DISK_FULL,
    "EDQUOT": DISK_FULL,
    "EFBIG": N_("the file is too large for this disk"),
    "EISDIR": N_("it is a folder"),
    "EEXIST": N_("a file or folder of that name is already there"),
    "ENAMETOOLONG": N_("the name is too long for this system"),
    "EBUSY": N_("it is in use by the system or another program"),
    "ETXTBSY": N_("it is a program that is running"),
    "EMFILE": N_("too many files are open"),
    "ENFILE": N_("too many files are open"),
    "ELOOP": N_("too many symbolic links (a link may lead back to itself)"),
    "EIO": N_("the disk or device could not read or write (an input/output error)"),
}
"""The refusals a coordinator meets, by the name of their error number: each in the
program's words, which it says in its language (the system's are in English)."""

_REASON_OF: dict[int, str] = {
    number: reason
    for name, reason in _REASONS.items()
    if (number := getattr(errno, name, None)) is not None
}


def system_reason(error: OSError) -> str:
    """Why the system refused a file or a folder, for a message to give after what it
    names: a common refusal (no such file, permission denied, a full or read-only disk,
    a name too long...) in the program's words and language; any other in the
    system's. One line, never the file's name, which the message names already."""
    if error.errno is not None and (reason := _REASON_OF.get(error.errno)) is not None:
        return _(reason)
    return printable(error.strerror or str(error) or type(error).__name__, 200)


def system_refusal(error: OSError) -> str:
    """An error of the system in one line: the file or folder it names, quoted, and
    why (:func:`system_reason`); the reason alone where it names none."""
    reason = system_reason(error)
    name = error.filename
    if name is None:
        return reason
    shown = os.fsdecode(name) if isinstance(name, str | bytes) else str(name)
    return f"{quoted(shown, 200)}: {reason}"
