"""Calendar import of a large file: time and peak memory, against icalendar reading it.

    python -m benchmarks.bench_calendar_import [--events 100000]

Writes a calendar of N events (a tenth of them weekly series of ten meetings, the rest
single meetings in UTC and in three zones with their VTIMEZONEs), then, each in a
process of its own so that its peak resident memory is its own:

- icalendar alone: ``Calendar.from_ical`` of the file (the baseline);
- CPP Scheduler: ``cpp_scheduler.services.calendar_import.import_calendar`` into a new
  SQLite database, reading, checking and writing every event;
- the window's Import calendar dialog (offscreen) reading the file and showing its plan
  (``--skip-dialog`` leaves it out): the longest the GUI thread was held meanwhile, by a
  timer that ticks every 5 ms, and the GUI thread's CPU time, each against the time the
  dialog's worker took to read and plan the file in the same run (the wait the window
  must answer through).

The issue's target for 100,000 events: under 30 s and under 400 MB; the dialog's
longest hold of the GUI thread well under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

ZONES = {
    "Asia/Tokyo": "+0900",
    "Asia/Kathmandu": "+0545",
    "Asia/Kolkata": "+0530",
}


def _zone_block(zone: str, offset: str) -> list[str]:
    return [
        "BEGIN:VTIMEZONE",
        f"TZID:{zone}",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def calendar_text(events: int) -> str:
    """A calendar of ``events`` VEVENTs spread over 2027."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Benchmark//EN"]
    for zone, offset in ZONES.items():
        lines += _zone_block(zone, offset)
    first = datetime(2027, 1, 4, 0, 0, tzinfo=UTC)
    zones = list(ZONES)
    for number in range(events):
        start = first + timedelta(minutes=47 * number)
        end = start + timedelta(minutes=90)
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{number}@example.org",
            "DTSTAMP:20270101T000000Z",
            "SEQUENCE:0",
            f"SUMMARY:Working session {number}",
            f"LOCATION:Room {number % 12}",
            "DESCRIPTION:Peer-to-peer learning on urban resilience\\, with the city's team",
        ]
        if number % 3 == 0:
            lines += [f"DTSTART:{start:%Y%m%dT%H%M%SZ}", f"DTEND:{end:%Y%m%dT%H%M%SZ}"]
        else:
            zone = zones[number % len(zones)]
            local_start = start.astimezone(_fixed(ZONES[zone])).replace(tzinfo=None)
            local_end = end.astimezone(_fixed(ZONES[zone])).replace(tzinfo=None)
            lines += [
                f"DTSTART;TZID={zone}:{local_start:%Y%m%dT%H%M%S}",
                f"DTEND;TZID={zone}:{local_end:%Y%m%dT%H%M%S}",
            ]
        if number % 10 == 0:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=10")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


TARGET_EVENTS = 100_000
TARGET_SECONDS = 30
TARGET_MB = 400
"""Issue 12: a calendar of 100,000 events imported in under 30 s and 400 MB."""
TARGET_HOLD_MS = 100
"""The window never blocks: the import dialog holds the GUI thread well under this while
it reads and shows a plan of 100,000 events."""


def _fixed(offset: str) -> Any:
    from datetime import timezone

    sign = 1 if offset[0] == "+" else -1
    return timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))


BASELINE = """
import resource, sys, time
import icalendar
data = open(sys.argv[1], "rb").read()
began, clock = time.process_time(), time.perf_counter()
calendar = icalendar.Calendar.from_ical(data)
cpu, wall = time.process_time() - began, time.perf_counter() - clock
print(cpu, wall, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

OURS = """
import resource, sys, time
from pathlib import Path
from typing import Any
from cpp_scheduler.services.calendar_import import import_calendar
from cpp_scheduler.store import open_database
database = open_database(Path(sys.argv[2]), seed=False)
began, clock = time.process_time(), time.perf_counter()
report = import_calendar(database, Path(sys.argv[1]))
cpu, wall = time.process_time() - began, time.perf_counter() - clock
database.close()
print(cpu, wall, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


DIALOG = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication
from cpp_scheduler.gui.commands import Editor
from cpp_scheduler.gui.taskman import TaskManager
from cpp_scheduler.gui.tools.import_calendar import ImportDialog
from cpp_scheduler.store import open_database
app = QApplication(sys.argv[:1])
database = open_database(Path(sys.argv[2]), seed=False)
tasks = TaskManager()
dialog = ImportDialog(database, Editor(database, tasks), tasks=tasks)
dialog.show()
app.processEvents()
clock, last, longest = QElapsedTimer(), [0], [0]
def tick():
    now = clock.elapsed()
    longest[0] = max(longest[0], now - last[0])
    last[0] = now
meter = QTimer(interval=5, timeout=tick)
clock.start()
meter.start()
ended = []
def done():
    if not dialog.working and not ended:
        ended.append(time.perf_counter())
        QTimer.singleShot(300, app.quit)  # the table's first paint of the plan
watch = QTimer(interval=20, timeout=done)
watch.start()
gui_cpu, began = time.thread_time(), time.perf_counter()
dialog.read(Path(sys.argv[1]))
app.exec()
gui_cpu = time.thread_time() - gui_cpu
wall = ended[0] - began
meter.stop()
rows = dialog.table.model().rowCount()
print(longest[0] / 1000, gui_cpu, wall, rows)
"""


def run(script: str, *arguments: str) -> tuple[float, float, float]:
    """CPU seconds and wall-clock seconds the script reports, and its own peak resident
    memory in MB (each child reports its own: the children's ru_maxrss of this process
    is the largest of any child so far)."""
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT)},
        timeout=1800,
    )
    cpu, wall, peak = done.stdout.strip().splitlines()[-1].split()
    return float(cpu), float(wall), float(peak) / 1024


def _dialog(path: Path, database: Path) -> tuple[float, float, float, int]:
    """The import dialog reading ``path`` in a process of its own: its longest hold of
    the GUI thread and the GUI thread's CPU seconds while the worker read and planned the
    file, the seconds that took, and the rows the plan shows."""
    done = subprocess.run(
        [sys.executable, "-c", DIALOG, str(path), str(database)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        timeout=1800,
    )
    longest, gui_cpu, waited, rows = done.stdout.strip().splitlines()[-1].split()
    return float(longest), float(gui_cpu), float(waited), int(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--skip-dialog", action="store_true", help="leave out the window's import dialog"
    )
    events = parser.parse_args().events
    dialog: tuple[float, float, float, int] | None = None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.ics"
        path.write_text(calendar_text(events), encoding="utf-8")
        size = path.stat().st_size
        base_time, base_wall, base_peak = run(BASELINE, str(path))
        our_time, our_wall, our_peak = run(OURS, str(path), str(Path(folder) / "program.sqlite"))
        if not parser.parse_args().skip_dialog:
            dialog = _dialog(path, Path(folder) / "window.sqlite")
    figures = {
        "events": events,
        "file MB": round(size / 2**20, 1),
        "icalendar seconds": round(base_time, 2),
        "icalendar wall seconds": round(base_wall, 2),
        "icalendar peak MB": round(base_peak),
        "import seconds": round(our_time, 2),
        "import wall seconds": round(our_wall, 2),
        "import peak MB": round(our_peak),
        "ratio": round(our_time / base_time, 2),
    }
    if dialog is not None:
        longest, gui_cpu, waited, _rows = dialog
        figures |= {
            "dialog longest GUI hold ms": round(longest * 1000),
            "dialog GUI CPU seconds": round(gui_cpu, 2),
            "dialog read wall seconds": round(waited, 2),
            "dialog hold ratio": round(longest / waited, 4),
            "dialog GUI CPU ratio": round(gui_cpu / waited, 4),
        }
    if parser.parse_args().json:
        print(json.dumps(figures))
        return
    print(f"calendar import of {events} events ({figures['file MB']} MB), CPU seconds")
    print(f"{'':24} {'CPU':>10} {'wall':>10} {'peak RSS':>10}")
    print(f"{'icalendar alone':24} {base_time:>9.2f}s {base_wall:>9.2f}s {base_peak:>8.0f}MB")
    print(f"{'CPP Scheduler import':24} {our_time:>9.2f}s {our_wall:>9.2f}s {our_peak:>8.0f}MB")
    print(f"{'ratio':24} {our_time / base_time:>10.2f}")
    if dialog is not None:
        longest, gui_cpu, waited, rows = dialog
        print(
            f"import dialog, {rows:,} rows: the GUI thread while the worker reads ({waited:.2f}s)"
        )
        print(f"{'':24} {'seconds':>10} {'ratio':>10}")
        print(f"{'longest hold':24} {longest:>9.3f}s {longest / waited:>10.4f}")
        print(f"{'CPU in all':24} {gui_cpu:>9.3f}s {gui_cpu / waited:>10.4f}")
    print(
        f"target for {TARGET_EVENTS:,} events: under {TARGET_SECONDS} s "
        f"({'met' if our_time < TARGET_SECONDS else 'not met'}"
        f"{'' if events == TARGET_EVENTS else ' at this size'}) and under {TARGET_MB} MB "
        f"({'met' if our_peak < TARGET_MB else 'not met'})"
    )
    if dialog is not None:
        print(
            f"the dialog's longest hold of the GUI thread: under {TARGET_HOLD_MS} ms "
            f"({'met' if dialog[0] * 1000 < TARGET_HOLD_MS else 'not met'})"
        )


if __name__ == "__main__":
    main()
