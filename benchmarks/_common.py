"""Timing, memory and table helpers shared by the benchmark scripts."""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

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
