"""Series: a bounded RFC 5545 rule, expanded on the wall clock of the zone it was planned in.

A monthly 09:00 Santiago videoconference stays at 09:00 in Santiago when Chile changes its
clocks (and so moves for Tokyo); an occurrence whose local time does not exist or happens
twice is refused rather than guessed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import timezones
from cpp_scheduler.model import Event, EventKind, OccurrenceOverride

SANTIAGO = "America/Santiago"
NEW_YORK = "America/New_York"


def series(local_start: datetime, zone: str, rule: str, minutes: int = 90) -> Event:
    event = Event(
        title="Monthly peer exchange", kind=EventKind.VIDEOCONFERENCE, recurrence_rule=rule
    )
    event.set_local_times(local_start, local_start + timedelta(minutes=minutes), zone)
    return event


def rule_messages(event: Event) -> list[str]:
    return [p.message for p in event.problems() if p.field == "recurrence_rule"]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            "FREQ=MONTHLY",
            "A series needs an end: a number of occurrences (COUNT) or a last date (UNTIL).",
        ),
        (
            "RRULE:FREQ=WEEKLY;BYDAY=WE",
            "A series needs an end: a number of occurrences (COUNT) or a last date (UNTIL).",
        ),
        (
            "FREQ=MONTHLY;COUNT=6;UNTIL=20261231",
            "A series ends either after a number of occurrences (COUNT) or on a last date "
            "(UNTIL), not both.",
        ),
        (
            "FREQ=MONTHLY;COUNT=0",
            "The series has no occurrence: its last date (UNTIL) is before its start, or its "
            "COUNT is 0.",
        ),
        (
            "FREQ=MONTHLY;UNTIL=20251231",
            "The series has no occurrence: its last date (UNTIL) is before its start, or its "
            "COUNT is 0.",
        ),
        ("FREQ=DAILY;COUNT=501", "The series has more than 500 occurrences; shorten it."),
    ],
)
def test_a_series_is_bounded(rule: str, message: str) -> None:
    event = series(datetime(2026, 1, 14, 9, 0), SANTIAGO, rule)
    assert rule_messages(event) == [message]


@pytest.mark.parametrize("rule", ["FREQ=FORTNIGHTLY;COUNT=3", "FREQ=MONTHLY;COUNT=three"])
def test_an_unreadable_rule_is_refused(rule: str) -> None:
    (message,) = rule_messages(series(datetime(2026, 1, 14, 9, 0), SANTIAGO, rule))
    assert message.startswith(f"'{rule}' is not a recurrence rule such as FREQ=MONTHLY;COUNT=6 (")


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("FREQ=DAILY;INTERVAL=0;COUNT=3", "INTERVAL=0 must be a whole number of 1 or more"),
        ("FREQ=DAILY;INTERVAL=-1;COUNT=3", "INTERVAL=-1 must be a whole number of 1 or more"),
        ("FREQ=DAILY;COUNT=3;COUNT=4", "COUNT is given twice"),
        ("garbage;COUNT=3", "'garbage' is not a part NAME=VALUE"),
        ("FREQ=DAILY\nCOUNT=3", "'FREQ=DAILY\\nCOUNT=3' is not a part NAME=VALUE"),
        ("FREQ=DAILY;COLOUR=RED;COUNT=3", "'COLOUR' is not a part of a rule"),
        ("COUNT=3", "it names no frequency (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)"),
    ],
)
def test_a_rule_outside_rfc_5545s_grammar_is_refused_naming_its_part(
    rule: str, reason: str
) -> None:
    """dateutil read INTERVAL=0 as one date three times, and of two COUNTs kept the
    last; the rest it worded in Python's terms or as "needs an end"."""
    (message,) = rule_messages(series(datetime(2026, 1, 14, 9, 0), SANTIAGO, rule))
    assert "\n" not in message
    assert message.endswith(f"is not a recurrence rule such as FREQ=MONTHLY;COUNT=6 ({reason})")


def test_a_rule_ending_in_a_semicolon_is_read_as_written_without_it() -> None:
    event = series(datetime(2026, 1, 14, 9, 0), SANTIAGO, "FREQ=WEEKLY;COUNT=3;")
    assert rule_messages(event) == []


def test_a_nul_in_a_text_is_refused_as_entered() -> None:
    """PostgreSQL refuses it and SQLite would keep it: refused on both alike."""
    event = series(datetime(2026, 1, 14, 9, 0), SANTIAGO, "FREQ=WEEKLY;COUNT=3")
    event.description = "Agenda\x00attached"
    assert [(p.field, p.message) for p in event.problems()] == [
        ("description", "description holds a NUL character, which no database stores")
    ]


def test_an_occurrence_in_a_daylight_saving_gap_is_refused() -> None:
    event = series(datetime(2026, 2, 22, 2, 30), NEW_YORK, "FREQ=WEEKLY;COUNT=4")
    assert rule_messages(event) == [
        "An occurrence cannot be placed: 2026-03-08 02:30 does not exist in "
        "America/New_York: clocks jump forward that day; choose 01:30 EST (06:30 UTC) "
        "or 03:30 EDT (07:30 UTC)"
    ]


def test_an_occurrence_that_happens_twice_is_refused() -> None:
    event = series(datetime(2026, 10, 18, 1, 30), NEW_YORK, "FREQ=WEEKLY;COUNT=3")
    (message,) = rule_messages(event)
    assert message.startswith(
        "An occurrence cannot be placed: 2026-11-01 01:30 happens "
        "twice in America/New_York: clocks fall back that day"
    )


def test_a_monthly_santiago_series_keeps_nine_oclock_across_chiles_clock_changes() -> None:
    event = series(datetime(2026, 1, 14, 9, 0), SANTIAGO, "FREQ=MONTHLY;COUNT=12")
    assert event.problems() == []

    occurrences = event.occurrences()

    assert len(occurrences) == 12
    local = [timezones.to_local(o.start, SANTIAGO) for o in occurrences]
    assert {moment.time() for moment in local} == {time(9, 0)}
    assert [moment.date() for moment in local] == [date(2026, month, 14) for month in range(1, 13)]
    offsets = {timezones.utc_offset_label(o.start, SANTIAGO) for o in occurrences}
    assert offsets == {"-03:00", "-04:00"}, "Chile changes its clocks twice a year"
    in_tokyo = {timezones.to_local(o.start, timezones.TOKYO).hour for o in occurrences}
    assert in_tokyo == {21, 22}, "so the session moves by an hour for Tokyo"
    assert all(o.end - o.start == timedelta(minutes=90) for o in occurrences)


def test_until_in_utc_as_rfc_5545_writes_it_includes_the_last_occurrence() -> None:
    last = timezones.to_utc(datetime(2026, 6, 14, 9, 0), SANTIAGO)
    rule = f"FREQ=MONTHLY;UNTIL={last:%Y%m%dT%H%M%S}Z"
    event = series(datetime(2026, 1, 14, 9, 0), SANTIAGO, rule)
    assert event.problems() == []
    assert [o.start for o in event.occurrences()][-1] == last
    assert len(event.occurrences()) == 6


ZONES_WITH_CLOCK_CHANGES = [
    SANTIAGO,
    NEW_YORK,
    "Europe/London",
    "Australia/Sydney",
    "America/Asuncion",
    "Pacific/Auckland",
    "Asia/Tokyo",
    "Asia/Kathmandu",
    "America/Mexico_City",
]


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES_WITH_CLOCK_CHANGES),
    first=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    hour=st.integers(min_value=7, max_value=21),
    minute=st.sampled_from([0, 15, 30, 45]),
    rule=st.sampled_from(
        ["FREQ=MONTHLY;COUNT=12", "FREQ=WEEKLY;COUNT=30", "FREQ=MONTHLY;INTERVAL=2;COUNT=6"]
    ),
)
def test_every_occurrence_keeps_the_wall_clock_time_of_the_first(
    zone: str, first: date, hour: int, minute: int, rule: str
) -> None:
    start = datetime.combine(first, time(hour, minute))
    event = series(start, zone, rule)
    assert event.problems() == []
    for occurrence in event.occurrences():
        assert timezones.to_local(occurrence.start, zone).time() == time(hour, minute)


def test_a_moved_and_a_cancelled_occurrence() -> None:
    event = series(datetime(2026, 1, 14, 9, 0), SANTIAGO, "FREQ=MONTHLY;COUNT=4")
    second, third = (o.start for o in event.occurrences()[1:3])
    moved_to = timezones.to_utc(datetime(2026, 2, 16, 10, 0), SANTIAGO)
    event.changes = [
        OccurrenceOverride(
            recurrence_id=second, start_utc=moved_to, end_utc=moved_to + timedelta(hours=1)
        ),
        OccurrenceOverride(recurrence_id=third, cancelled=True),
    ]
    occurrences = event.occurrences()
    assert len(occurrences) == 3
    assert occurrences[1].start == moved_to
    assert occurrences[1].moved
    assert occurrences[1].recurrence_id == second
    assert third not in {o.start for o in occurrences}
    assert occurrences[1].end == datetime(2026, 2, 16, 14, 0, tzinfo=UTC)
