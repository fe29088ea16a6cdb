"""Calendar files whose dates lie at the ends of what a date holds (year 1, year 9999).

Some calendar programs write ``UNTIL=99991231`` for a series with no end, and a hostile
file can put any of an event's dates there. The program plans 1900 to 2199: such a file
is imported as far as the program can hold it, its series read as the program reads any
series running past its last day (skipped, with the series rule's own reason), and
anything else it cannot read refused in one line naming the line; never an unexpected
error, and nothing half-written.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from cpp_scheduler.cli import main
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_import
from cpp_scheduler.store import Database, open_database
from tests.hostile import assert_one_line

UNTIL_REFUSED = "A series' last date (UNTIL) must lie from 1900-01-01 to 2199-12-31."
"""What the series' own rule says of a last date outside the program's years."""

FREE_ZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Partner office",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0530",
    "TZOFFSETTO:+0530",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def calendar(*body: str, zones: tuple[str, ...] = ()) -> str:
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Partner city//EN",
            *zones,
            *body,
            "END:VCALENDAR",
            "",
        ]
    )


def event(*lines: str, uid: str = "series@kobe.example") -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20270101T000000Z",
            "SUMMARY:Kobe workshop", *lines, "END:VEVENT"]  # fmt: skip


def events_in(path: Path) -> int:
    database = open_database(path)
    try:
        with database.session() as session:
            return int(session.scalar(select(func.count()).select_from(Event)) or 0)
    finally:
        database.close()


@pytest.mark.parametrize(
    ("start", "until"),
    [
        ("DTSTART:20270101T000000Z", "99991231T000000Z"),
        ("DTSTART;TZID=America/New_York:20270101T090000", "99991231T235959Z"),
        ("DTSTART;TZID=Pacific/Kiritimati:20270101T090000", "99991231T235959Z"),
        ("DTSTART;TZID=America/New_York:20270101T090000", "00010101T000000Z"),
        ("DTSTART:20270101T090000", "99991231T235959"),
        ("DTSTART:20270101T000000Z", "99991231"),
    ],
)
def test_a_series_until_9999_is_skipped_as_running_past_the_programs_dates(
    tmp_path: Path,
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    start: str,
    until: str,
) -> None:
    """``UNTIL=99991231`` ("no end" to some programs) is a series past 2199: the dry run
    and the import alike list it as skipped with the series rule's reason, and import the
    rest."""
    path = tmp_path / "partner.ics"
    path.write_text(
        calendar(
            *event(start, "DURATION:PT1H", f"RRULE:FREQ=YEARLY;UNTIL={until}"),
            *event("DTSTART:20270301T010000Z", "DURATION:PT1H", uid="once@kobe.example"),
        ),
        newline="",
    )
    assert main(["import", str(path), "--dry-run", "--db", str(sqlite_path)]) == 0
    shown = capsys.readouterr()
    assert f"skip    line 4: Kobe workshop: {UNTIL_REFUSED}" in shown.out
    assert "1 would be created, 0 would be updated, 0 left as they are, 1 skipped" in shown.out
    assert shown.err == ""
    assert events_in(sqlite_path) == 0
    assert main(["import", str(path), "--db", str(sqlite_path)]) == 0
    shown = capsys.readouterr()
    assert f"skip    line 4: Kobe workshop: {UNTIL_REFUSED}" in shown.out
    assert "1 created, 0 updated, 0 left as they are, 1 skipped" in shown.out
    assert shown.err == ""
    assert events_in(sqlite_path) == 1


def test_an_all_day_event_on_the_last_date_there_is_is_skipped_as_outside_the_range() -> None:
    parsed = read_calendar(calendar(*event("DTSTART;VALUE=DATE:99991231")).encode(), "far.ics")
    assert parsed.events == ()
    assert [(entry.line, entry.reason) for entry in parsed.skipped] == [
        (4, "the event lies outside the dates the program plans for (1900-01-01 to 2199-12-31)")
    ]


def test_an_excluded_date_of_year_1_in_a_freely_named_zone_is_refused_naming_it() -> None:
    """The date is checked before its zone is identified by its offsets around its year."""
    content = calendar(
        *event(
            "DTSTART:20270215T010000Z",
            "DURATION:PT1H",
            "RRULE:FREQ=DAILY;COUNT=3",
            "EXDATE;TZID=Partner office:00010101T000000",
        ),
        zones=tuple(FREE_ZONE),
    )
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content.encode(), "far.ics")
    assert str(caught.value) == (
        "far.ics, line 12 (VEVENT): EXDATE 0001-01-01 is outside the dates the program "
        "plans for (1900-01-01 to 2199-12-31)"
    )


def test_a_freely_named_zone_that_begins_in_9999_matches_no_zone() -> None:
    zone = [line.replace("19700101T000000", "99991231T000000") for line in FREE_ZONE]
    content = calendar(
        *event("DTSTART;TZID=Partner office:20270215T100000", "DURATION:PT1H"), zones=tuple(zone)
    )
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(content.encode(), "far.ics")
    assert str(caught.value) == (
        "far.ics, line 12 (VEVENT): DTSTART uses the time zone 'Partner office', whose "
        "VTIMEZONE matches no zone of the IANA database"
    )


# -- any date anywhere ----------------------------------------------------------------

ZONES = ["Z", ";TZID=America/Los_Angeles", ";TZID=Pacific/Kiritimati", ";TZID=Partner office", ""]


@st.composite
def far_time(draw: st.DrawFn) -> str:
    """A date-time near the ends of the program's range or of what a date holds."""
    year = draw(
        st.one_of(
            st.sampled_from([1, 2, 1899, 1900, 2027, 2199, 2200, 9998, 9999]),
            st.integers(1, 9999),
        )
    )
    month, day = draw(st.sampled_from([(1, 1), (1, 2), (6, 15), (12, 30), (12, 31)]))
    hour = draw(st.sampled_from([0, 9, 23]))
    return f"{year:04d}{month:02d}{day:02d}T{hour:02d}0000"


def stamped(name: str, zone: str, value: str) -> str:
    """``name`` given ``value`` in ``zone``: ``Z`` for UTC, a TZID, or floating."""
    if zone == "Z":
        return f"{name}:{value}Z"
    return f"{name}{zone}:{value}"


@st.composite
def far_calendar(draw: st.DrawFn) -> str:
    zone = draw(st.sampled_from(ZONES))
    all_day = draw(st.booleans())
    start = draw(far_time())
    lines = [
        f"DTSTART;VALUE=DATE:{start[:8]}" if all_day else stamped("DTSTART", zone, start),
    ]
    end = draw(st.sampled_from(["DTEND", "DURATION", "none"]))
    if end == "DTEND":
        value = draw(far_time())
        lines.append(f"DTEND;VALUE=DATE:{value[:8]}" if all_day else stamped("DTEND", zone, value))
    elif end == "DURATION":
        lines.append(
            "DURATION:" + draw(st.sampled_from(["PT1H", "P1D", "-P1D", "P99999999W", "-P3650000D"]))
        )
    if draw(st.booleans()):
        until = draw(far_time())
        until = draw(st.sampled_from([until + "Z", until, until[:8]]))
        lines.append(
            draw(st.sampled_from(["RRULE:FREQ=YEARLY;UNTIL=", "RRULE:FREQ=DAILY;UNTIL="])) + until
        )
        if draw(st.booleans()):
            lines.append(stamped("EXDATE", draw(st.sampled_from(ZONES)), draw(far_time())))
    body = event(*lines)
    if draw(st.booleans()):
        moved_zone = draw(st.sampled_from(ZONES))
        moved = draw(far_time())
        body += event(
            stamped("RECURRENCE-ID", moved_zone, draw(st.sampled_from([start, moved]))),
            stamped("DTSTART", moved_zone, moved),
            "DURATION:PT1H",
        )
    onset = draw(st.sampled_from(["19700101T000000", "00010101T000000", "99991231T000000"]))
    zones = [line.replace("19700101T000000", onset) for line in FREE_ZONE]
    return calendar(*body, zones=tuple(zones))


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("far-dates")
    shutil.copyfile(sqlite_template, folder / "program.sqlite")
    database = open_database(folder / "program.sqlite")
    yield database
    database.close()


@settings(
    max_examples=150,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=far_calendar(), dry_run=st.booleans())
@example(
    content=calendar(
        *event(
            "DTSTART:20270101T000000Z", "DURATION:PT1H", "RRULE:FREQ=YEARLY;UNTIL=99991231T000000Z"
        )
    ),
    dry_run=True,
)
@example(
    content=calendar(
        *event(
            "DTSTART;TZID=America/Los_Angeles:20270101T000000",
            "DURATION:PT1H",
            "RRULE:FREQ=YEARLY;UNTIL=00010101T000000Z",
        )
    ),
    dry_run=False,
)
@example(content=calendar(*event("DTSTART;VALUE=DATE:99991231")), dry_run=True)
def test_a_file_of_far_dates_is_imported_or_refused_in_one_line(
    program: Database, content: str, dry_run: bool
) -> None:
    try:
        parsed = calendar_import.checked(read_calendar(content.encode(), "far.ics"))
        calendar_import.apply_calendar(program, parsed, dry_run=dry_run)
    except SchedulerError as error:
        assert_one_line(error)
