"""The program's own events sent back by partners' calendars, imported as a coordinator
would: the demo's "Opening plenary" and its monthly series, as an Outlook or a Google
user in Skopje holds them and sends them back.

Their calendars write the same event in their own words: the plenary at 01:00 in
Europe/Budapest (Outlook's "Central Europe Standard Time") instead of 09:00 in Tokyo, the
series' rule as ``BYDAY=WE;BYSETPOS=3`` or with Google's ``WKST=SU``, no video link, and
the program's own details block ("----" and the delegations' local times) kept in the
description. The same instants at the same SEQUENCE are the same version (RFC 5545
section 3.8.5.3 gives a series as its set of instants; RFC 5546 section 2.1.4 versions an
event by SEQUENCE): nothing is changed, nobody is due an update. What is checked is
what a partner receives next: the program's export of the event.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main

PLENARY = "a7e7110a-ffcc-560b-9324-8d94047117df@cpp-scheduler.tdlc"
SERIES = "524d1903-c583-5db1-918f-f9a520b0e77c@cpp-scheduler.tdlc"

CENTRAL_EUROPE = """BEGIN:VTIMEZONE
TZID:Central Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""


def outlook_plenary(start: str = "010000", end: str = "021500", sequence: int = 0) -> str:
    return f"""BEGIN:VCALENDAR
METHOD:PUBLISH
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
X-WR-CALNAME:Calendar
{CENTRAL_EUROPE}
BEGIN:VEVENT
UID:{PLENARY}
SUMMARY:Opening plenary: ten years of the City Partnership Program
DTSTART;TZID=Central Europe Standard Time:20270215T{start}
DTEND;TZID=Central Europe Standard Time:20270215T{end}
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20270201T010203Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:{sequence}
LOCATION:TDLC Meeting Room A
X-MICROSOFT-CDO-APPT-SEQUENCE:{sequence}
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
X-MICROSOFT-CDO-ALLDAYEVENT:FALSE
END:VEVENT
END:VCALENDAR
"""


GOOGLE_PLENARY = f"""BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Elena
X-WR-TIMEZONE:Europe/Skopje
BEGIN:VEVENT
DTSTART:20270215T000000Z
DTEND:20270215T011500Z
DTSTAMP:20270201T010203Z
UID:{PLENARY}
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Opening plenary: ten years of the City Partnership Program
LOCATION:TDLC Meeting Room A
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR
"""

DETAILS_JANUARY = (
    "DESCRIPTION:Third Wednesday of each month\\, 17:00 in Tokyo: 08:00 UTC. Sko\n"
    " pje moves from 09:00 to 10:00 when North Macedonia changes to summer time \n"
    " on 28 March.\\n\\n----\\nKenya: Nairobi City County (Africa/Nairobi): Wed 20 \n"
    " Jan 2027 11:00 EAT to 12:30\\nVideo link: https://meet.example.org/tdlc/p2p-r\n"
    " esilient-cities"
)


def series(zone: str, rule: str, prodid: str, sequence: int = 0) -> str:
    """The demo's monthly series and its 20 May meeting (moved to the Thursday) as a
    partner's calendar writes them, with the program's details block kept."""
    return f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:{prodid}
METHOD:PUBLISH
BEGIN:VEVENT
SUMMARY:Peer-to-peer workshop series: resilient cities (monthly)
DTSTART;TZID={zone}:20270120T170000
DTEND;TZID={zone}:20270120T183000
DTSTAMP:20261205T093455Z
UID:{SERIES}
SEQUENCE:{sequence}
RRULE:{rule}
EXDATE;TZID={zone}:20270217T170000
{DETAILS_JANUARY}
LOCATION:Online
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
SUMMARY:Peer-to-peer workshop series: resilient cities (monthly)
DTSTART;TZID={zone}:20270520T170000
DTEND;TZID={zone}:20270520T183000
DTSTAMP:20261205T093455Z
UID:{SERIES}
RECURRENCE-ID;TZID={zone}:20270519T170000
SEQUENCE:{sequence}
LOCATION:Online
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR
"""


GOOGLE_SERIES = series(
    "Asia/Tokyo", "FREQ=MONTHLY;WKST=SU;COUNT=6;BYDAY=3WE", "-//Google Inc//Google Calendar//EN"
)
OUTLOOK_SERIES = series(
    "Tokyo Standard Time",
    "FREQ=MONTHLY;COUNT=6;BYDAY=WE;BYSETPOS=3",
    "Microsoft Exchange Server 2010",
)


@pytest.fixture
def program(tmp_path: Path, demo_sqlite_path: Path) -> Path:
    """The demo program in a file of this test's own."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    return path


def run(program: Path, *args: str) -> None:
    assert main([*args, "--db", str(program)]) == 0


def imported(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> tuple[str, str]:
    """The dry run's and the import's output for ``text`` as a file from Skopje."""
    path = tmp_path / "from-skopje.ics"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    capsys.readouterr()
    run(program, "import", str(path), "--dry-run", "--zone", "Europe/Skopje")
    dry_run = capsys.readouterr().out
    run(program, "import", str(path), "--zone", "Europe/Skopje")
    return dry_run, capsys.readouterr().out


def exported(program: Path, tmp_path: Path, uid: str) -> icalendar.Event:
    """The event's series (or only) component as the program exports it next."""
    path = tmp_path / "next.ics"
    run(program, "export", "ics", "--event", uid, "-o", str(path))
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return next(
        event
        for event in calendar.walk("VEVENT")
        if str(event["UID"]) == uid and event.get("RECURRENCE-ID") is None
    )


@pytest.mark.parametrize("text", [outlook_plenary(), GOOGLE_PLENARY], ids=["outlook", "google"])
def test_a_partners_copy_of_a_one_off_at_its_own_clock_is_already_here(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    before = exported(program, tmp_path, PLENARY)

    dry_run, done = imported(program, tmp_path, capsys, text)

    assert dry_run.startswith("same    Opening plenary: ten years of the City Partnership")
    assert "version 0 is already here" in dry_run.splitlines()[0]
    assert "0 would be updated, 1 left as they are" in dry_run
    assert "0 updated, 1 left as they are" in done
    after = exported(program, tmp_path, PLENARY)
    assert after["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert after["DTSTART"].dt.hour == 9
    assert after["SEQUENCE"] == 0
    assert str(after["URL"]) == str(before["URL"]) != ""


@pytest.mark.parametrize("text", [GOOGLE_SERIES, OUTLOOK_SERIES], ids=["google", "outlook"])
def test_a_series_sent_back_with_its_rule_in_other_words_is_already_here(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    dry_run, done = imported(program, tmp_path, capsys, text)

    assert dry_run.splitlines()[0] == (
        "same    Peer-to-peer workshop series: resilient cities (monthly) (Wed 20 Jan 2027 "
        "17:00 Asia/Tokyo): version 0 is already here"
    )
    assert "0 updated, 1 left as they are" in done
    after = exported(program, tmp_path, SERIES)
    assert after["RRULE"].to_ical() == b"FREQ=MONTHLY;COUNT=6;BYDAY=3WE"
    assert after["SEQUENCE"] == 0
    assert str(after["URL"]) == "https://meet.example.org/tdlc/p2p-resilient-cities"


def test_a_partners_copy_that_moves_the_plenary_at_the_same_sequence_keeps_link_and_zone(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A genuinely other time at the same SEQUENCE is taken, as before; the video link
    Outlook leaves out is not taken as removed, and the plenary stays on Tokyo's clock."""
    dry_run, _done = imported(
        program, tmp_path, capsys, outlook_plenary(start="020000", end="031500")
    )

    assert "version 0 brings changes the program's version 0 does not hold" in dry_run
    after = exported(program, tmp_path, PLENARY)
    assert after.decoded("DTSTART").astimezone(UTC) == datetime(2027, 2, 15, 1, 0, tzinfo=UTC)
    assert after["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert str(after["URL"]) == "https://meet.example.org/tdlc/cpp-conference-2027"


def test_the_programs_details_block_does_not_come_back_through_a_partners_calendar(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Google writes its own PRODID over the program's export; the UID is still the
    program's, and so is the details block after "----": the agenda alone is taken."""
    newer = series(
        "Asia/Tokyo",
        "FREQ=MONTHLY;WKST=SU;COUNT=6;BYDAY=3WE",
        "-//Google Inc//Google Calendar//EN",
        sequence=1,
    )

    dry_run, _done = imported(program, tmp_path, capsys, newer)

    assert "version 1 replaces 0" in dry_run
    description = str(exported(program, tmp_path, SERIES)["DESCRIPTION"])
    assert description.startswith("Third Wednesday of each month, 17:00 in Tokyo: 08:00 UTC.")
    assert description.count("\n----\n") == 1
    assert description.count("Kenya: Nairobi City County (Africa/Nairobi)") == 1


def test_a_partners_own_event_keeps_every_word_of_its_description(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text a person wrote after a line of dashes in a partner's own event is theirs."""
    own = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
BEGIN:VEVENT
UID:skopje-own@google.com
DTSTAMP:20270101T000000Z
DTSTART:20270310T080000Z
DTEND:20270310T090000Z
SUMMARY:Skopje briefing
DESCRIPTION:Agenda\\n\\n----\\nRoom 4: bring the maps
END:VEVENT
END:VCALENDAR
"""
    imported(program, tmp_path, capsys, own)

    description = str(exported(program, tmp_path, "skopje-own@google.com")["DESCRIPTION"])
    assert description.startswith("Agenda\n\n----\nRoom 4: bring the maps")


def _closure(calendar_zone: str) -> str:
    """Google's copy of the office closure (1 to 3 June), as a calendar shown in
    ``calendar_zone`` writes it: dates, and the zone apart."""
    return f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
X-WR-TIMEZONE:{calendar_zone}
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270601
DTEND;VALUE=DATE:20270604
DTSTAMP:20261201T000000Z
UID:closure@google.com
SEQUENCE:0
SUMMARY:TDLC office closed
END:VEVENT
END:VCALENDAR
"""


def test_the_same_days_from_a_calendar_in_another_zone_are_already_here(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Days are days in every zone (RFC 5545's DATE values): a colleague's copy of an
    all-day event, from a calendar shown on Lima's clock, is the event the program
    holds, not a version that moves it to Lima and raises its SEQUENCE."""
    imported(program, tmp_path, capsys, _closure("America/New_York"))

    dry_run, done = imported(program, tmp_path, capsys, _closure("America/Lima"))

    assert dry_run.splitlines()[0] == (
        "same    TDLC office closed (all day Tue 01 Jun 2027 to Thu 03 Jun 2027): "
        "version 0 is already here"
    )
    assert "0 updated, 1 left as they are" in done
    after = exported(program, tmp_path, "closure@google.com")
    assert after["SEQUENCE"] == 0
    assert after["DTSTART"].dt.isoformat() == "2027-06-01"
    assert after["DTEND"].dt.isoformat() == "2027-06-04"
