"""The tour builder's leg form and the words about a leg name its ends as the board
does: in Japanese the form offers 横浜市, 神戸市 and 東京, the step to undo says
"横浜市 → 神戸市", and the refusal of a journey the table lacks names 横浜市 too, while
the leg saved keeps the names the travel-time table types (Yokohama, Kobe), so the
table still finds its journey. In English everything reads as it always did. Real
widgets over a SQLite copy of the demo program."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.tourbuilder import LegForm, TourBuilderDialog
from cpp_scheduler.model import TravelLeg, TravelMode
from cpp_scheduler.scheduling.travel import describe_duration
from cpp_scheduler.services import tours
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import settle, tools_of
from tests.tour_scenarios import FIRST, change_leg, demo_copy, tour_id

TUESDAY = date(2027, 3, 9)
TYPED = ("Tokyo", "Yokohama", "Kobe", "Kitakyushu")


@pytest.fixture
def sqlite_database(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    """The demo program, in a file of the test's own, for the window to open."""
    database = demo_copy(demo_sqlite_path, tmp_path)
    yield database
    database.close()


@pytest.fixture
def in_japanese() -> Iterator[None]:
    translations.install(i18n.JAPANESE)
    try:
        yield
    finally:
        translations.install(i18n.ENGLISH)


def builder_of(qtbot: QtBot, window: MainWindow, database: Database) -> TourBuilderDialog:
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    builder.show_tour(tour_id(database))
    settle(qtbot, window)
    assert builder.board is not None
    return builder


def offered(form: LegForm) -> list[str]:
    return [form.destination.itemText(row) for row in range(form.destination.count())]


def insert_from_the_form(
    qtbot: QtBot,
    window: MainWindow,
    builder: TourBuilderDialog,
    monkeypatch: pytest.MonkeyPatch,
    destination: str,
) -> list[tuple[str, str, list[str]]]:
    """Insert a rail leg on the first day through the form, to the place shown as
    ``destination``; what the form showed (from, to, the places offered)."""
    seen: list[tuple[str, str, list[str]]] = []

    def fill(form: LegForm) -> int:
        qtbot.waitUntil(lambda: form.journey_read, timeout=10_000)
        form.mode.setCurrentIndex(form.mode.findData(TravelMode.RAIL.value))
        index = form.destination.findText(destination)
        if index < 0:  # not offered under that name: nothing to insert
            seen.append((form.origin.currentText(), "", offered(form)))
            return int(LegForm.DialogCode.Rejected)
        form.destination.setCurrentIndex(index)
        qtbot.waitUntil(lambda: form.journey_read, timeout=10_000)
        seen.append((form.origin.currentText(), form.destination.currentText(), offered(form)))
        return int(LegForm.DialogCode.Accepted)

    monkeypatch.setattr(LegForm, "exec", fill)
    builder.choose_day(FIRST)
    qtbot.mouseClick(builder.buttons["insert_leg"], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    return seen


def legs_from_yokohama(database: Database) -> list[tuple[str, str]]:
    with database.session() as session:
        return [
            (leg.origin, leg.destination)
            for leg in session.scalars(select(TravelLeg).where(TravelLeg.origin == "Yokohama"))
        ]


def test_the_japanese_leg_form_offers_the_places_as_the_board_names_them(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    in_japanese: None,
) -> None:
    window = open_window()
    builder = builder_of(qtbot, window, sqlite_database)
    before = legs_from_yokohama(sqlite_database)
    [(origin, destination, places)] = insert_from_the_form(
        qtbot, window, builder, monkeypatch, "神戸市"
    )
    assert (origin, destination) == ("横浜市", "神戸市")  # the first day ends in Yokohama
    assert {"東京", "横浜市", "神戸市", "北九州市"} <= set(places)
    assert not set(TYPED) & set(places)
    # Saved as the table types the places, so the table knows the journey.
    assert legs_from_yokohama(sqlite_database) == [*before, ("Yokohama", "Kobe")]
    undo = window.editor.stack.undoText()
    assert "横浜市 → 神戸市" in undo
    assert not [typed for typed in TYPED if typed in undo]
    builder.close()


def test_a_day_ending_in_a_place_typed_in_japanese_starts_the_form_there(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    in_japanese: None,
) -> None:
    """Tuesday's leg was typed to 神戸市: the next leg's form starts from the table's
    Kobe, shown 神戸市, and finds the table's journey from Kobe to Kitakyushu."""
    change_leg(sqlite_database, "Yokohama", destination="神戸市")
    window = open_window()
    builder = builder_of(qtbot, window, sqlite_database)
    assert builder.board is not None
    expected = tours.leg_minutes(sqlite_database, "Kobe", "Kitakyushu", TravelMode.RAIL)
    assert expected is not None
    form = LegForm(
        sqlite_database, TUESDAY, builder.board, "神戸市", window.tasks.run_in_background, builder
    )
    qtbot.addWidget(form)
    assert form.origin.currentText() == "神戸市"
    form.mode.setCurrentIndex(form.mode.findData(TravelMode.RAIL.value))
    form.destination.setCurrentIndex(form.destination.findText("北九州市"))
    qtbot.waitUntil(lambda: form.journey_read, timeout=10_000)
    assert form.journey.text() == describe_duration(timedelta(minutes=expected))
    assert form.route() == ("Kobe", "Kitakyushu")
    form.close()
    builder.close()


def test_the_japanese_refusal_of_an_unknown_journey_names_the_places_as_the_board(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    in_japanese: None,
) -> None:
    assert tours.leg_minutes(sqlite_database, "Yokohama", "Kitakyushu", TravelMode.CAR) is None
    window = open_window()
    builder = builder_of(qtbot, window, sqlite_database)
    errors: list[str] = []
    monkeypatch.setattr(builder, "report_error", errors.append)
    builder.insert_leg(FIRST, "Yokohama", "Kitakyushu", TravelMode.CAR, time(9, 0))
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    [said] = errors
    assert "横浜市 から 北九州市 への" in said
    assert "Yokohama" not in said
    assert "Kitakyushu" not in said
    assert window.editor.stack.count() == 0
    builder.close()


def test_the_english_leg_form_and_its_undo_text_read_as_before(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    builder = builder_of(qtbot, window, sqlite_database)
    [(origin, destination, places)] = insert_from_the_form(
        qtbot, window, builder, monkeypatch, "Kobe"
    )
    assert (origin, destination) == ("Yokohama", "Kobe")
    assert set(TYPED) <= set(places)
    assert window.editor.stack.undoText().startswith("Insert the leg Yokohama → Kobe on ")
    errors: list[str] = []
    monkeypatch.setattr(builder, "report_error", errors.append)
    builder.insert_leg(FIRST, "Yokohama", "Kitakyushu", TravelMode.CAR, time(9, 0))
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors[0].startswith(
        "The travel-time table has no journey from Yokohama to Kitakyushu by "
    )
    builder.close()
