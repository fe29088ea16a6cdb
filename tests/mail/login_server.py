"""A mail server that takes mail only after a login, and a keyring kept in memory: what
the tests of a refused password share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
from aiosmtpd.controller import Controller
from keyring.backend import KeyringBackend

from tests.mail.smtpserver import USER, Mailbox, Server, _authenticate, free_port

REFUSED = (
    f"the server refused the login for '{USER}' (535 5.7.8 Authentication credentials invalid)"
)
"""What a batch stops with when the password is wrong."""


@contextmanager
def login_smtp_server() -> Iterator[Server]:
    """A plain server on 127.0.0.1 (aiosmtpd with an authenticator, no TLS required)
    that takes mail only after a login as ``USER`` with ``PASSWORD``."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticate,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield Server(mailbox, port, client_context=None)  # type: ignore[arg-type]
    finally:
        controller.stop()


class MemoryKeyring(KeyringBackend):
    """The system keyring, kept in memory for a test."""

    priority = 1.0  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The keyring in memory while the block runs, the system's again after it."""
    previous = keyring.get_keyring()
    held = MemoryKeyring()
    keyring.set_keyring(held)
    try:
        yield held
    finally:
        keyring.set_keyring(previous)
