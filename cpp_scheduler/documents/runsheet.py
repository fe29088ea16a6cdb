"""A day's run sheet: what the coordinator starts the day with.

Everything held on one date in Japan, at every venue, in time order: the room, who
attends, what interpretation they need, the equipment the room must have ready (the
videoconference studio, interpretation booths), whom to call, and the conflicts the
engine finds on that day — the same check, over the same widened range, as the window's
conflicts panel (:func:`cpp_scheduler.services.checking.check_program`). The
delegations a meeting is for are the engine's answer
(:func:`cpp_scheduler.scheduling.attendance.attending_delegations`), the one the
delegations' schedules and itineraries follow: a session that names no delegation is
for its conference's, so its row gives their interpretation and the room's booths. A
session of a tentative conference says "Tentative" as the conference's row does
(:func:`cpp_scheduler.model.event_filter.is_tentative`): the room may not be needed.
Then the study tours' travel legs under way that day, as a delegation's itinerary lists
them (:func:`cpp_scheduler.documents.places.leg_row`): each end on its own place's
clock, and a leg that set out the day before again on the day it lands, so the
coordinator meeting a night train or a delegation flying in has it on that day's sheet.

A conference that holds sessions (any not cancelled) is the frame of its sessions, not
a meeting to staff, by the idea the program report counts by
(:mod:`cpp_scheduler.reports.program`: such a conference and its sessions are one
thing, never counted twice): its sessions are the sheet's meetings, with their rooms
and needs, and the conference is a line above them, in no count of meetings or venues.
A conference without sessions is a meeting like any other.

A meeting called off (:func:`cpp_scheduler.model.event.called_off`: cancelled, or a
session of a cancelled conference) stays at its time, struck through and marked
"Cancelled" as the programme marks a cancelled session
(:func:`cpp_scheduler.documents.markup.marked_cancelled`), so that a coordinator holding
an earlier printout finds it called off rather than gone; it is in no count of meetings
or venues and in no conflict (the engine judges what is held alone). The engine's
snapshot leaves it out; it is read on its own
(:func:`cpp_scheduler.services.snapshot.read_not_held`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from cpp_scheduler import i18n, timezones
from cpp_scheduler.documents.content import (
    ChangeStamp,
    PrintDocument,
    Section,
    ShouldStop,
    stop_if_asked,
)
from cpp_scheduler.documents.markup import (
    DASH,
    cancelled_note,
    element,
    escape,
    marked_cancelled,
    moved_marker,
    struck,
    table,
    time_span,
    with_address_breaks,
)
from cpp_scheduler.documents.places import (
    Place,
    PrintedLeg,
    leg_on,
    leg_row,
    read_event_details,
    read_legs,
    read_places,
    without_venue,
)
from cpp_scheduler.documents.stamp import read_change_stamp
from cpp_scheduler.i18n import _, ngettext, pgettext, shown_name
from cpp_scheduler.meeting_order import meeting_order
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Participant,
    ParticipantRole,
    TravelLeg,
)
from cpp_scheduler.model.event_filter import is_tentative, meeting_days, on_days
from cpp_scheduler.scheduling.attendance import attending_delegations, conferences_of
from cpp_scheduler.scheduling.conflicts import Conflict, Severity, find_conflicts
from cpp_scheduler.scheduling.inputs import Interval
from cpp_scheduler.scheduling.localtimes import all_day_dates, all_day_text
from cpp_scheduler.services.queries import read_partner_city_names
from cpp_scheduler.services.snapshot import load_snapshot, read_not_held
from cpp_scheduler.store import Database

TOKYO = timezones.TOKYO


@dataclass(frozen=True, slots=True)
class RunSheetItem:
    event_id: str
    title: str
    kind: EventKind
    mode: EventMode
    start: datetime
    """Local time in Japan."""
    end: datetime
    place: Place | None
    city: str
    """The partner city it is held in or with, as a document names it; empty for none."""
    delegations: tuple[str, ...]
    """The delegations it is for: those it names, or its conference's for a session that
    names none."""
    people: tuple[str, ...]
    """Its participants by name, interpreters left to :attr:`interpreters`."""
    interpreters: tuple[str, ...]
    interpretation: tuple[str, ...]
    """What each delegation needs (``Nepal: Nepali-English``)."""
    equipment: tuple[str, ...]
    contacts: tuple[str, ...]
    last_day: date | None
    """The last of an all-day event's days, in its own zone (it starts at midnight of its
    first one, also its own: the sheet's day may be neither)."""
    video_link: str
    conflicts: int
    """How many of the day's conflicts concern it."""
    tentative: bool = False
    """Not confirmed yet, or a session of a conference not confirmed yet
    (:func:`~cpp_scheduler.model.event_filter.is_tentative`): the room may not be
    needed."""
    moved: bool = False
    """A meeting of a series moved off the time its rule gives it (the engine's
    :attr:`~cpp_scheduler.model.recurrence.Occurrence.moved`): marked " (moved)" beside
    its time, as ``events list`` and the calendar mark it."""


@dataclass(frozen=True, slots=True)
class RunSheet:
    day: date
    items: tuple[RunSheetItem, ...]
    conflicts: tuple[Conflict, ...]
    stamp: ChangeStamp
    frames: tuple[RunSheetItem, ...] = ()
    """The conferences on the day that hold sessions: the frame of their sessions, a
    line above the meetings, counted in neither the meetings nor the venues."""
    legs: tuple[PrintedLeg, ...] = ()
    """Every study tour's legs under way on the day, by departure: those setting out
    on it, and, :attr:`~PrintedLeg.continued`, those that set out before and land on it
    or later (:func:`~cpp_scheduler.documents.places.leg_on`)."""
    cancelled: tuple[RunSheetItem, ...] = ()
    """The meetings on the day called off, by time: listed at their times, struck
    through, counted in neither the meetings nor the venues."""
    cancelled_frames: tuple[RunSheetItem, ...] = ()
    """The conferences called off whose sessions on the day are listed called off with
    them: a line above the meetings, as :attr:`frames`."""

    def leg_conflicts(self, leg: PrintedLeg) -> int:
        """How many of the day's conflicts are about the leg (a tour's finding names
        the tour, then the leg)."""
        return sum(1 for c in self.conflicts if leg.id in c.record_ids[1:])


def day_in_japan(day: date, zone: str) -> date:
    """The run sheet's day (a date in Japan) for ``day`` on ``zone``'s clock: the day in
    Tokyo that holds its middle. A calendar on Lima's clock showing Sunday 14 February
    shows the morning of Tokyo's 15th, which holds Lima's noon: that day's run sheet lists
    what the calendar shows, where Tokyo's 14th would list an evening of another day."""
    start, end = timezones.local_days(day, day, zone)
    return timezones.to_local(start + (end - start) / 2, timezones.TOKYO).date()


def read_run_sheet(database: Database, day: date) -> RunSheet:
    """The run sheet of ``day`` (a date in Japan), read in one session: the meetings on
    that day as the calendar and ``events list`` place them
    (:func:`~cpp_scheduler.model.event_filter.meeting_days`: a timed one whose hours
    fall on it in Japan, an all-day event dated on it, whatever its zone), and the legs
    under way on it in Japan (landing at its first midnight, a leg is not)."""
    begin, after = timezones.local_days(day, day, TOKYO)
    with database.reading() as session:
        # As check_program does: a day either side, and what the check needs past it.
        program = load_snapshot(session, begin - timedelta(days=1), after + timedelta(days=1))
        conflicts = tuple(find_conflicts(program, start=begin, end=after))
        held = [i for i in program.intervals if _on(i, day)]
        conferences = conferences_of(program)
        delegations_for = {i.id: attending_delegations(i, conferences) for i in held}
        not_held = read_not_held(
            session, program, begin - timedelta(days=1), after + timedelta(days=1)
        )
        off = not_held.events
        called_off_conferences = conferences_of(not_held.program)
        cancelled = [
            i for i in not_held.program.intervals if not_held.called_off(i) and _on(i, day)
        ]
        # A conference called off is the frame of its sessions called off with it; one
        # going ahead stays the frame of those going ahead, a session cancelled alone
        # under it notwithstanding.
        cancelled_frames = {a for i in cancelled for a in i.ancestor_ids if a in off}
        delegations_for.update(
            (i.id, attending_delegations(i, called_off_conferences)) for i in cancelled
        )
        intervals = [*held, *cancelled]
        held_ids = sorted({i.event_id for i in held})
        event_ids = sorted({i.event_id for i in intervals})
        above = {a for i in intervals for a in i.ancestor_ids}
        details = read_event_details(session, {*event_ids, *above})
        people_ids = {p for i in intervals for p in i.participant_ids} | {
            details[e].organiser_id for e in event_ids if details[e].organiser_id
        }
        people = {
            row.id: row
            for row in session.execute(
                select(Participant.id, Participant.name, Participant.email, Participant.role).where(
                    Participant.id.in_(sorted(people_ids))
                )
            )
        }
        delegation_ids = sorted({d for i in intervals for d in delegations_for[i.id]})
        needs = {
            row.id: row.interpretation
            for row in session.execute(
                select(Delegation.id, Delegation.interpretation).where(
                    Delegation.id.in_(delegation_ids)
                )
            )
        }
        framing = set(
            session.scalars(
                select(Event.parent_id)
                .where(Event.parent_id.in_(held_ids), Event.status != EventStatus.CANCELLED)
                .distinct()
            )
        )
        places = read_places(session, {i.venue_id for i in intervals if i.venue_id})
        travelling = read_legs(
            session,
            TravelLeg.departure_utc < after,
            TravelLeg.arrival_utc > begin,
            partner_cities=read_partner_city_names(session),
        )
        stamp = read_change_stamp(session)

    status_of = {event: detail.status for event, detail in details.items()}
    called_off_ids = {interval.id for interval in cancelled}
    items: list[tuple[RunSheetItem, bool]] = []
    for interval in intervals:
        detail = details[interval.event_id]
        attending_ids = delegations_for[interval.id]
        delegations = sorted(
            program.delegations[d].name for d in attending_ids if d in program.delegations
        )
        present = [people[p] for p in interval.participant_ids if p in people]
        interpreters = sorted(p.name for p in present if p.role == ParticipantRole.INTERPRETER)
        place = places.get(interval.venue_id) if interval.venue_id else None
        equipment = []
        if place is not None and interval.mode is not EventMode.FACE_TO_FACE:
            equipment.append(
                _("Videoconference studio")
                if place.videoconference
                else _("Video link needed: the room has no videoconference equipment")
            )
        interpretation = [
            f"{program.delegations[d].name}: {needs[d]}"
            for d in sorted(attending_ids)
            if needs.get(d) and d in program.delegations
        ]
        if place is not None and place.booths and (interpretation or interpreters):
            equipment.append(
                ngettext(
                    "{count} interpretation booth", "{count} interpretation booths", place.booths
                ).format(count=place.booths)
            )
        contacts = []
        organiser = people.get(detail.organiser_id or "")
        if organiser is not None:
            contacts.append(
                _("{name} (organiser) {email}").format(name=organiser.name, email=organiser.email)
            )
        if place is not None and place.city_contact:
            contacts.append(f"{place.city_contact} ({place.shown_city})")
        involved = sum(1 for c in conflicts if interval.event_id in c.event_ids)
        start = timezones.to_local(interval.start, TOKYO)
        last_day = None
        if interval.all_day:  # its own dates, on every clock; first in its day
            first, last_day = all_day_dates(interval)
            start = datetime.combine(first, time(), timezones.zone(TOKYO))
        items.append(
            (
                RunSheetItem(
                    event_id=interval.event_id,
                    title=interval.title,
                    kind=interval.kind,
                    mode=interval.mode,
                    start=start,
                    end=timezones.to_local(interval.end, TOKYO),
                    place=place,
                    city=shown_name(detail.city, detail.city_ja or "") if detail.city else "",
                    delegations=tuple(delegations),
                    people=tuple(
                        sorted(p.name for p in present if p.role != ParticipantRole.INTERPRETER)
                    ),
                    interpreters=tuple(interpreters),
                    interpretation=tuple(interpretation),
                    equipment=tuple(equipment),
                    contacts=tuple(contacts),
                    video_link=detail.video_link or "",
                    conflicts=involved,
                    last_day=last_day,
                    tentative=is_tentative(interval.event_id, interval.ancestor_ids, status_of),
                    moved=interval.moved,
                ),
                interval.id in called_off_ids,
            )
        )
    items.sort(key=lambda pair: meeting_order(pair[0].start, pair[0].title, pair[0].event_id))
    going_ahead = [item for item, off_alone in items if not off_alone]
    called_off_items = [item for item, off_alone in items if off_alone]
    legs = tuple(on_day for leg in travelling if (on_day := leg_on(leg, day)) is not None)
    return RunSheet(
        day,
        tuple(item for item in going_ahead if item.event_id not in framing),
        conflicts,
        stamp,
        frames=tuple(item for item in going_ahead if item.event_id in framing),
        legs=legs,
        cancelled=tuple(item for item in called_off_items if item.event_id not in cancelled_frames),
        cancelled_frames=tuple(
            item for item in called_off_items if item.event_id in cancelled_frames
        ),
    )


def _on(interval: Interval, day: date) -> bool:
    """Whether the meeting is on ``day`` as the calendar and ``events list`` place it
    (:func:`~cpp_scheduler.model.event_filter.meeting_days`, on Japan's clock)."""
    days = meeting_days(
        interval.start, interval.end, interval.zone, all_day=interval.all_day, clock=TOKYO
    )
    return on_days(days, day, day)


# -- HTML -------------------------------------------------------------------------------


def run_sheet_document(sheet: RunSheet, should_stop: ShouldStop | None = None) -> PrintDocument:
    """The day's conflicts first (what needs fixing), then every meeting by time, then
    the travel legs under way; ``should_stop`` is asked between the parts. A day of
    legs alone leaves out the empty list of meetings, which would read as a free day."""
    heading = _("Run sheet — {day}").format(day=i18n.long_day_text(sheet.day))
    venues = len({item.place.name for item in sheet.items if item.place is not None})
    meetings, conflicts = len(sheet.items), len(sheet.conflicts)
    summary = _("{meetings} at {venues}; {conflicts}. Times in Japan.").format(
        meetings=ngettext("{count} meeting", "{count} meetings", meetings).format(count=meetings),
        venues=ngettext("{count} venue", "{count} venues", venues).format(count=venues),
        conflicts=ngettext("{count} conflict", "{count} conflicts", conflicts).format(
            count=conflicts
        ),
    )
    called_off = (
        f'<p class="muted">{escape(cancelled_note(len(sheet.cancelled)))}</p>'
        if sheet.cancelled
        else ""
    )
    first = Section(
        f"<h1>{escape(heading)}</h1><p>{escape(summary)}</p>{called_off}" + _conflicts(sheet),
        keep_together=False,
    )
    sections = [first]
    if sheet.items or sheet.frames or sheet.cancelled or not sheet.legs:
        stop_if_asked(should_stop)
        sections.append(Section(_meetings(sheet), keep_together=False))
    if sheet.legs:
        stop_if_asked(should_stop)
        sections.append(Section(_legs(sheet), keep_together=False))
    return PrintDocument(title=heading, header=heading, stamp=sheet.stamp, sections=tuple(sections))


def _conflicts(sheet: RunSheet) -> str:
    if not sheet.conflicts:
        return element("h2", _("Conflicts of the day")) + element("p", _("None found."))
    rows = [
        [
            _conflict_when(c, sheet.day),
            f'<span class="warning">{escape(c.kind.label)}</span>'
            if c.severity is Severity.ERROR
            else escape(c.kind.label),
            escape(c.message),
        ]
        for c in sheet.conflicts
    ]
    return element("h2", _("Conflicts of the day")) + table(
        [_("When"), _("What"), _("Details")], rows, widths=(14, 22, 64)
    )


def _conflict_when(conflict: Conflict, day: date) -> str:
    """``12:00``; a finding dated on another day than the sheet's names that day
    (``Thu 11 Mar 12:00``), as :func:`_when` names the day a meeting began, lest it
    read as the sheet's; ``-`` for one with no time. A finding about an all-day meeting
    is on that meeting's own date, never at a midnight: ``All day``, or the date it
    begins on before the sheet's, as the Conflicts dock says it."""
    meetings = conflict.meetings
    if meetings and meetings[0].day is not None:
        first = meetings[0].day
        if first == day:
            return escape(_("All day"))
        return f"<p>{escape(_('{day}, all day').format(day=i18n.short_day_text(first)))}</p>"
    if conflict.start is None:
        return escape("-")
    local = timezones.to_local(conflict.start, TOKYO)
    if local.date() == day:
        return escape(i18n.time_text(local))
    return f"<p>{escape(i18n.day_time_text(local))}</p>"  # wraps in the narrow column


def _frame(item: RunSheetItem, day: date) -> str:
    """The line of a conference that holds sessions: its title and span, above the
    meetings its sessions are (:attr:`RunSheet.frames`)."""
    when = _span_on(item, day)
    line = _(
        "Within the conference {title} ({when}): its sessions are the day's meetings, "
        "not the conference itself."
    ).format(title=item.title, when=when)
    notes = [escape(line)]
    if item.tentative:
        notes.append(f'<i class="warning">{escape(EventStatus.TENTATIVE.label)}</i>')
    if item.conflicts:
        notes.append(f'<span class="warning">{escape(_conflicts_noted(item.conflicts))}</span>')
    return "<p>" + "<br>".join(notes) + "</p>"


def _cancelled_frame(item: RunSheetItem, day: date) -> str:
    """The line of a conference called off above its sessions called off with it: its
    title and span struck through under the word "Cancelled", and the words its
    programme's cover says (:attr:`RunSheet.cancelled_frames`)."""
    title = f"<b>{escape(item.title)}</b> ({escape(_span_on(item, day))})"
    notice = escape(_("Cancelled: this conference will not take place."))
    return f'<p>{marked_cancelled(title)}<br><span class="warning">{notice}</span></p>'


def _span_on(item: RunSheetItem, day: date) -> str:
    """Its time in one line of text: ``All day`` (``All day to Mon 08 Mar``), its hours
    when it begins and ends on ``day``, else its days and hours."""
    if item.last_day is not None:
        return all_day_text(day, item.last_day)
    if item.start.date() == day and item.end.date() == day:
        return timezones.span_text(item.start, item.end, dash=DASH)
    return timezones.span_text(item.start, item.end, day=i18n.short_day_text, dash=DASH)


def _meetings(sheet: RunSheet) -> str:
    frames = "".join(_frame(item, sheet.day) for item in sheet.frames)
    frames += "".join(_cancelled_frame(item, sheet.day) for item in sheet.cancelled_frames)
    if not sheet.items and not sheet.cancelled:
        return (
            element("h2", pgettext("heading", "Meetings"))
            + frames
            + element("p", _("Nothing is planned on this day."))
        )
    if not sheet.items:  # said, lest the meetings called off read as the day's
        frames += element("p", _("Every meeting planned on this day is cancelled."))
    rows: list[tuple[RunSheetItem, list[str]]] = [
        (item, _cancelled_row(item, sheet.day)) for item in sheet.cancelled
    ]
    for item in sheet.items:
        labels = [item.kind.label, item.mode.label]
        if item.tentative:
            labels.append(EventStatus.TENTATIVE.label)
        meeting = [f"<b>{escape(item.title)}</b>", escape(_(", ").join(labels))]
        if item.conflicts:
            meeting.append(
                f'<span class="warning">{escape(_conflicts_noted(item.conflicts))}</span>'
            )
        attendees = [*item.delegations, *item.people]
        if attendees:
            meeting.append(escape(_("Attending: {names}").format(names="; ".join(attendees))))
        if item.video_link:
            meeting.append(escape(_("Video link: {link}").format(link=item.video_link)))
        room = _room(item)
        needs = [escape(text) for text in item.interpretation]
        needs.extend(
            escape(_("Interpreter: {name}").format(name=name)) for name in item.interpreters
        )
        needs.extend(escape(text) for text in item.equipment)
        rows.append(
            (
                item,
                [
                    _when(item, sheet.day),
                    "<br>".join(meeting),
                    room,
                    "<br>".join(needs) or escape("-"),
                    "<br>".join(with_address_breaks(c) for c in item.contacts) or escape("-"),
                ],
            )
        )
    rows.sort(key=lambda row: meeting_order(row[0].start, row[0].title, row[0].event_id))
    return (
        element("h2", pgettext("heading", "Meetings"))
        + frames
        + table(
            [_("Time"), _("Meeting"), _("Room"), _("Interpretation and equipment"), _("Contacts")],
            [cells for _item, cells in rows],
            widths=(14, 33, 16, 20, 17),
        )
    )


def _cancelled_row(item: RunSheetItem, day: date) -> list[str]:
    """A meeting called off, at its time as the programme prints a cancelled session
    (:func:`~cpp_scheduler.documents.markup.marked_cancelled`): its time, title, kind,
    whom it was for and its room struck through under the word "Cancelled"; nothing to
    ready, and whom to call about it."""
    when = _span_on(item, day)
    meeting = [
        f"<b>{escape(item.title)}</b>",
        escape(_(", ").join([item.kind.label, item.mode.label])),
    ]
    attendees = [*item.delegations, *item.people]
    if attendees:
        meeting.append(escape(_("Attending: {names}").format(names="; ".join(attendees))))
    struck_when = f"<p>{struck(escape(when))}</p>"
    if item.moved:  # as events list marks it, called off or not
        struck_when += f"<p>{escape(moved_marker())}</p>"
    return [
        struck_when,
        marked_cancelled("<br>".join(meeting)),
        struck(_room(item)),
        escape("-"),
        "<br>".join(with_address_breaks(c) for c in item.contacts) or escape("-"),
    ]


def _legs(sheet: RunSheet) -> str:
    """The day's legs as the itinerary lists a delegation's: the time in Japan (a leg
    that set out before says until when it is under way), the mode and route with the
    tour it is of, and each end on its own place's clock."""
    rows = []
    for leg in sheet.legs:
        notes = [f'<span class="muted">{escape(leg.tour)}</span>']
        count = sheet.leg_conflicts(leg)
        if count:
            notes.append(f'<span class="warning">{escape(_conflicts_noted(count))}</span>')
        rows.append(leg_row(leg, sheet.day, notes))
    return element("h2", _("Travel legs")) + table(
        [_("Time"), _("What"), _("Where")], rows, widths=(14, 43, 43)
    )


def _conflicts_noted(count: int) -> str:
    return ngettext("{count} conflict, see above", "{count} conflicts, see above", count).format(
        count=count
    )


def _room(item: RunSheetItem) -> str:
    """The venue and its city, else where the meeting is without one."""
    if item.place is not None:
        return f"<b>{escape(item.place.shown_name)}</b><br>{escape(item.place.shown_city)}"
    return escape(without_venue(item.mode, item.city))


def _when(item: RunSheetItem, day: date) -> str:
    """``09:00–10:15``; a meeting begun on an earlier day names the day it began
    (``Mon 15 Feb 09:00–Tue 16 Feb 15:30``), lest it read as starting on the sheet's.
    ``All day`` (``All day to Mon 08 Mar``) for an all-day event, which is on the sheet
    only on its own dates (:func:`read_run_sheet`). A meeting moved off its series' time
    says "(moved)" under its time, as the calendar says it beside it."""
    if item.last_day is None:
        if item.start.date() == day:
            when = time_span(item.start, item.end)
        else:
            when = time_span(item.start, item.end, day=i18n.short_day_text)
    else:
        when = f"<p>{escape(all_day_text(day, item.last_day))}</p>"  # wraps in the column
    if item.moved:
        when += f"<p>{escape(moved_marker())}</p>"
    return when
