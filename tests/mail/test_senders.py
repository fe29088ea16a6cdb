"""Who signs a batch: each event's organiser, and the sender only for events that name
none. Planned without a sender, a batch holds every message its organisers sign and
lists the events that wait, the one answer the command line and the window read."""

from __future__ import annotations

from datetime import timedelta

from cpp_scheduler.model import Event
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import SENDER, send
from tests.mail.smtpserver import Server


def test_only_an_event_without_organiser_waits_for_a_sender(
    database: Database, program: Program
) -> None:
    # Maya attends the workshop, which Grace organises, and the monthly series, which
    # names no organiser.
    scope = DelegationScope(program.kathmandu.name)
    unsigned = invitations.plan_invitations(database, scope, None)
    signed = invitations.plan_invitations(database, scope, SENDER)
    assert [(event.uid, event.title, event.recipients) for event in unsigned.unsigned] == [
        (program.series.uid, program.series.title, 1)
    ]
    assert signed.unsigned == ()
    assert {i.event_uid for i in signed.to_send} == {program.workshop.uid, program.series.uid}
    # The workshop's messages are the same whoever would have signed for other events.
    assert {(i.event_uid, i.recipient_email, i.digest) for i in unsigned.to_send} == {
        (i.event_uid, i.recipient_email, i.digest)
        for i in signed.to_send
        if i.event_uid == program.workshop.uid
    }
    assert {str(i.message["From"]) for i in unsigned.to_send} == {
        f"{program.grace.name} <{program.grace.email}>"
    }
    workshop = invitations.plan_invitations(database, EventScope(program.workshop.uid), None)
    assert len(workshop.to_send) == 4
    assert workshop.unsigned == ()


def test_updates_list_the_changes_of_an_event_that_waits_for_a_sender(
    database: Database, program: Program, plain_server: Server
) -> None:
    for event in (program.workshop, program.series):
        send(database, EventScope(event.uid), plain_server)
    with database.transaction() as session:
        for event_id in (program.workshop.id, program.series.id):
            stored = session.get(Event, event_id)
            assert stored is not None
            stored.start_utc += timedelta(hours=1)
            stored.end_utc += timedelta(hours=1)

    plan = invitations.plan_updates(database, None, None)
    by_event = {change.event_uid for change in plan.changes}
    assert by_event == {program.workshop.uid, program.series.uid}
    series = [c for c in plan.changes if c.event_uid == program.series.uid]
    assert [(e.uid, e.recipients) for e in plan.unsigned] == [(program.series.uid, len(series))]
    assert [i.event_uid for i in plan.to_send] == [
        c.event_uid for c in plan.changes if c.event_uid == program.workshop.uid
    ]
    signed = invitations.plan_updates(database, None, SENDER)
    assert signed.unsigned == ()
    assert len(signed.to_send) == len(signed.changes) == len(plan.changes)
