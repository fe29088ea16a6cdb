"""An import onto a full disk says what the store says of any save there.

The records an import creates are written in bulk, and the history's entries at the
commit, straight through the driver: a full disk was told in the driver's English
("database or disk is full"), untranslated. The test fills a real small file system.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cpp_scheduler.model import Event
from cpp_scheduler.programfile import ProgramFileError, import_program
from cpp_scheduler.store import Database, open_database
from tests.disks import fill_up


@pytest.fixture
def small_disk(small_disk_of: Callable[[str], Path]) -> Path:
    """A real file system of 1.2 MB, filled by whatever the test writes to it."""
    return small_disk_of("1200k")


@pytest.fixture
def full_store(small_disk: Path, sqlite_template: Path) -> Iterator[Database]:
    """A program with the reference data on a disk with no room left."""
    path = small_disk / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    store = open_database(path)
    with store.session() as session:
        session.scalar(select(func.count()).select_from(Event))  # opened, WAL in place
    fill_up(small_disk)
    yield store
    store.close()


def _events(store: Database) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Event)) or 0)


def _refusal(store: Database, program: Path) -> str:
    with pytest.raises(ProgramFileError) as refused:
        import_program(store, program)
    return str(refused.value)


def test_an_import_onto_a_full_disk_says_the_disk_is_full_and_saves_nothing(
    full_store: Database, demo_sqlite_path: Path, tmp_path: Path
) -> None:
    program = tmp_path / "demo.json"
    _export(demo_sqlite_path, program)

    message = _refusal(full_store, program)

    assert message == (
        f"demo.json: cannot save the change: the disk holding {full_store.name} is full; "
        "nothing was saved, free some space and save again"
    )
    assert _events(full_store) == 0


@pytest.mark.usefixtures("japanese")
def test_in_japanese_the_full_disk_is_told_in_japanese(
    full_store: Database, demo_sqlite_path: Path, tmp_path: Path
) -> None:
    program = tmp_path / "demo.json"
    _export(demo_sqlite_path, program)

    message = _refusal(full_store, program)

    assert "disk is full" not in message
    assert message.startswith("demo.json: ")
    assert f"{full_store.name} のあるディスクがいっぱいです。何も保存していません。" in message


def _export(database_path: Path, program: Path) -> None:
    from cpp_scheduler.programfile import export_program

    store = open_database(database_path)
    try:
        export_program(store, program)
    finally:
        store.close()
