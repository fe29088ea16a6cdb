"""The window says what it wrote in the line the command prints for the same save: Export
agenda's status line is ``export csv agenda -o``'s line ("Wrote 8 meetings to …", one
meeting in the singular), and the Print dialog's Save as PDF says what ``print
itinerary -o`` prints ("Saved peru.pdf: 9 pages"), in English and in Japanese. The window
once worded and counted both itself ("Wrote 8 meetings to …" where the command printed
"wrote …" and "8 rows in 1 table"; "Saved peru.pdf: 9 pages." where it printed
"….pdf: 9 pages")."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.documents import PrintDocumentDialog
from cpp_scheduler.services.demo import PERU, load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read
from tests.gui.tools.conftest import settle

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

PAGES = {
    i18n.ENGLISH: "Saved {file}: {count} pages",
    i18n.JAPANESE: "{file} を保存しました: {count}ページ",
}


def command_line(capsys: pytest.CaptureFixture[str], arguments: list[str]) -> str:
    """The one line the command prints."""
    capsys.readouterr()
    assert main(arguments) == 0
    [line] = capsys.readouterr().out.splitlines()
    return line


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.JAPANESE])
def test_export_agenda_says_what_export_csv_agenda_prints(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    language: str,
) -> None:
    load_demo(sqlite_database)
    translations.install(language)
    try:
        window = open_window()
        for view, day, said in (
            ("week", MONDAY, SAID[language][0]),
            ("day", ONE_MEETING, SAID[language][1]),
        ):
            window.show_view(view)
            window.go_to(day)
            rows_read(window)
            settle(qtbot, window)
            # The week's days as the language's week runs (from Sunday in Japanese).
            first, last = window.current_view.days_covered()
            assert first <= day <= last
            target = tmp_path / f"{view}.csv"
            window.report_actions.export_agenda(target)
            qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=10_000)
            shown = window.statusBar().currentMessage()
            meetings = len(target.read_text(encoding="utf-8-sig").splitlines()) - 1
            assert shown == said.format(count=meetings, file=target)

            days = ["--from", str(first), "--to", str(last)]
            arguments = ["--lang", language, "--db", str(sqlite_path), "export", "csv", "agenda"]
            assert command_line(capsys, [*arguments, *days, "-o", str(target)]) == shown
            window.statusBar().clearMessage()
        settle(qtbot, window)
    finally:
        translations.install(i18n.ENGLISH)


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.JAPANESE])
def test_the_print_dialog_says_what_print_itinerary_prints(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    language: str,
) -> None:
    load_demo(sqlite_database)
    translations.install(language)
    try:
        window = open_window()
        window.documents.actions["itinerary"].trigger()
        dialog = window.documents.dialogs["itinerary"]
        assert isinstance(dialog, PrintDocumentDialog)
        qtbot.waitUntil(lambda: dialog.choice.count() == 5, timeout=10_000)
        dialog.choice.setCurrentIndex(dialog.choice.findData(PERU))
        dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
        saved: list[int] = []
        output = tmp_path / "peru.pdf"
        dialog.save(output, saved.append)
        qtbot.waitUntil(lambda: bool(saved), timeout=30_000)
        shown = dialog.status.text()
        assert shown == PAGES[language].format(file=output, count=saved[0])
        assert saved[0] > 1, "pages, in the plural"

        arguments = ["--lang", language, "--db", str(sqlite_path), "print", "itinerary"]
        options = ["--delegation", PERU, "--paper", "a4", "-o", str(output)]
        assert command_line(capsys, [*arguments, *options]) == shown
        settle(qtbot, window)
    finally:
        translations.install(i18n.ENGLISH)
