"""Every command reads --from and --to alike, and says a wrong date in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpp_scheduler.cli import main

COMMANDS = [
    ["events", "list"],
    ["conflicts"],
    ["slots", "--with", "Kenya", "--duration", "1h", "--to", "2027-02-12"],
    ["export", "ics", "--all", "-o", "out.ics"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_an_impossible_date_is_one_line_and_status_2(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "program.sqlite"
    status = main(["--db", str(database), *command, "--from", "2027-02-30"])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.splitlines() == [
        "cpp-scheduler: --from '2027-02-30' is not a date; write it as YYYY-MM-DD "
        "(such as 2027-02-15)"
    ]


@pytest.mark.parametrize(
    "command",
    [["events", "list"], ["conflicts"], ["schedule"], ["slots"], ["report"], ["export", "ics"]],
    ids=" ".join,
)
def test_the_help_names_the_form_of_a_date_once_for_each_option(
    command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out.splitlines()
    first = next(line.split(maxsplit=2)[2] for line in shown if line.lstrip().startswith("--from"))
    assert first.startswith("first day ")
    assert first.count("YYYY-MM-DD") == 1


def test_a_day_of_the_program_is_a_day_in_tokyo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(tmp_path / "program.sqlite")
    assert main(["--db", database, "demo"]) == 0
    capsys.readouterr()
    # The pre-tour briefing is at 08:30 on 24 February in Tokyo: still the 23rd in UTC.
    assert (
        main(
            [
                "--db",
                database,
                "events",
                "list",
                "--from",
                "2027-02-24",
                "--to",
                "2027-02-24",
                "--json",
            ]
        )
        == 0
    )
    assert "Pre-tour briefing" in capsys.readouterr().out
    assert (
        main(
            [
                "--db",
                database,
                "events",
                "list",
                "--from",
                "2027-02-23",
                "--to",
                "2027-02-23",
                "--json",
            ]
        )
        == 0
    )
    assert "Pre-tour briefing" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("command", "option", "day"),
    [
        (["events", "list"], "--from", "0001-01-01"),
        (["events", "list"], "--from", "9999-12-31"),
        (["conflicts"], "--to", "9999-12-31"),
        (["conflicts"], "--from", "1899-12-31"),
        (["export", "ics", "--all", "-o", "out.ics"], "--to", "2200-01-01"),
    ],
)
def test_a_day_outside_the_program_range_is_one_line_and_status_2(
    command: list[str],
    option: str,
    day: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    database = tmp_path / "program.sqlite"
    status = main(["--db", str(database), *command, option, day])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.splitlines() == [
        f"cpp-scheduler: {option} {day} is outside the days the program plans for "
        "(1900-01-01 to 2199-12-31)"
    ]
    assert list(tmp_path.iterdir()) == []  # no database, no calendar file


def test_conflicts_over_the_whole_range_the_program_plans_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(tmp_path / "program.sqlite")
    assert main(["--db", database, "demo"]) == 0
    capsys.readouterr()
    status = main(["--db", database, "conflicts", "--from", "1900-01-01", "--to", "2199-12-31"])
    out, err = capsys.readouterr()
    assert status in (0, 1), err
    assert "Traceback" not in err
    assert out
