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
from cpp_scheduler.gui import settings as options
from cpp_scheduler.gui import style, translations
from cpp_scheduler.gui.crash import ExceptionHandler

if TYPE_CHECKING:
    from cpp_scheduler.services.database import Database


def application() -> QApplication:
    """The QApplication, created once with the names QSettings and platformdirs use."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    if app.style().name().casefold() != "fusion":  # the same look on every system
        app.setStyle("Fusion")
    app.setWindowIcon(style.application_icon())
    style.install_fonts(app)
    return app


def open_store(location: str | None) -> Database:
    """Open the database at ``location`` (a path, a URL, or None for the default)."""
    from cpp_scheduler.services.database import open_database

    return open_database(location)


def run(database: str | None, language: str | None = None) -> int:
    """Show the main window over ``database`` (or the default one) in ``language`` (None:
    the one chosen in Preferences, else the system's); the exit status.

    A database that cannot be opened is explained in a dialog, and the status is 1.
    """
    app = application()
    choice = translations.stored_choice(options.open_settings())
    translations.install(language or (None if choice == translations.SYSTEM else choice))
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
