"""The Send dialog's preview notes what a batch leaves out in the sentences
``cpp-scheduler send invitations --dry-run`` notes it in: the events that wait for a
sender, the cancelled events whose cancellation goes to nobody of some recipients, each
person whose address the server refused and the messages left out for it; only the hint
of what to do is each one's own (Tools > Mail settings… and a box to tick, ``--from``
and ``--retry-refused``), in English and in Japanese."""

from __future__ import annotations

import json
from datetime import timedelta
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
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope, TourScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.conftest import plain_server, program  # noqa: F401  (fixtures)
from tests.mail.helpers import SENDER, plain_transport, send, settings_through
from tests.mail.smtpserver import Server
from tests.parity.language_support import spoken

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
    database_url: str,
    scope: DelegationScope | EventScope,
    language: str,
    capsys: pytest.CaptureFixture[str],
) -> list[str]:
    """The notes of ``send invitations --delegation NAME --dry-run`` (or ``--event
    UID``), without their prefixes and hints: the unsigned events, the cancelled ones,
    the refused people and the messages left out for them."""
    return _dry_run(database_url, scope, language, capsys)[0]


def _dry_run(
    database_url: str,
    scope: DelegationScope | EventScope,
    language: str,
    capsys: pytest.CaptureFixture[str],
) -> tuple[list[str], str]:
    """The notes of :func:`_command`, and the line that sums the batch up."""
    note, unsigned_hint, retry_hint, not_sent, *_window = MEDIA[language]
    db = ("--db", database_url, "--lang", language)
    named = (
        ("--event", scope.uid) if isinstance(scope, EventScope) else ("--delegation", scope.name)
    )
    assert main([*db, "send", "invitations", *named, "--dry-run"]) == 0
    printed = capsys.readouterr()
    said = []
    for line in printed.err.splitlines():
        if line == unsigned_hint:
            continue
        if line.startswith(not_sent):
            said.append(f"not sent: {line.removeprefix(not_sent)}")
        else:
            assert line.startswith(note), line
            said.append(line.removeprefix(note).removesuffix(retry_hint))
    return said, printed.out.splitlines()[-1]


def _window(
    qtbot: QtBot, database: Database, scope: DelegationScope | EventScope, language: str
) -> tuple[list[str], str, str]:
    """The Send dialog's notes of the same batch, without their marks and hints, the
    hint after the unsigned events, and the line that sums the batch up."""
    *_command, (mark, end), retry_hint, not_sent = MEDIA[language]
    tasks = TaskManager()
    try:
        with spoken(language):
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
                    said.append(
                        line.removesuffix(retry_hint.format(option=option)).removesuffix(end)
                    )
            # Nothing goes while an event waits for a sender, as the command refuses to send.
            assert not dialog.send_button.isEnabled()
            summary = dialog.summary.text()
            dialog.close()
            return said, hint, summary
    finally:
        tasks.wait_for_done()


@pytest.mark.parametrize("language", i18n.LANGUAGES)
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
        # Moved since: Ana's update of it waits for a sender (Bruno's is held back).
        visit = session.get(Event, program.site_visit.id)
        assert visit is not None
        visit.start_utc += timedelta(hours=1)
        visit.end_utc += timedelta(hours=1)
    scope = DelegationScope(program.lima.name)

    command = _command(database_url, scope, language, capsys)
    window, hint, _summary = _window(qtbot, database, scope, language)
    assert window == command
    assert "Tools > Mail settings…" in hint or "「ツール」>「メール設定…」" in hint
    # Every kind of note is compared: the events waiting for a sender (the opening for
    # Ana, whose calendar has no signer to be compared with; Bruno's address refused),
    # the cancelled event, Bruno's refusal and the messages left out for it.
    assert len(command) == 5, command
    assert program.opening.title in command[0], command
    assert program.site_visit.title in command[1], command
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


def _put_rosa_on_the_site_visit(database: Database, program: Program) -> None:  # noqa: F811
    """Rosa Huamán, of the site visit's delegation, put on it since it was sent."""
    with database.transaction() as session:
        visit = session.get(Event, program.site_visit.id)
        assert visit is not None
        rosa = Participant(name="Rosa Huamán", email="rosa.huaman@vivienda.gob.pe")
        rosa.delegation = visit.delegations[0]
        session.add(rosa)
        visit.participants.append(rosa)


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
    _put_rosa_on_the_site_visit(database, program)
    with database.transaction() as session:
        visit = session.get(Event, program.site_visit.id)
        assert visit is not None
        visit.status = EventStatus.CANCELLED
    scope = DelegationScope(program.lima.name)

    command = _command(database_url, scope, i18n.ENGLISH, capsys)
    window, _hint, _summary = _window(qtbot, database, scope, i18n.ENGLISH)
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


def test_a_live_event_naming_no_organiser_waits_for_all_but_those_a_signed_batch_leaves_out(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    unsigned_settings: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The site visit, which names no organiser, went to Ana, Bruno and Kenji signed by
    the team, the server refusing Bruno's address; it was then moved an hour, Ana alone
    was sent the update, and Rosa was put on it. Without a sender no message has a
    calendar to compare with the ledger's: Ana, Kenji and Rosa wait, and Bruno's is held
    back for his refused address, as a signed batch holds it back. The Send dialog and
    ``send invitations --event UID --dry-run`` count and note it alike; the team signing
    finds Ana told already and sends the other two."""
    plain_server.mailbox.refuse = {program.bruno.email}
    visit = EventScope(program.site_visit.uid)
    send(database, visit, plain_server)
    with database.transaction() as session:
        event = session.get(Event, program.site_visit.id)
        assert event is not None
        event.start_utc += timedelta(hours=1)
        event.end_utc += timedelta(hours=1)
    update = invitations.plan_invitations(database, visit, SENDER).to_send
    with plain_transport(plain_server) as transport:
        to_ana = [message for message in update if message.recipient_id == program.ana.id]
        assert len(invitations.send_batch(database, to_ana, transport).sent) == 1
    _put_rosa_on_the_site_visit(database, program)

    command, counted = _dry_run(database_url, visit, i18n.ENGLISH, capsys)
    window, _hint, summary = _window(qtbot, database, visit, i18n.ENGLISH)
    name = f"'{program.site_visit.title}'"
    assert window == command
    waiting, refused, left_out = command
    assert waiting == f"{name} names no organiser: its messages to 3 recipients wait for a sender"
    assert refused.startswith(
        f"not sent: Bruno Salas <{program.bruno.email}> about {name}: refused by the server "
        f"at {program.bruno.email} on "
    )
    assert left_out == (
        "1 message is left out as the server refused its address; it goes once the address "
        "is corrected"
    )
    assert summary == counted == "0 to send, 0 sent already"

    # Signed by the team, Ana's calendar is the one the ledger holds.
    signed = ("--db", database_url, "send", "invitations", "--event", visit.uid)
    assert main([*signed, "--from", f"{SENDER.name} <{SENDER.email}>", "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"would send REQUEST {name} to {program.kenji.email}",
        f"would send REQUEST {name} to rosa.huaman@vivienda.gob.pe",
        "2 to send, 1 sent already",
    ]


def test_an_agenda_changed_since_keeps_an_event_naming_no_organiser_waiting(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    unsigned_settings: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Everyone was sent the site visit, signed by the team; then its agenda changed,
    which raises no SEQUENCE. The participants' calendars hold the old agenda: without
    a sender the batch cannot tell, so they wait for one, and none is said to be told
    already (a batch would otherwise report "sent 0 of 0" and the agenda never go)."""
    visit = EventScope(program.site_visit.uid)
    send(database, visit, plain_server)
    with database.transaction() as session:
        event = session.get(Event, program.site_visit.id)
        assert event is not None
        event.description = "New agenda: the museum opens at ten, not nine."

    command, counted = _dry_run(database_url, visit, i18n.ENGLISH, capsys)
    window, _hint, summary = _window(qtbot, database, visit, i18n.ENGLISH)
    recipients = len(invitations.plan_invitations(database, visit, SENDER).to_send)
    assert recipients > 1  # the team signing would send the new agenda to each
    assert (
        window
        == command
        == [
            f"'{program.site_visit.title}' names no organiser: its messages to {recipients} "
            "recipients wait for a sender"
        ]
    )
    assert summary == counted == "0 to send, 0 sent already"
