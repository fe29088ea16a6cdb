"""What the printed itinerary, run sheet and programme say where the engine knows more
than a meeting's own row: a meeting moved off its series' time says "(moved)" beside it,
as ``events list`` and the calendar do; a day the delegation spends on a plane is not
"Nothing planned."; a meeting held in person after the delegation leaves is not one it
joins "from home", and says what the check says of it; a finding of the next day on a
day's run sheet names its day; a session naming no delegation is for the conference's."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from pdftext import page_texts, squeezed
from sqlalchemy import select
from test_printed_pdfs import print_command

from cpp_scheduler.documents.itinerary import (
    Itinerary,
    ItineraryDay,
    itinerary_document,
    read_itinerary,
)
from cpp_scheduler.documents.programme import programme_document, read_programme
from cpp_scheduler.documents.runsheet import read_run_sheet, run_sheet_document
from cpp_scheduler.model import Delegation, Event
from cpp_scheduler.services.demo import CONFERENCE, KENYA
from cpp_scheduler.store import Database
from tests.tour_scenarios import (
    arrival_flight,
    change_event,
    demo_copy,
    overnight_to_kitakyushu,
)

PERU = "Peru: Ministry of Housing, Construction and Sanitation"
SERIES = "Peer-to-peer workshop series: resilient cities (monthly)"
"""The demo's monthly series (third Wednesday, 17:00 in Tokyo), whose 19 May meeting is
moved to Thursday 20 May."""
MOVED_TO = date(2027, 5, 20)


def day_pages(itinerary: Itinerary) -> dict[date, tuple[ItineraryDay, str]]:
    """Each day of the itinerary with its printed section (the cover first, then a
    section a day)."""
    sections = itinerary_document(itinerary).sections[1:]
    assert len(sections) == len(itinerary.days)
    return {
        day.day: (day, section.html) for day, section in zip(itinerary.days, sections, strict=True)
    }


def kenya_until_may(database: Database) -> None:
    """Kenya leaves on 30 April: its itinerary's month after reaches the moved meeting."""
    with database.transaction() as session:
        kenya = session.scalars(select(Delegation).where(Delegation.name == KENYA)).one()
        kenya.departure = date(2027, 4, 30)


def printed(database: Database, pdf: Path, *arguments: str, lang: str) -> str:
    assert database.url.database is not None
    done = print_command("--lang", lang, *arguments, "--db", database.url.database, "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    text: str = squeezed(" ".join(page_texts(pdf)))
    return text


def test_a_moved_meeting_says_so_beside_its_time_in_the_itinerary(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    database = demo_copy(demo_sqlite_path, tmp_path)
    kenya_until_may(database)
    pages = day_pages(read_itinerary(database, KENYA))
    day, html = pages[MOVED_TO]
    (meeting,) = [m for m in day.meetings if m.title == SERIES]
    assert meeting.moved
    assert "17:00–18:30</p><p>(moved)</p>" in html
    # The coordinators' description is printed as written; the marker says the move.
    assert "Third Wednesday of each month" in html
    others = [
        m
        for d, _html in pages.values()
        for m in d.meetings
        if m.title == SERIES and d.day != MOVED_TO
    ]
    assert others
    assert not any(m.moved for m in others)
    assert sum(html.count("(moved)") for _day, html in pages.values()) == 1
    database.close()


def test_a_moved_meeting_says_so_on_the_run_sheet_in_english_and_japanese(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    database = demo_copy(demo_sqlite_path, tmp_path)
    sheet = read_run_sheet(database, MOVED_TO)
    (item,) = [i for i in sheet.items if i.title == SERIES]
    assert item.moved
    assert "17:00–18:30</p><p>(moved)</p>" in run_sheet_document(sheet).html()
    english = printed(database, tmp_path / "en.pdf", "day", "--date", "2027-05-20", lang="en")
    assert "17:00–18:30(moved)Peer-to-peer" in english
    japanese = printed(database, tmp_path / "ja.pdf", "day", "--date", "2027-05-20", lang="ja")
    assert "17:00–18:30(変更済み)Peer-to-peer" in japanese
    database.close()


def test_the_day_a_flight_lands_is_not_nothing_planned(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    """Lima → Tokyo leaves Sat 06 Mar 14:00 and lands Sun 07 Mar 17:00 (Tokyo): on
    Sunday the delegation is still on the plane until the afternoon."""
    database = demo_copy(demo_sqlite_path, tmp_path)
    arrival_flight(database)
    pages = day_pages(read_itinerary(database, PERU))
    saturday, saturday_html = pages[date(2027, 3, 6)]
    sunday, sunday_html = pages[date(2027, 3, 7)]
    assert [leg.continued for leg in saturday.legs] == [False]
    assert [(leg.origin, leg.continued) for leg in sunday.legs] == [("Lima", True)]
    assert "Nothing planned." not in sunday_html
    assert "(continued) until 17:00" in sunday_html
    assert "Air: Lima to Tokyo" in sunday_html
    assert "(continued)" not in saturday_html
    database.close()


def test_an_overnight_leg_is_listed_again_on_the_day_it_arrives(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    """Kobe → Kitakyushu overnight, Wed 10 Mar 22:00 to Thu 11 Mar 12:00."""
    database = demo_copy(demo_sqlite_path, tmp_path)
    overnight_to_kitakyushu(database)
    pages = day_pages(read_itinerary(database, PERU))
    thursday, html = pages[date(2027, 3, 11)]
    assert [leg.origin for leg in thursday.legs if leg.continued] == ["Kobe"]
    assert "(continued) until 12:00" in html
    assert html.index("(continued) until 12:00") < html.index("11:30")  # first in the day
    wednesday, _html = pages[date(2027, 3, 10)]
    assert [leg.continued for leg in wednesday.legs if leg.origin == "Kobe"] == [False]
    database.close()


def test_a_face_to_face_activity_after_the_stay_is_not_joined_from_home(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    """The tour's wrap-up, face to face at TDLC, dragged to Sun 14 Mar: the delegation
    left on the 13th. The check finds it outside the stay; the itinerary says so rather
    than heading the day "from home". A virtual meeting before the stay still is."""
    database = demo_copy(demo_sqlite_path, tmp_path)
    arrival_flight(database)
    change_event(
        database,
        "Study tour wrap-up",
        start_utc=datetime(2027, 3, 14, 6, 30, tzinfo=UTC),
        end_utc=datetime(2027, 3, 14, 8, tzinfo=UTC),
    )
    pages = day_pages(read_itinerary(database, PERU))
    sunday, html = pages[date(2027, 3, 14)]
    assert "from home" not in sunday.heading
    (wrap_up,) = sunday.meetings
    assert wrap_up.in_person
    assert wrap_up.outside_stay
    assert '<span class="warning">Outside the delegation&#x27;s stay</span>' in html
    monday, _html = pages[date(2027, 2, 15)]
    assert monday.heading == "from home"
    database.close()


def test_the_run_sheet_names_the_day_of_a_finding_dated_the_next_day(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    """An overnight leg into Kitakyushu whose hotel of the night is in Kobe: the finding
    is dated Thu 11 Mar 12:00, and Wednesday's sheet lists it under that date."""
    database = demo_copy(demo_sqlite_path, tmp_path)
    arrival_flight(database, in_the_table=False)
    overnight_to_kitakyushu(database)
    sheet = read_run_sheet(database, date(2027, 3, 10))
    html = run_sheet_document(sheet).html()
    conflicts = html[html.index("Conflicts of the day") : html.index("Meetings")]
    assert "<td><p>Thu 11 Mar 12:00</p></td>" in conflicts
    assert "<td>12:00</td>" not in conflicts
    assert "<td>22:00</td>" in conflicts
    database.close()


def test_a_session_naming_no_delegation_is_for_the_conferences(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    database = demo_copy(demo_sqlite_path, tmp_path)
    with database.session() as session:
        uid = session.scalars(select(Event.uid).where(Event.title == CONFERENCE)).one()
    programme = read_programme(database, uid)
    assert programme.delegations
    assert programme.sessions
    own = [item for item in programme.sessions if not item.conference_delegations]
    for item in programme.sessions:
        assert item.delegations, item.title
        if item.conference_delegations:
            assert set(item.delegations) == set(programme.delegations), item.title
    assert own  # the two sessions on the delegations' action plans name their own
    for item in own:
        assert item.title.startswith("Delegations' action plans")
        assert len(item.delegations) == 2
    html = programme_document(programme).html()
    said = "The conference&#x27;s delegations, listed on the first page"
    assert html.count(said) == len(programme.sessions) - len(own)
    database.close()
