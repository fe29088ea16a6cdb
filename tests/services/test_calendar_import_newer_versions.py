"""What a newer version of an event (a higher SEQUENCE) changes, said before it is
imported and done as said: the preview names the new time beside the old, the title,
the place, a meeting held longer, and who is linked, taken off (they declined) or kept
(not listed by the version). Each test imports real files into a real database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import calendar_import, editing
from cpp_scheduler.services.calendar_import import PlanRowKind
from cpp_scheduler.store import Database

UID = "ny-briefing@partner.example.org"
PEOPLE = {
    "achieng": "Achieng Mwangi",
    "otieno": "Otieno Odhiambo",
    "sita": "Sita Shrestha",
    "yuki": "Yuki Matsumoto",
    "nikola": "Nikola Petrovski",
}


def _email(key: str) -> str:
    return f"{key}@partner.example.org"


def _attendee(key: str, answer: str = "NEEDS-ACTION") -> str:
    return f"ATTENDEE;CN={PEOPLE[key]};PARTSTAT={answer}:mailto:{_email(key)}"


def version(
    sequence: int,
    attendees: list[str],
    *,
    title: str = "Partner briefing",
    start: str = "20270301T190000",
    end: str = "20270301T200000",
    rule: str = "",
) -> str:
    """The partner's briefing as their calendar writes it."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Partner//Calendar//EN",
        "BEGIN:VEVENT",
        f"UID:{UID}",
        f"SEQUENCE:{sequence}",
        "DTSTAMP:20261201T000000Z",
        f"SUMMARY:{title}",
        f"DTSTART;TZID=America/New_York:{start}",
        f"DTEND;TZID=America/New_York:{end}",
        *([f"RRULE:{rule}"] if rule else []),
        *attendees,
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines)


def imported(database: Database, tmp_path: Path, name: str, text: str) -> list[str]:
    """The dry run's lines for the file, then the file imported: what the preview said."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    said = calendar_import.import_calendar(database, path, dry_run=True).lines()
    preview = calendar_import.preview_import(database, path)
    rows = [row.text for row in preview.rows if row.kind is PlanRowKind.UPDATE]
    assert rows[1:] == [line.strip() for line in said[1 : len(rows)]]  # the window's rows
    calendar_import.import_calendar(database, path)
    return said


def linked(database: Database) -> list[str]:
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == UID)).one()
        return sorted(person.name for person in event.participants)


def test_a_newer_version_links_takes_off_the_declined_and_keeps_the_unlisted_as_it_says(
    sqlite_database: Database, tmp_path: Path
) -> None:
    for key, name in PEOPLE.items():
        editing.create(sqlite_database, Participant, {"name": name, "email": _email(key)})
    first = [_attendee(key) for key in ("achieng", "otieno", "sita", "yuki")]
    imported(sqlite_database, tmp_path, "v0.ics", version(0, first))
    newer = [_attendee("achieng"), _attendee("otieno"), _attendee("yuki", "DECLINED")]
    newer.append(_attendee("nikola"))

    said = imported(sqlite_database, tmp_path, "v1.ics", version(1, newer))

    assert said[:4] == [
        "update  Partner briefing (Mon 01 Mar 2027 19:00 America/New_York): version 1 replaces 0",
        "        links 'Nikola Petrovski' as a participant",
        "        takes off 'Yuki Matsumoto', who declined",
        "        keeps 'Sita Shrestha', whom this version does not list",
    ]
    assert linked(sqlite_database) == [
        "Achieng Mwangi",
        "Nikola Petrovski",
        "Otieno Odhiambo",
        "Sita Shrestha",
    ]


def test_a_newer_version_says_the_old_time_beside_the_new_and_what_else_changes(
    sqlite_database: Database, tmp_path: Path
) -> None:
    imported(sqlite_database, tmp_path, "v0.ics", version(0, []))

    said = imported(
        sqlite_database,
        tmp_path,
        "v1.ics",
        version(
            1, [], title="Partner briefing (moved)", start="20270302T083000", end="20270302T100000"
        ),
    )

    assert said[1:3] == [
        "        the time changes from Mon 01 Mar 2027 19:00-20:00 America/New_York to "
        "Tue 02 Mar 2027 08:30-10:00 America/New_York",
        "        the title changes from 'Partner briefing' to 'Partner briefing (moved)'",
    ]


def test_a_series_held_longer_says_each_meetings_new_end_not_a_move_to_its_own_start(
    sqlite_database: Database, tmp_path: Path
) -> None:
    weekly = "FREQ=WEEKLY;COUNT=2"
    imported(sqlite_database, tmp_path, "v0.ics", version(0, [], rule=weekly))

    said = imported(
        sqlite_database, tmp_path, "v1.ics", version(1, [], rule=weekly, end="20270301T203000")
    )

    assert said[1:3] == [
        "        the session of Tue 02 Mar 2027 00:00 UTC: ends at Tue 02 Mar 2027 01:30 UTC "
        "instead of Tue 02 Mar 2027 01:00 UTC",
        "        the session of Tue 09 Mar 2027 00:00 UTC: ends at Tue 09 Mar 2027 01:30 UTC "
        "instead of Tue 09 Mar 2027 01:00 UTC",
    ]


def _weekly_with_a_site_visit(meeting_sequence: int, place: str) -> str:
    """Google's weekly workshop whose 14 April meeting, at its own time, has its own
    title and place."""
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
            "BEGIN:VEVENT",
            "DTSTART;TZID=Asia/Tokyo:20270407T100000",
            "DTEND;TZID=Asia/Tokyo:20270407T120000",
            "RRULE:FREQ=WEEKLY;COUNT=4",
            "DTSTAMP:20261201T000000Z",
            "UID:weekly@google.com",
            "SEQUENCE:0",
            "SUMMARY:Kobe DRR weekly workshop",
            "LOCATION:TDLC Meeting Room A",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART;TZID=Asia/Tokyo:20270414T100000",
            "DTEND;TZID=Asia/Tokyo:20270414T120000",
            "RECURRENCE-ID;TZID=Asia/Tokyo:20270414T100000",
            "DTSTAMP:20261201T000000Z",
            "UID:weekly@google.com",
            f"SEQUENCE:{meeting_sequence}",
            "SUMMARY:Site visit at Kobe City Hall",
            f"LOCATION:{place}",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )


def test_a_sessions_own_title_and_place_are_said_to_be_left_not_dropped_without_a_word(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """A session of a series holds its time alone here: the 14 April site visit's own
    title and place are listed as not kept, and a version numbered higher that changes
    only its place is not said to be already here."""
    said = imported(
        sqlite_database, tmp_path, "v1.ics", _weekly_with_a_site_visit(1, "Kobe City Hall")
    )
    assert said[1:3] == [
        "        line 14: the session of Wed 14 Apr 2027 10:00 has a title of its own, "
        "'Site visit at Kobe City Hall', which the program does not keep: its sessions "
        "take the series' title",
        "        line 14: the session of Wed 14 Apr 2027 10:00 has a place of its own, "
        "'Kobe City Hall', which the program does not keep: its sessions are held at the "
        "series' place",
    ]

    again = imported(
        sqlite_database, tmp_path, "v2.ics", _weekly_with_a_site_visit(2, "Kobe Port Tower")
    )

    assert again[0] == (
        "same    Kobe DRR weekly workshop (Wed 07 Apr 2027 10:00 Asia/Tokyo): version 2 "
        "changes nothing the program keeps (it holds version 1)"
    )
    assert "'Kobe Port Tower', which the program does not keep" in again[2]
