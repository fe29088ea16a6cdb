"""Mail from the window against a real SMTP server: the settings and their test message,
invitations with their preview and progress, what changed, and the updates."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import settle, tools_of
from gui_support import invited_event_question
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.tools.mail_reports import ChangesDialog, RepliesDialog
from cpp_scheduler.gui.tools.mail_settings import MailSettingsDialog
from cpp_scheduler.gui.tools.send_mail import SendDialog
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.model import Event
from cpp_scheduler.services import invitations, replies
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.store import Database
from tests.ical.program import Program, build_program
from tests.mail.helpers import plain_transport, read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


@pytest.fixture
def program(sqlite_database: Database) -> Program:
    with sqlite_database.transaction() as session:
        return build_program(session)


def shown_when_read(qtbot: QtBot, dialog: MailSettingsDialog) -> None:
    """Wait until the settings are read (off the GUI thread): the fields come alive."""
    assert not dialog.host.isEnabled()  # what is typed meanwhile would be replaced
    qtbot.waitUntil(dialog.host.isEnabled, timeout=20_000)


def choose(dialog: SendDialog | ChangesDialog, label: str) -> None:
    index = dialog.scope.findText(label)
    assert index >= 0, label
    dialog.scope.setCurrentIndex(index)


def previewed(qtbot: QtBot, dialog: SendDialog, count: int) -> list[list[str]]:
    qtbot.waitUntil(lambda: dialog.model.rowCount() == count, timeout=20_000)
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=20_000)
    return [
        [dialog.model.index(row, column).data() for column in range(4)]
        for row in range(dialog.model.rowCount())
    ]


def test_settings_are_saved_without_the_password_and_a_test_message_goes_out(
    qtbot: QtBot, sqlite_database: Database, open_window, mail_settings: Path, server: Server
) -> None:
    window = open_window()
    dialog = tools_of(window).open_mail_settings()
    assert isinstance(dialog, MailSettingsDialog)
    shown_when_read(qtbot, dialog)
    assert dialog.host.text() == "127.0.0.1"
    assert dialog.port.value() == server.port
    dialog.test_recipient.setText("me@tdlc.example.org")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "went to" in dialog.status.text(), timeout=20_000)
    assert server.mailbox.recipients == ["me@tdlc.example.org"]

    dialog.sender_name.setText("CPP coordination")
    dialog.rate.setValue(30)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    saved = json.loads(mail_settings.read_text(encoding="utf-8"))
    assert saved["sender"]["name"] == "CPP coordination"
    assert saved["rate_per_minute"] == 30
    assert "password" not in mail_settings.read_text(encoding="utf-8")
    settle(qtbot, window)


def test_a_sender_send_from_refuses_is_not_saved_either(
    qtbot: QtBot, sqlite_database: Database, open_window, mail_settings: Path, server: Server
) -> None:
    """Every invitation is signed with the saved sender: an address ``send --from``
    refuses ("mailto:" before it) is refused by Save too, in the same words."""
    window = open_window()
    dialog = tools_of(window).open_mail_settings()
    assert isinstance(dialog, MailSettingsDialog)
    shown_when_read(qtbot, dialog)
    before = mail_settings.read_text(encoding="utf-8")
    dialog.sender_email.setText("mailto:cpp@tdlc.example.org")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    said = (
        "'mailto:cpp@tdlc.example.org' is not an email address: write one address alone, "
        "without : (expected name@example.org)."
    )
    qtbot.waitUntil(lambda: dialog.status.text() == said, timeout=20_000)
    assert mail_settings.read_text(encoding="utf-8") == before
    dialog.close()
    settle(qtbot, window)


def test_broken_settings_open_to_be_mended_in_the_dialog(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,
    tmp_path: Path,
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A settings file cut short (a full disk, a hand edit) must not lock the coordinator
    # out of the one dialog that writes it anew.
    path = tmp_path / "mail.json"
    path.write_text('{"smtp": {"host": "127.0.0.1", "po', encoding="utf-8")
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    window = open_window()
    dialog = tools_of(window).open_mail_settings()
    assert isinstance(dialog, MailSettingsDialog)
    shown_when_read(qtbot, dialog)
    assert "cannot be read" in dialog.status.text()
    assert str(path) in dialog.status.text()
    assert "\n" not in dialog.status.text()
    assert dialog.host.text() == ""

    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(server.port)
    dialog.security.setCurrentIndex(dialog.security.findData("none"))
    dialog.sender_email.setText("cpp@tdlc.example.org")
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["smtp"]["port"] == server.port
    settle(qtbot, window)


def test_absurd_settings_open_to_be_mended_naming_the_value_as_the_command_does(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A port of 1e400 (a hand edit) stopped the reading with an OverflowError; it is
    now the same line the command prints, and the dialog opens empty to be mended."""
    path = tmp_path / "mail.json"
    path.write_text('{"smtp": {"host": "127.0.0.1", "port": 1e400}}', encoding="utf-8")
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    assert main(["send", "test", "--to", "aiko@example.org"]) == 1
    said = capsys.readouterr().err.removeprefix("cpp-scheduler: ").rstrip("\n")
    assert said == (
        f"the mail settings in {path} are not valid: smtp.port is 'Infinity', not a whole "
        "number from 1 to 65535"
    )
    window = open_window()
    dialog = tools_of(window).open_mail_settings()
    assert isinstance(dialog, MailSettingsDialog)
    shown_when_read(qtbot, dialog)
    assert dialog.status.text() == said
    assert dialog.host.text() == ""
    settle(qtbot, window)


def test_settings_saved_in_another_window_meanwhile_are_not_replaced(
    qtbot: QtBot, sqlite_database: Database, open_window, mail_settings: Path
) -> None:
    """Two windows open on the mail settings: the first to save is saved; the other's
    Save is refused in its status line, the dialog left open with what was typed in it,
    and the file keeps the first one's settings."""
    window = open_window()
    first = tools_of(window).open_mail_settings()
    second = tools_of(window).open_mail_settings()
    for dialog in (first, second):
        qtbot.waitUntil(dialog.host.isEnabled, timeout=20_000)  # both have read the file

    first.sender_name.setText("CPP coordination")
    with qtbot.waitSignal(first.accepted, timeout=20_000):
        first.buttons.button(first.buttons.StandardButton.Save).click()
    saved = mail_settings.read_bytes()
    second.sender_name.setText("TDLC events")
    second.buttons.button(second.buttons.StandardButton.Save).click()

    said = (
        f"the mail settings in {mail_settings} were changed elsewhere since you opened them "
        "(in another window, or by hand); nothing was saved: open Mail settings again and "
        "apply your change again"
    )
    qtbot.waitUntil(lambda: second.status.text() == said, timeout=20_000)
    assert second.isVisible()
    assert second.sender_name.text() == "TDLC events"
    assert mail_settings.read_bytes() == saved
    assert json.loads(saved)["sender"]["name"] == "CPP coordination"
    second.close()
    settle(qtbot, window)


def test_a_wrong_server_is_one_line_in_the_dialog(
    qtbot: QtBot, sqlite_database: Database, open_window, mail_settings: Path
) -> None:
    window = open_window()
    dialog = tools_of(window).open_mail_settings()
    shown_when_read(qtbot, dialog)
    dialog.port.setValue(1)
    dialog.test_recipient.setText("me@tdlc.example.org")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "could not reach" in dialog.status.text(), timeout=20_000)
    assert "\n" not in dialog.status.text()
    settle(qtbot, window)


def test_invitations_then_changes_then_updates_from_the_window(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
) -> None:
    window = open_window()
    tools = tools_of(window)
    dialog = tools.open_send("invitations")
    assert isinstance(dialog, SendDialog)
    qtbot.waitUntil(lambda: dialog.scope.findText(f"Delegation: {program.lima.name}") >= 0)
    choose(dialog, f"Delegation: {program.lima.name}")
    # The cancelled workshop, of which they were never told, sends them nothing.
    rows = previewed(qtbot, dialog, 6)
    assert {row[0] for row in rows} == {
        f"{program.ana.name} <{program.ana.email}>",
        f"{program.bruno.name} <{program.bruno.email}>",
    }
    assert {row[2] for row in rows} == {"Invitation"}
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    assert dialog.progress.value() == dialog.progress.maximum() == 6
    assert "Sent 6 of 6 (0 had been sent already)." in dialog.outcome.text()
    assert len(server.mailbox.messages) == 6
    qtbot.waitUntil(lambda: "0 to send" in dialog.summary.text(), timeout=20_000)
    dialog.close()

    with sqlite_database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.start_utc += timedelta(hours=3)
        event.end_utc += timedelta(hours=3)
    changes = tools.open_changes()
    assert isinstance(changes, ChangesDialog)
    qtbot.waitUntil(lambda: changes.report is not None, timeout=20_000)
    assert changes.report == change_report(sqlite_database)
    # Maya and Kenji attend the workshop too but were left out of Lima's batch: updates
    # tell those who were sent it, and invite nobody the coordinator did not choose.
    assert {c.email for c in changes.report.changes} == {
        p.email for p in (program.ana, program.bruno)
    }
    changes.report = None
    choose(changes, f"Delegation: {program.lima.name}")
    qtbot.waitUntil(lambda: changes.report is not None, timeout=20_000)
    people = [changes.model.index(row, 0).data() for row in range(changes.model.rowCount())]
    lima = program.lima.name
    assert people == [
        f"Ana Quispe <{program.ana.email}>, {lima}",
        f"Bruno Salas <{program.bruno.email}>, {lima}",
    ]
    assert changes.model.index(0, 1).data() == "1 change"
    detail = changes.model.index(0, 1, changes.model.index(0, 0)).data()
    assert detail.startswith("moved from Tue 09 Jun 2026")

    updates = tools.open_send("updates")
    previewed(qtbot, updates, 2)  # the whole program's updates: Lima's two alone
    choose(updates, f"Delegation: {program.lima.name}")
    rows = previewed(qtbot, updates, 2)
    assert {row[2] for row in rows} == {"Update"}
    assert all(row[3].startswith("moved from") for row in rows)
    updates.send_button.click()
    qtbot.waitUntil(lambda: updates.report is not None, timeout=30_000)
    assert len(server.mailbox.messages) == 8
    qtbot.waitUntil(lambda: updates.model.rowCount() == 0, timeout=20_000)
    assert (
        invitations.plan_updates(
            sqlite_database, DelegationScope(program.lima.name), invitations.Organizer("", "")
        ).to_send
        == ()
    )
    updates.close()
    settle(qtbot, window)


def test_a_batch_can_be_cancelled_and_the_ledger_holds_what_went_out(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
) -> None:
    settings = json.loads(mail_settings.read_text(encoding="utf-8"))
    settings["rate_per_minute"] = 120  # one every half second: time to cancel
    mail_settings.write_text(json.dumps(settings), encoding="utf-8")
    window = open_window()
    dialog = tools_of(window).open_send("invitations")
    qtbot.waitUntil(lambda: dialog.scope.findText(f"Delegation: {program.lima.name}") >= 0)
    choose(dialog, f"Delegation: {program.lima.name}")
    previewed(qtbot, dialog, 6)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=20_000)
    dialog.close_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert dialog.report is not None
    assert dialog.report.cancelled
    sent = len(server.mailbox.messages)
    assert 1 <= sent < 6
    assert len(invitations.ledger(sqlite_database)) == sent
    assert "Cancelled" in dialog.outcome.text()
    settle(qtbot, window)


def test_replies_are_imported_and_shown_as_the_command_lists_them(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
    tmp_path: Path,
) -> None:
    send(sqlite_database, EventScope(program.workshop.uid), server)
    invitation = read_calendar(server.mailbox.messages[0])
    good = tmp_path / "ana.ics"
    good.write_bytes(reply_calendar(invitation, program.ana.email, "ACCEPTED"))
    bad = tmp_path / "spy.ics"
    bad.write_bytes(reply_calendar(invitation, "spy@evil.example", "ACCEPTED"))
    window = open_window()
    dialog = tools_of(window).open_replies()
    assert isinstance(dialog, RepliesDialog)
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20_000)
    assert dialog.model.rowCount() == 0
    dialog.import_files([good, bad])
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20_000)
    assert dialog.summary.text().startswith("1 recorded, 1 refused")
    assert "'spy@evil.example' was not invited" in dialog.refused.toPlainText()
    cells = [dialog.model.index(0, column).data() for column in range(4)]
    assert cells == [
        program.workshop.title,
        "",
        f"Ana Quispe <{program.ana.email}>",
        "accepted",
    ]
    assert dialog.rows == replies.attendance(sqlite_database)
    settle(qtbot, window)


def test_the_changes_dialog_shows_what_the_command_prints(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    send(sqlite_database, EventScope(program.series.uid), server)
    with sqlite_database.transaction() as session:
        series = session.get(Event, program.series.id)
        assert series is not None
        series.video_link = "https://meet.example.org/cpp-monthly-2"
    window = open_window()
    dialog = tools_of(window).open_changes()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    # The tree read as the command prints it: each person and how many changes, each
    # event with what is to be told and how, each detail.
    model = dialog.model
    shown: list[str] = []
    for row in range(model.rowCount()):
        person = model.index(row, 0)
        shown.append(f"{person.data()}: {model.index(row, 1).data()}")
        for child in range(model.rowCount(person)):
            shown.append(f"  {model.index(child, 0, person).data()}")
            shown.append(f"    {model.index(child, 1, person).data()}")
    shown.append(dialog.summary.text())
    assert main(["--db", str(sqlite_path), "changes"]) == 0
    assert shown == capsys.readouterr().out.splitlines()
    assert len(shown) == 4 * 3 + 1
    assert shown[1] == f"  {program.series.title} (changed, REQUEST)"
    assert shown[2] == "    video link now https://meet.example.org/cpp-monthly-2"
    settle(qtbot, window)


def test_the_updates_preview_shows_every_change_whole(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
) -> None:
    """A meeting moved, renamed and given a new link: each change on a line of its own,
    wrapped to the column, none cut at the column's edge or the row's."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics

    send(sqlite_database, DelegationScope(program.lima.name), server)
    with sqlite_database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.start_utc += timedelta(hours=3)
        event.end_utc += timedelta(hours=3)
        event.title = "Peer exchange on early warning systems for landslides and floods"
        event.video_link = "https://meet.example.org/early-warning-landslides-and-floods"
    window = open_window()
    updates = tools_of(window).open_send("updates")
    updates.resize(1280, 600)
    qtbot.waitUntil(lambda: updates.scope.findText(f"Delegation: {program.lima.name}") >= 0)
    choose(updates, f"Delegation: {program.lima.name}")
    rows = previewed(qtbot, updates, 2)
    assert all(len(row[3].splitlines()) >= 2 for row in rows), rows
    view = updates.preview
    metrics = QFontMetrics(view.font())
    for number in range(updates.model.rowCount()):
        index = updates.model.index(number, 3)
        cell = view.visualRect(index)
        assert cell.right() <= view.viewport().width()
        needed = metrics.boundingRect(
            0, 0, cell.width() - 8, 10_000, int(Qt.TextFlag.TextWordWrap), index.data()
        )
        assert needed.height() <= cell.height(), (index.data(), needed, cell)
    updates.close()
    settle(qtbot, window)


def _answer(box: QMessageBox, label: str) -> None:
    (button,) = [button for button in box.buttons() if button.text() == label]
    button.click()


def test_deleting_an_event_whose_invitations_stand_offers_to_cancel_it_first(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
) -> None:
    send(sqlite_database, EventScope(program.workshop.uid), server)
    invited = len(server.mailbox.messages)
    assert invited >= 2
    window = open_window()
    window.select_event(program.workshop.id)

    window.delete_selected()
    box = invited_event_question(qtbot)
    assert f"still stand for {invited} participants" in box.text()
    assert "stays in their calendars" in box.informativeText()
    _answer(box, "Keep it")
    settle(qtbot, window)
    with sqlite_database.reading() as session:
        assert session.get(Event, program.workshop.id) is not None

    window.delete_selected()
    _answer(invited_event_question(qtbot), "Mark it cancelled")
    settle(qtbot, window)
    with sqlite_database.reading() as session:
        kept = session.get(Event, program.workshop.id)
        assert kept is not None
        assert kept.status.value == "cancelled"
    assert "Send updates" in window.statusBar().currentMessage()
    report = change_report(sqlite_database, EventScope(program.workshop.uid))
    assert [change.kind.value for change in report.changes] == ["cancelled"] * invited

    plan = invitations.plan_updates(
        sqlite_database, EventScope(program.workshop.uid), invitations.Organizer("", "")
    )
    with plain_transport(server) as transport:
        invitations.send_batch(sqlite_database, plan.to_send, transport)
    assert len(server.mailbox.messages) == 2 * invited
    assert all(
        read_calendar(message)["METHOD"] == "CANCEL"
        for message in server.mailbox.messages[invited:]
    )

    window.confirm = lambda title, question, parent=None: True  # type: ignore[method-assign]
    window.delete_selected()  # everyone is told: the plain question, then the deletion
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.selected_event is None, timeout=20_000)
    with sqlite_database.reading() as session:
        assert session.get(Event, program.workshop.id) is None


def test_events_naming_no_organiser_wait_for_a_sender_as_the_command_says(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = json.loads(mail_settings.read_text(encoding="utf-8"))
    sender = settings.pop("sender")  # nobody signs for an event that names no organiser
    mail_settings.write_text(json.dumps(settings), encoding="utf-8")
    lima = DelegationScope(program.lima.name)
    plan = invitations.plan_invitations(sqlite_database, lima, None)
    assert plan.to_send  # the workshop names its organiser
    assert plan.unsigned  # the Lima delegation's other events name none
    window = open_window()
    dialog = tools_of(window).open_send("invitations")
    assert isinstance(dialog, SendDialog)
    qtbot.waitUntil(lambda: dialog.scope.findText(f"Delegation: {program.lima.name}") >= 0)
    choose(dialog, f"Delegation: {program.lima.name}")
    rows = previewed(qtbot, dialog, len(plan.to_send))
    assert {row[1] for row in rows} == {invitation.title for invitation in plan.to_send}
    qtbot.waitUntil(dialog.waiting.isVisible, timeout=20_000)
    waiting = dialog.waiting.text().splitlines()
    assert waiting[:-1] == [
        f"⚠ '{event.title}' names no organiser: its messages to {event.recipients} "
        "recipients wait for a sender."
        for event in plan.unsigned
    ]
    assert "Tools > Mail settings…" in waiting[-1]
    assert dialog.summary.text() == f"{len(plan.to_send)} to send, 0 sent already"
    # Nothing goes while some wait, as the command refuses to send any.
    assert not dialog.send_button.isEnabled()
    dialog.send()
    assert dialog.report is None
    assert not dialog.running
    assert server.mailbox.messages == []

    assert (
        main(
            [
                "--db",
                str(sqlite_path),
                "send",
                "invitations",
                "--delegation",
                lima.name,
                "--dry-run",
            ]
        )
        == 0
    )
    printed = capsys.readouterr()
    assert f"{len(plan.to_send)} to send, 0 sent already" in printed.out
    # The events that wait, then how to sign them, then the cancelled workshop, which
    # was never sent and so waits for nobody: no cancellation goes to its recipients.
    *notes, hint, cancelled = printed.err.splitlines()
    assert [f"⚠ {note.removeprefix('note: ')}." for note in notes] == waiting[:-1]
    assert "--from 'Name <email>'" in hint
    assert cancelled.startswith(f"note: '{program.cancelled.title}' is cancelled: ")

    settings["sender"] = sender  # a sender given: every event is signed, and all go
    mail_settings.write_text(json.dumps(settings), encoding="utf-8")
    signed = invitations.plan_invitations(sqlite_database, lima, invitations.Organizer(**sender))
    dialog.refresh_preview()
    previewed(qtbot, dialog, len(signed.to_send))
    qtbot.waitUntil(dialog.send_button.isEnabled, timeout=20_000)
    assert not dialog.waiting.isVisible()
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    assert len(server.mailbox.messages) == len(signed.to_send)
    dialog.close()
    settle(qtbot, window)


def test_the_send_dialog_says_what_the_batch_leaves_out_as_the_command_does(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    program: Program,
    open_window,
    mail_settings: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An address no message can carry is refused alone, and a cancelled event sends no
    cancellation to those it never invited: the preview says both, and counts what can
    go, as ``send invitations --dry-run`` does."""
    from cpp_scheduler.model import Participant
    from cpp_scheduler.services import editing

    ana = editing.stored(sqlite_database, Participant, program.ana.id)
    editing.change(
        sqlite_database, Participant, program.ana.id, {"email": "アナ@例え.jp"}, ana.version
    )
    lima = DelegationScope(program.lima.name)
    plan = invitations.plan_invitations(
        sqlite_database, lima, invitations.Organizer("TDLC CPP team", "cpp@tdlc.example.org")
    )
    unsendable = [message for message in plan.to_send if message.unsendable]
    assert unsendable  # both cases are in this batch
    assert plan.not_invited

    window = open_window()
    dialog = tools_of(window).open_send("invitations")
    assert isinstance(dialog, SendDialog)
    qtbot.waitUntil(lambda: dialog.scope.findText(f"Delegation: {program.lima.name}") >= 0)
    choose(dialog, f"Delegation: {program.lima.name}")
    rows = previewed(qtbot, dialog, len(plan.to_send))
    refused_rows = [row for row in rows if row[2] == "Cannot be sent"]
    assert [row[0] for row in refused_rows] == [
        f"{message.recipient_name} <{message.recipient_email}>" for message in unsendable
    ]
    qtbot.waitUntil(dialog.notes.isVisible, timeout=20_000)
    (note,) = invitations.unsendable_notes(plan.to_send)
    assert note.startswith(f"アナ@例え.jp cannot be sent to ({len(unsendable)} messages about ")
    assert dialog.notes.text().splitlines() == [
        f"⚠ {note}.",
        *(
            f"'{event.title}' is cancelled: no cancellation goes to {event.recipients} "
            f"recipients who hold no invitation to it."
            for event in plan.not_invited
        ),
    ]
    sendable = len(plan.to_send) - len(unsendable)
    assert dialog.summary.text() == f"{sendable} to send, 0 sent already"

    arguments = ["--db", str(sqlite_path), "send", "invitations", "--delegation", lima.name]
    assert main([*arguments, "--dry-run"]) == 0
    printed = capsys.readouterr()
    assert f"{sendable} to send, 0 sent already" in printed.out
    err = printed.err.splitlines()
    assert [line for line in err if "アナ@例え.jp" in line] == [f"note: {note}"]
    assert len([line for line in err if "is cancelled: no cancellation" in line]) == len(
        plan.not_invited
    )
    dialog.close()
    settle(qtbot, window)


def test_the_updates_preview_counts_what_can_be_sent_as_the_command_does(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Ana's address, changed since she was invited, is one no message can carry: her
    update is listed as one that cannot be sent and is not counted as to send, as
    ``send updates --dry-run`` counts."""
    from cpp_scheduler.model import Participant
    from cpp_scheduler.services import editing

    lima = DelegationScope(program.lima.name)
    send(sqlite_database, lima, server)
    with sqlite_database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.start_utc += timedelta(hours=3)
        event.end_utc += timedelta(hours=3)
    ana = editing.stored(sqlite_database, Participant, program.ana.id)
    editing.change(
        sqlite_database, Participant, program.ana.id, {"email": "アナ@例え.jp"}, ana.version
    )
    plan = invitations.plan_updates(
        sqlite_database, lima, invitations.Organizer("TDLC CPP team", "cpp@tdlc.example.org")
    )
    assert plan.unsendable  # Ana's
    sendable = len(plan.sendable_changes)
    assert 0 < sendable < len(plan.changes)

    window = open_window()
    updates = tools_of(window).open_send("updates")
    qtbot.waitUntil(lambda: updates.scope.findText(f"Delegation: {program.lima.name}") >= 0)
    choose(updates, f"Delegation: {program.lima.name}")
    rows = previewed(qtbot, updates, len(plan.changes))
    assert {row[0] for row in rows if row[2] == "Cannot be sent"} == {
        f"{change.participant} <{change.email}>"
        for change in plan.changes
        if (change.event_uid, change.email) in plan.unsendable
    }
    assert updates.summary.text() == f"{sendable} to send"
    arguments = ["--db", str(sqlite_path), "send", "updates", "--delegation", lima.name]
    assert main([*arguments, "--dry-run"]) == 0
    assert f"{sendable} to send" in capsys.readouterr().out.splitlines()
    updates.close()
    settle(qtbot, window)


def test_the_window_tells_a_moved_all_day_event_by_its_days_as_the_service_does(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,
    mail_settings: Path,
    server: Server,
) -> None:
    from datetime import date

    from tests.mail.test_all_day_mail import MOVED_A_DAY, golden_week

    uid, event_id = golden_week(sqlite_database)
    send(sqlite_database, EventScope(uid), server)
    with sqlite_database.transaction() as session:
        event = session.get(Event, event_id)
        assert event is not None
        event.set_dates(date(2027, 4, 30), date(2027, 5, 6))
    moved = MOVED_A_DAY
    window = open_window()
    tools = tools_of(window)
    changes = tools.open_changes()
    qtbot.waitUntil(lambda: changes.report is not None, timeout=20_000)
    details = {
        changes.model.index(0, 1, changes.model.index(row, 0)).data()
        for row in range(changes.model.rowCount())
    }
    assert details == {moved}
    changes.close()
    updates = tools.open_send("updates")
    rows = previewed(qtbot, updates, 2)
    assert {row[3] for row in rows} == {moved}
    updates.close()
    settle(qtbot, window)


def test_a_recipient_the_server_puts_off_is_said_not_sent_yet_and_the_rest_goes(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
) -> None:
    """Greylisting Bruno (450 at his address) leaves his messages for the next batch:
    Ana's go, the batch's report says his are not sent yet, and the preview keeps them."""
    server.mailbox.defer = {program.bruno.email}
    window = open_window()
    dialog = tools_of(window).open_send("invitations")
    qtbot.waitUntil(lambda: dialog.scope.findText(f"Delegation: {program.lima.name}") >= 0)
    choose(dialog, f"Delegation: {program.lima.name}")
    previewed(qtbot, dialog, 6)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    summary = dialog.outcome.text()
    assert "Sent 3 of 6 (0 had been sent already)." in summary
    assert (
        f"Not sent yet (the server asked to try later): {program.bruno.email}: 3 messages "
        "about " in summary
    )
    assert f": the server deferred '{program.bruno.email}': 450" in summary
    assert "Stopped" not in summary
    assert set(server.mailbox.recipients) == {program.ana.email}
    rows = previewed(qtbot, dialog, 3)
    assert {row[0] for row in rows} == {f"{program.bruno.name} <{program.bruno.email}>"}
    dialog.close()
    settle(qtbot, window)


def shown_texts(dialog: SendDialog) -> str:
    """Every line of words the dialog shows (its labels on screen), as one text."""
    from PySide6.QtWidgets import QLabel

    return "\n".join(
        label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()
    )


@pytest.mark.parametrize(
    ("trouble", "reported", "left", "again"),
    [
        # Refused for good: the preview holds him back until his address is corrected,
        # and the command line tries him again only when told to.
        ("refuse", "Refused: {email}: ", 0, ["--retry-refused"]),
        ("defer", "Not sent yet (the server asked to try later): {email}: ", 3, []),
    ],
)
def test_the_batch_report_stays_while_the_preview_reads_the_batch_again(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
    capsys: pytest.CaptureFixture[str],
    trouble: str,
    reported: str,
    left: int,
    again: list[str],
) -> None:
    """Bruno's address refused (550) or put off (450): once the preview has read the
    batch again, the dialog still says who was not sent what and the server's reason,
    as ``send invitations`` prints it, beside what is left to send; it goes when the
    coordinator sends again or chooses another scope."""
    setattr(server.mailbox, trouble, {program.bruno.email})
    window = open_window()
    dialog = tools_of(window).open_send("invitations")
    lima = f"Delegation: {program.lima.name}"
    qtbot.waitUntil(lambda: dialog.scope.findText(lima) >= 0)
    choose(dialog, lima)
    previewed(qtbot, dialog, 6)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    rows = previewed(qtbot, dialog, left)
    assert {row[0] for row in rows} <= {f"{program.bruno.name} <{program.bruno.email}>"}
    qtbot.wait(300)  # anything the read would still change on screen
    shown = shown_texts(dialog)
    assert "Sent 3 of 6 (0 had been sent already)." in shown
    said = reported.format(email=program.bruno.email)
    assert said in shown
    code = "550" if trouble == "refuse" else "450"
    reason = shown.split(said, 1)[1].split("\n", 1)[0]
    assert code in reason, shown
    assert dialog.summary.text() == f"{left} to send, 3 sent already"

    # The command line sends Bruno's three the same way and names each with its reason.
    assert (
        main(
            [
                "--db",
                str(sqlite_path),
                "send",
                "invitations",
                "--delegation",
                program.lima.name,
                "--smtp",
                f"127.0.0.1:{server.port}",
                "--plain",
                *again,
            ]
        )
        == 1
    )
    printed = capsys.readouterr()
    assert program.bruno.email in printed.out + printed.err
    assert code in printed.out + printed.err

    # Another scope is another batch: the report of this one goes.
    choose(dialog, f"Delegation: {program.kathmandu.name}")
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=20_000)
    qtbot.waitUntil(lambda: "to send" in dialog.summary.text(), timeout=20_000)
    assert "Sent 3 of 6" not in shown_texts(dialog)
    assert said not in shown_texts(dialog)

    # Back on Lima with Bruno's mailbox open again (a refused address tried again on
    # purpose): sending replaces the report.
    setattr(server.mailbox, trouble, set())
    choose(dialog, lima)
    if again:
        previewed(qtbot, dialog, 0)
        dialog.retry_refused.setChecked(True)
    previewed(qtbot, dialog, 3)
    dialog.report = None
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    previewed(qtbot, dialog, 0)
    shown = shown_texts(dialog)
    assert "Sent 3 of 3 (3 had been sent already)." in shown
    assert said not in shown
    assert dialog.summary.text() == "0 to send, 6 sent already"
    dialog.close()
    settle(qtbot, window)


def test_send_updates_from_what_changed_opens_on_the_scope_it_shows(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What changed since last sent, for the Lima delegation, lists two updates; its
    Send updates… opens on that delegation with those two, as ``changes --delegation``
    lists them, whatever event the window has selected; on the whole program, the whole
    program's four."""
    from PySide6.QtWidgets import QPushButton

    send(sqlite_database, EventScope(program.workshop.uid), server)
    with sqlite_database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.start_utc += timedelta(hours=3)
        event.end_utc += timedelta(hours=3)
    window = open_window()
    window.select_event(program.site_visit.id)  # an event nobody is to be told of
    tools = tools_of(window)
    changes = tools.open_changes()
    assert isinstance(changes, ChangesDialog)
    lima = f"Delegation: {program.lima.name}"
    qtbot.waitUntil(lambda: changes.report is not None and changes.scope.findText(lima) >= 0)
    assert changes.summary.text() == "4 changes to tell 4 participants."

    def sent_from_changes() -> SendDialog:
        before = set(window.findChildren(SendDialog))
        button = changes.findChild(QPushButton, "sendUpdatesButton")
        assert isinstance(button, QPushButton)
        button.click()
        (opened,) = set(window.findChildren(SendDialog)) - before
        assert isinstance(opened, SendDialog)
        qtbot.waitUntil(lambda: not opened.tasks.busy, timeout=20_000)
        return opened

    changes.report = None
    choose(changes, lima)
    qtbot.waitUntil(lambda: changes.report is not None, timeout=20_000)
    assert changes.summary.text() == "2 changes to tell 2 participants."
    updates = sent_from_changes()
    assert updates.scope.currentText() == lima
    rows = previewed(qtbot, updates, 2)
    assert updates.summary.text() == "2 to send"
    listed = {
        (
            changes.model.index(row, 0).data(),
            changes.model.index(0, 0, changes.model.index(row, 0)).data(),
        )
        for row in range(changes.model.rowCount())
    }
    assert {(f"{row[0]}, {program.lima.name}", f"{row[1]} (changed, REQUEST)") for row in rows} == (
        listed
    )
    assert (
        main(["--db", str(sqlite_path), "changes", "--delegation", program.lima.name, "--json"])
        == 0
    )
    printed = json.loads(capsys.readouterr().out)
    assert {(row[0], row[1]) for row in rows} == {
        (f"{change['participant']} <{change['email']}>", change["title"]) for change in printed
    }
    assert main(["--db", str(sqlite_path), "changes", "--delegation", program.lima.name]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == changes.summary.text()
    updates.close()

    changes.report = None
    choose(changes, "The whole program")
    qtbot.waitUntil(lambda: changes.report is not None, timeout=20_000)
    whole = sent_from_changes()
    assert whole.scope.currentText() == "The whole program"
    previewed(qtbot, whole, 4)
    assert whole.summary.text() == "4 to send"
    whole.close()
    settle(qtbot, window)


def test_send_updates_handed_an_event_opens_on_it_under_the_label_given(
    qtbot: QtBot,
    sqlite_database: Database,
    program: Program,
    open_window,
    mail_settings: Path,
    server: Server,
) -> None:
    """A scope the list does not offer (one event) is put first under the label the
    dialog that handed it over shows, and its updates alone are listed."""
    send(sqlite_database, EventScope(program.workshop.uid), server)
    send(sqlite_database, EventScope(program.site_visit.uid), server)
    with sqlite_database.transaction() as session:
        for event_id in (program.workshop.id, program.site_visit.id):
            event = session.get(Event, event_id)
            assert event is not None
            event.start_utc += timedelta(hours=3)
            event.end_utc += timedelta(hours=3)
    window = open_window()
    label = f"Event: {program.workshop.title}"
    updates = tools_of(window).send_updates_for(EventScope(program.workshop.uid), label)
    assert isinstance(updates, SendDialog)
    rows = previewed(qtbot, updates, 4)
    assert updates.scope.currentText() == label
    assert {row[1] for row in rows} == {program.workshop.title}
    updates.close()
    settle(qtbot, window)
