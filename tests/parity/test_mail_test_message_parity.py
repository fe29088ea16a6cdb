"""The Mail settings window's "Send a test message" and ``cpp-scheduler send test`` send
the same message through the same server and say the same line, in either language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.mail_settings import MailSettingsDialog
from cpp_scheduler.mail.addresses import OrganizerError, read_organizer
from cpp_scheduler.mail.settings import SETTINGS_ENV
from tests.mail.helpers import settings_through
from tests.mail.login_server import login_smtp_server
from tests.mail.smtpserver import Server, smtp_server
from tests.parity.command_support import command_line

RECIPIENT = "aiko.tanaka@tdlc.example.org"


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A real SMTP server, which the mail settings send through as the CPP team."""
    with smtp_server(starttls=False) as running:
        monkeypatch.setenv(SETTINGS_ENV, str(settings_through(running, tmp_path)))
        yield running


def window_says(qtbot: QtBot) -> str:
    """What the Mail settings window says once it has sent its test message."""
    dialog = MailSettingsDialog(TaskManager())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.host.isEnabled, timeout=20_000)
    dialog.test_recipient.setText(RECIPIENT)
    before = dialog.status.text()
    dialog.test_button.click()
    qtbot.waitUntil(
        lambda: dialog.status.text() != before and not dialog.status.text().endswith("…"),
        timeout=20_000,
    )
    return dialog.status.text()


def test_the_window_and_the_command_send_the_same_test_message(
    qtbot: QtBot, server: Server, speaking: str, capsys: pytest.CaptureFixture[str]
) -> None:
    said = command_line(capsys, ["--lang", speaking, "send", "test", "--to", RECIPIENT])
    assert window_says(qtbot) == said
    assert f"127.0.0.1:{server.port}" in said
    assert server.mailbox.recipients == [RECIPIENT, RECIPIENT]
    by_command, by_window = server.mailbox.messages
    assert by_command["Subject"] == by_window["Subject"]
    assert by_command["From"] == by_window["From"]
    assert by_command.get_payload(decode=True) == by_window.get_payload(decode=True)


def test_the_command_names_another_server_and_sender_or_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "none.json"))
    assert main(["send", "test", "--to", RECIPIENT]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "cpp-scheduler: say which mail server: --smtp HOST:PORT (or set it in the mail settings)"
    ]
    with smtp_server(starttls=False) as running:
        server = ("--smtp", f"127.0.0.1:{running.port}", "--plain")
        assert main(["send", "test", "--to", RECIPIENT, *server]) == 1
        assert capsys.readouterr().err.splitlines() == [
            "cpp-scheduler: say who sends: the sender's name and address"
        ]
        sender = ("--from", "Kobe City <partners@city.kobe.example.jp>")
        assert main(["send", "test", "--to", RECIPIENT, *server, *sender]) == 0
        assert capsys.readouterr().out == (
            f"A test message went to {RECIPIENT} through 127.0.0.1:{running.port}.\n"
        )
        [message] = running.mailbox.messages
        assert message["From"] == "Kobe City <partners@city.kobe.example.jp>"


@pytest.mark.parametrize(
    ("recipient", "said"),
    [
        ("not an email", "'not an email' is not an email address (expected name@example.org)."),
        (
            "ana@example.org, bruno@example.org",
            "'ana@example.org, bruno@example.org' is not an email address "
            "(expected name@example.org).",
        ),
    ],
)
def test_a_test_message_to_no_one_address_is_refused_and_nothing_goes_out(
    qtbot: QtBot,
    server: Server,
    recipient: str,
    said: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Once, "not an email" went to "not", and of two addresses the first alone."""
    assert main(["send", "test", "--to", recipient]) == 1
    assert capsys.readouterr().err == f"cpp-scheduler: {said}\n"
    dialog = MailSettingsDialog(TaskManager())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.host.isEnabled, timeout=20_000)
    dialog.test_recipient.setText(recipient)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() == said, timeout=20_000)
    assert server.mailbox.messages == []


@pytest.mark.parametrize(
    ("server_given", "said"),
    [
        ("x" * 100_000 + ":25", "'" + "x" * 59 + "…' is not the name of a mail server"),
        ("mail.example.org:0", "port 0 is not a port (1 to 65535)"),
        ("127.0.0.1:65536", "port 65536 is not a port (1 to 65535)"),
    ],
    ids=["a name no DNS holds", "port 0", "past the last port"],
)
def test_a_server_no_connection_can_reach_is_refused_before_any_is_tried(
    server_given: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["send", "test", "--to", RECIPIENT, "--plain", "--smtp", server_given]
    assert main(arguments) == 2
    assert capsys.readouterr().err == f"cpp-scheduler: --smtp: {said}\n"


@pytest.mark.parametrize(
    "organiser",
    [
        "Bob <mailto:bob@example.org>",
        "Bob <bob@example.org",
        "Bob <bob@example.org>, Eve <eve@example.org>",
    ],
)
def test_an_organiser_of_no_one_plain_address_is_refused(organiser: str) -> None:
    """Once, the first was signed "mailto:…" and the third signed by Bob alone."""
    with pytest.raises(OrganizerError):
        read_organizer(organiser)


def test_a_server_given_as_a_bracketed_ipv6_address_is_tried(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``[::1]:25`` names the address ::1, as a mail client writes it."""
    arguments = ["send", "test", "--to", RECIPIENT, "--plain", "--smtp", "[::1]:1"]
    arguments += ["--from", "CPP team <cpp@tdlc.example.org>"]
    assert main(arguments) == 1
    error = capsys.readouterr().err
    assert "could not reach the mail server ::1:1" in error
    assert "not the name of a mail server" not in error


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_server_asking_for_a_login_none_was_given_for_is_said_with_what_to_do_here(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No user in the settings: both say the server's 530 as one fact, each with where
    the user is given (the command: ``--user``; the window: its own fields). The window
    once said the fact alone, where the command said what to do."""
    with login_smtp_server() as running:
        monkeypatch.setenv(SETTINGS_ENV, str(settings_through(running, tmp_path)))
        assert main(["send", "test", "--to", RECIPIENT]) == 1
        shown = window_says(qtbot)
        assert running.mailbox.messages == []
    needed = (
        f"the mail server 127.0.0.1:{running.port} takes mail only after a login "
        "(530 5.7.0 Authentication required)"
    )
    assert capsys.readouterr().err.splitlines() == [
        f"cpp-scheduler: {needed}: give the user the server knows you by with --user, its "
        "password in the system keyring (Tools > Mail settings saves it there)"
    ]
    assert shown == (
        f"{needed}: give the user the server knows you by and its password above, and save."
    )
