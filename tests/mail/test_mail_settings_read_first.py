"""A save of the mail settings carries what its window read, as a save of a record
carries its version: two windows open on the settings, the second to save is refused in
one line and nothing of it is written, neither the file nor the password.

The file has no version of its own: what a window read is its content's digest, and the
comparison and the writing are one step that no other save, of this program's threads or
of another process, comes between."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cpp_scheduler.errors import SchedulerError, shown_path
from cpp_scheduler.files import folder_held
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.settings import SETTINGS_ENV, read_mail_settings
from cpp_scheduler.services import mail_setup
from tests.colleagues import colleagues
from tests.mail.login_server import MemoryKeyring, memory_keyring

SENDER = Organizer("TDLC", "tdlc@example.org")


def settings_for(host: str) -> mail_setup.MailSettings:
    smtp = mail_setup.SmtpSettings(host, 587, mail_setup.Security.STARTTLS, "aiko")
    return mail_setup.MailSettings(smtp, SENDER)


def refusal(path: Path) -> str:
    return (
        f"the mail settings in {shown_path(path)} were changed elsewhere since you opened "
        "them (in another window, or by hand); nothing was saved: open Mail settings again "
        "and apply your change again"
    )


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    settings = tmp_path / "config" / "mail.json"
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    return settings


@pytest.fixture
def kept() -> Iterator[MemoryKeyring]:
    with memory_keyring() as held:
        yield held


def test_the_second_of_two_windows_to_save_is_refused_and_writes_nothing(
    path: Path, kept: MemoryKeyring
) -> None:
    mail_setup.save_settings(settings_for("smtp.example.org"), "first-password")
    aiko = mail_setup.read_for_editing()
    other_window = mail_setup.read_for_editing()
    assert aiko.settings == other_window.settings == settings_for("smtp.example.org")

    mail_setup.save_settings(settings_for("aiko.example.org"), "aiko", read_as=aiko.read_as)
    saved = path.read_bytes()
    with pytest.raises(mail_setup.SettingsChangedError) as refused:
        mail_setup.save_settings(
            settings_for("other.example.org"), "other", read_as=other_window.read_as
        )

    assert str(refused.value) == refusal(path)
    assert path.read_bytes() == saved
    assert mail_setup.read_mail_settings() == settings_for("aiko.example.org")
    assert sorted(kept.passwords.values()) == ["aiko", "first-password"]

    # Read again, the settings save.
    again = mail_setup.read_for_editing()
    mail_setup.save_settings(settings_for("other.example.org"), None, read_as=again.read_as)
    assert mail_setup.read_mail_settings() == settings_for("other.example.org")


def test_settings_first_saved_by_another_window_refuse_the_window_that_found_none(
    path: Path,
) -> None:
    aiko, other_window = mail_setup.read_for_editing(), mail_setup.read_for_editing()
    assert aiko.settings == mail_setup.MailSettings()

    mail_setup.save_settings(settings_for("aiko.example.org"), read_as=aiko.read_as)
    with pytest.raises(mail_setup.SettingsChangedError, match="were changed elsewhere"):
        mail_setup.save_settings(settings_for("other.example.org"), read_as=other_window.read_as)

    assert mail_setup.read_mail_settings() == settings_for("aiko.example.org")


def test_a_broken_file_is_mended_over_and_a_mend_made_meanwhile_is_kept(path: Path) -> None:
    path.parent.mkdir()
    path.write_text('{"smtp": {"host": "127.0.0.1", "po', encoding="utf-8")
    aiko, other_window = mail_setup.read_for_editing(), mail_setup.read_for_editing()
    assert aiko.settings == mail_setup.MailSettings()
    assert "cannot be read" in str(aiko.problem)

    mail_setup.save_settings(settings_for("aiko.example.org"), read_as=aiko.read_as)
    with pytest.raises(mail_setup.SettingsChangedError):
        mail_setup.save_settings(settings_for("other.example.org"), read_as=other_window.read_as)

    assert mail_setup.read_mail_settings() == settings_for("aiko.example.org")


def test_two_windows_saving_at_one_moment_save_one(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both find the file as they read it unless the comparison and the writing are one
    step: the writing is slowed down, so the second's comparison would come before the
    first's writing if nothing held it back."""
    mail_setup.save_settings(settings_for("smtp.example.org"))
    read_as = mail_setup.read_for_editing().read_as
    writing = mail_setup.write_mail_settings

    def slowly(*arguments: Any) -> Path:
        time.sleep(0.3)
        return writing(*arguments)

    monkeypatch.setattr(mail_setup, "write_mail_settings", slowly)
    start = threading.Barrier(2, timeout=30)
    outcomes: dict[str, str] = {}

    def save(host: str) -> None:
        start.wait()
        try:
            mail_setup.save_settings(settings_for(host), read_as=read_as)
            outcomes[host] = "saved"
        except mail_setup.SettingsChangedError as error:
            outcomes[host] = str(error)

    threads = [threading.Thread(target=save, args=(host,)) for host in ("a.example", "b.example")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes.values()) == sorted(["saved", refusal(path)])
    (winner,) = [host for host, outcome in outcomes.items() if outcome == "saved"]
    assert mail_setup.read_mail_settings() == settings_for(winner)


def _save_as_another_program(path: str, read_as: str, told: Any) -> None:
    """Another CPP Scheduler on the same computer saving the settings it read."""
    os.environ[SETTINGS_ENV] = path
    try:
        mail_setup.save_settings(settings_for("elsewhere.example"), read_as=read_as)
        told.put("saved")
    except mail_setup.SettingsChangedError as error:
        told.put(str(error))


def _until_a_process_waits_on(folder: Path, seconds: float = 30) -> None:
    """Return once the system lists a process waiting for its lock on ``folder``
    (``/proc/locks`` marks a waiter ``->``, naming the inode it waits on)."""
    inode = f":{os.stat(folder).st_ino}"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        listed = Path("/proc/locks").read_text(encoding="ascii").splitlines()
        if any("->" in line and line.split()[6].endswith(inode) for line in listed):
            return
        time.sleep(0.01)
    raise AssertionError(f"no process came to wait on {folder} in {seconds} s")


def test_another_program_saving_meanwhile_waits_and_is_refused(path: Path) -> None:
    mail_setup.save_settings(settings_for("smtp.example.org"))
    read_as = mail_setup.read_for_editing().read_as
    context = colleagues()
    told = context.Queue()
    other = context.Process(target=_save_as_another_program, args=(str(path), read_as, told))

    with folder_held(path.parent):  # this program's save, under way
        other.start()
        _until_a_process_waits_on(path.parent)  # the other program's save, meanwhile
        assert mail_setup.read_mail_settings() == settings_for("smtp.example.org")
        mail_setup.write_mail_settings(settings_for("here.example"), path)
    outcome = told.get(timeout=60)
    other.join(timeout=60)

    assert outcome == refusal(path)
    assert mail_setup.read_mail_settings() == settings_for("here.example")


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (
            r'{"smtp": {"host": "mail\ud800.example.org"}, "sender": {"email": "a@b.org"}}',
            "smtp.host",
        ),
        (
            r'{"smtp": {"host": "mail.example.org"}, '
            r'"sender": {"name": "TDLC \ud800", "email": "a@b.org"}}',
            "sender.name",
        ),
    ],
    ids=["host", "sender-name"],
)
def test_settings_holding_half_a_surrogate_pair_are_refused_in_one_line(
    tmp_path: Path, settings: str, field: str
) -> None:
    """A hand-edited or damaged file's ``\\ud800``: Send test ended in a traceback when
    the message could not be written."""
    path = tmp_path / "mail.json"
    path.write_text(settings, encoding="utf-8")
    with pytest.raises(SchedulerError) as refused:
        read_mail_settings(path)
    message = str(refused.value)
    assert message.startswith(f"the mail settings in {path} are not valid: {field} ")
    assert message.endswith("holds half of a surrogate pair, which no message can carry")
