"""Calendar files into the database: the import operations the CLI and the GUI call.

Import reads the file to plain values first (:mod:`cpp_scheduler.ical.importer`), checks
them by the rules the program's entities hold that the reading does not (a series must
have a meeting; :func:`checked`), then matches events by UID (a newer SEQUENCE wins, an
older one is kept out, an equal one is already here unless what it says differs from
the program's copy, see :func:`_compared`, or it is a later copy by its DTSTAMP with
another title, place or description, see :func:`_later_copy`), finds venues, partner
cities, themes and people by what the file calls them, and writes everything in one
transaction, or nothing: one event that breaks a rule of the program and nothing is
imported. A dry run changes nothing, and refuses or skips what the import would.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cpp_scheduler import i18n, timezones
from cpp_scheduler.collector import collector_held
from cpp_scheduler.errors import printable, quoted, shown_path
from cpp_scheduler.i18n import N_, _
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.export import event_location
from cpp_scheduler.ical.importer import (
    Attendee,
    ParsedCalendar,
    ParsedChange,
    ParsedEvent,
    ParsedOccurrence,
    Progress,
    Skipped,
    read_calendar,
    read_calendar_bytes,
    reading_note,
)
from cpp_scheduler.model import (
    Event,
    EventKind,
    EventMode,
    EventStatus,
    OccurrenceOverride,
    Participant,
    PartnerCity,
    ThematicArea,
    ValidationError,
    Venue,
    recurrence,
)
from cpp_scheduler.model.base import new_id, utc_now
from cpp_scheduler.programfile.bulk import NewRecord, Pending, new_record, write_new
from cpp_scheduler.programfile.layout import EVENTS, OCCURRENCE_CHANGES
from cpp_scheduler.services import editing, removal
from cpp_scheduler.services.calendar_export import event_loading
from cpp_scheduler.store import Database
from cpp_scheduler.store.history import group_changes, write_noted


class ImportAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    """The program holds this version already."""
    KEEP = "keep"
    """The program holds a newer version (higher SEQUENCE) and keeps it."""


def describe_when(event: ParsedEvent) -> str:
    """``Tue 09 Feb 2027 10:00 Asia/Tokyo``, or ``all day Thu 29 Apr 2027`` (``to`` the
    last day for several days): what an import preview says of an event's time."""
    if event.all_day:
        first, last = event.dates
        if last == first:
            return _("all day {day}").format(day=i18n.day_text(first))
        return _("all day {first} to {last}").format(
            first=i18n.day_text(first), last=i18n.day_text(last)
        )
    when = timezones.to_local(event.start_utc, event.zone)
    return f"{_day_time(when)} {event.zone}"


def _day_time(moment: datetime) -> str:
    return f"{i18n.day_text(moment.date())} {moment:%H:%M}"


class MeetingsTaken(StrEnum):
    """What an update does with the moved and cancelled meetings the file gives."""

    NONE = "none"
    """The program's stay as they are: the file's are already here, or older."""
    GIVEN = "given"
    """The file's are taken; the meetings it does not give keep the program's changes."""
    ALL = "all"
    """The file's series is newer than anything the program holds: its meetings are
    exactly the file's."""


@dataclass(frozen=True)
class PlannedChange:
    action: ImportAction
    event: ParsedEvent
    sequence_held: int | None = None
    notes: tuple[str, ...] = ()
    """What the import leaves out of the event, and why (an organiser the program cannot
    record as a participant): listed under it, as the readings of RFC 5545 are."""
    takes_series: bool = True
    """For an update: whether the series' own part (its times, rule, status, title,
    place...) is taken, or only meetings of it."""
    meetings: MeetingsTaken = MeetingsTaken.ALL
    """For an update: what becomes of the moved and cancelled meetings."""
    older: int | None = None
    """For an event kept as the program holds it: the SEQUENCE of the file's part that is
    older than the program's (the series' own, when a meeting of it is numbered higher)."""
    cancels: bool = False
    """For an update: the file cancels the event the program holds as not cancelled (a
    METHOD:CANCEL, or STATUS:CANCELLED): said as such, not as a plain update."""
    sessions: tuple[str, ...] = ()
    """For an update of a series as a whole: its meetings the update moves, cancels or
    adds, worded as :meth:`PlannedOccurrence.detail` words a meeting (at most
    :data:`_MOST_SESSIONS_LISTED`, then how many more)."""
    takes_texts: bool = True
    """For an update: whether the file's title, place and description are taken (with
    the series' own part or alone), or the program's kept (see :func:`_later_copy`)."""
    texts: tuple[str, ...] = ()
    """For an update: the time of a one-off event, and the title, place and description,
    it changes (a newer version's, or a later copy's at the SEQUENCE the program holds,
    :func:`_later_copy`), one line each."""
    people: tuple[str, ...] = ()
    """For an update that takes the file's version: whom it links as participants, whom
    it takes off (they declined), and whom it keeps that the version does not list
    (:func:`_participants_changed`), one line each."""

    def detail(self) -> str:
        """What a table shows of the event after the action and the title: its time, and
        what :meth:`describe` says of the versions (``version 3 replaces 0``), as the
        command line says it."""
        when = describe_when(self.event)
        verdict = self.verdict()
        return _("{when}: {verdict}").format(when=when, verdict=verdict) if verdict else when

    def verdict(self) -> str:
        """Why the plan does what it does with the event, by its versions: the file's
        SEQUENCE against the program's (nothing to say of an event created)."""
        version = self.event.newest if self.older is None else self.older
        held = self.sequence_held
        if self.action is ImportAction.CREATE:
            return ""
        if self.cancels:
            return _(
                "version {version} cancels the event (the program holds version {held})"
            ).format(version=version, held=held)
        if self.action is ImportAction.UPDATE and version == held:
            return _(
                "version {version} brings changes the program's version {held} does not hold"
            ).format(version=version, held=held)
        if self.action is ImportAction.UPDATE:
            return _("version {version} replaces {held}").format(version=version, held=held)
        if self.action is ImportAction.UNCHANGED and held is not None and version > held:
            # A session's own title or place, numbered higher, which no session keeps.
            return _(
                "version {version} changes nothing the program keeps (it holds version {held})"
            ).format(version=version, held=held)
        if self.action is ImportAction.UNCHANGED:
            return _("version {version} is already here").format(version=version)
        return _("the program's version {held} is newer than the file's {version}").format(
            held=held, version=version
        )

    def describe(self) -> str:
        head = f"{self.event.title} ({describe_when(self.event)})"
        if self.action is ImportAction.CREATE:
            return _("create  {head}").format(head=head)
        line = {
            ImportAction.UPDATE: _("update  {head}: {verdict}"),
            ImportAction.UNCHANGED: _("same    {head}: {verdict}"),
        }.get(self.action, _("keep    {head}: {verdict}"))
        return line.format(head=head, verdict=self.verdict())


@dataclass(frozen=True)
class PlannedOccurrence:
    """One session of a series the program holds, moved or cancelled by the file."""

    action: ImportAction
    occurrence: ParsedOccurrence
    sequence_held: int | None = None

    def readings(self) -> tuple[str, ...]:
        """Its new start or end at a wall-clock time a change of clocks skips or
        repeats, worded as read by RFC 5545: said where the file's change is taken."""
        return self.occurrence.notes if self.action is ImportAction.UPDATE else ()

    def describe(self) -> str:
        change = self.occurrence.change
        head = _("{title}: the session of {when} UTC").format(
            title=self.occurrence.title, when=_day_time(change.recurrence_id)
        )
        if self.action is ImportAction.UPDATE:
            if change.cancelled:
                return _("update  {head}: cancel").format(head=head)
            if change.start is None:
                return _("update  {head}: move").format(head=head)
            return _("update  {head}: move to {when} UTC").format(
                head=head, when=_day_time(change.start)
            )
        if self.action is ImportAction.UNCHANGED:
            return _("same    {head}: version {version} is already here").format(
                head=head, version=self.occurrence.sequence
            )
        return _(
            "keep    {head}: the program's version {held} is newer than the file's {version}"
        ).format(head=head, held=self.sequence_held, version=self.occurrence.sequence)

    def detail(self) -> str:
        """What :meth:`describe` says after the action and the title, for a table that
        shows those in columns of their own (the import dialog):
        ``the session of Sun 14 Mar 2027 13:00 UTC: cancel``."""
        change = self.occurrence.change
        when = _day_time(change.recurrence_id)
        if self.action is ImportAction.UPDATE:
            if change.cancelled:
                return _("the session of {when} UTC: cancel").format(when=when)
            if change.start is None:
                return _("the session of {when} UTC: move").format(when=when)
            return _("the session of {when} UTC: move to {new} UTC").format(
                when=when, new=_day_time(change.start)
            )
        if self.action is ImportAction.UNCHANGED:
            return _("the session of {when} UTC: version {version} is already here").format(
                when=when, version=self.occurrence.sequence
            )
        return _(
            "the session of {when} UTC: the program's version {held} is newer than the "
            "file's {version}"
        ).format(when=when, held=self.sequence_held, version=self.occurrence.sequence)


@dataclass(frozen=True)
class ImportReport:
    source: str
    changes: tuple[PlannedChange, ...]
    skipped: tuple[Skipped, ...]
    applied: bool
    occurrences: tuple[PlannedOccurrence, ...] = ()
    versions: dict[str, int] = field(default_factory=dict)
    """The version each event the import wrote was left at, by id (empty in a dry run)."""

    def count(self, action: ImportAction) -> int:
        return sum(1 for change in self.changes if change.action is action) + sum(
            1 for session in self.occurrences if session.action is action
        )

    def lines(self) -> list[str]:
        lines: list[str] = []
        for change in self.changes:
            lines.append(change.describe())
            lines.extend(f"        {session}" for session in change.sessions)
            lines.extend(f"        {text}" for text in (*change.texts, *change.people))
            lines.extend(f"        {reading}" for reading in rfc_readings(change.event))
            lines.extend(f"        {note}" for note in change.notes)
        for session in self.occurrences:
            lines.append(session.describe())
            lines.extend(f"        {reading}" for reading in session.readings())
        lines.extend(
            _("skip    line {line}: {title}: {reason}").format(
                line=entry.line, title=printable(entry.title, 100), reason=entry.reason
            )
            for entry in self.skipped
        )
        counted = counted_plan(
            {action: self.count(action) for action in ImportAction},
            len(self.skipped),
            applied=self.applied,
        )
        summary = (
            _("{file}: {counts}")
            if self.applied
            else _("{file}: {counts} (dry run: nothing changed)")
        )
        lines.append(summary.format(file=shown_path(self.source), counts=counted))
        return lines


def counted_plan(counts: Mapping[ImportAction, int], skipped: int, *, applied: bool) -> str:
    """What an import did with a file's events and meetings (``counts``: how many each
    action took) and its ``skipped`` entries, in one line: ``24 created, 0 updated, 3
    left as they are, 5 skipped``; before it is made (``applied`` false: a dry run, the
    import dialog's plan), ``24 would be created, 0 would be updated, …``. Each count has
    its thousands grouped (``1,200``). ``import`` ends with it after the file's name, and
    the import dialog says it under its plan and again once it has imported, so the two
    cannot count one file apart."""
    created, updated = counts[ImportAction.CREATE], counts[ImportAction.UPDATE]
    words = (
        _("{created} created, {updated} updated, {kept} left as they are, {skipped} skipped")
        if applied
        else _(
            "{created} would be created, {updated} would be updated, {kept} left as they "
            "are, {skipped} skipped"
        )
    )
    return words.format(
        created=f"{created:,}",
        updated=f"{updated:,}",
        kept=f"{left_as_they_are(counts):,}",
        skipped=f"{skipped:,}",
    )


def left_as_they_are(counts: Mapping[ImportAction, int]) -> int:
    """How many of a plan's events and meetings an import leaves as they are: those the
    program holds already, and those it holds newer (a lower SEQUENCE); what ``import``
    and the window's plan both count as "left as they are"."""
    return counts[ImportAction.UNCHANGED] + counts[ImportAction.KEEP]


def rfc_readings(event: ParsedEvent) -> list[str]:
    """'Sun 14 Mar 2027 02:30 does not exist in America/New_York: read as 03:30 EDT', one
    line per wall-clock time of the event that a change of clocks skips or repeats, after
    the other readings of RFC 5545 the importer noted (a change of this and all later
    sessions, a series kept in UTC)."""
    found = list(event.notes)
    for local, instant in event.read_by_rfc:
        note = reading_note(local, instant, event.zone)
        if note:  # only skipped or repeated times are listed
            found.append(note)
    return found


class PlanRowKind(StrEnum):
    """What a row of an import's plan tells, which a table names in its first column:
    what happens to an event or a meeting (as :class:`ImportAction`), an entry skipped,
    a reading of RFC 5545, or something left out of an event."""

    CREATE = ImportAction.CREATE.value
    UPDATE = ImportAction.UPDATE.value
    UNCHANGED = ImportAction.UNCHANGED.value
    KEEP = ImportAction.KEEP.value
    SKIP = "skip"
    READING = "reading"
    LEFT_OUT = "left out"


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One row of an import's plan as a table shows it: what, which event, and the rest
    (its time, the change to a meeting, the reading or the note)."""

    kind: PlanRowKind
    title: str
    text: str
    """For a skipped entry, the reason it is skipped (the window says on which line)."""
    line: int | None = None
    """For a skipped entry, the line of the file it starts on."""


def plan_rows(report: ImportReport) -> tuple[PlanRow, ...]:
    """The plan of ``report`` row by row, in the order ``import --dry-run`` says it: each
    event with the meetings of it the update moves or cancels (as
    :attr:`PlannedChange.sessions`), the time, title, place and description it changes
    (:attr:`PlannedChange.texts`) and whom it links or takes off
    (:attr:`PlannedChange.people`), what was read as RFC 5545 says and what is left out
    of it under it, the
    meetings of series the program holds that the file moves or cancels on their own (each
    with its readings), then the entries skipped.

    Worked out where the plan is read (the window's worker), not where it is shown: a
    file of a hundred thousand events has as many times to word, which would hold the
    window for seconds; a table then only looks up the rows it draws."""
    rows: list[PlanRow] = []
    for change in report.changes:
        title = change.event.title
        kind = PlanRowKind(change.action.value)
        rows.append(PlanRow(kind, title, change.detail()))
        rows += [PlanRow(kind, title, session) for session in change.sessions]
        rows += [PlanRow(kind, title, text) for text in (*change.texts, *change.people)]
        rows += [PlanRow(PlanRowKind.READING, title, text) for text in rfc_readings(change.event)]
        rows += [PlanRow(PlanRowKind.LEFT_OUT, title, note) for note in change.notes]
    for session in report.occurrences:
        title = session.occurrence.title
        rows.append(PlanRow(PlanRowKind(session.action.value), title, session.detail()))
        rows += [PlanRow(PlanRowKind.READING, title, text) for text in session.readings()]
    rows += [
        PlanRow(PlanRowKind.SKIP, entry.title, entry.reason, entry.line) for entry in report.skipped
    ]
    return tuple(rows)


@dataclass(frozen=True)
class ImportPreview:
    """A calendar file read and planned against the program, nothing changed: what the
    window's import dialog shows (``rows`` and the counts) and imports when asked
    (``parsed``). The plan's own records (:class:`ImportReport`, one per event) are not
    kept: let go where the plan was made, not by the window's thread as it shows it."""

    parsed: ParsedCalendar
    rows: tuple[PlanRow, ...]
    kinds: frozenset[PlanRowKind]
    """Those of the rows, which a table's first column is as wide as."""
    counts: Mapping[ImportAction, int]
    """How many of the plan's events and meetings each action takes (as
    :meth:`ImportReport.count`)."""
    skipped: int
    """How many of the file's entries are skipped."""
    versions: Mapping[str, int] = field(default_factory=dict)
    """The version of each event of the program the file names, as the plan read it: an
    import asked for from this preview refuses an event changed since (see
    :func:`import_undoably`), whose change the plan shown does not know of."""


def preview_import(
    database: Database,
    path: Path,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportPreview:
    """Read ``path``, plan it as a dry run and word the plan's rows (:func:`plan_rows`),
    all in the caller's thread, for a window to run off its own; ``progress`` is told how
    many of the file's events are read."""
    parsed = read_file(path, skip_invalid=skip_invalid, progress=progress)
    report = apply_calendar(database, parsed, dry_run=True)
    rows = plan_rows(report)
    return ImportPreview(
        parsed,
        rows,
        frozenset(row.kind for row in rows),
        {action: report.count(action) for action in ImportAction},
        len(report.skipped),
        report.versions,
    )


def _compared(sequence: int, held: int, differs: bool) -> ImportAction:
    """What a part of a file (a series, its moved meetings, or one meeting sent on its
    own) is to the program's copy of its event, held at SEQUENCE ``held``: a higher
    SEQUENCE is newer; a part that says nothing else than the program's copy of what a
    SEQUENCE covers (``differs`` false: its times, zone, rule, status, moved or
    cancelled meetings) is already here; one that does is taken at an equal SEQUENCE and
    kept out at a lower one.

    RFC 5546 (section 2.1.5) numbers each part on its own, the series and each moved
    meeting (UID and RECURRENCE-ID), and Google and Outlook do so: the 8 March meeting
    moved at SEQUENCE 1 and then the 15 March one at SEQUENCE 1 too, or the series moved
    at SEQUENCE 1 after a meeting of it was. The program keeps one SEQUENCE per event,
    at least the highest any part brought (one more when a part taken at an equal number
    changes it, see :func:`apply_calendar`), so an equal number can come from another
    part; what the part says tells whether the program holds it already. (Keeping the
    number each part brought would decide by number alone; the database does not keep
    it yet.)

    A title, place or description, which raise no SEQUENCE, do not count here: between
    copies of one SEQUENCE the later DTSTAMP tells which holds the newer ones
    (:func:`_later_copy`)."""
    if sequence > held:
        return ImportAction.UPDATE
    if not differs:
        return ImportAction.UNCHANGED
    return ImportAction.UPDATE if sequence == held else ImportAction.KEEP


def _later_copy(incoming: ParsedEvent, event: Event) -> bool:
    """Whether the file's event is a later copy of the program's at the same SEQUENCE.

    RFC 5546 section 2.1.5: of two copies of one SEQUENCE, the one with the later DTSTAMP
    is the newer version, of changes that raise no SEQUENCE (its title, place and
    description). The program's copy is as of its last change (``updated_at``): a copy
    written after it (a colleague's renamed event) is newer, one written before it (the
    file imported again, or sent before the coordinator renamed the event here) is
    already here. The program's own export, imported again, is later, and says what the
    program holds: it changes nothing."""
    return (
        incoming.sequence == (event.sequence or 0)
        and incoming.stamp is not None
        and incoming.stamp > event.updated_at
    )


def _texts_changed(
    incoming: ParsedEvent, event: Event, venues: Mapping[str, Venue]
) -> tuple[str, ...]:
    """The title, place and description the file's ``incoming`` gives its event other
    than the program's copy holds, one line each for the import preview. A place is a
    venue the program knows by the file's LOCATION (:func:`_venue_of`), as the import
    takes it; a description the file leaves out is not taken as removed."""
    found: list[str] = []
    title = incoming.title  # no longer than a title may be: the reader skips a longer one
    if title != event.title:
        found.append(
            _("the title changes from {old} to {new}").format(
                old=quoted(event.title), new=quoted(title)
            )
        )
    venue = _venue_of(incoming, venues)
    if venue is not None and venue.id != event.venue_id:
        was = event.venue
        held = i18n.shown_name(was.name, was.name_ja) if was else event_location(event)
        new = quoted(i18n.shown_name(venue.name, venue.name_ja))
        found.append(
            _("the place changes from {old} to {new}").format(old=quoted(held), new=new)
            if held
            else _("the place becomes {new}").format(new=new)
        )
    if incoming.description and incoming.description != (event.description or ""):
        found.append(_("the description changes"))
    return tuple(found)


def _meeting_differs(change: ParsedChange, event: Event) -> bool:
    """Whether the program holds that meeting otherwise than ``change`` says: not moved
    or cancelled at all, or moved elsewhere, or cancelled where the file moves it."""
    held = next((row for row in event.changes if row.recurrence_id == change.recurrence_id), None)
    if held is None:
        return True
    if change.cancelled or held.cancelled:
        return change.cancelled != held.cancelled
    return (held.start_utc, held.end_utc) != (change.start, change.end)


def _series_differs(incoming: ParsedEvent, event: Event) -> bool:
    """Whether the file's series says something else than the program's copy of what a
    SEQUENCE covers: its status, whether it is all day, and the instants of its meetings.

    Not how the file writes them: a partner's calendar sends the program's event back in
    the zone it displays it in (Europe/Budapest for the 09:00 Tokyo plenary at 01:00),
    and a rule in its own words (Google's ``WKST=SU``, Outlook's ``BYDAY=WE;BYSETPOS=3``
    for ``BYDAY=3WE``). The same instants are the same event (RFC 5545 section 3.8.5.3
    gives a series as its set of start instants). An all-day event is its dates, the
    same in every zone (DATE values): a copy from a calendar shown on Lima's clock
    holds the same days at other instants, and is the same event."""
    if (incoming.all_day, incoming.status) != (bool(event.all_day), event.status):
        return True
    if incoming.all_day:
        return timezones.all_day_dates(
            incoming.start_utc, incoming.end_utc, incoming.zone
        ) != timezones.all_day_dates(event.start_utc, event.end_utc, event.zone)
    if (incoming.start_utc, incoming.end_utc) != (event.start_utc, event.end_utc):
        return True
    if not incoming.recurrence_rule or not event.recurrence_rule:
        return bool(incoming.recurrence_rule) != bool(event.recurrence_rule)
    try:
        return recurrence.meeting_ids(
            incoming.start_utc, incoming.zone, incoming.recurrence_rule
        ) != recurrence.meeting_ids(event.start_utc, event.zone, event.recurrence_rule)
    except (recurrence.RecurrenceError, ValueError, LookupError, OverflowError):
        return (incoming.zone, incoming.recurrence_rule) != (event.zone, event.recurrence_rule)


def _planned_update(
    incoming: ParsedEvent,
    event: Event,
    notes: tuple[str, ...],
    venues: Mapping[str, Venue],
    people: Mapping[str, Participant],
) -> tuple[PlannedChange, tuple[Skipped, ...]]:
    """A file's event the program holds, against the program's copy, part by part (see
    :func:`_compared`): the series by its own SEQUENCE, its moved and cancelled meetings
    by theirs (the highest of them: the reader gives one number per event's meetings; a
    meeting the file does not give may have been moved by a part sent on its own since,
    so it tells nothing). The event is updated when a part is taken, kept when a part is
    older than the program's and none is taken, else it is already here.

    When the series' own part is not taken, its meetings are the program's, not the
    file's: a moved or cancelled meeting of the file that names none of them (the
    program's series was moved since) is listed as skipped, as a meeting sent on its own
    is (:func:`_stray_changes`), and the rest are compared.

    At the SEQUENCE the program holds, the file's title, place and description are taken
    from a later copy alone (:func:`_later_copy`), and listed; an earlier one leaves the
    program's, even where its times are taken."""
    held = event.sequence or 0
    series = _compared(incoming.sequence, held, _series_differs(incoming, event))
    strays: tuple[Skipped, ...] = ()
    if series is not ImportAction.UPDATE and incoming.recurrence_rule and incoming.changes:
        incoming, strays = _stray_changes(incoming, event)
    parts = {series: incoming.sequence}
    meetings = MeetingsTaken.NONE
    if series is ImportAction.UPDATE and (incoming.sequence > held or not incoming.recurrence_rule):
        meetings = MeetingsTaken.ALL  # a newer whole, or no longer a series
    elif incoming.recurrence_rule and incoming.changes:
        number = max(incoming.instance_versions, default=incoming.sequence)
        given = _compared(
            number, held, any(_meeting_differs(change, event) for change in incoming.changes)
        )
        parts.setdefault(given, number)
        if given is ImportAction.UPDATE:
            meetings = MeetingsTaken.GIVEN
    takes_series = series is ImportAction.UPDATE
    takes_texts = incoming.sequence > held
    texts: tuple[str, ...] = ()
    if takes_texts:
        texts = _texts_changed(incoming, event, venues)
    elif _later_copy(incoming, event):
        texts = _texts_changed(incoming, event, venues)
        takes_texts = bool(texts)
    if takes_series:
        texts = (*_time_changed(incoming, event), *texts)
    if ImportAction.UPDATE in parts or takes_texts:
        action = ImportAction.UPDATE
    elif ImportAction.KEEP in parts:
        action = ImportAction.KEEP
    else:
        action = ImportAction.UNCHANGED
    planned = PlannedChange(
        action,
        incoming,
        held,
        notes if takes_series else (),
        takes_series=takes_series,
        meetings=meetings,
        older=parts[ImportAction.KEEP] if action is ImportAction.KEEP else None,
        cancels=takes_series
        and incoming.status is EventStatus.CANCELLED
        and event.status is not EventStatus.CANCELLED,
        sessions=(
            sessions_changed(event, incoming, takes_series=takes_series, meetings=meetings)
            if action is ImportAction.UPDATE
            else ()
        ),
        takes_texts=takes_texts,
        texts=texts,
        people=_participants_changed(incoming, event, people) if takes_series else (),
    )
    return planned, strays


def _time_changed(incoming: ParsedEvent, event: Event) -> tuple[str, ...]:
    """The line saying a one-off event's time changes, from the program's to the file's,
    each in its own zone (a series' changed meetings are listed one by one instead)."""
    if incoming.recurrence_rule or event.recurrence_rule:
        return ()
    if incoming.all_day and event.all_day:
        if timezones.all_day_dates(
            incoming.start_utc, incoming.end_utc, incoming.zone
        ) == timezones.all_day_dates(event.start_utc, event.end_utc, event.zone):
            return ()
    elif (incoming.start_utc, incoming.end_utc) == (event.start_utc, event.end_utc):
        return ()
    return (
        _("the time changes from {old} to {new}").format(
            old=_span_text(event.start_utc, event.end_utc, event.zone, bool(event.all_day)),
            new=_span_text(incoming.start_utc, incoming.end_utc, incoming.zone, incoming.all_day),
        ),
    )


def _span_text(start: datetime, end: datetime, zone: str, all_day: bool) -> str:
    """``Mon 05 Apr 2027 13:15-14:30 Asia/Tokyo`` (the end's day too when it is another),
    or an all-day event's dates."""
    if all_day:
        first, last = timezones.all_day_dates(start, end, zone)
        if first == last:
            return _("all day {day}").format(day=i18n.day_text(first))
        return _("all day {first} to {last}").format(
            first=i18n.day_text(first), last=i18n.day_text(last)
        )
    begins, ends = timezones.to_local(start, zone), timezones.to_local(end, zone)
    until = f"{ends:%H:%M}" if ends.date() == begins.date() else _day_time(ends)
    return f"{_day_time(begins)}-{until} {zone}"


def _participants_changed(
    incoming: ParsedEvent, event: Event, people: Mapping[str, Participant]
) -> tuple[str, ...]:
    """What a newer version of the file does to the event's participants, one line each,
    as :func:`_fill` does it: the file's attendees the program knows are linked, those
    who declined taken off, and those it no longer lists kept (the program's own
    participants, whom a partner's calendar may not know)."""
    linked = {person.email.casefold(): person for person in event.participants}
    declined = {email.casefold() for email in incoming.declined}
    listed = {attendee.email.casefold() for attendee in incoming.attendees}
    lines = [
        _("links {name} as a participant").format(name=quoted(person.name))
        for key, person in people.items()
        if key in listed and key not in linked
    ]
    lines += [
        _("takes off {name}, who declined").format(name=quoted(person.name))
        for key, person in linked.items()
        if key in declined
    ]
    kept = [person.name for key, person in linked.items() if key not in listed | declined]
    if kept:
        names = ", ".join(quoted(name) for name in sorted(kept, key=i18n.name_order))
        lines.append(_("keeps {names}, whom this version does not list").format(names=names))
    return tuple(lines)


_MOST_SESSIONS_LISTED = 5
"""The meetings of a series an update lists as moved, cancelled or added, before it
says how many more: a preview line per meeting of a year's daily series would bury the
other events."""


def sessions_changed(
    event: Event,
    incoming: ParsedEvent,
    *,
    takes_series: bool = True,
    meetings: MeetingsTaken = MeetingsTaken.ALL,
) -> tuple[str, ...]:
    """The meetings of the program's series ``event`` that an update from the file's
    ``incoming`` moves, cancels or adds (its series' own part taken or not, its moved
    and cancelled meetings taken as ``meetings`` says), one line each (``the session of
    Mon 08 Mar 2027 14:00 UTC: move to Mon 08 Mar 2027 16:00 UTC``), at most
    :data:`_MOST_SESSIONS_LISTED` and then how many more: what the CLI's dry run and the
    import dialog both list under the update.

    Meetings are matched by the start the series gives them (their RECURRENCE-ID); when
    the series itself moves, so that none of them keeps its id, the rest are matched in
    order of time. A cancelled series cancels every meeting, which the event's line says
    already."""
    if not event.recurrence_rule or not incoming.recurrence_rule:
        return ()
    if incoming.status is EventStatus.CANCELLED:
        return ()
    series: ParsedEvent | Event = incoming if takes_series else event
    ours = {
        row.recurrence_id: recurrence.OccurrenceChange(
            row.recurrence_id, bool(row.cancelled), row.start_utc, row.end_utc
        )
        for row in event.changes
    }
    theirs = {
        change.recurrence_id: recurrence.OccurrenceChange(
            change.recurrence_id, change.cancelled, change.start, change.end
        )
        for change in incoming.changes
    }
    changes = {
        MeetingsTaken.NONE: ours,
        MeetingsTaken.GIVEN: ours | theirs,
        MeetingsTaken.ALL: theirs,
    }[meetings]
    try:
        held = event.occurrences()
        given = recurrence.expand(
            series.start_utc, series.end_utc, series.zone, series.recurrence_rule, changes.values()
        )
    except (recurrence.RecurrenceError, ValueError, LookupError, OverflowError):
        return ()
    same = {(o.start, o.end) for o in held} & {(o.start, o.end) for o in given}
    gone = [o for o in held if (o.start, o.end) not in same]
    new = [o for o in given if (o.start, o.end) not in same]
    new_by_id = {o.recurrence_id: o for o in new}
    moves: list[tuple[recurrence.Occurrence, recurrence.Occurrence]] = []
    for meeting in list(gone):
        target = new_by_id.pop(meeting.recurrence_id, None)
        if target is not None:
            moves.append((meeting, target))
            gone.remove(meeting)
    added = [o for o in new if o.recurrence_id in new_by_id]
    paired = min(len(gone), len(added))
    moves += list(zip(gone[:paired], added[:paired], strict=True))
    gone, added = gone[paired:], added[paired:]
    found = sorted(
        [(old.start, _session_moved(old, new_meeting)) for old, new_meeting in moves]
        + [(old.start, _session_cancelled(old.start)) for old in gone]
        + [(new_meeting.start, _session_added(new_meeting.start)) for new_meeting in added]
    )
    lines = [text for _start, text in found[:_MOST_SESSIONS_LISTED]]
    more = len(found) - _MOST_SESSIONS_LISTED
    if more > 0:
        lines.append(
            i18n.ngettext("and {count} more session", "and {count} more sessions", more).format(
                count=more
            )
        )
    return tuple(lines)


def _session_moved(was: recurrence.Occurrence, now: recurrence.Occurrence) -> str:
    """A meeting moved, or held longer or shorter: its new start, its new end where its
    length changes (alone where it starts as before)."""
    when = _day_time(was.start)
    if now.start == was.start:
        return _("the session of {when} UTC: ends at {new} UTC instead of {old} UTC").format(
            when=when, new=_day_time(now.end), old=_day_time(was.end)
        )
    if now.end - now.start != was.end - was.start:
        return _("the session of {when} UTC: move to {new} UTC, ending {end} UTC").format(
            when=when, new=_day_time(now.start), end=_day_time(now.end)
        )
    return _("the session of {when} UTC: move to {new} UTC").format(
        when=when, new=_day_time(now.start)
    )


def _session_cancelled(was: datetime) -> str:
    return _("the session of {when} UTC: cancel").format(when=_day_time(was))


def _session_added(start: datetime) -> str:
    return _("a new session on {when} UTC").format(when=_day_time(start))


def _stray_changes(incoming: ParsedEvent, event: Event) -> tuple[ParsedEvent, tuple[Skipped, ...]]:
    """``incoming`` with only the moved and cancelled meetings that name a meeting of
    the program's own series (its rule, from its own start and zone), and a skipped
    entry for each of the others: written against a series the program no longer
    holds, such a change would be stored applied nowhere and said as an update."""
    try:
        known = recurrence.meeting_ids(event.start_utc, event.zone, event.recurrence_rule)
    except (recurrence.RecurrenceError, ValueError, LookupError, OverflowError):
        known = frozenset()
    kept = tuple(change for change in incoming.changes if change.recurrence_id in known)
    if len(kept) == len(incoming.changes):
        return incoming, ()
    skipped = tuple(
        Skipped(
            incoming.uid,
            incoming.title,
            incoming.line,
            _("the series has no session at the RECURRENCE-ID given"),
        )
        for change in incoming.changes
        if change.recurrence_id not in known
    )
    # The reader numbers the meetings' components, not each change: with none left, no
    # meeting's number is the file's any more.
    versions = incoming.instance_versions if kept else ()
    return replace(incoming, changes=kept, instance_versions=versions), skipped


def _organiser_notes(incoming: ParsedEvent) -> tuple[str, ...]:
    """Why the file's organiser is not taken, when the program cannot record them as a
    participant (Exchange's internal ``/O=EXCHANGELABS/...`` address, an empty
    ``mailto:``): by the participant's own rules, the very ones the import's save would
    apply. The meeting matters more than its organiser: it is imported without one."""
    organiser = incoming.organizer
    if organiser is None:
        return incoming.attendees_left_out
    problems = _as_participant(organiser).problems()
    if not problems:
        return incoming.attendees_left_out
    # The address is what is wrong; a name made from an empty address is empty too.
    reasons = [problem for problem in problems if problem.field == "email"] or problems
    return (
        _("line {line}: the organiser is left out: {reason}").format(
            line=incoming.line, reason=" ".join(problem.message for problem in reasons)
        ),
        *incoming.attendees_left_out,
    )


def _as_participant(address: Attendee) -> Participant:
    """The participant the import adds for an organiser the program does not know."""
    name = address.name or address.email.split("@", 1)[0]
    return Participant(name=name, email=address.email)


_NOTHING_TO_CANCEL = N_(
    "a cancellation (METHOD:CANCEL) of an event the program does not hold: nothing to cancel"
)
"""RFC 5546 section 3.2.5: a CANCEL removes an event from the calendars that hold it;
one that holds none has nothing to remove, and keeps no cancelled copy of it."""


def _plan(
    parsed: ParsedCalendar,
    held: dict[str, Event],
    venues: Mapping[str, Venue] | None = None,
    people: Mapping[str, Participant] | None = None,
) -> tuple[tuple[PlannedChange, ...], tuple[Skipped, ...]]:
    """Each event of the file against the program's copy, part by part
    (:func:`_planned_update`): a meeting moved with a higher SEQUENCE than the series'
    own (RFC 5545 3.8.7.4 versions each instance on its own) updates the series. With
    them, the file's moved meetings that name no meeting of the program's series."""
    planned: list[PlannedChange] = []
    skipped: list[Skipped] = []
    for incoming in parsed.events:
        existing = held.get(incoming.uid)
        notes = _organiser_notes(incoming)
        if existing is None and parsed.method == "CANCEL":
            skipped.append(
                Skipped(incoming.uid, incoming.title, incoming.line, _(_NOTHING_TO_CANCEL))
            )
        elif existing is None and _no_meeting_left(incoming):
            skipped.append(
                Skipped(incoming.uid, incoming.title, incoming.line, _(_EVERY_SESSION_EXCLUDED))
            )
        elif existing is None:
            planned.append(PlannedChange(ImportAction.CREATE, incoming, notes=notes))
        else:
            change, strays = _planned_update(incoming, existing, notes, venues or {}, people or {})
            planned.append(change)
            skipped.extend(strays)
    return tuple(planned), tuple(skipped)


def _plan_occurrences(
    parsed: ParsedCalendar, held: dict[str, Event]
) -> tuple[tuple[PlannedOccurrence, ...], tuple[Skipped, ...]]:
    planned: list[PlannedOccurrence] = []
    skipped: list[Skipped] = []
    for incoming in parsed.occurrences:
        event = held.get(incoming.uid)
        if event is None or not event.recurrence_rule:
            skipped.append(
                Skipped(
                    incoming.uid,
                    incoming.title,
                    incoming.line,
                    _("a changed session of a series the program does not hold"),
                )
            )
            continue
        known = {occurrence.recurrence_id for occurrence in event.occurrences()}
        known |= {change.recurrence_id for change in event.changes}
        if incoming.change.recurrence_id not in known:
            skipped.append(
                Skipped(
                    incoming.uid,
                    incoming.title,
                    incoming.line,
                    _("the series has no session at the RECURRENCE-ID given"),
                )
            )
            continue
        sequence = event.sequence or 0
        action = _compared(incoming.sequence, sequence, _meeting_differs(incoming.change, event))
        planned.append(PlannedOccurrence(action, incoming, sequence))
    return tuple(planned), tuple(skipped)


def _held_events(session: Session, uids: Sequence[str]) -> dict[str, Event]:
    found: dict[str, Event] = {}
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        for event in session.scalars(
            select(Event).where(Event.uid.in_(chunk)).options(*event_loading())
        ):
            found[event.uid] = event
    return found


def import_calendar(
    database: Database,
    path: Path,
    *,
    dry_run: bool = False,
    default_zone: str = timezones.TOKYO,
    skip_invalid: bool = False,
    read_progress: Progress | None = None,
    write_progress: Progress | None = None,
) -> ImportReport:
    """Import ``path``: all of it in one transaction, or nothing. An event that breaks
    a rule refuses the file unless ``skip_invalid`` (then it is listed as skipped).
    ``read_progress`` is told how many of the file's events are read, ``write_progress``
    how many of the new events are written."""
    parsed = read_file(
        path, default_zone=default_zone, skip_invalid=skip_invalid, progress=read_progress
    )
    return apply_calendar(database, parsed, dry_run=dry_run, progress=write_progress)


def preview_into_new_database(parsed: ParsedCalendar) -> ImportReport:
    """The dry run of an import into a database that does not exist yet: every event
    would be created; no database is opened, so none is created."""
    planned, strays = _plan(parsed, {})
    sessions, skipped = _plan_occurrences(parsed, {})
    return ImportReport(
        parsed.source,
        planned,
        parsed.skipped + strays + skipped,
        applied=False,
        occurrences=sessions,
    )


def read_file(
    path: Path,
    *,
    default_zone: str = timezones.TOKYO,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ParsedCalendar:
    """The calendar file at ``path`` read and :func:`checked`: what the CLI's import and
    dry run and the window's import dialog plan and import alike."""
    # The bytes are handed on, not kept here: the reader lets them go once decoded.
    parsed = read_calendar(
        read_calendar_bytes(path),
        str(path),
        default_zone,
        skip_invalid=skip_invalid,
        progress=progress,
    )
    return checked(parsed, skip_invalid=skip_invalid)


def checked(parsed: ParsedCalendar, *, skip_invalid: bool = False) -> ParsedCalendar:
    """``parsed`` without the events that break a rule of the program the reading does
    not check, so that a dry run refuses or skips what the import would: a series with no
    meeting at all (its UNTIL before its start, COUNT=0), by the series' own rule
    (:func:`cpp_scheduler.model.recurrence.problem_starts`, which the event's save
    applies). Such an event refuses the file, naming it, as the reader refuses an event
    that ends before it starts; with ``skip_invalid`` it is listed as skipped instead."""
    refused = [
        Skipped(event.uid, event.title, event.line, reason, invalid=True)
        for event in parsed.events
        for reason in [_series_problem(event)]
        if reason is not None
    ]
    if not refused:
        return parsed
    if not skip_invalid:
        first = refused[0]
        raise CalendarFileError(
            parsed.source,
            _(
                "the event {title} (UID {uid}) is not valid: {reason}; nothing was imported "
                "(ask to skip invalid events to import the others)"
            ).format(title=quoted(first.title), uid=quoted(first.uid), reason=first.reason),
            line=first.line,
            component="VEVENT",
        )
    lines = {entry.line for entry in refused}
    return replace(
        parsed,
        events=tuple(event for event in parsed.events if event.line not in lines),
        skipped=tuple(sorted((*parsed.skipped, *refused), key=lambda entry: entry.line)),
    )


def _series_problem(event: ParsedEvent) -> str | None:
    """Why the series ``event`` gives cannot be saved (it has no meeting), or None."""
    if not event.recurrence_rule:
        return None
    try:
        recurrence.problem_starts(event.recurrence_rule, event.start_utc, event.zone)
    except recurrence.RecurrenceError as error:
        return str(error)
    return None


_EVERY_SESSION_EXCLUDED = N_(
    "every session of the series is excluded (EXDATE) or cancelled: there is no meeting to create"
)


def _no_meeting_left(event: ParsedEvent) -> bool:
    """Whether the file's series excludes or cancels every meeting its rule gives.

    Created, it would be an event no calendar, list or export shows; it is skipped, not
    refused (the program itself may hold a series all of whose meetings were cancelled,
    and send it: the file's other events are still meant). A series the program holds
    takes such a file as an update: each of its meetings is cancelled, as the preview
    lists."""
    if not event.recurrence_rule:
        return False
    try:
        meetings = recurrence.expand(
            event.start_utc,
            event.end_utc,
            event.zone,
            event.recurrence_rule,
            [
                recurrence.OccurrenceChange(
                    change.recurrence_id, change.cancelled, change.start, change.end
                )
                for change in event.changes
            ],
        )
    except (recurrence.RecurrenceError, ValueError, LookupError, OverflowError):
        return False
    return not meetings


@collector_held()
def apply_calendar(
    database: Database,
    parsed: ParsedCalendar,
    *,
    dry_run: bool = False,
    expected_versions: dict[str, int] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Write ``parsed`` in one transaction (or only plan it, with ``dry_run``).

    With ``expected_versions`` (event id to the version read before), an event the import
    would update is refused with :class:`ConcurrentEditError` when it is not at the
    version read, or was not read at all: the undo state taken then would put back a
    program older than what the import replaced. ``progress`` is told how many of the
    new events are written.

    Events the program holds are updated through the session; new ones are checked by
    their entity's rules and written in bulk (:mod:`cpp_scheduler.programfile.bulk`),
    with the history entry a save would leave, once the session's changes are flushed.
    """
    uids = [event.uid for event in parsed.events]
    uids += [occurrence.uid for occurrence in parsed.occurrences]
    if dry_run:
        with database.reading() as session:
            held = _held_events(session, uids)
            venues = _venues_by_name(session) if held else {}
            people = _people_by_email(session, parsed.events) if held else {}
            planned, strays = _plan(parsed, held, venues, people)
            sessions, skipped = _plan_occurrences(parsed, held)
            read = {event.id: event.version for event in held.values()}
        return ImportReport(
            parsed.source,
            planned,
            parsed.skipped + strays + skipped,
            applied=False,
            occurrences=sessions,
            versions=read,
        )
    with database.transaction() as session:
        group_changes(session, lambda: _("calendar file {name}").format(name=parsed.source))
        held = _held_events(session, uids)
        lookups = _Lookups(session, parsed.events)
        planned, strays = _plan(parsed, held, lookups.venues, lookups.people)
        sessions, skipped = _plan_occurrences(parsed, held)
        skipped = strays + skipped
        if expected_versions is not None:
            _check_versions(planned, sessions, held, expected_versions)
        written: list[tuple[Event, ParsedEvent]] = []
        created: list[ParsedEvent] = []
        for change in planned:
            if change.action is ImportAction.CREATE:
                created.append(change.event)
            elif change.action is ImportAction.UPDATE:
                event = held[change.event.uid]
                before = event.series_times()
                if change.takes_series:
                    _fill(
                        event,
                        change.event,
                        lookups,
                        new=False,
                        given_only=change.event.sequence <= (change.sequence_held or 0),
                        texts=change.takes_texts,
                    )
                elif change.takes_texts:
                    _take_texts(event, change.event, lookups.venues, given_only=True)
                if change.meetings is not MeetingsTaken.NONE:
                    _apply_changes(
                        event, change.event, keep_others=change.meetings is MeetingsTaken.GIVEN
                    )
                if change.takes_series and event.series_times() != before:
                    _drop_changes_of_other_meetings(event)
                written.append((event, change.event))
        sequences = {event.uid: incoming.newest for event, incoming in written}
        for planned_session in sessions:
            if planned_session.action is not ImportAction.UPDATE:
                continue
            occurrence = planned_session.occurrence
            event = held[occurrence.uid]
            _apply_occurrence(event, occurrence.change)
            sequences[event.uid] = max(sequences.get(event.uid, 0), occurrence.sequence)
        _flush(session, parsed.source, written)
        for event in held.values():
            if event.uid in sequences:
                # The flush raised SEQUENCE for a changed time, place, status or meeting.
                # A newer file's number is taken; a part taken at an equal number keeps
                # the raise: the program's copy is not what either side numbered so
                # far, and a file or invitation written from it must tell clients so.
                event.sequence = max(event.sequence or 0, sequences[event.uid])
        _flush(session, parsed.source, written)
        versions = _write_created(session, parsed.source, created, lookups, progress)
        versions |= {event.id: event.version for event, _incoming in written}
        versions |= {event.id: event.version for event in held.values()}
    return ImportReport(
        parsed.source,
        planned,
        parsed.skipped + skipped,
        applied=True,
        occurrences=sessions,
        versions=versions,
    )


def _check_versions(
    planned: Sequence[PlannedChange],
    sessions: Sequence[PlannedOccurrence],
    held: dict[str, Event],
    expected: dict[str, int],
) -> None:
    updated = {change.event.uid for change in planned if change.action is ImportAction.UPDATE}
    updated |= {
        planned_session.occurrence.uid
        for planned_session in sessions
        if planned_session.action is ImportAction.UPDATE
    }
    for uid in sorted(updated):
        event = held[uid]
        if event.id not in expected:
            raise editing.StaleRecordError(
                _(
                    "{record} was saved by somebody else during the import; "
                    "nothing was imported; import the file again"
                ).format(record=event.label()),
                event.label(),
            )
        editing.check_version(event, expected[event.id])


def _check_left_as(session: Session, versions: dict[str, int], event_ids: Sequence[str]) -> None:
    """Refuse to take back or make again an import over a colleague's later change."""
    held: dict[str, tuple[int, str]] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        for event_id, version, title in session.execute(
            select(Event.id, Event.version, Event.title).where(Event.id.in_(chunk))
        ):
            held[event_id] = (version, title)
    for event_id in event_ids:
        if event_id not in held:
            raise editing.StaleRecordError(
                _("an event of the import was deleted by somebody else since; nothing was changed"),
                event_id,
            )
        version, title = held[event_id]
        if version != versions.get(event_id, version):
            raise _changed_since(event_id, title, version, versions[event_id])


def _changed_since(event_id: str, title: str, version: int, left: int) -> editing.StaleRecordError:
    """The refusal of an undo or redo over a colleague's change of an event since."""
    return editing.StaleRecordError(
        _(
            "event {title} was changed by somebody else since the import "
            "(version {version}, the import left {left}); nothing was "
            "changed; reload and make the change by hand"
        ).format(title=quoted(title), version=version, left=left),
        event_id,
    )


@dataclass
class ImportUndo:
    """What takes an import back, and makes it again exactly (the window's undo step)."""

    before: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The updated events as they were before the import, by id."""
    after: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Every record the import wrote, as the import left it, by id (taken at undo)."""
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    """Participants the import added (unknown organisers)."""
    people_versions: dict[str, int] = field(default_factory=dict)
    """The version the import left each participant it added at: an undo is refused
    when a colleague changed one since, as for the events."""
    imported_versions: dict[str, int] = field(default_factory=dict)
    """The version each created or updated event was left at by the import (or a redo):
    an undo is refused when a colleague changed one since."""
    undone_versions: dict[str, int] = field(default_factory=dict)
    """The version each updated event was put back at by the undo: a redo is refused when
    a colleague changed one since."""
    touched: list[editing.Touched] = field(default_factory=list)
    """The records there before the import that the import, or its last undo or redo,
    changed (the events it updated, and any whose organiser it added was taken back or
    brought back), from which version to which: a window counts them as its own."""

    @property
    def events(self) -> list[str]:
        """The events the import created or updated: what the calendar shows anew."""
        return self.created + self.updated


def _event_ids(session: Session, uids: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        for uid, event_id in session.execute(
            select(Event.uid, Event.id).where(Event.uid.in_(chunk))
        ):
            found[uid] = event_id
    return found


def _snapshots(database: Database, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Deletion snapshots of the events, as they are now, read at one moment."""
    with database.reading() as session:
        return removal.snapshots_of(session, Event, event_ids)


def _snapshot_version(snapshot: dict[str, Any]) -> int:
    """The version of the event a deletion snapshot holds."""
    record_id = snapshot["record_id"]
    return _versions_in(snapshot, {record_id})[record_id]


def import_undoably(
    database: Database,
    parsed: ParsedCalendar,
    progress: Progress | None = None,
    previewed: Mapping[str, int] | None = None,
) -> tuple[ImportReport, ImportUndo]:
    """Import ``parsed`` (all or nothing), keeping what :func:`undo_import` needs;
    ``progress`` is told how many of the new events are written.

    ``previewed``: the versions the preview the coordinator read planned against
    (:attr:`ImportPreview.versions`). An event the import updates that a colleague
    changed since the preview, or that the preview did not plan to update (made since,
    with the file's UID), refuses the import: what it would overwrite is not what the
    coordinator saw."""
    uids = [event.uid for event in parsed.events]
    uids += [occurrence.uid for occurrence in parsed.occurrences]
    with database.session() as session:
        held = _event_ids(session, uids)
        people_before = set(session.scalars(select(Participant.id)))
    plan = apply_calendar(database, parsed, dry_run=True)
    # A series the file updates as a whole, or one meeting of which it moves or cancels
    # on its own: the undo puts either back as it was.
    updating = list(
        dict.fromkeys(
            [held[c.event.uid] for c in plan.changes if c.action is ImportAction.UPDATE]
            + [held[s.occurrence.uid] for s in plan.occurrences if s.action is ImportAction.UPDATE]
        )
    )
    undo = ImportUndo(before=_snapshots(database, updating), updated=updating)
    read = {event_id: _snapshot_version(snapshot) for event_id, snapshot in undo.before.items()}
    if previewed is not None:
        _check_previewed(database, read, previewed)
    report = apply_calendar(database, parsed, expected_versions=read, progress=progress)
    undo.imported_versions = dict(report.versions)
    undo.touched = _moved(updating, read, undo.imported_versions)
    with database.session() as session:
        ids = _event_ids(session, uids)
        people_after = set(session.scalars(select(Participant.id)))
    undo.created = [
        ids[change.event.uid] for change in report.changes if change.action is ImportAction.CREATE
    ]
    undo.people = sorted(people_after - people_before)
    with database.session() as session:
        for start in range(0, len(undo.people), 500):
            chunk = undo.people[start : start + 500]
            undo.people_versions.update(
                (person_id, int(version))
                for person_id, version in session.execute(
                    select(Participant.id, Participant.version).where(Participant.id.in_(chunk))
                )
            )
    return report, undo


def _check_previewed(
    database: Database, read: Mapping[str, int], previewed: Mapping[str, int]
) -> None:
    """Refuse the import when an event it updates is not at the version the preview
    read: changed by somebody since, or not in the program when the preview was made."""
    for event_id, version in read.items():
        if previewed.get(event_id) == version:
            continue
        with database.session() as session:
            event = session.get(Event, event_id)
            label = event.label() if event is not None else event_id
        raise editing.StaleRecordError(
            _(
                "{record} was changed by somebody else since the preview; nothing was "
                "imported; preview the file again"
            ).format(record=label),
            label,
            _("{record} was changed by somebody else in the meantime").format(record=label),
        )


def undo_import(
    database: Database, undo: ImportUndo, expected: Mapping[str, int] | None = None
) -> None:
    """Remove what the import created and put back what it updated, as it was; refused
    (:class:`ConcurrentEditError`, nothing changed) when a colleague changed one of
    those events since, or one of the people it added (their name, or an event of
    theirs that names them). ``expected``: the versions some of them (events or people,
    by id) must be at instead of the ones the import left (where the caller's own later
    changes, undone since, took them)."""
    touched: list[editing.Touched] = []
    found = {**undo.imported_versions, **undo.people_versions, **(expected or {})}
    with database.transaction() as session:
        # Held before they are checked: a colleague's save between the check and the
        # deletion would otherwise be taken with it unseen; after what their deletion
        # changes besides (a conference a colleague filed one under), as every deletion.
        removal.hold_for_deleting(session, Event, undo.created + undo.updated)
        _check_left_as(session, found, undo.created + undo.updated)
        created = removal.delete_held_records(session, Event, undo.created)
        for taken in created.values():
            removal.refuse_standing_invitations(session, Event, taken)
        undo.after.update(created)
        undone: dict[str, int] = {}
        updated = set(undo.updated)
        outermost = _outermost(undo.updated, undo.before)
        # A session updated without its conference leaves it and comes back: the
        # conference's new versions are this step's own (``touched``), as for a save.
        taken_back = removal.delete_held_records(session, Event, outermost, touched=touched)
        for event_id in outermost:
            taken = undo.after[event_id] = taken_back[event_id]
            _refuse_changed_along(taken, undo.before[event_id], updated)
            removal.refuse_standing_invitations(session, Event, taken, undo.before[event_id])
            # Each event it takes along (a session of an updated conference) comes back
            # with it, at a new version too: never an old number again.
            now = _versions_in(taken, updated)
            undone |= {held: version + 1 for held, version in now.items()}
        removal.restore_records(
            session,
            Event,
            [_at_versions(undo.before[i], undone) for i in outermost],
            touched=touched,
        )
        touched += _moved(undo.updated, found, undone)
        for person_id in undo.people:
            undo.after[person_id] = _take_back_person(session, person_id, found.get(person_id))
    undo.undone_versions = undone
    undo.touched = touched


def _take_back_person(session: Session, person_id: str, left: int | None) -> dict[str, Any]:
    """Delete a participant the import added (once its events are taken back); refused
    when somebody changed them since the import, or made them part of their own work
    (the organiser or a participant of another event), which would go with them."""
    person = editing.get_record(session, Participant, person_id)
    if left is not None and person.version != left:
        raise editing.StaleRecordError(
            _(
                "{record}, whom the import added, was changed by somebody else since "
                "(version {version}, the import left {left}); nothing was changed"
            ).format(record=person.label(), version=person.version, left=left),
            person.label(),
        )
    label = person.label()
    touched: list[editing.Touched] = []
    snapshot = removal.delete_record(session, Participant, person_id, touched=touched)
    removal.refuse_standing_invitations(session, Participant, snapshot)
    others = removal.taken_from_others(session, snapshot, touched)
    if others:
        raise editing.StaleRecordError(
            _("{other} names {record}, whom the import added, since; nothing was changed").format(
                other=others[0].label, record=label
            ),
            label,
        )
    return snapshot


def redo_import(
    database: Database, undo: ImportUndo, expected: Mapping[str, int] | None = None
) -> None:
    """Make an undone import again, exactly as it had left the records; refused
    (:class:`ConcurrentEditError`, nothing changed) when a colleague changed one of the
    events it updates since the undo. ``expected``: as for :func:`undo_import`, instead
    of the versions the undo left."""
    touched: list[editing.Touched] = []
    found = {**undo.undone_versions, **(expected or {})}
    with database.transaction() as session:
        removal.hold_for_deleting(session, Event, undo.updated)  # held before they are checked
        _check_left_as(session, found, undo.updated)
        for person_id in undo.people:
            removal.restore_record(session, Participant, undo.after[person_id], touched=touched)
        removal.restore_records(session, Event, [undo.after[i] for i in undo.created])
        redone = {event_id: found[event_id] + 1 for event_id in undo.updated}  # never old
        outermost = _outermost(undo.updated, undo.after)
        taken_back = removal.delete_held_records(session, Event, outermost, touched=touched)
        updated = set(undo.updated)
        for event_id in outermost:
            _refuse_changed_along(taken_back[event_id], undo.after[event_id], updated)
            removal.refuse_standing_invitations(
                session, Event, taken_back[event_id], undo.after[event_id]
            )
        removal.restore_records(
            session,
            Event,
            [_at_versions(undo.after[i], redone) for i in outermost],
            touched=touched,
        )
        touched += _moved(undo.updated, found, redone)
    undo.imported_versions |= redone
    undo.touched = touched


def _moved(
    event_ids: Sequence[str], found: Mapping[str, int], left: Mapping[str, int]
) -> list[editing.Touched]:
    """The events among ``event_ids`` a step took from one version to another."""
    return [
        editing.Touched(Event.__name__, event_id, found[event_id], left[event_id])
        for event_id in event_ids
        if event_id in found and event_id in left and found[event_id] != left[event_id]
    ]


def _outermost(event_ids: Sequence[str], snapshots: Mapping[str, dict[str, Any]]) -> list[str]:
    """The events among ``event_ids`` that no other of them takes along when it is
    deleted (by ``snapshots``, their deletion snapshots): an updated conference is put
    back with its sessions, updated or not, so a session it holds is not put back again
    on its own, which would take the conference's version up once more for each."""
    events = Event.__tablename__
    held = [event_id for event_id in event_ids if event_id in snapshots]
    inside = {
        row["id"]
        for event_id in held
        for table, row in snapshots[event_id]["rows"]
        if table == events and row["id"] != event_id
    }
    return [event_id for event_id in held if event_id not in inside]


def _refuse_changed_along(
    taken: Mapping[str, Any], kept: Mapping[str, Any], updated: Collection[str]
) -> None:
    """Refuse to put ``kept`` back over ``taken`` (deletion snapshots of one event) when
    an event it takes along that the import did not update (a session of an updated
    conference) is at another version than ``kept`` holds it at: a colleague changed it
    since, and putting the conference back would put that session back as it was."""
    events = Event.__tablename__
    held = {
        row["id"]: int(row["version"])
        for table, row in kept["rows"]
        if table == events and row["id"] not in updated
    }
    for table, row in taken["rows"]:
        if table != events or row["id"] in updated or row["id"] not in held:
            continue
        if int(row["version"]) != held[row["id"]]:
            raise _changed_since(
                str(row["id"]), str(row["title"]), int(row["version"]), held[row["id"]]
            )


def _versions_in(snapshot: Mapping[str, Any], event_ids: Collection[str]) -> dict[str, int]:
    """The versions a deletion snapshot holds of the events among ``event_ids``."""
    return {
        str(row["id"]): int(row["version"])
        for table, row in snapshot["rows"]
        if table == Event.__tablename__ and row["id"] in event_ids
    }


def _at_versions(snapshot: dict[str, Any], versions: Mapping[str, int]) -> dict[str, Any]:
    """A deletion snapshot whose events among ``versions`` come back at those versions.

    Taking an import back (or making it again) is a change like any other: each event
    gets a new version, never an old number again, so a colleague who read it at that
    number before cannot save over what is there now.
    """
    rows = [
        (table, {**row, "version": versions[row["id"]]})
        if table == Event.__tablename__ and row["id"] in versions
        else (table, row)
        for table, row in snapshot["rows"]
    ]
    return {**snapshot, "rows": rows}


def _flush(session: Session, source: str, written: Iterable[tuple[Event, ParsedEvent]]) -> None:
    try:
        session.flush()
    except ValidationError as error:
        where = next(
            (incoming.where for event, incoming in written if error.record == event.label()), None
        )
        raise CalendarFileError(source, f"{where + ': ' if where else ''}{error}") from error


class _Lookups:
    """The program's venues, cities, themes and people, by what a file calls them."""

    def __init__(self, session: Session, events: Sequence[ParsedEvent]) -> None:
        self.venues = _venues_by_name(session)
        self.cities = {city.name.casefold(): city for city in session.scalars(select(PartnerCity))}
        self.themes = {
            theme.name.casefold(): theme for theme in session.scalars(select(ThematicArea))
        }
        self.people = _people_by_email(session, events)
        self.session = session

    def organiser(self, address: Attendee) -> Participant | None:
        """The organiser as a participant; one the program does not know yet is added,
        as the event's contact (attendees who are not known are not added). None for
        one the program cannot record as a participant (see :func:`_organiser_notes`,
        which the plan lists)."""
        key = address.email.casefold()
        person = self.people.get(key)
        if person is None:
            person = _as_participant(address)
            if person.problems():
                return None
            self.session.add(person)
            self.people[key] = person
        return person


def _people_by_email(session: Session, events: Sequence[ParsedEvent]) -> dict[str, Participant]:
    """The program's people the file's events name as attendees or organisers, by their
    address casefolded (as calendars match addresses)."""
    emails = {a.email.casefold() for e in events for a in e.attendees}
    emails |= {e.organizer.email.casefold() for e in events if e.organizer}
    people: dict[str, Participant] = {}
    if emails:
        for person in session.scalars(select(Participant)):
            if person.email.casefold() in emails:
                people[person.email.casefold()] = person
    return people


def _venues_by_name(session: Session) -> dict[str, Venue]:
    """The program's venues by what a file's LOCATION calls them: the name, or the name
    and address as the program's own files write them, without case."""
    venues: dict[str, Venue] = {}
    for venue in session.scalars(select(Venue)):
        venues.setdefault(venue.name.casefold(), venue)
        if venue.address:
            venues[f"{venue.name}, {venue.address}".casefold()] = venue
    return venues


def _venue_of(incoming: ParsedEvent, venues: Mapping[str, Venue]) -> Venue | None:
    """The venue the file's LOCATION names, if the program knows it."""
    location = incoming.location.strip()
    return venues.get(location.casefold()) if location else None


def _take_texts(
    event: Event, incoming: ParsedEvent, venues: Mapping[str, Venue], *, given_only: bool
) -> None:
    """Take the file's title, description and place (a venue the program knows by its
    LOCATION); with ``given_only``, a description the file leaves out is not removed."""
    event.title = incoming.title
    if incoming.description or not given_only:
        event.description = incoming.description
    venue = _venue_of(incoming, venues)
    if venue is not None:
        event.venue = venue


_KINDS = {kind.english.casefold(): kind for kind in EventKind}
_MODES = {mode.english.casefold(): mode for mode in EventMode}


def _fill(
    event: Event,
    incoming: ParsedEvent,
    lookups: _Lookups,
    *,
    new: bool,
    given_only: bool = False,
    texts: bool = True,
) -> None:
    """Make ``event`` what the file's ``incoming`` says. ``given_only``: the file's part
    is taken at the SEQUENCE the program holds, so it is not a newer version of the
    event, only another copy that differs: a description or video link it leaves out
    (Outlook writes no URL or CONFERENCE) is not taken as removed, and a one-off event
    keeps its zone (the partner's calendar writes it in the zone it displays it in; a
    series' zone places its meetings, and an all-day event's its dates, so theirs go
    with the file's times). Without ``texts``, the title, description and venue stay the
    program's: the file is an earlier copy of them (see :func:`_later_copy`)."""
    if texts or new:
        _take_texts(event, incoming, lookups.venues, given_only=given_only)
    one_off = not (incoming.recurrence_rule or event.recurrence_rule)
    if not (given_only and one_off and not incoming.all_day and not event.all_day):
        event.zone = incoming.zone
    event.start_utc = incoming.start_utc
    event.end_utc = incoming.end_utc
    event.all_day = incoming.all_day
    event.status = incoming.status
    event.recurrence_rule = incoming.recurrence_rule
    if incoming.video_link or not given_only:
        event.video_link = incoming.video_link
    categories = [category.casefold() for category in incoming.categories]
    kind = next((_KINDS[c] for c in categories if c in _KINDS), None)
    mode = next((_MODES[c] for c in categories if c in _MODES), None)
    location = incoming.location.strip()
    city = next((lookups.cities[c] for c in categories if c in lookups.cities), None)
    city = city or (lookups.cities.get(location.casefold()) if location else None)
    physical = bool(location) and location.casefold() != "online"
    if mode is None and (new or incoming.video_link):
        if incoming.video_link:
            mode = EventMode.HYBRID if physical else EventMode.VIRTUAL
        else:
            mode = EventMode.FACE_TO_FACE
    if kind is None and new:
        kind = EventKind.VIDEOCONFERENCE if mode is EventMode.VIRTUAL else EventKind.WORKSHOP
    if kind is not None:
        event.kind = kind
    if mode is not None:
        event.mode = mode
    venue = _venue_of(incoming, lookups.venues)
    if new:
        event.venue = venue
    if city is not None or new:
        event.city = city
    themes = [lookups.themes[c] for c in categories if c in lookups.themes]
    if themes or new:
        event.themes = themes
    if new and physical and venue is None and city is None:
        event.notes = _("Place given in the imported calendar: {place}").format(place=location)
    organiser = lookups.organiser(incoming.organizer) if incoming.organizer else None
    if organiser is not None:
        event.organiser = organiser
    known = [
        lookups.people[a.email.casefold()]
        for a in incoming.attendees
        if a.email.casefold() in lookups.people
    ]
    declined = {email.casefold() for email in incoming.declined}
    current = [] if new else [p for p in event.participants if p.email.casefold() not in declined]
    event.participants = current + [person for person in known if person not in current]


_WRITE_STEP = 1000
"""New events written in one bulk insert, between two reports of progress."""


_GIVEN = ("uid", "sequence")
"""Values of a new event the file always gives: their defaults are not made."""


def _new_event(
    source: str, incoming: ParsedEvent, lookups: _Lookups, saved_at: datetime
) -> tuple[NewRecord, list[NewRecord]]:
    """A new event of the file and its moved or cancelled sessions as values, checked by
    the rules the entities hold: one that breaks one refuses the file, naming its line.
    ``saved_at``: the moment of the import, when they are all created."""
    event = new_record(EVENTS, new_id(), _GIVEN, saved_at)
    event.given.update(uid=incoming.uid, sequence=incoming.newest)
    _fill(event, incoming, lookups, new=True)  # type: ignore[arg-type]
    changes: list[NewRecord] = []
    if incoming.recurrence_rule:
        for change in incoming.changes:
            row = new_record(OCCURRENCE_CHANGES, new_id(), (), saved_at)
            row.given.update(
                recurrence_id=change.recurrence_id,
                cancelled=change.cancelled,
                start_utc=change.start,
                end_utc=change.end,
            )
            changes.append(row)
    event.given["changes"] = changes  # the series' rules read its sessions
    for record in (event, *changes):
        problems = record.problems()
        if problems:
            error = ValidationError(record.label(), problems)
            raise CalendarFileError(source, f"{incoming.where}: {error}") from error
    return event, changes


def _write_created(
    session: Session,
    source: str,
    created: Sequence[ParsedEvent],
    lookups: _Lookups,
    progress: Progress | None,
) -> dict[str, int]:
    """Check and insert the new events and their sessions a thousand at a time, so that
    only those are held as records at once; the version each is written at, by id.

    The session flushes each batch's new organisers first: the rows refer to them."""
    total = len(created)
    versions: dict[str, int] = {}
    saved_at = utc_now()
    if progress is not None:
        progress(0, total)
    for first in range(0, total, _WRITE_STEP):
        pending: list[Pending] = []
        changes: list[Pending] = []
        for incoming in created[first : first + _WRITE_STEP]:
            event, rows = _new_event(source, incoming, lookups, saved_at)
            pending.append(Pending(EVENTS, event))
            changes.extend(
                Pending(OCCURRENCE_CHANGES, row, (EVENTS, "changes", event)) for row in rows
            )
            versions[str(event.id)] = int(event.version)
        session.flush()
        write_new(session, pending + changes)
        write_noted(
            session,
            [
                (item.kind.entity.__tablename__, str(item.record.id))
                for item in (*pending, *changes)
            ],
        )
        if progress is not None:
            progress(min(first + _WRITE_STEP, total), total)
    return versions


def _apply_occurrence(event: Event, change: ParsedChange) -> None:
    row = next((c for c in event.changes if c.recurrence_id == change.recurrence_id), None)
    if row is None:
        row = OccurrenceOverride(recurrence_id=change.recurrence_id)
        event.changes.append(row)
    row.cancelled = change.cancelled
    row.start_utc = change.start
    row.end_utc = change.end


def _drop_changes_of_other_meetings(event: Event) -> None:
    """Once a file's series is taken with other times, zone or rule, forget the moved
    and cancelled meetings it does not have. A RECURRENCE-ID names a meeting by the start
    its series gives it (RFC 5545 section 3.8.4.4), and RFC 5546 sends a recurring event
    as the series and its moved meetings together: a change naming none of the file's
    meetings belongs to a series its sender no longer holds. Kept, it would be applied
    nowhere, and come back the day the series holds that meeting again."""
    if not event.changes:
        return
    if not event.recurrence_rule:
        event.changes = []
        return
    kept = set(map(id, event.applied_changes()))
    event.changes = [row for row in event.changes if id(row) in kept]


def _apply_changes(event: Event, incoming: ParsedEvent, *, keep_others: bool = False) -> None:
    """Make the event's moved and cancelled occurrences those of the file, reusing the
    rows of occurrences already known (one row per occurrence is a database rule);
    ``keep_others``: the occurrences the file does not give keep their changes."""
    if not incoming.recurrence_rule:
        event.changes = []
        return
    existing = {change.recurrence_id: change for change in event.changes}
    given = {change.recurrence_id for change in incoming.changes}
    kept: list[OccurrenceOverride] = (
        [row for row in event.changes if row.recurrence_id not in given] if keep_others else []
    )
    for change in incoming.changes:
        row = existing.get(change.recurrence_id) or OccurrenceOverride(
            recurrence_id=change.recurrence_id
        )
        row.cancelled = change.cancelled
        row.start_utc = change.start
        row.end_utc = change.end
        kept.append(row)
    event.changes = kept
