"""The Delegation schedule window and ``cpp-scheduler schedule --json`` say the same thing,
row for row, for every delegation of the demo program, of a generated one, and of one
meeting across New York's clock changes, where the window and the command's table name
the same two clocks. Both name the delegation's clock alike (its home city: New York, not
the Bank's Washington) and mark a moved meeting of a series alike."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from benchmarks.generate import generate_program, store_program
from cpp_scheduler import i18n, timezones
from cpp_scheduler.cli import main
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.delegationview import (
    EVENT_ID_ROLE,
    START_ROLE,
    Column,
    DelegationScheduleDialog,
)
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.parity.days_support import KIRIBATI, store_days_program
from tests.parity.home_clock_support import NEW_YORK, store_new_york

HOURS = {
    "working": "working hours",
    "extended": "acceptable hours",
    "night": "night",
    "all_day": "all day",
}
"""The words of the column of hours for each value of ``schedule --json``, as the
command's text says them."""


def span(start: str, end: str, zone: str) -> str:
    """A range of the command's JSON, on ``zone``'s clock, as the program writes it."""
    clock = timezones.zone(zone)
    local_start = datetime.fromisoformat(start).astimezone(clock)
    local_end = datetime.fromisoformat(end).astimezone(clock)
    return timezones.span_text(local_start, local_end, zone=True, dash="–")


def expected_row(meeting: dict[str, Any]) -> dict[Column, str]:
    """What the window must show for one meeting of the command's JSON."""
    title = meeting["title"] + (" (moved)" if meeting["moved"] else "")
    if meeting["hours"] == "all_day":
        first, last = (datetime.fromisoformat(day) for day in meeting["dates"])
        days = (
            f"{first:%a %d %b %Y}"
            if first == last
            else i18n.period_day_text(first.date(), last.date())
        )
        return {Column.EVENT: title, Column.LOCAL_DATE: days, Column.HOURS: "all day"}
    local_start = datetime.fromisoformat(meeting["local_start"])
    tokyo_start = datetime.fromisoformat(meeting["tokyo_start"])
    in_japan = " (in Japan)" if meeting["in_japan"] else ""
    return {
        Column.EVENT: title,
        Column.LOCAL_DATE: f"{local_start:%a %d %b %Y}",
        Column.LOCAL_TIME: span(meeting["local_start"], meeting["local_end"], meeting["zone"])
        + in_japan,
        Column.TOKYO_DATE: f"{tokyo_start:%a %d %b %Y}",
        Column.TOKYO_TIME: span(meeting["tokyo_start"], meeting["tokyo_end"], "Asia/Tokyo"),
        Column.HOURS: HOURS[meeting["hours"]],
    }


def command_answer(
    capsys: pytest.CaptureFixture[str], database: Database, name: str
) -> dict[str, Any]:
    url = database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["--db", url, "schedule", "--delegation", name, "--json"]) == 0
    answer: dict[str, Any] = json.loads(capsys.readouterr().out)
    return answer


def command_table(capsys: pytest.CaptureFixture[str], database: Database, name: str) -> str:
    url = database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["--db", url, "schedule", "--delegation", name]) == 0
    return capsys.readouterr().out


def compare_every_delegation(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], database: Database
) -> Counter[str]:
    """Each delegation in the window's list against the command; the rows compared."""
    tasks = TaskManager()
    dialog = DelegationScheduleDialog(database, tasks)
    qtbot.addWidget(dialog)
    wait: Callable[[], None] = lambda: qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)  # noqa: E731
    wait()
    model = dialog.model
    compared: Counter[str] = Counter()
    assert dialog.delegation.count() > 1
    for number in range(dialog.delegation.count()):
        dialog.delegation.setCurrentIndex(number)
        wait()
        name = dialog.delegation.itemText(number).split(" · ")[0]
        answer = command_answer(capsys, database, name)
        assert dialog.delegation.itemData(number) == answer["delegation"]["id"]
        meetings = answer["meetings"]
        assert model.rowCount() == len(meetings), name
        clock = answer["delegation"]["clock_city"]
        assert dialog.delegation.itemText(number) == f"{name} · {clock}"
        if meetings:
            shown_header = model.headerData(Column.LOCAL_TIME, Qt.Orientation.Horizontal)
            assert shown_header == f"Their time ({clock})", name
            assert f"THEIR TIME ({clock})" in command_table(capsys, database, name)
        for row, meeting in enumerate(meetings):
            shown = {column: model.index(row, column).data() for column in Column}
            for column, text in expected_row(meeting).items():
                assert shown[column] == text, (name, meeting["title"], column)
            index = model.index(row, 0)
            assert index.data(EVENT_ID_ROLE) == meeting["event_id"]
            start = index.data(START_ROLE)
            assert start == datetime.fromisoformat(meeting["start"].replace("Z", "+00:00"))
            compared["meetings"] += 1
            compared["moved"] += meeting["moved"]
            compared["sessions"] += meeting["conference"] is not None
            compared["in Japan"] += meeting["in_japan"]
            compared[meeting["hours"]] += 1
        # The line under the table, word for word: the count (one meeting, several),
        # the span and the nights.
        said = command_table(capsys, database, name).splitlines()[-1]
        assert dialog.summary.text() == said, name
        nights = f"{answer['nights']} at night" if answer["nights"] else "at night"
        assert (nights in said) == bool(answer["nights"])
        compared["one meeting" if len(meetings) == 1 else "other counts"] += 1
    dialog.close()
    tasks.wait_for_done()
    return compared


def test_the_demo_program(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], sqlite_database: Database
) -> None:
    load_demo(sqlite_database)
    compared = compare_every_delegation(qtbot, capsys, sqlite_database)
    assert compared["meetings"] == 85
    assert compared["sessions"] == 54
    assert compared["night"] == 7
    assert compared["moved"] == 4  # the meeting of 20 May 2027, for each of its delegations


def test_a_delegation_at_home_in_new_york(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], sqlite_database: Database
) -> None:
    """A delegation on the Bank's zone is named by its home city in both."""
    store_new_york(sqlite_database)
    compared = compare_every_delegation(qtbot, capsys, sqlite_database)
    answer = command_answer(capsys, sqlite_database, NEW_YORK)
    assert answer["delegation"]["clock_city"] == "New York"
    # Its one call, said in the singular in both (the window once said "1 meetings").
    assert compared["one meeting"] == 1
    said = command_table(capsys, sqlite_database, NEW_YORK).splitlines()[-1]
    assert said == f"1 meeting for {NEW_YORK} in the whole program, 1 at night for them"


def test_a_generated_program(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], sqlite_database: Database
) -> None:
    program = generate_program(events=200, delegations=10, participants=60, days=30, seed=2)
    store_program(sqlite_database, program)
    compared = compare_every_delegation(qtbot, capsys, sqlite_database)
    assert compared["meetings"] > 100
    assert compared["sessions"] > 0
    assert compared["in Japan"] > 0


def test_meetings_across_new_yorks_clock_changes(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], sqlite_database: Database
) -> None:
    meetings = {
        "Across the fall back": ("2027-11-07T05:30:00", "2027-11-07T07:30:00"),
        "Second 01:00": ("2027-11-07T06:00:00", "2027-11-07T06:30:00"),
        "Across the spring forward": ("2027-03-14T06:30:00", "2027-03-14T07:00:00"),
    }
    with sqlite_database.transaction() as session:
        new_york = Delegation(name="USA: New York City", country="US", zone="America/New_York")
        nairobi = Delegation(name="Kenya: Nairobi City County", country="KE", zone="Africa/Nairobi")
        for title, (start, end) in meetings.items():
            session.add(
                Event(
                    title=title,
                    kind=EventKind.VIDEOCONFERENCE,
                    mode=EventMode.VIRTUAL,
                    zone="America/New_York",
                    start_utc=datetime.fromisoformat(start).replace(tzinfo=UTC),
                    end_utc=datetime.fromisoformat(end).replace(tzinfo=UTC),
                    video_link="https://meet.example.org/cpp",
                    delegations=[new_york, nairobi],
                )
            )
    compared = compare_every_delegation(qtbot, capsys, sqlite_database)
    assert compared["meetings"] == 6
    url = sqlite_database.url.render_as_string(hide_password=False)
    assert main(["--db", url, "schedule", "--delegation", "USA: New York City"]) == 0
    printed = capsys.readouterr().out
    for shown in ("01:30 EDT - 02:30 EST", "01:00-01:30 EST", "01:30 EST - 03:00 EDT"):
        assert shown in printed, printed


def test_meetings_of_several_days_by_the_days_they_are_on(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], sqlite_database: Database
) -> None:
    """A three-day workshop in working hours, a hackathon round the clock at night, and
    an all-day day in Kiritimati after the Tokyo evening before it: the window as the
    command, row for row."""
    store_days_program(sqlite_database)
    compared = compare_every_delegation(qtbot, capsys, sqlite_database)
    assert [compared[key] for key in ("meetings", "working", "night", "all_day")] == [4, 1, 2, 1]
    answer = command_answer(capsys, sqlite_database, KIRIBATI)
    assert [(m["title"], m["hours"]) for m in answer["meetings"]] == [
        ("Three-day Kobe field workshop", "working"),
        ("Evening call home", "night"),
        ("National day of prayer", "all_day"),
    ]
