"""What a day's card of the tour builder says, line by line, worded once for the builder
and for ``cpp-scheduler tours TOUR``.

A card lists the day's legs and activities in the order they start, each with the
check's sentence on it; then, in red, that nothing is planned, and what else the check
finds about the day; last its night: the hotel, or that none is booked, with what the
check finds about that night. The builder draws these lines in colour; the command
prints them; neither decides on its own which finding goes where.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import _
from cpp_scheduler.scheduling.conflicts import Conflict, ConflictKind
from cpp_scheduler.services.tours import NIGHT_KINDS, BoardDay, BoardEvent, BoardLeg


@dataclass(frozen=True, slots=True)
class CardEntry:
    """A leg or an activity of the day, with when it is as the card says it."""

    start: datetime
    when: str
    """``09:30–11:30``; ``All day``; with its own day where that is not the card's (the
    arrival flight the day before the tour, on the first card)."""
    leg: BoardLeg | None = None
    event: BoardEvent | None = None

    @property
    def problem(self) -> str | None:
        """The check's sentence on the leg or the activity, or None."""
        found = self.leg or self.event
        return found.problem if found is not None else None


@dataclass(frozen=True, slots=True)
class CardText:
    """A day's card, line by line."""

    entries: tuple[CardEntry, ...]
    """The legs and activities, in the order they start."""
    nothing_planned: Conflict | None
    """The check's finding that nothing is planned on the day, said as
    :data:`NOTHING_PLANNED` (its sentence a tooltip), or None."""
    warnings: tuple[str, ...]
    """The day's other findings said on none of its lines, each as the card says it."""
    night: str | None
    """"Night: {hotel}", "No hotel night", or None where the check finds no hotel booked
    for a night that needs one (its warning says so instead)."""
    night_findings: tuple[Conflict, ...]
    """What the check finds about the night, said under it."""


def nothing_planned_text() -> str:
    """The card's red line on a day with nothing planned for the delegation."""
    return _("Nothing planned on this day")


def card_text(card: BoardDay) -> CardText:
    """What the card of ``card`` says, line by line."""
    entries = [
        CardEntry(leg.departure, span_on_card(card, leg.departure, leg.arrival), leg=leg)
        for leg in (*card.legs, *card.outside_legs)
    ]
    entries += [
        CardEntry(event.start, _event_when(card, event), event=event)
        for event in (*card.events, *card.outside_events)
    ]
    entries.sort(key=lambda entry: entry.start)
    said = {entry.problem for entry in entries if entry.problem}
    warnings = tuple(
        finding.said_within
        for finding in card.findings
        if finding.kind not in NIGHT_KINDS
        and finding.kind is not ConflictKind.EMPTY_TOUR_DAY
        and finding.said_within not in said
    )
    night_findings = card.night_findings
    unbooked = any(f.kind is ConflictKind.NIGHT_WITHOUT_HOTEL for f in night_findings)
    night = None
    if not unbooked:
        night = _("Night: {hotel}").format(hotel=card.hotel) if card.hotel else _("No hotel night")
    return CardText(
        tuple(entries),
        next((f for f in card.findings if f.kind is ConflictKind.EMPTY_TOUR_DAY), None),
        tuple(dict.fromkeys(warnings)),
        night,
        night_findings,
    )


def span_on_card(card: BoardDay, start: datetime, end: datetime) -> str:
    """From ``start`` to ``end`` in Tokyo, with the start's day where it is not the
    card's own."""
    local_start = timezones.to_local(start, timezones.TOKYO)
    local_end = timezones.to_local(end, timezones.TOKYO)
    day = None if local_start.date() == card.day else i18n.short_day_text
    return timezones.span_text(local_start, local_end, day=day, dash="–")


def _event_when(card: BoardDay, event: BoardEvent) -> str:
    """An activity's hours, or "All day" for one held on whole days, as the calendar,
    the itinerary and the tour's spreadsheet say it."""
    if not event.all_day:
        return span_on_card(card, event.start, event.end)
    all_day = _("All day")
    if event.day is None or event.day == card.day:
        return all_day
    return f"{i18n.short_day_text(event.day)} {all_day}"
