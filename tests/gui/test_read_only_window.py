"""A coordinator with the read-only role sees the program, cannot change it, and is told
why in the status bar."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator

import psycopg
import pytest
from gui_support import JANUARY_NINE_TOKYO, add_event, move_command
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.readonly import EDITING_ACTIONS, check_access
from cpp_scheduler.store import Database, open_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def reader_url(postgres_url: str) -> Iterator[str]:
    name = f"cpp_test_reader_{uuid.uuid4().hex[:8]}"
    owner = open_database(postgres_url)
    add_event(owner, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2)
    owner.close()
    admin_url = postgres_url.split("?")[0]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{name}" LOGIN')
    assert main(["--db", postgres_url, "admin", "roles", "--apply"]) == 0
    assert main(["--db", postgres_url, "admin", "grant", name, "--role", "reader", "--apply"]) == 0
    yield postgres_url.replace("postgres@", f"{name}@", 1)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (name,)
        )
        admin.execute(f'DROP OWNED BY "{name}"')
        admin.execute(f'DROP ROLE "{name}"')


def test_the_read_only_window_turns_editing_off_and_says_why(
    qtbot: QtBot, reader_url: str, make_window: Callable[[Database], MainWindow]
) -> None:
    database = open_database(reader_url)
    try:
        window = make_window(database)
        window.go_to(JANUARY_NINE_TOKYO.date())
        check_access(window)
        qtbot.waitUntil(lambda: window.editor.read_only is not None, timeout=10_000)

        label = window.statusBar().findChild(QLabel, "readOnly")
        assert label is not None
        assert label.text().startswith("Read-only: cpp_test_reader_")
        editing = [a for a in window.findChildren(QAction) if a.objectName() in EDITING_ACTIONS]
        assert editing
        assert not any(action.isEnabled() for action in editing)
        event_id = window.events.row_at(0).event_id
        window.select_event(event_id)
        assert not any(action.isEnabled() for action in editing)
        later = JANUARY_NINE_TOKYO.replace(hour=3)
        with pytest.raises(SchedulerError, match=r"^Read-only"):
            window.editor.execute(move_command(window, event_id, later, later))
        window.tasks.wait_for_done()
    finally:
        database.close()


def test_the_command_says_why_a_login_may_only_read_as_the_window_does(
    qtbot: QtBot,
    reader_url: str,
    postgres_url: str,
    make_window: Callable[[Database], MainWindow],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``admin access`` answers the window's status bar: the reader's line, word for
    word, and for the owner that the program may be changed."""
    database = open_database(reader_url)
    try:
        window = make_window(database)
        check_access(window)
        qtbot.waitUntil(lambda: window.editor.read_only is not None, timeout=10_000)
        label = window.statusBar().findChild(QLabel, "readOnly")
        assert label is not None
        shown = label.text()
        window.tasks.wait_for_done()
    finally:
        database.close()
    capsys.readouterr()
    assert main(["--db", reader_url, "admin", "access"]) == 3
    assert capsys.readouterr().out.strip() == shown
    assert main(["--db", postgres_url, "admin", "access", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"may_change": True, "reason": None}
