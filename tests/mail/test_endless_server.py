"""A mail server that never ends its reply: one that says ``220-`` lines without end,
and one that says a byte at a time, each well within the timeout of a read. Each send
ends in one line within the session's timeout, and no reply grows past a bound: the
first held a send for ever and took a gigabyte of memory every few seconds, the second
held it for ever."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import pytest

from cpp_scheduler.mail.messages import trial_message
from cpp_scheduler.mail.smtp_client import MOST_REPLY_BYTES
from cpp_scheduler.mail.transports import Security, SmtpSettings, SmtpTransport, TransportError
from tests.mail.helpers import SENDER


def endless_greeting(connection: socket.socket, stop: threading.Event) -> int:
    """``220-`` lines as fast as the client reads them, ten megabytes of them (a client
    without a bound reads them all, then meets the end); how many bytes went."""
    line = b"220-" + b"x" * 72 + b"\r\n"
    sent = 0
    while not stop.is_set() and sent < 10_000_000:
        connection.sendall(line)
        sent += len(line)
    return sent


def one_byte_at_a_time(connection: socket.socket, stop: threading.Event) -> int:
    """``220-`` and a hundred letters, a byte every tenth of a second, each read well
    within the timeout of a read, and never the line's end."""
    sent = 0
    for byte in b"220-" + b"a" * 100:
        if stop.wait(0.1):
            break
        connection.sendall(bytes([byte]))
        sent += 1
    return sent


@contextmanager
def server_saying(talk: Callable[[socket.socket, threading.Event], int]) -> Iterator[int]:
    """A port whose server says ``talk`` to the first connection, until the client
    hangs up or the test ends."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen(1)
    stop = threading.Event()

    def serve() -> None:
        connection, _address = listening.accept()
        with connection, suppress(OSError):  # the client hung up, as it should
            talk(connection, stop)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listening.getsockname()[1]
    finally:
        stop.set()
        thread.join(10)
        listening.close()


@pytest.mark.parametrize(
    ("talk", "said"),
    [
        (endless_greeting, f"the server's reply went on past {MOST_REPLY_BYTES // 1024} KB"),
        (one_byte_at_a_time, "it took the connection but said nothing in 2 seconds"),
    ],
    ids=["endless-lines", "a-byte-at-a-time"],
)
def test_a_reply_without_end_ends_the_send_in_one_line(
    talk: Callable[[socket.socket, threading.Event], int], said: str
) -> None:
    with server_saying(talk) as port:
        transport = SmtpTransport(SmtpSettings("127.0.0.1", port, Security.NONE), timeout=2)
        with pytest.raises(TransportError) as refused:
            transport.send(trial_message(SENDER, "aiko@example.org", "127.0.0.1"))
        transport.close()
    message = str(refused.value)
    assert message.startswith(f"could not reach the mail server 127.0.0.1:{port}: ")
    assert said in message
    assert "\n" not in message
