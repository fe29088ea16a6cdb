"""The history as the services read it for the panel and the command: each value in
words (labels, names, dates), one reading for both; the calendar sequence the store
raises by itself neither listed nor counted, while the version a revert is saved
against still counts it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete

from cpp_scheduler import i18n
from cpp_scheduler.model import Change, Event, Venue
from cpp_scheduler.services import editing, removal
from cpp_scheduler.services.history import read_history_of, read_history_since, revert_change
from cpp_scheduler.store import Database
from tests.parity.history_support import START, tell


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.use_language(i18n.ENGLISH)


def _words(database: Database, record: str) -> list[dict[str, tuple[str | None, str | None]]]:
    return [
        {field.name: (field.old_text, field.new_text) for field in entry.shown_fields}
        for entry in read_history_of(database, record).entries
        if entry.action == "changed"
    ]


def test_values_are_worded_in_the_language_spoken(database: Database) -> None:
    story = tell(database)

    english = _words(database, story.event)
    i18n.use_language(i18n.JAPANESE)
    japanese = _words(database, story.event)

    assert english[0]["kind"] == ("Peer-to-peer workshop", "Videoconference")
    assert english[1] == {"venue_id": ("TDLC Meeting Room A", "Temporary hall (deleted)")}
    assert english[3] == {"status": ("Tentative", "Cancelled")}
    assert japanese[0]["mode"] == ("対面", "ハイブリッド")
    assert japanese[2]["venue_id"][1] == "TDLC 会議室B"
    assert str(japanese[1]["venue_id"][1]).startswith("仮設ホール")


def test_a_linked_record_the_history_never_knew_is_a_deleted_record(database: Database) -> None:
    hall = editing.create(database, Venue, {"name": "Old hall", "locality": "Tokyo"})
    event = editing.create(
        database,
        Event,
        {
            "title": "Kobe DRR clinic",
            "start_utc": START,
            "end_utc": START + timedelta(hours=1),
            "zone": "Asia/Tokyo",
        },
    )
    editing.change(database, Event, event, {"venue_id": hall}, 1)
    editing.change(database, Event, event, {"venue_id": None}, 2)
    removal.delete(database, Venue, hall)
    with database.transaction() as session:  # a history brought from elsewhere
        session.execute(delete(Change).where(Change.record_id == hall))

    assert _words(database, event) == [
        {"venue_id": (None, "deleted record")},
        {"venue_id": ("deleted record", None)},
    ]


def test_an_all_day_event_is_read_on_its_dates_a_timed_one_in_utc(database: Database) -> None:
    story = tell(database)

    assert _words(database, story.closure) == [
        {
            "end_utc": ("Wed 05 May 2027", "Thu 06 May 2027"),
            "start_utc": ("Thu 29 Apr 2027", "Fri 30 Apr 2027"),
        }
    ]
    end = datetime(2027, 5, 2, 3, 0, tzinfo=UTC)
    editing.change(database, Event, story.closure, {"all_day": False, "end_utc": end}, 2)
    made_timed = _words(database, story.closure)[-1]
    assert made_timed["end_utc"] == ("Thu 06 May 2027", "Sun 02 May 2027 03:00 UTC")


def test_a_sequence_raised_alone_is_neither_listed_nor_counted(database: Database) -> None:
    story = tell(database)

    read = read_history_of(database, story.series)
    since = read_history_since(database, START - timedelta(days=3650))

    assert [entry.meeting is not None for entry in read.entries] == [False, True, True]
    assert read.total == 3
    assert read.version == int(editing.stored(database, Event, story.series).version or 0) == 3
    assert not [
        entry
        for entry in since.entries
        if entry.action == "changed" and [f.name for f in entry.fields] == ["sequence"]
    ]
    assert since.total == len(since.entries)


def test_a_change_with_its_sequence_shows_and_reverts_its_real_fields(database: Database) -> None:
    story = tell(database)
    (status,) = [
        entry
        for entry in read_history_of(database, story.event).entries
        if entry.action == "changed" and any(field.name == "status" for field in entry.fields)
    ]
    assert [field.name for field in status.fields] == ["sequence", "status"]
    assert [field.name for field in status.shown_fields] == ["status"]

    done = revert_change(database, status.change_id, status.version)

    assert editing.stored(database, Event, story.event).values["status"] == "tentative"
    assert [field.name for field in done.fields if field.name != "sequence"] == ["status"]
