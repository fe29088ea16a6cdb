"""One search for a meeting time, asked the same way by ``cpp-scheduler slots`` and by
the window's slot finder.

Both hand a :class:`SlotSearch` (who, how long, when, where, hosted by whom) to
:func:`search_slots`, which reads what the engine needs from the program and asks
:mod:`cpp_scheduler.scheduling.slots` once: the command line prints the answer, the
dialog shows it, and neither can rank a time differently from the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import printable
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.model import Delegation, Event, Participant, PartnerCity, Venue
from cpp_scheduler.model.event_filter import conferences_above
from cpp_scheduler.scheduling.inputs import (
    Attendee,
    ProgramSnapshot,
    VenueInfo,
    city_office_host,
    home_clock_city,
    tdlc_host,
)
from cpp_scheduler.scheduling.slots import (
    A_MEETING_OF_ITS_OWN,
    DEFAULT_STEP,
    SearchedMeeting,
    SeriesLayout,
    SeriesPlan,
    Slot,
    SlotRequest,
    busy_times,
    describe_slot,
    find_slots,
    lay_out_series,
    leaving_out,
    plan_series,
    series_windows,
)
from cpp_scheduler.services.choices import manager_search_texts
from cpp_scheduler.services.database import Database
from cpp_scheduler.services.record_tables import in_reading_order
from cpp_scheduler.services.snapshot import (
    NotFoundError,
    check_program_day,
    delegation_attendee,
    participant_attendee,
    snapshot_for,
    tour_spans,
    venue_info,
)

DEFAULT_COUNT = 8
"""How many times a search proposes unless asked otherwise: the slot finder's list and
``cpp-scheduler slots`` alike."""


@dataclass(frozen=True, slots=True)
class Host:
    """Who hosts the meeting: TDLC in Tokyo (``city_id`` None) or a partner city's
    office. Every CPP videoconference has one."""

    city_id: str | None = None


TDLC = Host()


@dataclass(frozen=True, slots=True)
class SlotSearch:
    """A coordinator's question, by the records' ids.

    ``repeat`` is a whole RRULE with its COUNT (``FREQ=MONTHLY;COUNT=6``) for a series,
    which repeats ``first_day..last_day``; None asks for ``count`` single meetings.
    ``host`` None leaves the host out, which only a coordinator who knows better asks.
    ``instead_of`` names an event being given a new time (its id): its own meetings
    (all of a series) neither book its attendees and room nor keep them travelling, so
    the time it has now is weighed like any other. ``session_of`` names the conference
    the meeting is (or is to be) a session of: it and the conferences above it book
    nobody for the meeting, and its parallel sessions book a delegation only where they
    name it, as the conflict check relates them (:class:`SearchedMeeting`).
    """

    attendee_ids: tuple[str, ...]
    duration: timedelta
    first_day: date
    last_day: date
    host: Host | None = TDLC
    venue_id: str | None = None
    zone: str = timezones.TOKYO
    step: timedelta = DEFAULT_STEP
    count: int = DEFAULT_COUNT
    repeat: str | None = None
    instead_of: str | None = None
    session_of: str | None = None


@dataclass(frozen=True, slots=True)
class SlotAnswer:
    """The engine's answer with what it was asked: the host, attendees and venue as the
    engine saw them, and the part of the program it read (without the event the search
    finds a new time for)."""

    search: SlotSearch
    request: SlotRequest
    windows: tuple[tuple[date, date], ...]
    snapshot: ProgramSnapshot
    slots: tuple[Slot, ...]
    plan: SeriesPlan | None = None
    meeting: SearchedMeeting = A_MEETING_OF_ITS_OWN
    """How the meeting searched for stands to the program's conferences."""

    @property
    def venue(self) -> VenueInfo | None:
        return self.request.venue

    @property
    def host(self) -> Attendee | None:
        return self.request.host

    @property
    def attendees(self) -> tuple[Attendee, ...]:
        return self.request.attendees


def tokyo_days_showing(first: date, last: date, zone: str) -> tuple[date, date]:
    """The days the finder searches (read in Tokyo, :attr:`SlotSearch.zone`'s default)
    for a window showing ``first``..``last`` on ``zone``'s clock: Tokyo's days that hold
    every instant of them, so the search misses none of what the window shows. Lima's
    Sunday 14 February 2027 runs from 14:00 on Tokyo's 14th to 14:00 on its 15th: the
    finder searches the 14th and the 15th, and the hours around are offered too."""
    start, end = timezones.local_days(first, last, zone)
    return timezones.all_day_dates(start, end, timezones.TOKYO)


def no_free_slot_line(number: int, window: tuple[date, date]) -> str:
    """``3. 15 Mar-21 Mar 2027: no free slot``: a meeting of a series whose window has
    no free time, as ``slots`` lists it and the slot finder's list of the series shows
    it, in the place of its meeting."""
    first, last = window
    return _("{number}. {first}-{last}: no free slot").format(
        number=number, first=i18n.day_month_text(first), last=i18n.day_month_year_text(last)
    )


def suggestion_line(number: int, slot: Slot, zone: str, dash: str = "-") -> str:
    """``1. Mon 18 Jan 2027 09:00-10:30 (Tokyo): inconvenience 5 (worst 3)``: the
    ``number``-th suggestion (or meeting of a series) read on ``zone``'s clock, with its
    total points and those of its worst-off attendee, as ``slots`` lists it; the slot
    finder shows its two parts (:func:`suggestion_parts`) in two columns, and the line
    whole where they are cut short, with its own ``–`` for ``dash``."""
    when, points = suggestion_parts(number, slot, zone, dash)
    return _("{when}: inconvenience {points}").format(when=when, points=points)


def suggestion_parts(number: int, slot: Slot, zone: str, dash: str = "-") -> tuple[str, str]:
    """The two parts of :func:`suggestion_line`: ``1. Mon 18 Jan 2027 09:00-10:30
    (Tokyo)`` (:func:`~cpp_scheduler.scheduling.slots.describe_slot`, its day with its
    year, its times set apart by ``dash``: the command line's ``-``, the window's ``–``)
    and ``5 (worst 3)``."""
    when = f"{number}. {describe_slot(slot, zone, dash)}"
    return when, _("{total} (worst {worst})").format(total=slot.total, worst=slot.worst)


def moved_text(count: int) -> str:
    """``2 attendees' local times differ from the previous meeting``: how many
    attendees a meeting of a planned series (:attr:`SeriesPlan.moved`) meets at another
    hour of their own day than the meeting before, as the slot finder's list says it
    under the meeting's line; in the language's own plural."""
    return ngettext(
        "{count} attendee's local time differs from the previous meeting",
        "{count} attendees' local times differ from the previous meeting",
        count,
    ).format(count=f"{count:,}")


def series_text(plan: SeriesPlan) -> str:
    """'a series of 8 meetings, 2 with no free slot': how many meetings a series search
    planned, and in how many windows it found nothing free, as ``slots --repeat`` heads
    its list and the slot finder sums it up."""
    count = len(plan.slots)
    missing = sum(1 for slot in plan.slots if slot is None)
    text = ngettext("a series of {count} meeting", "a series of {count} meetings", count).format(
        count=count
    )
    if missing:
        text = _("{series}, {missing} with no free slot").format(series=text, missing=missing)
    return text


def suggestions_found(count: int, what: str) -> str:
    """``3 suggestions; double-click one, or an hour in the grid, to create the event.``:
    what the slot finder says under the ``count`` times it suggests (``slots`` numbers
    its times and says no count), ``what`` being what choosing one does there; in the
    language's own plural."""
    return ngettext(
        "{count} suggestion; double-click it, or an hour in the grid, to {what}.",
        "{count} suggestions; double-click one, or an hour in the grid, to {what}.",
        count,
    ).format(count=f"{count:,}", what=what)


def no_free_time() -> str:
    """What a search that found no time says, in the window and on the command line:
    every reason a candidate time is left out, and what the coordinator can do."""
    return _(
        "No free time in that range: every candidate time is taken, needed to travel, "
        "outside a delegation's stay in Japan, or the venue is closed. Widen the dates, "
        "shorten the meeting, choose another venue or meet online."
    )


def fairness_shares(plan: SeriesPlan, names: Mapping[str, str]) -> list[tuple[str, int]]:
    """Each attendee's points over a series (``names``: their names by id), the most
    burdened first, ties in the order names are read (:func:`i18n.name_order`)."""
    return [
        (names.get(key, key), points)
        for key, points in sorted(
            plan.totals.items(),
            key=lambda item: (-item[1], i18n.name_order(names.get(item[0], item[0]))),
        )
    ]


def fairness_text(shares: Sequence[tuple[str, int]], plan: SeriesPlan) -> tuple[str, str]:
    """How evenly a series shares its burden, as the slot finder and ``slots --repeat``
    say it: the heading ("Fairness:") and the sentence, each one's points listed as
    ``shares`` gives them (the finder shortens long names to its room)."""
    listed = ", ".join(f"{name} {points}" for name, points in shares)
    return _("Fairness:"), _(
        "the burden is {verdict} (spread {fairness} points between the most and least "
        "burdened). Points over the series: {shares}."
    ).format(verdict=plan.sharing.label, fairness=plan.fairness, shares=listed)


def search_slots(database: Database, search: SlotSearch) -> SlotAnswer:
    """Rank the times for ``search`` (the best first), or plan its series.

    Days outside the program's are refused first, in one line
    (:func:`~cpp_scheduler.services.snapshot.check_program_day`): a search reaching
    toward year 9999 would overflow, and one in 1752 would suggest times the program
    cannot save."""
    check_program_day(_("First day"), search.first_day)
    check_program_day(_("Last day"), search.last_day)
    windows = [(search.first_day, search.last_day)]
    if search.repeat:
        windows = series_windows(search.first_day, search.last_day, search.repeat)
    with database.reading() as session:
        attendees = attendees_by_id(session, search.attendee_ids)
        host = host_attendee(session, search.host)
        venue = None
        if search.venue_id is not None:
            record = session.get(Venue, search.venue_id)
            if record is None:
                raise NotFoundError(_("The venue you chose was deleted meanwhile."))
            venue = venue_info(record)
        program = snapshot_for(session, windows[0][0], windows[-1][1])
        meeting = searched_meeting(session, search)
    if search.instead_of is not None:
        program = leaving_out(program, search.instead_of)
    request = SlotRequest(
        attendees=tuple(attendees),
        duration=search.duration,
        first_day=search.first_day,
        last_day=search.last_day,
        zone=search.zone,
        step=search.step,
        venue=venue,
        busy=busy_times(program, attendees, venue, meeting),
        host=host,
    )
    if search.repeat:
        plan = plan_series(request, windows)
        chosen = tuple(slot for slot in plan.slots if slot is not None)
        return SlotAnswer(search, request, tuple(windows), program, chosen, plan, meeting)
    slots = tuple(find_slots(request, search.count))
    return SlotAnswer(search, request, tuple(windows), program, slots, meeting=meeting)


def searched_meeting(session: Session, search: SlotSearch) -> SearchedMeeting:
    """The meeting searched for as the conflict check will relate it to the program:
    the event it is, and the conferences it is a session of (``session_of``, then the
    one that is a session of, and so on)."""
    if search.session_of is None:
        return SearchedMeeting(search.instead_of)
    if session.get(Event, search.session_of) is None:
        raise NotFoundError(_("The conference you chose was deleted meanwhile."))
    conference_of = {
        child: parent
        for child, parent in session.execute(
            select(Event.id, Event.parent_id).where(Event.parent_id.is_not(None))
        )
    }
    above = [search.session_of, *conferences_above(search.session_of, conference_of)]
    return SearchedMeeting(search.instead_of, frozenset(above))


def series_layout(answer: SlotAnswer) -> SeriesLayout | None:
    """How the answer's planned series is stored: one event with its rule and the
    meetings the plan moved or found no time for, each named by its own window's date
    (:func:`~cpp_scheduler.scheduling.slots.lay_out_series`); None when it is no series,
    or the rule cannot line up with the windows and one event per meeting is made."""
    if answer.plan is None or not answer.search.repeat:
        return None
    return lay_out_series(answer.plan, answer.windows, answer.search.repeat, answer.search.zone)


def host_attendee(session: Session, host: Host | None) -> Attendee | None:
    """The host as the engine weighs it: TDLC Tokyo, a city's office, or nobody."""
    if host is None:
        return None
    if host.city_id is None:
        return tdlc_host()
    city = session.get(PartnerCity, host.city_id)
    if city is None:
        raise NotFoundError(_("The partner city chosen as host was deleted meanwhile."))
    return city_office_host(city.id, city.name, city.zone)


def attendees_by_id(session: Session, ids: Sequence[str]) -> list[Attendee]:
    """Delegations and participants by id, in the order given."""
    found: list[Attendee] = []
    for record_id in ids:
        delegation = session.get(Delegation, record_id)
        if delegation is not None:
            found.append(delegation_attendee(delegation, tour_spans(session, [delegation.id])))
            continue
        person = session.scalars(
            select(Participant)
            .options(selectinload(Participant.delegation))
            .where(Participant.id == record_id)
        ).first()
        if person is None:
            raise NotFoundError(_("An attendee you chose was deleted meanwhile."))
        found.append(
            participant_attendee(person, tour_spans(session, [person.delegation_id or ""]))
        )
    return found


def find_host_city(session: Session, name: str) -> str:
    """The id of the partner city called ``name`` (any case), for ``--host``."""
    city = session.scalars(
        select(PartnerCity).where(func.lower(PartnerCity.name) == name.strip().lower())
    ).first()
    if city is None:
        known = ", ".join(session.scalars(select(PartnerCity.name).order_by(PartnerCity.name)))
        raise NotFoundError(
            _("No partner city is called '{name}' (known: {known}).").format(
                name=printable(name), known=known
            )
        )
    return city.id


# -- what the slot finder offers ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Offer:
    """One line of a list to choose from: the record's id, its label, its tooltip."""

    id: str
    label: str
    tip: str = ""
    searched: str = ""
    """The record's row in its manager as that manager's search reads it
    (:func:`~cpp_scheduler.services.choices.manager_search_texts`), which the attendee
    filter looks in beside the line."""


@dataclass(frozen=True, slots=True)
class SlotChoices:
    """Whom and where the slot finder offers, read in one short session."""

    delegations: tuple[Offer, ...] = ()
    participants: tuple[Offer, ...] = ()
    venues: tuple[Offer, ...] = ()
    hosts: tuple[Offer, ...] = ()
    """The partner cities whose offices can host, TDLC Tokyo aside."""


def _home_clock(attendee: Attendee) -> str:
    """How the schedule and the Local times dock name a person's clock at home: their
    delegation's home city when they are on its clock, else their zone's city."""
    return attendee.clock_city(attendee.zone)


def _name(record: Delegation | Participant | Venue | PartnerCity) -> str:
    return record.name


def slot_choices(database: Database) -> SlotChoices:
    """Delegations, people, venues and host cities, each by name, in the order of its
    manager (:func:`~cpp_scheduler.services.record_tables.in_reading_order`)."""
    found_by = {
        kind: manager_search_texts(database, kind) for kind in ("delegation", "participant")
    }
    with database.session() as session:
        delegations = tuple(
            Offer(
                d.id,
                f"{d.name} · {home_clock_city(d.zone, d.home_city or '')}",
                d.name,
                found_by["delegation"].get(d.id, ""),
            )
            for d in in_reading_order(
                session.scalars(select(Delegation).order_by(Delegation.name)), _name
            )
        )
        people = tuple(
            Offer(
                p.id,
                f"{p.name} · {_home_clock(participant_attendee(p, {}))}",
                p.email,
                found_by["participant"].get(p.id, ""),
            )
            for p in in_reading_order(
                session.scalars(
                    select(Participant)
                    .options(selectinload(Participant.delegation))
                    .order_by(Participant.name)
                ),
                _name,
            )
        )
        venues = tuple(
            Offer(
                v.id,
                f"{v.name}{f' · {v.name_ja}' if v.name_ja else ''} ({v.locality})",
                v.name,
            )
            for v in in_reading_order(session.scalars(select(Venue).order_by(Venue.name)), _name)
        )
        hosts = tuple(
            Offer(c.id, city_office_host(c.id, c.name, c.zone).name, c.name)
            for c in in_reading_order(
                session.scalars(select(PartnerCity).order_by(PartnerCity.name)), _name
            )
        )
    return SlotChoices(delegations, people, venues, hosts)
