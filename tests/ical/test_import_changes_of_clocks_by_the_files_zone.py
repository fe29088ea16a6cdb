"""The hours a change of clocks skips or repeats, read by the file's own VTIMEZONE.

Outlook writes a zone under its IANA or Windows name with the rules it holds, which may
be older than the IANA zone's: New York's before 2007, whose clocks go forward on the
first Sunday of April and back on the last Sunday of October. RFC 5545 section 3.2.19
makes the file's VTIMEZONE the definition of its TZID at a change of clocks as on any
other day: an hour the IANA zone alone skips or repeats is an ordinary hour of the
file's clock, and one the file's clock skips or repeats is read as section 3.3.5 says on
that clock (moved forward by the gap, or the first of the two), and listed in the
import's preview. Each test imports such a file as a coordinator does and checks the
instants the program holds and what the dry run lists.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from sqlalchemy import select

from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_import
from cpp_scheduler.store import Database

NEW_YORK_BEFORE_2007 = [
    "BEGIN:VTIMEZONE",
    "TZID:America/New_York",
    "BEGIN:STANDARD",
    "DTSTART:19671029T020000",
    "TZOFFSETFROM:-0400",
    "TZOFFSETTO:-0500",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:19870405T020000",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0400",
    "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
]
"""In 2027 the file's clocks go forward on 4 April and back on 31 October; the IANA
zone's on 14 March and 7 November."""


def _event(uid: str, start: str, *extra: str, end: str | None = None) -> list[str]:
    ends = [f"DTEND;TZID=America/New_York:{end}"] if end else ["DURATION:PT1H"]
    return ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:{uid}", "DTSTAMP:20261201T000000Z",
            f"DTSTART;TZID=America/New_York:{start}", *ends, *extra, "END:VEVENT"]  # fmt: skip


def _file(tmp_path: Path, *events: list[str]) -> Path:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0",
             "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
             *NEW_YORK_BEFORE_2007, *(line for event in events for line in event),
             "END:VCALENDAR", ""]  # fmt: skip
    path = tmp_path / "outlook.ics"
    path.write_text("\r\n".join(lines), encoding="utf-8")
    return path


def _held(database: Database) -> dict[str, list[str]]:
    """Each event's meetings as the program holds them, in UTC."""
    with database.session() as session:
        return {
            event.uid: [
                f"{meeting.start.astimezone(UTC):%d %b %H:%M}-{meeting.end.astimezone(UTC):%H:%M}"
                for meeting in sorted(event.occurrences(), key=lambda meeting: meeting.start)
            ]
            for event in session.scalars(select(Event))
        }


def test_hours_the_iana_zone_alone_repeats_or_skips_are_read_by_the_files_clock(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """7 November 00:30 and 01:30 are an hour apart on the file's clock (EST since 31
    October), though the IANA zone repeats 01:30 that night; 14 March 02:00 to 03:00 is
    an hour of the file's clock (EST until 4 April), though the IANA zone skips it."""
    path = _file(
        tmp_path,
        _event("before-the-repeated-hour", "20271107T003000"),
        _event("in-the-repeated-hour", "20271107T013000"),
        _event("over-the-skipped-hour", "20270314T020000", end="20270314T030000"),
    )
    dry_run = calendar_import.import_calendar(sqlite_database, path, dry_run=True).lines()
    assert (
        "        the file's own rules for 'America/New_York' put Sun 07 Nov 2027 01:30 at 06:30 "
        "UTC (01:30 in America/New_York); the rules of America/New_York put it at 05:30 UTC: "
        "read as the file says, as RFC 5545 says"
    ) in dry_run
    assert not any("happens twice" in line for line in dry_run)
    calendar_import.import_calendar(sqlite_database, path)
    assert _held(sqlite_database) == {
        "before-the-repeated-hour": ["07 Nov 05:30-06:30"],
        "in-the-repeated-hour": ["07 Nov 06:30-07:30"],
        "over-the-skipped-hour": ["14 Mar 07:00-08:00"],
    }


def test_an_hour_the_files_clock_skips_is_moved_forward_by_the_gap_and_listed(
    sqlite_database: Database, tmp_path: Path
) -> None:
    path = _file(
        tmp_path,
        _event("before-the-gap", "20270404T013000"),
        _event("in-the-gap", "20270404T023000"),
    )
    dry_run = calendar_import.import_calendar(sqlite_database, path, dry_run=True).lines()
    assert dry_run[
        dry_run.index("create  in-the-gap (Sun 04 Apr 2027 03:30 America/New_York)") + 1
    ] == (
        "        the file's own rules for 'America/New_York' skip Sun 04 Apr 2027 02:30 when "
        "clocks change: read as 03:30 EDT in America/New_York (07:30 UTC), moved forward by "
        "the gap as RFC 5545 says; the rules of America/New_York put it at 06:30 UTC"
    )
    calendar_import.import_calendar(sqlite_database, path)
    assert _held(sqlite_database) == {
        "before-the-gap": ["04 Apr 06:30-07:30"],
        "in-the-gap": ["04 Apr 07:30-08:30"],
    }


def test_an_hour_the_files_clock_repeats_is_read_as_the_first_and_listed(
    sqlite_database: Database, tmp_path: Path
) -> None:
    path = _file(tmp_path, _event("in-the-files-repeated-hour", "20271031T013000"))
    dry_run = calendar_import.import_calendar(sqlite_database, path, dry_run=True).lines()
    assert dry_run[1] == (
        "        the file's own rules for 'America/New_York' pass Sun 31 Oct 2027 01:30 twice "
        "when clocks change: read as the first, 01:30 EDT in America/New_York (05:30 UTC), as "
        "RFC 5545 says; the rules of America/New_York put it at 05:30 UTC"
    )


def test_each_meeting_of_a_series_at_a_change_of_clocks_is_read_by_the_files_clock(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """A weekly 02:30 across the file's gap of 4 April, and a weekly 01:30 across the
    IANA zone's repeated hour of 7 November: each meeting where the file's clock puts it."""
    path = _file(
        tmp_path,
        _event("spring", "20270328T023000", "RRULE:FREQ=WEEKLY;COUNT=3"),
        _event("autumn", "20271031T013000", "RRULE:FREQ=WEEKLY;COUNT=3"),
    )
    dry_run = calendar_import.import_calendar(sqlite_database, path, dry_run=True).lines()
    assert (
        "        the file's own rules for 'America/New_York' skip Sun 04 Apr 2027 02:30 when "
        "clocks change: read as 03:30 EDT in America/New_York (07:30 UTC), moved forward by "
        "the gap as RFC 5545 says; the rules of America/New_York put it at 06:30 UTC"
    ) in dry_run
    assert not any("Sun 07 Nov 2027 01:30 happens twice" in line for line in dry_run)
    calendar_import.import_calendar(sqlite_database, path)
    assert _held(sqlite_database) == {
        "spring": ["28 Mar 07:30-08:30", "04 Apr 07:30-08:30", "11 Apr 06:30-07:30"],
        "autumn": ["31 Oct 05:30-06:30", "07 Nov 06:30-07:30", "14 Nov 06:30-07:30"],
    }
