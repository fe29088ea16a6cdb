"""``cpp-scheduler times --occurrence``: one meeting of a series on its own date, with the
public holidays of that date, as the window's Local times dock shows it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event
from cpp_scheduler.services.demo import SERIES
from cpp_scheduler.store import open_database

BUDDHA_JAYANTI = (
    "Thu 20 May 2027 is Buddha Jayanti, a public holiday in Nepal "
    "(Nepal: Kathmandu Metropolitan City)."
)


@pytest.fixture(scope="module")
def series_uid(demo_sqlite_path: Path) -> str:
    database = open_database(demo_sqlite_path)
    try:
        with database.session() as session:
            return session.scalars(select(Event.uid).where(Event.title == SERIES)).one()
    finally:
        database.close()


def times(capsys: pytest.CaptureFixture[str], demo: Path, *options: str) -> tuple[int, str, str]:
    status = main(["times", "--db", str(demo), *options])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def meeting_json(
    capsys: pytest.CaptureFixture[str], demo: Path, uid: str, *options: str
) -> dict[str, Any]:
    status, out, err = times(capsys, demo, uid, "--json", *options)
    assert (status, err) == (0, "")
    [meeting] = json.loads(out)["occurrences"]
    result: dict[str, Any] = meeting
    return result


def test_a_meeting_after_the_us_clock_change_shows_washington_in_summer_time(
    demo_sqlite_path: Path, series_uid: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = meeting_json(capsys, demo_sqlite_path, series_uid)
    washington = {row["name"]: row for row in first["times"]}["Washington"]
    assert (washington["start"], washington["abbreviation"]) == (
        "2027-01-20T03:00:00-05:00",
        "EST",
    )
    assert first["holidays"] == []

    march = meeting_json(capsys, demo_sqlite_path, series_uid, "--occurrence", "2027-03-17")
    assert march["start"] == march["recurrence_id"] == "2027-03-17T08:00:00Z"
    rows = {row["name"]: row for row in march["times"]}
    washington = rows["Washington"]
    assert washington["start"] == "2027-03-17T04:00:00-04:00"
    assert (washington["utc_offset"], washington["abbreviation"]) == ("-04:00", "EDT")
    assert washington["hours"] == "night"
    # Skopje changes its clocks on 28 March: still 09:00 CET on the 17th.
    assert rows["North Macedonia: City of Skopje"]["start"] == "2027-03-17T09:00:00+01:00"
    assert march["holidays"] == []


def test_the_moved_may_meeting_carries_the_holiday_of_its_new_date(
    demo_sqlite_path: Path, series_uid: str, capsys: pytest.CaptureFixture[str]
) -> None:
    by_date = meeting_json(capsys, demo_sqlite_path, series_uid, "--occurrence", "2027-05-20")
    # The rule placed it on Wednesday 19 May (08:00 UTC); the same meeting, by that name.
    by_rule = meeting_json(
        capsys, demo_sqlite_path, series_uid, "--occurrence", "2027-05-19T08:00:00Z"
    )
    assert by_date == by_rule
    assert by_date["start"] == "2027-05-20T08:00:00Z"
    assert by_date["recurrence_id"] == "2027-05-19T08:00:00Z"
    assert by_date["holidays"] == [
        {
            "date": "2027-05-20",
            "country": "NP",
            "country_name": "Nepal",
            "holiday": "Buddha Jayanti",
            "who": "Nepal: Kathmandu Metropolitan City",
            "message": BUDDHA_JAYANTI,
        }
    ]

    status, out, _ = times(capsys, demo_sqlite_path, series_uid, "--occurrence", "2027-05-20")
    assert status == 0
    assert out.splitlines()[0] == f"{SERIES}: Thu 20 May 2027 17:00-18:30 (Tokyo)"
    assert out.splitlines()[-1] == f"Holiday: {BUDDHA_JAYANTI}"


def test_every_meeting_with_all_and_its_own_holidays(
    demo_sqlite_path: Path, series_uid: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = times(capsys, demo_sqlite_path, series_uid, "--all", "--json")
    assert status == 0
    meetings = json.loads(out)["occurrences"]
    # Six by the rule, the February one cancelled.
    assert [m["start"][:10] for m in meetings] == [
        "2027-01-20",
        "2027-03-17",
        "2027-04-21",
        "2027-05-20",
        "2027-06-16",
    ]
    assert [len(m["holidays"]) for m in meetings] == [0, 0, 0, 1, 0]
    status, out, _ = times(capsys, demo_sqlite_path, series_uid, "--all")
    assert out.count("Holiday: ") == 1


def test_a_date_without_a_meeting_names_the_meetings_there_are(
    demo_sqlite_path: Path, series_uid: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = times(capsys, demo_sqlite_path, series_uid, "--occurrence", "2027-02-18")
    assert (status, out) == (1, "")
    assert err == (
        f"cpp-scheduler: '{SERIES}' has no meeting on Thu 18 Feb 2027 (Tokyo time); its "
        "meetings: 20 Jan 2027, 17 Mar 2027, 21 Apr 2027, 20 May 2027, 16 Jun 2027.\n"
    )


def test_a_cancelled_meeting_is_said_to_be_cancelled(
    demo_sqlite_path: Path, series_uid: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's series cancelled its February meeting: the command says so, as the
    event's Series tab lists it under "Cancelled"."""
    status, out, err = times(capsys, demo_sqlite_path, series_uid, "--occurrence", "2027-02-17")
    assert (status, out) == (1, "")
    assert err == (
        f"cpp-scheduler: The meeting of '{SERIES}' on Wed 17 Feb 2027 (Tokyo time) is cancelled.\n"
    )


@pytest.mark.parametrize("when", ["2027-03-17T17:00", "17 March", "2027-3-17"])
def test_an_occurrence_that_is_neither_a_date_nor_an_instant_is_refused(
    demo_sqlite_path: Path,
    series_uid: str,
    capsys: pytest.CaptureFixture[str],
    when: str,
) -> None:
    status, out, err = times(capsys, demo_sqlite_path, series_uid, "--occurrence", when)
    assert (status, out) == (2, "")
    assert f"--occurrence '{when}' is neither a date" in err


def test_occurrence_and_all_together_are_refused(
    demo_sqlite_path: Path, series_uid: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = times(
        capsys, demo_sqlite_path, series_uid, "--occurrence", "2027-03-17", "--all"
    )
    assert status == 2
    assert "give --occurrence or --all, not both" in err
