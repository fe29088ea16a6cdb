"""Ctrl+Z of a deletion, once a colleague has given another record the deleted one's
address or route in another form (capitals, the other way round): the window says
why it cannot bring the record back, and the program keeps one record for the value."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from gui_support import Messages, rows_read
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.records import RecordManager
from cpp_scheduler.model import Participant, ParticipantRole, TravelTime
from cpp_scheduler.model.enums import TravelMode
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database, open_database


@pytest.fixture
def colleague(program: Database) -> Iterator[Database]:
    """Ravi, at another desk, on the same program."""
    database = open_database(str(program.url.database), author="Ravi")
    yield database
    database.close()


def _delete_by_keyboard(
    window: MainWindow, kind: str, record_id: str, qtbot: QtBot, messages: Messages
) -> RecordManager:
    """Open the kind's manager, choose the record and press Delete (answered yes)."""
    manager = window.manage(kind)
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    manager.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is manager, timeout=5_000)
    source = manager.model.index(manager.model.row_of(record_id), 0)
    manager.table.selectRow(manager.proxy.mapFromSource(source).row())
    manager.table.setFocus()
    qtbot.keyClick(manager.table, Qt.Key.Key_Delete)
    rows_read(window)
    qtbot.waitUntil(lambda: manager.model.row_of(record_id) < 0, timeout=10_000)
    assert len(messages.questions) == 1
    return manager


def _undo_by_keyboard(window: MainWindow, manager: RecordManager, qtbot: QtBot) -> None:
    qtbot.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    rows_read(window)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)


def test_ctrl_z_of_a_participant_whose_address_was_given_in_capitals_says_why_not(
    window: MainWindow,
    program: Database,
    colleague: Database,
    qtbot: QtBot,
    messages: Messages,
) -> None:
    ana = editing.create(program, Participant, {"name": "Ana Quispe", "email": "ana@example.pe"})
    manager = _delete_by_keyboard(window, "participant", ana, qtbot, messages)
    editing.create(
        colleague,
        Participant,
        {"name": "Ravi Menon", "email": "ANA@EXAMPLE.PE", "role": ParticipantRole.OFFICIAL},
    )

    _undo_by_keyboard(window, manager, qtbot)

    [(_title, said)] = messages.errors
    assert (
        "the participant 'Ana Quispe' cannot be put back: 'ANA@EXAMPLE.PE' is now used by "
        "another participant, 'Ravi Menon'," in said
    )
    with program.session() as session:
        holders = session.scalars(
            select(Participant.name).where(func.lower(Participant.email) == "ana@example.pe")
        ).all()
    assert holders == ["Ravi Menon"]
    assert manager.model.row_of(ana) < 0  # not listed again
    assert window.editor.stack.undoText() == "Delete participant 'Ana Quispe'"
    manager.close()


def test_ctrl_z_of_a_route_listed_the_other_way_round_since_says_why_not(
    window: MainWindow,
    program: Database,
    colleague: Database,
    qtbot: QtBot,
    messages: Messages,
) -> None:
    route = editing.create(
        program,
        TravelTime,
        {"origin": "Matsue", "destination": "Yonago", "mode": TravelMode.RAIL, "minutes": 150},
    )
    manager = _delete_by_keyboard(window, "travel_time", route, qtbot, messages)
    editing.create(
        colleague,
        TravelTime,
        {"origin": "Yonago", "destination": "Matsue", "mode": TravelMode.RAIL, "minutes": 210},
    )

    _undo_by_keyboard(window, manager, qtbot)

    [(_title, said)] = messages.errors
    assert (
        "the travel time 'Matsue–Yonago by rail' cannot be put back: 'Yonago–Matsue by rail' "
        "is now used by another travel time" in said
    )
    with program.session() as session:
        minutes = session.scalars(
            select(TravelTime.minutes).where(
                TravelTime.origin.in_(["Matsue", "Yonago"]),
                TravelTime.destination.in_(["Matsue", "Yonago"]),
            )
        ).all()
    assert minutes == [210]  # one journey time: the conflict check has one answer
    manager.close()
