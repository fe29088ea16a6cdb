"""The pickers of the event dialog, the slot finder's attendee filter, the sidebar's
Delegation and Participant filters and the export dialog's choice of a delegation or a
participant find a record by the words ``records KIND --search``
finds it by: every word in any order, whatever the case or accents, in the record's row
of its manager (a person's address or organisation) or on the picker's own line. Every
record the command finds, the picker offers; on the demo's Peruvian names and
addresses."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.choices import ID_ROLE
from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.gui.tools.slotfinder import ID_ROLE as LINE_ID_ROLE
from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
from cpp_scheduler.gui.widgets.filter_combo import FilterComboBox
from cpp_scheduler.gui.widgets.multi_select import MultiSelectList
from cpp_scheduler.gui.widgets.searchable_combo import SearchableComboBox
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle, tools_of
from tests.tour_scenarios import demo_copy

SEARCHES = ("huaman", "ana.mendoza", "Arequipa", "housing peru", "PERU housing", "techo", "13 mar")


@pytest.fixture
def sqlite_database(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    """The demo program (the window's fixtures open it)."""
    database = demo_copy(demo_sqlite_path, tmp_path)
    yield database
    database.close()


def command_finds(
    database: Database, kind: str, words: str, capsys: pytest.CaptureFixture[str]
) -> set[str]:
    url = database.url.render_as_string(hide_password=False)
    assert main(["--db", url, "records", kind, "--search", words, "--json"]) == 0
    return {record["id"] for record in json.loads(capsys.readouterr().out)["records"]}


def listed(picker: MultiSelectList, words: str) -> set[str]:
    picker.search.setText(words)
    proxy = picker.proxy
    return {str(proxy.index(row, 0).data(ID_ROLE)) for row in range(proxy.rowCount())}


def offered(
    combo: SearchableComboBox | FilterComboBox, words: str, role: int = Qt.ItemDataRole.UserRole
) -> set[str]:
    """The records the combo box's popup offers once ``words`` are typed (each by its
    id in ``role``)."""
    combo.setEditText("")
    editor = combo.lineEdit()
    assert editor is not None
    editor.setText(words)
    editor.textEdited.emit(words)
    completer = combo.completer()
    assert completer is not None
    model = completer.completionModel()
    return {str(model.index(row, 0, QModelIndex()).data(role)) for row in range(model.rowCount())}


def test_the_event_dialogs_pickers_find_what_the_managers_search_finds(
    qtbot: QtBot, sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    dialog = EventDialog(sqlite_database, None, tasks=TaskManager())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.lists_ready, timeout=20_000)
    ui = dialog.ui
    for words in SEARCHES:
        people = command_finds(sqlite_database, "participants", words, capsys)
        delegations = command_finds(sqlite_database, "delegations", words, capsys)
        assert people <= listed(ui.participants, words), words
        assert delegations <= listed(ui.delegations, words), words
        assert people <= offered(ui.organiser, words), words
    # Accents and word order, which a plain search of the line missed.
    (carmen,) = command_finds(sqlite_database, "participants", "huaman", capsys)
    assert listed(ui.participants, "huaman") == {carmen}
    assert offered(ui.organiser, "huaman") == {carmen}
    (peru,) = command_finds(sqlite_database, "delegations", "housing peru", capsys)
    assert listed(ui.delegations, "PERU housing") == {peru}
    assert listed(ui.participants, "nobody-by-this-name") == set()
    # A host is found by the words its line shows, as by its city's.
    offices = offered(ui.hostCity, "city office")
    assert len(offices) == ui.hostCity.count() - 1 > 1  # all but "none"
    assert len(offered(ui.hostCity, "kobe office")) == 1


def test_the_slot_finders_attendee_filter_finds_what_the_managers_search_finds(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    capsys: pytest.CaptureFixture[str],
) -> None:
    window = open_window()
    finder = tools_of(window).open_slot_finder()
    assert isinstance(finder, SlotFinderDialog)
    qtbot.waitUntil(lambda: finder.choices is not None, timeout=20_000)
    settle(qtbot, window)
    listing = finder.ui.attendeeList

    def shown(words: str) -> set[str]:
        finder.ui.filter.setText(words)
        return {
            str(listing.item(n).data(LINE_ID_ROLE))
            for n in range(1, listing.count())  # the host always shows
            if not listing.item(n).isHidden()
        }

    for words in SEARCHES:
        found = command_finds(sqlite_database, "participants", words, capsys)
        found |= command_finds(sqlite_database, "delegations", words, capsys)
        assert found <= shown(words), words
    (ana,) = command_finds(sqlite_database, "participants", "ana.mendoza", capsys)
    assert shown("ana.mendoza") == {ana}
    finder.close()


def test_the_sidebars_filters_find_what_the_managers_search_finds(
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Typed into the sidebar's Participant and Delegation filters, a role, an
    organisation's words or a city find whom the managers find by them ("Arequipa",
    "techo"), as the editors' pickers do."""
    window = open_window()
    sidebar = window.sidebar
    for words in SEARCHES:
        people = command_finds(sqlite_database, "participants", words, capsys)
        delegations = command_finds(sqlite_database, "delegations", words, capsys)
        assert people <= offered(sidebar.participant, words, ID_ROLE), words
        assert delegations <= offered(sidebar.delegation, words, ID_ROLE), words
    # Found by their managers' rows alone (an organisation, the day a delegation
    # leaves), not by the lines the sidebar shows.
    assert command_finds(sqlite_database, "participants", "techo", capsys)
    assert command_finds(sqlite_database, "delegations", "13 mar", capsys)


def test_the_export_dialogs_picker_finds_what_the_managers_search_finds(
    qtbot: QtBot, sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    tasks = TaskManager()
    dialog = ExportDialog(sqlite_database, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=20_000)
    for key, kind in ((Scope.PARTICIPANT, "participants"), (Scope.DELEGATION, "delegations")):
        dialog.set_scope(key)
        for words in SEARCHES:
            found = command_finds(sqlite_database, kind, words, capsys)
            assert found <= offered(dialog.choice, words), (kind, words)
    dialog.close()
    tasks.wait_for_done()
