"""The Program menu's managers read their lists off the GUI thread: usable at once,
filled when read, read again after every change with the chosen record kept; the keys
a coordinator works them with (Enter, Delete, Ctrl+Z) do what their buttons and the
Edit menu do."""

from __future__ import annotations

from datetime import date

from gui_support import DialogScript, Messages, reads_held, rows_read
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.commands import EditRecord
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.records import ID_ROLE, RecordManager
from cpp_scheduler.model import (
    Delegation,
    Participant,
    ParticipantRole,
    StudyTour,
    ThematicArea,
    Venue,
)
from cpp_scheduler.services import editing, tours
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

    # Undone: Lima is back in the list, and chosen again, as it was before its deletion.
    window.undo_action.trigger()
    rows_read(window)
    qtbot.waitUntil(lambda: manager.lists_ready() and manager.model.rowCount() == 2, timeout=10_000)
    assert names_shown(manager) == ["Lima housing ministry", "Nairobi (NMS)"]
    assert chosen_name(manager) == "Lima housing ministry"
    assert manager.delete_button.isEnabled()
    manager.close()


def column_shown(manager: RecordManager, column: int) -> list[str]:
    proxy = manager.proxy
    return [str(proxy.index(row, column).data()) for row in range(proxy.rowCount())]


def click_header(manager: RecordManager, qtbot: QtBot, column: int) -> None:
    """Click a column's header, as a coordinator sorts the table by it."""
    header = manager.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_a_column_sorts_as_its_values_read_not_as_their_text(
    window: MainWindow, program: Database, qtbot: QtBot
) -> None:
    """Arrivals sort by date, capacities by number, names as a reader looks them up (any
    case, accents read as plain letters), whatever their text sorts as."""
    for name, arrival in (
        ("Accra Metropolitan Assembly", date(2027, 2, 3)),
        ("Bogotá district", date(2027, 1, 12)),
        ("Cebu City", date(2027, 3, 1)),
    ):
        editing.create(
            program,
            Delegation,
            {"name": name, "country": "GH", "zone": "Africa/Accra", "arrival": arrival},
        )
    delegations = window.manage("delegation")
    qtbot.addWidget(delegations)
    qtbot.waitUntil(delegations.lists_ready, timeout=10_000)
    click_header(delegations, qtbot, 3)  # Arrives
    assert column_shown(delegations, 3) == ["12 Jan 2027", "03 Feb 2027", "01 Mar 2027"]
    delegations.close()

    for name, capacity in (("TDLC Room C", 100), ("city hall annex", 8), ("Ōsaka hall", 20)):
        editing.create(program, Venue, {"name": name, "locality": "Tokyo", "capacity": capacity})
    venues = window.manage("venue")
    qtbot.addWidget(venues)
    qtbot.waitUntil(venues.lists_ready, timeout=10_000)
    mine = ["city hall annex", "Ōsaka hall", "TDLC Room C"]
    assert [name for name in names_shown(venues) if name in mine] == mine
    click_header(venues, qtbot, 3)  # Capacity
    capacities = [int(text) for text in column_shown(venues, 3)]
    assert capacities == sorted(capacities)
    assert {8, 20, 100} <= set(capacities)
    venues.close()


def test_the_question_before_a_deletion_names_the_records_that_go_with_it(
    window: MainWindow, program: Database, qtbot: QtBot, messages: Messages
) -> None:
    """Deleting a delegation deletes its study tour, and an area its sub-themes: the
    question says so before the coordinator agrees, and an undo puts them back."""
    lima = add_delegation(program, "Lima housing ministry", "PE", "America/Lima")
    editing.create(
        program,
        StudyTour,
        {
            "title": "Peru study tour",
            "delegation_id": lima,
            "start_date": date(2027, 3, 8),
            "end_date": date(2027, 3, 12),
        },
    )
    add_delegation(program, "Nairobi City County", "KE", "Africa/Nairobi")
    manager = window.manage("delegation")
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    select(manager, lima)
    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: manager.lists_ready() and manager.model.rowCount() == 1, timeout=10_000)
    [question] = messages.questions
    assert question.startswith("Delete the delegation 'Lima housing ministry'?")
    assert "also deletes the study tour 'Peru study tour'" in question
    assert tours.list_tours(program) == []
    window.undo_action.trigger()
    rows_read(window)
    qtbot.waitUntil(lambda: manager.lists_ready() and manager.model.rowCount() == 2, timeout=10_000)
    [(_tour, shown)] = tours.list_tours(program)
    assert shown.startswith("Peru study tour (")
    manager.close()

    # A delegation that has no tour: nothing more is said.
    kathmandu = editing.create(
        program, Delegation, {"name": "Kathmandu", "country": "NP", "zone": "Asia/Kathmandu"}
    )
    window.delete_record("delegation", kathmandu, "Kathmandu")
    rows_read(window)
    assert "also deletes" not in messages.questions[-1]

    urban = editing.create(program, ThematicArea, {"code": "URB", "name": "Urban planning"})
    for code, name in (("TOD", "Transit-oriented development"), ("CC", "Compact city")):
        editing.create(program, ThematicArea, {"code": code, "name": name, "parent_id": urban})
    window.delete_record("theme", urban, "Urban planning")
    rows_read(window)
    assert messages.questions[-1].endswith(
        "also deletes 2 records: the thematic area 'Compact city', "
        "the thematic area 'Transit-oriented development', with all they hold."
    )


def test_enter_edits_the_chosen_record_and_ctrl_z_there_takes_the_edit_back(
    window: MainWindow, program: Database, dialogs: DialogScript, qtbot: QtBot
) -> None:
    """A coordinator working by keyboard in Program > Delegations: arrows to a delegation
    and Enter open its editor (not a blank "New delegation"), and Ctrl+Z in the manager
    takes the rename back, as it does in the calendar."""
    lima = add_delegation(program, "Lima housing ministry", "PE", "America/Lima")
    manager = window.manage("delegation")
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    select(manager, lima)
    manager.table.setFocus()
    dialogs.answers.append({"name": "Lima MVCS"})

    qtbot.keyClick(manager.table, Qt.Key.Key_Return)

    assert [dialog.record_id for dialog in dialogs.opened] == [lima]
    assert manager.isVisible()  # Enter pressed no button of the manager
    rows_read(window)
    qtbot.waitUntil(
        lambda: manager.lists_ready() and names_shown(manager) == ["Lima MVCS"], timeout=10_000
    )
    manager.windowHandle().requestActivate()  # the window the coordinator types in
    qtbot.waitUntil(lambda: QApplication.activeWindow() is manager, timeout=5_000)
    qtbot.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    rows_read(window)
    qtbot.waitUntil(
        lambda: manager.lists_ready() and names_shown(manager) == ["Lima housing ministry"],
        timeout=10_000,
    )
    manager.close()


def activated(manager: RecordManager, qtbot: QtBot) -> None:
    """Make the manager the window the coordinator types in: its keys are its own."""
    manager.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is manager, timeout=5_000)


def settled(window: MainWindow, manager: RecordManager, qtbot: QtBot, count: int) -> None:
    """Let the window end its steps and the manager show ``count`` rows read after them."""
    rows_read(window)
    qtbot.waitUntil(
        lambda: manager.lists_ready() and manager.model.rowCount() == count, timeout=10_000
    )


def test_the_delete_key_deletes_the_chosen_record_as_the_button_does(
    window: MainWindow, program: Database, qtbot: QtBot, messages: Messages
) -> None:
    """Delete in the list asks the button's question and deletes the record chosen, as
    one undo step; with nothing chosen it does nothing, and in the search box it deletes
    the character after the cursor, never a record."""
    lima = add_delegation(program, "Lima housing ministry", "PE", "America/Lima")
    add_delegation(program, "Nairobi City County", "KE", "Africa/Nairobi")
    manager = window.manage("delegation")
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    activated(manager, qtbot)

    # Nothing chosen: the key does nothing.
    manager.table.setFocus()
    qtbot.keyClick(manager.table, Qt.Key.Key_Delete)
    rows_read(window)
    assert messages.questions == []

    # Typing in the search box: the key deletes a character, the record stays.
    select(manager, lima)
    manager.search.setFocus()
    qtbot.keyClicks(manager.search, "Lima")
    qtbot.keyClick(manager.search, Qt.Key.Key_Home)
    qtbot.keyClick(manager.search, Qt.Key.Key_Delete)
    assert manager.search.text() == "ima"
    rows_read(window)
    assert messages.questions == []
    assert chosen_name(manager) == "Lima housing ministry"
    manager.search.clear()

    # In the list, with Lima chosen: the question the button asks, then the deletion.
    manager.table.setFocus()
    qtbot.keyClick(manager.table, Qt.Key.Key_Delete)
    settled(window, manager, qtbot, 1)
    [question] = messages.questions
    assert question.startswith("Delete the delegation 'Lima housing ministry'?")
    assert names_shown(manager) == ["Nairobi City County"]
    assert window.editor.stack.undoText() == "Delete delegation 'Lima housing ministry'"
    assert chosen_name(manager) is None
    assert not manager.delete_button.isEnabled()

    # Declined: the record stays.
    select(manager, manager.model.index(0, 0).data(ID_ROLE))
    messages.answer = False
    qtbot.keyClick(manager.table, Qt.Key.Key_Delete)
    rows_read(window)
    assert len(messages.questions) == 2
    assert names_shown(manager) == ["Nairobi City County"]
    manager.close()


def test_an_undone_deletion_chooses_the_record_again_and_a_redo_takes_it_away(
    window: MainWindow, program: Database, qtbot: QtBot
) -> None:
    """Undo brings the deleted record back chosen, scrolled into view, its history
    shown; redo deletes it again and leaves nothing chosen, as the deletion did, or the
    record the coordinator chose meanwhile, never another one."""
    for number in range(1, 31):
        add_delegation(program, f"Delegation {number:02d}", "GH", "Africa/Accra")
    zanzibar = add_delegation(program, "Zanzibar municipal council", "TZ", "Africa/Dar_es_Salaam")
    manager = window.manage("delegation")
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    chosen_ids: list[str] = []
    manager.recordSelected.connect(lambda _kind, record_id: chosen_ids.append(record_id))
    select(manager, zanzibar)
    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)
    settled(window, manager, qtbot, 30)
    assert chosen_name(manager) is None
    manager.table.scrollToTop()
    last = manager.table.visualRect(manager.proxy.index(29, 0))
    assert not manager.table.viewport().rect().contains(last)  # the end of the list is out of view
    chosen_ids.clear()

    window.undo_action.trigger()
    settled(window, manager, qtbot, 31)
    assert chosen_name(manager) == "Zanzibar municipal council"
    index = manager.table.currentIndex()
    assert index.data(ID_ROLE) == zanzibar
    assert manager.table.viewport().rect().contains(manager.table.visualRect(index))
    assert manager.edit_button.isEnabled()
    assert manager.delete_button.isEnabled()
    assert chosen_ids == [zanzibar]  # the History panel follows it

    # Redo: gone again, and nothing is chosen in its place.
    window.redo_action.trigger()
    settled(window, manager, qtbot, 30)
    assert "Zanzibar municipal council" not in names_shown(manager)
    assert chosen_name(manager) is None
    assert not manager.delete_button.isEnabled()

    # Undone again: chosen again.
    window.undo_action.trigger()
    settled(window, manager, qtbot, 31)
    assert chosen_name(manager) == "Zanzibar municipal council"

    # Another delegation chosen meanwhile: the redo leaves it chosen, and the next undo
    # chooses the record it brings back.
    select(manager, manager.proxy.index(4, 0).data(ID_ROLE))
    assert chosen_name(manager) == "Delegation 05"
    window.redo_action.trigger()
    settled(window, manager, qtbot, 30)
    assert chosen_name(manager) == "Delegation 05"
    window.undo_action.trigger()
    settled(window, manager, qtbot, 31)
    assert chosen_name(manager) == "Zanzibar municipal council"
    manager.close()


def test_a_coordinator_edits_deletes_and_restores_a_record_by_keyboard_alone(
    window: MainWindow,
    program: Database,
    dialogs: DialogScript,
    qtbot: QtBot,
    messages: Messages,
) -> None:
    """Arrows choose, Enter edits, Delete deletes, Ctrl+Z brings the record back chosen,
    so the arrows go on from it, and Ctrl+Shift+Z deletes it again."""
    for name, country, zone in (
        ("Accra Metropolitan Assembly", "GH", "Africa/Accra"),
        ("Bogotá district", "CO", "America/Bogota"),
        ("Cebu City", "PH", "Asia/Manila"),
    ):
        add_delegation(program, name, country, zone)
    manager = window.manage("delegation")
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    activated(manager, qtbot)
    manager.table.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Down):
        qtbot.keyClick(manager.table, key)
    assert chosen_name(manager) == "Bogotá district"

    dialogs.answers.append({"name": "Bogotá capital district"})
    qtbot.keyClick(manager.table, Qt.Key.Key_Return)
    settled(window, manager, qtbot, 3)
    qtbot.waitUntil(lambda: "Bogotá capital district" in names_shown(manager), timeout=10_000)
    assert chosen_name(manager) == "Bogotá capital district"

    qtbot.keyClick(manager.table, Qt.Key.Key_Delete)
    settled(window, manager, qtbot, 2)
    assert messages.questions[-1].startswith("Delete the delegation 'Bogotá capital district'?")
    assert names_shown(manager) == ["Accra Metropolitan Assembly", "Cebu City"]
    assert chosen_name(manager) is None

    qtbot.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settled(window, manager, qtbot, 3)
    assert chosen_name(manager) == "Bogotá capital district"
    qtbot.keyClick(manager.table, Qt.Key.Key_Down)
    assert chosen_name(manager) == "Cebu City"
    qtbot.keyClick(manager.table, Qt.Key.Key_Up)
    assert chosen_name(manager) == "Bogotá capital district"

    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(manager.table, Qt.Key.Key_Z, redo)
    settled(window, manager, qtbot, 2)
    assert names_shown(manager) == ["Accra Metropolitan Assembly", "Cebu City"]
    assert chosen_name(manager) is None
    assert len(messages.questions) == 1  # a redo asks nothing: the step was agreed
    manager.close()
