"""The save path carries a series' moved and cancelled meetings over to a new rule, on
SQLite and PostgreSQL; the service tells it beforehand in the coordinator's words; undo
puts the series back as it was, changes included."""

from __future__ import annotations

from datetime import datetime, timedelta

from cpp_scheduler import timezones
from cpp_scheduler.model import Event
from cpp_scheduler.model.recurrence import SeriesTimes
from cpp_scheduler.services import calendar_reads, editing, history, series, series_rules
from cpp_scheduler.store import Database

TOKYO = "Asia/Tokyo"
THIRD_WEDNESDAY = "FREQ=MONTHLY;COUNT=6;BYDAY=3WE"
THIRD_THURSDAY = "FREQ=MONTHLY;COUNT=6;BYDAY=3TH"


def tokyo(month: int, day: int, hour: int = 17, minute: int = 0) -> datetime:
    return timezones.to_utc(datetime(2027, month, day, hour, minute), TOKYO)


def _version(database: Database, event_id: str) -> int:
    version = editing.stored(database, Event, event_id).version
    assert version is not None
    return version


def _demo_series(database: Database) -> str:
    """The demo's resilient-cities series: 17 February cancelled, 19 May moved to 20 May."""
    event_id = editing.create(
        database,
        Event,
        {
            "title": "Peer-to-peer workshop series: resilient cities (monthly)",
            "start_utc": tokyo(1, 20),
            "end_utc": tokyo(1, 20, 18, 30),
            "zone": TOKYO,
            "recurrence_rule": THIRD_WEDNESDAY,
        },
    )
    series.cancel_meeting(database, event_id, tokyo(2, 17), _version(database, event_id))
    series.move_meeting(
        database,
        event_id,
        tokyo(5, 19),
        tokyo(5, 20),
        tokyo(5, 20, 18, 30),
        _version(database, event_id),
    )
    return event_id


def _shown(database: Database, event_id: str) -> list[datetime]:
    """The starts the window's views show."""
    return sorted(row.start_utc for row in calendar_reads.load_event_rows(database, [event_id]))


def test_a_new_rule_keeps_february_cancelled_and_mays_move_and_undo_restores(
    database: Database,
) -> None:
    event_id = _demo_series(database)
    as_it_was = _shown(database, event_id)

    saved = editing.change(
        database, Event, event_id, {"recurrence_rule": THIRD_THURSDAY}, _version(database, event_id)
    )

    shown = _shown(database, event_id)
    assert tokyo(2, 18) not in shown  # still cancelled: the conference week
    assert shown == [tokyo(1, 21), tokyo(3, 18), tokyo(4, 15), tokyo(5, 20), tokyo(6, 17)]
    with database.reading() as session:
        event = editing.get_record(session, Event, event_id)
        # May's meeting, moved to Thursday 20 May, is where the new rule holds it: no
        # longer a move, and no longer marked "(moved)"; its change is kept, for a
        # revert of the rule to find it again.
        assert not any(o.moved for o in event.occurrences())
        assert sorted((c.recurrence_id, c.cancelled) for c in event.changes) == [
            (tokyo(2, 18), True),
            (tokyo(5, 20), False),
        ]

    editing.change(database, Event, event_id, saved.before, saved.version)  # as Undo does

    assert _shown(database, event_id) == as_it_was
    with database.reading() as session:
        event = editing.get_record(session, Event, event_id)
        assert sorted(c.recurrence_id for c in event.changes) == [tokyo(2, 17), tokyo(5, 19)]


def test_the_service_says_what_follows_and_what_is_set_aside(database: Database) -> None:
    event_id = _demo_series(database)
    stored = series_rules.read_stored_series(database, event_id)

    def lines(rule: str | None) -> list[str]:
        after = SeriesTimes(tokyo(1, 20), TOKYO, rule)
        return [
            series_rules.describe(item, TOKYO)
            for item in series_rules.moving_changes(stored, after)
        ]

    assert lines(THIRD_WEDNESDAY) == []
    assert lines(THIRD_THURSDAY) == [
        "The cancelled meeting of Wed 17 Feb 2027 follows to Thu 18 Feb 2027: it stays cancelled.",
        "The meeting of Wed 19 May 2027 moved to Thu 20 May 2027 17:00 follows to "
        "Thu 20 May 2027: it keeps its moved time.",
    ]
    assert lines("FREQ=WEEKLY;COUNT=20;BYDAY=TH") == [
        "The cancelled meeting of Wed 17 Feb 2027 is set aside while the series has no "
        "meeting then; it applies again if the series meets then.",
        "The meeting of Wed 19 May 2027 moved to Thu 20 May 2027 17:00 is set aside while "
        "the series has no meeting then; it applies again if the series meets then.",
    ]


def test_reverting_the_new_rule_brings_mays_move_back(database: Database) -> None:
    """The move the new rule made no move is kept, not deleted: reverting the rule's
    change in the history finds May's meeting moved to Thursday 20 May again."""
    event_id = _demo_series(database)
    as_it_was = _shown(database, event_id)
    editing.change(
        database, Event, event_id, {"recurrence_rule": THIRD_THURSDAY}, _version(database, event_id)
    )
    rule_change = [
        entry
        for entry in history.history_of(database, event_id)
        if entry.action == "changed" and entry.meeting is None
    ][-1]

    history.revert_change(database, rule_change.change_id)

    assert _shown(database, event_id) == as_it_was
    with database.reading() as session:
        event = editing.get_record(session, Event, event_id)
        moved = [(o.start, o.recurrence_id) for o in event.occurrences() if o.moved]
    assert moved == [(tokyo(5, 20), tokyo(5, 19))]


def test_a_move_onto_a_repeated_time_the_new_rule_gives_is_kept_as_its_reading(
    database: Database,
) -> None:
    """A Saturday 01:30 call in New York, its 31 October meeting moved to Sunday 1
    November 01:30 EDT (the first of the two 01:30s); the series then meets on Sundays
    at 01:30. The move is that meeting's reading of the repeated time, which the
    series needs, so it is kept and the save goes through, the meeting at 01:30 EDT."""
    new_york = "America/New_York"

    def ny(month: int, day: int, hour: int = 1, minute: int = 30) -> datetime:
        return timezones.to_utc(datetime(2026, month, day, hour, minute), new_york)

    event_id = editing.create(
        database,
        Event,
        {
            "title": "Night call",
            "start_utc": ny(10, 24),
            "end_utc": ny(10, 24, 2, 30),
            "zone": new_york,
            "recurrence_rule": "FREQ=WEEKLY;COUNT=4;BYDAY=SA",
        },
    )
    edt = timezones.to_utc(datetime(2026, 11, 1, 1, 30), new_york, timezones.Fold.EARLIER)
    hour = timedelta(hours=1)
    series.move_meeting(
        database, event_id, ny(10, 31), edt, edt + hour, _version(database, event_id)
    )

    editing.change(
        database,
        Event,
        event_id,
        {
            "start_utc": ny(10, 25),
            "end_utc": ny(10, 25, 2, 30),
            "recurrence_rule": "FREQ=WEEKLY;COUNT=4;BYDAY=SU",
        },
        _version(database, event_id),
    )

    with database.reading() as session:
        meetings = editing.get_record(session, Event, event_id).occurrences()
    assert (edt, False) in [(o.start, o.moved) for o in meetings]
