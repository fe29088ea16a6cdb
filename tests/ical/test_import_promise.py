"""Calendar import keeps its promise: all or nothing, a dry run that creates nothing,
and RFC 5545's reading of wall-clock times that a change of clocks skips or repeats."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event
from cpp_scheduler.store import open_database
from tests.ical import parsers

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Colleague//EN\r\n"
TAIL = "END:VCALENDAR\r\n"


def vevent(uid: str, title: str, start: str, end: str, rule: str = "") -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20260101T000000Z",
        f"SUMMARY:{title}",
        f"DTSTART;TZID=America/New_York:{start}",
        f"DTEND;TZID=America/New_York:{end}",
    ]
    if rule:
        lines.append(f"RRULE:{rule}")
    lines.append("END:VEVENT")
    return "\r\n".join(lines) + "\r\n"


def calendar_file(folder: Path, *events: str) -> Path:
    path = folder / "colleague.ics"
    path.write_text(HEAD + "".join(events) + TAIL, newline="")
    return path


def stored(sqlite_path: Path) -> dict[str, Event]:
    database = open_database(sqlite_path)
    try:
        with database.session() as session:
            events = session.scalars(select(Event)).all()
            for event in events:
                _ = list(event.changes)
            return {event.uid: event for event in events}
    finally:
        database.close()


BACKWARDS = vevent("backwards@example.org", "Backwards", "20270310T100000", "20270310T090000")
GOOD = vevent("good@example.org", "Good", "20270310T100000", "20270310T110000")


def test_an_event_that_ends_before_it_starts_refuses_the_whole_file(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = calendar_file(tmp_path, GOOD, BACKWARDS)
    assert main(["import", str(path), "--db", str(sqlite_path)]) == 1
    error = capsys.readouterr().err
    assert "line 11" in error
    assert "'backwards@example.org'" in error
    assert "ends before it starts" in error
    assert "nothing was imported" in error
    assert stored(sqlite_path) == {}


def test_skip_invalid_imports_the_others_and_lists_the_skipped_one(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = calendar_file(tmp_path, GOOD, BACKWARDS)
    assert main(["import", str(path), "--skip-invalid", "--dry-run", "--db", str(sqlite_path)]) == 0
    preview = capsys.readouterr().out
    assert "skip    line 11: Backwards: the event ends before it starts" in preview
    assert main(["import", str(path), "--skip-invalid", "--db", str(sqlite_path)]) == 0
    assert "1 created, 0 updated, 0 left as they are, 1 skipped" in capsys.readouterr().out
    assert set(stored(sqlite_path)) == {"good@example.org"}


def test_a_dry_run_into_a_database_that_does_not_exist_creates_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = calendar_file(tmp_path, GOOD)
    target = tmp_path / "not-yet.sqlite"
    assert main(["import", str(path), "--dry-run", "--db", str(target)]) == 0
    assert "1 would be created" in capsys.readouterr().out
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [path]


GAP_SERIES = vevent(
    "gap-series@example.org",
    "Early call",
    "20270307T023000",
    "20270307T033000",
    "FREQ=WEEKLY;COUNT=4",
)
FOLD_SINGLE = vevent("fold@example.org", "Late call", "20271107T013000", "20271107T030000")
GAP_SINGLE = vevent("gap@example.org", "Gap call", "20270314T023000", "20270314T040000")


def test_skipped_and_repeated_times_are_read_as_rfc_5545_says(
    tmp_path: Path, sqlite_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A weekly 02:30 New York series is read, not refused: on 14 March 2027 its 02:30
    does not exist and is read as 03:30 EDT; 01:30 on 7 November is its first instant."""
    path = calendar_file(tmp_path, GAP_SERIES, FOLD_SINGLE, GAP_SINGLE)
    assert main(["import", str(path), "--dry-run", "--db", str(sqlite_path)]) == 0
    preview = capsys.readouterr().out
    skipped_line = (
        "Sun 14 Mar 2027 02:30 is skipped when clocks change; read as 03:30 EDT (07:30 UTC)"
    )
    assert preview.count(skipped_line) == 2  # the series member and the one-off call
    assert "Sun 07 Nov 2027 01:30 happens twice; read as the first, 01:30 EDT (05:30 UTC)" in (
        preview
    )
    assert main(["import", str(path), "--db", str(sqlite_path)]) == 0
    events = stored(sqlite_path)
    starts = [o.start for o in events["gap-series@example.org"].occurrences()]
    assert starts[1] == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    assert starts[2] == datetime(2027, 3, 21, 6, 30, tzinfo=UTC)
    assert events["gap@example.org"].start_utc == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    assert events["fold@example.org"].start_utc == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)

    out = tmp_path / "again.ics"
    assert main(["export", "ics", "--all", "-o", str(out), "--db", str(sqlite_path)]) == 0
    window = (datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))
    data = out.read_bytes()
    want = {(event.uid, o.start, o.end) for event in events.values() for o in event.occurrences()}
    assert parsers.with_ical(data, window) == want
    assert parsers.with_recurring_ical_events(data, window) == want
    assert parsers.with_vobject(data, window) == want
    if parsers.icaljs_problem() is None:
        assert parsers.with_icaljs([out], window)[out] == want
