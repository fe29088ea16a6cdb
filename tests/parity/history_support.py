"""A program whose history holds what a coordinator reads in words rather than as it is
stored: an event's kind, mode and status changed, its venue moved to a hall deleted
since and on, a participant moved to another delegation, a Golden Week closure (all
day) moved by a day, and two meetings of a weekly series changed, each raising the
series' calendar sequence by itself."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Participant,
    Venue,
)
from cpp_scheduler.services import editing, removal, series
from cpp_scheduler.store import Database

#: Tuesday 12 January 2027, 10:00 in Tokyo.
START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Story:
    """The records whose histories the tests read, by id."""

    event: str
    """Peer exchange with Yokohama: workshop to videoconference, face-to-face to
    hybrid, TDLC Meeting Room A to a temporary hall to Meeting Room B, tentative to
    cancelled."""
    participant: str
    """Rosa Quispe, moved from Lima's delegation to Nairobi's."""
    closure: str
    """Golden Week, TDLC closed: 29 April to 5 May 2027, moved to 30 April to 6 May."""
    series: str
    """Weekly DRR call: its second meeting cancelled, its third moved by three hours."""


def _venue(database: Database, name: str) -> str:
    with database.session() as session:
        found = session.scalars(select(Venue.id).where(Venue.name == name)).first()
        assert found is not None
        return found


def tell(database: Database) -> Story:
    """Make the program and its history, as Aiko Tanaka."""
    database.author = "Aiko Tanaka"
    room_a, room_b = (
        _venue(database, "TDLC Meeting Room A"),
        _venue(database, "TDLC Meeting Room B"),
    )
    hall = editing.create(
        database, Venue, {"name": "Temporary hall", "name_ja": "仮設ホール", "locality": "Tokyo"}
    )
    event = editing.create(
        database,
        Event,
        {
            "title": "Peer exchange with Yokohama",
            "kind": EventKind.WORKSHOP,
            "mode": EventMode.FACE_TO_FACE,
            "status": EventStatus.TENTATIVE,
            "venue_id": room_a,
            "start_utc": START,
            "end_utc": START + timedelta(hours=2),
            "zone": "Asia/Tokyo",
        },
    )
    version = 1
    for values in (
        {
            "kind": EventKind.VIDEOCONFERENCE,
            "mode": EventMode.HYBRID,
            "video_link": "https://meet.example.org/yokohama",
        },
        {"venue_id": hall},
        {"venue_id": room_b},
        {"status": EventStatus.CANCELLED},
    ):
        version = int(editing.change(database, Event, event, values, version).version or 0)
    removal.delete(database, Venue, hall)

    lima = editing.create(
        database,
        Delegation,
        {"name": "Lima housing ministry", "country": "PE", "zone": "America/Lima"},
    )
    nairobi = editing.create(
        database,
        Delegation,
        {"name": "Nairobi City County", "country": "KE", "zone": "Africa/Nairobi"},
    )
    participant = editing.create(
        database,
        Participant,
        {"name": "Rosa Quispe", "email": "rosa.quispe@example.org", "delegation_id": lima},
    )
    editing.change(database, Participant, participant, {"delegation_id": nairobi}, 1)

    first, last = timezones.local_days(date(2027, 4, 29), date(2027, 5, 5), "Asia/Tokyo")
    closure = editing.create(
        database,
        Event,
        {
            "title": "Golden Week: TDLC closed",
            "all_day": True,
            "start_utc": first,
            "end_utc": last,
            "zone": "Asia/Tokyo",
        },
    )
    first, last = timezones.local_days(date(2027, 4, 30), date(2027, 5, 6), "Asia/Tokyo")
    editing.change(database, Event, closure, {"start_utc": first, "end_utc": last}, 1)

    return Story(event, participant, closure, weekly_call(database))


def weekly_call(database: Database) -> str:
    """A weekly series of four from ``START``, its second meeting cancelled and its third
    moved three hours later: the id of the series."""
    weekly = editing.create(
        database,
        Event,
        {
            "title": "Weekly DRR call",
            "start_utc": START,
            "end_utc": START + timedelta(hours=1),
            "zone": "Asia/Tokyo",
            "recurrence_rule": "FREQ=WEEKLY;COUNT=4",
        },
    )
    edit = series.cancel_meeting(database, weekly, START + timedelta(weeks=1), 1)
    moved = START + timedelta(weeks=2, hours=3)
    series.move_meeting(
        database,
        weekly,
        START + timedelta(weeks=2),
        moved,
        moved + timedelta(hours=1),
        edit.version,
    )
    return weekly


def command(capsys: pytest.CaptureFixture[str], database: Database, record: str, *more: str) -> str:
    """What ``cpp-scheduler history RECORD`` prints."""
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    assert main(["history", record, "--db", url, *more]) == 0
    return capsys.readouterr().out


def command_json(
    capsys: pytest.CaptureFixture[str], database: Database, record: str, *more: str
) -> Any:
    """What ``cpp-scheduler history RECORD --json`` prints, read."""
    return json.loads(command(capsys, database, record, "--json", *more))


def field_lines(printed: str) -> list[list[str]]:
    """The field lines of each change the command prints, oldest first."""
    changes: list[list[str]] = []
    for line in printed.splitlines():
        if line.startswith("    "):
            changes[-1].append(line.strip())
        else:
            changes.append([])
    return changes
