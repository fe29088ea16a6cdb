"""The delegation's schedule in its own time and Tokyo's, side by side."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import JANUARY_NINE_TOKYO, add_delegation, add_event, tools_of
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.tools.delegationview import Column, DelegationScheduleDialog


def test_schedule_in_local_and_tokyo_time(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    add_delegation(sqlite_database, "Manila", "PH", "Asia/Manila")
    add_event(
        sqlite_database, "Housing finance clinic", JANUARY_NINE_TOKYO, 1.5, delegation_ids=[lima]
    )
    # A two-day conference: it ends on another day in both clocks.
    add_event(
        sqlite_database,
        "Cities conference",
        datetime(2027, 2, 15, 0, tzinfo=UTC),
        30.5,
        delegation_ids=[lima],
    )
    window = open_window()
    dialog = tools_of(window).open_delegation_schedule()
    assert isinstance(dialog, DelegationScheduleDialog)
    dialog.show_delegation(lima)
    model = dialog.model
    qtmodeltester.check(model)

    def row(number: int) -> list[str]:
        return [model.index(number, column).data() for column in Column]

    assert model.rowCount() == 2
    assert row(0) == [
        "Housing finance clinic",
        "Mon 11 Jan 2027",
        "19:00–20:30 -05",
        "Tue 12 Jan 2027",
        "09:00–10:30 JST",
        "Acceptable hours",
    ]
    assert row(1)[Column.LOCAL_TIME] == "19:00–Tue 01:30 -05"
    assert row(1)[Column.TOKYO_TIME] == "09:00–Tue 15:30 JST"
    assert row(1)[Column.HOURS] == "Night"
    assert model.headerData(Column.LOCAL_TIME, Qt.Orientation.Horizontal) == ("Their time (Lima)")
    assert "1 at night" in dialog.summary.text()
    dialog.close()
