"""``events list`` holds, for a day in Tokyo, what the window's Day view holds: a timed
meeting whose hours fall on that day, and an all-day event dated that day alone. An
all-day event has dates, the same on every clock: Honolulu's arrival day of 31 December
is not on Tokyo's 1 January, though its hours run into it, and Kiritimati's New Year's
Day closure is not on Tokyo's 31 December, though it begins there."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, EventKind, EventMode
from cpp_scheduler.store import open_database

HONOLULU = "Honolulu arrival day"
KIRITIMATI = "Kiritimati New Year office closure"
COUNTDOWN = "New Year countdown call"


@pytest.fixture
def db(demo_sqlite_path: Path, tmp_path: Path) -> Path:
    """The demo with two all-day events of the Pacific on either side of Tokyo's New
    Year, and a call from 23:30 on 31 December to 00:30 on 1 January, Tokyo time."""
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    database = open_database(path)
    with database.transaction() as session:
        arrival = Event(title=HONOLULU, zone="Pacific/Honolulu")
        arrival.set_dates(date(2027, 12, 31), date(2027, 12, 31))
        closure = Event(title=KIRITIMATI, zone="Pacific/Kiritimati")
        closure.set_dates(date(2028, 1, 1), date(2028, 1, 1))
        call = Event(
            title=COUNTDOWN,
            kind=EventKind.VIDEOCONFERENCE,
            mode=EventMode.VIRTUAL,
            video_link="https://meet.example.org/new-year",
        )
        call.set_local_times(
            datetime(2027, 12, 31, 23, 30), datetime(2028, 1, 1, 0, 30), "Asia/Tokyo"
        )
        session.add_all([arrival, closure, call])
    database.close()
    return path


def listed(capsys: pytest.CaptureFixture[str], db: Path, first: str, last: str) -> list[str]:
    status = main(["--db", str(db), "events", "list", "--from", first, "--to", last, "--json"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return [row["title"] for row in json.loads(captured.out)]


def test_an_all_day_event_is_listed_on_its_own_dates_only(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    new_years_eve = listed(capsys, db, "2027-12-31", "2027-12-31")
    assert HONOLULU in new_years_eve
    assert KIRITIMATI not in new_years_eve
    assert COUNTDOWN in new_years_eve

    new_years_day = listed(capsys, db, "2028-01-01", "2028-01-01")
    assert KIRITIMATI in new_years_day
    assert HONOLULU not in new_years_day
    assert COUNTDOWN in new_years_day, "its last half hour is on 1 January in Tokyo"

    both = listed(capsys, db, "2027-12-31", "2028-01-01")
    assert both.count(HONOLULU) == both.count(KIRITIMATI) == both.count(COUNTDOWN) == 1


def test_the_table_names_the_days_it_lists(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    status = main(["--db", str(db), "events", "list", "--from", "2028-01-01", "--to", "2028-01-01"])
    out = capsys.readouterr().out
    assert status == 0
    assert "Sat 01 Jan all day" in out
    assert "Fri 31 Dec all day" not in out
    assert "2 occurrences of 2 events from 2028-01-01 to 2028-01-01 (Tokyo)." in out


def test_open_ended_ranges_keep_the_same_rule(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    status = main(["--db", str(db), "events", "list", "--from", "2028-01-01", "--json"])
    after = [row["title"] for row in json.loads(capsys.readouterr().out)]
    assert status == 0
    assert KIRITIMATI in after
    assert HONOLULU not in after
    status = main(["--db", str(db), "events", "list", "--to", "2027-12-31", "--json"])
    before = [row["title"] for row in json.loads(capsys.readouterr().out)]
    assert status == 0
    assert HONOLULU in before
    assert KIRITIMATI not in before


def test_the_day_before_samoas_skipped_day_is_listed_as_that_day_alone(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    """Samoa went from 29 to 31 December 2011: a closure on the 29th is on the 29th,
    not on the 30th nor the 31st, and its dates say so."""
    database = open_database(db)
    with database.transaction() as session:
        closure = Event(title="Apia office closed", zone="Pacific/Apia")
        closure.set_dates(date(2011, 12, 29), date(2011, 12, 29))
        session.add(closure)
    database.close()
    assert listed(capsys, db, "2011-12-29", "2011-12-29") == ["Apia office closed"]
    assert listed(capsys, db, "2011-12-30", "2011-12-31") == []
    status = main(["--db", str(db), "events", "list", "--to", "2011-12-31", "--json"])
    (row,) = json.loads(capsys.readouterr().out)
    assert status == 0
    assert row["dates"] == ["2011-12-29", "2011-12-29"]
