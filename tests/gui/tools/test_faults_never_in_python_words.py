"""A fault (a bug, memory running out) is never told in Python's own words, which say
nothing to a coordinator (``'theme'`` for a missing key, nothing at all for a cancelled
check): the line says an unexpected problem stopped the work and names the log, and the
fault is logged in full (here: handed to the error hook, which ``faults`` records). What
the failed work showed before is not left as if it were its answer.

The failure is a service function of the program's own made to raise; the database,
the windows and their widgets are the real ones."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import JANUARY_NINE_TOKYO, add_event, tools_of, venue_id
from gui_support import UNEXPECTED, Messages, event_named, raising
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui import documents as documents_module
from cpp_scheduler.gui import records as records_module
from cpp_scheduler.gui.dialogs import event_dialog as event_dialog_module
from cpp_scheduler.gui.dialogs.event_dialog import EventDialog
from cpp_scheduler.gui.documents import PrintDocumentDialog
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.recordkinds import RECORD_KINDS
from cpp_scheduler.gui.records import RecordTableModel
from cpp_scheduler.gui.reportmenu import ReportActions
from cpp_scheduler.gui.reportview import ProgramReportWindow
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools import conflicts as conflicts_module
from cpp_scheduler.gui.tools.tourbuilder import TourBuilderDialog
from cpp_scheduler.gui.widgets.recurrence_editor import RecurrenceEditor
from cpp_scheduler.model import Problem, recurrence
from cpp_scheduler.services import reports, tours
from cpp_scheduler.store import Database


def test_the_report_window_names_the_log_for_a_fault(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    bug = KeyError("theme")
    monkeypatch.setattr(reports, "program_report", raising(bug))
    window = ProgramReportWindow(
        program, tasks.run_in_background, date(2027, 1, 1), date(2027, 12, 31)
    )
    qtbot.addWidget(window)

    window.refresh()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)

    assert window.status.text().startswith("Could not make the report: ")
    assert "'theme'" not in window.status.text()
    assert UNEXPECTED in window.status.text()
    assert window.show_button.isEnabled()
    assert faults == [bug]


def test_an_agenda_not_written_names_the_log_for_a_fault(
    qtbot: QtBot,
    window: MainWindow,
    messages: Messages,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    bug = KeyError("zone")
    monkeypatch.setattr(reports, "agenda", raising(bug))
    actions = window.report_actions  # type: ignore[attr-defined]
    assert isinstance(actions, ReportActions)

    actions.export_agenda(tmp_path / "agenda.xlsx")
    qtbot.waitUntil(lambda: messages.errors != [], timeout=10_000)

    ((title, message),) = messages.errors
    assert title == "Export agenda"
    assert "'zone'" not in message
    assert UNEXPECTED in message
    assert faults == [bug]


def planted_double_booking(database: Database) -> None:
    room = venue_id(database, "TDLC Meeting Room A")
    add_event(database, "Housing finance clinic", JANUARY_NINE_TOKYO, 2, venue_id=room)
    add_event(
        database,
        "Water utilities roundtable",
        JANUARY_NINE_TOKYO + timedelta(hours=1),
        2,
        venue_id=room,
    )


def failed_check(error: BaseException | None) -> Callable[..., Future[Any]]:
    """A check that ends with ``error``, or cancelled when None."""

    def check(*_args: object, **_kwargs: object) -> Future[Any]:
        answer: Future[Any] = Future()
        if error is None:
            answer.cancel()
        else:
            answer.set_running_or_notify_cancel()
            answer.set_exception(error)
        return answer

    return check


@pytest.mark.parametrize(
    "error", [MemoryError(), None], ids=["a fault in the check", "the check cancelled"]
)
def test_a_check_that_fails_lists_no_findings_of_the_check_before(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
    error: BaseException | None,
) -> None:
    planted_double_booking(sqlite_database)
    window = open_window()
    dock = tools_of(window).conflicts
    assert dock.model.rowCount() > 0
    monkeypatch.setattr(conflicts_module, "check_program_in_parcels", failed_check(error))

    dock.recheck()
    qtbot.waitUntil(
        lambda: not dock.check_pending and not dock.checking and not window.tasks.busy,
        timeout=10_000,
    )

    assert dock.summary.text().startswith("Cannot check: ")
    assert UNEXPECTED in dock.summary.text()
    assert dock.model.rowCount() == 0
    expected = CancelledError if error is None else MemoryError
    assert [type(fault) for fault in faults] == [expected]


def test_the_tour_builder_names_the_log_for_a_fault(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    bug = KeyError("tour_id")
    monkeypatch.setattr(tours, "list_tours", raising(bug))
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10_000)

    assert "'tour_id'" not in builder.overview.text()
    assert UNEXPECTED in builder.overview.text()
    assert faults == [bug]


def test_a_document_not_made_names_the_log(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    bug = KeyError("venue")
    monkeypatch.setattr(documents_module, "read_run_sheet", raising(bug))
    dialog = PrintDocumentDialog("day", program, tasks, day=JANUARY_NINE_TOKYO.date())
    qtbot.addWidget(dialog)

    assert dialog.build(lambda _document: None)
    assert not dialog.preview_button.isEnabled()
    qtbot.waitUntil(dialog.preview_button.isEnabled, timeout=10_000)

    assert UNEXPECTED in dialog.status.text()
    assert faults == [bug]


def test_a_list_of_records_not_read_names_the_log(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    bug = KeyError("country")
    monkeypatch.setattr(records_module.choices, "manager_listing", raising(bug))
    model = RecordTableModel(program, RECORD_KINDS["delegation"], tasks)

    with qtbot.waitSignal(model.readFailed, timeout=10_000) as failed:
        model.reload()

    (line,) = failed.args or [""]
    assert "'country'" not in line
    assert UNEXPECTED in line
    assert not model.loading
    assert faults == [bug]


def test_an_event_dialog_whose_lists_cannot_be_read_names_the_log(
    qtbot: QtBot,
    program: Database,
    tasks: TaskManager,
    monkeypatch: pytest.MonkeyPatch,
    faults: list[BaseException],
) -> None:
    bug = KeyError("theme_ids")
    monkeypatch.setattr(event_dialog_module, "read_event_lists", raising(bug))
    dialog = EventDialog(program, event_named(program, "Kobe DRR workshop"), tasks=tasks)
    qtbot.addWidget(dialog)
    dialog.show()

    def lists_problem() -> list[Problem]:
        return [p for p in dialog.problems() if p.field == "lists" and "read:" in p.message]

    qtbot.waitUntil(lambda: bool(lists_problem()), timeout=10_000)

    (problem,) = lists_problem()
    assert problem.message.startswith("the lists to choose from could not be read: ")
    assert "'theme_ids'" not in problem.message
    assert UNEXPECTED in problem.message
    assert faults == [bug]


def test_a_rule_the_preview_cannot_read_for_a_fault_names_the_log(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, faults: list[BaseException]
) -> None:
    editor = RecurrenceEditor()
    qtbot.addWidget(editor)
    editor.setStart(datetime(2027, 1, 12, 9))
    bug = OverflowError("date value out of range")
    monkeypatch.setattr(recurrence, "wall_clock_starts", raising(bug))

    editor.setRule("FREQ=WEEKLY;COUNT=3", "Asia/Tokyo")

    assert "date value out of range" not in editor.preview.text()
    assert UNEXPECTED in editor.preview.text()
    assert bug in faults
