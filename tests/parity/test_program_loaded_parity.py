"""File > Load the demo program and File > Import program file say in the status bar what
``cpp-scheduler demo`` and ``cpp-scheduler program import`` print, in English and in
Japanese: the demo already there is "already in …: nothing to add", a file already in
the program "nothing to change", and a file that changes something counts what it
created, updated, removed and left. The window once said "Loaded the demo program" and
"Imported plan.json" whatever the work had done, nothing included."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle
from tests.parity.command_support import command_lines


def _news_of(qtbot: QtBot, window: MainWindow, start: Any) -> str:
    """What the status bar says once the work ``start`` starts is in the calendar."""
    with qtbot.waitSignal(window.eventsLoaded, timeout=30_000):
        start()
    settle(qtbot, window)
    return window.statusBar().currentMessage()


def test_loading_the_demo_again_is_said_as_demo_says_it(
    qtbot: QtBot,
    demo_window: MainWindow,
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    speaking: str,
) -> None:
    news = _news_of(qtbot, demo_window, demo_window.demo_action.trigger)
    printed = command_lines(capsys, ["--lang", speaking, "--db", str(sqlite_path), "demo"])
    if speaking == i18n.ENGLISH:
        assert printed == [
            f"The demo program is already in {sqlite_path}: nothing to add "
            "(89 records kept as they are)."
        ]
    assert news == " ".join(printed)


def test_importing_a_program_file_is_said_as_program_import_says_it(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    speaking: str,
) -> None:
    load_demo(sqlite_database)
    exported = tmp_path / "plan.json"
    command_lines(
        capsys, ["--lang", speaking, "--db", str(sqlite_path), "program", "export", str(exported)]
    )
    window = open_window()
    window.confirm = lambda *_asked, **_more: True  # type: ignore[method-assign]

    # The program's own file: nothing to change, said once the file is read, and the
    # program is not read again.
    printed = command_lines(
        capsys, ["--lang", speaking, "--db", str(sqlite_path), "program", "import", str(exported)]
    )
    if speaking == i18n.ENGLISH:
        assert printed == [
            f"{exported} is already in {sqlite_path}: nothing to change (124 records the same)."
        ]
    window.import_program(str(exported))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == printed[0], timeout=30_000)

    # A colleague's file with a venue renamed: one updated, its headline first.
    edited = tmp_path / "renamed.json"
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["venues"][0]["name"] += " (renovated)"
    edited.write_text(json.dumps(document), encoding="utf-8")
    copy = tmp_path / "copy.sqlite"
    with sqlite3.connect(sqlite_path) as held, sqlite3.connect(copy) as to:
        held.backup(to)  # the program as the window imports into it, for the command
    news = _news_of(qtbot, window, lambda: window.import_program(str(edited)))
    printed = command_lines(
        capsys, ["--lang", speaking, "--db", str(copy), "program", "import", str(edited)]
    )
    headline = printed[0].replace(str(copy), str(sqlite_path))
    if speaking == i18n.ENGLISH:
        assert headline == (
            f"Imported {edited} into {sqlite_path}: 0 created, 1 updated, 0 removed, 123 unchanged."
        )
    assert news == headline
