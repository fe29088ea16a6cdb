"""An address no message can carry (``アナ@例え.jp``: beyond ASCII before the @) is said
once by the Send dialog's preview and by ``cpp-scheduler send invitations --dry-run``,
in one sentence: the address, how many messages about which events, and why; only the
mark is each one's own (the window's ⚠, the command's ``note:``), in English and in
Japanese."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.errors import quoted
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.send_mail import INVITATIONS, SendDialog
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.model import Participant
from cpp_scheduler.services import editing, invitations
from cpp_scheduler.services.calendar_export import DelegationScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.conftest import plain_server, program  # noqa: F401  (fixtures)
from tests.mail.helpers import SENDER, settings_through
from tests.mail.smtpserver import Server
from tests.parity.language_support import spoken

UNSENDABLE = "アナ@例え.jp"

MARKS = {
    # language: the command's mark; the window's mark before and after
    i18n.ENGLISH: ("note: ", ("⚠ ", ".")),
    i18n.JAPANESE: ("注意: ", ("⚠ ", "。")),
}


def _command(
    database_url: str, scope: DelegationScope, language: str, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    """What ``send invitations --delegation NAME --dry-run`` says of the address, without
    its mark; and it still goes to the error output, and the dry run still succeeds."""
    mark, _window = MARKS[language]
    db = ("--db", database_url, "--lang", language)
    assert main([*db, "send", "invitations", "--delegation", scope.name, "--dry-run"]) == 0
    printed = capsys.readouterr()
    assert UNSENDABLE not in printed.out
    return [
        line.removeprefix(mark)
        for line in printed.err.splitlines()
        if UNSENDABLE in line and line.startswith(mark)
    ]


def _window(qtbot: QtBot, database: Database, scope: DelegationScope, language: str) -> list[str]:
    """What the Send dialog's preview says of the same address, without its mark."""
    _command, (before, after) = MARKS[language]
    tasks = TaskManager()
    try:
        with spoken(language):
            dialog = SendDialog(database, tasks, INVITATIONS, scope=scope, scope_label="Lima")
            qtbot.addWidget(dialog)
            qtbot.waitUntil(lambda: dialog.batch is not None, timeout=20_000)
            qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
            said = [
                line.removeprefix(before).removesuffix(after)
                for line in dialog.notes.text().splitlines()
                if UNSENDABLE in line
            ]
            dialog.close()
            return said
    finally:
        tasks.wait_for_done()


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_preview_and_the_dry_run_say_one_line_of_an_address_that_cannot_be_sent_to(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    language: str,
) -> None:
    monkeypatch.setenv(SETTINGS_ENV, str(settings_through(plain_server, tmp_path)))
    ana = editing.stored(database, Participant, program.ana.id)
    editing.change(database, Participant, program.ana.id, {"email": UNSENDABLE}, ana.version)
    scope = DelegationScope(program.lima.name)
    plan = invitations.plan_invitations(database, scope, SENDER)
    refused = [message for message in plan.to_send if message.unsendable]
    assert len(refused) > 1  # several messages to one address: one line says them all

    command = _command(database_url, scope, language, capsys)
    window = _window(qtbot, database, scope, language)
    assert window == command
    (line,) = command
    opening = {
        i18n.ENGLISH: f"{UNSENDABLE} cannot be sent to ({len(refused)} messages about ",
        i18n.JAPANESE: f"{UNSENDABLE} には送れません（",
    }
    assert line.startswith(opening[language])
    if language == i18n.JAPANESE:
        assert f"についてのメッセージ{len(refused)}件）" in line
    for message in refused:
        assert quoted(message.title) in line
    if language == i18n.ENGLISH:  # the reason, in the mail layer's words
        assert line.endswith(f": {refused[0].unsendable}")
