"""The JSON Schema in the docs is the one the program validates with, and fits the layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler.model import EventKind, EventMode, EventStatus, ParticipantRole, ProductKind
from cpp_scheduler.programfile import schema_path
from cpp_scheduler.programfile.layout import all_kinds, keys

DOCS_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "program-file.schema.json"
DEFINITIONS = {
    "themes": "theme",
    "cities": "city",
    "venues": "venue",
    "travel_times": "travel_time",
    "delegations": "delegation",
    "participants": "participant",
    "events": "event",
    "changes": "occurrence_change",
    "study_tours": "study_tour",
    "days": "tour_day",
    "legs": "travel_leg",
    "nights": "hotel_night",
    "knowledge_products": "knowledge_product",
}


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return schema


def test_the_documented_schema_is_the_shipped_one() -> None:
    assert DOCS_SCHEMA.read_bytes() == schema_path().read_bytes()


@pytest.mark.parametrize("kind", all_kinds(), ids=lambda kind: kind.section)
def test_each_kind_has_the_keys_the_program_writes(kind: Any) -> None:
    definition = _schema()["$defs"][DEFINITIONS[kind.section]]
    assert set(definition["properties"]) == keys(kind)


@pytest.mark.parametrize(
    ("definition", "key", "enum"),
    [
        ("event", "kind", EventKind),
        ("event", "mode", EventMode),
        ("event", "status", EventStatus),
        ("participant", "role", ParticipantRole),
        ("knowledge_product", "kind", ProductKind),
    ],
)
def test_vocabularies_match_the_model(definition: str, key: str, enum: Any) -> None:
    allowed = _schema()["$defs"][definition]["properties"][key]["enum"]
    assert allowed == [member.value for member in enum]
