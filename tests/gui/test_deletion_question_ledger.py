"""The question before a deletion says what the ledger of sent invitations loses with
it: a deleted event's or participant's invitations that still stand are never called
off, so they stay in the participants' calendars. An event whose invitations stand
says, as every other deletion does, what else it deletes and changes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from gui_support import JULY_NINE_TOKYO, Messages, add_event, invited_event_question, rows_read
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.transports import OutboxTransport
from cpp_scheduler.model import Event, EventKind, Participant, ParticipantRole, SentMessage
from cpp_scheduler.services import editing, invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database

SENDER = Organizer("TDLC CPP team", "cpp@tdlc.example.org")


def people(database: Database, *names: str) -> list[str]:
    return [
        editing.create(
            database,
            Participant,
            {
                "name": name,
                "email": f"{name.split()[0].lower()}@example.org",
                "role": ParticipantRole.OFFICIAL,
            },
        )
        for name in names
    ]


def invite(database: Database, event_id: str, outbox: Path) -> int:
    with database.reading() as session:
        uid = session.scalars(select(Event.uid).where(Event.id == event_id)).one()
    plan = invitations.plan_invitations(database, EventScope(uid), SENDER)
    return len(invitations.send_batch(database, plan.to_send, OutboxTransport(outbox)).sent)


def ledger_of(database: Database, person_id: str) -> set[tuple[str, str, str]]:
    with database.reading() as session:
        rows = session.execute(
            select(SentMessage.event_id, SentMessage.method, SentMessage.message_id).where(
                SentMessage.participant_id == person_id
            )
        )
        return {(row[0], row[1], row[2]) for row in rows}


def test_an_invited_conference_names_the_sessions_deleted_with_it(
    qtbot: QtBot, window: MainWindow, program: Database, messages: Messages, tmp_path: Path
) -> None:
    ana, bruno = people(program, "Ana Flores", "Bruno Salas")
    conference = add_event(
        program,
        "Resilience forum",
        JULY_NINE_TOKYO,
        8,
        kind=EventKind.CONFERENCE,
        participant_ids=[ana],
    )
    for hour, title in enumerate(("Opening plenary", "Flood maps")):
        add_event(
            program,
            title,
            JULY_NINE_TOKYO + timedelta(hours=hour),
            1,
            kind=EventKind.WORKSHOP,
            parent_id=conference,
            participant_ids=[ana, bruno] if hour == 0 else [ana],
        )
    with program.reading() as session:
        opening = session.scalars(select(Event.id).where(Event.title == "Opening plenary")).one()
    assert invite(program, conference, tmp_path) == 1
    assert invite(program, opening, tmp_path) == 2  # Bruno holds the session's alone
    window.reload()
    rows_read(window)
    window.select_event(conference)

    window.delete_selected()
    box = invited_event_question(qtbot)
    assert box.text() == "Invitations to 'Resilience forum' still stand for 2 participants."
    assert box.informativeText().endswith(
        "once they are told, it can be deleted.\n\n"
        "Deleting it also deletes 2 records: the event 'Flood maps', the event "
        "'Opening plenary', with all they hold."
    )
    (keep,) = [button for button in box.buttons() if button.text() == "Keep it"]
    keep.click()
    rows_read(window)
    with program.reading() as session:
        assert session.get(Event, conference) is not None
    assert messages.errors == []


def test_deleting_a_participant_says_the_events_they_are_never_told_are_off(
    window: MainWindow, program: Database, messages: Messages, tmp_path: Path
) -> None:
    (maya,) = people(program, "Maya Chen")
    events = [
        add_event(
            program,
            title,
            JULY_NINE_TOKYO + timedelta(days=day),
            1,
            kind=EventKind.WORKSHOP,
            participant_ids=[maya],
        )
        for day, title in enumerate(("Budget review", "Drainage workshop", "Green roofs"))
    ]
    for event_id in events[:2]:
        assert invite(program, event_id, tmp_path) == 1
    window.reload()
    rows_read(window)

    messages.answer = False
    window.delete_record("participant", maya, "Maya Chen")
    rows_read(window)
    question = messages.questions[-1]
    assert question.startswith("Delete the participant 'Maya Chen'?\n\n")
    assert (
        "'Maya Chen' was sent 2 events and has not been told they are off: deleting this "
        "participant tells them nothing, so they stay in their calendar. Take them off "
        "these events and send updates first (Tools > Send updates…)." in question
    )
    assert question.endswith("You can undo this (Ctrl+Z).")

    # Deleted all the same, then undone: what she was sent comes back with her.
    sent = ledger_of(program, maya)
    assert len(sent) == 2
    messages.answer = True
    window.delete_record("participant", maya, "Maya Chen")
    rows_read(window)
    assert ledger_of(program, maya) == set()
    window.undo_action.trigger()
    rows_read(window)
    assert ledger_of(program, maya) == sent
    assert messages.errors == []

    # A participant nobody sent anything: no word of the ledger.
    (otto,) = people(program, "Otto Lind")
    messages.answer = False
    window.delete_record("participant", otto, "Otto Lind")
    rows_read(window)
    assert messages.questions[-1] == (
        "Delete the participant 'Otto Lind'?\n\n"
        "Its links to other records go with it. You can undo this (Ctrl+Z)."
    )
