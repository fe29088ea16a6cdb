"""Taking back a record never leaves invitations standing that nobody can call off.

An undone creation, a reverted creation and an undone import delete their records
without telling anybody. Where invitations were sent since and still stand, that would
leave the event in its participants' calendars for good, with nothing left in the
program to cancel: such a taking back is refused, changing nothing, and says how to call
the event off instead. Once a cancellation went, the invitation no longer stands.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.mail.transports import OutboxTransport
from cpp_scheduler.model import Event, Participant, SentMessage
from cpp_scheduler.services import (
    calendar_import,
    changes,
    editing,
    history,
    invitations,
    removal,
)
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.mail.helpers import SENDER
from tests.services.stored_records import exists

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


def _person(database: Database, name: str, email: str) -> str:
    return editing.create(database, Participant, {"name": name, "email": email})


def _event(database: Database, title: str, people: list[str]) -> str:
    return editing.create(
        database,
        Event,
        {
            "title": title,
            "start_utc": START,
            "end_utc": START + timedelta(hours=1),
            "participant_ids": people,
        },
    )


def _send(database: Database, event_id: str, outbox: Path) -> int:
    with database.reading() as session:
        uid = session.scalar(select(Event.uid).where(Event.id == event_id))
    plan = invitations.plan_invitations(database, EventScope(uid), SENDER)
    return len(invitations.send_batch(database, plan.to_send, OutboxTransport(outbox)).sent)


def _ledger(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(SentMessage)) or 0)


def _creation(database: Database, record_id: str) -> history.HistoryEntry:
    return next(e for e in history.history_of(database, record_id) if e.action == "created")


def test_undoing_the_creation_of_an_event_invited_since_is_refused(
    database: Database, tmp_path: Path
) -> None:
    people = [_person(database, "Ana Quispe", "ana@lima.example.org")]
    people.append(_person(database, "Raj Thapa", "raj@ktm.example.org"))
    event = _event(database, "Port briefing", people)
    assert _send(database, event, tmp_path) == 2

    with pytest.raises(removal.InvitationsStandError) as refused:
        removal.delete(database, Event, event, 1, alone=True)  # the window's Undo

    assert str(refused.value) == (
        "invitations to event 'Port briefing' sent since still stand for 2 participants; "
        "nothing was changed: cancel it and send updates to call it off"
    )
    assert exists(database, Event, event)
    assert _ledger(database) == 2


def test_reverting_the_creation_of_an_event_invited_since_is_refused(
    database: Database, tmp_path: Path
) -> None:
    people = [_person(database, "Ana Quispe", "ana@lima.example.org")]
    event = _event(database, "Port briefing", people)
    _send(database, event, tmp_path)

    with pytest.raises(removal.InvitationsStandError, match="still stand for 1 participant;"):
        history.revert_change(database, _creation(database, event).change_id, 1)

    assert exists(database, Event, event)
    assert _ledger(database) == 1


def test_undoing_the_creation_of_a_participant_whose_invitation_stands_is_refused(
    database: Database, tmp_path: Path
) -> None:
    ana = _person(database, "Ana Quispe", "ana@lima.example.org")
    event = _event(database, "Port briefing", [ana])
    _send(database, event, tmp_path)
    editing.change(database, Event, event, {"participant_ids": []}, 1)  # no update sent

    with pytest.raises(removal.InvitationsStandError) as refused:
        removal.delete(database, Participant, ana, 1, alone=True)

    assert str(refused.value) == (
        "participant 'Ana Quispe' still holds an invitation sent since to 1 event; "
        "nothing was changed: send updates first to withdraw it"
    )
    assert exists(database, Participant, ana)


def test_once_its_cancellation_went_the_event_is_taken_back(
    database: Database, tmp_path: Path
) -> None:
    people = [_person(database, "Ana Quispe", "ana@lima.example.org")]
    event = _event(database, "Port briefing", people)
    _send(database, event, tmp_path)
    editing.change(database, Event, event, {"status": "cancelled"}, 1)
    with database.reading() as session:
        uid = session.scalar(select(Event.uid).where(Event.id == event))
    plan = invitations.plan_updates(database, EventScope(uid), SENDER)
    assert len(invitations.send_batch(database, plan.to_send, OutboxTransport(tmp_path)).sent)

    removal.delete(database, Event, event, 2, alone=True)

    assert not exists(database, Event, event)


PARTNER_CALENDAR = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Kobe city//EN\r
BEGIN:VEVENT\r
UID:kobe-visit-1@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART:20270112T010000Z\r
DTEND:20270112T020000Z\r
SUMMARY:Kobe port visit\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_undoing_an_import_whose_event_was_invited_since_is_refused(
    database: Database, tmp_path: Path
) -> None:
    _report, undo = calendar_import.import_undoably(
        database, read_calendar(PARTNER_CALENDAR, "partner.ics")
    )
    (visit,) = undo.created
    ana = _person(database, "Ana Quispe", "ana@lima.example.org")
    editing.change(database, Event, visit, {"participant_ids": [ana]}, 1)
    _send(database, visit, tmp_path)

    with pytest.raises(removal.InvitationsStandError) as refused:
        calendar_import.undo_import(database, undo, {visit: 2})

    assert str(refused.value).startswith(
        "invitations to event 'Kobe port visit' sent since still stand for 1 participant;"
    )
    assert exists(database, Event, visit)
    assert _ledger(database) == 1


def _moved_by_a_calendar_file(database: Database, event_id: str) -> calendar_import.ImportUndo:
    """A partner's calendar file moving the event four hours later, imported."""
    with database.reading() as session:
        uid, sequence = session.execute(
            select(Event.uid, Event.sequence).where(Event.id == event_id)
        ).one()
    moved = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kobe city//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:{sequence + 1}\r\n"
        "DTSTART:20270112T050000Z\r\nDTEND:20270112T060000Z\r\nSUMMARY:Port briefing\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    _report, undo = calendar_import.import_undoably(database, read_calendar(moved, "kobe.ics"))
    assert undo.updated == [event_id]
    return undo


def test_undoing_an_import_whose_move_was_sent_since_is_refused(
    database: Database, tmp_path: Path
) -> None:
    """Ana holds the move the update told her: putting the event back would leave her
    calendar on it, and the ledger without the update, so nothing would tell her."""
    ana = _person(database, "Ana Quispe", "ana@lima.example.org")
    event = _event(database, "Port briefing", [ana])
    _send(database, event, tmp_path)
    undo = _moved_by_a_calendar_file(database, event)
    with database.reading() as session:
        uid = session.scalar(select(Event.uid).where(Event.id == event))
    plan = invitations.plan_updates(database, EventScope(str(uid)), SENDER)
    assert len(invitations.send_batch(database, plan.to_send, OutboxTransport(tmp_path)).sent)

    with pytest.raises(removal.InvitationsStandError) as refused:
        calendar_import.undo_import(database, undo)

    assert str(refused.value).startswith(
        "messages about event 'Port briefing' were sent since to 1 participant; nothing was changed"
    )
    assert _ledger(database) == 2


def test_undoing_an_import_nobody_was_told_of_puts_the_event_back(
    database: Database, tmp_path: Path
) -> None:
    ana = _person(database, "Ana Quispe", "ana@lima.example.org")
    event = _event(database, "Port briefing", [ana])
    _send(database, event, tmp_path)
    undo = _moved_by_a_calendar_file(database, event)

    calendar_import.undo_import(database, undo)

    assert editing.stored(database, Event, event).values["start_utc"] == START
    assert _ledger(database) == 1


# -- which message came last, where two were sent at one instant --------------------------


def _sent_at_one_instant(
    database: Database, event_id: str, person_id: str, *messages: tuple[str, int]
) -> None:
    """Record ``messages`` (method, SEQUENCE) to the person about the event, in this
    order, sent at one instant and made in one second: as an older version kept them,
    to the second, for a batch and the update that followed it within that second."""
    instant = datetime(2026, 12, 1, 9, 0, 0, tzinfo=UTC)
    with database.transaction() as session:
        told = changes.facts_of(session, [event_id])[event_id].to_json()
        address = session.scalar(select(Participant.email).where(Participant.id == person_id))
        for number, (method, sequence) in enumerate(messages):
            session.add(
                SentMessage(
                    participant_id=person_id,
                    event_id=event_id,
                    sequence=sequence,
                    method=method,
                    digest=f"{number:064d}",
                    sent_at=instant,
                    created_at=instant,
                    transport="outbox",
                    message_id=f"<{event_id}.{person_id}.{number}@tdlc.example.org>",
                    told=told,
                    recipient_email=address,
                )
            )
            session.flush()  # one row after the other, as the two batches wrote them


def test_of_two_messages_sent_at_one_instant_the_later_version_is_the_latest_everywhere(
    database: Database,
) -> None:
    """Ana and Sofía were each sent their own cancellation (version 0) and, in the same
    second, the invitation to version 1; Raj the invitation to version 0 and then a
    cancellation, version 1. Which message came last is read in SQL by the change report
    and the question before a deletion, and over the deleted rows by the refusal to take
    the event back: all three take the later version for the latest, whichever row was
    written first. Ana's and Sofía's invitations stand; Raj holds none, and is to be
    invited again."""
    ana = _person(database, "Ana Quispe", "ana@lima.example.org")
    raj = _person(database, "Raj Thapa", "raj@ktm.example.org")
    sofia = _person(database, "Sofía Muñoz", "sofia@gore.example.cl")
    event = _event(database, "Port briefing", [ana, raj, sofia])
    _sent_at_one_instant(database, event, ana, ("REQUEST", 1), ("CANCEL", 0))
    _sent_at_one_instant(database, event, sofia, ("REQUEST", 1), ("CANCEL", 0))
    _sent_at_one_instant(database, event, raj, ("CANCEL", 1), ("REQUEST", 0))

    report = changes.change_report(database)
    assert [(change.participant, change.untold) for change in report.changes] == [
        ("Raj Thapa", changes.Untold.INVITED_AGAIN)
    ]
    question = removal.to_delete(database, Event, event)
    assert question.standing == removal.StandingInvitations(participants=2, events=1)
    with pytest.raises(removal.InvitationsStandError) as refused:
        history.revert_change(database, _creation(database, event).change_id, 1)
    assert str(refused.value).startswith(
        "invitations to event 'Port briefing' sent since still stand for 2 participants;"
    )
    assert exists(database, Event, event)
