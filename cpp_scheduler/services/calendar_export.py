"""Calendar files from the database: the export operations the CLI and the GUI call.

Export selects the events of a scope with everything the file needs loaded eagerly
(one query per relationship, not one per event), lets :mod:`cpp_scheduler.ical.scopes`
decide what the file may carry, and writes it atomically. The per-participant batch
loads the program once and writes one file per person; the GUI runs it on a worker
thread with a progress callback and a cancellation flag.

A published feed's address (``SOURCE``) is judged by one rule, :func:`feed_address_problem`,
which the export dialog shows beside its field, ``export ics --feed-url`` refuses in one
line, and both exports here apply before anything is written.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from cpp_scheduler import i18n
from cpp_scheduler.errors import SchedulerError, printable, quoted, shown_path, system_reason
from cpp_scheduler.files import FileWriteError, write_atomically, write_together
from cpp_scheduler.i18n import _, ngettext
from cpp_scheduler.ical import scopes
from cpp_scheduler.ical.export import EventRenderings, ExportOptions, Method, export_bytes
from cpp_scheduler.model import Delegation, Event, Participant, Problem, StudyTour, TourDay
from cpp_scheduler.model.validation import web_address_problem
from cpp_scheduler.services.choices import manager_search_texts
from cpp_scheduler.services.record_tables import in_reading_order
from cpp_scheduler.services.snapshot import NotFoundError, find_tour, named_event, no_event_named
from cpp_scheduler.store import Database

ProgressCallback = Callable[[int, int], None]
"""Called with (files done, files in all) after each file of a batch."""
CancelFlag = Callable[[], bool]
"""Asked before each file of a batch; True stops it (``threading.Event().is_set``)."""


class FeedAddressError(SchedulerError):
    """The address given for a published feed is not one web address; nothing was written."""


FEED_ADDRESS = "source_url"
"""The field a feed address's problem names (:attr:`ExportOptions.source_url`)."""


class BatchStoppedError(SchedulerError):
    """A file of a batch (one per participant) could not be written: the batch stops
    there, and says how many of its files were written before, where."""


def _stopped(error: FileWriteError, written: int, folder: Path) -> SchedulerError:
    """``error`` as the batch says it: with the files written before it, if any (each
    is whole: :func:`~cpp_scheduler.files.write_atomically`)."""
    if not written:
        return error
    return BatchStoppedError(
        ngettext(
            "{error}; the batch stopped there, after {count} file written in {folder}",
            "{error}; the batch stopped there, after {count} files written in {folder}",
            written,
        ).format(error=error, count=written, folder=quoted(str(folder), 200))
    )


def feed_address_problem(address: str | None) -> Problem | None:
    """Why ``address`` cannot be where a published feed is: the rule of the links
    participants click (an http(s) address, without spaces, line breaks or control
    characters), since calendar clients fetch it and the file carries it on a line of
    its own, which a line break would end, and a pasted ``javascript:`` would make a link
    to run. None when it can be, or when no address is given."""
    return web_address_problem(FEED_ADDRESS, address, _("feed address"))


def check_options(options: ExportOptions) -> None:
    """Refuse, before anything is read or written, options a file must not carry."""
    problem = feed_address_problem(options.source_url)
    if problem is not None:
        raise FeedAddressError(problem.message)


# -- selecting ----------------------------------------------------------------------------
def event_loading() -> tuple[Any, ...]:
    return (
        selectinload(Event.venue),
        selectinload(Event.city),
        selectinload(Event.themes),
        selectinload(Event.delegations)
        .selectinload(Delegation.members)
        .selectinload(Participant.delegation),
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
    """The event's calendar UID, or its id: every command takes either."""


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


SHOWN_EVENTS = "CPP events shown"
"""The calendar's name in a file of the events the calendar shows (the window's scope and
``export ics --shown``)."""


Scope = EventScope | DelegationScope | ParticipantScope | TourScope | ProgramScope | EventListScope


@dataclass(frozen=True)
class ScopeChoice:
    """A delegation, participant or study tour a file can be written for, as a list
    offers it: its record id, what the list shows, and the scope to export."""

    record_id: str
    label: str
    scope: Scope
    searched: str = ""
    """The record's row in its manager as that manager's search reads it: the picker
    finds it by those words too, as ``records KIND --search`` does."""


@dataclass(frozen=True)
class ScopeChoices:
    """Everyone and everything the program can write a file for, each list in the
    order a coordinator looks for it (names, then tours by their first day)."""

    delegations: tuple[ScopeChoice, ...] = ()
    participants: tuple[ScopeChoice, ...] = ()
    tours: tuple[ScopeChoice, ...] = ()


def scope_choices(database: Database) -> ScopeChoices:
    """The delegations, participants and study tours of the program, for a picker:
    delegations and participants by name, in the order of their managers
    (:func:`~cpp_scheduler.services.record_tables.in_reading_order`)."""
    found_by = {
        kind: manager_search_texts(database, kind) for kind in ("delegation", "participant")
    }
    with database.session() as session:
        delegations = tuple(
            ScopeChoice(
                record_id, name, DelegationScope(name), found_by["delegation"].get(record_id, "")
            )
            for record_id, name in in_reading_order(
                session.execute(select(Delegation.id, Delegation.name).order_by(Delegation.name)),
                lambda row: row.name,
            )
        )
        participants = tuple(
            ScopeChoice(
                record_id,
                f"{name} <{email}>",
                ParticipantScope(email),
                found_by["participant"].get(record_id, ""),
            )
            for record_id, name, email in in_reading_order(
                session.execute(
                    select(Participant.id, Participant.name, Participant.email).order_by(
                        Participant.name, Participant.email
                    )
                ),
                lambda row: row.name,
            )
        )
        tours = tuple(
            ScopeChoice(record_id, title, TourScope(record_id))
            for record_id, title in session.execute(
                select(StudyTour.id, StudyTour.title).order_by(
                    StudyTour.start_date, StudyTour.title
                )
            )
        )
    return ScopeChoices(delegations, participants, tours)


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
        event = session.scalars(events.where(named_event(scope.uid))).first()
        if event is None:
            raise no_event_named(scope.uid)
        return scopes.one_event(event, with_attendees=with_attendees)
    if isinstance(scope, DelegationScope):
        delegation = session.scalars(
            select(Delegation)
            .where(Delegation.name == scope.name)
            .options(selectinload(Delegation.members))
        ).one_or_none()
        if delegation is None:
            raise NotFoundError(
                _("no delegation is called '{name}'").format(name=printable(scope.name))
            )
        found = session.scalars(
            events.where(
                or_(
                    Event.delegations.any(Delegation.id == delegation.id),
                    Event.participants.any(Participant.delegation_id == delegation.id),
                )
            )
        ).all()
        own = session.scalars(tours.where(StudyTour.delegation_id == delegation.id)).all()
        return scopes.delegation_schedule(
            delegation, with_sessions(session, events, found), own, dates=dates
        )
    if isinstance(scope, ParticipantScope):
        person = session.scalars(
            select(Participant)
            .where(Participant.email == scope.email)
            .options(selectinload(Participant.delegation))
        ).one_or_none()
        if person is None:
            raise NotFoundError(
                _("no participant has the email address '{email}'").format(
                    email=printable(scope.email)
                )
            )
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
            person,
            with_sessions(session, events, found),
            own,
            dates=dates,
            with_attendees=with_attendees,
        )
    if isinstance(scope, TourScope):
        named_tour = find_tour(session, scope.tour_id)  # by its id or its title
        tour = session.scalars(tours.where(StudyTour.id == named_tour.id)).one()
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


def with_sessions(session: Session, events: Select[Event], found: Sequence[Event]) -> list[Event]:
    """``found`` and the sessions (at any depth) of the conferences among them, read
    with ``events``' loading: a session naming no delegation is for its conference's
    (:attr:`Event.attending_delegations`), which the caller's rule then judges (a file's
    whom it is for, a batch of invitations whom it invites)."""
    every = {event.id: event for event in found}
    above = list(every)
    while above:
        sessions: list[Event] = []
        for start in range(0, len(above), 500):
            chunk = above[start : start + 500]
            sessions.extend(session.scalars(events.where(Event.parent_id.in_(chunk))))
        above = [event.id for event in sessions if event.id not in every]
        every.update((event.id, event) for event in sessions)
    return list(every.values())


# -- writing ------------------------------------------------------------------------------
def prepare_folder(folder: Path) -> None:
    """Create ``folder`` for the files to go in, or refuse in one line when a file, or
    something that is not a folder, is in the way."""
    if folder.exists() and not folder.is_dir():
        raise FileWriteError(folder, _("it is a file; give a folder to put the files in"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileWriteError(folder, system_reason(error)) from None


def cancellation_path(path: Path) -> Path:
    """Where request mode puts the METHOD:CANCEL file beside the invitations."""
    return path.with_name(f"{path.stem}-cancelled{path.suffix or '.ics'}")


def write_content(
    content: scopes.CalendarContent,
    options: ExportOptions,
    path: Path,
    renderings: EventRenderings | None = None,
) -> list[Path]:
    """The files for ``content``: ``path``, plus a cancellation file in request mode
    when some events are cancelled and others are not. The two are read together (the
    invitations and the cancellations of one export), so both are written or neither
    (:func:`~cpp_scheduler.files.write_together`): a disk that fills up at the second
    leaves the files of the time before as they were, never the new invitations beside
    the old cancellations.

    A batch passes the ``renderings`` it shares between files (made from the same
    ``options``); it prepares their folder once, and its files are flushed to disk
    once, at the end of the batch, rather than one by one.
    """
    if renderings is None:
        # A file of its own goes in a folder that is there, as every file the program
        # saves: a folder misspelt is said (:func:`check_writable_target`), not made.
        documents = export_bytes(content, options)
    else:
        documents = renderings.export_bytes(content)
    files = [
        (cancellation_path(path) if index and method is Method.CANCEL else path, data)
        for index, (method, data) in enumerate(documents)
    ]
    durable = renderings is None  # a batch flushes its files once, at its end
    if len(files) > 1:
        write_together(files, durable=durable)
    else:
        for target, data in files:  # the calendar alone
            write_atomically(target, data, durable=durable)
    return [target for target, _data in files]


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
    check_options(options)
    with database.reading() as session:
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
    """Emails of participants who have nothing on the program (in the dates asked for),
    so got no file."""
    cancelled: bool = False
    dates: scopes.DateRange | None = None
    """The dates the files were asked for; None for the whole program."""
    folder: Path = field(default_factory=Path)
    """The folder the files were written in."""

    @property
    def written_text(self) -> str:
        """``Wrote 12 files for 12 participants in calendars``: what ``export ics
        --each-participant`` prints and the export dialog's status says of the files
        written (before its note of those who got none, :attr:`without_events_text`)."""
        files, people = len(self.files), self.participants
        return _("Wrote {files} for {participants} in {folder}").format(
            files=ngettext("{count} file", "{count} files", files).format(count=f"{files:,}"),
            participants=ngettext("{count} participant", "{count} participants", people).format(
                count=f"{people:,}"
            ),
            folder=shown_path(self.folder),
        )

    @property
    def without_events_text(self) -> str:
        """How many participants got no file as nothing of theirs is in what was asked
        for, the dates named where some were chosen: what ``export ics
        --each-participant`` and the export dialog both say of them."""
        count = len(self.without_events)
        dates = self.dates
        if dates is None or (dates.first is None and dates.last is None):
            return ngettext(
                "{count} participant has no events and got no file",
                "{count} participants have no events and got no file",
                count,
            ).format(count=f"{count:,}")
        return ngettext(
            "{count} participant has no events {dates} and got no file",
            "{count} participants have no events {dates} and got no file",
            count,
        ).format(count=f"{count:,}", dates=_dates_text(dates))


def _dates_text(dates: scopes.DateRange) -> str:
    """'from 1 Feb 2027 to 28 Feb 2027', 'from 1 Feb 2027', 'up to 28 Feb 2027'."""
    if dates.first is not None and dates.last is not None:
        return _("from {first} to {last}").format(
            first=i18n.day_month_year_text(dates.first), last=i18n.day_month_year_text(dates.last)
        )
    if dates.first is not None:
        return _("from {first}").format(first=i18n.day_month_year_text(dates.first))
    assert dates.last is not None
    return _("up to {last}").format(last=i18n.day_month_year_text(dates.last))


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
    check_options(options)
    result = BatchResult(dates=dates, folder=out_dir)
    prepare_folder(out_dir)
    renderings = EventRenderings(options)
    with database.reading() as session:
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
            for delegation_id in event.attending_delegation_ids:
                by_delegation.setdefault(delegation_id, []).append(event)
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
                try:
                    result.files.extend(write_content(content, options, target, renderings))
                except FileWriteError as error:
                    raise _stopped(error, len(result.files), out_dir) from error
                result.participants += 1
            if progress is not None:
                progress(done, total)
    os.sync()  # one flush for the whole batch: thousands of fsyncs would take minutes
    return result
