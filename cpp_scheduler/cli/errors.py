"""The error a command raises for a mistake on its own command line, the line a command
prints for an error (:func:`said`), and how a path given on it is read: as every path
typed is, and an output file named as its kind is."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.files import (
    FileKind,
    FileWriteError,
    check_writable_target,
    named_as,
    typed_path,
)
from cpp_scheduler.i18n import N_, _


class CliError(SchedulerError):
    """A failure the user can act on; its message is the whole line printed."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


LOST_SAVE_HINT = N_("{refusal}; run the command again once the server answers")
"""What a command adds to a save the lost connection ended: the core says nothing was
saved, and here the next step is the command's own, not the window's (which reconnects
by itself and saves again)."""


def said(error: SchedulerError) -> str:
    """The line a command prints for ``error``: the core's, with this medium's next step
    where the core leaves it to each medium (a save the lost connection ended)."""
    if "cpp_scheduler.store" not in sys.modules:  # nothing reached the database: no save
        return str(error)
    from cpp_scheduler.services.database import lost_while_saving

    if lost_while_saving(error):
        return _(LOST_SAVE_HINT).format(refusal=error)
    return str(error)


def typed_argument(text: str | os.PathLike[str]) -> Path:
    """A file or a folder given on the command line, read as every path typed is
    (:func:`~cpp_scheduler.files.typed_path`): a line break or another control character
    in it refused, ``~`` the home folder, a bare name read in the folder the command runs
    in and made whole, so that every message names the file wherever it is. Refused as
    argparse refuses a bad value (status 2)."""
    try:
        return typed_path(os.fspath(text), working_folder=True)
    except SchedulerError as error:
        raise CliError(str(error), status=2) from None


def output_file(text: str | os.PathLike[str], kind: FileKind) -> Path:
    """The file a command writes for ``-o TEXT``, refused before anything is read unless
    it can be written as a file of ``kind``: typed as every path is
    (:func:`typed_argument`), named by the one rule of every file the program writes
    (:func:`~cpp_scheduler.files.named_as`: the kind's suffix added to a name without
    one, another suffix refused, as argparse refuses a bad value, status 2), and a place
    a file can be put (:func:`check_output`)."""
    path = typed_argument(text)
    try:
        path = named_as(path, kind)
    except FileWriteError as error:
        raise CliError(str(error), status=2) from None
    check_output(path)
    return path


def check_output(output: Path) -> None:
    """Refuse, before anything is read, a file that cannot be written where it is asked
    for, in the very words its writing would refuse it with
    (:func:`~cpp_scheduler.files.check_writable_target`): every command that saves a
    file says a folder not there, a folder given for a file or the database alike."""
    check_writable_target(output)
