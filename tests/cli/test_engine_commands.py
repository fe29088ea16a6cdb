"""The engine's commands: times, conflicts, slots; and the release in --version."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, Participant, Venue
from cpp_scheduler.store import Database

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def tokyo(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 1, day, hour, minute, tzinfo=UTC) - timedelta(hours=9)


def db(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


@pytest.fixture
def program(database: Database) -> dict[str, str]:
    with database.transaction() as session:
        room = session.scalars(select(Venue).where(Venue.name == "TDLC Meeting Room A")).one()
        lima = Delegation(name="Lima housing delegation", country="PE", zone="America/Lima")
        kenji = Participant(name="Kenji Sato", email="kenji@city.kobe.lg.jp", zone="Asia/Tokyo")
        workshop = Event(
            title="Kobe DRR workshop",
            start_utc=tokyo(12, 10),
            end_utc=tokyo(12, 11, 30),
            venue=room,
            delegations=[lima],
            participants=[kenji],
        )
        visit = Event(
            title="Yokohama smart-city visit",
            start_utc=tokyo(12, 10),
            end_utc=tokyo(12, 11, 30),
            venue=room,
        )
        call = Event(
            title="Lima exchange",
            kind=EventKind.VIDEOCONFERENCE,
            mode=EventMode.VIRTUAL,
            video_link="https://meet.example.org/lima",
            start_utc=tokyo(20, 10),
            end_utc=tokyo(20, 11),
            delegations=[lima],
            recurrence_rule="FREQ=WEEKLY;COUNT=3",
        )
        session.add_all([lima, kenji, workshop, visit, call])
        session.flush()
        return {"workshop": workshop.uid, "call": call.uid}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_version_names_the_time_zone_release(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert f"IANA {timezones.TZDATA_RELEASE}" in out
    assert out.startswith("cpp-scheduler ")


# -- times ------------------------------------------------------------------------------


def test_times_json_gives_local_times_with_offsets_and_instants_in_utc(
    database: Database, program: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "times", program["workshop"], "--json", "--db", db(database))
    assert status == 0
    document = json.loads(out)
    assert document["event"]["title"] == "Kobe DRR workshop"
    [occurrence] = document["occurrences"]
    assert occurrence["start"] == "2027-01-12T01:00:00Z"
    rows = {row["name"]: row for row in occurrence["times"]}
    assert list(rows) == ["Lima housing delegation", "Kenji Sato", "Tokyo", "Washington"]
    lima = rows["Lima housing delegation"]
    assert lima["start"] == "2027-01-11T20:00:00-05:00"
    assert lima["end"] == "2027-01-11T21:30:00-05:00"
    assert (lima["weekday"], lima["day_offset"], lima["utc_offset"]) == ("Mon", -1, "-05:00")
    assert lima["hours"] == "extended"
    assert rows["Tokyo"]["start"] == "2027-01-12T10:00:00+09:00"
    assert rows["Tokyo"]["hours"] == "working"
    assert rows["Washington"]["abbreviation"] == "EST"
    for row in rows.values():
        assert ISO_WITH_OFFSET.match(row["start"])


def test_times_table_for_every_occurrence_of_a_series(
    database: Database, program: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "times", program["call"], "--all", "--db", db(database))
    assert status == 0
    assert out.count("Lima exchange: ") == 3
    assert "Wed 20 Jan 2027 10:00-11:00 (Tokyo)" in out
    lima_line = next(line for line in out.splitlines() if line.startswith("Lima housing"))
    assert "Tue 19 Jan 2027 20:00-21:00" in lima_line
    assert " -1 " in lima_line
    assert "acceptable hours" in lima_line


def test_times_of_an_unknown_event_is_one_line_and_a_failure(
    database: Database, program: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "times", "nope@example.org", "--db", db(database))
    assert status == 1
    assert out == ""
    assert err == "cpp-scheduler: No event has the UID or id 'nope@example.org'.\n"


# -- conflicts ------------------------------------------------------------------------


def test_conflicts_json(
    database: Database, program: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "conflicts", "--json", "--db", db(database))
    assert status == 0
    document = json.loads(out)
    venue = [c for c in document["conflicts"] if c["kind"] == "venue_double_booked"]
    assert venue[0]["message"] == (
        "Kobe DRR workshop and Yokohama smart-city visit both book TDLC Meeting Room A on "
        "Tue 12 Jan 10:00-11:30 (Tokyo)"
    )
    assert venue[0]["severity"] == "error"
    assert venue[0]["start"] == "2027-01-12T01:00:00Z"
    assert document["errors"] >= 1
    for conflict in document["conflicts"]:
        assert ISO_UTC.match(conflict["start"])


def test_conflicts_in_a_date_range_as_text(
    database: Database, program: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "conflicts", "--from", "2027-01-12", "--to", "2027-01-12", "--db", db(database)
    )
    assert status == 0
    assert "ERROR    Tue 12 Jan 10:00  Venue booked twice: Kobe DRR workshop and Yokohama" in out
    assert "Lima exchange" not in out
    status, out, _ = run(
        capsys, "conflicts", "--from", "2027-01-13", "--to", "2027-01-19", "--db", db(database)
    )
    assert out.strip().startswith("0 errors, 0 warnings")


def test_conflicts_count_the_meetings_of_the_days_asked_for(
    demo_sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not the neighbours read a day either side: the Sunday before the conference holds
    no meeting, its first day as many as ``events list`` shows."""
    demo = str(demo_sqlite_path)
    sunday = ("--from", "2027-02-14", "--to", "2027-02-14")
    status, out, _ = run(capsys, "conflicts", *sunday, "--db", demo)
    assert status == 0
    assert out == "0 errors, 0 warnings in 0 meetings\n"
    monday = ("--from", "2027-02-15", "--to", "2027-02-15")
    status, out, _ = run(capsys, "events", "list", *monday, "--json", "--db", demo)
    listed = len(json.loads(out))
    status, out, _ = run(capsys, "conflicts", *monday, "--db", demo)
    assert status == 0
    assert out.splitlines()[-1].endswith(f" warnings in {listed} meetings")
    assert listed == 8


def test_conflicts_refuses_a_range_that_ends_before_it_starts(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, "conflicts", "--from", "2027-01-13", "--to", "2027-01-12", "--db", db(database)
    )
    assert status == 2
    assert "--to 2027-01-12 is before --from 2027-01-13" in err


# -- slots ----------------------------------------------------------------------------


def test_slots_json_ranks_times_with_reasons(
    database: Database, program: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys,
        "slots",
        "--with",
        "Lima housing delegation",
        "kenji@city.kobe.lg.jp",
        "--duration",
        "90m",
        "--from",
        "2027-01-13",
        "--to",
        "2027-01-14",
        "--count",
        "3",
        "--json",
        "--db",
        db(database),
    )
    assert status == 0
    slots = json.loads(out)["slots"]
    assert len(slots) == 3
    best = slots[0]
    assert ISO_UTC.match(best["start"])
    assert [a["name"] for a in best["attendees"]] == [
        "TDLC Tokyo",  # the host, weighed first
        "Lima housing delegation",
        "Kenji Sato",
    ]
    for attendee in best["attendees"]:
        assert ISO_WITH_OFFSET.match(attendee["start"])
        assert attendee["reason"].startswith(attendee["name"] + ": ")
    assert [s["inconvenience"] for s in slots] == sorted(s["inconvenience"] for s in slots)


def test_slots_avoid_what_the_program_already_holds(
    database: Database, program: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys,
        "slots",
        "--with",
        "kenji@city.kobe.lg.jp",
        "--duration",
        "1h",
        "--from",
        "2027-01-12",
        "--to",
        "2027-01-12",
        "--venue",
        "TDLC Meeting Room A",
        "--count",
        "20",
        "--json",
        "--db",
        db(database),
    )
    assert status == 0
    for slot in json.loads(out)["slots"]:
        assert slot["end"] <= "2027-01-12T01:00:00Z" or slot["start"] >= "2027-01-12T02:30:00Z"


def test_slots_for_a_series_show_the_fairness_measure(
    database: Database, program: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys,
        "slots",
        "--with",
        "Lima housing delegation",
        "kenji@city.kobe.lg.jp",
        "--duration",
        "1h",
        "--from",
        "2027-02-08",
        "--to",
        "2027-02-12",
        "--repeat",
        "FREQ=MONTHLY;COUNT=6",
        "--db",
        db(database),
    )
    assert status == 0
    assert out.count(": inconvenience ") == 6
    fairness = next(line for line in out.splitlines() if line.startswith("Fairness: "))
    verdict = fairness.removeprefix("Fairness: the burden is ").split(" (spread ")[0]
    assert verdict in ("shared evenly", "fairly shared", "unevenly shared")
    assert "Lima housing delegation " in out.splitlines()[-1]


def test_slots_name_the_unknown_attendee(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys,
        "slots",
        "--with",
        "Atlantis",
        "--duration",
        "1h",
        "--from",
        "2027-01-12",
        "--to",
        "2027-01-13",
        "--db",
        db(database),
    )
    assert status == 1
    assert "'Atlantis' is neither a delegation's name nor a participant's email" in err


def test_slots_refuse_a_duration_they_cannot_read(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(
            [
                "slots",
                "--with",
                "x",
                "--duration",
                "an hour",
                "--from",
                "2027-01-12",
                "--to",
                "2027-01-13",
            ]
        )
    assert exited.value.code == 2
    assert "'an hour' is not a duration" in capsys.readouterr().err


def test_conflicts_speak_the_language_asked_for(
    database: Database, program: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        status, out, _ = run(
            capsys,
            "conflicts",
            "--lang",
            "ja",
            "--from",
            "2027-01-12",
            "--to",
            "2027-01-12",
            "--db",
            db(database),
        )
    finally:
        main(["--lang", "en", "events", "list", "--db", db(database)])
        capsys.readouterr()
    assert status == 0
    assert "会場の二重予約: 「Kobe DRR workshop」と「Yokohama smart-city visit」が" in out
    assert "1月12日(火) 10:00-11:30（東京）" in out
    assert out.strip().endswith("会合2件中 エラー1件、警告0件")
