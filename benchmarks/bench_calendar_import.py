"""Calendar import of a large file: time and peak memory, against icalendar reading it.

    python -m benchmarks.bench_calendar_import [--events 100000]

Writes a calendar of N events (a tenth of them weekly series of ten meetings, the rest
single meetings in UTC and in three zones with their VTIMEZONEs), then, each in a
process of its own so that its peak resident memory is its own:

- icalendar alone: ``Calendar.from_ical`` of the file (the baseline);
- CPP Scheduler: ``cpp_scheduler.services.calendar_import.import_calendar`` into a new
  SQLite database, reading, checking and writing every event.

The issue's target for 100,000 events: under 30 s and under 400 MB.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    events = parser.parse_args().events
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.ics"
        path.write_text(calendar_text(events), encoding="utf-8")
        size = path.stat().st_size
        base_time, base_wall, base_peak = run(BASELINE, str(path))
        our_time, our_wall, our_peak = run(OURS, str(path), str(Path(folder) / "program.sqlite"))
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
    if parser.parse_args().json:
        print(json.dumps(figures))
        return
    print(f"calendar import of {events} events ({figures['file MB']} MB), CPU seconds")
    print(f"{'':24} {'CPU':>10} {'wall':>10} {'peak RSS':>10}")
    print(f"{'icalendar alone':24} {base_time:>9.2f}s {base_wall:>9.2f}s {base_peak:>8.0f}MB")
    print(f"{'CPP Scheduler import':24} {our_time:>9.2f}s {our_wall:>9.2f}s {our_peak:>8.0f}MB")
    print(f"{'ratio':24} {our_time / base_time:>10.2f}")
    print(
        f"target for {TARGET_EVENTS:,} events: under {TARGET_SECONDS} s "
        f"({'met' if our_time < TARGET_SECONDS else 'not met'}"
        f"{'' if events == TARGET_EVENTS else ' at this size'}) and under {TARGET_MB} MB "
        f"({'met' if our_peak < TARGET_MB else 'not met'})"
    )


if __name__ == "__main__":
    main()
