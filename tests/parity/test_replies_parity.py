"""The answers the event and delegation dialogs list, the Replies window shows and
``cpp-scheduler replies list --invited`` prints are the same, person for person, in the
same words in either language."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.model import Event
from cpp_scheduler.services import invitations, replies
from cpp_scheduler.services.calendar_export import DelegationScope, EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.conftest import plain_server, program  # noqa: F401  (fixtures)
from tests.mail.helpers import SENDER, plain_transport, read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server
from tests.parity.language_support import spoken


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
    title = program.workshop.title
    for language, tentative, waiting in (
        (i18n.ENGLISH, "tentative", "no answer (accepted before the update)"),
        (i18n.JAPANESE, "仮承諾", "未回答（更新前は承諾）"),
    ):
        main(["--db", database_url, "--lang", language, "replies", "list", "--event", uid,
              "--invited"])  # fmt: skip
        command = capsys.readouterr().out.splitlines()
        with spoken(language):
            dialog = EventDialog(database, program.workshop.id, tasks=TaskManager())
            qtbot.addWidget(dialog)
            qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
            window = [(row[0], row[-1]) for row in dialog.answers.shown_rows()]
            counted = dialog.answers.counts.text()
        # Each person's line of the command ends with the word the window shows, and the
        # command sums them up as the dialog does under its table.
        *listed, summed = command
        assert listed == [
            f"{title}: {person} <{email}> {answer}"
            for (person, answer), email in zip(window, _emails(listed), strict=True)
        ]
        assert summed == counted
        assert summed.startswith("1 tentative, " if language == i18n.ENGLISH else "仮承諾 1")
        assert ("Ana Quispe", tentative) in window
        assert ("Maya Shrestha", waiting) in window


def _emails(lines: list[str]) -> list[str]:
    """The address in each of the command's lines (between its angle brackets)."""
    return [line.split("<", 1)[1].split(">", 1)[0] for line in lines]


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
        "meeting of Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 Apr 2026 09:00",
        "declined",
    ] in view.shown_rows()


def _replies_window_rows(
    qtbot: QtBot, database: Database, uid: str | None = None, *, delegation: str | None = None
) -> list[list[str]]:
    """The Replies window's rows for the event ``uid`` (or the ``delegation``'s members)
    with "Show who has not answered"."""
    from cpp_scheduler.gui.tools.mail_reports import RepliesDialog

    chosen: object = EventScope(uid) if uid is not None else DelegationScope(delegation or "")
    tasks = TaskManager()
    try:
        dialog = RepliesDialog(database, tasks)
        qtbot.addWidget(dialog)
        scope = dialog.scope

        def offered() -> int:
            found = [i for i in range(scope.count()) if scope.itemData(i) == chosen]
            return found[0] if found else -1

        qtbot.waitUntil(lambda: offered() >= 0, timeout=20_000)
        qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20_000)
        scope.setCurrentIndex(offered())
        dialog.unanswered.setChecked(True)
        expected = replies.invited_answers(database, event_uid=uid, delegation=delegation)
        qtbot.waitUntil(lambda: dialog.rows == expected, timeout=20_000)
        return [
            [dialog.model.index(row, column).data() for column in range(4)]
            for row in range(dialog.model.rowCount())
        ]
    finally:
        tasks.wait_for_done()


def test_the_replies_window_and_the_command_give_the_same_rows_for_an_event(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Replies window, for one event with "Show who has not answered", lists the
    rows of ``replies list --event UID --invited``, row for row, in either language: a
    series answered whole ("every meeting" in both), a moved meeting answered alone, and
    those yet to answer."""
    import re
    from datetime import UTC, datetime

    send(database, EventScope(program.series.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    april = datetime(2026, 4, 15, 0, 0, tzinfo=UTC)  # moved to 16 April in this program
    (tmp_path / "sofia.ics").write_bytes(
        reply_calendar(invitation, program.sofia.email, "DECLINED", recurrence_id=april)
    )
    (tmp_path / "priya.ics").write_bytes(
        reply_calendar(invitation, program.priya.email, "TENTATIVE")
    )
    assert replies.import_replies(database, [tmp_path]).refused == []
    uid, title = program.series.uid, program.series.title
    for language, every_meeting, bracketed, moved, waiting in (
        (i18n.ENGLISH, "every meeting", " (every meeting)", "moved from", "no answer"),
        (i18n.JAPANESE, "すべての会合", "（すべての会合）", "から移動", "未回答"),
    ):
        main(["--db", database_url, "--lang", language, "replies", "list", "--event", uid,
              "--invited"])  # fmt: skip
        *command, _summed = capsys.readouterr().out.splitlines()  # the rows, then their sum
        with spoken(language):
            window = _replies_window_rows(qtbot, database, uid)
        assert len(window) == len(command) == 5
        for (shown_title, meeting, person, answer), line in zip(window, command, strict=True):
            assert shown_title == title
            if meeting == every_meeting:  # the whole series: the command says so too
                assert line == f"{title}{bracketed}: {person} {answer}"
            else:  # the same meeting, at the same times, said moved
                assert line.startswith(title)
                assert line.endswith(f": {person} {answer}")
                assert re.findall(r"\d\d:\d\d", line) == re.findall(r"\d\d:\d\d", meeting)
                assert re.findall(r"\d\d:\d\d", meeting) == ["11:00", "09:00"]
                assert moved in meeting
                assert moved in line
        answers = [answer for *_, answer in window]
        assert answers.count(waiting) == 3


def test_a_delegated_answer_reads_the_same_in_the_window_and_the_command(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Maya passed the workshop to Bruno, invited already, and to a colleague the program
    does not know: the Replies window, the event dialog and ``replies list --event UID
    --invited`` name both, and whom to add, in the same words in either language."""
    from tests.mail.delegation import delegation_reply

    colleague = "ram.thapa@kathmandu.gov.np"
    send(database, EventScope(program.workshop.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    (tmp_path / "maya.ics").write_bytes(
        delegation_reply(invitation, program.maya.email, (program.bruno.email, colleague))
    )
    assert replies.import_replies(database, [tmp_path]).refused == []
    uid, title = program.workshop.uid, program.workshop.title
    for language in (i18n.ENGLISH, i18n.JAPANESE):
        main(["--db", database_url, "--lang", language, "replies", "list", "--event", uid,
              "--invited"])  # fmt: skip
        *command, _summed = capsys.readouterr().out.splitlines()  # the rows, then their sum
        with spoken(language):
            window = _replies_window_rows(qtbot, database, uid)
            dialog = EventDialog(database, program.workshop.id, tasks=TaskManager())
            qtbot.addWidget(dialog)
            qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
            in_dialog = {row[0]: row[-1] for row in dialog.answers.shown_rows()}
        assert command == [f"{title}: {person} {answer}" for _t, _m, person, answer in window]
        (maya,) = [answer for _t, _m, person, answer in window if "Maya Shrestha" in person]
        assert in_dialog["Maya Shrestha"] == maya
        assert f"Bruno Salas <{program.bruno.email}>" in maya
        assert colleague in maya


def test_the_json_of_replies_list_tells_a_whole_series_where_the_window_says_every_meeting(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Priya answered the whole monthly series, Ana the one-off workshop and Sofía one
    meeting of the series. The Replies window's Meeting column says "every meeting" for
    Priya's answer alone and nothing for Ana's; ``replies list --json``, where both give
    ``"meeting": null``, says ``every_meeting`` of the same row alone."""
    import json
    from datetime import UTC, datetime

    from cpp_scheduler.gui.tools.mail_reports import RepliesDialog

    send(database, EventScope(program.workshop.uid), plain_server)
    send(database, EventScope(program.series.uid), plain_server)
    messages = plain_server.mailbox.messages
    (workshop,) = [m for m in messages if program.ana.email in str(m["To"])]
    (series,) = [m for m in messages if program.priya.email in str(m["To"])]
    april = datetime(2026, 4, 15, 0, 0, tzinfo=UTC)
    answers = {
        "ana.ics": reply_calendar(read_calendar(workshop), program.ana.email, "ACCEPTED"),
        "priya.ics": reply_calendar(read_calendar(series), program.priya.email, "DECLINED"),
        "sofia.ics": reply_calendar(
            read_calendar(series), program.sofia.email, "TENTATIVE", recurrence_id=april
        ),
    }
    for name, answer in answers.items():
        (tmp_path / name).write_bytes(answer)
    assert replies.import_replies(database, [tmp_path]).refused == []

    assert main(["--db", database_url, "replies", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    tasks = TaskManager()
    try:
        dialog = RepliesDialog(database, tasks)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.rows is not None, timeout=20_000)
        window = [
            [dialog.model.index(row, column).data() for column in range(4)]
            for row in range(dialog.model.rowCount())
        ]
    finally:
        tasks.wait_for_done()

    assert [(row["title"], row["email"], row["every_meeting"]) for row in listed] == [
        (title, _emails([person])[0], meeting == "every meeting")
        for title, meeting, person, _answer in window
    ]
    whole = {row["email"]: row for row in listed if row["meeting"] is None}
    assert whole[program.priya.email]["every_meeting"] is True
    assert whole[program.ana.email]["every_meeting"] is False
    (one,) = [row for row in listed if row["meeting"] is not None]
    assert (one["email"], one["every_meeting"]) == (program.sofia.email, False)


def test_the_delegation_dialog_the_replies_window_and_the_command_say_what_each_answer_is_for(
    qtbot: QtBot,
    database_url: str,
    database: Database,
    program: Program,  # noqa: F811
    plain_server: Server,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Maya, of the Kathmandu delegation, answered the monthly series as a whole, its
    April meeting (moved from Wed 15 to Thu 16 April) on its own, and the one-off
    workshop. The delegation dialog's table (the event with what of it in brackets),
    the Replies window (the event, then what of it, in a column of its own) and
    ``replies list --delegation NAME --invited`` (one line each) word each answer's
    "what for" alike, in either language: the whole series as every meeting, not as a
    bare title that reads as contradicting the answer to one of its meetings."""
    from datetime import UTC, datetime

    from cpp_scheduler.gui.dialogs.delegation_dialog import DelegationDialog

    send(database, EventScope(program.workshop.uid), plain_server)
    send(database, EventScope(program.series.uid), plain_server)
    to_maya = [m for m in plain_server.mailbox.messages if program.maya.email in str(m["To"])]
    invitations = {str(read_calendar(m).walk("VEVENT")[0]["UID"]): m for m in to_maya}
    workshop = read_calendar(invitations[program.workshop.uid])
    series = read_calendar(invitations[program.series.uid])
    april = datetime(2026, 4, 15, 0, 0, tzinfo=UTC)  # moved to Thu 16 April 11:00 Tokyo
    answers = {
        "whole.ics": reply_calendar(series, program.maya.email, "TENTATIVE"),
        "april.ics": reply_calendar(series, program.maya.email, "ACCEPTED", recurrence_id=april),
        "workshop.ics": reply_calendar(workshop, program.maya.email, "DECLINED"),
    }
    for name, answer in answers.items():
        (tmp_path / name).write_bytes(answer)
    assert replies.import_replies(database, [tmp_path]).refused == []
    kathmandu = program.kathmandu.name
    series_title, workshop_title = program.series.title, program.workshop.title
    for language, whole, moved, tentative, accepted, declined in (
        (
            i18n.ENGLISH,
            "every meeting",
            "meeting of Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 Apr 2026 09:00",
            "tentative",
            "accepted",
            "declined",
        ),
        (
            i18n.JAPANESE,
            "すべての会合",
            "2026年4月16日(木) 11:00の回、東京、2026年4月15日(水) 09:00 から移動",
            "仮承諾",
            "承諾",
            "辞退",
        ),
    ):
        main(["--db", database_url, "--lang", language, "replies", "list",
              "--delegation", kathmandu, "--invited"])  # fmt: skip
        *command, _summed = capsys.readouterr().out.splitlines()  # the rows, then their sum
        with spoken(language):
            window = _replies_window_rows(qtbot, database, delegation=kathmandu)
            dialog = DelegationDialog(database, program.kathmandu.id, tasks=TaskManager())
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitUntil(dialog.lists_ready, timeout=10_000)  # read after its record
            in_dialog = dialog.answers.shown_rows()
        assert len(in_dialog) == len(window) == len(command) >= 3
        for (person, event, answer), (title, what, who, said), line in zip(
            in_dialog, window, command, strict=True
        ):
            # One answer, in the same words: the line begins with the dialog's cell,
            # which is the window's title and, when there is one, its "what for".
            assert line == f"{event}: {who} {answer}"
            assert (answer, who.split(" <")[0]) == (said, person)
            if what:
                assert event.startswith(title)
                assert event != title
                assert what in event
            else:
                assert event == title
        maya = [
            (event, what, answer)
            for (person, event, answer), (_t, what, _w, _a) in zip(in_dialog, window, strict=True)
            if person == "Maya Shrestha"
        ]
        shown = {answer: (event, what) for event, what, answer in maya}
        assert len(maya) == 3
        assert shown[tentative][1] == whole  # the whole series: every meeting, everywhere
        assert shown[tentative][0].startswith(series_title)
        assert whole in shown[tentative][0]
        assert shown[accepted][1] == moved  # one meeting: where it is now, and whence
        assert shown[accepted][0].startswith(series_title)
        assert moved in shown[accepted][0]
        assert shown[declined] == (workshop_title, "")  # a one-off event: its title alone
