"""``export csv delegations`` writes two files read together, the delegations and their
members: both are written, or neither. A disk that fills up after the first, or a second
file that cannot be put in its place, left the first file new beside a members' file of
before (or none), and said nothing of the first."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from tests.hostile import state_of


def export_delegations(
    capsys: pytest.CaptureFixture[str], database: Path, target: Path
) -> tuple[int, str]:
    status = main(["--db", str(database), "export", "csv", "delegations", "-o", str(target)])
    said = capsys.readouterr()
    assert said.out == "" or status == 0
    (line,) = said.err.splitlines() or [""]
    return status, line


def test_a_disk_full_after_the_first_file_writes_neither(
    small_disk_of: Callable[[str], Path],
    demo_sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two pages of room, one taken: the delegations (under a page) fit, their members
    no longer do."""
    disk = small_disk_of("8k")
    (disk / "filler").write_bytes(b"x" * 2_000)

    status, line = export_delegations(capsys, demo_sqlite_path, disk / "cpp.csv")

    assert status == 1
    assert line == (
        f"cpp-scheduler: '{disk / 'cpp-members.csv'}' cannot be written: the disk is full; "
        "none of the 2 files was written, those there before are unchanged"
    )
    assert sorted(path.name for path in disk.iterdir()) == ["filler"]


def test_a_members_file_that_cannot_be_replaced_leaves_the_delegations_as_they_were(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cpp.csv").write_text("the delegations of last week\n", encoding="utf-8")
    (tmp_path / "cpp-members.csv").mkdir()  # a slip of the hand
    before = state_of(tmp_path)

    status, line = export_delegations(capsys, demo_sqlite_path, tmp_path / "cpp.csv")

    assert status == 1
    assert line == (
        f"cpp-scheduler: '{tmp_path / 'cpp-members.csv'}' cannot be written: it is a folder; "
        "give the name of a file to write; none of the 2 files was written, those there "
        "before are unchanged"
    )
    assert state_of(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cpp-members.csv", "cpp.csv"]


def test_both_files_are_written_where_both_can_be(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cpp.csv").write_text("the delegations of last week\n", encoding="utf-8")
    (tmp_path / "cpp.csv").chmod(0o600)

    status, _line = export_delegations(capsys, demo_sqlite_path, tmp_path / "cpp.csv")

    assert status == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cpp-members.csv", "cpp.csv"]
    assert (tmp_path / "cpp.csv").read_text(encoding="utf-8-sig").startswith("Delegation,")
    assert (tmp_path / "cpp.csv").stat().st_mode & 0o777 == 0o600
    members = (tmp_path / "cpp-members.csv").read_text(encoding="utf-8-sig")
    assert members.startswith("Delegation,Name,Email")


@pytest.fixture
def locked_members(tmp_path: Path) -> Iterator[Path]:
    """A members' file the system will not let be replaced (immutable, as a file held
    open by Excel on Windows is); skipped where the file system or the user cannot make
    one."""
    members = tmp_path / "cpp-members.csv"
    members.write_text("the members of last week\n", encoding="utf-8")
    if shutil.which("chattr") is None:
        pytest.skip("no chattr(1) to make a file immutable")
    done = subprocess.run(["chattr", "+i", str(members)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot make a file immutable here: {done.stderr.decode().strip()}")
    try:
        yield members
    finally:
        subprocess.run(["chattr", "-i", str(members)], check=True)


def test_a_members_file_the_system_keeps_leaves_both_files_as_they_were(
    demo_sqlite_path: Path,
    tmp_path: Path,
    locked_members: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "cpp.csv").write_text("the delegations of last week\n", encoding="utf-8")
    before = state_of(tmp_path)

    status, line = export_delegations(capsys, demo_sqlite_path, tmp_path / "cpp.csv")

    assert status == 1
    assert line == (
        f"cpp-scheduler: '{locked_members}' cannot be written: the system does not permit it; "
        "none of the 2 files was written, those there before are unchanged"
    )
    assert state_of(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cpp-members.csv", "cpp.csv"]


def test_a_table_written_alone_is_refused_as_any_file_alone(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "program.csv"  # a name the CSV export takes: the database's own
    shutil.copyfile(demo_sqlite_path, database)

    assert main(["--db", str(database), "export", "csv", "agenda", "-o", str(database)]) == 1

    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        f"cpp-scheduler: '{database}' cannot be written: it is the program's database; "
        "give the file another name"
    )


def test_a_members_file_that_is_a_link_to_the_delegations_is_refused_with_nothing_written(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both names are one file: the members would silently replace the delegations."""
    (tmp_path / "cpp.csv").write_text("the delegations of last week\n", encoding="utf-8")
    (tmp_path / "cpp-members.csv").symlink_to(tmp_path / "cpp.csv")
    before = state_of(tmp_path)

    status, line = export_delegations(capsys, demo_sqlite_path, tmp_path / "cpp.csv")

    assert status == 1
    assert line == (
        f"cpp-scheduler: '{tmp_path / 'cpp-members.csv'}' cannot be written: it is the same "
        f"file as '{tmp_path / 'cpp.csv'}'; nothing was written"
    )
    assert state_of(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cpp-members.csv", "cpp.csv"]
