"""The Program report window says a file the system refused in the language it speaks:
its Japanese line once ended in the system's English ("Not a directory"), as
``report -o`` and every other command did."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import settle
from pytestqt.qtbot import QtBot
from test_report_window import shown_report

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

SAID = {
    "en": "Could not save the spreadsheet: '{file}' cannot be written: a part of the path "
    "is a file, not a folder",
    "ja": "スプレッドシートを保存できませんでした: '{file}' を書き込めません: パスの途中に"
    "フォルダーではなくファイルがあります",
}


@pytest.fixture
def in_language(request: pytest.FixtureRequest) -> Iterator[str]:
    language: str = request.param
    translations.install(language)
    yield language
    translations.install(i18n.ENGLISH)


@pytest.mark.parametrize("in_language", ["en", "ja"], indirect=True)
def test_a_workbook_saved_through_a_file_is_refused_in_the_windows_language(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    tmp_path: Path,
    in_language: str,
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    report_window = shown_report(qtbot, window)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a folder\n", encoding="utf-8")
    workbook = notes / "report.xlsx"
    report_window.save_spreadsheet(workbook)
    said = SAID[in_language].format(file=workbook)
    qtbot.waitUntil(lambda: report_window.status.text() == said, timeout=10_000)
    assert notes.read_text(encoding="utf-8") == "not a folder\n"
    settle(qtbot, window)
