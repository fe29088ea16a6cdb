"""``cpp-scheduler schedule --delegation NAME``: a delegation's meetings on its clock."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest

from cpp_scheduler import i18n
from cpp_scheduler.cli import main
from cpp_scheduler.model import Delegation, Event
from cpp_scheduler.services.demo import CONFERENCE, KENYA, MACEDONIA, PERU, SERIES, load_demo
from cpp_scheduler.store import Database

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture
def demo(sqlite_database: Database) -> str:
    load_demo(sqlite_database)
    return sqlite_database.url.render_as_string(hide_password=False)


def schedule_json(capsys: pytest.CaptureFixture[str], *arguments: str) -> dict[str, object]:
    capsys.readouterr()
    assert main(["schedule", *arguments, "--json"]) == 0
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


def test_kenya_in_japan_reads_the_conference_in_tokyo_time(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    document = schedule_json(
        capsys,
        "--db",
        demo,
        "--delegation",
        KENYA.lower(),
        "--from",
        "2027-02-15",
        "--to",
        "2027-02-16",
    )
    assert document["delegation"]["zone"] == "Africa/Nairobi"  # type: ignore[index]
    assert document["from"] == "2027-02-14T15:00:00Z"
    assert document["to"] == "2027-02-16T15:00:00Z"
    meetings = document["meetings"]
    assert isinstance(meetings, list)
    assert len(meetings) == 11
    for meeting in meetings:
        assert meeting["conference"] == CONFERENCE
        assert meeting["zone"] == "Asia/Tokyo"
        assert meeting["in_japan"] is True
        assert meeting["hours"] == "working"
        assert ISO_UTC.match(meeting["start"])
        assert ISO_WITH_OFFSET.match(meeting["local_start"])
        assert meeting["local_start"].endswith("+09:00")
        assert meeting["local_start"] == meeting["tokyo_start"]
    assert meetings[0]["start"] == "2027-02-15T00:00:00Z"
    assert document["nights"] == 0


def test_peru_at_home_and_a_series_after_the_clock_change(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    peru = schedule_json(capsys, "--db", demo, "--delegation", PERU, "--to", "2027-02-20")
    closing = next(m for m in peru["meetings"] if m["title"].startswith("Closing plenary"))  # type: ignore[attr-defined]
    assert (closing["local_start"], closing["local_end"], closing["hours"]) == (
        "2027-02-16T00:00:00-05:00",
        "2027-02-16T01:30:00-05:00",
        "night",
    )
    assert peru["nights"] == 7
    skopje = schedule_json(
        capsys,
        "--db",
        demo,
        "--delegation",
        MACEDONIA,
        "--from",
        "2027-03-01",
        "--to",
        "2027-04-30",
    )
    assert [
        (m["title"], m["local_start"])
        for m in skopje["meetings"]  # type: ignore[attr-defined]
    ] == [
        (SERIES, "2027-03-17T09:00:00+01:00"),
        (SERIES, "2027-04-21T10:00:00+02:00"),
    ]


def test_the_table_says_their_time_tokyo_time_and_the_nights(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", demo, "schedule", "--delegation", PERU, "--to", "2027-02-28"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # The city as the window's delegation view names it, not upper-cased with the header.
    assert lines[0].split()[:4] == ["THEIR", "TIME", "(Lima)", "TOKYO"]
    closing = next(line for line in lines if "Closing plenary" in line)
    # Each time with the clock it is read on, as the window's schedule names it.
    assert closing.startswith("Tue 16 Feb 2027 00:00-01:30 -05")
    assert "Tue 16 Feb 2027 14:00-15:30 JST  night" in closing
    assert lines[-1] == (f"11 meetings for {PERU} up to 2027-02-28 (Tokyo), 7 at night for them")


def test_mistakes_are_one_line_each(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--db", demo, "schedule", "--delegation", "Atlantis"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("cpp-scheduler: No delegation is called 'Atlantis'")
    assert KENYA in error
    assert main(["--db", demo, "schedule", "--delegation", PERU, "--from", "15/02/2027"]) == 2
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err


def test_instants_in_json_are_the_meetings_own(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    document = schedule_json(capsys, "--db", demo, "--delegation", KENYA)
    for meeting in document["meetings"]:  # type: ignore[attr-defined]
        start = datetime.fromisoformat(meeting["start"].replace("Z", "+00:00"))
        assert datetime.fromisoformat(meeting["local_start"]) == start
        assert datetime.fromisoformat(meeting["tokyo_start"]) == start


@pytest.mark.parametrize(
    ("language", "dates"),
    [("en", "Mon 03 – Wed 05 May 2027"), ("ja", "2027年5月3日(月)～5日(水)")],
)
def test_a_block_of_days_reads_as_the_windows_schedule_writes_it(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str], language: str, dates: str
) -> None:
    """Golden Week, three whole days: the command's table writes the days as the
    Delegation schedule window does (tests/gui/tools), one wording in each language."""
    with sqlite_database.transaction() as session:
        lima = Delegation(name="Lima", country="PE", zone="America/Lima")
        closure = Event(title="Golden Week: TDLC closed", zone="Asia/Tokyo", delegations=[lima])
        closure.set_dates(date(2027, 5, 3), date(2027, 5, 5))
        session.add(closure)
    url = sqlite_database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    try:
        assert main(["--lang", language, "--db", url, "schedule", "--delegation", "Lima"]) == 0
    finally:
        i18n.use_language(i18n.ENGLISH)  # ``main`` sets the language for the process
    [row] = [line for line in capsys.readouterr().out.splitlines() if "Golden Week" in line]
    assert row.startswith(f"{dates}  {dates}  ")
