"""What the window's status bar says of a colleague's commit names the record and what
was done to it, as the history does: one record by its name, more by their number."""

from __future__ import annotations

import queue

from cpp_scheduler.model import Participant, Venue
from cpp_scheduler.services import editing, removal
from cpp_scheduler.services.live import ChangedRecord, ChangeNotice, ChangeWatcher, change_line
from cpp_scheduler.store import Database, open_database
from tests.colleagues import as_colleague


def _adds_renames_and_deletes(url: str) -> None:
    """Adds a participant, renames a venue, then deletes the participant: three saves."""
    database = open_database(url)
    person = editing.create(
        database, Participant, {"name": "Ana Quispe", "email": "ana.quispe@example.org"}
    )
    hall = editing.create(database, Venue, {"name": "Kobe hall", "locality": "Kobe"})
    editing.change(database, Venue, hall, {"name": "Kobe City Hall"}, 1)
    removal.delete(database, Participant, person)
    database.close()


def _records_heard(notices: queue.Queue[ChangeNotice], count: int) -> list[ChangedRecord]:
    """The first ``count`` records the notices name, in the order they were saved."""
    records: list[ChangedRecord] = []
    while len(records) < count:
        notice = notices.get(timeout=10)
        assert notice.author == "Ravi Menon"
        records += notice.records
    return records


def test_each_commit_names_its_record_and_what_was_done_to_it(
    database: Database, database_url: str
) -> None:
    notices: queue.Queue[ChangeNotice] = queue.Queue()
    watcher = ChangeWatcher(database, notices.put, lambda _status: None)
    watcher.start()
    try:
        assert watcher.ready.wait(10)
        as_colleague(_adds_renames_and_deletes, database_url, author="Ravi Menon")
        records = _records_heard(notices, 4)
    finally:
        watcher.stop()
    # Each save alone (SQLite may hear several in one notice, PostgreSQL one at a time).
    lines = [change_line(["Ravi Menon"], [record]) for record in records]
    assert lines == [
        "Ravi Menon added participant 'Ana Quispe'",
        "Ravi Menon added venue 'Kobe hall'",
        "Ravi Menon changed venue 'Kobe City Hall'",
        "Ravi Menon deleted participant 'Ana Quispe'",
    ]
    # A burst of them is counted, as before.
    assert change_line(["Ravi Menon"], records[1:3]) == "Ravi Menon changed 2 records"
    # Added, then changed in the same burst: added, under its latest name.
    added, renamed = records[1], records[2]
    assert change_line(["Ravi Menon"], [added.then(renamed)]) == (
        "Ravi Menon added venue 'Kobe City Hall'"
    )


def test_a_record_is_named_in_the_language_the_window_speaks(
    database: Database, database_url: str, japanese: None
) -> None:
    notices: queue.Queue[ChangeNotice] = queue.Queue()
    watcher = ChangeWatcher(database, notices.put, lambda _status: None)
    watcher.start()
    try:
        assert watcher.ready.wait(10)
        as_colleague(_adds_renames_and_deletes, database_url, author="Ravi Menon")
        records = _records_heard(notices, 4)
    finally:
        watcher.stop()
    assert records[0].name() == "参加者 'Ana Quispe'"
