"""The event editor, driven as a coordinator fills it in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from dialog_helpers import error_text, is_marked, ok_button
from gui_support import open_dialog, reads_held
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cpp_scheduler import timezones
from cpp_scheduler.gui.commands import move_text
from cpp_scheduler.gui.dialogs import EventDialog, RecordMissingError
from cpp_scheduler.gui.dialogs.base import RESERVED_KEYS
from cpp_scheduler.gui.dialogs.event_dialog import time_line
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Participant,
    PartnerCity,
    ThematicArea,
    Venue,
)
from cpp_scheduler.scheduling import holidays
from cpp_scheduler.scheduling.travel import describe_duration
from cpp_scheduler.services.localtimes import read_local_times
from cpp_scheduler.store import Database, open_database


def wall_clock(value: datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute),
        QTimeZone(QTimeZone.Initialization.UTC),
    )


@pytest.fixture
def program(sqlite_database: Database) -> dict[str, str]:
    """Two delegations, two people and a conference, besides the reference data."""
    with sqlite_database.transaction() as session:
        lima = Delegation(
            name="Lima housing ministry", country="PE", zone="America/Lima", home_city="Lima"
        )
        kathmandu = Delegation(
            name="Kathmandu metropolitan city",
            country="NP",
            zone="Asia/Kathmandu",
            home_city="Kathmandu",
        )
        ana = Participant(
            name="Ana María Quispe", email="aquispe@vivienda.example.pe", delegation=lima
        )
        yuki = Participant(
            name="田中 由紀", email="y.tanaka@city.kobe.example.jp", organisation="神戸市"
        )
        conference = Event(
            title="CPP annual conference",
            kind=EventKind.CONFERENCE,
            start_utc=datetime(2027, 4, 12, 0, tzinfo=UTC),
            end_utc=datetime(2027, 4, 13, 8, tzinfo=UTC),
        )
        session.add_all([lima, kathmandu, ana, yuki, conference])
        session.flush()
        return {
            "lima": lima.id,
            "kathmandu": kathmandu.id,
            "ana": ana.id,
            "yuki": yuki.id,
            "conference": conference.id,
        }


def make_dialog(qtbot: QtBot, database: Database, *args: object, **kwargs: object) -> EventDialog:
    return open_dialog(qtbot, EventDialog, database, *args, **kwargs)


def test_a_new_event_filled_in_gives_its_values(
    qtbot: QtBot,
    sqlite_database: Database,
    program: dict[str, str],
    type_into: Callable[..., None],
    choose: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Disaster-risk workshop with Kobe")
    ui.kind.setCurrentIndex(ui.kind.findText("Peer-to-peer workshop"))
    ui.mode.setCurrentIndex(ui.mode.findText("Hybrid"))
    type_into(ui.zone, "America/Lima")
    ui.start.setDateTime(wall_clock(datetime(2027, 4, 20, 19, 0)))
    ui.end.setDateTime(wall_clock(datetime(2027, 4, 20, 21, 30)))
    type_into(ui.city, "Kobe 神戸市")
    # TDLC hosts unless told otherwise: the empty field says so.
    assert ui.hostCity.selectedData() is None
    assert ui.hostCity.lineEdit().placeholderText() == "TDLC Tokyo"
    type_into(ui.hostCity, "Kobe 神戸市 · city office")
    type_into(ui.parent, "CPP annual conference (12 Apr 2027)")
    type_into(ui.videoLink, "https://worldbankgroup.zoom.us/j/812")
    choose(ui.delegations, "kathmandu")
    choose(ui.participants, "田中")
    choose(ui.themes, "seismic")
    qtbot.keyClicks(ui.description, "Kobe's recovery since 1995")
    accept(dialog)

    values = dialog.values()
    assert not RESERVED_KEYS & values.keys()
    assert values["title"] == "Disaster-risk workshop with Kobe"
    assert values["kind"] is EventKind.WORKSHOP
    assert values["mode"] is EventMode.HYBRID
    assert values["status"] is EventStatus.TENTATIVE
    assert values["zone"] == "America/Lima"
    assert values["start_utc"] == datetime(2027, 4, 21, 0, 0, tzinfo=UTC)
    assert values["end_utc"] == datetime(2027, 4, 21, 2, 30, tzinfo=UTC)
    assert values["parent_id"] == program["conference"]
    assert values["delegation_ids"] == [program["kathmandu"]]
    assert values["participant_ids"] == [program["yuki"]]
    assert values["venue_id"] is None
    assert values["recurrence_rule"] is None
    assert values["description"] == "Kobe's recovery since 1995"
    with sqlite_database.session() as session:
        kobe = session.scalars(select(PartnerCity).where(PartnerCity.name == "Kobe")).one()
        seismic = session.scalars(
            select(ThematicArea).where(ThematicArea.code == "seismic-risk")
        ).one()
        assert values["city_id"] == kobe.id
        assert values["host_city_id"] == kobe.id
        assert values["theme_ids"] == [seismic.id]
        assert session.scalar(select(func.count()).select_from(Event)) == 1  # nothing written
    assert dialog.record_title() == "Disaster-risk workshop with Kobe"


def test_the_start_shows_in_tokyo_and_in_the_delegations_time(
    qtbot: QtBot,
    sqlite_database: Database,
    program: dict[str, str],
    choose: Callable[..., None],
) -> None:
    start = datetime(2027, 4, 21, 0, tzinfo=UTC)  # 09:00 in Tokyo
    dialog = make_dialog(
        qtbot, sqlite_database, start=start, end=datetime(2027, 4, 21, 2, tzinfo=UTC)
    )
    assert dialog.ui.tokyoTime.text() == "Tokyo Wed 21 Apr 09:00"
    choose(dialog.ui.delegations, "lima")
    qtbot.waitUntil(lambda: "Lima housing" in dialog.ui.attendeeTimes.text())
    lines = dialog.ui.attendeeTimes.text().splitlines()
    assert lines[0] == (
        "Lima housing ministry: Tue 20 Apr 19:00–21:00 (UTC-05:00), the day before Tokyo"
        " · acceptable hours"
    )
    assert lines[1] == "Tokyo: Wed 21 Apr 09:00–11:00 (UTC+09:00) · working hours"


def test_a_missing_title_is_marked_and_blocks_ok_until_typed(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    # A new form does not open in red, but says what it needs before it can be saved.
    assert not is_marked(dialog, "title")
    assert not ok_button(dialog).isEnabled()
    assert ok_button(dialog).toolTip() == "To save: The title is required."
    assert dialog.ui.problemSummary.text() == "To save: The title is required."
    qtbot.keyClicks(dialog.ui.title, "Site visit")
    type_into(dialog.ui.title, "")
    assert is_marked(dialog, "title")
    assert error_text(dialog, "title") == "The title is required."
    assert not ok_button(dialog).isEnabled()
    qtbot.keyClicks(dialog.ui.title, "Site visit: Kitakyushu eco-town")
    assert not is_marked(dialog, "title")
    assert error_text(dialog, "title") == ""
    assert ok_button(dialog).isEnabled()


def test_wrong_fields_are_marked_with_the_domain_reasons(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Monthly videoconference")
    type_into(ui.videoLink, "zoom.us/j/1")
    assert error_text(dialog, "video_link") == "The video link must start with https://."
    ui.end.setDateTime(ui.start.dateTime().addSecs(-3600))
    assert error_text(dialog, "end_utc") == "The event must end after it starts."
    type_into(ui.zone, "Asia/Tokio")
    assert "not a time zone" in error_text(dialog, "zone")
    type_into(ui.venue, "Osaka castle")
    assert "No venue is called 'Osaka castle'" in error_text(dialog, "venue_id")
    assert not ok_button(dialog).isEnabled()
    assert ui.problemSummary.text().startswith("To save: 'Asia/Tokio' is not a time zone")
    place_tab = ui.tabs.indexOf(ui.placeTab)
    assert ui.tabs.tabBar().tabTextColor(place_tab).name() == "#c62828"  # the venue is there

    type_into(ui.videoLink, "https://zoom.us/j/1")
    ui.end.setDateTime(ui.start.dateTime().addSecs(3600))
    type_into(ui.zone, "Asia/Tokyo")
    type_into(ui.venue, "")
    assert dialog.problems() == []
    assert ok_button(dialog).isEnabled()
    assert ui.problemSummary.isHidden()


def test_a_skipped_clock_time_asks_which_instant_is_meant(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Washington briefing")
    type_into(ui.zone, timezones.WASHINGTON)
    ui.start.setDateTime(wall_clock(datetime(2027, 3, 14, 2, 30)))  # clocks jump 02:00 -> 03:00
    assert not ui.startChoice.isHidden()
    assert "does not exist in America/New_York" in ui.startChoice.message.text()
    assert ui.startChoice.earlier.text().startswith("01:30 EST (UTC-05:00) = 06:30 UTC")
    assert ui.startChoice.later.text().startswith("03:30 EDT (UTC-04:00) = 07:30 UTC")
    assert error_text(dialog, "start_utc") == "Choose below which 02:30 you mean."
    assert not ok_button(dialog).isEnabled()
    # No local times of the meeting as it stood before: there is no meeting to show yet.
    assert ui.attendeeTimes.text() == ""
    assert not dialog.local_times_pending

    qtbot.mouseClick(ui.startChoice.later, Qt.MouseButton.LeftButton)
    # 02:30 read as 03:30 daylight time: the end follows it, the hour kept, as on any
    # other move of the start (it stood at 03:30 on the wall clock, the start's instant).
    assert ui.end.dateTime().toString("HH:mm") == "04:30"
    assert ok_button(dialog).isEnabled()
    accept(dialog)
    values = dialog.values()
    assert values["start_utc"] == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    assert values["end_utc"] == datetime(2027, 3, 14, 8, 30, tzinfo=UTC)


def _stored_call(database: Database, start: datetime, end: datetime) -> str:
    """The id of a call in New York from ``start`` to ``end`` (UTC)."""
    with database.transaction() as session:
        event = Event(title="Night call with Washington", zone=timezones.WASHINGTON)
        event.start_utc, event.end_utc = start, end
        session.add(event)
        session.flush()
        return event.id


def test_moving_the_start_keeps_the_time_that_passes_as_a_drag_does(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    """A two-hour call from 00:30 EDT on 6 November 2027 moved to the 7th, when the
    clocks go back at 02:00, still lasts two hours: it ends at 01:30 EST, the second
    01:30 of the night, as a drag onto that night would leave it."""
    call = _stored_call(
        sqlite_database,
        datetime(2027, 11, 6, 4, 30, tzinfo=UTC),  # 00:30 EDT
        datetime(2027, 11, 6, 6, 30, tzinfo=UTC),  # 02:30 EDT
    )
    dialog = make_dialog(qtbot, sqlite_database, call)
    ui = dialog.ui
    ui.start.setDateTime(wall_clock(datetime(2027, 11, 7, 0, 30)))
    assert ui.end.dateTime() == wall_clock(datetime(2027, 11, 7, 1, 30))
    assert ui.endChoice.fold() is timezones.Fold.LATER  # 01:30 EST, offered first
    assert ui.duration.text() == "2 h"
    assert ok_button(dialog).isEnabled()
    values = dialog.values()
    assert values["start_utc"] == datetime(2027, 11, 7, 4, 30, tzinfo=UTC)
    assert values["end_utc"] == datetime(2027, 11, 7, 6, 30, tzinfo=UTC)


def test_find_a_time_searches_for_the_length_the_dialog_shows(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    """00:30 EDT to 02:30 EST on 7 November 2027 is three hours: the dialog says so, and
    Find a time looks for three hours, not the two the wall clock reads."""
    call = _stored_call(
        sqlite_database,
        datetime(2027, 11, 7, 4, 30, tzinfo=UTC),  # 00:30 EDT
        datetime(2027, 11, 7, 7, 30, tzinfo=UTC),  # 02:30 EST
    )
    dialog = make_dialog(qtbot, sqlite_database, call)
    assert dialog.ui.duration.text() == "3 h"
    qtbot.mouseClick(dialog.ui.findTime, Qt.MouseButton.LeftButton)
    finder = dialog.slot_finder
    assert finder is not None
    assert finder.ui.duration.value() == 180
    finder.reject()


def test_a_repeated_clock_time_asks_which_of_the_two(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Late call with Washington")
    type_into(ui.zone, timezones.WASHINGTON)
    ui.start.setDateTime(wall_clock(datetime(2027, 11, 7, 1, 30)))  # clocks go back at 02:00
    ui.end.setDateTime(wall_clock(datetime(2027, 11, 7, 3, 0)))
    assert "happens twice" in ui.startChoice.message.text()
    assert ui.endChoice.isHidden()
    qtbot.mouseClick(ui.startChoice.earlier, Qt.MouseButton.LeftButton)
    assert dialog.values()["start_utc"] == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
    qtbot.mouseClick(ui.startChoice.later, Qt.MouseButton.LeftButton)
    assert dialog.values()["start_utc"] == datetime(2027, 11, 7, 6, 30, tzinfo=UTC)
    ui.start.setDateTime(wall_clock(datetime(2027, 11, 7, 0, 30)))
    assert ui.startChoice.isHidden()


def test_moving_the_start_keeps_the_length(
    qtbot: QtBot,
    sqlite_database: Database,
) -> None:
    dialog = make_dialog(
        qtbot,
        sqlite_database,
        start=datetime(2027, 5, 10, 1, tzinfo=UTC),
        end=datetime(2027, 5, 10, 3, tzinfo=UTC),
    )
    dialog.ui.start.setDateTime(wall_clock(datetime(2027, 5, 11, 14, 0)))
    assert dialog.ui.end.dateTime() == wall_clock(datetime(2027, 5, 11, 16, 0))
    assert dialog.ui.duration.text() == "2 h"


def test_a_monthly_series_is_built_from_the_start(
    qtbot: QtBot,
    sqlite_database: Database,
) -> None:
    dialog = make_dialog(qtbot, sqlite_database, start=datetime(2027, 1, 20, 0, tzinfo=UTC))
    qtbot.keyClicks(dialog.ui.title, "Monthly videoconference with the delegations")
    editor = dialog.ui.recurrence
    editor.pattern.setCurrentIndex(editor.pattern.findText("Monthly on the third Wednesday"))
    editor.count.setValue(6)
    assert dialog.values()["recurrence_rule"] == "FREQ=MONTHLY;BYDAY=3WE;COUNT=6"


def test_an_event_being_edited_shows_its_stored_values(
    qtbot: QtBot,
    sqlite_database: Database,
    program: dict[str, str],
) -> None:
    with sqlite_database.transaction() as session:
        venue = session.scalars(select(Venue).order_by(Venue.name)).first()
        theme = session.scalars(select(ThematicArea).where(ThematicArea.code == "smart-city")).one()
        event = Event(
            title="Smart-city videoconference",
            kind=EventKind.VIDEOCONFERENCE,
            mode=EventMode.VIRTUAL,
            status=EventStatus.CONFIRMED,
            zone="America/Lima",
            start_utc=timezones.to_utc(datetime(2027, 2, 17, 8, 0), "America/Lima"),
            end_utc=timezones.to_utc(datetime(2027, 2, 17, 10, 0), "America/Lima"),
            venue=venue,
            video_link="https://zoom.us/j/42",
            description="Agenda",
            notes="Check the link",
            parent_id=program["conference"],
            organiser_id=program["yuki"],
            recurrence_rule="FREQ=MONTHLY;BYDAY=3WE;COUNT=4",
        )
        yokohama = session.scalars(select(PartnerCity).where(PartnerCity.name == "Yokohama"))
        event.host_city = yokohama.one()
        event.themes = [theme]
        event.delegations = [session.get(Delegation, program["lima"])]
        event.participants = [session.get(Participant, program["ana"])]
        session.add(event)
        session.flush()
        event_id, venue_id, theme_id = event.id, venue.id, theme.id
        host_id = event.host_city_id

    dialog = make_dialog(qtbot, sqlite_database, event_id)
    ui = dialog.ui
    assert dialog.windowTitle() == "Event: Smart-city videoconference"
    assert ui.title.text() == "Smart-city videoconference"
    assert ui.kind.currentText() == "Videoconference"
    assert ui.zone.zoneName() == "America/Lima"
    assert ui.start.dateTime() == wall_clock(datetime(2027, 2, 17, 8, 0))
    assert ui.recurrence.pattern.currentText() == "Monthly on the third Wednesday"
    assert ui.delegations.checkedIds() == [program["lima"]]
    assert ok_button(dialog).text() == "Save"
    values = dialog.values()
    assert values == dialog.original_values()
    assert values["venue_id"] == venue_id
    assert values["theme_ids"] == [theme_id]
    assert values["participant_ids"] == [program["ana"]]
    assert values["organiser_id"] == program["yuki"]
    assert values["host_city_id"] == host_id
    assert ui.hostCity.currentText().startswith("Yokohama")
    assert values["recurrence_rule"] == "FREQ=MONTHLY;BYDAY=3WE;COUNT=4"
    assert values["notes"] == "Check the link"
    assert values["start_utc"] == datetime(2027, 2, 17, 13, 0, tzinfo=UTC)


def test_an_event_cannot_be_a_session_of_itself(
    qtbot: QtBot,
    sqlite_database: Database,
    program: dict[str, str],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database, program["conference"])
    assert dialog.ui.parent.findData(program["conference"]) < 0


def test_an_event_deleted_meanwhile_closes_its_editor_and_says_why(
    qtbot: QtBot,
    sqlite_database: Database,
    tasks: TaskManager,
) -> None:
    dialog = EventDialog(sqlite_database, "no-such-event", tasks=tasks)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=10_000):
        dialog.show()
    assert isinstance(dialog.record_missing, RecordMissingError)
    assert "no longer exists" in str(dialog.record_missing)
    assert not dialog.isVisible()


def test_stored_times_keep_their_reading_in_a_repeated_hour(
    qtbot: QtBot,
    sqlite_database: Database,
) -> None:
    second = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)  # the second 01:30 in New York
    with sqlite_database.transaction() as session:
        event = Event(
            title="Night call",
            zone=timezones.WASHINGTON,
            start_utc=second,
            end_utc=second.replace(hour=8),
        )
        session.add(event)
        session.flush()
        event_id = event.id
    dialog = make_dialog(qtbot, sqlite_database, event_id)
    assert dialog.ui.startChoice.fold() is timezones.Fold.LATER
    assert dialog.values()["start_utc"] == second
    assert time(1, 30) == dialog.ui.start.time().toPython()


def test_a_series_meeting_in_a_clock_change_is_refused_under_the_series(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Night shift check-in")
    type_into(ui.zone, timezones.WASHINGTON)
    ui.start.setDateTime(wall_clock(datetime(2027, 1, 14, 2, 30)))
    editor = ui.recurrence
    editor.pattern.setCurrentIndex(editor.pattern.findText("Monthly on day 14"))
    editor.count.setValue(3)  # 14 March 02:30 does not exist in New York
    assert is_marked(dialog, "recurrence_rule")
    assert "An occurrence cannot be placed: 2027-03-14 02:30 does not exist" in error_text(
        dialog, "recurrence_rule"
    )
    assert not ok_button(dialog).isEnabled()
    editor.count.setValue(2)
    assert ok_button(dialog).isEnabled()


# -- the dialog helps while typing ------------------------------------------------------


def test_a_videoconference_is_virtual_unless_the_mode_was_chosen_by_hand(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Housing finance call")
    ui.kind.setCurrentIndex(ui.kind.findText("Videoconference"))
    assert ui.mode.currentText() == "Virtual"
    ui.kind.setCurrentIndex(ui.kind.findText("Site visit"))
    assert ui.mode.currentText() == "Face-to-face"

    ui.mode.setFocus()
    qtbot.keyClick(ui.mode, Qt.Key.Key_End)  # the coordinator picks Hybrid
    assert ui.mode.currentText() == "Hybrid"
    ui.kind.setCurrentIndex(ui.kind.findText("Videoconference"))
    assert ui.mode.currentText() == "Hybrid"
    assert dialog.values()["mode"] is EventMode.HYBRID


def test_a_stored_event_keeps_its_unusual_mode_when_its_kind_changes(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    with sqlite_database.transaction() as session:
        event = Event(
            title="Kobe recovery workshop",
            kind=EventKind.WORKSHOP,
            mode=EventMode.HYBRID,
            start_utc=datetime(2027, 4, 21, 0, tzinfo=UTC),
            end_utc=datetime(2027, 4, 21, 2, tzinfo=UTC),
        )
        session.add(event)
        session.flush()
        event_id = event.id
    dialog = make_dialog(qtbot, sqlite_database, event_id)
    dialog.ui.kind.setCurrentIndex(dialog.ui.kind.findText("Videoconference"))
    assert dialog.ui.mode.currentText() == "Hybrid"


def _add_delegation(database: Database, name: str, country: str, zone: str) -> str:
    with database.transaction() as session:
        delegation = Delegation(name=name, country=country, zone=zone, home_city=name)
        session.add(delegation)
        session.flush()
        return delegation.id


def _shown(qtbot: QtBot, dialog: EventDialog) -> None:
    """On screen at the size the dialog opens with, as on a 1366x768 laptop."""
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSize()))
    qtbot.wait(50)


def test_local_times_are_the_engines_answer_and_fit_the_dialog(
    qtbot: QtBot,
    sqlite_database: Database,
    program: dict[str, str],
    choose: Callable[..., None],
) -> None:
    bank = _add_delegation(sqlite_database, "World Bank urban team", "US", timezones.WASHINGTON)
    start, end = datetime(2027, 3, 8, 0, tzinfo=UTC), datetime(2027, 3, 8, 1, tzinfo=UTC)
    dialog = make_dialog(qtbot, sqlite_database, start=start, end=end)
    _shown(qtbot, dialog)
    choose(dialog.ui.delegations, "world bank")
    choose(dialog.ui.delegations, "lima")
    assert dialog.local_times_pending  # nothing is worked out while the coordinator types
    qtbot.waitUntil(lambda: not dialog.local_times_pending)
    qtbot.wait(20)  # the label's new height is laid out

    # The same event saved: what the Local times dock and `cpp-scheduler times` read.
    with sqlite_database.transaction() as session:
        saved = Event(title="Saved twin", start_utc=start, end_utc=end)
        saved.delegations = [
            session.get(Delegation, bank),
            session.get(Delegation, program["lima"]),
        ]
        session.add(saved)
        session.flush()
        saved_id = saved.id
    engine = read_local_times(sqlite_database, saved_id)
    assert dialog.local_times is not None
    assert dialog.local_times.rows == engine.rows
    label = dialog.ui.attendeeTimes
    assert label.text().splitlines() == [time_line(row, timezones.TOKYO) for row in engine.rows]
    assert (
        "Washington: Sun 07 Mar 19:00–20:00 (UTC-05:00), the day before Tokyo · acceptable hours"
        in label.text().splitlines()
    )
    # Every line is seen whole: wrapped to the label's width, the label tall enough.
    assert label.wordWrap()
    assert label.isVisible()
    assert label.height() >= label.heightForWidth(label.width())
    page = dialog.ui.whenTab
    assert label.mapTo(page, label.rect().bottomRight()).y() <= page.height()
    tokyo = dialog.ui.tokyoTime
    assert tokyo.fontMetrics().horizontalAdvance(tokyo.text()) <= tokyo.contentsRect().width()


def test_a_holiday_and_a_night_at_home_are_flagged_before_saving(
    qtbot: QtBot,
    sqlite_database: Database,
    program: dict[str, str],
    choose: Callable[..., None],
) -> None:
    new_year = date(2027, 4, 14)
    assert holidays.holiday_name("NP", new_year) == "Nepali New Year"  # the engine's data
    dialog = make_dialog(
        qtbot,
        sqlite_database,
        start=datetime(2027, 4, 14, 6, tzinfo=UTC),  # 15:00 Tokyo, 11:45 Kathmandu
        end=datetime(2027, 4, 14, 7, tzinfo=UTC),
    )
    _shown(qtbot, dialog)
    choose(dialog.ui.delegations, "kathmandu")
    warnings = dialog.ui.attendeeWarnings
    qtbot.waitUntil(lambda: "Nepali New Year" in warnings.text())
    assert warnings.isVisible()
    assert warnings.text() == (
        "⚠ Wed 14 Apr 2027 is Nepali New Year, a public holiday in Nepal "
        "(Kathmandu metropolitan city)."
    )

    # Two days later in the evening, as a call: no holiday, but Lima would be up at
    # 02:00 at home (in a room in Tokyo it would not: the conflict check's rule).
    dialog.ui.kind.setCurrentIndex(dialog.ui.kind.findData(EventKind.VIDEOCONFERENCE.value))
    choose(dialog.ui.delegations, "lima")
    dialog.ui.start.setDateTime(wall_clock(datetime(2027, 4, 16, 16, 0)))
    qtbot.waitUntil(lambda: "Nepali New Year" not in warnings.text())
    assert warnings.text() == "⚠ Night for Lima housing ministry: 02:00–03:00 there."
    with sqlite_database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 1  # nothing saved


def test_a_visit_at_a_venue_in_japan_warns_of_its_hosts_holiday_as_the_saved_one_does(
    qtbot: QtBot,
    sqlite_database: Database,
    program: dict[str, str],
    choose: Callable[..., None],
) -> None:
    """A site visit at a Kobe venue on Foundation Day (Thu 11 Feb 2027), its
    times typed on Lima's clock: it is held in Japan, so the holiday is its hosts', as
    the saved event's Local times and the conflict check say. The dialog judged it by
    the clock it was typed on and said nothing."""
    with sqlite_database.transaction() as session:
        hall = Venue(name="Kobe City Hall", locality="Kobe", zone="Asia/Tokyo")
        session.add(hall)
        session.flush()
        hall_id = hall.id
    start = datetime(2027, 2, 11, 1, tzinfo=UTC)  # 10:00 in Kobe, 20:00 the day before in Lima
    dialog = make_dialog(qtbot, sqlite_database, start=start, end=start + timedelta(hours=2))
    _shown(qtbot, dialog)
    dialog.ui.kind.setCurrentIndex(dialog.ui.kind.findData(EventKind.SITE_VISIT.value))
    dialog.ui.mode.setCurrentIndex(dialog.ui.mode.findData(EventMode.FACE_TO_FACE.value))
    dialog.ui.zone.setZoneName("America/Lima")
    dialog.ui.start.setDateTime(wall_clock(datetime(2027, 2, 10, 20, 0)))  # Lima's clock
    dialog.ui.venue.setSelectedData(hall_id)
    choose(dialog.ui.delegations, "lima")
    assert dialog.local_times_pending  # worked out again for the values typed last
    qtbot.waitUntil(lambda: not dialog.local_times_pending)
    assert dialog.ui.attendeeWarnings.text() == (
        "⚠ Thu 11 Feb 2027 is Foundation Day, a public holiday in Japan (the hosts in Tokyo)."
    )

    with sqlite_database.transaction() as session:
        saved = Event(
            title="Saved twin",
            kind=EventKind.SITE_VISIT,
            mode=EventMode.FACE_TO_FACE,
            zone="America/Lima",
            start_utc=start,
            end_utc=start + timedelta(hours=2),
            venue_id=hall_id,
        )
        saved.delegations = [session.get(Delegation, program["lima"])]  # type: ignore[list-item]
        session.add(saved)
        session.flush()
        saved_id = saved.id
    engine = read_local_times(sqlite_database, saved_id)
    assert dialog.local_times is not None
    assert dialog.local_times.warnings == engine.warnings
    assert [w.who for w in engine.warnings] == ["the hosts in Tokyo"]


def test_the_local_times_follow_the_start_as_it_is_typed(
    qtbot: QtBot, demo_sqlite_path: Path
) -> None:
    """Each keystroke works the attendees' local times out again (its cost per keystroke
    is measured by benchmarks/bench_typing.py)."""
    database = open_database(demo_sqlite_path)
    try:
        dialog = make_dialog(
            qtbot,
            database,
            start=datetime(2027, 2, 15, 0, tzinfo=UTC),
            end=datetime(2027, 2, 18, 9, tzinfo=UTC),  # four local dates for every holiday
        )
        everyone = [choice.id for choice in dialog.ui.delegations.model.choices()]
        everyone += [choice.id for choice in dialog.ui.participants.model.choices()]
        dialog.ui.delegations.setCheckedIds(everyone)
        dialog.ui.participants.setCheckedIds(everyone)
        shown = set()
        for hour in range(3):
            dialog.ui.start.setDateTime(wall_clock(datetime(2027, 2, 15, 9 + hour, 0)))
            dialog.revalidate()
            dialog.show_local_times()
            assert len(dialog.ui.attendeeTimes.text().splitlines()) > 10
            shown.add(dialog.ui.attendeeTimes.text())
        assert len(shown) == 3  # every hour moved shows other local times
    finally:
        database.close()


def test_find_a_time_opens_the_slot_finder_and_brings_the_chosen_time_back(
    qtbot: QtBot,
    sqlite_database: Database,
    program: dict[str, str],
    choose: Callable[..., None],
    type_into: Callable[..., None],
) -> None:
    dialog = make_dialog(
        qtbot,
        sqlite_database,
        start=datetime(2027, 4, 21, 0, tzinfo=UTC),
        end=datetime(2027, 4, 21, 2, tzinfo=UTC),
    )
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Heritage districts exchange")
    type_into(ui.zone, "America/Lima")
    choose(ui.delegations, "kathmandu")
    choose(ui.participants, "田中")
    type_into(ui.hostCity, "Kobe 神戸市 · city office")
    qtbot.mouseClick(ui.findTime, Qt.MouseButton.LeftButton)

    finder = dialog.slot_finder
    assert finder is not None
    assert finder.isVisible()
    assert finder.chosen_ids() == [program["kathmandu"], program["yuki"]]
    assert finder.ui.duration.value() == 120
    assert finder.ui.createButton.text() == "Use this time"
    assert not finder.ui.title.isVisible()  # the event dialog names the event
    qtbot.waitUntil(lambda: finder.search_result is not None, timeout=20_000)
    assert finder.ui.host.currentData() == ui.hostCity.selectedData()
    assert finder.period() == (date(2027, 4, 19), date(2027, 4, 25))
    chosen = finder.chosen_span()
    assert chosen is not None
    qtbot.mouseClick(finder.ui.createButton, Qt.MouseButton.LeftButton)

    assert not finder.isVisible()
    values = dialog.values()
    assert (values["start_utc"], values["end_utc"]) == chosen
    assert values["zone"] == "America/Lima"
    local = timezones.to_local(chosen[0], "America/Lima")
    assert ui.start.dateTime() == wall_clock(local.replace(tzinfo=None))
    with sqlite_database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 1  # nothing created


def test_all_day_turns_the_times_into_first_and_last_days(
    qtbot: QtBot,
    sqlite_database: Database,
    program: dict[str, str],
    choose: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Golden Week: TDLC closed")
    ui.start.setDateTime(wall_clock(datetime(2027, 4, 29, 10, 0)))
    qtbot.mouseClick(ui.allDay, Qt.MouseButton.LeftButton)
    assert ui.start.displayFormat() == "ddd d MMM yyyy"  # dates, no hours to type
    assert (ui.startLabel.text(), ui.endLabel.text()) == ("&First day", "&Last day")
    ui.end.setDateTime(wall_clock(datetime(2027, 5, 5)))
    choose(ui.delegations, "Lima")
    dialog.show_local_times()
    assert ui.duration.text() == "7 days"
    assert ui.tokyoTime.text() == ""
    assert ui.attendeeTimes.text() == (
        "All day from Thu 29 Apr 2027 to Wed 05 May 2027, on every attendee's calendar"
    )
    assert "Night" not in ui.attendeeWarnings.text()  # midnight in Tokyo is no night in Lima
    assert "Showa Day" in ui.attendeeWarnings.text()  # but the holiday on its dates shows
    accept(dialog)
    values = dialog.values()
    assert values["all_day"] is True
    # The first day's start and the start of the day after the last, in Tokyo.
    assert values["start_utc"] == datetime(2027, 4, 28, 15, 0, tzinfo=UTC)
    assert values["end_utc"] == datetime(2027, 5, 5, 15, 0, tzinfo=UTC)


def test_moving_an_all_day_events_first_day_keeps_its_number_of_days(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    dialog = make_dialog(qtbot, sqlite_database)
    ui = dialog.ui
    qtbot.keyClicks(ui.title, "Year-end closure")
    typed_start, typed_end = ui.start.dateTime(), ui.end.dateTime()
    ui.allDay.setChecked(True)
    ui.start.setDateTime(wall_clock(datetime(2027, 12, 30)))
    ui.end.setDateTime(wall_clock(datetime(2028, 1, 1)))
    ui.start.setDateTime(wall_clock(datetime(2027, 12, 31)))
    assert ui.end.dateTime() == wall_clock(datetime(2028, 1, 2))
    ui.end.setDateTime(wall_clock(datetime(2027, 12, 20)))  # before the first day
    assert "last day cannot come before the first" in error_text(dialog, "end_utc")
    assert not ok_button(dialog).isEnabled()
    ui.allDay.setChecked(False)  # back to the times it had, on the first day
    assert ui.start.dateTime().date() == QDate(2027, 12, 31)
    assert ui.start.dateTime().time() == typed_start.time()
    assert ui.start.dateTime().secsTo(ui.end.dateTime()) == typed_start.secsTo(typed_end)
    assert dialog.values()["all_day"] is False


def _stored_one_day(database: Database, title: str, zone: str, day: date) -> str:
    """The id of a new all-day event on ``day`` alone, in ``zone``."""
    with database.transaction() as session:
        event = Event(title=title, zone=zone)
        event.set_dates(day, day)
        session.add(event)
        session.flush()
        return event.id


def test_a_stored_all_day_event_opens_on_its_dates(qtbot: QtBot, sqlite_database: Database) -> None:
    event_id = _stored_one_day(
        sqlite_database, "Arrival of the Lima delegation", "America/Lima", date(2027, 2, 14)
    )
    dialog = make_dialog(qtbot, sqlite_database, event_id)
    ui = dialog.ui
    assert ui.allDay.isChecked()
    assert ui.start.dateTime().date() == QDate(2027, 2, 14)
    assert ui.end.dateTime().date() == QDate(2027, 2, 14)  # the last day, not the exclusive end
    assert dialog.values() == dialog.original_values()


def test_a_day_samoa_skipped_is_refused_and_the_day_before_stays_one_day(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    """Samoa went from 29 to 31 December 2011: the 30th cannot be an all-day event's
    first or last day there, and an event on the 29th opens on the 29th alone."""
    event_id = _stored_one_day(
        sqlite_database, "Apia office closed", "Pacific/Apia", date(2011, 12, 29)
    )
    dialog = make_dialog(qtbot, sqlite_database, event_id)
    ui = dialog.ui
    assert ui.start.dateTime().date() == QDate(2011, 12, 29)
    assert ui.end.dateTime().date() == QDate(2011, 12, 29)
    assert dialog.values() == dialog.original_values()
    ui.end.setDateTime(wall_clock(datetime(2011, 12, 30)))
    assert error_text(dialog, "end_utc") == (
        "Pacific/Apia has no 30 Dec 2011: its clocks skipped that day."
    )
    assert not ok_button(dialog).isEnabled()
    ui.end.setDateTime(wall_clock(datetime(2011, 12, 31)))  # the 29th and the 31st
    assert error_text(dialog, "end_utc") == ""
    assert ok_button(dialog).isEnabled()
    assert dialog.values()["end_utc"] == timezones.day_start(date(2012, 1, 1), "Pacific/Apia")
    assert ui.duration.text() == "2 days"  # the 30th was never lived in Apia


def test_an_all_day_events_length_counts_its_dates_not_its_hours(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    """Kwajalein lived 30 September 1969 twice: a closure of that day is 47 hours long
    and one day; a weekend over Berlin's spring change is 71 hours and three days."""
    kwajalein = _stored_one_day(
        sqlite_database, "Atoll office closed", "Pacific/Kwajalein", date(1969, 9, 30)
    )
    dialog = make_dialog(qtbot, sqlite_database, kwajalein)
    dialog.show_local_times()
    assert dialog.ui.duration.text() == "1 day"
    berlin = _stored_one_day(
        sqlite_database, "Berlin office closed", "Europe/Berlin", date(2026, 3, 28)
    )
    dialog = make_dialog(qtbot, sqlite_database, berlin)
    dialog.ui.end.setDateTime(wall_clock(datetime(2026, 3, 30)))
    dialog.show_local_times()
    assert dialog.ui.duration.text() == "3 days"


MANY_ZONES = (
    ("PE", "America/Lima"), ("CO", "America/Bogota"), ("MX", "America/Mexico_City"),
    ("BR", "America/Sao_Paulo"), ("KE", "Africa/Nairobi"), ("NG", "Africa/Lagos"),
    ("EG", "Africa/Cairo"), ("MK", "Europe/Skopje"), ("NP", "Asia/Kathmandu"),
    ("IN", "Asia/Kolkata"), ("BD", "Asia/Dhaka"), ("PH", "Asia/Manila"),
    ("ID", "Asia/Jakarta"), ("FJ", "Pacific/Fiji"), ("PG", "Pacific/Port_Moresby"),
    ("MN", "Asia/Ulaanbaatar"),
)  # fmt: skip


SPEAKER_ZONES = (
    "Europe/London", "Europe/Paris", "Asia/Dubai", "Asia/Karachi", "Asia/Bangkok",
    "Asia/Seoul", "Australia/Sydney", "Pacific/Auckland", "America/New_York",
    "America/Chicago", "America/Los_Angeles", "America/Santiago",
)  # fmt: skip


def test_many_attendees_scroll_and_the_dialog_fits_a_laptop_screen(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    """Sixteen delegations and a dozen speakers, each on a clock of their own: their
    local times scroll inside the When tab, and the dialog keeps within a 1366x768
    screen (its title bar and a taskbar leave about 700 pixels)."""
    with sqlite_database.transaction() as session:
        delegations = [
            Delegation(name=f"Delegation of {zone.split('/')[1]}", country=country, zone=zone)
            for country, zone in MANY_ZONES
        ]
        speakers = [
            Participant(name=f"Speaker in {zone}", email=f"speaker{number}@example.org", zone=zone)
            for number, zone in enumerate(SPEAKER_ZONES)
        ]
        event = Event(
            title="Resilient cities videoconference",
            kind=EventKind.VIDEOCONFERENCE,
            mode=EventMode.VIRTUAL,
            video_link="https://zoom.us/j/7",
            start_utc=datetime(2027, 3, 17, 8, tzinfo=UTC),
            end_utc=datetime(2027, 3, 17, 10, tzinfo=UTC),
            delegations=delegations,
            participants=speakers,
        )
        session.add(event)
        session.flush()
        event_id = event.id
    dialog = make_dialog(qtbot, sqlite_database, event_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.sizeHint())
    area = dialog.ui.attendeeTimesArea
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)  # the rest a scroll away
    assert dialog.sizeHint().height() <= 700
    assert "Delegation of Ulaanbaatar" in dialog.ui.attendeeTimes.text()
    assert area.height() >= 8 * area.fontMetrics().lineSpacing()  # and many lines show


def test_the_attendees_tab_with_its_answers_fits_a_laptop_screen(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    """A dozen speakers invited, each with an answer or none yet: on the Attendees tab
    the dialog keeps within a 1366x768 screen (about 700 pixels under its title bar and
    over a taskbar), the answers a scroll away rather than the dialog growing."""
    with sqlite_database.transaction() as session:
        delegations = [
            Delegation(
                name=f"Metropolitan delegation of {zone.split('/')[1]}",
                country=country,
                zone=zone,
            )
            for country, zone in MANY_ZONES
        ]
        speakers = [
            Participant(
                name=f"Keynote speaker in {zone.split('/')[1]}",
                email=f"speaker{number}@example.org",
                zone=zone,
            )
            for number, zone in enumerate(SPEAKER_ZONES)
        ]
        event = Event(
            title="Resilient cities videoconference",
            kind=EventKind.VIDEOCONFERENCE,
            mode=EventMode.VIRTUAL,
            video_link="https://zoom.us/j/7",
            start_utc=datetime(2027, 3, 17, 8, tzinfo=UTC),
            end_utc=datetime(2027, 3, 17, 10, tzinfo=UTC),
            delegations=delegations,
            participants=speakers,
        )
        session.add(event)
        session.flush()
        event_id = event.id
    dialog = make_dialog(qtbot, sqlite_database, event_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.sizeHint())
    dialog.ui.tabs.setCurrentWidget(dialog.ui.attendeesTab)
    qtbot.waitUntil(lambda: dialog.answers.isVisible())
    rows = dialog.answers.shown_rows()
    assert len(rows) >= 12
    assert dialog.minimumSizeHint().height() <= 700
    assert dialog.sizeHint().height() <= 700
    assert dialog.height() <= 700
    table = dialog.answers.table
    assert table.height() >= 4 * table.fontMetrics().lineSpacing()  # a few answers show


def test_an_organiser_typed_before_the_lists_came_is_kept_and_chosen(
    qtbot: QtBot, sqlite_database: Database, program: dict[str, str], tasks: TaskManager
) -> None:
    # A new event's editor is usable at once; its lists come from a background read.
    with reads_held(tasks):
        dialog = EventDialog(sqlite_database, tasks=tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClicks(dialog.ui.title, "Mobility clinic")
        qtbot.keyClicks(dialog.ui.organiser.lineEdit(), "Ana Ma")
        assert not dialog.lists_ready()
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    organiser = dialog.ui.organiser
    assert organiser.currentText() == "Ana Ma"
    assert organiser.hasUnknownText()
    listed = organiser.itemText(organiser.findData(program["ana"]))
    assert listed.startswith("Ana Ma")
    organiser.lineEdit().insert(listed.removeprefix("Ana Ma"))  # the coordinator goes on
    assert dialog.values()["organiser_id"] == program["ana"]


@pytest.mark.parametrize(
    ("minutes", "said"), [(65, "1 h 5 min"), (26 * 60 + 30, "26 h 30 min"), (45, "45 min")]
)
def test_a_length_reads_alike_in_the_dialog_the_undo_step_and_the_tour_builder(
    qtbot: QtBot, sqlite_database: Database, minutes: int, said: str
) -> None:
    """One way to say a length (the engine's ``describe_duration``, which the tour
    builder and the travel times use): the dialog's Duration, and the Undo step of a
    resize to that length."""
    start = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)
    end = start + timedelta(minutes=minutes)
    call = _stored_call(sqlite_database, start, end)
    dialog = make_dialog(qtbot, sqlite_database, call)
    assert dialog.ui.duration.text() == said == describe_duration(end - start)
    step = move_text("Call", start, end, start, start + timedelta(hours=1), timezones.TOKYO)
    assert step.endswith(f"({said})")


@pytest.mark.parametrize(
    ("language", "week"),
    [("en", (date(2027, 2, 8), date(2027, 2, 14))), ("ja", (date(2027, 2, 14), date(2027, 2, 20)))],
)
def test_find_a_time_searches_the_week_the_week_view_shows(
    qtbot: QtBot,
    sqlite_database: Database,
    language: str,
    week: tuple[date, date],
    request: pytest.FixtureRequest,
) -> None:
    """A meeting on Sunday 14 February 2027: in Japanese the week starts on Sunday, so
    Find a time searches 14 to 20 February, the week the Week view shows it in; in
    English, Monday 8 to Sunday 14."""
    if language == "ja":
        request.getfixturevalue("japanese")
    sunday = datetime(2027, 2, 14, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
    call = _stored_call(sqlite_database, sunday, sunday + timedelta(hours=1))
    dialog = make_dialog(qtbot, sqlite_database, call)
    qtbot.mouseClick(dialog.ui.findTime, Qt.MouseButton.LeftButton)
    finder = dialog.slot_finder
    assert finder is not None
    assert finder.period() == week
    finder.reject()
