"""The Venues view exports the agenda it shows: its week's meetings held in a venue,
which it draws on the rooms' lines, and not the conference held in none, as Export
calendar writes its events and as ``export csv agenda --in-venues`` writes them."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.services.demo import CONFERENCE, load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read
from tests.gui.tools.conftest import settle

MONDAY, SUNDAY = date(2027, 2, 15), date(2027, 2, 21)


def command_agenda(
    capsys: pytest.CaptureFixture[str], db: str, output: Path, *options: str
) -> list[dict[str, str]]:
    """The rows ``export csv agenda`` writes for the week, with ``options``."""
    capsys.readouterr()
    days = ["--from", str(MONDAY), "--to", str(SUNDAY)]
    arguments = ["export", "csv", "agenda", "--db", db, *days, *options, "-o", str(output)]
    assert main(arguments) == 0
    with output.open(encoding="utf-8-sig", newline="") as read:
        return list(csv.DictReader(read))


def test_the_venues_view_exports_the_agenda_it_shows_as_the_command_does_in_venues(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    open_window: Any,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    window.show_view("venues")
    window.go_to(MONDAY)
    rows_read(window)
    settle(qtbot, window)
    assert window.current_view.days_covered() == (MONDAY, SUNDAY)
    shown = window.shown_event_ids()
    assert window.count_label.text() == f"{len(shown)} events in view"

    exported = tmp_path / "window.csv"
    window.report_actions.export_agenda(exported)
    qtbot.waitUntil(exported.exists, timeout=10_000)
    settle(qtbot, window)
    with exported.open(encoding="utf-8-sig", newline="") as read:
        written = list(csv.DictReader(read))
    titles = {window.events.row_at(window.events.row_of(event)).title for event in shown}
    assert {row["Title"] for row in written} == titles
    assert CONFERENCE not in titles  # held in no venue: on no room's line
    assert window.statusBar().currentMessage() == (f"Wrote {len(written)} meetings to {exported}")

    db = str(sqlite_path)
    in_venues = tmp_path / "in-venues.csv"
    assert command_agenda(capsys, db, in_venues, "--in-venues") == written
    assert exported.read_bytes() == in_venues.read_bytes()
    everything = command_agenda(capsys, db, tmp_path / "everything.csv")
    assert {row["Title"] for row in everything} - titles == {CONFERENCE}
