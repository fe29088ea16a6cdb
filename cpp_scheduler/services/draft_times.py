"""The local times of a meeting not saved yet: what the event dialog shows while typed.

The dialog reads every delegation and participant as the engine takes them once (off the
GUI thread, with its lists); then, as the coordinator types, :func:`draft_meeting_times`
builds the engine's meeting from the dialog's current values and asks
:func:`cpp_scheduler.scheduling.localtimes.meeting_times` — the function behind the
Local times dock and ``cpp-scheduler times`` — so the dialog, the dock and the command
line give one answer. No database is touched while typing: the answer is pure arithmetic
on zones and the holiday calendars. Whether a night there is a problem is the conflict
check's rule, asked of the draft too (:func:`judged_at_night_ids`): the dialog warns of a
night only where the check would. A session naming no delegation is for its conference's
delegations (:func:`~cpp_scheduler.model.event_filter.delegations_attending`), on the
dialog's clocks as in the check.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from cpp_scheduler import i18n, timezones
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, Participant
from cpp_scheduler.model.event import event_delegations
from cpp_scheduler.model.event_filter import conferences_above, delegations_attending
from cpp_scheduler.scheduling import attendance, holidays
from cpp_scheduler.scheduling.inputs import JAPAN, Attendee, Interval
from cpp_scheduler.scheduling.localtimes import MeetingTimes, meeting_times
from cpp_scheduler.scheduling.travel import describe_duration
from cpp_scheduler.services import snapshot
from cpp_scheduler.services.localtimes import days_on_every_calendar, meeting_dates
from cpp_scheduler.services.snapshot import delegation_attendee, participant_attendee, tour_spans
from cpp_scheduler.store import Database

DRAFT_ID = "draft"
"""The id the meeting being edited goes by: it is not stored (or not as it now reads)."""


def usual_mode(kind: EventKind) -> EventMode:
    """The mode an event of this kind usually has: a videoconference is held online,
    everything else in a room."""
    return EventMode.VIRTUAL if kind is EventKind.VIDEOCONFERENCE else EventMode.FACE_TO_FACE


def read_attendees(database: Database) -> dict[str, Attendee]:
    """Every delegation and participant by id, as the engine takes them (their clock,
    country, hours and stay in Japan)."""
    with database.reading() as session:
        delegations = session.scalars(select(Delegation)).all()
        people = session.scalars(
            select(Participant).options(selectinload(Participant.delegation))
        ).all()
        stays = tour_spans(session)
        found = {d.id: delegation_attendee(d, stays) for d in delegations}
        found.update({person.id: participant_attendee(person, stays) for person in people})
    return found


def read_holds_sessions(database: Database, event_id: str | None) -> bool:
    """Whether the event being edited has a session held: a conference, which the
    conflict check judges by its sessions (a new event has none)."""
    if event_id is None:
        return False
    with database.reading() as session:
        return snapshot.holds_sessions(session, event_id)


@dataclass(frozen=True, slots=True)
class Conferences:
    """What the attendance rule needs to know of the conferences a draft can be filed
    under: the conference each event is a session of, and the delegations each
    conference names, which attend a session naming none."""

    conference_of: Mapping[str, str] = field(default_factory=dict)
    delegations: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def above(self, parent_id: str | None) -> tuple[str, ...]:
        """The conferences a session filed under ``parent_id`` belongs to, its own
        first, then that one's."""
        if parent_id is None:
            return ()
        found = [parent_id]
        found += (c for c in conferences_above(parent_id, self.conference_of) if c != parent_id)
        return tuple(found)


def read_conferences(database: Database) -> Conferences:
    """Each session's conference, and the delegations named by every event that holds
    sessions or is a conference: whatever the draft is filed under."""
    links = event_delegations.c
    with database.reading() as session:
        conference_of = {
            child: parent
            for child, parent in session.execute(
                select(Event.id, Event.parent_id).where(Event.parent_id.is_not(None))
            )
            if parent is not None
        }
        holding = set(conference_of.values())
        named: defaultdict[str, set[str]] = defaultdict(set)
        for event_id, delegation_id in session.execute(
            select(links.event_id, links.delegation_id)
            .join(Event, Event.id == links.event_id)
            .where(or_(Event.kind == EventKind.CONFERENCE, Event.id.in_(sorted(holding))))
        ):
            named[event_id].add(delegation_id)
    return Conferences(conference_of, {key: frozenset(ids) for key, ids in named.items()})


def prepare_holidays(attendees: Iterable[Attendee], years: Iterable[int]) -> None:
    """Work out the public holidays of the attendees' countries and of Japan in
    ``years`` now (off the GUI thread): the first look at a country's year takes tens of
    milliseconds, every later one a dictionary lookup."""
    countries = {attendee.country for attendee in attendees if attendee.country} | {JAPAN}
    for country in sorted(countries):
        if holidays.is_supported(country):
            for year in years:
                holidays.holidays_in(country, year)


@dataclass(frozen=True, slots=True)
class DraftMeeting:
    """The event dialog's values that decide the local times, as typed so far."""

    start: datetime
    end: datetime
    """The meeting described: the one typed, or, for a series, its first meeting held
    once saved (:func:`~cpp_scheduler.services.series_rules.draft_series`), which the
    Local times dock describes."""
    zone: str
    kind: EventKind = EventKind.WORKSHOP
    mode: EventMode = EventMode.FACE_TO_FACE
    venue_id: str | None = None
    venue_zone: str | None = None
    """The chosen venue's zone: where a meeting held in person there is."""
    delegation_ids: tuple[str, ...] = ()
    participant_ids: tuple[str, ...] = ()
    all_day: bool = False
    holds_sessions: bool = False
    """The event being edited has sessions held: a conference, judged by them."""
    cancelled: bool = False
    """Cancelled, or filed under a cancelled conference: the conflict check leaves it
    out, as it leaves out everything called off."""
    conference_ids: tuple[str, ...] = ()
    """The conferences it is a session of (:meth:`Conferences.above`), its own first."""


def draft_interval(draft: DraftMeeting) -> Interval:
    """The engine's meeting for the dialog's values (the start must precede the end)."""
    return Interval(
        id=DRAFT_ID,
        event_id=DRAFT_ID,
        title="",
        start=draft.start,
        end=draft.end,
        zone=draft.zone,
        kind=draft.kind,
        mode=draft.mode,
        venue_id=draft.venue_id,
        delegation_ids=frozenset(draft.delegation_ids),
        participant_ids=frozenset(draft.participant_ids),
        all_day=draft.all_day,
    )


def draft_attendees(
    draft: DraftMeeting, known: Mapping[str, Attendee], conferences: Conferences | None = None
) -> list[Attendee]:
    """The draft's delegations (for a session naming none, its conferences', by name),
    then its participants, in the order the event keeps them; ids no longer in the
    program are left out."""
    delegations = _known(draft.delegation_ids, known)
    if not draft.delegation_ids and conferences is not None:
        attending = delegations_attending(
            frozenset(), draft.conference_ids, conferences.delegations
        )
        delegations = sorted(_known(attending, known), key=lambda attendee: attendee.name)
    return delegations + _known(draft.participant_ids, known)


def draft_meeting_times(
    draft: DraftMeeting, known: Mapping[str, Attendee], conferences: Conferences | None = None
) -> MeetingTimes:
    """The draft on every attendee's clock and the public holidays on its dates: the
    answer the Local times dock gives once the event is saved."""
    return meeting_times(
        draft_interval(draft), draft_attendees(draft, known, conferences), draft.venue_zone
    )


def draft_days_text(draft: DraftMeeting) -> str:
    """What the dialog says of an all-day draft, which has no hours on anybody's clock:
    its dates, as the Local times dock and ``cpp-scheduler times`` say them once saved."""
    return days_on_every_calendar(*meeting_dates(draft.start, draft.end, draft.zone, True))


def length_text(start: datetime, end: datetime, zone: str, all_day: bool) -> str:
    """How long a meeting from ``start`` to ``end`` is, as the event dialog says beside
    its times: an all-day event by the days it holds in ``zone``
    (:func:`~cpp_scheduler.timezones.days_held`: "1 day" for Kwajalein's 30 September
    1969, 47 hours long), any other by its hours ("1 h 30 min", as the tour builder
    says it); in the language's own plural."""
    if all_day:
        return i18n.days_text(timezones.days_held(start, end, zone))
    return describe_duration(end - start)


def is_checked(draft: DraftMeeting) -> bool:
    """Whether the conflict check looks at the draft at all: not once it is cancelled,
    so the dialog then warns of nothing either (no night, no holiday)."""
    return not draft.cancelled


def judged_at_night_ids(
    draft: DraftMeeting, known: Mapping[str, Attendee], conferences: Conferences | None = None
) -> frozenset[str]:
    """The attendees whose night the conflict check would warn of, where the draft's
    local times read night: its hosts in Tokyo, its delegations, and its participants not
    sitting with one of them, where it judges nights at all, by the rule
    ``cpp-scheduler times`` asks of the event once saved
    (:func:`~cpp_scheduler.scheduling.attendance.judged_at_night_ids`)."""
    return attendance.judged_at_night_ids(
        draft_interval(draft), draft.holds_sessions, draft_attendees(draft, known, conferences)
    )


def _known(ids: Iterable[str], known: Mapping[str, Attendee]) -> list[Attendee]:
    return [known[record_id] for record_id in ids if record_id in known]
