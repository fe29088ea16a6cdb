"""Mail settings are saved whole or not at all: the settings file and the password the
system keyring keeps for its server never disagree after a refused save.

A full disk refuses the file before the keyring is touched; a keyring that refuses the
password (locked, or no keyring service on the laptop) leaves the file as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from cpp_scheduler.files import FileWriteError
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.mail.transports import TransportError, keyring_password
from cpp_scheduler.services import mail_setup
from tests.disks import fill_up
from tests.mail.login_server import MemoryKeyring, memory_keyring

SENDER = Organizer("TDLC", "tdlc@example.org")


def settings_for(host: str) -> mail_setup.MailSettings:
    smtp = mail_setup.SmtpSettings(host, 587, mail_setup.Security.STARTTLS, "aiko")
    return mail_setup.MailSettings(smtp, SENDER)


@pytest.fixture
def kept() -> Iterator[MemoryKeyring]:
    with memory_keyring() as held:
        yield held


def test_a_full_disk_refuses_the_save_and_leaves_the_password_as_it_was(
    kept: MemoryKeyring,
    small_disk_of: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk = small_disk_of("64k")
    path = disk / "mail.json"
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    first = settings_for("smtp.example.org")
    mail_setup.save_settings(first, "old-password")
    before = path.read_bytes()
    fill_up(disk)

    with pytest.raises(FileWriteError, match=r"mail\.json.*(full|space)"):
        mail_setup.save_settings(settings_for("smtp.example.org"), "new-password")

    assert path.read_bytes() == before
    assert first.smtp is not None
    assert keyring_password(first.smtp) == "old-password"


@pytest.mark.parametrize("saved_before", [True, False], ids=["over-a-file", "first-save"])
def test_a_keyring_that_refuses_the_password_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saved_before: bool
) -> None:
    path = tmp_path / "mail.json"
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    if saved_before:
        with memory_keyring():
            mail_setup.save_settings(settings_for("old.example.org"), "old-password")
    before = path.read_bytes() if saved_before else None
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        with pytest.raises(TransportError, match="the system keyring did not keep the password"):
            mail_setup.save_settings(settings_for("new.example.org"), "new-password")
    finally:
        keyring.set_keyring(previous)

    if before is None:
        assert not path.exists()
    else:
        assert path.read_bytes() == before
    assert [found.name for found in tmp_path.iterdir()] == (["mail.json"] if before else [])
