"""The main window as a coordinator uses it: create, edit, drag, undo, filter, zones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from gui_support import JANUARY_NINE_TOKYO, DialogScript, Messages, rows_read
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cpp_scheduler import timezones
from cpp_scheduler.gui import style
from cpp_scheduler.gui.eventmodel import Column, EventFilterProxy, EventTableModel
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.timegrid import GUTTER, HOUR_HEIGHT, TimeGridView
from cpp_scheduler.model import Event, EventKind, EventStatus
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database


def titles(window: MainWindow) -> list[str]:
    """The titles the calendar shows, once the rows of the last changes are read."""
    rows_read(window)
    proxy = window.proxy
    return sorted(proxy.index(row, Column.TITLE).data() for row in range(proxy.rowCount()))


def week(window: MainWindow) -> TimeGridView:
    view = window.views["week"]
    assert isinstance(view, TimeGridView)
    return view


def block_of(view: TimeGridView, title: str):  # type: ignore[no-untyped-def]
    return next(block for block in view.blocks() if block.row.title == title)


def stored(window: MainWindow, title: str) -> Event:
    with window.database.session() as session:
        return session.query(Event).filter_by(title=title).one()


def test_models_pass_the_model_tester(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(window.events)
    qtmodeltester.check(window.proxy)
    fresh = EventTableModel()
    qtmodeltester.check(EventFilterProxy(fresh))


def test_week_view_lays_out_overlapping_events_side_by_side(window: MainWindow) -> None:
    view = week(window)
    workshop = block_of(view, "Kobe DRR workshop")
    visit = block_of(view, "Smart city site visit")
    assert (workshop.columns, visit.columns) == (2, 2)
    assert {workshop.column, visit.column} == {0, 1}
    assert workshop.start_minute == 9 * 60  # 09:00 in Tokyo
    assert window.period_label.text() == "11–17 January 2027"
    assert window.count_label.text() == "3 events in view"  # the July one is elsewhere
    window.step(1)  # the week after holds none of them
    assert window.count_label.text() == "0 events in view"
    window.show_view("agenda")  # the agenda lists the whole program, scrolled to the date
    # counted as ``events list`` sums the program up
    assert window.count_label.text() == "4 occurrences of 4 events"


def test_double_click_on_an_empty_slot_creates_an_event_there_and_undo_removes_it(
    window: MainWindow,
    qtbot: QtBot,
    dialogs: DialogScript,
) -> None:
    view = week(window)
    canvas = view._canvas
    dialogs.answers.append(
        {
            "title": "Yokohama smart city talk",
            "kind": EventKind.WORKSHOP,
            "start_utc": JANUARY_NINE_TOKYO + timedelta(days=2, hours=5),
            "end_utc": JANUARY_NINE_TOKYO + timedelta(days=2, hours=6),
        }
    )
    x = int(56 + view.column_width() * 3.5)  # Thursday
    y = 14 * HOUR_HEIGHT + 10  # 14:00
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    opened = dialogs.opened[-1]
    assert opened.kind == "event"
    assert opened.record_id is None
    start = opened.extra["start"]
    assert start == JANUARY_NINE_TOKYO + timedelta(days=2, hours=5)  # Thu 14:00 Tokyo
    assert opened.extra["end"] - start == timedelta(hours=1)
    assert "Yokohama smart city talk" in titles(window)
    assert window.undo_action.text() == "Undo Create event 'Yokohama smart city talk'"
    window.undo_action.trigger()
    rows_read(window)
    assert "Yokohama smart city talk" not in titles(window)
    window.redo_action.trigger()
    rows_read(window)
    assert "Yokohama smart city talk" in titles(window)


def test_double_click_on_an_event_edits_it_as_one_undo_step(
    window: MainWindow,
    qtbot: QtBot,
    dialogs: DialogScript,
) -> None:
    view = week(window)
    rect = view.block_rect(block_of(view, "Kobe DRR workshop"))
    dialogs.answers.append(
        {"title": "Kobe disaster-risk workshop", "status": EventStatus.CONFIRMED}
    )
    qtbot.mouseDClick(view._canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    rows_read(window)
    assert dialogs.opened[-1].record_id == stored(window, "Kobe disaster-risk workshop").id
    assert "Kobe disaster-risk workshop" in titles(window)
    assert window.undo_action.text() == "Undo Edit event 'Kobe disaster-risk workshop'"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Kobe DRR workshop" in titles(window)
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "Kobe disaster-risk workshop" in titles(window)


def test_a_refused_save_is_explained_and_the_dialog_comes_back(
    window: MainWindow,
    dialogs: DialogScript,
    messages: Messages,
) -> None:
    event_id = stored(window, "Kobe DRR workshop").id
    dialogs.answers.append({"end_utc": JANUARY_NINE_TOKYO})  # ends when it starts
    window.edit_event(event_id)
    rows_read(window)
    assert "must end after it starts" in messages.errors[0][1]
    assert dialogs.opened[-1].shown == 2  # the dialog came back with what was typed
    assert window.editor.stack.count() == 0
    assert "Kobe DRR workshop" in titles(window)


def test_dragging_an_event_moves_it_snapped_to_a_quarter_hour(
    window: MainWindow,
    qtbot: QtBot,
) -> None:
    view = week(window)
    canvas = view._canvas
    rect = view.block_rect(block_of(view, "Kobe DRR workshop"))
    start = rect.center().toPoint()
    # One day right and 1 h 05 down: snaps to Wednesday 10:00.
    end = start + QPoint(int(view.column_width()), int(HOUR_HEIGHT * 65 / 60))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(10, 10))
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    rows_read(window)
    moved = stored(window, "Kobe DRR workshop")
    assert moved.start_utc == JANUARY_NINE_TOKYO + timedelta(days=1, hours=1)
    assert moved.end_utc - moved.start_utc == timedelta(hours=2)
    assert window.undo_action.text() == "Undo Move 'Kobe DRR workshop' to Wed 10:00"
    block = block_of(view, "Kobe DRR workshop")
    assert (block.day, block.start_minute) == (2, 10 * 60)
    window.undo_action.trigger()
    rows_read(window)
    assert stored(window, "Kobe DRR workshop").start_utc == JANUARY_NINE_TOKYO


def agenda_titles_by_start(window: MainWindow) -> list[str]:
    """The agenda's titles in its order (by start), as the calendar shows them now."""
    proxy = window.proxy
    return [proxy.index(row, Column.TITLE).data() for row in range(proxy.rowCount())]


@pytest.mark.parametrize(
    ("later", "order"),
    [
        # Still before the site visit at 10:00: the row keeps its place in the agenda.
        (timedelta(minutes=30), ["Kobe DRR workshop", "Smart city site visit"]),
        # After it: the row goes after the site visit.
        (timedelta(minutes=90), ["Smart city site visit", "Kobe DRR workshop"]),
    ],
)
def test_a_dropped_meeting_shows_where_it_landed_before_and_after_its_save_is_read(
    window: MainWindow, later: timedelta, order: list[str]
) -> None:
    event_id = stored(window, "Kobe DRR workshop").id
    view = week(window)
    window.move_event(
        event_id, JANUARY_NINE_TOKYO + later, JANUARY_NINE_TOKYO + later + timedelta(hours=2)
    )
    rows_read(window)
    saved = stored(window, "Kobe DRR workshop")
    landed = 9 * 60 + later.total_seconds() / 60
    for moment in ("dropped", "read"):
        assert block_of(view, "Kobe DRR workshop").start_minute == landed, moment
        assert agenda_titles_by_start(window)[:2] == order, moment
        shown = window.events.row_at(window.events.row_of(event_id))
        assert (shown.start_utc, shown.version) == (saved.start_utc, saved.version), moment
        assert window.selected_event == event_id, moment
        rows_read(window)
    window.undo_action.trigger()
    rows_read(window)
    assert block_of(view, "Kobe DRR workshop").start_minute == 9 * 60
    assert agenda_titles_by_start(window)[:2] == ["Kobe DRR workshop", "Smart city site visit"]
    window.redo_action.trigger()
    rows_read(window)
    assert block_of(view, "Kobe DRR workshop").start_minute == landed
    assert agenda_titles_by_start(window)[:2] == order
    assert stored(window, "Kobe DRR workshop").start_utc == JANUARY_NINE_TOKYO + later


def test_dragging_the_lower_edge_changes_the_end(window: MainWindow, qtbot: QtBot) -> None:
    view = week(window)
    canvas = view._canvas
    rect = view.block_rect(block_of(view, "Kobe DRR workshop"))
    edge = QPoint(int(rect.center().x()), int(rect.bottom()) - 2)
    target = QPoint(edge.x(), int(12.5 * HOUR_HEIGHT) + 3)  # 12:30, snapped
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(canvas, edge + QPoint(0, 10))
    qtbot.mouseMove(canvas, target)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=target)
    rows_read(window)
    resized = stored(window, "Kobe DRR workshop")
    assert resized.start_utc == JANUARY_NINE_TOKYO
    assert resized.end_utc == JANUARY_NINE_TOKYO + timedelta(hours=3, minutes=30)
    assert window.undo_action.text() == (
        "Undo Change 'Kobe DRR workshop' to end at 12:30 (3 h 30 min)"
    )
    window.undo_action.trigger()
    rows_read(window)
    assert stored(window, "Kobe DRR workshop").end_utc == JANUARY_NINE_TOKYO + timedelta(hours=2)


def test_delete_asks_first_and_undo_brings_the_event_back(
    window: MainWindow,
    qtbot: QtBot,
    messages: Messages,
) -> None:
    event_id = stored(window, "Kobe DRR workshop").id
    with window.database.session() as session:
        city_before = editing.record_values(editing.get_record(session, Event, event_id))
    window.select_event(event_id)
    messages.answer = False
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    rows_read(window)
    assert "Kobe DRR workshop" in titles(window)
    messages.answer = True
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    rows_read(window)
    assert messages.questions[-1].startswith("Delete the event 'Kobe DRR workshop'?")
    assert "Kobe DRR workshop" not in titles(window)
    assert window.selected_event is None
    window.undo_action.trigger()
    rows_read(window)
    assert "Kobe DRR workshop" in titles(window)
    with window.database.session() as session:
        restored = editing.record_values(editing.get_record(session, Event, event_id))
    assert restored == city_before


def test_filters_and_search_narrow_every_view(
    window: MainWindow,
    qtbot: QtBot,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    sidebar = window.sidebar
    sidebar.kind.setCurrentIndex(sidebar.kind.findText("Site visit"))
    assert titles(window) == ["Smart city site visit"]
    qtmodeltester.check(window.proxy)
    assert [block.row.title for block in week(window).blocks()] == ["Smart city site visit"]
    assert window.count_label.text() == (
        "1 event in view · the filters let through 1 occurrence of 1 event"
    )
    sidebar.clear()
    sidebar.city.setCurrentIndex(sidebar.city.findText("Kobe", Qt.MatchFlag.MatchStartsWith))
    assert titles(window) == ["Kobe DRR workshop"]
    sidebar.clear()
    with qtbot.waitSignal(sidebar.filterChanged, timeout=2000):
        qtbot.keyClicks(sidebar.search, "finance video")
    assert titles(window) == ["Finance videoconference"]
    sidebar.clear()
    assert len(titles(window)) == 4


def test_switching_views_with_the_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    for number, name in enumerate(("day", "week", "month", "agenda", "venues"), start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_view_name == name
        assert window.view_actions[name].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.period_label.text() == "January 2027"
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.period_label.text() == "February 2027"
    qtbot.keyClick(window, Qt.Key.Key_Left)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.period_label.text() == "December 2026"
    qtbot.keyClick(window, Qt.Key.Key_T)
    # Today is the date in the zone the calendar shows (Tokyo), not the computer's.
    assert window.anchor == timezones.to_local(datetime.now(UTC), window.display_zone).date()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.search.hasFocus()


def test_agenda_sorts_by_any_column(window: MainWindow) -> None:
    window.show_view("agenda")
    table = window.views["agenda"].table  # type: ignore[attr-defined]
    table.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert [
        window.proxy.index(row, Column.TITLE).data() for row in range(window.proxy.rowCount())
    ] == sorted(titles(window))
    table.sortByColumn(Column.START, Qt.SortOrder.DescendingOrder)
    assert window.proxy.index(0, Column.TITLE).data() == "Summer conference"


def test_sorting_the_agenda_keeps_the_selected_meeting_and_the_week(window: MainWindow) -> None:
    workshop = stored(window, "Kobe DRR workshop").id
    window.go_to(JANUARY_NINE_TOKYO.date())
    in_the_week = sorted(block.row.title for block in week(window).blocks())
    assert "Kobe DRR workshop" in in_the_week
    window.show_view("agenda")
    window.select_event(workshop)
    table = window.views["agenda"].table  # type: ignore[attr-defined]
    for column in (Column.TITLE, Column.VENUE, Column.START):
        table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        current = table.selectionModel().currentIndex()
        assert current.sibling(current.row(), Column.TITLE).data() == "Kobe DRR workshop"
        assert window.selected_event == workshop
    window.show_view("week")
    assert sorted(block.row.title for block in week(window).blocks()) == in_the_week


def test_the_zone_selector_redraws_times_in_new_york(window: MainWindow) -> None:
    window.show_view("agenda")
    start_of = {
        window.proxy.index(row, Column.TITLE).data(): window.proxy.index(row, Column.START).data()
        for row in range(window.proxy.rowCount())
    }
    assert start_of["Kobe DRR workshop"] == "Tue 12 Jan 2027  09:00"
    window.zone_selector.set_zone("America/New_York", notify=True)
    assert window.zone_selector.in_use.text().startswith("Times in America/New York")
    start_of = {
        window.proxy.index(row, Column.TITLE).data(): window.proxy.index(row, Column.START).data()
        for row in range(window.proxy.rowCount())
    }
    assert start_of["Kobe DRR workshop"] == "Mon 11 Jan 2027  19:00"
    assert start_of["Summer conference"] == "Mon 12 Jul 2027  20:00"
    window.show_view("week")
    block = block_of(week(window), "Kobe DRR workshop")
    assert (block.day, block.start_minute) == (0, 19 * 60)  # Monday 19:00


def test_typing_a_zone_in_the_selector_finds_it(window: MainWindow, qtbot: QtBot) -> None:
    combo = window.zone_selector.combo
    line = combo.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "Asia/Kathmandu")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.display_zone == "Asia/Kathmandu"
    assert "UTC+05:45" in window.zone_selector.in_use.text()


def test_the_zone_fields_tooltip_names_the_zone_shown_whole(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The field is narrower than a delegation's long name; its tooltip says it whole."""
    combo = window.zone_selector.combo
    window.zone_selector.set_zone("America/New_York", notify=True)
    shown = combo.currentText()
    assert shown.startswith("America/New_York")
    assert combo.toolTip().splitlines() == [
        shown,
        "Show times in another zone: pick one or type a city or zone",
    ]


def test_an_undo_updates_every_view_at_once(window: MainWindow) -> None:
    window.show_view("month")
    event_id = stored(window, "Kobe DRR workshop").id
    window.move_event(
        event_id,
        JANUARY_NINE_TOKYO + timedelta(days=7),
        JANUARY_NINE_TOKYO + timedelta(days=7, hours=2),
    )
    rows_read(window)
    month = window.views["month"]
    days = month.events_by_day()  # type: ignore[attr-defined]
    assert "Kobe DRR workshop" in [row.title for row in days[date(2027, 1, 19)]]
    window.undo_action.trigger()
    rows_read(window)
    days = month.events_by_day()  # type: ignore[attr-defined]
    assert "Kobe DRR workshop" in [row.title for row in days[date(2027, 1, 12)]]
    assert "Kobe DRR workshop" not in [row.title for row in days.get(date(2027, 1, 19), [])]


def test_hovering_an_event_names_it_and_empty_grid_says_nothing(
    window: MainWindow,
    qtbot: QtBot,
) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    view = week(window)
    canvas = view._canvas
    inside = view.block_rect(block_of(view, "Kobe DRR workshop")).center().toPoint()
    QApplication.sendEvent(
        canvas, QHelpEvent(QEvent.Type.ToolTip, inside, canvas.mapToGlobal(inside))
    )
    assert "Kobe DRR workshop" in QToolTip.text()
    empty = QPoint(canvas.width() - 5, canvas.height() - 5)
    QApplication.sendEvent(
        canvas, QHelpEvent(QEvent.Type.ToolTip, empty, canvas.mapToGlobal(empty))
    )
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # Qt hides it on its next turn


def test_the_window_opens_on_today_where_its_clock_is(
    program: Database,
    make_window,  # type: ignore[no-untyped-def]
) -> None:
    window: MainWindow = make_window(program)
    assert window.anchor == timezones.to_local(datetime.now(UTC), window.display_zone).date()


def test_the_zone_in_use_is_one_line_beside_the_title_and_wraps_only_when_narrow(
    window: MainWindow,
    qtbot: QtBot,
) -> None:
    from PySide6.QtWidgets import QApplication

    label = window.zone_selector.in_use
    one_line = label.sizeHint()
    window.resize(1400, 860)
    QApplication.processEvents()
    assert label.isVisible()
    assert label.width() >= one_line.width()
    assert label.heightForWidth(label.width()) == one_line.height()  # one line
    assert label.geometry().top() == window.period_label.geometry().top()  # the same row
    window.resize(720, 560)
    QApplication.processEvents()
    assert label.heightForWidth(label.width()) > one_line.height()  # wrapped to fit
    assert label.text() == "Times in Asia/Tokyo (UTC+09:00)"


def test_an_all_day_event_sits_in_the_all_day_row_on_its_dates_in_any_zone(
    program: Database, make_window: Callable[[Database], MainWindow]
) -> None:
    with program.transaction() as session:
        arrival = Event(title="Lima delegation arrives", zone="Asia/Tokyo")
        arrival.set_dates(date(2027, 1, 13), date(2027, 1, 14))
        session.add(arrival)
        marathon = Event(  # a long day, but timed: a block at its hours, not the all-day row
            title="Resilience hackathon",
            zone="Asia/Tokyo",
            start_utc=timezones.to_utc(datetime(2027, 1, 15, 9), "Asia/Tokyo"),
            end_utc=timezones.to_utc(datetime(2027, 1, 15, 21), "Asia/Tokyo"),
        )
        session.add(marathon)
    window = make_window(program)
    window.go_to(JANUARY_NINE_TOKYO.date())
    for zone in ("Asia/Tokyo", "America/Lima", "Pacific/Kiritimati"):
        window.zone_selector.set_zone(zone, notify=True)
        window.show_view("week")
        view = week(window)
        view.set_anchor(date(2027, 1, 13))
        view.invalidate()
        [(row, first, last)] = [item for item in view.all_day() if item[0].all_day]
        # Wednesday and Thursday of the week of 11 January, whatever the clock.
        assert (row.title, first, last) == ("Lima delegation arrives", 2, 3), zone
        assert "Resilience hackathon" in [block.row.title for block in view.blocks()]
        window.show_view("month")
        days = window.views["month"].events_by_day()  # type: ignore[attr-defined]
        assert [r.title for r in days[date(2027, 1, 13)] if r.all_day] == [row.title]
        assert not [r for r in days.get(date(2027, 1, 15), []) if r.all_day]
    window.show_view("agenda")
    starts = {
        window.proxy.index(number, Column.TITLE).data(): (
            window.proxy.index(number, Column.START).data(),
            window.proxy.index(number, Column.END).data(),
        )
        for number in range(window.proxy.rowCount())
    }
    assert starts["Lima delegation arrives"] == ("Wed 13 Jan 2027  all day", "Thu 14 Jan")


def test_a_search_finds_events_by_their_words_after_a_rename_and_a_sort(
    window: MainWindow,
) -> None:
    from cpp_scheduler.model.event_filter import EventFilter

    window.sidebar.set_event_filter(EventFilter(text="kobe"))
    assert titles(window) == ["Kobe DRR workshop"]
    window.sidebar.set_event_filter(EventFilter())
    workshop = next(row for row in window.events.rows() if row.title == "Kobe DRR workshop")
    window.events.replace_events(
        [workshop.event_id], [workshop._replace(title="Resilience workshop")]
    )
    window.sidebar.set_event_filter(EventFilter(text="resilience"))
    assert titles(window) == ["Resilience workshop"]
    window.events.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    window.sidebar.set_event_filter(EventFilter(text="finance"))
    assert titles(window) == ["Finance videoconference"]
    window.sidebar.set_event_filter(EventFilter(text="drr"))
    assert titles(window) == []


@pytest.mark.parametrize("added", [3, 600])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_rows_replaced_few_or_many_sit_where_a_sort_puts_them(
    window: MainWindow, added: int, order: Qt.SortOrder
) -> None:
    """An edit puts its rows back in place; an import of hundreds makes the model anew:
    either way the agenda reads in the order its sort says, the changed rows included."""
    window.events.sort(Column.START, order)
    model = window.events
    first = model.row_at(0)
    copies = [
        first._replace(
            event_id=f"imported-{number}",
            title=f"Imported {number}",
            start_utc=first.start_utc + timedelta(hours=7 * number),
            end_utc=first.start_utc + timedelta(hours=7 * number + 1),
        )
        for number in range(added)
    ]
    model.replace_events(
        [first.event_id, *(row.event_id for row in copies)],
        [first._replace(title="Moved"), *copies],
    )
    shown = [model.row_at(number) for number in range(model.rowCount())]
    assert len(shown) == len(set(shown))
    assert {row.title for row in shown} >= {"Moved", *(row.title for row in copies)}
    starts = [row.start_utc for row in shown]
    descending = order == Qt.SortOrder.DescendingOrder
    assert starts == sorted(starts, reverse=descending)


def test_the_period_read_first_holds_an_all_day_event_dated_in_it_from_any_zone(
    sqlite_database: Database,
) -> None:
    """The window paints the period on screen from a first read of its instants: on
    Etc/GMT+12's clock, Kiritimati's 1 March (UTC+14) ends before that day begins there,
    yet it is a 1 March event on every calendar, so the first read holds it."""
    from cpp_scheduler.gui.views.base import instants_holding
    from cpp_scheduler.services.calendar_reads import load_event_rows

    with sqlite_database.transaction() as session:
        closure = Event(title="Kiritimati office closed", zone="Pacific/Kiritimati")
        closure.set_dates(date(2027, 3, 1), date(2027, 3, 1))
        session.add(closure)
    day, zone = date(2027, 3, 1), "Etc/GMT+12"

    def read(between: tuple[datetime, datetime]) -> list[str]:
        return [row.title for row in load_event_rows(sqlite_database, between=between)]

    assert read(instants_holding(day, day, zone)) == ["Kiritimati office closed"]
    assert read(timezones.local_days(day, day, zone)) == []  # the day's own instants miss it


def test_all_day_events_of_one_day_stand_in_the_strip_as_the_month_lists_them(
    program: Database, make_window: Callable[[Database], MainWindow]
) -> None:
    """Two all-day events of one day stand in the Week view's strip in the order the
    Month view and the Agenda give them (title without regard to case): the strip has
    room for four lines, so the order also decides which are drawn."""
    with program.transaction() as session:
        for title in ("Kobe follow-up day", "eThekwini exchange day"):
            event = Event(title=title, zone="Asia/Tokyo")
            event.set_dates(date(2027, 1, 13), date(2027, 1, 13))
            session.add(event)
    window = make_window(program)
    window.go_to(date(2027, 1, 13))
    window.show_view("week")
    view = week(window)
    strip = [row.title for row, _first, _last in view.all_day() if row.all_day]
    assert strip == ["eThekwini exchange day", "Kobe follow-up day"]
    window.show_view("month")
    month = window.views["month"]
    by_day = month.events_by_day()  # type: ignore[attr-defined]
    assert [row.title for row in by_day[date(2027, 1, 13)] if row.all_day] == strip


@pytest.mark.parametrize(
    ("zone", "days_off"),
    [("Asia/Tokyo", {"Sat", "Sun"}), ("Asia/Riyadh", {"Fri", "Sat"}), ("Asia/Kathmandu", {"Sat"})],
)
def test_the_week_shades_the_weekend_of_the_clock_it_shows(
    program: Database, make_window: Callable[[Database], MainWindow], zone: str, days_off: set[str]
) -> None:
    """On Riyadh's clock the days off are Friday and Saturday, on Kathmandu's Saturday
    alone, as the slot finder judges a Saudi or Nepali attendee's day; the Week view
    shades those columns and no other."""
    window = make_window(program)
    window.set_display_zone(zone)
    window.show_view("week")
    view = week(window)
    view.set_anchor(date(2027, 3, 10))
    window.tasks.wait_for_done()
    QApplication.processEvents()
    image = view._canvas.grab().toImage()
    width = view.column_width()
    shaded = set()
    first = view.first_day()
    for index in range(7):
        x = round(GUTTER + (index + 0.5) * width)
        if QColor(image.pixel(x, 3 * HOUR_HEIGHT + 10)) == QColor(style.WEEKEND):
            shaded.add(f"{first + timedelta(days=index):%a}")
    assert shaded == days_off
    # The sidebar's month greys the same days, not Saturday and Sunday whatever the clock.
    navigator = window.sidebar.calendar
    greyed = {
        f"{first + timedelta(days=index):%a}"
        for index in range(7)
        if navigator.weekdayTextFormat(Qt.DayOfWeek((first.weekday() + index) % 7 + 1))
        .foreground()
        .color()
        == window.sidebar.palette().placeholderText().color()
    }
    assert greyed == days_off
