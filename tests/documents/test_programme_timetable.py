"""A conference's printed programme as a coordinator checks it before sending it out:
tentative sessions and a tentative conference say "Tentative" (as the run sheet and the
itinerary do), and the timetable fills the page's width whatever the number of rooms,
without breaking a room's name or a session's title inside a word.

Each programme is read by the program's own reader from a real SQLite file (the demo,
with sessions and rooms added through the model) and printed by ``cpp-scheduler print
programme``, then read back with pypdf."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pdftext import page_texts, squeezed
from sqlalchemy import select
from test_printed_pdfs import print_command

from cpp_scheduler.documents.programme import programme_document, read_programme
from cpp_scheduler.model import Event, EventKind, EventMode, EventStatus, Venue
from cpp_scheduler.services.demo import CONFERENCE, load_demo
from cpp_scheduler.store import Database, open_database

LAND_VALUE = "Capturing land value to finance urban transit"
TOYAMA = "Compact city and transit: Toyama's light rail"
ROOM_NAME = "Pacifico Yokohama Conference Center Room {number} (Annex North Wing)"
SESSION_TITLE = "Transit-oriented development and land value capture in room {number}"


@pytest.fixture
def demo_file(tmp_path: Path, sqlite_template: Path) -> Iterator[tuple[Path, Database]]:
    path = tmp_path / "program.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = open_database(path)
    load_demo(database)
    yield path, database
    database.close()


def uid_of(database: Database, title: str) -> str:
    with database.reading() as session:
        uid = session.scalar(select(Event.uid).where(Event.title == title))
    assert uid is not None
    return uid


def printed(path: Path, output: Path, uid: str, *arguments: str) -> str:
    """The programme's text, a range of times whole where the PDF's text holds the
    place it may break after the dash as a space (``10:45- 12:15``)."""
    done = print_command(
        "programme", "--event", uid, "--db", str(path), "-o", str(output), *arguments
    )
    assert done.returncode == 0, done.stderr
    return re.sub(r"(?<=\d\d:\d\d-) (?=\d\d:\d\d)", "", " ".join(page_texts(output)))


def add_forum(database: Database, rooms: int) -> str:
    """A one-day forum in Yokohama with a session at 09:00 in each of ``rooms`` rooms
    whose names are long; its UID."""
    with database.transaction() as session:
        forum = Event(
            title=f"Yokohama forum in {rooms} rooms",
            kind=EventKind.CONFERENCE,
            mode=EventMode.FACE_TO_FACE,
            start_utc=datetime(2027, 9, 6, 0, 0, tzinfo=UTC),
            end_utc=datetime(2027, 9, 6, 9, 0, tzinfo=UTC),
        )
        session.add(forum)
        for number in range(1, rooms + 1):
            room = Venue(name=ROOM_NAME.format(number=number), locality="Yokohama", capacity=80)
            session.add(
                Event(
                    title=SESSION_TITLE.format(number=number),
                    kind=EventKind.CONFERENCE,
                    mode=EventMode.FACE_TO_FACE,
                    start_utc=datetime(2027, 9, 6, 0, 0, tzinfo=UTC),
                    end_utc=datetime(2027, 9, 6, 1, 30, tzinfo=UTC),
                    parent=forum,
                    venue=room,
                )
            )
    return uid_of(database, f"Yokohama forum in {rooms} rooms")


def test_a_tentative_conference_and_its_tentative_sessions_say_so(
    demo_file: tuple[Path, Database], tmp_path: Path
) -> None:
    path, database = demo_file
    with database.transaction() as session:
        for event in session.scalars(
            select(Event).where(Event.title.in_([CONFERENCE, LAND_VALUE]))
        ):
            event.status = EventStatus.TENTATIVE
    uid = uid_of(database, CONFERENCE)
    programme = read_programme(database, uid)
    assert programme.tentative
    assert {s.title for s in programme.sessions if s.tentative} == {LAND_VALUE}

    # The PDF's text reads a space where a long range may break, after its dash.
    text = re.sub(r"(\d{2}:\d{2}–) (\d)", r"\1\2", printed(path, tmp_path / "programme.pdf", uid))
    pages = page_texts(tmp_path / "programme.pdf")
    assert all(f"Programme — {CONFERENCE} — TENTATIVE" in page for page in pages)
    assert "Mon 15 – Tue 16 Feb 2027 Tentative" in text  # the cover
    assert f"{LAND_VALUE} 10:45–12:15 Tentative Isabel Ortega" in text  # the timetable
    assert f"{TOYAMA} 10:45–12:15 Aya Morita {LAND_VALUE}" in text  # confirmed: no mark
    details = text[text.rindex(LAND_VALUE) :]
    assert details.startswith(f"{LAND_VALUE} When Mon 15 Feb 2027 10:45–12:15 ")
    assert "Room TDLC Meeting Room B Status Tentative" in details

    japanese = squeezed(printed(path, tmp_path / "programme-ja.pdf", uid, "--lang", "ja"))
    assert all(
        squeezed(f"プログラム — {CONFERENCE} — 仮") in squeezed(page)
        for page in page_texts(tmp_path / "programme-ja.pdf")
    )
    assert squeezed(f"{LAND_VALUE} 10:45–12:15 仮 Isabel Ortega") in japanese
    assert "状態仮" in japanese


@pytest.mark.parametrize("rooms", [1, 2, 3, 4, 5, 6, 7, 8])
def test_the_timetable_fills_the_pages_width_with_any_number_of_rooms(
    demo_file: tuple[Path, Database], rooms: int
) -> None:
    """Each table's columns add up to the page's width (five rooms of 88 // 5 = 17%
    left 3% of the page empty), and no table holds more than five rooms."""
    _path, database = demo_file
    html = programme_document(read_programme(database, add_forum(database, rooms))).html()
    heads = re.findall(r"<thead>(.*?)</thead>", html)
    timetables = [head for head in heads if "Pacifico" in head]
    assert timetables
    shown = 0
    for head in timetables:
        widths = [int(width) for width in re.findall(r'<th width="(\d+)%"', head)]
        assert sum(widths) == 100, widths
        assert len(widths) - 1 <= 5
        shown += len(widths) - 1
    assert shown == rooms


def test_eight_rooms_keep_their_names_and_titles_whole_on_paper(
    demo_file: tuple[Path, Database], tmp_path: Path
) -> None:
    path, database = demo_file
    text = printed(path, tmp_path / "forum.pdf", add_forum(database, 8))
    # The timetable, before the sessions' details (which name the rooms across the page).
    text = text[: text.index(f"Sessions {SESSION_TITLE.format(number=1)}")]
    for number in range(1, 9):
        # Lines break between words only: the text read back has every word whole.
        assert ROOM_NAME.format(number=number) in text
        title = re.escape(SESSION_TITLE.format(number=number)).replace("\\-", "- ?")
        assert re.search(title, text), f"room {number}'s session"


OPENING = "Opening plenary: ten years of the City Partnership Program"
"""The demo's first session, 09:00-10:15 in TDLC Meeting Room A."""


def test_a_room_still_taken_at_a_later_rows_time_is_not_printed_free(
    demo_file: tuple[Path, Database], tmp_path: Path
) -> None:
    """The opening plenary lengthened to 12:15: at 10:45, when the next sessions start,
    its room's cell showed nothing of it (or only the session booked over it), and a
    coordinator scanning the grid read the room as free."""
    path, database = demo_file
    with database.transaction() as session:
        opening = session.scalars(select(Event).where(Event.title == OPENING)).one()
        opening.end_utc = datetime(2027, 2, 15, 3, 15, tzinfo=UTC)  # 12:15 in Tokyo
    uid = uid_of(database, CONFERENCE)
    monday = read_programme(database, uid).days[0]
    room_a = monday.rooms.index("TDLC Meeting Room A")
    at_10_45 = next(row for row in monday.rows if f"{row.start:%H:%M}" == "10:45")
    assert [item.title for item in at_10_45.running[room_a]] == [OPENING]

    text = printed(path, tmp_path / "programme.pdf", uid)
    assert f"10:45 {OPENING} continues until 12:15 " in text
    japanese = squeezed(printed(path, tmp_path / "programme-ja.pdf", uid, "--lang", "ja"))
    assert squeezed(f"10:45 {OPENING}（12:15まで続く）") in japanese


TALK = timedelta(minutes=15)


def test_a_page_that_goes_on_with_a_day_says_which_day_in_its_header(
    demo_file: tuple[Path, Database], tmp_path: Path
) -> None:
    """A forum day of forty sessions takes more than a page: the pages after its first
    had only the timetable's header row, and no date anywhere."""
    path, database = demo_file
    with database.transaction() as session:
        forum = Event(
            title="Yokohama forum of forty sessions",
            kind=EventKind.CONFERENCE,
            mode=EventMode.FACE_TO_FACE,
            start_utc=datetime(2027, 9, 6, 0, 0, tzinfo=UTC),
            end_utc=datetime(2027, 9, 6, 10, 0, tzinfo=UTC),
        )
        session.add(forum)
        room = Venue(name="Pacifico Yokohama Hall A", locality="Yokohama", capacity=500)
        for number in range(40):
            start = datetime(2027, 9, 6, 0, 0, tzinfo=UTC) + number * TALK
            session.add(
                Event(
                    title=f"Lightning talk {number + 1}: a city's first year of the programme",
                    kind=EventKind.CONFERENCE,
                    mode=EventMode.FACE_TO_FACE,
                    start_utc=start,
                    end_utc=start + TALK,
                    parent=forum,
                    venue=room,
                )
            )
    uid = uid_of(database, "Yokohama forum of forty sessions")
    continued = "Monday 06 September 2027 (continued)"

    printed(path, tmp_path / "forum.pdf", uid)

    # The timetable's pages: its header row repeats at the top of each.
    pages = page_texts(tmp_path / "forum.pdf")
    timetable = [page for page in pages if "Time Pacifico Yokohama Hall A" in page]
    assert len(timetable) >= 2, "the day takes more than a page"
    assert "Monday 06 September 2027" in timetable[0]
    assert continued not in timetable[0]
    assert all(continued in page for page in timetable[1:])
    printed(path, tmp_path / "forum-ja.pdf", uid, "--lang", "ja")
    japanese = [squeezed(page) for page in page_texts(tmp_path / "forum-ja.pdf")]
    assert sum(squeezed("2027年9月6日(月)（続き）") in page for page in japanese) == len(
        timetable[1:]
    )


def test_a_session_through_the_night_takes_its_room_on_the_next_days_rows_too(
    demo_file: tuple[Path, Database], tmp_path: Path
) -> None:
    """A hackathon from Monday 15:00 to Tuesday 11:00: Monday's later row said it went
    on "until 11:00" (Monday's?), and Tuesday's 10:00 row showed its hall free."""
    path, database = demo_file
    with database.transaction() as session:
        forum = Event(
            title="Resilience forum",
            kind=EventKind.CONFERENCE,
            mode=EventMode.FACE_TO_FACE,
            start_utc=datetime(2027, 9, 6, 0, 0, tzinfo=UTC),  # Mon 09:00 in Tokyo
            end_utc=datetime(2027, 9, 7, 9, 0, tzinfo=UTC),
        )
        hall_a = Venue(name="Hall A", locality="Yokohama", capacity=200)
        hall_b = Venue(name="Hall B", locality="Yokohama", capacity=200)
        talks = [
            ("Overnight resilience hackathon", (6, 6), (7, 2), hall_a),  # Mon 15:00-Tue 11:00
            ("Evening panel on flood maps", (6, 8), (6, 9), hall_b),  # Mon 17:00-18:00
            ("Morning debrief", (7, 1), (7, 2), hall_b),  # Tue 10:00-11:00
        ]
        for title, (first_day, first_hour), (last_day, last_hour), room in talks:
            session.add(
                Event(
                    title=title,
                    kind=EventKind.CONFERENCE,
                    mode=EventMode.FACE_TO_FACE,
                    start_utc=datetime(2027, 9, first_day, first_hour, tzinfo=UTC),
                    end_utc=datetime(2027, 9, last_day, last_hour, tzinfo=UTC),
                    parent=forum,
                    venue=room,
                )
            )
    text = printed(path, tmp_path / "forum.pdf", uid_of(database, "Resilience forum"))

    monday = text[text.index("Monday 06 September 2027") : text.index("Tuesday 07 September")]
    assert "17:00 Overnight resilience hackathon continues until Tue 07 Sep 11:00" in monday
    tuesday = text[text.index("Tuesday 07 September 2027") :]
    assert "10:00 Overnight resilience hackathon continues until 11:00 Morning debrief" in tuesday
