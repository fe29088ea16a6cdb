"""The Import calendar dialog says what the dry run says of a cancellation, of a newer
series' moved and cancelled meetings, of an attendee's reply and of a partner's own
copy of an event: the same rows, from the same plan."""

from __future__ import annotations

from pathlib import Path

from conftest import tools_of
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.tools.import_calendar import ImportDialog
from cpp_scheduler.services import calendar_import
from cpp_scheduler.store import Database
from tests.ical.partner_series import CANCELLED_22_MARCH, WEEKLY, calendar

PARIS_CALL = """BEGIN:VEVENT
UID:c1@example.org
DTSTAMP:20270101T000000Z
SUMMARY:Paris call
DTSTART;TZID=Europe/Paris:20270310T090000
DTEND;TZID=Europe/Paris:20270310T100000
SEQUENCE:{sequence}
STATUS:{status}
END:VEVENT"""

REPLY = """BEGIN:VEVENT
UID:weekly@google.com
DTSTAMP:20270210T120000Z
SUMMARY:Accepted: Weekly sync NY-Kobe
DTSTART;TZID=Europe/Budapest:20270301T150000
DTEND;TZID=Europe/Budapest:20270301T160000
ATTENDEE;PARTSTAT=ACCEPTED:mailto:elena@skopje.example.mk
END:VEVENT"""


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode())
    return path


def _rows(qtbot: QtBot, window, path: Path) -> list[tuple[str, ...]]:
    """The dialog's table for ``path``, row by row, as its model gives it to the view."""
    dialog = tools_of(window).open_import()
    assert isinstance(dialog, ImportDialog)
    qtbot.addWidget(dialog)
    dialog.read(path)
    qtbot.waitUntil(lambda: not dialog.working, timeout=20_000)
    model = dialog.table.model()
    return [
        tuple(model.index(row, column).data() for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def test_a_cancellation_says_it_cancels_the_event(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    held = calendar("", PARIS_CALL.format(sequence=0, status="CONFIRMED"))
    calendar_import.import_calendar(sqlite_database, _file(tmp_path, "call.ics", held))
    path = _file(
        tmp_path,
        "cancel.ics",
        calendar("CANCEL", PARIS_CALL.format(sequence=1, status="CANCELLED")),
    )
    dry_run = calendar_import.import_calendar(sqlite_database, path, dry_run=True)

    rows = _rows(qtbot, open_window(), path)

    assert rows == [
        (
            "Update",
            "Paris call",
            "Wed 10 Mar 2027 09:00 Europe/Paris: "
            "version 1 cancels the event (the program holds version 0)",
        )
    ]
    assert "cancels the event" in dry_run.lines()[0]


def test_a_newer_series_lists_the_meetings_it_moves_or_cancels_as_the_dry_run_does(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    first = _file(tmp_path, "first.ics", calendar("", WEEKLY.format(sequence=0)))
    calendar_import.import_calendar(sqlite_database, first)
    path = _file(tmp_path, "newer.ics", calendar("", WEEKLY.format(sequence=1), CANCELLED_22_MARCH))
    dry_run = calendar_import.import_calendar(sqlite_database, path, dry_run=True)

    rows = _rows(qtbot, open_window(), path)

    assert rows == [
        (
            "Update",
            "Weekly sync NY-Kobe",
            "Mon 01 Mar 2027 09:00 America/New_York: version 1 replaces 0",
        ),
        ("Update", "Weekly sync NY-Kobe", "the session of Mon 22 Mar 2027 13:00 UTC: cancel"),
    ]
    assert dry_run.lines()[1].strip() == rows[1][2]


def test_an_attendees_reply_is_a_skipped_row_pointing_to_replies_import(
    qtbot: QtBot, sqlite_database: Database, open_window, tmp_path: Path
) -> None:
    path = _file(tmp_path, "reply.ics", calendar("REPLY", REPLY))

    rows = _rows(qtbot, open_window(), path)

    assert len(rows) == 1
    assert rows[0][1] == "Accepted: Weekly sync NY-Kobe"
    assert rows[0][2].endswith(
        "an attendee's answer to an invitation (METHOD:REPLY), not an event: nothing is "
        "imported from it; read replies with 'cpp-scheduler replies import'"
    )
