"""The program file read with column queries is the very value the records give one by
one (``encode_record`` over loaded entities): the same file, only faster to make."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from cpp_scheduler.programfile.exporter import encode_record, program_document, select_all
from cpp_scheduler.programfile.layout import FORMAT, SECTIONS, VERSION
from cpp_scheduler.store import open_database


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
