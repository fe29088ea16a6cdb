"""Which meetings a delegation attends and on which clock: one rule for its schedule and
for the conflict check's night-time warnings."""

from __future__ import annotations

from datetime import date, datetime

from engine_builders import at, delegation, meeting, person, tokyo

from cpp_scheduler import timezones
from cpp_scheduler.model.enums import EventKind, EventMode
from cpp_scheduler.scheduling.attendance import delegation_meetings
from cpp_scheduler.scheduling.conflicts import Conflict, ConflictKind, find_conflicts
from cpp_scheduler.scheduling.inputs import Attendee, Interval, ProgramSnapshot
from cpp_scheduler.scheduling.localtimes import DayPart, local_times

LIMA = delegation("lima", "Lima delegation", "America/Lima", "PE")
VISITING_LIMA = delegation(
    "lima",
    "Lima delegation",
    "America/Lima",
    "PE",
    arrival=date(2027, 2, 14),
    departure=date(2027, 2, 17),
)
NAIROBI = delegation("nairobi", "Nairobi delegation", "Africa/Nairobi", "KE")
HYBRID = {"mode": EventMode.HYBRID, "locality": "Tokyo"}


def program(*intervals: Interval, lima: Attendee = LIMA) -> ProgramSnapshot:
    return ProgramSnapshot(intervals=intervals, delegations={"lima": lima, "nairobi": NAIROBI})


def for_lima(found: list[Conflict]) -> list[tuple[ConflictKind, tuple[str, ...]]]:
    return [(c.kind, c.event_ids) for c in found if c.record_ids == ("lima",)]


def two_day_conference() -> tuple[Interval, ...]:
    """09:00 on Monday to 15:30 on Tuesday, Tokyo; two open sessions and one for Nairobi."""
    sessions = {"ancestor_ids": frozenset({"conf"}), **HYBRID}
    return (
        meeting(
            "conf",
            "Cities conference",
            tokyo(2027, 2, 15, 9),
            30 * 60 + 30,
            kind=EventKind.CONFERENCE,
            delegation_ids=frozenset({"lima", "nairobi"}),
            **HYBRID,
        ),
        meeting("open", "Opening", tokyo(2027, 2, 15, 9), 75, **sessions),
        meeting(
            "nbo",
            "Nairobi action plan",
            tokyo(2027, 2, 16, 11),
            90,
            delegation_ids=frozenset({"nairobi"}),
            **sessions,
        ),
        meeting("close", "Closing", tokyo(2027, 2, 16, 14), 90, **sessions),
    )


def test_a_conference_is_its_sessions_and_a_named_session_is_theirs_alone() -> None:
    found = delegation_meetings(program(*two_day_conference()), "lima")
    assert [m.interval.title for m in found] == ["Opening", "Closing"]
    assert all(m.conference is not None and m.conference.id == "conf" for m in found)
    nairobi = delegation_meetings(program(*two_day_conference()), "nairobi")
    assert [m.interval.title for m in nairobi] == ["Opening", "Nairobi action plan", "Closing"]


def test_at_home_each_session_is_judged_by_its_own_hours() -> None:
    found = delegation_meetings(program(*two_day_conference()), "lima")
    assert [(m.judgement.zone, m.judgement.part) for m in found] == [
        ("America/Lima", DayPart.EXTENDED),  # Sunday 19:00-20:15 in Lima
        ("America/Lima", DayPart.NIGHT),  # Tuesday 00:00-01:30 in Lima
    ]
    assert for_lima(find_conflicts(program(*two_day_conference()))) == [
        (ConflictKind.NIGHT_SESSION, ("close",))
    ]


def test_in_japan_the_sessions_are_on_tokyo_time() -> None:
    found = delegation_meetings(program(*two_day_conference(), lima=VISITING_LIMA), "lima")
    assert [(m.judgement.zone, m.judgement.in_japan, m.judgement.part) for m in found] == [
        (timezones.TOKYO, True, DayPart.WORKING),
        (timezones.TOKYO, True, DayPart.WORKING),
    ]
    assert for_lima(find_conflicts(program(*two_day_conference(), lima=VISITING_LIMA))) == []


def test_a_conference_it_follows_in_no_session_is_one_line_judged_day_by_day() -> None:
    conference, *_ = two_day_conference()
    [line] = delegation_meetings(program(conference, lima=VISITING_LIMA), "lima")
    assert line.interval.id == "conf"
    assert line.judgement.part is DayPart.WORKING  # 09:00-15:30 each day, not 30 hours


def test_the_stay_is_read_on_the_meetings_tokyo_date() -> None:
    # 13:00 in Tokyo on the day of arrival is 23:00 the evening before in Lima: the
    # delegation has landed by then and keeps Tokyo's clock.
    call = meeting(
        "call",
        "Call with Washington",
        tokyo(2027, 2, 14, 13),
        60,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({"lima"}),
    )
    [line] = delegation_meetings(program(call, lima=VISITING_LIMA), "lima")
    assert (line.judgement.zone, line.judgement.part) == (timezones.TOKYO, DayPart.WORKING)
    assert find_conflicts(program(call, lima=VISITING_LIMA)) == []
    assert [c.kind for c in find_conflicts(program(call))] == [ConflictKind.NIGHT_SESSION]


def test_a_meeting_held_in_person_is_on_the_rooms_clock_whatever_the_stay() -> None:
    # 10:00 in Tokyo is 20:00 the evening before in Lima. Held in a room in Tokyo, a
    # day before the delegation lands, the workshop is no night meeting for Lima: it is
    # one the delegation would have to be in Tokyo for, which the check says instead.
    workshop = meeting(
        "ws",
        "Kobe resilience workshop",
        tokyo(2027, 2, 13, 10),
        90,
        delegation_ids=frozenset({"lima"}),
    )
    [line] = delegation_meetings(program(workshop, lima=VISITING_LIMA), "lima")
    assert (line.judgement.zone, line.judgement.in_japan, line.judgement.part) == (
        timezones.TOKYO,
        True,
        DayPart.WORKING,
    )
    kinds = [c.kind for c in find_conflicts(program(workshop, lima=VISITING_LIMA))]
    assert ConflictKind.NIGHT_SESSION not in kinds
    assert ConflictKind.OUTSIDE_STAY in kinds
    # A site visit abroad is on that place's clock, and not "in Japan".
    visit = meeting(
        "visit",
        "Site visit in Nairobi",
        datetime(2027, 3, 1, 7, tzinfo=timezones.UTC),
        120,
        zone="Africa/Nairobi",
        delegation_ids=frozenset({"lima"}),
    )
    [line] = delegation_meetings(program(visit), "lima")
    assert (line.judgement.zone, line.judgement.in_japan, line.judgement.part) == (
        "Africa/Nairobi",
        False,
        DayPart.WORKING,
    )


def test_an_all_day_block_has_dates_and_is_never_a_night() -> None:
    closure = meeting(
        "gw",
        "Golden Week: TDLC closed",
        tokyo(2027, 5, 3),
        3 * 24 * 60,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({"lima"}),
        all_day=True,
    )
    [line] = delegation_meetings(program(closure), "lima")
    assert line.judgement.part is None
    # Dates, never a night; TDLC's closure in Tokyo is on Japan's holidays, which the
    # check says as the Local times say them for the hosts in Tokyo.
    found = {conflict.kind for conflict in find_conflicts(program(closure))}
    assert found == {ConflictKind.JAPANESE_HOLIDAY}


def nights(interval: Interval) -> list[tuple[str, ...]]:
    """Whose night the conflict check warns of, by their ids (none: the hosts in Tokyo),
    and nothing else is found."""
    found = find_conflicts(program(interval))
    assert {c.kind for c in found} == {ConflictKind.NIGHT_SESSION}
    return [c.record_ids for c in found]


def test_a_timed_meeting_from_midnight_to_midnight_keeps_its_hours() -> None:
    """All day is what the coordinator said, never guessed from the clock: a call from
    midnight to midnight in Lima is a call, late at night and early in the morning."""
    marathon = meeting(
        "m",
        "Twenty-four hour resilience hackathon",
        at("America/Lima", 2027, 5, 10),
        24 * 60,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({"lima"}),
    )
    [line] = delegation_meetings(program(marathon), "lima")
    assert line.judgement.part is DayPart.NIGHT
    assert nights(marathon) == [("lima",), ()]  # Lima, and the hosts in Tokyo


def test_a_member_listed_brings_the_meeting_to_the_delegation() -> None:

    ana = person("ana", "Ana", "America/Lima", "PE", delegation_id="lima")
    visit = meeting("v", "Site visit", tokyo(2027, 2, 15, 10), participant_ids=frozenset({"ana"}))
    snapshot = ProgramSnapshot(
        intervals=(visit,), delegations={"lima": LIMA}, participants={"ana": ana}
    )
    assert [m.interval.id for m in delegation_meetings(snapshot, "lima")] == ["v"]
    assert delegation_meetings(snapshot, "nobody") == []


# -- one rule for the hours of a meeting, whoever reads them -----------------------------


def bands(interval: Interval, lima: Attendee = LIMA) -> tuple[DayPart | None, DayPart]:
    """Lima's hours of the meeting in its schedule and in its local times."""
    [line] = delegation_meetings(program(interval, lima=lima), "lima")
    [row] = local_times(interval, [lima], references=())
    return line.judgement.part, row.part


def call(start: datetime, minutes: int) -> Interval:
    return meeting(
        "c",
        "Call",
        start,
        minutes,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({"lima"}),
    )


def test_a_block_of_days_is_judged_by_its_daily_hours_everywhere() -> None:
    """09:00 on Monday to 17:00 on Wednesday in Tokyo, for a delegation in Japan: a
    three-day workshop in working hours in its schedule, its local times and the check."""
    block = call(tokyo(2027, 2, 15, 9), 2 * 24 * 60 + 8 * 60)
    assert bands(block, VISITING_LIMA) == (DayPart.WORKING, DayPart.WORKING)
    assert find_conflicts(program(block, lima=VISITING_LIMA)) == []


def test_a_meeting_past_midnight_is_at_night_everywhere() -> None:
    """22:00 to 01:00, and 20:00 to 07:30 the next morning, in Lima: at night in its
    schedule and in its local times, and a night warning."""
    for start, minutes in (
        (at("America/Lima", 2027, 5, 10, 22), 180),
        (at("America/Lima", 2027, 5, 10, 20), 690),
    ):
        assert bands(call(start, minutes)) == (DayPart.NIGHT, DayPart.NIGHT)
        kinds = [c.kind for c in find_conflicts(program(call(start, minutes)))]
        assert kinds == [ConflictKind.NIGHT_SESSION]


def test_a_meeting_round_the_clock_for_days_is_at_night_everywhere() -> None:
    """48 hours from 21:30 in Lima: it runs through two nights, whatever its two ends
    say."""
    marathon = call(at("America/Lima", 2027, 5, 10, 21, 30), 48 * 60)
    assert bands(marathon) == (DayPart.NIGHT, DayPart.NIGHT)
    assert nights(marathon) == [("lima",), ()]
