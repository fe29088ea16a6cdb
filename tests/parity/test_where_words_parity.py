"""``events list`` says where a meeting is as the window does: its venue and the partner
city it is counted under, named as the Agenda's Venue and Partner city columns and a
view's tooltip name them, with how it is held in a MODE column of its own, as the
Agenda's Mode column gives it. The demo's online series is "Kobe 神戸市" (in Japanese
"神戸市 Kobe"), held "Virtual", where the command once said "online, with Kobe"
(オンライン（神戸市と接続）) by a rule of its own. Every meeting of the demo, in English
and in Japanese."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from cpp_scheduler import i18n
from cpp_scheduler.cli import columns, main
from cpp_scheduler.cli.events import WHERE_WIDTH
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.i18n import _
from cpp_scheduler.services.meeting_words import place_text
from tests.gui.gui_support import rows_read
from tests.parity.table_cells import table_rows

SERIES = "Peer-to-peer workshop series: resilient cities (monthly)"
JANUARY = datetime(2027, 1, 20, 8, tzinfo=UTC)
SERIES_WORDS = {
    i18n.ENGLISH: ("Virtual", "Kobe 神戸市"),
    i18n.JAPANESE: ("オンライン", "神戸市 Kobe"),
}
"""What the command's MODE and WHERE columns and the Agenda's Mode and Partner city
columns say of the series' meeting of 20 January."""


def test_events_list_says_where_and_how_as_the_agenda_and_the_tooltip_do(
    demo_window: MainWindow,
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    speaking: str,
) -> None:
    compare(sqlite_path, demo_window, capsys, speaking)


def compare(
    sqlite_path: Path, window: Any, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    window.show_view("agenda")
    rows_read(window)
    model = window.current_view.table.model().event_model
    shown = [
        {
            column: model.index(number, column).data()
            for column in (Column.MODE, Column.VENUE, Column.CITY)
        }
        | {"row": model.row_at(number)}
        | {"tooltip": model.index(number, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)}
        for number in range(model.rowCount())
    ]
    capsys.readouterr()
    assert main(["--lang", language, "--db", str(sqlite_path), "events", "list"]) == 0
    headings, printed = table_rows(capsys.readouterr().out)
    series_mode, series_place = SERIES_WORDS[language]
    mode, where = headings.index(_("MODE")), headings.index(_("WHERE"))

    # The command lists the meetings in the Agenda's order (by start, then title).
    assert [cells[0] for cells in printed] == [
        f"{cells['row'].start_utc:%Y-%m-%d %H:%M}" for cells in shown
    ]
    places = 0
    for cells, line in zip(shown, printed, strict=True):
        row = cells["row"]
        place = place_text(cells[Column.VENUE], cells[Column.CITY])
        assert line[where] == columns.clip(place, WHERE_WIDTH), row.title
        assert line[mode] == cells[Column.MODE], row.title
        if place:
            # The tooltip's line of where (``events show`` prints the same lines).
            tooltip = [html.unescape(part) for part in cells["tooltip"].split("<br>")]
            assert place in tooltip, row.title
            places += 1
        if row.title == SERIES and row.start_utc == JANUARY:
            assert (cells[Column.MODE], cells[Column.CITY]) == (series_mode, series_place)
            assert (line[mode], line[where]) == (series_mode, series_place)
            places += 1000
    assert places > 1000, "the series' meeting of 20 January, or this proves less"
    assert places - 1000 >= 25
