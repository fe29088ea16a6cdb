"""Edit > Preferences > Language, at once: the window made again in the new language.

Every text of a view, dock, menu and dialog is set when it is made, in the language
installed then (:func:`cpp_scheduler.gui.translations.install`). Rather than teach each
widget to set its texts again, the window is made again over the same open program, at
the same place: its size and docks, view, day, display zone, filters and selected
meeting. The old window hands over what others hold it by (the windows opened from it,
and its ``closed`` signal, on which the database is closed: that now waits for the new
window), closes its dialogs and closes. The undo history starts afresh, since its
commands belong to the old window; everything they did is saved already.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from cpp_scheduler import i18n
from cpp_scheduler.gui import translations

if TYPE_CHECKING:
    from cpp_scheduler.gui.mainwindow import MainWindow


def wanted_language(settings: QSettings) -> str:
    """The language the stored choice asks for: English, Japanese, or the system's."""
    choice = translations.stored_choice(settings)
    return translations.system_language() if choice == translations.SYSTEM else choice


def follow_preferences(window: MainWindow, before: str) -> MainWindow:
    """After Preferences: when the stored choice changed from ``before`` to another
    language than the one spoken, speak it at once; the window that shows the program."""
    if translations.stored_choice(window.settings) == before:
        return window
    language = wanted_language(window.settings)
    if language == i18n.language():
        return window
    return speak_at_once(window, language)


def speak_at_once(window: MainWindow, language: str) -> MainWindow:
    """Install ``language`` and make ``window`` (and the windows opened from it) again
    in it, at the same place; returns the new window, shown."""
    from cpp_scheduler.gui.app import listen_for_changes
    from cpp_scheduler.gui.live import LiveRefresh
    from cpp_scheduler.gui.mainwindow import MainWindow

    translations.install(language)
    window.save_settings()  # the new window opens where this one is: size, docks, view
    day, chosen = window.anchor, window.selected_occurrence
    listening = window.findChild(LiveRefresh) is not None
    replacement = MainWindow(window.database, window.settings, window.dialog_factory)

    def placed() -> None:
        replacement.eventsLoaded.disconnect(placed)
        replacement.go_to(day)
        if chosen is not None:
            replacement.select_occurrence(chosen)

    replacement.eventsLoaded.connect(placed)
    window.hand_over(replacement)
    if listening:
        listen_for_changes(replacement)
    replacement.setGeometry(window.geometry())
    replacement.show()
    for dialog in window.findChildren(QDialog):
        dialog.close()
    window.close()
    for other in list(replacement.other_windows):
        if other.isVisible():
            speak_at_once(other, language)
    return replacement
