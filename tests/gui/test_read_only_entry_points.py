"""A window over a program its login may only read offers no way to change it: every
editing button is greyed with the reason, a drag moves nothing, and a record opened to
read cannot be typed into. Nobody is asked a question, or left to fill in a form, that the
save then refuses."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from gui_support import JANUARY_NINE_TOKYO, DialogScript, Messages, rows_read
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.gui.mainwindow import MainWindow, open_editor
from cpp_scheduler.gui.readonly import EDITING_ACTIONS, make_read_only
from cpp_scheduler.gui.tools.history import HistoryDock
from cpp_scheduler.gui.views.timegrid import HOUR_HEIGHT, TimeGridView
from cpp_scheduler.model import Delegation, Event
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database

REASON = (
    "Read-only: visitor may read program.sqlite but not change it "
    "(ask the administrator for the cpp_scheduler_editor role)"
)


def _event(database: Database, title: str) -> Event:
    with database.session() as session:
        return session.query(Event).filter_by(title=title).one()


def _week(window: MainWindow) -> TimeGridView:
    view = window.views["week"]
    assert isinstance(view, TimeGridView)
    return view


@pytest.mark.parametrize("opened_first", [True, False], ids=["opened-before", "opened-after"])
def test_a_readers_record_manager_offers_no_new_edit_or_delete_and_asks_nothing(
    qtbot: QtBot,
    program: Database,
    make_window: Callable[[Database], MainWindow],
    dialogs: DialogScript,
    messages: Messages,
    opened_first: bool,
) -> None:
    lima = editing.create(
        program, Delegation, {"name": "Lima", "country": "PE", "zone": "America/Lima"}
    )
    window = make_window(program)
    if opened_first:  # the answer about the login comes after the manager opened
        manager = window.manage("delegation")
        make_read_only(window, REASON)
    else:
        make_read_only(window, REASON)
        manager = window.manage("delegation")
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    manager.table.selectRow(0)

    for button in (manager.new_button, manager.edit_button, manager.delete_button):
        assert not button.isEnabled()
        assert button.toolTip() == REASON
    assert not manager.delete_key.isEnabled()
    manager.delete_key.trigger()
    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(manager.new_button, Qt.MouseButton.LeftButton)
    rows_read(window)
    assert messages.questions == []  # never "Delete the delegation 'Lima'? … undo"
    assert messages.errors == []
    assert dialogs.opened == []
    # Enter (or a double-click) still opens the record, to read.
    manager.table.activated.emit(manager.table.currentIndex())
    assert [(d.kind, d.record_id) for d in dialogs.opened] == [("delegation", lima)]
    assert messages.errors == []
    manager.close()


def test_a_readers_history_panel_offers_no_revert(
    qtbot: QtBot, window: MainWindow, messages: Messages
) -> None:
    make_read_only(window, REASON)
    window.select_event(_event(window.database, "Kobe DRR workshop").id)
    dock = window.findChild(HistoryDock)
    assert dock is not None
    qtbot.waitUntil(lambda: not dock.reading and dock.model.rowCount() > 0, timeout=10_000)
    dock.table.selectRow(0)
    assert not dock.revert_button.isEnabled()
    assert dock.revert_button.toolTip() == REASON
    dock.revert_selected()
    rows_read(window)
    assert messages.errors == []
    assert window.editor.stack.count() == 0


def test_a_reader_drags_nothing_and_free_time_opens_no_new_event(
    qtbot: QtBot, window: MainWindow, dialogs: DialogScript, messages: Messages
) -> None:
    make_read_only(window, REASON)
    view = _week(window)
    canvas = view._canvas
    block = next(block for block in view.blocks() if block.row.title == "Kobe DRR workshop")
    rect = view.block_rect(block)

    start = rect.center().toPoint()
    end = start + QPoint(int(view.column_width()), HOUR_HEIGHT)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(10, 10))
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    edge = QPoint(int(rect.center().x()), int(rect.bottom()) - 2)
    lower = QPoint(edge.x(), int(13.5 * HOUR_HEIGHT))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(canvas, edge + QPoint(0, 10))
    qtbot.mouseMove(canvas, lower)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=lower)
    free = QPoint(int(56 + view.column_width() * 3.5), 14 * HOUR_HEIGHT + 10)  # Thursday
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=free)
    qtbot.keyClick(window, Qt.Key.Key_Delete)  # the Kobe workshop is selected
    rows_read(window)

    kobe = _event(window.database, "Kobe DRR workshop")
    assert kobe.start_utc == JANUARY_NINE_TOKYO
    assert kobe.end_utc - kobe.start_utc == block.row.end_utc - block.row.start_utc
    assert window.selected_event == kobe.id  # a press still selects
    assert messages.errors == []  # never "Cannot move the event: Read-only …"
    assert messages.questions == []
    assert dialogs.opened == []
    assert window.editor.stack.count() == 0
    menu = window.event_menu(view, canvas.mapTo(view, start))
    assert menu is not None
    offered = [a for a in menu.actions() if a.objectName() in EDITING_ACTIONS]
    assert offered
    assert all(not action.isEnabled() and action.toolTip() == REASON for action in offered)
    menu.deleteLater()


@pytest.fixture
def reading_window(program: Database, qtbot: QtBot, messages: Messages) -> MainWindow:
    """A window with the real editor dialogs, over a program it may only read."""
    window = MainWindow(program, dialog_factory=open_editor)
    window.report_error = lambda title, message: messages.errors.append(  # type: ignore[method-assign]
        (title, message)
    )
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
        window.show()
    window.go_to(JANUARY_NINE_TOKYO.date())
    make_read_only(window, REASON)
    return window


def test_a_double_clicked_event_opens_to_read_and_nothing_typed_is_taken(
    qtbot: QtBot,
    reading_window: MainWindow,
    messages: Messages,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[dict[str, object]] = []

    def read_and_try_to_save(dialog: EventDialog) -> int:
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.record_ready() and dialog.lists_ready(), timeout=10_000)
        ok = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        qtbot.keyClicks(dialog.ui.title, " (moved)")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        dialog.accept()  # Enter, or a script: refused all the same
        shown.append(
            {
                "title": dialog.ui.title.text(),
                "read_only": dialog.ui.title.isReadOnly(),
                "ok": ok.isEnabled(),
                "ok_tip": ok.toolTip(),
                "close": cancel.text(),
                "summary": dialog.ui.problemSummary.text(),
                "find_time": dialog.ui.findTime.isEnabled(),
                "result": dialog.result(),
            }
        )
        return dialog.result() if len(shown) == 1 else int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(EventDialog, "exec", read_and_try_to_save)
    version = _event(reading_window.database, "Kobe DRR workshop").version
    view = _week(reading_window)
    block = next(block for block in view.blocks() if block.row.title == "Kobe DRR workshop")
    center = view.block_rect(block).center().toPoint()
    qtbot.mouseDClick(view._canvas, Qt.MouseButton.LeftButton, pos=center)
    rows_read(reading_window)

    assert len(shown) == 1  # shown once: no refused save brought it back
    seen = shown[0]
    assert seen["title"] == "Kobe DRR workshop"
    assert seen["read_only"] is True
    assert seen["ok"] is False
    assert REASON in str(seen["ok_tip"])
    assert REASON in str(seen["summary"])
    assert seen["close"] == "Close"
    assert seen["find_time"] is False
    assert seen["result"] == int(QDialog.DialogCode.Rejected)
    assert messages.errors == []  # never "Cannot save: Read-only …"
    assert _event(reading_window.database, "Kobe DRR workshop").version == version
    assert reading_window.editor.stack.count() == 0


@pytest.mark.parametrize("kind", ["delegation", "venue", "partner_city"])
def test_a_record_opened_by_a_reader_from_its_manager_reads_only(
    qtbot: QtBot, reading_window: MainWindow, kind: str
) -> None:
    manager = reading_window.manage(kind)
    qtbot.addWidget(manager)
    if kind == "delegation":
        editing.create(
            reading_window.database,
            Delegation,
            {"name": "Lima", "country": "PE", "zone": "America/Lima"},
        )
        manager.reload()
    qtbot.waitUntil(lambda: manager.lists_ready() and manager.model.rowCount() > 0)
    manager.table.selectRow(0)
    chosen = manager.selected()
    assert chosen is not None
    dialog = open_editor(
        kind, reading_window.database, chosen[0], parent=manager, tasks=reading_window.tasks
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record_ready() and dialog.lists_ready(), timeout=10_000)  # type: ignore[attr-defined]
    boxes = dialog.findChildren(QDialogButtonBox)
    assert boxes
    ok = boxes[0].button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert REASON in ok.toolTip()
    assert boxes[0].button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"
    lines = [line for line in dialog.findChildren(QLineEdit) if line.isVisibleTo(dialog)]
    assert lines
    assert all(line.isReadOnly() for line in lines)
    named = next(line for line in lines if line.text())
    before = named.text()
    qtbot.keyClicks(named, "x")
    assert named.text() == before
    dialog.accept()
    assert dialog.result() == int(QDialog.DialogCode.Rejected)
    dialog.close()
    manager.close()
