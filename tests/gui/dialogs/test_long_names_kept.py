"""A pasted name longer than its column stays whole in the field, with the model's line
under it, and the dialog does not save it: before, the field kept the first 200
characters and saved them, and the coordinator never learnt that the end was lost."""

from __future__ import annotations

from collections.abc import Callable

from dialog_helpers import error_text, is_marked, ok_button
from gui_support import open_dialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cpp_scheduler.gui.dialogs import DelegationDialog, VenueDialog
from cpp_scheduler.model import Delegation
from cpp_scheduler.store import Database


def test_a_pasted_delegation_name_too_long_is_kept_whole_and_not_saved(
    qtbot: QtBot, sqlite_database: Database, type_into: Callable[..., None]
) -> None:
    dialog = open_dialog(qtbot, DelegationDialog, sqlite_database)
    type_into(dialog.ui.country, "Peru")
    pasted = ("Ministry of Housing, Construction and Sanitation of Peru " * 5)[:250]
    QApplication.clipboard().setText(pasted)
    dialog.ui.name.setFocus()
    dialog.ui.name.paste()

    assert dialog.ui.name.text() == pasted
    assert error_text(dialog, "name") == (
        "delegation's name: 250 characters, more than the 200 a text may hold"
    )
    assert is_marked(dialog, "name")
    assert not ok_button(dialog).isEnabled()
    qtbot.keyClick(dialog.ui.name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.ui.name.text() == pasted
    with sqlite_database.session() as session:
        assert session.scalar(select(func.count()).select_from(Delegation)) == 0


def test_a_venues_town_too_long_is_kept_whole_and_said(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = open_dialog(qtbot, VenueDialog, sqlite_database)
    typed = ("Kitakyushu Science and Research Park, Wakamatsu Ward " * 3).strip()
    dialog.ui.locality.setEditText(typed)

    assert dialog.ui.locality.currentText() == typed
    assert error_text(dialog, "locality") == (
        f"city the venue is in: {len(typed)} characters, more than the 120 a text may hold"
    )
    assert not ok_button(dialog).isEnabled()
