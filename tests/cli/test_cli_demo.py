"""``cpp-scheduler demo``: what it loaded, and that a second run keeps everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpp_scheduler.cli import main


def test_the_demo_command_reports_then_keeps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(tmp_path / "fresh.sqlite")
    assert main(["demo", "--db", target]) == 0
    first = capsys.readouterr().out
    assert first.startswith(f"Loaded the demo program into {target}: created ")
    assert "24 events" in first
    assert main(["--db", target, "demo"]) == 0
    assert capsys.readouterr().out.startswith(
        f"The demo program is already in {target}: nothing to add"
    )


def test_a_program_whose_name_holds_a_line_break_is_named_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "team\nshare"
    folder.mkdir()
    target = str(folder / "program.sqlite")
    assert main(["demo", "--db", target]) == 0
    assert main(["demo", "--db", target]) == 0

    first, again = capsys.readouterr().out.splitlines()
    assert first.startswith("Loaded the demo program into ")
    assert again.startswith("The demo program is already in ")
    assert "team\\nshare" in again
