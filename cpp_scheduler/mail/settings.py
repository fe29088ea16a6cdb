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
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from cpp_scheduler import limits
from cpp_scheduler.errors import SchedulerError, printable, quoted, shown_path, system_reason
from cpp_scheduler.files import write_atomically
from cpp_scheduler.i18n import _
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.transports import HIGHEST_PORT as _HIGHEST_PORT
from cpp_scheduler.mail.transports import Security, SmtpSettings
from cpp_scheduler.model.validation import email_problem, holds_control, holds_half_pair

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
    content = settings_content(path)
    return MailSettings() if content is None else _settings_in(content, path)


def read_for_editing(path: Path | None = None) -> SettingsAsRead:
    """The settings in ``path`` (the usual place without it) as an editor reads them,
    with the file's digest, which its save carries. Settings the file holds but that
    cannot be taken (a file cut short, a hand edit) come as none and the problem, so the
    coordinator can write them anew; a file the system does not let be read is refused
    as :func:`read_mail_settings` refuses it."""
    path = path or settings_path()
    content = settings_content(path)
    if content is None:
        return SettingsAsRead(MailSettings(), NO_FILE)
    try:
        return SettingsAsRead(_settings_in(content, path), content_digest(content))
    except SchedulerError as error:
        return SettingsAsRead(MailSettings(), content_digest(content), str(error))


def settings_content(path: Path) -> bytes | None:
    """The file's bytes; None when there is no file. Only a regular file no larger than
    :data:`~cpp_scheduler.limits.MAX_MAIL_SETTINGS_BYTES` is read: a named pipe in its
    place would hold the reading forever, and a file of gigabytes would fill the memory."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise _unreadable(path, _("it is not a regular file (a folder, a pipe or a device)"))
        if status.st_size > limits.MAX_MAIL_SETTINGS_BYTES:
            raise _unreadable(path, _too_large(status.st_size))
        with open(path, "rb") as stream:
            content = stream.read(limits.MAX_MAIL_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _unreadable(path, system_reason(error)) from error
    if len(content) > limits.MAX_MAIL_SETTINGS_BYTES:  # it grew while it was read
        raise _unreadable(path, _too_large(len(content)))
    return content


def _unreadable(path: Path, reason: str) -> SchedulerError:
    return SchedulerError(
        _("the mail settings in {path} cannot be read: {error}").format(
            path=shown_path(path), error=printable(reason, 200)
        )
    )


def _too_large(size: int) -> str:
    return _("the file is {size}, larger than the {largest} mail settings may be").format(
        size=limits.size_text(size), largest=limits.size_text(limits.MAX_MAIL_SETTINGS_BYTES)
    )


class _InvalidValueError(Exception):
    """What is wrong with one value of the file, said by :func:`_settings_in`."""


def _settings_in(content: bytes, path: Path) -> MailSettings:
    """The settings ``content`` holds, each value held to what the Mail settings window
    can write, so a hand edit or a damaged file is refused in one line naming the value,
    never taken for something else: a port that is no port, a sender whose address
    would put a second address in every message's From."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # RecursionError: nested too deep
        raise _unreadable(path, str(error)) from error
    try:
        return _checked(data)
    except _InvalidValueError as problem:
        raise SchedulerError(
            _("the mail settings in {path} are not valid: {error}").format(
                path=shown_path(path), error=str(problem)
            )
        ) from None


def _checked(data: object) -> MailSettings:
    """The settings ``data`` (the file's JSON) holds, or :class:`_InvalidValueError`."""
    if not isinstance(data, dict):
        raise _InvalidValueError(
            _("the file must hold one JSON object, as the Mail settings window writes")
        )
    smtp = _object(data, "smtp")
    sender = _object(data, "sender")
    rate = _whole_number(data, "rate_per_minute", "rate_per_minute", 0, None, None)
    return MailSettings(
        _server(smtp) if smtp else None,
        _sender(sender) if sender else None,
        rate or None,
    )


def _object(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    value = data.get(key)
    if value is None or isinstance(value, dict):
        return value
    raise _InvalidValueError(_("{field} must be an object").format(field=key))


def _text(data: dict[str, Any], key: str, field: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if value is None:
        raise _InvalidValueError(_("{field} is missing").format(field=field))
    if not isinstance(value, str):
        raise _InvalidValueError(_("{field} must be a text").format(field=field))
    if holds_control(value):
        raise _InvalidValueError(
            _("{field} {value} holds a line break or another control character").format(
                field=field, value=quoted(value)
            )
        )
    if holds_half_pair(value):
        raise _InvalidValueError(
            _("{field} {value} holds half of a surrogate pair, which no message can carry").format(
                field=field, value=quoted(value.encode("utf-8", "replace").decode("utf-8"))
            )
        )
    return value


def _whole_number(
    data: dict[str, Any],
    key: str,
    field: str,
    lowest: int,
    highest: int | None,
    default: int | None,
) -> int | None:
    value = data.get(key, default)
    if value is None:
        return None
    # JSON's true and false are no numbers, nor 587.5; 1e400 is infinity.
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < lowest
        or (highest is not None and value > highest)
    ):
        shown = quoted(json.dumps(value, ensure_ascii=False))  # "587", text, is no number
        if highest is None:
            message = _("{field} is {value}, not a whole number of {lowest} or more")
        else:
            message = _("{field} is {value}, not a whole number from {lowest} to {highest}")
        raise _InvalidValueError(
            message.format(field=field, value=shown, lowest=lowest, highest=highest)
        )
    return value


def _server(smtp: dict[str, Any]) -> SmtpSettings:
    port = _whole_number(smtp, "port", "smtp.port", 1, _HIGHEST_PORT, 587)
    assert port is not None
    security = _text(smtp, "security", "smtp.security", Security.STARTTLS.value)
    if security not in {choice.value for choice in Security}:
        raise _InvalidValueError(
            _("{field} is {value}, not one of {choices}").format(
                field="smtp.security",
                value=quoted(security),
                choices=", ".join(f"'{choice.value}'" for choice in Security),
            )
        )
    return SmtpSettings(
        _text(smtp, "host", "smtp.host"),
        port,
        Security(security),
        _text(smtp, "user", "smtp.user", ""),
    )


def _sender(sender: dict[str, Any]) -> Organizer:
    """The sender as the window saves one: an address ``send --from`` would take."""
    email = _text(sender, "email", "sender.email")
    problem = email_problem("email", email, required=True)
    if problem is not None:
        raise _InvalidValueError(f"sender.email: {problem.message}")
    return Organizer(_text(sender, "name", "sender.name", "") or email, email)


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
    try:  # never a file its own reader refuses: checked as it will be read
        _checked(data)
    except _InvalidValueError as problem:
        raise SchedulerError(
            _("the mail settings were not saved: {error}").format(error=str(problem))
        ) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_atomically(path, text.encode("utf-8"))
    return path
