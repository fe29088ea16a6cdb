"""Starting the window where there is no display: one line that says what to do, no crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland only")
def test_no_display_is_one_line_and_a_non_zero_status(tmp_path: Path) -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    environment["CPP_SCHEDULER_DB"] = str(tmp_path / "program.sqlite")
    result = subprocess.run(
        [sys.executable, "-m", "cpp_scheduler"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "no display" in lines[0]
    assert "DISPLAY" in lines[0]
    assert "cpp-scheduler events list" in lines[0]
    assert not (tmp_path / "program.sqlite").exists()


def test_an_x11_plugin_that_cannot_load_is_named_before_qt_aborts(tmp_path: Path) -> None:
    # Qt's X11 plugin aborts the whole process when a system library is missing; the
    # command finds that out first and says which package to install.
    from cpp_scheduler.cli.gui import x11_problem, xcb_plugin

    broken = tmp_path / "libqxcb.so"
    broken.write_bytes(b"not a shared library")
    problem = x11_problem(broken)
    assert problem is not None
    assert "\n" not in problem
    assert "cannot open a window on the X11 display" in problem
    assert "apt install libxcb-cursor0" in problem
    installed = xcb_plugin()
    if installed is not None:  # where the system has every library, nothing is said
        problem = x11_problem(installed)
        assert problem is None or "apt install" in problem


@pytest.mark.parametrize(
    ("arguments", "window_with"),
    [
        ([], None),
        (["--db", "team.sqlite"], "team.sqlite"),
        (["--db=postgresql://planner@db/cpp"], "postgresql://planner@db/cpp"),
        (["events", "list"], "subcommand"),
        (["--db", "team.sqlite", "conflicts"], "subcommand"),
        (["--version"], "subcommand"),
        (["--help"], "subcommand"),
        (["--db"], "subcommand"),  # the full parser says what is missing
    ],
)
def test_only_a_bare_command_goes_straight_to_the_window(
    arguments: list[str],
    window_with: str | None,
) -> None:
    from cpp_scheduler.cli import window_arguments

    parsed = window_arguments(arguments)
    if window_with == "subcommand":
        assert parsed is None
    else:
        assert parsed is not None
        assert parsed.db == window_with
        assert parsed.command is None


def test_a_db_option_without_a_value_is_one_line_of_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from cpp_scheduler.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["--db"])
    assert stopped.value.code == 2
    assert "--db: expected one argument" in capsys.readouterr().err


def test_the_window_takes_its_language_from_the_command_line() -> None:
    from cpp_scheduler.cli import window_arguments

    parsed = window_arguments(["--lang", "ja", "--db", "program.sqlite"])
    assert parsed is not None
    assert (parsed.lang, parsed.db, parsed.command) == ("ja", "program.sqlite", None)
    assert window_arguments(["--lang", "fr"]) is None  # the full parser names the choices
