"""A large calendar file: read event by event, written in bulk, with progress.

What a coordinator notices: the bar moves forward and ends full; the program holds the
events the file holds, as icalendar reads the whole file; one bad event deep in the file
refuses it and leaves nothing behind; the import is one history group and one undo.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import icalendar
import pytest
from sqlalchemy import func, select

from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Event, OccurrenceOverride, Participant
from cpp_scheduler.model.history import Change
from cpp_scheduler.services import calendar_import
from cpp_scheduler.store import Database

FIRST = datetime(2027, 1, 4, 0, 0, tzinfo=UTC)
EVENTS = 1_200
TOKYO = [
    "BEGIN:VTIMEZONE",
    "TZID:Tokyo Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0900",
    "TZOFFSETTO:+0900",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def _event(number: int, extra: tuple[str, ...] = ()) -> list[str]:
    start = FIRST + timedelta(minutes=47 * number)
    lines = [
        "BEGIN:VEVENT",
        f"UID:large-{number}@example.org",
        "DTSTAMP:20270101T000000Z",
        "SEQUENCE:2",
        # A title folded mid-word onto a second line (RFC 5545 3.1).
        f"SUMMARY:Working session {number} on Kōbe's wa",
        " terfront renewal",
        f"ORGANIZER;CN=Host {number % 7}:mailto:host{number % 7}@example.org",
    ]
    if number % 2:
        local = start + timedelta(hours=9)
        lines += [
            f"DTSTART;TZID=Tokyo Standard Time:{local:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Tokyo Standard Time:{local + timedelta(hours=1):%Y%m%dT%H%M%S}",
        ]
    else:
        lines += [
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{start + timedelta(minutes=90):%Y%m%dT%H%M%SZ}",
        ]
    if number % 10 == 0:
        lines.append("RRULE:FREQ=WEEKLY;COUNT=4")
    return [*lines, *extra, "END:VEVENT"]


def _moved(number: int) -> list[str]:
    """The second meeting of series ``number``, moved an hour later (sent before it)."""
    second = FIRST + timedelta(minutes=47 * number, weeks=1)
    return [
        "BEGIN:VEVENT",
        f"UID:large-{number}@example.org",
        "DTSTAMP:20270101T000000Z",
        "SEQUENCE:2",
        f"RECURRENCE-ID:{second:%Y%m%dT%H%M%SZ}",
        f"DTSTART:{second + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
        f"DTEND:{second + timedelta(hours=2, minutes=30):%Y%m%dT%H%M%SZ}",
        "SUMMARY:Moved",
        "END:VEVENT",
    ]


def _calendar(count: int, bad: dict[int, tuple[str, ...]] | None = None) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Partner city//EN"]
    lines += _moved(0)
    for number in range(count):
        lines += _event(number, (bad or {}).get(number, ()))
        if number == count // 2:
            lines += TOKYO  # a time zone defined after the events that use it
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_progress_moves_forward_and_ends_at_the_total(database: Database) -> None:
    reading: list[tuple[int, int]] = []
    parsed = read_calendar(
        _calendar(EVENTS), "partners.ics", progress=lambda *at: reading.append(at)
    )
    writing: list[tuple[int, int]] = []
    calendar_import.import_undoably(database, parsed, lambda *at: writing.append(at))

    total = EVENTS + 1  # the moved meeting is an event of the file too
    for steps, end in ((reading, total), (writing, EVENTS)):
        assert steps[0] == (0, end)
        assert steps[-1] == (end, end)
        assert all(later[0] >= earlier[0] for earlier, later in pairwise(steps))
        assert {step[1] for step in steps} == {end}
        assert len(steps) > 2  # the bar moves in between, not only at the ends


def test_a_large_file_gives_the_events_icalendar_reads_in_the_whole_file(
    database: Database,
) -> None:
    data = _calendar(EVENTS)
    report, undo = calendar_import.import_undoably(database, read_calendar(data, "partners.ics"))
    assert report.count(calendar_import.ImportAction.CREATE) == EVENTS

    whole = icalendar.Calendar.from_ical(data)
    expected = {
        str(vevent["UID"]): (
            str(vevent["SUMMARY"]),
            vevent["DTSTART"].dt.astimezone(UTC),
            vevent["DTEND"].dt.astimezone(UTC),
            vevent.get("RRULE") is not None,
        )
        for vevent in whole.walk("VEVENT")
        if vevent.get("RECURRENCE-ID") is None
    }
    with database.session() as session:
        events = session.scalars(select(Event)).all()
        held = {
            event.uid: (event.title, event.start_utc, event.end_utc, bool(event.recurrence_rule))
            for event in events
        }
        assert held == expected
        assert "Working session 7 on Kōbe's waterfront renewal" in {e.title for e in events}
        # Outlook's name is read as its IANA zone; UTC times are planned in the
        # import's zone, Tokyo unless the coordinator gives another.
        assert {event.zone for event in events} == {"Asia/Tokyo"}
        first = next(event for event in events if event.uid == "large-0@example.org")
        assert [(c.start_utc, c.cancelled) for c in first.changes] == [
            (FIRST + timedelta(weeks=1, hours=1), False)
        ]
        assert first.organiser is not None
        assert first.organiser.email == "host0@example.org"
        assert all(event.sequence == 2 and event.version == 1 for event in events)
        # One history group names the file; every new event and moved meeting is in it.
        groups = session.execute(
            select(Change.group_name, func.count())
            .where(Change.record_table.in_([Event.__tablename__, "occurrence_overrides"]))
            .group_by(Change.group_name)
        ).all()
        assert groups == [("calendar file partners.ics", EVENTS + 1)]

    calendar_import.undo_import(database, undo)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 0
        assert session.scalar(select(func.count()).select_from(OccurrenceOverride)) == 0
        assert session.scalar(select(func.count()).select_from(Participant)) == 0


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (("CATEGORIES:Videoconference,Virtual",), "A virtual videoconference needs a link."),
        (("DTSTART:20270101T000000Z",), "DTSTART is given more than once"),
        (("X-BROKEN",), "is not an iCalendar content line"),
    ],
)
def test_a_bad_event_deep_in_the_file_refuses_it_and_writes_nothing(
    database: Database, bad: tuple[str, ...], reason: str
) -> None:
    data = _calendar(EVENTS, {EVENTS - 3: bad})
    before = _counts(database)
    with pytest.raises(CalendarFileError) as refused:
        calendar_import.import_undoably(database, read_calendar(data, "partners.ics"))
    message = str(refused.value)
    assert reason in message
    assert "\n" not in message
    assert _counts(database) == before


def _counts(database: Database) -> tuple[int, ...]:
    """Events, their meetings' changes, participants and history entries held."""
    with database.session() as session:
        return tuple(
            int(session.scalar(select(func.count()).select_from(entity)) or 0)
            for entity in (Event, OccurrenceOverride, Participant, Change)
        )
