"""A command that reads a program never makes one: a mistyped ``--db`` is told, in one
line naming the path, instead of answering from a new, empty program and leaving its
file behind. Only the commands that bring a program in (``demo``, ``import``,
``program import``) make the database they are pointed at."""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path

import pytest

from cpp_scheduler import i18n
from cpp_scheduler.cli import main

READING_COMMANDS = [
    ["events", "list"],
    ["times", "kobe-drr@cpp-scheduler.tdlc"],
    ["conflicts"],
    ["schedule", "--delegation", "Kenya"],
    ["slots", "--with", "Kenya", "--duration", "1h", "--from", "2027-01-18", "--to", "2027-01-19"],
    ["report", "--from", "2027-01-01", "--to", "2027-12-31"],
    ["print", "day", "--date", "2027-01-18", "-o", "day.pdf"],
    ["changes"],
    ["replies", "list"],
    ["replies", "import", "reply.ics"],
    ["history", "--since", "2027-01-01"],
    ["send", "updates", "--outbox", "outbox"],
    ["export", "ics", "--all", "-o", "all.ics"],
    ["export", "xlsx", "agenda", "-o", "agenda.xlsx"],
    ["program", "export", "program.json"],
]


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda command: " ".join(command[:2]))
def test_a_command_pointed_at_no_program_says_so_and_makes_none(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reply.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    mistyped = tmp_path / "progam.sqlite"

    status = main(["--db", str(mistyped), *command])

    output = capsys.readouterr()
    assert status == 1
    assert output.out == ""
    assert output.err == (
        f"cpp-scheduler: there is no program at {mistyped}; check --db, or make one with "
        "'cpp-scheduler demo' or 'cpp-scheduler program import FILE'\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["reply.ics"]


def test_an_empty_file_is_no_program_either_and_stays_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "program.sqlite"
    empty.touch()

    assert main(["--db", str(empty), "events", "list"]) == 1

    assert "there is no program at" in capsys.readouterr().err
    assert empty.stat().st_size == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["program.sqlite"]


def test_the_demo_still_makes_the_program_it_is_pointed_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = tmp_path / "program.sqlite"

    assert main(["--db", str(program), "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(program), "events", "list", "--from", "2027-01-18"]) == 0

    assert "Kobe" in capsys.readouterr().out


def test_a_server_that_says_nothing_is_waited_for_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A server that takes the connection and never answers (a wrong firewall) costs a
    command one timeout, not one to ask whether a program is there and another to open
    it: the listener sees one connection, and the command says why in one line."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.settimeout(0)
        port = listener.getsockname()[1]
        url = f"postgresql://planner@127.0.0.1:{port}/cpp"

        status = main(["--db", url, "events", "list"])

        taken = []
        with contextlib.suppress(BlockingIOError):
            while True:
                connection, _address = listener.accept()
                taken.append(connection)
                connection.close()

    output = capsys.readouterr()
    assert status == 1
    assert output.err.startswith(f"cpp-scheduler: no database server answers at {url} (")
    assert output.err.count("\n") == 1
    assert len(taken) == 1


def test_a_calendar_file_refused_makes_no_program_where_there_was_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``import`` makes the program it is pointed at, but only for a file it imports: a
    file refused is refused before the database opens, and leaves nothing behind."""
    broken = tmp_path / "partner.ics"
    broken.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kobe//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:backwards@kobe.example\r\nDTSTAMP:20270101T000000Z\r\n"
        b"DTSTART:20270105T100000Z\r\nDTEND:20270105T090000Z\r\nSUMMARY:Backwards\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    program = tmp_path / "program.sqlite"

    status = main(["--db", str(program), "import", str(broken)])

    assert status == 1
    assert "ends before it starts" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["partner.ics"]


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
@pytest.mark.parametrize("command", [["events", "list"], ["demo"]], ids=["events", "demo"])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_database_in_memory_is_refused_in_one_line_for_a_file_or_a_server(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    url: str,
    command: list[str],
    language: str,
) -> None:
    """``--db sqlite://`` once answered "no such table: thematic_areas", and ``demo``
    loaded a program into memory to lose it at once."""
    monkeypatch.chdir(tmp_path)
    try:
        status = main(["--lang", language, "--db", url, *command])
    finally:
        i18n.use_language(i18n.ENGLISH)
    output = capsys.readouterr()
    assert status == 1
    assert output.out == ""
    said = {
        "en": (
            f"'{url}' names no database file: a program in memory is lost when the command "
            "or the window closes; give a SQLite file path, sqlite:///PATH or "
            "postgresql://USER@HOST/DATABASE"
        ),
        "ja": (
            f"'{url}' にはデータベースファイルの指定がありません。メモリー上のプログラムは"
            "コマンドやウィンドウを閉じると失われます。SQLite ファイルのパス、sqlite:///PATH、"
            "postgresql://USER@HOST/DATABASE のいずれかを指定してください"
        ),
    }[language]
    assert output.err == f"cpp-scheduler: {said}\n"
    assert list(tmp_path.iterdir()) == []
