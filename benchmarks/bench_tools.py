"""How long the coordinator's tools take to compute what they show, on the demo program.

    python benchmarks/bench_tools.py [--repeat 5]

Each figure is the work a tool does off the GUI thread before the widgets are filled, on
a SQLite copy of the demo program. The baseline, measured in the same run, reads the
whole program into the engine's inputs once (``load_snapshot``): every tool does at
least that much work or a part of it, so the ratio says how much a tool adds on top.
Targets: the local times of one meeting well under one snapshot; the rest under a tenth
of a second each, so the window's busy indicator barely shows.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date, timedelta
from pathlib import Path

from _common import best_time, print_table
from sqlalchemy import select

from cpp_scheduler.model import Delegation, Event, StudyTour
from cpp_scheduler.services.checking import check_program
from cpp_scheduler.services.delegation_schedule import read_schedule
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.localtimes import read_local_times
from cpp_scheduler.services.slot_grid import plan_meeting
from cpp_scheduler.services.slot_search import SlotSearch
from cpp_scheduler.services.snapshot import load_snapshot
from cpp_scheduler.services.tours import read_board
from cpp_scheduler.store import open_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cpp-bench-tools-"))
    database = open_database(folder / "demo.db")
    load_demo(database)
    with database.session() as session:
        delegations = list(session.scalars(select(Delegation.id).order_by(Delegation.name)))
        event_id = session.scalars(
            select(Event.id).where(Event.title.like("CPP Conference%"))
        ).first()
        tour_id = session.scalars(select(StudyTour.id)).first()
    assert event_id is not None
    assert tour_id is not None

    def snapshot() -> object:
        with database.session() as session:
            return load_snapshot(session)

    monday = date(2027, 1, 18)
    three = tuple(delegations[:3])
    jobs = {
        "local times of one event": lambda: read_local_times(database, event_id),
        "slot finder, 3 delegations, 5 days": lambda: plan_meeting(
            database, SlotSearch(three, timedelta(hours=1), monday, monday + timedelta(days=4))
        ),
        "slot finder, 5 delegations, 14 days": lambda: plan_meeting(
            database,
            SlotSearch(tuple(delegations), timedelta(hours=1), monday, monday + timedelta(days=13)),
        ),
        "slot finder, monthly series of 6": lambda: plan_meeting(
            database,
            SlotSearch(
                three,
                timedelta(hours=1),
                monday,
                monday + timedelta(days=4),
                repeat="FREQ=MONTHLY;COUNT=6",
            ),
        ),
        "conflicts of the whole program": lambda: check_program(database),
        "study-tour board": lambda: read_board(database, tour_id),
        "delegation schedule": lambda: read_schedule(database, delegations[0]),
    }
    baseline, _ = best_time(snapshot, arguments.repeat)
    rows = [["baseline: read the program (load_snapshot)", f"{baseline * 1000:.1f}", "1.0"]]
    for name, job in jobs.items():
        seconds, _ = best_time(job, arguments.repeat)
        rows.append([name, f"{seconds * 1000:.1f}", f"{seconds / baseline:.1f}"])
    print_table(
        f"The tools on the demo program (best of {arguments.repeat}, CPU time)",
        ["work", "ms", "x baseline"],
        rows,
    )
    database.close()


if __name__ == "__main__":
    main()
