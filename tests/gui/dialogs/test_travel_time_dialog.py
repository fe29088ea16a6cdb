"""The editor of a journey of the travel-time table: the places the program knows, the
four ways of travelling in words, the journey in minutes and in hours beside them, and a
route listed once whichever way round it is written."""

from __future__ import annotations

from collections.abc import Callable

from dialog_helpers import error_text, is_marked, ok_button
from gui_support import open_dialog, reads_held
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from cpp_scheduler import limits
from cpp_scheduler.gui.dialogs import TravelTimeDialog
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.model import PartnerCity, TravelMode, TravelTime
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database


def _route(database: Database, origin: str, destination: str, mode: TravelMode) -> str:
    with database.session() as session:
        found = session.scalars(
            select(TravelTime.id).where(
                TravelTime.origin == origin,
                TravelTime.destination == destination,
                TravelTime.mode == mode,
            )
        ).one()
        return str(found)


def choose_mode(dialog: TravelTimeDialog, words: str) -> None:
    mode = dialog.ui.mode
    index = mode.findText(words)
    assert index >= 0, f"no mode reads {words!r}"
    mode.setCurrentIndex(index)


def test_a_new_journey_offers_the_places_the_program_knows_and_the_modes_in_words(
    qtbot: QtBot,
    sqlite_database: Database,
    tasks: TaskManager,
    type_into: Callable[..., None],
    accept: Callable[..., None],
) -> None:
    editing.create(sqlite_database, PartnerCity, {"name": "Sendai", "name_ja": "仙台市"})
    with reads_held(tasks):
        dialog = TravelTimeDialog(sqlite_database, tasks=tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        type_into(dialog.ui.origin, "Sendai")  # usable at once
        assert not ok_button(dialog).isEnabled()  # the routes listed are still read
        assert "still being read" in ok_button(dialog).toolTip()
    qtbot.waitUntil(dialog.lists_ready, timeout=10_000)
    ui = dialog.ui
    assert ui.origin.currentText() == "Sendai"  # kept when the places came
    places = [ui.destination.itemText(index) for index in range(ui.destination.count())]
    assert {"Sendai", "Kobe", "Kitakyushu", "Tokyo", "Toyama", "Yokohama"} <= set(places)
    assert [ui.mode.itemText(index) for index in range(ui.mode.count())] == [
        "Rail",
        "Air",
        "Bus",
        "Car",
    ]
    type_into(ui.destination, "Kobe")
    choose_mode(dialog, "Air")
    ui.minutes.selectAll()
    qtbot.keyClicks(ui.minutes, "150")
    assert ui.journeyText.text() == "2 h 30 min"
    assert dialog.windowTitle() == "New travel time"
    assert dialog.record_title() == "Sendai–Kobe by air"
    accept(dialog)
    assert dialog.values() == {
        "origin": "Sendai",
        "destination": "Kobe",
        "mode": TravelMode.AIR,
        "minutes": 150,
    }


def test_a_route_listed_the_other_way_round_is_refused_and_named(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    # The reference data lists Kobe-Kitakyushu by rail; the check reads it both ways.
    dialog = open_dialog(qtbot, TravelTimeDialog, sqlite_database)
    ui = dialog.ui
    type_into(ui.origin, "Kitakyushu")
    type_into(ui.destination, "kobe ")  # as the table looks places up: case and spaces aside
    choose_mode(dialog, "Rail")
    assert is_marked(dialog, "destination")
    assert (
        error_text(dialog, "destination")
        == "Kobe–Kitakyushu by rail is already listed: edit that one."
    )
    assert not ok_button(dialog).isEnabled()
    choose_mode(dialog, "Air")  # another way of making the journey is another route
    assert error_text(dialog, "destination") == ""
    assert ok_button(dialog).isEnabled()


def test_the_same_place_at_both_ends_is_refused(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    dialog = open_dialog(qtbot, TravelTimeDialog, sqlite_database)
    ui = dialog.ui
    type_into(ui.origin, "Toyama")
    type_into(ui.destination, "toyama")
    assert error_text(dialog, "destination") == "Origin and destination must differ."
    assert not ok_button(dialog).isEnabled()
    type_into(ui.destination, "Sendai")
    assert ok_button(dialog).isEnabled()
    type_into(ui.origin, "")
    assert error_text(dialog, "origin") == "The place of departure is required."
    assert not ok_button(dialog).isEnabled()


def test_no_journey_longer_than_a_week_can_be_entered(
    qtbot: QtBot,
    sqlite_database: Database,
    type_into: Callable[..., None],
) -> None:
    dialog = open_dialog(qtbot, TravelTimeDialog, sqlite_database)
    ui = dialog.ui
    type_into(ui.origin, "Sendai")
    type_into(ui.destination, "Naha")
    assert (ui.minutes.minimum(), ui.minutes.maximum()) == (1, limits.LONGEST_JOURNEY_MINUTES)
    ui.minutes.selectAll()
    qtbot.keyClicks(ui.minutes, "99999")  # the fifth digit is not taken
    qtbot.keyClick(ui.minutes, Qt.Key.Key_Enter)
    assert ui.minutes.value() == 9999
    for _press in range(10):  # ten steps up each, stopped at the week
        qtbot.keyClick(ui.minutes, Qt.Key.Key_PageUp)
    assert ui.minutes.value() == limits.LONGEST_JOURNEY_MINUTES == 7 * 24 * 60
    ui.minutes.selectAll()
    qtbot.keyClicks(ui.minutes, "10081")
    qtbot.keyClick(ui.minutes, Qt.Key.Key_Enter)
    assert ui.minutes.value() <= limits.LONGEST_JOURNEY_MINUTES
    ui.minutes.setValue(limits.LONGEST_JOURNEY_MINUTES)
    assert ui.journeyText.text() == "168 h"
    ui.minutes.selectAll()
    qtbot.keyClicks(ui.minutes, "0")
    qtbot.keyClick(ui.minutes, Qt.Key.Key_Enter)
    assert ui.minutes.value() >= 1
    assert dialog.values()["minutes"] <= limits.LONGEST_JOURNEY_MINUTES


def test_a_stored_journey_shows_its_route_and_is_not_its_own_duplicate(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    kobe = _route(sqlite_database, "Kobe", "Kitakyushu", TravelMode.RAIL)
    dialog = open_dialog(qtbot, TravelTimeDialog, sqlite_database, kobe)
    ui = dialog.ui
    assert dialog.windowTitle() == "Travel time: Kobe–Kitakyushu by rail"
    assert (ui.origin.currentText(), ui.destination.currentText()) == ("Kobe", "Kitakyushu")
    assert ui.mode.currentText() == "Rail"
    assert ui.minutes.value() == 120
    assert ui.journeyText.text() == "2 h"
    assert ok_button(dialog).text() == "Save"
    assert ok_button(dialog).isEnabled()
    assert dialog.values() == dialog.original_values()


def test_a_stored_journey_no_rule_allows_is_judged_as_stored_until_corrected(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    """Only a database written outside the program holds one; the check asks for the
    route, and here the coordinator corrects it. The spin box cannot show the number,
    so the save must not quietly write the bound it shows instead."""
    kobe = _route(sqlite_database, "Kobe", "Kitakyushu", TravelMode.RAIL)
    with sqlite_database.transaction() as session:
        session.execute(update(TravelTime).where(TravelTime.id == kobe).values(minutes=20_000))
    dialog = open_dialog(qtbot, TravelTimeDialog, sqlite_database, kobe)
    ui = dialog.ui
    assert ui.minutes.value() == limits.LONGEST_JOURNEY_MINUTES
    assert error_text(dialog, "minutes") == (
        "The length of the journey in minutes is at most 10,080 (got 20,000)."
    )
    assert not ok_button(dialog).isEnabled()
    ui.minutes.setValue(130)
    assert error_text(dialog, "minutes") == ""
    assert ok_button(dialog).isEnabled()
    assert dialog.values()["minutes"] == 130
