"""A generated program of delegations in awkward zones, with meetings across their
changes of clocks: the files every reader must read the same way.

For each zone, around its first change of clocks in 2027 (and in 2028 for the southern
zones' other change): a weekly series whose third meeting spans the change, a one-off
meeting that spans it, and a short series on the clock in the gap or fold itself is
left out (the program asks before storing such a time). Zones without daylight saving
(Kathmandu, Tehran, Sao Paulo) get a plain series, to check their single observance.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cpp_scheduler.ical.vtimezone import transitions
from cpp_scheduler.model import Event

AWKWARD_ZONES = (
    "America/Santiago",
    "America/New_York",
    "Europe/London",
    "Africa/Cairo",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Sao_Paulo",
    "Asia/Tehran",
    "America/St_Johns",
)
WINDOW = (datetime(2026, 12, 1, tzinfo=UTC), datetime(2029, 1, 1, tzinfo=UTC))


def awkward_events() -> list[Event]:
    """The events of the generated program, in the order of :data:`AWKWARD_ZONES`."""
    events: list[Event] = []
    for zone in AWKWARD_ZONES:
        changes = transitions(
            zone, datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)
        )
        if not changes:
            start = datetime(2027, 3, 1, 9, tzinfo=UTC)
            events.append(
                Event(
                    title=f"{zone} weekly",
                    start_utc=start,
                    end_utc=start + timedelta(hours=2),
                    zone=zone,
                    recurrence_rule="FREQ=WEEKLY;COUNT=6",
                )
            )
            continue
        for change in changes[:2]:
            # Ninety minutes before the change: never in a repeated or skipped hour.
            series_start = change.at - timedelta(weeks=2, minutes=90)
            events.append(
                Event(
                    title=f"{zone} all-night series {change.at:%Y-%m-%d}",
                    start_utc=series_start,
                    end_utc=series_start + timedelta(hours=3),
                    zone=zone,
                    recurrence_rule="FREQ=WEEKLY;COUNT=4",
                )
            )
            single_start = change.at - timedelta(hours=1)
            events.append(
                Event(
                    title=f"{zone} across the change {change.at:%Y-%m-%d}",
                    start_utc=single_start,
                    end_utc=single_start + timedelta(hours=3),
                    zone=zone,
                )
            )
    return events
