"""What every spreadsheet writer does alike: keep text from turning into a formula.

Files are replaced whole or not at all by :func:`cpp_scheduler.files.write_atomically`."""

from __future__ import annotations

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
