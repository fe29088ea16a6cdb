"""TDLC is always in the room: a call is hosted from Tokyo or a partner city's office,
so Japan's holidays are its hosts' whatever clock the coordinator typed it on, and the
conflict check warns of them exactly when the Local times name them for the hosts.
Before, a call on Greenery Day typed on New York's clock was a holiday for the slot
finder's host alone; typed on Tokyo's, the Local times said so and the check did not."""

from __future__ import annotations

from datetime import date

from engine_builders import delegation, meeting, tokyo
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import timezones
from cpp_scheduler.model.enums import EventKind, EventMode
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.conflicts import ConflictKind, find_conflicts
from cpp_scheduler.scheduling.inputs import JAPAN, ProgramSnapshot, country_of_zone
from cpp_scheduler.scheduling.localtimes import meeting_times

HOSTS = "the hosts in Tokyo"
LIMA = delegation("lima", "Lima", "America/Lima", "PE")
JAPANESE_HOLIDAYS_2027 = sorted(holidays.holidays_in("JP", 2027))


def _verdicts(mode: EventMode, kind: EventKind, zone: str, day: date) -> tuple[bool, bool]:
    """(the Local times name a holiday of Japan's for the hosts, the check warns of one)
    for a meeting at 10:00 in Tokyo on ``day``, typed on ``zone``'s clock."""
    call = meeting(
        "e",
        "Peer exchange",
        tokyo(day.year, day.month, day.day, 10),
        zone=zone,
        mode=mode,
        kind=kind,
        delegation_ids=frozenset({LIMA.id}),
    )
    named = any(warning.who == HOSTS for warning in meeting_times(call, [LIMA]).warnings)
    found = find_conflicts(ProgramSnapshot(intervals=(call,), delegations={LIMA.id: LIMA}))
    return named, any(c.kind is ConflictKind.JAPANESE_HOLIDAY for c in found)


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(timezones.all_zones()),
    day=st.sampled_from(JAPANESE_HOLIDAYS_2027),
    mode=st.sampled_from([EventMode.VIRTUAL, EventMode.HYBRID]),
)
def test_a_call_on_a_japanese_holiday_concerns_its_hosts_on_any_clock(
    zone: str, day: date, mode: EventMode
) -> None:
    assert _verdicts(mode, EventKind.WORKSHOP, zone, day) == (True, True)


@settings(max_examples=40, deadline=None)
@given(zone=st.sampled_from(timezones.all_zones()), day=st.sampled_from(JAPANESE_HOLIDAYS_2027))
def test_a_meeting_in_person_concerns_japans_hosts_only_when_held_in_japan(
    zone: str, day: date
) -> None:
    named, warned = _verdicts(EventMode.FACE_TO_FACE, EventKind.SITE_VISIT, zone, day)
    assert named == warned == (country_of_zone(zone) == JAPAN)
