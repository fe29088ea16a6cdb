"""A series given a new rule or start carries its moved and cancelled meetings over to
the meeting of the new rule in the same position (the same day, else the same week,
month or year), and reports as dropped what has no single counterpart, never guessing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import timezones
from cpp_scheduler.model import Event, EventKind, OccurrenceOverride
from cpp_scheduler.model.recurrence import (
    FollowedChange,
    OccurrenceChange,
    SeriesTimes,
    expand,
    follow_changes,
    meeting_ids,
)

TOKYO = "Asia/Tokyo"
THIRD_WEDNESDAY = "FREQ=MONTHLY;COUNT=6;BYDAY=3WE"
THIRD_THURSDAY = "FREQ=MONTHLY;COUNT=6;BYDAY=3TH"


def tokyo(month: int, day: int, hour: int = 17) -> datetime:
    return timezones.to_utc(datetime(2027, month, day, hour), TOKYO)


#: The demo's "resilient cities" series: third Wednesdays from 20 January 2027, 17:00.
DEMO = SeriesTimes(tokyo(1, 20), TOKYO, THIRD_WEDNESDAY)
CANCELLED_17_FEB = OccurrenceChange(tokyo(2, 17), cancelled=True)
MOVED_19_MAY = OccurrenceChange(tokyo(5, 19), start=tokyo(5, 20), end=tokyo(5, 20, 18))


def targets(followed: list[FollowedChange]) -> dict[datetime, datetime | None]:
    return {item.change.recurrence_id: item.meeting for item in followed}


def test_third_wednesday_to_third_thursday_carries_each_change_to_the_same_month() -> None:
    after = SeriesTimes(DEMO.start, TOKYO, THIRD_THURSDAY)

    followed = follow_changes(DEMO, after, [CANCELLED_17_FEB, MOVED_19_MAY])

    assert targets(followed) == {tokyo(2, 17): tokyo(2, 18), tokyo(5, 19): tokyo(5, 20)}


def test_a_move_onto_the_time_the_new_rule_gives_its_meeting_is_no_move() -> None:
    """May's meeting, moved from Wednesday 19 to Thursday 20 May at the series' hour and
    length, is exactly where third Thursdays hold it: its change is kept (a revert of
    the rule finds it) and no longer a move, so no view marks it "(moved)". Moved there
    for longer, or an hour later, it stays a move."""
    hour = timedelta(hours=1)
    before = replace(DEMO, length=hour)
    after = SeriesTimes(DEMO.start, TOKYO, THIRD_THURSDAY, hour)
    longer = OccurrenceChange(tokyo(5, 19), start=tokyo(5, 20), end=tokyo(5, 20, 19))
    later = OccurrenceChange(tokyo(5, 19), start=tokyo(5, 20, 18), end=tokyo(5, 20, 19))

    (onto_the_rule,) = follow_changes(before, after, [MOVED_19_MAY])
    (kept_longer,) = follow_changes(before, after, [longer])
    (kept_later,) = follow_changes(before, after, [later])

    assert onto_the_rule.kept == replace(MOVED_19_MAY, recurrence_id=tokyo(5, 20))
    assert onto_the_rule.as_ruled
    assert not onto_the_rule.dropped
    assert not kept_longer.as_ruled
    assert not kept_later.as_ruled
    held = expand(after.start, after.start + hour, TOKYO, THIRD_THURSDAY, [onto_the_rule.kept])
    moved = expand(after.start, after.start + hour, TOKYO, THIRD_THURSDAY, [kept_longer.kept])
    assert [o.moved for o in held if o.start == tokyo(5, 20)] == [False]
    assert [o.moved for o in moved if o.start == tokyo(5, 20)] == [True]


def test_a_monthly_meeting_has_no_single_counterpart_among_weekly_ones() -> None:
    after = SeriesTimes(DEMO.start, TOKYO, "FREQ=WEEKLY;COUNT=20;BYDAY=TH")

    followed = follow_changes(DEMO, after, [CANCELLED_17_FEB])

    assert targets(followed) == {tokyo(2, 17): None}


def test_a_meeting_the_new_rule_still_gives_keeps_its_change() -> None:
    after = SeriesTimes(DEMO.start, TOKYO, "FREQ=WEEKLY;COUNT=20;BYDAY=WE")

    assert targets(follow_changes(DEMO, after, [CANCELLED_17_FEB])) == {tokyo(2, 17): tokyo(2, 17)}


def test_a_series_made_a_one_off_event_drops_every_change() -> None:
    after = SeriesTimes(DEMO.start, TOKYO, None)

    followed = follow_changes(DEMO, after, [CANCELLED_17_FEB, MOVED_19_MAY])

    assert targets(followed) == {tokyo(2, 17): None, tokyo(5, 19): None}


def test_a_meeting_already_named_by_a_kept_change_is_not_taken_twice() -> None:
    """A change left aside by an earlier rule names Thursday 18 February: the cancelled
    17 February cannot go there too, and is reported as dropped."""
    left_aside = OccurrenceChange(tokyo(2, 18), cancelled=True)
    after = SeriesTimes(DEMO.start, TOKYO, THIRD_THURSDAY)

    followed = follow_changes(DEMO, after, [CANCELLED_17_FEB, left_aside])

    assert targets(followed) == {tokyo(2, 17): None}


def test_the_event_carries_its_changes_over_when_its_rule_changes() -> None:
    event = Event(title="Resilient cities", kind=EventKind.WORKSHOP, recurrence_rule=DEMO.rule)
    event.set_local_times(datetime(2027, 1, 20, 17), datetime(2027, 1, 20, 18, 30), TOKYO)
    event.changes = [
        OccurrenceOverride(recurrence_id=tokyo(2, 17), cancelled=True),
        OccurrenceOverride(
            recurrence_id=tokyo(5, 19), start_utc=tokyo(5, 20), end_utc=tokyo(5, 20, 18)
        ),
    ]
    before = event.series_times()
    event.recurrence_rule = THIRD_THURSDAY

    event.keep_changed_meetings(before)

    starts = [occurrence.start for occurrence in event.occurrences()]
    assert tokyo(2, 18) not in starts
    assert [o.start for o in event.occurrences() if o.moved] == [tokyo(5, 20)]


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
RULES = st.one_of(
    st.builds(
        "FREQ=WEEKLY;COUNT={};BYDAY={}".format,
        st.integers(2, 12),
        st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True).map(",".join),
    ),
    st.builds(
        "FREQ=MONTHLY;COUNT={};BYDAY={}{}".format,
        st.integers(2, 8),
        st.sampled_from(["1", "2", "3", "4", "-1"]),
        st.sampled_from(WEEKDAYS),
    ),
    st.builds("FREQ=DAILY;COUNT={}".format, st.integers(2, 30)),
)


@settings(max_examples=150, deadline=None)
@given(
    before_rule=RULES,
    after_rule=RULES,
    shift=st.integers(-3 * 24, 3 * 24).map(lambda hours: timedelta(hours=hours)),
    picks=st.lists(st.integers(0, 40), max_size=4, unique=True),
)
def test_changes_go_to_distinct_meetings_of_the_new_rule_and_undo_brings_them_back(
    before_rule: str, after_rule: str, shift: timedelta, picks: list[int]
) -> None:
    before = SeriesTimes(tokyo(1, 20), TOKYO, before_rule)
    after = SeriesTimes(before.start + shift, TOKYO, after_rule)
    meetings = sorted(meeting_ids(before.start, TOKYO, before_rule))
    changes = [
        OccurrenceChange(meetings[pick % len(meetings)], cancelled=True) for pick in set(picks)
    ]
    changes = list({change.recurrence_id: change for change in changes}.values())

    followed = follow_changes(before, after, changes)

    carried = [item.meeting for item in followed if item.meeting is not None]
    assert len(carried) == len(set(carried))
    assert set(carried) <= meeting_ids(after.start, TOKYO, after_rule)
    dropped = [item.change for item in followed if item.meeting is None]
    moved = [OccurrenceChange(meeting, cancelled=True) for meeting in carried] + dropped
    back = targets(follow_changes(after, before, moved))
    assert back == {
        item.meeting: item.change.recurrence_id for item in followed if item.meeting is not None
    }
