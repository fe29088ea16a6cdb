"""The Delegation schedule window and ``cpp-scheduler schedule`` word each meeting's
times alike: the demo's series is at 11:00-12:30 EAT in Nairobi and 17:00-18:30 JST in
Tokyo, where the command once printed ``11:00-12:30`` and ``17:00-18:30``, naming no
clock, beside the window's ``11:00–12:30 EAT`` and ``17:00–18:30 JST``. Every row of
every delegation of the demo, in English and in Japanese, is the one line
:func:`~cpp_scheduler.services.delegation_schedule.schedule_cells` words, the window's
dash its own (``–``), the terminal's ``-``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.delegationview import Column, DelegationScheduleDialog
from cpp_scheduler.services.delegation_schedule import schedule_cells
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.parity.table_cells import table_rows

KENYA = "Kenya: Nairobi City County"
JANUARY = datetime(2027, 1, 20, 8, tzinfo=UTC)
SHOWN = {
    i18n.ENGLISH: (
        ("Wed 20 Jan 2027", "11:00–12:30 EAT", "Wed 20 Jan 2027", "17:00–18:30 JST"),
        ("Wed 20 Jan 2027 11:00-12:30 EAT", "Wed 20 Jan 2027 17:00-18:30 JST"),
    ),
    i18n.JAPANESE: (
        ("2027年1月20日(水)", "11:00–12:30 EAT", "2027年1月20日(水)", "17:00–18:30 JST"),
        ("2027年1月20日(水) 11:00-12:30 EAT", "2027年1月20日(水) 17:00-18:30 JST"),
    ),
}
"""Kenya's meeting of the series on 20 January: the window's dates and times, then the
command's two columns of them."""


def test_the_window_and_the_command_give_each_meeting_the_same_times_and_clocks(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    sqlite_database: Database,
    speaking: str,
) -> None:
    load_demo(sqlite_database)
    tasks = TaskManager()
    dialog = DelegationScheduleDialog(sqlite_database, tasks)
    qtbot.addWidget(dialog)
    try:
        compared = compare_every_delegation(qtbot, capsys, sqlite_database, dialog, speaking)
    finally:
        dialog.close()
        tasks.wait_for_done()
    assert compared >= 80


def compare_every_delegation(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    database: Database,
    dialog: DelegationScheduleDialog,
    language: str,
) -> int:
    """Each delegation's rows in the window against the command's table; how many."""
    wait: Callable[[], None] = lambda: qtbot.waitUntil(  # noqa: E731
        lambda: not dialog.tasks.busy, timeout=20_000
    )
    wait()
    url = database.url.render_as_string(hide_password=False)
    model = dialog.model
    compared = 0
    for number in range(dialog.delegation.count()):
        dialog.delegation.setCurrentIndex(number)
        wait()
        assert dialog.schedule is not None
        name = dialog.schedule.delegation.name
        capsys.readouterr()
        assert main(["--lang", language, "--db", url, "schedule", "--delegation", name]) == 0
        printed = capsys.readouterr().out
        rows = table_rows(printed)[1] if dialog.schedule.meetings else []
        assert len(rows) == model.rowCount() == len(dialog.schedule.meetings), name
        for row, (meeting, line) in enumerate(zip(dialog.schedule.meetings, rows, strict=True)):
            shown = tuple(model.index(row, column).data() for column in Column)
            words = schedule_cells(meeting, dash="–")
            assert shown == (
                words.title,
                words.their_date,
                words.their_time,
                words.tokyo_date,
                words.tokyo_time,
                words.hours,
            )
            said = schedule_cells(meeting)
            assert line == [said.their_when, said.tokyo_when, said.hours, said.meeting]
            if not meeting.all_day:
                # The window's date and time, its dash the terminal's: the command's.
                their = f"{shown[Column.LOCAL_DATE]} {shown[Column.LOCAL_TIME]}"
                tokyo = f"{shown[Column.TOKYO_DATE]} {shown[Column.TOKYO_TIME]}"
                assert line[:2] == [their.replace("–", "-"), tokyo.replace("–", "-")]
            if name == KENYA and meeting.start == JANUARY:
                window_cells, command_cells = SHOWN[language]
                assert shown[Column.LOCAL_DATE : Column.TOKYO_TIME + 1] == window_cells
                assert tuple(line[:2]) == command_cells
                compared += 1000
            compared += 1
    assert compared > 1000, "Kenya's meeting of 20 January, or this proves less"
    return compared - 1000
