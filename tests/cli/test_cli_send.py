"""``cpp-scheduler send invitations|updates`` on the demo program, with the commands the
README gives: ``--from`` is asked for only when an event of the batch names no
organiser, a dry run lists what it can without it and names the events that wait, and a
send refuses before its first message."""

from __future__ import annotations

import email
import shutil
from datetime import timedelta
from email.message import EmailMessage
from email.policy import default
from email.utils import parseaddr
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.mail.settings import SETTINGS_ENV
from cpp_scheduler.model import Event
from cpp_scheduler.services import invitations
from cpp_scheduler.store import open_database

OPENING = "Study tour opening and briefing at TDLC"
VISIT = "Site visit: Minato Mirai 21 smart city showcase"
TOUR = "Peru study tour: compact, resilient and smart cities"
ORGANISER = "keiko.tanaka@example.org"


@pytest.fixture
def demo(demo_sqlite_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the demo program to send from, and no mail settings: no sender at all."""
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "no-mail-settings.json"))
    path = tmp_path / "program.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    return str(path)


def uid_of(database_path: str, title: str) -> str:
    database = open_database(database_path)
    try:
        with database.session() as session:
            return session.scalars(select(Event.uid).where(Event.title == title)).one()
    finally:
        database.close()


def without_organiser(database_path: str, title: str, moved: timedelta = timedelta()) -> str:
    """Leave the event called ``title`` without an organiser, ``moved`` on; its UID."""
    database = open_database(database_path)
    try:
        with database.transaction() as session:
            event = session.scalars(select(Event).where(Event.title == title)).one()
            event.organiser = None
            event.start_utc += moved
            event.end_utc += moved
            uid = event.uid
    finally:
        database.close()
    return uid


def moved_an_hour(database_path: str, title: str) -> None:
    """Move the event called ``title`` an hour later, as a drag does."""
    database = open_database(database_path)
    try:
        with database.transaction() as session:
            event = session.scalars(select(Event).where(Event.title == title)).one()
            event.start_utc += timedelta(hours=1)
            event.end_utc += timedelta(hours=1)
    finally:
        database.close()


def outbox_senders(outbox: Path) -> set[str]:
    senders = set()
    for path in outbox.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        assert isinstance(message, EmailMessage)
        senders.add(parseaddr(str(message["From"]))[1])
    return senders


def ledger_size(database_path: str) -> int:
    database = open_database(database_path)
    try:
        return len(invitations.ledger(database))
    finally:
        database.close()


def test_the_readmes_commands_need_no_sender_when_every_event_names_its_organiser(
    demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outbox = tmp_path / "outbox"
    event = ["--db", demo, "send", "invitations", "--event", uid_of(demo, OPENING)]
    assert main([*event, "--outbox", str(outbox), "--dry-run"]) == 0
    said = capsys.readouterr()
    assert "9 to send, 0 sent already" in said.out
    assert said.out.count("would send REQUEST ") == 9
    assert said.err == ""
    assert not outbox.exists()

    assert main([*event, "--outbox", str(outbox)]) == 0
    assert "sent 9 of 9" in capsys.readouterr().out
    assert outbox_senders(outbox) == {ORGANISER}

    tour = ["--db", demo, "send", "invitations", "--tour", TOUR, "--outbox", str(outbox)]
    assert main(tour) == 0
    assert "sent 56 of 56 (8 had been sent already)" in capsys.readouterr().out
    # Updates invite nobody left out of the batches (the tour's events' participants
    # outside its delegation); the opening moved an hour is due to the 9 it was sent to.
    updates = ["--db", demo, "send", "updates", "--outbox", str(outbox)]
    assert main([*updates, "--dry-run"]) == 0
    assert capsys.readouterr().out == "0 to send: everyone has been told the program as it is now\n"
    moved_an_hour(demo, OPENING)
    assert main([*updates, "--dry-run"]) == 0
    said = capsys.readouterr()
    assert said.out.endswith("\n9 to send\n")
    assert said.err == ""
    assert main(updates) == 0
    assert "sent 9 of 9 updates" in capsys.readouterr().out
    assert outbox_senders(outbox) == {ORGANISER}


def test_an_event_without_organiser_is_named_and_nothing_is_sent_without_a_sender(
    demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    visit = without_organiser(demo, VISIT)
    outbox = tmp_path / "outbox"
    tour = ["--db", demo, "send", "invitations", "--tour", TOUR, "--outbox", str(outbox)]
    assert main([*tour, "--dry-run"]) == 0
    said = capsys.readouterr()
    assert "would send REQUEST " in said.out
    assert visit not in said.out
    assert said.err == (
        f"note: '{VISIT}' names no organiser: its messages to 8 recipients wait for a sender\n"
        "note: give --from 'Name <email>' to sign them, or an organiser to each of these "
        "events\n"
    )

    assert main(tour) == 2
    said = capsys.readouterr()
    assert said.err == (
        f"cpp-scheduler: give --from 'Name <email>': 1 event names no organiser: '{visit}'\n"
    )
    assert not outbox.exists()
    assert ledger_size(demo) == 0

    assert main([*tour, "--from", "TDLC CPP team <cpp@tdlc.example.org>"]) == 0
    assert "sent 64 of 64" in capsys.readouterr().out
    assert outbox_senders(outbox) == {ORGANISER, "cpp@tdlc.example.org"}


def test_updates_list_every_change_and_wait_for_a_sender_only_where_one_is_needed(
    demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outbox = tmp_path / "outbox"
    sender = ["--from", "TDLC CPP team <cpp@tdlc.example.org>"]
    tour = ["--db", demo, "send", "invitations", "--tour", TOUR, "--outbox", str(outbox)]
    updates = ["--db", demo, "send", "updates", "--outbox", str(outbox)]
    assert main(tour) == 0
    assert main(updates) == 0
    capsys.readouterr()
    # The site visit loses its organiser and moves an hour on: its participants are told
    # once someone signs for it.
    visit = without_organiser(demo, VISIT, moved=timedelta(hours=1))
    assert main([*updates, "--dry-run"]) == 0
    said = capsys.readouterr()
    *listed, count = said.out.splitlines()
    assert listed
    assert all(line.startswith(f"would send REQUEST '{VISIT}' to ") for line in listed)
    assert count == f"{len(listed)} to send"
    assert said.err == (
        f"note: '{VISIT}' names no organiser: its messages to {len(listed)} recipients wait "
        "for a sender\n"
        "note: give --from 'Name <email>' to sign them, or an organiser to each of these "
        "events\n"
    )
    assert main(updates) == 2
    assert f"1 event names no organiser: '{visit}'" in capsys.readouterr().err
    assert main([*updates, *sender]) == 0
    assert f"sent {len(listed)} of {len(listed)} updates" in capsys.readouterr().out
    assert main([*updates, "--dry-run"]) == 0
    assert capsys.readouterr() == (
        "0 to send: everyone has been told the program as it is now\n",
        "",
    )
