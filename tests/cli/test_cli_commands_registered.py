"""A command run registers its own subcommand alone; the overview lists them all.

Whatever the command line names, a coordinator sees what the whole parser would say: the
overview lists every command in its order, each command's help is its own, and options
given before the command are read as before.
"""

from __future__ import annotations

import pytest

from cpp_scheduler.cli import COMMANDS, main, named_command


def test_the_overview_lists_every_command_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    listed = [
        line.split()[0]
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("    ") and not line.startswith("     ")
    ]
    assert listed == list(COMMANDS)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_command_gives_its_own_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--db", "program.sqlite", command, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: cpp-scheduler {command} ")


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["events", "list"], "events"),
        (["--db", "events", "times", "--event", "x"], "times"),
        (["--db=p.sqlite", "--lang", "ja", "--author", "Aiko", "print", "day"], "print"),
        (["--lang=ja", "import", "file.ics"], "import"),
        (["-h", "events"], None),
        (["--version"], None),
        (["evnts", "list"], None),
        (["--db"], None),
        ([], None),
    ],
)
def test_the_command_is_read_past_the_options_every_command_takes(
    argv: list[str], command: str | None
) -> None:
    assert named_command(argv) == command


def test_a_mistyped_command_is_answered_with_every_command_there_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--db", "program.sqlite", "evnts", "list"])
    assert done.value.code == 2
    (error,) = capsys.readouterr().err.splitlines()  # one line, no usage before it
    assert error.startswith("cpp-scheduler: argument COMMAND: invalid choice: 'evnts'")
    assert error.endswith("(see cpp-scheduler --help)")
    assert all(repr(name) in error for name in COMMANDS)
