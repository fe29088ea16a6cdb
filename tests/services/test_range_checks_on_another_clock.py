"""A check of whole days on another clock (the window's calendar on Lima's or Auckland's
clock, ``conflicts --days-in``) finds exactly what the whole program's check shows on
those days there, over the generated programs the Tokyo ranges are tried on."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cpp_scheduler import timezones
from cpp_scheduler.model import EventMode
from cpp_scheduler.scheduling.conflicts import falls_within, meeting_spans
from cpp_scheduler.services import checking
from cpp_scheduler.services.snapshot import load_snapshot
from cpp_scheduler.store import open_database
from tests.services.test_range_checks import (
    FIRST,
    EventPlan,
    TourPlan,
    _people_and_places,
    _store,
    event_plans,
    tour_plans,
)

CLOCKS = ("America/Lima", "Pacific/Auckland")


_MEETING = EventPlan(
    day=6,
    quarter=0,
    minutes=30,
    all_day=0,
    venue=None,
    mode=EventMode.FACE_TO_FACE,
    video=False,
    delegations=frozenset(),
    participants=frozenset(),
    repeat=None,
    moved=None,
    parent=None,
    on_tour_day=False,
    cancelled=False,
    follows=None,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    events=st.lists(event_plans, min_size=1, max_size=12),
    tours=st.lists(tour_plans, max_size=2),
    ranges=st.lists(
        st.tuples(st.integers(-3, 26), st.integers(0, 3), st.sampled_from(CLOCKS)),
        min_size=1,
        max_size=4,
    ),
)
@example(
    # Ana is named on a conference of day 6 and on its all-day session of days 22 to
    # 24, over Peru's Holy Thursday: the conference reports her holidays, the session
    # not. Days 21 to 24 on Lima's clock read the session without the conference, and
    # warned of her holiday on the session.
    events=[
        _MEETING,
        replace(_MEETING, participants=frozenset({"ana"})),
        replace(_MEETING, day=22, all_day=3, participants=frozenset({"ana"}), parent=1),
    ],
    tours=[],
    ranges=[(21, 3, "America/Lima")],
)
def test_days_on_another_clock_find_what_the_whole_program_finds_there(
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    events: list[EventPlan],
    tours: list[TourPlan],
    ranges: list[tuple[int, int, str]],
) -> None:
    path = tmp_path_factory.mktemp("clock") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    try:
        with database.transaction() as session:
            session.add_all(_people_and_places())
        _store(database, events, tours)
        whole = checking.check(database).conflicts
        with database.reading() as session:
            program = load_snapshot(session, None, None)
        spans = meeting_spans(program.intervals + program.neighbours)
        for offset, width, clock in ranges:
            first = FIRST + timedelta(days=offset)
            start, end = timezones.local_days(first, first + timedelta(days=width), clock)
            ranged = checking.check(database, start, end, clock=clock).conflicts
            assert ranged == [c for c in whole if falls_within(c, start, end, clock, spans)]
    finally:
        database.close()
