"""New records of a program file: the same rules, links and history whichever way they
are written (in bulk, or through the session when a record it changes refers to them)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from cpp_scheduler import i18n
from cpp_scheduler.model import (
    Change,
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Participant,
)
from cpp_scheduler.programfile import ProgramFileError, export_program, import_program
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.history import history_of
from cpp_scheduler.store import Database


def _document(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document), "utf-8")
    return path


def _delegation(record_id: str, name: str) -> dict[str, Any]:
    return {
        "id": record_id,
        "name": name,
        "country": "PE",
        "zone": "America/Lima",
        "home_city": "Lima",
        "work_start": "09:00",
        "work_end": "18:00",
        "acceptable_start": "07:00",
        "acceptable_end": "22:00",
        "languages": ["es"],
    }


def _new_event(record_id: str, title: str, start: str, end: str) -> dict[str, Any]:
    return {
        "id": record_id,
        "uid": f"{record_id}@example.org",
        "sequence": 0,
        "title": title,
        "kind": "workshop",
        "mode": "hybrid",
        "status": "confirmed",
        "zone": "Asia/Tokyo",
        "start": start,
        "end": end,
    }


@pytest.fixture
def demo_file(database: Database, tmp_path: Path) -> Path:
    load_demo(database)
    path = tmp_path / "program.json"
    export_program(database, path)
    return path


def test_a_new_record_has_the_same_history_whichever_way_it_is_written(
    database: Database, demo_file: Path
) -> None:
    # The changed participant refers to the first new delegation, which is therefore
    # written through the session; nothing refers to the second, written in bulk.
    document = _document(demo_file)
    document["delegations"] += [
        _delegation("0b7c3c8e-1111-4d6a-9c1e-000000000001", "Arequipa delegation"),
        _delegation("0b7c3c8e-1111-4d6a-9c1e-000000000002", "Cusco delegation"),
    ]
    moved = document["participants"][0]
    moved["delegation"] = "0b7c3c8e-1111-4d6a-9c1e-000000000001"
    path = _write(demo_file.with_name("two-delegations.json"), document)

    report = import_program(database, path)

    assert sorted(report.of("delegation").created) == [
        "delegation 'Arequipa delegation' (id 0b7c3c8e-1111-4d6a-9c1e-000000000001)",
        "delegation 'Cusco delegation' (id 0b7c3c8e-1111-4d6a-9c1e-000000000002)",
    ]
    through_session = history_of(database, "0b7c3c8e-1111-4d6a-9c1e-000000000001")
    in_bulk = history_of(database, "0b7c3c8e-1111-4d6a-9c1e-000000000002")
    assert len(through_session) == len(in_bulk) == 1
    assert [field.name for field in through_session[0].fields] == [
        field.name for field in in_bulk[0].fields
    ]
    hours = ("acceptable_end", "acceptable_start", "work_end", "work_start")
    bulk_hours = [(field.name, field.new) for field in in_bulk[0].fields if field.name in hours]
    assert len(bulk_hours) == len(hours)
    assert bulk_hours == [
        (field.name, field.new) for field in through_session[0].fields if field.name in hours
    ]
    assert in_bulk[0].source == through_session[0].source == f"program file {path}"
    with database.session() as session:
        participant = session.get(Participant, moved["id"])
        assert participant is not None
        assert participant.delegation is not None
        assert participant.delegation.name == "Arequipa delegation"
        cusco = session.get(Delegation, "0b7c3c8e-1111-4d6a-9c1e-000000000002")
        assert cusco is not None
        assert cusco.version == 1
        assert cusco.languages == ["es"]


def test_a_session_listed_before_its_new_event_is_linked_to_it(
    database: Database, demo_file: Path
) -> None:
    document = _document(demo_file)
    theme = document["themes"][0]["id"]
    plenary = _new_event(
        "5e0c1d2e-2222-4b7a-8c1d-000000000001",
        "Resilience plenary",
        "2027-03-02T01:00:00Z",
        "2027-03-02T08:00:00Z",
    )
    session_record = _new_event(
        "5e0c1d2e-2222-4b7a-8c1d-000000000002",
        "Resilience breakout",
        "2027-03-02T02:00:00Z",
        "2027-03-02T03:00:00Z",
    )
    session_record["parent"] = plenary["id"]
    session_record["themes"] = [theme]
    document["events"] = [session_record, plenary, *document["events"]]
    path = _write(demo_file.with_name("sessions.json"), document)

    import_program(database, path)

    with database.session() as session:
        breakout = session.get(Event, session_record["id"])
        assert breakout is not None
        assert breakout.parent is not None
        assert breakout.parent.title == "Resilience plenary"
        assert [area.id for area in breakout.themes] == [theme]
    again = demo_file.with_name("again.json")
    export_program(database, again)
    exported = {event["id"]: event for event in _document(again)["events"]}
    assert exported[session_record["id"]]["parent"] == plenary["id"]


def test_a_new_record_breaking_a_rule_refuses_the_file_whole(
    database: Database, demo_file: Path
) -> None:
    document = _document(demo_file)
    for number in range(40):
        document["events"].append(
            _new_event(
                f"7a1b2c3d-3333-4e5f-8a9b-{number:012d}",
                f"Working session {number}",
                "2027-04-01T01:00:00Z",
                "2027-04-01T02:00:00Z",
            )
        )
    broken = document["events"][-1]
    broken["end"] = "2027-04-01T00:30:00Z"
    path = _write(demo_file.with_name("broken.json"), document)
    with database.session() as session:
        events_before = session.scalar(select(func.count()).select_from(Event))
        changes_before = session.scalar(select(func.count()).select_from(Change))

    with pytest.raises(ProgramFileError) as raised:
        import_program(database, path)

    message = str(raised.value)
    assert "\n" not in message
    assert "Working session 39" in message
    assert "The event must end after it starts." in message
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == events_before
        assert session.scalar(select(func.count()).select_from(Change)) == changes_before


def test_a_changed_event_may_name_one_new_person_as_organiser_and_participant(
    database: Database, demo_file: Path
) -> None:
    document = _document(demo_file)
    person = {
        "id": "9d8e7f6a-4444-4c3b-8a2d-000000000001",
        "name": "Ana Quispe",
        "email": "ana.quispe@example.org",
    }
    document["participants"].append(person)
    changed = document["events"][0]
    changed["organiser"] = person["id"]
    changed["participants"] = sorted([*changed["participants"], person["id"]])
    path = _write(demo_file.with_name("organiser.json"), document)

    report = import_program(database, path)

    assert report.of("participant").created == (
        "participant 'Ana Quispe' (id 9d8e7f6a-4444-4c3b-8a2d-000000000001)",
    )
    with database.session() as session:
        event = session.get(Event, changed["id"])
        assert event is not None
        assert event.organiser is not None
        assert event.organiser.email == "ana.quispe@example.org"
        assert person["id"] in {participant.id for participant in event.participants}


def test_the_report_names_what_it_created_in_the_language_that_shows_it(
    database: Database, demo_file: Path
) -> None:
    """A report is read where it is shown: a Japanese window names the delegations an
    import created in Japanese, whichever language the import ran in."""
    document = _document(demo_file)
    document["delegations"] += [
        _delegation(f"0b7c3c8e-1111-4d6a-9c1e-00000000000{number}", f"Lima group {number}")
        for number in range(1, 4)
    ]
    report = import_program(database, _write(demo_file.with_name("lima.json"), document))

    created = report.of("delegation").created
    assert len(created) == report.created == 3
    assert created[0] == "delegation 'Lima group 1' (id 0b7c3c8e-1111-4d6a-9c1e-000000000001)"
    i18n.use_language(i18n.JAPANESE)
    try:
        assert created[1:] == (
            "代表団「Lima group 2」（id 0b7c3c8e-1111-4d6a-9c1e-000000000002）",
            "代表団「Lima group 3」（id 0b7c3c8e-1111-4d6a-9c1e-000000000003）",
        )
    finally:
        i18n.use_language(i18n.ENGLISH)
    assert report.of("venue").created == ()


def test_the_records_of_one_import_are_created_at_one_moment(
    database: Database, demo_file: Path
) -> None:
    # An import commits at once: its records, and its history entries, say so alike,
    # however long the import takes to write them.
    document = _document(demo_file)
    new_events = [
        _new_event(
            f"5e0c1d2e-3333-4b7a-8c1d-00000000000{number}",
            f"Mobility clinic {number}",
            f"2027-04-0{number}T01:00:00Z",
            f"2027-04-0{number}T02:00:00Z",
        )
        for number in range(1, 6)
    ]
    document["events"] += new_events
    path = _write(demo_file.with_name("clinics.json"), document)
    before = datetime.now(UTC).replace(microsecond=0)

    import_program(database, path)

    after = datetime.now(UTC)
    ids = [event["id"] for event in new_events]
    with database.session() as session:
        stamps = set(
            session.execute(select(Event.created_at, Event.updated_at).where(Event.id.in_(ids)))
        )
    assert len(stamps) == 1
    ((created, updated),) = stamps
    assert created == updated
    assert before <= created <= after
    entries = [entry for record_id in ids for entry in history_of(database, record_id)]
    assert len(entries) == len(ids)
    assert len({entry.changed_at for entry in entries}) == 1
    assert before <= entries[0].changed_at <= after


def test_an_event_imported_in_bulk_has_the_history_of_one_made_in_the_editor(
    database: Database, demo_file: Path
) -> None:
    # The history of a program's events reads the same whichever way they came: its
    # instants in ISO 8601 UTC and its kinds by value, to the character.
    document = _document(demo_file)
    document["events"].append(
        _new_event(
            "5e0c1d2e-4444-4b7a-8c1d-000000000001",
            "Mobility clinic",
            "2027-04-01T01:00:00Z",
            "2027-04-01T02:30:00Z",
        )
    )
    import_program(database, _write(demo_file.with_name("clinic.json"), document))
    made = editing.create(
        database,
        Event,
        {
            "title": "Mobility clinic",
            "kind": EventKind.WORKSHOP,
            "mode": EventMode.HYBRID,
            "status": EventStatus.CONFIRMED,
            "zone": "Asia/Tokyo",
            "start_utc": datetime(2027, 4, 1, 1, 0, tzinfo=UTC),
            "end_utc": datetime(2027, 4, 1, 2, 30, tzinfo=UTC),
        },
    )
    with database.session() as session:
        imported, edited = (
            json.loads(
                session.scalars(select(Change.fields).where(Change.record_id == record_id)).one()
            )
            for record_id in ("5e0c1d2e-4444-4b7a-8c1d-000000000001", made)
        )
    compared = ("start_utc", "end_utc", "kind", "mode", "status", "title", "zone")
    assert {name: imported[name] for name in compared} == {name: edited[name] for name in compared}
    assert imported["start_utc"] == [None, "2027-04-01T01:00:00+00:00"]
    assert imported["kind"] == [None, "workshop"]
