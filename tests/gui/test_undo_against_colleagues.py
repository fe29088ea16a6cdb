"""Undo and Redo in a window never take a colleague's change away, and say so.

The colleague is another process on the same SQLite file, as a coordinator next door
would be. What is checked is what the coordinator notices: the colleague's values still
in the program, the step still where it was on the stack, and the one line the window
shows.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from gui_support import JANUARY_NINE_TOKYO, DialogScript, Messages, rows_read
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.commands import CreateRecord, RecordCommand
from cpp_scheduler.gui.live import start_live_refresh
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.commands import GroupCommand
from cpp_scheduler.mail.transports import OutboxTransport
from cpp_scheduler.model import Delegation, Event, Participant, Venue
from cpp_scheduler.services import editing, invitations, removal
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database, open_database
from tests.colleagues import as_colleague
from tests.mail.helpers import SENDER


def _kenji_changes_or_deletes(path: str, event_id: str, *change: str) -> None:
    """Kenji saves the event's ``field=value`` changes, or deletes it if told "delete"."""
    database = open_database(path, author="Kenji")
    if change == ("delete",):
        removal.delete(database, Event, event_id)
    else:
        values = dict(item.split("=", 1) for item in change)
        version = editing.stored(database, Event, event_id).version
        editing.change(database, Event, event_id, values, version)
    database.close()


def colleague(database: Database, event_id: str, *change: str) -> None:
    """Kenji, in a process of his own, changes (``field=value``) or deletes the event."""
    as_colleague(_kenji_changes_or_deletes, str(database.url.database), event_id, *change)


def stored(database: Database, event_id: str) -> editing.StoredRecord | None:
    try:
        return editing.stored(database, Event, event_id)
    except editing.RecordNotFoundError:
        return None


def _kobe(database: Database) -> str:
    with database.session() as session:
        return str(session.query(Event).filter_by(title="Kobe DRR workshop").one().id)


def _create(window: MainWindow, dialogs: DialogScript) -> str:
    dialogs.answers.append(
        {
            "title": "New workshop",
            "start_utc": JANUARY_NINE_TOKYO + timedelta(days=2),
            "end_utc": JANUARY_NINE_TOKYO + timedelta(days=2, hours=1),
        }
    )
    window.create_record("event")
    rows_read(window)
    command = window.editor.stack.command(0)
    assert isinstance(command, RecordCommand)
    return command.record_id


def test_undo_of_a_creation_a_colleague_edited_since_is_refused(
    window: MainWindow, program: Database, dialogs: DialogScript, messages: Messages
) -> None:
    new = _create(window, dialogs)
    colleague(program, new, "notes=Kenji booked the interpreters")

    window.undo_action.trigger()
    rows_read(window)

    kept = stored(program, new)
    assert kept is not None, "the undo deleted the event Kenji had edited"
    assert kept.values["notes"] == "Kenji booked the interpreters"
    assert messages.errors == [
        (
            "Cannot undo",
            "Could not undo create event 'New workshop': event 'New workshop' was changed "
            "by somebody else in the meantime",
        )
    ]
    assert window.editor.stack.index() == 1  # still done, as in the program
    assert not window.redo_action.isEnabled()


def test_undo_of_a_creation_whose_invitations_went_since_is_refused(
    window: MainWindow,
    program: Database,
    dialogs: DialogScript,
    messages: Messages,
    tmp_path: Path,
) -> None:
    person_id = editing.create(
        program, Participant, {"name": "Ana Quispe", "email": "ana@lima.example.org"}
    )
    dialogs.answers.append(
        {
            "title": "New workshop",
            "start_utc": JANUARY_NINE_TOKYO + timedelta(days=2),
            "end_utc": JANUARY_NINE_TOKYO + timedelta(days=2, hours=1),
            "participant_ids": [person_id],
        }
    )
    window.create_record("event")
    rows_read(window)
    with program.reading() as session:
        uid = session.scalar(select(Event.uid).where(Event.title == "New workshop"))
    plan = invitations.plan_invitations(program, EventScope(str(uid)), SENDER)
    assert len(invitations.send_batch(program, plan.to_send, OutboxTransport(tmp_path)).sent)

    window.undo_action.trigger()
    rows_read(window)

    assert messages.errors == [
        (
            "Cannot undo",
            "Could not undo create event 'New workshop': invitations to event 'New "
            "workshop' sent since still stand for 1 participant; nothing was changed: "
            "cancel it and send updates to call it off",
        )
    ]
    assert window.editor.stack.index() == 1  # still done, as in the program


def test_redo_of_a_deletion_a_colleague_edited_after_its_undo_is_refused(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    kobe = _kobe(program)
    window.delete_record("event", kobe, "Kobe DRR workshop")
    rows_read(window)
    assert stored(program, kobe) is None
    window.undo_action.trigger()
    rows_read(window)
    assert stored(program, kobe) is not None
    colleague(program, kobe, "notes=Kenji: moved to room 3")

    window.redo_action.trigger()
    rows_read(window)

    kept = stored(program, kobe)
    assert kept is not None, "the redo deleted the event Kenji had edited"
    assert kept.values["notes"] == "Kenji: moved to room 3"
    assert messages.errors == [
        (
            "Cannot redo",
            "Could not redo delete event 'Kobe DRR workshop': event 'Kobe DRR workshop' was "
            "changed by somebody else in the meantime",
        )
    ]
    assert window.events.row_of(kobe) >= 0
    assert window.editor.stack.index() == 0  # still undone, as in the program


def _kenji_books(path: str, event_id: str, venue_id: str) -> None:
    database = open_database(path, author="Kenji")
    version = editing.stored(database, Event, event_id).version
    editing.change(database, Event, event_id, {"venue_id": venue_id}, version)
    database.close()


def test_redo_of_a_venues_deletion_after_a_colleague_booked_it_is_refused(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    """Kenji books the room for his event between the undo and the redo: the redo would
    take the room from his event unasked, as the first deletion, asked now, would not."""
    kobe = _kobe(program)
    room = editing.create(program, Venue, {"name": "TDLC Meeting Room B", "locality": "Tokyo"})
    window.delete_record("venue", room, "TDLC Meeting Room B")
    rows_read(window)
    window.undo_action.trigger()
    rows_read(window)
    as_colleague(_kenji_books, str(program.url.database), kobe, room)

    window.redo_action.trigger()
    rows_read(window)

    assert editing.stored(program, Event, kobe).values["venue_id"] == room
    assert messages.errors == [
        (
            "Cannot redo",
            "Could not redo delete venue 'TDLC Meeting Room B': what deleting venue 'TDLC "
            "Meeting Room B' takes along was changed by somebody else in the meantime",
        )
    ]
    assert window.editor.stack.index() == 0  # still undone, as in the program


def test_redo_of_an_events_deletion_after_its_invitations_went_is_refused(
    window: MainWindow, program: Database, messages: Messages, tmp_path: Path
) -> None:
    """Invitations sent between the undo and the redo stand in the participants'
    calendars: the redo would take them out of the ledger and tell nobody."""
    kobe = _kobe(program)
    person_id = editing.create(
        program, Participant, {"name": "Ana Quispe", "email": "ana@lima.example.org"}
    )
    version = editing.stored(program, Event, kobe).version
    editing.change(program, Event, kobe, {"participant_ids": [person_id]}, version)
    rows_read(window)
    window.delete_record("event", kobe, "Kobe DRR workshop")
    rows_read(window)
    window.undo_action.trigger()
    rows_read(window)
    with program.reading() as session:
        uid = session.scalar(select(Event.uid).where(Event.id == kobe))
    plan = invitations.plan_invitations(program, EventScope(str(uid)), SENDER)
    assert len(invitations.send_batch(program, plan.to_send, OutboxTransport(tmp_path)).sent)

    window.redo_action.trigger()
    rows_read(window)

    assert stored(program, kobe) is not None, "the redo deleted an event invitations stand for"
    assert [title for title, _line in messages.errors] == ["Cannot redo"]
    assert window.editor.stack.index() == 0


def test_a_creation_and_an_edit_of_it_undo_and_redo_as_they_were(
    window: MainWindow, program: Database, dialogs: DialogScript, messages: Messages
) -> None:
    """The window's own steps on a record it created are its own: undone last first and
    redone, nothing is refused, and the record comes back with the later edit."""
    new = _create(window, dialogs)
    dialogs.answers.append({"title": "New workshop (Kobe)"})
    window.edit_record("event", new)
    rows_read(window)

    for _step in range(2):
        window.undo_action.trigger()
        rows_read(window)
    assert stored(program, new) is None
    for _step in range(2):
        window.redo_action.trigger()
        rows_read(window)
    back = stored(program, new)
    assert back is not None
    assert back.title == "New workshop (Kobe)"
    window.undo_action.trigger()
    rows_read(window)
    window.undo_action.trigger()
    rows_read(window)
    assert stored(program, new) is None
    assert messages.errors == []


def test_a_refused_undo_says_undo_and_no_advice_to_reload(
    window: MainWindow, program: Database, dialogs: DialogScript, messages: Messages
) -> None:
    new = _create(window, dialogs)
    colleague(program, new, "delete")

    window.undo_action.trigger()
    rows_read(window)

    assert messages.errors == [
        (
            "Cannot undo",
            "Could not undo create event 'New workshop': the event was deleted in the meantime",
        )
    ]


def test_a_program_file_moved_away_refuses_the_save_and_the_window_says_it_lost_it(
    window: MainWindow,
    program: Database,
    dialogs: DialogScript,
    messages: Messages,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    live = start_live_refresh(window)
    try:
        assert live.watcher.ready.wait(10)
        kobe = _kobe(program)
        path = Path(str(program.url.database))
        archive = tmp_path / "archive"
        archive.mkdir()
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{path}{suffix}").exists():
                shutil.move(f"{path}{suffix}", archive / f"{path.name}{suffix}")

        qtbot.waitUntil(lambda: live.label.isVisible(), timeout=5000)
        assert live.label.text() == (
            f"Lost {path}: the file was moved or deleted; nothing can be saved until it is back"
        )
        dialogs.answers.append({"title": "Kobe DRR workshop (saved after the move)"})
        window.edit_record("event", kobe)
        rows_read(window)
        qtbot.wait(1500)  # the conflict check and the watcher have had their turns

        assert messages.errors == [
            (
                "Cannot save",
                f"program.sqlite was moved or deleted from {path.parent}; nothing was saved",
            )
        ]
        assert not window.undo_action.isEnabled()
        assert not path.exists(), "a new, empty program was made where the file was"
        # The moved file still holds the program as it was.
        with sqlite3.connect(archive / path.name) as connection:
            titles = connection.execute("SELECT title FROM events WHERE id = ?", (kobe,))
            assert titles.fetchall() == [("Kobe DRR workshop",)]

        # Put back where it was: the window hears it, and saves again.
        for suffix in ("", "-wal", "-shm"):
            if (archive / f"{path.name}{suffix}").exists():
                shutil.move(archive / f"{path.name}{suffix}", f"{path}{suffix}")
        qtbot.waitUntil(lambda: not live.label.isVisible(), timeout=10_000)
    finally:
        live.stop()


def _kenji_deletes_the_delegation(path: str, delegation_id: str) -> None:
    """Kenji deletes the delegation."""
    database = open_database(path, author="Kenji")
    removal.delete(database, Delegation, delegation_id)
    database.close()


def test_undo_of_a_deletion_whose_delegation_a_colleague_deleted_names_the_event(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    """The window's Undo follows the History's Revert: a record it was linked to is gone,
    so the event does not come back with less than it had, and the line names it."""
    kobe = _kobe(program)
    lima = editing.create(
        program, Delegation, {"name": "Lima", "country": "PE", "zone": "America/Lima"}
    )
    version = editing.stored(program, Event, kobe).version
    editing.change(program, Event, kobe, {"delegation_ids": [lima]}, version)
    window.delete_record("event", kobe, "Kobe DRR workshop")
    rows_read(window)
    as_colleague(_kenji_deletes_the_delegation, str(program.url.database), lima)

    window.undo_action.trigger()
    rows_read(window)

    assert messages.errors == [
        (
            "Cannot undo",
            "Could not undo delete event 'Kobe DRR workshop': delegation 'Lima', linked to "
            "event 'Kobe DRR workshop', no longer exists",
        )
    ]
    assert stored(program, kobe) is None
    assert window.events.row_of(kobe) < 0
    assert window.editor.stack.index() == 1


def test_a_refused_undo_of_a_group_leaves_every_one_of_its_steps_done(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    """A tool's step of several records (a series of meetings, a tour day) is undone
    whole or not at all: the steps undone before the refused one are done again."""
    start = JANUARY_NINE_TOKYO + timedelta(days=3)
    creations = [
        CreateRecord(
            window.editor,
            Event,
            {"title": title, "start_utc": start, "end_utc": start + timedelta(hours=1)},
            title,
        )
        for title in ("First meeting", "Second meeting")
    ]
    window.editor.execute(GroupCommand(window.editor, "Create two meetings", creations))
    rows_read(window)
    first, second = (creation.record_id for creation in creations)
    colleague(program, first, "notes=Kenji's agenda")

    window.undo_action.trigger()
    rows_read(window)

    assert messages.errors == [
        (
            "Cannot undo",
            "Could not undo create two meetings: event 'First meeting' was changed by "
            "somebody else in the meantime",
        )
    ]
    kept = stored(program, first)
    assert kept is not None
    assert kept.values["notes"] == "Kenji's agenda"
    assert stored(program, second) is not None  # undone, then done again
    assert window.events.row_of(second) >= 0
    assert window.editor.stack.index() == 1


def _kenji_files_a_session_under(path: str, parent_id: str, start_text: str) -> None:
    """Kenji files an hour's panel, starting at ``start_text``, under the event."""
    database = open_database(path, author="Kenji")
    start = datetime.fromisoformat(start_text)
    editing.create(
        database,
        Event,
        {
            "title": "Kenji's panel",
            "start_utc": start,
            "end_utc": start + timedelta(hours=1),
            "parent_id": parent_id,
        },
    )
    database.close()


def test_undo_of_a_creation_a_colleague_filed_a_session_under_is_refused(
    window: MainWindow, program: Database, dialogs: DialogScript, messages: Messages
) -> None:
    """The new record is unchanged, but a colleague's work refers to it now: taking the
    creation back would take their session with it."""
    conference = _create(window, dialogs)
    start = JANUARY_NINE_TOKYO + timedelta(days=2)
    as_colleague(
        _kenji_files_a_session_under, str(program.url.database), conference, start.isoformat()
    )

    window.undo_action.trigger()
    rows_read(window)

    assert messages.errors == [
        (
            "Cannot undo",
            "Could not undo create event 'New workshop': event 'Kenji's panel' refers to "
            "event 'New workshop' since; nothing was deleted",
        )
    ]
    assert stored(program, conference) is not None
    with program.session() as session:
        panel = session.query(Event).filter_by(title="Kenji's panel").one()
        assert panel.parent_id == conference
    assert window.editor.stack.index() == 1


def test_a_deletion_a_colleague_edited_while_the_question_was_open_is_refused(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    """The coordinator decides on the event as it was when the question was asked:
    Kenji's edit made while it was open is not deleted unseen."""
    kobe = _kobe(program)

    def answer_after_kenji(title: str, question: str, parent: object = None) -> bool:
        colleague(program, kobe, "notes=Kenji: interpreters booked")
        return True

    window.confirm = answer_after_kenji  # type: ignore[method-assign]
    window.delete_record("event", kobe, "Kobe DRR workshop")
    rows_read(window)

    kept = stored(program, kobe)
    assert kept is not None, "the deletion took Kenji's edit away unseen"
    assert kept.values["notes"] == "Kenji: interpreters booked"
    [(title, message)] = messages.errors
    assert title == "Cannot delete"
    assert "'Kobe DRR workshop' was changed by somebody else" in message
    assert window.editor.stack.count() == 0


def test_a_deletion_is_refused_when_a_colleague_filed_work_under_it_while_the_question_was_open(
    window: MainWindow, program: Database, messages: Messages
) -> None:
    """The question said the conference takes its track along; Kenji files a talk under
    the track while it is open, which changes neither the conference nor what the
    question said. Confirmed, the deletion would take his talk along unseen: it is
    refused, and asked again it says so."""
    start = JANUARY_NINE_TOKYO + timedelta(days=2)
    forum = editing.create(
        program,
        Event,
        {"title": "Resilience forum", "start_utc": start, "end_utc": start + timedelta(hours=8)},
    )
    track = editing.create(
        program,
        Event,
        {
            "title": "Flood track",
            "start_utc": start,
            "end_utc": start + timedelta(hours=4),
            "parent_id": forum,
        },
    )
    rows_read(window)

    def answer_after_kenji(title: str, question: str, parent: object = None) -> bool:
        messages.questions.append(question)
        as_colleague(
            _kenji_files_a_session_under, str(program.url.database), track, start.isoformat()
        )
        return True

    window.confirm = answer_after_kenji  # type: ignore[method-assign]
    window.delete_record("event", forum, "Resilience forum")
    rows_read(window)

    assert "the event 'Flood track'" in messages.questions[0]
    assert "Kenji's panel" not in messages.questions[0]
    assert messages.errors == [
        (
            "Cannot delete",
            "what deleting event 'Resilience forum' takes along was changed by somebody "
            "else since you were asked (a session filed under it, an invitation sent); "
            "nothing was deleted; delete it again to see what it takes now",
        )
    ]
    with program.session() as session:
        panel = session.query(Event).filter_by(title="Kenji's panel").one()
        assert panel.parent_id == track
    assert stored(program, forum) is not None
    assert window.editor.stack.count() == 0


def _kenji_deletes_the_venue(path: str, venue_id: str) -> None:
    """Kenji deletes the venue."""
    database = open_database(path, author="Kenji")
    removal.delete(database, Venue, venue_id)
    database.close()


def test_undo_back_to_a_venue_a_colleague_deleted_names_the_venue(
    window: MainWindow, program: Database, dialogs: DialogScript, messages: Messages
) -> None:
    kobe = _kobe(program)
    hall_a = editing.create(program, Venue, {"name": "Hall A", "locality": "Tokyo"})
    hall_b = editing.create(program, Venue, {"name": "Hall B", "locality": "Tokyo"})
    version = editing.stored(program, Event, kobe).version
    editing.change(program, Event, kobe, {"venue_id": hall_a}, version)
    rows_read(window)
    dialogs.answers.append({"title": "Kobe DRR workshop", "venue_id": hall_b})
    window.edit_record("event", kobe)
    rows_read(window)
    as_colleague(_kenji_deletes_the_venue, str(program.url.database), hall_a)

    window.undo_action.trigger()
    rows_read(window)

    # The line names what was taken away, and gives no advice to reload that would not help.
    [(title, line)] = messages.errors
    assert title == "Cannot undo"
    assert line.startswith("Could not undo edit event 'Kobe DRR workshop': ")
    assert "venue 'Hall A'" in line
    assert "reload" not in line
    stored_now = stored(program, kobe)
    assert stored_now is not None
    assert stored_now.values["venue_id"] == hall_b
