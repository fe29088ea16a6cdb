"""A series whose later meeting starts at a clock time the clocks pass twice, in the
window and on the command line alike: the event dialog refuses it under the rule with
the line ``program import`` refuses a program file with, and asks which instant is
meant; the second time chosen in the window is saved as the explicit change a program
file carries for that meeting (``program export`` writes it, ``events list`` shows the
meeting there, and importing the file again changes nothing).

The command line edits a series through the program file: its ``changes`` list names a
meeting by the instant RFC 5545 reads its start as (the first of a repeated time) and
gives the instant chosen for it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database
from tests.gui.gui_support import open_dialog, save_event_dialog

TITLE = "Sunday night check-in"
NEW_YORK = timezones.WASHINGTON
#: Sunday 24 October 2027, 01:30 EDT; the third Sunday, 7 November, 01:30 happens twice.
FIRST = datetime(2027, 10, 24, 5, 30, tzinfo=UTC)
REFUSAL = (
    "An occurrence cannot be placed: 2027-11-07 01:30 happens twice in America/New_York: "
    "clocks fall back that day; choose 01:30 EDT (05:30 UTC) or 01:30 EST (06:30 UTC)"
)


def _store_series(database: Database) -> str:
    return editing.create(
        database,
        Event,
        {
            "title": TITLE,
            "zone": NEW_YORK,
            "start_utc": FIRST,
            "end_utc": FIRST + timedelta(hours=1),
            "recurrence_rule": "FREQ=WEEKLY;COUNT=2",
        },
    )


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(arguments))
    out, err = capsys.readouterr()
    return code, out, err


def _exported(sqlite_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    path = folder / "program.json"
    assert _run(capsys, "program", "export", "--db", str(sqlite_path), str(path))[0] == 0
    return json.loads(path.read_text(encoding="utf-8"))


def _series_in(program: Any) -> dict[str, Any]:
    (event,) = [event for event in program["events"] if event["title"] == TITLE]
    return dict(event)


def test_the_window_and_program_import_refuse_with_the_same_line_and_keep_the_same_choice(
    qtbot: QtBot,
    sqlite_database: Database,
    sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    event_id = _store_series(sqlite_database)

    # The command line: a program file making it three meetings, with no change for the
    # third, is refused with the engine's line.
    program = _exported(sqlite_path, tmp_path, capsys)
    for event in program["events"]:
        if event["title"] == TITLE:
            event["recurrence_rule"] = "FREQ=WEEKLY;COUNT=3"
    unchosen = tmp_path / "unchosen.json"
    unchosen.write_text(json.dumps(program), encoding="utf-8")
    code, _out, err = _run(capsys, "program", "import", "--db", str(sqlite_path), str(unchosen))
    assert code == 1
    assert err.rstrip().endswith(f"recurrence_rule: {REFUSAL}")

    # The window: the same series made three meetings says the same line and asks.
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    dialog.ui.recurrence.setRule("FREQ=WEEKLY;COUNT=3", NEW_YORK)
    assert dialog.validator.errorLabel("recurrence_rule").text() == REFUSAL
    (choice,) = dialog.meeting_choices.values()
    qtbot.mouseClick(choice.later, Qt.MouseButton.LeftButton)
    window = QWidget()  # owns the window's editing until the test ends, as the main window
    qtbot.addWidget(window)
    editor = Editor(sqlite_database, TaskManager(window), window)
    save_event_dialog(editor, dialog, event_id)
    qtbot.waitUntil(lambda: editor.working is None and not editor.tasks.busy, timeout=10_000)

    # What the window saved is the change a program file carries for that meeting ...
    saved = _series_in(_exported(sqlite_path, tmp_path, capsys))
    assert [
        {key: change[key] for key in ("recurrence_id", "cancelled", "start", "end")}
        for change in saved["changes"]
    ] == [
        {
            "recurrence_id": "2027-11-07T05:30:00Z",
            "cancelled": False,
            "start": "2027-11-07T06:30:00Z",
            "end": "2027-11-07T07:30:00Z",
        }
    ]
    # ... which ``events list`` shows at the second 01:30 ...
    code, out, _err = _run(
        capsys,
        "events",
        "list",
        "--db",
        str(sqlite_path),
        "--from",
        "2027-10-20",
        "--to",
        "2027-11-10",
        "--json",
    )
    assert code == 0
    listed = [
        (row["start"], row["local_start"]) for row in json.loads(out) if row["title"] == TITLE
    ]
    assert listed == [
        ("2027-10-24T05:30:00Z", "2027-10-24T01:30:00-04:00"),
        ("2027-10-31T05:30:00Z", "2027-10-31T01:30:00-04:00"),
        ("2027-11-07T06:30:00Z", "2027-11-07T01:30:00-05:00"),
    ]
    # ... and the program file with that change imports as what is stored already.
    chosen = tmp_path / "chosen.json"
    chosen.write_text(json.dumps(_exported(sqlite_path, tmp_path, capsys)), encoding="utf-8")
    code, out, _err = _run(capsys, "program", "import", "--db", str(sqlite_path), str(chosen))
    assert code == 0
    assert "nothing to change" in out
