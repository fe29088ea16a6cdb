"""``cpp-scheduler tours``: the study tours by id and title, and one tour day by day, by
its id or its title, as the tour builder shows it; ``export ics --tour`` takes a title
too."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.tour_scenarios import TOUR, wrap_up_on_saturday


@pytest.fixture
def demo(sqlite_database: Database) -> str:
    load_demo(sqlite_database)
    return sqlite_database.url.render_as_string(hide_password=False)


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(arguments))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_tours_are_listed_with_their_ids_and_dates(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "--db", demo, "tours", "--json")
    assert code == 0
    [tour] = json.loads(out)
    assert tour["title"] == f"{TOUR} (08–12 March 2027)"
    code, out, _err = run(capsys, "--db", demo, "tours")
    assert tour["id"] in out
    assert TOUR in out


def test_a_tour_named_by_its_title_reads_day_by_day_with_what_to_fix(
    demo: str, sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "--db", demo, "tours", TOUR)
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "Mon 08 – Fri 12 Mar 2027 · 5 days · everything fits"
    assert "Day 2 · Tue 09 Mar — Yokohama → Kobe" in lines
    assert "  Rail 12:40–15:30 Yokohama → Kobe" in lines
    assert "  Night: Kobe Harborland Hotel, Kobe" in lines

    wrap_up_on_saturday(sqlite_database)
    code, out, _err = run(capsys, "--db", demo, "tours", TOUR, "--json")
    board = json.loads(out)
    assert board["to_fix"] == 1
    last = board["days"][-1]
    [moved] = [item for item in last["activities"] if item["problem"]]
    assert moved["problem"] == "Filed under the tour but held on Sat 13 Mar, after its last day"
    code, out, _err = run(capsys, "--db", demo, "tours", TOUR)
    assert "Mon 08 – Fri 12 Mar 2027 · 5 days · ⚠ 1 to fix" in out
    assert "    ⚠ Filed under the tour but held on Sat 13 Mar, after its last day" in out


def test_a_tour_no_one_has_is_refused_in_one_line(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", demo, "tours", "Nairobi study tour")
    assert code != 0
    assert out == ""
    assert err.strip().count("\n") == 0
    assert "no study tour is called 'Nairobi study tour'" in err


def test_export_takes_a_tour_by_its_title(
    demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "tour.ics"
    code, _out, err = run(capsys, "--db", demo, "export", "ics", "--tour", TOUR, "-o", str(target))
    assert code == 0, err
    titles = {
        str(component["SUMMARY"])
        for component in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    }
    assert "Study tour opening and briefing at TDLC" in titles
