"""The window's language: Qt's translators for its texts and Qt's own, and the locale.

The window's texts are written in English in ``tr()`` or ``translate(context, text)``
(the Designer forms' compiled code calls ``translate`` itself) and looked up in
``resources/translations/cpp_scheduler_<lang>.qm``; Qt's own texts (the buttons of a
message box, a file dialog) in its ``qtbase_<lang>.qm``. The core's messages follow the
same language through :mod:`cpp_scheduler.i18n`, set here before the window is built.

A text declared at import time (the actions' table) is marked with
``QT_TRANSLATE_NOOP(context, text)`` and translated where the widget is made.

The language is chosen in Preferences and read at every start; a new choice takes
effect at once, the window being made again in it (:mod:`cpp_scheduler.gui.relanguage`):
every view, dialog and message is made in one language.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from cpp_scheduler import i18n
from cpp_scheduler.gui import settings as options
from cpp_scheduler.resources import resource_path

#: ``translate(context, text)``: the window's text in the language chosen.
translate = QCoreApplication.translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for the catalogue under ``context`` without translating it now (a
    text declared at import time); typed, unlike QtCore's."""
    return text


#: The kinds of record as the window names them in its questions and undo steps.
_KIND_NAMES = {
    "event": QT_TRANSLATE_NOOP("RecordKind", "event"),
    "delegation": QT_TRANSLATE_NOOP("RecordKind", "delegation"),
    "participant": QT_TRANSLATE_NOOP("RecordKind", "participant"),
    "partner city": QT_TRANSLATE_NOOP("RecordKind", "partner city"),
    "venue": QT_TRANSLATE_NOOP("RecordKind", "venue"),
    "thematic area": QT_TRANSLATE_NOOP("RecordKind", "thematic area"),
    "knowledge product": QT_TRANSLATE_NOOP("RecordKind", "knowledge product"),
    "study tour": QT_TRANSLATE_NOOP("RecordKind", "study tour"),
    "tour day": QT_TRANSLATE_NOOP("RecordKind", "tour day"),
    "travel leg": QT_TRANSLATE_NOOP("RecordKind", "travel leg"),
    "travel time": QT_TRANSLATE_NOOP("RecordKind", "travel time"),
    "hotel night": QT_TRANSLATE_NOOP("RecordKind", "hotel night"),
    "theme": QT_TRANSLATE_NOOP("RecordKind", "theme"),
    "record": QT_TRANSLATE_NOOP("RecordKind", "record"),
    "host": QT_TRANSLATE_NOOP("RecordKind", "host"),
    "conference": QT_TRANSLATE_NOOP("RecordKind", "conference"),
    "latitude": QT_TRANSLATE_NOOP("RecordKind", "latitude"),
    "longitude": QT_TRANSLATE_NOOP("RecordKind", "longitude"),
}


def kind_name(record_kind: str) -> str:
    """A kind of record in the window's language (a kind without a name here as is)."""
    return (
        translate("RecordKind", _KIND_NAMES[record_kind])
        if record_kind in _KIND_NAMES
        else record_kind
    )


SYSTEM = "system"
"""The stored choice that follows the system's language."""

_JAPAN = QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)
_STARTING_LOCALE = QLocale()
"""The system's locale, as Qt read it on starting."""


def window_locale(language: str, system: QLocale) -> QLocale:
    """The locale the window writes numbers and dates in, speaking ``language`` on a
    system of locale ``system``: Japan's in Japanese; in English, the system's where it
    is an English one (a British laptop keeps its 18/10/2027), else English in the
    system's region (a Tokyo laptop's English window writes Mon 18 Oct 2027 in Japan's
    order of day, month and year, not 月 18 10月 2027)."""
    if language == i18n.JAPANESE:
        return _JAPAN
    if system.language() == QLocale.Language.English:
        return system
    return QLocale(QLocale.Language.English, system.territory())


# The installed translators, kept so Python does not collect them while Qt uses them.
_installed: list[QTranslator] = []


def stored_choice(settings: QSettings) -> str:
    """The language chosen in Preferences: ``system``, ``en`` or ``ja``."""
    choice = options.read_str(settings, options.LANGUAGE, SYSTEM)
    return choice if choice in i18n.LANGUAGES else SYSTEM


def store_choice(settings: QSettings, choice: str) -> None:
    settings.setValue(options.LANGUAGE, choice if choice in i18n.LANGUAGES else SYSTEM)


def system_language() -> str:
    """The language the system asks for: the environment's as gettext reads it (so the
    window and the command line agree), else Qt's reading of the platform's locale."""
    found = i18n.system_language()
    if found != i18n.ENGLISH:
        return found
    return i18n.supported(QLocale.system().name()) or i18n.ENGLISH


def qm_path(language: str) -> str:
    return str(resource_path("translations", f"{i18n.DOMAIN}_{language}.qm"))


def install(language: str | None) -> str:
    """Speak ``language`` (None: the system's) in the window and the core from now on,
    before any widget is made; returns the language chosen."""
    app = QCoreApplication.instance()
    assert app is not None, "install translations after the application is created"
    chosen = i18n.use_language(language or system_language())
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(window_locale(chosen, _STARTING_LOCALE))
    if chosen == i18n.ENGLISH:
        return chosen
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for translator in (QTranslator(app), QTranslator(app)):
        _installed.append(translator)
    qt_own, program = _installed
    # A missing catalogue leaves the texts in English: Qt says so by returning False.
    if not qt_own.load(f"qtbase_{chosen}", qt_folder) or not app.installTranslator(qt_own):
        _installed.remove(qt_own)
    if not program.load(qm_path(chosen)) or not app.installTranslator(program):
        _installed.remove(program)
    return chosen
