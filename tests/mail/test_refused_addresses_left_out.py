"""An address the server refused for good (550) is left out of the next batches until it
is corrected: the plan lists the person as not sent, with the refusal worded as the
change report words it, and nothing is tried at that address again; asked to try again
(``retry_refused``, ``--retry-refused``) the batch sends there all the same, and once the
address is corrected the person is sent to as before. Against a real SMTP server."""

from __future__ import annotations

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Participant
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import Untold, change_report
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import SENDER, plain_transport, send
from tests.mail.smtpserver import Server

CORRECTED = "b.salas@vivienda.gob.pe"


def _refused_at_first(database: Database, program: Program, server: Server) -> str:
    """Send the workshop's invitations with Bruno's mailbox refused for good; the line the
    change report words his refusal with."""
    server.mailbox.refuse = {program.bruno.email}
    first = send(database, EventScope(program.workshop.uid), server)
    assert [refusal.email for refusal in first.refused] == [program.bruno.email]
    (bruno,) = [c for c in change_report(database).changes if c.participant_id == program.bruno.id]
    assert bruno.untold is Untold.REFUSED
    return bruno.reported[0]


def _sent_plan(
    database: Database, plan: invitations.InvitationPlan | invitations.UpdatePlan, server: Server
) -> invitations.BatchReport:
    with plain_transport(server) as transport:
        return invitations.send_batch(database, plan, transport)


def test_the_next_batch_leaves_a_refused_address_out_and_says_why(
    database: Database, program: Program, plain_server: Server
) -> None:
    refusal = _refused_at_first(database, program, plain_server)

    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert program.bruno.email not in [message.recipient_email for message in plan.to_send]
    (held,) = plan.refused
    assert (held.recipient_email, held.title, held.refusal) == (
        program.bruno.email,
        program.workshop.title,
        refusal,
    )
    assert refusal.startswith(f"refused by the server at {program.bruno.email} on ")
    assert refusal.endswith(": 550 5.1.1 mailbox unavailable")

    # Sent, the batch asks the server nothing about him: nothing is refused again.
    report = _sent_plan(database, plan, plain_server)
    assert report.refused == []
    assert program.bruno.email not in plain_server.mailbox.recipients


def test_a_refused_address_is_left_out_of_another_events_batch_and_of_the_updates(
    database: Database, program: Program, plain_server: Server
) -> None:
    """The address is what the server refused: the site visit, never sent to anyone,
    leaves him out too, and so does Send updates, which would invite him again."""
    refusal = _refused_at_first(database, program, plain_server)

    visit = invitations.plan_invitations(database, EventScope(program.site_visit.uid), SENDER)
    assert program.bruno.email not in [message.recipient_email for message in visit.to_send]
    assert [(held.recipient_email, held.refusal) for held in visit.refused] == [
        (program.bruno.email, refusal)
    ]

    updates = invitations.plan_updates(database, None, SENDER)
    assert program.bruno.id not in [change.participant_id for change in updates.changes]
    assert program.bruno.email not in [message.recipient_email for message in updates.to_send]
    assert [held.recipient_email for held in updates.refused] == [program.bruno.email]
    report = _sent_plan(database, updates, plain_server)
    assert report.refused == []


def test_asked_to_try_again_the_batch_sends_to_the_refused_address(
    database: Database, program: Program, plain_server: Server
) -> None:
    _refused_at_first(database, program, plain_server)
    plain_server.mailbox.refuse = set()  # the server was misconfigured, and is mended

    plan = invitations.plan_invitations(
        database, EventScope(program.workshop.uid), SENDER, retry_refused=True
    )
    assert plan.refused == ()
    assert [message.recipient_email for message in plan.to_send] == [program.bruno.email]
    report = _sent_plan(database, plan, plain_server)
    assert [message.recipient_email for message in report.sent] == [program.bruno.email]
    assert program.bruno.email in plain_server.mailbox.recipients

    # Told now: the refusal is history, and nothing is left out or due any more.
    again = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert (again.to_send, again.refused) == ((), ())


def test_updates_asked_to_try_again_send_to_the_refused_address(
    database: Database, program: Program, plain_server: Server
) -> None:
    _refused_at_first(database, program, plain_server)
    plan = invitations.plan_updates(database, None, SENDER, retry_refused=True)
    assert plan.refused == ()
    # Still refused by the server: asked again, and refused again.
    report = _sent_plan(database, plan, plain_server)
    assert [refusal.email for refusal in report.refused] == [program.bruno.email]


def test_once_the_address_is_corrected_the_person_is_sent_to(
    database: Database, program: Program, plain_server: Server
) -> None:
    _refused_at_first(database, program, plain_server)
    with database.transaction() as session:
        bruno = session.get(Participant, program.bruno.id)
        assert bruno is not None
        bruno.email = CORRECTED

    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert plan.refused == ()
    assert [message.recipient_email for message in plan.to_send] == [CORRECTED]
    report = _sent_plan(database, plan, plain_server)
    assert [message.recipient_email for message in report.sent] == [CORRECTED]
    assert CORRECTED in plain_server.mailbox.recipients


def test_an_address_corrected_only_in_its_case_is_still_the_refused_one(
    database: Database, program: Program, plain_server: Server
) -> None:
    """Addresses are told apart as the program tells them (without case): retyped in
    capitals, Bruno's address is the one the server refused."""
    _refused_at_first(database, program, plain_server)
    with database.transaction() as session:
        bruno = session.get(Participant, program.bruno.id)
        assert bruno is not None
        bruno.email = program.bruno.email.upper()

    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert plan.to_send == ()
    assert [held.recipient_email for held in plan.refused] == [program.bruno.email.upper()]


def test_the_command_leaves_the_refused_address_out_and_retries_it_when_asked(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    plain_server.mailbox.refuse = {program.bruno.email}
    server = ["--smtp", f"127.0.0.1:{plain_server.port}", "--plain"]
    command = ["--db", database_url, "send", "invitations", "--event", program.workshop.uid]
    assert main([*command, *server]) == 1
    assert f"refused: {program.bruno.email}: " in capsys.readouterr().err
    (bruno,) = [c for c in change_report(database).changes if c.participant_id == program.bruno.id]
    refusal = bruno.reported[0]
    not_sent = f"not sent: {program.bruno.name} <{program.bruno.email}> about '"
    title = program.workshop.title

    # The preview says he is left out, and why, in the change report's words.
    assert main([*command, "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert program.bruno.email not in out
    assert out.splitlines()[-1] == "0 to send, 3 sent already"
    assert f"{not_sent}{title}': {refusal}" in err.splitlines()
    assert "give --retry-refused to try again" in err

    # The batch tries nothing there: no refusal, a clean exit.
    assert main([*command, *server]) == 0
    out, err = capsys.readouterr()
    assert "sent 0 of 0 (3 had been sent already)" in out
    assert f"refused: {program.bruno.email}" not in err
    assert f"{not_sent}{title}': {refusal}" in err.splitlines()

    # Send updates leaves him out as well.
    assert main(["--db", database_url, "send", "updates", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert f"to {program.bruno.email} " not in out
    assert f"{not_sent}{title}': {refusal}" in err.splitlines()

    # Asked to, it tries again: the server, mended meanwhile, takes it.
    plain_server.mailbox.refuse = set()
    assert main([*command, "--dry-run", "--retry-refused"]) == 0
    out, err = capsys.readouterr()
    assert f"would send REQUEST '{title}' to {program.bruno.email}" in out
    assert "not sent: " not in err
    assert main([*command, *server, "--retry-refused"]) == 0
    assert "sent 1 of 1" in capsys.readouterr().out
    assert program.bruno.email in plain_server.mailbox.recipients


def test_the_command_sends_to_a_corrected_address(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    refusal = _refused_at_first(database, program, plain_server)
    command = ["--db", database_url, "send", "invitations", "--event", program.workshop.uid]
    assert main([*command, "--dry-run"]) == 0
    assert f"<{program.bruno.email}> about '{program.workshop.title}': {refusal}" in (
        capsys.readouterr().err
    )
    with database.transaction() as session:
        bruno = session.get(Participant, program.bruno.id)
        assert bruno is not None
        bruno.email = CORRECTED
    server = ["--smtp", f"127.0.0.1:{plain_server.port}", "--plain"]
    assert main([*command, *server]) == 0
    out, err = capsys.readouterr()
    assert "sent 1 of 1" in out
    assert "not sent: " not in err
    assert CORRECTED in plain_server.mailbox.recipients
