"""The answer of a colleague an official passed the meeting to, whom the event does not
invite yet: ``cpp-scheduler replies import`` and the Replies window's import refuse it
in the same line, saying whose delegate they are and what to do; once the coordinator
has added and invited them, the window's import of the same reply records it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.mail_reports import RepliesDialog
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.conftest import plain_server, program  # noqa: F401  (fixtures)
from tests.mail.delegate_reply import answer
from tests.mail.helpers import read_calendar, send
from tests.mail.smtpserver import Server

RAM = "ram.thapa@kathmandu.gov.np"


def test_the_window_and_the_command_say_why_the_delegates_answer_is_refused(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    delegation = tmp_path / "maya.ics"
    delegation.write_bytes(answer(invitation, program.maya.email, "DELEGATED", delegated_to=RAM))
    assert replies.import_replies(database, [delegation]).refused == []
    ram = tmp_path / "ram.ics"
    ram.write_bytes(
        answer(
            invitation, RAM, "ACCEPTED", delegated_from=program.maya.email, stamp="20260502T090000Z"
        )
    )
    refusal = (
        f"{ram}: '{RAM}' answered '{program.workshop.title}' (accepted) as the delegate of "
        f"'Maya Shrestha <{program.maya.email}>', but the event does not invite them, so the "
        "answer is not recorded: add this address as a participant, invite them, then import "
        "this reply again"
    )

    assert main(["--db", database_url, "replies", "import", str(ram)]) == 1
    printed = capsys.readouterr()
    assert printed.err.splitlines() == [f"refused: {refusal}"]
    assert printed.out.splitlines()[-1] == "0 recorded, 1 refused"

    tasks = TaskManager()
    try:
        dialog = RepliesDialog(database, tasks)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20_000)
        dialog.import_files([ram])
        qtbot.waitUntil(lambda: not dialog.refused.isHidden(), timeout=20_000)
        assert dialog.refused.toPlainText() == refusal
        assert dialog.summary.text() == "0 recorded, 1 refused"

        with database.transaction() as session:
            workshop = session.get(Event, program.workshop.id)
            assert workshop is not None
            workshop.participants.append(Participant(name="Ram Thapa", email=RAM))
        dialog.import_files([ram])
        qtbot.waitUntil(lambda: dialog.summary.text() == "1 recorded, 0 refused", timeout=20_000)
        assert dialog.refused.isHidden()
        qtbot.waitUntil(lambda: any(row.email == RAM for row in dialog.rows or []), timeout=20_000)
        (shown,) = [
            [dialog.model.index(row, column).data() for column in range(4)]
            for row in range(dialog.model.rowCount())
            if dialog.model.index(row, 2).data() == f"Ram Thapa <{RAM}>"
        ]
        assert shown == [program.workshop.title, "", f"Ram Thapa <{RAM}>", "accepted"]
    finally:
        tasks.wait_for_done()
