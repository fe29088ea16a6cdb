"""smtplib's clients, each reply of the server read within the session's timeout and a
bound on its size.

smtplib gives its timeout to each read of the socket, and reads a reply's continuation
lines (``250-``) for as long as the server sends them: a server that says one byte every
few seconds held a send for ever, and one that says ``220-`` lines without end filled
the memory at a gigabyte every few seconds. Here a whole reply must come within the
timeout, in at most :data:`MOST_REPLY_BYTES`; otherwise the connection is taken as
lost, in smtplib's own words, which the transport says in its one line.
"""

from __future__ import annotations

import smtplib
import socket
import time
from typing import Any

MOST_REPLY_BYTES = 64 * 1024
"""The most one reply of the server may say. RFC 5321 sets no bound on a reply's lines;
a real one (EHLO's list of extensions) holds a few hundred bytes."""

_CHUNK = 4096


class ReplyTooLongError(OSError):
    """The server's reply went on past :data:`MOST_REPLY_BYTES`."""


class _ReplyReader:
    """The lines of the server's replies, read from the socket a chunk at a time, each
    reply within its deadline and its bound (:meth:`start_reply`). What a chunk holds
    past a line stays for the next."""

    def __init__(self, sock: socket.socket, timeout: float) -> None:
        self.sock = sock
        self._timeout = timeout
        self._buffer = b""
        self._deadline: float | None = None
        self._said = 0

    def start_reply(self) -> None:
        # smtplib's own default timeout is a marker, no number: no deadline then.
        timed = isinstance(self._timeout, int | float)
        self._deadline = time.monotonic() + self._timeout if timed else None
        self._said = 0

    def readline(self, size: int = -1) -> bytes:
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0 or 0 <= size <= len(self._buffer):
                cut = end + 1 if end >= 0 else size
                if size >= 0:
                    cut = min(cut, size)
                line, self._buffer = self._buffer[:cut], self._buffer[cut:]
                self._said += len(line)
                if self._said > MOST_REPLY_BYTES:
                    raise ReplyTooLongError(
                        f"the server's reply went on past {MOST_REPLY_BYTES // 1024} KB"
                    )
                return line
            if self._deadline is not None:
                left = self._deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("timed out")
                self.sock.settimeout(left)
            chunk = self.sock.recv(_CHUNK)
            if not chunk:  # the server closed: what it said last, if anything
                line, self._buffer = self._buffer, b""
                return line
            self._buffer += chunk

    def close(self) -> None:
        """smtplib closes its file before the socket: nothing of this one's own."""


class _BoundedReplies:
    """What smtplib's SMTP and SMTP_SSL are given: :class:`_ReplyReader` as the file
    their replies are read from, the socket's own timeout put back after each reply
    for what is sent next."""

    sock: socket.socket | None
    file: Any
    timeout: float

    def connect(
        self, host: str = "localhost", port: int = 0, source_address: Any = None
    ) -> tuple[int, bytes]:
        try:
            answer: tuple[int, bytes] = super().connect(  # type: ignore[misc]
                host, port, source_address
            )
            return answer
        except KeyboardInterrupt:
            # Ctrl-C while the server is reached: the socket made so far is closed,
            # whatever step of smtplib's connect it came in.
            self.close()  # type: ignore[attr-defined]
            raise

    def getreply(self) -> tuple[int, bytes]:
        if self.sock is not None and (
            not isinstance(self.file, _ReplyReader) or self.file.sock is not self.sock
        ):
            self.file = _ReplyReader(self.sock, self.timeout)  # a new socket: after STARTTLS
        if isinstance(self.file, _ReplyReader):
            self.file.start_reply()
        try:
            reply: tuple[int, bytes] = super().getreply()  # type: ignore[misc]
            return reply
        except KeyboardInterrupt:
            # Ctrl-C while the server is awaited: smtplib closes on a failed read
            # alone, and a greeting cut short would leave its socket open.
            self.close()  # type: ignore[attr-defined]
            raise
        finally:
            if self.sock is not None and isinstance(self.timeout, int | float):
                self.sock.settimeout(self.timeout)


class SMTP(_BoundedReplies, smtplib.SMTP):
    """smtplib.SMTP, each reply bounded in time and size."""


class SMTP_SSL(_BoundedReplies, smtplib.SMTP_SSL):  # noqa: N801 (smtplib's name)
    """smtplib.SMTP_SSL, each reply bounded in time and size."""
