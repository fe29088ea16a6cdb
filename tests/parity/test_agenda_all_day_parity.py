"""The Agenda dates an all-day event as ``events list`` does: its first day "all day",
then its last day, in the same words, on every clock. The Agenda once said ``Thu 29 Apr
2027  All day | 05 May  All day`` where the command printed ``Thu 29 Apr all day to Wed
05 May``: the last day without its weekday, and "All day" twice. The demo program with
two closures added (it holds no all-day event of its own): Golden Week in Lima's
calendar, seven days, and a day TDLC is closed; in English and in Japanese, on Tokyo's
clock and on New York's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.meeting_words import listed_days
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read
from tests.parity.days_support import CLOSED, CLOSURES, GOLDEN_WEEK, add_closures
from tests.parity.table_cells import table_rows

NEW_YORK = "America/New_York"

SHOWN = {
    i18n.ENGLISH: {
        GOLDEN_WEEK: ("Thu 29 Apr 2027  all day", "Wed 05 May", "Thu 29 Apr all day to Wed 05 May"),
        CLOSED: ("Wed 17 Feb 2027  all day", "Wed 17 Feb", "Wed 17 Feb all day"),
    },
    i18n.JAPANESE: {
        GOLDEN_WEEK: ("2027年4月29日(木)  終日", "5月5日(水)", "4月29日(木)～5月5日(水) 終日"),
        CLOSED: ("2027年2月17日(水)  終日", "2月17日(水)", "2月17日(水) 終日"),
    },
}
"""Each closure's Starts and Ends in the Agenda, and its cell in ``events list``."""


def test_the_agenda_dates_an_all_day_event_as_events_list_does(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    speaking: str,
) -> None:
    load_demo(sqlite_database)
    add_closures(sqlite_database)
    window = open_window()
    window.show_view("agenda")
    for clock in (None, NEW_YORK):
        if clock is not None:
            window.set_display_zone(clock)
        compare(sqlite_path, window, capsys, speaking, clock)


def compare(
    sqlite_path: Path,
    window: Any,
    capsys: pytest.CaptureFixture[str],
    language: str,
    clock: str | None,
) -> None:
    """The Agenda's all-day rows against ``events list`` (its LOCAL TIME column, and the
    ``--days-in`` one on ``clock``), in the language spoken."""
    rows_read(window)
    model = window.current_view.table.model().event_model
    shown = {
        model.row_at(number).title: (
            model.index(number, Column.START).data(),
            model.index(number, Column.END).data(),
        )
        for number in range(model.rowCount())
        if model.row_at(number).all_day
    }
    arguments = ["--lang", language, "--db", str(sqlite_path), "events", "list"]
    capsys.readouterr()
    assert main([*arguments, *(["--days-in", clock] if clock else [])]) == 0
    _headings, printed = table_rows(capsys.readouterr().out)
    # Titles are cut to the column's width; the closures' are short enough to be whole.
    times = 2 if clock else 1  # LOCAL TIME, then TIME on the clock asked for
    said = {cells[1 + times]: cells[1 : 1 + times] for cells in printed}

    assert set(shown) == set(CLOSURES)
    for title, (zone, first, last) in CLOSURES.items():
        starts, ends, cell = SHOWN[language][title]
        assert shown[title] == (starts, ends), (title, zone)
        # Its own dates on the command's every column of times, whatever the clock.
        assert said[title] == [cell] * times
        listed = listed_days(first, last, year=True)
        assert (listed.starts, listed.ends) == (starts, ends)
        assert listed_days(first, last).text() == cell
