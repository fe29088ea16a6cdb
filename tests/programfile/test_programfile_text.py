"""The program file's text is exactly what the json module writes, whoever writes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cpp_scheduler.programfile import dumps, export_program
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
    max_leaves=30,
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
