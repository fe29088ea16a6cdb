"""A travel leg goes from one place to another, however the two are written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cpp_scheduler.model import TravelLeg, TravelMode


def _leg(origin: str, destination: str) -> TravelLeg:
    return TravelLeg(
        tour_id="tour",
        origin=origin,
        destination=destination,
        mode=TravelMode.RAIL,
        departure_utc=datetime(2027, 3, 9, 0, tzinfo=UTC),
        arrival_utc=datetime(2027, 3, 9, 3, tzinfo=UTC),
        zone="Asia/Tokyo",
    )


@pytest.mark.parametrize("destination", ["Kobe", "kobe", "KOBE", " Kobe "])
def test_a_leg_does_not_end_where_it_starts(destination: str) -> None:
    assert [(p.field, p.message) for p in _leg("Kobe", destination).problems()] == [
        ("destination", "Origin and destination must differ.")
    ]


def test_a_leg_between_two_places_is_accepted() -> None:
    assert _leg("Kobe", "Kitakyushu").problems() == []
