"""The mail settings as the window edits them, and the test message that proves them.

The window asks these (off the GUI thread) and never the mail package itself, as it asks
every other service: the settings file the CLI reads too, the password kept in the
system keyring and nowhere else.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from cpp_scheduler.errors import SchedulerError, shown_path
from cpp_scheduler.files import folder_held, write_atomically
from cpp_scheduler.i18n import _
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.messages import trial_message
from cpp_scheduler.mail.settings import (
    MailSettings,
    SettingsAsRead,
    SettingsChangedError,
    content_digest,
    read_for_editing,
    read_mail_settings,
    settings_content,
    settings_path,
    write_mail_settings,
)
from cpp_scheduler.mail.transports import (
    OutboxTransport,
    Security,
    SmtpSettings,
    SmtpTransport,
    Transport,
    TransportError,
    store_password,
)
from cpp_scheduler.model.validation import email_problem

__all__ = [
    "MailSettings",
    "Organizer",
    "Security",
    "SettingsAsRead",
    "SettingsChangedError",
    "SmtpSettings",
    "TransportError",
    "read_for_editing",
    "read_mail_settings",
    "save_settings",
    "send_test_message",
    "transport_for",
]


def save_settings(
    settings: MailSettings, password: str | None = None, *, read_as: str | None = None
) -> Path:
    """Write the settings file; a password given goes to the keyring, never the file. A
    server no connection could reach (:meth:`SmtpSettings.problem`) is refused first.

    ``read_as``: the digest of the file as the editor read it (:func:`read_for_editing`);
    a file written since (another window, a hand edit) refuses the save, nothing
    written, as a save of a record is refused over a colleague's change
    (:class:`SettingsChangedError`). The comparison and the writing are one step no
    other save of this program comes between (:func:`~cpp_scheduler.files.folder_held`).

    Saved whole or not at all: the file is written first (a folder that refuses it
    leaves the keyring as it was), and a keyring that then refuses the password puts
    the file back as it was, so the settings never name a server whose password is
    another's."""
    problem = settings.smtp.problem() if settings.smtp is not None else None
    if problem is not None:
        raise TransportError(problem)
    sender = settings.sender
    address = email_problem("email", sender.email) if sender is not None else None
    if address is not None:  # as ``send --from`` refuses it: every invitation is signed so
        raise TransportError(address.message)
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with folder_held(path.parent):
        return _save_held(settings, password, read_as, path)


def _save_held(
    settings: MailSettings, password: str | None, read_as: str | None, path: Path
) -> Path:
    """:func:`save_settings` once the folder is held."""
    # Read as the settings are read: a regular file of a bounded size, never a pipe.
    before = settings_content(path)
    if read_as is not None and content_digest(before) != read_as:
        raise SettingsChangedError(
            _(
                "the mail settings in {path} were changed elsewhere since you opened them "
                "(in another window, or by hand); nothing was saved: open Mail settings "
                "again and apply your change again"
            ).format(path=shown_path(path))
        )
    write_mail_settings(settings, path)
    if password and settings.smtp is not None and settings.smtp.user:
        try:
            store_password(settings.smtp, password)
        except TransportError:
            # The keyring's refusal is what the coordinator is told, even where the
            # file cannot be put back either.
            with contextlib.suppress(OSError, SchedulerError):
                if before is None:
                    path.unlink(missing_ok=True)
                else:
                    write_atomically(path, before)
            raise
    return path


def transport_for(settings: MailSettings, outbox: Path | None = None) -> Transport:
    """The outbox folder when one is given, else the server of the settings."""
    if outbox is not None:
        return OutboxTransport(outbox)
    if settings.smtp is None:
        raise TransportError(_("no mail server is set: open Mail settings first"))
    return SmtpTransport(settings.smtp)


def send_test_message(settings: MailSettings, recipient: str) -> str:
    """Send the short test message to ``recipient``; what to tell the coordinator."""
    if settings.smtp is None:
        raise TransportError(_("no mail server is set"))
    if settings.sender is None:
        raise TransportError(_("say who sends: the sender's name and address"))
    address = email_problem("email", recipient, required=True)
    if address is not None:
        raise TransportError(address.message)
    server = f"{settings.smtp.host}:{settings.smtp.port}"
    transport = SmtpTransport(settings.smtp)
    try:
        transport.send(trial_message(settings.sender, recipient, server))
    finally:
        transport.close()
    return _("A test message went to {recipient} through {server}.").format(
        recipient=recipient, server=server
    )
