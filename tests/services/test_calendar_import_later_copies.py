"""A colleague's copy of an event at the SEQUENCE the program holds, told apart by DTSTAMP.

A title, a place or a description changes without raising SEQUENCE, so a colleague's
renamed or re-roomed copy comes at the number the program holds. RFC 5546 section 2.1.5:
of two copies of one SEQUENCE, the one with the later DTSTAMP is the newer version. A
copy written after the program's copy was last saved brings its title, place and
description, and the preview lists each; one written before it, or at the same second,
is already here, and the coordinator's own changes stay. Each test imports real files
into a real database and reads what the preview (the window's rows and the dry run)
says and what the program holds after the import.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_import
from cpp_scheduler.services.calendar_import import ImportAction, PlanRowKind
from cpp_scheduler.store import Database

UID = "kobe-drr@kobe.example.jp"


def copy(
    stamp: datetime,
    *,
    title: str = "Kobe DRR workshop",
    location: str = "TDLC Meeting Room A",
    description: str = "Agenda: hazard maps",
    start: str = "20270309T100000",
    end: str = "20270309T120000",
) -> str:
    """Kobe's workshop as a colleague's calendar writes it, at SEQUENCE 2."""
    return f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Kobe City//Planner 4.1//EN
BEGIN:VEVENT
UID:{UID}
SEQUENCE:2
DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}
SUMMARY:{title}
LOCATION:{location}
DESCRIPTION:{description}
DTSTART;TZID=Asia/Tokyo:{start}
DTEND;TZID=Asia/Tokyo:{end}
END:VEVENT
END:VCALENDAR
"""


def written(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def held(database: Database) -> Event:
    """The program's copy of the workshop, with its venue read."""
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == UID)).one()
        _ = event.venue
        session.expunge_all()
        return event


@pytest.fixture
def saved_at(sqlite_database: Database, tmp_path: Path) -> datetime:
    """The workshop imported at SEQUENCE 2 from a file written a day before; when the
    program's copy was saved."""
    first = copy(datetime(2026, 1, 1))
    calendar_import.import_calendar(sqlite_database, written(tmp_path, "first.ics", first))
    return held(sqlite_database).updated_at


def test_a_later_copy_brings_its_title_place_and_description_and_the_preview_lists_them(
    sqlite_database: Database, tmp_path: Path, saved_at: datetime
) -> None:
    """Written a second after the program's copy was saved: the colleague's new title,
    room and agenda are a newer version; the window's preview and the dry run list each
    change under the update, and the import takes them."""
    later = written(
        tmp_path,
        "colleague.ics",
        copy(
            saved_at + timedelta(seconds=1),
            title="Kobe DRR workshop: evacuation drills",
            location="TDLC Meeting Room B",
            description="Agenda: hazard maps and evacuation drills",
        ),
    )

    preview = calendar_import.preview_import(sqlite_database, later)
    dry_run = calendar_import.import_calendar(sqlite_database, later, dry_run=True)

    changes = [
        "the title changes from 'Kobe DRR workshop' to 'Kobe DRR workshop: evacuation drills'",
        "the place changes from 'TDLC Meeting Room A' to 'TDLC Meeting Room B'",
        "the description changes",
    ]
    assert [(row.kind, row.text) for row in preview.rows] == [
        (
            PlanRowKind.UPDATE,
            "Tue 09 Mar 2027 10:00 Asia/Tokyo: "
            "version 2 brings changes the program's version 2 does not hold",
        ),
        *((PlanRowKind.UPDATE, change) for change in changes),
    ]
    assert preview.counts[ImportAction.UPDATE] == 1
    assert dry_run.lines()[:4] == [
        "update  Kobe DRR workshop: evacuation drills (Tue 09 Mar 2027 10:00 Asia/Tokyo): "
        "version 2 brings changes the program's version 2 does not hold",
        *(f"        {change}" for change in changes),
    ]

    report = calendar_import.import_calendar(sqlite_database, later)

    assert report.count(ImportAction.UPDATE) == 1
    event = held(sqlite_database)
    assert event.title == "Kobe DRR workshop: evacuation drills"
    assert event.venue is not None
    assert event.venue.name == "TDLC Meeting Room B"
    assert event.description == "Agenda: hazard maps and evacuation drills"


@pytest.mark.parametrize(
    ("written_before", "name"),
    [(timedelta(hours=1), "an-hour-before"), (timedelta(), "the-same-second")],
)
def test_a_copy_written_before_the_programs_is_already_here_and_a_later_one_is_not(
    sqlite_database: Database,
    tmp_path: Path,
    saved_at: datetime,
    written_before: timedelta,
    name: str,
) -> None:
    """The colleague's renamed copy, written before the program's copy was saved (or at
    that very second), is an older version: already here, the program's title and room
    stay. The same changes written a second later are taken."""
    changed = {"title": "Kobe DRR workshop (draft)", "location": "TDLC Meeting Room B"}
    earlier = written(tmp_path, f"{name}.ics", copy(saved_at - written_before, **changed))

    preview = calendar_import.preview_import(sqlite_database, earlier)
    report = calendar_import.import_calendar(sqlite_database, earlier)

    assert [(row.kind, row.text) for row in preview.rows] == [
        (PlanRowKind.UNCHANGED, "Tue 09 Mar 2027 10:00 Asia/Tokyo: version 2 is already here")
    ]
    assert report.lines()[0] == (
        "same    Kobe DRR workshop (draft) (Tue 09 Mar 2027 10:00 Asia/Tokyo): "
        "version 2 is already here"
    )
    event = held(sqlite_database)
    assert (event.title, event.venue.name if event.venue else None) == (
        "Kobe DRR workshop",
        "TDLC Meeting Room A",
    )

    later = written(tmp_path, "later.ics", copy(event.updated_at + timedelta(seconds=1), **changed))
    assert calendar_import.import_calendar(sqlite_database, later).count(ImportAction.UPDATE) == 1
    event = held(sqlite_database)
    assert (event.title, event.venue.name if event.venue else None) == (
        "Kobe DRR workshop (draft)",
        "TDLC Meeting Room B",
    )


def test_an_earlier_copy_that_moves_the_workshop_leaves_the_programs_title(
    sqlite_database: Database, tmp_path: Path, saved_at: datetime
) -> None:
    """At the same SEQUENCE another time is still taken (a meeting moved by a part
    numbered on its own); the title of a copy written before the program's was saved is
    not: the coordinator's title stays, and the preview lists no change of it."""
    earlier = written(
        tmp_path,
        "moved.ics",
        copy(
            saved_at - timedelta(hours=1),
            title="Kobe DRR workshop (old title)",
            start="20270309T140000",
            end="20270309T160000",
        ),
    )

    report = calendar_import.import_calendar(sqlite_database, earlier)

    assert report.count(ImportAction.UPDATE) == 1
    assert not any("the title changes" in line for line in report.lines())
    event = held(sqlite_database)
    assert event.title == "Kobe DRR workshop"
    assert event.start_utc == datetime.fromisoformat("2027-03-09T05:00:00+00:00")
