"""The clocks an itinerary reads a travel leg's ends on, where the place a flight lands
is not spelled as the delegation's home city: Quezon City's delegation flies home to
Manila, and once to Cebu, and a coordinator types an airport the program does not know.

The program is the demo in a real SQLite file, with a tour added through the model;
the itinerary is read by the program's own reader and printed by ``cpp-scheduler
print``, then read back with pypdf."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pdftext import page_texts, squeezed
from sqlalchemy import select
from test_printed_pdfs import print_command

from cpp_scheduler.documents.itinerary import read_itinerary
from cpp_scheduler.documents.places import PrintedLeg
from cpp_scheduler.model import Delegation, StudyTour, TravelLeg, TravelMode
from cpp_scheduler.services.demo import PHILIPPINES, load_demo
from cpp_scheduler.store import open_database


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The demo, with a Quezon City tour (home city Quezon City, zone Asia/Manila):

    * out from Manila on Manila's clock (09:00 PST, 10:00 in Japan) and home to Manila
      on Japan's (16:00 JST, landing 19:30 PST, 20:30 in Japan): Manila is the city
      the delegation's zone is named after;
    * out from Cebu on Manila's clock and home to Cebu on Japan's: the program knows
      Cebu only as the place the flight out left from, on Manila's clock;
    * a train from Tokyo to Shin-Kobe station, a place the program does not know, which
      a train from Japan cannot leave Japan for;
    * a flight to "NAIA Terminal 3", which the program cannot place at all;
    * a flight from Manila to "Narita Airport", which it cannot place either: a flight
      from abroad is the delegation coming to Japan.
    """
    path = tmp_path_factory.mktemp("legs") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    load_demo(database)
    with database.transaction() as session:
        philippines = session.scalars(
            select(Delegation).where(Delegation.name == PHILIPPINES)
        ).one()
        tour = StudyTour(
            title="Quezon City study tour",
            delegation=philippines,
            start_date=date(2027, 2, 14),
            end_date=date(2027, 2, 26),
        )

        def leg(
            origin: str, destination: str, mode: TravelMode, zone: str, times: tuple[datetime, ...]
        ) -> TravelLeg:
            departure, arrival = times
            return TravelLeg(
                origin=origin,
                destination=destination,
                mode=mode,
                zone=zone,
                departure_utc=departure,
                arrival_utc=arrival,
            )

        air, rail = TravelMode.AIR, TravelMode.RAIL
        tour.legs = [
            leg("Manila", "Tokyo", air, "Asia/Manila", (utc(2, 14, 1), utc(2, 14, 5, 30))),
            leg("Tokyo", "Shin-Kobe", rail, "Asia/Tokyo", (utc(2, 15, 0), utc(2, 15, 2, 45))),
            leg("Kobe", "Manila", air, "Asia/Tokyo", (utc(2, 18, 7), utc(2, 18, 11, 30))),
            leg("Cebu", "Tokyo", air, "Asia/Manila", (utc(2, 21, 1), utc(2, 21, 5, 30))),
            leg("Tokyo", "Cebu", air, "Asia/Tokyo", (utc(2, 24, 7), utc(2, 24, 11, 30))),
            leg("Tokyo", "NAIA Terminal 3", air, "Asia/Tokyo", (utc(2, 26, 7), utc(2, 26, 11))),
            leg("Manila", "Narita Airport", air, "Asia/Manila", (utc(2, 25, 1), utc(2, 25, 5))),
        ]
        session.add(tour)
    database.close()
    return path


def legs_by_destination(program: Path) -> dict[str, PrintedLeg]:
    database = open_database(program)
    try:
        itinerary = read_itinerary(database, PHILIPPINES)
    finally:
        database.close()
    found = {leg.destination: leg for day in itinerary.days for leg in day.legs}
    return {name: leg for name, leg in found.items() if name != "Tokyo"}


def test_each_end_of_a_leg_is_read_on_the_clock_of_its_place(program: Path) -> None:
    legs = legs_by_destination(program)
    home = legs["Manila"]
    assert (f"{home.leaves:%H:%M %Z}", f"{home.arrives:%H:%M %Z}") == ("16:00 JST", "19:30 PST")
    assert home.destination_placed
    cebu = legs["Cebu"]
    assert f"{cebu.arrives:%H:%M %Z}" == "19:30 PST", "Cebu is where the flight out left"
    train = legs["Shin-Kobe"]
    assert (f"{train.arrives:%H:%M %Z}", train.destination_placed) == ("11:45 JST", True)
    unknown = legs["NAIA Terminal 3"]
    assert (f"{unknown.arrives:%H:%M %Z}", unknown.destination_placed) == ("20:00 JST", False)
    narita = legs["Narita Airport"]
    assert (f"{narita.arrives:%H:%M %Z}", narita.destination_placed) == ("14:00 JST", False)


def test_the_printed_itinerary_names_each_clock_that_is_not_certainly_japans(
    program: Path, tmp_path: Path
) -> None:
    output = tmp_path / "itinerary.pdf"
    done = print_command(
        "itinerary", "--delegation", PHILIPPINES, "--db", str(program), "-o", str(output)
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(page_texts(output))
    assert "Departs 16:00 JST from Kobe, arrives 19:30 PST in Manila" in text
    assert "arrives 20:30 in Manila" not in text, "Japan's clock read as Manila's"
    assert "Departs 16:00 JST from Tokyo, arrives 19:30 PST in Cebu" in text
    # Where the landing place is unknown, its time is Japan's, and says so.
    assert "Departs 16:00 JST from Tokyo, arrives 20:00 JST in NAIA Terminal 3" in text
    assert "Departs 09:00 PST from Manila, arrives 14:00 JST in Narita Airport" in text
    # A train within Japan is on Japan's clock, which the table's heading names.
    assert "Departs 09:00 from Tokyo, arrives 11:45 in Shin-Kobe" in text


def test_the_japanese_itinerary_names_the_same_clocks(program: Path, tmp_path: Path) -> None:
    output = tmp_path / "itinerary-ja.pdf"
    done = print_command(
        "itinerary",
        "--delegation",
        PHILIPPINES,
        "--db",
        str(program),
        "-o",
        str(output),
        "--lang",
        "ja",
    )
    assert done.returncode == 0, done.stderr
    text = squeezed(" ".join(page_texts(output)))
    assert "神戸市を16:00JSTに出発、Manilaに19:30PSTに到着" in text
    assert "東京を16:00JSTに出発、NAIATerminal3に20:00JSTに到着" in text
