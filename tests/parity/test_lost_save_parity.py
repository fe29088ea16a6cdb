"""A save the server's going away ended: ``cpp-scheduler demo`` and the window's File >
Load demo program say the same fact, in English and in Japanese, each with its own next
step. Before, both said "reconnect and save again", which the window, reconnecting by
itself, never asks of a coordinator; the command is run again instead."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle

CUT_ON_INSERT = """
CREATE FUNCTION cut_this_connection() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_terminate_backend(pg_backend_pid());
    PERFORM pg_sleep(5);  -- the server ends the connection before this is over
    RETURN NEW;
END $$;
CREATE TRIGGER cut_on_insert BEFORE INSERT ON delegations
    FOR EACH STATEMENT EXECUTE FUNCTION cut_this_connection();
"""
"""The server ends the connection that writes a delegation, in the middle of its save:
a real lost connection, at the same step in both media."""


@pytest.fixture
def cut_saves(database: Database, database_url: str) -> str:
    """The test's PostgreSQL database, whose server ends every connection that saves a
    delegation."""
    with psycopg.connect(database_url, autocommit=True) as admin:
        admin.execute(CUT_ON_INSERT)
    return database_url


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.postgres
def test_a_save_the_lost_connection_ended_is_the_same_fact_each_with_its_own_next_step(
    speaking: str,
    qtbot: QtBot,
    database: Database,
    cut_saves: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SchedulerError) as refused:
        load_demo(database)
    fact = str(refused.value)  # the core's: what happened, and no step to take

    capsys.readouterr()
    assert main(["--db", cut_saves, "--lang", speaking, "demo"]) == 1
    [printed] = capsys.readouterr().err.splitlines()
    assert printed.startswith("cpp-scheduler: ")
    command_said = printed.removeprefix("cpp-scheduler: ")

    window = MainWindow(
        database, QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    errors: list[tuple[str, str]] = []
    window.report_error = lambda title, message: errors.append(  # type: ignore[method-assign]
        (title, message)
    )
    settle(qtbot, window)
    window.load_demo()
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    settle(qtbot, window)
    [(_title, window_said)] = errors

    assert command_said.startswith(fact)
    assert window_said.startswith(fact)
    command_step, window_step = command_said[len(fact) :], window_said[len(fact) :]
    assert command_step
    assert window_step
    assert command_step != window_step
    if speaking == "en":
        assert fact == (
            f"demo program: cannot save the change: the connection to {database.name} was "
            "lost; nothing was saved"
        )
        assert command_step == "; run the command again once the server answers"
        assert (
            window_step == "; save again once the server answers (the window reconnects by itself)"
        )
    assert "reconnect and" not in window_said
