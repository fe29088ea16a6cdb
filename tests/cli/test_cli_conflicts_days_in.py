"""``cpp-scheduler conflicts --from D --to D --days-in ZONE`` lists the findings of day D
on that zone's clock: those about the meetings ``events list --days-in ZONE`` lists on
it, counted as it counts them. In the demo the conference's Monday in Tokyo is Sunday
evening and Monday night in Lima, and Monday afternoon in Auckland: its sessions at night
for the Peruvian delegation are Lima's Sunday's and Monday's, and Auckland's Monday's,
never Auckland's Tuesday's."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler.cli import main

LIMA = "America/Lima"
AUCKLAND = "Pacific/Auckland"
CONFERENCE = "CPP Conference 2027: Cities Learning from Cities"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()  # what came before is not the command's
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def listed_on(capsys: pytest.CaptureFixture[str], db: Path, day: str, zone: str) -> set[str]:
    """The events ``events list`` lists on ``day`` in ``zone``, by id (a calendar UID
    is the event's id with the program's domain)."""
    out = run(
        capsys,
        "events",
        "list",
        "--db",
        str(db),
        "--from",
        day,
        "--to",
        day,
        "--days-in",
        zone,
        "--json",
    )
    return {item["uid"].split("@")[0] for item in json.loads(out)}


def checked(
    capsys: pytest.CaptureFixture[str], db: Path, day: str, zone: str
) -> tuple[dict[str, Any], str]:
    """The ``--json`` answer and the summary line for ``day`` in ``zone``."""
    options = ("conflicts", "--db", str(db), "--from", day, "--to", day, "--days-in", zone)
    answer = json.loads(run(capsys, *options, "--json"))
    summary = run(capsys, *options).splitlines()[-1]
    return answer, summary


@pytest.mark.parametrize(
    ("zone", "day", "titles", "summary"),
    [
        (
            LIMA,
            "2027-02-14",
            {
                "Capturing land value to finance urban transit",
                "Compact city and transit: Toyama's light rail",
                "From grey to green: the Kitakyushu Eco-Town",
                "Living with earthquakes: Kobe after 1995",
            },
            "0 errors, 4 warnings in 6 meetings",
        ),
        (
            AUCKLAND,
            "2027-02-16",
            # Washington's Birthday for Priya Raman, on the conference: Monday 15
            # February in Washington, from 18:00 on the 15th to 18:00 on the 16th in
            # Auckland; in Lima, Monday too, and not Sunday. For Daniel Okafor, its
            # speaker in New York, on Monday evening there, Tuesday at 13:00 here.
            {
                "Closing plenary: partnerships for the next round",
                CONFERENCE,
                "Financing resilience: municipal budgets and risk pools",
            },
            "0 errors, 3 warnings in 6 meetings",
        ),
    ],
)
def test_a_day_on_another_clock_lists_the_findings_of_its_meetings(
    demo_sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    zone: str,
    day: str,
    titles: set[str],
    summary: str,
) -> None:
    answer, said = checked(capsys, demo_sqlite_path, day, zone)
    found = answer["conflicts"]
    assert isinstance(found, list)
    assert {re.split(" is at night for | falls on ", c["message"])[0] for c in found} == titles
    assert said == summary
    on_the_day = listed_on(capsys, demo_sqlite_path, day, zone)
    meetings = int(summary.split(" in ")[1].split()[0])
    assert meetings == len(on_the_day)  # the meetings counted are the day's, as listed
    for conflict in found:  # each finding is about a meeting the day holds on that clock
        assert {m["event_id"] for m in conflict["meetings"]} & on_the_day, conflict["message"]


def test_a_session_after_midnight_in_lima_is_mondays_not_sundays(
    demo_sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sunday, _ = checked(capsys, demo_sqlite_path, "2027-02-14", LIMA)
    monday, _ = checked(capsys, demo_sqlite_path, "2027-02-15", LIMA)
    late = "Smart city platforms: the Yokohama Smart City Project is at night"
    assert not [c for c in sunday["conflicts"] if c["message"].startswith(late)]
    assert [c for c in monday["conflicts"] if c["message"].startswith(late)]


def test_a_holiday_at_home_is_listed_with_its_meeting_on_limas_day(
    demo_sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The monthly workshop on Buddha Jayanti is Thursday 20 May in Lima: Wednesday
    lists no warning for a meeting it does not hold."""
    wednesday, said_wednesday = checked(capsys, demo_sqlite_path, "2027-05-19", LIMA)
    assert said_wednesday == "0 errors, 0 warnings in 0 meetings"
    assert wednesday["conflicts"] == []
    thursday, said_thursday = checked(capsys, demo_sqlite_path, "2027-05-20", LIMA)
    assert said_thursday == "0 errors, 1 warning in 1 meeting"
    assert [c["kind"] for c in thursday["conflicts"]] == ["delegation_holiday"]
