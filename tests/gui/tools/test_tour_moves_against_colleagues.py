"""A day of a study tour moved from a board the live refresh has not redrawn yet.

Aiko's tour builder read the Peru tour; Ravi, on his own connection to the same
database (each backend), adds an activity to one of the days before her board shows it.
Her move of that day, or the undo of a move, carries what the board read of the two
days: Ravi's change since refuses it in one line, nothing is moved, and the board is
read again. Real window, real tour builder.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import TOUR_START, add, peru_tour, settle, tools_of
from gui_support import rows_read
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.tools.tourbuilder import TourBuilderDialog
from cpp_scheduler.model import Event, StudyTour, TourDay, TravelLeg
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database, open_database
from tests.colleagues import colleague_saves_between

FIRST = TOUR_START
SECOND = FIRST + timedelta(days=1)


@pytest.fixture
def ravi(database: Database, database_url: str) -> Iterator[Database]:
    """Ravi's own connection to the program."""
    store = open_database(database_url, author="Ravi Menon")
    yield store
    store.close()


@pytest.fixture
def window(qtbot: QtBot, database: Database, tmp_path: Path) -> Iterator[MainWindow]:
    peru_tour(database, train_hours=3)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(database, settings)
    shown.report_error = lambda title, message: None  # type: ignore[method-assign]
    qtbot.addWidget(shown)
    settle(qtbot, shown)
    yield shown
    shown.tasks.wait_for_done()


def _builder(qtbot: QtBot, window: MainWindow, database: Database) -> TourBuilderDialog:
    with database.session() as session:
        tour = session.scalars(select(StudyTour.id)).one()
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    builder.show_tour(tour)
    settle(qtbot, window)
    assert builder.board is not None
    return builder


def _adds_a_visit(ravi: Database, day: date) -> str:
    """Ravi adds the Kobe port visit to ``day`` of the tour (its record, made if it has
    none yet), as his tour builder would."""
    with ravi.session() as session:
        tour = session.scalars(select(StudyTour.id)).one()
        lima = session.scalars(select(StudyTour.delegation_id)).one()
        tour_day = session.scalars(select(TourDay.id).where(TourDay.day == day)).first()
    if tour_day is None:
        tour_day = editing.create(ravi, TourDay, {"tour_id": tour, "day": day, "title": ""})
    start = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=6)
    return editing.create(
        ravi,
        Event,
        {
            "title": "Kobe port visit",
            "start_utc": start,
            "end_utc": start + timedelta(hours=2),
            "delegation_ids": [lima],
            "tour_day_id": tour_day,
        },
    )


def _days(database: Database) -> dict[str, date]:
    """Each activity's and leg's day (its start's UTC date, the same as Tokyo's here)."""
    with database.session() as session:
        found = {event.title: event.start_utc.date() for event in session.query(Event)}
        found |= {
            f"{leg.origin}-{leg.destination}": leg.departure_utc.date()
            for leg in session.query(TravelLeg)
        }
    return found


def test_a_day_moved_after_a_colleague_added_to_it_is_refused_whole_and_the_board_reloads(
    qtbot: QtBot, window: MainWindow, database: Database, ravi: Database
) -> None:
    builder = _builder(qtbot, window, database)
    errors: list[str] = []
    builder.report_error = errors.append  # type: ignore[method-assign]
    assert [e.title for e in builder.board.day(FIRST).events] == ["Opening briefing"]
    _adds_a_visit(ravi, FIRST)  # the board has not been redrawn: it shows the briefing alone

    assert builder.move_day(FIRST, 1)
    settle(qtbot, window)

    assert len(errors) == 1
    assert "\n" not in errors[0]
    assert errors[0].startswith("Nothing was moved: someone else changed the tour")
    assert "'Kobe port visit' added" in errors[0]
    assert errors[0].endswith(". The board now shows the tour as it is.")  # the builder's words
    assert _days(database) == {
        "Opening briefing": FIRST,
        "Kobe port visit": FIRST,
        "Tokyo-Kobe": FIRST,
    }  # nothing moved: the day is not split
    assert not window.editor.stack.canUndo()
    assert [e.title for e in builder.board.day(FIRST).events] == [
        "Opening briefing",
        "Kobe port visit",
    ]  # the board is read again

    assert builder.move_day(FIRST, 1)  # moved from the board that shows it: all goes
    settle(qtbot, window)
    assert len(errors) == 1
    assert _days(database) == {
        "Opening briefing": SECOND,
        "Kobe port visit": SECOND,
        "Tokyo-Kobe": SECOND,
    }
    builder.close()


def test_undoing_a_move_after_a_colleague_added_to_the_day_it_made_is_refused(
    qtbot: QtBot, window: MainWindow, database: Database, ravi: Database
) -> None:
    """Undo would take back only what the move moved, leaving Ravi's visit alone on the
    second day (whose record was there before the move: nothing the move made is
    taken away): it is refused in one line, and nothing moves."""
    with database.session() as session:
        tour = session.scalars(select(StudyTour.id)).one()
    add(database, TourDay, tour_id=tour, day=SECOND, title="Kobe")
    builder = _builder(qtbot, window, database)
    assert builder.move_day(FIRST, 1)
    settle(qtbot, window)
    _adds_a_visit(ravi, SECOND)
    failures: list[tuple[str, str]] = []
    window.editor.failed.connect(lambda title, line: failures.append((title, line)))

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)

    assert len(failures) == 1
    assert "\n" not in failures[0][1]
    assert "'Kobe port visit' added" in failures[0][1]
    assert failures[0][1].endswith("'Kobe port visit' added)")  # the fact, no window's words
    assert _days(database) == {
        "Opening briefing": SECOND,
        "Kobe port visit": SECOND,
        "Tokyo-Kobe": SECOND,
    }
    assert window.editor.stack.canUndo()  # the step stays where it was
    builder.close()


def _the_check_s_last_read(statement: str) -> bool:
    """The last read of the move's check (:func:`cpp_scheduler.services.tours._held_now`):
    the tour's legs, once the rows a colleague's addition refers to are held."""
    return " ".join(statement.split()).startswith(
        "SELECT travel_legs.id, travel_legs.origin, travel_legs.destination, "
        "travel_legs.departure_utc FROM travel_legs"
    )


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.postgres
def test_a_colleague_adding_to_the_day_between_the_move_s_check_and_its_commit_lands_after(
    qtbot: QtBot, window: MainWindow, database: Database, ravi: Database
) -> None:
    """Ravi adds the port visit to the first day once Aiko's move has checked what the
    day holds, before it commits: his save waits for the move, and lands after it, on
    the day he gave, beside the program the move brought there; the briefing and the
    train all go to the second day. Were the move's check not to hold the rows a new
    activity refers to, the visit would be committed in between, on the day the move
    is taking the program from, and the day split without a word (checked by taking
    those holds out of ``tours._held_now``: the colleague's save then commits
    meanwhile)."""
    builder = _builder(qtbot, window, database)
    errors: list[str] = []
    builder.report_error = errors.append  # type: ignore[method-assign]

    with colleague_saves_between(
        database, ravi, lambda colleague: _adds_a_visit(colleague, FIRST), _the_check_s_last_read
    ) as between:
        assert builder.move_day(FIRST, 1)
        settle(qtbot, window)
    settle(qtbot, window)

    assert between.started.is_set()
    assert between.refusal is None
    assert not between.committed_meanwhile
    assert between.waited  # for the move's commit
    assert errors == []
    assert window.editor.stack.canUndo()
    assert _days(database) == {
        "Opening briefing": SECOND,
        "Tokyo-Kobe": SECOND,
        "Kobe port visit": FIRST,
    }
    with database.session() as session:
        filed = {
            event.title: session.get(TourDay, event.tour_day_id).day  # type: ignore[union-attr]
            for event in session.query(Event)
        }
    assert filed == {
        "Opening briefing": SECOND,
        "Kobe port visit": FIRST,
    }  # each under its own day's record: nothing split
    builder.close()
