"""The Replies window as a coordinator reads it: each refusal of an import on a line of
its own, no meetings named for a one-off event, a summary that counts only the answers
that stand, and each event the invitations went out for offered with who has not
answered, as ``replies list --event UID --invited`` gives them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.mail_reports import RepliesDialog
from cpp_scheduler.model import Event
from cpp_scheduler.services import invitations, replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program, build_program
from tests.mail.helpers import SENDER, plain_transport, read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server, smtp_server


@pytest.fixture
def server() -> Iterator[Server]:
    with smtp_server(starttls=False) as running:
        yield running


@pytest.fixture
def answered(sqlite_database: Database) -> Program:
    with sqlite_database.transaction() as session:
        return build_program(session)


def _invitation_to(server: Server, email: str) -> icalendar.Calendar:
    (message,) = [m for m in server.mailbox.messages if email in str(m["To"])]
    return read_calendar(message)


def _open(qtbot: QtBot, database: Database, tasks: TaskManager) -> RepliesDialog:
    dialog = RepliesDialog(database, tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20_000)
    return dialog


def _cells(dialog: RepliesDialog) -> list[list[str]]:
    return [
        [dialog.model.index(row, column).data() for column in range(dialog.model.columnCount())]
        for row in range(dialog.model.rowCount())
    ]


def test_each_refusal_is_a_line_and_a_one_off_event_names_no_meetings(
    qtbot: QtBot,
    sqlite_database: Database,
    answered: Program,
    server: Server,
    tasks: TaskManager,
    tmp_path: Path,
) -> None:
    send(sqlite_database, EventScope(answered.workshop.uid), server)
    send(sqlite_database, EventScope(answered.series.uid), server)
    workshop = _invitation_to(server, answered.ana.email)
    (tmp_path / "ana.ics").write_bytes(reply_calendar(workshop, answered.ana.email, "ACCEPTED"))
    series = _invitation_to(server, answered.priya.email)
    (tmp_path / "priya.ics").write_bytes(reply_calendar(series, answered.priya.email, "DECLINED"))
    (tmp_path / "spy.ics").write_bytes(reply_calendar(workshop, "spy@evil.example", "ACCEPTED"))
    (tmp_path / "zed.ics").write_bytes(reply_calendar(workshop, "zed@evil.example", "DECLINED"))
    dialog = _open(qtbot, sqlite_database, tasks)
    dialog.import_files([tmp_path])
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=20_000)
    assert dialog.summary.text() == "2 recorded, 2 refused"
    assert not dialog.refused.isHidden()
    assert dialog.refused.toPlainText().splitlines() == [
        f"{tmp_path / 'spy.ics'}: 'spy@evil.example' was not invited to "
        f"'{answered.workshop.title}'",
        f"{tmp_path / 'zed.ics'}: 'zed@evil.example' was not invited to "
        f"'{answered.workshop.title}'",
    ]
    assert _cells(dialog) == [
        [
            answered.series.title,
            "every meeting",
            f"Priya Sen <{answered.priya.email}>",
            "declined",
        ],
        [answered.workshop.title, "", f"Ana Quispe <{answered.ana.email}>", "accepted"],
    ]


def test_the_summary_counts_only_the_answers_that_stand(
    qtbot: QtBot,
    sqlite_database: Database,
    answered: Program,
    server: Server,
    tasks: TaskManager,
    tmp_path: Path,
) -> None:
    """Two answers, then the workshop moves and its update goes out: both rows say "no
    answer", and the summary says none stands."""
    send(sqlite_database, EventScope(answered.workshop.uid), server)
    invitation = _invitation_to(server, answered.ana.email)
    for person, answer in ((answered.ana, "ACCEPTED"), (answered.maya, "DECLINED")):
        (tmp_path / f"{person.id}.ics").write_bytes(
            reply_calendar(invitation, person.email, answer)
        )
    assert replies.import_replies(sqlite_database, [tmp_path]).refused == []
    with sqlite_database.transaction() as session:
        event = session.get(Event, answered.workshop.id)
        assert event is not None
        event.start_utc += timedelta(days=1)
        event.end_utc += timedelta(days=1)
    plan = invitations.plan_updates(sqlite_database, EventScope(answered.workshop.uid), SENDER)
    with plain_transport(server) as transport:
        invitations.send_batch(sqlite_database, plan.to_send, transport)
    dialog = _open(qtbot, sqlite_database, tasks)
    assert [cells[3] for cells in _cells(dialog)] == [
        "no answer (accepted before the update)",
        "no answer (declined before the update)",
    ]
    assert dialog.summary.text() == "Answers recorded: 2; still standing: 0."


def test_one_event_and_who_has_not_answered_are_offered(
    qtbot: QtBot,
    sqlite_database: Database,
    answered: Program,
    server: Server,
    tasks: TaskManager,
    tmp_path: Path,
) -> None:
    send(sqlite_database, EventScope(answered.workshop.uid), server)
    invitation = _invitation_to(server, answered.ana.email)
    (tmp_path / "ana.ics").write_bytes(reply_calendar(invitation, answered.ana.email, "ACCEPTED"))
    assert replies.import_replies(sqlite_database, [tmp_path]).refused == []
    dialog = _open(qtbot, sqlite_database, tasks)
    label = f"Event: {answered.workshop.title} (Tue 09 Jun 2026)"
    qtbot.waitUntil(lambda: dialog.scope.findText(label) >= 0, timeout=20_000)
    # Only the events the invitations went out for are offered.
    events = [
        dialog.scope.itemText(index)
        for index in range(dialog.scope.count())
        if dialog.scope.itemText(index).startswith("Event: ")
    ]
    assert events == [label]
    dialog.scope.setCurrentIndex(dialog.scope.findText(label))
    dialog.unanswered.setChecked(True)
    expected = replies.invited_answers(sqlite_database, event_uid=answered.workshop.uid)
    qtbot.waitUntil(lambda: dialog.rows == expected, timeout=20_000)
    shown = {(cells[2], cells[3]) for cells in _cells(dialog)}
    assert (f"Ana Quispe <{answered.ana.email}>", "accepted") in shown
    assert (f"Bruno Salas <{answered.bruno.email}>", "no answer") in shown
    qtbot.waitUntil(lambda: dialog.summary.text() != "Reading the answers…", timeout=20_000)
    assert dialog.summary.text() == f"1 accepted, {len(expected) - 1} no answer"
