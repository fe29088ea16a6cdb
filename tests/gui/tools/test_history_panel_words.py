"""The History panel in the words a coordinator knows: an event's kind, mode and status
by their labels, a venue and a delegation by their names (a hall deleted since by the
name its history kept), an all-day event's start and end by its dates, and a meeting of
a series changed as one row, not with a second row for the calendar sequence the store
raised along with it; in English and in Japanese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.history import HistoryDock
from cpp_scheduler.services import series
from cpp_scheduler.store import Database
from tests.parity.history_support import START, tell

EXPECTED = {
    i18n.ENGLISH: {
        "event": [
            "Status: Tentative → Cancelled",
            "Venue: Temporary hall (deleted) → TDLC Meeting Room B",
            "Venue: TDLC Meeting Room A → Temporary hall (deleted)",
            "Kind: Peer-to-peer workshop → Videoconference; Mode: Face-to-face → Hybrid; "
            'Video link: "" → "https://meet.example.org/yokohama"',
        ],
        "participant": ["Delegation: Lima housing ministry → Nairobi City County"],
        "closure": [
            "End: Wed 05 May 2027 → Thu 06 May 2027; Start: Thu 29 Apr 2027 → Fri 30 Apr 2027"
        ],
    },
    i18n.JAPANESE: {
        "event": [
            "状態: 仮 → 中止",
            "会場: 仮設ホール（削除済み） → TDLC 会議室B",
            "会場: TDLC 会議室A → 仮設ホール（削除済み）",
            "種類: ピア・ツー・ピア・ワークショップ → ビデオ会議; 形式: 対面 → ハイブリッド; "
            'ビデオ会議のリンク: "" → "https://meet.example.org/yokohama"',
        ],
        "participant": ["代表団: Lima housing ministry → Nairobi City County"],
        "closure": [
            "終了: 2027年5月5日(水) → 2027年5月6日(木); 開始: 2027年4月29日(木) → 2027年4月30日(金)"
        ],
    },
}


@pytest.fixture(params=[i18n.ENGLISH, i18n.JAPANESE])
def language(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    translations.install(request.param)
    yield request.param
    translations.install(i18n.ENGLISH)


def _panel(qtbot: QtBot, database: Database, record: str, model: str = "Event") -> HistoryDock:
    tasks = TaskManager()
    dock = HistoryDock(database, Editor(database, tasks), tasks.run_in_background, _no_error)
    qtbot.addWidget(dock)
    dock.show_record(model, record)
    qtbot.waitUntil(lambda: not dock.reading, timeout=30_000)
    tasks.wait_for_done()
    return dock


def _no_error(title: str, message: str) -> None:
    raise AssertionError(f"{title}: {message}")


def _changes(dock: HistoryDock) -> list[str]:
    """The rows of changes of values, newest first (the creation left out)."""
    rows = [dock.model.index(row, 2).data() for row in range(dock.model.rowCount())]
    return [row for row in rows if not row.startswith(("Created", "作成"))]


def test_kinds_venues_and_delegations_are_shown_by_their_labels_and_names(
    qtbot: QtBot, sqlite_database: Database, language: str
) -> None:
    story = tell(sqlite_database)

    event = _panel(qtbot, sqlite_database, story.event)
    participant = _panel(qtbot, sqlite_database, story.participant, "Participant")

    assert _changes(event) == EXPECTED[language]["event"]
    assert _changes(participant) == EXPECTED[language]["participant"]
    tip = event.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)  # no sequence either
    assert tip.splitlines()[1:] == [EXPECTED[language]["event"][0]]


def test_an_all_day_event_moved_by_a_day_shows_its_dates(
    qtbot: QtBot, sqlite_database: Database, language: str
) -> None:
    story = tell(sqlite_database)

    dock = _panel(qtbot, sqlite_database, story.closure)

    assert _changes(dock) == EXPECTED[language]["closure"]


def test_two_meeting_changes_are_two_rows_and_two_changes(
    qtbot: QtBot, sqlite_database: Database, language: str
) -> None:
    """The calendar sequence the store raised with each meeting's change is no row of
    its own and is not counted; reverting a meeting's change still saves, against the
    version that sequence left the series at, as one undoable step."""
    story = tell(sqlite_database)
    when = (
        "Tue 19 Jan 2027 10:00 JST" if language == i18n.ENGLISH else "2027年1月19日(火) 10:00 JST"
    )

    dock = _panel(qtbot, sqlite_database, story.series)

    rows = _changes(dock)
    assert len(rows) == 2
    assert not [row for row in rows if "Sequence" in row or "sequence" in row]
    heading = dock.heading.text()
    assert heading.startswith(
        "event 'Weekly DRR call': 3 changes"
        if language == i18n.ENGLISH
        else "イベント 'Weekly DRR call'：変更3件"
    ), heading

    cancelled = next(row for row in range(dock.model.rowCount()) if when in _row(dock, row))
    dock.table.selectRow(cancelled)
    assert dock.revert_button.isEnabled()
    steps = dock.editor.stack.count()
    dock.revert_selected()
    qtbot.waitUntil(lambda: dock.editor.stack.count() == steps + 1, timeout=30_000)
    starts = [item.start_utc for item in series.meetings(sqlite_database, story.series).meetings]
    assert START.replace(day=19) in starts


def _row(dock: HistoryDock, row: int) -> str:
    return str(dock.model.index(row, 2).data())
