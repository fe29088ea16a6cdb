"""The Week view's strip over its hours says when each of its events holds in the words
``events list`` gives it, in English and in Japanese, on Tokyo's clock and on New York's:
an all-day event's dates (``Thu 29 Apr all day to Wed 05 May``, the same on every
clock), and a meeting of a day or more its times with their clock named (``Mon 15 Feb
09:00–Tue 16 Feb 15:30 JST``), the window's dash between them. The strip once worded
them itself: ``all day 29 Apr – 05 May``, without the weekdays, and the conference's
times without their clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui.views.timegrid import TimeGridView, span_label
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read
from tests.parity.days_support import CLOSURES, GOLDEN_WEEK, add_closures
from tests.parity.table_cells import table_rows

NEW_YORK = "America/New_York"
CONFERENCE = "CPP Conference 2027: Cities Learning from Cities"
"""The demo's conference: two days, in the strip as a meeting of a day or more."""
WEEKS = (date(2027, 2, 15), date(2027, 4, 29))
"""A day of each week the strip is read in: the conference's, Golden Week's first."""


def test_the_strip_says_when_its_events_hold_as_events_list_does(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    speaking: str,
) -> None:
    load_demo(sqlite_database)
    add_closures(sqlite_database)
    window = open_window()
    for clock in (None, NEW_YORK):
        if clock is not None:
            window.set_display_zone(clock)
        shown = _strip_labels(window)
        said = _listed(sqlite_path, capsys, speaking, clock)
        assert set(shown) == {CONFERENCE, *CLOSURES}, clock
        for title, label in shown.items():
            assert label.replace("–", "-") == said[title], (title, clock)
    if speaking == i18n.ENGLISH:
        assert said[GOLDEN_WEEK] == "Thu 29 Apr all day to Wed 05 May"
        assert said[CONFERENCE] == "Sun 14 Feb 19:00-Tue 16 Feb 01:30 EST"


def _strip_labels(window: Any) -> dict[str, str]:
    """When each event of the strip holds, as the strip labels it, over the weeks of
    :data:`WEEKS` on the clock the window shows."""
    labels: dict[str, str] = {}
    window.show_view("week")
    for day in WEEKS:
        window.go_to(day)
        rows_read(window)
        view = window.current_view
        assert isinstance(view, TimeGridView)
        for row, _first, _last in view.all_day():
            labels[row.title] = span_label(row, view.zone)
    return labels


def _listed(
    sqlite_path: Path, capsys: pytest.CaptureFixture[str], language: str, clock: str | None
) -> dict[str, str]:
    """Each event's times in ``events list``: on ``clock``'s with ``--days-in``, else
    its LOCAL TIME, by title (the titles read are short enough to be whole)."""
    arguments = ["--lang", language, "--db", str(sqlite_path), "events", "list"]
    capsys.readouterr()
    assert main([*arguments, *(["--days-in", clock] if clock else [])]) == 0
    _headings, printed = table_rows(capsys.readouterr().out)
    times = 2 if clock else 1  # LOCAL TIME, then TIME on the clock asked for
    return {cells[1 + times]: cells[times] for cells in printed}
