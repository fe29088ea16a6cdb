"""A text of several lines holding a very long run of characters without a space (a
link, an image encoded in an e-mail, pasted into a venue's notes) keeps the editor
answering each key at once. Before, Qt's wrapping at a word or else anywhere laid the
paragraph out again at every key in a time growing with the square of the run: a
venue's notes of 100,000 such characters, as many as a text may hold, took a third of a
second a key, and a million characters pasted froze the window for half a minute, and
again at every key after."""

from __future__ import annotations

import statistics
import time

from dialog_helpers import error_text, ok_button
from gui_support import open_dialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from cpp_scheduler import limits
from cpp_scheduler.gui.dialogs import EventDialog, VenueDialog
from cpp_scheduler.model import Venue
from cpp_scheduler.store import Database

#: What a key may take here, on a busy machine: every key took 0.3 s before.
KEY_SECONDS = 0.1


def _typical_key(qtbot: QtBot, field: object, keys: int = 5) -> float:
    """The median time of ``keys`` keys: a key the machine's other work delays once is no
    editor that lays the whole paragraph out again at every key."""
    times = []
    for _ in range(keys):
        started = time.perf_counter()
        qtbot.keyClick(field, Qt.Key.Key_A)  # type: ignore[arg-type]
        QApplication.processEvents()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_a_venue_whose_notes_hold_the_longest_word_answers_each_key_at_once(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    notes = "x" * (limits.MAX_TEXT_LENGTH - 10)
    with sqlite_database.transaction() as session:
        venue = Venue(name="Kobe City Hall", locality="Kobe", notes=notes)
        session.add(venue)
        session.flush()
        venue_id = venue.id
    dialog = open_dialog(qtbot, VenueDialog, sqlite_database, venue_id)
    assert dialog.ui.notes.toPlainText() == notes
    dialog.ui.notes.setFocus()
    dialog.ui.notes.moveCursor(dialog.ui.notes.textCursor().MoveOperation.End)

    assert _typical_key(qtbot, dialog.ui.notes) < KEY_SECONDS
    assert dialog.values()["notes"] == notes + "aaaaa"
    assert ok_button(dialog).isEnabled()


def test_a_million_characters_pasted_into_an_agenda_are_cut_at_the_limit_and_said(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    """Before, the paste was taken whole, to be refused at the save, and every key after
    it waited a third of a second. It is cut where the text reaches the most a text may
    hold, what was typed before kept, and a line under the field says so."""
    dialog = open_dialog(qtbot, EventDialog, sqlite_database)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.agendaTab)
    field = dialog.ui.description
    field.setFocus()
    qtbot.keyClicks(field, "Welcome: ")
    QApplication.clipboard().setText("x" * 1_000_000)
    started = time.perf_counter()
    field.paste()
    QApplication.processEvents()
    assert time.perf_counter() - started < 5  # half a minute before

    kept = "Welcome: " + "x" * (limits.MAX_TEXT_LENGTH - len("Welcome: "))
    assert field.toPlainText() == kept
    note = dialog.findChild(QLabel, "descriptionNote")
    assert note is not None
    assert note.isVisibleTo(dialog)
    assert note.text() == (
        "The paste was cut at 100,000 characters, the most a text may hold: "
        "900,009 characters were left out"
    )
    assert error_text(dialog, "description") == ""
    assert _typical_key(qtbot, field) < KEY_SECONDS
    assert field.toPlainText() == kept + "aaaaa"  # typing is not cut: the save says it
    assert not note.isVisibleTo(dialog)  # gone at the next edit
    assert error_text(dialog, "description") == (
        "description: 100,005 characters, more than the 100,000 a text may hold"
    )
