"""Who has answered what, as the event dialog and the delegation dialog show it: every
invited person with their answer or "no answer", the counts above, and a meeting of
a series answered on its own as a row of its own."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.dialogs.delegation_dialog import DelegationDialog
from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.model import Event, EventStatus, Participant
from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program, local
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


@pytest.fixture
def answered(database: Database, program: Program, plain_server: Server, tmp_path: Path) -> Program:
    """Ana accepted the workshop, Maya declined it; the others have not answered."""
    send(database, EventScope(program.workshop.uid), plain_server)
    invitation: icalendar.Calendar = read_calendar(plain_server.mailbox.messages[0])
    (tmp_path / "ana.ics").write_bytes(reply_calendar(invitation, program.ana.email, "ACCEPTED"))
    (tmp_path / "maya.ics").write_bytes(reply_calendar(invitation, program.maya.email, "DECLINED"))
    assert replies.import_replies(database, [tmp_path]).refused == []
    return program


def test_every_invited_person_has_an_answer_or_none_yet(
    database: Database, answered: Program
) -> None:
    rows = replies.invited_answers(database, event_uid=answered.workshop.uid)
    answers = {row.participant: row.answer for row in rows}
    assert answers.pop("Ana Quispe") == "accepted"
    assert answers.pop("Maya Shrestha") == "declined"
    assert answers
    assert set(answers.values()) == {"no answer"}
    assert len(rows) == len({row.email for row in rows})  # one row each, nobody twice
    assert replies.answer_counts(rows)["accepted"] == 1


def test_the_event_dialog_shows_who_answered_what(
    qtbot: QtBot, database: Database, answered: Program
) -> None:
    tasks = TaskManager()
    dialog = EventDialog(database, answered.workshop.id, tasks=tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    shown = {row[0]: row[-1] for row in dialog.answers.shown_rows()}
    assert shown["Ana Quispe"] == "accepted"
    assert shown["Maya Shrestha"] == "declined"
    waiting = [name for name, answer in shown.items() if answer == "no answer"]
    assert waiting
    assert dialog.answers.counts.text() == (f"1 accepted, 1 declined, {len(waiting)} no answer")


def test_a_cancelled_event_s_dialog_says_it_asks_nobody_for_an_answer(
    qtbot: QtBot, database: Database, answered: Program
) -> None:
    """Ana and Maya answered, then the workshop was called off: nobody is asked for an
    answer any more, which the dialog says, not that nobody was ever invited."""
    with database.transaction() as session:
        workshop = session.get(Event, answered.workshop.id)
        assert workshop is not None
        workshop.status = EventStatus.CANCELLED
    dialog = EventDialog(database, answered.workshop.id, tasks=TaskManager())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert dialog.answers.shown_rows() == []
    assert dialog.answers.counts.text() == "It is cancelled: nobody is asked for an answer."


def test_the_event_dialog_says_the_answers_in_the_glossarys_japanese(
    qtbot: QtBot, database: Database, answered: Program
) -> None:
    """承諾 and 辞退, as ``replies list --lang ja`` and the invitations say: not 出席 and
    欠席, which a coordinator would read as attendance taken."""
    translations.install(i18n.JAPANESE)
    try:
        dialog = EventDialog(database, answered.workshop.id, tasks=TaskManager())
        qtbot.addWidget(dialog)
        qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
        shown = {row[0]: row[-1] for row in dialog.answers.shown_rows()}
        counts = dialog.answers.counts.text()
    finally:
        translations.install(i18n.ENGLISH)
    assert (shown["Ana Quispe"], shown["Maya Shrestha"]) == ("承諾", "辞退")
    assert counts.startswith("承諾 1, 辞退 1, 未回答 ")


def test_the_delegation_dialog_shows_a_meeting_answered_alone(
    qtbot: QtBot, database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    send(database, EventScope(program.series.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    may = local("Asia/Tokyo", 2026, 5, 20, 9, 0)
    path = tmp_path / "sofia.ics"
    path.write_bytes(
        reply_calendar(invitation, program.sofia.email, "TENTATIVE", recurrence_id=may)
    )
    assert replies.import_replies(database, [path]).refused == []
    dialog = DelegationDialog(database, program.santiago.id, tasks=TaskManager())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.record_ready() and dialog.lists_ready(), timeout=10_000)
    rows = dialog.answers.shown_rows()
    series = program.series.title
    assert [
        "Sofía Muñoz",
        f"{series} (meeting of Wed 20 May 2026 09:00, Tokyo)",
        "tentative",
    ] in rows
    assert ["Sofía Muñoz", f"{series} (every meeting)", "no answer"] in rows
    assert "1 tentative" in dialog.answers.counts.text()


def test_the_delegation_dialog_opens_at_once_and_its_answers_follow(
    qtbot: QtBot, database: Database, answered: Program
) -> None:
    """Given the window's task manager, the dialog reads its members and their answers
    in the background with the delegation itself: it shows at once, the delegation and
    the answers when they are read."""
    tasks = TaskManager()
    dialog = DelegationDialog(database, answered.lima.id, tasks=tasks)
    qtbot.addWidget(dialog)
    assert dialog.ui.name.text() == ""
    assert not dialog.lists_ready()
    assert dialog.answers.counts.text() == "Reading the answers…"
    dialog.show()
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert dialog.ui.name.text() == answered.lima.name
    rows = dialog.answers.shown_rows()
    assert ["Ana Quispe", answered.workshop.title, "accepted"] in rows
    assert dialog.ui.members.count() == 2
    assert dialog.ui.membersBox.title() == "&Members (2)"


def test_the_delegation_dialog_gives_the_event_column_room_to_read(
    qtbot: QtBot, database: Database, answered: Program
) -> None:
    """Beside the members' names and their answers, the event each answer is for keeps
    room enough to read the start of its title, however long a member's name."""
    with database.transaction() as session:
        session.add(
            Participant(
                name="María Fernanda Vargas Castillo de la Cruz",
                email="maria.vargas@vivienda.gob.pe",
                delegation=session.merge(answered.lima),
            )
        )
    dialog = DelegationDialog(database, answered.lima.id, tasks=TaskManager())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    header = dialog.answers.table.header()
    person, event = header.sectionSize(0), header.sectionSize(1)
    assert event >= 80
    assert event >= person * 0.8
