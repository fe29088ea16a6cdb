"""A two-day conference at TDLC over the program of :mod:`tests.ical.program`, for the
tests of who a conference's sessions are for: sessions naming no delegation (for Lima's
and Kathmandu's both), a track whose talk is a session of a session, and a roundtable
naming Kathmandu alone."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from cpp_scheduler.model import Event, EventKind, EventMode, EventStatus, Venue
from tests.ical.program import Program, build_program, local


@dataclass
class Conference:
    program: Program
    conference: Event
    opening: Event
    parallel: Event
    track: Event
    track_talk: Event
    kathmandu_roundtable: Event


def _session(parent: Event, title: str, day: int, hour: int, room: Venue, **links: object) -> Event:
    return Event(
        title=title,
        kind=EventKind.CONFERENCE,
        mode=EventMode.FACE_TO_FACE,
        status=EventStatus.CONFIRMED,
        start_utc=local("Asia/Tokyo", 2026, 9, day, hour, 0),
        end_utc=local("Asia/Tokyo", 2026, 9, day, hour + 1, 30),
        zone="Asia/Tokyo",
        venue=room,
        parent=parent,
        **links,
    )


def build_conference(session: Session) -> Conference:
    """The program, and the conference for Lima's and Kathmandu's delegations."""
    program = build_program(session)
    room_a = Venue(name="TDLC Meeting Room A", locality="Tokyo")
    room_b = Venue(name="TDLC Meeting Room B", locality="Tokyo")
    conference = Event(
        title="CPP Conference: cities learning from cities",
        kind=EventKind.CONFERENCE,
        mode=EventMode.FACE_TO_FACE,
        status=EventStatus.CONFIRMED,
        start_utc=local("Asia/Tokyo", 2026, 9, 14, 9, 0),
        end_utc=local("Asia/Tokyo", 2026, 9, 15, 17, 0),
        zone="Asia/Tokyo",
        delegations=[program.lima, program.kathmandu],
    )
    opening = _session(conference, "Opening plenary", 14, 9, room_a)
    parallel = _session(conference, "Housing finance for growing cities", 14, 11, room_b)
    track = _session(conference, "Resilience track", 15, 9, room_a)
    track_talk = _session(track, "Living with earthquakes: Kobe after 1995", 15, 11, room_a)
    roundtable = _session(
        conference, "Kathmandu roundtable", 15, 14, room_b, delegations=[program.kathmandu]
    )
    session.add_all([conference, opening, parallel, track, track_talk, roundtable])
    session.flush()
    return Conference(program, conference, opening, parallel, track, track_talk, roundtable)
