"""A file the window wrote is named in its status line as the command line names it
(``shown_path``): whole, a line break in its name shown as ``\\n``, so the status bar or
a dialog's status stays one line and says which file it was."""

from __future__ import annotations

from collections.abc import Callable
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
SHOWN = "week\\nplan"


def escaped(path: Path) -> str:
    """``path`` as a line names it: its line break written ``\\n``."""
    return str(path).replace("\n", "\\n")


def one_line_naming(text: str, path: Path) -> bool:
    """``text`` is one line and names ``path`` whole, its line break escaped."""
    return "\n" not in text and escaped(path) in text


def status_message(qtbot: QtBot, window: MainWindow, starts: str) -> Callable[[], str]:
    def message() -> str:
        return window.statusBar().currentMessage()

    qtbot.waitUntil(lambda: message().startswith(starts), timeout=20_000)
    return message


def test_the_agenda_exported_is_named_in_one_line(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    target = tmp_path / f"{NAME}.csv"
    demo_window.report_actions.export_agenda(target)  # type: ignore[attr-defined]
    message = status_message(qtbot, demo_window, "Wrote ")
    assert target.exists()
    assert one_line_naming(message(), target)
    assert message().endswith(f"{SHOWN}.csv")
    settle(qtbot, demo_window)


def test_the_program_file_exported_is_named_in_one_line(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    target = tmp_path / f"{NAME}.json"
    export_program(demo_window, str(target))
    message = status_message(qtbot, demo_window, "Exported the program of ")
    assert target.exists()
    assert one_line_naming(message(), target)
    settle(qtbot, demo_window)


def test_the_report_saved_is_named_in_one_line(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    report_window = shown_report(qtbot, demo_window)
    workbook = tmp_path / f"{NAME}.xlsx"
    with qtbot.waitSignal(report_window.saved, timeout=10_000):
        report_window.save_spreadsheet(workbook)
    assert report_window.status.text() == f"Wrote {escaped(workbook)}"
    pdf = tmp_path / f"{NAME}.pdf"
    with qtbot.waitSignal(report_window.saved, timeout=30_000):
        report_window.save_pdf(pdf)
    assert report_window.status.text().startswith("Saved ")
    assert one_line_naming(report_window.status.text(), pdf)
    settle(qtbot, demo_window)


def test_the_calendar_file_written_is_named_in_one_line(
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
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.written == [target]
    assert dialog.status.text() == f"Wrote {escaped(target)}"
    settle(qtbot, demo_window)
