"""An event of plain lines is read without icalendar's parser, and reads the same.

Every case is read twice: with a line the importer never reads (``X-SEEN:1``), and with
a FREEBUSY line in its place, which leaves the whole event to icalendar's parser as every
event was read before. Both give the same events, or the same one-line refusal naming the
same line: a malformed DTSTAMP, DTSTART, SEQUENCE or RRULE, a link with a control
character, a date out of range, a property given twice, each refuses or skips exactly
as it did.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.export import ZONE_PROPERTY, ExportOptions
from cpp_scheduler.ical.importer import ParsedCalendar, read_calendar
from cpp_scheduler.ical.plain_event import read_plain_event
from cpp_scheduler.services import calendar_export
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import open_database
from tests.hostile import assert_one_line
from tests.ical.test_hostile_calendars import HOSTILE_VALUES, STAMP

ZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Customized Time Zone",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0545",
    "TZOFFSETTO:+0545",
    "END:STANDARD",
    "END:VTIMEZONE",
]

PLAIN = [
    "UID:plain-1@example.org",
    "DTSTAMP:20270101T000000Z",
    "SEQUENCE:2",
    "SUMMARY:Working session\\, first\\; of two\\nwith a line break",
    "LOCATION:Kobe City Hall",
    "DESCRIPTION:Peer-to-peer learning\\, with the city's team \\\\ and more",
    "DTSTART;TZID=Asia/Tokyo:20270215T100000",
    "DTEND;TZID=Asia/Tokyo:20270215T113000",
    "RRULE:FREQ=WEEKLY;COUNT=10",
    "EXDATE;TZID=Asia/Tokyo:20270222T100000",
    "CATEGORIES:Workshop,Kobe\\, Japan",
    "URL:https://meet.example.org/room",
    "STATUS:TENTATIVE",
    "CLASS:PUBLIC",
    f"{ZONE_PROPERTY}:Asia/Kathmandu",
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
]


def calendar(*events: list[str], zones: list[str] | None = None) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Partner city//EN", *(zones or [])]
    for body in events:
        lines += ["BEGIN:VEVENT", *body, SEEN, "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


SEEN = "X-SEEN:1"
LEFT_TO_ICALENDAR = "FREEBUSY:20270101T000000Z/PT1H"


def through_icalendar(data: bytes) -> bytes:
    """The same file, each event with a line that leaves it to icalendar's parser (the
    lines keep their numbers)."""
    return data.replace(SEEN.encode(), LEFT_TO_ICALENDAR.encode())


def outcome(data: bytes) -> ParsedCalendar | str:
    try:
        return read_calendar(data, "partner.ics", skip_invalid=True)
    except CalendarFileError as error:
        assert_one_line(error)
        return f"refused: {error}"


def event_texts(data: bytes) -> list[str]:
    return re.findall(r"BEGIN:VEVENT.*?END:VEVENT", data.decode(), re.DOTALL)


def assert_read_alike(data: bytes) -> ParsedCalendar | str:
    assert SEEN.encode() in data
    plain = outcome(data)
    assert plain == outcome(through_icalendar(data))
    return plain


def test_a_plain_event_reads_as_icalendar_reads_it() -> None:
    (text,) = event_texts(calendar(PLAIN))
    assert read_plain_event(text) is not None  # read without icalendar's parser
    assert read_plain_event(text.replace(SEEN, LEFT_TO_ICALENDAR)) is None
    read = assert_read_alike(calendar(PLAIN))
    assert isinstance(read, ParsedCalendar)
    (event,) = read.events
    assert event.title == "Working session, first; of two\nwith a line break"
    assert event.categories == ("Workshop", "Kobe, Japan")
    assert event.video_link == "https://meet.example.org/room"
    assert event.zone == "Asia/Kathmandu"
    assert event.recurrence_rule is not None
    assert len(event.changes) == 1


@pytest.mark.parametrize(
    "lines",
    [
        ["DTSTART;VALUE=DATE:20270215", "DTEND;VALUE=DATE:20270217"],
        ["DTSTART:20270215", "DURATION:P2D"],
        ["DTSTART:20270215T100000", "DURATION:PT90M"],
        ["DTSTART:20270215T010000Z", "DTEND:20270215T020000Z"],
        ["dtstart;tzid=Asia/Kathmandu:20270215T100000", "dtend;tzid=Asia/Kathmandu:20270215T1100"],
        ["DTSTART;TZID=Customized Time Zone:20270215T100000", "DURATION:PT1H"],
        ["DTSTART;TZID=Not/AZone:20270215T100000", "DURATION:PT1H"],
        ["DTSTART;TZID=America/New_York:20270314T023000", "DURATION:PT1H"],
        ["DTSTART;TZID=Asia/Tokyo:20270215T100000", "DTSTART:20270216T100000Z", "DURATION:PT1H"],
        ["DTSTART:20270215T100000Z", "DTEND:20270215T090000Z"],
        ["DTSTART:20270215T100000Z", "DURATION:PT1H", "RDATE:20270301T100000Z"],
        ["DTSTART:20270215T100000Z", "DURATION:PT1H", "URL:https://a.example/\x01x"],
        ["DTSTART:20270215T100000Z", "DURATION:PT1H", "CONFERENCE;VALUE=URI:https://a b"],
        ["DTSTART:20270215T100000Z", "DURATION:PT1H", "ORGANIZER;CN=Aiko:mailto:a@x.jp"],
        ["DTSTART:20270215T100000Z", "DURATION:PT1H", "ATTENDEE:mailto:b@x.jp"],
        ["DTSTART:20270215T100000Z", "DURATION:PT1H", "CREATED:20270230T000000Z"],
        ["DTSTART:20270215T100000Z", "DURATION:PT1H", "PRIORITY:high"],
        ["DTSTART:20270215T100000Z", "DURATION:PT1H", "DTSTAMP;VALUE=DATE:20270101"],
    ],
)
def test_times_zones_and_links_read_alike(lines: list[str]) -> None:
    assert_read_alike(calendar(["UID:a@example.org", "SUMMARY:Call", *lines], zones=ZONE))


@pytest.mark.parametrize("value", HOSTILE_VALUES)
@pytest.mark.parametrize(
    "name", ["DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "RRULE", "SUMMARY", "URL", "STATUS"]
)
def test_a_hostile_value_of_any_property_reads_or_is_refused_alike(name: str, value: str) -> None:
    body = [line for line in PLAIN if not line.startswith((name, "EXDATE"))]
    assert_read_alike(calendar([*body, f"{name}:{value}"]))


def test_a_malformed_dtstamp_still_refuses_the_file_naming_it() -> None:
    body = [line if not line.startswith("DTSTAMP") else "DTSTAMP:2027-01-01" for line in PLAIN]
    read = assert_read_alike(calendar(PLAIN, body))
    assert isinstance(read, str)
    assert "DTSTAMP" in read
    assert "line 23" in read


def test_moved_sessions_and_folded_lines_read_alike() -> None:
    series = [line for line in PLAIN if not line.startswith("EXDATE")]
    moved = [
        "UID:plain-1@example.org",
        "RECURRENCE-ID;TZID=Asia/Tokyo:20270222T100000",
        "DTSTART;TZID=Asia/Tokyo:20270222T140000",
        "DTEND;TZID=Asia/Tokyo:20270222T153000",
        "SUMMARY:Working session, moved",
    ]
    alone = ["UID:elsewhere@example.org", "RECURRENCE-ID:20270301T010000Z", "STATUS:CANCELLED"]
    data = calendar(series, moved, alone)
    assert_read_alike(data)
    assert_read_alike(
        data.replace(b"SUMMARY:Working session", b"SUMMARY:Working\r\n  sess\r\n\tion")
    )
    assert_read_alike(data.replace(b"\r\n", b"\n"))
    assert_read_alike(data.replace(b"\r\n", b"\r"))


def test_the_programs_own_calendar_file_reads_alike(tmp_path: Path, sqlite_template: Path) -> None:
    shutil.copyfile(sqlite_template, tmp_path / "program.sqlite")
    database = open_database(tmp_path / "program.sqlite")
    try:
        load_demo(database)
        path = tmp_path / "program.ics"
        calendar_export.export_calendar(
            database, calendar_export.ProgramScope(), path, ExportOptions(stamp=STAMP)
        )
    finally:
        database.close()
    data = path.read_bytes()
    assert all(read_plain_event(text) is not None for text in event_texts(data))
    read = assert_read_alike(
        data.replace(b"BEGIN:VEVENT\r\n", f"BEGIN:VEVENT\r\n{SEEN}\r\n".encode())
    )
    assert isinstance(read, ParsedCalendar)
    assert read.events


def test_a_file_mixing_line_ends_reads_as_one_with_one_kind_of_line_end() -> None:
    """Split by str.split where one line end runs through the file, by each line's own
    end otherwise: the events, and the line a refusal names, are the same."""
    lines = calendar(PLAIN, PLAIN).decode().split("\r\n")
    mixed = "".join(line + ("\r\n", "\n")[number % 2] for number, line in enumerate(lines))
    read = outcome(mixed.encode())
    assert isinstance(read, ParsedCalendar)
    assert read == outcome(calendar(PLAIN, PLAIN).replace(b"\r\n", b"\n"))
    broken = mixed.replace("SEQUENCE:2", "SEQUENCE 2", 1)
    assert outcome(broken.encode()) == outcome(
        calendar(PLAIN, PLAIN).replace(b"SEQUENCE:2", b"SEQUENCE 2", 1)
    )
    assert "line 7" in str(outcome(broken.encode()))
