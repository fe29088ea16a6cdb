"""Running ``cpp-scheduler`` in the test's process, as the parity tests compare what it
prints with what the window shows."""

from __future__ import annotations

import pytest

from cpp_scheduler.cli import main


def command_lines(capsys: pytest.CaptureFixture[str], arguments: list[str]) -> list[str]:
    """The lines ``cpp-scheduler ARGUMENTS`` prints to the standard output, once it has
    succeeded; what was printed before it is not the command's."""
    capsys.readouterr()
    assert main(arguments) == 0
    return capsys.readouterr().out.splitlines()


def command_line(capsys: pytest.CaptureFixture[str], arguments: list[str]) -> str:
    """The one line the command prints (its window's status line says the same)."""
    [line] = command_lines(capsys, arguments)
    return line
