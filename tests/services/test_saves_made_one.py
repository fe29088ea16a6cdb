"""Several saves made one (``editing.as_one_save``), as a tool's step of several records
makes them: committed whole as one group of the history, or not at all, whatever
refuses one of them, on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from cpp_scheduler.model import Event
from cpp_scheduler.model.history import Change
from cpp_scheduler.services import editing, removal
from cpp_scheduler.store import ConcurrentEditError, Database, DatabaseLockedError, open_database
from tests.tour_day import make_day

START = datetime(2027, 3, 8, 0, 0, tzinfo=UTC)


@pytest.fixture
def day(database: Database) -> list[str]:
    """Three events of one tour day, two hours apart: their ids."""
    return make_day(database, START)


def _starts(database: Database, ids: list[str]) -> list[datetime]:
    return [editing.stored(database, Event, i).values["start_utc"] for i in ids]


def _history(database: Database) -> list[tuple[str, str | None]]:
    """Every history entry: its record's id and its group, oldest first."""
    with database.session() as session:
        rows = session.execute(select(Change.record_id, Change.group_id).order_by(Change.id))
        return [(str(row[0]), row[1]) for row in rows]


def _move_each_a_day(database: Database, ids: list[str]) -> None:
    """Move each event a day later, against the version 1 the tool read."""
    for record_id, start in zip(ids, _starts(database, ids), strict=True):
        later = start + timedelta(days=1)
        editing.change(
            database,
            Event,
            record_id,
            {"start_utc": later, "end_utc": later + timedelta(hours=1)},
            1,
        )


def _move_each_a_day_as_one(database: Database, ids: list[str]) -> None:
    with editing.as_one_save(database):
        _move_each_a_day(database, ids)


def test_a_third_save_refused_leaves_the_first_two_as_they_were_and_no_history(
    database: Database, day: list[str]
) -> None:
    editing.change(database, Event, day[2], {"title": "Closing dinner (Kenji)"}, 1)
    starts, history = _starts(database, day), _history(database)

    with pytest.raises(ConcurrentEditError, match="Closing dinner"):
        _move_each_a_day_as_one(database, day)

    assert _starts(database, day) == starts
    assert _history(database) == history
    # The next save on this handle carries none of the refused group's entries.
    editing.change(database, Event, day[0], {"title": "Opening briefing, TDLC"}, 1)
    assert [record for record, _group in _history(database)[len(history) :]] == [day[0]]


def test_saves_made_one_are_one_group_of_the_history(database: Database, day: list[str]) -> None:
    history = _history(database)

    _move_each_a_day_as_one(database, day)

    assert _starts(database, day) == [START + timedelta(days=1, hours=h) for h in (0, 2, 4)]
    added = _history(database)[len(history) :]
    assert [record for record, _group in added] == day
    assert len({group for _record, group in added}) == 1


def test_a_refusal_the_caller_went_on_after_still_saves_nothing(
    database: Database, day: list[str]
) -> None:
    """A save refused within the block refuses the block, even where the code in it
    caught the error and went on: nothing of the block is committed."""
    editing.change(database, Event, day[2], {"title": "Closing dinner (Kenji)"}, 1)
    starts, history = _starts(database, day), _history(database)

    def going_on_regardless() -> None:
        with editing.as_one_save(database):
            _move_each_a_day(database, day[:1])
            with contextlib.suppress(ConcurrentEditError):
                _move_each_a_day(database, day[2:])

    with pytest.raises(ConcurrentEditError):
        going_on_regardless()

    assert _starts(database, day) == starts
    assert _history(database) == history


@pytest.fixture
def quick(database: Database, database_url: str) -> Iterator[Database]:
    """Another handle on the program that gives up on a colleague's lock after 0.2 s."""
    store = open_database(database_url, timeout=0.2)
    yield store
    store.close()


def test_a_colleague_holding_the_database_refuses_the_whole_save_in_one_line(
    quick: Database, database_url: str, day: list[str]
) -> None:
    """On SQLite the colleague holds the file's write lock, on PostgreSQL the last
    event's row, longer than the save waits: nothing is saved, and one line says why."""
    starts, history = _starts(quick, day), _history(quick)
    colleague = open_database(database_url)
    try:
        with colleague.engine.connect() as holder:
            if colleague.is_sqlite:
                holder.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                holder.execute(
                    text("SELECT 1 FROM events WHERE id = :id FOR UPDATE"), {"id": day[2]}
                )
            with pytest.raises(DatabaseLockedError) as caught:
                _move_each_a_day_as_one(quick, day)
            holder.rollback()
    finally:
        colleague.close()

    what = "the change" if quick.is_sqlite else "event 'Closing dinner'"
    assert str(caught.value) == (
        f"cannot save {what}: {quick.name} is locked by another program or user "
        "(waited 0.2 s); nothing was saved, try again in a moment"
    )
    assert _starts(quick, day) == starts
    assert _history(quick) == history


def _entries_of(database: Database, record_id: str, after: int) -> list[dict[str, object]]:
    """The fields of each history entry of ``record_id`` after the entry ``after``."""
    with database.session() as session:
        rows = session.scalars(
            select(Change.fields)
            .where(Change.record_id == record_id, Change.id > after)
            .order_by(Change.id)
        )
        return [json.loads(fields) for fields in rows]


def _last_entry(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.max(Change.id))) or 0)


def test_sessions_filed_and_taken_back_in_one_save_are_one_change_of_their_conference(
    database: Database,
) -> None:
    """Two sessions filed under a conference in one save are one entry of its history,
    its sessions from none to both; a save refused after a third filing leaves the
    conference as it was; taking both back in one save is one entry again."""
    forum = editing.create(
        database,
        Event,
        {"title": "Kobe forum", "start_utc": START, "end_utc": START + timedelta(hours=8)},
    )

    def panel(hour: int) -> dict[str, object]:
        begins = START + timedelta(hours=hour)
        return {
            "title": f"Panel at {9 + hour}:00",
            "start_utc": begins,
            "end_utc": begins + timedelta(hours=1),
            "parent_id": forum,
        }

    filed = _last_entry(database)
    with editing.as_one_save(database):
        panels = [editing.create_versioned(database, Event, panel(h)).record_id for h in (1, 3)]
    assert _entries_of(database, forum, filed) == [{"sessions": [[], sorted(panels)]}]
    version = editing.stored(database, Event, forum).version

    refused = _last_entry(database)

    def file_one_and_take_one_back() -> None:
        with editing.as_one_save(database):
            editing.create_versioned(database, Event, panel(5))
            removal.delete(database, Event, panels[0], 99, alone=True)  # not that version

    with pytest.raises(ConcurrentEditError):
        file_one_and_take_one_back()
    assert editing.stored(database, Event, forum).version == version
    assert _entries_of(database, forum, refused) == []
    assert _last_entry(database) == refused

    taken = _last_entry(database)
    with editing.as_one_save(database):
        for panel_id in reversed(panels):
            removal.delete(database, Event, panel_id, 1, alone=True)
    assert _entries_of(database, forum, taken) == [{"sessions": [sorted(panels), []]}]
