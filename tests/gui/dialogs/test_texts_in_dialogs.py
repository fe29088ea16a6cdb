"""What an editor's text fields take: a multi-line text up to the length the program's
files carry, said under the field as the model's rule words it (before, the event
dialog saved an agenda of two million characters that the backup then refused), a
paste cut where the text is full, said under the field too (before, two million
characters were taken whole and made every later key slow), and a
single-line field on one line (before, a title pasted from two lines of an e-mail kept
its line break, and Edit > Undo showed only its last line)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from time import perf_counter
from typing import Any

import pytest
from dialog_helpers import error_text, is_marked, ok_button
from gui_support import open_dialog
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from cpp_scheduler import limits
from cpp_scheduler.gui.dialogs import (
    DelegationDialog,
    EventDialog,
    KnowledgeProductDialog,
    PartnerCityDialog,
    ThemeDialog,
    VenueDialog,
)
from cpp_scheduler.gui.dialogs.base import RecordDialog
from cpp_scheduler.store import Database

LONGEST = limits.MAX_TEXT_LENGTH
START = datetime(2027, 2, 16, 1, tzinfo=UTC)
END = datetime(2027, 2, 16, 2, tzinfo=UTC)


def paste(qtbot: QtBot, field: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Paste ``text`` through the clipboard into ``field``, replacing what it holds."""
    QApplication.clipboard().setText(text)
    field.setFocus()
    field.selectAll()
    field.paste()


def cut_said(dialog: RecordDialog, field: QPlainTextEdit) -> str:
    """The line under ``field`` saying a paste was cut, or '' where none shows."""
    note = dialog.findChild(QLabel, f"{field.objectName()}Note")
    assert note is not None
    return note.text() if not note.isHidden() else ""


def event_dialog(qtbot: QtBot, database: Database) -> EventDialog:
    dialog = open_dialog(qtbot, EventDialog, database, start=START, end=END)
    paste(qtbot, dialog.ui.title, "Kobe DRR workshop")
    return dialog


def named(dialog_class: type[RecordDialog], name: str = "name") -> Callable[..., Any]:
    def make(qtbot: QtBot, database: Database) -> RecordDialog:
        dialog = open_dialog(qtbot, dialog_class, database)
        paste(qtbot, getattr(dialog.ui, name), "Kumamoto")
        return dialog

    return make


def delegation_dialog(qtbot: QtBot, database: Database) -> RecordDialog:
    dialog = open_dialog(qtbot, DelegationDialog, database)
    paste(qtbot, dialog.ui.name, "Lima housing ministry")
    return dialog


def venue_dialog(qtbot: QtBot, database: Database) -> RecordDialog:
    dialog = open_dialog(qtbot, VenueDialog, database)
    paste(qtbot, dialog.ui.name, "Kobe City Hall")
    dialog.ui.locality.setEditText("Kobe")
    return dialog


def theme_dialog(qtbot: QtBot, database: Database) -> RecordDialog:
    dialog = open_dialog(qtbot, ThemeDialog, database)
    paste(qtbot, dialog.ui.code, "drm")
    paste(qtbot, dialog.ui.name, "Disaster risk management")
    return dialog


TEXTS = [
    pytest.param(event_dialog, "description", "description", id="event-description"),
    pytest.param(event_dialog, "notes", "notes", id="event-notes"),
    pytest.param(venue_dialog, "address", "address", id="venue-address"),
    pytest.param(venue_dialog, "notes", "notes", id="venue-notes"),
    pytest.param(
        named(PartnerCityDialog), "signature", "signature experience", id="city-signature"
    ),
    pytest.param(theme_dialog, "description", "description", id="theme-description"),
    pytest.param(named(KnowledgeProductDialog, "title"), "summary", "summary", id="product"),
]


@pytest.mark.parametrize(("make", "field", "called"), TEXTS)
def test_a_text_longer_than_the_files_carry_is_said_under_its_field(
    qtbot: QtBot, sqlite_database: Database, make: Callable[..., Any], field: str, called: str
) -> None:
    dialog = make(qtbot, sqlite_database)
    edit = getattr(dialog.ui, field)
    assert ok_button(dialog).isEnabled(), dialog.problems()
    pasted = "Opening by the mayor\n" * 95_239  # 2,000,019 characters
    paste(qtbot, edit, pasted)
    assert edit.toPlainText() == pasted[:LONGEST]  # cut where the text is full
    assert cut_said(dialog, edit) == (
        "The paste was cut at 100,000 characters, the most a text may hold: "
        "1,900,019 characters were left out"
    )
    assert error_text(dialog, field) == ""
    qtbot.keyClick(edit, "z")  # typed past the most: refused as ever, under the field
    assert cut_said(dialog, edit) == ""
    assert error_text(dialog, field) == (
        f"{called}: 100,001 characters, more than the 100,000 a text may hold"
    )
    assert is_marked(dialog, field)
    assert not ok_button(dialog).isEnabled()
    paste(qtbot, edit, "x" * LONGEST)
    assert error_text(dialog, field) == ""
    assert ok_button(dialog).isEnabled()
    assert dialog.values()[field] == "x" * LONGEST


def test_delegation_notes_longer_than_the_files_carry_are_refused_inline(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = open_dialog(qtbot, DelegationDialog, sqlite_database)
    paste(qtbot, dialog.ui.notes, "n" * (LONGEST + 1))
    assert dialog.ui.notes.toPlainText() == "n" * LONGEST
    assert cut_said(dialog, dialog.ui.notes) == (
        "The paste was cut at 100,000 characters, the most a text may hold: "
        "1 character was left out"
    )
    qtbot.keyClick(dialog.ui.notes, "n")
    assert error_text(dialog, "notes") == (
        "notes: 100,001 characters, more than the 100,000 a text may hold"
    )
    assert not ok_button(dialog).isEnabled()


def test_the_check_while_typing_stays_quick_at_the_longest_agenda(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = event_dialog(qtbot, sqlite_database)
    agenda = ("09:00 Opening by the mayor of Kobe; 09:30 Kobe's seismic retrofit\n" * 1_600)[
        :LONGEST
    ]
    paste(qtbot, dialog.ui.description, agenda)
    paste(qtbot, dialog.ui.notes, agenda)
    assert ok_button(dialog).isEnabled(), dialog.problems()
    times = []
    for _round in range(5):
        began = perf_counter()
        dialog.revalidate()
        times.append(perf_counter() - began)
    assert min(times) < 0.050


@pytest.mark.parametrize(
    ("make", "field"),
    [
        pytest.param(event_dialog, "title", id="event-title"),
        pytest.param(named(KnowledgeProductDialog, "title"), "title", id="product-title"),
        pytest.param(venue_dialog, "name", id="venue-name"),
        pytest.param(delegation_dialog, "name", id="delegation-name"),
    ],
)
def test_a_line_break_pasted_into_a_single_line_field_becomes_a_space(
    qtbot: QtBot, sqlite_database: Database, make: Callable[..., Any], field: str
) -> None:
    dialog = make(qtbot, sqlite_database)
    edit = getattr(dialog.ui, field)
    paste(qtbot, edit, "Kobe DRR workshop\r\nwith Quezon City\tand Lima")
    assert edit.text() == "Kobe DRR workshop with Quezon City and Lima"
    qtbot.keyClicks(edit, " 2027")
    assert edit.text() == "Kobe DRR workshop with Quezon City and Lima 2027"
    assert dialog.record_title() == "Kobe DRR workshop with Quezon City and Lima 2027"


def test_a_title_longer_than_its_column_is_kept_whole_and_refused_in_words(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    """A pasted title is never cut without a word: the field keeps all of it, and the
    dialog says how much longer it is than a title may be."""
    dialog = event_dialog(qtbot, sqlite_database)
    paste(qtbot, dialog.ui.title, "T" * 1_000)
    assert dialog.ui.title.text() == "T" * 1_000
    assert not ok_button(dialog).isEnabled()
    assert (
        error_text(dialog, "title") == "title: 1,000 characters, more than the 300 a text may hold"
    )
    assert is_marked(dialog, "title")
