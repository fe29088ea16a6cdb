"""Every command that saves a file refuses a folder that is not there in the same line,
the one its writing would give, with nothing made. A calendar file's misspelt folder
used to be made, and the file put where nobody would look for it; a PDF, a spreadsheet
and a calendar file each said it in words of their own, and the program file named its
file's name alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpp_scheduler.cli import main

SAVES = {
    "ics": ["export", "ics", "--all", "-o"],
    "csv": ["export", "csv", "agenda", "-o"],
    "xlsx": ["export", "xlsx", "agenda", "-o"],
    "pdf": ["print", "day", "--date", "2027-02-15", "-o"],
    "json": ["program", "export"],
}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_file_in_a_folder_that_is_not_there_is_refused_alike_by_every_command(
    demo_sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    missing = tmp_path / "exprots"
    said = {}
    for suffix, argv in SAVES.items():
        target = missing / f"program.{suffix}"
        status = main(["--lang", language, "--db", str(demo_sqlite_path), *argv, str(target)])
        (line,) = capsys.readouterr().err.splitlines()
        assert status == 1, line
        said[suffix] = line.replace(f"program.{suffix}", "program.FILE")

    assert len(set(said.values())) == 1, said
    assert str(missing) in said["ics"]
    assert not missing.exists()
