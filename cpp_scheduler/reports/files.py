"""What every spreadsheet writer does alike: keep text from turning into a formula, and
replace a file whole or not at all."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel (or LibreOffice) read a cell as a formula or a command: a name such
as ``=HYPERLINK(...)`` or ``@SUM(...)`` typed into a title must stay that text."""


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def defused(text: str) -> str:
    """``text`` as a spreadsheet shows it without running it: an apostrophe before a
    leading ``=``, ``+``, ``-``, ``@``, tab or carriage return (the quote prefix Excel
    itself uses for text typed with such a start)."""
    return f"'{text}" if is_formula_like(text) else text


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write a file whole through ``write``, or leave what was there before.

    The bytes go to a new file in the same folder, renamed over ``path`` at the end; the
    new file is created with the permissions the user's umask gives (0666 less it), as
    any file they save.
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
