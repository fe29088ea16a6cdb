"""The Replies dialog with replies that cannot be recorded: a malformed file is one
refused line below the answers, the other files are recorded, and nothing reaches the
crash dialog; an answer to a moved meeting shows where the meeting is now; a reader's
window lists the answers but greys the import, and its Send invitations and Send
updates, saying why."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from conftest import settle, tools_of
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.readonly import check_access
from cpp_scheduler.gui.tools.mail_reports import RepliesDialog
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database, open_database
from tests.ical.program import Program, build_program, local
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


@pytest.fixture
def program(sqlite_database: Database) -> Program:
    with sqlite_database.transaction() as session:
        return build_program(session)


def test_a_malformed_reply_is_one_refused_line_and_the_others_go_in(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    server: Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crashes: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: crashes.append(error))
    send(sqlite_database, EventScope(program.workshop.uid), server)
    invitation = read_calendar(server.mailbox.messages[0])
    good = tmp_path / "ana.ics"
    good.write_bytes(reply_calendar(invitation, program.ana.email, "ACCEPTED"))
    bad = tmp_path / "bruno.ics"
    bad.write_bytes(
        reply_calendar(invitation, program.bruno.email, "DECLINED").replace(
            b"DTSTAMP:20260501T000000Z", b"DTSTAMP;VALUE=DATE:20260501"
        )
    )
    window = open_window()
    dialog = tools_of(window).open_replies()
    assert isinstance(dialog, RepliesDialog)
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20_000)
    dialog.import_files([bad, good])
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20_000)
    assert dialog.summary.text() == "1 recorded, 1 refused"
    assert dialog.refused.toPlainText() == (
        f"{bad}: DTSTAMP '20260501' is a date; it must be a date and time"
    )
    assert dialog.model.index(0, 2).data() == f"Ana Quispe <{program.ana.email}>"
    assert crashes == []
    assert dialog.import_button.isEnabled()
    settle(qtbot, window)


def test_an_answer_to_a_moved_meeting_shows_where_it_is_now(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    server: Server,
    tmp_path: Path,
) -> None:
    send(sqlite_database, EventScope(program.series.uid), server)
    invitation = read_calendar(server.mailbox.messages[0])
    april = local("Asia/Tokyo", 2026, 4, 15, 9, 0)  # moved to Thu 16 Apr 11:00
    path = tmp_path / "sofia.ics"
    path.write_bytes(
        reply_calendar(invitation, program.sofia.email, "DECLINED", recurrence_id=april)
    )
    window = open_window()
    dialog = tools_of(window).open_replies()
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20_000)
    dialog.import_files([path])
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20_000)
    assert dialog.model.index(0, 1).data() == (
        "meeting of Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 Apr 2026 09:00"
    )
    settle(qtbot, window)


@pytest.fixture
def reader_url(postgres_url: str) -> Iterator[str]:
    name = f"cpp_test_reader_{uuid.uuid4().hex[:8]}"
    owner = open_database(postgres_url)
    with owner.transaction() as session:
        build_program(session)
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


@pytest.mark.postgres
def test_a_readers_window_sends_nothing_and_imports_no_reply(
    qtbot: QtBot, reader_url: str, tmp_path: Path
) -> None:
    database = open_database(reader_url)
    try:
        window = MainWindow(
            database, QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(window)
        settle(qtbot, window)
        check_access(window)
        qtbot.waitUntil(lambda: window.editor.read_only is not None, timeout=10_000)
        reason = window.editor.read_only
        assert reason is not None
        assert reason.startswith("Read-only: cpp_test_reader_")
        actions = {action.objectName(): action for action in window.findChildren(QAction)}
        assert not actions["send_invitations"].isEnabled()
        assert not actions["send_updates"].isEnabled()
        assert actions["mail_replies"].isEnabled()  # the answers may still be read
        dialog = tools_of(window).open_replies()
        assert isinstance(dialog, RepliesDialog)
        qtbot.waitUntil(lambda: not dialog.import_button.isEnabled(), timeout=10_000)
        assert dialog.import_button.toolTip() == reason
        # Asked all the same (a file dropped, a script): the service refuses, said once.
        reply = tmp_path / "any.ics"
        reply.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        dialog.import_files([reply])
        qtbot.waitUntil(lambda: dialog.summary.text() == reason, timeout=10_000)
        # The send dialog opened all the same (from the changes dialog) previews, sends not.
        sending = tools_of(window).open_send("invitations")
        qtbot.waitUntil(lambda: sending.read_only is not None, timeout=10_000)
        qtbot.waitUntil(lambda: not sending.tasks.busy, timeout=20_000)
        assert not sending.send_button.isEnabled()
        assert sending.send_button.toolTip() == reason
        sending.close()
        settle(qtbot, window)
        window.tasks.wait_for_done()
    finally:
        database.close()
