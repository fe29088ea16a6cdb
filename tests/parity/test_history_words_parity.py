"""The History panel and ``cpp-scheduler history`` tell a change in the same words, in
English and in Japanese: the same labels, names and dates for each value (one service
reading for both), the same changes listed and counted, with no change of its own for
the calendar sequence the store raised by itself."""

from __future__ import annotations

import re

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui import translations
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.history import HistoryDock
from cpp_scheduler.store import Database
from tests.parity.history_support import Story, command, command_json, field_lines, tell

STORED_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
"""A record's id as the history keeps it."""


def _panel(qtbot: QtBot, database: Database, model: str, record: str) -> HistoryDock:
    tasks = TaskManager()
    dock = HistoryDock(database, Editor(database, tasks), tasks.run_in_background, _no_error)
    qtbot.addWidget(dock)
    dock.show_record(model, record)
    qtbot.waitUntil(lambda: not dock.reading, timeout=30_000)
    tasks.wait_for_done()
    return dock


def _no_error(title: str, message: str) -> None:
    raise AssertionError(f"{title}: {message}")


def _panel_values(dock: HistoryDock) -> list[list[tuple[str, str]]]:
    """Each change's values as the panel's rows show them, oldest first."""
    shown: list[list[tuple[str, str]]] = []
    for row in reversed(range(dock.model.rowCount())):
        entry = dock.model.entries[row]
        text = str(dock.model.index(row, 2).data())
        if entry.action != "changed" or entry.meeting is not None:
            shown.append([])
            continue
        pairs = []
        for part in text.split("; "):
            old, new = part.partition(": ")[2].split(" → ")
            pairs.append((old.replace("—", "-"), new.replace("—", "-")))
        shown.append(pairs)
    return shown


def _command_values(printed: str) -> list[list[tuple[str, str]]]:
    """Each change's values as the command prints them, oldest first."""
    return [
        [tuple(line.partition(": ")[2].split(" -> ")) for line in lines]  # type: ignore[misc]
        for lines in field_lines(printed)
    ]


def _records(story: Story) -> list[tuple[str, str]]:
    return [
        ("Event", story.event),
        ("Participant", story.participant),
        ("Event", story.closure),
        ("Event", story.series),
    ]


def test_the_panel_and_the_command_word_each_value_alike(
    qtbot: QtBot, sqlite_database: Database, capsys: pytest.CaptureFixture[str], speaking: str
) -> None:
    story = tell(sqlite_database)

    for model, record in _records(story):
        dock = _panel(qtbot, sqlite_database, model, record)
        printed = command(capsys, sqlite_database, record, "--lang", speaking)
        read = command_json(capsys, sqlite_database, record, "--lang", speaking)
        translations.install(speaking)  # as the window speaks, whatever the command did

        assert _panel_values(dock) == _command_values(printed), record
        assert [entry.as_json() for entry in reversed(dock.model.entries)] == read["changes"]
        assert dock.model.rowCount() == len(read["changes"]) == read["total"]
        assert re.search(rf"\b{read['total']}\b|変更{read['total']}件", dock.heading.text())
    shown = {
        value
        for model, record in _records(story)
        for change in _panel_values(_panel(qtbot, sqlite_database, model, record))
        for pair in change
        for value in pair
    }
    raw = {"workshop", "videoconference", "face_to_face", "tentative", "cancelled"}
    assert not {value.strip('"') for value in shown} & raw
    assert not [value for value in shown if "UTC" in value or STORED_ID.search(value)]
