"""Reading a program file: JSON, then its format and version, then its JSON Schema.

The checks go from the coarsest to the finest so that each failure is told in the terms
that help: a file that is not JSON gets a line and a column, a file of another program or
version says so, and only a file that claims to be ours is held to every key of the schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match

from cpp_scheduler.programfile.errors import ProgramFileError
from cpp_scheduler.programfile.layout import FORMAT, SECTIONS, VERSION, Kind
from cpp_scheduler.resources import resource_path

SCHEMA_FILE_NAME = "program-file.schema.json"


def schema_path() -> Path:
    return resource_path("schemas", SCHEMA_FILE_NAME)


@cache
def _validator() -> Draft202012Validator:
    with schema_path().open(encoding="utf-8") as stream:
        schema = json.load(stream)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(_inline_references(schema, schema.get("$defs", {})))


def _inline_references(node: Any, definitions: dict[str, Any]) -> Any:
    """The schema with each local ``$ref`` replaced by its definition.

    The schema is not recursive, and resolving references dominates validation time
    otherwise (a file of a few thousand events validates about twice as fast inlined).
    """
    if isinstance(node, list):
        return [_inline_references(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/$defs/"):
        target = _inline_references(definitions[reference.removeprefix("#/$defs/")], definitions)
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        return {**target, **_inline_references(siblings, definitions)}
    return {key: _inline_references(value, definitions) for key, value in node.items()}


def read_document(path: Path) -> dict[str, Any]:
    """The parsed and schema-checked content of a program file."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is harmless
    except FileNotFoundError:
        raise ProgramFileError(path, "no such file") from None
    except IsADirectoryError:
        raise ProgramFileError(path, "is a folder, not a program file") from None
    except UnicodeDecodeError as error:
        raise ProgramFileError(
            path, f"is not a text file in UTF-8 (byte {error.start} cannot be read)"
        ) from None
    except OSError as error:
        raise ProgramFileError(path, f"cannot be read: {error.strerror}") from None
    return check_document(path, parse(path, text))


def parse(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ProgramFileError(
            path, f"is not JSON: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None


def check_document(path: Path, document: Any) -> dict[str, Any]:
    """``document`` if it is a version this program reads and fits the schema."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        said = f" (its format is {json.dumps(found)})" if found is not None else ""
        raise ProgramFileError(
            path, f'is not a CPP Scheduler program file{said}; expected "format": "{FORMAT}"'
        )
    version = document.get("version")
    if version != VERSION:
        raise ProgramFileError(
            path,
            f"is a program file of version {json.dumps(version)}; this CPP Scheduler reads "
            f"version {VERSION} only"
            + (
                " (a newer program wrote it: update CPP Scheduler)"
                if isinstance(version, int) and version > VERSION
                else ""
            ),
        )
    error = best_match(_validator().iter_errors(document))
    if error is not None:
        record, where = _locate(document, error.absolute_path)
        raise ProgramFileError(path, f"{where}{_explain(error)}", record)
    return document


def _locate(document: Any, location: Iterable[Any]) -> tuple[str | None, str]:
    """The innermost record that holds the faulty value, and the key within it."""
    steps = list(location)
    kinds: dict[str, Kind] = {kind.section: kind for kind in SECTIONS}
    node: Any = document
    record: str | None = None
    trail: list[str] = []
    position = 0
    while position < len(steps):
        step = steps[position]
        child = _child(node, step)
        kind = kinds.get(step) if isinstance(step, str) else None
        if kind is not None and isinstance(child, list) and position + 1 < len(steps):
            index = steps[position + 1]
            node = _child(child, index)
            if isinstance(node, dict) and node.get("id"):
                record = kind.label(node)
            else:
                record = f"{kind.record_kind} number {index + 1} of {step}"
            kinds = {owned.key: owned.kind for owned in kind.owned}
            trail = []
            position += 2
            continue
        trail.append(f"[{step}]" if isinstance(step, int) else f".{step}")
        node = child
        position += 1
    where = "".join(trail).lstrip(".")
    return record, f"{where}: " if where else ""


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None


def _explain(error: SchemaError) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator in {"pattern", "type", "minLength"} and description:
        return f"{json.dumps(error.instance, ensure_ascii=False)} is not {description}"
    if error.validator == "enum" and isinstance(error.schema, dict):
        allowed = ", ".join(json.dumps(value) for value in error.schema.get("enum", ()))
        return f"{json.dumps(error.instance, ensure_ascii=False)} is not one of {allowed}"
    return error.message
