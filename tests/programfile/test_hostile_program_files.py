"""Hostile program files: each is imported, or refused in one line; none ends in a crash.

The files are a real exported demo program, mutated the way a broken tool, a careless
edit or an attacker would: keys dropped or repeated, values of the wrong type, numbers
out of range or not numbers at all, nesting hundreds deep, texts with control characters
and separators. Whatever the mutation, the importer either takes the file or raises a
:class:`SchedulerError` whose message is one line, and it does so in bounded time.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpp_scheduler import limits
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.programfile import ProgramFileError, export_program, import_program
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database, open_database
from tests.hostile import assert_one_line

NESTED = "@@nested@@"
"""Replaced in the written text by arrays nested deeper than ``json.dumps`` would go."""

HOSTILE_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    10**30,
    2**63,
    1e308,
    math.nan,
    math.inf,
    -math.inf,
    "",
    " ",
    "line one\nline two\r\nEND:VEVENT\u2028\u2029\x00\x1b[31m",
    "x" * (limits.MAX_TEXT_LENGTH + 1),
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "0001-01-01",
    "2027-02-30",
    "24:61",
    "not an id",
    [],
    {},
    [1, "two", None],
    {"nested": {"deeper": ["and", "deeper"]}},
    NESTED,
]


@dataclass
class Setting:
    document: dict[str, Any]
    target: Database
    folder: Path


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Setting]:
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copyfile(sqlite_template, folder / "source.sqlite")
    shutil.copyfile(sqlite_template, folder / "target.sqlite")
    source = open_database(folder / "source.sqlite")
    load_demo(source)
    export_program(source, folder / "demo.json")
    source.close()
    target = open_database(folder / "target.sqlite")
    yield Setting(json.loads((folder / "demo.json").read_text()), target, folder)
    target.close()


def _containers(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every object and array of the document with its path, the document first."""
    if isinstance(node, dict | list):
        yield path, node
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            yield from _containers(child, (*path, key))


def _fresh(value: Any) -> Any:
    """A copy of a hostile value of its own: a later mutation of the same document may
    change what it put in (drop a key of it), which must not change the list every
    example draws from, or the next examples would draw other values than they did."""
    return json.loads(json.dumps(value))


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any]) -> str:
    """The demo document with one to three mutations, as the text of a file."""
    copy = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        containers = list(_containers(copy))
        _, node = draw(st.sampled_from(containers))
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            action = draw(st.sampled_from(["drop", "replace", "rename"]))
            if action == "drop":
                del node[key]
            elif action == "rename":
                node[key + "_"] = node.pop(key)
            else:
                node[key] = _fresh(draw(st.sampled_from(HOSTILE_VALUES)))
        elif isinstance(node, list) and node:
            index = draw(st.integers(0, len(node) - 1))
            action = draw(st.sampled_from(["duplicate", "drop", "replace"]))
            if action == "duplicate":
                node.insert(index, json.loads(json.dumps(node[index])))
            elif action == "drop":
                del node[index]
            else:
                node[index] = _fresh(draw(st.sampled_from(HOSTILE_VALUES)))
    depth = draw(st.sampled_from([2, limits.MAX_JSON_DEPTH, 5_000]))
    return json.dumps(copy, indent=1).replace(f'"{NESTED}"', "[" * depth + "]" * depth)


@settings(
    max_examples=40,
    deadline=timedelta(seconds=3),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_mutated_program_file_is_imported_or_refused_in_one_line(
    setting: Setting, data: st.DataObject
) -> None:
    path = setting.folder / "mutated.json"
    path.write_text(data.draw(mutated(setting.document)), encoding="utf-8")
    try:
        import_program(setting.target, path, dry_run=data.draw(st.booleans()))
    except SchedulerError as error:
        assert_one_line(error)


def test_a_file_nested_a_hundred_thousand_deep_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": "cpp-scheduler-program", "x": ' + "[" * 100_000 + "]" * 100_000)
    with pytest.raises(ProgramFileError) as caught:
        import_program(open_database(tmp_path / "program.sqlite"), path)
    assert str(caught.value) == (
        "deep.json: is not a program file: line 1 nests arrays and objects more than 32 deep"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": NaN}', "line 3: NaN is not a number JSON allows"),
        ('{"format": -Infinity}', "line 3: -Infinity is not a number JSON allows"),
        ('{"format": 1e999}', "line 3: the number 1e999 is too far from zero to hold"),
        ('{"format": -1e999}', "line 3: the number -1e999 is too far from zero to hold"),
        (
            '{"format": ' + "9" * 5_000 + "}",
            "line 3: the number " + "9" * 29 + "… is too far from zero to hold",
        ),
    ],
)
def test_numbers_a_program_cannot_hold_are_refused(tmp_path: Path, text: str, message: str) -> None:
    """Named with the line they stand on (the first line's title mentions one in its
    words, which is no number of the file's), and said as too far from zero whichever
    side of it they are."""
    path = tmp_path / "numbers.json"
    path.write_text('{"title": "NaN, -Infinity, 1e999 or -1e999?",\n"x": 1,\n' + text[1:])
    with pytest.raises(ProgramFileError) as caught:
        import_program(open_database(tmp_path / "program.sqlite"), path)
    assert str(caught.value) == f"numbers.json: is not a program file: {message}"


def test_a_part_a_program_file_does_not_have_is_named_as_the_files(tmp_path: Path) -> None:
    path = tmp_path / "extra.json"
    path.write_text('{"format": "cpp-scheduler-program", "version": 1, "extra": []}')
    with pytest.raises(ProgramFileError) as caught:
        import_program(open_database(tmp_path / "program.sqlite"), path)
    assert str(caught.value) == "extra.json: 'extra': a program file has no such part"


def test_a_file_with_too_many_events_is_refused_before_any_is_checked(
    setting: Setting, tmp_path: Path
) -> None:
    document = dict(setting.document)
    event = document["events"][0]
    document["events"] = [event] * (limits.MAX_RECORDS_PER_FILE + 1)
    path = tmp_path / "many.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ProgramFileError) as caught:
        import_program(setting.target, path)
    assert str(caught.value) == (
        "many.json: events: holds 20,001 records; a program file may hold 20,000 of each kind"
    )


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "large.json"
    with path.open("wb") as stream:  # sparse: the size is there, the bytes are not
        stream.truncate(limits.MAX_PROGRAM_FILE_BYTES + 1)
    with pytest.raises(ProgramFileError) as caught:
        import_program(open_database(tmp_path / "program.sqlite"), path)
    assert str(caught.value) == (
        "large.json: is 64.0 MiB, larger than the 64 MiB a program file may be"
    )


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "program.json"
    os.mkfifo(pipe)
    with pytest.raises(ProgramFileError) as caught:
        import_program(open_database(tmp_path / "program.sqlite"), pipe)
    assert str(caught.value) == (
        "program.json: is not a regular file (a pipe, a socket or a device)"
    )


def test_a_title_of_a_million_characters_is_named_shortened(
    setting: Setting, tmp_path: Path
) -> None:
    document = json.loads(json.dumps(setting.document))
    document["events"][0]["title"] = "Kobe\nworkshop\u2028" + "x" * 1_000_000
    path = tmp_path / "long.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ProgramFileError) as caught:
        import_program(setting.target, path)
    shown = "Kobe\\nworkshop\\u2028" + "x" * 45 + "…"
    assert str(caught.value) == (
        f"long.json: event '{shown}' (id {document['events'][0]['id']}): "
        f'title: "{shown}" is too long'
    )


def test_a_description_longer_than_the_limit_is_refused(setting: Setting, tmp_path: Path) -> None:
    document = json.loads(json.dumps(setting.document))
    event = document["events"][0]
    event["description"] = "agenda " * 20_000
    path = tmp_path / "long.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ProgramFileError) as caught:
        import_program(setting.target, path)
    assert str(caught.value) == (
        f"long.json: event '{event['title']}' (id {event['id']}): "
        "description: 140,000 characters, more than the 100,000 a text may hold"
    )


def test_a_record_without_its_name_is_named_by_its_id_alone(tmp_path: Path) -> None:
    """Before, an event without a title was named "event 'None' (id 7)"."""
    path = tmp_path / "untitled.json"
    path.write_text('{"format": "cpp-scheduler-program", "version": 1, "events": [{"id": 7}]}')
    with pytest.raises(ProgramFileError) as caught:
        import_program(open_database(tmp_path / "program.sqlite"), path)
    assert str(caught.value) == "untitled.json: event (id 7): 'title' is a required property"


@pytest.mark.parametrize(
    ("title", "refused"),
    [("Kobe\x00workshop", True), ("Kobe \ud800 workshop", True), ("Kobe 🌏 workshop", False)],
    ids=["a NUL", "half a surrogate pair", "a whole pair"],
)
def test_a_text_no_database_can_store_is_refused_naming_where_it_is(
    setting: Setting, tmp_path: Path, title: str, refused: bool
) -> None:
    """PostgreSQL refuses a NUL that SQLite would keep, and no UTF-8 writes half of a
    surrogate pair: both are refused before either database sees them, so a file reads
    alike on both. An emoji, which JSON writes as a pair, is a text like any other."""
    document = json.loads(json.dumps(setting.document))
    document["events"][1]["title"] = title
    path = tmp_path / "titles.json"
    path.write_text(json.dumps(document))  # ASCII: the characters written as escapes
    if not refused:
        import_program(setting.target, path, dry_run=True)
        return
    with pytest.raises(ProgramFileError) as caught:
        import_program(setting.target, path)
    assert_one_line(caught.value)
    assert str(caught.value) == (
        "titles.json: events[1].title holds a character no database can store (a NUL, or "
        "half of a surrogate pair)"
    )


@pytest.mark.parametrize(
    ("section", "key", "value", "said"),
    [
        ("venues", "capacity", 1.5, "capacity: 1.5 is not a whole number"),
        ("venues", "capacity", "eighty", 'capacity: "eighty" is not a whole number'),
        ("events", "hacker", "x", "'hacker' is not a field of this record"),
    ],
)
def test_a_value_of_the_wrong_kind_is_said_in_a_coordinators_words(
    setting: Setting, tmp_path: Path, section: str, key: str, value: Any, said: str
) -> None:
    """Not JSON Schema's: "1.5 is not of type 'integer'", "Additional properties are not
    allowed ('hacker' was unexpected)"."""
    document = json.loads(json.dumps(setting.document))
    document[section][0][key] = value
    path = tmp_path / "kinds.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ProgramFileError) as caught:
        import_program(setting.target, path)
    assert_one_line(caught.value)
    assert str(caught.value).endswith(said)


def test_a_file_of_more_meetings_than_a_program_holds_is_refused_as_it_is_checked(
    setting: Setting, tmp_path: Path
) -> None:
    """Every series within its own limit of 500 meetings, but 201 of them beside the
    demo's events: refused at the series past 100,000 meetings, named, before any other
    is expanded; nothing is written."""
    document = dict(setting.document)
    first = next(event for event in document["events"] if not event["recurrence_rule"])
    series = []
    for number in range(201):
        series.append(
            {
                **first,
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"series {number}")),
                "uid": f"series-{number}@example.org",
                "title": f"Daily check-in {number}",
                "recurrence_rule": "FREQ=DAILY;COUNT=500",
                "parent": None,
                "changes": [],
            }
        )
    document["events"] = [*document["events"], *series]
    path = tmp_path / "meetings.json"
    path.write_text(json.dumps(document))
    before = _events_in(setting.target)

    with pytest.raises(ProgramFileError) as caught:
        import_program(setting.target, path)

    # The demo's own meetings count too: the series past the limit is one of the last.
    assert re.match(r"meetings\.json: event 'Daily check-in 19\d' \(id ", str(caught.value))
    assert str(caught.value).endswith(
        ": the file holds more than 100,000 meetings (each series counted by the meetings "
        "its rule gives, up to this event)"
    )
    assert _events_in(setting.target) == before


def _events_in(database: Database) -> int:
    from sqlalchemy import func, select

    from cpp_scheduler.model import Event

    with database.session() as session:
        return int(session.scalar(select(func.count(Event.id))) or 0)
