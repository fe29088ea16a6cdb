"""A manager's search that finds nothing says so under the emptied list, in the line
``cpp-scheduler records KIND --search TEXT`` prints in the list's place (it once printed
the bare headings); in English and in Japanese. A search that finds something, or none
typed, says nothing of the kind."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.records import RecordManager
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database


def printed(
    capsys: pytest.CaptureFixture[str], database: Database, lang: str, kind: str, search: str
) -> list[str]:
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    assert main(["--lang", lang, "--db", url, "records", kind, "--search", search]) == 0
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.JAPANESE])
def test_a_search_that_finds_nothing_is_said_alike(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    language: str,
) -> None:
    load_demo(sqlite_database)
    translations.install(language)
    try:
        window = open_window()
        manager = window.manage("venue")
        assert isinstance(manager, RecordManager)
        qtbot.addWidget(manager)
        qtbot.waitUntil(manager.lists_ready, timeout=10_000)
        said = {}
        for search in ("no such  place", "Kobe", "   "):
            manager.search.setText(search)
            label = manager.nothing_found
            said[search] = label.text() if label.isVisibleTo(manager) else ""
        manager.close()
    finally:
        translations.install(i18n.ENGLISH)

    nothing = printed(capsys, sqlite_database, language, "venues", "no such  place")
    assert nothing == [said["no such  place"]]
    if language == i18n.ENGLISH:
        assert nothing == ["No record holds every word of 'no such  place'."]
    assert said["Kobe"] == said["   "] == ""
    assert len(printed(capsys, sqlite_database, language, "venues", "Kobe")) > 2
