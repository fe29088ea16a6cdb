"""Export calendar and ``cpp-scheduler export ics -o`` name the file they write by the
one rule of every file the program writes (``files.named_as``), and say the same: a name
without a suffix gets ``.ics`` and the line names the file written; another suffix is
refused in the same line. Before, both wrote ``x.txt`` and ``x`` as given, while the
report windows added their suffix and ``print`` refused a wrong one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.store import Database
from tests.gui.gui_support import JANUARY_NINE_TOKYO
from tests.gui.tools.conftest import add_event, settle, tools_of


def _window_says(qtbot: QtBot, window: MainWindow, typed: Path) -> str:
    dialog = tools_of(window).open_export()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.PROGRAM)
    qtbot.waitUntil(
        lambda: dialog.choices is not None and not dialog.preview_pending, timeout=20_000
    )
    dialog.target.setText(str(typed))
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    said = dialog.status.text()
    dialog.close()
    settle(qtbot, window)
    return said


def _command_says(
    capsys: pytest.CaptureFixture[str], database: Database, language: str, typed: Path
) -> tuple[int, str, str]:
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    status = main(["--lang", language, "--db", url, "export", "ics", "--all", "-o", str(typed)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("named", ["program.txt", "program.PDF"])
def test_a_calendar_named_with_another_suffix_is_refused_in_the_same_words(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    speaking: str,
    named: str,
) -> None:
    add_event(sqlite_database, "Housing finance clinic", JANUARY_NINE_TOKYO, 2)
    window = open_window()
    folder = tmp_path / "calendars"
    folder.mkdir()
    typed = folder / named

    status, out, err = _command_says(capsys, sqlite_database, speaking, typed)
    assert status == 2
    assert out == ""
    refusal = err.removeprefix("cpp-scheduler: ").removesuffix("\n")
    assert refusal.startswith(f"'{typed}' ")
    assert ".ics" in refusal
    said = _window_says(qtbot, window, typed)
    assert said == translate("CalendarFiles", "Cannot export: {error}").format(error=refusal)
    assert list(folder.iterdir()) == []


def test_a_calendar_named_without_a_suffix_gets_its_own_and_both_name_it(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    speaking: str,
) -> None:
    add_event(sqlite_database, "Housing finance clinic", JANUARY_NINE_TOKYO, 2)
    window = open_window()
    by_command, by_window = tmp_path / "by-command", tmp_path / "by-window"
    by_command.mkdir()
    by_window.mkdir()

    status, out, err = _command_says(capsys, sqlite_database, speaking, by_command / "kobe")
    assert status == 0, err
    said = _window_says(qtbot, window, by_window / "kobe")
    assert said == out.rstrip("\n").replace(str(by_command), str(by_window))
    assert str(by_window / "kobe.ics") in said
    assert [path.name for path in by_command.iterdir()] == ["kobe.ics"]
    assert [path.name for path in by_window.iterdir()] == ["kobe.ics"]
