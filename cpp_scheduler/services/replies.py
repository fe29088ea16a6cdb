"""Answers to invitations: iTIP REPLY calendars read from ``.ics`` files or from the
``text/calendar`` part of ``.eml`` messages, recorded as each participant's attendance.

A reply names the event by UID (and a meeting of a series by RECURRENCE-ID) and the
participant by the ATTENDEE address with their PARTSTAT. One for an event the program
does not hold, or from an address the event never invited (now or in the ledger), is
refused in one line naming the file, and nothing of it is recorded. The address is
matched exactly but for capitals (two invited addresses that differ only in capitals:
the one written as the reply writes it; neither so written, the reply is refused, since
nobody can tell who answered). A later answer
(by the reply's DTSTAMP) replaces an earlier one; an older one read after it changes
nothing, so importing a folder twice, in any order, gives the same attendance.

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
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import icalendar
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.limits import MAX_CALENDAR_FILE_BYTES
from cpp_scheduler.model import Delegation, Event, Participant, Reply, SentMessage
from cpp_scheduler.services.changes import recipients_by_event
from cpp_scheduler.store import Database

ANSWERS = {"ACCEPTED": "accepted", "TENTATIVE": "tentative", "DECLINED": "declined"}
"""The PARTSTATs a reply records, and how they are shown."""


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


@dataclass(frozen=True, slots=True)
class RecordedReply:
    participant: str
    email: str
    title: str
    event_uid: str
    meeting: datetime | None
    answer: str


@dataclass
class ImportReport:
    recorded: list[RecordedReply] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """One line per reply or file that was not applied: what and where (a file that
    cannot be read, or whose reply names an unknown event or person, in one line, none
    of it recorded; a reply to an out-of-date version, one line of its own, the file's
    other replies recorded)."""


# -- reading files -------------------------------------------------------------------


def reply_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and the ``.eml`` and ``.ics`` files of the folders named."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                child
                for child in path.iterdir()
                if child.is_file() and child.suffix.lower() in (".eml", ".ics")
            )
        else:
            yield path


def _calendars(path: Path) -> list[bytes]:
    try:
        if path.stat().st_size > MAX_CALENDAR_FILE_BYTES:
            raise ReplyFileError(_("{path}: larger than a reply can be").format(path=path))
        data = path.read_bytes()
    except OSError as error:
        raise ReplyFileError(
            _("{path}: cannot be read ({reason})").format(path=path, reason=error.strerror)
        ) from error
    if path.suffix.lower() != ".eml":
        return [data]
    message = email.message_from_bytes(data, policy=default)
    assert isinstance(message, EmailMessage)
    found = [
        part.get_payload(decode=True)
        for part in message.walk()
        if part.get_content_type() == "text/calendar"
    ]
    calendars = [part for part in found if isinstance(part, bytes)]
    if not calendars:
        raise ReplyFileError(_("{path}: the message holds no text/calendar part").format(path=path))
    return calendars[:1]  # the attachment, when there is one, repeats the part


def _utc(value: datetime | date, zone: str | None = None) -> datetime | date:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return timezones.to_utc(value, zone or timezones.TOKYO)
        return value.astimezone(UTC)
    return value


def _sequence(path: Path, vevent: icalendar.cal.component.Component) -> int:
    """The version a reply answers: its SEQUENCE, 0 when it gives none (RFC 5545)."""
    value = vevent.get("SEQUENCE")
    if value is None:
        return 0
    try:
        sequence = int(str(value))
    except ValueError:
        sequence = -1
    if sequence < 0:
        raise ReplyFileError(
            _("{path}: {value} is not a SEQUENCE (a whole number from 0)").format(
                path=path, value=quoted(str(value))
            )
        )
    return sequence


def read_replies(path: Path) -> list[ReadReply]:
    """Every answer of a REPLY file (or message)."""
    replies: list[ReadReply] = []
    for data in _calendars(path):
        try:
            calendar = icalendar.Calendar.from_ical(data)
        except ValueError as error:
            raise ReplyFileError(
                _("{path}: not a calendar ({reason})").format(path=path, reason=quoted(str(error)))
            ) from error
        method = str(calendar.get("METHOD", "")).upper()
        if method != "REPLY":
            raise ReplyFileError(
                _("{path}: not a reply (METHOD {method})").format(
                    path=path, method=quoted(method or "none")
                )
            )
        for vevent in calendar.walk("VEVENT"):
            uid = str(vevent.get("UID", ""))
            stamp = vevent.get("DTSTAMP")
            replied_at = _utc(stamp.dt) if stamp is not None else datetime.now(UTC)
            assert isinstance(replied_at, datetime)
            rid = vevent.get("RECURRENCE-ID")
            sequence = _sequence(path, vevent)
            attendees = vevent.get("ATTENDEE", [])
            if not isinstance(attendees, list):
                attendees = [attendees]
            if not uid or not attendees:
                raise ReplyFileError(_("{path}: a reply without UID or ATTENDEE").format(path=path))
            for attendee in attendees:
                address = str(attendee)
                if address.lower().startswith("mailto:"):
                    address = address[len("mailto:") :]
                answer = str(attendee.params.get("PARTSTAT", "")).upper()
                replies.append(
                    ReadReply(
                        str(path),
                        uid,
                        address.strip(),
                        answer,
                        rid.dt if rid is not None else None,
                        replied_at,
                        sequence,
                    )
                )
    return replies


# -- recording -----------------------------------------------------------------------


def _invited(session: Session, event: Event) -> set[str]:
    invited = recipients_by_event(session, [event.id]).get(event.id, set())
    invited.update(
        session.scalars(select(SentMessage.participant_id).where(SentMessage.event_id == event.id))
    )
    return invited


def _answering(session: Session, reply: ReadReply, event: Event) -> Participant:
    """The invited participant whose address the reply gives, its case aside (mail
    clients and servers may change it); never a pattern: ``_`` and ``%`` are letters of
    an address like any other. Two participants invited whose addresses differ only in
    case: the one written exactly so answers; when neither is, nobody can tell which
    answered, and the reply is refused."""
    found = session.scalars(
        select(Participant)
        .where(func.lower(Participant.email) == func.lower(reply.email))
        .order_by(Participant.email)
    ).all()
    invited = _invited(session, event)
    candidates = [person for person in found if person.id in invited]
    exact = [person for person in candidates if person.email == reply.email]
    if len(exact) == 1:
        return exact[0]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
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


def _record(session: Session, reply: ReadReply) -> RecordedReply | str:
    """Apply one answer, or raise :class:`ReplyFileError` saying why it is refused; an
    answer to an out-of-date version is not applied and gives the line saying so."""
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
            _("{source}: {answer} is not an answer (accepted, tentative or declined)").format(
                source=reply.source, answer=quoted(reply.answer or "no PARTSTAT")
            )
        )
    meeting = None
    if reply.recurrence_id is not None:
        found = _utc(reply.recurrence_id, event.zone)
        if not isinstance(found, datetime):
            found = timezones.to_utc(datetime.combine(found, event.start_local.time()), event.zone)
        meeting = found
    latest = _latest_sent(session, event, person)
    if reply.sequence < latest:
        return _(
            "{source}: {email} answered an out-of-date invitation to {title} (SEQUENCE "
            "{theirs}; the latest is {latest}); the answer is not recorded"
        ).format(
            source=reply.source,
            email=quoted(reply.email),
            title=quoted(event.title),
            theirs=reply.sequence,
            latest=latest,
        )
    known = session.scalars(
        select(Reply).where(
            Reply.event_id == event.id,
            Reply.participant_id == person.id,
            Reply.recurrence_id.is_(None) if meeting is None else Reply.recurrence_id == meeting,
        )
    ).first()
    if known is None:
        session.add(
            Reply(
                participant_id=person.id,
                event_id=event.id,
                recurrence_id=meeting,
                answer=reply.answer,
                replied_at=reply.replied_at,
                sequence=reply.sequence,
            )
        )
    elif (reply.sequence, reply.replied_at) >= (known.sequence, known.replied_at):
        known.answer = reply.answer
        known.replied_at = reply.replied_at
        known.sequence = reply.sequence
    current = known.answer if known is not None else reply.answer
    return RecordedReply(
        person.name, person.email, event.title, event.uid, meeting, ANSWERS[current]
    )


def import_replies(database: Database, paths: Iterable[Path]) -> ImportReport:
    """Record the answers of these files (and folders); each file all or nothing."""
    report = ImportReport()
    for path in reply_files(paths):
        try:
            replies = read_replies(path)
            with database.transaction() as session:
                applied = [_record(session, reply) for reply in replies]
        except ReplyFileError as refusal:
            report.refused.append(str(refusal))
            continue
        for outcome in applied:
            if isinstance(outcome, str):
                report.refused.append(outcome)
            else:
                report.recorded.append(outcome)
    return report


# -- reading the attendance ----------------------------------------------------------


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

    def as_json(self) -> dict[str, object]:
        return {
            "participant": self.participant,
            "email": self.email,
            "delegation": self.delegation,
            "event": self.event_uid,
            "title": self.title,
            "meeting": self.meeting.isoformat() if self.meeting else None,
            "answer": self.answer,
            "earlier_answer": self.earlier,
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
    """Who answered what, by event and participant (of one event or delegation)."""
    with database.session() as session:
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
        told = _told(session, sorted({row[10] for row in rows}) if event_uid else None)
    found = []
    for row in sorted(rows, key=lambda row: (row[7], row[4], row[5] or row[7], row[0])):
        name, email_address, group, title, uid, meeting, answer, _, answered, now, event, person = (
            row
        )
        current, earlier = _answer_now(answer, answered, told.get((event, person)), now)
        found.append(
            Attendance(name, email_address, group or "", title, uid, meeting, current, earlier)
        )
    return found


# -- every invited person's answer ---------------------------------------------------

NO_ANSWER = "no answer"
"""What an invited person who has not replied (to this event or meeting) shows."""

ANSWER_ORDER = ("accepted", "tentative", "declined", NO_ANSWER)

_ANSWER_LABELS = {
    "accepted": N_("accepted"),
    "tentative": N_("tentative"),
    "declined": N_("declined"),
    NO_ANSWER: N_("no answer"),
}


def answer_label(answer: str, earlier: str | None = None) -> str:
    """An answer as a list shows it, in the program's language (the JSON keeps the word),
    with the one given before an update that no longer counts (``earlier``)."""
    label = _(_ANSWER_LABELS[answer]) if answer in _ANSWER_LABELS else answer
    if earlier is None:
        return label
    return _("{answer} ({earlier} before the update)").format(
        answer=label, earlier=answer_label(earlier)
    )


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
    invites them. What the event dialog, the delegation dialog and ``replies list
    --invited`` show."""
    with database.session() as session:
        events = select(Event.id, Event.title, Event.uid, Event.start_utc, Event.sequence)
        if event_id is not None:
            events = events.where(Event.id == event_id)
        if event_uid is not None:
            events = events.where(Event.uid == event_uid)
        listed = {row[0]: row for row in session.execute(events)}
        chosen = list(listed) if event_id is not None or event_uid is not None else None
        invited = recipients_by_event(session, chosen)
        people_query = select(
            Participant.id, Participant.name, Participant.email, Delegation.name
        ).outerjoin(Delegation, Delegation.id == Participant.delegation_id)
        if delegation is not None:
            people_query = people_query.where(Delegation.name == delegation)
        people = {row[0]: row for row in session.execute(people_query)}
        replies_query = select(
            Reply.event_id, Reply.participant_id, Reply.recurrence_id, Reply.answer, Reply.sequence
        )
        if chosen is not None:
            replies_query = replies_query.where(Reply.event_id.in_(chosen))
        answers = list(session.execute(replies_query))
        told = _told(session, chosen)
    whole: dict[tuple[str, str], tuple[str, str | None]] = {}
    meetings: list[tuple[str, str, datetime, tuple[str, str | None]]] = []
    for event, person, meeting, answer, answered in answers:
        if event not in listed:
            continue
        now = _answer_now(answer, answered, told.get((event, person)), listed[event][4])
        if meeting is None:
            whole[(event, person)] = now
        else:
            meetings.append((event, person, meeting, now))
            invited.setdefault(event, set()).add(person)
    for event, person in whole:
        invited.setdefault(event, set()).add(person)
    rows: list[tuple[tuple[object, ...], Attendance]] = []

    def add(event: str, person: str, meeting: datetime | None, now: tuple[str, str | None]) -> None:
        if event not in listed or person not in people:
            return
        _, title, uid, start, _sequence = listed[event]
        _, name, address, group = people[person]
        key = (start, uid, meeting or start, name.casefold(), address)
        rows.append((key, Attendance(name, address, group or "", title, uid, meeting, *now)))

    for event, persons in invited.items():
        for person in persons:
            add(event, person, None, whole.get((event, person), (NO_ANSWER, None)))
    for event, person, meeting, now in meetings:
        add(event, person, meeting, now)
    return [row for _, row in sorted(rows, key=lambda item: item[0])]


def answer_counts(rows: Iterable[Attendance]) -> dict[str, int]:
    """How many rows give each answer, in the order answers are shown (none left out)."""
    counts = dict.fromkeys(ANSWER_ORDER, 0)
    for row in rows:
        counts[row.answer] += 1
    return counts
