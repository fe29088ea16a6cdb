"""A database on a full disk is said to be on a full disk, in one line naming it, and
nothing is half-written. SQLite says only "disk I/O error" where it cannot grow the index
of its log (a database opened on a full disk), and "database or disk is full" in English
where the copy made before an upgrade does not fit: the disk itself is asked what it is.
The tests fill a real small file system."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cpp_scheduler.store.migrations import SchemaError, backup_sqlite
from tests.disks import fill_up
from tests.hostile import run_cli


def test_a_database_on_a_full_disk_is_said_to_be_on_a_full_disk(
    small_disk_of: Callable[[str], Path], demo_sqlite_path: Path
) -> None:
    disk = small_disk_of("1200k")
    database = disk / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, database)
    fill_up(disk)

    result = run_cli("--db", str(database), "events", "list")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"cpp-scheduler: the disk holding {database} is full; free some space and try again\n"
    )
    assert (disk / "program.sqlite").read_bytes() == demo_sqlite_path.read_bytes()


def test_the_copy_before_an_upgrade_on_a_full_disk_says_the_disk_is_full(
    small_disk_of: Callable[[str], Path], demo_sqlite_path: Path
) -> None:
    """The database fits on the disk, its copy does not: the upgrade stops before it
    changes anything, and no part of the copy is left."""
    disk = small_disk_of(f"{demo_sqlite_path.stat().st_size * 3 // 2 // 1024}k")
    database = disk / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, database)

    with pytest.raises(SchemaError) as caught:
        backup_sqlite(database, "0042")

    message = str(caught.value)
    assert message.startswith(f"cannot upgrade {database}: copying it to {disk}/program.before-")
    assert message.endswith(".sqlite first failed (the disk is full); nothing was changed")
    assert [path.name for path in disk.iterdir()] == ["program.sqlite"]
