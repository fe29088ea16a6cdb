"""How messages leave: an SMTP server, or an outbox folder of ``.eml`` files.

A transport either accepts a message (it then left, or lies whole in the outbox),
refuses it for good (:class:`RecipientRefusedError`: a 5xx to its recipient or to the
message itself), puts it off (:class:`RecipientDeferredError`: a 4xx to its recipient or
its message, a greylisting or a full mailbox), or fails in a way that stops the batch
(:class:`TransportError`: the folder cannot be written, the session ends with 421, the
connection is lost, the login or the sender is refused), so that nothing after the
failure is claimed sent; a refused login is :class:`LoginRefusedError`, told apart from
a server out of reach, since its remedy is the password, not another try; a server that
takes mail only over STARTTLS asked for no encryption is :class:`StartTlsNeededError`,
whose remedy is the security, not a user or a login. A refusal or a
deferral concerns that message alone (RFC 5321 sections 3.3 and 4.2.5): the batch goes on
with the others.

The server is told whom a message is from and for (MAIL FROM, RCPT TO) by the message's
:class:`Envelope`, the addresses the program wrote into its From and To, never by reading
those headers back: a name that holds a comma, or is folded over two lines, would give
the server a piece of the name as an address.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import Message
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Protocol

from cpp_scheduler.errors import SchedulerError, printable, quoted, system_reason
from cpp_scheduler.files import FileWriteError, write_atomically
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.mail import smtp_client


class TransportError(SchedulerError):
    """The server or the folder failed: the batch stops, what went out is recorded."""


class LoginRefusedError(TransportError):
    """The server refused the login (a wrong user or password): sending again fails the
    same way until the password is corrected."""

    def __init__(self, user: str, answer: str) -> None:
        super().__init__(
            _("the server refused the login for {user} ({answer})").format(
                user=quoted(user), answer=answer
            )
        )
        self.user = user


class LoginNeededError(TransportError):
    """The server takes mail only after a login, and none was given (530, RFC 4954):
    sending again fails the same way until a user is set."""

    def __init__(self, server: str, answer: str) -> None:
        super().__init__(
            _("the mail server {server} takes mail only after a login ({answer})").format(
                server=printable(server), answer=answer
            )
        )


class StartTlsNeededError(TransportError):
    """The server takes mail only over a connection made secure by STARTTLS (RFC 3207),
    and the settings ask for none: it said so (``530 5.7.0 Must issue a STARTTLS
    command first``), or it offers STARTTLS and no login before it. Sending again, or
    giving a user, fails the same way until the security is STARTTLS."""

    def __init__(self, server: str, answer: str) -> None:
        super().__init__(
            _(
                "the mail server {server} takes mail only over an encrypted connection "
                "({answer}): choose STARTTLS (usually port 587)"
            ).format(server=printable(server), answer=answer)
        )


_LOGIN_NEEDED = 530
"""The server's answer to a command given before the login it requires (RFC 4954), or
before the STARTTLS it requires (RFC 3207)."""

_TLS_PORT = 465
"""The port of SMTP over TLS from the first byte (RFC 8314)."""


class RecipientRefusedError(SchedulerError):
    """The server refused this recipient or this message for good (5xx); the others are
    still sent. ``code`` and ``answer`` are the server's reply (``550``, ``5.1.1 no such
    user``, on one line), which the program keeps to tell the coordinator later.
    ``of_address``: refused at the address (RCPT), which every later message to it
    would meet; else the message itself was, after its content (DATA: too large, or a
    sender the server will not send as), which says nothing of the address."""

    def __init__(
        self, message: str, code: int = 0, answer: str = "", *, of_address: bool = True
    ) -> None:
        super().__init__(message)
        self.code = code
        self.answer = answer
        self.of_address = of_address


class RecipientDeferredError(SchedulerError):
    """The server asked to try this recipient or this message later (4xx but 421); the
    others are still sent, and this one is left for a later batch."""


_MAILBOX_STATUS = re.compile(r"^5\.1\.(\d{1,3})\b")
"""An enhanced status code of addressing (RFC 3463, X.1.Y), at the reply's start."""
_SENDERS_ADDRESS = frozenset({"7", "8"})
"""X.1.7 and X.1.8: the sender's address, not the recipient's."""


def _names_the_mailbox(answer: str) -> bool:
    """Whether a refusal given after a message's content speaks of the recipient's
    address all the same (``5.1.1 User unknown``, as servers that check mailboxes late
    answer), which every later message to it would meet."""
    found = _MAILBOX_STATUS.match(answer.strip())
    return found is not None and found.group(1) not in _SENDERS_ADDRESS


class Security(StrEnum):
    STARTTLS = "starttls"
    """Plain connection (port 587) upgraded before login."""
    TLS = "tls"
    """TLS from the first byte (port 465)."""
    NONE = "none"
    """Plain text, for a relay on the same machine only."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    security: Security = Security.STARTTLS
    user: str = ""
    """Empty: the server takes mail without login."""

    def problem(self) -> str | None:
        """What is wrong with the server's name or port, before any connection is
        tried: a name no DNS holds (empty, with a space or a control character, longer
        than 253 characters or a label longer than 63) or a port outside 1 to 65535.
        The mail settings dialog, ``send --smtp`` and the settings file are held to it
        alike."""
        host = self.host
        labels = host.rstrip(".").split(".")
        if (
            not host
            or len(host) > _LONGEST_HOST_NAME
            or not host.isprintable()
            or any(character.isspace() for character in host)
            or any(not label or len(label) > _LONGEST_LABEL for label in labels)
        ):
            return _("{host} is not the name of a mail server").format(host=quoted(host))
        if not 1 <= self.port <= HIGHEST_PORT:
            return _("port {port} is not a port (1 to 65535)").format(port=self.port)
        return None


_NOT_TLS_ANSWERS = frozenset(
    {"WRONG_VERSION_NUMBER", "UNKNOWN_PROTOCOL", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG"}
)
"""OpenSSL's words for an answer that is no TLS at all: a plain SMTP greeting read as
the start of a TLS handshake (``220 ...``), by the versions of OpenSSL Python ships with."""

_LONGEST_HOST_NAME = 253
_LONGEST_LABEL = 63
HIGHEST_PORT = 65535


@dataclass(frozen=True, slots=True)
class Envelope:
    """Whom the server is told a message is from and for: the addresses as they go on the
    wire (ASCII, see :func:`cpp_scheduler.mail.messages.wire_address`)."""

    sender: str
    """MAIL FROM: the address of the message's From."""
    recipients: tuple[str, ...]
    """RCPT TO: the address of its To, alone."""


_ENVELOPE = "cpp_scheduler_envelope"
"""The attribute of a message that holds its :class:`Envelope`."""


def set_envelope(message: Message, envelope: Envelope) -> None:
    """Give ``message`` the envelope :meth:`SmtpTransport.send` sends it with."""
    setattr(message, _ENVELOPE, envelope)


def envelope_of(message: Message) -> Envelope | None:
    """The envelope :func:`set_envelope` gave ``message``; None when it has none."""
    envelope = getattr(message, _ENVELOPE, None)
    return envelope if isinstance(envelope, Envelope) else None


class Transport(Protocol):
    name: str

    def send(self, message: Message) -> None: ...

    def close(self) -> None: ...


KEYRING_SERVICE = "cpp-scheduler-smtp"


def keyring_password(settings: SmtpSettings) -> str:
    """The SMTP password from the system keyring (never the settings or the database);
    none there, or a keyring that cannot be read (none installed, or locked), is one
    :class:`TransportError` line."""
    import keyring  # the keyring backends load slowly; only a send needs them
    from keyring.errors import KeyringError

    service = f"{KEYRING_SERVICE}:{settings.host}"
    try:
        password = keyring.get_password(service, settings.user)
    except KeyringError as error:
        raise TransportError(
            _(
                "the system keyring cannot give the password for {user} on {host} "
                "(service {service}): {error}"
            ).format(
                user=quoted(settings.user),
                host=quoted(settings.host),
                service=service,
                error=printable(str(error), 200),
            )
        ) from error
    if password is None:
        raise TransportError(
            _("no password for {user} on {host} in the system keyring (service {service})").format(
                user=quoted(settings.user), host=quoted(settings.host), service=service
            )
        )
    return password


def store_password(settings: SmtpSettings, password: str) -> None:
    """Keep the SMTP password in the system keyring, where :func:`keyring_password`
    finds it; a keyring that cannot keep it is one :class:`TransportError` line."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(f"{KEYRING_SERVICE}:{settings.host}", settings.user, password)
    except KeyringError as error:
        raise TransportError(
            _("the system keyring did not keep the password: {error}").format(
                error=printable(str(error), 200)
            )
        ) from error


class SmtpTransport:
    """One connection to the server for the whole batch, opened on first use."""

    name = "smtp"

    def __init__(
        self,
        settings: SmtpSettings,
        password: str | None = None,
        *,
        context: ssl.SSLContext | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.settings = settings
        self._password = password
        self._context = context or ssl.create_default_context()
        self._timeout = timeout
        self._client: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpTransport:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        problem = settings.problem()
        if problem is not None:  # never handed to the resolver (a name of 100,000 letters)
            raise TransportError(problem)
        client: smtplib.SMTP | None = None
        try:
            if settings.security is Security.TLS:
                client = smtp_client.SMTP_SSL(
                    settings.host, settings.port, timeout=self._timeout, context=self._context
                )
            else:
                client = smtp_client.SMTP(settings.host, settings.port, timeout=self._timeout)
                if settings.security is Security.STARTTLS:
                    client.starttls(context=self._context)
            if settings.user:
                password = self._password
                if password is None:
                    password = keyring_password(settings)
                try:
                    client.login(settings.user, password)
                except smtplib.SMTPAuthenticationError as refused:
                    text = _answer_text(refused.smtp_code, refused.smtp_error)
                    if self._starttls_needed(client, text):
                        raise StartTlsNeededError(self._server, text) from refused
                    raise LoginRefusedError(settings.user, text) from refused
                except smtplib.SMTPNotSupportedError as unsupported:
                    if self._starttls_needed(client, ""):
                        offers = _("it offers a login only after STARTTLS")
                        raise StartTlsNeededError(self._server, offers) from unsupported
                    raise
        except (smtplib.SMTPException, OSError, TransportError) as error:
            if client is not None:
                _hang_up(client)
            if isinstance(error, TransportError):
                raise
            raise TransportError(
                _("could not reach the mail server {server}: {error}").format(
                    server=printable(self._server),
                    error=self._unreached(error, greeted=client is not None),
                )
            ) from error
        return client

    @property
    def _server(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    @property
    def connected(self) -> bool:
        """Whether the session with the server is open: before it is (the greeting, the
        login), no message is on the wire."""
        return self._client is not None

    def _starttls_needed(self, client: smtplib.SMTP | None, answer: str) -> bool:
        """Whether a refusal means the connection must first be made secure, which the
        settings (no encryption) never ask: the server's answer speaks of STARTTLS, or
        its EHLO offers STARTTLS and no login (RFC 3207, RFC 4954 section 4)."""
        if self.settings.security is not Security.NONE:
            return False
        if "STARTTLS" in answer.upper():
            return True
        return client is not None and client.has_extn("starttls") and not client.has_extn("auth")

    def _unreached(self, error: BaseException, *, greeted: bool) -> str:
        """Why the session could not begin, in words that say what to change where
        the cause is known: the security chosen does not match the server's port (a port
        that speaks TLS from its first byte asked for STARTTLS, or the other way round),
        or its certificate is not trusted; else the system's or the server's words.

        A server that takes the connection and says nothing is what a port speaking TLS
        from its first byte does when asked for STARTTLS or for no encryption on 465;
        elsewhere (a firewall, a plain server that hangs) the silence is said alone."""
        security = self.settings.security
        if isinstance(error, smtplib.SMTPNotSupportedError) and security is Security.STARTTLS:
            return _(
                "it does not offer STARTTLS: choose TLS (usually port 465), or no "
                "encryption for a server on this computer alone"
            )
        if isinstance(error, ssl.SSLCertVerificationError):
            return _("its certificate is not one this computer trusts ({reason})").format(
                reason=printable(error.verify_message or str(error), 200)
            )
        if (
            isinstance(error, ssl.SSLError)
            and security is Security.TLS
            and error.reason in _NOT_TLS_ANSWERS
        ):
            return _(
                "it does not speak TLS from its first byte: choose STARTTLS (usually port 587)"
            )
        if (
            not greeted
            and security is not Security.TLS
            and isinstance(error, smtplib.SMTPServerDisconnected)
            and isinstance(error.__context__, TimeoutError)
        ):
            seconds = self._timeout
            # A fraction of a second is counted as the plural "seconds" reads it.
            count = int(seconds) if float(seconds).is_integer() else 2
            if security is Security.STARTTLS or self.settings.port == _TLS_PORT:
                text = ngettext(
                    "it took the connection but said nothing in {count} second, as a "
                    "server that speaks TLS from its first byte (usually port 465) waits: "
                    "choose TLS",
                    "it took the connection but said nothing in {count} seconds, as a "
                    "server that speaks TLS from its first byte (usually port 465) waits: "
                    "choose TLS",
                    count,
                )
            else:
                text = ngettext(
                    "it took the connection but said nothing in {count} second",
                    "it took the connection but said nothing in {count} seconds",
                    count,
                )
            return text.format(count=f"{seconds:g}")
        return printable(str(error), 200)

    def send(self, message: Message) -> None:
        """Send ``message`` to the addresses of its :class:`Envelope`; a message without
        one (not built by :mod:`cpp_scheduler.mail.messages`) is a ValueError."""
        envelope = envelope_of(message)
        if envelope is None or not envelope.recipients:
            raise ValueError("a message without an envelope cannot be sent")
        if self._client is None:
            self._client = self._connect()
        recipient = ", ".join(envelope.recipients)
        try:
            self._client.send_message(message, envelope.sender, list(envelope.recipients))
        except smtplib.SMTPRecipientsRefused as error:
            # Raised when every recipient is refused: any answer is the one to report.
            code, reply = next(iter(error.recipients.values()), (0, b""))
            self._answered(code, reply, recipient, error, refused=True)
        except smtplib.SMTPDataError as error:
            self._answered(error.smtp_code, error.smtp_error, recipient, error, refused=False)
        except smtplib.SMTPResponseException as error:
            # The sender refused, or an answer out of turn: nothing more can go.
            if error.smtp_code == 421:
                self._client = None  # smtplib has closed the connection
            text = _answer_text(error.smtp_code, error.smtp_error)
            self._login_needed(error.smtp_code, text, error)
            raise TransportError(_batch_stopped(text)) from error
        except (smtplib.SMTPException, OSError) as error:
            self._client = None
            raise TransportError(_batch_stopped(error)) from error

    def _answered(
        self,
        code: int,
        reply: bytes | str,
        recipient: str,
        error: smtplib.SMTPException,
        *,
        refused: bool,
    ) -> None:
        """Raise what the server's answer to this recipient (at RCPT, ``refused``) or to
        its message (after DATA) means: 421 ends the session, and so the batch; any
        other 4xx puts this message off, a 5xx refuses it; the batch goes on."""
        text = _answer_text(code, reply)
        self._login_needed(code, text, error)
        if code == 421:
            self._client = None  # smtplib has closed the connection
        if code == 421 or not 400 <= code < 600:
            raise TransportError(_batch_stopped(text)) from error
        if code >= 500:
            message = (
                _("the server refused {recipient}: {answer}")
                if refused
                else _("the server refused the message to {recipient}: {answer}")
            )
            raise RecipientRefusedError(
                message.format(recipient=quoted(recipient), answer=text),
                code,
                _reply_text(reply),
                of_address=refused or _names_the_mailbox(_reply_text(reply)),
            ) from error
        raise RecipientDeferredError(
            _("the server deferred {recipient}: {answer}").format(
                recipient=quoted(recipient), answer=text
            )
        ) from error

    def _login_needed(self, code: int, text: str, error: smtplib.SMTPException) -> None:
        """Raise :class:`LoginNeededError` where the server asks for the login no user
        was given for, or :class:`StartTlsNeededError` where what it asks for first is
        STARTTLS, which no user mends: the batch stops, and no recipient is taken for
        refused."""
        if code != _LOGIN_NEEDED:
            return
        if self._starttls_needed(self._client, text):
            raise StartTlsNeededError(self._server, text) from error
        if not self.settings.user:
            raise LoginNeededError(self._server, text) from error

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            _hang_up(client)


def _answer_text(code: int, reply: bytes | str) -> str:
    """A server's answer as a message quotes it: ``450 4.2.1 try later``, on one line."""
    return printable(f"{code} {_decoded(reply)}", 200)


def _reply_text(reply: bytes | str) -> str:
    """A server's answer without its code: ``4.2.1 try later``, on one line."""
    return printable(_decoded(reply), 200)


def _decoded(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def _batch_stopped(reason: object) -> str:
    """Why the rest of a batch was not sent: the server's answer or the lost connection."""
    return _("the mail server stopped the batch: {reason}").format(reason=reason)


def _hang_up(client: smtplib.SMTP) -> None:
    """Say QUIT when the server still listens; close the socket in any case."""
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        pass
    finally:
        client.close()


class OutboxTransport:
    """Each message as a whole ``.eml`` file in a folder, for a coordinator whose mail
    must leave through their own client; a file is there whole or not at all. Each
    carries ``X-Unsent: 1``, with which Outlook opens the file as a message to send
    rather than as one received (other clients ignore it)."""

    name = "outbox"

    def __init__(self, folder: Path) -> None:
        """Refused at once where no message could be written: a file in the folder's
        place, or a folder this user cannot write to (a batch would stop at its first
        message and say to run again, which could not help)."""
        self.folder = folder
        if folder.exists() and not folder.is_dir():
            raise TransportError(
                _("the outbox {path} is a file, not a folder").format(path=quoted(str(folder), 200))
            )
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            raise TransportError(
                _("the outbox {path} cannot be written to").format(path=quoted(str(folder), 200))
            )

    def send(self, message: Message) -> None:
        local = str(message["Message-ID"]).strip("<>").split("@", 1)[0]
        target = self.folder / f"{local}.eml"
        try:
            # The outbox is the coordinator's to name: made on the first message.
            self.folder.mkdir(parents=True, exist_ok=True)
            if message["X-Unsent"] is None:
                message["X-Unsent"] = "1"
            write_atomically(target, bytes(message))
        except FileWriteError as error:
            raise TransportError(str(error)) from error
        except OSError as error:
            raise TransportError(
                _("could not write {path}: {reason}").format(
                    path=target, reason=system_reason(error)
                )
            ) from error

    def close(self) -> None:
        pass
