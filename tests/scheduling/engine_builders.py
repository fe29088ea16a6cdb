"""Small, readable engine inputs for the scheduling tests."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from cpp_scheduler import timezones
from cpp_scheduler.scheduling.inputs import Attendee, AttendeeKind, Hours, Interval, VenueInfo


def at(zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """The UTC instant of a wall-clock time in ``zone`` (which must exist and be unique)."""
    return timezones.to_utc(datetime(year, month, day, hour, minute), zone)


def tokyo(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return at(timezones.TOKYO, year, month, day, hour, minute)


def meeting(
    event_id: str, title: str, start: datetime, minutes: int = 90, **values: Any
) -> Interval:
    return Interval(
        id=values.pop("id", event_id),
        event_id=event_id,
        title=title,
        start=start,
        end=start + timedelta(minutes=minutes),
        **values,
    )


def delegation(attendee_id: str, name: str, zone: str, country: str, **values: Any) -> Attendee:
    return Attendee(attendee_id, name, AttendeeKind.DELEGATION, zone, country, **values)


def person(
    attendee_id: str, name: str, zone: str, country: str | None = None, **values: Any
) -> Attendee:
    return Attendee(attendee_id, name, AttendeeKind.PARTICIPANT, zone, country, **values)


ROOM_A = VenueInfo(
    "room-a",
    "TDLC Meeting Room A",
    "Tokyo",
    capacity=60,
    opens_at=time(8, 30),
    closes_at=time(19, 0),
)
STUDIO = VenueInfo(
    "studio",
    "TDLC Videoconference Studio",
    "Tokyo",
    capacity=40,
    opens_at=time(8, 0),
    closes_at=time(21, 0),
)
KOBE_HALL = VenueInfo("kobe-hall", "Kobe City Hall", "Kobe", capacity=30)
KITAKYUSHU_PLANT = VenueInfo("kk-plant", "Kitakyushu Eco-Town Centre", "Kitakyushu", capacity=30)
NIGHT_OWL = Hours(time(9), time(18), time(6), time(23, 30))
