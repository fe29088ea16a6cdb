"""One email per recipient and event: an invitation Outlook, Gmail, Apple Mail and
Thunderbird show with Accept and Decline.

The structure follows RFC 6047 (iMIP) and what Exchange writes itself (MS-OXCMAIL
2.1.3.3.8): ``multipart/mixed`` holding a ``multipart/alternative`` of text/plain,
text/html and ``text/calendar; method=REQUEST; charset=UTF-8``, then the same calendar
as an ``invite.ics`` attachment for clients that only offer attachments. The ``method``
parameter repeats the calendar's METHOD (RFC 5545 section 8.1 requires them equal), and
From is the calendar's ORGANIZER, or Outlook shows the invitation as sent on someone
else's behalf and answers to the wrong address.

The calendar is the one the calendar export writes for that participant alone
(:func:`cpp_scheduler.ical.scopes.participant_schedule`): their own ATTENDEE line with
RSVP=TRUE and the organiser, nobody else's address. Header values pass through
:func:`one_line` before the standard library, so no title or name can add a header.

Names and titles beyond ASCII go out as RFC 2047 encoded words of at most 75 characters
each (section 2), a long one split into several that each hold whole characters:
:class:`email.header.Header` encodes and splits them and folds the lines. An ASCII name
that needs quotes (a comma, a period, parentheses) is quoted when the address fits on
one line with it; a longer one is never folded inside its quotes: its words go as they
are, those holding such characters as encoded words (section 5), and it folds between
words. The folding of the ``email.headerregistry`` policies is not used: Python 3.11's
writes encoded words longer than 75 characters, drops the space between two words of a
title that mixes Japanese and English, and can cut an encoded word of an address in two,
which no reader decodes.

Addresses go on the wire in ASCII, never inside an encoded word (RFC 2047 section 5): a
domain with letters beyond ASCII in its IDNA form (``hanako@xn--r8jz45g.jp``), in the
headers and in the SMTP envelope, which each message carries
(:class:`~cpp_scheduler.mail.transports.Envelope`): the server is told the addresses
themselves, never what a reader makes of the headers. An address whose part before the
@ is beyond ASCII can only be sent with SMTPUTF8 (RFC 6531), which the program does not
use: its message is built but marked :attr:`Invitation.unsendable`, and the batch
refuses that recipient alone, as a server refusing them would.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.charset import Charset
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime, formataddr, make_msgid

import icalendar

from cpp_scheduler import i18n, timezones
from cpp_scheduler.documents.markup import split_address
from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import (
    EventRenderings,
    ExportOptions,
    Method,
    Organizer,
    all_day_line,
    attendee,
    build_calendars,
    export_bytes,
    local_time_lines,
    serialize,
)
from cpp_scheduler.ical.text import one_line
from cpp_scheduler.mail.transports import Envelope, set_envelope
from cpp_scheduler.model import Event, EventMode, EventStatus, Participant
from cpp_scheduler.scheduling.inputs import japan_day

MESSAGE_ID_DOMAIN = "cpp-scheduler.tdlc.invalid"
"""The right-hand side of every Message-ID: never the machine's own name."""
ATTACHMENT_NAME = "invite.ics"
UNINVITED = N_("No longer invited: {title}")
"""The subject and first line of the cancellation for someone taken off an event that
goes on for the others."""


WIRE = compat32.clone(linesep="\r\n")
"""How messages are written: headers kept as set (every value passes through
:func:`~cpp_scheduler.ical.text.one_line`, names and titles are folded as they are set),
lines ending in CRLF as on the wire."""

LINE_LENGTH = 76
"""The longest line of a folded name or title. RFC 5322 allows 78, but a continuation
line is one space and then an encoded word as long as the line allows: at 76 every
encoded word stays within RFC 2047's 75 characters."""

ENCODED_WORD_LENGTH = 75
"""The longest encoded word (RFC 2047 section 2)."""

_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+")
"""A word a name holds as it is, without quotes (RFC 5322 section 3.2.3, atext)."""


def batch_renderings(sender: Organizer | None, stamp: datetime) -> EventRenderings:
    """What a batch of invitations of one stamp shares while building its calendars;
    ``sender`` signs for events that name no organiser (None: the batch has none)."""
    return EventRenderings(ExportOptions(method=Method.REQUEST, stamp=stamp, organizer=sender))


@dataclass(frozen=True, slots=True)
class Invitation:
    """One message to one recipient about one event, and what it told them."""

    recipient_id: str
    recipient_email: str
    event_id: str
    event_uid: str
    sequence: int
    method: Method
    digest: str
    """SHA-256 of the calendar the recipient gets, its DTSTAMP left out and its
    addresses without capitals (:func:`calendar_digest`): the same digest means they
    were told exactly this already."""
    message: Message
    written: str = ""
    """The calendar's digest as written (:func:`written_digest`), as the ledger held it
    of the messages sent before addresses were compared without capitals."""
    told: str = ""
    """What the message says of the event, as the change report compares it (JSON)."""
    recipient_name: str = ""
    title: str = ""
    """The event's title, as the subject names it."""
    unsendable: str = ""
    """Why the message cannot be sent (an address the program cannot put on the wire,
    :func:`wire_address`), empty when it can: the batch refuses this recipient alone."""

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    def tells_as(self, digest: str) -> bool:
        """Whether a message the ledger holds with ``digest`` told what this one tells."""
        return digest in (self.digest, self.written)


class UnsendableAddressError(SchedulerError):
    """An address that cannot go on the wire as the program writes messages."""

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(
            _("{address} cannot be sent to: {reason}").format(
                address=quoted(address), reason=reason
            )
        )
        self.reason = reason
        """Why, without the address: what a list of refused recipients shows by it."""


def wire_address(address: str) -> str:
    """``address`` as a header and the SMTP envelope carry it: ASCII as it is, a domain
    with letters beyond ASCII in its IDNA form (``hanako@xn--r8jz45g.jp``). Refused with
    :class:`UnsendableAddressError` when the part before the @ is beyond ASCII, which
    only a server speaking SMTPUTF8 takes, or when the domain has no IDNA form."""
    address = one_line(address).strip()
    if address.isascii():
        return address
    local, _at, domain = address.rpartition("@")
    if not local.isascii():
        raise UnsendableAddressError(
            address,
            _(
                "the part before the @ is not ASCII, and such an address needs SMTPUTF8, "
                "which CPP Scheduler does not use"
            ),
        )
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise UnsendableAddressError(
            address,
            _("its domain has no ASCII (IDNA) form: {reason}").format(reason=quoted(str(error))),
        ) from error
    return f"{local}@{ascii_domain}"


_FOLDED = re.compile(rb"\r\n[ \t]")
_ADDRESS = re.compile(rb"mailto:[^\r\n;:,\"]+", re.IGNORECASE)


def calendar_digest(calendar: bytes) -> str:
    """The digest of what a calendar says, whenever it was written and however its
    addresses are capitalised: DTSTAMP, the time of writing, is the one line that
    changes between two identical invitations, and an address corrected to other
    capitals is the same address (as ``changes`` and the replies compare addresses),
    which no one needs to be invited to again."""
    unfolded = _FOLDED.sub(b"", calendar)
    return _without_stamp(_ADDRESS.sub(lambda found: found.group().lower(), unfolded))


def written_digest(calendar: bytes) -> str:
    """The digest of a calendar's lines as written, DTSTAMP left out: what the ledger
    holds of a message sent before :func:`calendar_digest` compared addresses without
    their capitals, which still tells that it was sent."""
    return _without_stamp(calendar)


def _without_stamp(calendar: bytes) -> str:
    lines = [line for line in calendar.split(b"\r\n") if not line.startswith(b"DTSTAMP")]
    return hashlib.sha256(b"\r\n".join(lines)).hexdigest()


def participant_calendar(
    event: Event,
    recipient: Participant,
    sender: Organizer,
    stamp: datetime,
    renderings: EventRenderings | None = None,
) -> tuple[Method, bytes]:
    """The event's calendar as ``recipient`` gets it: REQUEST, or CANCEL when cancelled.

    A series is one VEVENT with its rule, its EXDATEs and one VEVENT per moved meeting.
    ``renderings``, shared by a batch of one stamp and sender, keeps what every
    recipient's calendar has in common (the VTIMEZONEs, the calendar's head).
    """
    content = scopes.participant_schedule(recipient, [event])
    if not content.events:
        raise ValueError(f"{recipient.email} does not attend '{event.title}'")
    if renderings is not None:
        documents = renderings.export_bytes(content)
    else:
        options = ExportOptions(method=Method.REQUEST, stamp=stamp, organizer=sender)
        documents = export_bytes(content, options)
    # One event gives exactly one calendar: REQUEST when live, CANCEL when cancelled.
    assert len(documents) == 1
    return documents[0]


def organiser_of(event: Event) -> Organizer | None:
    """The event's own organiser: whom its calendar names as ORGANIZER, hence whom its
    messages are From. None for an event that names none, which a sender signs."""
    person = event.organiser
    if person is not None:
        return Organizer(person.name, person.email)
    return None


def removal_calendar(
    event: Event, recipient: Participant, sender: Organizer, stamp: datetime
) -> bytes:
    """A CANCEL of the whole event for ``recipient`` alone, who no longer attends it
    while it goes on for the others: the event's own VEVENT (UID, SEQUENCE) naming only
    them as ATTENDEE, and without STATUS (RFC 5546 section 3.2.5: STATUS:CANCELLED
    cancels the event itself, and some clients then take it as cancelled for everyone).
    An event cancelled as well keeps its STATUS:CANCELLED, which is then true."""
    viewer = scopes.participant_schedule(recipient, []).viewer
    content = scopes.CalendarContent(event.title, [event], (), scopes.Audience.nobody(), viewer)
    options = ExportOptions(method=Method.REQUEST, stamp=stamp, organizer=sender)
    calendar = build_calendars(content, options)[0]
    calendar.pop("METHOD")
    calendar.add("METHOD", Method.CANCEL.value)
    kept: list[icalendar.cal.component.Component] = []
    for component in calendar.subcomponents:
        if component.name == "VEVENT":
            if "RECURRENCE-ID" in component:
                continue  # cancelling the UID cancels each of its meetings
            component.pop("STATUS", None)
            if event.status is EventStatus.CANCELLED:
                component.add("STATUS", "CANCELLED")
            component.pop("ATTENDEE", None)
            component.add("ATTENDEE", attendee(recipient, Method.CANCEL))
        kept.append(component)
    calendar.subcomponents = kept
    return serialize(calendar)


def build_invitation(
    event: Event,
    recipient: Participant,
    sender: Organizer,
    *,
    stamp: datetime | None = None,
    changed: Sequence[str] = (),
    removed: bool = False,
    renderings: EventRenderings | None = None,
) -> Invitation:
    """The message that invites ``recipient`` to ``event`` (or cancels it); with
    ``changed``, an update that spells out those changes; with ``removed``, the
    cancellation for a participant no longer invited."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    if removed:
        method, calendar = Method.CANCEL, removal_calendar(event, recipient, sender, stamp)
    else:
        method, calendar = participant_calendar(event, recipient, sender, stamp, renderings)
    organiser = organiser_of(event) or sender
    # Written in the recipient's language; the title stays as the coordinator wrote it.
    text = i18n.catalogue(recipient.effective_language).gettext
    # Someone taken off an event that goes on is told so, not that it is cancelled: the
    # others still meet. An event cancelled as well is cancelled for them too.
    uninvited = removed and not event.is_cancelled
    if uninvited:
        subject = text(UNINVITED)
    elif method is Method.CANCEL:
        subject = text(N_("Cancelled: {title}"))
    else:
        subject = text(N_("Updated: {title}")) if changed else text(N_("Invitation: {title}"))
    lines = summary_lines(event, recipient, method, uninvited=uninvited)
    if uninvited:
        lines[1:1] = [text(N_("The event goes on without you: it is removed from your calendar."))]
    elif changed:
        lines[1:1] = [text(N_("What changed:")), *("  " + one_line(line) for line in changed)]
    message, unsendable = _invitation_message(
        calendar,
        method,
        subject=subject.format(title=event.title),
        sender=organiser,
        recipient=recipient,
        stamp=stamp,
        text="\n".join(lines) + "\n",
        html_text=summary_html(event, lines),
    )
    return Invitation(
        recipient.id,
        recipient.email,
        event.id,
        event.uid,
        event.sequence or 0,
        method,
        calendar_digest(calendar),
        message,
        written=written_digest(calendar),
        recipient_name=recipient.name,
        title=event.title,
        unsendable=unsendable,
    )


def _invitation_message(
    calendar: bytes,
    method: Method,
    *,
    subject: str,
    sender: Organizer,
    recipient: Participant,
    stamp: datetime,
    text: str,
    html_text: str,
) -> tuple[Message, str]:
    """The MIME tree of one invitation, built from the standard library's MIME classes
    with headers written once, encoded words for names and titles beyond ASCII: a batch
    of thousands spends its time in the calendars, not in parsing its own headers. With
    it, why it cannot be sent (empty when it can): an address that cannot go on the
    wire is left out of its header, and the message is never sent."""
    message = MIMEMultipart("mixed", policy=WIRE)
    unsendable = _set_headers(message, subject, sender, recipient.name, recipient.email, stamp)
    message["Content-Class"] = "urn:content-classes:calendarmessage"
    alternative = MIMEMultipart("alternative", policy=WIRE)
    alternative.attach(MIMEText(text, "plain", "utf-8", policy=WIRE))
    alternative.attach(MIMEText(html_text, "html", "utf-8", policy=WIRE))
    invitation = MIMEText(calendar.decode("utf-8"), "calendar", "utf-8", policy=WIRE)
    invitation.set_param("method", method.value)
    alternative.attach(invitation)
    message.attach(alternative)
    attachment = MIMEApplication(calendar, "ics", policy=WIRE)
    attachment.add_header("Content-Disposition", "attachment", filename=ATTACHMENT_NAME)
    message.attach(attachment)
    for part in message.walk():
        if part is not message:
            del part["MIME-Version"]  # the message's own is the one that counts
    return message, unsendable


def _set_headers(
    message: Message,
    subject: str,
    sender: Organizer,
    recipient_name: str,
    recipient_email: str,
    stamp: datetime,
) -> str:
    """Subject, From, To, Date and Message-ID, each folded as it goes on the wire, and
    the SMTP envelope of the same two addresses. An address that cannot go on the wire
    (:func:`wire_address`) is left out, and why is returned: such a message has no
    envelope and is never sent. Empty when both addresses went on."""
    message["Subject"] = _header_text("Subject", subject)
    unsendable = ""
    sender_address = recipient_address = ""
    try:
        sender_address = wire_address(sender.email)
        message["From"] = _address_text("From", sender.name, sender_address)
    except UnsendableAddressError as refusal:
        unsendable = _("the sender's address {address} cannot be used: {reason}").format(
            address=quoted(sender.email), reason=refusal.reason
        )
    try:
        recipient_address = wire_address(recipient_email)
        message["To"] = _address_text("To", recipient_name, recipient_address)
    except UnsendableAddressError as refusal:
        unsendable = unsendable or refusal.reason
    message["Date"] = format_datetime(stamp)
    message["Message-ID"] = make_msgid(domain=MESSAGE_ID_DOMAIN)
    if not unsendable:
        set_envelope(message, Envelope(sender_address, (recipient_address,)))
    return unsendable


def _charset(text: str) -> str:
    """``us-ascii`` for text that reads as written and folds at its spaces; else
    ``utf-8``, written as encoded words, which carry any character and split anywhere:
    text beyond ASCII, a word too long for a line of its own, or text that holds
    ``=?``, which a reader would take for the start of an encoded word."""
    plain = (
        text.isascii()
        and "=?" not in text
        and all(len(word) < LINE_LENGTH for word in text.split())
    )
    return "us-ascii" if plain else "utf-8"


def _folded(field: str, chunks: Sequence[tuple[str, str]]) -> str:
    """The value of ``field`` as it goes on the wire: ASCII text folded at its spaces
    (splitting at no other character: the standard library's preference for ``;`` and
    ``,`` leaves lines longer than the limit), other text as encoded words, a space
    between chunks of each kind."""
    header = Header(header_name=field)
    for text, charset in chunks:
        header.append(text, charset)
    return header.encode(splitchars=" ", maxlinelen=LINE_LENGTH, linesep=WIRE.linesep)


def _header_text(field: str, text: str) -> str:
    line = one_line(text)
    return _folded(field, [(line, _charset(line))])


def _address_text(field: str, name: str, address: str) -> str:
    """``Name <address>``, the address as :func:`wire_address` gives it (ASCII): a name
    in ASCII quoted where it must be when it fits on one line with the address, a longer
    one as a :func:`_phrase` (never folded inside quotes), any other name as encoded
    words, which need no quotes; the address never inside one (RFC 2047 section 5)."""
    name = one_line(name)
    if name and _charset(name) == "us-ascii":
        text = formataddr((name, address))
        if text.startswith('"') and len(f"{field}: {text}") > LINE_LENGTH:
            phrase = _phrase(name)
            if phrase is None:
                return _folded(field, [(name, "utf-8"), (f"<{address}>", "us-ascii")])
            text = f"{phrase} <{address}>"
        return _folded(field, [(text, "us-ascii")])
    if not name:
        return _folded(field, [(address, "us-ascii")])
    return _folded(field, [(name, "utf-8"), (f"<{address}>", "us-ascii")])


def _phrase(name: str) -> str | None:
    """An ASCII ``name`` as words that need no quotes (RFC 5322 section 3.2.5): each word
    a name can hold as it is written as it is, each run of words holding a character it
    cannot (a comma, a period, a parenthesis, a quote) as one encoded word (RFC 2047
    section 5), so that the name folds between words and every reader sees the same
    name: ``City Partnership Program =?utf-8?q?coordinators=2C?= Tokyo ...``. Two encoded
    words are never side by side, which Python 3.11 would read with a space between them.
    None when a run is too long for one encoded word."""
    encoder = Charset("utf-8")
    words: list[str] = []
    run: list[str] = []

    def close_run() -> bool:
        if run:
            encoded = encoder.header_encode(" ".join(run))
            if len(encoded) > ENCODED_WORD_LENGTH:
                return False
            words.append(encoded)
            run.clear()
        return True

    for word in name.split():
        if _ATOM.fullmatch(word):
            if not close_run():
                return None
            words.append(word)
        else:
            run.append(word)
    return " ".join(words) if close_run() else None


def summary_lines(
    event: Event, recipient: Participant, method: Method, *, uninvited: bool = False
) -> list[str]:
    """What, when (on the recipient's clock and Tokyo's; an all-day event's dates, the
    same on every clock, as its calendar's description gives them), where and the video
    link. The first line says a cancellation is one, and with ``uninvited``, that the
    recipient alone is no longer invited to an event that goes on."""
    text = i18n.catalogue(recipient.effective_language).gettext
    title = one_line(event.title)
    if uninvited:
        first = text(UNINVITED).format(title=title)
    elif method is Method.CANCEL:
        first = text(N_("Cancelled: {title}")).format(title=title)
    else:
        first = title
    lines = [first]
    lines.append("")
    viewer = scopes.participant_schedule(recipient, [event]).viewer
    assert viewer is not None
    if event.all_day:
        lines.append(all_day_line(event.first_date, event.last_date, viewer.language))
    else:
        meetings = [(o.start, o.end) for o in event.occurrences()] or [
            (event.start_utc, event.end_utc)
        ]
        lines.extend(local_time_lines(viewer, meetings))
        if any(viewer.zone_on(japan_day(start)) != timezones.TOKYO for start, _ in meetings):
            tokyo = scopes.Viewer(timezones.TOKYO, N_("Tokyo time"), language=viewer.language)
            lines.extend(local_time_lines(tokyo, meetings))
    venue = event.venue
    if venue is not None and event.mode is not EventMode.VIRTUAL:
        english, japanese = split_address(venue.address or "")
        lines.append("")
        place = one_line(", ".join(p for p in (venue.name, english) if p))
        lines.append(text(N_("Where: {place}")).format(place=place))
        japanese_place = " ".join(p for p in (venue.name_ja, japanese) if p)
        if japanese_place:
            lines.append("場所: " + one_line(japanese_place))
    if event.video_link:
        lines.append("")
        lines.append(text(N_("Video link: {link}")).format(link=one_line(event.video_link)))
    return lines


def summary_html(event: Event, lines: list[str]) -> str:
    """The same lines as HTML, every piece of program text escaped."""
    title = html.escape(one_line(event.title))
    paragraphs = "\n".join(
        f"<p>{html.escape(line)}</p>" if line else "" for line in lines[1:] if line
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>'
        f"{title}</title></head>\n<body>\n<h1>{html.escape(lines[0])}</h1>\n"
        f"{paragraphs}\n</body></html>\n"
    )


def trial_message(sender: Organizer, recipient: str, server: str) -> Message:
    """A short message that proves the server settings work, for "Send a test message",
    its headers written as an invitation's are; an address that cannot go on the wire
    is refused with :class:`UnsendableAddressError`."""
    for address in (sender.email, recipient):
        wire_address(address)
    text = _("This message went through {server}: invitations can be sent this way.")
    message = MIMEText(text.format(server=one_line(server)) + "\n", "plain", "utf-8", policy=WIRE)
    stamp = datetime.now(UTC).replace(microsecond=0)
    subject = _("CPP Scheduler: test message")
    _set_headers(message, subject, sender, "", recipient, stamp)
    return message
