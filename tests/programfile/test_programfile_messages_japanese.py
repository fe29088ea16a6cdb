"""What a coordinator who reads Japanese is told when a program file is refused.

Each refusal names the file (and the record) as in English, with the rest of the sentence
in Japanese; values quoted from the file, key names and JSON Schema's type names stay as
the file writes them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler import limits
from cpp_scheduler.programfile import ProgramFileError
from cpp_scheduler.programfile.document import read_document
from cpp_scheduler.programfile.layout import FORMAT, VERSION

THEME_ID = "0b5e8f3c-6a61-5d2e-9a4e-1f0a2c3d4e5f"


def _refusal(path: Path) -> str:
    with pytest.raises(ProgramFileError) as caught:
        read_document(path)
    return str(caught.value)


def _program(path: Path, **content: Any) -> Path:
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, **content}), "utf-8")
    return path


@pytest.mark.usefixtures("japanese")
def test_a_file_that_is_not_json_is_told_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "program.json"
    path.write_text('{"format": ', encoding="utf-8")
    assert _refusal(path) == "program.json: JSON ではありません: 1行目、12文字目: 値がありません"


@pytest.mark.usefixtures("japanese")
def test_a_value_of_the_wrong_type_names_its_record_and_key(tmp_path: Path) -> None:
    path = _program(
        tmp_path / "program.json", themes=[{"id": THEME_ID, "code": 7, "name": "Water"}]
    )
    assert _refusal(path) == (
        f"program.json: テーマ分野「Water」（id {THEME_ID}）: code: 7 はテキストではありません"
    )


@pytest.mark.usefixtures("japanese")
def test_a_value_the_schema_describes_is_refused_in_the_schema_s_words(tmp_path: Path) -> None:
    path = _program(tmp_path / "program.json", themes=[{"id": "theme 1", "code": "W", "name": ""}])
    assert _refusal(path) == (
        'program.json: テーマ分野「W」（id theme 1）: id: "theme 1" は'
        "レコードの id（0b5e8f3c-6a61-5d2e-9a4e-1f0a2c3d4e5f のような UUID）ではありません"
    )


@pytest.mark.usefixtures("japanese")
def test_a_key_the_file_format_does_not_have_is_named(tmp_path: Path) -> None:
    path = _program(tmp_path / "program.json", colour="red")
    assert _refusal(path) == "program.json: 'colour': プログラムファイルにこの項目はありません"


@pytest.mark.usefixtures("japanese")
def test_a_file_of_another_program_says_which_format_it_expected(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"format": "spreadsheet"}), encoding="utf-8")
    assert _refusal(path) == (
        'other.json: CPP Scheduler のプログラムファイルではありません（format が "spreadsheet" '
        'です）。"format": "cpp-scheduler-program" が必要です'
    )


@pytest.mark.usefixtures("japanese")
def test_a_file_nested_too_deep_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    depth = limits.MAX_JSON_DEPTH + 1
    path = tmp_path / "deep.json"
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    assert _refusal(path) == (
        f"deep.json: プログラムファイルではありません: 1行目で配列とオブジェクトの入れ子が "
        f"{limits.MAX_JSON_DEPTH} 段を超えています"
    )


def test_every_description_a_refusal_quotes_is_marked_for_translation() -> None:
    """A description the schema gains later must be marked in document.py word for word,
    or a Japanese refusal quotes it in English."""
    from cpp_scheduler.programfile.document import _SCHEMA_DESCRIPTIONS, schema_path

    quoted: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            described = node.get("description")
            if isinstance(described, str) and {"pattern", "type", "minLength"} & node.keys():
                quoted.add(described)
            for key, value in node.items():
                if key != "description":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(schema_path().read_text(encoding="utf-8"))["$defs"])
    assert quoted <= set(_SCHEMA_DESCRIPTIONS)
