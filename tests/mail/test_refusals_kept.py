"""The server's refusal of an address for good is kept: days later What changed and
`changes` name the person, the address refused, the day and the server's words, rather
than "not sent yet"; once the address is corrected they say so, and once a message gets
through they say nothing. A refusal never counts as told, a 4xx is not kept, and a
refusal that cannot be kept still leaves the batch's report whole."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import func, select

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.model import Participant, RefusedMessage
from cpp_scheduler.scheduling.inputs import japan_day
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import Change, ChangeKind, Untold, change_report
from cpp_scheduler.store import Database, open_database
from tests.ical.program import Program, build_program
from tests.mail.helpers import SENDER, plain_transport, send
from tests.mail.smtpserver import Server

REFUSED_ANSWER = "550 5.1.1 mailbox unavailable"
CORRECTED = "b.salas@vivienda.gob.pe"


def _today() -> str:
    """The day a refusal made now is reported on, as the report words it."""
    return i18n.day_text(japan_day(datetime.now(UTC)))


def _refusal_line(address: str) -> str:
    return f"refused by the server at {address} on {_today()}: {REFUSED_ANSWER}"


def _of(changes: tuple[Change, ...], person: str) -> list[Change]:
    return [change for change in changes if change.participant_id == person]


def _refusals(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(RefusedMessage)) or 0)


def test_a_refused_address_is_named_with_the_servers_words_and_day_a_deferred_one_is_not(
    database: Database, program: Program, plain_server: Server
) -> None:
    plain_server.mailbox.refuse = {program.bruno.email}
    plain_server.mailbox.defer = {program.ana.email}
    report = send(database, EventScope(program.workshop.uid), plain_server)
    assert [refusal.email for refusal in report.refused] == [program.bruno.email]
    assert [deferral.email for deferral in report.deferred] == [program.ana.email]

    changes = change_report(database).changes
    (bruno,) = _of(changes, program.bruno.id)
    assert (bruno.kind, bruno.untold, bruno.label) == (
        ChangeKind.ADDED,
        Untold.REFUSED,
        "refused by the server",
    )
    assert bruno.reported[0] == _refusal_line(program.bruno.email)
    assert bruno.reported[1].startswith("not sent yet: ")
    assert bruno.as_json()["untold"] == "refused"
    # Put off for later (450) is not a refusal: the next batch simply sends it. Their
    # delegation's batch went out, though the server took nothing of it.
    (ana,) = _of(changes, program.ana.id)
    assert (ana.untold, ana.label) == (Untold.NEVER_SENT, "added")
    assert not any("refused" in line for line in ana.reported)
    assert _refusals(database) == 1

    # A refusal told him nothing, but the server would refuse him again: the next batch
    # sends to Ana alone and holds him back with the refusal, unless asked to try again.
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert [invitation.recipient_email for invitation in plan.to_send] == [program.ana.email]
    assert [(held.recipient_email, held.refusal) for held in plan.refused] == [
        (program.bruno.email, _refusal_line(program.bruno.email))
    ]
    assert plan.already_sent == 2
    retried = invitations.plan_invitations(
        database, EventScope(program.workshop.uid), SENDER, retry_refused=True
    )
    assert sorted(invitation.recipient_email for invitation in retried.to_send) == sorted(
        [program.ana.email, program.bruno.email]
    )
    assert retried.refused == ()


def test_after_the_address_is_corrected_the_report_says_so_and_after_sending_nothing(
    database: Database, program: Program, plain_server: Server
) -> None:
    plain_server.mailbox.refuse = {program.bruno.email}
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        bruno = session.get(Participant, program.bruno.id)
        assert bruno is not None
        bruno.email = CORRECTED

    (corrected,) = _of(change_report(database).changes, program.bruno.id)
    assert (corrected.email, corrected.untold, corrected.label) == (
        CORRECTED,
        Untold.ADDRESS_CORRECTED,
        "address corrected",
    )
    assert corrected.reported[0] == _refusal_line(program.bruno.email)

    plan = invitations.plan_updates(database, None, SENDER)
    with plain_transport(plain_server) as transport:
        sent = invitations.send_batch(database, plan, transport)
    assert [invitation.recipient_email for invitation in sent.sent] == [CORRECTED]
    assert change_report(database).changes == ()


def test_a_message_that_gets_through_to_the_same_address_makes_the_refusal_history(
    database: Database, program: Program, plain_server: Server
) -> None:
    plain_server.mailbox.refuse = {program.bruno.email}
    send(database, EventScope(program.workshop.uid), plain_server)
    (refused,) = _of(change_report(database).changes, program.bruno.id)
    assert refused.untold is Untold.REFUSED
    plain_server.mailbox.refuse = set()  # the mailbox was set up meanwhile
    report = send(database, EventScope(program.workshop.uid), plain_server, retry_refused=True)
    assert [invitation.recipient_email for invitation in report.sent] == [program.bruno.email]

    assert change_report(database).changes == ()
    assert _refusals(database) == 1  # kept, as what happened


def test_an_event_whose_every_invitation_was_refused_still_names_its_people(
    database: Database, program: Program, plain_server: Server
) -> None:
    plain_server.mailbox.refuse = {program.grace.email, program.priya.email}
    report = send(database, EventScope(program.fold_event.uid), plain_server)
    assert report.sent == []

    changes = change_report(database).changes
    assert sorted((c.email, c.untold) for c in changes) == [
        (program.grace.email, Untold.REFUSED),
        (program.priya.email, Untold.REFUSED),
    ]


def test_an_update_the_server_refuses_is_named_in_the_coordinators_report(
    database: Database, program: Program, plain_server: Server
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    with database.transaction() as session:
        session.merge(program.workshop).title = "Kobe and Lima workshop, day one"
    plain_server.mailbox.refuse = {program.bruno.email}
    plan = invitations.plan_updates(database, None, SENDER)
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan, transport)

    (bruno,) = _of(change_report(database).changes, program.bruno.id)
    assert bruno.kind is ChangeKind.CHANGED
    assert bruno.reported[-1] == _refusal_line(program.bruno.email)
    # What his update says is what changed, never the server's answer.
    assert not any("refused" in line for line in bruno.details)


def test_the_command_line_names_the_refusal(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    plain_server.mailbox.refuse = {program.bruno.email}
    server = ["--smtp", f"127.0.0.1:{plain_server.port}", "--plain"]
    send_command = ["--db", database_url, "send", "invitations", "--event", program.workshop.uid]
    assert main([*send_command, *server]) == 1
    capsys.readouterr()

    assert main(["--db", database_url, "changes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    heading = f"{program.bruno.name} <{program.bruno.email}>, {program.bruno.delegation.name}"
    at = lines.index(f"{heading}: 1 change")
    assert lines[at + 1] == f"  {program.workshop.title} (refused by the server, REQUEST)"
    assert lines[at + 2] == f"    {_refusal_line(program.bruno.email)}"

    assert main(["--db", database_url, "changes", "--json"]) == 0
    (listed,) = [
        change
        for change in json.loads(capsys.readouterr().out)
        if change["email"] == program.bruno.email
    ]
    assert listed["untold"] == "refused"
    assert listed["details"][0] == _refusal_line(program.bruno.email)

    # The preview of Send updates leaves him out and says why; asked to try again, it
    # lists him, to be invited again.
    assert main(["--db", database_url, "send", "updates", "--dry-run"]) == 0
    printed = capsys.readouterr()
    assert program.bruno.email not in printed.out
    assert f"not sent: {program.bruno.name}" in printed.err
    assert _refusal_line(program.bruno.email) in printed.err
    assert main(["--db", database_url, "send", "updates", "--dry-run", "--retry-refused"]) == 0
    out = capsys.readouterr().out
    assert f"to {program.bruno.email} (added: {_refusal_line(program.bruno.email)}" in out


@pytest.mark.postgres
def test_a_refusal_that_cannot_be_kept_leaves_the_batchs_report_whole(
    postgres_url: str, plain_server: Server
) -> None:
    """The database refuses the refusal's row (here a rule every new row breaks): the
    batch still reports the refused address and sends to the others."""
    database = open_database(postgres_url)
    try:
        with database.transaction() as session:
            program = build_program(session)
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(
                "ALTER TABLE refused_messages ADD CONSTRAINT never CHECK (reply_code < 0) NOT VALID"
            )
        plain_server.mailbox.refuse = {program.bruno.email}
        report = send(database, EventScope(program.workshop.uid), plain_server)
        kept = _refusals(database)
    finally:
        database.close()

    assert [refusal.email for refusal in report.refused] == [program.bruno.email]
    assert REFUSED_ANSWER in report.refused[0].reason
    assert report.stopped_by is None
    assert len(report.sent) == 3
    assert kept == 0
