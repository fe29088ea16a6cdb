"""Who makes a change: the name every window and every command run writes under.

A window takes the name set in its preferences; a command run takes ``--author`` or
``CPP_SCHEDULER_AUTHOR``; both fall back to the system's user name, so a change is never
anonymous. The store writes the name into the history of every record it changes.
"""

from __future__ import annotations

import getpass
import os

from cpp_scheduler.errors import SchedulerError, printable
from cpp_scheduler.i18n import _
from cpp_scheduler.model.validation import holds_control, holds_half_pair

ENVIRONMENT_VARIABLE = "CPP_SCHEDULER_AUTHOR"
MAX_AUTHOR_LENGTH = 100
"""The longest name kept: the history's column holds this many characters."""
UNKNOWN = "unknown"


class AuthorError(SchedulerError):
    """A name that cannot stand for a person in the history."""


def checked_author(name: str) -> str:
    """``name`` stripped, or a one-line :class:`AuthorError` for an empty or odd name."""
    stripped = name.strip()
    if not stripped:
        raise AuthorError(_("the author's name is empty; give a name that colleagues know you by"))
    if len(stripped) > MAX_AUTHOR_LENGTH:
        raise AuthorError(
            _("the author's name '{name}' is longer than {count} characters").format(
                name=printable(stripped), count=MAX_AUTHOR_LENGTH
            )
        )
    if holds_half_pair(stripped):
        # Bytes of the system's user name that are no UTF-8, kept as lone surrogates:
        # no database can store them.
        raise AuthorError(
            _("the author's name '{name}' is not text in UTF-8").format(
                name=stripped.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            )
        )
    if holds_control(stripped):
        raise AuthorError(
            _("the author's name '{name}' holds control characters or line breaks").format(
                name=printable(stripped)
            )
        )
    return stripped


def system_author() -> str:
    """The system's user name, or ``unknown`` where the system has none to give."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        return UNKNOWN
    try:
        return checked_author(name)
    except AuthorError:
        return UNKNOWN


def default_author() -> str:
    """``CPP_SCHEDULER_AUTHOR`` when set (a command run's ``--author`` sets it too),
    else the system's user name."""
    given = os.environ.get(ENVIRONMENT_VARIABLE)
    if given and given.strip():
        return checked_author(given)
    return system_author()
