"""What a coordinator who reads Japanese is told when the database refuses: the
commonest failures, made to happen for real on SQLite files, read in Japanese whole.

The English of the same failures is held by test_save_failures.py and
test_bad_input.py; here each message must be Japanese from end to end, with the
database, the record and the value quoted as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cpp_scheduler.files import FileWriteError, write_atomically
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.store import (
    Database,
    DatabaseLockedError,
    DuplicateValueError,
    StoreError,
    open_database,
)
from cpp_scheduler.store.errors import NotADatabaseError

START = datetime(2027, 2, 15, 1, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Database]:
    """A new SQLite database that gives up on another program's lock after 0.2 s."""
    opened = open_database(tmp_path / "program.sqlite", seed=False, timeout=0.2)
    yield opened
    opened.close()


def _rename(store: Database, event_id: int, title: str) -> None:
    with store.transaction() as session:
        event = session.get(Event, event_id)
        assert event is not None
        event.title = title


@pytest.mark.usefixtures("japanese")
def test_a_save_kept_waiting_by_a_lock_is_told_in_japanese(store: Database) -> None:
    with store.transaction() as session:
        event = Event(
            title="Toyama compact city", start_utc=START, end_utc=START + timedelta(hours=1)
        )
        session.add(event)
    blocker = open_database(store.url.database, seed=False)
    try:
        with blocker.engine.connect() as holder:
            holder.exec_driver_sql("BEGIN IMMEDIATE")
            with pytest.raises(DatabaseLockedError) as caught:
                _rename(store, event.id, "Toyama compact city, day 2")
            holder.rollback()
    finally:
        blocker.close()
    assert str(caught.value) == (
        "イベント 'Toyama compact city, day 2' を保存できません: "
        f"{store.name} はほかのプログラムかユーザーがロックしています（0.2 秒待ちました）。"
        "何も保存していません。少し待ってから、もう一度お試しください"
    )


@pytest.mark.usefixtures("japanese")
def test_a_taken_email_is_told_in_japanese(store: Database) -> None:
    with store.transaction() as session:
        session.add(Participant(name="Ana Quispe", email="ana.quispe@vivienda.gob.pe"))
    with pytest.raises(DuplicateValueError) as caught, store.transaction() as session:
        session.add(Participant(name="Ana Q.", email="ana.quispe@vivienda.gob.pe"))
    assert str(caught.value) == (
        "参加者 'Ana Q.' を保存できません: メールアドレス 'ana.quispe@vivienda.gob.pe' は "
        f"{store.name} のほかの参加者が既に使っています"
    )


@pytest.mark.usefixtures("japanese")
def test_a_file_that_is_not_a_database_is_told_in_japanese(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Kobe workshop: bring the slides\n", encoding="utf-8")
    with pytest.raises(NotADatabaseError) as caught:
        open_database(notes, seed=False)
    assert str(caught.value) == (
        f"{notes} は CPP Scheduler のデータベースではありません: SQLite ファイルではありません"
    )
    assert notes.read_text(encoding="utf-8") == "Kobe workshop: bring the slides\n"


@pytest.mark.usefixtures("japanese")
def test_a_database_in_a_missing_folder_is_told_in_japanese(tmp_path: Path) -> None:
    path = tmp_path / "gone" / "program.sqlite"
    with pytest.raises(StoreError) as caught:
        open_database(path, seed=False)
    assert str(caught.value) == (
        f"{path} を開けません: フォルダー {tmp_path / 'gone'} がありません"
    )


@pytest.mark.usefixtures("japanese")
def test_a_file_written_over_a_folder_is_told_in_japanese(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError) as caught:
        write_atomically(tmp_path, b"BEGIN:VCALENDAR\r\n")
    assert str(caught.value) == (
        f"'{tmp_path}' を書き込めません: フォルダーです。書き込むファイルの名前を指定してください"
    )


@pytest.mark.usefixtures("japanese")
def test_a_second_hotel_for_the_same_night_is_named_as_a_hotel_night(store: Database) -> None:
    """ "night" is night-time (夜間) in the day's parts; here it is the night of a stay."""
    from datetime import date

    from cpp_scheduler.model import Delegation, HotelNight, StudyTour

    with store.transaction() as session:
        delegation = Delegation(name="Lima housing ministry", country="PE", zone="America/Lima")
        tour = StudyTour(
            title="Peru study tour",
            delegation=delegation,
            start_date=date(2027, 3, 8),
            end_date=date(2027, 3, 12),
        )
        tour.nights = [
            HotelNight(night_of=date(2027, 3, 9), hotel="Hotel Okura Kobe", locality="Kobe")
        ]
        session.add(tour)
    second = HotelNight(
        tour_id=tour.id, night_of=date(2027, 3, 9), hotel="Kobe Harborland Hotel", locality="Kobe"
    )
    with pytest.raises(DuplicateValueError) as refused, store.transaction() as session:
        session.add(second)
    assert "宿泊日" in str(refused.value)
    assert "夜間" not in str(refused.value)
