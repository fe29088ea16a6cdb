"""Answers to invitations: iTIP REPLY calendars read from ``.ics`` files or from the
``text/calendar`` part of ``.eml`` messages (or of a message saved under another name),
recorded as each participant's attendance.

A reply names the event by UID (and a meeting of a series by RECURRENCE-ID) and the
participant by the ATTENDEE address with their PARTSTAT. Each file is checked as it is
read, within the limits of :mod:`cpp_scheduler.limits` (its size; its lines, one by one
as a calendar import checks them, and how many; its answers, how deep its components and
a message's parts nest, how many parts and lines a message has and how many bytes its
headers take, a TZID the zone database can be asked about, a SEQUENCE no event can pass,
dates in the program's range, a DTSTAMP not far ahead of now, exactly one ATTENDEE: RFC
5546 section 3.2.3); one that breaks a rule,
answers no event (no VEVENT), is for an event the program does not hold, a meeting the
series does not have or has cancelled, or from an address the event does not invite
(now, or by an invitation the ledger shows they still hold), or that the system will not
read, is refused in one line naming the file (escaped, as
:func:`~cpp_scheduler.errors.printable` shows a name) and what is wrong, nothing of it
recorded, and the import reads on. An
address is matched in one form (:func:`address_key`: its domain as the mail goes to it,
capitals aside; two invited addresses that differ only in capitals: the one written as
the reply writes it; neither so written, the reply is refused, since nobody can tell
who answered). A later answer (by the reply's DTSTAMP) replaces an earlier one; an
older one read after it changes nothing and is named, so importing a folder twice, in
any order, gives the same attendance. A person removed from the event and sent its
cancellation is no longer listed, their answer with them. An answer to a meeting with
``RANGE=THISANDFUTURE`` answers it and every later one (RFC 5546 section 3.2.3): it is
recorded for each of them not cancelled, as answers to each in turn would be.

An invited official may pass the invitation to a colleague (RFC 5546 section 4.2.5): the
reply says PARTSTAT=DELEGATED and names the colleague in DELEGATED-TO. That is their
answer, "delegated", kept with the addresses: like a refusal it is no attendance, and the
lists name each delegate with whether the event invites them already or whom to add. A
DELEGATED reply that names nobody is refused. Its one ATTENDEE is the delegator; the
reply may also carry an ATTENDEE for each delegate, DELEGATED-FROM the delegator (RFC
5546 section 3.2.2.3), and is then read as the delegator's answer alone: delegates answer
for themselves, once invited. A delegate's own answer before then (the event does not
invite them, an answer recorded for it delegates to them) is refused saying whose
delegate they are and what to do: add the address as a participant if nobody has it,
invite them, import the reply again.

A reply answers one version of the event, its SEQUENCE (0 when it gives none, RFC 5545
section 3.8.7.4). One to a version older than the latest the participant was sent
answers a time or place they have since been told is no longer so (RFC 5546 section
2.1.5; Outlook calls it out of date): it is not recorded, and the import names it in one
line among the refused (see :func:`_latest_sent`). For the same reason an answer already
recorded stops counting once an update goes to its person: the lists show "no answer"
with the answer given before the update, until they answer the new version (of two
answers, the one to the later version wins, then the later DTSTAMP: RFC 5546 section
2.1.5).
"""

from __future__ import annotations

import email
import re
import stat
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage, Message
from email.policy import EmailPolicy
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import icalendar
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpp_scheduler import i18n, limits, timezones
from cpp_scheduler.errors import SchedulerError, printable, quoted, system_reason
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.importer import (
    _MAIL_HEADERS,  # the header fields the calendar import tells a message by, one list
    check_content_lines,
    content_lines,
    decoded_calendar,
    resolve_zone,
    undefined_zone,
)
from cpp_scheduler.ical.text import mail_form
from cpp_scheduler.model import (
    Delegation,
    Event,
    OccurrenceOverride,
    Participant,
    Reply,
    SentMessage,
    recurrence,
)
from cpp_scheduler.model.event import called_off
from cpp_scheduler.model.event_filter import meeting_days
from cpp_scheduler.model.mail import ledger_order
from cpp_scheduler.services.access import refuse_read_only
from cpp_scheduler.services.changes import EventFacts, last_sent, recipients_by_event
from cpp_scheduler.services.snapshot import NotFoundError, find_event
from cpp_scheduler.store import Database, StoreError

ANSWERS = {
    "ACCEPTED": "accepted",
    "TENTATIVE": "tentative",
    "DECLINED": "declined",
    "DELEGATED": "delegated",
}
"""The PARTSTATs a reply records, and how they are shown. DELEGATED (RFC 5546 section
4.2.5: the invited person passed the invitation to someone else, named in DELEGATED-TO)
is an answer like the others and, like a refusal, not attendance: the person is not
coming, the delegate may."""

DELEGATED = "delegated"
"""The answer of a person who passed the invitation on (:data:`ANSWERS`)."""


class ReplyFileError(SchedulerError):
    """A file that holds no reply that can be read."""


@dataclass(frozen=True, slots=True)
class ReadReply:
    """One attendee's answer as a file gives it."""

    source: str
    uid: str
    email: str
    answer: str
    recurrence_id: datetime | date | None
    replied_at: datetime
    sequence: int = 0
    """The version of the event answered (the reply's SEQUENCE; 0 when it has none)."""
    delegated_to: tuple[str, ...] = ()
    """For a DELEGATED answer, the addresses passed the invitation (DELEGATED-TO)."""
    this_and_future: bool = False
    """Whether the answer holds for the meeting ``recurrence_id`` names and every later
    one of the series (``RANGE=THISANDFUTURE``), not for that meeting alone."""


@dataclass(frozen=True, slots=True)
class Delegate:
    """Someone an invitation was delegated to, as the program knows them now: the
    coordinator is told whether they are invited already or whom to add."""

    email: str
    participant: str | None = None
    """The name of the participant with this address; None when nobody has it."""
    invited: bool = False
    """Whether that participant is invited to the event now."""

    def as_json(self) -> dict[str, object]:
        return {"email": self.email, "participant": self.participant, "invited": self.invited}


def delegate_text(delegate: Delegate) -> str:
    """A delegate as the lists and the import name them, with what the coordinator has
    to do about them, if anything."""
    if delegate.participant is None:
        return _(
            "{email} (not in the program: add this address as a participant and invite them)"
        ).format(email=delegate.email)
    person = f"{delegate.participant} <{delegate.email}>"
    if delegate.invited:
        return _("{person} (invited already)").format(person=person)
    return _("{person} (a participant, not invited to this event: invite them)").format(
        person=person
    )


def delegates_text(delegates: Sequence[Delegate]) -> str:
    """Every delegate of an answer, in the order the reply names them."""
    return ", ".join(delegate_text(delegate) for delegate in delegates)


def covers_every_meeting(meeting: datetime | None, series: bool) -> bool:
    """Whether an answer to ``meeting`` (None: the whole event) of an event that is a
    ``series`` or not covers every meeting of a series: given to the whole of one. An
    answer recorded by an import and one listed read alike by it."""
    return meeting is None and series


@dataclass(frozen=True, slots=True)
class RecordedReply:
    participant: str
    email: str
    title: str
    event_uid: str
    meeting: datetime | None
    answer: str
    moved_to: datetime | None = None
    """Where the meeting answered for is now, when it was moved (``meeting`` is where
    the series' rule puts it, the RECURRENCE-ID the reply names); None otherwise."""
    delegates: tuple[Delegate, ...] = ()
    """Whom a delegated answer passed the invitation to; empty for any other answer."""
    series: bool = False
    """Whether the event is a series: only then does an answer to the whole event
    answer for its every meeting."""

    @property
    def every_meeting(self) -> bool:
        """Whether the answer covers every meeting of a series, by the rule of an
        answer listed (:func:`covers_every_meeting`): the import's line says so in the
        lists' words (:func:`answered_for`)."""
        return covers_every_meeting(self.meeting, self.series)


@dataclass
class ImportReport:
    recorded: list[RecordedReply] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """One line per reply or file that was not applied: what and where (a file that
    cannot be read, or whose reply names an unknown event or person, in one line, none
    of it recorded; a reply to an out-of-date version, one line of its own, the file's
    other replies recorded)."""

    @property
    def summary(self) -> str:
        """The line an import ends with, in the Replies window and after ``replies
        import``'s lines: how many answers were recorded, how many refused."""
        return _("{recorded} recorded, {refused} refused").format(
            recorded=len(self.recorded), refused=len(self.refused)
        )


# -- reading files -------------------------------------------------------------------


_LONGEST_NAME_SHOWN = 1_000
"""Characters of a file's name a refusal shows before it shortens it, as the commands'
output names a file (``cli/output.shown_path``)."""


def _shown_path(path: Path) -> str:
    """A reply file's (or folder's) name as every refusal names it: whole (up to a
    thousand characters), a line break, a U+2028 or another control character in it
    shown escaped, since a name is anything the file system allows and must neither
    split the one line a refusal takes nor forge a second one."""
    return printable(str(path), _LONGEST_NAME_SHOWN)


def _files_named(path: Path) -> list[Path]:
    """The file named, or the ``.eml`` and ``.ics`` files of the folder named, in the
    order of their names; a folder that cannot be listed is refused in one line
    (:class:`ReplyFileError`), so that the other files and folders named are read on."""
    try:
        is_folder = path.is_dir()
    except OSError:  # a name too long to look up: refused as a file, in the system's words
        return [path]
    if not is_folder:
        return [path]
    try:
        return sorted(
            child
            for child in path.iterdir()
            if child.is_file() and child.suffix.lower() in (".eml", ".ics")
        )
    except OSError as error:
        raise ReplyFileError(
            _("{path}: the folder cannot be read ({reason})").format(
                path=_shown_path(path), reason=system_reason(error)
            )
        ) from error


def _file_bytes(path: Path) -> bytes:
    """The bytes of a reply file: a regular file (reading a pipe would wait for ever) no
    larger than :data:`limits.MAX_REPLY_FILE_BYTES`, checked before it is read."""
    shown = _shown_path(path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise ReplyFileError(
                _("{path}: not a regular file (a folder, a pipe or a device)").format(path=shown)
            )
        if status.st_size > limits.MAX_REPLY_FILE_BYTES:
            raise ReplyFileError(
                _("{path}: the file is {size}, larger than the {largest} a reply may be").format(
                    path=shown,
                    size=limits.size_text(status.st_size),
                    largest=limits.size_text(limits.MAX_REPLY_FILE_BYTES),
                )
            )
        with path.open("rb") as stream:
            return stream.read(limits.MAX_REPLY_FILE_BYTES + 1)
    except OSError as error:
        raise ReplyFileError(
            _("{path}: cannot be read ({reason})").format(path=shown, reason=system_reason(error))
        ) from error


_CONTAINER = re.compile(
    rb"^content-type:(?:[^\r\n]|\r?\n[ \t])*?(?:multipart|message)[ \t]*/",
    re.IGNORECASE | re.MULTILINE,
)
"""A Content-Type header (folded or not) naming a part the mail reader descends into;
anything it could mistake for one is counted too, which errs on the safe side."""


def _part_boundaries(data: bytes) -> int:
    """How many lines of a message begin with ``--``: every boundary between its parts
    does (RFC 2046 section 5.1.1, a line ended by CR, LF or both, as Python's mail reader
    reads them), so this is at least the number of its parts, counted without reading
    them, at the cost of a search through the bytes."""
    return data.count(b"\n--") + data.count(b"\r--") + data.startswith(b"--")


_HEADER_LINES = re.compile(rb"(?:(?:From |[!-9;-~]*:|[\t ])[^\r\n]*+(?:\r\n|\r|\n|\Z))*+")
"""The lines a mail message's own headers take, as Python's mail reader tells them: each
begins a field (a name and a colon), continues one (a space or a tab) or is an mbox
``From`` line; the first line that does neither (a blank line) ends them."""

_MIME_FIELDS = frozenset({"content-type", "content-disposition", "content-transfer-encoding"})
"""The header fields the mail reader parses into their parts, at a cost of their own
(:data:`limits.MAX_MESSAGE_MIME_FIELD_BYTES`)."""


class _HeadersTooLargeError(Exception):
    """The header fields read so far exceed a limit: ``message`` says which, less the
    file's name."""


@dataclass
class _HeaderTally:
    """The bytes of the header fields a message's reading has met so far."""

    every_field: int = 0
    mime_fields: int = 0


if TYPE_CHECKING:
    _MessagePolicy = EmailPolicy[EmailMessage]  # generic in the stubs alone
else:
    _MessagePolicy = EmailPolicy


class _CountedHeaders(_MessagePolicy):
    """Python's default mail policy (``email.policy.default``), adding up the header
    fields of the message and of each of its parts as the reader reads them, before it
    parses any, and stopping the reading at the first beyond a limit
    (:data:`limits.MAX_MESSAGE_HEADER_BYTES`, :data:`limits.MAX_MESSAGE_MIME_FIELD_BYTES`)."""

    tally: _HeaderTally

    def __init__(self) -> None:
        super().__init__(message_factory=EmailMessage)
        object.__setattr__(self, "tally", _HeaderTally())  # a policy's fields are read-only

    def header_source_parse(self, sourcelines: list[str]) -> tuple[str, str]:
        tally = self.tally
        size = sum(map(len, sourcelines))
        tally.every_field += size
        if tally.every_field > limits.MAX_MESSAGE_HEADER_BYTES:
            raise _HeadersTooLargeError(_headers_too_large())
        if sourcelines[0].partition(":")[0].strip().lower() in _MIME_FIELDS:
            tally.mime_fields += size
            if tally.mime_fields > limits.MAX_MESSAGE_MIME_FIELD_BYTES:
                raise _HeadersTooLargeError(
                    _(
                        "its Content-Type, Content-Disposition and Content-Transfer-"
                        "Encoding fields take more than {largest}; a reply's take a few "
                        "hundred bytes"
                    ).format(largest=limits.size_text(limits.MAX_MESSAGE_MIME_FIELD_BYTES))
                )
        return super().header_source_parse(sourcelines)


def _headers_too_large() -> str:
    return _("the message's headers take more than {largest}; a reply's take a few KiB").format(
        largest=limits.size_text(limits.MAX_MESSAGE_HEADER_BYTES)
    )


def _check_message_size(path: str, data: bytes) -> None:
    """Refuse a message whose own headers take more than
    :data:`limits.MAX_MESSAGE_HEADER_BYTES`, or that holds more than
    :data:`limits.MAX_MESSAGE_LINES` lines, told in C before Python's mail reader takes
    its lines one by one (twelve seconds over four million lines of headers)."""
    headers = _HEADER_LINES.match(data, 0, limits.MAX_MESSAGE_HEADER_BYTES + 1)
    if headers is not None and headers.end() > limits.MAX_MESSAGE_HEADER_BYTES:
        raise ReplyFileError(f"{path}: {_headers_too_large()}")
    lines = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1
    if lines > limits.MAX_MESSAGE_LINES:
        raise ReplyFileError(
            _(
                "{path}: the message holds more than {largest} lines; a reply holds a few hundred"
            ).format(path=path, largest=f"{limits.MAX_MESSAGE_LINES:,}")
        )


def _message_calendars(path: str, data: bytes) -> list[bytes]:
    """The ``text/calendar`` parts of a message, in UTF-8. Python's mail reader takes
    the message a line at a time, parses some of its header fields at a cost out of
    measure, and descends into each container part by recursion, taking a minute over
    a message of hundreds of thousands of small parts (within the size a reply may
    have); so its lines, its own headers, its containers and its parts are counted
    first (:func:`_check_message_size`, :data:`limits.MAX_MESSAGE_CONTAINERS`,
    :data:`limits.MAX_MESSAGE_PARTS`), and the headers of its parts as it reads them
    (:class:`_CountedHeaders`)."""
    _check_message_size(path, data)
    containers = sum(1 for _match in _CONTAINER.finditer(data))
    if containers > limits.MAX_MESSAGE_CONTAINERS:
        raise ReplyFileError(
            _(
                "{path}: the message holds more than {largest} nested parts "
                "(multipart or message); a reply holds a few"
            ).format(path=path, largest=limits.MAX_MESSAGE_CONTAINERS)
        )
    if _part_boundaries(data) > limits.MAX_MESSAGE_PARTS:
        raise ReplyFileError(
            _(
                "{path}: the message holds more than {largest} parts (or lines that begin "
                "with --); a reply holds a few"
            ).format(path=path, largest=f"{limits.MAX_MESSAGE_PARTS:,}")
        )
    try:
        message = email.message_from_bytes(data, policy=_CountedHeaders())
        assert isinstance(message, EmailMessage)
        found = [
            _in_utf8(part) for part in message.walk() if part.get_content_type() == "text/calendar"
        ]
    except _HeadersTooLargeError as error:
        raise ReplyFileError(f"{path}: {error}") from None
    except RecursionError as error:
        # Within the count above, only a header nesting comments thousands deep gets here:
        # the mail reader reads comments by recursion, with no limit of its own.
        raise ReplyFileError(
            _("{path}: the message's headers nest too deep to be read").format(path=path)
        ) from error
    calendars = [part for part in found if part is not None]
    if not calendars:
        raise ReplyFileError(_("{path}: the message holds no text/calendar part").format(path=path))
    return calendars[:1]  # the attachment, when there is one, repeats the part


def _in_utf8(part: Message) -> bytes | None:
    """A message part's content in UTF-8, as a calendar is read: one in the charset its
    part declares (Shift_JIS, ISO-8859-1) taken in that charset; None when it has none."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    charset = part.get_content_charset()
    if charset is None or charset.replace("-", "").replace("_", "") in ("utf8", "usascii"):
        return payload
    try:
        return payload.decode(charset).encode()
    except (LookupError, UnicodeDecodeError):
        return payload  # read as UTF-8 then, and refused naming the byte that is not


_HEADER_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")
"""A line that begins a header field of a mail message (RFC 5322 section 2.2: a name of
printable ASCII but the colon, then the colon)."""

_MESSAGE_HEAD_BYTES = 64 * 1024
"""How much of a file is looked at to tell a message from a calendar: the headers of a
message that has crossed a dozen servers take a few KiB."""


def _is_message(data: bytes) -> bool:
    """Whether a file that is not named ``.eml`` is a mail message all the same: it
    begins with header fields (or an mbox ``From`` line), one of them a field messages
    have and calendars never do (the calendar import's ``_MAIL_HEADERS``: ``From``,
    ``Subject``, ``MIME-Version``...), before a blank line. A reply saved from a mail
    client as ``.txt``, or with no extension, is then read as the message it is, rather
    than refused as a calendar that begins with ``From:``, with the advice to import it
    with the very command that refused it; a calendar begins with ``BEGIN`` and is never
    taken for one."""
    head = data[:_MESSAGE_HEAD_BYTES].removeprefix(b"\xef\xbb\xbf")
    for number, line in enumerate(re.split(rb"\r\n|\r|\n", head)):
        if number == 0 and line.startswith(b"From "):
            continue  # the line an mbox file puts before each message
        if number and line[:1] in (b" ", b"\t"):
            continue  # a header folded onto the next line
        field = _HEADER_FIELD.match(line)
        if field is None:
            return False  # a blank line, or text: no header of a message before it
        name = field[1].decode("ascii").upper()
        if number == 0 and name == "BEGIN":
            return False
        if name in _MAIL_HEADERS:
            return True
    return False


def _calendars(path: Path) -> list[tuple[str, bytes]]:
    """Each calendar of the file with the name its refusals give it: the file itself, or
    a message's text/calendar part (its lines counted from the part's first). A file is
    read as a message when it is named ``.eml`` or clearly is one (:func:`_is_message`),
    whatever its name."""
    data = _file_bytes(path)
    shown = _shown_path(path)
    if path.suffix.lower() != ".eml" and not _is_message(data):
        return [(shown, data)]
    source = _("{path}, its text/calendar part").format(path=shown)
    return [(source, part) for part in _message_calendars(shown, data)]


def _check_outline(path: str, text: str) -> None:
    """Refuse a calendar of more than :data:`limits.MAX_REPLY_LINES` content lines, whose
    components nest deeper than :data:`limits.MAX_COMPONENT_DEPTH` or that answers more
    than :data:`limits.MAX_REPLY_ANSWERS` times, told from its lines as they come, before
    icalendar builds (and walks, by recursion) its components, at a cost in proportion
    to its lines."""
    depth = answers = lines = 0
    for line in content_lines(text):
        lines += 1
        if lines > limits.MAX_REPLY_LINES:
            raise ReplyFileError(
                _(
                    "{path}: the reply holds more than {largest} lines; an answer takes a few dozen"
                ).format(path=path, largest=f"{limits.MAX_REPLY_LINES:,}")
            )
        if line[:1] not in "BbEe":
            continue
        name, _colon, value = line.partition(":")
        name = name.upper()
        if name == "END":
            depth = max(depth - 1, 0)
            continue
        if name != "BEGIN":
            continue
        depth += 1
        if depth > limits.MAX_COMPONENT_DEPTH:
            raise ReplyFileError(
                _("{path}: components nest more than {depth} deep").format(
                    path=path, depth=limits.MAX_COMPONENT_DEPTH
                )
            )
        if value.strip().upper() == "VEVENT":
            answers += 1
            if answers > limits.MAX_REPLY_ANSWERS:
                raise ReplyFileError(
                    _("{path}: the reply holds more than {largest} answers (VEVENTs)").format(
                        path=path, largest=limits.MAX_REPLY_ANSWERS
                    )
                )


def _checked_text(path: str, source: str, data: bytes) -> str:
    """The text of a reply's calendar, checked before icalendar reads it as a calendar
    file is before an import (:mod:`cpp_scheduler.ical.importer`): UTF-8, a content line
    at a time, no value longer than :data:`limits.MAX_TEXT_LENGTH`, within the limits of
    a reply (its size, :data:`limits.MAX_REPLY_CALENDAR_BYTES`, first). icalendar takes
    seconds over a line of megabytes, a few megabytes, or tens of thousands of lines,
    holding the interpreter against the window meanwhile; a file beyond them is refused
    in one line naming it, after a pass over its lines that no line holds up."""
    if len(data) > limits.MAX_REPLY_CALENDAR_BYTES:
        raise ReplyFileError(
            _("{path}: its calendar is {size}, larger than the {largest} a reply's may be").format(
                path=path,
                size=limits.size_text(len(data)),
                largest=limits.size_text(limits.MAX_REPLY_CALENDAR_BYTES),
            )
        )
    try:
        text = decoded_calendar(data, source)
        _check_outline(path, text)
        check_content_lines(text, source)
    except CalendarFileError as error:
        raise ReplyFileError(str(error)) from None
    _check_zone_names(path, text)
    return text


_PARAMETERS = re.compile(
    r'([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):',
    re.ASCII,
)
"""A content line's name and its parameters, up to the colon before its value (RFC 5545
section 3.1, as the calendar import checks every line)."""

_PARAMETER = re.compile(
    r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)', re.ASCII
)
"""One parameter of a content line, its name and its value (a list, quoted or not)."""


def _check_zone_names(path: str, text: str) -> None:
    """Refuse a TZID longer than any zone's name (:data:`limits.LONGEST_TZID`) in one line
    naming it and the property that gives it, before icalendar looks it up as it reads
    the reply. Any other name the zone database cannot answer for (a folder of it, such
    as ``Asia``) is no zone to icalendar's lookup as the calendar reader sets it up
    (``ical.importer``), as an unknown name is: a date and time the reply reads on such a
    clock is refused as the calendar import refuses it (:func:`_when`)."""
    asked: set[str] = set()
    for line in content_lines(text):
        if ";" not in line:
            continue
        found = _PARAMETERS.match(line)
        if found is None:
            continue
        for parameter in _PARAMETER.finditer(found[2]):
            if parameter[1].upper() != "TZID" or parameter[2] in asked:
                continue
            asked.add(parameter[2])
            tzid = parameter[2].strip('"')
            if len(tzid) > limits.LONGEST_TZID:
                raise ReplyFileError(
                    _("{path}: the TZID {tzid} of {name} names no time zone").format(
                        path=path, tzid=quoted(tzid), name=printable(found[1].upper())
                    )
                )


def _utc(value: datetime | date, zone: str | None = None) -> datetime | date:
    """An instant in UTC; a floating time read on ``zone``'s clock (Tokyo's when None),
    a time in a gap or fold as RFC 5545 reads it."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return recurrence.rfc_instant(value, zone or timezones.TOKYO)
        return value.astimezone(UTC)
    return value


def _once(path: str, vevent: icalendar.cal.component.Component, name: str) -> Any:
    """The one ``name`` property of the answer, None when it has none."""
    value = vevent.get(name)
    if isinstance(value, list):
        raise ReplyFileError(
            _("{path}: {name} is given {count} times; an answer gives it once").format(
                path=path, name=name, count=len(value)
            )
        )
    return value


def _raw(value: Any) -> str:
    """A property's value as the file writes it, for a message to quote."""
    try:
        text = value.to_ical()
    except (AttributeError, TypeError, ValueError):
        return str(value)
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def _when(
    path: str,
    vevent: icalendar.cal.component.Component,
    name: str,
    zones: Collection[str],
) -> datetime | date | None:
    """The date or date and time of ``name`` (DTSTAMP, RECURRENCE-ID), checked: one that
    is no date, outside the days the program plans for, or given on a clock that is
    neither a zone the program knows nor one of ``zones`` (those the reply defines) is
    refused, as the calendar import refuses it: read on the event's clock, it would name
    another meeting than the one answered."""
    prop = _once(path, vevent, name)
    if prop is None:
        return None
    tzid = getattr(prop, "params", {}).get("TZID")
    if tzid and str(tzid) not in zones and resolve_zone(str(tzid)) is None:
        raise ReplyFileError(f"{path}: {undefined_zone(str(tzid), name)}")
    try:
        value = prop.dt
    except (AttributeError, ValueError):  # icalendar's BrokenCalendarProperty
        value = None
    if not isinstance(value, date):
        raise ReplyFileError(
            _("{path}: {name} {value} is not a date or a date and time").format(
                path=path, name=name, value=quoted(_raw(prop))
            )
        )
    if not limits.day_in_range(value.date() if isinstance(value, datetime) else value):
        raise ReplyFileError(
            _("{path}: {name} {value} is outside {range}").format(
                path=path, name=name, value=quoted(_raw(prop)), range=limits.describe_day_range()
            )
        )
    return value


def _stamp(
    path: str, vevent: icalendar.cal.component.Component, zones: Collection[str]
) -> datetime:
    """When the answer was given (DTSTAMP, a date and time; now when it has none)."""
    value = _when(path, vevent, "DTSTAMP", zones)
    now = datetime.now(UTC)
    if value is None:
        return now
    if not isinstance(value, datetime):
        raise ReplyFileError(
            _("{path}: DTSTAMP {value} is a date; it must be a date and time").format(
                path=path, value=quoted(_raw(vevent["DTSTAMP"]))
            )
        )
    stamp = _utc(value)
    assert isinstance(stamp, datetime)
    if stamp > now + limits.LONGEST_REPLY_STAMP_AHEAD:
        raise ReplyFileError(
            _(
                "{path}: the answer is dated {value}, later than now (the sender's clock is "
                "wrong); it is not recorded"
            ).format(path=path, value=quoted(_raw(vevent["DTSTAMP"])))
        )
    return stamp


def _sequence(path: str, vevent: icalendar.cal.component.Component) -> int:
    """The version a reply answers: its SEQUENCE, 0 when it gives none (RFC 5545), no
    higher than any event's can be (:data:`limits.MAX_CALENDAR_SEQUENCE`)."""
    value = _once(path, vevent, "SEQUENCE")
    if value is None:
        return 0
    try:
        sequence = int(str(value))
    except ValueError:  # not a number, or one of thousands of digits
        sequence = -1
    if not 0 <= sequence <= limits.MAX_CALENDAR_SEQUENCE:
        raise ReplyFileError(
            _("{path}: {value} is not a SEQUENCE (a whole number from 0 to {largest})").format(
                path=path, value=quoted(str(value)), largest=f"{limits.MAX_CALENDAR_SEQUENCE:,}"
            )
        )
    return sequence


def _address(value: object) -> str:
    """A calendar address as mail goes to it: its ``mailto:`` (in any capitals) left off."""
    address = str(value).strip()
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    return address.strip()


def _addresses(value: object) -> tuple[str, ...]:
    """The addresses of a parameter that lists them (DELEGATED-TO, DELEGATED-FROM), one
    each, in the order given, none empty."""
    values = value if isinstance(value, list | tuple) else [] if value is None else [value]
    found: dict[str, str] = {}
    for item in values:
        address = _address(item)
        if address:
            found.setdefault(address_key(address), address)
    return tuple(found.values())


def _attendee(
    path: str, vevent: icalendar.cal.component.Component
) -> tuple[str, str, tuple[str, ...]]:
    """The one person an answer is for (RFC 5546 section 3.2.3: exactly one ATTENDEE),
    their address, PARTSTAT and, when they delegated, the addresses they passed the
    invitation to (DELEGATED-TO). A delegation's reply may carry, besides the delegator,
    an ATTENDEE for each delegate, DELEGATED-FROM the delegator (RFC 5546 section
    3.2.2.3): that shape, and no other, is read, the delegates answering for themselves
    in replies of their own. A DELEGATED answer that names nobody is refused."""
    attendees = vevent.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    delegating = [
        attendee
        for attendee in attendees
        if str(attendee.params.get("PARTSTAT", "")).upper() == "DELEGATED"
    ]
    if len(attendees) > 1 and not _delegation_shape(attendees, delegating):
        raise ReplyFileError(
            _(
                "{path}: the answer names {count} attendees; a reply answers for one person "
                "(RFC 5546)"
            ).format(path=path, count=len(attendees))
        )
    (attendee,) = delegating or attendees
    address = _address(attendee)
    answer = str(attendee.params.get("PARTSTAT", "")).upper()
    if answer != "DELEGATED":
        return address, answer, ()
    delegated_to = _addresses(attendee.params.get("DELEGATED-TO"))
    if not delegated_to:
        raise ReplyFileError(
            _(
                "{path}: {email} delegated the invitation without saying to whom (no "
                "DELEGATED-TO); the answer is not recorded"
            ).format(path=path, email=quoted(address))
        )
    if len(delegated_to) > limits.MAX_DELEGATES:
        raise ReplyFileError(
            _(
                "{path}: {email} delegated the invitation to {count} people; a reply names "
                "at most {most}, and the answer is not recorded"
            ).format(
                path=path, email=quoted(address), count=len(delegated_to), most=limits.MAX_DELEGATES
            )
        )
    for delegate in delegated_to:
        if len(delegate) > limits.LONGEST_EMAIL_ADDRESS:
            raise ReplyFileError(
                _(
                    "{path}: {email} delegated the invitation to {delegate}, longer than an "
                    "email address can be ({longest} characters); the answer is not recorded"
                ).format(
                    path=path,
                    email=quoted(address),
                    delegate=quoted(delegate),
                    longest=limits.LONGEST_EMAIL_ADDRESS,
                )
            )
    return address, answer, delegated_to


def _delegation_shape(attendees: list[Any], delegating: list[Any]) -> bool:
    """Whether several ATTENDEEs are one delegator (PARTSTAT=DELEGATED) and the delegates
    it names, each DELEGATED-FROM that delegator: the one reply of more than one
    attendee that is still an answer of one person."""
    if len(delegating) != 1:
        return False
    (delegator,) = delegating
    delegator_key = address_key(_address(delegator))
    named = {address_key(a) for a in _addresses(delegator.params.get("DELEGATED-TO"))}
    for attendee in attendees:
        if attendee is delegator:
            continue
        sent_by = {address_key(a) for a in _addresses(attendee.params.get("DELEGATED-FROM"))}
        if address_key(_address(attendee)) not in named or sent_by != {delegator_key}:
            return False
    return True


def _this_and_future(path: str, vevent: icalendar.cal.component.Component) -> bool:
    """Whether the answer holds for the meeting its RECURRENCE-ID names and for every
    later one (``RANGE=THISANDFUTURE``, RFC 5546 section 3.2.3 and RFC 5545 section
    3.2.13), not for that meeting alone. Any other RANGE (``THISANDPRIOR``, which RFC
    5545 no longer allows) is refused: recorded for the one meeting, it would say of
    the others what nobody answered."""
    prop = vevent.get("RECURRENCE-ID")
    given = getattr(prop, "params", {}).get("RANGE")
    if given is None:
        return False
    if str(given).upper() == "THISANDFUTURE":
        return True
    raise ReplyFileError(
        _(
            "{path}: RECURRENCE-ID has the RANGE {range}; an answer holds for one meeting, "
            "or with RANGE=THISANDFUTURE for it and every later one"
        ).format(path=path, range=quoted(str(given)))
    )


def read_replies(path: Path) -> list[ReadReply]:
    """Every answer of a REPLY file (or message), each checked as it is read: a value
    that cannot be read refuses the file in one line (:class:`ReplyFileError`), and so
    does a reply that answers no event (no VEVENT: a reply to a task, or to nothing),
    which would otherwise be read as nothing refused."""
    replies: list[ReadReply] = []
    shown = _shown_path(path)
    for source, data in _calendars(path):
        text = _checked_text(shown, source, data)
        try:
            calendar = icalendar.Calendar.from_ical(text)
        except ValueError as error:
            raise ReplyFileError(
                _("{path}: not a calendar ({reason})").format(path=shown, reason=quoted(str(error)))
            ) from error
        method = str(calendar.get("METHOD", "")).upper()
        if method != "REPLY":
            raise ReplyFileError(
                _("{path}: not a reply (METHOD {method})").format(
                    path=shown, method=quoted(method or "none")
                )
            )
        answers = calendar.walk("VEVENT")
        zones = {str(zone.get("TZID", "")) for zone in calendar.walk("VTIMEZONE")}
        if not answers:
            raise ReplyFileError(
                _("{path}: the reply holds no answer to an event (no VEVENT)").format(path=shown)
            )
        for vevent in answers:
            for name, reason in getattr(vevent, "errors", []):
                if name is not None:
                    continue  # a value read wrong: its property's check says it below
                # A line icalendar could not split at all (a control character inside
                # a quoted CN): said as such, not as a reply that lacks it.
                raise ReplyFileError(
                    f"{shown}: "
                    + _("a line cannot be read ({reason})").format(
                        reason=printable(str(reason), 120)
                    )
                )
            uid = str(_once(shown, vevent, "UID") or "")
            if not uid or not vevent.get("ATTENDEE"):
                raise ReplyFileError(
                    _("{path}: a reply without UID or ATTENDEE").format(path=shown)
                )
            replied_at = _stamp(shown, vevent, zones)
            rid = _when(shown, vevent, "RECURRENCE-ID", zones)
            onwards = rid is not None and _this_and_future(shown, vevent)
            sequence = _sequence(shown, vevent)
            address, answer, delegated_to = _attendee(shown, vevent)
            replies.append(
                ReadReply(
                    shown, uid, address, answer, rid, replied_at, sequence, delegated_to, onwards
                )
            )
    return replies


# -- recording -----------------------------------------------------------------------


def _invited(session: Session, event: Event) -> set[str]:
    """Who may answer the event: those it invites now, and those the ledger shows were
    sent an invitation they still hold (removed since, but not yet told: their last
    message about it is no CANCEL)."""
    invited = recipients_by_event(session, [event.id]).get(event.id, set())
    invited.update(
        person
        for (_event, person), last in last_sent(session, [event.id]).items()
        if last.method != "CANCEL"
    )
    return invited


def _told_removed(
    session: Session, event_ids: Sequence[str] | None, invited: dict[str, set[str]]
) -> set[tuple[str, str]]:
    """(event, person) of those no longer invited who were told so: their last message
    about the event is a CANCEL. Their answer, given before, no longer counts and is not
    listed; ``invited`` is who each event invites now."""
    return {
        (event, person)
        for (event, person), last in last_sent(session, event_ids).items()
        if last.method == "CANCEL" and person not in invited.get(event, set())
    }


def address_key(address: str) -> str:
    """An address in the one form replies are matched in: its domain as the mail goes to
    it (IDNA) and in small letters, its part before the @ casefolded (mail clients and
    servers may change capitals)."""
    local, at, domain = mail_form(address.strip()).rpartition("@")
    if not at:
        return address.strip().casefold()
    return f"{local.casefold()}@{domain.lower()}"


def _corrected_address(session: Session, event: Event, key: str) -> str | None:
    """The address a participant has now, when the ledger shows the event was sent to
    them at the address ``key`` (in :func:`address_key`'s form) before it was corrected:
    nothing more goes to the old address, so an answer from it is not recorded, and the
    refusal says why rather than that it was never invited."""
    sent = session.execute(
        select(SentMessage.recipient_email, Participant.email)
        .join(Participant, Participant.id == SentMessage.participant_id)
        .where(SentMessage.event_id == event.id, SentMessage.recipient_email != "")
        .order_by(SentMessage.sent_at)
    )
    for address, current in sent:
        if address_key(address) == key and address_key(current) != key:
            return str(current)
    return None


def _taken_off(session: Session, event: Event, key: str) -> datetime | None:
    """When the person of the address ``key`` (in :func:`address_key`'s form) was sent
    the cancellation that took them off the event, when their last message about it is
    that cancellation; None otherwise. Their answer is refused saying so, rather than
    that they were never invited."""
    latest: dict[str, tuple[str, datetime, str, str]] = {}
    sent = session.execute(
        select(
            SentMessage.participant_id,
            SentMessage.method,
            SentMessage.sent_at,
            SentMessage.recipient_email,
            Participant.email,
        )
        .join(Participant, Participant.id == SentMessage.participant_id)
        .where(SentMessage.event_id == event.id)
        .order_by(*ledger_order(SentMessage))
    )
    for person, method, sent_at, address, current in sent:
        latest[person] = (method, sent_at, address, current)
    for method, sent_at, address, current in latest.values():
        if method == "CANCEL" and key in (address_key(address), address_key(current)):
            return sent_at
    return None


def _answering(session: Session, reply: ReadReply, event: Event) -> Participant:
    """The invited participant whose address the reply gives, in the one form of
    :func:`address_key` (``hanako@例え.jp`` answers as ``hanako@xn--r8jz45g.jp``, in any
    capitals); never a pattern: ``_`` and ``%`` are letters of an address like any
    other. Two participants invited whose addresses differ only in case: the one written
    exactly so answers; when neither is, nobody can tell which answered, and the reply
    is refused."""
    invited = _invited(session, event)
    key = address_key(reply.email)
    people = session.scalars(
        select(Participant).where(Participant.id.in_(invited)).order_by(Participant.email)
    ).all()
    candidates = [person for person in people if address_key(person.email) == key]
    written = mail_form(reply.email.strip())
    exact = [person for person in candidates if mail_form(person.email) == written]
    if len(exact) == 1:
        return exact[0]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        taken_off = _taken_off(session, event, key)
        if taken_off is not None:
            raise ReplyFileError(
                _(
                    "{source}: {email} was taken off {title} and told so on {day}; the "
                    "answer is not recorded"
                ).format(
                    source=reply.source,
                    email=quoted(reply.email),
                    title=quoted(event.title),
                    day=i18n.day_text(timezones.to_local(taken_off, timezones.TOKYO).date()),
                )
            )
        corrected = _corrected_address(session, event, key)
        if corrected is not None:
            raise ReplyFileError(
                _(
                    "{source}: {email} was invited to {title} at this address, which has "
                    "since been corrected to {corrected}; the answer is not recorded"
                ).format(
                    source=reply.source,
                    email=quoted(reply.email),
                    title=quoted(event.title),
                    corrected=quoted(corrected),
                )
            )
        delegators = _delegators(session, reply, event, key)
        if delegators:
            raise ReplyFileError(_delegate_not_invited(session, reply, event, delegators))
        raise ReplyFileError(
            _("{source}: {email} was not invited to {title}").format(
                source=reply.source, email=quoted(reply.email), title=quoted(event.title)
            )
        )
    raise ReplyFileError(
        _(
            "{source}: {email} could be any of {people}, invited to {title} with addresses "
            "that differ only in capitals; the reply is not recorded"
        ).format(
            source=reply.source,
            email=quoted(reply.email),
            people=", ".join(quoted(f"{person.name} <{person.email}>") for person in candidates),
            title=quoted(event.title),
        )
    )


def _delegators(session: Session, reply: ReadReply, event: Event, key: str) -> list[Participant]:
    """Who passed the event to the address ``key`` (in :func:`address_key`'s form), by
    an answer recorded for the meeting the reply answers: a delegation of the whole event
    passes each of its meetings, one of a meeting that meeting alone (each taken to where
    the series has it now, :func:`_meeting_now`). Their delegate was forwarded the
    invitation and answers it from their own calendar (RFC 5546 section 4.2.5), which
    the event, not inviting them, cannot record; the refusal says whose delegate they
    are, and what to do. Empty for an answer that is none (its own refusal follows once
    the delegate is invited) or for a meeting the event does not hold."""
    if reply.answer not in ANSWERS:
        return []
    delegations = [
        recorded
        for recorded in session.scalars(
            select(Reply).where(Reply.event_id == event.id, Reply.delegated_to.is_not(None))
        )
        if key in {address_key(address) for address in (recorded.delegated_to or "").splitlines()}
    ]
    if not delegations:
        return []
    series_now = recurrence.SeriesTimes(event.start_utc, event.zone, event.recurrence_rule)
    versions = _Versions(session, [event.id])
    meeting = None
    if reply.recurrence_id is not None:
        held = (
            None
            if reply.sequence >= event.sequence
            else _series_moved_since(session, event, reply.sequence)
        )
        try:
            answered = _meeting_answered(reply, event, held)
        except ReplyFileError:
            return []
        meeting = None if answered is None else _meeting_now(held, series_now, answered)
    people = {
        recorded.participant_id
        for recorded in delegations
        if recorded.recurrence_id is None
        or _meeting_now(
            versions.get(event.id, recorded.sequence), series_now, recorded.recurrence_id
        )
        == meeting
    }
    return list(
        session.scalars(
            select(Participant)
            .where(Participant.id.in_(people))
            .order_by(Participant.name, Participant.email)
        )
    )


def _delegate_not_invited(
    session: Session, reply: ReadReply, event: Event, delegators: Sequence[Participant]
) -> str:
    """The refusal of an answer from someone ``delegators`` passed the event to, whom the
    event does not invite: whose delegate they are, and what the coordinator does so the
    same reply is recorded when imported again (add them as a participant, if nobody
    has the address, and invite them)."""
    (delegate,) = _Delegates(session, {}).of(event.id, reply.email)
    facts = {
        "source": reply.source,
        "title": quoted(event.title),
        "answer": answer_label(ANSWERS[reply.answer]),
        "delegator": ", ".join(quoted(f"{person.name} <{person.email}>") for person in delegators),
    }
    if delegate.participant is None:
        return _(
            "{source}: {email} answered {title} ({answer}) as the delegate of {delegator}, "
            "but the event does not invite them, so the answer is not recorded: add this "
            "address as a participant, invite them, then import this reply again"
        ).format(email=quoted(reply.email), **facts)
    return _(
        "{source}: {person} answered {title} ({answer}) as the delegate of {delegator}, "
        "but the event does not invite them, so the answer is not recorded: invite them, "
        "then import this reply again"
    ).format(person=quoted(f"{delegate.participant} <{delegate.email}>"), **facts)


def _told(session: Session, event_ids: Collection[str] | None) -> dict[tuple[str, str], int]:
    """The highest SEQUENCE the ledger shows sent to each person for each event (of
    ``event_ids``; of every event when None), by (event id, person id)."""
    query = select(
        SentMessage.event_id, SentMessage.participant_id, func.max(SentMessage.sequence)
    ).group_by(SentMessage.event_id, SentMessage.participant_id)
    if event_ids is not None:
        query = query.where(SentMessage.event_id.in_(event_ids))
    return {(event, person): sequence for event, person, sequence in session.execute(query)}


def _counts(answered: int, told: int | None, event_sequence: int) -> bool:
    """Whether an answer to version ``answered`` still counts for a person the ledger
    shows was sent version ``told`` at most (None: nothing sent), of an event now at
    ``event_sequence``: see :func:`_latest_sent`."""
    return answered >= (event_sequence if told is None else told)


def _latest_sent(session: Session, event: Event, person: Participant) -> int:
    """The newest version of the event this participant was told of: the highest
    SEQUENCE of the messages the ledger shows were sent to them for it; the event's own
    SEQUENCE when the ledger shows none (they can only hold a calendar file, which gives
    the event as it is).

    A reply is out of date when it answers less than this. The ledger, not the event's
    current SEQUENCE, is the measure: an event moved again but not yet sent to a
    participant still stands, for them, at the version they hold, and their answer to it
    is their answer to everything they were told; holding it against a change nobody
    told them of would throw away every answer between a change and its update. Once the
    update has gone to them, an answer to the version before it answers a time they have
    been told is no longer so."""
    sent = _told(session, [event.id]).get((event.id, person.id))
    return event.sequence if sent is None else sent


class _Versions:
    """The facts each version of each event told, as the ledger keeps them, by (event
    id, SEQUENCE): where the meetings of the version a participant holds stood. One row
    per version is read, and its facts only when asked for."""

    def __init__(self, session: Session, event_ids: Collection[str] | None) -> None:
        query = (
            select(SentMessage.event_id, SentMessage.sequence, func.max(SentMessage.told))
            .where(SentMessage.method == "REQUEST", SentMessage.told != "")
            .group_by(SentMessage.event_id, SentMessage.sequence)
        )
        if event_ids is not None:
            query = query.where(SentMessage.event_id.in_(event_ids))
        self._told = {(event, sequence): told for event, sequence, told in session.execute(query)}
        self._read: dict[tuple[str, int], EventFacts | None] = {}

    def get(self, event_id: str, sequence: int) -> EventFacts | None:
        """The facts version ``sequence`` of the event told; None when none was sent."""
        key = (event_id, sequence)
        if key not in self._read:
            told = self._told.get(key)
            self._read[key] = EventFacts.from_json(told) if told else None
        return self._read[key]


def _series_times(facts: EventFacts) -> recurrence.SeriesTimes:
    """What placed the meetings of a version sent: the follow rule compares it with now."""
    return recurrence.SeriesTimes(facts.start, facts.zone, facts.rule or None)


@lru_cache(maxsize=4096)
def _meeting_now(
    then: EventFacts | None, now: recurrence.SeriesTimes, meeting: datetime
) -> datetime:
    """The meeting of the series now that ``meeting`` of the version ``then`` became: a
    series moved as a whole takes each meeting along by the rule every save applies
    (:func:`recurrence.follow_changes`), so an answer given to the version a participant
    holds is listed where that meeting is now. A meeting with no counterpart keeps its
    name."""
    if then is None:
        return meeting
    before = _series_times(then)
    if (before.start, before.zone, before.rule) == (now.start, now.zone, now.rule):
        return meeting
    try:
        followed = recurrence.follow_changes(before, now, [recurrence.OccurrenceChange(meeting)])
    except (recurrence.RecurrenceError, ValueError, LookupError, OverflowError):
        return meeting
    return recurrence.followed_meetings(followed).get(meeting, meeting)


def _held_version(
    session: Session, reply: ReadReply, event: Event, person: Participant
) -> EventFacts | None:
    """The facts of the version the reply answers, as the ledger shows it was sent, when
    the series has moved since and that version is still the newest the participant
    was sent (an answer to it still counts); None when the reply answers the series as
    it is."""
    if reply.sequence >= event.sequence or reply.sequence < _latest_sent(session, event, person):
        return None
    return _series_moved_since(session, event, reply.sequence)


def _series_moved_since(session: Session, event: Event, sequence: int) -> EventFacts | None:
    """The facts of version ``sequence`` of a series, as the ledger shows it was sent,
    when the series has moved since; None when that version placed its meetings as the
    series does now (or none was sent)."""
    facts = _Versions(session, [event.id]).get(event.id, sequence)
    if facts is None or not facts.rule:
        return None
    if (facts.start, facts.zone, facts.rule) == (
        event.start_utc,
        event.zone,
        event.recurrence_rule or "",
    ):
        return None
    return facts


def _meeting_answered(
    reply: ReadReply, event: Event, held: EventFacts | None = None
) -> datetime | None:
    """The meeting a reply answers (its RECURRENCE-ID in UTC; None for the whole event),
    refused unless the event is held and the series holds that meeting, not cancelled:
    an answer to a meeting nobody was invited to would show among the answers. With
    ``held``, the version the participant holds of a series moved since and not yet sent
    to them, the meeting is looked for there (RFC 5546 2.1.5: their answer is to the
    version they hold)."""
    if event.is_cancelled:
        raise ReplyFileError(
            _("{source}: {title} is cancelled; the answer is not recorded").format(
                source=reply.source, title=quoted(event.title)
            )
        )
    if reply.recurrence_id is None:
        return None
    zone = held.zone if held is not None else event.zone
    found = _utc(reply.recurrence_id, zone)
    if not isinstance(found, datetime):  # a series of whole days names a meeting by its day
        first = timezones.to_local(held.start, zone) if held is not None else event.start_local
        found = recurrence.rfc_instant(datetime.combine(found, first.time()), zone)
    when = _meeting_label(found)
    if found not in _series_meetings(event, held):
        raise ReplyFileError(
            _("{source}: {title} has no meeting on {when}; the answer is not recorded").format(
                source=reply.source, title=quoted(event.title), when=when
            )
        )
    if not _still_held(event, held, [found]):
        raise ReplyFileError(
            _(
                "{source}: the meeting of {title} on {when} is cancelled; the answer is not "
                "recorded"
            ).format(source=reply.source, title=quoted(event.title), when=when)
        )
    return found


def _series_meetings(event: Event, held: EventFacts | None) -> frozenset[datetime]:
    """The meetings the series gives, by the start its rule gives each: the rule of the
    version ``held`` (the one the participant holds, moved since), or of the series now
    when None."""
    if held is not None:
        return recurrence.meeting_ids(held.start, held.zone, held.rule)
    return recurrence.meeting_ids(event.start_utc, event.zone, event.recurrence_rule)


def _still_held(
    event: Event, held: EventFacts | None, meetings: Iterable[datetime]
) -> list[datetime]:
    """Those of ``meetings`` (of the version ``held``, or of the series now when None)
    that nobody has cancelled, in order: cancelled in the version the participant holds,
    or since, nobody meets then."""
    if held is None:
        taking_place = {occurrence.recurrence_id for occurrence in event.occurrences()}
        return sorted(meeting for meeting in meetings if meeting in taking_place)
    series_now = recurrence.SeriesTimes(event.start_utc, event.zone, event.recurrence_rule)
    cancelled_now = {change.recurrence_id for change in event.changes if change.cancelled}
    return sorted(
        meeting
        for meeting in meetings
        if meeting not in held.cancelled
        and _meeting_now(held, series_now, meeting) not in cancelled_now
    )


def _meetings_answered(
    reply: ReadReply, event: Event, held: EventFacts | None, first: datetime | None
) -> list[datetime | None]:
    """Each meeting an answer holds for, ``first`` being the one it names
    (:func:`_meeting_answered`; None for the whole event): that one alone, or with
    ``RANGE=THISANDFUTURE`` that one and every later meeting of the series not cancelled
    (RFC 5546 section 3.2.3). Each is recorded as the participant's answer to it, as if
    they had answered each in turn, so the lists show it for every meeting it holds for,
    and a later answer to one of them replaces it there alone."""
    if first is None or not reply.this_and_future:
        return [first]
    later = [meeting for meeting in _series_meetings(event, held) if meeting > first]
    return [first, *_still_held(event, held, later)]


def _meeting_label(instant: datetime) -> str:
    """A meeting as the replies name it: its day and time in Tokyo."""
    return _("{when}, Tokyo").format(when=_clock_text(instant))


def _known_answer(
    session: Session,
    event: Event,
    person: Participant,
    meeting: datetime | None,
    series_now: recurrence.SeriesTimes,
) -> Reply | None:
    """The answer already recorded from this person for this meeting of the series now
    (None: for the whole event), each recorded answer taken to the meeting it is now
    (:func:`_meeting_now`): one answered before the series moved is the same meeting's."""
    recorded = session.scalars(
        select(Reply).where(Reply.event_id == event.id, Reply.participant_id == person.id)
    ).all()
    if meeting is None:
        return next((known for known in recorded if known.recurrence_id is None), None)
    versions = _Versions(session, [event.id])
    return next(
        (
            known
            for known in recorded
            if known.recurrence_id is not None
            and _meeting_now(
                versions.get(event.id, known.sequence), series_now, known.recurrence_id
            )
            == meeting
        ),
        None,
    )


def _record(session: Session, reply: ReadReply) -> list[RecordedReply | str]:
    """Apply one answer, to each meeting it holds for (:func:`_meetings_answered`), or
    raise :class:`ReplyFileError` saying why it is refused; an answer to an out-of-date
    version is not applied and gives the line saying so, as does an answer to a meeting
    older than the one recorded for it."""
    event = session.scalars(select(Event).where(Event.uid == reply.uid)).one_or_none()
    if event is None:
        raise ReplyFileError(
            _("{source}: no event has the UID {uid}").format(
                source=reply.source, uid=quoted(reply.uid)
            )
        )
    person = _answering(session, reply, event)
    if reply.answer not in ANSWERS:
        raise ReplyFileError(
            _(
                "{source}: {answer} is not an answer (accepted, tentative, declined or delegated)"
            ).format(source=reply.source, answer=quoted(reply.answer or "no PARTSTAT"))
        )
    held = _held_version(session, reply, event, person)
    latest = _latest_sent(session, event, person)
    # An answer to a version since updated says so first: the meeting it names may be
    # one that version had and the series has no longer.
    if reply.sequence < latest:
        return [
            _(
                "{source}: {email} answered an out-of-date invitation to {title} (SEQUENCE "
                "{theirs}; the latest is {latest}); the answer is not recorded"
            ).format(
                source=reply.source,
                email=quoted(reply.email),
                title=quoted(event.title),
                theirs=reply.sequence,
                latest=latest,
            )
        ]
    meeting = _meeting_answered(reply, event, held)
    series_now = recurrence.SeriesTimes(event.start_utc, event.zone, event.recurrence_rule)
    moved = {
        occurrence.recurrence_id: occurrence.start
        for occurrence in event.occurrences()
        if occurrence.moved
    }
    delegates = _Delegates(session, recipients_by_event(session, [event.id])).of(
        event.id, _stored_delegates(reply.delegated_to)
    )

    def apply(meeting: datetime | None) -> RecordedReply | str:
        """The answer applied to one meeting (None: the whole event)."""
        meeting_now = None if meeting is None else _meeting_now(held, series_now, meeting)
        known = _known_answer(session, event, person, meeting_now, series_now)
        if known is None:
            session.add(
                Reply(
                    participant_id=person.id,
                    event_id=event.id,
                    recurrence_id=meeting,
                    answer=reply.answer,
                    delegated_to=_stored_delegates(reply.delegated_to),
                    replied_at=reply.replied_at,
                    sequence=reply.sequence,
                )
            )
        elif (reply.sequence, reply.replied_at) >= (known.sequence, known.replied_at):
            known.recurrence_id = meeting
            known.answer = reply.answer
            known.delegated_to = _stored_delegates(reply.delegated_to)
            known.replied_at = reply.replied_at
            known.sequence = reply.sequence
        else:
            return _later_answer_kept(reply, event, known, meeting_now)
        return RecordedReply(
            person.name,
            person.email,
            event.title,
            event.uid,
            meeting_now,
            ANSWERS[reply.answer],
            moved.get(meeting_now) if meeting_now is not None else None,
            delegates,
            bool(event.recurrence_rule),
        )

    return [apply(answered) for answered in _meetings_answered(reply, event, held, meeting)]


def _later_answer_kept(
    reply: ReadReply, event: Event, known: Reply, meeting: datetime | None
) -> str:
    """The line of an answer older than the one recorded for the same event or meeting,
    which changes nothing: naming the meeting, since one answer may hold for several
    (``RANGE=THISANDFUTURE``) and meet a later answer at some of them alone."""
    facts = {
        "source": reply.source,
        "email": quoted(reply.email),
        "title": quoted(event.title),
        "answer": answer_label(ANSWERS[known.answer]),
    }
    if meeting is None:
        return _(
            "{source}: {email} answered {title} later ({answer}); this earlier answer is "
            "not recorded"
        ).format(**facts)
    return _(
        "{source}: {email} answered the meeting of {title} on {when} later ({answer}); "
        "this earlier answer is not recorded"
    ).format(when=_meeting_label(meeting), **facts)


def _stored_delegates(addresses: Sequence[str]) -> str | None:
    """The addresses of a delegated answer as :attr:`Reply.delegated_to` keeps them, one
    a line; None for an answer not delegated."""
    return "\n".join(addresses) if addresses else None


class _Delegates:
    """Who each delegated answer passed the invitation to, as the program knows them
    now: the participant with that address (in :func:`address_key`'s form), and whether
    the event invites them (``invited``: who each event invites, by id). Read when a
    list is, so a delegate added and invited since shows so."""

    def __init__(self, session: Session, invited: dict[str, set[str]]) -> None:
        self._session = session
        self._invited = invited
        self._people: dict[str, tuple[str, str, str]] | None = None

    def _by_address(self) -> dict[str, tuple[str, str, str]]:
        if self._people is None:
            self._people = {}
            query = select(Participant.id, Participant.name, Participant.email).order_by(
                Participant.name, Participant.email
            )
            for person, name, address in self._session.execute(query):
                self._people.setdefault(address_key(address), (person, name, address))
        return self._people

    def of(self, event_id: str, stored: str | None) -> tuple[Delegate, ...]:
        """The delegates of an answer to the event, from :attr:`Reply.delegated_to`."""
        if not stored:
            return ()
        found = []
        for address in stored.splitlines():
            known = self._by_address().get(address_key(address))
            if known is None:
                found.append(Delegate(address))
            else:
                person, name, their_address = known
                invited = person in self._invited.get(event_id, set())
                found.append(Delegate(their_address, name, invited))
        return tuple(found)


def import_replies(database: Database, paths: Iterable[Path]) -> ImportReport:
    """Record the answers of these files (and folders); each file all or nothing, one
    that cannot be read or recorded refused in one line and the others read on, as is
    a folder that cannot be listed. Refused as a whole
    (:class:`services.access.ReadOnlyError`) when this login may not change the
    program."""
    refuse_read_only(database)
    report = ImportReport()
    for named in paths:
        try:
            files = _files_named(named)
        except ReplyFileError as refusal:
            report.refused.append(str(refusal))
            continue
        for path in files:
            _import_file(database, path, report)
    return report


def _import_file(database: Database, path: Path, report: ImportReport) -> None:
    """Record the answers of one file, in one transaction, into ``report``: or, whatever
    stops it (a reply that breaks a rule, the database refusing the write, the system
    refusing to read what the file names), nothing of it and one line saying why, so
    that a file refused never keeps the import from the files after it, nor from
    saying what it recorded before."""
    try:
        replies = read_replies(path)
        # Alone on the replies: an answer is looked for, then added or replaced, and
        # a colleague recording the same person's answer at once would add a second.
        with database.transaction(alone_on=Reply.__tablename__) as session:
            applied = [outcome for reply in replies for outcome in _record(session, reply)]
    except ReplyFileError as refusal:
        report.refused.append(str(refusal))
        return
    except StoreError as failure:  # locked, full, gone: this file, and the rest read on
        report.refused.append(
            _("{source}: not recorded: {reason}").format(source=_shown_path(path), reason=failure)
        )
        return
    except OSError as error:  # the system refused what the file names, as it was read
        report.refused.append(
            _("{path}: cannot be read ({reason})").format(
                path=_shown_path(path), reason=system_reason(error)
            )
        )
        return
    for outcome in applied:
        if isinstance(outcome, str):
            report.refused.append(outcome)
        else:
            report.recorded.append(outcome)


# -- reading the attendance ----------------------------------------------------------


def _moves(
    session: Session, event_ids: Sequence[str] | None
) -> dict[tuple[str, datetime], datetime]:
    """Where each moved meeting is now, by (event id, the start its rule gives it)."""
    query = select(
        OccurrenceOverride.event_id, OccurrenceOverride.recurrence_id, OccurrenceOverride.start_utc
    ).where(OccurrenceOverride.cancelled.is_(False), OccurrenceOverride.start_utc.is_not(None))
    if event_ids is not None:
        query = query.where(OccurrenceOverride.event_id.in_(event_ids))
    return {
        (event, rid): start for event, rid, start in session.execute(query) if start is not None
    }


def _not_held(
    session: Session, event_ids: Sequence[str] | None
) -> tuple[frozenset[str], set[tuple[str, datetime]]]:
    """What is not held: the events called off (:func:`model.event.called_off`, the one
    rule: cancelled, or a session of a cancelled conference) and the meetings cancelled,
    by (event id, the start its rule gives it)."""
    query = select(OccurrenceOverride.event_id, OccurrenceOverride.recurrence_id).where(
        OccurrenceOverride.cancelled.is_(True)
    )
    if event_ids is not None:
        query = query.where(OccurrenceOverride.event_id.in_(event_ids))
    return called_off(session), {(event, rid) for event, rid in session.execute(query)}


def _where_it_was(facts: EventFacts | None, meeting: datetime) -> datetime | None:
    """Where the version answered had moved ``meeting`` to (None: it had not), for a
    meeting cancelled since, which keeps no time of its own."""
    if facts is None:
        return None
    return next((start for rid, start, _end in facts.moved if rid == meeting), None)


def answered_for(row: Attendance | RecordedReply) -> str:
    """What an answer is for, in the one wording of every list that shows answers (the
    Replies window's column, the event and delegation dialogs' tables, ``replies list``
    and ``replies import``): "every meeting" for an answer to a whole series; one
    meeting by its time on Tokyo's clock, where it is now, and where the series' rule
    put it when it was moved (``meeting of Thu 20 May 2027 17:00, Tokyo, moved from Wed
    19 May 2027 17:00``, no brackets, so that it sits in a line's own brackets); nothing
    for a one-off event, which has no meetings to tell apart."""
    if row.meeting is None:
        return _("every meeting") if row.every_meeting else ""
    if row.moved_to is None or row.moved_to == row.meeting:
        return _("meeting of {when}, Tokyo").format(when=_clock_text(row.meeting))
    return _("meeting of {when}, Tokyo, moved from {original}").format(
        when=_clock_text(row.moved_to), original=_clock_text(row.meeting)
    )


def title_and_answered_for(row: Attendance | RecordedReply) -> str:
    """The event an answer is for with what of it (:func:`answered_for`) in brackets,
    where one line or one cell holds both: ``Workshop (every meeting)``, ``Workshop
    (meeting of Thu 20 May 2027 17:00, Tokyo, moved from Wed 19 May 2027 17:00)``, the
    title alone for a one-off event. ``replies list`` begins each line with it, the
    delegation dialog's table shows it beside each member; the Replies window, which
    gives the title a column of its own, shows the same two parts side by side. Without
    the part in brackets, an answer to a whole series read like a second, contradicting
    answer beside one to a meeting of it."""
    what = answered_for(row)
    if not what:
        return row.title
    return _("{title} ({answered_for})").format(title=row.title, answered_for=what)


def _clock_text(instant: datetime) -> str:
    local = timezones.to_local(instant, timezones.TOKYO)
    return f"{i18n.day_text(local.date())} {local:%H:%M}"


@dataclass(frozen=True, slots=True)
class Attendance:
    participant: str
    email: str
    delegation: str
    title: str
    event_uid: str
    meeting: datetime | None
    """The meeting of a series answered for; None for the whole event."""
    answer: str
    """``accepted``, ``tentative``, ``declined`` or ``no answer``."""
    earlier: str | None = None
    """The answer given to a version before the latest the person was sent, which no
    longer counts (``answer`` is then ``no answer``); None otherwise."""
    moved_to: datetime | None = None
    """Where the meeting answered for is now, when it was moved (for one cancelled
    since, where the version answered had moved it); None otherwise."""
    cancelled_since: str | None = None
    """``event`` or ``meeting`` when what was answered is no longer held (the event or
    the meeting cancelled after the answer, :mod:`cpp_scheduler.model.called_off`): the
    answer is kept as history but stands for nothing; None when it is held."""
    series: bool = False
    """Whether the event is a series: only then does an answer to the whole event
    answer for its every meeting."""
    delegates: tuple[Delegate, ...] = ()
    """Whom the person passed the invitation to, when the answer (``answer``, or
    ``earlier`` for one given before an update) is ``delegated``; empty otherwise."""

    @property
    def label(self) -> str:
        """The answer as ``replies list`` and the window's lists word it."""
        return answer_label(self.answer, self.earlier, self.cancelled_since, self.delegates)

    @property
    def every_meeting(self) -> bool:
        """Whether the answer covers every meeting of a series: given to the whole of
        one, not to one of its meetings (``meeting``) nor to a one-off event, which has
        no meetings to tell apart (:func:`covers_every_meeting`). The lists say so in
        words ("every meeting", :func:`answered_for`), ``replies list --json`` as
        ``every_meeting``."""
        return covers_every_meeting(self.meeting, self.series)

    @property
    def stands(self) -> bool:
        """Whether the answer still counts: given to the version the person holds, for
        an event and meeting still held."""
        return self.answer != NO_ANSWER and self.cancelled_since is None

    def as_json(self) -> dict[str, object]:
        return {
            "participant": self.participant,
            "email": self.email,
            "delegation": self.delegation,
            "event": self.event_uid,
            "title": self.title,
            "meeting": self.meeting.isoformat() if self.meeting else None,
            "every_meeting": self.every_meeting,
            "moved_to": self.moved_to.isoformat() if self.moved_to else None,
            "answer": self.answer,
            "earlier_answer": self.earlier,
            "delegated_to": [delegate.as_json() for delegate in self.delegates],
            "cancelled_since": self.cancelled_since,
        }


def _answer_now(
    answer: str, answered: int, told: int | None, event_sequence: int
) -> tuple[str, str | None]:
    """(the answer that counts, the one given before an update) of a recorded reply."""
    if _counts(answered, told, event_sequence):
        return ANSWERS[answer], None
    return NO_ANSWER, ANSWERS[answer]


def attendance(
    database: Database, *, event_uid: str | None = None, delegation: str | None = None
) -> list[Attendance]:
    """Who answered what, by event and participant (of one event or delegation): every
    answer recorded, those to an event or meeting cancelled since among them, marked so
    (:attr:`Attendance.cancelled_since`)."""
    with database.reading() as session:
        query = (
            select(
                Participant.name,
                Participant.email,
                Delegation.name,
                Event.title,
                Event.uid,
                Reply.recurrence_id,
                Reply.answer,
                Event.start_utc,
                Reply.sequence,
                Event.sequence,
                Reply.event_id,
                Reply.participant_id,
                Event.zone,
                Event.recurrence_rule,
                Reply.replied_at,
                Reply.delegated_to,
            )
            .join(Participant, Participant.id == Reply.participant_id)
            .join(Event, Event.id == Reply.event_id)
            .outerjoin(Delegation, Delegation.id == Participant.delegation_id)
        )
        if event_uid is not None:
            query = query.where(Event.uid == event_uid)
        if delegation is not None:
            query = query.where(Delegation.name == delegation)
        rows = session.execute(query).all()
        chosen = sorted({row[10] for row in rows}) if event_uid else None
        told = _told(session, chosen)
        invited_now = recipients_by_event(session, chosen)
        removed = _told_removed(session, chosen, invited_now)
        finder = _Delegates(session, invited_now)
        named = {(row[10], row[15]): finder.of(row[10], row[15]) for row in rows if row[15]}
        moves = _moves(session, chosen)
        versions = _Versions(session, chosen)
        off_events, off_meetings = _not_held(session, chosen)
    newest: dict[tuple[str, str, datetime | None], tuple[Any, datetime | None]] = {}
    for row in rows:
        event, person, meeting, answered = row[10], row[11], row[5], row[8]
        if meeting is not None:
            series_now = recurrence.SeriesTimes(row[7], row[12], row[13])
            meeting = _meeting_now(versions.get(event, answered), series_now, meeting)
        key = (event, person, meeting)
        held = newest.get(key)
        if held is None or (answered, row[14]) >= (held[0][8], held[0][14]):
            newest[key] = (row, meeting)
    found = []
    for row, meeting in sorted(
        newest.values(),
        key=lambda item: (item[0][7], item[0][4], item[1] or item[0][7], item[0][0]),
    ):
        name, email_address, group, title, uid, _, answer, _, answered, now, event, person = row[
            :12
        ]
        if (event, person) in removed:
            continue
        current, earlier = _answer_now(answer, answered, told.get((event, person)), now)
        moved_to = moves.get((event, meeting)) if meeting is not None else None
        cancelled_since = None
        if event in off_events:
            cancelled_since = "event"
        elif meeting is not None and (event, meeting) in off_meetings:
            cancelled_since = "meeting"
            if meeting == row[5]:  # the series has not moved since: its move then holds
                moved_to = _where_it_was(versions.get(event, answered), meeting)
        found.append(
            Attendance(
                name,
                email_address,
                group or "",
                title,
                uid,
                meeting,
                current,
                earlier,
                moved_to,
                cancelled_since,
                bool(row[13]),
                named.get((event, row[15]), ()),
            )
        )
    return found


# -- every invited person's answer ---------------------------------------------------

NO_ANSWER = "no answer"
"""What an invited person who has not replied (to this event or meeting) shows."""

ANSWER_ORDER = ("accepted", "tentative", "declined", DELEGATED, NO_ANSWER)
"""Every answer a list shows, in the order counts give them: :func:`answer_counts`
counts each, and the windows' count lines name each."""

_ANSWER_LABELS = {
    "accepted": N_("accepted"),
    "tentative": N_("tentative"),
    "declined": N_("declined"),
    DELEGATED: N_("delegated"),
    NO_ANSWER: N_("no answer"),
}


def answer_label(
    answer: str,
    earlier: str | None = None,
    cancelled_since: str | None = None,
    delegates: Sequence[Delegate] = (),
) -> str:
    """An answer as a list shows it, in the program's language (the JSON keeps the word),
    with the one given before an update that no longer counts (``earlier``), and what
    was cancelled after it was given (``cancelled_since``: ``event`` or ``meeting``). A
    delegated answer names its ``delegates``, and whom of them to invite."""
    if answer == DELEGATED and delegates:
        label = _("delegated to {delegates}").format(delegates=delegates_text(delegates))
    else:
        label = _(_ANSWER_LABELS[answer]) if answer in _ANSWER_LABELS else answer
    if earlier is not None:
        label = _("{answer} ({earlier} before the update)").format(
            answer=label, earlier=answer_label(earlier, delegates=delegates)
        )
    if cancelled_since == "event":
        return _("{answer}; the event was cancelled since").format(answer=label)
    if cancelled_since == "meeting":
        return _("{answer}; the meeting was cancelled since").format(answer=label)
    return label


def row_answer(row: Attendance) -> str:
    """A row's answer as ``replies list`` and the window's lists word it."""
    return row.label


_Given = tuple[str, str | None, tuple[Delegate, ...]]
"""An answer as a list gives it: the answer that counts, the one given before an update
that no longer counts, whom it was delegated to."""


def invited_answers(
    database: Database,
    *,
    event_id: str | None = None,
    event_uid: str | None = None,
    delegation: str | None = None,
) -> list[Attendance]:
    """Each person an event invites with their answer, ``no answer`` when they have none
    yet: one row per person for the whole event, and one more for each meeting of a
    series they answered on its own. For a delegation, its members on every event that
    invites them. An event or meeting not held (cancelled, or cancelled since the
    answer) invites nobody: it is left out, its answers with it (:func:`attendance`
    keeps them). What the event dialog, the delegation dialog, the Replies window's
    "who has not answered" and ``replies list --invited`` show."""
    with database.reading() as session:
        events = select(
            Event.id,
            Event.title,
            Event.uid,
            Event.start_utc,
            Event.sequence,
            Event.zone,
            Event.recurrence_rule,
        )
        if event_id is not None:
            events = events.where(Event.id == event_id)
        if event_uid is not None:
            events = events.where(Event.uid == event_uid)
        off_events = called_off(session)
        listed = {row[0]: row for row in session.execute(events) if row[0] not in off_events}
        chosen = list(listed) if event_id is not None or event_uid is not None else None
        invited = recipients_by_event(session, chosen)
        people_query = select(
            Participant.id, Participant.name, Participant.email, Delegation.name
        ).outerjoin(Delegation, Delegation.id == Participant.delegation_id)
        if delegation is not None:
            people_query = people_query.where(Delegation.name == delegation)
        people = {row[0]: row for row in session.execute(people_query)}
        replies_query = select(
            Reply.event_id,
            Reply.participant_id,
            Reply.recurrence_id,
            Reply.answer,
            Reply.sequence,
            Reply.replied_at,
            Reply.delegated_to,
        ).order_by(Reply.sequence, Reply.replied_at)
        if chosen is not None:
            replies_query = replies_query.where(Reply.event_id.in_(chosen))
        answers = list(session.execute(replies_query))
        finder = _Delegates(session, {event: set(people) for event, people in invited.items()})
        named = {(row[0], row[6]): finder.of(row[0], row[6]) for row in answers if row[6]}
        told = _told(session, chosen)
        removed = _told_removed(session, chosen, invited)
        moves = _moves(session, chosen)
        versions = _Versions(session, chosen)
        _off, off_meetings = _not_held(session, chosen)
    whole: dict[tuple[str, str], _Given] = {}
    # Read oldest first: a newer answer to a meeting the series took along replaces the
    # one given before it moved.
    meetings: dict[tuple[str, str, datetime], _Given] = {}
    for event, person, meeting, answer, answered, _replied, stored in answers:
        if event not in listed or (event, person) in removed:
            continue
        now = (
            *_answer_now(answer, answered, told.get((event, person)), listed[event][4]),
            named.get((event, stored or ""), ()),
        )
        if meeting is None:
            whole[(event, person)] = now
        else:
            _, _, _, start, _, zone, rule = listed[event]
            series_now = recurrence.SeriesTimes(start, zone, rule)
            meeting = _meeting_now(versions.get(event, answered), series_now, meeting)
            if (event, meeting) in off_meetings:
                continue
            meetings[(event, person, meeting)] = now
            invited.setdefault(event, set()).add(person)
    for event, person in whole:
        invited.setdefault(event, set()).add(person)
    rows: list[tuple[tuple[object, ...], Attendance]] = []

    def add(event: str, person: str, meeting: datetime | None, now: _Given) -> None:
        if event not in listed or person not in people:
            return
        _, title, uid, start, _sequence, _zone, rule = listed[event]
        _, name, address, group = people[person]
        key = (start, uid, meeting or start, name.casefold(), address)
        moved = moves.get((event, meeting)) if meeting is not None else None
        answer, earlier, delegates = now
        shown = Attendance(
            name, address, group or "", title, uid, meeting, answer, earlier, moved, None,
            bool(rule), delegates,
        )  # fmt: skip
        rows.append((key, shown))

    for event, persons in invited.items():
        for person in persons:
            add(event, person, None, whole.get((event, person), (NO_ANSWER, None, ())))
    for (event, person, meeting), now in meetings.items():
        add(event, person, meeting, now)
    return [row for _, row in sorted(rows, key=lambda item: item[0])]


@dataclass(frozen=True)
class AnswerListing:
    """The rows ``replies list`` prints and the Replies window shows, and the line that
    sums them up (:func:`answers_summary`), worked out together so that neither can sum
    up the rows without knowing whether the event is held."""

    rows: list[Attendance]
    summary: str


def listed_answers(
    database: Database,
    *,
    event_uid: str | None = None,
    delegation: str | None = None,
    invited: bool = False,
) -> AnswerListing:
    """The answers of the whole program, one event or one delegation's members: every
    answer recorded (:func:`attendance`), or with ``invited`` every person invited to
    what is held, "no answer" for those who have not replied (:func:`invited_answers`);
    with the line that sums them up."""
    held = event_uid is None or event_held(database, event_uid)  # refuses an unknown event
    if delegation is not None:
        _check_delegation(database, delegation)
    if invited:
        rows = invited_answers(database, event_uid=event_uid, delegation=delegation)
    else:
        rows = attendance(database, event_uid=event_uid, delegation=delegation)
    return AnswerListing(rows, answers_summary(rows, invited=invited, held=held))


def _check_delegation(database: Database, name: str) -> None:
    """Refuse a delegation the program does not hold, as an unknown event is refused:
    "No answers recorded." would say of a mistyped name that nobody answered."""
    with database.session() as session:
        found = session.scalars(select(Delegation.id).where(Delegation.name == name)).first()
    if found is None:
        raise NotFoundError(_("no delegation is called '{name}'").format(name=printable(name)))


def answer_counts(rows: Iterable[Attendance]) -> dict[str, int]:
    """How many rows give each answer, in the order answers are shown (none left out);
    an answer to what was cancelled since counts for nothing."""
    counts = dict.fromkeys(ANSWER_ORDER, 0)
    for row in rows:
        if row.cancelled_since is None:
            counts[row.answer] += 1
    return counts


_ANSWER_COUNTS = {
    "accepted": N_("{count} accepted"),
    "tentative": N_("{count} tentative"),
    "declined": N_("{count} declined"),
    DELEGATED: N_("{count} delegated"),
    NO_ANSWER: N_("{count} no answer"),
}


def answers_summary(rows: Sequence[Attendance], *, invited: bool, held: bool) -> str:
    """What ``rows`` come to, as the event and delegation dialogs, the Replies window and
    ``replies list`` sum them up. Of every person ``invited`` (:func:`invited_answers`):
    "3 accepted, 1 declined, 2 no answer", no answer counted zero; an event not ``held``
    (cancelled, or a session of a cancelled conference) asks nobody for an answer,
    whoever was invited before. Of the answers recorded (:func:`attendance`): how many,
    and how many still stand (not given before an update, nor to what is cancelled)."""
    if invited:
        if not held:
            return _("It is cancelled: nobody is asked for an answer.")
        if not rows:
            return _("Nobody is invited yet.")
        return ", ".join(
            _(_ANSWER_COUNTS[answer]).format(count=count)
            for answer, count in answer_counts(rows).items()
            if count
        )
    if not rows:
        return _("No answers recorded.")
    return _("Answers recorded: {recorded}; still standing: {standing}.").format(
        recorded=len(rows), standing=sum(1 for row in rows if row.stands)
    )


def event_held(database: Database, uid_or_id: str) -> bool:
    """Whether the event is held: not cancelled, nor a session of a cancelled conference."""
    with database.session() as session:
        return not find_event(session, uid_or_id).is_cancelled


@dataclass(frozen=True, slots=True)
class AnsweredEvent:
    """An event invitations went out for, as the Replies window's scope list names it."""

    uid: str
    title: str
    day: str
    """Its first day, on Tokyo's clock: an all-day event's own first date, as the
    calendar places it (:func:`~cpp_scheduler.model.event_filter.meeting_days`)."""

    @property
    def label(self) -> str:
        """The event as the Replies window's list and ``replies events`` name it."""
        return _("{title} ({day})").format(title=self.title, day=self.day)

    def as_json(self) -> dict[str, str]:
        return {"uid": self.uid, "title": self.title, "day": self.day, "label": self.label}


def answered_events(database: Database) -> list[AnsweredEvent]:
    """The events the ledger shows invitations were sent for, or answers recorded to,
    by start: the ones whose answers there are to read, one at a time."""
    with database.session() as session:
        sent = select(SentMessage.event_id)
        answered = select(Reply.event_id)
        rows = session.execute(
            select(
                Event.uid, Event.title, Event.start_utc, Event.end_utc, Event.zone, Event.all_day
            )
            .where(Event.id.in_(sent) | Event.id.in_(answered))
            .order_by(Event.start_utc, Event.title)
        ).all()
    return [
        AnsweredEvent(
            uid,
            title,
            i18n.day_text(
                meeting_days(start, end, zone, all_day=all_day, clock=timezones.TOKYO)[0]
            ),
        )
        for uid, title, start, end, zone, all_day in rows
    ]
