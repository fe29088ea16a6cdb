"""The event dialog marks an attendee on Tokyo's clock because they are visiting Japan
in the words ``cpp-scheduler times`` (and the Local times dock) marks their clock with:
the Peru delegation during its study tour, the delegations at the conference, in English
and in Japanese."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.model import Event
from cpp_scheduler.store import open_database
from tests.gui.gui_support import open_dialog
from tests.parity.command_support import command_lines

EVENTS = (
    "Study tour opening and briefing at TDLC",  # Peru's stay
    "Opening plenary: ten years of the City Partnership Program",  # the conference's
)


def test_the_dialog_marks_a_visit_in_the_words_times_marks_the_clock_with(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], demo_sqlite_path: Path, speaking: str
) -> None:
    database = open_database(demo_sqlite_path)
    with database.session() as session:
        found = {
            title: (event_id, uid)
            for event_id, uid, title in session.execute(
                select(Event.id, Event.uid, Event.title).where(Event.title.in_(EVENTS))
            )
        }
    marks = 0
    try:
        for title in EVENTS:
            event_id, uid = found[title]
            times = ["times", "--db", str(demo_sqlite_path), "--lang", speaking, uid]
            printed = command_lines(capsys, times)
            dialog = open_dialog(qtbot, EventDialog, database, event_id)
            qtbot.waitUntil(lambda: dialog.local_times is not None, timeout=20_000)  # noqa: B023
            assert dialog.local_times is not None
            lines = dialog.ui.attendeeTimes.text().splitlines()
            for row in dialog.local_times.rows:
                if not row.in_japan:
                    continue
                (line,) = [line for line in lines if line.startswith(row.attendee.name)]
                mark, colon, _rest = line.removeprefix(row.attendee.name).partition(": ")
                assert colon, line
                assert mark, line  # marked by the name, before its times
                assert any(f"{row.zone}{mark}" in said for said in printed), (mark, printed)
                marks += 1
            dialog.close()
    finally:
        database.close()
    assert marks >= 2  # Peru, and the conference's delegations
