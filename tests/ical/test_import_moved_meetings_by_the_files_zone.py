"""A series' moved meeting read by the file's own VTIMEZONE, as its series is.

Outlook writes a zone by its Windows name ("Eastern Standard Time") with the rules it
holds, which may be older than the IANA zone's: New York's before 2007 (summer time from
the first Sunday of April), or Mexico City's summer time, which Mexico gave up in 2022.
RFC 5545 section 3.2.19 makes the file's VTIMEZONE the definition of its TZID, so the
series and its moved meeting are both on the file's clock. Each test imports such a
file through the command line, as a coordinator does, and compares what
``cpp-scheduler events list`` shows with what recurring-ical-events reads in the file.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from tests.ical import parsers

WINDOW = (datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))

OLD_EASTERN = """BEGIN:VTIMEZONE
TZID:Eastern Standard Time
BEGIN:STANDARD
DTSTART:16010101T020000
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=4
END:DAYLIGHT
END:VTIMEZONE"""
"""New York's rules before 2007: 20 March 2027 is still on EST in this file, on EDT by
the IANA zone's rules (summer time from 14 March)."""

OLD_MEXICO = """BEGIN:VTIMEZONE
TZID:Central Standard Time (Mexico)
BEGIN:STANDARD
DTSTART:16010101T020000
TZOFFSETFROM:-0500
TZOFFSETTO:-0600
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:-0600
TZOFFSETTO:-0500
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=4
END:DAYLIGHT
END:VTIMEZONE"""
"""Mexico City with the summer time it gave up in 2022: 15 April 2027 is UTC-5 in this
file, UTC-6 by the IANA zone's rules."""


def series(tzid: str, first: str, rule: str = "FREQ=WEEKLY;COUNT=6") -> str:
    return f"""BEGIN:VEVENT
UID:partner-call@example.org
SUMMARY:Partner call
DTSTART;TZID={tzid}:{first}T090000
DTEND;TZID={tzid}:{first}T100000
RRULE:{rule}
DTSTAMP:20270201T010203Z
END:VEVENT"""


def moved(named: str, day: str, *, start: str = "110000", end: str = "120000") -> str:
    """A moved meeting of ``series``: ``named`` is its RECURRENCE-ID line."""
    tzid = named.split("TZID=")[1].split(":")[0] if "TZID=" in named else "UTC"
    return f"""BEGIN:VEVENT
UID:partner-call@example.org
{named}
SUMMARY:Partner call
DTSTART;TZID={tzid}:{day}T{start}
DTEND;TZID={tzid}:{day}T{end}
SEQUENCE:1
DTSTAMP:20270201T010203Z
END:VEVENT"""


def ics(*components: str) -> bytes:
    body = "".join(component.strip("\n") + "\n" for component in components)
    text = (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:Microsoft Exchange Server 2010\n"
        f"{body}END:VCALENDAR\n"
    )
    return text.replace("\n", "\r\n").encode()


def imported(
    sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, name: str
) -> tuple[str, str]:
    """The dry run's and the import's output of ``data`` saved as ``name``."""
    path = tmp_path / name
    path.write_bytes(data)
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(sqlite_path), "--dry-run"]) == 0
    dry_run = capsys.readouterr().out
    assert main(["import", str(path), "--db", str(sqlite_path)]) == 0
    return dry_run, capsys.readouterr().out


def listed(sqlite_path: Path, capsys: pytest.CaptureFixture[str]) -> set[parsers.Meeting]:
    """Every meeting ``cpp-scheduler events list`` shows, by UID, start and end in UTC."""
    capsys.readouterr()
    assert main(["events", "list", "--db", str(sqlite_path), "--json"]) == 0
    return {
        (row["uid"], _utc(row["start"]), _utc(row["end"]))
        for row in json.loads(capsys.readouterr().out)
        if row["status"] != "cancelled"
    }


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def utc(month: int, day: int, hour: int) -> datetime:
    return datetime(2027, month, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "first", "named", "day", "meant", "by_iana"),
    [
        (OLD_EASTERN, "20270306", "Eastern Standard Time", "20270320", utc(3, 20, 16), "15:00"),
        (
            OLD_MEXICO,
            "20270401",
            "Central Standard Time (Mexico)",
            "20270415",
            utc(4, 15, 16),
            "17:00",
        ),
    ],
    ids=["new-york-before-2007", "mexico-city-before-2022"],
)
def test_a_moved_meeting_is_where_the_files_own_zone_puts_it(
    sqlite_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    zone: str,
    first: str,
    named: str,
    day: str,
    meant: datetime,
    by_iana: str,
) -> None:
    """The series' meeting moved from 09:00 to 11:00 on the file's clock: it is held at
    the instant the file means, as recurring-ical-events reads it, not an hour off where
    the IANA zone of the name puts 11:00; the preview says which reading it took."""
    data = ics(zone, series(named, first), moved(f"RECURRENCE-ID;TZID={named}:{day}T090000", day))

    dry_run, _done = imported(sqlite_path, tmp_path, capsys, data, "outlook.ics")

    meetings = listed(sqlite_path, capsys)
    assert ("partner-call@example.org", meant, meant.replace(hour=meant.hour + 1)) in meetings
    assert meetings == parsers.with_recurring_ical_events(data, WINDOW)
    shown = f"{datetime.strptime(day, '%Y%m%d'):%a %d %b %Y} 11:00"
    assert (f"the file's own rules for '{named}' put {shown} at {meant:%H:%M} UTC") in dry_run
    assert f"put it at {by_iana} UTC: read as the file says" in dry_run


def test_a_recurrence_id_given_as_the_files_instant_names_its_meeting(
    sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A RECURRENCE-ID in UTC is the meeting's start as the file places it (RFC 5545
    section 3.8.4.4): 20 March 09:00 on the file's old Eastern clock is 14:00 UTC, which
    names that meeting; it is moved, not listed as naming no meeting of the series."""
    data = ics(
        OLD_EASTERN,
        series("Eastern Standard Time", "20270306"),
        moved("RECURRENCE-ID:20270320T140000Z", "20270320")
        .replace("DTSTART;TZID=UTC", "DTSTART;TZID=Eastern Standard Time")
        .replace("DTEND;TZID=UTC", "DTEND;TZID=Eastern Standard Time"),
    )

    _dry_run, done = imported(sqlite_path, tmp_path, capsys, data, "utc-named.ics")

    assert "0 skipped" in done
    meetings = listed(sqlite_path, capsys)
    assert ("partner-call@example.org", utc(3, 20, 16), utc(3, 20, 17)) in meetings
    assert meetings == parsers.with_recurring_ical_events(data, WINDOW)


def test_a_change_of_a_meeting_and_all_later_ones_moves_each_on_the_files_clock(
    sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """RANGE=THISANDFUTURE from 20 March: every later meeting moves two hours on the
    file's clock, which is still EST until 4 April and EDT after: each where
    recurring-ical-events reads it."""
    data = ics(
        OLD_EASTERN,
        series("Eastern Standard Time", "20270306"),
        moved(
            "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Eastern Standard Time:20270320T090000",
            "20270320",
        ),
    )

    imported(sqlite_path, tmp_path, capsys, data, "from-20-march.ics")

    meetings = listed(sqlite_path, capsys)
    assert [start.strftime("%d %H:%M") for _uid, start, _end in sorted(meetings)] == [
        "06 14:00", "13 14:00", "20 16:00", "27 16:00", "03 16:00", "10 15:00",
    ]  # fmt: skip
    assert meetings == parsers.with_recurring_ical_events(data, WINDOW)


def test_a_meeting_moved_on_its_own_later_is_read_by_the_files_zone(
    sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outlook sends the moved meeting alone, with its zone, once the series is held:
    its new time is read by the file's rules as the series' was, and the preview says
    so under the move."""
    imported(
        sqlite_path,
        tmp_path,
        capsys,
        ics(OLD_EASTERN, series("Eastern Standard Time", "20270306")),
        "series.ics",
    )
    alone = ics(
        OLD_EASTERN,
        moved("RECURRENCE-ID;TZID=Eastern Standard Time:20270320T090000", "20270320"),
    )

    dry_run, _done = imported(sqlite_path, tmp_path, capsys, alone, "moved.ics")

    lines = dry_run.splitlines()
    assert lines[0] == (
        "update  Partner call: the session of Sat 20 Mar 2027 13:00 UTC: "
        "move to Sat 20 Mar 2027 16:00 UTC"
    )
    assert lines[1] == (
        "        the file's own rules for 'Eastern Standard Time' put Sat 20 Mar 2027 11:00 "
        "at 16:00 UTC (12:00 in America/New_York); the rules of America/New_York put it at "
        "15:00 UTC: read as the file says, as RFC 5545 says"
    )
    assert ("partner-call@example.org", utc(3, 20, 16), utc(3, 20, 17)) in listed(
        sqlite_path, capsys
    )
