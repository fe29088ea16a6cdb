"""Who a change is made by: the preferences' name, the run's ``--author``, or the user."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.store import open_database
from cpp_scheduler.store.authors import ENVIRONMENT_VARIABLE, AuthorError, default_author


def test_a_run_without_a_name_writes_under_the_system_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    database = open_database(tmp_path / "program.sqlite")
    try:
        assert database.author == getpass.getuser()
        with database.session() as session:
            assert session.info["author"] == getpass.getuser()
    finally:
        database.close()


def test_a_name_given_is_the_author_of_the_sessions(tmp_path: Path) -> None:
    database = open_database(tmp_path / "program.sqlite", author="  Aiko Tanaka ")
    try:
        with database.transaction() as session:
            assert session.info["author"] == "Aiko Tanaka"
    finally:
        database.close()


def test_the_environment_names_the_author(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "Ravi Menon")
    assert default_author() == "Ravi Menon"


@pytest.mark.parametrize("name", ["", "   ", "two\nlines", "x" * 101])
def test_a_name_that_cannot_stand_for_a_person_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(AuthorError, match="author's name"):
        open_database(tmp_path / "program.sqlite", author=name)
    assert not (tmp_path / "program.sqlite").exists()


def test_the_command_line_refuses_an_empty_author_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(tmp_path / "program.sqlite"), "--author", " ", "events", "list"])
    error = capsys.readouterr().err
    assert exited.value.code == 2
    assert error.count("\n") == 1
    assert "argument --author: give a value, not an empty text" in error
