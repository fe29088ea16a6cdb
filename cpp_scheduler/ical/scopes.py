"""Which events, and whose personal data, go into each kind of calendar file.

Pure functions over model objects already loaded (persistent or not): the services
layer selects candidates from the database, these rules decide what a file carries.

Privacy rules, enforced here and nowhere else:

* a participant's own file names that participant alone among the attendees, unless
  the coordinator explicitly asks for everyone's addresses;
* a delegation's (or its study tour's) file names its own members only;
* a file of one event or of the whole program names nobody unless asked.

Attendees appear only in request-mode files (RFC 5546 forbids them in PUBLISH); the
organiser, who is the event's contact, always appears.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from cpp_scheduler import i18n, timezones
from cpp_scheduler.i18n import N_
from cpp_scheduler.model import Delegation, Event, Participant, StudyTour


@dataclass(frozen=True)
class DateRange:
    """Inclusive first and last dates, read in each event's own zone; either may be open."""

    first: date | None = None
    last: date | None = None

    def __post_init__(self) -> None:
        if self.first and self.last and self.last < self.first:
            raise ValueError(
                i18n._("the range ends ({last}) before it starts ({first})").format(
                    last=self.last, first=self.first
                )
            )

    def holds_event(self, event: Event) -> bool:
        """Whether any meeting of the event falls in the range (a series is kept whole)."""
        if self.first is None and self.last is None:
            return True
        for occurrence in event.occurrences():
            start, end = occurrence.start, occurrence.end
            local_first = start.astimezone(timezones.zone(event.zone)).date()
            local_last = end.astimezone(timezones.zone(event.zone)).date()
            if (self.last is None or local_first <= self.last) and (
                self.first is None or local_last >= self.first
            ):
                return True
        return False

    def holds_tour(self, tour: StudyTour) -> bool:
        return (self.last is None or tour.start_date <= self.last) and (
            self.first is None or tour.end_date >= self.first
        )


@dataclass(frozen=True)
class Audience:
    """Whose addresses a file may carry as attendees."""

    everyone: bool = False
    people: frozenset[str] = frozenset()
    """Ids of the participants who may be named."""

    def allows(self, participant: Participant) -> bool:
        return self.everyone or participant.id in self.people

    def invites(self, event: Event) -> bool:
        """Whether the event invites someone the file may name: a request naming nobody
        is read as a plain appointment."""
        return any(self.allows(person) for person in event.invitees)

    @classmethod
    def nobody(cls) -> Audience:
        return cls()

    @classmethod
    def only(cls, participants: Iterable[Participant]) -> Audience:
        return cls(people=frozenset(person.id for person in participants))


@dataclass(frozen=True)
class Viewer:
    """Whose clock the description shows beside the event's own."""

    zone: str
    label: str
    """'Your local time' or 'Local time in Lima'."""
    japan_days: tuple[date, date] | None = None
    """First and last day in Japan, when the clock there is Tokyo's."""
    language: str = i18n.ENGLISH
    """The language the texts for this reader are written in."""

    def zone_on(self, day: date) -> str:
        """The zone of this clock on ``day`` (a Tokyo date): Tokyo during a visit."""
        if self.japan_days is not None and self.japan_days[0] <= day <= self.japan_days[1]:
            return timezones.TOKYO
        return self.zone

    @classmethod
    def of_delegation(
        cls, delegation: Delegation, label: str, language: str | None = None
    ) -> Viewer:
        """The delegation's clock, in ``language`` (else the delegation's own)."""
        days = None
        if delegation.arrival is not None and delegation.departure is not None:
            days = (delegation.arrival, delegation.departure)
        return cls(delegation.zone, label, days, language or delegation.written_language)


@dataclass
class CalendarContent:
    """What one calendar file holds."""

    name: str
    events: Sequence[Event]
    tours: Sequence[StudyTour] = ()
    audience: Audience = field(default_factory=Audience.nobody)
    viewer: Viewer | None = None


def _participant_viewer(participant: Participant) -> Viewer:
    """A participant's own clock; a delegation member's is Tokyo's while in Japan (a
    member with a zone of their own, such as Bank staff, keeps it)."""
    delegation = participant.delegation
    label = N_("Your local time")  # written in the reader's language with the rest
    if participant.zone or delegation is None:
        return Viewer(participant.effective_zone, label, language=participant.effective_language)
    return Viewer.of_delegation(delegation, label, participant.effective_language)


def _sorted(events: Iterable[Event]) -> list[Event]:
    unique = {event.uid: event for event in events}
    return sorted(unique.values(), key=lambda event: (event.start_utc, event.uid))


def one_event(event: Event, *, with_attendees: bool = False) -> CalendarContent:
    audience = Audience(everyone=True) if with_attendees else Audience.nobody()
    return CalendarContent(event.title, [event], (), audience)


def involves_participant(event: Event, participant: Participant) -> bool:
    """Whether the event is the participant's: one their delegation attends (most events
    of a person's file, so asked first), one naming them, or one they organise. The rule
    of the sidebar's Participant filter and of ``events list --participant``
    (:func:`~cpp_scheduler.model.event_filter.is_persons`): a session naming no
    delegation is its conference's, so a member's file holds the sessions of a
    conference their delegation attends, each at its own time and room, beside the
    conference itself."""
    delegation = participant.delegation
    if delegation is not None and _attends(delegation, event):
        return True
    return participant in event.participants or event.organiser is participant


def involves_delegation(event: Event, delegation: Delegation) -> bool:
    """Whether the event is in the delegation's program: one it attends, or one naming
    a member of it, the rule of the sidebar's Delegation filter and of ``events list
    --delegation`` (:func:`~cpp_scheduler.model.event_filter.is_delegations`)."""
    if _attends(delegation, event):
        return True
    return any(person.delegation is delegation for person in event.participants)


def _attends(delegation: Delegation, event: Event) -> bool:
    """Whether ``delegation`` attends ``event`` (:attr:`Event.attending_delegation_ids`),
    asked first of the delegations it names, which answer for most events at once."""
    if delegation in event.delegations:
        return True
    return not event.delegations and delegation.id in event.attending_delegation_ids


def participant_schedule(
    participant: Participant,
    candidates: Iterable[Event],
    tours: Iterable[StudyTour] = (),
    *,
    dates: DateRange | None = None,
    with_attendees: bool = False,
) -> CalendarContent:
    """A person's own program: their events, their delegation's events and tours."""
    dates = dates or DateRange()
    events = [
        event
        for event in candidates
        if involves_participant(event, participant) and dates.holds_event(event)
    ]
    delegation = participant.delegation
    own_tours = [
        tour
        for tour in tours
        if delegation is not None and tour.delegation is delegation and dates.holds_tour(tour)
    ]
    audience = Audience(everyone=True) if with_attendees else Audience.only([participant])
    return CalendarContent(
        f"{participant.name}: CPP program",
        _sorted(events),
        own_tours,
        audience,
        _participant_viewer(participant),
    )


def delegation_schedule(
    delegation: Delegation,
    candidates: Iterable[Event],
    tours: Iterable[StudyTour] = (),
    *,
    dates: DateRange | None = None,
) -> CalendarContent:
    """The delegation's program; it names its own members and no one else."""
    dates = dates or DateRange()
    events = [
        event
        for event in candidates
        if involves_delegation(event, delegation) and dates.holds_event(event)
    ]
    own_tours = [tour for tour in tours if tour.delegation is delegation and dates.holds_tour(tour)]
    return CalendarContent(
        f"{delegation.name}: CPP program",
        _sorted(events),
        own_tours,
        Audience.only(delegation.members),
        Viewer.of_delegation(
            delegation, f"Local time in {delegation.home_city or delegation.name}"
        ),
    )


def tour_schedule(tour: StudyTour, *, dates: DateRange | None = None) -> CalendarContent:
    """The tour's days with their events, its travel legs, and the all-day envelope."""
    dates = dates or DateRange()
    events = [event for day in tour.days for event in day.events if dates.holds_event(event)]
    delegation = tour.delegation
    return CalendarContent(
        tour.title,
        _sorted(events),
        [tour],
        Audience.only(delegation.members),
        Viewer.of_delegation(
            delegation, f"Local time in {delegation.home_city or delegation.name}"
        ),
    )


def program(
    candidates: Iterable[Event],
    tours: Iterable[StudyTour] = (),
    *,
    dates: DateRange | None = None,
    name: str = "CPP program",
    with_attendees: bool = False,
) -> CalendarContent:
    """The whole program, or the part of it within a date range."""
    dates = dates or DateRange()
    events = [event for event in candidates if dates.holds_event(event)]
    own_tours = [tour for tour in tours if dates.holds_tour(tour)]
    audience = Audience(everyone=True) if with_attendees else Audience.nobody()
    return CalendarContent(name, _sorted(events), own_tours, audience)
