"""``cpp-scheduler series``: a series' meetings in the rule's order (held, moved,
cancelled), the later meetings the clocks skip or repeat still to be chosen, and a
mistake said in one line; nothing it is asked changes the program."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.model import Event
from cpp_scheduler.services import demo, editing
from cpp_scheduler.store import Database


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(arguments))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def demo_program(sqlite_database: Database) -> Database:
    demo.load_demo(sqlite_database)
    return sqlite_database


def test_every_meeting_is_listed_in_the_rules_order(
    demo_program: Database, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    series_id = demo.demo_id("event", demo.SERIES)
    status, out, err = _run(capsys, "--db", str(sqlite_path), "series", series_id)

    assert (status, err) == (0, "")
    table = out.split("\n\n")[1].splitlines()
    assert [line.split("  ")[0] for line in table[1:]] == [
        "Wed 20 Jan 2027",
        "Wed 17 Feb 2027",
        "Wed 17 Mar 2027",
        "Wed 21 Apr 2027",
        "Thu 20 May 2027",
        "Wed 16 Jun 2027",
    ]
    assert table[2].endswith("cancelled")
    assert table[5].endswith("moved from Wed 19 May 2027 17:00")


def test_a_new_rule_is_read_without_being_saved(
    demo_program: Database, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    series_id = demo.demo_id("event", demo.SERIES)
    before = editing.stored(demo_program, Event, series_id)

    status, out, _err = _run(
        capsys,
        "--db",
        str(sqlite_path),
        "series",
        series_id,
        "--rule",
        "RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=WE",
        "--json",
    )

    assert status == 0
    answer = json.loads(out)
    assert answer["rule"] == "FREQ=WEEKLY;COUNT=3;BYDAY=WE"
    assert [meeting["start"] for meeting in answer["held"]] == [
        "2027-01-20T17:00:00",
        "2027-01-27T17:00:00",
    ]
    # February's cancellation follows to February's one meeting of the new rule; May's
    # move has none to follow to, and is set aside.
    assert answer["cancelled"] == ["2027-02-03T17:00:00"]
    assert [line.split(":")[0] for line in answer["changes"]] == [
        "The cancelled meeting of Wed 17 Feb 2027 follows to Wed 03 Feb 2027",
        "The meeting of Wed 19 May 2027 moved to Thu 20 May 2027 17",
    ]
    after = editing.stored(demo_program, Event, series_id)
    assert (after.version, after.values) == (before.version, before.values)


NEW_YORK = timezones.WASHINGTON


def _new_york_series(database: Database) -> str:
    """Sunday 01:30 weekly from 24 October 2027: on 7 November 01:30 happens twice."""
    first = timezones.to_utc(datetime(2027, 10, 24, 1, 30), NEW_YORK)
    return editing.create(
        database,
        Event,
        {
            "title": "Sunday night check-in",
            "zone": NEW_YORK,
            "start_utc": first,
            "end_utc": first + timedelta(hours=1),
            "recurrence_rule": "FREQ=WEEKLY;COUNT=2",
        },
    )


def test_a_later_meeting_the_clocks_repeat_is_left_to_the_coordinator(
    sqlite_database: Database, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _new_york_series(sqlite_database)
    status, out, _err = _run(
        capsys,
        "--db",
        str(sqlite_path),
        "series",
        event_id,
        "--rule",
        "FREQ=WEEKLY;COUNT=3",
        "--json",
    )

    assert status == 0
    [meeting] = json.loads(out)["to_choose"]
    assert meeting["start"] == "2027-11-07T01:30:00"
    assert "happens twice in America/New_York" in meeting["problem"]


@pytest.mark.parametrize(
    ("start", "words"),
    [
        ("2028-03-12T02:30", "does not exist in America/New_York"),
        ("2027-11-07T01:30", "happens twice in America/New_York"),
    ],
)
def test_a_start_the_clocks_skip_or_repeat_is_refused_not_guessed(
    sqlite_database: Database,
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    start: str,
    words: str,
) -> None:
    event_id = _new_york_series(sqlite_database)

    status, out, err = _run(capsys, "--db", str(sqlite_path), "series", event_id, "--start", start)

    assert (status, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert words in err
    assert "choose" in err

    # The same time with its offset is an instant: nothing to guess.
    instant = timezones.to_utc(datetime.fromisoformat(start), NEW_YORK, timezones.Fold.EARLIER)
    status, out, err = _run(
        capsys,
        "--db",
        str(sqlite_path),
        "series",
        event_id,
        "--start",
        instant.astimezone(UTC).isoformat(),
    )
    assert (status, err) == (0, "")


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--start", "next Tuesday"], "--start 'next Tuesday' is not a time"),
        (["--rule", "FREQ=WEEKLY"], "A series needs an end"),
        (["--rule", "FREQ=DAILY;COUNT=100000"], "more than"),
    ],
)
def test_a_mistake_is_said_in_one_line(
    demo_program: Database,
    sqlite_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    words: str,
) -> None:
    series_id = demo.demo_id("event", demo.SERIES)
    status, out, err = _run(capsys, "--db", str(sqlite_path), "series", series_id, *arguments)

    assert status != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert words in err


def test_an_event_that_does_not_repeat_is_named(
    demo_program: Database, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conference = demo.demo_id("event", demo.CONFERENCE)
    status, _out, err = _run(capsys, "--db", str(sqlite_path), "series", conference)

    assert status == 1
    assert err.strip().endswith("does not repeat: it is one meeting (times lists it).")

    status, _out, err = _run(capsys, "--db", str(sqlite_path), "series", "no-such-event")
    assert status == 1
    assert len(err.strip().splitlines()) == 1
