"""A series' history says which moved or cancelled meetings a change of its rule set
aside, and which a later change applied again: the meetings no entry of their own
tells of, in the sentences the Series tab says before the save."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing, series
from cpp_scheduler.services.history import HistoryEntry, history_of
from cpp_scheduler.store import Database

#: Wednesday 13 January 2027, 10:00 in Tokyo; the series meets every Wednesday, 4 times.
FIRST = datetime(2027, 1, 13, 1, 0, tzinfo=UTC)
WEEK = timedelta(weeks=1)
WEEKLY_FOUR = "FREQ=WEEKLY;COUNT=4"

SET_ASIDE = (
    "The meeting of Wed 03 Feb 2027 moved to Thu 04 Feb 2027 10:00 is set aside while the "
    "series has no meeting then; it applies again if the series meets then."
)
CANCELLED_SET_ASIDE = (
    "The cancelled meeting of Wed 27 Jan 2027 is set aside while the series has no meeting "
    "then; it applies again if the series meets then."
)
APPLIES_AGAIN = (
    "The meeting of Wed 03 Feb 2027 moved to Thu 04 Feb 2027 10:00, set aside, applies "
    "again: it keeps its moved time."
)


def _series(database: Database) -> str:
    event_id = editing.create(
        database,
        Event,
        {
            "title": "Weekly DRR call",
            "start_utc": FIRST,
            "end_utc": FIRST + timedelta(hours=1),
            "zone": "Asia/Tokyo",
            "recurrence_rule": WEEKLY_FOUR,
        },
    )
    fourth = FIRST + 3 * WEEK
    moved = fourth + timedelta(days=1)
    series.move_meeting(
        database, event_id, fourth, moved, moved + timedelta(hours=1), _version(database, event_id)
    )
    return event_id


def _version(database: Database, event_id: str) -> int:
    return int(editing.stored(database, Event, event_id).version or 0)


def _rule(database: Database, event_id: str, rule: str) -> None:
    editing.change(
        database, Event, event_id, {"recurrence_rule": rule}, _version(database, event_id)
    )


def _rule_changes(database: Database, event_id: str) -> list[HistoryEntry]:
    return [
        entry
        for entry in history_of(database, event_id)
        if entry.action == "changed"
        and any(field.name == "recurrence_rule" for field in entry.fields)
    ]


def test_a_shorter_rule_says_the_moved_meeting_is_set_aside(database: Database) -> None:
    event_id = _series(database)

    _rule(database, event_id, "FREQ=WEEKLY;COUNT=2")

    (shortened,) = _rule_changes(database, event_id)
    assert shortened.set_aside == (SET_ASIDE,)


def test_the_rule_back_says_the_meeting_applies_again(database: Database) -> None:
    event_id = _series(database)
    _rule(database, event_id, "FREQ=WEEKLY;COUNT=2")

    _rule(database, event_id, WEEKLY_FOUR)

    shortened, lengthened = _rule_changes(database, event_id)
    assert shortened.set_aside == (SET_ASIDE,)
    assert lengthened.set_aside == (APPLIES_AGAIN,)
    assert FIRST + 3 * WEEK + timedelta(days=1) in [
        meeting.start_utc for meeting in series.meetings(database, event_id).meetings
    ]


def test_a_cancelled_meeting_set_aside_is_said_with_the_moved_one(database: Database) -> None:
    event_id = _series(database)
    series.cancel_meeting(database, event_id, FIRST + 2 * WEEK, _version(database, event_id))

    _rule(database, event_id, "FREQ=WEEKLY;COUNT=2")

    (shortened,) = _rule_changes(database, event_id)
    assert shortened.set_aside == (CANCELLED_SET_ASIDE, SET_ASIDE)


def test_a_meeting_that_follows_its_series_is_told_by_its_own_entry_alone(
    database: Database,
) -> None:
    event_id = _series(database)

    # An hour later: every meeting keeps its day, and the moved one follows.
    editing.change(
        database,
        Event,
        event_id,
        {"start_utc": FIRST + timedelta(hours=1), "end_utc": FIRST + timedelta(hours=2)},
        _version(database, event_id),
    )

    entries = history_of(database, event_id)
    assert [entry.set_aside for entry in entries if entry.meeting is None] == [(), ()]
    assert any("follows its series" in (entry.meeting or "") for entry in entries)


def test_a_later_change_of_the_meeting_leaves_the_earlier_words_as_they_were(
    database: Database,
) -> None:
    """The history tells each save as it found the meetings, not as they are now."""
    event_id = _series(database)
    _rule(database, event_id, "FREQ=WEEKLY;COUNT=2")
    _rule(database, event_id, WEEKLY_FOUR)

    fourth = FIRST + 3 * WEEK
    series.cancel_meeting(database, event_id, fourth, _version(database, event_id))

    shortened, lengthened = _rule_changes(database, event_id)
    assert (shortened.set_aside, lengthened.set_aside) == ((SET_ASIDE,), (APPLIES_AGAIN,))


def test_the_command_prints_each_sentence_under_the_change_and_in_its_json(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _series(sqlite_database)
    _rule(sqlite_database, event_id, "FREQ=WEEKLY;COUNT=2")
    url = sqlite_database.url.render_as_string(hide_password=False)

    capsys.readouterr()
    assert main(["history", event_id, "--db", url]) == 0
    printed = capsys.readouterr().out.splitlines()
    rule_line = next(n for n, line in enumerate(printed) if line.startswith("    Repeats: "))
    assert printed[rule_line + 1] == f"    {SET_ASIDE}"

    assert main(["history", event_id, "--db", url, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["changes"]
    assert [
        entry.get("set_aside")
        for entry in entries
        if entry["action"] == "changed" and "recurrence_rule" in entry["fields"]
    ] == [[SET_ASIDE]]
