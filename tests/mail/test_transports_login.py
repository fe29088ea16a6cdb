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
