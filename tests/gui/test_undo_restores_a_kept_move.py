"""A meeting moved, then its series moved to the meeting's new hour: the move is kept, at
the very time the new rule gives it, so that moving the series back finds the move again.
A drag of that meeting and its undo, or putting it back and reverting that in its
history, restore it exactly: they deleted it, taking the drop back on its own time for
a meeting put back (which a new drag is), and a revert then failed with a database
error."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.commands import Editor, move_event
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.model import Event, OccurrenceOverride
from cpp_scheduler.model.history import Change
from cpp_scheduler.services import editing, history, series
from cpp_scheduler.store import Database
from tests.gui.gui_support import settle_editor

FIRST = datetime(2027, 4, 7, 1, 0, tzinfo=UTC)  # Wednesday 10:00 in Tokyo
HOUR = timedelta(hours=1)
FRIDAY = FIRST + timedelta(days=2)
KEPT = FRIDAY + HOUR
"""Friday's meeting, moved to 11:00, where the series moved to 11:00 holds it now."""


def _version(database: Database, event_id: str) -> int:
    version = editing.stored(database, Event, event_id).version
    assert version is not None
    return version


def _changes(database: Database, event_id: str) -> list[tuple[datetime, datetime | None]]:
    with database.reading() as session:
        event = editing.get_record(session, Event, event_id)
        return [(change.recurrence_id, change.start_utc) for change in event.changes]


def _series_moved_to_the_move(database: Database) -> str:
    event_id = editing.create(
        database,
        Event,
        {
            "title": "Daily call",
            "start_utc": FIRST,
            "end_utc": FIRST + HOUR,
            "zone": "Asia/Tokyo",
            "recurrence_rule": "FREQ=DAILY;COUNT=5",
        },
    )
    series.move_meeting(database, event_id, FRIDAY, KEPT, KEPT + HOUR, _version(database, event_id))
    editing.change(
        database,
        Event,
        event_id,
        {"start_utc": FIRST + HOUR, "end_utc": FIRST + 2 * HOUR},
        _version(database, event_id),
    )
    assert _changes(database, event_id) == [(KEPT, KEPT)]
    return event_id


def _fridays_meeting_after_moving_the_series_back(database: Database, event_id: str) -> bool:
    editing.change(
        database,
        Event,
        event_id,
        {"start_utc": FIRST, "end_utc": FIRST + HOUR},
        _version(database, event_id),
    )
    with database.reading() as session:
        meetings = editing.get_record(session, Event, event_id).occurrences()
    return (KEPT, True) in [(meeting.start, meeting.moved) for meeting in meetings]


def test_undo_of_a_drag_restores_a_kept_move(qtbot: QtBot, sqlite_database: Database) -> None:
    event_id = _series_moved_to_the_move(sqlite_database)
    window = QWidget()
    qtbot.addWidget(window)
    editor = Editor(sqlite_database, TaskManager(window), window)
    shown = series.meeting(sqlite_database, event_id, KEPT)
    editor.execute(move_event(editor, shown, KEPT + 3 * HOUR, KEPT + 4 * HOUR, "Asia/Tokyo"))
    settle_editor(qtbot, editor)
    editor.stack.undo()
    settle_editor(qtbot, editor)

    assert _changes(sqlite_database, event_id) == [(KEPT, KEPT)]
    assert _fridays_meeting_after_moving_the_series_back(sqlite_database, event_id)


def test_reverting_putting_back_a_kept_move_restores_it(database: Database) -> None:
    event_id = _series_moved_to_the_move(database)
    series.set_meeting(database, event_id, KEPT, None, _version(database, event_id))
    assert _changes(database, event_id) == []
    with database.reading() as session:
        put_back = session.scalars(
            select(Change.id)
            .where(Change.record_table == OccurrenceOverride.__tablename__)
            .order_by(Change.id.desc())
            .limit(1)
        ).one()

    history.revert_change(database, put_back)

    assert _changes(database, event_id) == [(KEPT, KEPT)]
    assert _fridays_meeting_after_moving_the_series_back(database, event_id)
