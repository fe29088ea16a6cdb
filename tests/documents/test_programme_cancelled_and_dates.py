"""A conference's printed programme after the coordinator changes its sessions: one
moved to Thursday 18 February, two days after the conference ends, and one cancelled.
The cover gives the days the timetable covers (Monday to Thursday, Thursday marked as
outside the conference's dates), and the cancelled session stays in its slot marked
"Cancelled", for whoever holds the earlier printout, while the run sheet still leaves
it out as it leaves out every cancelled meeting.

The program is the demo in a real SQLite file, changed through the editing service; the
programme is printed by ``cpp-scheduler print programme`` and read back with pypdf."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pdftext import squeezed
from sqlalchemy import select
from test_printed_pdfs import printed_pages

from cpp_scheduler.documents.programme import programme_document, read_programme
from cpp_scheduler.model import Event, EventKind, EventStatus
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import CONFERENCE
from cpp_scheduler.store import open_database

MOVED = "Inclusive cities for an ageing society"
CANCELLED = "Water and waste services for growing cities"


def change_session(path: Path, title: str, values: dict[str, object]) -> None:
    database = open_database(path)
    try:
        with database.reading() as session:
            event = session.scalars(select(Event).where(Event.title == title)).one()
            record, version = event.id, event.version
        editing.change(database, Event, record, values, version)
    finally:
        database.close()


@pytest.fixture
def changed(demo_copy: Path) -> tuple[Path, str]:
    """The demo with its Tuesday 09:00 session moved to Thursday 18 February 09:00 and
    its Monday 15:30 water session cancelled; the file and the conference's UID."""
    path = demo_copy
    change_session(
        path,
        MOVED,
        {
            "start_utc": datetime(2027, 2, 18, 0, 0, tzinfo=UTC),
            "end_utc": datetime(2027, 2, 18, 1, 30, tzinfo=UTC),
        },
    )
    change_session(path, CANCELLED, {"status": EventStatus.CANCELLED})
    database = open_database(path)
    try:
        with database.reading() as session:
            uid = session.scalars(select(Event.uid).where(Event.title == CONFERENCE)).one()
    finally:
        database.close()
    return path, uid


def test_the_cover_gives_the_days_the_timetable_covers(
    changed: tuple[Path, str], tmp_path: Path
) -> None:
    path, uid = changed
    pages = printed_pages(path, tmp_path / "p.pdf", "programme", "--event", uid)
    assert "Mon 15 – Thu 18 Feb 2027" in pages[0]
    assert "Tue 16 Feb 2027" not in pages[0], "a cover that ends before its timetable"
    text = " ".join(pages)
    assert "Thursday 18 February 2027 (outside the conference's dates)" in text
    assert "Monday 15 February 2027 Time" in text, "the conference's own days are not marked"
    japanese = printed_pages(path, tmp_path / "ja.pdf", "programme", "--event", uid, "--lang", "ja")
    assert "2027年2月15日(月)~18日(木)" in squeezed(japanese[0])
    assert "2027年2月18日(木)" in squeezed(" ".join(japanese[1:]))


def test_a_conference_ending_at_midnight_is_not_on_the_day_midnight_begins(
    demo_copy: Path, tmp_path: Path
) -> None:
    """An evening forum from Monday 09:00 to Wednesday 00:00 in Tokyo is on Monday and
    Tuesday, as ``events list`` places it: the cover said Monday to Wednesday."""
    database = open_database(demo_copy)
    try:
        forum = editing.create(
            database,
            Event,
            {
                "title": "Evening forum",
                "kind": EventKind.CONFERENCE,
                "zone": "Asia/Tokyo",
                "start_utc": datetime(2027, 4, 12, 0, 0, tzinfo=UTC),
                "end_utc": datetime(2027, 4, 13, 15, 0, tzinfo=UTC),  # Wed 14 Apr 00:00
            },
        )
        programme = read_programme(database, forum)
    finally:
        database.close()
    assert programme.covered_days() == (date(2027, 4, 12), date(2027, 4, 13))
    pages = printed_pages(demo_copy, tmp_path / "p.pdf", "programme", "--event", forum)
    assert "Mon 12 – Tue 13 Apr 2027" in pages[0]


def test_a_cancelled_session_stays_in_its_slot_marked_cancelled(
    changed: tuple[Path, str], tmp_path: Path
) -> None:
    path, uid = changed
    pages = printed_pages(path, tmp_path / "p.pdf", "programme", "--event", uid)
    cover, text = pages[0], " ".join(pages)
    assert "11 sessions in 2 rooms" in cover, "the cancelled one is not counted as held"
    assert "1 cancelled session is listed where it was, marked Cancelled." in cover
    monday = text[text.index("Monday 15 February 2027") : text.index("Tuesday 16 February")]
    assert "15:30 Smart city platforms" in monday
    assert f"Cancelled {CANCELLED}" in monday, "in its room at 15:30, under the word"
    details = text[text.index(f"{CANCELLED} When") :]
    assert "Room TDLC Meeting Room B Status Cancelled" in details
    japanese = squeezed(
        " ".join(
            printed_pages(path, tmp_path / "ja.pdf", "programme", "--event", uid, "--lang", "ja")
        )
    )
    assert f"中止{squeezed(CANCELLED)}" in japanese
    # Struck through, as a reader sees it; the PDF's text layer holds no strike.
    database = open_database(path)
    try:
        page = programme_document(read_programme(database, uid)).html()
    finally:
        database.close()
    assert f"<s><b>{CANCELLED}</b>" in page


def test_the_run_sheet_marks_a_cancelled_session_and_counts_sessions_alone(
    changed: tuple[Path, str], tmp_path: Path
) -> None:
    path, _uid = changed
    text = " ".join(printed_pages(path, tmp_path / "d.pdf", "day", "--date", "2027-02-15"))
    assert f"Cancelled {CANCELLED}" in text
    assert "6 meetings at 2 venues" in text
