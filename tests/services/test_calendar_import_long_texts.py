"""A calendar file's text longer than the program's column for it is said in one line,
alike in the preview and the import, and never reaches the database: before, PostgreSQL
refused the whole import with "value too long for type character varying(255)" for a
UID, and took an organiser's name or address longer than a participant's."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import calendar_import
from cpp_scheduler.store import Database

WHEN = ["DTSTART:20270303T000000Z", "DTEND:20270303T010000Z", "DTSTAMP:20270201T120000Z"]


def test_a_long_uid_or_title_skips_its_event_and_a_long_organiser_is_left_out(
    database: Database, tmp_path: Path
) -> None:
    title = "Kobe DRR workshop"
    events = [
        [f"ORGANIZER;CN={'N' * 250}:mailto:ana@example.org", "UID:a@example.org", *WHEN],
        ["UID:" + "u" * 256, *WHEN],
        ["UID:t@example.org", *WHEN],
    ]
    summaries = [title, title, "T" * 301]
    body = "".join(
        f"BEGIN:VEVENT\r\nSUMMARY:{summary}\r\n"
        + "".join(f"{line}\r\n" for line in lines)
        + "END:VEVENT\r\n"
        for summary, lines in zip(summaries, events, strict=True)
    )
    path = tmp_path / "partner.ics"
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partner//EN\r\n{body}END:VCALENDAR\r\n",
        encoding="utf-8",
    )

    preview = calendar_import.import_calendar(database, path, dry_run=True).lines()
    report = calendar_import.import_calendar(database, path).lines()

    assert preview[:-1] == report[:-1]
    assert report[1].strip() == (
        "line 4: the organiser is left out: "
        "participant's name: 250 characters, more than the 200 a text may hold"
    )
    assert report[2] == (
        "skip    line 12: Kobe DRR workshop: "
        "calendar UID: 256 characters, more than the 255 a text may hold"
    )
    assert report[3].startswith("skip    line 19: ")
    assert report[3].endswith(": title: 301 characters, more than the 300 a text may hold")
    assert report[-1].endswith("1 created, 0 updated, 0 left as they are, 2 skipped")
    with database.session() as session:
        assert session.scalars(select(Event.uid)).all() == ["a@example.org"]
        assert session.scalars(select(Participant)).all() == []
