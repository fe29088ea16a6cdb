"""Which meetings a delegation attends, on which clock, and where they fall in its day.

One set of rules for the schedule a coordinator reads and for the conflict check's
night-time warnings, so the two never disagree:

* **A conference is its sessions.** A session that names no delegation is for every
  delegation of its conference; a session that names delegations is theirs alone. A
  conference with sessions is never judged by its own span (09:00 on the first day to
  15:30 on the last is not a night).
* **A series is its meetings.** Each occurrence is an interval of its own, read with the
  offsets of its own date.
* **A delegation in Japan lives on Japan's clock.** A meeting whose Tokyo date falls in
  the delegation's stay (arrival and departure are Japanese dates) is read in Tokyo
  time; any other in the delegation's home zone. **A meeting held in person** is read
  on the room's clock, stay or not: whoever attends is in the room.
* **A block of several days** runs each day from its first day's start to its last day's
  end, while a meeting of a day at most that runs past midnight is at night
  (:func:`~cpp_scheduler.scheduling.localtimes.meeting_part`, which the local times
  follow too); **an all-day event** (the event's ``all_day`` flag: whole days in its own
  zone) is a matter of dates, never of hours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from cpp_scheduler import timezones
from cpp_scheduler.meeting_order import meeting_order
from cpp_scheduler.model.event_filter import delegations_attending, is_delegations
from cpp_scheduler.scheduling.clock import LocalClock
from cpp_scheduler.scheduling.inputs import (
    Attendee,
    AttendeeKind,
    Hours,
    Interval,
    ProgramSnapshot,
)
from cpp_scheduler.scheduling.localtimes import HOSTS_CLOCK_ID, DayPart, meeting_part

LocalSpan = tuple[int, int, int, int, int]
"""A meeting as one zone's clock shows it: the local day it starts on (days since
1970-01-01), its start and end in minutes after the midnights of the days it starts and
ends on, how many days later it ends, and how long it lasts in seconds."""


def local_span(clock: LocalClock, zone_name: str, start_s: int, end_s: int) -> LocalSpan:
    """The meeting from ``start_s`` to ``end_s`` (seconds since the epoch) in one zone."""
    start_offset, end_offset = clock.offsets(zone_name, start_s, end_s)
    start_day, start = divmod(start_s + start_offset, 86_400)
    end_day, end = divmod(end_s + end_offset, 86_400)
    return start_day, start // 60, end // 60, end_day - start_day, end_s - start_s


def span_part(span: LocalSpan, hours: Hours) -> DayPart:
    """Where a meeting falls in a day with these hours, by the rule the local times
    follow too (:func:`~cpp_scheduler.scheduling.localtimes.meeting_part`)."""
    _, start, end, days, seconds = span
    return meeting_part(start, end, days, seconds, hours)


def is_all_day(interval: Interval) -> bool:
    """An event of dates, as the coordinator made it: an office closure, an arrival day,
    a conference day block. It has dates, not hours, whatever its length (a timed
    meeting from midnight to midnight is still a meeting at midnight)."""
    return interval.all_day


def judged_at_night(interval: Interval, holds_sessions: bool) -> bool:
    """Whether the night-time check reads the meeting's hours on its attendees' clocks:
    a remote meeting (joined from home; in a room, everybody is on the room's clock), of
    hours, not an all-day block of dates, and not a conference with sessions
    (``holds_sessions``), which is judged by its sessions. The conflict check and the
    event dialog's warnings both ask this."""
    return interval.is_remote and not is_all_day(interval) and not holds_sessions


def clock_zone(clock: LocalClock, attendee: Attendee, start_s: int) -> str:
    """The zone of the attendee's clock for a meeting starting at ``start_s``: Tokyo's
    when the meeting's Tokyo date falls in its stay in Japan (or it lives there)."""
    return clock_zone_on(attendee, clock.local_day(timezones.TOKYO, start_s))


def clock_zone_on(attendee: Attendee, tokyo_day: int) -> str:
    """:func:`clock_zone` for a meeting on ``tokyo_day`` (days since 1970-01-01), for
    a check that reads the meeting's Tokyo date once for all its attendees."""
    return timezones.TOKYO if attendee.in_japan_on_day(tokyo_day) else attendee.zone


@dataclass(frozen=True, slots=True)
class Judgement:
    """One meeting on one attendee's clock."""

    zone: str
    """Home, or Tokyo during a stay in Japan."""
    in_japan: bool
    """The clock is Tokyo's because the attendee is visiting Japan."""
    part: DayPart | None
    """Working, extended or night hours; None for an all-day block, which has none."""


def judge(clock: LocalClock, attendee: Attendee, interval: Interval) -> Judgement:
    """Which clock an attendee reads a meeting on, and where it falls in that day.

    A meeting held in person is read on the room's clock (in a room, everybody is on
    the room's clock, :func:`judged_at_night`): a face-to-face workshop in Tokyo on a day
    outside the delegation's stay is not at night in Lima, it is a meeting the
    delegation would have to be in Tokyo for, which the check reports as such."""
    if interval.is_in_person:
        zone = interval.zone
        in_japan = zone == timezones.TOKYO != attendee.zone
    else:
        zone = clock_zone(clock, attendee, interval.start_s)
        in_japan = zone != attendee.zone
    if is_all_day(interval):
        return Judgement(zone, in_japan, None)
    span = local_span(clock, zone, interval.start_s, interval.end_s)
    return Judgement(zone, in_japan, span_part(span, attendee.hours))


# -- who attends ----------------------------------------------------------------------


def events_with_sessions(intervals: Iterable[Interval]) -> frozenset[str]:
    """The events some interval is a session of: they are judged by their sessions."""
    return frozenset().union(*(interval.ancestor_ids for interval in intervals))


def conference_delegations(intervals: Sequence[Interval]) -> dict[str, frozenset[str]]:
    """Per event with sessions, the delegations it names: those of its sessions that
    name nobody."""
    parents = events_with_sessions(intervals)
    return {
        interval.event_id: interval.delegation_ids
        for interval in intervals
        if interval.event_id in parents
    }


def conferences_of(snapshot: ProgramSnapshot) -> Mapping[str, frozenset[str]]:
    """Per event with sessions, the delegations it names: as the snapshot's reader
    found them in the whole program (a part of it may hold a session without its
    conference), else from its intervals, which then hold the whole program."""
    if snapshot.conferences is not None:
        return snapshot.conferences
    return conference_delegations(snapshot.intervals)


def attending_delegations(
    interval: Interval, conferences: Mapping[str, frozenset[str]]
) -> frozenset[str]:
    """The delegations a meeting is for: those it names, or, for a session naming
    none, those of its conference (:func:`delegations_attending`)."""
    return delegations_attending(interval.delegation_ids, interval.ancestor_ids, conferences)


def judged_at_night_ids(
    interval: Interval, holds_sessions: bool, attendees: Iterable[Attendee]
) -> frozenset[str]:
    """The attendees (their ids) whose night the conflict check would warn of where the
    meeting's local times read night on their clock: none where it reads no meeting's
    hours at night (:func:`judged_at_night`), else its hosts (the Tokyo row,
    :data:`HOSTS_CLOCK_ID`: a meeting joined from afar is hosted from Japan, TDLC always
    in the room), its delegations and its participants not sitting with one of them
    (:func:`judged_for_nights`). The event dialog asks it of the meeting typed,
    ``cpp-scheduler times`` of the meeting stored."""
    if not judged_at_night(interval, holds_sessions):
        return frozenset()
    listed = list(attendees)
    judged = judged_for_nights(
        [a for a in listed if a.kind is AttendeeKind.DELEGATION],
        [a for a in listed if a.kind is AttendeeKind.PARTICIPANT],
    )
    return frozenset((HOSTS_CLOCK_ID, *(attendee.id for attendee in judged)))


def judged_for_nights(
    delegations: Sequence[Attendee], participants: Iterable[Attendee]
) -> list[Attendee]:
    """Whose clocks a remote meeting's night is judged on: its ``delegations``, then
    each of its ``participants`` not sitting with one of them. A member of an attending
    delegation on the delegation's own clock is judged with it, once: the conflict check
    warns of the delegation alone, and so does the event dialog while it is typed."""
    attending = {delegation.id: delegation for delegation in delegations}
    judged = list(delegations)
    for participant in participants:
        delegation = attending.get(participant.delegation_id or "")
        if delegation is not None and participant.zone == delegation.zone:
            continue  # sits with the delegation, which is judged already
        judged.append(participant)
    return judged


@dataclass(frozen=True, slots=True)
class AttendedMeeting:
    """One meeting of a delegation's schedule, judged on the delegation's clock."""

    interval: Interval
    conference: Interval | None
    """The conference this is a session of, when it is in the program read."""
    judgement: Judgement


def members_of(
    snapshot: ProgramSnapshot, delegation_ids: Collection[str]
) -> dict[str, frozenset[str]]:
    """The members of each of these delegations (those with none left out), in one pass
    over the program's people."""
    wanted = frozenset(delegation_ids)
    found: dict[str, set[str]] = defaultdict(set)
    for person_id, person in snapshot.participants.items():
        if person.delegation_id in wanted:
            found[person.delegation_id].add(person_id)
    return {delegation_id: frozenset(ids) for delegation_id, ids in found.items()}


def attended_by(
    snapshot: ProgramSnapshot, delegation_ids: Collection[str]
) -> dict[str, list[Interval]]:
    """The meetings each of these delegations attends, in one pass over the program:
    named, through a member, or as a session of its conference
    (:func:`~cpp_scheduler.model.event_filter.is_delegations`, the rule the Delegation
    filter follows too); a conference it follows session by session left out, its
    sessions standing for it rather than a block of days, wherever in the program they
    are (:attr:`~cpp_scheduler.scheduling.inputs.ProgramSnapshot.followed_by_sessions`)."""
    wanted = frozenset(delegation_ids)
    conferences = conferences_of(snapshot)
    people = snapshot.participants
    members = members_of(snapshot, wanted)
    nobody: frozenset[str] = frozenset()
    found: dict[str, list[Interval]] = {delegation_id: [] for delegation_id in wanted}
    for interval in snapshot.intervals:
        attending = attending_delegations(interval, conferences)
        named = interval.participant_ids
        # Those it can be for (the rule decides): attending, or of someone it names.
        through = {people[p].delegation_id for p in named if p in people}
        for delegation_id in wanted & (attending | through):
            if is_delegations(delegation_id, attending, named, members.get(delegation_id, nobody)):
                found[delegation_id].append(interval)
    whole = snapshot.followed_by_sessions
    for delegation_id, attended in found.items():
        followed = events_with_sessions(attended)
        if whole is not None:  # a part: its sessions may lie outside it
            followed |= whole.get(delegation_id, frozenset())
        found[delegation_id] = [i for i in attended if i.event_id not in followed]
    return found


def delegation_meetings(
    snapshot: ProgramSnapshot, delegation_id: str, clock: LocalClock | None = None
) -> list[AttendedMeeting]:
    """Every meeting the delegation attends (:func:`attended_by`), by start, each
    judged on its clock and with the conference it is a session of."""
    delegation = snapshot.delegations.get(delegation_id)
    if delegation is None:
        return []
    clock = clock or LocalClock()
    conferences = conferences_of(snapshot)
    parents = {i.event_id: i for i in snapshot.intervals if i.event_id in conferences}
    meetings = [
        AttendedMeeting(
            interval,
            _nearest(parents, interval.ancestor_ids),
            judge(clock, delegation, interval),
        )
        for interval in attended_by(snapshot, (delegation_id,))[delegation_id]
    ]
    meetings.sort(
        key=lambda m: meeting_order(m.interval.start, m.interval.title, m.interval.event_id)
    )
    return meetings


def _nearest(parents: Mapping[str, Interval], ancestor_ids: frozenset[str]) -> Interval | None:
    """The innermost of a session's conferences in the program: the shortest one."""
    found = [parents[a] for a in ancestor_ids if a in parents]
    if not found:
        return None
    return min(found, key=lambda parent: (parent.end_s - parent.start_s, parent.id))
