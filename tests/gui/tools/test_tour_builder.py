"""The study-tour builder: the board, its flags, and changes that can be undone."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta

import pytest
from conftest import (
    TOUR_START,
    add,
    add_delegation,
    add_event,
    peru_tour,
    settle,
    tools_of,
    venue_id,
)
from gui_support import rows_read
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.gui.tools.tourbuilder import TourBuilderDialog
from cpp_scheduler.model import Event, EventKind, StudyTour, TourDay, TravelLeg, TravelMode
from cpp_scheduler.services import removal
from tests.parity.conflicts_support import conflicts_json

FIRST = TOUR_START


def _builder(qtbot: QtBot, window, tour: str) -> TourBuilderDialog:
    """The builder showing ``tour``, once its board has been read."""
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    builder.show_tour(tour)
    settle(qtbot, window)
    assert builder.board is not None
    assert builder.board.tour_id == tour
    return builder


def test_flags_an_infeasible_leg_and_an_empty_day(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    board = builder.board
    assert board is not None
    assert builder.overview.text() == "Tokyo → Kobe"

    first = board.day(FIRST)
    assert first.legs[0].problem is not None
    assert "too short" in first.legs[0].problem
    assert "3 h" in first.legs[0].problem
    card = builder.cards[FIRST]
    assert card.flagged
    bad = card.findChild(QLabel, "badLeg")
    assert bad is not None
    assert "too short" in bad.text()
    assert [e.title for e in first.events] == ["Opening briefing"]

    assert board.day(FIRST + timedelta(days=1)).empty
    assert builder.cards[FIRST + timedelta(days=1)].findChild(QLabel, "emptyDay") is not None
    assert "to fix" in builder.summary.text()
    # The tour's days as every period is written: the year once, at the end.
    assert "Lima · Mon 08 – Wed 10 Mar 2027 · 3 days · " in builder.summary.text()
    assert builder.tour_box.currentText() == "Peru study tour (08–10 March 2027)"
    builder.close()


def test_insert_a_leg_from_the_travel_table_and_undo(
    qtbot: QtBot, sqlite_database, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A leg inserted without its length lasts as the travel-time table says, which is
    read in the background: the window keeps answering meanwhile."""
    from cpp_scheduler.services import tours

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    second = FIRST + timedelta(days=1)
    lookup = tours.leg_minutes
    read_on_gui_thread: list[str] = []

    def leg_minutes(database, origin, destination, mode=None):  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            read_on_gui_thread.append(origin)
        return lookup(database, origin, destination, mode)

    monkeypatch.setattr(tours, "leg_minutes", leg_minutes)
    with qtbot.waitSignal(builder.legInserted, timeout=10_000) as inserted:
        assert builder.insert_leg(second, "Kobe", "Kitakyushu", TravelMode.RAIL, time(9, 0)) is None
    assert read_on_gui_thread == []
    leg_id = inserted.args[0]
    settle(qtbot, window)
    with sqlite_database.session() as session:
        leg = session.get(TravelLeg, leg_id)
        assert leg is not None
        assert leg.duration_minutes == 120  # Kobe-Kitakyushu by rail, from the table
    day = builder.board.day(second)
    assert not day.empty
    assert day.legs[0].problem is None
    assert builder.overview.text() == "Tokyo → Kobe → Kitakyushu"

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    assert builder.board.day(second).empty
    assert builder.overview.text() == "Tokyo → Kobe"
    builder.close()


def test_add_a_site_visit_and_move_a_day(qtbot: QtBot, sqlite_database, open_window) -> None:
    tour, lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    third = FIRST + timedelta(days=2)

    visit = builder.add_activity(
        third,
        EventKind.SITE_VISIT,
        "Kobe port renewal",
        time(10, 0),
        120,
        venue_id(sqlite_database, "TDLC Meeting Room A"),
    )
    settle(qtbot, window)
    assert visit is not None
    assert [e.title for e in builder.board.day(third).events] == ["Kobe port renewal"]
    with sqlite_database.session() as session:
        event = session.get(Event, visit)
        assert event.tour_day is not None
        assert event.tour_day.day == third
        assert [d.id for d in event.delegations] == [lima]

    assert builder.move_day(third, -1)
    settle(qtbot, window)
    second = FIRST + timedelta(days=1)
    assert [e.title for e in builder.board.day(second).events] == ["Kobe port renewal"]
    assert builder.board.day(third).empty
    assert builder.chosen_day == second

    window.editor.stack.undo()  # the move
    rows_read(window)
    settle(qtbot, window)
    assert [e.title for e in builder.board.day(third).events] == ["Kobe port renewal"]
    window.editor.stack.undo()  # the visit, and the day record made for it
    rows_read(window)
    settle(qtbot, window)
    assert builder.board.day(third).empty
    with sqlite_database.session() as session:
        assert session.scalars(select(TourDay).where(TourDay.day == third)).first() is None
    builder.close()


def test_a_day_moved_takes_its_cancelled_activities_with_it_and_undo_puts_them_back(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The board leaves the cancelled visit out, but it belongs to day one all the same:
    it moves to day two with the briefing, in one undo step, and comes back with it."""
    from cpp_scheduler.model import EventStatus

    tour, lima, _day = peru_tour(sqlite_database)
    with sqlite_database.session() as session:
        day_one = session.scalars(select(TourDay.id).where(TourDay.day == FIRST)).one()
    visit_start = datetime(2027, 3, 8, 6, tzinfo=UTC)
    visit = add_event(
        sqlite_database,
        "Cancelled visit",
        visit_start,
        delegation_ids=[lima],
        tour_day_id=day_one,
        status=EventStatus.CANCELLED,
        venue_id=venue_id(sqlite_database, "TDLC Meeting Room A"),
    )
    window = open_window()
    builder = _builder(qtbot, window, tour)
    assert [e.title for e in builder.board.day(FIRST).events] == ["Opening briefing"]
    second = FIRST + timedelta(days=1)

    assert builder.move_day(FIRST, 1)
    settle(qtbot, window)

    assert window.editor.stack.count() == 1
    with sqlite_database.session() as session:
        moved = session.get(Event, visit)
        assert moved is not None
        assert moved.start_utc == visit_start + timedelta(days=1)
        assert moved.tour_day is not None
        assert moved.tour_day.day == second
        assert moved.tour_day.title == "Tokyo to Kobe"
    assert [e.title for e in builder.board.day(second).events] == ["Opening briefing"]
    assert [e.title for e in builder.board.day(second).cancelled] == ["Cancelled visit"]
    assert builder.board.day(FIRST).held == ()

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        back = session.get(Event, visit)
        assert back is not None
        assert back.start_utc == visit_start
        assert back.tour_day_id == day_one
    assert [e.title for e in builder.board.day(FIRST).events] == ["Opening briefing"]
    assert [e.title for e in builder.board.day(FIRST).cancelled] == ["Cancelled visit"]
    assert builder.board.day(second).held == ()
    builder.close()


def test_a_day_moved_over_a_colleagues_retitle_keeps_their_title(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The board showed the briefing before a colleague retitled it: the move and the
    title touch different fields, so both are kept, without asking, as one undo step."""
    from cpp_scheduler.services import editing

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    errors: list[str] = []
    builder.report_error = errors.append  # type: ignore[method-assign]
    window.resolve_merge = lambda plan, parent: errors.append("asked")  # type: ignore[method-assign,func-returns-value]
    briefing = builder.board.day(FIRST).events[0]
    editing.change(sqlite_database, Event, briefing.id, {"title": "Opening briefing (room B)"}, 1)

    assert builder.move_day(FIRST, 1)
    settle(qtbot, window)

    assert errors == []
    second = FIRST + timedelta(days=1)
    assert [e.title for e in builder.board.day(second).events] == ["Opening briefing (room B)"]
    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    assert [e.title for e in builder.board.day(FIRST).events] == ["Opening briefing (room B)"]
    builder.close()


def test_a_day_moved_over_a_colleagues_move_is_refused_whole_when_not_merged(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The board showed the briefing before a colleague moved it: a real clash, so the
    merge asks; given up, nothing moves, one line says why, and the board shows the
    colleague's time."""
    from cpp_scheduler.services import editing

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    errors: list[str] = []
    builder.report_error = errors.append  # type: ignore[method-assign]
    asked: list[str] = []
    window.resolve_merge = lambda plan, parent: asked.append(plan.label)  # type: ignore[method-assign,func-returns-value]
    briefing = builder.board.day(FIRST).events[0]
    later = briefing.start + timedelta(hours=1)
    editing.change(
        sqlite_database,
        Event,
        briefing.id,
        {
            "start_utc": later,
            "end_utc": later + timedelta(hours=2),
            "title": "Opening briefing (room B)",
        },
        1,
    )

    assert builder.move_day(FIRST, 1)  # asked: refused once the save has met theirs
    settle(qtbot, window)

    assert asked == ["event 'Opening briefing (room B)'"]
    assert len(errors) == 1
    assert "\n" not in errors[0]
    assert "changed by somebody else" in errors[0]
    assert [e.title for e in builder.board.day(FIRST).events] == ["Opening briefing (room B)"]
    assert builder.board.day(FIRST + timedelta(days=1)).empty
    assert not window.editor.stack.canUndo()
    builder.close()


def test_a_day_whose_last_activity_a_colleague_moved_moves_none_and_leaves_no_history(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The board showed the day before a colleague moved its last activity: given up,
    the day's move leaves every activity where it was, the ones saved before the last in
    the same transaction included, and the history holds nothing of it."""
    from cpp_scheduler.model.history import Change
    from cpp_scheduler.services import editing

    tour, lima, _day = peru_tour(sqlite_database)
    with sqlite_database.session() as session:
        day_one = session.scalars(select(TourDay.id).where(TourDay.day == FIRST)).one()
    for title, hour in (("Kobe port visit", 6), ("Closing dinner", 9)):
        add_event(
            sqlite_database,
            title,
            datetime(2027, 3, 8, hour, tzinfo=UTC),
            delegation_ids=[lima],
            tour_day_id=day_one,
        )
    window = open_window()
    builder = _builder(qtbot, window, tour)
    errors: list[str] = []
    builder.report_error = errors.append  # type: ignore[method-assign]
    asked: list[str] = []
    window.resolve_merge = lambda plan, parent: asked.append(plan.label)  # type: ignore[method-assign,func-returns-value]
    shown = builder.board.day(FIRST).events
    assert [e.title for e in shown] == ["Opening briefing", "Kobe port visit", "Closing dinner"]
    dinner = shown[-1]
    later = dinner.start + timedelta(hours=1)
    editing.change(
        sqlite_database,
        Event,
        dinner.id,
        {"start_utc": later, "end_utc": later + timedelta(hours=1)},
        1,
    )
    with sqlite_database.session() as session:
        entries = session.query(Change).count()

    assert builder.move_day(FIRST, 1)
    settle(qtbot, window)

    assert asked == ["event 'Closing dinner'"]
    assert len(errors) == 1
    assert "changed by somebody else" in errors[0]
    with sqlite_database.session() as session:
        assert session.query(Change).count() == entries
        starts = {
            e.title: e.start_utc for e in session.query(Event).filter(Event.tour_day_id == day_one)
        }
    assert starts == {
        "Opening briefing": shown[0].start,
        "Kobe port visit": shown[1].start,
        "Closing dinner": later,
    }
    assert not window.editor.stack.canUndo()
    builder.close()


def test_flags_a_leg_that_leaves_from_elsewhere_and_a_hotel_in_another_city(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    from cpp_scheduler.model import HotelNight

    tour, _lima, _day = peru_tour(sqlite_database)
    second = FIRST + timedelta(days=1)
    add(
        sqlite_database,
        HotelNight,
        tour_id=tour,
        night_of=second,
        hotel="Hotel Kokura",
        locality="Kitakyushu",
    )
    window = open_window()
    builder = _builder(qtbot, window, tour)

    # The first day ended in Kobe; this leg starts in Yokohama.
    with qtbot.waitSignal(builder.legInserted, timeout=10_000):
        builder.insert_leg(second, "Yokohama", "Kobe", TravelMode.RAIL, time(9, 0))
    settle(qtbot, window)
    day = builder.board.day(second)
    # Said on the day's card, where the tour, the leg and the night are plain to see.
    assert day.legs[0].problem == ("This leg leaves from Yokohama, but the delegation is in Kobe")
    assert day.hotel_problem == (
        "The hotel (Hotel Kokura) is in Kitakyushu, but the day ends in Kobe"
    )
    assert builder.cards[second].flagged
    builder.close()


def test_a_tour_conflict_opens_the_tour(qtbot: QtBot, sqlite_database, open_window) -> None:
    from cpp_scheduler.gui.tools.conflicts import Column
    from cpp_scheduler.scheduling.conflicts import ConflictKind

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    dock = tools_of(window).conflicts
    dock.kind.setCurrentIndex(dock.kind.findData(ConflictKind.EMPTY_TOUR_DAY.value))
    assert dock.proxy.rowCount() == 1
    dock.table.doubleClicked.emit(dock.proxy.index(0, Column.MESSAGE))
    settle(qtbot, window)
    builder = tools_of(window).open_tour_builder()
    assert builder.isVisible()
    assert builder.tour_box.currentData() == tour
    builder.close()


def test_a_leg_it_cannot_make_and_a_hotel_elsewhere_are_found_alike_everywhere(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], sqlite_database, open_window
) -> None:
    """Kobe 17:00 to Kitakyushu 18:00 is an hour for a two-hour journey, and the night
    after it is booked in Kobe: the command, the panel and the builder say so alike."""
    from cpp_scheduler.cli.conflicts import conflict_json
    from cpp_scheduler.model import HotelNight
    from cpp_scheduler.scheduling.conflicts import ConflictKind

    tour, _lima, _day = peru_tour(sqlite_database)
    second = FIRST + timedelta(days=1)
    leg = add(
        sqlite_database,
        TravelLeg,
        tour_id=tour,
        origin="Kobe",
        destination="Kitakyushu",
        mode=TravelMode.RAIL,
        departure_utc=datetime(2027, 3, 9, 8, tzinfo=UTC),  # 17:00 in Tokyo
        arrival_utc=datetime(2027, 3, 9, 9, tzinfo=UTC),
    )
    night = add(
        sqlite_database,
        HotelNight,
        tour_id=tour,
        night_of=second,
        hotel="Hotel Okura Kobe",
        locality="Kobe",
    )
    answer = conflicts_json(capsys, sqlite_database)
    found = {c["kind"]: c for c in answer["conflicts"] if c["record_ids"][1:] in ([leg], [night])}
    assert set(found) == {"tour_leg_infeasible", "hotel_in_other_city"}
    assert found["tour_leg_infeasible"]["message"] == (
        "Peru study tour (Lima): the leg Kobe → Kitakyushu on Tue 09 Mar 17:00-18:00 is too "
        "short: 1 h planned, the journey takes 2 h by rail"
    )
    assert found["hotel_in_other_city"]["days"] == ["2027-03-09"]
    of_tour = [c for c in answer["conflicts"] if c["record_ids"][:1] == [tour]]

    window = open_window()
    dock = tools_of(window).conflicts
    assert [conflict_json(c) for c in dock.model.conflicts] == answer["conflicts"]
    builder = _builder(qtbot, window, tour)
    assert [conflict_json(c) for c in builder.board.findings] == of_tour
    day = builder.board.day(second)
    [kobe_leg] = [card_leg for card_leg in day.legs if card_leg.id == leg]
    assert (
        kobe_leg.problem
        == found["tour_leg_infeasible"]["within"]
        == ("This leg is too short: 1 h planned, the journey takes 2 h by rail")
    )
    assert day.hotel_problem == found["hotel_in_other_city"]["within"]
    card = builder.cards[second]
    assert card.flagged
    shown = card.findChild(QLabel, "hotelNight")
    assert found["hotel_in_other_city"]["within"] in shown.text()
    assert shown.toolTip() == found["hotel_in_other_city"]["message"]
    assert builder.summary.text().count(f"{len(of_tour)} to fix") == 1

    dock.kind.setCurrentIndex(dock.kind.findData(ConflictKind.TOUR_LEG_INFEASIBLE.value))
    tour_leg_rows = [
        dock.proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
        for row in range(dock.proxy.rowCount())
    ]
    assert f"Error: {found['tour_leg_infeasible']['message']}" in tour_leg_rows
    builder.close()


def test_the_history_panel_follows_the_tour_shown(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    history = tools_of(window).history
    qtbot.waitUntil(lambda: not history.reading, timeout=10_000)
    assert (history.model_name, history.event_id) == ("StudyTour", tour)
    assert history.heading.text().startswith("study tour 'Peru study tour': 1 change")
    builder.close()


def test_the_leg_form_reads_the_journey_time_in_the_background_and_keeps_the_latest(
    qtbot: QtBot, sqlite_database, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The form answers while the table is read; a route changed again before the first
    answer came shows only the answer for the route on show, and the leg inserted from
    the form is as long as that answer, with nothing read on the GUI thread."""

    from gui_support import reads_held

    from cpp_scheduler.gui.tools.tourbuilder import LegForm
    from cpp_scheduler.scheduling.travel import describe_duration
    from cpp_scheduler.services import tours

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    second = FIRST + timedelta(days=1)
    expected = tours.leg_minutes(sqlite_database, "Kobe", "Kitakyushu", TravelMode.RAIL)
    assert expected is not None
    read_on_gui_thread: list[tuple[str, str]] = []
    lookup = tours.leg_minutes

    def leg_minutes(database, origin, destination, mode=None):  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            read_on_gui_thread.append((origin, destination))
        return lookup(database, origin, destination, mode)

    monkeypatch.setattr(tours, "leg_minutes", leg_minutes)
    assert builder.board is not None
    shown: list[object] = []
    with reads_held(window.tasks):
        form = LegForm(
            sqlite_database, second, builder.board, "Kobe", window.tasks.run_in_background, builder
        )
        qtbot.addWidget(form)
        form.journeyShown.connect(shown.append)
        form.mode.setCurrentIndex(form.mode.findData(TravelMode.RAIL.value))
        assert form.destination.findText("Tokyo") >= 0
        form.destination.setCurrentText("Tokyo")
        form.destination.setCurrentText("Kitakyushu")
        assert form.journey.text() == "…"
        assert not form.ok_button.isEnabled()
        assert not form.journey_read
    qtbot.waitUntil(lambda: form.journey_read, timeout=10_000)
    settle(qtbot, window)
    assert shown == [expected]  # the answers for the routes shown before were dropped
    assert form.journey.text() == describe_duration(timedelta(minutes=expected))
    assert form.ok_button.isEnabled()

    def accept_as_filled(self: LegForm) -> int:
        qtbot.waitUntil(lambda: self.journey_read, timeout=10_000)
        self.destination.setCurrentText("Kitakyushu")
        self.mode.setCurrentIndex(self.mode.findData(TravelMode.RAIL.value))
        qtbot.waitUntil(lambda: self.journey_read, timeout=10_000)
        return int(LegForm.DialogCode.Accepted)

    monkeypatch.setattr(LegForm, "exec", accept_as_filled)
    builder.choose_day(second)
    assert builder.buttons["insert_leg"].isEnabled()
    qtbot.mouseClick(builder.buttons["insert_leg"], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        leg = session.scalars(select(TravelLeg).where(TravelLeg.destination == "Kitakyushu")).one()
        assert leg.arrival_utc - leg.departure_utc == timedelta(minutes=expected)
    assert read_on_gui_thread == []
    builder.close()


def _ok_button(form: QDialog) -> QPushButton:
    buttons = form.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    return ok


def test_the_activity_form_holds_ok_back_until_the_title_has_text(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """A blank title is what the event's own rule refuses: OK waits, and one line says
    so, until the title has text."""
    from cpp_scheduler.gui.tools.tourbuilder import ActivityForm

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    second = FIRST + timedelta(days=1)
    assert builder.board is not None
    form = ActivityForm(EventKind.SITE_VISIT, second, builder.board, builder)
    qtbot.addWidget(form)
    form.show()
    ok = _ok_button(form)
    assert not ok.isEnabled()
    summary = form.findChild(QLabel, "formSummary")
    assert summary is not None
    assert summary.isVisible()
    assert summary.text() == "To save: The title is required."

    qtbot.keyClicks(form.findChild(QLineEdit, "title"), "   ")
    assert not ok.isEnabled()
    assert summary.text() == "To save: The title is required."
    qtbot.keyClicks(form.findChild(QLineEdit, "title"), "Kobe port renewal")
    assert ok.isEnabled()
    assert not summary.isVisible()
    builder.close()


def test_a_blank_activity_is_never_added_from_the_form(
    qtbot: QtBot, sqlite_database, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cpp_scheduler.gui.tools.tourbuilder import ActivityForm

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    seen: list[bool] = []

    def accept_blank(self: ActivityForm) -> int:
        self.title.setText("  ")
        self.title.textEdited.emit("  ")
        seen.append(_ok_button(self).isEnabled())
        return int(ActivityForm.DialogCode.Accepted)

    monkeypatch.setattr(ActivityForm, "exec", accept_blank)
    builder.choose_day(FIRST + timedelta(days=1))
    qtbot.mouseClick(builder.buttons["add_site_visit"], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert seen == [False]
    assert window.editor.stack.count() == 0
    builder.close()


def test_a_full_day_visit_with_a_pasted_title_is_added_as_the_event_editor_would(
    qtbot: QtBot, sqlite_database, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An eleven-hour site visit, its title pasted from two lines of an e-mail and held
    at no venue: the form takes it as the event editor would, on one line."""
    from cpp_scheduler.gui.tools.tourbuilder import ActivityForm
    from cpp_scheduler.model import Event

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)

    def fill(self: ActivityForm) -> int:
        self.title.setFocus()
        self.title.insert("Kobe port and\r\nflood gates")  # as a paste arrives
        self.title.textEdited.emit(self.title.text())
        self.minutes.setValue(11 * 60)
        self.venue.setCurrentIndex(self.venue.findText("No venue"))
        assert _ok_button(self).isEnabled()
        return int(ActivityForm.DialogCode.Accepted)

    monkeypatch.setattr(ActivityForm, "exec", fill)
    builder.choose_day(FIRST + timedelta(days=1))
    qtbot.mouseClick(builder.buttons["add_site_visit"], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        visit = session.scalars(select(Event).where(Event.title.like("Kobe port%"))).one()
        assert visit.title == "Kobe port and flood gates"
        assert visit.end_utc - visit.start_utc == timedelta(hours=11)
        assert visit.venue_id is None
    builder.close()


def _leg_form(qtbot: QtBot, window, builder: TourBuilderDialog, origin: str):  # type: ignore[no-untyped-def]
    from cpp_scheduler.gui.tools.tourbuilder import LegForm

    assert builder.board is not None
    form = LegForm(
        window.database,
        FIRST + timedelta(days=1),
        builder.board,
        origin,
        window.tasks.run_in_background,
        builder,
    )
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.journey_read, timeout=10_000)
    return form


def test_the_leg_form_refuses_a_leg_that_ends_where_it_starts(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    form = _leg_form(qtbot, window, builder, "Kobe")
    ok = _ok_button(form)
    form.destination.setCurrentText("Kitakyushu")
    qtbot.waitUntil(lambda: form.journey_read, timeout=10_000)
    assert ok.isEnabled()

    form.destination.setCurrentText("Kobe")
    qtbot.waitUntil(lambda: form.journey_read, timeout=10_000)
    assert not ok.isEnabled()
    # Said under the field and on the form's one line, in the travel leg's own words.
    under = form.findChild(QLabel, "destinationError")
    assert under is not None
    assert under.isVisible()
    assert under.text() == "Origin and destination must differ."
    summary = form.findChild(QLabel, "formSummary")
    assert summary.text().startswith("To save: Origin and destination must differ.")
    builder.close()


def test_the_leg_form_grows_to_show_every_line_of_its_reasons(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """A form already on screen keeps its size: the reasons written into it after it
    showed must still be read whole, not cut at its bottom edge."""
    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    form = _leg_form(qtbot, window, builder, "Kobe")
    form.show()
    qtbot.waitExposed(form)
    form.destination.setCurrentText("Kobe")
    qtbot.waitUntil(lambda: form.journey_read, timeout=10_000)
    form.show_refusal("Kobe → Kobe: " + "a colleague deleted this tour meanwhile. " * 4)
    for name in ("destinationError", "formSummary", "refusal"):
        label = form.findChild(QLabel, name)
        assert label is not None, name
        assert label.isVisible(), name
        needed = label.heightForWidth(label.width()) if label.wordWrap() else 0
        assert label.height() >= needed, name  # every wrapped line has its room
        assert label.geometry().bottom() < form.height(), name  # within the form
    builder.close()


def test_the_leg_form_keeps_a_journey_of_the_table_whole_however_long(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """A drive of 50 hours from Kobe to Sapporo with its stops, as the travel-time table
    gives it: the form takes those 3,000 minutes, not the 2,880 of two days."""
    from cpp_scheduler.model import TravelTime

    tour, _lima, _day = peru_tour(sqlite_database)
    add(
        sqlite_database,
        TravelTime,
        origin="Kobe",
        destination="Sapporo",
        mode=TravelMode.CAR,
        minutes=3000,
    )
    window = open_window()
    builder = _builder(qtbot, window, tour)
    form = _leg_form(qtbot, window, builder, "Kobe")
    form.mode.setCurrentIndex(form.mode.findData(TravelMode.CAR.value))
    form.destination.setCurrentText("Sapporo")
    qtbot.waitUntil(lambda: form.journey_read and form.length.value() > 0, timeout=10_000)
    assert form.journey.text() == "50 h"
    assert form.length.value() == 3000
    form.close()
    builder.close()


def test_the_leg_form_takes_a_length_for_a_route_the_table_does_not_know(
    qtbot: QtBot, sqlite_database, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kobe to Osaka is not in the travel-time table: the form asks for the journey's
    length and says the check will warn about the leg; the leg inserted lasts that long,
    and the board says it cannot be checked."""
    from cpp_scheduler.gui.tools.tourbuilder import LegForm
    from cpp_scheduler.model import TravelTime

    tour, _lima, _day = peru_tour(sqlite_database)
    add(
        sqlite_database,
        TravelTime,
        origin="Osaka",
        destination="Kyoto",
        mode=TravelMode.RAIL,
        minutes=30,
    )
    window = open_window()
    builder = _builder(qtbot, window, tour)
    form = _leg_form(qtbot, window, builder, "Kobe")
    ok = _ok_button(form)
    form.destination.setCurrentText("Osaka")
    qtbot.waitUntil(lambda: form.journey_read, timeout=10_000)
    assert form.journey.text() == "not in the travel-time table"
    assert not ok.isEnabled()
    summary = form.findChild(QLabel, "formSummary")
    assert summary.text() == "To save: Give the journey's length."
    note = form.findChild(QLabel, "legNote")
    assert note is not None
    assert not note.isVisible()

    form.length.setValue(45)
    assert ok.isEnabled()
    assert not summary.isVisible()
    assert note.isVisible()
    assert "conflict check will warn" in note.text()
    form.mode.setCurrentIndex(form.mode.findData(TravelMode.BUS.value))
    qtbot.waitUntil(lambda: form.journey_read, timeout=10_000)
    assert form.length.value() == 45  # what the coordinator gave stays
    assert ok.isEnabled()
    form.close()

    def accept_as_filled(self: LegForm) -> int:
        qtbot.waitUntil(lambda: self.journey_read, timeout=10_000)
        self.destination.setCurrentText("Osaka")
        qtbot.waitUntil(lambda: self.journey_read, timeout=10_000)
        self.length.setValue(45)
        assert _ok_button(self).isEnabled()
        return int(LegForm.DialogCode.Accepted)

    monkeypatch.setattr(LegForm, "exec", accept_as_filled)
    second = FIRST + timedelta(days=1)
    builder.choose_day(second)
    with qtbot.waitSignal(builder.legInserted, timeout=10_000):
        qtbot.mouseClick(builder.buttons["insert_leg"], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    with sqlite_database.session() as session:
        leg = session.scalars(select(TravelLeg).where(TravelLeg.destination == "Osaka")).one()
        assert leg.duration_minutes == 45
    [shown] = builder.board.day(second).legs
    assert shown.problem is not None
    assert "cannot be checked" in shown.problem
    builder.close()


def test_a_refused_leg_brings_its_form_back_as_typed_with_the_reason(
    qtbot: QtBot, sqlite_database, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A colleague deleted the tour while the form was open: the leg is refused, and the
    form comes back with the route typed and the store's one-line reason."""
    from cpp_scheduler.gui.tools.tourbuilder import LegForm
    from cpp_scheduler.model import StudyTour as Tour

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    errors: list[str] = []
    builder.report_error = errors.append  # type: ignore[method-assign]
    shown_again: list[tuple[str, str, str, bool]] = []

    def first_fill_then_look(self: LegForm) -> int:
        if shown_again or self.refusal.text():
            shown_again.append(
                (
                    self.origin.currentText(),
                    self.destination.currentText(),
                    self.refusal.text(),
                    self.refusal.isVisibleTo(self),
                )
            )
            return int(LegForm.DialogCode.Rejected)
        qtbot.waitUntil(lambda: self.journey_read, timeout=10_000)
        self.destination.setCurrentText("Kitakyushu")
        qtbot.waitUntil(lambda: self.journey_read, timeout=10_000)
        with sqlite_database.transaction() as session:
            removal.delete_record(session, Tour, tour)
        return int(LegForm.DialogCode.Accepted)

    monkeypatch.setattr(LegForm, "exec", first_fill_then_look)
    builder.choose_day(FIRST + timedelta(days=1))
    qtbot.mouseClick(builder.buttons["insert_leg"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown_again), timeout=10_000)
    settle(qtbot, window)

    [(origin, destination, reason, visible)] = shown_again
    assert (origin, destination) == ("Kobe", "Kitakyushu")
    assert visible
    assert "no longer exists" in reason
    assert "\n" not in reason
    assert errors == []  # said in the form, not in a message over it
    assert window.editor.stack.count() == 0
    builder.close()


def test_a_refused_activity_brings_its_form_back_as_typed_with_the_reason(
    qtbot: QtBot, sqlite_database, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A colleague deleted the tour while the workshop's form was open: the workshop is
    refused, the form comes back with everything typed and the store's one-line reason,
    the next edit clears the reason, and Cancel then leaves nothing added."""
    from cpp_scheduler.gui.tools.tourbuilder import ActivityForm

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    errors: list[str] = []
    builder.report_error = errors.append  # type: ignore[method-assign]
    typed: list[tuple[str, time, int, object]] = []
    shown_again: list[tuple[str, time, int, object, str, bool, bool]] = []

    def first_fill_then_look(self: ActivityForm) -> int:
        if typed:
            refusal = self.findChild(QLabel, "refusal")
            assert refusal is not None
            seen = (
                self.title.text(),
                self.start_time(),
                self.minutes.value(),
                self.venue.currentData(),
                refusal.text(),
                refusal.isVisibleTo(self),
            )
            qtbot.keyClicks(self.title, "!")  # the next edit clears the reason
            shown_again.append((*seen, refusal.isVisibleTo(self)))
            return int(ActivityForm.DialogCode.Rejected)
        qtbot.keyClicks(self.title, "Kitakyushu eco-town")
        self.start.setTime(QTime(14, 30))
        self.minutes.setValue(90)
        self.venue.setCurrentIndex((self.venue.currentIndex() + 1) % self.venue.count())
        typed.append(
            (self.title.text(), self.start_time(), self.minutes.value(), self.venue.currentData())
        )
        assert _ok_button(self).isEnabled()
        with sqlite_database.transaction() as session:
            removal.delete_record(session, StudyTour, tour)
        return int(ActivityForm.DialogCode.Accepted)

    monkeypatch.setattr(ActivityForm, "exec", first_fill_then_look)
    second = FIRST + timedelta(days=1)
    builder.choose_day(second)
    qtbot.mouseClick(builder.buttons["add_workshop"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown_again or errors), timeout=10_000)
    settle(qtbot, window)

    assert errors == []  # said in the form, not in a message over it
    [(title, start, minutes, venue, reason, visible, still_visible)] = shown_again
    assert (title, start, minutes, venue) == typed[0]
    assert (start, minutes) == (time(14, 30), 90)
    assert visible
    assert "no longer exists" in reason
    assert "\n" not in reason
    assert not still_visible
    assert window.editor.stack.count() == 0
    with sqlite_database.session() as session:
        assert session.scalars(select(Event).where(Event.title == title)).first() is None
        assert session.scalars(select(TourDay).where(TourDay.day == second)).first() is None
    builder.close()


def test_a_form_brought_back_adds_nothing_to_the_tour_shown_in_place_of_its_own(
    qtbot: QtBot, sqlite_database, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A colleague deleted the tour while the form was open, and the builder went on to
    the next tour: the form comes back with the reason, and OK again adds nothing to
    that other delegation's tour."""
    from cpp_scheduler.gui.tools.tourbuilder import ActivityForm

    tour, _lima, _day = peru_tour(sqlite_database)
    quito = add_delegation(
        sqlite_database,
        "Quito",
        "EC",
        "America/Guayaquil",
        arrival=FIRST - timedelta(days=1),
        departure=FIRST + timedelta(days=3),
    )
    other = add(
        sqlite_database,
        StudyTour,
        title="Ecuador study tour",
        delegation_id=quito,
        start_date=FIRST,
        end_date=FIRST + timedelta(days=2),
    )
    window = open_window()
    builder = _builder(qtbot, window, tour)
    errors: list[str] = []
    builder.report_error = errors.append  # type: ignore[method-assign]
    shown: list[str] = []

    def fill_then_ok_again(self: ActivityForm) -> int:
        refusal = self.findChild(QLabel, "refusal")
        shown.append(refusal.text() if refusal is not None else "")
        if len(shown) == 1:
            qtbot.keyClicks(self.title, "Kitakyushu eco-town")
            with sqlite_database.transaction() as session:
                removal.delete_record(session, StudyTour, tour)
            window.editor.changed.emit("StudyTour", [tour])  # as a colleague's commit is heard
            return int(ActivityForm.DialogCode.Accepted)
        if len(shown) == 2:
            qtbot.waitUntil(
                lambda: builder.board is not None and builder.board.tour_id == other,
                timeout=10_000,
            )
            return int(ActivityForm.DialogCode.Accepted)
        return int(ActivityForm.DialogCode.Rejected)

    monkeypatch.setattr(ActivityForm, "exec", fill_then_ok_again)
    builder.choose_day(FIRST + timedelta(days=1))
    qtbot.mouseClick(builder.buttons["add_workshop"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) >= 2 or bool(errors), timeout=10_000)
    settle(qtbot, window)

    assert errors == []
    assert len(shown) == 2  # OK on the other tour's board ends the form
    assert "no longer exists" in shown[1]
    assert window.editor.stack.count() == 0
    with sqlite_database.session() as session:
        assert (
            session.scalars(select(Event).where(Event.title == "Kitakyushu eco-town")).all() == []
        )
        assert session.scalars(select(TourDay).where(TourDay.tour_id == other)).all() == []
    builder.close()


def test_the_activity_form_grows_to_show_a_refusal_whole(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The activity form is on screen when the store's reason comes back: every line of
    it must be read whole, not cut at the form's bottom edge."""
    from cpp_scheduler.gui.tools.tourbuilder import ActivityForm

    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    assert builder.board is not None
    form = ActivityForm(EventKind.WORKSHOP, FIRST + timedelta(days=1), builder.board, builder)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.show_refusal("Kobe workshop: " + "a colleague deleted this tour meanwhile. " * 4)
    for name in ("formSummary", "refusal"):
        label = form.findChild(QLabel, name)
        assert label is not None, name
        assert label.isVisible(), name
        needed = label.heightForWidth(label.width()) if label.wordWrap() else 0
        assert label.height() >= needed, name  # every wrapped line has its room
        assert label.geometry().bottom() < form.height(), name  # within the form
    builder.close()


def test_an_empty_day_next_to_an_empty_day_does_not_move(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """Day two and day three hold nothing: moving day two later would change nothing, so
    the button is off, and a move asked all the same adds no undo step and no records."""
    tour, _lima, _day = peru_tour(sqlite_database)
    window = open_window()
    builder = _builder(qtbot, window, tour)
    second = FIRST + timedelta(days=1)
    builder.choose_day(second)
    assert builder.buttons["earlier"].isEnabled()  # day one's program would come
    assert not builder.buttons["later"].isEnabled()
    assert "Nothing to move" in builder.buttons["later"].toolTip()

    assert not builder.move_day(second, 1)
    settle(qtbot, window)
    assert window.editor.stack.count() == 0
    with sqlite_database.session() as session:
        assert session.scalars(select(TourDay.day)).all() == [FIRST]
    builder.close()


def test_a_day_of_legs_alone_moves_without_leaving_empty_day_records(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """Legs belong to the tour, not to a day's record: moving a day of legs alone onto
    an empty day makes no day records, and is one undo step that takes it back."""
    tour, _lima, _day = peru_tour(sqlite_database)
    second, third = FIRST + timedelta(days=1), FIRST + timedelta(days=2)
    leg = add(
        sqlite_database,
        TravelLeg,
        tour_id=tour,
        origin="Kobe",
        destination="Kitakyushu",
        mode=TravelMode.RAIL,
        departure_utc=datetime(2027, 3, 9, 0, tzinfo=UTC),
        arrival_utc=datetime(2027, 3, 9, 3, tzinfo=UTC),
    )
    window = open_window()
    builder = _builder(qtbot, window, tour)

    assert builder.move_day(second, 1)
    settle(qtbot, window)
    assert window.editor.stack.count() == 1
    assert [card_leg.id for card_leg in builder.board.day(third).legs] == [leg]
    with sqlite_database.session() as session:
        assert session.scalars(select(TourDay.day)).all() == [FIRST]

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    assert [card_leg.id for card_leg in builder.board.day(second).legs] == [leg]
    with sqlite_database.session() as session:
        assert session.scalars(select(TourDay.day)).all() == [FIRST]
    builder.close()


def test_the_count_to_fix_brings_each_flagged_line_into_view_in_turn(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """On a small screen a flagged night lies below the board's fold and a flagged day
    past its right edge: each click on the count shows the next, then the first again."""
    from cpp_scheduler.gui.tools.tourbuilder import NEXT_TO_FIX
    from cpp_scheduler.services.demo import load_demo

    load_demo(sqlite_database)
    with sqlite_database.session() as session:
        tour = session.scalars(select(StudyTour)).one().id
    window = open_window()
    builder = _builder(qtbot, window, tour)
    assert builder.board is not None
    third = builder.board.days[2].day  # Kobe; a leg to Toyama far shorter than the table's
    assert builder.insert_leg(third, "Kobe", "Toyama", TravelMode.RAIL, time(18, 0), minutes=45)
    settle(qtbot, window)
    builder.resize(760, 420)
    builder.show()
    qtbot.waitExposed(builder)
    assert builder.board is not None
    problems = builder.board.problem_count
    assert f"{problems} to fix" in builder.summary.text()
    lines = builder.lines_to_fix()
    assert len(lines) == problems == 3
    assert [line.objectName() for _day, line in lines] == ["badLeg", "hotelNight", "badLeg"]
    viewport = builder.board_scroll.viewport()

    def in_view(line: QLabel) -> bool:
        top_left = line.mapTo(viewport, line.rect().topLeft())
        return viewport.rect().contains(top_left) and viewport.rect().contains(
            line.mapTo(viewport, line.rect().bottomRight())
        )

    assert not all(in_view(line) for _day, line in lines)  # the fold hides some
    for day, line in [*lines, lines[0]]:
        builder.summary.linkActivated.emit(NEXT_TO_FIX)
        assert in_view(line), line.text()
        assert builder.chosen_day == day
    builder.close()


def _new_york_tour(database):  # type: ignore[no-untyped-def]
    """A New York delegation's tour, 12 to 16 March 2027 (US clocks go forward on the
    14th), with an all-day day on the delegation's home calendar filed under the 13th."""
    from datetime import date

    from cpp_scheduler import timezones

    new_york = add_delegation(database, "New York City DOT", "US", "America/New_York")
    tour = add(
        database,
        StudyTour,
        title="NY tour",
        delegation_id=new_york,
        start_date=date(2027, 3, 12),
        end_date=date(2027, 3, 16),
    )
    saturday = add(database, TourDay, tour_id=tour, day=date(2027, 3, 13), title="")
    start, end = timezones.local_days(date(2027, 3, 13), date(2027, 3, 13), "America/New_York")
    free_day = add_event(
        database,
        "Free day (home calendar)",
        start,
        (end - start).total_seconds() / 3600,
        zone="America/New_York",
        all_day=True,
        tour_day_id=saturday,
        delegation_ids=[new_york],
    )
    return tour, free_day


def test_an_all_day_day_in_another_zone_moves_by_its_own_dates_and_fills_only_them(
    qtbot: QtBot, sqlite_database, open_window, capsys: pytest.CaptureFixture[str]
) -> None:
    """Saturday's all-day day on New York's calendar is Saturday in Tokyo too: Sunday
    holds nothing and is said empty. Moved to Sunday, the day New York's clocks go
    forward (23 hours there), it runs from Sunday's start to Monday's in New York."""
    from datetime import date

    from cpp_scheduler import timezones

    tour, free_day = _new_york_tour(sqlite_database)
    found = conflicts_json(capsys, sqlite_database, "--from", "2027-03-11", "--to", "2027-03-17")
    [empty] = [c for c in found["conflicts"] if c["kind"] == "empty_tour_day"]
    assert "Sun 14 Mar" in empty["message"]
    assert "Sat 13 Mar" not in empty["message"]

    window = open_window()
    builder = _builder(qtbot, window, tour)
    assert builder.move_day(date(2027, 3, 13), 1)
    settle(qtbot, window)

    with sqlite_database.session() as session:
        event = session.get(Event, free_day)
        assert event is not None
        held = (event.start_utc, event.end_utc)
    assert held == timezones.local_days(date(2027, 3, 14), date(2027, 3, 14), "America/New_York")
    assert [e.title for e in builder.board.day(date(2027, 3, 14)).events] == [
        "Free day (home calendar)"
    ]
    builder.close()
