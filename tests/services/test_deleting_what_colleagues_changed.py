"""A deletion never takes along what a colleague filed under a record since.

Aiko and Kenji work on one program, on each backend. Filing a session under a
conference, or taking one from it, is a change of the conference: its version rises and
its history says so. Whatever Aiko then deletes at the version she read (a deletion she
was asked about, an undo of her import) is refused with the refusal of any save over a
colleague's change, and Kenji's session stays.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.services import calendar_import, editing, history, removal
from cpp_scheduler.store import ConcurrentEditError, Database, open_database

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


@pytest.fixture
def aiko(database: Database, database_url: str) -> Iterator[Database]:
    store = open_database(database_url, author="Aiko")
    yield store
    store.close()


@pytest.fixture
def kenji(database: Database, database_url: str) -> Iterator[Database]:
    store = open_database(database_url, author="Kenji")
    yield store
    store.close()


def _event(database: Database, title: str, hours: int = 1, **values: Any) -> str:
    return editing.create(
        database,
        Event,
        {"title": title, "start_utc": START, "end_utc": START + timedelta(hours=hours), **values},
    )


def _exists(database: Database, model: type, record_id: str) -> bool:
    try:
        editing.stored(database, model, record_id)
    except editing.RecordNotFoundError:
        return False
    return True


# -- a session filed under a conference is a change of the conference ---------------------


def test_filing_a_session_under_a_conference_raises_its_version_and_its_history_says_so(
    aiko: Database, kenji: Database
) -> None:
    forum = _event(aiko, "Resilience forum", 8, kind=EventKind.CONFERENCE)
    panel = _event(kenji, "Kenji's panel", parent_id=forum)

    assert editing.stored(aiko, Event, forum).version == 2
    newest = history.history_of(aiko, forum)[-1]
    assert (newest.author, newest.action, newest.version) == ("Kenji", "changed", 2)
    ((sessions),) = newest.fields
    assert (sessions.name, sessions.old, sessions.new) == ("sessions", [], [panel])
    assert (sessions.old_text, sessions.new_text) == (None, "Kenji's panel")
    assert newest.refusal == (
        "nothing to revert: event 'Resilience forum' changed here only by a session filed "
        "under it or taken from it; revert that session's change instead"
    )

    # Filed elsewhere, the session leaves one conference and joins another: both rise.
    summit = _event(aiko, "Water summit", 8, kind=EventKind.CONFERENCE)
    saved = editing.change(kenji, Event, panel, {"parent_id": summit}, 1)
    assert editing.stored(aiko, Event, forum).version == 3
    assert editing.stored(aiko, Event, summit).version == 2
    assert {(touched.record_id, touched.found, touched.left) for touched in saved.touched} == {
        (forum, 2, 3),
        (summit, 1, 2),
    }

    # Deleted alone, it is taken from its conference; brought back, filed there again.
    deleted = removal.delete(kenji, Event, panel)
    assert [(t.record_id, t.found, t.left) for t in deleted.touched] == [(summit, 2, 3)]
    restored = removal.restore(kenji, Event, deleted.snapshot)
    assert [(t.record_id, t.found, t.left) for t in restored] == [(summit, 3, 4)]
    assert [field.new for field in history.history_of(aiko, summit)[-1].fields] == [[panel]]


def test_undoing_an_import_is_refused_when_a_colleague_filed_a_session_under_its_event(
    aiko: Database, kenji: Database
) -> None:
    calendar = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kobe city//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:forum-kobe-1@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
        b"DTSTART:20270112T010000Z\r\nDTEND:20270112T090000Z\r\n"
        b"SUMMARY:Kobe resilience forum\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    _report, undo = calendar_import.import_undoably(aiko, read_calendar(calendar, "kobe.ics"))
    (forum,) = undo.created
    panel = _event(kenji, "Kenji's panel", parent_id=forum)

    with pytest.raises(ConcurrentEditError, match="changed by somebody else since the import"):
        calendar_import.undo_import(aiko, undo)

    assert _exists(aiko, Event, forum)
    assert editing.stored(aiko, Event, panel).values["parent_id"] == forum


# -- what the question read is what the deletion takes -------------------------------------


def test_a_deletion_is_refused_when_a_session_was_filed_under_the_conference_since_the_question(
    aiko: Database, kenji: Database
) -> None:
    forum = _event(aiko, "Resilience forum", 8, kind=EventKind.CONFERENCE)
    found = removal.to_delete(aiko, Event, forum)
    assert found.along == ()
    panel = _event(kenji, "Kenji's panel", parent_id=forum)

    # The conference's version alone refuses it: filing the panel raised it.
    with pytest.raises(ConcurrentEditError, match="changed by somebody else since you opened"):
        removal.delete(aiko, Event, forum, found.version)

    assert editing.stored(aiko, Event, panel).values["parent_id"] == forum
