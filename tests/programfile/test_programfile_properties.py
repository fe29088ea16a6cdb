"""Any event a coordinator can save survives export and import byte for byte."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler import timezones
from cpp_scheduler.model import Event, EventKind, EventMode, EventStatus
from cpp_scheduler.programfile import export_program, import_program
from cpp_scheduler.store import Database, open_database

words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda text: text.strip()
)


@dataclass
class Pair:
    source: Database
    target: Database
    folder: Path


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Pair]:
    folder = tmp_path_factory.mktemp("properties")
    shutil.copyfile(sqlite_template, folder / "source.sqlite")
    source = open_database(folder / "source.sqlite")
    target = open_database(folder / "target.sqlite", seed=False)
    yield Pair(source, target, folder)
    source.close()
    target.close()


@settings(max_examples=15, deadline=None)
@given(
    title=words,
    # Any text a file can carry: UTF-8 holds no lone surrogate, which no file gives.
    description=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200
    ),
    zone=st.sampled_from(timezones.all_zones()),
    start=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
    ).map(lambda value: value.replace(microsecond=0)),
    minutes=st.integers(min_value=1, max_value=3 * 24 * 60),
    kind=st.sampled_from(EventKind),
    mode=st.sampled_from(EventMode),
    status=st.sampled_from(EventStatus),
)
def test_export_then_import_gives_the_same_file(
    pair: Pair,
    title: str,
    description: str,
    zone: str,
    start: datetime,
    minutes: int,
    kind: EventKind,
    mode: EventMode,
    status: EventStatus,
) -> None:
    with pair.source.transaction() as session:
        session.add(
            Event(
                title=title,
                description=description,
                zone=zone,
                start_utc=start,
                end_utc=start + timedelta(minutes=minutes),
                kind=kind,
                mode=mode,
                status=status,
                video_link="https://meet.example.org/room",
            )
        )
    exported, again = pair.folder / "exported.json", pair.folder / "again.json"
    export_program(pair.source, exported)
    import_program(pair.target, exported)
    export_program(pair.target, again)
    assert again.read_bytes() == exported.read_bytes()
    assert not import_program(pair.target, exported).changed
