"""A program file with a date or a number beyond the program's bounds is refused in one
line naming the record, the field and the bound, on SQLite as on PostgreSQL, and nothing
of it is written: before, SQLite took 10**17 minutes (and the conflict check then
overflowed) while PostgreSQL answered "integer out of range"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from cpp_scheduler.model import TravelTime
from cpp_scheduler.programfile import ProgramFileError, export_program, import_program
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.hostile import assert_one_line

OUTSIDE = "is outside the dates the program plans for (1900-01-01 to 2199-12-31)."


def _file_with(database: Database, folder: Path, section: str, key: str, value: Any) -> Path:
    """The demo program as exported from ``database``, its first record of ``section``
    given ``value`` for ``key``."""
    load_demo(database)
    path = folder / "plan.json"
    export_program(database, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document[section][0][key] = value
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _refusal(database: Database, path: Path) -> str:
    with pytest.raises(ProgramFileError) as caught:
        import_program(database, path)
    assert_one_line(caught.value)
    return str(caught.value)


def _names_field_and_bound(message: str, field: str, bound: str) -> bool:
    """The refusal names the field and its bound, in the domain rule's words (``10,080``)
    or, should the schema hold the bound too, in the schema check's (``10080``)."""
    return f": {field}: " in message and (bound in message or bound.replace(",", "") in message)


def test_a_journey_of_ten_to_the_seventeen_minutes_is_refused_in_one_line(
    database: Database, tmp_path: Path
) -> None:
    path = _file_with(database, tmp_path, "travel_times", "minutes", 10**17)
    with database.session() as session:
        before = session.scalar(select(func.max(TravelTime.minutes)))
    message = _refusal(database, path)
    assert message.startswith("plan.json: travel time ")
    assert _names_field_and_bound(message, "minutes", "10,080")
    with database.session() as session:
        assert session.scalar(select(func.max(TravelTime.minutes))) == before


@pytest.mark.parametrize(
    ("section", "key", "value", "ending"),
    [
        ("cities", "mou_date", "0001-01-01", f"mou_date: The MoU date (0001-01-01) {OUTSIDE}"),
        ("delegations", "arrival", "0001-01-01", f"arrival: The arrival (0001-01-01) {OUTSIDE}"),
        (
            "delegations",
            "departure",
            "9999-12-31",
            f"departure: The departure (9999-12-31) {OUTSIDE}",
        ),
        (
            "knowledge_products",
            "published",
            "9999-12-31",
            f"published: The publication date (9999-12-31) {OUTSIDE}",
        ),
    ],
    ids=["mou", "arrival", "departure", "published"],
)
def test_a_date_beyond_the_range_is_refused_in_the_rules_words(
    tmp_path: Path, sqlite_database: Database, section: str, key: str, value: str, ending: str
) -> None:
    path = _file_with(sqlite_database, tmp_path, section, key, value)
    assert _refusal(sqlite_database, path).endswith(ending)


@pytest.mark.parametrize(
    ("section", "key", "bound"),
    [
        ("venues", "capacity", "100,000"),
        ("venues", "interpretation_booths", "2,147,483,647"),
        ("cities", "selection_round", "2,147,483,647"),
        ("events", "sequence", "1,000,000,000"),
    ],
)
def test_a_number_beyond_its_bound_is_refused_naming_the_bound(
    tmp_path: Path, sqlite_database: Database, section: str, key: str, bound: str
) -> None:
    path = _file_with(sqlite_database, tmp_path, section, key, 10**17)
    assert _names_field_and_bound(_refusal(sqlite_database, path), key, bound)


@pytest.mark.parametrize(
    ("languages", "refusal"),
    [
        (
            ["x" * 100_000],
            "a language's name: 100,000 characters, more than the 60 a text may hold",
        ),
        ([f"Language {n}" for n in range(21)], "21 languages listed, more than the 20"),
        (["Spanish\nEND:VEVENT"], "The language 'Spanish\\nEND:VEVENT' holds a line break"),
    ],
)
def test_a_delegations_languages_beyond_reason_are_refused_in_one_line(
    tmp_path: Path, sqlite_database: Database, languages: list[str], refusal: str
) -> None:
    """Before, a language of 100,000 characters was taken as it came."""
    path = _file_with(sqlite_database, tmp_path, "delegations", "languages", languages)
    message = _refusal(sqlite_database, path)
    assert refusal in message
    assert len(message) < 400
