"""Calendar files other programs write, read as they mean and as RFC 5545 says.

Each test imports a file such as Outlook, Apple Calendar, Google or Thunderbird writes
into a real database and checks what a coordinator would notice: the meetings the
program holds, what the dry run lists under each event, and the file the program writes
back, read by recurring-ical-events as a participant's calendar reads it. The files are
those a tester found read wrongly: a series whose start is not a day of its rule, a
VTIMEZONE whose rules are not those of the zone it names, Outlook's all-day flag, a
vendor-prefixed zone name, a DURATION of a day across a change of clocks, and the
program's own export of a long agenda.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from sqlalchemy import select

from cpp_scheduler import limits, timezones
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_import
from cpp_scheduler.services.calendar_export import ProgramScope, export_calendar
from cpp_scheduler.services.calendar_import import ImportReport
from cpp_scheduler.store import Database, open_database

TOKYO = "Asia/Tokyo"
NEW_YORK = "America/New_York"


def _calendar(*lines: str, product: str = "-//Partner city//Planner//EN") -> str:
    return "\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{product}", *lines,
                      "END:VCALENDAR"]) + "\n"  # fmt: skip


def _imported(
    database: Database, tmp_path: Path, text: str, *, dry_run: bool = False, zone: str = TOKYO
) -> ImportReport:
    path = tmp_path / "partner.ics"
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return calendar_import.import_calendar(database, path, dry_run=dry_run, default_zone=zone)


def _held(database: Database, uid: str, zone: str = TOKYO) -> list[str]:
    """Each meeting the program holds, started on ``zone``'s clock."""
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == uid)).one()
        return [
            f"{timezones.to_local(start, zone):%a %d %b %H:%M %Z}"
            for start in sorted(meeting.start for meeting in event.occurrences())
        ]


def _read_back(database: Database, tmp_path: Path) -> list[datetime]:
    """The starts of every meeting of the program's own export, in UTC, as
    recurring-ical-events reads the file."""
    path = tmp_path / "back.ics"
    export_calendar(database, ProgramScope(), path)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return sorted(
        meeting["DTSTART"].dt.astimezone(UTC)
        for meeting in recurring_ical_events.of(calendar).between((1990, 1, 1), (2100, 1, 1))
        if str(meeting.get("STATUS", "")) != "CANCELLED"
    )


# -- a series whose start is not a day of its rule ---------------------------------------
SECOND_TUESDAYS = [
    "BEGIN:VEVENT",
    "UID:b2@example.org",
    "DTSTAMP:20270101T000000Z",
    "SUMMARY:Second Tuesdays",
    "DTSTART;TZID=Asia/Tokyo:20270301T090000",
    "DTEND;TZID=Asia/Tokyo:20270301T100000",
    "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3",
    "END:VEVENT",
]


def test_a_start_its_rule_does_not_give_is_the_first_of_the_sessions_counted(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """RFC 5545 3.8.5.3: DTSTART is the first meeting whatever the rule, and counts in
    COUNT: Monday 1 March, then the second Tuesdays of March and April. The program's
    file gives every reader those three meetings, and the dry run says how it read them."""
    text = _calendar(*SECOND_TUESDAYS)
    dry_run = _imported(sqlite_database, tmp_path, text, dry_run=True)
    assert dry_run.lines()[:2] == [
        "create  Second Tuesdays (Tue 09 Mar 2027 09:00 Asia/Tokyo)",
        "        the series starts on Mon 01 Mar 2027 09:00, a day its rule does not give: "
        "RFC 5545 counts that start as its first session, so its sessions are Mon 01 Mar "
        "2027 09:00 and 2 of the rule from Tue 09 Mar 2027; held as the rule's session of "
        "Tue 11 May 2027 moved to Mon 01 Mar 2027 09:00",
    ]

    _imported(sqlite_database, tmp_path, text)

    assert _held(sqlite_database, "b2@example.org") == [
        "Mon 01 Mar 09:00 JST",
        "Tue 09 Mar 09:00 JST",
        "Tue 13 Apr 09:00 JST",
    ]
    assert _read_back(sqlite_database, tmp_path) == [
        datetime(2027, 3, 1, 0, 0, tzinfo=UTC),
        datetime(2027, 3, 9, 0, 0, tzinfo=UTC),
        datetime(2027, 4, 13, 0, 0, tzinfo=UTC),
    ]


def test_a_start_off_its_rule_with_a_last_date_adds_that_start_to_the_rules_sessions(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """With UNTIL, the start is one meeting more than the rule's before that date."""
    lines = [line.replace("COUNT=3", "UNTIL=20270501T000000Z") for line in SECOND_TUESDAYS]
    _imported(sqlite_database, tmp_path, _calendar(*lines))
    assert _held(sqlite_database, "b2@example.org") == [
        "Mon 01 Mar 09:00 JST",
        "Tue 09 Mar 09:00 JST",
        "Tue 13 Apr 09:00 JST",
    ]


def test_a_start_off_its_rule_cancelled_by_exdate_leaves_the_rules_sessions_before_count(
    sqlite_database: Database, tmp_path: Path
) -> None:
    lines = [*SECOND_TUESDAYS[:-1], "EXDATE;TZID=Asia/Tokyo:20270301T090000", "END:VEVENT"]
    _imported(sqlite_database, tmp_path, _calendar(*lines))
    assert _held(sqlite_database, "b2@example.org") == [
        "Tue 09 Mar 09:00 JST",
        "Tue 13 Apr 09:00 JST",
    ]
    assert _read_back(sqlite_database, tmp_path) == [
        datetime(2027, 3, 9, 0, 0, tzinfo=UTC),
        datetime(2027, 4, 13, 0, 0, tzinfo=UTC),
    ]


def test_a_series_made_in_the_program_is_written_from_its_first_session(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """The program's own series never starts off its rule in a file: its export starts
    at the first meeting, so importing it again reads the same meetings and notes none."""
    _imported(sqlite_database, tmp_path, _calendar(*SECOND_TUESDAYS))
    path = tmp_path / "back.ics"
    export_calendar(sqlite_database, ProgramScope(), path)
    again = calendar_import.import_calendar(sqlite_database, path, dry_run=True)
    assert again.lines()[0] == (
        "same    Second Tuesdays (Tue 09 Mar 2027 09:00 Asia/Tokyo): version 0 is already here"
    )
    assert "does not give" not in "\n".join(again.lines())
    original = _imported(sqlite_database, tmp_path, _calendar(*SECOND_TUESDAYS), dry_run=True)
    assert original.lines()[0].startswith("same    Second Tuesdays")


# -- a VTIMEZONE whose rules are not those of the zone it names ----------------------------
OLD_EASTERN = [
    "BEGIN:VTIMEZONE",
    "TZID:Eastern Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0400",
    "TZOFFSETTO:-0500",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0400",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=4",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
]


def _old_rules_event(*extra: str, day: str = "20270320") -> list[str]:
    return [
        "BEGIN:VEVENT",
        "UID:oldrules@example.org",
        "SUMMARY:Old Outlook rules",
        f"DTSTART;TZID=Eastern Standard Time:{day}T090000",
        f"DTEND;TZID=Eastern Standard Time:{day}T100000",
        "DTSTAMP:20270201T010203Z",
        *extra,
        "END:VEVENT",
    ]


def test_a_zone_defined_in_the_file_is_read_by_its_own_rules_and_the_reading_listed(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """Outlook's Eastern Standard Time with the rules before 2007: the file puts 20 March
    09:00 at 14:00 UTC (icalendar and recurring-ical-events read it so), New York's rules
    at 13:00. RFC 5545: the file's VTIMEZONE defines its TZID."""
    text = _calendar(
        *OLD_EASTERN, *_old_rules_event(), product="Microsoft CDO for Microsoft Exchange"
    )
    dry_run = _imported(sqlite_database, tmp_path, text, dry_run=True)
    assert dry_run.lines()[:2] == [
        "create  Old Outlook rules (Sat 20 Mar 2027 10:00 America/New_York)",
        "        the file's own rules for 'Eastern Standard Time' put Sat 20 Mar 2027 09:00 "
        "at 14:00 UTC (10:00 in America/New_York); the rules of America/New_York put it at "
        "13:00 UTC: read as the file says, as RFC 5545 says",
    ]
    _imported(sqlite_database, tmp_path, text)
    with sqlite_database.session() as session:
        event = session.scalars(select(Event)).one()
        assert (event.start_utc, event.end_utc) == (
            datetime(2027, 3, 20, 14, 0, tzinfo=UTC),
            datetime(2027, 3, 20, 15, 0, tzinfo=UTC),
        )


def test_each_session_the_files_own_zone_rules_place_otherwise_is_held_where_they_say(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """A weekly series across the weeks the old and the new rules disagree on: those
    three sessions are where the file says, the others where both say."""
    text = _calendar(*OLD_EASTERN, *_old_rules_event("RRULE:FREQ=WEEKLY;COUNT=6", day="20270306"))
    report = _imported(sqlite_database, tmp_path, text)
    assert sum("the file's own rules" in line for line in report.lines()) == 3
    assert [start.strftime("%d %H:%M") for start in _read_back(sqlite_database, tmp_path)] == [
        "06 14:00", "13 14:00", "20 14:00", "27 14:00", "03 14:00", "10 13:00",
    ]  # fmt: skip
    file = icalendar.Calendar.from_ical(text.replace("\n", "\r\n").encode())
    assert [
        meeting["DTSTART"].dt.astimezone(UTC).strftime("%d %H:%M")
        for meeting in recurring_ical_events.of(file).between((2027, 1, 1), (2028, 1, 1))
    ] == ["06 14:00", "13 14:00", "20 14:00", "27 14:00", "03 14:00", "10 13:00"]


def test_a_zone_whose_definition_agrees_with_its_name_lists_no_reading(
    sqlite_database: Database, tmp_path: Path
) -> None:
    today = [
        line.replace("1SU;BYMONTH=4", "2SU;BYMONTH=3").replace("-1SU;BYMONTH=10", "1SU;BYMONTH=11")
        for line in OLD_EASTERN
    ]
    text = _calendar(*today, *_old_rules_event())
    report = _imported(sqlite_database, tmp_path, text, dry_run=True)
    assert report.lines()[0] == "create  Old Outlook rules (Sat 20 Mar 2027 09:00 America/New_York)"
    assert not any("file's own rules" in line for line in report.lines())


# -- Outlook's all-day flag, a vendor-prefixed zone, a DURATION of a day -------------------
def test_outlooks_all_day_flag_makes_an_all_day_event(
    sqlite_database: Database, tmp_path: Path
) -> None:
    text = _calendar(
        "BEGIN:VEVENT",
        "UID:cdo-allday",
        "DTSTAMP:20270101T000000Z",
        "SUMMARY:Constitution Day",
        "DTSTART;TZID=Tokyo Standard Time:20270503T000000",
        "DTEND;TZID=Tokyo Standard Time:20270504T000000",
        "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
        "END:VEVENT",
        product="Microsoft Exchange Server 2010",
    )
    report = _imported(sqlite_database, tmp_path, text)
    assert report.lines()[0] == "create  Constitution Day (all day Mon 03 May 2027)"
    with sqlite_database.session() as session:
        assert session.scalars(select(Event.all_day)).one() is True


def test_a_vendor_prefixed_zone_name_is_read_without_a_warning(tmp_path: Path) -> None:
    """Thunderbird's /mozilla.org/... zone names: icalendar warns that it guesses the zone,
    which Python prints on the coordinator's terminal; the program reads the name itself."""
    path = tmp_path / "thunderbird.ics"
    text = _calendar(
        "BEGIN:VEVENT",
        "UID:moz@example.org",
        "DTSTAMP:20270101T000000Z",
        "SUMMARY:Thunderbird call",
        "DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20270310T090000",
        "DTEND;TZID=/mozilla.org/20050126_1/America/New_York:20270310T100000",
        "END:VEVENT",
    )
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONWARNINGS"}
    done = subprocess.run(
        [sys.executable, "-m", "cpp_scheduler", "--db", str(tmp_path / "p.sqlite"), "import",
         str(path), "--dry-run"],
        capture_output=True, text=True, check=True, env=environment,
    )  # fmt: skip
    assert done.stderr == ""
    assert done.stdout.splitlines()[0] == (
        "create  Thunderbird call (Wed 10 Mar 2027 09:00 America/New_York)"
    )


def test_a_vendor_prefixed_zone_name_reads_the_same_every_time() -> None:
    """icalendar warns of its guess the first time alone (it keeps the zone it found):
    read where every warning is an error, as the tests run, the first reading must not
    differ from the next, nor fail where the next succeeds."""
    text = _calendar(
        "BEGIN:VEVENT",
        "UID:moz-again@example.org",
        "DTSTAMP:20270101T000000Z",
        "SUMMARY:Thunderbird call",
        "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Skopje:20270310T090000",
        "DTEND;TZID=/mozilla.org/20050126_1/Europe/Skopje:20270310T100000",
        "END:VEVENT",
    ).replace("\n", "\r\n")
    readings = [read_calendar(text.encode(), "thunderbird.ics") for _ in range(2)]
    assert [[(e.start_utc, e.zone) for e in r.events] for r in readings] == [
        [(datetime(2027, 3, 10, 8, 0, tzinfo=UTC), "Europe/Skopje")]
    ] * 2


def test_a_duration_of_a_day_across_a_change_of_clocks_is_listed_under_its_event(
    sqlite_database: Database, tmp_path: Path
) -> None:
    text = _calendar(
        "BEGIN:VEVENT",
        "UID:du@example.org",
        "DTSTAMP:20270101T000000Z",
        "SUMMARY:Delegation arrival day",
        "DTSTART;TZID=America/New_York:20270313T120000",
        "DURATION:P1D",
        "END:VEVENT",
    )
    report = _imported(sqlite_database, tmp_path, text, dry_run=True, zone=NEW_YORK)
    assert report.lines()[:2] == [
        "create  Delegation arrival day (Sat 13 Mar 2027 12:00 America/New_York)",
        "        DURATION:P1D counts its days on the wall clock of America/New_York: Sat 13 "
        "Mar 2027 12:00 ends Sun 14 Mar 2027 12:00, 23 hours later, as RFC 5545 says",
    ]


# -- the program's own export of a long agenda ---------------------------------------------
def test_the_programs_own_export_of_the_longest_agenda_is_imported(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """An agenda of commas, semicolons and line breaks just under the limit is written
    with each of them escaped in two characters and the details block after it: its line
    is longer than the limit, its text is not."""
    piece = "Session 1, room A; lunch\n"
    agenda = (piece * (limits.MAX_TEXT_LENGTH // len(piece)))[: limits.MAX_TEXT_LENGTH - 10]
    text = _calendar(*SECOND_TUESDAYS).replace(
        "SUMMARY:Second Tuesdays",
        "SUMMARY:Second Tuesdays\nDESCRIPTION:"
        + agenda.replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n"),
    )
    _imported(sqlite_database, tmp_path, text)
    path = tmp_path / "back.ics"
    export_calendar(sqlite_database, ProgramScope(), path)
    other = open_database(tmp_path / "colleague.sqlite")
    try:
        report = calendar_import.import_calendar(other, path)
        assert report.lines()[-1].endswith("1 created, 0 updated, 0 left as they are, 0 skipped")
        with other.session() as session:
            assert session.scalars(select(Event.description)).one() == agenda
    finally:
        other.close()


def test_a_text_longer_than_the_limit_once_unescaped_is_still_refused(
    sqlite_database: Database, tmp_path: Path
) -> None:
    agenda = "x" * (limits.MAX_TEXT_LENGTH + 1)
    text = _calendar(*SECOND_TUESDAYS).replace(
        "SUMMARY:Second Tuesdays", f"SUMMARY:Second Tuesdays\nDESCRIPTION:{agenda}"
    )
    with pytest.raises(CalendarFileError) as caught:
        _imported(sqlite_database, tmp_path, text, dry_run=True)
    assert str(caught.value).endswith(
        "line 4 (VEVENT): DESCRIPTION holds 100,001 characters, more than the 100,000 a value "
        "may hold"
    )
