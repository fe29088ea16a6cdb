"""The local times of an event not saved yet: the same answer as once it is saved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cpp_scheduler import timezones
from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, Participant
from cpp_scheduler.services.draft_times import (
    DraftMeeting,
    draft_meeting_times,
    read_attendees,
    usual_mode,
)
from cpp_scheduler.services.localtimes import read_local_times
from cpp_scheduler.store import Database

#: Wednesday 14 April 2027, Nepali New Year, 15:00 in Tokyo.
NEW_YEAR_AFTERNOON = datetime(2027, 4, 14, 6, 0, tzinfo=UTC)


def test_a_draft_reads_as_the_saved_event_does(sqlite_database: Database) -> None:
    with sqlite_database.transaction() as session:
        kathmandu = Delegation(
            name="Kathmandu metropolitan city", country="NP", zone="Asia/Kathmandu"
        )
        away = Participant(
            name="Sita Shrestha", email="sita@example.np", delegation=kathmandu, zone="Europe/Rome"
        )
        event = Event(
            title="Heritage call",
            kind=EventKind.VIDEOCONFERENCE,
            mode=EventMode.VIRTUAL,
            video_link="https://meet.example.org/heritage",
            start_utc=NEW_YEAR_AFTERNOON,
            end_utc=NEW_YEAR_AFTERNOON + timedelta(hours=1),
            delegations=[kathmandu],
            participants=[away],
        )
        session.add_all([kathmandu, away, event])
        session.flush()
        event_id, ids = event.id, (kathmandu.id, away.id)

    draft = DraftMeeting(
        start=NEW_YEAR_AFTERNOON,
        end=NEW_YEAR_AFTERNOON + timedelta(hours=1),
        zone=timezones.TOKYO,
        kind=EventKind.VIDEOCONFERENCE,
        mode=EventMode.VIRTUAL,
        delegation_ids=(ids[0],),
        participant_ids=(ids[1], "deleted-meanwhile"),
    )
    answer = draft_meeting_times(draft, read_attendees(sqlite_database))
    saved = read_local_times(sqlite_database, event_id)
    assert answer.rows == saved.rows
    assert answer.warnings == saved.warnings
    assert [row.attendee.name for row in answer.rows] == [
        "Kathmandu metropolitan city",
        "Sita Shrestha",
        "Tokyo",
        "Washington",
    ]
    assert [warning.holiday for warning in answer.warnings] == ["Nepali New Year"]


def test_a_videoconference_is_usually_virtual_and_the_rest_in_a_room() -> None:
    assert usual_mode(EventKind.VIDEOCONFERENCE) is EventMode.VIRTUAL
    for kind in (EventKind.WORKSHOP, EventKind.SITE_VISIT, EventKind.CONFERENCE):
        assert usual_mode(kind) is EventMode.FACE_TO_FACE
