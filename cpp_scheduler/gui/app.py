"""Starting the desktop application: Qt, fonts, the error handler, the database, the window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from cpp_scheduler import APP_NAME, ORGANISATION, __version__
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui import style
from cpp_scheduler.gui.crash import ExceptionHandler, setup_logging
from cpp_scheduler.store import open_database


def application() -> QApplication:
    """The QApplication, created once with the names QSettings and platformdirs use."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    app.setWindowIcon(style.application_icon())
    style.install_fonts(app)
    return app


def run(database: str | None) -> int:
    """Open ``database`` (or the default one) in the main window; the exit status."""
    app = application()
    handler = ExceptionHandler(setup_logging())
    handler.install()
    try:
        try:
            store = open_database(database)
        except SchedulerError as error:
            QMessageBox.critical(None, f"{APP_NAME} cannot open the database", str(error))
            return 1
        from cpp_scheduler.gui.mainwindow import MainWindow

        window = MainWindow(store)
        window.show()
        status = app.exec()
        store.close()
        return int(status)
    finally:
        handler.uninstall()
