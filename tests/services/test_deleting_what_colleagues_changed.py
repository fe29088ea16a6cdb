"""A deletion never takes along, or clears, what a colleague did since it was asked.

Aiko and Kenji work on one program, on each backend. Aiko's window asks before a
deletion what it takes along (the question, ``removal.to_delete``) and deletes once she
confirms; an undo of her import deletes the events it made. Whatever Kenji did in
between (a session filed under the conference, a session of one of its sessions, an
invitation sent) refuses the deletion with the refusal of any save over a colleague's
change, and his work stays. Kenji saving a change that the deletion would clear while
it is under way is either seen by it or told it was refused, never cleared unseen.
"""

from __future__ import annotations

import contextlib
import json
import queue
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.mail.transports import OutboxTransport
from cpp_scheduler.model import Event, EventKind, EventStatus, Participant, PartnerCity, Venue
from cpp_scheduler.programfile import export_program, import_program
from cpp_scheduler.services import calendar_import, editing, history, invitations, removal
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import ConcurrentEditError, Database, StoreError, open_database
from tests.colleagues import colleague_saves_after_first_query, colleagues
from tests.services.stored_records import exists

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)
SENDER = Organizer("TDLC CPP team", "cpp@tdlc.example.org")


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


def _forum_imported(database: Database, uid: str) -> tuple[calendar_import.ImportUndo, str]:
    """Aiko's import of Kobe's calendar, which makes the forum: its undo and the forum."""
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kobe city//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART:20270112T010000Z\r\nDTEND:20270112T090000Z\r\n"
        "SUMMARY:Kobe resilience forum\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    _report, undo = calendar_import.import_undoably(database, read_calendar(calendar, "kobe.ics"))
    (forum,) = undo.created
    return undo, forum


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
    undo, forum = _forum_imported(aiko, "forum-kobe-1@example.org")
    panel = _event(kenji, "Kenji's panel", parent_id=forum)

    with pytest.raises(ConcurrentEditError, match="changed by somebody else since the import"):
        calendar_import.undo_import(aiko, undo)

    assert exists(aiko, Event, forum)
    assert editing.stored(aiko, Event, panel).values["parent_id"] == forum


def test_a_session_a_program_file_files_under_an_imported_event_refuses_the_undo_too(
    aiko: Database, kenji: Database, tmp_path: Path
) -> None:
    """Kenji's program file brings a panel under the forum Aiko's calendar import made:
    written in bulk, it raises the forum's version as a save of it would, so Aiko's undo
    of her import is refused rather than taking his panel with the forum."""
    undo, forum = _forum_imported(aiko, "forum-kobe-2@example.org")
    export_program(kenji, tmp_path / "program.json")
    document = json.loads((tmp_path / "program.json").read_text(encoding="utf-8"))
    held = next(event for event in document["events"] if event["id"] == forum)
    panel = str(uuid.uuid4())
    document["events"].append(
        {
            **held,
            "id": panel,
            "uid": f"{panel}@example.org",
            "title": "Kenji's panel",
            "parent": forum,
        }
    )
    (tmp_path / "program.json").write_text(json.dumps(document), encoding="utf-8")
    import_program(kenji, tmp_path / "program.json")

    with pytest.raises(ConcurrentEditError, match="changed by somebody else since the import"):
        calendar_import.undo_import(aiko, undo)

    assert editing.stored(aiko, Event, panel).values["parent_id"] == forum
    entries = history.read_history_of(aiko, forum).entries
    assert "sessions" in [field.name for entry in entries for field in entry.fields]


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


def test_a_deletion_is_refused_when_a_session_of_a_session_was_filed_since_the_question(
    aiko: Database, kenji: Database
) -> None:
    forum = _event(aiko, "Resilience forum", 8, kind=EventKind.CONFERENCE)
    track = _event(aiko, "Flood track", 4, parent_id=forum)
    found = removal.to_delete(aiko, Event, forum)
    assert [along.title for along in found.along] == ["Flood track"]
    talk = _event(kenji, "Kenji's talk", parent_id=track)  # the forum itself is unchanged
    assert editing.stored(aiko, Event, forum).version == found.version

    with pytest.raises(ConcurrentEditError) as refused:
        removal.delete(aiko, Event, forum, found.version, reached=found.reach)

    assert str(refused.value) == (
        "what deleting event 'Resilience forum' takes along was changed by somebody else "
        "since you were asked (a session filed under it, an invitation sent); nothing was "
        "deleted; delete it again to see what it takes now"
    )
    assert editing.stored(aiko, Event, talk).values["parent_id"] == track
    # Asked again, the question names the talk, and the deletion goes as asked.
    again = removal.to_delete(aiko, Event, forum)
    removal.delete(aiko, Event, forum, again.version, reached=again.reach)
    assert not exists(aiko, Event, talk)


def test_a_deletion_is_refused_when_an_invitation_was_sent_since_the_question(
    aiko: Database, kenji: Database, tmp_path: Path
) -> None:
    maya = editing.create(aiko, Participant, {"name": "Maya Chen", "email": "maya@example.org"})
    briefing = _event(aiko, "Port briefing", participant_ids=[maya])
    found = removal.to_delete(aiko, Event, briefing)
    assert found.standing.participants == 0  # nothing sent yet: nobody's calendar holds it
    with kenji.reading() as session:
        uid = session.scalars(select(Event.uid).where(Event.id == briefing)).one()
    plan = invitations.plan_invitations(kenji, EventScope(uid), SENDER)
    sent = invitations.send_batch(kenji, plan.to_send, OutboxTransport(tmp_path / "outbox"))
    assert len(sent.sent) == 1

    with pytest.raises(ConcurrentEditError, match="takes along was changed by somebody else"):
        removal.delete(aiko, Event, briefing, found.version, reached=found.reach)

    assert exists(aiko, Event, briefing)
    assert removal.to_delete(aiko, Event, briefing).standing.participants == 1


# -- a colleague's save while the deletion is under way -------------------------------------


def _place_at_venue(url: str, event_id: str, venue_id: str, told: Any) -> None:
    """Kenji puts the event at the venue; says when he saves, then how it went."""
    database = open_database(url, author="Kenji")
    try:
        version = editing.stored(database, Event, event_id).version
        told.put("saving")
        try:
            editing.change(database, Event, event_id, {"venue_id": venue_id}, version)
        except StoreError as error:
            told.put(f"refused: {error}")
        else:
            told.put("saved")
    finally:
        database.close()


def test_a_venue_a_colleague_gives_an_event_while_it_is_deleted_is_never_cleared_unseen(
    aiko: Database, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with aiko.reading() as session:
        kobe = session.scalars(select(PartnerCity.id).where(PartnerCity.name == "Kobe")).one()
    hall = editing.create(aiko, Venue, {"name": "Hall R", "city_id": kobe, "locality": "Kobe"})
    workshop = _event(aiko, "Port workshop")
    context = colleagues()
    told = context.Queue()
    kenji = context.Process(target=_place_at_venue, args=(database_url, workshop, hall, told))
    outcome: list[str] = []
    gather = removal._gather

    def kenji_saves_meanwhile(*arguments: Any, **options: Any) -> Any:
        # Aiko's deletion has read what refers to the venue: Kenji saves now, and his
        # save is done within a few seconds unless the deletion holds it back.
        found = gather(*arguments, **options)
        kenji.start()
        assert told.get(timeout=60) == "saving"
        with contextlib.suppress(queue.Empty):  # held back until Aiko's deletion ends
            outcome.append(told.get(timeout=3))
        return found

    monkeypatch.setattr(removal, "_gather", kenji_saves_meanwhile)
    removal.delete(aiko, Venue, hall)
    monkeypatch.undo()
    if not outcome:
        outcome.append(told.get(timeout=60))
    kenji.join(timeout=60)

    # Kenji was told his save did not go through: the venue was deleted meanwhile.
    assert outcome[0].startswith("refused: ")
    stored = editing.stored(aiko, Event, workshop)
    assert (stored.values["venue_id"], stored.version) == (None, 1)
    assert [entry.author for entry in history.history_of(aiko, workshop)] == ["Aiko"]


def test_a_rename_landing_while_an_import_is_undone_is_refused_or_refuses_it(
    aiko: Database, database_url: str
) -> None:
    """Kenji renames the forum Aiko's import made just as her undo has begun: the undo
    holds the import's events before it checks their versions, so either his rename
    waits and is refused (the database is busy), or it came first and refuses the undo.
    Never both: a renamed forum deleted unseen."""
    undo, forum = _forum_imported(aiko, "forum-kobe-3@example.org")
    kenji = open_database(database_url, author="Kenji", timeout=1)
    version = editing.stored(kenji, Event, forum).version
    renamed: list[BaseException | None] = []

    def rename() -> None:
        try:
            editing.change(kenji, Event, forum, {"title": "Kobe forum (Kenji's)"}, version)
        except StoreError as refusal:
            renamed.append(refusal)
        else:
            renamed.append(None)

    try:
        with colleague_saves_after_first_query(aiko, rename):
            try:
                calendar_import.undo_import(aiko, undo)
                undone = True
            except ConcurrentEditError:
                undone = False
    finally:
        kenji.close()

    assert len(renamed) == 1
    assert undone != (renamed[0] is None)
    assert exists(aiko, Event, forum) == (not undone)


# -- a conference cancelled while a colleague deletes one of its sessions ------------------


def _sessions_read(statement: str) -> bool:
    """Whether a statement reads the sessions filed under an event: what a cancellation
    reads to raise each session's SEQUENCE."""
    return statement.lstrip().upper().startswith("SELECT") and "= events.parent_id" in statement


@pytest.mark.parametrize("session_first", [True, False], ids=["session-id-lower", "higher"])
def test_cancelling_a_conference_whose_session_a_colleague_deletes_meanwhile_names_the_conference(
    aiko: Database, kenji: Database, session_first: bool
) -> None:
    """Aiko cancels the forum; her save has read its sessions, to tell their
    participants they are off too, when Kenji's deletion of the Kobe panel lands. Her
    cancellation is refused, whichever row the database refuses first (the panel's, or
    the forum's, whose version the deletion raised): the line names the forum she
    cancelled and says that the panel, one of its sessions, was deleted meanwhile, not
    that the panel she never opened was changed."""
    low, high = "00000000-0000-4000-8000-000000000001", "ffffffff-ffff-4fff-bfff-ffffffffffff"
    start = {"start_utc": START, "end_utc": START + timedelta(hours=8)}
    forum = editing.create(
        aiko,
        Event,
        {"title": "Resilience forum", "kind": EventKind.CONFERENCE, **start},
        high if session_first else low,
    )
    panel = editing.create(
        aiko,
        Event,
        {"title": "Kobe panel", "parent_id": forum, **start},
        low if session_first else high,
    )
    _event(aiko, "Toyama panel", parent_id=forum)
    forum_read = editing.stored(aiko, Event, forum).version
    panel_read = editing.stored(kenji, Event, panel).version

    with (
        colleague_saves_after_first_query(
            aiko, lambda: removal.delete(kenji, Event, panel, panel_read), _sessions_read
        ) as deleted,
        pytest.raises(ConcurrentEditError) as refused,
    ):
        editing.change(aiko, Event, forum, {"status": EventStatus.CANCELLED}, forum_read)

    assert deleted.is_set()
    assert str(refused.value) == (
        "event 'Resilience forum' was not saved: event 'Kobe panel', one of its sessions, "
        "was deleted by someone else meanwhile; reload it and apply your change again"
    )
    assert refused.value.record == "event 'Resilience forum'"
    assert not exists(aiko, Event, panel)
    assert editing.stored(aiko, Event, forum).values["status"] is not EventStatus.CANCELLED
