"""A reader's login on PostgreSQL: once the server has said so, the record managers and
the History panel offer no change, each greyed button saying why."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from gui_support import JANUARY_NINE_TOKYO, Messages, rows_read
from pytestqt.qtbot import QtBot
from test_read_only_window import reader_url  # noqa: F401 (the fixture)

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.readonly import check_access
from cpp_scheduler.gui.tools.history import HistoryDock
from cpp_scheduler.store import Database, open_database

pytestmark = pytest.mark.postgres


def test_a_readers_manager_and_history_offer_no_change(
    qtbot: QtBot,
    reader_url: str,  # noqa: F811 (the fixture imported above)
    make_window: Callable[[Database], MainWindow],
    messages: Messages,
) -> None:
    database = open_database(reader_url)
    window: MainWindow | None = None
    try:
        window = make_window(database)
        window.go_to(JANUARY_NINE_TOKYO.date())
        manager = window.manage("venue")  # opened before the server has answered
        check_access(window)
        qtbot.waitUntil(lambda: window.editor.read_only is not None, timeout=10_000)
        reason = window.editor.read_only
        assert reason is not None
        assert reason.startswith("Read-only: cpp_test_reader_")
        qtbot.waitUntil(lambda: manager.lists_ready() and manager.model.rowCount() > 0)
        manager.table.selectRow(0)
        for button in (manager.new_button, manager.edit_button, manager.delete_button):
            assert not button.isEnabled()
            assert button.toolTip() == reason
        manager.delete_key.trigger()

        window.select_event(window.events.row_at(0).event_id)
        dock = window.findChild(HistoryDock)
        assert dock is not None
        qtbot.waitUntil(lambda: not dock.reading and dock.model.rowCount() > 0, timeout=10_000)
        dock.table.selectRow(0)
        assert not dock.revert_button.isEnabled()
        assert dock.revert_button.toolTip() == reason
        rows_read(window)
        assert messages.questions == []
        assert messages.errors == []
        manager.close()
    finally:
        if window is not None:
            window.tasks.wait_for_done()
        database.close()
