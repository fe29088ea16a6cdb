"""How long the program's report and the agenda spreadsheet take for a year of events.

Builds a SQLite program from ``generate.generate_program`` (10,000 meetings over a year
by default: conferences with parallel sessions, workshops, site visits,
videoconferences, 500 delegations, 20,000 people), with themes, a few hundred knowledge
products, some weekly series and some cancellations, then times:

- calendar read: the calendar's own read of every occurrence
  (``services.calendar_reads.load_event_rows``), the baseline: the report reads the same rows
  and more, and should cost a small multiple of it;
- report: ``services.reports.program_report`` for the whole year (target under 2 s);
- report workbook: writing it to XLSX, with its two charts;
- agenda workbook: the year's agenda in two zones, read and written to XLSX.

Times are CPU seconds of this process, best of three (see _common.best_time).

    python benchmarks/bench_report.py [--events 10000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from _common import best_time, print_table
from generate import generate_program
from sqlalchemy import insert, select

from cpp_scheduler.model import (
    Delegation,
    Event,
    EventStatus,
    KnowledgeProduct,
    Participant,
    ThematicArea,
    Venue,
    new_uid,
)
from cpp_scheduler.model.event import event_delegations, event_participants, event_themes
from cpp_scheduler.model.product import product_events
from cpp_scheduler.reports.xlsx import write_xlsx
from cpp_scheduler.services.calendar_reads import load_event_rows
from cpp_scheduler.services.reports import agenda, program_report, write_report_xlsx
from cpp_scheduler.store import Database, open_database

YEAR = (date(2027, 1, 1), date(2027, 12, 31))
SERIES = 40
"""Weekly series of ten meetings each, on top of the generated one-off meetings."""


def build(path: Path, events: int) -> Database:
    """A database holding a generated program of ``events`` meetings over 2027."""
    program = generate_program(events=events, days=365)
    chooser = random.Random(2016)
    database = open_database(path)
    with database.transaction() as session:
        themes = list(session.scalars(select(ThematicArea.id)))
        session.execute(
            insert(Venue),
            [
                {"id": v.id, "name": v.name, "locality": v.locality, "capacity": v.capacity}
                for v in program.venues.values()
            ],
        )
        session.execute(
            insert(Delegation),
            [
                {"id": d.id, "name": d.name, "country": d.country or "PE", "zone": d.zone}
                for d in program.delegations.values()
            ],
        )
        session.execute(
            insert(Participant),
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "email": f"{p.id}@example.org",
                    "delegation_id": p.delegation_id,
                }
                for p in program.participants.values()
            ],
        )
        rows, theme_links, delegation_links, people_links = [], [], [], []
        for interval in program.intervals:
            parent = min(interval.ancestor_ids) if interval.ancestor_ids else None
            rows.append(
                {
                    "id": interval.event_id,
                    "uid": new_uid(),
                    "title": interval.title,
                    "kind": interval.kind,
                    "mode": interval.mode,
                    "status": EventStatus.CANCELLED
                    if chooser.random() < 0.04
                    else EventStatus.CONFIRMED,
                    "start_utc": interval.start,
                    "end_utc": interval.end,
                    "zone": interval.zone,
                    "venue_id": interval.venue_id,
                    "parent_id": parent,
                    "video_link": "https://meet.example.org/cpp",
                }
            )
            for theme in chooser.sample(themes, k=chooser.randrange(1, 3)):
                theme_links.append({"event_id": interval.event_id, "theme_id": theme})
            delegation_links += [
                {"event_id": interval.event_id, "delegation_id": d} for d in interval.delegation_ids
            ]
            people_links += [
                {"event_id": interval.event_id, "participant_id": p}
                for p in interval.participant_ids
            ]
        first = program.intervals[0].start
        for number in range(SERIES):
            start = first + timedelta(days=7 * number, hours=8)
            rows.append(
                {
                    "id": f"series-{number:03d}",
                    "uid": new_uid(),
                    "title": f"Weekly peer call {number}",
                    "start_utc": start,
                    "end_utc": start + timedelta(hours=1),
                    "zone": "Asia/Tokyo",
                    "recurrence_rule": "FREQ=WEEKLY;COUNT=10",
                    "video_link": "https://meet.example.org/cpp",
                }
            )
        session.execute(insert(Event), rows)
        session.execute(insert(event_themes), theme_links)
        session.execute(insert(event_delegations), delegation_links)
        session.execute(insert(event_participants), people_links)
        products = [{"id": f"kp{n:04d}", "title": f"Knowledge note {n}"} for n in range(300)]
        session.execute(insert(KnowledgeProduct), products)
        session.execute(
            insert(product_events),
            [
                {"product_id": product["id"], "event_id": chooser.choice(rows)["id"]}
                for product in products
            ],
        )
    return database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    events = parser.parse_args().events
    with tempfile.TemporaryDirectory() as folder:
        database = build(Path(folder) / "year.sqlite", events)
        try:
            baseline, rows = best_time(lambda: load_event_rows(database), 3)
            seconds, report = best_time(lambda: program_report(database, *YEAR), 3)
            workbook, _ = best_time(
                lambda: write_report_xlsx(report, Path(folder) / "report.xlsx"), 3
            )

            def agenda_workbook() -> int:
                table = agenda(database, None, *YEAR, zones=("Asia/Tokyo", "America/Lima"))
                write_xlsx([table], Path(folder) / "agenda.xlsx")
                return len(table.rows)

            sheet, agenda_rows = best_time(agenda_workbook, 1)
        finally:
            database.close()
    print(
        f"{events} generated meetings and {SERIES} weekly series: {len(rows)} calendar rows; "
        f"the report counts {report.meetings} held and {report.cancelled} cancelled meetings "
        f"({report.hours:,.0f} hours), {report.participants_reached} participants reached"
    )
    figures = [
        ("calendar read (baseline)", baseline),
        ("report", seconds),
        ("report workbook (.xlsx)", workbook),
        (f"agenda workbook ({agenda_rows} rows)", sheet),
    ]
    print_table(
        "CPU seconds, best of three (the agenda workbook: one run)",
        ["what", "seconds", "x baseline"],
        [[name, f"{value:.3f}", f"{value / baseline:.1f}"] for name, value in figures],
    )
    verdict = "under" if seconds < 2 else "OVER"
    print(f"report for the year: {seconds:.2f} s, {verdict} the 2 s target")


if __name__ == "__main__":
    main()
