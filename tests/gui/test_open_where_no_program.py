"""Opening a database from the window where there is no program: a mistyped path or an
empty file is never made into a new, empty program unasked.

File > Open database… asks, naming the path, and makes nothing unless the coordinator
agrees; Open recent, whose entry was a program, says it no longer holds one. Both judge
by the command line's rule (``store.missing_program``): a SQLite file that is not there,
or is empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_support import Messages
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui import filemenu
from cpp_scheduler.gui import settings as options
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.store import Database


def choose_in_open_dialog(
    window: MainWindow, location: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Open database…, ``location`` typed into its field and Open pressed."""

    def typed_and_opened(dialog: filemenu.OpenDatabaseDialog) -> QDialog.DialogCode:
        dialog.location.setText(str(location))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(filemenu.OpenDatabaseDialog, "exec", typed_and_opened)
    filemenu.choose_database(window)


def asked(messages: Messages, qtbot: QtBot) -> str:
    qtbot.waitUntil(lambda: bool(messages.questions), timeout=10_000)
    return str(messages.questions[-1])


@pytest.mark.parametrize("what", ["mistyped", "empty"])
def test_open_database_asks_before_making_a_program_and_makes_nothing_if_declined(
    what: str,
    window: MainWindow,
    messages: Messages,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    location = tmp_path / "progam.sqlite"  # a typing mistake, in a folder that exists
    if what == "empty":
        location.touch()
    messages.answer = False
    choose_in_open_dialog(window, location, monkeypatch)
    assert asked(messages, qtbot) == (
        f"There is no program at {location}.\n\n"
        "Make a new, empty program there? Check the name first if you meant to open an "
        "existing one."
    )
    window.tasks.wait_for_done()
    qtbot.wait(100)
    assert window.other_windows == []
    if what == "empty":
        assert location.stat().st_size == 0  # left as it was
    else:
        assert not location.exists()
    assert sorted(path.name for path in tmp_path.glob("progam.sqlite*")) == (
        ["progam.sqlite"] if what == "empty" else []
    )
    assert str(location) not in options.recent_databases(window.settings)
    assert messages.errors == []


def test_open_database_makes_a_new_program_where_the_coordinator_agrees(
    window: MainWindow,
    messages: Messages,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    location = tmp_path / "new program.sqlite"
    messages.answer = True
    choose_in_open_dialog(window, location, monkeypatch)
    assert asked(messages, qtbot).startswith(f"There is no program at {location}.")
    qtbot.waitUntil(lambda: bool(window.other_windows), timeout=10_000)
    opened = window.other_windows[0]
    with qtbot.waitSignal(opened.eventsLoaded, timeout=20_000):
        pass
    assert opened.database.name == str(location)
    assert location.stat().st_size > 0
    assert opened.welcome_shown  # a new, empty program
    opened.close()


def test_open_database_opens_a_program_without_asking(
    window: MainWindow,
    empty_program: Database,
    messages: Messages,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file that holds a program, even one without events, is opened at once."""
    location = Path(empty_program.name)
    empty_program.close()
    choose_in_open_dialog(window, location, monkeypatch)
    qtbot.waitUntil(lambda: bool(window.other_windows), timeout=10_000)
    opened = window.other_windows[0]
    with qtbot.waitSignal(opened.eventsLoaded, timeout=20_000):
        pass
    assert opened.database.name == str(location)
    assert messages.questions == []
    opened.close()


def test_a_recent_database_since_emptied_is_said_empty_not_made_again(
    window: MainWindow,
    messages: Messages,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    """An entry of Open recent whose file is now empty is a program no longer there:
    said in one line and taken off the list, the file left as it is."""
    emptied = tmp_path / "emptied.sqlite"
    emptied.touch()
    options.remember_database(window.settings, str(emptied))
    filemenu.fill_recent_menu(window)
    entries = {action.text(): action for action in window.recent_menu.actions()}
    entries[str(emptied)].trigger()
    qtbot.waitUntil(lambda: bool(messages.errors), timeout=10_000)
    assert messages.errors[-1] == (
        "Cannot open the database",
        f"{emptied} is empty: it no longer holds a program; it is taken off Open recent.",
    )
    assert messages.questions == []
    assert emptied.stat().st_size == 0
    assert window.other_windows == []
    assert str(emptied) not in options.recent_databases(window.settings)
