"""The watcher says which of a commit's records the history lists: a meeting of a
series cancelled elsewhere is the change, and the calendar sequence its series took
with it is not (``history --since`` leaves it out alike), on each backend."""

from __future__ import annotations

import queue
from datetime import UTC, datetime, timedelta

from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.services import editing, series
from cpp_scheduler.services.history import history_since
from cpp_scheduler.services.live import ChangeNotice, ChangeWatcher
from cpp_scheduler.store import Database, open_database
from tests.colleagues import as_colleague

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


def _cancels_the_first_meeting(url: str, series_id: str) -> None:
    """Cancels the first meeting of the series, as read now."""
    database = open_database(url)
    read = series.meetings(database, series_id)
    series.cancel_meeting(database, series_id, read.meetings[0].recurrence_id, read.version)
    database.close()


def test_a_cancelled_meeting_is_listed_and_its_series_sequence_is_not(
    database: Database, database_url: str
) -> None:
    series_id = editing.create(
        database,
        Event,
        {
            "title": "Weekly partners call",
            "kind": EventKind.VIDEOCONFERENCE,
            "start_utc": START,
            "end_utc": START + timedelta(hours=1),
            "zone": "Asia/Tokyo",
            "recurrence_rule": "FREQ=WEEKLY;COUNT=3",
        },
    )
    notices: queue.Queue[ChangeNotice] = queue.Queue()
    watcher = ChangeWatcher(database, notices.put, lambda _status: None)
    watcher.start()
    try:
        assert watcher.ready.wait(10)
        before = datetime.now(UTC)
        as_colleague(_cancels_the_first_meeting, database_url, series_id, author="Ravi")
        notice = notices.get(timeout=10)
    finally:
        watcher.stop()
    heard = {(record.model, record.listed) for record in notice.records}
    assert heard == {("Event", False), ("OccurrenceOverride", True)}
    listed = [record for record in notice.records if record.listed]
    assert len(listed) == len(history_since(database, before)) == 1
