"""What the mail tests share: the sender, a transport to the plain server, and reading
a received message as a mail client does."""

from __future__ import annotations

import email
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage, Message, MIMEPart
from email.policy import default
from pathlib import Path

import icalendar
from sqlalchemy import select

from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.transports import OutboxTransport, Security, SmtpSettings, SmtpTransport
from cpp_scheduler.model import Delegation, Participant
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import DelegationScope
from cpp_scheduler.store import Database
from tests.mail.smtpserver import Server

SENDER = Organizer("TDLC CPP team", "cpp@tdlc.example.org")


def settings_through(server: Server, folder: Path) -> Path:
    """A mail settings file in ``folder``, as the window saves one: sending through
    ``server`` (no TLS, on this machine) as :data:`SENDER`."""
    path = folder / "mail.json"
    settings = {
        "smtp": {"host": "127.0.0.1", "port": server.port, "security": "none"},
        "sender": {"name": SENDER.name, "email": SENDER.email},
    }
    path.write_text(json.dumps(settings), encoding="utf-8")
    return path


def plain_transport(server: Server) -> SmtpTransport:
    return SmtpTransport(SmtpSettings("127.0.0.1", server.port, Security.NONE))


def calendar_part(message: EmailMessage) -> MIMEPart:
    (alternative,) = [
        p for p in message.iter_parts() if p.get_content_type().startswith("multipart/alternative")
    ]
    parts = list(alternative.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html", "text/calendar"]
    return parts[2]


def as_received(message: Message) -> EmailMessage:
    """A built message as a mail client reads it: its bytes parsed again."""
    if isinstance(message, EmailMessage):
        return message
    parsed = email.message_from_bytes(bytes(message), policy=default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def body(message: Message, kind: str) -> str:
    part = as_received(message).get_body((kind,))
    assert part is not None
    return str(part.get_content())


def read_calendar(message: EmailMessage) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(calendar_part(message).get_content())


def send(
    database: Database, scope: object, server: Server, *, retry_refused: bool = False
) -> invitations.BatchReport:
    plan = invitations.plan_invitations(
        database,
        scope,  # type: ignore[arg-type]
        SENDER,
        retry_refused=retry_refused,
    )
    with plain_transport(server) as transport:
        return invitations.send_batch(database, plan.to_send, transport)


def reply_calendar(
    invitation: icalendar.Calendar,
    email: str,
    answer: str,
    *,
    stamp: datetime = datetime(2026, 5, 1, tzinfo=UTC),
    recurrence_id: datetime | None = None,
    uid: str | None = None,
) -> bytes:
    """What Outlook or Thunderbird send back: METHOD:REPLY, the UID and SEQUENCE, the
    answering attendee alone with PARTSTAT."""
    (vevent, *_) = invitation.walk("VEVENT")
    reply = icalendar.Calendar()
    reply.add("PRODID", "-//Mail client//EN")
    reply.add("VERSION", "2.0")
    reply.add("METHOD", "REPLY")
    answer_event = icalendar.Event()
    answer_event.add("UID", uid or str(vevent["UID"]))
    answer_event.add("SEQUENCE", int(vevent["SEQUENCE"]))
    answer_event.add("DTSTAMP", stamp)
    answer_event.add("DTSTART", vevent.decoded("DTSTART"))
    if recurrence_id is not None:
        answer_event.add("RECURRENCE-ID", recurrence_id)
    answer_event["ORGANIZER"] = vevent["ORGANIZER"]
    attendee = icalendar.vCalAddress(f"mailto:{email}")
    attendee.params["PARTSTAT"] = answer
    answer_event.add("ATTENDEE", attendee)
    reply.add_component(answer_event)
    return reply.to_ical()


@dataclass(frozen=True)
class Members:
    """A delegation of the program and its members, as its invitations reach them."""

    id: str
    name: str
    names: tuple[str, ...]
    """Its members' names, in order."""
    emails: frozenset[str]


def delegation_named(database: Database, beginning: str) -> Members:
    """The one delegation whose name begins with ``beginning`` ("Kenya"), and its members."""
    with database.reading() as session:
        found = session.execute(
            select(Delegation.id, Delegation.name).where(Delegation.name.like(f"{beginning}%"))
        ).one()
        members = session.execute(
            select(Participant.name, Participant.email).where(Participant.delegation_id == found.id)
        ).all()
    return Members(
        found.id,
        found.name,
        tuple(sorted(name for name, _email in members)),
        frozenset(email for _name, email in members),
    )


def invite_delegation(database: Database, delegation: Members, outbox: Path) -> set[str]:
    """Send the delegation's invitations (``send invitations --delegation``) into an
    outbox folder: the addresses they went to."""
    plan = invitations.plan_invitations(database, DelegationScope(delegation.name), SENDER)
    report = invitations.send_batch(database, plan.to_send, OutboxTransport(outbox))
    return {invitation.recipient_email for invitation in report.sent}
