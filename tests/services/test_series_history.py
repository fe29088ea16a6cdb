"""A moved or cancelled meeting of a series is part of its series' history, in words a
coordinator reads, and reverting that entry puts the meeting back as one versioned,
undoable change; an entry with nothing to revert is refused and saves nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from cpp_scheduler.cli import main
from cpp_scheduler.model import Change, Event
from cpp_scheduler.services import editing, series
from cpp_scheduler.services.history import (
    RevertError,
    history_of,
    history_since,
    revert_change,
)
from cpp_scheduler.store import Database

#: Wednesday 13 January 2027, 10:00 in Tokyo; the series meets every Wednesday, 4 times.
FIRST = datetime(2027, 1, 13, 1, 0, tzinfo=UTC)
SECOND = FIRST + timedelta(weeks=1)
TITLE = "Weekly DRR call"
LABEL = f"event '{TITLE}'"


def _series(database: Database) -> str:
    return editing.create(
        database,
        Event,
        {
            "title": TITLE,
            "start_utc": FIRST,
            "end_utc": FIRST + timedelta(hours=1),
            "zone": "Asia/Tokyo",
            "recurrence_rule": "FREQ=WEEKLY;COUNT=4",
        },
    )


def _version(database: Database, event_id: str) -> int:
    return int(editing.stored(database, Event, event_id).version or 0)


def _starts(database: Database, event_id: str) -> list[datetime]:
    return [meeting.start_utc for meeting in series.meetings(database, event_id).meetings]


def _changes(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Change)) or 0


def _uid(database: Database, event_id: str) -> str:
    with database.session() as session:
        found = session.get(Event, event_id)
        assert found is not None
        return found.uid


def test_a_cancelled_meeting_is_in_its_series_history_in_words(database: Database) -> None:
    event_id = _series(database)
    database.author = "Aiko"
    series.cancel_meeting(database, event_id, SECOND, _version(database, event_id))

    meetings = [entry for entry in history_of(database, _uid(database, event_id)) if entry.meeting]
    assert [(entry.label, entry.meeting, entry.series_id) for entry in meetings] == [
        (LABEL, "Meeting of Wed 20 Jan 2027 10:00 JST cancelled", event_id)
    ]
    assert meetings[0].author == "Aiko"
    since = [entry for entry in history_since(database, FIRST - timedelta(days=3650))]
    assert [entry.meeting for entry in since if entry.meeting] == [meetings[0].meeting]
    assert all(entry.label == LABEL for entry in since if entry.meeting)


def test_a_moved_meeting_says_from_where_to_where(database: Database) -> None:
    event_id = _series(database)
    moved = SECOND + timedelta(days=1, hours=3)
    edit = series.move_meeting(
        database, event_id, SECOND, moved, moved + timedelta(hours=1), _version(database, event_id)
    )
    later = moved + timedelta(hours=2)
    series.move_meeting(database, event_id, SECOND, later, later + timedelta(hours=1), edit.version)

    assert [entry.meeting for entry in history_of(database, event_id) if entry.meeting] == [
        "Meeting of Wed 20 Jan 2027 10:00 JST moved to Thu 21 Jan 2027 13:00-14:00 JST",
        "Meeting of Wed 20 Jan 2027 10:00 JST moved from Thu 21 Jan 2027 13:00-14:00 JST "
        "to Thu 21 Jan 2027 15:00-16:00 JST",
    ]


def test_reverting_a_cancelled_meeting_brings_it_back_as_one_versioned_change(
    database: Database,
) -> None:
    event_id = _series(database)
    series.cancel_meeting(database, event_id, SECOND, _version(database, event_id))
    assert SECOND not in _starts(database, event_id)
    (cancelled,) = [entry for entry in history_of(database, event_id) if entry.meeting]
    version = _version(database, event_id)

    done = revert_change(database, cancelled.change_id, version)

    assert SECOND in _starts(database, event_id)
    assert done.series_version == _version(database, event_id) == version + 1
    assert (
        done.meeting
        == "Meeting of Wed 20 Jan 2027 10:00 JST held again, where its series places it"
    )
    assert history_of(database, event_id)[-1].change_id >= done.change_id
    with pytest.raises(RevertError, match="was changed again since"):
        revert_change(database, cancelled.change_id, done.series_version)

    again = revert_change(database, done.change_id, done.series_version)  # undo of the revert
    assert SECOND not in _starts(database, event_id)
    assert again.meeting == "Meeting of Wed 20 Jan 2027 10:00 JST cancelled"
    assert again.series_version == version + 2


def test_reverting_a_move_of_one_meeting_undoes_the_move(database: Database) -> None:
    event_id = _series(database)
    moved = SECOND + timedelta(days=1)
    edit = series.move_meeting(
        database, event_id, SECOND, moved, moved + timedelta(hours=1), _version(database, event_id)
    )
    (move,) = [entry for entry in history_of(database, event_id) if entry.meeting]

    done = revert_change(database, move.change_id, edit.version)

    assert _starts(database, event_id) == [FIRST + timedelta(weeks=n) for n in range(4)]
    assert done.series_version == edit.version + 1
    assert done.meeting == (
        "Meeting of Wed 20 Jan 2027 10:00 JST moved back from Thu 21 Jan 2027 10:00-11:00 JST "
        "to where its series places it"
    )


def test_an_entry_with_nothing_to_revert_is_refused_and_saves_nothing(database: Database) -> None:
    """The calendar sequence the store raised along with a meeting's change: not listed
    as a change of its own, and reverting it alone, by its number, would save a change
    that changes nothing."""
    event_id = _series(database)
    series.cancel_meeting(database, event_id, SECOND, _version(database, event_id))
    assert not [
        entry
        for entry in history_of(database, event_id)
        if entry.action == "changed" and entry.meeting is None
    ]
    with database.session() as session:
        raised = session.scalars(
            select(Change).where(Change.record_id == event_id, Change.action == "changed")
        ).one()
        assert raised.fields == '{"sequence":[0,1]}'
        raised_id = raised.id
    version, changes = _version(database, event_id), _changes(database)

    with pytest.raises(RevertError) as refused:
        revert_change(database, raised_id, version)

    assert str(refused.value) == (
        f"nothing to revert: this change of {LABEL} holds only what the program keeps by "
        "itself; revert the change that came with it"
    )
    assert "\n" not in str(refused.value)
    assert (_version(database, event_id), _changes(database)) == (version, changes)
    assert SECOND not in _starts(database, event_id)


def test_the_command_lists_a_meeting_change_with_its_series_and_date(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _series(database)
    database.author = "Aiko"
    series.cancel_meeting(database, event_id, SECOND, _version(database, event_id))
    url = database.url.render_as_string(hide_password=False)

    for asked in (["history", _uid(database, event_id)], ["history", "--since", "2000-01-01"]):
        capsys.readouterr()
        assert main([*asked, "--db", url]) == 0
        printed = capsys.readouterr().out
        (line,) = [line for line in printed.splitlines() if "Meeting of" in line]
        assert line.endswith(f"  Aiko  {LABEL}: Meeting of Wed 20 Jan 2027 10:00 JST cancelled"), (
            line
        )
        assert "changed occurrence" not in printed
