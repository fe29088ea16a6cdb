"""All-day events in the conflict check: dates, not hours.

An all-day event (an office closure, an arrival day, a conference day block) holds its
rooms and its people for the whole days it covers, so a room booked by it and by
anything else on one of those days is booked twice, and so is a person listed on two
events of the same days. It has no hours: it is never at night for anybody, never
outside a venue's opening hours, and its midnights are not times anyone travels at.
Holidays still count: a day block on a holiday is on a holiday.
"""

from __future__ import annotations

from datetime import date, timedelta

from engine_builders import KOBE_HALL, ROOM_A, delegation, meeting, tokyo
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import i18n, timezones
from cpp_scheduler.model.enums import EventKind, EventMode
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.conflicts import Conflict, ConflictKind, find_conflicts
from cpp_scheduler.scheduling.inputs import Interval, ProgramSnapshot, Route
from cpp_scheduler.scheduling.slots import busy_times

LIMA = delegation("lima", "Lima housing delegation", "America/Lima", "PE")
VENUES = {venue.id: venue for venue in (ROOM_A, KOBE_HALL)}


def days(event_id: str, title: str, first: date, last: date, **values: object) -> Interval:
    start, end = timezones.local_days(first, last, timezones.TOKYO)
    return Interval(
        id=event_id, event_id=event_id, title=title, start=start, end=end, all_day=True, **values
    )  # type: ignore[arg-type]


def check(*intervals: Interval) -> list[Conflict]:
    return find_conflicts(
        ProgramSnapshot(
            intervals=intervals,
            delegations={LIMA.id: LIMA},
            venues=VENUES,
            routes=(Route("Tokyo", "Kobe", "rail", 180),),
        )
    )


def test_a_conference_day_block_in_a_room_is_not_outside_its_opening_hours() -> None:
    block = days(
        "b",
        "Conference day block",
        date(2027, 2, 15),
        date(2027, 2, 16),
        venue_id=ROOM_A.id,
        locality="Tokyo",
    )
    assert check(block) == []


def test_a_room_held_all_day_is_booked_twice_by_any_meeting_on_its_days() -> None:
    block = days(
        "b",
        "Conference day block",
        date(2027, 2, 15),
        date(2027, 2, 16),
        venue_id=ROOM_A.id,
        locality="Tokyo",
    )
    late = meeting(
        "w", "Kobe DRR workshop", tokyo(2027, 2, 16, 15), venue_id=ROOM_A.id, locality="Tokyo"
    )
    after = meeting(
        "x", "Evening briefing", tokyo(2027, 2, 17, 10), venue_id=ROOM_A.id, locality="Tokyo"
    )
    [conflict] = check(block, late, after)
    assert conflict.kind is ConflictKind.VENUE_DOUBLE_BOOKED
    assert set(conflict.event_ids) == {"b", "w"}
    assert "Tue 16 Feb 15:00-16:30 (Tokyo)" in conflict.message


def test_two_all_day_events_in_one_room_are_named_by_their_shared_days() -> None:
    first = days("a", "Exhibition", date(2027, 2, 15), date(2027, 2, 17), venue_id=ROOM_A.id)
    second = days("b", "Book fair", date(2027, 2, 17), date(2027, 2, 18), venue_id=ROOM_A.id)
    [conflict] = check(first, second)
    assert conflict.kind is ConflictKind.VENUE_DOUBLE_BOOKED
    assert conflict.message.endswith("both book TDLC Meeting Room A on Wed 17 Feb (all day)")


def test_a_delegation_on_two_all_day_events_of_the_same_days_is_booked_twice() -> None:
    lima = frozenset({"lima"})
    kobe = days(
        "k",
        "Kobe study days",
        date(2027, 2, 15),
        date(2027, 2, 16),
        delegation_ids=lima,
        locality="Kobe",
    )
    toyama = days(
        "t",
        "Toyama study days",
        date(2027, 2, 16),
        date(2027, 2, 17),
        delegation_ids=lima,
        locality="Toyama",
    )
    [conflict] = check(kobe, toyama)
    assert conflict.kind is ConflictKind.ATTENDEE_DOUBLE_BOOKED
    assert conflict.message.endswith("on the same days, Tue 16 Feb (all day)")


ZONES = ("Asia/Tokyo", "Pacific/Apia", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Lima")


def days_in(zone: str, event_id: str, title: str, first: date, last: date) -> Interval:
    start, end = timezones.local_days(first, last, zone)
    return Interval(
        id=event_id,
        event_id=event_id,
        title=title,
        start=start,
        end=end,
        zone=zone,
        all_day=True,
        delegation_ids=frozenset({"lima"}),
    )


def test_all_day_events_of_other_zones_clash_only_on_a_date_both_hold() -> None:
    # Tokyo's 4 April ends at 15:00 UTC; Apia's 5 April begins at 11:00 UTC the same day.
    arrival = days_in("Asia/Tokyo", "a", "Arrival days", date(2027, 4, 2), date(2027, 4, 4))
    closure = days_in(
        "Pacific/Apia", "c", "Apia office closure", date(2027, 4, 5), date(2027, 4, 5)
    )
    assert arrival.end > closure.start  # their hours overlap
    assert check(arrival, closure) == []

    longer = days_in("Pacific/Apia", "d", "Apia study days", date(2027, 4, 4), date(2027, 4, 5))
    [conflict] = check(arrival, longer)
    assert conflict.kind is ConflictKind.ATTENDEE_DOUBLE_BOOKED
    assert conflict.message.endswith("on the same days, Sun 04 Apr (all day)")


@settings(max_examples=60, deadline=None)
@given(
    zones=st.tuples(*[st.sampled_from(ZONES)] * 2),
    first=st.integers(min_value=0, max_value=6),
    second=st.integers(min_value=0, max_value=6),
    lengths=st.tuples(*[st.integers(min_value=1, max_value=3)] * 2),
)
def test_two_all_day_events_clash_exactly_when_their_dates_meet(
    zones: tuple[str, str], first: int, second: int, lengths: tuple[int, int]
) -> None:
    start = date(2027, 3, 1)
    one = days_in(
        zones[0], "a", "One", start + timedelta(first), start + timedelta(first + lengths[0] - 1)
    )
    two = days_in(
        zones[1], "b", "Two", start + timedelta(second), start + timedelta(second + lengths[1] - 1)
    )
    # A clash needs a date both hold; the check finds it where their hours meet too (two
    # days 25 hours apart, Kiritimati's and Pago Pago's 1 March, hold no hour in common).
    dates_meet = max(first, second) <= min(first + lengths[0], second + lengths[1]) - 1
    hours_meet = one.start < two.end and two.start < one.end
    clashes = [c for c in check(one, two) if c.kind is ConflictKind.ATTENDEE_DOUBLE_BOOKED]
    assert bool(clashes) == (dates_meet and hours_meet)


def test_an_all_day_event_in_kobe_is_no_journey_to_a_morning_in_tokyo() -> None:
    lima = frozenset({"lima"})
    kobe = days(
        "k",
        "Kobe study day",
        date(2027, 2, 15),
        date(2027, 2, 15),
        delegation_ids=lima,
        venue_id=KOBE_HALL.id,
        locality="Kobe",
    )
    tokyo_morning = meeting(
        "t",
        "Opening at TDLC",
        tokyo(2027, 2, 16, 9),
        venue_id=ROOM_A.id,
        locality="Tokyo",
        delegation_ids=lima,
    )
    assert check(kobe, tokyo_morning) == []


@settings(max_examples=60, deadline=None)
@given(
    first=st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)),
    length=st.integers(min_value=0, max_value=6),
    zone=st.sampled_from(
        ["America/Lima", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu"]
    ),
    kind=st.sampled_from([EventKind.VIDEOCONFERENCE, EventKind.WORKSHOP]),
)
def test_an_all_day_event_is_never_a_night_for_anyone(
    first: date, length: int, zone: str, kind: EventKind
) -> None:
    start, end = timezones.local_days(first, first + timedelta(days=length), zone)
    closure = Interval(
        id="c",
        event_id="c",
        title="Office closed",
        start=start,
        end=end,
        zone=zone,
        kind=kind,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({"lima"}),
        all_day=True,
    )
    kinds = {conflict.kind for conflict in check(closure)}
    assert ConflictKind.NIGHT_SESSION not in kinds
    assert kinds <= {ConflictKind.DELEGATION_HOLIDAY, ConflictKind.JAPANESE_HOLIDAY}


def test_the_slot_finder_keeps_an_all_day_events_days_free_for_its_people() -> None:
    lima = frozenset({"lima"})
    closure = days(
        "k", "Kobe study days", date(2027, 2, 15), date(2027, 2, 16), delegation_ids=lima
    )
    busy = busy_times(ProgramSnapshot(intervals=(closure,)), [LIMA])
    assert busy == (timezones.local_days(date(2027, 2, 15), date(2027, 2, 16), timezones.TOKYO),)


SANTIAGO = delegation("santiago", "Santiago regional government", "America/Santiago", "CL")


@settings(deadline=None, max_examples=60)
@given(
    first=st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 28)),
    length=st.integers(min_value=0, max_value=3),
    zone=st.sampled_from(["Asia/Tokyo", "America/Santiago", "Pacific/Kiritimati"]),
)
def test_an_all_day_events_holidays_are_those_of_its_own_dates(
    first: date, length: int, zone: str
) -> None:
    """Mon 20 Sep 2027 all day, Santiago attending: its local times say 20 Sep on every
    calendar, so Chile's Army Day (Sun 19 Sep) is not on it; a holiday on one of its
    dates is, whatever the event's zone."""
    last = first + timedelta(days=length)
    start, end = timezones.local_days(first, last, zone)
    field_day = Interval(
        id="f", event_id="f", title="Kobe field day", start=start, end=end, zone=zone,
        venue_id=KOBE_HALL.id, delegation_ids=frozenset({SANTIAGO.id}), all_day=True,
    )  # fmt: skip
    found = find_conflicts(
        ProgramSnapshot(intervals=(field_day,), delegations={SANTIAGO.id: SANTIAGO}, venues=VENUES)
    )
    flagged = {
        (conflict.kind, conflict.message.rsplit("(", 1)[1])
        for conflict in found
        if conflict.kind in (ConflictKind.DELEGATION_HOLIDAY, ConflictKind.JAPANESE_HOLIDAY)
    }
    own_dates = [first + timedelta(days=n) for n in range(length + 1)]
    expected = {
        (ConflictKind.DELEGATION_HOLIDAY, f"{i18n.day_text(day)} there)")
        for day in own_dates
        if holidays.holiday_name("CL", day)
    } | {
        (ConflictKind.JAPANESE_HOLIDAY, f"{i18n.day_text(day)})")
        for day in own_dates
        if holidays.holiday_name("JP", day)
    }
    assert flagged == expected


def test_chiles_army_day_is_not_on_a_monday_field_day() -> None:
    start, end = timezones.local_days(date(2027, 9, 20), date(2027, 9, 20), "Asia/Tokyo")
    field_day = Interval(
        id="f", event_id="f", title="Kobe field day", start=start, end=end,
        delegation_ids=frozenset({SANTIAGO.id}), all_day=True,
    )  # fmt: skip
    sunday = Interval(
        id="s", event_id="s", title="Sunday visit", start=start - timedelta(days=1),
        end=end - timedelta(days=1), delegation_ids=frozenset({SANTIAGO.id}), all_day=True,
    )  # fmt: skip
    found = find_conflicts(
        ProgramSnapshot(intervals=(field_day, sunday), delegations={SANTIAGO.id: SANTIAGO})
    )
    assert [
        (conflict.event_ids, conflict.message)
        for conflict in found
        if conflict.kind is ConflictKind.DELEGATION_HOLIDAY
    ] == [
        (
            ("s",),
            "Sunday visit falls on Army Day, a public holiday in Chile, for Santiago "
            "regional government (Sun 19 Sep 2027 there)",
        )
    ]
