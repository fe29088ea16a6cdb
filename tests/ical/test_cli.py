"""The ``export ics`` and ``import`` commands, run as a coordinator runs them."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import func, select

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event
from cpp_scheduler.store import Database
from tests.ical.program import Program, build_program


@pytest.fixture
def program(database: Database) -> Program:
    with database.transaction() as session:
        return build_program(session)


def uids(path: Path) -> set[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def test_export_a_participants_schedule(
    program: Program, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ana.ics"
    assert (
        main(
            [
                "export",
                "ics",
                "--participant",
                program.ana.email,
                "-o",
                str(out),
                "--db",
                database_url,
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == f"Wrote {out}"
    assert program.workshop.uid in uids(out)
    assert program.series.uid not in uids(out)
    assert f"tour-{program.tour.id}@cpp-scheduler.tdlc" in uids(out)


def test_export_in_request_mode_writes_the_cancellations_beside(
    program: Program, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "lima.ics"
    assert (
        main(
            [
                "--db",
                database_url,
                "export",
                "ics",
                "--delegation",
                program.lima.name,
                "--method",
                "request",
                "--from",
                "2026-06-01",
                "--to",
                "2026-06-30",
                "--reminder",
                "15",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert "have no organiser" in capsys.readouterr().err
    cancelled = tmp_path / "lima-cancelled.ics"
    calendar = icalendar.Calendar.from_ical(cancelled.read_bytes())
    assert str(calendar["METHOD"]) == "CANCEL"
    assert uids(cancelled) == {program.cancelled.uid}
    assert program.cancelled.uid not in uids(out)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--event", "nobody@example.org"], "No event has the UID or id 'nobody@example.org'."),
        (["--delegation", "Atlantis"], "no delegation is called 'Atlantis'"),
        (
            ["--tour", "x"],
            "no study tour is called 'x' (study tours: Peru housing ministry study tour)",
        ),
    ],
)
def test_export_of_something_unknown_says_what(
    program: Program,
    database_url: str,
    tmp_path: Path,
    arguments: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(
        ["export", "ics", *arguments, "-o", str(tmp_path / "x.ics"), "--db", database_url]
    )
    assert status == 1
    assert capsys.readouterr().err.strip() == f"cpp-scheduler: {message}"


def test_export_each_participant(
    program: Program, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "export",
                "ics",
                "--each-participant",
                "--out-dir",
                str(tmp_path / "out"),
                "--db",
                database_url,
            ]
        )
        == 0
    )
    names = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert names == sorted(f"{person.email}.ics" for person in program.everyone)
    said = capsys.readouterr().out
    assert said == f"Wrote 7 files for 7 participants in {tmp_path / 'out'}\n"


def test_import_dry_run_then_for_real(
    program: Program, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "all.ics"
    assert main(["export", "ics", "--all", "-o", str(exported), "--db", database_url]) == 0
    target = str(tmp_path / "empty.sqlite")
    capsys.readouterr()
    assert main(["import", str(exported), "--dry-run", "--db", target]) == 0
    output = capsys.readouterr().out
    assert "6 would be created, 0 would be updated" in output
    assert "(dry run: nothing changed)" in output
    assert main(["import", str(exported), "--db", target]) == 0
    assert "6 created, 0 updated, 0 left as they are, 2 skipped" in capsys.readouterr().out
    from cpp_scheduler.store import open_database

    again = open_database(target)
    with again.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 6
    again.close()


def test_import_of_a_broken_file_names_the_line(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nno colon here\nEND:VCALENDAR\n")
    assert main(["import", str(broken), "--db", str(sqlite_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"cpp-scheduler: {broken}, line 3: 'no colon here'")


def test_export_a_feed_with_its_refresh_interval(
    program: Program, database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "peru.ics"
    assert (
        main(
            [
                "export",
                "ics",
                "--delegation",
                program.lima.name,
                "--refresh-hours",
                "6",
                "--feed-url",
                "https://example.org/cpp/peru.ics",
                "-o",
                str(out),
                "--db",
                database_url,
            ]
        )
        == 0
    )
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert calendar.refresh_interval == timedelta(hours=6)
    assert str(calendar["SOURCE"]) == "https://example.org/cpp/peru.ics"
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_preview_prints_what_the_participants_calendar_will_show(
    program: Program, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["export", "ics", "--participant", program.grace.email, "--db", database_url]
    assert main([*arguments, "--preview"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["Grace Miller: CPP program", "7 meetings, read in America/New_York"]
    february, april = (
        line
        for line in lines
        if program.series.title in line and (" Feb " in line or " Apr " in line)
    )
    assert february.startswith("Tue 17 Feb 2026 19:00 (UTC-05:00)  Tue 17 Feb 2026 20:30")
    assert april.startswith("Wed 15 Apr 2026 22:00 (UTC-04:00)  Wed 15 Apr 2026 23:30")

    assert main([*arguments, "--preview", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["zone"], document["files"]) == ("America/New_York", ["PUBLISH"])
    series = [row for row in document["events"] if row["title"] == program.series.title]
    assert [row["start"] for row in series] == [
        "2026-02-17T19:00:00-05:00",
        "2026-04-15T22:00:00-04:00",
        "2026-05-19T20:00:00-04:00",
        "2026-06-16T20:00:00-04:00",
        "2026-07-14T20:00:00-04:00",
    ]
    assert series[1]["recurrence_id"] == "2026-04-15T00:00:00Z"  # moved from Wednesday 09:00
    assert series[1]["start_utc"] == "2026-04-16T02:00:00Z"
    assert series[0]["video_link"] == "https://meet.example.org/cpp-monthly"
    assert list(tmp_path.rglob("*.ics")) == []  # a preview writes nothing


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--all", "-o", "x.ics", "--json"], "--json goes with --preview"),
        (
            ["--each-participant", "--out-dir", "out", "--preview"],
            "--preview reads one file: give --participant EMAIL for one person's calendar",
        ),
    ],
)
def test_preview_options_that_do_not_go_together(
    sqlite_path: Path, arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "ics", *arguments, "--db", str(sqlite_path)]) == 2
    assert capsys.readouterr().err.strip() == f"cpp-scheduler: {message}"


def test_export_reports_a_zone_whose_rule_changes_within_the_file(
    database: Database, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    start = datetime(2027, 1, 6, 8, tzinfo=UTC)
    with database.transaction() as session:
        series = Event(
            title="Cairo call",
            start_utc=start,
            end_utc=start + timedelta(hours=1),
            zone="Africa/Cairo",
            recurrence_rule="FREQ=MONTHLY;COUNT=48",
        )
        session.add(series)
        session.flush()
        event_uid = series.uid
    out = tmp_path / "cairo.ics"
    arguments = ["export", "ics", "--event", event_uid, "-o", str(out), "--db", database_url]
    assert main(arguments) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"Wrote {out}"
    assert "Africa/Cairo" in captured.err
    assert "2030-11-01" in captured.err
    assert "Outlook" in captured.err


def _export(database_url: str, out: Path, *scope: str) -> None:
    arguments = ["--db", database_url, "export", "ics", *scope, "--method", "request"]
    organizer = ["--organizer", "TDLC coordinators <cpp@tdlc.example.org>"]
    assert main([*arguments, *organizer, "-o", str(out)]) == 0


def test_a_request_of_several_events_says_outlook_takes_its_first_only(
    program: Program, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ana.ics"
    _export(database_url, out, "--participant", program.ana.email)
    held = len(uids(out))
    assert held > 1
    err = capsys.readouterr().err
    assert f"note: The REQUEST file holds {held} events" in err
    assert "Outlook and Gmail act on the first event of such a file only" in err
    assert "name nobody invited" not in err  # Ana is named in each

    alone = tmp_path / "workshop.ics"
    _export(database_url, alone, "--event", program.workshop.uid, "--with-attendees")
    assert uids(alone) == {program.workshop.uid}
    assert "note:" not in capsys.readouterr().err  # one event, its attendees named


def test_a_request_that_names_nobody_says_clients_read_plain_appointments(
    program: Program, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "workshop.ics"
    _export(database_url, out, "--event", program.workshop.uid)
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert [event.get("ATTENDEE") for event in calendar.walk("VEVENT")] == [None]
    err = capsys.readouterr().err
    assert "note: 1 event of the request names nobody invited" in err
    assert "read it as a plain appointment" in err
