"""The program file's text is exactly what the json module writes, whoever writes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cpp_scheduler.programfile import dumps, export_program
from cpp_scheduler.programfile.jsontext import (
    column_texts,
    document_text,
    object_template,
    value_text,
)
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**18), max_value=10**18)
    | st.floats()
    | st.text()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children),
    max_leaves=12,
)


def _json_module(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@given(st.dictionaries(st.text(), _VALUES, max_size=6))
def test_any_document_is_written_as_the_json_module_writes_it(document: dict[str, Any]) -> None:
    assert dumps(document) == _json_module(document)


def test_the_demo_program_is_written_as_the_json_module_writes_it(
    sqlite_database: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_database)
    path = tmp_path / "program.json"
    export_program(sqlite_database, path)
    text = path.read_text("utf-8")
    assert text == _json_module(json.loads(text))


@given(st.dictionaries(st.text(), _VALUES | st.lists(_VALUES, max_size=4), max_size=6))
def test_a_document_joined_from_its_values_texts_is_written_as_the_json_module_writes_it(
    document: dict[str, Any],
) -> None:
    """The export's top level: each list given as its items' texts, each other value as
    its own text."""
    pieces: dict[str, str | list[str]] = {
        key: [f"    {value_text(item, '    ')}" for item in value]
        if isinstance(value, list)
        else value_text(value, "  ")
        for key, value in document.items()
    }
    assert document_text(pieces) == _json_module(document)


@given(st.lists(st.dictionaries(st.text(), _VALUES, min_size=1, max_size=5), max_size=5))
def test_records_written_column_by_column_are_written_as_the_json_module_writes_them(
    records: list[dict[str, Any]],
) -> None:
    """The export's records: one template per kind, each key's values written as a column
    (records of one kind have the same keys)."""
    keys = sorted({key for record in records for key in record})
    same_keys = [{key: record.get(key) for key in keys} for record in records]
    columns = [column_texts([record[key] for record in same_keys], "    ") for key in keys]
    template = object_template(keys, "  ")
    written = [template % values for values in zip(*columns, strict=True)]
    expected = [_json_module([record])[2:-3] for record in same_keys]  # inside "[\n" "\n]\n"
    assert written == expected
