"""Reading the organiser a coordinator types: ``TDLC coordinators <cpp@tdlc.example.org>``
or a bare address, the same in the export dialog, ``export ics --organizer`` and
``send --from``, so the window and the commands accept and refuse the same texts."""

from __future__ import annotations

import re
from email.utils import parseaddr

from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.model.validation import email_problem, holds_control


class OrganizerError(SchedulerError, ValueError):
    """The text names no address an invitation can be signed with."""


_NAMED = re.compile(r"(?P<name>[^<>]*?)\s*<(?P<address>[^<>]*)>")
"""A name, then the address in angle brackets: the name is everything before them,
commas included (``Tanaka, Keiko <keiko.tanaka@example.org>``, as Outlook writes "Last,
First"), quoted or not."""


def _named(text: str) -> tuple[str, str]:
    """(name, address) of ``Name <address>``; else what :func:`parseaddr` reads. A
    mail header reader would take an unquoted comma for two addresses, but a coordinator
    typing one organiser means one: the name is all before the angle brackets."""
    found = _NAMED.fullmatch(text)
    if found is None:
        return parseaddr(text)
    name = found.group("name").strip()
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = re.sub(r"\\(.)", r"\1", name[1:-1])
    return name, found.group("address").strip()


def read_organizer(text: str) -> Organizer:
    """The organiser ``text`` names: a name and an address in angle brackets (the name
    may hold commas, quoted or not), or an address alone (which is then its name too).
    Refused with one line when it holds no address, or a character that cannot stand in
    a mail header or a calendar line (a line break would end the ORGANIZER property and
    start another)."""
    given = text.strip()
    name, address = _named(given)
    brackets = "<" in given or ">" in given
    if (
        "@" not in address
        or holds_control(given)  # parseaddr stops at a line break, silently
        or any(character.isspace() for character in address)
        # A bracket the name pattern did not close ("Bob <bob@…"), or a second address
        # after the first ("Bob <…>, Eve <…>"): parseaddr would keep one, silently.
        or (brackets and _NAMED.fullmatch(given) is None)
        # The address as a participant's is checked: "mailto:" or a stray bracket in it
        # would sign invitations no calendar matches to the organiser.
        or email_problem("email", address) is not None
    ):
        raise OrganizerError(
            _("The organiser {text} needs an email address: 'Name <name@example.org>'.").format(
                text=quoted(text)
            )
        )
    return Organizer(name or address, address)
