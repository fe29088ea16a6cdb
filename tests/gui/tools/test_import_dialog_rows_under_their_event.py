"""The Import calendar dialog lists each event with what was read of it under it, in the
order ``cpp-scheduler import --dry-run`` prints: a reading of RFC 5545 or an attendee
left out belongs to the event above it, not to a list after every event."""

from __future__ import annotations

from pathlib import Path

from conftest import tools_of
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.tools.import_calendar import ImportDialog
from cpp_scheduler.services import calendar_import
from cpp_scheduler.store import Database

PARTNER = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//macOS 14.4//EN
BEGIN:VEVENT
UID:second-tuesdays@example.org
DTSTAMP:20270101T000000Z
SUMMARY:Second Tuesdays
DTSTART;TZID=Asia/Tokyo:20270301T090000
DTEND;TZID=Asia/Tokyo:20270301T100000
RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3
END:VEVENT
BEGIN:VEVENT
UID:arrival@example.org
DTSTAMP:20270101T000000Z
SUMMARY:Delegation arrival day
DTSTART;TZID=America/New_York:20270313T120000
DURATION:P1D
ATTENDEE;CN="Aya Morita";PARTSTAT=DECLINED:mailto:aya.morita@example.org
END:VEVENT
BEGIN:VEVENT
UID:plain@example.org
DTSTAMP:20270101T000000Z
SUMMARY:Plain call
DTSTART;TZID=Asia/Tokyo:20270302T090000
DTEND;TZID=Asia/Tokyo:20270302T100000
END:VEVENT
END:VCALENDAR
"""


def test_each_reading_and_note_is_listed_under_its_event_as_the_dry_run_lists_it(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    path = tmp_path / "partner.ics"
    path.write_bytes(PARTNER.replace("\n", "\r\n").encode())
    dry_run = calendar_import.import_calendar(sqlite_database, path, dry_run=True)
    window = open_window()

    dialog = tools_of(window).open_import()
    assert isinstance(dialog, ImportDialog)
    qtbot.addWidget(dialog)
    dialog.read(path)
    qtbot.waitUntil(lambda: not dialog.working, timeout=20_000)
    model = dialog.table.model()
    rows = [
        tuple(model.index(row, column).data() for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]

    assert [row[:2] for row in rows] == [
        ("Create", "Second Tuesdays"),
        ("Read as RFC 5545 says", "Second Tuesdays"),
        ("Create", "Delegation arrival day"),
        ("Read as RFC 5545 says", "Delegation arrival day"),
        ("Left out", "Delegation arrival day"),
        ("Create", "Plain call"),
    ]
    # the dry run's lines, row by row: an event's line names its time in brackets
    assert [f"{row[0].lower()}  {row[1]} ({row[2]})" for row in rows if row[0] == "Create"] == [
        line for line in dry_run.lines() if line.startswith("create")
    ]
    assert [row[2] for row in rows if row[0] != "Create"] == [
        line.strip() for line in dry_run.lines() if line.startswith(" ")
    ]
    assert rows[3][2] == (
        "DURATION:P1D counts its days on the wall clock of America/New_York: Sat 13 Mar 2027 "
        "12:00 ends Sun 14 Mar 2027 12:00, 23 hours later, as RFC 5545 says"
    )
    assert rows[4][2] == (
        "line 12: 'Aya Morita' declined (PARTSTAT=DECLINED): not linked as a participant"
    )
