"""Keyboard editing, one meeting of a series, a colleague's change, background jobs."""

from __future__ import annotations

import re
from datetime import timedelta

from gui_support import (
    JANUARY_NINE_TOKYO,
    DialogScript,
    Messages,
    add_event,
    gui_thread_visits,
    rows_read,
)
from PySide6.QtCore import QPoint, Qt, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui.eventmodel import Roles
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.views.timegrid import HOUR_HEIGHT, TimeGridView
from cpp_scheduler.model import Event, EventKind, OccurrenceOverride
from cpp_scheduler.services import editing
from cpp_scheduler.services.rows import OccurrenceKey
from cpp_scheduler.store import Database


def event_id(window: MainWindow, title: str) -> str:
    with window.database.session() as session:
        return session.query(Event).filter_by(title=title).one().id


def test_enter_edits_the_selection_and_ctrl_n_creates(
    window: MainWindow,
    qtbot: QtBot,
    dialogs: DialogScript,
) -> None:
    kobe = event_id(window, "Kobe DRR workshop")
    window.select_event(kobe)
    week = window.views["week"]
    week.setFocus()
    qtbot.keyClick(week, Qt.Key.Key_Return)
    assert dialogs.opened[-1].record_id == kobe
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.opened[-1].record_id is None
    assert dialogs.opened[-1].extra["end"] - dialogs.opened[-1].extra["start"] == timedelta(hours=1)


def test_return_in_the_search_box_searches_and_edits_nothing(
    window: MainWindow,
    qtbot: QtBot,
    dialogs: DialogScript,
) -> None:
    window.select_event(event_id(window, "Kobe DRR workshop"))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.sidebar.search, "kobe")
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Return)
    assert dialogs.opened == []
    assert window.proxy.rowCount() == 1
    shown = window.period_label.text()
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Left)
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_T)
    assert window.period_label.text() == shown  # the keys went to the text
    assert window.sidebar.search.text() == "kobte"


def test_the_month_navigator_moves_every_view(window: MainWindow) -> None:
    from datetime import date

    window.sidebar.dateChosen.emit(date(2027, 7, 13))
    assert window.period_label.text() == "12–18 July 2027"


def test_the_status_bar_names_the_database_and_the_clocks(window: MainWindow) -> None:
    assert window.database_label.text() == f"Database: {window.database.name}"
    clocks = window.clock_label.text()
    assert re.fullmatch(r"Tokyo \w{3} \d\d:\d\d  ·  Washington \w{3} \d\d:\d\d", clocks)
    tokyo, washington = (int(part[-5:-3]) for part in clocks.split("  ·  "))
    assert (tokyo - washington) % 24 in (13, 14)  # 14 h in winter, 13 h in summer


def add_weekly_series(program: Database) -> str:
    """Four weekly videoconferences, the first on Tuesday 12 January 2027 at 17:00 Tokyo."""
    return add_event(
        program,
        "Monthly resilience exchange",
        JANUARY_NINE_TOKYO + timedelta(hours=8),
        1.5,
        kind=EventKind.VIDEOCONFERENCE,
        recurrence_rule="FREQ=WEEKLY;COUNT=4",
        video_link="https://meet.example.org/cpp",
    )


def test_dragging_one_meeting_of_a_series_moves_only_that_meeting(
    program: Database,
    make_window,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    add_weekly_series(program)
    window: MainWindow = make_window(program)
    window.go_to((JANUARY_NINE_TOKYO + timedelta(days=7)).date())
    view = window.views["week"]
    assert isinstance(view, TimeGridView)
    block = next(b for b in view.blocks() if b.row.title == "Monthly resilience exchange")
    assert block.row.occurrence == 1
    rect = view.block_rect(block)
    start = rect.center().toPoint()
    end = start + QPoint(0, HOUR_HEIGHT)
    qtbot.mousePress(view._canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view._canvas, start + QPoint(0, 8))
    qtbot.mouseMove(view._canvas, end)
    qtbot.mouseRelease(view._canvas, Qt.MouseButton.LeftButton, pos=end)
    rows_read(window)
    assert window.undo_action.text() == (
        "Undo Move the 19 Jan meeting of 'Monthly resilience exchange' to Tue 18:00"
    )
    starts = sorted(
        row.start_utc for row in window.events.rows() if row.title == "Monthly resilience exchange"
    )
    week = timedelta(days=7)
    first = JANUARY_NINE_TOKYO + timedelta(hours=8)
    assert starts == [first, first + week + timedelta(hours=1), first + 2 * week, first + 3 * week]
    window.undo_action.trigger()
    rows_read(window)
    with program.session() as session:
        assert session.query(OccurrenceOverride).count() == 0
    starts = sorted(
        row.start_utc for row in window.events.rows() if row.title == "Monthly resilience exchange"
    )
    assert starts == [first + n * week for n in range(4)]


def test_undo_over_a_colleagues_change_is_refused_and_said(
    window: MainWindow,
    messages: Messages,
    qtbot: QtBot,
) -> None:
    kobe = event_id(window, "Kobe DRR workshop")
    window.move_event(
        kobe, JANUARY_NINE_TOKYO + timedelta(hours=1), JANUARY_NINE_TOKYO + timedelta(hours=3)
    )
    rows_read(window)
    with window.database.transaction() as session:  # a colleague renames it meanwhile
        editing.update_record(session, Event, kobe, {"title": "Kobe DRR workshop (room 3)"})
    undo_text = window.undo_action.text()
    window.undo_action.trigger()
    rows_read(window)
    assert "changed by somebody else" in messages.errors[-1][1]
    with window.database.session() as session:
        kept = editing.get_record(session, Event, kobe)
        assert kept.title == "Kobe DRR workshop (room 3)"
        assert kept.start_utc == JANUARY_NINE_TOKYO + timedelta(hours=1)
    # The refused step is still the one to undo; there is nothing to redo.
    qtbot.waitUntil(lambda: window.undo_action.text() == undo_text, timeout=5_000)
    assert window.undo_action.isEnabled()
    assert not window.redo_action.isEnabled()


def test_jobs_run_off_the_gui_thread_and_report_on_it(qtbot: QtBot, qapp: QApplication) -> None:
    tasks = TaskManager()
    threads: list[object] = []
    results: list[object] = []
    errors: list[BaseException] = []

    def job() -> int:
        threads.append(QThread.currentThread())
        return 42

    with qtbot.waitSignal(tasks.busyChanged, check_params_cb=lambda busy: not busy):
        tasks.run_in_background(
            job, lambda result: results.append((result, QThread.currentThread()))
        )
    assert threads[0] is not qapp.thread()
    assert results == [(42, qapp.thread())]

    def failing() -> None:
        raise SchedulerError("the database is locked by another program")

    with qtbot.waitSignal(tasks.busyChanged, check_params_cb=lambda busy: not busy):
        tasks.run_in_background(failing, results.append, errors.append)
    assert str(errors[0]) == "the database is locked by another program"


def test_an_answer_still_queued_when_the_window_closes_is_dropped(
    qtbot: QtBot,
    qapp: QApplication,
) -> None:
    import shiboken6

    tasks = TaskManager()
    answers: list[object] = []
    tasks.run_in_background(lambda: "program read", answers.append)
    assert tasks.wait_for_done()  # the answer is now queued for the GUI thread
    shiboken6.delete(tasks)  # the window closes before it is delivered
    qapp.processEvents()
    assert answers == []


def test_one_meeting_of_a_series_is_cancelled_and_undo_brings_it_back(
    program: Database,
    make_window,
    qtbot: QtBot,
    messages: Messages,  # type: ignore[no-untyped-def]
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QInputDialog

    add_weekly_series(program)
    window: MainWindow = make_window(program)
    series = event_id(window, "Monthly resilience exchange")
    offered: list[list[str]] = []

    def second_meeting(*args: object) -> tuple[str, bool]:
        labels = list(args[3])  # type: ignore[call-overload]
        offered.append(labels)
        return labels[1], True

    monkeypatch.setattr(QInputDialog, "getItem", second_meeting)
    window.select_event(series)
    with gui_thread_visits(program) as visits:
        window.cancel_meeting_action.trigger()
        rows_read(window)
    assert visits == []  # the meetings were read, and the one chosen cancelled, off it
    assert offered[0] == [
        "Tue 12 Jan 2027  17:00",
        "Tue 19 Jan 2027  17:00",
        "Tue 26 Jan 2027  17:00",
        "Tue 02 Feb 2027  17:00",
    ]
    assert window.undo_action.text() == (
        "Undo Cancel the 19 Jan meeting of 'Monthly resilience exchange'"
    )
    first = JANUARY_NINE_TOKYO + timedelta(hours=8)
    week = timedelta(days=7)

    def starts() -> list[object]:
        return sorted(
            row.start_utc
            for row in window.events.rows()
            if row.title == "Monthly resilience exchange"
        )

    assert starts() == [first, first + 2 * week, first + 3 * week]
    with program.session() as session:
        event = session.get(Event, series)
        assert event is not None
        assert event.sequence == 1  # calendar clients are told the series changed
    window.undo_action.trigger()
    rows_read(window)
    assert starts() == [first + n * week for n in range(4)]

    window.select_event(event_id(window, "Kobe DRR workshop"))
    window.cancel_meeting_action.trigger()
    rows_read(window)
    assert messages.errors[-1][0] == "Not a series"


def test_the_meeting_chosen_is_cancelled_when_another_was_moved_onto_its_hour(
    program: Database,
    make_window,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """The 19 Jan meeting moved onto 26 Jan 17:00, the hour of the 26 Jan meeting: the
    list tells the two apart, and the one chosen (the rule's 26 Jan) is the one
    cancelled, the moved one kept."""
    from PySide6.QtWidgets import QInputDialog

    add_weekly_series(program)
    window: MainWindow = make_window(program)
    series = event_id(window, "Monthly resilience exchange")
    first = JANUARY_NINE_TOKYO + timedelta(hours=8)
    week = timedelta(days=7)
    window.move_event(
        series, first + 2 * week, first + 2 * week + timedelta(hours=1.5), first + week
    )
    rows_read(window)
    offered: list[list[str]] = []

    def chosen_meeting(*args: object) -> tuple[str, bool]:
        labels = list(args[3])  # type: ignore[call-overload]
        offered.append(labels)
        return labels[args[4]], True  # type: ignore[index]  # the one selected

    monkeypatch.setattr(QInputDialog, "getItem", chosen_meeting)
    window.select_occurrence(OccurrenceKey(series, first + 2 * week))
    window.cancel_meeting_action.trigger()
    rows_read(window)
    assert sorted(offered[0]) == [
        "Tue 02 Feb 2027  17:00",
        "Tue 12 Jan 2027  17:00",
        "Tue 26 Jan 2027  17:00",
        "Tue 26 Jan 2027  17:00 (moved from Tue 19 Jan 2027  17:00)",
    ]
    held = sorted(
        (row.start_utc, row.recurrence_id) for row in window.events.rows() if row.event_id == series
    )
    assert held == [
        (first, first),
        (first + 2 * week, first + week),  # the moved meeting, kept
        (first + 3 * week, first + 3 * week),
    ]
    assert window.undo_action.text() == (
        "Undo Cancel the 26 Jan meeting of 'Monthly resilience exchange'"
    )


def test_a_drop_on_an_event_the_calendar_no_longer_holds_moves_it_as_the_store_has_it(
    program: Database,
    make_window,
    messages: Messages,  # type: ignore[no-untyped-def]
) -> None:
    """The rows were read again during the drag (a colleague's change arrived) and no
    longer hold the event dropped: it is read in the background and moved all the same,
    with the window answering meanwhile."""
    window: MainWindow = make_window(program)
    far = JANUARY_NINE_TOKYO + timedelta(days=200)  # a period the calendar does not show
    visit = add_event(program, "Toyama tram depot visit", far, 2.0)
    assert window.events.row_of(OccurrenceKey(visit)) < 0
    later = far + timedelta(hours=3)
    with gui_thread_visits(program) as visits:
        window.move_event(visit, later, later + timedelta(hours=2))
        rows_read(window)
    assert visits == []
    assert messages.errors == []
    with program.session() as session:
        moved = session.get(Event, visit)
        assert moved is not None
        assert (moved.start_utc, moved.end_utc) == (later, later + timedelta(hours=2))
    assert window.undo_action.text().startswith("Undo Move 'Toyama tram depot visit'")
    window.undo_action.trigger()
    rows_read(window)
    with program.session() as session:
        back = session.get(Event, visit)
        assert back is not None
        assert back.start_utc == far


def test_a_right_click_on_an_event_offers_what_can_be_done_to_it(
    program: Database,
    make_window,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    add_weekly_series(program)
    window: MainWindow = make_window(program)
    window.resize(1400, 900)  # every event of the morning in sight
    window.go_to(JANUARY_NINE_TOKYO.date())
    QApplication.processEvents()
    week = window.views["week"]
    assert isinstance(week, TimeGridView)
    shown: list[list[str]] = []

    def offered(menu: QMenu, _at: QPoint) -> None:
        shown.append([action.text() for action in menu.actions() if not action.isSeparator()])

    window.show_menu = offered  # type: ignore[method-assign]

    def right_click(view: object, point: QPoint) -> None:
        """A right-click where the user points: Qt sends the menu event to the widget
        under the pointer, and it travels up to the view."""
        target = view.childAt(point) or view  # type: ignore[attr-defined]
        local = target.mapFrom(view, point)
        QApplication.sendEvent(
            target,
            QContextMenuEvent(QContextMenuEvent.Reason.Mouse, local, target.mapToGlobal(local)),
        )

    def centre_of(title: str) -> QPoint:
        block = next(block for block in week.blocks() if block.row.title == title)
        rect = week.block_rect(block)
        return week._canvas.mapTo(week, rect.center().toPoint())  # type: ignore[attr-defined]

    right_click(week, centre_of("Kobe DRR workshop"))
    assert window.selected_event == event_id(window, "Kobe DRR workshop")
    assert shown[-1] == ["Edit event…", "Delete event", "Print run sheet of Tue 12 Jan…"]
    right_click(week, centre_of("Monthly resilience exchange"))
    assert window.selected_event == event_id(window, "Monthly resilience exchange")
    assert shown[-1][:3] == [
        "Edit event…",
        "Delete event",
        "Cancel one meeting of the series…",
    ]
    count = len(shown)
    right_click(week, QPoint(week.width() - 5, week.height() - 5))  # an empty evening
    assert len(shown) == count  # nothing to offer where there is no event

    window.show_view("agenda")
    agenda = window.views["agenda"]
    table = agenda.table  # type: ignore[attr-defined]
    row = next(
        number
        for number in range(window.proxy.rowCount())
        if table.model().index(number, 0).data(Roles.EVENT_ID)
        == event_id(window, "Kobe DRR workshop")
    )
    cell = table.visualRect(table.model().index(row, 2)).center()
    right_click(agenda, table.viewport().mapTo(agenda, cell))
    assert window.selected_event == event_id(window, "Kobe DRR workshop")
    assert shown[-1] == ["Edit event…", "Delete event", "Print run sheet of Tue 12 Jan…"]


def test_a_moved_meeting_is_undone_and_redone_against_the_series_version(
    program: Database,
    make_window,  # type: ignore[no-untyped-def]
    messages: Messages,
) -> None:
    series_id = add_weekly_series(program)
    window: MainWindow = make_window(program)
    first = JANUARY_NINE_TOKYO + timedelta(hours=8)
    week = timedelta(days=7)
    second = first + week
    moved = second + timedelta(days=1)

    def starts() -> list[object]:
        return sorted(row.start_utc for row in window.events.rows() if row.event_id == series_id)

    window.move_event(series_id, moved, moved + timedelta(hours=1), second)
    rows_read(window)
    assert starts() == [first, moved, first + 2 * week, first + 3 * week]
    window.undo_action.trigger()
    rows_read(window)
    assert starts() == [first + n * week for n in range(4)]
    window.redo_action.trigger()
    rows_read(window)
    assert starts() == [first, moved, first + 2 * week, first + 3 * week]
    with program.session() as session:
        change = session.query(OccurrenceOverride).one()
        assert (change.recurrence_id, change.start_utc) == (second, moved)
    assert messages.errors == []

    with program.transaction() as session:  # a colleague retitles the series meanwhile
        editing.update_record(session, Event, series_id, {"title": "Weekly exchange"})
    window.undo_action.trigger()
    rows_read(window)
    assert "changed by somebody else" in messages.errors[-1][1]
    with program.session() as session:
        assert session.query(OccurrenceOverride).one().start_utc == moved


def test_a_meeting_moved_before_is_named_by_the_day_it_is_on_when_moved_again(
    program: Database,
    make_window,  # type: ignore[no-untyped-def]
) -> None:
    """Moved from Tue 19 to Wed 20 Jan, then dragged to 18:00 that day: its step names
    the 20 Jan meeting, as the calendar shows it and as cancelling it would name it, not
    the 19 Jan meeting the calendar no longer shows."""
    series_id = add_weekly_series(program)
    window: MainWindow = make_window(program)
    second = JANUARY_NINE_TOKYO + timedelta(hours=8, days=7)
    moved = second + timedelta(days=1)
    window.move_event(series_id, moved, moved + timedelta(hours=1), second)
    rows_read(window)

    later = moved + timedelta(hours=1)
    window.move_event(series_id, later, later + timedelta(hours=1), second)
    rows_read(window)

    assert window.undo_action.text() == (
        "Undo Move the 20 Jan meeting of 'Monthly resilience exchange' to Wed 18:00"
    )


def test_a_drag_over_a_move_the_calendar_has_not_shown_yet_asks_and_keeps_theirs(
    window: MainWindow,
    messages: Messages,
) -> None:
    """The drag carries the version its row showed: a colleague who moved the event
    since is a real clash, so the merge asks; cancelled, their move is kept and the
    coordinator is told."""
    kobe = event_id(window, "Kobe DRR workshop")
    theirs = JANUARY_NINE_TOKYO + timedelta(hours=4)
    with window.database.transaction() as session:
        editing.update_record(
            session, Event, kobe, {"start_utc": theirs, "end_utc": theirs + timedelta(hours=2)}
        )
    asked: list[list[str]] = []
    window.resolve_merge = lambda plan, parent: asked.append(  # type: ignore[method-assign,func-returns-value]
        [conflict.key for conflict in plan.conflicts]
    )
    window.move_event(
        kobe, JANUARY_NINE_TOKYO + timedelta(hours=1), JANUARY_NINE_TOKYO + timedelta(hours=3)
    )
    rows_read(window)
    assert asked == [["start_utc", "end_utc"]]
    assert messages.errors[-1][0] == "Cannot move the event"
    assert "changed by somebody else" in messages.errors[-1][1]
    assert not window.undo_action.isEnabled()
    with window.database.session() as session:
        assert editing.get_record(session, Event, kobe).start_utc == theirs


def test_two_moves_of_one_event_are_undone_and_redone_in_turn(
    window: MainWindow, messages: Messages, qtbot: QtBot
) -> None:
    """Each undo finds the event as the step after it left it, at a newer version than
    the step itself saved: that is the window's own doing, not a colleague's."""
    kobe = event_id(window, "Kobe DRR workshop")
    first = JANUARY_NINE_TOKYO + timedelta(hours=1)
    second = JANUARY_NINE_TOKYO + timedelta(hours=4)
    window.move_event(kobe, first, first + timedelta(hours=2))
    rows_read(window)
    window.move_event(kobe, second, second + timedelta(hours=2))
    rows_read(window)

    def stored_start() -> object:
        return editing.stored(window.database, Event, kobe).values["start_utc"]

    steps = [
        (window.undo_action, first),
        (window.undo_action, JANUARY_NINE_TOKYO),
        (window.redo_action, first),
        (window.redo_action, second),
    ]
    for action, start in steps:
        action.trigger()
        rows_read(window)
        assert messages.errors == []
        assert stored_start() == start
    versions = editing.stored(window.database, Event, kobe).version
    assert versions == 1 + 6  # two moves, two undos, two redos: six saves


def test_ok_on_an_editor_left_as_it_was_keeps_the_step_to_redo(
    window: MainWindow, dialogs: DialogScript, messages: Messages
) -> None:
    """An edit undone, then an editor opened to look and closed with OK: Redo still
    reads as the edit and redoes it (the untouched OK threw the step away while Redo
    stayed enabled, naming it, and did nothing)."""
    kobe = event_id(window, "Kobe DRR workshop")
    dialogs.answers.append({"title": "Kobe DRR workshop", "notes": "Meet at the lobby"})
    window.edit_record("event", kobe)
    rows_read(window)
    window.undo_action.trigger()
    rows_read(window)

    dialogs.answers.append({"title": "Kobe DRR workshop", "notes": ""})  # OK, as it was
    window.edit_record("event", kobe)
    rows_read(window)

    assert window.redo_action.isEnabled()
    assert window.redo_action.text() == "Redo Edit event 'Kobe DRR workshop'"
    window.redo_action.trigger()
    rows_read(window)
    notes = editing.stored(window.database, Event, kobe).values["notes"]
    assert notes == "Meet at the lobby"
    assert messages.errors == []


TWO_LINES = "Kobe DRR workshop\nwith Quezon City"
"""A title as a partner's calendar file may bring it: two lines, kept as they came."""


def test_an_undo_step_names_a_title_of_two_lines_on_one_line(
    program: Database,
    make_window,
    dialogs: DialogScript,
    messages: Messages,  # type: ignore[no-untyped-def]
) -> None:
    """Before, Qt kept the last line of the name alone: Edit > Undo read "Undo with
    Quezon City'", and a tab reached the menu as it was."""
    kobe = add_event(program, TWO_LINES, JANUARY_NINE_TOKYO + timedelta(hours=5), 2)
    window: MainWindow = make_window(program)
    window.go_to(JANUARY_NINE_TOKYO.date())
    later = JANUARY_NINE_TOKYO + timedelta(hours=1)
    window.move_event(kobe, later, later + timedelta(hours=2))
    rows_read(window)
    assert messages.errors == []
    assert window.undo_action.text() == (
        "Undo Move 'Kobe DRR workshop\\nwith Quezon City' to Tue 10:00"
    )
    dialogs.answers.append({"title": "Toyama\tcompact city " + "walk " * 50})
    window.edit_record("event", kobe)
    rows_read(window)
    assert messages.errors == []
    assert window.undo_action.text() == (
        "Undo Edit event 'Toyama\\tcompact city walk walk walk walk walk walk walk walk…'"
    )
