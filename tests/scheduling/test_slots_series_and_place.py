"""What Find a time plans must pass the Conflicts check: a series never meets twice at
once, a monthly series meets every month, a face-to-face meeting leaves time to travel
and falls within a delegation's stay, and a stored series names each change by its
own window's date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from engine_builders import KITAKYUSHU_PLANT, KOBE_HALL, delegation, meeting, tokyo

from cpp_scheduler import timezones
from cpp_scheduler.model import recurrence
from cpp_scheduler.model.enums import EventKind, EventMode
from cpp_scheduler.scheduling.conflicts import ConflictKind, Severity, find_conflicts
from cpp_scheduler.scheduling.inputs import Interval, ProgramSnapshot, Route, tdlc_host
from cpp_scheduler.scheduling.slots import (
    SlotRequest,
    busy_times,
    candidate_scores,
    find_slots,
    lay_out_series,
    plan_series,
    series_rule,
    series_windows,
)

NAIROBI = delegation("nairobi", "Nairobi", "Africa/Nairobi", "KE")
HOUR = timedelta(hours=1)


def _tokyo_day(moment: datetime) -> date:
    return timezones.to_local(moment, timezones.TOKYO).date()


def _retreat(first: datetime, days: int) -> Interval:
    return meeting(
        "retreat",
        "Nairobi retreat",
        first,
        60 * 24 * days,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset({"nairobi"}),
    )


def _request(snapshot: ProgramSnapshot, first: date, last: date, **values) -> SlotRequest:  # type: ignore[no-untyped-def]
    attendees = values.pop("attendees", (NAIROBI,))
    venue = values.pop("venue", None)
    return SlotRequest(
        attendees,
        values.pop("duration", HOUR),
        first,
        last,
        venue=venue,
        busy=busy_times(snapshot, attendees, venue),
        host=tdlc_host(),
        **values,
    )


def _series_meetings(plan_slots) -> list[Interval]:  # type: ignore[no-untyped-def]
    return [
        meeting(
            "weekly",
            "Weekly call",
            slot.start,
            60,
            id=f"weekly/{number}",
            mode=EventMode.VIRTUAL,
            kind=EventKind.VIDEOCONFERENCE,
            delegation_ids=frozenset({"nairobi"}),
        )
        for number, slot in enumerate(plan_slots)
        if slot is not None
    ]


# -- 1. a weekly series over a two-week range --------------------------------------------


def test_a_weekly_series_over_two_weeks_never_meets_twice_at_once() -> None:
    # Nairobi is taken Mon 18 to Mon 25 January (Tokyo): the first two weekly windows
    # used to find the same free Tuesday, and the series met twice at 15:00 on the 26th.
    snapshot = ProgramSnapshot(intervals=(_retreat(tokyo(2027, 1, 18), 8),))
    windows = series_windows(date(2027, 1, 18), date(2027, 1, 31), "FREQ=WEEKLY;COUNT=3")
    plan = plan_series(_request(snapshot, date(2027, 1, 18), date(2027, 1, 31)), windows)

    starts = [slot.start for slot in plan.slots if slot is not None]
    assert len(starts) == len(set(starts))
    for (first, last), slot in zip(windows, plan.slots, strict=True):
        assert slot is None or first <= _tokyo_day(slot.start) <= last
    assert plan.slots[0] is None  # the first week is all retreat: said, not doubled
    meetings = _series_meetings(plan.slots)
    double = [
        c
        for c in find_conflicts(snapshot.with_intervals(meetings))
        if c.kind is ConflictKind.ATTENDEE_DOUBLE_BOOKED
    ]
    assert double == []


def test_windows_of_a_weekly_series_end_before_the_next_begins() -> None:
    windows = series_windows(date(2027, 1, 18), date(2027, 1, 31), "FREQ=WEEKLY;COUNT=3")
    assert windows == [
        (date(2027, 1, 18), date(2027, 1, 24)),
        (date(2027, 1, 25), date(2027, 1, 31)),
        (date(2027, 2, 1), date(2027, 2, 7)),
    ]


def test_earlier_meetings_of_a_plan_are_busy_for_the_later_ones() -> None:
    # Windows that overlap (a caller's own) still give two meetings two times.
    windows = [(date(2027, 1, 26), date(2027, 1, 26))] * 2
    plan = plan_series(_request(ProgramSnapshot(), date(2027, 1, 26), date(2027, 1, 26)), windows)
    first, second = plan.slots
    assert first is not None
    assert second is not None
    assert second.start >= first.end or second.end <= first.start


def test_two_meetings_of_one_series_at_the_same_time_are_a_double_booking() -> None:
    at = tokyo(2027, 1, 26, 15)
    meetings = [
        meeting(
            "weekly",
            "Weekly call",
            at,
            60,
            id=f"weekly/{rid}",
            recurrence_id=at + timedelta(weeks=weeks),
            mode=EventMode.VIRTUAL,
            delegation_ids=frozenset({"nairobi"}),
        )
        for weeks, rid in ((0, "a"), (1, "b"))
    ]  # the second week's meeting moved onto the first's instant
    found = find_conflicts(ProgramSnapshot(intervals=tuple(meetings), delegations={}))
    double = [c for c in found if c.kind is ConflictKind.ATTENDEE_DOUBLE_BOOKED]
    assert len(double) == 1
    assert double[0].severity is Severity.ERROR
    assert "Weekly call and Weekly call at the same time" in double[0].message
    assert {m.recurrence_id for m in double[0].meetings} == {at, at + timedelta(weeks=1)}


# -- 3. every month from the 31st ----------------------------------------------------------


def test_every_month_from_the_31st_meets_every_month() -> None:
    windows = series_windows(date(2027, 5, 31), date(2027, 6, 4), "FREQ=MONTHLY;COUNT=4")
    assert [first for first, _last in windows] == [
        date(2027, 5, 31),
        date(2027, 6, 30),
        date(2027, 7, 31),
        date(2027, 8, 31),
    ]
    plan = plan_series(_request(ProgramSnapshot(), date(2027, 5, 31), date(2027, 6, 4)), windows)
    assert all(slot is not None for slot in plan.slots)
    for (first, last), slot in zip(windows, plan.slots, strict=True):
        assert slot is not None
        assert first <= _tokyo_day(slot.start) <= last


def test_the_stored_monthly_rule_takes_a_short_months_last_day() -> None:
    assert series_rule(date(2027, 1, 31), "FREQ=MONTHLY;COUNT=4") == (
        "FREQ=MONTHLY;COUNT=4;BYMONTHDAY=31,-1;BYSETPOS=1"
    )
    assert series_rule(date(2027, 1, 28), "FREQ=MONTHLY;COUNT=4") == "FREQ=MONTHLY;COUNT=4"
    assert series_rule(date(2027, 1, 31), "FREQ=WEEKLY;COUNT=4") == "FREQ=WEEKLY;COUNT=4"
    mine = "FREQ=MONTHLY;COUNT=4;BYDAY=-1FR"
    assert series_rule(date(2027, 1, 31), mine) == mine


# -- 4. a stored series names its changes by their own window ----------------------------


def test_each_change_of_a_stored_series_is_named_by_its_own_windows_date() -> None:
    # Nairobi is taken Mon 25 to Thu 28 January: the first meeting is on Friday the 29th,
    # and a monthly rule from the 29th has no 29 February (2027).
    snapshot = ProgramSnapshot(intervals=(_retreat(tokyo(2027, 1, 25), 4),))
    windows = series_windows(date(2027, 1, 25), date(2027, 1, 29), "FREQ=MONTHLY;COUNT=3")
    plan = plan_series(_request(snapshot, date(2027, 1, 25), date(2027, 1, 29)), windows)
    layout = lay_out_series(plan, windows, "FREQ=MONTHLY;COUNT=3", timezones.TOKYO)
    assert layout is not None
    for change in layout.changes:
        assert change.slot is not None
        window = next(w for w in windows if w[0] <= _tokyo_day(change.slot.start) <= w[1])
        assert window[0] <= _tokyo_day(change.recurrence_id) <= window[1]
    local = recurrence.local_starts(layout.rule, layout.start, timezones.TOKYO)
    days = [start.date() for start in local]
    assert [w[0] <= day <= w[1] for day, w in zip(days, windows, strict=True)] == [True] * 3


# -- 2. in person: travel and the stay ----------------------------------------------------

PERU = delegation(
    "peru",
    "Peru",
    "America/Lima",
    "PE",
    arrival=date(2027, 3, 7),
    departure=date(2027, 3, 13),
)
ROUTE = Route("Kobe", "Kitakyushu", "rail", 120)


def _site_visit() -> Interval:
    return meeting(
        "visit",
        "Site visit: Kitakyushu",
        tokyo(2027, 3, 11, 14),
        180,
        venue_id=KITAKYUSHU_PLANT.id,
        locality="Kitakyushu",
        delegation_ids=frozenset({"peru"}),
    )


def _at_the_venue(slot_start: datetime, slot_end: datetime) -> Interval:
    """The meeting as the window creates it at a venue: a face-to-face workshop."""
    return Interval(
        "new",
        "new",
        "Kobe follow-up",
        slot_start,
        slot_end,
        venue_id=KOBE_HALL.id,
        locality="Kobe",
        delegation_ids=frozenset({"peru"}),
    )


def _errors(snapshot: ProgramSnapshot, *extra: Interval) -> list[str]:
    found = find_conflicts(snapshot.with_intervals((*snapshot.intervals, *extra)))
    return [c.kind for c in found if c.severity is Severity.ERROR]


def test_a_meeting_at_a_venue_leaves_time_to_travel_from_the_attendees_other_places() -> None:
    snapshot = ProgramSnapshot(
        intervals=(_site_visit(),),
        delegations={"peru": PERU},
        venues={KOBE_HALL.id: KOBE_HALL, KITAKYUSHU_PLANT.id: KITAKYUSHU_PLANT},
        routes=(ROUTE,),
    )
    request = _request(
        snapshot,
        date(2027, 3, 11),
        date(2027, 3, 11),
        attendees=(PERU,),
        venue=KOBE_HALL,
        duration=timedelta(minutes=90),
        step=timedelta(minutes=30),
    )
    slots = find_slots(request, 20, distinct=False)
    # The visit is 14:00-17:00 in Kitakyushu, 2 h away by rail, plus a 30 min buffer:
    # the hall's morning until 11:30 is all that is left (it closes at 18:00).
    assert {
        timezones.to_local(slot.start, timezones.TOKYO).strftime("%H:%M") for slot in slots
    } == {
        "09:00",
        "09:30",
        "10:00",
    }
    for slot in slots:
        assert _errors(snapshot, _at_the_venue(slot.start, slot.end)) == [], slot.start


def test_without_a_venue_the_journey_does_not_block_a_call() -> None:
    snapshot = ProgramSnapshot(
        intervals=(_site_visit(),), delegations={"peru": PERU}, routes=(ROUTE,)
    )
    request = _request(
        snapshot,
        date(2027, 3, 11),
        date(2027, 3, 11),
        attendees=(PERU,),
        duration=timedelta(minutes=90),
    )
    starts = {slot.start for slot in find_slots(request, 40, distinct=False)}
    assert tokyo(2027, 3, 11, 12) in starts


def test_no_face_to_face_meeting_is_offered_outside_a_delegations_stay() -> None:
    snapshot = ProgramSnapshot(delegations={"peru": PERU}, venues={KOBE_HALL.id: KOBE_HALL})
    request = _request(
        snapshot,
        date(2027, 3, 5),
        date(2027, 3, 16),
        attendees=(PERU,),
        venue=KOBE_HALL,
        duration=timedelta(minutes=90),
    )
    free = candidate_scores(request)
    assert free
    days = {_tokyo_day(start) for start, _total, _worst in free}
    assert min(days) == PERU.arrival
    assert max(days) == PERU.departure
    for slot in find_slots(request, 30):
        assert ConflictKind.OUTSIDE_STAY not in _errors(
            snapshot, _at_the_venue(slot.start, slot.end)
        )


def test_a_call_with_a_visiting_delegation_may_be_outside_its_stay() -> None:
    snapshot = ProgramSnapshot(delegations={"peru": PERU})
    request = _request(snapshot, date(2027, 3, 1), date(2027, 3, 5), attendees=(PERU,))
    assert find_slots(request, 3)


def test_an_unknown_route_blocks_nothing_as_the_check_only_warns() -> None:
    far = replace(_site_visit(), locality="Sapporo")
    snapshot = ProgramSnapshot(intervals=(far,), delegations={"peru": PERU})
    assert busy_times(snapshot, [PERU], KOBE_HALL)[:1] == ((far.start, far.end),)
    assert all(
        start.year == 1900 or end.year == 2200 or (start, end) == (far.start, far.end)
        for start, end in busy_times(snapshot, [PERU], KOBE_HALL)
    )
