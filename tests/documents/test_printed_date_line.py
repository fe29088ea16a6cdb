"""A flight east over the date line lands "before" it leaves: the Peru tour flies on from
Tokyo at 21:00 JST on Friday 12 March and lands in Honolulu at 09:00 HST the same
Friday. The run sheet and the itinerary give both ends their dates beside their clocks,
so the arrival does not read as earlier than the departure on one day.

The program is the demo in a real SQLite file, the leg added through the editing
service; the documents are printed by ``cpp-scheduler print`` and read back with pypdf."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pdftext import squeezed
from sqlalchemy import select
from test_printed_pdfs import printed_pages

from cpp_scheduler.model import StudyTour, TravelLeg, TravelMode
from cpp_scheduler.services import editing
from cpp_scheduler.store import open_database

PERU = "Peru: Ministry of Housing, Construction and Sanitation"
READABLE = "Departs Fri 12 Mar 21:00 JST from Tokyo, arrives Fri 12 Mar 09:00 HST in Honolulu"


def printed(path: Path, output: Path, *arguments: str) -> str:
    return " ".join(printed_pages(path, output, *arguments))


def test_a_flight_over_the_date_line_dates_both_ends(demo_copy: Path, tmp_path: Path) -> None:
    path = demo_copy
    database = open_database(path)
    try:
        with database.transaction() as session:
            editing.create_record(
                session,
                TravelLeg,
                {
                    "tour_id": session.scalars(select(StudyTour.id)).one(),
                    "origin": "Tokyo",
                    "destination": "Honolulu",
                    "mode": TravelMode.AIR,
                    "departure_utc": datetime(2027, 3, 12, 12, 0, tzinfo=UTC),
                    "arrival_utc": datetime(2027, 3, 12, 19, 0, tzinfo=UTC),
                    "zone": "Asia/Tokyo",
                },
            )
    finally:
        database.close()
    sheet = printed(path, tmp_path / "day.pdf", "day", "--date", "2027-03-12")
    assert READABLE in sheet
    itinerary = printed(path, tmp_path / "it.pdf", "itinerary", "--delegation", PERU)
    assert READABLE in itinerary
    japanese = squeezed(
        printed(path, tmp_path / "ja.pdf", "day", "--date", "2027-03-12", "--lang", "ja")
    )
    assert "東京を3月12日(金)21:00JSTに出発、Honoluluに3月12日(金)09:00HSTに到着" in japanese
    # A leg landing on its departure's date, later on the clock, keeps its times alone.
    assert "Departs 13:00 from Kitakyushu, arrives 14:30 in Tokyo" in sheet
