"""Where the mail settings live: one JSON file the window writes and the CLI reads.

The password is not in it: it is in the system keyring
(:func:`cpp_scheduler.mail.transports.keyring_password`).

The file has no version of its own, so what a window read of it is its content's digest
(:class:`SettingsAsRead`): a save carries it, and is refused over a file changed since
(:class:`SettingsChangedError`), as a save of a record is over a colleague's change.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.files import write_atomically
from cpp_scheduler.i18n import _
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.transports import Security, SmtpSettings

SETTINGS_ENV = "CPP_SCHEDULER_MAIL_SETTINGS"


@dataclass(frozen=True, slots=True)
class MailSettings:
    smtp: SmtpSettings | None = None
    sender: Organizer | None = None
    """Who sends for events that name no organiser."""
    rate_per_minute: int | None = None


def settings_path() -> Path:
    override = os.environ.get(SETTINGS_ENV)
    if override:
        return Path(override)
    return platformdirs.user_config_path("cpp-scheduler") / "mail.json"


NO_FILE = ""
"""The digest of settings read where there was no file yet (:func:`content_digest`)."""


@dataclass(frozen=True, slots=True)
class SettingsAsRead:
    """The settings as an editor read them, with what its save carries."""

    settings: MailSettings
    read_as: str
    """The digest of the file as read (:func:`content_digest`), :data:`NO_FILE` for none."""
    problem: str | None = None
    """Why the file's settings could not be taken (then empty): said to the coordinator,
    who writes them anew over that very file."""


class SettingsChangedError(SchedulerError):
    """The settings file was written since an editor read it; nothing was saved."""


def content_digest(content: bytes | None) -> str:
    """What a file's ``content`` is known by (None: there is no file): a save compares
    the file it would write over with the one its editor read."""
    return NO_FILE if content is None else hashlib.sha256(content).hexdigest()


def read_mail_settings(path: Path | None = None) -> MailSettings:
    """The settings in ``path`` (the usual place without it); none when there is no file.

    ``{"smtp": {"host": ..., "port": 587, "security": "starttls", "user": ...},
    "sender": {"name": ..., "email": ...}, "rate_per_minute": 30}``
    """
    path = path or settings_path()
    content = _content(path)
    return MailSettings() if content is None else _settings_in(content, path)


def read_for_editing(path: Path | None = None) -> SettingsAsRead:
    """The settings in ``path`` (the usual place without it) as an editor reads them,
    with the file's digest, which its save carries. Settings the file holds but that
    cannot be taken (a file cut short, a hand edit) come as none and the problem, so the
    coordinator can write them anew; a file the system does not let be read is refused
    as :func:`read_mail_settings` refuses it."""
    path = path or settings_path()
    content = _content(path)
    if content is None:
        return SettingsAsRead(MailSettings(), NO_FILE)
    try:
        return SettingsAsRead(_settings_in(content, path), content_digest(content))
    except SchedulerError as error:
        return SettingsAsRead(MailSettings(), content_digest(content), str(error))


def _content(path: Path) -> bytes | None:
    """The file's bytes; None when there is no file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise SchedulerError(
            _("the mail settings in {path} cannot be read: {error}").format(path=path, error=error)
        ) from error


def _settings_in(content: bytes, path: Path) -> MailSettings:
    try:
        data = json.loads(content.decode("utf-8"))
    except ValueError as error:
        raise SchedulerError(
            _("the mail settings in {path} cannot be read: {error}").format(path=path, error=error)
        ) from error
    try:
        smtp = data.get("smtp")
        sender = data.get("sender")
        rate = data.get("rate_per_minute")
        return MailSettings(
            SmtpSettings(
                str(smtp["host"]),
                int(smtp.get("port", 587)),
                Security(smtp.get("security", "starttls")),
                str(smtp.get("user", "")),
            )
            if smtp
            else None,
            Organizer(str(sender["name"]), str(sender["email"])) if sender else None,
            int(rate) if rate else None,
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise SchedulerError(
            _("the mail settings in {path} are not valid: {error}").format(
                path=path, error=repr(error)
            )
        ) from error


def write_mail_settings(settings: MailSettings, path: Path | None = None) -> Path:
    """Save the settings where :func:`read_mail_settings` reads them (no password)."""
    path = path or settings_path()
    data: dict[str, object] = {}
    if settings.smtp is not None:
        data["smtp"] = {
            "host": settings.smtp.host,
            "port": settings.smtp.port,
            "security": settings.smtp.security.value,
            "user": settings.smtp.user,
        }
    if settings.sender is not None:
        data["sender"] = {"name": settings.sender.name, "email": settings.sender.email}
    if settings.rate_per_minute:
        data["rate_per_minute"] = settings.rate_per_minute
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_atomically(path, text.encode("utf-8"))
    return path
