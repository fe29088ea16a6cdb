"""Helpers for driving the editor dialogs as a coordinator would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import groupby
from pathlib import Path

import pytest
from dialog_helpers import ok_button
from gui_support import settle_editor
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.dialogs.base import RecordDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.widgets.multi_select import MultiSelectList
from cpp_scheduler.store import Database

HERE = Path(__file__).parent

# The offscreen platform cannot raise a completer's popup, grab the keyboard for it, or
# resize a window to its new minimum size, and says so as a warning. These are notes on
# what the headless platform lacks, not faults of the dialogs; every other Qt warning
# still fails a test.
OFFSCREEN_LIMITS = (
    r"This plugin does not support raise\(\)",
    r"This plugin does not support grabbing the keyboard",
    r"This plugin does not support propagateSizeHints\(\)",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS))


def type_text(qtbot: QtBot, target: QWidget, text: str) -> None:
    """Type ``text`` as a user does: Latin letters on the keyboard, Japanese through the
    input method, which hands the widget whole committed words."""
    for is_ascii, run in groupby(text, key=str.isascii):
        chunk = "".join(run)
        if is_ascii:
            qtbot.keyClicks(target, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(target, event)


@pytest.fixture
def type_into(qtbot: QtBot) -> Callable[..., None]:
    """Replace a field's text by typing, as a user selects all and types over it."""

    def type_into(widget: QWidget, text: str) -> None:
        target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
        target.selectAll()
        qtbot.keyClick(target, Qt.Key.Key_Delete)
        type_text(qtbot, target, text)

    return type_into


@pytest.fixture
def choose(qtbot: QtBot) -> Callable[[MultiSelectList, str], None]:
    """Search a check list for ``text`` and tick the first match with the space bar."""

    def choose(widget: MultiSelectList, text: str) -> None:
        widget.search.clear()
        type_text(qtbot, widget.search, text)
        assert widget.proxy.rowCount() >= 1, f"nothing in the list matches {text!r}"
        widget.view.setCurrentIndex(widget.proxy.index(0, 0))
        qtbot.keyClick(widget.view, Qt.Key.Key_Space)

    return choose


@pytest.fixture
def accept(qtbot: QtBot) -> Callable[[RecordDialog], None]:
    """Press OK and check that the dialog closed accepted."""

    def accept(dialog: RecordDialog) -> None:
        button = ok_button(dialog)
        assert button.isEnabled(), f"OK is disabled: {dialog.problems()}"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted

    return accept


@pytest.fixture
def editor(qtbot: QtBot, sqlite_database: Database) -> Iterator[Editor]:
    """The window's editing, with its task manager and undo stack, owned by a widget
    closed after the test, as the main window owns them."""
    window = QWidget()
    qtbot.addWidget(window)
    editor = Editor(sqlite_database, TaskManager(window), window)
    yield editor
    settle_editor(qtbot, editor)  # no step left running when the window goes
