"""The name in the preferences is who the window's changes are recorded under."""

from __future__ import annotations

import getpass
from datetime import timedelta

import pytest
from conftest import JANUARY_NINE_TOKYO, add_event, settle, tools_of
from gui_support import move_command
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui import settings as options
from cpp_scheduler.gui.author import set_author
from cpp_scheduler.services.database import AuthorError
from cpp_scheduler.services.history import history_of


def test_changes_made_after_naming_oneself_carry_the_name(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    event = add_event(sqlite_database, "Kobe DRR clinic", JANUARY_NINE_TOKYO)
    window = open_window()
    assert "author" in tools_of(window).actions

    assert set_author(window, " Aiko Tanaka ") == "Aiko Tanaka"
    later = JANUARY_NINE_TOKYO + timedelta(hours=2)
    window.editor.execute(move_command(window, event, later, later + timedelta(hours=1)))
    settle(qtbot, window)

    assert history_of(sqlite_database, event)[-1].author == "Aiko Tanaka"
    assert options.read_str(window.settings, options.AUTHOR) == "Aiko Tanaka"
    assert set_author(window, "") == getpass.getuser()
    assert options.read_str(window.settings, options.AUTHOR) == ""
    with pytest.raises(AuthorError):
        set_author(window, "two\nlines")
