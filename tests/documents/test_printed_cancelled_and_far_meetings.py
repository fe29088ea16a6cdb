"""The itinerary and the run sheet list what a delegation's schedule and ``events list``
list: a delegation's meetings months from its stay (Nairobi's monthly series goes on
after it leaves Japan on 17 February), and a meeting called off, left in its slot struck
through and marked "Cancelled" as the programme marks a cancelled session, in no count
of meetings and in no conflict.

The program is the demo in a real SQLite file, changed through the editing service; the
documents are printed by ``cpp-scheduler print`` and read back with pypdf."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pdftext import squeezed
from sqlalchemy import select
from test_printed_pdfs import cli_command, printed_pages

from cpp_scheduler.documents.itinerary import itinerary_document, read_itinerary
from cpp_scheduler.documents.runsheet import read_run_sheet, run_sheet_document
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Participant,
)
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import CONFERENCE
from cpp_scheduler.store import open_database

NAIROBI = "Kenya: Nairobi City County"
LIMA = "Peru: Ministry of Housing, Construction and Sanitation"
SESSION = "Capturing land value to finance urban transit"
"""A session of the demo's conference on Monday 15 February, 10:45-12:15."""
SERIES = "Peer-to-peer workshop series: resilient cities (monthly)"
"""The demo's monthly series; its 19 May meeting is moved to Thursday 20 May, 17:00."""
SITE_VISIT = "Site visit: Kitakyushu Eco-Town recycling complex"
"""A site visit of Lima's study tour on Thursday 11 March, 11:30-15:30."""


def cancel(path: Path, title: str) -> None:
    database = open_database(path)
    try:
        with database.reading() as session:
            event = session.scalars(select(Event).where(Event.title == title)).one()
            record, version = event.id, event.version
        editing.change(database, Event, record, {"status": EventStatus.CANCELLED}, version)
    finally:
        database.close()


def squeezed_text(pages: list[str]) -> str:
    """The pages' text with a word the PDF broke at its hyphen (``Eco-`` / ``Town``)
    whole again."""
    return " ".join(pages).replace("- ", "-")


def html_of(path: Path, delegation: str | None = None, day: date | None = None) -> str:
    """The itinerary's (or the run sheet's) HTML: a strike leaves no mark in the PDF's
    text layer."""
    database = open_database(path)
    try:
        if delegation is not None:
            return itinerary_document(read_itinerary(database, delegation)).html()
        assert day is not None
        return run_sheet_document(read_run_sheet(database, day)).html()
    finally:
        database.close()


def test_the_itinerary_lists_the_meetings_months_after_the_stay_as_the_schedule_does(
    demo_copy: Path, tmp_path: Path
) -> None:
    schedule = cli_command("--db", str(demo_copy), "schedule", "--delegation", NAIROBI)
    assert schedule.returncode == 0, schedule.stderr
    assert "16 meetings for Kenya: Nairobi City County" in schedule.stdout
    text = " ".join(
        printed_pages(demo_copy, tmp_path / "k.pdf", "itinerary", "--delegation", NAIROBI)
    )
    for heading in (
        "Wednesday 21 April 2027 — from home",
        "Thursday 20 May 2027 — from home",
        "Wednesday 16 June 2027 — from home",
    ):
        assert heading in text, f"{heading}: on the schedule, missing from the itinerary"
    may = text[text.index("Thursday 20 May 2027") : text.index("Wednesday 16 June 2027")]
    assert "(moved)" in may
    # Five meetings held, and the one of 17 February cancelled alone, in its slot.
    assert text.count("Peer-to-peer workshop series: resilient cities (monthly)") == 6
    japanese = squeezed(
        " ".join(
            printed_pages(
                demo_copy,
                tmp_path / "ja.pdf",
                "itinerary",
                "--delegation",
                NAIROBI,
                "--lang",
                "ja",
            )
        )
    )
    for day in ("2027年4月21日(水)", "2027年5月20日(木)", "2027年6月16日(水)"):
        assert day in japanese


@pytest.fixture
def session_cancelled(demo_copy: Path) -> Path:
    cancel(demo_copy, SESSION)
    return demo_copy


def test_the_itinerary_keeps_a_cancelled_session_in_its_slot_marked_cancelled(
    session_cancelled: Path, tmp_path: Path
) -> None:
    path = session_cancelled
    pages = printed_pages(path, tmp_path / "p.pdf", "itinerary", "--delegation", LIMA)
    text = " ".join(pages)
    assert "1 cancelled meeting is listed where it was, marked Cancelled." in pages[0]
    monday = text[text.index("Monday 15 February 2027") : text.index("Tuesday 16 February")]
    assert f"10:45–12:15 Cancelled {SESSION}" in monday, "in its slot, under the word"
    assert "Compact city and transit" in monday, "the session held beside it is still there"
    japanese = squeezed(
        " ".join(
            printed_pages(
                path, tmp_path / "ja.pdf", "itinerary", "--delegation", LIMA, "--lang", "ja"
            )
        )
    )
    assert f"10:45–12:15中止{squeezed(SESSION)}" in japanese
    assert f"<s><b>{SESSION}</b>" in html_of(path, delegation=LIMA)


def test_the_run_sheet_keeps_a_cancelled_session_at_its_time_out_of_its_counts(
    session_cancelled: Path, tmp_path: Path
) -> None:
    path = session_cancelled
    pages = printed_pages(path, tmp_path / "d.pdf", "day", "--date", "2027-02-15")
    text = " ".join(pages)
    assert "6 meetings at 2 venues" in pages[0], "the cancelled session is not counted"
    assert "1 cancelled meeting is listed where it was, marked Cancelled." in pages[0]
    assert f"10:45–12:15 Cancelled {SESSION}" in text
    # Its conference goes ahead: the frame of the day's sessions, not called off itself.
    assert "will not take place" not in text
    assert squeezed(f"Within the conference {CONFERENCE}") in squeezed(text)
    assert f"<s><b>{CONFERENCE}</b>" not in html_of(path, day=date(2027, 2, 15))
    conflicts = text[text.index("Conflicts of the day") : text.index("Meetings Within")]
    assert SESSION not in conflicts, "what is not held clashes with nothing"
    japanese = squeezed(
        " ".join(
            printed_pages(path, tmp_path / "ja.pdf", "day", "--date", "2027-02-15", "--lang", "ja")
        )
    )
    assert f"10:45–12:15中止{squeezed(SESSION)}" in japanese
    assert f"<s><b>{SESSION}</b>" in html_of(path, day=date(2027, 2, 15))


def test_a_meeting_of_a_series_cancelled_alone_stays_in_its_slot_marked_cancelled(
    demo_copy: Path, tmp_path: Path
) -> None:
    """The demo's monthly series goes ahead without its 17 February meeting: the
    itinerary and the run sheet left that meeting out without a word, as if it had
    never been planned, while ``series`` and the report count it cancelled."""
    sheet = printed_pages(demo_copy, tmp_path / "d.pdf", "day", "--date", "2027-02-17")
    assert "1 meeting at 1 venue" in sheet[0], "the cancelled meeting is not counted"
    assert "1 cancelled meeting is listed where it was, marked Cancelled." in sheet[0]
    assert f"17:00–18:30 Cancelled {SERIES}" in squeezed_text(sheet)
    assert f"<s><b>{SERIES}</b>" in html_of(demo_copy, day=date(2027, 2, 17))

    pages = printed_pages(demo_copy, tmp_path / "k.pdf", "itinerary", "--delegation", NAIROBI)
    text = squeezed_text(pages)
    february = text[text.index("Wednesday 17 February 2027") :]
    assert f"17:00–18:30 Cancelled {SERIES}" in february
    assert f"<s><b>{SERIES}</b>" in html_of(demo_copy, delegation=NAIROBI)
    japanese = squeezed(
        " ".join(
            printed_pages(
                demo_copy, tmp_path / "ja.pdf", "day", "--date", "2027-02-17", "--lang", "ja"
            )
        )
    )
    assert f"17:00–18:30中止{squeezed(SERIES)}" in japanese


def test_a_cancelled_site_visit_stays_on_the_tours_day(demo_copy: Path, tmp_path: Path) -> None:
    cancel(demo_copy, SITE_VISIT)
    sheet = printed_pages(demo_copy, tmp_path / "d.pdf", "day", "--date", "2027-03-11")
    assert "0 meetings at 0 venues" in sheet[0]
    assert f"11:30–15:30 Cancelled {SITE_VISIT}" in squeezed_text(sheet)
    itinerary = " ".join(
        printed_pages(demo_copy, tmp_path / "p.pdf", "itinerary", "--delegation", LIMA)
    )
    thursday = itinerary[itinerary.index("Thursday 11 March 2027") :]
    assert f"11:30–15:30 Cancelled {SITE_VISIT}" in squeezed_text([thursday])
    japanese = squeezed(
        " ".join(
            printed_pages(
                demo_copy,
                tmp_path / "ja.pdf",
                "day",
                "--date",
                "2027-03-11",
                "--lang",
                "ja",
            )
        )
    )
    assert f"中止{squeezed(SITE_VISIT)}" in japanese


def test_the_itinerary_reads_a_members_meeting_and_a_cancelled_one_months_away(
    demo_copy: Path, tmp_path: Path
) -> None:
    """The part of the program the itinerary reads spans every meeting the delegation
    can attend: one only a member of it attends, half a year after the stay, and one
    called off a year before it."""
    database = open_database(demo_copy)
    try:
        with database.reading() as session:
            lima = session.scalars(select(Delegation.id).where(Delegation.name == LIMA)).one()
            member = session.scalars(
                select(Participant.id).where(Participant.email == "rosa.quispe@example.org")
            ).one()
        editing.create(
            database,
            Event,
            {
                "title": "Follow-up call with the housing team",
                "kind": EventKind.VIDEOCONFERENCE,
                "mode": EventMode.VIRTUAL,
                "start_utc": datetime(2027, 9, 1, 0, 0, tzinfo=UTC),
                "end_utc": datetime(2027, 9, 1, 1, 0, tzinfo=UTC),
                "zone": "Asia/Tokyo",
                "video_link": "https://meet.example.org/peru",
                "participant_ids": [member],
            },
        )
        editing.create(
            database,
            Event,
            {
                "title": "Scoping call called off",
                "kind": EventKind.VIDEOCONFERENCE,
                "mode": EventMode.VIRTUAL,
                "status": EventStatus.CANCELLED,
                "start_utc": datetime(2026, 3, 2, 0, 0, tzinfo=UTC),
                "end_utc": datetime(2026, 3, 2, 1, 0, tzinfo=UTC),
                "zone": "Asia/Tokyo",
                "video_link": "https://meet.example.org/peru",
                "delegation_ids": [lima],
            },
        )
    finally:
        database.close()
    text = " ".join(printed_pages(demo_copy, tmp_path / "p.pdf", "itinerary", "--delegation", LIMA))
    september = text[text.index("Wednesday 01 September 2027") :]
    assert "09:00–10:00 Follow-up call with the housing team" in september
    march = text[text.index("Monday 02 March 2026") :]
    assert "09:00–10:00 Cancelled Scoping call called off" in march


def test_a_cancelled_conference_is_a_struck_line_above_its_struck_sessions(
    demo_copy: Path, tmp_path: Path
) -> None:
    cancel(demo_copy, CONFERENCE)
    pages = printed_pages(demo_copy, tmp_path / "d.pdf", "day", "--date", "2027-02-15")
    text = " ".join(pages)
    assert "0 meetings at 0 venues; 0 conflicts." in pages[0]
    assert f"Cancelled {CONFERENCE}" in text
    assert "Cancelled: this conference will not take place." in text
    assert "Every meeting planned on this day is cancelled." in text
    assert "Nothing is planned" not in text, "the day's meetings are planned, and called off"
    assert "09:00–10:15 Cancelled Opening plenary" in text
    assert "Night-time session" not in text, "no conflict of a session that is not held"
    kenya = " ".join(
        printed_pages(demo_copy, tmp_path / "k.pdf", "itinerary", "--delegation", NAIROBI)
    )
    assert "09:00–10:15 Cancelled Opening plenary" in kenya
    japanese = squeezed(
        " ".join(
            printed_pages(
                demo_copy, tmp_path / "ja.pdf", "day", "--date", "2027-02-15", "--lang", "ja"
            )
        )
    )
    assert f"中止{squeezed(CONFERENCE)}" in japanese
    assert "中止:この会議は開催されません。" in japanese
    assert "この日に予定していた会合はすべて中止です。" in japanese


def test_a_moved_meeting_called_off_keeps_its_moved_mark(demo_copy: Path, tmp_path: Path) -> None:
    """The demo's monthly series called off whole: ``events list`` lists its 20 May
    meeting "(moved)" and cancelled; the run sheet and Nairobi's itinerary struck it
    through without the mark, as if the series had been held on Thursdays."""
    cancel(demo_copy, SERIES)
    sheet = " ".join(printed_pages(demo_copy, tmp_path / "d.pdf", "day", "--date", "2027-05-20"))
    assert "17:00–18:30 (moved) Cancelled" in sheet
    itinerary = squeezed_text(
        printed_pages(demo_copy, tmp_path / "i.pdf", "itinerary", "--delegation", NAIROBI)
    )
    may = itinerary[itinerary.index("Thursday 20 May 2027") :]
    assert "17:00–18:30 (moved) Cancelled" in may


def test_a_meeting_joined_from_home_is_online_not_at_the_rooms_address(
    demo_copy: Path, tmp_path: Path
) -> None:
    """Lima joins the conference's sessions from home on 15 February: each row's
    "Where" gave the Tokyo room with its address in Japanese, under the cover's "Show a
    driver the address in Japanese"; it says they join online, the room named after."""
    text = squeezed_text(
        printed_pages(demo_copy, tmp_path / "p.pdf", "itinerary", "--delegation", LIMA)
    )
    monday = text[text.index("Monday 15 February 2027 — from home") :]
    monday = monday[: monday.index("Tuesday 16 February 2027")]
    assert "Online, from home (Lima) held at TDLC Meeting Room A" in monday
    assert "Uchisaiwaicho" not in monday, "no address for a driver in Tokyo"
    japanese = squeezed(
        " ".join(
            printed_pages(
                demo_copy, tmp_path / "ja.pdf", "itinerary", "--delegation", LIMA, "--lang", "ja"
            )
        )
    )
    assert squeezed("オンライン（本国 Lima から） 会場: TDLC 会議室A") in japanese


def test_a_meeting_cancelled_alone_stays_listed_once_its_whole_series_is_called_off(
    demo_copy: Path, tmp_path: Path
) -> None:
    """The series called off after its 17 February meeting was cancelled alone: every
    meeting of it is listed cancelled, that one too (it vanished from 17 February's run
    sheet while 17 March's listed its meeting cancelled)."""
    cancel(demo_copy, SERIES)
    for day in ("2027-02-17", "2027-03-17"):
        sheet = printed_pages(demo_copy, tmp_path / f"{day}.pdf", "day", "--date", day)
        assert "1 cancelled meeting is listed where it was, marked Cancelled." in sheet[0], day
        assert f"17:00–18:30 Cancelled {SERIES}" in squeezed_text(sheet), day


def test_a_cancelled_meeting_joined_from_home_is_struck_online_not_at_the_rooms_address(
    session_cancelled: Path, tmp_path: Path
) -> None:
    """Cancelled, a session Lima joins from home gave the Tokyo room with its address
    for a driver, as a session held no longer does."""
    text = squeezed_text(
        printed_pages(session_cancelled, tmp_path / "p.pdf", "itinerary", "--delegation", LIMA)
    )
    monday = text[text.index("Monday 15 February 2027 — from home") :]
    monday = monday[: monday.index("Tuesday 16 February 2027")]
    cancelled = monday[monday.index(f"Cancelled {SESSION}") :]
    assert "Online, from home (Lima) held at TDLC Meeting Room B" in cancelled[:300]
    assert "Uchisaiwaicho" not in monday, "no address for a driver in Tokyo"
