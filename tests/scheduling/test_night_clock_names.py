"""A night warning names the clock it reads the meeting on as every view names that
clock: a delegation's own by its home city (New York, as its itinerary says "At home (New
York)"), Tokyo's during its stay in Japan, a member's elsewhere by the zone's city, and
the Bank's zone, for a person of no delegation, Washington."""

from __future__ import annotations

from datetime import UTC, date, datetime

from engine_builders import delegation, meeting, person

from cpp_scheduler.model.enums import EventKind, EventMode
from cpp_scheduler.scheduling.conflicts import ConflictKind, find_conflicts
from cpp_scheduler.scheduling.inputs import Interval, ProgramSnapshot

NEW_YORK = delegation(
    "new-york",
    "USA: City of New York",
    "America/New_York",
    "US",
    home_city="New York",
    arrival=date(2027, 4, 1),
    departure=date(2027, 4, 5),
)
IN_LONDON = person("member", "Member in London", "Europe/London", "US", delegation_id="new-york")
ECONOMIST = person("economist", "Bank economist", "America/New_York", "US")


def call(event_id: str, start: datetime, *attendees: str) -> Interval:
    made: Interval = meeting(
        event_id,
        "Evening call",
        start,
        60,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        delegation_ids=frozenset(a for a in attendees if a == NEW_YORK.id),
        participant_ids=frozenset(a for a in attendees if a != NEW_YORK.id),
    )
    return made


def night_warnings(*intervals: Interval) -> dict[str, str]:
    """Each night warning's sentence by whom it is for (``hosts``: the hosts in Tokyo)."""
    found = find_conflicts(
        ProgramSnapshot(
            intervals=intervals,
            delegations={NEW_YORK.id: NEW_YORK},
            participants={IN_LONDON.id: IN_LONDON, ECONOMIST.id: ECONOMIST},
        )
    )
    return {
        (conflict.record_ids or ("hosts",))[0]: conflict.message
        for conflict in found
        if conflict.kind is ConflictKind.NIGHT_SESSION
    }


def test_each_clock_is_named_as_its_own() -> None:
    # Saturday 13 March 2027, 22:00-23:00 in New York and 03:00-04:00 in London.
    sentences = night_warnings(
        call("saturday", datetime(2027, 3, 14, 3, tzinfo=UTC), "new-york", "member", "economist")
    )
    assert sentences == {
        "new-york": "Evening call is at night for USA: City of New York: Sat 13 Mar "
        "22:00-23:00 (New York), outside its acceptable hours (07:00-22:00)",
        "member": "Evening call is at night for Member in London: Sun 14 Mar "
        "03:00-04:00 (London), outside its acceptable hours (07:00-22:00)",
        "economist": "Evening call is at night for Bank economist: Sat 13 Mar "
        "22:00-23:00 (Washington), outside its acceptable hours (07:00-22:00)",
    }


def test_during_the_stay_in_japan_the_clock_is_tokyos() -> None:
    # Friday 2 April 2027, 22:30-23:30 in Tokyo, where the delegation is that day.
    sentences = night_warnings(call("friday", datetime(2027, 4, 2, 13, 30, tzinfo=UTC), "new-york"))
    assert sentences == {
        "new-york": "Evening call is at night for USA: City of New York: Fri 02 Apr "
        "22:30-23:30 (Tokyo), outside its acceptable hours (07:00-22:00)",
        "hosts": "Evening call is at night for the hosts in Tokyo: Fri 02 Apr "
        "22:30-23:30 (Tokyo), outside their acceptable hours (07:00-22:00)",
    }
