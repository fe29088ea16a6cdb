"""What ``cpp-scheduler conflicts --json`` says, read in-process, and a generated program
stored in a real database, for comparing the window's conflicts with the command's."""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Any

import pytest
from sqlalchemy import insert, select

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventStatus,
    HotelNight,
    Participant,
    PartnerCity,
    StudyTour,
    TravelLeg,
    TravelMode,
    Venue,
)
from cpp_scheduler.model.event import event_delegations, event_participants
from cpp_scheduler.scheduling.inputs import ProgramSnapshot
from cpp_scheduler.store import Database


def conflicts_json(
    capsys: pytest.CaptureFixture[str], database: Database, *options: str
) -> dict[str, Any]:
    """The answer of ``cpp-scheduler conflicts --json [options]`` on ``database``."""
    capsys.readouterr()  # what came before is not the command's
    url = database.url.render_as_string(hide_password=False)
    assert main(["conflicts", "--json", "--db", url, *options]) == 0
    answer: dict[str, Any] = json.loads(capsys.readouterr().out)
    return answer


def conflicts_last_line(
    capsys: pytest.CaptureFixture[str], database: Database, *options: str
) -> str:
    """The last line ``cpp-scheduler conflicts [options]`` prints: what it found, summed up."""
    capsys.readouterr()
    url = database.url.render_as_string(hide_password=False)
    assert main(["conflicts", "--db", url, *options]) == 0
    return capsys.readouterr().out.splitlines()[-1]


def meetings_of(answer: dict[str, Any]) -> set[tuple[str, str | None]]:
    """The meetings the command names, as (event id, recurrence id in UTC with Z)."""
    return {
        (meeting["event_id"], meeting["recurrence_id"])
        for conflict in answer["conflicts"]
        for meeting in conflict["meetings"]
    }


def store_generated_program(database: Database, program: ProgramSnapshot) -> None:
    """Write a program of ``benchmarks/generate.py`` into ``database`` as it is.

    Bulk inserts, as an import of a colleague's messy program would leave it: the
    clashes the generator plants are the point. Every tour gets a leg from Tokyo to Kobe
    at 17:00 on its first day that arrives at 18:00 (an hour for a three-hour journey)
    and its hotel nights in Tokyo, so the first night is in another city than where the
    day ends.
    """
    with database.transaction() as session:
        cities = {city.name: city.id for city in session.scalars(select(PartnerCity))}
        session.execute(
            insert(Venue),
            [
                {
                    "id": venue.id,
                    "name": venue.name,
                    "locality": venue.locality,
                    "city_id": cities.get(venue.locality),
                    "zone": venue.zone,
                    "capacity": venue.capacity,
                    "opens_at": venue.opens_at,
                    "closes_at": venue.closes_at,
                }
                for venue in program.venues.values()
            ],
        )
        session.execute(
            insert(Delegation),
            [
                {
                    "id": group.id,
                    "name": group.name,
                    "country": group.country,
                    "zone": group.zone,
                    "work_start": group.hours.work_start,
                    "work_end": group.hours.work_end,
                    "acceptable_start": group.hours.acceptable_start,
                    "acceptable_end": group.hours.acceptable_end,
                    "arrival": group.arrival,
                    "departure": group.departure,
                }
                for group in program.delegations.values()
            ],
        )
        session.execute(
            insert(Participant),
            [
                {
                    "id": person.id,
                    "name": person.name,
                    "email": f"{person.id}@example.org",
                    "zone": person.zone,
                    "delegation_id": person.delegation_id,
                }
                for person in program.participants.values()
            ],
        )
        session.execute(
            insert(Event),
            [
                {
                    "id": meeting.event_id,
                    "title": meeting.title,
                    "kind": meeting.kind,
                    "mode": meeting.mode,
                    "status": EventStatus.CONFIRMED,
                    "start_utc": meeting.start,
                    "end_utc": meeting.end,
                    "zone": meeting.zone,
                    "venue_id": meeting.venue_id,
                    "parent_id": next(iter(meeting.ancestor_ids), None),
                }
                for meeting in program.intervals
            ],
        )
        delegation_links = [
            {"event_id": meeting.event_id, "delegation_id": delegation_id}
            for meeting in program.intervals
            for delegation_id in sorted(meeting.delegation_ids)
        ]
        if delegation_links:
            session.execute(insert(event_delegations), delegation_links)
        participant_links = [
            {"event_id": meeting.event_id, "participant_id": participant_id}
            for meeting in program.intervals
            for participant_id in sorted(meeting.participant_ids)
        ]
        if participant_links:
            session.execute(insert(event_participants), participant_links)
        for tour in program.tours:
            session.execute(
                insert(StudyTour),
                [
                    {
                        "id": tour.id,
                        "title": tour.title,
                        "delegation_id": tour.delegation_id,
                        "start_date": tour.start_date,
                        "end_date": tour.end_date,
                    }
                ],
            )
            leaves = _tokyo(tour.start_date, time(17))
            session.execute(
                insert(TravelLeg),
                [
                    {
                        "tour_id": tour.id,
                        "origin": "Tokyo",
                        "destination": "Kobe",
                        "mode": TravelMode.RAIL,
                        "departure_utc": leaves,
                        "arrival_utc": _tokyo(tour.start_date, time(18)),
                    }
                ],
            )
            nights = [
                {
                    "tour_id": tour.id,
                    "night_of": night,
                    "hotel": "Hotel Gracery Shinjuku",
                    "locality": "Tokyo",
                }
                for night in sorted(tour.hotel_nights)
            ]
            if nights:
                session.execute(insert(HotelNight), nights)


def _tokyo(day: Any, clock: time) -> datetime:
    return timezones.to_utc(datetime.combine(day, clock), timezones.TOKYO)
