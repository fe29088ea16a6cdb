"""What an import makes of files that do not define events (an attendee's REPLY, a
COUNTER), of a cancellation of an event the program never held, of a series every
meeting of which is excluded, and how its preview says a cancellation and the meetings
a newer series moves or cancels: as the coordinator reads them in ``import --dry-run``
and finds them in the program after the import."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from tests.ical.partner_series import CANCELLED_22_MARCH, WEEKLY
from tests.ical.partner_series import calendar as partner_calendar


def calendar(method: str, *events: str) -> str:
    """A calendar file as Exchange writes one."""
    return partner_calendar(method, *events, prodid="Microsoft Exchange Server 2010")


PLENARY = "a7e7110a-ffcc-560b-9324-8d94047117df@cpp-scheduler.tdlc"


ACCEPTED = f"""BEGIN:VEVENT
UID:{PLENARY}
SUMMARY:Accepted: Opening plenary: ten years of the City Partnership Program
DTSTART;TZID=Europe/Budapest:20270215T010000
DTEND;TZID=Europe/Budapest:20270215T021500
DTSTAMP:20270201T010203Z
SEQUENCE:0
ORGANIZER:mailto:keiko.tanaka@example.org
ATTENDEE;PARTSTAT=ACCEPTED;CN=Elena:mailto:elena@skopje.example.mk
END:VEVENT"""

UNKNOWN_REPLY = """BEGIN:VEVENT
UID:unknown-reply@example.org
SUMMARY:Accepted: Something else
DTSTART:20270310T080000Z
DTEND:20270310T090000Z
DTSTAMP:20270201T010203Z
ATTENDEE;PARTSTAT=ACCEPTED:mailto:elena@skopje.example.mk
END:VEVENT"""

CANCELLED = """BEGIN:VEVENT
UID:c1@example.org
DTSTAMP:20270101T000000Z
SUMMARY:Paris call
DTSTART;TZID=Europe/Paris:20270310T090000
DTEND;TZID=Europe/Paris:20270310T100000
SEQUENCE:1
STATUS:CANCELLED
ORGANIZER;CN=Marie:mailto:marie@paris.example.fr
END:VEVENT"""

PARIS_CALL = CANCELLED.replace("SEQUENCE:1\nSTATUS:CANCELLED", "SEQUENCE:0")

MOVED_8_MARCH = """BEGIN:VEVENT
UID:weekly@google.com
DTSTAMP:20270210T120000Z
SUMMARY:Weekly sync NY-Kobe
RECURRENCE-ID;TZID=America/New_York:20270308T090000
DTSTART;TZID=America/New_York:20270308T110000
DTEND;TZID=America/New_York:20270308T120000
SEQUENCE:1
END:VEVENT"""


def run(database: Path, *args: str) -> None:
    assert main([*args, "--db", str(database)]) == 0


def import_text(
    database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    *,
    dry_run: bool = False,
    zone: str = "Europe/Skopje",
) -> str:
    path = tmp_path / "file.ics"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    capsys.readouterr()
    run(database, "import", str(path), "--zone", zone, *(["--dry-run"] if dry_run else []))
    return capsys.readouterr().out


def events(database: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    run(database, "events", "list", "--json")
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return found


@pytest.fixture
def demo(tmp_path: Path, demo_sqlite_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    return path


def test_an_attendees_reply_changes_nothing_and_points_to_replies_import(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = calendar("REPLY", ACCEPTED)
    before = [e for e in events(demo, capsys) if e["uid"] == PLENARY]

    dry_run = import_text(demo, tmp_path, capsys, text, dry_run=True)
    done = import_text(demo, tmp_path, capsys, text)

    expected = (
        "skip    line 5: Accepted: Opening plenary: ten years of the City Partnership "
        "Program: an attendee's answer to an invitation (METHOD:REPLY), not an event: "
        "nothing is imported from it; read replies with 'cpp-scheduler replies import'"
    )
    assert dry_run.splitlines()[0] == expected
    assert done.splitlines() == [
        expected,
        f"{tmp_path / 'file.ics'}: 0 created, 0 updated, 0 left as they are, 1 skipped",
    ]
    after = [e for e in events(demo, capsys) if e["uid"] == PLENARY]
    assert after == before
    assert after[0]["title"] == "Opening plenary: ten years of the City Partnership Program"
    assert after[0]["zone"] == "Asia/Tokyo"


def test_a_reply_for_an_unknown_event_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "new.sqlite"

    done = import_text(database, tmp_path, capsys, calendar("REPLY", UNKNOWN_REPLY))

    assert "0 created, 0 updated, 0 left as they are, 1 skipped" in done
    assert events(database, capsys) == []


@pytest.mark.parametrize("method", ["COUNTER", "DECLINECOUNTER", "REFRESH"])
def test_a_counter_proposal_is_no_event_definition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], method: str
) -> None:
    database = tmp_path / "new.sqlite"

    done = import_text(database, tmp_path, capsys, calendar(method, UNKNOWN_REPLY))

    assert (
        f"a {method} message (RFC 5546) proposes or asks, it does not define the event: "
        "nothing is imported from it"
    ) in done.splitlines()[0]
    assert events(database, capsys) == []


def test_a_cancellation_of_an_event_never_held_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "new.sqlite"
    text = calendar("CANCEL", CANCELLED)

    dry_run = import_text(database, tmp_path, capsys, text, dry_run=True)
    done = import_text(database, tmp_path, capsys, text)

    line = (
        "skip    line 5: Paris call: a cancellation (METHOD:CANCEL) of an event the program "
        "does not hold: nothing to cancel"
    )
    assert dry_run.splitlines()[0] == line
    assert done.splitlines()[0] == line
    assert events(database, capsys) == []


def test_the_preview_says_a_cancellation_cancels_the_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "paris.sqlite"
    import_text(database, tmp_path, capsys, calendar("PUBLISH", PARIS_CALL), zone="Europe/Paris")

    dry_run = import_text(
        database, tmp_path, capsys, calendar("CANCEL", CANCELLED), dry_run=True, zone="Europe/Paris"
    )

    assert dry_run.splitlines()[0] == (
        "update  Paris call (Wed 10 Mar 2027 09:00 Europe/Paris): version 1 cancels the "
        "event (the program holds version 0)"
    )


def test_a_newer_series_lists_the_meetings_it_moves_and_cancels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "ny.sqlite"
    import_text(
        database, tmp_path, capsys, calendar("", WEEKLY.format(sequence=0)), zone="America/New_York"
    )
    newer = calendar("", WEEKLY.format(sequence=1), MOVED_8_MARCH, CANCELLED_22_MARCH)

    dry_run = import_text(database, tmp_path, capsys, newer, dry_run=True)

    assert dry_run.splitlines()[:3] == [
        "update  Weekly sync NY-Kobe (Mon 01 Mar 2027 09:00 America/New_York): version 1 "
        "replaces 0",
        "        the session of Mon 08 Mar 2027 14:00 UTC: move to Mon 08 Mar 2027 16:00 UTC",
        "        the session of Mon 22 Mar 2027 13:00 UTC: cancel",
    ]


def test_a_series_moved_as_a_whole_lists_its_first_meetings_and_how_many_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "ny.sqlite"
    daily = WEEKLY.replace("FREQ=WEEKLY;COUNT=5", "FREQ=DAILY;COUNT=12")
    import_text(
        database, tmp_path, capsys, calendar("", daily.format(sequence=0)), zone="America/New_York"
    )
    later = (
        daily.format(sequence=1)
        .replace(
            "DTSTART;TZID=America/New_York:20270301T090000",
            "DTSTART;TZID=America/New_York:20270301T100000",
        )
        .replace(
            "DTEND;TZID=America/New_York:20270301T100000",
            "DTEND;TZID=America/New_York:20270301T110000",
        )
    )

    lines = import_text(database, tmp_path, capsys, calendar("", later), dry_run=True).splitlines()

    assert lines[1] == (
        "        the session of Mon 01 Mar 2027 14:00 UTC: move to Mon 01 Mar 2027 15:00 UTC"
    )
    assert lines[5] == (
        "        the session of Fri 05 Mar 2027 14:00 UTC: move to Fri 05 Mar 2027 15:00 UTC"
    )
    assert lines[6] == "        and 7 more sessions"


def test_a_new_series_with_every_meeting_excluded_is_skipped_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "new.sqlite"
    text = calendar(
        "",
        """BEGIN:VEVENT
UID:xa@example.org
DTSTAMP:20270101T000000Z
SUMMARY:Two Mondays, both off
DTSTART;TZID=America/New_York:20270301T090000
DTEND;TZID=America/New_York:20270301T100000
RRULE:FREQ=WEEKLY;COUNT=2
EXDATE;TZID=America/New_York:20270301T090000,20270308T090000
END:VEVENT""",
        """BEGIN:VEVENT
UID:ok@example.org
DTSTAMP:20270101T000000Z
SUMMARY:Kept
DTSTART;TZID=America/New_York:20270301T090000
DTEND;TZID=America/New_York:20270301T100000
END:VEVENT""",
    )

    done = import_text(database, tmp_path, capsys, text, zone="America/New_York")

    assert done.splitlines() == [
        "create  Kept (Mon 01 Mar 2027 09:00 America/New_York)",
        "skip    line 4: Two Mondays, both off: every session of the series is excluded "
        "(EXDATE) or cancelled: there is no meeting to create",
        f"{tmp_path / 'file.ics'}: 1 created, 0 updated, 0 left as they are, 1 skipped",
    ]
    assert [e["title"] for e in events(database, capsys)] == ["Kept"]
