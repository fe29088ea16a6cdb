"""Whether the window's other background work waits for a running conflict check.

    python benchmarks/bench_check_wait.py [--events 10000] [--repeat 5]

Builds a SQLite program of 10,000 events (as ``bench_gui.py`` does), opens the window
over it offscreen, and while a whole-program conflict check runs in the checking
process, asks the task manager for a small read (how many events the program has). It
measures the wall-clock time from asking to the answer on the GUI thread:

* the way the window follows the check now: nothing waits for the checking process in
  the task manager's pool (``TaskManager.follow``);
* the way it followed it before (the baseline, measured in the same run): a worker of
  the pool, whose only thread also serves every other read, waits for the answer.

Each figure is the median of ``--repeat`` checks. Target: the read answered in well
under a tenth of a second while a check runs, instead of after the check.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import print_table  # noqa: E402
from bench_gui import build_program  # noqa: E402


def read_during_check(app: Any, window: Any, follow: Callable[..., None]) -> tuple[float, float]:
    """Seconds from asking for a small read during a check to its answer, and the
    seconds the check itself took, with the dock following checks through ``follow``."""
    from cpp_scheduler.services.calendar_reads import count_events

    dock = window.tools.conflicts
    dock._follow = follow
    checked = time.perf_counter()
    dock.recheck()
    while dock.check_pending:  # the dock starts its check after a short debounce
        app.processEvents()
    answered: list[float] = []
    asked = time.perf_counter()
    database = window.database
    window.tasks.run_in_background(
        lambda: count_events(database), lambda _count: answered.append(time.perf_counter())
    )
    while not answered or dock.checking:
        app.processEvents()
        time.sleep(0.001)
    return answered[0] - asked, time.perf_counter() - checked


def measure(path: Path, settings: str, repeat: int) -> dict[str, list[float]]:
    from PySide6.QtCore import QSettings

    from cpp_scheduler.gui.app import application
    from cpp_scheduler.gui.mainwindow import MainWindow
    from cpp_scheduler.store import open_database

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    app = application()
    database = open_database(path)
    window = MainWindow(database)
    window.show()
    dock = window.tools.conflicts  # type: ignore[attr-defined]
    while not window.program_open or dock.check_pending or dock.checking or window.tasks.busy:
        app.processEvents()
        time.sleep(0.001)
    tasks = window.tasks

    def waiting_in_the_pool(
        future: Future[Any], on_done: Callable[[Any], None], on_error: Callable[..., None]
    ) -> None:
        tasks.run_in_background(future.result, on_done, on_error)

    ways = {
        "now (followed apart)": tasks.follow,
        "before (waited in the pool)": waiting_in_the_pool,
    }
    figures: dict[str, list[float]] = {}
    for _ in range(repeat):  # interleaved, so a slow moment hits both alike
        for way, follow in ways.items():
            answered, checked = read_during_check(app, window, follow)
            figures.setdefault(way, []).append(answered)
            figures.setdefault(f"check {way}", []).append(checked)
    window.close()
    database.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "program.sqlite"
        build_program(path, args.events)
        figures = measure(path, str(Path(scratch) / "settings"), args.repeat)
    ms = 1000.0
    baseline = statistics.median(figures["before (waited in the pool)"])
    rows = []
    for way in ("now (followed apart)", "before (waited in the pool)"):
        answered = statistics.median(figures[way])
        rows.append(
            [
                f"read asked during a check, {way}",
                f"{answered * ms:.1f}",
                f"{statistics.median(figures[f'check {way}']) * ms:.0f}",
                f"{answered / baseline:.3f}",
            ]
        )
    print_table(
        f"A background read while the conflict check runs, {args.events:,} events in "
        f"SQLite, median of {args.repeat}, wall-clock",
        ["measure", "answered after ms", "check ms", "ratio to before"],
        rows,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
