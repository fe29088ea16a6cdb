"""How long the printed documents take over a year of 10,000 events.

Builds a SQLite program: the demo (whose Peru delegation has the study tour), plus
10,000 events spread over 2027 with themes and sixty more delegations, one of them a ten-day
conference of 240 sessions in four rooms, each with a speaker (a programme of about
forty pages). Then times:

- itinerary: the Peru delegation's, built (one session of column queries, then HTML)
  and written as a PDF;
- programme: the big conference's, built and written as a PDF;
- run sheet: the conference's first day, with the engine's conflicts of that day;
- program report: the year's, counted (every event and link read, series expanded) and
  printed with its tables and bars;
- long table: one table of ``--rows`` rows of a few lines each (no program read), whose
  rows are kept whole on their pages (a row crossing a page's foot moved to the next).

"content" is the core's part (reading the program and writing HTML); "PDF" adds Qt's
layout and drawing. The baseline, measured in the same run, is one column query over
every event of the program (id, title, start), so the ratios say what a document costs
against merely reading the program once. Times are CPU seconds of this process, best of
three (see _common.best_time); the targets are 0.5 s for an itinerary and 2 s for the
programme and for the year's report.

    python benchmarks/bench_documents.py [--events 10000] [--sessions 240] [--rows 1000]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from _common import best_time, peer_exchanges, print_table
from sqlalchemy import insert, select

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cpp_scheduler.documents.content import ChangeStamp, PrintDocument, Section
from cpp_scheduler.documents.itinerary import itinerary_document, read_itinerary
from cpp_scheduler.documents.markup import table
from cpp_scheduler.documents.programme import programme_document, read_programme
from cpp_scheduler.documents.runsheet import read_run_sheet, run_sheet_document
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Participant,
    ParticipantRole,
    ThematicArea,
    Venue,
    new_id,
    new_uid,
)
from cpp_scheduler.model.event import (
    event_delegations,
    event_participants,
    event_themes,
)
from cpp_scheduler.services.demo import PERU, load_demo
from cpp_scheduler.services.reports import program_report, program_report_document
from cpp_scheduler.store import Database, open_database

FIRST_DAY = datetime(2027, 1, 4, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo
CONFERENCE_DAY = datetime(2027, 6, 7, 0, 0, tzinfo=UTC)
CONFERENCE_UID = "benchmark-conference@cpp-scheduler.tdlc"


def build_program(path: Path, events: int, sessions: int) -> Database:
    """The demo plus ``events`` events over the year, ``sessions`` of them one
    conference's sessions, written with bulk inserts."""
    chooser = random.Random(2027)
    database = open_database(path)
    load_demo(database)
    with database.transaction() as session:
        themes = list(session.scalars(select(ThematicArea.id)))
        venues = list(session.scalars(select(Venue.id).order_by(Venue.name)))
        delegation_rows = [
            {"id": new_id(), "name": f"Delegation {n:03d}", "country": "PE", "zone": "America/Lima"}
            for n in range(60)
        ]
        session.execute(insert(Delegation), delegation_rows)
        delegations = [row["id"] for row in delegation_rows]
        speakers = [
            {
                "id": new_id(),
                "name": f"Speaker {n:03d}",
                "email": f"speaker{n:03d}@example.org",
                "organisation": f"University {n % 17}",
                "role": ParticipantRole.SPEAKER,
            }
            for n in range(120)
        ]
        session.execute(insert(Participant), speakers)
        rows, theme_links, speaker_links = [], [], []
        conference_id = new_id()
        rows.append(
            {
                "id": conference_id,
                "uid": CONFERENCE_UID,
                "title": "Benchmark conference",
                "kind": EventKind.CONFERENCE,
                "mode": EventMode.HYBRID,
                "status": EventStatus.CONFIRMED,
                "start_utc": CONFERENCE_DAY,
                "end_utc": CONFERENCE_DAY + timedelta(days=9, hours=9),
                "zone": "Asia/Tokyo",
                "video_link": "https://meet.example.org/benchmark",
            }
        )
        rooms = venues[:4]
        for number in range(sessions):
            day, rest = divmod(number, 4 * 6)
            slot, room = divmod(rest, 4)
            start = CONFERENCE_DAY + timedelta(days=day, minutes=90 * slot)
            event_id = new_id()
            rows.append(
                {
                    "id": event_id,
                    "uid": new_uid(),
                    "title": f"Session {number}: cities learning from cities, part {number % 7}",
                    "kind": EventKind.WORKSHOP,
                    "mode": EventMode.HYBRID,
                    "status": EventStatus.CONFIRMED,
                    "start_utc": start,
                    "end_utc": start + timedelta(minutes=75),
                    "zone": "Asia/Tokyo",
                    "venue_id": rooms[room],
                    "parent_id": conference_id,
                    "description": "Presentations, then questions from the delegations.",
                }
            )
            theme_links.append({"event_id": event_id, "theme_id": chooser.choice(themes)})
            speaker_links.append(
                {"event_id": event_id, "participant_id": chooser.choice(speakers)["id"]}
            )
        exchanges, exchange_themes, delegation_links = peer_exchanges(
            chooser, events - sessions - 1, FIRST_DAY, venues, themes, delegations
        )
        rows += exchanges
        theme_links += exchange_themes
        session.execute(insert(Event), rows)
        session.execute(insert(event_themes), theme_links)
        session.execute(insert(event_delegations), delegation_links)
        session.execute(insert(event_participants), speaker_links)
    return database


def long_table(rows: int) -> PrintDocument:
    """One table of ``rows`` rows of two to ten lines each."""
    body = [
        [f"{n:05d}", "<br>".join(f"line {k} of row {n}" for k in range(2 + n * 5 % 9)), "Room"]
        for n in range(rows)
    ]
    section = Section("<h2>Rows</h2>" + table(["n", "What", "Where"], body, (15, 60, 25)))
    return PrintDocument("Rows", "Rows", ChangeStamp(None, 1), (section,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=240)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()

    from PySide6.QtGui import QGuiApplication

    from cpp_scheduler.gui.printing import write_pdf

    application = QGuiApplication([])
    with tempfile.TemporaryDirectory() as folder:
        database = build_program(Path(folder) / "program.sqlite", args.events, args.sessions)

        def baseline() -> int:
            with database.session() as session:
                return len(session.execute(select(Event.id, Event.title, Event.start_utc)).all())

        base, count = best_time(baseline, 3)
        documents: list[tuple[str, Callable[[], PrintDocument]]] = [
            ("itinerary (Peru)", lambda: itinerary_document(read_itinerary(database, PERU))),
            (
                f"programme ({args.sessions} sessions)",
                lambda: programme_document(read_programme(database, CONFERENCE_UID)),
            ),
            (
                "run sheet (a conference day)",
                lambda: run_sheet_document(read_run_sheet(database, date(2027, 6, 7))),
            ),
            (
                "program report (2027)",
                lambda: program_report_document(
                    database, program_report(database, date(2027, 1, 1), date(2027, 12, 31))
                ),
            ),
            (f"long table ({args.rows} rows)", lambda: long_table(args.rows)),
        ]
        rows = []
        for name, build in documents:
            content, _document = best_time(build, 3)
            output = Path(folder) / "document.pdf"
            total, pages = best_time(
                lambda build=build, output=output: write_pdf(build(), output), 3
            )
            rows.append(
                [
                    name,
                    str(pages),
                    f"{content * 1000:.0f} ms ({content / base:.1f}x)",
                    f"{total * 1000:.0f} ms ({total / base:.1f}x)",
                ]
            )
        database.close()
    del application
    print_table(
        f"Printed documents over a program of {count} events: CPU time, best of three; in "
        f"brackets, the ratio to one column query over every event ({base * 1000:.0f} ms)",
        ["document", "pages", "content (core)", "PDF (content + Qt)"],
        rows,
    )


if __name__ == "__main__":
    main()
