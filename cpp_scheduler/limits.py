"""The program's limits, in one place: how far in time, how large a file, how deep, how long.

Each limit is checked before the work it bounds begins (a file's size before it is read,
its nesting and its counts before objects are built from it), so no input can hang the
program or exhaust its memory, and a refusal names what was too large and where. The
numbers are generous for TDLC's programs (a few hundred events a year, tours of a few
weeks) and small enough that the largest accepted input is handled in seconds.
``docs/program-file.md`` and ``docs/calendar-updates.md`` list them for coordinators, and
``docs/coordinator-tools.md`` those of a reply to an invitation.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from cpp_scheduler.i18n import _, ngettext

EARLIEST_DAY = date(1900, 1, 1)
"""The first day the program plans for.

Before 1900 the time-zone database holds local mean times (Tokyo +09:18:59) that no
calendar client shares; every year from 1900 has four digits, so instants written as
``2027-02-15T01:00:00Z`` (program file) and ``20270215T010000Z`` (calendar files) read
back unchanged, and a day's local edges stay far from the ends of what datetimes hold.
"""

LATEST_DAY = date(2199, 12, 31)
"""The last day the program plans for: two centuries of room, still four-digit years."""

EARLIEST_INSTANT = datetime(1900, 1, 1, tzinfo=UTC)
"""The earliest instant an event, a travel leg or an occurrence may take (UTC)."""

LATEST_INSTANT = datetime(2199, 12, 31, 23, 59, 59, tzinfo=UTC)
"""The latest instant an event, a travel leg or an occurrence may take (UTC)."""

LONGEST_DURATION = timedelta(days=366)
"""The longest length of time the program reads from a coordinator (a meeting's length, a
slot search's step, the conflict check's buffer on each journey): a year. Longer ones are
refused as they are read, before any arithmetic on them could overflow; the slot finder
then asks for at most 24 hours."""

LONGEST_REMINDER = timedelta(weeks=4)
"""The furthest ahead a calendar file's reminder may ring: four weeks, the most Google
Calendar and Outlook offer. A reminder rings before the event, never after it."""

LONGEST_REFRESH_INTERVAL = timedelta(days=366)
"""The longest interval a published feed may ask its subscribers to wait between
fetches; clients fetch at least daily whatever the feed says."""

LONGEST_JOURNEY_MINUTES = 7 * 24 * 60
"""The longest journey a travel time may give, in minutes: a week (10,080). The conflict
check adds it to instants, so a longer one could reach past what datetimes hold."""

MAX_VENUE_CAPACITY = 100_000
"""The most people a venue may hold: a stadium's worth, beyond any room TDLC books."""

MAX_CALENDAR_SEQUENCE = 1_000_000_000
"""The highest calendar ``SEQUENCE`` an event may be given. Every change of its time,
place or status raises it by one, so it stays a billion changes below
``MAX_STORED_INTEGER``, the most RFC 5545's integers and the database's column hold."""

MAX_STORED_INTEGER = 2**31 - 1
"""The largest whole number an integer column holds on PostgreSQL as on SQLite (a
selection round, a number of interpretation booths): one the program wrote on either
database reads back on the other."""

MAX_PROGRAM_FILE_BYTES = 64 * 1024 * 1024
"""A program file larger than this (64 MiB) is refused before it is read. A program of
20,000 events with their participants takes about 20 MiB."""

MAX_JSON_DEPTH = 32
"""Deepest nesting of arrays and objects in a program file; the format itself needs 6."""

MAX_JSON_VALUES = 5_000_000
"""Most values (items of arrays, members of objects) a program file may hold, counted
from its commas before it is parsed: each becomes an object in memory, and a file of
empty records (``[{},{},...]``) within the size limit would otherwise take gigabytes to
read before its record count is checked. A program of 20,000 events holds about 600,000;
the densest file the size limit admits with real records, under 2,000,000."""

MAX_PROGRAM_FILE_MEETINGS = 100_000
"""Most meetings the events of a program file may hold together, an event of its own
counting one and a series the meetings its rule gives; counted as each event's rules are
checked, so no more than one series past the limit is ever expanded. A program of a year
holds a few thousand; 20,000 series of 500 meetings would take half a minute to check."""

MAX_RECORDS_PER_FILE = 20_000
"""Most records of one kind (events, participants, tours, ...) in a program file."""

MAX_TEXT_LENGTH = 100_000
"""Longest text value (a title, an agenda, a description) in characters, in a program
file or a calendar file: an agenda of some fifty pages."""

MAX_JSON_TEXT_BYTES = 12 * MAX_TEXT_LENGTH
"""Most bytes one text (a value or a key) of a program file may take as the file writes
it, checked before the file is parsed: a text of ``MAX_TEXT_LENGTH`` characters, the
most any field holds, takes at most twelve bytes a character (an escaped surrogate pair,
``\\ud83d\\ude00``), 1.2 MB in all. A longer one cannot be stored whatever its field,
and parsed it would be held in memory three or four times over (a text of 63 MiB took
half a gigabyte) before its field refused it."""

MAX_CALENDAR_LINE_LENGTH = 1_000_000
"""Longest content line (unfolded) of a calendar file in characters, checked before
anything parses the file, so that no line costs memory or time out of measure. A text
of ``MAX_TEXT_LENGTH`` characters is written longer: each line break, comma, semicolon
and backslash escaped in two characters (``\\n``, ``\\,``), and this program's own
descriptions carry a block of details after the agenda (its place, participants and
links). The text itself is held to ``MAX_TEXT_LENGTH`` as the program stores it:
unescaped, without that block."""

MAX_CALENDAR_FILE_BYTES = 256 * 1024 * 1024
"""A calendar file larger than this (256 MiB) is refused before it is parsed."""

MAX_CALENDAR_EVENTS = 100_000
"""Most VEVENT components in one calendar file."""

MAX_CALENDAR_MEETINGS = 500_000
"""Most meetings in one calendar file: an event of its own counts one, a series the
meetings its rule gives (at most ``MAX_SERIES_OCCURRENCES`` each). Counted as each series
is read, before its meetings are read any further, so no more than one series past the
limit is ever expanded. A calendar of ``MAX_CALENDAR_EVENTS`` events a tenth of which
are series of ten holds 190,000 and is imported in about 25 seconds; a file at the limit
(1,000 series of 500 meetings) in about 11, where 4,000 such series took over half a
minute only to read."""

MAX_COMPONENT_LINES = 10_000
"""Most content lines (unfolded) of one component directly inside a calendar file, with
the components it holds (an event with its alarms, a time zone with its observances),
and most properties of the calendar's own; checked as the file is read line by line,
before icalendar parses the component. An event takes a few dozen, one more per attendee
(calendar programs invite a few hundred people to a meeting at most), a time zone's whole
history some 1,500 (see ``MAX_ZONE_TRANSITIONS``); icalendar reads a component at some
ten to forty microseconds a line, and a component of three million lines once took half
a minute and 1.8 GB."""

MAX_ZONE_TRANSITIONS = 500
"""Most observances (STANDARD and DAYLIGHT blocks) and RDATE values in one VTIMEZONE.
A zone's whole history from 1900 to 2037, one transition at a time, takes at most 241
(London); Outlook writes 2. Identifying a freely named zone by its offsets costs time in
proportion to this: about 1.5 s at the limit."""

MAX_ZONE_RULES = 16
"""Most observances of one VTIMEZONE that repeat by a rule (RRULE). Outlook, Google,
Apple and Thunderbird write 2 (one for summer, one for winter), a zone's whole history
written as rules a dozen or so. Each rule is searched once for a date it gives before the
zone is used (at most some 50 ms), so one that gives none cannot hold the reading up."""

MAX_ZONE_RULE_CHANGES = 1_500
"""Most clock changes the rules (RRULE) and listed dates of one VTIMEZONE give from their
first onset to the end of the year after the event that uses the zone, counted from the
rules' parts without expanding them (an upper bound). Outlook's two rules from 1601 give
858 for an event of 2027 and 1,202 for one of 2199; a freely named zone is identified by
its offsets on every day of three years, at a cost in proportion to this count: about
1.5 s at the limit. Rules repeating more often than yearly are refused whatever their
count."""

MAX_SERIES_OCCURRENCES = 500
"""Most meetings in one series: the program plans months, not decades."""

MAX_QUOTED_LENGTH = 60
"""Characters of a user's input a message quotes before it shortens it with an ellipsis."""


def day_in_range(day: date) -> bool:
    """True for a day the program plans for (``EARLIEST_DAY`` to ``LATEST_DAY``)."""
    return EARLIEST_DAY <= day <= LATEST_DAY


def instant_in_range(instant: datetime) -> bool:
    """True for an aware instant from ``EARLIEST_INSTANT`` to ``LATEST_INSTANT``."""
    return EARLIEST_INSTANT <= instant <= LATEST_INSTANT


def describe_duration(length: timedelta) -> str:
    """``4 weeks``, ``366 days``, ``24 hours``: a limit as a message names it."""
    if length.days and length.days % 7 == 0 and not length.seconds:
        weeks = length.days // 7
        return ngettext("{count} week", "{count} weeks", weeks).format(count=weeks)
    if length.days and not length.seconds:
        return ngettext("{count} day", "{count} days", length.days).format(count=length.days)
    hours = length.total_seconds() / 3600
    # A fraction of hours ("1.5 hours") takes the plural, as English says it.
    form = int(hours) if hours == int(hours) else 2
    return ngettext("{count} hour", "{count} hours", form).format(count=f"{hours:g}")


def describe_day_range() -> str:
    """``1900-01-01 to 2199-12-31``, as messages name the range."""
    return _("{first} to {last}").format(
        first=EARLIEST_DAY.isoformat(), last=LATEST_DAY.isoformat()
    )


def size_text(count: int) -> str:
    """A size in bytes as a message says it: ``64 MiB``, ``3.2 MiB``, ``512 bytes``."""
    if count >= 1024 * 1024:
        megabytes = count / (1024 * 1024)
        return f"{megabytes:.0f} MiB" if megabytes == int(megabytes) else f"{megabytes:.1f} MiB"
    if count >= 1024:
        return f"{count / 1024:.0f} KiB"
    return ngettext("{count} byte", "{count} bytes", count).format(count=count)


MAX_COMPONENT_DEPTH = 8
"""Deepest nesting of BEGIN/END components in a calendar file; an alarm inside an event
inside the calendar is 3."""


MAX_REPLY_FILE_BYTES = 32 * 1024 * 1024
"""A reply (an ``.ics`` file or an ``.eml`` message) larger than this (32 MiB) is
refused before it is read: mail servers pass messages of 25 to 35 MB, and a reply with
the invitation it answers takes a few KiB."""

MAX_REPLY_ANSWERS = MAX_SERIES_OCCURRENCES + 1
"""Most answers (VEVENTs) in one reply: one for the whole event and one for each meeting
of the longest series (501)."""

MAX_REPLY_CALENDAR_BYTES = 4 * 1024 * 1024
"""The calendar of one reply (the ``.ics`` file, or a message's text/calendar part)
larger than this (4 MiB) is refused before it is read. icalendar reads a reply whole,
at about a second a MiB, holding the worker meanwhile; the longest reply there is (see
``MAX_REPLY_LINES``) takes under 2 MiB, and an everyday one a few KiB."""

MAX_REPLY_LINES = 20_000
"""Most content lines (unfolded) in the calendar of one reply. icalendar reads a reply
whole, at a fraction of a millisecond a line: 20,000 take it a few seconds, and hold
the longest reply there is, an answer to each meeting of the longest series with the
whole event echoed (20 to 40 lines each). The reply is checked line by line first, as a
calendar file is before an import, so no line longer than ``MAX_TEXT_LENGTH`` reaches
it either."""

MAX_LANGUAGES = 20
"""Most languages a delegation lists (English, Spanish, Nepali…): a delegation speaks a
few; a list longer than this is refused where it is entered or read."""

MAX_LANGUAGE_NAME_LENGTH = 60
"""Most characters of one language's name in a delegation's list ("Spanish", "ja",
"Bahasa Indonesia"), as the delegation editor and the program file give them."""

MAX_DELEGATES = 20
"""Most colleagues one delegated answer passes an invitation to (its DELEGATED-TO
addresses): an official hands a meeting to one or two; a reply naming more is refused
before the list is stored and shown in every list of answers."""

LONGEST_EMAIL_ADDRESS = 254
"""The longest email address (RFC 5321's path of 256 octets, less its angle brackets):
the participants' and the ledger's columns hold no longer one, and a reply naming one
longer is refused."""

MAX_MESSAGE_CONTAINERS = 32
"""Most containers (``multipart/*`` and ``message/*`` parts) in one reply message, which
bounds how deep its parts nest: the mail reader descends into each. Replies from Outlook,
Gmail, Apple Mail and Thunderbird hold 1 to 3."""

MAX_MESSAGE_PARTS = 500
"""Most parts of one reply message, told before it is read by the lines that begin
with ``--`` (every boundary between parts does, and so may a line of text, which
counts too). Python's mail reader takes half a second over a thousand parts, and each
one more the more there are (a minute over 200,000 small ones, within
``MAX_REPLY_FILE_BYTES``); a reply holds 2 to 5, a few more with attachments."""

MAX_MESSAGE_LINES = 500_000
"""Most lines of one reply message, counted before it is read: Python's mail reader
takes each line on its own (half a second over a million, and a gigabyte of memory over
four million lines of headers). A message of the largest size a reply may have
(``MAX_REPLY_FILE_BYTES``) whose attachments are encoded as mail encodes them, in lines
of 76 characters, holds some 440,000; a reply a few hundred."""

MAX_MESSAGE_HEADER_BYTES = 256 * 1024
"""Most bytes of the header fields of one reply message, its own and its parts' together:
a message's own headers are measured before it is read, its parts' as the mail reader
reads them, before it parses any. A message that has crossed a dozen servers, each
adding its Received and signature fields, carries a few tens of KiB."""

MAX_MESSAGE_MIME_FIELD_BYTES = 16 * 1024
"""Most bytes of the Content-Type, Content-Disposition and Content-Transfer-Encoding
fields of one reply message and its parts together, measured as the mail reader reads
them, before it parses any. Python's mail reader parses these at some 20 microseconds a
byte, more and more the longer one is (a Content-Type of 64 KiB took 10 seconds); a
reply's take a few hundred bytes, an attachment's with a long name under one KiB."""

LONGEST_TZID = 128
"""Most characters of a TZID in a reply. The zone database reads a TZID as the path of
a file, which the system refuses beyond 255 characters; zones are named in at most 32
(``America/Argentina/ComodRivadavia``), 70 with a vendor's prefix
(``/freeassociation.sourceforge.net/Tzfile/``), and Outlook's zone names in about 50
(``(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi``)."""

LONGEST_REPLY_STAMP_AHEAD = timedelta(days=1)
"""How far past now a reply's DTSTAMP may lie (a clock a little ahead, a local time
written as UTC); one later is refused, since it would outrank every answer the person
gives until then."""

MAX_MAIL_SETTINGS_BYTES = 64 * 1024
"""The mail settings file larger than this (64 KiB) is refused before it is read: the
Mail settings window writes a few hundred bytes, and a file in its place of gigabytes
(or a named pipe, which is refused whatever its size) would hold up every send."""
