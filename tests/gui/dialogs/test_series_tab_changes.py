"""The event dialog tells a series as it will be held once saved: the Series tab counts
and lists the meetings ``events list`` gives, its cancelled meetings set apart and its
moved ones marked at their new days; and the local times describe the first meeting
held, the one the Local times dock describes, named when it is not the start typed."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from gui_support import open_dialog
from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.model import Event
from cpp_scheduler.services import demo, editing, series
from cpp_scheduler.services.localtimes import read_local_times
from cpp_scheduler.store import Database

TOKYO = "Asia/Tokyo"


def tokyo(month: int, day: int, hour: int = 17, minute: int = 0) -> datetime:
    return timezones.to_utc(datetime(2027, month, day, hour, minute), TOKYO)


def _demo_series(database: Database) -> str:
    """The demo's monthly series: 17 February cancelled, 19 May moved to 20 May."""
    demo.load_demo(database)
    return demo.demo_id("event", demo.SERIES)


def _version(database: Database, event_id: str) -> int:
    version = editing.stored(database, Event, event_id).version
    assert version is not None
    return version


def _held_count(database: Database, event_id: str) -> int:
    """How many meetings the stored series holds, as ``events list`` counts them."""
    return len(series.meetings(database, event_id).meetings)


def _times_settled(qtbot: QtBot, dialog: EventDialog) -> None:
    qtbot.waitUntil(lambda: dialog.local_times is not None and not dialog.local_times_pending)


def _dialog_rows(dialog: EventDialog) -> list[tuple[str, datetime, datetime]]:
    assert dialog.local_times is not None
    return [(row.attendee.name, row.start.local, row.end.local) for row in dialog.local_times.rows]


def _dock_rows(database: Database, event_id: str) -> list[tuple[str, datetime, datetime]]:
    """The rows the Local times dock and ``cpp-scheduler times`` give for the event."""
    answer = read_local_times(database, event_id)
    return [(row.attendee.name, row.start.local, row.end.local) for row in answer.rows]


def _said_by_times(capsys: pytest.CaptureFixture[str], database: Database, event_id: str) -> str:
    """The line ``cpp-scheduler times UID`` prints over the first meeting's table."""
    with database.reading() as session:
        uid = session.get_one(Event, event_id).uid
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    assert main(["--db", url, "times", uid]) == 0
    return capsys.readouterr().out.splitlines()[0]


def _start_at(dialog: EventDialog, month: int, day: int) -> None:
    utc = QTimeZone(QTimeZone.Initialization.UTC)
    dialog.ui.start.setDateTime(QDateTime(QDate(2027, month, day), QTime(17, 0), utc))


def test_the_series_tab_counts_the_meetings_held_and_sets_the_changed_ones_apart(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    event_id = _demo_series(sqlite_database)
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.seriesTab)

    assert dialog.ui.recurrence.preview.text().splitlines() == [
        "5 meetings at 17:00: Wed 20 Jan, Wed 17 Mar, Wed 21 Apr, "
        "Thu 20 May (moved from Wed 19 May), Wed 16 Jun 2027",
        "Cancelled: Wed 17 Feb 2027",
    ]
    assert _held_count(sqlite_database, event_id) == 5


def test_a_new_rule_lists_the_changes_where_they_follow(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    event_id = _demo_series(sqlite_database)
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)

    _start_at(dialog, 1, 21)  # the third Thursday

    assert dialog.values()["recurrence_rule"] == "FREQ=MONTHLY;BYDAY=3TH;COUNT=6"
    assert dialog.ui.recurrence.preview.text().splitlines() == [
        # May's move to Thursday 20 May is where the new rule holds it: no move.
        "5 meetings at 17:00: Thu 21 Jan, Thu 18 Mar, Thu 15 Apr, Thu 20 May, Thu 17 Jun 2027",
        "Cancelled: Thu 18 Feb 2027",
    ]
    editing.change(sqlite_database, Event, event_id, dialog.values(), dialog.stored_version())
    assert _held_count(sqlite_database, event_id) == 5


def test_a_weekly_rule_keeps_or_drops_the_changes_as_the_save_will(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    event_id = _demo_series(sqlite_database)
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)

    # Four Thursdays in February and in May: no one counterpart for either change.
    dialog.ui.recurrence.setRule("FREQ=WEEKLY;COUNT=20;BYDAY=TH", TOKYO)
    assert dialog.ui.recurrence.preview.text() == (
        "20 meetings at 17:00: Thu 21 Jan, Thu 28 Jan, Thu 04 Feb, Thu 11 Feb, Thu 18 Feb, "
        "Thu 25 Feb … Thu 03 Jun 2027"
    )
    assert dialog.seriesChanges.property("role") == "warning"

    # Every Wednesday: 17 February is still a meeting of the rule, and stays cancelled.
    dialog.ui.recurrence.setRule("FREQ=WEEKLY;COUNT=20;BYDAY=WE", TOKYO)
    assert dialog.ui.recurrence.preview.text().splitlines() == [
        "19 meetings at 17:00: Wed 20 Jan, Wed 27 Jan, Wed 03 Feb, Wed 10 Feb, Wed 24 Feb, "
        "Wed 03 Mar … Wed 02 Jun 2027",
        "Cancelled: Wed 17 Feb 2027",
    ]
    editing.change(sqlite_database, Event, event_id, dialog.values(), dialog.stored_version())
    assert _held_count(sqlite_database, event_id) == 19


def test_the_local_times_are_the_first_meeting_held_when_the_first_is_cancelled(
    qtbot: QtBot, sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _demo_series(sqlite_database)
    series.cancel_meeting(
        sqlite_database, event_id, tokyo(1, 20), _version(sqlite_database, event_id)
    )
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    _times_settled(qtbot, dialog)

    lines = dialog.ui.attendeeTimes.text().splitlines()
    assert lines[0] == (
        "First meeting held: Wed 17 Mar 2027 17:00–18:30. "
        "Cancelled before it: Wed 20 Jan, Wed 17 Feb."
    )
    assert _said_by_times(capsys, sqlite_database, event_id) == lines[0]  # the same words
    assert all("Wed 20 Jan" not in line for line in lines[1:])
    assert _dialog_rows(dialog) == _dock_rows(sqlite_database, event_id)
    assert read_local_times(sqlite_database, event_id).start == tokyo(3, 17)


def test_the_local_times_are_the_first_meeting_where_it_was_moved(
    qtbot: QtBot, sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _demo_series(sqlite_database)
    series.move_meeting(
        sqlite_database,
        event_id,
        tokyo(1, 20),
        tokyo(1, 21, 19),
        tokyo(1, 21, 20, 30),
        _version(sqlite_database, event_id),
    )
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    _times_settled(qtbot, dialog)

    assert dialog.ui.attendeeTimes.text().splitlines()[0] == (
        "First meeting held: Thu 21 Jan 2027 19:00–20:30. Moved from Wed 20 Jan 17:00."
    )
    said = dialog.ui.attendeeTimes.text().splitlines()[0]
    assert _said_by_times(capsys, sqlite_database, event_id) == said
    with sqlite_database.reading() as session:
        uid = session.get_one(Event, event_id).uid
    url = sqlite_database.url.render_as_string(hide_password=False)
    assert main(["--db", url, "times", uid, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["first_held"] == said
    assert _dialog_rows(dialog) == _dock_rows(sqlite_database, event_id)


def test_the_local_times_follow_the_cancellation_to_a_new_rule(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    event_id = _demo_series(sqlite_database)
    series.cancel_meeting(
        sqlite_database, event_id, tokyo(1, 20), _version(sqlite_database, event_id)
    )
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    _times_settled(qtbot, dialog)

    _start_at(dialog, 1, 21)  # the third Thursday: January and February stay cancelled
    _times_settled(qtbot, dialog)

    assert dialog.ui.attendeeTimes.text().splitlines()[0] == (
        "First meeting held: Thu 18 Mar 2027 17:00–18:30. "
        "Cancelled before it: Thu 21 Jan, Thu 18 Feb."
    )
    editing.change(sqlite_database, Event, event_id, dialog.values(), dialog.stored_version())
    assert _dialog_rows(dialog) == _dock_rows(sqlite_database, event_id)


def test_a_series_with_every_meeting_cancelled_shows_no_local_times(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    event_id = _demo_series(sqlite_database)
    editing.change(
        sqlite_database,
        Event,
        event_id,
        {"recurrence_rule": "FREQ=MONTHLY;COUNT=2;BYDAY=3WE"},
        _version(sqlite_database, event_id),
    )
    series.cancel_meeting(
        sqlite_database, event_id, tokyo(1, 20), _version(sqlite_database, event_id)
    )
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)

    assert dialog.ui.recurrence.preview.text().splitlines() == [
        "Every meeting of this series is cancelled.",
        "Cancelled: Wed 20 Jan, Wed 17 Feb 2027",
    ]
    assert dialog.ui.attendeeTimes.text() == (
        "Every meeting of the series is cancelled: no local times to show."
    )
    assert dialog.ui.attendeeWarnings.text() == ""
    assert _held_count(sqlite_database, event_id) == 0
