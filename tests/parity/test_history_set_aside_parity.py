"""The History panel and ``cpp-scheduler history`` say alike, in English and in
Japanese, which moved meeting a change of its series' rule set aside."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.history import HistoryDock
from cpp_scheduler.store import Database
from tests.parity.history_support import command
from tests.services.test_series_history_set_aside import SET_ASIDE, _rule, _series


def _no_error(title: str, message: str) -> None:
    raise AssertionError(f"{title}: {message}")


def test_the_panel_and_the_command_name_the_meeting_set_aside(
    qtbot: QtBot,
    sqlite_database: Database,
    capsys: pytest.CaptureFixture[str],
    speaking: str,
) -> None:
    event_id = _series(sqlite_database)
    _rule(sqlite_database, event_id, "FREQ=WEEKLY;COUNT=2")

    printed = command(capsys, sqlite_database, event_id, "--lang", speaking).splitlines()
    i18n.use_language(speaking)  # the command spoke it; the panel's services speak it too
    rule_line = next(n for n, line in enumerate(printed) if "FREQ=WEEKLY;COUNT=2" in line)
    sentence = printed[rule_line + 1].strip()

    tasks = TaskManager()
    dock = HistoryDock(
        sqlite_database, Editor(sqlite_database, tasks), tasks.run_in_background, _no_error
    )
    qtbot.addWidget(dock)
    dock.show()
    dock.show_record("Event", event_id)
    qtbot.waitUntil(lambda: not dock.reading, timeout=30_000)
    tasks.wait_for_done()

    rows = [str(dock.model.index(row, 2).data()) for row in range(dock.model.rowCount())]
    (rule_row,) = [row for row in rows if "FREQ=WEEKLY;COUNT=2" in row]
    assert rule_row.endswith(f"; {sentence}")
    tooltip = next(
        str(dock.model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole))
        for row in range(dock.model.rowCount())
        if rows[row] == rule_row
    )
    assert sentence in tooltip.splitlines()
    # The row cuts a long change at the panel's edge; selected, it is shown whole.
    dock.table.selectRow(rows.index(rule_row))
    assert dock.whole_change.isVisible()
    assert sentence in dock.whole_change.text().splitlines()
    assert (sentence == SET_ASIDE) == (speaking == i18n.ENGLISH)
