"""JSON text exactly as ``json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)``
writes it, made faster than the json module makes it.

The json module writes indented text with its Python encoder, a generator step per token.
Here each object and array is built in one pass with the C string encoder (:func:`dumps`),
and a program's records, read column by column, are written column by column too
(:func:`column_texts`) into one template per kind (:func:`object_template`). Anything the
fast writers do not expect goes to the json module, so the bytes never depend on which
wrote them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, repeat
from typing import Any

_encode_text: Callable[[str], str] = json.encoder.encode_basestring
"""The C string encoder where there is one: a text as ``ensure_ascii=False`` writes it."""

_INFINITY = float("inf")


class _UnexpectedValueError(Exception):
    """A value the fast writer leaves to the json module."""


def dumps(document: dict[str, Any]) -> str:
    """The text of a whole document: ``json.dumps(document, indent=2, sort_keys=True,
    ensure_ascii=False)`` and a final newline, to the byte, at a third of its cost."""
    return value_text(document, "") + "\n"


def value_text(value: Any, indent: str) -> str:
    """The text of ``value`` written at ``indent`` inside a larger document: its lines
    after the first start with ``indent``, as they would in the whole document's text."""
    try:
        return _json_text(value, indent)
    except _UnexpectedValueError:
        # A JSON text holds no raw line break, so indenting each line after the first
        # places the json module's own text where the whole document would have it.
        text = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
        return text.replace("\n", "\n" + indent) if indent else text


def _json_text(value: Any, indent: str) -> str:
    if isinstance(value, str):
        return _encode_text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float_text(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            raise _UnexpectedValueError
        items = ",\n".join(
            f"{inner}{_encode_text(key)}: {_json_text(value[key], inner)}" for key in sorted(value)
        )
        return f"{{\n{items}\n{indent}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        if all(type(item) is str for item in value):  # a record's links: ids only
            items = inner + f",\n{inner}".join(map(_encode_text, value))
        else:
            items = ",\n".join(inner + _json_text(item, inner) for item in value)
        return f"[\n{items}\n{indent}]"
    raise _UnexpectedValueError


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (_INFINITY, -_INFINITY):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


_SCALAR_TEXT: dict[type, Callable[[Any], str]] = {
    str: _encode_text,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    float: _float_text,
    type(None): lambda _value: "null",
}
"""How a value of exactly this type is written, for a column whose values share it."""


def column_texts(values: Sequence[Any], indent: str) -> list[str]:
    """The text of each of ``values``, written at ``indent``.

    A program's column mostly holds one type (texts, ids, instants), or texts and nulls:
    those are written by one C function mapped over the column, without asking each value
    its type; any other column value by value.
    """
    types = set(map(type, values))
    only = _SCALAR_TEXT.get(next(iter(types))) if len(types) == 1 else None
    if only is not None:
        return list(map(only, values))
    if types == {str, type(None)}:
        return ["null" if value is None else _encode_text(value) for value in values]
    if types and types <= {list, tuple} and set(map(type, chain.from_iterable(values))) <= {str}:
        return _text_lists(values, indent)
    return [value_text(value, indent) for value in values]


def _text_lists(lists: Sequence[Sequence[str]], indent: str) -> list[str]:
    """The text of each list of texts (a record's links, by id) at ``indent``."""
    inner = indent + "  "
    head, between, tail = f"[\n{inner}", f",\n{inner}", f"\n{indent}]"
    return [
        head + between.join(map(_encode_text, items)) + tail if items else "[]" for items in lists
    ]


def object_template(keys: Iterable[str], indent: str) -> str:
    """A ``%`` template of an object with ``keys`` (in sorted order, as ``sort_keys``
    writes them) written at ``indent``, whose ``%s`` take the values' texts in that order.
    It starts with ``indent``, as an item of a list does."""
    inner = indent + "  "
    lines = ",\n".join(f"{inner}{_encode_text(key).replace('%', '%%')}: %s" for key in keys)
    return f"{indent}{{\n{lines}\n{indent}}}"


def list_text(item_texts: Sequence[str], indent: str) -> str:
    """A list written at ``indent`` whose items' texts already start with their indent."""
    if not item_texts:
        return "[]"
    return "[\n" + ",\n".join(item_texts) + f"\n{indent}]"


def document_text(values: dict[str, str | list[str]]) -> str:
    """The text of a whole document, an object whose values are given as their texts at
    the first level, or, for a list, as its items' texts (each starting with its indent),
    with the final newline.

    A program's text is megabytes: joined once from its pieces, rather than each list,
    then the object, then the line's end each copying all that came before.
    """
    pieces = ["{"]
    for key in sorted(values):
        pieces.append(
            f"\n  {_encode_text(key)}: " if len(pieces) == 1 else f",\n  {_encode_text(key)}: "
        )
        value = values[key]
        if isinstance(value, str):
            pieces.append(value)
        elif value:
            pieces.append("[\n")
            pieces.extend(chain.from_iterable(zip(value, repeat(",\n"))))
            pieces[-1] = "\n  ]"
        else:
            pieces.append("[]")
    pieces.append("\n}\n" if len(pieces) > 1 else "}\n")
    return "".join(pieces)
