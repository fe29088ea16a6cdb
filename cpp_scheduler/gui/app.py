"""Starting the desktop application: Qt, fonts, the error handler, the window, the database.

The window shows first and opens the database in the background (see
:mod:`cpp_scheduler.gui.mainwindow`), so nothing here loads the database layer.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from cpp_scheduler import APP_NAME, ORGANISATION, __version__
from cpp_scheduler.gui import style
from cpp_scheduler.gui.crash import ExceptionHandler

if TYPE_CHECKING:
    from cpp_scheduler.services.database import Database


GUI_SWITCH_INTERVAL = 0.0005
"""Seconds a thread may keep the interpreter lock while the GUI thread waits for it."""


def application() -> QApplication:
    """The QApplication, created once with the names QSettings and platformdirs use."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    # A worker running Python holds the interpreter lock for up to this long before the
    # GUI thread, which takes it at every call from Qt into Python, gets it back; the
    # default 5 ms, paid at each of the hundreds of such calls of a repaint, makes one
    # frame take a few hundred milliseconds while a check's answer is read.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    if app.style().name().casefold() != "fusion":  # the same look on every system
        app.setStyle("Fusion")
    app.setWindowIcon(style.application_icon())
    style.install_fonts(app)
    return app


def open_store(location: str | None) -> Database:
    """Open the database at ``location`` (a path, a URL, or None for the default)."""
    from cpp_scheduler.services.database import open_database

    return open_database(location)


def run(database: str | None) -> int:
    """Show the main window over ``database`` (or the default one); the exit status.

    A database that cannot be opened is explained in a dialog, and the status is 1.
    """
    app = application()
    handler = ExceptionHandler()
    handler.install()
    try:
        from cpp_scheduler.gui.mainwindow import MainWindow

        window = MainWindow(lambda: open_store(database))
        window.openFailed.connect(lambda _reason: app.exit(1))
        window.show()
        status = app.exec()
        window.close()
        window.close_database()
        return int(status)
    finally:
        handler.uninstall()
