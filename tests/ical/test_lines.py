"""Calendar files written line by line are the very bytes icalendar writes for the same
calendars: every line, whatever text a coordinator typed into any field, and whatever
the zone, the date or the place."""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentline, Parameters

from cpp_scheduler.ical import lines, scopes
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.export import (
    EventRenderings,
    ExportOptions,
    Method,
    Organizer,
    build_calendars,
    export_bytes,
    serialize,
)
from cpp_scheduler.ical.text import Text, calendar_address, escape_text, one_line
from tests.ical.awkward import awkward_events
from tests.ical.program import Program, build_program
from tests.ical.test_text_safety import FIELDS, INJECTION, TEXT, fill

STAMP = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
HOSTILE = st.one_of(TEXT, TEXT.map(lambda text: "\ufeff" + text))
"""Any text a field may hold: line breaks of every kind, U+2028, escapes, quotes,
carets, long runs of multi-octet characters, and a leading byte order mark (which
icalendar drops from a value)."""
_CHARACTERS = st.text(
    st.sampled_from(list("abcXYZ 0,;:\\^\"'’\t\n\r-_東京都神戸市é🎉\u2028\u00a0\ufeff"))
    | st.characters(exclude_categories=("Cs",)),
    max_size=300,
)
ANY_TEXT = _CHARACTERS | _CHARACTERS.map(lambda text: "\ufeff" + text)
ZONES = [
    "UTC",
    "Etc/UTC",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Calcutta",
    "America/St_Johns",
    "America/Argentina/Buenos_Aires",
    "Pacific/Chatham",
    "Etc/GMT+3",
    "Europe/London",
]
INSTANTS = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2199, 12, 31), timezones=st.just(UTC)
)


def icalendar_line(name: str, value: object) -> str:
    """The line icalendar itself writes for ``add(name, value)`` in a VEVENT, folded
    by icalendar's own folding."""
    component = icalendar.Event()
    component.add(name, value)
    line: bytes = component.content_line(name, component[name]).to_ical()
    return line.decode("utf-8")


def escaped(text: str) -> str:
    """TEXT as RFC 5545 escapes it, one character at a time: line breaks of any kind as
    ``\\n``, other control characters but the tab left out."""
    text = re.sub(r"\r\n|[\r\n\x0b\x0c]", "\n", text)
    text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", text)
    escapes = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"}
    return re.sub(r"[\\;,\n]", lambda match: escapes[match.group()], text)


@settings(max_examples=500)
@given(ANY_TEXT | st.text(st.sampled_from(list("a\\;,\n\r\x0b\x0c\x01\t\x7f")), max_size=40))
def test_text_is_escaped_as_rfc_5545_says(text: str) -> None:
    assert escape_text(text) == escaped(text)
    assert one_line(text) == re.sub(
        r"[\x00-\x08\x0e-\x1f\x7f]", "", re.sub(r"\r\n|[\r\n\x0b\x0c]", " ", text)
    )


@settings(max_examples=500)
@given(st.text(st.sampled_from(list("ab\\^é東🎉 ")), min_size=60, max_size=240))
def test_lines_fold_where_icalendar_folds_them(line: str) -> None:
    """Before the 75th octet, never inside a character, never right after the backslash
    or caret that begins an escape."""
    assert lines.fold(line) == Contentline(line).to_ical().decode("utf-8")


@settings(max_examples=300)
@given(st.sampled_from(["SUMMARY", "DESCRIPTION", "LOCATION", "NAME", "X-WR-CALNAME"]), ANY_TEXT)
def test_a_text_line_is_what_icalendar_writes(name: str, text: str) -> None:
    assert lines.text_line(name, text) == icalendar_line(name, Text(text))
    assert lines.property_line(name, Text(text)) == icalendar_line(name, Text(text))


@settings(max_examples=200)
@given(st.lists(ANY_TEXT, max_size=5))
def test_categories_are_what_icalendar_writes(names: list[str]) -> None:
    written = icalendar.vCategory(names)
    written.cats = [Text(name) for name in names]
    assert lines.categories_line(names) == icalendar_line("CATEGORIES", written)


@settings(max_examples=300)
@given(
    st.sampled_from(["CN", "LABEL", "TZID", "ALTREP", "X-NOTE", "DIR"]),
    ANY_TEXT,
    st.lists(ANY_TEXT, min_size=1, max_size=3),
)
def test_parameters_are_quoted_and_escaped_as_icalendar_does(
    key: str, value: str, items: list[str]
) -> None:
    for given_value in (value, items):
        expected = Parameters({key: given_value}).to_ical(sorted=True).decode("utf-8")
        assert lines.parameters({key: given_value}) == (f";{expected}" if expected else "")
    both = {key: value, "FEATURE": items, "VALUE": "URI"}
    expected = Parameters(both).to_ical(sorted=True).decode("utf-8")
    assert lines.parameters(both) == f";{expected}"


@settings(max_examples=200)
@given(ANY_TEXT, ANY_TEXT)
def test_an_address_with_any_name_is_what_icalendar_writes(name: str, email: str) -> None:
    address = calendar_address(email, name)
    assert lines.property_line("ORGANIZER", address) == icalendar_line("ORGANIZER", address)


@settings(max_examples=200)
@given(ANY_TEXT, st.dictionaries(st.sampled_from(["VALUE", "LABEL"]), ANY_TEXT))
def test_a_uri_line_is_what_icalendar_writes(uri: str, params: dict[str, str]) -> None:
    uri = uri.replace("\r", "%0D").replace("\n", "%0A")  # as text.uri_text leaves it
    expected = icalendar_line("URL", icalendar.vUri(uri, params=dict(params)))
    assert lines.uri_line("URL", uri, params) == expected


@settings(max_examples=300)
@given(
    INSTANTS,
    st.sampled_from(ZONES),
    st.sampled_from(["DTSTART", "DTEND", "RECURRENCE-ID", "DTSTAMP"]),
)
def test_a_time_in_any_zone_is_what_icalendar_writes(
    instant: datetime, zone: str, name: str
) -> None:
    local = instant.astimezone(zoneinfo.ZoneInfo(zone))
    assert lines.property_line(name, local) == icalendar_line(name, local)
    assert lines.property_line(name, instant) == icalendar_line(name, instant)
    day = local.date()
    assert lines.property_line(name, day) == icalendar_line(name, day)


@settings(max_examples=100)
@given(st.lists(INSTANTS, min_size=1, max_size=8), st.sampled_from(ZONES))
def test_a_list_of_exceptions_is_what_icalendar_writes(instants: list[datetime], zone: str) -> None:
    local = [instant.astimezone(zoneinfo.ZoneInfo(zone)) for instant in instants]
    assert lines.property_line("EXDATE", local) == icalendar_line("EXDATE", local)


@settings(max_examples=200)
@given(
    st.floats(min_value=-90, max_value=90, allow_nan=False),
    st.floats(min_value=-180, max_value=180, allow_nan=False),
    st.integers(min_value=0, max_value=10**6),
    st.timedeltas(min_value=timedelta(days=-30), max_value=timedelta(days=30)),
)
def test_places_numbers_and_durations_are_what_icalendar_writes(
    latitude: float, longitude: float, sequence: int, length: timedelta
) -> None:
    assert lines.property_line("GEO", (latitude, longitude)) == icalendar_line(
        "GEO", (latitude, longitude)
    )
    assert lines.property_line("SEQUENCE", sequence) == icalendar_line("SEQUENCE", sequence)
    assert lines.property_line("DURATION", length) == icalendar_line("DURATION", length)


@pytest.mark.parametrize("value", [INJECTION, "x\ry", "x\ny"])
def test_a_value_that_would_break_its_line_is_refused(value: str) -> None:
    component = lines.vevent()
    with pytest.raises(CalendarFileError, match="would have broken out of its line"):
        component.add("X-SMUGGLED", value)  # an X- value icalendar would write verbatim
    with pytest.raises(CalendarFileError, match="would have broken out of its line"):
        lines.uri_line("URL", value)
    with pytest.raises(CalendarFileError, match="would have broken out of its line"):
        lines.content_line("ATTENDEE", lines.parameters({"CN": "x"}), value)


# -- whole files -------------------------------------------------------------------------
OPTION_SETS = [
    ExportOptions(stamp=STAMP),
    ExportOptions(
        method=Method.REQUEST,
        stamp=STAMP,
        reminder=timedelta(minutes=15),
        organizer=Organizer('TDLC "desk"; Tokyo, 東京', "cpp@tdlc.example"),
    ),
    ExportOptions(
        stamp=STAMP,
        refresh_interval=timedelta(hours=6),
        source_url="https://tdlc.example/feeds/cpp program.ics",
    ),
]


def contents(program: Program) -> list[scopes.CalendarContent]:
    return [
        scopes.participant_schedule(program.ana, program.events, [program.tour]),
        scopes.participant_schedule(
            program.maya, program.events, [program.tour], with_attendees=True
        ),
        scopes.delegation_schedule(program.lima, program.events, [program.tour]),
        scopes.one_event(program.workshop, with_attendees=True),
        scopes.program(program.events, [program.tour], name=program.workshop.title),
    ]


def assert_written_as_icalendar_writes(program: Program) -> None:
    """Each file, alone and in a batch of files sharing their events, is what
    icalendar's components of the same calendars serialise to."""
    for options in OPTION_SETS:
        shared = EventRenderings(options)
        for content in contents(program):
            built = [serialize(calendar) for calendar in build_calendars(content, options)]
            assert [data for _, data in export_bytes(content, options)] == built
            assert [data for _, data in shared.export_bytes(content)] == built


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.fixed_dictionaries(dict.fromkeys((*FIELDS, "link"), HOSTILE)))
def test_any_text_in_any_field_is_written_as_icalendar_writes_it(texts: dict[str, str]) -> None:
    program = build_program()
    fill(program, texts)
    program.workshop.video_link = texts["link"] or None
    program.kenji.name = texts["participant"][::-1]  # another reader, another name
    assert_written_as_icalendar_writes(program)


def test_series_across_changes_of_clocks_are_written_as_icalendar_writes_them() -> None:
    """Awkward zones: DURATION for series spanning a change, UTC for one-offs that do,
    pinned meetings, skipped wall-clock times; the program's series, cancellations,
    moved meetings, a study tour with its legs, and dates of all-day events."""
    events = awkward_events()
    for options in OPTION_SETS:
        content = scopes.program(events, name="CPP 東京 program")
        built = [serialize(calendar) for calendar in build_calendars(content, options)]
        assert [data for _, data in export_bytes(content, options)] == built
    assert_written_as_icalendar_writes(build_program())


def test_a_zone_without_a_name_of_its_own_is_written_as_icalendar_writes_it() -> None:
    """A time given in UTC under another name (Etc/UTC) ends in Z, as icalendar has it."""
    program = build_program()
    program.series.zone = "Etc/UTC"
    program.workshop.zone = "UTC"
    assert_written_as_icalendar_writes(program)


def test_a_stamp_given_without_a_zone_is_read_as_utc() -> None:
    program = build_program()
    naive = ExportOptions(stamp=datetime(2026, 5, 1, 9, 0))
    content = scopes.one_event(program.workshop)
    built = [serialize(calendar) for calendar in build_calendars(content, naive)]
    assert [data for _, data in export_bytes(content, naive)] == built
    assert b"DTSTAMP:20260501T090000Z\r\n" in built[0]


def test_dates_of_all_day_events_are_written_as_icalendar_writes_them() -> None:
    program = build_program()
    program.workshop.set_dates(date(2026, 6, 9), date(2026, 6, 11))
    assert_written_as_icalendar_writes(program)
