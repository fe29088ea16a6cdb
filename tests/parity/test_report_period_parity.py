"""The Program report window says which meetings its count is of in the line ``report``
heads its text with (``Program report — meetings starting 01 Jan – 31 Dec 2027
(Tokyo)``), for a year, a month and a single day, in English and in Japanese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.reportview import ProgramReportWindow
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.store import open_database
from tests.parity.command_support import command_lines

PERIODS = (
    (date(2027, 1, 1), date(2027, 12, 31)),
    (date(2027, 2, 1), date(2027, 2, 28)),
    (date(2027, 3, 8), date(2027, 3, 8)),
)


def test_the_report_window_names_its_period_in_the_commands_heading(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], demo_sqlite_path: Path, speaking: str
) -> None:
    database = open_database(demo_sqlite_path)
    tasks = TaskManager()
    try:
        window = ProgramReportWindow(database, tasks.run_in_background, *PERIODS[0])
        qtbot.addWidget(window)
        for first, last in PERIODS:
            with qtbot.waitSignal(window.reportShown, timeout=20_000):
                window.set_period(first, last)
                window.refresh()
            shown = window.status.text()

            db = ("--db", str(demo_sqlite_path), "--lang", speaking)
            report = [*db, "report", "--from", f"{first}", "--to", f"{last}"]
            heading = command_lines(capsys, report)[0]
            assert shown == heading, (first, last)
    finally:
        tasks.wait_for_done()
        database.close()
