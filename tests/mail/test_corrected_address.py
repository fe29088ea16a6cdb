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
