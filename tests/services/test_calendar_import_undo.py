"""Undoing or redoing an import never overwrites a colleague's later change.

The window keeps the events an import replaced, to put them back on undo. A colleague
who moved one of them since would lose the move to that older copy: the undo (and the
redo) is refused with one line, and nothing changes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_import, editing
from cpp_scheduler.store import ConcurrentEditError, Database

NINE = datetime(2027, 4, 5, 0, 0, tzinfo=UTC)


def _update(uid: str, title: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//A colleague//EN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "SEQUENCE:5",
        "DTSTAMP:20270101T000000Z",
        "DTSTART:20270405T000000Z",
        "DTEND:20270405T010000Z",
        f"SUMMARY:{title}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


@pytest.fixture
def workshop(database: Database) -> str:
    return editing.create(
        database,
        Event,
        {"title": "Kobe workshop", "start_utc": NINE, "end_utc": NINE + timedelta(hours=1)},
    )


def _uid(database: Database, event_id: str) -> str:
    with database.session() as session:
        return str(session.scalar(select(Event.uid).where(Event.id == event_id)))


def _title(database: Database, event_id: str) -> str:
    return str(editing.stored(database, Event, event_id).values["title"])


def test_an_undo_after_a_colleagues_change_is_refused_and_changes_nothing(
    database: Database, workshop: str
) -> None:
    parsed = read_calendar(_update(_uid(database, workshop), "Kobe DRR workshop"), "update.ics")
    _report, undo = calendar_import.import_undoably(database, parsed)
    version = editing.stored(database, Event, workshop).version
    editing.change(database, Event, workshop, {"title": "Kobe DRR workshop, room B"}, version)

    with pytest.raises(ConcurrentEditError) as refused:
        calendar_import.undo_import(database, undo)

    assert "\n" not in str(refused.value)
    assert "changed by somebody else since the import" in str(refused.value)
    assert _title(database, workshop) == "Kobe DRR workshop, room B"


def test_an_undo_then_a_redo_still_work_when_nobody_else_changed_anything(
    database: Database, workshop: str
) -> None:
    parsed = read_calendar(_update(_uid(database, workshop), "Kobe DRR workshop"), "update.ics")
    _report, undo = calendar_import.import_undoably(database, parsed)

    calendar_import.undo_import(database, undo)
    assert _title(database, workshop) == "Kobe workshop"
    calendar_import.redo_import(database, undo)
    assert _title(database, workshop) == "Kobe DRR workshop"
    calendar_import.undo_import(database, undo)
    assert _title(database, workshop) == "Kobe workshop"


def test_a_redo_after_a_colleagues_change_is_refused_and_changes_nothing(
    database: Database, workshop: str
) -> None:
    parsed = read_calendar(_update(_uid(database, workshop), "Kobe DRR workshop"), "update.ics")
    _report, undo = calendar_import.import_undoably(database, parsed)
    calendar_import.undo_import(database, undo)
    version = editing.stored(database, Event, workshop).version
    editing.change(database, Event, workshop, {"title": "Kobe workshop, moved"}, version)

    with pytest.raises(ConcurrentEditError):
        calendar_import.redo_import(database, undo)

    assert _title(database, workshop) == "Kobe workshop, moved"


def test_a_save_read_before_the_import_is_refused_after_its_undo(
    database: Database, workshop: str
) -> None:
    # A colleague opened the workshop before the import; the import and its undo each
    # leave a newer version, so the colleague's save meets a change, never an old number.
    read_before = editing.stored(database, Event, workshop).version
    parsed = read_calendar(_update(_uid(database, workshop), "Kobe DRR workshop"), "update.ics")
    _report, undo = calendar_import.import_undoably(database, parsed)
    imported = editing.stored(database, Event, workshop).version

    calendar_import.undo_import(database, undo)
    undone = editing.stored(database, Event, workshop).version
    with pytest.raises(ConcurrentEditError):
        editing.change(database, Event, workshop, {"title": "Kobe, room C"}, read_before)
    calendar_import.redo_import(database, undo)
    redone = editing.stored(database, Event, workshop).version

    assert (read_before or 0) < (imported or 0) < (undone or 0) < (redone or 0)
    assert _title(database, workshop) == "Kobe DRR workshop"
    calendar_import.undo_import(database, undo)
    assert _title(database, workshop) == "Kobe workshop"


def test_an_undo_and_a_redo_are_each_one_change_in_the_history(
    database: Database, workshop: str
) -> None:
    """The history reads as what happened: the import renamed the workshop, its undo
    named it back, the redo renamed it again; each a change with the title's before and
    after, never a deletion of a workshop that is still there."""
    from cpp_scheduler.services.history import history_of

    parsed = read_calendar(_update(_uid(database, workshop), "Kobe DRR workshop"), "update.ics")
    _report, undo = calendar_import.import_undoably(database, parsed)
    calendar_import.undo_import(database, undo)
    calendar_import.redo_import(database, undo)

    entries = history_of(database, workshop)
    assert [entry.action for entry in entries] == ["created", "changed", "changed", "changed"]
    titles = [
        next((f.old, f.new) for f in entry.fields if f.name == "title") for entry in entries[1:]
    ]
    assert titles == [
        ("Kobe workshop", "Kobe DRR workshop"),
        ("Kobe DRR workshop", "Kobe workshop"),
        ("Kobe workshop", "Kobe DRR workshop"),
    ]
    versions = [entry.version for entry in entries]
    assert versions == sorted(versions)
    assert versions[-1] == editing.stored(database, Event, workshop).version
