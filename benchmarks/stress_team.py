"""Eight coordinators editing the same events at once, for a minute: nothing may be lost.

Each writer is a process of its own. Over and over it picks one of five shared events,
reads it (values and version), and saves it with its own counter in the event's notes
raised by one, against the version read; a save that meets a newer version is retried
from a fresh read, as the window's merge does. At the end every writer's counter in every
event must equal the saves it was told succeeded: any difference is a lost update.
Refusals are counted by kind; any failure that is not one clear line (a traceback, a
driver's message over several lines) is counted as an error.

    python benchmarks/stress_team.py [--db URL] [--writers 8] [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import print_table

from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.services import editing
from cpp_scheduler.store import open_database

ROOT = Path(__file__).resolve().parent.parent
START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)
WRITER = """
import json, random, sys, time
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing
from cpp_scheduler.store import ConcurrentEditError, open_database
url, name, seconds, *events = sys.argv[1:]
database = open_database(url, author=name, timeout=10)
saved = {event: 0 for event in events}
refusals = {}
errors = 0
ends = time.monotonic() + float(seconds)
while time.monotonic() < ends:
    event = random.choice(events)
    try:
        read = editing.stored(database, Event, event)
        counters = json.loads(read.values["notes"] or "{}")
        counters[name] = counters.get(name, 0) + 1
        editing.change(database, Event, event, {"notes": json.dumps(counters)}, read.version)
        saved[event] += 1
    except SchedulerError as error:
        kind = "newer version" if isinstance(error, ConcurrentEditError) else type(error).__name__
        refusals[kind] = refusals.get(kind, 0) + 1
        if "\\n" in str(error) or not str(error):
            errors += 1
    except Exception:
        errors += 1
database.close()
print(json.dumps({"name": name, "saved": saved, "refusals": refusals, "errors": errors}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="a database URL (default: a new SQLite file)")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or str(Path(folder) / "program.sqlite")
        database = open_database(url)
        events = [
            editing.create(
                database,
                Event,
                {
                    "title": f"Shared workshop {number}",
                    "kind": EventKind.WORKSHOP,
                    "start_utc": START + timedelta(days=number),
                    "end_utc": START + timedelta(days=number, hours=2),
                    "zone": "Asia/Tokyo",
                    "notes": "",
                },
            )
            for number in range(5)
        ]
        environment = {**os.environ, "PYTHONPATH": str(ROOT)}
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, url, f"writer{n}", str(args.seconds), *events],
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(args.writers)
        ]
        reports = []
        crashed = 0
        for writer in writers:
            out, err = writer.communicate()
            if writer.returncode != 0:
                crashed += 1
                print(err.strip().splitlines()[-1] if err.strip() else "a writer failed")
                continue
            reports.append(json.loads(out.strip().splitlines()[-1]))
        finals = {
            event: json.loads(editing.stored(database, Event, event).values["notes"] or "{}")
            for event in events
        }
        database.close()
    lost = 0
    saves = 0
    refusals: Counter[str] = Counter()
    errors = crashed
    for report in reports:
        name = report["name"]
        for event, count in report["saved"].items():
            saves += count
            lost += count - finals[event].get(name, 0)
        refusals.update(report["refusals"])
        errors += report["errors"]
    print_table(
        f"{args.writers} writers for {args.seconds:g} s on five shared events",
        ["saves", "lost updates", *sorted(refusals), "errors (not one line)"],
        [[str(saves), str(lost), *(str(refusals[k]) for k in sorted(refusals)), str(errors)]],
    )


if __name__ == "__main__":
    main()
