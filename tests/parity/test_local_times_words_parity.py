"""The Local times dock words a meeting as ``cpp-scheduler times`` prints it: the line
under the title is the command's heading after "{title}: " (the window's en dash for its
"-"), and a delegation visiting Japan is marked in the same words beside its clock (the
dock names the clock by its city, the command by its zone), on every event of the demo
program, in English and in Japanese."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.localtimes import Column, LocalTimesDock
from cpp_scheduler.model import Event
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import open_database


def times_printed(
    capsys: pytest.CaptureFixture[str], path: Path, language: str, uid: str
) -> tuple[list[str], dict[str, Any]]:
    """The lines ``times UID`` prints in ``language``, and its JSON."""
    arguments = ["times", "--db", str(path), "--lang", language, uid]
    assert main(arguments) == 0
    lines = capsys.readouterr().out.splitlines()
    assert main([*arguments, "--json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return lines, document


def test_the_dock_heading_and_its_visiting_japan_mark_are_the_commands_words(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], demo_sqlite_path: Path, speaking: str
) -> None:
    database = open_database(demo_sqlite_path)
    with database.session() as session:
        events = list(session.execute(select(Event.id, Event.uid, Event.title)))
    tasks = TaskManager()
    try:
        dock = LocalTimesDock(database, tasks.run_in_background)
        qtbot.addWidget(dock)
        headings = marks = 0
        for event_id, uid, title in events:
            printed, document = times_printed(capsys, demo_sqlite_path, speaking, uid)
            dock.show_occurrence(OccurrenceKey(event_id))
            qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)
            _title, _break, when = dock.heading.text().partition("<br>")
            assert f"{title}: {html.unescape(when).replace('–', '-')}" in printed, title
            headings += 1
            [meeting] = document["occurrences"]
            for number, row in enumerate(meeting["times"]):
                if not row["in_japan"]:
                    continue
                shown = dock.model.index(number, Column.ZONE).data()
                assert shown.startswith(row["clock"]), shown
                mark = shown.removeprefix(row["clock"])
                assert mark, shown
                assert any(f"{row['zone']}{mark}" in line for line in printed), (shown, printed)
                marks += 1
    finally:
        tasks.wait_for_done()
        database.close()
    # The comparison covered what matters, or it proves nothing.
    assert headings == len(events) > 0
    assert marks >= 1  # a delegation on Tokyo's clock during its stay
