"""A Japanese name keeps the full-width space between its family and given name (山田　太郎):
the sender the Mail settings window saves is read back, signs invitations, and names
the author of a change. Only a line break or another control character is refused,
and a sender the reader would refuse is never saved.

Names were checked with ``str.isprintable``, which counts U+3000, a no-break space and
a zero-width space as unprintable: the window saved 山田　太郎 as the sender, and every
send, and the window itself on opening, then refused the settings file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.addresses import read_organizer
from cpp_scheduler.mail.settings import SETTINGS_ENV, read_mail_settings
from cpp_scheduler.services import mail_setup
from cpp_scheduler.store.authors import AuthorError, checked_author

NAMES = ["山田\u3000太郎", "Ana\u00a0Lucía", "Zero\u200bwidth", "ابراهیم\u200cزاده"]
"""A full-width space, a no-break space, a zero-width space, a zero-width non-joiner
(as in a Persian name)."""


@pytest.mark.parametrize("name", NAMES)
def test_a_sender_named_with_a_wide_space_is_saved_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / "mail.json"
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    sender = Organizer(name, "tdlc@example.org")
    smtp = mail_setup.SmtpSettings("smtp.example.org", 587, mail_setup.Security.STARTTLS, "")
    mail_setup.save_settings(mail_setup.MailSettings(smtp, sender))

    assert read_mail_settings().sender == sender
    assert read_organizer(f"{name} <tdlc@example.org>") == sender
    assert checked_author(name) == name


@pytest.mark.parametrize("broken", ["Yamada\nTaro", "Yamada\rTaro", "Yamada\u2028Taro"])
def test_a_name_with_a_line_break_is_refused_and_nothing_is_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    path = tmp_path / "mail.json"
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    sender = Organizer(broken, "tdlc@example.org")

    with pytest.raises(SchedulerError, match="line break or another control character"):
        mail_setup.save_settings(mail_setup.MailSettings(None, sender))
    assert not path.exists()
    with pytest.raises(SchedulerError):
        read_organizer(f"{broken} <tdlc@example.org>")
    with pytest.raises(AuthorError):
        checked_author(broken)
