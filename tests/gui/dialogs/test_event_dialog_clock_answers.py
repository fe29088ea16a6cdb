"""The event dialog never answers a time the clocks skip or pass twice by itself, and
keeps what the coordinator answered: a typed end in New York's skipped hour is asked
with neither reading chosen (a preference left by the end worked out before is not
taken for it); the end follows the start's reading, the hour kept; a series' meetings
are shown at the hour the chosen reading gives them; an all-day event unticked and
ticked again keeps its days; and a meeting placed on the repeated hour says which
reading it is held at, in the Series tab as ``series`` says it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from dialog_helpers import error_text, ok_button
from gui_support import open_dialog
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.model import Event, OccurrenceOverride
from cpp_scheduler.services import editing
from cpp_scheduler.services.series_view import read_series
from cpp_scheduler.store import Database

NEW_YORK = timezones.WASHINGTON


def wall_clock(value: datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute),
        QTimeZone(QTimeZone.Initialization.UTC),
    )


def _new(qtbot: QtBot, database: Database, type_into: Callable[..., None]) -> EventDialog:
    dialog = open_dialog(qtbot, EventDialog, database)
    qtbot.keyClicks(dialog.ui.title, "Washington briefing")
    type_into(dialog.ui.zone, NEW_YORK)
    return dialog


def test_an_end_typed_in_the_skipped_hour_is_asked_with_no_reading_chosen(
    qtbot: QtBot, sqlite_database: Database, type_into: Callable[..., None]
) -> None:
    dialog = _new(qtbot, sqlite_database, type_into)
    ui = dialog.ui
    ui.start.setDateTime(wall_clock(datetime(2027, 3, 14, 0, 30)))  # the end follows: 01:30
    ui.end.setDateTime(wall_clock(datetime(2027, 3, 14, 2, 30)))  # the clocks skip 02:30

    assert not ui.endChoice.isHidden()
    assert ui.endChoice.fold() is None
    assert error_text(dialog, "end_utc") == "Choose below which 02:30 you mean."
    assert not ok_button(dialog).isEnabled()


def test_the_end_follows_the_reading_chosen_for_a_start_in_the_repeated_hour(
    qtbot: QtBot, sqlite_database: Database, type_into: Callable[..., None]
) -> None:
    """01:30 on 7 November 2027 is read twice: an hour from its first reading (EDT)
    ends at 01:30 EST, not at 02:30 EST two hours later."""
    dialog = _new(qtbot, sqlite_database, type_into)
    ui = dialog.ui
    ui.start.setDateTime(wall_clock(datetime(2027, 11, 7, 1, 30)))
    qtbot.mouseClick(ui.startChoice.earlier, Qt.MouseButton.LeftButton)

    assert ui.end.dateTime().toString("HH:mm") == "01:30"
    assert ui.endChoice.fold() is timezones.Fold.LATER  # worked out: not a guess
    values = dialog.values()
    assert values["end_utc"] - values["start_utc"] == timedelta(hours=1)


def test_a_series_first_meeting_read_after_the_jump_shows_every_meeting_at_that_hour(
    qtbot: QtBot, sqlite_database: Database, type_into: Callable[..., None]
) -> None:
    dialog = _new(qtbot, sqlite_database, type_into)
    ui = dialog.ui
    ui.start.setDateTime(wall_clock(datetime(2027, 3, 14, 2, 30)))
    ui.recurrence.setRule("FREQ=WEEKLY;COUNT=3", NEW_YORK)
    qtbot.mouseClick(ui.startChoice.later, Qt.MouseButton.LeftButton)

    assert ui.recurrence.preview.text().startswith("3 meetings at 03:30:")
    values = dialog.values()
    assert values["start_utc"] == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)


def test_an_all_day_event_unticked_and_ticked_again_keeps_its_days(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    event_id = editing.create(
        sqlite_database,
        Event,
        {
            "title": "Fiestas Patrias closure",
            "zone": "America/Santiago",
            "all_day": True,
            "start_utc": datetime(2027, 9, 17, 3, tzinfo=UTC),
            "end_utc": datetime(2027, 9, 19, 3, tzinfo=UTC),
        },
    )
    dialog = open_dialog(qtbot, EventDialog, sqlite_database, event_id)
    ui = dialog.ui
    ui.allDay.setChecked(False)
    ui.allDay.setChecked(True)

    assert (ui.start.date().toString("yyyy-MM-dd"), ui.end.date().toString("yyyy-MM-dd")) == (
        date(2027, 9, 17).isoformat(),
        date(2027, 9, 18).isoformat(),
    )
    values = dialog.values()
    assert (values["start_utc"], values["end_utc"]) == (
        datetime(2027, 9, 17, 3, tzinfo=UTC),
        datetime(2027, 9, 19, 3, tzinfo=UTC),
    )


def test_a_meeting_on_the_repeated_hour_says_which_reading_it_is_held_at(
    sqlite_database: Database,
) -> None:
    """Weekly at 01:30 from 24 October: 7 November's 01:30 is read twice, and its
    meeting is placed on the second reading (01:30 EST), which the Series tab's line and
    ``series`` name, as ``events list`` does; the other meetings' 01:30 needs no clock."""
    second = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)  # 01:30 EST
    with sqlite_database.transaction() as session:
        event = Event(
            title="Night shift call",
            zone=NEW_YORK,
            start_utc=datetime(2027, 10, 24, 5, 30, tzinfo=UTC),
            end_utc=datetime(2027, 10, 24, 6, 0, tzinfo=UTC),
            recurrence_rule="FREQ=WEEKLY;COUNT=3",
        )
        event.changes.append(
            OccurrenceOverride(
                recurrence_id=datetime(2027, 11, 7, 5, 30, tzinfo=UTC),  # RFC 5545's reading
                start_utc=second,
                end_utc=second + timedelta(minutes=30),
            )
        )
        session.add(event)
        session.flush()
        event_id = event.id

    view = read_series(sqlite_database, event_id)

    assert view.text == "3 meetings at 01:30: Sun 24 Oct, Sun 31 Oct, Sun 07 Nov 2027 01:30 EST"
    assert [meeting.clock for meeting in view.wall_clock.held] == ["", "", "EST"]
