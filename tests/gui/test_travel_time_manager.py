"""Program > Travel times: a coordinator adds the journeys of a city that joins the
program, through the real editor and the undoable commands, and the conflict check
judges the journey from then on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from gui_support import Messages, rows_read
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.dialogs import TravelTimeDialog
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.records import RecordManager
from cpp_scheduler.gui.window_editing import open_editor
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    PartnerCity,
    TravelMode,
    TravelTime,
)
from cpp_scheduler.scheduling.conflicts import Conflict, ConflictKind
from cpp_scheduler.services import checking, editing
from cpp_scheduler.store import Database

#: Wednesday 13 January 2027, 10:00 in Tokyo.
WEDNESDAY_TEN_TOKYO = datetime(2027, 1, 13, 1, 0, tzinfo=UTC)


@pytest.fixture
def real_window(program: Database, qtbot: QtBot, messages: Messages) -> MainWindow:
    """The window with the real editor dialogs; its questions answered yes."""
    window = MainWindow(program, dialog_factory=open_editor)
    window.report_error = lambda title, message: messages.errors.append(  # type: ignore[method-assign]
        (title, message)
    )

    def confirm(_title: str, question: str, _parent: object = None) -> bool:
        messages.questions.append(question)
        return messages.answer

    window.confirm = confirm  # type: ignore[method-assign,assignment]
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
        window.show()
    return window


def sendai_joins(database: Database) -> None:
    """Sendai joins the program; Lima's delegation is in Kobe in the morning and in
    Sendai two hours after, a journey nobody has recorded yet."""
    sendai = editing.create(database, PartnerCity, {"name": "Sendai", "name_ja": "仙台市"})
    lima = editing.create(
        database,
        Delegation,
        {"name": "Lima housing ministry", "country": "PE", "zone": "America/Lima"},
    )
    with database.session() as session:
        kobe = session.scalars(select(PartnerCity.id).where(PartnerCity.name == "Kobe")).one()
    for title, city, start in (
        ("Kobe DRR lessons", kobe, WEDNESDAY_TEN_TOKYO),
        ("Sendai recovery site visit", sendai, WEDNESDAY_TEN_TOKYO + timedelta(hours=3)),
    ):
        editing.create(
            database,
            Event,
            {
                "title": title,
                "kind": EventKind.SITE_VISIT,
                "mode": EventMode.FACE_TO_FACE,
                "zone": "Asia/Tokyo",
                "start_utc": start,
                "end_utc": start + timedelta(hours=1),
                "city_id": city,
                "delegation_ids": [lima],
            },
        )


def journeys_to_sendai(database: Database) -> list[Conflict]:
    """What the conflict check says of the Kobe-Sendai journey."""
    return [
        conflict
        for conflict in checking.check_program(database)
        if conflict.kind in (ConflictKind.TRAVEL_TOO_SHORT, ConflictKind.TRAVEL_UNKNOWN)
        and "Sendai" in conflict.message
    ]


def column_shown(manager: RecordManager, column: int) -> list[str]:
    proxy = manager.proxy
    return [str(proxy.index(row, column).data()) for row in range(proxy.rowCount())]


def click_header(manager: RecordManager, qtbot: QtBot, column: int) -> None:
    header = manager.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def open_from_the_program_menu(window: MainWindow, qtbot: QtBot) -> RecordManager:
    bar = window.menuBar()
    program_menu = next(a.menu() for a in bar.actions() if a.text() == "&Program")
    assert isinstance(program_menu, QMenu)
    entry = next(a for a in program_menu.actions() if a.text() == "Travel times…")
    assert entry.isEnabled()
    entry.trigger()
    manager = window.findChild(RecordManager, "travel_timeManager")
    assert manager is not None
    qtbot.addWidget(manager)
    qtbot.waitExposed(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    return manager


def test_a_journey_added_in_the_manager_is_listed_checked_and_undone(
    real_window: MainWindow,
    program: Database,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    messages: Messages,
) -> None:
    sendai_joins(program)
    [before] = journeys_to_sendai(program)
    assert before.kind is ConflictKind.TRAVEL_UNKNOWN
    assert "No travel time is recorded between Kobe and Sendai" in before.message

    manager = open_from_the_program_menu(real_window, qtbot)
    assert manager.windowTitle() == "Travel times"
    headers = [
        manager.model.headerData(column, Qt.Orientation.Horizontal)
        for column in range(manager.model.columnCount())
    ]
    assert headers == ["From", "To", "By", "Journey"]
    seeded = manager.model.rowCount()
    assert seeded == 11  # the reference data's routes

    def type_and_accept(dialog: TravelTimeDialog) -> int:
        qtbot.addWidget(dialog)
        qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
        ui = dialog.ui
        assert ui.origin.findText("Sendai") >= 0  # the new city is a place it offers
        qtbot.keyClicks(ui.origin.lineEdit(), "Sendai")
        qtbot.keyClicks(ui.destination.lineEdit(), "Kobe")
        ui.mode.setCurrentIndex(ui.mode.findText("Air"))
        ui.minutes.selectAll()
        qtbot.keyClicks(ui.minutes, "195")
        assert ui.journeyText.text() == "3 h 15 min"
        ok = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled(), dialog.problems()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(TravelTimeDialog, "exec", type_and_accept)
    qtbot.mouseClick(manager.new_button, Qt.MouseButton.LeftButton)
    rows_read(real_window)
    assert messages.errors == []
    assert real_window.undo_action.text() == "Undo Create travel time 'Sendai–Kobe by air'"
    with program.session() as session:
        stored = session.scalars(select(TravelTime).where(TravelTime.origin == "Sendai")).one()
        assert (stored.destination, stored.mode, stored.minutes) == ("Kobe", TravelMode.AIR, 195)
    qtbot.waitUntil(
        lambda: manager.lists_ready() and manager.model.rowCount() == seeded + 1, timeout=10_000
    )

    # Sorted by the journey: by its length, not by its text ("30 min" after "3 h").
    click_header(manager, qtbot, 3)
    journeys = column_shown(manager, 3)
    assert journeys[:3] == ["30 min", "1 h 30 min", "2 h"]
    assert journeys[-1] == "5 h 20 min"
    assert "3 h 15 min" in journeys
    with program.session() as session:
        minutes = sorted(session.scalars(select(TravelTime.minutes)))
    assert len(journeys) == len(minutes)
    shown = {text: value for text, value in zip(journeys, sorted(minutes), strict=True)}
    assert shown["3 h 15 min"] == 195
    sendai_row = column_shown(manager, 0).index("Sendai")
    assert [manager.proxy.index(sendai_row, column).data() for column in range(4)] == [
        "Sendai",
        "Kobe",
        "Air",
        "3 h 15 min",
    ]

    # The check now knows the journey: 3 h 15 min and the buffer in a 2-hour gap.
    [after] = journeys_to_sendai(program)
    assert after.kind is ConflictKind.TRAVEL_TOO_SHORT
    assert "the journey takes 3 h 15 min by air" in after.message

    # Undone: the route is gone from the table, the list and the check.
    real_window.undo_action.trigger()
    rows_read(real_window)
    qtbot.waitUntil(
        lambda: manager.lists_ready() and manager.model.rowCount() == seeded, timeout=10_000
    )
    assert "Sendai" not in column_shown(manager, 0)
    with program.session() as session:
        assert session.scalars(select(TravelTime).where(TravelTime.origin == "Sendai")).all() == []
    [undone] = journeys_to_sendai(program)
    assert undone.kind is ConflictKind.TRAVEL_UNKNOWN
    manager.close()


def test_a_journey_is_edited_and_deleted_as_any_record(
    real_window: MainWindow,
    program: Database,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    messages: Messages,
) -> None:
    manager = open_from_the_program_menu(real_window, qtbot)
    row = next(
        row
        for row in range(manager.proxy.rowCount())
        if manager.proxy.index(row, 0).data() == "Tokyo"
        and manager.proxy.index(row, 1).data() == "Toyama"
    )
    manager.table.selectRow(row)
    assert manager.edit_button.isEnabled()

    def faster(dialog: TravelTimeDialog) -> int:
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.record_ready() and dialog.lists_ready(), timeout=10_000)
        assert dialog.windowTitle() == "Travel time: Tokyo–Toyama by rail"
        dialog.ui.minutes.setValue(130)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(TravelTimeDialog, "exec", faster)
    qtbot.mouseClick(manager.edit_button, Qt.MouseButton.LeftButton)
    rows_read(real_window)
    assert real_window.undo_action.text() == "Undo Edit travel time 'Tokyo–Toyama by rail'"
    qtbot.waitUntil(
        lambda: manager.lists_ready() and "2 h 10 min" in column_shown(manager, 3),
        timeout=10_000,
    )

    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)
    rows_read(real_window)
    assert messages.questions[-1].startswith("Delete the travel time 'Tokyo–Toyama by rail'?")
    qtbot.waitUntil(lambda: manager.lists_ready() and manager.model.rowCount() == 10)
    assert real_window.undo_action.text() == "Undo Delete travel time 'Tokyo–Toyama by rail'"
    real_window.undo_action.trigger()
    rows_read(real_window)
    qtbot.waitUntil(lambda: manager.lists_ready() and manager.model.rowCount() == 11)
    with program.session() as session:
        toyama = session.scalars(
            select(TravelTime).where(
                TravelTime.origin == "Tokyo", TravelTime.destination == "Toyama"
            )
        ).one()
        assert toyama.minutes == 130
    assert messages.errors == []
    manager.close()
