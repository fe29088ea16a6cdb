"""The Program report window's "Save as PDF…" and "Print…": the printed report the
command line writes, made from the report the window shows."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import settle
from PySide6.QtPrintSupport import QPrintPreviewDialog
from pytestqt.qtbot import QtBot
from test_report_window import FEBRUARY, demo_window, shown_report

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.reportview import ProgramReportWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "documents"))
from pdftext import page_texts, squeezed

__all__ = ["demo_window"]


def test_the_paper_buttons_wait_for_a_report(demo_window: MainWindow) -> None:
    window = ProgramReportWindow(
        demo_window.database, demo_window.tasks.run_in_background, *FEBRUARY
    )
    assert not window.pdf_button.isEnabled()
    assert not window.print_button.isEnabled()
    assert window.pdf_button.text() == "Save as PDF…"
    assert window.print_button.text() == "Print…"
    window.deleteLater()


def test_save_as_pdf_writes_the_figures_shown(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    report_window = shown_report(qtbot, demo_window)
    report = report_window.report
    assert report is not None
    assert report_window.pdf_button.isEnabled()
    folder = tmp_path / "out"
    folder.mkdir()
    with qtbot.waitSignal(report_window.saved, timeout=30_000) as saved:
        report_window.save_pdf(folder / "february")
    output = folder / "february.pdf"
    assert saved.args == [str(output)]
    pages = page_texts(output)
    text = " ".join(pages)
    assert f"Meetings held {report.meetings}" in text
    assert f"Hours {report.hours:,.2f}" in text
    assert f"Participants reached {report.participants_reached}" in text
    assert squeezed("Kitakyushu 北九州市, Kobe 神戸市, Yokohama 横浜市") in squeezed(text)
    assert report_window.status.text() == f"Saved {output}: {len(pages)} pages"
    assert [p.name for p in folder.iterdir()] == ["february.pdf"], "no temporary file left"
    settle(qtbot, demo_window)


def test_print_opens_the_report_in_a_print_preview(qtbot: QtBot, demo_window: MainWindow) -> None:
    report_window = shown_report(qtbot, demo_window)
    report_window.print_button.click()
    qtbot.waitUntil(lambda: report_window.preview_dialog is not None, timeout=30_000)
    preview = report_window.preview_dialog
    assert isinstance(preview, QPrintPreviewDialog)
    assert preview.windowTitle() == "Program report: 01–28 February 2027"
    qtbot.waitUntil(preview.isVisible, timeout=10_000)
    assert report_window.print_button.isEnabled()
    preview.close()
    settle(qtbot, demo_window)
