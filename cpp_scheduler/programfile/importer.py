"""Reading a program file into the database: everything checked first, then all or nothing.

The order of the checks is the order in which a coordinator can fix things: the file's
structure (its JSON Schema), then its references (every id it names exists in the file or
in the database), then each record's domain rules (the entities' ``problems()``). Only a
file that passes all three is written, in one transaction.

New records that no record written through the session refers to are written in bulk
(:mod:`~cpp_scheduler.programfile.bulk`), after the same rules.

Records are matched by id; a record the database already holds under another id but with
the same natural key (a city's name, a theme's code, a participant's email, an event's
calendar UID) is the same record, so a file exported elsewhere lands on a database seeded
with the same reference data. A matched record is written only where it differs, so
importing the same file twice changes nothing, not even versions or change times.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, overload

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from cpp_scheduler import limits
from cpp_scheduler.collector import collector_held
from cpp_scheduler.errors import SchedulerError, printable, quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.model import recurrence
from cpp_scheduler.model import validation as rules
from cpp_scheduler.model.base import HELD_ONCE, Base, utc_now
from cpp_scheduler.model.event import Event
from cpp_scheduler.model.history import Change
from cpp_scheduler.model.tour import TourDay
from cpp_scheduler.model.validation import ValidationError
from cpp_scheduler.programfile.bulk import NewRecord, Pending, new_record, write_new
from cpp_scheduler.programfile.document import read_document, record_label
from cpp_scheduler.programfile.errors import ProgramFileError
from cpp_scheduler.programfile.exporter import encode_record, select_all
from cpp_scheduler.programfile.layout import EVENTS, SECTIONS, TEXT, Kind, Value, all_kinds
from cpp_scheduler.programfile.stored import StoredRecord, read_stored
from cpp_scheduler.store import Database, open_database
from cpp_scheduler.store.errors import unique_columns
from cpp_scheduler.store.history import DELETED, group_changes
from cpp_scheduler.store.session import IN_FLIGHT, StoreSession


class RecordNames(Sequence[str]):
    """Records of a program file as messages name them, each named when it is read.

    An import of a year of events reports ten thousand created records, which the report
    counts and a coordinator never reads one by one: their names are worded only for
    those shown (in the language of the window or command that shows them).
    """

    def __init__(self, records: Sequence[tuple[Kind, dict[str, Any]]] = ()) -> None:
        self._records = tuple(records)

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            return tuple(record_label(*named) for named in self._records[index])
        return record_label(*self._records[index])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"RecordNames({list(self[:3])!r}{', ...' if len(self) > 3 else ''})"


_NONE = RecordNames()


@dataclass(frozen=True)
class KindReport:
    """What an import does to the records of one kind, named as messages name them."""

    kind: str
    created: Sequence[str] = _NONE
    updated: Sequence[str] = _NONE
    removed: Sequence[str] = _NONE
    """Records a tour or a series owned that its new version in the file leaves out."""
    unchanged: int = 0
    """Records the file holds as the database already does (or, for the demo, keeps)."""
    recreated: Sequence[str] = _NONE
    """Records among ``created`` that this database held once and deleted."""


@dataclass(frozen=True)
class ImportReport:
    """What an import created, updated and removed (or, in a dry run, would have)."""

    path: Path
    dry_run: bool
    kinds: tuple[KindReport, ...]

    def of(self, record_kind: str) -> KindReport:
        for report in self.kinds:
            if report.kind == record_kind:
                return report
        return KindReport(record_kind)

    @property
    def created(self) -> int:
        return sum(len(report.created) for report in self.kinds)

    @property
    def updated(self) -> int:
        return sum(len(report.updated) for report in self.kinds)

    @property
    def removed(self) -> int:
        return sum(len(report.removed) for report in self.kinds)

    @property
    def unchanged(self) -> int:
        return sum(report.unchanged for report in self.kinds)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


@dataclass
class _Tally:
    """The records of one kind an import creates, updates and removes (with their kind,
    which names them), and how many it leaves as they are."""

    created: list[tuple[Kind, dict[str, Any]]] = field(default_factory=list)
    updated: list[tuple[Kind, dict[str, Any]]] = field(default_factory=list)
    removed: list[tuple[Kind, dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class _Entry:
    """A record of the file and the entity it is written to."""

    kind: Kind
    record: dict[str, Any]
    entity: Base | NewRecord | StoredRecord
    """The entity written through the session, a new record's values written in bulk, or
    a record of the database not loaded (yet) as an entity."""
    new: bool
    owned: dict[str, list[_Entry]] = field(default_factory=dict)
    """The entries of the records it owns, by key (a tour's ``days``)."""
    written: bool = False
    unchanged: NewRecord | None = None
    """For a record the file holds as the database does: its values, links and owned
    records as the entity has them, for the entity's rules; nothing is written."""


def import_program(database: Database, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Check the program file at ``path`` and write it to ``database``, or raise
    :class:`ProgramFileError` and write nothing. A dry run checks everything, the
    database's own constraints included, and then rolls back."""
    path = Path(path)
    document = read_document(path)
    return apply_document(database, document, path, dry_run=dry_run)


def _series_before(entity: object) -> tuple[recurrence.SeriesTimes, list[tuple[Any, ...]]] | None:
    """An event's series times and its moved and cancelled meetings as the database
    holds them, before the file's values are written; None for any other record."""
    if not isinstance(entity, Event):
        return None
    return entity.series_times(), _changed_meetings(entity)


def _changed_meetings(event: Event) -> list[tuple[Any, ...]]:
    return sorted(
        (
            (change.recurrence_id, change.cancelled, change.start_utc, change.end_utc)
            for change in event.changes
        ),
        key=itemgetter(0),  # one change a meeting: its start names it
    )


def _refused_by_database(session: Session, error: IntegrityError) -> str:
    """Why the database refused the program: a value the program holds once that a
    colleague saved meanwhile (the file's check read before that save), in the words of
    that check, naming the colleague's record; anything else in the database's line."""
    broken = unique_columns(error)
    if isinstance(session, StoreSession) and broken is not None and broken[1] == (HELD_ONCE,):
        return str(session.translate(error))
    detail = printable(_first_line(error.orig), 200)
    return _("the database refused the program: {detail}").format(detail=detail)


def preview_into_new_database(document: dict[str, Any], path: Path) -> ImportReport:
    """The dry run of an import into a database that does not exist yet, which a dry run
    must not create: the file checked as it would be written into a new one, every rule
    and constraint included, in a scratch database of its own, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="cpp-scheduler-") as folder:
        scratch = open_database(Path(folder) / "program.sqlite", seed=False)
        try:
            return apply_document(scratch, document, path, dry_run=True)
        finally:
            scratch.close()


@collector_held()
def apply_document(
    database: Database,
    document: dict[str, Any],
    path: Path,
    *,
    dry_run: bool = False,
    keep_existing: bool = False,
) -> ImportReport:
    """Write a checked program document in one transaction.

    With ``keep_existing``, records the database already holds are left as they are and
    only missing ones are created (the demo program loads this way, so a coordinator's
    changes to it survive loading it again). A SQLite file moved or deleted since it was
    opened is refused (``FileMovedError``) before the import begins, as its commit would.
    """
    if not dry_run:
        database.check_in_place(saving=True)
    with database.session() as session:
        try:
            with session.begin():
                group_changes(session, lambda: _("program file {path}").format(path=path))
                merge = _Merge(session, path, keep_existing)
                report = merge.run(document, dry_run)
                if dry_run:
                    session.rollback()
        except ValidationError as error:
            raise ProgramFileError(path, str(error)) from None
        except IntegrityError as error:
            raise ProgramFileError(path, _refused_by_database(session, error)) from None
        except StaleDataError:
            raise ProgramFileError(
                path, _("a record changed in the database during the import; import again")
            ) from None
        except DBAPIError as error:
            failure = _storage_failure(session, error)
            # The store's refusal kept as the cause (not the driver's error): a medium
            # adds its own next step where the store leaves it to each (a lost save).
            raise ProgramFileError(path, str(failure)) from failure
        except SQLAlchemyError as error:
            detail = printable(_first_line(getattr(error, "orig", None) or error), 200)
            raise ProgramFileError(
                path, _("cannot be imported: {detail}").format(detail=detail)
            ) from None
    return report


class _Merge:
    """One import: matching, reference checks, writing, rules, in that order."""

    def __init__(self, session: Session, path: Path, keep_existing: bool) -> None:
        self.session = session
        self.path = path
        self.keep_existing = keep_existing
        self.existing: dict[str, dict[str, StoredRecord]] = {}
        self.named: dict[str, dict[tuple[Any, ...], list[StoredRecord]]] = {}
        self.targets: dict[str, dict[str, Base | NewRecord | StoredRecord]] = defaultdict(dict)
        self.entries: list[_Entry] = []
        self.claimed: dict[str, set[int]] = defaultdict(set)
        self.tallies: dict[str, _Tally] = {kind.record_kind: _Tally() for kind in all_kinds()}
        self.saved_at = utc_now()
        """When the records this import creates are created: one moment for all."""
        self.refiled: list[_Refiled] = []
        """Records of the database filed under another of their kind (a theme's parent)."""
        self.unfiled: list[Event] = []
        """Events of the database filed under a tour day the file removes: taken off it
        (the day's deletion leaves them on no day), so changed by the import too."""

    def run(self, document: dict[str, Any], dry_run: bool) -> ImportReport:
        with self.session.no_autoflush:
            self._load_existing()
            self._check_ids(document)
            for kind in SECTIONS:
                for record in document.get(kind.section, []):
                    self._match(kind, record)
            self._check_links()
            self._check_given_values()
            self._load_changed()
            self._choose_entities()
            for entry in list(self.entries):
                if entry.kind.section in _TOP_LEVEL:  # owned records go with their owner
                    self._write(entry)
            self._note_unfiled()
            self._check_rules()
            deleted_here = self._deleted_here()
        self._flush()
        pending = self._pending()
        write_new(self.session, pending)
        self._note_sessions_filed(pending)
        return ImportReport(
            self.path,
            dry_run,
            tuple(
                KindReport(
                    name,
                    RecordNames(tally.created),
                    RecordNames(tally.updated),
                    RecordNames(tally.removed),
                    tally.unchanged,
                    RecordNames(
                        [named for named in tally.created if named[1]["id"] in deleted_here]
                    ),
                )
                for name, tally in self.tallies.items()
            ),
        )

    def _deleted_here(self) -> set[str]:
        """The ids of the records the import creates that this database held once and
        deleted (its history says so): a file made before the deletion brings them back,
        which the report names rather than counts among the new."""
        created = sorted(
            {record["id"] for tally in self.tallies.values() for _kind, record in tally.created}
        )
        if not created or not self.session.scalar(
            select(Change.id).where(Change.action == DELETED).limit(1)
        ):
            return set()
        found: set[str] = set()
        for start in range(0, len(created), 500):
            found.update(
                self.session.scalars(
                    select(Change.record_id).where(
                        Change.record_id.in_(created[start : start + 500]),
                        Change.action == DELETED,
                    )
                )
            )
        return found

    # -- what the database holds -------------------------------------------------------
    def _load_existing(self) -> None:
        stored = read_stored(self.session)
        for kind in SECTIONS:
            records = stored[kind.section]
            self.existing[kind.section] = records
            self.named[kind.section] = self._index(kind, records.values())
            self.targets[kind.section].update(records)
            for owned in kind.owned:
                self.targets[owned.key].update(stored[owned.key])

    # -- structure beyond the schema ----------------------------------------------------
    def _check_ids(self, document: dict[str, Any]) -> None:
        for kind in SECTIONS:
            records = document.get(kind.section, [])
            self._check_unique(kind, records)
            for owned in kind.owned:
                children = [child for record in records for child in record.get(owned.key, [])]
                self._check_unique(owned.kind, children, natural=False)
                for record in records:
                    self._check_unique(owned.kind, record.get(owned.key, []), ids=False)

    def _check_unique(
        self,
        kind: Kind,
        records: list[dict[str, Any]],
        *,
        ids: bool = True,
        natural: bool = True,
    ) -> None:
        seen: dict[Any, dict[str, Any]] = {}
        for record in records:
            if ids and record["id"] in seen:
                raise self._error(
                    _("the id is given twice in {section}; each record needs its own").format(
                        section=kind.section
                    ),
                    record_label(kind, record),
                )
            seen[record["id"]] = record
        if not (natural and kind.natural_key and kind.natural_key_unique):
            return
        named: dict[tuple[Any, ...], dict[str, Any]] = {}
        for record in records:
            key = tuple(record.get(name) for name in kind.natural_key)
            if None in key:
                continue
            if key in named:
                what = ", ".join(
                    f"{name} {quoted(value)}"
                    for name, value in zip(kind.natural_key, key, strict=True)
                )
                raise self._error(
                    _("has the same {what} as {id}; a program holds one such {kind}").format(
                        what=what, id=named[key]["id"], kind=_(kind.record_kind)
                    ),
                    record_label(kind, record),
                )
            named[key] = record

    # -- matching ----------------------------------------------------------------------
    def _match(self, kind: Kind, record: dict[str, Any]) -> None:
        existing = self.existing[kind.section]
        found = existing.get(record["id"]) or self._natural_match(
            kind, record, self.named[kind.section]
        )
        new = found is None
        entity = new_record(kind, record["id"], record, self.saved_at) if found is None else found
        entry = self._claim(kind, record, entity, new)
        for owned in kind.owned:
            entry.owned[owned.key] = []
            current = (
                {}
                if found is None
                else {child.id: child for child in found.children.get(owned.key, [])}
            )
            named = self._index(owned.kind, current.values())
            for child_record in record.get(owned.key, []):
                held = current.get(child_record["id"]) or self._natural_match(
                    owned.kind, child_record, named
                )
                child = (
                    new_record(owned.kind, child_record["id"], child_record, self.saved_at)
                    if held is None
                    else held
                )
                entry.owned[owned.key].append(
                    self._claim(owned.kind, child_record, child, held is None)
                )

    def _claim(
        self, kind: Kind, record: dict[str, Any], entity: Base | NewRecord | StoredRecord, new: bool
    ) -> _Entry:
        claimed = self.claimed[kind.record_kind]
        if id(entity) in claimed:
            raise self._error(
                _(
                    "is the same record as another {kind} of the file (id {id}); keep one of them"
                ).format(kind=_(kind.record_kind), id=entity.id_or_new()),
                record_label(kind, record),
            )
        claimed.add(id(entity))
        entry = _Entry(kind, record, entity, new)
        self.entries.append(entry)
        self.targets[kind.section][record["id"]] = entity
        return entry

    def _natural_match(
        self,
        kind: Kind,
        record: dict[str, Any],
        named: dict[tuple[Any, ...], list[StoredRecord]],
    ) -> StoredRecord | None:
        """The one unclaimed record of the database with the record's natural key."""
        if not kind.natural_key or not named:  # none such in the database: nothing to match
            return None
        wanted = tuple(record.get(name) for name in kind.natural_key)
        claimed = self.claimed[kind.record_kind]
        found = [entity for entity in named.get(wanted, ()) if id(entity) not in claimed]
        return found[0] if len(found) == 1 else None

    @staticmethod
    def _index(
        kind: Kind, records: Collection[StoredRecord]
    ) -> dict[tuple[Any, ...], list[StoredRecord]]:
        """Records by their natural key, as the file writes it."""
        if not kind.natural_key or not records:
            return {}
        named: dict[tuple[Any, ...], list[StoredRecord]] = defaultdict(list)
        for record in records:
            named[tuple(record.values[name] for name in kind.natural_key)].append(record)
        return named

    # -- references --------------------------------------------------------------------
    def _check_links(self) -> None:
        for entry in self.entries:
            kind, record = entry.kind, entry.record
            for link in kind.links:
                target = record.get(link.key)
                if target is not None and target not in self.targets[link.target]:
                    raise self._missing(kind, record, link.key, link.target, target)
            for links in kind.many:
                for target in record.get(links.key, []):
                    if target not in self.targets[links.target]:
                        raise self._missing(kind, record, links.key, links.target, target)

    def _missing(
        self, kind: Kind, record: dict[str, Any], key: str, target: str, target_id: str
    ) -> ProgramFileError:
        target_kind = next(k for k in all_kinds() if k.section == target).record_kind
        return self._error(
            _(
                "{key} refers to {kind} {id}, which is neither in the file nor in the database"
            ).format(key=key, kind=_(target_kind), id=target_id),
            record_label(kind, record),
        )

    # -- values held once --------------------------------------------------------------
    def _check_given_values(self) -> None:
        """The model's rules of values given (a name, an address, a code or a route
        held once, a theme's code without spaces), over the program as the import
        leaves it: the database's records, those the file matches with the file's
        values, and the file's new ones, judged all together, a set of each value.

        A clash the database held before and the file leaves as it is (an older
        database's two delegations named alike, exported and imported again) is not the
        file's to answer for; a value the file gives or changes that another record
        holds is refused, naming both."""
        entries: dict[str, list[_Entry]] = defaultdict(list)
        for entry in self.entries:
            entries[entry.kind.section].append(entry)
        for kind in SECTIONS:
            columns = rules.given_value_columns(kind.entity)
            if not columns or kind.section not in entries:
                continue
            keys = {value.name: value.key for value in kind.values}
            matched = {
                entry.entity.id
                for entry in entries[kind.section]
                if isinstance(entry.entity, StoredRecord)
            }
            judged: list[rules.Standing] = []
            named: list[tuple[dict[str, Any], bool]] = []
            for stored in self.existing[kind.section].values():
                if stored.id not in matched:
                    values = {name: stored.values.get(keys.get(name, name)) for name in columns}
                    judged.append(rules.Standing(values, values))
                    named.append((stored.values, False))
            for entry in entries[kind.section]:
                held = entry.entity if isinstance(entry.entity, StoredRecord) else None
                before = (
                    None
                    if held is None
                    else {name: held.values.get(keys.get(name, name)) for name in columns}
                )
                given = {
                    name: entry.record[keys.get(name, name)]
                    for name in columns
                    if keys.get(name, name) in entry.record
                }
                if before is not None and self.keep_existing:
                    values = before  # left as it is
                else:
                    values = {**(before or {}), **given}
                judged.append(rules.Standing(values, before))
                named.append((entry.record, True))
            clashes = rules.new_clashes(kind.entity, judged)
            if not clashes:
                continue
            clash = min(clashes, key=lambda found: found.record)
            reason = f"{keys.get(clash.problem.field, clash.problem.field)}: {clash.problem}"
            if clash.other is not None:
                other, in_file = named[clash.other]
                where = (
                    _("{reason} The other is {other}, in the file.")
                    if in_file
                    else _("{reason} The other is {other}, in the database.")
                )
                reason = where.format(reason=reason, other=record_label(kind, other))
            raise self._error(reason, record_label(kind, named[clash.record][0]))

    # -- records the file holds as the database does ------------------------------------
    def _load_changed(self) -> None:
        """Keep, as values, the records of the database the file holds as they are, and
        load as entities the others the file names, with what they own."""
        changed: dict[str, list[_Entry]] = defaultdict(list)
        for entry in self.entries:
            if entry.kind.section not in _TOP_LEVEL or not isinstance(entry.entity, StoredRecord):
                continue
            if self.keep_existing:
                continue  # left as they are: nothing to compare or load
            view = self._unchanged(entry)
            if view is None:
                changed[entry.kind.section].append(entry)
            else:
                entry.unchanged = view
        for entries in changed.values():
            kind = entries[0].kind
            ids = [entry.entity.id for entry in entries]  # type: ignore[union-attr]
            loaded: dict[str, Base] = {}
            for start in range(0, len(ids), _LOAD_BATCH):
                statement = select_all(kind).where(
                    kind.entity.id.in_(ids[start : start + _LOAD_BATCH])  # type: ignore[attr-defined]
                )
                loaded.update(
                    (entity.id_or_new(), entity) for entity in self.session.scalars(statement)
                )
            for entry in entries:
                stored = entry.entity
                assert isinstance(stored, StoredRecord)
                entity = loaded.get(stored.id)
                if entity is None:  # deleted by someone else since it was read
                    raise StaleDataError(f"{kind.record_kind} {stored.id} was deleted")
                stored.entity = entity
                entry.entity = entity
                for owned in kind.owned:
                    children = {child.id: child for child in getattr(entity, owned.key)}
                    for held in stored.children.get(owned.key, []):
                        held.entity = children[held.id]
                    for child in entry.owned[owned.key]:
                        if isinstance(child.entity, StoredRecord):
                            child.entity = child.entity.entity_in(self.session)

    def _unchanged(self, entry: _Entry) -> NewRecord | None:
        """The record's values as the entity holds them, for its rules, when the file
        changes nothing of it or of what it owns; None when it changes something."""
        kind, record, stored = entry.kind, entry.record, entry.entity
        assert isinstance(stored, StoredRecord)
        view = self._same_values(kind, record, stored)
        if view is None:
            return None
        for link in kind.links:
            if link.key in record and not self._same_target(
                self._target(link.target, record[link.key]), stored.values[link.key]
            ):
                return None
            view.__dict__[link.name] = self._stored_target(
                link.target, stored.values[link.key], stored, view
            )
        for links in kind.many:
            if links.key in record:
                targets = self.targets[links.target]
                linked = {
                    target.id if isinstance(target, StoredRecord) else None
                    for target in map(targets.__getitem__, record[links.key])
                }
                if linked != set(stored.values[links.key]):
                    return None  # another record, or a new one (None)
            held_targets = self.existing.get(links.target) or self.targets[links.target]
            view.__dict__[links.key] = [
                held_targets.get(target, target) for target in stored.values[links.key]
            ]
        for owned in kind.owned:
            held = stored.children.get(owned.key, [])
            if owned.key in record:
                children = entry.owned[owned.key]
                if not all(isinstance(child.entity, StoredRecord) for child in children) or {
                    child.entity.id  # type: ignore[union-attr]
                    for child in children
                } != {child.id for child in held}:
                    return None
                for child in children:
                    assert isinstance(child.entity, StoredRecord)
                    child_view = self._same_values(owned.kind, child.record, child.entity)
                    if child_view is None:
                        return None
                    child.unchanged = child_view
            views = {id(child.entity): child.unchanged for child in entry.owned[owned.key]}
            view.__dict__[owned.key] = [
                views.get(id(child)) or self._same_values(owned.kind, {}, child) for child in held
            ]
        return view

    def _same_values(
        self, kind: Kind, record: dict[str, Any], stored: StoredRecord
    ) -> NewRecord | None:
        """The stored record's values when the file's (checked and read as an import
        reads them) are the same; None when one differs."""
        values: dict[str, Any] = {"id": stored.id}
        for value in kind.values:
            current = stored.values[value.key]
            given = record.get(value.key, _ABSENT)
            if given is _ABSENT or (
                type(given) is type(current)
                and given == current
                and not (isinstance(given, str) and len(given) > limits.MAX_TEXT_LENGTH)
            ):
                # Written as the database's value is: read as the column holds it.
                values[value.name] = None if current is None else value.codec.decode(current)
                continue
            wanted = self._decoded(kind, record, value)
            if value.only_rises and current is not None:
                wanted = max(wanted, value.codec.decode(current))
            if value.codec.encode(wanted) != current:
                return None
            values[value.name] = wanted
        return NewRecord(kind.entity, values)

    def _target(self, section: str, target_id: str | None) -> Any:
        return None if target_id is None else self.targets[section][target_id]

    @staticmethod
    def _same_target(target: Any, stored_id: str | None) -> bool:
        if target is None:
            return stored_id is None
        return isinstance(target, StoredRecord) and target.id == stored_id

    def _stored_target(
        self, section: str, target_id: str | None, stored: StoredRecord, view: NewRecord
    ) -> Any:
        """What a stored link leads to, for the rules: the record itself, or another."""
        if target_id is None:
            return None
        if target_id == stored.id and section == stored.kind.section:
            return view
        return self.existing.get(section, {}).get(target_id) or self.targets[section].get(
            target_id, target_id
        )

    # -- which new records become entities ---------------------------------------------
    def _choose_entities(self) -> None:
        """Make entities of the new records that a record written through the session
        refers to, owns or is owned by, and of what those refer to in turn; the rest
        stay values, written in bulk after the session's flush."""
        if self.keep_existing:
            return  # records the database holds are left alone: none refers to new ones
        entries = {id(entry.entity): entry for entry in self.entries}
        owners = {
            id(child): entry
            for entry in self.entries
            for children in entry.owned.values()
            for child in children
        }
        queue = [entry for entry in self.entries if not entry.new]
        while queue:
            entry = queue.pop()
            related: list[Any] = [
                self.targets[link.target].get(entry.record.get(link.key) or "")
                for link in entry.kind.links
            ]
            related += [
                self.targets[links.target][target]
                for links in entry.kind.many
                for target in entry.record.get(links.key, [])
            ]
            related += [child.entity for children in entry.owned.values() for child in children]
            owner = owners.get(id(entry))
            if owner is not None:
                related.append(owner.entity)
            for item in related:
                if isinstance(item, NewRecord) and id(item) in entries:
                    queue.append(self._make_entity(entries.pop(id(item))))

    def _make_entity(self, entry: _Entry) -> _Entry:
        entity = entry.kind.entity(id=entry.record["id"])
        entry.entity = entity
        self.targets[entry.kind.section][entry.record["id"]] = entity
        if entry.kind.section in _TOP_LEVEL:
            self.session.add(entity)
        return entry

    def _pending(self) -> list[Pending]:
        """The records left to write in bulk, owners before what they own."""
        pending: list[Pending] = []
        for entry in self.entries:
            if entry.kind.section not in _TOP_LEVEL or not isinstance(entry.entity, NewRecord):
                continue
            pending.append(Pending(entry.kind, entry.entity))
            for key, children in entry.owned.items():
                for child in children:
                    assert isinstance(child.entity, NewRecord)  # owned alike (see above)
                    pending.append(
                        Pending(child.kind, child.entity, (entry.kind, key, entry.entity))
                    )
        return pending

    def _note_sessions_filed(self, pending: Sequence[Pending]) -> None:
        """Count each conference of the database that new sessions written in bulk are
        filed under as changed, as a save filing them would (its version rises, its
        history names its sessions before and after): the bulk insert passes by the
        session's flush, where that is noted otherwise, and an undo or a deletion that
        checks the conference's version must see a colleague's sessions."""
        from cpp_scheduler.model import Event
        from cpp_scheduler.model.integrity import note_sessions_filed

        filed: dict[str, set[str]] = defaultdict(set)
        for item in pending:
            if item.kind.entity is not Event:
                continue
            given = item.record.given
            parent = given.get("parent")
            if isinstance(parent, NewRecord):
                continue  # a conference of this import: new, with no version to raise
            parent_id = parent.id if parent is not None else given.get("parent_id")
            if parent_id is not None:
                filed[str(parent_id)].add(str(given["id"]))
        for conference_id, sessions in sorted(filed.items()):
            conference = self.session.get(Event, conference_id)
            if conference is None:
                continue
            held = set(
                self.session.scalars(select(Event.id).where(Event.parent_id == conference_id))
            )
            note_sessions_filed(self.session, conference, held - sessions, held)

    # -- writing -----------------------------------------------------------------------
    def _write(self, entry: _Entry) -> None:
        kind, record, entity = entry.kind, entry.record, entry.entity
        tally = self.tallies[kind.record_kind]
        if not entry.new and self.keep_existing:
            tally.unchanged += 1
            for owned in kind.owned:
                self.tallies[owned.kind.record_kind].unchanged += len(entry.owned[owned.key])
            return
        entry.written = True
        if entry.unchanged is not None:
            tally.unchanged += 1
            for owned in kind.owned:
                children = entry.owned[owned.key]
                self.tallies[owned.kind.record_kind].unchanged += len(children)
                for child in children:
                    child.written = True
            return
        if isinstance(entity, NewRecord):
            self._write_new(entry, entity)
            tally.created.append((kind, record))
            return
        series = _series_before(entity)
        changed = self._write_values(entry)
        for link in kind.links:
            if link.key not in record:
                continue
            target_id = record[link.key]
            target = None if target_id is None else self._entity(link.target, target_id)
            current = getattr(entity, link.name)
            if current is not target:
                if link.target == kind.section and isinstance(entity, Base) and not entry.new:
                    self.refiled.append(_Refiled(entity, link.name, current, target))
                setattr(entity, link.name, target)
                changed = True
        for links in kind.many:
            if links.key not in record:
                continue
            wanted = [self._entity(links.target, target_id) for target_id in record[links.key]]
            current = getattr(entity, links.key)
            if {id(item) for item in current} != {id(item) for item in wanted}:
                setattr(entity, links.key, wanted)
                changed = True
        for owned in kind.owned:
            if owned.key in record:
                changed = self._write_owned(entry, owned.key, owned.kind) or changed
        if series is not None and isinstance(entity, Event):
            times, meetings = series
            if _changed_meetings(entity) == meetings:
                # A series moved or given another rule by the file, its moved and
                # cancelled meetings left as the database holds them: they follow it to
                # their counterparts, as a save's do (a cancelled February stays so).
                entity.keep_changed_meetings(times)
        if entry.new:
            tally.created.append((kind, record))
        elif changed:
            tally.updated.append((kind, record))
        else:
            tally.unchanged += 1

    def _entity(self, section: str, target_id: str) -> Base | NewRecord:
        """What a link of a record written through the session leads to: an entity, or
        a new record that becomes one (see :meth:`_choose_entities`)."""
        target = self.targets[section][target_id]
        if isinstance(target, StoredRecord):
            return target.entity_in(self.session)
        return target

    def _write_new(self, entry: _Entry, values: NewRecord) -> None:
        """A new record's values, links and owned records, all as the file gives them."""
        kind, record = entry.kind, entry.record
        given = values.__dict__
        given.update(self._decoded_values(kind, record))
        for link in kind.links:
            target_id = record.get(link.key)
            if target_id is not None:
                given[link.name] = self.targets[link.target][target_id]
        for links in kind.many:
            if links.key in record:
                targets = self.targets[links.target]
                given[links.key] = [targets[target_id] for target_id in record[links.key]]
        for owned in kind.owned:
            children = entry.owned[owned.key]
            tally = self.tallies[owned.kind.record_kind]
            for child in children:
                child.written = True
                assert isinstance(child.entity, NewRecord)  # a new owner's records are new
                child.entity.__dict__.update(self._decoded_values(owned.kind, child.record))
                tally.created.append((owned.kind, child.record))
            if children:
                given[owned.key] = [child.entity for child in children]

    def _decoded_values(self, kind: Kind, record: dict[str, Any]) -> dict[str, Any]:
        """The model's values of the keys the file's record gives, by attribute: an
        absent text (None) or one within its limit as it is, any other value through its
        codec; a value the codec refuses, or a text too long, through :meth:`_decoded`,
        which words the refusal."""
        decoded = {}
        for value, key, name, decode in _readings(kind):
            if key in record:
                given = record[key]
                if type(given) is str and len(given) > limits.MAX_TEXT_LENGTH:
                    decoded[name] = self._decoded(kind, record, value)
                elif decode is None:
                    decoded[name] = (
                        given
                        if given is None or type(given) is str
                        else self._decoded(kind, record, value)
                    )
                else:
                    try:
                        decoded[name] = decode(given)
                    except (ValueError, TypeError, OverflowError):
                        decoded[name] = self._decoded(kind, record, value)
        return decoded

    def _decoded(self, kind: Kind, record: dict[str, Any], value: Value) -> Any:
        """The model's value of one key of the file, or a one-line refusal."""
        given = record[value.key]
        too_long = rules.text_length_problem(value.key, given, value.key)
        if too_long is not None:
            raise self._error(too_long.message, record_label(kind, record))
        try:
            return value.codec.decode(given)
        except (ValueError, TypeError, OverflowError) as error:
            raise self._error(
                _("{key}: {value} cannot be read ({reason})").format(
                    key=value.key, value=quoted(given), reason=printable(str(error))
                ),
                record_label(kind, record),
            ) from None

    def _write_values(self, entry: _Entry) -> bool:
        kind, record, entity = entry.kind, entry.record, entry.entity
        changed = False
        for value in kind.values:
            if value.key not in record:
                continue
            wanted = self._decoded(kind, record, value)
            current = getattr(entity, value.name)
            if value.only_rises and current is not None and not entry.new:
                wanted = max(wanted, current)
            if entry.new or value.codec.encode(wanted) != _encoded(value.codec, current):
                setattr(entity, value.name, wanted)
                changed = True
        return changed

    def _write_owned(self, owner: _Entry, key: str, kind: Kind) -> bool:
        children = owner.owned[key]
        tally = self.tallies[kind.record_kind]
        for child in children:
            child.written = True
            changed = self._write_values(child)
            if child.new:
                tally.created.append((kind, child.record))
            elif changed:
                tally.updated.append((kind, child.record))
            else:
                tally.unchanged += 1
        current = list(getattr(owner.entity, key))
        wanted = [child.entity for child in children]
        if {id(item) for item in current} == {id(item) for item in wanted}:
            return False
        kept = {id(item) for item in wanted}
        for item in current:
            if id(item) not in kept:
                tally.removed.append((kind, encode_record(kind, item)))
                if isinstance(item, TourDay):
                    self.unfiled.extend(item.events)
        setattr(owner.entity, key, wanted)
        return True

    def _note_unfiled(self) -> None:
        """Report the events a removed tour day leaves on no day as updated, as their
        history records the change, unless the file's own record of them is reported
        already (or they are new)."""
        if not self.unfiled:
            return
        tally = self.tallies[EVENTS.record_kind]
        told = {record["id"] for _kind, record in (*tally.updated, *tally.created)}
        for event in self.unfiled:
            if event.id not in told:
                told.add(event.id)
                tally.updated.append((EVENTS, encode_record(EVENTS, event)))
                if tally.unchanged and any(
                    entry.kind is EVENTS and entry.entity is event for entry in self.entries
                ):
                    tally.unchanged -= 1

    def _flush(self) -> None:
        """Write what goes through the session. Records filed anew under others that are
        refiled too (two themes swapping places) are rows the unit of work cannot order
        in one flush, each waiting for the other's; so the rest is written with them
        where they were, then each level of the new tree from the top, every step a
        tree without a loop (the rules refused any in the file), all in the one
        transaction and, merged, one history entry per record."""
        moved = {id(item.entity) for item in self.refiled}
        if not any(id(item.before) in moved or id(item.after) in moved for item in self.refiled):
            self.session.flush()
            return
        levels = _levels(self.refiled)
        for item in self.refiled:
            setattr(item.entity, item.link, item.before)
        self.session.flush()
        for level in levels:
            for item in level:
                setattr(item.entity, item.link, item.after)
            self.session.flush()

    # -- rules -------------------------------------------------------------------------
    def _check_rules(self) -> None:
        meetings = 0
        for entry in self.entries:
            if not entry.written:
                continue
            checked: Any = entry.unchanged or entry.entity
            problems = checked.problems()
            if problems:
                keys = {value.name: value.key for value in entry.kind.values}
                rules = "; ".join(
                    f"{keys.get(problem.field, problem.field)}: {problem.message}"
                    for problem in problems
                )
                raise self._error(rules, record_label(entry.kind, entry.record))
            if entry.kind.section == "events":
                meetings += _meetings_of(checked)
                if meetings > limits.MAX_PROGRAM_FILE_MEETINGS:
                    raise self._error(
                        _(
                            "the file holds more than {largest} meetings (each series counted "
                            "by the meetings its rule gives, up to this event)"
                        ).format(largest=f"{limits.MAX_PROGRAM_FILE_MEETINGS:,}"),
                        record_label(entry.kind, entry.record),
                    )

    def _error(self, message: str, record: str | None = None) -> ProgramFileError:
        return ProgramFileError(self.path, message, record)


def _meetings_of(event: Any) -> int:
    """How many meetings an event the rules found right holds: one, or its series' (the
    starts its rule check expanded a moment before, kept by the model)."""
    rule = event.recurrence_rule
    if not rule:
        return 1
    return len(recurrence.local_starts(rule, event.start_utc, event.zone))


@dataclass(frozen=True)
class _Refiled:
    """A record of the database the import files under another of its kind."""

    entity: Base
    link: str
    before: Any
    after: Any


def _levels(refiled: Sequence[_Refiled]) -> list[list[_Refiled]]:
    """The refiled records by their depth in the new tree, the top first: each level's
    new parents are then where the file puts them before it moves under them."""
    by_depth: dict[int, list[_Refiled]] = defaultdict(list)
    for item in refiled:
        depth, above = 0, item.after
        while above is not None:  # ends: the rules refused every loop
            depth += 1
            above = getattr(above, item.link)
        by_depth[depth].append(item)
    return [by_depth[depth] for depth in sorted(by_depth)]


def _storage_failure(session: Session, error: DBAPIError) -> SchedulerError:
    """The store's own refusal of a write the database refused (a full disk, a lock held
    too long, a read-only file, a lost connection), as a save says it: the records
    written in bulk and the history's entries go to the driver directly, past the
    session's flush, which would word them. No record is named: the one the session
    wrote last is not the one refused."""
    if not isinstance(session, StoreSession):
        return SchedulerError(
            _("cannot be imported: {detail}").format(detail=printable(_first_line(error), 200))
        )
    session.info[IN_FLIGHT] = []
    return session.translate(error)


def _first_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _readings(kind: Kind) -> tuple[tuple[Value, str, str, Callable[[Any], Any] | None], ...]:
    """(value, its key in the file, its attribute, its codec's decoding, None for a text
    taken as it is) of each plain value of ``kind``: worked out once per kind (by its
    entity, a cheap key)."""
    found = _READINGS.get(kind.entity)
    if found is None:
        found = tuple(
            (value, value.key, value.name, None if value.codec is TEXT else value.codec.decode)
            for value in kind.values
        )
        _READINGS[kind.entity] = found
    return found


_READINGS: dict[type[Base], tuple[tuple[Value, str, str, Callable[[Any], Any] | None], ...]] = {}


_LOAD_BATCH = 500
"""Ids per query when the records a file changes are loaded (SQLite takes 999 at most)."""


_TOP_LEVEL = frozenset(kind.section for kind in SECTIONS)
"""The sections of the file, which owned kinds are not (compared by name: comparing two
kinds compares their whole declarations)."""

_ABSENT = object()
"""A key the file's record leaves out."""


def _encoded(codec: Any, value: Any) -> Any:
    try:
        return codec.encode(value)
    except (ValueError, TypeError, AttributeError):
        return object()  # an unset value on an entity differs from any value in a file
