"""The Import calendar dialog lists what ``cpp-scheduler import --dry-run`` lists, from
the same plan, and imports what it listed: a meeting a file moves or cancels on its own,
an organiser left out, a series with no meeting refused or skipped."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import settle, tools_of
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.gui.tools.import_calendar import ImportDialog
from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_import, editing
from cpp_scheduler.store import Database, open_database

SERIES = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//macOS 14.0//EN
BEGIN:VEVENT
UID:exd@example.org
DTSTAMP:20270101T000000Z
DTSTART;TZID=America/New_York:20270301T090000
DTEND;TZID=America/New_York:20270301T100000
RRULE:FREQ=DAILY;COUNT=20
SUMMARY:Exdate mix
END:VEVENT
END:VCALENDAR
"""

CANCEL_ONE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
METHOD:CANCEL
BEGIN:VEVENT
UID:exd@example.org
DTSTAMP:20270101T000000Z
RECURRENCE-ID;TZID=America/New_York:20270314T090000
DTSTART;TZID=America/New_York:20270314T090000
DTEND;TZID=America/New_York:20270314T100000
SEQUENCE:1
STATUS:CANCELLED
SUMMARY:Exdate mix
END:VEVENT
END:VCALENDAR
"""

EXCHANGE = """BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VEVENT
ORGANIZER;CN=Rosa Quispe:mailto:/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP
  (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=0a1b2c3d4e-rquispe
UID:exch-x500@example.org
SUMMARY:Exchange internal organiser
DTSTART;TZID=Tokyo Standard Time:20270303T090000
DTEND;TZID=Tokyo Standard Time:20270303T100000
DTSTAMP:20270201T120000Z
SEQUENCE:0
END:VEVENT
END:VCALENDAR
"""

NO_MEETING = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
UID:utc-one@google.com
DTSTAMP:20270101T000000Z
DTSTART:20270310T010000Z
DTEND:20270310T020000Z
SUMMARY:UTC one-off
END:VEVENT
BEGIN:VEVENT
UID:ended@x
DTSTAMP:20270101T000000Z
SUMMARY:Series ended before it started
DTSTART;TZID=America/New_York:20270301T090000
DTEND;TZID=America/New_York:20270301T100000
RRULE:FREQ=WEEKLY;UNTIL=20270222T140000Z
END:VEVENT
END:VCALENDAR
"""


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode())
    return path


def _read_in_dialog(qtbot: QtBot, window, path: Path) -> ImportDialog:
    dialog = tools_of(window).open_import()
    assert isinstance(dialog, ImportDialog)
    qtbot.addWidget(dialog)
    dialog.read(path)
    qtbot.waitUntil(lambda: not dialog.working, timeout=20_000)
    return dialog


def _rows(dialog: ImportDialog) -> list[tuple[str, ...]]:
    """What the table shows, row by row, as its model gives it to the view."""
    model = dialog.table.model()
    return [
        tuple(model.index(row, column).data() for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def _saved_picture(dialog: ImportDialog, name: str) -> None:
    """The dialog drawn offscreen, for a look at what a coordinator sees
    (``CPP_SCHEDULER_SHOTS``: the folder to save it in)."""
    folder = os.environ.get("CPP_SCHEDULER_SHOTS")
    if folder:
        assert dialog.grab().save(str(Path(folder) / name))


def _meetings_in_new_york(database: Database) -> list[str]:
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == "exd@example.org")).one()
        return [
            f"{timezones.to_local(meeting.start, 'America/New_York'):%a %d %b %H:%M}"
            for meeting in event.occurrences()
        ]


def test_a_meeting_cancelled_on_its_own_is_listed_as_the_dry_run_lists_it(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    calendar_import.import_calendar(sqlite_database, _file(tmp_path, "series.ics", SERIES))
    path = _file(tmp_path, "orphan_cancel.ics", CANCEL_ONE)
    dry_run = calendar_import.import_calendar(sqlite_database, path, dry_run=True)
    window = open_window()

    dialog = _read_in_dialog(qtbot, window, path)
    _saved_picture(dialog, "import-one-meeting-cancelled.png")

    assert dry_run.lines()[0] == (
        "update  Exdate mix: the session of Sun 14 Mar 2027 13:00 UTC: cancel"
    )
    assert _rows(dialog) == [
        ("Update", "Exdate mix", "the session of Sun 14 Mar 2027 13:00 UTC: cancel")
    ]
    assert dry_run.lines()[0].endswith(_rows(dialog)[0][2])
    assert dialog.summary.text().startswith(
        "0 would be created, 1 would be updated, 0 left as they are"
    )
    assert dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.command is not None, timeout=20_000)
    settle(qtbot, window)
    assert "Sun 14 Mar 09:00" not in _meetings_in_new_york(sqlite_database)
    assert window.editor.stack.count() == 1

    window.editor.stack.undo()
    settle(qtbot, window)
    assert "Sun 14 Mar 09:00" in _meetings_in_new_york(sqlite_database)


def test_an_organiser_left_out_is_said_under_its_event_and_the_event_imported(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    path = _file(tmp_path, "exch.ics", EXCHANGE)
    dry_run = calendar_import.import_calendar(sqlite_database, path, dry_run=True)
    window = open_window()

    dialog = _read_in_dialog(qtbot, window, path)
    _saved_picture(dialog, "import-organiser-left-out.png")

    rows = _rows(dialog)
    assert rows[0][:2] == ("Create", "Exchange internal organiser")
    assert rows[1][:2] == ("Left out", "Exchange internal organiser")
    assert rows[1][2] == dry_run.lines()[1].strip()
    assert rows[1][2] == (
        "line 5: the organiser is left out: '/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE "
        "GROUP (FYDIBOHF2…' is not an email address (expected name@example.org)."
    )

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.command is not None, timeout=20_000)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == "exch-x500@example.org")).one()
        assert event.organiser is None


def test_a_series_with_no_meeting_is_refused_or_skipped_as_the_import_would(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    path = _file(tmp_path, "mixed.ics", NO_MEETING)
    window = open_window()

    dialog = _read_in_dialog(qtbot, window, path)

    assert _rows(dialog) == []
    assert dialog.summary.text() == (
        f"{path}, line 11 (VEVENT): the event 'Series ended before it started' (UID "
        "'ended@x') is not valid: The series has no occurrence: its last date (UNTIL) is "
        "before its start, or its COUNT is 0.; nothing was imported (ask to skip invalid "
        "events to import the others)"
    )
    assert not dialog.import_button.isEnabled()

    dialog.skip_invalid.setChecked(True)  # reads the file again
    qtbot.waitUntil(lambda: not dialog.working, timeout=20_000)
    _saved_picture(dialog, "import-series-with-no-meeting-skipped.png")
    assert [row[:2] for row in _rows(dialog)] == [
        ("Create", "UTC one-off"),
        ("Skip", "Series ended before it started"),
    ]
    assert (
        "1 would be created, 0 would be updated, 0 left as they are, 1 skipped"
        in dialog.summary.text()
    )

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.command is not None, timeout=20_000)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        assert session.scalars(select(Event.title)).all() == ["UTC one-off"]


def _many_events(count: int) -> str:
    """A partner's calendar of ``count`` meetings, then one at a time New York's clocks
    skip (read as RFC 5545 says), one that has no length once so read (skipped) and one
    with an organiser left out."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Partner city//Planner//EN"]
    first = datetime(2027, 4, 5, 0, 0, tzinfo=UTC)
    for number in range(count):
        start = first + timedelta(minutes=47 * number)
        lines += [
            "BEGIN:VEVENT",
            f"UID:many-{number}@example.org",
            "DTSTAMP:20270101T000000Z",
            f"SUMMARY:Peer exchange {number}",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{start + timedelta(minutes=90):%Y%m%dT%H%M%SZ}",
            "END:VEVENT",
        ]
    lines += [
        "BEGIN:VEVENT",
        "UID:gap@example.org",
        "DTSTAMP:20270101T000000Z",
        "SUMMARY:Early call",
        "DTSTART;TZID=America/New_York:20270314T023000",
        "DTEND;TZID=America/New_York:20270314T040000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:none@example.org",
        "DTSTAMP:20270101T000000Z",
        "SUMMARY:No time at all",
        "DTSTART;TZID=America/New_York:20270314T023000",
        "DTEND;TZID=America/New_York:20270314T033000",
        "END:VEVENT",
    ]
    exchange = EXCHANGE.split("BEGIN:VEVENT\n", 1)[1].split("END:VEVENT", 1)[0]
    lines += ["BEGIN:VEVENT", *exchange.rstrip("\n").split("\n"), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\n".join(lines) + "\n"


def test_a_plan_of_thousands_of_events_is_worded_in_the_worker_and_shown_by_a_model(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: Any,
) -> None:
    """The window's thread only hands the plan's rows to a model, which Qt asks for the
    rows it draws: the times, readings and notes of thousands of events are worded
    where the file is read, and the table holds no item per cell. What it shows is what
    it showed before, row by row."""
    path = _file(tmp_path, "many.ics", _many_events(3_000))
    report = calendar_import.import_calendar(sqlite_database, path, dry_run=True)
    labels = {"create": "Create", "update": "Update", "unchanged": "Already here"}
    expected = []
    for change in report.changes:  # each event with its readings and notes under it
        title = change.event.title
        expected.append((labels[change.action], title, calendar_import.describe_when(change.event)))
        expected += [
            ("Read as RFC 5545 says", title, text)
            for text in calendar_import.rfc_readings(change.event)
        ]
        expected += [("Left out", title, note) for note in change.notes]
    expected += [
        ("Skip", entry.title, f"line {entry.line}: {entry.reason}") for entry in report.skipped
    ]
    worded_on_gui_thread: list[str] = []

    def watched(name: str) -> None:
        real = getattr(calendar_import, name)

        def wording(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                worded_on_gui_thread.append(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(calendar_import, name, wording)

    for name in ("describe_when", "rfc_readings"):
        watched(name)
    window = open_window()

    dialog = _read_in_dialog(qtbot, window, path)

    assert worded_on_gui_thread == []
    assert not isinstance(dialog.table, QTableWidget)
    model = dialog.table.model()
    assert isinstance(model, QAbstractTableModel)
    shown = _rows(dialog)
    assert shown == expected
    assert [row[:2] for row in shown[3_000:]] == [
        ("Create", "Early call"),
        ("Read as RFC 5545 says", "Early call"),
        ("Create", "Exchange internal organiser"),
        ("Left out", "Exchange internal organiser"),
        ("Skip", "No time at all"),
    ]
    assert shown[3_001][2].startswith("Sun 14 Mar 2027 02:30 is skipped when clocks change")
    assert (
        "3,002 would be created, 0 would be updated, 0 left as they are, 1 skipped"
        in dialog.summary.text()
    )
    qtmodeltester.check(model)


MOVE_TWO = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
UID:exd@example.org
DTSTAMP:20270102T000000Z
RECURRENCE-ID;TZID=America/New_York:20270305T090000
DTSTART;TZID=America/New_York:20270305T140000
DTEND;TZID=America/New_York:20270305T150000
SEQUENCE:1
SUMMARY:Exdate mix
END:VEVENT
BEGIN:VEVENT
UID:exd@example.org
DTSTAMP:20270102T000000Z
RECURRENCE-ID;TZID=America/New_York:20270306T090000
DTSTART;TZID=America/New_York:20270306T140000
DTEND;TZID=America/New_York:20270306T150000
SEQUENCE:1
SUMMARY:Exdate mix
END:VEVENT
END:VCALENDAR
"""


def test_after_the_import_the_window_counts_what_import_counts(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    """Two meetings of one series moved are two updates, before the import and after
    it, in the window as on the command line (the window once said "1 updated": the
    one event)."""
    import sqlite3

    from cpp_scheduler.store import open_database

    calendar_import.import_calendar(sqlite_database, _file(tmp_path, "series.ics", SERIES))
    path = _file(tmp_path, "move_two.ics", MOVE_TWO)
    # The command line, on a copy of the same program.
    copy = tmp_path / "copy.sqlite"
    with sqlite3.connect(str(sqlite_database.url.database)) as held, sqlite3.connect(copy) as to:
        held.backup(to)  # the pages in the write-ahead log too
    other = open_database(copy)
    try:
        done = calendar_import.import_calendar(other, path).lines()[-1]
    finally:
        other.close()
    assert done.endswith(": 0 created, 2 updated, 0 left as they are, 0 skipped")
    window = open_window()

    dialog = _read_in_dialog(qtbot, window, path)
    assert dialog.summary.text().startswith(
        "0 would be created, 2 would be updated, 0 left as they are"
    )
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.command is not None, timeout=20_000)
    settle(qtbot, window)
    # The counts the command ends with, all of them.
    assert dialog.summary.text().startswith(
        "Imported: 0 created, 2 updated, 0 left as they are, 0 skipped."
    )
    moved = _meetings_in_new_york(sqlite_database)
    assert "Fri 05 Mar 14:00" in moved
    assert "Sat 06 Mar 14:00" in moved


LONG_TITLE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Partner city//Planner//EN
BEGIN:VEVENT
UID:long-title@example.org
DTSTAMP:20270101T000000Z
DTSTART:20270316T000000Z
DTEND:20270316T010000Z
SUMMARY:Follow-up call: Lima's housing action plan and the next steps
END:VEVENT
END:VCALENDAR
"""


def test_a_title_read_before_the_dialog_is_widened_shows_whole_once_it_is(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    """The plan read while the dialog is narrow, then the dialog at its size: the title
    column takes the room the wider table has, not half of the narrow one."""
    window = open_window()
    dialog = tools_of(window).open_import()
    qtbot.addWidget(dialog)
    dialog.resize(480, 400)
    dialog.read(_file(tmp_path, "long.ics", LONG_TITLE))
    qtbot.waitUntil(lambda: not dialog.working, timeout=20_000)
    title = "Follow-up call: Lima's housing action plan and the next steps"
    assert _rows(dialog)[0][1] == title
    needed = dialog.table.fontMetrics().horizontalAdvance(title)
    assert dialog.table.columnWidth(1) < needed  # cut, in a narrow table
    dialog.resize(1100, 560)
    qtbot.waitUntil(lambda: dialog.table.columnWidth(1) > needed, timeout=5_000)


def test_a_series_a_colleague_renamed_after_the_preview_is_not_overwritten(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The plan shown updates the series; a colleague renames it before Import is
    pressed. The import refuses, naming the event, and changes nothing: the plan the
    coordinator read did not know of the rename it would have replaced."""
    calendar_import.import_calendar(sqlite_database, _file(tmp_path, "series.ics", SERIES))
    path = _file(tmp_path, "renamed.ics", SERIES.replace("Exdate mix", "Exdate mix, renamed"))
    window = open_window()
    dialog = _read_in_dialog(qtbot, window, path)
    assert _rows(dialog)[0][:2] == ("Update", "Exdate mix, renamed")
    # The row says why, by the versions, in the words of import --dry-run.
    said = calendar_import.import_calendar(sqlite_database, path, dry_run=True).lines()[0]
    assert said.split("): ", 1)[1] == _rows(dialog)[0][2].split(": ", 1)[1]
    assert "version 0 brings changes" in said
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text, *_rest: warnings.append((title, text))
    )
    colleague = open_database(sqlite_database.url.render_as_string(hide_password=False))
    with colleague.session() as session:
        event = session.scalars(select(Event).where(Event.uid == "exd@example.org")).one()
        event_id, version = event.id, event.version
    editing.change(colleague, Event, event_id, {"title": "Exdate mix (Kenji's)"}, version)
    colleague.close()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warnings), timeout=20_000)
    settle(qtbot, window)

    assert warnings == [
        (
            "Cannot import",
            "event 'Exdate mix (Kenji's)' was changed by somebody else since the preview; "
            "nothing was imported; preview the file again",
        )
    ]
    assert editing.stored(sqlite_database, Event, event_id).title == "Exdate mix (Kenji's)"
    assert window.editor.stack.count() == 0
