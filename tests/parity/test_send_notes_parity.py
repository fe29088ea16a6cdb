"""The Send dialog's preview notes what a batch leaves out in the sentences
``cpp-scheduler send invitations --dry-run`` notes it in: the events that wait for a
sender, the cancelled events whose cancellation goes to nobody of some recipients, each
person whose address the server refused and the messages left out for it; only the hint
of what to do is each one's own (Tools > Mail settings… and a box to tick, ``--from``
and ``--retry-refused``), in English and in Japanese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.send_mail import INVITATIONS, RETRY_REFUSED, SendDialog
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.model import Event, EventStatus, Participant
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope, TourScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.conftest import plain_server, program  # noqa: F401  (fixtures)
from tests.mail.helpers import send, settings_through
from tests.mail.smtpserver import Server

MEDIA = {
    # language: (the command's note, its hint for an unsigned event, its hint for the
    #   refused, its refused person; the window's note, its hint for the refused, its
    #   refused person)
    i18n.ENGLISH: (
        "note: ",
        "note: give --from 'Name <email>' to sign them, or an organiser to each of these events",
        ", or give --retry-refused to try again",
        "not sent: ",
        ("⚠ ", "."),
        ", or tick '{option}'.",
        "⚠ Not sent: ",
    ),
    i18n.JAPANESE: (
        "注意: ",
        "注意: --from 'Name <email>' で差出人を指定するか、これらのイベントに主催担当者を"
        "設定してください",
        "。今すぐ再試行するには --retry-refused を指定してください",
        "未送信: ",
        ("⚠ ", "。"),
        "。または「{option}」にチェックを入れてください。",
        "⚠ 未送信: ",
    ),
}


@pytest.fixture
def unsigned_settings(
    tmp_path: Path,
    plain_server: Server,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """The mail settings both read, giving no sender: an event that names no organiser
    waits for one."""
    path = settings_through(plain_server, tmp_path)
    settings = json.loads(path.read_text(encoding="utf-8"))
    del settings["sender"]
    path.write_text(json.dumps(settings), encoding="utf-8")
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    return path


def _command(
    database_url: str, scope: DelegationScope, language: str, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    """The notes of ``send invitations --delegation NAME --dry-run``, without their
    prefixes and hints: the unsigned events, the cancelled ones, the refused people and
    the messages left out for them."""
    note, unsigned_hint, retry_hint, not_sent, *_window = MEDIA[language]
    db = ("--db", database_url, "--lang", language)
    assert main([*db, "send", "invitations", "--delegation", scope.name, "--dry-run"]) == 0
    said = []
    for line in capsys.readouterr().err.splitlines():
        if line == unsigned_hint:
            continue
        if line.startswith(not_sent):
            said.append(f"not sent: {line.removeprefix(not_sent)}")
        else:
            assert line.startswith(note), line
            said.append(line.removeprefix(note).removesuffix(retry_hint))
    return said


def _window(
    qtbot: QtBot, database: Database, scope: DelegationScope, language: str
) -> tuple[list[str], str]:
    """The Send dialog's notes of the same batch, without their marks and hints, and
    the hint after the unsigned events."""
    *_command, (mark, end), retry_hint, not_sent = MEDIA[language]
    tasks = TaskManager()
    translations.install(language)
    try:
        dialog = SendDialog(database, tasks, INVITATIONS, scope=scope, scope_label="Lima")
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.batch is not None, timeout=20_000)
        qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
        *unsigned, hint = dialog.waiting.text().splitlines()
        said = [line.removeprefix(mark).removesuffix(end) for line in unsigned]
        option = translations.translate("Mail", RETRY_REFUSED)
        for line in dialog.notes.text().splitlines():
            if line.startswith(not_sent):
                said.append(f"not sent: {line.removeprefix(not_sent)}")
            else:
                said.append(line.removesuffix(retry_hint.format(option=option)).removesuffix(end))
        dialog.close()
        return said, hint
    finally:
        translations.install(i18n.ENGLISH)
        tasks.wait_for_done()


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.JAPANESE])
def test_the_send_dialog_notes_what_the_batch_leaves_out_in_the_commands_words(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    unsigned_settings: Path,
    capsys: pytest.CaptureFixture[str],
    language: str,
) -> None:
    plain_server.mailbox.refuse = {program.bruno.email}
    send(database, TourScope(program.tour.id), plain_server)  # Bruno's refused
    with database.transaction() as session:  # signed, its cancellation goes to nobody
        cancelled = session.get(Event, program.cancelled.id)
        assert cancelled is not None
        cancelled.organiser = session.get(Participant, program.grace.id)
    scope = DelegationScope(program.lima.name)

    command = _command(database_url, scope, language, capsys)
    window, hint = _window(qtbot, database, scope, language)
    assert window == command
    assert "Tools > Mail settings…" in hint or "「ツール」>「メール設定…」" in hint
    # Every kind of note is compared: the events waiting for a sender, the cancelled
    # event, Bruno's refusal and the messages left out for it.
    assert len(command) >= 5, command
    assert sum(line.startswith("not sent: ") for line in command) == 1, command
    assert sum(program.cancelled.title in line for line in command) == 1, command


def _organised_by_grace(database: Database, program: Program, *event_ids: str) -> None:  # noqa: F811
    """Give these events Grace, the workshop's organiser, as their organiser too."""
    with database.transaction() as session:
        for event_id in event_ids:
            event = session.get(Event, event_id)
            assert event is not None
            event.organiser = session.get(Participant, program.grace.id)


def test_a_cancelled_event_never_sent_waits_for_no_sender_in_the_window_nor_the_command(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    unsigned_settings: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every live event of Lima's names its organiser; the cancelled workshop, never sent
    to anyone, names none. Nobody holds an invitation to it, so there is no cancellation
    to sign: neither the Send dialog nor ``send invitations --dry-run`` says it waits for
    a sender, both say no cancellation goes to its two recipients, the dialog lets the
    batch go and the command sends it without ``--from``."""
    _organised_by_grace(database, program, program.opening.id, program.site_visit.id)
    scope = DelegationScope(program.lima.name)
    cancelled = program.cancelled.title
    note = f"'{cancelled}' is cancelled: no cancellation goes to 2 recipients who hold no "
    note += "invitation to it"

    db = ("--db", database_url)
    assert main([*db, "send", "invitations", "--delegation", scope.name, "--dry-run"]) == 0
    said = capsys.readouterr()
    assert said.err.splitlines() == [f"note: {note}"]
    counted = said.out.splitlines()[-1]
    tasks = TaskManager()
    try:
        dialog = SendDialog(database, tasks, INVITATIONS, scope=scope, scope_label="Lima")
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.batch is not None, timeout=20_000)
        qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
        assert dialog.waiting.isHidden()
        assert dialog.notes.text().splitlines() == [f"{note}."]
        assert dialog.summary.text() == counted == "6 to send, 0 sent already"
        assert dialog.send_button.isEnabled()
        dialog.close()
    finally:
        tasks.wait_for_done()

    outbox = tmp_path / "outbox"
    sent = [*db, "send", "invitations", "--delegation", scope.name, "--outbox", str(outbox)]
    assert main(sent) == 0
    assert "sent 6 of 6" in capsys.readouterr().out


def test_a_cancelled_event_waits_for_a_sender_only_for_those_its_invitation_reached(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    unsigned_settings: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The site visit, which names no organiser, went to Ana and Bruno signed by the team;
    Rosa was put on it since, and then it was cancelled. Its cancellation, which waits
    for a sender, is owed to the two it reached, not to Rosa: the Send dialog and
    ``send invitations --dry-run`` count two waiting, and say alike that no cancellation
    goes to Rosa, who holds no invitation."""
    _organised_by_grace(database, program, program.opening.id)
    send(database, EventScope(program.site_visit.uid), plain_server)
    with database.transaction() as session:
        visit = session.get(Event, program.site_visit.id)
        assert visit is not None
        rosa = Participant(name="Rosa Huamán", email="rosa.huaman@vivienda.gob.pe")
        rosa.delegation = visit.delegations[0]
        session.add(rosa)
        visit.participants.append(rosa)
        visit.status = EventStatus.CANCELLED
    scope = DelegationScope(program.lima.name)

    command = _command(database_url, scope, i18n.ENGLISH, capsys)
    window, _hint = _window(qtbot, database, scope, i18n.ENGLISH)
    visit_name, cancelled = f"'{program.site_visit.title}'", f"'{program.cancelled.title}'"
    assert (
        window
        == command
        == [
            f"{visit_name} names no organiser: its messages to 2 recipients wait for a sender",
            f"{visit_name} is cancelled: no cancellation goes to 1 recipient who holds no "
            "invitation to it",
            # Rosa is of Lima's delegation, which the cancelled workshop invites too.
            f"{cancelled} is cancelled: no cancellation goes to 3 recipients who hold no "
            "invitation to it",
        ]
    )
