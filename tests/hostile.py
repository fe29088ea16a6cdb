"""What every refusal of hostile input must look like, for the tests that feed it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cpp_scheduler.errors import SchedulerError

REPO_ROOT = Path(__file__).resolve().parents[1]

RAW_BREAKS = ("\n", "\r", "\u2028", "\u2029", "\x00", "\x1b")


def assert_one_line(error: SchedulerError) -> None:
    """One short line: no raw break or control character, no quoted input at length."""
    message = str(error)
    assert message
    for character in RAW_BREAKS:
        assert character not in message, f"{character!r} in {message[:300]!r}"
    assert len(message) < 1_000, f"a message of {len(message)} characters"


def state_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Each file of ``folder``: its bytes and its modification time in nanoseconds."""
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The command as a coordinator runs it, in a process that must end by itself."""
    done: subprocess.CompletedProcess[str] = run_command(
        list(arguments), capture_output=True, text=True
    )
    return done


def run_command(
    arguments: Sequence[str | bytes], environment: Mapping[str, str] | None = None, **how: Any
) -> subprocess.CompletedProcess[Any]:
    """The command run as :func:`run_cli` runs it, its arguments as given (bytes too),
    with ``environment`` added and its streams as ``how`` asks."""
    return subprocess.run(
        [sys.executable, "-m", "cpp_scheduler", *arguments],
        timeout=60,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **(environment or {})},
        check=False,
        **how,
    )


@contextmanager
def named_pipe(path: Path, patience: float = 10.0) -> Iterator[Path]:
    """A FIFO at ``path`` that nobody writes to: reading it would wait forever.

    Should the code under test read it all the same, a writer comes after ``patience``
    seconds and closes at once, so the test fails on the empty file instead of hanging.
    """
    os.mkfifo(path)
    done = threading.Event()

    def release_a_stuck_reader() -> None:
        if not done.wait(patience):
            with open(path, "wb"):
                pass

    helper = threading.Thread(target=release_a_stuck_reader, daemon=True)
    helper.start()
    try:
        yield path
    finally:
        done.set()
