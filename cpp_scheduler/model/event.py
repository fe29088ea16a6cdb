"""Events: conferences and their sessions, workshops, site visits, videoconference series."""

from __future__ import annotations

from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    inspect,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, object_session, relationship

from cpp_scheduler import i18n, limits, timezones
from cpp_scheduler.errors import quoted
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.model import recurrence
from cpp_scheduler.model import validation as rules
from cpp_scheduler.model.base import Base, Record, UTCDateTime, enum_type, new_id
from cpp_scheduler.model.called_off import CALLED_OFF_SQL, HELD_SQL, HeldStatuses
from cpp_scheduler.model.enums import EventKind, EventMode, EventStatus
from cpp_scheduler.model.event_filter import delegations_attending, meeting_days
from cpp_scheduler.model.people import Delegation, Participant
from cpp_scheduler.model.reference import PartnerCity, ThematicArea, Venue

if TYPE_CHECKING:
    from cpp_scheduler.model.tour import TourDay

UID_DOMAIN = "cpp-scheduler.tdlc"

# Link tables are their key alone: on SQLite, tables WITHOUT ROWID (revision 0010).
event_themes = Table(
    "event_themes",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("thematic_areas.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,
)
event_delegations = Table(
    "event_delegations",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("delegation_id", ForeignKey("delegations.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,
)
event_participants = Table(
    "event_participants",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,
)


def locality_of(mode: EventMode, venue_locality: str | None, city: str | None) -> str | None:
    """Where attendees of a meeting held ``mode`` must physically be, for travel checks:
    its venue's city (``venue_locality``, where it has a venue), else its own partner
    city's name (``city``); None if virtual. :attr:`Event.locality`, and the engine's
    snapshot read from the columns, alike."""
    if mode is EventMode.VIRTUAL:
        return None
    if venue_locality is not None:
        return venue_locality
    return city


def _event_title(event: Event) -> str:
    """An event as a loop of sessions names it: by its title."""
    return event.title or ""


def new_uid() -> str:
    return f"{new_id()}@{UID_DOMAIN}"


class Event(Record, Base):
    """Something on the program's calendar.

    Start and end are UTC instants; ``zone`` is where the event was planned, so its wall
    clock (09:00 in Tokyo) is what stays put when somebody else's clocks change. ``uid``
    never changes, and ``sequence`` rises with each change of time, place or status,
    which is how calendar clients tell an update from a new event.
    """

    __tablename__ = "events"
    __table_args__ = (CheckConstraint("end_utc > start_utc", name="ends_after_start"),)
    record_kind = N_("event")
    named_by = "title"

    uid: Mapped[str] = mapped_column(String(255), unique=True, default=new_uid)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[EventKind] = mapped_column(enum_type(EventKind), default=EventKind.WORKSHOP)
    mode: Mapped[EventMode] = mapped_column(enum_type(EventMode), default=EventMode.FACE_TO_FACE)
    status: Mapped[EventStatus] = mapped_column(
        enum_type(EventStatus), default=EventStatus.TENTATIVE
    )
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    end_utc: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    zone: Mapped[str] = mapped_column(String(64), default=timezones.TOKYO)
    all_day: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """A span of whole days (an office closure, an arrival day, a conference day block):
    it runs from the first day's start to the start of the day after its last day in
    ``zone``, so the instants say when it holds, but it has dates, never hours. Calendar
    files write it as ``VALUE=DATE`` with the exclusive end RFC 5545 gives it."""
    venue_id: Mapped[str | None] = mapped_column(ForeignKey("venues.id", ondelete="SET NULL"))
    city_id: Mapped[str | None] = mapped_column(
        ForeignKey("partner_cities.id", ondelete="SET NULL")
    )
    host_city_id: Mapped[str | None] = mapped_column(
        ForeignKey("partner_cities.id", ondelete="SET NULL")
    )
    """The partner city whose office hosts the event (a session run from Kobe); None when
    TDLC hosts it from Tokyo, as it does every event it does not hand to a city."""
    organiser_id: Mapped[str | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    """The conference this is a session of. Indexed: deleting any event makes the
    database look for its sessions, which without the index reads every event."""
    tour_day_id: Mapped[str | None] = mapped_column(ForeignKey("tour_days.id", ondelete="SET NULL"))
    video_link: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    """The agenda and anything participants should read."""
    notes: Mapped[str] = mapped_column(Text, default="")
    """The coordinator's own notes; never exported to participants."""
    recurrence_rule: Mapped[str | None] = mapped_column(String(500))
    """An RFC 5545 RRULE value (FREQ=MONTHLY;COUNT=6;BYDAY=3WE) for a series."""

    venue: Mapped[Venue | None] = relationship()
    city: Mapped[PartnerCity | None] = relationship(foreign_keys=[city_id])
    host_city: Mapped[PartnerCity | None] = relationship(foreign_keys=[host_city_id])
    organiser: Mapped[Participant | None] = relationship()
    parent: Mapped[Event | None] = relationship(back_populates="sessions", remote_side="Event.id")
    sessions: Mapped[list[Event]] = relationship(
        back_populates="parent",
        order_by="Event.start_utc",
        # A deleted conference takes its sessions with it, as the database's ON DELETE
        # CASCADE does; a session filed under no conference any longer is an event of
        # its own, never an orphan to delete (as a theme's sub-themes).
        cascade="save-update, merge, delete",
    )
    tour_day: Mapped[TourDay | None] = relationship(back_populates="events")
    themes: Mapped[list[ThematicArea]] = relationship(
        secondary=event_themes, order_by="ThematicArea.name"
    )
    delegations: Mapped[list[Delegation]] = relationship(
        secondary=event_delegations, order_by="Delegation.name"
    )
    participants: Mapped[list[Participant]] = relationship(
        secondary=event_participants, order_by="Participant.name"
    )
    changes: Mapped[list[OccurrenceOverride]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="OccurrenceOverride.recurrence_id",
    )

    # -- local time -------------------------------------------------------------------
    @property
    def start_local(self) -> datetime:
        return timezones.to_local(self.start_utc, self.zone)

    @property
    def end_local(self) -> datetime:
        return timezones.to_local(self.end_utc, self.zone)

    def set_local_times(
        self,
        start: datetime,
        end: datetime,
        zone_name: str | None = None,
        fold: timezones.Fold | None = None,
    ) -> None:
        """Place the event at wall-clock times in its zone (or a new one).

        Raises the time-zone module's typed errors for a time that does not exist or
        happens twice, unless the coordinator's ``fold`` choice is given.
        """
        zone_name = zone_name or self.zone
        self.start_utc = timezones.to_utc(start, zone_name, fold)
        self.end_utc = timezones.to_utc(end, zone_name, fold)
        self.zone = zone_name

    # -- dates of an all-day event ----------------------------------------------------
    @property
    def first_date(self) -> date:
        """The first day the event covers, in its zone."""
        return timezones.to_local(self.start_utc, self.zone).date()

    @property
    def last_date(self) -> date:
        """The last day an all-day event covers, in its zone (the end is exclusive: the
        event ends when the day after its last day begins)."""
        return timezones.all_day_dates(self.start_utc, self.end_utc, self.zone)[1]

    def set_dates(self, first: date, last: date, zone_name: str | None = None) -> None:
        """Make the event an all-day event from ``first`` to ``last``, both included:
        dates that :func:`all_day_date_problems` finds nothing wrong with, since the
        instants cannot tell a day its zone skipped from the next."""
        zone_name = zone_name or self.zone
        self.start_utc, self.end_utc = timezones.local_days(first, last, zone_name)
        self.zone = zone_name
        self.all_day = True

    def days_on(self, occurrence: recurrence.Occurrence, clock: str) -> tuple[date, date]:
        """The first and last day ``occurrence`` of the event is on, read on the clock
        of ``clock`` (:func:`meeting_days`: an all-day event on its own dates)."""
        return meeting_days(
            occurrence.start, occurrence.end, self.zone, all_day=self.all_day, clock=clock
        )

    # -- place ------------------------------------------------------------------------
    @property
    def locality(self) -> str | None:
        """The city where attendees must physically be, for travel checks; None if virtual."""
        return locality_of(
            self.mode,
            self.venue.locality if self.venue is not None else None,
            self.city.name if self.city is not None else None,
        )

    @property
    def is_cancelled(self) -> bool:
        """Not held: cancelled itself, or a session (at any depth) of a cancelled
        conference, whatever its own status says (:mod:`~cpp_scheduler.model.called_off`
        reads the same rule from the database's columns)."""
        event: Event | None = self
        seen: set[int] = set()
        while event is not None and id(event) not in seen:
            if event.status is EventStatus.CANCELLED:
                return True
            seen.add(id(event))
            event = event.parent
        return False

    @property
    def held_status(self) -> EventStatus:
        """The status the program gives the event: cancelled with its conference, and
        tentative with it (:mod:`~cpp_scheduler.model.called_off` reads the same rule from
        the database's columns)."""
        if self.is_cancelled:
            return EventStatus.CANCELLED
        event: Event | None = self
        seen: set[int] = set()
        while event is not None and id(event) not in seen:
            if event.status is EventStatus.TENTATIVE:
                return EventStatus.TENTATIVE
            seen.add(id(event))
            event = event.parent
        return self.status

    @property
    def conferences(self) -> list[Event]:
        """The conferences it is a session of: its own first, then that one's; a loop a
        damaged database could hold ends where it closes."""
        found: list[Event] = []
        above = self.parent
        while above is not None and above is not self and above not in found:
            found.append(above)
            above = above.parent
        return found

    @property
    def attending_delegations(self) -> list[Delegation]:
        """The delegations it is for, by the engine's rule of who attends
        (:func:`~cpp_scheduler.model.event_filter.delegations_attending`): those it names,
        or, for a session naming none, those of the conferences it is a session of. Their
        members are invited to it, and their calendar files hold it."""
        if self.delegations or self.parent is None:
            return list(self.delegations)
        conferences = self.conferences
        attending = delegations_attending(
            frozenset(),
            [conference.id for conference in conferences],
            {c.id: [delegation.id for delegation in c.delegations] for c in conferences},
        )
        found = {
            delegation.id: delegation
            for conference in conferences
            for delegation in conference.delegations
            if delegation.id in attending
        }
        return list(found.values())

    @property
    def attending_delegation_ids(self) -> frozenset[str]:
        """The ids of :attr:`attending_delegations`."""
        return frozenset(delegation.id for delegation in self.attending_delegations)

    @property
    def invitees(self) -> list[Participant]:
        """Everyone the event invites: its participants, then the members of the
        delegations it is for not already among them (a session naming no delegation is
        for its conference's, :attr:`attending_delegations`, so its invitation goes to
        them: a session moved is told to those whose calendars hold it). A member invited
        through the delegation is as much an attendee as one named alone: the calendar
        names them both, so that a reader's Accept or Decline matches a line of its own."""
        people = {person.id: person for person in self.participants}
        for delegation in self.attending_delegations:
            for member in delegation.members:
                people.setdefault(member.id, member)
        return list(people.values())

    # -- series -----------------------------------------------------------------------
    @property
    def is_series(self) -> bool:
        return bool(self.recurrence_rule)

    def occurrences(self) -> list[recurrence.Occurrence]:
        """Each meeting of the event in UTC: one for a one-off event, moved and cancelled
        occurrences of a series applied."""
        return recurrence.expand(
            self.start_utc,
            self.end_utc,
            self.zone,
            self.recurrence_rule,
            [change.as_change() for change in self.changes],
        )

    def applied_changes(self) -> list[OccurrenceOverride]:
        """The moved and cancelled meetings the series holds now: a change whose meeting
        its rule no longer gives is kept, but applied nowhere (see
        :func:`recurrence.applied`)."""
        return recurrence.applied(
            self.start_utc, self.zone, self.recurrence_rule, self.changes, _RECURRENCE_ID
        )

    def series_times(self) -> recurrence.SeriesTimes:
        """What places the meetings of the event, as it is now: with their length, which
        tells a meeting placed on a skipped or repeated time from one moved."""
        length = (
            self.end_utc - self.start_utc
            if self.start_utc is not None and self.end_utc is not None
            else None
        )
        return recurrence.SeriesTimes(self.start_utc, self.zone, self.recurrence_rule, length)

    def follow_changes(self, before: recurrence.SeriesTimes) -> list[recurrence.FollowedChange]:
        """What becomes of each moved or cancelled meeting once the series, as it was
        at ``before``, takes its times now (:func:`recurrence.follow_changes`): what the
        event dialog tells before the save and what :meth:`keep_changed_meetings` does."""
        if self.start_utc is None or before.start is None or before == self.series_times():
            return []
        try:
            return recurrence.follow_changes(
                before, self.series_times(), [change.as_change() for change in self.changes]
            )
        except (ValueError, LookupError, OverflowError):
            return []  # a rule or a zone the event's own rules refuse, at the save

    def keep_changed_meetings(self, before: recurrence.SeriesTimes) -> None:
        """Once the series was moved or its rule changed from ``before``, each moved or
        cancelled meeting follows its counterpart in the new series (the same day, else
        the same week, month or year: :func:`recurrence.follow_changes`): a coordinator
        who turns the third Wednesday into the third Thursday keeps February cancelled.
        A change with no counterpart stays as it was, applied nowhere until the series
        comes back to it (an undo does), and the dialog said so before the save.

        A meeting placed on a time the clocks skip or pass twice (the import's or the
        coordinator's answer, :func:`recurrence.placed_reading`) is no move: it takes
        the series' new time and length at the same reading while its new time is still
        skipped or repeated, and its placement is deleted once that time is an ordinary
        one (:attr:`recurrence.FollowedChange.kept`)."""
        if not self.changes:
            return
        kept = {item.change.recurrence_id: item.kept for item in self.follow_changes(before)}
        for row in list(self.changes):
            if row.recurrence_id not in kept:
                continue
            held = kept[row.recurrence_id]
            if held is None:
                self.changes.remove(row)
                session = object_session(row)
                if session is not None and inspect(row).persistent:
                    session.delete(row)  # by name, so the history holds the deletion
                continue
            if held.recurrence_id != row.recurrence_id:
                row.recurrence_id = held.recurrence_id
            if (held.start, held.end) != (row.start_utc, row.end_utc):
                row.start_utc, row.end_utc = held.start, held.end

    # -- rules ------------------------------------------------------------------------
    def problems(self) -> list[rules.Problem]:
        found = rules.collect(
            rules.required_text_problem("title", self.title, _("title")),
            rules.zone_problem("zone", self.zone),
            rules.most_problem(
                "sequence",
                self.sequence,
                _("calendar sequence number"),
                limits.MAX_CALENDAR_SEQUENCE,
            ),
        )
        found += rules.text_problems(
            self,
            Event,
            title=N_("title"),
            description=N_("description"),
            notes=N_("notes"),
            video_link=N_("video link"),
        )
        found += calendar_text_problems(self)
        if not self.all_day:
            found += rules.collect(
                rules.instant_problem("start_utc", self.start_utc, _("start")),
                rules.instant_problem("end_utc", self.end_utc, _("end")),
            )
        if self.start_utc is None or self.end_utc is None:
            found.append(rules.Problem("start_utc", _("Give the start and the end.")))
        elif self.end_utc <= self.start_utc:
            found.append(rules.Problem("end_utc", _("The event must end after it starts.")))
        if self.all_day and not found:
            found.extend(all_day_problems(self.start_utc, self.end_utc, self.zone))
            if self.recurrence_rule:
                found.append(
                    rules.Problem("recurrence_rule", _("An all-day event cannot repeat; copy it."))
                )
        parent_problem = self._parent_problem()
        if parent_problem is not None:
            found.append(parent_problem)
        link_problem = rules.web_address_problem("video_link", self.video_link, _("video link"))
        if link_problem is not None:
            found.append(link_problem)
        if (
            self.mode is EventMode.VIRTUAL
            and not self.video_link
            and self.kind is (EventKind.VIDEOCONFERENCE)
        ):
            found.append(rules.Problem("video_link", _("A virtual videoconference needs a link.")))
        if self.recurrence_rule and self.start_utc is not None and not found:
            found.extend(self._series_problems())
        return found

    def _parent_problem(self) -> rules.Problem | None:
        """A session of itself, or of one of its own sessions (at any depth): a loop no
        programme can show, refused here so every save says so alike."""
        parent = self.parent
        if parent is None:
            return None
        if parent is self:
            return rules.Problem("parent", _("An event cannot be a session of itself."))
        chain = rules.parent_loop(self)
        if chain is None:
            return None
        return rules.Problem(
            "parent",
            _("Making it a session of {parent} makes a loop: {loop}.").format(
                parent=quoted(_event_title(chain[0])),
                loop=rules.loop_text(self, chain, _event_title),
            ),
        )

    def _series_problems(self) -> list[rules.Problem]:
        assert self.recurrence_rule is not None
        try:
            gaps = recurrence.problem_starts(self.recurrence_rule, self.start_utc, self.zone)
        except recurrence.RecurrenceError as error:
            return [rules.Problem("recurrence_rule", str(error))]
        # An occurrence in a gap or fold is placed when the series holds an explicit
        # change for it (RFC 5545's reading, written by the calendar import); otherwise
        # the coordinator is asked, as the dialog does.
        placed = {change.recurrence_id for change in self.changes}
        return [
            rules.Problem(
                "recurrence_rule", _("An occurrence cannot be placed: {gap}").format(gap=gap)
            )
            for gap in gaps
            if recurrence.rfc_reading(gap) not in placed
        ]


_CALENDAR_TEXTS = {"uid": N_("calendar UID"), "recurrence_rule": N_("repeat rule (RRULE)")}


def calendar_text_problems(event: object) -> list[rules.Problem]:
    """The texts a calendar file brings rather than a person types (the UID, the repeat
    rule) longer than the columns that hold them: ``event`` is an :class:`Event` or the
    values of one, so that the calendar reader skips what the save would refuse, and a
    PostgreSQL database never meets a text longer than its column."""
    return rules.text_problems(event, Event, **_CALENDAR_TEXTS)


def all_day_date_problems(first: date, last: date, zone: str) -> list[rules.Problem]:
    """What is wrong with making an event all day from ``first`` to ``last`` in ``zone``,
    as a person or a file gives the dates, before they become instants: a last day
    before the first, a day outside the program's range, and a first or last day that
    ``zone`` skipped whole (Kiritimati's 31 December 1994). An event cannot begin or end
    on a day of which no instant exists: it would be read back as beginning a day later,
    or ending a day earlier, than it was given. A name that is no zone has no days to
    skip: the zone's own rule says what is wrong with it."""
    if last < first:
        return [rules.Problem("end_utc", _("The last day cannot come before the first."))]
    if not (limits.day_in_range(first) and limits.day_in_range(last)):
        return [_outside_days()]
    if not timezones.is_zone(zone):
        return []
    ends = [("start_utc", first)] if last == first else [("start_utc", first), ("end_utc", last)]
    return [
        rules.Problem(
            field,
            _("{zone} has no {day}: its clocks skipped that day.").format(
                zone=zone, day=i18n.day_month_year_text(day)
            ),
        )
        for field, day in ends
        if timezones.skipped_day(day, zone)
    ]


def _outside_days() -> rules.Problem:
    return rules.Problem(
        "start_utc",
        _("An all-day event's dates must lie from {range}.").format(
            range=limits.describe_day_range()
        ),
    )


def all_day_problems(start_utc: datetime, end_utc: datetime, zone: str) -> list[rules.Problem]:
    """An all-day event begins as its first day begins and ends as the day after its last
    day begins, in its zone: anything else would be hours dressed up as dates."""
    try:
        first, last = timezones.all_day_dates(start_utc, end_utc, zone)
    except (ValueError, OverflowError):
        first = last = date.min
    if not (limits.day_in_range(first) and limits.day_in_range(last)):
        return [_outside_days()]
    if timezones.local_days(first, last, zone) != (start_utc, end_utc):
        return [
            rules.Problem(
                "start_utc",
                _("An all-day event runs from the start of a day to the start of one."),
            )
        ]
    return []


_RECURRENCE_ID = attrgetter("recurrence_id")


class OccurrenceOverride(Record, Base):
    """One occurrence of a series moved to another time, or cancelled."""

    __tablename__ = "occurrence_overrides"
    __table_args__ = (UniqueConstraint("event_id", "recurrence_id", name="one_per_occurrence"),)
    record_kind = N_("changed occurrence")

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    recurrence_id: Mapped[datetime] = mapped_column(UTCDateTime)
    """The start the rule gives this occurrence, in UTC."""
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    start_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_utc: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship(back_populates="changes")

    def as_change(self) -> recurrence.OccurrenceChange:
        return recurrence.OccurrenceChange(
            self.recurrence_id, self.cancelled, self.start_utc, self.end_utc
        )

    def label(self) -> str:
        """How a message names the meeting: by the day its series' rule gives it, on the
        series' clock (the day the calendar's list of meetings names it by, whether it
        was moved or not), and the series' title; never by the row's id, which no
        coordinator has seen."""
        series = self.event
        if series is None or self.recurrence_id is None or not series.zone:
            return super().label()
        try:
            day = timezones.to_local(self.recurrence_id, series.zone).date()
        except (LookupError, ValueError, OverflowError):
            return super().label()  # a zone the series' own rules refuse
        return _("the {day} meeting of {series}").format(
            day=i18n.day_month_year_text(day), series=quoted(series.title or "")
        )

    def problems(self) -> list[rules.Problem]:
        if self.cancelled:
            return []
        found = rules.collect(
            rules.instant_problem("start_utc", self.start_utc, _("moved meeting's start")),
            rules.instant_problem("end_utc", self.end_utc, _("moved meeting's end")),
        )
        if found:
            return found
        if self.start_utc is None or self.end_utc is None:
            return [
                rules.Problem("start_utc", _("A moved occurrence needs its new start and end."))
            ]
        if self.end_utc <= self.start_utc:
            return [rules.Problem("end_utc", _("The occurrence must end after it starts."))]
        return []


def called_off(session: Session) -> frozenset[str]:
    """The ids of the events not held (:data:`~cpp_scheduler.model.called_off.CALLED_OFF_SQL`):
    those cancelled, and the sessions of a cancelled conference."""
    return frozenset(session.execute(text(CALLED_OFF_SQL)).scalars())


def held_statuses(session: Session) -> HeldStatuses:
    """The events whose status the program gives otherwise than their own column
    (:class:`~cpp_scheduler.model.called_off.HeldStatuses`): called off, or not sure."""
    return HeldStatuses.of(session.execute(text(HELD_SQL)).all())
