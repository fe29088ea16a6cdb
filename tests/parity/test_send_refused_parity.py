"""``cpp-scheduler send --dry-run`` and the Send dialog's preview leave out the same
people whose address the server refused, in the same words (the change report's), sum
the batch up in the same line (never "everyone has been told" while messages are held
back), and with ``--retry-refused`` and "Try again the addresses the server refused"
put the same messages back into the batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.send_mail import INVITATIONS, UPDATES, SendDialog
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.services.calendar_export import TourScope
from cpp_scheduler.services.changes import ChangeScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.conftest import plain_server, program  # noqa: F401  (fixtures)
from tests.mail.helpers import send, settings_through
from tests.mail.smtpserver import Server

CLI_LEFT_OUT = "not sent: "
WINDOW_LEFT_OUT = "⚠ Not sent: "


@pytest.fixture
def settings(tmp_path: Path, plain_server: Server, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: F811
    """The mail settings both read: the sender who signs for events without organiser."""
    path = settings_through(plain_server, tmp_path)
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    return path


def _command(
    database_url: str, kind: str, scope: list[str], retry: bool, capsys: pytest.CaptureFixture[str]
) -> tuple[list[str], list[str], str]:
    """The addresses the dry run would send to, who it leaves out as refused, and the
    line that sums the batch up."""
    extra = ["--retry-refused"] if retry else []
    assert main(["--db", database_url, "send", kind, *scope, "--dry-run", *extra]) == 0
    out, err = capsys.readouterr()
    recipients = sorted(
        line.rsplit(" to ", 1)[1].split(" (", 1)[0]
        for line in out.splitlines()
        if line.startswith("would send ")
    )
    left_out = [
        line.removeprefix(CLI_LEFT_OUT)
        for line in err.splitlines()
        if line.startswith(CLI_LEFT_OUT)
    ]
    return recipients, left_out, out.splitlines()[-1]


def _window(
    qtbot: QtBot, database: Database, kind: str, scope: ChangeScope, retry: bool
) -> tuple[list[str], list[str], str]:
    """The addresses the Send dialog's preview lists, who it leaves out as refused, and
    the line that sums the batch up."""
    tasks = TaskManager()
    try:
        dialog = SendDialog(database, tasks, kind, scope=scope, scope_label="the tour")
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.batch is not None, timeout=20_000)
        qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
        if retry:
            shown = dialog.batch
            dialog.retry_refused.setChecked(True)
            qtbot.waitUntil(lambda: dialog.batch is not shown, timeout=20_000)
            qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
        recipients = sorted(
            str(dialog.model.index(row, 0).data()).rsplit("<", 1)[1].rstrip(">")
            for row in range(dialog.model.rowCount())
        )
        left_out = [
            line.removeprefix(WINDOW_LEFT_OUT)
            for line in dialog.notes.text().splitlines()
            if line.startswith(WINDOW_LEFT_OUT)
        ]
        summary = dialog.summary.text()
        dialog.close()
        return recipients, left_out, summary
    finally:
        tasks.wait_for_done()


@pytest.mark.parametrize("kind", [INVITATIONS, UPDATES])
def test_the_command_and_the_send_dialog_leave_out_the_same_refused_people(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    settings: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    plain_server.mailbox.refuse = {program.bruno.email}
    send(database, TourScope(program.tour.id), plain_server)
    scope = ["--tour", program.tour.id] if kind == INVITATIONS else []
    window_scope = TourScope(program.tour.id) if kind == INVITATIONS else None

    command = _command(database_url, kind, scope, False, capsys)
    window = _window(qtbot, database, kind, window_scope, False)
    assert command == window
    recipients, left_out, summary = command
    assert program.bruno.email not in recipients
    # Bruno's messages are still owed: nobody is said to have been told everything.
    assert "everyone has been told" not in summary
    # One line for Bruno, naming the tour's three events his address was refused for.
    (line,) = left_out
    assert line.startswith(f"{program.bruno.name} <{program.bruno.email}> about ")
    for event in (program.opening, program.workshop, program.site_visit):
        assert f"'{event.title}'" in line
    assert f": refused by the server at {program.bruno.email} on " in line

    command = _command(database_url, kind, scope, True, capsys)
    window = _window(qtbot, database, kind, window_scope, True)
    assert command == window
    recipients, left_out, _summary = command
    assert program.bruno.email in recipients
    assert left_out == []
