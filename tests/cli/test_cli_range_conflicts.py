"""``cpp-scheduler conflicts --from --to`` says what the whole program's check says about
those days: the demo's Peru tour plans something on each of its days (8-12 March), so
its first day shows no tour day with nothing planned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cpp_scheduler.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


def test_the_tours_first_day_shows_what_the_whole_program_shows(
    demo_sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = ("--db", str(demo_sqlite_path))
    status, out = run(capsys, "conflicts", "--from", "2027-03-08", "--to", "2027-03-08", *demo)
    assert status == 0
    assert out == "0 errors, 0 warnings in 2 meetings\n"
    status, out = run(capsys, "conflicts", "--json", *demo)
    whole = json.loads(out)["conflicts"]
    assert not [c for c in whole if c["kind"] == "empty_tour_day"]
    for first, last in (
        ("2027-03-08", "2027-03-08"),
        ("2027-03-08", "2027-03-12"),
        ("2027-02-15", "2027-02-16"),
        ("2027-05-19", "2027-05-21"),
    ):
        status, out = run(capsys, "conflicts", "--json", "--from", first, "--to", last, *demo)
        document = json.loads(out)
        shown = [c for c in whole if document["from"] <= c["start"] < document["to"]]
        assert document["conflicts"] == shown, (first, last)
