"""The check of whole days on another clock finds the findings of the meetings the
calendar draws on those days there, counts those meetings, and gives the same answer in
the checking process as where it is asked (the window's way and the command's)."""

from __future__ import annotations

from datetime import date

from cpp_scheduler import timezones
from cpp_scheduler.scheduling.conflicts import Conflict
from cpp_scheduler.services import checking
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

LIMA = "America/Lima"
SUNDAY = date(2027, 2, 14)
LATE_SESSION = "Smart city platforms: the Yokohama Smart City Project"


def at_night(found: list[Conflict]) -> set[str]:
    return {c.message.split(" is at night for ")[0] for c in found}


def test_limas_sunday_holds_its_own_night_sessions_and_meetings(
    sqlite_database: Database,
) -> None:
    load_demo(sqlite_database)
    start, end = timezones.local_days(SUNDAY, SUNDAY, LIMA)
    sunday = checking.check(sqlite_database, start, end, clock=LIMA)
    assert at_night(sunday.conflicts) == {
        "Capturing land value to finance urban transit",
        "Compact city and transit: Toyama's light rail",
        "From grey to green: the Kitakyushu Eco-Town",
        "Living with earthquakes: Kobe after 1995",
    }
    assert sunday.meetings == 6  # the conference, its plenary and four sessions
    monday_start, monday_end = timezones.local_days(date(2027, 2, 15), date(2027, 2, 15), LIMA)
    monday = checking.check(sqlite_database, monday_start, monday_end, clock=LIMA)
    assert LATE_SESSION in at_night(monday.conflicts)
    # The checking process answers alike for the days on that clock.
    apart = checking.check_program_later(sqlite_database, start, end, LIMA).result(timeout=60)
    assert apart == sunday.conflicts
