"""A day's run sheet counts what is staffed: the demo conference's seven Monday sessions
are the meetings of 15 February, each with its room; the conference that holds them is
a line above them, not an eighth meeting with no room, as the program report counts a
conference and its sessions as one thing, never twice. A conference without sessions
is still a meeting of its own.

The program is the demo in a real SQLite file; the sheets are printed by
``cpp-scheduler print day`` and read back with pypdf."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pdftext import squeezed
from test_printed_pdfs import printed_pages

from cpp_scheduler.model import Event, EventKind, EventMode
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import CONFERENCE
from cpp_scheduler.store import open_database

FORUM = "Kobe resilience forum"


def printed(path: Path, output: Path, *arguments: str) -> str:
    return " ".join(printed_pages(path, output, "day", *arguments))


def test_a_conference_with_sessions_frames_them_on_the_run_sheet(
    demo_copy: Path, tmp_path: Path
) -> None:
    path = demo_copy
    database = open_database(path)
    try:
        with database.transaction() as session:
            editing.create_record(
                session,
                Event,
                {
                    "title": FORUM,
                    "kind": EventKind.CONFERENCE,
                    "mode": EventMode.FACE_TO_FACE,
                    "start_utc": datetime(2027, 2, 17, 0, 0, tzinfo=UTC),
                    "end_utc": datetime(2027, 2, 17, 3, 0, tzinfo=UTC),
                    "zone": "Asia/Tokyo",
                },
            )
    finally:
        database.close()
    monday = printed(path, tmp_path / "mon.pdf", "--date", "2027-02-15")
    assert "7 meetings at 2 venues" in monday, "the sessions, not the conference with them"
    meetings = monday[monday.index("Meetings Within") :]
    assert squeezed(
        f"Within the conference {CONFERENCE} (Mon 15 Feb 09:00–Tue 16 Feb 15:30): its "
        "sessions are the day's meetings, not the conference itself."
    ) in squeezed(meetings)
    table = meetings[meetings.index("Time Meeting Room") :]
    assert CONFERENCE not in table, "no row of its own, with no room"
    assert table.index("09:00–10:15 Opening plenary") < table.index("Capturing land value")
    japanese = squeezed(printed(path, tmp_path / "ja.pdf", "--date", "2027-02-15", "--lang", "ja"))
    assert "会合7件" in japanese
    wednesday = printed(path, tmp_path / "wed.pdf", "--date", "2027-02-17")
    assert "2 meetings at 1 venue" in wednesday, "the forum, without sessions, and the visit"
    assert f"09:00–12:00 {FORUM} Conference, Face-to-face" in wednesday
    assert "Within the conference" not in wednesday
