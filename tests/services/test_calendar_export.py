"""The per-participant batch: one file each, progress reported, stoppable."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from cpp_scheduler.ical.export import ExportOptions, Method, Organizer
from cpp_scheduler.model import Participant
from cpp_scheduler.services import calendar_export
from cpp_scheduler.store import Database
from tests.ical.program import Program, build_program


@pytest.fixture
def program(database: Database) -> Program:
    with database.transaction() as session:
        program = build_program(session)
        session.add(Participant(name="Nobody Scheduled", email="idle@example.org"))
        return program


def test_each_participant_gets_a_file_with_their_own_events(
    program: Program, database: Database, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    result = calendar_export.export_each_participant(
        database, tmp_path, progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(n, 8) for n in range(1, 9)]
    assert result.without_events == ["idle@example.org"]
    assert result.participants == 7
    assert not result.cancelled
    maya = icalendar.Calendar.from_ical((tmp_path / f"{program.maya.email}.ics").read_bytes())
    assert {str(e["UID"]) for e in maya.walk("VEVENT")} == {
        program.workshop.uid,
        program.series.uid,
    }
    assert str(maya["X-WR-CALNAME"]) == "Maya Shrestha: CPP program"


def test_the_batch_stops_when_asked(program: Program, database: Database, tmp_path: Path) -> None:
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 2:
            stop.set()

    result = calendar_export.export_each_participant(
        database, tmp_path, progress=progress, cancelled=stop.is_set
    )
    assert result.cancelled
    assert len(list(tmp_path.glob("*.ics"))) == 2


def test_file_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    assert calendar_export.safe_file_name("ana.quispe@vivienda.gob.pe", taken) == (
        "ana.quispe@vivienda.gob.pe.ics"
    )
    assert calendar_export.safe_file_name("Ana.Quispe@vivienda.gob.pe", taken) == (
        "Ana.Quispe@vivienda.gob.pe-2.ics"
    )
    assert re.fullmatch(
        r"etc_passwd-[0-9a-f]{8}\.ics", calendar_export.safe_file_name("../../etc/passwd", taken)
    )
    assert calendar_export.safe_file_name("con@x.org", taken) == "_con@x.org.ics"
    assert calendar_export.safe_file_name("prn.office@x.org", taken) == "_prn.office@x.org.ics"
    first = calendar_export.safe_file_name("田中@例え.jp", taken)
    second = calendar_export.safe_file_name("山田@例え.jp", taken)
    assert re.fullmatch(r"jp-[0-9a-f]{8}\.ics", first)
    assert first != second


STAMP = datetime(2027, 1, 5, 9, 30, tzinfo=UTC)
OPTION_SETS = {
    "publish": ExportOptions(stamp=STAMP),
    "feed with reminder": ExportOptions(
        stamp=STAMP, reminder=timedelta(minutes=15), refresh_interval=timedelta(hours=6)
    ),
    "request": ExportOptions(
        method=Method.REQUEST, stamp=STAMP, organizer=Organizer("TDLC", "cpp@tdlc.example")
    ),
}


@pytest.mark.parametrize("with_attendees", [False, True], ids=["own", "all attendees"])
@pytest.mark.parametrize("options", OPTION_SETS.values(), ids=list(OPTION_SETS))
def test_each_participants_file_is_byte_for_byte_the_one_written_alone(
    program: Program,
    database: Database,
    tmp_path: Path,
    options: ExportOptions,
    with_attendees: bool,
) -> None:
    with database.transaction() as session:  # a name long enough to fold, with escapes
        session.add(
            Participant(
                name="María José Quispe Huamán; 神戸市 国際部, " + "Dirección Nacional " * 4,
                email="maria@vivienda.gob.pe",
                delegation_id=program.maya.delegation_id,
            )
        )
    batch = tmp_path / "batch"
    result = calendar_export.export_each_participant(
        database, batch, options, with_attendees=with_attendees
    )
    assert result.participants == 8
    with database.session() as session:
        emails = session.scalars(select(Participant.email)).all()
    alone = tmp_path / "alone"
    alone.mkdir()  # a file written alone goes in a folder that is there
    compared = 0
    for email in emails:
        files = calendar_export.export_calendar(
            database,
            calendar_export.ParticipantScope(email),
            alone / f"{email}.ics",
            options,
            with_attendees=with_attendees,
        )
        for written in files:
            if email == "idle@example.org":
                continue
            assert (batch / written.name).read_bytes() == written.read_bytes(), written.name
            compared += 1
    assert compared >= 8
    assert sorted(p.name for p in batch.iterdir()) == sorted(
        p.name for p in alone.iterdir() if not p.name.startswith("idle@")
    )
