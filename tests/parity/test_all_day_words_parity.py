"""The event dialog says of an all-day event what ``cpp-scheduler times`` prints after its
title: its dates, the same on every attendee's calendar (``All day on Mon 08 Nov 2027, on
every attendee's calendar``), for one day and for several, in English and in Japanese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.model import Delegation, Event
from cpp_scheduler.store import Database
from tests.gui.gui_support import open_dialog
from tests.parity.command_support import command_lines

CLOSURES = {
    "TDLC closed": ("Asia/Tokyo", date(2027, 11, 8), date(2027, 11, 8)),
    "Golden Week": ("America/Lima", date(2027, 4, 29), date(2027, 5, 5)),
}
"""All-day events by title: their zone, first day and last day."""


def _store(database: Database) -> dict[str, tuple[str, str]]:
    """The closures, each with Lima's delegation attending: their ids and UIDs."""
    stored = {}
    with database.transaction() as session:
        lima = Delegation(name="Lima", country="PE", zone="America/Lima")
        for title, (zone, first, last) in CLOSURES.items():
            event = Event(title=title, zone=zone, delegations=[lima])
            event.set_dates(first, last)
            session.add(event)
            session.flush()
            stored[title] = (event.id, event.uid)
    return stored


def test_the_dialog_says_an_all_day_events_dates_as_times_prints_them(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    sqlite_path: Path,
    speaking: str,
) -> None:
    stored = _store(sqlite_database)
    for title, (event_id, uid) in stored.items():
        times = ["times", "--db", str(sqlite_path), "--lang", speaking, uid]
        printed = command_lines(capsys, times)[0]  # then its holidays

        dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
        assert dialog.ui.allDay.isChecked()
        dialog.show_local_times()
        [shown] = dialog.ui.attendeeTimes.text().splitlines()
        assert printed == f"{title}: {shown}"
        dialog.reject()
