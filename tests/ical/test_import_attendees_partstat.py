"""Attendees of an imported calendar file: who takes part, and who or what does not.

Apple Calendar, Outlook and Google list every invitee as an ATTENDEE, with their answer
(PARTSTAT) and what they are (CUTYPE): someone who declined does not take part, and a
room booked for the meeting is a place, not a participant. The demo program knows Ana
Lucía Mendoza and Aya Morita, and its venue TDLC Meeting Room A.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import calendar_import
from cpp_scheduler.services.calendar_import import ImportReport
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

APPLE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//macOS 14.4//EN
CALSCALE:GREGORIAN
BEGIN:VEVENT
DTEND;TZID=America/Lima:20270304T110000
UID:8F1C2B7A-1234-4ABC-9DEF-0123456789AB
DTSTAMP:20270201T120000Z
LOCATION:Arequipa City Hall
SEQUENCE:0
SUMMARY:Arequipa planning call
DTSTART;TZID=America/Lima:20270304T100000
ORGANIZER;CN="Carmen Rosa Huamán":mailto:Carmen.Huaman@Example.org
ATTENDEE;CN="Ana Lucía Mendoza";CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED:mailto:ANA.MENDOZA@EXAMPLE.ORG
ATTENDEE;CN="Aya Morita";PARTSTAT=DECLINED:mailto:aya.morita@example.org
ATTENDEE;CUTYPE=ROOM;CN="TDLC Meeting Room A":mailto:room-a@tdlc.example.org
END:VEVENT
END:VCALENDAR
"""


def _imported(database: Database, tmp_path: Path, text: str, *, dry_run: bool) -> ImportReport:
    path = tmp_path / "apple.ics"
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return calendar_import.import_calendar(
        database, path, dry_run=dry_run, default_zone="America/Lima"
    )


def _linked(database: Database) -> list[str]:
    with database.session() as session:
        event = session.scalars(
            select(Event).where(Event.uid == "8F1C2B7A-1234-4ABC-9DEF-0123456789AB")
        ).one()
        return sorted(person.name for person in event.participants)


def _demo_email(database: Database, name: str) -> str:
    with database.session() as session:
        return session.scalars(select(Participant.email).where(Participant.name == name)).one()


def _with_demo_addresses(database: Database, text: str) -> str:
    """The file with the demo's own addresses of Ana Lucía Mendoza and Aya Morita."""
    ana = _demo_email(database, "Ana Lucía Mendoza Rivera")
    aya = _demo_email(database, "Aya Morita")
    return text.replace("ANA.MENDOZA@EXAMPLE.ORG", ana.upper()).replace(
        "aya.morita@example.org", aya
    )


def test_someone_who_declined_is_not_linked_and_the_preview_says_so(
    sqlite_database: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_database)
    text = _with_demo_addresses(sqlite_database, APPLE)

    dry_run = _imported(sqlite_database, tmp_path, text, dry_run=True)
    assert dry_run.lines()[:3] == [
        "create  Arequipa planning call (Thu 04 Mar 2027 10:00 America/Lima)",
        "        line 5: 'Aya Morita' declined (PARTSTAT=DECLINED): not linked as a participant",
        "        line 5: 'TDLC Meeting Room A' is a room or a resource (CUTYPE=ROOM), not a "
        "participant: not linked",
    ]
    rows = calendar_import.plan_rows(dry_run)
    assert [(row.kind.value, row.text) for row in rows[1:3]] == [
        ("left out", dry_run.lines()[1].strip()),
        ("left out", dry_run.lines()[2].strip()),
    ]

    _imported(sqlite_database, tmp_path, text, dry_run=False)
    assert _linked(sqlite_database) == ["Ana Lucía Mendoza Rivera"]


def test_a_room_booked_with_no_place_given_names_the_venue(
    sqlite_database: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_database)
    text = _with_demo_addresses(sqlite_database, APPLE).replace("LOCATION:Arequipa City Hall\n", "")
    _imported(sqlite_database, tmp_path, text, dry_run=False)
    with sqlite_database.session() as session:
        event = session.scalars(
            select(Event).where(Event.uid == "8F1C2B7A-1234-4ABC-9DEF-0123456789AB")
        ).one()
        assert event.venue is not None
        assert event.venue.name == "TDLC Meeting Room A"
        assert sorted(person.name for person in event.participants) == ["Ana Lucía Mendoza Rivera"]
