"""Replies of an invited person who passed the invitation to a colleague, written line
for line as RFC 5546 shows them (section 4.2.5, "Delegating an Event"): METHOD:REPLY,
the delegator's ATTENDEE with PARTSTAT=DELEGATED and DELEGATED-TO, folded at 75 octets
as mail clients fold them; optionally an ATTENDEE for each delegate, DELEGATED-FROM the
delegator (section 3.2.2.3), as Evolution and Lotus Notes add it."""

from __future__ import annotations

from email.message import EmailMessage

import icalendar


def _folded(line: str) -> str:
    """A content line folded at 75 octets, the rest on lines that begin with a space."""
    data = line.encode()
    pieces = [data[:75]]
    data = data[75:]
    while data:
        pieces.append(b" " + data[:74])
        data = data[74:]
    return "\r\n".join(piece.decode() for piece in pieces)


def delegation_reply(
    invitation: icalendar.Calendar,
    delegator: str,
    delegates: tuple[str, ...],
    *,
    stamp: str = "20260501T090000Z",
    delegates_as_attendees: bool = False,
    delegated_from: str | None = None,
) -> bytes:
    """The REPLY ``delegator`` sends the organizer on passing ``invitation`` to
    ``delegates`` (none: a DELEGATED answer that names nobody). With
    ``delegates_as_attendees`` each delegate is an ATTENDEE too, DELEGATED-FROM
    ``delegated_from`` (the delegator when None)."""
    (vevent, *_) = invitation.walk("VEVENT")
    delegated_to = ",".join(f'"mailto:{address}"' for address in delegates)
    parameters = "PARTSTAT=DELEGATED" + (f";DELEGATED-TO={delegated_to}" if delegates else "")
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Example/ExampleCalendarClient//EN",
        "METHOD:REPLY",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        f"ORGANIZER:{vevent['ORGANIZER']}",
        f"ATTENDEE;{parameters}:mailto:{delegator}",
    ]
    if delegates_as_attendees:
        sender = delegated_from or delegator
        lines += [
            f'ATTENDEE;RSVP=TRUE;DELEGATED-FROM="mailto:{sender}":mailto:{address}'
            for address in delegates
        ]
    lines += [
        f"UID:{vevent['UID']}",
        f"SEQUENCE:{int(str(vevent['SEQUENCE']))}",
        "REQUEST-STATUS:2.0;Success",
        f"DTSTAMP:{stamp}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_folded(line) for line in lines) + "\r\n").encode()


def as_delegation_message(calendar: bytes, sender: str) -> bytes:
    """The reply as the delegator's mail client sends it: a note, and the calendar as a
    text/calendar part with method=REPLY."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "gmiller@worldbank.org"
    message["Subject"] = "Delegated: workshop"
    message.set_content("I have passed this meeting to my colleague.")
    message.add_alternative(
        calendar, maintype="text", subtype="calendar", params={"method": "REPLY"}
    )
    return bytes(message)
