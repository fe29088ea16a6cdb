"""Calendar files read as RFC 5545 and RFC 5546 say, where an easy reading is wrong.

Each test imports a file a partner's calendar could send and checks what the coordinator
sees afterwards: each meeting's times on the event's own clock, and what the import's
report says. The files are those a tester found read wrongly (an instance versioned on
its own, a change of this and all later sessions, a series in UTC, a DURATION of days,
an EXDATE of a date), and the program's own file read back, which is no newer for its
later DTSTAMP.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_import
from cpp_scheduler.services.calendar_export import ProgramScope, export_calendar
from cpp_scheduler.services.calendar_import import ImportAction, ImportReport
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

NEW_YORK = "America/New_York"

NEW_YORK_ZONE = """BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
DTSTART:20070311T020000
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20071104T020000
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
END:STANDARD
END:VTIMEZONE
"""


def calendar(*events: str, head: str = "") -> str:
    """A calendar of ``events`` (each a list of lines without BEGIN and END) with New
    York's VTIMEZONE; ``head``: more calendar properties."""
    body = "".join(
        "BEGIN:VEVENT\n" + "".join(f"{line}\n" for line in e) + "END:VEVENT\n" for e in events
    )
    start = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//partner//EN\n{head}"
    return f"{start}{NEW_YORK_ZONE}{body}END:VCALENDAR\n"


def imported(
    database: Database, tmp_path: Path, text: str, name: str = "partner.ics", zone: str = NEW_YORK
) -> ImportReport:
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return calendar_import.import_calendar(database, path, default_zone=zone)


def meetings(database: Database, uid: str, zone: str = NEW_YORK) -> list[str]:
    """Each meeting the program holds, as its start and end on ``zone``'s clock."""
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == uid)).one()
        found = []
        for meeting in event.occurrences():
            start = timezones.to_local(meeting.start, zone)
            end = timezones.to_local(meeting.end, zone)
            found.append(f"{start:%a %d %b %H:%M %Z} - {end:%a %d %b %H:%M %Z}")
        return found


def summary(report: ImportReport) -> str:
    return report.lines()[-1]


# -- 1. each moved meeting is versioned by its own SEQUENCE ---------------------------
SERIES = [
    "UID:gseries@google.com",
    "SUMMARY:G weekly",
    "DTSTART;TZID=America/New_York:20270301T090000",
    "DTEND;TZID=America/New_York:20270301T100000",
    "RRULE:FREQ=WEEKLY;COUNT=4",
    "SEQUENCE:0",
    "DTSTAMP:20261201T000000Z",
]
MOVED = [
    "UID:gseries@google.com",
    "RECURRENCE-ID;TZID=America/New_York:20270315T090000",
    "SUMMARY:G weekly",
    "DTSTART;TZID=America/New_York:20270316T110000",
    "DTEND;TZID=America/New_York:20270316T120000",
    "SEQUENCE:1",
    "DTSTAMP:20261203T000000Z",
]


def test_a_meeting_moved_with_a_higher_sequence_than_its_series_is_taken(
    database: Database, tmp_path: Path
) -> None:
    """RFC 5545 3.8.7.4, RFC 5546 2.1.5: Google raises the SEQUENCE of the moved meeting
    alone; the series' own stays 0."""
    imported(database, tmp_path, calendar(SERIES), "v0.ics")
    report = imported(database, tmp_path, calendar(SERIES, MOVED), "v1.ics")
    assert summary(report).endswith("v1.ics: 0 created, 1 updated, 0 left as they are, 0 skipped")
    assert meetings(database, "gseries@google.com") == [
        "Mon 01 Mar 09:00 EST - Mon 01 Mar 10:00 EST",
        "Mon 08 Mar 09:00 EST - Mon 08 Mar 10:00 EST",
        "Tue 16 Mar 11:00 EDT - Tue 16 Mar 12:00 EDT",
        "Mon 22 Mar 09:00 EDT - Mon 22 Mar 10:00 EDT",
    ]
    again = imported(database, tmp_path, calendar(SERIES, MOVED), "v1.ics")
    assert [change.action for change in again.changes] == [ImportAction.UNCHANGED]
    assert "version 1 is already here" in again.lines()[0]


# -- 2. RANGE=THISANDFUTURE ------------------------------------------------------------
WEEKLY = [
    "UID:tf@example.org",
    "SUMMARY:Weekly call",
    "DTSTART;TZID=America/New_York:20270301T090000",
    "DTEND;TZID=America/New_York:20270301T100000",
    "RRULE:FREQ=WEEKLY;COUNT=5",
    "DTSTAMP:20261201T000000Z",
]
FROM_15_MARCH = [
    "UID:tf@example.org",
    "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20270315T090000",
    "SUMMARY:Weekly call",
    "DTSTART;TZID=America/New_York:20270315T110000",
    "DTEND;TZID=America/New_York:20270315T123000",
    "DTSTAMP:20261201T000000Z",
]


def test_a_change_of_this_and_all_later_sessions_moves_every_later_one(
    database: Database, tmp_path: Path
) -> None:
    """RFC 5545 3.2.13, as recurring-ical-events, ical.js and khal read it: the later
    sessions move by as much and take the new length; the earlier ones stay."""
    report = imported(database, tmp_path, calendar(WEEKLY, FROM_15_MARCH))
    assert meetings(database, "tf@example.org") == [
        "Mon 01 Mar 09:00 EST - Mon 01 Mar 10:00 EST",
        "Mon 08 Mar 09:00 EST - Mon 08 Mar 10:00 EST",
        "Mon 15 Mar 11:00 EDT - Mon 15 Mar 12:30 EDT",
        "Mon 22 Mar 11:00 EDT - Mon 22 Mar 12:30 EDT",
        "Mon 29 Mar 11:00 EDT - Mon 29 Mar 12:30 EDT",
    ]
    assert (
        "        the change of the session of Mon 15 Mar 2027 09:00 applies to it and to every "
        "later session (RANGE=THISANDFUTURE), as RFC 5545 says"
    ) in report.lines()


def test_a_later_session_changed_on_its_own_keeps_its_own_change(
    database: Database, tmp_path: Path
) -> None:
    own = [
        "UID:tf@example.org",
        "RECURRENCE-ID;TZID=America/New_York:20270322T090000",
        "STATUS:CANCELLED",
        "DTSTART;TZID=America/New_York:20270322T090000",
        "DTEND;TZID=America/New_York:20270322T100000",
    ]
    imported(database, tmp_path, calendar(WEEKLY, FROM_15_MARCH, own))
    assert meetings(database, "tf@example.org")[2:] == [
        "Mon 15 Mar 11:00 EDT - Mon 15 Mar 12:30 EDT",
        "Mon 29 Mar 11:00 EDT - Mon 29 Mar 12:30 EDT",
    ]


def test_a_cancellation_of_this_and_all_later_sessions_ends_the_series_there(
    database: Database, tmp_path: Path
) -> None:
    cancelled = [*FROM_15_MARCH, "STATUS:CANCELLED"]
    imported(database, tmp_path, calendar(WEEKLY, cancelled))
    assert meetings(database, "tf@example.org") == [
        "Mon 01 Mar 09:00 EST - Mon 01 Mar 10:00 EST",
        "Mon 08 Mar 09:00 EST - Mon 08 Mar 10:00 EST",
    ]


def test_a_change_of_this_and_all_later_sessions_without_its_series_is_skipped(
    database: Database, tmp_path: Path
) -> None:
    """Its reading needs the series' rule, which the file does not give: it is listed as
    skipped, not imported as the change of one session."""
    imported(database, tmp_path, calendar(WEEKLY), "series.ics")
    report = imported(database, tmp_path, calendar(FROM_15_MARCH), "alone.ics")
    assert [entry.reason for entry in report.skipped] == [
        "a change of one session and every later one (RANGE=THISANDFUTURE) sent without its "
        "series; send the series with it"
    ]
    assert meetings(database, "tf@example.org")[2] == "Mon 15 Mar 09:00 EDT - Mon 15 Mar 10:00 EDT"


# -- 3. a series anchored in UTC ---------------------------------------------------------
UTC_SERIES = [
    "UID:utc-series@example.org",
    "SUMMARY:UTC series",
    "DTSTART:20270301T140000Z",
    "DTEND:20270301T150000Z",
    "RRULE:FREQ=WEEKLY;COUNT=4",
    "DTSTAMP:20261201T000000Z",
]


def test_a_series_given_in_utc_keeps_its_utc_time_across_a_change_of_clocks(
    database: Database, tmp_path: Path
) -> None:
    """RFC 5545 3.3.5 form 2: a UTC time is absolute, whatever the import's zone."""
    report = imported(database, tmp_path, calendar(UTC_SERIES), zone=NEW_YORK)
    assert meetings(database, "utc-series@example.org", "UTC") == [
        f"Mon {day:02d} Mar 14:00 UTC - Mon {day:02d} Mar 15:00 UTC" for day in (1, 8, 15, 22)
    ]
    assert (
        "        the series starts at a UTC time with no zone of its own: every session keeps "
        "14:00 UTC, as RFC 5545 says"
    ) in report.lines()


def test_a_utc_series_of_a_calendar_with_a_zone_keeps_that_zones_clock(
    database: Database, tmp_path: Path
) -> None:
    """Google's X-WR-TIMEZONE names the clock its series keep: read as before."""
    text = calendar(UTC_SERIES, head="X-WR-TIMEZONE:America/New_York\n")
    imported(database, tmp_path, text, zone="Asia/Tokyo")
    assert [m[:18] for m in meetings(database, "utc-series@example.org")] == [
        f"Mon {day:02d} Mar 09:00 E" for day in (1, 8, 15, 22)
    ]


# -- 4. DURATION's days are nominal ------------------------------------------------------
def arrival(*lines: str) -> list[str]:
    return [
        "UID:dur@example.org",
        "SUMMARY:Delegation arrival day",
        "DTSTART;TZID=America/New_York:20270313T120000",
        "DTSTAMP:20261201T000000Z",
        *lines,
    ]


def test_a_duration_of_a_day_ends_at_the_same_time_the_next_day(
    database: Database, tmp_path: Path
) -> None:
    """RFC 5545 3.3.6: P1D from Saturday 12:00 ends Sunday 12:00 although New York's
    clocks spring forward between (23 hours); PT24H is exactly 24 hours."""
    imported(database, tmp_path, calendar(arrival("DURATION:P1D")))
    assert meetings(database, "dur@example.org") == ["Sat 13 Mar 12:00 EST - Sun 14 Mar 12:00 EDT"]
    other = calendar(arrival("DURATION:PT24H")).replace("dur@", "exact@")
    imported(database, tmp_path, other, "exact.ics")
    assert meetings(database, "exact@example.org") == [
        "Sat 13 Mar 12:00 EST - Sun 14 Mar 13:00 EDT"
    ]


def test_every_meeting_of_a_series_of_a_duration_of_days_keeps_its_wall_clock_end(
    database: Database, tmp_path: Path
) -> None:
    """RFC 5545 3.8.5.3: the same nominal duration applies to every meeting (the one
    across New York's autumn change lasts 25 hours)."""
    series = arrival("DURATION:P1D", "RRULE:FREQ=WEEKLY;COUNT=3")
    imported(
        database, tmp_path, calendar([line.replace("20270313", "20271023") for line in series])
    )
    assert meetings(database, "dur@example.org") == [
        "Sat 23 Oct 12:00 EDT - Sun 24 Oct 12:00 EDT",
        "Sat 30 Oct 12:00 EDT - Sun 31 Oct 12:00 EDT",
        "Sat 06 Nov 12:00 EDT - Sun 07 Nov 12:00 EST",
    ]


def test_a_moved_meetings_duration_of_days_is_nominal_too(
    database: Database, tmp_path: Path
) -> None:
    """The series' first meeting is 23 hours long, its next ones a day each; the moved
    first meeting's P1DT1H is a day and an hour."""
    moved = [
        "UID:dur@example.org",
        "RECURRENCE-ID;TZID=America/New_York:20270313T120000",
        "DTSTART;TZID=America/New_York:20270313T130000",
        "DURATION:P1DT1H",
    ]
    series = arrival("DURATION:P1D", "RRULE:FREQ=WEEKLY;COUNT=3")
    imported(database, tmp_path, calendar(series, moved))
    assert meetings(database, "dur@example.org") == [
        "Sat 13 Mar 13:00 EST - Sun 14 Mar 14:00 EDT",
        "Sat 20 Mar 12:00 EDT - Sun 21 Mar 12:00 EDT",
        "Sat 27 Mar 12:00 EDT - Sun 28 Mar 12:00 EDT",
    ]


# -- 5. EXDATE of a date -----------------------------------------------------------------
def test_an_exdate_of_a_date_cancels_that_days_meeting(database: Database, tmp_path: Path) -> None:
    """As recurring-ical-events, ical and ical.js read it: the meeting on that day in the
    series' zone."""
    stand_up = [
        "UID:exdate-date@example.org",
        "SUMMARY:Daily stand-up",
        "DTSTART;TZID=America/New_York:20270701T090000",
        "DTEND;TZID=America/New_York:20270701T100000",
        "RRULE:FREQ=DAILY;COUNT=5",
        "EXDATE;VALUE=DATE:20270703",
        "DTSTAMP:20261201T000000Z",
    ]
    imported(database, tmp_path, calendar(stand_up))
    assert [m[:6] for m in meetings(database, "exdate-date@example.org")] == [
        "Thu 01",
        "Fri 02",
        "Sun 04",
        "Mon 05",
    ]


# -- 6. a file written later, of the same SEQUENCE, is the same version ------------------
def test_the_programs_own_export_imported_again_changes_nothing(
    database: Database, tmp_path: Path
) -> None:
    """The demo program exported and imported again at once: every DTSTAMP is later
    than every change the program holds, yet each event is the version already here
    (DTSTAMP says when the file was written, not when the event changed), and nothing
    is counted as updated."""
    load_demo(database)
    path = tmp_path / "program.ics"
    export_calendar(database, ProgramScope(), path)
    report = calendar_import.import_calendar(database, path)
    assert {change.action for change in report.changes} == {ImportAction.UNCHANGED}
    assert " 0 updated, " in summary(report)


# -- a UTC time written with a zone -------------------------------------------------
def test_a_utc_time_written_with_a_zone_is_read_as_the_utc_time_it_writes(
    database: Database, tmp_path: Path
) -> None:
    """RFC 5545 3.3.5: a TZID is not applied to a UTC time. 20270310T230000Z is 23:00 UTC
    (18:00 in New York), not 23:00 in New York; the zone is still the event's, and the
    preview says how the time was read."""
    one_off = [
        "UID:utc-with-zone@example.org",
        "SUMMARY:Evening call",
        "DTSTART;TZID=America/New_York:20270310T230000Z",
        "DURATION:PT1H",
        "DTSTAMP:20261201T000000Z",
    ]
    text = calendar(one_off)
    path = tmp_path / "utc.ics"
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    preview = calendar_import.import_calendar(database, path, dry_run=True).lines()
    assert preview[:2] == [
        "create  Evening call (Wed 10 Mar 2027 18:00 America/New_York)",
        "        DTSTART gives 20270310T230000Z, a UTC time, with TZID=America/New_York: read "
        "as Wed 10 Mar 2027 23:00 UTC, since RFC 5545 applies no zone to a UTC time",
    ]
    imported(database, tmp_path, text, "utc.ics")
    assert meetings(database, "utc-with-zone@example.org") == [
        "Wed 10 Mar 18:00 EST - Wed 10 Mar 19:00 EST"
    ]


def test_a_series_and_its_exceptions_given_in_utc_with_a_zone_keep_that_zones_clock(
    database: Database, tmp_path: Path
) -> None:
    """The series starts at 23:00 UTC and repeats at 18:00 on New York's clock, the zone
    its TZID names (as X-WR-TIMEZONE names it for a UTC series); its EXDATE and its
    moved meeting's RECURRENCE-ID, given in UTC too, name the meetings of those instants."""
    series = [
        "UID:utc-series@example.org",
        "SUMMARY:Evening series",
        "DTSTART;TZID=America/New_York:20270310T230000Z",
        "DTEND;TZID=America/New_York:20270311T000000Z",
        "RRULE:FREQ=DAILY;COUNT=5",
        "EXDATE;TZID=America/New_York:20270312T230000Z",
        "DTSTAMP:20261201T000000Z",
    ]
    moved = [
        "UID:utc-series@example.org",
        "SUMMARY:Evening series",
        "RECURRENCE-ID;TZID=America/New_York:20270311T230000Z",
        "DTSTART;TZID=America/New_York:20270311T120000",
        "DURATION:PT1H",
        "DTSTAMP:20261201T000000Z",
    ]
    imported(database, tmp_path, calendar(series, moved), "utc-series.ics")
    assert sorted(meetings(database, "utc-series@example.org")) == [
        "Sat 13 Mar 18:00 EST - Sat 13 Mar 19:00 EST",
        "Sun 14 Mar 18:00 EDT - Sun 14 Mar 19:00 EDT",
        "Thu 11 Mar 12:00 EST - Thu 11 Mar 13:00 EST",
        "Wed 10 Mar 18:00 EST - Wed 10 Mar 19:00 EST",
    ]
