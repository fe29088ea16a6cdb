"""The conflicts panel: a planted double booking is found, filtered, navigated to, marked
in the calendar, and goes away when the clash is fixed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import JANUARY_NINE_TOKYO, add_event, settle, tokyo_day, tools_of, venue_id
from gui_support import move_command, rows_read
from PySide6.QtCore import QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.eventmodel import Column as AgendaColumn
from cpp_scheduler.gui.eventmodel import Roles
from cpp_scheduler.gui.tools.conflicts import EVENTS_ROLE, Column
from cpp_scheduler.scheduling.conflicts import ConflictKind, Severity
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.rows import OccurrenceKey
from tests.parity.conflicts_support import conflicts_json
from tests.scheduling.test_range_days import lima_tour  # noqa: F401 (a fixture)


def _plant_double_booking(database) -> tuple[str, str]:
    room = venue_id(database, "TDLC Meeting Room A")
    first = add_event(database, "Housing finance clinic", JANUARY_NINE_TOKYO, 2, venue_id=room)
    second = add_event(
        database,
        "Water utilities roundtable",
        JANUARY_NINE_TOKYO + timedelta(hours=1),
        2,
        venue_id=room,
    )
    return first, second


def test_finds_a_planted_double_booking_and_goes_to_it(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_database, open_window
) -> None:
    first, second = _plant_double_booking(sqlite_database)
    window = open_window()
    tools = tools_of(window)
    dock = tools.conflicts
    qtmodeltester.check(dock.model)
    qtmodeltester.check(dock.proxy)

    kinds = [dock.model.conflict_at(row).kind for row in range(dock.model.rowCount())]
    assert ConflictKind.VENUE_DOUBLE_BOOKED in kinds
    row = kinds.index(ConflictKind.VENUE_DOUBLE_BOOKED)
    conflict = dock.model.conflict_at(row)
    assert conflict.severity is Severity.ERROR
    assert set(conflict.event_ids) == {first, second}
    assert "TDLC Meeting Room A" in conflict.message
    assert not dock.model.index(row, Column.SEVERITY).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert tools.count_label.text().startswith("1 error, ")
    assert window.events.index(window.events.row_of(first), 0).data(Roles.MARKED)

    window.go_to(tokyo_day(JANUARY_NINE_TOKYO) + timedelta(days=60))
    dock.kind.setCurrentIndex(dock.kind.findData(ConflictKind.VENUE_DOUBLE_BOOKED.value))
    assert dock.proxy.rowCount() == 1
    index = dock.proxy.index(0, Column.MESSAGE)
    rect = dock.table.visualRect(index)
    qtbot.mouseClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert window.selected_event == conflict.event_ids[0]
    assert window.anchor == tokyo_day(JANUARY_NINE_TOKYO)
    assert tools.local_times.event_id == conflict.event_ids[0]


def test_filters_by_severity_and_kind(qtbot: QtBot, sqlite_database, open_window) -> None:
    _plant_double_booking(sqlite_database)
    window = open_window()
    dock = tools_of(window).conflicts
    total = dock.model.rowCount()
    errors = sum(1 for c in dock.model.conflicts if c.severity is Severity.ERROR)
    assert total >= 1

    dock.warnings_box.setChecked(False)
    assert dock.proxy.rowCount() == errors
    dock.errors_box.setChecked(False)
    assert dock.proxy.rowCount() == 0
    dock.errors_box.setChecked(True)
    dock.warnings_box.setChecked(True)
    dock.kind.setCurrentIndex(dock.kind.findData(ConflictKind.OVER_CAPACITY.value))
    assert dock.proxy.rowCount() == sum(
        1 for c in dock.model.conflicts if c.kind is ConflictKind.OVER_CAPACITY
    )
    dock.kind.setCurrentIndex(0)
    assert dock.proxy.rowCount() == total


def test_a_filter_over_thousands_of_findings_asks_only_for_the_rows_on_screen(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
    sqlite_database,
    open_window,
) -> None:
    """The panel of a large program (tens of thousands of findings) answers a click on
    Errors, Warnings or a kind at once: the findings that pass are chosen in one pass,
    not read one by one through the table's model as a sort-filter proxy reads them,
    which held the window for half a second; it shows the same findings, in order,
    and the finding chosen stays chosen while it passes."""
    from cpp_scheduler.gui.tools.conflicts import ConflictModel

    asked: list[int] = []
    answer = ConflictModel.data

    def counted(model: ConflictModel, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        asked.append(index.row())
        return answer(model, index, role)

    monkeypatch.setattr(ConflictModel, "data", counted)  # before Qt looks it up
    _plant_double_booking(sqlite_database)
    window = open_window()
    dock = tools_of(window).conflicts
    dock.show()
    found = dock.model.conflicts * (3000 // len(dock.model.conflicts) + 1)
    dock.model.set_conflicts(found, clock=dock.model.clock)
    qtmodeltester.check(dock.proxy)
    chosen = next(n for n, c in enumerate(found) if c.severity is Severity.ERROR)
    dock.table.selectRow(dock.proxy.mapFromSource(dock.model.index(chosen, 0)).row())
    qtbot.waitExposed(dock.table)

    def shown() -> list[int]:
        return [
            dock.proxy.mapToSource(dock.proxy.index(row, 0)).row()
            for row in range(dock.proxy.rowCount())
        ]

    def choose(action) -> list[int]:  # type: ignore[no-untyped-def]
        asked.clear()
        action()
        assert len(set(asked)) < 200, "each finding read to filter it"
        return shown()

    errors = [n for n, c in enumerate(found) if c.severity is Severity.ERROR]
    assert choose(lambda: dock.warnings_box.setChecked(False)) == errors
    selected = dock.table.selectionModel().selectedRows()
    assert [dock.proxy.mapToSource(index).row() for index in selected] == [chosen]
    kind = found[0].kind
    assert choose(lambda: dock.warnings_box.setChecked(True)) == list(range(len(found)))
    assert choose(lambda: dock.kind.setCurrentIndex(dock.kind.findData(kind.value))) == [
        n for n, c in enumerate(found) if c.kind is kind
    ]
    assert choose(lambda: dock.errors_box.setChecked(False)) == [
        n for n, c in enumerate(found) if c.kind is kind and c.severity is Severity.WARNING
    ]
    # Findings that arrive while a kind is chosen are chosen among in the same pass.
    asked.clear()
    dock.model.set_conflicts(found[: len(found) // 2], clock=dock.model.clock)
    assert len(set(asked)) < 200
    assert shown() == [
        n
        for n, c in enumerate(found[: len(found) // 2])
        if c.kind is kind and c.severity is Severity.WARNING
    ]
    qtmodeltester.check(dock.proxy)


def test_recomputed_after_each_change(qtbot: QtBot, sqlite_database, open_window) -> None:
    _first, second = _plant_double_booking(sqlite_database)
    window = open_window()
    tools = tools_of(window)
    dock = tools.conflicts

    def double_bookings() -> int:
        return sum(1 for c in dock.model.conflicts if c.kind is ConflictKind.VENUE_DOUBLE_BOOKED)

    assert double_bookings() == 1
    later = JANUARY_NINE_TOKYO + timedelta(hours=4)
    window.editor.execute(move_command(window, second, later, later + timedelta(hours=2)))
    settle(qtbot, window)
    assert double_bookings() == 0
    assert not window.events.is_marked(window.events.row_at(window.events.row_of(second)))

    window.editor.stack.undo()
    rows_read(window)
    settle(qtbot, window)
    assert double_bookings() == 1
    assert window.events.is_marked(window.events.row_at(window.events.row_of(second)))


def test_visible_range_leaves_out_clashes_elsewhere(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    _plant_double_booking(sqlite_database)
    window = open_window()
    dock = tools_of(window).conflicts
    window.show_view("week")
    window.go_to(tokyo_day(JANUARY_NINE_TOKYO) + timedelta(days=28))
    dock.scope.setCurrentText(dock.VISIBLE_RANGE)
    settle(qtbot, window)
    assert dock.model.rowCount() == 0
    # The status bar says whose count it is: not the whole program's, which has one.
    count = tools_of(window).count_label.text()
    assert count.startswith("0 errors, 0 warnings in ")
    assert count.endswith(" in the dates shown")
    for _week in range(4):  # back to the week of the clash, as the user does
        window.previous_action.trigger()
    settle(qtbot, window)
    assert any(c.kind is ConflictKind.VENUE_DOUBLE_BOOKED for c in dock.model.conflicts)
    assert tools_of(window).count_label.text().endswith(" in the dates shown")


def test_marked_events_get_a_badge_in_the_week_view(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    _plant_double_booking(sqlite_database)
    window = open_window()
    window.resize(1300, 900)
    window.show()
    window.show_view("week")
    window.go_to(tokyo_day(JANUARY_NINE_TOKYO))
    settle(qtbot, window)
    image = window.views["week"].grab().toImage()
    red = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(QPoint(x, y)).name() == "#d93025"
    )
    assert red > 0


def test_the_common_kinds_and_every_time_fit_their_columns_and_the_problem_keeps_room(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The kinds a program meets every day fit whole; the longest few ("Session outside
    the conference's dates") are elided rather than take half a laptop's panel from the
    problem, which names who and what."""
    _plant_double_booking(sqlite_database)
    window = open_window()
    dock = tools_of(window).conflicts
    header = dock.table.horizontalHeader()
    metrics = dock.table.fontMetrics()
    common = (
        ConflictKind.NIGHT_SESSION,
        ConflictKind.VENUE_DOUBLE_BOOKED,
        ConflictKind.ATTENDEE_DOUBLE_BOOKED,
        ConflictKind.TRAVEL_TOO_SHORT,
        ConflictKind.JAPANESE_HOLIDAY,
        ConflictKind.DELEGATION_HOLIDAY,
    )
    for kind in common:
        assert metrics.horizontalAdvance(kind.label) < header.sectionSize(Column.KIND), kind
    longest = max(metrics.horizontalAdvance(kind.label) for kind in ConflictKind)
    assert header.sectionSize(Column.KIND) < longest
    for row in range(dock.proxy.rowCount()):
        when = dock.proxy.index(row, Column.WHEN).data()
        assert metrics.horizontalAdvance(when) < header.sectionSize(Column.WHEN), when


# -- one meeting of a series ------------------------------------------------------------

SERIES = "Peer-to-peer workshop series: resilient cities (monthly)"
#: The demo's moved meeting: the rule gives it Wed 19 May 17:00 Tokyo, it is held Thu 20.
RULE_START = datetime(2027, 5, 19, 8, 0, tzinfo=UTC)
HELD = datetime(2027, 5, 20, 8, 0, tzinfo=UTC)


def _red_pixels(window, day: date) -> int:
    window.go_to(day)
    image = window.views["week"].grab().toImage()
    return sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(QPoint(x, y)).name() == "#d93025"
    )


def test_only_the_meeting_of_a_series_in_conflict_is_marked(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], sqlite_database, open_window
) -> None:
    load_demo(sqlite_database)
    window = open_window()
    events = window.events
    rows = [row for row in events.rows() if row.title == SERIES]
    assert len(rows) == 5  # six meetings, one cancelled
    marked = [row for row in rows if events.is_marked(row)]
    assert [(row.recurrence_id, row.start_utc) for row in marked] == [(RULE_START, HELD)]
    for row in rows:  # the agenda's icon and the role every view reads
        index = window.proxy.index(
            window.proxy.proxy_row_of(row.occurrence_key), AgendaColumn.TITLE
        )
        assert index.data(Roles.MARKED) is (row in marked)
        assert (index.data(Qt.ItemDataRole.DecorationRole) is not None) is (row in marked)

    window.resize(1300, 900)
    window.show()
    window.show_view("week")
    assert _red_pixels(window, date(2027, 4, 21)) == 0  # the April meeting: no badge
    assert _red_pixels(window, date(2027, 5, 20)) > 0

    window.go_to(date(2027, 1, 4))
    dock = tools_of(window).conflicts
    [row_of_series] = [
        row
        for row in range(dock.proxy.rowCount())
        if rows[0].event_id in dock.proxy.index(row, 0).data(EVENTS_ROLE)
    ]
    dock.table.scrollTo(dock.proxy.index(row_of_series, Column.MESSAGE))
    rect = dock.table.visualRect(dock.proxy.index(row_of_series, Column.MESSAGE))
    qtbot.mouseClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selected_occurrence == OccurrenceKey(rows[0].event_id, RULE_START)
    assert window.anchor == date(2027, 5, 20)
    assert tools_of(window).local_times.occurrence == window.selected_occurrence

    answer = conflicts_json(capsys, sqlite_database)
    assert [
        meeting
        for conflict in answer["conflicts"]
        for meeting in conflict["meetings"]
        if meeting["event_id"] == rows[0].event_id
    ] == [
        {
            "event_id": rows[0].event_id,
            "recurrence_id": "2027-05-19T08:00:00Z",
            "start": "2027-05-20T08:00:00Z",
            "day": None,
        }
    ]


def test_a_read_asked_during_a_check_is_answered_before_the_check(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The check waits for its process without holding the task manager's one thread:
    a read asked meanwhile does not wait for the check."""
    load_demo(sqlite_database)
    # Six daily series booking one room for 500 days: a check of some 7,500 double
    # bookings, long enough that its answer cannot come first on a loaded machine
    # unless the read waited for it (the demo's alone was checked in tens of ms).
    room = venue_id(sqlite_database, "TDLC Meeting Room A")
    for number in range(6):
        add_event(
            sqlite_database,
            f"Daily desk {number}",
            JANUARY_NINE_TOKYO,
            recurrence_rule="FREQ=DAILY;COUNT=500",
            venue_id=room,
        )
    window = open_window()
    dock = tools_of(window).conflicts
    # A first check, waited for, with every read the window asks at its start: the task
    # manager is idle and the checking process warm before the check under test.
    checked: list[int] = []
    dock.countChanged.connect(lambda _found, _errors: checked.append(1))
    dock.recheck()
    qtbot.waitUntil(
        lambda: bool(checked) and not (window.tasks.busy or dock.checking or dock.check_pending),
        timeout=20_000,
    )
    answers: list[str] = []
    dock.countChanged.connect(lambda _found, _errors: answers.append("check"))
    asked = dock._generation
    dock.recheck()
    qtbot.waitUntil(lambda: dock._generation > asked, timeout=10_000)  # the check is sent
    # A read that costs nothing: the answer waits for the task manager's thread alone,
    # never for the check, however busy the machine (a real read of the program could
    # take longer than the check itself on a loaded one).
    window.tasks.run_in_background(lambda: None, lambda _nothing: answers.append("read"))
    settle(qtbot, window)
    assert answers == ["read", "check"]


def test_the_cycle_collection_runs_again_after_a_check_and_after_one_cut_short(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """The collection is held only while a check's findings are unpacked."""
    from cpp_scheduler.gui import collector

    _plant_double_booking(sqlite_database)
    window = open_window()
    dock = tools_of(window).conflicts
    running = collector.installed()
    assert running is not None
    assert dock.model.rowCount() > 0
    assert not running.held
    asked = dock._generation
    dock.recheck()
    # The check has started (on a small program it may be over by the next look).
    qtbot.waitUntil(lambda: dock._generation > asked, timeout=10_000)
    dock.stop()  # the window closes while the findings come in
    assert not running.held
    dock.recheck()
    settle(qtbot, window)
    assert dock.model.rowCount() > 0
    assert not running.held


def test_a_check_that_finds_the_same_keeps_the_row_chosen_in_the_panel(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    """A recheck that finds what the last one found leaves the panel as it was; one that
    finds something else shows it."""
    _first, second = _plant_double_booking(sqlite_database)
    window = open_window()
    dock = tools_of(window).conflicts
    kinds = [dock.model.conflict_at(row).kind for row in range(dock.model.rowCount())]
    chosen = kinds.index(ConflictKind.VENUE_DOUBLE_BOOKED)
    dock.table.selectRow(dock.proxy.mapFromSource(dock.model.index(chosen, 0)).row())
    found = dock.model.conflicts
    dock.recheck()
    settle(qtbot, window)
    assert dock.model.conflicts == found
    selected = dock.table.selectionModel().selectedRows()
    assert [dock.proxy.mapToSource(index).row() for index in selected] == [chosen]

    later = JANUARY_NINE_TOKYO + timedelta(hours=4)
    window.editor.execute(move_command(window, second, later, later + timedelta(hours=2)))
    settle(qtbot, window)
    assert ConflictKind.VENUE_DOUBLE_BOOKED not in {c.kind for c in dock.model.conflicts}


def test_an_all_day_events_conflict_reads_and_goes_to_its_own_date(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], sqlite_database, open_window
) -> None:
    """A field day all day on Thu 29 Apr 2027 (Showa Day in Japan), times shown in New
    York: the panel gives its date, not an hour, and a double click opens the day it is
    on, not the evening before on New York's clock."""
    from cpp_scheduler.model import Event

    room = venue_id(sqlite_database, "TDLC Meeting Room A")
    with sqlite_database.transaction() as session:
        field_day = Event(title="Kobe field day", zone="Asia/Tokyo", venue_id=room)
        field_day.set_dates(date(2027, 4, 29), date(2027, 4, 29))
        session.add(field_day)
        session.flush()
        event_id = field_day.id
    window = open_window()
    window.set_display_zone("America/New_York")
    settle(qtbot, window)
    dock = tools_of(window).conflicts
    [row] = [
        row
        for row in range(dock.proxy.rowCount())
        if "Kobe field day" in dock.proxy.index(row, Column.MESSAGE).data()
    ]
    assert dock.proxy.index(row, Column.WHEN).data() == "Thu 29 Apr, all day"
    index = dock.proxy.index(row, Column.MESSAGE)
    rect = dock.table.visualRect(index)
    qtbot.mouseClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.anchor == date(2027, 4, 29)
    assert window.selected_event == event_id
    answer = conflicts_json(capsys, sqlite_database)
    assert [
        meeting["day"]
        for conflict in answer["conflicts"]
        for meeting in conflict["meetings"]
        if meeting["event_id"] == event_id
    ] == ["2027-04-29"]


@pytest.mark.usefixtures("lima_tour")
def test_a_tours_findings_about_days_read_as_those_days_not_midnights(
    qtbot: QtBot, open_window
) -> None:
    """Lima's tour has nothing planned on Saturday 13 March and no hotel for the nights of
    Thursday 11 and Friday 12: the panel's When gives those days, as the findings name
    them, not "Sat 13 Mar 00:00"."""
    window = open_window()
    settle(qtbot, window)
    dock = tools_of(window).conflicts
    when = {
        dock.proxy.index(row, Column.KIND).data(): dock.proxy.index(row, Column.WHEN).data()
        for row in range(dock.proxy.rowCount())
    }
    assert when["Tour day with nothing planned"] == "Sat 13 Mar"
    assert when["Night without a hotel"] == "Thu 11 Mar"


def test_a_clash_from_midnight_keeps_its_time_and_a_holiday_is_said_by_its_date(
    qapp: object,
) -> None:
    """Both begin at Tokyo's midnight of the day they belong to: the holiday is that
    day, the night session a moment in it, which the coordinator needs to find."""
    from cpp_scheduler.scheduling.conflicts import Conflict
    from cpp_scheduler.services.conflict_words import when_text

    sunday = date(2027, 3, 21)
    midnight = datetime(2027, 3, 20, 15, 0, tzinfo=UTC)  # 00:00 in Tokyo
    holiday = Conflict(
        ConflictKind.JAPANESE_HOLIDAY, Severity.WARNING, "", ("e",), start=midnight, days=(sunday,)
    )
    night = Conflict(
        ConflictKind.NIGHT_SESSION, Severity.WARNING, "", ("e",), start=midnight, days=(sunday,)
    )
    assert when_text(holiday) == "Sun 21 Mar"
    assert when_text(night) == "Sun 21 Mar 00:00"


def test_a_clash_in_an_hour_read_twice_names_its_clock(qapp: object) -> None:
    """Two clashes at 01:30 in New York on 7 November 2027, an hour apart: the panel's
    When tells them apart as the calendar's blocks do."""
    from cpp_scheduler.scheduling.conflicts import Conflict
    from cpp_scheduler.services.conflict_words import when_text

    def clash(start: datetime) -> Conflict:
        return Conflict(ConflictKind.VENUE_DOUBLE_BOOKED, Severity.ERROR, "", ("e",), start=start)

    new_york = "America/New_York"
    assert when_text(clash(datetime(2027, 11, 7, 5, 30, tzinfo=UTC)), new_york) == (
        "Sun 07 Nov 01:30 EDT"
    )
    assert when_text(clash(datetime(2027, 11, 7, 6, 30, tzinfo=UTC)), new_york) == (
        "Sun 07 Nov 01:30 EST"
    )
    assert when_text(clash(datetime(2027, 11, 7, 8, 30, tzinfo=UTC)), new_york) == (
        "Sun 07 Nov 03:30"
    )


def test_the_chosen_finding_reads_whole_under_the_list_on_a_laptop(
    qtbot: QtBot, sqlite_database, open_window
) -> None:
    _first, second = _plant_double_booking(sqlite_database)
    window = open_window()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    dock = tools_of(window).conflicts
    assert dock.table.isVisible()
    assert not dock.detail.isVisible()  # nothing chosen: no line
    dock.kind.setCurrentIndex(dock.kind.findData(ConflictKind.VENUE_DOUBLE_BOOKED.value))
    index = dock.proxy.index(0, Column.MESSAGE)
    message = dock.proxy.data(index)
    assert "TDLC Meeting Room A" in message
    # The list has no room for the sentence on a laptop's panel...
    metrics = dock.table.fontMetrics()
    assert metrics.horizontalAdvance(message) > dock.table.columnWidth(Column.MESSAGE)

    rect = dock.table.visualRect(index)
    qtbot.mouseClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # ...the line under it says it whole, with its severity, as the tooltip does.
    qtbot.waitUntil(dock.detail.isVisible)
    assert dock.detail.text() == f"Error: {message}"
    assert dock.detail.text() == index.data(Qt.ItemDataRole.ToolTipRole)
    assert dock.detail.width() <= dock.width()
    assert dock.detail.heightForWidth(dock.detail.width()) <= dock.detail.height()

    dock.errors_box.setChecked(False)  # the finding leaves the list, and its line goes
    qtbot.waitUntil(lambda: not dock.detail.isVisible())

    dock.errors_box.setChecked(True)  # chosen again, then the clash is fixed
    qtbot.mouseClick(
        dock.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dock.table.visualRect(dock.proxy.index(0, Column.MESSAGE)).center(),
    )
    qtbot.waitUntil(dock.detail.isVisible)
    later = JANUARY_NINE_TOKYO + timedelta(hours=4)
    window.editor.execute(move_command(window, second, later, later + timedelta(hours=2)))
    settle(qtbot, window)
    assert dock.proxy.rowCount() == 0
    assert not dock.detail.isVisible()  # no word of a finding the new check did not find
