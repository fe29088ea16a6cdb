"""The tour builder's day cards on the demo's Peru tour, as a coordinator reads them:
the arrival flight on the first card, an activity dragged past the last day on the last
with why, an all-day activity said "All day" at no venue yet, each night with its own
findings alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from conftest import settle, tools_of
from gui_support import label_read
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.tools.tourbuilder import DayCard
from cpp_scheduler.services import tours
from cpp_scheduler.store import Database
from tests.tour_scenarios import (
    FIRST,
    LAST,
    all_day_city_day,
    arrival_flight,
    demo_copy,
    overnight_to_kitakyushu,
    tour_id,
    wrap_up_on_saturday,
)


@pytest.fixture
def demo(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    database = demo_copy(demo_sqlite_path, tmp_path)
    yield database
    database.close()


def card_of(qtbot: QtBot, database: Database, day: date) -> DayCard:
    board = tours.read_board(database, tour_id(database))
    card = DayCard(board.day(day))
    qtbot.addWidget(card)
    return card


def night_text(card: DayCard) -> str:
    night = card.findChild(QLabel, "hotelNight")
    assert night is not None
    return label_read(night)


def test_the_first_card_shows_the_arrival_flight_with_its_days(
    qtbot: QtBot, demo: Database
) -> None:
    arrival_flight(demo)
    card = card_of(qtbot, demo, FIRST)
    lines = [label_read(line) for line in card.lines]
    assert "Air Sat 06 Mar 14:00–Sun 07 Mar 17:00 Lima → Tokyo" in lines
    assert "Rail 12:30–13:00 Tokyo → Yokohama" in lines
    assert not card.flagged


def test_the_last_card_shows_an_activity_held_after_it_and_why(
    qtbot: QtBot, demo: Database
) -> None:
    wrap_up_on_saturday(demo)
    card = card_of(qtbot, demo, LAST)
    [held] = card.findChildren(QLabel, "badEvent")
    assert label_read(held) == (
        "Sat 13 Mar 15:30–17:00 Study tour wrap-up: the delegation's action plan "
        "Peer-to-peer workshop · TDLC Meeting Room B (TDLC 会議室B), Tokyo "
        "⚠ Filed under the tour but held on Sat 13 Mar, after its last day"
    )
    assert card.flagged


def test_an_all_day_activity_reads_all_day_at_no_venue_yet(qtbot: QtBot, demo: Database) -> None:
    all_day_city_day(demo)
    card = card_of(qtbot, demo, date(2027, 3, 11))
    lines = [label_read(line) for line in card.lines]
    assert lines[0] == (
        "All day Kitakyushu city day (free programme) Site visit · venue not chosen yet"
    )
    assert not card.findChildren(QLabel, "badLeg")
    # Flagged as the conflict check flags it, and only so: an all-day activity holds
    # the delegation on its date, so the Eco-Town visit that day books it twice.
    (flagged,) = card.flagged_lines
    assert "Site visit: Kitakyushu Eco-Town" in label_read(flagged)
    assert "is expected at Kitakyushu city day (free programme) and Site visit" in label_read(
        flagged
    )


def test_each_card_says_the_findings_about_its_own_night(qtbot: QtBot, demo: Database) -> None:
    """The overnight leg to Kitakyushu arrives on Thursday; Wednesday's hotel in Kobe is
    Wednesday's night, said on Wednesday's card alone."""
    overnight_to_kitakyushu(demo)
    wednesday = card_of(qtbot, demo, date(2027, 3, 10))
    thursday = card_of(qtbot, demo, date(2027, 3, 11))
    assert night_text(wednesday) == (
        "Night: Kobe Harborland Hotel, Kobe ⚠ The hotel (Kobe Harborland Hotel) is in Kobe, "
        "but the day ends in Kitakyushu"
    )
    assert night_text(thursday) == "Night: Kokura Station Hotel, Kitakyushu"


def test_the_leg_form_says_the_table_does_not_know_the_route_by_bus(
    qtbot: QtBot, demo: Database
) -> None:
    """Kitakyushu → Tokyo: by air the table's 1 h 30 min; by bus it knows no journey, and
    the form says so instead of offering the flight's time."""
    from cpp_scheduler.gui.tools.tourbuilder import LegForm
    from cpp_scheduler.model import TravelMode

    def run_now(
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        done(work())

    board = tours.read_board(demo, tour_id(demo))
    form = LegForm(demo, LAST, board, "Kitakyushu", run_now)
    qtbot.addWidget(form)
    form.destination.setCurrentText("Tokyo")
    form.mode.setCurrentIndex(form.mode.findData(TravelMode.AIR.value))
    assert form.journey.text() == "1 h 30 min"
    form.mode.setCurrentIndex(form.mode.findData(TravelMode.BUS.value))
    assert form.journey.text() == "not in the travel-time table"
    assert form.journey_minutes is None


def test_a_leg_inserted_by_a_mode_the_table_does_not_know_is_refused_saying_so(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Inserted without a length, a bus leg Kitakyushu → Tokyo would last the flight's
    time; the builder says the table has no such journey by bus, and inserts nothing."""
    from cpp_scheduler.gui.tools.tourbuilder import TourBuilderDialog
    from cpp_scheduler.model import TravelMode
    from cpp_scheduler.services.demo import load_demo

    load_demo(sqlite_database)
    window = open_window()
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    builder.show_tour(tour_id(sqlite_database))
    settle(qtbot, window)
    said: list[str] = []
    monkeypatch.setattr(builder, "report_error", said.append)
    builder.insert_leg(LAST, "Kitakyushu", "Tokyo", TravelMode.BUS, time(18, 0))
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said == [
        "The travel-time table has no journey from Kitakyushu to Tokyo by bus; add it under "
        "Program first."
    ]
    assert window.editor.stack.count() == 0
    builder.close()
