"""A program without study tours is said alike by the tour builder and ``cpp-scheduler
tours``, in English and in Japanese, in the glossary's word for a study tour (視察研修).
The command once said "No study tours." (スタディツアーはありません。) where the builder
said the program holds none yet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui.tools.tourbuilder import TourBuilderDialog
from cpp_scheduler.store import Database
from tests.gui.gui_support import label_read
from tests.gui.tools.conftest import settle, tools_of
from tests.parity.command_support import command_lines

SAID = {
    i18n.ENGLISH: "No study tours in the program yet.",
    i18n.JAPANESE: "プログラムにはまだ視察研修がありません。",
}


def test_the_builder_and_the_command_say_the_program_has_no_tour_alike(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    speaking: str,
) -> None:
    window = open_window()
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    settle(qtbot, window)
    shown = label_read(builder.overview)
    builder.close()
    printed = command_lines(capsys, ["--lang", speaking, "--db", str(sqlite_path), "tours"])
    assert printed == [SAID[speaking]]
    assert shown == printed[0]
