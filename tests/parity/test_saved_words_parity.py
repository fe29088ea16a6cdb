"""The window says what it wrote in the line the command prints for the same save: Export
agenda's status line is ``export csv agenda -o``'s line ("Wrote 8 meetings to …", one
meeting in the singular), and the Print dialog's Save as PDF says what ``print
itinerary -o`` prints ("Saved peru.pdf: 9 pages"), in English and in Japanese. The window
once worded and counted both itself ("Wrote 8 meetings to …" where the command printed
"wrote …" and "8 rows in 1 table"; "Saved peru.pdf: 9 pages." where it printed
"….pdf: 9 pages").

A calendar file and the report's workbook are said as ``export ics -o`` and ``report -o
FILE.xlsx`` print them ("Wrote kobe.ics"): the window once said "Written kobe.ics." and
"Saved report.xlsx" where the command printed "wrote …"."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui.documents import PrintDocumentDialog
from cpp_scheduler.gui.tools.export_calendar import ExportDialog, Scope
from cpp_scheduler.services.demo import PERU
from tests.gui.gui_support import rows_read
from tests.gui.tools.conftest import settle, tools_of
from tests.parity.command_support import command_line

MONDAY = date(2027, 2, 15)
"""In the conference's week: many meetings."""
ONE_MEETING = date(2027, 1, 20)
"""The day of the monthly series' first meeting, alone on its day."""

SAID = {
    i18n.ENGLISH: ("Wrote {count} meetings to {file}", "Wrote 1 meeting to {file}"),
    i18n.JAPANESE: (
        "{count}件の会合を {file} に書き出しました",
        "1件の会合を {file} に書き出しました",
    ),
}
"""What both say of the week's agenda and of the day's."""

WROTE = {i18n.ENGLISH: "Wrote {file}", i18n.JAPANESE: "{file} を書き出しました"}
"""What both say of a calendar file or a workbook written."""

PAGES = {
    i18n.ENGLISH: "Saved {file}: {count} pages",
    i18n.JAPANESE: "{file} を保存しました: {count}ページ",
}


def test_export_agenda_says_what_export_csv_agenda_prints(
    qtbot: QtBot,
    demo_window: Any,
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    speaking: str,
) -> None:
    for view, day, said in (
        ("week", MONDAY, SAID[speaking][0]),
        ("day", ONE_MEETING, SAID[speaking][1]),
    ):
        demo_window.show_view(view)
        demo_window.go_to(day)
        rows_read(demo_window)
        settle(qtbot, demo_window)
        # The week's days as the language's week runs (from Sunday in Japanese).
        first, last = demo_window.current_view.days_covered()
        assert first <= day <= last
        target = tmp_path / f"{view}.csv"
        demo_window.report_actions.export_agenda(target)
        qtbot.waitUntil(lambda: demo_window.statusBar().currentMessage() != "", timeout=10_000)
        shown = demo_window.statusBar().currentMessage()
        meetings = len(target.read_text(encoding="utf-8-sig").splitlines()) - 1
        assert shown == said.format(count=meetings, file=target)

        days = ["--from", str(first), "--to", str(last)]
        arguments = ["--lang", speaking, "--db", str(sqlite_path), "export", "csv", "agenda"]
        assert command_line(capsys, [*arguments, *days, "-o", str(target)]) == shown
        demo_window.statusBar().clearMessage()
    settle(qtbot, demo_window)


def test_the_print_dialog_says_what_print_itinerary_prints(
    qtbot: QtBot,
    demo_window: Any,
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    speaking: str,
) -> None:
    demo_window.documents.actions["itinerary"].trigger()
    dialog = demo_window.documents.dialogs["itinerary"]
    assert isinstance(dialog, PrintDocumentDialog)
    qtbot.waitUntil(lambda: dialog.choice.count() == 5, timeout=10_000)
    dialog.choice.setCurrentIndex(dialog.choice.findData(PERU))
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    saved: list[int] = []
    output = tmp_path / "peru.pdf"
    dialog.save(output, saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=30_000)
    shown = dialog.status.text()
    assert shown == PAGES[speaking].format(file=output, count=saved[0])
    assert saved[0] > 1, "pages, in the plural"

    arguments = ["--lang", speaking, "--db", str(sqlite_path), "print", "itinerary"]
    options = ["--delegation", PERU, "--paper", "a4", "-o", str(output)]
    assert command_line(capsys, [*arguments, *options]) == shown
    settle(qtbot, demo_window)


def test_export_calendar_says_what_export_ics_prints(
    qtbot: QtBot,
    demo_window: Any,
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    speaking: str,
) -> None:
    dialog = tools_of(demo_window).open_export()
    assert isinstance(dialog, ExportDialog)
    qtbot.addWidget(dialog)
    dialog.set_scope(Scope.PROGRAM)
    qtbot.waitUntil(
        lambda: dialog.choices is not None and not dialog.preview_pending, timeout=20_000
    )
    target = tmp_path / "program.ics"
    dialog.target.setText(str(target))
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.written == [target]
    shown = dialog.status.text()
    assert shown == WROTE[speaking].format(file=target)

    arguments = ["--lang", speaking, "--db", str(sqlite_path), "export", "ics", "--all"]
    assert command_line(capsys, [*arguments, "-o", str(target)]) == shown
    settle(qtbot, demo_window)


def test_the_report_window_saves_a_workbook_in_the_words_of_report(
    qtbot: QtBot,
    demo_window: Any,
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    speaking: str,
) -> None:
    report_window = demo_window.report_actions.open_report()
    first, last = date(2027, 2, 1), date(2027, 2, 28)
    with qtbot.waitSignal(report_window.reportShown, timeout=10_000):
        report_window.set_period(first, last)
        report_window.refresh()
    workbook = tmp_path / "february.xlsx"
    with qtbot.waitSignal(report_window.saved, timeout=10_000):
        report_window.save_spreadsheet(workbook)
    shown = report_window.status.text()
    assert shown == WROTE[speaking].format(file=workbook)

    arguments = ["--lang", speaking, "--db", str(sqlite_path), "report"]
    days = ["--from", str(first), "--to", str(last), "-o", str(workbook)]
    assert command_line(capsys, [*arguments, *days]) == shown
    settle(qtbot, demo_window)
