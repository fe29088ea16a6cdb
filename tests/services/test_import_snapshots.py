"""An import keeps each event it updates as it was, read for them all at once.

Undoing the import puts each event back from that copy, one after another: each copy
must hold all that deleting its event alone would take (a conference's copy its
sessions, though they are updated too), or an undo would lose a session.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Event
from cpp_scheduler.model.event import EventKind
from cpp_scheduler.services import calendar_import, editing, removal
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.editing import StaleRecordError
from cpp_scheduler.store import Database

FORUM = datetime(2027, 4, 5, 0, 0, tzinfo=UTC)


def _comparable(snapshot: dict[str, Any]) -> tuple[Any, ...]:
    rows = sorted(repr((table, sorted(row.items()))) for table, row in snapshot["rows"])
    cleared = sorted(repr(entry) for entry in snapshot["cleared"])
    return snapshot["model"], snapshot["record_id"], snapshot["title"], rows, cleared


def test_the_copies_read_together_are_each_what_deleting_its_event_alone_takes(
    database: Database,
) -> None:
    load_demo(database)
    with database.session() as session:
        ids = [str(i) for i in session.scalars(select(Event.id).order_by(Event.title))]
        assert session.scalar(select(Event.id).where(Event.parent_id.is_not(None)))
    alone = {}
    with database.session() as session:
        for event_id in ids:
            alone[event_id] = removal.delete_record(session, Event, event_id)
            session.rollback()

    with database.reading() as session:
        together = removal.snapshots_of(session, Event, ids)

    assert list(together) == ids
    for event_id in ids:
        assert _comparable(together[event_id]) == _comparable(alone[event_id])


def _calendar(*events: tuple[str, str, int]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//A colleague//EN"]
    for uid, title, hour in events:
        start = FORUM + timedelta(hours=hour)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "SEQUENCE:5",
            "DTSTAMP:20270101T000000Z",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{title}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_undoing_an_import_that_updated_a_conference_and_its_sessions_puts_all_back(
    database: Database,
) -> None:
    forum = editing.create(
        database,
        Event,
        {
            "title": "Resilience forum",
            "kind": EventKind.CONFERENCE,
            "start_utc": FORUM,
            "end_utc": FORUM + timedelta(hours=8),
        },
    )
    panels = [
        editing.create(
            database,
            Event,
            {
                "title": f"Panel {number}",
                "parent_id": forum,
                "start_utc": FORUM + timedelta(hours=number),
                "end_utc": FORUM + timedelta(hours=number + 1),
            },
        )
        for number in (1, 2)
    ]
    with database.session() as session:
        uids = {str(i): str(uid) for i, uid in session.execute(select(Event.id, Event.uid))}
    parsed = read_calendar(
        _calendar(
            (uids[forum], "Resilience forum (revised)", 0),
            (uids[panels[0]], "Panel 1 (revised)", 1),
            (uids[panels[1]], "Panel 2 (revised)", 3),
        ),
        "colleague.ics",
    )
    _report, undo = calendar_import.import_undoably(database, parsed)
    assert sorted(undo.updated) == sorted([forum, *panels])

    calendar_import.undo_import(database, undo)

    with database.session() as session:
        held = {
            title: (parent, start)
            for title, parent, start in session.execute(
                select(Event.title, Event.parent_id, Event.start_utc)
            )
        }
    assert held == {
        "Resilience forum": (None, FORUM),
        "Panel 1": (forum, FORUM + timedelta(hours=1)),
        "Panel 2": (forum, FORUM + timedelta(hours=2)),
    }

    calendar_import.redo_import(database, undo)

    with database.session() as session:
        titles = sorted(session.scalars(select(Event.title)))
    assert titles == ["Panel 1 (revised)", "Panel 2 (revised)", "Resilience forum (revised)"]

    calendar_import.undo_import(database, undo)  # and again: each step left what it says

    with database.session() as session:
        titles = sorted(session.scalars(select(Event.title)))
    assert titles == ["Panel 1", "Panel 2", "Resilience forum"]


def _forum_with_panel(database: Database) -> tuple[str, str, dict[str, str]]:
    forum = editing.create(
        database,
        Event,
        {
            "title": "Resilience forum",
            "kind": EventKind.CONFERENCE,
            "start_utc": FORUM,
            "end_utc": FORUM + timedelta(hours=8),
        },
    )
    panel = editing.create(
        database,
        Event,
        {
            "title": "Panel",
            "parent_id": forum,
            "start_utc": FORUM + timedelta(hours=1),
            "end_utc": FORUM + timedelta(hours=2),
        },
    )
    with database.session() as session:
        uids = {str(i): str(uid) for i, uid in session.execute(select(Event.id, Event.uid))}
    return forum, panel, uids


def _renamed_by_a_colleague(database: Database, panel: str) -> None:
    held = editing.stored(database, Event, panel)
    editing.change(database, Event, panel, {"title": "Panel (colleague)"}, held.version)


def test_undoing_an_import_of_a_conference_keeps_a_colleagues_later_change_of_its_session(
    database: Database,
) -> None:
    """The import updated the forum alone; a colleague then renamed its panel. Putting
    the forum back as it was would put the panel back too: refused, nothing changed."""
    forum, panel, uids = _forum_with_panel(database)
    parsed = read_calendar(_calendar((uids[forum], "Resilience forum (revised)", 0)), "c.ics")
    _report, undo = calendar_import.import_undoably(database, parsed)
    _renamed_by_a_colleague(database, panel)

    with pytest.raises(StaleRecordError, match="'Panel \\(colleague\\)' was changed by somebody"):
        calendar_import.undo_import(database, undo)

    with database.session() as session:
        titles = sorted(session.scalars(select(Event.title)))
    assert titles == ["Panel (colleague)", "Resilience forum (revised)"]


def test_redoing_an_import_of_a_conference_keeps_a_colleagues_later_change_of_its_session(
    database: Database,
) -> None:
    forum, panel, uids = _forum_with_panel(database)
    parsed = read_calendar(_calendar((uids[forum], "Resilience forum (revised)", 0)), "c.ics")
    _report, undo = calendar_import.import_undoably(database, parsed)
    calendar_import.undo_import(database, undo)
    _renamed_by_a_colleague(database, panel)

    with pytest.raises(StaleRecordError, match="'Panel \\(colleague\\)' was changed by somebody"):
        calendar_import.redo_import(database, undo)

    with database.session() as session:
        titles = sorted(session.scalars(select(Event.title)))
    assert titles == ["Panel (colleague)", "Resilience forum"]


def _followed(touched: list[editing.Touched], record_id: str, version: int) -> int:
    """Where a window following a step's ``touched`` takes ``version`` of a record: the
    version it then counts as its own."""
    steps = {(t.record_id, t.found): t.left for t in touched}
    while (following := steps.get((record_id, version))) is not None:
        version = following
    return version


def test_undo_and_redo_of_an_import_that_updated_a_session_alone_report_its_conference(
    database: Database,
) -> None:
    """Taking the panel back out of the forum and filing it there again raises the
    forum's version. The window counts that as its own only if the step reports it;
    otherwise a dialog open on the forum is refused as if a colleague had changed it."""
    forum, panel, uids = _forum_with_panel(database)
    parsed = read_calendar(_calendar((uids[panel], "Panel (revised)", 1)), "c.ics")
    _report, undo = calendar_import.import_undoably(database, parsed)
    assert undo.updated == [panel]

    for step in (calendar_import.undo_import, calendar_import.redo_import):
        before = editing.stored(database, Event, forum).version
        step(database, undo)
        after = editing.stored(database, Event, forum).version
        assert after > before
        assert _followed(undo.touched, forum, before) == after
