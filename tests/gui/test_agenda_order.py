"""The agenda's order by each column, and the calendar after a drag and its undo: what
the store holds, shown without a jump back while the moved event is read again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from gui_support import add_event, rows_read
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.choices import ChoiceListModel
from cpp_scheduler.gui.commands import EditRecord
from cpp_scheduler.gui.eventmodel import Column, Roles
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.timegrid import HOUR_HEIGHT, TimeGridView
from cpp_scheduler.model import Event, EventKind, EventMode, EventStatus
from cpp_scheduler.services import calendar_reads
from cpp_scheduler.services.rows import EventRow
from cpp_scheduler.store import Database

# (title, start in UTC, hours, kind): midnight UTC is 09:00 in Tokyo.
AUTUMN = [
    ("Kobe DRR workshop", datetime(2027, 9, 30, tzinfo=UTC), 2, EventKind.WORKSHOP),
    ("kyoto heritage walk", datetime(2027, 10, 1, tzinfo=UTC), 3, EventKind.SITE_VISIT),
    ("神戸市 防災ワークショップ", datetime(2027, 9, 28, 1, tzinfo=UTC), 1, EventKind.WORKSHOP),
    ("おおさか交流会", datetime(2027, 10, 5, tzinfo=UTC), 4, EventKind.CONFERENCE),
    ("Annual review", datetime(2027, 10, 12, 2, tzinfo=UTC), 1, EventKind.VIDEOCONFERENCE),
    ("ワークショップ準備", datetime(2027, 9, 6, tzinfo=UTC), 2, EventKind.WORKSHOP),
]


@pytest.fixture
def autumn(tmp_path: Path, new_program: Callable[[Path], Database]) -> Iterator[Database]:
    """September and October meetings, titled in English (any case) and in Japanese."""
    database = new_program(tmp_path / "autumn.sqlite")
    statuses = [EventStatus.CONFIRMED, EventStatus.TENTATIVE, EventStatus.CANCELLED]
    for number, (title, start, hours, kind) in enumerate(AUTUMN):
        add_event(
            database,
            title,
            start,
            hours,
            kind=kind,
            status=statuses[number % 3],
            mode=EventMode.VIRTUAL if number % 2 else EventMode.FACE_TO_FACE,
        )
    yield database
    database.close()


@pytest.fixture
def agenda_window(autumn: Database, make_window: Callable[[Database], MainWindow]) -> MainWindow:
    window = make_window(autumn)
    window.go_to(datetime(2027, 9, 1).date())
    window.show_view("agenda")
    return window


def shown_rows(window: MainWindow) -> list[EventRow]:
    proxy = window.proxy
    return [proxy.index(row, 0).data(Roles.ROW) for row in range(proxy.rowCount())]


def shown_text(window: MainWindow, column: Column) -> list[str]:
    proxy = window.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def click_header(qtbot: QtBot, window: MainWindow, column: Column) -> None:
    table = window.views["agenda"].table  # type: ignore[attr-defined]
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def expected_order(window: MainWindow, column: Column) -> list[str]:
    """The titles in the order a coordinator expects for ``column``: times by the instant
    (never by the text, where "Fri 01 Oct" would come before "Thu 30 Sep"), words by
    their letters in any case; ties by start."""
    texts = {row.title: row for row in shown_rows(window)}
    by_text = {
        title: window.proxy.index(number, column).data()
        for number, title in enumerate(shown_text(window, Column.TITLE))
    }
    key: Callable[[str], Any]
    if column == Column.START:
        key = lambda title: (texts[title].start_utc, title.casefold())  # noqa: E731
    elif column == Column.END:
        key = lambda title: (texts[title].end_utc, title.casefold())  # noqa: E731
    else:
        key = lambda title: (by_text[title].casefold(), texts[title].start_utc)  # noqa: E731
    return sorted(texts, key=key)


def test_dates_sort_by_the_day_september_before_october(
    agenda_window: MainWindow, qtbot: QtBot
) -> None:
    click_header(qtbot, agenda_window, Column.TITLE)
    click_header(qtbot, agenda_window, Column.START)
    assert shown_text(agenda_window, Column.TITLE) == [
        "ワークショップ準備",  # Mon 06 Sep
        "神戸市 防災ワークショップ",  # Tue 28 Sep 10:00
        "Kobe DRR workshop",  # Thu 30 Sep
        "kyoto heritage walk",  # Fri 01 Oct
        "おおさか交流会",  # Tue 05 Oct
        "Annual review",  # Tue 12 Oct
    ]
    assert shown_text(agenda_window, Column.START)[2:4] == [
        "Thu 30 Sep 2027  09:00",
        "Fri 01 Oct 2027  09:00",
    ]


def test_titles_sort_in_any_case_then_japanese(agenda_window: MainWindow, qtbot: QtBot) -> None:
    click_header(qtbot, agenda_window, Column.TITLE)
    assert shown_text(agenda_window, Column.TITLE) == [
        "Annual review",
        "Kobe DRR workshop",
        "kyoto heritage walk",
        "おおさか交流会",
        "ワークショップ準備",
        "神戸市 防災ワークショップ",
    ]
    click_header(qtbot, agenda_window, Column.TITLE)  # the second click: descending
    assert shown_text(agenda_window, Column.TITLE)[0] == "神戸市 防災ワークショップ"
    assert shown_text(agenda_window, Column.TITLE)[-1] == "Annual review"


@pytest.mark.parametrize("column", list(Column))
def test_each_column_sorts_both_ways(
    agenda_window: MainWindow, qtbot: QtBot, column: Column
) -> None:
    if column == Column.START:  # the agenda starts sorted by it: one click turns it round
        click_header(qtbot, agenda_window, Column.TITLE)
    click_header(qtbot, agenda_window, column)
    ascending = expected_order(agenda_window, column)
    assert shown_text(agenda_window, Column.TITLE) == ascending
    click_header(qtbot, agenda_window, column)
    assert shown_text(agenda_window, Column.TITLE) == ascending[::-1]
    click_header(qtbot, agenda_window, column)  # and back, as it was
    assert shown_text(agenda_window, Column.TITLE) == ascending


def test_a_sort_after_an_edit_places_the_edited_meeting_by_its_new_title(
    agenda_window: MainWindow, qtbot: QtBot
) -> None:
    click_header(qtbot, agenda_window, Column.TITLE)
    click_header(qtbot, agenda_window, Column.START)
    walk = next(row for row in shown_rows(agenda_window) if row.title == "kyoto heritage walk")
    agenda_window.editor.execute(
        EditRecord(agenda_window.editor, Event, walk.event_id, {"title": "Zushi walk"}, "Edit")
    )
    rows_read(agenda_window)
    click_header(qtbot, agenda_window, Column.TITLE)
    assert shown_text(agenda_window, Column.TITLE)[:4] == [
        "Annual review",
        "Kobe DRR workshop",
        "Zushi walk",
        "おおさか交流会",
    ]


def store_rows(database: Database) -> set[tuple[str, datetime, datetime, int]]:
    return {
        (row.event_id, row.start_utc, row.end_utc, row.version)
        for row in calendar_reads.load_event_rows(database)
    }


def window_rows(window: MainWindow) -> set[tuple[str, datetime, datetime, int]]:
    return {(row.event_id, row.start_utc, row.end_utc, row.version) for row in window.events.rows()}


def drag_down_an_hour(qtbot: QtBot, window: MainWindow, title: str) -> None:
    view = window.views["week"]
    assert isinstance(view, TimeGridView)
    block = next(b for b in view.blocks() if b.row.title == title)
    start = view.block_rect(block).center().toPoint()
    end = start + QPoint(0, HOUR_HEIGHT)
    qtbot.mousePress(view._canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view._canvas, start + QPoint(0, 8))
    qtbot.mouseMove(view._canvas, end)
    qtbot.mouseRelease(view._canvas, Qt.MouseButton.LeftButton, pos=end)


def test_after_a_drag_and_its_undo_the_window_shows_what_the_store_holds(
    autumn: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    window = make_window(autumn)
    window.go_to(datetime(2027, 9, 30).date())
    window.show_view("week")
    before = window_rows(window)
    assert before == store_rows(autumn)

    drag_down_an_hour(qtbot, window, "Kobe DRR workshop")
    # Where it was dropped at once, before its read comes back: no jump back meanwhile.
    moved = next(row for row in window.events.rows() if row.title == "Kobe DRR workshop")
    assert moved.start_utc == datetime(2027, 9, 30, 1, tzinfo=UTC)
    rows_read(window)
    assert window_rows(window) == store_rows(autumn)
    rows_read(window)
    assert window_rows(window) == store_rows(autumn)

    window.undo_action.trigger()
    rows_read(window)
    assert window_rows(window) == store_rows(autumn)
    assert {(e, s, n) for e, s, n, _v in window_rows(window)} == {
        (e, s, n) for e, s, n, _v in before
    }
    window.redo_action.trigger()
    rows_read(window)
    assert window_rows(window) == store_rows(autumn)


def test_two_drags_in_a_row_move_twice_without_asking(
    autumn: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    messages: Any,
) -> None:
    """The second drag carries the version the first left, read or not yet read."""
    window = make_window(autumn)
    window.go_to(datetime(2027, 9, 30).date())
    window.show_view("week")
    drag_down_an_hour(qtbot, window, "Kobe DRR workshop")
    drag_down_an_hour(qtbot, window, "Kobe DRR workshop")
    rows_read(window)
    moved = next(row for row in window.events.rows() if row.title == "Kobe DRR workshop")
    assert moved.start_utc == datetime(2027, 9, 30, 2, tzinfo=UTC)
    assert messages.errors == []
    assert messages.questions == []
    assert window_rows(window) == store_rows(autumn)
    window.undo_action.trigger()
    rows_read(window)
    assert window_rows(window) == store_rows(autumn)
    moved = next(row for row in window.events.rows() if row.title == "Kobe DRR workshop")
    assert moved.start_utc == datetime(2027, 9, 30, 1, tzinfo=UTC)


def test_the_week_finds_the_meetings_of_a_period_after_moves_and_undo(
    autumn: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    """The index by start follows each row that comes and goes: a period's meetings are
    those a walk over every row finds, by start then title, whatever the agenda's sort."""
    window = make_window(autumn)
    window.go_to(datetime(2027, 9, 27).date())
    window.show_view("week")
    period = (datetime(2027, 9, 27, tzinfo=UTC), datetime(2027, 10, 4, tzinfo=UTC))

    def walked() -> list[str]:
        rows = [
            r for r in window.events.rows() if r.start_utc < period[1] and r.end_utc > period[0]
        ]
        return [r.title for r in sorted(rows, key=lambda r: (r.start_utc, r.title.casefold()))]

    def indexed() -> list[str]:
        return [row.title for row in window.events.rows_between(*period)]

    assert (
        indexed()
        == walked()
        == [
            "神戸市 防災ワークショップ",
            "Kobe DRR workshop",
            "kyoto heritage walk",
        ]
    )
    window.events.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    assert indexed() == walked()
    drag_down_an_hour(qtbot, window, "Kobe DRR workshop")
    assert indexed() == walked()
    walk = next(row for row in window.events.rows() if row.title == "kyoto heritage walk")
    window.move_event(walk.event_id, period[0] - timedelta(days=3), period[0] - timedelta(days=2))
    rows_read(window)
    assert indexed() == walked() == ["神戸市 防災ワークショップ", "Kobe DRR workshop"]
    rows_read(window)
    window.undo_action.trigger()
    rows_read(window)
    assert indexed() == walked()
    assert "kyoto heritage walk" in indexed()


# -- filters over the agenda -------------------------------------------------------------
AUTUMN_WORKSHOPS = ["ワークショップ準備", "神戸市 防災ワークショップ", "Kobe DRR workshop"]
"""The workshops, by start."""


def choose_kind(window: MainWindow, kind: EventKind | None) -> None:
    """Pick a kind in the sidebar's Kind box (``None``: all kinds), as a coordinator does."""
    combo = window.sidebar.kind
    model = combo.model()
    assert isinstance(model, ChoiceListModel)
    combo.setCurrentIndex(max(0, model.row_of(kind)))


def click_row(qtbot: QtBot, window: MainWindow, title: str) -> None:
    table = window.views["agenda"].table  # type: ignore[attr-defined]
    row = shown_text(window, Column.TITLE).index(title)
    table.scrollTo(window.proxy.index(row, Column.TITLE))
    rect = table.visualRect(window.proxy.index(row, Column.TITLE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def highlighted_titles(window: MainWindow) -> list[str]:
    """The titles of the agenda's selected rows, as the table highlights them."""
    table = window.views["agenda"].table  # type: ignore[attr-defined]
    return [
        index.siblingAtColumn(Column.TITLE).data()
        for index in table.selectionModel().selectedRows()
    ]


def test_a_filter_shows_the_meetings_that_pass_and_keeps_the_selected_one(
    agenda_window: MainWindow, qtbot: QtBot, qtmodeltester: Any
) -> None:
    click_row(qtbot, agenda_window, "Kobe DRR workshop")
    assert highlighted_titles(agenda_window) == ["Kobe DRR workshop"]

    choose_kind(agenda_window, EventKind.WORKSHOP)
    assert shown_text(agenda_window, Column.TITLE) == AUTUMN_WORKSHOPS
    assert shown_text(agenda_window, Column.KIND) == [EventKind.WORKSHOP.label] * 3
    assert highlighted_titles(agenda_window) == ["Kobe DRR workshop"]
    assert agenda_window.selected_occurrence is not None
    qtmodeltester.check(agenda_window.proxy)

    qtbot.mouseClick(agenda_window.sidebar.clear_button, Qt.MouseButton.LeftButton)
    assert shown_text(agenda_window, Column.TITLE) == [
        "ワークショップ準備",
        "神戸市 防災ワークショップ",
        "Kobe DRR workshop",
        "kyoto heritage walk",
        "おおさか交流会",
        "Annual review",
    ]
    assert highlighted_titles(agenda_window) == ["Kobe DRR workshop"]


def test_a_meeting_the_filter_hides_is_no_longer_highlighted(
    agenda_window: MainWindow, qtbot: QtBot
) -> None:
    click_row(qtbot, agenda_window, "kyoto heritage walk")
    choose_kind(agenda_window, EventKind.WORKSHOP)
    assert shown_text(agenda_window, Column.TITLE) == AUTUMN_WORKSHOPS
    assert highlighted_titles(agenda_window) == []
    choose_kind(agenda_window, None)
    assert len(shown_rows(agenda_window)) == len(AUTUMN)


def test_sorting_a_filtered_agenda_sorts_the_meetings_that_pass(
    agenda_window: MainWindow, qtbot: QtBot
) -> None:
    choose_kind(agenda_window, EventKind.WORKSHOP)
    click_row(qtbot, agenda_window, "神戸市 防災ワークショップ")
    click_header(qtbot, agenda_window, Column.TITLE)
    assert shown_text(agenda_window, Column.TITLE) == [
        "Kobe DRR workshop",
        "ワークショップ準備",
        "神戸市 防災ワークショップ",
    ]
    assert highlighted_titles(agenda_window) == ["神戸市 防災ワークショップ"]
    click_header(qtbot, agenda_window, Column.TITLE)  # descending
    assert shown_text(agenda_window, Column.TITLE)[0] == "神戸市 防災ワークショップ"
    assert highlighted_titles(agenda_window) == ["神戸市 防災ワークショップ"]
    choose_kind(agenda_window, None)  # every meeting again, in the order chosen
    assert shown_text(agenda_window, Column.TITLE) == [
        "神戸市 防災ワークショップ",
        "ワークショップ準備",
        "おおさか交流会",
        "kyoto heritage walk",
        "Kobe DRR workshop",
        "Annual review",
    ]
    assert highlighted_titles(agenda_window) == ["神戸市 防災ワークショップ"]


def test_a_search_typed_in_the_sidebar_lists_the_meetings_it_finds(
    agenda_window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClicks(agenda_window.sidebar.search, "workshop")
    qtbot.keyClick(agenda_window.sidebar.search, Qt.Key.Key_Return)
    assert shown_text(agenda_window, Column.TITLE) == AUTUMN_WORKSHOPS


def test_an_edit_under_a_filter_brings_in_or_takes_out_its_meeting(
    agenda_window: MainWindow, qtbot: QtBot
) -> None:
    choose_kind(agenda_window, EventKind.WORKSHOP)
    click_row(qtbot, agenda_window, "ワークショップ準備")
    walk = next(row for row in agenda_window.events.rows() if row.title == "kyoto heritage walk")
    agenda_window.editor.execute(
        EditRecord(agenda_window.editor, Event, walk.event_id, {"kind": EventKind.WORKSHOP}, "Edit")
    )
    rows_read(agenda_window)
    assert shown_text(agenda_window, Column.TITLE) == [*AUTUMN_WORKSHOPS, "kyoto heritage walk"]
    kobe = next(row for row in agenda_window.events.rows() if row.title == "Kobe DRR workshop")
    agenda_window.editor.execute(
        EditRecord(
            agenda_window.editor, Event, kobe.event_id, {"kind": EventKind.CONFERENCE}, "Edit"
        )
    )
    rows_read(agenda_window)
    assert shown_text(agenda_window, Column.TITLE) == [
        "ワークショップ準備",
        "神戸市 防災ワークショップ",
        "kyoto heritage walk",
    ]
    assert highlighted_titles(agenda_window) == ["ワークショップ準備"]
    agenda_window.undo_action.trigger()
    rows_read(agenda_window)
    assert shown_text(agenda_window, Column.TITLE) == [*AUTUMN_WORKSHOPS, "kyoto heritage walk"]


def test_a_search_after_a_sort_finds_the_same_meetings_in_the_new_order(
    agenda_window: MainWindow, qtbot: QtBot
) -> None:
    search = agenda_window.sidebar.search
    qtbot.keyClicks(search, "kobe")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert shown_text(agenda_window, Column.TITLE) == ["Kobe DRR workshop"]
    search.clear()
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert len(shown_rows(agenda_window)) == len(AUTUMN)
    click_header(qtbot, agenda_window, Column.TITLE)
    qtbot.keyClicks(search, "walk")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert shown_text(agenda_window, Column.TITLE) == ["kyoto heritage walk"]
    search.clear()
    qtbot.keyClicks(search, "workshop")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert shown_text(agenda_window, Column.TITLE) == [
        "Kobe DRR workshop",
        "ワークショップ準備",
        "神戸市 防災ワークショップ",
    ]


def test_the_first_click_on_starts_turns_the_program_round(
    agenda_window: MainWindow, qtbot: QtBot
) -> None:
    by_start = [
        "ワークショップ準備",
        "神戸市 防災ワークショップ",
        "Kobe DRR workshop",
        "kyoto heritage walk",
        "おおさか交流会",
        "Annual review",
    ]
    assert shown_text(agenda_window, Column.TITLE) == by_start
    click_header(qtbot, agenda_window, Column.START)
    assert shown_text(agenda_window, Column.TITLE) == by_start[::-1]
    click_header(qtbot, agenda_window, Column.START)
    assert shown_text(agenda_window, Column.TITLE) == by_start


def test_clear_filters_selects_no_meeting_the_coordinator_did_not_choose(
    agenda_window: MainWindow, qtbot: QtBot
) -> None:
    choose_kind(agenda_window, EventKind.WORKSHOP)
    qtbot.mouseClick(agenda_window.sidebar.clear_button, Qt.MouseButton.LeftButton)
    assert len(shown_rows(agenda_window)) == len(AUTUMN)
    assert agenda_window.selected_occurrence is None
    assert highlighted_titles(agenda_window) == []
    # The focus stays in the sidebar: the next search is typed at once.
    assert agenda_window.sidebar.search.hasFocus()
    qtbot.keyClicks(agenda_window.sidebar.search, "walk")
    qtbot.keyClick(agenda_window.sidebar.search, Qt.Key.Key_Return)
    assert shown_text(agenda_window, Column.TITLE) == ["kyoto heritage walk"]


def test_the_filtered_table_stays_a_sound_model_through_edits_filters_and_sorts(
    agenda_window: MainWindow, qtbot: QtBot, qtmodeltester: Any
) -> None:
    """Qt's model tester watches every row that comes, goes or moves."""
    qtmodeltester.check(agenda_window.proxy)
    walk = next(row for row in agenda_window.events.rows() if row.title == "kyoto heritage walk")

    def rename(title: str) -> None:
        agenda_window.editor.execute(
            EditRecord(agenda_window.editor, Event, walk.event_id, {"title": title}, "Edit")
        )
        rows_read(agenda_window)

    rename("Zushi walk")  # every row shown: removed and put in again
    choose_kind(agenda_window, EventKind.SITE_VISIT)
    rename("Akashi walk")  # the one row shown under the filter
    assert shown_text(agenda_window, Column.TITLE) == ["Akashi walk"]
    click_header(qtbot, agenda_window, Column.TITLE)
    choose_kind(agenda_window, None)
    rename("Osaka walk")
    assert shown_text(agenda_window, Column.TITLE) == [
        "Annual review",
        "Kobe DRR workshop",
        "Osaka walk",
        "おおさか交流会",
        "ワークショップ準備",
        "神戸市 防災ワークショップ",
    ]


def test_an_event_chosen_whole_is_its_first_meeting_whatever_the_agendas_order(
    autumn: Database, make_window: Callable[[Database], MainWindow]
) -> None:
    """Sorted newest first, the Agenda's first row of a series is its last meeting: the
    window chose that one when told to show the series (after creating it, or going to
    it from a tool), and the week shown and the Local times answered for other days."""
    first = datetime(2027, 11, 2, tzinfo=UTC)
    series = add_event(
        autumn, "Weekly Pacific call", first, 1, recurrence_rule="FREQ=WEEKLY;COUNT=4"
    )
    window = make_window(autumn)
    window.show_view("agenda")
    window.events.sort(Column.START, Qt.SortOrder.DescendingOrder)

    window.select_event(series)

    selected = window.selected_occurrence
    assert selected is not None
    assert (selected.event_id, selected.recurrence_id) == (series, first)
