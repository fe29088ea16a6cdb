"""``cpp-scheduler demo``: what it loaded, and that a second run keeps everything."""

from __future__ import annotations

import json
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


def test_a_program_whose_name_holds_a_line_break_is_refused_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path pasted with a line break is refused as every path typed is, named on one
    line, and no program is made under such a name."""
    folder = tmp_path / "team\nshare"
    folder.mkdir()
    target = str(folder / "program.sqlite")
    assert main(["demo", "--db", target]) == 1

    (said,) = capsys.readouterr().err.splitlines()
    assert "team\\nshare" in said
    assert list(folder.iterdir()) == []


def test_one_record_kept_is_said_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A program that holds one of the demo's delegations, from a colleague's file:
    the demo keeps it, once said as "Kept 1 records"."""
    demo = str(tmp_path / "demo.sqlite")
    exported = tmp_path / "demo.json"
    assert main(["demo", "--db", demo]) == 0
    assert main(["--db", demo, "program", "export", str(exported)]) == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    one = tmp_path / "one-delegation.json"
    kept = {"format": document["format"], "version": document["version"]}
    one.write_text(json.dumps({**kept, "delegations": document["delegations"][:1]}), "utf-8")
    target = str(tmp_path / "program.sqlite")
    assert main(["--db", target, "program", "import", str(one)]) == 0
    capsys.readouterr()

    assert main(["--db", target, "demo"]) == 0

    loaded, kept_line = capsys.readouterr().out.splitlines()
    assert loaded.startswith(f"Loaded the demo program into {target}: created ")
    assert kept_line == "Kept 1 record that was already there."
