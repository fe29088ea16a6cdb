"""A program file imported into a SQLite program moved or deleted since it was opened is
refused with the one line every save into it gets: nothing is written into the moved
file, and no new file is made at the old path."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cpp_scheduler.programfile import export_program, import_program
from cpp_scheduler.store import Database, open_database
from cpp_scheduler.store.errors import FileMovedError


def _events_in(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.parametrize("asked_first", [True, False], ids=["asked-first", "at-the-commit"])
def test_an_import_into_a_moved_file_is_refused_in_one_line(
    sqlite_database: Database,
    demo_sqlite_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    asked_first: bool,
) -> None:
    """Refused before the import begins, and, should the file move while it runs (here:
    the first question not asked), at its commit."""
    program = tmp_path / "demo.json"
    demo = open_database(demo_sqlite_path)
    try:
        export_program(demo, program)
    finally:
        demo.close()
    path = Path(str(sqlite_database.url.database))
    archive = tmp_path / "archive"
    archive.mkdir()
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            shutil.move(f"{path}{suffix}", archive / f"{path.name}{suffix}")
    if not asked_first:
        monkeypatch.setattr(sqlite_database, "check_in_place", lambda **_: None)

    with pytest.raises(FileMovedError) as refused:
        import_program(sqlite_database, program)

    assert str(refused.value) == (
        f"program.sqlite was moved or deleted from {path.parent}; nothing was saved"
    )
    assert _events_in(archive / path.name) == 0
    assert not path.exists()
