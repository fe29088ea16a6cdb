"""The places a printed itinerary and run sheet name from the tour's legs and hotel
nights, which coordinators type, named as the same page names a venue's partner city: in
Japanese on a Japanese page (神戸市, beside the venue's 神戸市), in English on an English
one, whichever of its names was typed and however capitalised; Tokyo as every view names
it; any other place (a station, an airport) as typed.

The demo's Peru study tour in a SQLite file of the test's own, a few places typed
otherwise through the model, printed by ``cpp-scheduler print`` and read back with
pypdf."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pdftext import squeezed
from sqlalchemy import select
from test_printed_pdfs import printed_pages

from cpp_scheduler.model import TravelLeg
from cpp_scheduler.services.demo import PERU
from cpp_scheduler.store import open_database
from tests.tour_scenarios import change_night

TUESDAY, THURSDAY = date(2027, 3, 9), date(2027, 3, 11)
"""Yokohama to Kobe by train; Kobe to Kitakyushu by train."""


def typed_otherwise(program: Path) -> None:
    """The first train leaves "Tokyo Station", a place no record names; the Kobe train
    is typed with Kobe's Japanese name, to "KITAKYUSHU"; Wednesday's hotel is in
    " 神戸市" and Thursday's in "kitakyushu"."""
    database = open_database(program)
    try:
        with database.transaction() as session:
            legs = {leg.origin: leg for leg in session.scalars(select(TravelLeg))}
            legs["Tokyo"].origin = "Tokyo Station"
            legs["Kobe"].origin, legs["Kobe"].destination = "神戸市", "KITAKYUSHU"
        change_night(database, date(2027, 3, 10), locality=" 神戸市")
        change_night(database, THURSDAY, locality="kitakyushu")
    finally:
        database.close()


def printed(program: Path, pdf: Path, *arguments: str) -> str:
    return squeezed(" ".join(printed_pages(program, pdf, *arguments)))


def test_the_japanese_itinerary_names_the_tours_partner_cities_in_japanese(
    demo_copy: Path, tmp_path: Path
) -> None:
    typed_otherwise(demo_copy)
    text = printed(
        demo_copy, tmp_path / "ja.pdf", "itinerary", "--delegation", PERU, "--lang", "ja"
    )
    # The route and the ticket's line, as the venue beside them names its city.
    assert "鉄道:横浜市→神戸市" in text
    assert "横浜市を12:40に出発、神戸市に15:30に到着" in text
    assert "鉄道:神戸市→北九州市" in text
    assert "神戸市を08:30に出発、北九州市に10:30に到着" in text
    assert "航空機:北九州市→東京" in text
    assert "北九州市を13:00に出発、東京に14:30に到着" in text
    assert "Yokohama→Kobe" not in text
    assert "神戸市→KITAKYUSHU" not in text
    # A station no record names stays as typed.
    assert "鉄道:TokyoStation→横浜市" in text
    assert "TokyoStationを12:30に出発、横浜市に13:00に到着" in text
    # The hotels, whatever name of their city was typed.
    assert "今夜のホテル:HotelMinatoMiraiBayside,横浜市" in text
    assert text.count("今夜のホテル:KobeHarborlandHotel,神戸市") == 2
    assert "今夜のホテル:KokuraStationHotel,北九州市" in text


def test_the_english_itinerary_names_them_in_english(demo_copy: Path, tmp_path: Path) -> None:
    typed_otherwise(demo_copy)
    text = printed(demo_copy, tmp_path / "en.pdf", "itinerary", "--delegation", PERU)
    assert squeezed("Rail: Kobe to Kitakyushu") in text
    assert squeezed("Departs 08:30 from Kobe, arrives 10:30 in Kitakyushu") in text
    assert squeezed("Departs 12:30 from Tokyo Station, arrives 13:00 in Yokohama") in text
    assert squeezed("Departs 13:00 from Kitakyushu, arrives 14:30 in Tokyo") in text
    assert squeezed("Hotel tonight: Kobe Harborland Hotel, Kobe") in text
    assert squeezed("Hotel tonight: Kokura Station Hotel, Kitakyushu") in text
    for typed in ("神戸市", "KITAKYUSHU", "kitakyushu"):
        assert f"{typed}to" not in text
        assert f"in{typed}" not in text
        assert f"Hotel,{typed}" not in text


def test_a_run_sheet_names_the_days_legs_as_its_rooms_cities(
    demo_copy: Path, tmp_path: Path
) -> None:
    typed_otherwise(demo_copy)
    tuesday = ("day", "--date", TUESDAY.isoformat())
    japanese = printed(demo_copy, tmp_path / "ja.pdf", *tuesday, "--lang", "ja")
    # The morning's room in Yokohama City Hall, then the train out of the same city.
    assert "横浜市役所横浜市" in japanese
    assert "鉄道:横浜市→神戸市" in japanese
    assert "横浜市を12:40に出発、神戸市に15:30に到着" in japanese
    assert "Yokohama→Kobe" not in japanese
    # The itineraries' tests read the other legs, typed otherwise, through the same rows.
