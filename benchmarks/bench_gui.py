"""How fast the desktop window is on a large program, against a bare Qt window.

    python benchmarks/bench_gui.py [--events 10000] [--repeat 5] [--window-only]

Builds a SQLite program of 10,000 events (with themes, delegations, their members named
on the events, and venues), then
measures, offscreen, in wall-clock time:

* start to the first painted week view: a fresh Python process running the
  ``cpp-scheduler`` command as a coordinator starts it (``--db PATH``), until the week
  view has painted; against a fresh process that shows a bare PySide6 window with one
  label (the floor any Qt program pays);
* start to the week painted with the program's events: the same process, until the
  database has been opened in the background, every event read and the week repainted
  with them;
* the longest the GUI thread is held while the program opens, from that first paint
  until the whole program is read and the tools are attached (a 2 ms timer's longest
  wait), against a view switch of a bare QStackedWidget (measured in the running window);
* a view switch to painted, a filter change to painted (in the week and in the agenda,
  and the sidebar's Clear filters clicked), sorting the agenda by a click on each
  column's header (each way; the first sort by a column, which works out its order,
  apart), a meeting moved as a drop moves it until painted (its save runs off the GUI
  thread), the save and the read of its event's rows that follow (waited for off the
  GUI thread, the read then applied on it), and a conflict
  check's findings shown in the conflicts panel (the part of a check the GUI thread
  does) and the panel's filters clicked over them (Warnings off and on, one kind and
  All kinds again), in the running window once the check that follows the load is done; against
  switching a bare QStackedWidget between two labels. Each in wall-clock and the
  process's CPU time (the machine's other work lengthens the first, not the second).

* opening every editor dialog (new and edited records), every manager of the Program
  menu, every tool window, the program report, the dialogs of the printed documents and
  the help window, in the running window: until it is usable (shown and
  painted, the GUI thread free again) and until its lists are filled (the dialogs read
  their long lists in the background; for the tools, until the window's background work
  is done), and the longest the GUI thread was held meanwhile (a 2 ms timer's longest
  wait: what was worked out on it once the lists arrived); against showing a bare
  QDialog with one label.

Each figure is the median of ``--repeat`` runs (the tools and managers, kept once
opened, are measured on their first opening). Targets: first window under 1.5 s and
under twice the bare window; the week painted with its events within 0.5 s; nothing on
the GUI thread over 50 ms (view switches, filter changes, sorting, a check's answer);
a dialog usable within 100 ms.

The package's modules are compiled to bytecode first, as installing the wheel does, so
no child pays for compiling them (some environments run Python with
``PYTHONDONTWRITEBYTECODE``).
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import peer_exchanges, print_table  # noqa: E402

FIRST_MONDAY = date.today() - timedelta(days=date.today().weekday())
"""The program starts in the week the window opens on (today's), as a coordinator's
working year does, so the start is measured to that week painted with its events."""
WEEK = FIRST_MONDAY + timedelta(weeks=9)

# -- the children: each prints the wall-clock instant of its first paint ---------------
BARE_CHILD = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
label = QLabel("CPP Scheduler")
window.setCentralWidget(label)
window.resize(1440, 900)
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
        return False
watcher = Painted()
label.installEventFilter(watcher)
window.show()
app.exec()
"""

WINDOW_CHILD = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
import cpp_scheduler.gui.mainwindow as mainwindow
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {settings!r})
painted = []
class Painted(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            if not painted:
                painted.append(time.time())
            if len(painted) == 1 and self.window.events.rowCount():
                painted.append(time.time())
                QTimer.singleShot(0, lambda: QApplication.instance().exit(0))
        return False
class Watched(mainwindow.MainWindow):
    # Watches only the week's canvas, as the bare child watches only its label.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.views["week"]._canvas.installEventFilter(Painted(self))
mainwindow.MainWindow = Watched
from cpp_scheduler.cli import main
main(["--db", {database!r}])
for instant in painted:
    print(instant, flush=True)
"""

OPENING_CHILD = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
import cpp_scheduler.gui.mainwindow as mainwindow
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {settings!r})
held = [0.0]
class Beat(QObject):
    # From the week's first paint until the whole program is read and the tools are in:
    # the longest the GUI thread went without answering a 2 ms timer.
    def __init__(self, window):
        super().__init__(window)
        self.window, self.last = window, None
        self.timer = QTimer(self)
        self.timer.setInterval(2)
        self.timer.timeout.connect(self.tick)
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.timer.isActive():
            self.timer.start()
        return False
    def tick(self):
        now = time.perf_counter()
        if self.last is not None:
            held[0] = max(held[0], now - self.last)
        self.last = now
        window = self.window
        if window._loaded and hasattr(window, "tools") and not window.tasks.busy:
            self.timer.stop()
            QTimer.singleShot(0, lambda: QApplication.instance().exit(0))
class Watched(mainwindow.MainWindow):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.views["week"]._canvas.installEventFilter(Beat(self))
mainwindow.MainWindow = Watched
from cpp_scheduler.cli import main
main(["--db", {database!r}])
print(held[0], flush=True)
"""


def longest_hold(code: str) -> float:
    """The seconds a Python process running ``code`` prints: the GUI thread's longest hold."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(done.stdout.split()[-1])


def paints(code: str) -> list[float]:
    """Seconds from launching a Python process running ``code`` to each paint it reports."""
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return [float(line) - started for line in done.stdout.splitlines() if line.strip()]


def first_paint(code: str) -> float:
    """Seconds from launching a Python process running ``code`` to its first paint."""
    return paints(code)[0]


# -- the program ------------------------------------------------------------------------
def build_program(path: Path, events: int) -> None:
    """A seeded program of ``events`` events over a year, written with bulk inserts."""
    from sqlalchemy import insert, select

    from cpp_scheduler.model import (
        Delegation,
        Event,
        Participant,
        PartnerCity,
        ThematicArea,
        Venue,
        new_id,
    )
    from cpp_scheduler.model.event import event_delegations, event_participants, event_themes
    from cpp_scheduler.store import open_database

    chooser = random.Random(2016)
    database = open_database(path)
    try:
        with database.transaction() as session:
            themes = list(session.scalars(select(ThematicArea.id)))
            cities = list(session.scalars(select(PartnerCity.id)))
            venues = list(session.scalars(select(Venue.id)))
            delegation_rows = [
                {
                    "id": new_id(),
                    "name": f"Delegation {number:03d}",
                    "country": "PE",
                    "zone": "America/Lima",
                }
                for number in range(60)
            ]
            session.execute(insert(Delegation), delegation_rows)
            delegations = [row["id"] for row in delegation_rows]
            # 09:00 in Tokyo on this week's Monday.
            first = datetime.combine(FIRST_MONDAY, datetime.min.time(), tzinfo=UTC)
            rows, theme_links, delegation_links = peer_exchanges(
                chooser, events, first, venues, themes, delegations, cities
            )
            session.execute(insert(Event), rows)
            session.execute(insert(event_themes), theme_links)
            session.execute(insert(event_delegations), delegation_links)
            # Ten members a delegation; each event names three of them, as speakers.
            people = [
                {
                    "id": new_id(),
                    "name": f"Official {number:04d}",
                    "email": f"official{number:04d}@example.org",
                    "delegation_id": delegations[number % len(delegations)],
                }
                for number in range(10 * len(delegations))
            ]
            session.execute(insert(Participant), people)
            session.execute(
                insert(event_participants),
                [
                    {"event_id": row["id"], "participant_id": person["id"]}
                    for row in rows
                    for person in chooser.sample(people, 3)
                ],
            )
    finally:
        database.close()


# -- in-process measurements -------------------------------------------------------------
def until_painted(widget: object, action: Callable[[], object]) -> float:
    """Seconds from starting ``action`` to the end of ``widget``'s next paint."""
    return until_painted_with_cpu(widget, action)[0]


def until_painted_with_cpu(widget: object, action: Callable[[], object]) -> tuple[float, float]:
    """Seconds from starting ``action`` to the end of ``widget``'s next paint, wall-clock
    and the process's CPU time (which the machine's other work does not lengthen)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    loop = QEventLoop()

    class Painted(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, loop.quit)
            return False

    watcher = Painted()
    widget.installEventFilter(watcher)  # type: ignore[attr-defined]
    QTimer.singleShot(5000, loop.quit)
    started, cpu_started = time.perf_counter(), time.process_time()
    action()
    loop.exec()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    widget.removeEventFilter(watcher)  # type: ignore[attr-defined]
    return elapsed, cpu


def painted_surface(view: object) -> object:
    """The widget of a view that paints its events."""
    for name in ("_canvas", "table"):
        inner = getattr(view, name, None)
        if inner is not None:
            return inner.viewport() if name == "table" else inner
    return view


def switches_during_checks(app: object, window: object, dock: object) -> dict[str, list[float]]:
    """The slowest view switch while a whole-program conflict check runs: the check in its
    own process (as the window runs it), and the same check on a thread of the window's
    process (the way it ran before), which holds the interpreter lock against the GUI."""
    import cpp_scheduler.gui.tools.conflicts as panel
    from cpp_scheduler.services import checking

    worst: dict[str, list[float]] = {}
    ways = {"apart": checking.check_program_in_parcels, "on a thread": check_on_a_thread}
    for way, check in ways.items():
        panel.check_program_in_parcels = check  # type: ignore[attr-defined]
        try:
            check_started = time.perf_counter()
            dock.recheck()  # type: ignore[attr-defined]
            slowest = 0.0
            while time.perf_counter() - check_started < 0.2 or dock.check_pending or dock.checking:  # type: ignore[attr-defined]
                for name in ("day", "week", "agenda"):
                    surface = painted_surface(window.views[name])  # type: ignore[attr-defined]
                    slowest = max(
                        slowest, until_painted(surface, lambda name=name: window.show_view(name))
                    )  # type: ignore[attr-defined]
            window.tasks.wait_for_done()  # type: ignore[attr-defined]
            app.processEvents()  # type: ignore[attr-defined]
            worst[f"worst view switch during a check ({way})"] = [slowest]
        finally:
            panel.check_program_in_parcels = checking.check_program_in_parcels  # type: ignore[attr-defined]
    return worst


def check_on_a_thread(
    database: object, start: object = None, end: object = None, clock: str = "Asia/Tokyo"
) -> object:
    """The check on a thread of the window's process, the way it ran before it had a
    process of its own."""
    from concurrent.futures import ThreadPoolExecutor

    from cpp_scheduler.services import checking

    threads = ThreadPoolExecutor(max_workers=1)

    def check() -> object:
        checked = checking.check(database, start, end, clock=clock)  # type: ignore[arg-type]
        return checking.ParcelledCheck(checked.meetings, [checked.conflicts])

    future = threads.submit(check)
    threads.shutdown(wait=False)
    return future


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def measure_window(
    database_path: Path, settings: str, repeat: int
) -> dict[str, tuple[float, float]]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel, QStackedWidget

    from cpp_scheduler.gui.app import application
    from cpp_scheduler.gui.mainwindow import MainWindow
    from cpp_scheduler.model import EventKind
    from cpp_scheduler.model.event_filter import EventFilter, Person
    from cpp_scheduler.store import open_database

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    app = application()
    database = open_database(database_path)
    window = MainWindow(database)
    window.resize(1440, 900)
    window.show()
    window.tasks.wait_for_done()
    app.processEvents()
    window.go_to(WEEK)
    app.processEvents()
    # The conflict check that follows a load runs a second in the background; measure
    # the views once it is done (its answer, shown on the GUI thread, is measured below).
    dock = window.tools.conflicts  # type: ignore[attr-defined]
    while dock.check_pending or dock.checking:
        app.processEvents()
        window.tasks.wait_for_done()
    app.processEvents()
    figures: dict[str, list[tuple[float, float]]] = {}

    def measure(label: str, widget: object, action: Callable[[], object]) -> None:
        figures.setdefault(label, []).append(until_painted_with_cpu(widget, action))

    order = ["day", "week", "month", "agenda", "venues"]
    for _ in range(repeat):
        for name in order:
            view = window.views[name]
            if name == window.current_view_name:
                continue
            measure(
                f"switch to {name}",
                painted_surface(view),
                lambda name=name: window.show_view(name),
            )
    window.show_view("week")
    app.processEvents()
    canvas = painted_surface(window.views["week"])
    with database.session() as session:
        from sqlalchemy import select

        from cpp_scheduler.model import Participant, PartnerCity

        kobe = session.scalar(select(PartnerCity.id).where(PartnerCity.name == "Kobe"))
        official = session.execute(
            select(Participant.id, Participant.delegation_id).where(
                Participant.name == "Official 0007"
            )
        ).one()
        members = frozenset(
            session.scalars(
                select(Participant.id).where(Participant.delegation_id == official.delegation_id)
            )
        )
    filters = {
        "filter: kind": EventFilter(kind=EventKind.WORKSHOP),
        "filter: partner city": EventFilter(city_id=kobe),
        "filter: delegation": EventFilter(
            delegation_id=official.delegation_id, delegation_members=members
        ),
        "filter: participant": EventFilter(participant=Person(official.id, official.delegation_id)),
        "filter: search text": EventFilter(text="exchange 12"),
        "filter: cleared": EventFilter(),
    }
    for _ in range(repeat):
        for label, wanted in filters.items():
            measure(label, canvas, lambda wanted=wanted: window.sidebar.set_event_filter(wanted))
    for _ in range(repeat):
        for zone in ("America/New_York", "Asia/Tokyo"):
            measure("display zone change", canvas, lambda zone=zone: window.set_display_zone(zone))
    window.show_view("agenda")
    app.processEvents()
    table = painted_surface(window.views["agenda"])
    figures.update(agenda_sorts(window, table, repeat))
    for _ in range(repeat):
        for label, wanted in filters.items():
            measure(
                f"agenda {label}",
                table,
                lambda wanted=wanted: window.sidebar.set_event_filter(wanted),
            )
    clear = window.sidebar.clear_button
    for _ in range(repeat):
        window.sidebar.set_event_filter(EventFilter(kind=EventKind.WORKSHOP, city_id=kobe))
        app.processEvents()
        measure("agenda: Clear filters clicked", table, clear.click)
    window.show_view("week")
    app.processEvents()
    figures.update(reads_after_a_move(app, window, canvas, repeat))
    figures.update(
        {
            label: [(wall, float("nan"))]
            for label, [wall] in switches_during_checks(app, window, dock).items()
        }
    )
    found = dock.model.conflicts
    dock.show()
    for _ in range(repeat):
        measure("conflicts shown", dock.table.viewport(), lambda: dock.model.set_conflicts(found))
    figures.update(conflict_filters(dock, repeat))
    shown = window.proxy.rowCount()
    window.close()
    database.close()

    stack = QStackedWidget()
    labels = [QLabel("Week"), QLabel("Month")]
    for label in labels:
        stack.addWidget(label)
    stack.resize(1100, 800)
    stack.show()
    app.processEvents()
    for _ in range(repeat):
        for number, label in enumerate(labels):
            measure("bare switch", label, lambda number=number: stack.setCurrentIndex(number))
    stack.close()
    result = {
        label: (median([wall for wall, _ in samples]), median([cpu for _, cpu in samples]))
        for label, samples in figures.items()
    }
    result["rows"] = (float(shown), 0.0)
    result["conflicts"] = (float(len(found)), 0.0)
    return result


def conflict_filters(dock: object, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """The conflicts panel's filters clicked as a coordinator clicks them, over every
    finding of the check: Warnings off and on, one kind chosen and All kinds again."""
    from cpp_scheduler.scheduling.conflicts import ConflictKind

    kinds = dock.kind  # type: ignore[attr-defined]
    warnings = dock.warnings_box  # type: ignore[attr-defined]
    double_booked = kinds.findData(ConflictKind.VENUE_DOUBLE_BOOKED.value)
    clicks = {
        "conflicts panel: Warnings unticked": lambda: warnings.setChecked(False),
        "conflicts panel: Warnings ticked": lambda: warnings.setChecked(True),
        "conflicts panel: one kind chosen": lambda: kinds.setCurrentIndex(double_booked),
        "conflicts panel: All kinds chosen": lambda: kinds.setCurrentIndex(0),
    }
    figures: dict[str, list[tuple[float, float]]] = {}
    viewport = dock.table.viewport()  # type: ignore[attr-defined]
    for _ in range(repeat):
        for label, click in clicks.items():
            figures.setdefault(label, []).append(until_painted_with_cpu(viewport, click))
    return figures


def agenda_sorts(
    window: object, table: object, repeat: int
) -> dict[str, list[tuple[float, float]]]:
    """Sorting the agenda as a coordinator does, by a click on a column's header: each
    column once ascending and once descending, ``repeat`` times round; the first round
    works out each column's order, the later ones find it made (until rows change)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from cpp_scheduler.gui.eventmodel import HEADERS, Column

    agenda = window.views["agenda"].table  # type: ignore[attr-defined]
    header = agenda.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        QTest.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )

    figures: dict[str, list[tuple[float, float]]] = {}
    first_time: list[tuple[float, float]] = []
    for round_number in range(repeat):
        for column in Column:
            for _order in ("ascending", "descending"):
                sample = until_painted_with_cpu(table, lambda column=column: click(column))
                if round_number == 0:
                    first_time.append(sample)
                else:
                    figures.setdefault(f"agenda sort by {HEADERS[column]}", []).append(sample)
    agenda.sortByColumn(Column.START, Qt.SortOrder.AscendingOrder)  # the agenda's own order
    worst = max(first_time)
    figures["agenda sort, slowest first sort of a column"] = [worst]
    return figures


def reads_after_a_move(
    app: object, window: object, canvas: object, repeat: int
) -> dict[str, list[tuple[float, float]]]:
    """A meeting moved as a drop does (shown where it was dropped, painted; the move
    saved off the GUI thread), then its event's rows read again off the GUI thread and
    applied on it: the GUI thread's share of each, and the whole wait for the read."""
    from datetime import timedelta

    events = window.events  # type: ignore[attr-defined]
    first, last = window.views["week"].period()  # type: ignore[attr-defined]
    from cpp_scheduler import timezones

    start, end = timezones.local_days(first, last, window.display_zone)  # type: ignore[attr-defined]
    row = next(row for row in window.proxy.rows_between(start, end) if not row.is_series)  # type: ignore[attr-defined]
    applied: list[float] = []
    # A window that reads the rows on the GUI thread (as before) has no such step: its
    # read is inside the move's own time.
    original = getattr(window, "_event_rows_read", None)

    def timed_apply(*args: object) -> None:
        began = time.process_time()
        original(*args)
        applied.append(time.process_time() - began)

    if original is not None:
        window._event_rows_read = timed_apply  # type: ignore[attr-defined]
    figures: dict[str, list[tuple[float, float]]] = {}
    try:
        for number in range(2 * repeat):
            shift = timedelta(hours=1 if number % 2 == 0 else -1)
            current = next(r for r in events.rows() if r.event_id == row.event_id)
            moved = (current.start_utc + shift, current.end_utc + shift)
            began = time.perf_counter()
            sample = until_painted_with_cpu(
                canvas,
                lambda moved=moved: window.move_event(row.event_id, *moved),  # type: ignore[attr-defined]
            )
            figures.setdefault("move shown where dropped", []).append(sample)
            editor = window.editor  # type: ignore[attr-defined]
            while getattr(editor, "working", None) is not None or getattr(
                window, "reading_event_rows", False
            ):
                app.processEvents()  # type: ignore[attr-defined]
                time.sleep(0.0005)
            figures.setdefault(
                "move: from the drop to its save and read applied (off the GUI thread)", []
            ).append((time.perf_counter() - began, float("nan")))
    finally:
        if original is not None:
            window._event_rows_read = original  # type: ignore[attr-defined]
    if applied:
        figures["move: its read applied on the GUI thread"] = [
            (seconds, seconds) for seconds in applied
        ]
    return figures


WAIT_LIMIT = 30.0
"""How long a window's lists are waited for; longer is shown as more than this."""


def _until(app: object, ready: Callable[[], bool], limit: float = WAIT_LIMIT) -> bool:
    """Process events until ``ready()`` (or ``limit`` seconds); whether it became ready."""
    deadline = time.perf_counter() + limit
    while not ready() and time.perf_counter() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.0005)
    return ready()


def measure_openings(
    database_path: Path, settings: str, repeat: int
) -> dict[str, tuple[float, float, float]]:
    """Seconds to open each dialog and tool window: (until usable, until lists filled,
    the longest the GUI thread was held meanwhile)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

    from cpp_scheduler.gui.app import application
    from cpp_scheduler.gui.mainwindow import MainWindow, open_editor
    from cpp_scheduler.gui.recordkinds import RECORD_KINDS
    from cpp_scheduler.model import Event, KnowledgeProduct
    from cpp_scheduler.services import editing
    from cpp_scheduler.store import open_database

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    app = application()
    database = open_database(database_path)
    listed = editing.list_records(database, Event, ["start_utc"], "start_utc")
    event_id = listed[len(listed) // 2].record_id
    product_id = editing.create(
        database,
        KnowledgeProduct,
        {"title": "Peer exchange notes", "event_ids": [row.record_id for row in listed[:25]]},
    )
    window = MainWindow(database)
    window.resize(1440, 900)
    window.show()
    window.tasks.wait_for_done()
    app.processEvents()
    dock = window.tools.conflicts  # type: ignore[attr-defined]
    _until(app, lambda: not (dock.check_pending or dock.checking or window.tasks.busy))
    app.processEvents()

    figures: dict[str, list[tuple[float, float, float]]] = {}

    def opening(
        label: str, open_it: Callable[[], object], filled: Callable[[object], bool]
    ) -> None:
        from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

        loop = QEventLoop()

        class Painted(QObject):
            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
                if event.type() == QEvent.Type.Paint:
                    QTimer.singleShot(0, loop.quit)
                return False

        watcher = Painted()
        QTimer.singleShot(5000, loop.quit)
        beat = Heartbeat()
        started = time.perf_counter()
        widget = open_it()
        assert isinstance(widget, QWidget)
        widget.installEventFilter(watcher)  # its own paint, whichever other widget paints
        if widget.isVisible():
            widget.update()
        widget.show()
        loop.exec()
        usable = time.perf_counter() - started
        widget.removeEventFilter(watcher)
        ready = _until(app, lambda: filled(widget))
        full = time.perf_counter() - started if ready else float("inf")
        figures.setdefault(label, []).append((usable, full, beat.stop()))
        if label.startswith("editor"):
            widget.close()
            widget.deleteLater()
        else:
            widget.hide()
        window.tasks.wait_for_done()
        app.processEvents()

    def lists_filled(dialog: object) -> bool:
        return bool(dialog.lists_ready())  # type: ignore[attr-defined]

    def idle(_widget: object) -> bool:
        return not window.tasks.busy

    editors = [
        ("new event", "event", None),
        ("edit event", "event", event_id),
        ("new knowledge product", "knowledge_product", None),
        ("edit knowledge product", "knowledge_product", product_id),
        *((f"new {kind.replace('_', ' ')}", kind, None) for kind in RECORD_KINDS),
    ]
    for _ in range(repeat):
        for label, kind, record_id in editors:
            opening(
                f"editor: {label}",
                lambda kind=kind, record_id=record_id: open_editor(
                    kind, database, record_id, parent=window, tasks=window.tasks
                ),
                lists_filled,
            )
    for kind, record_kind in RECORD_KINDS.items():
        opening(f"manager: {record_kind.plural}", lambda kind=kind: window.manage(kind), idle)
    tools = window.tools  # type: ignore[attr-defined]
    for label, open_tool in (
        ("tool: find a time", tools.open_slot_finder),
        ("tool: study tours", tools.open_tour_builder),
        ("tool: delegation schedule", tools.open_delegation_schedule),
        ("tool: export calendar", tools.open_export),
        ("tool: import calendar", tools.open_import),
        ("tool: program report", lambda: window.report_actions.open_report()),  # type: ignore[attr-defined]
        *(
            (f"print: {kind.replace('_', ' ')}", lambda kind=kind: window.documents.open(kind))  # type: ignore[attr-defined]
            for kind in ("itinerary", "programme", "day")
        ),
        ("help", window.show_help),
    ):
        opening(label, open_tool, idle)
    window.close()
    database.close()

    bare: list[tuple[float, float, float]] = []
    for _ in range(repeat):
        dialog = QDialog()
        QVBoxLayout(dialog).addWidget(QLabel("CPP Scheduler", dialog))
        beat = Heartbeat()
        started = time.perf_counter()
        seconds = until_painted(dialog, dialog.show)
        bare.append((seconds, time.perf_counter() - started, beat.stop()))
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
    figures["bare dialog"] = bare
    return {
        label: (
            median([sample[0] for sample in samples]),
            median([sample[1] for sample in samples]),
            median([sample[2] for sample in samples]),
        )
        for label, samples in figures.items()
    }


class Heartbeat:
    """A 2 ms timer on the GUI thread from its making: :meth:`stop` gives the longest
    the GUI thread went without answering it (the longest it was held)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> float:
        self.tick()
        self.timer.stop()
        return self.longest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--window-only",
        action="store_true",
        help="only the measures in the running window (no starts, no dialogs)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "program.sqlite"
        settings = str(Path(scratch) / "settings")
        build_program(path, args.events)
        compileall.compile_dir(ROOT / "cpp_scheduler", quiet=1)
        child = WINDOW_CHILD.format(root=str(ROOT), database=str(path), settings=settings)
        opening = OPENING_CHILD.format(root=str(ROOT), database=str(path), settings=settings)
        starts, filled, bare, holds = [], [], [], []
        for _ in range(0 if args.window_only else args.repeat):  # interleaved, so a
            # slow moment hits both alike
            window_paints = paints(child)
            starts.append(window_paints[0])
            filled.append(window_paints[-1])
            bare.append(first_paint(BARE_CHILD))
            holds.append(longest_hold(opening))
        inside = measure_window(path, settings, args.repeat)
        openings = {} if args.window_only else measure_openings(path, settings, args.repeat)
    if args.window_only:
        starts = filled = bare = holds = [float("nan")]
    start, floor, with_events = median(starts), median(bare), median(filled)
    bare_switch, _bare_cpu = inside.pop("bare switch")
    held = median(holds)
    shown = int(inside.pop("rows")[0])
    conflict_count = int(inside.pop("conflicts")[0])
    ms = 1000.0
    rows = (
        []
        if args.window_only
        else [
            [
                "start to first painted week view",
                f"{start * ms:.0f}",
                "",
                f"{floor * ms:.0f}",
                f"{start / floor:.2f}",
                "< 1500 ms and < 2.00x",
            ],
            [
                "start to the week painted with its events",
                f"{with_events * ms:.0f}",
                "",
                f"{floor * ms:.0f}",
                f"{with_events / floor:.2f}",
                "< 500 ms",
            ],
            [
                "GUI thread's longest hold while the program opens (first paint to whole "
                "program read, tools in)",
                f"{held * ms:.0f}",
                "",
                f"{bare_switch * ms:.1f}",
                f"{held / bare_switch:.1f}",
                "< 100 ms",
            ],
        ]
    )
    for label, (seconds, cpu) in inside.items():
        if label == "conflicts shown":
            label = f"a conflict check's {conflict_count:,} findings shown"
        off_thread = "off the GUI thread" in label
        rows.append(
            [
                label if off_thread or "on the GUI thread" in label else f"{label} to painted",
                f"{seconds * ms:.1f}",
                "" if cpu != cpu else f"{cpu * ms:.1f}",  # not measured: NaN
                f"{bare_switch * ms:.1f}",
                f"{seconds / bare_switch:.1f}",
                "(waited, not held)" if off_thread else "< 50 ms",
            ]
        )
    print_table(
        f"Desktop window, {args.events:,} events in SQLite ({shown:,} occurrences), "
        f"median of {args.repeat}, wall-clock",
        ["measure", "ms", "cpu ms", "bare Qt ms", "ratio", "target"],
        rows,
    )
    if args.window_only:
        return 0
    bare_usable, _bare_full, bare_held = openings.pop("bare dialog")
    print_table(
        f"Opening dialogs and tool windows, {args.events:,} events, wall-clock",
        [
            "window",
            "usable ms",
            "lists filled ms",
            "longest hold ms",
            "bare QDialog ms",
            "ratio (usable)",
            "ratio (hold)",
            "target",
        ],
        [
            [
                label,
                f"{usable * ms:.0f}",
                f"{filled * ms:.0f}" if filled != float("inf") else f"> {WAIT_LIMIT * ms:.0f}",
                f"{held * ms:.0f}",
                f"{bare_usable * ms:.1f}",
                f"{usable / bare_usable:.1f}",
                f"{held / bare_held:.1f}",
                "usable < 100 ms, hold < 100 ms",
            ]
            for label, (usable, filled, held) in openings.items()
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
