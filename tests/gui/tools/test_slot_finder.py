"""The slot finder: the grid of everyone's hours, and a suggestion turned into an event."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from conftest import add_delegation, add_event, settle, tools_of
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.gui.tools.slotfinder import HOUR_ROLE, STATE_ROLE, SlotFinderDialog
from cpp_scheduler.model import Event

MONDAY = date(2027, 1, 18)


def _finder(qtbot: QtBot, window, ids: list[str], last: date = MONDAY) -> SlotFinderDialog:
    finder = tools_of(window).open_slot_finder()
    assert isinstance(finder, SlotFinderDialog)
    finder.set_dates(MONDAY, last)
    finder.choose(ids)
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    return finder


def _column(finder: SlotFinderDialog, instant: datetime) -> int:
    return finder.grid_model.column_of(instant)


def test_grid_shows_each_delegation_in_its_own_hours(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    manila = add_delegation(sqlite_database, "Manila", "PH", "Asia/Manila")
    # Manila is busy Monday 10:00-11:00 Manila time (02:00 UTC).
    add_event(
        sqlite_database,
        "Manila council session",
        datetime(2027, 1, 18, 2, tzinfo=UTC),
        delegation_ids=[manila],
    )
    window = open_window()
    finder = _finder(qtbot, window, [lima, manila])
    model = finder.grid_model
    qtmodeltester.check(model)

    assert model.rowCount() == 2
    assert model.columnCount() == 24  # one Tokyo day, hour by hour
    assert model.headerData(0, Qt.Orientation.Vertical).startswith("Lima")
    # 14:00 UTC is 09:00 in Lima (working) and 22:00 in Manila (night after 22:00).
    column = _column(finder, datetime(2027, 1, 18, 14, tzinfo=UTC))
    assert model.index(0, column).data(HOUR_ROLE) == 9
    assert model.index(0, column).data(STATE_ROLE) == "working"
    assert model.index(1, column).data(HOUR_ROLE) == 22
    assert model.index(1, column).data(STATE_ROLE) == "night"
    # 13:00 UTC is 08:00 in Lima and 21:00 in Manila: both acceptable.
    evening = _column(finder, datetime(2027, 1, 18, 13, tzinfo=UTC))
    assert model.index(0, evening).data(STATE_ROLE) == "extended"
    assert model.index(1, evening).data(STATE_ROLE) == "extended"
    busy = _column(finder, datetime(2027, 1, 18, 2, tzinfo=UTC))
    assert model.index(1, busy).data(STATE_ROLE) == "busy"
    # Sunday in Lima is a day off: 00:00-04:00 Monday Tokyo is Sunday 10:00-14:00 there.
    sunday = _column(finder, datetime(2027, 1, 17, 15, tzinfo=UTC))
    assert model.index(0, sunday).data(STATE_ROLE) == "day_off"
    finder.close()


def test_a_suggestion_becomes_an_event_and_undo_removes_it(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    manila = add_delegation(sqlite_database, "Manila", "PH", "Asia/Manila")
    window = open_window()
    finder = _finder(qtbot, window, [lima, manila], MONDAY + timedelta(days=2))
    assert finder.suggestions.topLevelItemCount() > 0
    best = finder.suggestions.topLevelItem(0)
    start, end = best.data(0, Qt.ItemDataRole.UserRole)
    assert best.childCount() == 2  # one reason per delegation
    assert "Lima" in best.child(0).text(0)
    assert finder.reasons.text().startswith("<b>Why:</b>")

    finder.title_edit.setText("Housing finance peer exchange")
    finder.link_edit.setText("https://meet.example.org/housing")
    qtbot.mouseClick(finder.create_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    assert len(finder.created) == 1
    with sqlite_database.session() as session:
        event = session.get(Event, finder.created[0])
        assert event is not None
        assert event.title == "Housing finance peer exchange"
        assert (event.start_utc, event.end_utc) == (start, end)
        assert {d.id for d in event.delegations} == {lima, manila}
    assert window.selected_event == finder.created[0]
    assert window.events.row_of(finder.created[0]) >= 0

    window.editor.stack.undo()
    settle(qtbot, window)
    with sqlite_database.session() as session:
        assert session.get(Event, finder.created[0]) is None
    finder.close()


def test_clicking_a_column_creates_the_event_there(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    window = open_window()
    finder = _finder(qtbot, window, [lima])
    finder.link_edit.setText("https://meet.example.org/lima")
    column = _column(finder, datetime(2027, 1, 18, 14, tzinfo=UTC))
    index = finder.grid_model.index(0, column)
    finder.grid.scrollTo(index)
    rect = finder.grid.visualRect(index)
    qtbot.mouseClick(finder.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert finder.chosen_span() == (
        datetime(2027, 1, 18, 14, tzinfo=UTC),
        datetime(2027, 1, 18, 15, tzinfo=UTC),
    )
    qtbot.mouseDClick(finder.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, window)
    with sqlite_database.session() as session:
        starts = session.scalars(select(Event.start_utc)).all()
    assert datetime(2027, 1, 18, 14, tzinfo=UTC) in starts
    finder.close()


def test_a_monthly_series_with_its_fairness(qtbot: QtBot, sqlite_database, open_window) -> None:
    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    kathmandu = add_delegation(sqlite_database, "Kathmandu", "NP", "Asia/Kathmandu")
    # Lima is taken all of Thursday 18 February (Tokyo).
    add_event(
        sqlite_database,
        "Lima budget day",
        datetime(2027, 2, 17, 15, tzinfo=UTC),
        24,
        delegation_ids=[lima],
    )
    window = open_window()
    finder = tools_of(window).open_slot_finder()
    finder.set_dates(MONDAY, MONDAY + timedelta(days=4))
    finder.repeat.setCurrentText("Every month")
    finder.occurrences.setValue(3)
    finder.choose([lima, kathmandu])
    finder.search()
    qtbot.waitUntil(
        lambda: not finder.searching and finder.search_result is not None, timeout=20_000
    )
    assert finder.search_result.plan is not None
    assert finder.suggestions.topLevelItemCount() == 3
    assert "spread" in finder.fairness.text()
    assert finder.create_button.text() == "Create the series"

    finder.link_edit.setText("https://meet.example.org/series")
    planned = [(slot.start, slot.end) for slot in finder.search_result.plan.slots]
    ids = finder.create_chosen()
    settle(qtbot, window)
    assert len(ids) == 1  # one series, one time per occurrence
    with sqlite_database.session() as session:
        series = session.get(Event, ids[0])
        assert series.recurrence_rule == "FREQ=MONTHLY;COUNT=3"
        meetings = [(o.start, o.end) for o in series.occurrences()]
        moved = [o for o in series.occurrences() if o.moved]
    assert meetings == planned
    assert len(moved) == 1  # February's meeting had to leave the busy 18th
    assert timezones.to_local(moved[0].start, timezones.TOKYO).day != 18
    months = [timezones.to_local(start, timezones.TOKYO).month for start, _end in meetings]
    assert months == [1, 2, 3]
    assert window.editor.stack.count() == 1  # one undo step for the series
    assert tools_of(window).local_times.event_id == ids[0]
    window.editor.stack.undo()
    settle(qtbot, window)
    with sqlite_database.session() as session:
        assert session.get(Event, ids[0]) is None
    finder.close()


def test_a_delegation_added_later_can_be_chosen(qtbot: QtBot, sqlite_database, open_window) -> None:
    from cpp_scheduler.gui.commands import CreateRecord
    from cpp_scheduler.model import Delegation

    lima = add_delegation(sqlite_database, "Lima", "PE", "America/Lima")
    window = open_window()
    finder = _finder(qtbot, window, [lima])
    command = CreateRecord(
        window.editor,
        Delegation,
        {"name": "Nairobi", "country": "KE", "zone": "Africa/Nairobi"},
        "Nairobi",
    )
    window.editor.execute(command)
    settle(qtbot, window)
    names = [finder.attendee_list.item(n).text() for n in range(finder.attendee_list.count())]
    assert "Nairobi · Nairobi" in names
    assert finder.chosen_ids() == [lima]  # what was ticked stays ticked
    finder.close()
