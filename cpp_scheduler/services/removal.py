"""Deleting a record with everything it takes along, and putting it back as it was.

A deletion returns a snapshot of the record's rows and of everything the deletion takes
with it (links, sessions of a conference, changed occurrences) or clears (references
from other records), so :func:`restore_record` puts all of it back as it was. Clearing
a reference or a link, or putting it back, changes the other record (an event whose venue
or participant was deleted) at a new version; both say which records they changed and
the versions they found and left (:class:`~cpp_scheduler.services.editing.Touched`), so
an undo stack counts those versions as its own.

Many records of one kind are deleted or put back at once (:func:`delete_held_records`,
:func:`restore_records`) a table at a time: an undone import takes back thousands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Column, ForeignKey, Table, UniqueConstraint, inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapper, RelationshipProperty, Session, selectinload

from cpp_scheduler import i18n, timezones
from cpp_scheduler.errors import SchedulerError, printable, quoted
from cpp_scheduler.i18n import _
from cpp_scheduler.model.base import Base
from cpp_scheduler.model.validation import (
    Standing,
    Unique,
    given_value_columns,
    new_clashes,
    unique_rules,
)
from cpp_scheduler.services.editing import (
    RecordNotFoundError,
    StaleRecordError,
    Touched,
    Touching,
    check_version,
    get_record,
    link_gone,
    parents_of,
    record_title,
)
from cpp_scheduler.store import Database, DuplicateValueError, StoreError, history
from cpp_scheduler.store.errors import first_line, unique_columns
from cpp_scheduler.store.session import (
    StoreSession,
    hold_for_changing,
    hold_for_writing,
    holds_each_row,
)


@dataclass
class Snapshot:
    """Everything a deletion removed or cleared, enough to put it back."""

    model: str
    record_id: str
    title: str
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """Removed rows in an order that can be inserted again (parents first)."""
    cleared: list[tuple[str, dict[str, Any], str, Any]] = field(default_factory=list)
    """References set to NULL: (table, primary key, column, former value)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "record_id": self.record_id,
            "title": self.title,
            "rows": self.rows,
            "cleared": self.cleared,
        }


def _tables() -> dict[str, Table]:
    return dict(Base.metadata.tables)


def _primary_key(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    return {column.name: row[column.name] for column in table.primary_key.columns}


_CHUNK = 500
"""Values in one ``IN (...)`` list: well within every backend's limit on parameters."""


Seen = set[tuple[str | None, str, tuple[Any, ...]]]
"""The rows a gathering recorded: (whose snapshot, or None for all of them, table, key)."""


def _collect(
    session: Session,
    table: Table,
    column_name: str,
    owners: Mapping[Any, Sequence[Snapshot]],
    seen: Seen,
    holding: bool,
    apart: bool,
) -> None:
    """Record ``table``'s rows whose ``column_name`` is one of ``owners``' keys, in the
    snapshots that key belongs to, then what they take with them (rows that cascade)
    and what they clear (SET NULL references). ``apart``: each snapshot gets every row
    its record alone would take (a conference's sessions, though they are gathered
    too); else a row two deletions reach is recorded once, by the first, as one
    deletion of them all takes it. ``holding``: each row is held for the deletion as it
    is read (:func:`_rows_where`), before what refers to it is read."""
    fresh: list[tuple[dict[str, Any], list[Snapshot]]] = []
    for row in _rows_where(session, table, column_name, owners, holding):
        key = (table.name, tuple(_primary_key(table, row).values()))
        taking = []
        for snapshot in owners[row[column_name]]:
            mark = (snapshot.record_id if apart else None, *key)
            if mark not in seen:
                seen.add(mark)
                snapshot.rows.append((table.name, row))
                taking.append(snapshot)
        if taking:
            fresh.append((row, taking))
    if not fresh:
        return
    for other in _tables().values():
        for foreign_key in other.foreign_keys:
            if foreign_key.column.table is not table:
                continue
            referred: dict[Any, list[Snapshot]] = {}
            for row, taking in fresh:
                reaching = referred.setdefault(row[foreign_key.column.name], [])
                if apart:
                    reaching.extend(s for s in taking if all(s is not r for r in reaching))
                elif not reaching:
                    reaching.append(taking[0])
            local = foreign_key.parent.name
            if (foreign_key.ondelete or "").upper() == "CASCADE":
                _collect(session, other, local, referred, seen, holding, apart)
            elif (foreign_key.ondelete or "").upper() == "SET NULL":
                _collect_cleared(session, other, local, referred, seen, holding, apart)


def _collect_cleared(
    session: Session,
    table: Table,
    column_name: str,
    owners: Mapping[Any, Sequence[Snapshot]],
    seen: Seen,
    holding: bool,
    apart: bool,
) -> None:
    """Record the references of ``table``'s rows to one of ``owners``' keys, which the
    deletion sets to NULL, in the snapshots that key belongs to."""
    for row in _rows_where(session, table, column_name, owners, holding):
        key = _primary_key(table, row)
        for snapshot in owners[row[column_name]]:
            if (snapshot.record_id if apart else None, table.name, tuple(key.values())) in seen:
                continue  # removed with the record anyway
            snapshot.cleared.append((table.name, key, column_name, row[column_name]))


def _rows_where(
    session: Session, table: Table, column_name: str, values: Iterable[Any], holding: bool
) -> Iterator[dict[str, Any]]:
    """``table``'s rows whose ``column_name`` is one of ``values``, as dicts, read
    :data:`_CHUNK` values at a time. ``holding``: locked on a server as they are read
    (``FOR UPDATE``), so none of them changes, and nothing comes to refer to them,
    before the deletion writes; on SQLite the deletion holds the file's write lock
    already (:func:`~cpp_scheduler.store.session.hold_for_writing`)."""
    wanted = [value for value in values if value is not None]
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        query = select(table).where(table.c[column_name].in_(chunk))
        for found in session.execute(query.with_for_update() if holding else query):
            yield dict(found._mapping)


def _set_reference(
    session: Session,
    table_name: str,
    key: Mapping[str, Any],
    column: str,
    value: Any,
    touching: Touching,
    *,
    only_if_empty: bool = False,
) -> bool:
    """Set a reference a deletion clears (an event's venue) or its undo puts back, on the
    record itself rather than in SQL, so the record's version rises and its history says
    who changed it: a colleague's editor open on it, their window and the invitations'
    SEQUENCE all learn of it; ``touching`` notes the record. False where the table is no
    record's (a link table)."""
    mapper = _mapper_of(table_name)
    if mapper is None:
        return False
    record = session.get(mapper.class_, tuple(key[c.name] for c in mapper.primary_key))
    if record is None:
        return True  # gone with the deletion itself
    attribute = mapper.get_property_by_column(mapper.local_table.c[column]).key
    if not only_if_empty or getattr(record, attribute) is None:
        touching.note(record)
        setattr(record, attribute, value)
    return True


@dataclass(frozen=True)
class _LinkOwner:
    """A record's list of links kept in a table of links (an event's participants in
    ``event_participants``): which column of a link row names the record, and which the
    record linked to."""

    relationship: RelationshipProperty[Any]
    owner_column: str
    target_column: str

    @property
    def owner_cls(self) -> type[Base]:
        return self.relationship.parent.class_

    @property
    def owner_table(self) -> str:
        return str(self.owner_cls.__tablename__)

    @property
    def target_cls(self) -> type[Base]:
        return self.relationship.mapper.class_


@cache
def _link_owners(table_name: str) -> tuple[_LinkOwner, ...]:
    """The records' lists of links kept in ``table_name`` (none for a record's table):
    worked out once per table, as an undone import deletes thousands of rows."""
    table = _tables()[table_name]
    found = []
    for mapper in Base.registry.mappers:
        for relationship in mapper.relationships:
            if relationship.secondary is not table or relationship.viewonly:
                continue
            ((_, owner_column),) = relationship.synchronize_pairs
            ((_, target_column),) = relationship.secondary_synchronize_pairs or ()
            found.append(_LinkOwner(relationship, owner_column.name, target_column.name))
    return tuple(found)


def _unlink(
    session: Session, owner: _LinkOwner, row: Mapping[str, Any], touching: Touching
) -> None:
    """Take a link out of its owner's list (a deleted participant out of an event's), on
    the record rather than in SQL: the owner's version rises and its history says who
    changed its links, so a colleague's save of the old list is refused, not applied."""
    record = session.get(owner.owner_cls, row[owner.owner_column])
    if record is None:
        return
    links = getattr(record, owner.relationship.key)
    gone = [linked for linked in links if linked.id == row[owner.target_column]]
    if gone:
        touching.note(record)
        for linked in gone:
            links.remove(linked)


def _relink(
    session: Session, owner: _LinkOwner, row: Mapping[str, Any], touching: Touching
) -> None:
    """Put a link back in its owner's list, as :func:`_unlink` took it out; nothing where
    the owner or the record linked to is gone since."""
    record = session.get(owner.owner_cls, row[owner.owner_column])
    target = session.get(owner.target_cls, row[owner.target_column])
    if record is None or target is None:
        return
    links = getattr(record, owner.relationship.key)
    if target not in links:
        touching.note(record)
        links.append(target)


def delete_record(
    session: Session,
    model_cls: type[Base],
    record_id: str,
    *,
    touched: list[Touched] | None = None,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Delete a record and return a snapshot that :func:`restore_record` can put back;
    refused (:class:`StaleRecordError`) when it is no longer at ``expected_version``.

    ``touched``: given, gets the other records the deletion changed: those whose
    references it cleared or links it took out, and the record it belonged to where
    losing it changes that one (a series whose changed meeting it was).

    The record is held for the deletion before it is read (and each row the deletion
    reaches as it is gathered): what a colleague saves meanwhile either came before, and
    is seen and checked, or waits until the deletion has ended."""
    hold_for_deleting(session, model_cls, [record_id])
    return _delete_held(session, model_cls, record_id, touched, expected_version)


def _delete_held(
    session: Session,
    model_cls: type[Base],
    record_id: str,
    touched: list[Touched] | None = None,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """:func:`delete_record` of a record :func:`hold_for_deleting` holds already."""
    record = get_record(session, model_cls, record_id)
    check_version(record, expected_version)
    (snapshot,) = _delete(session, model_cls, [record], touched)
    return snapshot


def delete_held_records(
    session: Session,
    model_cls: type[Base],
    record_ids: Sequence[str],
    *,
    touched: list[Touched] | None = None,
) -> dict[str, dict[str, Any]]:
    """Delete many records of one kind at once (an undone import takes back thousands),
    which the transaction holds already (:func:`hold_for_deleting`, before it checked
    them): each one's snapshot, by id, as :func:`delete_record` gives it, from a few
    queries per table rather than a few per record. Refused
    (:class:`RecordNotFoundError`) when one of them is gone. ``touched``: as for
    :func:`delete_record`."""
    records = _each_of(session, model_cls, record_ids, *_loaded_with(model_cls))
    snapshots = _delete(session, model_cls, list(records.values()), touched)
    return {snapshot["record_id"]: snapshot for snapshot in snapshots}


def _each_of(
    session: Session, model_cls: type[Base], record_ids: Sequence[str], *options: Any
) -> dict[str, Base]:
    """The records ``record_ids`` names, by id in their order (each once), read a chunk
    at a time; refused (:class:`RecordNotFoundError`) when one of them is gone."""
    records: dict[str, Base] = {}
    entity: Any = model_cls
    for start in range(0, len(record_ids), _CHUNK):
        chunk = list(record_ids[start : start + _CHUNK])
        query = select(entity).where(entity.id.in_(chunk)).options(*options)
        records.update((str(record.id), record) for record in session.scalars(query))
    for record_id in record_ids:
        if record_id not in records:
            get_record(session, model_cls, record_id)  # says which kind is gone
    return {record_id: records[record_id] for record_id in dict.fromkeys(record_ids)}


def hold_for_deleting(session: Session, model_cls: type[Base], record_ids: Sequence[str]) -> None:
    """Hold the records of ``model_cls`` that ``record_ids`` names for their deletion
    (:func:`~cpp_scheduler.store.session.hold_for_writing`), after the records the
    deletion changes besides, as they are now (:func:`_changed_besides`): the
    conference a session is filed under, the records whose references it clears (an
    event held on a deleted tour's day) and whose links it takes out (an event a
    deleted participant attends).

    A colleague's save of one of those records writes it first and then meets the
    deleted one (filing a session elsewhere holds its conference before the session; an
    event's row is written before its links and before the record its new reference
    names is checked): a deletion that held its record first and then waited for that
    one would wait for a save that waits for it, which the server ends as a deadlock.
    Taken in the same order, one of the two waits for the other to end and then meets
    what it did. On SQLite the deletion holds the whole file at once, and nothing is
    read before."""
    if holds_each_row(session):
        for table, ids in _changed_besides(session, model_cls, record_ids):
            hold_for_changing(session, table, ids)
    hold_for_writing(session, _table_of(model_cls), record_ids)


def _changed_besides(
    session: Session, model_cls: type[Base], record_ids: Sequence[str]
) -> list[tuple[Table, list[Any]]]:
    """The records that deleting ``record_ids`` changes without deleting them, holding
    nothing: the records they belong to (a session's conference, a changed meeting's
    series, a day's tour), and, through everything deleted with them, the records
    whose references the deletion clears and those whose links it takes out. Only ids
    are read, and only along the references that can reach such a record (an undone
    import deletes thousands of events, whose ledgers and changed meetings lead to
    nothing more). Each table's ids sorted, tables in name order, so two deletions
    hold what they share in one order too."""
    tables = _tables()
    own = _table_of(model_cls)
    found: dict[str, set[Any]] = {}
    removed: dict[str, set[Any]] = {own.name: set(record_ids)}
    belongs_to = [key for key in own.foreign_keys if _cascades(key)]
    if belongs_to:
        parents = [key.parent for key in belongs_to]
        for row in _column_rows(session, own.c.id, record_ids, parents):
            for key, owner in zip(belongs_to, row[1:], strict=True):
                if owner is not None:
                    found.setdefault(key.column.table.name, set()).add(owner)
    waiting: list[tuple[Table, list[Any]]] = [(own, list(record_ids))]
    while waiting:
        referred, ids = waiting.pop()
        for other in tables.values():
            for key in other.foreign_keys:
                if key.column.table is not referred:
                    continue
                column = key.parent
                if not _cascades(key):
                    if _clears(key):
                        changed = found.setdefault(other.name, set())
                        changed.update(row[1] for row in _column_rows(session, column, ids, ["id"]))
                    continue
                for owner in _link_owners(other.name):
                    if owner.owner_column != column.name:
                        changed = found.setdefault(owner.owner_table, set())
                        changed.update(
                            row[1]
                            for row in _column_rows(session, column, ids, [owner.owner_column])
                        )
                if "id" in other.c and _reaches_others(other.name):
                    gone = removed.setdefault(other.name, set())
                    new = [
                        row[1]
                        for row in _column_rows(session, column, ids, ["id"])
                        if row[1] not in gone
                    ]
                    gone.update(new)
                    if new:
                        waiting.append((other, new))
    return [
        (tables[name], sorted(ids - removed.get(name, set())))
        for name, ids in sorted(found.items())
        if ids - removed.get(name, set())
    ]


def _cascades(key: ForeignKey) -> bool:
    """Whether a row goes with the row its ``key`` refers to."""
    return (key.ondelete or "").upper() == "CASCADE"


def _clears(key: ForeignKey) -> bool:
    """Whether a row loses its reference ``key`` when the row it refers to goes."""
    return (key.ondelete or "").upper() == "SET NULL"


_IDS_AT_ONCE = 5000
"""Values in one ``IN (...)`` list of :func:`_changed_besides`, which only a server
is asked (PostgreSQL takes 65,535 parameters in a statement): an undone import of
thousands of events reads what they reach in a few statements."""


def _column_rows(
    session: Session, column: Column[Any], values: Sequence[Any], also: Sequence[Any]
) -> Iterator[Sequence[Any]]:
    """``column`` and the columns ``also`` names (or gives) of the rows of its table
    whose ``column`` is one of ``values``, :data:`_IDS_AT_ONCE` values at a time."""
    table = column.table
    wanted = [value for value in values if value is not None]
    others = [table.c[name] if isinstance(name, str) else name for name in also]
    for start in range(0, len(wanted), _IDS_AT_ONCE):
        chunk = wanted[start : start + _IDS_AT_ONCE]
        yield from session.execute(select(column, *others).where(column.in_(chunk)))


@cache
def _reaches_others(table_name: str, seen: frozenset[str] = frozenset()) -> bool:
    """Whether deleting rows of ``table_name`` can change a record it does not delete:
    a reference to them that is cleared, a link to them taken out of another record's
    list, or either of those through the rows deleted with them."""
    for other in _tables().values():
        for key in other.foreign_keys:
            if key.column.table.name != table_name:
                continue
            if _clears(key):
                return True
            if not _cascades(key):
                continue
            if any(owner.owner_column != key.parent.name for owner in _link_owners(other.name)):
                return True
            if other.name not in seen | {table_name} and _reaches_others(
                other.name, seen | {table_name}
            ):
                return True
    return False


def _loaded_with(model_cls: type[Base]) -> list[Any]:
    """Loader options for what the ORM itself deletes or unlinks with a record (its
    changed meetings, its lists of links): read with the records, not one by one."""
    return [
        selectinload(getattr(model_cls, relationship.key))
        for relationship in inspect(model_cls).relationships
        if not relationship.viewonly
        and (relationship.secondary is not None or "delete" in relationship.cascade)
    ]


def _delete(
    session: Session,
    model_cls: type[Base],
    records: Sequence[Base],
    touched: list[Touched] | None,
) -> list[dict[str, Any]]:
    """Delete ``records`` (of ``model_cls``), with their snapshots in their order."""
    snapshots = {
        str(record.id): Snapshot(model_cls.__name__, str(record.id), _title_of(record))  # type: ignore[attr-defined]
        for record in records
    }
    session.flush()
    removed = _gather(session, model_cls, snapshots, holding=True)
    touching = Touching()
    # One flush writes the deletion and everything it clears and unlinks: one new
    # version for each record changed, and history entries of one moment, which a revert
    # of the deletion reads as its own (services/history.py) and no other save's.
    with session.no_autoflush:
        for snapshot in snapshots.values():
            for table_name, key, column, _value in snapshot.cleared:
                _set_reference(session, table_name, key, column, None, touching)
        for snapshot in snapshots.values():
            for owner, row in _unlinked(snapshot, removed):
                _unlink(session, owner, row, touching)
        if touched is not None:
            for record in records:
                for parent in parents_of(record):
                    touching.note(parent)
        for record in records:
            session.delete(record)
    session.flush()
    if touched is not None:
        touched.extend(touching.touched())
    session.expunge_all()
    return [snapshot.as_dict() for snapshot in snapshots.values()]


def _table_of(model_cls: type[Base]) -> Table:
    table = model_cls.__table__
    assert isinstance(table, Table)
    return table


def _gather(
    session: Session,
    model_cls: type[Base],
    snapshots: Mapping[Any, Snapshot],
    *,
    holding: bool = False,
    apart: bool = False,
) -> set[tuple[str, tuple[Any, ...]]]:
    """Fill the ``snapshots`` (by record id) with every row deleting those records of
    ``model_cls`` removes and every reference it clears, only reading; the removed
    rows' keys. The deletion itself and the question before it both read it here: the
    deletion ``holding`` each row it reads until it ends, in its own transaction, so
    what it writes is what it read. ``apart``: each snapshot as its record's deletion
    alone would take it (see :func:`_collect`)."""
    seen: Seen = set()
    owners = {record_id: (snapshot,) for record_id, snapshot in snapshots.items()}
    _collect(session, _table_of(model_cls), "id", owners, seen, holding, apart)
    for snapshot in snapshots.values():
        # References from rows that are deleted too are restored with those rows.
        scope = snapshot.record_id if apart else None
        snapshot.cleared = [
            entry
            for entry in snapshot.cleared
            if (scope, entry[0], tuple(entry[1].values())) not in seen
        ]
    return {(table_name, key) for _scope, table_name, key in seen}


def snapshots_of(
    session: Session, model_cls: type[Base], record_ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """The snapshot :func:`delete_record` would take of each record, alone, read for
    them all at once and nothing deleted: a few queries per table rather than a deletion
    of each (an import keeps one of each event it updates, to undo it). Refused
    (:class:`RecordNotFoundError`) when one of them is gone."""
    snapshots = {
        record_id: Snapshot(model_cls.__name__, record_id, _title_of(record))
        for record_id, record in _each_of(session, model_cls, record_ids).items()
    }
    _gather(session, model_cls, snapshots, apart=True)
    return {record_id: snapshot.as_dict() for record_id, snapshot in snapshots.items()}


def _unlinked(
    snapshot: Snapshot, removed: set[tuple[str, tuple[Any, ...]]]
) -> Iterator[tuple[_LinkOwner, dict[str, Any]]]:
    """The links a deletion takes out of the lists of records it leaves (a deleted
    delegation out of an event's): each list's owner and the link's row."""
    for table_name, row in snapshot.rows:
        for owner in _link_owners(table_name):
            if (owner.owner_table, (row[owner.owner_column],)) not in removed:
                yield owner, row


def _title_of(record: Base) -> str:
    return str(getattr(record, "title", None) or getattr(record, "name", None) or record.id)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Other:
    """Another record a deletion took something from: its table, id and name."""

    table: str
    record_id: str
    label: str
    """As a message names it (``event 'Kobe port briefing'``)."""


def taken_from_others(
    session: Session, snapshot: Mapping[str, Any], touched: Sequence[Touched]
) -> list[Other]:
    """The other records a deletion (its ``snapshot`` and the records it ``touched``)
    took something from: those that refer to the deleted one or list it among their
    links, and those deleted with it that are more than a part of it (a conference's
    session; not a series' changed meeting or the ledger of sent invitations).

    What takes back a record's creation (a history revert, an undone import) asks it,
    so that a colleague who linked their work to the record since keeps it."""
    entities = {mapper.class_.__name__: mapper.class_ for mapper in Base.registry.mappers}
    found: list[Other] = []
    nothing: Mapping[str, Any] = {}
    own_table, own = next(
        (
            (table_name, row)
            for table_name, row in snapshot["rows"]
            if row.get("id") == snapshot["record_id"]
            and (mapper := _mapper_of(table_name)) is not None
            and mapper.class_.__name__ == snapshot["model"]
        ),
        ("", nothing),
    )
    table = _tables().get(own_table)
    parents = (
        set()
        if table is None
        else {own.get(key.parent.name) for key in table.foreign_keys} - {None}
    )
    for record in touched:
        entity = entities.get(record.model)
        if entity is None or record.record_id in parents:
            continue  # the record it belonged to (a series whose meeting it changed)
        other = session.get(entity, record.record_id)
        if other is not None:
            found.append(Other(str(entity.__tablename__), record.record_id, other.label()))
    for table_name, row in snapshot["rows"]:
        mapper = _mapper_of(table_name)
        if mapper is None or mapper.class_.__name__ in _PART_OF_THEIR_RECORD:
            continue
        if mapper.class_.__name__ == snapshot["model"] and row.get("id") == snapshot["record_id"]:
            continue
        name = row.get(mapper.class_.named_by) or row.get("id")
        label = f"{_(mapper.class_.record_kind)} {quoted(str(name))}"
        found.append(Other(table_name, str(row.get("id")), label))
    return found


def snapshot_version(snapshot: Mapping[str, Any]) -> int | None:
    """The version of the record a deletion snapshot holds (the one it had when it was
    deleted, which :func:`restore_record` puts back); None for a record without one."""
    for table_name, row in snapshot["rows"]:
        mapper = _mapper_of(table_name)
        if (
            mapper is not None
            and mapper.class_.__name__ == snapshot["model"]
            and row.get("id") == snapshot["record_id"]
        ):
            version = row.get("version")
            return None if version is None else int(version)
    return None


def restore_record(
    session: Session,
    model_cls: type[Base],
    snapshot: Mapping[str, Any],
    *,
    touched: list[Touched] | None = None,
    check_links: bool = True,
) -> None:
    """Put back a deleted record with its links, dependents and cleared references.

    Refused (:class:`RecordNotFoundError`) when a record it links to or refers to was
    deleted since (a delegation of a deleted event): the rule a history revert of the
    deletion follows too, rather than bringing it back with less than it had.
    ``check_links``: False where the caller has checked (an undone import, which puts
    back thousands of events at once) and the database's own refusal is enough.
    ``touched``: given, gets the other records whose references it put back (a
    reference a colleague has set to something else since stays theirs)."""
    _check_restorable(session, model_cls, [snapshot])
    if check_links:
        _check_still_there(session, model_cls, snapshot)
    _restore(session, [snapshot], touched)


def restore_records(
    session: Session,
    model_cls: type[Base],
    snapshots: Sequence[Mapping[str, Any]],
    *,
    touched: list[Touched] | None = None,
) -> None:
    """Put back many deleted records of one kind at once (a redone import brings back
    thousands), as :func:`restore_record` puts back each with ``check_links=False``:
    each table's rows in one statement, the database's refusal the only check of what
    they refer to. ``touched``: as for :func:`restore_record`."""
    _check_restorable(session, model_cls, snapshots)
    _restore(session, snapshots, touched)


def _check_restorable(
    session: Session, model_cls: type[Base], snapshots: Sequence[Mapping[str, Any]]
) -> None:
    """Refuse snapshots of another kind of record, or of a record that exists again."""
    for snapshot in snapshots:
        if snapshot["model"] != model_cls.__name__:
            raise ValueError(f"a snapshot of a {snapshot['model']} cannot restore a {model_cls}")
    titles = {snapshot["record_id"]: snapshot["title"] for snapshot in snapshots}
    entity: Any = model_cls
    ids = list(titles)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        there = session.scalars(select(entity.id).where(entity.id.in_(chunk))).first()
        if there is not None:
            raise SchedulerError(
                _("the {kind} '{title}' already exists").format(
                    kind=_(str(model_cls.record_kind)), title=titles[there]
                )
            )
    session.flush()


def _restore(
    session: Session, snapshots: Sequence[Mapping[str, Any]], touched: list[Touched] | None
) -> None:
    """Insert the snapshots' rows, a table at a time in the order of the foreign keys;
    put their links into the lists of records not brought back with them, and their
    cleared references back where nobody has set another since."""
    tables = _tables()
    brought_back = {
        (table_name, row["id"])
        for snapshot in snapshots
        for table_name, row in snapshot["rows"]
        if "id" in row
    }
    rows_of: dict[str, list[Mapping[str, Any]]] = {}
    relinked: list[tuple[_LinkOwner, Mapping[str, Any]]] = []
    for snapshot in snapshots:
        for table_name, row in snapshot["rows"]:
            owners = [
                owner
                for owner in _link_owners(table_name)
                if (owner.owner_table, row[owner.owner_column]) not in brought_back
            ]
            if owners:
                relinked.extend((owner, row) for owner in owners)
            else:
                rows_of.setdefault(table_name, []).append(row)
    restored: dict[str, list[Any]] = {}
    for table in Base.metadata.sorted_tables:
        rows = _parents_first(table, rows_of.get(table.name, []))
        if rows:
            _insert(session, table, rows)
            restored[table.name] = [row["id"] for row in rows if "id" in row]
    session.flush()
    touching = Touching()
    with session.no_autoflush:  # one flush, one new version for each record changed
        for owner, row in relinked:
            _relink(session, owner, row, touching)
        _file_again(session, rows_of, brought_back, touching)
    for snapshot in snapshots:
        for table_name, key, column, value in snapshot["cleared"]:
            if _set_reference(
                session, table_name, key, column, value, touching, only_if_empty=True
            ):
                continue
            table = tables[table_name]
            condition = [table.c[name] == key_value for name, key_value in key.items()]
            session.execute(
                update(table).where(*condition, table.c[column].is_(None)).values({column: value})
            )
    session.flush()
    if touched is not None:
        touched.extend(touching.touched())
    _note_restored(session, restored)
    session.expire_all()


def _file_again(
    session: Session,
    rows_of: Mapping[str, list[Mapping[str, Any]]],
    brought_back: set[tuple[str, Any]],
    touching: Touching,
) -> None:
    """Count each conference a session comes back under (not brought back with it) as
    changed, as filing the session there through a save would: its version rises and
    its history names its sessions before and after (``touching`` notes it)."""
    from cpp_scheduler.model import Event
    from cpp_scheduler.model.integrity import note_sessions_filed

    events_table = str(Event.__tablename__)
    returning: dict[str, set[str]] = {}
    for row in rows_of.get(events_table, []):
        parent_id = row.get("parent_id")
        if parent_id is not None and (events_table, parent_id) not in brought_back:
            returning.setdefault(str(parent_id), set()).add(str(row["id"]))
    for conference_id, sessions in sorted(returning.items()):
        conference = session.get(Event, conference_id)
        if conference is None:
            continue
        held = set(session.scalars(select(Event.id).where(Event.parent_id == conference_id)))
        note_sessions_filed(session, conference, held - sessions, held)
        touching.note(conference)


def _parents_first(table: Table, rows: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """``rows`` in an order they can be inserted in: a row referring to another row of
    its own table (a session to its conference) after that one."""
    own = [key.parent.name for key in table.foreign_keys if key.column.table is table]
    if not own or len(rows) < 2:
        return rows
    waiting = {row["id"] for row in rows}
    ordered: list[Mapping[str, Any]] = []
    left = rows
    while left:
        ready = [row for row in left if not any(row[name] in waiting for name in own)]
        if not ready:  # a cycle: the database says what is wrong with it
            return ordered + left
        ordered += ready
        waiting -= {row["id"] for row in ready}
        left = [row for row in left if row["id"] in waiting]
    return ordered


def _insert(session: Session, table: Table, rows: list[Mapping[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` in one statement, once none of them takes a value
    another row holds since (an event's calendar UID), nor one the program holds once
    that another record holds since in another case or order (:func:`_check_held_once`):
    that one is named."""
    _check_held_once(session, table, rows)
    for columns in _unique_keys(table):
        wanted = {tuple(row[name] for name in columns): row for row in rows}
        first = table.c[columns[0]]
        values = list({key[0] for key in wanted if key[0] is not None})
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            query = select(*(table.c[name] for name in columns)).where(first.in_(chunk))
            for held in session.execute(query):
                row = wanted.get(tuple(held))
                if row is not None:
                    raise _taken(session, table.name, columns, row)
    try:
        session.execute(table.insert(), rows)
    except IntegrityError as error:
        if isinstance(session, StoreSession):
            raise session.translate(error) from error
        raise


def _check_held_once(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Refuse to bring back rows of ``table`` whose value the program holds once (a
    participant's address, a delegation's name, a route) that another record has taken
    since as the rule reads values: in other capitals, with spaces around, a route the
    other way round. The database's unique constraints tell only identical values apart,
    so a save of the twin passed them; the restore asks the rule a save asks
    (:func:`~cpp_scheduler.model.validation.new_clashes`), against every record of the
    kind, as the check before a flush does. Rows brought back together held their values
    together before, and are no clash of each other's."""
    mapper = _mapper_of(table.name)
    if mapper is None or not rows:
        return
    entity: type = mapper.class_
    if not unique_rules(entity):
        return
    attributes = given_value_columns(entity)
    column_of = {name: mapper.get_property(name).columns[0].name for name in attributes}
    brought_back = {row["id"] for row in rows}
    held = [
        {name: found[column_of[name]] for name in attributes}
        for found in session.execute(
            select(table.c.id, *(table.c[column_of[name]] for name in attributes))
        ).mappings()
        if found["id"] not in brought_back
    ]
    given = [{name: row.get(column_of[name]) for name in attributes} for row in rows]
    judged = [Standing(values, values) for values in held] + [
        Standing(values, None) for values in given
    ]
    for clash in new_clashes(entity, judged):
        if clash.rule is None or clash.other is None or clash.other >= len(held):
            continue  # a value's form, judged when it was given; or a row brought back
        index = clash.record - len(held)
        raise _taken_alike(
            session, mapper, clash.rule, rows[index], given[index], held[clash.other]
        )


def _taken_alike(
    session: Session,
    mapper: Mapper[Any],
    rule: Unique,
    row: Mapping[str, Any],
    values: Mapping[str, Any],
    other: Mapping[str, Any],
) -> StoreError:
    """A record that cannot be put back (its ``row``, its ``values`` by attribute), as
    another of its kind holds its value now as the program reads values (``rule``):
    named with that value as the other holds it, and with the other record's name where
    the value is not its name (an address). A record without a name (a route) goes by
    its own value."""

    kind = _(str(mapper.class_.record_kind))
    label = str(row.get("title") or row.get("name") or rule.quoted_value(values) or row.get("id"))
    value = rule.quoted_value(other)
    where = session.database_name if isinstance(session, StoreSession) else _("the database")
    holder = ", ".join(str(other[name]) for name in rule.named_by if other.get(name))
    if holder:
        message = _(
            "the {kind} {record} cannot be put back: {value} is now used by another "
            "{kind}, {other}, in {where}"
        ).format(
            kind=kind, record=quoted(label), value=quoted(value), other=quoted(holder), where=where
        )
    else:
        message = _(
            "the {kind} {record} cannot be put back: {value} is now used by another {kind} "
            "in {where}"
        ).format(kind=kind, record=quoted(label), value=quoted(value), where=where)
    return DuplicateValueError(message, label, rule.attributes, value)


@cache
def _unique_keys(table: Table) -> tuple[tuple[str, ...], ...]:
    """The columns of each unique constraint of ``table`` (its primary key aside)."""
    return tuple(
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    )


def _check_still_there(
    session: Session, model_cls: type[Base], snapshot: Mapping[str, Any]
) -> None:
    """Refuse to bring back a record whose rows refer to a record deleted since (a link
    to a delegation, a venue), one query per kind of record referred to."""
    tables = _tables()
    brought_back = {(name, row.get("id")) for name, row in snapshot["rows"]}
    wanted: dict[tuple[str, str], set[Any]] = {}
    for table_name, row in snapshot["rows"]:
        for foreign_key in tables[table_name].foreign_keys:
            value = row.get(foreign_key.parent.name)
            target = foreign_key.column.table.name
            if value is None or (target, value) in brought_back:
                continue
            wanted.setdefault((target, foreign_key.column.name), set()).add(value)
    for (target, column_name), values in wanted.items():
        column = tables[target].c[column_name]
        found = set(session.scalars(select(column).where(column.in_(values))))
        if values - found:
            mapper = _mapper_of(target)
            label = f"{_(str(model_cls.record_kind))} {quoted(str(snapshot['title']))}"
            if mapper is None:
                raise RecordNotFoundError(
                    _("a record linked to {record} no longer exists").format(record=label)
                )
            raise link_gone(session, mapper.class_, label, min(values - found))


def _taken_since(
    session: Session, error: IntegrityError, table_name: str, row: Mapping[str, Any]
) -> StoreError:
    """Why a deleted record cannot be put back: most often, another record has taken its
    name (or email, or code) since; the message names both the record and the value."""
    broken = unique_columns(error)
    if broken is None or _mapper_of(table_name) is None:
        if isinstance(session, StoreSession):
            return session.translate(error)
        return StoreError(first_line(error))
    return _taken(session, table_name, broken[1], row)


def _taken(
    session: Session, table_name: str, columns: Sequence[str], row: Mapping[str, Any]
) -> StoreError:
    """A record that cannot be put back, as another of its kind holds its ``columns``'
    values now."""
    mapper = _mapper_of(table_name)
    kind = _(str(mapper.class_.record_kind)) if mapper is not None else table_name
    label = str(row.get("title") or row.get("name") or row.get("id"))
    shown = [column for column in columns if not column.endswith("_id")] or list(columns)
    value = ", ".join(str(row[column]) for column in shown if row.get(column) is not None)
    where = session.database_name if isinstance(session, StoreSession) else _("the database")
    message = _(
        "the {kind} {record} cannot be put back: {value} is now used by another {kind} in {where}"
    ).format(kind=kind, record=quoted(label), value=quoted(value), where=where)
    return DuplicateValueError(message, label, tuple(columns), value)


def _note_restored(session: Session, restored: Mapping[str, list[Any]]) -> None:
    """Write the history of the records a restore put back, read a table at a time with
    their links (an undone import brings back thousands)."""
    for table_name, ids in restored.items():
        mapper = _mapper_of(table_name)
        if mapper is None:
            continue
        entity: Any = mapper.class_
        links = [
            selectinload(getattr(entity, relationship.key))
            for relationship in mapper.relationships
            if relationship.secondary is not None
        ]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = session.scalars(
                select(entity)
                .where(entity.id.in_(chunk))
                .options(*links)
                .execution_options(populate_existing=True)
            )
            history.note_restored(session, found)


def _mapper_of(table_name: str) -> Mapper[Any] | None:
    """The mapper of a record's table, or None for a table of links."""
    table = _tables()[table_name]
    return next((found for found in Base.registry.mappers if found.local_table is table), None)


@dataclass(frozen=True)
class Deleted:
    """What a deletion removed, and the other records it changed."""

    snapshot: dict[str, Any]
    """What :func:`restore` puts back."""
    touched: tuple[Touched, ...]
    """The records whose references to it the deletion cleared (an event held at a
    deleted venue), at the versions it left them."""

    @property
    def version(self) -> int | None:
        """The version the record was deleted at, which :func:`restore` brings it back
        at (None for a record without one)."""
        return snapshot_version(self.snapshot)


def removed_ids(snapshot: Mapping[str, Any], model_cls: type[Base]) -> list[str]:
    """The ids of the records of ``model_cls`` a deletion took (``snapshot``, as
    :func:`delete_record` gives it): the record itself and those that went with it (a
    conference's sessions), which a window showing them must drop."""
    table = _table_of(model_cls).name
    return [str(row["id"]) for name, row in snapshot["rows"] if name == table]


Reach = frozenset[tuple[Any, ...]]
"""What a deletion reaches (:func:`reach_of`): each row it removes, by its table and key,
with its version where it has one, and each reference it clears, by its table, key and
column."""


VersionNow = Callable[[type[Base], str, int], int]
"""The version a record left at a version by a step must be at now (the window's
:meth:`~cpp_scheduler.gui.commands.Editor.expected`): where its own later steps took it."""


def reach_of(
    rows: Iterable[tuple[str, Mapping[str, Any]]],
    cleared: Iterable[Sequence[Any]],
    version_now: VersionNow | None = None,
) -> Reach:
    """The reach of a deletion that removes ``rows`` and clears ``cleared`` (as a
    :class:`Snapshot` holds them): what the question before it read, compared with what
    the deletion itself finds. A row at another version, a row or a reference new since,
    is a colleague's change the question did not show. ``version_now``: each row's
    version followed to where the steps since of whoever asks took it (a redo after the
    window's own edits of a session of the conference it deletes)."""
    tables = _tables()
    entities = _entities_by_table()
    found: set[tuple[Any, ...]] = set()
    for table_name, row in rows:
        key = tuple(_primary_key(tables[table_name], row).values())
        version = row.get("version")
        entity = entities.get(table_name)
        if version_now is not None and version is not None and entity is not None:
            version = version_now(entity, str(row["id"]), version)
        found.add(("row", table_name, key, version))
    for table_name, key, column, *_value in cleared:
        found.add(("cleared", table_name, tuple(key.values()), column))
    return frozenset(found)


def _unseen(snapshot: Mapping[str, Any], reached: Reach) -> bool:
    """Whether the deletion of ``snapshot`` reaches anything the question before it did
    not read as it is now (``reached``): a session filed under a conference since, one of
    its sessions changed since, an invitation sent since. What the question read and is
    gone since is no change of theirs the deletion takes."""
    return not reach_of(snapshot["rows"], snapshot["cleared"]) <= reached


def delete(
    database: Database,
    model_cls: type[Base],
    record_id: str,
    expected_version: int | None = None,
    *,
    alone: bool = False,
    reached: Reach | None = None,
) -> Deleted:
    """Delete a record in one transaction; its snapshot, which :func:`restore` puts
    back, and the other records the deletion changed. Refused
    (:class:`ConcurrentEditError`, nothing deleted) when the record is no longer at
    ``expected_version``: an undo of its creation, or a redo of its deletion, never
    takes a colleague's change away with it. ``alone``: refused too when another record
    refers to it or lists it (see :func:`taken_from_others`), as when its creation is
    taken back: a colleague's session filed under a new conference stays theirs; and
    when invitations sent since still stand (:func:`refuse_standing_invitations`).
    ``reached``: what the question before the deletion read it would take along and
    clear (:attr:`ToDelete.reach`); refused too when it would reach anything else now,
    so nothing a colleague did since the coordinator read the question goes unseen."""
    touched: list[Touched] = []
    with database.transaction() as session:
        hold_for_deleting(session, model_cls, [record_id])
        record = get_record(session, model_cls, record_id)
        if not alone:
            check_version(record, expected_version)
        # Named by its title or name, else as the record names itself (a tour's day by
        # its date), never by its id.
        named = getattr(record, "title", None) or getattr(record, "name", None)
        label = f"{_(str(model_cls.record_kind))} {quoted(str(named))}" if named else record.label()
        snapshot = _delete_held(session, model_cls, record_id, touched)
        if alone:
            # A colleague's work filed under the record is named before its version,
            # which that filing raised too: the session they filed says more.
            others = taken_from_others(session, snapshot, touched)
            if others:
                message = _("{other} refers to {record} since; nothing was deleted").format(
                    other=others[0].label, record=label
                )
                raise StaleRecordError(message, label)
            check_version(record, expected_version)
            refuse_standing_invitations(session, model_cls, snapshot)
        if reached is not None and _unseen(snapshot, reached):
            raise StaleRecordError(
                _(
                    "what deleting {record} takes along was changed by somebody else since "
                    "you were asked (a session filed under it, an invitation sent); nothing "
                    "was deleted; delete it again to see what it takes now"
                ).format(record=label),
                label,
                _(
                    "what deleting {record} takes along was changed by somebody else in the "
                    "meantime"
                ).format(record=label),
            )
    return Deleted(snapshot, tuple(touched))


@dataclass(frozen=True)
class TakenAlong:
    """A record that a deletion of another deletes with it: its kind (untranslated, as
    :attr:`~cpp_scheduler.model.base.Base.record_kind`) and its name."""

    kind: str
    title: str


#: Records that go with the one they belong to as part of it, never named apart: the
#: ledger of sent invitations, of the server's refusals and of answers, a series'
#: changed meetings.
_PART_OF_THEIR_RECORD = frozenset({"SentMessage", "RefusedMessage", "Reply", "OccurrenceOverride"})


@cache
def _entities_by_table() -> dict[str, type[Base]]:
    return {
        mapper.local_table.name: mapper.class_
        for mapper in Base.registry.mappers
        if isinstance(mapper.local_table, Table)
    }


@dataclass(frozen=True)
class Changed:
    """Records of one kind that a deletion changes without deleting them, each losing
    what it held of the deleted record: events their venue, participants their
    delegation, knowledge products a theme."""

    kind: str
    """The kind of the records changed (untranslated, as
    :attr:`~cpp_scheduler.model.base.Base.record_kind`)."""
    loses: str
    """The kind of what they lose: the deleted record's, or one deleted with it (the
    tour day an event was on, of a delegation's study tour)."""
    count: int
    titles: tuple[str, ...]
    """The first of their names, in name order, each as a list shows it."""


@dataclass(frozen=True)
class StandingInvitations:
    """Invitations a deletion takes out of the ledger while they still stand (the last
    message a participant was sent of an event is a REQUEST): those of a deleted event
    and of the events deleted with it, or those a deleted participant was sent. A
    deletion tells nobody, so each stays in its participant's calendar."""

    participants: int = 0
    """The participants holding one of them."""
    events: int = 0
    """The events they hold."""


@dataclass(frozen=True)
class ToDelete:
    """What the question before a deletion needs, read at once: the version the
    coordinator decides on, which the deletion then carries (a colleague's edit since
    is not deleted unseen), the records it takes along, the records it changes, how
    many participants it leaves due an update of their calendars, and the invitations
    it takes out of the ledger while they stand, which nobody is then told are off."""

    version: int | None
    along: tuple[TakenAlong, ...]
    changed: tuple[Changed, ...] = ()
    """The records it changes, events first, then participants, then the other kinds."""
    updates_due: int = 0
    """Participants who were sent an event the deletion changes and whom Send updates
    would then tell something it would not tell them now: the event held at another
    place, or that they no longer attend it (their delegation taken off it). What the
    change report would then say, by its own rule."""
    title: str = ""
    """The record's name, as the question names it."""
    standing: StandingInvitations = StandingInvitations()
    """The invitations that still stand among those the deletion takes out of the
    ledger: of a deleted event (and its sessions), or those a deleted participant was
    sent."""
    series_meetings: int = 0
    """The meetings a series holds, all deleted with it, counted as ``events list``
    lists them (a meeting cancelled alone is none of them); 0 for a one-off event and
    any other record. A coordinator who selected one meeting may mean only that one."""
    reach: Reach = frozenset()
    """Everything the deletion would remove or clear, as the question read it, which
    the deletion then carries (:func:`delete`'s ``reached``): a session filed under a
    conference since, an invitation sent since, refuses it rather than going unseen."""
    unchecked_legs: tuple[str, ...] = ()
    """For a route of the travel-time table: the study tours' legs whose journey it
    alone gives by their mode (:func:`~cpp_scheduler.scheduling.travel.leg_journey`),
    which the conflict check then cannot judge, named (the first few) by route, day and
    tour. A leg is tied to the table by its places and mode, not by a link, so nothing
    else of the deletion counts it."""
    unchecked_leg_count: int = 0


CHANGED_NAMED_AT_MOST = 5
"""The names of changed records of one kind that :func:`to_delete` reads."""


def to_delete(
    database: Database, model_cls: type[Base], record_id: str, named: int = CHANGED_NAMED_AT_MOST
) -> ToDelete:
    """The record's version, the records that deleting it deletes with it and those it
    changes (the first ``named`` names of each kind), the participants it leaves due an
    update and the standing invitations it takes out of the ledger, in one read. Nothing
    is written: the rows are gathered as the deletion gathers them."""
    with database.reading() as session:
        record = get_record(session, model_cls, record_id)
        version = getattr(record, "version", None)
        snapshot = Snapshot(model_cls.__name__, record_id, _title_of(record))
        removed = _gather(session, model_cls, {record_id: snapshot})
        losing = _losing(snapshot, removed)
        return ToDelete(
            int(version) if version is not None else None,
            _taken_along(session, model_cls, record_id),
            _changed(session, losing, named),
            _updates_due(session, snapshot, losing),
            snapshot.title,
            _standing(session, snapshot),
            _series_meetings(record),
            reach_of(snapshot.rows, snapshot.cleared),
            *_legs_left_unchecked(session, record, named),
        )


def _legs_left_unchecked(session: Session, record: Base, named: int) -> tuple[tuple[str, ...], int]:
    """The legs of the study tours that deleting the route ``record`` (any other record:
    none) leaves without a journey, the first ``named`` of them named, and how many."""
    from cpp_scheduler.model import StudyTour, TravelLeg, TravelTime
    from cpp_scheduler.scheduling.inputs import Route
    from cpp_scheduler.scheduling.travel import TravelTable, leg_journey
    from cpp_scheduler.services.queries import read_partner_city_names
    from cpp_scheduler.services.rows import place_key, typed_place_name

    if not isinstance(record, TravelTime):
        return (), 0
    cities = read_partner_city_names(session)

    def key(place: str) -> str:  # one name a place, as the check looks places up
        return place_key(place, cities)

    routes = {
        row.id: Route(key(row.origin), key(row.destination), str(row.mode), row.minutes)
        for row in session.scalars(select(TravelTime))
    }
    with_it = TravelTable.from_routes(routes.values())
    without = TravelTable.from_routes(r for key, r in routes.items() if key != record.id)
    legs = session.execute(
        select(TravelLeg, StudyTour.title)
        .join(StudyTour, TravelLeg.tour_id == StudyTour.id)
        .order_by(TravelLeg.departure_utc, TravelLeg.id)
    ).all()
    unchecked = [
        (leg, title)
        for leg, title in legs
        if leg_journey(with_it, key(leg.origin), key(leg.destination), str(leg.mode)) is not None
        and leg_journey(without, key(leg.origin), key(leg.destination), str(leg.mode)) is None
    ]
    names = tuple(
        _("{origin} → {destination} on {day} ('{tour}')").format(
            origin=printable(typed_place_name(leg.origin, cities)),
            destination=printable(typed_place_name(leg.destination, cities)),
            day=i18n.day_text(timezones.to_local(leg.departure_utc, timezones.TOKYO).date()),
            tour=printable(title),
        )
        for leg, title in unchecked[:named]
    )
    return names, len(unchecked)


def _series_meetings(record: Base) -> int:
    """How many meetings a series holds (:attr:`ToDelete.series_meetings`): its
    occurrences as the engine expands them; 0 for anything but a series."""
    from cpp_scheduler.model import Event

    if not isinstance(record, Event) or not record.is_series:
        return 0
    return len(record.occurrences())


_ORDER_OF_KINDS = ("event", "participant")
"""The kinds of changed records a question names first, in this order; the others
follow by kind."""


def _losing(
    snapshot: Snapshot, removed: set[tuple[str, tuple[Any, ...]]]
) -> dict[tuple[type[Base], str], set[str]]:
    """The ids of the records a deletion changes, by their entity and the kind of what
    they lose: those whose reference it clears, and those whose lists it takes a link
    out of."""
    tables = _tables()
    losing: dict[tuple[type[Base], str], set[str]] = {}
    for table_name, key, column, _value in snapshot.cleared:
        mapper = _mapper_of(table_name)
        if mapper is None or "id" not in key:
            continue
        (foreign_key,) = tables[table_name].c[column].foreign_keys
        target = _mapper_of(foreign_key.column.table.name)
        if target is None:
            continue
        lost = str(target.class_.record_kind)
        losing.setdefault((mapper.class_, lost), set()).add(str(key["id"]))
    for owner, row in _unlinked(snapshot, removed):
        lost = str(owner.target_cls.record_kind)
        losing.setdefault((owner.owner_cls, lost), set()).add(str(row[owner.owner_column]))
    return losing


def _changed(
    session: Session, losing: Mapping[tuple[type[Base], str], set[str]], named: int
) -> tuple[Changed, ...]:
    """Each kind of record changed, counted, with its first ``named`` names in the order
    of the names' readings (a Japanese name shown in Japanese, put where its romanised
    one goes)."""
    found: list[Changed] = []
    for (entity_cls, lost), ids in losing.items():
        entity: Any = entity_cls
        name_column = getattr(entity, entity_cls.named_by)
        japanese = getattr(entity, "name_ja", None)
        names: list[tuple[str, str]] = []
        listed = sorted(ids)
        for start in range(0, len(listed), _CHUNK):
            chunk = listed[start : start + _CHUNK]
            columns = [name_column] if japanese is None else [name_column, japanese]
            for row in session.execute(select(*columns).where(entity.id.in_(chunk))):
                names.append((str(row[0]), str(row[1]) if len(row) > 1 and row[1] else ""))
        names.sort(key=lambda pair: i18n.name_order(*pair))
        kind = str(entity_cls.record_kind)
        titles = tuple(i18n.shown_name(name, name_ja) for name, name_ja in names[:named])
        found.append(Changed(kind, lost, len(ids), titles))

    def order(changed: Changed) -> tuple[int, str, str]:
        first = _ORDER_OF_KINDS.index(changed.kind) if changed.kind in _ORDER_OF_KINDS else 9
        return first, changed.kind, changed.loses

    return tuple(sorted(found, key=order))


def _updates_due(
    session: Session, snapshot: Snapshot, losing: Mapping[tuple[type[Base], str], set[str]]
) -> int:
    """How many participants a deletion leaves due an update
    (:attr:`ToDelete.updates_due`): the change report (``services/changes.py``) of the
    events it changes, read as the deletion would leave them, against the same report
    now. A participant counts where the deletion gives them something new to be told:
    a virtual event losing its venue tells nobody anything (it is held online all the
    same), a delegation taken off an event tells its members they no longer attend it."""
    from cpp_scheduler.model import Event
    from cpp_scheduler.model.integrity import SEQUENCE_ATTRIBUTES
    from cpp_scheduler.services.changes import NOTHING_GONE, changes_without

    changed = set().union(*(ids for (entity, _lost), ids in losing.items() if entity is Event))
    if not changed:
        return 0
    # A conference's sessions naming no delegation are for its delegations: a delegation
    # taken off it is taken off them too, at any depth.
    event_ids = sorted(changed | _sessions_under(session, changed))
    gone: dict[str, set[str]] = {}
    for table_name, row in snapshot.rows:
        if _mapper_of(table_name) is not None and "id" in row:
            gone.setdefault(table_name, set()).add(str(row["id"]))
    events_table = str(Event.__tablename__)
    rescheduled: set[str] = set()
    for table_name, key, column, _value in snapshot.cleared:
        if table_name != events_table:
            continue
        attribute = inspect(Event).get_property_by_column(Event.__table__.c[column]).key
        if attribute in SEQUENCE_ATTRIBUTES:
            rescheduled.add(str(key["id"]))
    now = set(changes_without(session, event_ids, NOTHING_GONE).changes)
    then = changes_without(session, event_ids, gone, rescheduled).changes
    return len({change.participant_id for change in then if change not in now})


def _sessions_under(session: Session, event_ids: set[str]) -> set[str]:
    """The sessions of these events, and theirs, at any depth: read down a level at a
    time (a loop a damaged database could hold ends where it closes)."""
    from cpp_scheduler.model import Event

    found: set[str] = set()
    level = sorted(event_ids)
    while level:
        below: set[str] = set()
        for start in range(0, len(level), _CHUNK):
            chunk = level[start : start + _CHUNK]
            below.update(
                str(row)
                for row in session.scalars(select(Event.id).where(Event.parent_id.in_(chunk)))
            )
        level = sorted(below - found - event_ids)
        found.update(level)
    return found


def _standing(session: Session, snapshot: Snapshot) -> StandingInvitations:
    """The invitations that still stand among the ledger's rows a deletion takes along,
    by the ledger's own reading of which message came last
    (:func:`~cpp_scheduler.services.changes.last_sent`)."""
    from cpp_scheduler.model import SentMessage
    from cpp_scheduler.services.changes import last_sent

    ledger = str(SentMessage.__tablename__)
    pairs = {
        (str(row["event_id"]), str(row["participant_id"]))
        for table_name, row in snapshot.rows
        if table_name == ledger
    }
    if not pairs:
        return StandingInvitations()
    standing = [
        pair
        for pair, last in last_sent(session, sorted({event for event, _ in pairs})).items()
        if pair in pairs and last.method == "REQUEST"
    ]
    return StandingInvitations(
        len({person for _event, person in standing}), len({event for event, _ in standing})
    )


class InvitationsStandError(SchedulerError):
    """Taking back a record (an undone creation or import, a reverted creation) would
    take invitations sent since out of the ledger while they still stand: nobody would
    be told, the event would stay in its participants' calendars, and the program could
    no longer call it off. Refused, nothing changed: cancelling it tells them."""


def refuse_standing_invitations(
    session: Session,
    model_cls: type[Base],
    taken: Mapping[str, Any],
    kept: Mapping[str, Any] | None = None,
) -> None:
    """Refuse (:class:`InvitationsStandError`) taking back the record whose deletion
    took ``taken`` (a snapshot, as :func:`delete_record` gives it) when invitations
    among the ledger's rows it took still stand (the last message of their event to
    their participant a REQUEST). Read from the rows themselves: the deletion took them
    out of the database already.

    ``kept``: the record as it is put back after (an undone import's update). Then any
    message the ledger holds that ``kept`` does not (an update sent since) refuses it:
    putting the record back would leave those participants' calendars on what that
    message told them, and the ledger without it, so nothing would tell them again."""
    if kept is not None:
        _refuse_messages_sent_since(model_cls, taken, kept)
        return
    standing = _standing_in(taken["rows"])
    if not standing:
        return
    record = f"{_(str(model_cls.record_kind))} {quoted(str(taken['title']))}"
    if model_cls.__name__ == "Event":
        count = len({person for _event, person in standing})
        message = i18n.ngettext(
            "invitations to {record} sent since still stand for {count} participant; "
            "nothing was changed: cancel it and send updates to call it off",
            "invitations to {record} sent since still stand for {count} participants; "
            "nothing was changed: cancel it and send updates to call it off",
            count,
        ).format(record=record, count=count)
    else:
        count = len({event for event, _person in standing})
        message = i18n.ngettext(
            "{record} still holds an invitation sent since to {count} event; nothing "
            "was changed: send updates first to withdraw it",
            "{record} still holds invitations sent since to {count} events; nothing "
            "was changed: send updates first to withdraw them",
            count,
        ).format(record=record, count=count)
    raise InvitationsStandError(message)


def _refuse_messages_sent_since(
    model_cls: type[Base], taken: Mapping[str, Any], kept: Mapping[str, Any]
) -> None:
    """:func:`refuse_standing_invitations` for a record put back as ``kept``."""
    from cpp_scheduler.model import SentMessage

    ledger = str(SentMessage.__tablename__)
    before = {str(row["id"]) for table_name, row in kept["rows"] if table_name == ledger}
    since = {
        str(row["participant_id"])
        for table_name, row in taken["rows"]
        if table_name == ledger and str(row["id"]) not in before
    }
    if not since:
        return
    record = f"{_(str(model_cls.record_kind))} {quoted(str(taken['title']))}"
    raise InvitationsStandError(
        i18n.ngettext(
            "messages about {record} were sent since to {count} participant; nothing was "
            "changed: putting it back as it was would leave their calendar on what those "
            "messages told; change it back by hand and send updates",
            "messages about {record} were sent since to {count} participants; nothing was "
            "changed: putting it back as it was would leave their calendars on what those "
            "messages told; change it back by hand and send updates",
            len(since),
        ).format(record=record, count=len(since))
    )


def _standing_in(rows: Iterable[tuple[str, Mapping[str, Any]]]) -> set[tuple[str, str]]:
    """The (event, participant) pairs among the ledger's ``rows`` whose latest message
    is an invitation: latest in the ledger's one order
    (:func:`~cpp_scheduler.model.mail.ledger_key`), which the question before a
    deletion reads in SQL (:func:`_standing`, through
    :func:`~cpp_scheduler.services.changes.last_sent`)."""
    from cpp_scheduler.model import SentMessage
    from cpp_scheduler.model.mail import ledger_key

    ledger = str(SentMessage.__tablename__)
    latest: dict[tuple[str, str], tuple[tuple[Any, ...], Mapping[str, Any]]] = {}
    for table_name, row in rows:
        if table_name != ledger:
            continue
        pair = (str(row["event_id"]), str(row["participant_id"]))
        key = ledger_key(SentMessage, row)
        known = latest.get(pair)
        if known is None or key > known[0]:
            latest[pair] = (key, row)
    return {pair for pair, (_key, row) in latest.items() if row["method"] == "REQUEST"}


def _taken_along(session: Session, model_cls: type[Base], record_id: str) -> tuple[TakenAlong, ...]:
    """The records that deleting this one deletes with it, by the database's ON DELETE
    CASCADE (a delegation's study tours, an area's sub-themes), each named, in name
    order: what the question before a deletion says. Links are not records, and what
    those records hold (a tour's days) goes with them unnamed."""
    entities = _entities_by_table()
    table = model_cls.__table__
    found: list[TakenAlong] = []
    for other in _tables().values():
        entity = entities.get(other.name)
        if entity is None or entity.__name__ in _PART_OF_THEIR_RECORD:
            continue  # a link table, or a part of the record itself
        for foreign_key in other.foreign_keys:
            if (
                foreign_key.column.table is not table
                or (foreign_key.ondelete or "").upper() != "CASCADE"
            ):
                continue
            column = other.c[foreign_key.parent.name]
            for record in session.scalars(select(entity).where(column == record_id)):
                found.append(TakenAlong(str(entity.record_kind), record_title(record)))
    return tuple(sorted(found, key=lambda along: (along.kind, along.title.casefold())))


def restore(
    database: Database, model_cls: type[Base], snapshot: Mapping[str, Any]
) -> tuple[Touched, ...]:
    """Put back a record :func:`delete` removed, in one transaction; the other records
    it changed, their references to it put back, at the versions it left them."""
    touched: list[Touched] = []
    with database.transaction() as session:
        restore_record(session, model_cls, snapshot, touched=touched)
    return tuple(touched)
