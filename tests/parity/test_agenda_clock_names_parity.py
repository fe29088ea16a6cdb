"""The Agenda shown on another clock names the clock its times are read on, as
``events list --days-in`` does: the demo's monthly series is at 03:00-04:30 EST in
January and 04:00-05:30 EDT in March on New York's clock, and the Agenda once showed
``03:00 | 04:30`` and ``04:00 | 05:30``, as if the meeting had moved an hour where New
York's clock had. Every timed meeting of the demo, in English and in Japanese: the
Agenda's Starts and Ends are the parts of the command's cell
(:func:`~cpp_scheduler.services.meeting_words.listed_times`), and both name the same
clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.services.meeting_words import listed_times
from tests.gui.gui_support import rows_read
from tests.parity.table_cells import table_rows

NEW_YORK = "America/New_York"
SERIES = "Peer-to-peer workshop series: resilient cities (monthly)"
JANUARY = datetime(2027, 1, 20, 8, tzinfo=UTC)
MARCH = datetime(2027, 3, 17, 8, tzinfo=UTC)

SHOWN = {
    i18n.ENGLISH: {
        JANUARY: ("Wed 20 Jan 2027  03:00", "04:30 EST", "Wed 20 Jan 03:00-04:30 EST"),
        MARCH: ("Wed 17 Mar 2027  04:00", "05:30 EDT", "Wed 17 Mar 04:00-05:30 EDT"),
    },
    i18n.JAPANESE: {
        JANUARY: ("2027年1月20日(水)  03:00", "04:30 EST", "1月20日(水) 03:00-04:30 EST"),
        MARCH: ("2027年3月17日(水)  04:00", "05:30 EDT", "3月17日(水) 04:00-05:30 EDT"),
    },
}
"""The series' meetings of January and March: the Agenda's Starts and Ends, and the
cell of ``events list --days-in America/New_York``."""


def test_the_agenda_names_the_clock_events_list_names_on_new_yorks_clock(
    demo_window: MainWindow,
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    speaking: str,
) -> None:
    compare_on_new_yorks_clock(sqlite_path, demo_window, capsys, speaking)


def compare_on_new_yorks_clock(
    sqlite_path: Path, window: Any, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    """The window's Agenda on New York's clock against ``events list --days-in``, in the
    language spoken."""
    window.set_display_zone(NEW_YORK)
    window.show_view("agenda")
    rows_read(window)
    model = window.current_view.table.model().event_model
    shown = [
        (
            model.row_at(number),
            model.index(number, Column.START).data(),
            model.index(number, Column.END).data(),
        )
        for number in range(model.rowCount())
    ]
    capsys.readouterr()
    arguments = ["--lang", language, "--db", str(sqlite_path), "events", "list"]
    assert main([*arguments, "--days-in", NEW_YORK]) == 0
    headings, printed = table_rows(capsys.readouterr().out)

    # The command lists every meeting the Agenda lists; its third column gives each one's
    # times on New York's clock ("TIME (Washington)"), after their own clock's.
    assert headings[2] == (
        "TIME (Washington)" if language == i18n.ENGLISH else "時刻（ワシントン）"
    )
    said: dict[datetime, list[str]] = {}
    for cells in printed:
        start = datetime.strptime(cells[0], "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
        said.setdefault(start, []).append(cells[2])
    assert len(printed) == len(shown)
    timed = [(row, starts, ends) for row, starts, ends in shown if not row.all_day]
    assert len(timed) >= 25, "the demo's timed meetings, or this proves nothing"

    series = {row.start_utc: (starts, ends) for row, starts, ends in timed if row.title == SERIES}
    for start, (starts, ends, cell) in SHOWN[language].items():
        assert series[start] == (starts, ends)
        assert cell in said[start]

    clocks = set()
    for row, starts, ends in timed:
        # Each text the parts of one range, the same clock named at the end of both.
        span = listed_times(row.start_utc, row.end_utc, NEW_YORK, year=True)
        assert (starts, ends) == (span.starts, span.ends), row.title
        cell = listed_times(row.start_utc, row.end_utc, NEW_YORK).text()
        assert cell in said[row.start_utc], (row.title, said[row.start_utc])
        clock = ends.rsplit(" ", 1)[-1]
        assert cell.endswith(f" {clock}"), (row.title, ends, cell)
        clocks.add(clock)
    assert clocks == {"EST", "EDT"}
