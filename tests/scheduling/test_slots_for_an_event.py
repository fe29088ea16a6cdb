"""Finding a new time for an event that exists: the event itself books nobody, and a
length the search cannot weigh is refused in words, never cut to one it can."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from engine_builders import KOBE_HALL, delegation, meeting, tokyo

from cpp_scheduler.model.enums import EventMode
from cpp_scheduler.scheduling.inputs import ProgramSnapshot, Route, tdlc_host
from cpp_scheduler.scheduling.slots import (
    LONGEST_MEETING,
    SlotRequest,
    SlotRequestError,
    busy_times,
    candidate_scores,
    duration_problem,
    find_slots,
    leaving_out,
)

LIMA = delegation("lima", "Lima", "Asia/Tokyo", "JP")
MONDAY = date(2027, 3, 8)


def _program() -> ProgramSnapshot:
    """Lima in Tokyo Monday until 11:30 and from 14:00; a Kobe site visit of Lima's on
    Wednesday 09:30-12:00, a weekly series of two of its meetings, and a stranger's
    meeting in the same hall."""
    tokyo_event = {"locality": "Tokyo", "delegation_ids": frozenset({"lima"})}
    return ProgramSnapshot(
        intervals=(
            meeting("morning", "Morning in Tokyo", tokyo(2027, 3, 8, 9), 150, **tokyo_event),
            meeting("afternoon", "Afternoon in Tokyo", tokyo(2027, 3, 8, 14), 180, **tokyo_event),
            meeting(
                "visit",
                "Site visit",
                tokyo(2027, 3, 10, 9, 30),
                150,
                venue_id=KOBE_HALL.id,
                locality="Kobe",
                delegation_ids=frozenset({"lima"}),
            ),
            *(
                meeting(
                    "series",
                    "Weekly call",
                    tokyo(2027, 3, 9 + 7 * week, 10),
                    60,
                    id=f"series-{week}",
                    mode=EventMode.VIRTUAL,
                    delegation_ids=frozenset({"lima"}),
                )
                for week in range(2)
            ),
            meeting(
                "other",
                "Someone else's meeting",
                tokyo(2027, 3, 11, 10),
                60,
                venue_id=KOBE_HALL.id,
                locality="Kobe",
            ),
        ),
        venues={KOBE_HALL.id: KOBE_HALL},
        routes=(Route("Tokyo", "Kobe", "rail", 180),),
    )


def _starts(program: ProgramSnapshot, first: date, last: date, **values: object) -> list[datetime]:
    """Every free start, whatever its points."""
    request = SlotRequest(
        (LIMA,),
        timedelta(minutes=150),
        first,
        last,
        venue=KOBE_HALL,
        busy=busy_times(program, (LIMA,), KOBE_HALL),
        host=tdlc_host(),
        **values,  # type: ignore[arg-type]
    )
    return [start for start, _total, _worst in candidate_scores(request)]


def test_the_event_left_out_may_stay_where_it_is() -> None:
    program = _program()
    visit = tokyo(2027, 3, 10, 9, 30)
    assert visit not in _starts(program, MONDAY, MONDAY + timedelta(days=4))
    assert visit in _starts(leaving_out(program, "visit"), MONDAY, MONDAY + timedelta(days=4))


def test_leaving_an_event_out_keeps_everything_else() -> None:
    program = leaving_out(_program(), "visit")
    assert [i.event_id for i in program.intervals] == [
        "morning",
        "afternoon",
        "series",
        "series",
        "other",
    ]
    starts = _starts(program, MONDAY, MONDAY + timedelta(days=4))
    # Kobe is three hours from Tokyo: Monday, between 11:30 and 14:00 in Tokyo, stays
    # closed, as does the rest of that day while the hall is open.
    assert not [s for s in starts if tokyo(2027, 3, 8) <= s < tokyo(2027, 3, 9)]
    assert tokyo(2027, 3, 9, 11) in starts  # after the weekly call
    # The stranger's meeting still holds the hall on Thursday.
    assert tokyo(2027, 3, 11, 9, 30) not in starts


def test_every_meeting_of_a_series_left_out_books_nobody() -> None:
    program = _program()
    kept = busy_times(program, (LIMA,))
    freed = busy_times(leaving_out(program, "series"), (LIMA,))
    series_meetings = {
        (tokyo(2027, 3, 9 + 7 * w, 10), tokyo(2027, 3, 9 + 7 * w, 11)) for w in range(2)
    }
    assert series_meetings <= set(kept)
    assert not series_meetings & set(freed)
    assert len(freed) == len(kept) - 2


def test_a_meeting_up_to_a_day_long_is_searched_for() -> None:
    assert duration_problem(LONGEST_MEETING) is None
    assert duration_problem(timedelta(hours=10)) is None
    request = SlotRequest((LIMA,), timedelta(hours=10), MONDAY, MONDAY + timedelta(days=2))
    [slot] = find_slots(request, 1)
    assert slot.end - slot.start == timedelta(hours=10)


def test_a_longer_meeting_is_refused_in_words() -> None:
    problem = duration_problem(timedelta(hours=30, minutes=30))
    assert problem == (
        "A meeting of 30 h 30 min cannot be searched for: a search weighs meetings of up to 24 h."
    )
    request = SlotRequest((LIMA,), timedelta(hours=30, minutes=30), MONDAY, MONDAY)
    with pytest.raises(SlotRequestError, match=r"^A meeting of 30 h 30 min cannot be searched"):
        find_slots(request)
    assert duration_problem(timedelta(0)) == "The duration must be longer than zero."
