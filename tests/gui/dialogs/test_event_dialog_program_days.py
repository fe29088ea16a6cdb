"""The event dialog keeps to the days the program plans for (1900-01-01 to 2199-12-31).

Its date editors offer no other day, and a date set beyond them stops at the nearest
end; moving the start keeps the event's length, but the end stops at the last moment
the editors take, and the problem under it says the day it would have reached is
outside the program's dates (the model's own rule), OK held until the end is set. No
date the editors take, in any zone, reaches the error handler ("Something went wrong").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from dialog_helpers import error_text, ok_button
from gui_support import open_dialog
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.dialogs import DelegationDialog, EventDialog
from cpp_scheduler.gui.qtvalues import python_date, python_time
from cpp_scheduler.model import Delegation
from cpp_scheduler.store import Database

FIRST = date(1900, 1, 1)
LAST = date(2199, 12, 31)
OUTSIDE = "is outside the dates the program plans for (1900-01-01 to 2199-12-31)."


def wall_clock(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> QDateTime:
    """A wall-clock time as the dialog's editors hold it (in UTC, the zone aside)."""
    return QDateTime(
        QDate(year, month, day), QTime(hour, minute), QTimeZone(QTimeZone.Initialization.UTC)
    )


def shown(edit: QDateTimeEdit) -> datetime:
    """What ``edit`` shows, to the minute as the dialog reads it."""
    value = edit.dateTime()
    return datetime.combine(python_date(value.date()), python_time(value.time()))


@pytest.fixture
def dialog(qtbot: QtBot, sqlite_database: Database, type_into: Callable[..., None]) -> EventDialog:
    """A new event with a title, so that only its dates can hold OK back."""
    opened = open_dialog(qtbot, EventDialog, sqlite_database)
    type_into(opened.ui.title, "Far-off workshop")
    return opened


def in_zone(dialog: EventDialog, zone: str, type_into: Callable[..., None]) -> None:
    type_into(dialog.ui.zone, zone)
    assert dialog.ui.zone.zoneName() == zone


def test_the_date_editors_offer_only_the_programs_days(
    qtbot: QtBot, sqlite_database: Database, dialog: EventDialog
) -> None:
    ui = dialog.ui
    for edit in (ui.start, ui.end, ui.recurrence.until):
        assert python_date(edit.minimumDate()) == FIRST, edit.objectName()
        assert python_date(edit.maximumDate()) == LAST, edit.objectName()
    delegation = open_dialog(qtbot, DelegationDialog, sqlite_database)
    for field in (delegation.ui.arrival, delegation.ui.departure):
        assert python_date(field.dateEdit.minimumDate()) == FIRST
        assert python_date(field.dateEdit.maximumDate()) == LAST


@pytest.mark.parametrize(
    ("zone", "all_day", "given_start"),
    [
        ("America/Los_Angeles", False, wall_clock(9999, 12, 31, 23, 0)),
        ("Asia/Tokyo", False, wall_clock(9999, 12, 31, 23, 30)),
        ("Asia/Tokyo", True, wall_clock(9999, 12, 31)),
    ],
)
def test_a_start_at_the_end_of_qts_range_stops_at_the_programs_last_day(
    dialog: EventDialog,
    faults: list[BaseException],
    type_into: Callable[..., None],
    zone: str,
    all_day: bool,
    given_start: QDateTime,
) -> None:
    ui = dialog.ui
    in_zone(dialog, zone, type_into)
    ui.allDay.setChecked(all_day)
    ui.end.setDateTime(given_start)
    ui.start.setDateTime(given_start)
    assert faults == []
    assert python_date(ui.start.date()) == LAST
    assert python_date(ui.end.date()) == LAST
    assert OUTSIDE in error_text(dialog, "end_utc")
    assert "\n" not in error_text(dialog, "end_utc")
    assert not ok_button(dialog).isEnabled()
    assert OUTSIDE in ui.problemSummary.text()


def test_the_end_stops_at_the_last_moment_and_the_length_is_kept(
    dialog: EventDialog, faults: list[BaseException], type_into: Callable[..., None]
) -> None:
    ui = dialog.ui
    in_zone(dialog, "Asia/Tokyo", type_into)
    ui.start.setDateTime(wall_clock(2199, 12, 31, 9, 0))
    ui.end.setDateTime(wall_clock(2199, 12, 31, 10, 0))
    assert ok_button(dialog).isEnabled(), dialog.problems()

    ui.start.setDateTime(wall_clock(2199, 12, 31, 23, 30))
    assert shown(ui.end) == datetime(2199, 12, 31, 23, 59)
    assert error_text(dialog, "end_utc") == f"The end (2200-01-01) {OUTSIDE}"
    assert not ok_button(dialog).isEnabled()

    # Back where it fits, the hour comes back whole.
    ui.start.setDateTime(wall_clock(2199, 12, 31, 20, 0))
    assert shown(ui.end) == datetime(2199, 12, 31, 21, 0)
    assert error_text(dialog, "end_utc") == ""
    assert ok_button(dialog).isEnabled(), dialog.problems()

    # An end the coordinator sets is theirs: the shorter meeting is saved as set.
    ui.start.setDateTime(wall_clock(2199, 12, 31, 23, 30))
    ui.end.setDateTime(wall_clock(2199, 12, 31, 23, 45))
    assert error_text(dialog, "end_utc") == ""
    assert ok_button(dialog).isEnabled(), dialog.problems()
    assert faults == []


def test_west_of_utc_the_last_evening_is_refused_by_the_models_rule(
    dialog: EventDialog, faults: list[BaseException], type_into: Callable[..., None]
) -> None:
    ui = dialog.ui
    in_zone(dialog, "America/Los_Angeles", type_into)
    ui.start.setDateTime(wall_clock(2199, 12, 31, 20, 0))
    ui.end.setDateTime(wall_clock(2199, 12, 31, 21, 0))
    assert faults == []
    assert error_text(dialog, "start_utc") == f"The start (2200-01-01 04:00 UTC) {OUTSIDE}"
    assert error_text(dialog, "end_utc") == f"The end (2200-01-01 05:00 UTC) {OUTSIDE}"
    assert not ok_button(dialog).isEnabled()


def test_an_all_day_event_keeps_its_days_up_to_the_last_day(
    dialog: EventDialog, faults: list[BaseException], type_into: Callable[..., None]
) -> None:
    ui = dialog.ui
    in_zone(dialog, "Asia/Tokyo", type_into)
    ui.allDay.setChecked(True)
    ui.start.setDateTime(wall_clock(2199, 12, 20))
    ui.end.setDateTime(wall_clock(2199, 12, 22))
    assert ok_button(dialog).isEnabled(), dialog.problems()

    ui.start.setDateTime(wall_clock(2199, 12, 30))
    assert python_date(ui.end.date()) == LAST
    assert error_text(dialog, "end_utc") == f"The end (2200-01-01) {OUTSIDE}"
    assert not ok_button(dialog).isEnabled()

    ui.start.setDateTime(wall_clock(2199, 12, 28))
    assert python_date(ui.end.date()) == date(2199, 12, 30)
    assert ok_button(dialog).isEnabled(), dialog.problems()
    assert faults == []


def test_a_start_before_the_first_day_stops_there(
    dialog: EventDialog, faults: list[BaseException], type_into: Callable[..., None]
) -> None:
    ui = dialog.ui
    in_zone(dialog, "Pacific/Kiritimati", type_into)
    ui.start.setDateTime(wall_clock(1752, 9, 14))
    assert faults == []
    assert python_date(ui.start.date()) == FIRST
    assert python_date(ui.end.date()) == FIRST


ZONES = (
    "Asia/Tokyo",
    "America/Los_Angeles",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Asia/Kathmandu",
    "America/Lima",
)
NEAR_THE_ENDS = st.one_of(
    st.datetimes(datetime(1900, 1, 1), datetime(1900, 1, 3)),
    st.datetimes(datetime(2199, 12, 29), datetime(2199, 12, 31, 23, 59)),
    st.datetimes(datetime(9999, 12, 30), datetime(9999, 12, 31, 23, 59)),
)


def test_no_far_date_in_any_zone_reaches_the_error_handler(
    qtbot: QtBot,
    sqlite_database: Database,
    faults: list[BaseException],
    type_into: Callable[..., None],
) -> None:
    with sqlite_database.transaction() as session:
        lima = Delegation(
            name="Lima housing ministry", country="PE", zone="America/Lima", home_city="Lima"
        )
        session.add(lima)
        session.flush()
        lima_id = lima.id
    dialog = open_dialog(qtbot, EventDialog, sqlite_database)
    type_into(dialog.ui.title, "Far-off workshop")
    dialog.ui.delegations.setCheckedIds([lima_id])
    ui = dialog.ui

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        zone=st.sampled_from(ZONES),
        all_day=st.booleans(),
        start=NEAR_THE_ENDS,
        length=st.timedeltas(timedelta(minutes=1), timedelta(days=3)),
    )
    def check(zone: str, all_day: bool, start: datetime, length: timedelta) -> None:
        ui.zone.setZoneName(zone)
        ui.allDay.setChecked(all_day)
        moment = wall_clock(start.year, start.month, start.day, start.hour, start.minute)
        ui.start.setDateTime(moment)
        ui.end.setDateTime(moment.addSecs(int(length.total_seconds())))
        ui.start.setDateTime(moment)
        dialog.show_local_times()
        assert faults == []
        assert FIRST <= python_date(ui.start.date()) <= LAST
        assert FIRST <= python_date(ui.end.date()) <= LAST
        assert ok_button(dialog).isEnabled() == (not dialog.problems())
        if not dialog.problems():
            assert python_date(ui.end.date()) <= LAST
            dialog.values()

    check()
