"""Text stays text: whatever a coordinator types reads back as typed, in every reader,
and never adds a property or a component to a calendar file.

The rules the files follow (docs/calendar-updates.md, "Text in calendar files"): a line
break of any kind is written as ``\\n`` and reads back as LF; other control characters
are left out; a name in a parameter (CN) is kept on one line (tabs as spaces), with
typographic quotes for straight ones, ``ˆ`` for a caret and ``＼`` for a backslash.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import icalendar
import pytest
import recurring_ical_events
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.export import (
    ExportOptions,
    Method,
    Organizer,
    build_calendars,
    event_location,
    serialize,
)
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.programfile import ProgramFileError, export_program, import_program
from cpp_scheduler.store import Database
from tests.ical import parsers
from tests.ical.program import WINDOW, Program, build_program

REPO = Path(__file__).resolve().parents[2]
INJECTION = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@attacker.example\r\nSUMMARY:Injected"
PIECES = [
    "\r",
    "\n",
    "\r\n",
    "\r\n ",
    "\u2028",
    "\u0085",
    "\x0b",
    "\x0c",
    "\x01",
    "\x1b",
    "\x7f",
    "\t",
    ",",
    ";",
    ":",
    "\\",
    "\\n",
    "\\N",
    "\\,",
    '"',
    "“",
    "^",
    "^n",
    "^'",
    "----",
    "\n\n----\n",
    INJECTION,
    "ATTENDEE;CN=Evil:mailto:evil@attacker.example",
    " ",
    "Kobe",
    "神戸市",
    "é" * 40,
    "x" * 90,
]
TEXT = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30),
    st.just("長" * 500 + "\\" + "n" * 200),
)


def as_text(typed: str) -> str:
    """What a TEXT value reads back as: line breaks as LF, other controls gone."""
    text = re.sub(r"\r\n|[\r\x0b\x0c]", "\n", typed)
    return re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", text)


def as_name(typed: str) -> str:
    """What a name in a parameter reads back as, quotes compared straight."""
    text = re.sub(r"\r\n|[\r\n\t\x0b\x0c]", " ", typed)
    text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", text)
    return straight(text.replace("^", "ˆ").replace("\\", "＼"))


def straight(name: str) -> str:
    return name.replace("“", '"').replace("”", '"')


def shape(calendar: icalendar.Component) -> list[tuple[str, list[tuple[str, int]]]]:
    """Every component, with each property and how many times it is given."""
    return [
        (
            component.name,
            sorted(
                (name, len(value) if isinstance(value, list) else 1)
                for name, value in component.items()
            ),
        )
        for component in calendar.walk()
    ]


def uids(calendar: icalendar.Calendar) -> list[str]:
    return sorted(str(event["UID"]) for event in calendar.walk("VEVENT"))


FIELDS = (
    "title",
    "description",
    "venue",
    "address",
    "participant",
    "organiser",
    "delegation",
    "notes",
)
"""What a coordinator types that reaches a calendar file: an event's title and agenda,
its venue's name and address, a participant's and the organiser's name, a delegation's
name (the name of its calendar), a travel leg's notes."""


def fill(program: Program, texts: dict[str, str]) -> None:
    workshop = program.workshop
    workshop.title = texts["title"]
    workshop.description = texts["description"]
    assert workshop.venue is not None
    workshop.venue.name = texts["venue"]
    workshop.venue.address = texts["address"]
    program.ana.name = texts["participant"]
    program.grace.name = texts["organiser"]
    program.lima.name = texts["delegation"]
    program.tour.legs[0].notes = texts["notes"]


def exports(program: Program) -> list[tuple[str, bytes, list[icalendar.Calendar]]]:
    """Each scope's files: the calendars built and the bytes written from them."""
    found = []
    contents = [
        (
            scopes.participant_schedule(
                program.ana, program.events, [program.tour], with_attendees=True
            ),
            Method.REQUEST,
        ),
        (scopes.delegation_schedule(program.lima, program.events, [program.tour]), Method.PUBLISH),
        (scopes.one_event(program.workshop), Method.PUBLISH),
    ]
    for content, method in contents:
        options = ExportOptions(method=method, organizer=Organizer("TDLC", "cpp@tdlc.example"))
        for calendar in build_calendars(content, options):
            found.append((content.name, serialize(calendar), [calendar]))
    return found


def adds_nothing(built: icalendar.Calendar, data: bytes) -> None:
    """Each reader sees the components and properties built, and no others."""
    parsed = icalendar.Calendar.from_ical(data)
    assert shape(parsed) == shape(built)
    text = data.decode("utf-8")
    strict = IcsCalendarStream.calendar_from_ics(text)
    assert sorted(event.uid for event in strict.events) == uids(built)
    attendees = {str(e["UID"]): len(e.get("ATTENDEE", []) or []) for e in built.walk("VEVENT")}
    assert {e.uid: len(e.attendees) for e in strict.events} == attendees
    (loose,) = vobject.readComponents(text)
    assert sorted(e.uid.value for e in getattr(loose, "vevent_list", [])) == uids(built)
    expanded = recurring_ical_events.of(parsed).between(*WINDOW)
    written = recurring_ical_events.of(built).between(*WINDOW)
    assert sorted((str(e["UID"]), e["DTSTART"].dt) for e in expanded) == sorted(
        (str(e["UID"]), e["DTSTART"].dt) for e in written
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.fixed_dictionaries(dict.fromkeys(FIELDS, TEXT)))
def test_any_text_in_any_field_reads_back_as_typed_and_adds_nothing(
    texts: dict[str, str],
) -> None:
    program = build_program()
    fill(program, texts)
    workshop = program.workshop
    for name, data, (built,) in exports(program):
        adds_nothing(built, data)
        calendar = read_calendar(data, "round-trip.ics")
        assert calendar.name == as_text(name)
        events = {event.uid: event for event in calendar.events}
        if workshop.uid in events:
            read = events[workshop.uid]
            assert read.title == (as_text(texts["title"]) or "(no title)")
            assert read.description == as_text(texts["description"])
            assert read.location == as_text(event_location(workshop))
            names = {attendee.email: attendee.name for attendee in read.attendees}
            if names:
                assert straight(names[program.ana.email]) == as_name(texts["participant"])
            assert read.organizer is not None
            assert straight(read.organizer.name) == as_name(texts["organiser"])
            strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
            (other,) = [e for e in strict.events if e.uid == workshop.uid]
            assert other.summary == as_text(texts["title"])
            assert (other.location or "") == as_text(event_location(workshop))
        legs = [e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if "leg-" in e["UID"]]
        for leg in legs:
            assert str(leg.get("DESCRIPTION", "")) == as_text(texts["notes"])


def test_icaljs_reads_the_same_events_from_hostile_text(tmp_path: Path) -> None:
    problem = parsers.icaljs_problem()
    if problem:
        pytest.skip(problem)
    program = build_program()
    hostile = "".join(PIECES)
    fill(program, dict.fromkeys(FIELDS, hostile))
    files: dict[Path, icalendar.Calendar] = {}
    for index, (_, data, (built,)) in enumerate(exports(program)):
        path = tmp_path / f"{index}.ics"
        path.write_bytes(data)
        files[path] = built
    seen = parsers.with_icaljs(list(files), WINDOW)
    for path, built in files.items():
        written = recurring_ical_events.of(built).between(*WINDOW)
        assert {uid for uid, _, _ in seen[path]} == {str(e["UID"]) for e in written}
        assert seen[path] == parsers.with_ical(path.read_bytes(), WINDOW)


def test_a_double_quote_in_a_name_reads_as_typographic_quotes_in_every_reader() -> None:
    program = build_program()
    program.ana.name = 'Ana "Anita" Quispe'
    content = scopes.participant_schedule(program.ana, [program.workshop])
    ((built,),) = [
        [calendar] for calendar in build_calendars(content, ExportOptions(method=Method.REQUEST))
    ]
    data = serialize(built)
    expected = "Ana “Anita” Quispe"
    attendee = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["ATTENDEE"]
    assert attendee.params["CN"] == expected
    (loose,) = vobject.readComponents(data.decode())
    assert loose.vevent.attendee.params["CN"] == [expected]
    (event,) = IcsCalendarStream.calendar_from_ics(data.decode()).events
    assert [a.common_name for a in event.attendees] == [expected]
    (read,) = read_calendar(data, "ana.ics").events
    assert [a.name for a in read.attendees] == [expected]
    assert b"^" not in data


def test_the_calendar_name_is_escaped_text() -> None:
    program = build_program()
    program.workshop.title = "Kobe, Lima; C:\\New\nsecond line"
    ((_, data, _),) = [e for e in exports(program) if e[0] == program.workshop.title]
    lines = data.decode().split("\r\n")
    assert "NAME:Kobe\\, Lima\\; C:\\\\New\\nsecond line" in lines
    assert "X-WR-CALNAME:Kobe\\, Lima\\; C:\\\\New\\nsecond line" in lines
    assert read_calendar(data, "one.ics").name == program.workshop.title


def test_a_link_stored_before_the_rule_is_written_as_a_valid_uri() -> None:
    program = build_program()
    program.workshop.video_link = "https://zoom.us/j/1 Passcode\r\nEND:VEVENT"
    ((_, data, (built,)),) = [e for e in exports(program) if e[0] == program.workshop.title]
    adds_nothing(built, data)
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["URL"]) == "https://zoom.us/j/1%20Passcode%0D%0AEND:VEVENT"


def test_a_value_that_breaks_its_line_is_refused_not_written() -> None:
    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//test//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("X-SMUGGLED", INJECTION)  # icalendar writes X- values verbatim
    with pytest.raises(CalendarFileError, match="would have broken out of its line"):
        serialize(calendar)


OPTIMISED_EXPORT = f"""
import json
import icalendar
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.export import ExportOptions, Method, export_bytes, serialize
from tests.ical.program import build_program

program = build_program()
program.workshop.title = {INJECTION!r}
program.workshop.video_link = "https://meet.example.org/x\\r\\nUID:evil@attacker.example"
program.ana.name = 'Ana\\r\\nATTENDEE;CN=Evil:mailto:evil@attacker.example'
content = scopes.participant_schedule(program.ana, [program.workshop], with_attendees=True)
((_, data),) = export_bytes(content, ExportOptions(method=Method.REQUEST))
read = icalendar.Calendar.from_ical(data)
smuggled = icalendar.Calendar()
smuggled.add("X-SMUGGLED", {INJECTION!r})
try:
    serialize(smuggled)
    refused = False
except CalendarFileError:
    refused = True
print(json.dumps({{
    "assertions": __debug__,
    "uids": [str(e["UID"]) for e in read.walk("VEVENT")],
    "attendees": [str(a) for e in read.walk("VEVENT") for a in e.get("ATTENDEE", [])],
    "evil": b"evil@attacker.example" in data.replace(b"\\r\\n ", b""),
    "smuggled_refused": refused,
}}))
"""


def test_without_assertions_the_export_writes_no_injected_event() -> None:
    completed = subprocess.run(
        [sys.executable, "-O", "-c", OPTIMISED_EXPORT],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found: dict[str, Any] = json.loads(completed.stdout)
    assert found["assertions"] is False
    assert len(found["uids"]) == 1  # the workshop alone
    assert not [uid for uid in found["uids"] if "attacker" in uid]
    assert len(found["attendees"]) == 5  # the workshop's participants, and no one else
    assert "mailto:ana.quispe@vivienda.gob.pe" in found["attendees"]
    assert not [address for address in found["attendees"] if "attacker" in address]
    assert found["evil"] is True  # still there, as text inside the values that carry it
    assert found["smuggled_refused"] is True


CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kobe City//Events//EN\r\nBEGIN:VEVENT\r\n"
    "UID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260601T010000Z\r\n"
    "DTEND:20260601T020000Z\r\nSUMMARY:Visit\r\n{line}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "URL:https://zoom.us/j/1 Passcode 2",
            "kobe.ics, line 4 (VEVENT): URL: The video link holds a space; give one web "
            "address, without spaces, line breaks or control characters.",
        ),
        (
            "URL:https://zoom.us/j/1\x0bEND:VEVENT",
            "kobe.ics, line 4 (VEVENT): URL: The video link holds a line break; give one "
            "web address, without spaces, line breaks or control characters.",
        ),
        (
            "CONFERENCE;VALUE=URI:https://zoom.us/j/1\\nUID:evil",
            "kobe.ics, line 4 (VEVENT): CONFERENCE: the link is not one web address (it "
            "holds a line break or another character no web address may hold)",
        ),
    ],
)
def test_a_calendar_whose_video_link_the_program_refuses_is_refused_clearly(
    line: str, message: str
) -> None:
    with pytest.raises(CalendarFileError) as raised:
        read_calendar(CALENDAR.format(line=line).encode(), "kobe.ics")
    assert str(raised.value) == message


def test_the_program_file_refuses_the_link_with_the_same_words(
    sqlite_database: Database, tmp_path: Path
) -> None:
    with sqlite_database.transaction() as session:
        program = build_program(session)
        uid = program.workshop.uid
    path = tmp_path / "program.json"
    export_program(sqlite_database, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    (workshop,) = [event for event in document["events"] if event["uid"] == uid]
    workshop["video_link"] = "https://meet.example.org/kobe-lima\r\nEND:VEVENT"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ProgramFileError) as raised:
        import_program(sqlite_database, path)
    assert (
        "video_link: The video link holds a line break; give one web address, without "
        "spaces, line breaks or control characters."
    ) in str(raised.value)
