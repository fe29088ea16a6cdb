"""Time from a commit in one process to the change painted in another process's window.

A window (Qt's offscreen platform) shows the demo program with live refresh on; a second
process renames one event 100 times, a quarter second apart, printing the wall-clock time
just after each commit. The window notes when each new title is painted (the calendar
view repainted at once after the rows were read again). Both processes read the same
clock. Printed: median and 95th percentile over the changes, on SQLite and on the
PostgreSQL server when one answers (targets: 300 ms and 1 s), and beside them the
baseline of the same run: the bare round trip of one NOTIFY between two connections
(PostgreSQL), or half the polling interval (SQLite).

    python benchmarks/bench_live.py [--changes 100] [--postgres postgresql://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
from _common import print_table
from PySide6.QtCore import QSettings
from sqlalchemy import select

from cpp_scheduler.gui.app import application
from cpp_scheduler.gui.live import start_live_refresh
from cpp_scheduler.gui.mainwindow import MainWindow
from cpp_scheduler.model import Event
from cpp_scheduler.services import live
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import open_database

ROOT = Path(__file__).resolve().parent.parent
WRITER = """
import sys, time
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing
from cpp_scheduler.store import open_database
database = open_database(sys.argv[1])
event_id, count = sys.argv[2], int(sys.argv[3])
version = editing.stored(database, Event, event_id).version
for number in range(count):
    values = {"title": f"Change {number}"}
    version = editing.change(database, Event, event_id, values, version).version
    print(number, time.time(), flush=True)
    time.sleep(0.25)
database.close()
"""


def latencies(url: str, changes: int, folder: Path) -> list[float]:
    database = open_database(url, author="Aiko Tanaka")
    load_demo(database)
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.title.like("Site visit: Toyama%"))).one()
        event_id = event.id
    app = application()
    window = MainWindow(database, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 768)
    window.show()
    deadline = time.time() + 60
    while window.tasks.busy and time.time() < deadline:
        app.processEvents()
    tools = window.tools  # type: ignore[attr-defined]
    tools.go_to_event(event_id)
    refresh = start_live_refresh(window)
    refresh.watcher.ready.wait(10)
    painted: dict[int, float] = {}

    def paint() -> None:
        number = window.events.row_of(event_id)
        title = window.events.row_at(number).title if number >= 0 else ""
        window.current_view.repaint()
        if title.startswith("Change "):
            painted.setdefault(int(title.split()[1]), time.time())

    refresh.applied.connect(paint)
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "CPP_SCHEDULER_AUTHOR": "Ravi Menon"}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, event_id, str(changes)],
        env=environment,
        stdout=subprocess.PIPE,
        text=True,
    )
    committed: dict[int, float] = {}

    def read() -> None:
        assert writer.stdout is not None
        for line in writer.stdout:
            number, at = line.split()
            committed[int(number)] = float(at)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    while writer.poll() is None or len(painted) < len(committed):
        app.processEvents()
        time.sleep(0.001)
        if writer.poll() is not None and time.time() > deadline + changes:
            break
    reader.join(5)
    refresh.stop()
    window.close()
    window.tasks.wait_for_done()
    database.close()
    return [painted[n] - committed[n] for n in committed if n in painted]


def notify_round_trip(url: str, repeat: int = 100) -> list[float]:
    base = url.split("?")[0]
    times = []
    with (
        psycopg.connect(base, autocommit=True) as listener,
        psycopg.connect(base, autocommit=True) as sender,
    ):
        listener.execute("LISTEN bench_round_trip")
        for _ in range(repeat):
            started = time.time()
            sender.execute("NOTIFY bench_round_trip, 'x'")
            next(iter(listener.notifies(timeout=5)))
            times.append(time.time() - started)
    return times


def row(name: str, measured: list[float], baseline: float) -> list[str]:
    ordered = sorted(measured)
    median = statistics.median(ordered)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return [
        name,
        str(len(measured)),
        f"{median * 1000:.0f} ms",
        f"{p95 * 1000:.0f} ms",
        f"{baseline * 1000:.2f} ms",
        f"{median / baseline:.0f}x",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sqlite = latencies(str(folder / "program.sqlite"), args.changes, folder)
        rows.append(row("SQLite file", sqlite, live.POLL_SECONDS / 2))
        try:
            with psycopg.connect(args.postgres, autocommit=True, connect_timeout=3) as admin:
                database_name = f"bench_live_{uuid.uuid4().hex[:8]}"
                admin.execute(f'CREATE DATABASE "{database_name}"')
        except psycopg.Error as error:
            print(f"PostgreSQL skipped: {error}")
        else:
            url = f"{args.postgres.rsplit('/', 1)[0]}/{database_name}"
            try:
                server = latencies(url, args.changes, folder)
                rows.append(row("PostgreSQL", server, statistics.median(notify_round_trip(url))))
            finally:
                with psycopg.connect(args.postgres, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
    print_table(
        "From a commit in one process to the change painted in another's window "
        "(targets: median 300 ms, 95th percentile 1 s); baseline: the bare notification",
        ["database", "changes", "median", "95th percentile", "baseline", "ratio"],
        rows,
    )


if __name__ == "__main__":
    main()
