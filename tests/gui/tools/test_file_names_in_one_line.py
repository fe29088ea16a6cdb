"""A file named in a window with a line break in its name (a paste, a careless script)
is refused in one line naming it as the command line names it (``quoted``): a line
break shown as ``\\n``, so the status bar or a dialog's status stays one line and says
which file it was. Before, the file was written under that name."""

from __future__ import annotations

from pathlib import Path

from conftest import settle, tools_of
from pytestqt.qtbot import QtBot
from test_calendar_files import _previewed
from test_report_window import demo_window, shown_report

from cpp_scheduler.gui.filemenu import export_program
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope

__all__ = ["demo_window"]

NAME = "week\nplan"
"""A file name with a line break in it, as a careless script or a paste may leave."""


def escaped(path: Path) -> str:
    """``path`` as a line names it: its line break written ``\\n``."""
    return str(path).replace("\n", "\\n")


def refusal(path: Path) -> str:
    """The one line every window says of a file named with a line break."""
    return (
        f"'{escaped(path)}' holds a line break or another control character (\\n); "
        "give the path on one line"
    )


def reported(window: MainWindow) -> list[tuple[str, str]]:
    """What ``window`` reports from now on, taken down instead of shown in a box."""
    said: list[tuple[str, str]] = []
    window.report_error = lambda title, message: said.append((title, message))  # type: ignore[method-assign]
    return said


def test_the_agenda_named_with_a_line_break_is_refused_in_one_line(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    said = reported(demo_window)
    target = tmp_path / f"{NAME}.csv"
    demo_window.report_actions.export_agenda(target)  # type: ignore[attr-defined]
    assert [message for _title, message in said] == [refusal(target)]
    assert not target.exists()
    settle(qtbot, demo_window)


def test_the_program_file_named_with_a_line_break_is_refused_in_one_line(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    said = reported(demo_window)
    target = tmp_path / f"{NAME}.json"
    export_program(demo_window, str(target))
    assert [message for _title, message in said] == [refusal(target)]
    assert all("\n" not in title for title, _message in said)
    assert not target.exists()
    settle(qtbot, demo_window)


def test_the_report_named_with_a_line_break_is_refused_in_one_line(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    report_window = shown_report(qtbot, demo_window)
    workbook = tmp_path / f"{NAME}.xlsx"
    report_window.save_spreadsheet(workbook)
    assert report_window.status.text() == (f"Could not save the spreadsheet: {refusal(workbook)}")
    pdf = tmp_path / f"{NAME}.pdf"
    report_window.save_pdf(pdf)
    assert report_window.status.text() == f"Could not save the PDF: {refusal(pdf)}"
    assert not workbook.exists()
    assert not pdf.exists()
    settle(qtbot, demo_window)


def test_the_calendar_file_named_with_a_line_break_is_refused_in_one_line(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    dialog = tools_of(demo_window).open_export()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.PROGRAM)
    assert _previewed(qtbot, dialog)
    target = tmp_path / f"{NAME}.ics"
    dialog.target.setText(str(target))
    dialog.export()
    assert not dialog.running
    assert dialog.status.text() == f"Cannot export: {refusal(target)}"
    assert not target.exists()
    settle(qtbot, demo_window)
