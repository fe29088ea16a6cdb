"""What the printed PDFs say of a cancelled conference, and how they lay out what is
long or narrow: read back with pypdf, as a coordinator holds them."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pypdf
from pdftext import page_texts
from sqlalchemy import select
from test_printed_pdfs import print_command

from cpp_scheduler.model import Event, EventKind, EventStatus, Venue
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import CONFERENCE, KENYA
from cpp_scheduler.store import open_database

LONG_TITLE = (
    "International Conference on Resilient, Compact, Green, Smart and Inclusive Cities: "
    "Lessons from Kitakyushu, Kobe, Toyama and Yokohama for Partner Cities across Africa, "
    "Asia, Europe and Latin America 2027"
)
PARALLEL = "Parallel session {n}: Transit-oriented development and land value capture"


def copy_of(demo: Path, folder: Path) -> Path:
    path = folder / "program.sqlite"
    shutil.copyfile(demo, path)
    return path


def cancel_the_conference(path: Path) -> str:
    """Cancel the demo's conference; its id."""
    database = open_database(path)
    try:
        with database.session() as session:
            conference = session.scalars(select(Event).where(Event.title == CONFERENCE)).one()
            record, version = conference.id, conference.version
        editing.change(database, Event, record, {"status": EventStatus.CANCELLED}, version)
    finally:
        database.close()
    return record


def printed(*arguments: str) -> list[str]:
    """``cpp-scheduler print ...`` to a PDF (the last argument); its pages' text."""
    done = print_command(*arguments)
    assert done.returncode == 0, done.stderr
    return page_texts(Path(arguments[-1]))


def test_a_cancelled_conference_prints_cancelled_everywhere(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    db = copy_of(demo_sqlite_path, tmp_path)
    conference = cancel_the_conference(db)
    programme = printed(
        "programme", "--db", str(db), "--event", conference, "-o", str(tmp_path / "p.pdf")
    )
    assert all(f"Programme — {CONFERENCE} — CANCELLED" in page for page in programme)
    assert "Cancelled: this conference will not take place." in programme[0]
    assert "Opening plenary" not in " ".join(programme)
    sheet = " ".join(
        printed("day", "--db", str(db), "--date", "2027-02-15", "-o", str(tmp_path / "d.pdf"))
    )
    # Listed where they were, struck through and marked, and counted for nothing.
    assert "Cancelled Opening plenary" in sheet
    assert "Cancelled: this conference will not take place." in sheet
    assert "Night-time session" not in sheet
    assert "0 meetings at 0 venues" in sheet, "nothing but the conference's sessions that day"
    kenya = " ".join(
        printed("itinerary", "--db", str(db), "--delegation", KENYA, "-o", str(tmp_path / "k.pdf"))
    )
    assert "Cancelled Opening plenary" in kenya


def add_conferences(path: Path) -> tuple[str, str]:
    """A conference of eight parallel rooms, and one with a title longer than a line;
    their ids."""
    database = open_database(path)
    start = datetime(2027, 6, 1, 1, 0, tzinfo=UTC)
    try:
        with database.transaction() as session:
            venues = session.scalars(select(Venue).order_by(Venue.name)).all()[:8]
            assert len(venues) == 8
            many = conference("Many rooms conference", start - timedelta(hours=1), 8)
            session.add(many)
            for number, venue in enumerate(venues, start=1):
                item = conference(PARALLEL.format(n=number), start, 1.5, parent=many, venue=venue)
                session.add(item)
            long = conference(LONG_TITLE, start - timedelta(days=7), 8)
            session.add(long)
            session.add(conference("Session one", long.start_utc, 1, parent=long, venue=venues[0]))
            session.flush()
            return many.id, long.id
    finally:
        database.close()


def conference(title: str, start: datetime, hours: float, **values: object) -> Event:
    return Event(
        title=title,
        zone="Asia/Tokyo",
        kind=EventKind.CONFERENCE,
        start_utc=start,
        end_utc=start + timedelta(hours=hours),
        **values,
    )


def test_eight_parallel_rooms_keep_each_time_whole(demo_sqlite_path: Path, tmp_path: Path) -> None:
    db = copy_of(demo_sqlite_path, tmp_path)
    many, _long = add_conferences(db)
    pages = printed("programme", "--db", str(db), "--event", many, "-o", str(tmp_path / "p.pdf"))
    timetable = next(page for page in pages if "Tuesday 01 June 2027 Time" in page)
    assert not re.search(r"\d\d:\s\d\d|\d\s\d:\d\d", timetable), "no time split in two"
    assert len(re.findall(r"10:00–\s?11:30", timetable)) == 8


def test_a_long_title_in_the_page_header_ends_in_an_ellipsis(
    demo_sqlite_path: Path, tmp_path: Path
) -> None:
    db = copy_of(demo_sqlite_path, tmp_path)
    _many, long = add_conferences(db)
    output = tmp_path / "p.pdf"
    printed("programme", "--db", str(db), "--event", long, "-o", str(output))
    for page in pypdf.PdfReader(output).pages:
        header = next(
            line for line in page.extract_text().splitlines() if line.startswith("Programme")
        )
        header = " ".join(header.split())
        assert "…" in header
        assert header.startswith("Programme — International Conference on Resilient")
        # Elided within the title: its end, and the conference's status (a new one is
        # tentative), stay in view.
        assert header.endswith("Latin America 2027 — TENTATIVE")
        assert len(header) < len(f"Programme — {LONG_TITLE}")
