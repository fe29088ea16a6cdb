"""The tools' ways of taking a record back (the History panel's revert of a creation,
the undo of a calendar import and the organiser it added) keep a colleague's later work,
and the window says why in one line.

The colleague is a handle of their own on the same program file, under their name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    JANUARY_NINE_TOKYO,
    add_delegation,
    add_event,
    import_through_tool,
    reported_errors,
    settle,
    tools_of,
)
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.commands import EditRecord
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import editing
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database, open_database

ORGANISED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Kobe city//EN\r
BEGIN:VEVENT\r
UID:hunt-kobe-1@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART:20270109T010000Z\r
DTEND:20270109T020000Z\r
SUMMARY:Kobe port briefing\r
ORGANIZER;CN=Hiro Sato:mailto:hiro.sato@kobe.example.org\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.fixture
def kenji(sqlite_database: Database) -> Iterator[Database]:
    store = open_database(sqlite_database.url.database, author="Kenji")
    yield store
    store.close()


def test_reverting_a_creation_a_colleague_linked_a_delegation_to_is_refused(
    qtbot: QtBot, sqlite_database: Database, kenji: Database, open_window, monkeypatch
) -> None:
    sqlite_database.author = "Aiko"
    event = add_event(sqlite_database, "Kobe DRR clinic", JANUARY_NINE_TOKYO)
    window = open_window()
    errors = reported_errors(window, monkeypatch)
    lima = add_delegation(kenji, "Lima", "PE", "America/Lima")
    editing.change(kenji, Event, event, {"delegation_ids": [lima]}, 1)
    dock = tools_of(window).history
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(event))
    qtbot.waitUntil(lambda: not dock.reading and dock.model.rowCount() == 2, timeout=10_000)
    dock.table.selectRow(1)  # "Created (version 1)", below Kenji's change

    qtbot.mouseClick(dock.revert_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    assert errors == [
        (
            "Cannot revert this change",
            "cannot revert the creation of event 'Kobe DRR clinic': it was changed since "
            "(version 2, created as 1); revert the later changes first",
        )
    ]
    assert editing.stored(sqlite_database, Event, event).values["delegation_ids"] == [lima]
    assert window.events.row_of(event) >= 0


def test_an_import_undo_keeps_the_organiser_a_colleague_invited_elsewhere(
    qtbot: QtBot, sqlite_database: Database, kenji: Database, open_window, monkeypatch, tmp_path
) -> None:
    window = open_window()
    errors = reported_errors(window, monkeypatch)
    path = Path(tmp_path) / "partner.ics"
    path.write_bytes(ORGANISED)
    dialog = import_through_tool(qtbot, window, path)
    assert dialog.command is not None
    (hiro,) = dialog.command.state.people
    (briefing,) = dialog.command.created_ids
    workshop = add_event(kenji, "Kenji's port workshop", JANUARY_NINE_TOKYO, participant_ids=[hiro])

    window.undo_action.trigger()
    settle(qtbot, window)

    assert errors == [
        (
            "Cannot undo",
            "Could not undo import partner.ics: event 'Kenji's port workshop' names "
            "participant 'Hiro Sato', whom the import added, since; nothing was changed",
        )
    ]
    assert editing.stored(sqlite_database, Participant, hiro).values["name"] == "Hiro Sato"
    assert editing.stored(sqlite_database, Event, workshop).values["participant_ids"] == [hiro]
    assert window.events.row_of(briefing) >= 0
    assert window.editor.stack.index() == 1  # still done, as in the program


def test_an_import_undo_follows_the_windows_own_rename_of_its_organiser(
    qtbot: QtBot, sqlite_database: Database, open_window, monkeypatch, tmp_path
) -> None:
    """A rename of the organiser in this window after the import is its own: undone
    first, then the import is taken back, organiser and all."""
    window = open_window()
    errors = reported_errors(window, monkeypatch)
    path = Path(tmp_path) / "partner.ics"
    path.write_bytes(ORGANISED)
    dialog = import_through_tool(qtbot, window, path)
    assert dialog.command is not None
    (hiro,) = dialog.command.state.people
    window.editor.execute(
        EditRecord(window.editor, Participant, hiro, {"name": "Hiroshi Sato"}, "Rename", 1)
    )
    settle(qtbot, window)
    assert editing.stored(sqlite_database, Participant, hiro).version == 2

    window.undo_action.trigger()
    settle(qtbot, window)
    window.undo_action.trigger()
    settle(qtbot, window)

    assert errors == []
    assert window.editor.stack.index() == 0
    with pytest.raises(editing.RecordNotFoundError):
        editing.stored(sqlite_database, Participant, hiro)
