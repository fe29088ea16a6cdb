"""What a coordinator pasted into a list's line or a coordinate, and the editor could not
take, is quoted under the field as every message quotes input: its beginning, on one
line. Before, the whole paste was repeated there, 32,767 characters of it in a label
that pushed the dialog off the screen, and a tab or a right-to-left mark in it unseen."""

from __future__ import annotations

from dialog_helpers import error_text, ok_button
from gui_support import open_dialog
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs import DelegationDialog, ParticipantDialog, VenueDialog
from cpp_scheduler.store import Database

PASTED = "Kobe " + "x" * 40_000

#: The beginning of ``PASTED`` as a message quotes it: 59 characters and an ellipsis.
QUOTED = "'Kobe " + "x" * 54 + "…'"


def _paste(line: QLineEdit, text: str) -> None:
    QApplication.clipboard().setText(text)
    line.setFocus()
    line.selectAll()
    line.paste()


def test_a_long_paste_into_a_venues_partner_city_and_coordinates_is_quoted_short(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = open_dialog(qtbot, VenueDialog, sqlite_database)
    city_line = dialog.ui.city.lineEdit()
    assert city_line is not None
    _paste(city_line, PASTED)
    _paste(dialog.ui.latitude, PASTED)

    assert error_text(dialog, "city_id") == (
        f"No partner city is called {QUOTED}: pick one from the list or clear the field."
    )
    assert error_text(dialog, "latitude") == (
        f"{QUOTED} is not a latitude in decimal degrees (such as 35.6706)."
    )
    assert not ok_button(dialog).isEnabled()
    assert dialog.ui.latitude.text() == PASTED[:32_767]  # kept as pasted, to mend


def test_a_long_paste_into_a_delegations_country_is_quoted_short(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = open_dialog(qtbot, DelegationDialog, sqlite_database)
    country_line = dialog.ui.country.lineEdit()
    assert country_line is not None
    _paste(country_line, PASTED)

    assert error_text(dialog, "country") == f"{QUOTED} is not a country of the list; pick one."


def test_an_invisible_mark_in_a_participants_delegation_is_shown_escaped(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = open_dialog(qtbot, ParticipantDialog, sqlite_database)
    line = dialog.ui.delegation.lineEdit()
    assert line is not None
    _paste(line, "\u202eLima")

    assert error_text(dialog, "delegation_id") == (
        "No delegation is called '\\u202eLima': pick one from the list or clear the field."
    )
