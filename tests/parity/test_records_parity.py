"""Each manager of the Program menu lists exactly what ``cpp-scheduler records KIND
--json`` prints: the same headers, the same records in the same order, each cell the
same text, in English and in Japanese, for every kind it manages; and its search box
finds the records ``--search`` finds."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.recordkinds import RECORD_KINDS
from cpp_scheduler.gui.records import ID_ROLE, RecordManager
from cpp_scheduler.model import Participant, ParticipantRole, TravelMode, TravelTime
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle


def printed(
    capsys: pytest.CaptureFixture[str], database: Database, kind: str, lang: str, *options: str
) -> Any:
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    assert main(["--lang", lang, "records", kind, "--json", "--db", url, *options]) == 0
    return json.loads(capsys.readouterr().out)


def shown(manager: RecordManager) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The manager's headers, and each row as the coordinator sees it: its record and
    every cell, top to bottom."""
    proxy = manager.proxy
    columns = proxy.columnCount()
    headers = [proxy.headerData(column, _horizontal()) for column in range(columns)]
    rows = [
        (
            proxy.index(row, 0).data(ID_ROLE),
            [proxy.index(row, column).data() for column in range(columns)],
        )
        for row in range(proxy.rowCount())
    ]
    return headers, rows


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_every_manager_lists_what_the_command_prints(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    speaking: str,
) -> None:
    load_demo(sqlite_database)
    # Values a plain listing gets wrong: a journey past a day, names the readings order.
    editing.create(
        sqlite_database,
        TravelTime,
        {"origin": "Tokyo", "destination": "Naha", "mode": TravelMode.AIR, "minutes": 1_590},
    )
    editing.create(
        sqlite_database,
        Participant,
        {
            "name": "de Souza, Maria",
            "email": "m.desouza@example.br",
            "role": ParticipantRole.OFFICIAL,
        },
    )
    window = open_window()
    compared = 0
    for key, kind in RECORD_KINDS.items():
        manager = window.manage(key)
        qtbot.addWidget(manager)
        qtbot.waitUntil(manager.lists_ready, timeout=10_000)
        settle(qtbot, window)
        headers, rows = shown(manager)
        answer = printed(capsys, sqlite_database, kind.table.command, speaking)
        assert headers == answer["columns"], key
        assert rows == [(record["id"], record["cells"]) for record in answer["records"]], key
        compared += len(rows)
        manager.close()
    assert compared >= 60  # the demo's records of every kind, or the comparison proves nothing


SEARCHES = {
    "venues": ["hall kobe", "ＫＯＢＥ", "神戸", "えこたうん", "city  hall", "no such place"],
    "participants": ["MWANGI", "example.org achieng"],
    "delegations": ["nepal", "kathmandu 2027", "ＰＥＲＵ"],
    "cities": ["神戸", "KITAKYUSHU"],
}
"""Searches of each kind: words in any order and case, full-width letters, kana,
several spaces, Japanese, and a search that finds nothing."""


def test_every_managers_search_finds_what_the_command_finds(
    qtbot: QtBot,
    demo_window: MainWindow,
    sqlite_database: Database,
    capsys: pytest.CaptureFixture[str],
    speaking: str,
) -> None:
    kinds = {kind.table.command: key for key, kind in RECORD_KINDS.items()}
    for command, searches in SEARCHES.items():
        manager = demo_window.manage(kinds[command])
        qtbot.addWidget(manager)
        qtbot.waitUntil(manager.lists_ready, timeout=10_000)
        everyone = len(shown(manager)[1])
        for search in searches:
            manager.search.setText(search)
            _headers, rows = shown(manager)
            answer = printed(capsys, sqlite_database, command, speaking, "--search", search)
            assert rows == [(record["id"], record["cells"]) for record in answer["records"]], (
                command,
                search,
            )
            assert len(rows) < everyone, (command, search)
            assert rows or search == "no such place", (command, search)
        manager.close()
