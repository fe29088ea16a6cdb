"""A call called off is warned of nothing, by every view that answers for it: the
conflict check leaves it out and the event dialog said nothing of it, while ``times``
and the Local times dock still named the public holiday it falls on. Confirmed again,
all of them name the holiday in the same words."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.gui.tools.localtimes import LocalTimesModel
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, EventStatus
from cpp_scheduler.services import editing
from cpp_scheduler.services.localtimes import read_local_times
from cpp_scheduler.store import Database
from tests.gui.gui_support import add_event, open_dialog

#: Wednesday 14 April 2027, 11:45-12:45 in Kathmandu: Nepali New Year.
NEW_YEAR = datetime(2027, 4, 14, 6, 0, tzinfo=UTC)
HOLIDAY = (
    "Wed 14 Apr 2027 is Nepali New Year, a public holiday in Nepal (Kathmandu metropolitan city)."
)


def _said(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], database: Database, path: Path, call: str
) -> dict[str, list[str]]:
    """The holiday sentences each view gives for the call."""
    assert main(["times", "--db", str(path), call]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert main(["times", "--db", str(path), call, "--json"]) == 0
    [meeting] = json.loads(capsys.readouterr().out)["occurrences"]
    dock = LocalTimesModel()
    dock.set_times(read_local_times(database, call))
    dialog = open_dialog(qtbot, EventDialog, database, call)
    dialog.show_local_times()
    shown = dialog.ui.attendeeWarnings.text().splitlines()
    dialog.reject()
    return {
        "times": [line.removeprefix("Holiday: ") for line in printed if "New Year" in line],
        "times --json": [holiday["message"] for holiday in meeting["holidays"]],
        "dock": [
            dock.index(row, 0).data().removeprefix("⚠ ")
            for row in range(dock.rowCount())
            if dock.is_warning(row)
        ],
        "dialog": [line.removeprefix("⚠ ") for line in shown],
    }


def test_a_call_called_off_is_warned_of_no_holiday_and_confirmed_of_it_everywhere(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    sqlite_path: Path,
) -> None:
    with sqlite_database.transaction() as session:
        kathmandu = Delegation(
            name="Kathmandu metropolitan city",
            country="NP",
            zone="Asia/Kathmandu",
            home_city="Kathmandu",
        )
        session.add(kathmandu)
        session.flush()
        delegation_id = kathmandu.id
    call = add_event(
        sqlite_database,
        "Heritage call",
        NEW_YEAR,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        video_link="https://meet.example.org/heritage",
        status=EventStatus.CANCELLED,
        delegation_ids=[delegation_id],
    )
    assert main(["conflicts", "--db", str(sqlite_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["conflicts"] == []

    nothing: list[str] = []
    assert _said(qtbot, capsys, sqlite_database, sqlite_path, call) == {
        "times": nothing,
        "times --json": nothing,
        "dock": nothing,
        "dialog": nothing,
    }

    version = editing.stored(sqlite_database, Event, call).version
    assert version is not None
    editing.change(sqlite_database, Event, call, {"status": EventStatus.CONFIRMED}, version)
    assert _said(qtbot, capsys, sqlite_database, sqlite_path, call) == {
        "times": [HOLIDAY],
        "times --json": [HOLIDAY],
        "dock": [HOLIDAY],
        "dialog": [HOLIDAY],
    }
