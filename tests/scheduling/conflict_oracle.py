"""The brute-force reference for the conflict sweep: every pair of intervals compared.

Quadratic on purpose, and kept out of the package: it states what a double booking is
in the plainest terms, so the sweep can be checked against it on random programs (and
timed against it by ``benchmarks/bench_conflicts.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from cpp_scheduler.scheduling.inputs import Interval

Booking = tuple[str, str, str, str]
"""(resource kind, resource id, first interval id, second interval id), first < second."""


def resources(interval: Interval) -> set[tuple[str, str]]:
    held = {("delegation", d) for d in interval.delegation_ids}
    held |= {("participant", p) for p in interval.participant_ids}
    if interval.venue_id is not None:
        held.add(("venue", interval.venue_id))
    return held


def brute_force_overlaps(intervals: Sequence[Interval]) -> set[Booking]:
    found: set[Booking] = set()
    held = [resources(interval) for interval in intervals]
    for i, first in enumerate(intervals):
        for j in range(i + 1, len(intervals)):
            second = intervals[j]
            if not (first.start < second.end and second.start < first.end):
                continue
            if first.related(second):
                continue
            low, high = sorted((first.id, second.id))
            for kind, resource_id in held[i] & held[j]:
                found.add((kind, resource_id, low, high))
    return found
