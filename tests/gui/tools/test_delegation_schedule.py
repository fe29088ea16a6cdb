"""The Delegation schedule window: the service's answer, read off the GUI thread."""

from __future__ import annotations

import ast
import inspect
from datetime import UTC, datetime, timedelta

from conftest import JANUARY_NINE_TOKYO, add_delegation, add_event, settle, tools_of
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.tools import delegationview
from cpp_scheduler.gui.tools.delegationview import Column, DelegationScheduleDialog
from cpp_scheduler.model import EventKind, EventMode
from cpp_scheduler.services.delegation_schedule import find_delegation, read_schedule
from cpp_scheduler.services.demo import CONFERENCE, KENYA, PERU, load_demo


def rows(dialog: DelegationScheduleDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(number, column).data() for column in Column]
        for number in range(model.rowCount())
    ]


def test_kenya_in_tokyo_and_peru_at_home_see_the_conference_session_by_session(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_database, open_window
) -> None:
    load_demo(sqlite_database)
    kenya = find_delegation(sqlite_database, KENYA).id
    peru = find_delegation(sqlite_database, PERU).id
    window = open_window()
    dialog = tools_of(window).open_delegation_schedule()
    assert isinstance(dialog, DelegationScheduleDialog)
    dialog.show_delegation(kenya)
    settle(qtbot, window)
    qtmodeltester.check(dialog.model)
    shown = rows(dialog)
    assert CONFERENCE not in [row[Column.EVENT] for row in shown]
    opening = next(row for row in shown if row[Column.EVENT].startswith("Opening plenary"))
    assert opening == [
        "Opening plenary: ten years of the City Partnership Program",
        "Mon 15 Feb 2027",
        "09:00–10:15 JST (in Japan)",
        "Mon 15 Feb 2027",
        "09:00–10:15 JST",
        "working hours",
    ]
    february = [row for row in shown if "Feb" in row[Column.TOKYO_DATE]]
    assert len(february) == 11
    assert all(row[Column.HOURS] == "working hours" for row in february)
    assert "at night" not in dialog.summary.text()
    assert dialog.model.headerData(Column.LOCAL_TIME, Qt.Orientation.Horizontal) == (
        "Their time (Nairobi)"
    )

    dialog.show_delegation(peru)
    settle(qtbot, window)
    peru_rows = rows(dialog)
    closing = next(row for row in peru_rows if row[Column.EVENT].startswith("Closing plenary"))
    assert closing[Column.LOCAL_DATE : Column.TOKYO_TIME + 1] == [
        "Tue 16 Feb 2027",
        "00:00–01:30 -05",
        "Tue 16 Feb 2027",
        "14:00–15:30 JST",
    ]
    assert closing[Column.HOURS] == "night"
    assert not any(row[Column.LOCAL_TIME].startswith("19:00–Tue 01:30") for row in peru_rows)
    assert "7 at night for them" in dialog.summary.text()
    # The window shows what the service says, line for line.
    answer = read_schedule(sqlite_database, peru)
    assert dialog.schedule == answer
    assert [row[Column.EVENT] for row in peru_rows] == [m.title for m in answer.meetings]
    dialog.close()


def test_follows_edits_and_shows_all_day_blocks_as_dates(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    clinic = add_event(
        sqlite_database,
        "Housing finance clinic",
        JANUARY_NINE_TOKYO,
        1.5,
        mode=EventMode.VIRTUAL,  # joined from Lima: on Lima's clock
        delegation_ids=[lima],
    )
    window = open_window()
    dialog = tools_of(window).open_delegation_schedule()
    dialog.show_delegation(lima)
    settle(qtbot, window)
    assert rows(dialog) == [
        [
            "Housing finance clinic",
            "Mon 11 Jan 2027",
            "19:00–20:30 -05",
            "Tue 12 Jan 2027",
            "09:00–10:30 JST",
            "acceptable hours",
        ]
    ]
    # Golden Week: three whole days in Tokyo.
    closure = add_event(
        sqlite_database,
        "Golden Week: TDLC closed",
        datetime(2027, 5, 2, 15, tzinfo=UTC),
        72,
        kind=EventKind.WORKSHOP,
        mode=EventMode.VIRTUAL,
        delegation_ids=[lima],
        all_day=True,
    )
    window.editor.changed.emit("Event", [closure])
    settle(qtbot, window)
    assert rows(dialog)[1] == [
        "Golden Week: TDLC closed",
        "Mon 03 – Wed 05 May 2027",
        "all day",
        "Mon 03 – Wed 05 May 2027",
        "all day",
        "all day",
    ]
    assert "at night" not in dialog.summary.text()
    # Double-clicking a meeting shows it in the calendar.
    rect = dialog.table.visualRect(dialog.model.index(0, Column.EVENT))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selected_event == clinic
    dialog.close()


def test_the_window_reads_through_the_services_only() -> None:
    tree = ast.parse(inspect.getsource(delegationview))
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not any(name.startswith(("sqlalchemy", "cpp_scheduler.store")) for name in imported)
    source = inspect.getsource(delegationview)
    assert "select(" not in source
    assert ".session(" not in source


def test_double_clicking_a_later_meeting_of_a_series_selects_that_meeting(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The calendar, the local times and the other tools then answer about the meeting
    the coordinator pointed at, not the series' first."""
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    series = add_event(
        sqlite_database,
        "Weekly housing clinic",
        JANUARY_NINE_TOKYO,
        1,
        delegation_ids=[lima],
        recurrence_rule="FREQ=WEEKLY;COUNT=4",
    )
    window = open_window()
    dialog = tools_of(window).open_delegation_schedule()
    dialog.show_delegation(lima)
    settle(qtbot, window)
    assert len(rows(dialog)) == 4
    rect = dialog.table.visualRect(dialog.model.index(2, Column.EVENT))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    third = JANUARY_NINE_TOKYO + timedelta(weeks=2)
    assert window.selected_occurrence is not None
    assert window.selected_occurrence.event_id == series
    assert window.selected_occurrence.recurrence_id == third
    dialog.close()


def test_a_schedule_of_hundreds_of_meetings_shows_without_reading_every_row(
    qtbot: QtBot, monkeypatch, sqlite_database, open_window
) -> None:
    """A delegation at a meeting every day of the year: its schedule is worded off the
    GUI thread and its columns are sized from those words, so showing it asks the table
    only for the rows on screen (sizing each column to its contents asked for every
    cell of the first thousand rows, a third of a second); each column still fits every
    row's text, the last as well as the first."""
    asked: set[int] = set()
    answer = delegationview.DelegationScheduleModel.data

    def counted(model, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        asked.add(index.row())
        return answer(model, index, role)

    monkeypatch.setattr(delegationview.DelegationScheduleModel, "data", counted)
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    add_event(
        sqlite_database,
        "Daily coordination call",
        JANUARY_NINE_TOKYO,
        1,
        mode=EventMode.VIRTUAL,
        delegation_ids=[lima],
        recurrence_rule="FREQ=DAILY;COUNT=365",
    )
    window = open_window()
    dialog = tools_of(window).open_delegation_schedule()
    dialog.show_delegation(lima)
    settle(qtbot, window)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 365)
    qtbot.wait(50)  # painted
    assert len(asked) < 100
    header = dialog.table.horizontalHeader()
    metrics = dialog.table.fontMetrics()
    for column in Column:
        if column is Column.EVENT:
            continue
        texts = [dialog.model.index(row, column).data() for row in range(365)]
        widest = max(metrics.horizontalAdvance(text) for text in texts)
        assert header.sectionSize(column) > widest
    assert rows(dialog)[-1][1] == "Mon 10 Jan 2028"
    dialog.close()
