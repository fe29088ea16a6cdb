"""A participant on a clock of their own (a Bank economist in Washington, an adviser of
no delegation in Nairobi) has the holidays of home: the meeting's Local times, the event
dialog and ``cpp-scheduler times`` named them, the slot finder charged them, and the
conflict check, which judged delegations alone, warned of none. The check now warns of
each one the Local times name, on the same dates, and of no other."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from engine_builders import delegation, meeting, person, tokyo
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import i18n
from cpp_scheduler.model.enums import EventMode
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.conflicts import ConflictKind, find_conflicts
from cpp_scheduler.scheduling.inputs import Attendee, Interval, ProgramSnapshot
from cpp_scheduler.scheduling.localtimes import meeting_times

LIMA = delegation("lima", "Lima", "America/Lima", "PE")
ECONOMIST = person("economist", "Bank economist", "America/New_York", "US")
MEMORIAL_DAY = date(2027, 5, 31)

#: People of no delegation, on their own clocks, in countries whose holidays differ.
ABROAD = {
    "US": person("us", "Bank economist", "America/New_York", "US"),
    "KE": person("ke", "Nairobi adviser", "Africa/Nairobi", "KE"),
    "NP": person("np", "Kathmandu engineer", "Asia/Kathmandu", "NP"),
    "PE": person("pe", "Lima planner", "America/Lima", "PE"),
    "MK": person("mk", "Skopje officer", "Europe/Skopje", "MK"),
}


def _call(
    day: date, hour: int, people: tuple[Attendee, ...], delegations: tuple[Attendee, ...]
) -> Interval:
    return meeting(
        "call",
        "Peer exchange",
        tokyo(day.year, day.month, day.day, hour),
        60,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset(d.id for d in delegations),
        participant_ids=frozenset(p.id for p in people),
    )


WARNED = re.compile(
    r"falls on (?P<holiday>.+), a public holiday in .+, for (?P<who>.+) \((?P<day>.+) there\)$"
)


def _home_holidays(
    call: Interval, people: tuple[Attendee, ...], delegations: tuple[Attendee, ...]
) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """(the holidays at home the Local times name, those the check warns of), each as
    (whom, holiday, their date there), Japan's left out."""
    named = {
        (warning.who, warning.holiday, i18n.day_text(warning.day))
        for warning in meeting_times(call, [*delegations, *people]).warnings
        if warning.country != "JP"
    }
    snapshot = ProgramSnapshot(
        intervals=(call,),
        delegations={d.id: d for d in delegations},
        participants={p.id: p for p in people},
    )
    warned = set()
    for conflict in find_conflicts(snapshot):
        if conflict.kind is ConflictKind.DELEGATION_HOLIDAY:
            found = WARNED.search(conflict.message)
            assert found is not None, conflict.message
            warned.add((found["who"], found["holiday"], found["day"]))
    return named, warned


def test_a_bank_economist_in_washington_is_warned_of_memorial_day() -> None:
    # 21:00 in Tokyo on Monday 31 May 2027: 08:00 in Washington, on Memorial Day.
    call = _call(MEMORIAL_DAY, 21, (ECONOMIST,), (LIMA,))
    found = find_conflicts(
        ProgramSnapshot(
            intervals=(call,), delegations={LIMA.id: LIMA}, participants={ECONOMIST.id: ECONOMIST}
        )
    )
    assert [(c.kind, c.message, c.record_ids) for c in found] == [
        (
            ConflictKind.DELEGATION_HOLIDAY,
            "Peer exchange falls on Memorial Day, a public holiday in the United States, for "
            "Bank economist (Mon 31 May 2027 there)",
            ("economist",),
        )
    ]
    expected = {("Bank economist", "Memorial Day", "Mon 31 May 2027")}
    assert _home_holidays(call, (ECONOMIST,), (LIMA,)) == (expected, expected)


def test_a_member_on_the_delegations_clock_is_warned_with_it_once() -> None:
    """Lima's planner, a member on Lima's own clock, shares the delegation's row: Peru's
    holiday is the delegation's warning, not a second one."""
    saint_peter = date(2027, 6, 29)  # Saint Peter and Saint Paul's Day in Peru
    member = person("member", "Lima planner", "America/Lima", "PE", delegation_id="lima")
    call = _call(saint_peter + timedelta(days=1), 0, (member,), (LIMA,))  # 10:00 in Lima
    named, warned = _home_holidays(call, (member,), (LIMA,))
    assert named == warned == {("Lima", "Saint Peter and Saint Paul's Day", "Tue 29 Jun 2027")}


@settings(max_examples=80, deadline=None)
@given(
    country=st.sampled_from(sorted(ABROAD)),
    offset=st.integers(min_value=-1, max_value=1),
    hour=st.integers(min_value=0, max_value=23),
    data=st.data(),
)
def test_the_check_warns_of_each_holiday_at_home_the_local_times_name(
    country: str, offset: int, hour: int, data: st.DataObject
) -> None:
    holiday = data.draw(st.sampled_from(sorted(holidays.holidays_in(country, 2027))))
    people = (ABROAD[country], ABROAD["US" if country != "US" else "KE"])
    call = _call(holiday + timedelta(days=offset), hour, people, ())
    named, warned = _home_holidays(call, people, ())
    assert warned == named


def test_a_sessions_speaker_is_warned_of_a_holiday_at_home_once() -> None:
    """A conference in Tokyo for Lima's delegation; its session on Tuesday 1 June at
    09:00 in Tokyo names the economist, in Washington on Memorial Day evening. The
    conference reports its own people's holidays, and the session its speaker's, as the
    session's Local times name it; named on the conference too, she is warned once."""
    conference = meeting(
        "forum",
        "Resilience forum",
        tokyo(2027, 5, 31, 9),
        2 * 24 * 60,
        mode=EventMode.HYBRID,
        delegation_ids=frozenset({LIMA.id}),
    )
    session = meeting(
        "talk",
        "Risk pools",
        tokyo(2027, 6, 1, 9),
        60,
        mode=EventMode.HYBRID,
        ancestor_ids=frozenset({"forum"}),
        participant_ids=frozenset({ECONOMIST.id}),
    )
    people = {ECONOMIST.id: ECONOMIST}

    def warned(*intervals: Interval) -> list[tuple[str, ...]]:
        snapshot = ProgramSnapshot(
            intervals=intervals, delegations={LIMA.id: LIMA}, participants=people
        )
        return [
            (c.event_ids[0], *c.record_ids)
            for c in find_conflicts(snapshot)
            if c.kind is ConflictKind.DELEGATION_HOLIDAY
        ]

    assert warned(conference, session) == [("talk", "economist")]
    on_both = replace(conference, participant_ids=frozenset({ECONOMIST.id}))
    assert warned(on_both, session) == [("forum", "economist")]
    expected = {("Bank economist", "Memorial Day", "Mon 31 May 2027")}
    assert _home_holidays(session, (ECONOMIST,), (LIMA,))[0] == expected


def test_a_member_on_another_clock_shares_the_delegations_holiday() -> None:
    """Lima's member in New York reads the call on her own clock, but Peru's holiday
    is the delegation's warning: the Local times name it once, and so does the check."""
    saint_peter = date(2027, 6, 29)
    rosa = person("rosa", "Rosa Flores", "America/New_York", "PE", delegation_id="lima")
    call = _call(saint_peter + timedelta(days=1), 0, (rosa,), (LIMA,))  # 10:00 in Lima
    named, warned = _home_holidays(call, (rosa,), (LIMA,))
    assert named == warned == {("Lima", "Saint Peter and Saint Paul's Day", "Tue 29 Jun 2027")}
