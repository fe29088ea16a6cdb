"""The event dialog's Series tab and ``cpp-scheduler series`` tell a series alike, in
either language: the meetings held (a moved one with where it was moved from), the
cancelled ones, and, for a rule or start typed but not saved, what becomes of each moved
and cancelled meeting; a rule whose last day comes before its first meeting gives no
meeting, which is not a series whose meetings are all cancelled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui.dialogs import EventDialog
from cpp_scheduler.services import demo
from cpp_scheduler.store import Database
from tests.gui.gui_support import open_dialog

TOKYO = "Asia/Tokyo"
NO_MEETING = "This rule gives no meeting at all."
ALL_CANCELLED = "Every meeting of this series is cancelled."


def _command(
    capsys: pytest.CaptureFixture[str], sqlite_path: Path, language: str, *options: str
) -> dict[str, list[str]]:
    """The summary and the lines on the changes, as ``series --json`` gives them; the
    text output is checked to say the same."""
    uid = demo.demo_id("event", demo.SERIES)
    db = ("--db", str(sqlite_path), "--lang", language)
    capsys.readouterr()
    assert main([*db, "series", uid, *options, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert main([*db, "series", uid, *options]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[1 : 1 + len(answer["summary"]) + len(answer["changes"])] == [
        *answer["summary"],
        *answer["changes"],
    ]
    return {"summary": answer["summary"], "changes": answer["changes"]}


def _window(dialog: EventDialog) -> dict[str, list[str]]:
    changes = dialog.seriesChanges.text() if dialog.seriesChanges.isVisibleTo(dialog) else ""
    return {
        "summary": dialog.ui.recurrence.preview.text().splitlines(),
        "changes": changes.splitlines(),
    }


def _open(qtbot: QtBot, database: Database) -> EventDialog:
    dialog = open_dialog(qtbot, EventDialog, database, demo.demo_id("event", demo.SERIES))
    dialog.ui.tabs.setCurrentWidget(dialog.ui.seriesTab)
    return dialog


@pytest.fixture
def demo_series(sqlite_database: Database) -> Database:
    """The demo's monthly series: 17 February cancelled, 19 May moved to 20 May."""
    demo.load_demo(sqlite_database)
    return sqlite_database


def test_the_stored_series_is_told_alike(
    qtbot: QtBot,
    demo_series: Database,
    sqlite_path: Path,
    speaking: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dialog = _open(qtbot, demo_series)

    told = _command(capsys, sqlite_path, speaking)

    assert _window(dialog) == told
    assert len(told["summary"]) == 2  # the meetings held, then the cancelled one
    if speaking == i18n.ENGLISH:
        assert told["summary"] == [
            "5 meetings at 17:00: Wed 20 Jan, Wed 17 Mar, Wed 21 Apr, "
            "Thu 20 May (moved from Wed 19 May), Wed 16 Jun 2027",
            "Cancelled: Wed 17 Feb 2027",
        ]
    else:
        assert told["summary"][1] == "中止: 2027年2月17日(水)"


def test_a_new_start_is_told_alike_with_what_becomes_of_the_changes(
    qtbot: QtBot,
    demo_series: Database,
    sqlite_path: Path,
    speaking: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dialog = _open(qtbot, demo_series)
    utc = QTimeZone(QTimeZone.Initialization.UTC)  # the field shows its wall-clock time
    dialog.ui.start.setDateTime(QDateTime(QDate(2027, 1, 21), QTime(17, 0), utc))
    rule = dialog.values()["recurrence_rule"]
    assert rule == "FREQ=MONTHLY;BYDAY=3TH;COUNT=6"  # the pattern follows the start's day

    told = _command(capsys, sqlite_path, speaking, "--start", "2027-01-21T17:00", "--rule", rule)

    assert _window(dialog) == told
    assert len(told["changes"]) == 2  # the cancellation and the move follow to Thursdays
    if speaking == i18n.ENGLISH:
        assert told["changes"][0] == (
            "The cancelled meeting of Wed 17 Feb 2027 follows to Thu 18 Feb 2027: "
            "it stays cancelled."
        )


def test_a_rule_ending_before_its_first_meeting_gives_no_meeting(
    qtbot: QtBot,
    demo_series: Database,
    sqlite_path: Path,
    speaking: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rule = "FREQ=WEEKLY;UNTIL=20261231T000000Z"
    dialog = _open(qtbot, demo_series)
    dialog.ui.recurrence.setRule(rule, TOKYO)

    told = _command(capsys, sqlite_path, speaking, "--rule", rule)

    assert _window(dialog) == told
    assert told["summary"] == [i18n.catalogue(speaking).gettext(NO_MEETING)]
    assert told["summary"] != [i18n.catalogue(speaking).gettext(ALL_CANCELLED)]
    assert len(told["changes"]) == 2  # both changes set aside, neither lost
