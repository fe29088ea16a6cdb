"""The sidebar's Delegation and Participant filters are found by typing words of a name,
its delegation or its address: typing never filters the calendar by itself, a name chosen
does, and words half typed never stand in the field for a filter not applied."""

from __future__ import annotations

from collections.abc import Callable

from conftest import settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.gui.widgets.filter_combo import FilterComboBox
from cpp_scheduler.model import Participant
from cpp_scheduler.model.event_filter import EventFilter
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import PERU, load_demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import rows_read

ANA = "Ana Lucía Mendoza Rivera"


def shown_window(qtbot: QtBot, open_window: Callable[[], MainWindow]) -> MainWindow:
    """The window over the demo, on screen and active, its agenda shown: a field of the
    sidebar takes the keyboard as on a desktop."""
    window = open_window()
    window.show_view("agenda")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    rows_read(window)
    return window


def field_of(combo: FilterComboBox) -> QLineEdit:
    editor = combo.lineEdit()
    assert editor is not None
    return editor


def offer_of(combo: FilterComboBox) -> QAbstractItemView:
    completer = combo.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    return popup


def offered(combo: FilterComboBox) -> list[str]:
    completer = combo.completer()
    assert completer is not None
    listed = completer.completionModel()
    return [listed.index(row, 0).data() for row in range(listed.rowCount())]


def typed(qtbot: QtBot, combo: FilterComboBox, words: str) -> None:
    """``words`` typed into the field, clicked first, as a coordinator does."""
    editor = field_of(combo)
    qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(combo.hasFocus, timeout=5_000)
    qtbot.wait(20)  # the click's turn, which selects the field's words
    qtbot.keyClicks(combo, words)  # the keyboard's focus, which hands keys to its field


def leave(qtbot: QtBot, combo: FilterComboBox, window: MainWindow) -> None:
    """A click on the sidebar's search field: the offer closes (a click outside does),
    then the keyboard goes to the search."""
    offer_of(combo).hide()
    search = window.sidebar.search
    # The click's window is active again (once the offscreen screen, which activated the
    # offer, has said all it had to).
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.wait(50)
    search.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(search.hasFocus, timeout=5_000)


def enter(qtbot: QtBot, combo: FilterComboBox) -> None:
    """Enter, where the keyboard is: in the offer while it is shown, else the field."""
    popup = offer_of(combo)
    qtbot.wait(20)  # the turn of the event loop after Qt's own completion
    qtbot.keyClick(popup if popup.isVisible() else combo, Qt.Key.Key_Return)


def test_words_of_her_address_find_a_participant_and_enter_filters_by_her(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    load_demo(sqlite_database)
    window = shown_window(qtbot, open_window)
    combo = window.sidebar.participant
    everything = window.proxy.rowCount()

    typed(qtbot, combo, "mendoza@")
    assert field_of(combo).text() == "mendoza@"  # the click's selection was replaced
    qtbot.waitUntil(offer_of(combo).isVisible, timeout=5_000)
    assert offered(combo) == [ANA]
    assert window.proxy.rowCount() == everything  # typing alone filters nothing

    enter(qtbot, combo)
    rows_read(window)
    assert combo.currentText() == ANA
    assert field_of(combo).text() == ANA
    assert 0 < window.proxy.rowCount() < everything
    assert window.sidebar.clear_button.isEnabled()


def test_enter_among_several_found_chooses_none_and_the_arrows_pick_one(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """ "Peru" finds the delegation's members (by their delegation, beside their names):
    Enter does not guess one of them; Down, then Enter, chooses the first listed."""
    load_demo(sqlite_database)
    window = shown_window(qtbot, open_window)
    combo = window.sidebar.participant
    everything = window.proxy.rowCount()

    typed(qtbot, combo, "peru")
    qtbot.waitUntil(offer_of(combo).isVisible, timeout=5_000)
    members = offered(combo)
    assert ANA in members
    assert len(members) > 1
    enter(qtbot, combo)
    qtbot.waitUntil(offer_of(combo).isVisible, timeout=5_000)  # offered still
    assert combo.currentIndex() == 0  # "All participants" still
    assert offered(combo) == members
    assert window.proxy.rowCount() == everything

    qtbot.wait(20)  # the turn after the offer is shown again, before a hand can press
    qtbot.keyClick(offer_of(combo), Qt.Key.Key_Down)
    enter(qtbot, combo)
    rows_read(window)
    assert combo.currentText() == members[0]
    assert window.proxy.rowCount() < everything


def test_words_half_typed_give_way_to_the_filter_in_force(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """Left, or Escape, the field shows the filter the calendar applies again: leaving
    never applies one, not even a name typed whole (Clear filters clicked then clears,
    and nothing else); Enter on a name typed whole, or on the field emptied, does."""
    load_demo(sqlite_database)
    window = shown_window(qtbot, open_window)
    combo = window.sidebar.delegation
    filters: list[EventFilter] = []
    window.sidebar.filterChanged.connect(filters.append)

    typed(qtbot, combo, "kath")
    leave(qtbot, combo, window)
    assert field_of(combo).text() == "All delegations"
    typed(qtbot, combo, PERU)
    leave(qtbot, combo, window)
    assert field_of(combo).text() == "All delegations"
    assert filters == []

    typed(qtbot, combo, PERU.upper())  # named whole, whatever the case
    enter(qtbot, combo)
    rows_read(window)
    assert combo.currentText() == PERU
    assert window.proxy.event_filter.delegation_id is not None
    filtered = window.proxy.rowCount()

    typed(qtbot, combo, "nep")
    qtbot.waitUntil(offer_of(combo).isVisible, timeout=5_000)
    qtbot.keyClick(offer_of(combo), Qt.Key.Key_Escape)  # closes the offer
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
    assert field_of(combo).text() == PERU
    assert window.proxy.rowCount() == filtered

    typed(qtbot, combo, "x")
    field_of(combo).clear()
    enter(qtbot, combo)
    rows_read(window)
    assert combo.currentIndex() == 0
    assert field_of(combo).text() == "All delegations"
    assert window.proxy.event_filter.delegation_id is None
    assert len(filters) == 2  # Peru, then every delegation: once each


def test_the_arrows_open_the_offer_of_the_words_again(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """Its offer closed (Enter among several, a click elsewhere in it), Down lists what
    the words find again rather than choosing the neighbour of the filter in force."""
    load_demo(sqlite_database)
    window = shown_window(qtbot, open_window)
    combo = window.sidebar.participant
    typed(qtbot, combo, "peru")
    qtbot.waitUntil(offer_of(combo).isVisible, timeout=5_000)
    members = offered(combo)
    offer_of(combo).hide()

    qtbot.keyClick(combo, Qt.Key.Key_Down)

    qtbot.waitUntil(offer_of(combo).isVisible, timeout=5_000)
    assert offered(combo) == members
    assert field_of(combo).text() == "peru"
    assert combo.currentIndex() == 0


def test_words_typed_wait_while_another_window_is_used(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """A name typed whole is not chosen as the coordinator turns to another window (Qt
    would choose it as its field is left), and the words are there when they come back,
    though a colleague's change read the lists again meanwhile."""
    load_demo(sqlite_database)
    window = shown_window(qtbot, open_window)
    combo = window.sidebar.participant
    typed(qtbot, combo, "hiroshi nakamura")
    offer_of(combo).hide()

    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=5_000)
    editing.create(
        sqlite_database, Participant, {"name": "Rosa Mendes", "email": "rosa@example.org"}
    )
    window.reload()
    rows_read(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)

    assert field_of(combo).text() == "hiroshi nakamura"
    assert combo.currentIndex() == 0
    assert window.proxy.event_filter.participant is None
    assert combo.findText("Rosa Mendes") > 0


def test_clear_filters_clicked_with_a_name_typed_clears_and_does_nothing_else(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    load_demo(sqlite_database)
    window = shown_window(qtbot, open_window)
    sidebar = window.sidebar
    combo = sidebar.delegation
    combo.setCurrentIndex(combo.findText(PERU))
    rows_read(window)
    nepal = combo.itemText(combo.findText("Nepal", Qt.MatchFlag.MatchStartsWith))
    filters: list[EventFilter] = []
    sidebar.filterChanged.connect(filters.append)
    typed(qtbot, combo, nepal)
    offer_of(combo).hide()

    qtbot.mouseClick(sidebar.clear_button, Qt.MouseButton.LeftButton)
    rows_read(window)

    assert filters == [EventFilter()]  # never Nepal's, not for a moment
    assert field_of(combo).text() == "All delegations"


def test_words_being_typed_stay_when_a_colleagues_change_reads_the_lists_again(
    qtbot: QtBot, sqlite_database: Database, open_window: Callable[[], MainWindow]
) -> None:
    """The words, where the cursor was, and what the offer goes back to when the arrows
    leave it: the words, not the name of the filter in force."""
    load_demo(sqlite_database)
    window = shown_window(qtbot, open_window)
    combo = window.sidebar.participant
    typed(qtbot, combo, "mend")
    field_of(combo).setCursorPosition(2)

    editing.create(
        sqlite_database, Participant, {"name": "Rosa Mendes", "email": "rosa@example.org"}
    )
    window.reload()
    rows_read(window)
    settle(qtbot, window)

    assert field_of(combo).text() == "mend"
    assert field_of(combo).cursorPosition() == 2
    assert combo.findText("Rosa Mendes") > 0
    assert combo.currentIndex() == 0
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the offer, again
    qtbot.waitUntil(offer_of(combo).isVisible, timeout=5_000)
    assert "Rosa Mendes" in offered(combo)
    qtbot.keyClick(offer_of(combo), Qt.Key.Key_Down)
    qtbot.keyClick(offer_of(combo), Qt.Key.Key_Up)  # out of the offer, to the words
    assert field_of(combo).text() == "mend"
