"""What every refusal of hostile input must look like, for the tests that feed it."""

from __future__ import annotations

from cpp_scheduler.errors import SchedulerError

RAW_BREAKS = ("\n", "\r", "\u2028", "\u2029", "\x00", "\x1b")


def assert_one_line(error: SchedulerError) -> None:
    """One short line: no raw break or control character, no quoted input at length."""
    message = str(error)
    assert message
    for character in RAW_BREAKS:
        assert character not in message, f"{character!r} in {message[:300]!r}"
    assert len(message) < 1_000, f"a message of {len(message)} characters"
