"""A wrong password is said as a refused login, with what corrects it.

A server that requires a login (aiosmtpd with an authenticator, over a plain connection
on this machine) refuses the password: the batch stops in one line that names the user
and the server's answer, and points at the password, not at the network, and not at
running the same thing again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.mail.transports import Security, SmtpSettings, SmtpTransport, store_password
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import SENDER
from tests.mail.login_server import REFUSED, MemoryKeyring, login_smtp_server, memory_keyring
from tests.mail.smtpserver import PASSWORD, USER, Server

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture
def login_server() -> Iterator[Server]:
    with login_smtp_server() as server:
        yield server


@pytest.fixture
def keyring_in_memory() -> Iterator[MemoryKeyring]:
    with memory_keyring() as held:
        yield held


def test_a_wrong_password_is_a_refused_login_not_an_unreachable_server(
    database: Database, program: Program, login_server: Server
) -> None:
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    settings = SmtpSettings("127.0.0.1", login_server.port, Security.NONE, USER)
    with SmtpTransport(settings, "wrong") as transport:
        report = invitations.send_batch(database, plan.to_send, transport)

    assert report.stopped_by == REFUSED
    assert report.login_refused
    assert login_server.mailbox.messages == []
    assert invitations.ledger(database) == []

    with SmtpTransport(settings, PASSWORD) as transport:
        report = invitations.send_batch(database, plan.to_send, transport)
    assert len(login_server.mailbox.messages) == len(report.sent) == 4


def test_the_command_says_to_correct_the_password_in_one_line(
    database_url: str,
    database: Database,
    program: Program,
    login_server: Server,
    keyring_in_memory: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "no-settings.json"))
    store_password(SmtpSettings("127.0.0.1", login_server.port, user=USER), "wrong")
    command = [
        "--db",
        database_url,
        "send",
        "invitations",
        "--event",
        program.workshop.uid,
        "--smtp",
        f"127.0.0.1:{login_server.port}",
        "--plain",
        "--user",
        USER,
    ]

    assert main(command) == 1

    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"stopped: {REFUSED}: correct the password the system keyring keeps for '{USER}' "
        "(service cpp-scheduler-smtp:127.0.0.1; Tools > Mail settings saves it there), "
        "or log in as another user with --user"
    ]
    assert "could not reach" not in err
    assert "run again" not in err
    assert login_server.mailbox.messages == []


def needed(port: int) -> str:
    return (
        f"the mail server 127.0.0.1:{port} takes mail only after a login "
        "(530 5.7.0 Authentication required)"
    )


def test_a_server_asking_for_a_login_none_was_given_for_stops_and_refuses_nobody(
    database: Database, program: Program, login_server: Server
) -> None:
    """No user set, the server answers 530 to the sender: the batch stops, said as a
    login to give, not as a server that stopped it (to be tried again as it is)."""
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    settings = SmtpSettings("127.0.0.1", login_server.port, Security.NONE)
    with SmtpTransport(settings) as transport:
        report = invitations.send_batch(database, plan.to_send, transport)

    assert report.stopped_by == needed(login_server.port)
    assert report.login_needed
    assert not report.login_refused
    assert report.sent == report.refused == []
    assert login_server.mailbox.messages == []
    again = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    assert len(again.to_send) == len(plan.to_send) == 4
    assert again.refused == ()


@pytest.mark.parametrize("kind", ["invitations", "test"])
def test_the_command_says_to_give_a_user_in_one_line(
    database_url: str,
    program: Program,
    login_server: Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "no-settings.json"))
    server = ["--smtp", f"127.0.0.1:{login_server.port}", "--plain"]
    if kind == "test":
        command = ["send", "test", "--to", "aiko@example.org", *server, "--from", "cpp@tdlc.jp"]
        said = f"cpp-scheduler: {needed(login_server.port)}"
    else:
        command = ["--db", database_url, "send", "invitations"]
        command += ["--event", program.workshop.uid, *server]
        said = f"stopped: {needed(login_server.port)}"

    assert main(command) == 1

    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{said}: give the user the server knows you by with --user, its password in the "
        "system keyring (Tools > Mail settings saves it there)"
    ]
    assert login_server.mailbox.messages == []
