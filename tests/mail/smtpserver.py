"""A real SMTP server (aiosmtpd) on a free local port, for the tests that send mail.

It keeps every message it accepted, as received and parsed by the standard library, with
its envelope; it refuses a sender or a recipient without a domain, as a real server does
(Postfix's ``reject_non_fqdn_sender``), and can be told to refuse some addresses for good
(550), to put some off (450 at RCPT, as greylisting or a full mailbox does), to reject
the message to some after its DATA (554, as a content filter does), or to end the session
(421) after it has accepted a number of messages, as a server does that shuts down
halfway.
"""

from __future__ import annotations

import email
import socket
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "coordinator"
PASSWORD = "throwaway-password-for-tests"


@dataclass
class Mailbox:
    refuse: set[str] = field(default_factory=set)
    defer: set[str] = field(default_factory=set)
    """Addresses answered 450 at RCPT: try later."""
    reject_data: set[str] = field(default_factory=set)
    """Addresses whose message is refused after its DATA, with :attr:`data_answer`."""
    data_answer: str = "554 5.7.1 message content rejected"
    """The refusal after DATA: a content filter's, unless a test says otherwise."""
    fail_after: int | None = None
    """Answer 421 (the service closes) to every recipient once this many messages were
    accepted."""
    while_receiving: Callable[[], None] | None = None
    """Called with each message's DATA, before the server answers it: what happens
    while the client waits for the answer (a slow or greylisting server)."""
    messages: list[EmailMessage] = field(default_factory=list)
    received: list[bytes] = field(default_factory=list)
    """Each message's bytes as the client sent them, for what parsing hides (folding)."""
    recipients: list[str] = field(default_factory=list)
    senders: list[str] = field(default_factory=list)
    """The MAIL FROM of each message accepted."""

    async def handle_MAIL(  # noqa: N802 (aiosmtpd's hook names)
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if "@" not in address:
            return f"553 5.1.7 <{address}>: Sender address rejected: need a domain"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(  # noqa: N802
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if "@" not in address:
            return f"501 5.1.3 <{address}>: Recipient address rejected: need a domain"
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        if address in self.defer:
            return "450 4.2.1 mailbox busy, try again later"
        if self.fail_after is not None and len(self.messages) >= self.fail_after:
            return "421 4.3.0 service shutting down"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        if self.while_receiving is not None:
            self.while_receiving()
        if self.reject_data & set(envelope.rcpt_tos):
            return self.data_answer
        message = email.message_from_bytes(envelope.original_content, policy=default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.received.append(envelope.original_content)
        self.recipients.extend(envelope.rcpt_tos)
        self.senders.append(envelope.mail_from)
        return "250 Message accepted"


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    good = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=good, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    mailbox: Mailbox
    port: int
    client_context: ssl.SSLContext


@contextmanager
def smtp_server(*, starttls: bool = False, implicit_tls: bool = False) -> Iterator[Server]:
    """A server on 127.0.0.1; with ``starttls`` it requires STARTTLS and a login, with
    ``implicit_tls`` it speaks TLS from the first byte and requires a login (both with a
    certificate from a throwaway authority the client context trusts)."""
    authority = trustme.CA()
    client_context = ssl.create_default_context()
    authority.configure_trust(client_context)
    mailbox = Mailbox()
    port = free_port()
    options: dict[str, Any] = {}
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    login = {"authenticator": _authenticate, "auth_required": True}
    if starttls:
        options = {"tls_context": server_context, "require_starttls": True, **login}
    elif implicit_tls:
        options = {"ssl_context": server_context, "auth_require_tls": False, **login}
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield Server(mailbox, port, client_context)
    finally:
        controller.stop()
