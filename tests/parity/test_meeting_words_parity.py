"""A view's tooltip tells a meeting in the words ``events show`` prints: its title, its
times on the clock shown, where it was moved from, its time on the clock it was planned
on, and what, where and with whom, line for line, on Tokyo's clock and on Lima's, for
every meeting of the demo program (a series' moved meeting included)."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read

LIMA = "America/Lima"


def tooltip_lines(tooltip: str) -> list[str]:
    """The tooltip's lines as plain text: its title's bold taken off, its text unescaped."""
    plain = tooltip.replace("<b>", "").replace("</b>", "")
    return [html.unescape(line) for line in plain.split("<br>")]


@pytest.mark.parametrize("clock", [timezones.TOKYO, LIMA])
def test_every_tooltip_says_what_events_show_prints(
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    clock: str,
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    window.set_display_zone(clock)
    window.show_view("agenda")
    rows_read(window)
    model = window.current_view.table.model().event_model
    with sqlite_database.reading() as session:
        uids = {event_id: uid for event_id, uid in session.execute(select(Event.id, Event.uid))}
    compared = moved = 0
    for number in range(model.rowCount()):
        row = model.row_at(number)
        occurrence = row.recurrence_id or row.start_utc
        capsys.readouterr()
        assert (
            main(
                [
                    "--db",
                    str(sqlite_path),
                    "events",
                    "show",
                    uids[row.event_id],
                    "--occurrence",
                    occurrence.isoformat(),
                    "--clock",
                    clock,
                ]
            )
            == 0
        )
        printed = capsys.readouterr().out.splitlines()
        tooltip = model.index(number, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
        shown = tooltip_lines(tooltip)
        assert shown == printed, row.title
        compared += 1
        moved += row.moved
    assert compared >= 20
    assert moved >= 1  # a moved meeting, whose lines say where it was moved from


def test_a_title_holding_control_characters_is_shown_escaped_on_its_line(
    sqlite_database: Database, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A calendar file's SUMMARY with an escape sequence and a line break: ``events show``
    sends neither to the terminal, and its title stays one line."""
    start = datetime(2027, 2, 16, 1, 0, tzinfo=UTC)
    event = editing.create(
        sqlite_database,
        Event,
        {
            "title": "\x1b[31mRED\nbriefing",
            "start_utc": start,
            "end_utc": start + timedelta(hours=1),
        },
    )
    capsys.readouterr()
    assert main(["--db", str(sqlite_path), "events", "show", event]) == 0
    title, when, *_rest = capsys.readouterr().out.splitlines()
    assert title == "\\x1b[31mRED\\nbriefing"
    assert when.endswith("(Asia/Tokyo)")
