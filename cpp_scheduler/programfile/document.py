"""Reading a program file: JSON, then its format and version, then its JSON Schema.

The checks go from the coarsest to the finest so that each failure is told in the terms
that help: a file that is not JSON gets a line and a column, a file of another program or
version says so, and only a file that claims to be ours is held to every key of the schema.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Iterable
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match

from cpp_scheduler import limits
from cpp_scheduler.collector import collector_held
from cpp_scheduler.errors import printable, quoted, system_reason
from cpp_scheduler.i18n import N_, _, ngettext
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


@cache
def _fast_validator() -> jsonschema_rs.Draft202012Validator:
    """The same schema compiled by jsonschema-rs, which answers only yes or no."""
    with schema_path().open(encoding="utf-8") as stream:
        return jsonschema_rs.Draft202012Validator(json.load(stream))


def _fits_schema(document: dict[str, Any]) -> bool:
    """True when the compiled check accepts ``document``; False sends it to jsonschema,
    whose verdict and words count (the compiled one is the stricter of the two, its
    ``$`` never matching before a final line break, and a value it cannot take, such
    as an integer beyond 64 bits, is a no)."""
    try:
        return bool(_fast_validator().is_valid(document))
    except (ValueError, OverflowError, TypeError, RecursionError):
        return False


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


@collector_held()
def read_document(path: Path) -> dict[str, Any]:
    """The parsed and schema-checked content of a program file.

    The limits of :mod:`cpp_scheduler.limits` are checked before each step they bound:
    the file's kind and size before it is read, the length of its texts and its nesting
    before it is parsed, its numbers while it is parsed, its record counts before the
    schema check.
    """
    data = _read_bytes(path)
    _check_texts(path, data)
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is harmless
    except UnicodeDecodeError as error:
        raise ProgramFileError(
            path,
            _("is not a text file in UTF-8 (byte {byte} cannot be read)").format(byte=error.start),
        ) from None
    _check_depth(path, data, text)
    _check_values(path, data)
    document = parse(path, text)
    if _may_hold_unstorable(text):
        _check_storable(path, document)
    _check_counts(path, document)
    return check_document(path, document)


def _may_hold_unstorable(text: str) -> bool:
    """Whether the file writes a NUL or a surrogate (``\\u0000``, ``\\ud83d``): the
    two ways a JSON text brings a character no database stores. A file of plain text
    (most are) is not walked for them."""
    return "\\u0000" in text or "\\ud" in text or "\\uD" in text


def _check_storable(path: Path, value: Any, where: str = "") -> None:
    """Refuse a text holding a NUL (PostgreSQL refuses it, SQLite would keep it) or
    half of a surrogate pair (no UTF-8 can write it), naming where it is."""
    if isinstance(value, str):
        if "\x00" in value or (not value.isascii() and not _encodable(value)):
            raise ProgramFileError(
                path,
                _(
                    "{where} holds a character no database can store (a NUL, or half of a "
                    "surrogate pair)"
                ).format(where=where or "?"),
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_storable(path, key, where)
            _check_storable(path, item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            _check_storable(path, item, f"{where}[{number}]")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, once it is known to be a regular file of an acceptable size.

    The kind is checked first: reading a named pipe would wait for a writer forever, and
    a device could be endless.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise ProgramFileError(path, _("no such file")) from None
    except OSError as error:
        raise ProgramFileError(path, _unreadable(error)) from None
    if stat.S_ISDIR(status.st_mode):
        raise ProgramFileError(path, _("is a folder, not a program file"))
    if not stat.S_ISREG(status.st_mode):
        raise ProgramFileError(path, _("is not a regular file (a pipe, a socket or a device)"))
    if status.st_size > limits.MAX_PROGRAM_FILE_BYTES:
        raise ProgramFileError(path, _too_large(status.st_size))
    try:
        with open(path, "rb") as stream:
            data = stream.read(limits.MAX_PROGRAM_FILE_BYTES + 1)
    except OSError as error:
        raise ProgramFileError(path, _unreadable(error)) from None
    if len(data) > limits.MAX_PROGRAM_FILE_BYTES:  # it grew while it was read
        raise ProgramFileError(path, _too_large(len(data)))
    return data


def _unreadable(error: OSError) -> str:
    """Why the system would not read the file (:func:`system_reason`)."""
    return _("cannot be read: {reason}").format(reason=system_reason(error))


def _too_large(size: int) -> str:
    return _("is {size}, larger than the {largest} a program file may be").format(
        size=limits.size_text(size), largest=limits.size_text(limits.MAX_PROGRAM_FILE_BYTES)
    )


_KEEP_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
"""Every byte but brackets and braces, for ``bytes.translate``'s ``delete``."""
_SIGNED_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


_LONG_GAP = re.compile(rb'"[^"]{%d}' % (limits.MAX_JSON_TEXT_BYTES + 1))
"""A quote followed by more bytes without a quote than a text may take: a bound, found
in C at the cost of a search through the bytes, whether the file may hold too long a
text (the gap may also lie between two texts)."""


def _check_texts(path: Path, data: bytes) -> None:
    """Refuse a text (a value or a key) longer than ``MAX_JSON_TEXT_BYTES`` before the
    file is parsed, naming its line: no field holds one (parsed, a text of 63 MiB took
    half a gigabyte before its field refused it).

    Escaped backslashes and quotes are blanked first (in a file that escapes a quote),
    two bytes for two, so that every quote left begins or ends a text and every place
    keeps its line; a quote that begins a long gap begins a text when an even number of
    quotes stand before it."""
    if len(data) <= limits.MAX_JSON_TEXT_BYTES:
        return
    escaped_quote = b'\\"' in data  # else every quote begins or ends a text as it stands
    blanked = data.replace(b"\\\\", b"__").replace(b'\\"', b"__") if escaped_quote else data
    start = 0
    while (gap := _LONG_GAP.search(blanked, start)) is not None:
        opening = gap.start()
        if blanked.count(b'"', 0, opening) % 2 == 0:
            closing = blanked.find(b'"', opening + 1)
            length = (len(blanked) if closing < 0 else closing) - opening - 1
            raise ProgramFileError(
                path,
                _(
                    "is not a program file: line {line} holds a text of {size}; no field of "
                    "a program file holds more than {most} characters"
                ).format(
                    line=blanked.count(b"\n", 0, opening) + 1,
                    size=limits.size_text(length),
                    most=f"{limits.MAX_TEXT_LENGTH:,}",
                ),
            )
        start = opening + 1


def _check_values(path: Path, data: bytes) -> None:
    """Refuse a file of more values than ``MAX_JSON_VALUES`` before it is parsed: counted
    in C from its commas (those inside texts too, a bound from above), since each value
    parsed is an object in memory."""
    values = data.count(b",") + 1
    if values > limits.MAX_JSON_VALUES:
        raise ProgramFileError(
            path,
            _(
                "is not a program file: it holds about {count} values, more than the "
                "{most} of the largest program"
            ).format(count=f"{values:,}", most=f"{limits.MAX_JSON_VALUES:,}"),
        )


def _check_depth(path: Path, data: bytes, text: str) -> None:
    """Refuse nesting deeper than ``MAX_JSON_DEPTH``, without recursion and before parsing.

    Counting every bracket, those inside strings too, bounds the depth from above in C
    at a few milliseconds for a large file; only a file whose bound is too deep is
    scanned again, skipping strings, for its true depth and the line where it is too deep.
    """
    brackets = data.translate(_SIGNED_STEPS, _KEEP_BRACKETS)
    if not brackets or max(accumulate(memoryview(brackets).cast("b"))) <= limits.MAX_JSON_DEPTH:
        return
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > limits.MAX_JSON_DEPTH:
                line = text.count("\n", 0, token.start()) + 1
                raise ProgramFileError(
                    path,
                    _(
                        "is not a program file: line {line} nests arrays and objects more "
                        "than {depth} deep"
                    ).format(line=line, depth=limits.MAX_JSON_DEPTH),
                )
        elif mark in "]}":
            depth -= 1


class _NumberError(ValueError):
    """A number the program cannot hold, found while parsing: ``literal`` as the file
    writes it, which finds its line."""

    def __init__(self, message: str, literal: str) -> None:
        super().__init__(message)
        self.literal = literal


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > _INTEGER_DIGITS:
        raise _NumberError(_too_large_number(text), text)
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NumberError(_too_large_number(text), text)
    return value


def _too_large_number(text: str) -> str:
    return _("the number {number} is too far from zero to hold").format(number=printable(text, 30))


def _constant(name: str) -> Any:
    raise _NumberError(_("{name} is not a number JSON allows").format(name=name), name)


def _line_of_value(text: str, literal: str) -> int | None:
    """The line on which ``literal`` first stands as a value, outside any text: the
    reader names a number it refuses, not where it is."""
    pattern = re.compile(r'"(?:[^"\\]|\\.)*"|' + re.escape(literal))
    for found in pattern.finditer(text):
        if not found.group().startswith('"'):
            return text.count("\n", 0, found.start()) + 1
    return None


_INTEGER_DIGITS = 18
"""Digits of the largest integer read; 64-bit databases hold up to 19."""


_DECODER = json.JSONDecoder(parse_int=_integer, parse_float=_float, parse_constant=_constant)
"""JSON's reader with a check of each number; as fast as the plain one (measured on a file
of 10,000 events), since a program file holds few numbers."""


def parse(path: Path, text: str) -> Any:
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise ProgramFileError(
            path,
            _("is not JSON: line {line}, column {column}: {reason}").format(
                line=error.lineno, column=error.colno, reason=_(error.msg)
            ),
        ) from None
    except _NumberError as error:
        line = _line_of_value(text, error.literal)
        reason = (
            str(error)
            if line is None
            else _("line {line}: {reason}").format(line=line, reason=error)
        )
        raise ProgramFileError(
            path, _("is not a program file: {reason}").format(reason=reason)
        ) from None
    except RecursionError:  # the depth check comes first; this is a last guard
        raise ProgramFileError(
            path,
            _("is not a program file: it nests more than {depth} deep").format(
                depth=limits.MAX_JSON_DEPTH
            ),
        ) from None


_JSON_REASONS = (
    N_("Expecting value"),
    N_("Expecting property name enclosed in double quotes"),
    N_("Expecting ':' delimiter"),
    N_("Expecting ',' delimiter"),
    N_("Unterminated string starting at"),
    N_("Invalid control character at"),
    N_("Invalid \\escape"),
    N_("Invalid \\uXXXX escape"),
    N_("Illegal trailing comma before end of object"),
    N_("Illegal trailing comma before end of array"),
    N_("Extra data"),
)
"""What Python's JSON reader says is wrong (``JSONDecodeError.msg``), marked so that the
message translates it; a reason not listed here is shown as the reader gives it."""


def _check_counts(path: Path, document: Any) -> None:
    """Refuse a file with more records of a kind than the program takes, before any
    record is checked or built."""
    if not isinstance(document, dict):
        return
    for kind in SECTIONS:
        records = document.get(kind.section)
        if isinstance(records, list) and len(records) > limits.MAX_RECORDS_PER_FILE:
            raise ProgramFileError(
                path,
                _(
                    "{section}: holds {count} records; a program file may hold {largest} "
                    "of each kind"
                ).format(
                    section=kind.section,
                    count=f"{len(records):,}",
                    largest=f"{limits.MAX_RECORDS_PER_FILE:,}",
                ),
            )


def check_document(path: Path, document: Any) -> dict[str, Any]:
    """``document`` if it is a version this program reads and fits the schema."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        message = (
            _('is not a CPP Scheduler program file; expected "format": "{format}"')
            if found is None
            else _(
                "is not a CPP Scheduler program file (its format is {found}); expected "
                '"format": "{format}"'
            )
        )
        raise ProgramFileError(path, message.format(format=FORMAT, found=_shown(found)))
    version = document.get("version")
    if version != VERSION:
        message = (
            _(
                "is a program file of version {found}; this CPP Scheduler reads version "
                "{version} only (a newer program wrote it: update CPP Scheduler)"
            )
            if isinstance(version, int) and version > VERSION
            else _(
                "is a program file of version {found}; this CPP Scheduler reads version "
                "{version} only"
            )
        )
        raise ProgramFileError(path, message.format(found=_shown(version), version=VERSION))
    if _fits_schema(document):
        return document
    error = best_match(_validator().iter_errors(document))
    if error is not None:
        record, where = _locate(document, error.absolute_path)
        explained = _explain(error)
        if not error.absolute_path and error.validator == "additionalProperties":
            # Not a record's: the file's own top level.
            explained = _("{keys}: a program file has no such part").format(
                keys=", ".join(quoted(key) for key in _unexpected_keys(error))
            )
        raise ProgramFileError(path, f"{where}{explained}", record)
    return document


def _unexpected_keys(error: SchemaError) -> list[str]:
    """The keys an ``additionalProperties`` error is about: those of the object that its
    schema does not name."""
    allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    instance = error.instance if isinstance(error.instance, dict) else {}
    return sorted(str(key) for key in instance if key not in allowed)


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
                record = record_label(kind, node)
            else:
                record = _("{kind} number {number} of {section}").format(
                    kind=_(kind.record_kind), number=index + 1, section=step
                )
            kinds = {owned.key: owned.kind for owned in kind.owned}
            trail = []
            position += 2
            continue
        trail.append(f"[{step}]" if isinstance(step, int) else f".{step}")
        node = child
        position += 1
    where = "".join(trail).lstrip(".")
    return record, f"{where}: " if where else ""


def record_label(kind: Kind, record: dict[str, Any]) -> str:
    """How a message names a record of the file: its texts shortened, nothing raw."""
    shown = {}
    for key in _label_keys(kind.natural_key):
        if key in record:
            value = record[key]
            shown[key] = printable(value) if isinstance(value, str) else value
    return kind.label(shown)


_LABEL_KEYS = ("id", "name", "title", "code", "hotel")
"""The keys ``Kind.label`` names a record by (with its natural key)."""


@cache
def _label_keys(natural_key: tuple[str, ...]) -> tuple[str, ...]:
    """The keys a record of a kind with this natural key is named by: worked out once
    per kind, not over every key of each of an import's records."""
    return tuple(dict.fromkeys((*_LABEL_KEYS, *natural_key)))


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None


def _explain(error: SchemaError) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator in {"pattern", "type", "minLength"} and description:
        return _("{value} is not {description}").format(
            value=_shown(error.instance), description=_(description)
        )
    if error.validator == "enum" and isinstance(error.schema, dict):
        allowed = ", ".join(json.dumps(value) for value in error.schema.get("enum", ()))
        return _("{value} is not one of {allowed}").format(
            value=_shown(error.instance), allowed=allowed
        )
    message = error.message
    raw = repr(error.instance)
    if message.startswith(raw):  # jsonschema begins with the value itself, whole
        message = _shown(error.instance) + message[len(raw) :]
    return printable(_translated_schema_message(message), 200)


def _translated_schema_message(message: str) -> str:
    """jsonschema's English ``message`` in the language chosen, where it is one of the
    sentences the program file's schema can give; any other as jsonschema says it. A
    value of the wrong kind and a field the record does not have are said in a
    coordinator's words ("a whole number", "not a field of this record"), not JSON's."""
    wrong_kind = _WRONG_KIND.fullmatch(message)
    if wrong_kind is not None:
        kinds = [_(_KIND_WORDS.get(kind, kind)) for kind in _QUOTED.findall(wrong_kind["types"])]
        if kinds:
            return _("{value} is not {kinds}").format(
                value=wrong_kind["value"], kinds=_(" or ").join(kinds)
            )
    for pattern, template in _SCHEMA_MESSAGES:
        found = pattern.fullmatch(message)
        if found is not None:
            return _(template).format(**found.groupdict())
    unexpected = _UNEXPECTED.fullmatch(message)
    if unexpected is not None:
        return ngettext(
            "{keys} is not a field of this record",
            "{keys} are not fields of this record",
            1 if unexpected.group("verb") == "was" else 2,
        ).format(keys=unexpected.group("keys"))
    return message


_WRONG_KIND = re.compile(
    r"(?P<value>.+) is not of type (?P<types>'[a-z]+'(?:, '[a-z]+')*)", re.DOTALL
)
_QUOTED = re.compile(r"'([a-z]+)'")
_KIND_WORDS = {
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "string": N_("a text"),
    "array": N_("a list"),
    "object": N_("a record"),
    "boolean": N_("true or false"),
    "null": N_("null (none)"),
}
"""JSON Schema's types as a coordinator reads them."""


_SCHEMA_MESSAGES = tuple(
    (re.compile(pattern, re.DOTALL), template)
    for pattern, template in (
        (r"(?P<value>.+) is not of type (?P<types>.+)", N_("{value} is not of type {types}")),
        (r"(?P<key>.+) is a required property", N_("{key} is a required property")),
        (r"(?P<value>.+) is too long", N_("{value} is too long")),
        (r"(?P<value>.+) is too short", N_("{value} is too short")),
        (r"(?P<value>.+) should be non-empty", N_("{value} should be non-empty")),
        (r"(?P<value>.+) is expected to be empty", N_("{value} is expected to be empty")),
        (
            r"(?P<value>.+) is less than the minimum of (?P<limit>.+)",
            N_("{value} is less than the minimum of {limit}"),
        ),
        (
            r"(?P<value>.+) is greater than the maximum of (?P<limit>.+)",
            N_("{value} is greater than the maximum of {limit}"),
        ),
        (r"(?P<value>.+) has non-unique elements", N_("{value} has non-unique elements")),
        (r"(?P<value>.+) was expected", N_("{value} was expected")),
        (r"(?P<value>.+) does not match (?P<pattern>.+)", N_("{value} does not match {pattern}")),
    )
)
"""The sentences of jsonschema (4.x) for the keywords the schema uses, read back into
their parts so that the parts (values of the file, names of keys) stay as they are."""

_UNEXPECTED = re.compile(
    r"Additional properties are not allowed \((?P<keys>.+) (?P<verb>was|were) unexpected\)",
    re.DOTALL,
)

_SCHEMA_DESCRIPTIONS = (
    N_("a date such as 2027-02-15"),
    N_("a date such as 2027-02-15, or null"),
    N_("a record id (a UUID such as 0b5e8f3c-6a61-5d2e-9a4e-1f0a2c3d4e5f)"),
    N_("a record id, or null"),
    N_(
        "a span of whole days in zone: start and end are the midnights that begin the first "
        "day and the day after the last; false or absent for a timed event"
    ),
    N_("a time of day such as 09:30 (HH:MM, 24-hour clock)"),
    N_("an IANA time zone such as Asia/Tokyo or America/Lima"),
    N_("an IANA time zone such as Asia/Tokyo, or null"),
    N_("an ISO 3166 country code such as PE, KE, NP"),
    N_("an RFC 5545 RRULE value such as FREQ=MONTHLY;COUNT=6;BYDAY=3WE, or null"),
    N_("an instant in UTC such as 2027-02-15T00:00:00Z"),
    N_("an instant in UTC such as 2027-02-15T00:00:00Z, or null"),
    N_("A CPP thematic area, or a sub-theme filed under one (parent)."),
    N_("A Japanese partner city and the themes of its signature experience."),
    N_("A place where events happen; locality is the city as the travel-time table names it."),
    N_("Door-to-door minutes between two localities by one mode, either direction."),
    N_("Officials of one client country; hours are wall-clock times in its zone."),
    N_("A person; zone is null when the person's clock is the delegation's."),
    N_(
        "One occurrence of a series, named by the start its rule gives it, moved (start, end) "
        "or cancelled."
    ),
    N_(
        "A conference, session (parent is the conference), workshop, site visit or "
        "videoconference; a series when recurrence_rule is set."
    ),
    N_("Where the delegation sleeps on the night that begins on night_of."),
    N_(
        "A delegation's multi-day, multi-city program; its days, legs and nights are written "
        "inside it."
    ),
)
"""The schema's descriptions of values, which a refusal quotes ('... is not a date such as
2027-02-15'): marked here, word for word, so that the catalogue translates them."""


def _shown(value: Any) -> str:
    """A value of the file as a message quotes it: JSON, shortened, nothing raw."""
    if isinstance(value, (dict, list)):
        return _("an object") if isinstance(value, dict) else _("an array")
    if isinstance(value, str):
        return '"' + quoted(value)[1:-1] + '"'
    return printable(json.dumps(value), 30)
