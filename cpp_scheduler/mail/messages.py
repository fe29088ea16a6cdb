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
:func:`one_line` before the standard library (whose SMTP policy also refuses CR and LF),
so no title or name can add a header.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from cpp_scheduler import i18n, timezones
from cpp_scheduler.documents.markup import split_address
from cpp_scheduler.i18n import N_
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import (
    ExportOptions,
    Method,
    Organizer,
    export_bytes,
    local_time_lines,
)
from cpp_scheduler.ical.text import one_line
from cpp_scheduler.model import Event, EventMode, Participant
from cpp_scheduler.scheduling.inputs import japan_day

MESSAGE_ID_DOMAIN = "cpp-scheduler.tdlc.invalid"
"""The right-hand side of every Message-ID: never the machine's own name."""
ATTACHMENT_NAME = "invite.ics"


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
    """SHA-256 of the calendar the recipient gets, its DTSTAMP left out: the same
    digest means they were told exactly this already."""
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


def calendar_digest(calendar: bytes) -> str:
    """The digest of what a calendar says, whenever it was written: DTSTAMP, the time
    of writing, is the one line that changes between two identical invitations."""
    lines = [line for line in calendar.split(b"\r\n") if not line.startswith(b"DTSTAMP")]
    return hashlib.sha256(b"\r\n".join(lines)).hexdigest()


def participant_calendar(
    event: Event, recipient: Participant, sender: Organizer, stamp: datetime
) -> tuple[Method, bytes]:
    """The event's calendar as ``recipient`` gets it: REQUEST, or CANCEL when cancelled.

    A series is one VEVENT with its rule, its EXDATEs and one VEVENT per moved meeting.
    """
    content = scopes.participant_schedule(recipient, [event])
    if not content.events:
        raise ValueError(f"{recipient.email} does not attend '{event.title}'")
    options = ExportOptions(method=Method.REQUEST, stamp=stamp, organizer=sender)
    documents = export_bytes(content, options)
    # One event gives exactly one calendar: REQUEST when live, CANCEL when cancelled.
    assert len(documents) == 1
    return documents[0]


def organiser_of(event: Event, fallback: Organizer) -> Organizer:
    """Who the calendar names as ORGANIZER, hence who the message is From."""
    person = event.organiser
    if person is not None:
        return Organizer(person.name, person.email)
    return fallback


def build_invitation(
    event: Event,
    recipient: Participant,
    sender: Organizer,
    *,
    stamp: datetime | None = None,
) -> Invitation:
    """The message that invites ``recipient`` to ``event`` (or cancels it)."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    method, calendar = participant_calendar(event, recipient, sender, stamp)
    organiser = organiser_of(event, sender)
    message = EmailMessage(policy=SMTP)
    # Written in the recipient's language; the title stays as the coordinator wrote it.
    text = i18n.catalogue(recipient.effective_language).gettext
    subject = (
        text(N_("Cancelled: {title}"))
        if method is Method.CANCEL
        else text(N_("Invitation: {title}"))
    )
    message["Subject"] = one_line(subject.format(title=event.title))
    message["From"] = _address(organiser.name, organiser.email)
    message["To"] = _address(recipient.name, recipient.email)
    message["Date"] = format_datetime(stamp)
    message["Message-ID"] = make_msgid(domain=MESSAGE_ID_DOMAIN)
    lines = summary_lines(event, recipient, method)
    message.set_content("\n".join(lines) + "\n", subtype="plain", charset="utf-8")
    message.add_alternative(summary_html(event, lines), subtype="html", charset="utf-8")
    message.add_alternative(
        calendar,
        maintype="text",
        subtype="calendar",
        params={"method": method.value, "charset": "UTF-8"},
        cte="base64",
    )
    # Attaching makes the alternative the first part of a multipart/mixed.
    message.add_attachment(
        calendar,
        maintype="application",
        subtype="ics",
        filename=ATTACHMENT_NAME,
        cte="base64",
    )
    # Set after the attachment: making a message mixed moves its Content-* headers down.
    message["Content-Class"] = "urn:content-classes:calendarmessage"
    return Invitation(
        recipient.id,
        recipient.email,
        event.id,
        event.uid,
        event.sequence or 0,
        method,
        calendar_digest(calendar),
        message,
    )


def _address(name: str, email: str) -> Address:
    username, _, domain = one_line(email).strip().rpartition("@")
    return Address(display_name=one_line(name), username=username, domain=domain)


def summary_lines(event: Event, recipient: Participant, method: Method) -> list[str]:
    """What, when (on the recipient's clock and Tokyo's), where and the video link."""
    text = i18n.catalogue(recipient.effective_language).gettext
    title = one_line(event.title)
    lines = [
        text(N_("Cancelled: {title}")).format(title=title) if method is Method.CANCEL else title
    ]
    lines.append("")
    meetings = [(o.start, o.end) for o in event.occurrences()] or [(event.start_utc, event.end_utc)]
    viewer = scopes.participant_schedule(recipient, [event]).viewer
    assert viewer is not None
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


def trial_message(sender: Organizer, recipient: str, server: str) -> EmailMessage:
    """A short message that proves the server settings work, for "Send a test message"."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = "CPP Scheduler: test message"
    message["From"] = _address(sender.name, sender.email)
    message["To"] = _address("", recipient)
    message["Date"] = format_datetime(datetime.now(UTC).replace(microsecond=0))
    message["Message-ID"] = make_msgid(domain=MESSAGE_ID_DOMAIN)
    message.set_content(
        f"This message went through {one_line(server)}: invitations can be sent this way.\n"
    )
    return message
