"""The answers the event dialog lists and ``cpp-scheduler replies list --event UID
--invited --json`` are the same, person for person."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.widgets.answers_view import answer_label
from cpp_scheduler.model import Event
from cpp_scheduler.services import invitations, replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.conftest import plain_server, program  # noqa: F401  (fixtures)
from tests.mail.helpers import SENDER, plain_transport, read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


def test_the_event_dialog_and_the_command_give_the_same_answers(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    (tmp_path / "maya.ics").write_bytes(reply_calendar(invitation, program.maya.email, "ACCEPTED"))
    assert replies.import_replies(database, [tmp_path]).refused == []
    # The workshop moves and its update goes out: Maya's answer was to the old time.
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.start_utc += timedelta(days=1)
        event.end_utc += timedelta(days=1)
    plan = invitations.plan_updates(database, EventScope(program.workshop.uid), SENDER)
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    update = read_calendar(plain_server.mailbox.messages[-1])
    (tmp_path / "ana.ics").write_bytes(reply_calendar(update, program.ana.email, "TENTATIVE"))
    assert replies.import_replies(database, [tmp_path / "ana.ics"]).refused == []
    uid = program.workshop.uid
    assert (
        main(["--db", database_url, "replies", "list", "--event", uid, "--invited", "--json"]) == 0
    )
    command = [
        (row["participant"], answer_label(row["answer"], row["earlier_answer"]))
        for row in json.loads(capsys.readouterr().out)
    ]
    dialog = EventDialog(database, program.workshop.id, tasks=TaskManager())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    window = [(row[0], row[-1]) for row in dialog.answers.shown_rows()]
    assert window == command
    assert ("Ana Quispe", "tentative") in window
    assert ("Maya Shrestha", "no answer yet (accepted before the update)") in window


def test_the_event_dialog_lists_an_answer_to_a_moved_meeting_where_it_is_now(
    qtbot: QtBot,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The answers list of a series says where the meeting answered for is now, as
    ``replies list`` does, not the time its rule first gave it."""
    from datetime import UTC, datetime

    from cpp_scheduler.gui.widgets.answers_view import AnswersView

    send(database, EventScope(program.series.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    april = datetime(2026, 4, 15, 0, 0, tzinfo=UTC)  # moved to 16 April in this program
    (tmp_path / "sofia.ics").write_bytes(
        reply_calendar(invitation, program.sofia.email, "DECLINED", recurrence_id=april)
    )
    assert replies.import_replies(database, [tmp_path]).refused == []
    view = AnswersView()
    qtbot.addWidget(view)
    view.show_answers(replies.invited_answers(database, event_uid=program.series.uid))
    assert [
        "Sofía Muñoz",
        "Thu 16 Apr 2026 11:00 (moved from Wed 15 Apr 2026 09:00)",
        "declined",
    ] in view.shown_rows()
