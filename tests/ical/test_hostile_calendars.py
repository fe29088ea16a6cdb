"""Hostile calendar files: each is read, or refused in one line; none ends in a crash.

The files are the demo program exported as a real calendar file, mutated line by line:
lines dropped, repeated or moved, values replaced by text with control characters, dates
far outside the program's range, durations and sequences no calendar holds, components
nested thousands deep, time zones with thousands of clock changes. Reading the file and
planning its import either succeeds or raises a :class:`SchedulerError` of one line, in
bounded time. The limits themselves are pinned with their messages.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpp_scheduler import limits
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.export import ExportOptions
from cpp_scheduler.ical.importer import read_calendar, read_calendar_bytes
from cpp_scheduler.services import calendar_export, calendar_import
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database, open_database
from tests.hostile import assert_one_line

STAMP = datetime(2026, 5, 1, tzinfo=UTC)

HOSTILE_VALUES = [
    "",
    "line one\\nline two",
    "raw\u2028separator\u2029and\x00null\x1b[31m",
    "x" * (limits.MAX_TEXT_LENGTH + 1),
    "00010101T000000Z",
    "99991231T235959Z",
    "18991231T235959",
    "20270230T100000",
    "P99999999W",
    "-P1D",
    "P1D",
    "FREQ=SECONDLY;UNTIL=99991231T235959;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY",
    "FREQ=WEEKLY;COUNT=100000",
    "99999999999999999999999",
    "-1",
    "abc",
    "mailto:",
    "Not/AZone",
]


def nested(depth: int, name: str = "VEVENT") -> list[str]:
    return [f"BEGIN:{name}"] * depth + [f"END:{name}"] * depth


def crowded_zone(transitions: int) -> list[str]:
    lines = ["BEGIN:VTIMEZONE", "TZID:Crowded"]
    for year in range(transitions):
        lines += [
            "BEGIN:STANDARD",
            f"DTSTART:{1900 + year % 300:04d}0101T000000",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0000",
            "END:STANDARD",
        ]
    return [*lines, "END:VTIMEZONE"]


@dataclass
class Setting:
    lines: list[str]
    database: Database
    folder: Path


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Setting]:
    folder = tmp_path_factory.mktemp("hostile-calendars")
    shutil.copyfile(sqlite_template, folder / "program.sqlite")
    database = open_database(folder / "program.sqlite")
    load_demo(database)
    path = folder / "program.ics"
    calendar_export.export_calendar(
        database, calendar_export.ProgramScope(), path, ExportOptions(stamp=STAMP)
    )
    lines = path.read_bytes().decode().split("\r\n")
    yield Setting(lines, database, folder)
    database.close()


@st.composite
def mutated(draw: st.DrawFn, lines: list[str]) -> bytes:
    """The exported calendar with one to three mutations."""
    copy = list(lines)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(1, len(copy) - 2))
        action = draw(
            st.sampled_from(["drop", "duplicate", "move", "value", "nest", "zone", "inject"])
        )
        if action == "drop":
            del copy[index]
        elif action == "duplicate":
            copy.insert(index, copy[index])
        elif action == "move":
            copy.insert(draw(st.integers(1, len(copy) - 2)), copy.pop(index))
        elif action == "value":
            name = copy[index].split(":", 1)[0]
            copy[index] = f"{name}:{draw(st.sampled_from(HOSTILE_VALUES))}"
        elif action == "nest":
            copy[index:index] = nested(
                draw(st.sampled_from([2, limits.MAX_COMPONENT_DEPTH, 5_000]))
            )
        elif action == "zone":
            copy[index:index] = crowded_zone(draw(st.sampled_from([3, 800])))
        else:
            copy.insert(index, "SUMMARY:Kobe\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil")
    return "\r\n".join(copy).encode("utf-8", "surrogatepass")


@settings(
    max_examples=80,
    deadline=None,  # how long a file takes is the benchmarks' to say, not a timed test's
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_mutated_calendar_file_is_read_or_refused_in_one_line(
    setting: Setting, data: st.DataObject
) -> None:
    content = data.draw(mutated(setting.lines))
    dry_run = data.draw(st.booleans())  # drawn whatever the reading: the same draws each run
    try:
        parsed = read_calendar(content, "mutated.ics")
        calendar_import.apply_calendar(setting.database, parsed, dry_run=dry_run)
    except SchedulerError as error:
        assert_one_line(error)


def calendar(*body: str) -> bytes:
    return "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Partner city//EN", *body, "END:VCALENDAR"]
    ).encode()


def event(uid: str, start: str, *extra: str, duration: str = "PT1H") -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", "SUMMARY:Kobe workshop", f"DTSTART:{start}",
            f"DURATION:{duration}", *extra, "END:VEVENT"]  # fmt: skip


def test_components_nested_thousands_deep_are_refused_at_once() -> None:
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(calendar(*nested(100_000, "X-PART")), "deep.ics")
    assert str(caught.value) == "deep.ics, line 11 (X-PART): components nest more than 8 deep"


def test_a_zone_with_thousands_of_clock_changes_is_refused_before_it_is_read() -> None:
    content = calendar(*crowded_zone(6_000), *event("a@x", "20270215T100000"))
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content, "zone.ics")
    assert str(caught.value) == (
        "zone.ics, line 4 (VTIMEZONE): the time zone defines more than 500 clock changes "
        "(observances and RDATE values, counted up to line 2506)"
    )


def test_a_freely_named_zone_at_the_limit_is_still_identified() -> None:
    """Identifying a zone by its offsets costs time per clock change: the limit bounds it,
    and a zone at the limit is still read as the IANA zone of the same offsets."""
    zone = crowded_zone(limits.MAX_ZONE_TRANSITIONS - 2)
    content = calendar(*zone, *event("a@x", "20270215T100000"))
    content = content.replace(b"DTSTART:20270215T", b"DTSTART;TZID=Crowded:20270215T")
    parsed = read_calendar(content, "zone.ics")
    assert parsed.events[0].zone  # read as the IANA zone with the same offsets


def test_more_events_than_the_limit_are_refused_before_any_is_built() -> None:
    body = [line for number in range(limits.MAX_CALENDAR_EVENTS + 1)
            for line in ("BEGIN:VEVENT", f"UID:{number}", "END:VEVENT")]  # fmt: skip
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(calendar(*body), "many.ics")
    assert str(caught.value) == (
        f"many.ics, line {4 + 3 * limits.MAX_CALENDAR_EVENTS}: the file holds more than "
        "100,000 events; split it, or import the months you need"
    )


def test_events_outside_the_range_are_skipped_with_the_reason() -> None:
    parsed = read_calendar(
        calendar(
            *event("early@x", "00010101T000000Z"),
            *event("late@x", "99991231T230000Z"),
            *event("edge@x", "21991231T230000Z", duration="P99999999W"),
            *event("fine@x", "20270215T010000Z"),
        ),
        "range.ics",
    )
    assert [event.uid for event in parsed.events] == ["fine@x"]
    assert {skipped.uid: skipped.reason for skipped in parsed.skipped} == {
        "early@x": "DTSTART 0001-01-01 is outside the dates the program plans for "
        "(1900-01-01 to 2199-12-31)",
        "late@x": "DTSTART 9999-12-31 is outside the dates the program plans for "
        "(1900-01-01 to 2199-12-31)",
        "edge@x": "the event lies outside the dates the program plans for "
        "(1900-01-01 to 2199-12-31)",
    }


def test_a_start_given_twice_is_refused() -> None:
    content = calendar(*event("a@x", "20270215T010000Z", "DTSTART:20270216T010000Z"))
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content, "twice.ics")
    assert str(caught.value) == (
        "twice.ics, line 4 (VEVENT): DTSTART is given more than once in one event"
    )


def test_a_time_zone_naming_itself_twice_is_refused() -> None:
    zone = ["BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "TZID:Asia/Tokyo", "BEGIN:STANDARD",
            "DTSTART:19700101T000000", "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900",
            "END:STANDARD", "END:VTIMEZONE"]  # fmt: skip
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(calendar(*zone, *event("a@x", "20270215T010000Z")), "zone.ics")
    assert str(caught.value) == (
        "zone.ics, line 6 (VTIMEZONE): the time zone 'Asia/Tokyo' gives its name (TZID) more "
        "than once"
    )


def test_a_text_longer_than_the_limit_is_refused_naming_its_event() -> None:
    content = calendar(*event("a@x", "20270215T010000Z", "DESCRIPTION:" + "x" * 200_000))
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content, "long.ics")
    assert str(caught.value) == (
        "long.ics, line 4 (VEVENT): DESCRIPTION holds 200,000 characters, more than the "
        "100,000 a value may hold"
    )


def test_a_line_longer_than_any_text_written_is_refused_before_it_is_read() -> None:
    too_long = limits.MAX_CALENDAR_LINE_LENGTH + 1
    content = calendar(*event("a@x", "20270215T010000Z", "DESCRIPTION:" + "x" * too_long))
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content, "long.ics")
    assert str(caught.value) == (
        "long.ics, line 9: DESCRIPTION is 1,000,001 characters long, more than the 1,000,000 "
        "a line of a calendar file may hold"
    )


def test_a_line_that_is_not_a_content_line_is_quoted_escaped_and_short() -> None:
    content = calendar("Kobe\u2028workshop\x1b[31m" + "x" * 1_000)
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content, "odd.ics")
    assert str(caught.value) == (
        "odd.ics, line 4: 'Kobe\\u2028workshop\\x1b[31m"
        + "x" * 41
        + "…' is not an iCalendar content line (NAME:value)"
    )


def test_a_calendar_file_larger_than_the_limit_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "large.ics"
    with path.open("wb") as stream:
        stream.truncate(limits.MAX_CALENDAR_FILE_BYTES + 1)
    with pytest.raises(CalendarFileError) as caught:
        read_calendar_bytes(path)
    assert str(caught.value) == (
        f"{path}: the file is 256.0 MiB, larger than the 256 MiB a calendar file may be"
    )


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "feed.ics"
    os.mkfifo(pipe)
    with pytest.raises(CalendarFileError) as caught:
        read_calendar_bytes(pipe)
    assert str(caught.value) == f"{pipe}: is not a regular file (a pipe, a socket or a device)"


@pytest.mark.parametrize(
    "body",
    [
        ["BEGIN:VEVENT", "BEGIN:" + "X" * 200_000, "END:VEVENT"],
        ["BEGIN:" + "X" * 200_000],
    ],
    ids=["closed by another", "never closed"],
)
def test_a_component_named_by_a_huge_value_is_named_shortened(body: list[str]) -> None:
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(calendar(*body), "huge.ics")
    assert_one_line(caught.value)


@pytest.mark.parametrize(
    "line",
    [
        'ATTENDEE;CN="Ana\x1bQuispe":mailto:ana@example.org',
        'DTSTART;TZID="Asia/Tokyo\x1b":20270401T100000',
    ],
    ids=["a name", "a zone"],
)
def test_a_control_character_inside_a_quoted_parameter_is_refused_in_one_line(line: str) -> None:
    """RFC 5545 keeps control characters out of a quoted parameter value (QSAFE-CHAR):
    icalendar cannot split such a line, and the reader says so, naming its event."""
    content = calendar(*event("a@x", "20270215T010000Z", line))
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content, "odd.ics")
    assert_one_line(caught.value)
    message = str(caught.value)
    assert message.startswith("odd.ics, line 4 (VEVENT): a line cannot be read (")
    assert "\\x1b" in message


def test_a_video_link_is_read_whatever_the_case_of_its_scheme() -> None:
    """RFC 3986 reads a scheme in any case, as the event dialog and the program file do:
    an upper-case HTTPS link was once dropped without a word."""
    content = calendar(*event("a@x", "20270215T010000Z", "URL:HTTPS://MEET.EXAMPLE.ORG/kobe"))
    (read,) = read_calendar(content, "links.ics").events
    assert read.video_link == "HTTPS://MEET.EXAMPLE.ORG/kobe"


@pytest.mark.parametrize(
    "tzid",
    ["Z" * 300, "America", "America/"],
    ids=["longer than a file name", "a region", "a region's folder"],
)
def test_a_zone_name_the_database_cannot_look_up_is_refused_naming_its_line(tzid: str) -> None:
    """zoneinfo opens a file named after the TZID, and the system refuses a name longer
    than a file's name may be, or a folder of the database: the TZID names no zone, said
    in one line with its event and property, not in the system's words with no line."""
    content = calendar(*event("a@x", "20270215T100000")).replace(
        b"DTSTART:", f"DTSTART;TZID={tzid}:".encode()
    )
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content, "zone.ics")
    assert str(caught.value) == (
        f"zone.ics, line 4 (VEVENT): DTSTART uses the time zone '{tzid[:59]}"
        + ("…" if len(tzid) > 60 else "")
        + "', which is neither an IANA zone (such as Asia/Tokyo) nor a Windows zone name, "
        "and the file does not define it"
    )


def _ruled_zone(*blocks: list[str], head: tuple[str, ...] = ("TZID:Ruled",)) -> list[str]:
    return ["BEGIN:VTIMEZONE", *head, *(line for block in blocks for line in block),
            "END:VTIMEZONE"]  # fmt: skip


def _block(*lines: str, name: str = "STANDARD") -> list[str]:
    return [f"BEGIN:{name}", *lines, f"END:{name}"]


EASTERN = ("DTSTART:19701101T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500")


@pytest.mark.parametrize(
    ("zone", "said"),
    [
        (
            _ruled_zone(_block(*EASTERN, "TZNAME;LANGUAGE=en:EST")),
            "line 10 (STANDARD): the time zone 'Ruled' gives TZNAME with a parameter "
            "(LANGUAGE=en), which the program cannot read there",
        ),
        (
            _ruled_zone(_block(*EASTERN, "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU;UNTIL=garbage")),
            "line 10 (STANDARD): the time zone 'Ruled' gives RRULE as "
            "'FREQ=YEARLY;BYMONTH=11;BYDAY=1SU;UNTIL=garbage', which is not a yearly rule "
            "such as FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        ),
        (
            _ruled_zone(_block(*EASTERN[1:])),
            "line 6 (STANDARD): the time zone 'Ruled' has a STANDARD block without DTSTART; "
            "each STANDARD and DAYLIGHT block gives its start (DTSTART) and the offsets from "
            "UTC before and after it (TZOFFSETFROM, TZOFFSETTO)",
        ),
        (
            _ruled_zone(_block(EASTERN[0], EASTERN[2], name="DAYLIGHT")),
            "line 6 (DAYLIGHT): the time zone 'Ruled' has a DAYLIGHT block without "
            "TZOFFSETFROM; each STANDARD and DAYLIGHT block gives its start (DTSTART) and the "
            "offsets from UTC before and after it (TZOFFSETFROM, TZOFFSETTO)",
        ),
        (
            _ruled_zone(),
            "line 4 (VTIMEZONE): the time zone 'Ruled' holds no STANDARD or DAYLIGHT block, "
            "so it gives no offset from UTC",
        ),
        (
            _ruled_zone(_block(*EASTERN, "RDATE;VALUE=PERIOD:19971026T020000/PT1H")),
            "line 10 (STANDARD): the time zone 'Ruled' gives its changes of clocks as "
            "periods (RDATE;VALUE=PERIOD); a time zone gives them as dates and times",
        ),
        (
            _ruled_zone(_block(*EASTERN, "TZOFFSETTO:+0100")),
            "line 10 (STANDARD): the time zone 'Ruled' gives TZOFFSETTO more than once in "
            "one STANDARD block",
        ),
        (
            _ruled_zone(_block(EASTERN[0], EASTERN[1], "TZOFFSETTO:-5")),
            "line 9 (STANDARD): the time zone 'Ruled' gives TZOFFSETTO as '-5', which is "
            "not an offset from UTC such as +0900 or -0500",
        ),
        (
            _ruled_zone(_block(*EASTERN), ["BEGIN:X-RULES", "END:X-RULES"]),
            "line 11 (X-RULES): the time zone 'Ruled' holds BEGIN:X-RULES; a time zone holds "
            "STANDARD and DAYLIGHT blocks alone",
        ),
        (
            _ruled_zone(_block(*EASTERN, "RRULE:FREQ=YEARLY;BYMONTH=11;BYHOUR=25")),
            "line 10 (STANDARD): the time zone 'Ruled' gives RRULE as "
            "'FREQ=YEARLY;BYMONTH=11;BYHOUR=25', which is not a yearly rule such as "
            "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        ),
    ],
    ids=[
        "language of a name",
        "until garbage",
        "no start",
        "no offset before",
        "no block",
        "periods",
        "offset twice",
        "offset garbage",
        "other component",
        "hour 25",
    ],
)
def test_a_time_zone_icalendar_cannot_read_is_refused_naming_it_its_line_and_property(
    zone: list[str], said: str
) -> None:
    """Each of these once failed in icalendar's or dateutil's words ("Expected time, got:
    garbage", "mandatory DTSTART not found", "unsupported RDATE parm: VALUE=PERIOD"),
    with no zone, line or property; a second offset was taken over the first in silence."""
    content = calendar(*zone, *event("a@x", "20270215T100000")).replace(
        b"DTSTART:2027", b"DTSTART;TZID=Ruled:2027"
    )
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content, "zone.ics")
    assert str(caught.value) == f"zone.ics, {said}"


@pytest.mark.parametrize(
    ("inner", "said"),
    [
        (
            event("inner@x", "20270302T010000Z"),
            "line 9 (VEVENT): BEGIN:VEVENT inside the VEVENT of line 4",
        ),
        (
            _ruled_zone(_block(*EASTERN)),
            "line 9 (VTIMEZONE): BEGIN:VTIMEZONE inside the VEVENT of line 4",
        ),
    ],
    ids=["an event", "a time zone"],
)
def test_an_event_or_a_zone_inside_an_event_refuses_the_file(inner: list[str], said: str) -> None:
    """icalendar keeps a VEVENT inside a VEVENT as a part of the outer one, which the
    import never reads: the inner event vanished without a word. Such a file is refused,
    as BEGIN and END lines that do not match are."""
    outer = event("outer@x", "20270215T100000Z")
    content = calendar(*outer[:-1], *inner, outer[-1], *event("ok@x", "20270301T010000Z"))
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content, "nested.ics")
    assert str(caught.value) == (
        f"nested.ics, {said}: events and time zones stand directly in the calendar (RFC "
        "5545); is an END line missing before it?"
    )


def test_more_meetings_than_the_limit_are_refused_before_another_series_is_read() -> None:
    """4,000 series of 500 meetings once took over half a minute to read: the meetings of
    the whole file are counted as each series is read, and the file is refused at the
    series that passes the limit."""
    series = limits.MAX_CALENDAR_MEETINGS // limits.MAX_SERIES_OCCURRENCES + 1
    body = [
        line
        for number in range(series)
        for line in event(
            f"s{number}@x",
            "20270301T010000Z",
            f"RRULE:FREQ=DAILY;COUNT={limits.MAX_SERIES_OCCURRENCES}",
        )
    ]
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(calendar(*body, *event("late@x", "20270301T010000Z")), "many.ics")
    assert str(caught.value) == (
        f"many.ics, line {4 + 7 * (series - 1)} (VEVENT): the file holds more than 500,000 "
        "meetings (each series counted by the meetings its rule gives, up to this event); "
        "split it, or import the months you need"
    )


@pytest.mark.parametrize("where", ["event", "calendar"])
def test_a_component_of_more_lines_than_the_limit_is_refused_before_it_is_parsed(
    where: str,
) -> None:
    """One event of three million lines once took icalendar half a minute and 1.8 GB."""
    lines = [f"X-LINE-{number}:v" for number in range(limits.MAX_COMPONENT_LINES)]
    body = event("a@x", "20270215T010000Z", *lines) if where == "event" else lines
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(calendar(*body), "lines.ics")
    if where == "event":
        assert str(caught.value) == (
            "lines.ics, line 4 (VEVENT): VEVENT holds more than 10,000 lines (counted up to "
            "line 10004); an event takes a few dozen"
        )
    else:
        assert str(caught.value) == (
            "lines.ics, line 1 (VCALENDAR): VCALENDAR holds more than 10,000 lines (counted "
            "up to line 10002); an event takes a few dozen"
        )


def test_a_database_zone_giving_what_the_zone_reader_cannot_take_is_read_by_its_name() -> None:
    """RFC 5545 lets a zone's name (TZNAME) say its language; dateutil does not take it.
    A zone named as one of the database is read by that zone, as it always was, where a
    freely named one is refused saying why (see the test above)."""
    zone = _ruled_zone(_block(*EASTERN, "TZNAME;LANGUAGE=en:EST"), head=("TZID:America/New_York",))
    content = calendar(*zone, *event("a@x", "20270215T100000")).replace(
        b"DTSTART:2027", b"DTSTART;TZID=America/New_York:2027"
    )
    (read,) = read_calendar(content, "zone.ics").events
    assert (read.zone, read.start_utc) == (
        "America/New_York",
        datetime(2027, 2, 15, 15, tzinfo=UTC),
    )


def test_an_exdate_that_is_no_date_is_refused_in_one_line() -> None:
    """icalendar reads ``EXDATE:PT1H`` as a duration: no day of the series to leave out,
    and no traceback either."""
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(
            calendar(*event("a@x", "20270215T100000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:PT1H")),
            "odd.ics",
        )
    assert (
        str(caught.value)
        == "odd.ics, line 4 (VEVENT): EXDATE holds a value that is no date or time"
    )
