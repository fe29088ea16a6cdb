"""The error a command raises for a mistake on its own command line."""

from __future__ import annotations

from cpp_scheduler.errors import SchedulerError


class CliError(SchedulerError):
    """A failure the user can act on; its message is the whole line printed."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status
