"""``export ics --method request`` writes two files read together where some of the
events are cancelled: the invitations, and beside them the cancellations. Both are
written, or neither: a disk that filled up at the second left the new invitations
beside the cancellations of the time before, which a coordinator sends as one."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.store import Database
from tests.hostile import state_of
from tests.ical.program import Program, build_program

PAGE = 4096


@pytest.fixture
def program(sqlite_database: Database) -> Program:
    with sqlite_database.transaction() as session:
        return build_program(session)


def export_lima(sqlite_path: Path, program: Program, target: Path) -> list[str]:
    arguments = ["--db", str(sqlite_path), "export", "ics", "--delegation", program.lima.name]
    arguments += ["--method", "request", "--from", "2026-06-01", "--to", "2026-06-30"]
    return [*arguments, "-o", str(target)]


def pages(size: int) -> int:
    return -(-size // PAGE)


def test_a_disk_full_at_the_cancellations_writes_neither(
    small_disk_of: Callable[[str], Path],
    sqlite_path: Path,
    program: Program,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Last week's cancellations are there (their invitations sent and filed away); the
    disk has room for the new invitations, not for their cancellations too."""
    measured = tmp_path / "measured" / "lima.ics"
    measured.parent.mkdir()
    assert main(export_lima(sqlite_path, program, measured)) == 0
    invitations = measured.stat().st_size
    cancellations = (measured.parent / "lima-cancelled.ics").stat().st_size
    disk = small_disk_of(f"{(pages(invitations) + pages(cancellations) + 8) * PAGE}")
    (disk / "lima-cancelled.ics").write_text("the cancellations of last week\n", encoding="utf-8")
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(b"x" * (free - pages(invitations) * PAGE))
    before = state_of(disk)
    capsys.readouterr()

    status = main(export_lima(sqlite_path, program, disk / "lima.ics"))

    said = capsys.readouterr()
    assert status == 1
    assert said.err.splitlines()[-1] == (
        f"cpp-scheduler: '{disk / 'lima-cancelled.ics'}' cannot be written: the disk is "
        "full; none of the 2 files was written, those there before are unchanged"
    )
    assert state_of(disk) == before
    assert sorted(path.name for path in disk.iterdir()) == ["filler", "lima-cancelled.ics"]


def test_both_files_are_written_where_both_can_be(
    sqlite_path: Path, program: Program, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "lima.ics").write_text("the invitations of last week\n", encoding="utf-8")
    (tmp_path / "lima.ics").chmod(0o600)

    assert main(export_lima(sqlite_path, program, tmp_path / "lima.ics")) == 0

    assert capsys.readouterr().out.splitlines() == [
        f"Wrote {tmp_path / 'lima.ics'}",
        f"Wrote {tmp_path / 'lima-cancelled.ics'}",
    ]
    assert (tmp_path / "lima.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (tmp_path / "lima.ics").stat().st_mode & 0o777 == 0o600
    assert b"METHOD:CANCEL" in (tmp_path / "lima-cancelled.ics").read_bytes()
