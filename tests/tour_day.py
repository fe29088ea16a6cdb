"""A tour day of three events, as the tests of a step of several records move it."""

from __future__ import annotations

from datetime import datetime, timedelta

from cpp_scheduler.model import Event
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database

TITLES = ("Opening briefing", "Kobe port visit", "Closing dinner")


def make_day(database: Database, first: datetime) -> list[str]:
    """Three events of one day, an hour long each, two hours apart from ``first``:
    their ids."""
    return [
        editing.create(
            database,
            Event,
            {
                "title": title,
                "start_utc": first + timedelta(hours=2 * hour),
                "end_utc": first + timedelta(hours=2 * hour + 1),
            },
        )
        for hour, title in enumerate(TITLES)
    ]
