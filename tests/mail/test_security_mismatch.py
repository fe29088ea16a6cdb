"""A mail server's security chosen wrong for its port, as a coordinator first meets it:
STARTTLS asked of a server that does not offer it, TLS from the first byte asked of one
that speaks plain SMTP first (port 587), STARTTLS asked of one that waits for TLS from
the first byte (port 465), a certificate this computer does not trust, no encryption
asked of a server that requires STARTTLS, a silent server asked for no encryption. Each
is one line that says what to change (and only where that is the cause), not OpenSSL's
words cut off halfway; nothing is sent."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.mail.messages import trial_message
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.mail.transports import (
    Security,
    SmtpSettings,
    SmtpTransport,
    StartTlsNeededError,
    TransportError,
)
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import SENDER
from tests.mail.smtpserver import PASSWORD, USER, Server, smtp_server

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture
def no_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "no-mail-settings.json"))


@pytest.fixture
def starttls_server() -> Iterator[Server]:
    with smtp_server(starttls=True) as server:
        yield server


@pytest.fixture
def tls_server() -> Iterator[Server]:
    with smtp_server(implicit_tls=True) as server:
        yield server


def said_by_send_test(capsys: pytest.CaptureFixture[str], port: int, security: str) -> str:
    command = ["send", "test", "--to", "aiko@example.org", "--smtp", f"127.0.0.1:{port}"]
    assert main([*command, security, "--from", "TDLC <tdlc@example.org>"]) == 1
    said = capsys.readouterr()
    assert said.out == ""
    (line,) = said.err.splitlines()
    return line


@pytest.mark.usefixtures("no_settings")
def test_starttls_asked_of_a_server_that_does_not_offer_it(
    plain_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    assert said_by_send_test(capsys, plain_server.port, "--starttls") == (
        f"cpp-scheduler: could not reach the mail server 127.0.0.1:{plain_server.port}: it "
        "does not offer STARTTLS: choose TLS (usually port 465), or no encryption for a "
        "server on this computer alone"
    )
    assert plain_server.mailbox.messages == []


@pytest.mark.usefixtures("no_settings")
def test_tls_asked_of_a_server_that_speaks_plain_smtp_first(
    plain_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    assert said_by_send_test(capsys, plain_server.port, "--tls") == (
        f"cpp-scheduler: could not reach the mail server 127.0.0.1:{plain_server.port}: it "
        "does not speak TLS from its first byte: choose STARTTLS (usually port 587)"
    )
    assert plain_server.mailbox.messages == []


@pytest.mark.usefixtures("no_settings")
def test_a_certificate_this_computer_does_not_trust_is_said_whole(
    starttls_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    """The test's server shows a certificate of a throwaway authority, which the
    command (trusting the system's authorities alone) refuses, and says why."""
    line = said_by_send_test(capsys, starttls_server.port, "--starttls")
    assert re.fullmatch(
        f"cpp-scheduler: could not reach the mail server 127.0.0.1:{starttls_server.port}: "
        r"its certificate is not one this computer trusts \([a-z][^()…]+\)",
        line,
    ), line
    assert starttls_server.mailbox.messages == []


def test_starttls_asked_of_a_server_that_waits_for_tls_from_the_first_byte(
    tls_server: Server,
) -> None:
    """It takes the connection and says nothing until the client starts TLS: the wait
    ends after the transport's timeout, said as what it means."""
    settings = SmtpSettings("127.0.0.1", tls_server.port, Security.STARTTLS)
    transport = SmtpTransport(settings, context=tls_server.client_context, timeout=2)
    with pytest.raises(TransportError) as refused:
        transport.send(trial_message(SENDER, "aiko@example.org", "127.0.0.1"))
    transport.close()
    assert str(refused.value) == (
        f"could not reach the mail server 127.0.0.1:{tls_server.port}: it took the "
        "connection but said nothing in 2 seconds, as a server that speaks TLS from its "
        "first byte (usually port 465) waits: choose TLS"
    )
    assert tls_server.mailbox.messages == []


def a_silent_server() -> socket.socket:
    """A port that takes connections and says nothing, as a firewall or a hung server
    does: the system completes the connection, and nobody ever answers it."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen(4)
    return listening


@pytest.mark.parametrize(
    ("security", "said"),
    [
        (Security.NONE, "it took the connection but said nothing in 1 second"),
        (
            Security.STARTTLS,
            "it took the connection but said nothing in 1 second, as a server that speaks "
            "TLS from its first byte (usually port 465) waits: choose TLS",
        ),
    ],
)
def test_a_silent_server_is_told_to_choose_tls_only_where_that_can_be_why(
    security: Security, said: str
) -> None:
    """Asked for no encryption on a port other than 465, a silence says nothing of TLS:
    it was told to choose TLS, which a firewall or a plain server that hangs never
    wants; asked for STARTTLS, it is what a port speaking TLS from its first byte does."""
    with a_silent_server() as silent:
        port = silent.getsockname()[1]
        transport = SmtpTransport(SmtpSettings("127.0.0.1", port, security), timeout=1)
        with pytest.raises(TransportError) as refused:
            transport.send(trial_message(SENDER, "aiko@example.org", "127.0.0.1"))
        transport.close()
    assert str(refused.value) == f"could not reach the mail server 127.0.0.1:{port}: {said}"


def encryption_needed(port: int, answer: str) -> str:
    return (
        f"the mail server 127.0.0.1:{port} takes mail only over an encrypted connection "
        f"({answer}): choose STARTTLS (usually port 587)"
    )


@pytest.mark.usefixtures("no_settings")
def test_no_encryption_asked_of_a_server_that_requires_starttls_says_to_choose_it(
    starttls_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    """It answers the sender "530 Must issue a STARTTLS command first" (RFC 3207): once
    said as a server that takes mail only after a login, with the hint to give a user,
    which would not have helped."""
    line = said_by_send_test(capsys, starttls_server.port, "--plain")
    assert line == "cpp-scheduler: " + encryption_needed(
        starttls_server.port, "530 Must issue a STARTTLS command first"
    )
    assert "--user" not in line
    assert starttls_server.mailbox.messages == []


def test_a_user_given_without_encryption_is_told_to_choose_starttls_not_the_password(
    starttls_server: Server,
) -> None:
    """With a user, the login comes first, and the server offers none before STARTTLS."""
    settings = SmtpSettings("127.0.0.1", starttls_server.port, Security.NONE, USER)
    with (
        pytest.raises(StartTlsNeededError) as refused,
        SmtpTransport(settings, PASSWORD) as transport,
    ):
        transport.send(trial_message(SENDER, "aiko@example.org", "127.0.0.1"))
    assert str(refused.value) == encryption_needed(
        starttls_server.port, "it offers a login only after STARTTLS"
    )
    assert starttls_server.mailbox.messages == []


def test_a_batch_without_encryption_stops_as_a_wrong_security_not_a_missing_login(
    database: Database, program: Program, starttls_server: Server
) -> None:
    plan = invitations.plan_invitations(database, EventScope(program.workshop.uid), SENDER)
    settings = SmtpSettings("127.0.0.1", starttls_server.port, Security.NONE)
    with SmtpTransport(settings) as transport:
        report = invitations.send_batch(database, plan.to_send, transport)
    assert report.stopped_by == encryption_needed(
        starttls_server.port, "530 Must issue a STARTTLS command first"
    )
    assert not report.login_needed
    assert report.sent == []
    assert report.refused == []
    assert starttls_server.mailbox.messages == []
