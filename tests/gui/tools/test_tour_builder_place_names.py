"""The tour builder in Japanese names the demo's Peru tour's places as its printed
itinerary does: the route, each day's places, the legs, the venues' cities and the
hotels say 東京, 横浜市, 神戸市 and 北九州市, never the Tokyo, Yokohama, Kobe and
Kitakyushu the coordinators typed; in English they stay as they were. Real widgets over
a SQLite copy of the demo program."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from gui_support import label_read
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.tourbuilder import ActivityForm, DayCard, TourBuilderDialog
from cpp_scheduler.model import EventKind
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle, tools_of
from tests.tour_scenarios import FIRST, LAST, change_leg, demo_copy, tour_id

TUESDAY, WEDNESDAY = date(2027, 3, 9), date(2027, 3, 10)
TYPED = ("Tokyo", "Yokohama", "Kobe", "Kitakyushu")


@pytest.fixture
def sqlite_database(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    """The demo program, in a file of the test's own, for the window to open."""
    database = demo_copy(demo_sqlite_path, tmp_path)
    yield database
    database.close()


def header(card: DayCard) -> str:
    return label_read(card.findChildren(QLabel)[0])


def night(card: DayCard) -> str:
    label = card.findChild(QLabel, "hotelNight")
    assert label is not None
    return label_read(label)


def builder_of(
    qtbot: QtBot, open_window: Callable[[], MainWindow], database: Database
) -> TourBuilderDialog:
    window = open_window()
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    builder.show_tour(tour_id(database))
    settle(qtbot, window)
    assert builder.board is not None
    return builder


def test_the_japanese_tour_builder_names_the_places_as_the_itinerary_does(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    translations.install(i18n.JAPANESE)
    try:
        builder = builder_of(qtbot, open_window, sqlite_database)
        assert builder.overview.text() == "東京 → 横浜市 → 神戸市 → 北九州市 → 東京"
        first, tuesday = builder.cards[FIRST], builder.cards[TUESDAY]
        assert header(first).endswith("東京 → 横浜市")
        assert header(tuesday).endswith("横浜市 → 神戸市")
        lines = [label_read(line) for line in first.lines]
        assert "鉄道 12:30–13:00 東京 → 横浜市" in lines
        assert any(line.endswith(", 横浜市") for line in lines)  # the showcase's city
        assert any(line.endswith(", 東京") for line in lines)  # TDLC's room
        assert any(
            "神戸市 → 北九州市" in label_read(line)
            for line in builder.cards[date(2027, 3, 11)].lines
        )
        assert night(first) == "宿泊: Hotel Minato Mirai Bayside, 横浜市"
        assert night(builder.cards[WEDNESDAY]) == "宿泊: Kobe Harborland Hotel, 神戸市"
        shown = " ".join(
            [builder.overview.text()]
            + [header(card) + night(card) for card in builder.cards.values()]
            + [label_read(line) for card in builder.cards.values() for line in card.lines]
        )
        for typed in TYPED:
            assert f"→ {typed}" not in shown
            assert f"{typed} →" not in shown
            assert f", {typed}" not in shown
        # The form for a visit on Wednesday offers the venues as the board names its
        # activities' places, the day's own city's first venue chosen.
        assert builder.board is not None
        form = ActivityForm(EventKind.SITE_VISIT, WEDNESDAY, builder.board, builder)
        qtbot.addWidget(form)
        venues = form.findChild(QComboBox)
        assert venues is not None
        offered = [venues.itemText(row) for row in range(venues.count())]
        assert "Kobe City Hall (神戸市役所), 神戸市" in offered
        assert venues.currentText().endswith(", 神戸市")
        builder.close()
    finally:
        translations.install(i18n.ENGLISH)


def test_the_english_tour_builder_names_them_in_english_tokyo_typed_in_japanese_too(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """The last flight typed to 東京 lands in Tokyo on the English board, as the legs
    typed Tokyo do; the rest reads as it always did."""
    change_leg(sqlite_database, "Kitakyushu", destination="東京")
    builder = builder_of(qtbot, open_window, sqlite_database)
    assert builder.overview.text() == "Tokyo → Yokohama → Kobe → Kitakyushu → Tokyo"
    first = builder.cards[FIRST]
    assert header(first).endswith("Tokyo → Yokohama")
    assert "Rail 12:30–13:00 Tokyo → Yokohama" in [label_read(line) for line in first.lines]
    assert night(builder.cards[WEDNESDAY]) == "Night: Kobe Harborland Hotel, Kobe"
    last = builder.cards[LAST]
    assert header(last).endswith("Kitakyushu → Tokyo")
    assert any("Kitakyushu → Tokyo" in label_read(line) for line in last.lines)
    assert "東京" not in header(last) + " ".join(label_read(line) for line in last.lines)
    builder.close()
