"""What an import plans is what it does, part by part, and what a dry run says.

Google and Outlook number each part of a series on its own (RFC 5546 section 2.1.5): the
series, and each meeting moved or cancelled (UID and RECURRENCE-ID). A second meeting
moved at the same SEQUENCE as the first, or the series moved at the SEQUENCE a meeting of
it brought, is news to the program, not "already here". An organiser the program cannot
record as a participant, and a series with no meeting at all, are said by the dry run as
the import treats them, never "1 would be created" and then a refusal.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import func, select

from cpp_scheduler import timezones
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import calendar_import
from cpp_scheduler.services.calendar_export import ProgramScope, export_calendar
from cpp_scheduler.services.calendar_import import ImportAction, ImportReport
from cpp_scheduler.services.series import move_event
from cpp_scheduler.store import Database

TOKYO = timezones.TOKYO

GOOGLE = "PRODID:-//Google Inc//Google Calendar 70.9054//EN"


def calendar(*events: list[str], head: str = "X-WR-TIMEZONE:Asia/Tokyo\n") -> str:
    body = "".join(
        "BEGIN:VEVENT\n" + "".join(f"{line}\n" for line in lines) + "END:VEVENT\n"
        for lines in events
    )
    return f"BEGIN:VCALENDAR\nVERSION:2.0\n{GOOGLE}\n{head}{body}END:VCALENDAR\n"


def written(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def imported(
    database: Database, path: Path, *, dry_run: bool = False, skip_invalid: bool = False
) -> ImportReport:
    return calendar_import.import_calendar(
        database, path, dry_run=dry_run, skip_invalid=skip_invalid
    )


def meetings(database: Database, uid: str) -> list[str]:
    """Each meeting the program holds, on Tokyo's clock."""
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == uid)).one()
        return [
            f"{timezones.to_local(meeting.start, TOKYO):%a %d %b %H:%M}"
            for meeting in event.occurrences()
        ]


def series(uid: str, sequence: int, hour: int = 10) -> list[str]:
    return [
        f"UID:{uid}",
        "DTSTAMP:20270101T000000Z",
        f"DTSTART;TZID=Asia/Tokyo:20270301T{hour:02d}0000",
        f"DTEND;TZID=Asia/Tokyo:20270301T{hour + 1:02d}0000",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        f"SEQUENCE:{sequence}",
        "SUMMARY:Kobe weekly",
    ]


def moved(
    uid: str, day: int, sequence: int, *, to_day: int | None = None, hour: int = 15, was: int = 10
) -> list[str]:
    """The meeting of ``day`` March at ``was`` o'clock moved to ``hour`` o'clock."""
    return [
        f"UID:{uid}",
        "DTSTAMP:20270102T000000Z",
        f"RECURRENCE-ID;TZID=Asia/Tokyo:202703{day:02d}T{was:02d}0000",
        f"DTSTART;TZID=Asia/Tokyo:202703{to_day or day:02d}T{hour:02d}0000",
        f"DTEND;TZID=Asia/Tokyo:202703{to_day or day:02d}T{hour + 1:02d}0000",
        f"SEQUENCE:{sequence}",
        "SUMMARY:Kobe weekly",
    ]


# -- 1. each part of a series against what that part brought ---------------------------
def test_a_second_meeting_moved_on_its_own_at_the_same_sequence_is_taken(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """Google moves the 8 March meeting (SEQUENCE 1), then the 15 March one (SEQUENCE 1
    too, numbered on its own): both move, as they do from one file holding all three."""
    uid = "gorph@google.com"
    imported(sqlite_database, written(tmp_path, "series.ics", calendar(series(uid, 0))))
    imported(sqlite_database, written(tmp_path, "a.ics", calendar(moved(uid, 8, 1))))
    second = written(tmp_path, "b.ics", calendar(moved(uid, 15, 1)))

    preview = imported(sqlite_database, second, dry_run=True)
    report = imported(sqlite_database, second)

    line = (
        "update  Kobe weekly: the session of Mon 15 Mar 2027 01:00 UTC: "
        "move to Mon 15 Mar 2027 06:00 UTC"
    )
    assert preview.lines()[0] == report.lines()[0] == line
    assert report.count(ImportAction.UPDATE) == 1
    assert meetings(sqlite_database, uid) == [
        "Mon 01 Mar 10:00",
        "Mon 08 Mar 15:00",
        "Mon 15 Mar 15:00",
        "Mon 22 Mar 10:00",
    ]
    again = imported(sqlite_database, second)
    assert again.lines()[0].endswith(
        "the session of Mon 15 Mar 2027 01:00 UTC: version 1 is already here"
    )
    assert again.count(ImportAction.UPDATE) == 0


def test_the_series_moved_at_the_sequence_a_meeting_of_it_brought_is_taken(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """The series at SEQUENCE 0 came with its 8 March meeting moved at SEQUENCE 1; then
    the series itself is moved to 14:00 at SEQUENCE 1. The dry run and the import say
    the same and the meetings move; the first file, imported again, is older."""
    uid = "gseq@google.com"
    first = written(
        tmp_path, "g1.ics", calendar(series(uid, 0), moved(uid, 8, 1, to_day=9, hour=10))
    )
    imported(sqlite_database, first)
    second = written(
        tmp_path,
        "g2.ics",
        calendar(series(uid, 1, 14), moved(uid, 8, 1, to_day=9, hour=14, was=14)),
    )

    preview = imported(sqlite_database, second, dry_run=True)
    report = imported(sqlite_database, second)

    assert [c.action for c in preview.changes] == [ImportAction.UPDATE]
    assert preview.lines()[0] == report.lines()[0]
    assert report.lines()[0].startswith("update  Kobe weekly (Mon 01 Mar 2027 14:00 Asia/Tokyo)")
    assert report.lines()[-1].endswith("0 created, 1 updated, 0 left as they are, 0 skipped")
    assert meetings(sqlite_database, uid) == [
        "Mon 01 Mar 14:00",
        "Tue 09 Mar 14:00",
        "Mon 15 Mar 14:00",
        "Mon 22 Mar 14:00",
    ]

    older = imported(sqlite_database, first)
    assert [c.action for c in older.changes] == [ImportAction.KEEP]
    assert older.lines()[0].endswith("the program's version 2 is newer than the file's 0")
    assert meetings(sqlite_database, uid)[0] == "Mon 01 Mar 14:00"


def test_an_older_copy_of_a_moved_meeting_is_kept_out(
    sqlite_database: Database, tmp_path: Path
) -> None:
    uid = "again@google.com"
    imported(sqlite_database, written(tmp_path, "series.ics", calendar(series(uid, 0))))
    first_move = written(tmp_path, "a1.ics", calendar(moved(uid, 8, 1)))
    imported(sqlite_database, first_move)
    imported(sqlite_database, written(tmp_path, "a2.ics", calendar(moved(uid, 8, 2, hour=16))))

    report = imported(sqlite_database, first_move)

    assert report.lines()[0].startswith("keep    Kobe weekly: the session of Mon 08 Mar")
    assert meetings(sqlite_database, uid)[1] == "Mon 08 Mar 16:00"


def test_an_older_whole_series_leaves_a_meeting_moved_on_its_own_since(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """A file of the series with its 8 March meeting moved, then the 15 March one sent
    on its own; the first file again tells nothing of 15 March."""
    uid = "whole@google.com"
    whole = written(tmp_path, "whole.ics", calendar(series(uid, 0), moved(uid, 8, 1)))
    imported(sqlite_database, whole)
    imported(sqlite_database, written(tmp_path, "b.ics", calendar(moved(uid, 15, 1))))

    report = imported(sqlite_database, whole)

    assert [c.action for c in report.changes] == [ImportAction.UNCHANGED]
    assert meetings(sqlite_database, uid)[1:3] == ["Mon 08 Mar 15:00", "Mon 15 Mar 15:00"]


def test_a_meeting_cancelled_on_its_own_is_taken_back_by_the_undo(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """The window's import of a file that only cancels one meeting is one undo step,
    not a refusal saying somebody else saved the series."""
    uid = "undo@google.com"
    imported(sqlite_database, written(tmp_path, "series.ics", calendar(series(uid, 0))))
    cancel = calendar(
        [
            f"UID:{uid}",
            "DTSTAMP:20270102T000000Z",
            "RECURRENCE-ID;TZID=Asia/Tokyo:20270315T100000",
            "DTSTART;TZID=Asia/Tokyo:20270315T100000",
            "DTEND;TZID=Asia/Tokyo:20270315T110000",
            "SEQUENCE:1",
            "STATUS:CANCELLED",
            "SUMMARY:Kobe weekly",
        ],
        head="METHOD:CANCEL\n",  # sent on its own, as Google does
    )
    path = written(tmp_path, "cancel.ics", cancel)
    parsed = read_calendar(path.read_bytes(), str(path))

    report, undo = calendar_import.import_undoably(sqlite_database, parsed)

    assert report.count(ImportAction.UPDATE) == 1
    assert "Mon 15 Mar 10:00" not in meetings(sqlite_database, uid)
    calendar_import.undo_import(sqlite_database, undo)
    assert "Mon 15 Mar 10:00" in meetings(sqlite_database, uid)


# -- 2. an organiser the program cannot record ----------------------------------------
EXCHANGE_ORGANISER = (
    "ORGANIZER;CN=Rosa Quispe:mailto:/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP "
    "(FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=0a1b2c3d4e-rquispe"
)


@pytest.mark.parametrize(
    ("organiser", "reason"),
    [
        (EXCHANGE_ORGANISER, "'/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP"),
        ("ORGANIZER:mailto:", ": An email address is required."),
    ],
    ids=["exchange-x500", "empty-mailto"],
)
def test_an_organiser_that_is_no_email_address_is_left_out_and_said(
    sqlite_database: Database, tmp_path: Path, organiser: str, reason: str
) -> None:
    path = written(
        tmp_path,
        "exch.ics",
        calendar(
            [
                organiser,
                "UID:exch-x500@example.org",
                "SUMMARY:Exchange internal organiser",
                "DTSTART;TZID=Asia/Tokyo:20270303T090000",
                "DTEND;TZID=Asia/Tokyo:20270303T100000",
                "DTSTAMP:20270201T120000Z",
            ],
            head="METHOD:REQUEST\n",  # as Exchange sends it
        ),
    )
    with sqlite_database.session() as session:
        people_before = session.scalar(select(func.count()).select_from(Participant))

    preview = imported(sqlite_database, path, dry_run=True)
    report = imported(sqlite_database, path)

    assert preview.lines()[:2] == report.lines()[:2]
    note = report.lines()[1].strip()
    assert note.startswith("line 5: the organiser is left out: ")
    assert reason in note
    assert report.lines()[-1].endswith("1 created, 0 updated, 0 left as they are, 0 skipped")
    with sqlite_database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == "exch-x500@example.org")).one()
        assert event.organiser is None
        assert event.start_utc == datetime(2027, 3, 3, 0, 0, tzinfo=UTC)
        assert session.scalar(select(func.count()).select_from(Participant)) == people_before


# -- 3. a series with no meeting --------------------------------------------------------
NO_MEETING = ["FREQ=WEEKLY;UNTIL=20270222T140000Z", "FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=-5"]


def _with_a_series_of(rule: str, tmp_path: Path) -> Path:
    return written(
        tmp_path,
        "mixed.ics",
        calendar(
            [
                "UID:one@example.org",
                "DTSTAMP:20270101T000000Z",
                "DTSTART:20270310T010000Z",
                "DTEND:20270310T020000Z",
                "SUMMARY:UTC one-off",
            ],
            [
                "UID:ended@example.org",
                "DTSTAMP:20270101T000000Z",
                "SUMMARY:Series ended before it started",
                "DTSTART;TZID=America/New_York:20270301T090000",
                "DTEND;TZID=America/New_York:20270301T100000",
                f"RRULE:{rule}",
            ],
        ),
    )


@pytest.mark.parametrize("rule", NO_MEETING)
def test_a_series_with_no_meeting_is_refused_by_the_dry_run_as_by_the_import(
    sqlite_database: Database, tmp_path: Path, rule: str
) -> None:
    path = _with_a_series_of(rule, tmp_path)

    with pytest.raises(CalendarFileError) as dry:
        imported(sqlite_database, path, dry_run=True)
    with pytest.raises(CalendarFileError) as real:
        imported(sqlite_database, path)
    with pytest.raises(CalendarFileError) as new:
        calendar_import.preview_into_new_database(calendar_import.read_file(path))

    assert str(dry.value) == str(real.value) == str(new.value)
    assert str(real.value).startswith(f"{path}, line 12 (VEVENT): the event 'Series ended")
    assert "The series has no occurrence" in str(real.value)
    assert "nothing was imported" in str(real.value)
    with sqlite_database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 0


@pytest.mark.parametrize("rule", NO_MEETING)
def test_a_series_with_no_meeting_is_skipped_when_asked_as_the_dry_run_said(
    sqlite_database: Database, tmp_path: Path, rule: str
) -> None:
    path = _with_a_series_of(rule, tmp_path)

    preview = imported(sqlite_database, path, dry_run=True, skip_invalid=True)
    report = imported(sqlite_database, path, skip_invalid=True)

    assert preview.lines()[:-1] == report.lines()[:-1]
    assert report.lines()[1] == (
        "skip    line 12: Series ended before it started: The series has no occurrence: "
        "its last date (UNTIL) is before its start, or its COUNT is 0."
    )
    assert preview.lines()[-1].endswith(
        "1 would be created, 0 would be updated, 0 left as they are, 1 skipped "
        "(dry run: nothing changed)"
    )
    assert report.lines()[-1].endswith("1 created, 0 updated, 0 left as they are, 1 skipped")
    with sqlite_database.session() as session:
        assert session.scalars(select(Event.title)).all() == ["UTC one-off"]


def _new_york_weekly(database: Database, tmp_path: Path) -> None:
    weekly = [
        "UID:gap@example.org",
        "DTSTAMP:20270101T000000Z",
        "DTSTART;TZID=America/New_York:20270301T090000",
        "DTEND;TZID=America/New_York:20270301T100000",
        "RRULE:FREQ=WEEKLY;BYDAY=SU,MO;COUNT=6",
        "SUMMARY:New York check-in",
    ]
    imported(database, written(tmp_path, "series.ics", calendar(weekly, head="")))


def _moved_alone(tmp_path: Path, start: str, end: str) -> Path:
    """The meeting of Sunday 14 March, 09:00 New York, moved on its own by Google."""
    alone = [
        "UID:gap@example.org",
        "DTSTAMP:20270102T000000Z",
        "RECURRENCE-ID;TZID=America/New_York:20270314T090000",
        f"DTSTART;TZID=America/New_York:20270314T{start}00",
        f"DTEND;TZID=America/New_York:20270314T{end}00",
        "SEQUENCE:1",
        "SUMMARY:New York check-in",
    ]
    return written(tmp_path, f"moved-{start}.ics", calendar(alone, head=""))


def test_a_meeting_moved_alone_into_a_skipped_hour_says_how_it_was_read(
    tmp_path: Path, sqlite_database: Database
) -> None:
    """Google moves one meeting of a New York series to 02:30 on the day the clocks go
    forward: the dry run says the time does not exist and how RFC 5545 reads it, as it
    does for a whole series, and the import puts the meeting at that reading."""
    _new_york_weekly(sqlite_database, tmp_path)
    path = _moved_alone(tmp_path, "0230", "0400")

    said = imported(sqlite_database, path, dry_run=True).lines()

    assert said[:2] == [
        "update  New York check-in: the session of Sun 14 Mar 2027 13:00 UTC: "
        "move to Sun 14 Mar 2027 07:30 UTC",
        "        Sun 14 Mar 2027 02:30 is skipped when clocks change; read as 03:30 EDT "
        "(07:30 UTC), as RFC 5545 says",
    ]
    imported(sqlite_database, path)
    with sqlite_database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == "gap@example.org")).one()
        starts = [meeting.start for meeting in event.occurrences()]
    assert datetime(2027, 3, 14, 7, 30, tzinfo=UTC) in starts


def test_a_meeting_moved_alone_to_an_hour_that_vanishes_is_skipped_as_the_dry_run_says(
    tmp_path: Path, sqlite_database: Database
) -> None:
    """02:00 to 03:00 on that night: read as RFC 5545 says, it starts at 03:00 EDT, when
    it ends. The dry run and the import both skip it, naming the line, and the series
    keeps its meeting at 09:00; the import never fails on a meeting with no length."""
    _new_york_weekly(sqlite_database, tmp_path)
    path = _moved_alone(tmp_path, "0200", "0300")
    skipped = (
        "skip    line 4: New York check-in: the event ends when it starts (it has no length): "
        "Sun 14 Mar 2027 02:00 is skipped when clocks change; read as 03:00 EDT (07:00 UTC), "
        "as RFC 5545 says"
    )

    assert imported(sqlite_database, path, dry_run=True).lines()[0] == skipped
    assert imported(sqlite_database, path).lines()[0] == skipped
    with sqlite_database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == "gap@example.org")).one()
        starts = [meeting.start for meeting in event.occurrences()]
    assert datetime(2027, 3, 14, 13, tzinfo=UTC) in starts


def test_an_event_the_clock_change_leaves_without_length_says_so(
    tmp_path: Path, sqlite_database: Database
) -> None:
    """01:30 to 02:30 in London on the night its clocks go forward: RFC 5545 reads the
    start as 02:30 BST, its end. The skip says that the clock change made it so, where
    "it has no length" alone would send a coordinator looking at a file that gives it one."""
    path = written(
        tmp_path,
        "london.ics",
        calendar(
            [
                "UID:london-gap@example.org",
                "DTSTAMP:20270101T000000Z",
                "DTSTART;TZID=Europe/London:20270328T013000",
                "DTEND;TZID=Europe/London:20270328T023000",
                "SUMMARY:London call",
            ]
        ),
    )

    assert imported(sqlite_database, path, dry_run=True).lines()[0] == (
        "skip    line 5: London call: the event ends when it starts (it has no length): "
        "Sun 28 Mar 2027 01:30 is skipped when clocks change; read as 02:30 BST (01:30 UTC), "
        "as RFC 5545 says"
    )


def test_a_skipped_event_is_named_on_one_short_line(
    tmp_path: Path, sqlite_database: Database
) -> None:
    """A title too long to hold is the reason the event is skipped: its line names it
    shortened, not in its 400 characters."""
    path = written(
        tmp_path,
        "long.ics",
        calendar(
            [
                "UID:long@example.org",
                "DTSTAMP:20270101T000000Z",
                "DTSTART:20270105T100000Z",
                "DTEND:20270105T110000Z",
                "SUMMARY:" + "Kobe " * 80,
            ]
        ),
    )

    line = imported(sqlite_database, path, dry_run=True).lines()[0]

    assert line.startswith("skip    line 5: Kobe Kobe")
    assert "…: title: 400 characters, more than the 300 a text may hold" in line
    assert len(line) < 200


# -- 4. a part taken at an equal SEQUENCE, and the meetings it names -------------------
def daily(uid: str, sequence: int, hour: int) -> list[str]:
    """A daily series of five meetings from 1 March, at ``hour`` o'clock in Tokyo."""
    return [
        f"UID:{uid}",
        "DTSTAMP:20270101T000000Z",
        f"DTSTART;TZID=Asia/Tokyo:20270301T{hour:02d}0000",
        f"DTEND;TZID=Asia/Tokyo:20270301T{hour + 1:02d}0000",
        "RRULE:FREQ=DAILY;COUNT=5",
        f"SEQUENCE:{sequence}",
        "SUMMARY:Daily standup",
    ]


def cancelled(uid: str, day: int, sequence: int, hour: int = 9) -> list[str]:
    return [
        f"UID:{uid}",
        "DTSTAMP:20270101T000000Z",
        f"RECURRENCE-ID;TZID=Asia/Tokyo:202703{day:02d}T{hour:02d}0000",
        f"DTSTART;TZID=Asia/Tokyo:202703{day:02d}T{hour:02d}0000",
        f"DTEND;TZID=Asia/Tokyo:202703{day:02d}T{hour + 1:02d}0000",
        "STATUS:CANCELLED",
        f"SEQUENCE:{sequence}",
        "SUMMARY:Daily standup",
    ]


def exported_sequence(database: Database, tmp_path: Path, uid: str) -> str:
    """The SEQUENCE the program's own calendar file gives the series."""
    (path,) = export_calendar(database, ProgramScope(), tmp_path / "program.ics")
    found = icalendar.Calendar.from_ical(path.read_bytes())
    (series_part,) = [
        part
        for part in found.walk("VEVENT")
        if str(part["UID"]) == uid and part.get("RECURRENCE-ID") is None
    ]
    return f"{series_part['DTSTART'].dt:%d %b %H:%M} SEQUENCE {series_part['SEQUENCE']}"


def test_a_series_moved_at_an_equal_sequence_is_exported_at_a_higher_one(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """The program holds the series at SEQUENCE 1 (a meeting of it was moved at 1); a
    file moves the series to 14:00 at SEQUENCE 1 too. The program's file then gives the
    new time at a higher SEQUENCE, which attendees' calendars take; the same file again
    is already here."""
    uid = "raise@google.com"
    imported(sqlite_database, written(tmp_path, "s.ics", calendar(series(uid, 0))))
    imported(sqlite_database, written(tmp_path, "m.ics", calendar(moved(uid, 8, 1))))
    assert exported_sequence(sqlite_database, tmp_path, uid) == "01 Mar 10:00 SEQUENCE 1"
    later = written(tmp_path, "later.ics", calendar(series(uid, 1, 14)))

    report = imported(sqlite_database, later)

    assert report.lines()[0] == (
        "update  Kobe weekly (Mon 01 Mar 2027 14:00 Asia/Tokyo): version 1 brings changes "
        "the program's version 1 does not hold"
    )
    assert exported_sequence(sqlite_database, tmp_path, uid) == "01 Mar 14:00 SEQUENCE 2"
    again = imported(sqlite_database, later)
    assert again.count(ImportAction.UPDATE) == 0
    assert again.lines()[0].startswith("same    Kobe weekly (Mon 01 Mar 2027 14:00 Asia/Tokyo)")
    assert exported_sequence(sqlite_database, tmp_path, uid) == "01 Mar 14:00 SEQUENCE 2"


def stored_changes(database: Database, uid: str) -> list[str]:
    """Each moved or cancelled meeting the program stores for the series, by the start
    it names, on Tokyo's clock."""
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == uid)).one()
        return [
            f"{timezones.to_local(row.recurrence_id, TOKYO):%d %b %H:%M}" for row in event.changes
        ]


def test_a_series_taken_at_other_times_keeps_no_change_of_a_meeting_it_lost(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """Daily at 09:00 with 3 March cancelled (SEQUENCE 1); the series at 11:00 at
    SEQUENCE 1, no meeting moved (the program's copy goes to 2); then back at 09:00 at
    SEQUENCE 2. Neither later file cancels 3 March: it is held at 11:00 and then at
    09:00, and no stored change names a meeting the series does not have."""
    uid = "standup@google.com"
    imported(
        sqlite_database,
        written(tmp_path, "a.ics", calendar(daily(uid, 0, 9), cancelled(uid, 3, 1))),
    )
    assert "Wed 03 Mar 09:00" not in meetings(sqlite_database, uid)

    imported(sqlite_database, written(tmp_path, "c.ics", calendar(daily(uid, 1, 11))))

    assert meetings(sqlite_database, uid) == [
        "Mon 01 Mar 11:00",
        "Tue 02 Mar 11:00",
        "Wed 03 Mar 11:00",
        "Thu 04 Mar 11:00",
        "Fri 05 Mar 11:00",
    ]
    assert stored_changes(sqlite_database, uid) == []

    imported(sqlite_database, written(tmp_path, "d.ics", calendar(daily(uid, 2, 9))))

    assert meetings(sqlite_database, uid) == [
        "Mon 01 Mar 09:00",
        "Tue 02 Mar 09:00",
        "Wed 03 Mar 09:00",
        "Thu 04 Mar 09:00",
        "Fri 05 Mar 09:00",
    ]
    assert stored_changes(sqlite_database, uid) == []


def test_a_series_taken_with_its_moved_meeting_keeps_only_the_new_one(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """The series and its 3 March meeting, cancelled, both at the new hour: the old
    hour's cancellation is gone, the new one holds."""
    uid = "standup-both@google.com"
    imported(
        sqlite_database,
        written(tmp_path, "a.ics", calendar(daily(uid, 0, 9), cancelled(uid, 3, 1))),
    )

    imported(
        sqlite_database,
        written(tmp_path, "b.ics", calendar(daily(uid, 1, 11), cancelled(uid, 3, 1, 11))),
    )

    assert "Wed 03 Mar 11:00" not in meetings(sqlite_database, uid)
    assert stored_changes(sqlite_database, uid) == ["03 Mar 11:00"]


def test_a_meeting_of_the_file_that_names_no_meeting_of_the_programs_series_is_skipped(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """The series came at 09:00; the coordinator moved it to 10:00 (SEQUENCE 1). A file
    of the series at 09:00 (SEQUENCE 0) with its 4 March 09:00 meeting moved to 15:00
    (SEQUENCE 1) names a meeting the program's series does not have: the dry run and the
    import say it is skipped and why, not "1 updated", and nothing is stored."""
    uid = "stray@google.com"
    imported(sqlite_database, written(tmp_path, "e.ics", calendar(daily(uid, 0, 9))))
    with sqlite_database.session() as session:
        event = session.scalars(select(Event).where(Event.uid == uid)).one()
        event_id, version = event.id, event.version
        start, end = event.start_utc, event.end_utc
    move_event(
        sqlite_database, event_id, start + timedelta(hours=1), end + timedelta(hours=1), version
    )
    moved_at_nine = [
        f"UID:{uid}",
        "DTSTAMP:20270102T000000Z",
        "RECURRENCE-ID;TZID=Asia/Tokyo:20270304T090000",
        "DTSTART;TZID=Asia/Tokyo:20270304T150000",
        "DTEND;TZID=Asia/Tokyo:20270304T160000",
        "SEQUENCE:1",
        "SUMMARY:Daily standup",
    ]
    path = written(tmp_path, "f.ics", calendar(daily(uid, 0, 9), moved_at_nine))

    preview = imported(sqlite_database, path, dry_run=True)
    report = imported(sqlite_database, path)

    skipped = "skip    line 5: Daily standup: the series has no session at the RECURRENCE-ID given"
    assert skipped in preview.lines()
    assert preview.lines()[:-1] == report.lines()[:-1]
    assert preview.lines()[-1].endswith(
        "0 would be created, 0 would be updated, 1 left as they are, 1 skipped "
        "(dry run: nothing changed)"
    )
    assert report.lines()[-1].endswith("0 created, 0 updated, 1 left as they are, 1 skipped")
    assert meetings(sqlite_database, uid) == [
        "Mon 01 Mar 10:00",
        "Tue 02 Mar 10:00",
        "Wed 03 Mar 10:00",
        "Thu 04 Mar 10:00",
        "Fri 05 Mar 10:00",
    ]
    assert stored_changes(sqlite_database, uid) == []
