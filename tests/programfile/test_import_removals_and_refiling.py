"""An import that takes owned records away, or files records under each other anew.

What the coordinator sees: every record an import removes is in the history as deleted,
so "Revert this change" brings it back; themes and sessions that swap places import;
a file that would file records in a loop is refused in one line naming the loop.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cpp_scheduler.model import Event, StudyTour, ThematicArea
from cpp_scheduler.programfile import ProgramFileError, export_program, import_program
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.history import history_of, revert_change
from cpp_scheduler.store import Database


@pytest.fixture
def program(database: Database, tmp_path: Path) -> dict[str, Any]:
    """The demo program, in the database and as its file's document."""
    load_demo(database)
    path = tmp_path / "demo.json"
    export_program(database, path)
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def _import(database: Database, folder: Path, document: dict[str, Any]) -> Any:
    path = folder / "changed.json"
    path.write_text(json.dumps(document), "utf-8")
    return import_program(database, path)


def _series(document: dict[str, Any]) -> dict[str, Any]:
    return next(event for event in document["events"] if len(event["changes"]) >= 2)


def _by_name(records: list[dict[str, Any]], key: str, value: str) -> dict[str, Any]:
    return next(record for record in records if record[key] == value)


def _meetings(series: dict[str, Any]) -> set[tuple[Any, ...]]:
    return {
        (change["recurrence_id"], change["cancelled"], change["start"], change["end"])
        for change in series["changes"]
    }


def _now(database: Database, folder: Path) -> dict[str, Any]:
    """The program as the database holds it now, as its file writes it."""
    path = folder / "now.json"
    export_program(database, path)
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def test_meetings_an_import_removes_are_in_the_history_and_come_back_by_revert(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    series = _series(program)
    meetings = _meetings(series)
    removed = {change["id"] for change in series["changes"]}
    series["changes"] = []

    report = _import(database, tmp_path, program)

    assert len(report.of("changed occurrence").removed) == len(removed)
    deletions = [entry for entry in history_of(database, series["id"]) if entry.deletion]
    assert {entry.record_id for entry in deletions} == removed
    for entry in deletions:
        revert_change(database, entry.change_id)
    assert _meetings(_by_name(_now(database, tmp_path)["events"], "id", series["id"])) == meetings


@pytest.mark.parametrize("key", ["days", "legs", "nights"])
def test_each_kind_a_tour_owns_is_deleted_with_a_history_entry_that_revert_undoes(
    database: Database, program: dict[str, Any], tmp_path: Path, key: str
) -> None:
    tour = program["study_tours"][0]
    assert tour[key], f"the demo's tour has {key}"
    gone = tour[key].pop()

    report = _import(database, tmp_path, program)

    assert report.removed == 1
    entries = [entry for entry in history_of(database, gone["id"]) if entry.deletion]
    assert len(entries) == 1
    revert_change(database, entries[0].change_id)
    with database.session() as session:
        held = session.get(StudyTour, tour["id"])
        assert held is not None
        assert gone["id"] in {item.id for item in getattr(held, key)}


def test_a_record_its_owner_lets_go_in_any_save_leaves_a_deletion(database: Database) -> None:
    """Not the importer alone: any save that takes a day out of a tour (the tour
    builder's) or a meeting out of a series deletes it with a history entry."""
    load_demo(database)
    with database.transaction() as session:
        tour = session.scalars(select(StudyTour)).first()
        assert tour is not None
        assert tour.days
        day = tour.days[-1]
        day_id = day.id
        tour.days.remove(day)
    entries = history_of(database, day_id)
    assert [entry.action for entry in entries][-1] == "deleted"
    revert_change(database, entries[-1].change_id)
    with database.session() as session:
        assert session.get(type(day), day_id) is not None


def test_two_themes_swapping_places_import(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    child = next(theme for theme in program["themes"] if theme["parent"] is not None)
    parent = _by_name(program["themes"], "id", child["parent"])
    above = parent["parent"]
    child["parent"], parent["parent"] = above, child["id"]

    report = _import(database, tmp_path, program)

    assert len(report.of("thematic area").updated) == 2
    with database.session() as session:
        assert session.get(ThematicArea, child["id"]).parent_id == above  # type: ignore[union-attr]
        assert session.get(ThematicArea, parent["id"]).parent_id == child["id"]  # type: ignore[union-attr]
    for theme in (child, parent):
        changes = [
            entry for entry in history_of(database, theme["id"]) if entry.action == "changed"
        ]
        assert len(changes) == 1
        assert [field.name for field in changes[0].fields] == ["parent_id"]


def test_a_session_and_its_conference_swapping_places_import_and_both_stay(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    session_record = next(event for event in program["events"] if event["parent"] is not None)
    conference = _by_name(program["events"], "id", session_record["parent"])
    above = conference["parent"]
    session_record["parent"], conference["parent"] = above, session_record["id"]

    _import(database, tmp_path, program)

    with database.session() as session:
        held = session.get(Event, conference["id"])
        assert held is not None
        assert held.parent_id == session_record["id"]
        moved = session.get(Event, session_record["id"])
        assert moved is not None
        assert moved.parent_id == above
        assert len(session.scalars(select(Event)).all()) == len(program["events"])


def test_themes_filed_in_a_loop_are_refused_in_one_line_naming_the_loop(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    child = next(theme for theme in program["themes"] if theme["parent"] is not None)
    parent = _by_name(program["themes"], "id", child["parent"])
    parent["parent"] = child["id"]

    with pytest.raises(ProgramFileError) as refused:
        _import(database, tmp_path, program)

    message = str(refused.value)
    assert "\n" not in message
    assert "Circular" not in message
    assert message == (
        f"changed.json: thematic area '{parent['name']}' (id {parent['id']}): parent: "
        f"Filing it under '{child['name']}' makes a loop: "
        f"'{parent['name']}' → '{child['name']}' → '{parent['name']}'."
    )
    with database.session() as session:
        assert session.get(ThematicArea, parent["id"]).parent_id is None  # type: ignore[union-attr]


def test_two_events_each_the_others_session_are_refused_in_one_line(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    first, second = [event for event in program["events"] if event["parent"] is None][:2]
    first["parent"], second["parent"] = second["id"], first["id"]

    with pytest.raises(ProgramFileError) as refused:
        _import(database, tmp_path, program)

    message = str(refused.value)
    assert "Circular" not in message
    assert "\n" not in message
    assert f"parent: Making it a session of '{second['title']}' makes a loop: " in message
    assert message.endswith(f"'{first['title']}' → '{second['title']}' → '{first['title']}'.")


def test_a_session_an_import_makes_an_event_of_its_own_is_kept(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    """It was deleted as an orphan of its conference, unseen."""
    session_record = next(event for event in program["events"] if event["parent"] is not None)
    session_record["parent"] = None

    report = _import(database, tmp_path, program)

    assert report.removed == 0
    with database.session() as session:
        kept = session.get(Event, session_record["id"])
        assert kept is not None
        assert kept.parent_id is None
        assert len(session.scalars(select(Event)).all()) == len(program["events"])


def test_an_event_a_removed_tour_day_leaves_on_no_day_is_reported_as_updated(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    """A coordinator's lunch filed under the tour's second day, which a colleague's file
    no longer holds: the day's removal takes the lunch off the tour, which the dry run
    and the import name, as the lunch's history records it."""
    from datetime import UTC, datetime, timedelta

    from cpp_scheduler.services import editing

    tour = program["study_tours"][0]
    day = tour["days"][1]
    noon = datetime.combine(datetime.fromisoformat(day["day"]), datetime.min.time(), UTC)
    lunch = editing.create(
        database,
        Event,
        {
            "title": "Lunch with the Yokohama mayor",
            "start_utc": noon + timedelta(hours=3),
            "end_utc": noon + timedelta(hours=4),
            "tour_day_id": day["id"],
        },
    )
    tour["days"].remove(day)
    for event in program["events"]:
        if event.get("tour_day") == day["id"]:
            event["tour_day"] = None
    path = tmp_path / "colleague.json"
    path.write_text(json.dumps(program), "utf-8")

    planned = import_program(database, path, dry_run=True)
    report = import_program(database, path)

    named = [name for name in report.of("event").updated if "Yokohama mayor" in name]
    assert named == [f"event 'Lunch with the Yokohama mayor' (id {lunch})"]
    assert list(planned.of("event").updated) == list(report.of("event").updated)
    assert list(report.of("tour day").removed) != []
    with database.session() as session:
        held = session.get(Event, lunch)
        assert held is not None
        assert held.tour_day_id is None


def test_a_record_deleted_here_that_the_file_brings_back_is_named(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    """The museum visit deleted in this database since the colleague's file was written
    comes back with it: the dry run and the import name it, not count it among the new."""
    from cpp_scheduler.services import removal
    from cpp_scheduler.services.saved_words import program_imported

    museum = next(e for e in program["events"] if "Environment Museum" in e["title"])
    with database.session() as session:
        held = session.get(Event, museum["id"])
        assert held is not None
        version = held.version
    removal.delete(database, Event, museum["id"], version)
    path = tmp_path / "colleague.json"
    path.write_text(json.dumps(program), "utf-8")

    said = program_imported(import_program(database, path, dry_run=True), database.name)

    [again] = [line for line in said if line.startswith("  created again")]
    assert again.startswith(
        "  created again, deleted in this database before: event 'Site visit: Kitakyushu"
    )
    assert again.endswith(f"(id {museum['id']})")
    assert not any(line.startswith("  created:") for line in said)  # named, not counted
    assert said[0].startswith(f"Would import {path} into ")
    assert ": 1 created, 0 updated, 0 removed" in said[0]
