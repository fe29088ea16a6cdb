"""Render every main view and every editor dialog with the demo program to PNG files.

    .venv/bin/python tools/screenshots.py OUTDIR [--size 1366x768 --size 1920x1080]

Runs without a screen (Qt's offscreen platform, given a screen of the smallest size
asked for, on which the dialogs and tools open as on that screen): loads the demo program into a
throwaway database, opens the main window at each size (a laptop's 1366x768 and an
office screen's 1920x1080 unless told otherwise) and writes one PNG per view into
OUTDIR/WIDTHxHEIGHT/ (the week of the CPP conference, the Peru study tour in Tokyo and
Lima time, the day, the month, the agenda, the venues over a day, a week and two weeks,
and a later meeting of the monthly series selected, with its local times), the welcome
panel of an empty database, and then every dialog and tool through
``tools/screenshot_dialogs.py`` and ``tools/screenshot_tools.py``. The README shows
``1366x768/week.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

OFFSCREEN = "offscreen"
os.environ.setdefault("QT_QPA_PLATFORM", OFFSCREEN)
ROOT = Path(__file__).resolve().parent.parent
# Run as a script, the checkout's own package comes first, not an installed copy.
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cpp_scheduler.gui.app import application  # noqa: E402
from cpp_scheduler.gui.mainwindow import MainWindow  # noqa: E402
from cpp_scheduler.services.demo import load_demo  # noqa: E402
from cpp_scheduler.store import Database, open_database  # noqa: E402

SIZES = ((1366, 768), (1920, 1080))
CONFERENCE_WEEK = date(2027, 2, 15)
TOUR_WEEK = date(2027, 3, 8)
SERIES_MEETING = date(2027, 3, 17)
"""A meeting of the demo's monthly series after the US clock change."""

#: (file name, view, day shown, display zone, zoom of the venue timeline in days)
ALL_DAY_FIRST = date(2027, 4, 29)
ALL_DAY_LAST = date(2027, 5, 5)
"""Golden Week, the all-day event the all-day row is shown with."""
SHOTS: tuple[tuple[str, str, date, str, int], ...] = (
    ("week", "week", CONFERENCE_WEEK, "Asia/Tokyo", 0),
    ("week-tour", "week", TOUR_WEEK, "Asia/Tokyo", 0),
    ("week-lima", "week", TOUR_WEEK, "America/Lima", 0),
    ("day", "day", CONFERENCE_WEEK, "Asia/Tokyo", 0),
    ("month", "month", CONFERENCE_WEEK, "Asia/Tokyo", 0),
    ("agenda", "agenda", date(2027, 1, 18), "Asia/Tokyo", 0),
    ("venues-day", "venues", CONFERENCE_WEEK, "Asia/Tokyo", 1),
    ("venues", "venues", CONFERENCE_WEEK, "Asia/Tokyo", 7),
    ("venues-two-weeks", "venues", CONFERENCE_WEEK, "Asia/Tokyo", 14),
)


def _settle(app: QApplication, window: MainWindow) -> None:
    window.tasks.wait_for_done()
    for _ in range(5):
        app.processEvents()


def _open_window(
    app: QApplication, database: Database, size: tuple[int, int] = SIZES[0]
) -> MainWindow:
    window = MainWindow(database)
    window.resize(*size)
    window.show()
    _settle(app, window)
    _until_checked(app, window)
    return window


def _until_checked(app: QApplication, window: MainWindow, seconds: float = 60.0) -> None:
    """Wait for the first conflict check's answer: the week paints before the program is
    read in whole, and a picture without its badges and findings shows a window that
    is still opening."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        tools = getattr(window, "tools", None)
        if tools is not None and tools.count_label.text():
            break
        window.tasks.wait_for_done(100)
        QTest.qWait(20)  # the event loop runs meanwhile: the check's answer arrives by it
    _settle(app, window)


def _save(window: MainWindow, path: Path) -> Path:
    if not window.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    return path


def render_views(database: Database, outdir: Path, size: tuple[int, int]) -> list[Path]:
    app = application()
    window = _open_window(app, database, size)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, view, day, zone, zoom in SHOTS:
        window.set_display_zone(zone)
        window.show_view(view)
        window.go_to(day)
        if zoom:
            window.current_view.set_zoom(zoom)  # type: ignore[attr-defined]
        _settle(app, window)
        written.append(_save(window, outdir / f"{name}.png"))
    written.append(_render_series_meeting(app, window, outdir))
    written.append(_render_all_day_week(app, window, outdir))
    window.close()
    window.deleteLater()
    return written


def _render_series_meeting(app: QApplication, window: MainWindow, outdir: Path) -> Path:
    """The week of a later meeting of the monthly series, that meeting selected: the
    Local times dock shows its own offsets and holidays."""
    window.set_display_zone("Asia/Tokyo")
    window.show_view("week")
    window.go_to(SERIES_MEETING)
    _settle(app, window)
    series = [row for row in window.current_view.blocks() if row.row.is_series]  # type: ignore[attr-defined]
    if series:
        window.select_occurrence(series[0].row.occurrence_key)
    _settle(app, window)
    return _save(window, outdir / "week-series-meeting.png")


def _render_all_day_week(app: QApplication, window: MainWindow, outdir: Path) -> Path:
    """Golden Week as an all-day event over the week of 26 April 2027, seen from Lima:
    the all-day row holds it on its own dates, and so does the month (written beside
    the week's picture). The event is taken out again after."""
    from cpp_scheduler import timezones
    from cpp_scheduler.model import Event, EventKind
    from cpp_scheduler.services import editing, removal

    database = window.database
    start, end = timezones.local_days(ALL_DAY_FIRST, ALL_DAY_LAST, timezones.TOKYO)
    event_id = editing.create(
        database,
        Event,
        {
            "title": "Golden Week: TDLC closed",
            "kind": EventKind.WORKSHOP,
            "zone": timezones.TOKYO,
            "all_day": True,
            "start_utc": start,
            "end_utc": end,
        },
    )
    try:
        window.reload()
        window.set_display_zone("America/Lima")
        window.show_view("week")
        window.go_to(ALL_DAY_FIRST)
        _settle(app, window)
        week = _save(window, outdir / "week-all-day.png")
        window.show_view("month")
        _settle(app, window)
        _save(window, outdir / "month-all-day.png")
        return week
    finally:
        removal.delete(database, Event, event_id)
        window.reload()
        _settle(app, window)


def render_welcome(folder: Path, outdir: Path) -> Path:
    app = application()
    empty = open_database(folder / "empty.sqlite")
    try:
        window = _open_window(app, empty)
        path = outdir / "welcome.png"
        if not window.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        window.close()
        window.deleteLater()
        return path
    finally:
        empty.close()


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size such as 1366x768") from None
    if not (640 <= width <= 7680 and 480 <= height <= 4320):
        raise argparse.ArgumentTypeError(f"{text} is outside 640x480 to 7680x4320")
    return width, height


def _offscreen_screen(folder: Path, size: tuple[int, int]) -> None:
    """Give Qt's offscreen platform a screen of ``size`` (its own is 800x600), so the
    dialogs and tools open at the size they take on that screen: a laptop's, where a
    window is kept within the screen (``gui/screen_room.py``). A platform chosen by
    whoever runs the script (a real X screen under xvfb) is left as it is."""
    if os.environ.get("QT_QPA_PLATFORM") != OFFSCREEN:
        return
    config = folder / "offscreen-screen.json"
    width, height = size
    config.write_text(
        '{"screens": [{"name": "screen", "x": 0, "y": 0, '
        f'"width": {width}, "height": {height}, '
        '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"{OFFSCREEN}:configfile={config}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="the folder the PNG files go to")
    parser.add_argument(
        "--size",
        action="append",
        type=_size,
        metavar="WIDTHxHEIGHT",
        help="a window size to render the views at (repeat; default 1366x768 and 1920x1080)",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "ja"),
        default="en",
        help="the language the window speaks (default: en, whatever the system's)",
    )
    args = parser.parse_args(argv)
    outdir: Path = args.outdir
    sizes: list[tuple[int, int]] = args.size or list(SIZES)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        # Never read or change the settings of whoever runs the script.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        _offscreen_screen(folder, min(sizes, key=lambda size: size[0] * size[1]))
        application()
        from cpp_scheduler.gui import translations

        translations.install(args.lang)
        database = open_database(folder / "demo.sqlite")
        try:
            load_demo(database)
            written = []
            for size in sizes:
                written += render_views(database, outdir / f"{size[0]}x{size[1]}", size)
            written.append(render_welcome(folder, outdir))
            from screenshot_dialogs import render_dialogs

            written.extend(render_dialogs(database, outdir / "dialogs"))
            from screenshot_tools import render_tools

            written.extend(render_tools(database, outdir / "tools"))
        finally:
            database.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
