"""Where the mail settings live: one JSON file the window writes and the CLI reads.

The password is not in it: it is in the system keyring
(:func:`cpp_scheduler.mail.transports.keyring_password`).
"""

from __future__ import annotations

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


def read_mail_settings(path: Path | None = None) -> MailSettings:
    """The settings in ``path`` (the usual place without it); none when there is no file.

    ``{"smtp": {"host": ..., "port": 587, "security": "starttls", "user": ...},
    "sender": {"name": ..., "email": ...}, "rate_per_minute": 30}``
    """
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return MailSettings()
    except (OSError, ValueError) as error:
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
