"""Calendar files a tester found read wrongly, each imported as a coordinator would.

Moved meetings that Lotus Notes and others write with dates (a meeting of a timed
series changed into whole days, a RECURRENCE-ID given as a date), a moved meeting whose
RECURRENCE-ID names no meeting of its series, moved meetings at a time a change of
clocks skips or repeats, a UTC UNTIL near a change of clocks, freely named zones whose
rules repeat every minute, hour or day, and the "several zones fit" refusal. The oracle
is recurring-ical-events where it reads the file as RFC 5545 says; where it does not,
the test says why and states the meetings.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.importer import AmbiguousZoneError, read_calendar
from cpp_scheduler.model import Event
from cpp_scheduler.store import open_database
from tests.ical import parsers

WINDOW = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2029, 1, 1, tzinfo=UTC))


def ics(
    *components: str, prodid: str = "-//Lotus Development Corporation//NONSGML Notes 9.0//EN"
) -> bytes:
    """A calendar of ``components`` (each its lines, BEGIN to END, joined by LF)."""
    body = "".join(component.strip("\n") + "\n" for component in components)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:{prodid}\n{body}END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode()


def imported(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, name: str
) -> str:
    """Import ``data`` as the file ``name`` into the SQLite program; what the CLI printed."""
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["import", str(path), "--db", str(sqlite_path)]) == 0
    return capsys.readouterr().out


def stored_meetings(sqlite_path: Path) -> set[tuple[str, datetime, datetime]]:
    """Every meeting the program holds, by UID, in UTC: what its calendar shows."""
    database = open_database(sqlite_path)
    try:
        with database.session() as session:
            return {
                (event.uid, meeting.start, meeting.end)
                for event in session.scalars(select(Event))
                for meeting in event.occurrences()
            }
    finally:
        database.close()


def starts(meetings: Iterable[parsers.Meeting]) -> list[tuple[str, datetime | date]]:
    """Each meeting's UID and start, in order: what two readers are compared by."""
    return sorted(
        ((uid, start) for uid, start, _end in meetings), key=lambda m: (m[0], m[1].isoformat())
    )


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


DAILY_TOKYO = """BEGIN:VEVENT
UID:ridate@x
DTSTAMP:20270101T000000Z
DTSTART;TZID=Asia/Tokyo:20270308T100000
DTEND;TZID=Asia/Tokyo:20270308T110000
RRULE:FREQ=DAILY;COUNT=5
SUMMARY:RID as date
END:VEVENT"""


# -- 1. a meeting of a timed series given with dates ----------------------------------
def test_a_recurrence_id_given_as_a_date_moves_the_meeting_of_that_day(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lotus Notes writes RECURRENCE-ID;VALUE=DATE:20270310 for the 10 March meeting of a
    daily 10:00 Tokyo series: that meeting moves to 15:00, and the series keeps five.
    (recurring-ical-events matches a date to no meeting and shows six; RFC 5545 names
    the meeting by the date, which a series of one meeting a day makes unambiguous.)"""
    moved = """BEGIN:VEVENT
UID:ridate@x
DTSTAMP:20270101T000000Z
RECURRENCE-ID;VALUE=DATE:20270310
DTSTART;TZID=Asia/Tokyo:20270310T150000
DTEND;TZID=Asia/Tokyo:20270310T160000
SEQUENCE:1
SUMMARY:RID as date
END:VEVENT"""
    output = imported(tmp_path, sqlite_path, capsys, ics(DAILY_TOKYO, moved), "notes.ics")
    assert "1 created" in output
    assert starts(stored_meetings(sqlite_path)) == [
        ("ridate@x", utc(2027, 3, 8, 1)),
        ("ridate@x", utc(2027, 3, 9, 1)),
        ("ridate@x", utc(2027, 3, 10, 6)),
        ("ridate@x", utc(2027, 3, 11, 1)),
        ("ridate@x", utc(2027, 3, 12, 1)),
    ]


def test_a_date_recurrence_id_sent_without_its_series_is_listed_as_skipped() -> None:
    lone = """BEGIN:VEVENT
UID:ridate@x
DTSTAMP:20270101T000000Z
RECURRENCE-ID;VALUE=DATE:20270310
DTSTART;TZID=Asia/Tokyo:20270310T150000
DTEND;TZID=Asia/Tokyo:20270310T160000
SUMMARY:RID as date
END:VEVENT"""
    parsed = read_calendar(ics(lone), "lone.ics")
    assert parsed.occurrences == ()
    (skipped,) = parsed.skipped
    assert skipped.line == 4
    assert "RECURRENCE-ID;VALUE=DATE" in skipped.reason
    assert "send the series with it" in skipped.reason


def test_a_meeting_changed_into_whole_days_skips_its_series_naming_the_line(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 10 March meeting changed into an all-day entry: a series of times cannot hold
    it, so the series is listed as skipped with the moved meeting's line, not half read."""
    whole_day = """BEGIN:VEVENT
UID:ridate@x
DTSTAMP:20270101T000000Z
RECURRENCE-ID;TZID=Asia/Tokyo:20270310T100000
DTSTART;VALUE=DATE:20270310
DTEND;VALUE=DATE:20270311
SEQUENCE:1
SUMMARY:RID as date
END:VEVENT"""
    other = """BEGIN:VEVENT
UID:other@x
DTSTAMP:20270101T000000Z
DTSTART;TZID=Asia/Tokyo:20270401T100000
DTEND;TZID=Asia/Tokyo:20270401T110000
SUMMARY:Other
END:VEVENT"""
    data = ics(DAILY_TOKYO, whole_day, other)
    output = imported(tmp_path, sqlite_path, capsys, data, "overdate.ics")
    assert (
        "skip    line 12: RID as date: the session of Wed 10 Mar 2027 10:00 is changed into "
        "whole days (DTSTART;VALUE=DATE), which the program cannot hold in a series of times: "
        "the whole series is left out"
    ) in output
    assert "overdate.ics: 1 created, 0 updated, 0 left as they are, 1 skipped" in output
    assert starts(stored_meetings(sqlite_path)) == [("other@x", utc(2027, 4, 1, 1))]


def test_a_moved_meetings_date_end_after_a_time_start_refuses_the_file_with_its_line() -> None:
    mixed = """BEGIN:VEVENT
UID:ridate@x
DTSTAMP:20270101T000000Z
RECURRENCE-ID;TZID=Asia/Tokyo:20270310T100000
DTSTART;TZID=Asia/Tokyo:20270310T150000
DTEND;VALUE=DATE:20270311
SUMMARY:RID as date
END:VEVENT"""
    with pytest.raises(CalendarFileError) as refused:
        read_calendar(ics(DAILY_TOKYO, mixed), "mixed.ics")
    assert str(refused.value).startswith("mixed.ics, line 12 (VEVENT): the event 'RID as date'")
    assert "DTEND is a date while DTSTART is a time" in str(refused.value)


# -- 2. freely named zones whose rules would expand without end -----------------------
@contextmanager
def at_most(seconds: int) -> Iterator[None]:
    """Fail the test, instead of hanging it, when the block runs past ``seconds``."""

    def give_up(_signal: int, _frame: object) -> None:
        raise TimeoutError(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def zone_file(*observances: str) -> bytes:
    zone = "BEGIN:VTIMEZONE\nTZID:Customized Time Zone\n" + "".join(observances)
    event = """BEGIN:VEVENT
UID:tzb@x
DTSTAMP:20270101T000000Z
DTSTART;TZID=Customized Time Zone:20270301T090000
DTEND;TZID=Customized Time Zone:20270301T100000
SUMMARY:TZ bomb
END:VEVENT"""
    return ics(zone + "END:VTIMEZONE", event, prodid="x")


def observance(name: str, onset: str, before: str, after: str, rule: str) -> str:
    return (
        f"BEGIN:{name}\nDTSTART:{onset}\nTZOFFSETFROM:{before}\nTZOFFSETTO:{after}\n"
        f"RRULE:{rule}\nEND:{name}\n"
    )


@pytest.mark.parametrize("frequency", ["MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY"])
def test_a_zone_whose_clocks_change_more_often_than_yearly_is_refused_at_once(
    frequency: str,
) -> None:
    """The tester's 20-line file ran past 90 s and 1.2 GB (minutely), 100 s (hourly) and
    43 s (daily): refused in one line, naming the observance, before any expansion."""
    data = zone_file(
        observance("STANDARD", "19000101T000000", "+0900", "+0900", f"FREQ={frequency}"),
        observance("DAYLIGHT", "19000101T000030", "+0900", "+1000", f"FREQ={frequency}"),
    )
    began = time.perf_counter()
    with at_most(10), pytest.raises(CalendarFileError) as refused:
        read_calendar(data, "tzbomb.ics")
    assert time.perf_counter() - began < 1
    assert str(refused.value) == (
        "tzbomb.ics, line 6 (STANDARD): the time zone 'Customized Time Zone' repeats a change "
        f"of clocks more often than yearly (FREQ={frequency}); zones change their clocks by "
        "yearly rules"
    )


def test_a_yearly_rule_that_changes_clocks_every_sunday_is_refused_by_its_count() -> None:
    """FREQ=YEARLY;BYDAY=SU from 1601 changes the clocks 52 times a year: over 1,500
    changes by 2028, counted from the rule's parts, not expanded."""
    data = zone_file(
        observance("STANDARD", "16010101T020000", "-0400", "-0500", "FREQ=YEARLY;BYDAY=SU"),
        observance("DAYLIGHT", "16010101T030000", "-0500", "-0400", "FREQ=YEARLY;BYDAY=SA"),
    )
    began = time.perf_counter()
    with at_most(10), pytest.raises(CalendarFileError) as refused:
        read_calendar(data, "sundays.ics")
    assert time.perf_counter() - began < 1
    assert str(refused.value).startswith(
        "sundays.ics, line 4 (VTIMEZONE): the time zone 'Customized Time Zone' changes its "
        "clocks more than 1,500 times up to 2028"
    )


def test_yearly_rules_that_give_no_date_are_refused_without_searching_to_9999() -> None:
    """dateutil searches a rule that gives no date (30 February) year by year up to 9999,
    at every lookup of a zone with many of them; each is refused at once."""
    impossible = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=1"
    data = zone_file(
        *(
            observance("STANDARD", f"20{10 + n}0101T020000", "+0100", "+0100", impossible)
            for n in range(16)
        )
    )
    began = time.perf_counter()
    with at_most(10), pytest.raises(CalendarFileError) as refused:
        read_calendar(data, "february.ics")
    assert time.perf_counter() - began < 2
    assert str(refused.value) == (
        "february.ics, line 6 (STANDARD): the time zone 'Customized Time Zone' has a rule "
        "(RRULE) that gives no change of clocks on any date"
    )


def test_outlooks_yearly_rules_from_1601_are_still_identified() -> None:
    data = zone_file(
        observance(
            "STANDARD", "16010101T020000", "-0400", "-0500", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"
        ),
        observance(
            "DAYLIGHT", "16010101T020000", "-0500", "-0400", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"
        ),
    )
    (event,) = read_calendar(data, "outlook.ics", "America/New_York").events
    assert event.zone == "America/New_York"
    assert event.start_utc == utc(2027, 3, 1, 14)


# -- 3. UNTIL in UTC near a change of clocks ------------------------------------------
UNTIL_FOLD = """BEGIN:VEVENT
UID:untilfold@x
DTSTAMP:20270101T000000Z
DTSTART;TZID=America/New_York:20271105T014500
DTEND;TZID=America/New_York:20271105T020000
RRULE:FREQ=DAILY;UNTIL=20271107T063000Z
SUMMARY:Until in fold
END:VEVENT"""
UNTIL_GAP = """BEGIN:VEVENT
UID:untilgap@x
DTSTAMP:20270101T000000Z
DTSTART;TZID=America/New_York:20270312T023000
DTEND;TZID=America/New_York:20270312T040000
RRULE:FREQ=DAILY;UNTIL=20270314T070000Z
SUMMARY:Until after gap
END:VEVENT"""


def test_a_utc_until_keeps_the_meetings_whose_instants_come_before_it(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """7 Nov 01:45 EDT (05:45 UTC) is before UNTIL 06:30 UTC though 06:30 UTC is 01:30 EST
    on the wall clock: kept. 14 Mar 02:30 is read as 03:30 EDT (07:30 UTC), after UNTIL
    07:00 UTC: not kept. The starts are recurring-ical-events'; their ends differ only
    where it keeps the wall-clock end of a meeting across the change (documented)."""
    data = ics(UNTIL_FOLD, UNTIL_GAP, prodid="-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN")
    imported(tmp_path, sqlite_path, capsys, data, "until.ics")
    held = stored_meetings(sqlite_path)
    assert starts(held) == starts(parsers.with_recurring_ical_events(data, WINDOW))
    assert ("untilfold@x", utc(2027, 11, 7, 5, 45), utc(2027, 11, 7, 6)) in held
    assert max(start for uid, start in starts(held) if uid == "untilgap@x") == utc(
        2027, 3, 13, 7, 30
    )


# -- 4. a moved meeting whose RECURRENCE-ID names no meeting --------------------------
def test_a_moved_meeting_of_an_event_that_is_no_series_is_listed_as_skipped(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A one-off call sent with a RECURRENCE-ID component moving it: RFC 5545 gives that
    to series alone. The call is imported where its own DTSTART puts it and the stray
    component is listed with its line, not dropped without a word."""
    call = """BEGIN:VEVENT
UID:oneoff@example.org
DTSTAMP:20270101T000000Z
DTSTART;TZID=Asia/Tokyo:20270310T100000
DTEND;TZID=Asia/Tokyo:20270310T110000
SUMMARY:Kobe call
END:VEVENT"""
    moved = """BEGIN:VEVENT
UID:oneoff@example.org
DTSTAMP:20270101T000000Z
RECURRENCE-ID;TZID=Asia/Tokyo:20270310T100000
DTSTART;TZID=Asia/Tokyo:20270310T150000
DTEND;TZID=Asia/Tokyo:20270310T160000
SUMMARY:Kobe call
END:VEVENT"""
    output = imported(tmp_path, sqlite_path, capsys, ics(call, moved), "oneoff.ics")
    assert (
        "skip    line 11: Kobe call: the event is no series (it has no RRULE): a RECURRENCE-ID "
        "names none of it"
    ) in output
    assert "oneoff.ics: 1 created, 0 updated, 0 left as they are, 1 skipped" in output
    assert stored_meetings(sqlite_path) == {
        ("oneoff@example.org", utc(2027, 3, 10, 1), utc(2027, 3, 10, 2))
    }


def test_a_moved_meeting_that_names_no_meeting_of_its_series_is_listed_as_skipped(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """RFC 5545 readers show it as a fourth meeting, which a series of the program (the
    meetings of its rule) cannot hold: the series is imported and the moved meeting is
    listed with its line and the reason, as when it arrives alone."""
    weekly = """BEGIN:VEVENT
UID:stray@example.org
DTSTAMP:20270101T000000Z
DTSTART;TZID=Asia/Tokyo:20270301T100000
DTEND;TZID=Asia/Tokyo:20270301T110000
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Stray
END:VEVENT"""
    stray = """BEGIN:VEVENT
UID:stray@example.org
DTSTAMP:20270101T000000Z
RECURRENCE-ID;TZID=Asia/Tokyo:20270309T100000
DTSTART;TZID=Asia/Tokyo:20270310T150000
DTEND;TZID=Asia/Tokyo:20270310T160000
SEQUENCE:1
SUMMARY:Stray
END:VEVENT"""
    data = ics(weekly, stray, prodid="-//Google Inc//Google Calendar 70.9054//EN")
    output = imported(tmp_path, sqlite_path, capsys, data, "strayrid.ics")
    assert "skip    line 12: Stray: the series has no session at the RECURRENCE-ID given" in (
        output
    )
    assert "strayrid.ics: 1 created, 0 updated, 0 left as they are, 1 skipped" in output
    oracle = parsers.with_recurring_ical_events(data, WINDOW)
    extra = ("stray@example.org", utc(2027, 3, 10, 6), utc(2027, 3, 10, 7))
    assert stored_meetings(sqlite_path) == oracle - {extra}


def test_a_second_change_of_the_same_meeting_is_listed_as_skipped(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two components move the meeting of 9 March, to 15:00 and to 16:00: which one the
    sender means cannot be told. The first is taken, as the first of two copies of an
    event is, and the second is listed with its line, not dropped without a word; so is
    the second of two sent without their series."""
    weekly = """BEGIN:VEVENT
UID:twice@example.org
DTSTAMP:20270101T000000Z
DTSTART;TZID=Asia/Tokyo:20270302T100000
DTEND;TZID=Asia/Tokyo:20270302T110000
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Twice
END:VEVENT"""

    def moved(uid: str, hour: int) -> str:
        return f"""BEGIN:VEVENT
UID:{uid}
DTSTAMP:20270101T000000Z
RECURRENCE-ID;TZID=Asia/Tokyo:20270309T100000
DTSTART;TZID=Asia/Tokyo:20270309T{hour}0000
DTEND;TZID=Asia/Tokyo:20270309T{hour + 1}0000
SUMMARY:Twice
END:VEVENT"""

    data = ics(
        weekly,
        moved("twice@example.org", 15),
        moved("twice@example.org", 16),
        moved("alone@example.org", 15),
        moved("alone@example.org", 16),
    )
    output = imported(tmp_path, sqlite_path, capsys, data, "twice.ics")
    assert (
        "skip    line 20: Twice: a second change of the session of Tue 09 Mar 2027 10:00 (the "
        "same UID and RECURRENCE-ID as line 12); the first is taken"
    ) in output
    assert (
        "skip    line 36: Twice: a second change of the session of Tue 09 Mar 2027 10:00 (the "
        "same UID and RECURRENCE-ID as line 28); the first is taken"
    ) in output
    assert ("twice@example.org", utc(2027, 3, 9, 6), utc(2027, 3, 9, 7)) in (
        stored_meetings(sqlite_path)
    )


# -- 5. moved meetings at a time a change of clocks skips or repeats ------------------
def test_moved_meetings_at_skipped_or_repeated_times_are_listed_in_the_preview(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    series_gap = """BEGIN:VEVENT
UID:overgap@example.org
DTSTAMP:20270101T000000Z
DTSTART;TZID=America/New_York:20270307T090000
DTEND;TZID=America/New_York:20270307T100000
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Override into gap
END:VEVENT"""
    into_gap = """BEGIN:VEVENT
UID:overgap@example.org
DTSTAMP:20270101T000000Z
RECURRENCE-ID;TZID=America/New_York:20270314T090000
DTSTART;TZID=America/New_York:20270314T023000
DTEND;TZID=America/New_York:20270314T040000
SEQUENCE:1
SUMMARY:Override into gap
END:VEVENT"""
    series_fold = """BEGIN:VEVENT
UID:overfold@example.org
DTSTAMP:20270101T000000Z
DTSTART;TZID=Europe/London:20271024T090000
DTEND;TZID=Europe/London:20271024T100000
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Override into fold
END:VEVENT"""
    into_fold = """BEGIN:VEVENT
UID:overfold@example.org
DTSTAMP:20270101T000000Z
RECURRENCE-ID;TZID=Europe/London:20271031T090000
DTSTART;TZID=Europe/London:20271031T013000
DTEND;TZID=Europe/London:20271031T023000
SEQUENCE:1
SUMMARY:Override into fold
END:VEVENT"""
    data = ics(series_gap, into_gap, series_fold, into_fold, prodid="-//Google//EN")
    path = tmp_path / "overgap.ics"
    path.write_bytes(data)
    assert main(["import", str(path), "--dry-run", "--db", str(sqlite_path)]) == 0
    preview = capsys.readouterr().out
    assert (
        "Sun 14 Mar 2027 02:30 is skipped when clocks change; read as 03:30 EDT (07:30 UTC), "
        "as RFC 5545 says"
    ) in preview
    assert (
        "Sun 31 Oct 2027 01:30 happens twice; read as the first, 01:30 BST (00:30 UTC), "
        "as RFC 5545 says"
    ) in preview
    imported(tmp_path, sqlite_path, capsys, data, "overgap.ics")
    assert stored_meetings(sqlite_path) == parsers.with_recurring_ical_events(data, WINDOW)


def test_a_moved_meeting_sent_alone_at_a_skipped_time_carries_its_reading() -> None:
    """Google's update of one meeting, moved to 02:00 on 14 March in New York."""
    alone = """BEGIN:VEVENT
UID:exd@example.org
DTSTAMP:20270101T000000Z
RECURRENCE-ID;TZID=America/New_York:20270314T090000
DTSTART;TZID=America/New_York:20270314T020000
DTEND;TZID=America/New_York:20270314T040000
SEQUENCE:1
SUMMARY:Exdate mix
END:VEVENT"""
    (occurrence,) = read_calendar(ics(alone), "orphan.ics").occurrences
    assert occurrence.change.start == utc(2027, 3, 14, 7)
    assert occurrence.notes == (
        "Sun 14 Mar 2027 02:00 is skipped when clocks change; read as 03:00 EDT (07:00 UTC), "
        "as RFC 5545 says",
    )


# -- 6. the "several zones fit" refusal -----------------------------------------------
FIXED_MINUS_FIVE = """BEGIN:VTIMEZONE
TZID:Customized Time Zone
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:-0500
TZOFFSETTO:-0500
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T000000
TZOFFSETFROM:-0500
TZOFFSETTO:-0500
END:DAYLIGHT
END:VTIMEZONE"""
IN_LIMA = """BEGIN:VEVENT
UID:cz-lima
DTSTART;TZID=Customized Time Zone:20270703T090000
DTEND;TZID=Customized Time Zone:20270703T100000
SUMMARY:Housing ministry call
DTSTAMP:20270201T120000Z
END:VEVENT"""


def test_several_zones_fit_names_the_vtimezones_line_and_offers_lima() -> None:
    """Outlook's fixed UTC-05:00 zone: SA Pacific Standard Time stands for Bogota, Lima,
    Quito and Rio Branco, and CLDR names Bogota alone; the coordinator is offered Lima."""
    data = ics(FIXED_MINUS_FIVE, IN_LIMA, prodid="Microsoft Exchange Server 2010")
    with pytest.raises(AmbiguousZoneError) as refused:
        read_calendar(data, "lima.ics")
    message = str(refused.value)
    assert message.startswith(
        "lima.ics, line 4 (VTIMEZONE): the time zone 'Customized Time Zone' has the offsets "
        "of several zones ("
    )
    assert "America/Lima" in message
    assert "America/Bogota" in message
    (event,) = read_calendar(data, "lima.ics", "America/Lima").events
    assert (event.zone, event.start_utc) == ("America/Lima", utc(2027, 7, 3, 14))


def test_a_change_of_all_later_meetings_that_lands_in_a_gap_is_listed_in_the_preview(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From 7 March every meeting moves from 09:00 to 02:30 (RANGE=THISANDFUTURE); on 14
    March 02:30 is skipped in New York and the meeting is read as 03:30 EDT."""
    weekly = """BEGIN:VEVENT
UID:later@example.org
DTSTAMP:20270101T000000Z
DTSTART;TZID=America/New_York:20270301T090000
DTEND;TZID=America/New_York:20270301T100000
RRULE:FREQ=DAILY;COUNT=20;BYDAY=SU,MO
SUMMARY:Early calls
END:VEVENT"""
    from_7_march = """BEGIN:VEVENT
UID:later@example.org
DTSTAMP:20270101T000000Z
RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20270307T090000
DTSTART;TZID=America/New_York:20270307T023000
DTEND;TZID=America/New_York:20270307T033000
SUMMARY:Early calls
END:VEVENT"""
    data = ics(weekly, from_7_march, prodid="-//partner//EN")
    path = tmp_path / "later.ics"
    path.write_bytes(data)
    assert main(["import", str(path), "--dry-run", "--db", str(sqlite_path)]) == 0
    preview = capsys.readouterr().out
    assert (
        "Sun 14 Mar 2027 02:30 is skipped when clocks change; read as 03:30 EDT (07:30 UTC), "
        "as RFC 5545 says"
    ) in preview
    imported(tmp_path, sqlite_path, capsys, data, "later.ics")
    assert ("later@example.org", utc(2027, 3, 14, 7, 30)) in starts(stored_meetings(sqlite_path))
