"""A text longer than the program's files carry is refused where it is entered, by the
entity's own rule, in the line the program file's reader gives: before, an agenda of two
million characters was saved, written to the backup, and the backup then refused.

Every text without a length of its own (a description, notes, an address) holds up to
``MAX_TEXT_LENGTH`` characters; a title up to its column's 300.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from cpp_scheduler import limits, timezones
from cpp_scheduler.model import (
    Delegation,
    Event,
    HotelNight,
    KnowledgeProduct,
    PartnerCity,
    StudyTour,
    ThematicArea,
    TourDay,
    TravelLeg,
    ValidationError,
    Venue,
)
from cpp_scheduler.model.validation import one_line, text_length_problem
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database

LONGEST = limits.MAX_TEXT_LENGTH
START = datetime(2027, 2, 16, 1, tzinfo=UTC)


def too_long(key: str, count: int, most: int = LONGEST) -> str:
    return f"{key}: {count:,} characters, more than the {most:,} a text may hold"


def _event(**values: Any) -> Event:
    given: dict[str, Any] = {
        "title": "Kobe DRR workshop",
        "zone": timezones.TOKYO,
        "start_utc": START,
        "end_utc": START + timedelta(hours=1),
    }
    return Event(**{**given, **values})


def _messages(record: Any) -> dict[str, str]:
    return {problem.field: problem.message for problem in record.problems()}


LEG = {"origin": "Tokyo", "destination": "Kobe", "departure_utc": START}


@pytest.mark.parametrize(
    ("make", "field", "key"),
    [
        (lambda text: _event(description=text), "description", "description"),
        (lambda text: _event(notes=text), "notes", "notes"),
        (
            lambda text: Delegation(name="Lima", country="PE", zone="America/Lima", notes=text),
            "notes",
            "notes",
        ),
        (
            lambda text: Venue(name="Kobe City Hall", locality="Kobe", address=text),
            "address",
            "address",
        ),
        (lambda text: Venue(name="Hall", locality="Kobe", notes=text), "notes", "notes"),
        (
            lambda text: PartnerCity(name="Kobe", signature=text),
            "signature",
            "signature experience",
        ),
        (
            lambda text: ThematicArea(code="drm", name="Disaster risk", description=text),
            "description",
            "description",
        ),
        (lambda text: KnowledgeProduct(title="Note", summary=text), "summary", "summary"),
        (
            lambda text: StudyTour(
                title="Lima tour",
                delegation_id="d",
                start_date=date(2027, 2, 15),
                end_date=date(2027, 2, 19),
                notes=text,
            ),
            "notes",
            "notes",
        ),
        (lambda text: TourDay(day=date(2027, 2, 15), notes=text), "notes", "notes"),
        (
            lambda text: TravelLeg(**LEG, arrival_utc=START + timedelta(hours=3), notes=text),
            "notes",
            "notes",
        ),
        (
            lambda text: HotelNight(
                night_of=date(2027, 2, 15), hotel="Hotel", locality="Kobe", address=text
            ),
            "address",
            "address",
        ),
    ],
)
def test_a_text_longer_than_the_files_carry_is_a_problem_of_its_record(
    make: Any, field: str, key: str
) -> None:
    assert field not in _messages(make("x" * LONGEST))
    assert _messages(make("x" * (LONGEST + 1)))[field] == too_long(key, LONGEST + 1)


@pytest.mark.parametrize(
    ("record", "key"),
    [
        (_event(title="T" * 301), "title"),
        (KnowledgeProduct(title="T" * 301), "title"),
        (TourDay(day=date(2027, 2, 15), title="T" * 301), "title"),
    ],
)
def test_a_title_holds_what_its_column_holds(record: Any, key: str) -> None:
    assert _messages(record)["title"] == too_long(key, 301, 300)


def test_the_program_files_reader_and_the_rule_say_one_line() -> None:
    found = text_length_problem("description", "x" * 140_000, "description")
    assert found is not None
    assert found.message == too_long("description", 140_000)


def test_a_save_of_an_agenda_longer_than_the_limit_is_refused(sqlite_database: Database) -> None:
    values = {
        "title": "Kobe DRR workshop",
        "start_utc": START,
        "end_utc": START + timedelta(hours=1),
        "description": "agenda " * 300_000,
    }
    with pytest.raises(ValidationError) as caught, sqlite_database.transaction() as session:
        editing.create_record(session, Event, values)
    assert too_long("description", 2_100_000) in str(caught.value)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Kobe DRR workshop\nwith Quezon City", "Kobe DRR workshop with Quezon City"),
        ("Kobe DRR workshop\r\nwith Quezon City", "Kobe DRR workshop with Quezon City"),
        ("Kobe\tDRR\u2028workshop\x1b", "Kobe DRR workshop "),
        ("神戸　防災ワークショップ", "神戸　防災ワークショップ"),
    ],
)
def test_a_single_line_takes_a_line_break_as_a_space(typed: str, kept: str) -> None:
    assert one_line(typed) == kept
