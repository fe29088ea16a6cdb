"""An editor whose role the administrator takes back while the window is open: every
refused read and save is said in one line, never a crash, and a refused move leaves the
meeting where the program holds it, though the window can no longer read it again."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta

import psycopg
import pytest
from gui_support import JANUARY_NINE_TOKYO, Messages, add_event, rows_read
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.store import Database, open_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def editor_login(postgres_url: str) -> Iterator[tuple[str, str]]:
    """An editor's login on the server (its name and URL), dropped after."""
    name = f"cpp_test_editor_{uuid.uuid4().hex[:8]}"
    owner = open_database(postgres_url)
    add_event(owner, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2)
    owner.close()
    admin_url = postgres_url.split("?")[0]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{name}" LOGIN')
    assert main(["--db", postgres_url, "admin", "roles", "--apply"]) == 0
    assert main(["--db", postgres_url, "admin", "grant", name, "--role", "editor", "--apply"]) == 0
    yield name, postgres_url.replace("postgres@", f"{name}@", 1)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (name,)
        )
        admin.execute(f'DROP OWNED BY "{name}"')
        admin.execute(f'DROP ROLE "{name}"')


def test_a_move_refused_after_the_role_is_taken_back_stays_where_the_program_holds_it(
    qtbot: QtBot,
    editor_login: tuple[str, str],
    postgres_url: str,
    make_window: Callable[[Database], MainWindow],
    messages: Messages,
    faults: list[BaseException],
) -> None:
    name, url = editor_login
    database = open_database(url, author="Aiko Tanaka")
    window: MainWindow | None = None
    try:
        window = make_window(database)
        window.go_to(JANUARY_NINE_TOKYO.date())
        event_id = window.events.row_at(0).event_id
        with psycopg.connect(postgres_url.split("?")[0], autocommit=True) as admin:
            admin.execute(f'REVOKE cpp_scheduler_editor FROM "{name}"')

        later = JANUARY_NINE_TOKYO + timedelta(hours=3)
        window.move_event(event_id, later, later + timedelta(hours=2))
        rows_read(window)
        qtbot.waitUntil(lambda: len(messages.errors) >= 2, timeout=10_000)

        titles = [title for title, _line in messages.errors]
        assert titles[:2] == ["Cannot move the event", "Cannot refresh the calendar"]
        assert all("\n" not in line and "SELECT" not in line for _title, line in messages.errors)
        assert "does not let this login change it" in messages.errors[0][1]
        shown = window.events.row_at(window.events.row_of(event_id))
        assert shown.start_utc == JANUARY_NINE_TOKYO  # where the program holds it
        assert faults == []
    finally:
        if window is not None:
            window.tasks.wait_for_done()
        database.close()
