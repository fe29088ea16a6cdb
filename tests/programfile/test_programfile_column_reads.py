"""The program file read with column queries is the very value the records give one by
one (``encode_record`` over loaded entities), and its text is the json module's text of
that value: the same file, only faster to make."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from cpp_scheduler.model import (
    Delegation,
    Event,
    OccurrenceOverride,
    Participant,
    ThematicArea,
    Venue,
)
from cpp_scheduler.programfile import export_program
from cpp_scheduler.programfile.exporter import encode_record, program_document, select_all
from cpp_scheduler.programfile.layout import FORMAT, SECTIONS, VERSION
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database, open_database


def _record_by_record(session: Session) -> dict[str, Any]:
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for kind in SECTIONS:
        records = [encode_record(kind, record) for record in session.scalars(select_all(kind))]
        document[kind.section] = sorted(records, key=kind.sort_key)
    return document


def test_the_demo_program_reads_the_same_by_columns_as_record_by_record(
    demo_sqlite_path: Path,
) -> None:
    database = open_database(demo_sqlite_path)
    try:
        with database.reading() as session:
            by_columns = program_document(session)
        with database.reading() as session:
            by_records = _record_by_record(session)
    finally:
        database.close()
    assert by_columns == by_records
    assert all(by_columns[kind.section] for kind in SECTIONS)  # every kind is in the demo
    assert any(event["changes"] for event in by_columns["events"])
    assert any(tour["legs"] for tour in by_columns["study_tours"])


_AWKWARD_TEXTS = (
    "",
    "Plain title",
    'Quotes " and \\ backslashes',
    "Per cent %s %(key)s %%",
    "Line\nbreak\tand tab",
    "神戸市役所 · Kōbe",
    "Emoji 🏯 beyond the basic plane",
    "Separators \u2028 \u2029 and a bell \u0007",
    "    leading spaces",
)


def _add_awkward_records(database: Database, seed: int) -> None:
    """Records whose values the file writes in every way it can: escaped and non-Latin
    texts, absent values, negative zero, links to none, one or several records, changed
    occurrences of a series."""
    chooser = random.Random(seed)
    with database.transaction() as session:
        themes = list(session.scalars(select(ThematicArea)))
        delegations = list(session.scalars(select(Delegation)))
        people = list(session.scalars(select(Participant)))
        venues = []
        for number, latitude in enumerate((None, -0.0, 0.0, 35.6895, 1e-7, -12.5)):
            venue = Venue(
                name=f"{chooser.choice(_AWKWARD_TEXTS)} room {number}",
                locality=chooser.choice(("Tokyo", "Kobe", "神戸")),
                address=chooser.choice(_AWKWARD_TEXTS),
                latitude=latitude,
                longitude=None if latitude is None else 139.7,
                capacity=1 + number,
                notes=chooser.choice(_AWKWARD_TEXTS),
            )
            session.add(venue)
            venues.append(venue)
        first = datetime(2027, 3, 1, 0, 0, tzinfo=UTC)
        for number in range(60):
            start = first + timedelta(
                hours=chooser.randrange(0, 24 * 90), minutes=15 * (number % 4)
            )
            event = Event(
                title=f"{chooser.choice(_AWKWARD_TEXTS)} {number}".strip(),
                description=chooser.choice(_AWKWARD_TEXTS),
                notes=chooser.choice(_AWKWARD_TEXTS),
                start_utc=start,
                end_utc=start + timedelta(minutes=chooser.choice((30, 90, 24 * 60))),
                venue=chooser.choice([None, *venues]),
                themes=chooser.sample(themes, chooser.randrange(0, 4)),
                delegations=chooser.sample(delegations, chooser.randrange(0, 3)),
                participants=chooser.sample(people, chooser.randrange(0, 6)),
            )
            if number % 10 == 0:
                event.recurrence_rule = "FREQ=WEEKLY;COUNT=4"
                moved = start + timedelta(weeks=1)
                event.changes = [
                    OccurrenceOverride(recurrence_id=start + timedelta(weeks=2), cancelled=True),
                    OccurrenceOverride(
                        recurrence_id=moved,
                        start_utc=moved + timedelta(hours=1),
                        end_utc=moved + timedelta(hours=2),
                    ),
                ]
            session.add(event)


def test_the_file_is_the_json_module_s_text_of_the_records_read_one_by_one(
    database: Database, tmp_path: Path
) -> None:
    load_demo(database)
    _add_awkward_records(database, seed=12)
    path = tmp_path / "program.json"
    summary = export_program(database, path)
    with database.reading() as session:
        by_records = _record_by_record(session)
    expected = json.dumps(by_records, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert path.read_bytes() == expected.encode("utf-8")
    assert summary.counts == {kind.section: len(by_records[kind.section]) for kind in SECTIONS}


def test_instants_stored_in_other_forms_are_written_as_the_records_give_them(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """SQLite's instants are written from their stored text; a text another program
    stored in another form (a T, an offset, no seconds) is read as SQLAlchemy reads it."""
    load_demo(sqlite_database)
    _add_awkward_records(sqlite_database, seed=3)
    forms = ("2027-03-01T09:00:00", "2027-03-01 18:30:00+09:00", "2027-03-02 07:15")
    with sqlite_database.transaction() as session:
        ids = list(session.scalars(select(Event.id).order_by(Event.id).limit(len(forms))))
        for event_id, stored in zip(ids, forms, strict=True):
            session.execute(
                text(
                    "UPDATE events SET start_utc = :stored, end_utc = '2027-12-31 00:00:00.000000'"
                    " WHERE id = :id"
                ),
                {"stored": stored, "id": event_id},
            )
    path = tmp_path / "program.json"
    export_program(sqlite_database, path)
    with sqlite_database.reading() as session:
        by_records = _record_by_record(session)
    expected = json.dumps(by_records, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert path.read_bytes() == expected.encode("utf-8")
    starts = {event["id"]: event["start"] for event in json.loads(expected)["events"]}
    assert [starts[event_id] for event_id in ids] == [
        "2027-03-01T09:00:00Z",
        "2027-03-01T09:30:00Z",
        "2027-03-02T07:15:00Z",
    ]
