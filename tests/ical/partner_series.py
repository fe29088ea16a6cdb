"""A partner's weekly series as Google Calendar writes it, and its calendar file: the
same text for the import's service tests and the Import calendar dialog's, so both read
one file."""

from __future__ import annotations


def calendar(method: str, *events: str, prodid: str = "-//Partner//Planner//EN") -> str:
    """A calendar file of ``events`` (line breaks as ``\\n``), with ``METHOD`` if given."""
    head = f"METHOD:{method}\n" if method else ""
    body = "".join(event.strip("\n") + "\n" for event in events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:{prodid}\n{head}{body}END:VCALENDAR\n"


WEEKLY = """BEGIN:VEVENT
UID:weekly@google.com
DTSTAMP:20270201T120000Z
SUMMARY:Weekly sync NY-Kobe
DTSTART;TZID=America/New_York:20270301T090000
DTEND;TZID=America/New_York:20270301T100000
RRULE:FREQ=WEEKLY;COUNT=5
SEQUENCE:{sequence}
END:VEVENT"""
"""Five Mondays from 1 March 2027, 09:00 in New York; ``{sequence}`` to fill."""

CANCELLED_22_MARCH = """BEGIN:VEVENT
UID:weekly@google.com
DTSTAMP:20270210T120000Z
SUMMARY:Weekly sync NY-Kobe
RECURRENCE-ID;TZID=America/New_York:20270322T090000
DTSTART;TZID=America/New_York:20270322T090000
DTEND;TZID=America/New_York:20270322T100000
SEQUENCE:1
STATUS:CANCELLED
END:VEVENT"""
"""Version 1 of :data:`WEEKLY` cancels its meeting of 22 March."""
