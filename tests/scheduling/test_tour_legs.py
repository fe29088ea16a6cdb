"""A study tour's legs as ``cpp-scheduler conflicts`` judges them on the demo's Peru tour:
each by its own mode's journey, against the activities of any day it touches, from
wherever the legs before the tour's first day left the delegation; an all-day activity
kept out of the travel checks, an activity dragged past the last day said, and a hotel
elsewhere found on a day without legs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.cli.conflicts import conflict_json
from cpp_scheduler.model import TravelMode
from cpp_scheduler.services.checking import check_program_apart
from cpp_scheduler.store import Database
from tests.parity.conflicts_support import conflicts_json
from tests.tour_scenarios import (
    NAME,
    all_day_city_day,
    arrival_flight,
    change_event,
    change_leg,
    change_night,
    demo_copy,
    overnight_to_kitakyushu,
    tour_id,
    wrap_up_on_saturday,
)

MARCH = ("--from", "2027-03-01", "--to", "2027-03-20")


@pytest.fixture
def demo(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    database = demo_copy(demo_sqlite_path, tmp_path)
    yield database
    database.close()


def tour_findings(
    capsys: pytest.CaptureFixture[str], database: Database, *options: str
) -> list[dict[str, Any]]:
    """What ``conflicts --json`` finds wrong with the tour's plan."""
    tour = tour_id(database)
    answer = conflicts_json(capsys, database, *(options or MARCH))
    return [c for c in answer["conflicts"] if c["record_ids"][:1] == [tour]]


def test_the_demo_tour_has_nothing_wrong(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    """What the other tests change is all that is wrong in them."""
    assert tour_findings(capsys, demo) == []


def test_a_leg_booked_by_rail_is_judged_by_the_rail_journey(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    """Kitakyushu → Tokyo in 1 h 30 min is the flight's time: by rail it takes 5 h."""
    leg = change_leg(demo, "Kitakyushu", mode=TravelMode.RAIL)
    [found] = tour_findings(capsys, demo)
    assert found["kind"] == "tour_leg_infeasible"
    assert found["record_ids"][1] == leg
    assert found["message"] == (
        f"{NAME}: the leg Kitakyushu → Tokyo on Fri 12 Mar 13:00-14:30 is too short: "
        "1 h 30 min planned, the journey takes 5 h by rail"
    )


def test_a_leg_by_a_mode_the_table_does_not_know_cannot_be_checked(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    """The table knows Kitakyushu - Tokyo by air and by rail, not by bus: the flight's
    time says nothing of the bus."""
    change_leg(demo, "Kitakyushu", mode=TravelMode.BUS)
    [found] = tour_findings(capsys, demo)
    assert found["kind"] == "tour_leg_unknown"
    assert found["severity"] == "warning"
    assert found["within"] == (
        "This leg cannot be checked: the travel-time table knows this route by air and "
        "rail but not by bus; add it to the table"
    )


def test_an_overnight_leg_arriving_after_the_next_days_visit_began_overlaps_it(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    overnight_to_kitakyushu(demo)
    found = {c["kind"]: c for c in tour_findings(capsys, demo)}
    leg = found["tour_leg_infeasible"]
    assert leg["message"] == (
        f"{NAME}: the leg Kobe → Kitakyushu on Wed 10 Mar 22:00-Thu 11 Mar 12:00 overlaps "
        "'Site visit: Kitakyushu Eco-Town recycling complex'"
    )
    assert leg["days"] == ["2027-03-10", "2027-03-11"]
    assert [m["start"] for m in leg["meetings"]] == ["2027-03-11T02:30:00Z"]
    # Thursday's visit is run into: a range of Thursday alone finds the leg, as the
    # whole check does, and so does one of Wednesday alone, when it sets out.
    thursday = tour_findings(capsys, demo, "--from", "2027-03-11", "--to", "2027-03-11")
    assert leg in thursday
    wednesday = tour_findings(capsys, demo, "--from", "2027-03-10", "--to", "2027-03-10")
    assert leg in wednesday
    # The day after it lands knows nothing of it.
    friday = tour_findings(capsys, demo, "--from", "2027-03-12", "--to", "2027-03-12")
    assert leg not in friday


def test_the_conflicts_docks_dates_shown_find_the_overnight_leg_on_the_day_it_lands(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    """The window's check of the dates shown (Thursday alone, in Tokyo) is made in the
    checking process and finds what ``conflicts --from/--to`` finds for that day."""
    overnight_to_kitakyushu(demo)
    start, end = timezones.local_days(date(2027, 3, 11), date(2027, 3, 11), timezones.TOKYO)
    shown = [conflict_json(c) for c in check_program_apart(demo, start, end)]
    command = conflicts_json(capsys, demo, "--from", "2027-03-11", "--to", "2027-03-11")
    assert shown == command["conflicts"]
    assert "tour_leg_infeasible" in [c["kind"] for c in shown]


def test_an_arrival_flight_before_the_first_day_brings_the_delegation_to_tokyo(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    """Lima → Tokyo lands the day before the tour: the first day's leg leaves Tokyo,
    where the delegation is."""
    arrival_flight(demo)
    assert tour_findings(capsys, demo) == []


def test_an_arrival_flight_is_checked_like_any_leg(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    """Before the first day, on the day it sets out: a route the table lacks is said."""
    leg = arrival_flight(demo, in_the_table=False)
    [found] = tour_findings(capsys, demo)
    assert found["kind"] == "tour_leg_unknown"
    assert found["record_ids"][1] == leg
    assert found["days"] == ["2027-03-06", "2027-03-07"]
    # Found by a range of either day alone (it sets out on Saturday and lands on
    # Sunday), as by the whole program.
    assert tour_findings(capsys, demo, "--from", "2027-03-06", "--to", "2027-03-06") == [found]
    assert tour_findings(capsys, demo, "--from", "2027-03-07", "--to", "2027-03-07") == [found]


def test_an_all_day_activity_is_kept_out_of_the_legs_check(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    """An all-day programme on the day of the 08:30 leg: midnight is not when anyone
    sets off, so the leg does not overlap it (and the day is not empty)."""
    all_day_city_day(demo)
    assert tour_findings(capsys, demo) == []


def test_an_activity_dragged_past_the_last_day_is_said_on_the_day_it_is_held(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    wrap_up = wrap_up_on_saturday(demo)
    [found] = tour_findings(capsys, demo)
    assert found["kind"] == "activity_outside_tour"
    assert found["severity"] == "warning"
    assert found["message"] == (
        f"{NAME}: 'Study tour wrap-up: the delegation's action plan' is filed under the "
        "tour but held on Sat 13 Mar 2027, after its last day"
    )
    assert found["within"] == "Filed under the tour but held on Sat 13 Mar, after its last day"
    assert found["event_ids"] == [wrap_up]
    assert found["days"] == ["2027-03-13"]
    # A range of Saturday alone, after the tour's days, finds it as the whole check does.
    assert tour_findings(capsys, demo, "--from", "2027-03-13", "--to", "2027-03-13") == [found]


def move_all_day(database: Database, day: date, zone: str) -> str:
    """The all-day city day (filed under Thu 11 Mar) moved to ``day`` in ``zone``."""
    all_day_city_day(database)
    start, end = timezones.local_days(day, day, zone)
    return change_event(database, "Kitakyushu city day", start_utc=start, end_utc=end, zone=zone)


def test_an_all_day_activity_dragged_past_the_last_day_is_said_on_its_date(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    """Moved to Sat 13 Mar, the all-day programme is on no day of the tour: said as a
    timed one is, on its own date, from that day's first minute in Tokyo."""
    city_day = move_all_day(demo, date(2027, 3, 13), timezones.TOKYO)
    [found] = tour_findings(capsys, demo)
    assert found["kind"] == "activity_outside_tour"
    assert found["message"] == (
        f"{NAME}: 'Kitakyushu city day (free programme)' is filed under the tour but held "
        "on Sat 13 Mar 2027, after its last day"
    )
    assert found["event_ids"] == [city_day]
    assert found["days"] == ["2027-03-13"]
    assert found["start"] == "2027-03-12T15:00:00Z"
    assert tour_findings(capsys, demo, "--from", "2027-03-13", "--to", "2027-03-13") == [found]
    assert tour_findings(capsys, demo, "--from", "2027-03-12", "--to", "2027-03-12") == []


def test_an_all_day_activity_is_judged_by_its_own_dates_not_tokyos_hours(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    """Dated Mon 08 Mar in Auckland, it begins on Sunday evening in Tokyo, yet it is on
    the tour's first day, as the tour board puts it; dated Sun 07 Mar there, it is
    before the first day."""
    move_all_day(demo, date(2027, 3, 8), "Pacific/Auckland")
    assert tour_findings(capsys, demo) == []
    start, end = timezones.local_days(date(2027, 3, 7), date(2027, 3, 7), "Pacific/Auckland")
    change_event(demo, "Kitakyushu city day", start_utc=start, end_utc=end)
    [found] = tour_findings(capsys, demo)
    assert found["kind"] == "activity_outside_tour"
    assert found["days"] == ["2027-03-07"]
    assert found["within"] == "Filed under the tour but held on Sun 07 Mar, before its first day"


def test_a_hotel_elsewhere_is_found_on_a_day_without_legs(
    capsys: pytest.CaptureFixture[str], demo: Database
) -> None:
    """Wed 10 Mar is spent in Kobe, with no leg: a hotel booked in Osaka is elsewhere."""
    night = change_night(demo, date(2027, 3, 10), hotel="Hotel Osaka Bay", locality="Osaka")
    [found] = tour_findings(capsys, demo)
    assert found["kind"] == "hotel_in_other_city"
    assert found["record_ids"][1] == night
    assert found["message"] == (
        f"{NAME}: the hotel for the night of Wed 10 Mar 2027 (Hotel Osaka Bay) is in Osaka, "
        "but the day ends in Kobe"
    )
    assert found["days"] == ["2027-03-10"]
