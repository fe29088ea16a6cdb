"""Every setting the window keeps between runs, declared in one place.

Stored with :class:`QSettings` under the organisation and application names, so each
platform keeps them where it keeps such things. Tests point QSettings at a temporary
folder (``QSettings.setPath``) and never touch the user's own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from cpp_scheduler import APP_NAME, ORGANISATION

#: Bumped when the meaning of a stored key changes; older settings are then upgraded.
SETTINGS_VERSION = 1

GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
SPLITTER = "window/splitter"
LAST_VIEW = "view/last"
DISPLAY_ZONE = "view/zone"
FILTERS = "view/filters"
AGENDA_HIDDEN_COLUMNS = "view/agenda-hidden-columns"
"""The Agenda's columns the coordinator hid with its header's menu, by name."""
WELCOME_DISMISSED = "welcome/dismissed"
"""The databases (by name) whose coordinator chose to start empty: no welcome panel."""
RECENT_DATABASES = "databases/recent"
"""File > Open recent: the databases opened last (their names: a path, or a URL without
its password), newest first, at most :data:`RECENT_LIMIT`."""
RECENT_LIMIT = 8
AUTHOR = "user/author"
"""The name this coordinator's changes are written under in the history; empty: the
system's user name."""

LANGUAGE = "general/language"
"""Preferences > Language: ``system``, ``en`` or ``ja``, read at the start."""
VERSION = "settings/version"


def open_settings() -> QSettings:
    """The application's settings store (INI files, the same on every platform)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APP_NAME)


def upgrade(settings: QSettings) -> None:
    """Bring settings written by an older version to the current meaning of each key."""
    version = int(str(settings.value(VERSION, 0) or 0))
    if version < SETTINGS_VERSION:
        settings.setValue(VERSION, SETTINGS_VERSION)


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def read_str(settings: QSettings, key: str, default: str = "") -> str:
    value = settings.value(key, default)
    return value if isinstance(value, str) else default


def read_list(settings: QSettings, key: str) -> list[str]:
    value = settings.value(key, [])
    if isinstance(value, str):  # an INI file gives a list of one as a plain string
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []


def read_dict(settings: QSettings, key: str) -> dict[str, Any]:
    settings.beginGroup(key)
    try:
        return {name: settings.value(name) for name in settings.childKeys()}
    finally:
        settings.endGroup()


def write_dict(settings: QSettings, key: str, values: dict[str, str]) -> None:
    settings.remove(key)
    settings.beginGroup(key)
    try:
        for name, value in values.items():
            settings.setValue(name, value)
    finally:
        settings.endGroup()


def recent_databases(settings: QSettings) -> list[str]:
    """The databases of File > Open recent, newest first."""
    return read_list(settings, RECENT_DATABASES)[:RECENT_LIMIT]


def forget_database(settings: QSettings, name: str) -> None:
    """Take ``name`` off the recent databases (one that no longer exists)."""
    recent = [other for other in recent_databases(settings) if other != name]
    settings.setValue(RECENT_DATABASES, recent)


def remember_database(settings: QSettings, name: str) -> None:
    """Put ``name`` first among the recent databases (once), keeping the newest eight."""
    recent = [name, *(other for other in recent_databases(settings) if other != name)]
    settings.setValue(RECENT_DATABASES, recent[:RECENT_LIMIT])
