"""What a coordinator reading Japanese is told by the services: a lost connection in the
status bar, a refused revert, a refused series rule and the line after a test message."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.model import Event, EventKind, recurrence
from cpp_scheduler.services import editing
from cpp_scheduler.services.history import RevertError, history_of, revert_change
from cpp_scheduler.services.live import ChangeNotice, ChangeWatcher
from cpp_scheduler.services.mail_setup import (
    MailSettings,
    Security,
    SmtpSettings,
    TransportError,
    send_test_message,
)
from cpp_scheduler.store import Database
from tests.mail.smtpserver import Server, free_port, smtp_server

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


@pytest.fixture
def plain_server() -> Iterator[Server]:
    with smtp_server(starttls=False) as server:
        yield server


def test_a_lost_connection_is_said_in_japanese_in_the_status_line(japanese: None) -> None:
    # Nothing listens on this port: every attempt to listen for changes fails at once.
    url = make_url(f"postgresql+psycopg://coordinator@127.0.0.1:{free_port()}/cpp")
    database = Database(url, create_engine(url))
    notices: queue.Queue[ChangeNotice] = queue.Queue()
    statuses: queue.Queue[str | None] = queue.Queue()
    watcher = ChangeWatcher(database, notices.put, statuses.put)
    watcher.start()
    try:
        status = statuses.get(timeout=15)
    finally:
        watcher.stop()
        database.engine.dispose()
    assert status is not None
    assert status.startswith(f"{database.name} との接続が切れました（")
    assert status.endswith("）。再接続しています")
    assert "Lost the connection" not in status


def test_a_revert_over_a_later_change_is_refused_in_japanese(
    sqlite_database: Database, japanese: None
) -> None:
    event_id = editing.create(
        sqlite_database,
        Event,
        {
            "title": "Kobe DRR workshop",
            "kind": EventKind.WORKSHOP,
            "start_utc": START,
            "end_utc": START + timedelta(hours=2),
            "zone": "Asia/Tokyo",
        },
    )
    editing.change(sqlite_database, Event, event_id, {"title": "Kobe DRR peer workshop"}, 1)
    renamed = history_of(sqlite_database, event_id)[-1]
    editing.change(sqlite_database, Event, event_id, {"title": "Kobe resilience workshop"}, 2)

    with pytest.raises(RevertError) as refusal:
        revert_change(sqlite_database, renamed.change_id)

    assert str(refusal.value) == (
        "イベント 'Kobe resilience workshop' のこの変更は元に戻せません: title がその後"
        "また変更されています。先に後の変更を元に戻してください"
    )


def test_a_series_without_an_end_is_refused_in_japanese(japanese: None) -> None:
    with pytest.raises(recurrence.RecurrenceError) as refusal:
        recurrence.problem_starts("FREQ=WEEKLY", START, "Asia/Tokyo")
    assert str(refusal.value) == (
        "繰り返しには終わりが必要です: 回数（COUNT）か最終日（UNTIL）を指定してください。"
    )
    with pytest.raises(recurrence.RecurrenceError) as misplaced:
        recurrence.problem_starts("FREQ=WEEKLY;COUNT=4;BYMONTHDAY=3", START, "Asia/Tokyo")
    assert str(misplaced.value).endswith(": RFC 5545 では、毎週の規則で BYMONTHDAY は使えません。")


def test_the_test_message_is_reported_in_japanese(plain_server: Server, japanese: None) -> None:
    settings = MailSettings(
        SmtpSettings("127.0.0.1", plain_server.port, Security.NONE),
        Organizer("Keiko Tanaka", "keiko.tanaka@tdlc.example"),
    )

    said = send_test_message(settings, "coordinator@tdlc.example")

    server = f"127.0.0.1:{plain_server.port}"
    assert (
        said == f"{server} を経由して coordinator@tdlc.example にテストメッセージを送信しました。"
    )
    [message] = plain_server.mailbox.messages
    assert message["Subject"] == "CPP Scheduler: テストメッセージ"
    assert message.get_content().startswith(f"このメッセージは {server} を経由して送信されました。")


def test_without_a_mail_server_the_refusal_is_in_japanese(japanese: None) -> None:
    with pytest.raises(TransportError) as refusal:
        send_test_message(MailSettings(), "coordinator@tdlc.example")
    assert str(refusal.value) == "メールサーバーが設定されていません"
