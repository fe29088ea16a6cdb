"""Hostile mail settings and server addresses, as ``cpp-scheduler send`` meets them: a
settings file edited by hand or damaged, a port of thousands of digits. Each is one line
on the error output with a status that is not 0, and nothing is sent: a sender whose
address would put a second address in every message's From is refused before a message
is made, never written into its headers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.mail.settings import SETTINGS_ENV, read_mail_settings
from tests.cli.test_cli_send import VISIT, without_organiser
from tests.hostile import RAW_BREAKS, named_pipe


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "mail.json"
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    return path


def one_line(said: str) -> str:
    (line,) = said.splitlines()
    for character in RAW_BREAKS[2:]:
        assert character not in line
    assert len(line) < 1_000
    return line


SERVER = {"host": "127.0.0.1", "port": 25, "security": "none"}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '{"smtp": {"host": "127.0.0.1", "port": 1e400}}',
            "smtp.port is 'Infinity', not a whole number from 1 to 65535",
        ),
        ('{"rate_per_minute": 1e400}', "rate_per_minute is 'Infinity', not a whole number"),
        ('{"rate_per_minute": -5}', "rate_per_minute is '-5', not a whole number of 0 or more"),
        (
            '{"smtp": {"host": "127.0.0.1", "port": "587"}}',
            "smtp.port is '\"587\"', not a whole number from 1 to 65535",
        ),
        ('{"smtp": {"host": "127.0.0.1", "port": true}}', "smtp.port is 'true', not a whole"),
        (
            '{"smtp": {"host": "127.0.0.1", "security": "ssl"}}',
            "smtp.security is 'ssl', not one of 'starttls', 'tls', 'none'",
        ),
        ('{"smtp": {"port": 25}}', "smtp.host is missing"),
        ("[1, 2]", "the file must hold one JSON object"),
        ("[" * 30_000 + "]" * 30_000, "cannot be read: maximum recursion depth"),
        ("{" + " " * 70_000 + "}", "the file is 68 KiB, larger than the 64 KiB"),
    ],
)
def test_absurd_mail_settings_are_one_line_naming_the_value(
    settings: Path, capsys: pytest.CaptureFixture[str], text: str, said: str
) -> None:
    settings.write_text(text, encoding="utf-8")

    assert main(["send", "test", "--to", "aiko@example.org"]) == 1

    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"cpp-scheduler: the mail settings in {settings} ")
    assert said in line


@pytest.mark.parametrize(
    ("sender", "said"),
    [
        (
            {"name": "TDLC", "email": "tdlc@example.org>, eve@example.net"},
            "sender.email: 'tdlc@example.org>, eve@example.net' is not an email address",
        ),
        (
            {"name": "TDLC", "email": "tdlc@example.org\r\nBcc: eve@example.net"},
            "sender.email 'tdlc@example.org\\r\\nBcc: eve@example.net' holds a line break",
        ),
        (
            {"name": "TDLC\r\nBcc: eve@example.net", "email": "tdlc@example.org"},
            "sender.name 'TDLC\\r\\nBcc: eve@example.net' holds a line break",
        ),
    ],
)
def test_a_sender_that_would_become_headers_is_refused_before_any_message(
    demo_sqlite_path: Path,
    tmp_path: Path,
    settings: Path,
    capsys: pytest.CaptureFixture[str],
    sender: dict[str, str],
    said: str,
) -> None:
    """The settings' sender signs the events that name no organiser; its address went
    into every From as it was written (``From: TDLC <tdlc@example.org>, eve@...``)."""
    database = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, database)
    visit = without_organiser(str(database), VISIT)
    settings.write_text(json.dumps({"smtp": SERVER, "sender": sender}), encoding="utf-8")
    outbox = tmp_path / "outbox"

    command = ["--db", str(database), "send", "invitations", "--event", visit]
    assert main([*command, "--outbox", str(outbox)]) == 1

    said_out = capsys.readouterr()
    assert said_out.out == ""
    assert said in one_line(said_out.err)
    assert not outbox.exists()
    with pytest.raises(SchedulerError):
        read_mail_settings()


def test_a_named_pipe_in_place_of_the_mail_settings_is_refused_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with named_pipe(tmp_path / "mail.json") as pipe:
        monkeypatch.setenv(SETTINGS_ENV, str(pipe))
        assert main(["send", "test", "--to", "aiko@example.org"]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"cpp-scheduler: the mail settings in {pipe} cannot be read: it is not a regular "
        "file (a folder, a pipe or a device)"
    )


@pytest.mark.parametrize(
    ("server", "said"),
    [
        ("127.0.0.1:" + "9" * 5_000, "--smtp: port 99999"),
        ("127.0.0.1:²", "--smtp '127.0.0.1:²' must be HOST:PORT"),
    ],
)
def test_a_port_no_number_holds_is_one_line(
    settings: Path, capsys: pytest.CaptureFixture[str], server: str, said: str
) -> None:
    command = ["send", "test", "--to", "aiko@example.org", "--smtp", server]
    assert main([*command, "--from", "TDLC <tdlc@example.org>"]) == 2
    assert said in one_line(capsys.readouterr().err)
