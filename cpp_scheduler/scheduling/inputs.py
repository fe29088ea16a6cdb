"""The plain, immutable picture of a program that the scheduling engine works on.

The engine never touches the database: the services layer reads the store once, with
eager loading, into these frozen values (:mod:`cpp_scheduler.services.snapshot`), and
the GUI, the CLI, the tests and the benchmarks hand them to the algorithms alike. A
series is already expanded: each occurrence is its own :class:`Interval`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from functools import cache

from cpp_scheduler import timezones
from cpp_scheduler.i18n import _
from cpp_scheduler.model.enums import EventKind, EventMode

DEFAULT_WORK = (time(9, 0), time(18, 0))
DEFAULT_ACCEPTABLE = (time(7, 0), time(22, 0))
JAPAN = "JP"
_EPOCH = date(1970, 1, 1).toordinal()


def minutes_of(clock: time) -> int:
    return clock.hour * 60 + clock.minute


@dataclass(frozen=True, slots=True)
class Hours:
    """Working hours and the wider hours still acceptable, as wall-clock times in a zone."""

    work_start: time = DEFAULT_WORK[0]
    work_end: time = DEFAULT_WORK[1]
    acceptable_start: time = DEFAULT_ACCEPTABLE[0]
    acceptable_end: time = DEFAULT_ACCEPTABLE[1]
    minutes: tuple[int, int, int, int] = field(init=False, repr=False, compare=False)
    """The four bounds in minutes after midnight, for classifying without datetimes."""

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "minutes",
            (
                minutes_of(self.work_start),
                minutes_of(self.work_end),
                minutes_of(self.acceptable_start),
                minutes_of(self.acceptable_end),
            ),
        )

    def describe_work(self) -> str:
        """09:00-18:00."""
        start, end, _, _ = self.minutes
        return f"{_clock_text(start)}-{_clock_text(end)}"

    def describe_acceptable(self) -> str:
        """07:00-22:00: the wider hours, which each night warning quotes."""
        _, _, start, end = self.minutes
        return f"{_clock_text(start)}-{_clock_text(end)}"


def _clock_text(minutes: int) -> str:
    """09:30 for 570 minutes after midnight (strftime's ``%H:%M``, without its cost)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


DEFAULT_HOURS = Hours()


class AttendeeKind(StrEnum):
    DELEGATION = "delegation"
    PARTICIPANT = "participant"
    REFERENCE = "reference"
    """Tokyo and Washington, shown beside every event though nobody is listed there."""
    HOST = "host"
    """Whoever hosts a videoconference: TDLC in Tokyo, or a partner city's office. It is
    always in the room, so its working hours count like a delegation's."""


@dataclass(frozen=True, slots=True)
class Attendee:
    """A delegation or a person, with where their clock is and which holidays they keep.

    ``arrival``/``departure`` bound a delegation's stay in Japan (inherited by its
    members); while there, its clock is Tokyo's, not home's. ``home_city`` names the
    clock at home (:meth:`clock_city`).
    """

    id: str
    name: str
    kind: AttendeeKind
    zone: str
    country: str | None = None
    hours: Hours = DEFAULT_HOURS
    delegation_id: str | None = None
    arrival: date | None = None
    departure: date | None = None
    email: str = ""
    home_city: str = ""
    """The delegation's home city (New York, Quezon City), which names its own clock; a
    member on the delegation's clock shares it. Empty: the zone names it."""
    japan_days: tuple[int, int] = field(init=False, repr=False, compare=False)
    """The first and last day in Japan, in days since 1970-01-01 (empty if never)."""

    def __post_init__(self) -> None:
        if self.zone == timezones.TOKYO:  # lives in Japan
            days = (-(10**9), 10**9)
        elif self.arrival is not None and self.departure is not None:
            days = (self.arrival.toordinal() - _EPOCH, self.departure.toordinal() - _EPOCH)
        else:
            days = (1, 0)
        object.__setattr__(self, "japan_days", days)

    def in_japan_on(self, day: date) -> bool:
        """Living in Japan (on Tokyo's clock), or visiting it that day."""
        return self.in_japan_on_day(day.toordinal() - _EPOCH)

    def in_japan_on_day(self, day: int) -> bool:
        """:meth:`in_japan_on` for a day counted from 1970-01-01."""
        first, last = self.japan_days
        return first <= day <= last

    def zone_on(self, day: date) -> str:
        """The zone of this attendee's clock on ``day``: Tokyo during a stay in Japan."""
        return timezones.TOKYO if self.in_japan_on(day) else self.zone

    def clock_city(self, zone_name: str) -> str:
        """How a sentence names this attendee's clock when it is ``zone_name``: at home
        by the home city (:func:`home_clock_city`), elsewhere (Tokyo during a stay in
        Japan) by the zone's city."""
        if zone_name == self.zone:
            return home_clock_city(self.zone, self.home_city)
        return zone_city(zone_name)


def japan_day(moment: datetime) -> date:
    """The day in Japan of ``moment``: a stay's days (arrival, departure) are Japan's
    calendar days, so whether a meeting falls in a stay is asked with this date."""
    return timezones.to_local(moment, timezones.TOKYO).date()


TDLC_HOST_ID = "tdlc"
TDLC_HOST_NAME = "TDLC Tokyo"


def tdlc_host() -> Attendee:
    """TDLC's office in Tokyo, the host of every event not handed to a partner city: a
    working day of 09:00-18:00 in Tokyo, with Japan's holidays and weekends."""
    return Attendee(TDLC_HOST_ID, TDLC_HOST_NAME, AttendeeKind.HOST, timezones.TOKYO, JAPAN)


def city_office_host(city_id: str, city_name: str, zone: str = timezones.TOKYO) -> Attendee:
    """A partner city's office hosting from home (Kobe's officials running a session):
    the same working day as TDLC's, on the city's clock and Japan's calendar."""
    return Attendee(city_id, f"{city_name} city office", AttendeeKind.HOST, zone, JAPAN)


@dataclass(frozen=True, slots=True)
class VenueInfo:
    id: str
    name: str
    locality: str
    zone: str = timezones.TOKYO
    capacity: int = 20
    opens_at: time = time(9, 0)
    closes_at: time = time(18, 0)

    @property
    def country(self) -> str | None:
        return country_of_zone(self.zone)


@dataclass(frozen=True, slots=True)
class Interval:
    """One meeting on the calendar (an event, or one occurrence of a series), in UTC.

    ``ancestor_ids`` holds the events this one is a session of (its conference, and the
    conference's parent if any): an event never clashes with its own ancestors.
    """

    id: str
    event_id: str
    title: str
    start: datetime
    end: datetime
    zone: str = timezones.TOKYO
    kind: EventKind = EventKind.WORKSHOP
    mode: EventMode = EventMode.FACE_TO_FACE
    venue_id: str | None = None
    locality: str | None = None
    delegation_ids: frozenset[str] = frozenset()
    participant_ids: frozenset[str] = frozenset()
    ancestor_ids: frozenset[str] = frozenset()
    tour_day_id: str | None = None
    uid: str = ""
    recurrence_id: datetime | None = None
    """For a meeting of a series, the start its rule gives it (UTC), which names the
    meeting even after it was moved; None for a one-off event."""
    all_day: bool = False
    """A span of whole days in ``zone`` (start and end the midnights that begin its first
    day and the day after its last): it holds rooms and people for those days, but has
    no hours to be at night, outside opening hours or too close to a journey."""
    moved: bool = field(default=False, compare=False)
    """A meeting of a series moved off the time its rule gives it
    (:attr:`~cpp_scheduler.model.recurrence.Occurrence.moved`): what ``events list``
    marks "(moved)", and the printed documents beside its time."""
    start_s: int = field(init=False, repr=False, compare=False)
    end_s: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        start = timezones.ensure_utc(self.start)
        end = timezones.ensure_utc(self.end)
        if end <= start:
            raise ValueError(f"{self.title}: an interval must end after it starts")
        object.__setattr__(self, "start_s", int(start.timestamp()))
        object.__setattr__(self, "end_s", int(end.timestamp()))

    @property
    def is_remote(self) -> bool:
        """Attended from home: a videoconference, or any virtual or hybrid event."""
        return self.kind is EventKind.VIDEOCONFERENCE or self.mode is not EventMode.FACE_TO_FACE

    @property
    def is_in_person(self) -> bool:
        """Everyone listed comes to where it is held: a face-to-face event that is not a
        videoconference, whether or not its venue is chosen yet (nobody joins a
        face-to-face meeting from home, so one outside a delegation's stay is a problem
        before it has a room). At a hybrid event only those visiting Japan come in
        person. The checks of journeys, which need a place to travel to, ask
        :attr:`is_physical` first."""
        return self.mode is EventMode.FACE_TO_FACE and self.kind is not EventKind.VIDEOCONFERENCE

    @property
    def is_physical(self) -> bool:
        """Somebody is at its locality in person: a face-to-face or hybrid event."""
        return self.mode is not EventMode.VIRTUAL and self.locality is not None

    def related(self, other: Interval) -> bool:
        """A conference and its own sessions: they share resources without clashing.

        Two meetings of one series are not related: one moved onto another's time holds
        the same people and room twice, which is a double booking like any other.
        """
        return self.id == other.id or related_events(
            self.event_id, self.ancestor_ids, other.event_id, other.ancestor_ids
        )


def related_events(
    first_id: str | None,
    first_ancestors: frozenset[str],
    second_id: str | None,
    second_ancestors: frozenset[str],
) -> bool:
    """Whether one event is a session (at any depth) of the other, given each one's id
    and the events it is a session of: then they share rooms and people without
    clashing (:meth:`Interval.related`)."""
    return (first_id is not None and first_id in second_ancestors) or (
        second_id is not None and second_id in first_ancestors
    )


@dataclass(frozen=True, slots=True)
class TourLeg:
    """A journey of a study tour, as the delegation plans to make it (UTC)."""

    id: str
    origin: str
    destination: str
    mode: str
    departure: datetime
    arrival: datetime


@dataclass(frozen=True, slots=True)
class TourNight:
    """Where the delegation sleeps on the night that begins on ``night_of`` (Tokyo)."""

    id: str
    night_of: date
    hotel: str
    locality: str


@dataclass(frozen=True, slots=True)
class TourActivity:
    """An event filed under one of the tour's days (not cancelled), where it takes place.

    An all-day one (``all_day``) is its dates in ``zone``, as :attr:`Interval.all_day`
    is: it is on the tour's days or outside them by those dates, but has no hours for a
    leg to run into, and does not say where the delegation spends the day.
    """

    event_id: str
    title: str
    start: datetime
    end: datetime
    locality: str | None = None
    zone: str = timezones.TOKYO
    all_day: bool = False
    delegation_ids: frozenset[str] = frozenset()
    """The delegations the event names; with :attr:`participant_ids` and
    :attr:`ancestor_ids`, whom it is for, by the one rule of a delegation's program
    (:func:`~cpp_scheduler.model.event_filter.is_delegations`)."""
    participant_ids: frozenset[str] = frozenset()
    ancestor_ids: frozenset[str] = frozenset()
    """The conferences it is a session of, at any depth."""


@dataclass(frozen=True, slots=True)
class TourInfo:
    """A study tour: its dates, the days it plans, the nights it has a hotel for.

    ``legs``, ``nights`` and ``activities`` are the whole tour, whatever part of the
    program the snapshot holds: whether a leg can be made depends on where the
    delegation ended the days before.
    """

    id: str
    title: str
    delegation_id: str
    start_date: date
    end_date: date
    day_ids: Mapping[date, str] = field(default_factory=dict)
    hotel_nights: frozenset[date] = frozenset()
    travel_days: frozenset[date] = frozenset()
    """Dates (Tokyo) on which a travel leg departs or arrives."""
    legs: tuple[TourLeg, ...] = ()
    """By departure."""
    nights: tuple[TourNight, ...] = ()
    activities: tuple[TourActivity, ...] = ()
    """By start, timed and all-day ones alike."""


@dataclass(frozen=True, slots=True)
class Route:
    origin: str
    destination: str
    mode: str
    minutes: int


@dataclass(frozen=True, slots=True)
class ProgramSnapshot:
    """Everything the engine needs about a program, read once from the store.

    A snapshot of part of the program (a range of dates) holds every meeting touching
    that part in :attr:`intervals`, and beside them what the conflict check needs to
    judge that part exactly as it judges the whole program (:attr:`neighbours`,
    :attr:`conferences`; the tours' own records are whole already): a check of the
    part then finds what the check of the whole finds there.
    """

    intervals: tuple[Interval, ...] = ()
    delegations: Mapping[str, Attendee] = field(default_factory=dict)
    participants: Mapping[str, Attendee] = field(default_factory=dict)
    venues: Mapping[str, VenueInfo] = field(default_factory=dict)
    routes: tuple[Route, ...] = ()
    tours: tuple[TourInfo, ...] = ()
    neighbours: tuple[Interval, ...] = ()
    """Meetings starting after the part read that the checks looking past a meeting
    need: every one within the longest journey after it (where each attendee goes
    next), and up to the end of each study tour begun in it (the tour's days).
    They are not in :attr:`intervals`, so nothing that lists the part shows them, and
    no other check judges them. Empty for the whole program, by start."""
    conferences: Mapping[str, frozenset[str]] | None = None
    """Per event of the whole program that has sessions held, the delegations it names
    (for its sessions naming none): a part may hold a session without its conference,
    or a conference without its sessions. None: :attr:`intervals` say it (they hold
    the whole program)."""
    conference_dates: Mapping[str, Interval] | None = None
    """Per event of the whole program that has sessions held and is not a series, its
    own span, against which its sessions' days are judged: a part may hold a session
    without its conference. None: :attr:`intervals` say it."""
    place_names: Mapping[str, str] = field(default_factory=dict)
    """How the check's sentences name a place the snapshot holds (its localities, legs'
    ends, hotels' cities), by the one name the snapshot gives it: a partner city as the
    reader's language names it (神戸市 in Japanese). A place not listed is named as
    written."""
    conference_participants: Mapping[str, frozenset[str]] | None = None
    """Per event of the whole program that has sessions held, the participants it names,
    whose holidays it reports (its sessions, those they name besides): a part may hold a
    session without its conference. None: :attr:`intervals` say it."""
    followed_by_sessions: Mapping[str, frozenset[str]] | None = None
    """Per delegation, the events of the whole program it attends a held session of:
    it follows them by their sessions, not as a block of days. A part may hold a
    conference without the sessions that say so. None: :attr:`intervals` say it."""

    def attendee(self, attendee_id: str) -> Attendee | None:
        return self.delegations.get(attendee_id) or self.participants.get(attendee_id)

    def place(self, name: str | None) -> str:
        """A place as the check's sentences name it (see :attr:`place_names`)."""
        if name is None:
            return ""
        return self.place_names.get(name, name)

    def with_intervals(self, intervals: Iterable[Interval]) -> ProgramSnapshot:
        return ProgramSnapshot(
            tuple(intervals),
            self.delegations,
            self.participants,
            self.venues,
            self.routes,
            self.tours,
            self.neighbours,
            self.conferences,
            self.conference_dates,
            self.place_names,
            self.conference_participants,
            self.followed_by_sessions,
        )


@cache
def _zone_countries() -> Mapping[str, str]:
    import pytz

    countries: dict[str, str] = {}
    for country, zones in pytz.country_timezones.items():
        for name in zones:
            countries.setdefault(name, country)
    return countries


def country_of_zone(zone_name: str) -> str | None:
    """The country a zone belongs to (Asia/Tokyo: JP), or None for UTC and the like.

    For a person with no delegation, this is the country whose holidays they keep.
    """
    return _zone_countries().get(zone_name)


def zone_city(zone_name: str) -> str:
    """How a sentence names a zone: ``Asia/Tokyo`` is Tokyo, ``America/New_York``
    Washington (the Bank's clock, as the status bar and the reference row show it);
    TDLC's and the Bank's home cities in the program's language, the others as IANA
    spells them. A delegation's or a person's own clock is named by
    :func:`home_clock_city` instead."""
    if zone_name == timezones.WASHINGTON:
        return _("Washington")
    if zone_name == timezones.TOKYO:
        return _("Tokyo")
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def home_clock_city(zone_name: str, home_city: str = "") -> str:
    """How every view names a delegation's (or its member's) own clock: by its home city
    where it has one, as the itinerary's "At home (New York)" does, else by
    :func:`zone_city`. A delegation from New York is on the Bank's zone, but its clock
    is New York's, not Washington's; Quezon City's is not Manila's."""
    return home_city or zone_city(zone_name)
