"""The documents' tests share the demo program, in a database of each test's own."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database, open_database


@pytest.fixture
def own_demo(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """The demo in a database of the test's own, to change."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    load_demo(database)
    yield database
    database.close()


@pytest.fixture
def demo_copy(demo_sqlite_path: Path, tmp_path: Path) -> Path:
    """A copy of the demo's SQLite file of the test's own, for the command line to print
    from once the test has changed it."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    return path
