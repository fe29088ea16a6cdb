"""First run, settings between runs, the Program menu, and errors nobody expected."""

from __future__ import annotations

import sys
import types
from datetime import date, timedelta
from pathlib import Path

import pytest
from gui_support import DialogScript, Messages, rows_read
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressBar
from pytestqt.qtbot import QtBot

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui import app as gui_app
from cpp_scheduler.gui import crash
from cpp_scheduler.gui.choices import ChoiceListModel
from cpp_scheduler.gui.crash import ExceptionHandler
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.records import RecordManager, RecordTableModel
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.views.timegrid import TimeGridView
from cpp_scheduler.model import Delegation, EventKind
from cpp_scheduler.services import calendar_reads
from cpp_scheduler.services.rows import Choice
from cpp_scheduler.store import Database


def _fake_module(monkeypatch: pytest.MonkeyPatch, name: str, **functions: object) -> None:
    module = types.ModuleType(name)
    for function_name, function in functions.items():
        setattr(module, function_name, function)
    monkeypatch.setitem(sys.modules, name, module)


def test_an_empty_database_opens_on_the_welcome_panel_and_loads_the_demo(
    empty_program: Database,
    make_window,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    window: MainWindow = make_window(empty_program)
    assert window.welcome_shown
    with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
        qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert not window.welcome_shown
    assert window.events.rowCount() > 20
    window.go_to(date(2027, 2, 15))
    assert window.sidebar.delegation.count() > 1  # the demo's delegations are offered
    week = window.views["week"]
    assert isinstance(week, TimeGridView)
    assert "Opening plenary: ten years of the City Partnership Program" in {
        block.row.title for block in week.blocks()
    }
    assert "CPP Conference 2027: Cities Learning from Cities" in {
        row.title for row, _first, _last in week.all_day()
    }  # two days long: above the grid


def test_the_welcome_panel_imports_a_program_file(
    empty_program: Database,
    make_window,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from cpp_scheduler.programfile.exporter import export_program
    from cpp_scheduler.services.demo import load_demo
    from cpp_scheduler.store import open_database

    colleague = open_database(tmp_path / "colleague.sqlite")
    load_demo(colleague)
    program_file = tmp_path / "program.json"
    export_program(colleague, program_file)
    expected = len(calendar_reads.load_event_rows(colleague))
    colleague.close()
    window: MainWindow = make_window(empty_program)
    with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
        window.import_program(str(program_file))
    assert not window.welcome_shown
    assert window.events.rowCount() == expected


def test_a_failed_import_says_why_and_keeps_the_welcome_panel(
    empty_program: Database,
    make_window,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
    messages: Messages,
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Dinner with the Lima delegation at 19:00", encoding="utf-8")
    window: MainWindow = make_window(empty_program)
    panel = window.welcome
    with qtbot.waitSignal(
        window.tasks.busyChanged, timeout=10_000, check_params_cb=lambda busy: not busy
    ):
        window.import_program(str(notes))
        assert panel.import_button.text() == "Importing notes.txt…"
        assert not panel.demo_button.isEnabled()
    title, message = messages.errors[0]
    assert title == f"Cannot import {notes}"
    assert message == "notes.txt: is not JSON: line 1, column 1: Expecting value"
    assert "Traceback" not in message
    assert window.welcome_shown
    # The panel is as it was, ready for another try.
    assert panel.import_button.text() == "Import a program file"
    assert all(b.isEnabled() for b in (panel.demo_button, panel.import_button))
    assert panel.cursor().shape() == Qt.CursorShape.ArrowCursor
    assert not any(bar.isVisible() for bar in panel.findChildren(QProgressBar))


def test_start_empty_shows_the_calendar(
    empty_program: Database,
    make_window,  # type: ignore[no-untyped-def]
    qtbot: QtBot,
) -> None:
    window: MainWindow = make_window(empty_program)
    qtbot.mouseClick(window.welcome.empty_button, Qt.MouseButton.LeftButton)
    assert not window.welcome_shown
    assert window.current_view_name == "week"


def test_view_zone_filters_and_geometry_persist_between_runs(
    program: Database,
    make_window,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    first: MainWindow = make_window(program)
    first.resize(720, 560)
    first.show_view("month")
    first.zone_selector.set_zone("America/Lima", notify=True)
    first.sidebar.kind.setCurrentIndex(first.sidebar.kind.findText("Conference"))
    first.sidebar.search.setText("summer")
    first.close()
    second: MainWindow = make_window(program)
    assert second.current_view_name == "month"
    assert second.display_zone == "America/Lima"
    assert second.zone_selector.in_use.text().startswith("Times in America/Lima")
    assert second.proxy.event_filter.kind is EventKind.CONFERENCE
    assert second.sidebar.search.text() == "summer"
    assert second.proxy.rowCount() == 1
    assert (second.width(), second.height()) == (720, 560)


def test_program_menu_manages_delegations_through_undoable_commands(
    window: MainWindow,
    dialogs: DialogScript,
    qtmodeltester,  # type: ignore[no-untyped-def]
    qtbot: QtBot,
) -> None:
    manager = window.manage("delegation")
    assert isinstance(manager, RecordManager)
    qtbot.waitUntil(manager.lists_ready, timeout=10_000)
    qtmodeltester.check(manager.model)
    dialogs.answers.append({"name": "Kathmandu valley", "country": "NP", "zone": "Asia/Kathmandu"})
    with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
        # the delegation filter and the zone list are read again
        qtbot.mouseClick(manager.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: manager.model.rowCount() == 1, timeout=10_000)
    assert window.undo_action.text() == "Undo Create delegation 'Kathmandu valley'"
    assert window.sidebar.delegation.findText("Kathmandu valley") > 0
    assert window.zone_selector.choices.row_of("Asia/Kathmandu") >= 0
    manager.table.selectRow(0)
    qtbot.mouseClick(manager.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: manager.model.rowCount() == 0, timeout=10_000)
    assert not manager.delete_button.isEnabled()  # nothing left to choose
    with qtbot.waitSignal(window.eventsLoaded, timeout=10_000):
        window.undo_action.trigger()
        rows_read(window)
    qtbot.waitUntil(lambda: manager.model.rowCount() == 1, timeout=10_000)
    with window.database.session() as session:
        assert session.query(Delegation).one().zone == "Asia/Kathmandu"
    manager.close()


def test_choice_and_record_models_pass_the_model_tester(
    qtbot: QtBot,
    program: Database,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    choices = ChoiceListModel()
    choices.set_choices([Choice("", "All"), Choice("k", "Kobe", "神戸市")])
    qtmodeltester.check(choices)
    from cpp_scheduler.gui.recordkinds import RECORD_KINDS

    tasks = TaskManager()
    rows = {}
    for key, kind in RECORD_KINDS.items():
        model = RecordTableModel(program, kind, tasks)
        with qtbot.waitSignal(model.rowsRead, timeout=10_000):
            model.reload()
        rows[key] = model.rowCount()
        qtmodeltester.check(model)
    assert rows["partner_city"] >= 4  # the seeded cities, read off the GUI thread


def test_an_unexpected_error_is_logged_and_shown_once_kindly(tmp_path: Path) -> None:
    shown: list[tuple[str, str]] = []
    log_file = tmp_path / "logs" / "cpp-scheduler.log"
    gui_crash = ExceptionHandler(log_file, show=lambda title, text: shown.append((title, text)))
    try:
        raise KeyError("venue_id")
    except KeyError as error:
        gui_crash(type(error), error, error.__traceback__)
    assert shown[0][0] == "Something went wrong"
    assert str(log_file) in shown[0][1]
    assert "Traceback" not in shown[0][1]
    assert "KeyError: 'venue_id'" in log_file.read_text(encoding="utf-8")
    gui_crash(SchedulerError, SchedulerError("the venue is closed on Sundays"), None)
    assert shown[1] == ("Cannot do that", "the venue is closed on Sundays")


def test_run_shows_a_database_it_cannot_open_in_a_dialog(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qapp: QApplication,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, _title, text, *args: shown.append(text)
    )
    monkeypatch.setattr(crash, "log_path", lambda: tmp_path / "log.txt")
    status = gui_app.run(str(tmp_path / "missing" / "program.sqlite"))
    assert status == 1
    assert "does not exist" in shown[0]
    assert sys.excepthook is sys.__excepthook__ or not isinstance(sys.excepthook, ExceptionHandler)


def test_moving_an_event_to_a_refused_time_explains_and_changes_nothing(
    window: MainWindow,
    messages: Messages,
) -> None:
    with window.database.session() as session:
        from cpp_scheduler.model import Event

        event = session.query(Event).filter_by(title="Kobe DRR workshop").one()
    window.move_event(event.id, event.start_utc, event.start_utc - timedelta(hours=1))
    rows_read(window)
    assert "must end after it starts" in messages.errors[0][1]
    assert window.editor.stack.count() == 0


def test_start_empty_is_remembered_for_that_database_only(
    empty_program: Database,
    make_window,
    qtbot: QtBot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from cpp_scheduler.store import open_database

    first: MainWindow = make_window(empty_program)
    qtbot.mouseClick(first.welcome.empty_button, Qt.MouseButton.LeftButton)
    first.close()
    again: MainWindow = make_window(empty_program)
    assert not again.welcome_shown
    assert again.current_view_name == "week"
    other = open_database(tmp_path / "another.sqlite")
    try:
        elsewhere: MainWindow = make_window(other)
        assert elsewhere.welcome_shown
    finally:
        other.close()
