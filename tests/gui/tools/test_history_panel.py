"""The History panel: the selected event's changes, and reverting one as an undo step."""

from __future__ import annotations

from datetime import datetime, timedelta

from conftest import JANUARY_NINE_TOKYO, add_delegation, add_event, settle, tools_of
from gui_support import move_command, rows_read
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.commands import EditRecord
from cpp_scheduler.gui.tools.history import HistoryDock
from cpp_scheduler.model import Delegation, Event
from cpp_scheduler.services.rows import OccurrenceKey


def read(qtbot: QtBot, dock: HistoryDock) -> None:
    qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)


def _title_in_database(database, event_id: str) -> str:
    with database.session() as session:
        found = session.get(Event, event_id)
        assert found is not None
        return found.title


def test_the_panel_lists_changes_and_reverts_one_as_an_undoable_step(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_database, open_window
) -> None:
    sqlite_database.author = "Aiko Tanaka"
    event = add_event(sqlite_database, "Kobe DRR clinic", JANUARY_NINE_TOKYO)
    window = open_window()
    errors: list[tuple[str, str]] = []
    window.report_error = lambda title, message: errors.append((title, message))  # type: ignore[method-assign]
    dock = tools_of(window).history
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(event))
    read(qtbot, dock)
    assert dock.model.rowCount() == 1
    assert dock.model.index(0, 1).data() == "Aiko Tanaka"
    assert not dock.revert_button.isEnabled()  # nothing chosen yet

    later = JANUARY_NINE_TOKYO + timedelta(hours=2)
    window.editor.execute(move_command(window, event, later, later + timedelta(hours=1)))
    rows_read(window)
    settle(qtbot, window)
    read(qtbot, dock)
    qtmodeltester.check(dock.model)
    assert dock.model.rowCount() == 2
    assert dock.model.index(0, 2).data() == (
        "End: Tue 12 Jan 2027 01:00 UTC → Tue 12 Jan 2027 03:00 UTC; "
        "Start: Tue 12 Jan 2027 00:00 UTC → Tue 12 Jan 2027 02:00 UTC"
    )

    dock.table.selectRow(0)
    assert dock.revert_button.isEnabled()
    undo_steps = window.editor.stack.count()
    qtbot.mouseClick(dock.revert_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    read(qtbot, dock)

    assert errors == []
    assert window.editor.stack.count() == undo_steps + 1
    assert window.editor.stack.undoText().startswith("Revert the change of event 'Kobe DRR clinic'")
    assert dock.model.rowCount() == 3
    row = window.events.row_of(event)
    assert window.events.row_at(row).start_utc == JANUARY_NINE_TOKYO

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    read(qtbot, dock)
    assert window.events.row_at(window.events.row_of(event)).start_utc == later
    assert dock.model.rowCount() == 4


def test_a_revert_over_a_later_change_is_refused_in_one_message(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    event = add_event(sqlite_database, "Kobe DRR clinic", JANUARY_NINE_TOKYO)
    window = open_window()
    errors: list[tuple[str, str]] = []
    window.report_error = lambda title, message: errors.append((title, message))  # type: ignore[method-assign]
    dock = tools_of(window).history
    for hours in (2, 4):
        later = JANUARY_NINE_TOKYO + timedelta(hours=hours)
        window.editor.execute(move_command(window, event, later, later + timedelta(hours=1)))
        rows_read(window)
        settle(qtbot, window)
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(event))
    read(qtbot, dock)
    steps = window.editor.stack.count()

    dock.table.selectRow(1)  # the first move: its start was moved again since
    dock.revert_selected()
    settle(qtbot, window)

    assert window.editor.stack.count() == steps
    assert errors == [
        (
            "Cannot revert this change",
            "cannot revert this change of event 'Kobe DRR clinic': its end utc was changed "
            "again since; revert the later change first",
        )
    ]
    assert _title_in_database(sqlite_database, event) == "Kobe DRR clinic"


def test_reverting_a_creation_deletes_the_event_and_undo_brings_it_back(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    event = add_event(sqlite_database, "Kobe DRR clinic", JANUARY_NINE_TOKYO)
    window = open_window()
    errors: list[tuple[str, str]] = []
    window.report_error = lambda title, message: errors.append((title, message))  # type: ignore[method-assign]
    dock = tools_of(window).history
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(event))
    read(qtbot, dock)
    dock.table.selectRow(0)  # "Created (version 1)"
    assert dock.revert_button.isEnabled()
    assert dock.revert_button.toolTip().startswith("Delete the record this change created")

    qtbot.mouseClick(dock.revert_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    assert errors == []
    assert window.events.row_of(event) < 0
    with sqlite_database.session() as session:
        assert session.get(Event, event) is None
    read(qtbot, dock)
    assert dock.model.index(0, 2).data().startswith("Deleted")

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    assert window.events.row_of(event) >= 0
    assert _title_in_database(sqlite_database, event) == "Kobe DRR clinic"
    window.editor.stack.redo()
    rows_read(window)
    settle(qtbot, window)
    assert window.events.row_of(event) < 0

    # The deletion in the history can itself be reverted: the event comes back.
    read(qtbot, dock)
    dock.table.selectRow(0)
    assert dock.revert_button.toolTip().startswith("Bring the record back")
    qtbot.mouseClick(dock.revert_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert errors == []
    assert window.events.row_of(event) >= 0


def test_an_event_a_colleague_deletes_keeps_its_history_shown_to_be_brought_back(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    from cpp_scheduler.gui.live import start_live_refresh
    from cpp_scheduler.services import removal
    from cpp_scheduler.store import open_database

    event = add_event(sqlite_database, "Kobe DRR clinic", JANUARY_NINE_TOKYO)
    window = open_window()
    errors: list[tuple[str, str]] = []
    window.report_error = lambda title, message: errors.append((title, message))  # type: ignore[method-assign]
    dock = tools_of(window).history
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(event))
    read(qtbot, dock)
    live = start_live_refresh(window)
    try:
        assert live.watcher.ready.wait(10)
        colleague = open_database(sqlite_database.url.database, author="Ravi Menon")
        with qtbot.waitSignal(live.applied, timeout=10_000):
            removal.delete(colleague, Event, event)
        colleague.close()
        rows_read(window)
        settle(qtbot, window)

        # The calendar let go of it; the panel still tells who deleted it.
        assert window.selected_occurrence is None
        assert not window.edit_action.isEnabled()
        qtbot.waitUntil(
            lambda: str(dock.model.index(0, 2).data() or "").startswith("Deleted"),
            timeout=10_000,
        )
        assert "Ravi Menon" in str(dock.model.index(0, 1).data())

        dock.table.selectRow(0)
        assert dock.revert_button.toolTip().startswith("Bring the record back")
        qtbot.mouseClick(dock.revert_button, Qt.MouseButton.LeftButton)
        settle(qtbot, window)
        assert errors == []
        assert window.events.row_of(event) >= 0
    finally:
        live.stop()
        window.tasks.wait_for_done()


def test_the_panel_follows_a_delegation_chosen_in_its_list(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    sqlite_database.author = "Aiko Tanaka"
    lima = add_delegation(sqlite_database, "Lima housing ministry", "PE", "America/Lima")
    window = open_window()
    dock = tools_of(window).history
    manager = window.manage("delegation")
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    row = manager.proxy.mapFromSource(manager.model.index(manager.model.row_of(lima), 0))

    manager.table.selectRow(row.row())
    read(qtbot, dock)

    assert (dock.model_name, dock.event_id) == ("Delegation", lima)
    assert dock.model.rowCount() == 1
    assert dock.heading.text().startswith("delegation 'Lima housing ministry': 1 change")

    window.editor.execute(
        EditRecord(window.editor, Delegation, lima, {"name": "Lima housing ministry (MVCS)"}, "", 1)
    )
    rows_read(window)
    settle(qtbot, window)
    read(qtbot, dock)
    assert dock.model.rowCount() == 2
    assert dock.model.index(0, 1).data() == "Aiko Tanaka"
    manager.close()


def test_following_a_record_leaves_the_tab_in_front_where_it_was(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """Choosing a delegation in its list makes the History panel follow it, but the Local
    times tab the coordinator reads stays in front, as it does when an event is chosen."""
    lima = add_delegation(sqlite_database, "Lima housing ministry", "PE", "America/Lima")
    window = open_window()
    tools = tools_of(window)
    tools.local_times.raise_()
    tabs = next(
        bar
        for bar in window.findChildren(QTabBar)
        if tools.history.windowTitle() in [bar.tabText(i) for i in range(bar.count())]
    )
    manager = window.manage("delegation")
    qtbot.addWidget(manager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    row = manager.proxy.mapFromSource(manager.model.index(manager.model.row_of(lima), 0))

    manager.table.selectRow(row.row())
    read(qtbot, tools.history)

    assert (tools.history.model_name, tools.history.event_id) == ("Delegation", lima)
    assert tabs.tabText(tabs.currentIndex()) == tools.local_times.windowTitle()
    manager.close()


def test_an_edit_undoes_across_a_revert_and_its_undo(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """Reverting a change from the panel, and undoing that, are the window's own steps:
    the edit before them still undoes, and redoes."""
    from cpp_scheduler.gui.commands import EditRecord

    kobe = add_event(sqlite_database, "Kobe DRR clinic", JANUARY_NINE_TOKYO)
    toyama = add_event(sqlite_database, "Toyama visit", JANUARY_NINE_TOKYO + timedelta(days=1))
    window = open_window()
    errors: list[tuple[str, str]] = []
    window.report_error = lambda title, message: errors.append((title, message))  # type: ignore[method-assign]
    window.editor.execute(EditRecord(window.editor, Event, kobe, {"title": "Kobe clinic"}, "", 1))
    window.editor.execute(EditRecord(window.editor, Event, kobe, {"notes": "Hazard maps"}, "", 2))
    settle(qtbot, window)
    dock = tools_of(window).history
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(kobe))
    read(qtbot, dock)
    dock.table.selectRow(1)  # the title's change, under the notes'
    dock.revert_selected()
    settle(qtbot, window)
    assert _title_in_database(sqlite_database, kobe) == "Kobe DRR clinic"

    for expected in ("Kobe clinic", "Kobe clinic", "Kobe DRR clinic"):  # revert, notes, title
        window.editor.stack.undo()
        settle(qtbot, window)
        assert errors == []
        assert _title_in_database(sqlite_database, kobe) == expected
    assert window.editor.stack.index() == 0
    for expected in ("Kobe clinic", "Kobe clinic", "Kobe DRR clinic"):
        window.editor.stack.redo()
        settle(qtbot, window)
        assert errors == []
        assert _title_in_database(sqlite_database, kobe) == expected
    assert _title_in_database(sqlite_database, toyama) == "Toyama visit"


def test_a_cancelled_meeting_is_listed_in_words_and_its_revert_brings_it_back(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """A meeting of a series cancelled: the series' history says so with its date, the
    calendar sequence raised with it is no row of its own, and reverting the
    cancellation brings the meeting back as one undoable step, saved against the
    version the sequence left the series at."""
    from cpp_scheduler.services import editing, series

    first = JANUARY_NINE_TOKYO
    second = first + timedelta(weeks=1)
    event = editing.create(
        sqlite_database,
        Event,
        {
            "title": "Weekly DRR call",
            "start_utc": first,
            "end_utc": first + timedelta(hours=1),
            "zone": "Asia/Tokyo",
            "recurrence_rule": "FREQ=WEEKLY;COUNT=4",
        },
    )
    series.cancel_meeting(sqlite_database, event, second, 1)

    def starts() -> list[datetime]:
        return [item.start_utc for item in series.meetings(sqlite_database, event).meetings]

    window = open_window()
    errors: list[tuple[str, str]] = []
    window.report_error = lambda title, message: errors.append((title, message))  # type: ignore[method-assign]
    dock = tools_of(window).history
    window.views["day"].occurrenceSelected.emit(OccurrenceKey(event))
    read(qtbot, dock)
    shown = [dock.model.index(row, 2).data() for row in range(dock.model.rowCount())]
    when = "Tue 19 Jan 2027 09:00 JST"
    assert f"Meeting of {when} cancelled" in shown
    assert "changed occurrence" not in dock.heading.text()

    assert not [row for row in shown if row.startswith("Sequence")]
    assert dock.heading.text().startswith("event 'Weekly DRR call': 2 changes, the last by ")

    steps = window.editor.stack.count()
    dock.table.selectRow(shown.index(f"Meeting of {when} cancelled"))
    assert dock.revert_button.isEnabled()
    qtbot.mouseClick(dock.revert_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    read(qtbot, dock)
    assert errors == []
    assert window.editor.stack.count() == steps + 1
    assert window.editor.stack.undoText() == "Revert the change of event 'Weekly DRR call'"
    assert second in starts()
    assert dock.model.index(0, 2).data() == (
        f"Meeting of {when} held again, where its series places it"
    )

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    read(qtbot, dock)
    assert errors == []
    assert second not in starts()
