"""Mail settings' "Sending a test message to …" line quotes the recipient typed as every
message quotes input: shortened, a line break shown escaped. Before, a pasted address
with a line break split the status line in two, and a huge paste filled the window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.mail_settings import MailSettingsDialog
from tests.mail.smtpserver import Server


def test_the_recipient_of_the_test_message_is_quoted_on_one_line(
    qtbot: QtBot, mail_settings: Path, server: Server
) -> None:
    tasks = TaskManager()
    dialog = MailSettingsDialog(tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.host.isEnabled, timeout=20_000)

    dialog.test_recipient.setText("aiko@tdlc.example.org\nBcc: everyone@example.org")
    dialog.test_button.click()
    assert dialog.status.text() == (
        "Sending a test message to 'aiko@tdlc.example.org\\nBcc: everyone@example.org'…"
    )
    qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
    assert "\n" not in dialog.status.text()

    dialog.test_recipient.setText("a" * 1_000_000)
    dialog.test_button.click()
    assert len(dialog.status.text()) < 120
    qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
    assert server.mailbox.recipients == []
