"""Starting the desktop application: Qt, fonts, the error handler, the window, the database.

The window shows first and opens the database in the background (see
:mod:`cpp_scheduler.gui.mainwindow`), so nothing here loads the database layer; only a
location named by ``--db`` or ``$CPP_SCHEDULER_DB`` is judged first, before any window,
whether it holds a program (:func:`agreed_to_open`).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from cpp_scheduler import APP_NAME, ORGANISATION, __version__
from cpp_scheduler.gui import settings as options
from cpp_scheduler.gui import style, translations
from cpp_scheduler.gui.crash import ExceptionHandler

if TYPE_CHECKING:
    from cpp_scheduler.gui.mainwindow import MainWindow
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
    """Open the database at ``location`` (a path, a URL, or None for the default), writing
    under the name the preferences give (by default the system's user name).

    A name there that cannot stand for a person (a settings file edited by hand) gives
    way to the user name: it must not keep the program shut, and the window says so
    once the program is open (:func:`cpp_scheduler.gui.author.say_if_name_refused`)."""
    from cpp_scheduler.gui import settings
    from cpp_scheduler.gui.author import stored_author
    from cpp_scheduler.services.database import open_database

    author, _refused = stored_author(settings.open_settings())
    return open_database(location, author=author)


def listen_for_changes(window: MainWindow) -> None:
    """Keep the window in step with colleagues' commits once its program is open, turn
    editing off where the coordinator's role may only read, and say if the name in the
    preferences was refused."""
    from cpp_scheduler.gui.author import say_if_name_refused
    from cpp_scheduler.gui.live import start_live_refresh
    from cpp_scheduler.gui.readonly import check_access

    start_live_refresh(window)
    check_access(window)
    say_if_name_refused(window)


def agreed_to_open(database: str | None) -> bool:
    """Whether the window may open ``database`` (``--db``, else ``$CPP_SCHEDULER_DB``).

    A location named there that holds no program (a mistyped path, an empty file) is
    made into one only once the coordinator agrees, asked as File > Open database… asks
    (:func:`cpp_scheduler.gui.filemenu.agrees_to_make`) before any window shows:
    colleagues would otherwise open the empty program made for the real one. The
    default location, named by neither, is made silently on the first start, as a
    first start should. Only a named location pays for loading the database layer here;
    one that cannot be judged (a URL the program does not take) is left to the window,
    which says why it cannot open it.
    """
    from cpp_scheduler.services.period_glance import ENVIRONMENT_VARIABLE

    named = database if database is not None else os.environ.get(ENVIRONMENT_VARIABLE)
    if not named or not named.strip():
        return True
    from cpp_scheduler.errors import SchedulerError
    from cpp_scheduler.gui.filemenu import agrees_to_make, program_to_make
    from cpp_scheduler.gui.mainwindow import confirm

    try:
        missing = program_to_make(named)
    except SchedulerError:
        return True
    except Exception as error:  # a fault: the error handler logs it and says so once
        sys.excepthook(type(error), error, error.__traceback__)
        return False
    return missing is None or agrees_to_make(
        missing, lambda title, question: confirm(None, title, question)
    )


def run(database: str | None, language: str | None = None) -> int:
    """Show the main window over ``database`` (or the default one) in ``language`` (None:
    the one chosen in Preferences, else the system's); the exit status.

    A database that cannot be opened is explained in a dialog, and the status is 1; so
    is a named location that holds no program where the coordinator declines to make
    one (:func:`agreed_to_open`), which leaves nothing behind.
    """
    app = application()
    choice = translations.stored_choice(options.open_settings())
    translations.install(language or (None if choice == translations.SYSTEM else choice))
    handler = ExceptionHandler()
    handler.install()
    try:
        from cpp_scheduler.gui.mainwindow import MainWindow
        from cpp_scheduler.gui.opening import StoreOpener

        if not agreed_to_open(database):
            return 1
        window = MainWindow(StoreOpener(database))
        window.openFailed.connect(lambda _reason: app.exit(1))
        window.programOpened.connect(lambda: listen_for_changes(window))
        window.show()
        status = app.exec()
        window.close()
        window.close_database()
        return int(status)
    finally:
        handler.uninstall()
