"""The printed documents where clocks and dates part: a flight planned on Auckland's
clock, an all-day closure in Apia, a conference that began the day before, meetings
without a venue, and a long email address in a narrow column. Each PDF is printed by
``cpp-scheduler print`` from a real SQLite file and read back with pypdf."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pdftext import page_texts, squeezed
from sqlalchemy import select
from test_printed_pdfs import print_command

from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    Participant,
    PartnerCity,
    StudyTour,
    TravelLeg,
    TravelMode,
)
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import open_database

NEW_ZEALAND = "New Zealand: Auckland Council"
EXCHANGE_OFFICE = "international.exchange.office@city.kobe.lg.jp"
DAY_HEADING = re.compile(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d\d \w+ 2027")


def utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The demo, with a New Zealand tour whose flights were planned on Auckland's clock,
    Samoa's office closed on Monday 5 April in Apia (Sunday evening in Tokyo), and two
    meetings with Kobe on 4 April that have no venue: one online, one hybrid, the
    latter organised by an office with a long address."""
    path = tmp_path_factory.mktemp("clocks") / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    load_demo(database)
    with database.transaction() as session:
        kobe = session.scalars(select(PartnerCity).where(PartnerCity.name == "Kobe")).one()
        auckland = Delegation(
            name=NEW_ZEALAND,
            country="NZ",
            zone="Pacific/Auckland",
            home_city="Auckland",
            arrival=date(2027, 4, 2),
            departure=date(2027, 4, 6),
        )
        apia = Delegation(name="Samoa: Apia", country="WS", zone="Pacific/Apia", home_city="Apia")
        tour = StudyTour(
            title="Auckland study tour",
            delegation=auckland,
            start_date=date(2027, 4, 2),
            end_date=date(2027, 4, 6),
        )
        tour.legs = [
            # Thursday 1 April, 19:00-20:00 in Wellington: 15:00-16:00 in Tokyo, the day
            # before the delegation's stay in Japan begins.
            TravelLeg(
                origin="Wellington",
                destination="Auckland",
                mode=TravelMode.AIR,
                departure_utc=utc(2027, 4, 1, 6, 0),
                arrival_utc=utc(2027, 4, 1, 7, 0),
                zone="Pacific/Auckland",
                notes="NZ448",
            ),
            # 12:00 NZDT from Auckland, 19:00 JST in Tokyo: 08:00-19:00 in Japan.
            TravelLeg(
                origin="Auckland",
                destination="Tokyo",
                mode=TravelMode.AIR,
                departure_utc=utc(2027, 4, 1, 23, 0),
                arrival_utc=utc(2027, 4, 2, 10, 0),
                zone="Pacific/Auckland",
                notes="NZ99",
            ),
            # Home on Japan's clock: 20:00 JST, landing at 10:00 NZST the next morning.
            TravelLeg(
                origin="Tokyo",
                destination="Auckland",
                mode=TravelMode.AIR,
                departure_utc=utc(2027, 4, 6, 11, 0),
                arrival_utc=utc(2027, 4, 6, 22, 0),
                zone="Asia/Tokyo",
                notes="NZ90",
            ),
        ]
        closure = Event(
            title="Apia office closure",
            kind=EventKind.WORKSHOP,
            mode=EventMode.VIRTUAL,
            delegations=[apia],
        )
        closure.set_dates(date(2027, 4, 5), date(2027, 4, 5), "Pacific/Apia")
        office = Participant(name="Kobe exchange office", email=EXCHANGE_OFFICE)
        online = Event(
            title="Kobe online exchange",
            kind=EventKind.VIDEOCONFERENCE,
            mode=EventMode.VIRTUAL,
            start_utc=utc(2027, 4, 4, 1, 0),
            end_utc=utc(2027, 4, 4, 2, 0),
            city=kobe,
            video_link="https://meet.example.org/kobe-auckland",
            delegations=[auckland],
        )
        seminar = Event(
            title="Kobe hybrid seminar",
            kind=EventKind.WORKSHOP,
            mode=EventMode.HYBRID,
            start_utc=utc(2027, 4, 4, 4, 0),
            end_utc=utc(2027, 4, 4, 5, 0),
            city=kobe,
            organiser=office,
            delegations=[auckland],
        )
        session.add_all([auckland, apia, tour, closure, office, online, seminar])
    database.close()
    return path


def printed(program: Path, output: Path, *arguments: str) -> list[str]:
    done = print_command(*arguments, "--db", str(program), "-o", str(output))
    assert done.returncode == 0, done.stderr
    return page_texts(output)


def page_of(pages: list[str], heading: str) -> str:
    """The text of a day, from its heading to the next day's."""
    text = " ".join(pages)
    start = text.index(heading)
    following = DAY_HEADING.search(text, start + 1)
    return text[start : following.start()] if following else text[start:]


def broken_as_a_reader_would(address: str) -> str:
    """A pattern of the address as the PDF's text holds it: whole, or parted at lines
    that end after a dot or before the ``@``, never inside a word."""
    pieces = [re.escape(part) for part in re.split(r"(?<=\.)|(?=@)", address)]
    return " ?".join(pieces)


def test_the_itinerary_gives_a_flight_from_auckland_in_japan_time_and_at_each_end(
    program: Path, tmp_path: Path
) -> None:
    pages = printed(program, tmp_path / "it.pdf", "itinerary", "--delegation", NEW_ZEALAND)
    friday = page_of(pages, "Friday 02 April 2027")
    assert "08:00–19:00 Air: Auckland to Tokyo" in friday
    assert "Departs 12:00 NZDT from Auckland, arrives 19:00 JST in Tokyo" in friday
    assert "12:00–23:00" not in friday, "Auckland's clock under Time in Japan"
    # The connecting flight leaves on Thursday in Japan, before the stay begins.
    thursday = page_of(pages, "Thursday 01 April 2027")
    assert "15:00–16:00 Air: Wellington to Auckland" in thursday
    assert "Departs 19:00 NZDT from Wellington, arrives 20:00 NZDT in Auckland" in thursday
    # Only the virtual meeting with Kobe is online; the hybrid one is in Kobe.
    sunday = page_of(pages, "Sunday 04 April 2027")
    assert "Online, with Kobe 13:00–14:00 Kobe hybrid seminar" in sunday
    assert "Online" not in sunday[sunday.index("Kobe hybrid seminar") :]
    tuesday = page_of(pages, "Tuesday 06 April 2027")
    assert "Departs 20:00 JST from Tokyo, arrives Wed 07 Apr 10:00 NZST in Auckland" in tuesday


def test_the_itinerary_in_japanese_gives_the_same_clocks(program: Path, tmp_path: Path) -> None:
    pages = printed(
        program, tmp_path / "it.pdf", "itinerary", "--delegation", NEW_ZEALAND, "--lang", "ja"
    )
    text = squeezed(" ".join(pages))
    start = text.index("2027年4月1日(木)")
    thursday = text[start : text.index("2027年4月2日(金)", start)]
    assert "15:00–16:00航空機:Wellington→Auckland" in thursday
    assert "08:00–19:00航空機:Auckland→東京" in text
    assert "Aucklandを12:00NZDTに出発、東京に19:00JSTに到着" in text
    assert "12:00–23:00" not in text


def test_a_conference_begun_the_day_before_names_its_first_day(
    program: Path, tmp_path: Path
) -> None:
    text = " ".join(printed(program, tmp_path / "day.pdf", "day", "--date", "2027-02-16"))
    # The conference holds sessions: the line above them, not a meeting of the table.
    assert "CitiesLearningfromCities(Mon15Feb09:00–Tue16Feb15:30)" in squeezed(text)
    assert "09:00– Tue 15:30" not in text, "reads as beginning on Tuesday"
    # A hybrid conference without a venue is not online: it has no room yet.
    assert "Online" not in text
    # On Monday it ends on another day: each end on its line, the column kept narrow,
    # and no word of the table parted (the organiser's address, "(organiser)").
    monday = " ".join(printed(program, tmp_path / "mon.pdf", "day", "--date", "2027-02-15"))
    assert "CitiesLearningfromCities(Mon15Feb09:00–Tue16Feb15:30)" in squeezed(monday)
    for sheet in (text, monday):
        assert re.search(broken_as_a_reader_would("keiko.tanaka@example.org"), sheet), sheet
        assert "Keiko Tanaka (organiser)" in sheet
    japanese = squeezed(
        " ".join(
            printed(program, tmp_path / "ja.pdf", "day", "--date", "2027-02-16", "--lang", "ja")
        )
    )
    assert "2月15日(月)09:00–2月16日(火)15:30" in japanese
    assert "オンライン" not in japanese


def test_the_run_sheet_gives_an_apia_closure_its_own_date(program: Path, tmp_path: Path) -> None:
    """Monday 5 April in Apia begins at 20:00 on Sunday in Tokyo: the closure is on
    Monday's sheet alone, as ``events list`` and the calendar have it, never on
    Sunday's."""
    sunday = " ".join(printed(program, tmp_path / "day.pdf", "day", "--date", "2027-04-04"))
    assert "Apia office closure" not in sunday
    monday = " ".join(printed(program, tmp_path / "mon.pdf", "day", "--date", "2027-04-05"))
    assert "All day Apia office closure" in monday
    japanese = squeezed(
        " ".join(
            printed(program, tmp_path / "ja.pdf", "day", "--date", "2027-04-05", "--lang", "ja")
        )
    )
    assert "終日Apiaofficeclosure" in japanese


def test_a_meeting_without_a_venue_is_online_only_when_virtual(
    program: Path, tmp_path: Path
) -> None:
    text = " ".join(printed(program, tmp_path / "day.pdf", "day", "--date", "2027-04-04"))
    online = text[text.index("Kobe online exchange") :]
    assert "Online, with Kobe" in online[: online.index("Kobe hybrid seminar")]
    # The day's last meeting: up to the footer, which names the sheet again.
    seminar = text[text.index("Kobe hybrid seminar") : text.rindex("Run sheet")]
    assert "Online" not in seminar
    assert re.search(r"Attending: New Zealand: Auckland Council Kobe ", seminar)
    # The office's long address breaks where a reader would.
    assert re.search(broken_as_a_reader_would(EXCHANGE_OFFICE), seminar), seminar
