"""Render every main view and every editor dialog with the demo program to PNG files.

    python tools/screenshots.py OUTDIR

Runs without a screen (Qt's offscreen platform): loads the demo program into a
throwaway database, opens the main window at 1440x900 and writes one PNG per view (the
week of the CPP conference, the Peru study tour, the month, the agenda, the venues), the
welcome panel of an empty database, and then every dialog through
``tools/screenshot_dialogs.py``. The README shows ``week.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
# Run as a script, the checkout's own package comes first, not an installed copy.
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cpp_scheduler.gui.app import application  # noqa: E402
from cpp_scheduler.gui.mainwindow import MainWindow  # noqa: E402
from cpp_scheduler.services.demo import load_demo  # noqa: E402
from cpp_scheduler.store import Database, open_database  # noqa: E402

SIZE = (1440, 900)
CONFERENCE_WEEK = date(2027, 2, 15)
TOUR_WEEK = date(2027, 3, 8)

#: (file name, view, day shown, display zone)
SHOTS: tuple[tuple[str, str, date, str], ...] = (
    ("week", "week", CONFERENCE_WEEK, "Asia/Tokyo"),
    ("week-tour", "week", TOUR_WEEK, "Asia/Tokyo"),
    ("week-lima", "week", TOUR_WEEK, "America/Lima"),
    ("day", "day", CONFERENCE_WEEK, "Asia/Tokyo"),
    ("month", "month", CONFERENCE_WEEK, "Asia/Tokyo"),
    ("agenda", "agenda", date(2027, 1, 18), "Asia/Tokyo"),
    ("venues", "venues", CONFERENCE_WEEK, "Asia/Tokyo"),
)


def _settle(app: QApplication, window: MainWindow) -> None:
    window.tasks.wait_for_done()
    for _ in range(5):
        app.processEvents()


def _open_window(app: QApplication, database: Database) -> MainWindow:
    window = MainWindow(database)
    window.resize(*SIZE)
    window.show()
    _settle(app, window)
    return window


def render_views(database: Database, outdir: Path) -> list[Path]:
    app = application()
    window = _open_window(app, database)
    written = []
    for name, view, day, zone in SHOTS:
        window.set_display_zone(zone)
        window.show_view(view)
        window.go_to(day)
        _settle(app, window)
        path = outdir / f"{name}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        written.append(path)
    window.close()
    window.deleteLater()
    return written


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    outdir: Path = args.outdir
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        # Never read or change the settings of whoever runs the script.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        application()
        database = open_database(folder / "demo.sqlite")
        try:
            load_demo(database)
            written = render_views(database, outdir)
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
