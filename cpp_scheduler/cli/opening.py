"""Opening the program a command works on, without making one by mistake.

Opening a SQLite file that is not there makes a new, empty program at once. That is
right for the commands that bring a program in (``demo``, ``import``, ``program
import``), and wrong for every other: a mistyped ``--db`` would answer "no events" from
a program made a moment ago, and leave that file behind for the window to open next.
"""

from __future__ import annotations

from cpp_scheduler.cli.errors import CliError
from cpp_scheduler.i18n import _
from cpp_scheduler.store import Database, missing_program, open_database


def open_program(database: str | None) -> Database:
    """The program at ``database`` (``--db``), which must already hold one."""
    missing = missing_program(database)
    if missing is not None:
        raise CliError(
            _(
                "there is no program at {path}; check --db, or make one with "
                "'cpp-scheduler demo' or 'cpp-scheduler program import FILE'"
            ).format(path=missing)
        )
    return open_database(database)
