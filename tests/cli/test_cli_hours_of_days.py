"""``times``, ``schedule`` and ``conflicts`` give a meeting of several days one band of
hours: a three-day workshop from 09:00 to 17:00 is in working hours, a call round the
clock for two days is at night; and ``schedule`` lists its rows by the days they are on,
an all-day day in Kiritimati after the evening before it in Tokyo."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.store import Database
from tests.parity.days_support import KIRIBATI, ST_JOHNS, store_days_program


@pytest.fixture
def program(sqlite_database: Database) -> str:
    store_days_program(sqlite_database)
    return sqlite_database.url.render_as_string(hide_password=False)


def command_json(capsys: pytest.CaptureFixture[str], *arguments: str) -> Any:
    capsys.readouterr()
    assert main([*arguments, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def hours_in_times(capsys: pytest.CaptureFixture[str], db: str, uid: str) -> dict[str, str]:
    [meeting] = command_json(capsys, "times", "--db", db, uid)["occurrences"]
    return {row["name"]: row["hours"] for row in meeting["times"]}


def hours_in_schedule(capsys: pytest.CaptureFixture[str], db: str, name: str) -> dict[str, str]:
    answer = command_json(capsys, "schedule", "--db", db, "--delegation", name)
    return {meeting["title"]: meeting["hours"] for meeting in answer["meetings"]}


def test_a_three_day_workshop_is_in_working_hours_in_every_command(
    capsys: pytest.CaptureFixture[str], program: str
) -> None:
    times = hours_in_times(capsys, program, "workshop@days")
    assert times[KIRIBATI] == times["Tokyo"] == "working"
    assert times["Washington"] == "night"  # 20:00 to 04:00 each day there
    schedule = hours_in_schedule(capsys, program, KIRIBATI)
    assert schedule["Three-day Kobe field workshop"] == "working"
    found = command_json(capsys, "conflicts", "--db", program)["conflicts"]
    assert not [c for c in found if "Three-day" in c["message"]]
    assert main(["times", "--db", program, "workshop@days"]) == 0
    printed = capsys.readouterr().out
    assert "night" not in [line.split("  ")[-1] for line in printed.splitlines()[2:4]]
    assert printed.count("working hours") == 2, printed  # Kiribati in Japan, and Tokyo


def test_a_call_round_the_clock_for_two_days_is_at_night_in_every_command(
    capsys: pytest.CaptureFixture[str], program: str
) -> None:
    assert hours_in_times(capsys, program, "hackathon@days")[ST_JOHNS] == "night"
    assert hours_in_times(capsys, program, "hackathon@days")["Tokyo"] == "night"
    assert hours_in_schedule(capsys, program, ST_JOHNS) == {"48-hour hackathon": "night"}
    found = command_json(capsys, "conflicts", "--db", program)["conflicts"]
    nights = [
        c["message"]
        for c in found
        if c["kind"] == "night_session" and c["message"].startswith("48-hour")
    ]
    assert nights == [
        "48-hour hackathon is at night for Canada: City of St. John's: Thu 25 Mar "
        "21:30-Sat 27 Mar 21:30 (St Johns), outside its acceptable hours (07:00-22:00)",
        "48-hour hackathon is at night for the hosts in Tokyo: Fri 26 Mar 09:00-Sun 28 Mar "
        "09:00 (Tokyo), outside their acceptable hours (07:00-22:00)",
    ]


def test_the_schedule_lists_its_rows_by_the_days_they_are_on(
    capsys: pytest.CaptureFixture[str], program: str
) -> None:
    """Monday 5 April in Kiritimati begins at 19:00 on Sunday in Tokyo, before Sunday's
    21:30 call: it is listed after it, on its own day."""
    answer = command_json(
        capsys,
        "schedule",
        "--db",
        program,
        "--delegation",
        KIRIBATI,
        "--from",
        "2027-04-01",
        "--to",
        "2027-04-05",
    )
    assert [m["title"] for m in answer["meetings"]] == [
        "Three-day Kobe field workshop",
        "Evening call home",
        "National day of prayer",
    ]
    days = ["Fri 02 Apr 2027 09:00", "Sun 04 Apr 2027 21:30", "Mon 05 Apr 2027"]
    assert main(["schedule", "--db", program, "--delegation", KIRIBATI]) == 0
    printed = capsys.readouterr().out
    lines = printed.splitlines()[1:4]
    assert [line[: len(day)] for line, day in zip(lines, days, strict=True)] == days, printed
