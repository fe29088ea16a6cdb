"""The error a calendar file raises when it cannot be read or written."""

from __future__ import annotations

from cpp_scheduler.errors import SchedulerError, printable, shown_path
from cpp_scheduler.i18n import _


class CalendarFileError(SchedulerError):
    """A calendar file that cannot be used; the message names the file, the line or the
    component, and the reason, so a coordinator can find and fix it."""

    def __init__(
        self,
        source: str,
        reason: str,
        *,
        line: int | None = None,
        component: str | None = None,
    ) -> None:
        where = shown_path(source)  # a file's name may hold a line break
        if line is not None:
            where = _("{source}, line {line}").format(source=where, line=line)
        if component:
            # A component is named by what the file says, which may be anything.
            where += f" ({printable(component)})"
        super().__init__(f"{where}: {reason}")
        self.source = source
        self.reason = reason
        self.line = line
        self.component = component
