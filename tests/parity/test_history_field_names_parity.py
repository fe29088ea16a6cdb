"""The History panel and ``cpp-scheduler history`` name each field of a change alike, in
English and in Japanese: "Capacity" and "Name" (定員, 名前) for a venue, "Delegation"
for a participant, "Kind", "Venue", "Status" for an event, never the key the store
keeps (``capacity``, ``delegation_id``, ``venue_id``)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.history import HistoryDock
from cpp_scheduler.model import Venue
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database
from tests.parity.history_support import command, field_lines, tell

NAMES = {
    i18n.ENGLISH: {
        "venue": [["Capacity", "Name"]],
        "participant": [["Delegation"]],
        "event": [["Kind", "Mode", "Video link"], ["Venue"], ["Venue"], ["Status"]],
    },
    i18n.JAPANESE: {
        "venue": [["定員", "名前"]],
        "participant": [["代表団"]],
        "event": [["種類", "形式", "ビデオ会議のリンク"], ["会場"], ["会場"], ["状態"]],
    },
}
"""The fields each change names, oldest change first, in each language."""


def _no_error(title: str, message: str) -> None:
    raise AssertionError(f"{title}: {message}")


def _panel_names(qtbot: QtBot, database: Database, model: str, record: str) -> list[list[str]]:
    """The fields each change of ``record`` names in the panel, oldest first."""
    tasks = TaskManager()
    dock = HistoryDock(database, Editor(database, tasks), tasks.run_in_background, _no_error)
    qtbot.addWidget(dock)
    dock.show_record(model, record)
    qtbot.waitUntil(lambda: not dock.reading, timeout=30_000)
    tasks.wait_for_done()
    names: list[list[str]] = []
    for row in reversed(range(dock.model.rowCount())):
        if dock.model.entries[row].action != "changed":
            continue
        text = str(dock.model.index(row, 2).data())
        names.append([part.partition(": ")[0] for part in text.split("; ")])
    return names


def _command_names(
    capsys: pytest.CaptureFixture[str], database: Database, record: str, language: str
) -> list[list[str]]:
    """The fields each change of ``record`` names in ``history --lang``, oldest first."""
    printed = command(capsys, database, record, "--lang", language)
    return [[line.partition(": ")[0] for line in lines] for lines in field_lines(printed) if lines]


def _enlarged_venue(database: Database) -> str:
    """TDLC Meeting Room A, seating 100 000 under a new name."""
    with database.session() as session:
        venue = session.scalars(select(Venue).where(Venue.name == "TDLC Meeting Room A")).one()
        venue_id, version = venue.id, venue.version
    editing.change(
        database, Venue, venue_id, {"capacity": 100_000, "name": "TDLC Great Hall"}, version
    )
    return venue_id


def test_the_panel_and_the_command_name_each_field_alike(
    qtbot: QtBot, sqlite_database: Database, capsys: pytest.CaptureFixture[str], speaking: str
) -> None:
    story = tell(sqlite_database)
    venue = _enlarged_venue(sqlite_database)
    records = {
        "venue": ("Venue", venue),
        "participant": ("Participant", story.participant),
        "event": ("Event", story.event),
    }

    for kind, (model, record) in records.items():
        printed = _command_names(capsys, sqlite_database, record, speaking)
        translations.install(speaking)  # as the window speaks, whatever the command did
        shown = _panel_names(qtbot, sqlite_database, model, record)

        assert shown == printed == NAMES[speaking][kind], kind
