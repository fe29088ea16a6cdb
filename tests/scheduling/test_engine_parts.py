"""The engine over a snapshot of part of the program: what it reads past the part (its
``neighbours``) and about the whole program (its ``conferences``), and the journeys it
looks no further than, so that a part read with those judges as the whole does."""

from __future__ import annotations

from datetime import date, timedelta

from engine_builders import delegation, meeting, tokyo

from cpp_scheduler.model.enums import EventKind, EventMode
from cpp_scheduler.scheduling.conflicts import ConflictKind, find_conflicts
from cpp_scheduler.scheduling.inputs import Interval, ProgramSnapshot, Route, TourInfo, VenueInfo
from cpp_scheduler.scheduling.travel import DEFAULT_BUFFER, LONGEST_JOURNEY

LIMA = delegation("lima", "Lima housing delegation", "America/Lima", "PE")
MANILA = delegation("manila", "Manila delegation", "Asia/Manila", "PH")
HALL = VenueInfo("hall", "Kobe City Hall", "Kobe", capacity=30)
ROUTES = (Route("Tokyo", "Kobe", "rail", 180),)


def snapshot(*intervals: Interval, **values: object) -> ProgramSnapshot:
    return ProgramSnapshot(
        intervals=intervals,
        delegations={LIMA.id: LIMA, MANILA.id: MANILA},
        venues={HALL.id: HALL},
        routes=ROUTES,
        **values,  # type: ignore[arg-type]
    )


def in_person(
    event_id: str, locality: str, start_day: int, gap: timedelta = timedelta()
) -> Interval:
    return meeting(
        event_id,
        f"Visit in {locality}",
        tokyo(2027, 3, start_day, 10) + gap,
        60,
        locality=locality,
        delegation_ids=frozenset({LIMA.id}),
    )


def test_an_unknown_route_is_asked_for_only_within_the_longest_journey() -> None:
    """No journey takes longer than the table may hold: with that and the buffer between
    two meetings, the way from one to the other is no question."""
    kobe = in_person("kobe", "Kobe", 1)
    enough = LONGEST_JOURNEY + DEFAULT_BUFFER + timedelta(hours=1)  # after Kobe ends
    just = enough - timedelta(minutes=1)
    sendai = in_person("sendai", "Sendai", 1, just)
    [asked] = find_conflicts(snapshot(kobe, sendai))
    assert asked.kind is ConflictKind.TRAVEL_UNKNOWN
    later = in_person("sendai", "Sendai", 1, enough)
    assert find_conflicts(snapshot(kobe, later)) == []
    # the buffer is part of the gap it takes
    assert find_conflicts(snapshot(kobe, later), buffer=DEFAULT_BUFFER * 2) != []


def test_the_journey_to_a_neighbour_counts_and_the_neighbour_is_not_judged() -> None:
    """The next meeting after the part read is where the delegation goes next; a clash
    among the neighbours is for the part they belong to."""
    kobe = in_person("kobe", "Kobe", 1)
    sendai = in_person("sendai", "Sendai", 3)
    clash = meeting("other", "Other visit", sendai.start, 60, venue_id=HALL.id, locality="Kobe")
    also = meeting("again", "Again", sendai.start, 60, venue_id=HALL.id, locality="Kobe")
    found = find_conflicts(snapshot(kobe, neighbours=(sendai, clash, also)))
    assert [(c.kind, c.event_ids) for c in found] == [
        (ConflictKind.TRAVEL_UNKNOWN, ("kobe", "sendai"))
    ]
    assert found == [
        c for c in find_conflicts(snapshot(kobe, sendai, clash, also)) if c.start == kobe.end
    ]


def test_a_tours_days_among_the_neighbours_are_planned() -> None:
    tour = TourInfo(
        "tour",
        "Kansai tour",
        MANILA.id,
        date(2027, 3, 8),
        date(2027, 3, 9),
        hotel_nights=frozenset({date(2027, 3, 8)}),
    )

    def visit(day: int) -> Interval:
        return meeting(
            f"visit-{day}",
            "Visit",
            tokyo(2027, 3, day, 10),
            60,
            delegation_ids=frozenset({MANILA.id}),
        )

    apart = snapshot(visit(8), tours=(tour,), neighbours=(visit(9),))
    assert find_conflicts(apart) == []
    [empty] = find_conflicts(snapshot(visit(8), tours=(tour,)))
    assert empty.kind is ConflictKind.EMPTY_TOUR_DAY
    assert empty.days == (date(2027, 3, 9),)


def test_conferences_of_the_whole_program_decide_over_the_part_read() -> None:
    """A conference whose sessions were not read is still judged by them; a session
    whose conference was not read is still for the conference's delegations, and still
    held outside the conference's dates."""
    night = tokyo(2027, 3, 2, 7)  # 06:00 in Manila, before its day; 07:00 in Tokyo, not
    conference = meeting(
        "forum",
        "Online forum",
        night,
        180,
        kind=EventKind.CONFERENCE,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({MANILA.id}),
    )
    session = meeting(
        "closing",
        "Closing session",
        night + timedelta(days=5),
        60,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        ancestor_ids=frozenset({"forum"}),
    )
    whole = find_conflicts(snapshot(conference, session))
    assert sorted((c.kind, c.event_ids) for c in whole) == [
        (ConflictKind.NIGHT_SESSION, ("closing",)),
        (ConflictKind.SESSION_OUTSIDE_CONFERENCE, ("closing",)),
    ]
    facts = {"forum": frozenset({MANILA.id})}
    dates = {"forum": conference}
    assert find_conflicts(snapshot(conference, conferences=facts, conference_dates=dates)) == []
    assert find_conflicts(snapshot(session, conferences=facts, conference_dates=dates)) == whole
    # without them, each part alone is judged wrongly: what the facts are for
    assert find_conflicts(snapshot(conference)) != []
    assert find_conflicts(snapshot(session)) == []
