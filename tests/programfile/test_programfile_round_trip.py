"""The program file keeps the whole program: round trip, repeat imports, dry runs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cpp_scheduler.model import Event
from cpp_scheduler.programfile import ProgramFileError, export_program, import_program
from cpp_scheduler.programfile.layout import all_kinds
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database, open_database


def _stamps(database: Database) -> dict[str, tuple[int, object]]:
    """Every record's version and change time: what any write would touch."""
    with database.session() as session:
        records: list[Any] = [
            record for kind in all_kinds() for record in session.scalars(select(kind.entity))
        ]
        return {record.id: (record.version, record.updated_at) for record in records}


@pytest.fixture
def demo_file(database: Database, tmp_path: Path) -> Path:
    load_demo(database)
    path = tmp_path / "program.json"
    export_program(database, path)
    return path


def test_export_import_export_gives_the_same_file(demo_file: Path, tmp_path: Path) -> None:
    # The source is on each backend in turn; the target is a new, empty database.
    empty = open_database(tmp_path / "empty.sqlite", seed=False)
    try:
        report = import_program(empty, demo_file)
        assert report.created > 0
        assert report.updated == 0
        again = tmp_path / "again.json"
        export_program(empty, again)
    finally:
        empty.close()
    assert again.read_bytes() == demo_file.read_bytes()


@pytest.mark.postgres
def test_round_trip_into_an_empty_postgresql_database(tmp_path: Path, postgres_url: str) -> None:
    source = open_database(tmp_path / "source.sqlite")
    load_demo(source)
    exported = tmp_path / "program.json"
    export_program(source, exported)
    source.close()
    target = open_database(postgres_url, seed=False)
    try:
        import_program(target, exported)
        again = tmp_path / "again.json"
        export_program(target, again)
    finally:
        target.close()
    assert again.read_bytes() == exported.read_bytes()


def test_the_file_is_versioned_json_with_utc_instants(
    sqlite_database: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_database)
    demo_file = tmp_path / "program.json"
    export_program(sqlite_database, demo_file)
    document = json.loads(demo_file.read_text(encoding="utf-8"))
    assert document["format"] == "cpp-scheduler-program"
    assert document["version"] == 1
    event = document["events"][0]
    assert event["start"].endswith("Z")
    assert event["zone"] == "Asia/Tokyo"
    assert "version" not in event
    assert "updated_at" not in event


def test_importing_the_same_file_twice_changes_nothing(database: Database, demo_file: Path) -> None:
    before = _stamps(database)
    report = import_program(database, demo_file)
    assert not report.changed
    assert len(report.of("event").updated) == 0
    assert report.of("event").unchanged == 24
    assert _stamps(database) == before


def test_a_dry_run_reports_but_writes_nothing(database: Database, demo_file: Path) -> None:
    document = json.loads(demo_file.read_text(encoding="utf-8"))
    document["events"][0]["title"] = "Renamed in the file"
    document["participants"].append(
        {
            "id": "0f4c1f7e-8d0e-4a57-9a43-77d5f1c0a001",
            "name": "Late Addition",
            "email": "late.addition@example.org",
        }
    )
    edited = demo_file.with_name("edited.json")
    edited.write_text(json.dumps(document), encoding="utf-8")
    before = _stamps(database)

    report = import_program(database, edited, dry_run=True)

    assert report.dry_run
    assert report.of("participant").created == (
        "participant 'Late Addition' (id 0f4c1f7e-8d0e-4a57-9a43-77d5f1c0a001)",
    )
    assert len(report.of("event").updated) == 1
    assert _stamps(database) == before

    applied = import_program(database, edited)
    assert applied.created == 1
    assert applied.updated == 1
    with database.session() as session:
        assert session.scalar(select(Event).where(Event.title == "Renamed in the file"))


def test_an_update_raises_the_calendar_sequence(database: Database, demo_file: Path) -> None:
    document = json.loads(demo_file.read_text(encoding="utf-8"))
    moved = document["events"][0]
    moved["start"], moved["end"] = "2027-01-21T08:00:00Z", "2027-01-21T09:30:00Z"
    edited = demo_file.with_name("moved.json")
    edited.write_text(json.dumps(document), encoding="utf-8")

    import_program(database, edited)
    import_program(database, edited)  # the second time, nothing more changes

    with database.session() as session:
        event = session.get(Event, moved["id"])
        assert event is not None
        assert event.sequence == moved["sequence"] + 1


def test_all_or_nothing_when_the_last_record_breaks_a_rule(
    database: Database, demo_file: Path
) -> None:
    document = json.loads(demo_file.read_text(encoding="utf-8"))
    for event in document["events"][:-1]:
        event["title"] = event["title"] + " (changed)"
    last = document["knowledge_products"][-1]
    last["url"] = "ftp://example.org/not-a-web-link"
    broken = demo_file.with_name("broken.json")
    broken.write_text(json.dumps(document), encoding="utf-8")
    before = _stamps(database)

    with pytest.raises(ProgramFileError) as caught:
        import_program(database, broken)

    message = str(caught.value)
    assert message.startswith("broken.json: knowledge product ")
    assert last["id"] in message
    assert last["title"] in message
    assert "url: The link must start with https://." in message
    assert _stamps(database) == before
    with database.session() as session:
        assert not session.scalars(select(Event).where(Event.title.like("%(changed)"))).all()


def test_a_seeded_database_takes_a_file_from_another_one(demo_file: Path, tmp_path: Path) -> None:
    # Its partner cities and themes were seeded under other ids: matched by name and code.
    other = open_database(tmp_path / "other.sqlite")
    try:
        report = import_program(other, demo_file)
        assert report.of("partner city").created == ()
        assert report.of("thematic area").created == ()
        assert report.of("travel time").created == ()
        assert len(report.of("venue").created) == 8  # the partner-city venues, not TDLC's rooms
        assert len(report.of("event").created) == 24
        assert not import_program(other, demo_file).changed
    finally:
        other.close()


def test_a_program_moves_between_two_seeded_databases_unchanged(
    demo_file: Path, tmp_path: Path
) -> None:
    # Reference data has the same ids in every database, so a colleague's program file
    # lands on the cities, themes and rooms that are already there instead of copies.
    colleague = open_database(tmp_path / "colleague.sqlite")
    try:
        report = import_program(colleague, demo_file)
        assert report.created > 0
        again = tmp_path / "again.json"
        export_program(colleague, again)
    finally:
        colleague.close()
    assert again.read_bytes() == demo_file.read_bytes()


def test_the_host_city_travels_in_the_file_and_older_files_still_import(
    demo_file: Path, tmp_path: Path
) -> None:
    document = json.loads(demo_file.read_text(encoding="utf-8"))
    cities = {city["id"]: city["name"] for city in document["cities"]}
    hosts = {event["title"]: event["host_city"] for event in document["events"]}
    series = "Peer-to-peer workshop series: resilient cities (monthly)"
    assert cities[hosts[series]] == "Kobe"  # run from Kobe's city office
    assert hosts["Opening plenary: ten years of the City Partnership Program"] is None  # TDLC

    for event in document["events"]:  # a file written before events named their host
        del event["host_city"]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document), encoding="utf-8")
    empty = open_database(tmp_path / "older.sqlite", seed=False)
    try:
        report = import_program(empty, older)
        assert report.created > 0
        with empty.session() as session:
            hosted = session.scalars(select(Event).where(Event.host_city_id.is_not(None))).all()
        assert hosted == []  # every event of an older file is TDLC's
    finally:
        empty.close()


def test_an_all_day_event_travels_as_dates_and_older_files_still_import(
    database: Database, tmp_path: Path
) -> None:
    load_demo(database)
    with database.transaction() as session:
        closure = Event(title="Golden Week: TDLC closed", zone="Asia/Tokyo")
        closure.set_dates(date(2027, 4, 29), date(2027, 5, 5))
        session.add(closure)
    path = tmp_path / "program.json"
    export_program(database, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    (written,) = [e for e in document["events"] if e["title"] == "Golden Week: TDLC closed"]
    assert written["all_day"] is True
    assert (written["start"], written["end"]) == ("2027-04-28T15:00:00Z", "2027-05-05T15:00:00Z")
    assert {e["all_day"] for e in document["events"] if e is not written} == {False}

    empty = open_database(tmp_path / "empty.sqlite", seed=False)
    try:
        import_program(empty, path)
        again = tmp_path / "again.json"
        export_program(empty, again)
        with empty.session() as session:
            back = session.scalars(select(Event).where(Event.all_day)).one()
            assert (back.first_date, back.last_date) == (date(2027, 4, 29), date(2027, 5, 5))
    finally:
        empty.close()
    assert again.read_bytes() == path.read_bytes()

    for event in document["events"]:  # a file written before events had dates of their own
        del event["all_day"]
    del document["events"][document["events"].index(written)]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document), encoding="utf-8")
    other = open_database(tmp_path / "older.sqlite", seed=False)
    try:
        import_program(other, older)
        with other.session() as session:
            assert session.scalars(select(Event).where(Event.all_day)).all() == []
    finally:
        other.close()
