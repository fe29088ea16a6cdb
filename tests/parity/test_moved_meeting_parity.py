"""A meeting of a series moved off its time is marked so in every view of the window, as
``events list`` marks it: "NY weekly sync (moved)" in the Agenda, the Day, Week and
Month views and the Venues view, and the same meetings "moved": true in its JSON. Its
tooltip names the time it was moved from, and never gives the moved time as the one
planned."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF, Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui.eventmodel import Column, Roles
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views import month, timegrid, venues
from cpp_scheduler.services import series
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read
from tests.gui.tools.conftest import add_event, settle, venue_id
from tests.parity.language_support import spoken

TITLE = "NY weekly sync"
#: Monday 1 March 2027, 09:00 in New York (EST): the first of six Monday meetings.
FIRST_MEETING = datetime(2027, 3, 1, 14, 0, tzinfo=UTC)
#: Monday 22 March, 09:00 in New York (EDT since 14 March): 22:00 in Tokyo.
MOVED_FROM = datetime(2027, 3, 22, 13, 0, tzinfo=UTC)
#: Tuesday 23 March, 09:00 in New York: where that meeting was moved, 22:00 in Tokyo.
MOVED_TO = MOVED_FROM + timedelta(days=1)
PERIOD = (date(2027, 3, 22), date(2027, 4, 4))
"""Two weeks from the moved meeting's: it and the next, where its rule places it."""


def _store_series(database: Database) -> str:
    """A weekly meeting planned in New York, in a Tokyo room, its 22 March meeting
    moved to the Tuesday."""
    event_id = add_event(
        database,
        TITLE,
        FIRST_MEETING,
        1,
        zone="America/New_York",
        recurrence_rule="FREQ=WEEKLY;COUNT=6",
        venue_id=venue_id(database, "TDLC Meeting Room B"),
    )
    version = series.meetings(database, event_id).version
    series.move_meeting(
        database, event_id, MOVED_FROM, MOVED_TO, MOVED_TO + timedelta(hours=1), version
    )
    return event_id


def _listed(sqlite_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], Any]:
    """The period's lines of ``events list`` naming the series, and its JSON."""
    arguments = ["events", "list", "--db", str(sqlite_path)]
    arguments += ["--from", PERIOD[0].isoformat(), "--to", PERIOD[1].isoformat()]
    capsys.readouterr()
    assert main(arguments) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if TITLE in line]
    assert main([*arguments, "--json"]) == 0
    return lines, json.loads(capsys.readouterr().out)


def _period_titles(window: MainWindow) -> dict[datetime, str]:
    """The title each of the series' meetings of the period shows in the Agenda, by the
    start its rule gives it."""
    window.show_view("agenda")
    window.go_to(PERIOD[0])
    proxy = window.views["agenda"].model
    shown: dict[datetime, str] = {}
    for number in range(proxy.rowCount()):
        row = proxy.index(number, 0).data(Roles.ROW)
        if row.title == TITLE and PERIOD[0] <= row.start_utc.date() <= PERIOD[1]:
            shown[row.recurrence_id] = proxy.index(number, Column.TITLE).data()
    return shown


def test_every_view_marks_the_meeting_events_list_marks_as_moved(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _store_series(sqlite_database)
    lines, listed = _listed(sqlite_path, capsys)
    assert [line for line in lines if f"{TITLE} (moved)" in line], lines
    cli_moved = {
        item["recurrence_id"] for item in listed if item["title"] == TITLE and item["moved"]
    }
    assert cli_moved == {"2027-03-22T13:00:00Z"}

    window = open_window()
    settle(qtbot, window)
    titles = _period_titles(window)
    assert titles == {
        MOVED_FROM: f"{TITLE} (moved)",
        datetime(2027, 3, 29, 13, 0, tzinfo=UTC): TITLE,
    }
    window_moved = {
        f"{key:%Y-%m-%dT%H:%M:%SZ}" for key, title in titles.items() if title.endswith("(moved)")
    }
    assert window_moved == cli_moved

    # The Week and Day views' blocks, the Month's lines and the Venues' bars say it too.
    moved_row = next(
        row for row in window.events.rows() if row.title == TITLE and row.start_utc == MOVED_TO
    )
    font = window.font()
    for name in ("week", "day"):
        window.show_view(name)
        window.go_to(date(2027, 3, 23))
        grid = window.views[name]
        assert isinstance(grid, timegrid.TimeGridView)
        assert moved_row in [block.row for block in grid.blocks()]
        start = window.events.local(moved_row.start_utc)
        end = window.events.local(moved_row.end_utc)
        for rect in (QRectF(0, 0, 200, 80), QRectF(0, 0, 200, 20)):  # a wide and a short block
            lines_shown, _bold = timegrid.block_lines(moved_row, start, end, rect, font)
            assert "(moved)" in " ".join(lines_shown), (name, rect, lines_shown)
    assert month.entry_label(moved_row, date(2027, 3, 23), "Asia/Tokyo") == (
        f"22:00 (moved)  {TITLE}"
    )
    window.show_view("venues")
    window.go_to(PERIOD[0])
    timeline = window.views["venues"]
    assert isinstance(timeline, venues.VenueTimelineView)
    qtbot.waitUntil(lambda: bool(timeline.bars()))
    bar, row = next((rect, row) for rect, row, _clash in timeline.bars() if row == moved_row)
    assert venues.booking_label(row, timeline.zone, QRectF(0, 0, 200, 40), 14.0) == [
        TITLE,
        "22:00–23:00 (moved)",
    ]
    assert bar.width() > 0


def test_the_tooltip_names_where_the_meeting_was_moved_from(
    sqlite_database: Database, open_window: Any, qtbot: QtBot
) -> None:
    _store_series(sqlite_database)
    window = open_window()
    settle(qtbot, window)
    model = window.events
    moved = next(row for row in model.rows() if row.title == TITLE and row.start_utc == MOVED_TO)
    kept = next(
        row
        for row in model.rows()
        if row.title == TITLE and row.recurrence_id == (datetime(2027, 3, 29, 13, 0, tzinfo=UTC))
    )
    tooltip = model.tooltip(moved).split("<br>")
    assert tooltip[:4] == [
        f"<b>{TITLE} (moved)</b>",
        "Tue 23 Mar 2027, 22:00–23:00 (Asia/Tokyo)",
        "Moved from Mon 22 Mar, 22:00",
        "Planned in America/New_York: Mon 22 Mar, 09:00, moved to Tue 23 Mar, 09:00",
    ]
    # A meeting where its rule places it keeps its plain lines.
    assert model.tooltip(kept).split("<br>")[:3] == [
        f"<b>{TITLE}</b>",
        "Mon 29 Mar 2027, 22:00–23:00 (Asia/Tokyo)",
        "Planned in America/New_York: Mon 29 Mar, 09:00",
    ]
    # On New York's own clock, the meeting is where it was moved, from where it was.
    window.set_display_zone("America/New_York")
    tooltip = model.tooltip(moved).split("<br>")
    assert tooltip[1:3] == [
        "Tue 23 Mar 2027, 09:00–10:00 (America/New_York)",
        "Moved from Mon 22 Mar, 09:00",
    ]
    assert not any(line.startswith("Planned in") for line in tooltip)


def _shown(window: MainWindow, event_id: str, meeting: datetime) -> tuple[datetime, str]:
    """Where the calendar holds a meeting of the series, and the title it shows it by."""
    model = window.events
    number = model.row_of(OccurrenceKey(event_id, meeting))
    title = model.answer(number, Column.TITLE, Qt.ItemDataRole.DisplayRole)
    return model.row_at(number).start_utc, title


def test_a_meeting_dragged_elsewhere_is_marked_moved_at_once_and_after_its_read(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    event_id = _store_series(sqlite_database)
    window = open_window()
    settle(qtbot, window)
    window.show_view("week")
    window.go_to(PERIOD[0])
    meeting = datetime(2027, 3, 29, 13, 0, tzinfo=UTC)
    later = meeting + timedelta(hours=2)
    window.move_event(event_id, later, later + timedelta(hours=1), meeting)
    assert _shown(window, event_id, meeting) == (later, f"{TITLE} (moved)")  # as dropped
    rows_read(window)
    settle(qtbot, window)
    assert _shown(window, event_id, meeting) == (later, f"{TITLE} (moved)")  # as read
    _lines, listed = _listed(sqlite_path, capsys)
    assert {item["recurrence_id"] for item in listed if item["moved"]} == {
        "2027-03-22T13:00:00Z",
        "2027-03-29T13:00:00Z",
    }


def test_in_japanese_the_window_marks_it_in_the_words_of_events_list(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _store_series(sqlite_database)
    arguments = ["events", "list", "--db", str(sqlite_path), "--lang", "ja"]
    arguments += ["--from", PERIOD[0].isoformat(), "--to", PERIOD[1].isoformat()]
    capsys.readouterr()
    assert main(arguments) == 0
    listed = capsys.readouterr().out
    assert f"{TITLE}（変更済み）" in listed
    with spoken(i18n.JAPANESE):
        window = open_window()
        settle(qtbot, window)
        titles = _period_titles(window)
        assert titles[MOVED_FROM] == f"{TITLE}（変更済み）"
        moved = next(row for row in window.events.rows() if row.start_utc == MOVED_TO)
        assert f"<b>{TITLE}（変更済み）</b>" in window.events.tooltip(moved)
