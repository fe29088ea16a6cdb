"""A manager's search that finds nothing says so under the emptied list, in the line
``cpp-scheduler records KIND --search TEXT`` prints in the list's place (it once printed
the bare headings); in English and in Japanese. A search that finds something, or none
typed, says nothing of the kind."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.records import RecordManager
from cpp_scheduler.store import Database
from tests.parity.command_support import command_lines


def printed(
    capsys: pytest.CaptureFixture[str], database: Database, lang: str, kind: str, search: str
) -> list[str]:
    url = database.url.render_as_string(hide_password=False)
    return command_lines(capsys, ["--lang", lang, "--db", url, "records", kind, "--search", search])


def test_a_search_that_finds_nothing_is_said_alike(
    qtbot: QtBot,
    demo_window: MainWindow,
    sqlite_database: Database,
    capsys: pytest.CaptureFixture[str],
    speaking: str,
) -> None:
    manager = demo_window.manage("venue")
    assert isinstance(manager, RecordManager)
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    said = {}
    for search in ("no such  place", "Kobe", "   "):
        manager.search.setText(search)
        label = manager.nothing_found
        said[search] = label.text() if label.isVisibleTo(manager) else ""
    manager.close()

    nothing = printed(capsys, sqlite_database, speaking, "venues", "no such  place")
    assert nothing == [said["no such  place"]]
    if speaking == i18n.ENGLISH:
        assert nothing == ["No record holds every word of 'no such  place'."]
    assert said["Kobe"] == said["   "] == ""
    assert len(printed(capsys, sqlite_database, speaking, "venues", "Kobe")) > 2
