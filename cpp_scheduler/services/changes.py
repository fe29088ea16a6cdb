"""What changed since each participant was last told: the ledger against the program now.

The ledger keeps, with every message, the facts it told (:class:`EventFacts`: title,
status, times, place, link, the series' rule and its moved and cancelled meetings). The
report reads those facts and the program's own in a few column queries, so a program of
ten thousand events is compared in a fraction of a second, and names per participant and
event what they would have to be told: the event changed (and how, on their clock), it
was cancelled, they were removed from it, or they hold no invitation to it (and why:
:class:`Untold`, which names the server's refusal of their last message where one was
kept, :class:`~cpp_scheduler.model.RefusedMessage`). Each change is worded twice: in the
participant's language for their message, in the program's for the coordinator's
report. Someone never sent an event counts only where its invitations went their way: to
others of their delegation, or after they were put on it (see
:func:`_linked_after_first_message`); a batch for other delegations is no invitation
Send updates has to complete. ``cpp-scheduler changes``,
the window's changes dialog and "Send updates" all read this one report, and the
question before a deletion reads it twice: of the program now, and of the program as
the deletion would leave it (:func:`changes_without`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from sqlalchemy import func, null, select
from sqlalchemy.orm import Session, aliased, selectinload

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import N_, _, ngettext
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import ONLINE, all_day_line, describe_meeting, location_text
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventMode,
    EventStatus,
    OccurrenceOverride,
    Participant,
    PartnerCity,
    RefusedMessage,
    SentMessage,
    TourDay,
    Venue,
    recurrence,
)
from cpp_scheduler.model.event import (
    event_delegations,
    event_participants,
    held_statuses,
)
from cpp_scheduler.model.event_filter import conferences_above, delegations_attending
from cpp_scheduler.model.history import Change as SavedChange
from cpp_scheduler.model.mail import ledger_order
from cpp_scheduler.scheduling.inputs import japan_day
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope, TourScope
from cpp_scheduler.services.rows import with_conferences
from cpp_scheduler.services.snapshot import NotFoundError, find_tour, named_event, no_event_named
from cpp_scheduler.store import Database

_FIRST = itemgetter(0)
"""A change's recurrence id, in a row of the overrides' columns."""

ChangeScope = EventScope | DelegationScope | TourScope | None
"""One event, one delegation's members, one study tour's events, or everything."""
_CHUNK = 500

Gone = Mapping[str, Set[str]]
"""Records read as deleted, their ids by table (``venues``, ``participants``): the
program as a deletion would leave it, which the question before the deletion reports
on by the same rule as the program now. A reference to one of them reads as empty and
a link to one of them as gone, as the database's ON DELETE leaves them."""
NOTHING_GONE: Gone = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What a message tells of an event, and what the report compares."""

    title: str
    status: str
    start: datetime
    end: datetime
    zone: str
    place: str
    link: str
    rule: str
    cancelled: tuple[datetime, ...]
    """The start each cancelled meeting of the series had by its rule."""
    moved: tuple[tuple[datetime, datetime, datetime], ...]
    """(start by the rule, new start, new end) of each moved meeting."""
    all_day: bool = False
    """An all-day event: its days in ``zone``, from ``start`` to the midnight ``end``."""
    where: str | None = None
    """Which place the calendar's LOCATION names (:func:`location_text`): ``online``,
    ``venue:ID`` or ``city:ID`` (empty: none), compared in place of the words, so a
    venue renamed or its address corrected is no move (see :func:`_place_changed`).
    None in facts kept before the ledger noted it, whose ``place`` is then the venue's
    name and the event's partner city, or ``online``, as the program wrote them."""
    place_ja: str = ""
    """The place's Japanese name, where it has one: what Japanese readers are told."""
    place_as_kept_before: str = field(default="", compare=False)
    """The program's place as facts kept before ``where`` worded it, to compare those
    with (never written to the ledger)."""

    def to_json(self) -> str:
        # ``all_day`` is written only when it holds: a timed event's facts read as the
        # ledger has kept them all along.
        extra: dict[str, object] = {"all_day": True} if self.all_day else {}
        if self.where is not None:
            extra.update(where=self.where, place_ja=self.place_ja)
        return json.dumps(
            {
                **extra,
                "title": self.title,
                "status": self.status,
                "start": self.start.isoformat(),
                "end": self.end.isoformat(),
                "zone": self.zone,
                "place": self.place,
                "link": self.link,
                "rule": self.rule,
                "cancelled": [when.isoformat() for when in self.cancelled],
                "moved": [[when.isoformat() for when in move] for move in self.moved],
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> EventFacts | None:
        """The facts a ledger row holds; None for rows written before it kept them."""
        if not text:
            return None
        data = json.loads(text)
        return cls(
            data["title"],
            data["status"],
            datetime.fromisoformat(data["start"]),
            datetime.fromisoformat(data["end"]),
            data["zone"],
            data["place"],
            data["link"],
            data["rule"],
            tuple(datetime.fromisoformat(when) for when in data["cancelled"]),
            tuple(
                (
                    datetime.fromisoformat(rid),
                    datetime.fromisoformat(start),
                    datetime.fromisoformat(end),
                )
                for rid, start, end in data["moved"]
            ),
            bool(data.get("all_day", False)),
            data.get("where"),
            data.get("place_ja", ""),
        )


class ChangeKind(StrEnum):
    CHANGED = "changed"
    """The event moved or changed: an update (REQUEST with the event's SEQUENCE)."""
    CANCELLED = "cancelled"
    """The event was cancelled since they were invited: a CANCEL."""
    ADDED = "added"
    """Attends an event and holds no invitation to it at their address: their
    invitation. Why is the change's :class:`Untold`."""
    REMOVED = "removed"
    """No longer attends an event they were invited to: a CANCEL for them alone."""

    @property
    def label(self) -> str:
        """The kind as a report says it, in the program's language."""
        return _(_CHANGE_KIND_LABELS[self])


_CHANGE_KIND_LABELS = {
    ChangeKind.CHANGED: N_("changed"),
    ChangeKind.CANCELLED: N_("cancelled"),
    ChangeKind.ADDED: N_("added"),
    ChangeKind.REMOVED: N_("removed"),
}


class Untold(StrEnum):
    """Why someone who attends an event holds no invitation to it: what the ledger
    says they were last sent of it. Each is invited the same way (a REQUEST); the
    report tells the coordinator which it is."""

    NEVER_SENT = "never_sent"
    """Nothing of this event, though it went out to others of their delegation (or,
    outside any, to others outside any) or they were added to it after it first went
    out: added since."""
    REFUSED = "refused"
    """The server refused their invitation for good, at the address they have, and
    nothing of this event has gone to them since: the coordinator corrects the address
    (or asks the person's mail administrator) before sending again."""
    ADDRESS_CORRECTED = "address_corrected"
    """An invitation, to an address corrected since (or refused by the server there):
    nothing at the one they have."""
    INVITED_AGAIN = "invited_again"
    """The cancellation for them alone: taken off the event, told so, and put back."""
    HELD_AGAIN = "held_again"
    """The event's cancellation, and it is held again."""

    @property
    def label(self) -> str:
        """The reason as a report says it, in the program's language."""
        return _(_UNTOLD_LABELS[self])


_UNTOLD_LABELS = {
    Untold.NEVER_SENT: N_("added"),
    Untold.REFUSED: N_("refused by the server"),
    Untold.ADDRESS_CORRECTED: N_("address corrected"),
    Untold.INVITED_AGAIN: N_("invited again"),
    Untold.HELD_AGAIN: N_("held again"),
}


@dataclass(frozen=True, slots=True)
class Change:
    """What one participant has to be told about one event."""

    participant_id: str
    participant: str
    email: str
    delegation: str
    event_id: str
    event_uid: str
    title: str
    kind: ChangeKind
    details: tuple[str, ...]
    """Each difference in words, times on the participant's clock, in the participant's
    language: what their message says."""
    reported: tuple[str, ...] = ()
    """The same in the program's language: what the coordinator's report says."""
    untold: Untold | None = None
    """Why an :attr:`ChangeKind.ADDED` participant holds no invitation; None otherwise."""

    @property
    def method(self) -> str:
        return "REQUEST" if self.kind in (ChangeKind.CHANGED, ChangeKind.ADDED) else "CANCEL"

    @property
    def label(self) -> str:
        """What the report calls the change, in the program's language: its kind, or for
        someone to invite, why they hold no invitation."""
        return self.untold.label if self.untold is not None else self.kind.label

    @property
    def person_text(self) -> str:
        """Whom the change is for, as the report names them: name, address, delegation."""
        group = f", {self.delegation}" if self.delegation else ""
        return f"{self.participant} <{self.email}>{group}"

    @property
    def heading(self) -> str:
        """The event and what is to be told of it, as the report heads its details:
        "Kobe workshop (changed, REQUEST)", the message's method last."""
        return f"{self.title} ({self.label}, {self.method})"

    def as_json(self) -> dict[str, object]:
        """The change as ``changes --json`` gives it: ``details`` in the program's
        language, as the report prints them, ``message_details`` as the participant's
        message words them."""
        return {
            "participant": self.participant,
            "email": self.email,
            "delegation": self.delegation,
            "event": self.event_uid,
            "title": self.title,
            "change": self.kind.value,
            "untold": self.untold.value if self.untold is not None else None,
            "method": self.method,
            "details": list(self.reported or self.details),
            "message_details": list(self.details),
        }


@dataclass(frozen=True, slots=True)
class ChangeReport:
    changes: tuple[Change, ...]

    def by_participant(self) -> dict[str, list[Change]]:
        """Each participant's changes, participants in the order of the report."""
        grouped: dict[str, list[Change]] = defaultdict(list)
        for change in self.changes:
            grouped[change.email].append(change)
        return dict(grouped)


def changes_count_text(count: int) -> str:
    """ "1 change", "3 changes": how many a participant has to be told, as the report
    counts them under each participant."""
    return ngettext("{count} change", "{count} changes", count).format(count=count)


def report_summary(report: ChangeReport) -> str:
    """What the report comes to, as the window's "What changed since last sent" and
    ``cpp-scheduler changes`` sum it up: how many changes there are to tell, and to how
    many people (by address, as the report groups them), or that there is nothing to
    tell. A change is told by a message once sent; Send updates' preview says which of
    them can go now."""
    if not report.changes:
        return _("Everyone has been told the program as it is now.")
    changes = len(report.changes)
    people = len(report.by_participant())
    return _("{changes} to tell {people}.").format(
        changes=changes_count_text(changes),
        people=ngettext("{count} participant", "{count} participants", people).format(count=people),
    )


# -- the program's facts, in column queries ------------------------------------------


def _chunks(ids: Sequence[str] | None) -> Iterable[Sequence[str] | None]:
    if ids is None:
        yield None
        return
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def facts_of(
    session: Session, event_ids: Sequence[str] | None = None, gone: Gone = NOTHING_GONE
) -> dict[str, EventFacts]:
    """The facts of these events (of every event with None), by event id; with ``gone``,
    as they would be without those records (an event at a deleted venue held nowhere)."""
    gone_events = gone.get(str(Event.__tablename__), frozenset())
    gone_venues = gone.get(str(Venue.__tablename__), frozenset())
    gone_cities = gone.get(str(PartnerCity.__tablename__), frozenset())
    host = aliased(PartnerCity)
    overrides: dict[str, list[tuple[datetime, bool, datetime | None, datetime | None]]] = (
        defaultdict(list)
    )
    rows: list[Any] = []
    for chunk in _chunks(event_ids):
        query = (
            select(
                Event.id,
                Event.title,
                Event.status,
                Event.mode,
                Event.start_utc,
                Event.end_utc,
                Event.zone,
                Event.video_link,
                Event.recurrence_rule,
                Event.all_day,
                Event.venue_id,
                Venue.name,
                Venue.name_ja,
                Event.city_id,
                host.name,
                host.name_ja,
            )
            .outerjoin(Venue, Venue.id == Event.venue_id)
            .outerjoin(host, host.id == Event.city_id)
        )
        changed = select(
            OccurrenceOverride.event_id,
            OccurrenceOverride.recurrence_id,
            OccurrenceOverride.cancelled,
            OccurrenceOverride.start_utc,
            OccurrenceOverride.end_utc,
        )
        if chunk is not None:
            query = query.where(Event.id.in_(chunk))
            changed = changed.where(OccurrenceOverride.event_id.in_(chunk))
        rows.extend(session.execute(query).all())
        for event_id, rid, cancelled, start, end in session.execute(changed):
            overrides[event_id].append((rid, cancelled, start, end))
    facts: dict[str, EventFacts] = {}
    held = held_statuses(session)
    for row in rows:
        event_id, title, status, mode, start, end, zone, link, rule, all_day = row[:10]
        if event_id in gone_events:
            continue
        venue_id, venue, venue_ja, city_id, city, city_ja = row[10:]
        if venue_id in gone_venues:
            venue_id = venue = venue_ja = None
        if city_id in gone_cities:
            city_id = city = city_ja = None
        own = recurrence.applied(
            start, zone, rule, sorted(overrides.get(event_id, ()), key=_FIRST), _FIRST
        )
        where, place, place_ja = _place(
            EventMode(mode), (venue_id, venue, venue_ja), (city_id, city, city_ja)
        )
        kept_before = ", ".join(part for part in (venue, city) if part)
        if mode is EventMode.VIRTUAL:
            kept_before = "online"
        facts[event_id] = EventFacts(
            title,
            held.status(event_id, EventStatus(status)).value,
            start,
            end,
            zone,
            place,
            link or "",
            rule or "",
            tuple(rid for rid, cancelled, _, _ in own if cancelled),
            tuple(
                (rid, new_start, new_end)
                for rid, cancelled, new_start, new_end in own
                if not cancelled and new_start is not None and new_end is not None
            ),
            bool(all_day),
            where,
            place_ja,
            kept_before,
        )
    return facts


_Named = tuple[str | None, str | None, str | None]
"""A venue's or a city's id, name and Japanese name (None: none)."""


def _place(mode: EventMode, venue: _Named, city: _Named) -> tuple[str, str, str]:
    """The place the event's calendar names as its LOCATION, by the rule of
    :func:`location_text` (online for a virtual event, else its venue, else its partner
    city): which it is, its name, and its Japanese name where it has one. The name, not
    the venue's address the calendar adds: the message's own lines give the address."""
    venue_id, venue_name, venue_ja = venue
    city_id, city_name, city_ja = city
    location = location_text(mode, venue_name, None, city_name)
    if not location:
        return "", "", ""
    if location == ONLINE and mode is EventMode.VIRTUAL:
        return _ONLINE, ONLINE, ""
    if location == venue_name:
        return f"venue:{venue_id}", venue_name, venue_ja or ""
    return f"city:{city_id}", location, city_ja or ""


_ONLINE = "online"
"""Where a virtual event is, as :attr:`EventFacts.where` and the facts kept before it
say it."""


def recipients_by_event(
    session: Session, event_ids: Sequence[str] | None = None, gone: Gone = NOTHING_GONE
) -> dict[str, set[str]]:
    """Who each event invites (participant ids): its participants and the members of the
    delegations it is for (a session naming none is for its conference's), its organiser
    left out, as :func:`invitations.recipients_of` says; with
    ``gone``, as it would without those records (a deleted delegation's members no
    longer invited through it)."""
    gone_events = gone.get(str(Event.__tablename__), frozenset())
    gone_people = gone.get(str(Participant.__tablename__), frozenset())
    gone_delegations = gone.get(str(Delegation.__tablename__), frozenset())
    recipients: dict[str, set[str]] = defaultdict(set)
    organisers: dict[str, str | None] = {}
    for chunk in _chunks(event_ids):
        direct = select(event_participants.c.event_id, event_participants.c.participant_id, null())
        members = select(
            event_delegations.c.event_id, Participant.id, event_delegations.c.delegation_id
        ).join(Participant, Participant.delegation_id == event_delegations.c.delegation_id)
        organised = select(Event.id, Event.organiser_id)
        if chunk is not None:
            direct = direct.where(event_participants.c.event_id.in_(chunk))
            members = members.where(event_delegations.c.event_id.in_(chunk))
            organised = organised.where(Event.id.in_(chunk))
        for event_id, person_id, through in session.execute(direct.union_all(members)):
            if gone and (
                event_id in gone_events or person_id in gone_people or through in gone_delegations
            ):
                continue
            recipients[event_id].add(person_id)
        organisers.update((row[0], row[1]) for row in session.execute(organised))
    for event_id, people in _invited_through_conferences(session, event_ids, gone).items():
        recipients[event_id].update(people)
    for event_id, organiser in organisers.items():
        if organiser is not None:
            recipients[event_id].discard(organiser)
    return recipients


def _organisers(session: Session, event_ids: Sequence[str] | None) -> dict[str, str]:
    """The organiser of each event that has one (of ``event_ids``, or of every event)."""
    found: dict[str, str] = {}
    for chunk in _chunks(event_ids):
        query = select(Event.id, Event.organiser_id).where(Event.organiser_id.is_not(None))
        if chunk is not None:
            query = query.where(Event.id.in_(chunk))
        found.update(
            (str(event_id), str(organiser)) for event_id, organiser in session.execute(query)
        )
    return found


def _invited_through_conferences(
    session: Session, event_ids: Sequence[str] | None, gone: Gone
) -> dict[str, set[str]]:
    """Who each session naming no delegation invites through its conferences (at any
    depth): the members of their delegations (:attr:`Event.attending_delegations`, the
    engine's rule of who attends), as :func:`recipients_by_event` would have them
    without the ``gone`` records."""
    gone_people = gone.get(str(Participant.__tablename__), frozenset())
    gone_delegations = gone.get(str(Delegation.__tablename__), frozenset())
    conference_of = _conferences_above(session, event_ids)
    wanted = conference_of.keys() if event_ids is None else set(event_ids)
    sessions = [event_id for event_id in conference_of if event_id in wanted]
    if not sessions:
        return {}
    named = _delegations_named(session, with_conferences(sessions, conference_of))
    named = {
        event_id: {d for d in delegations if d not in gone_delegations}
        for event_id, delegations in named.items()
    }
    attending = {
        event_id: delegations_attending(
            frozenset(), conferences_above(event_id, conference_of), named
        )
        for event_id in sessions
        if not named.get(event_id)
    }
    wanted_delegations = sorted(set().union(*attending.values()))
    members: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(wanted_delegations), _CHUNK):
        chunk = wanted_delegations[start : start + _CHUNK]
        for person_id, delegation_id in session.execute(
            select(Participant.id, Participant.delegation_id).where(
                Participant.delegation_id.in_(chunk)
            )
        ):
            if person_id not in gone_people:
                members[str(delegation_id)].add(person_id)
    return {
        event_id: set().union(*(members.get(d, set()) for d in delegations))
        for event_id, delegations in attending.items()
        if delegations
    }


def _conferences_above(session: Session, event_ids: Sequence[str] | None) -> dict[str, str]:
    """Each session's conference, for these events (every event with None) and the
    conferences above them: read up from the events asked of, a level at a time, so
    that one event's recipients cost no read of the whole program's sessions."""
    if event_ids is None:
        return {
            event_id: str(parent)
            for event_id, parent in session.execute(
                select(Event.id, Event.parent_id).where(Event.parent_id.is_not(None))
            )
        }
    found: dict[str, str] = {}
    asked: set[str] = set()
    level = list(dict.fromkeys(event_ids))
    while level:
        asked.update(level)
        for start in range(0, len(level), _CHUNK):
            chunk = level[start : start + _CHUNK]
            found.update(
                (event_id, str(parent))
                for event_id, parent in session.execute(
                    select(Event.id, Event.parent_id).where(
                        Event.id.in_(chunk), Event.parent_id.is_not(None)
                    )
                )
            )
        level = [parent for parent in set(found.values()) if parent not in asked]
    return found


def _delegations_named(session: Session, event_ids: Sequence[str]) -> dict[str, set[str]]:
    """The delegations each of these events names itself."""
    named: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(event_ids), _CHUNK):
        chunk = event_ids[start : start + _CHUNK]
        for event_id, delegation_id in session.execute(
            select(event_delegations.c.event_id, event_delegations.c.delegation_id).where(
                event_delegations.c.event_id.in_(chunk)
            )
        ):
            named[event_id].add(delegation_id)
    return named


@dataclass(frozen=True, slots=True)
class _LastSent:
    method: str
    sequence: int
    told: str
    """The facts the message told, as the ledger keeps them (JSON)."""
    address: str = ""
    """The address it went to; empty where the ledger's row is older than that."""
    sent_at: datetime | None = None
    delegation: str | None = None
    """The recipient's delegation when it went (None: of none): whose way it went."""

    def went_elsewhere(self, email: str | None) -> bool:
        """Whether an invitation went to an address the person no longer has (a
        mistyped one, corrected since): at ``email`` they were told nothing."""
        return (
            self.method == "REQUEST"
            and bool(self.address)
            and email is not None
            and self.address.casefold() != email.casefold()
        )


def last_sent(
    session: Session, event_ids: Sequence[str] | None = None, gone: Gone = NOTHING_GONE
) -> dict[tuple[str, str], _LastSent]:
    """The latest message of the ledger for each (event, participant). With ``gone``,
    without the rows of those events and participants, which their deletion takes
    along."""
    return {
        pair: _LastSent(*values)
        for pair, values in _latest_rows(
            session,
            SentMessage,
            (
                SentMessage.method,
                SentMessage.sequence,
                SentMessage.told,
                SentMessage.recipient_email,
                SentMessage.sent_at,
                SentMessage.delegation_id,
            ),
            event_ids,
            gone,
        ).items()
    }


def _latest_rows(
    session: Session,
    table: type[SentMessage] | type[RefusedMessage],
    columns: tuple[Any, ...],
    event_ids: Sequence[str] | None,
    gone: Gone,
) -> dict[tuple[str, str], tuple[Any, ...]]:
    """``columns`` of ``table``'s latest row (by the ledger's one order,
    :func:`~cpp_scheduler.model.mail.ledger_order`) for each (event, participant): read
    oldest first, so a later row takes the place of an earlier one; the rows of ``gone``
    events and participants left out."""
    gone_events = gone.get(str(Event.__tablename__), frozenset())
    gone_people = gone.get(str(Participant.__tablename__), frozenset())
    latest: dict[tuple[str, str], tuple[Any, ...]] = {}
    for chunk in _chunks(event_ids):
        query = select(table.event_id, table.participant_id, *columns).order_by(
            *ledger_order(table)
        )
        if chunk is not None:
            query = query.where(table.event_id.in_(chunk))
        for event_id, person_id, *values in session.execute(query):
            if event_id not in gone_events and person_id not in gone_people:
                latest[(event_id, person_id)] = tuple(values)
    return latest


@dataclass(frozen=True, slots=True)
class KeptRefusal:
    """The server's latest refusal of a message to one participant (about one event, or,
    as a batch's plan reads them, about any)."""

    address: str
    code: int
    text: str
    refused_at: datetime
    delegation: str | None = None
    """The recipient's delegation when it was refused (None: of none)."""

    def stands(self, last: _LastSent | None) -> bool:
        """Whether nothing has been sent to them about the event since: a message sent
        later makes the refusal history."""
        return last is None or self.stands_after(last.sent_at)

    def stands_after(self, sent_at: datetime | None) -> bool:
        """Whether a message sent at ``sent_at`` (None: never, or before the ledger
        kept the time) leaves the refusal standing: it went before the refusal."""
        return sent_at is None or sent_at < self.refused_at

    def was_to(self, email: str | None) -> bool:
        """Whether the address refused is the one the person has now."""
        return email is not None and self.address.casefold() == email.casefold()

    @property
    def answer(self) -> str:
        """The server's reply as a report quotes it: ``550 5.1.1 no such user``."""
        return f"{self.code} {self.text}".strip()


def last_refused(
    session: Session, event_ids: Sequence[str] | None = None, gone: Gone = NOTHING_GONE
) -> dict[tuple[str, str], KeptRefusal]:
    """The server's latest refusal for each (event, participant) it refused, read as
    :func:`last_sent` reads the ledger; whether it still stands is
    :meth:`KeptRefusal.stands` against their last message."""
    return {
        pair: KeptRefusal(*values)
        for pair, values in _latest_rows(
            session,
            RefusedMessage,
            (
                RefusedMessage.recipient_email,
                RefusedMessage.reply_code,
                RefusedMessage.reply_text,
                RefusedMessage.refused_at,
                RefusedMessage.delegation_id,
            ),
            event_ids,
            gone,
        ).items()
    }


# -- the differences, in words -------------------------------------------------------


def _when(start: datetime, end: datetime, viewer: scopes.Viewer) -> str:
    return describe_meeting(start, end, viewer.zone_on(japan_day(start)), viewer.language)


def _days(facts: EventFacts, viewer: scopes.Viewer) -> str:
    """An all-day event's dates in its own zone, the same for every reader, as its
    calendar and its invitation give them (``All day from Thu 29 Apr 2027 to ...``)."""
    first, last = timezones.all_day_dates(facts.start, facts.end, facts.zone)
    return all_day_line(first, last, viewer.language)


def _held(facts: EventFacts, viewer: scopes.Viewer) -> str:
    """When the event is held: its dates if all day, else its times on ``viewer``'s clock."""
    if facts.all_day:
        return _days(facts, viewer)
    return _when(facts.start, facts.end, viewer)


def _mid_sentence(phrase: str, language: str) -> str:
    """A phrase that opens a line of its own (``All day from ...``) as it reads inside a
    sentence: in English, its first letter small; other languages have no capitals."""
    if language != i18n.ENGLISH or not phrase[:1].isupper() or phrase[1:2].isupper():
        return phrase
    return phrase[:1].lower() + phrase[1:]


def _moved(before: EventFacts, now: EventFacts) -> bool:
    """Whether the event is held at another time. Facts kept before the ledger noted
    ``all_day`` read as timed, so a flag that turned on over the same instants alone
    is no move (an event made all day over the very midnights it had is not told); one
    that turned off is, the ledger having noted it. An all-day event is held on its
    dates, the same on every calendar: one whose zone changed over the same dates (its
    midnights other instants) is where it was."""
    if before.all_day and now.all_day:
        return _dates(before) != _dates(now)
    if (before.start, before.end) != (now.start, now.end):
        return True
    return before.all_day and not now.all_day


def _dates(facts: EventFacts) -> tuple[date, date]:
    return timezones.all_day_dates(facts.start, facts.end, facts.zone)


def differences(
    before: EventFacts, now: EventFacts, viewer: scopes.Viewer, clock: str
) -> list[str]:
    """Each difference between what was told and what is, times on ``viewer``'s clock
    (``clock`` names it: "your time", "Lima time"), in the viewer's language: the words
    their update spells out."""
    text = i18n.catalogue(viewer.language).gettext
    found: list[str] = []
    if before.title != now.title:
        found.append(
            text(N_("renamed from '{before}' to '{now}'")).format(
                before=before.title, now=now.title
            )
        )
    if before.status != now.status:
        found.append(
            text(N_("now {status} (was {before})")).format(
                status=_status(now.status, viewer.language),
                before=_status(before.status, viewer.language),
            )
        )
    if _moved(before, now):
        if before.all_day or now.all_day:
            # Dates are no clock's: each side as its own reader gives it.
            found.append(
                text(N_("moved to {now} (was {before})")).format(
                    now=_mid_sentence(_held(now, viewer), viewer.language),
                    before=_mid_sentence(_held(before, viewer), viewer.language),
                )
            )
        else:
            found.append(
                text(N_("moved from {before} to {now}, {clock}")).format(
                    before=_when(before.start, before.end, viewer),
                    now=_when(now.start, now.end, viewer),
                    clock=clock,
                )
            )
    if before.rule != now.rule:
        found.append(_rule_change(before, now, viewer))
    if _place_changed(before, now):
        nowhere = text(N_("no place"))
        now_at = _place_words(now, viewer) or nowhere
        was_at = _place_words(before, viewer) or nowhere
        if _online(now):
            said = text(N_("now online instead of at {before}")).format(before=was_at)
        elif _online(before):
            said = text(N_("now at {now} instead of online")).format(now=now_at)
        else:
            said = text(N_("now at {now} instead of {before}")).format(now=now_at, before=was_at)
        found.append(said)
    if before.link != now.link:
        found.append(text(N_("video link now {link}")).format(link=now.link or text(N_("none"))))
    return found + [words for _, words in sorted(_meeting_changes(before, now, viewer, clock))]


def _meeting_changes(
    before: EventFacts, now: EventFacts, viewer: scopes.Viewer, clock: str
) -> list[tuple[datetime, str]]:
    """What changed of a series' meetings one by one, each with when the meeting was
    held as the participant was told it, which the update lists them by: a reader
    follows the series' meetings in their order, whatever became of each."""
    text = i18n.catalogue(viewer.language).gettext
    found: list[tuple[datetime, str]] = []
    length = now.end - now.start
    moves_before = {rid: (start, end) for rid, start, end in before.moved}
    for rid in _dropped(before, now):
        start, end = moves_before.get(rid, (rid, rid + (before.end - before.start)))
        said = text(N_("the meeting of {when} no longer takes place, {clock}"))
        found.append((start, said.format(when=_when(start, end, viewer), clock=clock)))
    told = _told_meetings(before, _times(now))
    for rid in sorted(set(now.cancelled) - told.cancelled):
        start, end = told.known.get(rid, (rid, rid + length))
        said = text(N_("the meeting of {when} is cancelled, {clock}"))
        found.append((start, said.format(when=_when(start, end, viewer), clock=clock)))
    # A cancellation the series no longer holds is no meeting back: its rule no longer
    # gives that meeting (the rule shortened), so nothing is said of it.
    meetings_now = _meetings(now)
    for rid in sorted(told.cancelled - set(now.cancelled)):
        if meetings_now is not None and rid not in meetings_now:
            continue
        said = text(N_("the meeting of {when} takes place again, {clock}"))
        found.append((rid, said.format(when=_when(rid, rid + length, viewer), clock=clock)))
    # A meeting told as moved and held where its rule puts it now (put back, dropped
    # back on its own time) moved too, back: unless that is where it was told it is.
    moved_now = {rid for rid, _, _ in now.moved}
    for rid, (was_start, was_end) in sorted(told.moved.items()):
        if rid in moved_now or rid in now.cancelled or (was_start, was_end) == (rid, rid + length):
            continue
        if meetings_now is not None and rid not in meetings_now:
            continue
        said = text(N_("the meeting of {when} moved to {now}, {clock}"))
        found.append(
            (
                was_start,
                said.format(
                    when=_when(was_start, was_end, viewer),
                    now=_when(rid, rid + length, viewer),
                    clock=clock,
                ),
            )
        )
    placed = _placements(now)
    for rid, start, end in now.moved:
        if rid in placed and _placement_told(before, now, told, rid, (start, end)):
            continue
        if told.moved.get(rid) != (start, end):
            was_start, was_end = told.known.get(rid, (rid, rid + length))
            said = text(N_("the meeting of {when} moved to {now}, {clock}"))
            found.append(
                (
                    was_start,
                    said.format(
                        when=_when(was_start, was_end, viewer),
                        now=_when(start, end, viewer),
                        clock=clock,
                    ),
                )
            )
    return found


def _placements(facts: EventFacts) -> frozenset[datetime]:
    """The meetings of the series whose change only places them on a wall-clock time the
    clocks skip or pass twice (:func:`recurrence.placed_reading`): where the rule puts
    them once that is answered, no move, as every reader of the program shows them."""
    if not facts.rule or not facts.moved:
        return frozenset()
    changes = [recurrence.OccurrenceChange(rid, cancelled=True) for rid in facts.cancelled]
    changes.extend(
        recurrence.OccurrenceChange(rid, start=start, end=end) for rid, start, end in facts.moved
    )
    try:
        held = recurrence.expand(facts.start, facts.end, facts.zone, facts.rule, changes)
    except (recurrence.RecurrenceError, ValueError, LookupError, OverflowError):
        return frozenset()
    changed = {rid for rid, _, _ in facts.moved}
    return frozenset(
        meeting.recurrence_id
        for meeting in held
        if meeting.recurrence_id in changed and not meeting.moved
    )


def _placement_told(
    before: EventFacts,
    now: EventFacts,
    told: _ToldMeetings,
    meeting: datetime,
    times: tuple[datetime, datetime],
) -> bool:
    """Whether a meeting placed on a skipped or repeated time needs no line of its own:
    the participant knew it at these very times, or never knew it (a meeting the series
    gained, which the line of its rule tells; its calendar places it)."""
    known = told.known.get(meeting)
    if known is None and (before.start, before.zone, before.rule) == (
        now.start,
        now.zone,
        now.rule,
    ):
        ids = _meetings(before) or frozenset()
        if meeting in ids:
            known = (meeting, meeting + (before.end - before.start))
    return known is None or known == times


def _place_changed(before: EventFacts, now: EventFacts) -> bool:
    """Whether the calendar names another place than the participant was told: another
    venue, online instead of a venue, another partner city without a venue. A venue
    renamed, or its address corrected, is the same place, where they go all the same:
    it is not told as a move, and raises no SEQUENCE (a venue's record is no event's).
    Facts kept before the ledger noted the place compare by the words they kept."""
    if before.where is not None and now.where is not None:
        return before.where != now.where
    return before.place != (now.place_as_kept_before if now.where is not None else now.place)


def _online(facts: EventFacts) -> bool:
    """Whether the event is held online, as the facts say it, kept before or since."""
    return facts.where == _ONLINE or (facts.where is None and facts.place == _ONLINE)


def _place_words(facts: EventFacts, viewer: scopes.Viewer) -> str:
    """The place in the reader's language: online in their words, a venue or a city by
    its Japanese name for a Japanese reader where it has one (as the message's own
    venue line gives it), else by its name."""
    if _online(facts):
        return _said(viewer, N_("Online"))
    if viewer.language == i18n.JAPANESE and facts.place_ja:
        return facts.place_ja
    return facts.place


def _times(facts: EventFacts) -> recurrence.SeriesTimes:
    """What places the meetings the facts tell: the follow rule compares two of these."""
    return recurrence.SeriesTimes(facts.start, facts.zone, facts.rule or None)


@dataclass(frozen=True, slots=True)
class _ToldMeetings:
    """What a participant was told of a series' meetings, each named by the meeting of
    the series now it became: a series moved as a whole carries its cancelled and moved
    meetings along (:func:`recurrence.follow_changes`, the rule every save applies), so
    what they were told is compared with the meeting it is now, not with the recurrence
    id the meeting had then."""

    cancelled: frozenset[datetime]
    """The meetings they were told are cancelled."""
    moved: dict[datetime, tuple[datetime, datetime]]
    """The meetings they were told moved, at the times they were told."""
    known: dict[datetime, tuple[datetime, datetime]]
    """When each meeting they were told of is held, as they were told it: what a
    meeting cancelled or moved since is said to have been."""


@lru_cache(maxsize=256)
def _told_meetings(before: EventFacts, now: recurrence.SeriesTimes) -> _ToldMeetings:
    """The meetings of ``before`` as the series ``now`` names them (see
    :class:`_ToldMeetings`). A series that kept its times keeps every name; a change
    with no counterpart in the series now keeps the name it had (and is then said of
    no meeting, as the save drops it)."""
    length = before.end - before.start
    changes = [recurrence.OccurrenceChange(rid, cancelled=True) for rid in before.cancelled]
    changes.extend(
        recurrence.OccurrenceChange(rid, start=start, end=end) for rid, start, end in before.moved
    )
    then = _times(before)
    same = (then.start, then.zone, then.rule) == (now.start, now.zone, now.rule)
    renamed = {} if same else _followed(then, now, changes)
    held = {} if same else _followed(then, now, _unchanged(before, changes))
    known: dict[datetime, tuple[datetime, datetime]] = {
        renamed_to: (rid, rid + length) for rid, renamed_to in held.items()
    }
    moved = {renamed.get(rid, rid): (start, end) for rid, start, end in before.moved}
    known.update(moved)
    return _ToldMeetings(frozenset(renamed.get(rid, rid) for rid in before.cancelled), moved, known)


def _unchanged(
    before: EventFacts, changes: list[recurrence.OccurrenceChange]
) -> list[recurrence.OccurrenceChange]:
    """The meetings of ``before`` neither cancelled nor moved, as changes to follow: only
    to say when a meeting cancelled or moved since was held before."""
    changed = {change.recurrence_id for change in changes}
    given = _meetings(before) or frozenset()
    return [recurrence.OccurrenceChange(rid) for rid in sorted(given - changed)]


def _followed(
    before: recurrence.SeriesTimes,
    now: recurrence.SeriesTimes,
    changes: list[recurrence.OccurrenceChange],
) -> dict[datetime, datetime]:
    """The meeting of ``now`` each change follows to; none for a rule unreadable now."""
    try:
        return recurrence.followed_meetings(recurrence.follow_changes(before, now, changes))
    except (recurrence.RecurrenceError, ValueError, LookupError, OverflowError):
        return {}


@lru_cache(maxsize=256)
def _meeting_ids(start: datetime, zone: str, rule: str) -> frozenset[datetime] | None:
    """The meetings a series' rule gives (their recurrence ids); None for a rule that can
    no longer be read (facts kept by an older program), which is then told as written."""
    try:
        return recurrence.meeting_ids(start, zone, rule)
    except (recurrence.RecurrenceError, ValueError, LookupError, OverflowError):
        return None


def _meetings(facts: EventFacts) -> frozenset[datetime] | None:
    """The meetings the facts' rule gives; None for a one-off event or an unreadable rule."""
    return _meeting_ids(facts.start, facts.zone, facts.rule) if facts.rule else None


def _dropped(before: EventFacts, now: EventFacts) -> list[datetime]:
    """The meetings participants were told of that the series' new rule no longer gives
    (a series shortened, a weekday dropped), those told cancelled left out, and those
    that follow a meeting of the new rule as every save follows them
    (:func:`recurrence.follow_changes`: the third Wednesday's meeting becoming the third
    Thursday's is the series' new rule, which the update says, not a meeting gone; one
    moved to the very time its counterpart now has is still held). Told only while the
    series starts where it did: a series moved is told by its move, each of its meetings
    being somewhere else."""
    if before.rule == now.rule or (before.start, before.zone) != (now.start, now.zone):
        return []
    told = _meetings(before)
    if told is None:
        return []
    given = _meetings(now) or frozenset({now.start})
    gone = told - given - set(before.cancelled)
    if not gone or not now.rule:
        return sorted(gone)
    following = _followed(
        _times(before), _times(now), [recurrence.OccurrenceChange(rid) for rid in sorted(gone)]
    )
    return sorted(gone - following.keys())


def _series_words(facts: EventFacts, viewer: scopes.Viewer) -> str | None:
    """A series' rule as its meetings say it, on the viewer's clock: ``3 meetings from
    Wed 20 Jan 2027 to Wed 17 Mar 2027``; None for a rule that can no longer be read."""
    meetings = _meetings(facts)
    if not meetings:
        return None
    first, last = min(meetings), max(meetings)
    days = [
        timezones.to_local(when, viewer.zone_on(japan_day(when))).date() for when in (first, last)
    ]
    catalogue = i18n.catalogue(viewer.language)
    first_day = i18n.day_text(days[0], viewer.language)
    if len(meetings) == 1:  # one day, not a span: a sentence of its own in every language
        return catalogue.gettext("one meeting, on {first}").format(first=first_day)
    return catalogue.ngettext(
        "{count} meeting from {first} to {last}",
        "{count} meetings from {first} to {last}",
        len(meetings),
    ).format(count=len(meetings), first=first_day, last=i18n.day_text(days[1], viewer.language))


def _rule_change(before: EventFacts, now: EventFacts, viewer: scopes.Viewer) -> str:
    """A series' new rule in words, with the one it replaces: what its meetings are now."""
    text = i18n.catalogue(viewer.language).gettext
    was = _series_words(before, viewer) if before.rule else None
    is_now = _series_words(now, viewer) if now.rule else None
    if before.rule and not now.rule:
        return text(N_("no longer repeats (before: {before})")).format(before=was or before.rule)
    if now.rule and not before.rule:
        return text(N_("now repeats: {now}")).format(now=is_now or now.rule)
    return text(N_("the series now has {now} (before: {before})")).format(
        now=is_now or now.rule, before=was or before.rule
    )


def _status(status: str, language: str) -> str:
    """An event's status as a sentence says it (``cancelled``, ``confirmed``), in
    ``language``."""
    translations = i18n.catalogue(language)
    words = {
        EventStatus.TENTATIVE.value: translations.pgettext("status", "tentative"),
        EventStatus.CONFIRMED.value: translations.pgettext("status", "confirmed"),
        EventStatus.CANCELLED.value: translations.pgettext("status", "cancelled"),
    }
    return words.get(status, status)


# -- the report ----------------------------------------------------------------------


def _scope_events(session: Session, scope: ChangeScope) -> tuple[list[str] | None, str | None]:
    """The events to compare (None: all) and the delegation whose members alone count."""
    if scope is None:
        return None, None
    if isinstance(scope, EventScope):
        found = session.scalars(select(Event.id).where(named_event(scope.uid))).first()
        if found is None:
            raise no_event_named(scope.uid)
        return [found], None
    if isinstance(scope, TourScope):
        tour = find_tour(session, scope.tour_id)
        ids = session.scalars(
            select(Event.id)
            .join(TourDay, TourDay.id == Event.tour_day_id)
            .where(TourDay.tour_id == tour.id)
        ).all()
        return list(ids), tour.delegation_id
    delegation = session.scalars(
        select(Delegation.id).where(Delegation.name == scope.name)
    ).one_or_none()
    if delegation is None:
        raise NotFoundError(
            _("no delegation is called '{name}'").format(name=printable(scope.name))
        )
    return None, delegation


def _viewers(
    session: Session, person_ids: Iterable[str]
) -> dict[str, tuple[Participant, scopes.Viewer]]:
    people: dict[str, tuple[Participant, scopes.Viewer]] = {}
    ids = sorted(set(person_ids))
    for chunk in _chunks(ids):
        assert chunk is not None
        for person in session.scalars(
            select(Participant)
            .where(Participant.id.in_(chunk))
            .options(selectinload(Participant.delegation))
        ):
            viewer = scopes.participant_schedule(person, []).viewer
            assert viewer is not None
            people[person.id] = (person, viewer)
    return people


def change_report(database: Database, scope: ChangeScope = None) -> ChangeReport:
    """What each participant would have to be told, from their last message."""
    with database.reading() as session:
        return changes_in(session, scope)


def _emails(session: Session, person_ids: Sequence[str]) -> dict[str, str]:
    """The addresses the people have now, by id."""
    found: dict[str, str] = {}
    for chunk in _chunks(person_ids):
        query = select(Participant.id, Participant.email)
        if chunk is not None:
            query = query.where(Participant.id.in_(chunk))
        found.update((person_id, email) for person_id, email in session.execute(query))
    return found


def changes_in(session: Session, scope: ChangeScope = None) -> ChangeReport:
    """:func:`change_report` in an open session."""
    event_ids, delegation_id = _scope_events(session, scope)
    return _report(session, event_ids, delegation_id)


def changes_without(
    session: Session,
    event_ids: Sequence[str],
    gone: Gone,
    rescheduled: Set[str] = frozenset(),
) -> ChangeReport:
    """What each participant would have to be told of these events once the ``gone``
    records are deleted, by the very rule of :func:`change_report`: the question before
    a deletion compares it with the report of the program now. ``rescheduled``: the
    events whose calendar SEQUENCE the deletion raises (a place cleared), which is all a
    ledger row older than the facts it keeps is compared by."""
    return _report(session, list(event_ids), None, gone, rescheduled)


def _report(
    session: Session,
    event_ids: list[str] | None,
    delegation_id: str | None,
    gone: Gone = NOTHING_GONE,
    rescheduled: Set[str] = frozenset(),
) -> ChangeReport:
    """The report over ``event_ids`` (None: every event), for the members of
    ``delegation_id`` alone where given, with the ``gone`` records read as deleted and
    the ``rescheduled`` events' SEQUENCE one higher."""
    told = last_sent(session, event_ids, gone)
    refused = {
        pair: refusal
        for pair, refusal in last_refused(session, event_ids, gone).items()
        if refusal.stands(told.get(pair))
    }
    # An event whose every message the server refused went out all the same: its
    # refused recipients are reported.
    sent_events = sorted({event_id for event_id, _ in told} | {event_id for event_id, _ in refused})
    # The whole program is read in one query each rather than in chunks of its ids.
    read = sent_events if event_ids is not None else None
    facts = facts_of(session, read, gone)
    invited = recipients_by_event(session, read, gone)
    said_now = {
        event_id: facts[event_id].to_json() for event_id in sent_events if event_id in facts
    }
    groups = _delegations(session, gone)
    parsed: dict[str, EventFacts | None] = {}

    def facts_told(last: _LastSent) -> EventFacts | None:
        if last.told not in parsed:
            parsed[last.told] = EventFacts.from_json(last.told)
        return parsed[last.told]

    pending: list[tuple[str, str, ChangeKind, _LastSent | None, Untold | None]] = []

    def note(
        event_id: str,
        person_id: str,
        kind: ChangeKind,
        last: _LastSent | None,
        untold: Untold | None = None,
    ) -> None:
        # A delegation's updates are for its members, and for whoever its messages
        # went to as one of them: moved to another delegation since, they are told of
        # the events they no longer attend where the coordinator sends the first's.
        if (
            delegation_id is None
            or groups.get(person_id) == delegation_id
            or (
                kind is ChangeKind.REMOVED and last is not None and last.delegation == delegation_id
            )
        ):
            pending.append((event_id, person_id, kind, last, untold))

    def to_invite(event_id: str, person_id: str, last: _LastSent | None, why: Untold) -> None:
        """Note someone to invite, the server's refusal since their last message (if
        any) taking the place of ``why``: refused at the address they have, or at one
        corrected since."""
        refusal = refused.get((event_id, person_id))
        if refusal is not None:
            at_theirs = refusal.was_to(emails.get(person_id))
            why = Untold.REFUSED if at_theirs else Untold.ADDRESS_CORRECTED
        note(event_id, person_id, ChangeKind.ADDED, last, why)

    emails = _emails(
        session, sorted({person_id for _, person_id in told} | {p for _, p in refused})
    )
    # A batch the server refused for someone went their delegation's way all the same
    # (and so the refused are reported whoever else was sent the event). Their
    # delegation then, as the ledger keeps it: a delegation deleted since leaves its
    # members of none, and no batch went the way of the people of no delegation.
    sent_to_groups: dict[str, set[str | None]] = defaultdict(set)
    for (event_id, _person), message in told.items():
        sent_to_groups[event_id].add(message.delegation)
    for (event_id, _person), refused_one in refused.items():
        sent_to_groups[event_id].add(refused_one.delegation)
    linked_since: dict[str, set[str]] | None = None
    for event_id in sent_events:
        now = facts.get(event_id)
        if now is None:
            continue
        cancelled = now.status == EventStatus.CANCELLED.value
        for person_id in invited.get(event_id, ()):
            last = told.get((event_id, person_id))
            if last is None:
                if cancelled:
                    continue
                group = groups.get(person_id)
                if group not in sent_to_groups[event_id]:
                    # Left out of the batches so far, unless linked since the first.
                    if linked_since is None:
                        linked_since = _linked_after_first_message(session, sent_events)
                    linked = linked_since.get(event_id, set())
                    if person_id not in linked and (group is None or group not in linked):
                        continue
                to_invite(event_id, person_id, last, Untold.NEVER_SENT)
            elif last.method == "CANCEL":
                if not cancelled:
                    before = facts_told(last)
                    held_again = before is not None and before.status == EventStatus.CANCELLED
                    why = Untold.HELD_AGAIN if held_again else Untold.INVITED_AGAIN
                    to_invite(event_id, person_id, last, why)
            elif last.went_elsewhere(emails.get(person_id)):
                if not cancelled:
                    to_invite(event_id, person_id, last, Untold.ADDRESS_CORRECTED)
            elif cancelled:
                note(event_id, person_id, ChangeKind.CANCELLED, last)
            elif last.told != said_now[event_id]:
                note(event_id, person_id, ChangeKind.CHANGED, last)
    organisers = _organisers(session, read)
    for (event_id, person_id), last in told.items():
        uninvited = person_id not in invited.get(event_id, ())
        # Made its organiser since, they run it: the invitation is theirs now, and a
        # cancellation would take the event out of their calendar.
        if uninvited and organisers.get(event_id) == person_id:
            continue
        if last.method == "REQUEST" and uninvited and event_id in facts:
            note(event_id, person_id, ChangeKind.REMOVED, last)
    people = _viewers(session, (person for _, person, _, _, _ in pending))
    uids = _uids(session, sorted({event_id for event_id, _, _, _, _ in pending}))
    first_meetings: dict[str, tuple[datetime, datetime] | None] = {}
    coordinator = i18n.language()

    def words(
        viewer: scopes.Viewer,
        event_id: str,
        person_id: str,
        kind: ChangeKind,
        last: _LastSent | None,
        untold: Untold | None,
        theirs: bool = False,
    ) -> list[str]:
        """What changed in ``viewer``'s language, on their clock: named as the
        participant reads it ("your time"), or as the coordinator does (``theirs``)."""
        now = facts[event_id]
        if kind is ChangeKind.CHANGED:
            assert last is not None
            before = facts_told(last)
            if before is None:
                raised = 1 if event_id in rescheduled else 0
                return _sequence_only(session, event_id, last.sequence, viewer, raised)
            return differences(before, now, viewer, viewer_clock(viewer, theirs=theirs))
        if kind is ChangeKind.CANCELLED:
            return [_said(viewer, N_("cancelled"))]
        if kind is ChangeKind.ADDED:
            if event_id not in first_meetings:
                first_meetings[event_id] = _first_meeting_held(now)
            first = first_meetings[event_id]
            refusal = refused.get((event_id, person_id))
            if refusal is not None and untold in (Untold.REFUSED, Untold.ADDRESS_CORRECTED):
                return [
                    refusal_words(refusal, viewer.language),
                    _not_sent_yet(now, first, viewer, Untold.NEVER_SENT, theirs=theirs),
                ]
            address = last.address if last is not None else ""
            return [_not_sent_yet(now, first, viewer, untold, address, theirs)]
        return [_said(viewer, N_("no longer attends"))]

    changes: list[Change] = []
    for event_id, person_id, kind, last, untold in pending:
        person, viewer = people[person_id]
        details = words(viewer, event_id, person_id, kind, last, untold)
        if not details:
            continue
        # The coordinator reads the report in the program's language, on the same clock
        # named as theirs; the message keeps the participant's words.
        reader = replace(viewer, language=coordinator)
        reported = words(reader, event_id, person_id, kind, last, untold, theirs=True)
        refusal = refused.get((event_id, person_id))
        if kind is not ChangeKind.ADDED and refusal is not None and refusal.was_to(person.email):
            # Their update or cancellation was refused: the coordinator reads why (the
            # message they are sent says only what changed).
            reported.append(refusal_words(refusal, reader.language))
        changes.append(
            Change(
                person.id,
                person.name,
                person.email,
                person.delegation.name if person.delegation else "",
                event_id,
                uids[event_id],
                facts[event_id].title,
                kind,
                tuple(details),
                tuple(reported),
                untold,
            )
        )
    changes.sort(key=lambda c: (c.delegation, c.participant, c.email, c.title, c.event_uid))
    return ChangeReport(tuple(changes))


def _linked_after_first_message(session: Session, event_ids: Sequence[str]) -> dict[str, set[str]]:
    """Per event, the participants and delegations (ids) linked to it after its first
    message went out, as the history of its saves tells: those the event's invitations
    did not reach because they were not on it yet. Invitations go out per event or per
    delegation, so someone on the event who was never sent it, while nobody of their
    delegation was, was left out of a batch for other delegations, unless linked since.
    A session's delegations linked since include those linked to its conferences since,
    and all of theirs when it was filed under another conference since (a session naming
    none is for its conferences' delegations, :func:`delegations_attending`)."""
    first: dict[str, datetime] = {}
    for chunk in _chunks(event_ids):
        assert chunk is not None
        firsts = (
            select(SentMessage.event_id, func.min(SentMessage.sent_at))
            .where(SentMessage.event_id.in_(chunk))
            .group_by(SentMessage.event_id)
        )
        first.update((event_id, when) for event_id, when in session.execute(firsts))
    linked: dict[str, set[str]] = defaultdict(set)
    if not first:
        return linked
    conference_of = _conferences_above(session, sorted(first))
    above = {event_id: conferences_above(event_id, conference_of) for event_id in first}
    watched = set(first).union(*above.values())
    earliest = min(first.values())
    added: dict[str, list[tuple[datetime, str, set[str]]]] = defaultdict(list)
    refiled: dict[str, list[datetime]] = defaultdict(list)
    for chunk in _chunks(sorted(watched)):
        assert chunk is not None
        query = select(SavedChange.record_id, SavedChange.changed_at, SavedChange.fields).where(
            SavedChange.record_table == str(Event.__tablename__),
            SavedChange.record_id.in_(chunk),
            SavedChange.changed_at > earliest,
        )
        for record_id, when, fields in session.execute(query):
            values = json.loads(fields)
            for name in ("participants", "delegations"):
                old, new = values.get(name) or (None, None)
                added[record_id].append((when, name, set(new or ()) - set(old or ())))
            if "parent_id" in values:
                refiled[record_id].append(when)
    # A session naming no delegation is for its conferences' (a session naming some is
    # for those alone): those linked to one of them since, or all of theirs when it, or
    # a conference above it, was filed elsewhere since.
    own = _delegations_named(session, sorted(first))
    inheriting = [event_id for event_id in first if above[event_id] and not own.get(event_id)]
    filed_since = [
        event_id
        for event_id in inheriting
        if any(
            when > first[event_id]
            for filed in (event_id, *above[event_id])
            for when in refiled.get(filed, ())
        )
    ]
    theirs = _delegations_named(
        session, sorted({c for event_id in filed_since for c in above[event_id]})
    )
    for event_id, sent_at in first.items():
        for when, _name, ids in added.get(event_id, ()):
            if when > sent_at:
                linked[event_id].update(ids)
    for event_id in inheriting:
        for conference in above[event_id]:
            for when, name, ids in added.get(conference, ()):
                if when > first[event_id] and name == "delegations":
                    linked[event_id].update(ids)
    for event_id in filed_since:
        for conference in above[event_id]:
            linked[event_id].update(theirs.get(conference, ()))
    return linked


def _first_meeting_held(facts: EventFacts) -> tuple[datetime, datetime] | None:
    """When the event's first meeting that still takes place starts and ends: a series'
    cancelled meetings left out and its moved ones at their new times, as every other
    reader of the program expands it (:func:`recurrence.expand`), so a participant added
    to a series is never told it starts on a meeting called off. None when every meeting
    of the series is cancelled."""
    changes = [recurrence.OccurrenceChange(rid, cancelled=True) for rid in facts.cancelled]
    changes.extend(
        recurrence.OccurrenceChange(rid, start=start, end=end) for rid, start, end in facts.moved
    )
    held = recurrence.expand(facts.start, facts.end, facts.zone, facts.rule or None, changes)
    return min(((meeting.start, meeting.end) for meeting in held), default=None)


def _not_sent_yet(
    facts: EventFacts,
    first: tuple[datetime, datetime] | None,
    viewer: scopes.Viewer,
    untold: Untold | None = Untold.NEVER_SENT,
    address: str = "",
    theirs: bool = False,
) -> str:
    """What is said of a participant to invite: why they hold no invitation (``untold``;
    ``address``: the one their last invitation went to), with the event's dates if all
    day (an all-day event does not repeat), else when it is first held, on their clock."""
    if untold in (None, Untold.NEVER_SENT):
        if facts.all_day:
            return _said(viewer, N_("not sent yet: {when}")).format(when=_days(facts, viewer))
        if first is None:
            return _said(viewer, N_("not sent yet: every meeting of the series is cancelled"))
        start, end = first
        return _said(viewer, N_("not sent yet: {when}, {clock}")).format(
            when=_when(start, end, viewer), clock=viewer_clock(viewer, theirs=theirs)
        )
    if facts.all_day:
        held = _days(facts, viewer)
    elif first is None:
        held = _said(viewer, N_("every meeting of the series is cancelled"))
    else:
        held = _said(viewer, N_("{when}, {clock}")).format(
            when=_when(*first, viewer), clock=viewer_clock(viewer, theirs=theirs)
        )
    if untold is Untold.ADDRESS_CORRECTED:
        said = N_("sent to {address} before it was corrected, not yet to this address: {first}")
        return _said(viewer, said).format(address=address, first=held)
    if untold is Untold.HELD_AGAIN:
        return _said(viewer, N_("told it was cancelled, now held again: {first}")).format(
            first=held
        )
    return _said(viewer, N_("told they no longer attend, now invited again: {first}")).format(
        first=held
    )


def refusal_words(refusal: KeptRefusal, language: str | None = None) -> str:
    """The server's refusal as a report says it: the address, the day (in Japan, where
    the coordinators read it) and the server's own words; in ``language``, else the
    program's. The change report and a batch's preview word it alike."""
    spoken = language or i18n.language()
    said = i18n.catalogue(spoken).gettext(
        N_("refused by the server at {address} on {day}: {answer}")
    )
    return said.format(
        address=refusal.address,
        day=i18n.day_text(japan_day(refusal.refused_at), spoken),
        answer=refusal.answer,
    )


def _delegations(session: Session, gone: Gone = NOTHING_GONE) -> dict[str, str | None]:
    """Each participant's delegation, by id; None for a member of a ``gone`` one."""
    deleted = gone.get(str(Delegation.__tablename__), frozenset())
    return {
        person_id: None if delegation_id in deleted else delegation_id
        for person_id, delegation_id in session.execute(
            select(Participant.id, Participant.delegation_id)
        )
    }


def _sequence_only(
    session: Session, event_id: str, sequence: int, viewer: scopes.Viewer, raised: int = 0
) -> list[str]:
    """For a message sent before the ledger kept what it said: changed when the event's
    SEQUENCE rose since (``raised``: by as much again, as a deletion would raise it)."""
    now = (session.scalar(select(Event.sequence).where(Event.id == event_id)) or 0) + raised
    said = N_("rescheduled since it was sent (SEQUENCE {before} to {now})")
    return [_said(viewer, said).format(before=sequence, now=now)] if now > sequence else []


def _said(viewer: scopes.Viewer, message: str) -> str:
    """``message`` in the language the participant is written to."""
    return i18n.catalogue(viewer.language).gettext(message)


def viewer_clock(viewer: scopes.Viewer, *, theirs: bool = False) -> str:
    """How the words name the participant's clock: "your time" to them, "their time"
    to the coordinator reading what they are due (``theirs``); a clock named by its city
    ("Lima time") reads alike to both."""
    if viewer.label == "Your local time":
        return _said(viewer, N_("their time") if theirs else N_("your time"))
    return viewer.label


def _uids(session: Session, event_ids: Sequence[str] | None) -> dict[str, str]:
    uids: dict[str, str] = {}
    for chunk in _chunks(event_ids):
        query = select(Event.id, Event.uid)
        if chunk is not None:
            query = query.where(Event.id.in_(chunk))
        uids.update((row[0], row[1]) for row in session.execute(query))
    return uids
