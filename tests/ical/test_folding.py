"""The lines a batch writes anew for each reader (the calendar's name, a meeting's
description) are the very bytes icalendar writes for them inside a component: same
escaping, same folds, so every participant's file stays byte for byte what the
one-file export writes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import (
    ExportOptions,
    Method,
    _description_line,
    _name_lines,
    build_calendars,
    serialize,
)
from cpp_scheduler.ical.text import Text
from tests.ical.awkward import awkward_events
from tests.ical.program import build_program

STAMP = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)

TEXTS = st.text(
    st.sampled_from(list("abcXYZ 0,;:\\^\"'\t\n\r-_東京都神戸市é🎉\u2028\u00a0"))
    | st.characters(exclude_categories=("Cs",)),
    max_size=400,
)


def _inside(component: icalendar.cal.component.Component) -> bytes:
    data: bytes = component.to_ical()
    begin = f"BEGIN:{component.name}\r\n".encode()
    end = f"END:{component.name}\r\n".encode()
    return data[len(begin) : -len(end)]


@settings(max_examples=400)
@given(TEXTS)
def test_a_description_line_is_what_icalendar_writes_in_a_vevent(text: str) -> None:
    event = icalendar.Event()
    event.add("DESCRIPTION", Text(text))
    assert _description_line(text) == _inside(event)


@settings(max_examples=400)
@given(TEXTS)
def test_the_calendar_name_lines_are_what_icalendar_writes_in_a_calendar(text: str) -> None:
    calendar = icalendar.Calendar()
    calendar.add("X-WR-CALNAME", Text(text))
    calendar.add("NAME", Text(text))
    assert b"".join(line.removeprefix(b"\r\n") for line in _name_lines(text)) == _inside(calendar)


def _calendars(content: scopes.CalendarContent, **options: Any) -> list[icalendar.Calendar]:
    return build_calendars(content, ExportOptions(stamp=STAMP, **options))


@pytest.mark.parametrize("with_attendees", [False, True])
def test_whole_files_are_the_bytes_icalendar_writes(with_attendees: bool) -> None:
    """Series with cancelled and moved meetings, awkward zones, Japanese text, names in
    parameters, requests and cancellations: every file serialised here is what
    icalendar's own ``to_ical`` gives for the same calendar."""
    program = build_program()
    contents = [
        scopes.program([*program.events, *awkward_events()], name="CPP 東京 program"),
        scopes.participant_schedule(program.ana, program.events, [], with_attendees=with_attendees),
    ]
    for method in (Method.PUBLISH, Method.REQUEST):
        for content in contents:
            for calendar in _calendars(content, method=method):
                assert serialize(calendar) == calendar.to_ical()
