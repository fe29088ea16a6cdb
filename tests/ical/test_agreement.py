"""Meetings across a change of clocks are written so that no reader has to choose.

RFC 5545 gives every member of a series the exact length of the first; ical.js, vobject,
``ical`` and recurring-ical-events keep the wall-clock end instead. So each such meeting
is written out with its own UTC start and end (a RECURRENCE-ID component for a series
member, UTC times for a one-off meeting, which every reader takes as written).
"""

from __future__ import annotations

from pathlib import Path

from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import ExportOptions, crosses_offset_change, export_bytes
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Event
from tests.ical import parsers
from tests.ical.awkward import WINDOW, awkward_events


def program_says(event: Event) -> set[parsers.Meeting]:
    return {(event.uid, o.start, o.end) for o in event.occurrences()}


def test_the_generated_program_crosses_changes_in_every_zone_that_has_them() -> None:
    events = awkward_events()
    crossing = {
        event.zone
        for event in events
        for o in event.occurrences()
        if crosses_offset_change(o.start, o.end, event.zone)
    }
    assert crossing == {
        "America/Santiago",
        "America/New_York",
        "Europe/London",
        "Africa/Cairo",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "America/St_Johns",
    }


def test_every_reader_reads_each_meeting_across_a_change_as_the_program(tmp_path: Path) -> None:
    events = awkward_events()
    files: dict[Path, Event] = {}
    for number, event in enumerate(events):
        ((_, data),) = export_bytes(scopes.one_event(event), ExportOptions())
        path = tmp_path / f"{number}.ics"
        path.write_bytes(data)
        files[path] = event
    by_icaljs = parsers.with_icaljs(list(files), WINDOW) if not parsers.icaljs_problem() else {}
    for path, event in files.items():
        data = path.read_bytes()
        want = program_says(event)
        assert parsers.with_ical(data, WINDOW) == want, event.title
        assert parsers.with_recurring_ical_events(data, WINDOW) == want, event.title
        assert parsers.with_vobject(data, WINDOW) == want, event.title
        if by_icaljs:
            assert by_icaljs[path] == want, event.title


def test_a_series_member_across_a_change_is_written_out_with_its_own_end() -> None:
    series = next(e for e in awkward_events() if e.title.startswith("America/New_York all-night"))
    ((_, data),) = export_bytes(scopes.one_event(series), ExportOptions())
    text = data.decode()
    assert text.count("BEGIN:VEVENT") == 2
    assert "RECURRENCE-ID;TZID=America/New_York:" in text
    crossing = [
        o for o in series.occurrences() if crosses_offset_change(o.start, o.end, series.zone)
    ]
    assert len(crossing) == 1
    assert f"DTEND:{crossing[0].end:%Y%m%dT%H%M%SZ}" in text


def test_reading_our_file_back_finds_no_change_in_the_series() -> None:
    """The written-out meeting is where the rule puts it: not a moved occurrence."""
    for event in awkward_events():
        if not event.recurrence_rule:
            continue
        ((_, data),) = export_bytes(scopes.one_event(event), ExportOptions())
        (parsed,) = read_calendar(data, "test").events
        assert parsed.changes == (), event.title
        assert parsed.zone == event.zone
        assert (parsed.start_utc, parsed.end_utc) == (event.start_utc, event.end_utc)
