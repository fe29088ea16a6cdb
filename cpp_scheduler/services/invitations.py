"""Sending invitations for an event or a delegation, and the ledger of what went out.

A batch is planned first (:func:`plan_invitations`): one message per recipient and
event, built from the program as it is now; a recipient whose latest message about that
event in the ledger has the same digest was told exactly this and gets nothing (one
removed, sent a cancellation and added back is invited again), and a cancelled event's
cancellation goes only to those whose latest message about it invited them. Then
:func:`send_batch`, once it knows this login may write the ledger, hands the messages
to a transport one by one, on the caller's thread (the window runs it on a worker): for
each, its ledger row is tried first (the SQLite file still in place, the row written and
taken back at once, so a database that would refuse it refuses before the message goes),
the message is handed to the transport with no transaction open (a slow server holds no
lock from the coordinator's other saves), and the row is committed in a transaction of
its own once the transport accepted it; nothing is recorded in the ledger when it
refused or put off the message. A refusal for good (a 5xx) is kept apart, in a short
transaction of its own (:class:`~cpp_scheduler.model.RefusedMessage`), for the change
report to name; one that cannot be kept is still reported by the batch. Until the
address is corrected (or a message to it gets through), the plans leave that person out
and list them with the refusal (``refused``), since the server would refuse them again;
planned with ``retry_refused``, they are sent all the same. A batch
stopped by a failure or a cancel has recorded exactly what went out, and sending again
sends only what is missing; the one message that could go out unrecorded (the record
failing after the send) stops the batch and is named.

A batch sends what the coordinator saw and what is still due when it goes. Given the plan
its preview showed, :func:`send_batch` plans the same scope again as it starts and sends
only the messages that are both still due and were previewed: one the ledger now holds
(another batch, the command line or a colleague's window, sent it meanwhile) or that the
program no longer means (the event cancelled, moved, a recipient taken off) is dropped
and counted in the report, never sent from the older plan. Each message is then claimed
while it goes out (:mod:`cpp_scheduler.services.message_claims`), so that two batches
running at the same moment cannot both send it: the claim is taken, the ledger read again
for that recipient and event, the message sent and recorded, and the claim let go; a
batch that finds the ledger holding the message once it has the claim drops it.

The server's answer about one message concerns that message alone (RFC 5321): a
recipient or a message refused for good is reported, one the server asks to try later
(greylisting, a full mailbox) is reported as not sent yet and left for the next batch,
and the batch goes on with the others; only a failure of the session (421, a lost
connection, a refused login) or of the outbox stops it.

An event's messages are signed by its organiser (the calendar's ORGANIZER and the
message's From), or by the sender given for events that name none. Planned without a
sender, a batch leaves out the messages of events that name no organiser and lists
those events (``unsigned``): only they need a sender, so a batch whose events all name
one is planned and sent without, and a preview lists the rest and says which events
wait. An event waits only for the messages a signed batch would send: not for those
told its current version already, nor for those the server refused, nor, cancelled,
for those its invitation never reached; one with none of those to send needs no sender.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import Enum
from functools import partial
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.selectable import ScalarSelect

from cpp_scheduler.errors import printable, quoted
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import Method, Organizer
from cpp_scheduler.mail.messages import Invitation as Invitation
from cpp_scheduler.mail.messages import batch_renderings, build_invitation, organiser_of
from cpp_scheduler.mail.transports import (
    LoginNeededError,
    LoginRefusedError,
    RecipientDeferredError,
    RecipientRefusedError,
    Transport,
    TransportError,
)
from cpp_scheduler.model import Delegation, Event, Participant, RefusedMessage, SentMessage, TourDay
from cpp_scheduler.model.base import Base
from cpp_scheduler.model.mail import REFUSAL_TEXT_LENGTH, ledger_order
from cpp_scheduler.services.access import refuse_read_only
from cpp_scheduler.services.calendar_export import (
    DelegationScope,
    EventScope,
    TourScope,
    event_loading,
    with_sessions,
)
from cpp_scheduler.services.changes import (
    Change,
    ChangeKind,
    ChangeScope,
    KeptRefusal,
    changes_in,
    facts_of,
    refusal_words,
)
from cpp_scheduler.services.message_claims import MessageClaims
from cpp_scheduler.services.snapshot import NotFoundError, find_event, find_tour
from cpp_scheduler.store import Database, StoreError
from cpp_scheduler.store.errors import DatabaseLockedError

InvitationScope = EventScope | DelegationScope | TourScope
ProgressCallback = Callable[[int, int], None]
"""Called with (messages handled, messages in all) after each message."""
CancelFlag = Callable[[], bool]
"""Asked before each message; True stops the batch (``threading.Event().is_set``)."""


Replan = Callable[[], Sequence[Invitation]]
"""The messages a plan's scope and sender give now, planned anew."""


@dataclass(frozen=True, slots=True)
class Unsigned:
    """An event that names no organiser, in a batch planned without a sender: its
    messages are left out until a sender signs for them."""

    uid: str
    title: str
    recipients: int
    """How many messages wait: one per recipient (an update's, per change)."""


@dataclass(frozen=True, slots=True)
class NotInvited:
    """A cancelled event whose cancellation goes to nobody of some recipients: they
    hold no invitation to it (they were never sent one, or their last message about it
    was a cancellation already), and a CANCEL goes only to those who were told of the
    event (RFC 5546 section 3.2.5)."""

    uid: str
    title: str
    recipients: int
    """How many recipients are sent nothing."""


@dataclass(frozen=True, slots=True)
class HeldBack:
    """A message left out of a batch because the server refused the recipient's address
    for good: their latest refused message went to the address they still have, and no
    message has reached them since. Sent again it would be refused again; it goes once
    the address is corrected, or when the coordinator asks to try again (a server
    misconfigured at the time)."""

    event_id: str
    event_uid: str
    title: str
    recipient_id: str
    recipient_name: str
    recipient_email: str
    refused_at: datetime
    refusal: str
    """The refusal as the change report words it, in the program's language: the
    address, the day and the server's own words."""


@dataclass(frozen=True, slots=True)
class HeldBackGroup:
    """The messages of a batch held back for one person's refusal: what a preview says
    once, with the events they were about."""

    recipient_name: str
    recipient_email: str
    refusal: str
    events: tuple[str, ...]
    """The events' names as :func:`event_names` gives them, each once, in the batch's
    order."""


def held_back_groups(held: Sequence[HeldBack]) -> list[HeldBackGroup]:
    """``held`` one group per person and refusal, in the order of their first."""
    names = event_names((message.event_uid, message.title) for message in held)
    groups: dict[tuple[str, str, str], list[HeldBack]] = {}
    for message in held:
        key = (message.recipient_name, message.recipient_email, message.refusal)
        groups.setdefault(key, []).append(message)
    return [
        HeldBackGroup(
            name,
            email,
            refusal,
            tuple(dict.fromkeys(names.get(member.event_uid, "") for member in members)),
        )
        for (name, email, refusal), members in groups.items()
    ]


def sendable(messages: Iterable[Invitation]) -> int:
    """How many of ``messages`` can go on the wire: those a send would not refuse alone
    (:attr:`Invitation.unsendable`)."""
    return sum(1 for message in messages if not message.unsendable)


@dataclass(frozen=True, slots=True)
class InvitationPlan:
    to_send: tuple[Invitation, ...]
    already_sent: int
    """Recipients who were told exactly this already, so get nothing (of an event
    waiting for a sender, told this version of it: see :func:`plan_invitations`)."""
    unsigned: tuple[Unsigned, ...] = ()
    """Events whose messages wait for a sender, in the order of the scope."""
    not_invited: tuple[NotInvited, ...] = ()
    """Cancelled events, in the order of the scope, with the recipients left out as
    holding no invitation to them."""
    refused: tuple[HeldBack, ...] = ()
    """Messages left out, in the order of the scope, as their recipients' addresses were
    refused by the server (see :class:`HeldBack`); empty when planned to try again."""
    replan: Replan | None = field(default=None, compare=False, repr=False)
    """Plans the same scope with the same sender again: what :func:`send_batch` sends
    is what this gives at send time and the plan held both."""

    @property
    def sendable(self) -> int:
        """How many of the messages can go on the wire: those a send would not refuse
        alone (:attr:`Invitation.unsendable`). The count a preview gives."""
        return sendable(self.to_send)

    @property
    def summary(self) -> str:
        """The batch in one line, as the Send dialog's preview and ``send --dry-run``
        both sum it up: how many messages can go, and how many were sent already."""
        return _("{count} to send, {already} sent already").format(
            count=self.sendable, already=self.already_sent
        )


@dataclass(frozen=True, slots=True)
class Refusal:
    email: str
    reason: str
    title: str = ""
    """The title of the event the message was about."""
    event_uid: str = ""


class DropReason(Enum):
    SENT_MEANWHILE = "sent meanwhile"
    """The ledger holds the message: another batch sent it since it was planned."""
    CHANGED = "changed"
    """The program no longer means the message: the event or its recipients changed
    since it was planned (cancelled, moved, someone taken off), or its event lost the
    organiser that signed it."""


@dataclass(frozen=True, slots=True)
class Dropped:
    """A previewed message the batch did not send, and why."""

    invitation: Invitation
    reason: DropReason


@dataclass
class BatchReport:
    sent: list[Invitation] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    deferred: list[Refusal] = field(default_factory=list)
    """Messages the server asked to try later (a 4xx for their recipient or for the
    message): not recorded, so the next batch sends them."""
    dropped: list[Dropped] = field(default_factory=list)
    """Messages of the preview that were no longer due when the batch went, never
    sent: see :class:`DropReason`."""
    stopped_by: str | None = None
    """Why the batch stopped early (the server's answer), or None."""
    login_refused: bool = False
    """The batch stopped because the server refused the login: a wrong user or
    password, which sending again does not mend."""
    login_needed: bool = False
    """The batch stopped because the server takes mail only after a login and no user
    was given, which sending again does not mend either."""
    cancelled: bool = False

    def dropped_for(self, reason: DropReason) -> int:
        """How many messages were dropped for ``reason``."""
        return sum(1 for dropped in self.dropped if dropped.reason is reason)


@dataclass(frozen=True, slots=True)
class RefusalGroup:
    """The messages to one address that the server refused (or put off) for one
    reason: what a report says once, with how many and about which events."""

    email: str
    reason: str
    count: int
    events: tuple[str, ...]
    """The events' names as :func:`event_names` gives them, each once, in the
    batch's order."""


def grouped(refusals: Sequence[Refusal]) -> list[RefusalGroup]:
    """``refusals`` one group per address and reason, in the order of their first."""
    names = event_names((refusal.event_uid, refusal.title) for refusal in refusals)
    groups: dict[tuple[str, str], list[Refusal]] = {}
    for refusal in refusals:
        groups.setdefault((refusal.email, refusal.reason), []).append(refusal)
    return [
        RefusalGroup(
            email,
            reason,
            len(members),
            tuple(dict.fromkeys(names.get(member.event_uid, "") for member in members)),
        )
        for (email, reason), members in groups.items()
    ]


def unsendable_notes(messages: Sequence[Invitation]) -> list[str]:
    """What the Send dialog and ``send --dry-run`` say of each address of a batch that no
    message can carry (:attr:`Invitation.unsendable`, which a send refuses alone), a
    sentence each, once per address and reason however many messages go to it
    (``はなこ@例え.jp cannot be sent to (2 messages about 'Workshop', 'Site visit'): the
    part before the @ is not ASCII, …``), the address written whole as the send's report
    of refusals writes it; each medium adds only its own mark."""
    refusals = [_refusal(message, message.unsendable) for message in messages if message.unsendable]
    return [
        ngettext(
            "{address} cannot be sent to ({count} message about {events}): {reason}",
            "{address} cannot be sent to ({count} messages about {events}): {reason}",
            group.count,
        ).format(
            address=group.email,
            count=group.count,
            events=events_listed(group.events),
            reason=group.reason,
        )
        for group in grouped(refusals)
    ]


def unsigned_notes(unsigned: Sequence[Unsigned]) -> list[str]:
    """What the Send dialog and ``send --dry-run`` say of each event of a batch that
    waits for a sender, a sentence each (``'Site visit' names no organiser: its messages
    to 8 recipients wait for a sender``); each adds how to give one, in its own terms."""
    names = event_names((event.uid, event.title) for event in unsigned)
    return [
        ngettext(
            "{event} names no organiser: its message to {count} recipient waits for a sender",
            "{event} names no organiser: its messages to {count} recipients wait for a sender",
            event.recipients,
        ).format(event=names[event.uid], count=event.recipients)
        for event in unsigned
    ]


def not_invited_notes(not_invited: Sequence[NotInvited]) -> list[str]:
    """What the Send dialog and ``send --dry-run`` say of each cancelled event whose
    cancellation goes to nobody of some recipients, a sentence each."""
    names = event_names((event.uid, event.title) for event in not_invited)
    return [
        ngettext(
            "{event} is cancelled: no cancellation goes to {count} recipient who holds no "
            "invitation to it",
            "{event} is cancelled: no cancellation goes to {count} recipients who hold no "
            "invitation to it",
            event.recipients,
        ).format(event=names[event.uid], count=event.recipients)
        for event in not_invited
    ]


def held_back_notes(held: Sequence[HeldBack]) -> list[str]:
    """What the Send dialog and ``send`` (with or without ``--dry-run``) say of each
    person a batch leaves out because the server refused their address, a sentence each
    (``not sent: Bruno Salas <bruno@example.org> about 'Opening session', 'Site visit':
    refused by the server at …``), the refusal as the change report words it; the window
    starts it with a capital and marks it ⚠."""
    return [
        _("not sent: {recipient} about {events}: {refusal}").format(
            recipient=f"{group.recipient_name} <{group.recipient_email}>",
            events=events_listed(group.events),
            refusal=group.refusal,
        )
        for group in held_back_groups(held)
    ]


def held_back_note(held: Sequence[HeldBack]) -> str:
    """What the Send dialog and ``send --dry-run`` say of the messages a batch leaves
    out because the server refused their addresses (after a line for each person,
    :func:`held_back_groups`), nothing when none is; each adds how to send them all the
    same, in its own terms."""
    if not held:
        return ""
    return ngettext(
        "{count} message is left out as the server refused its address; it goes once the "
        "address is corrected",
        "{count} messages are left out as the server refused their addresses; they go once "
        "the addresses are corrected",
        len(held),
    ).format(count=len(held))


def events_listed(names: Sequence[str], shown: int = 5) -> str:
    """Events' names one after the other, the first ``shown`` of them: a study tour's
    fifty would fill the screen."""
    return ", ".join(names[:shown]) + (", …" if len(names) > shown else "")


def event_names(events: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The name of each event, given as (UID, title), as a list of messages names it:
    its title quoted, with its UID after it only when another event of the same list
    has the same title, so that the two can be told apart."""
    titles: dict[str, str] = dict(events)
    uses: dict[str, int] = {}
    for title in titles.values():
        uses[title] = uses.get(title, 0) + 1
    return {
        uid: f"{quoted(title)} ({uid})" if uses[title] > 1 else quoted(title)
        for uid, title in titles.items()
    }


def _events_of(session: Session, scope: InvitationScope) -> tuple[list[Event], str | None]:
    """The scope's events, and the delegation whose members alone are invited."""
    query = select(Event).options(*event_loading())
    if isinstance(scope, TourScope):
        tour = find_tour(session, scope.tour_id)
        found = session.scalars(
            query.join(TourDay, TourDay.id == Event.tour_day_id)
            .where(TourDay.tour_id == tour.id)
            .order_by(Event.start_utc, Event.uid)
        )
        return list(found), tour.delegation.name
    if isinstance(scope, EventScope):
        # Named by its UID or its id, as every command takes an event.
        event = find_event(session, scope.uid)
        return list(session.scalars(query.where(Event.id == event.id))), None
    delegation = session.scalars(
        select(Delegation).where(Delegation.name == scope.name)
    ).one_or_none()
    if delegation is None:
        raise NotFoundError(
            _("no delegation is called '{name}'").format(name=printable(scope.name))
        )
    named = session.scalars(
        query.where(
            or_(
                Event.delegations.any(Delegation.id == delegation.id),
                Event.participants.any(Participant.delegation_id == delegation.id),
            )
        )
    ).all()
    # With the sessions of its conferences, which invite its members too.
    events = [
        event
        for event in with_sessions(session, query, named)
        if scopes.involves_delegation(event, delegation)
    ]
    return sorted(events, key=lambda event: (event.start_utc, event.uid)), scope.name


def event_choice(database: Database, event_id: str | None) -> tuple[str, str] | None:
    """The UID and title of an event (the window's selection), or None."""
    if event_id is None:
        return None
    with database.session() as session:
        row = session.execute(select(Event.uid, Event.title).where(Event.id == event_id)).first()
    return (row[0], row[1]) if row is not None else None


def recipients_of(event: Event, only_delegation: str | None = None) -> list[Participant]:
    """Who is invited: the event's participants and its delegations' members, the
    organiser (who sends) left out; with ``only_delegation``, that delegation's alone."""
    chosen = [person for person in event.invitees if person is not event.organiser]
    if only_delegation is not None:
        chosen = [p for p in chosen if p.delegation and p.delegation.name == only_delegation]
    return sorted(chosen, key=lambda person: person.email)


@dataclass(frozen=True, slots=True)
class _Latest:
    """The latest message the ledger holds for one participant and event."""

    method: str
    digest: str


def _told(session: Session, event_ids: Iterable[str]) -> dict[tuple[str, str], _Latest]:
    """The latest message of the ledger for each (event, participant) of these events:
    read oldest first, so a later row takes the place of an earlier one (as
    :func:`services.changes.last_sent` reads them)."""
    ids = list(event_ids)
    found: dict[tuple[str, str], _Latest] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(
                SentMessage.event_id,
                SentMessage.participant_id,
                SentMessage.method,
                SentMessage.digest,
            )
            .where(SentMessage.event_id.in_(ids[start : start + 500]))
            .order_by(*ledger_order(SentMessage))
        )
        for event_id, person_id, method, digest in rows:
            found[(event_id, person_id)] = _Latest(method, digest)
    return found


def refused_addresses(session: Session, person_ids: Iterable[str]) -> dict[str, KeptRefusal]:
    """The server's latest refusal of each of these people that still stands: at the
    address they have now (as the change report tells a refused address from one
    corrected since, :meth:`KeptRefusal.was_to`), with no message accepted for them
    since, about any event. A refusal is the address's, not one event's: a batch about
    another event would be refused there all the same."""
    ids = sorted(set(person_ids))
    standing: dict[str, KeptRefusal] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        latest: dict[str, KeptRefusal] = {}
        rows = session.execute(
            select(
                RefusedMessage.participant_id,
                RefusedMessage.recipient_email,
                RefusedMessage.reply_code,
                RefusedMessage.reply_text,
                RefusedMessage.refused_at,
            )
            .where(RefusedMessage.participant_id.in_(chunk))
            .order_by(*ledger_order(RefusedMessage))
        )
        for person_id, address, code, text, refused_at in rows:
            latest[person_id] = KeptRefusal(address, code, text, refused_at)
        if not latest:
            continue
        people = list(latest)
        emails = {
            person_id: email
            for person_id, email in session.execute(
                select(Participant.id, Participant.email).where(Participant.id.in_(people))
            )
        }
        last_sent = {
            person_id: sent_at
            for person_id, sent_at in session.execute(
                select(SentMessage.participant_id, func.max(SentMessage.sent_at))
                .where(SentMessage.participant_id.in_(people))
                .group_by(SentMessage.participant_id)
            )
        }
        standing.update(
            (person_id, refusal)
            for person_id, refusal in latest.items()
            if refusal.was_to(emails.get(person_id))
            and refusal.stands_after(last_sent.get(person_id))
        )
    return standing


def _held_back(event: Event, person: Participant, refusal: KeptRefusal) -> HeldBack:
    return HeldBack(
        event.id,
        event.uid,
        event.title,
        person.id,
        person.name,
        person.email,
        refusal.refused_at,
        refusal_words(refusal),
    )


def plan_invitations(
    database: Database,
    scope: InvitationScope,
    sender: Organizer | None,
    *,
    stamp: datetime | None = None,
    retry_refused: bool = False,
) -> InvitationPlan:
    """The messages that would tell each recipient what the program says now, less
    those whose latest message in the ledger says exactly this already (the same
    calendar: its digest). A cancelled event's CANCEL goes only to those whose latest
    message about it is an invitation (a REQUEST); the others hold none, and are
    counted in ``not_invited``. A recipient whose address the server refused for good,
    and who has the same address still, is left out and listed in ``refused``
    (:func:`refused_addresses`): sending again would be refused again.
    ``retry_refused`` plans them all the same, for a server that refused them by
    mistake.

    ``sender`` signs for events that name no organiser; without one, such an event's
    messages are left out and the event is listed in ``unsigned`` with how many wait
    for a sender. Whether the ledger holds a recipient's message already is told by its
    calendar's digest, which covers whoever signs (ORGANIZER), the agenda, the
    recipient's name and language and the other attendees: without a signer there is
    none, so each recipient waits but those a signed batch would leave out all the same
    (holding no invitation to a cancelled event, or refused by the server). Once a
    sender is given, those told already are counted so."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    to_send: list[Invitation] = []
    unsigned: list[Unsigned] = []
    not_invited: list[NotInvited] = []
    held: list[HeldBack] = []
    already = 0
    with database.reading() as session:
        events, only = _events_of(session, scope)
        told = _told(session, (event.id for event in events))
        facts = facts_of(session, [event.id for event in events])
        refusals = (
            {}
            if retry_refused
            else refused_addresses(
                session, (person.id for event in events for person in recipients_of(event, only))
            )
        )
        renderings = batch_renderings(sender, stamp)
        for event in events:
            signer = organiser_of(event) or sender
            said = facts[event.id].to_json()
            left_out = waiting = 0
            for person in recipients_of(event, only):
                latest = told.get((event.id, person.id))
                invitation: Invitation | None = None
                if signer is None:
                    method = Method.CANCEL if event.is_cancelled else Method.REQUEST
                    holds = False  # unknown until someone signs: see above
                else:
                    invitation = build_invitation(
                        event, person, signer, stamp=stamp, renderings=renderings
                    )
                    method = invitation.method
                    holds = latest is not None and invitation.tells_as(latest.digest)
                if holds:
                    already += 1
                elif method is Method.CANCEL and (
                    latest is None or latest.method != Method.REQUEST.value
                ):
                    left_out += 1
                elif person.id in refusals:
                    held.append(_held_back(event, person, refusals[person.id]))
                elif invitation is None:
                    waiting += 1
                else:
                    to_send.append(replace(invitation, told=said))
            if waiting:
                unsigned.append(Unsigned(event.uid, event.title, waiting))
            if left_out:
                not_invited.append(NotInvited(event.uid, event.title, left_out))
    return InvitationPlan(
        tuple(to_send),
        already,
        tuple(unsigned),
        tuple(not_invited),
        tuple(held),
        replan=lambda: (
            plan_invitations(database, scope, sender, retry_refused=retry_refused).to_send
        ),
    )


@dataclass(frozen=True, slots=True)
class UpdatePlan:
    to_send: tuple[Invitation, ...]
    changes: tuple[Change, ...]
    """Every change of the report, in its order, but those ``refused`` holds back. Each
    is told by a message of ``to_send``, in the same order, but the changes of the
    ``unsigned`` events, which wait for a sender."""
    unsigned: tuple[Unsigned, ...] = ()
    """Events whose messages wait for a sender, in the order of the report."""
    refused: tuple[HeldBack, ...] = ()
    """The changes left out, in the order of the report, as their recipients' addresses
    were refused by the server (see :class:`HeldBack`); empty when planned to try
    again."""
    replan: Replan | None = field(default=None, compare=False, repr=False)
    """Plans the same scope with the same sender again (see :class:`InvitationPlan`)."""

    @property
    def sendable(self) -> int:
        """How many of the messages can go on the wire (see :attr:`InvitationPlan.sendable`)."""
        return sendable(self.to_send)

    @property
    def unsendable(self) -> dict[tuple[str, str], str]:
        """Why the message telling a change cannot be sent (an address the mail layer
        refuses: :attr:`Invitation.unsendable`), by the change's event UID and address."""
        return {
            (message.event_uid, message.recipient_email): message.unsendable
            for message in self.to_send
            if message.unsendable
        }

    @property
    def sendable_changes(self) -> tuple[Change, ...]:
        """The changes a batch tells, or tells once their event has a sender: all but
        those whose message cannot be sent. What a preview lists and counts as to send."""
        refused = self.unsendable
        return tuple(c for c in self.changes if (c.event_uid, c.email) not in refused)

    @property
    def summary(self) -> str:
        """The batch in one line, as the Send dialog's preview and ``send updates
        --dry-run`` both sum it up: how many messages to send, those waiting for a
        sender among them. Everyone is said to be told only where nothing at all is
        due: a change held back (an address the server refused) is still owed, and the
        notes say whose."""
        count = len(self.sendable_changes)
        if count or self.changes or self.refused:
            return _("{count} to send").format(count=count)
        return _("0 to send: everyone has been told the program as it is now")


def plan_updates(
    database: Database,
    scope: ChangeScope,
    sender: Organizer | None,
    *,
    stamp: datetime | None = None,
    retry_refused: bool = False,
) -> UpdatePlan:
    """One message per change of the report (:mod:`services.changes`): an update that
    spells out what changed, a cancellation, an invitation for someone added, or a
    cancellation for someone removed. Sent and recorded, they leave the report empty.
    ``sender`` signs for events that name no organiser; without one, the changes of
    those events are still listed, and their events in ``unsigned``. The changes of a
    recipient whose address the server refused are left out and listed in ``refused``,
    unless ``retry_refused``, as :func:`plan_invitations` leaves them out."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    with database.reading() as session:  # the facts recorded as told are those planned
        if isinstance(scope, EventScope):
            # Named by its UID or its id, as every command takes an event.
            scope = EventScope(find_event(session, scope.uid).uid)
        report = changes_in(session, scope)
        event_ids = sorted({change.event_id for change in report.changes})
        person_ids = sorted({change.participant_id for change in report.changes})
        events = _by_id(session, Event, event_ids, event_loading())
        people = _by_id(session, Participant, person_ids, (selectinload(Participant.delegation),))
        facts = facts_of(session, event_ids)
        refusals = {} if retry_refused else refused_addresses(session, person_ids)
        to_send: list[Invitation] = []
        to_tell: list[Change] = []
        held: list[HeldBack] = []
        waiting: dict[str, int] = {}
        renderings = batch_renderings(sender, stamp)
        for change in report.changes:
            event = events[change.event_id]
            refusal = refusals.get(change.participant_id)
            if refusal is not None:
                held.append(_held_back(event, people[change.participant_id], refusal))
                continue
            to_tell.append(change)
            signer = organiser_of(event) or sender
            if signer is None:
                waiting[event.id] = waiting.get(event.id, 0) + 1
                continue
            invitation = build_invitation(
                event,
                people[change.participant_id],
                signer,
                stamp=stamp,
                changed=change.details if change.kind is ChangeKind.CHANGED else (),
                removed=change.kind is ChangeKind.REMOVED,
                renderings=renderings,
            )
            to_send.append(replace(invitation, told=facts[change.event_id].to_json()))
        unsigned = tuple(
            Unsigned(events[event_id].uid, events[event_id].title, count)
            for event_id, count in waiting.items()
        )
    return UpdatePlan(
        tuple(to_send),
        tuple(to_tell),
        unsigned,
        tuple(held),
        replan=partial(_updates_again, database, scope, sender, retry_refused),
    )


def _updates_again(
    database: Database, scope: ChangeScope, sender: Organizer | None, retry_refused: bool
) -> tuple[Invitation, ...]:
    return plan_updates(database, scope, sender, retry_refused=retry_refused).to_send


Kind = TypeVar("Kind", Event, Participant)


def _by_id(
    session: Session, kind: type[Kind], ids: Sequence[str], loading: tuple[object, ...]
) -> dict[str, Kind]:
    found: dict[str, Kind] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(kind).where(kind.id.in_(chunk)).options(*loading)  # type: ignore[arg-type]
        found.update((record.id, record) for record in session.scalars(query))
    return found


def _ledger_row(invitation: Invitation, transport: str) -> SentMessage:
    return SentMessage(
        participant_id=invitation.recipient_id,
        event_id=invitation.event_id,
        sequence=invitation.sequence,
        method=invitation.method.value,
        digest=invitation.digest,
        # To the microsecond: a person's latest message about an event is the last of
        # their rows by this time, and a batch and its update go out within a second.
        sent_at=datetime.now(UTC),
        transport=transport,
        message_id=invitation.message_id,
        told=invitation.told,
        recipient_email=invitation.recipient_email,
        delegation_id=_delegation_now(invitation.recipient_id),
    )


def _delegation_now(participant_id: str) -> ScalarSelect[str | None]:
    """The participant's delegation as the row recording a message to them is written,
    read by the database in that row's own insert: whose way the message went."""
    return (
        select(Participant.delegation_id).where(Participant.id == participant_id).scalar_subquery()
    )


class UnrecordedSendError(StoreError):
    """A message went out but its ledger row could not be committed: the batch stops,
    naming the message, which the next batch would send again."""


RECORD_ATTEMPTS = 3
"""How many times a message that went out is recorded while a colleague's save holds the
database's lock (each waiting the database's ``timeout``) before it is reported as sent
but not recorded."""


class _Ledger:
    """Records a batch's messages through one session kept open for the batch (a batch
    of thousands does not open thousands of sessions), each in a short transaction of
    its own. No transaction is open while a message goes out: a slow or greylisting
    server never keeps the database's write lock from the coordinator's other saves.
    Each message is claimed against other batches while it goes out (see the module)."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._session = database.session()
        self._claims = MessageClaims(database)

    def send_and_record(
        self, invitation: Invitation, transport: Transport, send: Callable[[], None]
    ) -> bool:
        """Claim the message, make sure the ledger does not hold it already and takes its
        row, call ``send`` outside any transaction, and record the row once it returned;
        what ``send`` raises goes on up and nothing is recorded. False, with nothing
        sent, when the ledger holds the message already: another batch sent it since it
        was planned. A database that cannot take the row (a reader's login, a read-only,
        locked or moved file) refuses it before anything is sent; a row that cannot be
        recorded once the message went out is :class:`UnrecordedSendError`."""
        self._database.check_in_place(saving=True)
        with self._claims.claimed(invitation):
            if self._held_already(invitation):
                return False
            self._try_row(invitation, transport.name)
            send()
            self._record(invitation, transport.name)
        return True

    def _held_already(self, invitation: Invitation) -> bool:
        """Whether the latest message the ledger holds for this recipient and event is
        this one: the same calendar, what it told and the address it went to."""
        try:
            latest = self._session.execute(
                select(
                    SentMessage.method,
                    SentMessage.digest,
                    SentMessage.told,
                    SentMessage.recipient_email,
                )
                .where(
                    SentMessage.event_id == invitation.event_id,
                    SentMessage.participant_id == invitation.recipient_id,
                )
                .order_by(*ledger_order(SentMessage, latest_first=True))
                .limit(1)
            ).first()
        except DBAPIError as error:
            raise self._session.translate_read(error) from error
        finally:
            self._session.rollback()
        return (
            latest is not None
            and invitation.tells_as(latest.digest)
            and (latest.method, latest.told, latest.recipient_email)
            == (invitation.method.value, invitation.told, invitation.recipient_email)
        )

    def _try_row(self, invitation: Invitation, transport: str) -> None:
        """Write the message's row and take it back at once: what would refuse it after
        the send refuses it now, and the write lock is held for the insert alone."""
        self._database.check_in_place(saving=True)
        try:
            self._session.add(_ledger_row(invitation, transport))
            self._session.flush()
        except (DBAPIError, StaleDataError) as error:
            raise self._session.translate(error) from error
        finally:
            self._session.rollback()

    def _record(self, invitation: Invitation, transport: str) -> None:
        failure = self._commit(lambda: _ledger_row(invitation, transport))
        if failure is not None:
            raise UnrecordedSendError(
                _(
                    "the message to {email} about {title} went out but could not be "
                    "recorded ({reason}); a later batch would send it again"
                ).format(
                    email=invitation.recipient_email,
                    title=quoted(invitation.title),
                    reason=failure,
                )
            ) from failure

    def record_refusal(self, invitation: Invitation, refusal: RecipientRefusedError) -> None:
        """Keep the server's refusal of this message for good, in a transaction of its
        own. One that cannot be kept (the database locked past its attempts, the file
        moved) is left out: the batch reports the refusal all the same, and the next
        batch, refused again, keeps it then."""
        try:
            self._database.check_in_place(saving=True)
        except StoreError:
            return
        self._commit(
            lambda: RefusedMessage(
                participant_id=invitation.recipient_id,
                event_id=invitation.event_id,
                recipient_email=invitation.recipient_email,
                reply_code=refusal.code,
                reply_text=printable(refusal.answer, REFUSAL_TEXT_LENGTH),
                refused_at=datetime.now(UTC),
                delegation_id=_delegation_now(invitation.recipient_id),
            )
        )

    def _commit(self, make_row: Callable[[], Base]) -> StoreError | None:
        """Commit the row ``make_row`` makes in a transaction of its own, made again and
        tried again while the database is locked: the store's reason when it could not
        be, None once it is."""
        for attempt in range(1, RECORD_ATTEMPTS + 1):
            row = make_row()
            try:
                with self._session.begin():
                    self._session.add(row)
            except (DBAPIError, StaleDataError, StoreError) as error:
                failure = error if isinstance(error, StoreError) else self._session.translate(error)
                if isinstance(failure, DatabaseLockedError) and attempt < RECORD_ATTEMPTS:
                    continue
                return failure
            self._session.expunge(row)
            return None
        return None  # not reached: the last attempt returns either way

    def close(self) -> None:
        self._session.close()
        self._claims.close()


class RateLimit:
    """At most ``per_minute`` messages in any minute: waits between messages, in slices
    short enough that a cancel is seen within a fraction of a second."""

    def __init__(self, per_minute: int | None) -> None:
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self._next = 0.0

    def wait(self, cancelled: CancelFlag | None) -> bool:
        """Wait for the next slot; False when cancelled meanwhile."""
        while True:
            if cancelled is not None and cancelled():
                return False
            now = time.monotonic()
            left = self._next - now
            if left <= 0:
                self._next = now + self.interval
                return True
            time.sleep(min(left, 0.1))


def send_batch(
    database: Database,
    invitations: Iterable[Invitation] | InvitationPlan | UpdatePlan,
    transport: Transport,
    *,
    rate_per_minute: int | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelFlag | None = None,
) -> BatchReport:
    """Send each message and record it once accepted; a refused recipient is reported
    and skipped (so is a message that cannot be sent, :attr:`Invitation.unsendable`,
    without asking the transport), one the server puts off is reported as not sent yet,
    a failing transport or a cancel stops the batch. Refused with
    :class:`services.access.ReadOnlyError` before anything is sent when this login may
    not write the ledger.

    Given a plan (what a preview showed), its scope is planned again first and only the
    messages still due that the plan held are sent, the others reported as dropped;
    given messages alone, they are sent as they are. Either way a message the ledger
    holds by the time it would go is dropped, not sent again."""
    refuse_read_only(database)
    report = BatchReport()
    if isinstance(invitations, InvitationPlan | UpdatePlan):
        batch = _still_due(database, invitations, report)
    else:
        batch = list(invitations)
    limit = RateLimit(rate_per_minute)
    ledger = _Ledger(database)
    try:
        _send_each(batch, transport, ledger, limit, report, progress, cancelled)
    except KeyboardInterrupt:
        # Stopped at once (a second Ctrl-C, or one while the server is reached): what
        # went is in the report and the ledger, as a cancel between messages leaves it;
        # the message on the wire, if any, may have gone unrecorded.
        report.cancelled = True
    finally:
        ledger.close()
    return report


def _same_message(invitation: Invitation) -> tuple[str, str, str, str, str]:
    """What makes two plannings' messages the same message: to the same person at the
    same address about the same event, with the same calendar (its DTSTAMP aside)."""
    return (
        invitation.event_id,
        invitation.recipient_id,
        invitation.recipient_email,
        invitation.method.value,
        invitation.digest,
    )


def _still_due(
    database: Database, plan: InvitationPlan | UpdatePlan, report: BatchReport
) -> list[Invitation]:
    """The plan's messages that planning its scope again still gives, as planned now;
    the others go into ``report.dropped``, as sent meanwhile when the ledger's latest
    message for their recipient and event is theirs, else as changed."""
    if plan.replan is None:
        return list(plan.to_send)
    try:
        now = {_same_message(invitation): invitation for invitation in plan.replan()}
    except NotFoundError:
        now = {}  # the event, delegation or tour is gone: nothing it meant is due
    batch: list[Invitation] = []
    gone: list[Invitation] = []
    for previewed in plan.to_send:
        current = now.get(_same_message(previewed))
        if current is None:
            gone.append(previewed)
        else:
            batch.append(current)
    if gone:
        with database.reading() as session:
            told = _told(session, {invitation.event_id for invitation in gone})
        for invitation in gone:
            latest = told.get((invitation.event_id, invitation.recipient_id))
            held = (
                latest is not None
                and latest.method == invitation.method.value
                and invitation.tells_as(latest.digest)
            )
            reason = DropReason.SENT_MEANWHILE if held else DropReason.CHANGED
            report.dropped.append(Dropped(invitation, reason))
    return batch


def _refusal(invitation: Invitation, reason: str) -> Refusal:
    return Refusal(invitation.recipient_email, reason, invitation.title, invitation.event_uid)


def _send_each(
    batch: list[Invitation],
    transport: Transport,
    ledger: _Ledger,
    limit: RateLimit,
    report: BatchReport,
    progress: ProgressCallback | None,
    cancelled: CancelFlag | None,
) -> None:
    for done, invitation in enumerate(batch, start=1):
        if invitation.unsendable:
            report.refused.append(_refusal(invitation, invitation.unsendable))
            if progress is not None:
                progress(done, len(batch))
            continue
        if not limit.wait(cancelled):
            report.cancelled = True
            break
        try:
            went = ledger.send_and_record(
                invitation, transport, partial(transport.send, invitation.message)
            )
        except RecipientRefusedError as refusal:
            report.refused.append(_refusal(invitation, str(refusal)))
            # Kept to hold the address back from later batches when it is the address
            # that was refused; a message refused for its content (too large, a sender
            # the server will not send as) says nothing of the address.
            if refusal.of_address:
                ledger.record_refusal(invitation, refusal)
        except RecipientDeferredError as deferral:
            report.deferred.append(_refusal(invitation, str(deferral)))
        except LoginRefusedError as refused:
            report.stopped_by = str(refused)
            report.login_refused = True
            break
        except LoginNeededError as needed:
            report.stopped_by = str(needed)
            report.login_needed = True
            break
        except (TransportError, StoreError) as failure:
            # The session or the outbox failed, or the ledger cannot take the message
            # (refused before it went, or, UnrecordedSendError, after).
            report.stopped_by = str(failure)
            break
        else:
            if went:
                report.sent.append(invitation)
            else:
                report.dropped.append(Dropped(invitation, DropReason.SENT_MEANWHILE))
        if progress is not None:
            progress(done, len(batch))


def ledger(database: Database, event_uid: str | None = None) -> list[SentMessage]:
    """The ledger's rows (of one event), oldest first, detached for reading."""
    with database.session() as session:
        query = select(SentMessage).order_by(*ledger_order(SentMessage))
        if event_uid is not None:
            query = query.join(Event, Event.id == SentMessage.event_id).where(
                Event.uid == event_uid
            )
        rows = list(session.scalars(query))
        session.expunge_all()
    return rows
