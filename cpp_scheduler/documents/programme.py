"""A conference's printed programme: a timetable per day with one column per room, so
parallel sessions stand side by side (five rooms at most to a table, lest their words
break), then every session with its themes, presenters and delegations; what is not
confirmed yet says "Tentative". A session cancelled stays in its slot, struck through and
marked "Cancelled", so that whoever holds an earlier printout finds it called off rather
than gone; it is not counted among the sessions held. The cover gives the days the
timetable covers: the conference's own, widened to a session held outside them, whose
day the timetable marks as outside the conference's dates.

Read in one session with a handful of column queries joined on the conference, so a
programme of hundreds of sessions in a program of ten thousand events builds in well
under a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, or_, select
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
    breakable_span,
    cancelled_label,
    element,
    escape,
    lines,
    marked_cancelled,
    moved_marker,
    struck,
    table,
)
from cpp_scheduler.documents.places import Place, read_places, without_venue
from cpp_scheduler.documents.stamp import read_change_stamp
from cpp_scheduler.errors import SchedulerError, quoted
from cpp_scheduler.i18n import _, ngettext, shown_name
from cpp_scheduler.meeting_order import meeting_order
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventStatus,
    Participant,
    ParticipantRole,
    PartnerCity,
    ThematicArea,
    recurrence,
)
from cpp_scheduler.model.enums import EventKind
from cpp_scheduler.model.event import event_delegations, event_participants, event_themes
from cpp_scheduler.model.event_filter import (
    conferences_above,
    delegations_attending,
    is_tentative,
    meeting_days,
)
from cpp_scheduler.scheduling.inputs import zone_city
from cpp_scheduler.scheduling.localtimes import all_day_text
from cpp_scheduler.services.queries import series_changes
from cpp_scheduler.services.rows import both_names
from cpp_scheduler.services.snapshot import named_event, no_event_named
from cpp_scheduler.store import Database


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    organisation: str


@dataclass(frozen=True, slots=True)
class ProgrammeSession:
    title: str
    start: datetime
    """Local time in the conference's zone."""
    end: datetime
    room: str
    """The venue's name (its Japanese one in Japanese); without a venue, "Online" for a
    virtual session, else its partner city (or "-")."""
    place: Place | None
    themes: tuple[str, ...]
    speakers: tuple[Speaker, ...]
    """Whom it names, who take part in it (a speaker, a partner city's official
    presenting the city's experience, the Bank's chair), its interpreters aside."""
    delegations: tuple[str, ...]
    description: str
    last_day: date | None = None
    """The last of an all-day session's days (it starts at midnight of its first one)."""
    room_key: str = ""
    """What the rooms are put in order by: the venue's English (romanised) name, which
    follows the names' readings where the code points of kanji follow none."""
    tentative: bool = False
    """Not confirmed yet of its own: the timetable and the session's details say
    "Tentative". What is above it, the conference, every page of a tentative one says
    (:attr:`Programme.tentative`), so the two together say what the run sheet and the
    itinerary say of each session by the one rule
    (:func:`~cpp_scheduler.model.event_filter.is_tentative`)."""
    cancelled: bool = False
    """Called off: listed where it was, struck through and marked "Cancelled", and not
    counted among the sessions held."""
    moved: bool = False
    """A meeting of a session that repeats (a morning briefing each day), moved off the
    time its rule gives it: "(moved)" beside its hours, as ``events list`` marks it."""
    conference_delegations: bool = False
    """It names no delegation, so :attr:`delegations` are its conference's: the ones
    the engine takes it to be for
    (:func:`~cpp_scheduler.model.event_filter.delegations_attending`), as their
    schedules, itineraries and the run sheet do."""


@dataclass(frozen=True, slots=True)
class TimetableRow:
    """The sessions starting at one time, one cell per room (empty where none)."""

    start: datetime
    cells: tuple[tuple[ProgrammeSession, ...], ...]
    running: tuple[tuple[ProgrammeSession, ...], ...] = ()
    """Per room, the sessions of an earlier row still under way at this row's start:
    the room is busy, not free, though no session starts in it."""


@dataclass(frozen=True, slots=True)
class ProgrammeDay:
    day: date
    rooms: tuple[str, ...]
    rows: tuple[TimetableRow, ...]
    outside: bool = False
    """Outside the conference's own dates: a session held there widens the cover's
    dates, and the day's heading says why the conference's record does not."""


@dataclass(frozen=True, slots=True)
class Programme:
    title: str
    uid: str
    zone: str
    start: datetime
    end: datetime
    """An all-day conference's last day at its start (the cover gives days)."""
    place: Place | None
    description: str
    delegations: tuple[str, ...]
    days: tuple[ProgrammeDay, ...]
    sessions: tuple[ProgrammeSession, ...]
    stamp: ChangeStamp
    own_days: tuple[date, date]
    """The conference's first and last day on its clock, as ``events list`` places it
    (:func:`~cpp_scheduler.model.event_filter.meeting_days`): one ending at midnight is
    not on the day that midnight begins."""
    cancelled: int | None = None
    """For a cancelled conference, how many sessions were called off with it (none of
    them is listed: the cover says the whole is called off); None when it goes ahead."""
    tentative: bool = False
    """The conference is not confirmed yet, or a conference it is a session of is not
    (:func:`~cpp_scheduler.model.event_filter.is_tentative`): its cover and every page's
    header say so, for all its sessions."""

    @property
    def held(self) -> tuple[ProgrammeSession, ...]:
        """The sessions that go ahead: those the cover counts."""
        return tuple(item for item in self.sessions if not item.cancelled)

    def covered_days(self) -> tuple[date, date]:
        """The first and last day the cover gives: the conference's own, widened to its
        held sessions' (one placed outside them is on the timetable, and a cover that
        left its day out would send people home a day early)."""
        first, last = self.own_days
        for item in self.held:
            first = min(first, item.start.date())
            last = max(last, item.last_day or (item.end - timedelta(microseconds=1)).date())
        return first, max(first, last)


class NotAConferenceError(SchedulerError, ValueError):
    """A programme was asked of an event that is no conference: a session, a meeting, a
    series. Its message says what the event is and what to print instead."""


def _check_conference(session: Session, event: Any) -> None:
    """Refuse an event that is no conference, by the rule that lists the conferences
    (``services.choices.conference_choices``): an event that holds sessions, or one of
    the conference kind that is not a session of another."""
    holds_sessions = session.scalar(select(Event.id).where(Event.parent_id == event.id).limit(1))
    if holds_sessions is not None:
        return
    if event.parent_id is not None:
        parent = session.scalar(select(Event.title).where(Event.id == event.parent_id))
        raise NotAConferenceError(
            _(
                "{title} is a session of the conference {conference}: print that "
                "conference's programme instead"
            ).format(title=quoted(event.title), conference=quoted(parent or ""))
        )
    if event.kind is EventKind.CONFERENCE:
        return
    message = (
        _(
            "{title} is a series of meetings ({kind}), not a conference: print the run "
            "sheet of one of its days instead"
        )
        if event.recurrence_rule
        else _(
            "{title} is a meeting ({kind}), not a conference: print the run sheet of its "
            "day instead"
        )
    )
    raise NotAConferenceError(message.format(title=quoted(event.title), kind=event.kind.label))


def read_programme(database: Database, uid_or_id: str) -> Programme:
    """The programme of the conference with this UID (or id): its sessions, or the
    conference itself when it has none yet. An event that is no conference is refused
    (:class:`NotAConferenceError`): a programme of one meeting of a series would print
    that meeting alone, as if it were the whole."""
    with database.reading() as session:
        conference = session.execute(
            select(
                Event.id,
                Event.uid,
                Event.title,
                Event.kind,
                Event.parent_id,
                Event.recurrence_rule,
                Event.zone,
                Event.start_utc,
                Event.end_utc,
                Event.venue_id,
                Event.description,
                Event.all_day,
                Event.status,
                *_PLACE_WITHOUT_VENUE,
            )
            .outerjoin(PartnerCity, PartnerCity.id == Event.city_id)
            .where(named_event(uid_or_id))
        ).first()
        if conference is None:
            raise no_event_named(uid_or_id)
        _check_conference(session, conference)
        rows: Sequence[Any] = session.execute(
            select(
                Event.id,
                Event.title,
                Event.start_utc,
                Event.end_utc,
                Event.venue_id,
                Event.description,
                Event.all_day,
                Event.zone,
                Event.status,
                Event.recurrence_rule,
                *_PLACE_WITHOUT_VENUE,
            )
            .outerjoin(PartnerCity, PartnerCity.id == Event.city_id)
            .where(Event.parent_id == conference.id)
        ).all()
        above = _conferences_above(session, conference)
        status_of = _statuses(session, conference, above)
        # Called off itself or with a conference it is a session of, as every view says.
        called_off = EventStatus.CANCELLED in status_of.values()
        cancelled = (
            sum(1 for row in rows if row.status is not EventStatus.CANCELLED)
            if called_off
            else None
        )
        if called_off:
            rows = []  # a cancelled conference holds none of its sessions
        elif not rows:
            rows = [conference]
        meetings = _meetings_of(session, rows)
        themes = _names_by_event(
            session,
            select(
                event_themes.c.event_id,
                case((ThematicArea.name_ja != "", ThematicArea.name_ja), else_=ThematicArea.name)
                if i18n.language() == i18n.JAPANESE
                else ThematicArea.name,
            )
            .join(ThematicArea, ThematicArea.id == event_themes.c.theme_id)
            .order_by(ThematicArea.name),
            event_themes.c.event_id,
            conference.id,
        )
        delegations = _names_by_event(
            session,
            select(event_delegations.c.event_id, Delegation.name)
            .join(Delegation, Delegation.id == event_delegations.c.delegation_id)
            .order_by(Delegation.name),
            event_delegations.c.event_id,
            conference.id,
        )
        for event_id, name in session.execute(
            select(event_delegations.c.event_id, Delegation.name)
            .join(Delegation, Delegation.id == event_delegations.c.delegation_id)
            .where(event_delegations.c.event_id.in_(above))
            .order_by(Delegation.name)
        ):
            delegations.setdefault(event_id, []).append(name)
        speakers: dict[str, list[Speaker]] = {}
        speaker_rows = session.execute(
            _of_sessions(
                select(event_participants.c.event_id, Participant.name, Participant.organisation)
                .join(Participant, Participant.id == event_participants.c.participant_id)
                .where(Participant.role != ParticipantRole.INTERPRETER)
                .order_by(Participant.name),
                event_participants.c.event_id,
                conference.id,
            )
        )
        for event_id, name, organisation in speaker_rows:
            speakers.setdefault(event_id, []).append(Speaker(name, organisation or ""))
        places = read_places(
            session, {row.venue_id for row in rows if row.venue_id} | {conference.venue_id or ""}
        )
        tentative = is_tentative(conference.id, above, status_of)
        stamp = read_change_stamp(session)

    zone = conference.zone
    attending = {row.id: _attending(row.id, conference.id, above, delegations) for row in rows}
    sessions = tuple(
        ProgrammeSession(
            title=row.title,
            start=_start(meeting, zone),
            end=timezones.to_local(meeting.end_utc, zone),
            last_day=timezones.all_day_dates(row.start_utc, row.end_utc, row.zone)[1]
            if row.all_day
            else None,
            room=places[row.venue_id].shown_name if row.venue_id in places else _room(row),
            room_key=places[row.venue_id].name if row.venue_id in places else "",
            place=places.get(row.venue_id) if row.venue_id else None,
            themes=tuple(themes.get(row.id, ())),
            speakers=tuple(speakers.get(row.id, ())),
            delegations=attending[row.id],
            description=row.description or "",
            tentative=row.status is EventStatus.TENTATIVE,
            cancelled=row.status is EventStatus.CANCELLED,
            conference_delegations=bool(attending[row.id]) and not delegations.get(row.id),
            moved=meeting.moved,
        )
        for meeting in meetings
        for row in (meeting.row,)
    )
    start, end = _start(conference, zone), _end(conference, zone)
    own_days = meeting_days(
        conference.start_utc,
        conference.end_utc,
        conference.zone,
        all_day=conference.all_day,
        clock=zone,
    )
    return Programme(
        title=conference.title,
        uid=conference.uid,
        zone=zone,
        start=start,
        end=end,
        place=places.get(conference.venue_id) if conference.venue_id else None,
        description=conference.description or "",
        delegations=tuple(delegations.get(conference.id, ())),
        days=timetable(sessions, own_days),
        sessions=sessions,
        stamp=stamp,
        own_days=own_days,
        cancelled=cancelled,
        tentative=tentative,
    )


def _conferences_above(session: Session, conference: Any) -> list[str]:
    """The conferences the conference is itself a session of, nearest first
    (:func:`conferences_above`), read from the events that hold sessions: the
    conferences a conference can be under."""
    conference_of: dict[str, str | None] = {
        row.id: row.parent_id
        for row in session.execute(
            select(Event.id, Event.parent_id).where(
                Event.id.in_(select(Event.parent_id).where(Event.parent_id.is_not(None)))
            )
        )
    }
    conference_of[conference.id] = conference.parent_id
    return conferences_above(conference.id, conference_of)


@dataclass(frozen=True, slots=True)
class _Meeting:
    """One meeting of a session: the session itself, or one of its series' meetings."""

    row: Any
    start_utc: datetime
    end_utc: datetime
    all_day: bool
    zone: str
    moved: bool = False


def _meetings_of(session: Session, rows: Sequence[Any]) -> list[_Meeting]:
    """Each session's meetings as the calendar and ``events list`` hold them: a session
    that repeats (a morning briefing each day of the conference) at each of its
    meetings, a moved one at its new time, one cancelled alone left out
    (:func:`recurrence.expand`); in the one order of meetings (:func:`meeting_order`)."""
    changes = series_changes(session, [row.id for row in rows if row.recurrence_rule])
    found: list[_Meeting] = []
    for row in rows:
        if not row.recurrence_rule:
            found.append(_Meeting(row, row.start_utc, row.end_utc, row.all_day, row.zone))
            continue
        for meeting in recurrence.expand(
            row.start_utc, row.end_utc, row.zone, row.recurrence_rule, changes.get(row.id, ())
        ):
            found.append(
                _Meeting(row, meeting.start, meeting.end, row.all_day, row.zone, meeting.moved)
            )
    found.sort(
        key=lambda meeting: meeting_order(meeting.start_utc, meeting.row.title, meeting.row.id)
    )
    return found


def _statuses(session: Session, conference: Any, above: list[str]) -> dict[str, EventStatus]:
    """The conference's own status and those of the conferences it is a session of: by
    which it is tentative (:func:`is_tentative`) or called off with one of them."""
    status_of = {
        row.id: row.status
        for row in session.execute(select(Event.id, Event.status).where(Event.id.in_(above)))
    }
    status_of[conference.id] = conference.status
    return status_of


def _attending(
    event_id: str, conference_id: str, above: list[str], names: dict[str, list[str]]
) -> tuple[str, ...]:
    """The delegations a session is for, by name: those it names, or, naming none,
    its conference's (or the conference's own conference's), by the engine's one rule
    (:func:`delegations_attending`), which its delegations' schedules follow."""
    conferences = above if event_id == conference_id else [conference_id, *above]
    found = delegations_attending(
        frozenset(names.get(event_id, ())), conferences, {c: names.get(c, ()) for c in conferences}
    )
    return tuple(sorted(found))


_PLACE_WITHOUT_VENUE = (
    Event.mode,
    PartnerCity.name.label("city"),
    PartnerCity.name_ja.label("city_ja"),
)
"""What names the place of a session without a venue: its mode and its partner city."""


def _room(row: Any) -> str:
    """The column of a session without a venue: online only for a virtual one; a
    hybrid or face-to-face one is held in its city, as the run sheet says."""
    city = shown_name(row.city, row.city_ja or "") if row.city else ""
    return without_venue(row.mode, city)


def _start(row: Any, zone: str) -> datetime:
    """When a session starts on the conference's clock; an all-day one at the first
    midnight of its own dates, first in its day whatever the clocks."""
    if row.all_day:
        first, _last = timezones.all_day_dates(row.start_utc, row.end_utc, row.zone)
        return datetime.combine(first, time(), timezones.zone(zone))
    return timezones.to_local(row.start_utc, zone)


def _end(row: Any, zone: str) -> datetime:
    """When the conference ends on its clock; an all-day one on its last day (the cover
    gives its days, not the midnight after them)."""
    if row.all_day:
        _first, last = timezones.all_day_dates(row.start_utc, row.end_utc, row.zone)
        return datetime.combine(last, time(), timezones.zone(zone))
    return timezones.to_local(row.end_utc, zone)


def _of_sessions(
    query: Select[Any], event_column: ColumnElement[str], conference_id: str
) -> Select[Any]:
    """Limit a link-table query to the conference and its sessions, by a join rather
    than a list of hundreds of ids."""
    sessions = select(Event.id).where(Event.parent_id == conference_id)
    return query.where(or_(event_column == conference_id, event_column.in_(sessions)))


def _names_by_event(
    session: Session, query: Select[Any], event_column: ColumnElement[str], conference_id: str
) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for event_id, name in session.execute(_of_sessions(query, event_column, conference_id)):
        found.setdefault(event_id, []).append(name)
    return found


def timetable(
    sessions: tuple[ProgrammeSession, ...], own_days: tuple[date, date] | None = None
) -> tuple[ProgrammeDay, ...]:
    """Per day, the rooms in use (by name) and a row per start time: sessions that run
    at once in different rooms share a row. A day outside ``own_days`` (the conference's
    first and last) is marked :attr:`~ProgrammeDay.outside`."""
    by_day: dict[date, list[ProgrammeSession]] = {}
    for item in sessions:
        by_day.setdefault(item.start.date(), []).append(item)
    days = []
    for day in sorted(by_day):
        items = by_day[day]
        starts = sorted({item.start for item in items})
        # A session begun on an earlier day (overnight) still takes its room at the
        # day's rows: the room has a column, and the rows say it is taken.
        running = {start: _under_way(sessions, start) for start in starts}
        keys = {
            item.room: item.room_key or item.room
            for item in (*items, *(i for under_way in running.values() for i in under_way))
        }
        rooms = tuple(sorted(keys, key=lambda room: (i18n.reading_key(keys[room]), room)))
        rows = tuple(
            TimetableRow(
                start,
                tuple(
                    tuple(i for i in items if i.start == start and i.room == room) for room in rooms
                ),
                tuple(tuple(i for i in running[start] if i.room == room) for room in rooms),
            )
            for start in starts
        )
        outside = own_days is not None and not own_days[0] <= day <= own_days[1]
        days.append(ProgrammeDay(day, rooms, rows, outside))
    return tuple(days)


def _under_way(
    sessions: Iterable[ProgrammeSession], start: datetime
) -> tuple[ProgrammeSession, ...]:
    """The sessions that began before ``start`` and end after it, whatever day they
    began on: an all-day or cancelled session holds no hours of the timetable's rows."""
    return tuple(
        item
        for item in sessions
        if item.start < start < item.end and item.last_day is None and not item.cancelled
    )


# -- HTML -------------------------------------------------------------------------------


def programme_document(
    programme: Programme, should_stop: ShouldStop | None = None
) -> PrintDocument:
    """The cover, a timetable per day, then the sessions one by one; ``should_stop`` is
    asked between sections (a conference of hundreds of sessions takes a while)."""
    sections = [Section(_cover(programme))]
    for number, day in enumerate(programme.days):
        stop_if_asked(should_stop)
        sections.append(Section(_day(day), new_page=number == 0, continued=continued_day(day.day)))
    if programme.sessions:  # a cancelled conference lists none
        sections.append(Section(element("h2", _("Sessions")), new_page=True))
    for item in programme.sessions:
        stop_if_asked(should_stop)
        sections.append(Section(_session(item, programme.delegations)))
    if programme.cancelled is not None:
        title = _("Programme: {title} (cancelled)").format(title=programme.title)
        header = _("Programme — {title} — CANCELLED").format(title=programme.title)
    elif programme.tentative:  # every page says so, as a cancelled one says CANCELLED
        title = _("Programme: {title}").format(title=programme.title)
        header = _("Programme — {title} — TENTATIVE").format(title=programme.title)
    else:
        title = _("Programme: {title}").format(title=programme.title)
        header = _("Programme — {title}").format(title=programme.title)
    return PrintDocument(
        title=title,
        header=header,
        stamp=programme.stamp,
        sections=tuple(sections),
    )


def _cover(programme: Programme) -> str:
    when = i18n.period_day_text(*programme.covered_days())
    parts = [f"<h1>{escape(programme.title)}</h1>", f'<p class="cover">{escape(when)}</p>']
    if programme.cancelled is not None:
        parts.append(_cancelled_notice(programme.cancelled))
    elif programme.tentative:
        tentative = escape(EventStatus.TENTATIVE.label)
        parts.append(f'<p class="cover"><b class="warning">{tentative}</b></p>')
    if programme.place is not None:
        place = programme.place
        parts.append(
            f"<p><b>{escape(both_names(place.name, place.name_ja))}</b><br>"
            f"{escape(place.address)}"
            f'<br><span class="ja">{escape(place.address_ja)}</span></p>'
        )
    if programme.description:
        parts.append(f"<p>{lines(programme.description)}</p>")
    if programme.delegations:
        parts.append(element("h3", _("Delegations")))
        parts.append("<p>" + "<br>".join(escape(d) for d in programme.delegations) + "</p>")
    if programme.cancelled is not None:
        return "".join(parts)
    held = programme.held
    rooms = sorted({item.room for item in held})
    sessions = len(held)
    # The zone named as every view and sentence names it (Tokyo, 東京), not its IANA name.
    summary = _("{sessions} in {rooms}; times are {city} time.").format(
        sessions=ngettext("{count} session", "{count} sessions", sessions).format(count=sessions),
        rooms=ngettext("{count} room", "{count} rooms", len(rooms)).format(count=len(rooms)),
        city=zone_city(programme.zone),
    )
    parts.append(f'<p class="muted">{escape(summary)}</p>')
    called_off = len(programme.sessions) - sessions
    if called_off:
        listed = ngettext(
            "{count} cancelled session is listed where it was, marked Cancelled.",
            "{count} cancelled sessions are listed where they were, marked Cancelled.",
            called_off,
        ).format(count=called_off)
        parts.append(f'<p class="muted">{escape(listed)}</p>')
    return "".join(parts)


def _cancelled_notice(sessions: int) -> str:
    """What the cover of a cancelled conference says first, in the warning's colour and
    large, so that nobody reads the programme as going ahead."""
    notice = escape(_("Cancelled: this conference will not take place."))
    called_off = escape(
        ngettext(
            "Its {count} session is cancelled with it.",
            "Its {count} sessions are cancelled with it.",
            sessions,
        ).format(count=sessions)
    )
    return f'<h1 class="warning">{notice}</h1>' + (
        f'<p class="cover">{called_off}</p>' if sessions else ""
    )


TIME_WIDTH = 12
"""The timetable's time column, in percent of the page; the rooms share the rest."""
ROOMS_PER_TABLE = 5
"""The most rooms one timetable puts side by side: a sixth would leave each column too
narrow for a word such as "Videoconference" in bold, and Qt would break the words of
every room's name and title anywhere (``Confere`` / ``nce``). A day of more rooms gets
a table per group of rooms, of as even sizes as can be, each with its own times."""


def room_groups(rooms: int) -> list[range]:
    """The rooms of a day (by their index, in their order) as the timetable's tables
    put them side by side: five at most to a table, as few tables as that allows, and
    their sizes as even as can be (seven rooms are four and three, not five and two)."""
    if rooms <= 0:
        return []
    tables = -(-rooms // ROOMS_PER_TABLE)
    size, larger = divmod(rooms, tables)
    groups, first = [], 0
    for number in range(tables):
        count = size + (1 if number < larger else 0)
        groups.append(range(first, first + count))
        first += count
    return groups


def room_widths(rooms: int) -> tuple[int, ...]:
    """The rooms' widths in percent, filling the page beside the time column to the
    last percent (88 split five ways is three of 18 and two of 17, not five of 17)."""
    if rooms <= 0:
        return ()
    size, wider = divmod(100 - TIME_WIDTH, rooms)
    return tuple(size + (1 if number < wider else 0) for number in range(rooms))


def _day(day: ProgrammeDay) -> str:
    """A day's timetable: one table per group of rooms (:func:`room_groups`), each
    with the times at which a session starts in one of its rooms, a line apart."""
    heading = escape(i18n.long_day_text(day.day))
    if day.outside:
        outside = escape(_("outside the conference's dates"))
        heading += f' <span class="warning">({outside})</span>'
    parts = [f"<h2>{heading}</h2>"]
    for number, group in enumerate(room_groups(len(day.rooms))):
        if number:
            parts.append("<p></p>")
        rows = [
            [
                escape(_row_time(row)),
                *(
                    "".join(_continues(item, row.start) for item in row.running[room])
                    + "".join(_cell(item) for item in row.cells[room])
                    for room in group
                ),
            ]
            for row in day.rows
            if any(row.cells[room] for room in group)
        ]
        parts.append(
            table(
                [_("Time"), *(day.rooms[room] for room in group)],
                rows,
                widths=(TIME_WIDTH, *room_widths(len(group))),
            )
        )
    return "".join(parts)


def _row_time(row: TimetableRow) -> str:
    """The row's start time, or "All day" for a row of all-day sessions."""
    if all(item.last_day is not None for cell in row.cells for item in cell):
        return _("All day")
    return f"{row.start:%H:%M}"


def _hours(item: ProgrammeSession) -> str:
    """``09:00–10:15``, or ``All day`` (``All day to Mon 08 Mar``) for an all-day session."""
    if item.last_day is not None:
        return all_day_text(item.start.date(), item.last_day)
    return timezones.span_text(item.start, item.end, dash=DASH)


def _moved(item: ProgrammeSession) -> str:
    """`` (moved)`` after the hours of a meeting moved off its series' time."""
    return f" {moved_marker()}" if item.moved else ""


def _continues(item: ProgrammeSession, row_start: datetime) -> str:
    """A session begun in an earlier row, in the cell of a later row it runs through:
    the room is taken, and till when (the day too, when it ends on a later one)."""
    until = f"{item.end:%H:%M}"
    if item.end.date() != row_start.date():
        until = f"{i18n.short_day_text(item.end.date())} {until}"
    words = _("{title} continues until {time}").format(title=item.title, time=until)
    return f'<p class="muted">{escape(words)}</p>'


def _cell(item: ProgrammeSession) -> str:
    """A session in its room's cell: a cancelled one struck through under the word
    "Cancelled", as a cancelled conference's pages say CANCELLED."""
    speakers = ", ".join(s.name for s in item.speakers)
    if item.cancelled:
        hours = breakable_span(_hours(item))
        text = f'<b>{escape(item.title)}</b><br><span class="muted">{hours}</span>'
        return f"<p>{marked_cancelled(text)}</p>"
    text = f"<b>{escape(item.title)}</b><br>"
    text += f'<span class="muted">{breakable_span(_hours(item))}</span>'
    if item.moved:
        text += f'<br><span class="muted">{escape(moved_marker())}</span>'
    if item.tentative:
        text += f'<br><i class="warning">{escape(EventStatus.TENTATIVE.label)}</i>'
    if speakers:
        text += f"<br>{escape(speakers)}"
    return f"<p>{text}</p>"


def _session(item: ProgrammeSession, on_the_cover: tuple[str, ...]) -> str:
    facts = [
        (_("When"), escape(f"{i18n.day_text(item.start.date())} {_hours(item)}{_moved(item)}")),
        (_("Room"), escape(item.room)),
    ]
    if item.cancelled:
        facts.append((_("Status"), cancelled_label()))
    elif item.tentative:
        facts.append((_("Status"), escape(EventStatus.TENTATIVE.label)))
    if item.themes:
        facts.append((_("Themes"), escape(_(", ").join(item.themes))))
    if item.speakers:
        facts.append(
            (
                # Everyone on the session's stage: speakers, a partner city's officials
                # presenting its experience, the Bank's chair.
                _("Presenters"),
                "<br>".join(
                    escape(s.name + (f", {s.organisation}" if s.organisation else ""))
                    for s in item.speakers
                ),
            )
        )
    if item.delegations:
        facts.append((_("Delegations"), _session_delegations(item, on_the_cover)))
    rows = "".join(
        f'<tr><td width="18%"><b>{escape(label)}</b></td><td>{value}</td></tr>'
        for label, value in facts
    )
    description = f"<p>{lines(item.description)}</p>" if item.description else ""
    title = struck(escape(item.title)) if item.cancelled else escape(item.title)
    return (
        f"<h3>{title}</h3>"
        f'<table class="plain" width="100%" cellspacing="0" cellpadding="1">{rows}</table>'
        + description
    )


def _session_delegations(item: ProgrammeSession, on_the_cover: tuple[str, ...]) -> str:
    """The delegations a session is for, one a line; for one naming none, said to be
    the conference's, and, where they are the ones the first page lists, in those words
    alone, lest a programme of many sessions repeat the list under each."""
    if not item.conference_delegations:
        return "<br>".join(escape(d) for d in item.delegations)
    if set(item.delegations) == set(on_the_cover):
        return escape(_("The conference's delegations, listed on the first page"))
    whose = escape(_("(the conference's delegations)"))
    names = "<br>".join(escape(d) for d in item.delegations)
    return f'{names}<br><span class="muted">{whose}</span>'
