"""Dates and numbers beyond what the program plans for are refused where they are
entered, by the entity's own rule, in one line: the MoU date, a delegation's arrival and
departure and a product's publication within 1900-2199, a journey within a week, a venue
within 100,000 people, and every other stored whole number within what PostgreSQL and
SQLite both hold, so nothing saved on one database is refused by the other."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from cpp_scheduler import limits, timezones
from cpp_scheduler.model import (
    Delegation,
    Event,
    KnowledgeProduct,
    PartnerCity,
    TravelMode,
    TravelTime,
    ValidationError,
    Venue,
)
from cpp_scheduler.store import Database

OUTSIDE = "is outside the dates the program plans for (1900-01-01 to 2199-12-31)."
HUGE = 10**17


def _messages(record: Any) -> dict[str, str]:
    return {problem.field: problem.message for problem in record.problems()}


def _city(**values: Any) -> PartnerCity:
    return PartnerCity(name="Kobe", zone=timezones.TOKYO, **values)


def _delegation(**values: Any) -> Delegation:
    return Delegation(name="Lima housing ministry", country="PE", zone="America/Lima", **values)


def _venue(**values: Any) -> Venue:
    return Venue(name="Kobe City Hall", locality="Kobe", zone=timezones.TOKYO, **values)


def _journey(minutes: int) -> TravelTime:
    return TravelTime(origin="Tokyo", destination="Kobe", mode=TravelMode.RAIL, minutes=minutes)


@pytest.mark.parametrize(
    ("record", "field", "message"),
    [
        (_city(mou_date=date(1, 1, 1)), "mou_date", f"The MoU date (0001-01-01) {OUTSIDE}"),
        (_delegation(arrival=date(1899, 12, 31)), "arrival", f"The arrival (1899-12-31) {OUTSIDE}"),
        (
            _delegation(arrival=date(2027, 2, 14), departure=date(9999, 12, 31)),
            "departure",
            f"The departure (9999-12-31) {OUTSIDE}",
        ),
        (
            KnowledgeProduct(title="Good practices", published=date(2200, 1, 1)),
            "published",
            f"The publication date (2200-01-01) {OUTSIDE}",
        ),
    ],
    ids=["mou", "arrival", "departure", "published"],
)
def test_a_date_outside_the_range_is_named_with_the_range(
    record: Any, field: str, message: str
) -> None:
    assert _messages(record) == {field: message}


@pytest.mark.parametrize(
    ("record", "field", "message"),
    [
        (
            _journey(HUGE),
            "minutes",
            "The length of the journey in minutes is at most 10,080 (got 100,000,000,000,000,000).",
        ),
        (
            _venue(capacity=HUGE),
            "capacity",
            "The venue's capacity is at most 100,000 (got 100,000,000,000,000,000).",
        ),
        (
            _venue(capacity=20, interpretation_booths=2**31),
            "interpretation_booths",
            "The number of interpretation booths is at most 2,147,483,647 (got 2,147,483,648).",
        ),
        (
            _city(selection_round=2**31),
            "selection_round",
            "The selection round is at most 2,147,483,647 (got 2,147,483,648).",
        ),
    ],
    ids=["minutes", "capacity", "booths", "round"],
)
def test_a_number_beyond_its_bound_is_named_with_the_bound(
    record: Any, field: str, message: str
) -> None:
    assert _messages(record) == {field: message}


def test_an_events_calendar_sequence_keeps_room_to_rise() -> None:
    event = Event(title="Kobe workshop", zone=timezones.TOKYO, sequence=HUGE)
    assert _messages(event)["sequence"] == (
        "The calendar sequence number is at most 1,000,000,000 (got 100,000,000,000,000,000)."
    )
    assert limits.MAX_CALENDAR_SEQUENCE < limits.MAX_STORED_INTEGER


@pytest.mark.parametrize(
    "record",
    [
        _city(mou_date=limits.EARLIEST_DAY, selection_round=limits.MAX_STORED_INTEGER),
        _delegation(arrival=date(1900, 1, 1), departure=limits.LATEST_DAY),
        KnowledgeProduct(title="Good practices", published=limits.LATEST_DAY),
        _journey(limits.LONGEST_JOURNEY_MINUTES),
        _venue(capacity=limits.MAX_VENUE_CAPACITY, interpretation_booths=2**31 - 1),
    ],
    ids=["city", "delegation", "product", "journey", "venue"],
)
def test_the_bounds_themselves_are_allowed(record: Any) -> None:
    assert _messages(record) == {}


def test_a_week_long_journey_is_refused_alike_on_every_backend(database: Database) -> None:
    """PostgreSQL alone would refuse 10**17 minutes ("integer out of range"); the rule
    refuses 20,000 on both, as the coordinator's one line, before the database is asked."""
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        session.add(_journey(20_000))
    assert str(caught.value) == (
        "travel time 'Tokyo–Kobe by rail': The length of the journey in minutes is at most "
        "10,080 (got 20,000)."
    )
    with database.session() as session:
        stored = session.scalars(select(TravelTime).where(TravelTime.minutes > 10_080)).all()
    assert stored == []
