"""Reading calendar files from partner cities and colleagues into plain values.

Nothing here touches the database: :func:`read_calendar` turns the file into
:class:`ParsedEvent` values (UTC instants, an IANA zone, the rule as text) and the
services layer decides what to create or update and writes it in one transaction.

A file that cannot be trusted as a whole is refused with a :class:`CalendarFileError`
naming the line or the component and the reason: bad encoding, a line that is not a
content line, BEGIN and END that do not match, a value icalendar cannot read, a time
zone that is neither an IANA name nor a Windows name. Events the program cannot hold
(repeating all-day entries, RDATE lists, endless series) are listed as skipped, with the reason,
and the rest is imported.

Zones are read the way khal reads them: the TZID is looked up in the IANA database
(Windows names and Mozilla's ``/mozilla.org/.../Europe/Berlin`` prefixes mapped); a
TZID that is none of these is identified by the file's own VTIMEZONE (its
X-LIC-LOCATION where the VTIMEZONE's offsets are that zone's, else the IANA zone with the
same offsets day by day, noted where X-LIC-LOCATION names another). A local time that
is repeated or skipped is read as RFC 5545 section 3.3.5 says; a TZID the file's own
VTIMEZONE defines otherwise than the IANA zone of its name is read by the file's rules,
for a series, its moved sessions and a session sent on its own alike, at a change of
clocks too (the hours skipped or repeated are then the file's clock's). A series, its moved
sessions and sessions sent on their own (Outlook's and Google's way of moving one
meeting) are all kept, each moved session with its own SEQUENCE and DTSTAMP (RFC 5546
versions each instance on its own). A change of a session and all later ones
(RANGE=THISANDFUTURE) is held as a change of each; a series given in UTC repeats in UTC;
a DURATION's days are nominal; an EXDATE or a RECURRENCE-ID of a date names that day's
meeting; a UTC UNTIL ends a series at the last meeting whose instant it does not pass.
A moved meeting the program cannot hold (one whose RECURRENCE-ID names no meeting of the
rule, a meeting of times changed into whole days) is listed as skipped, never dropped in
silence. A freely named zone's rules are checked before they are expanded
(``limits.MAX_ZONE_RULES``, ``limits.MAX_ZONE_RULE_CHANGES``, yearly rules alone).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import MAXYEAR, UTC, date, datetime, time, timedelta, tzinfo
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import icalendar
from dateutil.rrule import rrulestr
from icalendar.error import GloballyUniqueTZIDGuessed
from icalendar.parser.content_line import UFOLD
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from icalendar.timezone.zoneinfo import ZONEINFO

from cpp_scheduler import i18n, limits, timezones
from cpp_scheduler.collector import collector_held
from cpp_scheduler.errors import printable, quoted, system_reason
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.export import (
    DETAILS_SEPARATOR,
    ITEM_PROPERTY,
    LEG_ITEM,
    PRODID_PREFIX,
    ZONE_PROPERTY,
)
from cpp_scheduler.ical.plain_event import read_plain_event
from cpp_scheduler.ical.text import unescape_text
from cpp_scheduler.ical.zone_definition import (
    check_zone_lines,
    zone_shown,
    zone_tzid,
    zone_unreadable,
)
from cpp_scheduler.model import EventStatus, recurrence
from cpp_scheduler.model import validation as rules
from cpp_scheduler.model.event import (
    UID_DOMAIN,
    Event,
    all_day_date_problems,
    calendar_text_problems,
)

_CONTENT_LINE = re.compile(
    r'^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)'
    r'(?:,(?:"[^"]*"|[^";:,]*))*)*:',
    re.ASCII,
)


_COMPONENT_NAME = re.compile(r"^[A-Z0-9-]+$", re.ASCII)

_DAY = timedelta(days=1)
_DURATION_PARTS = re.compile(
    r"([+-]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?", re.ASCII
)
"""A DURATION's text (RFC 5545 3.3.6): its sign, weeks and days are read from it."""
_LINE_END_KEPT = re.compile(r"(\r\n|\n|\r)")


@dataclass(frozen=True, slots=True)
class ParsedChange:
    """An occurrence of a series moved or cancelled in the file."""

    recurrence_id: datetime
    cancelled: bool = False
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class Attendee:
    email: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class ParsedEvent:
    uid: str
    sequence: int
    title: str
    description: str
    location: str
    start_utc: datetime
    end_utc: datetime
    zone: str
    status: EventStatus
    categories: tuple[str, ...]
    video_link: str
    recurrence_rule: str | None
    changes: tuple[ParsedChange, ...]
    organizer: Attendee | None
    attendees: tuple[Attendee, ...]
    line: int
    read_by_rfc: tuple[tuple[datetime, datetime], ...] = ()
    """Wall-clock times of the event (in its zone) that a change of clocks skips or
    repeats, each with the instant RFC 5545 reads it as: the import preview lists them."""
    all_day: bool = False
    """Dates in the file (``VALUE=DATE``): the event runs from the start of its first day
    to the start of the day after its last, in ``zone``."""
    instance_versions: tuple[int, ...] = ()
    """The SEQUENCE of each moved or cancelled meeting's own component: RFC 5546 section
    2.1.5 versions each instance (UID and RECURRENCE-ID) on its own."""
    notes: tuple[str, ...] = ()
    """Other readings RFC 5545 gives that a coordinator might not expect, worded for the
    import preview (a change of this and all later meetings, a series in UTC)."""
    attendees_left_out: tuple[str, ...] = ()
    """Attendees of the file that are not linked as participants, each worded for the
    import preview: one who declined (PARTSTAT=DECLINED), a room or a resource
    (CUTYPE=ROOM or RESOURCE), which is a place or a thing, not a person."""
    declined: tuple[str, ...] = ()
    """The addresses of the attendees who declined (PARTSTAT=DECLINED): a newer version
    of an event the program holds takes them off its participants."""
    stamp: datetime | None = None
    """Its DTSTAMP in UTC (None where the file gives none, or a date): RFC 5546 section
    2.1.5 tells two copies of one SEQUENCE apart by it, the later one the newer."""
    tour_part: bool = False
    """A study tour's outline or one of its travel legs, as the program writes them: read
    only when asked (``read_calendar(..., tour_parts=True)``, the export preview, which
    shows the reader every entry of the file), never imported."""

    @property
    def newest(self) -> int:
        """The SEQUENCE of the newest component of the event in the file: the series'
        own, or a moved meeting's when higher; what the program's copy is compared with."""
        return max((self.sequence, *self.instance_versions))

    @property
    def dates(self) -> tuple[date, date]:
        """The first and last day of an all-day event (the file's end is exclusive)."""
        return timezones.all_day_dates(self.start_utc, self.end_utc, self.zone)

    @property
    def where(self) -> str:
        return _("line {line} (VEVENT {title})").format(line=self.line, title=quoted(self.title))


@dataclass(frozen=True)
class Skipped:
    """An entry of the file that is not imported, and why."""

    uid: str
    title: str
    line: int
    reason: str
    invalid: bool = False
    """The entry breaks a rule of RFC 5545 (it ends before it starts): the import is
    refused unless the coordinator asked to skip such entries."""


@dataclass(frozen=True)
class ParsedOccurrence:
    """One occurrence of a series sent on its own, without the series: what Outlook and
    Google send when a single session is moved or cancelled."""

    uid: str
    sequence: int
    title: str
    change: ParsedChange
    line: int
    notes: tuple[str, ...] = ()
    """Its start or end at a wall-clock time a change of clocks skips or repeats, each
    worded with the instant RFC 5545 reads it as, for the import preview."""


@dataclass(frozen=True)
class ParsedCalendar:
    source: str
    method: str
    name: str
    ours: bool
    """Written by CPP Scheduler: the generated part of descriptions is dropped."""
    events: tuple[ParsedEvent, ...]
    skipped: tuple[Skipped, ...]
    occurrences: tuple[ParsedOccurrence, ...] = ()
    """Changed occurrences of series the file does not hold (the program may)."""


# -- the file as lines ----------------------------------------------------------------
def check_calendar_file(path: Path) -> None:
    """Refuse ``path`` unless it is a regular file no larger than the program reads.

    Told by ``os.stat`` alone: reading a named pipe would wait for a writer forever, and
    a device could be endless.
    """
    source = str(path)
    try:
        status = os.stat(path)
    except OSError as error:
        raise CalendarFileError(source, _unreadable(error)) from None
    if stat.S_ISDIR(status.st_mode):
        raise CalendarFileError(source, _("is a folder, not a calendar file"))
    if not stat.S_ISREG(status.st_mode):
        raise CalendarFileError(source, _("is not a regular file (a pipe, a socket or a device)"))
    if status.st_size > limits.MAX_CALENDAR_FILE_BYTES:
        raise CalendarFileError(source, _too_large(status.st_size))


def read_calendar_bytes(path: Path) -> bytes:
    """The bytes of the calendar file at ``path``, checked by :func:`check_calendar_file`
    first."""
    check_calendar_file(path)
    try:
        with open(path, "rb") as stream:
            return stream.read(limits.MAX_CALENDAR_FILE_BYTES + 1)
    except OSError as error:
        raise CalendarFileError(str(path), _unreadable(error)) from None


def _unreadable(error: OSError) -> str:
    """Why the system would not read the file (:func:`system_reason`)."""
    return _("cannot be read: {reason}").format(reason=system_reason(error))


def _too_large(size: int) -> str:
    return _("the file is {size}, larger than the {largest} a calendar file may be").format(
        size=limits.size_text(size), largest=limits.size_text(limits.MAX_CALENDAR_FILE_BYTES)
    )


_PIECE = 1 << 20
"""Bytes or characters one call decodes, counts or splits while a file is read. One call
over a file of tens of megabytes holds the interpreter's lock for a tenth of a second or
more, which the window's thread waits out (its paint stalls); between pieces it runs."""


_FOLD_INSIDE_A_CHARACTER = re.compile(
    rb"([\xc2-\xf4][\x80-\xbf]{0,2})"  # the first bytes of a character
    rb"(\r\n|\n|\r)([ \t])"  # a fold
    rb"(?=[\x80-\xbf])"  # the character's next byte
)
"""The first bytes of a UTF-8 character, a fold (a line end and a space or a tab), and
the rest of the character on the line that continues it."""

_BYTES_OF_A_CHARACTER = 4
"""The most bytes UTF-8 takes for one character: folds can split it in three places."""


def _decode_as_it_stands(data: bytes) -> str:
    """The text of ``data``, decoded a piece at a time (see :data:`_PIECE`)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    parts: list[str] = []
    for offset in range(0, len(data), _PIECE):
        last = offset + _PIECE >= len(data)
        parts.append(decoder.decode(data[offset : offset + _PIECE], final=last))
    return "".join(parts)


def _decode(data: bytes, source: str) -> str:
    """The file's text, decoded a piece at a time; an unreadable byte is named by its place
    in the whole file, as one call over it names it.

    RFC 5545 section 3.1 folds lines at octets, not characters, and a writer that counts
    75 octets may fold a line inside a character of several bytes (Japanese text takes
    three each); unfolding joins them again. A file that is not UTF-8 as it stands is
    read again with each character split by a fold made whole after the fold, where
    unfolding puts it: its lines keep their numbers, and its text is the same once
    unfolded."""
    try:
        return _decode_as_it_stands(data)
    except UnicodeDecodeError:
        pass  # told below, by the file with its split characters made whole
    for _split in range(_BYTES_OF_A_CHARACTER - 1):
        data, moved = _FOLD_INSIDE_A_CHARACTER.subn(rb"\2\3\1", data)
        if not moved:
            break
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CalendarFileError(
            source,
            _("the file is not UTF-8 text (byte {byte} cannot be read)").format(
                byte=error.start + 1
            ),
            line=line,
        ) from error


@dataclass
class _ZoneCount:
    """The transitions of the VTIMEZONE that begins on ``line``, counted as they come,
    and its content lines, checked as its END comes (:func:`check_zone_lines`)."""

    line: int
    transitions: int = 0
    lines: list[tuple[str, int]] = field(default_factory=list)

    def count(self, source: str, more: int, number: int) -> None:
        self.transitions += more
        if self.transitions > limits.MAX_ZONE_TRANSITIONS:
            raise CalendarFileError(
                source,
                _(
                    "the time zone defines more than {largest} clock changes (observances and "
                    "RDATE values, counted up to line {line})"
                ).format(largest=f"{limits.MAX_ZONE_TRANSITIONS:,}", line=number),
                line=self.line,
                component="VTIMEZONE",
            )


@dataclass(slots=True)
class _Piece:
    """A component directly inside the VCALENDAR: its name, its BEGIN line, where its
    text lies in the file, and which of the file's BEGINs are its own."""

    name: str
    line: int
    start: int
    end: int
    first_begin: int
    begin_count: int = 0


@dataclass
class _Outline:
    """The file's components, found at their BEGIN and END lines alone."""

    begins: list[tuple[str, int]]
    pieces: list[_Piece]
    calendar_lines: list[str]
    """The VCALENDAR's own properties, unfolded."""
    events: int


def decoded_calendar(data: bytes, source: str) -> str:
    """The text of a calendar file's ``data``, refused in one line naming ``source`` when
    it is larger than :data:`limits.MAX_CALENDAR_FILE_BYTES` or not UTF-8: what an import
    reads first, and what every other reader of calendars (replies) reads the same way."""
    if len(data) > limits.MAX_CALENDAR_FILE_BYTES:
        raise CalendarFileError(source, _too_large(len(data)))
    return _decode(data, source)


def content_lines(text: str) -> Iterator[str]:
    """Each content line of a calendar's ``text``, unfolded (RFC 5545 3.1), blank lines
    left out: for a reader that counts what a file holds before parsing it."""
    for line, _number, _start, _end in _logical_lines(text):
        yield line


def check_content_lines(text: str, source: str) -> None:
    """Refuse a calendar's ``text`` as an import does before anything parses it, in one
    line naming ``source`` and the line: a line that is no content line, a value longer
    than :data:`limits.MAX_TEXT_LENGTH`, components that do not match or nest deeper than
    :data:`limits.MAX_COMPONENT_DEPTH`, more events or time-zone changes than the limits.
    A parser handed a file that passes never meets a line it would take seconds over."""
    _component_lines(text, source)


def _logical_lines(text: str) -> Iterable[tuple[str, int, int, int]]:
    """Each content line unfolded (RFC 5545 3.1), with its first line's number and where
    it starts and ends in ``text``; blank lines are left out.

    Only CR and LF end lines: splitlines() would also split at U+2028 and other
    separators that a DESCRIPTION may legitimately hold. A file with one kind of line end
    throughout (nearly every file) is split by ``str.split`` alone.
    """
    lines, ends = _physical_lines(text)
    parts: list[str] = []
    number = start = end = position = 0
    for index, raw in enumerate(lines):
        stop = position + len(raw)
        if raw[:1] in (" ", "\t") and parts:
            parts.append(raw[1:])
            end = stop
        elif raw and not raw.isspace():  # not blank, told without copying a long line
            if parts:
                yield "".join(parts), number, start, end
            parts, number, start, end = [raw], index + 1, position, stop
        position = stop + (ends if isinstance(ends, int) else ends[index])
    if parts:
        yield "".join(parts), number, start, end


def _physical_lines(text: str) -> tuple[list[str], int | list[int]]:
    """The file's lines and the length of the line end after each: one number for a file
    with one kind of line end throughout, else one per line (the last line's is 0)."""
    crlf, cr, lf = _count(text, "\r\n"), _count(text, "\r"), _count(text, "\n")
    if cr == 0:
        return _split(text, "\n"), 1
    if crlf == cr == lf:
        return _split(text, "\r\n"), 2
    if lf == 0:
        return _split(text, "\r"), 1
    pieces = _LINE_END_KEPT.split(text)
    return pieces[0::2], [len(ending) for ending in pieces[1::2]] + [0]


def _count(text: str, ending: str) -> int:
    """``text.count(ending)``, a piece at a time (see :data:`_PIECE`); each piece reaches
    past its end by the ending's length less one, so an ending across two pieces is
    counted once, in the first."""
    reach = len(ending) - 1
    return sum(
        text.count(ending, start, start + _PIECE + reach) for start in range(0, len(text), _PIECE)
    )


def _split(text: str, ending: str) -> list[str]:
    """``text.split(ending)``, a piece at a time (see :data:`_PIECE`): each piece ends at
    the first line end after its size."""
    lines: list[str] = []
    start = 0
    while True:
        stop = text.find(ending, min(start + _PIECE, len(text)))
        if stop < 0:
            lines.extend(text[start:].split(ending))
            return lines
        lines.extend(text[start:stop].split(ending))
        start = stop + len(ending)


_MAIL_HEADERS = frozenset(
    {
        "CC",
        "CONTENT-TRANSFER-ENCODING",
        "CONTENT-TYPE",
        "DATE",
        "DELIVERED-TO",
        "FROM",
        "IN-REPLY-TO",
        "MESSAGE-ID",
        "MIME-VERSION",
        "RECEIVED",
        "REFERENCES",
        "REPLY-TO",
        "RETURN-PATH",
        "SENDER",
        "SUBJECT",
        "THREAD-TOPIC",
        "TO",
    }
)
"""Header fields an e-mail message (RFC 5322, MIME) starts with and no calendar file
does: a reply saved from the mail client and given to the calendar import."""


_STANDING_ALONE = frozenset({"VEVENT", "VTIMEZONE"})
"""Components RFC 5545 puts directly in the calendar, which the import reads: one inside
another component would be dropped in silence (icalendar keeps it as a part of the
other), so the file is refused, as other components that do not match are."""

_CR_ALONE = N_(
    "the lines of the file end with a carriage return (CR) alone, as old Mac programs "
    "ended them; a calendar file ends its lines with CR LF (RFC 5545) or LF: save it "
    "again with Windows or Unix line ends"
)
"""Why a file whose lines end with CR alone is refused, not read: RFC 5545 ends lines
with CR LF, and LF alone, which many programs write, ends them for icalendar and every
other reader alike; CR alone ends none for icalendar, which would read the whole file as
one line and fail deep inside it, in words that name no line end."""


def _too_many_lines(source: str, name: str, line: int, number: int) -> CalendarFileError:
    """The refusal of the component ``name`` beginning on ``line`` (the calendar's own
    properties: VCALENDAR), found to hold too many lines at line ``number``."""
    return CalendarFileError(
        source,
        _(
            "{name} holds more than {largest} lines (counted up to line {number}); an event "
            "takes a few dozen"
        ).format(name=printable(name), largest=f"{limits.MAX_COMPONENT_LINES:,}", number=number),
        line=line,
        component=name,
    )


def _check_defined_once(
    source: str, zones: dict[str, tuple[list[str], int]], zone: _ZoneCount
) -> None:
    """Refuse a VTIMEZONE whose TZID an earlier one of the file gives otherwise: a TZID
    names one time zone in a calendar (RFC 5545 section 3.2.19), and which of the two
    its times are read by cannot be told (icalendar would take the second in silence).
    A second copy of the same lines, as a file put together from others may hold, is
    the same zone, and read. ``zones`` keeps each TZID's lines and first line."""
    tzid = zone_tzid(zone.lines)
    lines = [line for line, _number in zone.lines]
    earlier = zones.setdefault(tzid, (lines, zone.line))
    if earlier[0] != lines:
        raise CalendarFileError(
            source,
            _(
                "the time zone {zone} is defined again, otherwise than on line {line}; a "
                "TZID names one time zone in a calendar file (RFC 5545)"
            ).format(zone=zone_shown(tzid), line=earlier[1]),
            line=zone.line,
            component="VTIMEZONE",
        )


def _component_lines(text: str, source: str) -> _Outline:
    """Checks every content line and the nesting of components, as they come, without
    parsing them; returns each BEGIN's component name and line number (in the order
    icalendar's walk() visits them) and the components directly inside the calendar."""
    if "\n" not in text and "\r" in text:
        raise CalendarFileError(source, _(_CR_ALONE))
    begins: list[tuple[str, int]] = []
    stack: list[tuple[str, int]] = []
    pieces: list[_Piece] = []
    calendar_lines: list[str] = []
    seen_any = False
    events = 0
    held = 0  # content lines of the component directly inside the calendar being read
    zone: _ZoneCount | None = None
    zones: dict[str, tuple[list[str], int]] = {}  # each TZID's lines and where it begins
    content_line = _CONTENT_LINE.match
    for line, number, start, end in _logical_lines(text):
        seen_any = True
        if not content_line(line):
            raise CalendarFileError(
                source,
                _("{line} is not an iCalendar content line (NAME:value)").format(line=quoted(line)),
                line=number,
            )
        if (
            line[0] not in "BbEe"
            and stack
            and zone is None
            and len(line) <= limits.MAX_CALENDAR_LINE_LENGTH
        ):
            # Neither BEGIN nor END, within a component, outside a time zone, short: most
            # of a file's lines, which need no more than their place in the calendar.
            if len(stack) == 1:
                calendar_lines.append(line)
                if len(calendar_lines) > limits.MAX_COMPONENT_LINES:
                    raise _too_many_lines(source, *stack[0], number)
            else:
                held += 1
                if held > limits.MAX_COMPONENT_LINES:
                    raise _too_many_lines(source, *stack[1], number)
            continue
        name, _colon, value = line.partition(":")
        key = name.split(";", 1)[0].upper()
        if len(stack) > 1:
            held += 1
            if held > limits.MAX_COMPONENT_LINES:
                raise _too_many_lines(source, *stack[1], number)
        if zone is not None:
            zone.lines.append((line, number))
        if len(value) > limits.MAX_CALENDAR_LINE_LENGTH:
            # a guard against a hostile line; the text is held to MAX_TEXT_LENGTH once read
            raise CalendarFileError(
                source,
                _(
                    "{name} is {count} characters long, more than the {largest} a line of a "
                    "calendar file may hold"
                ).format(
                    name=key,
                    count=f"{len(value):,}",
                    largest=f"{limits.MAX_CALENDAR_LINE_LENGTH:,}",
                ),
                line=number,
            )
        if key == "BEGIN":
            opened = value.strip().upper()
            if not _COMPONENT_NAME.match(opened):
                raise CalendarFileError(
                    source,
                    _("BEGIN:{value} does not name a component").format(value=quoted(value)),
                    line=number,
                )
            if len(stack) >= limits.MAX_COMPONENT_DEPTH:
                raise CalendarFileError(
                    source,
                    _("components nest more than {depth} deep").format(
                        depth=limits.MAX_COMPONENT_DEPTH
                    ),
                    line=number,
                    component=opened,
                )
            if opened in _STANDING_ALONE and len(stack) > 1:
                outer, outer_line = stack[-1]
                raise CalendarFileError(
                    source,
                    _(
                        "BEGIN:{name} inside the {outer} of line {line}: events and time zones "
                        "stand directly in the calendar (RFC 5545); is an END line missing "
                        "before it?"
                    ).format(name=opened, outer=printable(outer), line=outer_line),
                    line=number,
                    component=opened,
                )
            if opened == "VEVENT":
                events += 1
                if events > limits.MAX_CALENDAR_EVENTS:
                    raise CalendarFileError(
                        source,
                        _(
                            "the file holds more than {largest} events; split it, or import "
                            "the months you need"
                        ).format(largest=f"{limits.MAX_CALENDAR_EVENTS:,}"),
                        line=number,
                    )
            if opened == "VTIMEZONE":
                zone = _ZoneCount(number, lines=[(line, number)]) if zone is None else zone
            elif zone is not None and opened in ("STANDARD", "DAYLIGHT"):
                zone.count(source, 1, number)
            if opened == "VCALENDAR" and begins and begins[0][0] == "VCALENDAR":
                raise CalendarFileError(
                    source,
                    _("the file holds more than one VCALENDAR; import them one by one"),
                    line=number,
                )
            if not begins and opened != "VCALENDAR":
                raise CalendarFileError(
                    source, _("the file does not start with BEGIN:VCALENDAR"), line=number
                )
            if len(stack) == 1:
                pieces.append(_Piece(opened, number, start, end, len(begins)))
                held = 1
            begins.append((opened, number))
            stack.append((opened, number))
            if pieces and len(stack) > 1:
                pieces[-1].begin_count += 1
        elif key == "END":
            ended = value.strip().upper()
            if not stack:
                raise CalendarFileError(
                    source,
                    _("END:{name} without BEGIN:{name}").format(name=printable(ended)),
                    line=number,
                )
            opened, opened_at = stack.pop()
            if opened != ended:
                raise CalendarFileError(
                    source,
                    _("END:{ended} closes BEGIN:{opened} of line {line}").format(
                        ended=printable(ended), opened=printable(opened), line=opened_at
                    ),
                    line=number,
                    component=opened,
                )
            if len(stack) == 1:
                pieces[-1].end = end
            if opened == "VTIMEZONE" and zone is not None:
                check_zone_lines(source, zone.lines)
                _check_defined_once(source, zones, zone)
                zone = None
        elif not stack:
            if not begins and key in _MAIL_HEADERS:
                raise CalendarFileError(
                    source,
                    _(
                        "the file is an e-mail message, not a calendar file; a reply to an "
                        "invitation is imported with 'cpp-scheduler replies import' or the "
                        "window's Replies to invitations"
                    ),
                    line=number,
                )
            raise CalendarFileError(
                source,
                _("{name} stands outside BEGIN:VCALENDAR").format(name=printable(key)),
                line=number,
            )
        else:
            if zone is not None and key == "RDATE":
                zone.count(source, value.count(",") + 1, number)
            if len(stack) == 1:
                calendar_lines.append(line)
                if len(calendar_lines) > limits.MAX_COMPONENT_LINES:
                    raise _too_many_lines(source, *stack[0], number)
    if not seen_any:
        raise CalendarFileError(source, _("the file is empty"))
    if stack:
        opened, opened_at = stack[-1]
        raise CalendarFileError(
            source,
            _("BEGIN:{name} is never closed by END:{name}").format(name=printable(opened)),
            line=opened_at,
            component=opened,
        )
    return _Outline(begins, pieces, calendar_lines, events)


# -- zones ----------------------------------------------------------------------------
def _renamed_zones() -> dict[str, str]:
    """Old IANA names and their current ones (Asia/Katmandu is Asia/Kathmandu), from
    the tzdata package's links; CLDR's Windows mapping still gives the old names. A
    link into another region (Atlantic/Reykjavik to Africa/Abidjan) is a merge of
    zones, not a rename, and is left alone."""
    text = resources.files("tzdata").joinpath("zoneinfo/tzdata.zi").read_text(encoding="utf-8")
    renamed: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("L "):
            _link, target, old_name = line.split()[:3]
            if target.split("/", 1)[0] == old_name.split("/", 1)[0]:
                renamed[old_name] = target
    return renamed


_RENAMED = _renamed_zones()


# A vendor-prefixed TZID (Thunderbird's /mozilla.org/20050126_1/America/New_York) is read
# by its last parts, as :func:`resolve_zone` reads it; icalendar warns on stderr that it
# guesses the same, which tells a coordinator nothing.
warnings.filterwarnings("ignore", category=GloballyUniqueTZIDGuessed)


class _ZoneLookup(ZONEINFO):
    """icalendar's zone lookups by name, as its own zoneinfo provider makes them, but a
    name the zone database cannot even look up is no zone, as an unknown name is.

    zoneinfo opens a file named after the TZID: a TZID longer than a file's name may be
    ("File name too long") or naming a folder of the database ("America") raises the
    system's OSError inside icalendar's parser, which would end the reading without a
    line. Taken as no zone, such a TZID is refused as every unknown one is, with its
    line and property, unless the file defines it."""

    def timezone(self, name: str) -> tzinfo | None:
        try:
            return super().timezone(name)
        except OSError:
            return None


tzp.use(_ZoneLookup())


def _windows_zone(name: str) -> str | None:
    """The IANA zone CLDR's windowsZones mapping gives a Windows zone name."""
    if name not in WINDOWS_TO_OLSON:
        return None
    mapped = str(WINDOWS_TO_OLSON[name])
    return _RENAMED.get(mapped, mapped)


def undefined_zone(tzid: str, what: str) -> str:
    """Why the property ``what`` cannot be read: its TZID names no zone (see
    :func:`resolve_zone`) and the file defines none of that name. Every reader of
    calendars (imports, replies) says it in these words."""
    return _(
        "{name} uses the time zone {zone}, which is neither an IANA zone (such as "
        "Asia/Tokyo) nor a Windows zone name, and the file does not define it"
    ).format(name=what, zone=quoted(tzid))


def resolve_zone(tzid: str) -> str | None:
    """The IANA zone a TZID means: IANA itself, a Windows name, or a prefixed path."""
    name = tzid.strip().strip('"')
    if timezones.is_zone(name):
        return name
    windows = _windows_zone(name)
    if windows is not None:
        return windows
    parts = [part for part in name.split("/") if part]
    for size in (3, 2, 1):
        if len(parts) >= size:
            candidate = "/".join(parts[-size:])
            if timezones.is_zone(candidate) and ("/" in candidate or candidate == "UTC"):
                return candidate
    return None


_CLDR_ZONES: tuple[str, ...] = tuple(
    sorted({zone for name in WINDOWS_TO_OLSON if (zone := _windows_zone(str(name)))})
)
"""The zone CLDR's windowsZones mapping gives each Windows zone (its territory "001"):
the zones Outlook's own time zones stand for."""


_ZONES_SHOWN = 12
"""Zones a refusal names when several fit: the ten of UTC-05:00 all along among them."""


class AmbiguousZoneError(CalendarFileError):
    """A freely named VTIMEZONE fits several zones Outlook distinguishes."""


def matching_zones(definition: Any, year: int, preferred: str | None = None) -> list[str]:
    """The IANA zones whose offsets equal a VTIMEZONE's, day by day, from the year before
    ``year`` to the year after: for files that name their zone freely (Outlook's
    'Customized Time Zone').

    ``preferred`` (the importer's default zone) alone, if it fits; else the zones of
    CLDR's Windows mapping that fit (London, not Atlantic/Canary, for GMT Standard
    Time), the fixed Etc/ zone alone for a definition of one offset all along, or every
    zone of that offset when Windows has no fixed zone for it (UTC-05:00: Lima as well as
    Bogota); else every zone that fits. An empty list when none does.
    """
    offsets = _offsets_of(definition, year)
    if offsets is None:
        return []
    samples, wanted = offsets

    def fits(name: str) -> bool:
        return _fits(name, samples, wanted)

    if preferred is not None and timezones.is_zone(preferred) and fits(preferred):
        return [preferred]
    found = [name for name in _CLDR_ZONES if timezones.is_zone(name) and fits(name)]
    fixed = [name for name in found if name.startswith("Etc/")]
    if fixed and len(set(wanted)) == 1:
        # One offset all along: the fixed zone of that offset says exactly that.
        return fixed[:1]
    if len(found) > 1 and len(set(wanted)) == 1:
        # One offset and no fixed Windows zone for it (UTC-05:00): each Windows zone
        # stands for several countries' zones (SA Pacific for Bogota, Lima, Quito and
        # Rio Branco), of which CLDR names one. The coordinator chooses among them all.
        return [name for name in timezones.all_zones() if fits(name)]
    if found:
        return found
    return [name for name in timezones.all_zones() if fits(name)]


_Offsets = tuple[list[datetime], list[timedelta | None]]
"""Instants, one a day, and a VTIMEZONE's offset from UTC at each."""


def _offsets_of(definition: Any, year: int) -> _Offsets | None:
    """A VTIMEZONE's offset at noon UTC of each day from the year before ``year`` to the
    year after (from the day after its first observance, before which it says nothing);
    None where its clock cannot be built or gives no three years to compare."""
    try:
        defined = definition.to_tz(lookup_tzid=False)
    except (ValueError, KeyError, TypeError):
        return None
    onsets = [onset for block in definition.subcomponents if (onset := _onset(block))]
    try:
        start = datetime(year - 1, 1, 1, 12, tzinfo=UTC)
        if onsets:  # before its first observance a VTIMEZONE says nothing
            start = max(start, min(onsets).replace(tzinfo=UTC) + _DAY)
        samples = [start + (day * _DAY) for day in range(365 * 3)]
        wanted = [sample.astimezone(defined).utcoffset() for sample in samples]
    except (ValueError, TypeError, OverflowError):
        # An observance from the last years a datetime holds (9999) gives no three
        # years to compare: no zone is seen to fit.
        return None
    return samples, wanted


def _fits(name: str, samples: list[datetime], wanted: list[timedelta | None]) -> bool:
    """Whether the IANA zone ``name`` has the offsets ``wanted`` at the instants
    ``samples``: every fifteenth day first, which tells most zones apart at once."""
    zone = timezones.zone(name)
    coarse = range(0, len(samples), 15)
    return all(samples[i].astimezone(zone).utcoffset() == wanted[i] for i in coarse) and all(
        sample.astimezone(zone).utcoffset() == offset
        for sample, offset in zip(samples, wanted, strict=True)
    )


def _zone_rule_changes(rule: Any, first_year: int, last_year: int) -> int:
    """At most how many clock changes a yearly observance rule gives from ``first_year``
    to ``last_year``, read from its parts alone (nothing expanded): the days a year its
    BY parts can pick, times the times a day, over the years it runs, capped by COUNT.

    An upper bound, tight for every rule zones are written with: one day a year (the
    second Sunday of March), or one weekday among seven days of a month (the Sunday of
    the 8th to the 14th, counted once)."""

    def size(name: str) -> int:
        values = rule.get(name)
        return len(values) if values else 0

    months = size("BYMONTH")
    weekdays = [str(day) for day in rule.get("BYDAY") or []]
    numbered = sum(1 for day in weekdays if day.strip()[:1] in "+-0123456789")
    plain = len(weekdays) - numbered
    if size("BYYEARDAY"):
        days = size("BYYEARDAY")
    elif size("BYWEEKNO"):
        days = 7 * size("BYWEEKNO")
    elif size("BYMONTHDAY"):
        month_days = [int(day) for day in rule["BYMONTHDAY"]]
        per_month = len(month_days)
        if weekdays:
            # One weekday falls on at most one of any seven consecutive days: the days
            # of a residue class modulo 7 bound it (negative days counted in full).
            classes = [sum(1 for day in month_days if day > 0 and day % 7 == r) for r in range(7)]
            negative = sum(1 for day in month_days if day < 0)
            per_month = min(per_month, numbered + plain * (max(classes) + negative))
        days = per_month * (months or 12)
    elif weekdays:
        days = months * (numbered + 5 * plain) if months else numbered + 53 * plain
    else:
        days = months or 1
    times = max(1, size("BYHOUR")) * max(1, size("BYMINUTE")) * max(1, size("BYSECOND"))
    per_year = days * times
    if size("BYSETPOS"):
        per_year = min(per_year, size("BYSETPOS"))
    until = rule.get("UNTIL")
    if until and isinstance(until[0], date):
        last_year = min(last_year, until[0].year)
    interval = max(1, int((rule.get("INTERVAL") or [1])[0]))
    years = max(0, -(-(last_year - first_year + 1) // interval))
    total = per_year * years
    count = rule.get("COUNT")
    return min(total, int(count[0])) if count else total


_GREGORIAN_CYCLE_YEARS = 400
"""The Gregorian calendar repeats its dates and weekdays every 400 years."""


def _rule_gives_a_date(rule: Any, onset: datetime) -> bool:
    """Whether a yearly observance rule gives any date at all (30 February gives none).

    dateutil searches a rule that gives none year by year up to 9999, and icalendar's
    zone would search it so at its first use. Read whole 400-year cycles later (the same
    dates and weekdays), within 800 years of 9999, the search here ends at once. A rule
    dateutil cannot read counts as giving one: icalendar's reading then refuses it."""
    shift = max(0, (MAXYEAR - 2 * _GREGORIAN_CYCLE_YEARS - onset.year))
    shift -= shift % _GREGORIAN_CYCLE_YEARS
    try:
        text = rule.to_ical().decode()
        later = rrulestr(text, dtstart=onset.replace(year=onset.year + shift), ignoretz=True)
        unbounded = later.replace(until=None, count=None)  # type: ignore[union-attr]
        return next(iter(unbounded), None) is not None
    except (ValueError, TypeError, IndexError, OverflowError, AttributeError):
        return True


def _onset(block: Any) -> datetime | None:
    """An observance's DTSTART as a naive local time, None when it has none."""
    prop = block.get("DTSTART")
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None


def _instant(naive: datetime, zone_name: str) -> datetime:
    """RFC 5545 3.3.5: a repeated local time is its first occurrence; a skipped one
    moves forward by the gap."""
    return recurrence.rfc_instant(naive, zone_name)


@dataclass(frozen=True, slots=True)
class _FileReading:
    """A wall-clock time as a file's own VTIMEZONE reads it: its instant, and whether that
    clock skips it (read moved forward by the gap) or repeats it (read as the first)."""

    instant: datetime
    skipped: bool = False
    repeated: bool = False


_AROUND = (timedelta(days=-2), timedelta(days=-1), timedelta(days=1), timedelta(days=2))
"""Where the offsets a change of clocks passes between are looked up, around a time: two
days, as a whole day skipped (Samoa's 30 December 2011) lies within them."""


def _read_on_clock(local: datetime, clock: tzinfo) -> _FileReading:
    """RFC 5545 section 3.3.5's reading of the naive wall-clock time ``local`` on
    ``clock`` (a zone a file defines): the instant that shows it; of two, the first; of
    none (a gap), the time moved forward by the gap, read at the offset before it.

    dateutil's clock of a VTIMEZONE reads a skipped time at the offset after the gap (an
    hour early) and says nothing of either, so the instants are found here: each offset
    the clock takes around ``local`` gives one candidate, kept where the clock shows
    ``local`` at it."""
    offsets = {local.replace(tzinfo=clock, fold=fold).utcoffset() for fold in (0, 1)}
    for shift in _AROUND:
        try:
            offsets.add((local + shift).replace(tzinfo=clock).utcoffset())
        except OverflowError:
            continue
    candidates = sorted(
        (local - offset).replace(tzinfo=UTC) for offset in offsets if offset is not None
    )
    shown = [
        instant
        for instant in candidates
        if instant.astimezone(clock).replace(tzinfo=None, fold=0) == local
    ]
    if shown:
        return _FileReading(shown[0], repeated=len(shown) > 1)
    # In a gap, the instant read at the offset before it shows a time before ``local``.
    before = [
        instant.astimezone(clock)
        for instant in candidates
        if instant.astimezone(clock).replace(tzinfo=None) < local
    ]
    offset = before[-1].utcoffset() if before else None
    if offset is None:
        return _FileReading(candidates[-1], skipped=True)
    return _FileReading((local - offset).replace(tzinfo=UTC), skipped=True)


class OutOfRangeError(CalendarFileError):
    """A date or time of the file lies outside the days the program plans for."""


class _Reader:
    def __init__(
        self,
        source: str,
        calendar: icalendar.Calendar,
        default_zone: str,
        zone_lines: Mapping[str, Sequence[tuple[str, int]]] | None = None,
    ) -> None:
        self.source = source
        self.zone_lines: Mapping[str, Sequence[tuple[str, int]]] = zone_lines or {}
        """Each VTIMEZONE's BEGIN lines by its TZID (its own, then its observances'), in
        the order icalendar walks them: where a refusal of the zone points."""
        self.calendar = calendar
        self.default_zone = default_zone
        wr_zone = str(calendar.get("X-WR-TIMEZONE", "") or "")
        resolved = resolve_zone(wr_zone) if wr_zone else None
        self.calendar_zone = resolved
        """The zone X-WR-TIMEZONE names (Google's convention), if any."""
        self.floating_zone: str = resolved or default_zone
        self.ours = False
        """Written by CPP Scheduler, whose DURATION is an exact length (see
        :func:`_duration_end`)."""
        self.tour_parts = False
        """Whether a study tour's outline and legs are read as events (the export
        preview's reading), rather than skipped."""
        self.durations: dict[int, str] = {}
        """The text of each event's DURATION, by the line its VEVENT begins on."""
        self.definitions: dict[str, Any] = {
            str(tz.get("TZID", "")): tz for tz in calendar.walk("VTIMEZONE")
        }
        self.known: dict[str, str | None] = {}
        self.days_apart: dict[tuple[str, int], set[date]] = {}
        self.own_rules: dict[str, tuple[tzinfo, datetime] | None] = {}
        """The file's own VTIMEZONE of a TZID that names a known zone, as a clock with its
        first onset, when it passes the checks of a freely named zone's rules (see
        :meth:`file_instant`)."""
        self.set_aside: list[Skipped] = []
        """Moved meetings of series the file holds that are listed as skipped."""
        self.meetings = 0
        """Meetings of the events read so far (see :meth:`count_meetings`)."""
        self.counted: set[int] = set()
        """The lines of the events whose meetings are counted."""
        self.utc_notes: dict[int, list[str]] = {}
        """What the preview says of the UTC times of a component written with a TZID, by
        the line it begins on (see :func:`_read_utc_values`)."""
        self.zone_notes: dict[str, str] = {}
        """What the preview says of a zone read otherwise than its VTIMEZONE names it, by
        its TZID (see :meth:`_located`)."""

    def resolve(self, tzid: str, year: int) -> str | None:
        """The IANA zone of a TZID, from its name or, failing that, from the file's own
        VTIMEZONE of that name (its X-LIC-LOCATION, else its offsets)."""
        if tzid not in self.known:
            zone_name = resolve_zone(tzid)
            definition = self.definitions.get(tzid)
            if zone_name is None and definition is not None:
                zone_name = self._located(tzid, definition, year)
                if zone_name is None:
                    zone_name = self._match(tzid, definition, year)
            self.known[tzid] = zone_name
        return self.known[tzid]

    def file_instant(self, prop: Any) -> tuple[datetime, datetime] | None:
        """The wall-clock time of a TZID date-time and the instant the file's own VTIMEZONE
        gives it, when that differs from the instant the IANA zone of the TZID's name gives
        (an Outlook file still carrying New York's rules before 2007); else None.

        RFC 5545 section 3.2.19: the VTIMEZONE of the file defines its TZID, whatever the
        name, at a change of clocks as on any other day. A time the file's clock skips or
        repeats is read as RFC 5545 section 3.3.5 says on that clock (moved forward by the
        gap, or the first of the two), whatever the IANA zone does there; a time the IANA
        zone alone skips or repeats is no such time in the file (see :meth:`own_note`)."""
        tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
        local = _wall_clock(prop) if tzid else None
        if local is None:
            return None
        return self.own_instant(str(tzid), local)

    def own_instant(self, tzid: str, local: datetime) -> tuple[datetime, datetime] | None:
        """:meth:`file_instant` of the wall-clock time ``local`` of ``tzid``."""
        reading = self._file_reading(tzid, local)
        if reading is None:
            return None
        zone_name = self.known[tzid] or "UTC"
        return (local, reading.instant) if reading.instant != _instant(local, zone_name) else None

    def _file_reading(self, tzid: str, local: datetime) -> _FileReading | None:
        """How the file's own VTIMEZONE of ``tzid`` reads the wall-clock time ``local``,
        on a day it may read it otherwise than the IANA zone of the name; None where the
        file's rules are not followed (see :meth:`_own_rules`) or cannot differ."""
        zone_name = self.known.get(tzid)
        own = self._own_rules(tzid, local.year)
        if own is None or zone_name is None:
            return None
        clock, first_onset = own
        if local < first_onset:
            return None  # before the rules the file gives: the zone's own history holds
        if local.date() not in self._days_apart(tzid, local.year, clock, zone_name):
            return None
        return _read_on_clock(local, clock)

    def count_meetings(self, line: int, meetings: int) -> None:
        """Count the ``meetings`` of the event of ``line`` (once, however often it is read),
        and refuse the file once they pass :data:`limits.MAX_CALENDAR_MEETINGS`, before
        this series is read further or another one is expanded."""
        if line in self.counted:
            return
        self.counted.add(line)
        self.meetings += meetings
        if self.meetings > limits.MAX_CALENDAR_MEETINGS:
            raise self.fail(
                _(
                    "the file holds more than {largest} meetings (each series counted by the "
                    "meetings its rule gives, up to this event); split it, or import the "
                    "months you need"
                ).format(largest=f"{limits.MAX_CALENDAR_MEETINGS:,}"),
                line,
                "VEVENT",
            )

    def own_note(self, tzid: str, local: datetime, instant: datetime) -> str:
        """The words the import preview gives a wall-clock time the file's own VTIMEZONE
        of ``tzid`` reads as ``instant``, otherwise than the IANA zone of its name: where
        the file's clock skips or repeats it, which reading RFC 5545 gives it there."""
        reading = self._file_reading(tzid, local)
        return own_rules_note(
            tzid,
            local,
            instant,
            self.known.get(tzid) or "UTC",
            skipped=reading is not None and reading.skipped,
            repeated=reading is not None and reading.repeated,
        )

    def own_change_note(self, prop: Any) -> str | None:
        """:meth:`clock_change_note` of the date-time property ``prop``."""
        tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
        if not tzid or self._own_rules(str(tzid), prop.dt.year) is None:
            return None  # (most times: no rules of the file's own to read them by)
        local = _wall_clock(prop)
        return self.clock_change_note(str(tzid), local) if local is not None else None

    def clock_change_note(self, tzid: str, local: datetime) -> str | None:
        """The words of :meth:`own_note` for a wall-clock time the file's own clock of
        ``tzid`` skips or repeats; None for any other, and for one the IANA zone of the
        name skips or repeats too and reads as the same instant (its own reading, which
        the preview lists, says it)."""
        reading = self._file_reading(tzid, local)
        if reading is None or not (reading.skipped or reading.repeated):
            return None
        zone_name = self.known.get(tzid) or "UTC"
        if reading.instant == _instant(local, zone_name) and _skipped_or_repeated(local, zone_name):
            return None
        return self.own_note(tzid, local, reading.instant)

    def reads_by_own_rules(self, prop: Any) -> bool:
        """Whether the file's own VTIMEZONE reads the date-time property ``prop`` otherwise
        than the IANA zone of its TZID's name: then no reading of that zone is listed for
        it (its skipped and repeated hours are not the file's)."""
        return prop is not None and self.file_instant(prop) is not None

    def defines_own_rules(self, tzid: str, year: int) -> bool:
        """Whether the file defines ``tzid`` by a VTIMEZONE of its own that this reader
        follows (see :meth:`file_instant`)."""
        return self._own_rules(tzid, year) is not None

    def _days_apart(self, tzid: str, year: int, clock: tzinfo, zone_name: str) -> set[date]:
        """The days of ``year`` on which the file's clock of ``tzid`` and the IANA zone's
        may disagree: found once a year from two times a day (with the days either clock
        changes on), so that each time of a file of thousands of events is not looked up
        in the file's rules, which cost a tenth of a millisecond each."""
        key = (tzid, year)
        if key not in self.days_apart:
            zone = timezones.zone(zone_name)
            apart: set[date] = set()
            before: tuple[Any, Any] | None = None
            day = date(year, 1, 1)
            while day.year == year:
                for hour in (0, 12):
                    local = datetime(day.year, day.month, day.day, hour)
                    offsets = (
                        local.replace(tzinfo=clock).utcoffset(),
                        local.replace(tzinfo=zone).utcoffset(),
                    )
                    if offsets[0] != offsets[1] or (before is not None and offsets != before):
                        apart.update((day - _DAY, day))
                    before = offsets
                day += _DAY
            self.days_apart[key] = apart
        return self.days_apart[key]

    def _own_rules(self, tzid: str, year: int) -> tuple[tzinfo, datetime] | None:
        """The file's VTIMEZONE of ``tzid`` as a clock, with its first onset. None in this
        program's own files, which name the IANA zone they mean and write its rules from
        where they began, and for rules no reader could follow (the zone's are kept)."""
        if tzid not in self.own_rules:
            definition = self.definitions.get(tzid)
            found: tuple[tzinfo, datetime] | None = None
            if not self.ours and definition is not None and resolve_zone(tzid) is not None:
                onsets = [
                    onset
                    for block in definition.walk()
                    if block.name in ("STANDARD", "DAYLIGHT")
                    for onset in [_onset(block)]
                    if onset is not None
                ]
                try:
                    self.check_zone_rules(tzid, definition, year)
                    if onsets:
                        found = (definition.to_tz(lookup_tzid=False), min(onsets))
                except (CalendarFileError, ValueError, TypeError, KeyError, OverflowError):
                    found = None
            self.own_rules[tzid] = found
        return self.own_rules[tzid]

    def _located(self, tzid: str, definition: Any, year: int) -> str | None:
        """The IANA zone a freely named VTIMEZONE's X-LIC-LOCATION names, when the zone's
        own offsets are that zone's; else None, and the zone is identified by its offsets
        (:meth:`_match`), the reading noted for each event that uses it.

        X-LIC-LOCATION is a name the writer adds; the offsets are what the VTIMEZONE
        defines (RFC 5545 section 3.2.19), which its sender's calendar shows. Rules beyond
        the limits of a freely named zone's cannot be compared at a bounded cost: the zone
        named is taken, as a TZID naming one is with such rules (see :meth:`_own_rules`)."""
        location = str(definition.get("X-LIC-LOCATION", "") or "")
        located = resolve_zone(location) if location else None
        if located is None:
            return None
        try:
            self.check_zone_rules(tzid, definition, year)
        except CalendarFileError:
            return located
        offsets = _offsets_of(definition, year)
        if offsets is not None and _fits(located, *offsets):
            return located
        self.zone_notes[tzid] = _(
            "the time zone {zone} names {location} (X-LIC-LOCATION), whose offsets from UTC "
            "it does not give: read by its own offsets, as RFC 5545 says"
        ).format(zone=quoted(tzid), location=located)
        return None

    def zone_notes_of(self, component: Any) -> list[str]:
        """What the preview says of the zones of a component's start and end (see
        :meth:`_located`), each once."""
        found: list[str] = []
        for name in ("DTSTART", "DTEND"):
            prop = component.get(name)
            tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
            said = self.zone_notes.get(str(tzid)) if tzid else None
            if said is not None and said not in found:
                found.append(said)
        return found

    def _match(self, tzid: str, definition: Any, year: int) -> str | None:
        """The zone a freely named VTIMEZONE stands for; when several zones Outlook
        tells apart fit, the coordinator is asked to name it (the import's zone)."""
        self.check_zone_rules(tzid, definition, year)
        found = matching_zones(definition, year, self.floating_zone)
        if len(found) <= 1:
            return found[0] if found else None
        shown = ", ".join(found[:_ZONES_SHOWN]) + (" ..." if len(found) > _ZONES_SHOWN else "")
        lines = self.zone_lines.get(tzid, ())
        raise AmbiguousZoneError(
            self.source,
            _(
                "the time zone {zone} has the offsets of several zones ({zones}); give the "
                "one it means as the import's zone (--zone)"
            ).format(zone=quoted(tzid), zones=shown),
            line=lines[0][1] if lines else None,
            component="VTIMEZONE",
        )

    def check_zone_rules(self, tzid: str, definition: Any, year: int) -> None:
        """Refuse a freely named zone whose rules would make identifying it by its
        offsets slow or endless, before icalendar and dateutil expand them: a rule that
        repeats more often than yearly, more rules than a zone needs, more clock changes
        than ``limits.MAX_ZONE_RULE_CHANGES`` up to the year after ``year`` (counted from
        the rules' parts), or a rule that gives no date at all (searched to year 9999)."""
        lines = list(self.zone_lines.get(tzid, ()))
        zone_line = lines[0][1] if lines else None
        blocks = list(definition.walk())
        begin_lines: list[tuple[str, int] | None] = (
            list(lines) if len(lines) == len(blocks) else [None] * len(blocks)
        )
        changes = 0
        ruled: list[tuple[Any, datetime, str, int | None]] = []
        last_year = year + 1
        for block, begin in zip(blocks, begin_lines, strict=True):
            if block.name not in ("STANDARD", "DAYLIGHT"):
                continue
            line = begin[1] if begin else zone_line
            rules = block.get("RRULE")
            rules = rules if isinstance(rules, list) else [] if rules is None else [rules]
            listed = block.get("RDATE")
            changes += 1 + sum(
                len(getattr(prop, "dts", [prop]))
                for prop in (listed if isinstance(listed, list) else [listed] if listed else [])
            )
            onset = _onset(block)
            for rule in rules:
                frequency = ",".join(str(each) for each in rule.get("FREQ") or []).upper()
                if frequency != "YEARLY":
                    raise CalendarFileError(
                        self.source,
                        _(
                            "the time zone {zone} repeats a change of clocks more often than "
                            "yearly (FREQ={frequency}); zones change their clocks by yearly rules"
                        ).format(zone=quoted(tzid), frequency=printable(frequency, 20)),
                        line=line,
                        component=block.name,
                    )
                if len(ruled) >= limits.MAX_ZONE_RULES:
                    raise CalendarFileError(
                        self.source,
                        _(
                            "the time zone {zone} has more than {largest} observances that "
                            "repeat by a rule (RRULE)"
                        ).format(zone=quoted(tzid), largest=limits.MAX_ZONE_RULES),
                        line=line,
                        component=block.name,
                    )
                if onset is not None:
                    ruled.append((rule, onset, block.name, line))
                    changes += _zone_rule_changes(rule, onset.year, last_year)
            if changes > limits.MAX_ZONE_RULE_CHANGES:
                raise CalendarFileError(
                    self.source,
                    _(
                        "the time zone {zone} changes its clocks more than {largest} times up "
                        "to {year} (its rules and dates counted up to line {line})"
                    ).format(
                        zone=quoted(tzid),
                        largest=f"{limits.MAX_ZONE_RULE_CHANGES:,}",
                        year=last_year,
                        line=line,
                    ),
                    line=zone_line,
                    component="VTIMEZONE",
                )
        for rule, onset, name, line in ruled:
            if not _rule_gives_a_date(rule, onset):
                raise CalendarFileError(
                    self.source,
                    _(
                        "the time zone {zone} has a rule (RRULE) that gives no change of "
                        "clocks on any date"
                    ).format(zone=quoted(tzid)),
                    line=line,
                    component=name,
                )

    def unknown(self, tzid: str, what: str, line: int) -> CalendarFileError:
        if tzid in self.definitions:
            reason = _(
                "{name} uses the time zone {zone}, whose VTIMEZONE matches no zone of the "
                "IANA database"
            ).format(name=what, zone=quoted(tzid))
        else:
            reason = undefined_zone(tzid, what)
        return self.fail(reason, line, "VEVENT")

    def check_range(self, value: Any, line: int, what: str) -> None:
        """Refuse a date or time outside the program's range before any arithmetic on it
        (a zone's offset at year 1 or 9999 leaves what datetimes can hold)."""
        if not isinstance(value, date):
            return
        day = value.date() if isinstance(value, datetime) else value
        if not limits.EARLIEST_DAY - _DAY <= day <= limits.LATEST_DAY + _DAY:
            raise OutOfRangeError(
                self.source,
                _("{name} {day} is outside the dates the program plans for ({range})").format(
                    name=what,
                    day=f"{day.year:04d}-{day.month:02d}-{day.day:02d}",
                    range=limits.describe_day_range(),
                ),
                line=line,
                component="VEVENT",
            )

    def fail(self, reason: str, line: int, component: str) -> CalendarFileError:
        return CalendarFileError(self.source, reason, line=line, component=component)

    def zone_of(self, prop: Any, line: int, what: str) -> str | None:
        """The IANA zone of a date-time property: None for UTC, raises for unknown."""
        tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
        if tzid:
            zone_name = self.resolve(str(tzid), prop.dt.year)
            if zone_name is None:
                raise self.unknown(str(tzid), what, line)
            return zone_name
        value = prop.dt
        if isinstance(value, datetime) and value.tzinfo is not None:
            return None
        return self.floating_zone

    def instant(self, prop: Any, line: int, what: str) -> tuple[datetime, str | None]:
        """A property's UTC instant and the zone its wall clock was given in."""
        value = prop.dt
        self.check_range(value, line, what)
        zone_name = self.zone_of(prop, line, what)
        if zone_name is None:
            return value.astimezone(UTC), None
        if value.tzinfo is UTC:  # a UTC time written with a TZID: see _read_utc_values
            return value, zone_name
        return _instant(value.replace(tzinfo=None), zone_name), zone_name

    def instants(self, props: Any, line: int, what: str) -> list[datetime]:
        """The UTC instants of a list property such as EXDATE, each value checked against
        the program's dates before its zone is identified from its year."""
        if not isinstance(props, list):
            props = [props]
        found: list[datetime] = []
        for prop in props:
            for item in prop.dts:
                if not isinstance(item.dt, date):  # a duration or a period, not a day
                    raise self.fail(
                        _("{name} holds a value that is no date or time").format(name=what),
                        line,
                        "VEVENT",
                    )
                self.check_range(item.dt, line, what)
            tzid = prop.params.get("TZID")
            zone_name = self.resolve(str(tzid), prop.dts[0].dt.year) if tzid else None
            if tzid and zone_name is None:
                raise self.unknown(str(tzid), what, line)
            for item in prop.dts:
                value = item.dt
                if not isinstance(value, datetime):
                    continue
                if (zone_name is None and value.tzinfo is not None) or value.tzinfo is UTC:
                    found.append(value.astimezone(UTC))
                else:
                    found.append(
                        _instant(value.replace(tzinfo=None), zone_name or self.floating_zone)
                    )
        return found

    def days(self, props: Any, line: int, what: str) -> set[date]:
        """The dates (``VALUE=DATE``) a list property such as EXDATE gives."""
        found: set[date] = set()
        for prop in props if isinstance(props, list) else [props]:
            for item in prop.dts:
                value = item.dt
                if isinstance(value, date) and not isinstance(value, datetime):
                    self.check_range(value, line, what)
                    found.add(value)
        return found


def _nominal_days(text: str) -> int:
    """The days (weeks counted as seven) of a DURATION's text, with its sign; 0 for a text
    of hours, minutes and seconds alone, or one that is not RFC 5545's form."""
    found = _DURATION_PARTS.fullmatch(text.strip().upper())
    if found is None:
        return 0
    days = 7 * int(found.group(2) or 0) + int(found.group(3) or 0)
    return -days if found.group(1) == "-" else days


def _duration_end(
    reader: _Reader, component: Any, line: int, start: datetime, zone_name: str | None
) -> datetime:
    """The end a VEVENT's DURATION gives ``start``, as RFC 5545 3.3.6 and 3.8.2.5 read it:
    its days and weeks are nominal, the same wall-clock time that many days later in the
    start's zone (P1D from Saturday 12:00 in New York ends Sunday 12:00 when clocks spring
    forward between), and its hours, minutes and seconds exact, added after.

    icalendar reads P1D and PT24H to the same timedelta, so the days come from the
    property's own text. A start in UTC has no wall clock to keep: days are 24 hours. This
    program's own files mean an exact length (they write it in hours now, and wrote 24
    hours as P1D before), and are read back as they were meant."""
    length = component["DURATION"].dt
    days = _nominal_days(reader.durations.get(line, ""))
    if reader.ours or not days or zone_name is None or not isinstance(length, timedelta):
        return _after(start, length)
    local = timezones.to_local(start, zone_name).replace(tzinfo=None)
    return _nominal_end(local, zone_name, days, length - days * _DAY)


def _nominal_end(local: datetime, zone_name: str, days: int, exact: timedelta) -> datetime:
    """``days`` after the naive wall-clock time ``local`` of ``zone_name`` (read as RFC
    5545 3.3.5 says where that time is skipped or repeated), then ``exact`` later."""
    try:
        return _after(_instant(local + days * _DAY, zone_name), exact)
    except (OverflowError, ValueError, timezones.TimeZoneError):
        return limits.LATEST_INSTANT + _DAY


def _own_duration(text: str) -> str:
    """The value of the DURATION of the component ``text`` holds (BEGIN to END), not of
    a component inside it (an alarm's DURATION is its repeat interval)."""
    depth = 0
    for line, _number, _start, _end in _logical_lines(text):
        name = line.partition(":")[0].split(";", 1)[0].upper()
        if name == "BEGIN":
            depth += 1
        elif name == "END":
            depth -= 1
        elif name == "DURATION" and depth == 1:
            found = _CONTENT_LINE.match(line)
            return line[found.end() :] if found else ""
    return ""


def _after(start: datetime, length: Any) -> datetime:
    """``start + length``; a DURATION that is not one, or reaches past what a datetime
    holds, is past the latest date the program plans for."""
    try:
        return start + length  # type: ignore[no-any-return]
    except (TypeError, OverflowError):
        return limits.LATEST_INSTANT + _DAY


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    if type(value) is icalendar.vUnknown:  # NAME, X-WR-CALNAME, X-...: TEXT, kept escaped
        return unescape_text(str(value))
    return str(value)


def _title(component: Any) -> str:
    """The event's SUMMARY, or words that say it has none (in the language of the
    program that reads it: they become the event's title)."""
    return _text(component, "SUMMARY") or _("(no title)")


def _categories(component: Any) -> tuple[str, ...]:
    found: list[str] = []
    values = component.get("CATEGORIES")
    if values is None:
        return ()
    for item in values if isinstance(values, list) else [values]:
        found.extend(str(category) for category in getattr(item, "cats", [item]))
    return tuple(found)


def _address(value: Any) -> Attendee | None:
    text = str(value)
    if not text.lower().startswith("mailto:"):
        return None
    name = value.params.get("CN", "") if hasattr(value, "params") else ""
    return Attendee(text[7:].strip(), str(name))


_NOT_A_PERSON = frozenset({"ROOM", "RESOURCE"})
"""CUTYPE values (RFC 5545 section 3.2.3) of an attendee that is no participant."""


@dataclass(frozen=True, slots=True)
class _Attendance:
    """The file's attendees of one event, as the import takes them."""

    linked: tuple[Attendee, ...]
    """Those to link as participants."""
    left_out: tuple[str, ...]
    """Those left out, each worded for the preview."""
    declined: tuple[str, ...]
    """The addresses of those who declined."""
    rooms: tuple[str, ...]
    """The names of the rooms the event books (a room may name its venue)."""


def _attendees(component: Any, line: int) -> _Attendance:
    """The event's attendees: those to link as participants, those left out, those who
    declined, and the rooms it books.

    RFC 5545 section 3.2.12: an attendee who declined (PARTSTAT=DECLINED) does not take
    part, so is neither linked nor counted by the conflict check; a room or a resource
    (CUTYPE, section 3.2.3) is booked, not invited."""
    values = component.get("ATTENDEE") or []
    if not isinstance(values, list):
        values = [values]
    linked: list[Attendee] = []
    left_out: list[str] = []
    declined: list[str] = []
    rooms: list[str] = []
    for value in values:
        attendee = _address(value)
        if attendee is None:
            continue
        params = getattr(value, "params", {})
        shown = quoted(attendee.name or attendee.email)
        kind = str(params.get("CUTYPE", "INDIVIDUAL")).upper()
        if kind in _NOT_A_PERSON:
            if kind == "ROOM" and attendee.name:
                rooms.append(attendee.name)
            left_out.append(
                _(
                    "line {line}: {name} is a room or a resource (CUTYPE={kind}), not a "
                    "participant: not linked"
                ).format(line=line, name=shown, kind=kind)
            )
        elif str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            declined.append(attendee.email)
            left_out.append(
                _(
                    "line {line}: {name} declined (PARTSTAT=DECLINED): not linked as a participant"
                ).format(line=line, name=shown)
            )
        else:
            linked.append(attendee)
    return _Attendance(tuple(linked), tuple(left_out), tuple(declined), tuple(rooms))


_LINK_PROPERTIES = ("CONFERENCE", "URL")
_LINK_REFUSED = N_(
    "the link is not one web address (it holds a line break or another character "
    "no web address may hold)"
)


def _video_link(reader: _Reader, component: Any, line: int) -> str:
    """The event's video link; one the program would refuse is refused here, naming
    the line, before anything is written."""
    for name in _LINK_PROPERTIES:
        values = component.get(name)
        for value in values if isinstance(values, list) else [values]:
            # A web link whatever the case of its scheme, as the program's rule reads it.
            if value is not None and str(value)[:8].lower().startswith(("https://", "http://")):
                problem = rules.web_address_problem("video_link", str(value), "video link")
                if problem is not None:
                    raise reader.fail(f"{name}: {problem.message}", line, "VEVENT")
                return str(value)
    return ""


def agenda_of(description: str) -> str:
    """The agenda of a description this program wrote: the text before its details.

    The details are one line each, never an empty one, so the last separator that
    follows an empty line starts them, whatever the agenda holds.
    """
    if description == DETAILS_SEPARATOR or (
        description.startswith(DETAILS_SEPARATOR + "\n") and "\n\n" not in description
    ):
        return ""
    if description.endswith(f"\n\n{DETAILS_SEPARATOR}"):
        return description[: -len(DETAILS_SEPARATOR) - 2]
    marker = f"\n\n{DETAILS_SEPARATOR}\n"
    if marker in description:
        return description.rsplit(marker, 1)[0]
    return description


def _stored_rule(rule: Any, zone_name: str | None, start: datetime | None = None) -> str:
    """The RRULE as the program stores it: UNTIL as local wall-clock time of the zone.

    The program compares UNTIL with each meeting's wall-clock start; RFC 5545 compares a
    UTC UNTIL with each meeting's instant. The two differ where a change of clocks skips
    or repeats the hour of UNTIL or of a meeting (a daily 01:45 New York series with UNTIL
    06:30 UTC on the day clocks go back keeps its 01:45 EDT meeting, at 05:45 UTC, though
    06:30 UTC is 01:30 EST). With the series' ``start``, UNTIL is stored as the wall-clock
    start of the last meeting RFC 5545 keeps, where the plain conversion keeps others."""
    rule = rule.copy()
    until = rule.get("UNTIL")
    # An UNTIL outside the program's years (a 99991231 meaning "no end" among them) is
    # left as written, for the series' own rule to refuse: a zone's wall clock cannot even
    # hold it at year 1 or 9999.
    if until and _in_program_years(until[0]):
        value = until[0]
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                local_until = value.astimezone(timezones.zone(zone_name or "UTC"))
                rule["UNTIL"] = [local_until.replace(tzinfo=None)]
                if start is not None and zone_name is not None:
                    rule["UNTIL"] = [_until_of_kept(rule, start, zone_name, value)]
            else:
                rule["UNTIL"] = [value.replace(tzinfo=None)]
        elif isinstance(value, date):
            rule["UNTIL"] = [datetime(value.year, value.month, value.day, 23, 59, 59)]
    text: bytes = rule.to_ical()
    return text.decode()


def _in_program_years(value: Any) -> bool:
    """Whether a rule's UNTIL falls in a year the program plans for, as
    :mod:`cpp_scheduler.model.recurrence` reads a series' last date."""
    return isinstance(value, date) and (
        limits.EARLIEST_DAY.year <= value.year <= limits.LATEST_DAY.year
    )


_UNTIL_MARGIN = timedelta(days=2)
"""How far past a UTC UNTIL's wall-clock time a meeting may lie and still start before
it: more than any change of clocks (Samoa skipped a whole day in 2011)."""


def _until_of_kept(rule: Any, start: datetime, zone_name: str, until: datetime) -> datetime:
    """The wall-clock UNTIL that keeps the meetings whose RFC 5545 instant is not after
    the UTC ``until``: the plain wall-clock conversion in ``rule`` when it keeps exactly
    those, else the wall-clock start of the last of them. A rule that cannot be expanded
    keeps the plain conversion, whose refusal then names what is wrong."""
    plain: datetime = rule["UNTIL"][0]
    wider = rule.copy()
    wider["UNTIL"] = [plain + _UNTIL_MARGIN]
    try:
        starts = recurrence.local_starts(wider.to_ical().decode(), start, zone_name)
    except recurrence.RecurrenceError:
        return plain
    kept: list[datetime] = []
    for local in starts:
        if _instant(local, zone_name) > until:
            break
        kept.append(local)
    if not kept or kept == [local for local in starts if local <= plain]:
        return plain
    return kept[-1]


Progress = Callable[[int, int], None]
"""Told (events done, events in all) as the work goes on."""

_PROGRESS_STEP = 500
"""Events read between two reports of progress."""


def _parse(text: str, source: str, line: int | None = None) -> Any:
    """The component ``text`` holds, as icalendar reads it; its failures in one line."""
    try:
        return icalendar.Calendar.from_ical(text)
    except ValueError as error:
        raise CalendarFileError(
            source,
            _("cannot be read: {reason}").format(reason=printable(str(error), 120)),
            line=line,
        ) from error
    except (AttributeError, KeyError, IndexError, TypeError) as error:
        # icalendar trips over some malformed files (a VTIMEZONE naming its TZID twice)
        # instead of saying what is wrong: the file is refused all the same.
        raise CalendarFileError(
            source,
            _("cannot be read: a component repeats or lacks a property it needs"),
            line=line,
        ) from error


def _check_parsed(source: str, component: Any, begins: Sequence[tuple[str, int]]) -> None:
    """Refuse a component (and what it holds) that icalendar read with an error."""
    components = list(component.walk())
    if len(components) != len(begins):
        raise CalendarFileError(
            source, _("the components cannot be told apart; check BEGIN and END lines")
        )
    for found, (name, line) in zip(components, begins, strict=True):
        for prop_name, reason in getattr(found, "errors", []):
            if prop_name is None:
                # A line icalendar could not even split into name, parameters and value
                # (a control character inside a quoted parameter, which RFC 5545 keeps
                # out of every parameter value), with icalendar's reason.
                said = _("a line cannot be read ({reason})").format(
                    reason=printable(str(reason), 120)
                )
            elif prop_name.upper() in _LINK_PROPERTIES:
                said = f"{printable(str(prop_name))}: {_(_LINK_REFUSED)}"
            else:
                said = f"{printable(str(prop_name))}: {printable(str(reason), 120)}"
            raise CalendarFileError(source, said, line=line, component=name)


_ZONED_UTC_LINE = re.compile(
    r"^(?:DTSTART|DTEND|RECURRENCE-ID|EXDATE);[^\r\n]*TZID[^\r\n]*[0-9]Z[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)
"""A date-time property with a TZID among its parameters and a UTC time among its values
(``...T230000Z``), which :func:`_read_utc_values` reads as UTC."""

_FOLDED_TIME_LINE = re.compile(
    r"^(?:DTSTART|DTEND|RECURRENCE-ID|EXDATE)[;:][^\r\n]*\r?\n[ \t]",
    re.MULTILINE | re.IGNORECASE,
)
"""One of those properties folded onto a second line: looked at once unfolded."""

_TIMES_LINE = re.compile(
    r"^(DTSTART|DTEND|RECURRENCE-ID|EXDATE)[;:][^\r\n]*?([^:\r\n]*)\r?$",
    re.MULTILINE | re.IGNORECASE,
)
"""Each line of those properties, with its value (the text after its last colon)."""

_ZONED_TIMES = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE")


def _read_utc_values(reader: _Reader, text: str, component: Any, line: int) -> None:
    """Read each date-time of the event ``component`` written in UTC with a TZID
    (``DTSTART;TZID=America/New_York:20270310T230000Z``) as the UTC time it writes, and
    note it for the preview under the event's ``line``.

    RFC 5545 section 3.3.5: a TZID is not applied to a UTC time. icalendar reads the
    digits on the TZID's wall clock and drops the Z, so the value is put back in UTC
    here, from the text of the event; the TZID still names the event's zone, the zone a
    series keeps its wall-clock time in (as X-WR-TIMEZONE names it for a UTC series)."""
    if _ZONED_UTC_LINE.search(text) is None:
        if _FOLDED_TIME_LINE.search(text) is None:
            return  # (most events: unfolding each would cost more than reading it)
        text = UFOLD.sub("", text)
        if _ZONED_UTC_LINE.search(text) is None:
            return
    elif "\n " in text or "\n\t" in text:
        text = UFOLD.sub("", text)
    written: dict[str, list[str]] = {}
    for found in _TIMES_LINE.finditer(text):
        written.setdefault(found.group(1).upper(), []).append(found.group(2))
    notes: list[str] = []
    for name in _ZONED_TIMES:
        given = component.get(name)
        props = given if isinstance(given, list) else [] if given is None else [given]
        values = written.get(name, [])
        if len(props) != len(values):
            continue  # a component inside the event gives it too: not told apart
        for prop, raw in zip(props, values, strict=True):
            tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
            items = getattr(prop, "dts", [prop])
            parts = raw.split(",")
            if not tzid or len(parts) != len(items):
                continue
            for item, part in zip(items, parts, strict=True):
                if part.strip().upper().endswith("Z") and isinstance(item.dt, datetime):
                    item.dt = item.dt.replace(tzinfo=UTC)
                    notes.append(_utc_note(name, part.strip(), str(tzid), item.dt))
    if notes:
        reader.utc_notes[line] = notes


def _utc_note(name: str, value: str, tzid: str, instant: datetime) -> str:
    return _(
        "{name} gives {value}, a UTC time, with TZID={tzid}: read as {day} {time} UTC, "
        "since RFC 5545 applies no zone to a UTC time"
    ).format(
        name=name,
        value=printable(value, 30),
        tzid=printable(tzid),
        day=i18n.day_text(instant.date()),
        time=f"{instant:%H:%M}",
    )


def _read_component(
    text: str, piece: _Piece, source: str, begins: Sequence[tuple[str, int]]
) -> Any:
    """The component of ``piece``: an event of plain lines read straight from them
    (:mod:`cpp_scheduler.ical.plain_event`, the same values), any other by icalendar."""
    component_text = text[piece.start : piece.end]
    if piece.name == "VEVENT" and piece.begin_count == 1:
        plain = read_plain_event(component_text)
        if plain is not None:
            return plain
    component = _parse(component_text, source, piece.line)
    _check_parsed(
        source, component, begins[piece.first_begin : piece.first_begin + piece.begin_count]
    )
    return component


def _check_zone_readable(text: str, piece: _Piece, source: str) -> None:
    """Refuse the VTIMEZONE of ``piece`` if icalendar cannot read it on its own, naming
    it by its TZID and line: a zone :func:`check_zone_lines` passes that dateutil still
    refuses (a rule of a 13th month) fails the calendar's reading with no line."""
    zone_text = text[piece.start : piece.end]
    try:
        icalendar.Calendar.from_ical(zone_text)
    except (ValueError, AttributeError, KeyError, IndexError, TypeError) as error:
        lines = [(line, number) for line, number, _start, _end in _logical_lines(zone_text)]
        raise zone_unreadable(source, zone_tzid(lines), str(error), piece.line) from error


@collector_held()
def read_calendar(
    data: bytes,
    source: str,
    default_zone: str = timezones.TOKYO,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    tour_parts: bool = False,
) -> ParsedCalendar:
    """The events of a calendar file, or :class:`CalendarFileError` if it is malformed
    (:func:`_read_calendar`). With ``tour_parts``, a study tour's outline and legs the
    program wrote are read as events too (:attr:`ParsedEvent.tour_part`), else skipped.

    icalendar warns of its guess at a vendor-prefixed TZID the first time alone, as it
    keeps the zone it found, and where every warning is an error (a test run, a program
    with filters of its own) the first reading of a file would then fail where the next
    succeeds: the warning is set aside for the whole reading, wherever icalendar raises
    it, so a file reads the same every time."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
        return _read_calendar(
            data,
            source,
            default_zone,
            skip_invalid=skip_invalid,
            progress=progress,
            tour_parts=tour_parts,
        )


def _read_calendar(
    data: bytes,
    source: str,
    default_zone: str,
    *,
    skip_invalid: bool,
    progress: Progress | None,
    tour_parts: bool = False,
) -> ParsedCalendar:
    """The events of a calendar file, or :class:`CalendarFileError` if it is malformed.

    ``default_zone`` is the zone of floating times when the file names none
    (X-WR-TIMEZONE). An event that breaks a rule of RFC 5545 (ends before it starts)
    refuses the whole file, naming it, unless ``skip_invalid``: then it is skipped and
    listed with the others. ``progress`` is told how many of the file's events are read.

    The file is checked line by line first and split into its components at their
    BEGIN and END lines; icalendar then reads the calendar's own properties with its
    time zones, and each event on its own: a year of events is never one tree in memory.
    """
    text = decoded_calendar(data, source)
    del data  # the text alone is read from here on: the bytes may go
    outline = _component_lines(text, source)
    begins = outline.begins
    zones = [piece for piece in outline.pieces if piece.name == "VTIMEZONE"]
    head = "\r\n".join(
        ["BEGIN:VCALENDAR", *outline.calendar_lines]
        + [text[piece.start : piece.end] for piece in zones]
        + ["END:VCALENDAR", ""]
    )
    try:
        calendar = _parse(head, source)
    except CalendarFileError:
        for piece in zones:
            _check_zone_readable(text, piece, source)
        raise
    _check_parsed(
        source,
        calendar,
        [begins[0]]
        + [
            entry
            for piece in zones
            for entry in begins[piece.first_begin : piece.first_begin + piece.begin_count]
        ],
    )

    zone_lines = {
        str(definition.get("TZID", "")): begins[
            piece.first_begin : piece.first_begin + piece.begin_count
        ]
        for definition, piece in zip(calendar.walk("VTIMEZONE"), zones, strict=False)
    }
    reader = _Reader(source, calendar, default_zone, zone_lines)
    method = str(calendar.get("METHOD", "PUBLISH")).upper()
    ours = str(calendar.get("PRODID", "")).startswith(PRODID_PREFIX)
    reader.ours = ours
    reader.tour_parts = tour_parts
    outcomes: dict[str, ParsedEvent | Skipped] = {}
    masters: dict[str, _Piece] = {}
    moved: dict[str, list[tuple[Any, int]]] = {}
    skipped: list[Skipped] = []
    total = outline.events
    done = 0
    if progress is not None:
        progress(0, total)
    for piece in outline.pieces:
        if piece.name == "VTIMEZONE":
            continue
        component = _read_component(text, piece, source, begins)
        if piece.name != "VEVENT":
            continue  # a to-do, a journal entry: read for its errors, not imported
        line = piece.line
        _read_utc_values(reader, text[piece.start : piece.end], component, line)
        _check_single(reader, component, line)
        if component.get("DURATION") is not None:
            reader.durations[line] = _own_duration(text[piece.start : piece.end])
        uid = _text(component, "UID")
        title = _title(component)
        not_an_event = _not_an_event(method)
        if not_an_event is not None:
            skipped.append(Skipped(uid, title, line, not_an_event))
            done += 1
            if progress is not None and (done % _PROGRESS_STEP == 0 or done == total):
                progress(done, total)
            continue
        if not uid:
            raise reader.fail(
                _("the event {title} has no UID").format(title=quoted(title)), line, "VEVENT"
            )
        if component.get("DTSTART") is None:
            raise reader.fail(
                _("the event {title} has no start (DTSTART)").format(title=quoted(title)),
                line,
                "VEVENT",
            )
        if component.get("RECURRENCE-ID") is not None:
            moved.setdefault(uid, []).append((component, line))
        elif uid in masters:
            skipped.append(
                Skipped(
                    uid, title, line, _("a second copy of an event already in the file (same UID)")
                )
            )
        else:
            masters[uid] = piece
            outcomes[uid] = _event(reader, component, line, [], method, ours)
        done += 1
        if progress is not None and (done % _PROGRESS_STEP == 0 or done == total):
            progress(done, total)

    events: list[ParsedEvent] = []
    for uid, outcome in outcomes.items():
        if uid in moved:
            # The series' moved sessions came with it: read the series again with them.
            piece = masters[uid]
            component = _read_component(text, piece, source, begins)
            _read_utc_values(reader, text[piece.start : piece.end], component, piece.line)
            outcome = _event(reader, component, piece.line, moved.pop(uid), method, ours)
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
        else:
            events.append(outcome)
    occurrences: list[ParsedOccurrence] = []
    changed_at: dict[tuple[str, datetime], int] = {}
    for uid, orphans in moved.items():
        for component, line in orphans:
            if _this_and_future(component):
                skipped.append(Skipped(uid, _title(component), line, _(_RANGE_WITHOUT_SERIES)))
                continue
            own_readings: list[str] = []
            try:
                change = _change(reader, component, line, None, method, own_rules=own_readings)
            except _SetAsideError as aside:
                skipped.append(aside.skipped(component))
                continue
            first = changed_at.setdefault((uid, change.recurrence_id), line)
            if first != line:
                skipped.append(_second_change(component, line, change.recurrence_id, first))
                continue
            readings = () if change.cancelled else _readings(reader, component)
            occurrences.append(
                ParsedOccurrence(
                    uid,
                    int(component.get("SEQUENCE", 0)),
                    _title(component),
                    change,
                    line,
                    (
                        *reader.zone_notes_of(component),
                        *reader.utc_notes.get(line, ()),
                        *(reading_note(*reading) for reading in readings),
                        *own_readings,
                    ),
                )
            )
    skipped.extend(reader.set_aside)
    skipped.sort(key=lambda entry: entry.line)
    invalid = next((entry for entry in skipped if entry.invalid), None)
    if invalid is not None and not skip_invalid:
        raise CalendarFileError(
            source,
            _(
                "the event {title} (UID {uid}) is not valid: {reason}; nothing was imported "
                "(ask to skip invalid events to import the others)"
            ).format(title=quoted(invalid.title), uid=quoted(invalid.uid), reason=invalid.reason),
            line=invalid.line,
            component="VEVENT",
        )
    return ParsedCalendar(
        source,
        method,
        _text(calendar, "X-WR-CALNAME") or _text(calendar, "NAME"),
        ours,
        tuple(events),
        tuple(skipped),
        tuple(occurrences),
    )


_SINGLE = ("UID", "DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "SEQUENCE", "STATUS",
           "SUMMARY", "DESCRIPTION", "LOCATION", "ORGANIZER")  # fmt: skip
"""Properties RFC 5545 allows at most once in a VEVENT."""

_LARGEST_SEQUENCE = 2**31 - 1
"""The largest SEQUENCE every database the program runs on holds (a 32-bit integer)."""


def _check_single(reader: _Reader, component: Any, line: int) -> None:
    """Refuse a VEVENT that gives a once-only property twice, or a SEQUENCE out of range:
    which of two starts is meant cannot be guessed."""
    for name in _SINGLE:
        if isinstance(component.get(name), list):
            raise reader.fail(
                _("{name} is given more than once in one event").format(name=name), line, "VEVENT"
            )
    sequence = component.get("SEQUENCE", 0)
    if not isinstance(sequence, int) or not 0 <= sequence <= _LARGEST_SEQUENCE:
        raise reader.fail(
            _("SEQUENCE {value} is not a number from 0 to {largest}").format(
                value=printable(str(sequence), 30), largest=_LARGEST_SEQUENCE
            ),
            line,
            "VEVENT",
        )


_REPLY_IS_NO_EVENT = N_(
    "an attendee's answer to an invitation (METHOD:REPLY), not an event: nothing is "
    "imported from it; read replies with 'cpp-scheduler replies import'"
)
_MESSAGE_IS_NO_EVENT = N_(
    "a {method} message (RFC 5546) proposes or asks, it does not define the event: "
    "nothing is imported from it"
)


def _not_an_event(method: str) -> str | None:
    """Why the VEVENTs of a file of ``method`` define no event, or None when they do.

    RFC 5546 (section 3.2) sends an event's definition with PUBLISH, REQUEST, ADD and
    CANCEL; a REPLY is an attendee's answer (its SUMMARY is often the client's
    "Accepted: ..." and its times those of the attendee's calendar), a COUNTER a
    proposal, a DECLINECOUNTER the organiser's refusal of one, a REFRESH a request for
    the latest version: taken as definitions they would rename, re-zone or empty the
    program's event."""
    if method == "REPLY":
        return _(_REPLY_IS_NO_EVENT)
    if method in {"COUNTER", "DECLINECOUNTER", "REFRESH"}:
        return _(_MESSAGE_IS_NO_EVENT).format(method=method)
    return None


_RANGE_WITHOUT_SERIES = N_(
    "a change of one session and every later one (RANGE=THISANDFUTURE) sent without its "
    "series; send the series with it"
)


def _this_and_future(override: Any) -> bool:
    """Whether a RECURRENCE-ID component changes its meeting and every later one (RFC
    5545 3.2.13, ``RANGE=THISANDFUTURE``), not that meeting alone."""
    params = getattr(override["RECURRENCE-ID"], "params", {})
    return str(params.get("RANGE", "")).upper() == "THISANDFUTURE"


class _SetAsideError(Exception):
    """A moved or cancelled meeting the program cannot take as the file gives it: the
    reason and the line, listed as skipped (``whole_series``: with its series)."""

    def __init__(
        self, reason: str, line: int, *, invalid: bool = False, whole_series: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.invalid = invalid
        self.whole_series = whole_series

    def skipped(self, component: Any) -> Skipped:
        return Skipped(
            _text(component, "UID"), _title(component), self.line, self.reason, self.invalid
        )


MeetingsOn = Callable[[date], list[datetime]]
"""The instants of a series' meetings on a day of its own clock."""


def _recurrence_id(
    reader: _Reader, override: Any, line: int, meetings_on: MeetingsOn | None
) -> datetime:
    """The meeting a RECURRENCE-ID names. A date (``VALUE=DATE``, as Lotus Notes writes
    for a series of times) names the series' meeting on that day of its own clock."""
    prop = override["RECURRENCE-ID"]
    if isinstance(prop.dt, datetime):
        return reader.instant(prop, line, "RECURRENCE-ID")[0]
    day: date = prop.dt
    reader.check_range(day, line, "RECURRENCE-ID")
    if meetings_on is None:
        raise _SetAsideError(
            _(
                "the session is named by its date alone (RECURRENCE-ID;VALUE=DATE) and sent "
                "without its series; send the series with it"
            ),
            line,
        )
    found = meetings_on(day)
    if not found:
        raise _SetAsideError(_(_NO_SUCH_SESSION), line)
    if len(found) > 1:
        raise _SetAsideError(
            _(
                "the RECURRENCE-ID gives the date {day} alone, and the series has {count} "
                "sessions that day; it names none of them"
            ).format(day=i18n.day_text(day), count=len(found)),
            line,
        )
    return found[0]


def _change(
    reader: _Reader,
    override: Any,
    line: int,
    length: Any,
    method: str,
    meetings_on: MeetingsOn | None = None,
    *,
    own_rules: list[str] | None = None,
) -> ParsedChange:
    """A RECURRENCE-ID component as the change it makes to its occurrence; raises
    :class:`_SetAsideError` for one the program cannot hold (a meeting of times changed into
    whole days, a date that names no meeting).

    With ``own_rules``, its new start and end are read by the file's own VTIMEZONE where
    that places them elsewhere than the IANA zone of the TZID's name, as its series' own
    meetings are (:meth:`_Series.follow_own_rules`; RFC 5545 section 3.2.19 makes the
    file's VTIMEZONE the definition of its TZID for every property of the file), and each
    such reading is added to it; without, they are read on the wall clock of that zone."""
    recurrence_id = _recurrence_id(reader, override, line, meetings_on)
    status = str(override.get("STATUS", "")).upper()
    if status == "CANCELLED" or method == "CANCEL":
        return ParsedChange(recurrence_id, cancelled=True)
    start_prop = override["DTSTART"]
    end_prop = override.get("DTEND")
    if not isinstance(start_prop.dt, datetime):
        when = _session_named(override, recurrence_id)
        raise _SetAsideError(
            _(
                "the session of {when} is changed into whole days (DTSTART;VALUE=DATE), "
                "which the program cannot hold in a series of times: the whole series is "
                "left out"
            ).format(when=when),
            line,
            whole_series=True,
        )
    if end_prop is not None and not isinstance(end_prop.dt, datetime):
        raise _SetAsideError(
            _("DTEND is a date while DTSTART is a time"), line, invalid=True, whole_series=True
        )
    start, start_zone = reader.instant(start_prop, line, "DTSTART")
    if end_prop is not None:
        end, _zone = reader.instant(end_prop, line, "DTEND")
    elif override.get("DURATION") is not None:
        end = _duration_end(reader, override, line, start, start_zone)
    elif length is not None:
        end = _after(start, length)
    else:
        raise reader.fail(
            _("a changed occurrence without an end (DTEND or DURATION)"), line, "VEVENT"
        )
    if own_rules is not None:
        start, end = _by_own_rules(reader, override, start, end, own_rules)
    # Read as RFC 5545 reads them, a start in a skipped hour can land on the end (02:00
    # to 03:00 on the night New York's clocks go forward): set aside, as such an event is.
    if end < start:
        raise _SetAsideError(_("the event ends before it starts"), line, invalid=True)
    if end == start:
        raise _SetAsideError(_no_length(reader, override), line)
    return ParsedChange(recurrence_id, False, start, end)


_NO_SUCH_SESSION = N_("the series has no session at the RECURRENCE-ID given")


def _session_named(override: Any, recurrence_id: datetime) -> str:
    """``Wed 10 Mar 2027 10:00``: the session a RECURRENCE-ID names, on the wall clock it
    is written in (a date-time in UTC with its UTC time)."""
    named = _wall_clock(override["RECURRENCE-ID"])
    if named is not None:
        return f"{i18n.day_text(named.date())} {named:%H:%M}"
    return f"{i18n.day_text(recurrence_id.date())} {recurrence_id:%H:%M} UTC"


_OWN_DETAILS = (
    (
        "SUMMARY",
        N_(
            "line {line}: the session of {when} has a title of its own, {value}, which the "
            "program does not keep: its sessions take the series' title"
        ),
    ),
    (
        "LOCATION",
        N_(
            "line {line}: the session of {when} has a place of its own, {value}, which the "
            "program does not keep: its sessions are held at the series' place"
        ),
    ),
    (
        "DESCRIPTION",
        N_(
            "line {line}: the session of {when} has a description of its own, which the "
            "program does not keep: its sessions take the series' description"
        ),
    ),
)
"""What a session of a series may say of itself besides its time, and the words for it."""


def _own_details(series: Any, override: Any, line: int, change: ParsedChange) -> list[str]:
    """What a moved or changed session says of itself besides its time, which the program
    does not keep (a session of a series holds its time alone, the rest is its series'):
    its own title, place or description, one line each for the import preview, rather
    than left out without a word."""
    when = _session_named(override, change.recurrence_id)
    found: list[str] = []
    for name, words in _OWN_DETAILS:
        value = _text(override, name)
        if value and value != _text(series, name):
            found.append(_(words).format(line=line, when=when, value=quoted(value, 80)))
    return found


def _second_change(override: Any, line: int, recurrence_id: datetime, first: int) -> Skipped:
    """A second moved or cancelled session of the same UID and RECURRENCE-ID in one file,
    listed as skipped: which of two the sender means cannot be told, and the first is
    taken, as the first of two copies of an event is."""
    return Skipped(
        _text(override, "UID"),
        _title(override),
        line,
        _(
            "a second change of the session of {when} (the same UID and RECURRENCE-ID as "
            "line {line}); the first is taken"
        ).format(when=_session_named(override, recurrence_id), line=first),
    )


def _no_length(reader: _Reader, component: Any) -> str:
    """Why a timed event of no length is skipped: with the clock change that made it so,
    where RFC 5545's reading of a skipped or repeated time moved its start onto its end
    (01:30 to 02:30 on the night London's clocks go forward)."""
    reason = _("the event ends when it starts (it has no length)")
    said = [
        note
        for name in ("DTSTART", "DTEND")
        if (note := reader.own_change_note(component.get(name))) is not None
    ]
    said += [reading_note(*reading) for reading in _readings(reader, component)]
    if not said:
        return reason
    return _("{reason}: {reading}").format(reason=reason, reading=said[0])


def _readings(reader: _Reader, component: Any) -> list[tuple[datetime, datetime, str]]:
    """The wall-clock start and end of a component that a change of clocks skips or
    repeats: each with the instant RFC 5545 reads it as and the zone it is given in."""
    found: list[tuple[datetime, datetime, str]] = []
    for name in ("DTSTART", "DTEND"):
        prop = component.get(name)
        local = _wall_clock(prop) if prop is not None else None
        if local is None:
            continue
        tzid = prop.params.get("TZID")
        zone_name = reader.known.get(str(tzid)) if tzid else reader.floating_zone
        if (
            zone_name
            and _skipped_or_repeated(local, zone_name)
            and not reader.reads_by_own_rules(prop)
        ):
            found.append((local, _instant(local, zone_name), zone_name))
    return found


def reading_note(local: datetime, instant: datetime, zone_name: str) -> str:
    """A wall-clock time a change of clocks skips or repeats, with the instant RFC 5545
    reads it as: the words the import preview gives every such time."""
    read = timezones.to_local(instant, zone_name)
    try:
        timezones.to_utc(local, zone_name)
        said = ""
    except timezones.NonexistentLocalTimeError:
        said = _(
            "{local} is skipped when clocks change; read as {read} {abbreviation} "
            "({utc} UTC), as RFC 5545 says"
        )
    except timezones.AmbiguousLocalTimeError:
        said = _(
            "{local} happens twice; read as the first, {read} {abbreviation} "
            "({utc} UTC), as RFC 5545 says"
        )
    return said.format(
        local=f"{i18n.day_text(local.date())} {local:%H:%M}",
        read=f"{read:%H:%M}",
        abbreviation=read.tzname(),
        utc=f"{instant:%H:%M}",
    )


def _event(
    reader: _Reader,
    component: Any,
    line: int,
    moved: Iterable[tuple[Any, int]],
    method: str,
    ours: bool,
) -> ParsedEvent | Skipped:
    """A VEVENT (:func:`_entry`), or why it is skipped; a study tour's outline or leg the
    program wrote is skipped unless the reading asks for them (``reader.tour_parts``)."""
    item = _text(component, ITEM_PROPERTY)
    if item and not reader.tour_parts:
        reason = (
            _(
                "a travel leg of a study tour: tours travel with the program file, not with "
                "calendars"
            )
            if item == LEG_ITEM
            else _("a study tour outline: tours travel with the program file, not with calendars")
        )
        return Skipped(_text(component, "UID"), _title(component), line, reason)
    outcome = _entry(reader, component, line, moved, method, ours)
    return (
        replace(outcome, tour_part=True) if item and isinstance(outcome, ParsedEvent) else outcome
    )


def _entry(
    reader: _Reader,
    component: Any,
    line: int,
    moved: Iterable[tuple[Any, int]],
    method: str,
    ours: bool,
) -> ParsedEvent | Skipped:
    """A VEVENT read as RFC 5545 says, or why it is skipped."""
    uid = _text(component, "UID")
    title = _title(component)
    too_long = _too_long(uid, title)
    if too_long:
        return Skipped(uid, title, line, too_long[0].message)
    start_prop = component["DTSTART"]
    if not isinstance(start_prop.dt, datetime):
        return _all_day_event(reader, component, line, method, ours)
    try:
        start, start_zone = reader.instant(start_prop, line, "DTSTART")
        end_prop = component.get("DTEND")
        if end_prop is not None:
            if not isinstance(end_prop.dt, datetime):
                return Skipped(
                    uid, title, line, _("DTEND is a date while DTSTART is a time"), invalid=True
                )
            end, end_zone = reader.instant(end_prop, line, "DTEND")
        elif component.get("DURATION") is not None:
            end, end_zone = _duration_end(reader, component, line, start, start_zone), None
        else:
            return Skipped(uid, title, line, _("the event has no end (DTEND or DURATION)"))
    except OutOfRangeError as error:
        return Skipped(uid, title, line, error.reason)
    wall_clock_start, wall_clock_end = start, end
    notes = [*reader.zone_notes_of(component), *reader.utc_notes.get(line, ())]
    if component.get("RRULE") is None:
        # Judged as the file's own rules read it, which may skip or repeat other hours
        # than the IANA zone's (a series: each meeting, see _Series.follow_own_rules).
        start, end = _by_own_rules(reader, component, start, end, notes)
    if not (limits.instant_in_range(start) and limits.instant_in_range(end)):
        return Skipped(
            uid,
            title,
            line,
            _outside_range(),
        )
    if end < start:
        return Skipped(uid, title, line, _("the event ends before it starts"), invalid=True)
    if end == start:
        return Skipped(uid, title, line, _no_length(reader, component))
    marked = _text(component, ZONE_PROPERTY)
    zone_name = (resolve_zone(marked) if marked else None) or start_zone or end_zone
    zone_name = zone_name or reader.floating_zone
    # Outlook's midnights of an all-day event are read on the wall clock the file writes.
    days = _outlook_all_day(component, wall_clock_start, wall_clock_end, zone_name)
    if days is not None:
        start, end = timezones.local_days(*days, zone_name)
        return _parsed(
            reader,
            component,
            line,
            method,
            ours,
            start=start,
            end=end,
            zone=zone_name,
            all_day=True,
        )
    if component.get("RDATE") is not None:
        return Skipped(uid, title, line, _("extra dates (RDATE) are not supported in a series"))
    if (
        component.get("RRULE") is None
        and component.get("DURATION") is not None
        and component.get("DTEND") is None
    ):
        notes.extend(_nominal_notes(reader, component, line, [(start, end)], zone_name))
    rule_text = None
    series: _Series | None = None
    versions: tuple[int, ...] = ()
    read_by_rfc: list[tuple[datetime, datetime]] = [
        (local, instant)
        for prop, instant in ((start_prop, start), (component.get("DTEND"), end))
        if prop is not None
        for local in [_wall_clock(prop)]
        if local is not None
        and _skipped_or_repeated(local, zone_name)
        and not reader.reads_by_own_rules(prop)
    ]
    if component.get("RRULE") is not None:
        rules = component["RRULE"]
        if isinstance(rules, list):
            if len(rules) > 1:
                return Skipped(
                    uid, title, line, _("a series with more than one RRULE"), invalid=True
                )
            rules = rules[0]
        if _anchored_in_utc(reader, marked, start_zone) and not _same_in(rules, start, zone_name):
            zone_name = "UTC"
            notes.append(
                _(
                    "the series starts at a UTC time with no zone of its own: every session "
                    "keeps {time} UTC, as RFC 5545 says"
                ).format(time=f"{start:%H:%M}")
            )
        rule_text = _stored_rule(rules, zone_name, start)
        too_long = calendar_text_problems(SimpleNamespace(recurrence_rule=rule_text))
        if too_long:
            return Skipped(uid, title, line, too_long[0].message)
        try:
            meetings = len(recurrence.local_starts(rule_text, start, zone_name))
        except recurrence.RecurrenceError as error:
            return Skipped(uid, title, line, printable(str(error), 200))
        reader.count_meetings(line, meetings)
        series = _Series(rule_text, start, zone_name, end - start)
        try:
            series.start_off_rule()
        except recurrence.RecurrenceError as error:
            return Skipped(uid, title, line, printable(str(error), 200))
        rule_text = series.rule
        if component.get("DURATION") is not None and component.get("DTEND") is None:
            series.nominal(reader, component, line, start_zone)
        if series.start != start:  # held from its rule's first day (see start_off_rule)
            start = series.start
            end = series.end_of(timezones.to_local(start, zone_name).replace(tzinfo=None), start)
        moved = list(moved)
        try:
            series.read(reader, component, line, moved)
        except _SetAsideError as aside:
            return Skipped(uid, title, aside.line, aside.reason, aside.invalid)
        series.hold_start_off_rule()
        series.follow_own_rules(reader, start_prop)
        if series.days:
            spans = [(instant, series.end_of(local, instant)) for local, instant in series.starts()]
            series.notes.extend(_nominal_notes(reader, component, line, spans, zone_name))
        versions = tuple(int(each.get("SEQUENCE", 0)) for each, _line in moved)
        notes.extend(series.notes)
        read_by_rfc.extend(series.unplaced)
        read_by_rfc.extend(series.moved_readings)
        reader.set_aside.extend(series.set_aside)
    else:
        # A moved or cancelled meeting of an event that is no series names no meeting:
        # listed as skipped, as one naming no meeting of a series is, never dropped unsaid.
        reader.set_aside.extend(
            Skipped(
                uid,
                _title(each),
                each_line,
                _("the event is no series (it has no RRULE): a RECURRENCE-ID names none of it"),
            )
            for each, each_line in moved
        )
    return _parsed(
        reader,
        component,
        line,
        method,
        ours,
        start=start,
        end=end,
        zone=zone_name,
        recurrence_rule=rule_text,
        changes=series.sorted_changes() if series else (),
        read_by_rfc=tuple(sorted(set(read_by_rfc))),
        instance_versions=versions,
        notes=tuple(notes),
    )


def own_rules_note(
    tzid: str,
    local: datetime,
    instant: datetime,
    zone_name: str,
    *,
    skipped: bool = False,
    repeated: bool = False,
) -> str:
    """A wall-clock time the file's own VTIMEZONE places elsewhere than the IANA zone of
    its name does, worded for the import preview with both instants; where the file's
    clock skips or repeats it (``skipped``, ``repeated``), with RFC 5545's reading."""
    if skipped:
        said = _(
            "the file's own rules for {tzid} skip {local} when clocks change: read as {read} "
            "{abbreviation} in {zone} ({utc} UTC), moved forward by the gap as RFC 5545 "
            "says; the rules of {zone} put it at {other} UTC"
        )
    elif repeated:
        said = _(
            "the file's own rules for {tzid} pass {local} twice when clocks change: read as "
            "the first, {read} {abbreviation} in {zone} ({utc} UTC), as RFC 5545 says; the "
            "rules of {zone} put it at {other} UTC"
        )
    else:
        said = _(
            "the file's own rules for {tzid} put {local} at {utc} UTC ({read} in {zone}); "
            "the rules of {zone} put it at {other} UTC: read as the file says, as RFC 5545 "
            "says"
        )
    return said.format(
        tzid=quoted(tzid),
        local=f"{i18n.day_text(local.date())} {local:%H:%M}",
        utc=f"{instant:%H:%M}",
        read=f"{timezones.to_local(instant, zone_name):%H:%M}",
        abbreviation=timezones.to_local(instant, zone_name).tzname(),
        zone=zone_name,
        other=f"{_instant(local, zone_name):%H:%M}",
    )


def _by_own_rules(
    reader: _Reader, component: Any, start: datetime, end: datetime, notes: list[str]
) -> tuple[datetime, datetime]:
    """The start and end of a one-off event read by the file's own VTIMEZONE where it
    differs from the IANA zone its TZID names (see :meth:`_Reader.file_instant`), each
    such reading noted, and each time the file's clock alone skips or repeats; an end
    given as DURATION keeps its length."""
    moved_start, moved_end = start, end
    for name in ("DTSTART", "DTEND"):
        prop = component.get(name)
        found = reader.file_instant(prop) if prop is not None else None
        if found is None:
            said = reader.own_change_note(prop)
            if said is not None:
                notes.append(said)
            continue
        local, instant = found
        tzid = str(prop.params.get("TZID"))
        if name == "DTSTART":
            moved_start = instant
        else:
            moved_end = instant
            if moved_end - end == moved_start - start:
                continue  # moved as far as its start: the start's reading says it
        notes.append(reader.own_note(tzid, local, instant))
    if component.get("DTEND") is None:
        moved_end = end + (moved_start - start)
    return moved_start, moved_end


def _nominal_notes(
    reader: _Reader,
    component: Any,
    line: int,
    spans: Iterable[tuple[datetime, datetime]],
    zone_name: str,
) -> list[str]:
    """Each meeting whose DURATION of days, counted on the wall clock as RFC 5545 says
    (see :func:`_duration_end`), lasts other than as many times 24 hours: a change of
    clocks between its start and its end, worded for the import preview."""
    text = reader.durations.get(line, "")
    length = component["DURATION"].dt
    if reader.ours or not _nominal_days(text) or not isinstance(length, timedelta):
        return []
    return [
        _(
            "DURATION:{duration} counts its days on the wall clock of {zone}: {start} ends "
            "{end}, {hours} hours later, as RFC 5545 says"
        ).format(
            duration=printable(text.strip(), 40),
            zone=zone_name,
            start=_local_text(start, zone_name),
            end=_local_text(end, zone_name),
            hours=f"{(end - start).total_seconds() / 3600:g}",
        )
        for start, end in spans
        if end - start != length
    ]


def _anchored_in_utc(reader: _Reader, marked: str, start_zone: str | None) -> bool:
    """Whether a series' start is a UTC time (RFC 5545 3.3.5, form 2) that no zone of the
    file claims: an absolute instant, so the rule repeats it in UTC, not on the wall
    clock of the import's zone. Google's X-WR-TIMEZONE, and this program's own zone
    property, name the zone such a series is kept on."""
    return start_zone is None and not marked and reader.calendar_zone is None


def _same_in(rules: Any, start: datetime, zone_name: str) -> bool:
    """Whether a series anchored in UTC repeats at the same instants on the wall clock of
    ``zone_name`` as in UTC: then it is kept in that zone (the import's: Tokyo, which
    never changes its clocks), else in UTC."""
    try:
        in_zone = recurrence.meeting_ids(start, zone_name, _stored_rule(rules, zone_name, start))
        in_utc = recurrence.meeting_ids(start, "UTC", _stored_rule(rules, "UTC", start))
    except recurrence.RecurrenceError:
        return True  # the series is skipped below, with what is wrong with its rule
    return in_zone == in_utc


@dataclass
class _Series:
    """A series read from the file: its rule and the changes of its meetings, one per
    meeting (the first given wins: an EXDATE, then the meeting's own component, then what
    a change of it and all later meetings gives it, then RFC 5545's readings)."""

    rule: str
    start: datetime
    zone: str
    length: timedelta
    days: int = 0
    """The nominal days of its DURATION (0: every meeting lasts ``length`` exactly)."""
    exact: timedelta = timedelta()
    """The exact part of its DURATION, after the days."""
    changes: dict[datetime, ParsedChange] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    unplaced: list[tuple[datetime, datetime]] = field(default_factory=list)
    moved_readings: list[tuple[datetime, datetime]] = field(default_factory=list)
    """Wall-clock times of its moved meetings (on its own clock) that a change of clocks
    skips or repeats, with their instants: listed in the preview like its own."""
    set_aside: list[Skipped] = field(default_factory=list)
    """Moved meetings of the file the series cannot take (no meeting of its rule at
    their RECURRENCE-ID), listed as skipped."""
    off_rule: tuple[datetime, datetime, datetime] | None = None
    """A start (DTSTART) on a day its rule does not give: its wall-clock time, its
    instant, and the instant of the rule's meeting that is held moved to it (see
    :meth:`start_off_rule`)."""
    rule_readings: set[datetime] = field(default_factory=set)
    """Meetings held as a change only because of how the rule reads them on the IANA
    zone's clock (a time it skips or repeats, a nominal length), not because the file
    changes them: the file's own clock reads them again (:meth:`follow_own_rules`)."""
    own_clock: OwnClock | None = None
    """The file's own VTIMEZONE of the series' TZID, where it defines the zone otherwise
    than the IANA rules do (see :meth:`_Reader.file_instant`): a meeting's wall-clock time
    to the instant the file means, or None where both agree."""

    def named(
        self, reader: _Reader, override: Any, change: ParsedChange, meetings: set[datetime]
    ) -> ParsedChange:
        """``change`` keyed by the meeting its RECURRENCE-ID names. A RECURRENCE-ID on the
        series' wall clock names the meeting of that time; one given as an instant (in UTC,
        or in another zone) names the meeting the file places at that instant, which the
        file's own VTIMEZONE may place elsewhere than the IANA zone does (RFC 5545 section
        3.8.4.4: the RECURRENCE-ID is the meeting's DTSTART as the file gives it)."""
        if self.own_clock is None or change.recurrence_id in meetings:
            return change
        named = reader.file_instant(override["RECURRENCE-ID"])
        instant = named[1] if named is not None else change.recurrence_id
        for local, meeting in self.rfc_starts():
            read = self.own_clock(local)
            if (read[1] if read is not None else meeting) == instant:
                return ParsedChange(meeting, change.cancelled, change.start, change.end)
        return change

    def start_off_rule(self) -> None:
        """Read a DTSTART that its rule does not give as RFC 5545 section 3.8.5.3 says:
        it is the first meeting all the same, and counts in COUNT (a monthly second
        Tuesday of COUNT=3 from Monday 1 March is 1 March, 9 March and 13 April). The
        program expands a rule from its start as dateutil does, to the rule's days alone
        (9 March, 13 April, 11 May), so the series is held with one meeting of the rule
        more than RFC 5545 gives it (its last, 11 May), moved to the start: the same
        meetings in the program, in its files and in every reader. A series ending on a
        last date (UNTIL) is held by its number of meetings (COUNT), the meeting after
        its last date being the one moved.

        Raises :class:`recurrence.RecurrenceError` when the rule gives no meeting after
        its last date (within the program's dates) to hold that way."""
        local = timezones.to_local(self.start, self.zone).replace(tzinfo=None)
        starts = recurrence.local_starts(self.rule, self.start, self.zone)
        if starts and starts[0] == local:
            return
        parts = dict(part.split("=", 1) for part in self.rule.upper().split(";") if "=" in part)
        if not starts and not _until_not_before(parts.get("UNTIL", ""), local):
            return  # no meeting at all (COUNT=0, UNTIL before the start): refused as invalid
        rule_days = len(starts)
        if "COUNT" in parts:
            given = starts[: rule_days - 1]
        else:
            given = starts
            kept = [part for part in self.rule.split(";") if not part.upper().startswith("UNTIL=")]
            self.rule = ";".join([*kept, f"COUNT={rule_days + 1}"])
            starts = recurrence.local_starts(self.rule, self.start, self.zone)
            if len(starts) != rule_days + 1:
                raise recurrence.RecurrenceError(
                    _(
                        "the series starts on {start}, a day its rule does not give, and RFC "
                        "5545 counts that start as one more session, which the program can "
                        "hold only as a later session of the rule moved to it; the rule gives "
                        "none after its last date"
                    ).format(start=f"{i18n.day_text(local.date())} {local:%H:%M}")
                )
        held = _instant(starts[-1], self.zone)
        self.off_rule = (local, self.start, held)
        first = _instant(starts[0], self.zone)
        if recurrence.local_starts(self.rule, first, self.zone) == starts:
            # The series held from the rule's first day, as this program writes it: the
            # file it exports, read again, is the series it holds, not a change of start.
            self.start = first
        said = (
            _(
                "the series starts on {start}, a day its rule does not give: RFC 5545 "
                "counts that start as its first session, so its sessions are {start} and "
                "{count} of the rule from {first}; held as the rule's session of {last} "
                "moved to {start}"
            )
            if given
            else _(
                "the series starts on {start}, a day its rule does not give: RFC 5545 "
                "counts that start as its first session, so it is its only session; held "
                "as the rule's session of {last} moved to {start}"
            )
        )
        self.notes.append(
            said.format(
                start=f"{i18n.day_text(local.date())} {local:%H:%M}",
                count=len(given),
                first=i18n.day_text(given[0].date()) if given else "",
                last=i18n.day_text(starts[-1].date()),
            )
        )

    def hold_start_off_rule(self) -> None:
        """Hold the start off the rule as the rule's meeting moved to it, with what the
        file says of that start (an EXDATE cancels it, its own component moves it)."""
        if self.off_rule is None:
            return
        local, instant, held = self.off_rule
        own = self.changes.pop(instant, None)
        if own is None:
            own = ParsedChange(instant, False, instant, self.end_of(local, instant))
        self.changes[held] = ParsedChange(held, own.cancelled, own.start, own.end)

    def follow_own_rules(self, reader: _Reader, start_prop: Any) -> None:
        """Hold each meeting the file's own VTIMEZONE places elsewhere than the IANA zone
        of its name does (see :meth:`_Reader.file_instant`) as an explicit change at the
        file's instant, each listed; a meeting the file changes keeps its change. A
        meeting the IANA zone alone skips or repeats is such a meeting: its reading of
        that zone (:meth:`read`) gives way to the file's."""
        tzid = start_prop.params.get("TZID") if hasattr(start_prop, "params") else None
        if not tzid or reader.known.get(str(tzid)) != self.zone:
            return
        for local, instant in self.starts():
            found = reader.own_instant(str(tzid), local)
            if found is None:
                said = reader.clock_change_note(str(tzid), local)
                if said is not None and (
                    instant not in self.changes or instant in self.rule_readings
                ):
                    self.notes.append(said)
                continue
            if instant in self.changes and instant not in self.rule_readings:
                continue
            moved = found[1]
            self.changes[instant] = ParsedChange(
                instant, False, moved, moved + (self.end_of(local, instant) - instant)
            )
            self.notes.append(reader.own_note(str(tzid), local, moved))
            # The IANA zone's reading of a time it skips or repeats is not the file's.
            self.unplaced = [entry for entry in self.unplaced if entry[0] != local]

    def rfc_starts(self) -> list[tuple[datetime, datetime]]:
        """Each meeting RFC 5545 gives the series, with its instant: the rule's, and a
        start its rule does not give in place of the meeting held moved to it."""
        starts = self.starts()
        if self.off_rule is None:
            return starts
        local, instant, held = self.off_rule
        return [(local, instant)] + [entry for entry in starts if entry[1] != held]

    def meetings_on(self, day: date) -> list[datetime]:
        """The instants of its meetings on ``day`` of its own clock."""
        return [instant for local, instant in self.rfc_starts() if local.date() == day]

    def note_readings(self, reader: _Reader, component: Any) -> None:
        """List the moved meeting's start and end that a change of clocks skips or
        repeats, on the series' clock as its own times are, else worded in full."""
        for local, instant, zone_name in _readings(reader, component):
            if zone_name == self.zone:
                self.moved_readings.append((local, instant))
            else:
                self.notes.append(reading_note(local, instant, zone_name))

    def starts(self) -> list[tuple[datetime, datetime]]:
        """Each meeting's wall-clock start and its instant (its RECURRENCE-ID)."""
        return [
            (local, _instant(local, self.zone))
            for local in recurrence.local_starts(self.rule, self.start, self.zone)
        ]

    def end_of(self, local: datetime, instant: datetime) -> datetime:
        """Where the meeting starting at ``local`` (``instant``) ends, as the file says."""
        if not self.days:
            return instant + self.length
        return _nominal_end(local, self.zone, self.days, self.exact)

    def add(self, change: ParsedChange) -> None:
        self.changes.setdefault(change.recurrence_id, change)

    def nominal(self, reader: _Reader, component: Any, line: int, zone: str | None) -> None:
        """Take the DURATION's days as nominal for every meeting (RFC 5545 3.8.5.3: the
        same nominal duration applies to all of them), where :func:`_duration_end` does."""
        length = component["DURATION"].dt
        days = _nominal_days(reader.durations.get(line, ""))
        if reader.ours or zone is None or not isinstance(length, timedelta):
            return
        self.days, self.exact = days, length - days * _DAY

    def read(
        self, reader: _Reader, component: Any, line: int, moved: list[tuple[Any, int]]
    ) -> None:
        """The series' changes: EXDATEs, moved meetings, changes of a meeting and all
        later ones, meetings on skipped or repeated times, nominal lengths."""
        if component.get("EXDATE") is not None:
            self.exclude(reader, component["EXDATE"], line)
        ranges: list[ParsedChange] = []
        self.own_clock = _own_clock(reader, component["DTSTART"], self.zone)
        meetings = {instant for _local, instant in self.rfc_starts()}
        changed_at: dict[datetime, int] = {}  # the line changing each meeting, by its RID
        for override, override_line in moved:
            own_readings: list[str] = []
            try:
                change = _change(
                    reader,
                    override,
                    override_line,
                    self.length,
                    "PUBLISH",
                    self.meetings_on,
                    own_rules=own_readings,
                )
                # A change of all later meetings moves each as far on the wall clock.
                on_wall_clock = (
                    _change(
                        reader, override, override_line, self.length, "PUBLISH", self.meetings_on
                    )
                    if _this_and_future(override)
                    else None
                )
            except _SetAsideError as aside:
                if aside.whole_series:
                    raise
                self.set_aside.append(aside.skipped(override))
                continue
            change = self.named(reader, override, change, meetings)
            first = changed_at.setdefault(change.recurrence_id, override_line)
            if first != override_line:
                self.set_aside.append(
                    _second_change(override, override_line, change.recurrence_id, first)
                )
                continue
            if on_wall_clock is not None:
                ranges.append(self.named(reader, override, on_wall_clock, meetings))
            if change.recurrence_id not in meetings and not _this_and_future(override):
                # RFC 5545 readers show it as one more meeting; a series here holds the
                # meetings of its rule alone, so it is listed, not silently lost.
                self.set_aside.append(
                    Skipped(
                        _text(override, "UID"), _title(override), override_line, _(_NO_SUCH_SESSION)
                    )
                )
                continue
            if not change.cancelled:
                self.note_readings(reader, override)
                self.notes.extend(own_readings)
                self.notes.extend(_own_details(component, override, override_line, change))
                self.notes.extend(reader.utc_notes.get(override_line, ()))
            if not recurrence.held_as_ruled(change, self.length):
                # (one that does is a meeting written out in full, as this program does
                # for those across a change of clocks: the rule already gives it)
                self.add(change)
        if ranges:
            self.follow(ranges, self.starts())
        # Each meeting on a skipped or repeated wall-clock time is held as an explicit
        # change at RFC 5545's reading, so the program stores what the file means; so is
        # each whose nominal length (DURATION's days) is not the first meeting's.
        self.unplaced = recurrence.unplaced_starts(self.rule, self.start, self.zone)
        if not self.days:
            for _local, instant in self.unplaced:
                self.add_reading(ParsedChange(instant, False, instant, instant + self.length))
            return
        unplaced = set(self.unplaced)
        for local, instant in self.starts():
            end = self.end_of(local, instant)
            if (local, instant) in unplaced or end != instant + self.length:
                self.add_reading(ParsedChange(instant, False, instant, end))

    def add_reading(self, change: ParsedChange) -> None:
        """Add a meeting held as a change for how the rule reads it (see
        :attr:`rule_readings`), unless the file changes it."""
        if change.recurrence_id not in self.changes:
            self.rule_readings.add(change.recurrence_id)
        self.add(change)

    def exclude(self, reader: _Reader, props: Any, line: int) -> None:
        """EXDATE's times, and its dates: ``VALUE=DATE`` cancels the meeting on that day
        in the series' zone, as recurring-ical-events, ical and ical.js read it."""
        for instant in reader.instants(props, line, "EXDATE"):
            self.add(ParsedChange(instant, cancelled=True))
        days = reader.days(props, line, "EXDATE")
        if days:
            for local, instant in self.starts():
                if local.date() in days:
                    self.add(ParsedChange(instant, cancelled=True))

    def follow(self, ranges: list[ParsedChange], starts: list[tuple[datetime, datetime]]) -> None:
        """RFC 5545 3.2.13: a RECURRENCE-ID with ``RANGE=THISANDFUTURE`` changes its meeting
        and every later one. Each later meeting is moved as far on the wall clock of the
        series' zone and takes the new length (or is cancelled with it), unless it has a
        change of its own; the latest such change before a meeting is the one it takes."""
        ordered = sorted(ranges, key=lambda change: change.recurrence_id)
        for local, instant in starts:
            before = [change for change in ordered if change.recurrence_id < instant]
            if before and instant not in self.changes:
                change = self.shifted(before[-1], local, instant)
                if not recurrence.held_as_ruled(change, self.length):
                    self.add(change)
        for change in ordered:
            self.notes.append(
                _(
                    "the change of the session of {when} applies to it and to every later "
                    "session (RANGE=THISANDFUTURE), as RFC 5545 says"
                ).format(when=_local_text(change.recurrence_id, self.zone))
            )

    def shifted(self, change: ParsedChange, local: datetime, instant: datetime) -> ParsedChange:
        """What ``change`` of an earlier meeting makes of the meeting at ``local``."""
        if change.cancelled or change.start is None or change.end is None:
            return ParsedChange(instant, cancelled=True)
        offset = timezones.to_local(change.start, self.zone).replace(
            tzinfo=None
        ) - timezones.to_local(change.recurrence_id, self.zone).replace(tzinfo=None)
        start = _instant(local + offset, self.zone)
        clock = self.own_clock
        read = clock(local + offset) if clock is not None else None
        if clock is not None and read is not None:
            start = read[1]
            self.notes.append(clock.reader.own_note(clock.tzid, local + offset, start))
        elif clock is not None and (
            said := clock.reader.clock_change_note(clock.tzid, local + offset)
        ):
            self.notes.append(said)
        elif _skipped_or_repeated(local + offset, self.zone):
            self.moved_readings.append((local + offset, start))
        return ParsedChange(instant, False, start, start + (change.end - change.start))

    def sorted_changes(self) -> tuple[ParsedChange, ...]:
        return tuple(self.changes[key] for key in sorted(self.changes))


class OwnClock:
    """The file's own VTIMEZONE of a series' TZID as its reader reads it: a wall-clock
    time to its instant where that differs from the IANA zone's (else None)."""

    def __init__(self, reader: _Reader, tzid: str) -> None:
        self.reader = reader
        self.tzid = tzid

    def __call__(self, local: datetime) -> tuple[datetime, datetime] | None:
        return self.reader.own_instant(self.tzid, local)


def _own_clock(reader: _Reader, start_prop: Any, zone_name: str) -> OwnClock | None:
    """The file's own clock of a series whose DTSTART has the TZID of ``zone_name``,
    when the file defines that TZID by rules of its own; None otherwise."""
    tzid = start_prop.params.get("TZID") if hasattr(start_prop, "params") else None
    if not tzid or reader.known.get(str(tzid)) != zone_name:
        return None
    if not reader.defines_own_rules(str(tzid), start_prop.dt.year):
        return None
    return OwnClock(reader, str(tzid))


def _until_not_before(until: str, local: datetime) -> bool:
    """Whether a stored rule's UNTIL (its wall-clock form, ``20270305T235959``) is not
    before the wall-clock start ``local``."""
    try:
        last = datetime.strptime(until[:15], "%Y%m%dT%H%M%S")
    except ValueError:
        return False
    return last >= local


def _local_text(instant: datetime, zone_name: str) -> str:
    """``Mon 15 Mar 2027 09:00``: an instant on the wall clock of ``zone_name``."""
    local = timezones.to_local(instant, zone_name)
    return f"{i18n.day_text(local.date())} {local:%H:%M}"


def _parsed(
    reader: _Reader,
    component: Any,
    line: int,
    method: str,
    ours: bool,
    *,
    start: datetime,
    end: datetime,
    zone: str,
    recurrence_rule: str | None = None,
    changes: tuple[ParsedChange, ...] = (),
    read_by_rfc: tuple[tuple[datetime, datetime], ...] = (),
    all_day: bool = False,
    instance_versions: tuple[int, ...] = (),
    notes: tuple[str, ...] = (),
) -> ParsedEvent:
    """The event's times as read, with what every VEVENT says besides them."""
    reader.count_meetings(line, 1)  # a series' meetings are counted as it is expanded
    status_text = str(component.get("STATUS", "CONFIRMED")).upper()
    status = {"TENTATIVE": EventStatus.TENTATIVE, "CANCELLED": EventStatus.CANCELLED}.get(
        status_text, EventStatus.CONFIRMED
    )
    if method == "CANCEL":
        status = EventStatus.CANCELLED
    description = _text(component, "DESCRIPTION")
    organizer = component.get("ORGANIZER")
    attendance = _attendees(component, line)
    location = _text(component, "LOCATION")
    if not location and attendance.rooms:
        # a room booked with no place given is the place (a known venue by its name)
        location = attendance.rooms[0]
    sequence = component.get("SEQUENCE", 0)
    event = ParsedEvent(
        uid=_text(component, "UID"),
        sequence=int(sequence),
        title=_title(component),
        description=agenda_of(description) if ours or _programs_own(component) else description,
        location=location,
        start_utc=start,
        end_utc=end,
        zone=zone,
        status=status,
        categories=_categories(component),
        video_link=_video_link(reader, component, line),
        recurrence_rule=recurrence_rule,
        changes=changes,
        organizer=_address(organizer) if organizer is not None else None,
        attendees=attendance.linked,
        line=line,
        read_by_rfc=read_by_rfc,
        all_day=all_day,
        instance_versions=instance_versions,
        notes=notes,
        attendees_left_out=attendance.left_out,
        declined=attendance.declined,
        stamp=_stamp(component),
    )
    _check_text_lengths(reader, event)
    return event


def _too_long(uid: str, title: str) -> list[rules.Problem]:
    """An event's UID or title longer than the program's column for it, which a save
    would refuse: the event is skipped in words, in the preview as in the import."""
    return calendar_text_problems(SimpleNamespace(uid=uid)) or rules.text_problems(
        SimpleNamespace(title=title), Event, title=N_("title")
    )


def _stamp(component: Any) -> datetime | None:
    """The DTSTAMP of ``component`` in UTC. RFC 5545 gives it in UTC; a time without a
    zone is taken as UTC too, a date or a missing one as none."""
    prop = component.get("DTSTAMP")
    value = getattr(prop, "dt", None)
    if not isinstance(value, datetime):
        return None
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except (OverflowError, ValueError):  # at the ends of what a datetime holds
        return None


def _check_text_lengths(reader: _Reader, event: ParsedEvent) -> None:
    """Refuse a text longer than the program holds, as the program holds it: unescaped,
    without the details block of its own descriptions. A file's line is longer (each
    ``\\,`` or ``\\n`` counts twice there), and is held to ``MAX_CALENDAR_LINE_LENGTH``
    before anything parses it."""
    for name, text in (("DESCRIPTION", event.description), ("LOCATION", event.location)):
        if len(text) > limits.MAX_TEXT_LENGTH:
            raise reader.fail(
                _(
                    "{name} holds {count} characters, more than the {largest} a value may hold"
                ).format(name=name, count=f"{len(text):,}", largest=f"{limits.MAX_TEXT_LENGTH:,}"),
                event.line,
                "VEVENT",
            )


def _programs_own(component: Any) -> bool:
    """Whether an event is one this program made (its UID is of the program's domain):
    its description then ends in the program's details block, whichever program wrote
    the file it comes back in (a partner's Google or Outlook calendar keeps the
    description as the program exported it)."""
    return _text(component, "UID").endswith(f"@{UID_DOMAIN}")


def _outside_range() -> str:
    return _("the event lies outside the dates the program plans for ({range})").format(
        range=limits.describe_day_range()
    )


def _all_day_event(
    reader: _Reader, component: Any, line: int, method: str, ours: bool
) -> ParsedEvent | Skipped:
    """An event of dates (``DTSTART;VALUE=DATE``): its days, in the zone the file gives
    its floating values (this program's own files name the zone the dates were planned
    in). RFC 5545: the end is exclusive, and without DTEND or DURATION it lasts one day."""
    uid = _text(component, "UID")
    title = _title(component)
    first: date = component["DTSTART"].dt
    if isinstance(first, date) and not limits.day_in_range(first):
        # before any arithmetic on it (9999-12-31 has no day after), as a timed event's
        # start is checked before its end
        return Skipped(uid, title, line, _outside_range())
    end_prop = component.get("DTEND")
    if end_prop is not None:
        if isinstance(end_prop.dt, datetime):
            return Skipped(
                uid, title, line, _("DTEND is a time while DTSTART is a date"), invalid=True
            )
        after: date = end_prop.dt
    elif component.get("DURATION") is not None:
        length = component["DURATION"].dt
        if not isinstance(length, timedelta) or length.seconds or length.microseconds:
            return Skipped(
                uid, title, line, _("an all-day event's DURATION is not whole days"), invalid=True
            )
        try:
            after = first + length
        except OverflowError:
            after = date.max
    else:
        after = first + _DAY
    if after < first:
        return Skipped(uid, title, line, _("the event ends before it starts"), invalid=True)
    if after == first:
        return Skipped(uid, title, line, _("the event ends when it starts (it has no length)"))
    if not (limits.day_in_range(first) and limits.day_in_range(after - _DAY)):
        return Skipped(
            uid,
            title,
            line,
            _outside_range(),
        )
    if component.get("RRULE") is not None or component.get("RDATE") is not None:
        return Skipped(uid, title, line, _("a repeating all-day event; the program holds it once"))
    marked = _text(component, ZONE_PROPERTY)
    zone_name = (resolve_zone(marked) if marked else None) or reader.floating_zone
    refused = all_day_date_problems(first, after - _DAY, zone_name)
    if refused:
        return Skipped(uid, title, line, refused[0].message)
    start, end = timezones.local_days(first, after - _DAY, zone_name)
    return _parsed(
        reader, component, line, method, ours, start=start, end=end, zone=zone_name, all_day=True
    )


_ALL_DAY_FLAGS = ("X-MICROSOFT-CDO-ALLDAYEVENT", "X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT")


def _outlook_all_day(
    component: Any, start: datetime, end: datetime, zone_name: str
) -> tuple[date, date] | None:
    """The first and last day of an event Outlook marks all day: it writes one as times
    from midnight to midnight of its own zone, with ``X-MICROSOFT-CDO-ALLDAYEVENT:TRUE``,
    and shows it all day, as Outlook's users expect it back. None for any other event
    (a series: the program holds an all-day event once)."""
    flagged = any(_text(component, name).upper() == "TRUE" for name in _ALL_DAY_FLAGS)
    if not flagged or component.get("RRULE") is not None:
        return None
    first = timezones.to_local(start, zone_name)
    after = timezones.to_local(end, zone_name)
    if first.time() != time() or after.time() != time() or after.date() <= first.date():
        return None
    return timezones.all_day_dates(start, end, zone_name)


def _wall_clock(prop: Any) -> datetime | None:
    """The naive wall-clock time of a TZID or floating date-time property, else None."""
    value = prop.dt
    if not isinstance(value, datetime) or (value.tzinfo is not None and "TZID" not in prop.params):
        return None
    if value.tzinfo is UTC:  # a UTC time written with a TZID (see _read_utc_values)
        return None
    return value.replace(tzinfo=None)


def _skipped_or_repeated(local: datetime, zone_name: str) -> bool:
    try:
        timezones.to_utc(local, zone_name)
    except timezones.TimeZoneError:
        return True
    return False


__all__ = [
    "AmbiguousZoneError",
    "Attendee",
    "ParsedCalendar",
    "ParsedChange",
    "ParsedEvent",
    "ParsedOccurrence",
    "Skipped",
    "agenda_of",
    "check_calendar_file",
    "check_content_lines",
    "content_lines",
    "decoded_calendar",
    "matching_zones",
    "read_calendar",
    "read_calendar_bytes",
    "resolve_zone",
]
