"""Preferences > Language at once: the window is made again in the new language, at the
same place, and the program's database stays open until the new window closes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import relanguage, translations
from cpp_scheduler.gui.mainwindow import MainWindow

SHOWN_DAY = date(2027, 1, 9)


@pytest.fixture(autouse=True)
def english_after(qapp: object) -> Iterator[None]:
    translations.install(i18n.ENGLISH)
    yield
    translations.install(i18n.ENGLISH)


def test_choosing_japanese_makes_the_window_again_in_japanese_where_it_was(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_view("month")
    window.go_to(SHOWN_DAY)
    chosen = window.events.row_at(0).occurrence_key
    window.select_occurrence(chosen)
    help_window = window.show_help()
    assert window.menuBar().actions()[0].text() == "&File"

    translations.store_choice(window.settings, i18n.JAPANESE)
    again = relanguage.follow_preferences(window, translations.SYSTEM)
    qtbot.addWidget(again)
    assert again is not window
    qtbot.waitUntil(lambda: again.selected_occurrence == chosen, timeout=10_000)

    assert [action.text() for action in again.menuBar().actions()][:3] == [
        "ファイル(&F)",
        "編集(&E)",
        "表示(&V)",
    ]
    assert again.current_view_name == "month"
    assert again.anchor == SHOWN_DAY
    assert again.current_view.title() == "2027年1月"
    assert again.database is window.database
    assert again.isVisible()
    assert not window.isVisible()
    assert not help_window.isVisible()  # the old window's dialogs close with it

    # Whoever closes the database when the window closes hears it from the new one.
    with qtbot.waitSignal(window.closed, timeout=5_000):
        again.close()


def test_the_same_choice_again_leaves_the_window_as_it_is(window: MainWindow) -> None:
    translations.store_choice(window.settings, i18n.ENGLISH)
    assert relanguage.follow_preferences(window, i18n.ENGLISH) is window
    # Another choice that asks for the language already spoken changes nothing either.
    assert relanguage.follow_preferences(window, translations.SYSTEM) is window
    assert window.isVisible()
