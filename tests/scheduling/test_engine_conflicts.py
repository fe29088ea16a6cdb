"""Conflicts: each kind found, explained in a sentence, and the sweep matching the oracle."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from conflict_oracle import brute_force_overlaps
from engine_builders import (
    KITAKYUSHU_PLANT,
    KOBE_HALL,
    ROOM_A,
    STUDIO,
    delegation,
    meeting,
    person,
    tokyo,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler.model.enums import EventKind, EventMode
from cpp_scheduler.scheduling.conflicts import (
    Conflict,
    ConflictKind,
    Severity,
    find_conflicts,
    find_overlaps,
)
from cpp_scheduler.scheduling.inputs import (
    Hours,
    Interval,
    ProgramSnapshot,
    Route,
    TourActivity,
    TourInfo,
    TourLeg,
    TourNight,
    VenueInfo,
)

LIMA = delegation("lima", "Lima housing delegation", "America/Lima", "PE")
NAIROBI = delegation("nairobi", "Nairobi delegation", "Africa/Nairobi", "KE")
ANA = person("ana", "Ana Quispe", "America/Lima", "PE", delegation_id="lima")
KENJI = person("kenji", "Kenji Sato", "Asia/Tokyo", "JP")
ROUTES = (
    Route("Tokyo", "Kobe", "rail", 180),
    Route("Kobe", "Kitakyushu", "rail", 120),
    Route("Tokyo", "Kitakyushu", "rail", 300),
    Route("Tokyo", "Kitakyushu", "air", 90),
)
VENUES = {v.id: v for v in (ROOM_A, STUDIO, KOBE_HALL, KITAKYUSHU_PLANT)}


def program(*intervals: Interval, **values: object) -> ProgramSnapshot:
    return ProgramSnapshot(
        intervals=intervals,
        delegations=values.pop("delegations", {LIMA.id: LIMA, NAIROBI.id: NAIROBI}),  # type: ignore[arg-type]
        participants=values.pop("participants", {ANA.id: ANA, KENJI.id: KENJI}),  # type: ignore[arg-type]
        venues=values.pop("venues", VENUES),  # type: ignore[arg-type]
        routes=ROUTES,
        **values,  # type: ignore[arg-type]
    )


def of_kind(found: list[Conflict], kind: ConflictKind) -> list[Conflict]:
    return [conflict for conflict in found if conflict.kind is kind]


# -- double bookings ------------------------------------------------------------------


def test_a_room_booked_twice_is_one_error_in_one_sentence() -> None:
    kobe = meeting(
        "e1", "Kobe DRR workshop", tokyo(2027, 1, 12, 10), venue_id=ROOM_A.id, locality="Tokyo"
    )
    yokohama = meeting(
        "e2",
        "Yokohama smart-city visit",
        tokyo(2027, 1, 12, 10),
        venue_id=ROOM_A.id,
        locality="Tokyo",
    )
    [conflict] = find_conflicts(program(kobe, yokohama))
    assert conflict.kind is ConflictKind.VENUE_DOUBLE_BOOKED
    assert conflict.severity is Severity.ERROR
    assert conflict.message == (
        "Kobe DRR workshop and Yokohama smart-city visit both book TDLC Meeting Room A on "
        "Tue 12 Jan 10:00-11:30 (Tokyo)"
    )
    assert conflict.event_ids == ("e1", "e2")
    assert conflict.record_ids == (ROOM_A.id,)


def test_back_to_back_bookings_do_not_clash() -> None:
    first = meeting("e1", "Morning", tokyo(2027, 1, 12, 9), 60, venue_id=ROOM_A.id)
    second = meeting("e2", "Next", tokyo(2027, 1, 12, 10), 60, venue_id=ROOM_A.id)
    assert find_conflicts(program(first, second)) == []


def test_a_conference_and_its_own_sessions_do_not_clash() -> None:
    conference = meeting(
        "conf",
        "Resilient cities conference",
        tokyo(2027, 1, 12, 9),
        480,
        venue_id=ROOM_A.id,
        locality="Tokyo",
        delegation_ids=frozenset({"lima"}),
    )
    session = meeting(
        "s1",
        "Opening session",
        tokyo(2027, 1, 12, 9),
        60,
        venue_id=ROOM_A.id,
        locality="Tokyo",
        delegation_ids=frozenset({"lima"}),
        ancestor_ids=frozenset({"conf"}),
    )
    assert find_conflicts(program(conference, session)) == []


def test_a_speaker_in_two_parallel_sessions_is_in_two_places() -> None:
    parent = frozenset({"conf"})
    conference = meeting(
        "conf",
        "Conference",
        tokyo(2027, 1, 12, 9),
        480,
        locality="Tokyo",
        participant_ids=frozenset({"kenji"}),
    )
    one = meeting(
        "s1",
        "Compact city panel",
        tokyo(2027, 1, 12, 14),
        60,
        locality="Tokyo",
        participant_ids=frozenset({"kenji"}),
        ancestor_ids=parent,
    )
    two = meeting(
        "s2",
        "Disaster risk panel",
        tokyo(2027, 1, 12, 14, 30),
        60,
        locality="Tokyo",
        participant_ids=frozenset({"kenji"}),
        ancestor_ids=parent,
    )
    [conflict] = find_conflicts(program(conference, one, two))
    assert conflict.kind is ConflictKind.ATTENDEE_DOUBLE_BOOKED
    assert conflict.message == (
        "Kenji Sato is expected at Compact city panel and Disaster risk panel at the same "
        "time, Tue 12 Jan 14:30-15:00 (Tokyo)"
    )
    assert conflict.record_ids == ("kenji",)


def test_a_delegation_and_its_member_in_two_events_is_one_clash_naming_the_delegation() -> None:
    who = {"delegation_ids": frozenset({"lima"}), "participant_ids": frozenset({"ana"})}
    first = meeting("e1", "Site visit", tokyo(2027, 1, 12, 10), locality="Tokyo", **who)
    second = meeting("e2", "Workshop", tokyo(2027, 1, 12, 11), locality="Tokyo", **who)
    [conflict] = find_conflicts(program(first, second))
    assert conflict.message.startswith("Lima housing delegation is expected at Site visit")
    assert conflict.record_ids == ("lima",)


# -- travel -----------------------------------------------------------------------------


def _tour_days(gap_minutes: int, buffer: timedelta | None = None) -> list[Conflict]:
    kobe = meeting(
        "kobe",
        "Kobe DRR workshop",
        tokyo(2027, 1, 13, 15),
        120,
        venue_id=KOBE_HALL.id,
        locality="Kobe",
        delegation_ids=frozenset({"lima"}),
    )
    opening = tokyo(2027, 1, 13, 17) + timedelta(minutes=gap_minutes)
    kitakyushu = meeting(
        "kk",
        "Kitakyushu eco-town visit",
        opening,
        60,
        venue_id=KITAKYUSHU_PLANT.id,
        locality="Kitakyushu",
        delegation_ids=frozenset({"lima"}),
    )
    snapshot = program(
        kobe,
        kitakyushu,
        venues={
            **VENUES,
            KITAKYUSHU_PLANT.id: VenueInfo(
                KITAKYUSHU_PLANT.id, KITAKYUSHU_PLANT.name, "Kitakyushu", closes_at=time(23)
            ),
        },
    )
    if buffer is None:
        return find_conflicts(snapshot)
    return find_conflicts(snapshot, buffer=buffer)


def test_leaving_kobe_at_five_cannot_open_kitakyushu_at_six() -> None:
    [conflict] = _tour_days(60)
    assert conflict.kind is ConflictKind.TRAVEL_TOO_SHORT
    assert conflict.severity is Severity.ERROR
    assert conflict.message == (
        "Lima housing delegation cannot get from Kobe DRR workshop in Kobe (ends Wed 13 Jan "
        "17:00) to Kitakyushu eco-town visit in Kitakyushu (starts Wed 13 Jan 18:00, Tokyo "
        "time): the journey takes 2 h by rail plus a 30 min buffer, but only 1 h lies between"
    )
    assert conflict.event_ids == ("kobe", "kk")


def test_travel_needs_the_journey_and_the_buffer() -> None:
    assert of_kind(_tour_days(149), ConflictKind.TRAVEL_TOO_SHORT)
    assert not _tour_days(150)
    assert not _tour_days(120, buffer=timedelta(0))
    assert of_kind(_tour_days(150, buffer=timedelta(minutes=45)), ConflictKind.TRAVEL_TOO_SHORT)


@settings(max_examples=200, deadline=None)
@given(st.integers(-3_000_000, 3_000_000), st.integers(0, 999_999), st.integers(0, 3_600))
def test_a_journey_is_too_short_exactly_when_the_gap_is_under_journey_and_buffer(
    off_by_microseconds: int, ends_at_microsecond: int, buffer_seconds: int
) -> None:
    """Also to the second and below, where whole-second times alone could not decide."""
    buffer = timedelta(seconds=buffer_seconds)
    needed = timedelta(minutes=120) + buffer  # Kobe to Kitakyushu by rail
    gap = needed + timedelta(microseconds=off_by_microseconds)
    kobe = meeting(
        "kobe",
        "Kobe DRR workshop",
        tokyo(2027, 1, 13, 15) + timedelta(microseconds=ends_at_microsecond),
        120,
        locality="Kobe",
        delegation_ids=frozenset({"lima"}),
    )
    kitakyushu = meeting(
        "kk",
        "Kitakyushu eco-town visit",
        kobe.end + gap,
        60,
        locality="Kitakyushu",
        delegation_ids=frozenset({"lima"}),
    )
    found = of_kind(
        find_conflicts(program(kobe, kitakyushu), buffer=buffer), ConflictKind.TRAVEL_TOO_SHORT
    )
    assert bool(found) == (gap < needed)


def test_the_fastest_mode_counts_in_either_direction() -> None:
    kk = meeting(
        "kk",
        "Eco-town visit",
        tokyo(2027, 1, 13, 10),
        60,
        locality="Kitakyushu",
        delegation_ids=frozenset({"lima"}),
    )
    tokyo_event = meeting(
        "tk",
        "Debrief at TDLC",
        tokyo(2027, 1, 13, 13),
        60,
        locality="Tokyo",
        delegation_ids=frozenset({"lima"}),
    )
    assert find_conflicts(program(kk, tokyo_event)) == []  # 90 min by air + 30 = 2 h


def kobe_then_sendai() -> tuple[Interval, Interval]:
    """Lima in Kobe at 10:00, then in Sendai at 16:00: a route the table does not know."""
    kobe = meeting(
        "kobe",
        "Kobe DRR workshop",
        tokyo(2027, 1, 13, 10),
        60,
        locality="Kobe",
        delegation_ids=frozenset({"lima"}),
    )
    sendai = meeting(
        "sendai",
        "Sendai recovery visit",
        tokyo(2027, 1, 13, 16),
        60,
        locality="Sendai",
        delegation_ids=frozenset({"lima"}),
    )
    return kobe, sendai


def test_an_unknown_route_is_a_warning_that_says_what_to_add() -> None:
    [conflict] = find_conflicts(program(*kobe_then_sendai()))
    assert conflict.kind is ConflictKind.TRAVEL_UNKNOWN
    assert conflict.severity is Severity.WARNING
    assert "between Kobe and Sendai" in conflict.message


def test_virtual_events_need_no_travel() -> None:
    kobe = meeting(
        "kobe",
        "Kobe DRR workshop",
        tokyo(2027, 1, 13, 10),
        60,
        locality="Kobe",
        delegation_ids=frozenset({"lima"}),
    )
    call = meeting(
        "vc",
        "Online debrief",
        tokyo(2027, 1, 13, 11, 30),
        60,
        mode=EventMode.VIRTUAL,
        kind=EventKind.VIDEOCONFERENCE,
        delegation_ids=frozenset({"lima"}),
    )
    visiting = delegation(
        "lima",
        "Lima housing delegation",
        "America/Lima",
        "PE",
        arrival=date(2027, 1, 10),
        departure=date(2027, 1, 16),
    )
    assert find_conflicts(program(kobe, call, delegations={"lima": visiting})) == []


# -- venue: capacity and opening hours ------------------------------------------------


def test_more_attendees_than_seats() -> None:
    small = VenueInfo("small", "Small room", "Tokyo", capacity=1)
    crowded = meeting(
        "e1",
        "Briefing",
        tokyo(2027, 1, 12, 10),
        venue_id="small",
        participant_ids=frozenset({"ana", "kenji"}),
    )
    hybrid = meeting(
        "e2",
        "Hybrid briefing",
        tokyo(2027, 1, 13, 10),
        venue_id="small",
        mode=EventMode.HYBRID,
        participant_ids=frozenset({"ana", "kenji"}),
    )
    found = find_conflicts(program(crowded, hybrid, venues={"small": small}))
    first, second = of_kind(found, ConflictKind.OVER_CAPACITY)
    assert first.message == "Briefing expects 2 people but Small room holds 1"
    assert first.severity is Severity.ERROR
    assert second.severity is Severity.WARNING
    assert "if all come in person" in second.message


def test_a_delegation_counts_with_all_its_members() -> None:
    small = VenueInfo("small", "Small room", "Tokyo", capacity=1)
    visit = meeting(
        "e1",
        "Briefing",
        tokyo(2027, 1, 12, 10),
        venue_id="small",
        delegation_ids=frozenset({"lima"}),
        participant_ids=frozenset({"kenji"}),
    )
    [conflict] = find_conflicts(program(visit, venues={"small": small}))
    assert conflict.message == "Briefing expects 2 people but Small room holds 1"


def test_an_event_before_the_venue_opens() -> None:
    early = meeting("e1", "Breakfast briefing", tokyo(2027, 1, 12, 7, 30), 60, venue_id=ROOM_A.id)
    [conflict] = find_conflicts(program(early))
    assert conflict.kind is ConflictKind.OUTSIDE_OPENING_HOURS
    assert conflict.message == (
        "Breakfast briefing runs Tue 12 Jan 07:30-08:30 (Tokyo), outside the opening hours "
        "of TDLC Meeting Room A (08:30-19:00)"
    )


# -- holidays ---------------------------------------------------------------------------


def test_an_event_on_a_japanese_holiday_names_it() -> None:
    visit = meeting("e1", "Yokohama smart-city visit", tokyo(2027, 1, 11, 10), venue_id=ROOM_A.id)
    [conflict] = find_conflicts(program(visit))
    assert conflict.kind is ConflictKind.JAPANESE_HOLIDAY
    assert conflict.message == (
        "Yokohama smart-city visit falls on Coming of Age Day, a public holiday in Japan "
        "(Mon 11 Jan 2027)"
    )


def test_an_event_on_a_holiday_in_a_delegations_country() -> None:
    call = meeting(
        "vc",
        "Urban resilience call",
        tokyo(2027, 6, 1, 15),
        60,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({"nairobi"}),
    )
    [conflict] = find_conflicts(program(call))
    assert conflict.kind is ConflictKind.DELEGATION_HOLIDAY
    assert conflict.message == (
        "Urban resilience call falls on Madaraka Day, a public holiday in Kenya, for "
        "Nairobi delegation (Tue 01 Jun 2027 there)"
    )
    assert conflict.record_ids == ("nairobi",)


def test_the_home_holiday_is_read_on_the_delegations_own_date() -> None:
    # 09:00 Tokyo on 29 July is still 28 July (Independence Day) in Lima.
    call = meeting(
        "vc",
        "Housing call",
        tokyo(2027, 7, 29, 9),
        60,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({"lima"}),
    )
    found = of_kind(find_conflicts(program(call)), ConflictKind.DELEGATION_HOLIDAY)
    assert [c.message.split(",")[0] for c in found] == ["Housing call falls on Independence Day"]
    assert "(Wed 28 Jul 2027 there)" in found[0].message


# -- night sessions ---------------------------------------------------------------------


def test_a_videoconference_at_night_for_a_delegation() -> None:
    call = meeting(
        "vc",
        "Kobe-Lima peer exchange",
        tokyo(2027, 1, 13, 14),
        60,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({"lima", "nairobi"}),
    )
    [conflict] = find_conflicts(program(call))
    assert conflict.kind is ConflictKind.NIGHT_SESSION
    assert conflict.message == (
        "Kobe-Lima peer exchange is at night for Lima housing delegation: Wed 13 Jan "
        "00:00-01:00 (Lima), outside its acceptable hours (07:00-22:00)"
    )


def test_night_follows_the_delegations_own_acceptable_hours() -> None:
    late = delegation(
        "lima",
        "Lima housing delegation",
        "America/Lima",
        "PE",
        hours=Hours(time(9), time(18), time(6), time(23, 30)),
    )
    call = meeting(
        "vc",
        "Late call",
        tokyo(2027, 1, 13, 12),
        60,
        kind=EventKind.VIDEOCONFERENCE,
        delegation_ids=frozenset({"lima"}),
    )
    assert find_conflicts(program(call, delegations={"lima": late})) == []
    assert find_conflicts(program(call))  # 22:00-23:00 is night with the default hours


def test_a_delegation_visiting_japan_is_on_tokyo_time() -> None:
    visiting = delegation(
        "lima",
        "Lima housing delegation",
        "America/Lima",
        "PE",
        arrival=date(2027, 1, 10),
        departure=date(2027, 1, 16),
    )
    call = meeting(
        "vc",
        "Call with Washington",
        tokyo(2027, 1, 13, 14),
        60,
        kind=EventKind.VIDEOCONFERENCE,
        delegation_ids=frozenset({"lima"}),
    )
    assert find_conflicts(program(call, delegations={"lima": visiting})) == []


# -- stays and tours -----------------------------------------------------------------------


def test_a_delegation_scheduled_before_it_arrives() -> None:
    visiting = delegation(
        "lima",
        "Lima housing delegation",
        "America/Lima",
        "PE",
        arrival=date(2027, 1, 12),
        departure=date(2027, 1, 16),
    )
    visit = meeting(
        "e1",
        "Yokohama visit",
        tokyo(2027, 1, 12, 8),
        locality="Yokohama",
        delegation_ids=frozenset({"lima"}),
    )
    too_early = meeting(
        "e0",
        "Welcome dinner",
        tokyo(2027, 1, 11, 19),
        locality="Tokyo",
        delegation_ids=frozenset({"lima"}),
    )
    found = find_conflicts(program(visit, too_early, delegations={"lima": visiting}))
    [conflict] = of_kind(found, ConflictKind.OUTSIDE_STAY)
    assert conflict.message == (
        "Lima housing delegation is expected at Welcome dinner on Mon 11 Jan 2027, before it "
        "arrives in Japan on Tue 12 Jan 2027"
    )


def test_tour_nights_without_hotel_and_days_without_plans() -> None:
    tour = TourInfo(
        "tour",
        "Lima study tour",
        "lima",
        date(2027, 1, 12),
        date(2027, 1, 15),
        day_ids={date(2027, 1, 14): "day-14"},
        hotel_nights=frozenset({date(2027, 1, 12), date(2027, 1, 13)}),
        travel_days=frozenset({date(2027, 1, 13)}),
    )
    opening = meeting(
        "e1",
        "Opening at TDLC",
        tokyo(2027, 1, 12, 10),
        locality="Tokyo",
        delegation_ids=frozenset({"lima"}),
    )
    planned = meeting(
        "e2", "Kobe workshop", tokyo(2027, 1, 14, 10), locality="Kobe", tour_day_id="day-14"
    )
    found = find_conflicts(program(opening, planned, tours=(tour,)))
    [hotel] = of_kind(found, ConflictKind.NIGHT_WITHOUT_HOTEL)
    assert hotel.message == (
        "Lima study tour (Lima housing delegation) has no hotel for the night of Thu 14 Jan 2027"
    )
    [empty] = of_kind(found, ConflictKind.EMPTY_TOUR_DAY)
    assert empty.message == (
        "Lima study tour (Lima housing delegation) has nothing planned on Fri 15 Jan 2027"
    )
    assert empty.record_ids == ("tour",)


def _kobe_kitakyushu_tour(**values: object) -> TourInfo:
    """Two days: a workshop in Kobe until 17:00 on the first, a leg to Kitakyushu."""
    return TourInfo(
        "tour",
        "Lima study tour",
        "lima",
        date(2027, 1, 12),
        date(2027, 1, 13),
        hotel_nights=frozenset({date(2027, 1, 12)}),
        legs=values.pop(  # type: ignore[arg-type]
            "legs",
            (
                TourLeg(
                    "leg",
                    "Kobe",
                    "Kitakyushu",
                    "rail",
                    tokyo(2027, 1, 12, 17),
                    tokyo(2027, 1, 12, 18),
                ),
            ),
        ),
        nights=values.pop(  # type: ignore[arg-type]
            "nights", (TourNight("night", date(2027, 1, 12), "Hotel Okura Kobe", "Kobe"),)
        ),
        activities=values.pop(  # type: ignore[arg-type]
            "activities",
            (
                TourActivity(
                    "e1",
                    "Kobe DRR workshop",
                    tokyo(2027, 1, 12, 15),
                    tokyo(2027, 1, 12, 17),
                    "Kobe",
                    delegation_ids=frozenset({"lima"}),
                ),
            ),
        ),
        **values,  # type: ignore[arg-type]
    )


def test_a_tour_leg_shorter_than_the_journey_and_a_hotel_where_the_day_does_not_end() -> None:
    found = find_conflicts(program(tours=(_kobe_kitakyushu_tour(),)))
    [leg] = of_kind(found, ConflictKind.TOUR_LEG_INFEASIBLE)
    assert leg.severity is Severity.ERROR
    assert leg.message == (
        "Lima study tour (Lima housing delegation): the leg Kobe → Kitakyushu on "
        "Tue 12 Jan 17:00-18:00 is too short: 1 h planned, the journey takes 2 h by rail"
    )
    assert leg.record_ids == ("tour", "leg")
    assert leg.days == (date(2027, 1, 12),)
    assert leg.start == tokyo(2027, 1, 12, 17)
    [hotel] = of_kind(found, ConflictKind.HOTEL_IN_OTHER_CITY)
    assert hotel.severity is Severity.ERROR
    assert hotel.message == (
        "Lima study tour (Lima housing delegation): the hotel for the night of Tue 12 Jan "
        "2027 (Hotel Okura Kobe) is in Kobe, but the day ends in Kitakyushu"
    )
    assert hotel.record_ids == ("tour", "night")


def test_a_tour_leg_that_fits_and_a_hotel_where_the_day_ends_are_fine() -> None:
    tour = _kobe_kitakyushu_tour(
        legs=(
            TourLeg(
                "leg",
                "Kobe",
                "Kitakyushu",
                "rail",
                tokyo(2027, 1, 12, 17, 30),
                tokyo(2027, 1, 12, 19, 30),
            ),
        ),
        nights=(TourNight("night", date(2027, 1, 12), "Hotel Kokura", "Kitakyushu"),),
    )
    found = find_conflicts(program(tours=(tour,)))
    assert not [c for c in found if c.kind not in {ConflictKind.EMPTY_TOUR_DAY}]


def test_an_activity_filed_under_the_tour_that_the_delegation_does_not_attend_is_said() -> None:
    """Filed under the tour's first day, the workshop names neither Lima's delegation nor
    any of its members: the board shows it, its schedule and itinerary do not, and the
    check says so on the day it is held. Naming one of Lima's members, it is theirs."""
    workshop = TourActivity(
        "e1", "Kobe DRR workshop", tokyo(2027, 1, 12, 15), tokyo(2027, 1, 12, 17), "Kobe"
    )
    tour = _kobe_kitakyushu_tour(activities=(workshop,))

    [found] = of_kind(find_conflicts(program(tours=(tour,))), ConflictKind.ACTIVITY_NOT_ATTENDED)

    assert found.severity is Severity.WARNING
    assert found.message == (
        "Lima study tour (Lima housing delegation): 'Kobe DRR workshop' is filed under the "
        "tour but names neither Lima housing delegation nor any of its members: its "
        "schedule and itinerary leave it out"
    )
    assert found.record_ids == ("tour",)
    assert found.event_ids == ("e1",)
    assert found.days == (date(2027, 1, 12),)
    snapshot = program(tours=(tour,))
    member = next(p for p, a in snapshot.participants.items() if a.delegation_id == "lima")
    named = replace(workshop, participant_ids=frozenset({member}))
    tour = _kobe_kitakyushu_tour(activities=(named,))
    assert not of_kind(find_conflicts(program(tours=(tour,))), ConflictKind.ACTIVITY_NOT_ATTENDED)


def test_a_tour_leg_over_an_activity_too_soon_after_one_elsewhere_or_from_elsewhere() -> None:
    workshop = TourActivity(
        "e1", "Kobe DRR workshop", tokyo(2027, 1, 12, 15), tokyo(2027, 1, 12, 17), "Kobe"
    )

    def problem(leg: TourLeg, *activities: TourActivity) -> Conflict:
        tour = _kobe_kitakyushu_tour(legs=(leg,), activities=activities, nights=())
        [found] = [
            c
            for c in find_conflicts(program(tours=(tour,)))
            if c.kind is ConflictKind.TOUR_LEG_INFEASIBLE
        ]
        return found

    over = problem(
        TourLeg(
            "leg", "Kobe", "Kitakyushu", "rail", tokyo(2027, 1, 12, 16), tokyo(2027, 1, 12, 18)
        ),
        workshop,
    )
    assert over.message.endswith("overlaps 'Kobe DRR workshop'")
    assert over.event_ids == ("e1",)
    assert [m.event_id for m in over.meetings] == ["e1"]
    soon = problem(
        TourLeg(
            "leg", "Tokyo", "Kitakyushu", "air", tokyo(2027, 1, 12, 17, 15), tokyo(2027, 1, 12, 19)
        ),
        workshop,
    )
    assert soon.message.endswith("leaves 15 min after 'Kobe DRR workshop' ends in Kobe")
    from_elsewhere = _kobe_kitakyushu_tour(
        legs=(
            TourLeg("one", "Tokyo", "Kobe", "rail", tokyo(2027, 1, 12, 8), tokyo(2027, 1, 12, 11)),
            TourLeg(
                "two", "Tokyo", "Kitakyushu", "rail", tokyo(2027, 1, 13, 9), tokyo(2027, 1, 13, 14)
            ),
            TourLeg(
                "three", "Kobe", "Toyama", "rail", tokyo(2027, 1, 13, 15), tokyo(2027, 1, 13, 19)
            ),
        ),
        activities=(),
        nights=(),
    )
    found = find_conflicts(program(tours=(from_elsewhere,)))
    [wrong] = of_kind(found, ConflictKind.TOUR_LEG_INFEASIBLE)
    assert wrong.record_ids == ("tour", "two")
    assert wrong.message.endswith("leaves from Tokyo, but the delegation is in Kobe")
    [unknown] = of_kind(found, ConflictKind.TOUR_LEG_UNKNOWN)
    assert unknown.severity is Severity.WARNING  # Kobe-Toyama is not in this table
    assert unknown.record_ids == ("tour", "three")


def test_a_conflict_names_the_one_meeting_of_a_series() -> None:
    first_rule_start = tokyo(2027, 1, 12, 10)
    moved = meeting(
        "series",
        "Monthly exchange",
        tokyo(2027, 2, 10, 10),
        id="series/20270209T010000Z",
        venue_id=ROOM_A.id,
        recurrence_id=first_rule_start + timedelta(days=28),
    )
    other = meeting(
        "series",
        "Monthly exchange",
        first_rule_start,
        id="series/20270112T010000Z",
        venue_id=ROOM_A.id,
        recurrence_id=first_rule_start,
    )
    clash = meeting("e2", "Budget review", tokyo(2027, 2, 10, 10), venue_id=ROOM_A.id)
    [conflict] = of_kind(
        find_conflicts(program(moved, other, clash)), ConflictKind.VENUE_DOUBLE_BOOKED
    )
    assert {(m.event_id, m.recurrence_id, m.start) for m in conflict.meetings} == {
        ("series", first_rule_start + timedelta(days=28), tokyo(2027, 2, 10, 10)),
        ("e2", None, tokyo(2027, 2, 10, 10)),
    }


def test_a_date_range_keeps_only_conflicts_within_it() -> None:
    one = meeting("e1", "A", tokyo(2027, 1, 12, 10), venue_id=ROOM_A.id)
    two = meeting("e2", "B", tokyo(2027, 1, 12, 10), venue_id=ROOM_A.id)
    three = meeting("e3", "C", tokyo(2027, 1, 20, 10), venue_id=ROOM_A.id)
    four = meeting("e4", "D", tokyo(2027, 1, 20, 10), venue_id=ROOM_A.id)
    found = find_conflicts(
        program(one, two, three, four), start=tokyo(2027, 1, 19), end=tokyo(2027, 1, 21)
    )
    assert [c.event_ids for c in found] == [("e3", "e4")]


# -- the sweep against the oracle ---------------------------------------------------------

BASE = datetime(2027, 1, 12, tzinfo=UTC)


@st.composite
def random_programs(draw: st.DrawFn) -> list[Interval]:
    count = draw(st.integers(0, 30))
    intervals: list[Interval] = []
    for index in range(count):
        start = BASE + timedelta(minutes=15 * draw(st.integers(0, 40)))
        minutes = 15 * draw(st.integers(1, 12))
        parent = draw(st.sampled_from([None, *(i.event_id for i in intervals)]))
        ancestors: frozenset[str] = frozenset()
        if parent is not None:
            ancestors = frozenset({parent}) | next(
                i.ancestor_ids for i in intervals if i.event_id == parent
            )
        event_id = f"e{index}"
        # a few intervals are occurrences of one series, sharing their event
        if intervals and draw(st.integers(0, 9)) == 0:
            event_id = intervals[-1].event_id
            ancestors = intervals[-1].ancestor_ids
        intervals.append(
            Interval(
                id=f"i{index}",
                event_id=event_id,
                title=f"Event {index}",
                start=start,
                end=start + timedelta(minutes=minutes),
                venue_id=draw(st.sampled_from([None, "v1", "v2", "v3"])),
                delegation_ids=frozenset(draw(st.sets(st.sampled_from(["d1", "d2", "d3"])))),
                participant_ids=frozenset(draw(st.sets(st.sampled_from(["p1", "p2", "p3", "p4"])))),
                ancestor_ids=ancestors,
            )
        )
    return intervals


@settings(max_examples=150, deadline=None)
@given(random_programs())
def test_the_sweep_reports_exactly_the_overlaps_the_oracle_finds(
    intervals: list[Interval],
) -> None:
    swept = {
        (str(o.resource), o.resource_id, *sorted((o.first.id, o.second.id)))
        for o in find_overlaps(intervals)
    }
    overlaps = find_overlaps(intervals)
    assert len(overlaps) == len(swept), "each overlap is reported once"
    assert swept == brute_force_overlaps(intervals)


def test_a_delegation_joining_a_hybrid_session_from_home_is_not_outside_its_stay() -> None:
    visiting = delegation(
        "lima",
        "Lima housing delegation",
        "America/Lima",
        "PE",
        arrival=date(2027, 3, 7),
        departure=date(2027, 3, 12),
    )
    briefing = meeting(
        "e1",
        "Pre-tour briefing",
        tokyo(2027, 2, 24, 9),
        60,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.HYBRID,
        venue_id=STUDIO.id,
        locality="Tokyo",
        delegation_ids=frozenset({"lima"}),
    )
    in_person = meeting(
        "e2",
        "Welcome lunch",
        tokyo(2027, 2, 25, 12),
        60,
        locality="Tokyo",
        delegation_ids=frozenset({"lima"}),
    )
    found = find_conflicts(program(briefing, in_person, delegations={"lima": visiting}))
    assert [c.event_ids for c in of_kind(found, ConflictKind.OUTSIDE_STAY)] == [("e2",)]


def test_a_two_day_conference_is_judged_by_its_sessions_not_its_span() -> None:
    conference = meeting(
        "conf",
        "Two-day conference",
        tokyo(2027, 2, 15, 9),
        30 * 60 + 30,
        mode=EventMode.HYBRID,
        locality="Tokyo",
        delegation_ids=frozenset({"nairobi"}),
    )
    session = meeting(
        "s1",
        "Opening",
        tokyo(2027, 2, 15, 15),
        60,
        mode=EventMode.HYBRID,
        locality="Tokyo",
        delegation_ids=frozenset({"nairobi"}),
        ancestor_ids=frozenset({"conf"}),
    )
    assert find_conflicts(program(conference, session)) == []  # 09:00 in Nairobi
    alone = find_conflicts(program(conference))
    # Without sessions, each day runs 09:00-15:30 Tokyo: 03:00-09:30 in Nairobi.
    assert [c.kind for c in alone] == [ConflictKind.NIGHT_SESSION]


def test_a_study_tours_findings_read_in_japanese_in_a_japanese_window() -> None:
    """The tour builder and the Conflicts panel show these; a Japanese window showed them
    in English, with English dates and "2 h by rail"."""
    from cpp_scheduler import i18n

    short_leg = _kobe_kitakyushu_tour()
    empty_nights = TourInfo(
        "tour-2",
        "Lima study tour",
        "lima",
        date(2027, 1, 12),
        date(2027, 1, 14),
    )
    i18n.use_language(i18n.JAPANESE)
    try:
        found = find_conflicts(program(tours=(short_leg, empty_nights)))
        [leg] = of_kind(found, ConflictKind.TOUR_LEG_INFEASIBLE)
        [hotel] = of_kind(found, ConflictKind.HOTEL_IN_OTHER_CITY)
        [nights] = of_kind(found, ConflictKind.NIGHT_WITHOUT_HOTEL)
    finally:
        i18n.use_language(i18n.ENGLISH)
    assert leg.message == (
        "「Lima study tour (Lima housing delegation)」: 1月12日(火) 17:00-18:00の"
        "Kobe→Kitakyushuの移動区間は短すぎます。予定は1時間ですが、鉄道で2時間かかります"
    )
    assert hotel.message == (
        "「Lima study tour (Lima housing delegation)」: 2027年1月12日(火)の夜のホテル"
        "（Hotel Okura Kobe）はKobeにありますが、その日はKitakyushuで終わります"
    )
    assert nights.message == (
        "「Lima study tour」（Lima housing delegation）は1月12日(火)、2027年1月13日(水)の"
        "夜のホテルがありません"
    )
    # As the tour builder's card says it, where the tour and the leg are plain to see.
    assert leg.said_within == "この移動区間は短すぎます。予定は1時間ですが、鉄道で2時間かかります"
    assert hotel.said_within == (
        "ホテル（Hotel Okura Kobe）はKobeにありますが、その日はKitakyushuで終わります"
    )
    assert nights.said_within == "この夜のホテルが予約されていません"


def test_a_journey_no_rule_allows_is_asked_for_as_an_unknown_route() -> None:
    """A database written outside the program may hold a journey of 10**17 minutes,
    which no date arithmetic can add: the check asks for the route instead of failing."""
    for minutes in (10**17, 0, -5):
        snapshot = replace(
            program(*kobe_then_sendai()),
            routes=(*ROUTES, Route("Kobe", "Sendai", "rail", minutes)),
        )
        [conflict] = find_conflicts(snapshot)
        assert conflict.kind is ConflictKind.TRAVEL_UNKNOWN
        assert "between Kobe and Sendai" in conflict.message
