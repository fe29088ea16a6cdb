"""Render the Program report window to PNG with the demo program, without a screen.

    python tools/screenshot_report.py OUTDIR

builds a throwaway database, loads the demo program and writes ``program-report.png``
(the window at 1366x768, January and February 2027, the Theme tab) into OUTDIR.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from cpp_scheduler.gui.reportview import ProgramReportWindow
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import open_database


def _at_once(
    work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[BaseException], None]
) -> None:
    """Run the window's background work here and now: a screenshot waits for it anyway."""
    try:
        result = work()
    except Exception as error:  # shown in the window's status line, as it would be
        failed(error)
        return
    done(result)


def render_report(outdir: Path) -> Path:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "report.sqlite")
        try:
            load_demo(database)
            window = ProgramReportWindow(database, _at_once, date(2027, 1, 1), date(2027, 2, 28))
            window.resize(1366, 768)
            window.show()
            window.refresh()
            window.tabs.setCurrentIndex(2)
            for _ in range(5):
                app.processEvents()
            path = outdir / "program-report.png"
            if not window.grab().save(str(path)):
                raise OSError(f"cannot write {path}")
            window.close()
            return path
        finally:
            database.close()


def main() -> int:
    outdir = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    outdir.mkdir(parents=True, exist_ok=True)
    print(render_report(outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
