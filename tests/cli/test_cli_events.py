"""``cpp-scheduler events list``: a table by default, JSON on request, clear date errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_db(demo_sqlite_path: Path) -> str:
    return str(demo_sqlite_path)


def _json(demo_db: str, capsys: pytest.CaptureFixture[str], *options: str) -> list[Any]:
    assert main(["events", "list", "--db", demo_db, "--json", *options]) == 0
    items: list[Any] = json.loads(capsys.readouterr().out)
    return items


def test_json_lists_each_occurrence_with_its_facts(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    items = _json(demo_db, capsys, "--from", "2027-03-08", "--to", "2027-03-08")
    assert [item["title"] for item in items] == [
        "Study tour opening and briefing at TDLC",
        "Site visit: Minato Mirai 21 smart city showcase",
    ]
    visit = items[1]
    assert visit["start"] == "2027-03-08T05:00:00Z"
    assert visit["end"] == "2027-03-08T07:30:00Z"
    assert visit["zone"] == "Asia/Tokyo"
    assert visit["kind"] == "site_visit"
    assert visit["mode"] == "face_to_face"
    assert visit["status"] == "confirmed"
    assert visit["venue"] == "Minato Mirai 21 Smart City Showcase"
    assert visit["city"] == "Yokohama"
    assert visit["delegations"] == ["Peru: Ministry of Housing, Construction and Sanitation"]
    assert visit["uid"].endswith("@cpp-scheduler.tdlc")


def test_a_series_lists_each_occurrence_moved_and_cancelled_applied(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    items = _json(demo_db, capsys, "--from", "2027-01-01", "--to", "2027-06-30")
    series = [item for item in items if item["title"].startswith("Peer-to-peer workshop series")]
    assert [item["start"] for item in series] == [
        "2027-01-20T08:00:00Z",
        "2027-03-17T08:00:00Z",
        "2027-04-21T08:00:00Z",
        "2027-05-20T08:00:00Z",  # moved from the 19th
        "2027-06-16T08:00:00Z",
    ]
    assert [item["moved"] for item in series] == [False, False, False, True, False]
    assert len({item["uid"] for item in series}) == 1
    assert all(item["start"].endswith("Z") and item["end"].endswith("Z") for item in items)


def test_the_table_is_readable(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--db", demo_db, "events", "list", "--from", "2027-02-15", "--to", "2027-02-15"]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["START", "(UTC)", "LOCAL", "TIME"]
    assert set(lines[1]) <= {"-", " "}
    opening = next(line for line in lines if "Opening plenary" in line)
    assert opening.startswith("2027-02-15 00:00  Mon 15 Feb 09:00-10:15 JST")
    assert "TDLC Meeting Room A" in opening
    assert lines[-1] == "8 occurrences of 8 events from 2027-02-15 to 2027-02-15 (Tokyo)."


def test_an_empty_range_says_so(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", demo_db, "events", "list", "--to", "2026-01-31"]) == 0
    assert capsys.readouterr().out == "No events up to 2026-01-31 (Tokyo).\n"
    assert _json(demo_db, capsys, "--to", "2026-01-31") == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--from", "2027-02-30"], "--from '2027-02-30' is not a date; write it as YYYY-MM-DD"),
        (["--to", "15/02/2027"], "--to '15/02/2027' is not a date; write it as YYYY-MM-DD"),
        (
            ["--from", "2027-03-01", "--to", "2027-02-01"],
            "--to 2027-02-01 is before --from 2027-03-01",
        ),
    ],
)
def test_a_bad_date_is_one_line_and_status_2(
    demo_db: str, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    assert main(["--db", demo_db, "events", "list", *options]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"cpp-scheduler: {message}")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    database = tmp_path / "program.sqlite"
    subprocess.run(
        [sys.executable, "-m", "cpp_scheduler", "--db", str(database), "demo"],
        check=True,
        capture_output=True,
        cwd=REPO_ROOT,
    )
    listing = subprocess.Popen(
        [sys.executable, "-m", "cpp_scheduler", "--db", str(database), "events", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
    )
    assert listing.stdout is not None
    listing.stdout.close()  # the reader is gone before the first line, like `| head -0`
    _, errors = listing.communicate()
    assert b"Traceback" not in errors
