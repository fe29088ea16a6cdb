"""A day's run sheet lists the study tours' travel legs of that day as the delegation's
itinerary does: the Peru tour's Kobe → Kitakyushu train moved to leave on Wednesday at
22:00 and land on Thursday at 12:00, into Thursday's Eco-Town visit, is on both days'
sheets, and the finding that it cannot be made is Thursday's too.

The program is the demo in a real SQLite file, changed through the model; the sheets
are read by the program's own reader and printed by ``cpp-scheduler print day``, then
read back with pypdf."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pdftext import page_texts
from test_printed_pdfs import print_command

from cpp_scheduler.documents.itinerary import read_itinerary
from cpp_scheduler.documents.runsheet import read_run_sheet, run_sheet_document
from cpp_scheduler.scheduling.conflicts import ConflictKind
from cpp_scheduler.store import Database
from tests.tour_scenarios import FIRST, LAST, demo_copy, overnight_to_kitakyushu

PERU = "Peru: Ministry of Housing, Construction and Sanitation"
WEDNESDAY, THURSDAY = date(2027, 3, 10), date(2027, 3, 11)


@pytest.fixture
def demo(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    database = demo_copy(demo_sqlite_path, tmp_path)
    yield database
    database.close()


def test_a_tour_days_sheet_lists_its_legs_with_each_end_on_its_clock(demo: Database) -> None:
    """Mon 08 Mar: the 12:30 train from Tokyo to Yokohama, whose tour is named."""
    sheet = read_run_sheet(demo, FIRST)
    assert [(leg.origin, leg.destination, leg.continued) for leg in sheet.legs] == [
        ("Tokyo", "Yokohama", False)
    ]
    page = run_sheet_document(sheet).html()
    assert "Travel legs" in page
    assert "Departs 12:30 from Tokyo, arrives 13:00 in Yokohama" in page
    assert f"Peru study tour: compact, resilient and smart cities ({PERU})" in page


def test_the_overnight_leg_is_on_the_day_it_lands_with_its_finding(demo: Database) -> None:
    overnight_to_kitakyushu(demo)
    wednesday, thursday = read_run_sheet(demo, WEDNESDAY), read_run_sheet(demo, THURSDAY)
    [leaving] = [leg for leg in wednesday.legs if leg.origin == "Kobe"]
    [landing] = [leg for leg in thursday.legs if leg.origin == "Kobe"]
    assert (leaving.continued, landing.continued) == (False, True)
    [cannot] = [c for c in thursday.conflicts if c.kind is ConflictKind.TOUR_LEG_INFEASIBLE]
    assert "overlaps 'Site visit: Kitakyushu Eco-Town recycling complex'" in cannot.message
    assert cannot in wednesday.conflicts
    assert thursday.leg_conflicts(landing) == 1
    [visit] = thursday.items
    assert visit.conflicts == 1, "the leg that runs into it"
    page = run_sheet_document(thursday).html()
    assert "(continued) until 12:00" in page
    assert "Departs Wed 10 Mar 22:00 from Kobe, arrives 12:00 in Kitakyushu" in page
    # Friday's sheet knows nothing of a leg landed on Thursday.
    assert not [leg for leg in read_run_sheet(demo, LAST).legs if leg.origin == "Kobe"]


def test_the_sheets_list_the_legs_the_itinerary_lists_day_by_day(demo: Database) -> None:
    overnight_to_kitakyushu(demo)
    itinerary = read_itinerary(demo, PERU)
    listed = {day.day: day.legs for day in itinerary.days}
    day = FIRST
    while day <= LAST:
        assert read_run_sheet(demo, day).legs == listed.get(day, ()), day
        day += timedelta(days=1)


def test_the_printed_sheet_of_the_landing_day_shows_the_leg(demo: Database, tmp_path: Path) -> None:
    overnight_to_kitakyushu(demo)
    output = tmp_path / "thursday.pdf"
    url = demo.url.render_as_string(hide_password=False)
    done = print_command("day", "--date", "2027-03-11", "--db", url, "-o", str(output))
    assert done.returncode == 0, done.stderr
    text = " ".join(page_texts(output))
    assert "Travel legs" in text
    assert "Rail: Kobe to Kitakyushu" in text
    assert "Departs Wed 10 Mar 22:00 from Kobe, arrives 12:00 in Kitakyushu" in text
    assert "Travel leg cannot be made" in text
