"""The tour builder, the printed itinerary and ``cpp-scheduler export csv tour`` name
each place of a tour alike in Japanese: a leg's ends and a hotel's city, typed by the
coordinators in either language and any case (神戸市, KITAKYUSHU, kitakyushu, 東京), are
神戸市, 北九州市 and 東京 in all three; a station no record names stays as typed.

The demo's Peru study tour in a SQLite file of the test's own, opened in the window."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.documents.itinerary import read_itinerary
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.tourbuilder import DayCard, TourBuilderDialog
from cpp_scheduler.model import TravelLeg
from cpp_scheduler.services.demo import PERU
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle, tools_of
from tests.parity.language_support import spoken
from tests.tour_scenarios import TOUR, change_night, demo_copy, tour_id

WEDNESDAY, THURSDAY = date(2027, 3, 10), date(2027, 3, 11)


@pytest.fixture
def sqlite_database(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    """The demo program with places typed otherwise: the first train from "Tokyo
    Station", the Kobe train typed from 神戸市 to KITAKYUSHU, the last flight to 東京,
    Wednesday's hotel in " 神戸市" and Thursday's in "kitakyushu"."""
    database = demo_copy(demo_sqlite_path, tmp_path)
    with database.transaction() as session:
        legs = {leg.origin: leg for leg in session.scalars(select(TravelLeg))}
        legs["Tokyo"].origin = "Tokyo Station"
        legs["Kobe"].origin, legs["Kobe"].destination = "神戸市", "KITAKYUSHU"
        legs["Kitakyushu"].destination = "東京"
    change_night(database, WEDNESDAY, locality=" 神戸市")
    change_night(database, THURSDAY, locality="kitakyushu")
    yield database
    database.close()


def plain(label_text: str) -> str:
    """A label's text as read: its markup gone, a line break a space."""
    text = label_text.replace("<br>", " ")
    while "<" in text:
        start = text.index("<")
        text = text[:start] + text[text.index(">", start) + 1 :]
    return text.replace("&amp;", "&")


def on_the_board(card: DayCard) -> tuple[list[str], str]:
    """A card's leg and activity lines, and the first line of its night (the hotel, or
    that none is booked; the check's findings about it follow on lines of their own)."""
    night = card.findChild(QLabel, "hotelNight")
    assert night is not None
    return [plain(line.text()) for line in card.lines], plain(night.text().split("<br>")[0])


def test_the_builder_the_itinerary_and_the_tour_sheet_name_each_place_alike(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    tmp_path: Path,
) -> None:
    with spoken(i18n.JAPANESE):
        window = open_window()
        builder = tools_of(window).open_tour_builder()
        assert isinstance(builder, TourBuilderDialog)
        builder.show_tour(tour_id(sqlite_database))
        settle(qtbot, window)
        board = {day: on_the_board(card) for day, card in builder.cards.items()}
        builder.close()

    i18n.use_language(i18n.JAPANESE)
    itinerary = read_itinerary(sqlite_database, PERU)
    printed_legs = {
        day.day: [f"{leg.shown_origin} → {leg.shown_destination}" for leg in day.legs]
        for day in itinerary.days
        if day.day in board
    }
    printed_nights = {
        day.day: f"{day.night.hotel}, {day.night.locality}"
        for day in itinerary.days
        if day.day in board and day.night is not None
    }
    assert printed_legs[date(2027, 3, 8)] == ["Tokyo Station → 横浜市"]
    assert printed_legs[THURSDAY] == ["神戸市 → 北九州市"]
    assert printed_legs[date(2027, 3, 12)] == ["北九州市 → 東京"]
    assert printed_nights[THURSDAY] == "Kokura Station Hotel, 北九州市"
    for day, routes in printed_legs.items():
        lines, _night = board[day]
        for route in routes:
            assert any(f" {route}" in line for line in lines), (day, route, lines)
    for day, (_lines, night) in board.items():
        if day in printed_nights:
            assert night == f"宿泊: {printed_nights[day]}"

    target = tmp_path / "tour.csv"
    url = sqlite_database.url.render_as_string(hide_password=False)
    command = ["--db", url, "--lang", "ja", "export", "csv", "tour", "--tour", TOUR]
    assert main([*command, "-o", str(target)]) == 0
    with target.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    what, where, item = header.index(i18n._("What")), header.index(i18n._("Where or how")), 2
    sheet_legs = [row[what] for row in rows if row[item] == i18n._("Travel")]
    assert sheet_legs == [route for routes in printed_legs.values() for route in routes]
    sheet_nights = [
        f"{row[what]}, {row[where]}" for row in rows if row[item] == i18n._("Hotel night")
    ]
    assert sheet_nights == list(printed_nights.values())
