"""How far a long command has got, on one line of the terminal that runs it.

Written to stderr, and only when stderr is a terminal: a script that reads the command's
output, or a log that keeps its errors, gets nothing more than before. The line is drawn
over itself (carriage return, then erase to the end of the line) at most a few times a
second, whatever the pace of the work, and erased when the work ends, so what the command
prints next starts on a clean line.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from cpp_scheduler.i18n import _

REFRESH_SECONDS = 0.25
"""The least time between two drawings of the line."""

_ERASE = "\r\x1b[K"
"""Back to the start of the line, and erase it (ANSI: understood by every terminal the
program runs in, Windows 10's console included)."""


class TerminalProgress:
    """The progress line of one command on ``stream``, silent unless it is a terminal."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.shown = _is_terminal(stream)
        self._clock = clock
        self._drawn_at: float | None = None
        self._drawn = False

    def events_read(self, done: int, total: int) -> None:
        """Told by the reader: ``done`` of the file's ``total`` events read."""
        self._draw(
            _("{done} of {total} events read").format(done=f"{done:,}", total=f"{total:,}"),
            final=done >= total,
        )

    def events_written(self, done: int, total: int) -> None:
        """Told by the import: ``done`` of ``total`` new events written."""
        self._draw(
            _("{done} of {total} new events written").format(done=f"{done:,}", total=f"{total:,}"),
            final=done >= total,
        )

    def _draw(self, text: str, *, final: bool) -> None:
        if not self.shown:
            return
        now = self._clock()
        if not final and self._drawn_at is not None and now - self._drawn_at < REFRESH_SECONDS:
            return
        self._drawn_at = now
        self.stream.write(f"{_ERASE}{text}")
        self.stream.flush()
        self._drawn = True

    def erase(self) -> None:
        """Take the line away (when the work is done, or has failed)."""
        if self._drawn:
            self.stream.write(_ERASE)
            self.stream.flush()
            self._drawn = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or a stand-in stream
        return False


@contextmanager
def terminal_progress(stream: TextIO | None = None) -> Iterator[TerminalProgress]:
    """A progress line on ``stream`` (stderr) for the work of the ``with`` block, erased
    when it ends, however it ends."""
    progress = TerminalProgress(sys.stderr if stream is None else stream)
    try:
        yield progress
    finally:
        progress.erase()


__all__ = ["REFRESH_SECONDS", "TerminalProgress", "terminal_progress"]
