"""What a series will hold once saved, worked out before the save: the stored moved and
cancelled meetings applied to the rule typed as the save applies them, so the Series
tab counts the meetings ``events list`` gives, and the dialog's local times describe the
meeting the Local times dock will."""

from __future__ import annotations

from datetime import datetime, timedelta

from cpp_scheduler import timezones
from cpp_scheduler.model import Event
from cpp_scheduler.model.recurrence import SeriesTimes
from cpp_scheduler.services import editing, series, series_rules
from cpp_scheduler.services.localtimes import read_local_times
from cpp_scheduler.services.series_rules import HeldMeeting
from cpp_scheduler.store import Database

TOKYO = "Asia/Tokyo"
THIRD_WEDNESDAY = "FREQ=MONTHLY;COUNT=6;BYDAY=3WE"
THIRD_THURSDAY = "FREQ=MONTHLY;COUNT=6;BYDAY=3TH"
LENGTH = timedelta(hours=1, minutes=30)


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
            "end_utc": tokyo(1, 20) + LENGTH,
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
        tokyo(5, 20) + LENGTH,
        _version(database, event_id),
    )
    return event_id


def _held(database: Database, event_id: str) -> list[tuple[datetime, datetime, bool]]:
    """The meetings the stored series holds: what ``events list`` and the views give."""
    with database.reading() as session:
        event = editing.get_record(session, Event, event_id)
        return [(o.start, o.end, o.moved) for o in event.occurrences()]


def _draft(stored: series_rules.StoredSeries, rule: str) -> series_rules.DraftSeries:
    return series_rules.draft_series(
        stored, SeriesTimes(tokyo(1, 20), TOKYO, rule), tokyo(1, 20) + LENGTH
    )


def test_the_series_as_stored_holds_what_events_list_gives(database: Database) -> None:
    event_id = _demo_series(database)
    stored = series_rules.read_stored_series(database, event_id)

    draft = _draft(stored, THIRD_WEDNESDAY)

    assert [(m.start, m.end, m.moved) for m in draft.meetings] == _held(database, event_id)
    assert len(draft.meetings) == 5
    assert draft.cancelled == (tokyo(2, 17),)
    assert draft.followed == ()
    wall_clock = draft.on_the_wall_clock()
    assert wall_clock.held == (
        HeldMeeting(datetime(2027, 1, 20, 17)),
        HeldMeeting(datetime(2027, 3, 17, 17)),
        HeldMeeting(datetime(2027, 4, 21, 17)),
        HeldMeeting(datetime(2027, 5, 20, 17), ruled=datetime(2027, 5, 19, 17)),
        HeldMeeting(datetime(2027, 6, 16, 17)),
    )
    assert wall_clock.cancelled == (datetime(2027, 2, 17, 17),)


def test_a_new_rule_holds_what_the_save_will_hold(database: Database) -> None:
    event_id = _demo_series(database)
    stored = series_rules.read_stored_series(database, event_id)

    draft = _draft(stored, THIRD_THURSDAY)
    editing.change(
        database, Event, event_id, {"recurrence_rule": THIRD_THURSDAY}, _version(database, event_id)
    )

    assert [(m.start, m.end, m.moved) for m in draft.meetings] == _held(database, event_id)
    assert draft.cancelled == (tokyo(2, 18),)  # February stays cancelled, on its Thursday
    assert [item.meeting for item in draft.followed] == [tokyo(2, 18), tokyo(5, 20)]


def test_changes_a_rule_leaves_behind_are_held_nowhere(database: Database) -> None:
    event_id = _demo_series(database)
    stored = series_rules.read_stored_series(database, event_id)

    draft = _draft(stored, "FREQ=WEEKLY;COUNT=20;BYDAY=TH")

    assert len(draft.meetings) == 20
    assert not any(meeting.moved for meeting in draft.meetings)
    assert draft.cancelled == ()
    assert [item.meeting for item in draft.followed] == [None, None]


def test_the_first_meeting_held_is_the_one_the_local_times_dock_gives(
    database: Database,
) -> None:
    event_id = _demo_series(database)
    series.cancel_meeting(database, event_id, tokyo(1, 20), _version(database, event_id))
    stored = series_rules.read_stored_series(database, event_id)

    draft = _draft(stored, THIRD_WEDNESDAY)

    first = draft.first_held
    assert first is not None
    dock = read_local_times(database, event_id)
    assert (
        (first.start, first.end) == (dock.start, dock.end) == (tokyo(3, 17), tokyo(3, 17) + LENGTH)
    )
    assert draft.cancelled_before(first) == (tokyo(1, 20), tokyo(2, 17))


def test_a_series_with_every_meeting_cancelled_holds_none(database: Database) -> None:
    event_id = editing.create(
        database,
        Event,
        {
            "title": "Two calls",
            "start_utc": tokyo(1, 20),
            "end_utc": tokyo(1, 20) + LENGTH,
            "zone": TOKYO,
            "recurrence_rule": "FREQ=WEEKLY;COUNT=2",
        },
    )
    for day in (20, 27):
        series.cancel_meeting(database, event_id, tokyo(1, day), _version(database, event_id))
    stored = series_rules.read_stored_series(database, event_id)

    draft = _draft(stored, "FREQ=WEEKLY;COUNT=2")

    assert draft.meetings == ()
    assert draft.first_held is None
    assert draft.on_the_wall_clock().cancelled == (
        datetime(2027, 1, 20, 17),
        datetime(2027, 1, 27, 17),
    )
