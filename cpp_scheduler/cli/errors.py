"""The error a command raises for a mistake on its own command line, and the one refusal
of an output file named for another kind of file."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from cpp_scheduler.errors import SchedulerError, shown_path
from cpp_scheduler.files import check_writable_target


class CliError(SchedulerError):
    """A failure the user can act on; its message is the whole line printed."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def refuse_other_suffix(output: Path, suffixes: Collection[str], refusal: str) -> None:
    """Refuse, before anything is read, an output file named with a suffix the command
    does not write (``refusal``, with ``{file}``, says which it writes), as argparse
    refuses a bad value (status 2): a PDF saved as ``day.txt`` would open in an editor
    as garbage, and the name would hide what the file is. ``suffixes`` are lowercase,
    with their dot; the name's own is compared without case (``Day.PDF`` is a PDF)."""
    if output.suffix.lower() not in suffixes:
        raise CliError(refusal.format(file=shown_path(output)), status=2)


def check_output(output: Path) -> None:
    """Refuse, before anything is read, a file that cannot be written where it is asked
    for, in the very words its writing would refuse it with
    (:func:`~cpp_scheduler.files.check_writable_target`): every command that saves a
    file says a folder not there, a folder given for a file or the database alike."""
    check_writable_target(output)
