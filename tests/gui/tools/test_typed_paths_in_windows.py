"""Every field where a coordinator types or pastes a path reads it by the core's one rule
(``files.typed_path``), and every file the window writes is named by the core's one rule
(``files.named_as``), as the commands read and name theirs.

Before, a file typed without its folder (``program.ics``) went to the folder the
program happened to run in, the dialog saying only "Wrote program.ics", and
``~/program.ics`` was refused as a folder called '~'; a path pasted with a line break in
its middle (Export calendar's file, Open database…, the Send dialog's outbox, a report's
or an agenda's file) wrote or opened a file with a line break in its name; Open
database… made ``program.sqlite`` in whatever folder the program ran in; Export
calendar wrote ``program.txt`` and a name without a suffix as given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import add_event, settle, tools_of
from gui_support import JANUARY_NINE_TOKYO, Messages
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from test_report_window import shown_report

from cpp_scheduler.gui import filemenu
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home" / "keiko"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the program runs in, where no coordinator looks."""
    folder = tmp_path / "started-in"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def _exported(qtbot: QtBot, dialog: ExportDialog, typed: str) -> str:
    dialog.target.setText(typed)
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    return dialog.status.text()


def _program_export(  # type: ignore[no-untyped-def]
    qtbot: QtBot, database: Database, open_window
) -> tuple[MainWindow, ExportDialog]:
    """The window over a program of one workshop, and its Export calendar with the
    whole program chosen and its preview in."""
    add_event(database, "Housing finance clinic", JANUARY_NINE_TOKYO, 2)
    window = open_window()
    dialog = tools_of(window).open_export()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.PROGRAM)
    qtbot.waitUntil(
        lambda: dialog.choices is not None and not dialog.preview_pending, timeout=20_000
    )
    return window, dialog


def test_export_calendar_refuses_a_line_break_and_names_its_file_as_a_calendar(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,  # type: ignore[no-untyped-def]
    home: Path,
) -> None:
    window, dialog = _program_export(qtbot, sqlite_database, open_window)

    said = _exported(qtbot, dialog, f"{home}/cpp-\nprogram.ics")
    assert said == (
        f"Cannot export: '{home}/cpp-\\nprogram.ics' holds a line break or another control "
        "character (\\n); give the path on one line"
    )
    assert _exported(qtbot, dialog, f"{home}/cpp-program.txt") == (
        f"Cannot export: '{home}/cpp-program.txt' cannot be written: a calendar file is "
        "written as .ics"
    )
    assert os.listdir(home) == []

    assert _exported(qtbot, dialog, "~/cpp-program\n") == f"Wrote {home}/cpp-program.ics"
    assert os.listdir(home) == ["cpp-program.ics"]
    settle(qtbot, window)


def test_open_database_refuses_a_bare_name_or_a_line_break_under_its_field(
    window: MainWindow, qtbot: QtBot, home: Path, elsewhere: Path
) -> None:
    dialog = filemenu.OpenDatabaseDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.location.setText("program.sqlite")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.isVisible()  # kept open, the text kept to mend
    assert dialog.refusal.isVisible()
    assert dialog.refusal.text() == (
        "'program.sqlite' cannot be opened: it names no folder; give its whole path, "
        f"such as '{home}/program.sqlite'"
    )
    dialog.location.setText(f"{home}/pro\ngram.sqlite")
    assert not dialog.refusal.isVisible()  # the next edit takes the refusal away
    dialog.accept()
    assert dialog.refusal.text() == (
        f"'{home}/pro\\ngram.sqlite' holds a line break or another control character "
        "(\\n); give the path on one line"
    )
    dialog.location.setText("~/program.sqlite")
    assert filemenu.typed_location(dialog.chosen()) == str(home / "program.sqlite")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert os.listdir(elsewhere) == []


def test_open_database_opens_nothing_in_the_folder_the_program_runs_in(
    window: MainWindow,
    messages: Messages,
    qtbot: QtBot,
    home: Path,
    elsewhere: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def typed_and_opened(dialog: filemenu.OpenDatabaseDialog) -> QDialog.DialogCode:
        dialog.location.setText("program.sqlite")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(filemenu.OpenDatabaseDialog, "exec", typed_and_opened)
    messages.answer = True
    filemenu.choose_database(window)
    window.tasks.wait_for_done()
    assert messages.questions == []
    assert window.other_windows == []
    assert [message for _title, message in messages.errors] == [
        "'program.sqlite' cannot be opened: it names no folder; give its whole path, "
        f"such as '{home}/program.sqlite'"
    ]
    assert os.listdir(elsewhere) == []


def test_the_report_and_the_agenda_name_their_files_by_the_one_rule(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    report_window = shown_report(qtbot, window)
    tmp_path = tmp_path / "saved"
    tmp_path.mkdir()
    report_window.save_pdf(tmp_path / "report.txt")
    assert report_window.status.text() == (
        f"Could not save the PDF: '{tmp_path}/report.txt' cannot be written: a printed "
        "document is written as .pdf"
    )
    report_window.save_spreadsheet(tmp_path / "report\nfor Lima.xlsx")
    qtbot.waitUntil(lambda: "control character" in report_window.status.text(), timeout=10_000)
    assert "\n" not in report_window.status.text()
    assert os.listdir(tmp_path) == []

    actions = window.report_actions
    actions.export_agenda(tmp_path / "agenda")
    qtbot.waitUntil(lambda: (tmp_path / "agenda.xlsx").exists(), timeout=20_000)
    window.tasks.wait_for_done()
    settle(qtbot, window)
    assert os.listdir(tmp_path) == ["agenda.xlsx"]


def test_the_export_refuses_a_file_named_without_its_folder_and_reads_the_home_folder(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,  # type: ignore[no-untyped-def]
    home: Path,
    elsewhere: Path,
) -> None:
    _window, dialog = _program_export(qtbot, sqlite_database, open_window)

    said = _exported(qtbot, dialog, "program.ics")
    assert said == (
        "Cannot export: 'program.ics' cannot be written: it names no folder; give its "
        f"whole path, such as '{home / 'program.ics'}'"
    )
    assert os.listdir(elsewhere) == []
    assert dialog.target.text() == "program.ics"  # kept, to mend
    assert dialog.export_button.isEnabled()

    said = _exported(qtbot, dialog, "~/program.ics")
    assert said == f"Wrote {home / 'program.ics'}"
    assert (home / "program.ics").is_file()
    assert os.listdir(elsewhere) == []
