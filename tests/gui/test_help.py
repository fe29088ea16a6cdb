"""Help inside the program: the guide opens from the menu and follows its links, and the
shortcut list is the window's own."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.help import GUIDE, HelpWindow, ShortcutsDialog
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.resources import doc_path


def test_every_document_of_the_guide_ships_and_reads(qtbot: QtBot) -> None:
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    for row, (name, title) in enumerate(GUIDE):
        assert doc_path(name).is_file(), name
        help_window.contents.setCurrentRow(row)
        assert help_window.document == name
        text = help_window.browser.toPlainText()
        assert len(text) > 500, f"{title} is nearly empty"


def test_the_guide_opens_from_the_help_menu_and_follows_its_links(
    window: MainWindow, qtbot: QtBot
) -> None:
    action = next(a for a in window.help_menu.actions() if a.objectName() == "user_guide")
    assert action.shortcut().toString()  # F1, or the platform's help key
    action.trigger()
    guide = window.show_help()
    qtbot.waitExposed(guide)
    assert isinstance(guide, HelpWindow)
    assert "Getting started" in guide.browser.toPlainText()
    guide.browser.anchorClicked.emit(QUrl("calendar-updates.md"))
    assert guide.document == "calendar-updates.md"
    assert "METHOD" in guide.browser.toPlainText()
    assert window.show_help("scheduling.md") is guide  # one guide, reused


def test_the_shortcut_list_is_the_windows_own(window: MainWindow, qtbot: QtBot) -> None:
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ShortcutsDialog)
    table = dialog.table
    rows = {table.item(row, 1).text(): table.item(row, 0).text() for row in range(table.rowCount())}
    assert rows["Undo"] == "Ctrl+Z"
    assert rows["Week"] == "Ctrl+2"
    assert "User guide" in rows
