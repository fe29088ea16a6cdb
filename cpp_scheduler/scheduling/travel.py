"""Whether a delegation can get from one event to the next in another city.

The travel-time table lists door-to-door journeys between localities by mode; a route is
looked up in either direction and, between two events, the fastest mode counts, since the
coordinator can always book the faster one. A study tour's leg is booked already: it is
judged by its own mode's journey (:func:`leg_journey`). A buffer on top (30 minutes
unless the caller says otherwise) covers finding the platform, the taxi queue and a late
finish.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cpp_scheduler.i18n import _
from cpp_scheduler.limits import LONGEST_JOURNEY_MINUTES
from cpp_scheduler.scheduling.inputs import Route

DEFAULT_BUFFER = timedelta(minutes=30)

LONGEST_JOURNEY = timedelta(minutes=LONGEST_JOURNEY_MINUTES)
"""No journey takes longer: the travel-time table holds none longer (a week). A gap of
this and the buffer is enough between any two places, whether the table knows the
route or not, so the conflict check looks no further for the next meeting."""


def _key(origin: str, destination: str) -> frozenset[str]:
    return frozenset((origin.strip().casefold(), destination.strip().casefold()))


@dataclass(frozen=True, slots=True)
class TravelTable:
    """The fastest known journey between each pair of localities, either direction, and
    the fastest by each mode the table knows for that pair."""

    fastest_by_pair: Mapping[frozenset[str], Route] = field(default_factory=dict)
    by_mode_by_pair: Mapping[frozenset[str], Mapping[str, Route]] = field(default_factory=dict)

    @classmethod
    def from_routes(cls, routes: Iterable[Route]) -> TravelTable:
        """The table of ``routes``, leaving out any journey the rules refuse (under a
        minute, or longer than a week): only a database written outside the program
        holds one, and it is no journey at all. The check then asks for the route, as
        for any it does not know, and the coordinator corrects the one stored."""
        fastest: dict[frozenset[str], Route] = {}
        by_mode: dict[frozenset[str], dict[str, Route]] = {}
        for route in routes:
            if not 0 < route.minutes <= LONGEST_JOURNEY_MINUTES:
                continue
            key = _key(route.origin, route.destination)
            known = fastest.get(key)
            if known is None or route.minutes < known.minutes:
                fastest[key] = route
            modes = by_mode.setdefault(key, {})
            known = modes.get(route.mode)
            if known is None or route.minutes < known.minutes:
                modes[route.mode] = route
        return cls(fastest, by_mode)

    def fastest(self, origin: str, destination: str) -> Route | None:
        return self.fastest_by_pair.get(_key(origin, destination))

    def by_mode(self, origin: str, destination: str, mode: str) -> Route | None:
        """The journey by ``mode`` (a table's mode: ``rail``), None where the table
        does not know the route by that mode."""
        return self.by_mode_by_pair.get(_key(origin, destination), {}).get(mode)

    def modes(self, origin: str, destination: str) -> tuple[str, ...]:
        """The modes the table knows the route by, fastest first."""
        known = self.by_mode_by_pair.get(_key(origin, destination), {})
        return tuple(sorted(known, key=lambda mode: (known[mode].minutes, mode)))


@dataclass(frozen=True, slots=True)
class Transfer:
    """The verdict on getting from ``origin`` (leaving at ``leave``) to ``destination``
    in time for ``arrive_by``."""

    origin: str
    destination: str
    leave: datetime
    arrive_by: datetime
    route: Route | None
    buffer: timedelta

    @property
    def available(self) -> timedelta:
        return self.arrive_by - self.leave

    @property
    def needed(self) -> timedelta | None:
        """Journey plus buffer, or None when the table does not know the route."""
        return journey_and_buffer(self.route, self.buffer)

    @property
    def known(self) -> bool:
        return self.route is not None

    @property
    def feasible(self) -> bool:
        """Enough time between the two; an unknown route is not called feasible."""
        needed = self.needed
        return needed is not None and self.available >= needed

    @property
    def same_place(self) -> bool:
        return len(_key(self.origin, self.destination)) == 1


def journey_and_buffer(route: Route | None, buffer: timedelta) -> timedelta | None:
    """The least time between leaving one place and starting in the other: the one rule
    of the conflict check and of the slot finder, so a suggestion is never a time the
    check then calls too short. None when the table does not know the route."""
    if route is None:
        return None
    return timedelta(minutes=route.minutes) + buffer


def gap_needed(
    table: TravelTable, origin: str, destination: str, buffer: timedelta = DEFAULT_BUFFER
) -> timedelta | None:
    """:func:`journey_and_buffer` between two localities: none for the same place, None
    for a route the table does not know (which the check only warns about)."""
    if len(_key(origin, destination)) == 1:
        return timedelta(0)
    return journey_and_buffer(table.fastest(origin, destination), buffer)


def leg_journey(table: TravelTable, origin: str, destination: str, mode: str) -> Route | None:
    """The journey a study tour's leg is judged by: the table's time for its route by
    the leg's own mode, since the leg is booked on that mode (a rail leg does not make
    the flight's time). None where the table does not know the route by that mode,
    whatever it knows by another: the one rule of the conflict check and of the tour
    builder's leg form, so the form never offers a time the check then rejects."""
    return table.by_mode(origin, destination, mode)


def check_transfer(
    table: TravelTable,
    origin: str,
    destination: str,
    leave: datetime,
    arrive_by: datetime,
    buffer: timedelta = DEFAULT_BUFFER,
) -> Transfer:
    return Transfer(
        origin, destination, leave, arrive_by, table.fastest(origin, destination), buffer
    )


def describe_duration(duration: timedelta) -> str:
    """``2 h 30 min``, ``45 min``, ``3 h`` (``2時間30分`` in Japanese); no time, or
    minus a duration, below a minute."""
    minutes = int(duration.total_seconds() // 60)
    if minutes <= 0:
        if minutes == 0:
            return _("no time")
        return _("minus {duration}").format(duration=describe_duration(-duration))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("{minutes} min").format(minutes=rest)
    if not rest:
        return _("{hours} h").format(hours=hours)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
