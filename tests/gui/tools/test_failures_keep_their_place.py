"""A read that fails leaves nothing in its place that belongs elsewhere: the Local times
and History panels say why they could not read the selected event (only an event that
no longer exists reads as nothing selected) and follow it still; the Delegation
schedule shows no other delegation's meetings under the name chosen; a slot finder gone
with the event dialog that opened it takes its late answers quietly.

The failure is a service function of the program's own made to raise; the database,
the window and its widgets are the real ones."""

from __future__ import annotations

from datetime import timedelta

import pytest
import shiboken6
from conftest import JANUARY_NINE_TOKYO, add_delegation, add_event, tools_of
from gui_support import (
    LOCKED,
    UNEXPECTED,
    event_named,
    move_command,
    raising,
    reads_held,
    rows_read,
)
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools import delegationview
from cpp_scheduler.gui.tools import history as history_module
from cpp_scheduler.gui.tools import localtimes as localtimes_module
from cpp_scheduler.gui.tools.delegationview import DelegationScheduleDialog
from cpp_scheduler.services.delegation_schedule import DelegationSchedule, read_schedule
from cpp_scheduler.services.history import read_history_of
from cpp_scheduler.services.localtimes import read_local_times
from cpp_scheduler.store import Database


def docks_read(qtbot: QtBot, window: MainWindow) -> None:
    tools = tools_of(window)
    qtbot.waitUntil(
        lambda: not tools.local_times.reading and not tools.history.reading, timeout=10_000
    )


def test_the_panels_say_why_they_cannot_read_the_selected_event_and_follow_it_still(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    tools = tools_of(window)
    kobe = event_named(window.database, "Kobe DRR workshop")
    monkeypatch.setattr(localtimes_module, "read_local_times", raising(LOCKED))
    monkeypatch.setattr(history_module, "read_history_of", raising(LOCKED))

    window.select_event(kobe)
    docks_read(qtbot, window)

    assert tools.local_times.heading.text() == str(LOCKED)
    assert tools.local_times.model.rowCount() == 0
    assert tools.local_times.event_id == kobe  # still the meeting followed
    assert tools.history.heading.text() == str(LOCKED)
    assert tools.history.model.rowCount() == 0

    # The database answers again; the next change of the event is read, as ever.
    monkeypatch.setattr(localtimes_module, "read_local_times", read_local_times)
    monkeypatch.setattr(history_module, "read_history_of", read_history_of)
    later = JANUARY_NINE_TOKYO + timedelta(hours=4)
    window.editor.execute(move_command(window, kobe, later, later + timedelta(hours=2)))
    rows_read(window)
    docks_read(qtbot, window)

    assert "Kobe DRR workshop" in tools.local_times.heading.text()
    assert tools.local_times.model.rowCount() > 0
    assert "Kobe DRR workshop" in tools.history.heading.text()
    assert faults == []


def test_a_fault_in_the_panels_is_one_line_naming_the_log(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    tools = tools_of(window)
    bug = KeyError("zone")
    monkeypatch.setattr(localtimes_module, "read_local_times", raising(bug))
    monkeypatch.setattr(history_module, "read_history_of", raising(bug))

    window.select_event(event_named(window.database, "Kobe DRR workshop"))
    docks_read(qtbot, window)

    assert UNEXPECTED in tools.local_times.heading.text()
    assert UNEXPECTED in tools.history.heading.text()
    assert faults == [bug, bug]


def test_an_event_that_no_longer_exists_reads_as_nothing_selected(
    qtbot: QtBot, window: MainWindow, faults: list[BaseException]
) -> None:
    dock = tools_of(window).local_times
    dock.show_event("an-event-deleted-since")
    qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)

    assert dock.heading.text() == dock.PLACEHOLDER
    assert dock.event_id is None
    assert faults == []


def test_a_failed_schedule_shows_no_other_delegations_meetings(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    lima = add_delegation(program, "Lima MVCS", "PE", "America/Lima")
    surabaya = add_delegation(program, "Surabaya DRR", "ID", "Asia/Jakarta")
    add_event(program, "Lima housing clinic", JANUARY_NINE_TOKYO, delegation_ids=[lima])
    dialog = DelegationScheduleDialog(program, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_delegation(lima)

    def lima_shown() -> bool:
        schedule = dialog.schedule
        return schedule is not None and schedule.delegation.name == "Lima MVCS"

    qtbot.waitUntil(lambda: lima_shown() and not tasks.busy, timeout=10_000)
    assert dialog.model.rowCount() == 1
    bug = KeyError("zone")

    def fails_for_surabaya(database: Database, delegation_id: str) -> DelegationSchedule:
        if delegation_id == surabaya:
            raise bug
        return read_schedule(database, delegation_id)

    monkeypatch.setattr(delegationview, "read_schedule", fails_for_surabaya)
    dialog.show_delegation(surabaya)
    qtbot.waitUntil(
        lambda: dialog.summary.text().startswith("The schedule could not be read"), timeout=10_000
    )

    assert dialog.delegation.currentData() == surabaya
    assert dialog.schedule is None
    assert dialog.model.rowCount() == 0
    assert dialog.summary.text().startswith("The schedule could not be read: ")
    assert UNEXPECTED in dialog.summary.text()
    assert faults == [bug]


def test_a_slot_finder_gone_with_its_event_dialog_takes_its_answers_quietly(
    qtbot: QtBot, program: Database, tasks: TaskManager, faults: list[BaseException]
) -> None:
    dialog = EventDialog(program, event_named(program, "Kobe DRR workshop"), tasks=tasks)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.record_ready() and dialog.lists_ready(), timeout=10_000)
    with reads_held(tasks):  # the finder's first read is still on its way...
        finder = dialog.find_time()
        finder.reject()  # ...when the coordinator closes it
        dialog.reject()  # and cancels the editor, which the window then deletes
        dialog.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(finder)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    qtbot.wait(400)  # the search the finder asked for, had it lived

    assert faults == []
