"""Of an event called off after its invitations went out, the Replies window and
``cpp-scheduler replies list --event UID --invited`` say the same: nobody is asked for
an answer, because it is cancelled (not that nobody was ever invited), in either
language."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.mail_reports import READING_ANSWERS, RepliesDialog
from cpp_scheduler.model import Event, EventStatus
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import build_program
from tests.mail.helpers import send
from tests.mail.smtpserver import smtp_server
from tests.parity.command_support import command_line
from tests.parity.language_support import spoken


def window_summary(qtbot: QtBot, database: Database, uid: str, language: str) -> str:
    """The Replies window's line under its table, for the event ``uid`` with "Show who
    has not answered" ticked."""
    with spoken(language):
        dialog = RepliesDialog(database, TaskManager())
        qtbot.addWidget(dialog)
        scope = dialog.scope

        def row_of_event() -> int:
            for row in range(scope.count()):
                data = scope.itemData(row)
                if isinstance(data, EventScope) and data.uid == uid:
                    return row
            return -1

        qtbot.waitUntil(lambda: row_of_event() >= 0, timeout=20_000)
        scope.setCurrentIndex(row_of_event())
        dialog.unanswered.setChecked(True)
        reading = translations.translate("Mail", READING_ANSWERS)
        qtbot.waitUntil(lambda: dialog.summary.text() != reading, timeout=20_000)
        return dialog.summary.text()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (i18n.ENGLISH, "It is cancelled: nobody is asked for an answer."),
        (i18n.JAPANESE, "中止されています: 誰にも回答を求めていません。"),
    ],
)
def test_a_cancelled_event_is_cancelled_in_the_window_as_in_the_command(
    qtbot: QtBot,
    sqlite_path: Path,
    sqlite_database: Database,
    language: str,
    expected: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with sqlite_database.transaction() as session:
        program = build_program(session)
    uid = program.workshop.uid
    with smtp_server(starttls=False) as server:
        send(sqlite_database, EventScope(uid), server)
        assert server.mailbox.messages  # invitations went out
    with sqlite_database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.status = EventStatus.CANCELLED

    db = ("--db", str(sqlite_path), "--lang", language)
    said = command_line(capsys, [*db, "replies", "list", "--event", uid, "--invited"])

    shown = window_summary(qtbot, sqlite_database, uid, language)
    assert shown == said == expected
