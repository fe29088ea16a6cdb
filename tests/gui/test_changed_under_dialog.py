"""A colleague saves the event open in this window's editor: the editor says so at once,
keeps what the coordinator typed, and offers the merge; its Save goes against the newer
version. Real window, real dialog, a colleague in another process, SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from gui_support import JANUARY_NINE_TOKYO, Messages, TeamWindow, add_event, rows_read
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.gui.merge_dialog import THEIRS_COLUMN
from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.model.history import Change
from cpp_scheduler.services import editing, removal
from cpp_scheduler.store import Database, open_database
from tests.colleagues import as_colleague


def _saves_one_field(url: str, event_id: str, field: str, value: str) -> None:
    """Saves one field of the event over the version stored now."""
    database = open_database(url)
    version = editing.stored(database, Event, event_id).version
    editing.change(database, Event, event_id, {field: value}, version)
    database.close()


def _colleague_sets(url: str, event_id: str, field: str, value: str) -> None:
    """Ravi, in a process of his own, saves one field of the event."""
    as_colleague(_saves_one_field, url, event_id, field, value, author="Ravi Menon")


class Team(TeamWindow):
    """Aiko's window over a Kobe workshop and a Toyama visit on one morning."""

    def add_program(self) -> None:
        self.kobe = add_event(
            self.database, "Kobe DRR workshop", JANUARY_NINE_TOKYO, 2, kind=EventKind.WORKSHOP
        )
        self.toyama = add_event(
            self.database, "Toyama visit", JANUARY_NINE_TOKYO, 1, kind=EventKind.SITE_VISIT
        )


@pytest.fixture
def team(database_url: str, qtbot: QtBot, messages: Messages) -> Iterator[Team]:
    shown = Team(database_url, qtbot, messages)
    yield shown
    shown.close()


def _open_editor_then(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, script: object
) -> list[EventDialog]:
    """Replace the dialog's modal loop by ``script(dialog)``, run with the dialog shown."""
    opened: list[EventDialog] = []

    def run(dialog: EventDialog) -> int:
        dialog.show()  # the window's: it deletes the dialog once its save is done
        qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
        opened.append(dialog)
        script(dialog)  # type: ignore[operator]
        return int(dialog.result())

    monkeypatch.setattr(EventDialog, "exec", run)
    return opened


def test_the_open_editor_says_who_changed_its_event_and_merges_against_their_version(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, messages: Messages
) -> None:
    read_version = editing.stored(team.database, Event, team.kobe).version or 0

    def edit_while_ravi_saves(dialog: EventDialog) -> None:
        dialog.ui.title.selectAll()
        qtbot.keyClicks(dialog.ui.title, "Kobe DRR clinic")
        dialog.ui.notes.setPlainText("Bring the hazard maps")
        bar = dialog.changed_bar()
        # Another event's change is not this dialog's business.
        with qtbot.waitSignal(team.live.applied, timeout=10_000):
            _colleague_sets(team.url, team.toyama, "title", "Toyama eco-town visit")
        assert not bar.isVisible()

        _colleague_sets(team.url, team.kobe, "title", "Kobe resilience day")
        qtbot.waitUntil(bar.isVisible, timeout=10_000)
        assert bar.label.text().startswith("Changed by Ravi Menon at ")
        assert bar.label.text().endswith(" since you opened it.")
        assert dialog.ui.title.text() == "Kobe DRR clinic"  # nothing replaced under her

        qtbot.mouseClick(bar.merge, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.merge_dialog is not None, timeout=10_000)
        merge = dialog.merge_dialog
        assert merge is not None
        qtbot.waitExposed(merge)
        rows = [
            [merge.model.index(row, column).data() for column in range(4)]
            for row in range(merge.model.rowCount())
        ]
        assert rows == [["Title", "Kobe DRR workshop", "Kobe resilience day", "Kobe DRR clinic"]]
        assert "Ravi Menon saved event 'Kobe resilience day'" in merge.heading.text()
        save = merge.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)

    opened = _open_editor_then(monkeypatch, qtbot, edit_while_ravi_saves)
    team.window.edit_event(team.kobe)
    rows_read(team.window)

    assert len(opened) == 1
    assert messages.errors == []
    saved = editing.stored(team.database, Event, team.kobe)
    assert saved.values["title"] == "Kobe DRR clinic"
    assert saved.values["notes"] == "Bring the hazard maps"
    assert saved.version == read_version + 2  # Ravi's save, then hers on top of it
    with team.database.session() as session:
        authors = session.scalars(
            select(Change.author).where(Change.record_id == team.kobe).order_by(Change.id)
        ).all()
    assert authors[-2:] == ["Ravi Menon", "Aiko Tanaka"]
    team.window.undo_action.trigger()  # one undoable edit: back to Ravi's version
    rows_read(team.window)
    undone = editing.stored(team.database, Event, team.kobe)
    assert (undone.values["title"], undone.values["notes"]) == ("Kobe resilience day", "")


def test_choosing_their_value_keeps_it_and_saves_only_what_was_mine_alone(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, messages: Messages
) -> None:
    def edit_while_ravi_saves(dialog: EventDialog) -> None:
        dialog.ui.title.selectAll()
        qtbot.keyClicks(dialog.ui.title, "Kobe DRR clinic")
        dialog.ui.notes.setPlainText("Bring the hazard maps")
        _colleague_sets(team.url, team.kobe, "title", "Kobe resilience day")
        bar = dialog.changed_bar()
        qtbot.waitUntil(bar.isVisible, timeout=10_000)
        bar.mergeRequested.emit()
        qtbot.waitUntil(lambda: dialog.merge_dialog is not None, timeout=10_000)
        merge = dialog.merge_dialog
        assert merge is not None
        merge.model.setData(
            merge.model.index(0, THEIRS_COLUMN),
            Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )
        merge.accept()
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)

    _open_editor_then(monkeypatch, qtbot, edit_while_ravi_saves)
    team.window.edit_event(team.kobe)
    rows_read(team.window)

    assert messages.errors == []
    saved = editing.stored(team.database, Event, team.kobe)
    assert (saved.values["title"], saved.values["notes"]) == (
        "Kobe resilience day",
        "Bring the hazard maps",
    )


def test_cancelling_the_merge_leaves_the_editor_open_with_what_was_typed(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cancel_then_close(dialog: EventDialog) -> None:
        dialog.ui.title.selectAll()
        qtbot.keyClicks(dialog.ui.title, "Kobe DRR clinic")
        _colleague_sets(team.url, team.kobe, "notes", "Room changed to 3F")
        bar = dialog.changed_bar()
        qtbot.waitUntil(bar.isVisible, timeout=10_000)
        bar.mergeRequested.emit()
        qtbot.waitUntil(lambda: dialog.merge_dialog is not None, timeout=10_000)
        merge = dialog.merge_dialog
        assert merge is not None
        assert merge.model.rowCount() == 0  # nothing clashes: her title, his notes
        assert "Nothing clashes" in merge.heading.text()
        merge.reject()
        qtbot.waitUntil(lambda: dialog.merge_dialog is None)
        assert dialog.isVisible()
        assert dialog.ui.title.text() == "Kobe DRR clinic"
        dialog.reject()

    _open_editor_then(monkeypatch, qtbot, cancel_then_close)
    team.window.edit_event(team.kobe)
    rows_read(team.window)

    saved = editing.stored(team.database, Event, team.kobe)
    assert (saved.values["title"], saved.values["notes"]) == (
        "Kobe DRR workshop",
        "Room changed to 3F",
    )


def _notes_the_delegation_arrives_early(url: str, delegation_id: str) -> None:
    """Notes that the delegation arrives a day early, over the version stored now."""
    from cpp_scheduler.model import Delegation

    database = open_database(url)
    version = editing.stored(database, Delegation, delegation_id).version
    editing.change(database, Delegation, delegation_id, {"notes": "Arrives a day early"}, version)
    database.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_delegation_editor_shares_the_bar_and_the_merge(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, messages: Messages
) -> None:
    from cpp_scheduler.gui.dialogs import DelegationDialog
    from cpp_scheduler.model import Delegation

    with team.database.transaction() as session:
        lima = editing.create_record(
            session,
            Delegation,
            {"name": "Lima housing ministry", "country": "PE", "zone": "America/Lima"},
        ).id

    def rename_while_ravi_adds_a_note(dialog: DelegationDialog) -> None:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.lists_ready, timeout=10_000)  # the delegation is read
        dialog.ui.name.setText("Lima housing ministry (MVCS)")
        as_colleague(_notes_the_delegation_arrives_early, team.url, lima, author="Ravi Menon")
        bar = dialog.changed_bar()
        qtbot.waitUntil(bar.isVisible, timeout=10_000)
        assert bar.label.text().startswith("Changed by Ravi Menon at ")
        bar.mergeRequested.emit()
        qtbot.waitUntil(lambda: dialog.merge_dialog is not None, timeout=10_000)
        merge = dialog.merge_dialog
        assert merge is not None
        assert merge.model.rowCount() == 0  # his notes, her name: nothing clashes
        merge.accept()

    def run(dialog: DelegationDialog) -> int:
        rename_while_ravi_adds_a_note(dialog)
        return int(dialog.result())

    monkeypatch.setattr(DelegationDialog, "exec", run)
    team.window.edit_record("delegation", lima)
    rows_read(team.window)

    assert messages.errors == []
    saved = editing.stored(team.database, Delegation, lima)
    assert (saved.values["name"], saved.values["notes"]) == (
        "Lima housing ministry (MVCS)",
        "Arrives a day early",
    )


def _deletes_the_event(url: str, event_id: str) -> None:
    """Deletes the event."""
    database = open_database(url)
    removal.delete(database, Event, event_id)
    database.close()


def test_an_event_deleted_while_open_is_said_and_its_save_refused_in_one_line(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, messages: Messages
) -> None:
    def edit_while_ravi_deletes(dialog: EventDialog) -> None:
        if messages.errors:
            dialog.reject()  # the refused save brought the dialog back: she gives up
            return
        dialog.ui.title.selectAll()
        qtbot.keyClicks(dialog.ui.title, "Kobe DRR clinic")
        as_colleague(_deletes_the_event, team.url, team.kobe, author="Ravi Menon")
        bar = dialog.changed_bar()
        qtbot.waitUntil(bar.isVisible, timeout=10_000)
        assert bar.label.text().startswith("Deleted by Ravi Menon at ")
        assert "it can no longer be saved as it was" in bar.label.text()
        assert not bar.merge.isVisible()
        assert bar.save_as_new.isVisible()  # the other way to keep her work
        dialog.accept()  # she saves all the same: refused, and the dialog comes back

    _open_editor_then(monkeypatch, qtbot, edit_while_ravi_deletes)
    team.window.edit_event(team.kobe)
    rows_read(team.window)

    assert [title for title, _message in messages.errors] == ["Cannot save"]
    assert "\n" not in messages.errors[0][1]


def test_a_change_saved_while_the_connection_was_lost_is_said_once_it_is_back(
    team: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, messages: Messages
) -> None:
    """Ravi saves while the window hears nothing; the catch-up reads the whole program
    again, and the open editor, told nothing record by record, looks for itself."""
    from cpp_scheduler.services.live import ChangeNotice

    def edit_while_the_connection_is_lost(dialog: EventDialog) -> None:
        dialog.ui.title.selectAll()
        qtbot.keyClicks(dialog.ui.title, "Kobe DRR clinic")
        team.live.stop()  # the connection is lost: nothing is heard meanwhile
        _colleague_sets(team.url, team.kobe, "notes", "Bring the hazard maps")
        bar = dialog.changed_bar()
        assert not bar.isVisible()
        with qtbot.waitSignal(team.live.applied, timeout=10_000):
            team.live.noticed.emit(ChangeNotice("", catch_up=True))  # back: read everything
        qtbot.waitUntil(bar.isVisible, timeout=10_000)
        assert bar.label.text().startswith("Changed by Ravi Menon at ")
        assert dialog.ui.title.text() == "Kobe DRR clinic"  # nothing typed is replaced
        dialog.reject()

    opened = _open_editor_then(monkeypatch, qtbot, edit_while_the_connection_is_lost)
    team.window.edit_event(team.kobe)
    rows_read(team.window)
    assert len(opened) == 1
    assert messages.errors == []


def test_a_change_saved_before_the_editor_read_the_record_is_shown_not_merged(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    """The editor reads the record with its lists, once it is on screen: a colleague's
    change saved before that is simply what it shows, with no bar and OK free."""
    from cpp_scheduler.gui.dialogs import DelegationDialog
    from cpp_scheduler.gui.taskman import TaskManager
    from cpp_scheduler.model import Delegation

    lima = editing.create(
        sqlite_database,
        Delegation,
        {"name": "Lima housing ministry", "country": "PE", "zone": "America/Lima"},
    )
    tasks = TaskManager()
    dialog = DelegationDialog(sqlite_database, lima, tasks=tasks)
    qtbot.addWidget(dialog)
    read = editing.stored(sqlite_database, Delegation, lima).version
    saved = editing.change(sqlite_database, Delegation, lima, {"notes": "Arrives by train"}, read)
    dialog.note_change("Delegation", lima, saved.version, "Ravi Menon")
    assert not dialog.record_ready()
    assert not dialog.ui.buttons.button(dialog.ui.buttons.StandardButton.Ok).isEnabled()
    dialog.show()
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    assert dialog.record_ready()
    assert dialog.ui.notes.toPlainText() == "Arrives by train"
    assert dialog.stored_version() == saved.version
    assert dialog.changed_bar().isHidden()
    assert dialog.ui.buttons.button(dialog.ui.buttons.StandardButton.Ok).isEnabled()
    tasks.wait_for_done()
