"""A delegation's schedule over the demo program: sessions, not the conference's span;
Tokyo's clock during a stay in Japan; each meeting of a series with its own offset."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.scheduling.conflicts import ConflictKind, find_conflicts
from cpp_scheduler.scheduling.localtimes import DayPart
from cpp_scheduler.services.delegation_schedule import (
    DelegationSchedule,
    ScheduledMeeting,
    find_delegation,
    read_schedule,
)
from cpp_scheduler.services.demo import (
    CONFERENCE,
    KENYA,
    MACEDONIA,
    PERU,
    SERIES,
    SESSIONS,
    load_demo,
)
from cpp_scheduler.services.snapshot import NotFoundError, load_snapshot
from cpp_scheduler.store import Database, open_database

CONFERENCE_SESSIONS = {title for *_, title, _themes, _speakers, _delegations in SESSIONS}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("demo") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    load_demo(database)
    yield database
    database.close()


def schedule_of(database: Database, name: str) -> DelegationSchedule:
    return read_schedule(database, find_delegation(database, name).id)


def conference_days(schedule: DelegationSchedule) -> list[ScheduledMeeting]:
    return [m for m in schedule.meetings if m.conference == CONFERENCE]


def test_kenya_in_tokyo_reads_each_conference_session_by_day_in_tokyo_time(
    demo: Database,
) -> None:
    kenya = schedule_of(demo, KENYA)
    titles = [m.title for m in kenya.meetings]
    assert CONFERENCE not in titles, "the two-day conference is listed by its sessions"
    sessions = conference_days(kenya)
    # Every session but the Kathmandu and Quezon City action plans, which are theirs alone.
    assert {m.title for m in sessions} == CONFERENCE_SESSIONS - {
        "Delegations' action plans: Kathmandu and Quezon City"
    }
    for meeting in sessions:
        assert meeting.zone == timezones.TOKYO
        assert meeting.in_japan
        assert meeting.local_start == meeting.tokyo_start
        assert meeting.part is DayPart.WORKING, meeting.title
    opening = sessions[0]
    assert f"{opening.local_start:%a %d %b %H:%M %Z}" == "Mon 15 Feb 09:00 JST"
    assert kenya.nights == 0


def test_peru_at_home_sees_each_session_by_its_own_hours_not_one_evening_block(
    demo: Database,
) -> None:
    peru = schedule_of(demo, PERU)
    sessions = conference_days(peru)
    assert CONFERENCE not in [m.title for m in peru.meetings]
    assert all(m.zone == "America/Lima" and not m.in_japan for m in sessions)
    spans = {f"{m.local_start:%a %H:%M}-{m.local_end:%a %H:%M}" for m in sessions}
    by_start = {m.local_start.strftime("%a %H:%M"): m.part for m in sessions}
    # 09:00 in Tokyo is 19:00 the evening before in Lima: acceptable, not night.
    assert by_start["Sun 19:00"] is DayPart.EXTENDED
    assert by_start["Mon 19:00"] is DayPart.EXTENDED
    # The afternoon sessions fall in Lima's night, each one on its own.
    assert by_start["Mon 01:30"] is DayPart.NIGHT
    assert by_start["Tue 00:00"] is DayPart.NIGHT
    assert "Sun 19:00-Tue 01:30" not in spans
    assert all(m.local_end - m.local_start <= timedelta(hours=2) for m in sessions)


def test_peru_is_on_tokyo_time_during_its_study_tour(demo: Database) -> None:
    peru = schedule_of(demo, PERU)
    march = [m for m in peru.meetings if m.start >= datetime(2027, 3, 1, tzinfo=UTC)]
    assert march, "the study tour's events are on the delegation's schedule"
    assert all(m.in_japan and m.zone == timezones.TOKYO for m in march)
    assert all(m.part is DayPart.WORKING for m in march)


def test_each_meeting_of_a_series_has_its_own_offset(demo: Database) -> None:
    skopje = [m for m in schedule_of(demo, MACEDONIA).meetings if m.title == SERIES]
    offsets = [(m.local_start.date(), m.local_start.strftime("%H:%M %z")) for m in skopje]
    assert offsets == [
        (date(2027, 1, 20), "09:00 +0100"),
        # 17 February is cancelled: the delegations are in Japan that week.
        (date(2027, 3, 17), "09:00 +0100"),
        (date(2027, 4, 21), "10:00 +0200"),  # after North Macedonia's clock change
        (date(2027, 5, 20), "10:00 +0200"),  # moved from the 19th
        (date(2027, 6, 16), "10:00 +0200"),
    ]
    assert len({m.occurrence_id for m in skopje}) == len(skopje)


def test_a_period_keeps_the_meetings_in_it(demo: Database) -> None:
    kenya = find_delegation(demo, KENYA.upper())
    start, end = timezones.local_days(date(2027, 2, 16), date(2027, 2, 16), timezones.TOKYO)
    day = read_schedule(demo, kenya.id, start, end)
    assert [f"{m.tokyo_start:%d %H:%M}" for m in day.meetings] == [
        "16 09:00",
        "16 09:00",
        "16 11:00",
        "16 14:00",
    ]


def test_the_conflict_check_warns_of_exactly_the_nights_the_schedule_shows(
    demo: Database,
) -> None:
    with demo.session() as session:
        program = load_snapshot(session)
    warned = {
        (conflict.record_ids[0], conflict.event_ids[0])
        for conflict in find_conflicts(program)
        if conflict.kind is ConflictKind.NIGHT_SESSION
    }
    shown = set()
    for name in (PERU, KENYA, MACEDONIA):
        schedule = schedule_of(demo, name)
        shown |= {
            (schedule.delegation.id, m.event_id)
            for m in schedule.meetings
            if m.part is DayPart.NIGHT
        }
    assert len(shown) == 7
    assert {pair for pair in warned if pair[0] in {d for d, _ in shown}} == shown


def test_an_unknown_delegation_is_named_with_those_there_are(demo: Database) -> None:
    with pytest.raises(NotFoundError, match=r"No delegation is called 'Atlantis'.*Kenya"):
        find_delegation(demo, "Atlantis")
