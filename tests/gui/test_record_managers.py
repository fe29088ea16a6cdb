"""The Program menu's managers read their lists off the GUI thread: usable at once,
filled when read, read again after every change with the chosen record kept."""

from __future__ import annotations

from gui_support import DialogScript, reads_held, rows_read
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.commands import EditRecord
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.records import ID_ROLE, RecordManager
from cpp_scheduler.model import Delegation, Participant, ParticipantRole
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database


def names_shown(manager: RecordManager) -> list[str]:
    proxy = manager.proxy
    return [str(proxy.index(row, 0).data()) for row in range(proxy.rowCount())]


def chosen_name(manager: RecordManager) -> str | None:
    chosen = manager.selected()
    return None if chosen is None else chosen[1]


def select(manager: RecordManager, record_id: str) -> None:
    source = manager.model.index(manager.model.row_of(record_id), 0)
    manager.table.selectRow(manager.proxy.mapFromSource(source).row())


def add_delegation(database: Database, name: str, country: str, zone: str) -> str:
    return editing.create(database, Delegation, {"name": name, "country": country, "zone": zone})


def test_the_manager_shows_at_once_and_fills_its_list_when_read(
    window: MainWindow, program: Database, qtbot: QtBot
) -> None:
    lima = add_delegation(program, "Lima housing ministry", "PE", "America/Lima")
    for name, email in (("Ana Flores", "ana@example.pe"), ("Bruno Salas", "bruno@example.pe")):
        editing.create(
            program,
            Participant,
            {"name": name, "email": email, "role": ParticipantRole.OFFICIAL, "delegation_id": lima},
        )
    with reads_held(window.tasks):
        manager = window.manage("participant")
        qtbot.addWidget(manager)
        qtbot.waitExposed(manager)
        assert manager.isVisible()
        assert not manager.lists_ready()
        assert manager.model.rowCount() == 0
        assert manager.new_button.isEnabled()  # a new record needs no list
        assert not manager.edit_button.isEnabled()
        assert not manager.delete_button.isEnabled()
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    assert names_shown(manager) == ["Ana Flores", "Bruno Salas"]
    assert [manager.proxy.index(0, column).data() for column in range(4)] == [
        "Ana Flores",
        "ana@example.pe",
        "",
        "Official",
    ]
    assert not manager.edit_button.isEnabled()  # nothing chosen yet
    manager.close()


def test_a_delegation_is_listed_with_its_country_by_name(
    window: MainWindow, program: Database, qtbot: QtBot
) -> None:
    add_delegation(program, "Nairobi City County", "KE", "Africa/Nairobi")
    manager = window.manage("delegation")
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    assert [manager.proxy.index(0, column).data() for column in range(3)] == [
        "Nairobi City County",
        "Kenya",
        "Africa/Nairobi",
    ]
    manager.close()


def test_the_chosen_record_stays_chosen_when_the_list_is_read_again(
    window: MainWindow, program: Database, dialogs: DialogScript, qtbot: QtBot
) -> None:
    lima = add_delegation(program, "Lima housing ministry", "PE", "America/Lima")
    nairobi = add_delegation(program, "Nairobi City County", "KE", "Africa/Nairobi")
    manager = window.manage("delegation")
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    select(manager, lima)
    assert chosen_name(manager) == "Lima housing ministry"
    assert manager.edit_button.isEnabled()
    assert manager.delete_button.isEnabled()

    # Another delegation renamed: the list is read again, Lima still chosen.
    saved: list[bool] = []
    window.editor.execute(
        EditRecord(window.editor, Delegation, nairobi, {"name": "Nairobi (NMS)"}, "", 1),
        lambda: saved.append(True),
    )
    qtbot.waitUntil(lambda: saved == [True], timeout=10_000)
    # Read again once the change is saved (the read may already be done by now).
    qtbot.waitUntil(
        lambda: (
            manager.lists_ready()
            and names_shown(manager) == ["Lima housing ministry", "Nairobi (NMS)"]
        ),
        timeout=10_000,
    )
    assert chosen_name(manager) == "Lima housing ministry"
    assert manager.table.currentIndex().data(ID_ROLE) == lima
    assert manager.edit_button.isEnabled()

    # Lima deleted: nothing is chosen, Edit and Delete wait for a choice.
    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: manager.lists_ready() and manager.model.rowCount() == 1, timeout=10_000)
    assert names_shown(manager) == ["Nairobi (NMS)"]
    assert chosen_name(manager) is None
    assert not manager.edit_button.isEnabled()
    assert not manager.delete_button.isEnabled()

    # Undone: Lima is back in the list (not chosen: the choice went with it).
    window.undo_action.trigger()
    rows_read(window)
    qtbot.waitUntil(lambda: manager.lists_ready() and manager.model.rowCount() == 2, timeout=10_000)
    assert names_shown(manager) == ["Lima housing ministry", "Nairobi (NMS)"]
    manager.close()
