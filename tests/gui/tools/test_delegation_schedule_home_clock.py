"""The Delegation schedule window names a delegation's clock by its home city, as its
itinerary does ("At home (New York)"), not by the Bank's Washington, and marks the moved
meeting of a series as the calendar and ``events list`` do, in English and in Japanese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.delegationview import Column, DelegationScheduleDialog
from cpp_scheduler.services.delegation_schedule import find_delegation
from cpp_scheduler.services.demo import KENYA, PHILIPPINES
from cpp_scheduler.store import Database
from tests.parity.home_clock_support import NEW_YORK, store_new_york

WORDS = {
    i18n.ENGLISH: {
        "their_time": "Their time ({city})",
        "their_date": "Their date ({city})",
        "moved": " (moved)",
        "moved_day": "Thu 20 May 2027",
    },
    i18n.JAPANESE: {
        "their_time": "現地の時刻 ({city})",
        "their_date": "現地の日付 ({city})",
        "moved": "（変更済み）",
        "moved_day": "2027年5月20日(木)",
    },
}


@pytest.fixture(params=[i18n.ENGLISH, i18n.JAPANESE])
def language(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    chosen: str = request.param
    translations.install(chosen)
    yield chosen
    translations.install(i18n.ENGLISH)


@pytest.fixture
def dialog(
    qtbot: QtBot, sqlite_database: Database, language: str
) -> Iterator[DelegationScheduleDialog]:
    store_new_york(sqlite_database)
    tasks = TaskManager()
    shown = DelegationScheduleDialog(sqlite_database, tasks)
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
    yield shown
    shown.close()
    tasks.wait_for_done()


def show(qtbot: QtBot, dialog: DelegationScheduleDialog, name: str) -> None:
    dialog.show_delegation(find_delegation(dialog.database, name).id)
    qtbot.waitUntil(
        lambda: dialog.schedule is not None and dialog.schedule.delegation.name == name,
        timeout=20_000,
    )


def header(dialog: DelegationScheduleDialog, column: Column) -> str:
    text: str = dialog.model.headerData(column, Qt.Orientation.Horizontal)
    return text


def test_the_columns_of_their_time_name_the_home_city(
    qtbot: QtBot, dialog: DelegationScheduleDialog, language: str
) -> None:
    words = WORDS[language]
    show(qtbot, dialog, NEW_YORK)
    assert header(dialog, Column.LOCAL_TIME) == words["their_time"].format(city="New York")
    assert header(dialog, Column.LOCAL_DATE) == words["their_date"].format(city="New York")
    assert dialog.delegation.currentText() == f"{NEW_YORK} · New York"
    show(qtbot, dialog, PHILIPPINES)
    assert header(dialog, Column.LOCAL_TIME) == words["their_time"].format(city="Quezon City")
    assert dialog.delegation.currentText() == f"{PHILIPPINES} · Quezon City"


def test_the_moved_meeting_of_the_series_is_marked(
    qtbot: QtBot, dialog: DelegationScheduleDialog, language: str
) -> None:
    words = WORDS[language]
    show(qtbot, dialog, KENYA)
    model = dialog.model
    marked = [
        (model.index(row, Column.EVENT).data(), model.index(row, Column.LOCAL_DATE).data())
        for row in range(model.rowCount())
        if model.index(row, Column.EVENT).data().endswith(words["moved"])
    ]
    assert len(marked) == 1, marked
    title, day = marked[0]
    assert title.startswith("Peer-to-peer workshop series")
    assert day == words["moved_day"]
