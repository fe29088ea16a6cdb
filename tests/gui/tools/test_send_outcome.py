"""Send in the window sends what the preview showed and is still due, and says in words
what it did not send and why, against a real SMTP server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import settle, tools_of
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.tools.send_mail import SendDialog
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.mail.transports import SmtpSettings, store_password
from cpp_scheduler.model import Event, EventStatus
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database
from tests.ical.program import Program, build_program
from tests.mail.login_server import REFUSED, login_smtp_server, memory_keyring
from tests.mail.smtpserver import USER, Server


@pytest.fixture
def program(sqlite_database: Database) -> Program:
    with sqlite_database.transaction() as session:
        return build_program(session)


def previewed(qtbot: QtBot, dialog: SendDialog, count: int) -> None:
    qtbot.waitUntil(lambda: dialog.model.rowCount() == count, timeout=20_000)
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=20_000)


def test_an_event_cancelled_after_the_preview_is_not_invited_to_and_the_dialog_says_so(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
) -> None:
    """The preview lists Ana's and Bruno's six Lima invitations; a colleague cancels the
    workshop before Send: the four others go, the workshop's two do not, and the
    dialog's outcome says why in words."""
    window = open_window()
    dialog = tools_of(window).open_send("invitations")
    assert isinstance(dialog, SendDialog)
    lima = f"Delegation: {program.lima.name}"
    qtbot.waitUntil(lambda: dialog.scope.findText(lima) >= 0)
    dialog.scope.setCurrentIndex(dialog.scope.findText(lima))
    previewed(qtbot, dialog, 6)
    workshop_rows = [
        row
        for row in range(dialog.model.rowCount())
        if dialog.model.index(row, 1).data() == program.workshop.title
    ]
    assert len(workshop_rows) == 2

    editing.change(
        sqlite_database, Event, program.workshop.id, {"status": EventStatus.CANCELLED}, None
    )
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)

    subjects = [str(message["Subject"]) for message in server.mailbox.messages]
    assert len(subjects) == 4
    assert not any(program.workshop.title in subject for subject in subjects)
    assert dialog.outcome.isVisible()
    assert dialog.outcome.text().splitlines() == [
        "Sent 4 of 6 (0 had been sent already).",
        "Not sent: 2 messages no longer say what the program says (it changed since the "
        "batch was planned); the list now shows what is due.",
    ]
    dialog.close()
    settle(qtbot, window)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_login_says_to_correct_the_password_in_the_mail_settings(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server takes mail after a login only, and the keyring holds a wrong password:
    the outcome says the login was refused and where the password is corrected, not that
    the server is out of reach, and not to send again."""
    with login_smtp_server() as server, memory_keyring():
        store_password(SmtpSettings("127.0.0.1", server.port, user=USER), "wrong")
        path = tmp_path / "mail.json"
        path.write_text(
            json.dumps(
                {
                    "smtp": {
                        "host": "127.0.0.1",
                        "port": server.port,
                        "security": "none",
                        "user": USER,
                    },
                    "sender": {"name": "TDLC CPP team", "email": "cpp@tdlc.example.org"},
                }
            ),
            encoding="utf-8",
        )
        monkeypatch.setenv(SETTINGS_ENV, str(path))
        window = open_window()
        dialog = tools_of(window).open_send("invitations")
        lima = f"Delegation: {program.lima.name}"
        qtbot.waitUntil(lambda: dialog.scope.findText(lima) >= 0)
        dialog.scope.setCurrentIndex(dialog.scope.findText(lima))
        previewed(qtbot, dialog, 6)
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)

        assert dialog.outcome.text().splitlines() == [
            "Sent 0 of 6 (0 had been sent already).",
            f"Stopped: {REFUSED}: correct the password in Tools > Mail settings.",
        ]
        assert server.mailbox.messages == []
        dialog.close()
        settle(qtbot, window)


def test_a_refused_address_is_one_line_with_its_events(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
) -> None:
    """Bruno's mailbox is refused for his three invitations: the outcome names him once,
    with how many messages and which events, not three times the same words."""
    server.mailbox.refuse = {program.bruno.email}
    window = open_window()
    dialog = tools_of(window).open_send("invitations")
    lima = f"Delegation: {program.lima.name}"
    qtbot.waitUntil(lambda: dialog.scope.findText(lima) >= 0)
    dialog.scope.setCurrentIndex(dialog.scope.findText(lima))
    previewed(qtbot, dialog, 6)
    titles = list(
        dict.fromkeys(
            message.title
            for message in dialog.plan
            if message.recipient_email == program.bruno.email
        )
    )
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)

    events = ", ".join(f"'{title}'" for title in titles)
    assert dialog.outcome.text().splitlines() == [
        "Sent 3 of 6 (0 had been sent already).",
        f"Refused: {program.bruno.email}: 3 messages about {events}: the server refused "
        f"'{program.bruno.email}': 550 5.1.1 mailbox unavailable.",
    ]
    dialog.close()
    settle(qtbot, window)
