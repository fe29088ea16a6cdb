"""Calendar files from and into the database: the operations the CLI and the GUI call.

Export selects the events of a scope with everything the file needs loaded eagerly
(one query per relationship, not one per event), lets :mod:`cpp_scheduler.ical.scopes`
decide what the file may carry, and writes it atomically. The per-participant batch
loads the program once and writes one file per person; the GUI runs it on a worker
thread with a progress callback and a cancellation flag.

Import reads the file to plain values first (:mod:`cpp_scheduler.ical.importer`), then
matches events by UID (a newer SEQUENCE wins, an equal one is already here, an older
one is kept out), finds venues, partner cities, themes and people by what the file
calls them, and writes everything in one transaction, or nothing: one event that
breaks a rule of the program and nothing is imported. A dry run changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from cpp_scheduler import timezones
from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.errors import CalendarFileError
from cpp_scheduler.ical.export import ExportOptions, Method, export_bytes
from cpp_scheduler.ical.importer import (
    Attendee,
    ParsedCalendar,
    ParsedChange,
    ParsedEvent,
    ParsedOccurrence,
    Skipped,
    read_calendar,
)
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    OccurrenceOverride,
    Participant,
    PartnerCity,
    StudyTour,
    ThematicArea,
    TourDay,
    ValidationError,
    Venue,
)
from cpp_scheduler.store import Database

ProgressCallback = Callable[[int, int], None]
"""Called with (files done, files in all) after each file of a batch."""
CancelFlag = Callable[[], bool]
"""Asked before each file of a batch; True stops it (``threading.Event().is_set``)."""


class NotFoundError(SchedulerError):
    """The event, delegation, participant or tour to export does not exist."""


# -- selecting ----------------------------------------------------------------------------
def event_loading() -> tuple[Any, ...]:
    return (
        selectinload(Event.venue),
        selectinload(Event.city),
        selectinload(Event.themes),
        selectinload(Event.delegations),
        selectinload(Event.participants).selectinload(Participant.delegation),
        selectinload(Event.organiser),
        selectinload(Event.changes),
    )


def _tour_loading() -> tuple[Any, ...]:
    return (
        selectinload(StudyTour.delegation).selectinload(Delegation.members),
        selectinload(StudyTour.days).selectinload(TourDay.events).options(*event_loading()),
        selectinload(StudyTour.legs),
        selectinload(StudyTour.nights),
    )


@dataclass(frozen=True)
class EventScope:
    uid: str


@dataclass(frozen=True)
class DelegationScope:
    name: str


@dataclass(frozen=True)
class ParticipantScope:
    email: str


@dataclass(frozen=True)
class TourScope:
    tour_id: str


@dataclass(frozen=True)
class ProgramScope:
    pass


@dataclass(frozen=True)
class EventListScope:
    """Chosen events by id: a selection, or what a calendar view shows."""

    event_ids: tuple[str, ...]
    name: str = "CPP events"


Scope = EventScope | DelegationScope | ParticipantScope | TourScope | ProgramScope | EventListScope


def select_content(
    session: Session,
    scope: Scope,
    dates: scopes.DateRange | None = None,
    *,
    with_attendees: bool = False,
) -> scopes.CalendarContent:
    """What the file of ``scope`` holds, read from the database."""
    dates = dates or scopes.DateRange()
    events = select(Event).options(*event_loading())
    tours = select(StudyTour).options(*_tour_loading())
    if isinstance(scope, EventScope):
        event = session.scalars(events.where(Event.uid == scope.uid)).one_or_none()
        if event is None:
            raise NotFoundError(f"no event has the UID '{scope.uid}'")
        return scopes.one_event(event, with_attendees=with_attendees)
    if isinstance(scope, DelegationScope):
        delegation = session.scalars(
            select(Delegation)
            .where(Delegation.name == scope.name)
            .options(selectinload(Delegation.members))
        ).one_or_none()
        if delegation is None:
            raise NotFoundError(f"no delegation is called '{scope.name}'")
        found = session.scalars(
            events.where(
                or_(
                    Event.delegations.any(Delegation.id == delegation.id),
                    Event.participants.any(Participant.delegation_id == delegation.id),
                )
            )
        ).all()
        own = session.scalars(tours.where(StudyTour.delegation_id == delegation.id)).all()
        return scopes.delegation_schedule(delegation, found, own, dates=dates)
    if isinstance(scope, ParticipantScope):
        person = session.scalars(
            select(Participant)
            .where(Participant.email == scope.email)
            .options(selectinload(Participant.delegation))
        ).one_or_none()
        if person is None:
            raise NotFoundError(f"no participant has the email address '{scope.email}'")
        conditions = [
            Event.participants.any(Participant.id == person.id),
            Event.organiser_id == person.id,
        ]
        if person.delegation_id is not None:
            conditions.append(Event.delegations.any(Delegation.id == person.delegation_id))
        found = session.scalars(events.where(or_(*conditions))).all()
        own = (
            session.scalars(tours.where(StudyTour.delegation_id == person.delegation_id)).all()
            if person.delegation_id
            else []
        )
        return scopes.participant_schedule(
            person, found, own, dates=dates, with_attendees=with_attendees
        )
    if isinstance(scope, TourScope):
        tour = session.scalars(tours.where(StudyTour.id == scope.tour_id)).one_or_none()
        if tour is None:
            raise NotFoundError(f"no study tour has the id '{scope.tour_id}'")
        return scopes.tour_schedule(tour, dates=dates)
    if isinstance(scope, EventListScope):
        chosen: list[Event] = []
        ids = list(scope.event_ids)
        for start in range(0, len(ids), 500):
            chosen.extend(session.scalars(events.where(Event.id.in_(ids[start : start + 500]))))
        return scopes.program(
            chosen, [], dates=dates, name=scope.name, with_attendees=with_attendees
        )
    found = session.scalars(events.order_by(Event.start_utc)).all()
    all_tours = session.scalars(tours).all()
    name = "CPP program"
    if dates.first or dates.last:
        name += f" {dates.first or '...'} to {dates.last or '...'}"
    return scopes.program(found, all_tours, dates=dates, name=name, with_attendees=with_attendees)


# -- writing ------------------------------------------------------------------------------
def write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file or leave the old one: a half-written calendar is worse."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cancellation_path(path: Path) -> Path:
    """Where request mode puts the METHOD:CANCEL file beside the invitations."""
    return path.with_name(f"{path.stem}-cancelled{path.suffix or '.ics'}")


def write_content(
    content: scopes.CalendarContent, options: ExportOptions, path: Path
) -> list[Path]:
    """The files for ``content``: ``path``, plus a cancellation file in request mode
    when some events are cancelled and others are not."""
    written: list[Path] = []
    documents = export_bytes(content, options)
    for index, (method, data) in enumerate(documents):
        target = (
            path if index == 0 else (cancellation_path(path) if method is Method.CANCEL else path)
        )
        write_atomically(target, data)
        written.append(target)
    return written


def export_calendar(
    database: Database,
    scope: Scope,
    path: Path,
    options: ExportOptions | None = None,
    *,
    dates: scopes.DateRange | None = None,
    with_attendees: bool = False,
) -> list[Path]:
    options = options or ExportOptions()
    with database.session() as session:
        content = select_content(session, scope, dates, with_attendees=with_attendees)
        return write_content(content, options, path)


_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]+")
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
}


def safe_file_name(email: str, taken: set[str]) -> str:
    """A file name from an email address, safe on Windows, macOS and Linux and unique
    without regard to case: ``ana.quispe@vivienda.gob.pe.ics``. An address that had to
    be altered (non-ASCII letters, path characters) keeps a short digest of the
    original, so two such addresses never share a file."""
    ascii_text = unicodedata.normalize("NFKD", email).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("_", ascii_text).strip("._@-")[:100]
    if stem != email:
        digest = hashlib.sha256(email.encode()).hexdigest()[:8]
        stem = f"{stem or 'participant'}-{digest}"
    if stem.split(".", 1)[0].split("@", 1)[0].lower() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    candidate, number = stem, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(candidate.lower())
    return f"{candidate}.ics"


@dataclass
class BatchResult:
    files: list[Path] = field(default_factory=list)
    participants: int = 0
    """Participants with a file written."""
    without_events: list[str] = field(default_factory=list)
    """Emails of participants who have nothing on the program, so got no file."""
    cancelled: bool = False


def export_each_participant(
    database: Database,
    out_dir: Path,
    options: ExportOptions | None = None,
    *,
    dates: scopes.DateRange | None = None,
    with_attendees: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelFlag | None = None,
) -> BatchResult:
    """One file per participant in ``out_dir``, named after the participant's email.

    The program is read once; each person's events are found through in-memory
    indexes, so the batch costs one file's work per participant.
    """
    options = options or ExportOptions()
    result = BatchResult()
    with database.session() as session:
        people = session.scalars(
            select(Participant)
            .options(selectinload(Participant.delegation))
            .order_by(Participant.email)
        ).all()
        events = session.scalars(select(Event).options(*event_loading())).all()
        tours = session.scalars(select(StudyTour).options(*_tour_loading())).all()
        by_person: dict[str, list[Event]] = {}
        by_delegation: dict[str, list[Event]] = {}
        for event in events:
            for person in event.participants:
                by_person.setdefault(person.id, []).append(event)
            if event.organiser_id:
                by_person.setdefault(event.organiser_id, []).append(event)
            for delegation in event.delegations:
                by_delegation.setdefault(delegation.id, []).append(event)
        tours_of: dict[str, list[StudyTour]] = {}
        for tour in tours:
            tours_of.setdefault(tour.delegation_id, []).append(tour)
        taken: set[str] = set()
        total = len(people)
        for done, person in enumerate(people, start=1):
            if cancelled is not None and cancelled():
                result.cancelled = True
                break
            candidates = list(by_person.get(person.id, ()))
            if person.delegation_id:
                candidates.extend(by_delegation.get(person.delegation_id, ()))
            content = scopes.participant_schedule(
                person,
                candidates,
                tours_of.get(person.delegation_id or "", ()),
                dates=dates,
                with_attendees=with_attendees,
            )
            if not content.events and not content.tours:
                result.without_events.append(person.email)
            else:
                target = out_dir / safe_file_name(person.email, taken)
                result.files.extend(write_content(content, options, target))
                result.participants += 1
            if progress is not None:
                progress(done, total)
    return result


# -- importing ----------------------------------------------------------------------------
class ImportAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    """The program holds this version already."""
    KEEP = "keep"
    """The program holds a newer version (higher SEQUENCE) and keeps it."""


@dataclass(frozen=True)
class PlannedChange:
    action: ImportAction
    event: ParsedEvent
    sequence_held: int | None = None

    def describe(self) -> str:
        when = timezones.to_local(self.event.start_utc, self.event.zone)
        head = f"{self.event.title} ({when:%a %d %b %Y %H:%M} {self.event.zone})"
        if self.action is ImportAction.CREATE:
            return f"create  {head}"
        if self.action is ImportAction.UPDATE:
            return f"update  {head}: version {self.event.sequence} replaces {self.sequence_held}"
        if self.action is ImportAction.UNCHANGED:
            return f"same    {head}: version {self.event.sequence} is already here"
        return (
            f"keep    {head}: the program's version {self.sequence_held} is newer than "
            f"the file's {self.event.sequence}"
        )


@dataclass(frozen=True)
class PlannedOccurrence:
    """One session of a series the program holds, moved or cancelled by the file."""

    action: ImportAction
    occurrence: ParsedOccurrence
    sequence_held: int | None = None

    def describe(self) -> str:
        change = self.occurrence.change
        what = "cancel" if change.cancelled else "move"
        head = (
            f"{self.occurrence.title}: the session of {change.recurrence_id:%a %d %b %Y %H:%M} UTC"
        )
        if self.action is ImportAction.UPDATE:
            if change.cancelled or change.start is None:
                return f"update  {head}: {what}"
            return f"update  {head}: {what} to {change.start:%a %d %b %Y %H:%M} UTC"
        if self.action is ImportAction.UNCHANGED:
            return f"same    {head}: version {self.occurrence.sequence} is already here"
        return (
            f"keep    {head}: the program's version {self.sequence_held} is newer than "
            f"the file's {self.occurrence.sequence}"
        )


@dataclass(frozen=True)
class ImportReport:
    source: str
    changes: tuple[PlannedChange, ...]
    skipped: tuple[Skipped, ...]
    applied: bool
    occurrences: tuple[PlannedOccurrence, ...] = ()

    def count(self, action: ImportAction) -> int:
        return sum(1 for change in self.changes if change.action is action) + sum(
            1 for session in self.occurrences if session.action is action
        )

    def lines(self) -> list[str]:
        lines = [change.describe() for change in self.changes]
        lines.extend(change.describe() for change in self.occurrences)
        lines.extend(
            f"skip    line {entry.line}: {entry.title}: {entry.reason}" for entry in self.skipped
        )
        verb = "" if self.applied else "would be "
        lines.append(
            f"{self.source}: {self.count(ImportAction.CREATE)} {verb}created, "
            f"{self.count(ImportAction.UPDATE)} {verb}updated, "
            f"{self.count(ImportAction.UNCHANGED) + self.count(ImportAction.KEEP)} "
            f"left as they are, {len(self.skipped)} skipped"
            + ("" if self.applied else " (dry run: nothing changed)")
        )
        return lines


def _plan(parsed: ParsedCalendar, held: dict[str, Event]) -> tuple[PlannedChange, ...]:
    planned: list[PlannedChange] = []
    for incoming in parsed.events:
        existing = held.get(incoming.uid)
        if existing is None:
            planned.append(PlannedChange(ImportAction.CREATE, incoming))
        elif incoming.sequence > (existing.sequence or 0):
            planned.append(PlannedChange(ImportAction.UPDATE, incoming, existing.sequence))
        elif incoming.sequence == (existing.sequence or 0):
            planned.append(PlannedChange(ImportAction.UNCHANGED, incoming, existing.sequence))
        else:
            planned.append(PlannedChange(ImportAction.KEEP, incoming, existing.sequence))
    return tuple(planned)


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
                    "a changed session of a series the program does not hold",
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
                    "the series has no session at the RECURRENCE-ID given",
                )
            )
            continue
        held_sequence = event.sequence or 0
        if incoming.sequence > held_sequence:
            action = ImportAction.UPDATE
        elif incoming.sequence == held_sequence:
            action = ImportAction.UNCHANGED
        else:
            action = ImportAction.KEEP
        planned.append(PlannedOccurrence(action, incoming, held_sequence))
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
) -> ImportReport:
    """Import ``path``: all of it in one transaction, or nothing."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CalendarFileError(str(path), f"cannot be read: {error.strerror}") from error
    parsed = read_calendar(data, str(path), default_zone)
    return apply_calendar(database, parsed, dry_run=dry_run)


def apply_calendar(
    database: Database, parsed: ParsedCalendar, *, dry_run: bool = False
) -> ImportReport:
    uids = [event.uid for event in parsed.events]
    uids += [occurrence.uid for occurrence in parsed.occurrences]
    if dry_run:
        with database.session() as session:
            held = _held_events(session, uids)
            planned = _plan(parsed, held)
            sessions, skipped = _plan_occurrences(parsed, held)
        return ImportReport(
            parsed.source, planned, parsed.skipped + skipped, applied=False, occurrences=sessions
        )
    with database.transaction() as session:
        held = _held_events(session, uids)
        planned = _plan(parsed, held)
        sessions, skipped = _plan_occurrences(parsed, held)
        lookups = _Lookups(session, parsed.events)
        written: list[tuple[Event, ParsedEvent]] = []
        for change in planned:
            if change.action is ImportAction.CREATE:
                event = Event(uid=change.event.uid, sequence=change.event.sequence)
                _fill(event, change.event, lookups, new=True)
                session.add(event)
            elif change.action is ImportAction.UPDATE:
                event = held[change.event.uid]
                _fill(event, change.event, lookups, new=False)
            else:
                continue
            written.append((event, change.event))
        sequences: dict[str, int] = {event.uid: incoming.sequence for event, incoming in written}
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
                # The flush raised SEQUENCE for the changed time or place; the program
                # now holds exactly the file's version, so it takes the file's number.
                event.sequence = sequences[event.uid]
        for event, incoming in written:
            event.sequence = incoming.sequence
        _flush(session, parsed.source, written)
    return ImportReport(
        parsed.source, planned, parsed.skipped + skipped, applied=True, occurrences=sessions
    )


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
        self.venues: dict[str, Venue] = {}
        for venue in session.scalars(select(Venue)):
            self.venues.setdefault(venue.name.casefold(), venue)
            if venue.address:
                self.venues[f"{venue.name}, {venue.address}".casefold()] = venue
        self.cities = {city.name.casefold(): city for city in session.scalars(select(PartnerCity))}
        self.themes = {
            theme.name.casefold(): theme for theme in session.scalars(select(ThematicArea))
        }
        emails = {a.email.casefold() for e in events for a in e.attendees}
        emails |= {e.organizer.email.casefold() for e in events if e.organizer}
        self.people: dict[str, Participant] = {}
        if emails:
            for person in session.scalars(select(Participant)):
                if person.email.casefold() in emails:
                    self.people[person.email.casefold()] = person
        self.session = session

    def organiser(self, address: Attendee) -> Participant:
        """The organiser as a participant; one the program does not know yet is added,
        as the event's contact (attendees who are not known are not added)."""
        key = address.email.casefold()
        person = self.people.get(key)
        if person is None:
            name = address.name or address.email.split("@", 1)[0]
            person = Participant(name=name, email=address.email)
            self.session.add(person)
            self.people[key] = person
        return person


_KINDS = {kind.label.casefold(): kind for kind in EventKind}
_MODES = {mode.label.casefold(): mode for mode in EventMode}


def _fill(event: Event, incoming: ParsedEvent, lookups: _Lookups, *, new: bool) -> None:
    event.title = incoming.title[:300]
    event.description = incoming.description
    event.zone = incoming.zone
    event.start_utc = incoming.start_utc
    event.end_utc = incoming.end_utc
    event.status = incoming.status
    event.recurrence_rule = incoming.recurrence_rule
    event.video_link = incoming.video_link
    categories = [category.casefold() for category in incoming.categories]
    kind = next((_KINDS[c] for c in categories if c in _KINDS), None)
    mode = next((_MODES[c] for c in categories if c in _MODES), None)
    location = incoming.location.strip()
    venue = lookups.venues.get(location.casefold()) if location else None
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
    if venue is not None or new:
        event.venue = venue
    if city is not None or new:
        event.city = city
    themes = [lookups.themes[c] for c in categories if c in lookups.themes]
    if themes or new:
        event.themes = themes
    if new and physical and venue is None and city is None:
        event.notes = f"Place given in the imported calendar: {location}"
    if incoming.organizer is not None:
        event.organiser = lookups.organiser(incoming.organizer)
    known = [
        lookups.people[a.email.casefold()]
        for a in incoming.attendees
        if a.email.casefold() in lookups.people
    ]
    current = list(event.participants) if not new else []
    event.participants = current + [person for person in known if person not in current]
    _apply_changes(event, incoming)


def _apply_occurrence(event: Event, change: ParsedChange) -> None:
    row = next((c for c in event.changes if c.recurrence_id == change.recurrence_id), None)
    if row is None:
        row = OccurrenceOverride(recurrence_id=change.recurrence_id)
        event.changes.append(row)
    row.cancelled = change.cancelled
    row.start_utc = change.start
    row.end_utc = change.end


def _apply_changes(event: Event, incoming: ParsedEvent) -> None:
    """Make the event's moved and cancelled occurrences those of the file, reusing the
    rows of occurrences already known (one row per occurrence is a database rule)."""
    if not incoming.recurrence_rule:
        event.changes = []
        return
    existing = {change.recurrence_id: change for change in event.changes}
    kept: list[OccurrenceOverride] = []
    for change in incoming.changes:
        row = existing.get(change.recurrence_id) or OccurrenceOverride(
            recurrence_id=change.recurrence_id
        )
        row.cancelled = change.cancelled
        row.start_utc = change.start
        row.end_utc = change.end
        kept.append(row)
    event.changes = kept
