"""A delegation's itinerary: what it carries through Japan.

A cover (the delegation, its dates in Japan, whom to call at TDLC), then one section per
day of its stay and tours, and per day of any other meeting or leg of its, however long
before or after them: each meeting at its time in Japan (and at home, for a virtual or
hybrid one on a day the delegation is not in Japan; one of several days again on each
later day it is on, all-day or timed, and a leg on each day it is under way, lest that
day read as free or be missing), where it is in English and in Japanese so that a taxi
driver can read it, the travel legs, the hotel of the night, the video link as text and
as a QR code, and the notes written for participants. Which meetings the delegation
attends is the engine's rule
(:func:`cpp_scheduler.scheduling.attendance.delegation_meetings`), the one its schedule
and the conflict check follow; the days a meeting is on are the calendar's
(:func:`cpp_scheduler.model.event_filter.meeting_days`, on Japan's clock), the days its
schedule lists it on; a session of a tentative conference is tentative
(:func:`cpp_scheduler.model.event_filter.is_tentative`), as the programme says. The
itinerary reads the meetings its schedule reads
(:func:`cpp_scheduler.services.delegation_schedule.schedule_program`): a briefing months
before the stay or a follow-up months after it is on both.

A meeting called off (:func:`cpp_scheduler.model.event.called_off`: cancelled, or a
session of a cancelled conference) stays in its slot, struck through and marked
"Cancelled" as the programme marks a cancelled session
(:func:`cpp_scheduler.documents.markup.marked_cancelled`), so that whoever holds an
earlier printout finds it called off rather than gone. The engine's snapshot leaves out
what is not held; such meetings are read on their own
(:func:`~cpp_scheduler.services.snapshot.read_not_held`) and the engine's rule says which
of them were the delegation's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from cpp_scheduler import i18n, timezones
from cpp_scheduler.documents.content import (
    ChangeStamp,
    PrintDocument,
    Section,
    ShouldStop,
    continued_day,
    stop_if_asked,
)
from cpp_scheduler.documents.markup import (
    DASH,
    cancelled_note,
    escape,
    lines,
    marked_cancelled,
    moved_marker,
    qr_data_uri,
    split_address,
    struck,
    table,
    time_span,
)
from cpp_scheduler.documents.places import (
    Office,
    Place,
    PrintedLeg,
    continued_when,
    leg_on,
    leg_row,
    read_event_details,
    read_legs,
    read_places,
    tdlc_office,
    without_venue,
)
from cpp_scheduler.documents.stamp import read_change_stamp
from cpp_scheduler.i18n import _, shown_name
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    HotelNight,
    Participant,
    StudyTour,
    TourDay,
    TravelLeg,
)
from cpp_scheduler.model.event import (
    OccurrenceOverride,
    event_delegations,
    event_participants,
)
from cpp_scheduler.model.event_filter import is_tentative, meeting_days
from cpp_scheduler.model.tour import stay_in_japan
from cpp_scheduler.scheduling.attendance import (
    AttendedMeeting,
    attending_delegations,
    conferences_of,
    delegation_meetings,
)
from cpp_scheduler.scheduling.conflicts import ConflictKind
from cpp_scheduler.scheduling.inputs import (
    Attendee,
    Interval,
    japan_day,
    zone_city,
)
from cpp_scheduler.scheduling.localtimes import LocalTime, all_day_text
from cpp_scheduler.services.delegation_schedule import schedule_program
from cpp_scheduler.services.queries import read_partner_city_names
from cpp_scheduler.services.rows import typed_place_name
from cpp_scheduler.services.snapshot import NotFoundError, read_not_held
from cpp_scheduler.store import Database

TOKYO = timezones.TOKYO
LinksShown = dict[tuple[str, str], datetime]
"""(conference, video link) -> the start of the session that printed it with its code."""


@dataclass(frozen=True, slots=True)
class ItineraryMeeting:
    """One meeting of the delegation, on Japan's clock (and home's, when it joins
    remotely)."""

    title: str
    kind: EventKind
    mode: EventMode
    start: datetime
    """Local time in Japan."""
    end: datetime
    at_home: tuple[LocalTime, LocalTime] | None
    """Start and end on the delegation's home clock, for a virtual or hybrid meeting on
    a day it is not in Japan (in Japan, it reads its meetings on Japan's clock)."""
    place: Place | None
    city: str
    """The partner city it is held in or with, as a document names it; empty for none."""
    video_link: str
    description: str
    """The agenda and anything participants should read (never the coordinators'
    notes)."""
    conference: str | None
    last_day: date | None = None
    """For an all-day event, its last day (the day it is listed under is its first): it
    has dates, not hours."""
    continued: bool = False
    """A meeting of several days listed again on a later day it is on, lest that day
    read as free; ``start`` is that day's midnight (``end`` is still its end)."""
    tentative: bool = False
    """Not confirmed yet, or a session of a conference not confirmed yet
    (:func:`~cpp_scheduler.model.event_filter.is_tentative`): the reader should not book
    travel around it."""
    on_until: date | None = None
    """The last day it is on (:func:`~cpp_scheduler.model.event_filter.meeting_days`,
    on Japan's clock; an all-day event's own last date), where that is a later day
    than the one it is listed under first."""
    moved: bool = False
    """A meeting of a series moved off the time its rule gives it (the engine's
    :attr:`~cpp_scheduler.model.recurrence.Occurrence.moved`): marked " (moved)" beside
    its time, as ``events list`` and the calendar mark it, lest a reader go by the
    series' usual day its description may name."""
    in_person: bool = False
    """Attended where it is held, face to face
    (:attr:`~cpp_scheduler.scheduling.inputs.Interval.is_in_person`): a delegation
    cannot join it from home, which is why the check reports one outside its stay."""
    outside_stay: bool = False
    """Attended in person on a day outside the delegation's stay in Japan (its arrival
    to its departure): the conflict check reports it as such, and so does the row."""
    cancelled: bool = False
    """Called off (:func:`~cpp_scheduler.model.event.called_off`): listed in its slot,
    struck through and marked "Cancelled", in no count and no conflict."""


@dataclass(frozen=True, slots=True)
class ItineraryNight:
    hotel: str
    locality: str
    """The hotel's city as the document names it: a partner city as beside a venue
    (:func:`~cpp_scheduler.services.rows.typed_place_name`)."""
    address: str
    address_ja: str


@dataclass(frozen=True, slots=True)
class ItineraryDay:
    day: date
    heading: str
    meetings: tuple[ItineraryMeeting, ...]
    """The meetings held, and any called off (:attr:`ItineraryMeeting.cancelled`)."""
    legs: tuple[PrintedLeg, ...]
    night: ItineraryNight | None


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    organisation: str
    email: str


@dataclass(frozen=True, slots=True)
class Itinerary:
    delegation: str
    country: str
    home_city: str
    home_zone: str
    interpretation: str
    first: date | None
    """First and last day in Japan (stay and tours together); None if it never comes."""
    last: date | None
    tours: tuple[str, ...]
    office: Office
    contacts: tuple[Contact, ...]
    """TDLC's staff who organise the delegation's meetings, most meetings first."""
    days: tuple[ItineraryDay, ...]
    stamp: ChangeStamp

    @property
    def cancelled(self) -> int:
        """How many meetings of the delegation are called off (each listed once, on the
        day it was to begin)."""
        return sum(1 for day in self.days for meeting in day.meetings if meeting.cancelled)


def read_itinerary(database: Database, delegation: str) -> Itinerary:
    """The itinerary of the delegation named ``delegation`` (its name in any case, or
    its id), read in one session."""
    text = delegation.strip()
    with database.reading() as session:
        found = session.execute(
            select(
                Delegation.id,
                Delegation.name,
                Delegation.country,
                Delegation.zone,
                Delegation.home_city,
                Delegation.interpretation,
                Delegation.arrival,
                Delegation.departure,
            ).where(or_(func.lower(Delegation.name) == text.lower(), Delegation.id == text))
        ).first()
        if found is None:
            known = "; ".join(session.scalars(select(Delegation.name).order_by(Delegation.name)))
            raise NotFoundError(
                _("No delegation is called '{name}' (known: {known}).").format(
                    name=text, known=known or _("none yet")
                )
            )
        tours = session.execute(
            select(StudyTour.id, StudyTour.title, StudyTour.start_date, StudyTour.end_date)
            .where(StudyTour.delegation_id == found.id)
            .order_by(StudyTour.start_date)
        ).all()
        tour_ids = [tour.id for tour in tours]
        headings = {
            row.day: row.title
            for row in session.execute(
                select(TourDay.day, TourDay.title).where(TourDay.tour_id.in_(tour_ids))
            )
        }
        partner_cities = read_partner_city_names(session)
        legs = read_legs(session, TravelLeg.tour_id.in_(tour_ids), partner_cities=partner_cities)
        nights = session.execute(
            select(
                HotelNight.night_of, HotelNight.hotel, HotelNight.locality, HotelNight.address
            ).where(HotelNight.tour_id.in_(tour_ids))
        ).all()
        first, last = stay_in_japan(
            found.arrival, found.departure, [(t.start_date, t.end_date) for t in tours]
        )
        if first is None or last is None or last < first:
            first = last = None
        # Every meeting its schedule lists, however far from its stay: the schedule's
        # program, read over the span its meetings can fall in.
        span = _span_to_read(session, found.id)
        program = schedule_program(session, *span)
        attended = delegation_meetings(program, found.id)
        not_held = read_not_held(session, program, *span)
        called_off_meetings = [
            m
            for m in delegation_meetings(not_held.program, found.id)
            if not_held.called_off(m.interval)
        ]
        event_ids = sorted({m.interval.event_id for m in attended})
        above = {a for m in (*attended, *called_off_meetings) for a in m.interval.ancestor_ids}
        cancelled_ids = {m.interval.event_id for m in called_off_meetings}
        details = read_event_details(session, {*event_ids, *cancelled_ids, *above})
        places = read_places(
            session,
            {m.interval.venue_id for m in (*attended, *called_off_meetings) if m.interval.venue_id},
        )
        organised = Counter(
            details[i].organiser_id for i in event_ids if details[i].organiser_id is not None
        )
        people = {
            row.id: Contact(row.name, row.organisation or "", row.email)
            for row in session.execute(
                select(
                    Participant.id, Participant.name, Participant.organisation, Participant.email
                ).where(Participant.id.in_(list(organised)))
            )
        }
        stamp = read_change_stamp(session)

    attendee = program.delegations.get(found.id)
    conferences = conferences_of(program)
    meetings_by_day: dict[date, list[ItineraryMeeting]] = {}
    cancelled_by_day: dict[date, list[ItineraryMeeting]] = {}
    status_of = {event: detail.status for event, detail in details.items()}
    for meeting, cancelled in _held_then_called_off(attended, called_off_meetings):
        interval = meeting.interval
        start = timezones.to_local(interval.start, TOKYO)
        detail = details[interval.event_id]
        day, on_until = meeting_days(
            interval.start, interval.end, interval.zone, all_day=interval.all_day, clock=TOKYO
        )
        last_day = None
        if interval.all_day:  # its own dates, on every clock; first in its day
            last_day = on_until
            start = datetime.combine(day, time(), timezones.zone(TOKYO))
        listed = cancelled_by_day if cancelled else meetings_by_day
        listed.setdefault(day, []).append(
            ItineraryMeeting(
                title=interval.title,
                kind=interval.kind,
                mode=interval.mode,
                start=start,
                end=timezones.to_local(interval.end, TOKYO),
                at_home=_at_home(interval, attendee, found.zone),
                place=places.get(interval.venue_id) if interval.venue_id else None,
                city=shown_name(detail.city, detail.city_ja or "") if detail.city else "",
                video_link=detail.video_link or "",
                description=detail.description or "",
                conference=meeting.conference.title if meeting.conference is not None else None,
                last_day=last_day,
                tentative=is_tentative(interval.event_id, interval.ancestor_ids, status_of),
                on_until=on_until if on_until > day else None,
                moved=interval.moved,
                in_person=interval.is_in_person,
                outside_stay=not cancelled
                and _expected_in_person(interval, found.id, conferences)
                and _outside_stay(day, on_until, found.arrival, found.departure),
                cancelled=cancelled,
            )
        )
    home_city = found.home_city or zone_city(found.zone)
    night_of = {}
    for night in nights:
        english, japanese = split_address(night.address or "")
        night_of[night.night_of] = ItineraryNight(
            night.hotel, typed_place_name(night.locality, partner_cities), english, japanese
        )

    stay: set[date] = set()
    if first is not None and last is not None:
        stay = {first + timedelta(days=n) for n in range((last - first).days + 1)}
    # A long flight may leave the day before the stay begins in Japan, or still be in
    # the air the day after it ends: every day a leg or a meeting is on is listed.
    dates = sorted(
        stay | _days_taken(meetings_by_day) | set(cancelled_by_day) | _days_under_way(legs)
    )
    continuing = _continuations(meetings_by_day, dates)
    days = tuple(
        ItineraryDay(
            day=day,
            heading=headings.get(day, "")
            or (_("from home") if _from_home(day, stay, meetings_by_day) else ""),
            meetings=(
                *continuing.get(day, ()),
                *meetings_by_day.get(day, ()),
                *cancelled_by_day.get(day, ()),
            ),
            legs=tuple(on_day for leg in legs if (on_day := leg_on(leg, day)) is not None),
            night=night_of.get(day),
        )
        for day in dates
    )
    return Itinerary(
        delegation=found.name,
        country=timezones.country_name(found.country or "") or found.country,
        home_city=home_city,
        home_zone=found.zone,
        interpretation=found.interpretation or "",
        first=first,
        last=last,
        tours=tuple(tour.title for tour in tours),
        office=tdlc_office(),
        contacts=tuple(people[p] for p, _count in organised.most_common() if p in people),
        days=days,
        stamp=stamp,
    )


def _span_to_read(session: Session, delegation_id: str) -> tuple[datetime, datetime | None]:
    """Where every meeting the delegation can attend lies: from the first start to the
    last end of the events that name it, that a member of it attends, or that are
    sessions (at any depth) of one of those; open-ended when one of them is a series
    (from the earliest of its meetings moved before its first, too).

    Only a bound on what is read, never the rule of who attends: every meeting the
    engine's rule (:func:`~cpp_scheduler.scheduling.attendance.delegation_meetings`)
    can give the delegation is among these events, held or called off, so the part of
    the program read over it gives the same meetings as the whole program, which a
    program of ten thousand events takes the better part of a second to read (a tenth
    of one over a delegation's weeks). A delegation with no such event reads an
    instant."""
    named = select(event_delegations.c.event_id).where(
        event_delegations.c.delegation_id == delegation_id
    )
    joined = (
        select(event_participants.c.event_id)
        .join(Participant, Participant.id == event_participants.c.participant_id)
        .where(Participant.delegation_id == delegation_id)
    )
    found = (
        select(Event.id)
        .where(or_(Event.id.in_(named), Event.id.in_(joined)))
        .cte("found", recursive=True)
    )
    candidates = found.union(select(Event.id).join(found, Event.parent_id == found.c.id))
    first, last, series = session.execute(
        select(
            func.min(Event.start_utc), func.max(Event.end_utc), func.count(Event.recurrence_rule)
        ).where(Event.id.in_(select(candidates.c.id)))
    ).one()
    if first is None:
        instant = datetime(2000, 1, 1, tzinfo=UTC)
        return instant, instant
    if not series:
        return first, last
    moved = session.scalar(
        select(func.min(OccurrenceOverride.start_utc)).where(
            OccurrenceOverride.event_id.in_(select(candidates.c.id))
        )
    )
    return (min(first, moved) if moved is not None else first), None


def _held_then_called_off(
    held: Iterable[AttendedMeeting], cancelled: Iterable[AttendedMeeting]
) -> list[tuple[AttendedMeeting, bool]]:
    """Each meeting with whether it is called off."""
    return [(m, False) for m in held] + [(m, True) for m in cancelled]


def _at_home(
    interval: Interval, attendee: Attendee | None, home_zone: str
) -> tuple[LocalTime, LocalTime] | None:
    """A meeting attended from home's start and end on the home clock (a
    videoconference, or any virtual or hybrid event: the engine's
    :attr:`~cpp_scheduler.scheduling.inputs.Interval.is_remote`); none for one on a day
    the delegation is in Japan, which it reads on Japan's clock (the engine's rule,
    :meth:`~cpp_scheduler.scheduling.inputs.Attendee.in_japan_on`), nor for an all-day
    one, whose dates are the same at home."""
    if interval.all_day or not interval.is_remote:
        return None
    if attendee is not None and attendee.in_japan_on(japan_day(interval.start)):
        return None
    return (
        LocalTime.of(interval.start, home_zone, interval.zone),
        LocalTime.of(interval.end, home_zone, interval.zone),
    )


def _from_home(
    day: date, stay: set[date], meetings_by_day: Mapping[date, list[ItineraryMeeting]]
) -> bool:
    """Whether a day outside the stay is one the delegation spends joining meetings from
    home: every meeting first listed on it is one it can join remotely, as the engine
    reads it (a delegation joins a hybrid session from home; only one held in person
    needs it in Japan, :attr:`~cpp_scheduler.scheduling.inputs.Interval.is_in_person`).
    A day holding a meeting attended in person is not: that meeting says it is outside
    the stay, as the conflict check does."""
    meetings = meetings_by_day.get(day, ())
    return day not in stay and bool(meetings) and not any(m.in_person for m in meetings)


def _expected_in_person(
    interval: Interval, delegation_id: str, conferences: Mapping[str, frozenset[str]]
) -> bool:
    """Whether the delegation is expected where the meeting is held, as the conflict
    check judges a stay: a meeting attended in person that names it, or a session naming
    nobody of a conference that does (never a conference judged by its sessions, nor a
    meeting it is on only through one of its members)."""
    return (
        interval.is_in_person
        and interval.event_id not in conferences
        and delegation_id in attending_delegations(interval, conferences)
    )


def _outside_stay(first: date, last: date, arrival: date | None, departure: date | None) -> bool:
    """Whether a meeting on ``first``..``last`` (Japan's days) falls outside a stay from
    ``arrival`` to ``departure``, as the conflict check finds a meeting the delegation
    is expected at in person (:func:`_expected_in_person`) before it arrives or after it
    leaves (a stay with either date unknown is not judged)."""
    if arrival is None or departure is None:
        return False
    return first < arrival or last > departure


def _days_taken(meetings_by_day: Mapping[date, list[ItineraryMeeting]]) -> set[date]:
    """Every day (in Japan) a meeting is on: the day it is listed under first, and each
    later one a meeting of several days still runs on, which its schedule lists it on
    and which must not be missing from the paper a delegation carries."""
    days: set[date] = set()
    for first, meetings in meetings_by_day.items():
        days.add(first)
        for meeting in meetings:
            if meeting.on_until is not None:
                days.update(_dates_from(first, meeting.on_until))
    return days


def _days_under_way(legs: list[PrintedLeg]) -> set[date]:
    """Every day (in Japan) a leg is under way, from the day it sets out to the day it
    lands (:func:`~cpp_scheduler.documents.places.leg_on`, which lists it on each):
    a flight still in the air the day after the stay ends is on that day."""
    days: set[date] = set()
    for leg in legs:
        first = leg.departure.date()
        days.update(_dates_from(first, max(first, (leg.arrival - _INSTANT).date())))
    return days


def _dates_from(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


_INSTANT = timedelta(microseconds=1)
"""A leg landing at midnight is not under way on the day that midnight begins."""


def _continuations(
    meetings_by_day: dict[date, list[ItineraryMeeting]], dates: list[date]
) -> dict[date, list[ItineraryMeeting]]:
    """Each meeting of several days (an all-day closure, a retreat overnight) again on
    the later listed days it is on (every one, :func:`_days_taken`), so that such a day
    does not read "Nothing planned"."""
    found: dict[date, list[ItineraryMeeting]] = {}
    for first, meetings in sorted(meetings_by_day.items()):
        for meeting in meetings:
            if meeting.on_until is None:
                continue
            for day in dates:
                if first < day <= meeting.on_until:
                    midnight = datetime.combine(day, time(), timezones.zone(TOKYO))
                    found.setdefault(day, []).append(
                        replace(meeting, start=midnight, continued=True)
                    )
    return found


# -- HTML -------------------------------------------------------------------------------


def itinerary_document(
    itinerary: Itinerary, should_stop: ShouldStop | None = None
) -> PrintDocument:
    """The itinerary as a document: the cover, then each day kept on one page;
    ``should_stop`` is asked between days."""
    sections = [Section(_cover(itinerary), keep_together=True)]
    links_shown: LinksShown = {}
    for day in itinerary.days:
        stop_if_asked(should_stop)
        sections.append(
            Section(_day(itinerary, day, links_shown), continued=continued_day(day.day))
        )
    return PrintDocument(
        title=_("Itinerary: {delegation}").format(delegation=itinerary.delegation),
        header=_("Itinerary — {delegation}").format(delegation=itinerary.delegation),
        stamp=itinerary.stamp,
        sections=tuple(sections),
    )


def _cover(itinerary: Itinerary) -> str:
    office = itinerary.office
    if itinerary.first is not None and itinerary.last is not None:
        stay = _("{first} to {last}").format(
            first=i18n.day_text(itinerary.first), last=i18n.day_text(itinerary.last)
        )
    else:
        stay = _("not in Japan (joins online)")
    facts = [
        (_("Delegation"), escape(itinerary.delegation)),
        (_("Country"), escape(itinerary.country)),
        (_("From"), escape(f"{itinerary.home_city} ({itinerary.home_zone})")),
        (_("In Japan"), escape(stay)),
    ]
    if itinerary.tours:
        facts.append((_("Study tour"), "<br>".join(escape(t) for t in itinerary.tours)))
    if itinerary.interpretation:
        facts.append((_("Interpretation"), escape(itinerary.interpretation)))
    rows = "".join(
        f'<tr><td width="22%"><b>{escape(label)}</b></td><td>{value}</td></tr>'
        for label, value in facts
    )
    contacts = "".join(
        f"<p>{escape(c.name)}"
        + (f", {escape(c.organisation)}" if c.organisation else "")
        + f" — {escape(c.email)}</p>"
        for c in itinerary.contacts
    )
    # Texts looked up before the markup: the catalogue's extractor reads no f-string.
    heading, contact = escape(_("Itinerary")), escape(_("Your contact in Japan"))
    email = escape(_("Email: {address}").format(address=office.email))
    coordinators = escape(_("Coordinators"))
    cancelled = (
        f'<p class="muted">{escape(cancelled_note(itinerary.cancelled))}</p>'
        if itinerary.cancelled
        else ""
    )
    return (
        f"<h1>{heading}</h1>"
        f'<p class="cover"><b>{escape(itinerary.delegation)}</b></p>'
        f'<table class="plain" width="100%" cellspacing="0" cellpadding="2">{rows}</table>'
        f"{cancelled}"
        f"<h2>{contact}</h2>"
        f"<p><b>{escape(office.name)}</b><br>"
        f'<span class="ja">{escape(office.name_ja)}</span></p>'
        f"<p>{escape(office.address)}<br>"
        f'<span class="ja">{escape(office.address_ja)}</span></p>'
        f"<p>{email}</p>"
        + (f"<h3>{coordinators}</h3>{contacts}" if contacts else "")
        + '<p class="muted">'
        + escape(
            _(
                "Times are local times in Japan unless said otherwise. "
                "Show a driver the address in Japanese."
            )
        )
        + "</p>"
    )


def _day(itinerary: Itinerary, day: ItineraryDay, links_shown: LinksShown) -> str:
    """A day's section; ``links_shown`` holds the conferences whose video link an
    earlier session printed (and gets this day's)."""
    heading = i18n.long_day_text(day.day)
    if day.heading:
        heading += f" — {day.heading}"
    entries: list[tuple[datetime, list[str]]] = [
        (
            m.start,
            _cancelled_row(itinerary, m)
            if m.cancelled
            else _meeting_row(itinerary, m, links_shown),
        )
        for m in sorted(day.meetings, key=lambda meeting: meeting.start)
    ]
    midnight = datetime.combine(day.day, time(), timezones.zone(TOKYO))
    entries.extend(
        (midnight if leg.continued else leg.departure, leg_row(leg, day.day)) for leg in day.legs
    )
    entries.sort(key=lambda entry: entry[0])
    parts = [f"<h2>{escape(heading)}</h2>"]
    if entries:
        parts.append(
            table(
                [_("Time in Japan"), _("What"), _("Where")],
                [row for _start, row in entries],
                widths=(15, 50, 35),
            )
        )
    else:
        nothing = escape(_("Nothing planned."))
        parts.append(f'<p class="muted">{nothing}</p>')
    if day.night is not None:
        night = day.night
        hotel_tonight = escape(_("Hotel tonight:"))
        address = escape(night.address)
        if night.address_ja:
            address += f'<br><span class="ja">{escape(night.address_ja)}</span>'
        parts.append(
            f"<p><b>{hotel_tonight}</b> "
            f"{escape(night.hotel)}, {escape(night.locality)}<br>"
            f"{address}</p>"
        )
    return "".join(parts)


def _meeting_row(
    itinerary: Itinerary, meeting: ItineraryMeeting, links_shown: LinksShown
) -> list[str]:
    what = [f"<b>{escape(meeting.title)}</b>"]
    labels = [meeting.kind.label, meeting.mode.label]
    if meeting.tentative:
        labels.append(EventStatus.TENTATIVE.label)
    kind = _(", ").join(labels)
    what.append(f'<span class="muted">{escape(kind)}')
    if meeting.conference:
        what[-1] += escape(_(", part of {conference}").format(conference=meeting.conference))
    what[-1] += "</span>"
    if meeting.at_home is not None:
        start, end = meeting.at_home
        span = timezones.span_text(
            start.local, end.local, day=i18n.short_day_text, zone=True, dash=DASH
        )
        what.append(
            escape(_("At home ({city}): {span}").format(city=itinerary.home_city, span=span))
        )
    if meeting.outside_stay:
        what.append(f'<span class="warning">{escape(ConflictKind.OUTSIDE_STAY.label)}</span>')
    if meeting.description and not meeting.continued:
        what.append(lines(meeting.description))
    if meeting.video_link and not meeting.continued:
        what.append(_video_link(meeting, links_shown))
    when = time_span(meeting.start, meeting.end)
    if meeting.last_day is not None:
        nowrap = "" if meeting.continued else ' style="white-space: nowrap"'
        when = f"<p{nowrap}>{escape(_all_day_when(meeting))}</p>"  # "(continued)" may wrap
    elif meeting.continued:
        when = f"<p>{escape(continued_when(meeting.start.date(), meeting.end))}</p>"
    if meeting.moved:
        when += f"<p>{escape(moved_marker())}</p>"
    return [when, "<br>".join(what), _place_cell(itinerary, meeting)]


def _place_cell(itinerary: Itinerary, meeting: ItineraryMeeting) -> str:
    """Where the meeting is for the delegation, held or called off: online from home
    (:func:`_joined_from_home`), its place in Japan, or what the list of events says
    of a meeting without one."""
    if meeting.at_home is not None:
        return _joined_from_home(itinerary, meeting)
    if meeting.place is not None:
        return _where(meeting.place)
    return escape(without_venue(meeting.mode, meeting.city))


def _joined_from_home(itinerary: Itinerary, meeting: ItineraryMeeting) -> str:
    """Where a meeting joined from home is for the delegation: online, from home; the
    room in Japan it is held in named after, without its address, which the cover
    tells them to show a driver."""
    online = _("Online, from home ({city})").format(city=itinerary.home_city)
    if meeting.place is None:
        return f"<b>{escape(online)}</b>"
    place = shown_name(meeting.place.name, meeting.place.name_ja or "")
    held = _("held at {place}").format(place=place)
    return f'<b>{escape(online)}</b><br><span class="muted">{escape(held)}</span>'


def _cancelled_row(itinerary: Itinerary, meeting: ItineraryMeeting) -> list[str]:
    """A meeting called off, in its slot as the programme prints a cancelled session
    (:func:`~cpp_scheduler.documents.markup.marked_cancelled`): its time, title, kind
    and place struck through under the word "Cancelled", "(moved)" under a time its
    series did not give it, as ``events list`` marks it; no notes, no link to join."""
    labels = _(", ").join([meeting.kind.label, meeting.mode.label])
    if meeting.conference:
        labels += _(", part of {conference}").format(conference=meeting.conference)
    what = f'<b>{escape(meeting.title)}</b><br><span class="muted">{escape(labels)}</span>'
    if meeting.last_day is not None:
        when = _all_day_when(meeting)
    elif meeting.start.date() == meeting.end.date():
        when = timezones.span_text(meeting.start, meeting.end, dash=DASH)
    else:
        when = timezones.span_text(meeting.start, meeting.end, day=i18n.short_day_text, dash=DASH)
    where = _place_cell(itinerary, meeting)
    when = f"<p>{struck(escape(when))}</p>"
    if meeting.moved:  # where it was to be held: the time its series gave it no longer
        when += f"<p>{escape(moved_marker())}</p>"
    return [when, marked_cancelled(what), struck(where)]


def _all_day_when(meeting: ItineraryMeeting) -> str:
    """``All day``, ``All day to Mon 08 Mar`` on an all-day event's first day; ``All day
    (continued)`` on a later one, ``All day (continued) to Mon 08 Mar`` before its last."""
    assert meeting.last_day is not None
    day, last = meeting.start.date(), meeting.last_day
    if not meeting.continued:
        return all_day_text(day, last)
    if last > day:
        return _("All day (continued) to {last}").format(last=i18n.short_day_text(last))
    return _("All day (continued)")


def _video_link(meeting: ItineraryMeeting, links_shown: LinksShown) -> str:
    """The link as text and QR code; a conference's sessions share one link, printed
    with its code on the first session only and named on the others."""
    link = meeting.video_link
    if meeting.conference is None:
        return _link_and_code(_("Video link"), link)
    key = (meeting.conference, link)
    first = links_shown.get(key)
    if first is not None:
        return escape(
            _("Video link: the same for the whole conference, with its QR code at {first}").format(
                first=i18n.day_time_text(first)
            )
        )
    links_shown[key] = meeting.start
    return _link_and_code(
        _("Video link for every session of {conference}").format(conference=meeting.conference),
        link,
    )


def _link_and_code(label: str, link: str) -> str:
    return (
        f"{escape(label)}: {escape(link)}<br>"
        f'<img src="{qr_data_uri(link)}" width="96" height="96" alt="{escape(link)}">'
    )


def _where(place: Place) -> str:
    parts = [f"<b>{escape(place.name)}</b>"]
    if place.name_ja:
        parts.append(f'<span class="ja">{escape(place.name_ja)}</span>')
    if place.address:
        parts.append(escape(place.address))
    if place.address_ja:
        parts.append(f'<span class="ja">{escape(place.address_ja)}</span>')
    parts.append(escape(place.both_city_names))
    return "<br>".join(parts)
