"""The Agenda's columns fit the window: on a wide screen every column is in view and the
room left goes to the titles; on a laptop the coordinator hides what they do not need
from the header's menu and the rest comes into view; the choice is kept, and a column
widened by hand keeps its width until the menu fits them again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.eventmodel import Column
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.views.agenda import AgendaView
from cpp_scheduler.store import Database


def agenda_of(window: MainWindow, qtbot: QtBot, width: int, height: int) -> AgendaView:
    window.resize(width, height)
    window.show_view("agenda")
    view = window.views["agenda"]
    assert isinstance(view, AgendaView)
    qtbot.waitUntil(lambda: view.table.isVisible())
    return view


def in_view(table: QTableView) -> list[str]:
    """The columns whose whole width is inside the table, by their headings, in order."""
    header = table.horizontalHeader()
    right = table.viewport().width()
    shown = []
    for visual in range(header.count()):
        column = header.logicalIndex(visual)
        if header.isSectionHidden(column):
            continue
        if header.sectionViewportPosition(column) + header.sectionSize(column) <= right:
            shown.append(str(table.model().headerData(column, header.orientation())))
    return shown


def header_menu(view: AgendaView, qtbot: QtBot) -> QMenu:
    header = view.table.horizontalHeader()
    header.customContextMenuRequested.emit(QPoint(10, 5))
    menus = [m for m in view.findChildren(QMenu, "agendaColumnMenu") if m.isVisible()]
    assert len(menus) == 1
    return menus[0]


def choose(view: AgendaView, qtbot: QtBot, text: str) -> None:
    """Choose ``text`` in the header's menu, as a click on it does."""
    menu = header_menu(view, qtbot)
    actions = {a.text(): a for a in menu.actions() if isinstance(a, QAction)}
    actions[text].trigger()
    menu.close()


def test_on_a_wide_screen_every_column_is_in_view_and_the_title_is_widest(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = agenda_of(window, qtbot, 1920, 1080)
    table = view.table
    assert in_view(table) == [
        "Starts", "Ends", "Title", "Kind", "Status", "Partner city", "Venue", "Delegations",
        "Mode",
    ]  # fmt: skip
    widths = {c: table.columnWidth(c) for c in Column}
    assert max(widths, key=lambda c: widths[c]) == Column.TITLE
    # The room is the titles', not the last column's: the mode's words are short.
    assert widths[Column.MODE] < widths[Column.VENUE]


def test_on_a_laptop_the_columns_hidden_from_the_menu_make_room_for_the_others(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = agenda_of(window, qtbot, 1366, 768)
    table = view.table
    before = in_view(table)
    assert before[:3] == ["Starts", "Ends", "Title"]
    assert "Delegations" not in before  # past the edge: the table scrolls sideways

    menu = header_menu(view, qtbot)
    enabled = {a.text(): a.isEnabled() for a in menu.actions() if a.isCheckable()}
    menu.close()
    # A meeting is always named by when it starts and what it is.
    assert enabled == {
        "Starts": False, "Ends": True, "Title": False, "Kind": True, "Status": True,
        "Partner city": True, "Venue": True, "Delegations": True, "Mode": True,
    }  # fmt: skip
    choose(view, qtbot, "Ends")
    choose(view, qtbot, "Mode")
    assert in_view(table) == [
        "Starts", "Title", "Kind", "Status", "Partner city", "Venue", "Delegations",
    ]  # fmt: skip
    assert table.isColumnHidden(Column.END)
    assert table.isColumnHidden(Column.MODE)

    choose(view, qtbot, "Mode")  # and back
    assert not table.isColumnHidden(Column.MODE)


def test_the_hidden_columns_are_kept_for_the_next_window(
    program: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
) -> None:
    first = make_window(program)
    choose(agenda_of(first, qtbot, 1366, 768), qtbot, "Kind")
    first.close()
    QSettings().sync()

    second = make_window(program)
    table = agenda_of(second, qtbot, 1366, 768).table
    assert table.isColumnHidden(Column.KIND)
    assert not table.isColumnHidden(Column.STATUS)


def test_a_column_widened_by_hand_keeps_its_width_until_fitted_again(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = agenda_of(window, qtbot, 1920, 1080)
    header = view.table.horizontalHeader()
    fitted = header.sectionSize(Column.TITLE)
    header.resizeSection(Column.TITLE, 600)  # as a drag of its edge does
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: view.table.viewport().width() < 1200)
    assert header.sectionSize(Column.TITLE) == 600

    choose(view, qtbot, "Fit columns to the window")
    assert header.sectionSize(Column.TITLE) < fitted
    assert "Starts" in in_view(view.table)


def test_the_columns_follow_the_window_and_the_columns_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Opened on a laptop, then maximised on a wide screen: the room goes to the titles,
    not to the last column; a column hidden gives its room to the others too."""
    view = agenda_of(window, qtbot, 1366, 768)
    header = view.table.horizontalHeader()
    on_the_laptop = header.sectionSize(Column.TITLE)
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: view.table.viewport().width() > 1500)
    widened = header.sectionSize(Column.TITLE)
    assert widened > on_the_laptop
    assert header.sectionSize(Column.MODE) < header.sectionSize(Column.VENUE)

    choose(view, qtbot, "Kind")
    assert header.sectionSize(Column.TITLE) > widened  # the kind's room, to the title
    assert header.sectionSize(Column.MODE) < header.sectionSize(Column.VENUE)
    assert in_view(view.table)[-1] == "Mode"  # and every column still in view


def test_the_view_menu_offers_the_agenda_columns_to_the_keyboard(
    window: MainWindow, qtbot: QtBot
) -> None:
    """View > Agenda columns: the same choices as a right-click on the headings, for a
    coordinator who works from the keyboard, before the Agenda is shown too."""
    from PySide6.QtWidgets import QMenu

    menu = window.findChild(QMenu, "agendaColumnsMenu")
    assert menu is not None
    menu.aboutToShow.emit()  # as the menu opens
    texts = [action.text() for action in menu.actions() if action.isCheckable()]
    assert texts == [  # in the table's order, before the Agenda is first shown too
        "Starts", "Ends", "Title", "Kind", "Status", "Partner city", "Venue", "Delegations",
        "Mode",
    ]  # fmt: skip
    mode = next(action for action in menu.actions() if action.text() == "Mode")
    mode.trigger()
    view = agenda_of(window, qtbot, 1366, 768)
    assert view.table.isColumnHidden(Column.MODE)
    assert "Mode" not in in_view(view.table)
    assert view.hidden_columns() == ["MODE"]
