"""Replies of a delegation's two sides, written line for line as RFC 5546 shows them
(section 4.2.5, "Delegating an Event"): the official's, PARTSTAT=DELEGATED with
DELEGATED-TO, and the colleague's own answer from their calendar, DELEGATED-FROM the
official; either for the whole event or for one meeting of a series."""

from __future__ import annotations

from datetime import datetime

import icalendar


def answer(
    invitation: icalendar.Calendar,
    email: str,
    partstat: str,
    *,
    delegated_to: str | None = None,
    delegated_from: str | None = None,
    meeting: datetime | None = None,
    stamp: str = "20260501T090000Z",
) -> bytes:
    """A REPLY to ``invitation`` from ``email``, line for line as RFC 5546 section 4.2.5
    writes one: the delegator's (PARTSTAT=DELEGATED, DELEGATED-TO) or the delegate's own
    (DELEGATED-FROM the delegator); ``meeting``, a meeting of a series answered alone."""
    (vevent, *_) = invitation.walk("VEVENT")
    parameters = f"PARTSTAT={partstat}"
    if delegated_to is not None:
        parameters += f';DELEGATED-TO="mailto:{delegated_to}"'
    if delegated_from is not None:
        parameters += f';DELEGATED-FROM="mailto:{delegated_from}"'
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Example/ExampleCalendarClient//EN",
        "METHOD:REPLY",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        f"ORGANIZER:{vevent['ORGANIZER']}",
        f"ATTENDEE;{parameters}:mailto:{email}",
        f"UID:{vevent['UID']}",
    ]
    if meeting is not None:
        lines.append(f"RECURRENCE-ID:{meeting:%Y%m%dT%H%M%SZ}")
    lines += [
        f"SEQUENCE:{int(str(vevent['SEQUENCE']))}",
        "REQUEST-STATUS:2.0;Success",
        f"DTSTAMP:{stamp}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()
