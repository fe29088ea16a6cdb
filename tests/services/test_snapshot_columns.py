"""The engine's snapshot reads the program's events by their columns: the meetings it
gives are those each event's entity gives, and no event is loaded as an entity for it
(a program of ten thousand events is read in a fraction of the time).

Each meeting is compared with the entity's own expansion (:meth:`Event.occurrences`,
held events only: :attr:`Event.is_cancelled`), not only with
``snapshot.event_intervals``, which shares the snapshot's code: an all-day event, a
session of a cancelled conference and a series meeting moved before the series' first
are in the program."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy.event
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventMode,
    EventStatus,
    OccurrenceOverride,
    Participant,
    PartnerCity,
    Venue,
)
from cpp_scheduler.model.event_filter import conferences_above
from cpp_scheduler.scheduling.inputs import Interval
from cpp_scheduler.scheduling.travel import DEFAULT_BUFFER, LONGEST_JOURNEY
from cpp_scheduler.services import snapshot
from cpp_scheduler.store import Database


def tokyo(day: int, hour: int, month: int = 3) -> datetime:
    return datetime(2027, month, day, hour, tzinfo=UTC) - timedelta(hours=9)


@pytest.fixture
def program(database: Database) -> Database:
    with database.transaction() as session:
        room = session.scalars(select(Venue).where(Venue.name == "TDLC Meeting Room A")).one()
        kobe = session.scalars(select(PartnerCity).where(PartnerCity.name == "Kobe")).one()
        lima = Delegation(name="Lima housing delegation", country="PE", zone="America/Lima")
        ana = Participant(name="Ana Quispe", email="ana@lima.gob.pe", delegation=lima)
        kenji = Participant(name="Kenji Sato", email="kenji@city.kobe.lg.jp")
        conference = Event(
            title="Resilient cities conference",
            start_utc=tokyo(1, 9),
            end_utc=tokyo(3, 17),
            venue=room,
            delegations=[lima],
        )
        Event(
            title="Opening session",
            start_utc=tokyo(1, 9),
            end_utc=tokyo(1, 10),
            venue=room,
            parent=conference,
            participants=[kenji],
        )
        walk = Event(  # held in a partner city with no venue: its city is where it is
            title="Kobe waterfront walk",
            start_utc=tokyo(2, 9),
            end_utc=tokyo(2, 12),
            city=kobe,
            participants=[ana, kenji],
        )
        briefing = Event(  # online, though a room is booked: nowhere to travel to
            title="Online briefing",
            start_utc=tokyo(2, 13),
            end_utc=tokyo(2, 14),
            venue=room,
            mode=EventMode.VIRTUAL,
            delegations=[lima],
        )
        cancelled = Event(
            title="Cancelled visit",
            start_utc=tokyo(2, 9),
            end_utc=tokyo(2, 10),
            venue=room,
            status=EventStatus.CANCELLED,
        )
        series = Event(
            title="Weekly exchange",
            start_utc=tokyo(4, 10),
            end_utc=tokyo(4, 11),
            recurrence_rule="FREQ=WEEKLY;COUNT=5",
            participants=[ana],
            delegations=[lima],
        )
        series.changes.append(OccurrenceOverride(recurrence_id=tokyo(11, 10), cancelled=True))
        series.changes.append(
            OccurrenceOverride(
                recurrence_id=tokyo(18, 10), start_utc=tokyo(19, 15), end_utc=tokyo(19, 16)
            )
        )
        first, after = timezones.local_days(date(2027, 3, 5), date(2027, 3, 6), timezones.TOKYO)
        arrival = Event(  # all day on 5 and 6 March in Tokyo
            title="Lima delegation arrives",
            start_utc=first,
            end_utc=after,
            all_day=True,
            delegations=[lima],
        )
        forum = Event(
            title="Called-off forum",
            start_utc=tokyo(9, 9),
            end_utc=tokyo(9, 17),
            venue=room,
            status=EventStatus.CANCELLED,
        )
        Event(  # confirmed itself, but not held: its conference is cancelled
            title="Forum opening",
            start_utc=tokyo(9, 9),
            end_utc=tokyo(9, 10),
            venue=room,
            parent=forum,
            participants=[kenji],
        )
        review = Event(  # first held on 5 April, after any part of March's reach
            title="Monthly review",
            start_utc=tokyo(5, 10, 4),
            end_utc=tokyo(5, 11, 4),
            recurrence_rule="FREQ=MONTHLY;COUNT=3",
            delegations=[lima],
        )
        review.changes.append(  # its May meeting, moved before the series' first
            OccurrenceOverride(
                recurrence_id=tokyo(5, 10, 5), start_utc=tokyo(10, 15), end_utc=tokyo(10, 16)
            )
        )
        session.add_all(
            [
                *(lima, ana, kenji, conference, walk, briefing, cancelled, series),
                *(arrival, forum, review),
            ]
        )
    return database


Meetings = list[tuple[Interval, bool]]


def in_order(intervals: Iterable[Interval]) -> Meetings:
    """Each meeting with whether it was moved (which intervals do not compare)."""
    return [
        (interval, interval.moved)
        for interval in sorted(intervals, key=lambda interval: (interval.start, interval.id))
    ]


def entities_meetings(database: Database) -> Meetings:
    """Each meeting held as the event's entity gives it (``snapshot.event_intervals``)."""
    with database.reading() as session:
        parents = dict(session.execute(select(Event.id, Event.parent_id)).all())
        found = [
            interval
            for event in session.scalars(select(Event))
            if not event.is_cancelled
            for interval in snapshot.event_intervals(
                event, frozenset(conferences_above(event.id, parents))
            )
        ]
    return in_order(found)


Held = list[tuple[str, datetime, datetime, datetime | None, bool, bool]]


def held_meetings(intervals: Iterable[Interval]) -> Held:
    """Each meeting's event, times, recurrence id, whether it was moved and is all day."""
    return sorted(
        (i.event_id, i.start, i.end, i.recurrence_id, i.moved, i.all_day) for i in intervals
    )


def entities_occurrences(database: Database) -> Held:
    """Each meeting of each held event as the entity itself expands it
    (:meth:`Event.occurrences`), without the snapshot's code."""
    with database.reading() as session:
        return sorted(
            (
                event.id,
                occurrence.start,
                occurrence.end,
                occurrence.recurrence_id if event.recurrence_rule else None,
                occurrence.moved,
                event.all_day,
            )
            for event in session.scalars(select(Event))
            if not event.is_cancelled
            for occurrence in event.occurrences()
        )


def snapshot_intervals(database: Database, **kwargs: datetime) -> list[Interval]:
    with database.reading() as session:
        loaded = snapshot.load_snapshot(session, **kwargs)
    return [*loaded.intervals, *loaded.neighbours]


def snapshot_meetings(database: Database, **kwargs: datetime) -> Meetings:
    return in_order(snapshot_intervals(database, **kwargs))


def test_the_snapshot_gives_each_meeting_as_its_event_gives_it(program: Database) -> None:
    meetings = snapshot_meetings(program)
    assert meetings == entities_meetings(program)
    assert held_meetings(snapshot_intervals(program)) == entities_occurrences(program)
    by_title = {interval.title: interval for interval, _moved in meetings}
    assert by_title["Kobe waterfront walk"].locality == "Kobe"
    assert by_title["Online briefing"].locality is None
    assert by_title["Resilient cities conference"].locality == "Tokyo"
    assert by_title["Opening session"].ancestor_ids == {
        by_title["Resilient cities conference"].event_id
    }
    weekly = [(i.start, moved) for i, moved in meetings if i.title == "Weekly exchange"]
    assert weekly == [
        (tokyo(4, 10), False),
        (tokyo(19, 15), True),  # moved off the 18th
        (tokyo(25, 10), False),
        (tokyo(1, 10, 4), False),
    ]
    assert [(i.start, i.end, i.all_day) for i, _ in meetings if i.title.startswith("Lima")] == [
        (tokyo(5, 0), tokyo(7, 0), True)
    ]
    assert not {"Forum opening", "Called-off forum"} & set(by_title)
    review = [
        (i.start, i.recurrence_id, moved) for i, moved in meetings if i.title == "Monthly review"
    ]
    assert review == [
        (tokyo(10, 15), tokyo(5, 10, 5), True),  # before the series' first meeting
        (tokyo(5, 10, 4), tokyo(5, 10, 4), False),
        (tokyo(5, 10, 6), tokyo(5, 10, 6), False),
    ]


def test_a_part_of_the_program_gives_the_same_meetings(program: Database) -> None:
    # with the meetings after it that its attendees may travel to
    reach = tokyo(20, 0) + LONGEST_JOURNEY + DEFAULT_BUFFER
    assert tokyo(5, 10, 4) > reach  # the review series is read for its moved meeting alone
    part = snapshot_meetings(program, start=tokyo(2, 0), end=tokyo(20, 0))
    assert part == [
        (interval, moved)
        for interval, moved in entities_meetings(program)
        if interval.end > tokyo(2, 0) and interval.start < reach
    ]
    assert held_meetings(snapshot_intervals(program, start=tokyo(2, 0), end=tokyo(20, 0))) == [
        meeting
        for meeting in entities_occurrences(program)
        if meeting[2] > tokyo(2, 0) and meeting[1] < reach
    ]
    assert {interval.title for interval, _moved in part} == {
        "Resilient cities conference",
        "Kobe waterfront walk",
        "Online briefing",
        "Weekly exchange",
        "Lima delegation arrives",
        "Monthly review",
    }
    assert [(i.start, moved) for i, moved in part if i.title == "Monthly review"] == [
        (tokyo(10, 15), True)
    ]


def test_no_event_is_loaded_as_an_entity_for_the_snapshot(program: Database) -> None:
    loaded: list[str] = []

    def heard(event: Event, _context: object) -> None:
        loaded.append(event.title)

    sqlalchemy.event.listen(Event, "load", heard)
    try:
        with program.reading() as session:
            meetings = snapshot.load_snapshot(session).intervals
    finally:
        sqlalchemy.event.remove(Event, "load", heard)
    assert len(meetings) == 12
    assert loaded == []
