"""Timing, memory and table helpers shared by the benchmark scripts."""

from __future__ import annotations

import gc
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
ORACLES = ROOT / "tests" / "scheduling"
"""Where the brute-force oracles live: with the tests, never in the package."""
for folder in (ROOT, ORACLES):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

T = TypeVar("T")


def best_time(action: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The fastest of ``repeat`` runs, in CPU seconds of this process.

    CPU time rather than wall-clock time: on a machine shared with other work, the time
    a run spends waiting for a core says nothing about the code. On an idle machine the
    two agree (nothing here sleeps or waits for input).
    """
    best = float("inf")
    result: T
    for _ in range(max(1, repeat)):
        gc.collect()
        started = time.process_time()
        result = action()
        best = min(best, time.process_time() - started)
    return best, result


def median_time(action: Callable[[], object], repeat: int) -> float:
    """The median of ``repeat`` runs, in CPU seconds of this process: on a shared
    machine, steadier than the fastest run when the baseline and the code compared are
    run back to back."""
    times = []
    for _ in range(max(1, repeat)):
        gc.collect()
        started = time.process_time()
        action()
        times.append(time.process_time() - started)
    return statistics.median(times)


def median_time_of_prepared(
    prepare: Callable[[], T], action: Callable[[T], object], repeat: int
) -> float:
    """As :func:`median_time`, of ``action`` alone: each run first ``prepare``s what it
    works on (a new empty database), untimed."""
    times = []
    for _ in range(max(1, repeat)):
        prepared = prepare()
        gc.collect()
        started = time.process_time()
        action(prepared)
        times.append(time.process_time() - started)
    return statistics.median(times)


def peak_memory(action: Callable[[], object]) -> int:
    """Bytes allocated at the peak of one run, measured by tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def mebibytes(count: int | None) -> str:
    return "-" if count is None else f"{count / 2**20:.1f} MiB"


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest])

    print(title)
    print(line(header))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))


def peer_exchanges(
    chooser: random.Random,
    count: int,
    first: datetime,
    venues: list[str],
    themes: list[str],
    delegations: list[str],
    cities: list[str] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """A year of random peer exchanges in Tokyo from ``first``, as rows to bulk-insert:
    the events, their theme links and their delegation links."""
    from cpp_scheduler.model import EventKind, EventMode, EventStatus, new_id, new_uid

    rows: list[dict[str, Any]] = []
    theme_links: list[dict[str, Any]] = []
    delegation_links: list[dict[str, Any]] = []
    for number in range(count):
        start = first + timedelta(
            days=chooser.randrange(365), minutes=15 * chooser.randrange(0, 36)
        )
        event_id = new_id()
        rows.append(
            {
                "id": event_id,
                "uid": new_uid(),
                "title": f"Peer exchange {number}",
                "kind": chooser.choice(list(EventKind)),
                "mode": chooser.choice(list(EventMode)),
                "status": chooser.choice(list(EventStatus)),
                "start_utc": start,
                "end_utc": start + timedelta(minutes=30 * chooser.randrange(1, 8)),
                "zone": "Asia/Tokyo",
                "venue_id": chooser.choice(venues),
                "video_link": "https://meet.example.org/cpp",
                **({"city_id": chooser.choice(cities)} if cities else {}),
            }
        )
        theme_links.append({"event_id": event_id, "theme_id": chooser.choice(themes)})
        delegation_links.append(
            {"event_id": event_id, "delegation_id": chooser.choice(delegations)}
        )
    return rows, theme_links, delegation_links
