"""The events the Replies window offers to read the answers of, and ``cpp-scheduler
replies events``, are the same events, in the same order and words, in either language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.mail_reports import RepliesDialog
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope
from cpp_scheduler.store import Database
from tests.ical.program import build_program
from tests.mail.helpers import send
from tests.mail.smtpserver import smtp_server
from tests.parity.language_support import spoken


def window_events(
    qtbot: QtBot, database: Database, language: str
) -> tuple[list[tuple[str, str]], str]:
    """(the item's text, the event's UID) of each event the window's list offers, and
    the words the window puts each event's label in."""
    with spoken(language):
        dialog = RepliesDialog(database, TaskManager())
        qtbot.addWidget(dialog)
        scope = dialog.scope

        def events() -> list[tuple[str, str]]:
            return [
                (scope.itemText(row), scope.itemData(row).uid)
                for row in range(scope.count())
                if isinstance(scope.itemData(row), EventScope)
            ]

        qtbot.waitUntil(lambda: len(events()) > 0, timeout=20_000)
        prefix = translations.translate("Mail", "Event: {event}")
        return events(), prefix


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_replies_window_lists_the_events_the_command_lists(
    qtbot: QtBot,
    sqlite_path: Path,
    sqlite_database: Database,
    language: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with sqlite_database.transaction() as session:
        program = build_program(session)
    with smtp_server(starttls=False) as server:
        send(sqlite_database, EventScope(program.workshop.uid), server)
        send(sqlite_database, DelegationScope(program.kathmandu.name), server)

    db = ("--db", str(sqlite_path), "--lang", language)
    assert main([*db, "replies", "events"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert main([*db, "replies", "events", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) >= 2
    assert program.workshop.uid in {event["uid"] for event in listed}

    shown, prefix = window_events(qtbot, sqlite_database, language)
    assert shown == [(prefix.format(event=event["label"]), event["uid"]) for event in listed]
    assert lines == [f"{event['label']}  {event['uid']}" for event in listed]
