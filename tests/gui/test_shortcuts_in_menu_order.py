"""Help > Keyboard shortcuts lists the keys in the order of the menus, in every language:
sorted by its words, the Japanese list came in the order of the kanji's code points,
which the glossary forbids (docs/glossary.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from gui_support import rows_read
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.help import ShortcutsDialog
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.store import Database

HOUR = timedelta(hours=1)

#: Actions with keys, in the order the menus show them: File, Edit, View, Help.
MENU_ORDER = (
    "new_event",
    "open_database",
    "undo",
    "redo",
    "edit_event",
    "delete_event",
    "view_day",
    "view_week",
    "view_month",
    "view_agenda",
    "view_venues",
    "today",
    "previous",
    "next",
    "user_guide",
    "keyboard_shortcuts",
)


@pytest.fixture(params=[i18n.JAPANESE, i18n.ENGLISH])
def speaking_window(
    request: pytest.FixtureRequest,
    qapp: object,
    program: Database,
    make_window: Callable[[Database], MainWindow],
) -> Iterator[MainWindow]:
    translations.install(request.param)
    try:
        yield make_window(program)
    finally:
        translations.install(i18n.ENGLISH)


def has_keys(action: QAction) -> bool:
    """Whether the action has a key here (a platform may have none for a standard key)."""
    return any(not sequence.isEmpty() for sequence in action.shortcuts())


def words(action: QAction) -> str:
    """An action's text as the list shows it: without its mnemonic, its ellipsis, or
    the step Undo and Redo would take now."""
    return action.iconText()


def menu_texts(window: MainWindow) -> list[str]:
    """The words of every action with keys, menu by menu and top to bottom."""
    texts: list[str] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            menu = action.menu()
            if isinstance(menu, QMenu):
                walk(menu.actions())
            elif has_keys(action) and words(action) not in texts:
                texts.append(words(action))

    walk(window.menuBar().actions())
    return texts


def shown_texts(dialog: ShortcutsDialog) -> list[str]:
    table = dialog.table
    return [table.item(row, 1).text() for row in range(table.rowCount())]


def test_the_shortcuts_come_in_the_order_of_the_menus(
    speaking_window: MainWindow, qtbot: QtBot
) -> None:
    window = speaking_window
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ShortcutsDialog)
    shown = shown_texts(dialog)
    in_menus = menu_texts(window)
    assert len(in_menus) >= len(MENU_ORDER)
    assert shown[: len(in_menus)] == in_menus  # the menus' first, as they list them
    positions = [shown.index(words(window.actions_by_name[name])) for name in MENU_ORDER]
    assert positions == sorted(positions)
    assert len(shown) == len(set(shown))  # each once


def test_undo_and_redo_are_listed_by_name_whatever_step_they_would_take(
    program: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    """A reference list: "Undo" and "Redo", not "Undo Move 'Kobe DRR workshop' to …",
    whatever steps the stack holds."""
    window = make_window(program)
    event = next(row for row in window.events.rows() if row.title == "Kobe DRR workshop")
    for hours in (1, 2):
        window.move_event(
            event.event_id, event.start_utc + hours * HOUR, event.end_utc + hours * HOUR
        )
        rows_read(window)
    window.undo_action.trigger()
    rows_read(window)
    assert window.undo_action.text().startswith("Undo ")  # the menu names the step
    assert window.redo_action.text().startswith("Redo ")
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ShortcutsDialog)
    shown = shown_texts(dialog)
    assert "Undo" in shown
    assert "Redo" in shown
    assert not [text for text in shown if text.startswith(("Undo ", "Redo "))]
