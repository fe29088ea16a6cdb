"""The tools over a program this login may only read: the study tour builder and the
slot finder show what they find, and change nothing, their buttons greyed with the
reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from conftest import add, add_delegation, settle, tools_of
from gui_support import rows_read
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cpp_scheduler.gui.readonly import make_read_only
from cpp_scheduler.gui.tools.slotfinder import SlotFinderDialog
from cpp_scheduler.gui.tools.tourbuilder import TourBuilderDialog
from cpp_scheduler.model import Event, StudyTour, TourDay

REASON = (
    "Read-only: visitor may read program.sqlite but not change it "
    "(ask the administrator for the cpp_scheduler_editor role)"
)
MONDAY = date(2027, 1, 18)


def _events(database) -> int:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(Event)) or 0)


def test_a_readers_tour_builder_shows_the_tour_and_offers_no_change(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    first = date(2027, 3, 8)
    lima = add_delegation(
        sqlite_database,
        "Lima",
        "PE",
        "America/Lima",
        arrival=first - timedelta(days=1),
        departure=first + timedelta(days=3),
    )
    tour = add(
        sqlite_database,
        StudyTour,
        title="Peru study tour",
        delegation_id=lima,
        start_date=first,
        end_date=first + timedelta(days=2),
    )
    add(sqlite_database, TourDay, tour_id=tour, day=first, title="Tokyo to Kobe")
    window = open_window()
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    builder.show_tour(tour)
    settle(qtbot, window)
    assert builder.board is not None
    assert builder.buttons["add_site_visit"].isEnabled()  # an editor's builder

    make_read_only(window, REASON)
    for button in builder.buttons.values():
        assert not button.isEnabled()
        assert button.toolTip() == REASON
    builder.choose_day(first + timedelta(days=1))  # another day: still nothing to press
    assert not any(button.isEnabled() for button in builder.buttons.values())
    assert builder.overview.text()  # the route is shown as ever
    builder.close()


def test_a_readers_slot_finder_finds_times_and_creates_nothing(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    window = open_window()
    make_read_only(window, REASON)
    before = _events(sqlite_database)
    finder = tools_of(window).open_slot_finder()
    assert isinstance(finder, SlotFinderDialog)
    finder.show_period(MONDAY, MONDAY)
    finder.choose([lima])
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    assert finder.suggestion_model.rowCount() > 0  # the times are found as ever
    button = finder.ui.createButton
    assert not button.isEnabled()
    assert button.toolTip() == REASON

    column = finder.grid_model.column_of(datetime(2027, 1, 18, 14, tzinfo=UTC))
    index = finder.grid_model.index(0, column)
    grid = finder.ui.grid
    grid.scrollTo(index)
    rect = grid.visualRect(index)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert finder.chosen_span() is not None
    assert not button.isEnabled()
    assert button.toolTip() == REASON
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert finder.create_chosen() == []
    rows_read(window)
    settle(qtbot, window)
    assert finder.ui.status.text().endswith(REASON)  # said where the double-click was
    assert finder.created == []
    assert _events(sqlite_database) == before
    assert window.editor.stack.count() == 0
    finder.close()
