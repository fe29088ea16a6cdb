"""The Send dialog leaves out an address the server refused for good and says why, in
the change report's words; "Try again the addresses the server refused" puts it back
into the batch, and Send sends there. Against a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.send_mail import INVITATIONS, UPDATES, SendDialog
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.store import Database
from tests.ical.program import Program, build_program
from tests.mail.helpers import send
from tests.mail.smtpserver import Server

RETRY_HINT = (
    "1 message is left out as the server refused its address; it goes once the address is "
    "corrected, or tick 'Try again the addresses the server refused'."
)


@pytest.fixture
def program(sqlite_database: Database) -> Program:
    with sqlite_database.transaction() as session:
        return build_program(session)


@pytest.fixture
def tasks() -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    manager.wait_for_done()


def _refusal_of_bruno(database: Database, program: Program, server: Server) -> str:
    """The workshop's invitations go out with Bruno's mailbox refused for good; the line
    What changed words his refusal with."""
    server.mailbox.refuse = {program.bruno.email}
    send(database, EventScope(program.workshop.uid), server)
    (bruno,) = [c for c in change_report(database).changes if c.participant_id == program.bruno.id]
    return bruno.reported[0]


def _planned(qtbot: QtBot, dialog: SendDialog) -> None:
    qtbot.waitUntil(lambda: dialog.batch is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=20_000)


def _recipients(dialog: SendDialog) -> list[str]:
    return [dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())]


def test_the_preview_leaves_out_a_refused_address_and_the_check_box_sends_to_it(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    tasks: TaskManager,
    mail_settings: Path,
    server: Server,
) -> None:
    refusal = _refusal_of_bruno(sqlite_database, program, server)
    dialog = SendDialog(sqlite_database, tasks, INVITATIONS, event_id=program.workshop.id)
    qtbot.addWidget(dialog)
    dialog.show()
    _planned(qtbot, dialog)

    bruno = f"{program.bruno.name} <{program.bruno.email}>"
    assert _recipients(dialog) == []
    assert dialog.notes.isVisible()
    assert dialog.notes.text().splitlines() == [
        f"⚠ Not sent: {bruno} about '{program.workshop.title}': {refusal}",
        RETRY_HINT,
    ]
    assert not dialog.send_button.isEnabled()
    assert dialog.retry_refused.text() == "Try again the addresses the server refused"
    assert not dialog.retry_refused.isChecked()

    server.mailbox.refuse = set()  # the server refused him by mistake, and is mended
    dialog.retry_refused.setChecked(True)
    qtbot.waitUntil(lambda: _recipients(dialog) == [bruno], timeout=20_000)
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=20_000)
    assert not dialog.notes.isVisible()
    assert dialog.send_button.isEnabled()

    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    assert dialog.outcome.text().splitlines() == ["Sent 1 of 1 (3 had been sent already)."]
    assert program.bruno.email in server.mailbox.recipients
    dialog.close()


def test_send_updates_leaves_out_a_refused_address_and_says_why(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    tasks: TaskManager,
    mail_settings: Path,
    server: Server,
) -> None:
    refusal = _refusal_of_bruno(sqlite_database, program, server)
    dialog = SendDialog(sqlite_database, tasks, UPDATES)
    qtbot.addWidget(dialog)
    dialog.show()
    _planned(qtbot, dialog)

    bruno = f"{program.bruno.name} <{program.bruno.email}>"
    assert bruno not in _recipients(dialog)
    assert f"⚠ Not sent: {bruno} about '{program.workshop.title}': {refusal}" in (
        dialog.notes.text().splitlines()
    )

    dialog.retry_refused.setChecked(True)
    qtbot.waitUntil(lambda: bruno in _recipients(dialog), timeout=20_000)
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=20_000)
    assert "Not sent: " not in dialog.notes.text()
    dialog.close()
