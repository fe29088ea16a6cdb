"""A batch's outcome is said in the same sentences by the Send dialog and by
``cpp-scheduler send``, through a real SMTP server: how many of the batch went, each
address the server refused or put off (once, with how many messages about which
events and the server's words), a refused login, and the messages no longer due when
the batch went (sent meanwhile by another batch, or no longer what the program says).
The window starts each line with a capital and ends it as a sentence; only the hint of
what to do next is each one's own (Send again or Tools > Mail settings in the window,
running the command again, the keyring or ``--user`` on the command line), in English
and in Japanese. The window once worded all of these itself ("Refused: bruno@… (550
…), 3 messages about …" where the command printed "refused: bruno@…: 3 messages about
…: … 550 …", "Sent 3 of 6." where it printed "sent 3 of 6 (0 had been sent already)")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.cli.send import print_outcome
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.send_mail import INVITATIONS, SendDialog
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.mail.transports import SmtpSettings, store_password
from cpp_scheduler.model import Event, EventStatus
from cpp_scheduler.services import editing
from cpp_scheduler.services.calendar_export import DelegationScope
from cpp_scheduler.store import Database
from tests.conftest import NewProgram
from tests.ical.program import Program, build_program
from tests.mail.helpers import settings_through
from tests.mail.login_server import REFUSED, login_smtp_server, memory_keyring
from tests.mail.smtpserver import USER, Server, smtp_server

LIMA = "Peru housing ministry"
"""Ana's and Bruno's delegation: three events each, six messages."""

KEYRING_HINT = (
    ": correct the password the system keyring keeps for '{user}' (service "
    "cpp-scheduler-smtp:127.0.0.1; Tools > Mail settings saves it there), or log in as "
    "another user with --user"
)

HINTS = {
    # language: (the command's notes before the batch; its hints; the window's endings)
    i18n.ENGLISH: (
        "note: ",
        {
            "login": KEYRING_HINT.format(user=USER),
            "stopped": "; run again to send the rest",
            "changed": "; run again to send what is due now",
        },
        {
            "line": ".",
            "deferred": "; send again later.",
            "changed": "; the list now shows what is due.",
            "login": ": correct the password in Tools > Mail settings.",
        },
    ),
    i18n.JAPANESE: (
        "注意: ",
        {
            "login": f": システムのキーリングにある '{USER}' のパスワード（サービス "
            "cpp-scheduler-smtp:127.0.0.1。「ツール」>「メール設定…」で保存されます）を"
            "修正するか、--user で別のユーザーとしてログインしてください",
            "stopped": "。残りを送るには再実行してください",
            "changed": "。もう一度実行すると、いま必要なものを送信します",
        },
        {
            "line": "。",
            "deferred": "。後でもう一度送信してください。",
            "changed": "。一覧には現在必要なものを表示しています。",
            "login": ": 「ツール」>「メール設定…」でパスワードを修正してください。",
        },
    ),
}


def _fact(line: str, endings: dict[str, str]) -> tuple[str, str]:
    """The line without the hint or ending it closes with, and which one that was
    ("" for none)."""
    for name, ending in sorted(endings.items(), key=lambda item: -len(item[1])):
        if line.endswith(ending):
            return line.removesuffix(ending), name
    return line, ""


def _as_the_window_starts_it(fact: str) -> str:
    """A line of the command as a line of the window begins: with a capital."""
    return fact[:1].upper() + fact[1:]


def command_outcome(
    arguments: list[str], language: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[tuple[str, str]]]:
    """What ``send invitations`` says of its batch, each line as the window would
    begin it, with the hint it closes with; and its exit status. Its notes of what the
    batch leaves out before it goes (the cancelled workshop) are the preview's, compared
    by ``test_send_notes_parity``."""
    note, hints, _window = HINTS[language]
    status = main(["--lang", language, *arguments])
    printed = capsys.readouterr()
    lines = printed.out.splitlines() + [
        line for line in printed.err.splitlines() if not line.startswith(note)
    ]
    said = []
    for line in lines:
        fact, hint = _fact(line, hints)
        said.append((_as_the_window_starts_it(fact), hint))
    return status, said


def window_lines(text: str, language: str) -> list[tuple[str, str]]:
    """The Send dialog's outcome, each line with the hint or ending it closes with."""
    _note, _hints, endings = HINTS[language]
    return [_fact(line, endings) for line in text.splitlines()]


class Window:
    """The Send dialog on Lima's invitations, in one language."""

    def __init__(self, qtbot: QtBot, database: Database, language: str) -> None:
        self.qtbot = qtbot
        self.tasks = TaskManager()
        translations.install(language)
        self.dialog = SendDialog(
            database, self.tasks, INVITATIONS, scope=DelegationScope(LIMA), scope_label=LIMA
        )
        qtbot.addWidget(self.dialog)
        qtbot.waitUntil(lambda: self.dialog.batch is not None, timeout=20_000)
        qtbot.waitUntil(lambda: not self.tasks.busy, timeout=20_000)
        assert self.dialog.send_button.isEnabled()

    def send(self) -> str:
        """Send the batch the preview shows; the outcome it says."""
        self.dialog.send_button.click()
        self.qtbot.waitUntil(lambda: self.dialog.report is not None, timeout=30_000)
        return self.dialog.outcome.text()

    def close(self) -> None:
        self.dialog.close()
        self.tasks.wait_for_done()
        translations.install(i18n.ENGLISH)


@pytest.fixture
def window_program(sqlite_database: Database) -> Program:
    """The program the window sends from."""
    with sqlite_database.transaction() as session:
        return build_program(session)


@pytest.fixture
def command_program(tmp_path: Path, new_program: NewProgram) -> Path:
    """The same program in a database of its own, which the command sends from: each
    sends the batch as the first it makes."""
    path = tmp_path / "command.sqlite"
    database = new_program(path)
    try:
        with database.transaction() as session:
            build_program(session)
    finally:
        database.close()
    return path


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A real SMTP server, which the window's mail settings send through."""
    with smtp_server(starttls=False) as running:
        monkeypatch.setenv(SETTINGS_ENV, str(settings_through(running, tmp_path)))
        yield running


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.JAPANESE])
@pytest.mark.parametrize("trouble", ["refuse", "defer"])
def test_an_address_the_server_refused_or_put_off_is_said_alike(
    qtbot: QtBot,
    sqlite_database: Database,
    window_program: Program,
    command_program: Path,
    server: Server,
    capsys: pytest.CaptureFixture[str],
    trouble: str,
    language: str,
) -> None:
    """Bruno's address refused (550) or put off (450): Ana's three go, and both say
    once, in one sentence, how many of Bruno's messages about which events and why."""
    bruno = window_program.bruno.email
    setattr(server.mailbox, trouble, {bruno})
    window = Window(qtbot, sqlite_database, language)
    try:
        shown = window_lines(window.send(), language)
    finally:
        window.close()

    arguments = ["--db", str(command_program), "send", "invitations", "--delegation", LIMA]
    smtp = ["--smtp", f"127.0.0.1:{server.port}", "--plain"]
    status, printed = command_outcome([*arguments, *smtp], language, capsys)
    assert status == 1  # as before: something due was not sent

    assert [fact for fact, _hint in shown] == [fact for fact, _hint in printed]
    assert [hint for _fact, hint in printed] == ["", ""]
    deferred = "deferred" if trouble == "defer" else "line"
    assert [hint for _fact, hint in shown] == ["line", deferred]
    sent, about_bruno = (fact for fact, _hint in shown)
    assert (
        sent
        == {
            i18n.ENGLISH: "Sent 3 of 6 (0 had been sent already)",
            i18n.JAPANESE: "6件中3件を送信しました（送信済み0件）",
        }[language]
    )
    assert about_bruno.count(bruno) == 2  # the address, and the server's words of it
    code = "550" if trouble == "refuse" else "450"
    assert code in about_bruno
    for event in (window_program.opening, window_program.workshop, window_program.site_visit):
        assert f"'{event.title}'" in about_bruno
    if language == i18n.ENGLISH:
        label = "Refused: " if trouble == "refuse" else "Not sent yet (the server asked to "
        assert about_bruno.startswith(f"{label}")
        assert f"{bruno}: 3 messages about " in about_bruno


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.JAPANESE])
def test_a_refused_login_is_said_alike_each_with_where_the_password_is_mended(
    qtbot: QtBot,
    sqlite_database: Database,
    window_program: Program,
    sqlite_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    language: str,
) -> None:
    """A server that takes mail only after a login refuses the keyring's password: both
    stop at once, say how many went (none) and the server's answer, and each says where
    the password is corrected in its own terms."""
    with login_smtp_server() as server, memory_keyring():
        store_password(SmtpSettings("127.0.0.1", server.port, user=USER), "wrong")
        path = settings_through(server, tmp_path)
        settings = json.loads(path.read_text(encoding="utf-8"))
        settings["smtp"]["user"] = USER  # the window logs in as the command does
        path.write_text(json.dumps(settings), encoding="utf-8")
        monkeypatch.setenv(SETTINGS_ENV, str(path))
        window = Window(qtbot, sqlite_database, language)
        try:
            shown = window_lines(window.send(), language)
        finally:
            window.close()

        arguments = ["--db", str(sqlite_path), "send", "invitations"]
        arguments += ["--delegation", LIMA, "--smtp", f"127.0.0.1:{server.port}", "--plain"]
        status, printed = command_outcome([*arguments, "--user", USER], language, capsys)
        assert server.mailbox.messages == []

    assert status == 1
    assert [fact for fact, _hint in shown] == [fact for fact, _hint in printed]
    assert [hint for _fact, hint in shown] == ["line", "login"]
    assert [hint for _fact, hint in printed] == ["", "login"]
    stopped = shown[1][0]
    assert stopped.endswith(REFUSED) if language == i18n.ENGLISH else USER in stopped


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_server_asking_for_a_login_none_was_given_for_is_said_alike(
    qtbot: QtBot,
    sqlite_database: Database,
    window_program: Program,
    sqlite_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No user in the settings, none given: both stop at the server's 530 and say the
    same fact, each where the user is given, and neither to send again as it is."""
    with login_smtp_server() as server:
        monkeypatch.setenv(SETTINGS_ENV, str(settings_through(server, tmp_path)))
        window = Window(qtbot, sqlite_database, i18n.ENGLISH)
        try:
            shown = window.send().splitlines()
        finally:
            window.close()
        arguments = ["--db", str(sqlite_path), "send", "invitations", "--delegation", LIMA]
        status = main([*arguments, "--smtp", f"127.0.0.1:{server.port}", "--plain"])
        printed = capsys.readouterr()
        assert server.mailbox.messages == []

    needed = (
        f"the mail server 127.0.0.1:{server.port} takes mail only after a login "
        "(530 5.7.0 Authentication required)"
    )
    assert status == 1
    assert shown[1:] == [
        f"Stopped: {needed}: give the user the server knows you by in Tools > Mail settings."
    ]
    # The notes before the batch (the cancelled workshop) are test_send_notes_parity's.
    assert [line for line in printed.err.splitlines() if not line.startswith("note: ")] == [
        f"stopped: {needed}: give the user the server knows you by with --user, its "
        "password in the system keyring (Tools > Mail settings saves it there)"
    ]
    assert _as_the_window_starts_it(printed.out.strip()) + "." == shown[0]


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.JAPANESE])
@pytest.mark.parametrize("meanwhile", ["sent by the command", "workshop cancelled"])
def test_what_was_no_longer_due_is_said_in_the_commands_sentence(
    qtbot: QtBot,
    sqlite_database: Database,
    window_program: Program,
    sqlite_path: Path,
    server: Server,
    capsys: pytest.CaptureFixture[str],
    meanwhile: str,
    language: str,
) -> None:
    """Between the preview and Send, the command sends Lima's batch (all six were sent
    meanwhile by another batch), or a colleague cancels the workshop (its two are no
    longer what the program says): the window's outcome says it in the sentence the
    command prints for the same batch's report, each with its own hint."""
    window = Window(qtbot, sqlite_database, language)
    try:
        if meanwhile == "sent by the command":
            # In the window's language: the command speaks it from then on, as it would
            # in a process of its own.
            smtp = ["--smtp", f"127.0.0.1:{server.port}", "--plain"]
            sent = ["--lang", language, "--db", str(sqlite_path), "send", "invitations"]
            sent += ["--delegation", LIMA, *smtp]
            assert main(sent) == 0
            capsys.readouterr()
        else:
            workshop = window_program.workshop.id
            editing.change(
                sqlite_database, Event, workshop, {"status": EventStatus.CANCELLED}, None
            )
        shown = window_lines(window.send(), language)
        report, batch = window.dialog.report, window.dialog.sent_batch
        assert report is not None
        assert batch is not None
        # The same report, as ``send`` says it: the command's own batches drop nothing
        # the program no longer means, since they go as soon as they are planned.
        assert print_outcome(report, batch, None) == 0
    finally:
        window.close()
    printed = capsys.readouterr()
    _note, hints, _endings = HINTS[language]
    said = [_fact(line, hints) for line in printed.out.splitlines() + printed.err.splitlines()]
    printed_facts = [_as_the_window_starts_it(fact) for fact, _hint in said]

    assert [fact for fact, _hint in shown] == printed_facts
    if meanwhile == "sent by the command":
        assert [hint for _fact, hint in shown] == ["line", "line"]
        assert [hint for _fact, hint in said] == ["", ""]
        expected = {
            i18n.ENGLISH: "Not sent again: 6 messages had been sent meanwhile by another batch",
            i18n.JAPANESE: "再送信せず: メッセージ6件はその間に別の送信で送られていました",
        }
    else:
        assert [hint for _fact, hint in shown] == ["line", "changed"]
        assert [hint for _fact, hint in said] == ["", "changed"]
        expected = {
            i18n.ENGLISH: "Not sent: 2 messages no longer say what the program says (it "
            "changed since the batch was planned)",
            i18n.JAPANESE: "未送信: メッセージ2件は現在のプログラムと合わなくなりました"
            "（計画後に変更されました）",
        }
    assert shown[1][0] == expected[language]
