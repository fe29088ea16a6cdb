"""The coordinator's name in the preferences: who this window's changes are made by.

Kept in the settings (:data:`cpp_scheduler.gui.settings.AUTHOR`); empty means the
system's user name. A new name applies at once to the open program and to every window
opened later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QInputDialog, QLineEdit

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.gui import settings as options
from cpp_scheduler.gui.translations import translate
from cpp_scheduler.services.database import (
    AuthorError,
    Database,
    checked_author,
    system_author,
)

if TYPE_CHECKING:
    from cpp_scheduler.gui.mainwindow import MainWindow


def set_author(window: MainWindow, name: str) -> str:
    """Write the window's changes under ``name`` from now on (empty: the user name);
    the name in force. A name that cannot stand for a person raises a one-line error."""
    chosen = checked_author(name) if name.strip() else system_author()
    options_value = chosen if name.strip() else ""
    window.settings.setValue(options.AUTHOR, options_value)
    database: Database = window.database
    database.author = chosen
    return chosen


def ask_author(window: MainWindow) -> None:
    """Ask for the coordinator's name, showing the one in force."""
    database: Database = window.database
    name, accepted = QInputDialog.getText(
        window,
        translate("Author", "Your name"),
        translate(
            "Author",
            "The name your changes are recorded under, in every record's history\n"
            "(leave it empty for your user name):",
        ),
        QLineEdit.EchoMode.Normal,
        options.read_str(window.settings, options.AUTHOR) or database.author,
    )
    if not accepted:
        return
    try:
        chosen = set_author(window, name)
    except SchedulerError as error:
        window.report_error(translate("Author", "Cannot use this name"), str(error))
        return
    window.statusBar().showMessage(
        translate("Author", "Your changes are now recorded as {name}").format(name=chosen), 5000
    )


def stored_author(settings: QSettings) -> tuple[str | None, AuthorError | None]:
    """The name the preferences give, checked: ``(name, None)``; ``(None, None)`` when
    they give none (the user name applies); ``(None, why)`` when it cannot stand for a
    person (a settings file edited by hand)."""
    stored = options.read_str(settings, options.AUTHOR)
    if not stored.strip():
        return None, None
    try:
        return checked_author(stored), None
    except AuthorError as error:
        return None, error


def say_if_name_refused(window: MainWindow) -> None:
    """Say, once the program is open, when the name in the preferences cannot stand for
    a person: the window's changes are then recorded under the user name (see
    :func:`cpp_scheduler.gui.app.open_store`), until the coordinator gives another."""
    _name, refused = stored_author(window.settings)
    if refused is None:
        return
    database: Database = window.database
    message = translate(
        "Author",
        "Your name in the preferences cannot be used: {reason}. Your changes are "
        "recorded as {name} until you give another in Tools > Your name.",
    ).format(reason=refused, name=database.author)
    # After the slots of the opening have run: the program is usable behind it.
    QTimer.singleShot(
        0, lambda: window.report_error(translate("Author", "Cannot use this name"), message)
    )
