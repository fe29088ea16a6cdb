"""A text longer than any field holds is refused before the file is parsed, naming its
line, whatever it is (a value or a key) and however it is written (escaped quotes, a
multi-byte script): a description of 63 MiB took half a gigabyte to read before its field
refused it, and a key of that length six seconds more to be named."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler import limits
from cpp_scheduler.programfile import ProgramFileError, export_program, import_program
from cpp_scheduler.programfile.document import read_document
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.hostile import assert_one_line

LONGER = f"no field of a program file holds more than {limits.MAX_TEXT_LENGTH:,} characters"


@pytest.fixture
def demo_document(database: Database, tmp_path: Path) -> dict[str, Any]:
    load_demo(database)
    export_program(database, tmp_path / "demo.json")
    document: dict[str, Any] = json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))
    return document


def _written(folder: Path, document: dict[str, Any], *, ascii_only: bool = False) -> Path:
    path = folder / "plan.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=ascii_only), encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    """The line of the file on which ``text`` stands first."""
    with path.open(encoding="utf-8") as stream:
        return next(number for number, line in enumerate(stream, 1) if text in line)


def _refusal(database: Database, path: Path) -> str:
    with pytest.raises(ProgramFileError) as caught:
        import_program(database, path, dry_run=True)
    assert_one_line(caught.value)
    return str(caught.value)


def test_a_description_of_63_mib_is_refused_naming_its_line_in_little_memory(
    demo_document: dict[str, Any], tmp_path: Path
) -> None:
    demo_document["events"][0]["description"] = "x" * (63 * 1024 * 1024)
    path = _written(tmp_path, demo_document)
    size = path.stat().st_size
    assert size <= limits.MAX_PROGRAM_FILE_BYTES

    tracemalloc.start()
    try:
        with pytest.raises(ProgramFileError) as caught:
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert str(caught.value) == (
        f"plan.json: is not a program file: line {_line_of(path, 'xxxxxxxx')} holds a text "
        f"of 63 MiB; {LONGER}"
    )
    assert peak < 2 * size, f"{peak / 2**20:.0f} MiB for a file of {size / 2**20:.0f} MiB"


def test_a_key_of_two_million_characters_is_refused_naming_its_line(
    database: Database, demo_document: dict[str, Any], tmp_path: Path
) -> None:
    demo_document["venues"][2]["k" * 2_000_000] = 1
    path = _written(tmp_path, demo_document)
    assert _refusal(database, path) == (
        f"plan.json: is not a program file: line {_line_of(path, 'kkkkkkkk')} holds a text "
        f"of 1.9 MiB; {LONGER}"
    )


def test_a_text_of_escaped_quotes_is_measured_whole(
    database: Database, demo_document: dict[str, Any], tmp_path: Path
) -> None:
    """Each quote of the text is written ``\\"``: the text is not cut at them."""
    demo_document["participants"][0]["organisation"] = 'a "b" ' * 250_000
    path = _written(tmp_path, demo_document)
    line = _line_of(path, 'a \\"b')
    assert _refusal(database, path) == (
        f"plan.json: is not a program file: line {line} holds a text of 1.9 MiB; {LONGER}"
    )


def test_the_longest_text_a_field_holds_written_escaped_is_read(
    database: Database, demo_document: dict[str, Any], tmp_path: Path
) -> None:
    """A description of the most characters a text holds, each a character beyond the
    Basic Multilingual Plane written as JSON escapes it (``\\ud83c\\udf8c``, 12 bytes),
    takes the most bytes a text may take; and a long stretch of spaces between two
    values is no text."""
    event = demo_document["events"][0]
    event["description"] = "\U0001f38c" * limits.MAX_TEXT_LENGTH
    path = _written(tmp_path, demo_document, ascii_only=True)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"format": ', '"format":' + " " * 2_000_000), encoding="utf-8")
    assert len(json.dumps(event["description"])) == limits.MAX_JSON_TEXT_BYTES + 2

    report = import_program(database, path, dry_run=True)

    assert report.dry_run
    assert read_document(path)["events"][0]["description"] == event["description"]
