"""The whole program to and from a program file, as the window's File menu asks for it.

The file format is ``cpp_scheduler.programfile``'s; these are the operations the window
calls (off its GUI thread), the same the CLI's ``export``/``import`` subcommands run.
An import is not an undoable step: it writes many records in one transaction and keeps
no state to take them back, so the window asks before it imports into a program that
already has events.
"""

from __future__ import annotations

from pathlib import Path

from cpp_scheduler.programfile import (
    ImportReport,
    ProgramFileSummary,
    export_program,
    import_program,
)
from cpp_scheduler.store import Database


def export_program_file(database: Database, path: Path) -> ProgramFileSummary:
    """Write every record of the program to ``path``; what was written, per section."""
    return export_program(database, path)


def import_program_file(database: Database, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Create and update the records ``path`` holds, in one transaction; a ``dry_run``
    says what the import would do, every check made, and writes nothing."""
    return import_program(database, path, dry_run=dry_run)
