"""Undoing or redoing an import never overwrites a colleague's later change.

The window keeps the events an import replaced, to put them back on undo. A colleague
who moved one of them since would lose the move to that older copy: the undo (and the
redo) is refused with one line, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy import select

from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_import, editing
from cpp_scheduler.store import ConcurrentEditError, Database, StoreError

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


def _new_events(count: int, uid: str = "partner-{n}@example.org") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//A partner city//EN"]
    for n in range(count):
        start = NINE + timedelta(hours=2 * n)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid.format(n=n)}",
            "DTSTAMP:20270101T000000Z",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:Site visit {n}",
            f"ATTENDEE;CN=Guest {n % 3}:mailto:guest{n % 3}@example.org",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


@contextmanager
def _statements(database: Database) -> Iterator[list[str]]:
    """Every statement the database is sent in the block (a batch of rows counts once)."""
    sent: list[str] = []

    def note(_connection: object, _cursor: object, statement: str, *_rest: object) -> None:
        sent.append(statement)

    sqlalchemy_event.listen(database.engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        sqlalchemy_event.remove(database.engine, "before_cursor_execute", note)


def test_taking_back_and_making_again_a_large_import_reads_a_table_at_a_time(
    database: Database,
) -> None:
    """Undo and redo of an import of 600 events (the window's Ctrl+Z, Ctrl+Y) send a few
    statements per table, as many for 600 events as for 60: one or more per event made
    undoing a 100,000-event import take most of an hour."""
    counts = []
    for size in (60, 600):
        parsed = read_calendar(_new_events(size, f"size-{size}-{{n}}@example.org"), "p.ics")
        _report, undo = calendar_import.import_undoably(database, parsed)
        with _statements(database) as undoing:
            calendar_import.undo_import(database, undo)
        with _statements(database) as redoing:
            calendar_import.redo_import(database, undo)
        counts.append((len(undoing), len(redoing)))
        with database.session() as session:
            titles = session.scalars(select(Event.title).where(Event.uid.like(f"size-{size}-%")))
            assert len(set(titles)) == size  # all back, once each
    (undo_small, redo_small), (undo_large, redo_large) = counts
    assert undo_large <= undo_small + 20
    assert redo_large <= redo_small + 20


def test_a_redo_whose_calendar_uid_a_colleague_has_used_since_names_it_and_changes_nothing(
    database: Database,
) -> None:
    parsed = read_calendar(_new_events(3), "partners.ics")
    _report, undo = calendar_import.import_undoably(database, parsed)
    calendar_import.undo_import(database, undo)
    # Before the undone import is made again, a colleague imports the partner city's
    # file again: its first two events are in the program once more.
    again = read_calendar(_new_events(2, "partner-{n}@example.org"), "again.ics")
    calendar_import.import_undoably(database, again)

    with pytest.raises(StoreError) as refused:
        calendar_import.redo_import(database, undo)

    assert str(refused.value).startswith(
        "the event 'Site visit 0' cannot be put back: 'partner-0@example.org' is now used "
        "by another event in "
    )
    with database.session() as session:
        assert sorted(session.scalars(select(Event.title))) == ["Site visit 0", "Site visit 1"]
