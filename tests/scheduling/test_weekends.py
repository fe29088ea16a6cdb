"""Each delegation's weekend, as its country keeps it: the slot finder avoids it and
names it, and spares the days its people work."""

from __future__ import annotations

from datetime import date

from engine_builders import delegation

from cpp_scheduler import timezones
from cpp_scheduler.scheduling.holidays import weekend_days
from cpp_scheduler.scheduling.slots import find_slots
from tests.scheduling.test_engine_slots import request

KATHMANDU = delegation("kathmandu", "Kathmandu", "Asia/Kathmandu", "NP")


def test_nepal_works_on_sunday_and_rests_on_saturday() -> None:
    """Nepal's weekend is Saturday alone (since June 2022); the calendar package gives
    Saturday and Sunday."""
    assert weekend_days("NP") == frozenset({5})
    assert weekend_days("np") == frozenset({5})
    assert weekend_days("SA") == frozenset({4, 5})  # Friday and Saturday, as the package
    sunday = find_slots(request(KATHMANDU, first=date(2027, 1, 10), last=date(2027, 1, 10)))[0]
    fit = sunday.fit_for("kathmandu")
    assert timezones.to_local(sunday.start, "Asia/Kathmandu").date() == date(2027, 1, 10)
    assert fit.day_off is None
    assert "Sunday" not in fit.reason
    # Saturday 9 January in Tokyo: the best is Friday evening in Kathmandu, not Saturday.
    saturday = find_slots(request(KATHMANDU, first=date(2027, 1, 9), last=date(2027, 1, 9)))[0]
    assert timezones.to_local(saturday.start, "Asia/Kathmandu").weekday() != 5
