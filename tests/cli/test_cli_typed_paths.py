"""A path given on the command line enters as every typed path does
(``files.typed_path``): a line break or another control character in its middle is
refused in one line before anything is read or written, instead of a file written with
a line break in its name; a bare name is read in the folder the command runs in, and
the messages name it whole. Every file written is named as its kind is
(``files.named_as``): ``-o kobe`` writes ``kobe.ics``, ``-o kobe.txt`` is refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cpp_scheduler.cli import main

BROKEN = "cal\nendar"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize(
    ("command", "named"),
    [
        (["export", "ics", "--all", "-o", "{path}.ics"], ".ics"),
        (["export", "ics", "--each-participant", "--out-dir", "{path}"], ""),
        (["export", "xlsx", "delegations", "-o", "{path}.xlsx"], ".xlsx"),
        (["export", "csv", "agenda", "-o", "{path}.csv"], ".csv"),
        (["print", "day", "--date", "2027-02-15", "-o", "{path}.pdf"], ".pdf"),
        (["report", "--from", "2027-02-01", "--to", "2027-02-28", "-o", "{path}.pdf"], ".pdf"),
        (["program", "export", "{path}.json"], ".json"),
    ],
    ids=lambda value: value[0] + "-" + value[1] if isinstance(value, list) else None,
)
def test_a_path_with_a_line_break_is_refused_before_anything_is_written(
    demo_sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    named: str,
) -> None:
    path = str(tmp_path / BROKEN)
    status, out, err = run(
        capsys, "--db", str(demo_sqlite_path), *[part.format(path=path) for part in command]
    )
    assert status == 2
    assert out == ""
    assert err == (
        f"cpp-scheduler: '{tmp_path}/cal\\nendar{named}' holds a line break or another "
        "control character (\\n); give the path on one line\n"
    )
    assert os.listdir(tmp_path) == []


def test_a_database_named_with_a_line_break_is_refused_and_none_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = run(capsys, "--db", str(tmp_path / "pro\ngram.sqlite"), "demo")
    assert status == 1
    assert err == (
        f"cpp-scheduler: '{tmp_path}/pro\\ngram.sqlite' holds a line break or another "
        "control character (\\n); give the path on one line\n"
    )
    assert os.listdir(tmp_path) == []


def test_a_bare_name_is_read_in_the_folder_the_command_runs_in_and_named_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the command line a bare name is the usual way to name a file in the folder
    one is in; the messages say where it is, whole."""
    monkeypatch.chdir(tmp_path)
    status, _out, err = run(capsys, "--db", "missing.sqlite", "events", "list")
    assert status == 1
    assert str(tmp_path / "missing.sqlite") in err
    status, out, err = run(capsys, "--db", "program.sqlite", "demo")
    assert status == 0, err
    status, out, err = run(capsys, "--db", "program.sqlite", "export", "ics", "--all", "-o", "cpp")
    assert status == 0, err
    assert out.splitlines()[0] == f"Wrote {tmp_path / 'cpp.ics'}"
    assert (tmp_path / "cpp.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("command", "refusal"),
    [
        (["export", "ics", "--all", "-o", "x.txt"], "a calendar file is written as .ics"),
        (["program", "export", "x.txt"], "a program file is written as .json"),
        (
            ["print", "day", "--date", "2027-02-15", "-o", "x.txt"],
            "a printed document is written as .pdf",
        ),
    ],
)
def test_a_file_named_with_another_kind_s_suffix_is_refused_in_one_line(
    demo_sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    refusal: str,
) -> None:
    named = [str(tmp_path / part) if part == "x.txt" else part for part in command]
    status, out, err = run(capsys, "--db", str(demo_sqlite_path), *named)
    assert status == 2
    assert out == ""
    assert err == f"cpp-scheduler: '{tmp_path / 'x.txt'}' cannot be written: {refusal}\n"
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("command", "written"),
    [
        (["export", "ics", "--all", "-o", "{path}"], "program.ics"),
        (["program", "export", "{path}"], "program.json"),
        (["export", "xlsx", "delegations", "-o", "{path}"], "program.xlsx"),
    ],
)
def test_a_file_named_without_a_suffix_gets_its_kind_s(
    demo_sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    written: str,
) -> None:
    path = str(tmp_path / "program")
    status, out, err = run(
        capsys, "--db", str(demo_sqlite_path), *[part.format(path=path) for part in command]
    )
    assert status == 0, err
    assert os.listdir(tmp_path) == [written]
    assert str(tmp_path / written) in out.splitlines()[0]
