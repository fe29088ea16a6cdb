"""Every file the program writes is saved like any other: whole or not at all, with the
user's umask for a new file, keeping the mode of a file written over, and a full disk
said in one line with the previous file unchanged."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import icalendar
import pytest

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.files import FileWriteError, write_atomically
from cpp_scheduler.programfile import export_program
from cpp_scheduler.reports.csvfile import write_csv
from cpp_scheduler.reports.tables import ColumnType, table
from cpp_scheduler.services.calendar_export import ProgramScope, export_calendar
from cpp_scheduler.store import open_database
from tests.disks import fill_up
from tests.hostile import run_cli

Writer = Callable[[Path], None]


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _calendar(demo: Path) -> Writer:
    def write(path: Path) -> None:
        database = open_database(demo)
        try:
            export_calendar(database, ProgramScope(), path)
        finally:
            database.close()

    return write


def _program_file(demo: Path) -> Writer:
    def write(path: Path) -> None:
        database = open_database(demo)
        try:
            export_program(database, path)
        finally:
            database.close()

    return write


def _spreadsheet(_demo: Path) -> Writer:
    def write(path: Path) -> None:
        write_csv(table("Agenda", [("Title", ColumnType.TEXT)], [("Kobe workshop",)]), path)

    return write


WRITERS = {"calendar": _calendar, "program file": _program_file, "spreadsheet": _spreadsheet}


@pytest.fixture(params=sorted(WRITERS))
def writer(request: pytest.FixtureRequest, demo_sqlite_path: Path) -> Writer:
    return WRITERS[request.param](demo_sqlite_path)


@pytest.mark.usefixtures("umask_022")
def test_a_new_file_is_readable_by_others_as_any_saved_file(writer: Writer, tmp_path: Path) -> None:
    path = tmp_path / "out.file"
    writer(path)
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.file"]


@pytest.mark.usefixtures("umask_022")
def test_a_file_written_over_keeps_its_mode(writer: Writer, tmp_path: Path) -> None:
    path = tmp_path / "shared.file"
    path.write_bytes(b"the previous export")
    path.chmod(0o640)
    writer(path)
    assert path.read_bytes() != b"the previous export"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["shared.file"]


def test_a_failed_write_leaves_the_old_file_and_no_partial_file(tmp_path: Path) -> None:
    path = tmp_path / "agenda.ics"
    path.write_bytes(b"the previous export")

    def fail(stream: BinaryIO) -> None:
        stream.write(b"half a file")
        raise OSError(5, "Input/output error")

    with pytest.raises(FileWriteError) as caught:
        write_atomically(path, fail)
    assert str(caught.value) == (
        f"'{path}' cannot be written: the disk or device could not read or write (an "
        "input/output error); the file there before is unchanged"
    )
    assert path.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.ics"]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("", "it is a folder; give the name of a file to write"),
        ("missing/agenda.ics", "does not exist"),
    ],
)
def test_a_folder_or_a_missing_folder_is_refused_in_one_line(
    tmp_path: Path, target: str, reason: str
) -> None:
    with pytest.raises(FileWriteError, match=reason):
        write_atomically(tmp_path / target, b"BEGIN:VCALENDAR")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def small_disk(small_disk_of: Callable[[str], Path]) -> Path:
    """A real 64 KiB file system, filled by whatever the test writes to it."""
    return small_disk_of("64k")


def test_a_full_disk_during_a_calendar_export_keeps_the_old_file(
    small_disk: Path, demo_sqlite_path: Path
) -> None:
    calendar = small_disk / "program.ics"
    arguments = ["--db", str(demo_sqlite_path), "export", "ics", "--all", "-o", str(calendar)]
    assert run_cli(*arguments).returncode == 0
    before = calendar.read_bytes()
    fill_up(small_disk)

    result = run_cli(*arguments, "--reminder", "15")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"cpp-scheduler: '{calendar}' cannot be written: the disk is full; "
        "the file there before is unchanged\n"
    )
    assert calendar.read_bytes() == before
    assert icalendar.Calendar.from_ical(before).walk("VALARM") == []
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "program.ics"]


def test_a_batch_of_files_stopped_by_a_full_disk_says_how_many_it_wrote_and_where(
    small_disk_of: Callable[[str], Path], demo_sqlite_path: Path
) -> None:
    """Each participant's file is whole or absent; the one line says the batch stopped
    and how many files are there, so nobody sends a folder taken for complete."""
    folder = small_disk_of("24k") / "people"
    arguments = ["--db", str(demo_sqlite_path), "export", "ics", "--each-participant"]
    result = run_cli(*arguments, "--out-dir", str(folder))
    assert result.returncode == 1
    written = sorted(folder.iterdir())
    assert written  # the disk takes a few before it is full
    for path in written:
        assert icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    (line,) = result.stderr.splitlines()
    assert line.startswith("cpp-scheduler: '")
    assert line.endswith(
        f"cannot be written: the disk is full; the batch stopped there, after {len(written)} "
        f"file{'s' if len(written) > 1 else ''} written in '{folder}'"
    )


@pytest.fixture
def read_only_disk(small_disk: Path) -> Path:
    """A real file system mounted read-only, as a locked memory card or a share the
    coordinator may only read: a file there before the mount is still there."""
    (small_disk / "program.ics").write_bytes(b"the previous export")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    return small_disk


@pytest.mark.parametrize(
    ("kind", "name"),
    [("calendar", "program.ics"), ("program file", "program.json"), ("spreadsheet", "a.csv")],
)
def test_a_read_only_disk_is_said_as_such_and_nothing_is_written(
    read_only_disk: Path, demo_sqlite_path: Path, kind: str, name: str
) -> None:
    path = read_only_disk / name
    with pytest.raises(SchedulerError) as caught:
        WRITERS[kind](demo_sqlite_path)(path)
    unchanged = "; the file there before is unchanged" if name == "program.ics" else ""
    assert str(caught.value).endswith(f"cannot be written: the disk is read-only{unchanged}")
    assert sorted(p.name for p in read_only_disk.iterdir()) == ["program.ics"]
    assert (read_only_disk / "program.ics").read_bytes() == b"the previous export"


def test_the_command_says_the_disk_is_read_only_in_one_line(
    read_only_disk: Path, demo_sqlite_path: Path
) -> None:
    calendar = read_only_disk / "program.ics"
    result = run_cli("--db", str(demo_sqlite_path), "export", "ics", "--all", "-o", str(calendar))
    assert result.returncode == 1
    assert result.stderr == (
        f"cpp-scheduler: '{calendar}' cannot be written: the disk is read-only; "
        "the file there before is unchanged\n"
    )


def test_a_quota_used_up_is_a_full_disk(tmp_path: Path) -> None:
    """The system says "Disk quota exceeded" (EDQUOT) where the user's share of a disk
    they share is used up: for the coordinator, the disk is full."""
    path = tmp_path / "agenda.ics"

    def fail(stream: BinaryIO) -> None:
        stream.write(b"half a file")
        raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))

    with pytest.raises(FileWriteError) as caught:
        write_atomically(path, fail)
    assert str(caught.value) == f"'{path}' cannot be written: the disk is full"
    assert list(tmp_path.iterdir()) == []
