"""The error a command raises for a mistake on its own command line, and how a path given
on it is read: as every path typed is, and an output file named as its kind is."""

from __future__ import annotations

import os
from pathlib import Path

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.files import (
    FileKind,
    FileWriteError,
    check_writable_target,
    named_as,
    typed_path,
)


class CliError(SchedulerError):
    """A failure the user can act on; its message is the whole line printed."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


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
