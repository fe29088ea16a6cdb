"""The error of a program file that cannot be read, or whose program cannot be saved."""

from __future__ import annotations

from pathlib import Path

from cpp_scheduler.errors import SchedulerError, shown_path


class ProgramFileError(SchedulerError):
    """What is wrong, in one line that names the file and, where it applies, the record
    (kind, name and id) and the rule it breaks. Nothing was written."""

    def __init__(self, path: Path | str, message: str, record: str | None = None) -> None:
        self.path = Path(path)
        self.record = record
        name = shown_path(self.path.name)  # a file's name may hold a line break
        where = f"{name}: {record}: " if record else f"{name}: "
        super().__init__(where + message)
