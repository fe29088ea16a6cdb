"""The cancellation for one participant removed from an event that goes on for the
others. RFC 5546 section 3.2.5: a CANCEL that uninvites some attendees names them and
carries no STATUS; STATUS:CANCELLED cancels the whole event, and some clients then take
it as cancelled for everyone. The cancellation of a cancelled event keeps it."""

from __future__ import annotations

from email.message import EmailMessage

import icalendar

from cpp_scheduler.model import Event, EventStatus, Participant
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope
from cpp_scheduler.services.changes import ChangeKind
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import SENDER, calendar_part, plain_transport, read_calendar, send
from tests.mail.smtpserver import Server


def send_updates(database: Database, server: Server) -> list[EmailMessage]:
    """The messages Send updates sends now, as the server received them."""
    before = len(server.mailbox.messages)
    plan = invitations.plan_updates(database, None, SENDER)
    with plain_transport(server) as transport:
        report = invitations.send_batch(database, plan.to_send, transport)
    assert len(report.sent) == len(plan.to_send)
    return server.mailbox.messages[before:]


def to(message: EmailMessage) -> str:
    (address,) = message["To"].addresses
    return str(address.addr_spec)


def the_event(message: EmailMessage) -> icalendar.cal.component.Component:
    """The message's one VEVENT, its calendar a CANCEL in the part and in METHOD."""
    assert calendar_part(message).get_param("method") == "CANCEL"
    calendar = read_calendar(message)
    assert str(calendar["METHOD"]) == "CANCEL"
    (vevent,) = calendar.walk("VEVENT")
    return vevent


def attendees(vevent: icalendar.cal.component.Component) -> list[str]:
    found = vevent.get("ATTENDEE", [])
    found = found if isinstance(found, list) else [found]
    return [str(a).removeprefix("mailto:") for a in found]


def remove(database: Database, event_id: str, person_id: str, *, cancel: bool = False) -> None:
    """``person`` no longer attends the event, named or through their delegation; with
    ``cancel``, the event is cancelled too."""
    with database.transaction() as session:
        event = session.get(Event, event_id)
        person = session.get(Participant, person_id)
        assert event is not None
        assert person is not None
        event.participants.remove(person)
        if person.delegation in event.delegations:
            event.delegations.remove(person.delegation)
        if cancel:
            event.status = EventStatus.CANCELLED


def test_someone_removed_gets_a_cancel_naming_them_without_a_status(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    remove(database, program.workshop.id, program.kenji.id)

    (cancel,) = send_updates(database, plain_server)

    assert to(cancel) == program.kenji.email
    vevent = the_event(cancel)
    assert str(vevent["UID"]) == program.workshop.uid
    assert attendees(vevent) == [program.kenji.email]
    assert "STATUS" not in vevent
    assert str(cancel["Subject"]).startswith("No longer invited: ")


def test_someone_removed_from_a_series_gets_a_cancel_without_a_status(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.series.uid), plain_server)
    remove(database, program.series.id, program.sofia.id)

    (cancel,) = send_updates(database, plain_server)

    assert to(cancel) == program.sofia.email
    vevent = the_event(cancel)
    assert str(vevent["UID"]) == program.series.uid
    assert attendees(vevent) == [program.sofia.email]
    assert "STATUS" not in vevent


def test_a_cancelled_event_is_still_cancelled_with_its_status(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    # Kenji is removed as the workshop is cancelled: his cancellation says so as well.
    remove(database, program.workshop.id, program.kenji.id, cancel=True)

    cancels = send_updates(database, plain_server)

    assert sorted(to(m) for m in cancels) == sorted(
        p.email for p in (program.ana, program.bruno, program.maya, program.kenji)
    )
    for cancel in cancels:
        vevent = the_event(cancel)
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert attendees(vevent) == [to(cancel)]


def test_a_member_moved_to_another_delegation_is_told_by_their_old_delegations_updates(
    database: Database, program: Program, plain_server: Server
) -> None:
    """Send updates for the Lima delegation tells Bruno, moved to Santiago's since its
    invitations went out, that he no longer attends Lima's site visit: the message went
    to him as one of Lima's, and Lima's updates are where the coordinator looks."""
    lima = DelegationScope(program.lima.name)
    send(database, lima, plain_server)
    with database.transaction() as session:
        site_visit = session.get(Event, program.site_visit.id)
        bruno = session.get(Participant, program.bruno.id)
        assert site_visit is not None
        assert bruno is not None
        site_visit.participants.remove(bruno)
        bruno.delegation_id = program.santiago.id

    plan = invitations.plan_updates(database, lima, SENDER)

    told = {(c.title, c.kind) for c in plan.changes if c.email == program.bruno.email}
    assert (program.site_visit.title, ChangeKind.REMOVED) in told
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    assert invitations.plan_updates(database, lima, SENDER).changes == ()
