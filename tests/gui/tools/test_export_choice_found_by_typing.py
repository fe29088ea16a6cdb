"""Export calendar's choice of a participant is found by typing words of a name, an
address or an organisation; Enter in it chooses, or keeps the words, and never writes a
file for the person chosen before (Export is the dialog's default button)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import tools_of

ANA = "Ana Lucía Mendoza Rivera <ana.mendoza@example.org>"
CARMEN = "Carmen Rosa Huamán Torres <carmen.huaman@example.org>"


def participant_export(
    qtbot: QtBot, open_window: Callable[[], MainWindow], target: Path
) -> ExportDialog:
    """Export calendar, on screen, for a participant of the demo, into ``target``."""
    dialog = tools_of(open_window()).open_export()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=20_000)
    dialog.set_scope(Scope.PARTICIPANT)
    dialog.target.setText(str(target))
    return dialog


def typed(qtbot: QtBot, dialog: ExportDialog, words: str) -> None:
    choice = dialog.choice
    choice.setFocus()
    qtbot.waitUntil(choice.hasFocus, timeout=5_000)
    qtbot.wait(20)  # the field's words selected, to be typed over
    qtbot.keyClicks(choice, words)


def test_words_of_an_organisation_find_a_participant_and_enter_chooses_her(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    load_demo(sqlite_database)
    target = tmp_path / "person.ics"
    dialog = participant_export(qtbot, open_window, target)
    assert dialog.choice.currentText() != CARMEN

    typed(qtbot, dialog, "techo propio")  # her organisation, in the Participants list
    popup = dialog.choice.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=5_000)
    qtbot.wait(20)
    qtbot.keyClick(popup, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: not dialog.preview_pending, timeout=20_000)
    assert dialog.choice.currentText() == CARMEN
    assert dialog.choices is not None
    (carmen,) = [c.record_id for c in dialog.choices.participants if c.label == CARMEN]
    assert dialog.choice.currentData() == carmen
    assert not target.exists()  # chosen, nothing written


def test_enter_on_words_that_find_nobody_writes_no_file(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    """The dialog's default button is Export: Enter in the field once wrote a file for
    the person chosen before, the field showing words that named nobody."""
    load_demo(sqlite_database)
    target = tmp_path / "person.ics"
    dialog = participant_export(qtbot, open_window, target)
    dialog.choice.setCurrentIndex(dialog.choice.findText(ANA))
    qtbot.waitUntil(lambda: not dialog.preview_pending, timeout=20_000)

    typed(qtbot, dialog, "mendozza")
    qtbot.keyClick(dialog.choice, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert not dialog.running
    assert not target.exists()
    assert dialog.choice.lineEdit().text() == "mendozza"  # the words, to be mended

    dialog.choice.lineEdit().clear()
    qtbot.keyClick(dialog.choice, Qt.Key.Key_Return)  # emptied: no "all" here
    qtbot.keyClick(dialog.choice, Qt.Key.Key_Return)  # the name shown again
    qtbot.wait(200)
    assert not dialog.running
    assert not target.exists()
    assert dialog.choice.currentText() == ANA
    assert dialog.isVisible()


def test_each_list_keeps_its_choice_when_the_scope_comes_back(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    load_demo(sqlite_database)
    dialog = participant_export(qtbot, open_window, tmp_path / "file.ics")
    dialog.choice.setCurrentIndex(dialog.choice.findText(CARMEN))
    dialog.set_scope(Scope.DELEGATION)
    nepal = dialog.choice.findText("Nepal", Qt.MatchFlag.MatchStartsWith)
    dialog.choice.setCurrentIndex(nepal)

    dialog.set_scope(Scope.PARTICIPANT)
    assert dialog.choice.currentText() == CARMEN
    dialog.set_scope(Scope.DELEGATION)
    assert dialog.choice.currentText().startswith("Nepal")
