"""A mistyped address corrected after the invitation went out: the person was told
nothing at their real address, so What changed, `changes` and Send updates invite them
there, once, and send nothing more to the old one."""

from __future__ import annotations

from email.utils import parseaddr

from cpp_scheduler.model import Participant
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import ChangeKind, change_report
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import SENDER, calendar_part, plain_transport, send
from tests.mail.smtpserver import Server

CORRECTED = "a.quispe@vivienda.gob.pe"


def test_a_corrected_address_is_invited_by_the_updates_and_the_old_one_hears_no_more(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    mistyped = program.ana.email
    assert mistyped != CORRECTED
    assert change_report(database).changes == ()
    with database.transaction() as session:
        ana = session.get(Participant, program.ana.id)
        assert ana is not None
        ana.email = CORRECTED

    changes = change_report(database).changes
    assert [(c.email, c.kind) for c in changes] == [(CORRECTED, ChangeKind.ADDED)]

    before = len(plain_server.mailbox.messages)
    plan = invitations.plan_updates(database, None, SENDER)
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    received = plain_server.mailbox.messages[before:]
    assert [parseaddr(str(m["To"]))[1] for m in received] == [CORRECTED]
    assert calendar_part(received[0]).get_param("method") == "REQUEST"
    assert change_report(database).changes == ()


def test_an_address_given_other_capitals_is_not_invited_again(
    database: Database, program: Program, plain_server: Server
) -> None:
    """The same address with its capitals corrected: ``changes`` says nothing is due,
    and Send invitations sent every invitation again, the calendar's ATTENDEE line being
    written otherwise."""
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        ana = session.get(Participant, program.ana.id)
        assert ana is not None
        local, domain = ana.email.split("@")
        ana.email = f"{local.capitalize()}@{domain.upper()}"

    assert change_report(database).changes == ()
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert [invitation.recipient_email for invitation in plan.to_send] == []
    assert invitations.plan_updates(database, None, SENDER).to_send == ()


def test_an_invitation_in_a_ledger_of_before_is_still_held_as_sent(
    database: Database, program: Program, plain_server: Server
) -> None:
    """The ledger of an earlier CPP Scheduler holds each calendar's digest as written
    (its addresses as they were typed): those invitations are sent, and none goes again."""
    from sqlalchemy import update

    from cpp_scheduler.mail.messages import written_digest
    from cpp_scheduler.model import SentMessage

    send(database, EventScope(program.workshop.uid), plain_server)
    planned = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert planned.to_send == ()
    received = plain_server.mailbox.messages
    with database.transaction() as session:
        for message in received:
            calendar = calendar_part(message).get_payload(decode=True)
            to = parseaddr(str(message["To"]))[1]
            session.execute(
                update(SentMessage)
                .where(SentMessage.recipient_email == to)
                .values(digest=written_digest(calendar))
            )

    again = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert again.to_send == ()


def test_an_attendee_made_the_organiser_is_not_told_they_no_longer_attend(
    database: Database, program: Program, plain_server: Server
) -> None:
    """Kenji, invited, is made the workshop's organiser: no message is his to receive
    now, and a cancellation would take the event he runs out of his calendar. Grace,
    the organiser before, is invited as an attendee."""
    from cpp_scheduler.model import Event
    from cpp_scheduler.services.changes import ChangeKind

    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        workshop = session.get(Event, program.workshop.id)
        assert workshop is not None
        workshop.organiser_id = program.kenji.id

    changes = change_report(database).changes
    assert (program.kenji.email, ChangeKind.REMOVED) not in [(c.email, c.kind) for c in changes]
    assert (program.grace.email, ChangeKind.ADDED) in [(c.email, c.kind) for c in changes]
    plan = invitations.plan_updates(database, None, SENDER)
    assert program.kenji.email not in [message.recipient_email for message in plan.to_send]
