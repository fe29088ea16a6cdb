"""Reading the organiser a coordinator types: ``TDLC coordinators <cpp@tdlc.example.org>``
or a bare address, the same in the export dialog, ``export ics --organizer`` and
``send --from``, so the window and the commands accept and refuse the same texts."""

from __future__ import annotations

from email.utils import parseaddr

from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.ical.export import Organizer


class OrganizerError(SchedulerError, ValueError):
    """The text names no address an invitation can be signed with."""


def read_organizer(text: str) -> Organizer:
    """The organiser ``text`` names: a name and an address in angle brackets, or an
    address alone (which is then its name too). Refused with one line when it holds no
    address, or a character that cannot stand in a mail header or a calendar line (a
    line break would end the ORGANIZER property and start another)."""
    name, address = parseaddr(text.strip())
    if (
        "@" not in address
        or not text.strip().isprintable()  # parseaddr stops at a line break, silently
        or any(character.isspace() for character in address)
    ):
        raise OrganizerError(
            _("The organiser {text} needs an email address: 'Name <name@example.org>'.").format(
                text=quoted(text)
            )
        )
    return Organizer(name or address, address)
