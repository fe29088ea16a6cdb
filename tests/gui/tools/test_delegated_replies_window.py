"""A delegated answer in the windows: the Replies window imports it and names whom the
meeting went to, and whom to invite; its counts and the event dialog's count the
delegation apart from those who accepted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.mail_reports import RepliesDialog
from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program, build_program
from tests.mail.delegation import delegation_reply
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server, smtp_server

RAM = "ram.thapa@kathmandu.gov.np"


@pytest.fixture
def server() -> Iterator[Server]:
    with smtp_server(starttls=False) as running:
        yield running


@pytest.fixture
def invited(sqlite_database: Database, server: Server) -> Program:
    """The workshop's invitations sent."""
    with sqlite_database.transaction() as session:
        program = build_program(session)
    send(sqlite_database, EventScope(program.workshop.uid), server)
    return program


def _replies_in(tmp_path: Path, invited: Program, server: Server) -> Path:
    """Maya passed the workshop to Bruno and to Ram, whom the program does not know;
    Ana accepted."""
    invitation = read_calendar(server.mailbox.messages[0])
    (tmp_path / "maya.ics").write_bytes(
        delegation_reply(invitation, invited.maya.email, (invited.bruno.email, RAM))
    )
    (tmp_path / "ana.ics").write_bytes(reply_calendar(invitation, invited.ana.email, "ACCEPTED"))
    return tmp_path


def _cells(dialog: RepliesDialog) -> list[list[str]]:
    return [
        [dialog.model.index(row, column).data() for column in range(dialog.model.columnCount())]
        for row in range(dialog.model.rowCount())
    ]


def test_the_replies_window_imports_a_delegation_and_says_whom_to_invite(
    qtbot: QtBot,
    sqlite_database: Database,
    invited: Program,
    server: Server,
    tasks: TaskManager,
    tmp_path: Path,
) -> None:
    dialog = RepliesDialog(sqlite_database, tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20_000)

    dialog.import_files([_replies_in(tmp_path, invited, server)])

    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=20_000)
    assert dialog.summary.text() == "2 recorded, 0 refused"
    assert dialog.refused.isHidden()
    title = invited.workshop.title
    assert _cells(dialog) == [
        [title, "", f"Ana Quispe <{invited.ana.email}>", "accepted"],
        [
            title,
            "",
            f"Maya Shrestha <{invited.maya.email}>",
            f"delegated to Bruno Salas <{invited.bruno.email}> (invited already), {RAM} "
            "(not in the program: add this address as a participant and invite them)",
        ],
    ]

    dialog.unanswered.setChecked(True)
    expected = replies.invited_answers(sqlite_database)
    qtbot.waitUntil(lambda: dialog.rows == expected, timeout=20_000)
    qtbot.waitUntil(lambda: dialog.summary.text() != "Reading the answers…", timeout=20_000)
    waiting = len(expected) - 2
    assert dialog.summary.text() == f"1 accepted, 1 delegated, {waiting} no answer"


def test_the_event_dialog_counts_a_delegation_apart_from_acceptances(
    qtbot: QtBot,
    sqlite_database: Database,
    invited: Program,
    server: Server,
    tmp_path: Path,
) -> None:
    assert (
        replies.import_replies(sqlite_database, [_replies_in(tmp_path, invited, server)]).refused
        == []
    )
    dialog = EventDialog(sqlite_database, invited.workshop.id, tasks=TaskManager())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    shown = {row[0]: row[-1] for row in dialog.answers.shown_rows()}
    assert shown["Maya Shrestha"].startswith(f"delegated to Bruno Salas <{invited.bruno.email}>")
    waiting = len(shown) - 2
    assert dialog.answers.counts.text() == f"1 accepted, 1 delegated, {waiting} no answer"


def test_a_delegation_is_read_whole_in_the_replies_window_on_a_laptop(
    qtbot: QtBot,
    sqlite_database: Database,
    invited: Program,
    server: Server,
    tasks: TaskManager,
    tmp_path: Path,
) -> None:
    """Whom the meeting went to and whom to add are longer than the Answer column of a
    1366x768 laptop's window: the row grows to show them wrapped, instead of cutting
    them at "delegated to Bruno Salas <bruno.salas@…"."""
    assert (
        replies.import_replies(sqlite_database, [_replies_in(tmp_path, invited, server)]).refused
        == []
    )
    dialog = RepliesDialog(sqlite_database, tasks)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 600)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=20_000)

    answer = dialog.model.columnCount() - 1
    accepted, delegated = (dialog.model.index(row, answer) for row in range(2))
    text = str(delegated.data())
    width = dialog.table.header().sectionSize(answer)
    needed = dialog.table.fontMetrics().boundingRect(
        0, 0, width - 12, 10_000, int(Qt.TextFlag.TextWordWrap), text
    )
    line = dialog.table.fontMetrics().lineSpacing()
    assert needed.height() >= 3 * line  # the text is three lines or more at this width
    qtbot.waitUntil(
        lambda: dialog.table.visualRect(delegated).height() >= needed.height(), timeout=5_000
    )
    # Ana's row is as tall as its longest cell, her event's title: shorter.
    assert dialog.table.visualRect(accepted).height() < dialog.table.visualRect(delegated).height()
