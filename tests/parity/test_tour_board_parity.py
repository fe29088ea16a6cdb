"""``cpp-scheduler tours TOUR`` answers what the tour builder shows: how many things to
fix, which days are flagged, and every warning a day's card says, on the demo's Peru
tour with an activity held after the tour and an overnight leg."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.tourbuilder import DayCard, TourBuilderDialog
from cpp_scheduler.model import StudyTour
from cpp_scheduler.store import Database
from tests.gui.gui_support import label_read
from tests.gui.tools.conftest import settle, tools_of
from tests.tour_scenarios import TOUR, demo_copy, overnight_to_kitakyushu, wrap_up_on_saturday


@pytest.fixture
def sqlite_database(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    """The demo, with two things to fix on its tour (the window's fixtures open it)."""
    database = demo_copy(demo_sqlite_path, tmp_path)
    wrap_up_on_saturday(database)
    overnight_to_kitakyushu(database)
    yield database
    database.close()


def command_output(database: Database, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    url = database.url.render_as_string(hide_password=False)
    assert main(["--db", url, "tours", TOUR, *extra]) == 0
    return capsys.readouterr().out


def warnings_by_day(text: str) -> dict[str, set[str]]:
    """The command's warnings (``⚠ …``) under each day's heading."""
    found: dict[str, set[str]] = {}
    day = ""
    for line in text.splitlines():
        if line.startswith("Day "):
            day = line.split(" — ")[0]
            found[day] = set()
        elif line.strip().startswith("⚠") and day:
            found[day].add(line.strip().removeprefix("⚠ "))
    return found


def test_the_command_tells_the_tour_as_the_builder_shows_it(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    capsys: pytest.CaptureFixture[str],
) -> None:
    window = open_window()
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    settle(qtbot, window)
    assert builder.board is not None
    summary = label_read(builder.summary)
    cards = {
        day: (card.flagged, {line.split("⚠ ", 1)[1] for line in _red_lines(card)})
        for day, card in builder.cards.items()
    }
    builder.close()

    board = json.loads(command_output(sqlite_database, capsys, "--json"))
    assert board["to_fix"] > 0
    assert f"⚠ {board['to_fix']} to fix" in summary
    flagged = {date.fromisoformat(day["day"]): bool(day["findings"]) for day in board["days"]}
    assert flagged == {day: shown[0] for day, shown in cards.items()}

    said = warnings_by_day(command_output(sqlite_database, capsys))
    for number, (day, (_flagged, warnings)) in enumerate(sorted(cards.items()), start=1):
        heading = next(heading for heading in said if heading.startswith(f"Day {number} "))
        assert warnings == said[heading], f"{day}: the card and the command warn apart"


def _red_lines(card: DayCard) -> list[str]:
    """Every warning a card shows, as read: under a leg or an activity, or under its
    night."""
    labels = [*card.lines, card.findChild(QLabel, "hotelNight")]
    found = []
    for label in labels:
        if label is None:
            continue
        text = label_read(label)
        while "⚠ " in text:
            start = text.index("⚠ ")
            end = text.find("⚠ ", start + 2)
            found.append(text[start : end if end >= 0 else None].strip())
            text = text[end:] if end >= 0 else ""
    return found


def test_a_tour_of_one_day_is_summed_up_alike_in_the_builder_and_the_command(
    qtbot: QtBot,
    sqlite_database: Database,
    open_window: Callable[[], MainWindow],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The builder's summary holds the command's line of the tour's days and what to
    fix, word for word: "1 day", never "1 days"."""
    with sqlite_database.transaction() as session:
        tour = session.scalars(select(StudyTour).where(StudyTour.title == TOUR)).one()
        later = [day for day in tour.days if day.day != tour.start_date]
        for gone in (*tour.nights, *tour.legs, *later):
            session.delete(gone)
        session.flush()
        session.expire(tour)
        tour.end_date = tour.start_date
    window = open_window()
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    settle(qtbot, window)
    summary = label_read(builder.summary)
    builder.close()

    said = command_output(sqlite_database, capsys).splitlines()[1]
    assert " · 1 day · " in said
    assert summary.endswith(said)
